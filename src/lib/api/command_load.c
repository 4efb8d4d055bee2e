/*
 * command_load.c - what every point command loads (command_internal.h):
 * the scenario files and record rows of a request, each with its what-if
 * applied and derived (a fleet's parts and a run's phases too), the units
 * that could not be loaded kept aside, ids made unique, and compare's
 * sweep.  The commands themselves are in command.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/command_internal.h"
#include "base/alloc.h"
#include "base/text.h"
#include "gpucost/derive.h"
#include "gpucost/record.h"
#include "gpucost/scenario.h"
#include "gpucost/suggest.h"
#include "gpucost/whatif.h"
#include "read/json.h"
#include "read/scenario_json.h"

void gc_loaded_release(loaded *l)
{
    for (size_t i = 0; i < l->n; i++) {
        gpucost_scenario_free(l->scenarios[i]);
        gc_free(l->parts[i]);
    }
    gc_free(l->parts);
    gc_free(l->scenarios);
    gc_free(l->derivations);
    gc_free(l->whatifs);
    gc_free(l->results);
    gpucost_units_release(&l->units);
    for (size_t i = 0; i < l->nrecords; i++)
        gpucost_record_free(l->records[i]);
    gc_free(l->records);
    memset(l, 0, sizeof *l);
}

/* Scenario `i`, the last loaded, taken out again after an error. */
static void unload_one(loaded *l, size_t i)
{
    gpucost_scenario_free(l->scenarios[i]);
    gc_free(l->parts[i]);
    l->scenarios[i] = NULL;
    l->parts[i] = NULL;
    memset(&l->derivations[i], 0, sizeof l->derivations[i]);
    memset(&l->whatifs[i], 0, sizeof l->whatifs[i]);
    memset(&l->results[i], 0, sizeof l->results[i]);
    l->n = i;
}

/* A fleet's parts or a run's phases, each derived on its own for the
 * table by part or by phase. */
