/*
 * check_derive.c - the derivation engine: each direction of the
 * relations (docs/quantities-and-methods.md), conflicts reported and never
 * overwritten, unknown never 0, the replayable plan, and the published
 * numbers against their sources.
 */
#include "check_util.h"

#define V(d, q) ((d).value[GPUCOST_Q_##q])
#define O(d, q) ((d).origin[GPUCOST_Q_##q])

static void derive(const char *json, gpucost_derivation *d)
{
    gpucost_scenario *s = test_parse(json);
    gpucost_catalog *c = test_catalog();
    ck_assert_ok(gpucost_derive(s, c, NULL, d, &e_));
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}

START_TEST(test_derive_gpus_and_days_give_hours)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 2.385, \"wall_days\": 10, "
           "\"price_per_gpu_hour\": 2}}",
           &d);
    ck_assert_rel(V(d, GPU_HOURS), 2.385 * 10 * 24, 1e-15);
    ck_assert_int_eq(O(d, GPU_HOURS), GPUCOST_ORIGIN_DERIVED);
    ck_assert_rel(V(d, COST_USD), 2.385 * 240 * 2, 1e-15);
    ck_assert_int_eq(O(d, GPUS), GPUCOST_ORIGIN_INPUT);
    /* no hardware, no tokens: these stay unknown, never 0 */
    ck_assert_int_eq(O(d, MFU), GPUCOST_ORIGIN_UNKNOWN);
    ck_assert_int_eq(O(d, TRAINING_FLOPS), GPUCOST_ORIGIN_UNKNOWN);
    ck_assert(isnan(V(d, MFU)));
    ck_assert_uint_eq(d.nconflicts, 0);
}
END_TEST

START_TEST(test_derive_flops_mfu_hardware_give_hours)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h100\", \"training_flops\": 3.8e25, "
           "\"mfu\": 0.4, \"gpus\": 16384}}",
           &d);
    double hours = 3.8e25 / (0.4 * 3600 * 989.4e12);
    ck_assert_rel(V(d, PEAK_FLOPS), 989.4e12, 1e-15);
    ck_assert_int_eq(O(d, PEAK_FLOPS), GPUCOST_ORIGIN_CATALOG);
    ck_assert_rel(V(d, GPU_HOURS), hours, 1e-12);
    ck_assert_rel(V(d, WALL_DAYS), hours / 16384 / 24, 1e-12);
    /* catalog fallbacks: TDP for power, the median of the price range */
    ck_assert_rel(V(d, POWER_W), 700, 0);
    ck_assert_rel(V(d, GPU_PRICE_USD), sqrt(25000.0 * 40000.0), 1e-12);
    ck_assert_int_eq(O(d, CAPEX_USD), GPUCOST_ORIGIN_DERIVED);
}
END_TEST

START_TEST(test_derive_hours_tokens_params_give_mfu)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h800\", \"precision\": \"fp8\", "
           "\"gpu_hours\": 2664000,"
           " \"tokens\": 14.8e12, \"params_active\": 37e9}}",
           &d);
    ck_assert_rel(V(d, TRAINING_FLOPS), 6 * 37e9 * 14.8e12, 1e-15);
    ck_assert_int_eq(O(d, FLOPS_PER_PARAM_TOKEN), GPUCOST_ORIGIN_DEFAULT);
    ck_assert_rel(V(d, MFU), 6 * 37e9 * 14.8e12 / (2664000.0 * 3600 * 1979e12), 1e-12);
    ck_assert_rel(V(d, TOKENS_PER_GPU_SECOND), 14.8e12 / (2664000.0 * 3600), 1e-12);
    /* gpus unknown: wall_days cannot be derived */
    ck_assert_int_eq(O(d, WALL_DAYS), GPUCOST_ORIGIN_UNKNOWN);
}
END_TEST

START_TEST(test_derive_backwards_from_cost)
{
    /* cost and price give hours, hours and gpus give days */
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"cost_usd\": 5576000, \"price_per_gpu_hour\": 2, "
           "\"gpus\": 2048}}",
           &d);
    ck_assert_rel(V(d, GPU_HOURS), 2788000, 1e-15);
    ck_assert_rel(V(d, WALL_DAYS), 2788000.0 / 2048 / 24, 1e-15);
}
END_TEST

START_TEST(test_derive_conflicts_reported_not_overwritten)
{
    gpucost_derivation d;
    derive(
        "{\"id\": \"t\", \"inputs\": {\"gpus\": 2048, \"wall_days\": 60, \"gpu_hours\": 2788000}}",
        &d);
    ck_assert_rel(V(d, GPU_HOURS), 2788000, 0); /* the given value stands */
    ck_assert_uint_eq(d.nconflicts, 1);
    ck_assert_int_eq(d.conflicts[0].quantity, GPUCOST_Q_GPU_HOURS);
    ck_assert_rel(d.conflicts[0].given, 2788000, 0);
    ck_assert_rel(d.conflicts[0].derived, 2048.0 * 60 * 24, 1e-15);
    ck_assert_rel(d.conflicts[0].rel_error, (2048.0 * 60 * 24 - 2788000) / 2788000, 1e-12);
    /* within the tolerance, no conflict */
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 2048, \"wall_days\": 56.72, \"gpu_hours\": "
           "2788000}}",
           &d);
    ck_assert_uint_eq(d.nconflicts, 0);
}
END_TEST

START_TEST(test_derive_physical_bound)
{
    /* 3.8e25 FLOP in 1M H100-hours needs 1,067% utilisation */
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h100\", \"training_flops\": 3.8e25, "
           "\"gpu_hours\": 1e6}}",
           &d);
    ck_assert_uint_eq(d.nconflicts, 1);
    ck_assert_int_eq(d.conflicts[0].quantity, GPUCOST_Q_MFU);
    ck_assert(d.conflicts[0].physical);
    ck_assert_rel(d.conflicts[0].given, 1.0, 0);
}
END_TEST

/* docs/tutorial.md, "Nothing back-derived silently". */
START_TEST(test_derive_default_compared_not_overwritten)
{
    /* mfu 35% on V3's GPU-hours and the H800 fp8 peak implies 12.7 FLOP
     * per parameter-token, not the default 6 */
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h800\", \"precision\": \"fp8\","
           " \"gpu_hours\": 2788000, \"params_active\": 37e9, \"tokens\": 14.8e12, \"mfu\": 0.35}}",
           &d);
    double fpt = 0.35 * 2788000.0 * 3600 * 1979e12 / (37e9 * 14.8e12);
    ck_assert_rel(V(d, FLOPS_PER_PARAM_TOKEN), fpt, 1e-12);
    ck_assert_uint_eq(d.nconflicts, 1);
    ck_assert_int_eq(d.conflicts[0].quantity, GPUCOST_Q_FLOPS_PER_PARAM_TOKEN);
    ck_assert_int_eq(d.conflicts[0].against, GPUCOST_ORIGIN_DEFAULT);
    ck_assert_rel(d.conflicts[0].given, 6.0, 0);
    ck_assert_rel(d.conflicts[0].derived, fpt, 1e-12);
}
END_TEST

