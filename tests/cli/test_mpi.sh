#!/usr/bin/env bash
# mpirun -np 2: one summary and one set of messages (rank 0), a failing rank fails the run with
# its message and exit code and leaves no file, bad input fails every rank alike; never hangs.
set -u
source "$(dirname "$0")/lib.sh" "$@"

if ! command -v mpirun >/dev/null 2>&1 || ! ldd "$CWBSIM" | grep -q libmpi; then
  echo "SKIP: mpirun missing or cwbsim built without CWB_WITH_MPI"
  exit 0
fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=${OMPI_MCA_btl_vader_single_copy_mechanism:-none}
BASE="$REPO/scenarios/baseline.yaml"

# mpi2 ARGS...: cwbsim on 2 ranks with a time limit (a hang is a failure, exit 124).
mpi2() {
  RC=0
  timeout 300 mpirun --oversubscribe -np 2 "$CWBSIM" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null || RC=$?
}

mkdir "$WORK/ok"
check "a 2-rank study: exit 0, the file, one summary, messages from rank 0 only"
mpi2 run "$BASE" --months 6 --replicates 3 --threads 1 --progress always -o "$WORK/ok/r.h5"
expect_rc 0 "2-rank run"
if [ -s "$WORK/ok/r.h5" ]; then pass "results file written"; else fail "no results file"; fi
expect_only_files "$WORK/ok" "2-rank run" r.h5
n=$(grep -c '^Scenario baseline' "$WORK/out")
if [ "$n" = 1 ]; then pass "summary printed once"; else fail "summary printed $n times"; fi
n=$(grep -c 'cwbsim: info: wrote' "$WORK/err")
if [ "$n" = 1 ]; then pass "'wrote' logged once"; else fail "'wrote' logged $n times"; fi
expect_in "$WORK/err" "on 2 MPI ranks x 1 thread" "the log names the ranks"

for run in 1 2; do
  mkdir "$WORK/fail$run"
  check "run $run fails on rank $((run % 2)): exit 1, its message, no file"
  CWB_TEST_FAIL_RUN=$run mpi2 run "$BASE" --months 3 --replicates 3 --threads 1 -q \
    -o "$WORK/fail$run/r.h5"
  expect_rc 1 "failing rank"
  expect_in "$WORK/err" "run $run failed on purpose" "the failing run's message"
  n=$(grep -c '^cwbsim: error: ' "$WORK/err")
  if [ "$n" = 1 ]; then pass "the error is reported once"; else fail "the error is reported $n times"; fi
  expect_only_files "$WORK/fail$run" "failing rank"
done

check "the same failure in one process: same exit code and message"
CWB_TEST_FAIL_RUN=1 cwb run "$BASE" --months 3 --replicates 3 --threads 2 -q -o "$WORK/one.h5"
expect_rc 1 "failing run, one process"
expect_in "$WORK/err" "run 1 failed on purpose" "message"
expect_absent "$WORK/one.h5" "failing run, one process"

check "bad input under MPI: exit 2 on every rank, reported once"
mpi2 run "$BASE" --months 3 --replicates 2 -o "$WORK/no-such-dir/r.h5"
expect_rc 2 "unwritable output"
n=$(grep -c '^cwbsim: error: ' "$WORK/err")
if [ "$n" = 1 ]; then pass "reported once"; else fail "reported $n times"; fi
mpi2 run "$WORK/missing.yaml" -o "$WORK/r.h5"
expect_rc 2 "missing scenario file"
expect_error_prefix "missing scenario file"
finish
