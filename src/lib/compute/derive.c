/*
 * derive.c - the derivation engine's entry points (derive.h): a scenario's
 * leaves (inputs, catalog values, defaults), the symbolic propagation that
 * turns the relations into a plan, the plan on the medians, and the
 * derivation's copy, periods and applicable quantities.
 *
 * The other jobs are in files of their own (derive_internal.h maps them):
 * the relations table (derive_relations.c), its arithmetic
 * (derive_eval.c), fallbacks and amortisation (derive_fallback.c), the
 * accelerator (derive_hardware.c), fleets (derive_fleet.c), the model
 * block and roofline (derive_roofline.c), phases (derive_phases.c) and the
 * checks that follow the plan (derive_checks.c).
 *
 * To add a relation: one row in `gc_derive_relations` (derive_relations.c)
 * and NREL one up (derive_internal.h).  A product row reads "prod over
 * terms of q^e = c"; it can be solved for any one term.  The two inference
 * sums are forward-only rows with hand-written evaluation.
 */
#include "base/c_locale.h"
#include "compute/derive_internal.h"

#include <math.h>
#include <string.h>

#include "base/text.h"

void gpucost_derive_options_init(gpucost_derive_options *opt)
{
    opt->conflict_tolerance = 1e-3;
    opt->exclude = -1;
    opt->limits = 1;
    opt->date = 0;
}

/* Symbolic propagation: adds plan steps until no relation has exactly one
 * unknown term it can be solved for. */
static void propagate(gpucost_derivation *d, int *used)
{
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < NREL; i++) {
            const relation *r = &gc_derive_relations[i];
            if (!(r->kinds & (int)d->kind) || used[i])
                continue;
            int unknown = -1, nunknown = 0;
            for (int k = 0; k < r->nterms; k++)
                if (d->origin[r->terms[k].q] == GPUCOST_ORIGIN_UNKNOWN) {
                    unknown = k;
                    nunknown++;
                }
            if (nunknown != 1)
                continue;
            /* forward-only relations solve for their output alone */
            if (r->type != REL_PRODUCT && unknown != 0)
                continue;
            gpucost_quantity t = r->terms[unknown].q;
            d->origin[t] = GPUCOST_ORIGIN_DERIVED;
            d->steps[d->nsteps].relation = (unsigned char)i;
            d->steps[d->nsteps].target = (unsigned char)t;
            d->steps[d->nsteps].term = (unsigned char)unknown;
            d->nsteps++;
            used[i] = 1;
            changed = 1;
        }
    }
}

void gc_derive_set_leaf(gpucost_derivation *d, gpucost_quantity q, const gpucost_dist *dist,
                        gpucost_origin o)
{
    d->leaf[q] = *dist;
    d->origin[q] = o;
    d->value[q] = gpucost_dist_median(dist);
}

/* The scenario's inputs as leaves (but `exclude`), and what every part
 * of a fleet gives as an input of the fleet (a claim on the fleet's total
 * is checked against the parts' sum, never excluded). */
static void set_inputs(const gpucost_scenario *s, int exclude, gpucost_derivation *d)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (s->inputs[q].given && q != exclude)
            gc_derive_set_leaf(d, (gpucost_quantity)q, &s->inputs[q].dist, GPUCOST_ORIGIN_INPUT);
    gc_derive_set_model_inputs(d);
    for (int k = 0; k < GPUCOST_PART_NQ && s->kind == GPUCOST_KIND_FLEET; k++) {
        gpucost_quantity q = gpucost_fleet_part_q[k];
        if (d->fleet_origin[k] == GPUCOST_ORIGIN_INPUT &&
            (!s->inputs[q].given || (int)q == exclude))
            gc_derive_set_leaf(d, q, &d->fleet[k], GPUCOST_ORIGIN_INPUT);
    }
}

/* `*x` times k > 0, the same law in k-times-larger units; -1 for a blend,
 * whose parts are borrowed. */
static int scale_dist(gpucost_dist *x, double k)
{
    switch (x->kind) {
    case GPUCOST_DIST_POINT: x->a *= k; return 0;
    case GPUCOST_DIST_NORMAL:
    case GPUCOST_DIST_UNIFORM:
        x->a *= k;
        x->b *= k;
        return 0;
    case GPUCOST_DIST_TRIANGULAR:
        x->a *= k;
        x->b *= k;
        x->c *= k;
        return 0;
    case GPUCOST_DIST_LOGNORMAL: x->a += log(k); return 0;
    case GPUCOST_DIST_BLEND: return -1;
    }
    return -1;
}

/* price_year: every USD leaf (input, catalog value, default) is taken to
 * be in dollar_year's dollars and restated in price_year's with
 * PCU518210518210's annual means; what is derived from them follows.  A
 * scenario without dollar_year is refused: which year its dollars are is
 * not known, and guessing would move every figure silently. */
