/*
 * options.c - the command line: getopt_long over gpucost's options into a
 * cli_options, with every value checked here (counts against the
 * library's limits, quantile lists, quantity names), so a command never
 * starts on a bad option.  Kept apart from main() so the option fuzzer
 * (tests/fuzz/fuzz_options.c) can drive it.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gpucost/range.h"
#include "gpucost/whatif.h"

#ifndef GPUCOST_VERSION
#define GPUCOST_VERSION "0.0.0"
#endif

static const char usage[] =
    "usage: gpucost COMMAND [OPTIONS] [FILE|DIR...]\n"
    "\n"
    "Check and compare the compute cost of AI training and inference claims.\n"
    "\n"
    "Commands:\n"
    "  run FILE...             derived quantities of each scenario, with origins, conflicts,\n"
    "                          a fleet by part and the scenario's claims\n"
    "  compare FILE|DIR...     scenarios side by side; --baseline ID adds ratios\n"
    "  check FILE|DIR...       verify published claims; exit 0 all hold, 1 some fail\n"
    "  hardware [ID]           the accelerator catalog with TPP and 3A090.a flags;\n"
    "                          --on DATE: each chip's export status that day, the\n"
    "                          review policy and the rule that decides it; ID --history:\n"
    "                          its story, a paragraph per change; --to COUNTRY|GROUP:\n"
    "                          the destination of both (default China; also report's);\n"
    "                          --rules: the rules (models/rules/);\n"
    "                          --vendor NAME, --year YYYY[-YYYY]: only those chips;\n"
    "                          --sort COLUMN (numbers largest first); --columns a,b,c\n"
    "                          from id name vendor released datacenter fp4 fp8 int8\n"
    "                          bf16 fp16 tf32 fp32 fp64 memory_gb memory_bw_tbs\n"
    "                          interconnect_gbs tdp_w die_area_mm2 tpp density 3a090a\n"
    "                          price rent\n"
    "  quantities              every quantity: unit, meaning, relations, defaults\n"
    "  range FILE              Monte Carlo percentiles, tornado and (--sobol) Sobol indices\n"
    "  solve FILE --for INPUT --target QUANTITY=VALUE\n"
    "                          the value of INPUT that makes QUANTITY equal VALUE\n"
    "  reconcile FILE...       which numbers can all be true: one joint fit of every\n"
    "                          input and claim of the files; exit 1 when some must go\n"
    "  report FILE|DIR... -o report.html\n"
    "                          one self-contained HTML page: tables, claims, charts\n"
    "                          (--reconcile FILE[,FILE...] adds a case, repeatable)\n"
    "  import FILE.csv -o DIR  Epoch AI's \"All ML Systems\" CSV as one scenario file per\n"
    "                          testable row, to edit (every command also reads the CSV);\n"
    "                          its chip dataset as one hardware file per chip, to review\n"
    "  new KIND [-o FILE]      a scenario to start from (training, inference, fleet): the\n"
    "                          --set values as inputs, a source to fill in for each;\n"
    "                          check fails it until then; never writes over FILE\n"
    "\n";
enum {
    OPT_SET = 256,
    OPT_FORMAT,
    OPT_QUANTITIES,
    OPT_CATALOG,
    OPT_BASELINE,
    OPT_SEED,
    OPT_SAMPLES,
    OPT_THREADS,
    OPT_VERSION,
    OPT_QUANTILES,
    OPT_OUTPUT,
    OPT_CHART,
    OPT_SOBOL,
    OPT_SOBOL_SAMPLES,
    OPT_FOR,
    OPT_TARGET,
    OPT_HOLD,
    OPT_SWEEP,
    OPT_RECONCILE,
    OPT_ON,
    OPT_COLUMNS,
    OPT_SORT,
    OPT_VENDOR,
    OPT_YEAR,
    OPT_HISTORY,
    OPT_RULES,
    OPT_TO
};

/* Every option, once: getopt_long's list, the --help text and the
 * spelling of the request key (call.h) each one sets, which is how a
 * library error naming `sweep` reaches the user as --sweep
 * (cli_option_spelling).  The man page lists each (tests/cli/man.sh). */
