/*
 * derive.c - the relations between quantities and the propagation that
 * solves them (see derive.h for the design).
 *
 * To add a relation: one row in `relations`.  A product row reads
 * "prod over terms of q^e = c"; it can be solved for any one term.  The
 * two inference sums are forward-only rows with hand-written evaluation.
 */
#include "base/c_locale.h"
#include "gpucost/derive.h"

#include "gpucost/rules.h"
#include "gpucost/suggest.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/text.h"

#define Q(x) GPUCOST_Q_##x
#define TR GPUCOST_FOR_TRAINING
#define INF GPUCOST_FOR_INFERENCE
#define BOTH GPUCOST_FOR_BOTH
#define ALL GPUCOST_FOR_ALL
#define INFL (GPUCOST_FOR_INFERENCE | GPUCOST_FOR_FLEET)

/* REL_SUM: terms[0] = the sum of the others (forward only).  The
 * throughput rows (docs/quantities-and-methods.md) are forward only too, each written out in
 * forward_value():
 *   REL_ATTENTION  flops_per_param_token = 6 + attention / params_active
 *   REL_MAX_BATCH  the sequences whose KV cache fits beside the weights
 *   REL_READ       the weights one GPU reads per decode step
 *   REL_DECODE     the decode roofline, batch / max(memory, compute time)
 *   REL_SERVE      the GPUs the traffic keeps busy */
enum rel_type {
    REL_PRODUCT,
    REL_REVENUE,
    REL_MARGIN,
    REL_PROFIT,
    REL_SUM,
    REL_ATTENTION,
    REL_MAX_BATCH,
    REL_READ,
    REL_DECODE,
    REL_SERVE
};

typedef struct relation {
    enum rel_type type;
    int kinds;
    int nterms;
    struct {
        gpucost_quantity q;
        int e;
    } terms[8]; /* terms[0] is the output */
    double c;
} relation;

