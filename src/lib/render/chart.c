/*
 * chart.c - bars, histogram and tornado as SVG text (chart.h).
 *
 * Layout is fixed-width (640 px) with a label column on the left and the
 * plot on the right; coordinates are rounded to 0.1 px so the text is
 * stable for golden tests.  Tick positions are "nice" numbers (1, 2, 5 x
 * 10^k) on linear axes and powers of ten on log axes.
 */
#include "base/c_locale.h"
#include "gpucost/chart.h"
#include "base/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define W 640.0
#define LABEL_W 200.0
#define PLOT_X0 (LABEL_W + 10.0)
#define PLOT_X1 (W - 30.0)
#define FONT "font-family=\"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\""

static const char *bar_color = "#3b6ea5";

static gpucost_status finite_or_error(double v, gpucost_quantity q, gpucost_error *err)
{
    if (isfinite(v))
        return GPUCOST_OK;
    return GPUCOST_ERROR(err, GPUCOST_ERANGE, NULL, 0, 0, gpucost_quantity_info_get(q)->name,
                         "cannot chart a value of '%s' that is not finite",
                         gpucost_quantity_info_get(q)->name);
}

static void svg_open(gpucost_buf *out, double height, const char *title)
{
    gpucost_buf_printf(out,
                       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                       "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
                       W, height, W, height);
    gpucost_buf_xml(out, title);
    gpucost_buf_printf(out, "\" " FONT " font-size=\"12\">\n<title>");
    gpucost_buf_xml(out, title);
    gpucost_buf_puts(out, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    gpucost_buf_printf(out, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"600\">");
    gpucost_buf_xml(out, title);
    gpucost_buf_puts(out, "</text>\n");
}

static void text(gpucost_buf *out, double x, double y, const char *anchor, const char *extra,
                 const char *s)
{
    gpucost_buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
                       extra[0] ? " " : "", extra);
    gpucost_buf_xml(out, s);
    gpucost_buf_puts(out, "</text>\n");
}

static void line(gpucost_buf *out, double x1, double y1, double x2, double y2, const char *style)
{
    gpucost_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>\n", x1, y1,
                       x2, y2, style);
}

/* The quantity's unit for an axis title: "GPU-h", "USD", "%". */
static const char *axis_unit(gpucost_quantity q)
{
    const gpucost_quantity_info *i = gpucost_quantity_info_get(q);
    if (i->style == GPUCOST_NUM_USD)
        return i->unit[0] == '/' ? "USD per unit" : "USD";
    if (i->style == GPUCOST_NUM_PERCENT)
        return "%";
    return i->unit[0] ? i->unit : "ratio";
}

/* A tick label: the number in the quantity's style, without the unit
 * (the axis title carries it). */
static void tick_label(gpucost_quantity q, double v, char *buf, size_t n)
{
    gpucost_number_format(v, gpucost_quantity_info_get(q)->style, buf, n);
    /* ticks are round numbers: "$1.00M" reads better as "$1M" */
    char *dot = strchr(buf, '.');
    if (dot == NULL)
        return;
    char *end = dot + 1;
    while (*end >= '0' && *end <= '9')
        end++;
    char *last = end;
    while (last > dot + 1 && last[-1] == '0')
        last--;
    if (last == dot + 1)
        last = dot;
    memmove(last, end, strlen(end) + 1);
}

/* Nice tick step for a span divided into about `k` parts. */
static double nice_step(double span, int k)
{
    if (!(span > 0.0) || !isfinite(span))
        return 1.0;
    double raw = span / k, mag = pow(10.0, floor(log10(raw))), f = raw / mag;
    double nice = f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0;
    double step = nice * mag;
    return step > 0.0 && isfinite(step) ? step : 1.0;
}

/* How many ticks k x step lie in [lo, hi]: every loop over an axis runs
 * over this count, never over a floating-point comparison (a step below
 * the values' ulp would never advance).  0 when the count is not sane. */
#define MAX_TICKS 64
static size_t tick_count(double lo, double hi, double step, double *first)
{
    double k0 = ceil(lo / step - 1e-9), k1 = floor(hi / step + 1e-9);
    if (!isfinite(k0) || !isfinite(k1) || k1 < k0 || k1 - k0 >= MAX_TICKS)
        return 0;
    *first = k0;
    return (size_t)(k1 - k0) + 1;
}

typedef struct axis {
    double lo, hi; /* in value space (log10 of it when log) */
    int log;
} axis;

/* An axis narrower than a few ulps of its values (or inverted, or not
 * finite) is widened around its middle, so positions stay finite. */
