/*
 * command.c - each command as load -> compute -> format, for every front
 * end (command.h): the program, gpucost_call, Python and the web page.
 *
 * Design: `loaded` holds what a point command loads (scenarios, what-ifs,
 * derivations, a fleet's parts or a run's phases); gc_loaded_all
 * (command_load.c) fills it from the request and every command reads it.  The catalog is the
 * request's, borrowed.  Usage errors are GPUCOST_EUSAGE with no file, so the program prints them
 * with its "Try 'gpucost --help'" and gpucost_call returns them like any other error.
 */
#include "gpucost/command.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/claims.h"
#include "gpucost/derive.h"
#include "gpucost/number.h"
#include "gpucost/range.h"
#include "gpucost/record.h"
#include "gpucost/reconcile.h"
#include "gpucost/report.h"
#include "gpucost/rules.h"
#include "gpucost/scenario.h"
#include "gpucost/solve.h"
#include "gpucost/suggest.h"
#include "gpucost/whatif.h"
#include "api/command_internal.h"
#include "base/alloc.h"
#include "read/json.h"
#include "read/scenario_json.h"
#include "base/text.h"
#include "render/view.h"

void gpucost_request_init(gpucost_request *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->format = GPUCOST_FMT_TABLE;
}

int gpucost_command_takes_dirs(const char *command)
{
    return strcmp(command, "compare") == 0 || strcmp(command, "check") == 0 ||
           strcmp(command, "report") == 0;
}

/* Whether the command offers the format, from the one format table
 * (render/format.c); the error names the formats it offers. */
static gpucost_status format_in(const gpucost_request *rq, gpucost_error *err)
{
    gpucost_format f = rq->format;
    if (f == GPUCOST_FMT_SCENARIO && strcmp(rq->command, "run") != 0)
        return USAGE(err, "`format` scenario is 'run's (the scenario file as edited)");
    if (gc_format_offered(rq->command, f))
        return GPUCOST_OK;
    char list[160];
    gc_format_list(rq->command, list, sizeof list);
    return USAGE(err, "`format` %s is not available for '%s' (use %s)", gpucost_format_name(f),
                 rq->command, list);
}

/* The start of every point command: the format checked, the scenarios
 * loaded and derived. */
static gpucost_status format_and_load(const gpucost_request *rq, loaded *l, gpucost_error *err)
{
    gpucost_status st = format_in(rq, err);
    return st != GPUCOST_OK ? st : gc_loaded_all(rq, l, err);
}

/* Claims, conflict and placeholder cases of every loaded scenario, in
 * file order (each scenario's claims, then its conflicts, then its
 * placeholders): a new array of `*n` (gc_free()). */
static gpucost_status check_all(const loaded *l, gpucost_claim_result **out, size_t *n,
                                gpucost_error *err)
{
    size_t total = 0;
    for (size_t i = 0; i < l->n; i++)
        total += l->scenarios[i]->nclaims +
                 gpucost_claims_conflict_count(l->scenarios[i], &l->derivations[i]) +
                 gpucost_claims_placeholder_count(l->scenarios[i]);
    gpucost_claim_result *results = gc_calloc(total ? total : 1, sizeof *results);
    if (results == NULL)
        return NOMEM(err);
    size_t at = 0;
    for (size_t i = 0; i < l->n; i++) {
        gpucost_status st = gpucost_claims_check(l->scenarios[i], l->catalog, results + at, err);
        if (st != GPUCOST_OK) {
            gc_free(results);
            return st;
        }
        at += l->scenarios[i]->nclaims;
        at += gpucost_claims_conflicts(l->scenarios[i], &l->derivations[i], results + at);
        at += gpucost_claims_placeholders(l->scenarios[i], results + at);
    }
    *out = results;
    *n = at;
    return GPUCOST_OK;
}

/* run --format scenario: the one scenario file, as written, with the
 * what-if that load_one applied written into it. */
