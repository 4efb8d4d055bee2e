/*
 * scenario_claims.c - a scenario's "claims" (a quantity's value or
 * bounds, with a tolerance or a factor, its source, phase and date; or an
 * export claim, a chip's status on a date) and its "expect_conflicts"
 * (scenario.h).  Siblings: scenario.c reads the document and calls these,
 * scenario_inputs.c, scenario_override.c (scenario_internal.h).
 */
#include "base/alloc.h"
#include "gpucost/scenario.h"

#include <string.h>

#include "gpucost/rules.h"
#include "read/json.h"
#include "read/scenario_internal.h"
#include "base/text.h"

/* A string member naming a quantity (a claim's or a recorded conflict's
 * "quantity"), with a "did you mean" hint when it is unknown. */
static gpucost_status quantity_member(const gc_json_doc *doc, const cJSON *node, const char *path,
                                      const char **name, gpucost_quantity *q, gpucost_error *err)
{
    gpucost_status rc = gc_json_string(doc, node, path, name, err);
    if (rc != GPUCOST_OK || gpucost_quantity_lookup(*name, q) == 0)
        return rc;
    const char *hint = gpucost_quantity_suggest(*name);
    if (hint != NULL)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "unknown quantity '%s' (did you mean '%s'?)", *name, hint);
    return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "unknown quantity '%s'", *name);
}

static gpucost_status claim_number(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                   const char *key, int *has, double *out, gpucost_error *err)
{
    int there = 0;
    gpucost_status rc = gc_json_number_member(doc, obj, parent, key, 0, out, &there, err);
    *has |= there && rc == GPUCOST_OK;
    return rc;
}

/* A claim's "tolerance": a fraction from 0 to below 1, of a value. */
static gpucost_status claim_tolerance(const gc_json_doc *doc, const cJSON *node, const char *path,
                                      const gpucost_claim *cl, gpucost_error *err)
{
    const cJSON *tn = cJSON_GetObjectItemCaseSensitive(node, "tolerance");
    char sub[160];
    gc_json_path(sub, sizeof sub, path, "tolerance", 0);
    if (!cl->has_value)
        return gc_json_fail(doc, tn, GPUCOST_EINVAL, path, err,
                            "'tolerance' applies to a claimed 'value' only");
    if (cl->tolerance < 0.0)
        return gc_json_fail(doc, tn, GPUCOST_EINVAL, sub, err,
                            "expected a relative tolerance from 0 to below 1, got %g",
                            cl->tolerance);
    if (!(cl->tolerance < 1.0))
        return gc_json_fail(doc, tn, GPUCOST_EINVAL, sub, err,
                            "tolerance %g means +-%g%%; for %g%% write %g", cl->tolerance,
                            100.0 * cl->tolerance, cl->tolerance, cl->tolerance / 100.0);
    return GPUCOST_OK;
}

/* A claim's "factor": within value / f .. value x f, f >= 1, for a
 * value only and never beside a tolerance. */
