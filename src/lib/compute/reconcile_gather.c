/*
 * reconcile_gather.c - what reconcile (reconcile.c) fits, gathered from a
 * case's files: each input and claim as an observation in log space with
 * its uncertainty, the run's phase sums, the catalog values and defaults
 * the case relies on (their uncertainty from one table, fact_table), the
 * fixed quantities, the physical limits of the fractions among the
 * unknowns, and every number left out with the reason.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "compute/reconcile_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/derive.h"
#include "gpucost/dist.h"
#include "base/text.h"

#define Q(x) GPUCOST_Q_##x
#define T_DEFAULT 0.01 /* inputs and claims without a tolerance */
#define T_FLOOR 1e-9   /* no number is known better than this */
#define T_DOMAIN 0.001 /* a physical limit (mfu <= 1) once broken */

static double sigma_of_tolerance(double t)
{
    return log1p(fmax(t, T_FLOOR)) / GPUCOST_Z90;
}

/* Half a unit in the last significant digit of the shortest text that
 * reads back as v, relative to v: what a "tolerance": 0 claims. */
static double printed_tolerance(double v, double *half)
{
    char buf[40];
    int digits = 17;
    for (int p = 1; p <= 17; p++) {
        gc_snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        if (gc_strtod(buf, NULL) == v) {
            digits = p;
            break;
        }
    }
    const char *e = strchr(buf, 'e');
    int exp10 = e != NULL ? (int)strtol(e + 1, NULL, 10) : 0;
    *half = 0.5 * pow(10.0, exp10 - (digits - 1));
    return *half / fabs(v);
}

/* ---- observations and what is left out ------------------------------------ */

static gpucost_observation *obs_add(gc_rc_lists *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        gpucost_observation *v = gc_realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    gpucost_observation *o = &l->v[l->n++];
    memset(o, 0, sizeof *o);
    return o;
}

/* Lists a number of file `fi` that the fit leaves out, and why. */
static gpucost_status leave_out(gc_rc_lists *l, const gpucost_scenario *s, size_t fi,
                                const char *where, int quantity, int has_value, double value,
                                const char *reason, gpucost_error *err)
{
    if (l->nleft == l->capleft) {
        size_t cap = l->capleft ? 2 * l->capleft : 8;
        gpucost_left_out *v = gc_realloc(l->left, cap * sizeof *v);
        if (v == NULL)
            return gc_rc_oom(err);
        l->left = v;
        l->capleft = cap;
    }
    gpucost_left_out *o = &l->left[l->nleft++];
    memset(o, 0, sizeof *o);
    o->file_index = fi;
    o->file = s->file;
    gc_snprintf(o->where, sizeof o->where, "%s", where);
    o->quantity = quantity;
    o->has_value = has_value;
    o->value = value;
    o->reason = reason;
    return GPUCOST_OK;
}

static const char *const NOT_POSITIVE = "not positive: a fit in log space cannot take it";

/* The source a scenario names for `field`, else its estimate or derived
 * note, else the scenario id. */
static void source_of(const gpucost_scenario *s, const char *field, char *buf, size_t n)
{
    for (size_t i = 0; i < s->nsources; i++)
        for (size_t k = 0; k < s->sources[i].nfields; k++)
            if (strcmp(s->sources[i].fields[k], field) == 0) {
                gc_text_abbrev(buf, n, s->sources[i].title);
                return;
            }
    for (size_t i = 0; i < s->nnotes; i++)
        if (strcmp(s->notes[i].field, field) == 0) {
            gc_text_printf(buf, n, "%s (%s)", s->id, s->notes[i].derived ? "derived" : "estimate");
            return;
        }
    gc_text_copy(buf, n, s->id);
}

/* ln-space value and sigma of an input's distribution, with how sigma was
 * chosen: 1 when it can be logged, else 0 and `*why` says why not. */
