/*
 * catalog.c - loading the hardware catalog and deriving TPP and 3A090.a.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/catalog.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/dir.h"
#include "gpucost/rules.h"
#include "read/json.h"
#include "base/text.h"

struct gpucost_catalog {
    gpucost_hardware *items;
    size_t n, cap;
    gpucost_defaults *defaults; /* owned; NULL when none was attached */
    gpucost_model **models;     /* owned: the bundled architectures */
    size_t nmodels;
    gpucost_rules *rules; /* owned: the export-control rules; NULL when none */
};

void gpucost_catalog_set_rules(gpucost_catalog *c, gpucost_rules *r)
{
    gpucost_rules_free(c->rules);
    c->rules = r;
}

const gpucost_rules *gpucost_catalog_rules(const gpucost_catalog *c)
{
    return c != NULL ? c->rules : NULL;
}

void gpucost_catalog_set_defaults(gpucost_catalog *c, gpucost_defaults *d)
{
    gpucost_defaults_free(c->defaults);
    c->defaults = d;
}

const gpucost_defaults *gpucost_catalog_defaults(const gpucost_catalog *c)
{
    return c != NULL ? c->defaults : NULL;
}

static void hardware_release(gpucost_hardware *h)
{
    gc_free(h->id);
    gc_free(h->name);
    gc_free(h->vendor);
    gc_free(h->file);
    gc_free(h->release_date);
    for (size_t i = 0; i < h->nprices; i++)
        gc_free(h->prices[i].vendor);
    gc_free(h->prices);
    for (size_t i = 0; i < h->naliases; i++)
        gc_free(h->aliases[i]);
    gc_free(h->aliases);
    gpucost_sources_free(h->sources, h->nsources);
    gpucost_notes_free(h->notes, h->nnotes);
    memset(h, 0, sizeof *h);
}

void gpucost_catalog_free(gpucost_catalog *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++)
        hardware_release(&c->items[i]);
    gc_free(c->items);
    gpucost_defaults_free(c->defaults);
    for (size_t i = 0; i < c->nmodels; i++)
        gpucost_model_free(c->models[i]);
    gc_free(c->models);
    gpucost_rules_free(c->rules);
    gc_free(c);
}

/* TPP and density from the peaks and die area; fails, naming the field,
 * when either leaves the range of a double (a peak of 1e307 TFLOPS). */
static gpucost_status derive_export_numbers(const gc_json_doc *doc, gpucost_hardware *h,
                                            gpucost_error *err)
{
    h->tpp = 0.0;
    for (int p = 0; p < GPUCOST_P_COUNT; p++) {
        double t = h->peak_tflops[p] * gpucost_precision_bits((gpucost_precision)p);
        /* the peak x 1e12 is a FLOP/s figure derive uses: it must stay a double too */
        if (!isfinite(t) || !isfinite(h->peak_tflops[p] * 1e12)) {
            char path[64];
            gc_text_printf(path, sizeof path, "peak_tflops.%s",
                           gpucost_precision_name((gpucost_precision)p));
            return GPUCOST_ERROR(
                err, GPUCOST_ERANGE, doc->file, 0, 0, path,
                "peak %g TFLOPS overflows the range of a double (as TPP or FLOP/s)",
                h->peak_tflops[p]);
        }
        if (t > h->tpp)
            h->tpp = t;
    }
    h->performance_density = h->die_area_mm2 > 0.0 ? h->tpp / h->die_area_mm2 : 0.0;
    if (!isfinite(h->performance_density))
        return GPUCOST_ERROR(err, GPUCOST_ERANGE, doc->file, 0, 0, "die_area_mm2",
                             "performance density TPP / die area overflows the range of a double");
    if (h->tpp >= GPUCOST_3A090A_TPP)
        h->eccn_3a090a = 1;
    else if (h->tpp_floor)
        h->eccn_3a090a = -1; /* a floor below the line: the tensor peak could cross it */
    else if (h->tpp < GPUCOST_3A090A2_TPP)
        h->eccn_3a090a = 0;
    else if (h->die_area_mm2 > 0.0)
        h->eccn_3a090a = h->performance_density >= GPUCOST_3A090A2_DENSITY;
    else
        h->eccn_3a090a = -1;
    return GPUCOST_OK;
}

