/*
 * check_oom.c - every allocation failure path, SQLite's way: the test is
 * linked with --wrap=malloc,calloc,realloc,free, and a counter makes the
 * n-th allocation fail, for n = 1, 2, ... until the whole pipeline runs
 * through.  The pipeline is catalog -> scenario -> what-if -> derive ->
 * claims and conflicts -> range -> every output format -> reconcile ->
 * report.  Each run must end in GPUCOST_OK or an error (never a crash),
 * and every block allocated in it must be freed, on the error paths too.
 * cJSON allocates through the same wrappers (cJSON_InitHooks), so its
 * failures count as well; GSL's own allocations are not wrapped.
 *
 * The counters are global, as a malloc hook must be; they live in this
 * test alone.
 */
#include "check_util.h"

#include <cjson/cJSON.h>
#include <stdint.h>

#include "gpucost/call.h"
#include "gpucost/chips.h"
#include "gpucost/claims.h"
#include "gpucost/command.h"
#include "gpucost/model.h"
#include "gpucost/output.h"
#include "gpucost/prices.h"
#include "gpucost/range.h"
#include "gpucost/record.h"
#include "gpucost/reconcile.h"
#include "gpucost/report.h"
#include "gpucost/rules.h"
#include "gpucost/solve.h"
#include "gpucost/whatif.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

/* the window: armed between arm() and disarm() */
static int armed;
static long fail_at, count;
static int failed_once;
/* live blocks allocated while armed, by address (open addressing) */
#define LIVE_SLOTS (1u << 20)
static uintptr_t *live;
static size_t nlive;

static size_t slot_of(uintptr_t p)
{
    return (size_t)((p >> 4) * 2654435761u) & (LIVE_SLOTS - 1);
}

static void live_add(void *p)
{
    if (p == NULL || live == NULL)
        return;
    size_t i = slot_of((uintptr_t)p);
    while (live[i] != 0 && live[i] != 1)
        i = (i + 1) & (LIVE_SLOTS - 1);
    live[i] = (uintptr_t)p;
    nlive++;
}

static void live_remove(void *p)
{
    if (p == NULL || live == NULL)
        return;
    for (size_t i = slot_of((uintptr_t)p), k = 0; live[i] != 0 && k < LIVE_SLOTS;
         i = (i + 1) & (LIVE_SLOTS - 1), k++)
        if (live[i] == (uintptr_t)p) {
            live[i] = 1; /* a tombstone */
            nlive--;
            return;
        }
}

