/*
 * dist.h - uncertain values: the distributions a scenario input may take.
 *
 * A point value is a distribution too (GPUCOST_DIST_POINT), so every input
 * is one gpucost_dist and point commands just take its median.  The
 * {low, high} form of docs/scenario-format.md is a 90% interval, resolved when it is built:
 * lognormal when 0 < low < high (as Squiggle reads `a to b`), normal
 * otherwise.  Sampling and quantiles go through GSL (gsl_ran_*, gsl_cdf_*);
 * only the triangular inverse CDF, which GSL lacks, is written here.
 */
#ifndef GPUCOST_DIST_H
#define GPUCOST_DIST_H

#include <gsl/gsl_rng.h>

typedef enum gpucost_dist_kind {
    GPUCOST_DIST_POINT,      /* a = value */
    GPUCOST_DIST_NORMAL,     /* a = mean, b = sd */
    GPUCOST_DIST_LOGNORMAL,  /* a = mu, b = sigma of log(x) */
    GPUCOST_DIST_UNIFORM,    /* a = min, b = max */
    GPUCOST_DIST_TRIANGULAR, /* a = min, b = max, c = mode */
    GPUCOST_DIST_BLEND       /* sum of w x part, the parts moving together */
} gpucost_dist_kind;

/* The most parts a blend (a fleet's GPU-weighted value) holds. */
#define GPUCOST_DIST_MAX_PARTS 8

/* One part of a blend: a distribution of any other kind and its weight. */
typedef struct gpucost_dist_part {
    gpucost_dist_kind kind;
    double a, b, c, w;
} gpucost_dist_part;

/* A blend is what a fleet's total or GPU-weighted mean is when its parts
 * are uncertain (docs/quantities-and-methods.md, fleets): sum over parts of w_i x X_i, with
 * the parts comonotonic -- one draw puts every part at the same
 * percentile, so its p-quantile is sum w_i x Q_i(p) and its median is the
 * weighted sum of the parts' medians, exactly what the point commands
 * compute.  (GPU prices of one generation rise and fall together; a
 * source that overcounts one part of a fleet likely overcounts all.)
 * The parts live out of line, in storage the blend's maker owns (a
 * derivation's fleet_part[], see derive.h): a dist is 48 bytes, not the
 * 360 of eight parts held by value, which a scenario's and a
 * derivation's 78 quantities each would carry (10,000 scenarios touched
 * 650 MB).  A copy of a blend borrows the same parts. */
typedef struct gpucost_dist {
    gpucost_dist_kind kind;
    double a, b, c;
    size_t nparts;                 /* BLEND */
    const gpucost_dist_part *part; /* BLEND: nparts parts, borrowed; else NULL */
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

/* The blend sum over i of w[i] x parts[i] (see gpucost_dist above); a
 * point when every part is one.  The parts are written to `store` (room
 * for n), which `*d` and every copy of it borrow: it must outlive them.
 * -1 when n is 0 or above GPUCOST_DIST_MAX_PARTS, a part is itself a
 * blend, or a weight is not a positive finite number. */
int gpucost_dist_blend(gpucost_dist *d, gpucost_dist_part *store, const gpucost_dist *parts,
                       const double *w, size_t n);
/* A normal whose median is exactly `about` and whose 90% interval is
 * about x (1 -+ tolerance): the file's {"about": N, "tolerance": t}.
 * -1 unless 0 <= tolerance < 1 and about is finite. */
int gpucost_dist_about(gpucost_dist *d, double about, double tolerance);

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