static const relation relations[] = {
    /* gpus = nodes x gpus_per_node */
    {REL_PRODUCT, ALL, 3, {{Q(GPUS), 1}, {Q(NODES), -1}, {Q(GPUS_PER_NODE), -1}}, 1.0},
    /* gpu_hours = gpus x wall_days x 24 */
    {REL_PRODUCT, TR, 3, {{Q(GPU_HOURS), 1}, {Q(GPUS), -1}, {Q(WALL_DAYS), -1}}, 24.0},
    /* gpu_hours = gpus x hours */
    {REL_PRODUCT, INFL, 3, {{Q(GPU_HOURS), 1}, {Q(GPUS), -1}, {Q(HOURS), -1}}, 1.0},
    /* cost_usd = gpu_hours x price_per_gpu_hour */
    {REL_PRODUCT, ALL, 3, {{Q(COST_USD), 1}, {Q(GPU_HOURS), -1}, {Q(PRICE_PER_GPU_HOUR), -1}}, 1.0},
    /* capex_usd = gpus x gpu_price_usd */
    {REL_PRODUCT, ALL, 3, {{Q(CAPEX_USD), 1}, {Q(GPUS), -1}, {Q(GPU_PRICE_USD), -1}}, 1.0},
    /* cluster_capex_usd = capex_usd x server_factor x cluster_factor */
    {REL_PRODUCT,
     ALL,
     4,
     {{Q(CLUSTER_CAPEX_USD), 1},
      {Q(CAPEX_USD), -1},
      {Q(SERVER_FACTOR), -1},
      {Q(CLUSTER_FACTOR), -1}},
     1.0},
    /* hardware_cost_per_gpu_hour = cluster_capex_usd / (gpus x lifetime_years x 8760) */
    {REL_PRODUCT,
     ALL,
     4,
     {{Q(HARDWARE_COST_PER_GPU_HOUR), 1},
      {Q(CLUSTER_CAPEX_USD), -1},
      {Q(GPUS), 1},
      {Q(LIFETIME_YEARS), 1}},
     1.0 / 8760.0},
    /* energy_cost_per_gpu_hour = power_w x pue x electricity_usd_per_kwh / 1000 */
    {REL_PRODUCT,
     ALL,
     4,
     {{Q(ENERGY_COST_PER_GPU_HOUR), 1},
      {Q(POWER_W), -1},
      {Q(PUE), -1},
      {Q(ELECTRICITY_USD_PER_KWH), -1}},
     1e-3},
    /* owned_cost_per_gpu_hour = hardware_cost_per_gpu_hour + energy_cost_per_gpu_hour */
    {REL_SUM,
     ALL,
     3,
     {{Q(OWNED_COST_PER_GPU_HOUR), 1},
      {Q(HARDWARE_COST_PER_GPU_HOUR), 0},
      {Q(ENERGY_COST_PER_GPU_HOUR), 0}},
     1.0},
    /* owned_cost_usd = gpu_hours x owned_cost_per_gpu_hour */
    {REL_PRODUCT,
     ALL,
     3,
     {{Q(OWNED_COST_USD), 1}, {Q(GPU_HOURS), -1}, {Q(OWNED_COST_PER_GPU_HOUR), -1}},
     1.0},
    /* annual_cost_usd = gpus x owned_cost_per_gpu_hour x 8760 */
    {REL_PRODUCT,
     ALL,
     3,
     {{Q(ANNUAL_COST_USD), 1}, {Q(GPUS), -1}, {Q(OWNED_COST_PER_GPU_HOUR), -1}},
     8760.0},
    /* power_mw = gpus x power_w x pue / 1e6 */
    {REL_PRODUCT, ALL, 4, {{Q(POWER_MW), 1}, {Q(GPUS), -1}, {Q(POWER_W), -1}, {Q(PUE), -1}}, 1e-6},
    /* fleet_share = gpus / fleet_gpus: at most 1, the run's GPUs are the fleet's */
    {REL_PRODUCT, TR, 3, {{Q(FLEET_SHARE), 1}, {Q(GPUS), -1}, {Q(FLEET_GPUS), 1}}, 1.0},
    /* training_flops = flops_per_param_token x params_active x tokens */
    {REL_PRODUCT,
     TR,
     4,
     {{Q(TRAINING_FLOPS), 1},
      {Q(FLOPS_PER_PARAM_TOKEN), -1},
      {Q(PARAMS_ACTIVE), -1},
      {Q(TOKENS), -1}},
     1.0},
    /* tokens = dataset_tokens x epochs */
    {REL_PRODUCT, TR, 3, {{Q(TOKENS), 1}, {Q(DATASET_TOKENS), -1}, {Q(EPOCHS), -1}}, 1.0},
    /* total_training_flops = training_flops + base_training_flops (a fine-tune) */
    {REL_SUM,
     TR,
     3,
     {{Q(TOTAL_TRAINING_FLOPS), 1}, {Q(TRAINING_FLOPS), 0}, {Q(BASE_TRAINING_FLOPS), 0}},
     1.0},
    /* training_flops = mfu x gpu_hours x 3600 x peak_flops */
    {REL_PRODUCT,
     TR,
     4,
     {{Q(TRAINING_FLOPS), 1}, {Q(MFU), -1}, {Q(GPU_HOURS), -1}, {Q(PEAK_FLOPS), -1}},
     3600.0},
    /* energy_mwh = gpu_hours x power_w x pue / 1e6 */
    {REL_PRODUCT,
     ALL,
     4,
     {{Q(ENERGY_MWH), 1}, {Q(GPU_HOURS), -1}, {Q(POWER_W), -1}, {Q(PUE), -1}},
     1e-6},
    /* co2_t = energy_mwh x grid_kg_per_kwh (MWh x kg/kWh = t) */
    {REL_PRODUCT, ALL, 3, {{Q(CO2_T), 1}, {Q(ENERGY_MWH), -1}, {Q(GRID_KG_PER_KWH), -1}}, 1.0},
    /* tokens_per_gpu_second = tokens / (gpu_hours x 3600) */
    {REL_PRODUCT,
     TR,
     3,
     {{Q(TOKENS_PER_GPU_SECOND), 1}, {Q(TOKENS), -1}, {Q(GPU_HOURS), 1}},
     1.0 / 3600.0},
    /* gpu_hours_per_trillion_tokens = gpu_hours / (tokens / 1e12) */
    {REL_PRODUCT,
     TR,
     3,
     {{Q(GPU_HOURS_PER_TRILLION_TOKENS), 1}, {Q(GPU_HOURS), -1}, {Q(TOKENS), 1}},
     1e12},
    /* input/output tokens per GPU-second and per node-second */
    {REL_PRODUCT,
     INF,
     3,
     {{Q(INPUT_TOKENS_PER_GPU_SECOND), 1}, {Q(INPUT_TOKENS), -1}, {Q(GPU_HOURS), 1}},
     1.0 / 3600.0},
    {REL_PRODUCT,
     INF,
     3,
     {{Q(OUTPUT_TOKENS_PER_GPU_SECOND), 1}, {Q(OUTPUT_TOKENS), -1}, {Q(GPU_HOURS), 1}},
     1.0 / 3600.0},
    {REL_PRODUCT,
     INF,
     3,
     {{Q(INPUT_TOKENS_PER_NODE_SECOND), 1},
      {Q(INPUT_TOKENS_PER_GPU_SECOND), -1},
      {Q(GPUS_PER_NODE), -1}},
     1.0},
    {REL_PRODUCT,
     INF,
     3,
     {{Q(OUTPUT_TOKENS_PER_NODE_SECOND), 1},
      {Q(OUTPUT_TOKENS_PER_GPU_SECOND), -1},
      {Q(GPUS_PER_NODE), -1}},
     1.0},
    /* revenue_usd = (in x hit x p_hit + in x (1 - hit) x p_miss + out x p_out) / 1e6 */
    {REL_REVENUE,
     INF,
     7,
     {{Q(REVENUE_USD), 1},
      {Q(INPUT_TOKENS), 0},
      {Q(CACHE_HIT_FRACTION), 0},
      {Q(PRICE_INPUT_HIT_PER_M), 0},
      {Q(PRICE_INPUT_MISS_PER_M), 0},
      {Q(OUTPUT_TOKENS), 0},
      {Q(PRICE_OUTPUT_PER_M), 0}},
     1e-6},
    /* margin = revenue_usd / cost_usd - 1 (the markup) */
    {REL_MARGIN, INF, 3, {{Q(MARGIN), 1}, {Q(REVENUE_USD), 0}, {Q(COST_USD), 0}}, 1.0},
    /* profit_margin = 1 - cost_usd / revenue_usd (the share of revenue kept) */
    {REL_PROFIT, INF, 3, {{Q(PROFIT_MARGIN), 1}, {Q(REVENUE_USD), 0}, {Q(COST_USD), 0}}, 1.0},
    /* achieved_tflops = mfu x peak_flops / 1e12 */
    {REL_PRODUCT, TR, 3, {{Q(ACHIEVED_TFLOPS), 1}, {Q(MFU), -1}, {Q(PEAK_FLOPS), -1}}, 1e-12},
    /* pf_days = training_flops / (1e15 x 86400) */
    {REL_PRODUCT, TR, 2, {{Q(PF_DAYS), 1}, {Q(TRAINING_FLOPS), -1}}, 1.0 / 8.64e19},
    /* flops_per_param_token = 6 + attention_flops_per_token / params_active (PaLM) */
    {REL_ATTENTION,
     TR,
     3,
     {{Q(FLOPS_PER_PARAM_TOKEN), 1}, {Q(ATTENTION_FLOPS_PER_TOKEN), 0}, {Q(PARAMS_ACTIVE), 0}},
     6.0},
    /* cost_per_m_output_tokens = cost_usd / output_tokens x 1e6 */
    {REL_PRODUCT,
     INF,
     3,
     {{Q(COST_PER_M_OUTPUT_TOKENS), 1}, {Q(COST_USD), -1}, {Q(OUTPUT_TOKENS), 1}},
     1e6},
    /* weight_gb = params_total x bytes_per_param / 1e9 */
    {REL_PRODUCT,
     INF,
     3,
     {{Q(WEIGHT_GB), 1}, {Q(PARAMS_TOTAL), -1}, {Q(BYTES_PER_PARAM), -1}},
     1e-9},
    /* replica_gpus = replica_nodes x gpus_per_node */
    {REL_PRODUCT,
     INF,
     3,
     {{Q(REPLICA_GPUS), 1}, {Q(REPLICA_NODES), -1}, {Q(GPUS_PER_NODE), -1}},
     1.0},
    /* max_batch = (memory_gb x 1e9 - weights resident per GPU) / (context_tokens x kv_bytes) */
    {REL_MAX_BATCH,
     INF,
     8,
     {{Q(MAX_BATCH), 1},
      {Q(MEMORY_GB), 0},
      {Q(PARAMS_TOTAL), 0},
      {Q(PARAMS_ACTIVE), 0},
      {Q(BYTES_PER_PARAM), 0},
      {Q(REPLICA_GPUS), 0},
      {Q(CONTEXT_TOKENS), 0},
      {Q(KV_BYTES_PER_TOKEN), 0}},
     1e9},
    /* batch = batch_fill x max_batch */
    {REL_PRODUCT, INF, 3, {{Q(BATCH), 1}, {Q(BATCH_FILL), -1}, {Q(MAX_BATCH), -1}}, 1.0},
    /* weight_gb_read: the dense part plus the routed experts touched, per GPU */
    {REL_READ,
     INF,
     6,
     {{Q(WEIGHT_GB_READ), 1},
      {Q(PARAMS_TOTAL), 0},
      {Q(PARAMS_ACTIVE), 0},
      {Q(BYTES_PER_PARAM), 0},
      {Q(REPLICA_GPUS), 0},
      {Q(BATCH), 0}},
     1e-9},
    /* decode roofline = batch / max(bytes / bandwidth, batch x 2 x params_active / peak) */
    {REL_DECODE,
     INF,
     8,
     {{Q(DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND), 1},
      {Q(WEIGHT_GB_READ), 0},
      {Q(BATCH), 0},
      {Q(CONTEXT_TOKENS), 0},
      {Q(KV_BYTES_PER_TOKEN), 0},
      {Q(MEMORY_BW_TBS), 0},
      {Q(PARAMS_ACTIVE), 0},
      {Q(PEAK_FLOPS), 0}},
     1e12},
    /* decode_tokens_per_gpu_second = decode_efficiency x decode roofline */
    {REL_PRODUCT,
     INF,
     3,
     {{Q(DECODE_TOKENS_PER_GPU_SECOND), 1},
      {Q(DECODE_EFFICIENCY), -1},
      {Q(DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND), -1}},
     1.0},
    /* prefill roofline = peak_flops / (2 x params_active) */
    {REL_PRODUCT,
     INF,
     3,
     {{Q(PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND), 1}, {Q(PEAK_FLOPS), -1}, {Q(PARAMS_ACTIVE), 1}},
     0.5},
    /* prefill_tokens_per_gpu_second = prefill_efficiency x prefill roofline */
    {REL_PRODUCT,
     INF,
     3,
     {{Q(PREFILL_TOKENS_PER_GPU_SECOND), 1},
      {Q(PREFILL_EFFICIENCY), -1},
      {Q(PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND), -1}},
     1.0},
    /* gpus_needed = (input / prefill throughput + output / decode throughput) / (hours x 3600) */
    {REL_SERVE,
     INF,
     6,
     {{Q(GPUS_NEEDED), 1},
      {Q(INPUT_TOKENS), 0},
      {Q(PREFILL_TOKENS_PER_GPU_SECOND), 0},
      {Q(OUTPUT_TOKENS), 0},
      {Q(DECODE_TOKENS_PER_GPU_SECOND), 0},
      {Q(HOURS), 0}},
     3600.0},
    /* serving_utilization = gpus_needed / gpus: at most 1, the traffic fits the fleet */
    {REL_PRODUCT, INF, 3, {{Q(SERVING_UTILIZATION), 1}, {Q(GPUS_NEEDED), -1}, {Q(GPUS), 1}}, 1.0},
};

#define NREL (sizeof relations / sizeof relations[0])

