#!/usr/bin/env bash
# Builds with sanitizers and runs the unit and CLI integration tests under them.
# Usage: scripts/sanitize.sh asan|tsan [CTEST ARGS...]   (e.g. -R 'ensemble|cli.test_run')
#   asan: AddressSanitizer + UndefinedBehaviorSanitizer, build-asan/
#   tsan: ThreadSanitizer, build-tsan/
# Both build without MPI (Open MPI's internal allocations are not ours to report). Python reader
# tests are left out: the interpreter is not instrumented.
# tsan also builds oneTBB itself with -fsanitize=thread (from Debian's source package of the
# installed version, into build-tsan/tbb/, once) and runs the tests on it: Debian's libtbb is
# not instrumented, so TSan cannot see TBB's synchronisation and reports every hand-over between
# threads as a race. If the source cannot be fetched it falls back to Debian's libtbb with the
# suppressions in scripts/tsan-suppressions.txt (and says so).
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

# tsan_tbb DIR: oneTBB (the installed version) built with ThreadSanitizer, installed in DIR.
tsan_tbb() {
  local dir=$1 src version
  [ -f "$dir/lib/libtbb.so.12" ] && return 0
  version=$(dpkg-query -W -f='${source:Version}' libtbb12 2>/dev/null) || return 1
  src=$(mktemp -d "${TMPDIR:-/tmp}/cwbsim-tbb.XXXXXX")
  # Debian's archive, source packages (deb822 format, which apt recognises by the .sources
  # name; apt's lists go to a scratch directory: the system's apt configuration is untouched).
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    >"$src/tbb.sources"
  mkdir -p "$src/lists/partial"
  local apt=(apt-get -o "Dir::Etc::sourcelist=$src/tbb.sources" -o Dir::Etc::sourceparts=-
    -o "Dir::State::Lists=$src/lists")
  (cd "$src" && "${apt[@]}" update >/dev/null 2>&1 &&
    "${apt[@]}" source --download-only "onetbb=$version" >/dev/null 2>&1) || { rm -rf "$src"; return 1; }
  tar -C "$src" -xf "$src"/onetbb_*.orig.tar.* || { rm -rf "$src"; return 1; }
  local tree
  tree=$(find "$src" -maxdepth 1 -type d -name 'oneTBB-*' | head -1)
  cmake -G Ninja -S "$tree" -B "$src/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_C_FLAGS=-fsanitize=thread \
    -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF \
    -DTBBMALLOC_BUILD=OFF -DTBB_STRICT=OFF -DCMAKE_INSTALL_PREFIX="$dir" >/dev/null &&
    cmake --build "$src/build" -j2 >/dev/null && cmake --install "$src/build" >/dev/null
  local rc=$?
  rm -rf "$src"
  return $rc
}

TSAN_SUPPRESSIONS=

cwb_install_packages
if [ "$kind" = tsan ]; then
  if tsan_tbb "$CWB_BUILD/tbb"; then
    cwb_say "ThreadSanitizer with oneTBB built with -fsanitize=thread ($CWB_BUILD/tbb)"
    export LD_LIBRARY_PATH="$CWB_BUILD/tbb/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  else
    cwb_say "could not build an instrumented oneTBB: Debian's libtbb, with scripts/tsan-suppressions.txt"
    TSAN_SUPPRESSIONS=":suppressions=$CWB_ROOT/scripts/tsan-suppressions.txt"
  fi
fi
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1$TSAN_SUPPRESSIONS}
cwb_configure -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCWB_SANITIZE="$sanitize" -DCWB_WITH_MPI=OFF \
  -DCWB_WARNINGS_AS_ERRORS=ON -DCWB_BUILD_TESTS=ON
cwb_build cwbsim cwbsim_tests
cwb_say "ctest under $kind"
ctest --test-dir "$CWB_BUILD" --output-on-failure -j2 -E '^python\.' "$@"
