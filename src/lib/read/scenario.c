/*
 * scenario.c - loading scenarios and applying --set overrides.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/rules.h"
#include "read/json.h"
#include "read/scenario_json.h"
#include "read/model_json.h"
#include "base/text.h"

const gpucost_quantity gpucost_fleet_part_q[GPUCOST_PART_NQ] = {
    GPUCOST_Q_GPUS, GPUCOST_Q_GPU_PRICE_USD, GPUCOST_Q_PRICE_PER_GPU_HOUR, GPUCOST_Q_POWER_W};

const char *gpucost_kind_name(gpucost_kind kind)
{
    switch (kind) {
    case GPUCOST_KIND_INFERENCE: return "inference";
    case GPUCOST_KIND_FLEET: return "fleet";
    case GPUCOST_KIND_TRAINING: break;
    }
    return "training";
}

/* Frees what `s` holds, not `s` itself (a phase lives in its run's array). */
static void scenario_release(gpucost_scenario *s)
{
    gc_free(s->file);
    gc_free(s->id);
    gc_free(s->title);
    gc_free(s->description);
    gc_free(s->hardware);
    gpucost_model_free(s->model);
    gc_free(s->model_id);
    for (size_t i = 0; i < s->nclaims; i++) {
        gc_free(s->claims[i].source);
        gc_free(s->claims[i].note);
        gc_free(s->claims[i].export_hardware);
        gc_free(s->claims[i].export_to);
    }
    gc_free(s->claims);
    for (size_t i = 0; i < s->nparts; i++)
        gc_free(s->parts[i].hardware);
    gc_free(s->parts);
    for (size_t i = 0; i < s->nexpect_conflicts; i++)
        gc_free(s->expect_conflicts[i].note);
    gc_free(s->expect_conflicts);
    gpucost_sources_free(s->sources, s->nsources);
    gpucost_notes_free(s->notes, s->nnotes);
    for (size_t i = 0; i < s->nphases; i++)
        scenario_release(&s->phases[i]);
    gc_free(s->phases);
    gc_free(s->datapoints_unit);
    for (size_t i = 0; i < s->nlabels; i++) {
        gc_free(s->label_keys[i]);
        gc_free(s->label_values[i]);
    }
    gc_free(s->label_keys);
    gc_free(s->label_values);
}

void gpucost_scenario_free(gpucost_scenario *s)
{
    if (s == NULL)
        return;
    scenario_release(s);
    gc_free(s);
}

static gpucost_status oom(const gc_json_doc *doc, gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
}

static gpucost_loc loc_of(const gc_json_doc *doc, const cJSON *node)
{
    gpucost_loc l;
    gc_json_locate(doc, node, 0, &l.line, &l.column);
    return l;
}

static gpucost_status input_hardware(const gc_json_doc *doc, const cJSON *c, const char *path,
                                     gpucost_scenario *s, gpucost_error *err)
{
    const char *hw;
    gpucost_status rc = gc_json_string(doc, c, path, &hw, err);
    if (rc == GPUCOST_OK && hw[0] == '\0')
        rc = gc_json_fail(doc, c, GPUCOST_EINVAL, path, err,
                          "expected a hardware id, got an empty string");
    if (rc == GPUCOST_OK && (s->hardware = gpucost_strdup(hw)) == NULL)
        rc = oom(doc, err);
    s->hardware_loc = loc_of(doc, c);
    return rc;
}

static gpucost_status input_precision(const gc_json_doc *doc, const cJSON *c, const char *path,
                                      gpucost_scenario *s, gpucost_error *err)
{
    const char *p;
    gpucost_status rc = gc_json_string(doc, c, path, &p, err);
    if (rc == GPUCOST_OK && gpucost_precision_lookup(p, &s->precision) != 0)
        rc = gc_json_fail(doc, c, GPUCOST_EINVAL, path, err,
                          "unknown precision '%s' (expected fp4, "
                          "fp8, int8, bf16, fp16, tf32, fp32 or fp64)",
                          p);
    s->precision_given = 1;
    s->precision_loc = loc_of(doc, c);
    return rc;
}

const char *gpucost_amortisation_name(gpucost_amortisation a)
{
    return a == GPUCOST_AMORT_EPOCH ? "epoch" : "straight_line";
}

int gpucost_amortisation_lookup(const char *name, gpucost_amortisation *a)
{
    if (strcmp(name, "straight_line") == 0)
        *a = GPUCOST_AMORT_STRAIGHT_LINE;
    else if (strcmp(name, "epoch") == 0)
        *a = GPUCOST_AMORT_EPOCH;
    else
        return -1;
    return 0;
}

