#!/bin/bash
# layers-upward.sh ROOT CMAKE - the layers check fails on what it is for:
# in a copy of the library's sources, a file of base/ that includes a
# header of api/ and a file left outside every layer are each reported by
# name, and the untouched copy passes.
set -eu
root=$1 cmake=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/cmake"
cp -r "$root/src/lib" "$tmp/src/lib"
cp -r "$root/include" "$tmp/include"
cp "$root/cmake/CheckLayers.cmake" "$tmp/cmake/"
check() { "$cmake" -DROOT="$tmp" -P "$tmp/cmake/CheckLayers.cmake" >"$tmp/out" 2>&1; }
check || { cat "$tmp/out"; echo "FAIL: the untouched copy does not pass"; exit 1; }
printf '#include "gpucost/command.h"\n' >>"$tmp/src/lib/base/alloc.c"
if check; then echo "FAIL: an upward include passed"; exit 1; fi
grep -q 'src/lib/base/alloc.c (base) includes "gpucost/command.h" (api)' "$tmp/out" ||
    { cat "$tmp/out"; echo "FAIL: the upward include is not named"; exit 1; }
cp "$root/src/lib/base/alloc.c" "$tmp/src/lib/base/alloc.c"
printf '#include "view.h"\n' >"$tmp/src/lib/loose.c"
if check; then echo "FAIL: a file outside the layers passed"; exit 1; fi
grep -q 'src/lib/loose.c: outside every layer' "$tmp/out" ||
    { cat "$tmp/out"; echo "FAIL: the loose file is not named"; exit 1; }
echo "layers-catches-upward: an upward include and a loose file are both caught"
