/*
 * view.h - internal: a command's result as one document, before any format.
 *
 * The document is still called a view (gc_view): it grew from the human
 * view every file already built, and keeping the name kept the report and
 * every builder's calls as they were.  A command builds it once, in one
 * builder (present/output_<command>.c), and each format is one renderer
 * that takes only the document:
 *
 *   render_text.c   aligned text tables, Markdown and CSV (the blocks)
 *   render_html.c   the HTML the report embeds (the blocks, series inline)
 *   render_svg.c    one chart as standalone SVG (a series)
 *   render_json.c   JSON (the data tree)
 *   render_junit.c  JUnit XML (the check cases)
 *   render_tap.c    TAP 13 (the check cases)
 *
 * Which formats a command offers, and which renderer each format is, is
 * one table (format.c): gc_format_offered, gc_view_finish.
 *
 * A document has three parts, each for its readers:
 *
 *   blocks      for people (text, md, html) and CSV: titles, lines,
 *               listed findings, tables.  A table cell holds the
 *               text people read ("$5.58M (1.30x)") and, where it
 *               differs, the exact text or value CSV writes, plus an
 *               HTML class and link; a column or table can be for people
 *               only or for CSV only.
 *   series      for charts (svg, and html inline where they stand among
 *               the blocks): a chart's title, quantity and numbers with
 *               their labels: bars, a histogram with its percentile
 *               marks, or a tornado.  The builder copies the numbers in
 *               (from a range result or the derivations); the renderer
 *               draws from them alone.  An SVG output is one chart: the
 *               series gc_view_chart names (the first when none).
 *   data        for machines (JSON): a tree of objects and arrays whose
 *               leaves are typed (number with whether it is known, text,
 *               bool, null); the shapes are docs/commands.md's.
 *   cases       for test runners (JUnit, TAP): check's cases, each with
 *               its outcome, names, file and sentence.
 *
 *   gc_view v;                          gc_view_init_for(&v, f);
 *   gc_vtable *t = gc_view_table(&v, 2, 0);
 *   gc_dnode *root = gc_data_root(&v, 1);
 *   ... gc_view_cell(t, "h100"); gc_data_str(&v, o, "id", "h100"); ...
 *   return gc_view_finish(&v, f, out, err);
 *
 * A document built for one format wants only the parts that format's
 * renderer reads (`wants`, from the format table): a builder calls every
 * part's functions and the unwanted ones do nothing, so a builder has no
 * format branches and a JSON run does not pay for the tables.
 *
 * Building never fails halfway silently: the first allocation failure
 * sets `failed`, later calls do nothing, and every renderer turns a failed
 * document into a failed buffer (an out-of-memory error, never a partial
 * output).  All strings are copied; the document owns them.
 */
#ifndef GPUCOST_VIEW_H
#define GPUCOST_VIEW_H

#include <stddef.h>

#include <cjson/cJSON.h>

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
    GC_BLOCK_SERIES /* a chart: SVG, and HTML inline */
} gc_block_kind;

typedef enum gc_series_kind {
    GC_SERIES_BARS,      /* horizontal bars, one per point */
    GC_SERIES_HISTOGRAM, /* bins, and the points as percentile marks */
    GC_SERIES_TORNADO    /* one bar per point (an input) around `centre` */
} gc_series_kind;

/* One number of a series with its label.  Bars: a bar `label` of
 * `value`.  Histogram: a mark `label` ("p5") at `value`.  Tornado: an
 * input `label` (its own range in `note`, "0.3 to 0.5"), the output at
 * its low and high end in `low` and `high`, the swing in `value`;
 * `folded`: an input with no effect, left out of the bars (its ends
 * still set the axis). */
typedef struct gc_spoint {
    char *label, *note;
    double value, low, high;
    int folded;
} gc_spoint;

typedef struct gc_series {
    gc_series_kind kind;
    char *title;
    gpucost_quantity q; /* the axis: its name, unit and number style */
    int log_scale;      /* bars: a log10 axis (values must be positive) */
    double centre;      /* tornado: the output with every input at its median */
    double samples;     /* histogram: how many samples the bins hold */
    size_t nbins;       /* histogram: nbins + 1 edges, nbins shares */
    double *edges, *share;
    gc_spoint *points;
    size_t npoints, cap;
    char *caption; /* tornado: the line naming the folded inputs, or NULL */
    int svg_only;  /* drawn as an SVG output only, never inline on a page */
    /* what drawing says when there is nothing to draw (NULL: the kind's
     * own words: "no values to chart", ...) */
    gpucost_status empty_code;
    char *empty_path, *empty_message;
    int failed; /* an allocation failed: the series is incomplete */
} gc_series;

