/*
 * check_chart.c - charts: a document's series drawn as SVG
 * (render/render_svg.c, render/view_series.c) and chart.h's wrappers over
 * them.  Series rendered directly: each kind's shapes and labels, the
 * series an SVG output picks (gc_view_chart), HTML drawing them inline
 * but not an SVG-only one, non-finite values refused with ERANGE naming
 * the quantity, an empty series with its kind's or its builder's words,
 * nothing left in the buffer by a chart that cannot be drawn, and every
 * allocation failure giving an out-of-memory error.  The wrappers at
 * their edges: ulp-narrow and degenerate ranges (the axis loop once never
 * advanced), equal bars, a zero-swing tornado, values near the largest
 * double; each chart must end, stay small and print no NaN or Inf
 * coordinate.
 */
#include "check_util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "gpucost/alloc.h"
#include "gpucost/chart.h"
#include "render/view.h"

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

/* Renders `v` (built for format `f`) into a fresh buffer; the buffer's
 * text, or NULL with `st` set when rendering fails (the buffer must then
 * be empty). */
static char *render(gc_view *v, gpucost_format f, gpucost_status *st, gpucost_error *err)
{
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_buf_puts(&b, "kept|");
    *st = gc_view_finish(v, f, &b, err);
    char *text = NULL;
    if (*st == GPUCOST_OK) {
        ck_assert(strncmp(gpucost_buf_str(&b), "kept|", 5) == 0);
        text = gpucost_strdup(gpucost_buf_str(&b) + 5);
    } else if (!b.failed) {
        ck_assert_str_eq(gpucost_buf_str(&b), "kept|"); /* nothing of the document */
    }
    gpucost_buf_release(&b);
    return text;
}

static char *render_ok(gc_view *v, gpucost_format f)
{
    gpucost_status st;
    gpucost_error err;
    char *t = render(v, f, &st, &err);
    char m[512];
    ck_assert_msg(st == GPUCOST_OK, "%s", gpucost_error_format(&err, m, sizeof m));
    return t;
}

/* The error of rendering `v` as SVG; checks its code and message. */
static void render_fails(gc_view *v, gpucost_status code, const char *path, const char *message)
{
    gpucost_status st;
    gpucost_error err;
    ck_assert_ptr_null(render(v, GPUCOST_FMT_SVG, &st, &err));
    ck_assert_int_eq(st, code);
    ck_assert_str_eq(err.path, path);
    ck_assert_str_eq(err.message, message);
}

static const double edges[5] = {1.0, 2.0, 3.0, 4.0, 5.0}, share[4] = {0.1, 0.4, 0.3, 0.2};

static gc_series *histogram_series(gc_view *v)
{
    gc_series *s = gc_view_series(v, GC_SERIES_HISTOGRAM, "histogram", GPUCOST_Q_COST_USD);
    gc_series_title(s, "spread of <cost>");
    if (s != NULL) /* NULL: out of memory */
        s->samples = 2385;
    gc_series_bins(s, edges, share, 4);
    gc_series_point(s, "p5", 1.5);
    gc_series_point(s, "p50", 2.385);
    gc_series_point(s, "p95", 9.0);      /* off the axis: no mark */
    gc_series_point(s, "p99", INFINITY); /* not finite: no mark */
    return s;
}

static gc_series *tornado_series(gc_view *v)
{
    gc_series *s = gc_view_series(v, GC_SERIES_TORNADO, "tornado", GPUCOST_Q_COST_USD);
    gc_series_title(s, "what drives cost");
    if (s != NULL)
        s->centre = 2.385;
    gc_series_input(s, "mfu", "30% to 50%", 3.1, 1.9, 1.2, 0);
    gc_series_input(s, "gpus", "2k to 2k", 2.385, 2.385, 0.0, 1);
    gc_series_caption(s, "no effect on cost_usd: gpus");
    return s;
}

