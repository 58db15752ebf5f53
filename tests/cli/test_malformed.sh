#!/usr/bin/env bash
# Every malformed scenario fixture makes `cwbsim run` exit 2 naming the line and key, writing nothing.
# The table is tests/scenario/fixtures/malformed/EXPECTED.tsv, tab-separated with a header row:
# file, line, key (substring; "-" = none), and optionally error_file (the file the error is in,
# for errors in an inherited file or a zones CSV) and message (a substring of the message).
set -u
source "$(dirname "$0")/lib.sh" "$@"

DIR="$REPO/tests/scenario/fixtures/malformed"
TABLE="$DIR/EXPECTED.tsv"
MIN_CASES=15

check "the fixture table exists"
if [ ! -f "$TABLE" ]; then
  fail "$TABLE is missing"
  finish
fi
pass "found $TABLE"

cases=0
while IFS=$'\t' read -r file line key error_file message _rest || [ -n "${file:-}" ]; do
  file=${file%$'\r'}
  line=${line%$'\r'}
  key=${key%$'\r'}
  error_file=${error_file%$'\r'}
  message=${message%$'\r'}
  [ "$key" = "-" ] && key=""
  [ "$error_file" = "-" ] && error_file=""
  [ "$message" = "-" ] && message=""
  # Skip blank lines, comments and a header row.
  case "$file" in "" | "#"* | file) continue ;; esac
  cases=$((cases + 1))
  out="$WORK/case-$cases/out.h5"
  mkdir -p "$WORK/case-$cases"
  check "$file: run exits 2, stderr names line ${line:-?}${key:+ and key '$key'}, no output"
  if [ ! -f "$DIR/$file" ]; then
    fail "$file is listed in EXPECTED.tsv but does not exist"
    continue
  fi
  # Run from the fixture directory, as a user would type it (messages then use relative paths).
  cd "$DIR" || exit 1
  cwb run "$file" -o "$out" --months 1 --replicates 1
  cd - >/dev/null || exit 1
  expect_rc 2 "$file"
  expect_error_prefix "$file"
  if [[ "$line" =~ ^[0-9]+$ ]] && [ "$line" -gt 0 ]; then
    if [ -n "$error_file" ]; then
      expect_in "$WORK/err" "$error_file:$line" "$file: location $error_file:$line reported"
    elif grep -qE ":${line}(:|[^0-9]|$)" "$WORK/err"; then pass "$file: line $line reported"
    else fail "$file: line $line not reported as ':$line'"; fi
  fi
  if [ -n "$key" ]; then expect_in "$WORK/err" "$key" "$file: key '$key' reported"; fi
  if [ -n "$message" ]; then expect_in "$WORK/err" "$message" "$file: message '$message'"; fi
  expect_absent "$out" "$file"
  expect_only_files "$WORK/case-$cases" "$file"
done <"$TABLE"

check "at least $MIN_CASES malformed cases"
n_files=$(find "$DIR" -maxdepth 1 -name '*.yaml' | wc -l)
if [ "$cases" -ge "$MIN_CASES" ]; then pass "$cases cases in the table ($n_files .yaml files)"
else fail "only $cases cases in EXPECTED.tsv ($n_files .yaml files); expected at least $MIN_CASES"; fi

finish
