/*
 * dist.c - constructing, sampling and inverting uncertain values (dist.h),
 * and reading them from a scenario's JSON (gc_json_dist, json.h).
 */
#include "gpucost/dist.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_roots.h>

#include "gpucost/number.h"
#include "gpucost/quantity.h"
#include "read/json.h"

int gpucost_dist_point(gpucost_dist *d, double v)
{
    if (!isfinite(v))
        return -1;
    d->kind = GPUCOST_DIST_POINT;
    d->a = v;
    d->b = d->c = 0.0;
    return 0;
}

int gpucost_dist_lognormal90(gpucost_dist *d, double low, double high)
{
    if (!isfinite(low) || !isfinite(high) || low <= 0.0 || low > high)
        return -1;
    if (low == high)
        return gpucost_dist_point(d, low);
    double ll = log(low), lh = log(high);
    d->kind = GPUCOST_DIST_LOGNORMAL;
    d->a = 0.5 * (ll + lh);
    d->b = (lh - ll) / (2.0 * GPUCOST_Z90);
    d->c = 0.0;
    return 0;
}

/* A two-parameter distribution; returns 0. */
static int set2(gpucost_dist *d, gpucost_dist_kind kind, double a, double b)
{
    d->kind = kind;
    d->a = a;
    d->b = b;
    d->c = 0.0;
    return 0;
}

int gpucost_dist_normal(gpucost_dist *d, double mean, double sd)
{
    if (!isfinite(mean) || !isfinite(sd) || sd < 0.0)
        return -1;
    return sd == 0.0 ? gpucost_dist_point(d, mean) : set2(d, GPUCOST_DIST_NORMAL, mean, sd);
}

int gpucost_dist_interval90(gpucost_dist *d, double low, double high)
{
    if (!isfinite(low) || !isfinite(high) || low > high)
        return -1;
    if (low > 0.0)
        return gpucost_dist_lognormal90(d, low, high);
    /* (high - low) may overflow for huge opposite-signed bounds */
    double sd = (high / 2.0 - low / 2.0) / GPUCOST_Z90;
    return gpucost_dist_normal(d, low / 2.0 + high / 2.0, sd);
}

int gpucost_dist_uniform(gpucost_dist *d, double min, double max)
{
    if (!isfinite(min) || !isfinite(max) || min > max)
        return -1;
    return min == max ? gpucost_dist_point(d, min) : set2(d, GPUCOST_DIST_UNIFORM, min, max);
}

int gpucost_dist_triangular(gpucost_dist *d, double min, double mode, double max)
{
    if (!isfinite(min) || !isfinite(mode) || !isfinite(max) || min > max || mode < min ||
        mode > max)
        return -1;
    if (min == max)
        return gpucost_dist_point(d, min);
    d->kind = GPUCOST_DIST_TRIANGULAR;
    d->a = min;
    d->b = max;
    d->c = mode;
    return 0;
}

/* Inverse CDF of the triangular distribution; GSL has none. */
static double triangular_inv(double lo, double hi, double mode, double p)
{
    double w = hi - lo;
    double f = (mode - lo) / w;
    /* square roots taken apart: w x (mode - lo) overflows for ranges
     * near the largest double */
    if (p < f)
        return lo + sqrt(p) * sqrt(w) * sqrt(mode - lo);
    return hi - sqrt(1.0 - p) * sqrt(w) * sqrt(hi - mode);
}

/* The p-quantile of a distribution of any kind but a blend, from its
 * parameters: the one formula that a dist and a blend's parts share. */
static double simple_quantile(gpucost_dist_kind kind, double a, double b, double c, double p)
{
    switch (kind) {
    case GPUCOST_DIST_POINT: return a;
    case GPUCOST_DIST_NORMAL: return a + gsl_cdf_gaussian_Pinv(p, b);
    case GPUCOST_DIST_LOGNORMAL: return gsl_cdf_lognormal_Pinv(p, a, b);
    case GPUCOST_DIST_UNIFORM: return gsl_cdf_flat_Pinv(p, a, b);
    case GPUCOST_DIST_TRIANGULAR: return triangular_inv(a, b, c, p);
    case GPUCOST_DIST_BLEND: break;
    }
    return a;
}

static double blend_quantile(const gpucost_dist *d, double p);

double gpucost_dist_quantile(const gpucost_dist *d, double p)
{
    return d->kind == GPUCOST_DIST_BLEND ? blend_quantile(d, p)
                                         : simple_quantile(d->kind, d->a, d->b, d->c, p);
}

static double blend_cdf(const gpucost_dist *d, double x);

