#!/usr/bin/env bash
# Fuzzes gpucost with libFuzzer for a given time.
#
#   bash tests/fuzz/run.sh [SECONDS] [JOBS] [HARNESS]
#       (defaults: 600 s, 2 jobs, scenario)
#
# HARNESS is `scenario` (bytes -> scenario -> what-if -> derive -> claims
# and conflicts -> range -> reconcile -> solve -> every output format and
# the report), `options` (bytes -> argv -> the option parser), `call`
# (bytes -> a JSON request -> gpucost_call; the requests' paths name the
# bundled models) or `record` (bytes -> Epoch AI's CSV -> each row's
# scenario parsed back, derived and checked -> check's outputs and the
# record's audit page).  Builds
# build-fuzz/ with clang (-fsanitize=fuzzer,address,undefined), seeds a
# working corpus (models/ and tests/data/, or the golden command lines of
# tests/cli/cases/), and runs JOBS workers.  Crashes land in
# build-fuzz/crashes-HARNESS/; copy each into tests/data/bad/ (or
# tests/data/fuzz/ when it is valid input) with a test case before fixing
# it.  Prints the executions done.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-600}
jobs=${2:-2}
harness=${3:-scenario}
cd "$root"
command -v clang >/dev/null || bash .ci/install-deps clang
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGPUCOST_FUZZ=ON -DGPUCOST_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target "fuzz_$harness" >/dev/null
corpus=build-fuzz/corpus-$harness
crashes=build-fuzz/crashes-$harness
mkdir -p "$corpus" "$crashes"
case "$harness" in
  scenario)
    cp models/scenarios/*.json models/cases/*.json models/hardware/*.json models/rules/*.json \
      models/architectures/*.json models/defaults.json tests/data/*.json \
      tests/data/bad/*.json tests/bench/*.json tests/data/fuzz/* "$corpus"/ 2>/dev/null || true
    # the rule sets that must not load (cycle, self, unknown chip, twice)
    for f in tests/data/rules-bad/*/rules/*.json; do
      cp "$f" "$corpus/rules-bad-$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"
    done ;;
  options)
    # each golden case's arguments after the command, NUL-separated
    for a in tests/cli/cases/*.args; do
      tail -n +2 "$a" | tr '\n' '\0' > "$corpus/$(basename "$a" .args)"
    done ;;
  call)
    # one request per command and per way of giving a scenario; the
    # harness runs in build-fuzz/, where models/ is a link to the models
    ln -sfn ../models build-fuzz/models
    v3=models/scenarios/deepseek-v3.json
    n=0
    for r in \
      "{\"command\": \"run\", \"scenarios\": [\"$v3\"], \"set\": {\"hardware\": \"h100\", \"gpus\": 50000}}" \
      "{\"command\": \"compare\", \"baseline\": \"deepseek-v3\", \"scenarios\": [\"$v3\", {\"file\": \"$v3\", \"id\": \"w\", \"set\": [\"gpus=50k\"]}]}" \
      "{\"command\": \"check\", \"scenarios\": [\"models/scenarios\"], \"format\": \"tap\"}" \
      "{\"command\": \"solve\", \"scenarios\": [\"$v3\"], \"for\": \"gpus\", \"target\": \"wall_days=30\"}" \
      "{\"command\": \"reconcile\", \"scenarios\": [\"models/cases/deepseek-50k-training.json\"]}" \
      "{\"command\": \"compare\", \"scenarios\": [\"$v3\"], \"sweep\": \"gpus=$(seq -s, 1 1001)\"}" \
      "{\"command\": \"range\", \"scenarios\": [\"models/scenarios/llama3-405b-serving.json\"], \"set\": {\"precision\": \"bf16\", \"memory_gb\": \"60..100\"}}" \
      "{\"command\": \"hardware\", \"id\": \"h20\", \"history\": true, \"catalog\": \"models/hardware\"}" \
      "{\"command\": \"run\", \"scenarios\": [{\"id\": \"x\", \"inputs\": {\"gpus\": 8, \"wall_days\": 2}}, {\"text\": \"{\\\"id\\\": \\\"y\\\"}\", \"file\": \"y.json\"}], \"set\": {\"mfu\": {\"low\": 0.3, \"high\": 0.4}, \"wall_days\": null}}" \
      "{\"command\": \"run\", \"scenarios\": [\"$v3\"], \"set\": {\"hardware\": \"a$(printf '\360\235\204\236%.0s' $(seq 70))\", \"price_per_gpu_hour\": \"2.5\"}}" \
      "{\"command\": \"check\", \"format\": \"csv\", \"scenarios\": [{\"id\": \"=1+1\", \"title\": \"aa$(printf '\342\202\254%.0s' $(seq 90))\", \"inputs\": {\"gpus\": 8, \"wall_days\": 2}, \"claims\": [{\"quantity\": \"gpu_hours\", \"value\": 400, \"source\": \"@x$(printf '\303\251%.0s' $(seq 200))\"}]}]}" \
      "{\"command\": \"run\", \"root\": \"models\", \"catalog\": \"models/hardware\", \"scenarios\": [\"$v3\", \"models/../README.md\"], \"set\": {\"mfu\": \"0.3...0.4\"}}" \
      "{\"command\": \"run\", \"scenarios\": [{\"scenario\": {\"id\": \"x\", \"inputs\": {\"gpus\": 1e400}}, \"id\": \"\"}]}" \
      "{}"; do
      n=$((n + 1)); printf '%s' "$r" > "$corpus/request-$n.json"
    done
    # findings kept: an unknown key of four-byte characters whose error
    # message was cut mid-character
    cp tests/data/fuzz/call-*.json "$corpus"/ 2>/dev/null || true ;;
  record)
    # the small fixture and the head of the full export (header + rows)
    cp tests/data/record/small.csv "$corpus/small.csv"
    head -n 40 "models/record/All ML Systems - full view.csv" > "$corpus/full-head.csv"
    cp tests/data/record/*.csv "$corpus"/ 2>/dev/null || true ;;
  *) echo "unknown harness '$harness' (scenario, options, call or record)" >&2; exit 2 ;;
esac
cd build-fuzz
log=fuzz-$harness.log
rm -f "$log"
# fork mode keeps fuzzing after a crash and records every artifact;
# close_fd_mask=3 keeps the program's own messages out of the log
./"fuzz_$harness" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -close_fd_mask=3 \
  -artifact_prefix="${crashes#build-fuzz/}/" "${corpus#build-fuzz/}" > "$log" 2>&1 || true
execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
found=$(ls "${crashes#build-fuzz/}" | wc -l)
echo "fuzz $harness: ${execs:-0} executions in ${secs}s on $jobs workers, $found crash/timeout/leak artifacts"
grep -h -E 'ERROR: |SUMMARY: ' "$log" | sort | uniq -c | head -20 || true
[ "$found" -eq 0 ]
