/*
 * c_locale.h - internal: the library's numbers in the "C" locale, whatever
 * locale the host program set.
 *
 * The library formats numbers with printf's %g and %f and reads them with
 * strtod, which follow LC_NUMERIC: under de_DE (a Python host that called
 * locale.setlocale, a desktop program) "2.5" would be read as 2 and 56.7
 * written "56,7", in JSON, CSV, SVG and tables alike.  The entry points
 * every front end goes through (gpucost_call, gpucost_command_execute)
 * switch the calling thread to the "C" locale with uselocale() for their
 * work and back before they return: the host's own locale, and its other
 * threads, are left as they were (POSIX.1-2008; no global state).
 */
#ifndef GPUCOST_C_LOCALE_H
#define GPUCOST_C_LOCALE_H

#include <locale.h>

/* The thread's locale before gc_locale_enter, to give back. */
typedef struct gc_locale {
    locale_t c, old;
} gc_locale;

/* Switches the calling thread to the "C" locale.  Returns 0, or -1 when
 * the C locale could not be made (out of memory; nothing changed). */
static inline int gc_locale_enter(gc_locale *l)
{
    /* glibc and musl hand out their built-in C locale without allocating */
    l->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (l->c == (locale_t)0)
        return -1;
    l->old = uselocale(l->c);
    return 0;
}

/* Gives the thread back the locale it had before gc_locale_enter. */
static inline void gc_locale_leave(gc_locale *l)
{
    uselocale(l->old);
    freelocale(l->c);
}

#endif