static gpucost_status positive_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                      const char *key, double *out, gpucost_error *err)
{
    int has = 0;
    gpucost_status rc = gc_json_number_member(doc, obj, parent, key, 0, out, &has, err);
    if (rc != GPUCOST_OK || !has || *out > 0.0)
        return rc;
    char path[128];
    gc_json_path(path, sizeof path, parent, key, 0);
    return gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(obj, key), GPUCOST_EINVAL, path, err,
                        "expected a positive number, got %g", *out);
}

static gpucost_status price_member(const gc_json_doc *doc, const cJSON *obj, const char *key,
                                   gpucost_dist *out, int *has, gpucost_error *err)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (m == NULL)
        return GPUCOST_OK;
    gpucost_status rc = gc_json_dist(doc, m, key, out, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (!(gpucost_dist_quantile(out, 0.05) > 0.0))
        return gc_json_fail(doc, m, GPUCOST_EINVAL, key, err, "expected positive prices");
    *has = 1;
    return GPUCOST_OK;
}

/* "peak_tflops": at least one precision, each positive. */
static gpucost_status parse_peaks(const gc_json_doc *doc, gpucost_hardware *h, gpucost_error *err)
{
    const cJSON *peaks = cJSON_GetObjectItemCaseSensitive(doc->root, "peak_tflops");
    if (peaks == NULL)
        return gc_json_fail(doc, doc->root, GPUCOST_EINVAL, "", err, "missing key 'peak_tflops'");
    const char *names[GPUCOST_P_COUNT + 1];
    for (int p = 0; p < GPUCOST_P_COUNT; p++)
        names[p] = gpucost_precision_name((gpucost_precision)p);
    names[GPUCOST_P_COUNT] = NULL;
    gpucost_status rc = gc_json_check_keys(doc, peaks, "peak_tflops", names, err);
    if (rc == GPUCOST_OK && peaks->child == NULL)
        rc = gc_json_fail(doc, peaks, GPUCOST_EINVAL, "peak_tflops", err,
                          "expected at least one precision");
    for (int p = 0; p < GPUCOST_P_COUNT && rc == GPUCOST_OK; p++)
        rc = positive_member(doc, peaks, "peak_tflops", names[p], &h->peak_tflops[p], err);
    return rc;
}

/* The part's other figures and its price ranges. */
static gpucost_status parse_numbers(const gc_json_doc *doc, gpucost_hardware *h, gpucost_error *err)
{
    const cJSON *root = doc->root;
    const struct {
        const char *key;
        double *v;
    } figures[] = {{"memory_gb", &h->memory_gb},
                   {"memory_bw_tbs", &h->memory_bw_tbs},
                   {"interconnect_gbs", &h->interconnect_gbs},
                   {"tdp_w", &h->tdp_w},
                   {"die_area_mm2", &h->die_area_mm2},
                   {"chips_per_host", &h->chips_per_host}};
    gpucost_status rc = GPUCOST_OK;
    for (size_t i = 0; i < sizeof figures / sizeof figures[0] && rc == GPUCOST_OK; i++)
        rc = positive_member(doc, root, "", figures[i].key, figures[i].v, err);
    if (rc == GPUCOST_OK)
        rc = price_member(doc, root, "price_usd", &h->price_usd, &h->has_price, err);
    if (rc == GPUCOST_OK)
        rc = price_member(doc, root, "rent_usd_per_hour", &h->rent_usd_per_hour, &h->has_rent, err);
    return rc;
}

