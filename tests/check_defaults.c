/*
 * check_defaults.c - the defaults file: models/defaults.json loads, each
 * value is Epoch AI's figure it cites, every value is sourced or marked
 * (the provenance audit), derive falls back on it, and its errors.
 */
#include "check_util.h"

#include "gpucost/defaults.h"

static gpucost_defaults *load(void)
{
    gpucost_defaults *d = NULL;
    ck_assert_ok(gpucost_defaults_load(GPUCOST_MODELS "/defaults.json", &d, &e_));
    return d;
}

static double value(const gpucost_defaults *d, gpucost_quantity q)
{
    const gpucost_dist *v = gpucost_defaults_get(d, q);
    ck_assert_ptr_nonnull(v);
    return gpucost_dist_median(v);
}

/* The values against their sources' own figures. */
START_TEST(test_defaults_models_values)
{
    gpucost_defaults *d = load();
    /* Epoch energy.py: "return 1.25" for organisations not hyperscalers */
    ck_assert_rel(value(d, GPUCOST_Q_PUE), 1.25, 0);
    /* Epoch hardware.py: "else: # average return 1.64" */
    ck_assert_rel(value(d, GPUCOST_Q_SERVER_FACTOR), 1.64, 0);
    /* CLUSTER_INTERCONNECT_COST_FRACTION = 0.19 of the whole: 1 / (1 - 0.19) */
    ck_assert_rel(value(d, GPUCOST_Q_CLUSTER_FACTOR), 1 / (1 - 0.19), 1e-4);
    /* "elif year >= 2023: return 5 * HOURS_PER_YEAR" */
    ck_assert_rel(value(d, GPUCOST_Q_LIFETIME_YEARS), 5, 0);
    /* energy_price(2023): 0.0806 */
    ck_assert_rel(value(d, GPUCOST_Q_ELECTRICITY_USD_PER_KWH), 0.0806, 0);
    ck_assert_ptr_null(gpucost_defaults_get(d, GPUCOST_Q_GPUS));
    ck_assert_ptr_null(gpucost_defaults_get(NULL, GPUCOST_Q_PUE));
    gpucost_defaults_free(d);
}
END_TEST

/* Derive falls back on the catalog's defaults, as "default", and a
 * scenario's own value wins. */
START_TEST(test_defaults_used_by_derive)
{
    gpucost_catalog *c = test_catalog();
    gpucost_scenario *s =
        test_parse("{\"id\": \"t\", \"inputs\": {\"hardware\": \"h100\", \"gpus\": 8, "
                   "\"gpu_hours\": 100, \"pue\": 1.1}}");
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_int_eq(d.origin[GPUCOST_Q_SERVER_FACTOR], GPUCOST_ORIGIN_DEFAULT);
    ck_assert_rel(d.value[GPUCOST_Q_SERVER_FACTOR], 1.64, 0);
    ck_assert_int_eq(d.origin[GPUCOST_Q_PUE], GPUCOST_ORIGIN_INPUT);
    ck_assert_rel(d.value[GPUCOST_Q_ENERGY_MWH], 100 * 700 * 1.1 / 1e6, 1e-14);
    /* without the defaults nothing falls back: unknown, never 0 */
    gpucost_catalog_set_defaults(c, NULL);
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_int_eq(d.origin[GPUCOST_Q_CLUSTER_CAPEX_USD], GPUCOST_ORIGIN_UNKNOWN);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

typedef struct bad {
    const char *json, *path, *message;
    int line, column;
} bad;

START_TEST(test_defaults_errors)
{
    static const bad cases[] = {
        {"{\"sources\": []}", "", "missing key 'defaults'", 1, 1},
        {"{\"defaults\": []}", "defaults", "expected an object, got an array", 1, 14},
        {"{\"defaults\": {\"gpus\": 8}}", "defaults.gpus",
         "'gpus' has no default here (the file sets: pue, server_factor, cluster_factor, "
         "lifetime_years, value_decay_oom_per_year, electricity_usd_per_kwh, grid_kg_per_kwh, "
         "decode_efficiency, "
         "prefill_efficiency)",
         1, 15},
        {"{\"defaults\": {\"pue\": 0.9}}", "defaults.pue",
         "expected a number of at least 1, got 0.9", 1, 22},
        {"{\"defaults\": {\"pue\": 1.2, \"pue\": 1.3}}", "defaults.pue", "duplicate key 'pue'", 1,
         27},
        {"{\"defaults\": {}, \"extra\": 1}", "extra", "unknown key 'extra'", 1, 18},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_defaults *d = NULL;
        gpucost_error err;
        gpucost_status st =
            gpucost_defaults_parse("d.json", cases[i].json, strlen(cases[i].json), &d, &err);
        ck_assert_int_eq(st, GPUCOST_EINVAL);
        ck_assert_ptr_null(d);
        ck_assert_str_eq(err.file, "d.json");
        ck_assert_str_eq(err.path, cases[i].path);
        ck_assert_str_eq(err.message, cases[i].message);
        ck_assert_msg(err.line == cases[i].line && err.column == cases[i].column,
                      "case %zu at %d:%d", i, err.line, err.column);
    }
    gpucost_defaults *d = NULL;
    gpucost_error err;
    ck_assert_int_eq(gpucost_defaults_load("/nonexistent/defaults.json", &d, &err), GPUCOST_EIO);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("defaults");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_defaults_models_values);
    tcase_add_test(core, test_defaults_used_by_derive);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_defaults_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
