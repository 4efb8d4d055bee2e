/*
 * view_data.c - a document's data tree and check cases (view.h): what
 * machines and test runners read, built by the same builder as the
 * tables people read.
 *
 * The tree is nodes linked in order (first, last, next), each string
 * copied.  A call on a NULL parent does nothing: the document does not
 * want its data (gc_data_root gave NULL), or an earlier allocation
 * failed, which `failed` already says.  So a builder writes its data
 * unconditionally and the document decides what is kept.
 */
#include <math.h>
#include <string.h>

#include "base/alloc.h"
#include "render/view.h"

void gc_data_free(gc_dnode *n)
{
    while (n != NULL) {
        gc_dnode *next = n->next;
        gc_data_free(n->first);
        gc_free(n->key);
        gc_free(n->text);
        gc_free(n);
        n = next;
    }
}

/* A new node of `kind` named `key`, or NULL with `failed` set. */
static gc_dnode *node(gc_view *v, gc_dkind kind, const char *key)
{
    gc_dnode *n = gc_calloc(1, sizeof *n);
    if (n == NULL) {
        v->failed = 1;
        return NULL;
    }
    n->kind = kind;
    if (key != NULL && (n->key = gpucost_strdup(key)) == NULL) {
        gc_free(n);
        v->failed = 1;
        return NULL;
    }
    return n;
}

/* Appends a new node to `parent`; NULL when there is no parent, the
 * document has failed or memory ran out. */
static gc_dnode *add(gc_view *v, gc_dnode *parent, gc_dkind kind, const char *key)
{
    if (parent == NULL || v->failed)
        return NULL;
    gc_dnode *n = node(v, kind, parent->kind == GC_D_OBJECT ? key : NULL);
    if (n == NULL)
        return NULL;
    if (parent->last != NULL)
        parent->last->next = n;
    else
        parent->first = n;
    parent->last = n;
    return n;
}

gc_dnode *gc_data_root(gc_view *v, int array)
{
    if (!(v->wants & GC_WANT_DATA) || v->failed)
        return NULL;
    gc_data_free(v->data);
    v->data = node(v, array ? GC_D_ARRAY : GC_D_OBJECT, NULL);
    return v->data;
}

gc_dnode *gc_data_obj(gc_view *v, gc_dnode *parent, const char *key)
{
    return add(v, parent, GC_D_OBJECT, key);
}

gc_dnode *gc_data_arr(gc_view *v, gc_dnode *parent, const char *key)
{
    return add(v, parent, GC_D_ARRAY, key);
}

void gc_data_num(gc_view *v, gc_dnode *parent, const char *key, double value)
{
    gc_data_num_or_null(v, parent, key, value, 1);
}

void gc_data_num_or_null(gc_view *v, gc_dnode *parent, const char *key, double value, int known)
{
    gc_dnode *n = add(v, parent, known && isfinite(value) ? GC_D_NUMBER : GC_D_NULL, key);
    if (n != NULL)
        n->value = value;
}

void gc_data_str(gc_view *v, gc_dnode *parent, const char *key, const char *s)
{
    gc_dnode *n = add(v, parent, s != NULL ? GC_D_TEXT : GC_D_NULL, key);
    if (n != NULL && s != NULL && (n->text = gpucost_strdup(s)) == NULL)
        v->failed = 1;
}

void gc_data_bool(gc_view *v, gc_dnode *parent, const char *key, int b)
{
    gc_dnode *n = add(v, parent, GC_D_BOOL, key);
    if (n != NULL)
        n->value = b ? 1.0 : 0.0;
}

/* gpucost_status as the word the JSON outputs carry in "code". */
static const char *code_name(gpucost_status code)
{
    static const char *const names[] = {"ok",         "io",    "syntax", "invalid",
                                        "notfound",   "range", "nomem",  "noconv",
                                        "nosolution", "limit", "usage"};
    return (size_t)code < sizeof names / sizeof names[0] ? names[code] : "unknown";
}

void gc_data_error(gc_view *v, gc_dnode *parent, const char *key, const gpucost_error *e)
{
    gc_dnode *o = gc_data_obj(v, parent, key);
    gc_data_str(v, o, "file", e->file);
    gc_data_num(v, o, "line", e->line);
    gc_data_num(v, o, "column", e->column);
    gc_data_str(v, o, "path", e->path);
    gc_data_str(v, o, "message", e->message);
    gc_data_str(v, o, "code", code_name(e->code));
}

gc_dnode *gc_view_record(gc_view *v, gc_vtable *t, gc_dnode *records)
{
    gc_view_row(t);
    return gc_data_obj(v, records, NULL);
}

void gc_view_field(gc_view *v, gc_vtable *t, gc_dnode *rec, const char *key, const char *text,
                   const char *data)
{
    gc_view_cell(t, text);
    gc_data_str(v, rec, key, data);
}

void gc_view_field_value(gc_view *v, gc_vtable *t, gc_dnode *rec, const char *key,
                         gpucost_quantity q, double value, int known)
{
    gc_view_value(t, q, value, known);
    gc_data_num_or_null(v, rec, key, value, known);
}

void gc_view_cases_free(gc_view *v)
{
    for (size_t i = 0; i < v->ncases; i++) {
        gc_vcase *c = &v->cases[i];
        /* the document's own copies (gc_view_case) */
        gc_free((char *)c->group);
        gc_free((char *)c->name);
        gc_free((char *)c->where);
        gc_free((char *)c->file);
        gc_free((char *)c->message);
        gc_free((char *)c->source);
        gc_free((char *)c->note);
    }
    gc_free(v->cases);
    v->cases = NULL;
    v->ncases = v->capcases = 0;
}

/* A copy of `s` ("" for NULL), or NULL with `failed` set. */
static char *copy(gc_view *v, const char *s)
{
    char *c = gpucost_strdup(s != NULL ? s : "");
    if (c == NULL)
        v->failed = 1;
    return c;
}

void gc_view_case(gc_view *v, const gc_vcase *c)
{
    if (!(v->wants & GC_WANT_CASES) || v->failed)
        return;
    if (v->ncases == v->capcases) {
        size_t cap = v->capcases ? v->capcases * 2 : 16;
        gc_vcase *p = gc_realloc(v->cases, cap * sizeof *p);
        if (p == NULL) {
            v->failed = 1;
            return;
        }
        v->cases = p;
        v->capcases = cap;
    }
    gc_vcase *d = &v->cases[v->ncases++];
    *d = *c;
    d->group = copy(v, c->group);
    d->name = copy(v, c->name);
    d->where = copy(v, c->where);
    d->file = copy(v, c->file);
    d->message = copy(v, c->message);
    d->source = copy(v, c->source);
    d->note = copy(v, c->note);
}