static gpucost_status run_scenario(const gpucost_request *rq, const loaded *l, gpucost_buf *out,
                                   gpucost_error *err)
{
    const gpucost_scenario_input *in = &rq->scenarios[0];
    if (rq->nscenarios != 1 || l->n != 1 || (in->text == NULL && in->file == NULL))
        return USAGE(err, "`format` scenario writes one scenario FILE");
    char *text = NULL;
    size_t len = in->len, nsets = 0;
    gpucost_status st = GPUCOST_OK;
    if (in->text == NULL && (st = gc_json_read_file(in->file, &text, &len, err)) != GPUCOST_OK)
        return st;
    const gpucost_set **sets = NULL;
    gpucost_override *over = NULL;
    st = gc_loaded_gather_sets(rq, in, NULL, &sets, &over, &nsets, err);
    if (st == GPUCOST_OK)
        st = gpucost_output_scenario(in->text != NULL ? in->text : text, len, in->id,
                                     l->scenarios[0], &l->whatifs[0], over, nsets, out, err);
    gc_free(sets);
    gc_free(over);
    gc_free(text);
    return st;
}

static gpucost_status cmd_run(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                              gpucost_error *err)
{
    if (rq->format == GPUCOST_FMT_SCENARIO && rq->nscenarios == 1 &&
        rq->scenarios[0].text == NULL && gpucost_record_sniff_file(rq->scenarios[0].file))
        return USAGE(err, "`format` scenario writes one scenario FILE, not a record's rows");
    loaded l;
    gpucost_status st = format_and_load(rq, &l, err);
    if (st != GPUCOST_OK)
        return st;
    if (rq->format == GPUCOST_FMT_SCENARIO) {
        st = run_scenario(rq, &l, out, err);
        gc_loaded_release(&l);
        return st;
    }
    /* the tables list each scenario's claims as check tests them */
    gpucost_claim_result *claims = NULL;
    size_t total = 0;
    if (rq->format == GPUCOST_FMT_TABLE || rq->format == GPUCOST_FMT_MD ||
        rq->format == GPUCOST_FMT_HTML) {
        st = check_all(&l, &claims, &total, err);
        /* each scenario's cases are contiguous, its claims first */
        for (size_t i = 0, at = 0; st == GPUCOST_OK && i < l.n; i++) {
            l.results[i].claims = claims + at;
            l.results[i].nclaims = l.scenarios[i]->nclaims;
            while (at < total && claims[at].scenario == l.scenarios[i])
                at++;
        }
    }
    gpucost_selection sel = {rq->quantities, rq->nquantities};
    if (st == GPUCOST_OK)
        st = gpucost_output_run(l.results, l.n, sel, rq->format, out, err);
    if (st == GPUCOST_OK)
        gc_loaded_tell_units(rq, &l, verdict);
    gc_free(claims);
    gc_loaded_release(&l);
    return st;
}

/* The index of the baseline id among the loaded scenarios, -1 without
 * one; GPUCOST_ENOTFOUND listing the ids when none has it. */
static gpucost_status find_baseline(const gpucost_request *rq, const loaded *l, int *index,
                                    gpucost_error *err)
{
    *index = -1;
    if (rq->baseline == NULL)
        return GPUCOST_OK;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->scenarios[i]->id, rq->baseline) == 0) {
            *index = (int)i;
            return GPUCOST_OK;
        }
    gpucost_buf ids;
    gpucost_buf_init(&ids);
    for (size_t i = 0; i < l->n; i++)
        gpucost_buf_printf(&ids, "%s %s", i ? "," : "", l->scenarios[i]->id);
    gpucost_status st = GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, "baseline",
                                      "no scenario with the id '%s' among the files (ids:%s)",
                                      rq->baseline, gpucost_buf_str(&ids));
    gpucost_buf_release(&ids);
    return st;
}

static gpucost_status cmd_compare(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                  gpucost_error *err)
{
    gpucost_status st = format_in(rq, err);
    if (st != GPUCOST_OK)
        return st;
    if (rq->sweep != NULL && rq->baseline != NULL)
        return USAGE(err, "`sweep` compares to its first value; `baseline` does not apply");
    loaded l;
    if ((st = rq->sweep != NULL ? gc_loaded_sweep(rq, &l, err) : gc_loaded_all(rq, &l, err)) !=
        GPUCOST_OK)
        return st;
    int baseline = 0;
    if (rq->sweep == NULL)
        st = find_baseline(rq, &l, &baseline, err);
    gpucost_selection sel = {rq->quantities, rq->nquantities};
    if (st == GPUCOST_OK)
        st = gpucost_output_compare(l.results, l.n, baseline, sel, &l.units, rq->format, out, err);
    if (st == GPUCOST_OK)
        gc_loaded_tell_units(rq, &l, verdict);
    gc_loaded_release(&l);
    return st;
}

