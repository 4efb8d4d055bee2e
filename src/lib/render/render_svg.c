/*
 * render_svg.c - a document's series (view.h) as SVG: bars, a histogram
 * with its percentile marks, a tornado.  An SVG output is the one series
 * the document names (gc_view_chart); the HTML renderer draws each series
 * inline with gc_series_svg.  Everything drawn comes from the series'
 * numbers and labels: the builders copy them in (present/), so nothing
 * here knows a range result or a derivation.
 *
 * Layout is fixed-width (640 px) with a label column on the left and the
 * plot on the right; coordinates are rounded to 0.1 px so the text is
 * stable for golden tests.  Tick positions are "nice" numbers (1, 2, 5 x
 * 10^k) on linear axes and powers of ten on log axes.
 */
#include "base/c_locale.h"
#include "base/text.h"
#include "gpucost/number.h"
#include "render/view.h"

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

/* The series has nothing to draw: its own words, or EINVAL "no values to
 * chart". */
static gpucost_status empty_error(const gc_series *s, gpucost_error *err)
{
    if (s->empty_message != NULL)
        return GPUCOST_ERROR(err, s->empty_code, NULL, 0, 0, s->empty_path, "%s", s->empty_message);
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL, "no values to chart");
}

static gpucost_status done(const gpucost_buf *out, gpucost_error *err)
{
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}

static gpucost_status bars_chart(const gc_series *s, gpucost_buf *out, gpucost_error *err)
{
    size_t n = s->npoints;
    gpucost_quantity q = s->q;
    const gc_spoint *bars = s->points;
    int log_scale = s->log_scale;
    if (n == 0)
        return empty_error(s, err);
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
    svg_open(out, height, s->title ? s->title : "");
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
    return done(out, err);
}

/* The histogram's bins, its y axis (share of samples per bin) and its
 * marks, labels staggered so neighbours do not collide. */
