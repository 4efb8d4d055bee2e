/*
 * rules.c - export-control rules as data and a chip's status on a date
 * (rules.h).  A rule file: id, name, effective ("YYYY-MM-DD"),
 * legal_status, kind, to, except, policy, policies [{to, policy}],
 * replaces [ids], tests [{label, status, policy, datacenter_only,
 * <field>: {min, max}}], named [{hardware, status, policy, note}], and
 * the provenance every models/ file has.  destinations.json beside them
 * names the countries and groups (rules.h).
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/rules.h"

#include "gpucost/buf.h"
#include "gpucost/dir.h"
#include "gpucost/number.h"
#include "gpucost/suggest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/json.h"
#include "base/text.h"

/* A country group of destinations.json. */
typedef struct dest_group {
    char *id, *name;
    gpucost_dest_list members; /* country codes */
} dest_group;

struct gpucost_rules {
    gpucost_rule *items;
    size_t n;
    /* destinations.json: countries (code, name pairs) and groups */
    char **codes, **names;
    size_t ncountries;
    dest_group *groups;
    size_t ngroups;
    gpucost_source *dest_sources;
    size_t ndest_sources;
    int has_destinations;
};

static const char *const policy_names[] = {"", "presumption of approval", "case-by-case",
                                           "presumption of denial"};

const char *gpucost_review_policy_name(gpucost_review_policy p)
{
    return (unsigned)p <= GPUCOST_POLICY_DENIAL ? policy_names[p] : "";
}

int gpucost_review_policy_lookup(const char *s, gpucost_review_policy *out)
{
    for (int k = 1; k <= GPUCOST_POLICY_DENIAL; k++)
        if (strcmp(s, policy_names[k]) == 0) {
            *out = (gpucost_review_policy)k;
            return 0;
        }
    return -1;
}

static const char *const kind_names[] = {"control", "review", "component", "rescission"};

const char *gpucost_rule_kind_name(gpucost_rule_kind k)
{
    return (unsigned)k <= GPUCOST_RULE_RESCISSION ? kind_names[k] : "";
}

static void dest_list_free(gpucost_dest_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        gc_free(l->items[i]);
    gc_free(l->items);
    l->items = NULL;
    l->n = 0;
}

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
    gc_free(r->id);
    gc_free(r->name);
    gc_free(r->file);
    gc_free(r->legal_status);
    for (size_t i = 0; i < r->nreplaces; i++)
        gc_free(r->replaces[i]);
    gc_free(r->replaces);
    for (size_t i = 0; i < r->ntests; i++)
        gc_free(r->tests[i].label);
    gc_free(r->tests);
    for (size_t i = 0; i < r->nnamed; i++) {
        gc_free(r->named[i].hardware);
        gc_free(r->named[i].note);
    }
    gc_free(r->named);
    dest_list_free(&r->to);
    dest_list_free(&r->except);
    for (size_t i = 0; i < r->npolicies; i++)
        dest_list_free(&r->policies[i].to);
    gc_free(r->policies);
    gpucost_sources_free(r->sources, r->nsources);
    gpucost_notes_free(r->notes, r->nnotes);
}

void gpucost_rules_free(gpucost_rules *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++)
        rule_release(&r->items[i]);
    gc_free(r->items);
    for (size_t i = 0; i < r->ncountries; i++) {
        gc_free(r->codes[i]);
        gc_free(r->names[i]);
    }
    gc_free(r->codes);
    gc_free(r->names);
    for (size_t i = 0; i < r->ngroups; i++) {
        gc_free(r->groups[i].id);
        gc_free(r->groups[i].name);
        dest_list_free(&r->groups[i].members);
    }
    gc_free(r->groups);
    gpucost_sources_free(r->dest_sources, r->ndest_sources);
    gc_free(r);
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
                                  int required, gpucost_export_status *out, gpucost_error *err)
{
    char *s = NULL;
    *out = GPUCOST_EXPORT_LICENCE;
    gpucost_status rc = gc_json_string_member(doc, obj, path, "status", required, &s, err);
    if (rc != GPUCOST_OK || s[0] == '\0') {
        gc_free(s);
        return rc;
    }
    if (gpucost_export_status_lookup(s, out) != 0) {
        char where[160];
        gc_json_path(where, sizeof where, path, "status", 0);
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(obj, "status"), GPUCOST_EINVAL,
                          where, err,
                          "unknown status '%s' (known: " GPUCOST_EXPORT_STATUS_KNOWN ")", s);
    }
    gc_free(s);
    return rc;
}

