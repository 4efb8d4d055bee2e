#!/usr/bin/env bash
# Builds the web page: the gpucost library compiled to WebAssembly with
# Debian's emscripten, the bundled models embedded, one folder of static
# files that works from file:// or any static server.
#
# Usage: build.sh SOURCE_ROOT BUILD_INCLUDE_DIR OUT_DIR CACHE_DIR
#   BUILD_INCLUDE_DIR holds the configured gpucost/version.h;
#   CACHE_DIR keeps GSL, cJSON and libcsv built for wasm (from Debian's
#   source packages), so a second build on the same machine skips them.
#
# GSL: only the modules gpucost links (and what they need) are built, from
# the Debian source package's orig tarball with Debian's patches applied;
# its configure runs in cross mode (emscripten cannot run test programs).
# cJSON and libcsv are one .c file each, compiled as they are.
# The source packages come from Debian's archive (deb.debian.org, the
# registry these machines reach) and are checked against the SHA-256 of
# their .dsc before they are unpacked.
#
# Several builds may run at once on one machine and share CACHE_DIR:
# cache.sh (beside this script) says how, and tests/web/cache-two-builds.sh
# runs two at once.
set -euo pipefail
root=$1 gen_include=$2 out=$3 cache=$4
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs} # emcc's JavaScript optimiser needs acorn
jobs=$(nproc 2>/dev/null || echo 2)
GSL_VERSION=2.7.1+dfsg
GSL_DEBIAN=5+deb12u1
GSL_SHA256=e560d6b9c6e254e46769bbb03583c00ecafbdd51b062c55db23b3b9612868567
GSL_DEBIAN_SHA256=c48c5cd287b15844092e9c392c12b9bc385f0ab86f157184de5cc23c8963652b
CJSON_VERSION=1.7.15
CJSON_DEBIAN=1+deb12u4
CJSON_SHA256=5308fd4bd90cef7aa060558514de6a1a4a0819974a26e6ed13973c5f624c24b2
CJSON_DEBIAN_SHA256=afd19a970966cf534ff1e9ec077d710a5e7e78eb4ec9b499c8bdc32e55da12cb
CSV_VERSION=3.0.3+dfsg
CSV_DEBIAN=6
CSV_SHA256=06fddfaca720a4be7603bad63eb1833bca5b6c5a69b42b1c518a02cda2a73aef
CSV_DEBIAN_SHA256=5af11eef753b3bd3a2ce46515b593f8fba3316d51473ca113322daa3b8c83311
POOL=${GPUCOST_DEBIAN_POOL:-http://deb.debian.org/debian/pool/main}
# the GSL modules gpucost calls, and the ones those call
GSL_DIRS="utils sys err complex block vector matrix permutation cblas blas linalg multifit
  rng randist cdf specfunc statistics sort roots qrng eigen poly ieee-utils min"

# the cache key names every dependency's version: a cache built before
# one was added or bumped is not this one, and is rebuilt beside it
deps=$cache/gsl-$GSL_VERSION-$GSL_DEBIAN+cjson-$CJSON_VERSION-$CJSON_DEBIAN+csv-$CSV_VERSION-$CSV_DEBIAN
log() { echo "web: $*" >&2; }
# shellcheck source=cache.sh
. "$root/src/web/cache.sh"

fetch() { # URL FILE SHA256
  if [ ! -f "$2" ] || ! echo "$3  $2" | sha256sum -c --status; then
    log "downloading $1"
    python3 - "$1" "$2" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=120) as r, open(sys.argv[2] + ".part", "wb") as f:
    f.write(r.read())
PY
    mv "$2.part" "$2"
  fi
  echo "$3  $2" | sha256sum -c --status || { log "$2: SHA-256 differs from the .dsc's"; exit 1; }
}

have_deps() {
  [ -f "$deps/lib/libgslsys.a" ] && [ -f "$deps/lib/libcjson.a" ] && [ -f "$deps/lib/libcsv.a" ]
}

