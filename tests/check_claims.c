/*
 * check_claims.c - claim statuses: pass, fail, unverifiable, expected-fail
 * (and an expected failure that starts to hold), never checked against
 * itself; the bundled models' claims all hold or fail as recorded.
 */
#include "check_util.h"

#include <stdint.h>

#include "gpucost/claims.h"

static void check(const char *json, gpucost_claim_result *r, size_t want)
{
    gpucost_scenario *s = test_parse(json);
    ck_assert_uint_eq(s->nclaims, want);
    gpucost_catalog *c = test_catalog();
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    gpucost_catalog_free(c);
    /* results borrow the scenario; tests read only numbers and statuses */
    for (size_t i = 0; i < want; i++) {
        r[i].scenario = NULL;
        r[i].claim = NULL;
    }
    gpucost_scenario_free(s);
}

START_TEST(test_claims_statuses)
{
    gpucost_claim_result r[5];
    check("{\"id\": \"t\", \"inputs\": {\"gpus\": 2048, \"gpu_hours\": 2788000, "
          "\"price_per_gpu_hour\": 2},"
          " \"claims\": ["
          "{\"quantity\": \"cost_usd\", \"value\": 5576000},"
          "{\"quantity\": \"cost_usd\", \"value\": 5000000, \"tolerance\": 0.05},"
          "{\"quantity\": \"mfu\", \"max\": 0.5},"
          "{\"quantity\": \"wall_days\", \"min\": 70, \"expect\": \"fail\"},"
          "{\"quantity\": \"wall_days\", \"max\": 60, \"expect\": \"fail\"}]}",
          r, 5);
    ck_assert_int_eq(r[0].status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(r[0].computed, 5576000, 1e-15);
    ck_assert_int_eq(r[1].status, GPUCOST_CLAIM_FAIL);
    ck_assert_rel(r[1].rel_error, (5576000.0 - 5e6) / 5e6, 1e-12);
    ck_assert_int_eq(r[2].status, GPUCOST_CLAIM_UNVERIFIABLE);
    ck_assert(!r[2].has_computed);
    ck_assert_int_eq(r[3].status, GPUCOST_CLAIM_EXPECTED_FAIL);
    ck_assert_rel(r[3].rel_error, (2788000.0 / 2048 / 24 - 70) / 70, 1e-12);
    /* expected to fail but holds: a fail, so a fixed number is noticed */
    ck_assert_int_eq(r[4].status, GPUCOST_CLAIM_FAIL);
}
END_TEST

START_TEST(test_claims_never_checked_against_themselves)
{
    /* gpu_hours is given AND claimed: the claim must come from gpus x days */
    gpucost_claim_result r[2];
    check("{\"id\": \"t\", \"inputs\": {\"gpus\": 2048, \"wall_days\": 60, \"gpu_hours\": 2788000},"
          " \"claims\": [{\"quantity\": \"gpu_hours\", \"value\": 2788000},"
          "{\"quantity\": \"tokens\", \"value\": 1e12}]}",
          r, 2);
    ck_assert_int_eq(r[0].status, GPUCOST_CLAIM_FAIL);
    ck_assert_rel(r[0].computed, 2048.0 * 60 * 24, 1e-15);
    /* a claim on an input nothing else determines is unverifiable */
    ck_assert_int_eq(r[1].status, GPUCOST_CLAIM_UNVERIFIABLE);
}
END_TEST

START_TEST(test_claims_model_block)
{
    /* A model block's quantities are the architecture's: a claim on one is
     * checked against the block's formula, never unverifiable.  vLLM
     * (Kwon et al. 2023, section 3): OPT-13B holds 800 KB per token,
     * 2 x 5120 x 40 layers x 2 bytes; the block's own parameter count is
     * checked the same way.  The scenario's input of the claimed quantity
     * (a wrong 600,000) is left out, as for any claim. */
    gpucost_claim_result r[4];
    check("{\"id\": \"t\", \"kind\": \"inference\", \"model\": {\"layers\": 40, \"heads\": 40,"
          " \"head_dim\": 128, \"params_total\": 12.85e9, \"kv_precision\": \"fp16\"},"
          " \"inputs\": {\"kv_bytes_per_token\": 600000}, \"claims\": ["
          "{\"quantity\": \"kv_bytes_per_token\", \"value\": 819200, \"tolerance\": 0},"
          "{\"quantity\": \"kv_bytes_per_token\", \"value\": 1638400},"
          "{\"quantity\": \"params_total\", \"value\": 13e9, \"tolerance\": 0.02},"
          "{\"quantity\": \"params_total\", \"value\": 13e9, \"tolerance\": 0.001}]}",
          r, 4);
    ck_assert_int_eq(r[0].status, GPUCOST_CLAIM_PASS);
    ck_assert_double_eq(r[0].computed, 819200.0);
    ck_assert_int_eq(r[1].status, GPUCOST_CLAIM_FAIL);
    ck_assert_rel(r[1].rel_error, -0.5, 1e-15);
    ck_assert_int_eq(r[2].status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(r[2].computed, 12.85e9, 1e-15);
    ck_assert_int_eq(r[3].status, GPUCOST_CLAIM_FAIL);
    /* NVIDIA's Llama 2 7B, 16-bit: 2 x 32 layers x 4096 x 2 bytes */
    gpucost_claim_result one[1];
    check("{\"id\": \"t\", \"kind\": \"inference\", \"model\": {\"layers\": 32, \"heads\": 32,"
          " \"head_dim\": 128, \"params_total\": 6.74e9}, \"inputs\": {},"
          " \"claims\": [{\"quantity\": \"kv_bytes_per_token\", \"value\": 524288,"
          " \"tolerance\": 0}]}",
          one, 1);
    ck_assert_int_eq(one[0].status, GPUCOST_CLAIM_PASS);
    ck_assert_double_eq(one[0].computed, 524288.0);
}
END_TEST

typedef struct tally {
    gpucost_catalog *cat;
    gpucost_claim_summary sum;
} tally;

static void check_model(const char *name, gpucost_scenario *s, void *ctx)
{
    tally *t = ctx;
    gpucost_claim_result r[16];
    ck_assert_uint_le(s->nclaims, 16);
    ck_assert_ok(gpucost_claims_check(s, t->cat, r, &e_));
    for (size_t i = 0; i < s->nclaims; i++)
        ck_assert_msg(r[i].status != GPUCOST_CLAIM_FAIL, "%s claims[%zu] fails", name, i);
    gpucost_claims_tally(r, s->nclaims, &t->sum);
}

START_TEST(test_claims_models_hold)
{
    tally t = {test_catalog(), {0, 0, 0, 0}};
    test_each_scenario(check_model, &t);
    gpucost_catalog_free(t.cat);
    ck_assert_uint_eq(t.sum.fail, 0);
    /* Llama 3's 38-43% MFU, Epoch's cloud price for Llama 3.1 405B,
     * SemiAnalysis's $944M operating cost as a year of ownership, and
     * PaLM's 46.2% MFU over its wall-clock hours */
    ck_assert_uint_eq(t.sum.expected_fail, 4);
    ck_assert_uint_ge(t.sum.pass, 12);
}
END_TEST

/* No bundled scenario or case has a conflict it does not record. */
static void no_conflicts(const char *name, gpucost_scenario *s, void *ctx)
{
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, ctx, NULL, &d, &e_));
    gpucost_claim_result r[GPUCOST_MAX_CONFLICTS + 8];
    ck_assert_uint_le(gpucost_claims_conflict_count(s, &d), GPUCOST_MAX_CONFLICTS + 8);
    size_t n = gpucost_claims_conflicts(s, &d, r);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(r[i].status != GPUCOST_CLAIM_FAIL, "%s: a conflict on %s", name,
                      gpucost_quantity_info_get(r[i].conflict.quantity)->name);
}