const char *gpucost_origin_name(gpucost_origin o)
{
    switch (o) {
    case GPUCOST_ORIGIN_INPUT: return "input";
    case GPUCOST_ORIGIN_DERIVED: return "derived";
    case GPUCOST_ORIGIN_CATALOG: return "catalog";
    case GPUCOST_ORIGIN_DEFAULT: return "default";
    case GPUCOST_ORIGIN_UNKNOWN: break;
    }
    return "unknown";
}

void gpucost_derive_options_init(gpucost_derive_options *opt)
{
    opt->conflict_tolerance = 1e-3;
    opt->exclude = -1;
    opt->limits = 1;
    opt->date = 0;
}

/* A forward-only row's output from its terms' values x[1..nterms) (x[k]
 * is term k's), for the model `m` (NULL without one). */
static double forward_value(const gpucost_model *m, const relation *r, const double *x)
{
    switch (r->type) {
    case REL_REVENUE: /* in, hit, p_hit, p_miss, out, p_out */
        return r->c * (x[1] * x[2] * x[3] + x[1] * (1.0 - x[2]) * x[4] + x[5] * x[6]);
    case REL_MARGIN: return x[1] / x[2] - 1.0;
    case REL_PROFIT: return 1.0 - x[2] / x[1];
    case REL_SUM: {
        double s = 0.0;
        for (int k = 1; k < r->nterms; k++)
            s += x[k];
        return s;
    }
    case REL_ATTENTION: return r->c + x[1] / x[2];
    case REL_MAX_BATCH: { /* memory, total, active, bytes, replica, context, kv */
        double held = gpucost_model_params_resident(m, x[2], x[3], x[5]) * x[4];
        return (x[1] * r->c - held) / (x[6] * x[7]);
    }
    case REL_READ: /* total, active, bytes, replica, batch */
        return gpucost_model_params_read(m, x[1], x[2], x[4], x[5] * x[4]) * x[3] * r->c;
    case REL_DECODE: { /* read (GB), batch, context, kv, bandwidth, active, peak */
        double memory = (x[1] * 1e9 + x[2] * x[3] * x[4]) / (x[5] * r->c);
        double compute = x[2] * 2.0 * x[6] / x[7];
        return x[2] / fmax(memory, compute);
    }
    case REL_SERVE: /* input, prefill rate, output, decode rate, hours */
        return (x[1] / x[2] + x[3] / x[4]) / (x[5] * r->c);
    case REL_PRODUCT: break;
    }
    return NAN;
}

/* The value of relation r's term j implied by the other terms. */
static double solve(const gpucost_model *m, const relation *r, int j, const double *v)
{
    if (r->type == REL_PRODUCT) {
        /* x_j = c^e_j x prod_{k != j} x_k^(-e_j e_k): multiplying where the
         * relation multiplies, so no reciprocal overflows on the way
         * (the same order as gpucost_derive_eval_columns) */
        int ej = r->terms[j].e;
        double x = ej > 0 ? r->c : 1.0 / r->c;
        for (int k = 0; k < r->nterms; k++) {
            if (k == j)
                continue;
            if (-ej * r->terms[k].e > 0)
                x *= v[r->terms[k].q];
            else
                x /= v[r->terms[k].q];
        }
        return x;
    }
    double x[8];
    for (int k = 1; k < r->nterms; k++)
        x[k] = v[r->terms[k].q];
    return forward_value(m, r, x);
}

/* The factor a value of q is printed with: a percentage is shown x 100,
 * and a value must stay finite as printed, not only as stored. */
static double shown_scale(gpucost_quantity q)
{
    return gpucost_quantity_info_get(q)->style == GPUCOST_NUM_PERCENT ? 100.0 : 1.0;
}

/* Physical limits (issue 23): a derived value past one is no number to
 * go on from.  A positive quantity (a rate, a batch) must stay above 0 --
 * max_batch is the one relation that subtracts, and it goes negative when
 * the weights fill the memory -- and a batch may not exceed the largest
 * that fits, within published figures' rounding.  The plan's evaluations
 * refuse a sample past one (range, solve); gpucost_derive refuses the
 * scenario itself with the reason (check_limits). */
#define LIMIT_TOLERANCE 1e-3

/* The open interval (lo, hi] a derived value of q must lie in. */
static void limits_of(gpucost_quantity q, double *lo, double *hi)
{
    *lo = gpucost_quantity_info_get(q)->domain == GPUCOST_DOMAIN_POSITIVE ? 0.0 : -INFINITY;
    *hi = q == Q(BATCH_FILL) ? 1.0 + LIMIT_TOLERANCE : INFINITY;
}

static int within_limits(gpucost_quantity q, double v)
{
    double lo, hi;
    limits_of(q, &lo, &hi);
    return v > lo && v <= hi;
}

static double at(double *const *cols, const double *base, gpucost_quantity q, size_t i)
{
    return cols[q] != NULL ? cols[q][i] : base[q];
}

/* A product relation solved for term `term`: x_t = c^e_t x prod_{k != t}
 * x_k^(-e_t e_k), the constants folded into one factor, then one pass per
 * varying term (the same order as solve()). */
static void eval_product(const relation *r, int term, double *const *cols, const double *base,
                         size_t n, double *out)
{
    gpucost_quantity t = r->terms[term].q;
    int et = r->terms[term].e;
    double c = et > 0 ? r->c : 1.0 / r->c;
    for (int k = 0; k < r->nterms; k++) {
        gpucost_quantity q = r->terms[k].q;
        if (q != t && cols[q] == NULL)
            c = -et * r->terms[k].e > 0 ? c * base[q] : c / base[q];
    }
    for (size_t i = 0; i < n; i++)
        out[i] = c;
    for (int k = 0; k < r->nterms; k++) {
        const double *x = cols[r->terms[k].q];
        if (r->terms[k].q == t || x == NULL)
            continue;
        if (-et * r->terms[k].e > 0)
            for (size_t i = 0; i < n; i++)
                out[i] *= x[i];
        else
            for (size_t i = 0; i < n; i++)
                out[i] /= x[i];
    }
}

/* The forward-only rows: a sum a column at a time (one pass per term, as
 * eval_product does), the rest a sample at a time through forward_value,
 * the one place their formulas are written. */
static void eval_forward(const gpucost_model *m, const relation *r, double *const *cols,
                         const double *base, size_t n, double *out)
{
    if (r->type == REL_SUM) {
        for (size_t i = 0; i < n; i++)
            out[i] = 0.0;
        for (int k = 1; k < r->nterms; k++) {
            const double *x = cols[r->terms[k].q];
            double c = base[r->terms[k].q];
            if (x == NULL)
                for (size_t i = 0; i < n; i++)
                    out[i] += c;
            else
                for (size_t i = 0; i < n; i++)
                    out[i] += x[i];
        }
        return;
    }
    double x[8];
    for (size_t i = 0; i < n; i++) {
        for (int k = 1; k < r->nterms; k++)
            x[k] = at(cols, base, r->terms[k].q, i);
        out[i] = forward_value(m, r, x);
    }
}

/* 0 when every value of target t's column stays finite as printed and
 * within t's physical limits; else -1 (not finite) or -2 (past a limit),
 * as gpucost_derive_eval_columns returns.  One pass, no branch per value. */
static int column_check(const double *out, size_t n, gpucost_quantity t)
{
    double shown = shown_scale(t), lo, hi;
    limits_of(t, &lo, &hi);
    int finite = 1, within = 1;
    for (size_t i = 0; i < n; i++) {
        finite &= isfinite(out[i] * shown);
        within &= out[i] > lo && out[i] <= hi;
    }
    return !finite ? -1 : !within ? -2 : 0;
}

int gpucost_derive_eval_columns(const gpucost_derivation *d, double *const *cols,
                                const double *base, size_t n, gpucost_quantity *bad)
{
    for (size_t st = 0; st < d->nsteps; st++) {
        const relation *r = &relations[d->steps[st].relation];
        gpucost_quantity t = (gpucost_quantity)d->steps[st].target;
        double *out = cols[t];
        if (r->type == REL_PRODUCT)
            eval_product(r, d->steps[st].term, cols, base, n, out);
        else
            eval_forward(d->model, r, cols, base, n, out);
        int rc = column_check(out, n, t);
        if (rc != 0) {
            if (bad != NULL)
                *bad = t;
            return rc;
        }
    }
    return 0;
}

