#!/bin/sh
# The file system's special cases, in a temporary directory: FIFOs given
# as scenarios, inside a scenario directory and inside a catalog are never
# opened for reading (no hang); symlink loops are walked once per real
# directory; -o refuses FIFOs, devices and directories, writes through a
# symlink and keeps the old file's mode; a failed write to standard output
# is exit 2 with a message.  Every command runs under `timeout`, so a hang
# is a failure, not a stuck test.
# Usage: fs.sh GPUCOST_BINARY PROJECT_ROOT
set -u
bin=$1 root=$2
cd "$root" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL $1"; fail=$((fail + 1)); }
g() { timeout 20 ${GPUCOST_WRAPPER:-} "$bin" "$@"; }
v3=models/scenarios/deepseek-v3.json

# a FIFO named as a scenario: refused at once
mkfifo "$tmp/fifo.json"
g run "$tmp/fifo.json" > "$tmp/out" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "fifo.json: is a FIFO, expected a regular JSON file" "$tmp/err" && ok || no "FIFO scenario: exit $code, $(cat "$tmp/err")"

# a FIFO inside a scenario directory: skipped; a symlink loop: walked once
mkdir -p "$tmp/dir/sub"
cp "$v3" "$tmp/dir/a.json"
mkfifo "$tmp/dir/b.json"
ln -s .. "$tmp/dir/sub/loop"
ln -s ../dir "$tmp/dir/again"
ln -s a.json "$tmp/dir/c.json"
g check "$tmp/dir" --catalog models/hardware --format tap > "$tmp/out" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 0 ] && [ "$(grep -c '^ok' "$tmp/out")" -eq 4 ] && ok || no "directory with a FIFO, loops and a second link: exit $code, $(grep -c '^ok' "$tmp/out") cases"
# ... and the FIFO is named on stderr, never passed over without a word
grep -qx "gpucost: skipping $tmp/dir/b.json: a FIFO, not a regular file" "$tmp/err" && ok || no "a FIFO in a directory is not said: $(cat "$tmp/err")"

# a package.json beside the scenarios: passed over, and said
echo '{"name": "site", "version": "1.0.0"}' > "$tmp/dir/package.json"
g check "$tmp/dir" --catalog models/hardware > "$tmp/out" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 0 ] && grep -q "skipping .*package.json: not a scenario" "$tmp/err" && ok || no "package.json in a scenario directory: exit $code"
rm "$tmp/dir/package.json"
# ...but a broken scenario in the same place is still an error
printf '{"id": "x", "inptus": {}}\n' > "$tmp/dir/typo.json"
g check "$tmp/dir" --catalog models/hardware > "$tmp/out" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "typo.json.*unknown key 'inptus'" "$tmp/err" && ok || no "misspelled scenario in a directory: exit $code"
printf '{"id": "x", "inputs": {' > "$tmp/dir/typo.json"
g check "$tmp/dir" --catalog models/hardware > "$tmp/out" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "typo.json" "$tmp/err" && ok || no "truncated scenario in a directory: exit $code"
rm "$tmp/dir/typo.json"

# a FIFO inside a catalog directory: exit 2, never a hang
mkdir "$tmp/cat"
cp models/hardware/h800.json "$tmp/cat/"
mkfifo "$tmp/cat/x.json"
g run "$v3" --catalog "$tmp/cat" > "$tmp/out" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "x.json: is a FIFO" "$tmp/err" && ok || no "FIFO in the catalog: exit $code"

# -o onto a FIFO, a device and a directory: refused, the target untouched
g run "$v3" -o "$tmp/fifo.json" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && [ -p "$tmp/fifo.json" ] && grep -q "is a FIFO; -o writes regular files only" "$tmp/err" && ok || no "-o FIFO: exit $code"
g run "$v3" -o /dev/null 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && [ -c /dev/null ] && grep -q "is a device" "$tmp/err" && ok || no "-o /dev/null: exit $code"
g run "$v3" -o "$tmp/dir" 2> "$tmp/err" < /dev/null
[ $? -eq 2 ] && [ -d "$tmp/dir" ] && ok || no "-o directory"

# -o keeps the mode of the file it replaces, and writes through a symlink
echo old > "$tmp/private.md"
chmod 600 "$tmp/private.md"
g run "$v3" --format md -o "$tmp/private.md" < /dev/null
[ "$(stat -c %a "$tmp/private.md")" = 600 ] && grep -q deepseek-v3 "$tmp/private.md" && ok || no "-o kept mode: $(stat -c %a "$tmp/private.md")"
ln -s private.md "$tmp/link.md"
g run "$v3" --format json -o "$tmp/link.md" < /dev/null
[ -L "$tmp/link.md" ] && grep -q '"id":' "$tmp/private.md" && ok || no "-o through a symlink"
ln -s "$tmp/nowhere/x" "$tmp/dangling.md"
g run "$v3" -o "$tmp/dangling.md" 2> /dev/null < /dev/null
[ $? -eq 2 ] && ok || no "-o dangling symlink"
[ "$(ls "$tmp" | grep -c tmp)" -eq 0 ] && ok || no "temporary file left behind"

# a failed write to standard output: exit 2 and a message, also for check
if [ -w /dev/full ]; then
  for cmd in run check; do
    g $cmd "$v3" > /dev/full 2> "$tmp/err" < /dev/null
    code=$?
    [ $code -eq 2 ] && grep -q "error writing output" "$tmp/err" && ok || no "$cmd > /dev/full: exit $code"
  done
fi
echo "file system: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
