/*
 * derive_fallback.c - the values no input gives (derive.h, "fallbacks"):
 * catalog values and defaults in the order derive.c tries them, each
 * only while its quantity is unknown, with their wording
 * (gpucost_derive_fallback_text); and the amortisation method, which
 * decides the hardware's life (Epoch AI's or straight-line).  The
 * accelerator's, a fleet's and the roofline's own fallbacks are in
 * derive_hardware.c, derive_fleet.c and derive_roofline.c.
 */
#include "base/c_locale.h"
#include "compute/derive_internal.h"

#include <math.h>

/* The defaults file's value of q, if it has one. */
static int default_value(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist)
{
    const gpucost_dist *v = gpucost_defaults_get(d->defaults, q);
    if (v != NULL)
        *dist = *v;
    return v != NULL;
}

/* Epoch's amortisation (Cottier et al. 2024, arXiv:2405.21015, section 2
 * and appendix A; training-cost-trends cost_estimation.py): the hardware is
 * worth price x 10^(-decay x age) at the start of training, and costs that
 * value x decay x ln 10 / 8,766 per hour (Epoch's year is 365.25 days).
 * hardware_cost_per_gpu_hour's row divides by lifetime_years x 8760, so
 * Epoch's method is the straight-line row with the equivalent life
 * 10^(decay x age) / (decay x ln 10) x 8766 / 8760 years.  The age and the
 * decay enter as their medians: the life is a point. */
static int epoch_life(const gpucost_derivation *d, gpucost_dist *dist)
{
    double decay = d->value[Q(VALUE_DECAY_OOM_PER_YEAR)];
    if (d->origin[Q(VALUE_DECAY_OOM_PER_YEAR)] == GPUCOST_ORIGIN_UNKNOWN) {
        const gpucost_dist *v = gpucost_defaults_get(d->defaults, Q(VALUE_DECAY_OOM_PER_YEAR));
        if (v == NULL)
            return 0;
        decay = gpucost_dist_median(v);
    }
    double age = d->value[Q(HARDWARE_AGE_YEARS)];
    double life = pow(10.0, decay * age) / (decay * log(10.0)) * (24.0 * 365.25) / 8760.0;
    return isfinite(life) && life > 0.0 && gpucost_dist_point(dist, life) == 0;
}

/* Whether input q is given and not left out (a claim's own quantity). */
static int given(const gpucost_scenario *s, int exclude, gpucost_quantity q)
{
    return s->inputs[q].given && (int)q != exclude;
}

/* An input that the chosen amortisation cannot use: an error at it. */
static gpucost_status amortisation_clash(const gpucost_scenario *s, gpucost_quantity q,
                                         const char *why, gpucost_error *err)
{
    const gpucost_loc *l = &s->inputs[q].loc;
    char where[64];
    gc_snprintf(where, sizeof where, "%s%s", l->line ? "inputs." : "",
                gpucost_quantity_info_get(q)->name);
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, l->line, l->column, where, "%s", why);
}

/* The amortisation `d` uses (scenario.h): the "amortisation" key's, or
 * without one Epoch's exactly when hardware_age_years is given (what such
 * files always meant).  A combination one method cannot honour is an
 * error at the input it cannot use, never a silent choice. */
