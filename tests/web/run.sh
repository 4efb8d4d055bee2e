#!/bin/sh
# The web page in a real browser: headless Chromium opens the built page
# from file:// and the DOM must show the program's numbers.
#  - the 50,000-H100 what-if on DeepSeek-V3 (set through the page's URL,
#    as a shared link would): the library's own tables (format "html"),
#    wall_days and cost_usd equal to `gpucost run --format json` and
#    reading as `gpucost run` prints them, the claims re-checked, the
#    comparison against the published scenario;
#  - the scenario as edited, downloaded from the page's link: `gpucost
#    check` reads it (exit 0 or 1, not 2), it runs to the page's numbers,
#    and the command line shown beside it is the what-if's;
#  - a broken pasted scenario: the error names its file, line and column,
#    the same as the program's;
#  - an uncertain input (a range): the library's histogram and tornado;
#  - a bundled case (models/cases) reconciled, as `gpucost reconcile`;
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
# a cell of the library's table with id $2 in the page $1: the row whose
# first cell is $3, the column headed $4; prints its data-value, or with
# $5 = text, what it reads
cell() {
  python3 - "$@" <<'PY'
import sys
from html.parser import HTMLParser
page, table, row, col = sys.argv[1:5]
want = sys.argv[5] if len(sys.argv) > 5 else "value"
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.depth = 0; self.rows = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and (self.depth or a.get("id") == table): self.depth += 1
        elif self.depth and tag == "tr": self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = [a.get("data-value"), ""]; self.rows[-1].append(self.cell)
    def handle_endtag(self, tag):
        if tag == "table" and self.depth: self.depth -= 1
        elif tag in ("td", "th"): self.cell = None
    def handle_data(self, d):
        if self.cell is not None: self.cell[1] += d
p = P(); p.feed(open(page, encoding="utf-8").read())
out = "missing"
if p.rows:
    head = [c[1] for c in p.rows[0]]
    for r in p.rows[1:]:
        if r and r[0][1] == row and col in head:
            c = r[head.index(col)]
            out = c[1] if want == "text" else c[0]
            break
print(out)
PY
}
# what the program's table prints for quantity $2 of `run` with args $1...
cli_text() {
  q=$1; shift
  "$bin" run "$@" | awk -v q="$q" '$1 == q { sub(/^ *[^ ]+ +/, ""); sub(/  +[a-z]+  +.*$/, ""); print; exit }'
}
# equal to 1e-12: a data-value is exact (as CSV writes it, shortest text
# that reads back the same double), while cJSON's JSON stops at 15 digits
# once they read back within DBL_EPSILON (9674360 for 9674359.999999998)
same_number() { python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if abs(a - b) <= 1e-12 * max(abs(a), abs(b)) else 1)' "$1" "$2" 2>/dev/null; }

check "the page is built (index.html, app.js, gpucost.js)" test -s "$web/index.html" -a -s "$web/app.js" -a -s "$web/gpucost.js"

# 1. the 50,000-H100 what-if
open_page "scenario=deepseek-v3&set=hardware%3Dh100&set=gpus%3D50000" "$tmp/whatif.html"
"$bin" run models/scenarios/deepseek-v3.json --set hardware=h100 --set gpus=50000 --format json > "$tmp/cli.json"
want() { python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))[0]["quantities"][sys.argv[2]]["value"]))' "$tmp/cli.json" "$1"; }
check "no error on the page" grep -q 'id="error" role="alert" hidden' "$tmp/whatif.html"
for q in wall_days cost_usd gpus gpu_hours; do
  got=$(cell "$tmp/whatif.html" derived "$q" value) exp=$(want "$q")
  check "$q on the page ($got) is the program's ($exp)" same_number "$got" "$exp"
done
# the numbers read as the program prints them: the library's table
for q in cost_usd wall_days gpus; do
  got=$(cell "$tmp/whatif.html" derived "$q" value text) exp=$(cli_text "$q" models/scenarios/deepseek-v3.json --set hardware=h100 --set gpus=50000)
  check "$q reads '$got' on the page, '$exp' in the program" test "$got" = "$exp"
