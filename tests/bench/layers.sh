#!/usr/bin/env bash
# How a command's calls cross the library's layers (docs/development.md,
# "Layout").  Not a test: it prints numbers.
#
#   bash tests/bench/layers.sh [BINARY] [-- ARGS...]
#
#   e.g. bash tests/bench/layers.sh build/gpucost
#
# Runs one command under valgrind's callgrind (default: `compare` of two
# bundled scenarios, showing gpus: a scenario's `gpus` from its file to a
# compare cell) and prints the library files whose functions ran, by
# layer; the distinct caller -> callee edges between library files; and
# the calls from a higher layer down to a lower one other than base
# (memory, text and number helpers every layer uses), listing those the
# present layer makes.  A builder that reads its results and writes its
# document makes no call back into compute or read.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/gpucost}
shift || true
[ "${1:-}" = -- ] && shift
if [ $# -eq 0 ]; then
  set -- compare "$root/models/scenarios/deepseek-v3.json" "$root/models/scenarios/llama3-405b.json" \
    --quantities gpus
fi
command -v valgrind >/dev/null || { echo "needs valgrind (Debian's valgrind)" >&2; exit 2; }
out=$(mktemp "${TMPDIR:-/tmp}/gpucost-layers.XXXXXX")
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>&1 || true
python3 - "$out" "$root/src/lib" <<'PY'
import collections, os, re, sys
ORDER = ['base', 'read', 'compute', 'render', 'present', 'api']
lib = os.path.realpath(sys.argv[2]) + '/'
def layer(path):
    m = re.search(r'/src/lib/([a-z]+)/[^/]+$', path)
    return m.group(1) if m and m.group(1) in ORDER else None
names = {'fl': {}, 'fn': {}}
def name(kind, v):
    m = re.match(r'\((\d+)\)(?: (.*))?', v)
    if not m:
        return v
    d = names['fl' if kind in ('fl', 'fi', 'fe', 'cfi', 'cfl') else 'fn']
    if m.group(2) is not None:
        d[m.group(1)] = m.group(2)
    return d[m.group(1)]
fl = fn = cfl = cfn = None
edges, ran = set(), set()
for line in open(sys.argv[1], errors='replace'):
    k, _, v = line.rstrip('\n').partition('=')
    if k == 'fl':
        fl = name(k, v)
    elif k in ('fi', 'fe'):
        name(k, v)
    elif k == 'fn':
        fn = name(k, v); cfl = None; ran.add(fl)
    elif k in ('cfi', 'cfl'):
        cfl = name(k, v)
    elif k == 'cfn':
        cfn = name(k, v)
    elif k == 'calls':
        edges.add((fl, fn, cfl or fl, cfn)); cfl = None
short = lambda p: p.split('/src/lib/', 1)[1]
files = collections.defaultdict(set)
for f in ran:
    if layer(f):
        files[layer(f)].add(short(f))
print(f"library files that ran: {sum(len(v) for v in files.values())}")
for l in ORDER:
    if files[l]:
        print(f"  {l}: {len(files[l])}: {' '.join(sorted(files[l]))}")
cross = [e for e in edges if layer(e[0]) and layer(e[2]) and e[0] != e[2]]
print(f"calls between library files (distinct edges): {len(cross)}")
down = [e for e in cross if layer(e[2]) != 'base' and ORDER.index(layer(e[2])) < ORDER.index(layer(e[0]))]
count = collections.Counter((layer(a), layer(c)) for a, _, c, _ in down)
print(f"calls down to a lower layer (base excluded): {len(down)}")
for (a, c), n in sorted(count.items()):
    print(f"  {a} -> {c}: {n}")
back = sorted(e for e in down if layer(e[0]) == 'present' and layer(e[2]) in ('read', 'compute'))
print(f"present calling back into read or compute: {len(back)}")
for a, b, c, d in back:
    print(f"    {short(a)}:{b} -> {short(c)}:{d}")
PY
