#!/bin/sh
# The CI snippet of docs/ci.md (linked from the README's "In CI"), as
# written: an article repository with scenarios/ and gpucost under
# tools/gpucost; configure without tests, build, and check the scenarios
# to JUnit.  The run steps are read from docs/ci.md itself, so the page
# cannot drift from what is tested.  Exit 0 and a JUnit file with every
# claim.
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
# the snippet's run steps, verbatim but for the apt-get line: the build
# step, then the check step
steps=$(sed -n 's/^      - run: //p' "$root/docs/ci.md" | grep -v 'apt-get') || { echo "FAIL: no run steps in docs/ci.md"; exit 1; }
[ "$(printf '%s\n' "$steps" | wc -l)" -eq 2 ] || { echo "FAIL: docs/ci.md should have a build and a check run step, has:"; printf '%s\n' "$steps"; exit 1; }
build=$(printf '%s\n' "$steps" | sed -n 1p)
check=$(printf '%s\n' "$steps" | sed -n 2p)
case $build in cmake*) ;; *) echo "FAIL: the first run step is not the build: $build"; exit 1 ;; esac
case $check in *"gpucost check"*"--format junit -o claims.xml"*) ;; *) echo "FAIL: the second run step is not the JUnit check: $check"; exit 1 ;; esac
sh -c "$build" > build.log 2>&1 || { cat build.log; echo "FAIL: the snippet's build"; exit 1; }
sh -c "$check"
code=$?
cases=$(grep -c '<testcase' claims.xml 2>/dev/null || echo 0)
if [ "$code" -eq 0 ] && [ "$cases" -eq 8 ]; then
  echo "ci snippet: 1 passed, 0 failed"
  exit 0
fi
echo "FAIL: check exited $code with $cases test cases"
exit 1
