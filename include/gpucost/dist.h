/*
 * dist.h - uncertain values: the distributions a scenario input may take.
 *
 * A point value is a distribution too (GPUCOST_DIST_POINT), so every input
 * is one gpucost_dist and point commands just take its median.  The
 * {low, high} form of SPEC.md is a 90% interval, resolved when it is built:
 * lognormal when 0 < low < high (as Squiggle reads `a to b`), normal
 * otherwise.  Sampling and quantiles go through GSL (gsl_ran_*, gsl_cdf_*);
 * only the triangular inverse CDF, which GSL lacks, is written here.
 */
#ifndef GPUCOST_DIST_H
#define GPUCOST_DIST_H

#include <gsl/gsl_rng.h>

typedef enum gpucost_dist_kind {
    GPUCOST_DIST_POINT,     /* a = value */
    GPUCOST_DIST_NORMAL,    /* a = mean, b = sd */
    GPUCOST_DIST_LOGNORMAL, /* a = mu, b = sigma of log(x) */
    GPUCOST_DIST_UNIFORM,   /* a = min, b = max */
    GPUCOST_DIST_TRIANGULAR /* a = min, b = max, c = mode */
} gpucost_dist_kind;

typedef struct gpucost_dist {
    gpucost_dist_kind kind;
    double a, b, c;
} gpucost_dist;

/* The z-score of the 95th percentile: a 90% interval is mean +- Z90 sd. */
#define GPUCOST_Z90 1.6448536269514722

/* Constructors; each returns 0, or -1 when the parameters are invalid
 * (non-finite, low > high, sd < 0, lognormal bound <= 0, mode outside
 * [min, max]); `*d` is written only on success.  A zero-width interval
 * becomes a point. */
int gpucost_dist_point(gpucost_dist *d, double v);
int gpucost_dist_interval90(gpucost_dist *d, double low, double high);
int gpucost_dist_lognormal90(gpucost_dist *d, double low, double high);
int gpucost_dist_normal(gpucost_dist *d, double mean, double sd);
int gpucost_dist_uniform(gpucost_dist *d, double min, double max);
int gpucost_dist_triangular(gpucost_dist *d, double min, double mode, double max);

/* The p-quantile, 0 < p < 1 (median for p = 0.5). */
double gpucost_dist_quantile(const gpucost_dist *d, double p);
double gpucost_dist_median(const gpucost_dist *d);
/* P(X <= x). */
double gpucost_dist_cdf(const gpucost_dist *d, double x);
/* One draw.  `r` is the caller's generator. */
/* `n` draws into x[0..n): the same law and the same generator calls, in
 * order, as n calls of gpucost_dist_sample, with what does not change
 * between draws computed once (the Monte Carlo loop's sampler). */
void gpucost_dist_sample_n(const gpucost_dist *d, gsl_rng *r, double *x, size_t n);
double gpucost_dist_sample(const gpucost_dist *d, gsl_rng *r);
/* Whether the distribution is a single value. */
int gpucost_dist_is_point(const gpucost_dist *d);

#endif
