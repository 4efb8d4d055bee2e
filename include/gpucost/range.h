/*
 * range.h - Monte Carlo ranges, tornado and Sobol indices of a scenario.
 *
 * Every uncertain leaf of a derivation (inputs given as ranges, catalog
 * price ranges) is sampled with GSL's generators and distributions; each
 * sample replays the derivation plan (gpucost_derive_eval), so one sample
 * costs a few multiplications per derived quantity.  Samples are drawn in
 * fixed chunks of GPUCOST_RANGE_CHUNK, each from its own generator seeded
 * from (seed, chunk index), and results are merged in chunk order: the
 * numbers depend only on the seed and the sample count, never on the
 * number of threads.
 *
 * What is kept: mean and sd come from per-chunk GSL statistics merged
 * exactly (Chan et al.).  Quantiles are exact (gsl_stats_select, O(n)) when
 * samples x varying quantities x 8 bytes fit `memory_limit`; beyond that a
 * bounded histogram per quantity, with bins a fixed fraction of the value
 * wide (2^-10 relative, on a range set by the first chunk), interpolated
 * within the bin -- the result says which was used.  Memory then no longer
 * grows with samples.
 *
 * A leaf's draws are confined to its quantity's domain (a normal price is
 * redrawn below zero; an MFU above 1 is redrawn), which the quantities' domains
 * demand (docs/quantities-and-methods.md) and which changes nothing for ranges well inside them.
 *
 * Tornado: each uncertain leaf at its own 5th and 95th percentile with the
 * others at their medians; bars sorted by swing of the headline output.
 * Sobol: first-order (Saltelli 2010) and total (Jansen 1999) indices from
 * N x (k + 2) evaluations on GSL's Sobol quasi-random sequence (pseudo-
 * random beyond 20 inputs), inputs mapped through their inverse CDFs.
 */
#ifndef GPUCOST_RANGE_H
#define GPUCOST_RANGE_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "gpucost/derive.h"
#include "gpucost/error.h"

#define GPUCOST_RANGE_CHUNK 16384
#define GPUCOST_RANGE_DEFAULT_SAMPLES 100000
#define GPUCOST_RANGE_DEFAULT_SEED 20250127UL
#define GPUCOST_RANGE_DEFAULT_SOBOL 16384
#define GPUCOST_RANGE_MAX_SAMPLES 1000000000UL
#define GPUCOST_RANGE_MIN_SAMPLES 2
#define GPUCOST_SOBOL_MIN_SAMPLES 2
#define GPUCOST_MAX_QUANTILES 16
#define GPUCOST_HIST_BINS 40

typedef struct gpucost_range_options {
    size_t samples;     /* Monte Carlo samples (default 100,000) */
    unsigned long seed; /* default GPUCOST_RANGE_DEFAULT_SEED */
    /* The generator each worker (and Sobol's fallback) draws from, the
     * caller's choice as in GSL (default gsl_rng_taus2: fast, and the one
     * the recorded outputs were made with).  Same seed and type, same
     * output on any thread count. */
    const gsl_rng_type *rng;
    int threads;                             /* worker threads (default 1, at most 256) */
    double quantiles[GPUCOST_MAX_QUANTILES]; /* in (0, 1), ascending */
    size_t nquantiles;                       /* default 3: 0.05, 0.5, 0.95 */
    int output;                              /* headline quantity for the tornado, -1: margin for an
                                              * inference scenario whose margin varies, else cost_usd */
    int sobol;                               /* compute Sobol indices */
    size_t sobol_samples;                    /* base N for Sobol (default 16,384) */
    size_t memory_limit;                     /* bytes for exact quantiles (default 128 MiB) */
    /* Which varying quantities to keep statistics for (nonzero entries);
     * NULL keeps all.  The tornado's output is always kept.  Keeping fewer
     * is faster and keeps exact quantiles within the memory limit longer. */
    const int *keep;
    /* Called now and then from the calling thread with the fraction done. */
    void (*progress)(double done, void *ctx);
    void *progress_ctx;
} gpucost_range_options;

void gpucost_range_options_init(gpucost_range_options *opt);

typedef struct gpucost_range_stat {
    gpucost_quantity quantity;
    double mean, sd, min, max;
    double q[GPUCOST_MAX_QUANTILES]; /* at opt.quantiles */
} gpucost_range_stat;

