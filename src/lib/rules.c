/*
 * rules.c - export-control rules as data and a chip's status on a date
 * (rules.h).  A rule file: id, name, effective ("YYYY-MM-DD"),
 * legal_status, replaces [ids], tests [{label, status, <field>: {min,
 * max}}], named [{hardware, status, note}], and the provenance every
 * models/ file has.
 */
#include "c_locale.h"
#include "gpucost/rules.h"

#include "gpucost/buf.h"
#include "gpucost/dir.h"
#include "gpucost/number.h"
#include "gpucost/suggest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "text.h"

struct gpucost_rules {
    gpucost_rule *items;
    size_t n;
};

static const char *const status_names[] = {"not controlled", "unknown", "notification",
                                           "licence required"};

const char *gpucost_export_status_name(gpucost_export_status s)
{
    return (unsigned)s <= GPUCOST_EXPORT_LICENCE ? status_names[s] : "unknown";
}

int gpucost_export_status_lookup(const char *s, gpucost_export_status *out)
{
    /* what a file writes for each status; "unknown" is never written */
    static const char *const keys[] = {"not controlled", NULL, "notification", "licence"};
    for (int k = 0; k <= GPUCOST_EXPORT_LICENCE; k++)
        if ((keys[k] != NULL && strcmp(s, keys[k]) == 0) ||
            (k == GPUCOST_EXPORT_LICENCE && strcmp(s, status_names[k]) == 0)) {
            *out = (gpucost_export_status)k;
            return 0;
        }
    return -1;
}

static const char *const field_names[GPUCOST_FIELD_COUNT] = {"tpp", "performance_density",
                                                             "interconnect_gbs", "memory_bw_tbs"};

const char *gpucost_rule_field_name(gpucost_rule_field f)
{
    return (unsigned)f < GPUCOST_FIELD_COUNT ? field_names[f] : "";
}

static void rule_release(gpucost_rule *r)
{
    free(r->id);
    free(r->name);
    free(r->file);
    free(r->legal_status);
    for (size_t i = 0; i < r->nreplaces; i++)
        free(r->replaces[i]);
    free(r->replaces);
    for (size_t i = 0; i < r->ntests; i++)
        free(r->tests[i].label);
    free(r->tests);
    for (size_t i = 0; i < r->nnamed; i++) {
        free(r->named[i].hardware);
        free(r->named[i].note);
    }
    free(r->named);
    gpucost_sources_free(r->sources, r->nsources);
    gpucost_notes_free(r->notes, r->nnotes);
}

void gpucost_rules_free(gpucost_rules *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++)
        rule_release(&r->items[i]);
    free(r->items);
    free(r);
}

size_t gpucost_rules_count(const gpucost_rules *r)
{
    return r != NULL ? r->n : 0;
}

const gpucost_rule *gpucost_rules_at(const gpucost_rules *r, size_t i)
{
    return r != NULL && i < r->n ? &r->items[i] : NULL;
}

int gpucost_date_parse(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, end = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 || end != 10 ||
        s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap))
        return -1;
    return y * 10000 + m * 100 + d;
}

char *gpucost_date_format(int date, char *buf, size_t n)
{
    gc_snprintf(buf, n, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
    return buf;
}

/* A "status" member: one of the statuses a file may write. */
static gpucost_status read_status(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                  gpucost_export_status *out, gpucost_error *err)
{
    char *s = NULL;
    gpucost_status rc = gc_json_string_member(doc, obj, path, "status", 1, &s, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (gpucost_export_status_lookup(s, out) != 0) {
        char where[160];
        gc_json_path(where, sizeof where, path, "status", 0);
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(obj, "status"), GPUCOST_EINVAL,
                          where, err,
                          "unknown status '%s' (known: " GPUCOST_EXPORT_STATUS_KNOWN ")", s);
    }
    free(s);
    return rc;
}

/* A bound: {"min": a, "max": b}, at least one, a < b. */
static gpucost_status read_bound(const gc_json_doc *doc, const cJSON *node, const char *path,
                                 gpucost_rule_bound *b, gpucost_error *err)
{
    static const char *const keys[] = {"min", "max", NULL};
    gpucost_status rc = cJSON_IsObject(node)
                            ? gc_json_check_keys(doc, node, path, keys, err)
                            : gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                                           "expected {\"min\": ..., \"max\": ...}, got %s",
                                           gc_json_type_name(node));
    if (rc == GPUCOST_OK)
        rc = gc_json_number_member(doc, node, path, "min", 0, &b->min, &b->has_min, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_number_member(doc, node, path, "max", 0, &b->max, &b->has_max, err);
    if (rc == GPUCOST_OK && !b->has_min && !b->has_max)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "missing key 'min' or 'max'");
    if (rc == GPUCOST_OK && ((b->has_min && b->min < 0.0) || (b->has_max && b->max <= 0.0)))
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                          "expected bounds of 0 or more, got %g", b->has_min ? b->min : b->max);
    if (rc == GPUCOST_OK && b->has_min && b->has_max && !(b->min < b->max))
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                          "invalid range: min must be below max");
    return rc;
}