static void axis_fix(axis *a)
{
    double mid = (a->lo + a->hi) / 2.0;
    if (!isfinite(mid))
        mid = 0.0;
    double scale = fmax(fabs(a->lo), fabs(a->hi));
    if (isfinite(a->lo) && isfinite(a->hi) && a->hi - a->lo > scale * 1e-9)
        return;
    double half = a->log ? 0.5 : mid != 0.0 ? fabs(mid) * 0.05 : 1.0;
    a->lo = mid - half;
    a->hi = mid + half;
}

static double xpos(const axis *a, double v)
{
    double t = a->log ? log10(v) : v;
    return PLOT_X0 + (t - a->lo) / (a->hi - a->lo) * (PLOT_X1 - PLOT_X0);
}

/* Ticks along the bottom at y, grid lines up to y_top, and the axis title. */
static void x_axis(gpucost_buf *out, const axis *a, gpucost_quantity q, double y_top, double y,
                   const char *title)
{
    line(out, PLOT_X0, y, PLOT_X1, y, "stroke=\"#444\"");
    char lab[64];
    if (a->log) {
        double e0 = 0.0;
        size_t nt = tick_count(a->lo, a->hi, 1.0, &e0);
        for (size_t k = 0; k < nt; k++) {
            double e = e0 + (double)k;
            double x = xpos(a, pow(10.0, e));
            line(out, x, y_top, x, y, "stroke=\"#ddd\"");
            line(out, x, y, x, y + 5, "stroke=\"#444\"");
            tick_label(q, pow(10.0, e), lab, sizeof lab);
            text(out, x, y + 18, "middle", "", lab);
        }
    } else {
        double step = nice_step(a->hi - a->lo, 5), k0 = 0.0;
        size_t nt = tick_count(a->lo, a->hi, step, &k0);
        for (size_t k = 0; k < nt; k++) {
            double v = (k0 + (double)k) * step;
            double x = xpos(a, v);
            line(out, x, y_top, x, y, "stroke=\"#eee\"");
            line(out, x, y, x, y + 5, "stroke=\"#444\"");
            tick_label(q, fabs(v) < step * 1e-9 ? 0.0 : v, lab, sizeof lab);
            text(out, x, y + 18, "middle", "", lab);
        }
    }
    text(out, (PLOT_X0 + PLOT_X1) / 2, y + 36, "middle", "fill=\"#444\"", title);
}

gpucost_status gpucost_chart_bars(const char *title, gpucost_quantity q, const gpucost_bar *bars,
                                  size_t n, int log_scale, gpucost_buf *out, gpucost_error *err)
{
    if (n == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL, "no values to chart");
    double mn = INFINITY, mx = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        gpucost_status rc = finite_or_error(bars[i].value, q, err);
        if (rc != GPUCOST_OK)
            return rc;
        if (log_scale && !(bars[i].value > 0.0))
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0,
                                 gpucost_quantity_info_get(q)->name, "a log axis cannot show %g",
                                 bars[i].value);
        mn = fmin(mn, bars[i].value);
        mx = fmax(mx, bars[i].value);
    }
    axis a;
    a.log = log_scale;
    if (log_scale) {
        a.lo = floor(log10(mn));
        a.hi = ceil(log10(mx));
        if (a.hi <= a.lo)
            a.hi = a.lo + 1.0;
    } else {
        double step =
            nice_step(fmax(mx, 0.0) - fmin(mn, 0.0) > 0 ? fmax(mx, 0.0) - fmin(mn, 0.0) : 1.0, 5);
        a.lo = floor(fmin(mn, 0.0) / step) * step;
        a.hi = ceil(fmax(mx, 0.0) / step) * step;
        if (a.hi <= a.lo)
            a.hi = a.lo + step;
    }
    axis_fix(&a);
    double row = 26.0, top = 36.0, plot_h = row * (double)n;
    double height = top + plot_h + 50.0;
    svg_open(out, height, title);
    char axis_title[128];
    gc_text_printf(axis_title, sizeof axis_title, "%s (%s%s)", gpucost_quantity_info_get(q)->name,
                   axis_unit(q), log_scale ? ", log scale" : "");
    x_axis(out, &a, q, top, top + plot_h, axis_title);
    double base_x = log_scale ? PLOT_X0 : xpos(&a, 0.0);
    for (size_t i = 0; i < n; i++) {
        double y = top + (double)i * row + 4.0, x = xpos(&a, bars[i].value);
        double x0 = fmin(base_x, x), w = fabs(x - base_x);
        gpucost_buf_printf(
            out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
            x0, y, w < 1.0 ? 1.0 : w, row - 8.0, bar_color);
        char v[64];
        gpucost_quantity_format(q, bars[i].value, v, sizeof v);
        gpucost_buf_xml(out, bars[i].label);
        gpucost_buf_puts(out, ": ");
        gpucost_buf_xml(out, v);
        gpucost_buf_puts(out, "</title></rect>\n");
        text(out, LABEL_W, y + row / 2, "end", "", bars[i].label);
        /* the value beside the bar, inside it when the bar reaches the edge */
        if (x > PLOT_X1 - 60.0)
            text(out, x - 4.0, y + row / 2, "end", "fill=\"#fff\"", v);
        else
            text(out, x + 4.0, y + row / 2, "start", "", v);
    }
    gpucost_buf_puts(out, "</svg>\n");
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}

