/*
 * view.h - internal: a command's result as a view, before any format.
 *
 * A view is a list of blocks (a title, a line, a listed finding, a table,
 * a blank line, a fragment of SVG).  Each command builds its view once,
 * from its result; the renderers turn any view into text:
 *
 *   render_text.c   aligned text tables, Markdown and CSV
 *   render_html.c   the HTML the report embeds
 *
 * A table cell holds the text people read ("$5.58M (1.30x)") and, where
 * it differs, the exact text machines read ("5580000"), plus an HTML class
 * and link.  A column or table can be for people only or for CSV only, so
 * one view carries both the human table and the CSV's columns.  JSON keeps
 * SPEC.md's per-command shapes and is built beside the view (json_out.h);
 * JUnit and TAP render check's cases (output_check.c); SVG is chart.c's.
 *
 * Building never fails halfway silently: the first allocation failure
 * sets `failed`, later calls do nothing, and every renderer turns a failed
 * view into a failed buffer (an out-of-memory error, never a partial
 * output).  All strings are copied; the view owns them.
 */
#ifndef GPUCOST_VIEW_H
#define GPUCOST_VIEW_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/output.h"

/* Who a column or table is for. */
enum { GPUCOST_FOR_ALL = 0, GPUCOST_FOR_PEOPLE = 1, GPUCOST_FOR_CSV = 2, GPUCOST_FOR_NONE = 3 };

typedef struct gpucost_cell {
    char *text;  /* for people */
    char *exact; /* for CSV; NULL: the same as text */
    char *cls;   /* HTML class, or NULL */
    char *href;  /* HTML link, or NULL */
} gpucost_cell;

typedef struct gpucost_vtable {
    size_t ncols, nrows, cap;
    gpucost_cell *cells; /* row-major; row 0 is the header */
    unsigned char *right, *audience;
    size_t indent; /* spaces before each line of a text table */
    int audience_all; /* GPUCOST_FOR_* of the whole table */
    char *id, *cls;   /* HTML id and class, or NULL */
    int failed;       /* an allocation failed: the table is incomplete */
} gpucost_vtable;

typedef enum gpucost_block_kind {
    GPUCOST_BLOCK_TITLE,    /* "id: title"; md "### ..."; HTML <h3> */
    GPUCOST_BLOCK_SUBTITLE, /* "(!) conflicts:"; md "#### ..."; HTML <h4> */
    GPUCOST_BLOCK_LINE,     /* a sentence; text indented by `indent` */
    GPUCOST_BLOCK_ITEM,     /* "label: text"; md "- label: text" */
    GPUCOST_BLOCK_GAP,      /* a blank line in text and md */
    GPUCOST_BLOCK_TABLE,
    GPUCOST_BLOCK_SVG /* an SVG fragment: HTML only */
} gpucost_block_kind;

typedef struct gpucost_block {
    gpucost_block_kind kind;
    size_t indent;
    char *label, *text, *cls;
    gpucost_vtable *table;
} gpucost_block;

typedef struct gpucost_view {
    gpucost_block *blocks;
    size_t n, cap;
    int failed;
} gpucost_view;

void gpucost_view_init(gpucost_view *v);
void gpucost_view_release(gpucost_view *v);

#if defined(__GNUC__)
#define GPUCOST_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GPUCOST_PRINTF(a, b)
#endif

void gpucost_view_title(gpucost_view *v, const char *fmt, ...) GPUCOST_PRINTF(2, 3);
void gpucost_view_subtitle(gpucost_view *v, const char *fmt, ...) GPUCOST_PRINTF(2, 3);
/* A sentence; `indent` spaces before it in a text table's layout. */
void gpucost_view_line(gpucost_view *v, size_t indent, const char *fmt, ...)
    GPUCOST_PRINTF(3, 4);
/* A listed finding "label: text"; `cls` (may be NULL) its HTML class. */
void gpucost_view_item(gpucost_view *v, size_t indent, const char *cls, const char *label,
                       const char *text);
void gpucost_view_gap(gpucost_view *v);
/* Takes the SVG text in `svg` (a buffer the view then releases). */
void gpucost_view_svg(gpucost_view *v, const char *cls, gpucost_buf *svg);

/* A new table of `ncols` columns, or NULL once the view has failed (the
 * cell calls accept NULL and do nothing). */
gpucost_vtable *gpucost_view_table(gpucost_view *v, size_t ncols, size_t indent);
/* Column `col`'s header for people and for CSV (NULL: the same), whether
 * it is right-aligned and who it is for. */
void gpucost_view_head(gpucost_vtable *t, size_t col, const char *human, const char *csv,
                       int right, int audience);
void gpucost_view_row(gpucost_vtable *t);
/* The next empty cell of the last row. */
void gpucost_view_cell(gpucost_vtable *t, const char *text);
void gpucost_view_cellf(gpucost_vtable *t, const char *fmt, ...) GPUCOST_PRINTF(2, 3);
/* A cell whose CSV text (`exact`) differs from what people read. */
void gpucost_view_cell2(gpucost_vtable *t, const char *text, const char *exact);
/* A value of quantity `q`: formatted for people, full precision for
 * CSV; "-" and "" when not known. */
void gpucost_view_value(gpucost_vtable *t, gpucost_quantity q, double value, int known);
/* The HTML class or link of the last filled cell. */
void gpucost_view_class(gpucost_vtable *t, const char *cls);
void gpucost_view_link(gpucost_vtable *t, const char *href);
/* Who the whole table is for (GPUCOST_FOR_*; default all). */
void gpucost_view_table_for(gpucost_vtable *t, int audience);
/* The table's HTML id and class. */
void gpucost_view_table_html(gpucost_vtable *t, const char *id, const char *cls);

/* Whether building `v` (or one of its tables) ran out of memory. */
int gpucost_view_failed(const gpucost_view *v);

/* Renders as GPUCOST_FMT_TABLE, _MD or _CSV (render_text.c).  CSV writes
 * the tables (and columns) meant for it and nothing else. */
void gpucost_view_render(const gpucost_view *v, gpucost_format f, gpucost_buf *out);
/* Renders as HTML (render_html.c): text escaped, tables with their ids. */
void gpucost_view_render_html(const gpucost_view *v, gpucost_buf *out);

/* Renders the view in `f` into `out` and releases it; GPUCOST_ENOMEM when
 * building or rendering ran out of memory. */
gpucost_status gpucost_view_finish(gpucost_view *v, gpucost_format f, gpucost_buf *out,
                                   gpucost_error *err);

#endif
