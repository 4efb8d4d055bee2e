#!/bin/sh
# Every file in tests/data/bad/ through the program: exit 2, one line on
# stderr that starts with the file's name, nothing on stdout.  (The exact
# messages and positions are asserted in check_scenario.c.)  Then every
# file in tests/data/fuzz/ (inputs the fuzzer found) must end in 0, 1 or 2.
# The files run GPUCOST_JOBS at a time (default: one per CPU), as in run.sh.
# Usage: bad.sh GPUCOST_BINARY PROJECT_ROOT
set -u
if [ "${1:-}" = --one ]; then
  # one file, from the project root: --one BINARY TMP KIND FILE, KIND bad
  # or fuzz; writes TMP/KIND-NAME.fail or .pass
  bin=$2 tmp=$3 kind=$4 f=$5
  w=$tmp/$kind-$(basename "$f")
  mkdir "$w" || exit 2
  ${GPUCOST_WRAPPER:-} "$bin" check "$f" > "$w/out" 2> "$w/err" < /dev/null
  code=$?
  if [ "$kind" = bad ]; then
    lines=$(wc -l < "$w/err")
    if [ "$code" -eq 2 ] && [ "$lines" -eq 1 ] && [ ! -s "$w/out" ] && grep -q "^$f" "$w/err"; then
      : > "$w.pass"
    else
      { echo "FAIL $f: exit $code, $lines stderr lines:"; cat "$w/err"; } > "$w.fail"
    fi
  elif [ "$code" -le 2 ]; then
    : > "$w.pass" # inputs the fuzzer found interesting: any answer but a crash
  else
    echo "FAIL $f: exit $code" > "$w.fail"
  fi
  rm -rf "$w"
  exit 0
fi
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
bin=$1 root=$2
cd "$root" || exit 2
jobs=${GPUCOST_JOBS:-$(nproc 2>/dev/null || echo 2)}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
ls tests/data/bad/* | xargs -P "$jobs" -I{} sh "$self" --one "$bin" "$tmp" bad {}
ls tests/data/fuzz/* | xargs -P "$jobs" -I{} sh "$self" --one "$bin" "$tmp" fuzz {}
total=$(ls tests/data/bad/* tests/data/fuzz/* | wc -l)
pass=$(find "$tmp" -name '*.pass' | wc -l)
for f in $(find "$tmp" -name '*.fail' | sort); do cat "$f"; done
fail=$((total - pass))
echo "bad input: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