static int log_input(const gpucost_dist *d, double *v, double *sigma, char *basis, size_t n,
                     const char **why)
{
    *v = gpucost_dist_median(d);
    *why = NOT_POSITIVE;
    if (!(*v > 0.0) || !isfinite(*v))
        return 0;
    if (gpucost_dist_is_point(d)) {
        *sigma = sigma_of_tolerance(T_DEFAULT);
        gc_snprintf(basis, n, "no tolerance given: 1%%");
        return 1;
    }
    double lo = gpucost_dist_quantile(d, 0.05), hi = gpucost_dist_quantile(d, 0.95);
    *why = "its 90% range reaches zero or below: not in log space";
    if (!(lo > 0.0) || !isfinite(hi))
        return 0;
    /* a range a few ulps wide is a point known to T_FLOOR */
    *sigma = fmax((log(hi) - log(lo)) / (2.0 * GPUCOST_Z90), sigma_of_tolerance(T_FLOOR));
    gc_snprintf(basis, n, "its 90%% range");
    return 1;
}

static gpucost_observation *new_obs(gc_rc_lists *l, const gpucost_scenario *s, size_t fi,
                                    gpucost_quantity q, gpucost_obs_kind kind, double value,
                                    double sigma)
{
    gpucost_observation *o = obs_add(l);
    if (o == NULL)
        return NULL;
    o->file_index = fi;
    o->file = s->file;
    o->quantity = q;
    o->kind = kind;
    o->value = value;
    o->sigma = sigma;
    return o;
}

/* Inputs that enter no relation: Epoch's amortisation's age and decay
 * (they set lifetime_years, a default, in derive.c) and the dollars'
 * years.  The fit cannot move them; they are held as given. */
static int in_no_relation(int q)
{
    return q == GPUCOST_Q_HARDWARE_AGE_YEARS || q == GPUCOST_Q_VALUE_DECAY_OOM_PER_YEAR ||
           q == GPUCOST_Q_DOLLAR_YEAR || q == GPUCOST_Q_PRICE_YEAR;
}

static gpucost_status build_inputs(const gpucost_scenario *s, size_t fi, gc_rc_lists *l,
                                   gpucost_error *err)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (!s->inputs[q].given)
            continue;
        char where[64], basis[96];
        const char *why;
        double v, sg;
        gc_snprintf(where, sizeof where, "inputs.%s",
                    gpucost_quantity_info_get((gpucost_quantity)q)->name);
        if (!in_no_relation(q) &&
            !log_input(&s->inputs[q].dist, &v, &sg, basis, sizeof basis, &why)) {
            gpucost_status rc = leave_out(l, s, fi, where, q, 1, v, why, err);
            if (rc != GPUCOST_OK)
                return rc;
            continue;
        }
        if (in_no_relation(q)) {
            gpucost_status rc =
                leave_out(l, s, fi, where, q, 1, gpucost_dist_median(&s->inputs[q].dist),
                          q == GPUCOST_Q_PRICE_YEAR ? "the fit is in the files' own dollars"
                                                    : "in no relation: held as given",
                          err);
            if (rc != GPUCOST_OK)
                return rc;
            continue;
        }
        gpucost_observation *o = new_obs(l, s, fi, (gpucost_quantity)q, GPUCOST_OBS_INPUT, v, sg);
        if (o == NULL)
            return gc_rc_oom(err);
        gc_snprintf(o->where, sizeof o->where, "%s", where);
        gc_snprintf(o->basis, sizeof o->basis, "%s", basis);
        source_of(s, o->where, o->source, sizeof o->source);
    }
    return GPUCOST_OK;
}

/* A claim's sigma and how it was chosen. */
static double claim_sigma(const gpucost_claim *c, int bound, double value, char *basis, size_t n)
{
    if (!bound && c->factor >= 1.0) {
        gc_snprintf(basis, n, "within %gx", c->factor);
        return fmax(log(c->factor), log1p(T_FLOOR)) / GPUCOST_Z90;
    }
    double t = c->tolerance, half;
    if (!bound && t == 0.0) {
        t = printed_tolerance(value, &half);
        gc_snprintf(basis, n, "tolerance 0: its printed digits, +-%g", half);
    } else {
        gc_snprintf(basis, n, "%stolerance %g%%", bound ? "a bound's " : "", 100.0 * t);
    }
    return sigma_of_tolerance(t);
}

/* Claim `c` (at `where` in file fi) as observations: its value and each
 * of its bounds, or each listed as left out when not positive. */
