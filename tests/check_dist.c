/*
 * check_dist.c - uncertain values: medians and quantiles against closed
 * forms, sampling against expectations, invalid parameters refused.
 */
#include "check_util.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "gpucost/dist.h"

START_TEST(test_dist_interval_is_lognormal_90)
{
    gpucost_dist d;
    ck_assert_int_eq(gpucost_dist_interval90(&d, 1.5, 3.5), 0);
    ck_assert_int_eq(d.kind, GPUCOST_DIST_LOGNORMAL);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.05), 1.5, 1e-9);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.95), 3.5, 1e-9);
    ck_assert_rel(gpucost_dist_median(&d), sqrt(1.5 * 3.5), 1e-12);
}
END_TEST

START_TEST(test_dist_interval_normal_when_not_positive)
{
    gpucost_dist d;
    ck_assert_int_eq(gpucost_dist_interval90(&d, -2.385, 4.0), 0);
    ck_assert_int_eq(d.kind, GPUCOST_DIST_NORMAL);
    ck_assert_rel(gpucost_dist_median(&d), (4.0 - 2.385) / 2, 1e-12);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.95), 4.0, 1e-9);
}
END_TEST

START_TEST(test_dist_closed_form_quantiles)
{
    gpucost_dist d;
    ck_assert_int_eq(gpucost_dist_uniform(&d, 2.0, 6.0), 0);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.25), 3.0, 1e-12);
    ck_assert_int_eq(gpucost_dist_normal(&d, 10.0, 2.0), 0);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.95), 10.0 + 2.0 * GPUCOST_Z90, 1e-9);
    /* triangular(0, 1, 2): symmetric, median 1; P(X < 0.5) = 0.5^2 / (2 x 1) = 0.125 */
    ck_assert_int_eq(gpucost_dist_triangular(&d, 0.0, 1.0, 2.0), 0);
    ck_assert_rel(gpucost_dist_median(&d), 1.0, 1e-12);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.125), 0.5, 1e-12);
    /* skewed triangular(1, 2, 5): median = 5 - sqrt(0.5 x 4 x 3) */
    ck_assert_int_eq(gpucost_dist_triangular(&d, 1.0, 2.0, 5.0), 0);
    ck_assert_rel(gpucost_dist_median(&d), 5.0 - sqrt(6.0), 1e-12);
}
END_TEST

START_TEST(test_dist_sampling_matches_expectation)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    enum { N = 200000 };
    double *x = malloc(N * sizeof *x);
    gpucost_dist d;
    /* lognormal mean = exp(mu + sigma^2 / 2) */
    ck_assert_int_eq(gpucost_dist_lognormal90(&d, 2.5e6, 3.1e6), 0);
    for (int i = 0; i < N; i++)
        x[i] = gpucost_dist_sample(&d, r);
    ck_assert_rel(gsl_stats_mean(x, 1, N), exp(d.a + d.b * d.b / 2), 2e-3);
    /* triangular mean = (a + b + c) / 3 */
    ck_assert_int_eq(gpucost_dist_triangular(&d, 1.0, 2.0, 5.0), 0);
    for (int i = 0; i < N; i++)
        x[i] = gpucost_dist_sample(&d, r);
    ck_assert_rel(gsl_stats_mean(x, 1, N), 8.0 / 3.0, 5e-3);
    free(x);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_dist_invalid_parameters)
{
    gpucost_dist d;
    gpucost_dist_point(&d, 2.385);
    ck_assert_int_eq(gpucost_dist_interval90(&d, 3.5, 1.5), -1);
    ck_assert_int_eq(gpucost_dist_lognormal90(&d, 0.0, 1.5), -1);
    ck_assert_int_eq(gpucost_dist_normal(&d, 1.0, -0.1), -1);
    ck_assert_int_eq(gpucost_dist_uniform(&d, 2.0, 1.0), -1);
    ck_assert_int_eq(gpucost_dist_triangular(&d, 0.0, 3.0, 2.0), -1);
    ck_assert_int_eq(gpucost_dist_point(&d, NAN), -1);
    ck_assert_int_eq(gpucost_dist_interval90(&d, -INFINITY, 1.0), -1);
    ck_assert_rel(d.a, 2.385, 0); /* untouched */
    /* zero width is a point, not an error */
    ck_assert_int_eq(gpucost_dist_interval90(&d, 2.0, 2.0), 0);
    ck_assert_int_eq(d.kind, GPUCOST_DIST_POINT);
}
END_TEST

/* A triangular law over nearly the whole positive double range: its
 * quantiles and CDF stay finite (w x (mode - lo) once overflowed). */
START_TEST(test_dist_triangular_huge_range)
{
    gpucost_dist d;
    ck_assert_int_eq(gpucost_dist_triangular(&d, 1e-300, 1e300, 1.7e308), 0);
    double med = gpucost_dist_median(&d);
    ck_assert(isfinite(med) && med > 1e300 && med < 1.7e308);
    ck_assert_rel(gpucost_dist_cdf(&d, med), 0.5, 1e-12);
    ck_assert(isfinite(gpucost_dist_quantile(&d, 0.05)) &&
              isfinite(gpucost_dist_quantile(&d, 0.95)));
}
END_TEST

/* A blend of comonotonic parts: its p-quantile is the weighted sum of the
 * parts' p-quantiles, its median the weighted sum of their medians, and
 * its CDF inverts its quantile. */
