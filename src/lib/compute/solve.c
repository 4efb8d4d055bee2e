/*
 * solve.c - bracket, then Brent, over a replayed derivation plan (solve.h).
 */
#include "gpucost/solve.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "gpucost/derive.h"

void gpucost_solve_options_init(gpucost_solve_options *opt)
{
    opt->rel_tolerance = 1e-12;
    opt->max_iterations = 200;
}

typedef struct problem {
    const gpucost_derivation *d;
    gpucost_quantity input, target;
    double want;
    int log_input, log_target;
} problem;

/* t is log(x) for positive inputs; the residual is in log space for
 * positive targets, so both ends are well scaled. */
static double to_x(const problem *p, double t)
{
    return p->log_input ? exp(t) : t;
}

static double residual(double t, void *arg)
{
    const problem *p = arg;
    double v[GPUCOST_Q_COUNT];
    memcpy(v, p->d->value, sizeof v);
    v[p->input] = to_x(p, t);
    if (gpucost_derive_eval(p->d, v, NULL) != 0)
        return NAN;
    double y = v[p->target];
    if (p->log_target)
        return y > 0.0 ? log(y) - log(p->want) : NAN;
    return y - p->want;
}

/* Domain bounds of the input in t-space. */
static void bounds(const problem *p, double *lo, double *hi)
{
    /* the whole range of a positive double: from the smallest subnormal
     * (e^-744.4) to the largest (e^709.78) */
    const double small = log(DBL_TRUE_MIN), big = log(DBL_MAX);
    switch (gpucost_quantity_info_get(p->input)->domain) {
    case GPUCOST_DOMAIN_POSITIVE:
        *lo = small;
        *hi = big;
        break;
    case GPUCOST_DOMAIN_FRACTION:
        *lo = small;
        *hi = 0.0;
        break;
    case GPUCOST_DOMAIN_AT_LEAST_ONE:
        *lo = 0.0;
        *hi = big;
        break;
    case GPUCOST_DOMAIN_UNIT:
        *lo = 0.0;
        *hi = 1.0;
        break;
    case GPUCOST_DOMAIN_ANY:
        *lo = -1e300;
        *hi = 1e300;
        break;
    }
}

static int opposite(double a, double b)
{
    return isfinite(a) && isfinite(b) && ((a <= 0.0 && b >= 0.0) || (a >= 0.0 && b <= 0.0));
}

/* The residual at t, or, when t overflows the plan, at the farthest
 * point from `from` towards t that does not (bisected): a solution near
 * the largest double is still bracketed.  *at is where it was taken. */
static double residual_toward(const problem *p, double from, double t, double *at)
{
    double g = residual(t, (void *)p);
    for (int i = 0; i < 80 && !isfinite(g) && t != from; i++) {
        t = from + (t - from) / 2.0;
        g = residual(t, (void *)p);
    }
    *at = t;
    return g;
}

/* Steps outward from t0 until the residual changes sign. */
static int bracket(const problem *p, double t0, double *a, double *b)
{
    double lo = 0.0, hi = 0.0;
    bounds(p, &lo, &hi);
    if (t0 < lo)
        t0 = lo;
    if (t0 > hi)
        t0 = hi;
    double g0 = residual(t0, (void *)p);
    if (isfinite(g0) && g0 == 0.0) {
        *a = *b = t0;
        return 1;
    }
    double scale = p->log_input ? 0.25 : fmax(fabs(t0), 1e-3) * 0.25;
    double prev_lo = t0, prev_hi = t0, glo = g0, ghi = g0;
    for (int i = 0; i < 64; i++, scale *= 2.0) {
        double tl = fmax(t0 - scale, lo), th = fmin(t0 + scale, hi);
        double gl = residual_toward(p, prev_lo, tl, &tl), gh = residual_toward(p, prev_hi, th, &th);
        if (opposite(gl, glo)) {
            *a = tl;
            *b = prev_lo;
            return 1;
        }
        if (opposite(gh, ghi)) {
            *a = prev_hi;
            *b = th;
            return 1;
        }
        if (isfinite(gl)) {
            prev_lo = tl;
            glo = gl;
        }
        if (isfinite(gh)) {
            prev_hi = th;
            ghi = gh;
        }
        if (tl <= lo && th >= hi)
            break;
    }
    return 0;
}

/* The question itself: two different quantities, a target in its domain,
 * an input that applies to the scenario. */
static gpucost_status check_question(const gpucost_scenario *s, gpucost_quantity input,
                                     gpucost_quantity target, double target_value,
                                     gpucost_error *err)
{
    const char *in_name = gpucost_quantity_info_get(input)->name;
    if (input == target)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "input",
                             "'%s' is both the input to solve for and the target", in_name);
    if (!isfinite(target_value) || !gpucost_quantity_in_domain(target, target_value))
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "target", "expected %s for '%s'",
                             gpucost_quantity_domain_text(target),
                             gpucost_quantity_info_get(target)->name);
    if (!(gpucost_quantity_info_get(input)->kinds & (int)s->kind))
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "input",
                             "quantity '%s' does not apply to %s scenarios", in_name,
                             gpucost_kind_name(s->kind));
    return GPUCOST_OK;
}

/* The derivation with the input given at its starting value `*x0` (its
 * value with the target not given) and the target depending on it. */