static gpucost_status read_test(const gc_json_doc *doc, const cJSON *node, const char *path,
                                gpucost_rule_test *t, gpucost_error *err)
{
    static const char *const keys[] = {
        "label", "status", "tpp", "performance_density", "interconnect_gbs", "memory_bw_tbs", NULL};
    gpucost_status rc = cJSON_IsObject(node)
                            ? gc_json_check_keys(doc, node, path, keys, err)
                            : gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                                           "expected an object, got %s", gc_json_type_name(node));
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "label", 1, &t->label, err);
    if (rc == GPUCOST_OK)
        rc = read_status(doc, node, path, &t->status, err);
    for (int f = 0; f < GPUCOST_FIELD_COUNT && rc == GPUCOST_OK; f++) {
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(node, field_names[f]);
        if (b == NULL)
            continue;
        char where[160];
        gc_json_path(where, sizeof where, path, field_names[f], 0);
        t->bounds[t->nbounds].field = (gpucost_rule_field)f;
        rc = read_bound(doc, b, where, &t->bounds[t->nbounds], err);
        t->nbounds++;
    }
    if (rc == GPUCOST_OK && t->nbounds == 0)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                          "a test bounds at least one of tpp, performance_density, "
                          "interconnect_gbs, memory_bw_tbs");
    return rc;
}

static gpucost_status read_named(const gc_json_doc *doc, const cJSON *node, const char *path,
                                 gpucost_rule_named *n, gpucost_error *err)
{
    static const char *const keys[] = {"hardware", "status", "note", NULL};
    gpucost_status rc = cJSON_IsObject(node)
                            ? gc_json_check_keys(doc, node, path, keys, err)
                            : gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                                           "expected an object, got %s", gc_json_type_name(node));
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "hardware", 1, &n->hardware, err);
    if (rc == GPUCOST_OK)
        rc = read_status(doc, node, path, &n->status, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "note", 0, &n->note, err);
    return rc;
}

/* An optional array member of the rule, read by gc_json_array. */
static gpucost_status read_array(const gc_json_doc *doc, const char *key, size_t size,
                                 gc_json_entry_fn read, void **items, size_t *n, gpucost_error *err)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc->root, key);
    return a == NULL ? GPUCOST_OK : gc_json_array(doc, a, key, size, read, NULL, items, n, err);
}

static gpucost_status test_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                 void *ctx, void *out, gpucost_error *err)
{
    (void)ctx;
    return read_test(doc, node, path, out, err);
}

static gpucost_status named_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  void *ctx, void *out, gpucost_error *err)
{
    (void)ctx;
    return read_named(doc, node, path, out, err);
}

static gpucost_status replaces_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                     void *ctx, void *out, gpucost_error *err)
{
    (void)ctx;
    const char *s;
    gpucost_status rc = gc_json_string(doc, node, path, &s, err);
    if (rc == GPUCOST_OK && (*(char **)out = gpucost_strdup(s)) == NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    return rc;
}

static gpucost_status read_effective(const gc_json_doc *doc, gpucost_rule *r, gpucost_error *err)
{
    char *s = NULL;
    gpucost_status rc = gc_json_string_member(doc, doc->root, "", "effective", 1, &s, err);
    if (rc == GPUCOST_OK && (r->effective = gpucost_date_parse(s)) < 0)
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(doc->root, "effective"),
                          GPUCOST_EINVAL, "effective", err,
                          "expected a date YYYY-MM-DD, got \"%s\"", s);
    free(s);
    return rc;
}

/* What one file can get wrong in its lists: a rule that replaces itself
 * (it would drop out of force in one place and not another), and a chip
 * named twice (which status holds would depend on the order). */