START_TEST(test_derive_catalog_peak_compared)
{
    /* with the default 6 given, the same mfu back-derives the peak: it is
     * compared with the H800's bf16 peak, never put in its place */
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h800\", \"precision\": \"bf16\","
           " \"gpu_hours\": 2788000, \"params_active\": 37e9, \"tokens\": 14.8e12, \"mfu\": 0.35,"
           " \"flops_per_param_token\": 6}}",
           &d);
    double peak = 6 * 37e9 * 14.8e12 / (0.35 * 2788000.0 * 3600);
    ck_assert_int_eq(O(d, PEAK_FLOPS), GPUCOST_ORIGIN_DERIVED);
    ck_assert_uint_eq(d.nconflicts, 1);
    ck_assert_int_eq(d.conflicts[0].quantity, GPUCOST_Q_PEAK_FLOPS);
    ck_assert_int_eq(d.conflicts[0].against, GPUCOST_ORIGIN_CATALOG);
    ck_assert_rel(d.conflicts[0].given, 989e12, 0);
    ck_assert_rel(d.conflicts[0].derived, peak, 1e-12);
    /* the same within 0.1%: no conflict */
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h800\", \"precision\": \"bf16\","
           " \"gpu_hours\": 2788000, \"params_active\": 37e9, \"tokens\": 14.8e12,"
           " \"mfu\": 0.33108, \"flops_per_param_token\": 6}}",
           &d);
    ck_assert_uint_eq(d.nconflicts, 0);
}
END_TEST

START_TEST(test_derive_price_outside_range_is_a_note)
{
    /* $20M for V3's GPU-hours is $7.17/GPU-h, above the H800 range: a
     * note, not a conflict */
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h800\", \"gpu_hours\": 2788000,"
           " \"cost_usd\": 20e6}}",
           &d);
    ck_assert_uint_eq(d.nconflicts, 0);
    ck_assert_uint_eq(d.nnotes, 1);
    ck_assert_int_eq(d.notes[0].quantity, GPUCOST_Q_PRICE_PER_GPU_HOUR);
    ck_assert_rel(d.notes[0].derived, 20e6 / 2788000.0, 1e-12);
    ck_assert_rel(d.notes[0].high, 3.42, 1e-12);
    /* inside the range: nothing to say */
    derive("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h800\", \"gpu_hours\": 2788000,"
           " \"cost_usd\": 5576000}}",
           &d);
    ck_assert_uint_eq(d.nnotes, 0);
}
END_TEST

START_TEST(test_derive_exclude_and_plan_replay)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_catalog *c = test_catalog();
    gpucost_derive_options opt;
    gpucost_derive_options_init(&opt);
    opt.exclude = GPUCOST_Q_GPU_HOURS;
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, &opt, &d, &e_));
    /* without its own gpu_hours, V3 has no way to get them */
    ck_assert_int_eq(O(d, GPU_HOURS), GPUCOST_ORIGIN_UNKNOWN);
    ck_assert_int_eq(O(d, COST_USD), GPUCOST_ORIGIN_UNKNOWN);
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    /* replaying the plan on changed leaves recomputes the derived values */
    double v[GPUCOST_Q_COUNT];
    memcpy(v, d.value, sizeof v);
    v[GPUCOST_Q_PRICE_PER_GPU_HOUR] = 3.0;
    v[GPUCOST_Q_GPUS] = 4096;
    ck_assert_int_eq(gpucost_derive_eval(&d, v, NULL), 0);
    ck_assert_rel(v[GPUCOST_Q_COST_USD], 2788000 * 3.0, 1e-15);
    ck_assert_rel(v[GPUCOST_Q_WALL_DAYS], 2788000.0 / 4096 / 24, 1e-15);
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}
END_TEST

START_TEST(test_derive_errors)
{
    gpucost_scenario *s =
        test_parse("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h100\", \"gpus\": 8}}");
    gpucost_derivation d;
    gpucost_error err;
    /* no catalog at all */
    ck_assert_int_eq(gpucost_derive(s, NULL, NULL, &d, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.message, "unknown hardware 'h100' (no catalog loaded)");
    ck_assert_str_eq(err.path, "inputs.hardware");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 36);
    gpucost_scenario_free(s);
}
END_TEST

/* ---- published numbers, against the sources' own figures ------------ */

