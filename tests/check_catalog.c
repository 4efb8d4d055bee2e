/*
 * check_catalog.c - the hardware catalog: TPP, performance density and the
 * 3A090.a flag against the BIS definitions, the provenance audit of
 * models/hardware, the bundled defaults a folder of hardware alone falls
 * back on, and catalog errors.
 */
#include "check_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include "gpucost/defaults.h"

START_TEST(test_catalog_tpp_against_bis)
{
    gpucost_catalog *c = test_catalog();
    ck_assert_uint_ge(gpucost_catalog_count(c), 8);
    const char *required[] = {"a100", "h100", "h800",        "h20",
                              "h200", "b200", "ascend-910b", "ascend-910c"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        ck_assert_msg(gpucost_catalog_find(c, required[i]) != NULL, "missing %s", required[i]);
    /* facts h100_tpp_derived: 1,979 dense FP8 TFLOPS x 8 bits = 15,832 */
    const gpucost_hardware *h100 = gpucost_catalog_find(c, "h100");
    ck_assert_rel(h100->tpp, 15832, 1e-12);
    ck_assert_int_eq(h100->eccn_3a090a, 1);
    ck_assert_rel(h100->performance_density, 15832.0 / 814.0, 1e-12);
    /* facts h20_tpp_derived: 296 x 8 = 2,368; below 4800 and density
     * 2,368 / 814 = 2.9 < 5.92, so not 3A090.a */
    const gpucost_hardware *h20 = gpucost_catalog_find(c, "h20");
    ck_assert_rel(h20->tpp, 2368, 1e-12);
    ck_assert_int_eq(h20->eccn_3a090a, 0);
    /* BIS example: 300 TFLOPS at 16 bits meets 4800; A100's 312 x 16 = 4992 */
    const gpucost_hardware *a100 = gpucost_catalog_find(c, "a100");
    ck_assert_rel(a100->tpp, 4992, 1e-12);
    ck_assert_int_eq(a100->eccn_3a090a, 1);
    /* lookup is case-insensitive, unknown is NULL */
    ck_assert_ptr_eq(gpucost_catalog_find(c, "H100"), h100);
    ck_assert_ptr_null(gpucost_catalog_find(c, "h1000"));
    gpucost_catalog_free(c);
}
END_TEST

static gpucost_catalog *parse_entry(const char *json, gpucost_error *err, gpucost_status *st)
{
    gpucost_catalog *c = NULL;
    *st = gpucost_catalog_parse("hw.json", json, strlen(json), &c, err);
    return c;
}

START_TEST(test_precision_names_and_bits)
{
    gpucost_precision p;
    ck_assert_int_eq(gpucost_precision_lookup("FP8", &p), 0);
    ck_assert_int_eq(p, GPUCOST_P_FP8);
    ck_assert_str_eq(gpucost_precision_name(GPUCOST_P_BF16), "bf16");
    ck_assert_int_eq(gpucost_precision_bits(GPUCOST_P_FP4), 4);
    ck_assert_int_eq(gpucost_precision_bits(GPUCOST_P_INT8), 8);
    ck_assert_int_eq(gpucost_precision_bits(GPUCOST_P_FP64), 64);
    ck_assert_int_eq(gpucost_precision_lookup("fp7", &p), -1);
}
END_TEST

START_TEST(test_catalog_density_rule)
{
    gpucost_error err;
    gpucost_status st;
    /* TPP 2,400 (150 x 16) with density 2400/400 = 6 >= 5.92: 3A090.a.2 */
    gpucost_catalog *c = parse_entry(
        "{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 150}, \"die_area_mm2\": 400}",
        &err, &st);
    ck_assert_int_eq(st, GPUCOST_OK);
    ck_assert_int_eq(gpucost_catalog_at(c, 0)->eccn_3a090a, 1);
    gpucost_catalog_free(c);
    /* same TPP, no die area: cannot tell */
    c = parse_entry("{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 150}}", &err,
                    &st);
    ck_assert_int_eq(gpucost_catalog_at(c, 0)->eccn_3a090a, -1);
    gpucost_catalog_free(c);
    /* TPP 1,584 (99 x 16): below every threshold */
    c = parse_entry("{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 99}}", &err, &st);
    ck_assert_int_eq(gpucost_catalog_at(c, 0)->eccn_3a090a, 0);
    gpucost_catalog_free(c);
    /* the same TPP as a floor (the part's tensor peaks missing): it may
     * cross any threshold, so cannot tell; at 4,800 or more it is one */
    c = parse_entry("{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"fp32\": 49.5}, "
                    "\"tensor_peaks_missing\": true}",
                    &err, &st);
    ck_assert_int_eq(st, GPUCOST_OK);
    ck_assert(gpucost_catalog_at(c, 0)->tpp_floor);
    ck_assert_int_eq(gpucost_catalog_at(c, 0)->eccn_3a090a, -1);
    gpucost_catalog_free(c);
    c = parse_entry("{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"fp32\": 150}, "
                    "\"tensor_peaks_missing\": true}",
                    &err, &st);
    ck_assert_int_eq(gpucost_catalog_at(c, 0)->eccn_3a090a, 1);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_catalog_errors)
{
    static const struct {
        const char *json, *path, *msg;
    } cases[] = {
        {"{\"id\": \"x\", \"name\": \"X\"}", "", "missing key 'peak_tflops'"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"fp7\": 1}}", "peak_tflops.fp7",
         "unknown key 'fp7' (did you mean 'fp4'?)"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": -1}}", "peak_tflops.bf16",
         "expected a positive number, got -1"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {}}", "peak_tflops",
         "expected at least one precision"},
        {"{\"id\": \"\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}}", "id",
         "expected a non-empty string"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}, \"price_usd\": "
         "{\"low\": 5, \"high\": 1}}",
         "price_usd", "invalid range: low must not exceed high"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}, \"tdp\": 700}", "tdp",
         "unknown key 'tdp' (did you mean 'tdp_w'?)"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}, \"datacenter\": "
         "\"yes\"}",
         "datacenter", "expected true or false, got a string"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}, "
         "\"tensor_peaks_missing\": 1}",
         "tensor_peaks_missing", "expected true or false, got a number"},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}, \"release_date\": "
         "\"2024/01\"}",
         "release_date", "expected a date as YYYY-MM or YYYY-MM-DD, got \"2024/01\""},
        {"{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}, \"release_date\": "
         "\"2024-1-05\"}",
         "release_date", "expected a date as YYYY-MM or YYYY-MM-DD, got \"2024-1-05\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_error err;
        gpucost_status st;
        gpucost_catalog *c = parse_entry(cases[i].json, &err, &st);
        ck_assert_ptr_null(c);
        ck_assert_int_eq(st, GPUCOST_EINVAL);
        ck_assert_str_eq(err.path, cases[i].path);
        ck_assert_str_eq(err.message, cases[i].msg);
        ck_assert_int_eq(err.line, 1);
    }
    /* a peak whose TPP (or FLOP/s) leaves the range of a double: caught at
     * load, naming the field, never an Inf TPP flagged "yes" */
    gpucost_error e2;
    gpucost_status s2;
    ck_assert_ptr_null(parse_entry(
        "{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"fp8\": 1e307}}", &e2, &s2));
    ck_assert_int_eq(s2, GPUCOST_ERANGE);
    ck_assert_str_eq(e2.path, "peak_tflops.fp8");
    ck_assert_ptr_null(
        parse_entry("{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1e200},"
                    " \"die_area_mm2\": 1e-300}",
                    &e2, &s2));
    ck_assert_int_eq(s2, GPUCOST_ERANGE);
    ck_assert_str_eq(e2.path, "die_area_mm2");
    gpucost_catalog *c = NULL;
    gpucost_error err;
    ck_assert_int_eq(gpucost_catalog_load(GPUCOST_TEST_DATA "/no-such-dir", &c, &err), GPUCOST_EIO);
    /* a folder of bad files fails on its first (in byte order) */
    ck_assert_int_eq(gpucost_catalog_load(GPUCOST_TEST_DATA "/bad", &c, &err), GPUCOST_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.file, "/bad/about-tolerance-percent.json"));
    ck_assert_ptr_null(c);
}
END_TEST