START_TEST(test_dist_blend_quantiles)
{
    gpucost_dist parts[3], b;
    gpucost_dist_part store[GPUCOST_DIST_MAX_PARTS];
    ck_assert_int_eq(gpucost_dist_lognormal90(&parts[0], 25000, 40000), 0);
    ck_assert_int_eq(gpucost_dist_uniform(&parts[1], 10000, 15000), 0);
    ck_assert_int_eq(gpucost_dist_point(&parts[2], 2.385), 0);
    double w[3] = {0.2, 0.3, 0.5};
    ck_assert_int_eq(gpucost_dist_blend(&b, store, parts, w, 3), 0);
    ck_assert_int_eq(b.kind, GPUCOST_DIST_BLEND);
    /* the parts are written to the store the blend borrows */
    ck_assert_ptr_eq(b.part, store);
    ck_assert_uint_eq(b.nparts, 3);
    ck_assert_double_eq(store[1].w, 0.3);
    ck_assert_double_eq(store[2].a, 2.385);
    double p[] = {0.05, 0.5, 0.95, 0.999};
    for (size_t i = 0; i < 4; i++) {
        double want = 0.2 * gpucost_dist_quantile(&parts[0], p[i]) +
                      0.3 * gpucost_dist_quantile(&parts[1], p[i]) + 0.5 * 2.385;
        ck_assert_rel(gpucost_dist_quantile(&b, p[i]), want, 1e-14);
        ck_assert_rel(gpucost_dist_cdf(&b, want), p[i], 1e-9);
    }
    ck_assert_rel(gpucost_dist_median(&b),
                  0.2 * sqrt(25000.0 * 40000.0) + 0.3 * 12500 + 0.5 * 2.385, 1e-14);
    ck_assert_double_eq(gpucost_dist_cdf(&b, 0.0), 0.0);
    ck_assert_double_eq(gpucost_dist_cdf(&b, 1e300), 1.0);
    /* every draw lies between the parts' extremes */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    for (int i = 0; i < 1000; i++) {
        double x = gpucost_dist_sample(&b, r);
        ck_assert(x > 0.3 * 10000 && x < 0.2 * 1e6 + 0.3 * 15000 + 2);
    }
    gsl_rng_free(r);
    /* points blend to a point */
    gpucost_dist pts[2];
    gpucost_dist_point(&pts[0], 10000);
    gpucost_dist_point(&pts[1], 30000);
    double ones[2] = {1, 1};
    ck_assert_int_eq(gpucost_dist_blend(&b, store, pts, ones, 2), 0);
    ck_assert_int_eq(b.kind, GPUCOST_DIST_POINT);
    ck_assert_double_eq(b.a, 40000);
}
END_TEST

/* {"about": N, "tolerance": t}: the median is exactly N and the 90%
 * interval N(1 -+ t). */
START_TEST(test_dist_about)
{
    gpucost_dist d;
    ck_assert_int_eq(gpucost_dist_about(&d, 50000, 0.1), 0);
    ck_assert_double_eq(gpucost_dist_median(&d), 50000);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.05), 45000, 1e-12);
    ck_assert_rel(gpucost_dist_quantile(&d, 0.95), 55000, 1e-12);
    ck_assert_int_eq(gpucost_dist_about(&d, 2.385, 0), 0);
    ck_assert(gpucost_dist_is_point(&d));
    ck_assert_int_eq(gpucost_dist_about(&d, 50000, 1.0), -1);
    ck_assert_int_eq(gpucost_dist_about(&d, 50000, -0.1), -1);
    ck_assert_int_eq(gpucost_dist_about(&d, INFINITY, 0.1), -1);
}
END_TEST

START_TEST(test_dist_blend_invalid)
{
    gpucost_dist parts[GPUCOST_DIST_MAX_PARTS + 1], b;
    gpucost_dist_part store[GPUCOST_DIST_MAX_PARTS + 1];
    double w[GPUCOST_DIST_MAX_PARTS + 1];
    for (int i = 0; i <= GPUCOST_DIST_MAX_PARTS; i++) {
        gpucost_dist_uniform(&parts[i], 1, 2);
        w[i] = 1;
    }
    ck_assert_int_eq(gpucost_dist_blend(&b, store, parts, w, 0), -1);
    ck_assert_int_eq(gpucost_dist_blend(&b, store, parts, w, GPUCOST_DIST_MAX_PARTS + 1), -1);
    w[1] = 0;
    ck_assert_int_eq(gpucost_dist_blend(&b, store, parts, w, 2), -1);
    w[1] = NAN;
    ck_assert_int_eq(gpucost_dist_blend(&b, store, parts, w, 2), -1);
    w[1] = 1;
    ck_assert_int_eq(gpucost_dist_blend(&b, store, parts, w, 2), 0);
    gpucost_dist nested[2] = {b, parts[0]};
    ck_assert_int_eq(gpucost_dist_blend(&b, store, nested, w, 2), -1); /* a blend of a blend */
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("dist");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_dist_triangular_huge_range);
    tcase_add_test(core, test_dist_interval_is_lognormal_90);
    tcase_add_test(core, test_dist_interval_normal_when_not_positive);
    tcase_add_test(core, test_dist_closed_form_quantiles);
    tcase_add_test(core, test_dist_sampling_matches_expectation);
    tcase_add_test(core, test_dist_blend_quantiles);
    tcase_add_test(core, test_dist_about);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_dist_invalid_parameters);
    tcase_add_test(errors, test_dist_blend_invalid);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