/* An optional "policy" member: one of the three review policies. */
static gpucost_status read_policy(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                  gpucost_review_policy *out, gpucost_error *err)
{
    char *s = NULL;
    *out = GPUCOST_POLICY_NONE;
    gpucost_status rc = gc_json_string_member(doc, obj, path, "policy", 0, &s, err);
    if (rc == GPUCOST_OK && s[0] != '\0' && gpucost_review_policy_lookup(s, out) != 0) {
        char where[160];
        gc_json_path(where, sizeof where, path, "policy", 0);
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(obj, "policy"), GPUCOST_EINVAL,
                          where, err,
                          "unknown review policy '%s' (known: presumption of denial, "
                          "case-by-case, presumption of approval)",
                          s);
    }
    gc_free(s);
    return rc;
}

/* An optional boolean member; 0 when absent. */
static gpucost_status read_flag(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                const char *key, int *out, gpucost_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = cJSON_IsTrue(v);
    if (v == NULL || cJSON_IsBool(v))
        return GPUCOST_OK;
    char where[160];
    gc_json_path(where, sizeof where, path, key, 0);
    return gc_json_fail(doc, v, GPUCOST_EINVAL, where, err, "expected true or false, got %s",
                        gc_json_type_name(v));
}

/* `node` is an object whose keys are among `keys`; else an error naming
 * what was `expected`. */
static gpucost_status object_with(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  const char *const *keys, const char *expected, gpucost_error *err)
{
    if (cJSON_IsObject(node))
        return gc_json_check_keys(doc, node, path, keys, err);
    return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected %s, got %s", expected,
                        gc_json_type_name(node));
}

/* A bound: {"min": a, "max": b}, at least one, a < b. */
static gpucost_status read_bound(const gc_json_doc *doc, const cJSON *node, const char *path,
                                 gpucost_rule_bound *b, gpucost_error *err)
{
    static const char *const keys[] = {"min", "max", NULL};
    gpucost_status rc = object_with(doc, node, path, keys, "{\"min\": ..., \"max\": ...}", err);
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

/* A test; "status" is required of a control rule's, and means nothing in
 * a review or component rule's (`control` 0). */
static gpucost_status read_test(const gc_json_doc *doc, const cJSON *node, const char *path,
                                int control, gpucost_rule_test *t, gpucost_error *err)
{
    static const char *const keys[] = {"label",
                                       "status",
                                       "policy",
                                       "datacenter_only",
                                       "tpp",
                                       "performance_density",
                                       "interconnect_gbs",
                                       "memory_bw_tbs",
                                       NULL};
    gpucost_status rc = object_with(doc, node, path, keys, "an object", err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "label", 1, &t->label, err);
    if (rc == GPUCOST_OK)
        rc = read_status(doc, node, path, control, &t->status, err);
    if (rc == GPUCOST_OK)
        rc = read_policy(doc, node, path, &t->policy, err);
    if (rc == GPUCOST_OK)
        rc = read_flag(doc, node, path, "datacenter_only", &t->datacenter_only, err);
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
                                 int control, gpucost_rule_named *n, gpucost_error *err)
{
    static const char *const keys[] = {"hardware", "status", "policy", "note", NULL};
    gpucost_status rc = object_with(doc, node, path, keys, "an object", err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "hardware", 1, &n->hardware, err);
    if (rc == GPUCOST_OK)
        rc = read_status(doc, node, path, control, &n->status, err);
    if (rc == GPUCOST_OK)
        rc = read_policy(doc, node, path, &n->policy, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "note", 0, &n->note, err);
    return rc;
}

/* An optional array member of the rule, read by gc_json_array. */
static gpucost_status read_array(const gc_json_doc *doc, const char *key, size_t size,
                                 gc_json_entry_fn read, void *ctx, void **items, size_t *n,
                                 gpucost_error *err)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc->root, key);
    return a == NULL ? GPUCOST_OK : gc_json_array(doc, a, key, size, read, ctx, items, n, err);
}

/* ctx: the rule being read, whose kind is known */
static gpucost_status test_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                 void *ctx, void *out, gpucost_error *err)
{
    const gpucost_rule *r = ctx;
    return read_test(doc, node, path, r->kind == GPUCOST_RULE_CONTROL, out, err);
}