START_TEST(test_published_deepseek_v3)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    /* Table 1: $5.576M at $2/GPU-h for 2.788M GPU-h */
    ck_assert_rel(V(d, COST_USD), 5576000, 1e-12);
    /* "less than two months" on 2,048 GPUs */
    ck_assert(V(d, WALL_DAYS) < 60);
    gpucost_scenario_free(s);
    s = test_scenario("deepseek-v3-pretraining");
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    /* "each trillion tokens requires only 180K H800 GPU hours" */
    ck_assert_rel(V(d, GPU_HOURS_PER_TRILLION_TOKENS), 180000, 0.01);
    /* "i.e., 3.7 days on our cluster with 2048 H800 GPUs" */
    ck_assert_rel(V(d, GPU_HOURS_PER_TRILLION_TOKENS) / 2048 / 24, 3.7, 0.02);
    ck_assert_rel(V(d, COST_USD), 5328000, 1e-12);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_published_llama3)
{
    gpucost_scenario *s = test_scenario("llama3-405b");
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    /* "pre-trained using 3.8 x 10^25 FLOPs" = 6 x 405B x 15.6T */
    ck_assert_rel(V(d, TRAINING_FLOPS), 3.8e25, 0.01);
    /* the card's 30.84M GPU-h at 989.4 TFLOPS imply ~34.5%, below the
     * paper's 38-43%: the expect-fail claim in the scenario */
    ck_assert(V(d, MFU) < 0.38);
    ck_assert_rel(V(d, MFU), 6 * 405e9 * 15.6e12 / (30.84e6 * 3600 * 989.4e12), 1e-12);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_published_deepseek_inference)
{
    gpucost_scenario *s = test_scenario("deepseek-inference-day");
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    /* "the total daily cost amounts to $87,072" */
    ck_assert_rel(V(d, COST_USD), 87072, 1e-12);
    ck_assert_rel(V(d, GPUS), 226.75 * 8, 1e-15);
    /* "$562,027, with a cost profit margin of 545%" */
    ck_assert_rel(V(d, REVENUE_USD), 562027, 0.01);
    ck_assert_rel(V(d, MARGIN), 5.45, 0.01);
    /* the same day as a share of revenue kept: 1 - 87,072 / 562,027 */
    ck_assert_rel(V(d, PROFIT_MARGIN), 1 - 87072.0 / 562027.0, 0.01);
    /* the identity: 608B input tokens at ~73.7k/s per node plus 168B
     * output tokens at ~14.8k/s per node are the GPU-seconds of 226.75
     * nodes over the day, within the note's rounding (0.1%) */
    double busy = (608e9 / (73.7e3 / 8) + 168e9 / (14.8e3 / 8)) / 86400;
    ck_assert_rel(V(d, GPUS_NEEDED), busy, 1e-12);
    ck_assert_rel(V(d, GPUS_NEEDED), 226.75 * 8, 1e-3);
    /* MLA's cache: 61 x (512 + 64) x 2 bytes per token */
    ck_assert_rel(V(d, KV_BYTES_PER_TOKEN), 70272, 0);
    ck_assert_rel(V(d, REPLICA_GPUS), 144, 0);
    /* the measured shares of the H800 roofline */
    ck_assert_rel(V(d, PREFILL_EFFICIENCY), 9212.5 / (1979e12 / (2 * 37e9)), 1e-12);
    ck_assert(V(d, DECODE_EFFICIENCY) > 0.3 && V(d, DECODE_EFFICIENCY) < 0.35);
    ck_assert_uint_eq(d.nconflicts, 0);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* A run in phases (docs/quantities-and-methods.md): each phase derived on its own with the
 * run's rates, the run's totals the phases' sums, each Table 1 row and
 * the total checked. */
START_TEST(test_published_deepseek_v3_table1)
{
    gpucost_scenario *s = test_scenario("deepseek-v3-table1");
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d, p;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_rel(V(d, GPU_HOURS), 2664000 + 119000 + 5000, 1e-15);
    ck_assert_rel(V(d, COST_USD), 5576000, 1e-15);
    ck_assert_rel(V(d, WALL_DAYS), 2788000.0 / 2048 / 24, 1e-12);
    /* only the pre-training phase gives tokens: the run's are unknown */
    ck_assert_int_eq(O(d, TOKENS), GPUCOST_ORIGIN_UNKNOWN);
    ck_assert_uint_eq(d.nconflicts, 0);
    /* a phase takes the run's GPUs and price, never its totals */
    ck_assert_ok(gpucost_derive_phase(s, c, 1, NULL, &p, &e_));
    ck_assert_rel(p.value[GPUCOST_Q_GPUS], 2048, 0);
    ck_assert_rel(p.value[GPUCOST_Q_COST_USD], 238000, 1e-15);
    ck_assert_rel(p.value[GPUCOST_Q_WALL_DAYS], 119000.0 / 2048 / 24, 1e-12);
    gpucost_error err;
    ck_assert_int_eq(gpucost_derive_phase(s, c, 3, NULL, &p, &err), GPUCOST_EINVAL);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* A total the run gives itself is checked against the phases' sum; a
 * phase that names its own GPUs does not take the run's. */
START_TEST(test_derive_phases_total_and_inheritance)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 100, \"gpu_hours\": 3000, "
           "\"price_per_gpu_hour\": 2}, \"phases\": [{\"name\": \"a\", \"inputs\": "
           "{\"wall_days\": 1}}, {\"name\": \"b\", \"inputs\": {\"gpus\": 50, "
           "\"wall_days\": 1}}]}",
           &d);
    /* a: 100 x 24 = 2,400 GPU-h; b: 50 x 24 = 1,200; the run says 3,000 */
    int found = 0;
    for (size_t i = 0; i < d.nconflicts; i++)
        found |= d.conflicts[i].quantity == GPUCOST_Q_GPU_HOURS && d.conflicts[i].given == 3000 &&
                 fabs(d.conflicts[i].derived - 3600) < 1e-9;
    ck_assert(found);
    /* the sum of costs at the run's price and the calendar days */
    ck_assert_rel(V(d, COST_USD), 3600 * 2, 1e-15);
    ck_assert_rel(V(d, WALL_DAYS), 2, 1e-15);
}
END_TEST

/* PaLM 540B from its architecture (PaLM Appendix B): 6N + 12LHQT FLOP per
 * token gives the published 2.56e24 (not 6ND's 2.53e24) and, at 238.3K
 * tokens/s on 6,144 TPU v4 chips, the published 46.2% MFU. */
START_TEST(test_published_palm)
{
    gpucost_scenario *s = test_scenario("palm-540b");
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    double per_token = 6 * 540.35e9 + 12.0 * 118 * 48 * 256 * 2048;
    ck_assert_rel(V(d, TRAINING_FLOPS), per_token * 780e9, 1e-12);
    /* the sources' own rounding: 2.56e24 and 46.2% to three digits */
    ck_assert_rel(V(d, TRAINING_FLOPS), 2.56e24, 0.002);
    ck_assert_rel(V(d, MFU), 0.462, 0.002);
    ck_assert_int_eq(O(d, FLOPS_PER_PARAM_TOKEN), GPUCOST_ORIGIN_DERIVED);
    ck_assert_rel(V(d, ACHIEVED_TFLOPS), V(d, MFU) * 275, 1e-12);
    ck_assert_rel(V(d, PF_DAYS), V(d, TRAINING_FLOPS) / 8.64e19, 1e-12);
    /* TPU v4 hosts carry 4 chips */
    ck_assert_rel(V(d, NODES), 6144 / 4.0, 1e-15);
    ck_assert_uint_eq(d.nconflicts, 0);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* A small dense model on one H100 node (bf16: 2 bytes per parameter,
 * 2 x 2 x 4 x 8 x 2 = 256 KV bytes per token), by hand. */
static void dense_decode(double batch, double context, gpucost_derivation *d)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"id\": \"t\", \"kind\": \"inference\", \"model\": {\"layers\": 2, "
             "\"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9}, \"inputs\": "
             "{\"hardware\": \"h100\", \"batch\": %g, \"context_tokens\": %g}}",
             batch, context);
    derive(json, d);
}

