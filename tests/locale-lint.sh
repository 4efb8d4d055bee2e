#!/bin/sh
# locale-lint.sh SRC_LIB - fails when a file of the library calls libc's
# locale-dependent number formatting or parsing, or its locale-dependent
# case folding, other than through c_locale.h (gc_snprintf, gc_vsnprintf,
# gc_strtod, gc_ascii_*), which run them in the "C" locale: a C program
# that set LC_NUMERIC to de_DE would otherwise get "56,7" from that one
# place (c_locale.h says why).  Comments are not exempt: name the gc_
# function there too.
set -eu
lib=${1:?usage: locale-lint.sh SRC_LIB}
pattern='(^|[^_[:alnum:]])(v?s?n?printf|strto(d|f|ld)|ato[fil]|str(n)?casecmp|is(alpha|alnum|digit|space|upper|lower|punct|xdigit|print|graph|cntrl)|to(lower|upper))[[:space:]]*\('
found=$(grep -nE "$pattern" "$lib"/*/*.c "$lib"/*/*.h | grep -v "^$lib/base/c_locale\.[ch]:" || true)
if [ -n "$found" ]; then
    echo "locale-dependent libc calls outside c_locale.c (use gc_snprintf, gc_strtod, gc_ascii_*):" >&2
    echo "$found" >&2
    exit 1
fi
echo "locale-lint: no locale-dependent libc call outside c_locale.c"