/* "amortisation": "straight_line" or "epoch" (scenario.h). */
static gpucost_status input_amortisation(const gc_json_doc *doc, const cJSON *c, const char *path,
                                         gpucost_scenario *s, gpucost_error *err)
{
    const char *a;
    gpucost_status rc = gc_json_string(doc, c, path, &a, err);
    if (rc == GPUCOST_OK && gpucost_amortisation_lookup(a, &s->amortisation) != 0)
        rc = gc_json_fail(doc, c, GPUCOST_EINVAL, path, err,
                          "unknown amortisation '%s' (expected \"straight_line\" or \"epoch\")", a);
    s->amortisation_loc = loc_of(doc, c);
    return rc;
}

/* A quantity's value: a number or an uncertain value in its domain. */
static gpucost_status input_quantity(const gc_json_doc *doc, const cJSON *c, const char *path,
                                     gpucost_scenario *s, gpucost_error *err)
{
    gpucost_quantity q;
    if (gpucost_quantity_lookup(c->string, &q) != 0) {
        const char *hint = gpucost_quantity_suggest(c->string);
        return gc_json_fail_key(doc, c, path, err, "unknown quantity '%s'%s%s%s", c->string,
                                hint ? " (did you mean '" : "", hint ? hint : "",
                                hint ? "'?)" : "");
    }
    if (!(gpucost_quantity_info_get(q)->kinds & (int)s->kind))
        return gc_json_fail_key(doc, c, path, err, "quantity '%s' does not apply to %s scenarios",
                                c->string, gpucost_kind_name(s->kind));
    gpucost_input *in = &s->inputs[q];
    gpucost_status rc = gc_json_quantity_dist(doc, c, path, q, &in->dist, err);
    in->given = rc == GPUCOST_OK;
    in->loc = loc_of(doc, c);
    return rc;
}

/* An "inputs" object at `where` ("inputs", "phases[1].inputs"). */
static gpucost_status parse_inputs(const gc_json_doc *doc, const cJSON *inputs, const char *where,
                                   gpucost_scenario *s, gpucost_error *err)
{
    if (!cJSON_IsObject(inputs))
        return gc_json_fail(doc, inputs, GPUCOST_EINVAL, where, err, "expected an object, got %s",
                            gc_json_type_name(inputs));
    gpucost_status rc = GPUCOST_OK;
    for (const cJSON *c = inputs->child; c != NULL && rc == GPUCOST_OK; c = c->next) {
        char path[160];
        gc_json_path(path, sizeof path, where, c->string, 0);
        for (const cJSON *d = inputs->child; d != c; d = d->next)
            if (strcmp(d->string, c->string) == 0)
                return gc_json_fail_key(doc, c, path, err, "duplicate key '%s'", c->string);
        if (s->kind == GPUCOST_KIND_FLEET &&
            (strcmp(c->string, "hardware") == 0 || strcmp(c->string, "precision") == 0 ||
             strcmp(c->string, "gpus") == 0))
            rc = gc_json_fail_key(doc, c, path, err,
                                  "a fleet gives '%s' per part: move it into each entry of "
                                  "'fleet'",
                                  c->string);
        else if (strcmp(c->string, "hardware") == 0)
            rc = input_hardware(doc, c, path, s, err);
        else if (strcmp(c->string, "precision") == 0)
            rc = input_precision(doc, c, path, s, err);
        else if (strcmp(c->string, "amortisation") == 0)
            rc = input_amortisation(doc, c, path, s, err);
        else
            rc = input_quantity(doc, c, path, s, err);
    }
    return rc;
}

/* The member "date" of `obj` (the scenario's or a claim's, `parent` its
 * path): "YYYY-MM-DD", or "YYYY-MM" for its 15th, as yyyymmdd into
 * `*date`; 0 when absent. */
static gpucost_status date_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                  int *date, gpucost_loc *loc, gpucost_error *err)
{
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, "date");
    *date = 0;
    if (node == NULL)
        return GPUCOST_OK;
    char path[160];
    gc_json_path(path, sizeof path, parent, "date", 0);
    const char *text = cJSON_IsString(node) ? node->valuestring : "";
    char day[16] = "";
    if (strlen(text) == 7)
        gc_snprintf(day, sizeof day, "%s-15", text);
    else
        gc_text_copy(day, sizeof day, text);
    *date = gpucost_date_parse(day);
    *loc = loc_of(doc, node);
    if (!cJSON_IsString(node) || *date < 0) {
        *date = 0;
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "expected a date YYYY-MM-DD or a month YYYY-MM, got %s",
                            cJSON_IsString(node) ? text : gc_json_type_name(node));
    }
    return GPUCOST_OK;
}

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
    cl->loc = loc_of(doc, node);
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
    cl->loc = loc_of(doc, node);
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
        rc = date_member(doc, node, path, &cl->date, &cl->date_loc, err);
    return rc;
}