START_TEST(test_derive_decode_memory_bound)
{
    gpucost_derivation d;
    dense_decode(1, 1000, &d);
    ck_assert_rel(V(d, KV_BYTES_PER_TOKEN), 256, 0);
    ck_assert_rel(V(d, REPLICA_GPUS), 8, 0);
    ck_assert_rel(V(d, WEIGHT_GB_READ), 1e9 / 8 * 2 / 1e9, 1e-15);
    /* memory: (0.25 GB + 1 x 1000 x 256 B) / 3.35 TB/s; compute far less */
    double memory = (0.25e9 + 1000 * 256.0) / 3.35e12;
    ck_assert(memory > 2 * 1e9 / 989.4e12);
    ck_assert_rel(V(d, DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND), 1 / memory, 1e-12);
    /* the largest batch: (80 GB - 0.25 GB) / (1000 x 256 B) */
    ck_assert_rel(V(d, MAX_BATCH), (80e9 - 0.25e9) / 256000.0, 1e-12);
    ck_assert_rel(V(d, BATCH_FILL), 1 / V(d, MAX_BATCH), 1e-12);
    /* the measured share: the defaults file's median, sqrt(0.526 x 0.588) */
    ck_assert_int_eq(O(d, DECODE_EFFICIENCY), GPUCOST_ORIGIN_DEFAULT);
    ck_assert_rel(V(d, DECODE_TOKENS_PER_GPU_SECOND), sqrt(0.526 * 0.588) / memory, 1e-12);
    ck_assert_rel(V(d, PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND), 989.4e12 / 2e9, 1e-12);
    ck_assert_uint_eq(d.nconflicts, 0);
}
END_TEST

START_TEST(test_derive_decode_compute_bound)
{
    gpucost_derivation d;
    dense_decode(10000, 1, &d);
    /* 10,000 x 2 x 1e9 / 989.4e12 s against (0.25 GB + 2.56 MB) / 3.35 TB/s */
    ck_assert_rel(V(d, DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND), 989.4e12 / 2e9, 1e-12);
    /* without a context the largest batch and what follows stay unknown */
    gpucost_derivation u;
    derive("{\"id\": \"t\", \"kind\": \"inference\", \"model\": {\"layers\": 2, "
           "\"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9}, \"inputs\": "
           "{\"hardware\": \"h100\"}}",
           &u);
    ck_assert_int_eq(u.origin[GPUCOST_Q_MAX_BATCH], GPUCOST_ORIGIN_UNKNOWN);
    ck_assert_int_eq(u.origin[GPUCOST_Q_BATCH_FILL], GPUCOST_ORIGIN_UNKNOWN);
    ck_assert_int_eq(u.origin[GPUCOST_Q_DECODE_EFFICIENCY], GPUCOST_ORIGIN_UNKNOWN);
    ck_assert(isnan(u.value[GPUCOST_Q_DECODE_TOKENS_PER_GPU_SECOND]));
    /* the prefill bound needs no context */
    ck_assert_rel(u.value[GPUCOST_Q_PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND], 989.4e12 / 2e9, 1e-12);
    ck_assert_uint_eq(u.nconflicts, 0);
}
END_TEST

/* The roofline's quantities given directly, without a model block: the
 * model is taken as dense (no routed experts), never a NaN. */
START_TEST(test_derive_roofline_without_model)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"kind\": \"inference\", \"inputs\": {\"params_total\": 70e9, "
           "\"params_active\": 70e9, \"bytes_per_param\": 2, \"replica_nodes\": 1, "
           "\"context_tokens\": 4096, \"kv_bytes_per_token\": 327680, \"memory_gb\": 80, "
           "\"batch\": 10}}",
           &d);
    /* (80 GB - 140 GB / 8) / (4,096 x 327,680 B) */
    ck_assert_rel(V(d, MAX_BATCH), (80e9 - 140e9 / 8) / (4096.0 * 327680), 1e-12);
    ck_assert_rel(V(d, WEIGHT_GB_READ), 140.0 / 8, 1e-12);
}
END_TEST

/* The error a scenario's derivation fails with (and the scenario freed). */
static gpucost_status derive_fails(const char *json, const gpucost_derive_options *opt,
                                   gpucost_derivation *d, gpucost_error *err)
{
    gpucost_scenario *s = test_parse(json);
    gpucost_catalog *c = test_catalog();
    gpucost_status rc = gpucost_derive(s, c, opt, d, err);
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
    return rc;
}

START_TEST(test_derive_decode_does_not_fit)
{
    /* 671 GB of FP8 weights on one 8-GPU node of 80 GB each: the dense
     * part on every GPU plus an eighth of the routed experts is 98.4 GB a
     * GPU.  Nothing is derived past it (issue 23): an error naming the
     * fix, where it once gave a negative batch and a negative rate. */
    const char *one_node = "{\"id\": \"t\", \"kind\": \"inference\", \"model\": \"deepseek-v3\", "
                           "\"inputs\": {\"hardware\": \"h800\", \"precision\": \"fp8\", "
                           "\"context_tokens\": 4096}}";
    gpucost_derivation d;
    gpucost_error err;
    ck_assert_int_eq(derive_fails(one_node, NULL, &d, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "model");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 43);
    /* no narrower precision with an H800 peak holds them: none offered */
    ck_assert_str_eq(err.message,
                     "deepseek-v3 does not fit: its fp8 weights take 98.4 GB per GPU on a replica"
                     " of 8 GPUs, above the h800's 80.0 GB; serve it on more GPUs per replica"
                     " (replica_nodes 2)");
    /* the remedy holds: two nodes fit, and the batch is positive */
    derive("{\"id\": \"t\", \"kind\": \"inference\", \"model\": \"deepseek-v3\", "
           "\"inputs\": {\"hardware\": \"h800\", \"precision\": \"fp8\", "
           "\"context_tokens\": 4096, \"replica_nodes\": 2}}",
           &d);
    ck_assert(V(d, MAX_BATCH) > 0.0);
    ck_assert(V(d, DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND) > 0.0);
    /* a what-if's trial asks only what is determined: limits off */
    gpucost_derive_options opt;
    gpucost_derive_options_init(&opt);
    ck_assert_int_eq(opt.limits, 1);
    opt.limits = 0;
    ck_assert_ok(derive_fails(one_node, &opt, &d, &e_));
    ck_assert(V(d, MAX_BATCH) < 0.0);
}
END_TEST

