/*
 * derive_checks.c - what a derivation is checked for once derive.c has
 * run its plan: catalog values and defaults the inputs determined,
 * over-determined relations and values outside their physical domain
 * become conflicts or notes (nothing is back-derived silently, derive.h);
 * a value past a physical limit is an error (the model's fit is worded by
 * derive_roofline.c).
 */
#include "compute/derive_internal.h"

#include <math.h>
#include <string.h>

/* Appends a conflict (or, with `list` == d->notes, a note) on q unless q
 * already has one there; returns the entry or NULL. */
static gpucost_conflict *add_to(gpucost_conflict *list, size_t *n, gpucost_quantity q, double given,
                                double derived, gpucost_origin against)
{
    for (size_t i = 0; i < *n; i++)
        if (list[i].quantity == q)
            return NULL;
    if (*n == GPUCOST_MAX_CONFLICTS)
        return NULL;
    gpucost_conflict *c = &list[(*n)++];
    memset(c, 0, sizeof *c);
    c->quantity = q;
    c->given = given;
    c->derived = derived;
    c->rel_error = fabs(derived - given) / fmax(fabs(given), 1e-300);
    c->against = against;
    return c;
}

void gc_derive_add_conflict(gpucost_derivation *d, gpucost_quantity q, double given, double derived,
                            gpucost_origin against, int physical)
{
    gpucost_conflict *c = add_to(d->conflicts, &d->nconflicts, q, given, derived, against);
    if (c != NULL)
        c->physical = physical;
}

/* Defaults that are a choice of the scenario's shape, not a fact about
 * the world: one node per replica, the largest batch, a fleet as large as
 * the traffic.  Inputs that determine them are not in conflict with them. */
static int is_choice(gpucost_quantity q)
{
    return q == Q(REPLICA_NODES) || q == Q(BATCH_FILL) || q == Q(SERVING_UTILIZATION);
}

/* Consistency 1: a quantity the inputs determined that also has a catalog
 * value or default is compared with it, never overwritten by it. */
void gc_derive_check_fallbacks(gpucost_derivation *d, double tolerance)
{
    for (size_t i = 0; i < gc_derive_nfallbacks; i++) {
        gpucost_dist dist;
        gpucost_origin origin;
        int k = gc_derive_fallback_at(d, i, GPUCOST_ORIGIN_DERIVED, &dist, &origin);
        if (k < 0 || is_choice((gpucost_quantity)k))
            continue;
        gpucost_quantity q = (gpucost_quantity)k;
        double v = d->value[q];
        if (gpucost_dist_is_point(&dist)) {
            double want = gpucost_dist_median(&dist);
            if (fabs(v - want) > tolerance * fmax(fabs(want), 1e-300))
                gc_derive_add_conflict(d, q, want, v, origin, 0);
            continue;
        }
        double lo = gpucost_dist_quantile(&dist, 0.05), hi = gpucost_dist_quantile(&dist, 0.95);
        if (v < lo || v > hi) {
            gpucost_conflict *c =
                add_to(d->notes, &d->nnotes, q, gpucost_dist_median(&dist), v, origin);
            if (c != NULL) {
                c->low = lo;
                c->high = hi;
            }
        }
    }
}

/* Over-determined relations (every term known, none solved by it): the
 * values that disagree with what the others imply. */
void gc_derive_check_overdetermined(gpucost_derivation *d, const int *used, double tolerance)
{
    for (size_t i = 0; i < NREL; i++) {
        const relation *r = &gc_derive_relations[i];
        if (!(r->kinds & (int)d->kind) || used[i])
            continue;
        int all = 1;
        for (int k = 0; k < r->nterms && all; k++)
            all = d->origin[r->terms[k].q] != GPUCOST_ORIGIN_UNKNOWN;
        if (!all)
            continue;
        gpucost_quantity q = r->terms[0].q;
        double implied = gc_derive_solve(d->model, r, 0, d->value), have = d->value[q];
        if (isfinite(implied) && fabs(implied - have) > tolerance * fmax(fabs(have), 1e-300))
            gc_derive_add_conflict(
                d, q, have, implied,
                d->origin[q] == GPUCOST_ORIGIN_DERIVED ? GPUCOST_ORIGIN_INPUT : d->origin[q], 0);
    }
}