static gpucost_status named_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  void *ctx, void *out, gpucost_error *err)
{
    const gpucost_rule *r = ctx;
    return read_named(doc, node, path, r->kind == GPUCOST_RULE_CONTROL, out, err);
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

/* A list of destination names ["CN", "D:5", "*"], read as strings; the
 * names are checked against destinations.json once the folder is read. */
static gpucost_status read_dest_list(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                     const char *key, gpucost_dest_list *out, gpucost_error *err)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (a == NULL)
        return GPUCOST_OK;
    char where[160];
    gc_json_path(where, sizeof where, path, key, 0);
    gpucost_status rc = gc_json_array(doc, a, where, sizeof *out->items, replaces_entry, NULL,
                                      (void **)&out->items, &out->n, err);
    if (rc == GPUCOST_OK && out->n == 0)
        rc = gc_json_fail(doc, a, GPUCOST_EINVAL, where, err,
                          "expected at least one destination (\"*\" for all)");
    return rc;
}

static gpucost_status policy_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                   void *ctx, void *out, gpucost_error *err)
{
    (void)ctx;
    static const char *const keys[] = {"to", "policy", NULL};
    gpucost_rule_policy *p = out;
    gpucost_status rc = object_with(doc, node, path, keys, "{\"to\": [...], \"policy\": ...}", err);
    if (rc == GPUCOST_OK)
        rc = read_dest_list(doc, node, path, "to", &p->to, err);
    if (rc == GPUCOST_OK)
        rc = read_policy(doc, node, path, &p->policy, err);
    if (rc == GPUCOST_OK && (p->to.n == 0 || p->policy == GPUCOST_POLICY_NONE))
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                          "a policy entry has \"to\" and \"policy\"");
    return rc;
}

static gpucost_status read_kind(const gc_json_doc *doc, gpucost_rule *r, gpucost_error *err)
{
    char *s = NULL;
    gpucost_status rc = gc_json_string_member(doc, doc->root, "", "kind", 0, &s, err);
    int found = rc != GPUCOST_OK || s[0] == '\0' ? 0 : -1;
    for (int k = 0; rc == GPUCOST_OK && k <= GPUCOST_RULE_RESCISSION; k++)
        if (strcmp(s, kind_names[k]) == 0)
            found = k;
    if (rc == GPUCOST_OK && found < 0)
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(doc->root, "kind"), GPUCOST_EINVAL,
                          "kind", err,
                          "unknown kind '%s' (known: control, review, component, rescission)", s);
    r->kind = found < 0 ? GPUCOST_RULE_CONTROL : (gpucost_rule_kind)found;
    gc_free(s);
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
    gc_free(s);
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

/* "to" ({"CN"} when absent), "except", "policy" and "policies". */
static gpucost_status read_scope(const gc_json_doc *doc, gpucost_rule *r, gpucost_error *err)
{
    gpucost_status rc = read_dest_list(doc, doc->root, "", "to", &r->to, err);
    if (rc == GPUCOST_OK && r->to.n == 0) {
        r->to.items = gc_malloc(sizeof *r->to.items);
        if (r->to.items == NULL || (r->to.items[0] = gpucost_strdup("CN")) == NULL)
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
        r->to.n = 1;
    }
    if (rc == GPUCOST_OK)
        rc = read_dest_list(doc, doc->root, "", "except", &r->except, err);
    if (rc == GPUCOST_OK)
        rc = read_policy(doc, doc->root, "", &r->policy, err);
    if (rc == GPUCOST_OK)
        rc = read_array(doc, "policies", sizeof *r->policies, policy_entry, NULL,
                        (void **)&r->policies, &r->npolicies, err);
    return rc;
}