static gpucost_status claim_factor(const gc_json_doc *doc, const cJSON *node, const char *path,
                                   gpucost_claim *cl, int has_tol, gpucost_error *err)
{
    const cJSON *fn = cJSON_GetObjectItemCaseSensitive(node, "factor");
    if (fn == NULL)
        return GPUCOST_OK;
    char sub[160];
    gc_json_path(sub, sizeof sub, path, "factor", 0);
    gpucost_status rc = gc_json_number(doc, fn, sub, &cl->factor, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (!cl->has_value)
        return gc_json_fail(doc, fn, GPUCOST_EINVAL, path, err,
                            "'factor' applies to a claimed 'value' only");
    if (has_tol)
        return gc_json_fail(doc, fn, GPUCOST_EINVAL, sub, err,
                            "give 'tolerance' or 'factor', not both");
    if (!(cl->factor >= 1.0))
        return gc_json_fail(doc, fn, GPUCOST_EINVAL, sub, err,
                            "expected a factor of 1 or more (2 means from half to double), got %g",
                            cl->factor);
    if (cl->value <= 0.0)
        return gc_json_fail(doc, fn, GPUCOST_EINVAL, sub, err,
                            "a factor needs a positive value, got %g", cl->value);
    return GPUCOST_OK;
}

/* The claim's numbers: a value or bounds, each in the quantity's domain. */
static gpucost_status claim_numbers(const gc_json_doc *doc, const cJSON *node, const char *path,
                                    gpucost_claim *cl, gpucost_error *err)
{
    int has_tol = 0;
    cl->tolerance = 0.01;
    gpucost_status rc = claim_number(doc, node, path, "value", &cl->has_value, &cl->value, err);
    if (rc == GPUCOST_OK)
        rc = claim_number(doc, node, path, "tolerance", &has_tol, &cl->tolerance, err);
    if (rc == GPUCOST_OK)
        rc = claim_number(doc, node, path, "min", &cl->has_min, &cl->min, err);
    if (rc == GPUCOST_OK)
        rc = claim_number(doc, node, path, "max", &cl->has_max, &cl->max, err);
    if (rc == GPUCOST_OK && !cl->has_value && !cl->has_min && !cl->has_max)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                          "a claim needs 'value' or 'min' and/or 'max'");
    if (rc == GPUCOST_OK && cl->has_value && (cl->has_min || cl->has_max))
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                          "a claim has either 'value' or bounds, not both");
    if (rc == GPUCOST_OK && has_tol)
        rc = claim_tolerance(doc, node, path, cl, err);
    if (rc == GPUCOST_OK)
        rc = claim_factor(doc, node, path, cl, has_tol, err);
    if (rc == GPUCOST_OK && cl->has_min && cl->has_max && cl->min > cl->max)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "min %g exceeds max %g", cl->min,
                          cl->max);
    static const char *const bound_keys[] = {"value", "min", "max"};
    const double bound_vals[] = {cl->value, cl->min, cl->max};
    const int bound_has[] = {cl->has_value, cl->has_min, cl->has_max};
    for (int k = 0; k < 3 && rc == GPUCOST_OK; k++) {
        if (!bound_has[k] || gpucost_quantity_in_domain(cl->quantity, bound_vals[k]))
            continue;
        char sub[160], hint[64];
        gc_json_path(sub, sizeof sub, path, bound_keys[k], 0);
        rc = gc_json_fail(
            doc, cJSON_GetObjectItemCaseSensitive(node, bound_keys[k]), GPUCOST_EINVAL, sub, err,
            "expected %s, got %g%s", gpucost_quantity_domain_text(cl->quantity), bound_vals[k],
            gpucost_quantity_domain_hint(cl->quantity, bound_vals[k], hint, sizeof hint));
    }
    return rc;
}

/* "expect": "pass" (the default) or "fail". */
static gpucost_status claim_expect(const gc_json_doc *doc, const cJSON *node, const char *path,
                                   gpucost_claim *cl, gpucost_error *err)
{
    const cJSON *ex = cJSON_GetObjectItemCaseSensitive(node, "expect");
    if (ex == NULL)
        return GPUCOST_OK;
    const char *e;
    char sub[160];
    gc_json_path(sub, sizeof sub, path, "expect", 0);
    gpucost_status rc = gc_json_string(doc, ex, sub, &e, err);
    if (rc != GPUCOST_OK || strcmp(e, "pass") == 0)
        return rc;
    if (strcmp(e, "fail") == 0) {
        cl->expect_fail = 1;
        return GPUCOST_OK;
    }
    return gc_json_fail(doc, ex, GPUCOST_EINVAL, sub, err,
                        "expected \"pass\" or \"fail\", got \"%s\"", e);
}

/* What every claim, quantity or export, may say besides its numbers: its
 * "source", a "note" and "expect". */
static gpucost_status claim_words(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  gpucost_claim *cl, gpucost_error *err)
{
    gpucost_status rc = gc_json_string_member(doc, node, path, "source", 0, &cl->source, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "note", 0, &cl->note, err);
    return rc == GPUCOST_OK ? claim_expect(doc, node, path, cl, err) : rc;
}

