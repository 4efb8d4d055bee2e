/*
 * render_json.c - a document's data tree (view.h) as JSON: the one place
 * a command's JSON is written.  The shapes are the builders' and
 * docs/commands.md's; this file only spells them.
 *
 * The tree is cJSON's, printed the way every JSON output always was
 * (cJSON_Print: tab-indented, numbers as cJSON writes them, a final
 * newline), so a document gives byte for byte the JSON the hand-built
 * writers gave.  A failed document, or any failed allocation,
 * leaves `out` failed and adds nothing to it.
 */
#include <cjson/cJSON.h>

#include "render/view.h"

void gc_view_render_json(const gc_view *v, gpucost_buf *out)
{
    if (gc_view_failed(v) || v->data == NULL) {
        out->failed = 1;
        return;
    }
    char *text = cJSON_Print(v->data);
    if (text == NULL) {
        out->failed = 1;
        return;
    }
    gpucost_buf_puts(out, text);
    gpucost_buf_puts(out, "\n");
    cJSON_free(text);
}
