/*
 * commands.c - run, compare, check and hardware: load -> compute -> format
 * -> emit, each in a few lines on top of the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "gpucost/claims.h"
#include "gpucost/derive.h"
#include "gpucost/range.h"
#include "gpucost/reconcile.h"
#include "gpucost/rules.h"
#include "gpucost/report.h"
#include "gpucost/scenario.h"
#include "gpucost/solve.h"
#include "gpucost/whatif.h"

/* Everything a point command loads: catalog, scenarios, derivations. */
typedef struct loaded {
    gpucost_catalog *catalog;
    gpucost_scenario **scenarios;
    gpucost_derivation *derivations;
    gpucost_derivation **parts; /* per scenario: a fleet's parts, else NULL */
    gpucost_whatif *whatifs;
    gpucost_result *results;
    size_t n;
} loaded;

static void loaded_release(loaded *l)
{
    for (size_t i = 0; i < l->n; i++) {
        gpucost_scenario_free(l->scenarios[i]);
        free(l->parts[i]);
    }
    free(l->parts);
    free(l->scenarios);
    free(l->derivations);
    free(l->whatifs);
    free(l->results);
    gpucost_catalog_free(l->catalog);
    memset(l, 0, sizeof *l);
}

/* A fleet's parts or a run's phases, each derived on its own for the
 * table by part or by phase. */
static int derive_parts(loaded *l, size_t i)
{
    const gpucost_scenario *s = l->scenarios[i];
    size_t n = s->kind == GPUCOST_KIND_FLEET ? s->nparts : s->nphases;
    if (n == 0)
        return 0;
    l->parts[i] = calloc(n, sizeof *l->parts[i]);
    if (l->parts[i] == NULL)
        return cli_usage_error("out of memory");
    gpucost_error err;
    for (size_t k = 0; k < n; k++) {
        gpucost_status rc =
            s->kind == GPUCOST_KIND_FLEET
                ? gpucost_derive_part(s, l->catalog, k, &l->parts[i][k], &err)
                : gpucost_derive_phase(s, l->catalog, k, NULL, &l->parts[i][k], &err);
        if (rc != GPUCOST_OK) {
            cli_report(&err);
            return EXIT_BAD_INPUT;
        }
    }
    l->results[i].parts = l->parts[i];
    l->results[i].nparts = n;
    return 0;
}

/* Loads scenario `i` of `l` from `file`, applies the what-if (--set,
 * --hold, and `extra`, one more assignment or NULL) and derives.  Returns
 * 0 or an exit code after reporting. */
