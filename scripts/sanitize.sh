#!/usr/bin/env bash
# Builds with sanitizers and runs the unit and CLI integration tests under them.
# Usage: scripts/sanitize.sh asan|tsan [CTEST ARGS...]   (e.g. -R 'ensemble|cli.test_run')
#   asan: AddressSanitizer + UndefinedBehaviorSanitizer, build-asan/
#   tsan: ThreadSanitizer, build-tsan/
# Both build without MPI (Open MPI's internal allocations are not ours to report). Python reader
# tests are left out: the interpreter is not instrumented.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CWB_ROOT"
kind=${1:?usage: scripts/sanitize.sh asan|tsan [CTEST ARGS...]}
shift
case $kind in
  asan) sanitize="address,undefined" ;;
  tsan) sanitize="thread" ;;
  *) cwb_die "unknown sanitizer '$kind' (asan or tsan)" ;;
esac
CWB_BUILD=${CWB_SANITIZE_BUILD:-$CWB_ROOT/build-$kind}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$CWB_ROOT/scripts/tsan-suppressions.txt}

cwb_install_packages
cwb_configure -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCWB_SANITIZE="$sanitize" -DCWB_WITH_MPI=OFF \
  -DCWB_WARNINGS_AS_ERRORS=ON -DCWB_BUILD_TESTS=ON
cwb_build cwbsim cwbsim_tests
cwb_say "ctest under $kind"
ctest --test-dir "$CWB_BUILD" --output-on-failure -j2 -E '^python\.' "$@"