/* "sources", "notes", "estimates" and "derived". */
static gpucost_status parse_provenance(const gc_json_doc *doc, gpucost_hardware *h,
                                       gpucost_error *err)
{
    const cJSON *notes = cJSON_GetObjectItemCaseSensitive(doc->root, "notes");
    if (notes != NULL && !cJSON_IsString(notes))
        return gc_json_fail(doc, notes, GPUCOST_EINVAL, "notes", err, "expected a string, got %s",
                            gc_json_type_name(notes));
    return gc_json_provenance(doc, doc->root, &h->sources, &h->nsources, &h->notes, &h->nnotes,
                              err);
}

/* "aliases": an array of non-empty strings. */
static gpucost_status parse_aliases(const gc_json_doc *doc, gpucost_hardware *h, gpucost_error *err)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc->root, "aliases");
    if (a == NULL)
        return GPUCOST_OK;
    if (!cJSON_IsArray(a))
        return gc_json_fail(doc, a, GPUCOST_EINVAL, "aliases", err,
                            "expected an array of names, got %s", gc_json_type_name(a));
    size_t n = (size_t)cJSON_GetArraySize(a);
    h->aliases = gc_calloc(n + 1, sizeof *h->aliases);
    if (h->aliases == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    for (const cJSON *e = a->child; e != NULL; e = e->next) {
        char path[64];
        const char *name;
        gc_json_path(path, sizeof path, "aliases", NULL, (int)h->naliases);
        gpucost_status rc = gc_json_string(doc, e, path, &name, err);
        if (rc == GPUCOST_OK && name[0] == '\0')
            rc = gc_json_fail(doc, e, GPUCOST_EINVAL, path, err, "expected a name, got \"\"");
        if (rc != GPUCOST_OK)
            return rc;
        if ((h->aliases[h->naliases] = gpucost_strdup(name)) == NULL)
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
        h->naliases++;
    }
    return GPUCOST_OK;
}

/* Whether `d` is YYYY-MM or YYYY-MM-DD. */
static int is_date(const char *d)
{
    size_t n = strlen(d);
    int ok = n == 7 || n == 10;
    for (size_t i = 0; ok && i < n; i++)
        ok = (i == 4 || i == 7) ? d[i] == '-' : (d[i] >= '0' && d[i] <= '9');
    return ok;
}

static const char *sub_path(char *out, size_t n, const char *parent, const char *key)
{
    gc_json_path(out, n, parent, key, 0);
    return out;
}

/* One element of "prices". */
static gpucost_status parse_price(const gc_json_doc *doc, const cJSON *e, const char *path,
                                  gpucost_price_obs *o, gpucost_error *err)
{
    static const char *const keys[] = {"date", "usd", "kind",  "vendor", "location",
                                       "gpus", "url", "quote", "note",   NULL};
    static const char *const kinds[] = {"on-demand", "1-year", "3-year", "purchase"};
    if (!cJSON_IsObject(e))
        return gc_json_fail(doc, e, GPUCOST_EINVAL, path, err, "expected an object, got %s",
                            gc_json_type_name(e));
    gpucost_status rc = gc_json_check_keys(doc, e, path, keys, err);
    char *date = NULL, *kind = NULL, *text = NULL, sub[96];
    int has = 0;
    double gpus;
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, e, path, "date", 1, &date, err);
    if (rc == GPUCOST_OK && !is_date(date))
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(e, "date"), GPUCOST_EINVAL,
                          sub_path(sub, sizeof sub, path, "date"), err,
                          "expected YYYY-MM or YYYY-MM-DD, got \"%s\"", date);
    if (rc == GPUCOST_OK)
        gc_text_copy(o->date, sizeof o->date, date);
    if (rc == GPUCOST_OK)
        rc = gc_json_number_member(doc, e, path, "usd", 1, &o->usd, &has, err);
    if (rc == GPUCOST_OK && !(o->usd > 0.0))
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(e, "usd"), GPUCOST_EINVAL,
                          sub_path(sub, sizeof sub, path, "usd"), err,
                          "expected a positive number, got %g", o->usd);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, e, path, "kind", 1, &kind, err);
    size_t k = 0;
    while (rc == GPUCOST_OK && k < 4 && strcmp(kind, kinds[k]) != 0)
        k++;
    if (rc == GPUCOST_OK && k == 4)
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(e, "kind"), GPUCOST_EINVAL,
                          sub_path(sub, sizeof sub, path, "kind"), err,
                          "expected on-demand, 1-year, 3-year or purchase, got \"%s\"", kind);
    o->kind = (gpucost_price_kind)k;
    if (rc == GPUCOST_OK)
        rc = positive_member(doc, e, path, "gpus", &gpus, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, e, path, "vendor", 0, &o->vendor, err);
    if (rc == GPUCOST_OK && o->vendor != NULL && o->vendor[0] == '\0') {
        gc_free(o->vendor);
        o->vendor = NULL;
    }
    static const char *const texts[] = {"location", "url", "quote", "note"};
    for (size_t t = 0; rc == GPUCOST_OK && t < 4; t++) {
        rc = gc_json_string_member(doc, e, path, texts[t], 0, &text, err);
        gc_free(text);
        text = NULL;
    }
    gc_free(date);
    gc_free(kind);
    return rc;
}

