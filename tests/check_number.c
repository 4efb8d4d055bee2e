/*
 * check_number.c - parsing "2.8M"-style numbers and formatting for people.
 */
#include "check_util.h"

#include "gpucost/number.h"
#include "gpucost/quantity.h"

START_TEST(test_number_parse_suffixes)
{
    double v = 0;
    ck_assert_int_eq(gpucost_number_parse("2.8M", &v), 0);
    ck_assert_rel(v, 2.8e6, 1e-15);
    ck_assert_int_eq(gpucost_number_parse("50k", &v), 0);
    ck_assert_rel(v, 5e4, 1e-15);
    ck_assert_int_eq(gpucost_number_parse("1.5e6", &v), 0);
    ck_assert_rel(v, 1.5e6, 1e-15);
    ck_assert_int_eq(gpucost_number_parse("14.8T", &v), 0);
    ck_assert_rel(v, 14.8e12, 1e-15);
    ck_assert_int_eq(gpucost_number_parse("2.385B", &v), 0);
    ck_assert_rel(v, 2.385e9, 1e-15);
    ck_assert_int_eq(gpucost_number_parse("17.3%", &v), 0);
    ck_assert_rel(v, 0.173, 1e-15);
    ck_assert_int_eq(gpucost_number_parse("-5", &v), 0);
    ck_assert_rel(v, -5.0, 0);
}
END_TEST

/* A subnormal is a number; an overflow or an underflow to zero is not. */
START_TEST(test_number_parse_subnormal)
{
    double v = 0.0;
    ck_assert_int_eq(gpucost_number_parse("1e-310", &v), 0);
    ck_assert(v == 1e-310);
    ck_assert_int_eq(gpucost_number_parse("4.9e-324", &v), 0);
    ck_assert(v > 0.0);
    ck_assert_int_eq(gpucost_number_parse("1e-400", &v), -1);
    ck_assert_int_eq(gpucost_number_parse("1e400", &v), -1);
}
END_TEST

START_TEST(test_number_parse_errors)
{
    double v = 2.385;
    const char *bad[] = {"",   "abc",  "nan",   "inf", "-Inf", "1e999", "2.8MM",
                         "5x", "0x10", "2,048", " 5",  "5 ",   "1e308k"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(gpucost_number_parse(bad[i], &v) == -1, "accepted '%s'", bad[i]);
        ck_assert_rel(v, 2.385, 0); /* untouched on failure */
    }
}
END_TEST

START_TEST(test_number_format_styles)
{
    char b[64];
    ck_assert_str_eq(gpucost_number_format(5576000, GPUCOST_NUM_USD, b, sizeof b), "$5.58M");
    ck_assert_str_eq(gpucost_number_format(87072, GPUCOST_NUM_USD, b, sizeof b), "$87.1k");
    ck_assert_str_eq(gpucost_number_format(2.0, GPUCOST_NUM_USD, b, sizeof b), "$2.00");
    ck_assert_str_eq(gpucost_number_format(2788000, GPUCOST_NUM_SI, b, sizeof b), "2.79M");
    ck_assert_str_eq(gpucost_number_format(999600, GPUCOST_NUM_SI, b, sizeof b), "1.00M");
    ck_assert_str_eq(gpucost_number_format(3.2856e24, GPUCOST_NUM_SCI, b, sizeof b), "3.29e24");
    ck_assert_str_eq(gpucost_number_format(0.17311, GPUCOST_NUM_PERCENT, b, sizeof b), "17.3%");
    ck_assert_str_eq(gpucost_number_format(2048, GPUCOST_NUM_COUNT, b, sizeof b), "2,048");
    ck_assert_str_eq(gpucost_number_format(226.75, GPUCOST_NUM_COUNT, b, sizeof b), "226.8");
    ck_assert_str_eq(gpucost_number_format(-1.5e9, GPUCOST_NUM_USD, b, sizeof b), "-$1.50B");
}
END_TEST

START_TEST(test_number_format_never_nan)
{
    char b[64];
    ck_assert_str_eq(gpucost_number_format(NAN, GPUCOST_NUM_SI, b, sizeof b), "n/a");
    ck_assert_str_eq(gpucost_number_format(INFINITY, GPUCOST_NUM_USD, b, sizeof b), "n/a");
    ck_assert_str_eq(gpucost_number_format_exact(NAN, b, sizeof b), "null");
    ck_assert_str_eq(gpucost_number_format_exact(0.1, b, sizeof b), "0.1");
    ck_assert_str_eq(gpucost_number_format_exact(5576000, b, sizeof b), "5576000");
    /* the largest doubles print short: a percentage x 100 stays finite
     * only when derive let it through, and never as 300 digits */
    ck_assert_str_eq(gpucost_number_format(5.2083e303, GPUCOST_NUM_PERCENT, b, sizeof b),
                     "5.21e305%");
    ck_assert_str_eq(gpucost_number_format(1.5e7, GPUCOST_NUM_PERCENT, b, sizeof b), "1.50e9%");
    ck_assert_str_eq(gpucost_number_format(1e300, GPUCOST_NUM_SCI, b, sizeof b), "1.00e300");
    ck_assert(strlen(gpucost_number_format(1.7e308, GPUCOST_NUM_COUNT, b, sizeof b)) < 16);
    ck_assert(strlen(gpucost_number_format(1.7e308, GPUCOST_NUM_USD, b, sizeof b)) < 16);
}
END_TEST

START_TEST(test_quantity_format_units)
{
    char b[64];
    ck_assert_str_eq(gpucost_quantity_format(GPUCOST_Q_GPU_HOURS, 2788000, b, sizeof b),
                     "2.79M GPU-h");
    ck_assert_str_eq(gpucost_quantity_format(GPUCOST_Q_TRAINING_FLOPS, 3.2856e24, b, sizeof b),
                     "3.29e24 FLOP");
    ck_assert_str_eq(gpucost_quantity_format(GPUCOST_Q_PRICE_PER_GPU_HOUR, 2, b, sizeof b),
                     "$2.00/GPU-h");
    ck_assert_str_eq(gpucost_quantity_format(GPUCOST_Q_COST_USD, 5576000, b, sizeof b), "$5.58M");
}
END_TEST

START_TEST(test_quantity_lookup_and_suggest)
{
    gpucost_quantity q;
    ck_assert_int_eq(gpucost_quantity_lookup("gpu_hours", &q), 0);
    ck_assert_int_eq(q, GPUCOST_Q_GPU_HOURS);
    ck_assert_int_eq(gpucost_quantity_lookup("gpu_hour", &q), -1);
    ck_assert_str_eq(gpucost_quantity_suggest("gpu_hour"), "gpu_hours");
    ck_assert_str_eq(gpucost_quantity_suggest("cost"), "cost_usd");
    ck_assert_ptr_null(gpucost_quantity_suggest("zzzzzzzzzz"));
    /* every name in the table round-trips */
    for (int i = 0; i < GPUCOST_Q_COUNT; i++) {
        ck_assert_int_eq(
            gpucost_quantity_lookup(gpucost_quantity_info_get((gpucost_quantity)i)->name, &q), 0);
        ck_assert_int_eq(q, i);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("number");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_number_parse_suffixes);
    tcase_add_test(core, test_number_parse_subnormal);
    tcase_add_test(core, test_number_format_styles);
    tcase_add_test(core, test_quantity_format_units);
    tcase_add_test(core, test_quantity_lookup_and_suggest);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_number_parse_errors);
    tcase_add_test(errors, test_number_format_never_nan);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
