#!/bin/sh
# Golden CLI tests: each tests/cli/cases/NAME.args holds one argument per
# line (run from the project root); NAME.out is the expected stdout and
# NAME.code the expected exit status; NAME.err, when present, the expected
# stderr.  GPUCOST_WRAPPER (e.g. valgrind) is put in front of the binary.
# Decimals of more than 9 significant digits are compared to 9: the last digits of a
# full-precision JSON number depend on the libm code path (valgrind picks a
# different one); the unit tests check numbers against their sources.
# The cases run GPUCOST_JOBS at a time (default: one per CPU), each in its
# own folder, and are reported in name order: under valgrind, a case
# costs seconds, and CI runs every one of them.
# Usage: run.sh GPUCOST_BINARY CLI_DIR PROJECT_ROOT
set -u
if [ "${1:-}" = --one ]; then
  # one case, from the project root: --one BINARY CLI_DIR TMP ARGS_FILE;
  # writes TMP/NAME.fail (what went wrong) or TMP/NAME.pass
  bin=$2 dir=$3 tmp=$4 args=$5
  name=$(basename "$args" .args)
  w=$tmp/$name.d
  mkdir "$w" || exit 2
  norm() { perl -pe 's/(-?(\d+)\.(\d+)(?:[eE][-+]?\d+)?)/length($3) >= 9 || length(($2 eq "0" ? "" : $2) . $3) > 9 ? sprintf("%.9g", $1) : $1/ge'; }
  set --
  while IFS= read -r line || [ -n "$line" ]; do set -- "$@" "$line"; done < "$args"
  # shellcheck disable=SC2086
  ${GPUCOST_WRAPPER:-} "$bin" "$@" > "$w/out" 2> "$w/err" < /dev/null
  code=$?
  want=$(cat "$dir/cases/$name.code")
  {
    if [ "$code" != "$want" ]; then
      echo "FAIL $name: exit $code, expected $want"; sed 's/^/  stderr: /' "$w/err"
    fi
    norm < "$dir/cases/$name.out" > "$w/want"
    norm < "$w/out" > "$w/got"
    if ! diff -u "$w/want" "$w/got" > "$w/diff"; then
      echo "FAIL $name: stdout differs"; cat "$w/diff"
    fi
    if [ -f "$dir/cases/$name.err" ] && ! diff -u "$dir/cases/$name.err" "$w/err" > "$w/diff"; then
      echo "FAIL $name: stderr differs"; cat "$w/diff"
    fi
  } > "$w/report"
  if [ -s "$w/report" ]; then mv "$w/report" "$tmp/$name.fail"; else : > "$tmp/$name.pass"; fi
  rm -rf "$w"
  exit 0
fi
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
bin=$1 dir=$2 root=$3
cd "$root" || exit 2
jobs=${GPUCOST_JOBS:-$(nproc 2>/dev/null || echo 2)}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
ls "$dir"/cases/*.args | xargs -P "$jobs" -I{} sh "$self" --one "$bin" "$dir" "$tmp" {}
total=$(ls "$dir"/cases/*.args | wc -l)
pass=$(find "$tmp" -name '*.pass' | wc -l)
for f in $(find "$tmp" -name '*.fail' | sort); do cat "$f"; done
# a case that wrote neither (the shell died) is a failure too
fail=$((total - pass))
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
