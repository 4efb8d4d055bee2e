/*
 * quantity.c - the one table of quantity names, units and domains.
 */
#include "base/c_locale.h"
#include "gpucost/quantity.h"

#include "gpucost/suggest.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#define T GPUCOST_FOR_TRAINING
#define I GPUCOST_FOR_INFERENCE
#define B GPUCOST_FOR_BOTH
#define A GPUCOST_FOR_ALL
#define IF (GPUCOST_FOR_INFERENCE | GPUCOST_FOR_FLEET)
#define POS GPUCOST_DOMAIN_POSITIVE
#define PER GPUCOST_BASE_PERIOD
#define NONE GPUCOST_BASE_NONE

static const gpucost_quantity_info table[GPUCOST_Q_COUNT] = {
    [GPUCOST_Q_NODES] = {"nodes", "nodes", "servers", GPUCOST_NUM_COUNT, POS, A, NONE, 0},
    [GPUCOST_Q_GPUS_PER_NODE] = {"gpus_per_node", "", "accelerators per server", GPUCOST_NUM_COUNT,
                                 POS, A, NONE, 0},
    [GPUCOST_Q_GPUS] = {"gpus", "GPUs", "accelerators", GPUCOST_NUM_COUNT, POS, A, NONE, 0},
    [GPUCOST_Q_WALL_DAYS] = {"wall_days", "d", "calendar days", GPUCOST_NUM_SI, POS, T, NONE, 0},
    [GPUCOST_Q_HOURS] = {"hours", "h", "hours of service or ownership", GPUCOST_NUM_SI, POS, IF,
                         NONE, 0},
    [GPUCOST_Q_GPU_HOURS] = {"gpu_hours", "GPU-h", "accelerator-hours", GPUCOST_NUM_SI, POS, A, PER,
                             0},
    [GPUCOST_Q_PRICE_PER_GPU_HOUR] = {"price_per_gpu_hour", "/GPU-h", "rental price",
                                      GPUCOST_NUM_USD, POS, A, NONE, 0},
    [GPUCOST_Q_COST_USD] = {"cost_usd", "", "rental-equivalent cost", GPUCOST_NUM_USD, POS, A, PER,
                            0},
    [GPUCOST_Q_GPU_PRICE_USD] = {"gpu_price_usd", "/GPU", "purchase price per accelerator",
                                 GPUCOST_NUM_USD, POS, A, NONE, 0},
    [GPUCOST_Q_CAPEX_USD] = {"capex_usd", "", "GPU purchase (GPUs only)", GPUCOST_NUM_USD, POS, A,
                             NONE, 0},
    [GPUCOST_Q_SERVER_FACTOR] = {"server_factor", "", "server cost over GPU cost", GPUCOST_NUM_SI,
                                 GPUCOST_DOMAIN_AT_LEAST_ONE, A, NONE, 0},
    [GPUCOST_Q_CLUSTER_FACTOR] = {"cluster_factor", "", "cluster (network, storage) over servers",
                                  GPUCOST_NUM_SI, GPUCOST_DOMAIN_AT_LEAST_ONE, A, NONE, 0},
    [GPUCOST_Q_CLUSTER_CAPEX_USD] = {"cluster_capex_usd", "",
                                     "cluster purchase: GPUs, servers, network", GPUCOST_NUM_USD,
                                     POS, A, NONE, 0},
    [GPUCOST_Q_LIFETIME_YEARS] = {"lifetime_years", "yr", "depreciation life", GPUCOST_NUM_SI, POS,
                                  A, NONE, 0},
    [GPUCOST_Q_HARDWARE_AGE_YEARS] = {"hardware_age_years", "yr",
                                      "availability to training start: Epoch's amortisation",
                                      GPUCOST_NUM_SI, POS, A, NONE, 0},
    [GPUCOST_Q_VALUE_DECAY_OOM_PER_YEAR] = {"value_decay_oom_per_year", "OOM/yr",
                                            "hardware value lost a year, orders of magnitude",
                                            GPUCOST_NUM_SI, POS, A, NONE, 0},
    [GPUCOST_Q_DOLLAR_YEAR] = {"dollar_year", "", "the year of the scenario's dollars",
                               GPUCOST_NUM_YEAR, POS, A, NONE, 0},
    [GPUCOST_Q_PRICE_YEAR] = {"price_year", "", "USD figures stated in this year's dollars",
                              GPUCOST_NUM_YEAR, POS, A, NONE, 0},
    [GPUCOST_Q_HARDWARE_COST_PER_GPU_HOUR] = {"hardware_cost_per_gpu_hour", "/GPU-h",
                                              "cluster capex amortised per GPU-hour",
                                              GPUCOST_NUM_USD, POS, A, NONE, 0},
    [GPUCOST_Q_ELECTRICITY_USD_PER_KWH] = {"electricity_usd_per_kwh", "/kWh", "electricity price",
                                           GPUCOST_NUM_USD, POS, A, NONE, 0},
    [GPUCOST_Q_ENERGY_COST_PER_GPU_HOUR] = {"energy_cost_per_gpu_hour", "/GPU-h",
                                            "electricity per GPU-hour, with PUE", GPUCOST_NUM_USD,
                                            POS, A, NONE, 0},
    [GPUCOST_Q_OWNED_COST_PER_GPU_HOUR] = {"owned_cost_per_gpu_hour", "/GPU-h",
                                           "owned: amortised hardware + energy", GPUCOST_NUM_USD,
                                           POS, A, NONE, 0},
    [GPUCOST_Q_OWNED_COST_USD] = {"owned_cost_usd", "", "cost on owned hardware", GPUCOST_NUM_USD,
                                  POS, A, PER, 0},
    [GPUCOST_Q_ANNUAL_COST_USD] = {"annual_cost_usd", "", "owning the cluster for a year",
                                   GPUCOST_NUM_USD, POS, A, GPUCOST_BASE_YEAR, 0},
    [GPUCOST_Q_FLEET_GPUS] = {"fleet_gpus", "GPUs", "the organisation's accelerators",
                              GPUCOST_NUM_COUNT, POS, T, NONE, 0},
    [GPUCOST_Q_FLEET_SHARE] = {"fleet_share", "", "share of the fleet the run used",
                               GPUCOST_NUM_PERCENT, GPUCOST_DOMAIN_FRACTION, T, NONE, 0},
    [GPUCOST_Q_PARAMS_ACTIVE] = {"params_active", "params", "active parameters per token",
                                 GPUCOST_NUM_SI, POS, B, NONE, 0},
    [GPUCOST_Q_PARAMS_TOTAL] = {"params_total", "params", "total parameters", GPUCOST_NUM_SI, POS,
                                B, NONE, 0},
    [GPUCOST_Q_TOKENS] = {"tokens", "tokens", "training tokens", GPUCOST_NUM_SI, POS, T, PER, 0},
    [GPUCOST_Q_DATASET_TOKENS] = {"dataset_tokens", "tokens", "dataset size in tokens",
                                  GPUCOST_NUM_SI, POS, T, NONE, 0},
    [GPUCOST_Q_EPOCHS] = {"epochs", "", "passes over the dataset", GPUCOST_NUM_SI, POS, T, NONE, 0},
    [GPUCOST_Q_FLOPS_PER_PARAM_TOKEN] = {"flops_per_param_token", "FLOP",
                                         "FLOP per parameter per token", GPUCOST_NUM_SI, POS, T,
                                         NONE, 0},
    [GPUCOST_Q_TRAINING_FLOPS] = {"training_flops", "FLOP", "FLOP of the run", GPUCOST_NUM_SCI, POS,
                                  T, PER, 0},
    [GPUCOST_Q_BASE_TRAINING_FLOPS] = {"base_training_flops", "FLOP",
                                       "a fine-tune's base model compute", GPUCOST_NUM_SCI, POS, T,
                                       NONE, 0},
    [GPUCOST_Q_TOTAL_TRAINING_FLOPS] = {"total_training_flops", "FLOP",
                                        "base model and fine-tune together", GPUCOST_NUM_SCI, POS,
                                        T, NONE, 0},
    [GPUCOST_Q_PEAK_FLOPS] = {"peak_flops", "FLOP/s", "dense peak per accelerator", GPUCOST_NUM_SCI,
                              POS, B, NONE, 0},
    [GPUCOST_Q_MFU] = {"mfu", "", "model FLOPs utilisation", GPUCOST_NUM_PERCENT,
                       GPUCOST_DOMAIN_FRACTION, T, NONE, 0},
    [GPUCOST_Q_TOKENS_PER_GPU_SECOND] = {"tokens_per_gpu_second", "tok/s",
                                         "throughput per accelerator", GPUCOST_NUM_SI, POS, T, NONE,
                                         0},
    [GPUCOST_Q_GPU_HOURS_PER_TRILLION_TOKENS] = {"gpu_hours_per_trillion_tokens", "GPU-h/T",
                                                 "accelerator-hours per trillion tokens",
                                                 GPUCOST_NUM_SI, POS, T, NONE, 0},
    [GPUCOST_Q_ACHIEVED_TFLOPS] = {"achieved_tflops", "TFLOP/s",
                                   "achieved per accelerator: mfu x peak", GPUCOST_NUM_SI, POS, T,
                                   NONE, 0},
    [GPUCOST_Q_PF_DAYS] = {"pf_days", "PF-days", "compute in petaFLOP/s-days", GPUCOST_NUM_SI, POS,
                           T, PER, 0},
    [GPUCOST_Q_ATTENTION_FLOPS_PER_TOKEN] = {"attention_flops_per_token", "FLOP",
                                             "attention FLOP per token, 12 x L x H x Q x T",
                                             GPUCOST_NUM_SCI, POS, T, NONE, 1},
    [GPUCOST_Q_POWER_W] = {"power_w", "W", "power per accelerator", GPUCOST_NUM_SI, POS, A, NONE,
                           0},
    [GPUCOST_Q_PUE] = {"pue", "", "power usage effectiveness", GPUCOST_NUM_SI,
                       GPUCOST_DOMAIN_AT_LEAST_ONE, A, NONE, 0},
    [GPUCOST_Q_POWER_MW] = {"power_mw", "MW", "facility power at power_w x PUE", GPUCOST_NUM_SI,
                            POS, A, NONE, 0},
    [GPUCOST_Q_ENERGY_MWH] = {"energy_mwh", "MWh", "energy: accelerators at power_w x PUE",
                              GPUCOST_NUM_SI, POS, A, PER, 0},
    [GPUCOST_Q_GRID_KG_PER_KWH] = {"grid_kg_per_kwh", "kg/kWh", "grid carbon intensity",
                                   GPUCOST_NUM_SI, POS, A, NONE, 0},
    [GPUCOST_Q_CO2_T] = {"co2_t", "t", "emissions", GPUCOST_NUM_SI, POS, A, PER, 0},
    [GPUCOST_Q_INPUT_TOKENS] = {"input_tokens", "tokens", "input tokens served", GPUCOST_NUM_SI,
                                POS, I, PER, 0},
    [GPUCOST_Q_CACHE_HIT_FRACTION] = {"cache_hit_fraction", "", "input tokens hitting the cache",
                                      GPUCOST_NUM_PERCENT, GPUCOST_DOMAIN_UNIT, I, NONE, 0},
    [GPUCOST_Q_OUTPUT_TOKENS] = {"output_tokens", "tokens", "output tokens served", GPUCOST_NUM_SI,
                                 POS, I, PER, 0},
    [GPUCOST_Q_PRICE_INPUT_HIT_PER_M] = {"price_input_hit_per_m", "/M tok", "price of cached input",
                                         GPUCOST_NUM_USD, POS, I, NONE, 0},
    [GPUCOST_Q_PRICE_INPUT_MISS_PER_M] = {"price_input_miss_per_m", "/M tok",
                                          "price of uncached input", GPUCOST_NUM_USD, POS, I, NONE,
                                          0},
    [GPUCOST_Q_PRICE_OUTPUT_PER_M] = {"price_output_per_m", "/M tok", "price of output",
                                      GPUCOST_NUM_USD, POS, I, NONE, 0},
    [GPUCOST_Q_REVENUE_USD] = {"revenue_usd", "", "revenue at list prices", GPUCOST_NUM_USD, POS, I,
                               PER, 0},
    [GPUCOST_Q_MARGIN] = {"margin", "", "markup: revenue over cost, minus 1", GPUCOST_NUM_PERCENT,
                          GPUCOST_DOMAIN_ANY, I, NONE, 0},
    [GPUCOST_Q_PROFIT_MARGIN] = {"profit_margin", "", "share of revenue kept: 1 - cost/revenue",
                                 GPUCOST_NUM_PERCENT, GPUCOST_DOMAIN_ANY, I, NONE, 0},
    [GPUCOST_Q_INPUT_TOKENS_PER_GPU_SECOND] = {"input_tokens_per_gpu_second", "tok/s",
                                               "input throughput per accelerator", GPUCOST_NUM_SI,
                                               POS, I, NONE, 0},
    [GPUCOST_Q_OUTPUT_TOKENS_PER_GPU_SECOND] = {"output_tokens_per_gpu_second", "tok/s",
                                                "output throughput per accelerator", GPUCOST_NUM_SI,
                                                POS, I, NONE, 0},
    [GPUCOST_Q_INPUT_TOKENS_PER_NODE_SECOND] = {"input_tokens_per_node_second", "tok/s",
                                                "input throughput per node", GPUCOST_NUM_SI, POS, I,
                                                NONE, 0},
    [GPUCOST_Q_OUTPUT_TOKENS_PER_NODE_SECOND] = {"output_tokens_per_node_second", "tok/s",
                                                 "output throughput per node", GPUCOST_NUM_SI, POS,
                                                 I, NONE, 0},
    [GPUCOST_Q_COST_PER_M_OUTPUT_TOKENS] = {"cost_per_m_output_tokens", "/M tok",
                                            "cost per million output tokens (all GPU time)",
                                            GPUCOST_NUM_USD, POS, I, NONE, 0},
    [GPUCOST_Q_BYTES_PER_PARAM] = {"bytes_per_param", "B", "weight bytes per parameter",
                                   GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_WEIGHT_GB] = {"weight_gb", "GB", "weights: params_total x bytes_per_param",
                             GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_KV_BYTES_PER_TOKEN] = {"kv_bytes_per_token", "B", "KV cache per token of context",
                                      GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_CONTEXT_TOKENS] = {"context_tokens", "tokens", "KV context per sequence decoded",
                                  GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_MEMORY_GB] = {"memory_gb", "GB", "memory per accelerator", GPUCOST_NUM_SI, POS, I,
                             NONE, 1},
    [GPUCOST_Q_MEMORY_BW_TBS] = {"memory_bw_tbs", "TB/s", "memory bandwidth per accelerator",
                                 GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_REPLICA_NODES] = {"replica_nodes", "nodes", "servers holding one model copy",
                                 GPUCOST_NUM_COUNT, POS, I, NONE, 1},
    [GPUCOST_Q_REPLICA_GPUS] = {"replica_gpus", "GPUs", "accelerators holding one model copy",
                                GPUCOST_NUM_COUNT, POS, I, NONE, 1},
    [GPUCOST_Q_MAX_BATCH] = {"max_batch", "seqs", "sequences per GPU that fit memory",
                             GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_BATCH_FILL] = {"batch_fill", "", "batch over the largest that fits",
                              GPUCOST_NUM_PERCENT, GPUCOST_DOMAIN_FRACTION, I, NONE, 1},
    [GPUCOST_Q_BATCH] = {"batch", "seqs", "sequences decoded together per GPU", GPUCOST_NUM_SI, POS,
                         I, NONE, 1},
    [GPUCOST_Q_WEIGHT_GB_READ] = {"weight_gb_read", "GB", "weights a GPU reads per decode step",
                                  GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND] = {"decode_roofline_tokens_per_gpu_second",
                                                         "tok/s", "decode bound per GPU (roofline)",
                                                         GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_DECODE_EFFICIENCY] = {"decode_efficiency", "", "decode: achieved share of bound",
                                     GPUCOST_NUM_PERCENT, GPUCOST_DOMAIN_FRACTION, I, NONE, 1},
    [GPUCOST_Q_DECODE_TOKENS_PER_GPU_SECOND] = {"decode_tokens_per_gpu_second", "tok/s",
                                                "output per GPU while decoding", GPUCOST_NUM_SI,
                                                POS, I, NONE, 1},
    [GPUCOST_Q_PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND] = {"prefill_roofline_tokens_per_gpu_second",
                                                          "tok/s",
                                                          "prefill bound per GPU (roofline)",
                                                          GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_PREFILL_EFFICIENCY] = {"prefill_efficiency", "", "prefill: achieved share of bound",
                                      GPUCOST_NUM_PERCENT, GPUCOST_DOMAIN_FRACTION, I, NONE, 1},
    [GPUCOST_Q_PREFILL_TOKENS_PER_GPU_SECOND] = {"prefill_tokens_per_gpu_second", "tok/s",
                                                 "input per GPU while prefilling", GPUCOST_NUM_SI,
                                                 POS, I, NONE, 1},
    [GPUCOST_Q_GPUS_NEEDED] = {"gpus_needed", "GPUs", "GPUs busy serving the traffic",
                               GPUCOST_NUM_SI, POS, I, NONE, 1},
    [GPUCOST_Q_SERVING_UTILIZATION] = {"serving_utilization", "", "gpus_needed over gpus",
                                       GPUCOST_NUM_PERCENT, GPUCOST_DOMAIN_FRACTION, I, NONE, 1},
};

