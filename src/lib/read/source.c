/*
 * source.c - where numbers come from (source.h): freeing and coverage of
 * sources and estimate notes, and reading them from a scenario's or a
 * catalog entry's JSON ("sources", "estimates", "derived").
 */
#include "gpucost/source.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "read/json.h"

void gpucost_sources_free(gpucost_source *s, size_t n)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        gc_free(s[i].title);
        gc_free(s[i].url);
        gc_free(s[i].quote);
        for (size_t j = 0; j < s[i].nfields; j++)
            gc_free(s[i].fields[j]);
        gc_free(s[i].fields);
    }
    gc_free(s);
}

int gpucost_sources_cover(const gpucost_source *s, size_t n, const gpucost_note *notes,
                          size_t nnotes, const char *field)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < s[i].nfields; j++)
            if (strcmp(s[i].fields[j], field) == 0)
                return 1;
    for (size_t i = 0; i < nnotes; i++)
        if (strcmp(notes[i].field, field) == 0)
            return 1;
    return 0;
}

int gpucost_source_placeholder(const char *text)
{
    if (text == NULL)
        return 0;
    while (*text == ' ' || *text == '\t' || *text == '\n')
        text++;
    return strncmp(text, GPUCOST_PLACEHOLDER, strlen(GPUCOST_PLACEHOLDER)) == 0;
}

void gpucost_notes_free(gpucost_note *notes, size_t n)
{
    if (notes == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        gc_free(notes[i].field);
        gc_free(notes[i].how);
    }
    gc_free(notes);
}

/* A source's "fields": the input paths it supports. */
static gpucost_status source_fields(const gc_json_doc *doc, const cJSON *fields, const char *fp,
                                    gpucost_source *src, gpucost_error *err)
{
    if (!cJSON_IsArray(fields))
        return gc_json_fail(doc, fields, GPUCOST_EINVAL, fp, err,
                            "expected an array of field names, got %s", gc_json_type_name(fields));
    size_t nf = (size_t)cJSON_GetArraySize(fields);
    src->fields = gc_calloc(nf ? nf : 1, sizeof *src->fields);
    if (src->fields == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, fp, "out of memory");
    int j = 0;
    for (const cJSON *f = fields->child; f != NULL; f = f->next, j++) {
        char ep[176];
        const char *str = "";
        gc_json_path(ep, sizeof ep, fp, NULL, j);
        gpucost_status rc = gc_json_string(doc, f, ep, &str, err);
        if (rc != GPUCOST_OK)
            return rc;
        if ((src->fields[src->nfields] = gpucost_strdup(str)) == NULL)
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, fp, "out of memory");
        src->nfields++;
    }
    return GPUCOST_OK;
}

/* Member `key` of `c` when present: 0, or an error when `ok` says its
 * type is wrong (`want` names the type expected). */
static gpucost_status typed_member(const gc_json_doc *doc, const cJSON *c, const char *sub,
                                   const char *key, cJSON_bool (*ok)(const cJSON *),
                                   const char *want, gpucost_error *err)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(c, key);
    if (m == NULL || ok(m))
        return GPUCOST_OK;
    char mp[160];
    gc_json_path(mp, sizeof mp, sub, key, 0);
    return gc_json_fail(doc, m, GPUCOST_EINVAL, mp, err, "expected %s, got %s", want,
                        gc_json_type_name(m));
}

static gpucost_status parse_source(const gc_json_doc *doc, const cJSON *c, const char *sub,
                                   gpucost_source *src, gpucost_error *err)
{
    static const char *const keys[] = {"title", "url", "quote", "fields", "verified", "note", NULL};
    gpucost_status rc = gc_json_check_keys(doc, c, sub, keys, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, c, sub, "title", 1, &src->title, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, c, sub, "url", 0, &src->url, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, c, sub, "quote", 0, &src->quote, err);
    if (rc == GPUCOST_OK)
        rc = typed_member(doc, c, sub, "verified", cJSON_IsBool, "true or false", err);
    if (rc == GPUCOST_OK)
        rc = typed_member(doc, c, sub, "note", cJSON_IsString, "a string", err);
    src->unverified = cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "verified"));
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(c, "fields");
    if (rc == GPUCOST_OK && fields != NULL) {
        char fp[160];
        gc_json_path(fp, sizeof fp, sub, "fields", 0);
        rc = source_fields(doc, fields, fp, src, err);
    }
    return rc;
}

gpucost_status gc_json_sources(const gc_json_doc *doc, const cJSON *node, const char *path,
                               gpucost_source **out, size_t *n, gpucost_error *err)
{
    if (!cJSON_IsArray(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "expected an array of sources, got %s", gc_json_type_name(node));
    size_t count = (size_t)cJSON_GetArraySize(node);
    gpucost_source *s = gc_calloc(count ? count : 1, sizeof *s);
    if (s == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, path, "out of memory");
    gpucost_status rc = GPUCOST_OK;
    size_t i = 0;
    for (const cJSON *c = node->child; c != NULL && rc == GPUCOST_OK; c = c->next, i++) {
        char sub[128];
        gc_json_path(sub, sizeof sub, path, NULL, (int)i);
        rc = parse_source(doc, c, sub, &s[i], err);
    }
    if (rc != GPUCOST_OK) {
        gpucost_sources_free(s, count);
        return rc;
    }
    *out = s;
    *n = count;
    return GPUCOST_OK;
}

gpucost_status gc_json_notes(const gc_json_doc *doc, const cJSON *node, const char *path,
                             int derived, gpucost_note **notes, size_t *n, gpucost_error *err)
{
    if (!cJSON_IsObject(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "expected an object of field: explanation, got %s",
                            gc_json_type_name(node));
    for (const cJSON *c = node->child; c != NULL; c = c->next) {
        char sub[128];
        const char *how = "";
        gc_json_path(sub, sizeof sub, path, c->string, 0);
        gpucost_status rc = gc_json_string(doc, c, sub, &how, err);
        if (rc != GPUCOST_OK)
            return rc;
        gpucost_note *p = gc_realloc(*notes, (*n + 1) * sizeof *p);
        if (p == NULL)
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, path, "out of memory");
        *notes = p;
        p[*n].field = gpucost_strdup(c->string);
        p[*n].how = gpucost_strdup(how);
        p[*n].derived = derived;
        (*n)++;
        if (p[*n - 1].field == NULL || p[*n - 1].how == NULL)
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, path, "out of memory");
    }
    return GPUCOST_OK;
}

gpucost_status gc_json_provenance(const gc_json_doc *doc, const cJSON *obj,
                                  gpucost_source **sources, size_t *nsources, gpucost_note **notes,
                                  size_t *nnotes, gpucost_error *err)
{
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(obj, "sources");
    gpucost_status rc = GPUCOST_OK;
    if (src != NULL)
        rc = gc_json_sources(doc, src, "sources", sources, nsources, err);
    const char *note_keys[2] = {"estimates", "derived"};
    for (int k = 0; k < 2 && rc == GPUCOST_OK; k++) {
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, note_keys[k]);
        if (m != NULL)
            rc = gc_json_notes(doc, m, note_keys[k], k, notes, nnotes, err);
    }
    return rc;
}
