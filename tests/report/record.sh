#!/bin/sh
# The public record's audit page in a real browser: renders `gpucost
# report` of Epoch AI's CSV (models/record/) in headless Chromium, checks
# the summary and the table of rows that disagree, that the page loads
# nothing from outside and fits a 1,000 px window, that a filter hides
# the rows without its value (CSS only), and takes a screenshot (left in
# BUILD_DIR/report-record-screenshot.png for a person to look at).
# Usage: record.sh GPUCOST_BINARY PROJECT_ROOT BUILD_DIR
set -u
bin=$1 root=$2 build=$3
cd "$root" || exit 2
. "$root/tests/chromium.sh"
csv="models/record/All ML Systems - full view.csv"
"$bin" report "$csv" -o "$tmp/record.html" 2> "$tmp/report.err"
rc=$?
check "report wrote the page (exit $rc)" test "$rc" -le 1 -a -s "$tmp/record.html"
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --dump-dom "file://$tmp/record.html" > "$tmp/dom.html" 2> "$tmp/chrome.log"
check "chromium rendered the page" test -s "$tmp/dom.html"
count() { grep -o -e "$1" "$tmp/dom.html" | wc -l; }
check "the summary counts rows read, scenarios and claims" grep -q '<b>[0-9]*</b>rows read' "$tmp/dom.html"
check "the summary counts claims that fail" grep -q '<b class="fail">[0-9]*</b>claims fail' "$tmp/dom.html"
check "rows not testable grouped by reason" grep -q '<table class="reasons">' "$tmp/dom.html"
rows=$(count '<tr class="row ')
echo "rows that disagree: $rows"
check "a non-empty table of rows that disagree" test "$rows" -ge 10
check "each row has a ratio" test "$(count 'class="num ratio">[0-9x]')" -eq "$rows"
check "a radio group per facet, each with 'all' checked" test "$(count '-all" checked')" -eq 3
check "no scripts" test "$(count '<script')" -eq 0
check "no external styles, fonts or images" test "$(grep -c -E '<link|<img|src=|url\(|@import' "$tmp/record.html")" -eq 0
# a copy with one line of script that writes the page's width, and the
# rows still shown with one filter chosen, where --dump-dom shows them
# (the page itself has none)
probe='<script>var s=function(){return [].filter.call(document.querySelectorAll("tr.row"),function(r){return r.offsetParent!==null}).length};document.body.setAttribute("data-width",document.documentElement.scrollWidth);document.body.setAttribute("data-all",s());document.getElementById("meth-hardware").checked=true;document.body.setAttribute("data-shown",s());document.body.setAttribute("data-want",document.querySelectorAll("tr.row.meth-hardware").length)</script></body>'
sed "s|</body>|$probe|" "$tmp/record.html" > "$tmp/measure.html"
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --window-size=1000,2000 --dump-dom "file://$tmp/measure.html" > "$tmp/measure-dom.html" 2>> "$tmp/chrome.log"
attr() { grep -o "data-$1=\"[0-9]*\"" "$tmp/measure-dom.html" | grep -o '[0-9]*'; }
width=$(attr width) all=$(attr all) shown=$(attr shown) want=$(attr want)
echo "page width at a 1,000 px window: ${width:-unknown} px; rows shown: ${all:-?} of $rows, ${shown:-?} with method Hardware (${want:-?} so marked)"
check "the page fits a 1,000 px window" test "${width:-99999}" -le 1000
check "every row shown before a filter is chosen" test "${all:--1}" -eq "$rows"
check "the method filter shows just its rows" test "${shown:--1}" -eq "${want:--2}" -a "${shown:-0}" -gt 0 -a "${shown:-0}" -lt "$rows"
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --window-size=1000,2000 --screenshot="$build/report-record-screenshot.png" "file://$tmp/record.html" > /dev/null 2>&1
check "screenshot taken" test "$(wc -c < "$build/report-record-screenshot.png" 2>/dev/null || echo 0)" -gt 20000
echo "report-record: $((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
