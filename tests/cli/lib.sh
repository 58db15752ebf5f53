# Helpers shared by the cwbsim command-line tests (sourced; not a test itself).
# shellcheck shell=bash
# Usage in a test: source "$(dirname "$0")/lib.sh" "$@"   (arguments: PATH_TO_CWBSIM REPO_ROOT)

CWBSIM=${1:?usage: test_X.sh PATH_TO_CWBSIM REPO_ROOT}
REPO=${2:?usage: test_X.sh PATH_TO_CWBSIM REPO_ROOT}
CWBSIM=$(cd "$(dirname "$CWBSIM")" && pwd)/$(basename "$CWBSIM")
REPO=$(cd "$REPO" && pwd)
[ -x "$CWBSIM" ] || { echo "FAIL: $CWBSIM is not an executable"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cwbsim-cli-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
CHECKS=0

# Run cwbsim with the given arguments; sets RC and leaves stdout/stderr in $WORK/out, $WORK/err.
cwb() {
  "$CWBSIM" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
}

fail() {
  echo "FAIL: $*"
  if [ -s "$WORK/err" ]; then sed 's/^/    stderr| /' "$WORK/err" | head -20; fi
  FAILURES=$((FAILURES + 1))
}

pass() { echo "ok:   $*"; }

# check DESCRIPTION: announce a check (printed before it runs).
check() {
  CHECKS=$((CHECKS + 1))
  echo "--    $*"
}

# expect_rc WANT WHAT
expect_rc() {
  if [ "$RC" -eq "$1" ]; then pass "$2: exit code $RC"; else fail "$2: exit code $RC, expected $1"; fi
}

# expect_in FILE TEXT WHAT: FILE contains TEXT (fixed string).
expect_in() {
  if grep -qF -- "$2" "$1"; then pass "$3"; else fail "$3: '$2' not found in $(basename "$1")"; fi
}

# expect_stderr_prefix WHAT: every error line is prefixed "cwbsim: error: ".
expect_error_prefix() {
  if grep -q '^cwbsim: error: ' "$WORK/err"; then pass "$1: message starts with 'cwbsim: error: '"
  else fail "$1: no 'cwbsim: error: ' message on stderr"; fi
}

# expect_absent PATH WHAT
expect_absent() {
  if [ -e "$1" ]; then fail "$2: $1 exists but should not"; else pass "$2: no file at the output path"; fi
}

# expect_only_files DIR WHAT NAME...: DIR holds exactly these entries (no temporaries).
expect_only_files() {
  local dir=$1 what=$2
  shift 2
  local want got
  want=""
  [ $# -gt 0 ] && want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  got=$(find "$dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')
  if [ "$want" = "$got" ]; then pass "$what: directory holds only: $got"
  else fail "$what: directory holds [$got], expected [$want]"; fi
}

finish() {
  if [ "$FAILURES" -gt 0 ]; then
    echo "$FAILURES failed assertion(s) in $CHECKS checks"
    exit 1
  fi
  echo "all $CHECKS checks passed"
  exit 0
}
