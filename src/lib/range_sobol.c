/*
 * range_sobol.c - first-order (Saltelli 2010) and total (Jansen 1999)
 * Sobol indices from N x (k + 2) evaluations on GSL's Sobol sequence
 * (pseudo-random beyond 20 inputs), inputs mapped through the inverse of
 * the law the samples follow.
 */
#include "range_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

gpucost_status gc_range_sobol(const job *j, const gpucost_range_options *opt,
                              gpucost_range_result *r, gpucost_error *err)
{
    size_t n = opt->sobol_samples, k = j->nleaves, ns = j->nstats;
    double bytes = (double)ns * (double)n * (double)(k + 2) * sizeof(double);
    if (bytes > (double)opt->memory_limit)
        return GPUCOST_ERROR(err, GPUCOST_ELIMIT, NULL, 0, 0, "sobol_samples",
                             "%zu Sobol samples need %.0f MiB, over the limit of %zu MiB", n,
                             bytes / 1048576.0, opt->memory_limit / 1048576u);
    gpucost_status rc = GPUCOST_OK;
    /* f[s][m][i]: stat s, matrix m (0 = A, 1 = B, 2 + i = AB_i), sample i */
    double *f = malloc((size_t)bytes);
    double *u = malloc(2 * k * sizeof *u);
    double *pool = malloc(2 * n * sizeof *pool);
    gsl_qrng *qr = 2 * k <= 40 ? gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k)) : NULL;
    gsl_rng *pr = qr == NULL ? gsl_rng_alloc(j->rng) : NULL;
    if (f == NULL || u == NULL || pool == NULL || (qr == NULL && pr == NULL)) {
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        goto end;
    }
    if (pr != NULL)
        gsl_rng_set(pr, gc_range_chunk_seed(j->seed, SIZE_MAX));
#define F(s, m, i) f[((s) * (k + 2) + (m)) * n + (i)]
    for (size_t i = 0; i < n; i++) {
        if (qr != NULL)
            gsl_qrng_get(qr, u);
        else
            for (size_t d = 0; d < 2 * k; d++)
                u[d] = gsl_rng_uniform_pos(pr);
        double a[GPUCOST_Q_COUNT], b[GPUCOST_Q_COUNT], v[GPUCOST_Q_COUNT];
        memcpy(a, j->base, sizeof a);
        memcpy(b, j->base, sizeof b);
        for (size_t d = 0; d < k; d++) {
            gpucost_quantity q = j->leaves[d];
            a[q] = gc_range_inverse(&j->plan.leaf[q], q, u[d]);
            b[q] = gc_range_inverse(&j->plan.leaf[q], q, u[k + d]);
        }
        for (size_t m = 0; m < k + 2; m++) {
            memcpy(v, m == 1 ? b : a, sizeof v);
            if (m >= 2)
                v[j->leaves[m - 2]] = b[j->leaves[m - 2]];
            gpucost_quantity bad;
            if (gpucost_derive_eval(&j->plan, v, &bad) != 0) {
                rc = GPUCOST_ERROR(
                    err, GPUCOST_ERANGE, NULL, 0, 0, gpucost_quantity_info_get(bad)->name,
                    "a Sobol sample of '%s' overflows", gpucost_quantity_info_get(bad)->name);
                goto end;
            }
            for (size_t s = 0; s < ns; s++)
                F(s, m, i) = v[j->statq[s]];
        }
    }
    for (size_t s = 0; s < ns; s++) {
        memcpy(pool, &F(s, 0, 0), n * sizeof *pool);
        memcpy(pool + n, &F(s, 1, 0), n * sizeof *pool);
        double mean = gsl_stats_mean(pool, 1, 2 * n);
        double var = gsl_stats_variance_m(pool, 1, 2 * n, mean);
        for (size_t d = 0; d < k; d++) {
            double first = 0.0, total = 0.0;
            for (size_t i = 0; i < n; i++) {
                double fa = F(s, 0, i) - mean, fb = F(s, 1, i) - mean, fab = F(s, 2 + d, i) - mean;
                first += fb * (fab - fa);
                total += (fa - fab) * (fa - fab);
            }
            gpucost_sobol_index *x = &r->sobol[s][d];
            x->input = j->leaves[d];
            /* an output that does not vary within the sample (or whose
             * variance is below what a double resolves) has nothing to
             * apportion: its indices are 0, never Inf */
            double fi = first / (double)n / var, ti = total / (2.0 * (double)n) / var;
            int defined = var > 0.0 && var > 1e-24 * mean * mean;
            x->first = defined && isfinite(fi) ? fi : 0.0;
            x->total = defined && isfinite(ti) ? ti : 0.0;
        }
    }
#undef F
    r->has_sobol = 1;
    r->sobol_samples = n;
    r->sobol_evaluations = n * (k + 2);
end:
    free(f);
    free(u);
    free(pool);
    if (qr != NULL)
        gsl_qrng_free(qr);
    if (pr != NULL)
        gsl_rng_free(pr);
    return rc;
}
