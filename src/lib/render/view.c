/*
 * view.c - building a document's blocks (view.h): titles, lines, items
 * and table cells, every string copied, the first allocation failure
 * remembered in `failed`.  The data tree and the check cases are
 * view_data.c's, a series' numbers view_series.c's.  A document that does
 * not want its blocks (JSON, JUnit, TAP) adds none: every call here does
 * nothing; one that wants only its series (SVG) adds those alone.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "render/view.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/number.h"
#include "gpucost/quantity.h"

void gc_view_init(gc_view *v)
{
    memset(v, 0, sizeof *v);
    v->wants = GC_WANT_ALL;
}

void gc_view_init_for(gc_view *v, gpucost_format f)
{
    gc_view_init(v);
    v->wants = gc_format_wants(f);
}

static void table_free(gc_vtable *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++) {
        gc_free(t->cells[i].text);
        gc_free(t->cells[i].exact);
        gc_free(t->cells[i].cls);
        gc_free(t->cells[i].href);
    }
    gc_free(t->cells);
    gc_free(t->right);
    gc_free(t->audience);
    gc_free(t->id);
    gc_free(t->cls);
    gc_free(t);
}

void gc_view_release(gc_view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        gc_free(v->blocks[i].label);
        gc_free(v->blocks[i].text);
        gc_free(v->blocks[i].cls);
        table_free(v->blocks[i].table);
        gc_series_free(v->blocks[i].series);
    }
    gc_free(v->blocks);
    gc_free(v->chart);
    cJSON_Delete(v->data);
    gc_view_cases_free(v);
    unsigned wants = v->wants;
    gc_view_init(v);
    v->wants = wants;
}

/* A copy of `s` (NULL stays NULL); sets *failed when out of memory. */
static char *copy(const char *s, int *failed)
{
    if (s == NULL)
        return NULL;
    char *c = gpucost_strdup(s);
    if (c == NULL)
        *failed = 1;
    return c;
}

/* The text `fmt` formats, in full in a new string (a title or a claim's
 * source has no length limit: a fixed array would cut it silently), or
 * NULL with `*failed` set. */
static char *vformat(int *failed, const char *fmt, va_list ap) GPUCOST_PRINTF(2, 0);
static char *vformat(int *failed, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = gc_vsnprintf(NULL, 0, fmt, ap);
    char *s = n >= 0 ? gc_malloc((size_t)n + 1) : NULL;
    if (s != NULL)
        gc_vsnprintf(s, (size_t)n + 1, fmt, again);
    else
        *failed = 1;
    va_end(again);
    return s;
}

/* A new block of `kind` at the end, or NULL once the view has failed or
 * when it does not want the part the block belongs to. */