static gpucost_status derive_parts(loaded *l, size_t i, gpucost_error *err)
{
    const gpucost_scenario *s = l->scenarios[i];
    size_t n = s->kind == GPUCOST_KIND_FLEET ? s->nparts : s->nphases;
    if (n == 0)
        return GPUCOST_OK;
    l->parts[i] = gc_calloc(n, sizeof *l->parts[i]);
    if (l->parts[i] == NULL)
        return NOMEM(err);
    for (size_t k = 0; k < n; k++) {
        gpucost_status rc =
            s->kind == GPUCOST_KIND_FLEET
                ? gpucost_derive_part(s, l->catalog, k, &l->parts[i][k], err)
                : gpucost_derive_phase(s, l->catalog, k, NULL, &l->parts[i][k], err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    l->results[i].parts = l->parts[i];
    l->results[i].nparts = n;
    return GPUCOST_OK;
}

/* The assignments for one scenario: the request's, the scenario's own,
 * then `extra` (NULL or one more), as `*sets` (for naming an error) and
 * their overrides `*over`, `*n` of each.  New arrays (gc_free() both, also
 * on failure). */
gpucost_status gc_loaded_gather_sets(const gpucost_request *rq, const gpucost_scenario_input *in,
                                     const gpucost_set *extra, const gpucost_set ***sets,
                                     gpucost_override **over, size_t *n, gpucost_error *err)
{
    size_t cap = rq->nsets + in->nsets + 2;
    *n = 0;
    *sets = gc_calloc(cap, sizeof **sets);
    *over = gc_calloc(cap, sizeof **over);
    if (*sets == NULL || *over == NULL)
        return NOMEM(err);
    for (size_t k = 0; k < rq->nsets; k++)
        (*sets)[(*n)++] = &rq->sets[k];
    for (size_t k = 0; k < in->nsets; k++)
        (*sets)[(*n)++] = &in->sets[k];
    if (extra != NULL)
        (*sets)[(*n)++] = extra;
    for (size_t k = 0; k < *n; k++)
        (*over)[k] = (*sets)[k]->value;
    return GPUCOST_OK;
}

/* An error from the what-if names the request key of the assignment:
 * the scenario layer's "overrides[k]" becomes the set's key, "set.NAME"
 * when it has none. */
static void name_set(gpucost_error *err, const gpucost_set *const *sets, size_t nsets)
{
    size_t i;
    char rest;
    if (sscanf(err->path, "overrides[%zu%c", &i, &rest) != 2 || rest != ']' || i >= nsets)
        return;
    if (sets[i]->key != NULL)
        gc_text_printf(err->path, sizeof err->path, "%s", sets[i]->key);
    else
        gc_text_printf(err->path, sizeof err->path, "set.%s",
                       gpucost_override_name(&sets[i]->value));
}

/* An error in a scenario made from a record row names the row: its line
 * in the CSV, and "row N: PATH" (the path inside the scenario it made). */
static void name_row(const gpucost_scenario_input *in, gpucost_error *err)
{
    if (in->record_row == 0 || err == NULL || err->code == GPUCOST_ENOMEM)
        return;
    char path[sizeof err->path + 32];
    gc_text_printf(path, sizeof path, "row %zu%s%s", in->record_row, err->path[0] ? ": " : "",
                   err->path);
    memcpy(err->path, path, sizeof err->path - 1);
    err->path[sizeof err->path - 1] = '\0';
    gc_text_printf(err->file, sizeof err->file, "%s", in->file);
    err->line = in->record_line;
    err->column = 1;
}

/* A scenario made from a record row points at the row: every place it
 * remembers becomes the row's line in the CSV, so a later error (a what-if,
 * reconcile) names the row, not a line of text the user never saw. */
static void at_row(gpucost_scenario *s, int line)
{
    gpucost_loc row = {line, 1};
    for (size_t q = 0; q < GPUCOST_Q_COUNT; q++)
        s->inputs[q].loc = row;
    s->hardware_loc = s->precision_loc = s->model_loc = row;
    for (size_t i = 0; i < s->nclaims; i++)
        s->claims[i].loc = row;
    for (size_t i = 0; i < s->nexpect_conflicts; i++)
        s->expect_conflicts[i].loc = row;
    for (size_t i = 0; i < s->nparts; i++)
        s->parts[i].loc = s->parts[i].hardware_loc = row;
}

static gpucost_status parse_scenario(const gpucost_scenario_input *in, gpucost_scenario **out,
                                     gpucost_error *err)
{
    gpucost_status st = in->json != NULL ? gc_scenario_parse_node(in->file, in->json, out, err)
                        : in->text != NULL
                            ? gpucost_scenario_parse(in->file, in->text, in->len, out, err)
                            : gpucost_scenario_load(in->file, out, err);
    if (st == GPUCOST_OK && in->record_row > 0)
        at_row(*out, in->record_line);
    char *id;
    if (st == GPUCOST_OK && in->id != NULL) {
        if ((id = gpucost_strdup(in->id)) == NULL) {
            /* a failed load hands nothing back: the caller counts only
             * the scenarios that loaded */
            gpucost_scenario_free(*out);
            *out = NULL;
            return NOMEM(err);
        }
        gc_free((*out)->id);
        (*out)->id = id;
    }
    return st;
}

/* Loads scenario `i` of `l` from `in`, applies the what-if (the sets,
 * the holds and `extra`) and derives. */
static gpucost_status load_one(const gpucost_request *rq, loaded *l, size_t i,
                               const gpucost_scenario_input *in, const gpucost_set *extra,
                               gpucost_error *err)
{
    gpucost_status st = parse_scenario(in, &l->scenarios[i], err);
    if (st != GPUCOST_OK)
        return st;
    l->n = i + 1;
    gpucost_scenario *s = l->scenarios[i];
    size_t nsets = 0;
    const gpucost_set **sets = NULL;
    gpucost_override *over = NULL;
    st = gc_loaded_gather_sets(rq, in, extra, &sets, &over, &nsets, err);
    if (st == GPUCOST_OK)
        st = gpucost_whatif_apply(s, l->catalog, over, nsets, rq->hold, rq->nhold, &l->whatifs[i],
                                  err);
    if (st == GPUCOST_OK)
        st = gpucost_derive(s, l->catalog, NULL, &l->derivations[i], err);
    if (st != GPUCOST_OK && nsets > 0)
        name_set(err, sets, nsets);
    gc_free((void *)sets);
    gc_free(over);
    if (st != GPUCOST_OK)
        return st;
    l->results[i].scenario = s;
    l->results[i].derivation = &l->derivations[i];
    l->results[i].whatif = &l->whatifs[i];
    return derive_parts(l, i, err);
}

/* load_one, its errors naming a record's row. */
static gpucost_status load_unit(const gpucost_request *rq, loaded *l, size_t i,
                                const gpucost_scenario_input *in, gpucost_error *err)
{
    gpucost_status st = load_one(rq, l, i, in, NULL, err);
    if (st != GPUCOST_OK)
        name_row(in, err);
    return st;
}

static gpucost_status alloc_loaded(loaded *l, size_t n, gpucost_error *err)
{
    l->scenarios = gc_calloc(n ? n : 1, sizeof *l->scenarios);
    l->derivations = gc_calloc(n ? n : 1, sizeof *l->derivations);
    l->parts = gc_calloc(n ? n : 1, sizeof *l->parts);
    l->whatifs = gc_calloc(n ? n : 1, sizeof *l->whatifs);
    l->results = gc_calloc(n ? n : 1, sizeof *l->results);
    if (!l->scenarios || !l->derivations || !l->parts || !l->whatifs || !l->results)
        return NOMEM(err);
    return GPUCOST_OK;
}

/* A unit's error kept (keep going) or returned. */
static gpucost_status bad_unit(loaded *l, int keep_going, gpucost_error *e, gpucost_error *err)
{
    if (!keep_going || e->code == GPUCOST_ENOMEM) {
        if (err != NULL)
            *err = *e;
        return e->code;
    }
    return gpucost_units_add_error(&l->units, e, err);
}

/* The inputs with each record CSV among them replaced by its testable
 * rows (the record kept in `l`, which owns the rows' text).  A new array
 * of `*n` (gc_free()). */
static gpucost_status expand_records(const gpucost_request *rq, const gpucost_scenario_input *in,
                                     size_t n, loaded *l, int keep_going,
                                     gpucost_scenario_input **out, size_t *nout, gpucost_error *err)
{
    size_t cap = n + 1, k = 0;
    gpucost_scenario_input *x = gc_calloc(cap, sizeof *x);
    l->records = gc_calloc(n + 1, sizeof *l->records);
    if (x == NULL || l->records == NULL) {
        gc_free(x);
        return NOMEM(err);
    }
    gpucost_status st = GPUCOST_OK;
    for (size_t i = 0; st == GPUCOST_OK && i < n; i++) {
        if (in[i].text != NULL || !gpucost_record_sniff_file(in[i].file)) {
            x[k++] = in[i];
            continue;
        }
        gpucost_record *rec = NULL;
        gpucost_error e;
        if (gpucost_record_load(in[i].file, rq->catalog, &rec, &e) != GPUCOST_OK) {
            st = bad_unit(l, keep_going, &e, err);
            continue;
        }
        l->records[l->nrecords++] = rec;
        st = gpucost_units_take(&l->units, &rec->units, err);
        gpucost_scenario_input *grown = gc_realloc(x, (cap + rec->nrows) * sizeof *x);
        if (grown == NULL)
            st = NOMEM(err);
        else
            x = grown;
        cap += rec->nrows;
        for (size_t r = 0; st == GPUCOST_OK && r < rec->nrows; r++)
            x[k++] = (gpucost_scenario_input){.file = in[i].file,
                                              .text = rec->rows[r].json,
                                              .len = strlen(rec->rows[r].json),
                                              .sets = in[i].sets,
                                              .nsets = in[i].nsets,
                                              .record_row = rec->rows[r].row,
                                              .record_line = rec->rows[r].line};
    }
    if (st != GPUCOST_OK) {
        gc_free(x);
        return st;
    }
    *out = x;
    *nout = k;
    return GPUCOST_OK;
}

/* Scenarios in order of id, then of place: equal ids in file order. */
typedef struct id_place {
    const char *id;
    size_t at;
    int again; /* an earlier scenario has the id */
} id_place;

static int by_id_then_place(const void *a, const void *b)
{
    const id_place *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c != 0 ? c : (x->at > y->at) - (x->at < y->at);
}

/* Ids must be unique (--baseline, the report's anchors and the tables
 * name scenarios by id): sorted once, so n log n in their number.  A
 * repeated id is an error naming both files; kept going, the later
 * scenarios are left out. */
static gpucost_status unique_ids(loaded *l, int keep_going, gpucost_error *err)
{
    if (l->n < 2)
        return GPUCOST_OK;
    id_place *order = gc_malloc(l->n * sizeof *order);
    if (order == NULL)
        return NOMEM(err);
    for (size_t i = 0; i < l->n; i++)
        order[i] = (id_place){l->scenarios[i]->id, i, 0};
    qsort(order, l->n, sizeof *order, by_id_then_place);
    gpucost_status st = GPUCOST_OK;
    size_t dropped = 0;
    for (size_t i = 1, first = 0; st == GPUCOST_OK && i < l->n; i++) {
        if (strcmp(order[i].id, order[first].id) != 0) {
            first = i;
            continue;
        }
        const gpucost_scenario *again = l->scenarios[order[i].at];
        gpucost_error e;
        GPUCOST_ERROR(&e, GPUCOST_EINVAL, again->file, 0, 0, "id",
                      "'%s' is also the id of %s; scenario ids must be unique", again->id,
                      l->scenarios[order[first].at]->file);
        st = bad_unit(l, keep_going, &e, err);
        order[i].again = 1;
        dropped++;
    }
    /* freed only now: the sorted ids point into the scenarios */
    for (size_t i = 0; st == GPUCOST_OK && i < l->n; i++)
        if (order[i].again) {
            size_t k = order[i].at;
            gpucost_scenario_free(l->scenarios[k]);
            gc_free(l->parts[k]);
            l->scenarios[k] = NULL;
        }
    gc_free(order);
    if (dropped == 0 || st != GPUCOST_OK)
        return st;
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->scenarios[i] == NULL)
            continue;
        l->scenarios[k] = l->scenarios[i];
        l->parts[k] = l->parts[i];
        gpucost_derive_copy(&l->derivations[k], &l->derivations[i]);
        l->whatifs[k] = l->whatifs[i];
        l->results[k] = l->results[i];
        l->results[k].derivation = &l->derivations[k];
        l->results[k].whatif = &l->whatifs[k];
        k++;
    }
    l->n = k;
    return GPUCOST_OK;
}

