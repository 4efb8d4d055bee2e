/*
 * derive_fleet.c - a fleet's parts (docs/quantities-and-methods.md,
 * fleets): each part's hardware looked up (derive_hardware.c), their GPUs
 * summed and the per-GPU values blended for derive.c, the blend as the
 * fleet's fallbacks (derive_fallback.c), and one part derived alone.
 */
#include "base/c_locale.h"
#include "compute/derive_internal.h"

#include <math.h>

/* Part i's value k: given in the file, else its catalog entry's. */
static int part_value(const gpucost_fleet_part *part, const gpucost_hardware *h, int k,
                      gpucost_dist *dist, gpucost_origin *origin)
{
    if (part->in[k].given) {
        *dist = part->in[k].dist;
        *origin = GPUCOST_ORIGIN_INPUT;
        return 1;
    }
    *origin = GPUCOST_ORIGIN_CATALOG;
    return gc_derive_hardware_fallback(h, gpucost_fleet_part_q[k], dist);
}

/* A fleet's parts blended (docs/quantities-and-methods.md, fleets): gpus summed, the
 * per-GPU values weighted by the parts' median GPU counts. */
gpucost_status gc_derive_blend_fleet(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                     gpucost_derivation *d, gpucost_error *err)
{
    const gpucost_hardware *hw[GPUCOST_MAX_PARTS];
    double ones[GPUCOST_MAX_PARTS], w[GPUCOST_MAX_PARTS], total = 0.0;
    size_t n = s->nparts;
    if (n == 0 || n > GPUCOST_MAX_PARTS)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "fleet",
                             "a fleet needs 1 to %d parts", GPUCOST_MAX_PARTS);
    for (size_t i = 0; i < n; i++) {
        char where[48];
        gc_snprintf(where, sizeof where, "fleet[%zu].hardware", i);
        gpucost_status rc = gc_derive_find_hardware(s, catalog, s->parts[i].hardware,
                                                    &s->parts[i].hardware_loc, where, &hw[i], err);
        if (rc != GPUCOST_OK)
            return rc;
        ones[i] = 1.0;
        total += gpucost_dist_median(&s->parts[i].in[0].dist);
    }
    if (!isfinite(total))
        return GPUCOST_ERROR(err, GPUCOST_ERANGE, s->file, 0, 0, "fleet",
                             "the parts' gpus add up beyond the range of a double");
    for (size_t i = 0; i < n; i++)
        w[i] = gpucost_dist_median(&s->parts[i].in[0].dist) / total;
    for (int k = 0; k < GPUCOST_PART_NQ; k++) {
        gpucost_dist dists[GPUCOST_MAX_PARTS];
        double wk[GPUCOST_MAX_PARTS];
        size_t m = 0;
        gpucost_origin o = GPUCOST_ORIGIN_INPUT, one;
        for (size_t i = 0; i < n && o != GPUCOST_ORIGIN_UNKNOWN; i++) {
            if (!part_value(&s->parts[i], hw[i], k, &dists[m], &one))
                o = GPUCOST_ORIGIN_UNKNOWN;
            else if (one == GPUCOST_ORIGIN_CATALOG)
                o = GPUCOST_ORIGIN_CATALOG;
            wk[m] = k == 0 ? ones[i] : w[i];
            /* a part too small to weigh in a mean (its share underflows) */
            m += wk[m] > 0.0;
        }
        if (o != GPUCOST_ORIGIN_UNKNOWN &&
            gpucost_dist_blend(&d->fleet[k], d->fleet_part[k], dists, wk, m) != 0)
            o = GPUCOST_ORIGIN_UNKNOWN;
        d->fleet_origin[k] = o;
    }
    if (d->fleet_origin[0] == GPUCOST_ORIGIN_UNKNOWN)
        return GPUCOST_ERROR(err, GPUCOST_ERANGE, s->file, 0, 0, "fleet",
                             "the parts' gpus add up beyond the range of a double");
    return GPUCOST_OK;
}

/* A fleet's power, purchase and rental price: its parts' blend. */
int gc_derive_fleet_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                             gpucost_origin *origin)
{
    for (int k = 1; k < GPUCOST_PART_NQ; k++)
        if (gpucost_fleet_part_q[k] == q && d->fleet_origin[k] == GPUCOST_ORIGIN_CATALOG) {
            *dist = d->fleet[k];
            *origin = GPUCOST_ORIGIN_CATALOG;
            return 1;
        }
    return 0;
}

gpucost_status gpucost_derive_part(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                   size_t part, gpucost_derivation *out, gpucost_error *err)
{
    if (s->kind != GPUCOST_KIND_FLEET || part >= s->nparts)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "part",
                             "part %zu is not a part of this scenario", part);
    /* the scenario as a fleet of this one part: a shallow copy, nothing
     * freed through it */
    gpucost_scenario one = *s;
    one.parts = &s->parts[part];
    one.nparts = 1;
    /* the part's own count, never the fleet's (a what-if may hold that) */
    one.inputs[Q(GPUS)].given = 0;
    return gpucost_derive(&one, catalog, NULL, out, err);
}