static gpucost_status parse_claims(const gc_json_doc *doc, const cJSON *claims, gpucost_scenario *s,
                                   gpucost_error *err)
{
    if (!cJSON_IsArray(claims))
        return gc_json_fail(doc, claims, GPUCOST_EINVAL, "claims", err, "expected an array, got %s",
                            gc_json_type_name(claims));
    size_t n = (size_t)cJSON_GetArraySize(claims);
    s->claims = gc_calloc(n ? n : 1, sizeof *s->claims);
    if (s->claims == NULL)
        return oom(doc, err);
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

static gpucost_status parse_expect_conflicts(const gc_json_doc *doc, const cJSON *arr,
                                             gpucost_scenario *s, gpucost_error *err)
{
    static const char *const keys[] = {"quantity", "note", NULL};
    if (!cJSON_IsArray(arr))
        return gc_json_fail(doc, arr, GPUCOST_EINVAL, "expect_conflicts", err,
                            "expected an array, got %s", gc_json_type_name(arr));
    size_t n = (size_t)cJSON_GetArraySize(arr);
    s->expect_conflicts = gc_calloc(n ? n : 1, sizeof *s->expect_conflicts);
    if (s->expect_conflicts == NULL)
        return oom(doc, err);
    int i = 0;
    for (const cJSON *c = arr->child; c != NULL; c = c->next, i++) {
        gpucost_expected_conflict *e = &s->expect_conflicts[i];
        char path[128], sub[160];
        gc_json_path(path, sizeof path, "expect_conflicts", NULL, i);
        gpucost_status rc = gc_json_check_keys(doc, c, path, keys, err);
        if (rc != GPUCOST_OK)
            return rc;
        s->nexpect_conflicts = (size_t)i + 1; /* so gc_free() releases the note */
        e->loc = loc_of(doc, c);
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

/* "kind": training (the default) or inference. */
static gpucost_status parse_kind(const gc_json_doc *doc, gpucost_scenario *s, gpucost_error *err)
{
    s->kind = GPUCOST_KIND_TRAINING;
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(doc->root, "kind");
    if (kind == NULL)
        return GPUCOST_OK;
    const char *k;
    gpucost_status rc = gc_json_string(doc, kind, "kind", &k, err);
    if (rc != GPUCOST_OK || strcmp(k, "training") == 0)
        return rc;
    if (strcmp(k, "inference") == 0) {
        s->kind = GPUCOST_KIND_INFERENCE;
        return GPUCOST_OK;
    }
    if (strcmp(k, "fleet") == 0) {
        s->kind = GPUCOST_KIND_FLEET;
        return GPUCOST_OK;
    }
    return gc_json_fail(doc, kind, GPUCOST_EINVAL, "kind", err,
                        "expected \"training\", \"inference\" or \"fleet\", got \"%s\"", k);
}

/* The length of the array `node` (member `key`): 1 to `max` entries, or
 * an error naming what it holds ("parts", "phases"). */
static gpucost_status array_count(const gc_json_doc *doc, const cJSON *node, const char *key,
                                  int max, const char *what, int *out, gpucost_error *err)
{
    int n = cJSON_IsArray(node) ? cJSON_GetArraySize(node) : -1;
    *out = n;
    if (n >= 1 && n <= max)
        return GPUCOST_OK;
    return gc_json_fail(doc, node, GPUCOST_EINVAL, key, err,
                        "expected an array of 1 to %d %s, got %s%.0d%s%s", max, what,
                        n < 0    ? gc_json_type_name(node)
                        : n == 0 ? "none"
                                 : "",
                        n > 0 ? n : 0, n > 0 ? " " : "", n > 0 ? what : "");
}

/* One entry of "fleet": hardware, gpus and the optional per-part values. */
static gpucost_status parse_part(const gc_json_doc *doc, const cJSON *node, const char *path,
                                 gpucost_fleet_part *part, gpucost_error *err)
{
    static const char *const keys[] = {
        "hardware", "gpus", "gpu_price_usd", "price_per_gpu_hour", "power_w", "note", NULL};
    gpucost_status rc = gc_json_check_keys(doc, node, path, keys, err);
    part->loc = loc_of(doc, node);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "hardware", 1, &part->hardware, err);
    const cJSON *hw = cJSON_GetObjectItemCaseSensitive(node, "hardware");
    if (hw != NULL)
        part->hardware_loc = loc_of(doc, hw);
    for (int k = 0; k < GPUCOST_PART_NQ && rc == GPUCOST_OK; k++) {
        gpucost_quantity q = gpucost_fleet_part_q[k];
        const char *name = gpucost_quantity_info_get(q)->name;
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(node, name);
        char sub[160];
        gc_json_path(sub, sizeof sub, path, name, 0);
        if (m == NULL) {
            if (q == GPUCOST_Q_GPUS)
                rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "missing key 'gpus'");
            continue;
        }
        rc = gc_json_quantity_dist(doc, m, sub, q, &part->in[k].dist, err);
        part->in[k].given = rc == GPUCOST_OK;
        part->in[k].loc = loc_of(doc, m);
    }
    const cJSON *note = cJSON_GetObjectItemCaseSensitive(node, "note");
    if (rc == GPUCOST_OK && note != NULL) {
        const char *ignored;
        char sub[160];
        gc_json_path(sub, sizeof sub, path, "note", 0);
        rc = gc_json_string(doc, note, sub, &ignored, err);
    }
    return rc;
}

static gpucost_status part_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                 void *ctx, void *part, gpucost_error *err)
{
    (void)ctx;
    return cJSON_IsObject(node)
               ? parse_part(doc, node, path, part, err)
               : gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected an object, got %s",
                              gc_json_type_name(node));
}