static gpucost_status add_claim_values(const gpucost_scenario *s, size_t fi, const gpucost_claim *c,
                                       const char *where, gc_rc_lists *l, gpucost_error *err)
{
    gpucost_status rc = GPUCOST_OK;
    const double vals[3] = {c->value, c->min, c->max};
    const int has[3] = {c->has_value, c->has_min, c->has_max};
    for (int k = 0; rc == GPUCOST_OK && k < 3; k++) {
        if (!has[k])
            continue;
        if (!(vals[k] > 0.0)) {
            rc = leave_out(l, s, fi, where, (int)c->quantity, 1, vals[k], NOT_POSITIVE, err);
            continue;
        }
        gpucost_observation *o = new_obs(l, s, fi, c->quantity, GPUCOST_OBS_CLAIM, vals[k], 0);
        if (o == NULL)
            return gc_rc_oom(err);
        o->bound = k == 0 ? 0 : k == 1 ? -1 : 1;
        o->sigma = claim_sigma(c, o->bound != 0, vals[k], o->basis, sizeof o->basis);
        gc_snprintf(o->where, sizeof o->where, "%s", where);
        if (c->source[0])
            gc_text_abbrev(o->source, sizeof o->source, c->source);
        else
            source_of(s, o->where, o->source, sizeof o->source);
    }
    return rc;
}

/* Each claim's value, or each of its bounds, as an observation; claims the
 * fit cannot take are listed as left out. */
static gpucost_status build_claims(const gpucost_scenario *s, size_t fi, gc_rc_lists *l,
                                   gpucost_error *err)
{
    gpucost_status rc = GPUCOST_OK;
    for (size_t i = 0; rc == GPUCOST_OK && i < s->nclaims; i++) {
        const gpucost_claim *c = &s->claims[i];
        char where[64];
        gc_snprintf(where, sizeof where, "claims[%zu]", i);
        if (c->is_export) {
            rc = leave_out(l, s, fi, where, -1, 0, 0.0, "an export status, not a number", err);
            continue;
        }
        if (c->phase >= 0) {
            rc = leave_out(l, s, fi, where, (int)c->quantity, c->has_value, c->value,
                           "about one phase: a run is the sum of its phases, and the fit "
                           "takes products only",
                           err);
            continue;
        }
        rc = add_claim_values(s, fi, c, where, l, err);
    }
    return rc;
}

/* A fleet's parts and a run's phases are sums: their numbers are listed
 * as left out (the fleet's catalog blends still enter, as catalog
 * values). */
static gpucost_status build_sums(const gpucost_scenario *s, size_t fi, gc_rc_lists *l,
                                 gpucost_error *err)
{
    gpucost_status rc = GPUCOST_OK;
    for (size_t p = 0; rc == GPUCOST_OK && p < s->nparts; p++)
        for (int k = 0; rc == GPUCOST_OK && k < GPUCOST_PART_NQ; k++) {
            if (!s->parts[p].in[k].given)
                continue;
            gpucost_quantity q = gpucost_fleet_part_q[k];
            char where[64];
            gc_snprintf(where, sizeof where, "fleet[%zu].%s", p,
                        gpucost_quantity_info_get(q)->name);
            rc = leave_out(l, s, fi, where, (int)q, 1, gpucost_dist_median(&s->parts[p].in[k].dist),
                           "a fleet part's number: the fleet is the sum of its parts, and the "
                           "fit takes products only",
                           err);
        }
    for (size_t p = 0; rc == GPUCOST_OK && p < s->nphases; p++)
        for (int q = 0; rc == GPUCOST_OK && q < GPUCOST_Q_COUNT; q++) {
            if (!s->phases[p].inputs[q].given)
                continue;
            char where[64];
            gc_snprintf(where, sizeof where, "phases[%zu].inputs.%s", p,
                        gpucost_quantity_info_get((gpucost_quantity)q)->name);
            rc = leave_out(l, s, fi, where, q, 1, gpucost_dist_median(&s->phases[p].inputs[q].dist),
                           "a phase's number: a run is the sum of its phases, and the fit takes "
                           "products only",
                           err);
        }
    return rc;
}

