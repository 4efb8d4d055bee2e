/*
 * check_oom.c - every allocation failure path, SQLite's way, one stage at
 * a time: a stage (load the catalog, load a scenario, what-if, derive,
 * claims, range, each output in each format, reconcile, report, a fleet,
 * the readers of rules and models, the importers, the record,
 * gpucost_call) runs alone with allocation n failing, for n = 1, 2, ...
 * until a run goes through without reaching the n-th allocation.  What a
 * stage reads is built once, outside the window, so each run costs the
 * stage, not the pipeline before it.
 *
 * Each failing run must return GPUCOST_ENOMEM (gpucost_call: exit status
 * 2 and the error's code "nomem", or no answer), never crash, and free
 * every block it allocated.  Only a failure the caller recovered from may
 * let the run go through: libcsv answers a failed realloc by asking at
 * once for less.  The allocator is the test's own, installed with
 * gpucost_set_allocator (the library's malloc, realloc and free, and
 * libcsv's buffers through them) and cJSON_InitHooks (cJSON's): no
 * linker tricks, and no table of live blocks to clear per run.  A header
 * before each block says which run allocated it, so a leak is a count,
 * and a block the library frees that its allocator did not hand out
 * stops the test.  GSL's own allocations are not counted.  Stages that
 * allocate nothing today (derive, claims) stay, so that one that starts
 * to is covered.
 *
 * OOM_STAGE=NAME runs only the stages whose name contains NAME, and
 * OOM_AT=n fails only allocation n of them (for valgrind --leak-check).
 * The allocator's counters are globals, as a malloc hook's must be; they
 * live in this test alone.
 */
#include "check_util.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "gpucost/alloc.h"
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

/* ---- the test allocator ---- */

typedef union block {
    struct {
        uint64_t magic;
        long run; /* the window that allocated the block, 0 outside any */
    } h;
    max_align_t align;
} block;
#define MAGIC UINT64_C(0x676375636f6f6d21)

static int armed;
static long run_id, fail_at, count;
static int failed_once;
static long nlive; /* blocks of this run not yet freed */
/* libcsv answers a failed realloc by asking again for less: a failure
 * followed by a realloc of the same block was recovered from, and the
 * run may go through */
static int failed_realloc, recovered;
static void *failed_block;

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

static block *header_of(void *p)
{
    block *b = (block *)p - 1;
    if (b->h.magic != MAGIC) {
        fprintf(stderr,
                "check_oom: %p reached the allocator's free or realloc, which did "
                "not allocate it\n",
                p);
        abort();
    }
    return b;
}

/* A new block tagged with the run, or NULL; counts nothing. */
static void *tagged(size_t n)
{
    block *b = malloc(sizeof *b + n);
    if (b == NULL)
        return NULL;
    b->h.magic = MAGIC;
    b->h.run = armed ? run_id : 0;
    nlive += armed;
    return b + 1;
}

static void *t_malloc(size_t n)
{
    return should_fail() ? NULL : tagged(n);
}

static void t_free(void *p)
{
    if (p == NULL)
        return;
    block *b = header_of(p);
    if (b->h.run != 0 && b->h.run == run_id)
        nlive--;
    b->h.magic = 0;
    free(b);
}

static void *t_realloc(void *p, size_t n)
{
    if (armed && failed_realloc && count == fail_at && p == failed_block)
        recovered = 1; /* the very next call, asking again for the same block */
    block *b = p != NULL ? header_of(p) : NULL;
    if (should_fail()) {
        failed_realloc = 1;
        failed_block = p;
        return NULL;
    }
    if (p == NULL)
        return tagged(n);
    block *q = realloc(b, sizeof *q + n);
    return q != NULL ? q + 1 : NULL;
}

static void arm(long n)
{
    run_id++;
    nlive = 0;
    count = 0;
    fail_at = n;
    failed_once = failed_realloc = recovered = 0;
    failed_block = NULL;
    armed = 1;
}

static void disarm(void)
{
    armed = 0;
}

/* ---- what the stages read, built once outside the window ---- */

/* every stage's error, so that a bad run's report can quote it */
static gpucost_error err;

