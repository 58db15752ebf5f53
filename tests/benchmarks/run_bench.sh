#!/usr/bin/env bash
# Builds Release (its own build dir) and times cwbsim: the benchmark city at 250k/500k/1M persons
# on 1 and 2 threads, the shipped USE-IT! study, 2 MPI ranks vs 1, and the micro-benchmarks.
#
# Usage: tests/benchmarks/run_bench.sh [--months N] [--runs N] [--quick] [--no-micro] [--no-study]
#                                      [--no-mpi]
#   --quick   60 months and the 250k/500k city only (about a minute)
#   --runs N  runs of each benchmark city per thread count (default 3), 1 and 2 threads
#             alternated, so that both meet the same spells of a shared host
# Prints wall seconds (end to end: build the population, run, write the file), person-months
# per second, peak RSS (/usr/bin/time -v) and bytes per person: for the cities the mean and the
# best of the runs and the 2-thread / 1-thread speedup on both; one row per run elsewhere.
# "cpu s" (user + system) shows when other work shared the cores.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/common.sh"
CWB_BUILD=${CWB_BENCH_BUILD:-$CWB_ROOT/build-bench}

MONTHS=120
RUNS=3
SIZES=(250k 500k 1m)
MICRO=1 STUDY=1 MPI=1
while [ $# -gt 0 ]; do
  case $1 in
    --months) MONTHS=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --quick) MONTHS=60; SIZES=(250k 500k) ;;
    --no-micro) MICRO=0 ;;
    --no-study) STUDY=0 ;;
    --no-mpi) MPI=0 ;;
    *) cwb_die "unknown option $1 (see the header of $0)" ;;
  esac
  shift
done

cwb_install_packages
cwb_configure -DCWB_BUILD_TESTS=OFF -DCWB_BUILD_BENCHMARKS=ON -DCMAKE_BUILD_TYPE=Release
cwb_build cwbsim cwbsim_bench
CWBSIM=$CWB_BUILD/sim/cwbsim
OUT=$(mktemp -d "${TMPDIR:-/tmp}/cwbsim-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=${OMPI_MCA_btl_vader_single_copy_mechanism:-none}

# Working-age residents of the benchmark city (the persons of the model) at a scale.
CITY_PERSONS=$(awk -F, 'NR > 1 { s += $2 } END { print s }' "$CWB_ROOT/scenarios/bench/city_1m_zones.csv")
USEIT_PERSONS=$(awk -F, 'NR > 1 { s += $2 } END { print s }' "$CWB_ROOT/scenarios/data/use_it_zones.csv")

# calc EXPRESSION: floating-point arithmetic (awk: no bc needed).
calc() { awk "BEGIN { printf \"%.6f\", ($1) }"; }

# run_timed COMMAND...: runs it under /usr/bin/time -v; sets WALL, CPU (user + system) and
# RSS_KB.
run_timed() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" || { cat "$OUT/err" >&2; cwb_die "failed: $*"; }
  end=$(date +%s.%N)
  WALL=$(calc "$end - $start")
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/time")
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$OUT/time")
}

# measure PERSONS MONTHS_TOTAL COMMAND...: run_timed, then one row (label $LABEL).
measure() {
  local persons=$1 person_months=$2
  shift 2
  run_timed "$@"
  printf '%-34s %9.2f %8.2f %14.0f %10.0f %12.0f\n' "$LABEL" "$WALL" "$CPU" \
    "$(calc "$person_months / $WALL")" "$(calc "$RSS_KB / 1024")" \
    "$(calc "$RSS_KB * 1024 / $persons")"
}

header() {
  echo
  echo "== $1 (load average now: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
  printf '%-34s %9s %8s %14s %10s %12s\n' run "wall s" "cpu s" "person-months/s" "peak MB" "bytes/person"
}

echo
echo "== benchmark city, one replicate, $MONTHS months, results written, $RUNS runs per row, 1 and 2 threads alternated (load average now: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
printf '%-26s %8s %8s %8s %13s %13s %8s %12s\n' run "mean s" "best s" "cpu s" "p-months/s" \
  "(best)" "peak MB" "bytes/person"
