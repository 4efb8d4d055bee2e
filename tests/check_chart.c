/*
 * check_chart.c - the SVG charts at their edges: ulp-narrow and degenerate
 * ranges (the axis loop once never advanced), equal bars, a zero-swing
 * tornado, values near the largest double.  Each chart must end, stay
 * small and print no NaN or Inf coordinate.
 */
#include "check_util.h"

#include <float.h>

#include "gpucost/chart.h"

static void assert_finite_svg(const gpucost_buf *b)
{
    const char *t = gpucost_buf_str(b);
    ck_assert_msg(strstr(t, "nan") == NULL && strstr(t, "inf") == NULL, "NaN or Inf in:\n%s", t);
    ck_assert_msg(b->len < 64 * 1024, "a chart of %zu bytes", b->len);
    ck_assert(strncmp(t, "<svg", 4) == 0);
}

/* A histogram over [lo, hi] with every share in the middle bin. */
static void histogram_of(double lo, double hi)
{
    static gpucost_range_result r;
    memset(&r, 0, sizeof r);
    r.output = GPUCOST_Q_COST_USD;
    r.nquantiles = 3;
    r.quantiles[0] = 0.05;
    r.quantiles[1] = 0.5;
    r.quantiles[2] = 0.95;
    r.nstats = 1;
    r.stats[0].quantity = GPUCOST_Q_COST_USD;
    for (int k = 0; k < 3; k++)
        r.stats[0].q[k] = lo;
    for (size_t k = 0; k <= GPUCOST_HIST_BINS; k++)
        r.hist_edges[k] = lo + (hi - lo) * (double)k / GPUCOST_HIST_BINS;
    r.hist_share[GPUCOST_HIST_BINS / 2] = 1.0;
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_chart_histogram("h", &r, &b, &e_));
    assert_finite_svg(&b);
    gpucost_buf_release(&b);
}

START_TEST(test_chart_histogram_narrow_ranges)
{
    histogram_of(2.0, nextafter(2.0, 3.0));
    histogram_of(2.0, 2.0000000000000004);
    histogram_of(2.0, 2.0);
    histogram_of(0.0, 0.0);
    histogram_of(-1e-300, 1e-300);
    histogram_of(1e300, nextafter(1e300, DBL_MAX));
    histogram_of(1.0, 1e300);
}
END_TEST

START_TEST(test_chart_bars_equal_and_extreme)
{
    const double sets[][3] = {{5.0, 5.0, 5.0},
                              {1e-300, 1e-300, 1e-300},
                              {1.0, 1e300, 1e-300},
                              {DBL_MAX / 4, DBL_MAX / 4, DBL_MAX / 4},
                              {0.0, 0.0, 0.0}};
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
        for (int log_scale = 0; log_scale < 2; log_scale++) {
            if (log_scale && !(sets[k][0] > 0.0))
                continue;
            gpucost_bar bars[3] = {{"a", sets[k][0]}, {"b", sets[k][1]}, {"c", sets[k][2]}};
            gpucost_buf b;
            gpucost_buf_init(&b);
            ck_assert_ok(gpucost_chart_bars("t", GPUCOST_Q_COST_USD, bars, 3, log_scale, &b, &e_));
            assert_finite_svg(&b);
            gpucost_buf_release(&b);
        }
}
END_TEST

START_TEST(test_chart_tornado_zero_swing)
{
    static gpucost_range_result r;
    memset(&r, 0, sizeof r);
    r.output = GPUCOST_Q_COST_USD;
    r.output_median = 2.0;
    r.ntornado = 2;
    r.tornado[0] = (gpucost_tornado_bar){GPUCOST_Q_MFU, 0.2, 0.2, 2.0, 2.0, 0.0};
    r.tornado[1] = (gpucost_tornado_bar){
        GPUCOST_Q_PRICE_PER_GPU_HOUR, 2.0, 2.0000000000000004, 2.0, 2.0000000000000004, 4e-16};
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_chart_tornado("t", &r, &b, &e_));
    assert_finite_svg(&b);
    gpucost_buf_release(&b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("chart");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 20);
    tcase_add_test(core, test_chart_histogram_narrow_ranges);
    tcase_add_test(core, test_chart_bars_equal_and_extreme);
    tcase_add_test(core, test_chart_tornado_zero_swing);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