static struct {
    gpucost_catalog *cat; /* the three chips the files name, with defaults */
    gpucost_scenario *s;  /* deepseek-v3-50k-h100, what-if hardware=h20 applied */
    gpucost_whatif w;
    gpucost_derivation d;
    gpucost_claim_result *claims;
    size_t ncases;
    gpucost_range_result *range;
    gpucost_scenario *c; /* a case for reconcile */
    gpucost_reconcile_result *rec;
    gpucost_format format; /* the output stages' format */
} fx;

#define OOM_HARDWARE GPUCOST_MODELS "/../tests/data/oom-hardware"
#define DEEPSEEK GPUCOST_MODELS "/scenarios/deepseek-v3-50k-h100.json"
#define CASE GPUCOST_MODELS "/cases/deepseek-50k-training.json"

static void range_options(gpucost_range_options *opt)
{
    gpucost_range_options_init(opt);
    opt->samples = 64;
    opt->sobol = 1;
    opt->sobol_samples = 8;
    opt->threads = 1; /* the counters are not atomic */
}

static void fixture_setup(void)
{
    gpucost_defaults *defaults = NULL;
    /* the three chips the pipeline's files name, copied from
     * models/hardware (dated prices, aliases, datacenter and release date
     * included) */
    ck_assert_int_eq(gpucost_catalog_load(OOM_HARDWARE, &fx.cat, &err), GPUCOST_OK);
    ck_assert_int_eq(gpucost_defaults_load(GPUCOST_MODELS "/defaults.json", &defaults, &err),
                     GPUCOST_OK);
    gpucost_catalog_set_defaults(fx.cat, defaults);
    ck_assert_int_eq(gpucost_scenario_load(DEEPSEEK, &fx.s, &err), GPUCOST_OK);
    gpucost_override sets[] = {gpucost_override_hardware("h20")};
    ck_assert_int_eq(gpucost_whatif_apply(fx.s, fx.cat, sets, 1, NULL, 0, &fx.w, &err), GPUCOST_OK);
    ck_assert_int_eq(gpucost_derive(fx.s, fx.cat, NULL, &fx.d, &err), GPUCOST_OK);
    fx.claims = malloc((fx.s->nclaims + GPUCOST_MAX_CONFLICTS + fx.s->nexpect_conflicts + 1) *
                       sizeof *fx.claims);
    ck_assert_ptr_nonnull(fx.claims);
    ck_assert_int_eq(gpucost_claims_check(fx.s, fx.cat, fx.claims, &err), GPUCOST_OK);
    fx.ncases = fx.s->nclaims + gpucost_claims_conflicts(fx.s, &fx.d, fx.claims + fx.s->nclaims);
    fx.range = malloc(sizeof *fx.range);
    ck_assert_ptr_nonnull(fx.range);
    gpucost_range_options opt;
    range_options(&opt);
    ck_assert_int_eq(gpucost_range_run(&fx.d, &opt, fx.range, &err), GPUCOST_OK);
    ck_assert_int_eq(gpucost_scenario_load(CASE, &fx.c, &err), GPUCOST_OK);
    const gpucost_scenario *files[1] = {fx.c};
    ck_assert_int_eq(gpucost_reconcile(files, 1, fx.cat, NULL, &fx.rec, &err), GPUCOST_OK);
}

static void fixture_teardown(void)
{
    gpucost_reconcile_free(fx.rec);
    gpucost_scenario_free(fx.c);
    free(fx.range);
    free(fx.claims);
    gpucost_scenario_free(fx.s);
    gpucost_catalog_free(fx.cat);
    memset(&fx, 0, sizeof fx);
}

/* ---- the stages ---- */

static gpucost_status load_catalog(void)
{
    gpucost_catalog *cat = NULL;
    gpucost_defaults *defaults = NULL;
    gpucost_status st = gpucost_catalog_load(OOM_HARDWARE, &cat, &err);
    if (st == GPUCOST_OK)
        st = gpucost_defaults_load(GPUCOST_MODELS "/defaults.json", &defaults, &err);
    if (st == GPUCOST_OK)
        gpucost_catalog_set_defaults(cat, defaults);
    gpucost_catalog_free(cat);
    return st;
}

static gpucost_status load_scenario(void)
{
    gpucost_scenario *s = NULL;
    gpucost_status st = gpucost_scenario_load(DEEPSEEK, &s, &err);
    gpucost_scenario_free(s);
    return st;
}

/* what-if and derive on a scenario loaded outside the window (what-if
 * changes the scenario it is given) */
