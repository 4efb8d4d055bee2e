/*
 * derive_eval.c - a plan's arithmetic: one relation solved for one term,
 * the plan on one set of values (gpucost_derive_eval), and on columns of
 * samples (gpucost_derive_eval_columns, the Monte Carlo's hot loop), with
 * each target checked against its physical limits; and which quantities a
 * step depends on.  The table is derive_relations.c's; derive.c builds
 * the plan.
 */
#include "compute/derive_internal.h"

#include <math.h>

/* A forward-only row's output from its terms' values x[1..nterms) (x[k]
 * is term k's), for the model `m` (NULL without one). */
static double forward_value(const gpucost_model *m, const relation *r, const double *x)
{
    switch (r->type) {
    case REL_REVENUE: /* in, hit, p_hit, p_miss, out, p_out */
        return r->c * (x[1] * x[2] * x[3] + x[1] * (1.0 - x[2]) * x[4] + x[5] * x[6]);
    case REL_MARGIN: return x[1] / x[2] - 1.0;
    case REL_PROFIT: return 1.0 - x[2] / x[1];
    case REL_SUM: {
        double s = 0.0;
        for (int k = 1; k < r->nterms; k++)
            s += x[k];
        return s;
    }
    case REL_ATTENTION: return r->c + x[1] / x[2];
    case REL_MAX_BATCH: { /* memory, total, active, bytes, replica, context, kv */
        double held = gpucost_model_params_resident(m, x[2], x[3], x[5]) * x[4];
        return (x[1] * r->c - held) / (x[6] * x[7]);
    }
    case REL_READ: /* total, active, bytes, replica, batch */
        return gpucost_model_params_read(m, x[1], x[2], x[4], x[5] * x[4]) * x[3] * r->c;
    case REL_DECODE: { /* read (GB), batch, context, kv, bandwidth, active, peak */
        double memory = (x[1] * 1e9 + x[2] * x[3] * x[4]) / (x[5] * r->c);
        double compute = x[2] * 2.0 * x[6] / x[7];
        return x[2] / fmax(memory, compute);
    }
    case REL_SERVE: /* input, prefill rate, output, decode rate, hours */
        return (x[1] / x[2] + x[3] / x[4]) / (x[5] * r->c);
    case REL_PRODUCT: break;
    }
    return NAN;
}

/* The value of relation r's term j implied by the other terms. */
double gc_derive_solve(const gpucost_model *m, const relation *r, int j, const double *v)
{
    if (r->type == REL_PRODUCT) {
        /* x_j = c^e_j x prod_{k != j} x_k^(-e_j e_k): multiplying where the
         * relation multiplies, so no reciprocal overflows on the way
         * (the same order as gpucost_derive_eval_columns) */
        int ej = r->terms[j].e;
        double x = ej > 0 ? r->c : 1.0 / r->c;
        for (int k = 0; k < r->nterms; k++) {
            if (k == j)
                continue;
            if (-ej * r->terms[k].e > 0)
                x *= v[r->terms[k].q];
            else
                x /= v[r->terms[k].q];
        }
        return x;
    }
    double x[8];
    for (int k = 1; k < r->nterms; k++)
        x[k] = v[r->terms[k].q];
    return forward_value(m, r, x);
}

static double at(double *const *cols, const double *base, gpucost_quantity q, size_t i)
{
    return cols[q] != NULL ? cols[q][i] : base[q];
}

/* A product relation solved for term `term`: x_t = c^e_t x prod_{k != t}
 * x_k^(-e_t e_k), the constants folded into one factor, then one pass per
 * varying term (the same order as gc_derive_solve()). */
static void eval_product(const relation *r, int term, double *const *cols, const double *base,
                         size_t n, double *out)
{
    gpucost_quantity t = r->terms[term].q;
    int et = r->terms[term].e;
    double c = et > 0 ? r->c : 1.0 / r->c;
    for (int k = 0; k < r->nterms; k++) {
        gpucost_quantity q = r->terms[k].q;
        if (q != t && cols[q] == NULL)
            c = -et * r->terms[k].e > 0 ? c * base[q] : c / base[q];
    }
    for (size_t i = 0; i < n; i++)
        out[i] = c;
    for (int k = 0; k < r->nterms; k++) {
        const double *x = cols[r->terms[k].q];
        if (r->terms[k].q == t || x == NULL)
            continue;
        if (-et * r->terms[k].e > 0)
            for (size_t i = 0; i < n; i++)
                out[i] *= x[i];
        else
            for (size_t i = 0; i < n; i++)
                out[i] /= x[i];
    }
}

