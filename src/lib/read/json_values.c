/*
 * json_values.c - the typed member readers every loader shares (json.h):
 * numbers, strings (no control characters), required and optional
 * members, object arrays, JSON paths and type names for messages, and
 * unknown and duplicate keys with a "did you mean".  Siblings: json.c,
 * json_file.c, json_scan.c (json_internal.h); sources live in source.c,
 * distributions in dist.c.
 */
#include "base/alloc.h"
#include "read/json.h"

#include <math.h>
#include <string.h>

#include "gpucost/suggest.h"
#include "base/text.h"

gpucost_status gc_json_number_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                     const char *key, int required, double *out, int *has,
                                     gpucost_error *err)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (has != NULL)
        *has = m != NULL;
    if (m == NULL)
        return required
                   ? gc_json_fail(doc, obj, GPUCOST_EINVAL, parent, err, "missing key '%s'", key)
                   : GPUCOST_OK;
    char path[160];
    gc_json_path(path, sizeof path, parent, key, 0);
    return gc_json_number(doc, m, path, out, err);
}

void gc_json_path(char *out, size_t n, const char *parent, const char *key, int index)
{
    if (key != NULL)
        gc_text_printf(out, n, "%s%s%s", parent, parent[0] ? "." : "", key);
    else
        gc_text_printf(out, n, "%s[%d]", parent, index);
}

const char *gc_json_type_name(const cJSON *node)
{
    if (cJSON_IsObject(node))
        return "an object";
    if (cJSON_IsArray(node))
        return "an array";
    if (cJSON_IsString(node))
        return "a string";
    if (cJSON_IsNumber(node))
        return "a number";
    if (cJSON_IsBool(node))
        return "a boolean";
    if (cJSON_IsNull(node))
        return "null";
    return "an invalid value";
}

gpucost_status gc_json_check_keys(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                  const char *const *allowed, gpucost_error *err)
{
    if (!cJSON_IsObject(obj))
        return gc_json_fail(doc, obj, GPUCOST_EINVAL, path, err, "expected an object, got %s",
                            gc_json_type_name(obj));
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        char sub[128];
        gc_json_path(sub, sizeof sub, path, c->string, 0);
        int ok = 0;
        size_t nallowed = 0;
        for (const char *const *a = allowed; *a != NULL; a++, nallowed++)
            ok |= strcmp(*a, c->string) == 0;
        const char *best = ok ? NULL : gpucost_suggest(c->string, allowed, nallowed);
        if (!ok)
            return gc_json_fail_key(doc, c, sub, err, "unknown key '%s'%s%s%s", c->string,
                                    best ? " (did you mean '" : "", best ? best : "",
                                    best ? "'?)" : "");
        for (const cJSON *d = obj->child; d != c; d = d->next)
            if (strcmp(d->string, c->string) == 0)
                return gc_json_fail_key(doc, c, sub, err, "duplicate key '%s'", c->string);
    }
    return GPUCOST_OK;
}

gpucost_status gc_json_number(const gc_json_doc *doc, const cJSON *node, const char *path,
                              double *out, gpucost_error *err)
{
    if (!cJSON_IsNumber(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected a number, got %s",
                            gc_json_type_name(node));
    if (!isfinite(node->valuedouble))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "number is out of range (not finite)");
    *out = node->valuedouble;
    return GPUCOST_OK;
}

gpucost_status gc_json_string(const gc_json_doc *doc, const cJSON *node, const char *path,
                              const char **out, gpucost_error *err)
{
    if (!cJSON_IsString(node) || node->valuestring == NULL)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected a string, got %s",
                            gc_json_type_name(node));
    /* Text reaches terminals, TAP and HTML: no control characters, C0
     * (escaped as \n, \u001b, ...) or C1 (U+0080 to U+009F, a CSI too). */
    for (const unsigned char *p = (const unsigned char *)node->valuestring; *p; p++) {
        unsigned cp = *p;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            cp = p[1];
        else if (cp >= 0x20 && cp != 0x7F)
            continue;
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "control character U+%04X in a string (text is one line, "
                            "without control characters)",
                            cp);
    }
    *out = node->valuestring;
    return GPUCOST_OK;
}

gpucost_status gc_json_string_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                     const char *key, int required, char **out, gpucost_error *err)
{
    char path[128];
    gc_json_path(path, sizeof path, parent, key, 0);
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    const char *s = "";
    if (m == NULL && required)
        return gc_json_fail(doc, obj, GPUCOST_EINVAL, parent, err, "missing key '%s'", key);
    if (m != NULL) {
        gpucost_status rc = gc_json_string(doc, m, path, &s, err);
        if (rc != GPUCOST_OK)
            return rc;
        if (required && s[0] == '\0')
            return gc_json_fail(doc, m, GPUCOST_EINVAL, path, err, "expected a non-empty string");
    }
    *out = gpucost_strdup(s);
    return *out ? GPUCOST_OK
                : GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, path, "out of memory");
}

gpucost_status gc_json_array(const gc_json_doc *doc, const cJSON *node, const char *path,
                             size_t size, gc_json_entry_fn read, void *ctx, void **items, size_t *n,
                             gpucost_error *err)
{
    if (!cJSON_IsArray(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected an array, got %s",
                            gc_json_type_name(node));
    size_t count = (size_t)cJSON_GetArraySize(node);
    *items = gc_calloc(count ? count : 1, size);
    if (*items == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    int i = 0;
    for (const cJSON *c = node->child; c != NULL; c = c->next, i++) {
        char where[160];
        gc_json_path(where, sizeof where, path, NULL, i);
        *n = (size_t)i + 1;
        gpucost_status rc = read(doc, c, where, ctx, (char *)*items + (size_t)i * size, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    return GPUCOST_OK;
}
