/*
 * json_out.c - failure-tracking JSON building (json_out.h).
 */
#include "base/json_out.h"

#include <math.h>

/* Adds `item` to `parent`; on any failure frees it and marks `j`. */
static cJSON *put(gc_jw *j, cJSON *parent, const char *name, cJSON *item)
{
    int ok = item != NULL && parent != NULL &&
             (name != NULL ? cJSON_AddItemToObject(parent, name, item)
                           : cJSON_AddItemToArray(parent, item));
    if (!ok) {
        cJSON_Delete(item);
        j->failed = 1;
        return NULL;
    }
    return item;
}

cJSON *gc_jw_start(gc_jw *j, int array)
{
    j->root = array ? cJSON_CreateArray() : cJSON_CreateObject();
    j->failed = j->root == NULL;
    return j->root;
}

cJSON *gc_jw_obj(gc_jw *j, cJSON *parent, const char *name)
{
    return put(j, parent, name, cJSON_CreateObject());
}

cJSON *gc_jw_arr(gc_jw *j, cJSON *parent, const char *name)
{
    return put(j, parent, name, cJSON_CreateArray());
}

void gc_jw_num(gc_jw *j, cJSON *parent, const char *name, double v)
{
    put(j, parent, name, cJSON_CreateNumber(v));
}

void gc_jw_num_or_null(gc_jw *j, cJSON *parent, const char *name, double v, int known)
{
    put(j, parent, name, known && isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull());
}

void gc_jw_str(gc_jw *j, cJSON *parent, const char *name, const char *s)
{
    put(j, parent, name, s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull());
}

void gc_jw_bool(gc_jw *j, cJSON *parent, const char *name, int b)
{
    put(j, parent, name, cJSON_CreateBool(b));
}

static const char *code_name(gpucost_status code)
{
    static const char *const names[] = {"ok",         "io",    "syntax", "invalid",
                                        "notfound",   "range", "nomem",  "noconv",
                                        "nosolution", "limit", "usage"};
    return (size_t)code < sizeof names / sizeof names[0] ? names[code] : "unknown";
}

void gc_jw_error(gc_jw *j, cJSON *parent, const char *name, const gpucost_error *e)
{
    cJSON *o = gc_jw_obj(j, parent, name);
    gc_jw_str(j, o, "file", e->file);
    gc_jw_num(j, o, "line", e->line);
    gc_jw_num(j, o, "column", e->column);
    gc_jw_str(j, o, "path", e->path);
    gc_jw_str(j, o, "message", e->message);
    gc_jw_str(j, o, "code", code_name(e->code));
}

gpucost_status gc_jw_finish(gc_jw *j, gpucost_buf *out, gpucost_error *err)
{
    char *text = j->root != NULL && !j->failed ? cJSON_Print(j->root) : NULL;
    cJSON_Delete(j->root);
    j->root = NULL;
    if (text == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    gpucost_buf_puts(out, text);
    gpucost_buf_puts(out, "\n");
    cJSON_free(text);
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}
