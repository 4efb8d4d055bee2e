/*
 * range_internal.h - internal: what the Monte Carlo driver (range.c), the
 * bins and quantiles (range_sketch.c), the tornado (range_tornado.c) and
 * the Sobol indices (range_sobol.c) share.  Not installed.
 */
#ifndef GPUCOST_RANGE_INTERNAL_H
#define GPUCOST_RANGE_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "gpucost/range.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* Histogram bins per quantity: an eighth of the samples, from 256 up to
 * 16,384 (small runs, such as the fuzzer's, stay small). */
#define MAX_BINS 16384u
#define MIN_BINS 256u
#define SKETCH_MANTISSA_BITS 10

typedef struct binmap {
    size_t nbins;     /* including the underflow and overflow bins */
    int log;          /* bins on the bit pattern of positive doubles */
    uint64_t base;    /* log: first key */
    int shift;        /* log: bits dropped from the pattern */
    double lo, width; /* linear bins */
} binmap;

typedef struct job {
    gpucost_derivation plan; /* the derivation with constant steps pruned */
    double base[GPUCOST_Q_COUNT];
    size_t n, nchunks;
    size_t rows;  /* samples per chunk buffer: min(n, chunk) */
    size_t nbins; /* histogram bins per quantity */
    unsigned long seed;
    const gsl_rng_type *rng; /* the caller's generator type */
    size_t nleaves;
    gpucost_quantity leaves[GPUCOST_Q_COUNT];
    int check[GPUCOST_Q_COUNT]; /* per leaf: draws may leave the domain */
    size_t nvary;               /* quantities with a column: leaves, step targets */
    gpucost_quantity varyq[GPUCOST_Q_COUNT];
    size_t nstats;
    gpucost_quantity statq[GPUCOST_Q_COUNT];
    int exact;
    double *store; /* exact: nstats x n */
    binmap map[GPUCOST_Q_COUNT];
    double *cmean, *cm2; /* per chunk and stat */
    atomic_size_t next, done;
    atomic_int stop;
} job;

typedef struct worker {
    job *j;
    gsl_rng *r;
    double *buf;                  /* nvary x CHUNK, one column per varying quantity */
    double *col[GPUCOST_Q_COUNT]; /* into buf; NULL for constants */
    uint32_t *hist;               /* nstats x nbins */
    double mins[GPUCOST_Q_COUNT], maxs[GPUCOST_Q_COUNT];
    size_t fail_chunk; /* first chunk that failed, or SIZE_MAX */
    gpucost_quantity fail_q;
    int fail_code; /* gpucost_derive_eval_columns's: -1 overflow, -2 a physical limit */
} worker;

static inline uint64_t bits_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline double double_of(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* Bin 0 and nbins - 1 collect everything below and above the range. */
/* In the sampling loop once per sample and quantity: inline, here. */
static inline size_t gc_range_bin_of(const binmap *m, double x)
{
    if (m->log) {
        if (!(x > 0.0))
            return 0;
        uint64_t key = bits_of(x) >> m->shift;
        if (key < m->base)
            return 0;
        uint64_t b = key - m->base + 1;
        return b >= m->nbins - 1 ? m->nbins - 1 : (size_t)b;
    }
    double t = (x - m->lo) / m->width;
    if (!(t >= 0.0))
        return 0;
    if (t >= (double)(m->nbins - 2))
        return m->nbins - 1;
    return 1 + (size_t)t;
}

/* range.c: the job for `d` under `opt` (the caller's, zeroed: its
 * leaves, pruned plan and medians) and the header of `*r` (output,
 * quantiles, inputs), before any sample is drawn or buffer allocated.
 * gpucost_range_run samples next; the tornado and Sobol need only this,
 * so check_range calls them on it directly to reach their refusals, which
 * through gpucost_range_run a Monte Carlo sample would meet first. */
gpucost_status gc_range_setup(const gpucost_derivation *d, const gpucost_range_options *opt, job *j,
                              gpucost_range_result *r, gpucost_error *err);
/* range.c: the generator seed of a chunk (SIZE_MAX: the Sobol fallback) */
unsigned long gc_range_chunk_seed(unsigned long seed, size_t chunk);
/* range.c: the error for the inputs `where` says ("in some samples", "at
 * the 95th percentile of 'gpus' (16.0)": the start of the sentence) at
 * which `bad` broke a physical limit (gpucost_derive_eval's -2): a model
 * that does not fit there is no number to summarise. */
gpucost_status gc_range_limit_error(const job *j, gpucost_quantity bad, const char *where,
                                    gpucost_error *err);

/* range_sketch.c */
double gc_range_bin_lower(const binmap *m, size_t b);
void gc_range_binmap_fit(binmap *m, double mn, double mx, size_t nbins);
int gc_range_exact_quantiles(const double *x, size_t n, const binmap *map, const uint32_t *h,
                             const double *p, size_t np, double *out);
double gc_range_sketch_quantile(const binmap *m, const uint32_t *h, size_t n, double mn, double mx,
                                double p);
void gc_range_display_histogram(const job *j, const uint32_t *hists, gpucost_range_result *r);

/* range_tornado.c */
double gc_range_inverse(const gpucost_dist *d, gpucost_quantity q, double u);
/* The plan on `v`: v[out], or NaN with `*code` (-1, -2) and `*bad` set. */
double gc_range_eval_one(const job *j, double *v, gpucost_quantity out, int *code,
                         gpucost_quantity *bad);
gpucost_status gc_range_tornado(const job *j, gpucost_range_result *r, gpucost_error *err);

/* range_sobol.c */
gpucost_status gc_range_sobol(const job *j, const gpucost_range_options *opt,
                              gpucost_range_result *r, gpucost_error *err);

#pragma GCC visibility pop

#endif