START_TEST(test_derive_model_does_not_fit_lower_precision)
{
    /* Llama 3.1 405B in BF16 is 810 GB, 101 GB a GPU of one 8 x H100 node
     * (80 GB): two nodes (50.6 GB) or one byte a parameter (50.6 GB) would
     * hold it; the H100's nearest narrower precision with a peak is int8
     * (its 1,979 TOPS, next to bf16 in precision order), then fp8 */
    gpucost_derivation d;
    gpucost_error err;
    ck_assert_int_eq(derive_fails("{\"id\": \"t\", \"kind\": \"inference\", \"model\": "
                                  "\"llama3-405b\", \"inputs\": {\"hardware\": \"h100\", "
                                  "\"precision\": \"bf16\", \"context_tokens\": 4096}}",
                                  NULL, &d, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "model");
    ck_assert_str_eq(err.message,
                     "llama3-405b does not fit: its bf16 weights take 101 GB per GPU on a replica"
                     " of 8 GPUs, above the h100's 80.0 GB; serve it on more GPUs per replica"
                     " (replica_nodes 2) or at a lower precision (fp8)");
    /* bytes per parameter given: no precision to name */
    ck_assert_int_eq(derive_fails("{\"id\": \"t\", \"kind\": \"inference\", \"model\": "
                                  "\"llama3-405b\", \"inputs\": {\"hardware\": \"h100\", "
                                  "\"bytes_per_param\": 2, \"memory_gb\": 40, "
                                  "\"context_tokens\": 4096}}",
                                  NULL, &d, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.message,
                     "llama3-405b does not fit: its bf16 weights take 101 GB per GPU on a replica"
                     " of 8 GPUs, above memory_gb, 40.0 GB; serve it on more GPUs per replica"
                     " (replica_nodes 3) or fewer bytes per parameter");
}
END_TEST

START_TEST(test_derive_batch_above_max)
{
    /* 70B in BF16 on 8 x 80 GB: 17.5 GB of weights a GPU leaves 62.5 GB,
     * 190.7 sequences of 1,000 tokens at 327,680 B; 200 is too many */
    const char *json = "{\"id\": \"t\", \"kind\": \"inference\", \"model\": \"llama3-70b\",\n"
                       " \"inputs\": {\"hardware\": \"h100\", \"context_tokens\": 1000,\n"
                       "  \"batch\": 200}}";
    gpucost_derivation d;
    gpucost_error err;
    ck_assert_int_eq(derive_fails(json, NULL, &d, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "inputs.batch");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 12);
    ck_assert_str_eq(err.message, "a batch of 200 seqs per GPU is above the largest whose KV cache"
                                  " fits beside the weights, 191 seqs; use a smaller batch, more"
                                  " GPUs per replica or a lower precision");
    /* within the rounding of published figures it holds */
    derive("{\"id\": \"t\", \"kind\": \"inference\", \"model\": \"llama3-70b\", "
           "\"inputs\": {\"hardware\": \"h100\", \"context_tokens\": 1000, \"batch\": 190.8}}",
           &d);
    ck_assert_rel(V(d, MAX_BATCH), (80e9 - 70e9 / 8 * 2) / (1000 * 327680.0), 1e-12);
    ck_assert(V(d, BATCH_FILL) > 1.0);
}
END_TEST

START_TEST(test_derive_eval_limits)
{
    /* replayed on other values (range's samples, solve's trials), a plan
     * refuses a sample that does not fit: -2, naming max_batch, where an
     * overflow is -1 */
    gpucost_derivation d;
    /* the catalog stays open: the plan reads the model it holds */
    gpucost_catalog *c = test_catalog();
    gpucost_scenario *s =
        test_parse("{\"id\": \"t\", \"kind\": \"inference\", \"model\": \"llama3-70b\", "
                   "\"inputs\": {\"hardware\": \"h100\", \"context_tokens\": 1000, "
                   "\"input_tokens\": 1e9, \"output_tokens\": 1e8}}");
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    double v[GPUCOST_Q_COUNT];
    memcpy(v, d.value, sizeof v);
    gpucost_quantity bad = GPUCOST_Q_COST_USD;
    ck_assert_int_eq(gpucost_derive_eval(&d, v, &bad), 0);
    v[GPUCOST_Q_MEMORY_GB] = 17.0; /* below the 17.5 GB of weights a GPU */
    ck_assert_int_eq(gpucost_derive_eval(&d, v, &bad), -2);
    ck_assert_int_eq(bad, GPUCOST_Q_MAX_BATCH);
    /* the columns: one sample of three that does not fit */
    double mem[3] = {80.0, 17.0, 40.0}, out[GPUCOST_Q_COUNT][3];
    double *cols[GPUCOST_Q_COUNT] = {NULL};
    cols[GPUCOST_Q_MEMORY_GB] = mem;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) /* every step writes its column */
        if (d.origin[q] == GPUCOST_ORIGIN_DERIVED)
            cols[q] = out[q];
    bad = GPUCOST_Q_COST_USD;
    ck_assert_int_eq(gpucost_derive_eval_columns(&d, cols, d.value, 3, &bad), -2);
    ck_assert_int_eq(bad, GPUCOST_Q_MAX_BATCH);
    mem[1] = 60.0;
    ck_assert_int_eq(gpucost_derive_eval_columns(&d, cols, d.value, 3, &bad), 0);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* Ownership economics (docs/quantities-and-methods.md), every input given: each relation
 * against a hand computation. */
START_TEST(test_derive_ownership_by_hand)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 2385, \"gpu_hours\": 1.5e6, "
           "\"gpu_price_usd\": 30000, \"server_factor\": 1.6, \"cluster_factor\": 1.2, "
           "\"lifetime_years\": 4, \"power_w\": 700, \"pue\": 1.3, "
           "\"electricity_usd_per_kwh\": 0.1, \"fleet_gpus\": 50000}}",
           &d);
    double capex = 2385 * 30000.0, cluster = capex * 1.6 * 1.2;
    double hw = cluster / (2385 * 4 * 8760.0), energy = 700 * 1.3 / 1000.0 * 0.1;
    ck_assert_rel(V(d, CAPEX_USD), capex, 1e-15);
    ck_assert_rel(V(d, CLUSTER_CAPEX_USD), cluster, 1e-15);
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR), hw, 1e-14);
    ck_assert_rel(V(d, ENERGY_COST_PER_GPU_HOUR), energy, 1e-14);
    ck_assert_rel(V(d, OWNED_COST_PER_GPU_HOUR), hw + energy, 1e-14);
    ck_assert_rel(V(d, OWNED_COST_USD), 1.5e6 * (hw + energy), 1e-14);
    ck_assert_rel(V(d, ANNUAL_COST_USD), 2385 * 8760.0 * (hw + energy), 1e-14);
    ck_assert_rel(V(d, POWER_MW), 2385 * 700 * 1.3 / 1e6, 1e-14);
    ck_assert_rel(V(d, FLEET_SHARE), 2385 / 50000.0, 1e-15);
    ck_assert_int_eq(O(d, OWNED_COST_USD), GPUCOST_ORIGIN_DERIVED);
    ck_assert_uint_eq(d.nconflicts, 0);
}
END_TEST

/* Epoch's amortisation (Cottier et al. 2024): with hardware_age_years the
 * hardware costs price x 10^(-decay x age) x server x cluster x decay x
 * ln 10 / 8,766 h an hour, written by hand; without it, straight-line
 * over the defaults file's five years. */
