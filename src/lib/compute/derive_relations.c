/*
 * derive_relations.c - the relations between quantities as one table
 * (derive.c's propagation solves them, derive_eval.c evaluates them), and
 * the table as others read it: each row written for people
 * (gpucost_derive_describe) and the product rows as logs for reconcile
 * (gpucost_derive_log_relations).
 */
#include "base/c_locale.h"
#include "compute/derive_internal.h"

#include <math.h>
#include <string.h>

#include "base/text.h"

#define TR GPUCOST_FOR_TRAINING
#define INF GPUCOST_FOR_INFERENCE
#define BOTH GPUCOST_FOR_BOTH
#define ALL GPUCOST_FOR_ALL
#define INFL (GPUCOST_FOR_INFERENCE | GPUCOST_FOR_FLEET)

const relation gc_derive_relations[] = {
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

_Static_assert(sizeof gc_derive_relations / sizeof gc_derive_relations[0] == NREL,
               "NREL (derive_internal.h) counts the rows of gc_derive_relations");

size_t gpucost_derive_log_relations(gpucost_kind kind, gpucost_log_relation *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < NREL; i++) {
        const relation *r = &gc_derive_relations[i];
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
            const relation *r = &gc_derive_relations[i];
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
