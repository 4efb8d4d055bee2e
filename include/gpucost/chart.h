/*
 * chart.h - charts as standalone inline SVG, drawn from numbers.
 *
 * Three charts serve the report and `--format svg`: horizontal bars (cost
 * across scenarios, log scale), a histogram with percentile marks (a
 * disputed range), and a tornado (which input drives it).  Each has a
 * title, axes with ticks, tick labels in the quantity's readable units and
 * an axis title naming the unit, so it reads without a legend.  Output is
 * plain SVG 1.1 text with no scripts, fonts or external references; the
 * SVG can be embedded in HTML as is.  Hand-written rather than a plotting
 * library: the Debian C libraries that draw SVG (cairo, plplot) add a
 * rendering stack and fonts for three simple shapes, and their text output
 * is not stable across versions, which golden tests need.
 *
 * The commands draw the same charts from their documents' series
 * (`--format svg`, the report, `range --format html`); these functions
 * are for embedders, each a document of one series rendered as SVG.  On
 * an error nothing is appended to `out`.
 */
#ifndef GPUCOST_CHART_H
#define GPUCOST_CHART_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/error.h"
#include "gpucost/quantity.h"
#include "gpucost/range.h"

typedef struct gpucost_bar {
    const char *label; /* borrowed */
    double value;      /* > 0 for a log scale */
} gpucost_bar;

/* Horizontal bars of quantity `q`, one per entry, on a log10 axis when
 * `log_scale` (values must then be positive).  EINVAL for no bars or a
 * value a log axis cannot show; ERANGE for a non-finite value. */
gpucost_status gpucost_chart_bars(const char *title, gpucost_quantity q, const gpucost_bar *bars,
                                  size_t n, int log_scale, gpucost_buf *out, gpucost_error *err);

/* The histogram of the range's headline output (r->hist_*) with its
 * quantiles marked (each r->quantiles[k] at r->stats[..].q[k]). */
gpucost_status gpucost_chart_histogram(const char *title, const gpucost_range_result *r,
                                       gpucost_buf *out, gpucost_error *err);

/* The range's tornado: one bar per input from the output at the input's
 * p5 to the output at its p95, around the all-medians value. */
gpucost_status gpucost_chart_tornado(const char *title, const gpucost_range_result *r,
                                     gpucost_buf *out, gpucost_error *err);

#endif