/* The forward-only rows: a sum a column at a time (one pass per term, as
 * eval_product does), the rest a sample at a time through forward_value,
 * the one place their formulas are written. */
static void eval_forward(const gpucost_model *m, const relation *r, double *const *cols,
                         const double *base, size_t n, double *out)
{
    if (r->type == REL_SUM) {
        for (size_t i = 0; i < n; i++)
            out[i] = 0.0;
        for (int k = 1; k < r->nterms; k++) {
            const double *x = cols[r->terms[k].q];
            double c = base[r->terms[k].q];
            if (x == NULL)
                for (size_t i = 0; i < n; i++)
                    out[i] += c;
            else
                for (size_t i = 0; i < n; i++)
                    out[i] += x[i];
        }
        return;
    }
    double x[8];
    for (size_t i = 0; i < n; i++) {
        for (int k = 1; k < r->nterms; k++)
            x[k] = at(cols, base, r->terms[k].q, i);
        out[i] = forward_value(m, r, x);
    }
}

/* 0 when every value of target t's column stays finite as printed and
 * within t's physical limits; else -1 (not finite) or -2 (past a limit),
 * as gpucost_derive_eval_columns returns.  One pass, no branch per value. */
static int column_check(const double *out, size_t n, gpucost_quantity t)
{
    double shown = gc_derive_shown_scale(t), lo, hi;
    gc_derive_limits_of(t, &lo, &hi);
    int finite = 1, within = 1;
    for (size_t i = 0; i < n; i++) {
        finite &= isfinite(out[i] * shown);
        within &= out[i] > lo && out[i] <= hi;
    }
    return !finite ? -1 : !within ? -2 : 0;
}

int gpucost_derive_eval_columns(const gpucost_derivation *d, double *const *cols,
                                const double *base, size_t n, gpucost_quantity *bad)
{
    for (size_t st = 0; st < d->nsteps; st++) {
        const relation *r = &gc_derive_relations[d->steps[st].relation];
        gpucost_quantity t = (gpucost_quantity)d->steps[st].target;
        double *out = cols[t];
        if (r->type == REL_PRODUCT)
            eval_product(r, d->steps[st].term, cols, base, n, out);
        else
            eval_forward(d->model, r, cols, base, n, out);
        int rc = column_check(out, n, t);
        if (rc != 0) {
            if (bad != NULL)
                *bad = t;
            return rc;
        }
    }
    return 0;
}

_Static_assert(GPUCOST_Q_COUNT <= 128, "dependency sets are 128-bit masks");

void gpucost_derive_dependencies(const gpucost_derivation *d, const int *varying,
                                 gpucost_qset *deps)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        deps[q] = varying[q] ? GPUCOST_QBIT(q) : 0;
    for (size_t i = 0; i < d->nsteps; i++) {
        const relation *r = &gc_derive_relations[d->steps[i].relation];
        gpucost_qset dep = 0;
        for (int k = 0; k < r->nterms; k++)
            if (r->terms[k].q != (gpucost_quantity)d->steps[i].target)
                dep |= deps[r->terms[k].q];
        deps[d->steps[i].target] = dep;
    }
}

/* Step i of the plan on values v: its target's value. */
double gc_derive_eval_step(const gpucost_derivation *d, size_t i, const double *v)
{
    return gc_derive_solve(d->model, &gc_derive_relations[d->steps[i].relation], d->steps[i].term,
                           v);
}

int gpucost_derive_eval(const gpucost_derivation *d, double *values, gpucost_quantity *bad)
{
    for (size_t i = 0; i < d->nsteps; i++) {
        double x = gc_derive_eval_step(d, i, values);
        gpucost_quantity t = (gpucost_quantity)d->steps[i].target;
        if (!isfinite(x * gc_derive_shown_scale(t)) || !gc_derive_within_limits(t, x)) {
            if (bad != NULL)
                *bad = (gpucost_quantity)d->steps[i].target;
            return isfinite(x * gc_derive_shown_scale(t)) ? -2 : -1;
        }
        values[d->steps[i].target] = x;
    }
    return 0;
}