static int should_fail(void)
{
    if (!armed)
        return 0;
    if (++count == fail_at) {
        failed_once = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    void *p = __real_malloc(n);
    if (armed)
        live_add(p);
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    void *p = __real_calloc(n, size);
    if (armed)
        live_add(p);
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    void *q = __real_realloc(p, n);
    if (armed && q != NULL) {
        live_remove(p);
        live_add(q);
    }
    return q;
}

void __wrap_free(void *p)
{
    if (armed)
        live_remove(p);
    __real_free(p);
}

static void arm(long n)
{
    memset(live, 0, LIVE_SLOTS * sizeof *live);
    nlive = 0;
    count = 0;
    fail_at = n;
    failed_once = 0;
    armed = 1;
}

static void disarm(void)
{
    armed = 0;
}

/* Keeps the first error of an output in *st and empties the buffer. */
static void emit(gpucost_status rc, gpucost_buf *b, gpucost_status *st)
{
    if (*st == GPUCOST_OK)
        *st = rc;
    gpucost_buf_release(b);
    gpucost_buf_init(b);
}

/* Every output in every format it has, of one result. */
static gpucost_status outputs(const gpucost_result *r, const gpucost_claim_result *claims,
                              size_t ncases, const gpucost_range_result *range, gpucost_buf *b)
{
    gpucost_error err;
    gpucost_status st = GPUCOST_OK;
    gpucost_selection all = {NULL, 0};
    for (int f = GPUCOST_FMT_TABLE; st == GPUCOST_OK && f <= GPUCOST_FMT_JSON; f++) {
        emit(gpucost_output_run(r, 1, all, (gpucost_format)f, b, &err), b, &st);
        emit(gpucost_output_compare(r, 1, 0, all, NULL, (gpucost_format)f, b, &err), b, &st);
        emit(gpucost_output_check(claims, ncases, NULL, (gpucost_format)f, b, &err), b, &st);
        emit(gpucost_output_range(r->scenario, range, all, r, (gpucost_format)f, b, &err), b, &st);
        emit(gpucost_output_quantities((gpucost_format)f, b, &err), b, &st);
        emit(gpucost_output_solve(
                 r->scenario,
                 &(gpucost_solve_result){GPUCOST_Q_GPUS, GPUCOST_Q_WALL_DAYS, 3, 2048, 3, 1000, 7},
                 (gpucost_format)f, b, &err),
             b, &st);
    }
    if (st == GPUCOST_OK)
        emit(gpucost_output_check(claims, ncases, NULL, GPUCOST_FMT_JUNIT, b, &err), b, &st);
    if (st == GPUCOST_OK)
        emit(gpucost_output_check(claims, ncases, NULL, GPUCOST_FMT_TAP, b, &err), b, &st);
    if (st == GPUCOST_OK)
        emit(gpucost_output_compare(r, 1, -1, all, NULL, GPUCOST_FMT_SVG, b, &err), b, &st);
    if (st == GPUCOST_OK)
        emit(gpucost_output_range(r->scenario, range, all, NULL, GPUCOST_FMT_SVG, b, &err), b, &st);
    /* the page's: HTML tables (range's with both charts), the file as edited */
    if (st == GPUCOST_OK)
        emit(gpucost_output_run(r, 1, all, GPUCOST_FMT_HTML, b, &err), b, &st);
    if (st == GPUCOST_OK)
        emit(gpucost_output_range(r->scenario, range, all, NULL, GPUCOST_FMT_HTML, b, &err), b,
             &st);
    static const char file[] = "{\"id\": \"a\", \"inputs\": {\"gpus\": 8, \"wall_days\": 3}}";
    gpucost_override set[] = {gpucost_override_interval(GPUCOST_Q_MFU, 0.3, 0.45)};
    if (st == GPUCOST_OK)
        emit(gpucost_output_scenario(file, sizeof file - 1, "b", r->scenario, r->whatif, set, 1, b,
                                     &err),
             b, &st);
    return st;
}

/* A fleet: loaded, derived whole and by part, and run's table of it. */
static gpucost_status fleet(const gpucost_catalog *cat, int with_outputs, gpucost_buf *b)
{
    gpucost_error err;
    gpucost_scenario *f = NULL;
    gpucost_derivation d, parts[GPUCOST_MAX_PARTS];
    gpucost_status st =
        gpucost_scenario_load(GPUCOST_MODELS "/scenarios/semianalysis-fleet.json", &f, &err);
    if (st == GPUCOST_OK)
        st = gpucost_derive(f, cat, NULL, &d, &err);
    for (size_t i = 0; st == GPUCOST_OK && i < f->nparts; i++)
        st = gpucost_derive_part(f, cat, i, &parts[i], &err);
    if (with_outputs && st == GPUCOST_OK) {
        gpucost_result r = {f, &d, NULL, parts, f->nparts, NULL, 0};
        gpucost_selection all = {NULL, 0};
        emit(gpucost_output_run(&r, 1, all, GPUCOST_FMT_TABLE, b, &err), b, &st);
    }
    gpucost_scenario_free(f);
    return st;
}

/* The whole pipeline; returns its first error, or GPUCOST_OK.  With
 * `with_outputs` 0 the formatters and the report are left out. */
static gpucost_status pipeline(int with_outputs)
{
    gpucost_error err;
    gpucost_catalog *cat = NULL;
    gpucost_scenario *s = NULL, *c = NULL;
    gpucost_claim_result *claims = NULL;
    gpucost_range_result *range = NULL;
    gpucost_reconcile_result *rec = NULL;
    gpucost_derivation d;
    gpucost_whatif w;
    gpucost_buf b;
    gpucost_buf_init(&b);
    /* the three chips the pipeline's files name, copied from models/hardware
     * (dated prices, aliases, datacenter and release date included): the
     * whole catalog of 80, loaded once per failing allocation, would make
     * this test quadratic in the catalog's size */
    gpucost_status st =
        gpucost_catalog_load(GPUCOST_MODELS "/../tests/data/oom-hardware", &cat, &err);
    gpucost_defaults *defaults = NULL;
    if (st == GPUCOST_OK)
        st = gpucost_defaults_load(GPUCOST_MODELS "/defaults.json", &defaults, &err);
    if (st == GPUCOST_OK)
        gpucost_catalog_set_defaults(cat, defaults);
    if (st == GPUCOST_OK)
        st = gpucost_scenario_load(GPUCOST_MODELS "/scenarios/deepseek-v3-50k-h100.json", &s, &err);
    gpucost_override sets[] = {gpucost_override_hardware("h20")};
    if (st == GPUCOST_OK)
        st = gpucost_whatif_apply(s, cat, sets, 1, NULL, 0, &w, &err);
    if (st == GPUCOST_OK)
        st = gpucost_derive(s, cat, NULL, &d, &err);
    if (st == GPUCOST_OK) {
        claims = malloc((s->nclaims + GPUCOST_MAX_CONFLICTS + s->nexpect_conflicts + 1) *
                        sizeof *claims);
        st = claims == NULL ? GPUCOST_ENOMEM : gpucost_claims_check(s, cat, claims, &err);
    }
    size_t ncases = 0;
    if (st == GPUCOST_OK)
        ncases = s->nclaims + gpucost_claims_conflicts(s, &d, claims + s->nclaims);
    if (st == GPUCOST_OK) {
        range = malloc(sizeof *range);
        gpucost_range_options opt;
        gpucost_range_options_init(&opt);
        opt.samples = 64;
        opt.sobol = 1;
        opt.sobol_samples = 8;
        st = range == NULL ? GPUCOST_ENOMEM : gpucost_range_run(&d, &opt, range, &err);
    }
    gpucost_result r = {s, &d, &w, NULL, 0, NULL, 0};
    if (with_outputs && st == GPUCOST_OK)
        st = outputs(&r, claims, ncases, range, &b);
    if (st == GPUCOST_OK)
        st = gpucost_scenario_load(GPUCOST_MODELS "/cases/deepseek-50k-training.json", &c, &err);
    if (st == GPUCOST_OK) {
        const gpucost_scenario *files[1] = {c};
        st = gpucost_reconcile(files, 1, cat, NULL, &rec, &err);
    }
    for (int f = GPUCOST_FMT_TABLE; with_outputs && st == GPUCOST_OK && f <= GPUCOST_FMT_JSON; f++)
        emit(gpucost_output_reconcile(rec, (gpucost_format)f, &b, &err), &b, &st);
    if (with_outputs && st == GPUCOST_OK) {
        gpucost_report_item item = {
            .scenario = s, .derivation = &d, .claims = claims, .nclaims = ncases, .range = range};
        gpucost_report_case rc = {"case", rec};
        st = gpucost_report_html(&item, 1, &rc, 1, 0, NULL, NULL, "oom", &b, &err);
    }
    if (st == GPUCOST_OK)
        st = fleet(cat, with_outputs, &b);
    gpucost_buf_release(&b);
    gpucost_reconcile_free(rec);
    free(range);
    free(claims);
    gpucost_scenario_free(c);
    gpucost_scenario_free(s);
    gpucost_catalog_free(cat);
    return st;
}

/* The readers that came with the throughput model and the export rules,
 * on their own so that the quadratic cost of failing each allocation of
 * the whole pipeline does not grow with them: every rule file, every
 * bundled architecture, a scenario with an inline model block and phases
 * derived, and a verdict of each rule. */
static gpucost_status loaders(int with_outputs)
{
    (void)with_outputs;
    gpucost_error err;
    gpucost_rules *rules = NULL;
    gpucost_model *m = NULL;
    gpucost_scenario *s = NULL;
    gpucost_status st = gpucost_rules_load(GPUCOST_MODELS "/rules", &rules, &err);
    if (st == GPUCOST_OK) {
        gpucost_hardware h;
        memset(&h, 0, sizeof h);
        h.id = "h20";
        h.tpp = 2368;
        gpucost_export_verdict v;
        gpucost_rules_verdict(rules, &h, 20250601, NULL, &v);
        st = v.status == GPUCOST_EXPORT_LICENCE ? GPUCOST_OK : GPUCOST_EINVAL;
    }
    if (st == GPUCOST_OK)
        st = gpucost_model_load(GPUCOST_MODELS "/architectures/deepseek-v3.json", &m, &err);
    static const char text[] =
        "{\"id\": \"t\", \"model\": {\"layers\": 2, \"heads\": 4, \"head_dim\": 8, "
        "\"params_total\": 1e9, \"seq_len\": 128}, \"inputs\": {\"gpus\": 8, "
        "\"price_per_gpu_hour\": 2}, \"phases\": [{\"name\": \"a\", \"inputs\": "
        "{\"gpu_hours\": 100}}, {\"name\": \"b\", \"inputs\": {\"wall_days\": 1}}], "
        "\"claims\": [{\"quantity\": \"cost_usd\", \"value\": 200, \"phase\": \"a\"}, "
        "{\"export\": {\"hardware\": \"h20\", \"on\": \"2025-06-01\"}, \"status\": "
        "\"licence\"}]}";
    if (st == GPUCOST_OK)
        st = gpucost_scenario_parse("oom.json", text, sizeof text - 1, &s, &err);
    gpucost_derivation d;
    if (st == GPUCOST_OK)
        st = gpucost_derive(s, NULL, NULL, &d, &err);
    gpucost_scenario_free(s);
    gpucost_model_free(m);
    gpucost_rules_free(rules);
    return st;
}

/* gpucost_call: the request's reader (sets as an object, a range, a
 * wrapped scenario with its own set and id, a scenario object, quantity
 * lists) and the command layer (compare with a baseline).  No catalog, so
 * a run is short. */
static gpucost_status call_request(int with_outputs)
{
    (void)with_outputs;
    static const char request[] =
        "{\"command\": \"compare\", \"baseline\": \"a\", \"quantities\": [\"cost_usd\", "
        "\"gpu_hours\"], \"set\": {\"price_per_gpu_hour\": {\"low\": 1.5, \"high\": 3.5}}, "
        "\"scenarios\": [{\"id\": \"a\", \"inputs\": {\"gpus\": 8, \"wall_days\": 2}}, "
        "{\"text\": \"{\\\"id\\\": \\\"b\\\", \\\"inputs\\\": {\\\"gpus\\\": 16}}\", "
        "\"file\": \"b.json\", \"set\": [\"wall_days=1\"], \"id\": \"c\"}]}";
    char *out = NULL;
    int rc = gpucost_call(request, &out);
    gpucost_call_free(out);
    return rc == 0 ? GPUCOST_OK : GPUCOST_ENOMEM;
}

/* Epoch AI's record (record.h) on a small CSV that has a bad row, a
 * fine-tune with its base model, a non-language row, an MFU of 72 and a
 * lost exponent: read outside the window, parsed with the catalog in it. */
#define RECORD_SMALL GPUCOST_MODELS "/../tests/data/record/small.csv"
static gpucost_catalog *record_catalog;
static char *record_text;
static size_t record_len;

static gpucost_status record_parse(int with_outputs)
{
    (void)with_outputs;
    gpucost_error err;
    gpucost_record *r = NULL;
    gpucost_status st =
        gpucost_record_parse(RECORD_SMALL, record_text, record_len, record_catalog, &r, &err);
    if (st == GPUCOST_OK &&
        (r->nrows != 8 || r->units.nerrors != 1 || gpucost_units_untestable_rows(&r->units) != 1 ||
         r->units.nuntestable != 3))
        st = GPUCOST_EINVAL; /* a row or a cell dropped quietly */
    if (st != GPUCOST_OK && r != NULL)
        st = GPUCOST_EINVAL; /* a failure hands nothing back */
    gpucost_record_free(r);
    return st;
}

/* The command path: `gpucost check small.csv` (the CSV expanded into
 * its rows, the bad row kept as a unit, every row checked and written). */
static gpucost_status record_check(int with_outputs)
{
    (void)with_outputs;
    gpucost_error err;
    gpucost_request rq;
    gpucost_request_init(&rq);
    gpucost_scenario_input in = {.file = RECORD_SMALL};
    rq.command = "check";
    rq.scenarios = &in;
    rq.nscenarios = 1;
    rq.catalog = record_catalog;
    rq.format = GPUCOST_FMT_JSON;
    rq.format_given = 1;
    gpucost_buf b;
    gpucost_buf_init(&b);
    int verdict = 0;
    gpucost_status st = gpucost_command_execute(&rq, &b, &verdict, &err);
    if (st == GPUCOST_OK && (verdict != 2 || strstr(gpucost_buf_str(&b), "vision-net") == NULL))
        st = GPUCOST_EINVAL; /* the bad row or the untestable one went missing */
    gpucost_buf_release(&b);
    return st;
}

/* Whether a failed run must say GPUCOST_ENOMEM (the record's runs: every
 * failure there is the allocator's), and whether a run that went through
 * with a failed allocation is allowed: the command layer keeps going past
 * a row whose scenario text fails to parse, and json.c reports cJSON's
 * failed allocations as "invalid JSON", so such a row is a bad unit. */
static int want_enomem, allow_silent;

/* Epoch's chip dataset and price database (chips.h, prices.h): two rows
 * each, one with a with-sparsity figure and one with two kinds of price. */
static gpucost_status importers(int with_outputs)
{
    (void)with_outputs;
    static const char chips[] =
        "Hardware name,Manufacturer,Type,Release date,Release price (USD),"
        "FP32 (single precision) performance (FLOP/s),Tensor-FP16/BF16 performance (FLOP/s),"
        "INT8 performance (OP/s),Link to datasheet\n"
        "NVIDIA A100,NVIDIA,GPU,2020-05-14,$15000,19500000000000,312000000000000,"
        "1248000000000000,https://a.example; https://b.example\n"
        "Google TPU v3,Google,TPU,2018-05-18,,,123000000000000,,\n";
    static const char prices[] =
        "Price source,Price date,Hardware model,Manufacturer,Vendor,"
        "Price per chip-hour (on-demand),Price per chip-hour (1-year CUD),"
        "Price (hardware purchase),Notes\n"
        "https://a.example,2024-01-01,NVIDIA A100,NVIDIA,X,1.5,1.1,,\"a, b\"\n"
        "https://b.example,2024-02-01,NVIDIA A100,NVIDIA,,,,10000,\n";
    gpucost_error err;
    gpucost_chips *c = NULL;
    gpucost_prices *p = NULL;
    gpucost_status st = gpucost_chips_parse("chips.csv", chips, sizeof chips - 1, &c, &err);
    if (st == GPUCOST_OK && c->nentries != 2)
        st = GPUCOST_EINVAL; /* an entry dropped quietly */
    if (st == GPUCOST_OK)
        st = gpucost_prices_parse("prices.csv", prices, sizeof prices - 1, &p, &err);
    if (st == GPUCOST_OK && (p->nchips != 1 || p->chips[0].nobs != 3))
        st = GPUCOST_EINVAL;
    gpucost_chips_free(c);
    gpucost_prices_free(p);
    return st;
}

/* Fails allocation n = 1, 2, ... of `run` until one run goes through. */
static void fail_each(gpucost_status (*run)(int), const char *what)
{
    long n;
    size_t leaky_runs = 0, silent_runs = 0, wrong_runs = 0;
    for (n = 1; n < 200000; n++) {
        arm(n);
        gpucost_status st = run(1);
        disarm();
        if (nlive != 0 && leaky_runs++ < 5)
            fprintf(stderr, "%s: allocation %ld failing left %zu blocks (status %d)\n", what, n,
                    nlive, (int)st);
        if (failed_once && st == GPUCOST_OK && !allow_silent && silent_runs++ < 5)
            fprintf(stderr, "%s: allocation %ld failing still returned OK\n", what, n);
        if (want_enomem && failed_once && st != GPUCOST_OK && st != GPUCOST_ENOMEM &&
            wrong_runs++ < 5)
            fprintf(stderr, "%s: allocation %ld failing returned %d, not GPUCOST_ENOMEM\n", what, n,
                    (int)st);
        if (!failed_once) {
            ck_assert_int_eq(st, GPUCOST_OK);
            break;
        }
    }
    ck_assert_uint_eq(leaky_runs, 0);
    ck_assert_uint_eq(silent_runs, 0);
    ck_assert_uint_eq(wrong_runs, 0);
    ck_assert_msg(n > 100, "%s: only %ld allocations: the wrappers are not in place", what, n);
    fprintf(stderr, "check_oom: %s: %ld allocation points, each failed once, no leak\n", what,
            n - 1);
}

/* The wrappers' table and cJSON's hooks around one fail_each run; with
 * OOM_AT=n, only that one failure of `run` (for valgrind --leak-check). */
static void oom_run(gpucost_status (*run)(int), const char *what)
{
    live = __real_calloc(LIVE_SLOTS, sizeof *live);
    ck_assert_ptr_nonnull(live);
    cJSON_Hooks hooks = {__wrap_malloc, __wrap_free};
    cJSON_InitHooks(&hooks);
    const char *only = getenv("OOM_AT");
    if (only != NULL) {
        arm(atol(only));
        run(1);
        disarm();
        fprintf(stderr, "%s: allocation %s failing left %zu blocks\n", what, only, nlive);
    } else {
        fail_each(run, what);
    }
    cJSON_InitHooks(NULL);
    __real_free(live);
}

START_TEST(test_oom_loaders)
{
    oom_run(loaders, "rules, models and phases");
}
END_TEST

START_TEST(test_oom_importers)
{
    want_enomem = 1;
    oom_run(importers, "the chip and price importers");
    want_enomem = 0;
}
END_TEST

START_TEST(test_oom_call)
{
    oom_run(call_request, "gpucost_call");
}
END_TEST

static void record_setup(void)
{
    gpucost_error err;
    ck_assert_int_eq(gpucost_catalog_load(GPUCOST_MODELS "/hardware", &record_catalog, &err),
                     GPUCOST_OK);
    FILE *f = fopen(RECORD_SMALL, "rb");
    ck_assert_ptr_nonnull(f);
    record_text = malloc(1 << 16);
    ck_assert_ptr_nonnull(record_text);
    record_len = fread(record_text, 1, 1 << 16, f);
    fclose(f);
    ck_assert_uint_gt(record_len, 0);
    want_enomem = 1;
}

static void record_teardown(void)
{
    want_enomem = 0;
    free(record_text);
    record_text = NULL;
    gpucost_catalog_free(record_catalog);
    record_catalog = NULL;
}

START_TEST(test_oom_record_parse)
{
    record_setup();
    oom_run(record_parse, "the record's reader");
    record_teardown();
}
END_TEST

START_TEST(test_oom_record_check)
{
    record_setup();
    allow_silent = 1; /* json.c's ENOMEM as ESYNTAX: told to the lead */
    oom_run(record_check, "check of the record");
    allow_silent = 0;
    record_teardown();
}
END_TEST

/* `gpucost new`'s skeleton (scenario.h): parsed sets, the text, and the
 * parse and derivation that prove it loads; the catalog is loaded before. */
static gpucost_status skeleton(int with_outputs)
{
    (void)with_outputs;
    const char *sets[] = {"hardware=h800", "gpus=2048", "gpu_hours=2.788M",
                          "price_per_gpu_hour=1.5..3.5"};
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    gpucost_status st =
        gpucost_scenario_skeleton("training", NULL, sets, 4, record_catalog, &b, &err);
    if (st == GPUCOST_OK && strstr(gpucost_buf_str(&b), "\"gpu_hours\": 2788000") == NULL)
        st = GPUCOST_EINVAL; /* a text that lost an input */
    gpucost_buf_release(&b);
    return st;
}

START_TEST(test_oom_skeleton)
{
    gpucost_error err;
    ck_assert_int_eq(gpucost_catalog_load(GPUCOST_MODELS "/hardware", &record_catalog, &err),
                     GPUCOST_OK);
    oom_run(skeleton, "the new scenario's skeleton");
    gpucost_catalog_free(record_catalog);
    record_catalog = NULL;
}
END_TEST

START_TEST(test_oom_every_allocation_fails_cleanly)
{
    oom_run(pipeline, "the pipeline");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("oom");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 600);
    tcase_add_test(core, test_oom_every_allocation_fails_cleanly);
    tcase_add_test(core, test_oom_loaders);
    tcase_add_test(core, test_oom_call);
    tcase_add_test(core, test_oom_importers);
    tcase_add_test(core, test_oom_record_parse);
    tcase_add_test(core, test_oom_record_check);
    suite_add_tcase(s, core);
    /* apart, so that CK_RUN_CASE=skeleton runs it alone */
    TCase *skel = tcase_create("skeleton");
    tcase_set_timeout(skel, 600);
    tcase_add_test(skel, test_oom_skeleton);
    suite_add_tcase(s, skel);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
