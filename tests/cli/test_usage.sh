#!/usr/bin/env bash
# cwbsim --version, --help on every subcommand (exit 0) and usage errors (exit 2).
set -u
source "$(dirname "$0")/lib.sh" "$@"

check "--version prints 'cwbsim VERSION (git COMMIT)'"
cwb --version
expect_rc 0 "--version"
if grep -qE '^cwbsim [0-9]+\.[0-9]+\.[0-9]+ \(git [^)]+\)$' "$WORK/out"; then pass "--version format"
else fail "--version printed '$(cat "$WORK/out")'"; fi

for sub in "" run validate; do
  check "${sub:-cwbsim} --help exits 0 and prints usage"
  # shellcheck disable=SC2086
  cwb $sub --help
  expect_rc 0 "${sub:-cwbsim} --help"
  expect_in "$WORK/out" "Usage:" "${sub:-cwbsim} --help prints usage on stdout"
done
cwb run --help
expect_in "$WORK/out" "--replicates" "run --help lists --replicates"
expect_in "$WORK/out" "--progress" "run --help lists --progress"

check "usage errors exit 2 with a 'cwbsim: error:' message"
cwb
expect_rc 2 "no subcommand"
expect_error_prefix "no subcommand"
cwb frobnicate
expect_rc 2 "unknown subcommand"
cwb run --no-such-option "$REPO/scenarios/baseline.yaml"
expect_rc 2 "unknown option"
expect_error_prefix "unknown option"
cwb run
expect_rc 2 "run without a scenario"
cwb validate
expect_rc 2 "validate without a scenario"
cwb run "$REPO/scenarios/baseline.yaml" --progress bogus -o "$WORK/x.h5"
expect_rc 2 "--progress bogus"
expect_absent "$WORK/x.h5" "--progress bogus"

check "validate scenarios/baseline.yaml"
cwb validate "$REPO/scenarios/baseline.yaml"
expect_rc 0 "validate baseline"
if grep -qE '^ok: .*baseline\.yaml \(scenario [A-Za-z0-9_-]+, [0-9]+ zones?, [0-9]+ anchors?\)$' "$WORK/out"
then pass "validate prints 'ok: FILE (scenario NAME, N zones, M anchors)'"
else fail "validate printed '$(cat "$WORK/out")'"; fi

check "validate --print gives the resolved YAML on stdout, the ok line on stderr"
cwb validate --print "$REPO/scenarios/baseline.yaml"
expect_rc 0 "validate --print"
expect_in "$WORK/out" "name:" "resolved YAML names the scenario"
expect_in "$WORK/err" "ok: " "ok line on stderr"

finish