static gpucost_status parse_rule(const gc_json_doc *doc, gpucost_rule *r, gpucost_error *err)
{
    static const char *const keys[] = {"id",       "name",      "effective", "legal_status",
                                       "kind",     "to",        "except",    "policy",
                                       "policies", "replaces",  "tests",     "named",
                                       "sources",  "estimates", "derived",   NULL};
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
        rc = read_kind(doc, r, err);
    if (rc == GPUCOST_OK)
        rc = read_scope(doc, r, err);
    if (rc == GPUCOST_OK)
        rc = read_array(doc, "replaces", sizeof *r->replaces, replaces_entry, NULL,
                        (void **)&r->replaces, &r->nreplaces, err);
    if (rc == GPUCOST_OK)
        rc = read_array(doc, "tests", sizeof *r->tests, test_entry, r, (void **)&r->tests,
                        &r->ntests, err);
    if (rc == GPUCOST_OK)
        rc = read_array(doc, "named", sizeof *r->named, named_entry, r, (void **)&r->named,
                        &r->nnamed, err);
    if (rc == GPUCOST_OK)
        rc = check_own_lists(doc, r, err);
    if (rc == GPUCOST_OK && r->kind == GPUCOST_RULE_RESCISSION &&
        (r->nreplaces == 0 || r->ntests > 0 || r->nnamed > 0))
        rc = gc_json_fail(doc, doc->root, GPUCOST_EINVAL, "", err,
                          "a rescission has \"replaces\" (the rules it takes out of force) "
                          "and no tests or named chips");
    if (rc == GPUCOST_OK && r->kind != GPUCOST_RULE_RESCISSION && r->ntests == 0 && r->nnamed == 0)
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
    gpucost_rule *grown = gc_realloc(set->items, (set->n + 1) * sizeof *set->items);
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
    gpucost_rules *set = gc_calloc(1, sizeof *set);
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

/* ---- destinations.json ---- */

static gpucost_status group_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  void *ctx, void *out, gpucost_error *err)
{
    (void)ctx;
    static const char *const keys[] = {"id", "name", "members", NULL};
    dest_group *g = out;
    gpucost_status rc = object_with(doc, node, path, keys, "{\"id\", \"name\", \"members\"}", err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "id", 1, &g->id, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "name", 1, &g->name, err);
    if (rc == GPUCOST_OK)
        rc = read_dest_list(doc, node, path, "members", &g->members, err);
    if (rc == GPUCOST_OK && g->members.n == 0)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "missing key 'members'");
    return rc;
}

/* The index of country `code` (exact), or set->ncountries. */
static size_t country_index(const gpucost_rules *set, const char *code)
{
    size_t i = 0;
    while (i < set->ncountries && strcmp(set->codes[i], code) != 0)
        i++;
    return i;
}

/* The group with `id` (exact), or NULL. */
static const dest_group *group_find(const gpucost_rules *set, const char *id)
{
    for (size_t i = 0; i < set->ngroups; i++)
        if (strcmp(set->groups[i].id, id) == 0)
            return &set->groups[i];
    return NULL;
}