static const cli_option options[] = {
    {"set", OPT_SET, 1, "set", "--set NAME=VALUE",
     "what-if override, repeatable: gpus=50k, gpu_hours=2.8M,\n"
     "hardware=h100, precision=fp8, price_per_gpu_hour=1.5..3.5\n"
     "(a 90% range), wall_days=none (drop an input);\n"
     "hardware= and precision= hold the job: training FLOPs,\n"
     "gpus and mfu stay, GPU-hours and days are re-derived"},
    {"hold", OPT_HOLD, 1, "hold", "--hold a,b,c",
     "what a --set holds instead (others that would\n"
     "over-determine them are dropped and listed)"},
    {"sweep", OPT_SWEEP, 1, "sweep", "--sweep NAME=V1,V2,...",
     "compare: one FILE, one row per value, ratios to the first"},
    {"format", OPT_FORMAT, 1, "format", "--format FMT",
     "table (default), md, csv, json; check also junit, tap;\n"
     "compare and range also svg (one chart); html (the\n"
     "page's tables); run also scenario (the file as edited)"},
    {"quantities", OPT_QUANTITIES, 1, "quantities", "--quantities a,b,c",
     "which quantities to show"},
    {"baseline", OPT_BASELINE, 1, "baseline", "--baseline ID|FILE",
     "compare, report: ratios to the scenario with this id;\n"
     "range: ratios to this scenario file's point values"},
    {"samples", OPT_SAMPLES, 1, "samples", "--samples N",
     "range: Monte Carlo samples (default 100k)"},
    {"seed", OPT_SEED, 1, "seed", "--seed N",
     "range: random seed (default 20250127, always printed)"},
    {"threads", OPT_THREADS, 1, "threads", "--threads N",
     "range: worker threads (default: all cores); results\n"
     "depend only on --seed and --samples"},
    {"quantiles", OPT_QUANTILES, 1, "quantiles", "--quantiles 5,50,95",
     "range: percentiles to report (percent or fractions)"},
    {"output", OPT_OUTPUT, 1, "output", "--output QUANTITY",
     "range: the tornado's headline (default cost_usd)"},
    {"chart", OPT_CHART, 1, "chart", "--chart histogram|tornado",
     "range --format svg: which chart (default histogram)"},
    {"sobol", OPT_SOBOL, 0, "sobol", "--sobol", "range: add first-order and total Sobol indices"},
    {"sobol-samples", OPT_SOBOL_SAMPLES, 1, "sobol_samples", "--sobol-samples N",
     "range: Sobol base sample count (default 16,384)"},
    {"for", OPT_FOR, 1, "for", "--for INPUT", "solve: the input to solve for"},
    {"target", OPT_TARGET, 1, "target", "--target QUANTITY=VALUE",
     "solve: the value a quantity must reach"},
    {"reconcile", OPT_RECONCILE, 1, "reconcile", "--reconcile FILE[,FILE...]",
     "report: add a reconcile case, repeatable"},
    {"on", OPT_ON, 1, "on", "--on DATE", "hardware: each chip's export status on DATE"},
    {"history", OPT_HISTORY, 0, "history", "--history", "hardware ID: the chip's export story"},
    {"to", OPT_TO, 1, "to", "--to COUNTRY|GROUP",
     "hardware --on/--history, report: the destination\n"
     "(default China)"},
    {"rules", OPT_RULES, 0, "rules", "--rules", "hardware: the export rules (models/rules/)"},
    {"vendor", OPT_VENDOR, 1, "vendor", "--vendor NAME", "hardware: only this vendor's chips"},
    {"year", OPT_YEAR, 1, "year", "--year YYYY[-YYYY]", "hardware: only chips released then"},
    {"sort", OPT_SORT, 1, "sort", "--sort COLUMN",
     "hardware: order by COLUMN (numbers largest first)"},
    {"columns", OPT_COLUMNS, 1, "columns", "--columns a,b,c", "hardware: which columns to show"},
    {"catalog", OPT_CATALOG, 1, "catalog", "--catalog DIR",
     "hardware catalog (default: models/hardware beside the\n"
     "scenarios, $GPUCOST_CATALOG, then the installed one)"},
    {NULL, 'o', 1, NULL, "-o FILE", "write to FILE atomically instead of stdout"},
    {"help", 'h', 0, NULL, "-h, --help", "this help"},
    {"version", OPT_VERSION, 0, NULL, "--version", "the version"},
};

const cli_option *cli_option_table(size_t *n)
{
    *n = sizeof options / sizeof options[0];
    return options;
}

const char *cli_option_spelling(const char *key)
{
    for (size_t i = 0; key != NULL && i < sizeof options / sizeof options[0]; i++)
        if (options[i].key != NULL && strcmp(options[i].key, key) == 0)
            return options[i].synopsis;
    return NULL;
}

/* The option list of --help, from the table: each synopsis in a column
 * of 24, its help beside it and continued under it. */
static void print_options(FILE *f)
{
    fputs("Options:\n", f);
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const cli_option *opt = &options[i];
        int w = (int)strlen(opt->synopsis);
        fprintf(f, "  %s%*s", opt->synopsis, w <= 22 ? 24 - w : 2, "");
        for (const char *p = opt->help; *p;) {
            size_t len = strcspn(p, "\n");
            fprintf(f, "%s%.*s\n", p == opt->help ? "" : "                          ", (int)len, p);
            p += len + (p[len] == '\n');
        }
    }
    fputs("\n"
          "Exit status: 0 success, 1 a claim or conflict failed (check) or numbers must be\n"
          "dropped (reconcile), 2 bad input or usage.\n"
          "Numbers accept suffixes k, M, B, T (50k, 2.8M) and exponents (1.5e6).\n",
          f);
}

