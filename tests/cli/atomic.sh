#!/bin/sh
# -o FILE is atomic: a failed run leaves the previous FILE untouched, a
# successful one replaces it whole, and no temporary file is left behind.
# Usage: atomic.sh GPUCOST_BINARY PROJECT_ROOT
set -u
bin=$1 root=$2
cd "$root" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
echo "previous contents" > "$tmp/out.md"
"$bin" compare models/scenarios/ tests/data/bad/negative-gpus.json --format md -o "$tmp/out.md" 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL: bad input did not exit 2"; fail=1; }
[ "$(cat "$tmp/out.md")" = "previous contents" ] || { echo "FAIL: previous file changed on failure"; fail=1; }
"$bin" compare models/scenarios/ --format md -o "$tmp/out.md" || { echo "FAIL: good run failed"; fail=1; }
"$bin" compare models/scenarios/ --format md > "$tmp/expected.md"
cmp -s "$tmp/out.md" "$tmp/expected.md" || { echo "FAIL: -o output differs from stdout output"; fail=1; }
[ "$(ls "$tmp" | grep -c tmp)" -eq 0 ] || { echo "FAIL: temporary file left behind"; fail=1; }
"$bin" compare models/scenarios/ -o "$tmp/no-such-dir/out.md" 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL: unwritable -o did not exit 2"; fail=1; }
[ $fail -eq 0 ] && echo "atomic: 5 passed, 0 failed"
[ $fail -eq 0 ]