static int load_one(const cli_options *o, loaded *l, size_t i, const char *file, const char *extra)
{
    gpucost_error err;
    if (gpucost_scenario_load(file, &l->scenarios[i], &err) != GPUCOST_OK) {
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    l->n = i + 1;
    gpucost_scenario *s = l->scenarios[i];
    size_t nsets = o->nsets;
    const char **sets = calloc(nsets + 1, sizeof *sets);
    gpucost_override *over = calloc(nsets + 1, sizeof *over);
    if (sets == NULL || over == NULL) {
        free(sets);
        free(over);
        return cli_usage_error("out of memory");
    }
    memcpy(sets, o->sets, nsets * sizeof *sets);
    if (extra != NULL)
        sets[nsets++] = extra;
    gpucost_status st = GPUCOST_OK;
    for (size_t k = 0; st == GPUCOST_OK && k < nsets; k++)
        st = cli_parse_set(sets[k], &over[k], &err);
    if (st == GPUCOST_OK)
        st = gpucost_whatif_apply(s, l->catalog, over, nsets, o->hold, o->nhold, &l->whatifs[i],
                                  &err);
    if (st == GPUCOST_OK)
        st = gpucost_derive(s, l->catalog, NULL, &l->derivations[i], &err);
    if (st != GPUCOST_OK)
        cli_report_sets(&err, sets, nsets);
    free(sets);
    free(over);
    if (st != GPUCOST_OK)
        return EXIT_BAD_INPUT;
    l->results[i].scenario = s;
    l->results[i].derivation = &l->derivations[i];
    l->results[i].whatif = &l->whatifs[i];
    return derive_parts(l, i);
}

static int alloc_loaded(loaded *l, size_t n)
{
    l->scenarios = calloc(n ? n : 1, sizeof *l->scenarios);
    l->derivations = calloc(n ? n : 1, sizeof *l->derivations);
    l->parts = calloc(n ? n : 1, sizeof *l->parts);
    l->whatifs = calloc(n ? n : 1, sizeof *l->whatifs);
    l->results = calloc(n ? n : 1, sizeof *l->results);
    if (!l->scenarios || !l->derivations || !l->parts || !l->whatifs || !l->results)
        return cli_usage_error("out of memory");
    return 0;
}

/* Loads every scenario named by the arguments (directories expanded when
 * `dirs` is set; `run` takes files only, as SPEC.md's synopsis says),
 * applies --set and --hold and derives.  Returns 0 or an exit code after
 * reporting. */
static int load_all(const cli_options *o, int dirs, loaded *l)
{
    memset(l, 0, sizeof *l);
    if (o->nargs == 0)
        return cli_usage_error("'%s' needs at least one scenario FILE%s", o->command,
                               dirs ? " or DIR" : "");
    gpucost_error err;
    size_t n = 0;
    char **files = cli_expand(o->args, o->nargs, dirs, &n, &err);
    if (files == NULL) {
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    int rc = cli_load_catalog(o, &l->catalog);
    if (rc == 0)
        rc = alloc_loaded(l, n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = load_one(o, l, i, files[i], NULL);
    /* --baseline, the report's anchors and the tables name scenarios by id */
    for (size_t i = 0; rc == 0 && i < l->n; i++)
        for (size_t k = 0; rc == 0 && k < i; k++)
            if (strcmp(l->scenarios[i]->id, l->scenarios[k]->id) == 0) {
                GPUCOST_ERROR(&err, GPUCOST_EINVAL, l->scenarios[i]->file, 0, 0, "id",
                              "'%s' is also the id of %s; scenario ids must be unique",
                              l->scenarios[i]->id, l->scenarios[k]->file);
                cli_report(&err);
                rc = EXIT_BAD_INPUT;
            }
    cli_free_list(files);
    if (rc != 0)
        loaded_release(l);
    return rc;
}

/* compare --sweep NAME=V1,V2,...: the one FILE once per value, each row
 * named "NAME=V". */
static int load_sweep(const cli_options *o, loaded *l)
{
    memset(l, 0, sizeof *l);
    if (o->nargs != 1)
        return cli_usage_error("--sweep takes exactly one scenario FILE");
    const char *eq = strchr(o->sweep, '=');
    if (eq == NULL || eq == o->sweep || eq[1] == '\0')
        return cli_usage_error("--sweep: expected NAME=V1,V2,..., got '%s'", o->sweep);
    size_t n = 1;
    for (const char *p = eq + 1; *p; p++)
        n += *p == ',';
    int rc = cli_load_catalog(o, &l->catalog);
    if (rc == 0)
        rc = alloc_loaded(l, n);
    const char *v = eq + 1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        size_t len = strcspn(v, ",");
        char assignment[256], *label;
        if (len == 0 || (size_t)(eq - o->sweep) + len + 2 > sizeof assignment) {
            rc = cli_usage_error("--sweep: expected NAME=V1,V2,..., got '%s'", o->sweep);
            break;
        }
        snprintf(assignment, sizeof assignment, "%.*s=%.*s", (int)(eq - o->sweep), o->sweep,
                 (int)len, v);
        rc = load_one(o, l, i, o->args[0], assignment);
        if (rc == 0 && (label = strdup(assignment)) == NULL)
            rc = cli_usage_error("out of memory");
        if (rc == 0) {
            free(l->scenarios[i]->id);
            l->scenarios[i]->id = label;
        }
        v += len + (v[len] == ',');
    }
    if (rc != 0)
        loaded_release(l);
    return rc;
}

/* Formats each command takes besides table, md, csv and json. */
static int format_in(const cli_options *o, const char *cmd, int allow_junit_tap, int allow_svg)
{
    int extra = o->format == GPUCOST_FMT_JUNIT || o->format == GPUCOST_FMT_TAP;
    if ((extra && !allow_junit_tap) || (o->format == GPUCOST_FMT_SVG && !allow_svg))
        return cli_usage_error("--format %s is not available for '%s' (use table, md, csv%s)",
                               gpucost_format_name(o->format), cmd,
                               allow_junit_tap ? ", json, junit or tap"
                               : allow_svg     ? ", json or svg"
                                               : " or json");
    return 0;
}

static int emit_or_report(const cli_options *o, gpucost_status st, gpucost_buf *b,
                          const gpucost_error *err)
{
    int rc = 0;
    if (st != GPUCOST_OK) {
        cli_report(err);
        rc = EXIT_BAD_INPUT;
    } else {
        rc = cli_emit(o, b);
    }
    gpucost_buf_release(b);
    return rc;
}

static gpucost_claim_result *check_all(const loaded *l, size_t *n);

int cmd_run(const cli_options *o)
{
    int rc = format_in(o, "run", 0, 0);
    if (rc != 0)
        return rc;
    loaded l;
    if ((rc = load_all(o, 0, &l)) != 0)
        return rc;
    /* the tables list each scenario's claims as check tests them */
    gpucost_claim_result *claims = NULL;
    size_t total = 0;
    if (o->format == GPUCOST_FMT_TABLE || o->format == GPUCOST_FMT_MD) {
        if ((claims = check_all(&l, &total)) == NULL) {
            loaded_release(&l);
            return EXIT_BAD_INPUT;
        }
        for (size_t i = 0, at = 0; i < l.n; i++) {
            l.results[i].claims = claims + at;
            l.results[i].nclaims = l.scenarios[i]->nclaims;
            at += l.scenarios[i]->nclaims +
                  gpucost_claims_conflict_count(l.scenarios[i], &l.derivations[i]);
        }
    }
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    gpucost_selection sel = {o->quantities, o->nquantities};
    gpucost_status st = gpucost_output_run(l.results, l.n, sel, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    free(claims);
    loaded_release(&l);
    return rc;
}

/* The index of --baseline ID among the loaded scenarios, -1 without
 * --baseline, -2 (after reporting) when no scenario has that id. */
static int find_baseline(const cli_options *o, const loaded *l)
{
    if (o->baseline == NULL)
        return -1;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->scenarios[i]->id, o->baseline) == 0)
            return (int)i;
    fprintf(stderr,
            "gpucost: --baseline %s: no scenario with that id among the files (ids:", o->baseline);
    for (size_t i = 0; i < l->n; i++)
        fprintf(stderr, "%s %s", i ? "," : "", l->scenarios[i]->id);
    fprintf(stderr, ")\n");
    return -2;
}

int cmd_compare(const cli_options *o)
{
    int rc = format_in(o, "compare", 0, 1);
    if (rc != 0)
        return rc;
    if (o->sweep != NULL && o->baseline != NULL)
        return cli_usage_error("--sweep compares to its first value; --baseline does not apply");
    loaded l;
    if ((rc = o->sweep != NULL ? load_sweep(o, &l) : load_all(o, 1, &l)) != 0)
        return rc;
    int baseline = o->sweep != NULL ? 0 : find_baseline(o, &l);
    if (baseline == -2) {
        loaded_release(&l);
        return EXIT_BAD_INPUT;
    }
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    gpucost_selection sel = {o->quantities, o->nquantities};
    gpucost_status st = gpucost_output_compare(l.results, l.n, baseline, sel, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    loaded_release(&l);
    return rc;
}

/* Claims and conflict cases of every loaded scenario, in file order (each
 * scenario's claims, then its conflicts).  Returns a new array of `*n`
 * results (free()), or NULL after reporting. */
static gpucost_claim_result *check_all(const loaded *l, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < l->n; i++)
        total += l->scenarios[i]->nclaims +
                 gpucost_claims_conflict_count(l->scenarios[i], &l->derivations[i]);
    gpucost_claim_result *results = calloc(total ? total : 1, sizeof *results);
    if (results == NULL) {
        cli_usage_error("out of memory");
        return NULL;
    }
    gpucost_error err;
    size_t at = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (gpucost_claims_check(l->scenarios[i], l->catalog, results + at, &err) != GPUCOST_OK) {
            cli_report(&err);
            free(results);
            return NULL;
        }
        at += l->scenarios[i]->nclaims;
        at += gpucost_claims_conflicts(l->scenarios[i], &l->derivations[i], results + at);
    }
    *n = at;
    return results;
}

