#!/bin/sh
# `gpucost new KIND --set ... -o FILE`: the file written is the one in
# tests/data/new-training.json (the golden that run and check read), it is
# valid against models/schema/scenario.schema.json, run derives it and
# check fails it until its title and sources are filled in, then passes;
# -o never writes over a file (nor through a link), leaves no temporary
# file behind, and -o - is stdout.
# Usage: new.sh GPUCOST_BINARY PROJECT_ROOT
set -u
bin=$1 root=$2
cd "$root" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL $1"; fail=$((fail + 1)); }
g() { timeout 60 ${GPUCOST_WRAPPER:-} "$bin" "$@"; }
sets="--set hardware=h800 --set gpus=2048 --set gpu_hours=2.788M"

# shellcheck disable=SC2086
g new training $sets -o "$tmp/new-training.json" > "$tmp/out" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 0 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/new-training.json" tests/data/new-training.json &&
  grep -q "wrote $tmp/new-training.json" "$tmp/err" &&
  ok || no "new -o: exit $code, $(cat "$tmp/err"), $(diff tests/data/new-training.json "$tmp/new-training.json")"
[ "$(ls "$tmp")" = "$(printf 'err\nnew-training.json\nout')" ] && ok || no "left behind: $(ls "$tmp")"

# valid against the schema (where Python has jsonschema), every kind
# shellcheck disable=SC2086
g new inference --set gpus=64 --set price_per_gpu_hour=1.5..3.5 --set output_tokens=80B -o "$tmp/inference.json" 2> /dev/null
g new fleet --set hardware=h100 --set gpus=50k --set pue=1.3 -o "$tmp/fleet.json" 2> /dev/null
if python3 -c 'import jsonschema' 2> /dev/null; then
  for f in "$tmp/new-training.json" "$tmp/inference.json" "$tmp/fleet.json"; do
    python3 - "$f" models/schema/scenario.schema.json > "$tmp/schema" 2>&1 << 'PY'
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
PY
    [ $? -eq 0 ] && ok || no "$f against the schema: $(cat "$tmp/schema")"
  done
else
  echo "skip: python3 has no jsonschema; the schema check did not run"
fi

# run derives it; check fails the stubs, exit 1
g run "$tmp/fleet.json" > /dev/null 2> "$tmp/err" < /dev/null
[ $? -eq 0 ] && ok || no "run of the fleet skeleton: $(cat "$tmp/err")"
g check "$tmp/new-training.json" --format junit > "$tmp/junit" 2> /dev/null < /dev/null
code=$?
[ $code -eq 1 ] && grep -q 'failures="4"' "$tmp/junit" && ok || no "check of the skeleton: exit $code"

# filled in (the TODOs replaced), check passes
sed 's/"TODO: [^"]*"/"filled in"/' "$tmp/new-training.json" > "$tmp/filled.json"
g check "$tmp/filled.json" > "$tmp/out" 2>&1 < /dev/null
code=$?
[ $code -eq 0 ] && grep -q '^0 claims: 0 pass, 0 fail' "$tmp/out" && ok || no "check of the filled-in file: exit $code, $(cat "$tmp/out")"

# never over a file: refused, exit 2, the file as it was
cp "$tmp/filled.json" "$tmp/before.json"
g new training --set gpus=8 -o "$tmp/filled.json" > /dev/null 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "exists" "$tmp/err" && cmp -s "$tmp/filled.json" "$tmp/before.json" &&
  ok || no "new over a file: exit $code, $(cat "$tmp/err")"
# nor through a symbolic link, even a dangling one
ln -s "$tmp/nowhere.json" "$tmp/link.json"
g new training -o "$tmp/link.json" > /dev/null 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && [ ! -e "$tmp/nowhere.json" ] && ok || no "new through a link: exit $code, $(cat "$tmp/err")"
# a folder that is not there: an error, nothing written
g new training -o "$tmp/no/such/dir/x.json" > /dev/null 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "cannot write" "$tmp/err" && ok || no "new into no folder: exit $code, $(cat "$tmp/err")"
# an error writes nothing
g new training --set gpus=lots -o "$tmp/bad.json" > /dev/null 2>&1 < /dev/null
[ $? -eq 2 ] && [ ! -e "$tmp/bad.json" ] && ok || no "a bad --set wrote a file"

# -o - is stdout, the same text as without -o
# shellcheck disable=SC2086
g new training $sets -o - > "$tmp/dash" 2> /dev/null < /dev/null
# shellcheck disable=SC2086
g new training $sets > "$tmp/plain" 2> /dev/null < /dev/null
cmp -s "$tmp/dash" "$tmp/plain" && cmp -s "$tmp/dash" tests/data/new-training.json &&
  ok || no "-o - differs from stdout"
[ ! -e ./- ] && ok || no "-o - wrote a file named '-'"

echo "new: $pass passed, $fail failed"
[ $fail = 0 ]
