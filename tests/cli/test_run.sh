#!/usr/bin/env bash
# A short baseline run: exit 0, the results file and nothing else, a summary, the output contract.
set -u
source "$(dirname "$0")/lib.sh" "$@"

BASE="$REPO/scenarios/baseline.yaml"
mkdir "$WORK/results"
OUT="$WORK/results/short run.h5"  # a space, to check quoting and paths

check "cwbsim run baseline --months 24 --replicates 2"
cwb run "$BASE" --months 24 --replicates 2 --threads 2 --progress always -o "$OUT"
expect_rc 0 "run"
if [ -s "$OUT" ]; then pass "results file written"; else fail "no results file at $OUT"; fi
expect_only_files "$WORK/results" "no temporary files left" "short run.h5"
if [ -s "$WORK/out" ]; then pass "summary printed on stdout ($(wc -l <"$WORK/out") lines)"
else fail "nothing printed on stdout"; fi
if grep -q 'cwbsim: error' "$WORK/err"; then fail "error messages on stderr of a good run"; fi
if grep -q $'\r' "$WORK/err"; then fail "a progress bar was drawn although stderr is not a terminal"
else pass "no progress bar when stderr is not a terminal"; fi
sed 's/^/    stdout| /' "$WORK/out" | head -40

if command -v h5dump >/dev/null 2>&1 && [ -s "$OUT" ]; then
  check "provenance records the command line and the threads"
  h5dump -A -g / "$OUT" >"$WORK/attrs" 2>&1
  expect_in "$WORK/attrs" "'$OUT'" "command line quotes the path with a space"
fi

check "--quiet prints nothing on stderr"
cwb run "$BASE" --months 2 --replicates 1 -q -o "$WORK/results/quiet.h5"
expect_rc 0 "quiet run"
if [ -s "$WORK/err" ]; then fail "--quiet printed on stderr"; else pass "--quiet: stderr empty"; fi

check "--profile: seconds for every phase of the month, on stderr"
cwb run "$BASE" --months 3 --replicates 2 --threads 2 -q --profile -o "$WORK/results/profile.h5"
expect_rc 0 "profiled run"
for phase in build policies anchors businesses labour_market churn households record accounts \
  compact total; do
  if grep -Eq "^  $phase +[0-9]+\.[0-9]{3}" "$WORK/err"; then pass "profile lists $phase"
  else fail "profile does not list $phase"; fi
done
expect_in "$WORK/err" "summed over 2 runs" "profile counts both runs"
# The phases add up to the total (to the printed millisecond, give or take rounding).
awk '/^  [a-z_]+ +[0-9]/ { if ($1 == "total") t = $2; else s += $2 }
     END { d = s - t; exit (d < -0.02 || d > 0.02) ? 1 : 0 }' "$WORK/err" \
  && pass "phase seconds add up to the total" || fail "phase seconds do not add up to the total"

check "Ctrl-C (SIGINT) during a study: exit 130, no results file, no temporary files"
mkdir "$WORK/interrupted"
"$CWBSIM" run "$BASE" --replicates 200 --threads 1 -q -o "$WORK/interrupted/i.h5" \
  >"$WORK/out" 2>"$WORK/err" </dev/null &
pid=$!
sleep 2
kill -INT "$pid" 2>/dev/null
wait "$pid"
RC=$?
if [ "$RC" -eq 0 ]; then
  echo "SKIP: the study finished before the interrupt arrived"
else
  expect_rc 130 "interrupted run"
  expect_in "$WORK/err" "interrupted" "the message says the run was interrupted"
  expect_only_files "$WORK/interrupted" "interrupted run"
fi

CHECKER="$REPO/../shared/tools/check_results.py"
if [ ! -f "$CHECKER" ]; then
  echo "SKIP: $CHECKER not found; contract and stock-flow checks skipped"
elif [ ! -s "$OUT" ]; then
  fail "no results file to check"
else
  for what in contract sam; do
    check "check_results.py $what"
    : >"$WORK/err"
    /usr/bin/python3 "$CHECKER" "$what" "$OUT" >"$WORK/check" 2>&1
    RC=$?
    sed 's/^/    check| /' "$WORK/check" | tail -5
    expect_rc 0 "check_results.py $what"
  done
fi

finish
