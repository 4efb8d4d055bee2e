# Sourced by the browser tests (tests/report/run.sh, tests/web/run.sh):
# finds Chromium, makes a temporary folder ($tmp, removed on exit), sets
# the headless flags ($flags) and a check function that counts what fails
# ($fail of $total).
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "FAIL: no Chromium; install it with: bash .ci/install-deps --test"
  exit 1
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 total=0
check() { # description, command...
  d=$1; shift
  total=$((total + 1))
  if "$@"; then echo "ok   $d"; else echo "FAIL $d"; fail=$((fail + 1)); fi
}
flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-quic --user-data-dir=$tmp/profile"