#undef T
#undef I
#undef B
#undef A
#undef IF
#undef PER
#undef NONE
#undef POS

const gpucost_quantity_info *gpucost_quantity_info_get(gpucost_quantity q)
{
    return &table[q];
}

int gpucost_quantity_lookup(const char *name, gpucost_quantity *q)
{
    for (int i = 0; i < GPUCOST_Q_COUNT; i++) {
        if (strcmp(table[i].name, name) == 0) {
            *q = (gpucost_quantity)i;
            return 0;
        }
    }
    return -1;
}

const char *gpucost_quantity_suggest(const char *name)
{
    const char *names[GPUCOST_Q_COUNT];
    for (int i = 0; i < GPUCOST_Q_COUNT; i++)
        names[i] = table[i].name;
    return gpucost_suggest(name, names, GPUCOST_Q_COUNT);
}

int gpucost_quantity_in_domain(gpucost_quantity q, double v)
{
    switch (table[q].domain) {
    case GPUCOST_DOMAIN_POSITIVE: return v > 0.0;
    case GPUCOST_DOMAIN_FRACTION: return v > 0.0 && v <= 1.0;
    case GPUCOST_DOMAIN_UNIT: return v >= 0.0 && v <= 1.0;
    case GPUCOST_DOMAIN_AT_LEAST_ONE: return v >= 1.0;
    case GPUCOST_DOMAIN_ANY: return 1;
    }
    return 0;
}

