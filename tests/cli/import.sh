#!/bin/sh
# `gpucost import` of a small record (tests/data/record/small.csv) into a
# temporary folder: one scenario per testable row, the bad row named and
# exit 2; a second import writes nothing over the first; and `check` of
# the folder tests the same claims with the same results as `check` of
# the CSV itself (the CSV's run adds only its bad row).
# Usage: import.sh GPUCOST_BINARY PROJECT_ROOT
set -u
bin=$1 root=$2
cd "$root" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL $1"; fail=$((fail + 1)); }
g() { timeout 60 ${GPUCOST_WRAPPER:-} "$bin" "$@"; }
csv=tests/data/record/small.csv

g import "$csv" -o "$tmp/out" > "$tmp/stdout" 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "small.csv:12:4: row 10 'Parameters': expected a number, got 'abc'" "$tmp/err" &&
  ok || no "import: exit $code, $(cat "$tmp/err")"
n=$(ls "$tmp/out" | grep -c '\.json$')
[ "$n" -eq 8 ] && [ -f "$tmp/out/counted-lm.json" ] && [ ! -f "$tmp/out/vision-net.json" ] &&
  [ ! -f "$tmp/out/bad-lm.json" ] && ok || no "import wrote $n files: $(ls "$tmp/out")"

# a second import into the same folder: refused, the files unchanged
cp "$tmp/out/counted-lm.json" "$tmp/before.json"
g import "$csv" -o "$tmp/out" > /dev/null 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 2 ] && grep -q "exists" "$tmp/err" && cmp -s "$tmp/out/counted-lm.json" "$tmp/before.json" &&
  ok || no "second import: exit $code, $(cat "$tmp/err")"

# check of the folder agrees with check of the CSV, claim for claim
strip() { grep -E '^(not )?ok ' | grep -v ' - error: ' | grep -v ' # SKIP not testable: ' | sed -E 's/^(not ok|ok) [0-9]+ /\1 /' | sort; }
g check "$csv" --catalog models/hardware --format tap > "$tmp/csv.tap" 2> /dev/null < /dev/null
code_csv=$?
g check "$tmp/out" --catalog models/hardware --format tap > "$tmp/dir.tap" 2> "$tmp/err" < /dev/null
code_dir=$?
strip < "$tmp/csv.tap" > "$tmp/csv.claims"
strip < "$tmp/dir.tap" > "$tmp/dir.claims"
[ -s "$tmp/csv.claims" ] && diff -u "$tmp/csv.claims" "$tmp/dir.claims" > "$tmp/diff" &&
  ok || { no "check of the folder differs from check of the CSV"; cat "$tmp/diff"; }
# the CSV's bad row is exit 2; the folder's failing claims exit 1
[ $code_csv -eq 2 ] && [ $code_dir -eq 1 ] && [ ! -s "$tmp/err" ] &&
  ok || no "check exits: CSV $code_csv, folder $code_dir, $(cat "$tmp/err")"

# Epoch's chip dataset (tests/data/chips/small.csv: five real rows, a CPU
# with no peak among them): one catalog file per chip, each loading as a
# catalog; a second import refused
g import tests/data/chips/small.csv -o "$tmp/chips" > /dev/null 2> "$tmp/err" < /dev/null
code=$?
n=$(ls "$tmp/chips" | grep -c '\.json$')
[ $code -eq 0 ] && [ "$n" -eq 4 ] && [ -f "$tmp/chips/tpu-v3.json" ] && [ ! -f "$tmp/chips/epyc-7413.json" ] &&
  grep -q "wrote 4 hardware files to $tmp/chips from 5 rows; 1 without a name or a peak" "$tmp/err" &&
  ok || no "chip import: exit $code, $n files, $(cat "$tmp/err")"
g hardware --catalog "$tmp/chips" --columns bf16,int8 --sort bf16 --format csv > "$tmp/hw.csv" 2> "$tmp/err" < /dev/null
[ $? -eq 0 ] && [ "$(sed -n 2p "$tmp/hw.csv")" = "h100-sxm5-80gb,989.4,1979" ] && [ "$(sed -n 5p "$tmp/hw.csv")" = "geforce-rtx-3090,,284" ] &&
  ok || no "imported chips as a catalog: $(cat "$tmp/hw.csv" "$tmp/err")"
g import tests/data/chips/small.csv -o "$tmp/chips" > /dev/null 2> "$tmp/err" < /dev/null
[ $? -eq 2 ] && grep -q "exists" "$tmp/err" && ok || no "second chip import: $(cat "$tmp/err")"

# the price database (three TPU v4 rows, one row without a date)
g import tests/data/chips/prices.csv -o "$tmp/prices" > /dev/null 2> "$tmp/err" < /dev/null
code=$?
[ $code -eq 0 ] && [ -f "$tmp/prices/tpu-v4.prices.json" ] &&
  grep -q "wrote 7 price observations of 1 chips to $tmp/prices from 4 rows; 1 rows without a date, a chip or a price (rows 4)" "$tmp/err" &&
  ok || no "price import: exit $code, $(cat "$tmp/err")"

echo "import: $pass passed, $fail failed"
[ $fail = 0 ]
