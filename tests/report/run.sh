#!/bin/sh
# The report in a real browser: renders `gpucost report` of the bundled
# scenarios in headless Chromium, checks the DOM keeps the tables and the
# charts, that the page loads nothing from outside, and takes a screenshot
# (left in BUILD_DIR/report-screenshot.png for a person to look at).
# Usage: run.sh GPUCOST_BINARY PROJECT_ROOT BUILD_DIR
set -u
bin=$1 root=$2 build=$3
cd "$root" || exit 2
. "$root/tests/chromium.sh"
"$bin" report models/scenarios/ --baseline deepseek-v3 --samples 20k \
  --reconcile models/cases/deepseek-50k-training.json -o "$tmp/report.html" || { echo "FAIL: report exited $?"; exit 1; }
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --dump-dom "file://$tmp/report.html" > "$tmp/dom.html" 2> "$tmp/chrome.log"
check "chromium rendered the page" test -s "$tmp/dom.html"
count() { grep -o "$1" "$tmp/dom.html" | wc -l; }
check "comparison tables with a row per scenario (20; training, inference and fleet headers)" test "$(sed -n '/id="comparison"/,/<\/section>/p' "$tmp/dom.html" | grep -o '<tr>' | wc -l)" -eq 23
check "export controls by date: a row per accelerator the scenarios use" test "$(sed -n '/id="export"/,/<\/section>/p' "$tmp/dom.html" | grep -o '<tr>' | wc -l)" -ge 6
check "claims table with every claim (40)" test "$(sed -n '/id="claims-table"/,/<\/table>/p' "$tmp/dom.html" | grep -o '<td class="status ' | wc -l)" -eq 40
check "Llama's MFU claim marked expected-fail" grep -q 'status expected-fail">expected-fail</td><td><a href="#s-llama3-405b">llama3-405b</a></td><td>mfu' "$tmp/dom.html"
check "the expected-fail row gives its reason" grep -q "steady-state throughput" "$tmp/dom.html"
check "cost bar charts on a log scale, one per time base" test "$(count 'Rental-equivalent cost per [a-z]* (cost_usd), log scale</title>')" -eq 3
check "histogram and tornado of the 50k-H100 range" grep -q 'deepseek-v3-50k-h100: distribution of cost_usd' "$tmp/dom.html"
check "tornado names the inputs" grep -q 'what drives cost_usd' "$tmp/dom.html"
check "at least 1 + 2 x 3 charts" test "$(count '<svg')" -ge 7
check "axes carry tick labels" grep -q '>\$1M<' "$tmp/dom.html"
check "reconcile section with its verdict" grep -q 'class="verdict inconsistent">inconsistent: chi2' "$tmp/dom.html"
check "the 50,000 is the one outlier" test "$(count 'class="status fail outlier"')" -eq 1
check "no scripts" test "$(count '<script')" -eq 0
check "no external styles, fonts or images" test "$(grep -c -E '<link|<img|src=|url\(|@import' "$tmp/report.html")" -eq 0
# the page fits 1,000 px: a copy with one line of script that writes the
# page's width where --dump-dom shows it (the report itself has none)
sed 's|</body>|<script>document.body.setAttribute("data-width", document.documentElement.scrollWidth)</script></body>|' "$tmp/report.html" > "$tmp/measure.html"
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --window-size=1000,2000 --dump-dom "file://$tmp/measure.html" > "$tmp/measure-dom.html" 2>> "$tmp/chrome.log"
width=$(grep -o 'data-width="[0-9]*"' "$tmp/measure-dom.html" | grep -o '[0-9]*')
echo "page width at a 1,000 px window: ${width:-unknown} px"
check "the page fits a 1,000 px window" test "${width:-99999}" -le 1000
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --window-size=1000,2000 --screenshot="$build/report-screenshot.png" "file://$tmp/report.html" > /dev/null 2>&1
check "screenshot taken" test "$(wc -c < "$build/report-screenshot.png" 2>/dev/null || echo 0)" -gt 20000
echo "report: $((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
