#!/usr/bin/env bash
# Install what is missing, build cwbsim (Release) and run the shipped USE-IT! study (the
# baseline and every scenario of scenarios/use_it/); print its summary and write the report.
# Usage: scripts/run_study.sh [cwbsim run arguments]
#        (default: scenarios/baseline.yaml scenarios/use_it/*.yaml -o results/use_it.h5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CWB_ROOT"

cwb_install_packages
cwb_configure
cwb_build cwbsim

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  mkdir -p results
  args=(scenarios/baseline.yaml scenarios/use_it/*.yaml -o results/use_it.h5)
fi
cwb_say "cwbsim run ${args[*]}"
"$CWB_BUILD/sim/cwbsim" run "${args[@]}"

# Report: a self-contained HTML file next to the results (results/report.html), written by
# analysis/cwb_analysis from whatever `-o` named (default results/use_it.h5).
results=results.h5
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    -o | --output) results=${args[$((i + 1))]:-results.h5} ;;
    -o?*) results=${args[$i]#-o} ;;
    --output=*) results=${args[$i]#--output=} ;;
  esac
done
report="$(dirname "$results")/report.html"
cwb_say "report: $report"
PYTHONPATH="$CWB_ROOT/analysis${PYTHONPATH:+:$PYTHONPATH}" /usr/bin/python3 -m cwb_analysis report "$results" -o "$report" >/dev/null
cwb_say "done: results in $results, report in $report"
exit 0
