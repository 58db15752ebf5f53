#!/usr/bin/env bash
# Install what is missing, build everything with warnings as errors, run the whole test suite.
# Exits with ctest's status. Used by .ci/run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CWB_ROOT"

cwb_install_packages
cwb_configure -DCWB_WARNINGS_AS_ERRORS=ON -DCWB_BUILD_TESTS=ON
cwb_build

cwb_say "ctest --test-dir $CWB_BUILD --output-on-failure -j2"
status=0
ctest --test-dir "$CWB_BUILD" --output-on-failure -j2 || status=$?
exit "$status"