static gc_block *add_block(gc_view *v, gc_block_kind kind)
{
    unsigned part = kind == GC_BLOCK_SERIES ? GC_WANT_SERIES : GC_WANT_BLOCKS;
    if (v->failed || !(v->wants & part))
        return NULL;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        gc_block *b = gc_realloc(v->blocks, cap * sizeof *b);
        if (b == NULL) {
            v->failed = 1;
            return NULL;
        }
        v->blocks = b;
        v->cap = cap;
    }
    gc_block *b = &v->blocks[v->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

static void add_text(gc_view *v, gc_block_kind kind, size_t indent, const char *fmt, va_list ap)
    GPUCOST_PRINTF(4, 0);
static void add_text(gc_view *v, gc_block_kind kind, size_t indent, const char *fmt, va_list ap)
{
    gc_block *b = add_block(v, kind);
    if (b == NULL)
        return;
    b->indent = indent;
    b->text = vformat(&v->failed, fmt, ap);
}

void gc_view_title(gc_view *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(v, GC_BLOCK_TITLE, 0, fmt, ap);
    va_end(ap);
}

void gc_view_subtitle(gc_view *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(v, GC_BLOCK_SUBTITLE, 0, fmt, ap);
    va_end(ap);
}

void gc_view_line(gc_view *v, size_t indent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(v, GC_BLOCK_LINE, indent, fmt, ap);
    va_end(ap);
}

void gc_view_item(gc_view *v, size_t indent, const char *cls, const char *label, const char *text)
{
    gc_block *b = add_block(v, GC_BLOCK_ITEM);
    if (b == NULL)
        return;
    b->indent = indent;
    b->label = copy(label, &v->failed);
    b->text = copy(text, &v->failed);
    b->cls = copy(cls, &v->failed);
}

void gc_view_gap(gc_view *v)
{
    add_block(v, GC_BLOCK_GAP);
}

gc_series *gc_view_series(gc_view *v, gc_series_kind kind, const char *tag, gpucost_quantity q)
{
    gc_block *b = add_block(v, GC_BLOCK_SERIES);
    if (b == NULL)
        return NULL;
    b->cls = copy(tag, &v->failed);
    gc_series *s = gc_calloc(1, sizeof *s);
    b->series = s;
    if (s == NULL) {
        v->failed = 1;
        return NULL;
    }
    s->kind = kind;
    s->q = q;
    return s;
}

void gc_series_title(gc_series *s, const char *fmt, ...)
{
    if (s == NULL || s->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    gc_free(s->title);
    s->title = vformat(&s->failed, fmt, ap);
    va_end(ap);
}

void gc_view_chart(gc_view *v, const char *tag)
{
    if (v->failed || !(v->wants & GC_WANT_SERIES))
        return;
    gc_free(v->chart);
    v->chart = copy(tag, &v->failed);
}

gc_vtable *gc_view_table(gc_view *v, size_t ncols, size_t indent)
{
    gc_block *b = add_block(v, GC_BLOCK_TABLE);
    if (b == NULL)
        return NULL;
    gc_vtable *t = gc_calloc(1, sizeof *t);
    if (t != NULL) {
        t->ncols = ncols;
        t->indent = indent;
        t->right = gc_calloc(ncols ? ncols : 1, 1);
        t->audience = gc_calloc(ncols ? ncols : 1, 1);
    }
    b->table = t;
    if (t == NULL || t->right == NULL || t->audience == NULL) {
        v->failed = 1;
        return NULL;
    }
    /* the header row */
    gc_view_row(t);
    if (t->nrows == 0) {
        v->failed = 1;
        return NULL;
    }
    return t;
}

/* A table remembers its own failures in `failed`; the renderers check
 * it (gc_view_failed) before writing anything. */
void gc_view_row(gc_vtable *t)
{
    if (t == NULL || t->failed)
        return;
    size_t need = (t->nrows + 1) * t->ncols;
    if (need > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : t->ncols * 16;
        while (cap < need)
            cap *= 2;
        gc_cell *p = gc_realloc(t->cells, cap * sizeof *p);
        if (p == NULL) {
            t->failed = 1; /* nothing more is added */
            return;
        }
        t->cells = p;
        t->cap = cap;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
    t->nrows++;
}

int gc_view_failed(const gc_view *v)
{
    if (v->failed)
        return 1;
    for (size_t i = 0; i < v->n; i++) {
        const gc_block *b = &v->blocks[i];
        if (b->kind == GC_BLOCK_TABLE && (b->table == NULL || b->table->failed))
            return 1;
        if (b->kind == GC_BLOCK_SERIES && (b->series == NULL || b->series->failed))
            return 1;
    }
    return 0;
}

void gc_view_head(gc_vtable *t, size_t col, const char *human, const char *csv, int right,
                  int audience)
{
    if (t == NULL || col >= t->ncols || t->nrows == 0)
        return;
    t->cells[col].text = copy(human, &t->failed);
    t->cells[col].exact = copy(csv, &t->failed);
    t->right[col] = (unsigned char)right;
    t->audience[col] = (unsigned char)audience;
}

/* The last row's next empty cell, or NULL. */
static gc_cell *next_cell(gc_vtable *t)
{
    if (t == NULL || t->nrows < 2 || t->failed)
        return NULL;
    gc_cell *row = &t->cells[(t->nrows - 1) * t->ncols];
    for (size_t c = 0; c < t->ncols; c++)
        if (row[c].text == NULL && row[c].exact == NULL)
            return &row[c];
    return NULL;
}

/* The last filled cell of the last row, or NULL. */
static gc_cell *last_cell(gc_vtable *t)
{
    if (t == NULL || t->nrows < 2 || t->failed)
        return NULL;
    gc_cell *row = &t->cells[(t->nrows - 1) * t->ncols];
    gc_cell *last = NULL;
    for (size_t c = 0; c < t->ncols && (row[c].text != NULL || row[c].exact != NULL); c++)
        last = &row[c];
    return last;
}

void gc_view_cell2(gc_vtable *t, const char *text, const char *exact)
{
    gc_cell *c = next_cell(t);
    if (c == NULL)
        return;
    c->exact = copy(exact, &t->failed);
    c->text = copy(text, &t->failed);
}

void gc_view_cell_num(gc_vtable *t, const char *text, double value, const char *exact)
{
    if (!isfinite(value)) {
        gc_view_cell2(t, text, exact);
        return;
    }
    gc_cell *c = next_cell(t);
    if (c == NULL)
        return;
    c->text = copy(text, &t->failed);
    c->has_value = 1;
    c->value = value;
}

void gc_view_cell(gc_vtable *t, const char *text)
{
    gc_view_cell2(t, text, NULL);
}

void gc_view_cellf(gc_vtable *t, const char *fmt, ...)
{
    gc_cell *c = next_cell(t);
    if (c == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    c->text = vformat(&t->failed, fmt, ap);
    va_end(ap);
}

void gc_view_value(gc_vtable *t, gpucost_quantity q, double value, int known)
{
    char h[64] = "-";
    if (!known) {
        gc_view_cell2(t, h, "");
        return;
    }
    gc_cell *c = next_cell(t);
    if (c == NULL)
        return;
    gpucost_quantity_format(q, value, h, sizeof h);
    c->text = copy(h, &t->failed);
    c->has_value = 1;
    c->value = value;
}

void gc_view_class(gc_vtable *t, const char *cls)
{
    gc_cell *c = last_cell(t);
    if (c != NULL && c->cls == NULL)
        c->cls = copy(cls, &t->failed);
}

void gc_view_link(gc_vtable *t, const char *href)
{
    gc_cell *c = last_cell(t);
    if (c != NULL && c->href == NULL)
        c->href = copy(href, &t->failed);
}

void gc_view_table_html(gc_vtable *t, const char *id, const char *cls)
{
    if (t == NULL)
        return;
    t->id = copy(id, &t->failed);
    t->cls = copy(cls, &t->failed);
}

void gc_view_table_for(gc_vtable *t, int audience)
{
    if (t != NULL)
        t->audience_all = audience;
}