/* "fleet": the parts of a fleet scenario, 1 to GPUCOST_MAX_PARTS of them;
 * only a fleet has them. */
static gpucost_status parse_fleet(const gc_json_doc *doc, gpucost_scenario *s, gpucost_error *err)
{
    const cJSON *fleet = cJSON_GetObjectItemCaseSensitive(doc->root, "fleet");
    if (s->kind != GPUCOST_KIND_FLEET)
        return fleet == NULL ? GPUCOST_OK
                             : gc_json_fail_key(doc, fleet, "fleet", err,
                                                "'fleet' lists the parts of a fleet: set "
                                                "\"kind\": \"fleet\" or leave it out");
    if (fleet == NULL)
        return gc_json_fail(doc, doc->root, GPUCOST_EINVAL, "", err,
                            "missing key 'fleet' (a fleet lists its parts: [{\"hardware\": "
                            "\"h100\", \"gpus\": 10000}, ...])");
    int n;
    gpucost_status rc = array_count(doc, fleet, "fleet", GPUCOST_MAX_PARTS, "parts", &n, err);
    if (rc != GPUCOST_OK)
        return rc;
    return gc_json_array(doc, fleet, "fleet", sizeof *s->parts, part_entry, NULL,
                         (void **)&s->parts, &s->nparts, err);
}

/* One entry of "phases": {"name": ..., "inputs": {...}}, a partial
 * training scenario of its own. */
static gpucost_status parse_phase(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  const gpucost_scenario *run, gpucost_scenario *ph,
                                  gpucost_error *err)
{
    static const char *const keys[] = {"name", "inputs", "note", NULL};
    ph->kind = GPUCOST_KIND_TRAINING;
    ph->precision = GPUCOST_P_DEFAULT;
    gpucost_status rc = cJSON_IsObject(node)
                            ? gc_json_check_keys(doc, node, path, keys, err)
                            : gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                                           "expected an object, got %s", gc_json_type_name(node));
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "name", 1, &ph->id, err);
    for (size_t i = 0; rc == GPUCOST_OK && run->phases + i != ph; i++)
        if (strcmp(run->phases[i].id, ph->id) == 0)
            rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "duplicate phase name '%s'",
                              ph->id);
    if (rc == GPUCOST_OK && ((ph->file = gpucost_strdup(run->file)) == NULL ||
                             (ph->title = gpucost_strdup(ph->id)) == NULL ||
                             (ph->description = gpucost_strdup("")) == NULL))
        rc = oom(doc, err);
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(node, "inputs");
    char where[96];
    gc_json_path(where, sizeof where, path, "inputs", 0);
    if (rc == GPUCOST_OK && in == NULL)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "missing key 'inputs'");
    if (rc == GPUCOST_OK)
        rc = parse_inputs(doc, in, where, ph, err);
    const cJSON *note = cJSON_GetObjectItemCaseSensitive(node, "note");
    if (rc == GPUCOST_OK && note != NULL) {
        const char *ignored;
        gc_json_path(where, sizeof where, path, "note", 0);
        rc = gc_json_string(doc, note, where, &ignored, err);
    }
    return rc;
}