static gpucost_status cmd_check(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                gpucost_error *err)
{
    loaded l;
    gpucost_status st = format_and_load(rq, &l, err);
    if (st != GPUCOST_OK)
        return st;
    size_t total = 0;
    gpucost_claim_result *results = NULL;
    st = check_all(&l, &results, &total, err);
    if (st == GPUCOST_OK)
        st = gpucost_output_check(results, total, &l.units, rq->format, out, err);
    if (st == GPUCOST_OK) {
        gpucost_claim_summary sum = {0, 0, 0, 0};
        gpucost_claims_tally(results, total, &sum);
        *verdict = sum.fail > 0;
        gc_loaded_tell_units(rq, &l, verdict);
    }
    gc_free(results);
    gc_loaded_release(&l);
    return st;
}

/* The request's --to (China when not given) as a destination of `rules`. */
static gpucost_status destination(const gpucost_request *rq, const gpucost_rules *rules,
                                  gpucost_destination *to, gpucost_error *err)
{
    if (rq->to == NULL) {
        gpucost_destination_china(to);
        return GPUCOST_OK;
    }
    if (gpucost_rules_destination(rules, rq->to, to, err) == GPUCOST_OK)
        return GPUCOST_OK;
    if (err != NULL)
        err->code = GPUCOST_EUSAGE;
    return GPUCOST_EUSAGE;
}

static gpucost_status hardware_usage(const gpucost_request *rq, int date, gpucost_error *err)
{
    if (rq->catalog == NULL)
        return USAGE(err, "no hardware catalog found; name one with `catalog`");
    if (rq->on != NULL && date < 0)
        return USAGE_AT(err, "on", "expected a date YYYY-MM-DD, got '%s'", rq->on);
    if ((rq->on != NULL) + (rq->history != 0) + (rq->rules != 0) > 1)
        return USAGE(err, "`on`, `history` and `rules` are different views: give one");
    if (rq->history && rq->id == NULL)
        return USAGE(err, "`history` tells one chip's story: give its `id`");
    if (rq->rules && rq->id != NULL)
        return USAGE(err, "`rules` lists the rules; it takes no `id`");
    if (rq->to != NULL && rq->on == NULL && !rq->history)
        return USAGE(err, "`to` names the destination of `on` or `history`");
    const gpucost_hardware_select *sel = &rq->hardware;
    if ((rq->on != NULL || rq->history || rq->rules) &&
        (sel->columns != NULL || sel->sort != NULL || sel->vendor != NULL || sel->year != NULL))
        return USAGE(err, "`columns`, `sort`, `vendor` and `year` shape the catalog table, not "
                          "`on`, `history` or `rules`");
    return GPUCOST_OK;
}

static gpucost_status cmd_hardware(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                   gpucost_error *err)
{
    (void)verdict;
    gpucost_status st = format_in(rq, err);
    int date = rq->on != NULL ? gpucost_date_parse(rq->on) : 0;
    if (st == GPUCOST_OK)
        st = hardware_usage(rq, date, err);
    if (st != GPUCOST_OK)
        return st;
    const gpucost_catalog *c = rq->catalog;
    gpucost_destination to;
    if ((rq->on != NULL || rq->history) &&
        (st = destination(rq, gpucost_catalog_rules(c), &to, err)) != GPUCOST_OK)
        return st;
    if (rq->on != NULL)
        return gpucost_output_export_on(c, rq->id, date, &to, rq->format, out, err);
    if (rq->history)
        return gpucost_output_export_history(c, rq->id, &to, rq->format, out, err);
    if (rq->rules)
        return gpucost_output_rules(c, rq->format, out, err);
    return gpucost_output_hardware(c, rq->id, &rq->hardware, rq->format, out, err);
}

/* ---- range and solve -------------------------------------------------- */

/* A quantity named by the request key `key`. */
static gpucost_status lookup_quantity(const char *key, const char *name, gpucost_quantity *q,
                                      gpucost_error *err)
{
    if (gpucost_quantity_lookup(name, q) == 0)
        return GPUCOST_OK;
    const char *hint = gpucost_quantity_suggest(name);
    if (hint != NULL)
        return USAGE_AT(err, key, "unknown quantity '%s' (did you mean '%s'?)", name, hint);
    return USAGE_AT(err, key, "unknown quantity '%s'", name);
}