typedef struct gpucost_tornado_bar {
    gpucost_quantity input;
    double input_low, input_high; /* the input's p5 and p95 */
    double low, high;             /* the output at those */
    double swing;                 /* |high - low| */
} gpucost_tornado_bar;

typedef struct gpucost_sobol_index {
    gpucost_quantity input;
    double first, total;
} gpucost_sobol_index;

typedef struct gpucost_range_result {
    size_t samples;
    unsigned long seed;
    const char *rng; /* the generator's name (GSL's, static), e.g. "taus2" */
    int threads;
    int exact; /* 1: exact quantiles; 0: bounded histogram */
    double quantiles[GPUCOST_MAX_QUANTILES];
    size_t nquantiles;
    gpucost_quantity inputs[GPUCOST_Q_COUNT]; /* the uncertain leaves */
    size_t ninputs;
    gpucost_range_stat stats[GPUCOST_Q_COUNT]; /* every varying quantity */
    size_t nstats;
    gpucost_quantity output; /* the tornado's headline */
    double output_median;    /* at every input's median */
    /* Each quantity's time base in the scenario ("run", "day", "year",
     * "" for none; gpucost_derive_period), so no output mixes bases. */
    char per[GPUCOST_Q_COUNT][16];
    /* The headline output's distribution for charts: GPUCOST_HIST_BINS
     * equal bins over its central 99% (p0.5 to p99.5), each bin's share of
     * all samples. */
    double hist_edges[GPUCOST_HIST_BINS + 1];
    double hist_share[GPUCOST_HIST_BINS];
    gpucost_tornado_bar tornado[GPUCOST_Q_COUNT];
    size_t ntornado;
    /* tornado[0..nmoving) move the headline output; the rest have no
     * effect on it (tables and charts fold them into one line) */
    size_t nmoving;
    int has_sobol;
    size_t sobol_samples, sobol_evaluations;
    /* sobol[s][i]: stat s (as in stats[]) and input i (as in inputs[]);
     * written only for a run with opt.sobol (else left as it was: a
     * page of many ranges touches none of its memory) */
    gpucost_sobol_index sobol[GPUCOST_Q_COUNT][GPUCOST_Q_COUNT];
} gpucost_range_result;

/* Samples the uncertain leaves of `d` into the caller's `*out`.  Fails
 * with GPUCOST_EINVAL when nothing is uncertain, GPUCOST_ENOTFOUND when
 * the headline output cannot be derived, GPUCOST_ERANGE when a sample
 * overflows (naming the quantity), GPUCOST_ENOMEM, or GPUCOST_ELIMIT when
 * the sample count exceeds GPUCOST_RANGE_MAX_SAMPLES. */
gpucost_status gpucost_range_run(const gpucost_derivation *d, const gpucost_range_options *opt,
                                 gpucost_range_result *out, gpucost_error *err);

/* How many leaves of `d` are uncertain (not points). */
size_t gpucost_range_uncertain(const gpucost_derivation *d);

/* A page of many ranges (the report) without a sample count of the
 * user's: GPUCOST_RANGE_BUDGET samples in all, shared by its uncertain
 * scenarios, each at least GPUCOST_RANGE_MIN_SHARE and at most
 * GPUCOST_RANGE_DEFAULT_SAMPLES. */
#define GPUCOST_RANGE_BUDGET 2000000
#define GPUCOST_RANGE_MIN_SHARE 1000

/* The samples each range of `d[0..n)` draws from `budget` samples
 * shared by those with an uncertain leaf (gpucost_range_uncertain):
 * budget / count, at least GPUCOST_RANGE_MIN_SHARE and at most
 * GPUCOST_RANGE_DEFAULT_SAMPLES (also for none). */
size_t gpucost_range_share(const gpucost_derivation *d, size_t n, size_t budget);

/* The tornado's inputs that do not move its output, as one line ("no
 * effect on margin: gpu_price_usd"): 1 and `buf` written, or 0 when every
 * input moves it.  Shared by range's tables and the tornado chart. */
int gpucost_range_no_effect(const gpucost_range_result *r, char *buf, size_t n);

/* The index of `q` in out->stats, or -1 when it does not vary. */
int gpucost_range_find(const gpucost_range_result *r, gpucost_quantity q);

#endif