START_TEST(test_derive_epoch_amortisation_by_hand)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 2385, \"gpu_hours\": 1.5e6, "
           "\"gpu_price_usd\": 30000, \"server_factor\": 1.6, \"cluster_factor\": 1.2, "
           "\"hardware_age_years\": 2.385, \"power_w\": 700, \"pue\": 1.3, "
           "\"electricity_usd_per_kwh\": 0.1}}",
           &d);
    double hw = 30000 * pow(10, -0.14 * 2.385) * 1.6 * 1.2 * 0.14 * log(10) / 8766;
    ck_assert_rel(V(d, VALUE_DECAY_OOM_PER_YEAR), 0.14, 0);
    ck_assert_int_eq(O(d, VALUE_DECAY_OOM_PER_YEAR), GPUCOST_ORIGIN_DEFAULT);
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR), hw, 1e-13);
    ck_assert_rel(V(d, OWNED_COST_USD), 1.5e6 * (hw + 700 * 1.3 / 1000.0 * 0.1), 1e-13);

    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 8, \"gpu_price_usd\": 30000, "
           "\"server_factor\": 1, \"cluster_factor\": 1, \"hardware_age_years\": 1.5, "
           "\"value_decay_oom_per_year\": 0.2}}",
           &d);
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR),
                  30000 * pow(10, -0.2 * 1.5) * 0.2 * log(10) / 8766, 1e-13);

    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 8, \"gpu_price_usd\": 30000, "
           "\"server_factor\": 1, \"cluster_factor\": 1}}",
           &d);
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR), 30000 / (5 * 8760.0), 1e-14);
    ck_assert_int_eq(O(d, VALUE_DECAY_OOM_PER_YEAR), GPUCOST_ORIGIN_UNKNOWN);
}
END_TEST

/* "amortisation" chooses; without it hardware_age_years implies Epoch's,
 * as such files always meant, and the derivation says which and why. */
START_TEST(test_derive_amortisation_choice)
{
#define AMORT(extra)                                                                               \
    "{\"id\": \"t\", \"inputs\": {\"gpus\": 8, \"gpu_price_usd\": 30000, \"server_factor\": 1, "   \
    "\"cluster_factor\": 1" extra "}}"
    gpucost_derivation d;
    double epoch = 30000 * pow(10, -0.14 * 2.385) * 0.14 * log(10) / 8766;
    derive(AMORT(", \"amortisation\": \"epoch\", \"hardware_age_years\": 2.385"), &d);
    ck_assert_int_eq(d.amortisation, GPUCOST_AMORT_EPOCH);
    ck_assert_int_eq(d.amortisation_implied, 0);
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR), epoch, 1e-13);
    ck_assert_ptr_nonnull(strstr(gpucost_derive_amortisation_text(&d), "the scenario's choice"));
    derive(AMORT(", \"hardware_age_years\": 2.385"), &d);
    ck_assert_int_eq(d.amortisation, GPUCOST_AMORT_EPOCH);
    ck_assert_int_eq(d.amortisation_implied, 1);
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR), epoch, 1e-13);
    ck_assert_ptr_nonnull(
        strstr(gpucost_derive_amortisation_text(&d), "implied by hardware_age_years"));
    derive(AMORT(", \"amortisation\": \"straight_line\", \"lifetime_years\": 4"), &d);
    ck_assert_int_eq(d.amortisation, GPUCOST_AMORT_STRAIGHT_LINE);
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR), 30000 / (4 * 8760.0), 1e-14);
    ck_assert_int_eq(O(d, VALUE_DECAY_OOM_PER_YEAR), GPUCOST_ORIGIN_UNKNOWN);
    derive(AMORT(""), &d);
    ck_assert_int_eq(d.amortisation, GPUCOST_AMORT_STRAIGHT_LINE);
    ck_assert_int_eq(d.amortisation_implied, 1);
    /* --set amortisation=epoch on a file that gives the age */
    gpucost_scenario *s =
        test_parse(AMORT(", \"hardware_age_years\": 2.385, \"lifetime_years\": 4"));
    gpucost_catalog *c = test_catalog();
    gpucost_override o = gpucost_override_remove(GPUCOST_Q_LIFETIME_YEARS);
    ck_assert_ok(gpucost_scenario_override(s, &o, 1, &e_));
    o = gpucost_override_amortisation(GPUCOST_AMORT_EPOCH);
    ck_assert_ok(gpucost_scenario_override(s, &o, 1, &e_));
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_rel(V(d, HARDWARE_COST_PER_GPU_HOUR), epoch, 1e-13);
    /* from the command line the error has no line and names the key */
    o = gpucost_override_remove(GPUCOST_Q_HARDWARE_AGE_YEARS);
    ck_assert_ok(gpucost_scenario_override(s, &o, 1, &e_));
    gpucost_error err;
    ck_assert_int_eq(gpucost_derive(s, c, NULL, &d, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "amortisation");
    ck_assert_int_eq(err.line, 0);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
#undef AMORT
}
END_TEST

/* price_year: USD leaves restated by PCU518210518210's annual means
 * (2022: 116.34925, 2023: 118.126083, the file's months averaged by
 * hand), what follows from them too, and nothing else. */
START_TEST(test_derive_price_year_by_hand)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 2385, \"gpu_hours\": 1.5e6, "
           "\"price_per_gpu_hour\": 2, \"dollar_year\": 2022, \"price_year\": 2023}}",
           &d);
    double k = 118.12608333333333 / 116.34925;
    ck_assert_rel(d.usd_factor, k, 1e-12);
    ck_assert_rel(V(d, PRICE_PER_GPU_HOUR), 2 * k, 1e-12);
    ck_assert_rel(V(d, COST_USD), 1.5e6 * 2 * k, 1e-12);
    ck_assert_rel(V(d, GPU_HOURS), 1.5e6, 0);

    gpucost_scenario *s = test_parse("{\"id\": \"t\", \"inputs\": {\"gpus\": 8, "
                                     "\"price_per_gpu_hour\": 2, \"price_year\": 2023}}");
    gpucost_catalog *c = test_catalog();
    gpucost_error err = {0};
    ck_assert_int_eq(gpucost_derive(s, c, NULL, &d, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "price_year");
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}
END_TEST

/* Inference: profit margin beside the markup (DeepSeek's 545% is a
 * markup; the share of revenue kept is 1 - cost/revenue). */
START_TEST(test_derive_profit_margin)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"kind\": \"inference\", \"inputs\": {\"gpus\": 100, "
           "\"price_per_gpu_hour\": 2, \"output_tokens\": 1e9, \"price_output_per_m\": 2.385, "
           "\"input_tokens\": 1e8, \"cache_hit_fraction\": 0.5, \"price_input_hit_per_m\": 0.1, "
           "\"price_input_miss_per_m\": 0.5}}",
           &d);
    double cost = 100 * 24 * 2.0, rev = (1e9 * 2.385 + 1e8 * (0.5 * 0.1 + 0.5 * 0.5)) / 1e6;
    ck_assert_rel(V(d, MARGIN), rev / cost - 1, 1e-14);
    ck_assert_rel(V(d, PROFIT_MARGIN), 1 - cost / rev, 1e-14);
}
END_TEST

