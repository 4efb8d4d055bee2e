#!/bin/sh
# The man page lists every quantity the program knows, and every command.
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
echo "man page: $fail missing"
[ "$fail" -eq 0 ]
