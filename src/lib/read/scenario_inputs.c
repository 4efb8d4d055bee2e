/*
 * scenario_inputs.c - what a scenario computes from (scenario.h): its
 * "inputs" (hardware, precision, amortisation and every quantity, a
 * number or an uncertain value in its domain), a fleet's "fleet" parts
 * and a training run's "phases", each a partial scenario with inputs of
 * its own.  Siblings: scenario.c reads the document and calls these,
 * scenario_claims.c, scenario_override.c (scenario_internal.h).
 */
#include "base/alloc.h"
#include "gpucost/scenario.h"

#include <string.h>

#include "read/json.h"
#include "read/scenario_internal.h"

static gpucost_status input_hardware(const gc_json_doc *doc, const cJSON *c, const char *path,
                                     gpucost_scenario *s, gpucost_error *err)
{
    const char *hw;
    gpucost_status rc = gc_json_string(doc, c, path, &hw, err);
    if (rc == GPUCOST_OK && hw[0] == '\0')
        rc = gc_json_fail(doc, c, GPUCOST_EINVAL, path, err,
                          "expected a hardware id, got an empty string");
    if (rc == GPUCOST_OK && (s->hardware = gpucost_strdup(hw)) == NULL)
        rc = gc_scenario_oom(doc, err);
    s->hardware_loc = gc_scenario_loc(doc, c);
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
    s->precision_loc = gc_scenario_loc(doc, c);
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
    s->amortisation_loc = gc_scenario_loc(doc, c);
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
    in->loc = gc_scenario_loc(doc, c);
    return rc;
}

/* An "inputs" object at `where` ("inputs", "phases[1].inputs"). */
gpucost_status gc_scenario_parse_inputs(const gc_json_doc *doc, const cJSON *inputs,
                                        const char *where, gpucost_scenario *s, gpucost_error *err)
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
    part->loc = gc_scenario_loc(doc, node);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "hardware", 1, &part->hardware, err);
    const cJSON *hw = cJSON_GetObjectItemCaseSensitive(node, "hardware");
    if (hw != NULL)
        part->hardware_loc = gc_scenario_loc(doc, hw);
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
        part->in[k].loc = gc_scenario_loc(doc, m);
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
gpucost_status gc_scenario_parse_fleet(const gc_json_doc *doc, gpucost_scenario *s,
                                       gpucost_error *err)
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
        rc = gc_scenario_oom(doc, err);
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(node, "inputs");
    char where[96];
    gc_json_path(where, sizeof where, path, "inputs", 0);
    if (rc == GPUCOST_OK && in == NULL)
        rc = gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "missing key 'inputs'");
    if (rc == GPUCOST_OK)
        rc = gc_scenario_parse_inputs(doc, in, where, ph, err);
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
gpucost_status gc_scenario_parse_phases(const gc_json_doc *doc, gpucost_scenario *s,
                                        gpucost_error *err)
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
