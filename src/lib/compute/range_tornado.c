/*
 * range_tornado.c - the tornado: each uncertain input at its p5 and p95
 * (of the law the samples follow), the others at their medians, bars
 * sorted by swing; and the one line naming the inputs with no effect.
 */
#include "compute/range_internal.h"
#include "base/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

/* The u-quantile of the leaf as it is sampled: truncated to its
 * quantity's domain (a normal MFU redrawn above 1), so the tornado's
 * p5/p95 and the Sobol inputs see the same law as the Monte Carlo. */
double gc_range_inverse(const gpucost_dist *d, gpucost_quantity q, double u)
{
    double lo = 0.0, hi = 1.0;
    switch (gpucost_quantity_info_get(q)->domain) {
    case GPUCOST_DOMAIN_POSITIVE: lo = gpucost_dist_cdf(d, 0.0); break;
    case GPUCOST_DOMAIN_FRACTION:
    case GPUCOST_DOMAIN_UNIT:
        lo = gpucost_dist_cdf(d, 0.0);
        hi = gpucost_dist_cdf(d, 1.0);
        break;
    case GPUCOST_DOMAIN_AT_LEAST_ONE: lo = gpucost_dist_cdf(d, 1.0); break;
    case GPUCOST_DOMAIN_ANY: break;
    }
    double p = lo + u * (hi - lo);
    if (p < 1e-12)
        p = 1e-12;
    if (p > 1.0 - 1e-12)
        p = 1.0 - 1e-12;
    return gpucost_dist_quantile(d, p);
}

/* ---- tornado and Sobol ------------------------------------------------- */

double gc_range_eval_one(const job *j, double *v, gpucost_quantity out, int *code,
                         gpucost_quantity *bad)
{
    *code = gpucost_derive_eval(&j->plan, v, bad);
    return *code != 0 ? NAN : v[out];
}

gpucost_status gc_range_tornado(const job *j, gpucost_range_result *r, gpucost_error *err)
{
    double swings[GPUCOST_Q_COUNT];
    gpucost_tornado_bar bars[GPUCOST_Q_COUNT];
    for (size_t k = 0; k < j->nleaves; k++) {
        gpucost_quantity q = j->leaves[k];
        double v[GPUCOST_Q_COUNT];
        gpucost_tornado_bar *b = &bars[k];
        b->input = q;
        b->input_low = gc_range_inverse(&j->plan.leaf[q], q, 0.05);
        b->input_high = gc_range_inverse(&j->plan.leaf[q], q, 0.95);
        memcpy(v, j->base, sizeof v);
        v[q] = b->input_low;
        int code_low, code_high;
        gpucost_quantity bad_low = q, bad_high = q;
        b->low = gc_range_eval_one(j, v, r->output, &code_low, &bad_low);
        memcpy(v, j->base, sizeof v);
        v[q] = b->input_high;
        b->high = gc_range_eval_one(j, v, r->output, &code_high, &bad_high);
        if (code_low == -2 || code_high == -2) {
            /* the end that breaks it, named: the medians fit, so the user
             * learns which input's range to narrow and on which side */
            char where[160], at[32];
            double x = code_low == -2 ? b->input_low : b->input_high;
            gc_text_printf(where, sizeof where, "at the %s percentile of '%s' (%s)",
                           code_low == -2 ? "5th" : "95th", gpucost_quantity_info_get(q)->name,
                           gpucost_quantity_format(q, x, at, sizeof at));
            return gc_range_limit_error(j, code_low == -2 ? bad_low : bad_high, where, err);
        }
        if (!isfinite(b->low) || !isfinite(b->high))
            return GPUCOST_ERROR(
                err, GPUCOST_ERANGE, j->plan.file, 0, 0, gpucost_quantity_info_get(q)->name,
                "'%s' overflows at the 5th or 95th percentile of '%s'",
                gpucost_quantity_info_get(r->output)->name, gpucost_quantity_info_get(q)->name);
        b->swing = fabs(b->high - b->low);
        swings[k] = -b->swing; /* ascending sort of the negation: largest first */
    }
    size_t order[GPUCOST_Q_COUNT];
    gsl_sort_index(order, swings, 1, j->nleaves);
    r->nmoving = 0;
    for (size_t k = 0; k < j->nleaves; k++) {
        r->tornado[k] = bars[order[k]];
        /* sorted by swing: the bars that move the output come first */
        r->nmoving += r->tornado[k].swing > 1e-12 * fabs(r->output_median);
    }
    r->ntornado = j->nleaves;
    return GPUCOST_OK;
}

int gpucost_range_no_effect(const gpucost_range_result *r, char *buf, size_t n)
{
    if (r->nmoving >= r->ntornado || n == 0)
        return 0;
    char names[512] = "";
    for (size_t i = r->nmoving; i < r->ntornado; i++)
        gc_text_list(names, sizeof names, gpucost_quantity_info_get(r->tornado[i].input)->name);
    gc_text_printf(buf, n, "no effect on %s: %s", gpucost_quantity_info_get(r->output)->name,
                   names);
    return 1;
}

/* The leaf's value at probability u of its distribution confined to the
 * quantity's domain. */
