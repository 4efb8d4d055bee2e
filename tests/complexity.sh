#!/bin/bash
# complexity.sh ROOT BUILD - fails when a function of the library or the
# program (src/lib/*/*.c, src/cli/*.c) has a cognitive complexity over 25
# (clang-tidy's readability-function-cognitive-complexity), naming each
# one with its file and score.  The files are checked one per clang-tidy,
# as many at once as there are CPUs.  A file clang-tidy cannot parse fails
# the check too, so a broken include cannot hide a function from it.  The
# flags are the build's own (GPUCOST_VERSION, which only the program's
# target defines, given a placeholder: it is only parsed here).
#
# complexity.sh --self-check ROOT BUILD - the check fails on what it is
# for: a file holding a deliberately tangled function is reported by name,
# and a plain one passes.
#
# Without clang-tidy the check fails (it never skips): install it
# (Debian: clang-tidy; .ci/install-deps --test does).
set -eu
self_check=0
if [ "${1:-}" = --self-check ]; then
    self_check=1
    shift
fi
root=${1:?usage: complexity.sh [--self-check] ROOT BUILD}
build=${2:?usage: complexity.sh [--self-check] ROOT BUILD}
threshold=25
if ! command -v clang-tidy >/dev/null 2>&1; then
    echo "complexity: clang-tidy is not installed; install it (Debian: apt-get install clang-tidy, or .ci/install-deps --test)" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check FILE... - runs the check over the files; prints each function over
# the threshold and returns 1 when there is one or a file does not parse.
check() {
    printf '%s\0' "$@" |
        xargs -0 -n 1 -P "$(nproc)" sh -c '
            out=$(clang-tidy --quiet -checks="-*,readability-function-cognitive-complexity" \
                -config="{CheckOptions: [{key: readability-function-cognitive-complexity.Threshold, value: $1}]}" \
                "$4" -- -std=c17 -D_POSIX_C_SOURCE=200809L -DGPUCOST_VERSION=\"0\" \
                -I"$2/include" -I"$3/include" -I"$2/src/lib" 2>&1)
            rc=$?
            printf "%s\n" "$out" | grep -a "warning: function .* has cognitive complexity" || true
            if [ $rc -ne 0 ]; then
                printf "%s\n" "$out" >&2
                echo "$4: clang-tidy failed (exit $rc)"
            fi
        ' sh "$threshold" "$root" "$build" >"$tmp/found" 2>"$tmp/errors" || true
    if [ -s "$tmp/found" ]; then
        cat "$tmp/errors" >&2
        echo "functions over cognitive complexity $threshold (split them along their sub-jobs), or files clang-tidy could not read:"
        sed -e "s|^$root/||" -e 's/ \[readability-function-cognitive-complexity\]$//' "$tmp/found" | sort
        return 1
    fi
    return 0
}

if [ $self_check -eq 1 ]; then
    cat >"$tmp/tangled.c" <<'EOF'
int tangled(int a, int b, int c);
int tangled(int a, int b, int c)
{
    int n = 0;
    for (int i = 0; i < a; i++) {
        if (i % 2 && b) {
            for (int j = 0; j < b; j++) {
                if (j > c || (j < a && i > c)) {
                    while (n < c) {
                        if (n % 3 == 0 && j % 2 == 1) n += 2;
                        else if (n % 5 == 0 || i == j) n += 3;
                        else n++;
                    }
                } else if (c > 7) {
                    n -= j ? 1 : 2;
                }
            }
        } else {
            n += a > b ? (c > 0 ? 1 : 2) : 3;
        }
    }
    return n;
}
EOF
    printf 'int plain(int a);\nint plain(int a)\n{\n    return a > 0 ? a : -a;\n}\n' >"$tmp/plain.c"
    if check "$tmp/tangled.c" >"$tmp/out"; then
        cat "$tmp/out"
        echo "FAIL: a function over $threshold passed"
        exit 1
    fi
    grep -q "tangled.c:.*function 'tangled' has cognitive complexity of" "$tmp/out" ||
        { cat "$tmp/out"; echo "FAIL: the tangled function is not named"; exit 1; }
    check "$tmp/plain.c" >"$tmp/out" || { cat "$tmp/out"; echo "FAIL: a plain function failed"; exit 1; }
    echo "complexity-catches-tangled: a function over $threshold is named, a plain one passes"
    exit 0
fi

set -- "$root"/src/lib/*/*.c "$root"/src/cli/*.c
check "$@" || exit 1
echo "complexity: no function of $# files over cognitive complexity $threshold"
