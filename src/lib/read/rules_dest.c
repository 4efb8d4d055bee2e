/*
 * rules_dest.c - destinations (rules.h): reading destinations.json (the
 * countries and country groups rules name), checking every destination a
 * rule names, whether a rule covers a country or a group, and reading a
 * destination as a user writes it ("CN", "china", "d5", "*").  Siblings:
 * rules.c, rules_file.c, rules_eval.c (rules_internal.h).
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/rules.h"

#include "gpucost/suggest.h"

#include <string.h>

#include "read/rules_internal.h"
#include "base/text.h"

/* ---- destinations.json ---- */

static gpucost_status group_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  void *ctx, void *out, gpucost_error *err)
{
    (void)ctx;
    static const char *const keys[] = {"id", "name", "members", NULL};
    dest_group *g = out;
    gpucost_status rc =
        gc_rules_object_with(doc, node, path, keys, "{\"id\", \"name\", \"members\"}", err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "id", 1, &g->id, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "name", 1, &g->name, err);
    if (rc == GPUCOST_OK)
        rc = gc_rules_read_dest_list(doc, node, path, "members", &g->members, err);
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
gpucost_status gc_rules_add_destinations(gpucost_rules *set, const char *file, const char *text,
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
        rc = gc_rules_read_array(&doc, "groups", sizeof *set->groups, group_entry, NULL,
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
gpucost_status gc_rules_check_destinations(const gpucost_rules *set, gpucost_error *err)
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
int gc_rules_scope_covers(const gpucost_rules *set, const gpucost_dest_list *to,
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
    return gc_rules_scope_covers(set, &rule->to, &rule->except, d);
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