START_TEST(test_chart_series_each_kind)
{
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    gc_series *s = gc_view_series(&v, GC_SERIES_BARS, "bars", GPUCOST_Q_GPU_HOURS);
    gc_series_title(s, "gpu hours");
    s->log_scale = 1;
    gc_series_point(s, "a&b", 2.385e6);
    gc_series_point(s, "c", 1.2e5);
    char *t = render_ok(&v, GPUCOST_FMT_SVG);
    ck_assert(strncmp(t, "<svg ", 5) == 0);
    ck_assert_ptr_nonnull(strstr(t, "<title>gpu hours</title>"));
    ck_assert_ptr_nonnull(strstr(t, ">a&amp;b</text>"));
    ck_assert_ptr_nonnull(strstr(t, "log scale)</text>"));
    ck_assert_int_eq(strcmp(t + strlen(t) - 7, "</svg>\n"), 0);
    free(t);

    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    histogram_series(&v);
    t = render_ok(&v, GPUCOST_FMT_SVG);
    ck_assert_ptr_nonnull(strstr(t, "<title>spread of &lt;cost&gt;</title>"));
    ck_assert_ptr_nonnull(strstr(t, "central 99% of 2,385 samples"));
    ck_assert_ptr_nonnull(strstr(t, ">p5 $1.50</text>"));
    ck_assert_ptr_nonnull(strstr(t, ">p50 $2.38"));
    ck_assert_ptr_null(strstr(t, ">p95 "));
    ck_assert_ptr_null(strstr(t, ">p99 "));
    ck_assert_ptr_null(strstr(t, "inf"));
    free(t);

    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    tornado_series(&v);
    t = render_ok(&v, GPUCOST_FMT_SVG);
    ck_assert_ptr_nonnull(strstr(t, ">mfu</text>"));
    ck_assert_ptr_nonnull(strstr(t, ">30% to 50%</text>"));
    ck_assert_ptr_null(strstr(t, ">gpus</text>")); /* folded: no bar */
    ck_assert_ptr_nonnull(strstr(t, ">no effect on cost_usd: gpus</text>"));
    ck_assert_ptr_nonnull(strstr(t, "line: every input at its median, $2.38"));
    free(t);
}
END_TEST

/* SVG draws the one series the document names; HTML every one on the
 * page, where it stands; text none. */
START_TEST(test_chart_series_choice)
{
    const char *tags[] = {NULL, "tornado", "histogram"};
    const char *want[] = {"spread of", "what drives", "spread of"};
    for (size_t k = 0; k < 3; k++) {
        gc_view v;
        gc_view_init_for(&v, GPUCOST_FMT_SVG);
        gc_view_title(&v, "not in an SVG output");
        histogram_series(&v);
        tornado_series(&v);
        if (tags[k] != NULL)
            gc_view_chart(&v, tags[k]);
        char *t = render_ok(&v, GPUCOST_FMT_SVG);
        ck_assert_ptr_nonnull(strstr(t, want[k]));
        ck_assert_ptr_null(strstr(t + 1, "<svg ")); /* one chart */
        ck_assert_ptr_null(strstr(t, "not in an SVG"));
        free(t);
    }
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    histogram_series(&v);
    gc_view_chart(&v, "pie");
    render_fails(&v, GPUCOST_EINVAL, "", "no chart to draw");

    gc_view_init_for(&v, GPUCOST_FMT_HTML);
    gc_view_title(&v, "range");
    histogram_series(&v);
    gc_series *bars = gc_view_series(&v, GC_SERIES_BARS, "bars", GPUCOST_Q_COST_USD);
    bars->svg_only = 1;
    tornado_series(&v);
    char *t = render_ok(&v, GPUCOST_FMT_HTML);
    const char *h = strstr(t, "<div class=\"chart histogram\">\n<svg "),
               *o = strstr(t, "<div class=\"chart tornado\">\n<svg ");
    ck_assert(strncmp(t, "<h3>range</h3>\n", 15) == 0);
    ck_assert(h != NULL && o != NULL && h < o);
    ck_assert_ptr_null(strstr(t, "chart bars"));
    free(t);

    gc_view_init_for(&v, GPUCOST_FMT_TABLE);
    ck_assert_ptr_null(gc_view_series(&v, GC_SERIES_BARS, "bars", GPUCOST_Q_COST_USD));
    gc_view_title(&v, "t");
    t = render_ok(&v, GPUCOST_FMT_TABLE);
    ck_assert_str_eq(t, "t\n");
    free(t);
    /* a document with every part: text skips its series */
    gc_view_init(&v);
    gc_view_title(&v, "t");
    tornado_series(&v);
    t = render_ok(&v, GPUCOST_FMT_MD);
    ck_assert_str_eq(t, "### t\n");
    free(t);
}
END_TEST

START_TEST(test_chart_series_not_finite)
{
    const char *msg = "cannot chart a value of 'cost_usd' that is not finite";
    for (int k = 0; k < 6; k++) {
        gc_view v;
        gc_view_init_for(&v, GPUCOST_FMT_SVG);
        if (k == 0) {
            gc_series *s = gc_view_series(&v, GC_SERIES_BARS, NULL, GPUCOST_Q_COST_USD);
            gc_series_point(s, "a", 1.0);
            gc_series_point(s, "b", NAN);
        } else if (k <= 2) {
            gc_series *s = histogram_series(&v);
            (k == 1 ? s->share : s->edges)[2] = INFINITY;
        } else if (k <= 4) {
            gc_series *s = tornado_series(&v);
            if (k == 3)
                s->points[1].low = -INFINITY;
            else
                s->points[0].high = NAN;
        } else { /* the page refuses it too, and keeps nothing */
            gc_view_init_for(&v, GPUCOST_FMT_HTML);
            gc_view_title(&v, "before");
            gc_series *s = gc_view_series(&v, GC_SERIES_BARS, "bars", GPUCOST_Q_COST_USD);
            gc_series_point(s, "a", INFINITY);
            gpucost_status st;
            gpucost_error err;
            ck_assert_ptr_null(render(&v, GPUCOST_FMT_HTML, &st, &err));
            ck_assert_int_eq(st, GPUCOST_ERANGE);
            ck_assert_str_eq(err.message, msg);
            continue;
        }
        render_fails(&v, GPUCOST_ERANGE, "cost_usd", msg);
    }
    /* a log axis cannot show zero */
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    gc_series *s = gc_view_series(&v, GC_SERIES_BARS, NULL, GPUCOST_Q_COST_USD);
    s->log_scale = 1;
    gc_series_point(s, "a", 0.0);
    render_fails(&v, GPUCOST_EINVAL, "cost_usd", "a log axis cannot show 0");
}
END_TEST