/* "prices": an array of dated observations. */
static gpucost_status parse_prices(const gc_json_doc *doc, gpucost_hardware *h, gpucost_error *err)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc->root, "prices");
    if (a == NULL)
        return GPUCOST_OK;
    if (!cJSON_IsArray(a))
        return gc_json_fail(doc, a, GPUCOST_EINVAL, "prices", err,
                            "expected an array of observations, got %s", gc_json_type_name(a));
    size_t n = (size_t)cJSON_GetArraySize(a);
    h->prices = gc_calloc(n + 1, sizeof *h->prices);
    if (h->prices == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    for (const cJSON *e = a->child; e != NULL; e = e->next) {
        char path[64];
        gc_json_path(path, sizeof path, "prices", NULL, (int)h->nprices);
        gpucost_status rc = parse_price(doc, e, path, &h->prices[h->nprices], err);
        h->nprices++; /* counted even when it failed: its vendor is freed */
        if (rc != GPUCOST_OK)
            return rc;
    }
    return GPUCOST_OK;
}

/* A boolean member: 1 true, 0 false, `absent` when not given. */
static gpucost_status bool_member(const gc_json_doc *doc, const char *key, int absent, int *out,
                                  gpucost_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc->root, key);
    *out = absent;
    if (v != NULL && !cJSON_IsBool(v))
        return gc_json_fail(doc, v, GPUCOST_EINVAL, key, err, "expected true or false, got %s",
                            gc_json_type_name(v));
    if (v != NULL)
        *out = cJSON_IsTrue(v);
    return GPUCOST_OK;
}

/* "datacenter" and "tensor_peaks_missing" (booleans) and "release_date"
 * (YYYY-MM or YYYY-MM-DD). */
static gpucost_status parse_market(const gc_json_doc *doc, gpucost_hardware *h, gpucost_error *err)
{
    gpucost_status rc = bool_member(doc, "datacenter", -1, &h->datacenter, err);
    if (rc == GPUCOST_OK)
        rc = bool_member(doc, "tensor_peaks_missing", 0, &h->tpp_floor, err);
    if (rc != GPUCOST_OK)
        return rc;
    rc = gc_json_string_member(doc, doc->root, "", "release_date", 0, &h->release_date, err);
    if (rc != GPUCOST_OK || h->release_date == NULL)
        return rc;
    if (h->release_date[0] == '\0') {
        gc_free(h->release_date);
        h->release_date = NULL;
        return GPUCOST_OK;
    }
    const char *d = h->release_date;
    if (!is_date(d))
        return gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(doc->root, "release_date"),
                            GPUCOST_EINVAL, "release_date", err,
                            "expected a date as YYYY-MM or YYYY-MM-DD, got \"%s\"", d);
    return GPUCOST_OK;
}