START_TEST(test_claims_models_have_no_unrecorded_conflicts)
{
    gpucost_catalog *c = test_catalog();
    test_each_scenario(no_conflicts, c);
    test_each_model("cases", no_conflicts, c);
    gpucost_catalog_free(c);
}
END_TEST

/* docs/tutorial.md, "Nothing back-derived silently": an unrecorded conflict fails, a recorded
 * one passes while it persists, and a record whose conflict is gone
 * fails. */
START_TEST(test_claims_conflict_cases)
{
    static const char *const files[] = {
        "{\"id\": \"a\", \"inputs\": {\"gpus\": 2048, \"wall_days\": 60, \"gpu_hours\": 2788000}}",
        "{\"id\": \"b\", \"inputs\": {\"gpus\": 2048, \"wall_days\": 60, \"gpu_hours\": 2788000},"
        " \"expect_conflicts\": [{\"quantity\": \"gpu_hours\", \"note\": \"why\"}]}",
        "{\"id\": \"c\", \"inputs\": {\"gpus\": 2048, \"gpu_hours\": 2788000},"
        " \"expect_conflicts\": [{\"quantity\": \"gpu_hours\"}]}",
    };
    const gpucost_claim_status want[] = {GPUCOST_CLAIM_FAIL, GPUCOST_CLAIM_EXPECTED_FAIL,
                                         GPUCOST_CLAIM_FAIL};
    for (int k = 0; k < 3; k++) {
        gpucost_scenario *s = test_parse(files[k]);
        gpucost_derivation d;
        ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
        gpucost_claim_result r[4];
        ck_assert_uint_eq(gpucost_claims_conflicts(s, &d, r), 1);
        ck_assert(r[0].is_conflict);
        ck_assert_int_eq(r[0].status, want[k]);
        ck_assert_int_eq(r[0].conflict.quantity, GPUCOST_Q_GPU_HOURS);
        ck_assert_int_eq(r[0].has_conflict, k < 2);
        if (k < 2)
            ck_assert_rel(r[0].rel_error, (2048.0 * 60 * 24 - 2788000) / 2788000, 1e-12);
        gpucost_claim_summary sum = {0, 0, 0, 0};
        gpucost_claims_tally(r, 1, &sum);
        ck_assert_uint_eq(sum.fail, k != 1);
        gpucost_scenario_free(s);
    }
}
END_TEST