static gpucost_scenario *fresh;

static gpucost_status whatif(void)
{
    gpucost_whatif w;
    gpucost_override sets[] = {gpucost_override_hardware("h20")};
    return gpucost_whatif_apply(fresh, fx.cat, sets, 1, NULL, 0, &w, &err);
}

static gpucost_status derive(void)
{
    gpucost_derivation d;
    return gpucost_derive(fx.s, fx.cat, NULL, &d, &err);
}

static gpucost_status claims(void)
{
    gpucost_claim_result *out =
        malloc((fx.s->nclaims + GPUCOST_MAX_CONFLICTS + fx.s->nexpect_conflicts + 1) * sizeof *out);
    ck_assert_ptr_nonnull(out);
    gpucost_status st = gpucost_claims_check(fx.s, fx.cat, out, &err);
    if (st == GPUCOST_OK)
        gpucost_claims_conflicts(fx.s, &fx.d, out + fx.s->nclaims);
    free(out);
    return st;
}

static gpucost_status range(void)
{
    gpucost_range_options opt;
    range_options(&opt);
    gpucost_range_result *r = malloc(sizeof *r);
    ck_assert_ptr_nonnull(r);
    gpucost_status st = gpucost_range_run(&fx.d, &opt, r, &err);
    free(r);
    return st;
}

/* One output of the fixture in fx.format, into a buffer the stage frees;
 * a buffer whose allocation failed is GPUCOST_ENOMEM too. */
static gpucost_status written(gpucost_status st, gpucost_buf *b)
{
    if (st == GPUCOST_OK && b->failed)
        st = GPUCOST_ENOMEM;
    gpucost_buf_release(b);
    return st;
}

#define OUTPUT_STAGE(name, call)                                                                   \
    static gpucost_status name(void)                                                               \
    {                                                                                              \
        gpucost_buf b;                                                                             \
        gpucost_buf_init(&b);                                                                      \
        gpucost_result r = {fx.s, &fx.d, &fx.w, NULL, 0, NULL, 0};                                 \
        gpucost_selection all = {NULL, 0};                                                         \
        (void)r;                                                                                   \
        (void)all;                                                                                 \
        return written(call, &b);                                                                  \
    }

OUTPUT_STAGE(out_run, gpucost_output_run(&r, 1, all, fx.format, &b, &err))
OUTPUT_STAGE(out_compare, gpucost_output_compare(&r, 1, fx.format == GPUCOST_FMT_SVG ? -1 : 0, all,
                                                 NULL, fx.format, &b, &err))
OUTPUT_STAGE(out_check, gpucost_output_check(fx.claims, fx.ncases, NULL, fx.format, &b, &err))
OUTPUT_STAGE(out_range,
             gpucost_output_range(fx.s, fx.range, all, fx.format == GPUCOST_FMT_SVG ? NULL : &r,
                                  fx.format, &b, &err))
OUTPUT_STAGE(out_quantities, gpucost_output_quantities(fx.format, &b, &err))
OUTPUT_STAGE(out_solve,
             gpucost_output_solve(fx.s,
                                  &(gpucost_solve_result){GPUCOST_Q_GPUS, GPUCOST_Q_WALL_DAYS, 3,
                                                          2048, 3, 1000, 7},
                                  fx.format, &b, &err))
OUTPUT_STAGE(out_reconcile, gpucost_output_reconcile(fx.rec, fx.format, &b, &err))
OUTPUT_STAGE(report, gpucost_report_html(&(gpucost_report_item){.scenario = fx.s,
                                                                .derivation = &fx.d,
                                                                .claims = fx.claims,
                                                                .nclaims = fx.ncases,
                                                                .range = fx.range},
                                         1, &(gpucost_report_case){"case", fx.rec}, 1, 0, NULL,
                                         NULL, "oom", &b, &err))

static gpucost_status reconcile(void)
{
    gpucost_reconcile_result *rec = NULL;
    const gpucost_scenario *files[1] = {fx.c};
    gpucost_status st = gpucost_reconcile(files, 1, fx.cat, NULL, &rec, &err);
    gpucost_reconcile_free(rec);
    return st;
}