void gpucost_derive_dependencies(const gpucost_derivation *d, const int *varying,
                                 gpucost_qset *deps)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        deps[q] = varying[q] ? GPUCOST_QBIT(q) : 0;
    for (size_t i = 0; i < d->nsteps; i++) {
        const relation *r = &relations[d->steps[i].relation];
        gpucost_qset dep = 0;
        for (int k = 0; k < r->nterms; k++)
            if (r->terms[k].q != (gpucost_quantity)d->steps[i].target)
                dep |= deps[r->terms[k].q];
        deps[d->steps[i].target] = dep;
    }
}

/* Step i of the plan on values v: its target's value. */
static double eval_step(const gpucost_derivation *d, size_t i, const double *v)
{
    return solve(d->model, &relations[d->steps[i].relation], d->steps[i].term, v);
}

int gpucost_derive_eval(const gpucost_derivation *d, double *values, gpucost_quantity *bad)
{
    for (size_t i = 0; i < d->nsteps; i++) {
        double x = eval_step(d, i, values);
        gpucost_quantity t = (gpucost_quantity)d->steps[i].target;
        if (!isfinite(x * shown_scale(t)) || !within_limits(t, x)) {
            if (bad != NULL)
                *bad = (gpucost_quantity)d->steps[i].target;
            return isfinite(x * shown_scale(t)) ? -2 : -1;
        }
        values[d->steps[i].target] = x;
    }
    return 0;
}

/* Symbolic propagation: adds plan steps until no relation has exactly one
 * unknown term it can be solved for. */
static void propagate(gpucost_derivation *d, int *used)
{
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < NREL; i++) {
            const relation *r = &relations[i];
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

static void set_leaf(gpucost_derivation *d, gpucost_quantity q, const gpucost_dist *dist,
                     gpucost_origin o)
{
    d->leaf[q] = *dist;
    d->origin[q] = o;
    d->value[q] = gpucost_dist_median(dist);
}

/* "unknown hardware 'h10' (did you mean 'h100'? known: ...)", at `l`. */
static gpucost_status unknown_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                       const char *id, const gpucost_loc *l, const char *where,
                                       gpucost_error *err)
{
    char ids[512];
    gpucost_catalog_ids(catalog, ids, sizeof ids);
    const char *names[64];
    size_t n = gpucost_catalog_count(catalog) < 64 ? gpucost_catalog_count(catalog) : 64;
    for (size_t i = 0; i < n; i++)
        names[i] = gpucost_catalog_at(catalog, i)->id;
    const char *hint = gpucost_suggest(id, names, n);
    if (hint != NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, where,
                             "unknown hardware '%s' (did you mean '%s'? known: %s)", id, hint, ids);
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, where,
                         "unknown hardware '%s' (known: %s)", id, ids);
}

/* The catalog entry of hardware `id`, or an error at `l` / `where`. */
static gpucost_status find_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    const char *id, const gpucost_loc *l, const char *where,
                                    const gpucost_hardware **out, gpucost_error *err)
{
    if (catalog == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, where,
                             "unknown hardware '%s' (no catalog loaded)", id);
    *out = gpucost_catalog_find(catalog, id);
    return *out != NULL ? GPUCOST_OK : unknown_hardware(s, catalog, id, l, where, err);
}

static gpucost_status resolve_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                       gpucost_derivation *d, gpucost_error *err)
{
    if (s->hardware == NULL)
        return GPUCOST_OK;
    const char *where = s->hardware_loc.line ? "inputs.hardware" : "hardware";
    gpucost_status rc =
        find_hardware(s, catalog, s->hardware, &s->hardware_loc, where, &d->hardware, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (d->hardware->peak_tflops[s->precision] > 0.0)
        return GPUCOST_OK;
    if (!s->precision_given && s->inputs[Q(PEAK_FLOPS)].given)
        return GPUCOST_OK;
    char have[128] = "";
    for (int p = 0; p < GPUCOST_P_COUNT; p++)
        if (d->hardware->peak_tflops[p] > 0.0)
            gc_text_list(have, sizeof have, gpucost_precision_name((gpucost_precision)p));
    const gpucost_loc *l = s->precision_given ? &s->precision_loc : &s->hardware_loc;
    const char *pwhere = s->precision_given ? (l->line ? "inputs.precision" : "precision") : where;
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, pwhere,
                         "hardware '%s' has no %s peak (it has: %s)", d->hardware->id,
                         gpucost_precision_name(s->precision), have);
}

/* Months since year 0 of a "YYYY-MM-DD" or "YYYY-MM" date (a month alone
 * at its middle); NaN when it is neither. */
static double months_of_text(const char *t)
{
    int y, m, dd = 15;
    if (sscanf(t, "%4d-%2d-%2d", &y, &m, &dd) < 2 || m < 1 || m > 12)
        return NAN;
    return y * 12.0 + (m - 1) + (dd - 1) / 31.0;
}

/* The same of yyyymmdd. */
static double months_of(int yyyymmdd)
{
    return yyyymmdd / 10000 * 12.0 + (yyyymmdd / 100 % 100 - 1) + (yyyymmdd % 100 - 1) / 31.0;
}

/* The window of a dated price: the on-demand quotes within 6 months of
 * the date; with none there, those within 6 months of the nearest quote
 * (the nearest period that has quotes). */
#define PRICE_WINDOW_MONTHS 6.0

/* A dated scenario's rental price from the catalog's on-demand quotes
 * (docs/prices.md): their median, with the period's spread as
 * its uncertainty (a lognormal with that median whose 90% range is as
 * wide, in log terms, as the quotes' lowest to highest).  `basis` (may be
 * NULL) says which quotes.  0 when the chip has no on-demand quote. */
static int dated_rent(const gpucost_hardware *h, int date, gpucost_dist *dist, char *basis,
                      size_t n)
{
    if (h == NULL || date <= 0 || h->nprices == 0)
        return 0;
    double at = months_of(date), nearest = INFINITY, centre = at;
    for (size_t i = 0; i < h->nprices; i++) {
        double mo = months_of_text(h->prices[i].date);
        if (h->prices[i].kind == GPUCOST_PRICE_ON_DEMAND && isfinite(mo) &&
            fabs(mo - at) < fabs(nearest - at))
            nearest = mo;
    }
    if (!isfinite(nearest))
        return 0;
    if (fabs(nearest - at) > PRICE_WINDOW_MONTHS)
        centre = nearest;
    double v[512], lo_m = INFINITY, hi_m = -INFINITY;
    size_t k = 0;
    char vendors[120] = "";
    for (size_t i = 0; i < h->nprices && k < sizeof v / sizeof v[0]; i++) {
        const gpucost_price_obs *o = &h->prices[i];
        double mo = months_of_text(o->date);
        if (o->kind != GPUCOST_PRICE_ON_DEMAND || !(fabs(mo - centre) <= PRICE_WINDOW_MONTHS) ||
            !(o->usd > 0.0))
            continue;
        v[k++] = o->usd;
        lo_m = fmin(lo_m, mo);
        hi_m = fmax(hi_m, mo);
        if (o->vendor != NULL && strstr(vendors, o->vendor) == NULL)
            gc_text_list(vendors, sizeof vendors, o->vendor);
    }
    if (k == 0)
        return 0;
    gsl_sort(v, 1, k);
    double med = gsl_stats_median_from_sorted_data(v, 1, k), lo = v[0], hi = v[k - 1];
    int ok = lo < hi ? gpucost_dist_lognormal90(dist, med * sqrt(lo / hi), med * sqrt(hi / lo))
                     : gpucost_dist_point(dist, med);
    if (basis != NULL) {
        char a[16], b[16], when[16];
        int la = (int)floor(lo_m), lb = (int)floor(hi_m);
        gc_snprintf(a, sizeof a, "%04d-%02d", la / 12, la % 12 + 1);
        gc_snprintf(b, sizeof b, "%04d-%02d", lb / 12, lb % 12 + 1);
        gpucost_date_format(date, when, sizeof when);
        gc_text_printf(basis, n,
                       "median of %zu on-demand quote%s, %s%s%s (%s), for %s%s%s; Epoch AI's "
                       "hardware prices",
                       k, k == 1 ? "" : "s", a, strcmp(a, b) ? ".." : "", strcmp(a, b) ? b : "",
                       vendors[0] ? vendors : "vendors not named", when,
                       centre != at ? " (none within 6 months: the nearest period with quotes)"
                                    : "",
                       lo < hi ? "; their spread is the price's 90% range" : "");
    }
    return ok == 0;
}