gpucost_status gpucost_chart_histogram(const char *title, const gpucost_range_result *r,
                                       gpucost_buf *out, gpucost_error *err)
{
    int s = gpucost_range_find(r, r->output);
    if (s < 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL,
                             "the headline output does not vary");
    gpucost_quantity q = r->output;
    double peak = 0.0;
    for (size_t k = 0; k < GPUCOST_HIST_BINS; k++) {
        gpucost_status rc = finite_or_error(r->hist_share[k], q, err);
        if (rc != GPUCOST_OK)
            return rc;
        peak = fmax(peak, r->hist_share[k]);
    }
    for (size_t k = 0; k <= GPUCOST_HIST_BINS; k++) {
        gpucost_status rc = finite_or_error(r->hist_edges[k], q, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    if (!(peak > 0.0))
        peak = 1.0;
    double top = 56.0, plot_h = 180.0, bottom = top + plot_h, height = bottom + 50.0;
    axis a = {r->hist_edges[0], r->hist_edges[GPUCOST_HIST_BINS], 0};
    axis_fix(&a);
    svg_open(out, height, title);
    /* y axis: share of samples per bin */
    double ystep = nice_step(peak, 4), k0 = 0.0;
    char lab[64];
    size_t nt = tick_count(0.0, peak, ystep, &k0);
    for (size_t k = 0; k < nt; k++) {
        double v = (k0 + (double)k) * ystep;
        double y = bottom - v / peak * plot_h;
        line(out, PLOT_X0, y, PLOT_X1, y, "stroke=\"#eee\"");
        gc_snprintf(lab, sizeof lab, "%.3g%%", v * 100.0);
        text(out, PLOT_X0 - 6.0, y + 4.0, "end", "", lab);
    }
    gpucost_buf_printf(out,
                       "<text x=\"0\" y=\"0\" transform=\"translate(%.1f %.1f) rotate(-90)\" "
                       "text-anchor=\"middle\" fill=\"#444\">share of samples per bin</text>\n",
                       PLOT_X0 - 52.0, top + plot_h / 2);
    char axis_title[160];
    char count[32];
    gpucost_number_format((double)r->samples, GPUCOST_NUM_COUNT, count, sizeof count);
    gc_text_printf(axis_title, sizeof axis_title, "%s (%s), central 99%% of %s samples",
                   gpucost_quantity_info_get(q)->name, axis_unit(q), count);
    x_axis(out, &a, q, top, bottom, axis_title);
    double bw = (PLOT_X1 - PLOT_X0) / GPUCOST_HIST_BINS;
    for (size_t k = 0; k < GPUCOST_HIST_BINS; k++) {
        double h = r->hist_share[k] / peak * plot_h;
        gpucost_buf_printf(out,
                           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                           "opacity=\"0.8\"/>\n",
                           PLOT_X0 + (double)k * bw + 0.5, bottom - h, bw - 1.0, h, bar_color);
    }
    /* quantile marks, labels staggered so neighbours do not collide */
    for (size_t k = 0; k < r->nquantiles; k++) {
        double v = r->stats[s].q[k];
        if (!isfinite(v) || v < a.lo || v > a.hi)
            continue;
        double x = xpos(&a, v);
        line(out, x, top - 4.0, x, bottom,
             "stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"");
        char v_s[64], mark[96];
        gpucost_quantity_format(q, v, v_s, sizeof v_s);
        gc_text_printf(mark, sizeof mark, "p%g %s", r->quantiles[k] * 100.0, v_s);
        text(out, x, top - 8.0 - (double)(k % 2) * 13.0, "middle", "fill=\"#c0392b\"", mark);
    }
    gpucost_buf_puts(out, "</svg>\n");
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}

/* The output's extent over every bar and the median; an error when a bar
 * end is not finite. */
static gpucost_status tornado_extent(const gpucost_range_result *r, double *mn, double *mx,
                                     gpucost_error *err)
{
    *mn = *mx = r->output_median;
    for (size_t i = 0; i < r->ntornado; i++) {
        gpucost_status rc = finite_or_error(r->tornado[i].low, r->output, err);
        if (rc == GPUCOST_OK)
            rc = finite_or_error(r->tornado[i].high, r->output, err);
        if (rc != GPUCOST_OK)
            return rc;
        *mn = fmin(*mn, fmin(r->tornado[i].low, r->tornado[i].high));
        *mx = fmax(*mx, fmax(r->tornado[i].low, r->tornado[i].high));
    }
    return GPUCOST_OK;
}

/* One input's bar: from the median to the output at its p5 (light) and
 * at its p95 (dark), its name and range at the left, the ends labelled. */
static void tornado_bar(gpucost_buf *out, const axis *a, const gpucost_range_result *r,
                        const gpucost_tornado_bar *b, double y, double row)
{
    gpucost_quantity q = r->output;
    double xl = xpos(a, b->low), xh = xpos(a, b->high), xm = xpos(a, r->output_median);
    gpucost_buf_printf(
        out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9dbbe0\"/>\n",
        fmin(xl, xm), y, fabs(xm - xl) < 1.0 ? 1.0 : fabs(xm - xl), row - 10.0);
    gpucost_buf_printf(
        out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
        fmin(xh, xm), y, fabs(xh - xm) < 1.0 ? 1.0 : fabs(xh - xm), row - 10.0, bar_color);
    char lab[160], lo_s[64], hi_s[64], ol[64], oh[64];
    gpucost_quantity_format(b->input, b->input_low, lo_s, sizeof lo_s);
    gpucost_quantity_format(b->input, b->input_high, hi_s, sizeof hi_s);
    gc_text_printf(lab, sizeof lab, "%s to %s", lo_s, hi_s);
    text(out, LABEL_W, y + 7.0, "end", "", gpucost_quantity_info_get(b->input)->name);
    text(out, LABEL_W, y + 19.0, "end", "font-size=\"10\" fill=\"#555\"", lab);
    if (!(b->swing > 0.0))
        return;
    gpucost_quantity_format(q, b->low, ol, sizeof ol);
    gpucost_quantity_format(q, b->high, oh, sizeof oh);
    double ty = y + (row - 10.0) / 2 + 4.0;
    text(out, xl + (xl < xh ? -3.0 : 3.0), ty, xl < xh ? "end" : "start",
         "font-size=\"10\" fill=\"#555\"", ol);
    text(out, xh + (xh > xl ? 3.0 : -3.0), ty, xh > xl ? "start" : "end",
         "font-size=\"10\" fill=\"#555\"", oh);
}

gpucost_status gpucost_chart_tornado(const char *title, const gpucost_range_result *r,
                                     gpucost_buf *out, gpucost_error *err)
{
    if (r->ntornado == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL, "no uncertain inputs to chart");
    gpucost_quantity q = r->output;
    double mn, mx;
    gpucost_status rc = tornado_extent(r, &mn, &mx, err);
    if (rc != GPUCOST_OK)
        return rc;
    double span = mx - mn > 0.0 ? mx - mn : fabs(mx) > 0 ? fabs(mx) * 0.1 : 1.0;
    double step = nice_step(span, 5);
    /* room beyond both ends for the value labels */
    axis a = {floor((mn - 0.18 * span) / step) * step, ceil((mx + 0.18 * span) / step) * step, 0};
    if (mn >= 0.0 && a.lo < 0.0)
        a.lo = 0.0;
    if (a.hi <= a.lo)
        a.hi = a.lo + step;
    axis_fix(&a);
    /* inputs with no effect are folded into one caption line, not bars */
    size_t nbars = r->nmoving > 0 ? r->nmoving : r->ntornado;
    double row = 34.0, top = 40.0, plot_h = row * (double)nbars, bottom = top + plot_h;
    svg_open(out, bottom + 66.0 + (nbars < r->ntornado ? 18.0 : 0.0), title);
    char axis_title[160], med[64];
    gpucost_quantity_format(q, r->output_median, med, sizeof med);
    gc_text_printf(axis_title, sizeof axis_title, "%s (%s); line: every input at its median, %s",
                   gpucost_quantity_info_get(q)->name, axis_unit(q), med);
    x_axis(out, &a, q, top, bottom, axis_title);
    char still[512];
    if (nbars < r->ntornado && gpucost_range_no_effect(r, still, sizeof still))
        text(out, (PLOT_X0 + PLOT_X1) / 2, bottom + 72.0, "middle", "fill=\"#666\"", still);
    for (size_t i = 0; i < nbars; i++)
        tornado_bar(out, &a, r, &r->tornado[i], top + (double)i * row + 5.0, row);
    double xm = xpos(&a, r->output_median);
    line(out, xm, top - 4.0, xm, bottom, "stroke=\"#222\" stroke-width=\"1.5\"");
    text(out, (PLOT_X0 + PLOT_X1) / 2, bottom + 54.0, "middle", "font-size=\"11\" fill=\"#555\"",
         "light bar: the input at its p5; dark bar: the input at its p95");
    gpucost_buf_puts(out, "</svg>\n");
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}