/* A fleet: loaded, derived whole and by part, and run's table of it. */
static gpucost_status fleet(void)
{
    gpucost_scenario *f = NULL;
    gpucost_derivation d, parts[GPUCOST_MAX_PARTS];
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_status st =
        gpucost_scenario_load(GPUCOST_MODELS "/scenarios/semianalysis-fleet.json", &f, &err);
    if (st == GPUCOST_OK)
        st = gpucost_derive(f, fx.cat, NULL, &d, &err);
    for (size_t i = 0; st == GPUCOST_OK && i < f->nparts; i++)
        st = gpucost_derive_part(f, fx.cat, i, &parts[i], &err);
    if (st == GPUCOST_OK) {
        gpucost_result r = {f, &d, NULL, parts, f->nparts, NULL, 0};
        gpucost_selection all = {NULL, 0};
        st = gpucost_output_run(&r, 1, all, GPUCOST_FMT_TABLE, &b, &err);
    }
    st = written(st, &b);
    gpucost_scenario_free(f);
    return st;
}

/* The readers that came with the throughput model and the export rules,
 * on their own so that the quadratic cost of failing each allocation of
 * the whole pipeline does not grow with them: every rule file, every
 * bundled architecture, a scenario with an inline model block and phases
 * derived, and a verdict of each rule. */