static int covered(const gpucost_hardware *h, const char *field)
{
    return gpucost_sources_cover(h->sources, h->nsources, h->notes, h->nnotes, field);
}

/* Every number in models/hardware is named by a source or an estimate. */
START_TEST(test_catalog_models_are_sourced)
{
    gpucost_catalog *c = test_catalog();
    for (size_t i = 0; i < gpucost_catalog_count(c); i++) {
        const gpucost_hardware *h = gpucost_catalog_at(c, i);
        for (int p = 0; p < GPUCOST_P_COUNT; p++) {
            if (h->peak_tflops[p] <= 0.0)
                continue;
            char f[64];
            snprintf(f, sizeof f, "peak_tflops.%s", gpucost_precision_name((gpucost_precision)p));
            ck_assert_msg(covered(h, f), "%s: %s unsourced", h->id, f);
        }
        const struct {
            const char *name;
            int present;
        } fields[] = {{"memory_gb", h->memory_gb > 0},
                      {"memory_bw_tbs", h->memory_bw_tbs > 0},
                      {"interconnect_gbs", h->interconnect_gbs > 0},
                      {"tdp_w", h->tdp_w > 0},
                      {"die_area_mm2", h->die_area_mm2 > 0},
                      {"price_usd", h->has_price},
                      {"rent_usd_per_hour", h->has_rent},
                      {"datacenter", h->datacenter >= 0},
                      {"release_date", h->release_date != NULL}};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
            if (fields[k].present)
                ck_assert_msg(covered(h, fields[k].name), "%s: %s unsourced", h->id,
                              fields[k].name);
        ck_assert_uint_ge(h->nsources, 1);
        /* every entry says whether it is a datacenter part */
        ck_assert_msg(h->datacenter >= 0, "%s: no datacenter", h->id);
    }
    /* every chip the record's rows name (docs/public-record.md): at least 60 */
    ck_assert_uint_ge(gpucost_catalog_count(c), 60);
    static const char *const named[] = {"Google TPU v3",    "NVIDIA GeForce RTX 3090",
                                        "Google TPU v5e",   "NVIDIA A800 PCIe 40 GB",
                                        "NVIDIA Tesla K80", "NVIDIA P100",
                                        "NVIDIA RTX A6000"};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        ck_assert_msg(gpucost_catalog_find_name(c, named[i]) != NULL, "'%s' not in the catalog",
                      named[i]);
    /* datasheet over Epoch's row: GeForce RTX 4090 BF16 at the FP32-accumulate
     * rate (Ada whitepaper, 165.2), not Epoch's FP16-accumulate 330; CDNA2
     * has no TF32 */
    ck_assert_rel(gpucost_catalog_find(c, "geforce-rtx-4090")->peak_tflops[GPUCOST_P_BF16], 165.2,
                  1e-12);
    ck_assert(gpucost_catalog_find(c, "radeon-instinct-mi250x")->peak_tflops[GPUCOST_P_TF32] == 0);
    gpucost_catalog_free(c);
}
END_TEST