/* Range options from the request, shared by range and report. */
static gpucost_status range_options(const gpucost_request *rq, gpucost_range_options *ropt,
                                    gpucost_error *err)
{
    gpucost_range_options_init(ropt);
    if (rq->samples_given)
        ropt->samples = rq->samples;
    if (rq->seed_given)
        ropt->seed = rq->seed;
    ropt->threads = rq->threads > 0 ? rq->threads : 1;
    if (rq->nquantiles > 0) {
        size_t n = rq->nquantiles;
        if (n > sizeof ropt->quantiles / sizeof ropt->quantiles[0])
            return USAGE_AT(err, "quantiles", "at most %zu values",
                            sizeof ropt->quantiles / sizeof ropt->quantiles[0]);
        memcpy(ropt->quantiles, rq->quantiles, n * sizeof *rq->quantiles);
        ropt->nquantiles = n;
    }
    if (rq->headline != NULL) {
        gpucost_quantity q;
        gpucost_status st = lookup_quantity("output", rq->headline, &q, err);
        if (st != GPUCOST_OK)
            return st;
        ropt->output = (int)q;
    }
    ropt->sobol = rq->sobol;
    if (rq->sobol_samples > 0)
        ropt->sobol_samples = rq->sobol_samples;
    ropt->progress = rq->progress;
    ropt->progress_ctx = rq->progress_ctx;
    return GPUCOST_OK;
}

/* --chart: which chart `range --format svg` draws. */
static gpucost_status chart_usage(const gpucost_request *rq, gpucost_error *err)
{
    if (rq->chart == NULL)
        return GPUCOST_OK;
    if (strcmp(rq->chart, "histogram") != 0 && strcmp(rq->chart, "tornado") != 0)
        return USAGE_AT(err, "chart", "expected histogram or tornado, got '%s'", rq->chart);
    if (rq->format != GPUCOST_FMT_SVG)
        return USAGE(err, "`chart` picks the chart of `format` svg");
    return GPUCOST_OK;
}

static gpucost_status one_file(const gpucost_request *rq, gpucost_error *err)
{
    if (rq->nscenarios != 1)
        return USAGE(err, "'%s' takes exactly one scenario FILE", rq->command);
    return GPUCOST_OK;
}

/* range --baseline FILE: the baseline scenario derived as it stands. */
static gpucost_status load_range_baseline(const gpucost_request *rq, loaded *base,
                                          gpucost_error *err)
{
    memset(base, 0, sizeof *base);
    if (rq->baseline == NULL)
        return GPUCOST_OK;
    gpucost_request brq = *rq;
    gpucost_scenario_input in = {.file = rq->baseline};
    brq.nsets = 0;
    brq.nhold = 0;
    return gc_loaded_list(&brq, &in, 1, 0, base, err);
}

static gpucost_status cmd_range(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                gpucost_error *err)
{
    (void)verdict;
    gpucost_range_options ropt;
    gpucost_status st = format_in(rq, err);
    if (st == GPUCOST_OK)
        st = one_file(rq, err);
    if (st == GPUCOST_OK)
        st = chart_usage(rq, err);
    if (st == GPUCOST_OK)
        st = range_options(rq, &ropt, err);
    if (st != GPUCOST_OK)
        return st;
    int keep[GPUCOST_Q_COUNT] = {0};
    for (size_t i = 0; i < rq->nquantities; i++)
        keep[rq->quantities[i]] = 1;
    if (rq->nquantities > 0)
        ropt.keep = keep;
    loaded l, base;
    if ((st = gc_loaded_all(rq, &l, err)) != GPUCOST_OK)
        return st;
    if ((st = load_range_baseline(rq, &base, err)) != GPUCOST_OK) {
        gc_loaded_release(&l);
        return st;
    }
    gpucost_range_chart chart = GPUCOST_CHART_HISTOGRAM;
    if (rq->chart != NULL && strcmp(rq->chart, "tornado") == 0)
        chart = GPUCOST_CHART_TORNADO;
    gpucost_range_result *r = gc_malloc(sizeof *r);
    st = r == NULL ? NOMEM(err)
         : gpucost_range_uncertain(&l.derivations[0]) == 0
             ? GPUCOST_ERROR(err, GPUCOST_EINVAL, l.scenarios[0]->file, 0, 0, NULL,
                             "nothing is uncertain: give an input as a range "
                             "({\"low\": a, \"high\": b}) or `set` NAME=LOW..HIGH")
             : gpucost_range_run(&l.derivations[0], &ropt, r, err);
    gpucost_selection sel = {rq->quantities, rq->nquantities};
    if (st == GPUCOST_OK && rq->format == GPUCOST_FMT_SVG)
        st = gpucost_output_range_chart(l.scenarios[0], r, chart, out, err);
    else if (st == GPUCOST_OK)
        st = gpucost_output_range(l.scenarios[0], r, sel, rq->baseline ? &base.results[0] : NULL,
                                  rq->format, out, err);
    gc_free(r);
    gc_loaded_release(&l);
    gc_loaded_release(&base);
    return st;
}

