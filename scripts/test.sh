#!/usr/bin/env bash
# Install what is missing, build everything with warnings as errors, run the whole test suite,
# then the unit and short CLI tests under ASan+UBSan. Exits non-zero if any failed. Used by .ci/run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CWB_ROOT"

cwb_install_packages
cwb_configure -DCWB_WARNINGS_AS_ERRORS=ON -DCWB_BUILD_TESTS=ON
cwb_build

cwb_say "ctest --test-dir $CWB_BUILD --output-on-failure -j2"
status=0
ctest --test-dir "$CWB_BUILD" --output-on-failure -j2 || status=$?

# ASan + UBSan on the unit tests and the short CLI tests (a separate build, about 5 minutes on
# 2 cores; the long determinism run, the shipped-scenario study, the pairing study and the MPI
# and Python tests are left to the main build).
# CWB_CI_SANITIZE=0 skips it.
if [ "${CWB_CI_SANITIZE:-1}" = 1 ]; then
  "$CWB_ROOT/scripts/sanitize.sh" asan -E 'python|test_determinism|test_mpi|test_summary|ShippedScenarios|CommonRandomNumbers.Pairing' || status=$?
fi
exit "$status"
