/*
 * check_rules.c - export controls over time (rules.h): each bundled rule
 * against hand-worked chips (H100, H800, A100, H20 on the dates of the
 * stories), fictional chips exactly at each threshold and just below it,
 * calendar dates, and every error of a bad rule file with its place.
 */
#include "check_util.h"

#include "gpucost/rules.h"

static gpucost_rules *bundled(void)
{
    gpucost_rules *r = NULL;
    ck_assert_ok(gpucost_rules_load(GPUCOST_MODELS "/rules", &r, &e_));
    return r;
}

static gpucost_export_status status_of(const gpucost_rules *r, const gpucost_catalog *c,
                                       const char *id, const char *date)
{
    gpucost_export_verdict v;
    const gpucost_hardware *h = gpucost_catalog_find(c, id);
    ck_assert_ptr_nonnull(h);
    gpucost_rules_verdict(r, h, gpucost_date_parse(date), NULL, &v);
    return v.status;
}

/* The stories: the H800 passed 2022 and was caught in 2023; the H20 was
 * designed for 2023 and needed a licence from April 2025; the A100 was
 * caught from the start. */
START_TEST(test_rules_stories)
{
    gpucost_rules *r = bundled();
    gpucost_catalog *c = test_catalog();
    ck_assert_uint_ge(gpucost_rules_count(r), 4);
    ck_assert_int_eq(status_of(r, c, "h800", "2023-01-01"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_of(r, c, "h100", "2023-01-01"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_of(r, c, "a100", "2023-01-01"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_of(r, c, "h800", "2024-01-01"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_of(r, c, "h20", "2024-01-01"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_of(r, c, "h20", "2025-04-08"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_of(r, c, "h20", "2025-06-01"), GPUCOST_EXPORT_LICENCE);
    /* before any rule: nothing is controlled */
    ck_assert_int_eq(status_of(r, c, "h100", "2021-01-01"), GPUCOST_EXPORT_NOT_CONTROLLED);
    /* what decided it, with the margin */
    gpucost_export_verdict v;
    gpucost_rules_verdict(r, gpucost_catalog_find(c, "h800"), 20230101, NULL, &v);
    ck_assert_str_eq(v.rule->id, "bis-2022-10");
    ck_assert_str_eq(v.why, "3A090 (2022): interconnect 400 GB/s < 600");
    gpucost_rules_verdict(r, gpucost_catalog_find(c, "h800"), 20240101, NULL, &v);
    ck_assert_str_eq(v.test->label, "3A090.a.1");
    ck_assert_str_eq(v.why, "3A090.a.1: TPP 15,832 >= 4,800");
    gpucost_rules_verdict(r, gpucost_catalog_find(c, "h20"), 20250601, NULL, &v);
    ck_assert_ptr_nonnull(v.named);
    ck_assert_str_eq(v.rule->id, "h20-licence-2025-04");
    /* a chip the 2023 rule cannot decide (no die area) is unknown */
    ck_assert_int_eq(status_of(r, c, "tpu-v4", "2024-01-01"), GPUCOST_EXPORT_UNKNOWN);
    gpucost_catalog_free(c);
    gpucost_rules_free(r);
}
END_TEST

static gpucost_hardware chip(double tpp, double density, double interconnect)
{
    gpucost_hardware h;
    memset(&h, 0, sizeof h);
    h.id = "fictional";
    h.tpp = tpp;
    h.performance_density = density;
    h.die_area_mm2 = density > 0.0 ? tpp / density : 0.0;
    h.interconnect_gbs = interconnect;
    return h;
}

static gpucost_export_status on_2024(const gpucost_rules *r, gpucost_hardware h)
{
    gpucost_export_verdict v;
    gpucost_rules_verdict(r, &h, 20240101, NULL, &v);
    return v.status;
}

/* Each bound of the October 2023 rule at its edge: min inclusive, max
 * exclusive, as the rule's ">=" and "<" read. */
START_TEST(test_rules_thresholds_2023)
{
    gpucost_rules *r = bundled();
    ck_assert_int_eq(on_2024(r, chip(4800, 1.0, 0)), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(on_2024(r, chip(4799.999, 1.0, 0)), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(on_2024(r, chip(1600, 5.92, 0)), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(on_2024(r, chip(1600, 5.9199, 0)), GPUCOST_EXPORT_NOTIFICATION);
    ck_assert_int_eq(on_2024(r, chip(1599.99, 5.92, 0)), GPUCOST_EXPORT_NOT_CONTROLLED);
    /* 3A090.b.1: 2400 <= TPP < 4800 and 1.6 <= density < 5.92 */
    ck_assert_int_eq(on_2024(r, chip(2400, 1.6, 0)), GPUCOST_EXPORT_NOTIFICATION);
    ck_assert_int_eq(on_2024(r, chip(2399.99, 1.6, 0)), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(on_2024(r, chip(2400, 1.5999, 0)), GPUCOST_EXPORT_NOT_CONTROLLED);
    /* 3A090.b.2: TPP >= 1600 and 3.2 <= density < 5.92 */
    ck_assert_int_eq(on_2024(r, chip(1600, 3.2, 0)), GPUCOST_EXPORT_NOTIFICATION);
    ck_assert_int_eq(on_2024(r, chip(1600, 3.1999, 0)), GPUCOST_EXPORT_NOT_CONTROLLED);
    /* no die area: a.2 and b cannot be decided below 4800 */
    ck_assert_int_eq(on_2024(r, chip(2000, 0, 0)), GPUCOST_EXPORT_UNKNOWN);
    /* but TPP alone decides a.1 */
    ck_assert_int_eq(on_2024(r, chip(5000, 0, 0)), GPUCOST_EXPORT_LICENCE);
    gpucost_rules_free(r);
}
END_TEST

/* The October 2022 rule needs both: TPP >= 4800 and >= 600 GB/s. */
START_TEST(test_rules_thresholds_2022)
{
    gpucost_rules *r = bundled();
    gpucost_export_verdict v;
    gpucost_hardware h = chip(4800, 0, 600);
    gpucost_rules_verdict(r, &h, 20230101, NULL, &v);
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_LICENCE);
    h = chip(4800, 0, 599.99);
    gpucost_rules_verdict(r, &h, 20230101, NULL, &v);
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
    h = chip(4799, 0, 900);
    gpucost_rules_verdict(r, &h, 20230101, NULL, &v);
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
    /* replaced on 2023-11-17: the interconnect no longer matters */
    h = chip(4800, 0, 100);
    gpucost_rules_verdict(r, &h, 20231116, NULL, &v);
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
    gpucost_rules_verdict(r, &h, 20231117, NULL, &v);
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_LICENCE);
    gpucost_rules_free(r);
}
END_TEST

START_TEST(test_rules_dates)
{
    ck_assert_int_eq(gpucost_date_parse("2023-11-17"), 20231117);
    ck_assert_int_eq(gpucost_date_parse("2024-02-29"), 20240229);
    ck_assert_int_eq(gpucost_date_parse("2000-02-29"), 20000229);
    ck_assert_int_eq(gpucost_date_parse("1900-02-29"), -1);
    ck_assert_int_eq(gpucost_date_parse("2023-02-29"), -1);
    ck_assert_int_eq(gpucost_date_parse("2023-13-01"), -1);
    ck_assert_int_eq(gpucost_date_parse("2023-04-31"), -1);
    ck_assert_int_eq(gpucost_date_parse("2023-4-1"), -1);
    ck_assert_int_eq(gpucost_date_parse("2023-04-01x"), -1);
    ck_assert_int_eq(gpucost_date_parse("+023-04-01"), -1);
    ck_assert_int_eq(gpucost_date_parse(""), -1);
    char buf[16];
    ck_assert_str_eq(gpucost_date_format(20250409, buf, sizeof buf), "2025-04-09");
}
END_TEST

typedef struct bad_rule {
    const char *json;
    const char *path;
    const char *message;
} bad_rule;

START_TEST(test_rules_errors)
{
    static const bad_rule cases[] = {
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-02-30\", \"legal_status\": \"r\", "
         "\"named\": [{\"hardware\": \"h20\", \"status\": \"licence\"}]}",
         "effective", "expected a date YYYY-MM-DD, got \"2023-02-30\""},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\"}",
         "", "a rule has \"tests\" (thresholds), \"named\" (chips) or both"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"named\": [{\"hardware\": \"h20\", \"status\": \"banned\"}]}",
         "named[0].status",
         "unknown status 'banned' (known: licence, notification, not controlled)"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"tests\": [{\"label\": \"a\", \"status\": \"licence\", \"tpp\": {\"min\": 5, \"max\": "
         "5}}]}",
         "tests[0].tpp", "invalid range: min must be below max"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"tests\": [{\"label\": \"a\", \"status\": \"licence\"}]}",
         "tests[0]",
         "a test bounds at least one of tpp, performance_density, interconnect_gbs, memory_bw_tbs"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"tests\": [{\"label\": \"a\", \"status\": \"licence\", \"tpps\": {\"min\": 1}}]}",
         "tests[0].tpps", "unknown key 'tpps' (did you mean 'tpp'?)"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"tests\": [{\"label\": \"a\", \"status\": \"licence\", \"tpp\": {}}]}",
         "tests[0].tpp", "missing key 'min' or 'max'"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"named\": []}", "",
         "missing key 'legal_status'"},
        /* a rule that replaces itself; a chip named twice */
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"replaces\": [\"y\", \"x\"], \"named\": [{\"hardware\": \"h20\", \"status\": "
         "\"licence\"}]}",
         "replaces[1]", "rule 'x' replaces itself"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"named\": [{\"hardware\": \"h20\", \"status\": \"licence\"}, {\"hardware\": \"h800\", "
         "\"status\": \"licence\"}, {\"hardware\": \"h20\", \"status\": \"not controlled\"}]}",
         "named[2].hardware",
         "'h20' is named twice with different statuses: 'not controlled' here, 'licence required' "
         "in named[0]"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"named\": [{\"hardware\": \"h20\", \"status\": \"licence\"}, {\"hardware\": \"h20\", "
         "\"status\": \"licence\"}]}",
         "named[1].hardware", "'h20' is named twice (also named[0])"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_rules *r = NULL;
        gpucost_error err;
        gpucost_status st =
            gpucost_rules_parse("r.json", cases[i].json, strlen(cases[i].json), &r, &err);
        ck_assert_msg(st == GPUCOST_EINVAL, "case %zu: status %d (%s)", i, st,
                      st ? err.message : "ok");
        ck_assert_str_eq(err.path, cases[i].path);
        ck_assert_str_eq(err.message, cases[i].message);
        ck_assert_int_eq(err.line, 1);
        ck_assert_ptr_null(r);
    }
}
END_TEST

/* Errors only the whole set shows: a replacement cycle (each rule would
 * take the other out of force, leaving the V100 "not controlled" on every
 * date) and a rule about a chip the catalog does not have. */
START_TEST(test_rules_set_errors)
{
    gpucost_rules *r = NULL;
    gpucost_error err;
    ck_assert_int_eq(gpucost_rules_load(GPUCOST_TEST_DATA "/rules-bad/cycle/rules", &r, &err),
                     GPUCOST_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err.file, GPUCOST_TEST_DATA "/rules-bad/cycle/rules/bis-2022-10.json");
    ck_assert_str_eq(err.path, "replaces[0]");
    ck_assert_str_eq(err.message, "replacement cycle: bis-2022-10 -> bis-2023-10 -> bis-2022-10 "
                                  "(each would take the others out of force, and none of them "
                                  "would hold)");
    ck_assert_int_eq(gpucost_rules_load(GPUCOST_TEST_DATA "/rules-bad/self/rules", &r, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "replaces[1]");
    ck_assert_int_eq(err.line, 8);
    ck_assert_int_eq(err.column, 5);
    /* the chip "h2O" (a typo for h20) is in no catalog */
    static const char rule[] = "{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2025-04-09\", "
                               "\"legal_status\": \"r\", \"named\": [{\"hardware\": \"h800\", "
                               "\"status\": \"licence\"}, {\"hardware\": \"h2O\", \"status\": "
                               "\"licence\"}]}";
    ck_assert_ok(gpucost_rules_parse("x.json", rule, strlen(rule), &r, &e_));
    gpucost_catalog *c = test_catalog();
    ck_assert_int_eq(gpucost_rules_check_catalog(r, c, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.file, "x.json");
    ck_assert_str_eq(err.path, "named[1].hardware");
    ck_assert_ptr_nonnull(strstr(err.message, "unknown hardware 'h2O' (did you mean 'h20'?"));
    gpucost_rules_free(r);
    /* the bundled rules name only chips of the bundled catalog */
    r = bundled();
    ck_assert_ok(gpucost_rules_check_catalog(r, c, &e_));
    gpucost_rules_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* "In force" has one definition: the 2022 rule until the 2023 rule that
 * replaces it takes effect, and the 2023 rule from then on. */
START_TEST(test_rules_in_force)
{
    gpucost_rules *r = bundled();
    size_t i22 = 0, i23 = 0;
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        if (strcmp(gpucost_rules_at(r, i)->id, "bis-2022-10") == 0)
            i22 = i;
        if (strcmp(gpucost_rules_at(r, i)->id, "bis-2023-10") == 0)
            i23 = i;
    }
    ck_assert(!gpucost_rules_in_force(r, i22, 20221020));
    ck_assert(gpucost_rules_in_force(r, i22, 20221021));
    ck_assert(gpucost_rules_in_force(r, i22, 20231116));
    ck_assert(!gpucost_rules_in_force(r, i23, 20231116));
    ck_assert(!gpucost_rules_in_force(r, i22, 20231117));
    ck_assert(gpucost_rules_in_force(r, i23, 20231117));
    gpucost_rules_free(r);
}
END_TEST

/* Every bundled rule names its sources; every bound has one. */
START_TEST(test_rules_sourced)
{
    gpucost_rules *r = bundled();
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        const gpucost_rule *rule = gpucost_rules_at(r, i);
        ck_assert_msg(gpucost_sources_cover(rule->sources, rule->nsources, rule->notes,
                                            rule->nnotes, "effective"),
                      "%s: effective has no source", rule->file);
        for (size_t k = 0; k < rule->ntests; k++)
            for (size_t b = 0; b < rule->tests[k].nbounds; b++) {
                char field[96];
                snprintf(field, sizeof field, "tests[%zu].%s", k,
                         gpucost_rule_field_name(rule->tests[k].bounds[b].field));
                ck_assert_msg(gpucost_sources_cover(rule->sources, rule->nsources, rule->notes,
                                                    rule->nnotes, field),
                              "%s: %s has no source", rule->file, field);
            }
        for (size_t k = 0; k < rule->nnamed; k++) {
            char field[64];
            snprintf(field, sizeof field, "named[%zu]", k);
            ck_assert_msg(gpucost_sources_cover(rule->sources, rule->nsources, rule->notes,
                                                rule->nnotes, field),
                          "%s: %s has no source", rule->file, field);
        }
    }
    gpucost_rules_free(r);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("rules");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_rules_stories);
    tcase_add_test(core, test_rules_thresholds_2023);
    tcase_add_test(core, test_rules_thresholds_2022);
    tcase_add_test(core, test_rules_dates);
    tcase_add_test(core, test_rules_sourced);
    tcase_add_test(core, test_rules_in_force);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_rules_errors);
    tcase_add_test(errors, test_rules_set_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