/* A new temporary models folder holding only hardware/h100.json (the
 * bundled entry, copied); its path in `dir` (mkdtemp's template size). */
static void hardware_only(char *dir, size_t n)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, n, "%s/gpucost-catalog-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[1200];
    snprintf(path, sizeof path, "%s/hardware", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    FILE *in = fopen(GPUCOST_MODELS "/hardware/h100.json", "rb");
    snprintf(path, sizeof path, "%s/hardware/h100.json", dir);
    FILE *out = fopen(path, "wb");
    ck_assert_ptr_nonnull(in);
    ck_assert_ptr_nonnull(out);
    char buf[4096];
    for (size_t got; (got = fread(buf, 1, sizeof buf, in)) > 0;)
        ck_assert_uint_eq(fwrite(buf, 1, got, out), got);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

static void remove_hardware_only(const char *dir)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/hardware/h100.json", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/hardware", dir);
    rmdir(path);
    rmdir(dir);
}

/* A folder of hardware alone takes the bundled defaults, all of them, and
 * says which file it took and for which folder. */
START_TEST(test_catalog_defaults_fallback)
{
    char dir[1024], hw[1100], note[2048], want[2048];
    hardware_only(dir, sizeof dir);
    snprintf(hw, sizeof hw, "%s/hardware", dir);
    const char *bundled = GPUCOST_MODELS "/defaults.json";
    gpucost_catalog *c = NULL;
    ck_assert_ok(gpucost_catalog_open_with(hw, bundled, &c, &e_));
    ck_assert_ptr_nonnull(gpucost_catalog_find(c, "h100"));
    const gpucost_defaults *d = gpucost_catalog_defaults(c);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(gpucost_catalog_defaults_file(c), bundled);
    ck_assert_str_eq(d->stands_in_for, dir);
    /* every default the bundled file gives, the same */
    gpucost_defaults *ref = NULL;
    ck_assert_ok(gpucost_defaults_load(bundled, &ref, &e_));
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        ck_assert_int_eq(d->given[q], ref->given[q]);
        if (ref->given[q]) {
            ck_assert_int_eq(d->value[q].kind, ref->value[q].kind);
            ck_assert_rel(d->value[q].a, ref->value[q].a, 1e-15);
        }
    }
    /* Epoch AI's energy.py, power_usage_effectiveness(): "return 1.25" */
    ck_assert_ptr_nonnull(gpucost_defaults_get(d, GPUCOST_Q_PUE));
    ck_assert_rel(gpucost_defaults_get(d, GPUCOST_Q_PUE)->a, 1.25, 1e-15);
    ck_assert_int_eq(gpucost_defaults_note(d, note, sizeof note), 1);
    snprintf(want, sizeof want, "defaults: %s (bundled: %s has no defaults.json)", bundled, dir);
    ck_assert_str_eq(note, want);
    gpucost_defaults_free(ref);
    gpucost_catalog_free(c);
    /* the same folder found from a scenario beside it */
    ck_assert_ok(gpucost_catalog_near_with(dir, bundled, &c, &e_));
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(gpucost_catalog_defaults_file(c), bundled);
    gpucost_catalog_free(c);
    /* a folder with its own defaults.json keeps it, and no note is due */
    c = test_catalog();
    ck_assert_ptr_null(gpucost_catalog_defaults(c)->stands_in_for);
    ck_assert_str_eq(gpucost_catalog_defaults_file(c), GPUCOST_MODELS "/defaults.json");
    ck_assert_int_eq(gpucost_defaults_note(gpucost_catalog_defaults(c), note, sizeof note), 0);
    ck_assert_str_eq(note, "");
    gpucost_catalog_free(c);
    remove_hardware_only(dir);
}
END_TEST