static gpucost_status parse_entry(const gc_json_doc *doc, gpucost_hardware *h, gpucost_error *err)
{
    static const char *const keys[] = {"id",
                                       "name",
                                       "vendor",
                                       "peak_tflops",
                                       "memory_gb",
                                       "memory_bw_tbs",
                                       "interconnect_gbs",
                                       "tdp_w",
                                       "die_area_mm2",
                                       "chips_per_host",
                                       "price_usd",
                                       "rent_usd_per_hour",
                                       "sources",
                                       "estimates",
                                       "derived",
                                       "notes",
                                       "aliases",
                                       "datacenter",
                                       "release_date",
                                       "prices",
                                       "tensor_peaks_missing",
                                       NULL};
    const cJSON *root = doc->root;
    gpucost_status rc = gc_json_check_keys(doc, root, "", keys, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, root, "", "id", 1, &h->id, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, root, "", "name", 1, &h->name, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, root, "", "vendor", 0, &h->vendor, err);
    if (rc != GPUCOST_OK)
        return rc;
    rc = parse_peaks(doc, h, err);
    if (rc == GPUCOST_OK)
        rc = parse_aliases(doc, h, err);
    if (rc == GPUCOST_OK)
        rc = parse_numbers(doc, h, err);
    if (rc == GPUCOST_OK)
        rc = parse_market(doc, h, err);
    if (rc == GPUCOST_OK)
        rc = parse_prices(doc, h, err);
    if (rc == GPUCOST_OK)
        rc = parse_provenance(doc, h, err);
    if (rc != GPUCOST_OK)
        return rc;
    h->file = gpucost_strdup(doc->file);
    if (h->file == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    return derive_export_numbers(doc, h, err);
}

static gpucost_status push_entry(gpucost_catalog *c, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        gpucost_hardware *p = gc_realloc(c->items, cap * sizeof *p);
        if (p == NULL)
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
        c->items = p;
        c->cap = cap;
    }
    gpucost_hardware *h = &c->items[c->n];
    memset(h, 0, sizeof *h);
    gc_json_doc doc;
    gpucost_status rc = gc_json_parse(&doc, file, text, len, err);
    if (rc != GPUCOST_OK)
        return rc;
    rc = parse_entry(&doc, h, err);
    if (rc == GPUCOST_OK && gpucost_catalog_find(c, h->id) != NULL) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc.root, "id");
        rc = gc_json_fail(&doc, id, GPUCOST_EINVAL, "id", err,
                          "hardware id '%s' is already defined in '%s'", h->id,
                          gpucost_catalog_find(c, h->id)->file);
    }
    gc_json_doc_release(&doc);
    if (rc != GPUCOST_OK) {
        hardware_release(h);
        return rc;
    }
    c->n++;
    return GPUCOST_OK;
}

gpucost_status gpucost_catalog_parse(const char *file, const char *text, size_t len,
                                     gpucost_catalog **out, gpucost_error *err)
{
    gpucost_catalog *c = gc_calloc(1, sizeof *c);
    if (c == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
    gpucost_status rc = push_entry(c, file, text, len, err);
    if (rc != GPUCOST_OK) {
        gpucost_catalog_free(c);
        return rc;
    }
    *out = c;
    return GPUCOST_OK;
}

/* Reads and adds the catalog entry in file `path`. */
static gpucost_status push_into(void *c, const char *file, const char *text, size_t len,
                                gpucost_error *err)
{
    return push_entry(c, file, text, len, err);
}

static gpucost_status load_entry(void *c, const char *path, gpucost_error *err)
{
    return gc_json_load(path, push_into, c, err);
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const gpucost_hardware *)a)->id, ((const gpucost_hardware *)b)->id);
}

