/*
 * quantity.h - the names, units and domains of every quantity gpucost knows.
 *
 * The table in quantity.c is the single list of quantity names: the scenario
 * loader, the derivation engine, claims, --set, --quantities and every
 * output format look names up here, so a new quantity is one row there plus
 * the relations that use it in derive.c.  The names are docs/quantities-and-methods.md's.
 */
#ifndef GPUCOST_QUANTITY_H
#define GPUCOST_QUANTITY_H

#include <stddef.h>

#include "gpucost/number.h"

typedef enum gpucost_quantity {
    /* fleet and time */
    GPUCOST_Q_NODES,
    GPUCOST_Q_GPUS_PER_NODE,
    GPUCOST_Q_GPUS,
    GPUCOST_Q_WALL_DAYS,
    GPUCOST_Q_HOURS,
    GPUCOST_Q_GPU_HOURS,
    /* money */
    GPUCOST_Q_PRICE_PER_GPU_HOUR,
    GPUCOST_Q_COST_USD,
    GPUCOST_Q_GPU_PRICE_USD,
    GPUCOST_Q_CAPEX_USD,
    /* ownership (docs/quantities-and-methods.md, owned cost) */
    GPUCOST_Q_SERVER_FACTOR,
    GPUCOST_Q_CLUSTER_FACTOR,
    GPUCOST_Q_CLUSTER_CAPEX_USD,
    GPUCOST_Q_LIFETIME_YEARS,
    /* Epoch's amortisation (derive.c): with hardware_age_years given,
     * lifetime_years falls back to 10^(decay x age) / (decay x ln 10) x
     * 8766/8760 */
    GPUCOST_Q_HARDWARE_AGE_YEARS,
    GPUCOST_Q_VALUE_DECAY_OOM_PER_YEAR,
    /* The year whose dollars the scenario's USD figures are in, and the
     * year to state them in (derive.c scales with price_index.h) */
    GPUCOST_Q_DOLLAR_YEAR,
    GPUCOST_Q_PRICE_YEAR,
    GPUCOST_Q_HARDWARE_COST_PER_GPU_HOUR,
    GPUCOST_Q_ELECTRICITY_USD_PER_KWH,
    GPUCOST_Q_ENERGY_COST_PER_GPU_HOUR,
    GPUCOST_Q_OWNED_COST_PER_GPU_HOUR,
    GPUCOST_Q_OWNED_COST_USD,
    GPUCOST_Q_ANNUAL_COST_USD,
    GPUCOST_Q_FLEET_GPUS,
    GPUCOST_Q_FLEET_SHARE,
    /* model and compute */
    GPUCOST_Q_PARAMS_ACTIVE,
    GPUCOST_Q_PARAMS_TOTAL,
    GPUCOST_Q_TOKENS,
    GPUCOST_Q_DATASET_TOKENS, /* the dataset in tokens: tokens = dataset_tokens x epochs */
    GPUCOST_Q_EPOCHS,
    GPUCOST_Q_FLOPS_PER_PARAM_TOKEN,
    GPUCOST_Q_TRAINING_FLOPS,
    /* a fine-tune: its base model's compute apart from its own */
    GPUCOST_Q_BASE_TRAINING_FLOPS,
    GPUCOST_Q_TOTAL_TRAINING_FLOPS,
    GPUCOST_Q_PEAK_FLOPS,
    GPUCOST_Q_MFU,
    GPUCOST_Q_TOKENS_PER_GPU_SECOND,
    GPUCOST_Q_GPU_HOURS_PER_TRILLION_TOKENS,
    GPUCOST_Q_ACHIEVED_TFLOPS,
    GPUCOST_Q_PF_DAYS,
    GPUCOST_Q_ATTENTION_FLOPS_PER_TOKEN,
    /* energy */
    GPUCOST_Q_POWER_W,
    GPUCOST_Q_PUE,
    GPUCOST_Q_POWER_MW,
    GPUCOST_Q_ENERGY_MWH,
    GPUCOST_Q_GRID_KG_PER_KWH,
    GPUCOST_Q_CO2_T,
    /* inference */
    GPUCOST_Q_INPUT_TOKENS,
    GPUCOST_Q_CACHE_HIT_FRACTION,
    GPUCOST_Q_OUTPUT_TOKENS,
    GPUCOST_Q_PRICE_INPUT_HIT_PER_M,
    GPUCOST_Q_PRICE_INPUT_MISS_PER_M,
    GPUCOST_Q_PRICE_OUTPUT_PER_M,
    GPUCOST_Q_REVENUE_USD,
    GPUCOST_Q_MARGIN,
    GPUCOST_Q_PROFIT_MARGIN,
    GPUCOST_Q_INPUT_TOKENS_PER_GPU_SECOND,
    GPUCOST_Q_OUTPUT_TOKENS_PER_GPU_SECOND,
    GPUCOST_Q_INPUT_TOKENS_PER_NODE_SECOND,
    GPUCOST_Q_OUTPUT_TOKENS_PER_NODE_SECOND,
    GPUCOST_Q_COST_PER_M_OUTPUT_TOKENS,
    /* the inference roofline (docs/quantities-and-methods.md, throughput) */
    GPUCOST_Q_BYTES_PER_PARAM,
    GPUCOST_Q_WEIGHT_GB,
    GPUCOST_Q_KV_BYTES_PER_TOKEN,
    GPUCOST_Q_CONTEXT_TOKENS,
    GPUCOST_Q_MEMORY_GB,
    GPUCOST_Q_MEMORY_BW_TBS,
    GPUCOST_Q_REPLICA_NODES,
    GPUCOST_Q_REPLICA_GPUS,
    GPUCOST_Q_MAX_BATCH,
    GPUCOST_Q_BATCH_FILL,
    GPUCOST_Q_BATCH,
    GPUCOST_Q_WEIGHT_GB_READ,
    GPUCOST_Q_DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND,
    GPUCOST_Q_DECODE_EFFICIENCY,
    GPUCOST_Q_DECODE_TOKENS_PER_GPU_SECOND,
    GPUCOST_Q_PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND,
    GPUCOST_Q_PREFILL_EFFICIENCY,
    GPUCOST_Q_PREFILL_TOKENS_PER_GPU_SECOND,
    GPUCOST_Q_GPUS_NEEDED,
    GPUCOST_Q_SERVING_UTILIZATION,
    GPUCOST_Q_COUNT
} gpucost_quantity;

