# Shared by scripts/*.sh (sourced): the Debian packages cwbsim needs, installing what is missing,
# shellcheck shell=bash
# and configuring + building with CMake and Ninja. Works as root (CI) or with sudo.

CWB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CWB_BUILD=${CWB_BUILD:-$CWB_ROOT/build}
export DEBIAN_FRONTEND=noninteractive

# Debian 12 (bookworm) packages: compilers and build tools, the C++ libraries, the Python readers.
CWB_PACKAGES=(
  build-essential g++ cmake ninja-build ccache pkg-config git
  libyaml-cpp-dev libhdf5-dev libtbb-dev librandom123-dev libboost-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev hdf5-tools libopenmpi-dev openmpi-bin time
  python3 python3-numpy python3-xarray python3-h5netcdf python3-h5py python3-pandas
  python3-matplotlib python3-yaml
)

cwb_say() { printf '==> %s\n' "$*"; }
cwb_die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Print the packages of CWB_PACKAGES that are not installed.
cwb_missing_packages() {
  local p
  for p in "${CWB_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$p"
    fi
  done
}

# Install what is missing; do nothing (no network) when everything is there.
cwb_install_packages() {
  command -v dpkg-query >/dev/null 2>&1 || cwb_die "this script expects Debian 12 (dpkg not found)"
  local missing
  missing=$(cwb_missing_packages | tr '\n' ' ')
  missing=${missing% }
  if [ -z "$missing" ]; then
    cwb_say "all ${#CWB_PACKAGES[@]} Debian packages are installed"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 ||
      cwb_die "missing packages ($missing) and not root; install them as root or install sudo"
    sudo=(sudo)
  fi
  cwb_say "installing: $missing"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  # shellcheck disable=SC2086
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends $missing
}

# cwb_configure [CMAKE ARGS...]: configure $CWB_BUILD (Release, Ninja). Extra arguments from the
# environment variable CWB_CMAKE_ARGS are appended (e.g. CWB_CMAKE_ARGS="-DCWB_WITH_MPI=ON").
cwb_configure() {
  local generator=(-G Ninja)
  if [ -f "$CWB_BUILD/CMakeCache.txt" ]; then
    grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$CWB_BUILD/CMakeCache.txt" ||
      cwb_die "$CWB_BUILD was configured with another generator; remove it and run again"
    generator=()  # already configured: keep the cache, only apply the options given
  fi
  local extra=()
  # shellcheck disable=SC2206
  [ -n "${CWB_CMAKE_ARGS:-}" ] && extra=($CWB_CMAKE_ARGS)
  cwb_say "configuring $CWB_BUILD"
  cmake "${generator[@]}" -S "$CWB_ROOT" -B "$CWB_BUILD" -DCMAKE_BUILD_TYPE=Release "$@" "${extra[@]}"
}

# cwb_build [TARGET...]: build (everything when no target is named).
cwb_build() {
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  cwb_say "building ${*:-everything} in $CWB_BUILD"
  cmake --build "$CWB_BUILD" "${targets[@]}"
}
