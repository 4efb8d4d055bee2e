/*
 * check_solve.c - root finding for one input: closed-form answers, domain
 * limits, and the questions that have no answer.
 */
#include "check_util.h"

#include "gpucost/solve.h"

START_TEST(test_solve_h100s_for_v3_in_three_days)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_catalog *c = test_catalog();
    ck_assert_ok(gpucost_scenario_override(
        s, (gpucost_override[]){gpucost_override_hardware("h100")}, 1, &e_));
    gpucost_solve_result r;
    ck_assert_ok(gpucost_solve(s, c, GPUCOST_Q_GPUS, GPUCOST_Q_WALL_DAYS, 3.0, NULL, &r, &e_));
    /* 2.788M GPU-h in 3 x 24 h */
    ck_assert_rel(r.value, 2788000.0 / 72.0, 1e-10);
    ck_assert_rel(r.achieved, 3.0, 1e-10);
    ck_assert_rel(r.start, 2048, 0);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_solve_through_several_relations)
{
    /* which MFU would make Llama 3's 6ND fit in 20M H100-hours? */
    gpucost_scenario *s = test_scenario("llama3-405b");
    gpucost_catalog *c = test_catalog();
    gpucost_solve_result r;
    ck_assert_ok(gpucost_solve(s, c, GPUCOST_Q_MFU, GPUCOST_Q_GPU_HOURS, 20e6, NULL, &r, &e_));
    ck_assert_rel(r.value, 6 * 405e9 * 15.6e12 / (20e6 * 3600 * 989.4e12), 1e-10);
    /* and the price that makes it cost $50M */
    ck_assert_ok(
        gpucost_solve(s, c, GPUCOST_Q_PRICE_PER_GPU_HOUR, GPUCOST_Q_COST_USD, 50e6, NULL, &r, &e_));
    ck_assert_rel(r.value, 50e6 / 30.84e6, 1e-10);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* Solutions near the ends of the double range are found: the bracket
 * once stopped at e^+-690, and a step past the largest double no longer
 * hides the sign change. */
START_TEST(test_solve_near_the_largest_and_smallest_doubles)
{
    gpucost_catalog *c = test_catalog();
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_solve_result r;
    ck_assert_ok(gpucost_solve(s, c, GPUCOST_Q_PRICE_PER_GPU_HOUR, GPUCOST_Q_COST_USD, 1e305, NULL,
                               &r, &e_));
    ck_assert_rel(r.value, 1e305 / 2788000.0, 1e-9);
    ck_assert_ok(gpucost_solve(s, c, GPUCOST_Q_PRICE_PER_GPU_HOUR, GPUCOST_Q_COST_USD, 1e-300, NULL,
                               &r, &e_));
    ck_assert_rel(r.value, 1e-300 / 2788000.0, 1e-9);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_solve_errors)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_catalog *c = test_catalog();
    gpucost_solve_result r;
    gpucost_error err;
    ck_assert_int_eq(gpucost_solve(s, c, GPUCOST_Q_POWER_W, GPUCOST_Q_WALL_DAYS, 3, NULL, &r, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.message, "'wall_days' does not depend on 'power_w' in this scenario");
    /* MFU cannot go above 1: 3.29e24 FLOP in an hour on 2,048 GPUs is out of reach */
    ck_assert_ok(gpucost_scenario_override(
        s, (gpucost_override[]){gpucost_override_remove(GPUCOST_Q_GPU_HOURS)}, 1, &e_));
    ck_assert_int_eq(gpucost_solve(s, c, GPUCOST_Q_MFU, GPUCOST_Q_WALL_DAYS, 0.01, NULL, &r, &err),
                     GPUCOST_ENOSOLUTION);
    ck_assert_str_eq(err.message, "no value of 'mfu' makes 'wall_days' equal 0.01");
    ck_assert_int_eq(gpucost_solve(s, c, GPUCOST_Q_GPUS, GPUCOST_Q_GPUS, 3, NULL, &r, &err),
                     GPUCOST_EINVAL);
    ck_assert_int_eq(gpucost_solve(s, c, GPUCOST_Q_GPUS, GPUCOST_Q_WALL_DAYS, -3, NULL, &r, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.message, "expected a positive number for 'wall_days'");
    ck_assert_int_eq(gpucost_solve(s, c, GPUCOST_Q_GPUS, GPUCOST_Q_CO2_T, 3, NULL, &r, &err),
                     GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.message,
                     "'co2_t' cannot be derived from this scenario's inputs with 'gpus' given");
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("solve");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_solve_h100s_for_v3_in_three_days);
    tcase_add_test(core, test_solve_through_several_relations);
    tcase_add_test(core, test_solve_near_the_largest_and_smallest_doubles);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_solve_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
