#!/bin/sh
# The web page in a real browser: headless Chromium opens the built page
# from file:// and the DOM must show the program's numbers.
#  - the 50,000-H100 what-if on DeepSeek-V3 (set through the page's URL,
#    as a shared link would): wall_days and cost_usd equal to
#    `gpucost run --format json`, the claims re-checked, the comparison
#    against the published scenario;
#  - a broken pasted scenario: the error names its file, line and column,
#    the same as the program's;
#  - an uncertain input (a range): the library's histogram and tornado;
#  - the page loads nothing from outside.
# Prints the page's size and its load time (library ready and first
# answer), and leaves a screenshot in BUILD_DIR/web-screenshot.png.
# Usage: run.sh GPUCOST_BINARY PROJECT_ROOT BUILD_DIR (the page in BUILD_DIR/web)
set -u
bin=$1 root=$2 build=$3
web=$build/web
cd "$root" || exit 2
. "$root/tests/chromium.sh"
open_page() { # FRAGMENT OUT
  # shellcheck disable=SC2086
  timeout 120 "$chrome" $flags --window-size=1100,2400 --dump-dom "file://$web/index.html#$1" > "$2" 2>> "$tmp/chrome.log"
}
# the DOM's data-value of quantity $2 in table $3 (derived or compare) of file $1
dom_value() {
  python3 - "$1" "$2" "$3" <<'PY'
import re, sys
html, q, table = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
part = html[html.index(f'id="{table}"'):]
m = re.search(rf'data-quantity="{q}">.*?data-value="([^"]*)"', part)
print(m.group(1) if m else "missing")
PY
}
same_number() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) == float(sys.argv[2]) else 1)' "$1" "$2" 2>/dev/null; }

check "the page is built (index.html, app.js, gpucost.js)" test -s "$web/index.html" -a -s "$web/app.js" -a -s "$web/gpucost.js"

# 1. the 50,000-H100 what-if
open_page "scenario=deepseek-v3&set=hardware%3Dh100&set=gpus%3D50000" "$tmp/whatif.html"
"$bin" run models/scenarios/deepseek-v3.json --set hardware=h100 --set gpus=50000 --format json > "$tmp/cli.json"
want() { python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))[0]["quantities"][sys.argv[2]]["value"]))' "$tmp/cli.json" "$1"; }
check "no error on the page" grep -q 'id="error" role="alert" hidden' "$tmp/whatif.html"
for q in wall_days cost_usd gpus gpu_hours; do
  got=$(dom_value "$tmp/whatif.html" "$q" derived) exp=$(want "$q")
  check "$q on the page ($got) is the program's ($exp)" same_number "$got" "$exp"
done
check "cost shown as \$9.67M per run" grep -q 'data-value="9674360">\$9.67M per run<' "$tmp/whatif.html"
check "wall days shown as 2.32 d" grep -q '>2.32 d<' "$tmp/whatif.html"
check "the what-if is listed as an edit" grep -q '<code>gpus=50000</code>' "$tmp/whatif.html"
check "the cost claim fails at 50,000 H100s" grep -q 'class="status-fail">fail</td><td>cost_usd' "$tmp/whatif.html"
check "compare: the published scenario beside the what-if" grep -q '<th>deepseek-v3 what-if</th>' "$tmp/whatif.html"
got=$(dom_value "$tmp/whatif.html" wall_days compare) exp=$("$bin" run models/scenarios/deepseek-v3.json --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["quantities"]["wall_days"]["value"])')
check "compare: the published wall_days ($got) is the program's ($exp)" same_number "$got" "$exp"
ms=$(grep -o 'data-ready-ms="[0-9]*"' "$tmp/whatif.html" | grep -o '[0-9]*')
check "the library answered while the page loaded" test -n "$ms"

# 1b. the scenario's chip's export story, as `hardware ID --history` tells it
open_page "scenario=deepseek-v3" "$tmp/v3.html"
"$bin" hardware h800 --history --format json > "$tmp/h800.json"
first=$(python3 -c 'import json,sys; h=[x for x in json.load(open(sys.argv[1]))["history"] if x["status"] == "licence required"][0]; print(h["from"])' "$tmp/h800.json")
check "export story: the H800 needs a licence from $first, as the program says" grep -q "data-from=\"$first\" data-status=\"licence required\" data-policy=\"presumption of denial\"" "$tmp/v3.html"
check "export story: its policy turns case-by-case under 91 FR 1684" grep -q 'data-from="2026-01-15" data-status="licence required" data-policy="case-by-case"' "$tmp/v3.html"
check "export story: titled with the chip and China" grep -q '>Export controls: h800 to China<' "$tmp/v3.html"

# 2. a broken scenario, pasted (the page's #text= link)
printf '{"id": "x",\n  "inputs": {"gpus": 8,}}\n' > "$tmp/broken.json"
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read(), safe=""))' "$tmp/broken.json")
open_page "text=$enc&name=broken.json" "$tmp/broken.html"
(cd "$tmp" && "$bin" run broken.json 2> "$tmp/cli.err" > /dev/null)
line=$(head -1 "$tmp/cli.err")
check "the program names line and column ($line)" grep -q '^broken.json:2:25: ' "$tmp/cli.err"
check "the page shows the program's error" grep -qF "role=\"alert\">$line</div>" "$tmp/broken.html"
check "no results beside the error" grep -q 'id="results" hidden' "$tmp/broken.html"

# 3. an uncertain input: the library's charts
open_page "scenario=deepseek-v3&set=hardware%3Dh100&set=gpus%3D50000&set=mfu%3D0.3..0.45" "$tmp/range.html"
check "histogram drawn by the library" grep -q 'deepseek-v3: distribution of cost_usd</title>' "$tmp/range.html"
check "tornado drawn by the library" grep -q 'deepseek-v3: what drives cost_usd (each input from its p5 to its p95)</title>' "$tmp/range.html"
check "the tornado names mfu" grep -q '>mfu<' "$tmp/range.html"

# 4. nothing from outside
check "no external scripts, styles or images" test "$(grep -c -E '(src|href)="(https?:)?//' "$web/index.html")" -eq 0
check "the page asks for nothing over the network" test "$(grep -c -E 'fetch\(|XMLHttpRequest' "$web/app.js")" -eq 0

size=$(du -sk "$web" | cut -f1)
echo "page: ${size} KiB in $(ls "$web" | wc -l) files; ready with the first answer ${ms:-?} ms after it was opened"
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --window-size=1100,2400 --screenshot="$build/web-screenshot.png" \
  "file://$web/index.html#scenario=deepseek-v3&set=hardware%3Dh100&set=gpus%3D50000&set=mfu%3D0.3..0.45" > /dev/null 2>&1
check "screenshot taken" test "$(wc -c < "$build/web-screenshot.png" 2>/dev/null || echo 0)" -gt 20000
echo "web: $((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
