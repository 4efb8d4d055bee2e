#!/usr/bin/env bash
# cache-two-builds.sh SOURCE_ROOT - two web builds filling one wasm deps
# cache at once (src/web/cache.sh, the step of src/web/build.sh that two
# builds share), with a fake Debian source package and a fake build in
# place of GSL and emcc: no network, no emscripten, a few seconds.
#
# Each build unpacks the package and applies its patches (the step that
# failed with "Reversed patch detected" when two builds shared one work
# folder), holds it a moment, then publishes the deps.  Both builds must
# succeed, exactly one must build (the other waits for the lock and finds
# the deps done), and the cache must hold the deps patched once, whole,
# and no work folder.  Then the same with a killed build's leftovers: an
# incomplete deps folder and a stale work folder.
set -euo pipefail
root=${1:?usage: cache-two-builds.sh SOURCE_ROOT}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "cache-two-builds: $*" >&2; exit 1; }

# the fake package: lib.c, and two Debian patches (one edits lib.c, one
# adds NEWS), each of which fails if applied to a tree that has it already
mkdir -p "$t/src/pkg-1.0" "$t/src/debian/patches"
printf 'int answer(void)\n{\n    return 41;\n}\n' > "$t/src/pkg-1.0/lib.c"
cat > "$t/src/debian/patches/01-answer.patch" <<'P'
--- a/lib.c
+++ b/lib.c
@@ -1,4 +1,4 @@
 int answer(void)
 {
-    return 41;
+    return 42;
 }
P
cat > "$t/src/debian/patches/02-news.patch" <<'P'
--- /dev/null
+++ b/NEWS
@@ -0,0 +1 @@
+patched
P
printf '# the order Debian applies them in\n01-answer.patch\n02-news.patch\n' > "$t/src/debian/patches/series"
tar czf "$t/pkg.orig.tar.gz" -C "$t/src" pkg-1.0
tar cJf "$t/pkg.debian.tar.xz" -C "$t/src" debian

# shellcheck source=../../src/web/cache.sh
. "$root/src/web/cache.sh"

# one build: what build.sh does with the cache, the compiler replaced by
# a copy; prints to $t/out.N what it would link against
one_build() { # N CACHE HOLD_SECONDS
  local n=$1 cache=$2 hold=$3
  local deps=$cache/pkg-1.0+deb1
  have() { [ -f "$deps/lib/libpkg.a" ] && [ -f "$deps/NEWS" ]; }
  build() { # WORK TMP
    echo "$n" >> "$t/builds"
    gc_unpack "$t/pkg.orig.tar.gz" "$t/pkg.debian.tar.xz" "$1/pkg"
    sleep "$hold" # a second build would meet this one's files here
    grep -q 'return 42;' "$1/pkg/lib.c"
    mkdir -p "$2/lib"
    cp "$1/pkg/lib.c" "$2/lib/libpkg.a"
    cp "$1/pkg/NEWS" "$2/NEWS"
  }
  gc_cache_fill "$cache" "$deps" have build
  have || { echo "build $n: deps incomplete after gc_cache_fill" >&2; exit 1; }
  cat "$deps/lib/libpkg.a" "$deps/NEWS" > "$t/out.$n"
}

two_at_once() { # CACHE HOLD_SECONDS WHAT
  rm -f "$t/builds" "$t"/out.* "$t"/err.*
  (set -e; one_build 1 "$1" "$2") 2> "$t/err.1" & local a=$!
  (set -e; one_build 2 "$1" "$2") 2> "$t/err.2" & local b=$!
  local ra=0 rb=0
  wait "$a" || ra=$?
  wait "$b" || rb=$?
  [ "$ra" -eq 0 ] && [ "$rb" -eq 0 ] ||
    fail "$3: a build failed (exit $ra and $rb): $(cat "$t/err.1" "$t/err.2")"
  [ "$(wc -l < "$t/builds")" -eq 1 ] || fail "$3: built $(wc -l < "$t/builds") times, not once"
  grep -q 'waiting for it' "$t/err.1" "$t/err.2" ||
    fail "$3: neither build waited for the other: they did not run at once"
  cmp -s "$t/out.1" "$t/out.2" || fail "$3: the two builds saw different deps"
  [ "$(grep -c 'return 42;' "$t/out.1")" -eq 1 ] && [ "$(grep -c patched "$t/out.1")" -eq 1 ] ||
    fail "$3: deps not patched exactly once: $(cat "$t/out.1")"
  ! grep -q 'return 41;' "$t/out.1" || fail "$3: deps unpatched"
  local left
  left=$(cd "$1" && ls -A | sort | tr '\n' ' ')
  [ "$left" = "lock pkg-1.0+deb1 " ] || fail "$3: the cache holds '$left', not just the lock and the deps"
  echo "cache-two-builds: $3: both builds succeeded, one built, deps whole"
}

two_at_once "$t/cache" 1 "an empty cache"
# a build killed half-way left an incomplete deps folder and its work folder
rm -rf "$t/cache/pkg-1.0+deb1/NEWS"
mkdir -p "$t/cache/work.Kil1ed/pkg"
two_at_once "$t/cache" 0.5 "a killed build's leftovers"