/* An accelerator's catalog power (TDP), purchase and rental price. */
static int hardware_fallback(const gpucost_hardware *h, gpucost_quantity q, gpucost_dist *dist)
{
    if (h == NULL)
        return 0;
    switch (q) {
    case Q(POWER_W): return h->tdp_w > 0.0 && gpucost_dist_point(dist, h->tdp_w) == 0;
    case Q(GPU_PRICE_USD):
        if (h->has_price)
            *dist = h->price_usd;
        return h->has_price;
    case Q(PRICE_PER_GPU_HOUR):
        if (h->has_rent)
            *dist = h->rent_usd_per_hour;
        return h->has_rent;
    default: return 0;
    }
}

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
    return hardware_fallback(h, gpucost_fleet_part_q[k], dist);
}

/* A fleet's parts blended (docs/quantities-and-methods.md, fleets): gpus summed, the
 * per-GPU values weighted by the parts' median GPU counts. */
static gpucost_status blend_fleet(const gpucost_scenario *s, const gpucost_catalog *catalog,
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
        gpucost_status rc = find_hardware(s, catalog, s->parts[i].hardware,
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

/* The fallback for quantity q, if any: 1 and `*dist`, `*origin` set. */
/* A fleet's power, purchase and rental price: its parts' blend. */
static int fleet_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
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

/* The inference roofline's fallbacks, only for a scenario with a model
 * block: the accelerator's memory and bandwidth, the bytes of the
 * precision, one node per replica, the largest batch that fits, the
 * defaults file's efficiencies (each only once its roofline is known, so
 * that a measured throughput is never turned into a bound), and a fleet
 * exactly as large as the traffic needs (only once that is known). */
static int roofline_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                             gpucost_origin *origin)
{
    const gpucost_hardware *h = d->hardware;
    if (d->model == NULL || d->kind != GPUCOST_KIND_INFERENCE)
        return 0;
    *origin = GPUCOST_ORIGIN_CATALOG;
    switch (q) {
    case Q(MEMORY_GB):
        return h != NULL && h->memory_gb > 0.0 && gpucost_dist_point(dist, h->memory_gb) == 0;
    case Q(MEMORY_BW_TBS):
        return h != NULL && h->memory_bw_tbs > 0.0 &&
               gpucost_dist_point(dist, h->memory_bw_tbs) == 0;
    default: break;
    }
    *origin = GPUCOST_ORIGIN_DEFAULT;
    gpucost_quantity after = q == Q(BATCH_FILL)          ? Q(MAX_BATCH)
                             : q == Q(DECODE_EFFICIENCY) ? Q(DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND)
                             : q == Q(PREFILL_EFFICIENCY)
                                 ? Q(PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND)
                             : q == Q(SERVING_UTILIZATION) ? Q(GPUS_NEEDED)
                                                           : Q(COUNT);
    if (after != Q(COUNT) && d->origin[after] == GPUCOST_ORIGIN_UNKNOWN)
        return 0;
    switch (q) {
    case Q(BYTES_PER_PARAM):
        return gpucost_dist_point(dist, gpucost_precision_bits(d->precision) / 8.0) == 0;
    case Q(REPLICA_NODES):
    case Q(BATCH_FILL):
    case Q(SERVING_UTILIZATION): return gpucost_dist_point(dist, 1.0) == 0;
    default: {
        const gpucost_dist *v = gpucost_defaults_get(d->defaults, q);
        if (v != NULL)
            *dist = *v;
        return v != NULL;
    }
    }
}

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
static gpucost_status resolve_amortisation(const gpucost_scenario *s,
                                           const gpucost_derive_options *opt, gpucost_derivation *d,
                                           gpucost_error *err)
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
    case Q(SERVING_UTILIZATION): return roofline_fallback(d, q, dist, origin);
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
        return fleet_fallback(d, q, dist, origin);
    *origin = GPUCOST_ORIGIN_CATALOG;
    if (q == Q(PRICE_PER_GPU_HOUR) && dated_rent(h, d->date, dist, NULL, 0))
        return 1; /* a dated scenario: the quotes of its time */
    return hardware_fallback(h, q, dist);
}

int gpucost_derive_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                            gpucost_origin *origin)
{
    return fallback(d, q, dist, origin);
}

size_t gpucost_derive_log_relations(gpucost_kind kind, gpucost_log_relation *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < NREL; i++) {
        const relation *r = &relations[i];
        if (r->type != REL_PRODUCT || !(r->kinds & (int)kind))
            continue;
        if (n < max) {
            out[n].nterms = r->nterms;
            for (int k = 0; k < r->nterms; k++) {
                out[n].q[k] = r->terms[k].q;
                out[n].e[k] = r->terms[k].e;
            }
            out[n].ln_c = log(r->c);
        }
        n++;
    }
    return n;
}

/* Appends `item` to a " x "-separated product in `side`. */
static void product_add(char *side, size_t n, const char *item)
{
    size_t len = strlen(side);
    gc_text_printf(side + len, n - len, "%s%s", len ? " x " : "", item);
}

/* The throughput rows written for people. */
static const char *throughput_text(enum rel_type type)
{
    switch (type) {
    case REL_ATTENTION:
        return "flops_per_param_token = 6 + attention_flops_per_token / params_active";
    case REL_MAX_BATCH:
        return "max_batch = (memory_gb x 1e9 - weights resident per GPU) / (context_tokens x"
               " kv_bytes_per_token)";
    case REL_READ:
        return "weight_gb_read = (dense part + resident experts x (1 - (1 - experts_active /"
               " experts)^(batch x replica_gpus))) x bytes_per_param / 1e9, per GPU";
    case REL_DECODE:
        return "decode_roofline_tokens_per_gpu_second = batch / max((weight_gb_read x 1e9 + batch x"
               " context_tokens x kv_bytes_per_token) / (memory_bw_tbs x 1e12), batch x 2 x"
               " params_active / peak_flops)";
    case REL_SERVE:
        return "gpus_needed = (input_tokens / prefill_tokens_per_gpu_second + output_tokens /"
               " decode_tokens_per_gpu_second) / (hours x 3600)";
    default: return NULL;
    }
}

/* A forward-only relation written for people; 0 for a product. */
static int forward_text(const relation *r, char *buf, size_t n)
{
    if (throughput_text(r->type) != NULL) {
        gc_text_printf(buf, n, "%s", throughput_text(r->type));
        return 1;
    }
    if (r->type == REL_REVENUE) {
        gc_snprintf(buf, n,
                    "revenue_usd = (input_tokens x (cache_hit_fraction x price_input_hit_per_m"
                    " + (1 - cache_hit_fraction) x price_input_miss_per_m) + output_tokens x"
                    " price_output_per_m) / 1e6");
        return 1;
    }
    if (r->type == REL_MARGIN) {
        gc_snprintf(buf, n, "margin = revenue_usd / cost_usd - 1");
        return 1;
    }
    if (r->type == REL_PROFIT) {
        gc_snprintf(buf, n, "profit_margin = 1 - cost_usd / revenue_usd");
        return 1;
    }
    if (r->type == REL_SUM) {
        gc_text_printf(buf, n, "%s = ", gpucost_quantity_info_get(r->terms[0].q)->name);
        for (int k = 1; k < r->nterms; k++)
            gc_text_append(buf, n, k > 1 ? " + " : "",
                           gpucost_quantity_info_get(r->terms[k].q)->name);
        return 1;
    }
    return 0;
}