int cmd_check(const cli_options *o)
{
    loaded l;
    int rc = format_in(o, "check", 1, 0);
    if (rc == 0)
        rc = load_all(o, 1, &l);
    if (rc != 0)
        return rc;
    size_t total = 0;
    gpucost_claim_result *results = check_all(&l, &total);
    if (results == NULL) {
        loaded_release(&l);
        return EXIT_BAD_INPUT;
    }
    gpucost_error err;
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_status st = gpucost_output_check(results, total, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    if (rc == 0) {
        gpucost_claim_summary sum = {0, 0, 0, 0};
        gpucost_claims_tally(results, total, &sum);
        if (sum.fail > 0)
            rc = EXIT_CLAIM_FAILED;
    }
    free(results);
    loaded_release(&l);
    return rc;
}

int cmd_hardware(const cli_options *o)
{
    int rc = format_in(o, "hardware", 0, 0);
    if (rc != 0)
        return rc;
    if (o->nargs > 1)
        return cli_usage_error("'hardware' takes at most one ID");
    /* The ID is not a path: look for the catalog from the defaults. */
    cli_options copy = *o;
    copy.nargs = 0;
    gpucost_catalog *c = NULL;
    if ((rc = cli_load_catalog(&copy, &c)) != 0)
        return rc;
    if (c == NULL)
        return cli_usage_error("no hardware catalog found; pass --catalog DIR");
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    const char *id = o->nargs ? o->args[0] : NULL;
    int date = o->on != NULL ? gpucost_date_parse(o->on) : 0;
    gpucost_status st;
    if (o->on != NULL && date < 0)
        rc = cli_usage_error("--on: expected a date YYYY-MM-DD, got '%s'", o->on);
    else if ((o->on != NULL) + o->history + o->rules > 1)
        rc = cli_usage_error("--on, --history and --rules are different views: give one");
    else if (o->history && id == NULL)
        rc = cli_usage_error("--history tells one chip's story: 'gpucost hardware ID --history'");
    else if (o->rules && id != NULL)
        rc = cli_usage_error("--rules lists the rules; it takes no ID");
    if (rc != 0) {
        gpucost_catalog_free(c);
        return rc;
    }
    if (o->on != NULL)
        st = gpucost_output_export_on(c, id, date, o->format, &b, &err);
    else if (o->history)
        st = gpucost_output_export_history(c, id, o->format, &b, &err);
    else if (o->rules)
        st = gpucost_output_rules(c, o->format, &b, &err);
    else
        st = gpucost_output_hardware(c, id, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    gpucost_catalog_free(c);
    return rc;
}

/* ---- range and solve -------------------------------------------------- */

/* A progress bar on stderr, drawn only when stderr is a terminal and the
 * run has taken more than a second. */
typedef struct progress {
    struct timespec start;
    int drawn;
    int last; /* percent last drawn, so the line changes only when it moves */
} progress;

static double elapsed(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + 1e-9 * (double)(now.tv_nsec - t0->tv_nsec);
}

static void draw_progress(double done, void *ctx)
{
    progress *p = ctx;
    if (done < 1.0 && elapsed(&p->start) < 1.0)
        return;
    if (done >= 1.0) {
        if (p->drawn)
            fputs("\r\033[K", stderr);
        return;
    }
    int width = 40, fill = (int)(done * width), pct = (int)(done * 100.0);
    if (p->drawn && pct == p->last)
        return;
    p->last = pct;
    fprintf(stderr, "\r[%.*s%*s] %3.0f%%", fill, "########################################",
            width - fill, "", done * 100.0);
    fflush(stderr);
    p->drawn = 1;
}

static int one_file(const cli_options *o)
{
    if (o->nargs != 1)
        return cli_usage_error("'%s' takes exactly one scenario FILE", o->command);
    return 0;
}

static int lookup_quantity(const char *opt, const char *name, gpucost_quantity *q)
{
    if (gpucost_quantity_lookup(name, q) == 0)
        return 0;
    const char *hint = gpucost_quantity_suggest(name);
    if (hint != NULL)
        return cli_usage_error("%s: unknown quantity '%s' (did you mean '%s'?)", opt, name, hint);
    return cli_usage_error("%s: unknown quantity '%s'", opt, name);
}

/* Range options from the command line, shared by range and report. */
static int range_options(const cli_options *o, gpucost_range_options *ropt, progress *prog)
{
    int rc;
    gpucost_range_options_init(ropt);
    if (o->samples_given)
        ropt->samples = o->samples;
    if (o->seed_given)
        ropt->seed = o->seed;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    ropt->threads = o->threads > 0 ? o->threads : cores > 0 ? (int)cores : 1;
    if (o->nquantiles > 0) {
        memcpy(ropt->quantiles, o->quantiles, o->nquantiles * sizeof *o->quantiles);
        ropt->nquantiles = o->nquantiles;
    }
    if (o->headline != NULL) {
        gpucost_quantity q;
        if ((rc = lookup_quantity("--output", o->headline, &q)) != 0)
            return rc;
        ropt->output = (int)q;
    }
    ropt->sobol = o->sobol;
    if (o->sobol_samples > 0)
        ropt->sobol_samples = o->sobol_samples;
    clock_gettime(CLOCK_MONOTONIC, &prog->start);
    if (isatty(STDERR_FILENO)) {
        ropt->progress = draw_progress;
        ropt->progress_ctx = prog;
    }
    return 0;
}

int cmd_range(const cli_options *o)
{
    int rc = format_in(o, "range", 0, 1);
    if (rc == 0)
        rc = one_file(o);
    if (rc != 0)
        return rc;
    gpucost_range_options ropt;
    progress prog = {{0, 0}, 0, -1};
    if ((rc = range_options(o, &ropt, &prog)) != 0)
        return rc;
    int keep[GPUCOST_Q_COUNT] = {0};
    for (size_t i = 0; i < o->nquantities; i++)
        keep[o->quantities[i]] = 1;
    if (o->nquantities > 0)
        ropt.keep = keep;
    loaded l, base;
    memset(&base, 0, sizeof base);
    if ((rc = load_all(o, 0, &l)) != 0)
        return rc;
    gpucost_result baseline;
    gpucost_error err;
    if (o->baseline != NULL) {
        /* the baseline is a scenario file, derived as it stands */
        cli_options bo = *o;
        char *args[1] = {(char *)o->baseline};
        bo.args = args;
        bo.nargs = 1;
        bo.nsets = 0;
        bo.catalog_dir = o->catalog_dir;
        if ((rc = load_all(&bo, 0, &base)) != 0) {
            loaded_release(&l);
            return rc;
        }
        baseline = base.results[0];
    }
    gpucost_range_result *r = malloc(sizeof *r);
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_status st = r == NULL
                            ? GPUCOST_ERROR(&err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                        /* said in the program's terms: the library does not know --set */
                        : gpucost_range_uncertain(&l.derivations[0]) == 0
                            ? GPUCOST_ERROR(&err, GPUCOST_EINVAL, l.scenarios[0]->file, 0, 0, NULL,
                                            "nothing is uncertain: give an input as a range "
                                            "({\"low\": a, \"high\": b}) or --set NAME=LOW..HIGH")
                            : gpucost_range_run(&l.derivations[0], &ropt, r, &err);
    if (st == GPUCOST_OK) {
        gpucost_selection sel = {o->quantities, o->nquantities};
        st = gpucost_output_range(l.scenarios[0], r, sel, o->baseline ? &baseline : NULL, o->format,
                                  &b, &err);
    }
    rc = emit_or_report(o, st, &b, &err);
    free(r);
    loaded_release(&l);
    loaded_release(&base);
    return rc;
}

int cmd_solve(const cli_options *o)
{
    int rc = format_in(o, "solve", 0, 0);
    if (rc == 0)
        rc = one_file(o);
    if (rc != 0)
        return rc;
    if (o->for_input == NULL || o->target == NULL)
        return cli_usage_error("'solve' needs --for INPUT and --target QUANTITY=VALUE");
    gpucost_quantity input, target;
    if ((rc = lookup_quantity("--for", o->for_input, &input)) != 0)
        return rc;
    const char *eq = strchr(o->target, '=');
    if (eq == NULL || eq == o->target)
        return cli_usage_error("--target: expected QUANTITY=VALUE, got '%s'", o->target);
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(eq - o->target), o->target);
    if ((rc = lookup_quantity("--target", name, &target)) != 0)
        return rc;
    double value;
    if (gpucost_number_parse(eq + 1, &value) != 0)
        return cli_usage_error("--target: expected a number after '=', got '%s'", eq + 1);
    loaded l;
    if ((rc = load_all(o, 0, &l)) != 0)
        return rc;
    gpucost_solve_result r;
    gpucost_error err;
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_status st =
        gpucost_solve(l.scenarios[0], l.catalog, input, target, value, NULL, &r, &err);
    if (st == GPUCOST_OK)
        st = gpucost_output_solve(l.scenarios[0], &r, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    loaded_release(&l);
    return rc;
}

/* report --reconcile: each FILE[,FILE...] one case, reconciled as its
 * files stand (the report's --set does not apply to them). */
typedef struct report_cases {
    gpucost_report_case *items;
    gpucost_reconcile_result **results;
    char **names;
    size_t n;
} report_cases;

static void report_cases_release(report_cases *c)
{
    for (size_t i = 0; i < c->n; i++) {
        gpucost_reconcile_free(c->results[i]);
        free(c->names[i]);
    }
    free(c->items);
    free(c->results);
    free(c->names);
    memset(c, 0, sizeof *c);
}

static int reconcile_cases(const cli_options *o, report_cases *c)
{
    memset(c, 0, sizeof *c);
    c->items = calloc(o->ncases + 1, sizeof *c->items);
    c->results = calloc(o->ncases + 1, sizeof *c->results);
    c->names = calloc(o->ncases + 1, sizeof *c->names);
    if (!c->items || !c->results || !c->names)
        return cli_usage_error("out of memory");
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < o->ncases; k++) {
        char *list = strdup(o->cases[k]);
        char *files[64];
        size_t nf = 0;
        if (list == NULL)
            return cli_usage_error("out of memory");
        char *save = NULL;
        for (char *t = strtok_r(list, ",", &save); t && nf < 64; t = strtok_r(NULL, ",", &save))
            files[nf++] = t;
        cli_options co = *o;
        co.args = files;
        co.nargs = nf;
        co.nsets = 0;
        co.nhold = 0;
        loaded l;
        gpucost_error err;
        rc = nf == 0 ? cli_usage_error("--reconcile: expected FILE[,FILE...]")
                     : load_all(&co, 0, &l);
        if (rc == 0) {
            if (gpucost_reconcile((const gpucost_scenario *const *)l.scenarios, l.n, l.catalog,
                                  NULL, &c->results[k], &err) != GPUCOST_OK) {
                cli_report(&err);
                rc = EXIT_BAD_INPUT;
            }
            loaded_release(&l);
        }
        c->names[k] = strdup(o->cases[k]);
        free(list);
        if (rc == 0 && c->names[k] == NULL)
            rc = cli_usage_error("out of memory");
        c->n = k + 1;
        c->items[k].name = c->names[k];
        c->items[k].result = c->results[k];
    }
    return rc;
}

int cmd_report(const cli_options *o)
{
    if (o->format_given && o->format != GPUCOST_FMT_TABLE)
        return cli_usage_error("'report' writes HTML; --format does not apply");
    gpucost_range_options ropt;
    progress prog = {{0, 0}, 0, -1};
    int rc = range_options(o, &ropt, &prog);
    if (rc != 0)
        return rc;
    ropt.progress = NULL; /* many short runs: no bar */
    loaded l;
    if ((rc = load_all(o, 1, &l)) != 0)
        return rc;
    int baseline = find_baseline(o, &l);
    if (baseline == -2) {
        loaded_release(&l);
        return EXIT_BAD_INPUT;
    }
    size_t total = 0;
    report_cases cases;
    if ((rc = reconcile_cases(o, &cases)) != 0) {
        report_cases_release(&cases);
        loaded_release(&l);
        return rc;
    }
    gpucost_claim_result *claims = check_all(&l, &total);
    if (claims == NULL) {
        report_cases_release(&cases);
        loaded_release(&l);
        return EXIT_BAD_INPUT;
    }
    gpucost_range_result *ranges = calloc(l.n ? l.n : 1, sizeof *ranges);
    gpucost_report_item *items = calloc(l.n ? l.n : 1, sizeof *items);
    gpucost_error err;
    gpucost_status st = GPUCOST_OK;
    if (ranges == NULL || items == NULL)
        st = GPUCOST_ERROR(&err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    for (size_t i = 0, at = 0; st == GPUCOST_OK && i < l.n; i++) {
        items[i].scenario = l.scenarios[i];
        items[i].derivation = &l.derivations[i];
        items[i].parts = l.results[i].parts;
        items[i].nparts = l.results[i].nparts;
        items[i].claims = claims + at;
        /* check_all lays each scenario's cases out contiguously */
        size_t k = at;
        while (k < total && claims[k].scenario == l.scenarios[i])
            k++;
        items[i].nclaims = k - at;
        at = k;
        if (gpucost_range_uncertain(&l.derivations[i]) > 0) {
            st = gpucost_range_run(&l.derivations[i], &ropt, &ranges[i], &err);
            items[i].range = &ranges[i];
        }
    }
    gpucost_buf b;
    gpucost_buf_init(&b);
    if (st == GPUCOST_OK)
        st = gpucost_report_html(items, l.n, cases.items, cases.n, baseline,
                                 gpucost_catalog_rules(l.catalog), GPUCOST_VERSION, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    free(claims);
    free(ranges);
    free(items);
    report_cases_release(&cases);
    loaded_release(&l);
    return rc;
}

/* ---- reconcile -------------------------------------------------------- */

int cmd_reconcile(const cli_options *o)
{
    int rc = format_in(o, "reconcile", 0, 0);
    if (rc != 0)
        return rc;
    loaded l;
    if ((rc = load_all(o, 0, &l)) != 0)
        return rc;
    gpucost_reconcile_result *r = NULL;
    gpucost_error err;
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_status st = gpucost_reconcile((const gpucost_scenario *const *)l.scenarios, l.n,
                                          l.catalog, NULL, &r, &err);
    if (st == GPUCOST_OK)
        st = gpucost_output_reconcile(r, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    if (rc == 0 && !r->consistent)
        rc = EXIT_CLAIM_FAILED;
    gpucost_reconcile_free(r);
    loaded_release(&l);
    return rc;
}

/* ---- quantities --------------------------------------------------------- */

int cmd_quantities(const cli_options *o)
{
    int rc = format_in(o, "quantities", 0, 0);
    if (rc != 0)
        return rc;
    if (o->nargs > 0)
        return cli_usage_error("'quantities' takes no arguments");
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    gpucost_status st = gpucost_output_quantities(o->format, &b, &err);
    return emit_or_report(o, st, &b, &err);
}