/* A skeleton's stubs (`gpucost new`) fail until filled in: the title and
 * each source whose title, url or quote still starts with "TODO", after
 * any spaces; a source that merely mentions a to-do further on passes. */
START_TEST(test_claims_placeholders)
{
    gpucost_scenario *s = test_parse(
        "{\"id\": \"t\", \"title\": \"TODO: what this is\", \"inputs\": {\"gpus\": 2048},"
        " \"sources\": ["
        "{\"title\": \"DeepSeek-V3 report\", \"url\": \"TODO: the link\", \"quote\": \"2,048 "
        "H800 GPUs\"},"
        "{\"title\": \"A blog\", \"url\": \"https://example.org\", \"quote\": \"left as a "
        "TODO\"},"
        "{\"title\": \"  TODO: where\", \"quote\": \"TODO: the words\", \"fields\": "
        "[\"inputs.gpus\"]}]}");
    ck_assert_uint_eq(gpucost_claims_placeholder_count(s), 4);
    gpucost_claim_result r[4];
    ck_assert_uint_eq(gpucost_claims_placeholders(s, r), 3);
    ck_assert(r[0].is_placeholder && r[0].index == SIZE_MAX && r[0].placeholder_fields == 1u);
    ck_assert(r[1].is_placeholder && r[1].index == 0 && r[1].placeholder_fields == 2u);
    ck_assert(r[2].is_placeholder && r[2].index == 2 && r[2].placeholder_fields == 5u);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(r[i].status, GPUCOST_CLAIM_FAIL);
        ck_assert(!r[i].is_conflict && r[i].claim == NULL);
    }
    gpucost_claim_summary sum = {0, 0, 0, 0};
    gpucost_claims_tally(r, 3, &sum);
    ck_assert_uint_eq(sum.fail, 3);
    gpucost_scenario_free(s);

    /* a filled-in scenario has none */
    s = test_parse("{\"id\": \"t\", \"title\": \"Done\", \"inputs\": {\"gpus\": 8},"
                   " \"sources\": [{\"title\": \"x\", \"url\": \"https://x\"}]}");
    ck_assert_uint_eq(gpucost_claims_placeholders(s, r), 0);
    gpucost_scenario_free(s);
    ck_assert(gpucost_source_placeholder("TODO"));
    ck_assert(!gpucost_source_placeholder(NULL));
    ck_assert(!gpucost_source_placeholder(""));
    ck_assert(!gpucost_source_placeholder("todo: lower case is a word"));
}
END_TEST

START_TEST(test_claims_status_names)
{
    ck_assert_str_eq(gpucost_claim_status_name(GPUCOST_CLAIM_EXPECTED_FAIL), "expected-fail");
    ck_assert_str_eq(gpucost_claim_status_name(GPUCOST_CLAIM_UNVERIFIABLE), "unverifiable");
}
END_TEST