static gpucost_status check_own_lists(const gc_json_doc *doc, const gpucost_rule *r,
                                      gpucost_error *err)
{
    char where[64];
    for (size_t k = 0; k < r->nreplaces; k++)
        if (strcmp(r->replaces[k], r->id) == 0) {
            gc_text_printf(where, sizeof where, "replaces[%zu]", k);
            return gc_json_fail(
                doc,
                cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc->root, "replaces"), (int)k),
                GPUCOST_EINVAL, where, err, "rule '%s' replaces itself", r->id);
        }
    const cJSON *named = cJSON_GetObjectItemCaseSensitive(doc->root, "named");
    for (size_t k = 1; k < r->nnamed; k++)
        for (size_t i = 0; i < k; i++) {
            const gpucost_rule_named *a = &r->named[i], *b = &r->named[k];
            if (strcmp(a->hardware, b->hardware) != 0)
                continue;
            gc_text_printf(where, sizeof where, "named[%zu].hardware", k);
            const cJSON *node =
                cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(named, (int)k), "hardware");
            if (a->status != b->status)
                return gc_json_fail(doc, node, GPUCOST_EINVAL, where, err,
                                    "'%s' is named twice with different statuses: '%s' here, "
                                    "'%s' in named[%zu]",
                                    b->hardware, gpucost_export_status_name(b->status),
                                    gpucost_export_status_name(a->status), i);
            return gc_json_fail(doc, node, GPUCOST_EINVAL, where, err,
                                "'%s' is named twice (also named[%zu])", b->hardware, i);
        }
    return GPUCOST_OK;
}