/* Loads `n` scenarios `in` (a record CSV among them stands for its rows),
 * applies the request's what-if and derives.  With `keep_going`, a unit
 * that fails is kept in l->units and the others go on.  On failure `l`
 * is released. */
gpucost_status gc_loaded_list(const gpucost_request *rq, const gpucost_scenario_input *in, size_t n,
                              int keep_going, loaded *l, gpucost_error *err)
{
    memset(l, 0, sizeof *l);
    l->catalog = rq->catalog;
    gpucost_units_init(&l->units);
    gpucost_scenario_input *units = NULL;
    size_t nunits = 0;
    gpucost_status st = expand_records(rq, in, n, l, keep_going, &units, &nunits, err);
    if (st == GPUCOST_OK)
        st = alloc_loaded(l, nunits, err);
    for (size_t i = 0; st == GPUCOST_OK && i < nunits; i++) {
        size_t at = l->n;
        gpucost_error e;
        if (load_unit(rq, l, at, &units[i], &e) == GPUCOST_OK)
            continue;
        if (l->n > at)
            unload_one(l, at);
        st = bad_unit(l, keep_going, &e, err);
    }
    gc_free(units);
    if (st == GPUCOST_OK)
        st = unique_ids(l, keep_going, err);
    /* nothing loaded and nothing else to say: the first error is the answer */
    if (st == GPUCOST_OK && l->n == 0 && l->units.nerrors > 0 && l->units.nuntestable == 0) {
        if (err != NULL)
            *err = l->units.errors[0];
        st = l->units.errors[0].code;
    }
    if (st != GPUCOST_OK)
        gc_loaded_release(l);
    return st;
}