/* A comma-separated list of quantity names (--quantities, --hold). */
static int parse_names(const char *opt, const char *list, gpucost_quantity *qs, size_t *n)
{
    char buf[1024];
    if (strlen(list) >= sizeof buf)
        return cli_usage_error("%s: the list is longer than %zu characters", opt, sizeof buf - 1);
    snprintf(buf, sizeof buf, "%s", list);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        /* "gpus, cost_usd" as people type it */
        while (*tok == ' ' || *tok == '\t')
            tok++;
        size_t len = strlen(tok);
        while (len > 0 && (tok[len - 1] == ' ' || tok[len - 1] == '\t'))
            tok[--len] = '\0';
        gpucost_quantity q;
        if (gpucost_quantity_lookup(tok, &q) != 0) {
            const char *hint = gpucost_quantity_suggest(tok);
            if (hint != NULL)
                return cli_usage_error("%s: unknown quantity '%s' (did you mean '%s'?)", opt, tok,
                                       hint);
            return cli_usage_error("%s: unknown quantity '%s'", opt, tok);
        }
        if (*n < GPUCOST_Q_COUNT)
            qs[(*n)++] = q;
    }
    if (*n == 0)
        return cli_usage_error("%s: expected a comma-separated list of names", opt);
    return 0;
}

static int parse_count(const char *opt, const char *arg, double min, double max, double *out)
{
    double v;
    if (gpucost_number_parse(arg, &v) != 0 || v < min || v > max || v != (double)(long long)v)
        return cli_usage_error("%s: expected a whole number from %.0f to %.0f, got '%s'", opt, min,
                               max, arg);
    *out = v;
    return 0;
}

/* "5,50,95" (percent), "0.05,0.5,0.95" (fractions) or "5%,50%" (each
 * marked), ascending.  A list is percent when a number in it without '%'
 * is 1 or more; a '%' value is already a fraction and is never divided
 * again ("1%,50" is p1 and p50). */
static int parse_quantiles(cli_options *o, const char *list)
{
    if (strlen(list) >= 512)
        return cli_usage_error("--quantiles: the list is longer than 511 characters");
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    char *save = NULL;
    o->rq.nquantiles = 0;
    int percent = 0, marked[GPUCOST_MAX_QUANTILES] = {0};
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        double v;
        int has_pct = strchr(tok, '%') != NULL;
        if (gpucost_number_parse(tok, &v) != 0 || v <= 0.0 || v >= (has_pct ? 1.0 : 100.0))
            return cli_usage_error("--quantiles: expected percentiles between 0 and 100, got '%s'",
                                   tok);
        if (o->rq.nquantiles == sizeof o->quantiles / sizeof o->quantiles[0])
            return cli_usage_error("--quantiles: at most %zu values", o->rq.nquantiles);
        percent |= !has_pct && v >= 1.0;
        marked[o->rq.nquantiles] = has_pct;
        o->quantiles[o->rq.nquantiles++] = v;
    }
    if (o->rq.nquantiles == 0)
        return cli_usage_error("--quantiles: expected a comma-separated list like 5,50,95");
    for (size_t i = 0; i < o->rq.nquantiles; i++) {
        if (percent && !marked[i])
            o->quantiles[i] /= 100.0;
        if (i > 0 && o->quantiles[i] <= o->quantiles[i - 1])
            return cli_usage_error("--quantiles: expected ascending values");
    }
    return 0;
}

/* A counted option's value: --seed, --samples, --threads, --sobol-samples.
 * Returns 0 or EXIT_BAD_INPUT after reporting. */
static int take_count(cli_options *o, int c, const char *arg)
{
    double v = 0.0; /* set by parse_count before use; -O3 cannot see that */
    switch (c) {
    case OPT_SEED:
        if (parse_count("--seed", arg, 1, 4294967295.0, &v) != 0)
            return EXIT_BAD_INPUT;
        o->rq.seed = (unsigned long)v;
        o->rq.seed_given = 1;
        return 0;
    case OPT_SAMPLES:
        if (parse_count("--samples", arg, GPUCOST_RANGE_MIN_SAMPLES,
                        (double)GPUCOST_RANGE_MAX_SAMPLES, &v) != 0)
            return EXIT_BAD_INPUT;
        o->rq.samples = (size_t)v;
        o->rq.samples_given = 1;
        return 0;
    case OPT_THREADS:
        if (parse_count("--threads", arg, 1, 256, &v) != 0)
            return EXIT_BAD_INPUT;
        o->rq.threads = (int)v;
        return 0;
    default:
        if (parse_count("--sobol-samples", arg, GPUCOST_SOBOL_MIN_SAMPLES, 1e8, &v) != 0)
            return EXIT_BAD_INPUT;
        o->rq.sobol_samples = (size_t)v;
        return 0;
    }
}