/* The files must describe one reality: one kind, hardware, precision. */
static gpucost_status check_same(const gpucost_scenario *const *f, size_t n, gpucost_error *err)
{
    for (size_t i = 1; i < n; i++) {
        const gpucost_scenario *a = f[0], *b = f[i];
        if (a->kind != b->kind)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, b->file, 0, 0, "kind",
                                 "kind '%s' differs from '%s' in %s; a case describes one reality",
                                 gpucost_kind_name(b->kind), gpucost_kind_name(a->kind), a->file);
        const char *ha = a->hardware ? a->hardware : "(none)",
                   *hb = b->hardware ? b->hardware : "(none)";
        if (gc_ascii_casecmp(ha, hb) != 0)
            return GPUCOST_ERROR(
                err, GPUCOST_EINVAL, b->file, b->hardware_loc.line, b->hardware_loc.column,
                "inputs.hardware",
                "hardware '%s' differs from '%s' in %s; a case describes one reality", hb, ha,
                a->file);
        if (a->precision != b->precision)
            return GPUCOST_ERROR(
                err, GPUCOST_EINVAL, b->file, b->precision_loc.line, b->precision_loc.column,
                "inputs.precision",
                "precision '%s' differs from '%s' in %s; a case describes one reality",
                gpucost_precision_name(b->precision), gpucost_precision_name(a->precision),
                a->file);
    }
    return GPUCOST_OK;
}

/* ---- catalog values, defaults and fixed quantities --------------------------- */

/* How far a catalog value or default may be from the truth of a case: the
 * 90% factor its source supports.  0: a definition, held exact.  A value
 * that is itself a range (a price, an efficiency in defaults.json) enters
 * as its range instead.  docs/quantities-and-methods.md's table is this one. */
static const struct {
    gpucost_quantity q;
    double factor;
    const char *basis;
} fact_table[] = {
    {Q(PEAK_FLOPS), 1.01, "a datasheet figure: within 1%"},
    {Q(MEMORY_GB), 1.01, "a datasheet figure: within 1%"},
    {Q(MEMORY_BW_TBS), 1.01, "a datasheet figure: within 1%"},
    {Q(GPUS_PER_NODE), 1.01, "chips per host (8 in an HGX server): within 1%"},
    {Q(POWER_W), 1.2, "TDP taken as the average draw: within 1.2x"},
    {Q(FLOPS_PER_PARAM_TOKEN), 1.2, "the 6ND rule, before attention: within 1.2x"},
    {Q(PUE), 1.2, "a PUE of 1.1 to 1.5: within 1.2x"},
    {Q(SERVER_FACTOR), 1.2, "Epoch's server overhead, 1.54 to 1.69 by chip: within 1.2x"},
    {Q(CLUSTER_FACTOR), 1.2, "Epoch's interconnect share: within 1.2x"},
    {Q(LIFETIME_YEARS), 1.5, "3 to 7 years of service: within 1.5x"},
    {Q(ELECTRICITY_USD_PER_KWH), 2.0, "one year's US industrial average: within 2x"},
    {Q(GRID_KG_PER_KWH), 2.0, "a grid average: within 2x"},
    {Q(REPLICA_NODES), 2.0, "one node per replica, a guess: within 2x"},
    {Q(BATCH_FILL), 2.0, "the largest batch that fits, a guess: within 2x"},
    {Q(SERVING_UTILIZATION), 2.0, "GPUs exactly as many as the traffic needs: within 2x"},
    {Q(HOURS), 0.0, "a definition: a day of inference, a fleet's year"},
    {Q(BYTES_PER_PARAM), 0.0, "a definition: the precision's bits / 8"},
};

static int fact_row(gpucost_quantity q)
{
    for (size_t i = 0; i < sizeof fact_table / sizeof fact_table[0]; i++)
        if (fact_table[i].q == q)
            return (int)i;
    return -1;
}

static gpucost_status add_fixed(gc_rc_lists *l, gpucost_quantity q, double v, const char *source,
                                gpucost_error *err)
{
    for (size_t i = 0; i < l->nfixed; i++)
        if (l->fixed[i].quantity == q)
            return GPUCOST_OK;
    if (l->nfixed == GPUCOST_RECONCILE_MAX_FIXED)
        return GPUCOST_ERROR(err, GPUCOST_ELIMIT, NULL, 0, 0, NULL, "too many fixed quantities");
    gpucost_fixed *f = &l->fixed[l->nfixed++];
    f->quantity = q;
    f->value = v;
    gc_text_copy(f->source, sizeof f->source, source);
    return GPUCOST_OK;
}