START_TEST(test_claims_errors)
{
    /* derivation errors surface from the check, located */
    gpucost_scenario *s =
        test_parse("{\"id\": \"t\", \"inputs\": {\"hardware\": \"nope\", \"gpus\": 8},"
                   " \"claims\": [{\"quantity\": \"gpus\", \"value\": 8}]}");
    gpucost_catalog *c = test_catalog();
    gpucost_claim_result r[1];
    gpucost_error err;
    ck_assert_int_eq(gpucost_claims_check(s, c, r, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.path, "inputs.hardware");
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}
END_TEST

/* A claim about one phase of a run is checked on that phase: each row of
 * DeepSeek-V3's Table 1 and the total pass; a phase's claim excludes the
 * phase's own input of the same name, never the run's. */
START_TEST(test_claims_phases)
{
    gpucost_scenario *s = test_scenario("deepseek-v3-table1");
    gpucost_catalog *c = test_catalog();
    gpucost_claim_result r[16];
    ck_assert_uint_le(s->nclaims, 16);
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    for (size_t i = 0; i < s->nclaims; i++)
        ck_assert_msg(r[i].status == GPUCOST_CLAIM_PASS, "claim %zu: status %d", i, r[i].status);
    ck_assert_int_eq(s->claims[0].phase, 0);
    ck_assert_int_eq(s->claims[4].phase, -1);
    ck_assert_rel(r[0].computed, 2664000 * 2.0, 1e-15);
    ck_assert_rel(r[5].computed, 2788000 * 2.0, 1e-15);
    gpucost_scenario_free(s);
    s = test_parse(
        "{\"id\": \"t\", \"inputs\": {\"gpus\": 10, \"price_per_gpu_hour\": 2}, "
        "\"phases\": [{\"name\": \"a\", \"inputs\": {\"gpu_hours\": 100}}], "
        "\"claims\": [{\"quantity\": \"gpu_hours\", \"value\": 100, \"phase\": \"a\"}]}");
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    ck_assert_int_eq(r[0].status, GPUCOST_CLAIM_UNVERIFIABLE);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* An export claim: the rules' status of a chip on a date against the
 * claimed one; an unknown chip is an error at the claim; without rules the
 * claim is unverifiable, never passed. */
START_TEST(test_claims_export)
{
    gpucost_scenario *s = test_scenario("deepseek-v3-chips-for-china");
    gpucost_catalog *c = test_catalog();
    gpucost_rules *rules = NULL;
    ck_assert_ok(gpucost_rules_load(GPUCOST_MODELS "/rules", &rules, &e_));
    gpucost_claim_result r[16];
    ck_assert_uint_le(s->nclaims, 16);
    /* without rules */
    gpucost_catalog_set_rules(c, NULL);
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    ck_assert_int_eq(r[0].status, GPUCOST_CLAIM_UNVERIFIABLE);
    gpucost_catalog_set_rules(c, rules);
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    for (size_t i = 0; i < s->nclaims; i++)
        ck_assert_msg(r[i].status == GPUCOST_CLAIM_PASS, "claim %zu: status %d", i, r[i].status);
    ck_assert_str_eq(r[0].verdict.rule->id, "bis-2022-10");
    gpucost_scenario_free(s);
    /* a claim that the H800 passed the 2023 rule fails */
    s = test_parse("{\"id\": \"t\", \"inputs\": {}, \"claims\": [{\"export\": {\"hardware\": "
                   "\"h800\", \"on\": \"2024-01-01\"}, \"status\": \"not controlled\"}, "
                   "{\"export\": {\"hardware\": \"h20\", \"on\": \"2024-01-01\"}, \"status\": "
                   "\"licence\", \"expect\": \"fail\"}]}");
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    ck_assert_int_eq(r[0].status, GPUCOST_CLAIM_FAIL);
    ck_assert_int_eq(r[1].status, GPUCOST_CLAIM_EXPECTED_FAIL);
    gpucost_scenario_free(s);
    s = test_parse("{\"id\": \"t\", \"inputs\": {}, \"claims\": [{\"export\": {\"hardware\": "
                   "\"h8000\", \"on\": \"2024-01-01\"}, \"status\": \"licence\"}]}");
    gpucost_error err;
    ck_assert_int_eq(gpucost_claims_check(s, c, r, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.path, "claims[0].export.hardware");
    gpucost_scenario_free(s);
    /* a claimed review policy must match too; a destination is named */
    s = test_parse("{\"id\": \"t\", \"inputs\": {}, \"claims\": [{\"export\": {\"hardware\": "
                   "\"h200\", \"on\": \"2026-02-01\"}, \"status\": \"licence\", \"policy\": "
                   "\"presumption of denial\"}, {\"export\": {\"hardware\": \"h200\", \"on\": "
                   "\"2026-02-01\", \"to\": \"VN\"}, \"status\": \"licence\"}, {\"export\": "
                   "{\"hardware\": \"h200\", \"on\": \"2026-02-01\", \"to\": \"IL\"}, \"status\": "
                   "\"licence\"}]}");
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    ck_assert_int_eq(r[0].status, GPUCOST_CLAIM_FAIL);
    ck_assert_int_eq(r[0].verdict.policy, GPUCOST_POLICY_CASE_BY_CASE);
    ck_assert_int_eq(r[1].status, GPUCOST_CLAIM_PASS);
    ck_assert_int_eq(r[2].status, GPUCOST_CLAIM_FAIL);
    gpucost_scenario_free(s);
    s = test_parse("{\"id\": \"t\", \"inputs\": {}, \"claims\": [{\"export\": {\"hardware\": "
                   "\"h200\", \"on\": \"2026-02-01\", \"to\": \"Atlantis\"}, \"status\": "
                   "\"licence\"}]}");
    ck_assert_int_eq(gpucost_claims_check(s, c, r, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.path, "claims[0].export.to");
    ck_assert_ptr_nonnull(strstr(err.message, "unknown destination 'Atlantis'"));
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* A claim's own date prices it at that date's quotes when the scenario
 * gives no price.  The H100's on-demand quotes by hand (6-month window):
 * around 2024-07-15 eleven, median 3.95; around 2025-03-15 the nine from
 * 2024-11-29 to 2025-03-17 (2.45 2.94 2.99 3.29 3.29 3.95 10 11.06 12.29),
 * median 3.29; around 2023-09-15 the fifteen from 2023-06-20 to
 * 2024-02-14 (1.99 3.49 4.03 4.4 4.4 4.76 x4 4.78 x4 5 10), median 4.76. */
START_TEST(test_claims_dated)
{
    gpucost_catalog *c = test_catalog();
    gpucost_scenario *s = test_parse(
        "{\"id\": \"t\", \"date\": \"2024-07\", \"inputs\": {\"hardware\": \"h100\", "
        "\"gpu_hours\": 1000}, \"claims\": ["
        "{\"quantity\": \"cost_usd\", \"value\": 3950, \"tolerance\": 1e-9},"
        "{\"quantity\": \"cost_usd\", \"value\": 3290, \"tolerance\": 1e-9, \"date\": \"2025-03\"},"
        "{\"quantity\": \"cost_usd\", \"value\": 4760, \"tolerance\": 1e-9, "
        "\"date\": \"2023-09-15\"}]}");
    gpucost_claim_result r[3];
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    ck_assert_rel(r[0].computed, 3950, 1e-12);
    ck_assert_int_eq(r[0].priced_date, 0);
    ck_assert_rel(r[1].computed, 3290, 1e-12);
    ck_assert_int_eq(r[1].status, GPUCOST_CLAIM_PASS);
    ck_assert_int_eq(r[1].priced_date, 20250315);
    char basis[240];
    ck_assert_int_eq(
        gpucost_derive_quote_basis(r[1].priced_hardware, r[1].priced_date, basis, sizeof basis), 1);
    ck_assert_ptr_nonnull(strstr(basis, "median of 9 on-demand quotes, 2024-11..2025-03"));
    ck_assert_rel(r[2].computed, 4760, 1e-12);
    ck_assert_int_eq(r[2].priced_date, 20230915);
    gpucost_scenario_free(s);
    /* a price of its own is the price whatever the claim's date */
    s = test_parse("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h100\", \"gpu_hours\": 1000, "
                   "\"price_per_gpu_hour\": 2}, \"claims\": [{\"quantity\": \"cost_usd\", "
                   "\"value\": 2000, \"tolerance\": 1e-9, \"date\": \"2025-03\"}]}");
    ck_assert_ok(gpucost_claims_check(s, c, r, &e_));
    ck_assert_rel(r[0].computed, 2000, 1e-12);
    ck_assert_int_eq(r[0].priced_date, 0);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("claims");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_claims_phases);
    tcase_add_test(core, test_claims_placeholders);
    tcase_add_test(core, test_claims_export);
    tcase_add_test(core, test_claims_dated);
    tcase_add_test(core, test_claims_statuses);
    tcase_add_test(core, test_claims_never_checked_against_themselves);
    tcase_add_test(core, test_claims_model_block);
    tcase_add_test(core, test_claims_models_hold);
    tcase_add_test(core, test_claims_models_have_no_unrecorded_conflicts);
    tcase_add_test(core, test_claims_conflict_cases);
    tcase_add_test(core, test_claims_status_names);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_claims_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