double gpucost_dist_cdf(const gpucost_dist *d, double x)
{
    switch (d->kind) {
    case GPUCOST_DIST_BLEND: return blend_cdf(d, x);
    case GPUCOST_DIST_POINT: return x >= d->a ? 1.0 : 0.0;
    case GPUCOST_DIST_NORMAL: return gsl_cdf_gaussian_P(x - d->a, d->b);
    case GPUCOST_DIST_LOGNORMAL: return x <= 0.0 ? 0.0 : gsl_cdf_lognormal_P(x, d->a, d->b);
    case GPUCOST_DIST_UNIFORM: return gsl_cdf_flat_P(x, d->a, d->b);
    case GPUCOST_DIST_TRIANGULAR: {
        double lo = d->a, hi = d->b, mode = d->c;
        if (x <= lo)
            return 0.0;
        if (x >= hi)
            return 1.0;
        if (x <= mode)
            return (x - lo) / (hi - lo) * ((x - lo) / (mode - lo));
        return 1.0 - (hi - x) / (hi - lo) * ((hi - x) / (hi - mode));
    }
    }
    return 0.0;
}

double gpucost_dist_median(const gpucost_dist *d)
{
    switch (d->kind) {
    case GPUCOST_DIST_BLEND: return blend_quantile(d, 0.5);
    case GPUCOST_DIST_POINT: return d->a;
    case GPUCOST_DIST_NORMAL: return d->a;
    case GPUCOST_DIST_LOGNORMAL: return exp(d->a);
    case GPUCOST_DIST_UNIFORM: return 0.5 * (d->a + d->b);
    case GPUCOST_DIST_TRIANGULAR: return triangular_inv(d->a, d->b, d->c, 0.5);
    }
    return d->a;
}

double gpucost_dist_sample(const gpucost_dist *d, gsl_rng *r)
{
    switch (d->kind) {
    case GPUCOST_DIST_BLEND: return blend_quantile(d, gsl_rng_uniform_pos(r));
    case GPUCOST_DIST_POINT: return d->a;
    case GPUCOST_DIST_NORMAL: return d->a + gsl_ran_gaussian_ziggurat(r, d->b);
    /* exp of a ziggurat normal: the same law as gsl_ran_lognormal, whose
     * polar-method normal is several times slower in the Monte Carlo loop */
    case GPUCOST_DIST_LOGNORMAL: return exp(d->a + gsl_ran_gaussian_ziggurat(r, d->b));
    case GPUCOST_DIST_UNIFORM: return gsl_ran_flat(r, d->a, d->b);
    case GPUCOST_DIST_TRIANGULAR: return triangular_inv(d->a, d->b, d->c, gsl_rng_uniform_pos(r));
    }
    return d->a;
}

/* Triangular draws with the per-distribution square roots taken once. */
static void triangular_n(const gpucost_dist *d, gsl_rng *r, double *x, size_t n)
{
    double lo = d->a, hi = d->b, mode = d->c, w = hi - lo;
    double f = (mode - lo) / w, ka = sqrt(w) * sqrt(mode - lo), kb = sqrt(w) * sqrt(hi - mode);
    for (size_t i = 0; i < n; i++) {
        double p = gsl_rng_uniform_pos(r);
        x[i] = p < f ? lo + sqrt(p) * ka : hi - sqrt(1.0 - p) * kb;
    }
}

void gpucost_dist_sample_n(const gpucost_dist *d, gsl_rng *r, double *x, size_t n)
{
    switch (d->kind) {
    case GPUCOST_DIST_LOGNORMAL:
        /* the normals first, then exp in a loop of its own: the same
         * draws in the same order as gpucost_dist_sample */
        for (size_t i = 0; i < n; i++)
            x[i] = gsl_ran_gaussian_ziggurat(r, d->b);
        for (size_t i = 0; i < n; i++)
            x[i] = exp(d->a + x[i]);
        break;
    case GPUCOST_DIST_TRIANGULAR: triangular_n(d, r, x, n); break;
    default:
        for (size_t i = 0; i < n; i++)
            x[i] = gpucost_dist_sample(d, r);
        break;
    }
}

/* ---- blends ---------------------------------------------------------- */