/* solve's --for and --target into an input, a target and its value. */
static gpucost_status solve_usage(const gpucost_request *rq, gpucost_quantity *input,
                                  gpucost_quantity *target, double *value, gpucost_error *err)
{
    if (rq->for_input == NULL || rq->target == NULL)
        return USAGE(err, "'solve' needs `for` INPUT and `target` QUANTITY=VALUE");
    gpucost_status st = lookup_quantity("for", rq->for_input, input, err);
    if (st != GPUCOST_OK)
        return st;
    const char *eq = strchr(rq->target, '=');
    if (eq == NULL || eq == rq->target)
        return USAGE_AT(err, "target", "expected QUANTITY=VALUE, got '%s'", rq->target);
    char name[64];
    gc_text_printf(name, sizeof name, "%.*s", (int)(eq - rq->target), rq->target);
    if ((st = lookup_quantity("target", name, target, err)) != GPUCOST_OK)
        return st;
    if (gpucost_number_parse(eq + 1, value) != 0)
        return USAGE_AT(err, "target", "expected a number after '=', got '%s'", eq + 1);
    return GPUCOST_OK;
}

static gpucost_status cmd_solve(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                gpucost_error *err)
{
    (void)verdict;
    gpucost_quantity input, target;
    double value;
    gpucost_status st = format_in(rq, err);
    if (st == GPUCOST_OK)
        st = one_file(rq, err);
    if (st == GPUCOST_OK)
        st = solve_usage(rq, &input, &target, &value, err);
    loaded l;
    if (st != GPUCOST_OK || (st = gc_loaded_all(rq, &l, err)) != GPUCOST_OK)
        return st;
    gpucost_solve_result r;
    st = gpucost_solve(l.scenarios[0], l.catalog, input, target, value, NULL, &r, err);
    if (st == GPUCOST_OK)
        st = gpucost_output_solve(l.scenarios[0], &r, rq->format, out, err);
    gc_loaded_release(&l);
    return st;
}

/* ---- reconcile and report ----------------------------------------------- */

static gpucost_status cmd_reconcile(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                    gpucost_error *err)
{
    loaded l;
    gpucost_status st = format_and_load(rq, &l, err);
    if (st != GPUCOST_OK)
        return st;
    gpucost_reconcile_result *r = NULL;
    st = gpucost_reconcile((const gpucost_scenario *const *)l.scenarios, l.n, l.catalog, NULL, &r,
                           err);
    if (st == GPUCOST_OK)
        st = gpucost_output_reconcile(r, rq->format, out, err);
    if (st == GPUCOST_OK) {
        *verdict = !r->consistent;
        gc_loaded_tell_units(rq, &l, verdict);
    }
    gpucost_reconcile_free(r);
    gc_loaded_release(&l);
    return st;
}

/* report --reconcile: each FILE[,FILE...] one case, reconciled as its
 * files stand (the report's --set does not apply to them). */
typedef struct report_cases {
    gpucost_report_case *items;
    gpucost_reconcile_result **results;
    size_t n;
} report_cases;

static void report_cases_release(report_cases *c)
{
    for (size_t i = 0; i < c->n; i++)
        gpucost_reconcile_free(c->results[i]);
    gc_free(c->items);
    gc_free(c->results);
    memset(c, 0, sizeof *c);
}

