/*
 * check_price_index.c - PCU518210518210 by hand: the bundled file's annual
 * averages and their ratio against the months copied from the file, and
 * the errors of a malformed series.
 */
#include "check_util.h"

#include "gpucost/price_index.h"

static gpucost_price_index *load_bundled(void)
{
    FILE *f = fopen(GPUCOST_MODELS "/record/PCU518210518210.csv", "rb");
    ck_assert_ptr_nonnull(f);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text, f);
    fclose(f);
    gpucost_price_index *p = NULL;
    gpucost_error err = {0};
    ck_assert_int_eq(gpucost_price_index_parse("PCU518210518210.csv", text, n, &p, &err),
                     GPUCOST_OK);
    return p;
}

START_TEST(test_price_index_annual_ratio_by_hand)
{
    gpucost_price_index *p = load_bundled();
    /* the twelve months of 2022 and of 2023 as the file gives them */
    const double y2022[] = {115.023, 115.136, 114.494, 117.091, 117.176, 116.825,
                            116.778, 116.702, 116.566, 116.678, 116.684, 117.038};
    const double y2023[] = {117.190, 117.529, 117.766, 117.726, 117.818, 118.064,
                            118.355, 118.474, 118.297, 118.513, 118.752, 119.029};
    double a = 0, b = 0;
    for (int i = 0; i < 12; i++) {
        a += y2022[i] / 12;
        b += y2023[i] / 12;
    }
    double level, factor;
    gpucost_error err = {0};
    ck_assert_int_eq(gpucost_price_index_year(p, 2022, &level, &err), GPUCOST_OK);
    ck_assert_rel(level, a, 1e-12);
    ck_assert_int_eq(gpucost_price_index_factor(p, 2022, 2023, &factor, &err), GPUCOST_OK);
    ck_assert_rel(factor, b / a, 1e-12);
    /* 116.3493 -> 118.1261: a 2022 dollar is 1.0153 of 2023's */
    ck_assert_rel(factor, 1.01527, 1e-4);
    ck_assert_int_eq(gpucost_price_index_factor(p, 2023, 2023, &factor, &err), GPUCOST_OK);
    ck_assert_rel(factor, 1.0, 0);
    /* the series starts in December 2000 at 100 */
    ck_assert_int_eq(gpucost_price_index_year(p, 2000, &level, &err), GPUCOST_OK);
    ck_assert_rel(level, 100.0, 0);
    gpucost_price_index_free(p);
}
END_TEST

START_TEST(test_price_index_errors)
{
    gpucost_price_index *p = load_bundled();
    double level = -1;
    gpucost_error err = {0};
    ck_assert_int_eq(gpucost_price_index_year(p, 1999, &level, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.path, "price_year");
    ck_assert_str_eq(err.message, "the price index has no month of 1999");
    ck_assert_rel(level, -1, 0);
    gpucost_price_index_free(p);

    static const char bad_head[] = "date,value\n2020-01-01,1\n";
    static const char bad_row[] = "observation_date,PCU518210518210\n2020-01-01,1\n2020-02-01,x\n";
    gpucost_price_index *q = NULL;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(gpucost_price_index_parse("f.csv", bad_head, strlen(bad_head), &q, &err),
                     GPUCOST_ESYNTAX);
    ck_assert_int_eq(err.line, 1);
    ck_assert_ptr_null(q);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(gpucost_price_index_parse("f.csv", bad_row, strlen(bad_row), &q, &err),
                     GPUCOST_ESYNTAX);
    ck_assert_int_eq(err.line, 3);
    ck_assert_ptr_null(q);
    gpucost_price_index_free(NULL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("price_index");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_price_index_annual_ratio_by_hand);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_price_index_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