gpucost_status gc_derive_resolve_amortisation(const gpucost_scenario *s,
                                              const gpucost_derive_options *opt,
                                              gpucost_derivation *d, gpucost_error *err)
{
    int exclude = opt->exclude;
    int age = given(s, exclude, Q(HARDWARE_AGE_YEARS));
    int decay = given(s, exclude, Q(VALUE_DECAY_OOM_PER_YEAR));
    int life = given(s, exclude, Q(LIFETIME_YEARS));
    d->amortisation_implied = s->amortisation == GPUCOST_AMORT_UNSET;
    d->amortisation = s->amortisation != GPUCOST_AMORT_UNSET ? s->amortisation
                      : age                                  ? GPUCOST_AMORT_EPOCH
                                                             : GPUCOST_AMORT_STRAIGHT_LINE;
    /* a what-if's trial (limits 0) tries half-restored inputs: one
     * method short of its input leaves the life unknown there, and the
     * final derivation says what is wrong */
    if (!opt->limits)
        return GPUCOST_OK;
    if (d->amortisation == GPUCOST_AMORT_STRAIGHT_LINE) {
        if (!d->amortisation_implied && (age || decay))
            return amortisation_clash(
                s, age ? Q(HARDWARE_AGE_YEARS) : Q(VALUE_DECAY_OOM_PER_YEAR),
                "not used by amortisation \"straight_line\" (it is Epoch AI's method's); drop "
                "it or say \"epoch\"",
                err);
        return GPUCOST_OK;
    }
    if (life)
        return amortisation_clash(s, Q(LIFETIME_YEARS),
                                  d->amortisation_implied
                                      ? "not used: hardware_age_years implies amortisation "
                                        "\"epoch\", whose life follows from the age; drop one"
                                      : "not used by amortisation \"epoch\", whose life "
                                        "follows from hardware_age_years; drop one",
                                  err);
    if (!age && exclude != (int)Q(HARDWARE_AGE_YEARS)) {
        const gpucost_loc *l = &s->amortisation_loc;
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, l->line, l->column,
                             l->line ? "inputs.amortisation" : "amortisation",
                             "amortisation \"epoch\" needs hardware_age_years (the years from "
                             "the hardware's availability, release + 90 days, to the start of "
                             "training)");
    }
    return GPUCOST_OK;
}

const char *gpucost_derive_amortisation_text(const gpucost_derivation *d)
{
    if (d->amortisation == GPUCOST_AMORT_EPOCH)
        return d->amortisation_implied
                   ? "epoch (Epoch AI's, Cottier et al. 2024): implied by hardware_age_years, "
                     "as the scenario names no amortisation"
                   : "epoch (Epoch AI's, Cottier et al. 2024): the scenario's choice";
    return d->amortisation_implied
               ? "straight_line over lifetime_years: the default, as the scenario names no "
                 "amortisation and no hardware_age_years"
               : "straight_line over lifetime_years: the scenario's choice";
}

/* The fallback for quantity q, if any: 1 and `*dist`, `*origin` set. */
static int fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                    gpucost_origin *origin)
{
    const gpucost_hardware *h = d->hardware;
    *origin = GPUCOST_ORIGIN_DEFAULT;
    switch (q) {
    case Q(PEAK_FLOPS):
        if (h == NULL || (d->kind != GPUCOST_KIND_TRAINING && d->model == NULL))
            return 0;
        *origin = GPUCOST_ORIGIN_CATALOG;
        return gpucost_dist_point(dist, h->peak_tflops[d->precision] * 1e12) == 0;
    case Q(FLOPS_PER_PARAM_TOKEN):
        /* 6 unless the model's attention term says otherwise (PaLM) */
        return d->kind == GPUCOST_KIND_TRAINING &&
               d->origin[Q(ATTENTION_FLOPS_PER_TOKEN)] == GPUCOST_ORIGIN_UNKNOWN &&
               gpucost_dist_point(dist, 6.0) == 0;
    case Q(GPUS_PER_NODE):
        if (h != NULL && h->chips_per_host > 0.0) {
            *origin = GPUCOST_ORIGIN_CATALOG;
            return gpucost_dist_point(dist, h->chips_per_host) == 0;
        }
        return gpucost_dist_point(dist, 8.0) == 0;
    case Q(MEMORY_GB):
    case Q(MEMORY_BW_TBS):
    case Q(BYTES_PER_PARAM):
    case Q(REPLICA_NODES):
    case Q(BATCH_FILL):
    case Q(DECODE_EFFICIENCY):
    case Q(PREFILL_EFFICIENCY):
    case Q(SERVING_UTILIZATION): return gc_derive_roofline_fallback(d, q, dist, origin);
    case Q(HOURS):
        return d->kind != GPUCOST_KIND_TRAINING &&
               gpucost_dist_point(dist, d->kind == GPUCOST_KIND_FLEET ? 8760.0 : 24.0) == 0;
    case Q(LIFETIME_YEARS):
        /* straight-line over the defaults file's life, unless Epoch's */
        if (d->amortisation == GPUCOST_AMORT_EPOCH)
            return d->origin[Q(HARDWARE_AGE_YEARS)] != GPUCOST_ORIGIN_UNKNOWN &&
                   epoch_life(d, dist);
        return default_value(d, q, dist);
    case Q(VALUE_DECAY_OOM_PER_YEAR): /* only Epoch's amortisation uses it */
        return d->amortisation == GPUCOST_AMORT_EPOCH && default_value(d, q, dist);
    case Q(PUE):
    case Q(SERVER_FACTOR):
    case Q(CLUSTER_FACTOR):
    case Q(ELECTRICITY_USD_PER_KWH):
    case Q(GRID_KG_PER_KWH): return default_value(d, q, dist);
    default: break;
    }
    if (d->kind == GPUCOST_KIND_FLEET)
        return gc_derive_fleet_fallback(d, q, dist, origin);
    *origin = GPUCOST_ORIGIN_CATALOG;
    if (q == Q(PRICE_PER_GPU_HOUR) && gc_derive_dated_rent(h, d->date, dist, NULL, 0))
        return 1; /* a dated scenario: the quotes of its time */
    return gc_derive_hardware_fallback(h, q, dist);
}

