#!/bin/sh
# Golden CLI tests: each tests/cli/cases/NAME.args holds one argument per
# line (run from the project root); NAME.out is the expected stdout and
# NAME.code the expected exit status; NAME.err, when present, the expected
# stderr.  GPUCOST_WRAPPER (e.g. valgrind) is put in front of the binary.
# Decimals of more than 9 significant digits are compared to 9: the last digits of a
# full-precision JSON number depend on the libm code path (valgrind picks a
# different one); the unit tests check numbers against their sources.
# Usage: run.sh GPUCOST_BINARY CLI_DIR PROJECT_ROOT
set -u
bin=$1 dir=$2 root=$3
cd "$root" || exit 2
pass=0 fail=0
norm() { perl -pe 's/(-?(\d+)\.(\d+)(?:[eE][-+]?\d+)?)/length($3) >= 9 || length(($2 eq "0" ? "" : $2) . $3) > 9 ? sprintf("%.9g", $1) : $1/ge'; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
for args in "$dir"/cases/*.args; do
  name=$(basename "$args" .args)
  set --
  while IFS= read -r line || [ -n "$line" ]; do set -- "$@" "$line"; done < "$args"
  # shellcheck disable=SC2086
  ${GPUCOST_WRAPPER:-} "$bin" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
  code=$?
  want=$(cat "$dir/cases/$name.code")
  ok=1
  if [ "$code" != "$want" ]; then
    echo "FAIL $name: exit $code, expected $want"; sed 's/^/  stderr: /' "$tmp/err"; ok=0
  fi
  norm < "$dir/cases/$name.out" > "$tmp/want"
  norm < "$tmp/out" > "$tmp/got"
  if ! diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
    echo "FAIL $name: stdout differs"; cat "$tmp/diff"; ok=0
  fi
  if [ -f "$dir/cases/$name.err" ] && ! diff -u "$dir/cases/$name.err" "$tmp/err" > "$tmp/diff"; then
    echo "FAIL $name: stderr differs"; cat "$tmp/diff"; ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
