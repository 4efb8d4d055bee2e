/*
 * scenario.c - loading a scenario (scenario.h): reading the file (or an
 * object already parsed) and its top-level members (id, title, kind,
 * model, datapoints, labels, date, provenance), telling a scenario from
 * other JSON, and freeing one.  Its parts have files of their own:
 * scenario_inputs.c (inputs, a fleet's parts, phases), scenario_claims.c
 * (claims, recorded conflicts); scenario_override.c applies --set
 * overrides.  scenario_internal.h is what they share.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/scenario.h"

#include <string.h>

#include "gpucost/rules.h"
#include "read/json.h"
#include "read/scenario_internal.h"
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

gpucost_status gc_scenario_oom(const gc_json_doc *doc, gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
}

gpucost_loc gc_scenario_loc(const gc_json_doc *doc, const cJSON *node)
{
    gpucost_loc l;
    gc_json_locate(doc, node, 0, &l.line, &l.column);
    return l;
}

/* The member "date" of `obj` (the scenario's or a claim's, `parent` its
 * path): "YYYY-MM-DD", or "YYYY-MM" for its 15th, as yyyymmdd into
 * `*date`; 0 when absent. */
gpucost_status gc_scenario_date_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
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
    *loc = gc_scenario_loc(doc, node);
    if (!cJSON_IsString(node) || *date < 0) {
        *date = 0;
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "expected a date YYYY-MM-DD or a month YYYY-MM, got %s",
                            cJSON_IsString(node) ? text : gc_json_type_name(node));
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
            rc = gc_scenario_oom(doc, err);
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
            rc = gc_scenario_oom(doc, err);
        return rc;
    }
    s->model = gc_calloc(1, sizeof *s->model);
    if (s->model == NULL)
        return gc_scenario_oom(doc, err);
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
    in->loc = gc_scenario_loc(doc, node);
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
        return gc_scenario_oom(doc, err);
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
            return gc_scenario_oom(doc, err);
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
        rc = gc_scenario_parse_inputs(doc, inputs, "inputs", s, err);
    if (rc == GPUCOST_OK)
        rc = parse_datapoints(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = parse_labels(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = gc_scenario_date_member(doc, root, "", &s->date, &s->date_loc, err);
    if (rc == GPUCOST_OK)
        rc = gc_scenario_parse_fleet(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = parse_model(doc, s, err);
    if (rc == GPUCOST_OK)
        rc = gc_scenario_parse_phases(doc, s, err);
    const cJSON *claims = cJSON_GetObjectItemCaseSensitive(root, "claims");
    if (rc == GPUCOST_OK && claims != NULL)
        rc = gc_scenario_parse_claims(doc, claims, s, err);
    const cJSON *ec = cJSON_GetObjectItemCaseSensitive(root, "expect_conflicts");
    if (rc == GPUCOST_OK && ec != NULL)
        rc = gc_scenario_parse_expect_conflicts(doc, ec, s, err);
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
        rc = gc_scenario_oom(doc, err);
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