/* Without a fallback, or with one that is not there, a folder of hardware
 * alone has no defaults (as before); a fallback that is not a defaults
 * file is an error naming it. */
START_TEST(test_catalog_defaults_fallback_errors)
{
    char dir[1024], hw[1100];
    hardware_only(dir, sizeof dir);
    snprintf(hw, sizeof hw, "%s/hardware", dir);
    gpucost_catalog *c = NULL;
    ck_assert_ok(gpucost_catalog_open(hw, &c, &e_));
    ck_assert_ptr_null(gpucost_catalog_defaults(c));
    ck_assert_ptr_null(gpucost_catalog_defaults_file(c));
    gpucost_catalog_free(c);
    ck_assert_ok(gpucost_catalog_open_with(hw, GPUCOST_TEST_DATA "/no-such.json", &c, &e_));
    ck_assert_ptr_null(gpucost_catalog_defaults_file(c));
    gpucost_catalog_free(c);
    ck_assert_ptr_null(gpucost_catalog_defaults_file(NULL));
    gpucost_error err;
    c = (gpucost_catalog *)1;
    ck_assert_int_eq(gpucost_catalog_open_with(hw, GPUCOST_TEST_DATA "/conflict.json", &c, &err),
                     GPUCOST_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(err.file, GPUCOST_TEST_DATA "/conflict.json");
    remove_hardware_only(dir);
}
END_TEST

/* The one search of every front end, in its order: the folder named,
 * the one near a scenario, the named fallback, the first bundled folder.
 * A folder of hardware alone (its defaults stand in for it) tells which
 * was opened. */
START_TEST(test_catalog_discover)
{
    char dir[1024], hw[1100];
    hardware_only(dir, sizeof dir);
    snprintf(hw, sizeof hw, "%s/hardware", dir);
    const char *bundled = GPUCOST_MODELS "/defaults.json";
    const char *const dirs[] = {"/nonexistent/hardware", hw};
    const char *v3 = GPUCOST_MODELS "/scenarios/deepseek-v3.json";
    const char *nowhere = "/nonexistent/x.json";
    const struct {
        gpucost_catalog_hints h;
        int alone; /* 1: the folder of hardware alone, 0: the models', -1: none */
    } cases[] = {
        {{.dir = hw, .near = v3, .defaults = bundled}, 1},
        {{.near = v3, .fallback = hw, .bundled = dirs, .nbundled = 2, .defaults = bundled}, 0},
        {{.near = nowhere, .fallback = hw, .defaults = bundled}, 1},
        {{.near = nowhere, .bundled = dirs, .nbundled = 2, .defaults = bundled}, 1},
        {{.near = nowhere, .bundled = dirs, .nbundled = 1}, -1},
        {{.near = NULL}, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_catalog *c = (gpucost_catalog *)1;
        ck_assert_ok(gpucost_catalog_discover(&cases[i].h, &c, &e_));
        if (cases[i].alone < 0) {
            ck_assert_ptr_null(c);
            continue;
        }
        ck_assert_ptr_nonnull(c);
        const gpucost_defaults *d = gpucost_catalog_defaults(c);
        ck_assert_ptr_nonnull(d);
        ck_assert_msg((d->stands_in_for != NULL) == cases[i].alone, "case %zu", i);
        gpucost_catalog_free(c);
    }
    remove_hardware_only(dir);
}
END_TEST

/* A folder the user named that is not one is an error at its request
 * key, nothing else tried. */
START_TEST(test_catalog_discover_errors)
{
    const char *v3 = GPUCOST_MODELS "/scenarios/deepseek-v3.json";
    gpucost_catalog_hints h = {.dir = GPUCOST_MODELS "/defaults.json", .near = v3};
    gpucost_catalog *c = (gpucost_catalog *)1;
    gpucost_error err;
    ck_assert_int_eq(gpucost_catalog_discover(&h, &c, &err), GPUCOST_EUSAGE);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(err.path, "catalog");
    ck_assert_str_eq(err.message, "'" GPUCOST_MODELS "/defaults.json' is not a directory");
    h = (gpucost_catalog_hints){.near = "/nonexistent/x.json", .fallback = "/nonexistent"};
    ck_assert_int_eq(gpucost_catalog_discover(&h, &c, &err), GPUCOST_EUSAGE);
    ck_assert_str_eq(err.path, "default_catalog");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_catalog_tpp_against_bis);
    tcase_add_test(core, test_catalog_density_rule);
    tcase_add_test(core, test_precision_names_and_bits);
    tcase_add_test(core, test_catalog_models_are_sourced);
    tcase_add_test(core, test_catalog_defaults_fallback);
    tcase_add_test(core, test_catalog_discover);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_catalog_errors);
    tcase_add_test(errors, test_catalog_defaults_fallback_errors);
    tcase_add_test(errors, test_catalog_discover_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
