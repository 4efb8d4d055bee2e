/*
 * check_whatif.c - what-ifs that hold the job: a hardware change keeps
 * training FLOPs, gpus and mfu and re-derives GPU-hours (closed form), the
 * part's own prices replace the old part's, a precision the part lacks
 * widens, a batch re-derived from the new part is not called held, the
 * user's own numbers win over a pin, --hold names the held
 * set, and a plain --set is applied as given.
 */
#include "check_util.h"

#include "gpucost/output.h"
#include "gpucost/whatif.h"

typedef struct run {
    gpucost_catalog *cat;
    gpucost_scenario *s;
    gpucost_whatif w;
    gpucost_derivation d;
} run;

static void apply(run *r, const char *name, const gpucost_override *sets, size_t n,
                  const gpucost_quantity *hold, size_t nhold)
{
    r->cat = test_catalog();
    r->s = test_scenario(name);
    ck_assert_ok(gpucost_whatif_apply(r->s, r->cat, sets, n, hold, nhold, &r->w, &e_));
    ck_assert_ok(gpucost_derive(r->s, r->cat, NULL, &r->d, &e_));
}

static void done(run *r)
{
    gpucost_scenario_free(r->s);
    gpucost_catalog_free(r->cat);
}

/* V3 on H20s: the same FLOPs at V3's own MFU on the H20's fp8 peak, so
 * GPU-hours scale by 1979 / 296 and nothing conflicts. */
START_TEST(test_whatif_hardware_holds_the_job)
{
    gpucost_override sets[] = {gpucost_override_hardware("h20")};
    run r;
    apply(&r, "deepseek-v3", sets, 1, NULL, 0);
    ck_assert(r.w.active);
    double mfu = 6 * 37e9 * 14.8e12 / (2.788e6 * 3600 * 1979e12);
    ck_assert(r.w.held[GPUCOST_Q_TRAINING_FLOPS] && !r.w.pinned[GPUCOST_Q_TRAINING_FLOPS]);
    ck_assert(r.w.held[GPUCOST_Q_GPUS] && !r.w.pinned[GPUCOST_Q_GPUS]);
    ck_assert(r.w.pinned[GPUCOST_Q_MFU]);
    ck_assert_rel(r.w.value[GPUCOST_Q_MFU], mfu, 1e-12);
    ck_assert(r.w.dropped[GPUCOST_Q_GPU_HOURS]);
    ck_assert(r.w.dropped[GPUCOST_Q_PRICE_PER_GPU_HOUR]);
    ck_assert_rel(r.d.value[GPUCOST_Q_GPU_HOURS], 2.788e6 * 1979.0 / 296.0, 1e-12);
    ck_assert_rel(r.d.value[GPUCOST_Q_WALL_DAYS], 2.788e6 * 1979.0 / 296.0 / 2048 / 24, 1e-12);
    ck_assert_rel(r.d.value[GPUCOST_Q_MFU], mfu, 1e-12);
    ck_assert_int_eq(r.d.origin[GPUCOST_Q_PRICE_PER_GPU_HOUR], GPUCOST_ORIGIN_CATALOG);
    ck_assert_rel(r.d.value[GPUCOST_Q_PRICE_PER_GPU_HOUR], sqrt(0.8 * 1.6), 1e-12);
    ck_assert_uint_eq(r.d.nconflicts, 0);
    ck_assert_str_eq(r.w.from, "h800 fp8");
    done(&r);
}
END_TEST

/* A held quantity is one the what-if keeps: a batch that is the largest
 * that fits (max_batch x batch_fill) is derived from the part's memory and
 * the weights' bytes, so on a part with more memory, or at a precision of
 * wider weights, it is re-derived, and says so, not "held".  405B at FP8
 * (405 GB) on 8 GPUs: on H100s 640 GB, on H200s 1,128 GB; at BF16 810 GB. */
