#!/usr/bin/env bash
# Bitwise-identical results for --threads 1, 2, 4, for 1 and 2 MPI ranks, for any --compaction
# and with or without the AVX-512 paths (CWB_SIMD=0); another seed differs.
set -u
source "$(dirname "$0")/lib.sh" "$@"

COMPARE=(/usr/bin/python3 "$REPO/tests/cli/compare_results.py")
/usr/bin/python3 -c 'import h5py' 2>/dev/null || { echo "SKIP: python3-h5py is not installed"; exit 0; }

# Two scenarios: the baseline and a copy under another name (its own zones file alongside).
mkdir -p "$WORK/scen"
cp "$REPO/scenarios/baseline.yaml" "$WORK/scen/baseline.yaml"
cp -r "$REPO/scenarios/data" "$WORK/scen/data"
sed 's/^name: baseline$/name: second/' "$REPO/scenarios/baseline.yaml" >"$WORK/scen/second.yaml"
STUDY=("$WORK/scen/baseline.yaml" "$WORK/scen/second.yaml" --months 24 -q)

# same_over_threads NAME REPLICATES: runs the study on 1, 2 and 4 threads into NAME1.h5 ...
# and checks that 2 and 4 threads give the data of 1.
same_over_threads() {
  local name=$1 replicates=$2 t
  for t in 1 2 4; do
    check "$replicates replicate(s), --threads $t"
    cwb run "${STUDY[@]}" --replicates "$replicates" --threads "$t" -o "$WORK/$name$t.h5"
    expect_rc 0 "run with $replicates replicate(s) and --threads $t"
  done
  for t in 2 4; do
    check "$replicates replicate(s): --threads $t gives the same data as --threads 1"
    if "${COMPARE[@]}" "$WORK/${name}1.h5" "$WORK/$name$t.h5"; then pass "threads 1 = threads $t"
    else fail "threads 1 and $t differ"; fi
  done
}
# As many replicates as threads or more: each run works on one thread.
same_over_threads t 4
# One replicate: fewer runs than threads, so each run's phases are split over the threads.
same_over_threads one 1

check "another --seed gives other results"
cwb run "${STUDY[@]}" --replicates 4 --threads 2 --seed 7 -o "$WORK/seed7.h5"
expect_rc 0 "run with --seed 7"
if "${COMPARE[@]}" "$WORK/t1.h5" "$WORK/seed7.h5" --expect-different; then pass "seed changes the data"
else fail "a different seed gave identical data"; fi

# The memory layout: compaction puts the tables back in order (persons by household), which
# changes the rows' order; no result may depend on it (never compacting, or compacting often).
for every in 0 2; do
  check "--compaction $every gives the same data as the default"
  cwb run "${STUDY[@]}" --replicates 4 --threads 2 --compaction "$every" -o "$WORK/compact$every.h5"
  expect_rc 0 "run with --compaction $every"
  if "${COMPARE[@]}" "$WORK/t1.h5" "$WORK/compact$every.h5"; then pass "compaction $every = default"
  else fail "--compaction $every changed the data"; fi
done

# The vector paths (sim/core/simd.hpp) off: the plain x86-64 code must give the same bits (on a
# processor without AVX-512 both runs take the plain paths, and the check holds trivially).
check "CWB_SIMD=0 gives the same data as the default"
CWB_SIMD=0 cwb run "${STUDY[@]}" --replicates 4 --threads 2 -o "$WORK/plain.h5"
expect_rc 0 "run with CWB_SIMD=0"
if "${COMPARE[@]}" "$WORK/t1.h5" "$WORK/plain.h5"; then pass "plain paths = default"
else fail "CWB_SIMD=0 changed the data"; fi

if ! command -v mpirun >/dev/null 2>&1 || ! ldd "$CWBSIM" | grep -q libmpi; then
  echo "SKIP: MPI part (mpirun missing or cwbsim built without CWB_WITH_MPI)"
  finish
fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Containers often forbid the cross-memory attach Open MPI uses for large messages.
export OMPI_MCA_btl_vader_single_copy_mechanism=${OMPI_MCA_btl_vader_single_copy_mechanism:-none}
for np in 1 2; do
  check "mpirun -np $np"
  RC=0
  timeout 300 mpirun --oversubscribe -np "$np" "$CWBSIM" run "${STUDY[@]}" --replicates 4 --threads 1 \
    -o "$WORK/np$np.h5" >"$WORK/out" 2>"$WORK/err" </dev/null || RC=$?
  expect_rc 0 "mpirun -np $np"
  if "${COMPARE[@]}" "$WORK/t1.h5" "$WORK/np$np.h5"; then pass "1 process = $np rank(s)"
  else fail "$np rank(s) differ from one process"; fi
  ranks=$(/usr/bin/python3 -c "import h5py,sys; print(int(h5py.File(sys.argv[1])['/'].attrs['ranks']))" "$WORK/np$np.h5" 2>/dev/null)
  if [ "$ranks" = "$np" ]; then pass "provenance: ranks = $np"; else fail "provenance ranks is '$ranks', expected $np"; fi
done
finish