/* Derived values that break a physical bound (mfu above 1).  A fraction
 * within the tolerance above 1 is rounding in the published figures it
 * came from (DeepSeek's "~73.7k" and "~14.8k" tokens/s account for
 * 1,814.9 of its 1,814 GPUs), not a contradiction. */
void gc_derive_check_domains(gpucost_derivation *d, double tolerance)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (d->origin[q] == GPUCOST_ORIGIN_DERIVED &&
            !gpucost_quantity_in_domain((gpucost_quantity)q, d->value[q]) &&
            !(gpucost_quantity_info_get((gpucost_quantity)q)->domain == GPUCOST_DOMAIN_FRACTION &&
              d->value[q] > 1.0 && d->value[q] <= 1.0 + tolerance))
            gc_derive_add_conflict(d, (gpucost_quantity)q, d->value[q] > 1.0 ? 1.0 : 0.0,
                                   d->value[q], GPUCOST_ORIGIN_INPUT, 1);
}

/* Physical limits (see gc_derive_limits_of): nothing is derived past a model that
 * does not fit, a batch above the largest that fits, or a rate at or below
 * 0; each is an error naming the fix. */
gpucost_status gc_derive_check_limits(const gpucost_scenario *s, const gpucost_derivation *d,
                                      gpucost_error *err)
{
    const double *v = d->value;
    if (d->model != NULL && d->origin[Q(MAX_BATCH)] == GPUCOST_ORIGIN_DERIVED &&
        !(v[Q(MAX_BATCH)] > 0.0) &&
        gc_derive_resident_gb(d, v[Q(REPLICA_GPUS)], v[Q(BYTES_PER_PARAM)]) >= v[Q(MEMORY_GB)])
        return gc_derive_does_not_fit(s, d, err);
    if (d->origin[Q(BATCH)] != GPUCOST_ORIGIN_UNKNOWN &&
        d->origin[Q(MAX_BATCH)] != GPUCOST_ORIGIN_UNKNOWN && v[Q(MAX_BATCH)] > 0.0 &&
        v[Q(BATCH)] > v[Q(MAX_BATCH)] * (1.0 + LIMIT_TOLERANCE)) {
        char batch[32], max[32];
        gpucost_quantity_format(Q(BATCH), v[Q(BATCH)], batch, sizeof batch);
        gpucost_quantity_format(Q(MAX_BATCH), v[Q(MAX_BATCH)], max, sizeof max);
        const gpucost_input *in = &s->inputs[Q(BATCH)];
        int at_input = in->given && in->loc.line > 0;
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, at_input ? in->loc.line : 0,
                             at_input ? in->loc.column : 0, at_input ? "inputs.batch" : "batch",
                             "a batch of %s per GPU is above the largest whose KV cache fits"
                             " beside the weights, %s; use a smaller batch, more GPUs per"
                             " replica or a lower precision",
                             batch, max);
    }
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (d->origin[q] != GPUCOST_ORIGIN_DERIVED ||
            gc_derive_within_limits((gpucost_quantity)q, v[q]))
            continue;
        const char *name = gpucost_quantity_info_get((gpucost_quantity)q)->name;
        char shown[32];
        gpucost_quantity_format((gpucost_quantity)q, v[q], shown, sizeof shown);
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, name,
                             "derived '%s' is %s, and it must be %s: the inputs it rests on"
                             " cannot all hold",
                             name, shown, gpucost_quantity_domain_text((gpucost_quantity)q));
    }
    return GPUCOST_OK;
}