static gpucost_status parse_rule(const gc_json_doc *doc, gpucost_rule *r, gpucost_error *err)
{
    static const char *const keys[] = {"id",        "name",    "effective", "legal_status",
                                       "replaces",  "tests",   "named",     "sources",
                                       "estimates", "derived", NULL};
    gpucost_status rc = gc_json_check_keys(doc, doc->root, "", keys, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, doc->root, "", "id", 1, &r->id, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, doc->root, "", "name", 1, &r->name, err);
    if (rc == GPUCOST_OK)
        rc = read_effective(doc, r, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, doc->root, "", "legal_status", 1, &r->legal_status, err);
    if (rc == GPUCOST_OK)
        rc = read_array(doc, "replaces", sizeof *r->replaces, replaces_entry, (void **)&r->replaces,
                        &r->nreplaces, err);
    if (rc == GPUCOST_OK)
        rc = read_array(doc, "tests", sizeof *r->tests, test_entry, (void **)&r->tests, &r->ntests,
                        err);
    if (rc == GPUCOST_OK)
        rc = read_array(doc, "named", sizeof *r->named, named_entry, (void **)&r->named, &r->nnamed,
                        err);
    if (rc == GPUCOST_OK)
        rc = check_own_lists(doc, r, err);
    if (rc == GPUCOST_OK && r->ntests == 0 && r->nnamed == 0)
        rc = gc_json_fail(doc, doc->root, GPUCOST_EINVAL, "", err,
                          "a rule has \"tests\" (thresholds), \"named\" (chips) or both");
    if (rc == GPUCOST_OK)
        rc = gc_json_provenance(doc, doc->root, &r->sources, &r->nsources, &r->notes, &r->nnotes,
                                err);
    if (rc == GPUCOST_OK && (r->file = gpucost_strdup(doc->file)) == NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    return rc;
}

/* Appends the rule in `len` bytes of `text` to `set`. */
static gpucost_status add_rule(gpucost_rules *set, const char *file, const char *text, size_t len,
                               gpucost_error *err)
{
    gc_json_doc doc;
    gpucost_status rc = gc_json_parse(&doc, file, text, len, err);
    if (rc != GPUCOST_OK)
        return rc;
    gpucost_rule *grown = realloc(set->items, (set->n + 1) * sizeof *set->items);
    if (grown == NULL) {
        gc_json_doc_release(&doc);
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
    }
    set->items = grown;
    gpucost_rule *r = &set->items[set->n++];
    memset(r, 0, sizeof *r);
    rc = parse_rule(&doc, r, err);
    for (size_t i = 0; rc == GPUCOST_OK && i + 1 < set->n; i++)
        if (strcmp(set->items[i].id, r->id) == 0)
            rc = GPUCOST_ERROR(err, GPUCOST_EINVAL, file, 0, 0, "id",
                               "duplicate rule id '%s' (also in %s)", r->id, set->items[i].file);
    gc_json_doc_release(&doc);
    return rc;
}

gpucost_status gpucost_rules_parse(const char *file, const char *text, size_t len,
                                   gpucost_rules **out, gpucost_error *err)
{
    gpucost_rules *set = calloc(1, sizeof *set);
    if (set == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
    gpucost_status rc = add_rule(set, file, text, len, err);
    if (rc != GPUCOST_OK) {
        gpucost_rules_free(set);
        return rc;
    }
    *out = set;
    return GPUCOST_OK;
}

static gpucost_status load_one(void *set, const char *file, const char *text, size_t len,
                               gpucost_error *err)
{
    return add_rule(set, file, text, len, err);
}

static gpucost_status load_file(void *set, const char *path, gpucost_error *err)
{
    return gc_json_load(path, load_one, set, err);
}

static int by_date(const void *a, const void *b)
{
    const gpucost_rule *x = a, *y = b;
    return x->effective != y->effective
               ? (x->effective > y->effective) - (x->effective < y->effective)
               : strcmp(x->id, y->id);
}

/* The index of the rule with `id`, or set->n. */
static size_t rule_index(const gpucost_rules *set, const char *id)
{
    size_t j = 0;
    while (j < set->n && strcmp(set->items[j].id, id) != 0)
        j++;
    return j;
}

/* Whether rule `from` replaces rule `target`, directly or through the
 * rules it replaces; the chain is appended to `chain` (" -> b -> a").
 * `depth` bounds the walk (a cycle elsewhere cannot make it endless). */
static int replaces_chain(const gpucost_rules *set, size_t from, size_t target, size_t depth,
                          char *chain, size_t n)
{
    const gpucost_rule *r = &set->items[from];
    for (size_t k = 0; depth > 0 && k < r->nreplaces; k++) {
        size_t j = rule_index(set, r->replaces[k]);
        size_t len = strlen(chain);
        gc_text_append(chain, n, " -> ", set->items[j].id);
        if (j == target || replaces_chain(set, j, target, depth - 1, chain, n))
            return 1;
        chain[len] = '\0';
    }
    return 0;
}

/* Every id a rule replaces names a rule of the set, and no rule comes
 * back to replace itself through others: in a cycle each rule would take
 * the others out of force, and none of them would hold. */
static gpucost_status check_replaces(const gpucost_rules *set, gpucost_error *err)
{
    char where[64];
    for (size_t i = 0; i < set->n; i++)
        for (size_t k = 0; k < set->items[i].nreplaces; k++) {
            gc_text_printf(where, sizeof where, "replaces[%zu]", k);
            if (rule_index(set, set->items[i].replaces[k]) == set->n)
                return GPUCOST_ERROR(err, GPUCOST_EINVAL, set->items[i].file, 0, 0, where,
                                     "replaces unknown rule '%s'", set->items[i].replaces[k]);
        }
    for (size_t i = 0; i < set->n; i++)
        for (size_t k = 0; k < set->items[i].nreplaces; k++) {
            size_t j = rule_index(set, set->items[i].replaces[k]);
            char chain[512];
            gc_text_printf(chain, sizeof chain, "%s -> %s", set->items[i].id, set->items[j].id);
            if (j != i && replaces_chain(set, j, i, set->n, chain, sizeof chain)) {
                gc_text_printf(where, sizeof where, "replaces[%zu]", k);
                return GPUCOST_ERROR(err, GPUCOST_EINVAL, set->items[i].file, 0, 0, where,
                                     "replacement cycle: %s (each would take the others out of "
                                     "force, and none of them would hold)",
                                     chain);
            }
        }
    return GPUCOST_OK;
}

gpucost_status gpucost_rules_check_catalog(const gpucost_rules *set, const gpucost_catalog *c,
                                           gpucost_error *err)
{
    for (size_t i = 0; set != NULL && c != NULL && i < set->n; i++)
        for (size_t k = 0; k < set->items[i].nnamed; k++) {
            const char *id = set->items[i].named[k].hardware;
            if (gpucost_catalog_find(c, id) != NULL)
                continue;
            char where[64], ids[512];
            const char *names[64];
            size_t n = gpucost_catalog_count(c) < 64 ? gpucost_catalog_count(c) : 64;
            for (size_t h = 0; h < n; h++)
                names[h] = gpucost_catalog_at(c, h)->id;
            const char *hint = gpucost_suggest(id, names, n);
            gpucost_catalog_ids(c, ids, sizeof ids);
            gc_text_printf(where, sizeof where, "named[%zu].hardware", k);
            if (hint != NULL)
                return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, set->items[i].file, 0, 0, where,
                                     "unknown hardware '%s' (did you mean '%s'? known: %s)", id,
                                     hint, ids);
            return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, set->items[i].file, 0, 0, where,
                                 "unknown hardware '%s' (known: %s)", id, ids);
        }
    return GPUCOST_OK;
}