/* The units left out, told to the front end: the verdict 2. */
void gc_loaded_tell_units(const gpucost_request *rq, const loaded *l, int *verdict)
{
    for (size_t i = 0; i < l->units.nerrors; i++)
        if (rq->bad_unit != NULL)
            rq->bad_unit(&l->units.errors[i], rq->bad_unit_ctx);
    if (l->units.nerrors > 0)
        *verdict = 2;
}

gpucost_status gc_loaded_all(const gpucost_request *rq, loaded *l, gpucost_error *err)
{
    memset(l, 0, sizeof *l);
    if (rq->nscenarios == 0)
        return USAGE(err, "'%s' needs at least one scenario FILE%s", rq->command,
                     gpucost_command_takes_dirs(rq->command) ? " or DIR" : "");
    /* one bad file or row never hides the others, where there are others */
    int keep_going = strcmp(rq->command, "range") != 0 && strcmp(rq->command, "solve") != 0;
    return gc_loaded_list(rq, rq->scenarios, rq->nscenarios, keep_going, l, err);
}

/* compare --sweep NAME=V1,V2,...: the one FILE once per value, each row
 * named "NAME=V". */
gpucost_status gc_loaded_sweep(const gpucost_request *rq, loaded *l, gpucost_error *err)
{
    memset(l, 0, sizeof *l);
    l->catalog = rq->catalog;
    if (rq->nscenarios != 1)
        return USAGE(err, "`sweep` takes exactly one scenario FILE");
    const char *eq = strchr(rq->sweep, '=');
    if (eq == NULL || eq == rq->sweep || eq[1] == '\0')
        return USAGE_AT(err, "sweep", "expected NAME=V1,V2,..., got '%s'", rq->sweep);
    size_t n = 1;
    for (const char *p = eq + 1; *p; p++)
        n += *p == ',';
    /* counted before anything is loaded: each row holds a scenario and its
     * derivation until the table is written */
    if (n > GPUCOST_SWEEP_MAX)
        return GPUCOST_ERROR(err, GPUCOST_ELIMIT, NULL, 0, 0, "sweep",
                             "%zu values; a sweep takes at most %d, one table row each", n,
                             GPUCOST_SWEEP_MAX);
    gpucost_status st = alloc_loaded(l, n, err);
    const char *v = eq + 1;
    for (size_t i = 0; st == GPUCOST_OK && i < n; i++) {
        size_t len = strcspn(v, ",");
        char assignment[256], *label;
        if (len == 0 || (size_t)(eq - rq->sweep) + len + 2 > sizeof assignment) {
            st = USAGE_AT(err, "sweep", "expected NAME=V1,V2,..., got '%s'", rq->sweep);
            break;
        }
        gc_text_printf(assignment, sizeof assignment, "%.*s=%.*s", (int)(eq - rq->sweep), rq->sweep,
                       (int)len, v);
        /* the value's errors, parsing it or applying it, name "sweep" */
        gpucost_set one = {.key = "sweep"};
        st = gpucost_whatif_parse_set(assignment, &one.value, err);
        if (st != GPUCOST_OK && err != NULL)
            gc_text_printf(err->path, sizeof err->path, "sweep");
        if (st == GPUCOST_OK)
            st = load_one(rq, l, i, &rq->scenarios[0], &one, err);
        if (st == GPUCOST_OK && (label = gpucost_strdup(assignment)) == NULL)
            st = NOMEM(err);
        if (st == GPUCOST_OK) {
            gc_free(l->scenarios[i]->id);
            l->scenarios[i]->id = label;
        }
        v += len + (v[len] == ',');
    }
    if (st != GPUCOST_OK)
        gc_loaded_release(l);
    return st;
}