/* --set NAME=VALUE, parsed at once: an error names the assignment as
 * typed.  Returns 0 or EXIT_BAD_INPUT after reporting. */
static int take_set(cli_options *o, const char *arg)
{
    gpucost_error err;
    gpucost_set *set = &o->sets[o->rq.nsets];
    if (gpucost_whatif_parse_set(arg, &set->value, &err) != GPUCOST_OK) {
        snprintf(err.path, sizeof err.path, "--set %s", arg);
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    /* named in later errors as typed: "set.mfu=35", spelled --set mfu=35 */
    size_t n = strlen(arg) + 5;
    char *key = malloc(n);
    if (key == NULL)
        return cli_usage_error("out of memory");
    snprintf(key, n, "set.%s", arg);
    set->key = key;
    o->rq.nsets++;
    return 0;
}

void cli_options_release(cli_options *o)
{
    for (size_t i = 0; o->sets != NULL && i < o->rq.nsets; i++)
        free((char *)o->sets[i].key);
    free(o->sets);
    free(o->cases);
    o->sets = NULL;
    o->cases = NULL;
}

/* An option that takes a value.  Returns 0 or EXIT_BAD_INPUT. */
static int take_value(cli_options *o, int c, char *arg)
{
    switch (c) {
    case OPT_SET: return take_set(o, arg);
    case OPT_FORMAT:
        if (gpucost_format_lookup(arg, &o->rq.format) != 0)
            return cli_usage_error("--format: unknown format '%s' (expected table, md, csv, json, "
                                   "junit, tap, svg, html or scenario)",
                                   arg);
        o->rq.format_given = 1;
        return 0;
    case OPT_QUANTITIES:
        return parse_names("--quantities", arg, o->quantities, &o->rq.nquantities) ? EXIT_BAD_INPUT
                                                                                   : 0;
    case OPT_HOLD: return parse_names("--hold", arg, o->hold, &o->rq.nhold) ? EXIT_BAD_INPUT : 0;
    case OPT_SWEEP: o->rq.sweep = arg; return 0;
    case OPT_RECONCILE: o->cases[o->rq.ncases++] = arg; return 0;
    case OPT_ON: o->rq.on = arg; return 0;
    case OPT_TO: o->rq.to = arg; return 0;
    case OPT_COLUMNS: o->rq.hardware.columns = arg; return 0;
    case OPT_SORT: o->rq.hardware.sort = arg; return 0;
    case OPT_VENDOR: o->rq.hardware.vendor = arg; return 0;
    case OPT_YEAR: o->rq.hardware.year = arg; return 0;
    case OPT_CATALOG: o->catalog_dir = arg; return 0;
    case OPT_BASELINE: o->rq.baseline = arg; return 0;
    case 'o': o->output = arg; return 0;
    case OPT_OUTPUT: o->rq.headline = arg; return 0;
    case OPT_CHART: o->rq.chart = arg; return 0;
    case OPT_QUANTILES: return parse_quantiles(o, arg) ? EXIT_BAD_INPUT : 0;
    case OPT_FOR: o->rq.for_input = arg; return 0;
    case OPT_TARGET: o->rq.target = arg; return 0;
    default: return take_count(o, c, arg);
    }
}

int cli_parse_options(int argc, char **argv, cli_options *o)
{
    struct option longopts[sizeof options / sizeof options[0] + 1];
    size_t nlong = 0;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (options[i].name != NULL)
            longopts[nlong++] = (struct option){
                options[i].name, options[i].has_arg ? required_argument : no_argument, NULL,
                options[i].id};
    longopts[nlong] = (struct option){NULL, 0, NULL, 0};
    gpucost_request_init(&o->rq);
    o->rq.sets = o->sets;
    o->rq.cases = o->cases;
    o->rq.hold = o->hold;
    o->rq.quantities = o->quantities;
    o->rq.quantiles = o->quantiles;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case OPT_SOBOL: o->rq.sobol = 1; break;
        case OPT_HISTORY: o->rq.history = 1; break;
        case OPT_RULES: o->rq.rules = 1; break;
        case 'h':
            fputs(usage, stdout);
            print_options(stdout);
            return -1;
        case OPT_VERSION: printf("gpucost %s\n", GPUCOST_VERSION); return -1;
        case ':': return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
        case '?': return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        default: rc = take_value(o, c, optarg); break;
        }
        if (rc != 0)
            return rc;
    }
    o->args = argv + optind;
    o->nargs = (size_t)(argc - optind);
    return 0;
}