gpucost_status gpucost_rules_load(const char *dir, gpucost_rules **out, gpucost_error *err)
{
    gpucost_rules *set = calloc(1, sizeof *set);
    gpucost_status rc = set != NULL
                            ? gpucost_dir_each_json(dir, load_file, set, NULL, err)
                            : GPUCOST_ERROR(err, GPUCOST_ENOMEM, dir, 0, 0, NULL, "out of memory");
    if (rc == GPUCOST_OK)
        rc = check_replaces(set, err);
    if (rc != GPUCOST_OK) {
        gpucost_rules_free(set);
        return rc;
    }
    if (set->n > 1)
        qsort(set->items, set->n, sizeof *set->items, by_date);
    *out = set;
    return GPUCOST_OK;
}

/* ---- verdicts ---- */

/* The chip's figure for `f`; 0 when the catalog lacks it. */
static double figure(const gpucost_hardware *h, gpucost_rule_field f)
{
    switch (f) {
    case GPUCOST_FIELD_TPP: return h->tpp;
    case GPUCOST_FIELD_DENSITY: return h->die_area_mm2 > 0.0 ? h->performance_density : 0.0;
    case GPUCOST_FIELD_INTERCONNECT: return h->interconnect_gbs;
    case GPUCOST_FIELD_MEMORY_BW: return h->memory_bw_tbs;
    case GPUCOST_FIELD_COUNT: break;
    }
    return 0.0;
}

/* "TPP 15,832", "density 19.45", "interconnect 400 GB/s", "memory 4.0 TB/s" */
static void figure_text(gpucost_rule_field f, double v, char *buf, size_t n)
{
    char num[48];
    if (f == GPUCOST_FIELD_TPP) {
        gpucost_number_format(v, GPUCOST_NUM_COUNT, num, sizeof num);
        gc_text_printf(buf, n, "TPP %s", num);
    } else if (f == GPUCOST_FIELD_DENSITY) {
        gc_snprintf(buf, n, "density %.2f", v);
    } else if (f == GPUCOST_FIELD_INTERCONNECT) {
        gc_snprintf(buf, n, "interconnect %g GB/s", v);
    } else {
        gc_snprintf(buf, n, "memory bandwidth %g TB/s", v);
    }
}

/* A threshold as the rule writes it: "4,800", "5.92", "600". */
static void limit_text(gpucost_rule_field f, double v, char *buf, size_t n)
{
    if (f == GPUCOST_FIELD_TPP)
        gpucost_number_format(v, GPUCOST_NUM_COUNT, buf, n);
    else
        gc_snprintf(buf, n, "%g", v);
}

/* How `x` stands against bound `b`: 1 inside, 0 outside (`*why` says
 * which side), -1 when the figure is unknown. */
static int bound_holds(const gpucost_rule_bound *b, double x, char *why, size_t n)
{
    char fig[80], lo[48] = "", hi[48] = "";
    if (!(x > 0.0)) {
        gc_text_printf(why, n, "no %s in the catalog", gpucost_rule_field_name(b->field));
        return -1;
    }
    figure_text(b->field, x, fig, sizeof fig);
    if (b->has_min)
        limit_text(b->field, b->min, lo, sizeof lo);
    if (b->has_max)
        limit_text(b->field, b->max, hi, sizeof hi);
    if (b->has_min && x < b->min) {
        gc_text_printf(why, n, "%s < %s", fig, lo);
        return 0;
    }
    if (b->has_max && x >= b->max) {
        gc_text_printf(why, n, "%s >= %s", fig, hi);
        return 0;
    }
    if (b->has_min && b->has_max)
        gc_text_printf(why, n, "%s <= %s < %s", lo, fig, hi);
    else if (b->has_min)
        gc_text_printf(why, n, "%s >= %s", fig, lo);
    else
        gc_text_printf(why, n, "%s < %s", fig, hi);
    return 1;
}