int gpucost_derive_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                            gpucost_origin *origin)
{
    return fallback(d, q, dist, origin);
}

const char *gpucost_derive_fallback_text(gpucost_quantity q)
{
    switch (q) {
    case Q(PEAK_FLOPS): return "catalog: peak_tflops at the precision x 1e12";
    case Q(FLOPS_PER_PARAM_TOKEN): return "default 6";
    case Q(GPUS_PER_NODE): return "catalog: chips_per_host, else default 8";
    case Q(HOURS): return "default 24 for a day of inference, 8760 for a fleet's year";
    case Q(PUE):
    case Q(SERVER_FACTOR):
    case Q(CLUSTER_FACTOR):
    case Q(VALUE_DECAY_OOM_PER_YEAR):
    case Q(LIFETIME_YEARS): /* or Epoch's, from hardware_age_years: see epoch_life() */
    case Q(ELECTRICITY_USD_PER_KWH):
    case Q(GRID_KG_PER_KWH): return "default: models/defaults.json";
    case Q(POWER_W): return "catalog: tdp_w";
    case Q(MEMORY_GB): return "catalog: the accelerator's memory_gb";
    case Q(MEMORY_BW_TBS): return "catalog: the accelerator's memory_bw_tbs";
    case Q(BYTES_PER_PARAM): return "default: the precision's bits / 8";
    case Q(REPLICA_NODES): return "default 1";
    case Q(BATCH_FILL): return "default 1, the largest batch that fits";
    case Q(DECODE_EFFICIENCY):
    case Q(PREFILL_EFFICIENCY): return "default: models/defaults.json";
    case Q(SERVING_UTILIZATION): return "default 1, as many GPUs as the traffic needs";
    case Q(GPU_PRICE_USD): return "catalog: median of price_usd";
    case Q(PRICE_PER_GPU_HOUR):
        return "catalog: median of rent_usd_per_hour; dated: of the on-demand quotes around the "
               "date";
    default: return "";
    }
}

static const gpucost_quantity fallback_order[] = {
    Q(PEAK_FLOPS),
    Q(FLOPS_PER_PARAM_TOKEN),
    Q(GPUS_PER_NODE),
    Q(HOURS),
    Q(PUE),
    Q(POWER_W),
    Q(GPU_PRICE_USD),
    Q(PRICE_PER_GPU_HOUR),
    Q(SERVER_FACTOR),
    Q(CLUSTER_FACTOR),
    Q(VALUE_DECAY_OOM_PER_YEAR),
    Q(LIFETIME_YEARS),
    Q(ELECTRICITY_USD_PER_KWH),
    Q(GRID_KG_PER_KWH),
    Q(MEMORY_GB),
    Q(MEMORY_BW_TBS),
    Q(BYTES_PER_PARAM),
    Q(REPLICA_NODES),
    Q(BATCH_FILL),
    Q(DECODE_EFFICIENCY),
    Q(PREFILL_EFFICIENCY),
    Q(SERVING_UTILIZATION),
};

const size_t gc_derive_nfallbacks = sizeof fallback_order / sizeof fallback_order[0];

/* Fallback i of fallback_order when quantity's origin is `need` and it
 * has one: its quantity, with `*dist` and `*origin` set; else -1. */
int gc_derive_fallback_at(const gpucost_derivation *d, size_t i, gpucost_origin need,
                          gpucost_dist *dist, gpucost_origin *origin)
{
    gpucost_quantity q = fallback_order[i];
    return d->origin[q] == need && fallback(d, q, dist, origin) ? (int)q : -1;
}
