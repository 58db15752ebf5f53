#!/usr/bin/env bash
# Install what is missing, build cwbsim (Release) and run the baseline study; print its summary.
# Usage: scripts/run_study.sh [cwbsim run arguments]
#        (default: scenarios/baseline.yaml -o results/baseline.h5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CWB_ROOT"

cwb_install_packages
cwb_configure
cwb_build cwbsim

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  mkdir -p results
  args=(scenarios/baseline.yaml -o results/baseline.h5)
fi
cwb_say "cwbsim run ${args[*]}"
"$CWB_BUILD/sim/cwbsim" run "${args[@]}"

# ---------------------------------------------------------------------------------------------
# REPORT: not written yet. When analysis/ ships its report generator, it goes here, e.g.
#   /usr/bin/python3 analysis/report.py results/baseline.h5 -o results/baseline.html
# ---------------------------------------------------------------------------------------------
[ $# -eq 0 ] && cwb_say "done: results in results/baseline.h5"
exit 0
