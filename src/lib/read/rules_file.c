/*
 * rules_file.c - reading one rule file (rules.h) into a rule of the set:
 * id, name, effective ("YYYY-MM-DD"), legal_status, kind, to, except,
 * policy, policies [{to, policy}], replaces [ids], tests [{label, status,
 * policy, datacenter_only, <field>: {min, max}}], named [{hardware,
 * status, policy, note}], and the provenance every models/ file has.
 * What one file can get wrong is an error here; what needs the whole
 * folder (replaced ids, destinations) is checked by rules.c once it is
 * read.  Siblings: rules.c, rules_dest.c, rules_eval.c (rules_internal.h).
 */
#include "base/alloc.h"
#include "gpucost/rules.h"

#include <string.h>

#include "read/rules_internal.h"
#include "base/text.h"

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
gpucost_status gc_rules_object_with(const gc_json_doc *doc, const cJSON *node, const char *path,
                                    const char *const *keys, const char *expected,
                                    gpucost_error *err)
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
    gpucost_status rc =
        gc_rules_object_with(doc, node, path, keys, "{\"min\": ..., \"max\": ...}", err);
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
    gpucost_status rc = gc_rules_object_with(doc, node, path, keys, "an object", err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "label", 1, &t->label, err);
    if (rc == GPUCOST_OK)
        rc = read_status(doc, node, path, control, &t->status, err);
    if (rc == GPUCOST_OK)
        rc = read_policy(doc, node, path, &t->policy, err);
    if (rc == GPUCOST_OK)
        rc = read_flag(doc, node, path, "datacenter_only", &t->datacenter_only, err);
    for (int f = 0; f < GPUCOST_FIELD_COUNT && rc == GPUCOST_OK; f++) {
        const cJSON *b =
            cJSON_GetObjectItemCaseSensitive(node, gpucost_rule_field_name((gpucost_rule_field)f));
        if (b == NULL)
            continue;
        char where[160];
        gc_json_path(where, sizeof where, path, gpucost_rule_field_name((gpucost_rule_field)f), 0);
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
    gpucost_status rc = gc_rules_object_with(doc, node, path, keys, "an object", err);
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
gpucost_status gc_rules_read_array(const gc_json_doc *doc, const char *key, size_t size,
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
gpucost_status gc_rules_read_dest_list(const gc_json_doc *doc, const cJSON *obj, const char *path,
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
    gpucost_status rc =
        gc_rules_object_with(doc, node, path, keys, "{\"to\": [...], \"policy\": ...}", err);
    if (rc == GPUCOST_OK)
        rc = gc_rules_read_dest_list(doc, node, path, "to", &p->to, err);
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
        if (strcmp(s, gpucost_rule_kind_name((gpucost_rule_kind)k)) == 0)
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
    gpucost_status rc = gc_rules_read_dest_list(doc, doc->root, "", "to", &r->to, err);
    if (rc == GPUCOST_OK && r->to.n == 0) {
        r->to.items = gc_malloc(sizeof *r->to.items);
        if (r->to.items == NULL || (r->to.items[0] = gpucost_strdup("CN")) == NULL)
            return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
        r->to.n = 1;
    }
    if (rc == GPUCOST_OK)
        rc = gc_rules_read_dest_list(doc, doc->root, "", "except", &r->except, err);
    if (rc == GPUCOST_OK)
        rc = read_policy(doc, doc->root, "", &r->policy, err);
    if (rc == GPUCOST_OK)
        rc = gc_rules_read_array(doc, "policies", sizeof *r->policies, policy_entry, NULL,
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
        rc = gc_rules_read_array(doc, "replaces", sizeof *r->replaces, replaces_entry, NULL,
                                 (void **)&r->replaces, &r->nreplaces, err);
    if (rc == GPUCOST_OK)
        rc = gc_rules_read_array(doc, "tests", sizeof *r->tests, test_entry, r, (void **)&r->tests,
                                 &r->ntests, err);
    if (rc == GPUCOST_OK)
        rc = gc_rules_read_array(doc, "named", sizeof *r->named, named_entry, r, (void **)&r->named,
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
gpucost_status gc_rules_add_rule(gpucost_rules *set, const char *file, const char *text, size_t len,
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
    gpucost_status rc = gc_rules_add_rule(set, file, text, len, err);
    if (rc != GPUCOST_OK) {
        gpucost_rules_free(set);
        return rc;
    }
    *out = set;
    return GPUCOST_OK;
}