static void histogram_body(const gc_series *s, const axis *a, double peak, double top,
                           double plot_h, gpucost_buf *out)
{
    double bottom = top + plot_h;
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
    gpucost_number_format(s->samples, GPUCOST_NUM_COUNT, count, sizeof count);
    gc_text_printf(axis_title, sizeof axis_title, "%s (%s), central 99%% of %s samples",
                   gpucost_quantity_info_get(s->q)->name, axis_unit(s->q), count);
    x_axis(out, a, s->q, top, bottom, axis_title);
    double bw = (PLOT_X1 - PLOT_X0) / (double)s->nbins;
    for (size_t k = 0; k < s->nbins; k++) {
        double h = s->share[k] / peak * plot_h;
        gpucost_buf_printf(out,
                           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                           "opacity=\"0.8\"/>\n",
                           PLOT_X0 + (double)k * bw + 0.5, bottom - h, bw - 1.0, h, bar_color);
    }
    for (size_t k = 0; k < s->npoints; k++) {
        double v = s->points[k].value;
        if (!isfinite(v) || v < a->lo || v > a->hi)
            continue;
        double x = xpos(a, v);
        line(out, x, top - 4.0, x, bottom,
             "stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"");
        char v_s[64], mark[96];
        gpucost_quantity_format(s->q, v, v_s, sizeof v_s);
        gc_text_printf(mark, sizeof mark, "%s %s", s->points[k].label, v_s);
        text(out, x, top - 8.0 - (double)(k % 2) * 13.0, "middle", "fill=\"#c0392b\"", mark);
    }
}

static gpucost_status histogram_chart(const gc_series *s, gpucost_buf *out, gpucost_error *err)
{
    if (s->nbins == 0)
        return empty_error(s, err);
    double peak = 0.0;
    for (size_t k = 0; k < s->nbins; k++) {
        gpucost_status rc = finite_or_error(s->share[k], s->q, err);
        if (rc != GPUCOST_OK)
            return rc;
        peak = fmax(peak, s->share[k]);
    }
    for (size_t k = 0; k <= s->nbins; k++) {
        gpucost_status rc = finite_or_error(s->edges[k], s->q, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    if (!(peak > 0.0))
        peak = 1.0;
    double top = 56.0, plot_h = 180.0, height = top + plot_h + 50.0;
    axis a = {s->edges[0], s->edges[s->nbins], 0};
    axis_fix(&a);
    svg_open(out, height, s->title ? s->title : "");
    histogram_body(s, &a, peak, top, plot_h, out);
    gpucost_buf_puts(out, "</svg>\n");
    return done(out, err);
}

/* The output's extent over every input's ends (folded ones too) and the
 * centre; an error when an end is not finite. */
static gpucost_status tornado_extent(const gc_series *s, double *mn, double *mx, gpucost_error *err)
{
    *mn = *mx = s->centre;
    for (size_t i = 0; i < s->npoints; i++) {
        gpucost_status rc = finite_or_error(s->points[i].low, s->q, err);
        if (rc == GPUCOST_OK)
            rc = finite_or_error(s->points[i].high, s->q, err);
        if (rc != GPUCOST_OK)
            return rc;
        *mn = fmin(*mn, fmin(s->points[i].low, s->points[i].high));
        *mx = fmax(*mx, fmax(s->points[i].low, s->points[i].high));
    }
    return GPUCOST_OK;
}

/* One input's bar: from the centre to the output at its p5 (light) and
 * at its p95 (dark), its name and range at the left, the ends labelled. */
static void tornado_bar(gpucost_buf *out, const axis *a, const gc_series *s, const gc_spoint *b,
                        double y, double row)
{
    gpucost_quantity q = s->q;
    double xl = xpos(a, b->low), xh = xpos(a, b->high), xm = xpos(a, s->centre);
    gpucost_buf_printf(
        out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9dbbe0\"/>\n",
        fmin(xl, xm), y, fabs(xm - xl) < 1.0 ? 1.0 : fabs(xm - xl), row - 10.0);
    gpucost_buf_printf(
        out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
        fmin(xh, xm), y, fabs(xh - xm) < 1.0 ? 1.0 : fabs(xh - xm), row - 10.0, bar_color);
    text(out, LABEL_W, y + 7.0, "end", "", b->label);
    text(out, LABEL_W, y + 19.0, "end", "font-size=\"10\" fill=\"#555\"", b->note ? b->note : "");
    if (!(b->value > 0.0))
        return;
    char ol[64], oh[64];
    gpucost_quantity_format(q, b->low, ol, sizeof ol);
    gpucost_quantity_format(q, b->high, oh, sizeof oh);
    double ty = y + (row - 10.0) / 2 + 4.0;
    text(out, xl + (xl < xh ? -3.0 : 3.0), ty, xl < xh ? "end" : "start",
         "font-size=\"10\" fill=\"#555\"", ol);
    text(out, xh + (xh > xl ? 3.0 : -3.0), ty, xh > xl ? "start" : "end",
         "font-size=\"10\" fill=\"#555\"", oh);
}

static gpucost_status tornado_chart(const gc_series *s, gpucost_buf *out, gpucost_error *err)
{
    if (s->npoints == 0)
        return empty_error(s, err);
    gpucost_quantity q = s->q;
    double mn, mx;
    gpucost_status rc = tornado_extent(s, &mn, &mx, err);
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
    size_t nbars = 0;
    for (size_t i = 0; i < s->npoints; i++)
        nbars += !s->points[i].folded;
    double row = 34.0, top = 40.0, plot_h = row * (double)nbars, bottom = top + plot_h;
    svg_open(out, bottom + 66.0 + (nbars < s->npoints ? 18.0 : 0.0), s->title ? s->title : "");
    char axis_title[160], med[64];
    gpucost_quantity_format(q, s->centre, med, sizeof med);
    gc_text_printf(axis_title, sizeof axis_title, "%s (%s); line: every input at its median, %s",
                   gpucost_quantity_info_get(q)->name, axis_unit(q), med);
    x_axis(out, &a, q, top, bottom, axis_title);
    if (nbars < s->npoints && s->caption != NULL)
        text(out, (PLOT_X0 + PLOT_X1) / 2, bottom + 72.0, "middle", "fill=\"#666\"", s->caption);
    for (size_t i = 0, k = 0; i < s->npoints; i++)
        if (!s->points[i].folded)
            tornado_bar(out, &a, s, &s->points[i], top + (double)k++ * row + 5.0, row);
    double xm = xpos(&a, s->centre);
    line(out, xm, top - 4.0, xm, bottom, "stroke=\"#222\" stroke-width=\"1.5\"");
    text(out, (PLOT_X0 + PLOT_X1) / 2, bottom + 54.0, "middle", "font-size=\"11\" fill=\"#555\"",
         "light bar: the input at its p5; dark bar: the input at its p95");
    gpucost_buf_puts(out, "</svg>\n");
    return done(out, err);
}

gpucost_status gc_series_svg(const gc_series *s, gpucost_buf *out, gpucost_error *err)
{
    /* drawn into a buffer of its own: a chart that cannot be drawn
     * leaves nothing behind in `out` */
    gpucost_buf svg;
    gpucost_buf_init(&svg);
    gpucost_status rc = s->kind == GC_SERIES_BARS        ? bars_chart(s, &svg, err)
                        : s->kind == GC_SERIES_HISTOGRAM ? histogram_chart(s, &svg, err)
                                                         : tornado_chart(s, &svg, err);
    if (rc == GPUCOST_OK) {
        gpucost_buf_append(out, gpucost_buf_str(&svg), svg.len);
        rc = done(out, err);
    }
    gpucost_buf_release(&svg);
    return rc;
}

gpucost_status gc_view_render_svg(const gc_view *v, gpucost_buf *out, gpucost_error *err)
{
    if (gc_view_failed(v)) {
        out->failed = 1;
        return done(out, err);
    }
    for (size_t i = 0; i < v->n; i++) {
        const gc_block *b = &v->blocks[i];
        if (b->kind == GC_BLOCK_SERIES &&
            (v->chart == NULL || (b->cls != NULL && strcmp(b->cls, v->chart) == 0)))
            return gc_series_svg(b->series, out, err);
    }
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL, "no chart to draw");
}