/* Whether the derivation `d` uses q's catalog value or default (into
 * `dist` and `origin`): a catalog value is evidence, compared with what
 * the inputs derive; a default is an assumption, which `run` uses only
 * where nothing else determines the quantity, and so does the fit. */
static int uses_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                         gpucost_origin *origin)
{
    if (in_no_relation((int)q) || !gpucost_derive_fallback(d, q, dist, origin))
        return 0;
    return d->origin[q] == *origin ||
           (d->origin[q] == GPUCOST_ORIGIN_DERIVED && *origin == GPUCOST_ORIGIN_CATALOG);
}

/* Names in `out` where q's fallback of `origin` comes from: the catalog's
 * chip (the fleet's parts for a fleet), or the defaults. */
static void fallback_source(const gpucost_derivation *d, gpucost_quantity q, gpucost_origin origin,
                            char *out, size_t n)
{
    if (origin == GPUCOST_ORIGIN_CATALOG && d->hardware == NULL)
        gc_snprintf(out, n, "catalog, the fleet's parts");
    else if (origin == GPUCOST_ORIGIN_CATALOG)
        gc_text_printf(out, n, "catalog %s%s%s", d->hardware->id,
                       q == GPUCOST_Q_PEAK_FLOPS ? " " : "",
                       q == GPUCOST_Q_PEAK_FLOPS ? gpucost_precision_name(d->precision) : "");
    else
        gc_snprintf(out, n, "default");
}

/* Quantity q's catalog value or default as an observation (or, for a
 * definition, a fixed quantity), when the derivation `d` of the merged
 * case uses it: falls back on it, or determines q and so is compared with
 * it. */
static gpucost_status add_fallback(const gpucost_derivation *d, gpucost_quantity q,
                                   const gpucost_scenario *s, gc_rc_lists *l, gpucost_error *err)
{
    gpucost_dist dist;
    gpucost_origin origin;
    if (!uses_fallback(d, q, &dist, &origin))
        return GPUCOST_OK;
    double v = gpucost_dist_median(&dist), sg = 0.0;
    int row = fact_row(q);
    char basis[96] = "";
    const char *why;
    if (!(v > 0.0) || !isfinite(v))
        return GPUCOST_OK; /* a default of 0 (no grid intensity): nothing to fit */
    if (row >= 0 && fact_table[row].factor == 0.0)
        return add_fixed(l, q, v, fact_table[row].basis, err);
    if (!gpucost_dist_is_point(&dist)) {
        if (!log_input(&dist, &v, &sg, basis, sizeof basis, &why))
            return GPUCOST_OK;
        gc_snprintf(basis, sizeof basis, "%s range, as given",
                    origin == GPUCOST_ORIGIN_CATALOG ? "the catalog's" : "the defaults file's");
    } else {
        double f = row >= 0 ? fact_table[row].factor : 1.2;
        sg = log(f) / GPUCOST_Z90;
        gc_snprintf(basis, sizeof basis, "%s", row >= 0 ? fact_table[row].basis : "within 1.2x");
    }
    gpucost_observation *o = new_obs(
        l, s, 0, q, origin == GPUCOST_ORIGIN_CATALOG ? GPUCOST_OBS_CATALOG : GPUCOST_OBS_DEFAULT, v,
        sg);
    if (o == NULL)
        return gc_rc_oom(err);
    gc_snprintf(o->basis, sizeof o->basis, "%s", basis);
    gc_snprintf(o->where, sizeof o->where, "%s", gpucost_origin_name(origin));
    fallback_source(d, q, origin, o->source, sizeof o->source);
    return GPUCOST_OK;
}

/* The model block's quantities that no file gives: exact, as `run` uses
 * them. */