static gpucost_status read_countries(const gc_json_doc *doc, gpucost_rules *set, gpucost_error *err)
{
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(doc->root, "countries");
    if (!cJSON_IsObject(c))
        return gc_json_fail(doc, c != NULL ? c : doc->root, GPUCOST_EINVAL, "countries", err,
                            "expected {\"CN\": \"China\", ...}, got %s", gc_json_type_name(c));
    size_t n = (size_t)cJSON_GetArraySize(c);
    set->codes = gc_calloc(n + 1, sizeof *set->codes);
    set->names = gc_calloc(n + 1, sizeof *set->names);
    if (set->codes == NULL || set->names == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    for (const cJSON *e = c->child; e != NULL; e = e->next) {
        char where[64];
        const char *name;
        gc_json_path(where, sizeof where, "countries", e->string, 0);
        gpucost_status rc = gc_json_string(doc, e, where, &name, err);
        if (rc != GPUCOST_OK)
            return rc;
        if (country_index(set, e->string) < set->ncountries)
            return gc_json_fail(doc, e, GPUCOST_EINVAL, where, err, "country '%s' given twice",
                                e->string);
        size_t k = set->ncountries;
        if ((set->codes[k] = gpucost_strdup(e->string)) == NULL ||
            (set->names[k] = gpucost_strdup(name)) == NULL) {
            gc_free(set->codes[k]);
            set->codes[k] = NULL;
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
        }
        set->ncountries++;
    }
    return GPUCOST_OK;
}

/* Reads destinations.json into `set`; every group member is a country. */
static gpucost_status add_destinations(gpucost_rules *set, const char *file, const char *text,
                                       size_t len, gpucost_error *err)
{
    static const char *const keys[] = {"countries", "groups",  "sources",
                                       "estimates", "derived", NULL};
    gc_json_doc doc;
    gpucost_status rc = gc_json_parse(&doc, file, text, len, err);
    if (rc != GPUCOST_OK)
        return rc;
    set->has_destinations = 1;
    rc = gc_json_check_keys(&doc, doc.root, "", keys, err);
    if (rc == GPUCOST_OK)
        rc = read_countries(&doc, set, err);
    if (rc == GPUCOST_OK)
        rc = read_array(&doc, "groups", sizeof *set->groups, group_entry, NULL,
                        (void **)&set->groups, &set->ngroups, err);
    for (size_t g = 0; rc == GPUCOST_OK && g < set->ngroups; g++) {
        for (size_t m = 0; rc == GPUCOST_OK && m < set->groups[g].members.n; m++)
            if (country_index(set, set->groups[g].members.items[m]) == set->ncountries) {
                char where[96];
                gc_text_printf(where, sizeof where, "groups[%zu].members[%zu]", g, m);
                rc = GPUCOST_ERROR(err, GPUCOST_EINVAL, file, 0, 0, where,
                                   "'%s' is not one of \"countries\"",
                                   set->groups[g].members.items[m]);
            }
        for (size_t h = 0; rc == GPUCOST_OK && h < g; h++)
            if (strcmp(set->groups[h].id, set->groups[g].id) == 0) {
                char where[64];
                gc_text_printf(where, sizeof where, "groups[%zu].id", g);
                rc = GPUCOST_ERROR(err, GPUCOST_EINVAL, file, 0, 0, where, "group '%s' given twice",
                                   set->groups[g].id);
            }
    }
    if (rc == GPUCOST_OK) {
        gpucost_note *notes = NULL;
        size_t nnotes = 0;
        rc = gc_json_provenance(&doc, doc.root, &set->dest_sources, &set->ndest_sources, &notes,
                                &nnotes, err);
        gpucost_notes_free(notes, nnotes);
    }
    gc_json_doc_release(&doc);
    return rc;
}

static gpucost_status load_one(void *set, const char *file, const char *text, size_t len,
                               gpucost_error *err)
{
    const char *base = strrchr(file, '/');
    base = base != NULL ? base + 1 : file;
    if (strcmp(base, "destinations.json") == 0)
        return add_destinations(set, file, text, len, err);
    return add_rule(set, file, text, len, err);
}

static gpucost_status load_file(void *set, const char *path, gpucost_error *err)
{
    return gc_json_load(path, load_one, set, err);
}

/* Whether `name` is a destination a rule may write: "*", a country or a
 * group of destinations.json ("CN" alone without that file). */
static int dest_known(const gpucost_rules *set, const char *name)
{
    if (strcmp(name, "*") == 0)
        return 1;
    if (!set->has_destinations)
        return strcmp(name, "CN") == 0;
    return country_index(set, name) < set->ncountries || group_find(set, name) != NULL;
}

static gpucost_status check_dest_list(const gpucost_rules *set, const gpucost_rule *r,
                                      const char *key, const gpucost_dest_list *l,
                                      gpucost_error *err)
{
    for (size_t k = 0; k < l->n; k++)
        if (!dest_known(set, l->items[k])) {
            char where[96];
            gc_text_printf(where, sizeof where, "%s[%zu]", key, k);
            return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, r->file, 0, 0, where,
                                 "unknown destination '%s' (%s)", l->items[k],
                                 set->has_destinations
                                     ? "not a country or group of destinations.json"
                                     : "without destinations.json a rule names \"CN\" or \"*\"");
        }
    return GPUCOST_OK;
}

/* Every destination every rule names is known. */
static gpucost_status check_destinations(const gpucost_rules *set, gpucost_error *err)
{
    gpucost_status rc = GPUCOST_OK;
    for (size_t i = 0; rc == GPUCOST_OK && i < set->n; i++) {
        const gpucost_rule *r = &set->items[i];
        rc = check_dest_list(set, r, "to", &r->to, err);
        if (rc == GPUCOST_OK)
            rc = check_dest_list(set, r, "except", &r->except, err);
        for (size_t k = 0; rc == GPUCOST_OK && k < r->npolicies; k++) {
            char key[48];
            gc_text_printf(key, sizeof key, "policies[%zu].to", k);
            rc = check_dest_list(set, r, key, &r->policies[k].to, err);
        }
    }
    return rc;
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
    gpucost_rules *set = gc_calloc(1, sizeof *set);
    gpucost_status rc = set != NULL
                            ? gpucost_dir_each_json(dir, load_file, set, NULL, err)
                            : GPUCOST_ERROR(err, GPUCOST_ENOMEM, dir, 0, 0, NULL, "out of memory");
    if (rc == GPUCOST_OK)
        rc = check_replaces(set, err);
    if (rc == GPUCOST_OK)
        rc = check_destinations(set, err);
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
 * names the first bound missed, or the consumer exemption, and
 * `*exempt` is set), -1 undecided. */