/* Which kinds of scenario a quantity belongs to. */
enum {
    GPUCOST_FOR_TRAINING = 1,
    GPUCOST_FOR_INFERENCE = 2,
    GPUCOST_FOR_BOTH = 3, /* training and inference */
    GPUCOST_FOR_FLEET = 4,
    GPUCOST_FOR_ALL = 7
};

/* The time base of a quantity (every cost states it: docs/quantities-and-methods.md).  A
 * PERIOD quantity accumulates over the scenario's period: one run
 * (training), `hours` of service (inference: a day by default), `hours`
 * of ownership (fleet: a year by default).  A YEAR quantity is per year
 * whatever the kind (annual_cost_usd).  Values on different bases are
 * never ratioed or charted together. */
typedef enum gpucost_base {
    GPUCOST_BASE_NONE,
    GPUCOST_BASE_PERIOD,
    GPUCOST_BASE_YEAR
} gpucost_base;

/* What values a quantity accepts as input. */
typedef enum gpucost_domain {
    GPUCOST_DOMAIN_POSITIVE,     /* > 0 */
    GPUCOST_DOMAIN_FRACTION,     /* 0 < x <= 1 (mfu) */
    GPUCOST_DOMAIN_UNIT,         /* 0 <= x <= 1 (cache_hit_fraction) */
    GPUCOST_DOMAIN_AT_LEAST_ONE, /* >= 1 (pue) */
    GPUCOST_DOMAIN_ANY           /* any finite number (margin) */
} gpucost_domain;

typedef struct gpucost_quantity_info {
    const char *name;  /* as `gpucost quantities` lists it, e.g. "cost_usd" */
    const char *unit;  /* short unit for tables, e.g. "GPU-h"; "" if none */
    const char *label; /* a few words for people, e.g. "rental-equivalent cost" */
    gpucost_numstyle style;
    gpucost_domain domain;
    int kinds; /* GPUCOST_FOR_* */
    gpucost_base base;
    /* 1: a quantity of the throughput model, known only with a model
     * block or measured throughputs; lists of unknowns leave it out for
     * a scenario that has neither. */
    int throughput;
} gpucost_quantity_info;

/* Borrowed: static metadata for `q` (q < GPUCOST_Q_COUNT). */
const gpucost_quantity_info *gpucost_quantity_info_get(gpucost_quantity q);

/* Looks `name` up.  Returns 0 and sets `*q`, or -1 when unknown. */
int gpucost_quantity_lookup(const char *name, gpucost_quantity *q);

/* gpucost_suggest() over the quantity names.  Borrowed static string. */
const char *gpucost_quantity_suggest(const char *name);

/* Whether `v` lies in the domain of `q`. */
int gpucost_quantity_in_domain(gpucost_quantity q, double v);

/* A hint for a value outside the domain that looks like a percentage
 * written for a fraction: " (for 35% write 0.35)" when q is a fraction
 * and 2 <= v <= 100, else "".  Writes `buf` (size n) and returns it. */
char *gpucost_quantity_domain_hint(gpucost_quantity q, double v, char *buf, size_t n);

/* A phrase naming the domain, e.g. "a positive number". */
const char *gpucost_quantity_domain_text(gpucost_quantity q);

/* The time base an amount of `q` is per, given the run's `period` (a
 * derivation's: "run", "day", "N h", ...): "" for a quantity without one,
 * "year" for a yearly one, else `period`.  Borrowed: `period` or a
 * static string. */
const char *gpucost_quantity_per(gpucost_quantity q, const char *period);

/* Writes `v` for people with the quantity's style and unit, e.g.
 * "2.79M GPU-h", "$5.58M", "17.3%".  Returns `buf`. */
char *gpucost_quantity_format(gpucost_quantity q, double v, char *buf, size_t n);
/* The same with the time base after the unit when `per` is not "":
 * "$5.58M/run", "43.5k GPU-h/day".  Returns `buf`. */
char *gpucost_quantity_format_per(gpucost_quantity q, double v, const char *per, char *buf,
                                  size_t n);

/* Where a value came from: given, derived by a relation, the catalog's
 * or a default, or not known. */
typedef enum gpucost_origin {
    GPUCOST_ORIGIN_UNKNOWN = 0,
    GPUCOST_ORIGIN_INPUT,
    GPUCOST_ORIGIN_DERIVED,
    GPUCOST_ORIGIN_CATALOG,
    GPUCOST_ORIGIN_DEFAULT
} gpucost_origin;

/* "input", "derived", "catalog", "default" or "unknown". */
const char *gpucost_origin_name(gpucost_origin o);

/* A set of quantities as bits, GPUCOST_QBIT(q) for quantity q: 128 of
 * them fit (GCC's and Clang's unsigned __int128). */
__extension__ typedef unsigned __int128 gpucost_qset;
#define GPUCOST_QBIT(q) ((gpucost_qset)1 << (q))

#endif
