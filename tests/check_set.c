/*
 * check_set.c - the --set grammar (src/lib/compute/whatif_set.c): each form parses into
 * the override it names, and each malformed one is an error naming the
 * option as typed, with the hints a user needs.  Values the grammar
 * accepts but the scenario rejects (a domain, a kind) are the library's
 * errors, tested in check_scenario.c.
 */
#include "check_util.h"

#include "gpucost/whatif.h"

START_TEST(test_set_forms)
{
    gpucost_override o;
    ck_assert_ok(gpucost_whatif_parse_set("hardware=h100", &o, &e_));
    ck_assert_int_eq(o.kind, GPUCOST_OVERRIDE_HARDWARE);
    ck_assert_str_eq(o.hardware, "h100");
    ck_assert_ok(gpucost_whatif_parse_set("gpus=50k", &o, &e_));
    ck_assert_int_eq(o.kind, GPUCOST_OVERRIDE_POINT);
    ck_assert_int_eq(o.quantity, GPUCOST_Q_GPUS);
    ck_assert_rel(o.value, 50000, 0);
    ck_assert_ok(gpucost_whatif_parse_set("price_per_gpu_hour=1.5..3.5", &o, &e_));
    ck_assert_int_eq(o.kind, GPUCOST_OVERRIDE_INTERVAL);
    ck_assert_rel(o.value, 1.5, 0);
    ck_assert_rel(o.high, 3.5, 0);
    ck_assert_ok(gpucost_whatif_parse_set("gpu_hours=none", &o, &e_));
    ck_assert_int_eq(o.kind, GPUCOST_OVERRIDE_REMOVE);
    ck_assert_int_eq(o.quantity, GPUCOST_Q_GPU_HOURS);
    ck_assert_ok(gpucost_whatif_parse_set("precision=bf16", &o, &e_));
    ck_assert_int_eq(o.kind, GPUCOST_OVERRIDE_PRECISION);
    ck_assert_int_eq(o.precision, GPUCOST_P_BF16);
    /* the grammar leaves the domain to the scenario: 35 parses */
    ck_assert_ok(gpucost_whatif_parse_set("mfu=35", &o, &e_));
    ck_assert_rel(o.value, 35, 0);
}
END_TEST

START_TEST(test_set_errors)
{
    static const struct {
        const char *set, *msg;
    } cases[] = {
        {"gpus", "expected NAME=VALUE"},
        {"=5", "expected NAME=VALUE"},
        {"gpu=5", "unknown quantity 'gpu' (did you mean 'gpus'?)"},
        {"zzzzzz=5", "unknown quantity 'zzzzzz'"},
        {"gpus=lots",
         "expected a number (like 50k, 2.8M, 1.5e6), a range LOW..HIGH or none, got 'lots'"},
        {"gpus=nan",
         "expected a number (like 50k, 2.8M, 1.5e6), a range LOW..HIGH or none, got 'nan'"},
        {"gpus=", "expected a number (like 50k, 2.8M, 1.5e6), a range LOW..HIGH or none, got ''"},
        {"price_per_gpu_hour=1..x", "expected LOW..HIGH with two numbers, got '1..x'"},
        {"precision=fp7",
         "unknown precision 'fp7' (expected fp4, fp8, int8, bf16, fp16, tf32, fp32 or fp64)"},
        {"hardware=", "expected a hardware id"},
        {"a_name_that_is_much_longer_than_any_quantity_could_ever_be_named_x=1",
         "unknown quantity (name too long)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_error err;
        gpucost_override o;
        ck_assert_int_eq(gpucost_whatif_parse_set(cases[i].set, &o, &err), GPUCOST_EINVAL);
        ck_assert_str_eq(err.message, cases[i].msg);
        /* the request key, "set.NAME" (call.h), never an option spelling */
        char want[160];
        int klen = (int)strcspn(cases[i].set, "=");
        snprintf(want, sizeof want, "set%s%.*s", klen ? "." : "", klen, cases[i].set);
        ck_assert_str_eq(err.path, want);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("set");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_set_forms);
    tcase_add_test(core, test_set_errors);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