typedef struct gc_block {
    gc_block_kind kind;
    size_t indent;
    char *label, *text, *cls; /* a series: `cls` is its tag ("histogram") */
    gc_vtable *table;
    gc_series *series;
} gc_block;

/* The parts of a document a renderer reads (gc_view.wants). */
enum {
    GC_WANT_BLOCKS = 1, /* text, md, csv, html */
    GC_WANT_DATA = 2,   /* json */
    GC_WANT_CASES = 4,  /* junit, tap */
    GC_WANT_SERIES = 8, /* svg, html */
    GC_WANT_ALL = 15
};

/* A node of the data tree: cJSON's (an object, an array or a typed
 * leaf), built through json_out.h so that a failed allocation fails the
 * document, and printed by render_json.c as it stands.  A number the
 * builder does not know, or that is not finite, is null. */
typedef cJSON gc_dnode;

/* What a check case is to a test runner. */
typedef enum gc_case_kind {
    GC_CASE_ERROR, /* a unit that could not be read: an error */
    GC_CASE_ROW,   /* a row or cell that cannot be tested: skipped */
    GC_CASE_CLAIM  /* a claim, conflict or placeholder with its status */
} gc_case_kind;

/* One check case.  For GC_CASE_CLAIM `status` is its
 * gpucost_claim_status; `expect_fail` whether the file marks it
 * "expect": "fail"; `conflict` whether it is a conflict (TAP names it so).
 * gc_view_case copies the strings (NULL becomes ""): the document's
 * copies are its own and are never NULL. */
typedef struct gc_vcase {
    gc_case_kind kind;
    int status, expect_fail, conflict;
    const char *group;   /* the scenario id (an error: its file) */
    const char *name;    /* "gpus", "3 gpus" (a row and column), an error's path */
    const char *where;   /* "claims[2]": JUnit names a case "name [where]" */
    const char *file;    /* the file the case comes from */
    const char *message; /* the sentence: a case's line, an error, a reason */
    const char *source, *note;
} gc_vcase;

typedef struct gc_view {
    gc_block *blocks;
    size_t n, cap;
    gc_dnode *data; /* the data tree's root, or NULL */
    gc_vcase *cases;
    size_t ncases, capcases;
    char *chart;    /* the tag of the series an SVG output draws, or NULL */
    unsigned wants; /* GC_WANT_*: the parts that are kept */
    int failed;
} gc_view;

/* A document with every part (the report, tests). */
void gc_view_init(gc_view *v);
/* A document with the parts format `f`'s renderer reads. */
void gc_view_init_for(gc_view *v, gpucost_format f);
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

/* A new series (a chart) of `kind` tagged `tag` (its HTML class, may be
 * NULL) on axis quantity `q`; NULL when the document does not want its
 * series, or has failed (the series calls accept NULL and do nothing).
 * Borrowed: valid until `v` is released.  A builder that got one sets
 * its scalars (log_scale, centre, samples, svg_only) itself. */
gc_series *gc_view_series(gc_view *v, gc_series_kind kind, const char *tag, gpucost_quantity q);
/* The chart's title. */
void gc_series_title(gc_series *s, const char *fmt, ...) GPUCOST_PRINTF(2, 3);
/* The series an SVG output of `v` draws: the one tagged `tag`. */
void gc_view_chart(gc_view *v, const char *tag);
/* A bar, or a histogram's mark. */
void gc_series_point(gc_series *s, const char *label, double value);
/* A tornado's input (gc_spoint). */
void gc_series_input(gc_series *s, const char *label, const char *note, double low, double high,
                     double swing, int folded);
/* A histogram's `nbins` bins: nbins + 1 edges, nbins shares. */
void gc_series_bins(gc_series *s, const double *edges, const double *share, size_t nbins);
/* A tornado's line under the bars naming the folded inputs. */
void gc_series_caption(gc_series *s, const char *caption);
/* What drawing the series says when it has nothing to draw. */
void gc_series_empty(gc_series *s, gpucost_status code, const char *path, const char *fmt, ...)
    GPUCOST_PRINTF(4, 5);

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

/* The data tree.  Each call adds one member to `parent` (an object, with
 * `key`) or one element (an array, `key` NULL) and does nothing when
 * `parent` is NULL: the document does not want its data, or has failed.
 * gc_data_root starts the tree: an object (`array` 0) or an array. */
