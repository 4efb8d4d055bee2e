/*
 * render_json.c - a document's data tree (view.h) as JSON: the one place
 * a command's JSON is written.  The shapes are the builders' and
 * docs/commands.md's; this file only spells them.
 *
 * The tree is copied into cJSON and printed the way every JSON output
 * always was (cJSON_Print: tab-indented, numbers as cJSON writes them,
 * a final newline), so a document gives byte for byte the JSON the
 * hand-built writers gave.  A failed document, or any failed allocation,
 * leaves `out` failed and adds nothing to it.
 */
#include <cjson/cJSON.h>

#include "render/view.h"

/* A cJSON copy of leaf or container `n`, or NULL when out of memory. */
static cJSON *to_cjson(const gc_dnode *n)
{
    switch (n->kind) {
    case GC_D_NUMBER: return cJSON_CreateNumber(n->value);
    case GC_D_TEXT: return cJSON_CreateString(n->text);
    case GC_D_BOOL: return cJSON_CreateBool(n->value != 0.0);
    case GC_D_NULL: return cJSON_CreateNull();
    default: break;
    }
    int obj = n->kind == GC_D_OBJECT;
    cJSON *c = obj ? cJSON_CreateObject() : cJSON_CreateArray();
    for (const gc_dnode *k = n->first; c != NULL && k != NULL; k = k->next) {
        cJSON *item = to_cjson(k);
        cJSON_bool ok = item != NULL && (obj ? cJSON_AddItemToObject(c, k->key, item)
                                             : cJSON_AddItemToArray(c, item));
        if (!ok) {
            cJSON_Delete(item);
            cJSON_Delete(c);
            c = NULL;
        }
    }
    return c;
}

void gc_view_render_json(const gc_view *v, gpucost_buf *out)
{
    if (gc_view_failed(v) || v->data == NULL) {
        out->failed = 1;
        return;
    }
    cJSON *root = to_cjson(v->data);
    char *text = root != NULL ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL) {
        out->failed = 1;
        return;
    }
    gpucost_buf_puts(out, text);
    gpucost_buf_puts(out, "\n");
    cJSON_free(text);
}
