/*
 * format.c - the formats (format.h) and the one table of which formats
 * each command offers and which renderer draws each (view.h).
 *
 * A command's output function and the command layer (api/command.c) both
 * ask gc_format_offered; a format's renderer is found here and nowhere
 * else (gc_view_finish).  Adding a format is a renderer file and a row of
 * `renderers`; adding a command is a row of `offers` and a document
 * builder.  `scenario` is run's file writer (output_scenario.c), not a
 * renderer of a document.
 */
#include <string.h>

#include "base/c_locale.h"
#include "render/view.h"

#include "gpucost/format.h"

static const char *const names[] = {"table", "md",  "csv",  "json",    "junit",
                                    "tap",   "svg", "html", "scenario"};
#define NFORMATS (sizeof names / sizeof names[0])

int gpucost_format_lookup(const char *name, gpucost_format *f)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (strcmp(name, names[i]) == 0) {
            *f = (gpucost_format)i;
            return 0;
        }
    return -1;
}

const char *gpucost_format_name(gpucost_format f)
{
    return names[f];
}

#define F(x) (1u << GPUCOST_FMT_##x)
#define TABLES (F(TABLE) | F(MD) | F(CSV) | F(JSON))

/* Which formats each command offers (the report writes HTML only and says
 * so itself: api/command.c). */
static const struct {
    const char *command;
    unsigned formats;
} offers[] = {
    {"run", TABLES | F(HTML) | F(SCENARIO)},
    {"compare", TABLES | F(SVG) | F(HTML)},
    {"check", TABLES | F(JUNIT) | F(TAP) | F(HTML)},
    {"hardware", TABLES},
    {"range", TABLES | F(SVG) | F(HTML)},
    {"solve", TABLES},
    {"reconcile", TABLES | F(HTML)},
    {"quantities", TABLES},
};

static unsigned offered(const char *command)
{
    for (size_t i = 0; i < sizeof offers / sizeof offers[0]; i++)
        if (strcmp(command, offers[i].command) == 0)
            return offers[i].formats;
    return 0;
}

int gc_format_offered(const char *command, gpucost_format f)
{
    return (offered(command) & (1u << f)) != 0;
}

void gc_format_list(const char *command, char *buf, size_t n)
{
    unsigned set = offered(command);
    size_t count = 0, total = 0, len = 0;
    for (size_t i = 0; i < NFORMATS; i++)
        total += (set >> i) & 1u;
    buf[0] = '\0';
    for (size_t i = 0; i < NFORMATS && len < n; i++)
        if ((set >> i) & 1u) {
            const char *sep = count == 0 ? "" : count + 1 == total ? " or " : ", ";
            gc_snprintf(buf + len, n - len, "%s%s", sep, names[i]);
            len += strlen(buf + len);
            count++;
        }
}

gpucost_status gc_format_check(const char *command, gpucost_format f, gpucost_error *err)
{
    if (gc_format_offered(command, f))
        return GPUCOST_OK;
    char list[160];
    gc_format_list(command, list, sizeof list);
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, "format",
                         "format '%s' is not available for '%s' (use %s)", gpucost_format_name(f),
                         command, list);
}

typedef gpucost_status (*renderer)(const gc_view *v, gpucost_format f, gpucost_buf *out,
                                   gpucost_error *err);

/* The renderers that only run out of memory. */
static gpucost_status nomem_or_ok(const gpucost_buf *out, gpucost_error *err)
{
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}

static gpucost_status render_blocks(const gc_view *v, gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err)
{
    gc_view_render(v, f, out);
    return nomem_or_ok(out, err);
}

static gpucost_status render_html(const gc_view *v, gpucost_format f, gpucost_buf *out,
                                  gpucost_error *err)
{
    (void)f;
    return gc_view_render_html(v, out, err);
}

static gpucost_status render_svg(const gc_view *v, gpucost_format f, gpucost_buf *out,
                                 gpucost_error *err)
{
    (void)f;
    return gc_view_render_svg(v, out, err);
}

static gpucost_status render_json(const gc_view *v, gpucost_format f, gpucost_buf *out,
                                  gpucost_error *err)
{
    (void)f;
    gc_view_render_json(v, out);
    return nomem_or_ok(out, err);
}

static gpucost_status render_junit(const gc_view *v, gpucost_format f, gpucost_buf *out,
                                   gpucost_error *err)
{
    (void)f;
    gc_view_render_junit(v, out);
    return nomem_or_ok(out, err);
}

static gpucost_status render_tap(const gc_view *v, gpucost_format f, gpucost_buf *out,
                                 gpucost_error *err)
{
    (void)f;
    gc_view_render_tap(v, out);
    return nomem_or_ok(out, err);
}

/* Each format's renderer and the parts of a document it reads, in
 * gpucost_format's order; NULL: not a renderer of a document.  SVG reads
 * the series alone and draws one: the one the builder named
 * (gc_view_chart: compare its bars, range the histogram or, by request,
 * the tornado); HTML draws every series inline among the blocks. */
static const struct {
    renderer render;
    unsigned wants;
} renderers[] = {
    {render_blocks, GC_WANT_BLOCKS},                /* table */
    {render_blocks, GC_WANT_BLOCKS},                /* md */
    {render_blocks, GC_WANT_BLOCKS},                /* csv */
    {render_json, GC_WANT_DATA},                    /* json */
    {render_junit, GC_WANT_CASES},                  /* junit */
    {render_tap, GC_WANT_CASES},                    /* tap */
    {render_svg, GC_WANT_SERIES},                   /* svg */
    {render_html, GC_WANT_BLOCKS | GC_WANT_SERIES}, /* html */
    {NULL, 0},                                      /* scenario */
};

unsigned gc_format_wants(gpucost_format f)
{
    return (size_t)f < NFORMATS ? renderers[f].wants : 0;
}

gpucost_status gc_view_finish(gc_view *v, gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    size_t start = out->len;
    gpucost_status rc;
    if ((size_t)f < NFORMATS && renderers[f].render != NULL)
        rc = renderers[f].render(v, f, out, err);
    else {
        out->failed = 1;
        rc = nomem_or_ok(out, err);
    }
    gc_view_release(v);
    if (rc != GPUCOST_OK && out->data != NULL && !out->failed) {
        out->len = start; /* nothing of a document that could not be drawn */
        out->data[start] = '\0';
    }
    return rc;
}
