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
 * each command's own shape and is built beside the view (json_out.h);
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
#include "gpucost/error.h"
#include "gpucost/format.h"
#include "gpucost/quantity.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* Who a column or table is for. */
enum { GC_FOR_ALL = 0, GC_FOR_PEOPLE = 1, GC_FOR_CSV = 2, GC_FOR_NONE = 3 };

typedef struct gc_cell {
    char *text;  /* for people */
    char *exact; /* for CSV; NULL: the same as text */
    char *cls;   /* HTML class, or NULL */
    char *href;  /* HTML link, or NULL */
    /* gc_view_value's cell: `exact` is NULL and CSV writes `value` at
     * full precision (gpucost_number_format_exact), formatted only then */
    int has_value;
    double value;
} gc_cell;

typedef struct gc_vtable {
    size_t ncols, nrows, cap;
    gc_cell *cells; /* row-major; row 0 is the header */
    unsigned char *right, *audience;
    size_t indent;    /* spaces before each line of a text table */
    int audience_all; /* GPUCOST_FOR_* of the whole table */
    char *id, *cls;   /* HTML id and class, or NULL */
    int failed;       /* an allocation failed: the table is incomplete */
} gc_vtable;

typedef enum gc_block_kind {
    GC_BLOCK_TITLE,    /* "id: title"; md "### ..."; HTML <h3> */
    GC_BLOCK_SUBTITLE, /* "(!) conflicts:"; md "#### ..."; HTML <h4> */
    GC_BLOCK_LINE,     /* a sentence; text indented by `indent` */
    GC_BLOCK_ITEM,     /* "label: text"; md "- label: text" */
    GC_BLOCK_GAP,      /* a blank line in text and md */
    GC_BLOCK_TABLE,
    GC_BLOCK_SVG /* an SVG fragment: HTML only */
} gc_block_kind;

typedef struct gc_block {
    gc_block_kind kind;
    size_t indent;
    char *label, *text, *cls;
    gc_vtable *table;
} gc_block;

typedef struct gc_view {
    gc_block *blocks;
    size_t n, cap;
    int failed;
} gc_view;

void gc_view_init(gc_view *v);
void gc_view_release(gc_view *v);

#if defined(__GNUC__)
#define GPUCOST_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GPUCOST_PRINTF(a, b)
#endif

void gc_view_title(gc_view *v, const char *fmt, ...) GPUCOST_PRINTF(2, 3);
void gc_view_subtitle(gc_view *v, const char *fmt, ...) GPUCOST_PRINTF(2, 3);
/* A sentence; `indent` spaces before it in a text table's layout. */
void gc_view_line(gc_view *v, size_t indent, const char *fmt, ...) GPUCOST_PRINTF(3, 4);
/* A listed finding "label: text"; `cls` (may be NULL) its HTML class. */
void gc_view_item(gc_view *v, size_t indent, const char *cls, const char *label, const char *text);
void gc_view_gap(gc_view *v);
/* Takes the SVG text in `svg` (a buffer the view then releases). */
void gc_view_svg(gc_view *v, const char *cls, gpucost_buf *svg);

/* A new table of `ncols` columns, or NULL once the view has failed (the
 * cell calls accept NULL and do nothing). */
gc_vtable *gc_view_table(gc_view *v, size_t ncols, size_t indent);
/* Column `col`'s header for people and for CSV (NULL: the same), whether
 * it is right-aligned and who it is for. */
void gc_view_head(gc_vtable *t, size_t col, const char *human, const char *csv, int right,
                  int audience);
void gc_view_row(gc_vtable *t);
/* The next empty cell of the last row. */
void gc_view_cell(gc_vtable *t, const char *text);
void gc_view_cellf(gc_vtable *t, const char *fmt, ...) GPUCOST_PRINTF(2, 3);
/* A cell whose CSV text (`exact`) differs from what people read. */
void gc_view_cell2(gc_vtable *t, const char *text, const char *exact);
/* A cell people read as `text` whose CSV is `value` at full precision
 * (formatted only when CSV is written); when `value` is not finite, the
 * CSV is `exact` instead (NULL: `text`). */
void gc_view_cell_num(gc_vtable *t, const char *text, double value, const char *exact);
/* A value of quantity `q`: formatted for people, full precision for
 * CSV; "-" and "" when not known. */
void gc_view_value(gc_vtable *t, gpucost_quantity q, double value, int known);
/* The HTML class or link of the last filled cell. */
void gc_view_class(gc_vtable *t, const char *cls);
void gc_view_link(gc_vtable *t, const char *href);
/* Who the whole table is for (GPUCOST_FOR_*; default all). */
void gc_view_table_for(gc_vtable *t, int audience);
/* The table's HTML id and class. */
void gc_view_table_html(gc_vtable *t, const char *id, const char *cls);

/* Whether building `v` (or one of its tables) ran out of memory. */
int gc_view_failed(const gc_view *v);

/* Renders as GPUCOST_FMT_TABLE, _MD or _CSV (render_text.c).  CSV writes
 * the tables (and columns) meant for it and nothing else. */
void gc_view_render(const gc_view *v, gpucost_format f, gpucost_buf *out);
/* Renders as HTML (render_html.c): text escaped, tables with their ids. */
void gc_view_render_html(const gc_view *v, gpucost_buf *out);

/* Renders the view in `f` into `out` and releases it; GPUCOST_ENOMEM when
 * building or rendering ran out of memory. */
gpucost_status gc_view_finish(gc_view *v, gpucost_format f, gpucost_buf *out, gpucost_error *err);

#pragma GCC visibility pop

#endif