static int test_holds(const gpucost_rule_test *t, const gpucost_hardware *h, char *why, size_t n,
                      int *exempt)
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
    if (t->datacenter_only && h->datacenter == 0) {
        gc_text_printf(why, n, "%s: exempt, not designed or marketed for datacenters", t->label);
        *exempt = 1;
        return 0;
    }
    if (t->datacenter_only && h->datacenter < 0) {
        gc_text_printf(why, n,
                       "%s: met, but the catalog does not say whether it is a datacenter part",
                       t->label);
        return -1;
    }
    char full[256];
    gc_text_printf(full, sizeof full, "%s: %s", t->label, why);
    gc_text_printf(why, n, "%s", full);
    return 1;
}

/* The entry of `r` that applies to `h`: a named chip, or the first test
 * met.  Returns 1 and sets `*named` or `*test` (and `why`); 0 when none
 * applies (`why` lists the tests missed, `*undecided` when one could not
 * be decided, `*exempt` when the consumer exemption passed one by). */
static int rule_match(const gpucost_rule *r, const gpucost_hardware *h,
                      const gpucost_rule_named **named, const gpucost_rule_test **test, char *why,
                      size_t n, int *undecided, int *exempt)
{
    *named = NULL;
    *test = NULL;
    *undecided = *exempt = 0;
    for (size_t i = 0; i < r->nnamed; i++)
        if (strcmp(r->named[i].hardware, h->id) == 0) {
            *named = &r->named[i];
            gc_text_printf(why, n, "named%s%s", r->named[i].note[0] ? ": " : "", r->named[i].note);
            return 1;
        }
    char missed[256] = "";
    for (size_t i = 0; i < r->ntests; i++) {
        char one[256];
        int m = test_holds(&r->tests[i], h, one, sizeof one, exempt);
        if (m > 0) {
            *test = &r->tests[i];
            gc_text_printf(why, n, "%s", one);
            return 1;
        }
        *undecided |= m < 0;
        gc_text_append(missed, sizeof missed, missed[0] ? "; " : "", one);
    }
    gc_text_printf(why, n, "%s", r->ntests ? missed : "not named");
    return 0;
}

/* Whether `list` names country `code`, directly, through a group or "*". */
static int list_has_country(const gpucost_rules *set, const gpucost_dest_list *list,
                            const char *code)
{
    for (size_t k = 0; k < list->n; k++) {
        const char *item = list->items[k];
        if (strcmp(item, "*") == 0 || strcmp(item, code) == 0)
            return 1;
        const dest_group *g = set != NULL ? group_find(set, item) : NULL;
        for (size_t m = 0; g != NULL && m < g->members.n; m++)
            if (strcmp(g->members.items[m], code) == 0)
                return 1;
    }
    return 0;
}

static int list_names(const gpucost_dest_list *list, const char *id)
{
    for (size_t k = 0; k < list->n; k++)
        if (strcmp(list->items[k], id) == 0)
            return 1;
    return 0;
}

/* Whether `to` less `except` covers `d`: a country when it is in one and
 * not the other; a group when every member is covered (D:4 is not, under
 * a rule that excepts A:6, which holds Israel); "*" only when `to` says
 * "*" and nothing is excepted. */
static int scope_covers(const gpucost_rules *set, const gpucost_dest_list *to,
                        const gpucost_dest_list *except, const gpucost_destination *d)
{
    if (!d->group)
        return list_has_country(set, to, d->id) &&
               (except == NULL || !list_has_country(set, except, d->id));
    if (strcmp(d->id, "*") == 0)
        return list_names(to, "*") && (except == NULL || except->n == 0);
    const dest_group *g = set != NULL ? group_find(set, d->id) : NULL;
    if (g == NULL)
        return 0;
    for (size_t m = 0; m < g->members.n; m++)
        if (!list_has_country(set, to, g->members.items[m]) ||
            (except != NULL && list_has_country(set, except, g->members.items[m])))
            return 0;
    return 1;
}

