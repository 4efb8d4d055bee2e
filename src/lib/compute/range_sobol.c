/*
 * range_sobol.c - first-order (Saltelli 2010) and total (Jansen 1999)
 * Sobol indices from N x (k + 2) evaluations on GSL's Sobol sequence
 * (pseudo-random beyond 20 inputs), inputs mapped through the inverse of
 * the law the samples follow.
 */
#include "base/alloc.h"
#include "compute/range_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

/* The Saltelli design: for each of n points, matrices A, B and each
 * AB_d (A with input d from B), every stat evaluated into
 * f[((s * (k + 2)) + m) * n + i]. */
typedef struct design {
    const job *j;
    size_t n, k, ns;
    double *f;
} design;

static double *at(const design *g, size_t s, size_t m, size_t i)
{
    return &g->f[(s * (g->k + 2) + m) * g->n + i];
}

/* Row i of the design from the 2k uniforms `u`; -1 with `*bad` set when
 * a value overflows, -2 when it breaks a physical limit. */
static int design_row(design *g, size_t i, const double *u, gpucost_quantity *bad)
{
    const job *j = g->j;
    double a[GPUCOST_Q_COUNT], b[GPUCOST_Q_COUNT], v[GPUCOST_Q_COUNT];
    memcpy(a, j->base, sizeof a);
    memcpy(b, j->base, sizeof b);
    for (size_t d = 0; d < g->k; d++) {
        gpucost_quantity q = j->leaves[d];
        a[q] = gc_range_inverse(&j->plan.leaf[q], q, u[d]);
        b[q] = gc_range_inverse(&j->plan.leaf[q], q, u[g->k + d]);
    }
    for (size_t m = 0; m < g->k + 2; m++) {
        memcpy(v, m == 1 ? b : a, sizeof v);
        if (m >= 2)
            v[j->leaves[m - 2]] = b[j->leaves[m - 2]];
        int rc = gpucost_derive_eval(&j->plan, v, bad);
        if (rc != 0)
            return rc;
        for (size_t s = 0; s < g->ns; s++)
            *at(g, s, m, i) = v[j->statq[s]];
    }
    return 0;
}

/* First-order (Saltelli) and total (Jansen) indices of stat s. */
static void indices(const design *g, size_t s, double *pool, gpucost_sobol_index *out)
{
    size_t n = g->n;
    memcpy(pool, at(g, s, 0, 0), n * sizeof *pool);
    memcpy(pool + n, at(g, s, 1, 0), n * sizeof *pool);
    double mean = gsl_stats_mean(pool, 1, 2 * n);
    double var = gsl_stats_variance_m(pool, 1, 2 * n, mean);
    /* an output that does not vary within the sample (or whose variance
     * is below what a double resolves) has nothing to apportion: its
     * indices are 0, never Inf */
    int defined = var > 0.0 && var > 1e-24 * mean * mean;
    for (size_t d = 0; d < g->k; d++) {
        double first = 0.0, total = 0.0;
        for (size_t i = 0; i < n; i++) {
            double fa = *at(g, s, 0, i) - mean, fb = *at(g, s, 1, i) - mean;
            double fab = *at(g, s, 2 + d, i) - mean;
            first += fb * (fab - fa);
            total += (fa - fab) * (fa - fab);
        }
        double fi = first / (double)n / var, ti = total / (2.0 * (double)n) / var;
        out[d].input = g->j->leaves[d];
        out[d].first = defined && isfinite(fi) ? fi : 0.0;
        out[d].total = defined && isfinite(ti) ? ti : 0.0;
    }
}

gpucost_status gc_range_sobol(const job *j, const gpucost_range_options *opt,
                              gpucost_range_result *r, gpucost_error *err)
{
    size_t n = opt->sobol_samples, k = j->nleaves, ns = j->nstats;
    double bytes = (double)ns * (double)n * (double)(k + 2) * sizeof(double);
    if (bytes > (double)opt->memory_limit)
        return GPUCOST_ERROR(err, GPUCOST_ELIMIT, NULL, 0, 0, "sobol_samples",
                             "%zu Sobol samples need %.0f MiB, over the limit of %zu MiB", n,
                             bytes / 1048576.0, opt->memory_limit / 1048576u);
    design g = {j, n, k, ns, gc_malloc((size_t)bytes)};
    double *u = gc_malloc(2 * k * sizeof *u), *pool = gc_malloc(2 * n * sizeof *pool);
    /* Sobol's quasi-random points up to GSL's 40 dimensions, else the
     * caller's generator */
    gsl_qrng *qr = 2 * k <= 40 ? gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k)) : NULL;
    gsl_rng *pr = qr == NULL ? gsl_rng_alloc(j->rng) : NULL;
    gpucost_status rc = g.f == NULL || u == NULL || pool == NULL || (qr == NULL && pr == NULL)
                            ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                            : GPUCOST_OK;
    if (pr != NULL)
        gsl_rng_set(pr, gc_range_chunk_seed(j->seed, SIZE_MAX));
    gpucost_quantity bad = GPUCOST_Q_COST_USD;
    for (size_t i = 0; rc == GPUCOST_OK && i < n; i++) {
        if (qr != NULL)
            gsl_qrng_get(qr, u);
        for (size_t d = 0; qr == NULL && d < 2 * k; d++)
            u[d] = gsl_rng_uniform_pos(pr);
        int row = design_row(&g, i, u, &bad);
        if (row == -2)
            rc = gc_range_limit_error(j, bad, "in some Sobol samples", err);
        else if (row != 0)
            rc = GPUCOST_ERROR(
                err, GPUCOST_ERANGE, j->plan.file, 0, 0, gpucost_quantity_info_get(bad)->name,
                "a Sobol sample of '%s' overflows", gpucost_quantity_info_get(bad)->name);
    }
    for (size_t s = 0; rc == GPUCOST_OK && s < ns; s++)
        indices(&g, s, pool, r->sobol[s]);
    if (rc == GPUCOST_OK) {
        r->has_sobol = 1;
        r->sobol_samples = n;
        r->sobol_evaluations = n * (k + 2);
    }
    gc_free(g.f);
    gc_free(u);
    gc_free(pool);
    if (qr != NULL)
        gsl_qrng_free(qr);
    if (pr != NULL)
        gsl_rng_free(pr);
    return rc;
}