static gpucost_status loaders(void)
{
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
static gpucost_status call_request(void)
{
    static const char request[] =
        "{\"command\": \"compare\", \"baseline\": \"a\", \"quantities\": [\"cost_usd\", "
        "\"gpu_hours\"], \"set\": {\"price_per_gpu_hour\": {\"low\": 1.5, \"high\": 3.5}}, "
        "\"scenarios\": [{\"id\": \"a\", \"inputs\": {\"gpus\": 8, \"wall_days\": 2}}, "
        "{\"text\": \"{\\\"id\\\": \\\"b\\\", \\\"inputs\\\": {\\\"gpus\\\": 16}}\", "
        "\"file\": \"b.json\", \"set\": [\"wall_days=1\"], \"id\": \"c\"}]}";
    char *out = NULL;
    int rc = gpucost_call(request, &out);
    /* a failure is status 2 with no answer, or with the error's JSON
     * naming the status */
    gpucost_status st = GPUCOST_EINVAL;
    if (rc == 0)
        st = GPUCOST_OK;
    else if (rc == 2 && (out == NULL || strstr(out, "\"code\":\"nomem\"") != NULL))
        st = GPUCOST_ENOMEM;
    else if (rc == 2 && strstr(out, "\"code\":\"syntax\"") != NULL)
        st = GPUCOST_ESYNTAX;
    gpucost_call_free(out);
    return st;
}

/* gpucost_call's answer as a status, as call_request reads it. */
static gpucost_status call_status(const char *request)
{
    char *out = NULL;
    int rc = gpucost_call(request, &out);
    gpucost_status st = GPUCOST_EINVAL;
    if (rc == 0 || rc == 1)
        st = GPUCOST_OK;
    else if (rc == 2 && (out == NULL || strstr(out, "\"code\":\"nomem\"") != NULL))
        st = GPUCOST_ENOMEM;
    gpucost_call_free(out);
    return st;
}

/* run's HTML tables and the scenario as edited (the page's requests) */
static gpucost_status call_page(void)
{
    gpucost_status st =
        call_status("{\"command\": \"run\", \"format\": \"html\", \"scenarios\": [{\"id\": \"a\", "
                    "\"inputs\": {\"gpus\": 2048, \"wall_days\": 2}}]}");
    if (st == GPUCOST_OK)
        st = call_status("{\"command\": \"run\", \"format\": \"scenario\", \"set\": "
                         "{\"gpus\": 4096, \"mfu\": {\"low\": 0.3, \"high\": 0.45}}, "
                         "\"scenarios\": [{\"text\": \"{\\\"id\\\": \\\"b\\\", \\\"inputs\\\": "
                         "{\\\"gpus\\\": 16, \\\"wall_days\\\": 1}}\", \"file\": \"b.json\"}]}");
    return st;
}

/* `gpucost new`'s skeleton, derived as run would */
static gpucost_status skeleton(void)
{
    static const char *const sets[] = {"hardware=h800", "gpus=2048", "gpu_hours=2.788M",
                                       "price_per_gpu_hour=1.5..3.5"};
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_status st = gpucost_scenario_skeleton("training", "v3", sets, 4, fx.cat, &b, &err);
    gpucost_buf_release(&b);
    return st;
}

/* Epoch AI's record (record.h) on a small CSV that has a bad row, a
 * fine-tune with its base model, a non-language row, an MFU of 72 and a
 * lost exponent: read outside the window, parsed with the catalog in it. */
#define RECORD_SMALL GPUCOST_MODELS "/../tests/data/record/small.csv"
static gpucost_catalog *record_catalog;
static char *record_text;
static size_t record_len;

static gpucost_status record_parse(void)
{
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
static gpucost_status record_check(void)
{
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

/* Epoch's chip dataset and price database (chips.h, prices.h): two rows
 * each, one with a with-sparsity figure and one with two kinds of price. */
static gpucost_status importers(void)
{
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

/* ---- the runner ---- */

typedef struct stage {
    const char *name;
    gpucost_status (*run)(void);
    gpucost_format format; /* fx.format while it runs */
    void (*before)(void);  /* run outside the window, before and after each run */
    void (*after)(void);
} stage;

static void fresh_load(void)
{
    ck_assert_int_eq(gpucost_scenario_load(DEEPSEEK, &fresh, &err), GPUCOST_OK);
}

static void fresh_free(void)
{
    gpucost_scenario_free(fresh);
    fresh = NULL;
}

static long run_once(const stage *sg, long n, gpucost_status *st)
{
    if (sg->before != NULL)
        sg->before();
    fx.format = sg->format;
    arm(n);
    *st = sg->run();
    disarm();
    if (sg->after != NULL)
        sg->after();
    return nlive;
}

static int selected(const stage *sg)
{
    const char *only = getenv("OOM_STAGE");
    return only == NULL || strstr(sg->name, only) != NULL;
}

/* Fails allocation n = 1, 2, ... of the stage until one run goes
 * through; returns the number of failures it saw, and adds the stage's
 * allocation points to *points. */
static int fail_each(const stage *sg, long *points)
{
    if (!selected(sg))
        return 0;
    const char *at = getenv("OOM_AT");
    gpucost_status st;
    if (at != NULL) {
        long left = run_once(sg, atol(at), &st);
        fprintf(stderr, "check_oom: %s: allocation %s failing returned %d, left %ld blocks\n",
                sg->name, at, (int)st, left);
        return left != 0;
    }
    int bad = 0;
    long n;
    for (n = 1;; n++) {
        long left = run_once(sg, n, &st);
        const char *why = NULL;
        if (left != 0)
            why = "left blocks allocated";
        else if (failed_once && st == GPUCOST_OK && !recovered)
            why = "still returned GPUCOST_OK";
        else if (failed_once && st != GPUCOST_OK && st != GPUCOST_ENOMEM)
            why = "returned a status other than GPUCOST_ENOMEM";
        else if (!failed_once && st != GPUCOST_OK)
            why = "failed with no allocation failing";
        if (why != NULL && bad++ < 5)
            fprintf(stderr,
                    "check_oom: %s: allocation %ld failing %s (status %d: %s, %ld blocks)\n",
                    sg->name, n, why, (int)st, st != GPUCOST_OK ? err.message : "", left);
        if (!failed_once)
            break;
    }
    *points += n - 1;
    fprintf(stderr, "check_oom: %s: %ld allocation points\n", sg->name, n - 1);
    return bad;
}

/* Every stage of `stages`; fails on any bad run, and when the stages
 * allocated nothing (the allocator is not in place). */
static void fail_each_of(const stage *stages, size_t n)
{
    int bad = 0;
    long points = 0;
    size_t ran = 0;
    for (size_t i = 0; i < n; i++) {
        bad += fail_each(&stages[i], &points);
        ran += selected(&stages[i]) ? 1u : 0u;
    }
    ck_assert_int_eq(bad, 0);
    if (ran > 0 && getenv("OOM_AT") == NULL)
        ck_assert_msg(points > 0, "no allocation counted: the allocator is not in place");
}

#define STAGE(fn)                                                                                  \
    {                                                                                              \
        .name = #fn, .run = fn                                                                     \
    }

START_TEST(test_oom_read)
{
    static const stage stages[] = {
        STAGE(load_catalog),
        STAGE(load_scenario),
        {.name = "whatif", .run = whatif, .before = fresh_load, .after = fresh_free},
        {.name = "rules, models and phases", .run = loaders},
        {.name = "the chip and price importers", .run = importers},
    };
    fail_each_of(stages, sizeof stages / sizeof *stages);
}
END_TEST

START_TEST(test_oom_compute)
{
    static const stage stages[] = {
        STAGE(derive), STAGE(claims), STAGE(range), STAGE(reconcile), STAGE(fleet),
    };
    fail_each_of(stages, sizeof stages / sizeof *stages);
}
END_TEST

START_TEST(test_oom_outputs)
{
    static const struct {
        const char *name;
        gpucost_status (*run)(void);
    } outputs[] = {{"run", out_run},
                   {"compare", out_compare},
                   {"check", out_check},
                   {"range", out_range},
                   {"quantities", out_quantities},
                   {"solve", out_solve},
                   {"reconcile", out_reconcile}};
    static const char *const formats[] = {"table", "md", "csv", "json"};
    stage stages[sizeof outputs / sizeof *outputs * 4 + 4];
    char names[sizeof stages / sizeof *stages][48];
    size_t n = 0;
    for (size_t o = 0; o < sizeof outputs / sizeof *outputs; o++)
        for (int f = GPUCOST_FMT_TABLE; f <= GPUCOST_FMT_JSON; f++, n++) {
            snprintf(names[n], sizeof names[n], "output %s %s", outputs[o].name, formats[f]);
            stages[n] =
                (stage){.name = names[n], .run = outputs[o].run, .format = (gpucost_format)f};
        }
    stages[n++] =
        (stage){.name = "output check junit", .run = out_check, .format = GPUCOST_FMT_JUNIT};
    stages[n++] = (stage){.name = "output check tap", .run = out_check, .format = GPUCOST_FMT_TAP};
    stages[n++] =
        (stage){.name = "output compare svg", .run = out_compare, .format = GPUCOST_FMT_SVG};
    stages[n++] = (stage){.name = "output range svg", .run = out_range, .format = GPUCOST_FMT_SVG};
    fail_each_of(stages, n);
}
END_TEST

START_TEST(test_oom_report)
{
    static const stage stages[] = {STAGE(report)};
    fail_each_of(stages, 1);
}
END_TEST

START_TEST(test_oom_call)
{
    static const stage stages[] = {{.name = "gpucost_call", .run = call_request},
                                   {.name = "gpucost_call (the page's)", .run = call_page},
                                   {.name = "new's skeleton", .run = skeleton}};
    fail_each_of(stages, sizeof stages / sizeof *stages);
}
END_TEST

static void record_setup(void)
{
    ck_assert_int_eq(gpucost_catalog_load(GPUCOST_MODELS "/hardware", &record_catalog, &err),
                     GPUCOST_OK);
    FILE *f = fopen(RECORD_SMALL, "rb");
    ck_assert_ptr_nonnull(f);
    record_text = malloc(1 << 16);
    ck_assert_ptr_nonnull(record_text);
    record_len = fread(record_text, 1, 1 << 16, f);
    fclose(f);
    ck_assert_uint_gt(record_len, 0);
}

static void record_teardown(void)
{
    free(record_text);
    record_text = NULL;
    gpucost_catalog_free(record_catalog);
    record_catalog = NULL;
}

START_TEST(test_oom_record)
{
    static const stage stages[] = {
        {.name = "the record's reader", .run = record_parse},
        {.name = "check of the record", .run = record_check},
    };
    record_setup();
    fail_each_of(stages, sizeof stages / sizeof *stages);
    record_teardown();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("oom");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 600);
    tcase_add_unchecked_fixture(core, fixture_setup, fixture_teardown);
    tcase_add_test(core, test_oom_read);
    tcase_add_test(core, test_oom_compute);
    tcase_add_test(core, test_oom_outputs);
    tcase_add_test(core, test_oom_report);
    tcase_add_test(core, test_oom_call);
    tcase_add_test(core, test_oom_record);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    /* before any allocation the library or cJSON makes, so that every
     * block either frees went through t_malloc */
    gpucost_set_allocator(&(gpucost_allocator){t_malloc, t_realloc, t_free, NULL});
    cJSON_InitHooks(&(cJSON_Hooks){t_malloc, t_free});
    return test_run_suite(suite());
}