int gpucost_dist_blend(gpucost_dist *d, gpucost_dist_part *store, const gpucost_dist *parts,
                       const double *w, size_t n)
{
    if (n == 0 || n > GPUCOST_DIST_MAX_PARTS)
        return -1;
    int points = 1;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (parts[i].kind == GPUCOST_DIST_BLEND || !(w[i] > 0.0) || !isfinite(w[i]))
            return -1;
        points &= parts[i].kind == GPUCOST_DIST_POINT;
        sum += w[i] * parts[i].a;
    }
    if (points)
        return gpucost_dist_point(d, sum);
    for (size_t i = 0; i < n; i++)
        store[i] = (gpucost_dist_part){parts[i].kind, parts[i].a, parts[i].b, parts[i].c, w[i]};
    *d = (gpucost_dist){GPUCOST_DIST_BLEND, 0.0, 0.0, 0.0, n, store};
    return 0;
}

int gpucost_dist_about(gpucost_dist *d, double about, double tolerance)
{
    if (!isfinite(about) || !(tolerance >= 0.0 && tolerance < 1.0))
        return -1;
    return gpucost_dist_normal(d, about, fabs(about) * tolerance / GPUCOST_Z90);
}

/* Comonotonic parts: the p-quantile of the sum is the sum of the parts'
 * p-quantiles. */
static double blend_quantile(const gpucost_dist *d, double p)
{
    double x = 0.0;
    for (size_t i = 0; i < d->nparts; i++) {
        const gpucost_dist_part *pt = &d->part[i];
        x += pt->w * simple_quantile(pt->kind, pt->a, pt->b, pt->c, p);
    }
    return x;
}

typedef struct blend_target {
    const gpucost_dist *d;
    double x;
} blend_target;

static double blend_gap(double p, void *arg)
{
    const blend_target *t = arg;
    return blend_quantile(t->d, p) - t->x;
}

/* P(X <= x): the p whose quantile is x, by Brent's method on (0, 1)
 * (the quantile is increasing in p). */
static double blend_cdf(const gpucost_dist *d, double x)
{
    const double eps = 1e-12;
    if (!(x > blend_quantile(d, eps)))
        return 0.0;
    if (!(x < blend_quantile(d, 1.0 - eps)))
        return 1.0;
    blend_target t = {d, x};
    gsl_function f = {blend_gap, &t};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL || gsl_root_fsolver_set(s, &f, eps, 1.0 - eps) != GSL_SUCCESS) {
        gsl_root_fsolver_free(s);
        return 0.5; /* out of memory: the middle, never a crash */
    }
    double p = 0.5;
    for (int it = 0; it < 200; it++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
            break;
        p = gsl_root_fsolver_root(s);
        if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 1e-14,
                                   1e-12) == GSL_SUCCESS)
            break;
    }
    gsl_root_fsolver_free(s);
    return p;
}

int gpucost_dist_is_point(const gpucost_dist *d)
{
    return d->kind == GPUCOST_DIST_POINT;
}

/* ---- reading a distribution from JSON (docs/scenario-format.md) ------- */

static int make_interval(gpucost_dist *d, const double *v)
{
    return gpucost_dist_interval90(d, v[0], v[1]);
}
static int make_lognormal(gpucost_dist *d, const double *v)
{
    return gpucost_dist_lognormal90(d, v[0], v[1]);
}
static int make_uniform(gpucost_dist *d, const double *v)
{
    return gpucost_dist_uniform(d, v[0], v[1]);
}
static int make_normal(gpucost_dist *d, const double *v)
{
    return gpucost_dist_normal(d, v[0], v[1]);
}
static int make_triangular(gpucost_dist *d, const double *v)
{
    return gpucost_dist_triangular(d, v[0], v[1], v[2]);
}
static int make_about(gpucost_dist *d, const double *v)
{
    return gpucost_dist_about(d, v[0], v[1]);
}

/* The forms of an uncertain value: its "dist" name (none: the interval),
 * its number members in order, how it is built and what makes it invalid. */
typedef struct dist_form {
    const char *name;
    const char *keys[5]; /* "dist" first, except for the interval */
    int (*make)(gpucost_dist *, const double *);
    const char *why;
} dist_form;

static const dist_form forms[] = {
    {NULL, {"low", "high", NULL}, make_interval, "low must not exceed high"},
    /* "about 50,000": median exactly 50,000, 90% within the tolerance */
    {NULL,
     {"about", "tolerance", NULL},
     make_about,
     "tolerance must be a fraction from 0 to below 1 (for 10% write 0.1)"},
    {"lognormal", {"dist", "low", "high", NULL}, make_lognormal, "lognormal needs 0 < low <= high"},
    {"uniform", {"dist", "min", "max", NULL}, make_uniform, "min must not exceed max"},
    {"normal", {"dist", "mean", "sd", NULL}, make_normal, "sd must not be negative"},
    {"triangular",
     {"dist", "min", "mode", "max", NULL},
     make_triangular,
     "triangular needs min <= mode <= max"},
};