static gpucost_status restate(const gpucost_scenario *s, gpucost_derivation *d, gpucost_error *err)
{
    if (d->origin[Q(DOLLAR_YEAR)] == GPUCOST_ORIGIN_UNKNOWN)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "price_year",
                             "price_year needs dollar_year, the year of the scenario's own"
                             " dollars (its prices' year)");
    if (s->nphases > 0 || s->kind == GPUCOST_KIND_FLEET)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "price_year",
                             "price_year is not supported for a scenario in phases or a fleet");
    const gpucost_price_index *index = d->defaults != NULL ? d->defaults->price_index : NULL;
    if (index == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, 0, 0, "price_year",
                             "no price index (record/PCU518210518210.csv beside the defaults"
                             " file)");
    double from = d->value[Q(DOLLAR_YEAR)], to = d->value[Q(PRICE_YEAR)], k;
    if (from != floor(from) || to != floor(to) || from > 9999 || to > 9999)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "price_year",
                             "expected whole years, got dollar_year %g and price_year %g", from,
                             to);
    gpucost_status rc = gpucost_price_index_factor(index, (int)from, (int)to, &k, err);
    if (rc != GPUCOST_OK)
        return rc;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        gpucost_origin o = d->origin[q];
        if (gpucost_quantity_info_get((gpucost_quantity)q)->style != GPUCOST_NUM_USD ||
            (o != GPUCOST_ORIGIN_INPUT && o != GPUCOST_ORIGIN_CATALOG &&
             o != GPUCOST_ORIGIN_DEFAULT))
            continue;
        if (scale_dist(&d->leaf[q], k) != 0)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "price_year",
                                 "price_year cannot restate a blended value");
        d->value[q] = gpucost_dist_median(&d->leaf[q]);
    }
    d->usd_factor = k;
    return GPUCOST_OK;
}

/* Clears `d` for a derivation of `s` under `opt`: every value unknown. */
static void begin(const gpucost_scenario *s, const gpucost_catalog *catalog,
                  const gpucost_derive_options *opt, gpucost_derivation *d)
{
    memset(d, 0, sizeof *d);
    d->kind = s->kind;
    d->file = s->file;
    d->precision = s->precision;
    d->usd_factor = 1.0;
    d->date = opt->date > 0 ? opt->date : s->date;
    d->defaults = gpucost_catalog_defaults(catalog);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        d->value[q] = NAN;
}

/* Sets each fallback still unknown after propagation, propagating after
 * each. */
static void apply_fallbacks(gpucost_derivation *d, int *used)
{
    for (size_t i = 0; i < gc_derive_nfallbacks; i++) {
        gpucost_dist dist;
        gpucost_origin origin;
        int q = gc_derive_fallback_at(d, i, GPUCOST_ORIGIN_UNKNOWN, &dist, &origin);
        if (q < 0)
            continue;
        gc_derive_set_leaf(d, (gpucost_quantity)q, &dist, origin);
        propagate(d, used);
    }
}

/* Evaluates the plan on the medians, naming any quantity that overflows
 * or underflows. */
static gpucost_status evaluate_medians(const gpucost_scenario *s, gpucost_derivation *d,
                                       gpucost_error *err)
{
    for (size_t i = 0; i < d->nsteps; i++) {
        gpucost_quantity t = (gpucost_quantity)d->steps[i].target;
        double x = gc_derive_eval_step(d, i, d->value);
        int bad_zero = x == 0.0 && gpucost_quantity_info_get(t)->domain != GPUCOST_DOMAIN_ANY &&
                       gpucost_quantity_info_get(t)->domain != GPUCOST_DOMAIN_UNIT;
        if (!isfinite(x * gc_derive_shown_scale(t)) || bad_zero)
            return GPUCOST_ERROR(
                err, GPUCOST_ERANGE, s->file, 0, 0, gpucost_quantity_info_get(t)->name,
                "derived quantity '%s' %s the range of a double%s",
                gpucost_quantity_info_get(t)->name, bad_zero ? "underflows" : "overflows",
                isfinite(x) && !bad_zero ? " as a percentage" : "");
        d->value[t] = x;
    }
    return GPUCOST_OK;
}

/* What presenting a value needs of its derivation, worked out once (the
 * derivation's `period` and `rests_on`): the time base of its non-yearly
 * amounts, and what each value rests on among the catalog's values and
 * the defaults. */
