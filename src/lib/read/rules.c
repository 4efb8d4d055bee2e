/*
 * rules.c - export-control rules as data (rules.h): the set, its names
 * for statuses, policies, kinds and fields, its dates, and loading a
 * rules folder with the checks that need every file (replaced ids,
 * replacement cycles, destinations).  Siblings: rules_file.c reads one
 * rule file, rules_dest.c reads destinations.json and decides which
 * destinations a rule covers, rules_eval.c gives a chip's status on a
 * date; rules_internal.h is what they share.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/rules.h"

#include "gpucost/dir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/rules_internal.h"
#include "base/text.h"

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

static gpucost_status load_one(void *set, const char *file, const char *text, size_t len,
                               gpucost_error *err)
{
    const char *base = strrchr(file, '/');
    base = base != NULL ? base + 1 : file;
    if (strcmp(base, "destinations.json") == 0)
        return gc_rules_add_destinations(set, file, text, len, err);
    return gc_rules_add_rule(set, file, text, len, err);
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

gpucost_status gpucost_rules_load(const char *dir, gpucost_rules **out, gpucost_error *err)
{
    gpucost_rules *set = gc_calloc(1, sizeof *set);
    gpucost_status rc = set != NULL
                            ? gpucost_dir_each_json(dir, load_file, set, NULL, err)
                            : GPUCOST_ERROR(err, GPUCOST_ENOMEM, dir, 0, 0, NULL, "out of memory");
    if (rc == GPUCOST_OK)
        rc = check_replaces(set, err);
    if (rc == GPUCOST_OK)
        rc = gc_rules_check_destinations(set, err);
    if (rc != GPUCOST_OK) {
        gpucost_rules_free(set);
        return rc;
    }
    if (set->n > 1)
        qsort(set->items, set->n, sizeof *set->items, by_date);
    *out = set;
    return GPUCOST_OK;
}

size_t gpucost_rules_dates(const gpucost_rules *r, size_t *first, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; r != NULL && i < r->n && n < max; i++)
        if (i == 0 || r->items[i].effective != r->items[i - 1].effective)
            first[n++] = i;
    return n;
}
