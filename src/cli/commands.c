/*
 * commands.c - run, compare, check and hardware: load -> compute -> format
 * -> emit, each in a few lines on top of the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gpucost/claims.h"
#include "gpucost/derive.h"
#include "gpucost/scenario.h"

/* Everything a point command loads: catalog, scenarios, derivations. */
typedef struct loaded {
    gpucost_catalog *catalog;
    gpucost_scenario **scenarios;
    gpucost_derivation *derivations;
    gpucost_result *results;
    size_t n;
} loaded;

static void loaded_release(loaded *l)
{
    for (size_t i = 0; i < l->n; i++)
        gpucost_scenario_free(l->scenarios[i]);
    free(l->scenarios);
    free(l->derivations);
    free(l->results);
    gpucost_catalog_free(l->catalog);
    memset(l, 0, sizeof *l);
}

/* Loads every scenario named by the arguments (directories expanded when
 * `dirs` is set; `run` takes files only, as SPEC.md's synopsis says),
 * applies --set and derives.  Returns 0 or an exit code after reporting. */
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
    if (rc != 0)
        goto end;
    l->scenarios = calloc(n ? n : 1, sizeof *l->scenarios);
    l->derivations = calloc(n ? n : 1, sizeof *l->derivations);
    l->results = calloc(n ? n : 1, sizeof *l->results);
    if (!l->scenarios || !l->derivations || !l->results) {
        rc = cli_usage_error("out of memory");
        goto end;
    }
    for (size_t i = 0; i < n; i++) {
        if (gpucost_scenario_load(files[i], &l->scenarios[i], &err) != GPUCOST_OK) {
            cli_report(&err);
            rc = EXIT_BAD_INPUT;
            goto end;
        }
        l->n = i + 1;
        for (size_t k = 0; k < o->nsets; k++)
            if (gpucost_scenario_set(l->scenarios[i], o->sets[k], &err) != GPUCOST_OK) {
                cli_report(&err);
                rc = EXIT_BAD_INPUT;
                goto end;
            }
        if (gpucost_derive(l->scenarios[i], l->catalog, NULL, &l->derivations[i], &err) !=
            GPUCOST_OK) {
            cli_report(&err);
            rc = EXIT_BAD_INPUT;
            goto end;
        }
        l->results[i].scenario = l->scenarios[i];
        l->results[i].derivation = &l->derivations[i];
    }
end:
    cli_free_list(files);
    if (rc != 0)
        loaded_release(l);
    return rc;
}

static int format_in(const cli_options *o, const char *cmd, int allow_junit_tap)
{
    if (!allow_junit_tap && (o->format == GPUCOST_FMT_JUNIT || o->format == GPUCOST_FMT_TAP))
        return cli_usage_error("--format %s is not available for '%s' (use table, md, csv or json)",
                               gpucost_format_name(o->format), cmd);
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

int cmd_run(const cli_options *o)
{
    int rc = format_in(o, "run", 0);
    if (rc != 0)
        return rc;
    loaded l;
    if ((rc = load_all(o, 0, &l)) != 0)
        return rc;
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    gpucost_selection sel = {o->quantities, o->nquantities};
    gpucost_status st = gpucost_output_run(l.results, l.n, sel, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    loaded_release(&l);
    return rc;
}

int cmd_compare(const cli_options *o)
{
    int rc = format_in(o, "compare", 0);
    if (rc != 0)
        return rc;
    loaded l;
    if ((rc = load_all(o, 1, &l)) != 0)
        return rc;
    int baseline = -1;
    if (o->baseline != NULL) {
        for (size_t i = 0; i < l.n && baseline < 0; i++)
            if (strcmp(l.scenarios[i]->id, o->baseline) == 0)
                baseline = (int)i;
        if (baseline < 0) {
            fprintf(stderr, "gpucost: --baseline %s: no scenario with that id among the files (ids:",
                    o->baseline);
            for (size_t i = 0; i < l.n; i++)
                fprintf(stderr, "%s %s", i ? "," : "", l.scenarios[i]->id);
            fprintf(stderr, ")\n");
            loaded_release(&l);
            return EXIT_BAD_INPUT;
        }
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

int cmd_check(const cli_options *o)
{
    loaded l;
    int rc = load_all(o, 1, &l);
    if (rc != 0)
        return rc;
    size_t total = 0;
    for (size_t i = 0; i < l.n; i++)
        total += l.scenarios[i]->nclaims;
    gpucost_claim_result *results = calloc(total ? total : 1, sizeof *results);
    if (results == NULL) {
        loaded_release(&l);
        return cli_usage_error("out of memory");
    }
    gpucost_error err;
    size_t at = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (gpucost_claims_check(l.scenarios[i], l.catalog, results + at, &err) != GPUCOST_OK) {
            cli_report(&err);
            free(results);
            loaded_release(&l);
            return EXIT_BAD_INPUT;
        }
        at += l.scenarios[i]->nclaims;
    }
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
    int rc = format_in(o, "hardware", 0);
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
    gpucost_status st = gpucost_output_hardware(c, o->nargs ? o->args[0] : NULL, o->format, &b, &err);
    rc = emit_or_report(o, st, &b, &err);
    gpucost_catalog_free(c);
    return rc;
}
