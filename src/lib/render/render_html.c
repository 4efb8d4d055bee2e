/*
 * render_html.c - a view (view.h) as an HTML fragment for the report:
 * titles as headings, lines and items as paragraphs, tables with their
 * ids, right-aligned columns as class "num", a cell's class and link kept,
 * series drawn as SVG (render_svg.c) inside a div, a value's exact
 * number in data-value.  Every
 * text is escaped; nothing else is added, so the report's page (report.c)
 * or the web page (src/web, `--format html`) decides the layout.
 */
#include <stdio.h>
#include <string.h>

#include "gpucost/number.h"
#include "render/view.h"
#include "base/text.h"

static void esc(gpucost_buf *b, const char *s)
{
    gpucost_buf_xml(b, s ? s : "");
}

static void attr(gpucost_buf *b, const char *name, const char *a, const char *c)
{
    if ((a == NULL || !a[0]) && (c == NULL || !c[0]))
        return;
    gpucost_buf_printf(b, " %s=\"", name);
    esc(b, a);
    gpucost_buf_puts(b, a && a[0] && c && c[0] ? " " : "");
    esc(b, c);
    gpucost_buf_puts(b, "\"");
}

/* A header: a long quantity name may break after an underscore
 * ("price_per_<wbr>gpu_hour") rather than mid-word. */
static void header_text(gpucost_buf *b, const char *s)
{
    for (const char *u; (u = strchr(s, '_')) != NULL; s = u + 1) {
        char part[256];
        gc_text_printf(part, sizeof part, "%.*s", (int)(u - s + 1), s);
        esc(b, part);
        gpucost_buf_puts(b, "<wbr>");
    }
    esc(b, s);
}

static void html_cell(const gc_vtable *t, size_t r, size_t c, gpucost_buf *b)
{
    const gc_cell *x = &t->cells[r * t->ncols + c];
    gpucost_buf_puts(b, r == 0 ? "<th" : "<td");
    attr(b, "class", r > 0 && t->right[c] ? "num" : NULL, x->cls);
    if (x->has_value) { /* the number behind the text, as CSV writes it */
        char exact[40];
        gpucost_number_format_exact(x->value, exact, sizeof exact);
        attr(b, "data-value", exact, NULL);
    }
    gpucost_buf_puts(b, ">");
    if (x->href != NULL) {
        gpucost_buf_puts(b, "<a href=\"");
        esc(b, x->href);
        gpucost_buf_puts(b, "\">");
    }
    if (r == 0)
        header_text(b, x->text);
    else
        esc(b, x->text);
    gpucost_buf_puts(b, x->href != NULL ? "</a>" : "");
    gpucost_buf_puts(b, r == 0 ? "</th>" : "</td>");
}

static void html_table(const gc_vtable *t, gpucost_buf *b)
{
    if (t->audience_all == GC_FOR_CSV)
        return;
    gpucost_buf_puts(b, "<table");
    attr(b, "id", t->id, NULL);
    attr(b, "class", t->cls, NULL);
    gpucost_buf_puts(b, ">");
    for (size_t r = 0; r < t->nrows; r++) {
        gpucost_buf_puts(b, r == 0 ? "<thead><tr>" : "<tr>");
        for (size_t c = 0; c < t->ncols; c++)
            if (t->audience[c] == GC_FOR_ALL || t->audience[c] == GC_FOR_PEOPLE)
                html_cell(t, r, c, b);
        gpucost_buf_puts(b, r == 0 ? "</tr></thead><tbody>\n" : "</tr>\n");
    }
    gpucost_buf_puts(b, "</tbody></table>\n");
}

/* A series where it stands: its SVG inside a div of class "chart" and
 * its tag (a chart for SVG output alone is not on the page). */
static gpucost_status html_series(const gc_block *k, gpucost_buf *b, gpucost_error *err)
{
    if (k->series->svg_only)
        return GPUCOST_OK;
    gpucost_buf_puts(b, "<div");
    attr(b, "class", "chart", k->cls);
    gpucost_buf_puts(b, ">\n");
    gpucost_status rc = gc_series_svg(k->series, b, err);
    gpucost_buf_puts(b, "</div>\n");
    return rc;
}

static gpucost_status html_block(const gc_block *k, gpucost_buf *b, gpucost_error *err)
{
    static const char *const tag[] = {"h3", "h4", "p", "p"};
    switch (k->kind) {
    case GC_BLOCK_TITLE:
    case GC_BLOCK_SUBTITLE:
    case GC_BLOCK_LINE:
    case GC_BLOCK_ITEM:
        gpucost_buf_printf(b, "<%s", tag[k->kind]);
        attr(b, "class", k->kind == GC_BLOCK_LINE ? "meta" : k->cls, NULL);
        gpucost_buf_puts(b, ">");
        if (k->label != NULL) {
            esc(b, k->label);
            gpucost_buf_puts(b, ": ");
        }
        esc(b, k->text);
        gpucost_buf_printf(b, "</%s>\n", tag[k->kind]);
        break;
    case GC_BLOCK_TABLE: html_table(k->table, b); break;
    case GC_BLOCK_SERIES: return html_series(k, b, err);
    case GC_BLOCK_GAP: break;
    }
    return GPUCOST_OK;
}

gpucost_status gc_view_render_html(const gc_view *v, gpucost_buf *out, gpucost_error *err)
{
    if (gc_view_failed(v))
        out->failed = 1;
    for (size_t i = 0; i < v->n && !out->failed; i++) {
        gpucost_status rc = html_block(&v->blocks[i], out, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}
