#!/usr/bin/env bash
# gpucost's range benchmark (issue 3).  Not a test: it prints numbers.
#
#   bash tests/bench/run.sh [BUILD_DIR]
#
# 1. Accuracy: the reference model cost = gpu_hours x price (2.5M-3.1M and
#    $1.5-3.5, 90% lognormal) at 1M samples against the closed form.
# 2. Speed: whole processes, same machine, same run: gpucost vs numpy
#    (Debian's python3-numpy) vs Squiggle (@quri/squiggle-lang from npm),
#    each timed by hyperfine (Debian's hyperfine) or a plain loop.
# 3. Scale: 10M samples of tests/bench/six-inputs.json (six uncertain
#    inputs, every output), wall time and peak memory, and 1M vs 10M for
#    linearity.
# Missing tools are installed when run as root (apt-get, npm into
# ~/.cache/gpucost-bench); otherwise that comparison is skipped with a note.
# The number of scenarios (check, compare, report over 10,000 generated
# files) has a bench of its own: tests/bench/scale.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
bin=$build/gpucost
ref=$root/tests/bench/reference.json
six=$root/tests/bench/six-inputs.json
[ -x "$bin" ] || { echo "no $bin: build first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }
python=/usr/bin/python3
cache=${XDG_CACHE_HOME:-$HOME/.cache}/gpucost-bench

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if [ "$(id -u)" -eq 0 ]; then
  want=(); for p in python3-numpy hyperfine nodejs npm time; do have_pkg "$p" || command -v "${p#python3-}" >/dev/null 2>&1 || want+=("$p"); done
  have_pkg python3-numpy || want+=(python3-numpy)
  if [ ${#want[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null || true; fi
fi
squiggle=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$cache/node_modules/@quri/squiggle-lang" ]; then
    mkdir -p "$cache" && (cd "$cache" && npm install --silent --no-audit --no-fund @quri/squiggle-lang@0.10.0 >/dev/null 2>&1) || true
  fi
  if [ -d "$cache/node_modules/@quri/squiggle-lang" ]; then
    cp "$root/tests/bench/reference.mjs" "$cache/reference.mjs"
    squiggle="node $cache/reference.mjs 1000000"
  fi
fi
numpy=""
"$python" -c "import numpy" 2>/dev/null && numpy="$python $root/tests/bench/reference_numpy.py 1000000"

echo "== accuracy: reference model, 1M samples, seed 7 =="
"$bin" range "$ref" --samples 1M --seed 7 --quantities cost_usd --format json | "$python" -c '
import json, sys
d = json.load(sys.stdin)["quantities"]["cost_usd"]
closed = {"p5": 4.1201e6, "p50": 6.3787e6, "p95": 9.8754e6, "mean": 6.6079e6}
worst = 0.0
for k, v in closed.items():
    err = abs(d[k] - v) / v
    worst = max(worst, err)
    print(f"  {k:5} {d[k]:14.6g}  closed form {v:.5g}  error {100 * err:.3f}%")
print(f"  worst {100 * worst:.3f}% (target 0.5%)")'
echo "  Sobol (closed form: gpu_hours 0.0586, price 0.9374):"
"$bin" range "$ref" --sobol --quantities cost_usd --format json | "$python" -c '
import json, sys
for x in json.load(sys.stdin)["sobol"]["cost_usd"]:
    print("    %-20s first %.4f total %.4f" % (x["input"], x["first"], x["total"]))'

echo
echo "== speed: whole processes, reference model, 1M samples =="
g="$bin range $ref --samples 1M --seed 7 --quantities cost_usd"
time_cmd() { # median wall seconds of 7 runs
  local t=() i s e
  for i in 1 2 3 4 5 6 7; do
    s=$(date +%s.%N); $1 >/dev/null 2>&1; e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
  done
  printf '%s\n' "${t[@]}" | sort -g | sed -n 4p
}
if command -v hyperfine >/dev/null; then
  args=(-N -w 2 -r 10 --export-json "$build/bench.json" "$g")
  [ -n "$numpy" ] && args+=("$numpy")
  [ -n "$squiggle" ] && args+=("$squiggle")
  hyperfine "${args[@]}" | grep -E "Benchmark|Time"
  "$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
for x in r[1:]:
    name = "numpy" if "numpy" in x["command"] else "squiggle"
    target = 4 if name == "numpy" else 30
    print("  gpucost is %.1fx faster than %s (target %dx)" % (x["median"] / base, name, target))' "$build/bench.json"
else
  tg=$(time_cmd "$g"); echo "  gpucost ${tg}s"
  [ -n "$numpy" ] && { tn=$(time_cmd "$numpy"); echo "  numpy ${tn}s: gpucost $(echo "$tn / $tg" | bc -l | cut -c1-5)x faster (target 4x)"; }
  [ -n "$squiggle" ] && { ts=$(time_cmd "$squiggle"); echo "  squiggle ${ts}s: gpucost $(echo "$ts / $tg" | bc -l | cut -c1-5)x faster (target 30x)"; }
fi
[ -z "$numpy" ] && echo "  (numpy not available: apt-get install python3-numpy)"
[ -z "$squiggle" ] && echo "  (Squiggle not available: needs node and npm)"

echo
echo "== scale: six uncertain inputs, every output =="
for n in 1M 10M; do
  /usr/bin/time -f "  $n samples: %e s wall, %M KiB peak" "$bin" range "$six" --samples $n >/dev/null
done 2>&1
echo "  (targets: 10M under 1 s on 2 cores and under 256 MiB; time linear in samples)"

echo
echo "== per-sample cost and thread scaling: 10M samples of six-inputs.json =="
# ns per sample per thread = wall x threads / samples; the same output on
# every thread count is checked too (the JSON, less the "threads" field)
cores=$(nproc)
one=""
for t in 1 2 4 8 16 32; do
  [ "$t" -gt "$cores" ] && break
  s=$(date +%s.%N)
  "$bin" range "$six" --samples 10M --threads "$t" --format json | grep -v '"threads"' > "$build/bench-t$t.json"
  e=$(date +%s.%N)
  wall=$(echo "$e - $s" | bc -l)
  [ -z "$one" ] && one=$wall
  same=$(cmp -s "$build/bench-t1.json" "$build/bench-t$t.json" && echo "same output" || echo "OUTPUT DIFFERS")
  printf '  %2d thread%s: %6.2f s, %5.1f ns/sample/thread, %5.2fx of 1 thread, %s\n' "$t" \
    "$([ "$t" = 1 ] && echo " " || echo s)" "$wall" "$(echo "$wall * $t * 100" | bc -l)" \
    "$(echo "$one / $wall" | bc -l)" "$same"
done
echo "  (targets: at most 100 ns per sample per thread; 12x on 16 threads)"