build_deps() { # WORK TMP: called by gc_cache_fill with the lock held
  local work=$1 tmp=$2
  mkdir -p "$tmp/lib" "$tmp/include/cjson" "$tmp/include/gsl"
  fetch "$POOL/g/gsl/gsl_$GSL_VERSION.orig.tar.gz" "$work/gsl.orig.tar.gz" $GSL_SHA256
  fetch "$POOL/g/gsl/gsl_$GSL_VERSION-$GSL_DEBIAN.debian.tar.xz" "$work/gsl.debian.tar.xz" $GSL_DEBIAN_SHA256
  fetch "$POOL/c/cjson/cjson_$CJSON_VERSION.orig.tar.gz" "$work/cjson.orig.tar.gz" $CJSON_SHA256
  fetch "$POOL/c/cjson/cjson_$CJSON_VERSION-$CJSON_DEBIAN.debian.tar.xz" "$work/cjson.debian.tar.xz" $CJSON_DEBIAN_SHA256
  fetch "$POOL/libc/libcsv/libcsv_$CSV_VERSION.orig.tar.gz" "$work/libcsv.orig.tar.gz" $CSV_SHA256
  fetch "$POOL/libc/libcsv/libcsv_$CSV_VERSION-$CSV_DEBIAN.debian.tar.xz" "$work/libcsv.debian.tar.xz" $CSV_DEBIAN_SHA256
  log "cJSON for wasm"
  gc_unpack "$work/cjson.orig.tar.gz" "$work/cjson.debian.tar.xz" "$work/cjson"
  emcc -O2 -c "$work/cjson/cJSON.c" -o "$work/cjson/cJSON.o"
  emar rcs "$tmp/lib/libcjson.a" "$work/cjson/cJSON.o"
  cp "$work/cjson/cJSON.h" "$tmp/include/cjson/"
  log "libcsv for wasm"
  gc_unpack "$work/libcsv.orig.tar.gz" "$work/libcsv.debian.tar.xz" "$work/libcsv"
  emcc -O2 -c "$work/libcsv/libcsv.c" -o "$work/libcsv/libcsv.o"
  emar rcs "$tmp/lib/libcsv.a" "$work/libcsv/libcsv.o"
  cp "$work/libcsv/csv.h" "$tmp/include/"
  log "GSL for wasm (configure, then $(echo $GSL_DIRS | wc -w) modules; a few minutes)"
  gc_unpack "$work/gsl.orig.tar.gz" "$work/gsl.debian.tar.xz" "$work/gsl"
  (cd "$work/gsl" &&
    emconfigure ./configure --build=x86_64-pc-linux-gnu --host=i686-pc-linux-gnu \
      --disable-shared --enable-static CFLAGS=-O2 > configure.log 2>&1 &&
    emmake make -C gsl > /dev/null 2>&1 &&
    for d in $GSL_DIRS; do emmake make -j"$jobs" -C "$d" > "make-$d.log" 2>&1 || { cat "make-$d.log"; exit 1; }; done) ||
    { log "GSL build failed; see $work/gsl/*.log"; exit 1; }
  # one archive per module (their object names repeat: init.o, ...)
  for d in $GSL_DIRS; do cp "$work"/gsl/"$d"/.libs/*.a "$tmp/lib/"; done
  cp -L "$work"/gsl/gsl/*.h "$tmp/include/gsl/"
}

gc_cache_fill "$cache" "$deps" have_deps build_deps
log "deps: $deps"

# the library: every src/lib/LAYER/*.c, as the native build's gpucost_objects
obj=$out/.obj
mkdir -p "$obj"
cflags=(-O2 -std=c17 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$root/src/lib" -I"$gen_include" -I"$deps/include")
export obj
printf '%s\n' "$root"/src/lib/*/*.c | xargs -P "$jobs" -I{} sh -c \
  'emcc "$@" -c "{}" -o "$obj/$(basename "{}" .c).o"' sh "${cflags[@]}"
# the models embedded at /models (scenarios, hardware, architectures,
# rules, defaults); the page lists /models/scenarios
emcc -O2 "$obj"/*.o -Wl,--start-group "$deps"/lib/*.a -Wl,--end-group -o "$out/gpucost.js" \
  -sMODULARIZE=1 -sEXPORT_NAME=createGpucost -sSINGLE_FILE=1 -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1 \
  -sENVIRONMENT=web,node -sEXPORTED_FUNCTIONS=_gpucost_call,_gpucost_call_free,_malloc,_free \
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8,getValue,FS \
  --embed-file "$root/models@/models" --exclude-file '*schema*'
cp "$root"/src/web/index.html "$root"/src/web/app.js "$root"/src/web/style.css "$out/"
rm -rf "$obj"
log "built $out ($(du -sh "$out" | cut -f1))"
