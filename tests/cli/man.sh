#!/bin/sh
# The man page lists every quantity the program knows, every command and
# every option (the options as --help lists them, from the program's one
# option table, src/cli/options.c).
# Usage: man.sh GPUCOST_BINARY PROJECT_ROOT
set -u
bin=$1 root=$2
page="$root/docs/gpucost.1"
fail=0
for q in $("$bin" quantities --format csv | tail -n +2 | cut -d, -f1); do
  grep -q "^\.B $q\$" "$page" || { echo "FAIL: $q is not in the man page"; fail=$((fail + 1)); }
done
for c in run compare check range solve hardware quantities reconcile report import new; do
  grep -q "^\.B gpucost $c\$" "$page" || { echo "FAIL: command $c is not in the synopsis"; fail=$((fail + 1)); }
done
opts=$("$bin" --help | sed -n '/^Options:/,/^$/p' | grep -o -- '^  -[^ ]*\(, --[a-z-]*\)\?' | tr -d ' ,' | sed 's/--/ --/g')
[ -n "$opts" ] || { echo "FAIL: no options in --help"; fail=$((fail + 1)); }
for o in $opts; do
  # as roff writes it: every '-' escaped
  grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$page" ||
    { echo "FAIL: option $o is not in the man page"; fail=$((fail + 1)); }
done
echo "man page: $fail missing"
[ "$fail" -eq 0 ]