/* A number, or an error for the string shorthand or another type. */
static gpucost_status dist_number(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  gpucost_dist *out, gpucost_error *err)
{
    double v = 0.0; /* set by gc_json_number on success; -O3 cannot see that */
    gpucost_status rc = gc_json_number(doc, node, path, &v, err);
    if (rc == GPUCOST_OK)
        gpucost_dist_point(out, v);
    return rc;
}

/* Which form an object is: its "dist" member's, or the interval. */
static gpucost_status dist_form_of(const gc_json_doc *doc, const cJSON *node, const char *path,
                                   const dist_form **form, gpucost_error *err)
{
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(node, "dist");
    if (kind == NULL) {
        *form = &forms[cJSON_GetObjectItemCaseSensitive(node, "about") != NULL ? 1 : 0];
        return GPUCOST_OK;
    }
    const char *name = NULL;
    char sub[128];
    gc_json_path(sub, sizeof sub, path, "dist", 0);
    gpucost_status rc = gc_json_string(doc, kind, sub, &name, err);
    for (size_t i = 2; rc == GPUCOST_OK && i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(name, forms[i].name) == 0) {
            *form = &forms[i];
            return GPUCOST_OK;
        }
    return rc != GPUCOST_OK ? rc
                            : gc_json_fail(doc, kind, GPUCOST_EINVAL, path, err,
                                           "unknown distribution '%s' (expected "
                                           "uniform, normal, lognormal or triangular)",
                                           name);
}

gpucost_status gc_json_dist(const gc_json_doc *doc, const cJSON *node, const char *path,
                            gpucost_dist *out, gpucost_error *err)
{
    if (cJSON_IsNumber(node))
        return dist_number(doc, node, path, out, err);
    double shorthand;
    if (cJSON_IsString(node) && gpucost_number_parse(node->valuestring, &shorthand) == 0)
        /* "2.8M" is the command line's shorthand; a file takes JSON numbers */
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "expected a number, got the string \"%s\" (files take JSON "
                            "numbers: write %.17g)",
                            node->valuestring, shorthand);
    if (!cJSON_IsObject(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "expected a number or an uncertain value object, got %s",
                            gc_json_type_name(node));
    const dist_form *form = NULL;
    gpucost_status rc = dist_form_of(doc, node, path, &form, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_check_keys(doc, node, path, form->keys, err);
    double v[3] = {0, 0, 0};
    /* the numbers: every key but "dist" */
    const char *const *num = form == NULL ? NULL : form->keys + (form->name != NULL);
    for (int i = 0; rc == GPUCOST_OK && num[i] != NULL; i++)
        rc = gc_json_number_member(doc, node, path, num[i], 1, &v[i], NULL, err);
    if (rc == GPUCOST_OK && form->make(out, v) != 0)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "invalid range: %s", form->why);
    return rc;
}

/* Checks that every value an input can take lies in its quantity's
 * domain: a point's value, or the 5th and 95th percentiles of a range
 * (a normal range for a positive quantity must stay above zero there). */
int gc_dist_in_domain(gpucost_quantity q, const gpucost_dist *d)
{
    if (d->kind == GPUCOST_DIST_POINT)
        return gpucost_quantity_in_domain(q, d->a);
    /* the p5 and p95 of {low, high} are low and high up to rounding
     * (pue 1..2 has a p5 of 0.9999999999999998): a relative 1e-9 of slack */
    double lo = gpucost_dist_quantile(d, 0.05), hi = gpucost_dist_quantile(d, 0.95);
    lo += fabs(lo) * 1e-9;
    hi -= fabs(hi) * 1e-9;
    return gpucost_quantity_in_domain(q, lo) && gpucost_quantity_in_domain(q, hi) &&
           gpucost_quantity_in_domain(q, gpucost_dist_median(d));
}

gpucost_status gc_json_quantity_dist(const gc_json_doc *doc, const cJSON *node, const char *path,
                                     gpucost_quantity q, gpucost_dist *out, gpucost_error *err)
{
    gpucost_status rc = gc_json_dist(doc, node, path, out, err);
    char hint[64];
    if (rc != GPUCOST_OK || gc_dist_in_domain(q, out))
        return rc;
    return out->kind == GPUCOST_DIST_POINT
               ? gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected %s, got %g%s",
                              gpucost_quantity_domain_text(q), out->a,
                              gpucost_quantity_domain_hint(q, out->a, hint, sizeof hint))
               : gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                              "expected %s, but the range reaches outside it",
                              gpucost_quantity_domain_text(q));
}
