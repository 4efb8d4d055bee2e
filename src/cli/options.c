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
/* In two parts: C17 promises string literals up to 4,095 characters. */
static const char usage_options[] =
    "Options:\n"
    "  --set NAME=VALUE        what-if override, repeatable: gpus=50k, gpu_hours=2.8M,\n"
    "                          hardware=h100, precision=fp8, price_per_gpu_hour=1.5..3.5\n"
    "                          (a 90% range), wall_days=none (drop an input);\n"
    "                          hardware= and precision= hold the job: training FLOPs,\n"
    "                          gpus and mfu stay, GPU-hours and days are re-derived\n"
    "  --hold a,b,c            what a --set holds instead (others that would\n"
    "                          over-determine them are dropped and listed)\n"
    "  --sweep NAME=V1,V2,...  compare: one FILE, one row per value, ratios to the first\n"
    "  --format FMT            table (default), md, csv, json; check also junit, tap;\n"
    "                          compare and range also svg (one chart)\n"
    "  --quantities a,b,c      which quantities to show\n"
    "  --baseline ID|FILE      compare, report: ratios to the scenario with this id;\n"
    "                          range: ratios to this scenario file's point values\n"
    "  --samples N             range: Monte Carlo samples (default 100k)\n"
    "  --seed N                range: random seed (default 20250127, always printed)\n"
    "  --threads N             range: worker threads (default: all cores); results\n"
    "                          depend only on --seed and --samples\n"
    "  --quantiles 5,50,95     range: percentiles to report (percent or fractions)\n"
    "  --output QUANTITY       range: the tornado's headline (default cost_usd)\n"
    "  --chart histogram|tornado  range --format svg: which chart (default histogram)\n"
    "  --sobol                 range: add first-order and total Sobol indices\n"
    "  --sobol-samples N       range: Sobol base sample count (default 16,384)\n"
    "  --catalog DIR           hardware catalog (default: models/hardware beside the\n"
    "                          scenarios, $GPUCOST_CATALOG, then the installed one)\n"
    "  -o FILE                 write to FILE atomically instead of stdout\n"
    "  -h, --help              this help\n"
    "  --version               the version\n"
    "\n"
    "Exit status: 0 success, 1 a claim or conflict failed (check) or numbers must be\n"
    "dropped (reconcile), 2 bad input or usage.\n"
    "Numbers accept suffixes k, M, B, T (50k, 2.8M) and exponents (1.5e6).\n";

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

/* An option that takes a value.  Returns 0 or EXIT_BAD_INPUT. */
static int take_value(cli_options *o, int c, char *arg)
{
    switch (c) {
    case OPT_SET: o->sets[o->rq.nsets++] = arg; return 0;
    case OPT_FORMAT:
        if (gpucost_format_lookup(arg, &o->rq.format) != 0)
            return cli_usage_error(
                "--format: unknown format '%s' (expected table, md, csv, json, junit or tap)", arg);
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
    static const struct option longopts[] = {
        {"set", required_argument, NULL, OPT_SET},
        {"hold", required_argument, NULL, OPT_HOLD},
        {"sweep", required_argument, NULL, OPT_SWEEP},
        {"reconcile", required_argument, NULL, OPT_RECONCILE},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"quantities", required_argument, NULL, OPT_QUANTITIES},
        {"catalog", required_argument, NULL, OPT_CATALOG},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"seed", required_argument, NULL, OPT_SEED},
        {"samples", required_argument, NULL, OPT_SAMPLES},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"output", required_argument, NULL, OPT_OUTPUT},
        {"quantiles", required_argument, NULL, OPT_QUANTILES},
        {"chart", required_argument, NULL, OPT_CHART},
        {"sobol", no_argument, NULL, OPT_SOBOL},
        {"sobol-samples", required_argument, NULL, OPT_SOBOL_SAMPLES},
        {"for", required_argument, NULL, OPT_FOR},
        {"target", required_argument, NULL, OPT_TARGET},
        {"on", required_argument, NULL, OPT_ON},
        {"to", required_argument, NULL, OPT_TO},
        {"columns", required_argument, NULL, OPT_COLUMNS},
        {"sort", required_argument, NULL, OPT_SORT},
        {"vendor", required_argument, NULL, OPT_VENDOR},
        {"year", required_argument, NULL, OPT_YEAR},
        {"history", no_argument, NULL, OPT_HISTORY},
        {"rules", no_argument, NULL, OPT_RULES},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
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
            fputs(usage_options, stdout);
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
