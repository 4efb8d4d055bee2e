/*
 * format.h - the output formats and their names.
 *
 * A command's result is one document (render/view.h); each format is one
 * renderer of it.  The names are the ones `--format` (the request key
 * `format`) takes.
 */
#ifndef GPUCOST_FORMAT_H
#define GPUCOST_FORMAT_H

typedef enum gpucost_format {
    GPUCOST_FMT_TABLE,
    GPUCOST_FMT_MD,
    GPUCOST_FMT_CSV,
    GPUCOST_FMT_JSON,
    GPUCOST_FMT_JUNIT,
    GPUCOST_FMT_TAP,
    GPUCOST_FMT_SVG, /* one chart: compare draws bars, range a histogram */
    /* the human tables as an HTML fragment (render_html.c): each value's
     * cell carries its exact number in data-value; range adds its
     * histogram and tornado, so one computation gives all three */
    GPUCOST_FMT_HTML,
    /* run only: the scenario file as edited, the what-if written into
     * its inputs (gpucost_output_scenario) */
    GPUCOST_FMT_SCENARIO
} gpucost_format;

/* Returns 0 and sets `*f`, or -1 when `name` is not a format. */
int gpucost_format_lookup(const char *name, gpucost_format *f);
const char *gpucost_format_name(gpucost_format f);

#endif