/* "phase": the name of one of the run's phases; -1 without one. */
static gpucost_status claim_phase(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  const gpucost_scenario *s, gpucost_claim *cl, gpucost_error *err)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(node, "phase");
    cl->phase = -1;
    if (p == NULL)
        return GPUCOST_OK;
    char sub[160];
    gc_json_path(sub, sizeof sub, path, "phase", 0);
    const char *name;
    gpucost_status rc = gc_json_string(doc, p, sub, &name, err);
    if (rc != GPUCOST_OK)
        return rc;
    char names[512] = "";
    for (size_t i = 0; i < s->nphases; i++) {
        if (strcmp(s->phases[i].id, name) == 0) {
            cl->phase = (int)i;
            return GPUCOST_OK;
        }
        gc_text_list(names, sizeof names, s->phases[i].id);
    }
    return gc_json_fail(doc, p, GPUCOST_EINVAL, sub, err, "unknown phase '%s' (%s%s)", name,
                        s->nphases ? "phases: " : "the scenario has no \"phases\"", names);
}

/* "export": {"hardware", "on"} with "status": an export claim. */
static gpucost_status parse_export_claim(const gc_json_doc *doc, const cJSON *node,
                                         const char *path, gpucost_claim *cl, gpucost_error *err)
{
    static const char *const keys[] = {"export", "status", "policy", "source",
                                       "expect", "note",   NULL};
    static const char *const ekeys[] = {"hardware", "on", "to", NULL};
    gpucost_status rc = gc_json_check_keys(doc, node, path, keys, err);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(node, "export");
    char sub[160], *on = NULL, *st = NULL;
    gc_json_path(sub, sizeof sub, path, "export", 0);
    cl->is_export = 1;
    cl->phase = -1;
    cl->loc = gc_scenario_loc(doc, node);
    if (rc == GPUCOST_OK && !cJSON_IsObject(e))
        rc = gc_json_fail(doc, e, GPUCOST_EINVAL, sub, err,
                          "expected {\"hardware\": ID, \"on\": \"YYYY-MM-DD\"}, got %s",
                          gc_json_type_name(e));
    if (rc == GPUCOST_OK)
        rc = gc_json_check_keys(doc, e, sub, ekeys, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, e, sub, "hardware", 1, &cl->export_hardware, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, e, sub, "on", 1, &on, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, e, sub, "to", 0, &cl->export_to, err);
    if (rc == GPUCOST_OK && (cl->export_date = gpucost_date_parse(on)) < 0) {
        char w[192];
        gc_json_path(w, sizeof w, sub, "on", 0);
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(e, "on"), GPUCOST_EINVAL, w, err,
                          "expected a date YYYY-MM-DD, got \"%s\"", on);
    }
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "status", 1, &st, err);
    if (rc == GPUCOST_OK) {
        gpucost_export_status found;
        gc_json_path(sub, sizeof sub, path, "status", 0);
        if (gpucost_export_status_lookup(st, &found) != 0)
            rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(node, "status"), GPUCOST_EINVAL,
                              sub, err,
                              "unknown status '%s' (known: " GPUCOST_EXPORT_STATUS_KNOWN ")", st);
        else
            cl->export_status = (int)found;
    }
    char *policy = NULL;
    cl->export_policy = -1;
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "policy", 0, &policy, err);
    if (rc == GPUCOST_OK && policy[0] != '\0') {
        gpucost_review_policy p;
        gc_json_path(sub, sizeof sub, path, "policy", 0);
        if (gpucost_review_policy_lookup(policy, &p) != 0)
            rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(node, "policy"), GPUCOST_EINVAL,
                              sub, err,
                              "unknown review policy '%s' (known: presumption of denial, "
                              "case-by-case, presumption of approval)",
                              policy);
        else
            cl->export_policy = (int)p;
    }
    gc_free(policy);
    gc_free(on);
    gc_free(st);
    if (rc == GPUCOST_OK)
        rc = claim_words(doc, node, path, cl, err);
    return rc;
}

