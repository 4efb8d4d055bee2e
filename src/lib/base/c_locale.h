/*
 * c_locale.h - internal: the library's numbers and names in the "C"
 * locale, whatever locale the host program set.
 *
 * printf's %g and %f and strtod follow LC_NUMERIC, and strcasecmp and
 * <ctype.h> follow LC_CTYPE: under de_DE "2.5" would be read as 2 and 56.7
 * written "56,7" (in JSON, CSV, SVG and tables alike), and under tr_TR
 * "INT8" would not match "int8".  A C program may call any public function
 * (gpucost_scenario_load, gpucost_output_run, gpucost_number_format...)
 * after setlocale(LC_ALL, "de_DE.UTF-8"), so the library does not rely on
 * its entry points to switch locale: every place that formats or reads a
 * number goes through the functions below, which run libc's in the "C"
 * locale, and names are compared in ASCII.  tests/locale-lint.sh fails the
 * build's tests on a bare snprintf, vsnprintf, strtod, strcasecmp or ctype
 * call anywhere else in src/lib.
 *
 * The switch is uselocale() on the calling thread only, around the one
 * libc call, and the thread's own locale is given back before returning
 * (POSIX.1-2008): the host's locale and its other threads are untouched,
 * and no global state is kept.  glibc and musl hand out their built-in "C"
 * locale from newlocale() without allocating, so the switch costs two
 * thread-local pointer stores.
 */
#ifndef GPUCOST_C_LOCALE_H
#define GPUCOST_C_LOCALE_H

#include <stdarg.h>
#include <stddef.h>

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* vsnprintf() and snprintf() in the "C" locale.  Return what they return;
 * -1 (and "" in a non-empty `buf`) when the "C" locale could not be made. */
int gc_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;
int gc_snprintf(char *buf, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* strtod() in the "C" locale: '.' is the decimal point.  When the "C"
 * locale could not be made, converts nothing (`*end` = `s`, errno ENOMEM)
 * and returns 0. */
double gc_strtod(const char *s, char **end);

/* ASCII, whatever LC_CTYPE says: letters A-Z a-z, digits 0-9. */
int gc_ascii_isalpha(int c);
int gc_ascii_isalnum(int c);
int gc_ascii_tolower(int c);
/* strcasecmp() folding ASCII letters only. */
int gc_ascii_casecmp(const char *a, const char *b);

#pragma GCC visibility pop

#endif