/* The run's GPUs must fit in the fleet: a share above 1 is a conflict. */
START_TEST(test_derive_fleet_share_bound)
{
    gpucost_derivation d;
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 2048, \"fleet_gpus\": 1000}}", &d);
    ck_assert_uint_eq(d.nconflicts, 1);
    ck_assert_int_eq(d.conflicts[0].quantity, GPUCOST_Q_FLEET_SHARE);
    ck_assert(d.conflicts[0].physical);
}
END_TEST

/* A fleet: gpus summed over the parts, per-GPU values weighted by the
 * parts' GPUs, capex the sum of the parts' (hand computation from the
 * catalog's medians), each part derived alone adds up to the fleet. */
START_TEST(test_derive_fleet_sums_parts)
{
    const char *json = "{\"id\": \"f\", \"kind\": \"fleet\", \"inputs\": {}, \"fleet\": ["
                       "{\"hardware\": \"h100\", \"gpus\": 2385, \"gpu_price_usd\": 30000},"
                       "{\"hardware\": \"h20\", \"gpus\": 7615}]}";
    gpucost_scenario *s = test_parse(json);
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d, p0, p1;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_ok(gpucost_derive_part(s, c, 0, &p0, &e_));
    ck_assert_ok(gpucost_derive_part(s, c, 1, &p1, &e_));
    const gpucost_hardware *h20 = gpucost_catalog_find(c, "h20");
    double h20_price = gpucost_dist_median(&h20->price_usd);
    ck_assert_rel(V(d, GPUS), 10000, 1e-15);
    ck_assert_rel(V(d, HOURS), 8760, 1e-15);
    ck_assert_rel(V(d, CAPEX_USD), 2385 * 30000.0 + 7615 * h20_price, 1e-14);
    ck_assert_rel(V(d, POWER_W), (2385 * 700.0 + 7615 * h20->tdp_w) / 10000, 1e-14);
    ck_assert_int_eq(O(d, GPU_PRICE_USD), GPUCOST_ORIGIN_CATALOG);
    const gpucost_quantity sums[] = {GPUCOST_Q_CAPEX_USD, GPUCOST_Q_CLUSTER_CAPEX_USD,
                                     GPUCOST_Q_POWER_MW,  GPUCOST_Q_ANNUAL_COST_USD,
                                     GPUCOST_Q_COST_USD,  GPUCOST_Q_ENERGY_MWH};
    for (size_t k = 0; k < sizeof sums / sizeof sums[0]; k++)
        ck_assert_rel(d.value[sums[k]], p0.value[sums[k]] + p1.value[sums[k]], 1e-13);
    char per[32];
    ck_assert_str_eq(gpucost_derive_period(&d, GPUCOST_Q_COST_USD, per, sizeof per), "year");
    gpucost_error err;
    ck_assert_int_eq(gpucost_derive_part(s, c, 2, &p0, &err), GPUCOST_EINVAL);
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}
END_TEST

/* A fleet's uncertain price is a blend whose parts live in the
 * derivation: a copy made by gpucost_derive_copy keeps its own, so it
 * gives the same quantiles after the original is overwritten. */
START_TEST(test_derive_copy_moves_blends)
{
    gpucost_scenario *s = test_parse("{\"id\": \"f\", \"kind\": \"fleet\", \"inputs\": {}, "
                                     "\"fleet\": [{\"hardware\": \"h100\", \"gpus\": 2385},"
                                     "{\"hardware\": \"h20\", \"gpus\": 7615}]}");
    gpucost_catalog *c = test_catalog();
    static gpucost_derivation d, copy;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    const gpucost_quantity q = GPUCOST_Q_GPU_PRICE_USD;
    ck_assert_int_eq(d.leaf[q].kind, GPUCOST_DIST_BLEND);
    double p05 = gpucost_dist_quantile(&d.leaf[q], 0.05);
    double p95 = gpucost_dist_quantile(&d.leaf[q], 0.95);
    ck_assert(p05 < p95);
    gpucost_derive_copy(&copy, &d);
    gpucost_derive_copy(&copy, &copy); /* onto itself: nothing moves */
    memset(&d, 0xff, sizeof d);
    ck_assert_int_eq(copy.leaf[q].kind, GPUCOST_DIST_BLEND);
    int inside = 0;
    for (int k = 0; k < GPUCOST_PART_NQ; k++)
        inside |= copy.leaf[q].part == copy.fleet_part[k];
    ck_assert(inside);
    ck_assert_double_eq(gpucost_dist_quantile(&copy.leaf[q], 0.05), p05);
    ck_assert_double_eq(gpucost_dist_quantile(&copy.leaf[q], 0.95), p95);
    for (int k = 0; k < GPUCOST_PART_NQ; k++)
        if (copy.fleet[k].kind == GPUCOST_DIST_BLEND)
            ck_assert_ptr_eq(copy.fleet[k].part, copy.fleet_part[k]);
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}
END_TEST

/* A dated scenario without a price is priced at the on-demand quotes
 * of its time (models/hardware/h100.json's Epoch rows): within 6 months
 * of 2024-07-15 there are 11, $2.99 .. $4.78, median $3.95, and their
 * spread is the price's 90% range; far from any quote, the nearest
 * period's; undated, the catalog's range as before. */