static const char SERVING_H200[] =
    "{\"id\": \"t\", \"kind\": \"inference\", \"model\": \"llama3-405b\", \"inputs\": "
    "{\"hardware\": \"h200\", \"precision\": \"fp8\", \"hours\": 24, \"input_tokens\": 6.08e9, "
    "\"output_tokens\": 1.68e9, \"context_tokens\": 4096}}";

static void assert_rederived_batch(const run *r, double before, double ratio)
{
    ck_assert(r->w.active);
    ck_assert(!r->w.held[GPUCOST_Q_BATCH] && r->w.rederived[GPUCOST_Q_BATCH]);
    ck_assert_int_eq(r->d.origin[GPUCOST_Q_BATCH], GPUCOST_ORIGIN_DERIVED);
    ck_assert_rel(r->d.value[GPUCOST_Q_BATCH], before * ratio, 1e-9);
    ck_assert(r->w.held[GPUCOST_Q_CONTEXT_TOKENS]); /* the serving shape that is kept */
    char line[1024];
    gpucost_output_whatif(&r->w, &r->d, line, sizeof line);
    const char *held = strstr(line, "held: "), *re = strstr(line, "; re-derived: ");
    ck_assert_msg(held != NULL && re != NULL && re > held, "%s", line);
    ck_assert_msg(strstr(held, "batch") > re, "batch before re-derived: %s", line);
    ck_assert_msg(strstr(re, "batch") != NULL, "%s", line);
}

START_TEST(test_whatif_rederived_is_not_held)
{
    /* new hardware: H100 -> H200, (1128 - 405) / (640 - 405) the batch */
    gpucost_derivation d0;
    test_derive_scenario("llama3-405b-serving", &d0);
    gpucost_override sets[] = {gpucost_override_hardware("h200")};
    run r;
    apply(&r, "llama3-405b-serving", sets, 1, NULL, 0);
    assert_rederived_batch(&r, d0.value[GPUCOST_Q_BATCH], (1128.0 - 405.0) / (640.0 - 405.0));
    done(&r);

    /* a precision of wider weights: FP8 -> BF16 on H200s, (1128 - 810) /
     * (1128 - 405) the batch */
    r.cat = test_catalog();
    r.s = test_parse(SERVING_H200);
    ck_assert_ok(gpucost_derive(r.s, r.cat, NULL, &d0, &e_));
    gpucost_override bf16 = gpucost_override_precision(GPUCOST_P_BF16);
    ck_assert_ok(gpucost_whatif_apply(r.s, r.cat, &bf16, 1, NULL, 0, &r.w, &e_));
    ck_assert_ok(gpucost_derive(r.s, r.cat, NULL, &r.d, &e_));
    assert_rederived_batch(&r, d0.value[GPUCOST_Q_BATCH], (1128.0 - 810.0) / (1128.0 - 405.0));
    done(&r);

    /* INT8 weights take the bytes FP8's do: the batch is held, truly */
    gpucost_override int8 = gpucost_override_precision(GPUCOST_P_INT8);
    test_derive_scenario("llama3-405b-serving", &d0);
    apply(&r, "llama3-405b-serving", &int8, 1, NULL, 0);
    ck_assert(r.w.held[GPUCOST_Q_BATCH] && !r.w.rederived[GPUCOST_Q_BATCH]);
    ck_assert_rel(r.d.value[GPUCOST_Q_BATCH], d0.value[GPUCOST_Q_BATCH], 1e-12);
    done(&r);
}
END_TEST

/* --hold training_flops,mfu,wall_days on H20s keeps all three: by hand,
 * the same FLOPs at V3's MFU on the H20's fp8 peak in V3's days need
 * 13,693 GPUs and 18.64M GPU-hours (the first pass would have held the
 * days through the file's GPU-hours and let mfu go). */
