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
    h.datacenter = 1;
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

/* A TPP (and density) that is a floor, for a part whose tensor peaks the
 * catalog lacks: a minimum it already meets is met, a maximum it already
 * reaches is missed, and every bound above it is undecided, never missed
 * (a true TPP of 1,238 or more may well be 2,477). */
START_TEST(test_rules_floor_decides_only_what_it_can)
{
    gpucost_rules *r = bundled();
    gpucost_hardware h = chip(1238, 1.97, 0);
    ck_assert_int_eq(on_2024(r, h), GPUCOST_EXPORT_NOT_CONTROLLED);
    h.tpp_floor = 1;
    gpucost_export_verdict v;
    gpucost_rules_verdict(r, &h, 20240101, NULL, &v);
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(v.why, "TPP 1,238+ (no tensor peak) against 4,800"));
    ck_assert_ptr_nonnull(strstr(v.why, "against 2,400-4,800"));
    /* a floor at or above 4,800 settles 3A090.a.1 */
    h = chip(5000, 1.0, 0);
    h.tpp_floor = 1;
    ck_assert_int_eq(on_2024(r, h), GPUCOST_EXPORT_LICENCE);
    /* the density's maximum already reached: 3A090.b is missed, but a.2
     * (TPP >= 1,600 and density >= 5.92) is met by the floors themselves */
    h = chip(1700, 6.0, 0);
    h.tpp_floor = 1;
    ck_assert_int_eq(on_2024(r, h), GPUCOST_EXPORT_LICENCE);
    /* the 2022 rule: the interconnect is no floor and decides alone */
    h = chip(1238, 0, 100);
    h.tpp_floor = 1;
    gpucost_rules_verdict(r, &h, 20230101, NULL, &v);
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
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

/* Each case's file is refused with its path and message (EINVAL). */
static void expect_bad_rules(const bad_rule *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
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
    expect_bad_rules(cases, sizeof cases / sizeof cases[0]);
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
    ck_assert(!gpucost_rules_in_force(r, i22, 20221006));
    ck_assert(gpucost_rules_in_force(r, i22, 20221007));
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
        /* a review policy and a destination list are claims too */
        for (size_t k = 0; k < rule->npolicies; k++) {
            char field[64];
            snprintf(field, sizeof field, "policies[%zu]", k);
            ck_assert_msg(gpucost_sources_cover(rule->sources, rule->nsources, rule->notes,
                                                rule->nnotes, field),
                          "%s: %s has no source", rule->file, field);
        }
        ck_assert_msg(rule->policy == GPUCOST_POLICY_NONE ||
                          gpucost_sources_cover(rule->sources, rule->nsources, rule->notes,
                                                rule->nnotes, "policy"),
                      "%s: policy has no source", rule->file);
        ck_assert_msg(
            gpucost_sources_cover(rule->sources, rule->nsources, rule->notes, rule->nnotes, "to") ||
                strcmp(rule->to.items[0], "CN") == 0,
            "%s: to has no source", rule->file);
    }
    gpucost_rules_free(r);
}
END_TEST

/* A chip's verdict for a destination ("CN", "D:5", "India") on a date. */
static gpucost_export_verdict verdict_to(const gpucost_rules *r, const gpucost_hardware *h,
                                         const char *date, const char *to)
{
    gpucost_destination d;
    gpucost_export_verdict v;
    ck_assert_ok(gpucost_rules_destination(r, to, &d, &e_));
    gpucost_rules_verdict(r, h, gpucost_date_parse(date), &d, &v);
    return v;
}

static gpucost_export_status status_to(const gpucost_rules *r, const gpucost_catalog *c,
                                       const char *id, const char *date, const char *to)
{
    const gpucost_hardware *h = gpucost_catalog_find(c, id);
    ck_assert_msg(h != NULL, "no %s in the catalog", id);
    return verdict_to(r, h, date, to).status;
}

/* Each rule on its effective date and the day before, for the
 * destinations it names and one it does not (docs/export-controls.md). */