static gpucost_status starting_point(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                     gpucost_quantity input, gpucost_quantity target,
                                     gpucost_derivation *d, double *x0, gpucost_error *err)
{
    const char *in_name = gpucost_quantity_info_get(input)->name;
    const char *tg_name = gpucost_quantity_info_get(target)->name;
    gpucost_scenario work = *s;
    work.inputs[target].given = 0;
    gpucost_status rc = gpucost_derive(&work, catalog, NULL, d, err);
    if (rc != GPUCOST_OK)
        return rc;
    *x0 = d->origin[input] != GPUCOST_ORIGIN_UNKNOWN ? d->value[input] : 1.0;
    if (!gpucost_quantity_in_domain(input, *x0))
        *x0 = gpucost_quantity_info_get(input)->domain == GPUCOST_DOMAIN_UNIT ? 0.5 : 1.0;
    work.inputs[input].given = 1;
    gpucost_dist_point(&work.inputs[input].dist, *x0);
    if ((rc = gpucost_derive(&work, catalog, NULL, d, err)) != GPUCOST_OK)
        return rc;
    if (d->origin[target] == GPUCOST_ORIGIN_UNKNOWN)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, 0, 0, "target",
                             "'%s' cannot be derived from this scenario's inputs with '%s' given",
                             tg_name, in_name);
    int varying[GPUCOST_Q_COUNT] = {0};
    varying[input] = 1;
    gpucost_qset deps[GPUCOST_Q_COUNT];
    gpucost_derive_dependencies(d, varying, deps);
    if (deps[target] == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "input",
                             "'%s' does not depend on '%s' in this scenario", tg_name, in_name);
    return GPUCOST_OK;
}

/* Brent's method on [a, b]: 1 with `*t` the root when it converged. */
static int brent(problem *p, double a, double b, const gpucost_solve_options *opt, double *t,
                 int *iterations)
{
    gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (solver == NULL)
        return -1;
    gsl_function fn = {residual, p};
    int st = gsl_root_fsolver_set(solver, &fn, a, b), converged = 0;
    for (int i = 0; st == GSL_SUCCESS && !converged && i < opt->max_iterations; i++) {
        *iterations = i + 1;
        st = gsl_root_fsolver_iterate(solver);
        *t = gsl_root_fsolver_root(solver);
        double lo = gsl_root_fsolver_x_lower(solver), hi = gsl_root_fsolver_x_upper(solver);
        /* in log space, an absolute width is a relative width of x */
        converged = gsl_root_test_interval(lo, hi, p->log_input ? opt->rel_tolerance : 0.0,
                                           opt->rel_tolerance) == GSL_SUCCESS;
    }
    gsl_root_fsolver_free(solver);
    return converged;
}

gpucost_status gpucost_solve(const gpucost_scenario *s, const gpucost_catalog *catalog,
                             gpucost_quantity input, gpucost_quantity target, double target_value,
                             const gpucost_solve_options *opt, gpucost_solve_result *out,
                             gpucost_error *err)
{
    gpucost_solve_options defaults;
    if (opt == NULL) {
        gpucost_solve_options_init(&defaults);
        opt = &defaults;
    }
    const char *in_name = gpucost_quantity_info_get(input)->name;
    gpucost_derivation d;
    double x0 = 1.0;
    gpucost_status rc = check_question(s, input, target, target_value, err);
    if (rc == GPUCOST_OK)
        rc = starting_point(s, catalog, input, target, &d, &x0, err);
    if (rc != GPUCOST_OK)
        return rc;
    gpucost_domain dom = gpucost_quantity_info_get(input)->domain;
    problem p = {&d,
                 input,
                 target,
                 target_value,
                 dom == GPUCOST_DOMAIN_POSITIVE || dom == GPUCOST_DOMAIN_FRACTION ||
                     dom == GPUCOST_DOMAIN_AT_LEAST_ONE,
                 gpucost_quantity_info_get(target)->domain != GPUCOST_DOMAIN_ANY &&
                     target_value > 0.0};
    double t0 = p.log_input ? log(x0) : x0, a, b;
    if (!bracket(&p, t0, &a, &b))
        return GPUCOST_ERROR(err, GPUCOST_ENOSOLUTION, s->file, 0, 0, "target",
                             "no value of '%s' makes '%s' equal %g", in_name,
                             gpucost_quantity_info_get(target)->name, target_value);
    memset(out, 0, sizeof *out);
    out->input = input;
    out->target = target;
    out->target_value = target_value;
    out->start = x0;
    double t = a;
    int ok = a == b ? 1 : brent(&p, a, b, opt, &t, &out->iterations);
    if (ok < 0)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, s->file, 0, 0, NULL, "out of memory");
    if (ok == 0)
        return GPUCOST_ERROR(err, GPUCOST_ENOCONV, s->file, 0, 0, "input",
                             "solving for '%s' did not converge in %d iterations", in_name,
                             opt->max_iterations);
    out->value = to_x(&p, t);
    double v[GPUCOST_Q_COUNT];
    memcpy(v, d.value, sizeof v);
    v[input] = out->value;
    if (gpucost_derive_eval(&d, v, NULL) != 0 || !isfinite(out->value))
        return GPUCOST_ERROR(err, GPUCOST_ERANGE, s->file, 0, 0, "input",
                             "the solution for '%s' overflows", in_name);
    out->achieved = v[target];
    return GPUCOST_OK;
}