gc_dnode *gc_data_root(gc_view *v, int array);
gc_dnode *gc_data_obj(gc_view *v, gc_dnode *parent, const char *key);
gc_dnode *gc_data_arr(gc_view *v, gc_dnode *parent, const char *key);
void gc_data_num(gc_view *v, gc_dnode *parent, const char *key, double value);
/* The number, or null when not `known` or not finite. */
void gc_data_num_or_null(gc_view *v, gc_dnode *parent, const char *key, double value, int known);
/* The text, or null when `s` is NULL. */
void gc_data_str(gc_view *v, gc_dnode *parent, const char *key, const char *s);
void gc_data_bool(gc_view *v, gc_dnode *parent, const char *key, int b);
/* An error in parts, the one shape of every output that carries one:
 * {"file", "line", "column", "path", "message", "code"}. */
void gc_data_error(gc_view *v, gc_dnode *parent, const char *key, const gpucost_error *e);

/* A table row that is also a record: a new row of `t` and a new object
 * in array `records` of the data tree (returned; NULL without data). */
gc_dnode *gc_view_record(gc_view *v, gc_vtable *t, gc_dnode *records);
/* A cell of the row that is also field `key` of record `rec`, written
 * once: people and CSV read `text`, machines `data` (NULL: null). */
void gc_view_field(gc_view *v, gc_vtable *t, gc_dnode *rec, const char *key, const char *text,
                   const char *data);
/* A value of quantity `q` as a cell (gc_view_value) and as field `key`
 * (the number, or null when not `known`). */
void gc_view_field_value(gc_view *v, gc_vtable *t, gc_dnode *rec, const char *key,
                         gpucost_quantity q, double value, int known);

/* A check case, copied (nothing unless the document wants its cases). */
void gc_view_case(gc_view *v, const gc_vcase *c);

/* The format table (format.c).  Whether `command` offers format `f`. */
int gc_format_offered(const char *command, gpucost_format f);
/* The formats `command` offers, "table, md, csv or json", into `buf`. */
void gc_format_list(const char *command, char *buf, size_t n);
/* GPUCOST_EINVAL naming the formats `command` offers when it does not
 * offer `f`; GPUCOST_OK otherwise. */
gpucost_status gc_format_check(const char *command, gpucost_format f, gpucost_error *err);
/* The parts of a document format `f`'s renderer reads (GC_WANT_*). */
unsigned gc_format_wants(gpucost_format f);

/* Frees a data tree (view_data.c), a series (view_series.c) and a
 * document's cases. */
void gc_data_free(gc_dnode *n);
void gc_series_free(gc_series *s);
void gc_view_cases_free(gc_view *v);

/* Whether building `v` (or one of its tables) ran out of memory. */
int gc_view_failed(const gc_view *v);

/* Renders as GPUCOST_FMT_TABLE, _MD or _CSV (render_text.c).  CSV writes
 * the tables (and columns) meant for it and nothing else. */
void gc_view_render(const gc_view *v, gpucost_format f, gpucost_buf *out);
/* Renders as HTML (render_html.c): text escaped, tables with their ids,
 * series as SVG inside a div.  A series that cannot be drawn gives its
 * error (render_svg.c's); running out of memory GPUCOST_ENOMEM. */
gpucost_status gc_view_render_html(const gc_view *v, gpucost_buf *out, gpucost_error *err);
/* Renders the series gc_view_chart names as standalone SVG
 * (render_svg.c); GPUCOST_EINVAL without one, the series' empty error
 * when it has nothing to draw, GPUCOST_ERANGE for a value that is not
 * finite.  Nothing is written unless it succeeds. */
gpucost_status gc_view_render_svg(const gc_view *v, gpucost_buf *out, gpucost_error *err);
/* One series as SVG (what both renderers above draw). */
gpucost_status gc_series_svg(const gc_series *s, gpucost_buf *out, gpucost_error *err);

/* Renders the data tree as JSON (render_json.c), the cases as JUnit XML
 * (render_junit.c) or TAP 13 (render_tap.c). */
void gc_view_render_json(const gc_view *v, gpucost_buf *out);
void gc_view_render_junit(const gc_view *v, gpucost_buf *out);
void gc_view_render_tap(const gc_view *v, gpucost_buf *out);

/* Renders the view in `f` with the format table's renderer into `out` and
 * releases it; GPUCOST_ENOMEM when building or rendering ran out of
 * memory, a chart's error when one cannot be drawn (`out` then holds
 * nothing of the document). */
gpucost_status gc_view_finish(gc_view *v, gpucost_format f, gpucost_buf *out, gpucost_error *err);

#pragma GCC visibility pop

#endif