/* Relation r written out for people: "gpu_hours = gpus x wall_days x 24",
 * "tokens_per_gpu_second = tokens / (gpu_hours x 3600)". */
static void relation_text(const relation *r, char *buf, size_t n)
{
    if (forward_text(r, buf, n))
        return;
    char num[256] = "", den[256] = "", c[32];
    int nden = 0;
    for (int k = 1; k < r->nterms; k++) {
        const char *name = gpucost_quantity_info_get(r->terms[k].q)->name;
        if (r->terms[k].e < 0) {
            product_add(num, sizeof num, name);
        } else {
            product_add(den, sizeof den, name);
            nden++;
        }
    }
    if (r->c != 1.0) {
        /* "24", "3600", "1e12": the constant as docs/quantities-and-methods.md writes it */
        gc_snprintf(c, sizeof c, "%g", r->c >= 1.0 ? r->c : 1.0 / r->c);
        char *e = strstr(c, "e+");
        if (e != NULL) {
            size_t z = 2;
            while (e[z] == '0' && e[z + 1] != '\0')
                z++;
            memmove(e + 1, e + z, strlen(e + z) + 1);
        }
        if (r->c >= 1.0) {
            product_add(num, sizeof num, c);
        } else {
            product_add(den, sizeof den, c);
            nden++;
        }
    }
    gc_text_printf(buf, n, "%s = %s%s%s%s%s", gpucost_quantity_info_get(r->terms[0].q)->name, num,
                   nden ? " / " : "", nden > 1 ? "(" : "", den, nden > 1 ? ")" : "");
}

/* Whether q is relation r's output (pass 0) or one of its terms (pass 1). */
static int relation_has(const relation *r, gpucost_quantity q, int pass)
{
    if (pass == 0)
        return r->terms[0].q == q;
    for (int k = 1; k < r->nterms; k++)
        if (r->terms[k].q == q)
            return 1;
    return 0;
}

void gpucost_derive_describe(gpucost_quantity q, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    /* the relations that define q, else those it takes part in */
    for (int pass = 0; pass < 2 && len == 0; pass++)
        for (size_t i = 0; i < NREL && len + 4 < n; i++) {
            const relation *r = &relations[i];
            if (!relation_has(r, q, pass))
                continue;
            char one[400];
            relation_text(r, one, sizeof one);
            int w = gc_text_printf(buf + len, n - len, "%s%s%s", len ? "; " : "", one,
                                   r->kinds == GPUCOST_FOR_TRAINING    ? " (training)"
                                   : r->kinds == GPUCOST_FOR_INFERENCE ? " (inference)"
                                                                       : "");
            if (w > 0)
                len = len + (size_t)w < n ? len + (size_t)w : n - 1;
        }
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

static void add_conflict(gpucost_derivation *d, gpucost_quantity q, double given, double derived,
                         gpucost_origin against, int physical)
{
    gpucost_conflict *c = add_to(d->conflicts, &d->nconflicts, q, given, derived, against);
    if (c != NULL)
        c->physical = physical;
}

/* Fallback i of fallback_order when quantity's origin is `need` and it
 * has one: its quantity, with `*dist` and `*origin` set; else -1. */
static int fallback_at(const gpucost_derivation *d, size_t i, gpucost_origin need,
                       gpucost_dist *dist, gpucost_origin *origin)
{
    gpucost_quantity q = fallback_order[i];
    return d->origin[q] == need && fallback(d, q, dist, origin) ? (int)q : -1;
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
static void check_fallbacks(gpucost_derivation *d, double tolerance)
{
    for (size_t i = 0; i < sizeof fallback_order / sizeof fallback_order[0]; i++) {
        gpucost_dist dist;
        gpucost_origin origin;
        int k = fallback_at(d, i, GPUCOST_ORIGIN_DERIVED, &dist, &origin);
        if (k < 0 || is_choice((gpucost_quantity)k))
            continue;
        gpucost_quantity q = (gpucost_quantity)k;
        double v = d->value[q];
        if (gpucost_dist_is_point(&dist)) {
            double want = gpucost_dist_median(&dist);
            if (fabs(v - want) > tolerance * fmax(fabs(want), 1e-300))
                add_conflict(d, q, want, v, origin, 0);
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
static void check_overdetermined(gpucost_derivation *d, const int *used, double tolerance)
{
    for (size_t i = 0; i < NREL; i++) {
        const relation *r = &relations[i];
        if (!(r->kinds & (int)d->kind) || used[i])
            continue;
        int all = 1;
        for (int k = 0; k < r->nterms && all; k++)
            all = d->origin[r->terms[k].q] != GPUCOST_ORIGIN_UNKNOWN;
        if (!all)
            continue;
        gpucost_quantity q = r->terms[0].q;
        double implied = solve(d->model, r, 0, d->value), have = d->value[q];
        if (isfinite(implied) && fabs(implied - have) > tolerance * fmax(fabs(have), 1e-300))
            add_conflict(
                d, q, have, implied,
                d->origin[q] == GPUCOST_ORIGIN_DERIVED ? GPUCOST_ORIGIN_INPUT : d->origin[q], 0);
    }
}

/* Derived values that break a physical bound (mfu above 1).  A fraction
 * within the tolerance above 1 is rounding in the published figures it
 * came from (DeepSeek's "~73.7k" and "~14.8k" tokens/s account for
 * 1,814.9 of its 1,814 GPUs), not a contradiction. */
static void check_domains(gpucost_derivation *d, double tolerance)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (d->origin[q] == GPUCOST_ORIGIN_DERIVED &&
            !gpucost_quantity_in_domain((gpucost_quantity)q, d->value[q]) &&
            !(gpucost_quantity_info_get((gpucost_quantity)q)->domain == GPUCOST_DOMAIN_FRACTION &&
              d->value[q] > 1.0 && d->value[q] <= 1.0 + tolerance))
            add_conflict(d, (gpucost_quantity)q, d->value[q] > 1.0 ? 1.0 : 0.0, d->value[q],
                         GPUCOST_ORIGIN_INPUT, 1);
}

/* What the model block gives, as inputs where the scenario's inputs do
 * not give them: the parameter counts, a training token's attention FLOP
 * (with a seq_len), a token's KV-cache bytes.  A claim's `exclude` leaves
 * out the scenario's own input of the claimed quantity, never the block:
 * its numbers are the architecture's (docs/quantities-and-methods.md, the model block), so a
 * claim on them (NVIDIA's 524,288 B per token for Llama 2 7B) is checked
 * against the block's formula, not left unverifiable. */
static void set_model_inputs(gpucost_derivation *d)
{
    const gpucost_model *m = d->model;
    if (m == NULL)
        return;
    double v[4] = {m->params_total, m->params_active,
                   d->kind == GPUCOST_KIND_TRAINING ? gpucost_model_attention_flops_per_token(m)
                                                    : 0.0,
                   d->kind == GPUCOST_KIND_INFERENCE ? gpucost_model_kv_bytes_per_token(m) : 0.0};
    const gpucost_quantity q[4] = {Q(PARAMS_TOTAL), Q(PARAMS_ACTIVE), Q(ATTENTION_FLOPS_PER_TOKEN),
                                   Q(KV_BYTES_PER_TOKEN)};
    for (int k = 0; k < 4; k++) {
        gpucost_dist dist;
        if (v[k] > 0.0 && d->origin[q[k]] == GPUCOST_ORIGIN_UNKNOWN &&
            gpucost_dist_point(&dist, v[k]) == 0)
            set_leaf(d, q[k], &dist, GPUCOST_ORIGIN_INPUT);
    }
}

/* The model a scenario names: its inline block, or a bundled one. */
static gpucost_status resolve_model(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    gpucost_derivation *d, gpucost_error *err)
{
    d->model = s->model;
    if (s->model_id == NULL)
        return GPUCOST_OK;
    d->model = gpucost_catalog_model(catalog, s->model_id);
    if (d->model != NULL)
        return GPUCOST_OK;
    char ids[512] = "";
    const char *names[64];
    size_t n = 0;
    for (; n < gpucost_catalog_model_count(catalog) && n < 64; n++) {
        names[n] = gpucost_catalog_model_at(catalog, n)->id;
        gc_text_list(ids, sizeof ids, names[n]);
    }
    const char *hint = gpucost_suggest(s->model_id, names, n);
    const char *known = n ? ids : "none; models/architectures/ holds them";
    if (hint != NULL)
        return GPUCOST_ERROR(
            err, GPUCOST_ENOTFOUND, s->file, s->model_loc.line, s->model_loc.column, "model",
            "unknown model '%s' (did you mean '%s'? bundled: %s)", s->model_id, hint, known);
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, s->model_loc.line, s->model_loc.column,
                         "model", "unknown model '%s' (bundled: %s)", s->model_id, known);
}

/* The scenario's inputs as leaves (but `exclude`), and what every part
 * of a fleet gives as an input of the fleet (a claim on the fleet's total
 * is checked against the parts' sum, never excluded). */
static void set_inputs(const gpucost_scenario *s, int exclude, gpucost_derivation *d)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (s->inputs[q].given && q != exclude)
            set_leaf(d, (gpucost_quantity)q, &s->inputs[q].dist, GPUCOST_ORIGIN_INPUT);
    set_model_inputs(d);
    for (int k = 0; k < GPUCOST_PART_NQ && s->kind == GPUCOST_KIND_FLEET; k++) {
        gpucost_quantity q = gpucost_fleet_part_q[k];
        if (d->fleet_origin[k] == GPUCOST_ORIGIN_INPUT &&
            (!s->inputs[q].given || (int)q == exclude))
            set_leaf(d, q, &d->fleet[k], GPUCOST_ORIGIN_INPUT);
    }
}

/* The quantities a run's phases add up to (docs/quantities-and-methods.md,
 * runs in phases): the run's totals, set from its phases unless the run
 * gives them itself.  Energy and the owned cost follow from the summed
 * GPU-hours at the run's own power and rates. */
static const gpucost_quantity phase_sums[] = {
    Q(GPU_HOURS), Q(TOKENS), Q(TRAINING_FLOPS), Q(WALL_DAYS), Q(COST_USD),
};
#define NPHASE_SUMS (sizeof phase_sums / sizeof phase_sums[0])

/* Whether a phase takes the run's input q when it does not give q: the
 * rates, prices, parameters and factors do; the run's totals and its
 * calendar days never do; its GPU count only when the phase names
 * neither GPUs nor nodes. */
static int phase_inherits(const gpucost_scenario *ph, gpucost_quantity q)
{
    if (q == Q(WALL_DAYS) || gpucost_quantity_info_get(q)->base != GPUCOST_BASE_NONE)
        return 0;
    if (q == Q(GPUS) || q == Q(NODES))
        return !ph->inputs[Q(GPUS)].given && !ph->inputs[Q(NODES)].given;
    return 1;
}

/* An error about an input the phase gives itself names it where the file
 * has it, "phases[1].inputs.precision", not as the run's "inputs.precision"
 * (the line and column are the phase's already). */
static void phase_error_path(const gpucost_scenario *ph, size_t phase, gpucost_error *err)
{
    static const char inputs[] = "inputs.";
    if (err == NULL || strncmp(err->path, inputs, sizeof inputs - 1) != 0)
        return;
    const char *key = err->path + sizeof inputs - 1;
    gpucost_quantity q;
    int own = strcmp(key, "hardware") == 0 ? ph->hardware != NULL
              : strcmp(key, "precision") == 0
                  ? ph->precision_given
                  : gpucost_quantity_lookup(key, &q) == 0 && ph->inputs[q].given;
    if (!own)
        return;
    char path[sizeof err->path];
    gc_text_printf(path, sizeof path, "phases[%zu].%s", phase, err->path);
    memcpy(err->path, path, sizeof path);
}

gpucost_status gpucost_derive_phase(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    size_t phase, const gpucost_derive_options *opt,
                                    gpucost_derivation *out, gpucost_error *err)
{
    if (phase >= s->nphases)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "phase",
                             "phase %zu is not a phase of this scenario", phase);
    const gpucost_scenario *ph = &s->phases[phase];
    /* the run with the phase's inputs over it: a shallow copy, nothing
     * freed through it */
    gpucost_scenario one = *s;
    one.phases = NULL;
    one.nphases = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (ph->inputs[q].given)
            one.inputs[q] = ph->inputs[q];
        else if (!phase_inherits(ph, (gpucost_quantity)q))
            one.inputs[q].given = 0;
    }
    if (ph->hardware != NULL) {
        one.hardware = ph->hardware;
        one.hardware_loc = ph->hardware_loc;
    }
    if (ph->precision_given) {
        one.precision = ph->precision;
        one.precision_given = 1;
        one.precision_loc = ph->precision_loc;
    }
    gpucost_status rc = gpucost_derive(&one, catalog, opt, out, err);
    if (rc != GPUCOST_OK)
        phase_error_path(ph, phase, err);
    return rc;
}