static gpucost_status phase_entry(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  void *run, void *phase, gpucost_error *err)
{
    return parse_phase(doc, node, path, run, phase, err);
}

/* "phases": a training run's phases, 1 to GPUCOST_MAX_PHASES of them. */
static gpucost_status parse_phases(const gc_json_doc *doc, gpucost_scenario *s, gpucost_error *err)
{
    const cJSON *phases = cJSON_GetObjectItemCaseSensitive(doc->root, "phases");
    if (phases == NULL)
        return GPUCOST_OK;
    if (s->kind != GPUCOST_KIND_TRAINING)
        return gc_json_fail_key(
            doc, phases, "phases", err, "'phases' divide a training run, not %s %s scenario",
            s->kind == GPUCOST_KIND_INFERENCE ? "an" : "a", gpucost_kind_name(s->kind));
    int n;
    gpucost_status rc = array_count(doc, phases, "phases", GPUCOST_MAX_PHASES, "phases", &n, err);
    if (rc != GPUCOST_OK)
        return rc;
    return gc_json_array(doc, phases, "phases", sizeof *s->phases, phase_entry, s,
                         (void **)&s->phases, &s->nphases, err);
}

/* "id", "title" (the id when empty) and "description". */
static gpucost_status parse_names_of(const gc_json_doc *doc, gpucost_scenario *s,
                                     gpucost_error *err)
{
    const cJSON *root = doc->root;
    gpucost_status rc = gc_json_string_member(doc, root, "", "id", 1, &s->id, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, root, "", "title", 0, &s->title, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, root, "", "description", 0, &s->description, err);
    if (rc == GPUCOST_OK && s->title[0] == '\0') {
        gc_free(s->title);
        s->title = gpucost_strdup(s->id);
        if (s->title == NULL)
            rc = oom(doc, err);
    }
    return rc;
}

/* "model": a block (model.h) or the id of a bundled architecture. */
static gpucost_status parse_model(const gc_json_doc *doc, gpucost_scenario *s, gpucost_error *err)
{
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(doc->root, "model");
    if (node == NULL)
        return GPUCOST_OK;
    gc_json_locate(doc, node, 0, &s->model_loc.line, &s->model_loc.column);
    if (cJSON_IsString(node)) {
        const char *id;
        gpucost_status rc = gc_json_string(doc, node, "model", &id, err);
        if (rc == GPUCOST_OK && id[0] == '\0')
            rc = gc_json_fail(doc, node, GPUCOST_EINVAL, "model", err,
                              "expected a bundled model's id, got an empty string");
        if (rc == GPUCOST_OK && (s->model_id = gpucost_strdup(id)) == NULL)
            rc = oom(doc, err);
        return rc;
    }
    s->model = gc_calloc(1, sizeof *s->model);
    if (s->model == NULL)
        return oom(doc, err);
    return gc_model_parse_node(doc, node, "model", 0, s->model, err);
}

/* "datapoints": {"value", "unit"}: a training dataset's size in its own
 * unit.  Tokens are dataset_tokens, an input like any other. */
static gpucost_status parse_datapoints(const gc_json_doc *doc, gpucost_scenario *s,
                                       gpucost_error *err)
{
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(doc->root, "datapoints");
    if (node == NULL)
        return GPUCOST_OK;
    static const char *const keys[] = {"value", "unit", NULL};
    gpucost_status rc = gc_json_check_keys(doc, node, "datapoints", keys, err);
    int has = 0;
    if (rc == GPUCOST_OK && s->kind != GPUCOST_KIND_TRAINING)
        rc = gc_json_fail_key(doc, node, "datapoints", err,
                              "'datapoints' count a training dataset, not %s scenario's",
                              gpucost_kind_name(s->kind));
    if (rc == GPUCOST_OK)
        rc = gc_json_number_member(doc, node, "datapoints", "value", 1, &s->datapoints, &has, err);
    if (rc == GPUCOST_OK && !(s->datapoints > 0.0))
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(node, "value"), GPUCOST_EINVAL,
                          "datapoints.value", err, "expected a positive number, got %g",
                          s->datapoints);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, "datapoints", "unit", 1, &s->datapoints_unit, err);
    if (rc == GPUCOST_OK && s->datapoints_unit[0] == '\0')
        rc = gc_json_fail(doc, cJSON_GetObjectItemCaseSensitive(node, "unit"), GPUCOST_EINVAL,
                          "datapoints.unit", err,
                          "expected what a datapoint is (\"tokens\", \"images\", ...)");
    if (rc != GPUCOST_OK || strcmp(s->datapoints_unit, "tokens") != 0)
        return rc;
    gpucost_input *in = &s->inputs[GPUCOST_Q_DATASET_TOKENS];
    if (in->given)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, "datapoints", err,
                            "the dataset's tokens are given twice: here and in "
                            "inputs.dataset_tokens");
    gpucost_dist_point(&in->dist, s->datapoints);
    in->given = 1;
    in->loc = loc_of(doc, node);
    gc_free(s->datapoints_unit);
    s->datapoints_unit = NULL;
    return GPUCOST_OK;
}

