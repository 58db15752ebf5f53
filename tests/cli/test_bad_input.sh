#!/usr/bin/env bash
# Bad input at the command line exits 2, says why on stderr and leaves no file at -o.
set -u
source "$(dirname "$0")/lib.sh" "$@"

BASE="$REPO/scenarios/baseline.yaml"
OUT="$WORK/out.h5"

# bad_run WHAT ARGS...: `cwbsim run ARGS` must exit 2 with an error message and write nothing.
bad_run() {
  local what=$1
  shift
  check "$what"
  cwb run "$@"
  expect_rc 2 "$what"
  expect_error_prefix "$what"
  expect_absent "$OUT" "$what"
}

bad_run "output into a nonexistent directory" "$BASE" -o "$WORK/no/such/dir/out.h5"
if [ -e "$WORK/no" ]; then fail "a directory was created for the output"; fi
mkdir "$WORK/adir"
check "output path is a directory"
cwb run "$BASE" -o "$WORK/adir" --months 1 --replicates 1
expect_rc 2 "output path is a directory"
expect_error_prefix "output path is a directory"
expect_only_files "$WORK/adir" "output path is a directory"

bad_run "--threads 0" "$BASE" -o "$OUT" --threads 0
bad_run "--threads -3" "$BASE" -o "$OUT" --threads -3
bad_run "--replicates 0" "$BASE" -o "$OUT" --replicates 0
bad_run "--replicates -1" "$BASE" -o "$OUT" --replicates -1
bad_run "--months 0" "$BASE" -o "$OUT" --months 0
bad_run "--seed -1" "$BASE" -o "$OUT" --seed -1
bad_run "--seed not a number" "$BASE" -o "$OUT" --seed twelve
bad_run "--progress bogus" "$BASE" -o "$OUT" --progress bogus
bad_run "a missing scenario file" "$WORK/missing.yaml" -o "$OUT"
expect_in "$WORK/err" "missing.yaml" "the message names the missing file"
bad_run "a directory as scenario" "$WORK/adir" -o "$OUT"

printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\xff\xfe' \
  >"$WORK/picture.yaml"
bad_run "a binary (PNG) file as scenario" "$WORK/picture.yaml" -o "$OUT"
expect_in "$WORK/err" "picture.yaml" "the message names the binary file"

printf 'just some words, not a mapping\n' >"$WORK/words.yaml"
bad_run "a YAML scalar instead of a mapping" "$WORK/words.yaml" -o "$OUT"

: >"$WORK/empty.yaml"
bad_run "an empty scenario file" "$WORK/empty.yaml" -o "$OUT"

printf 'extends: %s\nno_such_key_anywhere: 3\n' "$BASE" >"$WORK/unknown-key.yaml"
bad_run "one good and one bad scenario" "$BASE" "$WORK/unknown-key.yaml" -o "$OUT"
expect_in "$WORK/err" "unknown-key.yaml:2" "the error names the bad file and line"
expect_in "$WORK/err" "no_such_key_anywhere" "the error names the bad key"

bad_run "two bad scenarios: both reported" "$WORK/missing.yaml" "$WORK/unknown-key.yaml" -o "$OUT"
expect_in "$WORK/err" "missing.yaml" "first bad file reported"
expect_in "$WORK/err" "unknown-key.yaml" "second bad file reported"

check "validate reports every bad file and exits 2"
cwb validate "$BASE" "$WORK/missing.yaml" "$WORK/unknown-key.yaml"
expect_rc 2 "validate with bad files"
expect_in "$WORK/out" "ok: $BASE" "the good file is ok"
expect_in "$WORK/err" "missing.yaml" "validate reports the missing file"
expect_in "$WORK/err" "no_such_key_anywhere" "validate reports the unknown key"

expect_only_files "$WORK" "after all bad runs" adir empty.yaml picture.yaml unknown-key.yaml words.yaml err out
finish
