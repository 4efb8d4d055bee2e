# cache.sh - sourced by build.sh: the shared cache of dependencies built
# for wasm, safe for several builds at once on one machine (two build
# folders, two clones, a CI run and a developer's) that share CACHE_DIR.
#
# Each build unpacks, patches and builds in its own mktemp folder under
# CACHE_DIR, only while it holds flock on CACHE_DIR/lock (the second build
# waits, then finds the deps built and builds nothing), and the finished
# folder is moved into place in one rename, so a reader never sees half of
# it.  A fixed work folder without the lock made two builds patch one tree
# twice ("Reversed patch detected") or delete each other's files.
#
# Kept apart from build.sh so that tests/web/cache-two-builds.sh can run
# this step twice at once with a fake package and build (no network, no
# emscripten).  Needs bash, tar, patch and flock (util-linux).

# gc_unpack ORIG DEBIAN DIR: a Debian source package's orig tarball with
# its debian/ tarball over it and debian/patches/series applied, in DIR.
gc_unpack() {
  rm -rf "$3" && mkdir -p "$3"
  tar xf "$1" -C "$3" --strip-components=1
  tar xf "$2" -C "$3"
  if [ -f "$3/debian/patches/series" ]; then
    grep -v '^[[:space:]]*#' "$3/debian/patches/series" | while read -r p _; do
      [ -n "$p" ] && patch -d "$3" -p1 -s < "$3/debian/patches/$p"
    done
  fi
  return 0
}

# gc_cache_fill CACHE DEPS HAVE BUILD: makes sure the folder DEPS (inside
# CACHE) is complete, by the predicate HAVE (a function or command).
# When it is not, takes the lock, looks again, and runs BUILD WORK TMP,
# which fills TMP from sources it unpacks in WORK (a new folder of its
# own), then renames TMP to DEPS.  A failing BUILD ends the script (set -e)
# with WORK left for its logs; the lock goes with the process.
gc_cache_fill() {
  local cache=$1 deps=$2 have=$3 build=$4
  mkdir -p "$cache"
  "$have" && return 0
  # fd 9 holds the lock until released or the script exits; the kernel
  # drops it if the script dies, so a killed build never blocks the next
  exec 9> "$cache/lock"
  if ! flock -n 9; then
    echo "web: another build is building the wasm deps in $cache; waiting for it" >&2
    flock 9
  fi
  if ! "$have"; then
    # work folders are made only under the lock, so any other one is from
    # a build that failed (kept for its logs) or was killed: remove them
    rm -rf "$cache"/work.*
    local work
    work=$(mktemp -d "$cache/work.XXXXXX")
    mkdir -p "$work/deps"
    "$build" "$work" "$work/deps"
    # DEPS is never half-built by this function (the rename is its last
    # step); one that is here yet incomplete was left by something else
    rm -rf "$deps"
    mv "$work/deps" "$deps"
    rm -rf "$work"
  fi
  flock -u 9
  exec 9>&-
}