char *gpucost_quantity_domain_hint(gpucost_quantity q, double v, char *buf, size_t n)
{
    gpucost_domain d = table[q].domain;
    /* 2 to 100: a percentage; just above 1 is more likely a slip than 1.5% */
    if ((d == GPUCOST_DOMAIN_FRACTION || d == GPUCOST_DOMAIN_UNIT) && v >= 2.0 && v <= 100.0)
        gc_snprintf(buf, n, " (for %g%% write %g)", v, v / 100.0);
    else if (n > 0)
        buf[0] = '\0';
    return buf;
}

const char *gpucost_quantity_domain_text(gpucost_quantity q)
{
    switch (table[q].domain) {
    case GPUCOST_DOMAIN_POSITIVE: return "a positive number";
    case GPUCOST_DOMAIN_FRACTION: return "a fraction above 0 and at most 1";
    case GPUCOST_DOMAIN_UNIT: return "a fraction from 0 to 1";
    case GPUCOST_DOMAIN_AT_LEAST_ONE: return "a number of at least 1";
    case GPUCOST_DOMAIN_ANY: return "a finite number";
    }
    return "a number";
}

char *gpucost_quantity_format(gpucost_quantity q, double v, char *buf, size_t n)
{
    return gpucost_quantity_format_per(q, v, "", buf, n);
}

char *gpucost_quantity_format_per(gpucost_quantity q, double v, const char *per, char *buf,
                                  size_t n)
{
    char num[64];
    gpucost_number_format(v, table[q].style, num, sizeof num);
    const char *unit = table[q].unit;
    const char *slash = per[0] != '\0' ? "/" : "";
    if (unit[0] == '\0')
        gc_text_printf(buf, n, "%s%s%s", num, slash, per);
    else if (unit[0] == '/')
        gc_text_printf(buf, n, "%s%s%s%s", num, unit, slash, per);
    else
        gc_text_printf(buf, n, "%s %s%s%s", num, unit, slash, per);
    return buf;
}

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

const char *gpucost_quantity_per(gpucost_quantity q, const char *period)
{
    gpucost_base base = gpucost_quantity_info_get(q)->base;
    return base == GPUCOST_BASE_NONE ? "" : base == GPUCOST_BASE_YEAR ? "year" : period;
}
