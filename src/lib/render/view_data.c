/*
 * view_data.c - a document's data tree and check cases (view.h): what
 * machines and test runners read, built by the same builder as the
 * tables people read.
 *
 * The tree is cJSON's, built with json_out.h (the one failure-tracking
 * JSON builder): each string copied, members in the order written.  A
 * call on a NULL parent does nothing: the document does not want its
 * data (gc_data_root gave NULL), or an earlier allocation failed, which
 * `failed` already says.  So a builder writes its data unconditionally
 * and the document decides what is kept.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/json_out.h"
#include "render/view.h"

/* Each call adds one node through json_out.h, whose own failure (an
 * allocation) fails the document; a NULL parent (data not wanted, or an
 * earlier failure) adds nothing and is no failure. */
#define DATA_CALL(v, parent, call)                                                                 \
    do {                                                                                           \
        if ((parent) == NULL || (v)->failed)                                                       \
            break;                                                                                 \
        gc_jw j_ = {NULL, 0};                                                                      \
        call;                                                                                      \
        if (j_.failed)                                                                             \
            (v)->failed = 1;                                                                       \
    } while (0)

/* The member's name in an object; an array's elements have none. */
static const char *key_in(const gc_dnode *parent, const char *key)
{
    return cJSON_IsObject(parent) ? key : NULL;
}

gc_dnode *gc_data_root(gc_view *v, int array)
{
    if (!(v->wants & GC_WANT_DATA) || v->failed)
        return NULL;
    cJSON_Delete(v->data);
    gc_jw j;
    v->data = gc_jw_start(&j, array);
    if (v->data == NULL)
        v->failed = 1;
    return v->data;
}

gc_dnode *gc_data_obj(gc_view *v, gc_dnode *parent, const char *key)
{
    gc_dnode *o = NULL;
    DATA_CALL(v, parent, o = gc_jw_obj(&j_, parent, key_in(parent, key)));
    return o;
}

gc_dnode *gc_data_arr(gc_view *v, gc_dnode *parent, const char *key)
{
    gc_dnode *a = NULL;
    DATA_CALL(v, parent, a = gc_jw_arr(&j_, parent, key_in(parent, key)));
    return a;
}

void gc_data_num(gc_view *v, gc_dnode *parent, const char *key, double value)
{
    gc_data_num_or_null(v, parent, key, value, 1);
}

void gc_data_num_or_null(gc_view *v, gc_dnode *parent, const char *key, double value, int known)
{
    DATA_CALL(v, parent, gc_jw_num_or_null(&j_, parent, key_in(parent, key), value, known));
}

void gc_data_str(gc_view *v, gc_dnode *parent, const char *key, const char *s)
{
    DATA_CALL(v, parent, gc_jw_str(&j_, parent, key_in(parent, key), s));
}

void gc_data_bool(gc_view *v, gc_dnode *parent, const char *key, int b)
{
    DATA_CALL(v, parent, gc_jw_bool(&j_, parent, key_in(parent, key), b));
}

void gc_data_error(gc_view *v, gc_dnode *parent, const char *key, const gpucost_error *e)
{
    DATA_CALL(v, parent, gc_jw_error(&j_, parent, key_in(parent, key), e));
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