/* A run's totals from its phases: each phase derived on its own, each
 * sum set as an input of the run where every phase knows it and the run
 * does not give it; a total the run gives is checked against the sum. */
static gpucost_status sum_phases(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                 double *sums, gpucost_error *err)
{
    int known[NPHASE_SUMS];
    for (size_t k = 0; k < NPHASE_SUMS; k++) {
        sums[k] = 0.0;
        known[k] = 1;
    }
    for (size_t i = 0; i < s->nphases; i++) {
        gpucost_derivation d;
        gpucost_status rc = gpucost_derive_phase(s, catalog, i, NULL, &d, err);
        if (rc != GPUCOST_OK)
            return rc;
        for (size_t k = 0; k < NPHASE_SUMS; k++) {
            known[k] &= d.origin[phase_sums[k]] != GPUCOST_ORIGIN_UNKNOWN;
            sums[k] += d.value[phase_sums[k]];
        }
    }
    for (size_t k = 0; k < NPHASE_SUMS; k++)
        if (!known[k] || !isfinite(sums[k]))
            sums[k] = NAN;
    return GPUCOST_OK;
}

static void set_phase_sums(const gpucost_scenario *s, const double *sums, int exclude,
                           gpucost_derivation *d)
{
    for (size_t k = 0; k < NPHASE_SUMS; k++) {
        gpucost_quantity q = phase_sums[k];
        gpucost_dist dist;
        if (isnan(sums[k]) || gpucost_dist_point(&dist, sums[k]) != 0)
            continue;
        if (s->inputs[q].given && (int)q != exclude) {
            double given = gpucost_dist_median(&s->inputs[q].dist);
            if (fabs(sums[k] - given) > 1e-3 * fmax(fabs(given), 1e-300))
                add_conflict(d, q, given, sums[k], GPUCOST_ORIGIN_INPUT, 0);
            continue;
        }
        set_leaf(d, q, &dist, GPUCOST_ORIGIN_INPUT);
    }
}

/* The weights one GPU of a replica of `gpus` holds, in GB, at `bytes` a
 * parameter. */
static double resident_gb(const gpucost_derivation *d, double gpus, double bytes)
{
    const double *v = d->value;
    return gpucost_model_params_resident(d->model, v[Q(PARAMS_TOTAL)], v[Q(PARAMS_ACTIVE)], gpus) *
           bytes / 1e9;
}

/* What would make the weights fit, into `fix`: the fewest nodes per
 * replica that hold them (up to 64), and the widest precision below the
 * scenario's that does and that the accelerator has a peak for. */