/* "labels": an object of strings, kept in file order. */
static gpucost_status parse_labels(const gc_json_doc *doc, gpucost_scenario *s, gpucost_error *err)
{
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(doc->root, "labels");
    if (node == NULL)
        return GPUCOST_OK;
    if (!cJSON_IsObject(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, "labels", err,
                            "expected an object of strings, got %s", gc_json_type_name(node));
    size_t n = (size_t)cJSON_GetArraySize(node);
    s->label_keys = gc_calloc(n + 1, sizeof *s->label_keys);
    s->label_values = gc_calloc(n + 1, sizeof *s->label_values);
    if (s->label_keys == NULL || s->label_values == NULL)
        return oom(doc, err);
    for (const cJSON *c = node->child; c != NULL; c = c->next) {
        char path[160];
        gc_json_path(path, sizeof path, "labels", c->string, 0);
        for (const cJSON *d = node->child; d != c; d = d->next)
            if (strcmp(d->string, c->string) == 0)
                return gc_json_fail_key(doc, c, path, err, "duplicate key '%s'", c->string);
        const char *v;
        gpucost_status rc = gc_json_string(doc, c, path, &v, err);
        if (rc != GPUCOST_OK)
            return rc;
        s->label_keys[s->nlabels] = gpucost_strdup(c->string);
        s->label_values[s->nlabels] = gpucost_strdup(v);
        s->nlabels++;
        if (s->label_keys[s->nlabels - 1] == NULL || s->label_values[s->nlabels - 1] == NULL)
            return oom(doc, err);
    }
    return GPUCOST_OK;
}

static gpucost_status parse_doc(const gc_json_doc *doc, gpucost_scenario *s, gpucost_error *err)
{
    static const char *const keys[] = {
        "id",      "title",     "description", "kind",       "inputs",
        "fleet",   "model",     "phases",      "claims",     "expect_conflicts",
        "sources", "estimates", "derived",     "datapoints", "labels",
        "date",    NULL};
    const cJSON *root = doc->root;
    gpucost_status rc = gc_json_check_keys(doc, root, "", keys, err);
    if (rc == GPUCOST_OK)
        rc = parse_names_of(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = parse_kind(doc, s, err);
    s->precision = GPUCOST_P_DEFAULT;
    const cJSON *inputs = cJSON_GetObjectItemCaseSensitive(root, "inputs");
    if (rc == GPUCOST_OK && inputs == NULL)
        rc = gc_json_fail(doc, root, GPUCOST_EINVAL, "", err, "missing key 'inputs'");
    if (rc == GPUCOST_OK)
        rc = parse_inputs(doc, inputs, "inputs", s, err);
    if (rc == GPUCOST_OK)
        rc = parse_datapoints(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = parse_labels(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = date_member(doc, root, "", &s->date, &s->date_loc, err);
    if (rc == GPUCOST_OK)
        rc = parse_fleet(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = parse_model(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = parse_phases(doc, s, err);
    const cJSON *claims = cJSON_GetObjectItemCaseSensitive(root, "claims");
    if (rc == GPUCOST_OK && claims != NULL)
        rc = parse_claims(doc, claims, s, err);
    const cJSON *ec = cJSON_GetObjectItemCaseSensitive(root, "expect_conflicts");
    if (rc == GPUCOST_OK && ec != NULL)
        rc = parse_expect_conflicts(doc, ec, s, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_provenance(doc, root, &s->sources, &s->nsources, &s->notes, &s->nnotes, err);
    return rc;
}

/* A new scenario of `file` read from `doc` (its root the scenario). */
static gpucost_status parse_new(const gc_json_doc *doc, const char *file, gpucost_scenario **out,
                                gpucost_error *err)
{
    gpucost_scenario *s = gc_calloc(1, sizeof *s);
    gpucost_status rc = GPUCOST_OK;
    if (s == NULL || (s->file = gpucost_strdup(file)) == NULL)
        rc = oom(doc, err);
    if (rc == GPUCOST_OK)
        rc = parse_doc(doc, s, err);
    if (rc != GPUCOST_OK) {
        gpucost_scenario_free(s);
        return rc;
    }
    *out = s;
    return GPUCOST_OK;
}

gpucost_status gpucost_scenario_parse(const char *file, const char *text, size_t len,
                                      gpucost_scenario **out, gpucost_error *err)
{
    gc_json_doc doc;
    gpucost_status rc = gc_json_parse(&doc, file, text, len, err);
    if (rc != GPUCOST_OK)
        return rc;
    rc = parse_new(&doc, file, out, err);
    gc_json_doc_release(&doc);
    return rc;
}

gpucost_status gc_scenario_parse_node(const char *file, const cJSON *node, gpucost_scenario **out,
                                      gpucost_error *err)
{
    /* no text: gc_json_locate finds no line:column, the paths stand */
    gc_json_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.root = (cJSON *)node;
    gc_text_printf(doc.file, sizeof doc.file, "%s", file);
    if (!cJSON_IsObject(node))
        return gc_json_fail(&doc, node, GPUCOST_EINVAL, "", err,
                            "expected a JSON object at the top level, got %s",
                            gc_json_type_name(node));
    return parse_new(&doc, file, out, err);
}

static const char *const sniff_keys[] = {"inputs", "id", "claims", "kind"};

int gpucost_scenario_sniff(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    gc_json_doc doc;
    int yes = 1; /* unreadable or malformed: meant, so the loader reports it */
    if (gc_json_read_file(path, &text, &len, NULL) != GPUCOST_OK)
        return 1;
    if (gc_json_has_top_key(text, len, sniff_keys, sizeof sniff_keys / sizeof sniff_keys[0])) {
        gc_free(text);
        return 1;
    }
    if (gc_json_parse(&doc, path, text, len, NULL) == GPUCOST_OK) {
        yes = 0;
        for (size_t k = 0; k < sizeof sniff_keys / sizeof sniff_keys[0]; k++)
            yes |= cJSON_GetObjectItemCaseSensitive(doc.root, sniff_keys[k]) != NULL;
        gc_json_doc_release(&doc);
    }
    gc_free(text);
    return yes;
}

static gpucost_status parse_into(void *out, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    return gpucost_scenario_parse(file, text, len, out, err);
}

gpucost_status gpucost_scenario_load(const char *path, gpucost_scenario **out, gpucost_error *err)
{
    return gc_json_load(path, parse_into, out, err);
}

/* An override of `kind` on `q`, every other field empty. */
static gpucost_override override_of(gpucost_override_kind kind, gpucost_quantity q)
{
    gpucost_override o = {.kind = kind,
                          .quantity = q,
                          .precision = GPUCOST_P_BF16,
                          .amortisation = GPUCOST_AMORT_UNSET};
    return o;
}

gpucost_override gpucost_override_point(gpucost_quantity q, double value)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_POINT, q);
    o.value = o.high = value;
    return o;
}

gpucost_override gpucost_override_interval(gpucost_quantity q, double low, double high)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_INTERVAL, q);
    o.value = low;
    o.high = high;
    return o;
}

gpucost_override gpucost_override_remove(gpucost_quantity q)
{
    return override_of(GPUCOST_OVERRIDE_REMOVE, q);
}

gpucost_override gpucost_override_dist(gpucost_quantity q, const gpucost_dist *d)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_DIST, q);
    o.dist = *d;
    return o;
}

gpucost_override gpucost_override_hardware(const char *id)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_HARDWARE, GPUCOST_Q_GPUS);
    o.hardware = id;
    return o;
}