START_TEST(test_chart_series_empty)
{
    const gc_series_kind kinds[] = {GC_SERIES_BARS, GC_SERIES_HISTOGRAM, GC_SERIES_TORNADO};
    for (size_t k = 0; k < 3; k++) {
        gc_view v;
        gc_view_init_for(&v, GPUCOST_FMT_SVG);
        gc_series *s = gc_view_series(&v, kinds[k], NULL, GPUCOST_Q_COST_USD);
        if (kinds[k] == GC_SERIES_HISTOGRAM) {
            gc_series_point(s, "p5", 1.0); /* a mark is no bin */
            gc_series_bins(s, edges, share, 0);
        }
        render_fails(&v, GPUCOST_EINVAL, "", "no values to chart");
        /* in the builder's own words (the last said) */
        gc_view_init_for(&v, GPUCOST_FMT_SVG);
        s = gc_view_series(&v, kinds[k], NULL, GPUCOST_Q_COST_USD);
        gc_series_empty(s, GPUCOST_EINVAL, NULL, "first");
        gc_series_empty(s, GPUCOST_ENOTFOUND, "quantities", "no scenario knows '%s'", "x");
        render_fails(&v, GPUCOST_ENOTFOUND, "quantities", "no scenario knows 'x'");
    }
    /* a document without a series has no chart */
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    render_fails(&v, GPUCOST_EINVAL, "", "no chart to draw");
}
END_TEST

static void build_all(gc_view *v)
{
    gc_view_title(v, "range");
    gc_series *b = gc_view_series(v, GC_SERIES_BARS, "bars", GPUCOST_Q_COST_USD);
    gc_series_title(b, "bars");
    for (int i = 0; i < 20; i++)
        gc_series_point(b, "a bar", 1.0 + i);
    histogram_series(v);
    tornado_series(v);
    gc_series_empty(tornado_series(v), GPUCOST_EINVAL, "x", "y");
    gc_view_chart(v, "tornado");
}

/* Every allocation of building and drawing series, failed in turn: each
 * run draws all of it or gives an out-of-memory error. */
START_TEST(test_chart_series_out_of_memory)
{
    const gpucost_format fs[] = {GPUCOST_FMT_SVG, GPUCOST_FMT_HTML};
    for (size_t k = 0; k < 2; k++) {
        int done = 0;
        for (size_t n = 1; !done && n < 1000; n++) {
            gc_view v;
            test_fail_allocation(n);
            gc_view_init_for(&v, fs[k]);
            build_all(&v);
            gpucost_buf b;
            gpucost_buf_init(&b);
            gpucost_error err;
            gpucost_status st = gc_view_finish(&v, fs[k], &b, &err);
            test_restore_allocator();
            if (st == GPUCOST_OK)
                done = test_alloc_calls < n;
            else {
                ck_assert_int_eq(st, GPUCOST_ENOMEM);
                ck_assert_str_eq(err.message, "out of memory");
            }
            gpucost_buf_release(&b);
        }
        ck_assert(done);
    }
    /* the wrappers too */
    int done = 0;
    for (size_t n = 1; !done && n < 100; n++) {
        gpucost_bar bars[2] = {{"a", 1.0}, {"b", 2.0}};
        gpucost_buf b;
        gpucost_buf_init(&b);
        test_fail_allocation(n);
        gpucost_error err;
        gpucost_status st = gpucost_chart_bars("t", GPUCOST_Q_COST_USD, bars, 2, 0, &b, &err);
        test_restore_allocator();
        if (st == GPUCOST_OK)
            done = test_alloc_calls < n;
        else
            ck_assert_int_eq(st, GPUCOST_ENOMEM);
        gpucost_buf_release(&b);
    }
    ck_assert(done);
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
    tcase_add_test(core, test_chart_series_each_kind);
    tcase_add_test(core, test_chart_series_choice);
    tcase_add_test(core, test_chart_series_not_finite);
    tcase_add_test(core, test_chart_series_empty);
    tcase_add_test(core, test_chart_series_out_of_memory);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