gpucost_status gpucost_catalog_load(const char *dir, gpucost_catalog **out, gpucost_error *err)
{
    size_t loaded = 0;
    gpucost_catalog *c = gc_calloc(1, sizeof *c);
    gpucost_status rc = c != NULL
                            ? gpucost_dir_each_json(dir, load_entry, c, &loaded, err)
                            : GPUCOST_ERROR(err, GPUCOST_ENOMEM, dir, 0, 0, NULL, "out of memory");
    /* by id, not by file name ("a100" before "a100-40gb") */
    if (rc == GPUCOST_OK && c->n > 1)
        qsort(c->items, c->n, sizeof *c->items, by_id);
    if (rc == GPUCOST_OK && loaded == 0)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, dir, 0, 0, NULL,
                           "no hardware files (*.json) in catalog directory");
    if (rc != GPUCOST_OK) {
        gpucost_catalog_free(c);
        return rc;
    }
    *out = c;
    return GPUCOST_OK;
}

size_t gpucost_catalog_count(const gpucost_catalog *c)
{
    return c->n;
}

const gpucost_hardware *gpucost_catalog_at(const gpucost_catalog *c, size_t i)
{
    return i < c->n ? &c->items[i] : NULL;
}

const gpucost_hardware *gpucost_catalog_find(const gpucost_catalog *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (gc_ascii_casecmp(c->items[i].id, id) == 0)
            return &c->items[i];
    return NULL;
}

const gpucost_hardware *gpucost_catalog_find_name(const gpucost_catalog *c, const char *name)
{
    for (size_t i = 0; c != NULL && i < c->n; i++) {
        const gpucost_hardware *h = &c->items[i];
        if (gc_ascii_casecmp(h->id, name) == 0 || gc_ascii_casecmp(h->name, name) == 0)
            return h;
        for (size_t k = 0; k < h->naliases; k++)
            if (gc_ascii_casecmp(h->aliases[k], name) == 0)
                return h;
    }
    return NULL;
}

/* At most this many ids are listed: a message naming 80 is not read. */
#define IDS_LISTED 12

void gpucost_catalog_ids(const gpucost_catalog *c, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < c->n && i < IDS_LISTED; i++)
        gc_text_list(buf, n, c->items[i].id);
    if (c->n > IDS_LISTED) {
        size_t used = strlen(buf);
        gc_text_printf(buf + used, n - used, " and %zu more", c->n - IDS_LISTED);
    }
}

/* Reads the architecture file `path` into catalog `ctx`. */
static gpucost_status add_model(void *ctx, const char *path, gpucost_error *err)
{
    gpucost_catalog *c = ctx;
    gpucost_model *m = NULL;
    gpucost_status rc = gpucost_model_load(path, &m, err);
    if (rc == GPUCOST_OK && gpucost_catalog_model(c, m->id) != NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_EINVAL, path, 0, 0, "id",
                           "duplicate model id '%s' (also in %s)", m->id,
                           gpucost_catalog_model(c, m->id)->file);
    gpucost_model **grown =
        rc == GPUCOST_OK ? gc_realloc(c->models, (c->nmodels + 1) * sizeof *c->models) : NULL;
    if (rc == GPUCOST_OK && grown == NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, path, 0, 0, NULL, "out of memory");
    if (rc != GPUCOST_OK) {
        gpucost_model_free(m);
        return rc;
    }
    c->models = grown;
    c->models[c->nmodels++] = m;
    return GPUCOST_OK;
}

gpucost_status gpucost_catalog_load_models(gpucost_catalog *c, const char *dir, gpucost_error *err)
{
    return gpucost_dir_each_json(dir, add_model, c, NULL, err);
}

size_t gpucost_catalog_model_count(const gpucost_catalog *c)
{
    return c != NULL ? c->nmodels : 0;
}

const gpucost_model *gpucost_catalog_model_at(const gpucost_catalog *c, size_t i)
{
    return c != NULL && i < c->nmodels ? c->models[i] : NULL;
}

const gpucost_model *gpucost_catalog_model(const gpucost_catalog *c, const char *id)
{
    for (size_t i = 0; c != NULL && i < c->nmodels; i++)
        if (gc_ascii_casecmp(c->models[i]->id, id) == 0)
            return c->models[i];
    return NULL;
}
