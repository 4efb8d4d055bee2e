/*
 * c_locale.c - libc's number formatting and parsing in the "C" locale, and
 * ASCII case folding, for every module (c_locale.h says why).  The one
 * place the library calls vsnprintf and strtod.
 */
#include "base/c_locale.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

/* The thread's locale before c_enter, to give back. */
typedef struct c_guard {
    locale_t c, old;
} c_guard;

/* Switches the calling thread to the "C" locale.  Returns 0, or -1 when
 * the C locale could not be made (out of memory; nothing changed). */
static int c_enter(c_guard *g)
{
    g->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (g->c == (locale_t)0)
        return -1;
    g->old = uselocale(g->c);
    return 0;
}

/* Gives the thread back the locale it had before c_enter. */
static void c_leave(c_guard *g)
{
    uselocale(g->old);
    freelocale(g->c);
}

int gc_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    c_guard g;
    if (c_enter(&g) != 0) {
        if (buf != NULL && n > 0)
            buf[0] = '\0';
        return -1;
    }
    int k = vsnprintf(buf, n, fmt, ap);
    c_leave(&g);
    return k;
}

int gc_snprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = gc_vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return k;
}

double gc_strtod(const char *s, char **end)
{
    /* errno as strtod leaves it, whatever the switch does to it: callers
     * set it to 0 before and read ERANGE after */
    int before = errno;
    c_guard g;
    if (c_enter(&g) != 0) {
        if (end != NULL)
            *end = (char *)(uintptr_t)s;
        errno = ENOMEM;
        return 0.0;
    }
    errno = before;
    double v = strtod(s, end);
    int after = errno;
    c_leave(&g);
    errno = after;
    return v;
}

int gc_ascii_isalpha(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

int gc_ascii_isalnum(int c)
{
    return gc_ascii_isalpha(c) || (c >= '0' && c <= '9');
}

int gc_ascii_tolower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int gc_ascii_casecmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;; x++, y++) {
        int d = gc_ascii_tolower(*x) - gc_ascii_tolower(*y);
        if (d != 0 || *x == '\0')
            return d;
    }
}
