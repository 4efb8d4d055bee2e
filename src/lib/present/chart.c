/*
 * chart.c - chart.h's charts for embedders: each builds a document of one
 * series (render/view.h) from its numbers and renders it as SVG
 * (render/render_svg.c), the way every command's `--format svg` does.
 * The range charts copy what they draw out of the range result with
 * range's own builders (output_range.c).
 */
#include "gpucost/chart.h"
#include "present/output_internal.h"

/* Renders `v`'s one series as SVG into `out` and releases `v`. */
static gpucost_status chart_of(gc_view *v, gpucost_buf *out, gpucost_error *err)
{
    return gc_view_finish(v, GPUCOST_FMT_SVG, out, err);
}

gpucost_status gpucost_chart_bars(const char *title, gpucost_quantity q, const gpucost_bar *bars,
                                  size_t n, int log_scale, gpucost_buf *out, gpucost_error *err)
{
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    gc_series *s = gc_view_series(&v, GC_SERIES_BARS, NULL, q);
    if (s != NULL)
        s->log_scale = log_scale;
    gc_series_title(s, "%s", title);
    for (size_t i = 0; i < n; i++)
        gc_series_point(s, bars[i].label, bars[i].value);
    return chart_of(&v, out, err);
}

gpucost_status gpucost_chart_histogram(const char *title, const gpucost_range_result *r,
                                       gpucost_buf *out, gpucost_error *err)
{
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    gc_view_histogram(&v, title, r);
    return chart_of(&v, out, err);
}

gpucost_status gpucost_chart_tornado(const char *title, const gpucost_range_result *r,
                                     gpucost_buf *out, gpucost_error *err)
{
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    gc_view_tornado(&v, title, r);
    return chart_of(&v, out, err);
}