static void fit_remedy(const gpucost_derivation *d, char *fix, size_t n)
{
    const double *v = d->value;
    double memory = v[Q(MEMORY_GB)], bytes = v[Q(BYTES_PER_PARAM)];
    double per_node = v[Q(GPUS_PER_NODE)], nodes = v[Q(REPLICA_NODES)];
    char more[64] = "more GPUs per replica", lower[64] = " or fewer bytes per parameter";
    if (d->origin[Q(REPLICA_NODES)] != GPUCOST_ORIGIN_UNKNOWN && isfinite(per_node))
        for (double k = floor(nodes) + 1.0; k <= 64.0; k++)
            if (resident_gb(d, k * per_node, bytes) < memory) {
                gc_snprintf(more, sizeof more, "more GPUs per replica (replica_nodes %.0f)", k);
                break;
            }
    if (d->origin[Q(BYTES_PER_PARAM)] == GPUCOST_ORIGIN_DEFAULT) {
        lower[0] = '\0'; /* no narrower precision that fits: none to offer */
        /* the widest floating format that fits, and int8 only where none
         * does (it is a quantisation choice, as whatif.c's widening says) */
        for (int pass = 0; pass < 2 && !lower[0]; pass++)
            for (int p = (int)d->precision - 1; p >= 0; p--) {
                double b = gpucost_precision_bits((gpucost_precision)p) / 8.0;
                if ((p == GPUCOST_P_INT8) != pass || !(b < bytes) ||
                    !(resident_gb(d, v[Q(REPLICA_GPUS)], b) < memory) ||
                    (d->hardware != NULL && !(d->hardware->peak_tflops[p] > 0.0)))
                    continue;
                gc_snprintf(lower, sizeof lower, " or at a lower precision (%s)",
                            gpucost_precision_name((gpucost_precision)p));
                break;
            }
    }
    gc_snprintf(fix, n, "serve it on %s%s", more, lower);
}

/* The weights fill a replica's memory: what one GPU would hold against
 * what it has, and the fix. */
static gpucost_status does_not_fit(const gpucost_scenario *s, const gpucost_derivation *d,
                                   gpucost_error *err)
{
    const double *v = d->value;
    char need[32], have[32], replica[32], whose[48], fix[128];
    gpucost_quantity_format(Q(WEIGHT_GB), resident_gb(d, v[Q(REPLICA_GPUS)], v[Q(BYTES_PER_PARAM)]),
                            need, sizeof need);
    gpucost_quantity_format(Q(MEMORY_GB), v[Q(MEMORY_GB)], have, sizeof have);
    gpucost_quantity_format(Q(REPLICA_GPUS), v[Q(REPLICA_GPUS)], replica, sizeof replica);
    if (d->hardware != NULL && d->origin[Q(MEMORY_GB)] == GPUCOST_ORIGIN_CATALOG)
        gc_snprintf(whose, sizeof whose, "the %s's", d->hardware->id);
    else
        gc_snprintf(whose, sizeof whose, "memory_gb,");
    fit_remedy(d, fix, sizeof fix);
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, s->model_loc.line, s->model_loc.column,
                         "model",
                         "%s does not fit: its %s weights take %s per GPU on a replica of"
                         " %s, above %s %s; %s",
                         d->model->id != NULL && d->model->id[0] ? d->model->id : "the model",
                         gpucost_precision_name(d->precision), need, replica, whose, have, fix);
}

/* Physical limits (see limits_of): nothing is derived past a model that
 * does not fit, a batch above the largest that fits, or a rate at or below
 * 0; each is an error naming the fix. */
static gpucost_status check_limits(const gpucost_scenario *s, const gpucost_derivation *d,
                                   gpucost_error *err)
{
    const double *v = d->value;
    if (d->model != NULL && d->origin[Q(MAX_BATCH)] == GPUCOST_ORIGIN_DERIVED &&
        !(v[Q(MAX_BATCH)] > 0.0) &&
        resident_gb(d, v[Q(REPLICA_GPUS)], v[Q(BYTES_PER_PARAM)]) >= v[Q(MEMORY_GB)])
        return does_not_fit(s, d, err);
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
        if (d->origin[q] != GPUCOST_ORIGIN_DERIVED || within_limits((gpucost_quantity)q, v[q]))
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
    memset(d, 0, sizeof *d);
    d->kind = s->kind;
    d->file = s->file;
    d->precision = s->precision;
    d->usd_factor = 1.0;
    d->date = opt->date > 0 ? opt->date : s->date;
    d->defaults = gpucost_catalog_defaults(catalog);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        d->value[q] = NAN;
    gpucost_status rc = s->kind == GPUCOST_KIND_FLEET ? blend_fleet(s, catalog, d, err)
                                                      : resolve_hardware(s, catalog, d, err);
    if (rc == GPUCOST_OK)
        rc = resolve_model(s, catalog, d, err);
    if (rc != GPUCOST_OK)
        return rc;

    double sums[NPHASE_SUMS];
    if (s->nphases > 0) {
        rc = sum_phases(s, catalog, sums, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    rc = resolve_amortisation(s, opt, d, err);
    if (rc != GPUCOST_OK)
        return rc;
    set_inputs(s, opt->exclude, d);
    if (s->nphases > 0)
        set_phase_sums(s, sums, opt->exclude, d);

    int used[NREL] = {0};
    propagate(d, used);
    for (size_t i = 0; i < sizeof fallback_order / sizeof fallback_order[0]; i++) {
        gpucost_dist dist;
        gpucost_origin origin;
        int q = fallback_at(d, i, GPUCOST_ORIGIN_UNKNOWN, &dist, &origin);
        if (q < 0)
            continue;
        set_leaf(d, (gpucost_quantity)q, &dist, origin);
        propagate(d, used);
    }

    if (d->origin[Q(PRICE_YEAR)] != GPUCOST_ORIGIN_UNKNOWN &&
        (rc = restate(s, d, err)) != GPUCOST_OK)
        return rc;

    /* Evaluate the plan on the medians, naming any quantity that overflows
     * or underflows. */
    for (size_t i = 0; i < d->nsteps; i++) {
        gpucost_quantity t = (gpucost_quantity)d->steps[i].target;
        double x = eval_step(d, i, d->value);
        int bad_zero = x == 0.0 && gpucost_quantity_info_get(t)->domain != GPUCOST_DOMAIN_ANY &&
                       gpucost_quantity_info_get(t)->domain != GPUCOST_DOMAIN_UNIT;
        if (!isfinite(x * shown_scale(t)) || bad_zero)
            return GPUCOST_ERROR(
                err, GPUCOST_ERANGE, s->file, 0, 0, gpucost_quantity_info_get(t)->name,
                "derived quantity '%s' %s the range of a double%s",
                gpucost_quantity_info_get(t)->name, bad_zero ? "underflows" : "overflows",
                isfinite(x) && !bad_zero ? " as a percentage" : "");
        d->value[t] = x;
    }

    rc = opt->limits ? check_limits(s, d, err) : GPUCOST_OK;
    if (rc != GPUCOST_OK)
        return rc;
    check_overdetermined(d, used, opt->conflict_tolerance);
    check_fallbacks(d, opt->conflict_tolerance);
    check_domains(d, opt->conflict_tolerance);
    return GPUCOST_OK;
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

int gpucost_derive_quote_basis(const gpucost_hardware *h, int date, char *buf, size_t n)
{
    gpucost_dist unused;
    if (n > 0)
        buf[0] = '\0';
    return date > 0 && dated_rent(h, date, &unused, buf, n);
}

int gpucost_derive_price_basis(const gpucost_derivation *d, char *buf, size_t n)
{
    gpucost_dist unused;
    if (n > 0)
        buf[0] = '\0';
    return d->date > 0 && d->kind != GPUCOST_KIND_FLEET &&
           d->origin[Q(PRICE_PER_GPU_HOUR)] == GPUCOST_ORIGIN_CATALOG &&
           dated_rent(d->hardware, d->date, &unused, buf, n);
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
    gpucost_base base = gpucost_quantity_info_get(q)->base;
    double h = d->value[Q(HOURS)];
    if (base == GPUCOST_BASE_NONE)
        gc_text_printf(buf, n, "%s", "");
    else if (base == GPUCOST_BASE_YEAR || (d->kind == GPUCOST_KIND_FLEET && h == 8760.0))
        gc_text_printf(buf, n, "%s", "year");
    else if (d->kind == GPUCOST_KIND_TRAINING)
        gc_text_printf(buf, n, "%s", "run");
    else if (h == 24.0)
        gc_text_printf(buf, n, "%s", "day");
    else if (isfinite(h))
        gc_snprintf(buf, n, "%.4g h", h);
    else
        gc_text_printf(buf, n, "%s", "period");
    return buf;
}

_Static_assert(GPUCOST_Q_COUNT <= 128, "dependency sets are 128-bit masks");

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