static void settle_for_output(gpucost_derivation *d)
{
    double h = d->value[Q(HOURS)];
    if (d->kind == GPUCOST_KIND_FLEET && h == 8760.0)
        gc_text_printf(d->period, sizeof d->period, "%s", "year");
    else if (d->kind == GPUCOST_KIND_TRAINING)
        gc_text_printf(d->period, sizeof d->period, "%s", "run");
    else if (h == 24.0)
        gc_text_printf(d->period, sizeof d->period, "%s", "day");
    else if (isfinite(h))
        gc_snprintf(d->period, sizeof d->period, "%.4g h", h);
    else
        gc_text_printf(d->period, sizeof d->period, "%s", "period");
    int leaf[GPUCOST_Q_COUNT];
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        leaf[q] = d->origin[q] == GPUCOST_ORIGIN_CATALOG || d->origin[q] == GPUCOST_ORIGIN_DEFAULT;
    gpucost_derive_dependencies(d, leaf, d->rests_on);
}

gpucost_status gpucost_derive(const gpucost_scenario *s, const gpucost_catalog *catalog,
                              const gpucost_derive_options *opt, gpucost_derivation *out,
                              gpucost_error *err)
{
    gpucost_derive_options defaults;
    if (opt == NULL) {
        gpucost_derive_options_init(&defaults);
        opt = &defaults;
    }
    gpucost_derivation *d = out;
    begin(s, catalog, opt, d);
    gpucost_status rc = s->kind == GPUCOST_KIND_FLEET
                            ? gc_derive_blend_fleet(s, catalog, d, err)
                            : gc_derive_resolve_hardware(s, catalog, d, err);
    if (rc == GPUCOST_OK)
        rc = gc_derive_resolve_model(s, catalog, d, err);
    if (rc != GPUCOST_OK)
        return rc;

    double sums[NPHASE_SUMS];
    if (s->nphases > 0) {
        rc = gc_derive_sum_phases(s, catalog, sums, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    rc = gc_derive_resolve_amortisation(s, opt, d, err);
    if (rc != GPUCOST_OK)
        return rc;
    set_inputs(s, opt->exclude, d);
    if (s->nphases > 0)
        gc_derive_set_phase_sums(s, sums, opt->exclude, d);

    int used[NREL] = {0};
    propagate(d, used);
    apply_fallbacks(d, used);

    if (d->origin[Q(PRICE_YEAR)] != GPUCOST_ORIGIN_UNKNOWN &&
        (rc = restate(s, d, err)) != GPUCOST_OK)
        return rc;
    if ((rc = evaluate_medians(s, d, err)) != GPUCOST_OK)
        return rc;

    rc = opt->limits ? gc_derive_check_limits(s, d, err) : GPUCOST_OK;
    if (rc != GPUCOST_OK)
        return rc;
    gc_derive_check_overdetermined(d, used, opt->conflict_tolerance);
    gc_derive_check_fallbacks(d, opt->conflict_tolerance);
    gc_derive_check_domains(d, opt->conflict_tolerance);
    settle_for_output(d);
    return GPUCOST_OK;
}

/* A blend in `src` borrows src->fleet_part[k]: point it at dst's. */
static void repoint(gpucost_dist *dist, const gpucost_derivation *src, gpucost_derivation *dst)
{
    if (dist->kind != GPUCOST_DIST_BLEND)
        return;
    for (int k = 0; k < GPUCOST_PART_NQ; k++)
        if (dist->part == src->fleet_part[k])
            dist->part = dst->fleet_part[k];
}

void gpucost_derive_copy(gpucost_derivation *dst, const gpucost_derivation *src)
{
    if (dst == src)
        return;
    *dst = *src;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        repoint(&dst->leaf[q], src, dst);
    for (int k = 0; k < GPUCOST_PART_NQ; k++)
        repoint(&dst->fleet[k], src, dst);
}

char *gpucost_derive_period(const gpucost_derivation *d, gpucost_quantity q, char *buf, size_t n)
{
    gc_text_printf(buf, n, "%s", gpucost_quantity_per(q, d->period));
    return buf;
}

int gpucost_derive_applies(const gpucost_derivation *d, gpucost_quantity q)
{
    const gpucost_quantity_info *info = gpucost_quantity_info_get(q);
    if (!(info->kinds & (int)d->kind))
        return 0;
    if (d->origin[q] != GPUCOST_ORIGIN_UNKNOWN)
        return 1;
    /* Epoch's amortisation's own inputs and the dollars' years, beside
     * the point unless given */
    if (q == Q(HARDWARE_AGE_YEARS) || q == Q(VALUE_DECAY_OOM_PER_YEAR) || q == Q(DOLLAR_YEAR) ||
        q == Q(PRICE_YEAR))
        return 0;
    if (d->model != NULL)
        return 1;
    /* without a model block: the roofline's quantities, and an inference
     * scenario's parameters and peak, are beside the point */
    if (d->kind == GPUCOST_KIND_INFERENCE && (q == Q(PARAMS_ACTIVE) || q == Q(PEAK_FLOPS)))
        return 0;
    return !info->throughput;
}
