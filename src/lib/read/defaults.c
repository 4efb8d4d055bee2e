/*
 * defaults.c - reading the defaults file (defaults.h): a "defaults"
 * object of quantity values plus the provenance every models/ file has.
 */
#include "gpucost/defaults.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "read/json.h"
#include "base/text.h"

static const gpucost_quantity allowed[] = {
    GPUCOST_Q_PUE,
    GPUCOST_Q_SERVER_FACTOR,
    GPUCOST_Q_CLUSTER_FACTOR,
    GPUCOST_Q_LIFETIME_YEARS,
    GPUCOST_Q_VALUE_DECAY_OOM_PER_YEAR,
    GPUCOST_Q_ELECTRICITY_USD_PER_KWH,
    GPUCOST_Q_GRID_KG_PER_KWH,
    GPUCOST_Q_DECODE_EFFICIENCY,
    GPUCOST_Q_PREFILL_EFFICIENCY,
};

int gpucost_defaults_allowed(gpucost_quantity q)
{
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (allowed[i] == q)
            return 1;
    return 0;
}

void gpucost_defaults_free(gpucost_defaults *d)
{
    if (d == NULL)
        return;
    gc_free(d->file);
    gc_free(d->stands_in_for);
    gpucost_sources_free(d->sources, d->nsources);
    gpucost_notes_free(d->notes, d->nnotes);
    gpucost_price_index_free(d->price_index);
    gc_free(d);
}

const gpucost_dist *gpucost_defaults_get(const gpucost_defaults *d, gpucost_quantity q)
{
    return d != NULL && d->given[q] ? &d->value[q] : NULL;
}

int gpucost_defaults_note(const gpucost_defaults *d, char *buf, size_t n)
{
    if (n > 0)
        buf[0] = '\0';
    if (d == NULL || d->stands_in_for == NULL || n == 0)
        return 0;
    gc_text_printf(buf, n, "defaults: %s (bundled: %s has no defaults.json)", d->file,
                   d->stands_in_for);
    return 1;
}

/* One member of "defaults": a quantity the file may set, in its domain. */
static gpucost_status parse_value(const gc_json_doc *doc, const cJSON *c, gpucost_defaults *d,
                                  gpucost_error *err)
{
    char path[128];
    gc_json_path(path, sizeof path, "defaults", c->string, 0);
    gpucost_quantity q;
    if (gpucost_quantity_lookup(c->string, &q) != 0 || !gpucost_defaults_allowed(q)) {
        char names[256] = "";
        for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
            gc_text_list(names, sizeof names, gpucost_quantity_info_get(allowed[i])->name);
        return gc_json_fail_key(doc, c, path, err, "'%s' has no default here (the file sets: %s)",
                                c->string, names);
    }
    if (d->given[q])
        return gc_json_fail_key(doc, c, path, err, "duplicate key '%s'", c->string);
    gpucost_status rc = gc_json_quantity_dist(doc, c, path, q, &d->value[q], err);
    d->given[q] = rc == GPUCOST_OK;
    return rc;
}

static gpucost_status parse_doc(const gc_json_doc *doc, gpucost_defaults *d, gpucost_error *err)
{
    static const char *const keys[] = {"defaults", "sources", "estimates", "derived", NULL};
    gpucost_status rc = gc_json_check_keys(doc, doc->root, "", keys, err);
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(doc->root, "defaults");
    if (rc == GPUCOST_OK && !cJSON_IsObject(values))
        rc = values == NULL
                 ? gc_json_fail(doc, doc->root, GPUCOST_EINVAL, "", err, "missing key 'defaults'")
                 : gc_json_fail(doc, values, GPUCOST_EINVAL, "defaults", err,
                                "expected an object, got %s", gc_json_type_name(values));
    for (const cJSON *c = rc == GPUCOST_OK ? values->child : NULL; c != NULL && rc == GPUCOST_OK;
         c = c->next)
        rc = parse_value(doc, c, d, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_provenance(doc, doc->root, &d->sources, &d->nsources, &d->notes, &d->nnotes,
                                err);
    return rc;
}

gpucost_status gpucost_defaults_parse(const char *file, const char *text, size_t len,
                                      gpucost_defaults **out, gpucost_error *err)
{
    gc_json_doc doc;
    gpucost_status rc = gc_json_parse(&doc, file, text, len, err);
    if (rc != GPUCOST_OK)
        return rc;
    gpucost_defaults *d = gc_calloc(1, sizeof *d);
    if (d == NULL || (d->file = gpucost_strdup(file)) == NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
    else
        rc = parse_doc(&doc, d, err);
    gc_json_doc_release(&doc);
    if (rc != GPUCOST_OK) {
        gpucost_defaults_free(d);
        return rc;
    }
    *out = d;
    return GPUCOST_OK;
}

static gpucost_status parse_into(void *out, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    return gpucost_defaults_parse(file, text, len, out, err);
}

gpucost_status gpucost_defaults_load(const char *path, gpucost_defaults **out, gpucost_error *err)
{
    return gc_json_load(path, parse_into, out, err);
}
