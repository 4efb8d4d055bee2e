#!/usr/bin/env bash
# gpucost's drop-set search benchmark.  Not a test: it prints numbers.
#
#   bash tests/bench/reconcile.sh [BINARY]
#
# Writes cases of 20 observations with 1 to 8 bad numbers and of 30 with
# 3 (a DeepSeek-V3-like run: GPUs, GPU-hours and price as inputs, then
# claims on GPUs, days, cost and GPU-hours at 1% with small honest noise,
# the bad ones off by 1.3x to 3x, each in its own direction so that they
# do not mask one another) and times `gpucost reconcile` on each: the
# median wall time, by hyperfine when installed (Debian's hyperfine) or a
# plain loop, with the drop set's size, whether the search finished
# (exact), and its branches and full fits.  The targets on the 2-core
# development machine: 20 observations with up to 4 bad under 50 ms, 30
# observations exact within a second.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/gpucost}
[ -x "$bin" ] || { echo "no $bin: build first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
python=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/gpucost-rbench.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$python" - "$work" <<'EOF'
import json, random, sys
out = sys.argv[1]
truth = {"gpus": 2048, "wall_days": 2664000 / 2048 / 24, "cost_usd": 5328000,
         "gpu_hours": 2664000}
names = list(truth)
for n, bad in [(20, b) for b in range(1, 9)] + [(30, 3)]:
    rng = random.Random(1000 * n + bad)
    claims = []
    nclaims = n - 3  # three inputs
    badset = set(rng.sample(range(nclaims), bad))
    for i in range(nclaims):
        q = names[i % 4]
        v = truth[q] * (1 + rng.uniform(-0.004, 0.004))
        if i in badset:
            v *= rng.choice([1.3, 1.7, 2.2, 3.0]) ** rng.choice([1, -1])
        claims.append({"quantity": q, "value": float("%.6g" % v), "tolerance": 0.01,
                       "source": "generated claim %d%s" % (i, " (bad)" if i in badset else "")})
    doc = {"id": "rb-%d-%d" % (n, bad), "kind": "training",
           "inputs": {"gpus": 2048, "gpu_hours": 2664000, "price_per_gpu_hour": 2},
           "claims": claims}
    with open("%s/case-%02d-%d.json" % (out, n, bad), "w") as f:
        json.dump(doc, f, indent=1)
EOF

median_of() {
  local cmd=$1 t=() i s e
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i -w 1 -r 5 --export-json "$work/one.json" "$cmd" >/dev/null 2>&1
    "$python" -c 'import json, sys; print("%.1f" % (1000 * json.load(open(sys.argv[1]))["results"][0]["median"]))' "$work/one.json"
    return
  fi
  for ((i = 0; i < 5; i++)); do
    s=$(date +%s%N); $cmd >/dev/null 2>&1 || true; e=$(date +%s%N)
    t+=("$(((e - s) / 1000))")
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 3p | awk '{printf "%.1f\n", $1 / 1000}'
}

echo "== drop-set search, $(command -v hyperfine >/dev/null && echo hyperfine || echo 'plain loop'), median of 5 =="
printf '  %-5s %-4s %9s  %-5s %-6s %10s %7s\n' obs bad ms drop exact branches fits
for f in "$work"/case-*.json; do
  b=$(basename "$f" .json); n=${b#case-}; bad=${n#*-}; n=${n%-*}
  ms=$(median_of "$bin reconcile $f")
  read -r drop exact branches fits < <("$bin" reconcile "$f" --format json 2>/dev/null | "$python" -c '
import json, sys
d = json.load(sys.stdin); s = d["search"]
print(len(d["drop"]), "yes" if s["exact"] else "no", s["branches"], s["fits"])' || echo "- - - -")
  printf '  %-5s %-4s %9s  %-5s %-6s %10s %7s\n' "$((10#$n))" "$bad" "$ms" "$drop" "$exact" "$branches" "$fits"
done