/* Whether `h` meets test `t`: 1 (`why` lists the bounds met), 0 (`why`
 * names the first bound missed), -1 undecided. */
static int test_holds(const gpucost_rule_test *t, const gpucost_hardware *h, char *why, size_t n)
{
    why[0] = '\0';
    int undecided = 0;
    for (size_t k = 0; k < t->nbounds; k++) {
        char one[160];
        int r = bound_holds(&t->bounds[k], figure(h, t->bounds[k].field), one, sizeof one);
        if (r == 0) {
            gc_text_printf(why, n, "%s: %s", t->label, one);
            return 0;
        }
        if (r < 0) {
            if (!undecided)
                gc_text_printf(why, n, "%s: %s", t->label, one);
            undecided = 1;
            continue;
        }
        if (!undecided)
            gc_text_append(why, n, why[0] ? ", " : "", one);
    }
    if (undecided)
        return -1;
    char full[256];
    gc_text_printf(full, sizeof full, "%s: %s", t->label, why);
    gc_text_printf(why, n, "%s", full);
    return 1;
}

/* The status one rule gives `h`. */
static void rule_verdict(const gpucost_rule *r, const gpucost_hardware *h,
                         gpucost_export_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->rule = r;
    for (size_t i = 0; i < r->nnamed; i++)
        if (strcmp(r->named[i].hardware, h->id) == 0) {
            v->named = &r->named[i];
            v->status = r->named[i].status;
            gc_text_printf(v->why, sizeof v->why, "named%s%s", r->named[i].note[0] ? ": " : "",
                           r->named[i].note);
            return;
        }
    int undecided = 0;
    char missed[256] = "";
    for (size_t i = 0; i < r->ntests; i++) {
        char why[256];
        int m = test_holds(&r->tests[i], h, why, sizeof why);
        if (m > 0) {
            v->test = &r->tests[i];
            v->status = r->tests[i].status;
            gc_text_printf(v->why, sizeof v->why, "%s", why);
            return;
        }
        undecided |= m < 0;
        gc_text_append(missed, sizeof missed, missed[0] ? "; " : "", why);
    }
    v->status = undecided ? GPUCOST_EXPORT_UNKNOWN : GPUCOST_EXPORT_NOT_CONTROLLED;
    gc_text_printf(v->why, sizeof v->why, "%s", r->ntests ? missed : "not named");
}

int gpucost_rules_in_force(const gpucost_rules *set, size_t i, int date)
{
    const gpucost_rule *r = &set->items[i];
    if (r->effective > date)
        return 0;
    for (size_t j = 0; j < set->n; j++) {
        const gpucost_rule *o = &set->items[j];
        if (j == i || o->effective > date)
            continue;
        for (size_t k = 0; k < o->nreplaces; k++)
            if (strcmp(o->replaces[k], r->id) == 0)
                return 0;
    }
    return 1;
}

size_t gpucost_rules_dates(const gpucost_rules *r, size_t *first, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; r != NULL && i < r->n && n < max; i++)
        if (i == 0 || r->items[i].effective != r->items[i - 1].effective)
            first[n++] = i;
    return n;
}

void gpucost_rules_verdict(const gpucost_rules *r, const gpucost_hardware *h, int date,
                           gpucost_export_verdict *out)
{
    memset(out, 0, sizeof *out);
    out->status = GPUCOST_EXPORT_NOT_CONTROLLED;
    gc_snprintf(out->why, sizeof out->why, "no rule in force");
    int any = 0;
    for (size_t i = 0; r != NULL && i < r->n; i++) {
        if (!gpucost_rules_in_force(r, i, date))
            continue;
        gpucost_export_verdict v;
        rule_verdict(&r->items[i], h, &v);
        /* the most restrictive; among equals the latest rule (rules are
         * in date order), so a chip-specific measure names itself; a rule
         * that leaves the chip alone speaks only when no other does */
        if (!any || v.status > out->status ||
            (v.status == out->status && (v.status != GPUCOST_EXPORT_NOT_CONTROLLED || !any)))
            *out = v;
        any = 1;
    }
}