START_TEST(test_rules_law_dates)
{
    gpucost_rules *r = bundled();
    gpucost_catalog *c = test_catalog();
    /* the letter of 2022-08-26: A100 and H100 to China, Hong Kong, Russia */
    ck_assert_int_eq(status_to(r, c, "a100", "2022-08-25", "CN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "a100", "2022-08-26", "CN"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "a100", "2022-09-01", "CN"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2022-09-01", "CN"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2022-09-01", "Russia"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2022-09-01", "HK"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2022-09-01", "IN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h200", "2022-09-01", "CN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    /* 3A090 from 2022-10-07 (DATES, paragraph a) */
    ck_assert_int_eq(status_to(r, c, "h200", "2022-10-06", "CN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h200", "2022-10-07", "CN"), GPUCOST_EXPORT_LICENCE);
    gpucost_export_verdict v = verdict_to(r, gpucost_catalog_find(c, "h100"), "2022-10-10", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_LICENCE);
    ck_assert_str_eq(v.rule->id, "bis-2022-10");
    ck_assert_int_eq(status_to(r, c, "h100", "2022-10-10", "RU"), GPUCOST_EXPORT_NOT_CONTROLLED);
    /* Macau from 2023-01-17 (88 FR 2821) */
    ck_assert_int_eq(status_to(r, c, "h200", "2023-01-16", "MO"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h200", "2023-01-17", "Macau"), GPUCOST_EXPORT_LICENCE);
    /* the A800: designed under the 2022 test, caught by the 2023 one */
    ck_assert_int_eq(status_to(r, c, "a800-sxm", "2023-01-01", "CN"),
                     GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "a800-sxm", "2023-11-16", "CN"),
                     GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "a800-sxm", "2023-11-17", "CN"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "a800-sxm", "2024-01-01", "CN"), GPUCOST_EXPORT_LICENCE);
    /* 2023: D:1, D:4, D:5 less A:5 and A:6, and Macau */
    ck_assert_int_eq(status_to(r, c, "h100", "2023-11-16", "VN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h100", "2023-11-17", "VN"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2023-11-17", "Saudi Arabia"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2023-11-17", "IL"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h100", "2023-11-17", "D:5"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2023-11-17", "D:4"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "geforce-rtx-4090", "2024-01-01", "CN"),
                     GPUCOST_EXPORT_LICENCE);
    /* the RTX 4090 D (TPP 4,707, consumer): the exemption keeps it free */
    v = verdict_to(r, gpucost_catalog_find(c, "geforce-rtx-4090-d"), "2024-01-01", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert(v.exempt);
    ck_assert_str_eq(v.rule->id, "bis-2023-10");
    ck_assert_int_eq(status_to(r, c, "geforce-rtx-4090", "2023-01-01", "CN"),
                     GPUCOST_EXPORT_NOT_CONTROLLED);
    /* AI diffusion: every destination outside Tier 1 from 2025-01-13
     * until the rescission of 2025-05-13 */
    ck_assert_int_eq(status_to(r, c, "h100", "2025-01-12", "IN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h100", "2025-01-13", "India"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2025-05-12", "IN"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h100", "2025-05-13", "IN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h100", "2025-02-01", "JP"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h100", "2025-02-01", "tier1"), GPUCOST_EXPORT_NOT_CONTROLLED);
    /* the H20: China and D:5 from 2025-04-09, not Vietnam (D:1 only) */
    ck_assert_int_eq(status_to(r, c, "h20", "2025-04-08", "CN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(status_to(r, c, "h20", "2025-04-09", "CN"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h20", "2025-04-09", "Iran"), GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(status_to(r, c, "h20", "2025-04-09", "VN"), GPUCOST_EXPORT_NOT_CONTROLLED);
    gpucost_catalog_free(c);
    gpucost_rules_free(r);
}
END_TEST

/* Review policies: the 2023 rule's presumption of denial for China and
 * Macau; 91 FR 1684's case-by-case below TPP 21,000 and 6,500 GB/s from
 * 2026-01-15; the B200 above it keeps the denial; the H20's July 2025
 * assurance is told but states no policy. */
START_TEST(test_rules_policies)
{
    gpucost_rules *r = bundled();
    gpucost_catalog *c = test_catalog();
    const gpucost_hardware *h200 = gpucost_catalog_find(c, "h200"),
                           *b200 = gpucost_catalog_find(c, "b200"),
                           *h20 = gpucost_catalog_find(c, "h20");
    gpucost_export_verdict v = verdict_to(r, h200, "2026-01-14", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_DENIAL);
    ck_assert_str_eq(v.policy_rule->id, "bis-2023-10");
    v = verdict_to(r, h200, "2026-01-15", "CN");
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_CASE_BY_CASE);
    ck_assert_str_eq(v.policy_rule->id, "bis-2026-01-h200");
    ck_assert_str_eq(v.rule->id, "bis-2023-10");
    v = verdict_to(r, h200, "2026-02-01", "MO");
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_CASE_BY_CASE);
    v = verdict_to(r, b200, "2026-02-01", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_DENIAL);
    ck_assert_str_eq(gpucost_review_policy_name(v.policy), "presumption of denial");
    /* Vietnam: licence under the 2023 rule, no policy the data states */
    v = verdict_to(r, h200, "2026-02-01", "VN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_LICENCE);
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_NONE);
    ck_assert_ptr_null(v.policy_rule);
    /* the H20: named (no policy), then the July 2025 assurance, then
     * case-by-case from 2026-01-15 */
    v = verdict_to(r, h20, "2025-07-13", "CN");
    ck_assert_ptr_null(v.review_rule);
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_NONE);
    v = verdict_to(r, h20, "2025-07-14", "CN");
    ck_assert_str_eq(v.review_rule->id, "h20-licences-2025-07");
    ck_assert_ptr_nonnull(strstr(v.review_note, "licenses will be granted"));
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_NONE);
    v = verdict_to(r, h20, "2026-01-15", "CN");
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_CASE_BY_CASE);
    /* a review rule never raises a status: a small chip stays free */
    gpucost_hardware small = chip(100, 0.5, 0);
    v = verdict_to(r, &small, "2026-02-01", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert_int_eq(v.policy, GPUCOST_POLICY_NONE);
    /* HBM: a part the chip carries, from 2024-12-02, status unchanged */
    const gpucost_rule *hbm = NULL;
    size_t ihbm = 0;
    for (size_t i = 0; i < gpucost_rules_count(r); i++)
        if (strcmp(gpucost_rules_at(r, i)->id, "bis-2024-12-hbm") == 0)
            hbm = gpucost_rules_at(r, ihbm = i);
    ck_assert_ptr_nonnull(hbm);
    char why[256];
    ck_assert(gpucost_rules_component(hbm, h20, why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "HBM"));
    ck_assert(!gpucost_rules_component(hbm, gpucost_catalog_find(c, "geforce-rtx-4090"), why,
                                       sizeof why));
    ck_assert(!gpucost_rules_in_force(r, ihbm, 20241201));
    ck_assert(gpucost_rules_in_force(r, ihbm, 20241202));
    ck_assert_int_eq(verdict_to(r, h20, "2024-12-02", "CN").status, GPUCOST_EXPORT_NOT_CONTROLLED);
    gpucost_catalog_free(c);
    gpucost_rules_free(r);
}
END_TEST

/* Note 2 to 3A090: the density tests apply to datacenter parts only.  A
 * consumer part (the RTX 4090 D: TPP 4,707, density 7.7) is free; the
 * same figures in a datacenter part need a licence; a part the catalog
 * does not classify is unknown; TPP 4,800 or more binds every part. */
START_TEST(test_rules_consumer_exemption)
{
    gpucost_rules *r = bundled();
    gpucost_hardware h = chip(4707, 4707.0 / 609.0, 0);
    h.datacenter = 0;
    gpucost_export_verdict v = verdict_to(r, &h, "2024-01-01", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert(v.exempt);
    ck_assert_ptr_nonnull(strstr(v.why, "exempt, not designed or marketed for datacenters"));
    h.datacenter = 1;
    v = verdict_to(r, &h, "2024-01-01", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_LICENCE);
    ck_assert(!v.exempt);
    h.datacenter = -1;
    ck_assert_int_eq(verdict_to(r, &h, "2024-01-01", "CN").status, GPUCOST_EXPORT_UNKNOWN);
    h = chip(5285, 5285.0 / 609.0, 0);
    h.datacenter = 0;
    ck_assert_int_eq(verdict_to(r, &h, "2024-01-01", "CN").status, GPUCOST_EXPORT_LICENCE);
    /* before the 2023 rule the question did not arise */
    h = chip(4707, 4707.0 / 609.0, 0);
    h.datacenter = 0;
    v = verdict_to(r, &h, "2023-01-01", "CN");
    ck_assert_int_eq(v.status, GPUCOST_EXPORT_NOT_CONTROLLED);
    ck_assert(!v.exempt);
    gpucost_rules_free(r);
}
END_TEST

/* A destination as a user writes it, and what a rule covers. */
START_TEST(test_rules_destinations)
{
    gpucost_rules *r = bundled();
    gpucost_destination d;
    ck_assert_ok(gpucost_rules_destination(r, "china", &d, &e_));
    ck_assert_str_eq(d.id, "CN");
    ck_assert_str_eq(d.name, "China");
    ck_assert(!d.group);
    ck_assert_ok(gpucost_rules_destination(r, "d5", &d, &e_));
    ck_assert_str_eq(d.id, "D:5");
    ck_assert(d.group);
    ck_assert_ok(gpucost_rules_destination(r, "*", &d, &e_));
    ck_assert_str_eq(d.id, "*");
    ck_assert_ok(gpucost_rules_destination(r, "United Arab Emirates", &d, &e_));
    ck_assert_str_eq(d.id, "AE");
    gpucost_error err;
    ck_assert_int_eq(gpucost_rules_destination(r, "Frnce", &d, &err), GPUCOST_ENOTFOUND);
    ck_assert_ptr_nonnull(
        strstr(err.message, "unknown destination 'Frnce' (did you mean 'France'?"));
    gpucost_destination_china(&d);
    ck_assert_str_eq(d.id, "CN");
    /* without destinations.json: China and "*" only */
    ck_assert_ok(gpucost_rules_destination(NULL, "CN", &d, &e_));
    ck_assert_int_eq(gpucost_rules_destination(NULL, "VN", &d, &err), GPUCOST_ENOTFOUND);
    gpucost_rules_free(r);
}
END_TEST

/* What a rule file or destinations.json can get wrong, with its place. */
START_TEST(test_rules_law_errors)
{
    static const bad_rule cases[] = {
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"policy\": \"denied\", \"named\": [{\"hardware\": \"h20\", \"status\": \"licence\"}]}",
         "policy",
         "unknown review policy 'denied' (known: presumption of denial, case-by-case, "
         "presumption of approval)"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"kind\": \"ban\", \"named\": [{\"hardware\": \"h20\", \"status\": \"licence\"}]}",
         "kind", "unknown kind 'ban' (known: control, review, component, rescission)"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"kind\": \"rescission\"}",
         "",
         "a rescission has \"replaces\" (the rules it takes out of force) and no tests or "
         "named chips"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"to\": [], \"named\": [{\"hardware\": \"h20\", \"status\": \"licence\"}]}",
         "to", "expected at least one destination (\"*\" for all)"},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"policies\": [{\"to\": [\"CN\"]}], \"named\": [{\"hardware\": \"h20\", \"status\": "
         "\"licence\"}]}",
         "policies[0]", "a policy entry has \"to\" and \"policy\""},
        {"{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
         "\"tests\": [{\"label\": \"a\", \"status\": \"licence\", \"datacenter_only\": 1, "
         "\"tpp\": {\"min\": 1}}]}",
         "tests[0].datacenter_only", "expected true or false, got a number"},
    };
    expect_bad_rules(cases, sizeof cases / sizeof cases[0]);
    /* a review rule's tests need no status; a control rule's do */
    static const char review[] =
        "{\"id\": \"x\", \"name\": \"n\", \"effective\": \"2023-01-01\", \"legal_status\": \"r\", "
        "\"kind\": \"review\", \"policy\": \"case-by-case\", \"tests\": [{\"label\": \"a\", "
        "\"tpp\": {\"max\": 21000}}]}";
    gpucost_rules *r = NULL;
    ck_assert_ok(gpucost_rules_parse("r.json", review, strlen(review), &r, &e_));
    ck_assert_int_eq(gpucost_rules_at(r, 0)->kind, GPUCOST_RULE_REVIEW);
    ck_assert_str_eq(gpucost_rules_at(r, 0)->to.items[0], "CN");
    gpucost_rules_free(r);
    /* a destination no file names; a group member that is no country */
    gpucost_error err;
    ck_assert_int_eq(gpucost_rules_load(GPUCOST_TEST_DATA "/rules-bad/dest/rules", &r, &err),
                     GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.path, "to[1]");
    ck_assert_str_eq(err.message, "unknown destination 'Atlantis' (not a country or group of "
                                  "destinations.json)");
    ck_assert_int_eq(gpucost_rules_load(GPUCOST_TEST_DATA "/rules-bad/group/rules", &r, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "groups[0].members[1]");
    ck_assert_str_eq(err.message, "'VN' is not one of \"countries\"");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("rules");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_rules_stories);
    tcase_add_test(core, test_rules_law_dates);
    tcase_add_test(core, test_rules_policies);
    tcase_add_test(core, test_rules_consumer_exemption);
    tcase_add_test(core, test_rules_destinations);
    tcase_add_test(core, test_rules_law_errors);
    tcase_add_test(core, test_rules_thresholds_2023);
    tcase_add_test(core, test_rules_floor_decides_only_what_it_can);
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
