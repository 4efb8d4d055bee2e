#!/usr/bin/env bash
# Builds the web page: the gpucost library compiled to WebAssembly with
# Debian's emscripten, the bundled models embedded, one folder of static
# files that works from file:// or any static server.
#
# Usage: build.sh SOURCE_ROOT BUILD_INCLUDE_DIR OUT_DIR CACHE_DIR
#   BUILD_INCLUDE_DIR holds the configured gpucost/version.h;
#   CACHE_DIR keeps GSL and cJSON built for wasm (from Debian's source
#   packages), so a second build on the same machine skips them.
#
# GSL: only the modules gpucost links (and what they need) are built, from
# the Debian source package's orig tarball with Debian's patches applied;
# its configure runs in cross mode (emscripten cannot run test programs).
# The source packages come from Debian's archive (deb.debian.org, the
# registry these machines reach) and are checked against the SHA-256 of
# their .dsc before they are unpacked.
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
POOL=${GPUCOST_DEBIAN_POOL:-http://deb.debian.org/debian/pool/main}
# the GSL modules gpucost calls, and the ones those call
GSL_DIRS="utils sys err complex block vector matrix permutation cblas blas linalg multifit
  rng randist cdf specfunc statistics sort roots qrng eigen poly ieee-utils min"

deps=$cache/gsl-$GSL_VERSION-$GSL_DEBIAN+cjson-$CJSON_VERSION-$CJSON_DEBIAN
log() { echo "web: $*" >&2; }

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

unpack() { # ORIG DEBIAN DIR: the orig tarball with Debian's patches applied
  rm -rf "$3" && mkdir -p "$3"
  tar xf "$1" -C "$3" --strip-components=1
  tar xf "$2" -C "$3"
  if [ -f "$3/debian/patches/series" ]; then
    grep -v '^[[:space:]]*#' "$3/debian/patches/series" | while read -r p _; do
      [ -n "$p" ] && patch -d "$3" -p1 -s < "$3/debian/patches/$p"
    done
  fi
}

build_deps() {
  local work=$cache/work
  mkdir -p "$work" "$deps.tmp/lib" "$deps.tmp/include/cjson"
  fetch "$POOL/g/gsl/gsl_$GSL_VERSION.orig.tar.gz" "$work/gsl.orig.tar.gz" $GSL_SHA256
  fetch "$POOL/g/gsl/gsl_$GSL_VERSION-$GSL_DEBIAN.debian.tar.xz" "$work/gsl.debian.tar.xz" $GSL_DEBIAN_SHA256
  fetch "$POOL/c/cjson/cjson_$CJSON_VERSION.orig.tar.gz" "$work/cjson.orig.tar.gz" $CJSON_SHA256
  fetch "$POOL/c/cjson/cjson_$CJSON_VERSION-$CJSON_DEBIAN.debian.tar.xz" "$work/cjson.debian.tar.xz" $CJSON_DEBIAN_SHA256
  log "cJSON for wasm"
  unpack "$work/cjson.orig.tar.gz" "$work/cjson.debian.tar.xz" "$work/cjson"
  emcc -O2 -c "$work/cjson/cJSON.c" -o "$work/cjson/cJSON.o"
  emar rcs "$deps.tmp/lib/libcjson.a" "$work/cjson/cJSON.o"
  cp "$work/cjson/cJSON.h" "$deps.tmp/include/cjson/"
  log "GSL for wasm (configure, then $(echo $GSL_DIRS | wc -w) modules; a few minutes)"
  unpack "$work/gsl.orig.tar.gz" "$work/gsl.debian.tar.xz" "$work/gsl"
  (cd "$work/gsl" &&
    emconfigure ./configure --build=x86_64-pc-linux-gnu --host=i686-pc-linux-gnu \
      --disable-shared --enable-static CFLAGS=-O2 > configure.log 2>&1 &&
    emmake make -C gsl > /dev/null 2>&1 &&
    for d in $GSL_DIRS; do emmake make -j"$jobs" -C "$d" > "make-$d.log" 2>&1 || { cat "make-$d.log"; exit 1; }; done) ||
    { log "GSL build failed; see $work/gsl/*.log"; exit 1; }
  # one archive per module (their object names repeat: init.o, ...)
  for d in $GSL_DIRS; do cp "$work"/gsl/"$d"/.libs/*.a "$deps.tmp/lib/"; done
  mkdir -p "$deps.tmp/include/gsl"
  cp -L "$work"/gsl/gsl/*.h "$deps.tmp/include/gsl/"
  rm -rf "$deps" && mv "$deps.tmp" "$deps" && rm -rf "$work"
}

[ -f "$deps/lib/libgslsys.a" ] && [ -f "$deps/lib/libcjson.a" ] || build_deps
log "deps: $deps"

# the library: every src/lib/*.c, as the native build's gpucost_objects
obj=$out/.obj
mkdir -p "$obj"
cflags=(-O2 -std=c17 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$gen_include" -I"$deps/include")
export obj
printf '%s\n' "$root"/src/lib/*.c | xargs -P "$jobs" -I{} sh -c \
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