done
check "cost shown as \$9.67M/run" test "$(cell "$tmp/whatif.html" derived cost_usd value text)" = "\$9.67M/run"
check "the what-if is listed as an edit" grep -q '<code>gpus=50000</code>' "$tmp/whatif.html"
check "the cost claim fails at 50,000 H100s" grep -q 'class="status fail">fail</td><td>deepseek-v3</td><td>cost_usd' "$tmp/whatif.html"
check "compare: the published scenario beside the what-if" grep -q '<td>deepseek-v3 what-if</td>' "$tmp/whatif.html"
got=$(cell "$tmp/whatif.html" compare-table deepseek-v3 wall_days) exp=$("$bin" run models/scenarios/deepseek-v3.json --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["quantities"]["wall_days"]["value"])')
check "compare: the published wall_days ($got) is the program's ($exp)" same_number "$got" "$exp"
check "the page formats no number itself" test "$(grep -c -E 'toPrecision|toFixed|toExponential|toLocaleString' "$web/app.js")" -eq 0

# 1a. the scenario as edited: downloaded (the link's data: URL), checked
# by the program, and the command line shown gives the same numbers
python3 - "$tmp/whatif.html" "$tmp/edited.json" <<'PY'
import re, sys, urllib.parse
m = re.search(r'<a id="download" href="data:application/json;charset=utf-8,([^"]*)"', open(sys.argv[1], encoding="utf-8").read())
open(sys.argv[2], "w", encoding="utf-8").write(urllib.parse.unquote(m.group(1)) if m else "")
PY
"$bin" check "$tmp/edited.json" > "$tmp/check.out" 2>&1; rc=$?
check "gpucost check reads the downloaded scenario (exit $rc: 0 or 1, not 2)" test "$rc" -le 1
check "the download is named for the scenario" grep -q 'download="deepseek-v3-edited.json"' "$tmp/whatif.html"
shown=$(python3 -c 'import html,re,sys; m=re.search(r"<code id=\"command\">([^<]*)<", open(sys.argv[1], encoding="utf-8").read()); print(html.unescape(m.group(1)) if m else "")' "$tmp/whatif.html")
check "the command line is shown ($shown)" test "$shown" = "gpucost run models/scenarios/deepseek-v3.json --set hardware=h100 --set gpus=50000"
"$bin" run "$tmp/edited.json" --format json > "$tmp/edited-run.json"
exp=$(want cost_usd) got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["quantities"]["cost_usd"]["value"])' "$tmp/edited-run.json")
check "the downloaded scenario runs to the page's cost ($got, $exp)" same_number "$got" "$exp"
ms=$(grep -o 'data-ready-ms="[0-9]*"' "$tmp/whatif.html" | grep -o '[0-9]*')
check "the library answered while the page loaded" test -n "$ms"

# 1b. the scenario's chip's export story, as `hardware ID --history` tells it
open_page "scenario=deepseek-v3" "$tmp/v3.html"
"$bin" hardware h800 --history --format json > "$tmp/h800.json"
first=$(python3 -c 'import json,sys; h=[x for x in json.load(open(sys.argv[1]))["history"] if x["status"] == "licence required"][0]; print(h["from"])' "$tmp/h800.json")
check "export story: the H800 needs a licence from $first, as the program says" grep -q "data-from=\"$first\" data-status=\"licence required\" data-policy=\"presumption of denial\"" "$tmp/v3.html"
check "export story: its policy turns case-by-case under 91 FR 1684" grep -q 'data-from="2026-01-15" data-status="licence required" data-policy="case-by-case"' "$tmp/v3.html"
got=$(cell "$tmp/v3.html" derived gpus value text) exp=$(cli_text gpus models/scenarios/deepseek-v3.json)
check "2,048 GPUs read '$got' on the page, '$exp' in the program" test "$got" = "$exp" -a "$got" = "2,048 GPUs"
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

# 3b. a bundled case reconciled (the page's #case= link)
open_page "scenario=deepseek-v3&case=llama3-405b" "$tmp/case.html"
check "reconcile: the library's observations table" grep -q '<table class="observations">' "$tmp/case.html"
check "reconcile: the 38% MFU bound is the outlier, as the program says" grep -q 'class="status fail outlier">outlier</td><td>mfu</td>' "$tmp/case.html"
for c in models/cases/*.json; do
  c=$(basename "$c" .json)
  check "reconcile: the case $c offered" grep -q "<option value=\"$c\">$c</option>" "$tmp/case.html"
done
check "reconcile: verdict as the program prints it" grep -qF "$("$bin" reconcile models/cases/llama3-405b.json | head -1 | cut -c1-40)" "$tmp/case.html"

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