gpucost_override gpucost_override_precision(gpucost_precision p)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_PRECISION, GPUCOST_Q_GPUS);
    o.precision = p;
    return o;
}

gpucost_override gpucost_override_amortisation(gpucost_amortisation a)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_AMORTISATION, GPUCOST_Q_GPUS);
    o.amortisation = a;
    return o;
}

const char *gpucost_override_name(const gpucost_override *o)
{
    switch (o->kind) {
    case GPUCOST_OVERRIDE_HARDWARE: return "hardware";
    case GPUCOST_OVERRIDE_PRECISION: return "precision";
    case GPUCOST_OVERRIDE_AMORTISATION: return "amortisation";
    default: return gpucost_quantity_info_get(o->quantity)->name;
    }
}

/* The hardware, precision or amortisation of one override; `where` names
 * it. */
static gpucost_status override_part(gpucost_scenario *s, const gpucost_override *o,
                                    const char *where, gpucost_error *err)
{
    gpucost_loc none = {0, 0};
    if (o->kind == GPUCOST_OVERRIDE_AMORTISATION) {
        if (o->amortisation != GPUCOST_AMORT_STRAIGHT_LINE &&
            o->amortisation != GPUCOST_AMORT_EPOCH)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                                 "unknown amortisation (expected straight_line or epoch)");
        s->amortisation = o->amortisation;
        s->amortisation_loc = none;
        return GPUCOST_OK;
    }
    if (s->kind == GPUCOST_KIND_FLEET)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                             "a fleet names its hardware per part; edit the file's 'fleet' "
                             "to change it");
    if (o->kind == GPUCOST_OVERRIDE_PRECISION) {
        if ((unsigned)o->precision >= GPUCOST_P_COUNT)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "unknown precision");
        s->precision = o->precision;
        s->precision_given = 1;
        s->precision_loc = none;
        return GPUCOST_OK;
    }
    if (o->hardware == NULL || o->hardware[0] == '\0')
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "expected a hardware id");
    char *hw = gpucost_strdup(o->hardware);
    if (hw == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, where, "out of memory");
    gc_free(s->hardware);
    s->hardware = hw;
    s->hardware_loc = none;
    return GPUCOST_OK;
}

