#!/bin/sh
# The README's CI snippet, as written: an article repository with
# scenarios/ and gpucost under tools/gpucost; configure without tests,
# build, and check the scenarios to JUnit.  Exit 0 and a JUnit file with
# every claim.
# Usage: ci-snippet.sh PROJECT_ROOT
set -u
root=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/article/tools/gpucost" "$tmp/article/scenarios"
# the source as a vendored copy holds it (the working tree, so a new file
# counts before it is committed)
cp -r "$root/src" "$root/include" "$root/models" "$root/cmake" "$root/docs" "$root/CMakeLists.txt" \
  "$tmp/article/tools/gpucost/"
cp "$root/models/scenarios/deepseek-v3.json" "$root/models/scenarios/llama3-405b.json" "$tmp/article/scenarios/"
cd "$tmp/article" || exit 2
# the snippet's run steps, verbatim but for the apt-get line
cmake -S tools/gpucost -B build-gpucost -DGPUCOST_BUILD_TESTS=OFF > build.log 2>&1 && cmake --build build-gpucost -j2 >> build.log 2>&1 || { cat build.log; echo "FAIL: the snippet's build"; exit 1; }
./build-gpucost/gpucost check scenarios/ --catalog tools/gpucost/models/hardware --format junit -o claims.xml
code=$?
cases=$(grep -c '<testcase' claims.xml 2>/dev/null || echo 0)
if [ "$code" -eq 0 ] && [ "$cases" -eq 8 ]; then
  echo "ci snippet: 1 passed, 0 failed"
  exit 0
fi
echo "FAIL: check exited $code with $cases test cases"
exit 1