START_TEST(test_whatif_hold_keeps_what_it_is_told)
{
    gpucost_override sets[] = {gpucost_override_hardware("h20")};
    const gpucost_quantity hold[] = {GPUCOST_Q_TRAINING_FLOPS, GPUCOST_Q_MFU, GPUCOST_Q_WALL_DAYS};
    run r;
    apply(&r, "deepseek-v3", sets, 1, hold, 3);
    double flops = 6 * 37e9 * 14.8e12, mfu = flops / (2.788e6 * 3600 * 1979e12);
    double days = 2.788e6 / 2048 / 24;
    double gpu_hours = flops / (mfu * 296e12) / 3600;
    ck_assert_rel(r.d.value[GPUCOST_Q_MFU], mfu, 1e-9);
    ck_assert_rel(r.d.value[GPUCOST_Q_TRAINING_FLOPS], flops, 1e-9);
    ck_assert_rel(r.d.value[GPUCOST_Q_WALL_DAYS], days, 1e-9);
    ck_assert_rel(r.d.value[GPUCOST_Q_GPU_HOURS], gpu_hours, 1e-9);
    ck_assert_rel(r.d.value[GPUCOST_Q_GPUS], gpu_hours / (days * 24), 1e-9);
    ck_assert_rel(r.d.value[GPUCOST_Q_GPUS], 13693, 1e-4);
    ck_assert_rel(r.d.value[GPUCOST_Q_GPU_HOURS], 18.64e6, 1e-3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_msg(r.w.held[hold[i]], "%s held", gpucost_quantity_info_get(hold[i])->name);
    ck_assert_uint_eq(r.d.nconflicts, 0);
    done(&r);
}
END_TEST

/* A held set the new part makes contradictory is refused, naming it:
 * the FLOPs, the GPU-hours and mfu cannot all stay on a smaller peak. */
START_TEST(test_whatif_hold_refuses_what_it_cannot_keep)
{
    gpucost_override sets[] = {gpucost_override_hardware("h20")};
    const gpucost_quantity hold[] = {GPUCOST_Q_TRAINING_FLOPS, GPUCOST_Q_GPU_HOURS, GPUCOST_Q_MFU};
    gpucost_catalog *c = test_catalog();
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_whatif w;
    gpucost_error err;
    ck_assert_int_eq(gpucost_whatif_apply(s, c, sets, 1, hold, 3, &w, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "hold");
    ck_assert_msg(strstr(err.message, "the held set cannot be kept") != NULL, "%s", err.message);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* The Ascend 910C has no fp8 peak: the job runs in bf16 and says so. */
START_TEST(test_whatif_precision_widens)
{
    gpucost_override sets[] = {gpucost_override_hardware("ascend-910c")};
    run r;
    apply(&r, "deepseek-v3", sets, 1, NULL, 0);
    ck_assert_int_eq(r.s->precision, GPUCOST_P_BF16);
    ck_assert_str_eq(r.w.note, "precision fp8 -> bf16 (ascend-910c has no fp8 peak)");
    ck_assert_uint_eq(r.d.nconflicts, 0);
    done(&r);
}
END_TEST

/* The user's GPU-hours on the new part determine mfu: no pin, no conflict. */
START_TEST(test_whatif_user_numbers_win)
{
    gpucost_override sets[] = {gpucost_override_hardware("h20"),
                               gpucost_override_point(GPUCOST_Q_GPU_HOURS, 5e6)};
    run r;
    apply(&r, "deepseek-v3", sets, 2, NULL, 0);
    ck_assert(!r.w.pinned[GPUCOST_Q_MFU]);
    ck_assert_int_eq(r.d.origin[GPUCOST_Q_MFU], GPUCOST_ORIGIN_DERIVED);
    ck_assert_rel(r.d.value[GPUCOST_Q_MFU], 6 * 37e9 * 14.8e12 / (5e6 * 3600 * 296e12), 1e-12);
    ck_assert_uint_eq(r.d.nconflicts, 0);
    done(&r);
}
END_TEST

/* --hold training_flops,mfu with half the GPUs: the same GPU-hours over
 * twice the days. */
START_TEST(test_whatif_hold_list)
{
    gpucost_override sets[] = {gpucost_override_point(GPUCOST_Q_GPUS, 8192)};
    const gpucost_quantity hold[] = {GPUCOST_Q_TRAINING_FLOPS, GPUCOST_Q_MFU};
    run r;
    apply(&r, "llama3-405b", sets, 1, hold, 2);
    ck_assert(r.w.active);
    ck_assert_rel(r.d.value[GPUCOST_Q_GPU_HOURS], 30.84e6, 1e-12);
    ck_assert_rel(r.d.value[GPUCOST_Q_WALL_DAYS], 30.84e6 / 8192 / 24, 1e-12);
    ck_assert_uint_eq(r.d.nconflicts, 0);
    done(&r);
}
END_TEST

/* Without a hardware change or --hold, --set is applied as given. */
START_TEST(test_whatif_plain_set)
{
    gpucost_override sets[] = {gpucost_override_point(GPUCOST_Q_GPUS, 50000)};
    run r;
    apply(&r, "deepseek-v3", sets, 1, NULL, 0);
    ck_assert(!r.w.active);
    ck_assert_rel(r.d.value[GPUCOST_Q_GPU_HOURS], 2.788e6, 0);
    ck_assert_rel(r.d.value[GPUCOST_Q_WALL_DAYS], 2.788e6 / 50000 / 24, 1e-12);
    done(&r);
}
END_TEST

/* The bundled what-if files are the what-if command written down: V3's
 * pre-training with --set hardware=X gives their GPU-hours and cost (the
 * files round mfu to 0.1731). */
START_TEST(test_whatif_bundled_files_agree)
{
    static const char *const parts[] = {"h20", "b200", "h200", "ascend-910c"};
    for (size_t i = 0; i < 4; i++) {
        char file[64];
        snprintf(file, sizeof file, "deepseek-v3-on-%s", parts[i]);
        gpucost_override sets[] = {gpucost_override_hardware(parts[i])};
        run r;
        apply(&r, "deepseek-v3-pretraining", sets, 1, NULL, 0);
        gpucost_scenario *f = test_scenario(file);
        gpucost_derivation d;
        ck_assert_ok(gpucost_derive(f, r.cat, NULL, &d, &e_));
        ck_assert_rel(d.value[GPUCOST_Q_GPU_HOURS], r.d.value[GPUCOST_Q_GPU_HOURS], 1e-3);
        ck_assert_rel(d.value[GPUCOST_Q_COST_USD], r.d.value[GPUCOST_Q_COST_USD], 1e-3);
        ck_assert_int_eq(d.precision, r.d.precision);
        gpucost_scenario_free(f);
        done(&r);
    }
}
END_TEST

START_TEST(test_whatif_errors)
{
    gpucost_catalog *c = test_catalog();
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_error err;
    /* errors name the API's parameters; the CLI maps them to options */
    gpucost_override bad[] = {gpucost_override_hardware("h999")};
    ck_assert_int_eq(gpucost_whatif_apply(s, c, bad, 1, NULL, 0, NULL, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.path, "hardware");
    ck_assert_str_eq(err.file, s->file);
    gpucost_scenario_free(s);
    s = test_scenario("deepseek-v3");
    gpucost_override two[] = {gpucost_override_point(GPUCOST_Q_GPUS, 4096),
                              gpucost_override_point(GPUCOST_Q_MFU, 35)};
    ck_assert_int_eq(gpucost_whatif_apply(s, c, two, 2, NULL, 0, NULL, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "overrides[1]");
    ck_assert_str_eq(err.message, "expected a fraction above 0 and at most 1 (for 35% write 0.35)");
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("whatif");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_whatif_hardware_holds_the_job);
    tcase_add_test(core, test_whatif_rederived_is_not_held);
    tcase_add_test(core, test_whatif_hold_keeps_what_it_is_told);
    tcase_add_test(core, test_whatif_hold_refuses_what_it_cannot_keep);
    tcase_add_test(core, test_whatif_precision_widens);
    tcase_add_test(core, test_whatif_user_numbers_win);
    tcase_add_test(core, test_whatif_hold_list);
    tcase_add_test(core, test_whatif_plain_set);
    tcase_add_test(core, test_whatif_bundled_files_agree);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_whatif_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
