/*
 * reconcile_internal.h - internal: what reconcile.c (the fits, statuses
 * and the list people read) and reconcile_gather.c (the observations from
 * the files) share; the numerical core is reconcile_fit.h's.  Not
 * installed.
 */
#ifndef GPUCOST_RECONCILE_INTERNAL_H
#define GPUCOST_RECONCILE_INTERNAL_H

#include <stddef.h>

#include "gpucost/reconcile.h"
#include "compute/reconcile_fit.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* The observations, the numbers left out and the fixed quantities of a
 * case as they are gathered; `v` and `left` are gc_realloc'ed arrays,
 * owned by the gc_rc_lists until reconcile.c hands them to the result. */
typedef struct gc_rc_lists {
    gpucost_observation *v;
    size_t n, cap;
    gpucost_left_out *left;
    size_t nleft, capleft;
    gpucost_fixed fixed[GPUCOST_RECONCILE_MAX_FIXED];
    size_t nfixed;
} gc_rc_lists;

static inline gpucost_status gc_rc_oom(gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* reconcile_gather.c: every observation of the case into `l`: inputs and
 * claims of each file, then the catalog values, defaults and fixed
 * quantities the case uses. */
gpucost_status gc_rc_gather(const gpucost_scenario *const *files, size_t n,
                            const gpucost_catalog *catalog, gc_rc_lists *l, gpucost_error *err);
/* reconcile_gather.c: the domain limits (mfu <= 1) of the fractions among
 * m's unknowns, as observations in `l`. */
gpucost_status gc_rc_add_domain_limits(const gc_rc_model *m, gc_rc_lists *l,
                                       const gpucost_scenario *s, gpucost_error *err);

#pragma GCC visibility pop

#endif