int gpucost_rules_covers(const gpucost_rules *set, const gpucost_rule *rule,
                         const gpucost_destination *d)
{
    return scope_covers(set, &rule->to, &rule->except, d);
}

/* The review policy `rule` states for `d` for the entry that matched. */
static gpucost_review_policy policy_for(const gpucost_rules *set, const gpucost_rule *rule,
                                        const gpucost_rule_named *named,
                                        const gpucost_rule_test *test, const gpucost_destination *d)
{
    if (named != NULL && named->policy != GPUCOST_POLICY_NONE)
        return named->policy;
    if (test != NULL && test->policy != GPUCOST_POLICY_NONE)
        return test->policy;
    for (size_t k = 0; k < rule->npolicies; k++)
        if (scope_covers(set, &rule->policies[k].to, NULL, d))
            return rule->policies[k].policy;
    return rule->policy;
}

/* The status one control rule gives `h` for `d`. */
static void rule_verdict(const gpucost_rules *set, const gpucost_rule *r, const gpucost_hardware *h,
                         const gpucost_destination *d, gpucost_export_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->rule = r;
    int undecided, exempt;
    if (rule_match(r, h, &v->named, &v->test, v->why, sizeof v->why, &undecided, &exempt))
        v->status = v->named != NULL ? v->named->status : v->test->status;
    else
        v->status = undecided ? GPUCOST_EXPORT_UNKNOWN : GPUCOST_EXPORT_NOT_CONTROLLED;
    v->exempt = exempt;
    if (v->status == GPUCOST_EXPORT_LICENCE) {
        v->policy = policy_for(set, r, v->named, v->test, d);
        v->policy_rule = v->policy != GPUCOST_POLICY_NONE ? r : NULL;
    }
}

int gpucost_rules_component(const gpucost_rule *rule, const gpucost_hardware *h, char *why,
                            size_t n)
{
    const gpucost_rule_named *named;
    const gpucost_rule_test *test;
    int undecided, exempt;
    char buf[256];
    if (rule->kind != GPUCOST_RULE_COMPONENT ||
        !rule_match(rule, h, &named, &test, buf, sizeof buf, &undecided, &exempt))
        return 0;
    gc_text_printf(why, n, "%s", named != NULL && named->note[0] ? named->note : buf);
    return 1;
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

void gpucost_destination_china(gpucost_destination *out)
{
    memset(out, 0, sizeof *out);
    gc_text_printf(out->id, sizeof out->id, "CN");
    gc_text_printf(out->name, sizeof out->name, "China");
}

/* `a` and `b` equal ignoring case and ':' ("d5" is "D:5"). */
static int loose_equal(const char *a, const char *b)
{
    for (;;) {
        while (*a == ':')
            a++;
        while (*b == ':')
            b++;
        if (gc_ascii_tolower((unsigned char)*a) != gc_ascii_tolower((unsigned char)*b))
            return 0;
        if (*a == '\0')
            return 1;
        a++;
        b++;
    }
}

gpucost_status gpucost_rules_destination(const gpucost_rules *set, const char *text,
                                         gpucost_destination *out, gpucost_error *err)
{
    memset(out, 0, sizeof *out);
    if (strcmp(text, "*") == 0 || loose_equal(text, "all") || loose_equal(text, "worldwide")) {
        gc_text_printf(out->id, sizeof out->id, "*");
        gc_text_printf(out->name, sizeof out->name, "every destination");
        out->group = 1;
        return GPUCOST_OK;
    }
    if (set == NULL || !set->has_destinations) {
        if (loose_equal(text, "CN") || loose_equal(text, "China")) {
            gpucost_destination_china(out);
            return GPUCOST_OK;
        }
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, NULL,
                             "unknown destination '%s' (the rules folder has no "
                             "destinations.json: known are China and \"*\")",
                             text);
    }
    for (size_t i = 0; i < set->ncountries; i++)
        if (loose_equal(text, set->codes[i]) || loose_equal(text, set->names[i])) {
            gc_text_printf(out->id, sizeof out->id, "%s", set->codes[i]);
            gc_text_printf(out->name, sizeof out->name, "%s", set->names[i]);
            return GPUCOST_OK;
        }
    for (size_t i = 0; i < set->ngroups; i++)
        if (loose_equal(text, set->groups[i].id)) {
            gc_text_printf(out->id, sizeof out->id, "%s", set->groups[i].id);
            gc_text_printf(out->name, sizeof out->name, "%s", set->groups[i].name);
            out->group = 1;
            return GPUCOST_OK;
        }
    size_t n = set->ncountries * 2 + set->ngroups;
    const char **names = gc_malloc((n + 1) * sizeof *names);
    char groups[512] = "";
    for (size_t i = 0; i < set->ngroups; i++)
        gc_text_list(groups, sizeof groups, set->groups[i].id);
    const char *hint = NULL;
    if (names != NULL) {
        size_t k = 0;
        for (size_t i = 0; i < set->ncountries; i++) {
            names[k++] = set->codes[i];
            names[k++] = set->names[i];
        }
        for (size_t i = 0; i < set->ngroups; i++)
            names[k++] = set->groups[i].id;
        hint = gpucost_suggest(text, names, k);
    }
    char msg[128] = "";
    if (hint != NULL)
        gc_text_printf(msg, sizeof msg, "did you mean '%s'? ", hint);
    gc_free(names);
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, NULL,
                         "unknown destination '%s' (%sa country's code or name, one of the "
                         "groups %s, or \"*\")",
                         text, msg, groups);
}