/* One quantity override: a point, a 90% interval, an uncertain value,
 * or taking it out. */
static gpucost_status override_value(gpucost_scenario *s, const gpucost_override *o,
                                     const char *where, gpucost_error *err)
{
    gpucost_quantity q = o->quantity;
    if ((unsigned)q >= GPUCOST_Q_COUNT)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "unknown quantity");
    const char *name = gpucost_quantity_info_get(q)->name;
    if (!(gpucost_quantity_info_get(q)->kinds & (int)s->kind))
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                             "quantity '%s' does not apply to %s scenarios", name,
                             gpucost_kind_name(s->kind));
    if (s->kind == GPUCOST_KIND_FLEET && q == GPUCOST_Q_GPUS)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                             "a fleet's gpus are the sum of its parts; edit the file's 'fleet' "
                             "to change them");
    if (o->kind == GPUCOST_OVERRIDE_REMOVE) {
        s->inputs[q].given = 0;
        return GPUCOST_OK;
    }
    gpucost_dist d = o->dist;
    if (o->kind == GPUCOST_OVERRIDE_DIST) {
        /* made by gpucost_dist_* (dist.h), which checked its parameters */
    } else if (o->kind == GPUCOST_OVERRIDE_INTERVAL) {
        if (!isfinite(o->value) || !isfinite(o->high) ||
            gpucost_dist_interval90(&d, o->value, o->high) != 0)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                                 "invalid range: low must not exceed high");
    } else {
        if (!isfinite(o->value))
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                                 "expected a finite number");
        gpucost_dist_point(&d, o->value);
    }
    char hint[64];
    if (!gc_dist_in_domain(q, &d))
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "expected %s%s",
                             gpucost_quantity_domain_text(q),
                             d.kind == GPUCOST_DIST_POINT
                                 ? gpucost_quantity_domain_hint(q, d.a, hint, sizeof hint)
                                 : ", but the range reaches outside it");
    gpucost_loc none = {0, 0};
    s->inputs[q].given = 1;
    s->inputs[q].dist = d;
    s->inputs[q].loc = none;
    return GPUCOST_OK;
}

gpucost_status gpucost_scenario_override(gpucost_scenario *s, const gpucost_override *o, size_t n,
                                         gpucost_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char where[32];
        gc_snprintf(where, sizeof where, "overrides[%zu]", i);
        gpucost_status rc = o[i].kind == GPUCOST_OVERRIDE_HARDWARE ||
                                    o[i].kind == GPUCOST_OVERRIDE_PRECISION ||
                                    o[i].kind == GPUCOST_OVERRIDE_AMORTISATION
                                ? override_part(s, &o[i], where, err)
                                : override_value(s, &o[i], where, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    return GPUCOST_OK;
}
