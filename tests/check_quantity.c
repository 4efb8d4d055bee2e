/*
 * check_quantity.c - the quantity table and the did-you-mean helpers:
 * every name looks itself up, domains at their edges, the percentage
 * hint, units in formatting, and suggestions one and two edits away.
 */
#include "check_util.h"

#include "gpucost/quantity.h"
#include "gpucost/suggest.h"

START_TEST(test_quantity_table_round_trips)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const gpucost_quantity_info *info = gpucost_quantity_info_get((gpucost_quantity)q);
        gpucost_quantity back;
        ck_assert_int_eq(gpucost_quantity_lookup(info->name, &back), 0);
        ck_assert_int_eq(back, q);
        ck_assert(info->kinds >= 1 && info->kinds <= GPUCOST_FOR_ALL);
        ck_assert(info->label[0] != '\0');
    }
    gpucost_quantity q;
    ck_assert_int_eq(gpucost_quantity_lookup("gpu_hour", &q), -1);
}
END_TEST

START_TEST(test_quantity_domains_at_their_edges)
{
    ck_assert(!gpucost_quantity_in_domain(GPUCOST_Q_GPUS, 0.0));
    ck_assert(gpucost_quantity_in_domain(GPUCOST_Q_GPUS, 4.9e-324));
    ck_assert(gpucost_quantity_in_domain(GPUCOST_Q_MFU, 1.0));
    ck_assert(!gpucost_quantity_in_domain(GPUCOST_Q_MFU, nextafter(1.0, 2.0)));
    ck_assert(!gpucost_quantity_in_domain(GPUCOST_Q_MFU, 0.0));
    ck_assert(gpucost_quantity_in_domain(GPUCOST_Q_CACHE_HIT_FRACTION, 0.0));
    ck_assert(gpucost_quantity_in_domain(GPUCOST_Q_PUE, 1.0));
    ck_assert(!gpucost_quantity_in_domain(GPUCOST_Q_PUE, nextafter(1.0, 0.0)));
    ck_assert(gpucost_quantity_in_domain(GPUCOST_Q_MARGIN, -0.5));
    char hint[64];
    ck_assert_str_eq(gpucost_quantity_domain_hint(GPUCOST_Q_MFU, 35, hint, sizeof hint),
                     " (for 35% write 0.35)");
    ck_assert_str_eq(gpucost_quantity_domain_hint(GPUCOST_Q_MFU, 1.5, hint, sizeof hint), "");
    ck_assert_str_eq(gpucost_quantity_domain_hint(GPUCOST_Q_MFU, 150, hint, sizeof hint), "");
    ck_assert_str_eq(gpucost_quantity_domain_hint(GPUCOST_Q_GPUS, 35, hint, sizeof hint), "");
}
END_TEST

/* The time base an amount is per: none for a count, the run's period for
 * an amount over the run, a year for a yearly one whatever the run's. */
START_TEST(test_quantity_per)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const char *per = gpucost_quantity_per((gpucost_quantity)q, "day");
        switch (gpucost_quantity_info_get((gpucost_quantity)q)->base) {
        case GPUCOST_BASE_NONE: ck_assert_str_eq(per, ""); break;
        case GPUCOST_BASE_YEAR: ck_assert_str_eq(per, "year"); break;
        default: ck_assert_str_eq(per, "day"); break;
        }
    }
    ck_assert_str_eq(gpucost_quantity_per(GPUCOST_Q_GPUS, "run"), "");
    ck_assert_str_eq(gpucost_quantity_per(GPUCOST_Q_COST_USD, "run"), "run");
    ck_assert_str_eq(gpucost_quantity_per(GPUCOST_Q_ANNUAL_COST_USD, "run"), "year");
    ck_assert_str_eq(gpucost_origin_name(GPUCOST_ORIGIN_CATALOG), "catalog");
    ck_assert_str_eq(gpucost_origin_name((gpucost_origin)99), "unknown");
}
END_TEST

START_TEST(test_suggest)
{
    static const char *const names[] = {"h100", "h800", "ascend-910c", "cost_usd"};
    ck_assert_str_eq(gpucost_suggest("h10", names, 4), "h100");
    ck_assert_str_eq(gpucost_suggest("ascend910c", names, 4), "ascend-910c");
    ck_assert_str_eq(gpucost_suggest("cost", names, 4), "cost_usd");
    ck_assert_ptr_null(gpucost_suggest("tpu", names, 4));
    ck_assert_int_eq(gpucost_edit_distance("kitten", "sitting"), 3);
    ck_assert_int_eq(gpucost_edit_distance("", "abc"), 3);
    char long_name[100];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    ck_assert_int_eq(gpucost_edit_distance(long_name, "x"), 99);
    ck_assert_str_eq(gpucost_quantity_suggest("gpu_hour"), "gpu_hours");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("quantity");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_quantity_table_round_trips);
    tcase_add_test(core, test_quantity_domains_at_their_edges);
    tcase_add_test(core, test_suggest);
    tcase_add_test(core, test_quantity_per);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
