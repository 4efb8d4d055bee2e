#!/usr/bin/env bash
# gpucost's scenario-count benchmark.  Not a test: it prints numbers.
#
#   bash tests/bench/scale.sh [BINARY] [N]
#
#   e.g. bash tests/bench/scale.sh build/gpucost 10000
#
# Writes N (default 10,000) varied training scenarios into a temporary
# folder (the shapes of models/scenarios/*.json: hardware from
# models/hardware, gpus, gpu_hours, params_active, tokens, price, two or
# three claims each, one in seven with a conflicting wall_days) and times
# check, compare (table and JSON) and report over the folder: the median
# wall time, by hyperfine when installed (Debian's hyperfine) or a plain
# loop, and the report's page size.  Every command must be linear in N;
# the targets on the 2-core development machine at N = 10,000 are check
# and compare under 1 s, report under 3 s.  Run it at two sizes (5000 and
# 10000, say) to see the slope.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/gpucost}
n=${2:-10000}
[ -x "$bin" ] || { echo "no $bin: build first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }
case $n in '' | *[!0-9]*) echo "N must be a whole number, got '$n'" >&2; exit 2 ;; esac
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
python=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/gpucost-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/scenarios"

"$python" - "$root/models/hardware" "$work/scenarios" "$n" <<'EOF'
import json, os, random, sys
hw_dir, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
hardware = {}
for f in sorted(os.listdir(hw_dir)):
    if f.endswith(".json"):
        with open(os.path.join(hw_dir, f)) as h:
            d = json.load(h)
        # only precisions the chip has a peak for
        hardware[d["id"]] = {k: v for k, v in d.get("peak_tflops", {}).items()
                             if k in ("bf16", "fp16", "fp8")}
# chips with a 16- or 8-bit peak (the catalog also holds FP32-only parts)
ids = sorted(h for h, peaks in hardware.items() if peaks)
rng = random.Random(20250127)
for i in range(n):
    hw = rng.choice(ids)
    gpus = rng.choice([256, 512, 1024, 2048, 4096, 8192, 16384])
    params = rng.choice([7e9, 13e9, 37e9, 70e9, 175e9, 405e9])
    tokens = rng.choice([1e12, 2e12, 5e12, 9.5e12, 14.8e12])
    # the default precision is bf16; a chip without it names its own
    precision = "bf16"
    if "bf16" not in hardware[hw] or rng.random() < 0.5:
        precision = rng.choice(sorted(hardware[hw]))
    # GPU-hours for an MFU of 15% to 55% (a few runs claim more than peak)
    flops = 6 * params * tokens
    mfu = rng.uniform(0.15, 0.55) * (3 if i % 11 == 5 else 1)
    gpu_hours = round(flops / (hardware[hw][precision] * 1e12 * mfu) / 3600)
    price = round(rng.uniform(1.0, 4.0), 2)
    inputs = {"hardware": hw, "gpus": gpus, "gpu_hours": gpu_hours,
              "price_per_gpu_hour": price, "params_active": params,
              "tokens": tokens}
    if precision != "bf16" or rng.random() < 0.3:
        inputs["precision"] = precision
    if i % 7 == 3:
        # over-determined: wall_days disagrees with gpu_hours / gpus
        inputs["wall_days"] = round(gpu_hours / gpus / 24 * 1.7 + 0.5, 1)
    cost = gpu_hours * price
    claims = [{"quantity": "cost_usd",
               "value": round(cost * rng.choice([1.0, 1.0, 1.0, 1.3])),
               "tolerance": 0.01, "source": f"generated claim {i}a"},
              {"quantity": "training_flops",
               "value": flops * rng.choice([1.0, 1.0, 1.2]),
               "tolerance": 0.05, "source": f"generated claim {i}b"}]
    if i % 3 == 0:
        claims.append({"quantity": "wall_days", "max": 120,
                       "source": f"generated claim {i}c"})
    doc = {"id": f"scale-{i:06d}", "title": f"Generated training run {i}",
           "kind": "training",
           "description": f"{gpus} {hw} GPUs, {params:.3g} active parameters",
           "inputs": inputs, "claims": claims}
    sub = os.path.join(out, f"d{i // 1000:03d}")
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, f"scale-{i:06d}.json"), "w") as f:
        json.dump(doc, f, indent=2)
EOF

cat="--catalog $root/models/hardware"
dir=$work/scenarios
# name, runs, target seconds, command; the report draws a 100k-sample Monte
# Carlo range for each scenario whose inputs are uncertain (here the chips
# with a catalog price range), so it also runs with --samples 2 to show
# the page's own share
names=(check compare "compare json" report "report -s 2")
runs=(5 5 5 2 3)
targets=(1 1 1 3 -)
cmds=("$bin check $dir $cat"
  "$bin compare $dir $cat"
  "$bin compare $dir $cat --format json"
  "$bin report $dir $cat -o $work/x.html"
  "$bin report $dir $cat --samples 2 -o $work/x2.html")

# median wall seconds of `runs` runs of a command (check exits 1 when a
# claim fails, which some generated ones do on purpose)
median_of() {
  local runs=$1 cmd=$2 t=() i s e
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i -w $((runs >= 5 ? 1 : 0)) -r "$runs" --export-json "$work/one.json" "$cmd" >/dev/null 2>&1
    "$python" -c 'import json, sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/one.json"
    return
  fi
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s.%N); $cmd >/dev/null 2>&1 || true; e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
  done
  printf '%s\n' "${t[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p" | xargs printf '%.3f\n'
}

echo "== $n scenarios in $dir ($(du -sh "$dir" | cut -f1)), $(command -v hyperfine >/dev/null && echo hyperfine || echo 'plain loop') =="
printf '  %-14s %8s  %s\n' command seconds target
for i in "${!cmds[@]}"; do
  sec=$(median_of "${runs[$i]}" "${cmds[$i]}")
  printf '  %-14s %8s  %s\n' "${names[$i]}" "$sec" \
    "$([ "${targets[$i]}" = - ] && echo "(page only)" || echo "under ${targets[$i]} s")"
done
pages=$(grep -o '<article class="scenario"' "$work/x.html" | wc -l)
ranges=$(grep -o 'Monte Carlo samples' "$work/x.html" | wc -l)
printf '  %-14s %8s  (%s scenario sections, %s with a range)\n' "report page" \
  "$(du -h "$work/x.html" | cut -f1)" "$pages" "$ranges"
