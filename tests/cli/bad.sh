#!/bin/sh
# Every file in tests/data/bad/ through the program: exit 2, one line on
# stderr that starts with the file's name, nothing on stdout.  (The exact
# messages and positions are asserted in check_scenario.c.)  Then every
# file in tests/data/fuzz/ (inputs the fuzzer found) must end in 0, 1 or 2.
# Usage: bad.sh GPUCOST_BINARY PROJECT_ROOT
set -u
bin=$1 root=$2
cd "$root" || exit 2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
for f in tests/data/bad/*; do
  ${GPUCOST_WRAPPER:-} "$bin" check "$f" > "$tmp/out" 2> "$tmp/err" < /dev/null
  code=$?
  lines=$(wc -l < "$tmp/err")
  if [ "$code" -eq 2 ] && [ "$lines" -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q "^$f" "$tmp/err"; then
    pass=$((pass + 1))
  else
    echo "FAIL $f: exit $code, $lines stderr lines:"; cat "$tmp/err"; fail=$((fail + 1))
  fi
done
# inputs the fuzzer found interesting: any answer but a crash
for f in tests/data/fuzz/*; do
  ${GPUCOST_WRAPPER:-} "$bin" check "$f" > /dev/null 2>&1 < /dev/null
  code=$?
  if [ "$code" -le 2 ]; then pass=$((pass + 1)); else echo "FAIL $f: exit $code"; fail=$((fail + 1)); fi
done
echo "bad input: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