static gpucost_status parse_claim(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  gpucost_scenario *s, gpucost_claim *cl, gpucost_error *err)
{
    if (cJSON_IsObject(node) && cJSON_GetObjectItemCaseSensitive(node, "export") != NULL)
        return parse_export_claim(doc, node, path, cl, err);
    static const char *const keys[] = {"quantity", "value",  "tolerance", "factor", "min",  "max",
                                       "source",   "expect", "note",      "phase",  "date", NULL};
    gpucost_status rc = gc_json_check_keys(doc, node, path, keys, err);
    if (rc != GPUCOST_OK)
        return rc;
    cl->loc = gc_scenario_loc(doc, node);
    const cJSON *qn = cJSON_GetObjectItemCaseSensitive(node, "quantity");
    char sub[160];
    gc_json_path(sub, sizeof sub, path, "quantity", 0);
    if (qn == NULL)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "missing key 'quantity'");
    const char *qname;
    rc = quantity_member(doc, qn, sub, &qname, &cl->quantity, err);
    if (rc == GPUCOST_OK && !(gpucost_quantity_info_get(cl->quantity)->kinds & (int)s->kind))
        rc = gc_json_fail(doc, qn, GPUCOST_EINVAL, sub, err,
                          "quantity '%s' does not apply to %s scenarios", qname,
                          gpucost_kind_name(s->kind));
    if (rc == GPUCOST_OK)
        rc = claim_numbers(doc, node, path, cl, err);
    if (rc == GPUCOST_OK)
        rc = claim_words(doc, node, path, cl, err);
    if (rc == GPUCOST_OK)
        rc = claim_phase(doc, node, path, s, cl, err);
    if (rc == GPUCOST_OK)
        rc = gc_scenario_date_member(doc, node, path, &cl->date, &cl->date_loc, err);
    return rc;
}

gpucost_status gc_scenario_parse_claims(const gc_json_doc *doc, const cJSON *claims,
                                        gpucost_scenario *s, gpucost_error *err)
{
    if (!cJSON_IsArray(claims))
        return gc_json_fail(doc, claims, GPUCOST_EINVAL, "claims", err, "expected an array, got %s",
                            gc_json_type_name(claims));
    size_t n = (size_t)cJSON_GetArraySize(claims);
    s->claims = gc_calloc(n ? n : 1, sizeof *s->claims);
    if (s->claims == NULL)
        return gc_scenario_oom(doc, err);
    int i = 0;
    for (const cJSON *c = claims->child; c != NULL; c = c->next, i++) {
        char path[128];
        gc_json_path(path, sizeof path, "claims", NULL, i);
        gpucost_status rc = parse_claim(doc, c, path, s, &s->claims[i], err);
        s->nclaims = (size_t)i + 1; /* so gc_free() releases its strings */
        if (rc != GPUCOST_OK)
            return rc;
    }
    return GPUCOST_OK;
}

gpucost_status gc_scenario_parse_expect_conflicts(const gc_json_doc *doc, const cJSON *arr,
                                                  gpucost_scenario *s, gpucost_error *err)
{
    static const char *const keys[] = {"quantity", "note", NULL};
    if (!cJSON_IsArray(arr))
        return gc_json_fail(doc, arr, GPUCOST_EINVAL, "expect_conflicts", err,
                            "expected an array, got %s", gc_json_type_name(arr));
    size_t n = (size_t)cJSON_GetArraySize(arr);
    s->expect_conflicts = gc_calloc(n ? n : 1, sizeof *s->expect_conflicts);
    if (s->expect_conflicts == NULL)
        return gc_scenario_oom(doc, err);
    int i = 0;
    for (const cJSON *c = arr->child; c != NULL; c = c->next, i++) {
        gpucost_expected_conflict *e = &s->expect_conflicts[i];
        char path[128], sub[160];
        gc_json_path(path, sizeof path, "expect_conflicts", NULL, i);
        gpucost_status rc = gc_json_check_keys(doc, c, path, keys, err);
        if (rc != GPUCOST_OK)
            return rc;
        s->nexpect_conflicts = (size_t)i + 1; /* so gc_free() releases the note */
        e->loc = gc_scenario_loc(doc, c);
        rc = gc_json_string_member(doc, c, path, "note", 0, &e->note, err);
        if (rc != GPUCOST_OK)
            return rc;
        const cJSON *qn = cJSON_GetObjectItemCaseSensitive(c, "quantity");
        if (qn == NULL)
            return gc_json_fail(doc, c, GPUCOST_EINVAL, path, err, "missing key 'quantity'");
        gc_json_path(sub, sizeof sub, path, "quantity", 0);
        const char *qname;
        rc = quantity_member(doc, qn, sub, &qname, &e->quantity, err);
        if (rc != GPUCOST_OK)
            return rc;
        for (int k = 0; k < i; k++)
            if (s->expect_conflicts[k].quantity == e->quantity)
                return gc_json_fail(doc, qn, GPUCOST_EINVAL, sub, err,
                                    "conflict on '%s' is already recorded", qname);
    }
    return GPUCOST_OK;
}
