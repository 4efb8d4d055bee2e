/*
 * units.c - the bad and the not-testable units of a command (units.h):
 * two growing arrays, copied in, freed together.
 */
#include "gpucost/units.h"

#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "gpucost/buf.h"

#define NOMEM(err) GPUCOST_ERROR((err), GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")

void gpucost_units_init(gpucost_units *u)
{
    memset(u, 0, sizeof *u);
}

static void untestable_release(gpucost_untestable *t)
{
    gc_free(t->file);
    gc_free(t->id);
    gc_free(t->title);
    gc_free(t->column);
    gc_free(t->reason);
}

void gpucost_units_release(gpucost_units *u)
{
    if (u == NULL)
        return;
    for (size_t i = 0; i < u->nuntestable; i++)
        untestable_release(&u->untestable[i]);
    gc_free(u->untestable);
    gc_free(u->errors);
    memset(u, 0, sizeof *u);
}

/* Room for one more of `size` bytes at `*items` holding `n`: doubles the
 * capacity at each power of two, so appends stay linear. */
static int grow(void **items, size_t n, size_t size)
{
    if (n & (n - 1)) /* not a power of two: there is room */
        return 0;
    void *p = gc_realloc(*items, (n ? 2 * n : 1) * size);
    if (p == NULL)
        return -1;
    *items = p;
    return 0;
}

gpucost_status gpucost_units_add_error(gpucost_units *u, const gpucost_error *e, gpucost_error *err)
{
    if (grow((void **)&u->errors, u->nerrors, sizeof *u->errors) != 0)
        return NOMEM(err);
    u->errors[u->nerrors++] = *e;
    return GPUCOST_OK;
}

gpucost_status gpucost_units_add_untestable(gpucost_units *u, const char *file, size_t row,
                                            int line, const char *id, const char *title,
                                            const char *column, const char *reason,
                                            gpucost_error *err)
{
    if (grow((void **)&u->untestable, u->nuntestable, sizeof *u->untestable) != 0)
        return NOMEM(err);
    gpucost_untestable t = {gpucost_strdup(file),
                            row,
                            line,
                            gpucost_strdup(id),
                            gpucost_strdup(title),
                            gpucost_strdup(column ? column : ""),
                            gpucost_strdup(reason)};
    if (!t.file || !t.id || !t.title || !t.column || !t.reason) {
        untestable_release(&t);
        return NOMEM(err);
    }
    u->untestable[u->nuntestable++] = t;
    return GPUCOST_OK;
}

gpucost_status gpucost_units_take(gpucost_units *to, gpucost_units *from, gpucost_error *err)
{
    for (size_t i = 0; i < from->nerrors; i++)
        if (gpucost_units_add_error(to, &from->errors[i], err) != GPUCOST_OK)
            return GPUCOST_ENOMEM;
    for (size_t i = 0; i < from->nuntestable; i++) {
        if (grow((void **)&to->untestable, to->nuntestable, sizeof *to->untestable) != 0) {
            /* what moved is `to`'s now: `from` keeps only the rest, so
             * releasing both frees each string once */
            memmove(from->untestable, from->untestable + i,
                    (from->nuntestable - i) * sizeof *from->untestable);
            from->nuntestable -= i;
            return NOMEM(err);
        }
        to->untestable[to->nuntestable++] = from->untestable[i];
    }
    gc_free(from->untestable);
    gc_free(from->errors);
    memset(from, 0, sizeof *from);
    return GPUCOST_OK;
}

size_t gpucost_units_untestable_rows(const gpucost_units *u)
{
    size_t n = 0;
    for (size_t i = 0; i < u->nuntestable; i++)
        n += u->untestable[i].column[0] == '\0';
    return n;
}