/* One case: its comma-separated files loaded and reconciled. */
static gpucost_status reconcile_case(const gpucost_request *rq, const char *list,
                                     gpucost_reconcile_result **out, gpucost_error *err)
{
    char *copy = gpucost_strdup(list), *save = NULL;
    gpucost_scenario_input files[64];
    size_t nf = 0;
    if (copy == NULL)
        return NOMEM(err);
    for (char *t = strtok_r(copy, ",", &save); t && nf < 64; t = strtok_r(NULL, ",", &save))
        files[nf++] = (gpucost_scenario_input){.file = t};
    gpucost_request crq = *rq;
    crq.nsets = 0;
    crq.nhold = 0;
    loaded l;
    gpucost_status st = nf == 0 ? USAGE_AT(err, "reconcile", "expected FILE[,FILE...]")
                                : gc_loaded_list(&crq, files, nf, 0, &l, err);
    if (st == GPUCOST_OK) {
        st = gpucost_reconcile((const gpucost_scenario *const *)l.scenarios, l.n, l.catalog, NULL,
                               out, err);
        gc_loaded_release(&l);
    }
    gc_free(copy);
    return st;
}

static gpucost_status reconcile_cases(const gpucost_request *rq, report_cases *c,
                                      gpucost_error *err)
{
    memset(c, 0, sizeof *c);
    c->items = gc_calloc(rq->ncases + 1, sizeof *c->items);
    c->results = gc_calloc(rq->ncases + 1, sizeof *c->results);
    if (!c->items || !c->results)
        return NOMEM(err);
    gpucost_status st = GPUCOST_OK;
    for (size_t k = 0; st == GPUCOST_OK && k < rq->ncases; k++) {
        st = reconcile_case(rq, rq->cases[k], &c->results[k], err);
        c->n = k + 1;
        c->items[k].name = rq->cases[k];
        c->items[k].result = c->results[k];
    }
    return st;
}

/* The report's items: each scenario with its claims (check_all lays each
 * scenario's cases out contiguously) and, when uncertain, its range. */
static gpucost_status report_items(const loaded *l, const gpucost_claim_result *claims,
                                   size_t total, const gpucost_range_options *ropt,
                                   gpucost_range_result *ranges, gpucost_report_item *items,
                                   gpucost_error *err)
{
    gpucost_status st = GPUCOST_OK;
    for (size_t i = 0, at = 0; st == GPUCOST_OK && i < l->n; i++) {
        items[i].scenario = l->scenarios[i];
        items[i].derivation = &l->derivations[i];
        items[i].parts = l->results[i].parts;
        items[i].nparts = l->results[i].nparts;
        items[i].claims = claims + at;
        size_t k = at;
        while (k < total && claims[k].scenario == l->scenarios[i])
            k++;
        items[i].nclaims = k - at;
        at = k;
        if (gpucost_range_uncertain(&l->derivations[i]) > 0) {
            st = gpucost_range_run(&l->derivations[i], ropt, &ranges[i], err);
            items[i].range = &ranges[i];
        }
    }
    return st;
}

/* Whether every scenario is a row of Epoch AI's record (record.c's
 * "source" label): such a report is the record's audit page. */
static int all_from_record(const loaded *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const gpucost_scenario *s = l->scenarios[i];
        int from = 0;
        for (size_t k = 0; k < s->nlabels && !from; k++)
            from = strcmp(s->label_keys[k], "source") == 0 &&
                   strcmp(s->label_values[k], "Epoch AI, All ML Systems") == 0;
        if (!from)
            return 0;
    }
    return l->n > 0;
}