void gpucost_rules_verdict(const gpucost_rules *r, const gpucost_hardware *h, int date,
                           const gpucost_destination *to, gpucost_export_verdict *out)
{
    gpucost_destination china;
    if (to == NULL) {
        gpucost_destination_china(&china);
        to = &china;
    }
    memset(out, 0, sizeof *out);
    out->status = GPUCOST_EXPORT_NOT_CONTROLLED;
    gc_snprintf(out->why, sizeof out->why, "no rule in force");
    int any = 0;
    gpucost_export_verdict exempt = {0};
    gpucost_review_policy policy = GPUCOST_POLICY_NONE;
    const gpucost_rule *policy_rule = NULL;
    for (size_t i = 0; r != NULL && i < r->n; i++) {
        const gpucost_rule *rule = &r->items[i];
        if (rule->kind != GPUCOST_RULE_CONTROL || !gpucost_rules_in_force(r, i, date) ||
            !gpucost_rules_covers(r, rule, to))
            continue;
        gpucost_export_verdict v;
        rule_verdict(r, rule, h, to, &v);
        if (v.exempt && exempt.rule == NULL)
            exempt = v;
        /* the most restrictive; among equals the first rule that put the
         * chip there, unless a later one names it (a chip-specific
         * measure names itself); a rule that leaves the chip alone speaks
         * only when no other does */
        if (!any || v.status > out->status ||
            (v.status == out->status && v.status != GPUCOST_EXPORT_NOT_CONTROLLED &&
             v.named != NULL))
            *out = v;
        any = 1;
        /* under two licence requirements the stricter policy governs */
        if (v.status == GPUCOST_EXPORT_LICENCE && v.policy > policy) {
            policy = v.policy;
            policy_rule = rule;
        }
    }
    /* free only by the consumer exemption: the rule that exempts it says so */
    if (out->status == GPUCOST_EXPORT_NOT_CONTROLLED && exempt.rule != NULL)
        *out = exempt;
    if (out->status != GPUCOST_EXPORT_LICENCE)
        return;
    out->policy = policy;
    out->policy_rule = policy_rule;
    /* a later review rule in force that matches sets the review policy */
    for (size_t i = 0; i < r->n; i++) {
        const gpucost_rule *rule = &r->items[i];
        const gpucost_rule_named *named;
        const gpucost_rule_test *test;
        int undecided, ex;
        char why[256];
        if (rule->kind != GPUCOST_RULE_REVIEW || !gpucost_rules_in_force(r, i, date) ||
            !gpucost_rules_covers(r, rule, to) ||
            !rule_match(rule, h, &named, &test, why, sizeof why, &undecided, &ex))
            continue;
        gpucost_review_policy p = policy_for(r, rule, named, test, to);
        out->review_rule = rule;
        out->review_note = named != NULL ? named->note : "";
        if (p != GPUCOST_POLICY_NONE) {
            out->policy = p;
            out->policy_rule = rule;
        }
    }
}