static gpucost_status add_model(const gpucost_derivation *d, const gpucost_scenario *merged,
                                gc_rc_lists *l, gpucost_error *err)
{
    static const gpucost_quantity mq[] = {Q(PARAMS_TOTAL), Q(PARAMS_ACTIVE),
                                          Q(ATTENTION_FLOPS_PER_TOKEN), Q(KV_BYTES_PER_TOKEN)};
    if (d->model == NULL)
        return GPUCOST_OK;
    char source[96];
    gc_text_printf(source, sizeof source, "the model block (%s)",
                   d->model->id && d->model->id[0] ? d->model->id : "inline");
    gpucost_status rc = GPUCOST_OK;
    for (size_t i = 0; rc == GPUCOST_OK && i < sizeof mq / sizeof mq[0]; i++)
        if (!merged->inputs[mq[i]].given && d->origin[mq[i]] == GPUCOST_ORIGIN_INPUT &&
            d->value[mq[i]] > 0.0)
            rc = add_fixed(l, mq[i], d->value[mq[i]], source, err);
    return rc;
}

/* Catalog values, defaults and the model block the case uses, from the
 * derivation of its files merged. */
static gpucost_status build_fallbacks(const gpucost_scenario *const *f, size_t n,
                                      const gpucost_catalog *catalog, gc_rc_lists *l,
                                      gpucost_error *err)
{
    gpucost_scenario merged = *f[0];
    for (size_t i = 1; i < n; i++)
        for (int q = 0; q < GPUCOST_Q_COUNT; q++)
            if (!merged.inputs[q].given && f[i]->inputs[q].given)
                merged.inputs[q] = f[i]->inputs[q];
    /* the fit is in the files' own dollars, as their inputs and claims */
    merged.inputs[Q(PRICE_YEAR)].given = 0;
    gpucost_derivation *d = gc_malloc(sizeof *d);
    if (d == NULL)
        return gc_rc_oom(err);
    gpucost_status rc = gpucost_derive(&merged, catalog, NULL, d, err);
    for (int q = 0; rc == GPUCOST_OK && q < GPUCOST_Q_COUNT; q++)
        if (!merged.inputs[q].given)
            rc = add_fallback(d, (gpucost_quantity)q, f[0], l, err);
    if (rc == GPUCOST_OK)
        rc = add_model(d, &merged, l, err);
    gc_free(d);
    return rc;
}

/* Every observation of the case: inputs and claims of each file, then the
 * catalog values, defaults and fixed quantities the case uses. */
gpucost_status gc_rc_gather(const gpucost_scenario *const *files, size_t n,
                            const gpucost_catalog *catalog, gc_rc_lists *l, gpucost_error *err)
{
    gpucost_status rc = check_same(files, n, err);
    for (size_t i = 0; rc == GPUCOST_OK && i < n; i++) {
        rc = build_inputs(files[i], i, l, err);
        if (rc == GPUCOST_OK)
            rc = build_claims(files[i], i, l, err);
        if (rc == GPUCOST_OK)
            rc = build_sums(files[i], i, l, err);
    }
    if (rc == GPUCOST_OK && l->n == 0)
        rc = GPUCOST_ERROR(err, GPUCOST_EINVAL, files[0]->file, 0, 0, NULL,
                           "nothing to reconcile: no input or claim is a positive number "
                           "(%zu left out)",
                           l->nleft);
    if (rc == GPUCOST_OK)
        rc = build_fallbacks(files, n, catalog, l, err);
    return rc;
}

/* Adds the domain limits (mfu <= 1) of the fractions among the unknowns. */
gpucost_status gc_rc_add_domain_limits(const gc_rc_model *m, gc_rc_lists *l,
                                       const gpucost_scenario *s, gpucost_error *err)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (m->col[q] < 0 ||
            gpucost_quantity_info_get((gpucost_quantity)q)->domain != GPUCOST_DOMAIN_FRACTION)
            continue;
        gpucost_observation *o = new_obs(l, s, 0, (gpucost_quantity)q, GPUCOST_OBS_DOMAIN, 1.0,
                                         sigma_of_tolerance(T_DOMAIN));
        if (o == NULL)
            return gc_rc_oom(err);
        o->bound = 1;
        gc_snprintf(o->where, sizeof o->where, "domain");
        gc_snprintf(o->basis, sizeof o->basis, "a physical limit: 0.1%% once broken");
        gc_snprintf(o->source, sizeof o->source, "physical limit: %s <= 1",
                    gpucost_quantity_info_get(o->quantity)->name);
    }
    return GPUCOST_OK;
}