START_TEST(test_derive_dated_price)
{
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d;
    gpucost_scenario *s = test_parse("{\"id\": \"t\", \"date\": \"2024-07\", \"inputs\": "
                                     "{\"hardware\": \"h100\", \"gpu_hours\": 1000}}");
    ck_assert_int_eq(s->date, 20240715);
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    const gpucost_quantity p = GPUCOST_Q_PRICE_PER_GPU_HOUR;
    ck_assert_int_eq(d.origin[p], GPUCOST_ORIGIN_CATALOG);
    ck_assert_rel(d.value[p], 3.95, 1e-12);
    ck_assert_rel(d.value[GPUCOST_Q_COST_USD], 3950, 1e-12);
    ck_assert_rel(gpucost_dist_quantile(&d.leaf[p], 0.05), 3.95 * sqrt(2.99 / 4.78), 1e-9);
    ck_assert_rel(gpucost_dist_quantile(&d.leaf[p], 0.95), 3.95 * sqrt(4.78 / 2.99), 1e-9);
    char basis[240];
    ck_assert_int_eq(gpucost_derive_price_basis(&d, basis, sizeof basis), 1);
    ck_assert_ptr_nonnull(strstr(basis, "median of 11 on-demand quotes"));
    ck_assert_ptr_nonnull(strstr(basis, "for 2024-07-15"));
    gpucost_scenario_free(s);
    /* long before any H100 quote: the nearest period's, and it says so */
    s = test_parse("{\"id\": \"t\", \"date\": \"2019-01-01\", \"inputs\": "
                   "{\"hardware\": \"h100\", \"gpu_hours\": 1000}}");
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_int_eq(d.origin[p], GPUCOST_ORIGIN_CATALOG);
    ck_assert_int_eq(gpucost_derive_price_basis(&d, basis, sizeof basis), 1);
    ck_assert_ptr_nonnull(strstr(basis, "the nearest period with quotes"));
    gpucost_scenario_free(s);
    /* undated: the catalog's range, no basis */
    s = test_parse("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h100\", \"gpu_hours\": 1000}}");
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_rel(d.value[p],
                  gpucost_dist_median(&gpucost_catalog_find(c, "h100")->rent_usd_per_hour), 1e-12);
    ck_assert_int_eq(gpucost_derive_price_basis(&d, basis, sizeof basis), 0);
    ck_assert_str_eq(basis, "");
    gpucost_scenario_free(s);
    /* a price of its own wins over the quotes */
    s = test_parse("{\"id\": \"t\", \"date\": \"2024-07\", \"inputs\": {\"hardware\": \"h100\", "
                   "\"gpu_hours\": 1000, \"price_per_gpu_hour\": 2}}");
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_rel(d.value[p], 2, 0);
    ck_assert_int_eq(gpucost_derive_price_basis(&d, basis, sizeof basis), 0);
    ck_assert_str_eq(basis, "");
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_derive_periods)
{
    gpucost_derivation d;
    char per[32];
    derive("{\"id\": \"t\", \"inputs\": {\"gpus\": 8, \"wall_days\": 2}}", &d);
    ck_assert_str_eq(gpucost_derive_period(&d, GPUCOST_Q_COST_USD, per, sizeof per), "run");
    ck_assert_str_eq(gpucost_derive_period(&d, GPUCOST_Q_ANNUAL_COST_USD, per, sizeof per), "year");
    ck_assert_str_eq(gpucost_derive_period(&d, GPUCOST_Q_CAPEX_USD, per, sizeof per), "");
    derive("{\"id\": \"t\", \"kind\": \"inference\", \"inputs\": {\"gpus\": 8}}", &d);
    ck_assert_str_eq(gpucost_derive_period(&d, GPUCOST_Q_GPU_HOURS, per, sizeof per), "day");
    derive("{\"id\": \"t\", \"kind\": \"inference\", \"inputs\": {\"gpus\": 8, \"hours\": 12}}",
           &d);
    ck_assert_str_eq(gpucost_derive_period(&d, GPUCOST_Q_COST_USD, per, sizeof per), "12 h");
}
END_TEST

/* The Epoch AI cost model's Llama 3.1 405B figure against gpucost's
 * owned cost with the defaults file: within the claim's 25%. */
START_TEST(test_published_epoch_llama_owned)
{
    gpucost_derivation d;
    test_derive_scenario("llama3-405b", &d);
    /* "Llama 3.1-405B,169828008.28,896044948.87,51040524.06" */
    ck_assert_rel(V(d, OWNED_COST_USD), 51040524.06, 0.25);
}
END_TEST

/* Edges of a fleet: a part whose share of the GPUs underflows weighs
 * nothing in the means (the price is the other part's), and parts whose
 * count is the largest doubles overflow as an error, never unknown. */
START_TEST(test_derive_fleet_edges)
{
    gpucost_derivation d;
    derive("{\"id\": \"f\", \"kind\": \"fleet\", \"inputs\": {}, \"fleet\": ["
           "{\"hardware\": \"h100\", \"gpus\": 1e-300, \"gpu_price_usd\": 30000},"
           "{\"hardware\": \"h20\", \"gpus\": 1e300, \"gpu_price_usd\": 12000}]}",
           &d);
    ck_assert_rel(V(d, GPU_PRICE_USD), 12000, 1e-15);
    ck_assert_rel(V(d, GPUS), 1e300, 1e-15);
    gpucost_scenario *s = test_parse("{\"id\": \"f\", \"kind\": \"fleet\", \"inputs\": {}, "
                                     "\"fleet\": [{\"hardware\": \"h100\", \"gpus\": 1.7e308},"
                                     "{\"hardware\": \"h20\", \"gpus\": 1.7e308}]}");
    gpucost_catalog *c = test_catalog();
    gpucost_error err;
    ck_assert_int_eq(gpucost_derive(s, c, NULL, &d, &err), GPUCOST_ERANGE);
    ck_assert_str_eq(err.path, "fleet");
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("derive");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_derive_gpus_and_days_give_hours);
    tcase_add_test(core, test_derive_flops_mfu_hardware_give_hours);
    tcase_add_test(core, test_derive_hours_tokens_params_give_mfu);
    tcase_add_test(core, test_derive_backwards_from_cost);
    tcase_add_test(core, test_derive_conflicts_reported_not_overwritten);
    tcase_add_test(core, test_derive_physical_bound);
    tcase_add_test(core, test_derive_default_compared_not_overwritten);
    tcase_add_test(core, test_derive_catalog_peak_compared);
    tcase_add_test(core, test_derive_price_outside_range_is_a_note);
    tcase_add_test(core, test_derive_exclude_and_plan_replay);
    tcase_add_test(core, test_derive_ownership_by_hand);
    tcase_add_test(core, test_derive_profit_margin);
    tcase_add_test(core, test_derive_fleet_share_bound);
    tcase_add_test(core, test_derive_fleet_sums_parts);
    tcase_add_test(core, test_derive_copy_moves_blends);
    tcase_add_test(core, test_derive_dated_price);
    tcase_add_test(core, test_derive_periods);
    tcase_add_test(core, test_derive_fleet_edges);
    tcase_add_test(core, test_derive_decode_memory_bound);
    tcase_add_test(core, test_derive_decode_compute_bound);
    tcase_add_test(core, test_derive_decode_does_not_fit);
    tcase_add_test(core, test_derive_model_does_not_fit_lower_precision);
    tcase_add_test(core, test_derive_batch_above_max);
    tcase_add_test(core, test_derive_eval_limits);
    tcase_add_test(core, test_derive_roofline_without_model);
    tcase_add_test(core, test_derive_phases_total_and_inheritance);
    tcase_add_test(core, test_derive_epoch_amortisation_by_hand);
    tcase_add_test(core, test_derive_amortisation_choice);
    tcase_add_test(core, test_derive_price_year_by_hand);
    suite_add_tcase(s, core);
    TCase *pub = tcase_create("published");
    tcase_add_test(pub, test_published_deepseek_v3);
    tcase_add_test(pub, test_published_llama3);
    tcase_add_test(pub, test_published_deepseek_inference);
    tcase_add_test(pub, test_published_palm);
    tcase_add_test(pub, test_published_deepseek_v3_table1);
    tcase_add_test(pub, test_published_epoch_llama_owned);
    suite_add_tcase(s, pub);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_derive_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