static gpucost_status cmd_report(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                 gpucost_error *err)
{
    if (rq->format_given && rq->format != GPUCOST_FMT_TABLE)
        return USAGE(err, "'report' writes HTML; `format` does not apply");
    gpucost_range_options ropt;
    gpucost_status st = range_options(rq, &ropt, err);
    if (st != GPUCOST_OK)
        return st;
    ropt.progress = NULL; /* many short runs: no bar */
    loaded l;
    if ((st = gc_loaded_all(rq, &l, err)) != GPUCOST_OK)
        return st;
    int baseline = -1;
    size_t total = 0;
    report_cases cases;
    memset(&cases, 0, sizeof cases);
    gpucost_claim_result *claims = NULL;
    gpucost_range_result *ranges = gc_calloc(l.n ? l.n : 1, sizeof *ranges);
    gpucost_report_item *items = gc_calloc(l.n ? l.n : 1, sizeof *items);
    st = find_baseline(rq, &l, &baseline, err);
    if (st == GPUCOST_OK)
        st = reconcile_cases(rq, &cases, err);
    if (st == GPUCOST_OK)
        st = check_all(&l, &claims, &total, err);
    if (st == GPUCOST_OK && (ranges == NULL || items == NULL))
        st = NOMEM(err);
    /* without --samples, one Monte Carlo budget for the page (range.h) */
    if (st == GPUCOST_OK && !rq->samples_given)
        ropt.samples = gpucost_range_share(l.derivations, l.n, GPUCOST_RANGE_BUDGET);
    if (st == GPUCOST_OK)
        st = report_items(&l, claims, total, &ropt, ranges, items, err);
    if (st == GPUCOST_OK && cases.n == 0 && all_from_record(&l)) {
        size_t nread = 0;
        for (size_t k = 0; k < l.nrecords; k++)
            nread += l.records[k]->nrows_read;
        st = gpucost_report_record_html(items, l.n, &l.units, nread, rq->version, out, err);
    } else if (st == GPUCOST_OK) {
        gpucost_destination to;
        st = destination(rq, gpucost_catalog_rules(l.catalog), &to, err);
        if (st == GPUCOST_OK)
            st = gpucost_report_html(items, l.n, cases.items, cases.n, baseline,
                                     gpucost_catalog_rules(l.catalog), &to, rq->version, out, err);
    }
    if (st == GPUCOST_OK)
        gc_loaded_tell_units(rq, &l, verdict);
    gc_free(claims);
    gc_free(ranges);
    gc_free(items);
    report_cases_release(&cases);
    gc_loaded_release(&l);
    return st;
}

static gpucost_status cmd_quantities(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                     gpucost_error *err)
{
    (void)verdict;
    gpucost_status st = format_in(rq, err);
    if (st == GPUCOST_OK && rq->nscenarios > 0)
        st = USAGE(err, "'quantities' takes no arguments");
    if (st == GPUCOST_OK)
        st = gpucost_output_quantities(rq->format, out, err);
    return st;
}

/* Options that belong to one command only. */
static gpucost_status options_apply(const gpucost_request *rq, gpucost_error *err)
{
    if (rq->sweep != NULL && strcmp(rq->command, "compare") != 0)
        return USAGE(err, "`sweep` applies to 'compare' only");
    if (rq->chart != NULL && strcmp(rq->command, "range") != 0)
        return USAGE(err, "`chart` applies to 'range' only");
    if (rq->ncases > 0 && strcmp(rq->command, "report") != 0)
        return USAGE(err,
                     "`reconcile` applies to 'report' only (the command is 'reconcile FILE...')");
    if (rq->to != NULL && strcmp(rq->command, "hardware") != 0 &&
        strcmp(rq->command, "report") != 0)
        return USAGE(err, "`to` applies to 'hardware' with `on` or `history`, and to 'report' (an "
                          "export claim names its own destination: \"export\": {..., \"to\": "
                          "\"CN\"})");
    if ((rq->on != NULL || rq->history || rq->rules) && strcmp(rq->command, "hardware") != 0)
        return USAGE(err, "`%s` applies to 'hardware' only",
                     rq->on != NULL ? "on"
                     : rq->history  ? "history"
                                    : "rules");
    return GPUCOST_OK;
}

typedef gpucost_status (*command_fn)(const gpucost_request *, gpucost_buf *, int *,
                                     gpucost_error *);

static const struct {
    const char *name;
    command_fn fn;
} commands[] = {
    {"run", cmd_run},           {"compare", cmd_compare},     {"check", cmd_check},
    {"hardware", cmd_hardware}, {"range", cmd_range},         {"solve", cmd_solve},
    {"report", cmd_report},     {"reconcile", cmd_reconcile}, {"quantities", cmd_quantities},
};

static command_fn command_named(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].fn;
    return NULL;
}

int gpucost_command_exists(const char *name)
{
    return command_named(name) != NULL;
}

static gpucost_status execute(const gpucost_request *rq, gpucost_buf *out, int *v,
                              gpucost_error *err)
{
    if (rq->command == NULL)
        return USAGE(err, "missing COMMAND");
    command_fn fn = command_named(rq->command);
    if (fn == NULL)
        return USAGE(err, "unknown command '%s'", rq->command);
    gpucost_status st = options_apply(rq, err);
    return st != GPUCOST_OK ? st : fn(rq, out, v, err);
}

gpucost_status gpucost_command_execute(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                       gpucost_error *err)
{
    int local = 0;
    int *v = verdict != NULL ? verdict : &local;
    *v = 0;
    return execute(rq, out, v, err);
}