for size in "${SIZES[@]}"; do
  case $size in 250k) scale=0.25 ;; 500k) scale=0.5 ;; 1m) scale=1 ;; esac
  persons=$(awk "BEGIN { printf \"%d\", $CITY_PERSONS * $scale }")
  declare -A sum=([1]=0 [2]=0) best=([1]=1e9 [2]=1e9) cpu=([1]=0 [2]=0) rss=([1]=0 [2]=0)
  for ((run = 1; run <= RUNS; run++)); do
    for t in 1 2; do
      run_timed "$CWBSIM" run "$CWB_ROOT/scenarios/bench/city_$size.yaml" --months "$MONTHS" \
        --threads "$t" -q -o "$OUT/city.h5"
      sum[$t]=$(calc "${sum[$t]} + $WALL")
      best[$t]=$(calc "$WALL < ${best[$t]} ? $WALL : ${best[$t]}")
      cpu[$t]=$(calc "${cpu[$t]} + $CPU")
      rss[$t]=$(calc "$RSS_KB > ${rss[$t]} ? $RSS_KB : ${rss[$t]}")
    done
  done
  for t in 1 2; do
    mean=$(calc "${sum[$t]} / $RUNS")
    printf '%-26s %8.2f %8.2f %8.2f %13.0f %13.0f %8.0f %12.0f\n' "city_$size --threads $t" \
      "$mean" "${best[$t]}" "$(calc "${cpu[$t]} / $RUNS")" \
      "$(calc "$persons * $MONTHS / $mean")" "$(calc "$persons * $MONTHS / ${best[$t]}")" \
      "$(calc "${rss[$t]} / 1024")" "$(calc "${rss[$t]} * 1024 / $persons")"
  done
  printf '%-26s %7.2fx %7.2fx  (on the means; on the best runs)\n' \
    "city_$size speedup 2 / 1" "$(calc "${sum[1]} / ${sum[2]}")" \
    "$(calc "${best[1]} / ${best[2]}")"
done

# Where the time goes in the largest city: the phase timers (cwbsim run --profile).
largest=${SIZES[${#SIZES[@]}-1]}
echo
echo "== where the time goes: city_$largest, $MONTHS months, --threads 2 --profile"
"$CWBSIM" run "$CWB_ROOT/scenarios/bench/city_$largest.yaml" --months "$MONTHS" --threads 2 -q \
  --profile -o "$OUT/city.h5" 2>&1 >/dev/null | sed 's/^/  /'

if [ "$STUDY" = 1 ]; then
  header "shipped USE-IT! baseline x 20 replicates x $MONTHS months"
  for t in 1 2; do
    LABEL="baseline x 20 --threads $t"
    measure "$USEIT_PERSONS" "$((USEIT_PERSONS * MONTHS * 20))" \
      "$CWBSIM" run "$CWB_ROOT/scenarios/baseline.yaml" --replicates 20 --months "$MONTHS" \
      --threads "$t" -q -o "$OUT/study.h5"
    [ "$t" = 1 ] && one=$WALL
  done
  printf '%-34s %9.2fx\n' "speedup 2 threads / 1" "$(calc "$one / $WALL")"
  shipped=("$CWB_ROOT/scenarios/baseline.yaml" "$CWB_ROOT"/scenarios/use_it/*.yaml)
  header "shipped USE-IT! study: all ${#shipped[@]} scenarios x 20 replicates x $MONTHS months"
  LABEL="study --threads 2"
  measure "$USEIT_PERSONS" "$((USEIT_PERSONS * MONTHS * 20 * ${#shipped[@]}))" \
    "$CWBSIM" run "${shipped[@]}" --replicates 20 --months "$MONTHS" --threads 2 -q \
    -o "$OUT/study.h5"
fi

if [ "$MPI" = 1 ] && command -v mpirun >/dev/null 2>&1 && ldd "$CWBSIM" | grep -q libmpi; then
  # Eight replicates: four runs per rank. (With four, two per rank, the fixed costs of a launch,
  # mpirun's start-up and the gather and write on rank 0, are a larger share: 1.65x against
  # 1.79x with eight, measured on 2026-12-03.)
  MPI_REPLICATES=8
  header "ensemble over MPI: baseline x $MPI_REPLICATES replicates x $MONTHS months, 1 thread per rank"
  for np in 1 2; do
    LABEL="mpirun -np $np --threads 1"
    measure "$USEIT_PERSONS" "$((USEIT_PERSONS * MONTHS * MPI_REPLICATES))" \
      mpirun --oversubscribe -np "$np" "$CWBSIM" run "$CWB_ROOT/scenarios/baseline.yaml" \
      --replicates "$MPI_REPLICATES" --months "$MONTHS" --threads 1 -q -o "$OUT/mpi$np.h5"
    [ "$np" = 1 ] && one=$WALL
  done
  printf '%-34s %9.2fx\n' "speedup 2 ranks / 1 rank" "$(calc "$one / $WALL")"
  echo "(peak MB under mpirun is the largest single process)"
fi

if [ "$MICRO" = 1 ]; then
  echo
  echo "== micro-benchmarks (Google Benchmark)"
  "$CWB_BUILD/tests/benchmarks/cwbsim_bench" --benchmark_min_time=0.2
fi
