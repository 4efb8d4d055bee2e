#!/usr/bin/env bash
# Fuzzes the scenario pipeline with libFuzzer for a given time.
#
#   bash tests/fuzz/run.sh [SECONDS] [JOBS]     (defaults: 600 s, 2 jobs)
#
# Builds build-fuzz/ with clang (-fsanitize=fuzzer,address,undefined),
# seeds a working corpus from models/ and tests/data/, and runs JOBS
# workers.  Crashes land in build-fuzz/crashes/; copy each into
# tests/data/bad/ (or tests/data/fuzz/ when it is valid input) with a
# test case before fixing it.  Prints the executions done.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-600}
jobs=${2:-2}
cd "$root"
command -v clang >/dev/null || bash .ci/install-deps clang
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGPUCOST_FUZZ=ON -DGPUCOST_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target fuzz_scenario >/dev/null
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/crashes
cp models/scenarios/*.json models/cases/*.json models/hardware/*.json tests/data/*.json tests/data/bad/*.json \
  tests/bench/*.json tests/data/fuzz/* "$corpus"/ 2>/dev/null || true
cd build-fuzz
rm -f fuzz.log
# fork mode keeps fuzzing after a crash and records every artifact
./fuzz_scenario -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix=crashes/ corpus > fuzz.log 2>&1 || true
execs=$(grep -o '^#[0-9]*' fuzz.log | tail -1 | tr -d '#')
crashes=$(ls crashes | wc -l)
echo "fuzz: ${execs:-0} executions in ${secs}s on $jobs workers, $crashes crash/timeout/leak artifacts"
grep -h -E 'ERROR: |SUMMARY: ' fuzz.log | sort | uniq -c | head -20 || true
[ "$crashes" -eq 0 ]
