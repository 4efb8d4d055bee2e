/*
 * check_scenario.c - loading scenarios: the bundled models, --set, the
 * provenance audit of models/scenarios and models/cases, and every file in tests/data/bad/
 * with its exact status, JSON path, line:column and message.
 */
#include "check_util.h"

#include <unistd.h>

#include <cjson/cJSON.h>

#include "gpucost/claims.h"
#include "gpucost/defaults.h"

typedef struct bad_case {
    const char *file;
    gpucost_status status;
    const char *path;
    int line, column;
    const char *message;
} bad_case;

/* Files that fail to load.  The messages are the contract of the
 * error format (docs/commands.md, "Exit status"); change them here only on purpose. */
static const bad_case load_cases[] = {
    {"about-tolerance-percent.json", GPUCOST_EINVAL, "inputs.gpus", 3, 23,
     "invalid range: tolerance must be a fraction from 0 to below 1 (for 10% write 0.1)"},
    {"about-without-tolerance.json", GPUCOST_EINVAL, "inputs.gpus", 3, 23,
     "missing key 'tolerance'"},
    {"binary-garbage.json", GPUCOST_ESYNTAX, "", 1, 1, "invalid UTF-8 byte 0x89"},
    {"claim-bad-expect.json", GPUCOST_EINVAL, "claims[0].expect", 5, 47,
     "expected \"pass\" or \"fail\", got \"maybe\""},
    {"claim-min-above-max.json", GPUCOST_EINVAL, "claims[0]", 5, 5, "min 0.5 exceeds max 0.4"},
    {"claim-negative-tolerance.json", GPUCOST_EINVAL, "claims[0].tolerance", 5, 55,
     "expected a relative tolerance from 0 to below 1, got -0.1"},
    {"claim-factor-below-one.json", GPUCOST_EINVAL, "claims[0].factor", 5, 66,
     "expected a factor of 1 or more (2 means from half to double), got 0.8"},
    {"claim-factor-and-tolerance.json", GPUCOST_EINVAL, "claims[0].factor", 5, 66,
     "give 'tolerance' or 'factor', not both"},
    {"datapoints-no-unit.json", GPUCOST_EINVAL, "datapoints", 4, 17, "missing key 'unit'"},
    {"labels-not-strings.json", GPUCOST_EINVAL, "labels.year", 4, 44,
     "expected a string, got a number"},
    {"claim-tolerance-percent.json", GPUCOST_EINVAL, "claims[0].tolerance", 5, 55,
     "tolerance 2 means +-200%; for 2% write 0.02"},
    {"claim-mfu-percent.json", GPUCOST_EINVAL, "claims[0].min", 5, 32,
     "expected a fraction above 0 and at most 1, got 38 (for 38% write 0.38)"},
    {"claim-value-outside-domain.json", GPUCOST_EINVAL, "claims[0].value", 5, 35,
     "expected a positive number, got -2048"},
    {"expect-conflict-unknown-quantity.json", GPUCOST_EINVAL, "expect_conflicts[0].quantity", 5, 18,
     "unknown quantity 'gpu_hour' (did you mean 'gpu_hours'?)"},
    {"expect-conflict-duplicate.json", GPUCOST_EINVAL, "expect_conflicts[1].quantity", 6, 18,
     "conflict on 'mfu' is already recorded"},
    {"expect-conflict-not-array.json", GPUCOST_EINVAL, "expect_conflicts", 4, 23,
     "expected an array, got an object"},
    {"claim-no-value.json", GPUCOST_EINVAL, "claims[0]", 5, 5,
     "a claim needs 'value' or 'min' and/or 'max'"},
    {"claim-value-and-bounds.json", GPUCOST_EINVAL, "claims[0]", 7, 5,
     "a claim has either 'value' or bounds, not both"},
    {"infinity-literal.json", GPUCOST_ESYNTAX, "", 4, 13,
     "invalid JSON: Infinity is not a JSON number"},
    {"nan-literal.json", GPUCOST_ESYNTAX, "", 4, 13, "invalid JSON: NaN is not a JSON number"},
    {"number-too-small.json", GPUCOST_EINVAL, "inputs.price_per_gpu_hour", 4, 27,
     "number is out of range (not finite)"},
    {"claim-unknown-quantity.json", GPUCOST_EINVAL, "claims[0].quantity", 5, 18,
     "unknown quantity 'cost' (did you mean 'cost_usd'?)"},
    {"control-char-in-string.json", GPUCOST_ESYNTAX, "", 2, 13,
     "control character 0x0a in a string (text is one line, without control characters)"},
    {"id-escaped-control.json", GPUCOST_EINVAL, "id", 2, 9,
     "control character U+001B in a string (text is one line, without control characters)"},
    {"number-leading-zero.json", GPUCOST_ESYNTAX, "", 3, 22, "invalid JSON number '05'"},
    {"number-trailing-dot.json", GPUCOST_ESYNTAX, "", 3, 22, "invalid JSON number '5.'"},
    {"key-nul-escape.json", GPUCOST_ESYNTAX, "", 2, 6, "\\u0000 (NUL) in a string"},
    {"deep-nesting.json", GPUCOST_ELIMIT, "", 1, 99, "nesting deeper than the limit of 64 levels"},
    {"duplicate-input.json", GPUCOST_EINVAL, "inputs.gpus", 5, 5, "duplicate key 'gpus'"},
    {"duplicate-top-key.json", GPUCOST_EINVAL, "id", 3, 3, "duplicate key 'id'"},
    {"empty.json", GPUCOST_ESYNTAX, "", 1, 1, "file is empty, expected a JSON object"},
    {"invalid-utf8.json", GPUCOST_ESYNTAX, "", 2, 11, "invalid UTF-8 byte 0xff"},
    {"mfu-above-one.json", GPUCOST_EINVAL, "inputs.mfu", 4, 12,
     "expected a fraction above 0 and at most 1, got 1.5"},
    {"missing-id.json", GPUCOST_EINVAL, "", 1, 1, "missing key 'id'"},
    {"missing-inputs.json", GPUCOST_EINVAL, "", 1, 1, "missing key 'inputs'"},
    {"misspelled-top-key.json", GPUCOST_EINVAL, "inptus", 3, 3,
     "unknown key 'inptus' (did you mean 'inputs'?)"},
    {"negative-gpus.json", GPUCOST_EINVAL, "inputs.gpus", 5, 13,
     "expected a positive number, got -5"},
    {"nul-byte.json", GPUCOST_ESYNTAX, "", 3, 23, "NUL byte in file, expected JSON text"},
    {"number-too-large.json", GPUCOST_EINVAL, "inputs.gpus", 4, 13,
     "number is out of range (not finite)"},
    {"quantity-wrong-kind.json", GPUCOST_EINVAL, "inputs.mfu", 5, 5,
     "quantity 'mfu' does not apply to inference scenarios"},
    {"range-low-above-high.json", GPUCOST_EINVAL, "inputs.price_per_gpu_hour", 4, 27,
     "invalid range: low must not exceed high"},
    {"range-missing-bound.json", GPUCOST_EINVAL, "inputs.gpus", 4, 13, "missing key 'max'"},
    {"range-negative-sd.json", GPUCOST_EINVAL, "inputs.gpus", 4, 13,
     "invalid range: sd must not be negative"},
    {"range-reaches-negative.json", GPUCOST_EINVAL, "inputs.gpus", 4, 13,
     "expected a positive number, but the range reaches outside it"},
    {"syntax-missing-comma.json", GPUCOST_ESYNTAX, "", 5, 5, "invalid JSON near '\"'"},
    {"syntax-trailing-comma.json", GPUCOST_ESYNTAX, "", 3, 27, "invalid JSON near '}'"},
    {"syntax-trailing-garbage.json", GPUCOST_ESYNTAX, "", 2, 1,
     "invalid JSON: text after the end of the document"},
    {"syntax-unterminated.json", GPUCOST_ESYNTAX, "", 4, 1, "invalid JSON: unexpected end of file"},
    {"top-level-array.json", GPUCOST_EINVAL, "", 1, 1,
     "expected a JSON object at the top level, got an array"},
    {"unknown-distribution.json", GPUCOST_EINVAL, "inputs.mfu", 4, 21,
     "unknown distribution 'beta' (expected uniform, normal, lognormal or triangular)"},
    {"unknown-kind.json", GPUCOST_EINVAL, "kind", 3, 11,
     "expected \"training\", \"inference\" or \"fleet\", got \"pretraining\""},
    {"unknown-precision.json", GPUCOST_EINVAL, "inputs.precision", 4, 18,
     "unknown precision 'fp7' (expected fp4, fp8, int8, bf16, fp16, tf32, fp32 or fp64)"},
    {"unknown-quantity.json", GPUCOST_EINVAL, "inputs.gpu_hour", 4, 5,
     "unknown quantity 'gpu_hour' (did you mean 'gpu_hours'?)"},
    {"whitespace-only.json", GPUCOST_ESYNTAX, "", 1, 1, "file is empty, expected a JSON object"},
    {"fleet-gpus-input.json", GPUCOST_EINVAL, "inputs.gpus", 4, 15,
     "a fleet gives 'gpus' per part: move it into each entry of 'fleet'"},
    {"fleet-missing.json", GPUCOST_EINVAL, "", 1, 1,
     "missing key 'fleet' (a fleet lists its parts: [{\"hardware\": \"h100\", \"gpus\": 10000}, "
     "...])"},
    {"fleet-on-training.json", GPUCOST_EINVAL, "fleet", 4, 3,
     "'fleet' lists the parts of a fleet: set \"kind\": \"fleet\" or leave it out"},
    {"fleet-part-bad-price.json", GPUCOST_EINVAL, "fleet[0].gpu_price_usd", 5, 64,
     "expected a positive number, got -3"},
    {"fleet-part-no-gpus.json", GPUCOST_EINVAL, "fleet[1]", 5, 49, "missing key 'gpus'"},
    {"fleet-too-many.json", GPUCOST_EINVAL, "fleet", 5, 12,
     "expected an array of 1 to 8 parts, got 9 parts"},
    {"wrong-type-gpus.json", GPUCOST_EINVAL, "inputs.gpus", 4, 13,
     "expected a number, got the string \"2048\" (files take JSON numbers: write 2048)"},
    {"zero-gpus.json", GPUCOST_EINVAL, "inputs.gpus", 4, 13, "expected a positive number, got 0"},
    {"model-unknown-attention.json", GPUCOST_EINVAL, "model.attention", 4, 87,
     "unknown attention 'mqa' (known: mha, gqa, mla)"},
    {"model-mla-no-rank.json", GPUCOST_EINVAL, "model", 4, 12,
     "missing key 'kv_lora_rank' (attention mla)"},
    {"phase-unknown-in-claim.json", GPUCOST_EINVAL, "claims[0].phase", 9, 57,
     "unknown phase 'pretraining' (phases: pre-training, post-training)"},
    {"phase-duplicate-name.json", GPUCOST_EINVAL, "phases[2]", 7, 5,
     "duplicate phase name 'pre-training'"},
    {"phase-on-inference.json", GPUCOST_EINVAL, "phases", 5, 3,
     "'phases' divide a training run, not an inference scenario"},
    {"export-claim-bad-date.json", GPUCOST_EINVAL, "claims[0].export.on", 5, 43,
     "expected a date YYYY-MM-DD, got \"2023-1-1\""},
    {"claim-bad-date.json", GPUCOST_EINVAL, "claims[0].date", 5, 72,
     "expected a date YYYY-MM-DD or a month YYYY-MM, got 2024-13"},
    {"amortisation-unknown.json", GPUCOST_EINVAL, "inputs.amortisation", 4, 30,
     "unknown amortisation 'declining_balance' (expected \"straight_line\" or \"epoch\")"},
    {"export-claim-unknown-status.json", GPUCOST_EINVAL, "claims[0].status", 5, 68,
     "unknown status 'banned' (known: licence, notification, not controlled)"},
    {"phase-none.json", GPUCOST_EINVAL, "phases", 4, 13,
     "expected an array of 1 to 16 phases, got none"},
    {"phase-bad-input.json", GPUCOST_EINVAL, "phases[0].inputs.gpu_hours", 5, 54,
     "expected a positive number, got -1"},
};

/* Files that load but fail against the catalog or numerically. */
static const bad_case derive_cases[] = {
    {"overflow.json", GPUCOST_ERANGE, "gpu_hours", 0, 0,
     "derived quantity 'gpu_hours' overflows the range of a double"},
    {"fleet-gpus-overflow.json", GPUCOST_ERANGE, "fleet", 0, 0,
     "the parts' gpus add up beyond the range of a double"},
    {"fleet-unknown-hardware.json", GPUCOST_ENOTFOUND, "fleet[1].hardware", 5, 63,
     "unknown hardware 'h21' (did you mean 'h20'? known: a10-pcie, a100, a100-40gb, "
     "a100-pcie, a10g, a30-pcie, a40-pcie, a800-pcie-40-gb, a800-pcie-80-gb, a800-sxm, "
     "ascend-910, ascend-910b and 71 more)"},
    {"margin-overflows-percent.json", GPUCOST_ERANGE, "margin", 0, 0,
     "derived quantity 'margin' overflows the range of a double as a percentage"},
    {"precision-not-in-hardware.json", GPUCOST_ENOTFOUND, "inputs.precision", 5, 18,
     "hardware 'ascend-910c' has no fp8 peak (it has: bf16, fp16)"},
    /* a phase's own input is named where the file has it, not as the run's */
    {"phase-precision-not-in-hardware.json", GPUCOST_ENOTFOUND, "phases[1].inputs.precision", 6, 77,
     "hardware 'h800' has no fp4 peak (it has: fp8, int8, bf16, fp16, tf32, fp32, fp64)"},
    /* an amortisation that cannot use an input is an error at that input */
    {"amortisation-straight-line-with-age.json", GPUCOST_EINVAL, "inputs.hardware_age_years", 4, 36,
     "not used by amortisation \"straight_line\" (it is Epoch AI's method's); drop it or say "
     "\"epoch\""},
    {"amortisation-epoch-without-age.json", GPUCOST_EINVAL, "inputs.amortisation", 3, 65,
     "amortisation \"epoch\" needs hardware_age_years (the years from the hardware's "
     "availability, release + 90 days, to the start of training)"},
    {"amortisation-epoch-with-lifetime.json", GPUCOST_EINVAL, "inputs.lifetime_years", 4, 59,
     "not used by amortisation \"epoch\", whose life follows from hardware_age_years; drop one"},
    {"amortisation-age-with-lifetime.json", GPUCOST_EINVAL, "inputs.lifetime_years", 4, 32,
     "not used: hardware_age_years implies amortisation \"epoch\", whose life follows from the "
     "age; drop one"},
    {"underflow-cost.json", GPUCOST_ERANGE, "cost_usd", 0, 0,
     "derived quantity 'cost_usd' underflows the range of a double"},
    {"underflow-mfu.json", GPUCOST_ERANGE, "gpu_hours", 0, 0,
     "derived quantity 'gpu_hours' overflows the range of a double"},
    {"model-unknown-bundled.json", GPUCOST_ENOTFOUND, "model", 4, 12,
     "unknown model 'deepseek-v2' (did you mean 'deepseek-v3'? bundled: deepseek-v3, "
     "llama3-405b, llama3-70b, palm-540b)"},
    {"unknown-hardware.json", GPUCOST_ENOTFOUND, "inputs.hardware", 4, 17,
     "unknown hardware 'h1000' (did you mean 'h100'? known: a10-pcie, a100, a100-40gb, "
     "a100-pcie, a10g, a30-pcie, a40-pcie, a800-pcie-40-gb, a800-pcie-80-gb, a800-sxm, "
     "ascend-910, ascend-910b and 71 more)"},
};

#define NLOAD (sizeof load_cases / sizeof load_cases[0])
#define NDERIVE (sizeof derive_cases / sizeof derive_cases[0])

static void assert_error(const bad_case *c, gpucost_status st, const gpucost_error *err,
                         const char *path)
{
    ck_assert_msg(st == c->status, "%s: status %d, expected %d (%s)", c->file, st, c->status,
                  err->message);
    ck_assert_str_eq(err->file, path);
    ck_assert_str_eq(err->path, c->path);
    ck_assert_msg(err->line == c->line && err->column == c->column, "%s: at %d:%d, expected %d:%d",
                  c->file, err->line, err->column, c->line, c->column);
    ck_assert_str_eq(err->message, c->message);
}

START_TEST(test_scenario_bad_load)
{
    const bad_case *c = &load_cases[_i];
    char path[1024];
    snprintf(path, sizeof path, "%s/bad/%s", GPUCOST_TEST_DATA, c->file);
    gpucost_scenario *s = NULL;
    gpucost_error err;
    gpucost_status st = gpucost_scenario_load(path, &s, &err);
    ck_assert_ptr_null(s);
    assert_error(c, st, &err, path);
}
END_TEST

START_TEST(test_scenario_bad_derive)
{
    const bad_case *c = &derive_cases[_i];
    char path[1024];
    snprintf(path, sizeof path, "%s/bad/%s", GPUCOST_TEST_DATA, c->file);
    gpucost_scenario *s = NULL;
    ck_assert_ok(gpucost_scenario_load(path, &s, &e_));
    gpucost_catalog *cat = test_catalog();
    gpucost_derivation d;
    gpucost_error err;
    assert_error(c, gpucost_derive(s, cat, NULL, &d, &err), &err, path);
    gpucost_catalog_free(cat);
    gpucost_scenario_free(s);
}
END_TEST

/* Every file in tests/data/bad/ is covered by a case above. */
START_TEST(test_scenario_bad_corpus_complete)
{
    DIR *d = opendir(GPUCOST_TEST_DATA "/bad");
    ck_assert_ptr_nonnull(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        int found = 0;
        for (size_t i = 0; i < NLOAD; i++)
            found |= strcmp(load_cases[i].file, e->d_name) == 0;
        for (size_t i = 0; i < NDERIVE; i++)
            found |= strcmp(derive_cases[i].file, e->d_name) == 0;
        ck_assert_msg(found, "tests/data/bad/%s has no test case", e->d_name);
    }
    closedir(d);
}
END_TEST

/* What cannot be a file in tests/data/bad: a missing file, a directory,
 * a file over the size limit (made here, not committed). */
START_TEST(test_scenario_not_a_file)
{
    gpucost_scenario *s = NULL;
    gpucost_error err;
    ck_assert_int_eq(gpucost_scenario_load(GPUCOST_TEST_DATA "/missing.json", &s, &err),
                     GPUCOST_EIO);
    ck_assert_str_eq(err.message, "cannot open file: No such file or directory");
    ck_assert_str_eq(err.file, GPUCOST_TEST_DATA "/missing.json");
    ck_assert_int_eq(gpucost_scenario_load(GPUCOST_TEST_DATA "/bad", &s, &err), GPUCOST_EIO);
    ck_assert_str_eq(err.message, "is a directory, expected a JSON file");
    char path[] = "/tmp/gpucost-big-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"id\": \"x\", \"inputs\": {}, \"description\": \"", f);
    for (int i = 0; i < 17 * 1024; i++)
        for (int k = 0; k < 1024; k++)
            fputc('a', f);
    fputs("\"}", f);
    fclose(f);
    ck_assert_int_eq(gpucost_scenario_load(path, &s, &err), GPUCOST_ELIMIT);
    ck_assert_str_eq(err.message, "file is larger than the limit of 16 MiB");
    unlink(path);
    ck_assert_ptr_null(s);
}
END_TEST

START_TEST(test_scenario_load_v3)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    ck_assert_str_eq(s->id, "deepseek-v3");
    ck_assert_int_eq(s->kind, GPUCOST_KIND_TRAINING);
    ck_assert_str_eq(s->hardware, "h800");
    ck_assert_int_eq(s->precision, GPUCOST_P_FP8);
    ck_assert(s->inputs[GPUCOST_Q_GPUS].given);
    ck_assert_rel(s->inputs[GPUCOST_Q_GPUS].dist.a, 2048, 0);
    ck_assert_rel(s->inputs[GPUCOST_Q_GPU_HOURS].dist.a, 2788000, 0);
    ck_assert(!s->inputs[GPUCOST_Q_WALL_DAYS].given);
    ck_assert_uint_eq(s->nclaims, 4);
    ck_assert_int_eq(s->claims[0].quantity, GPUCOST_Q_COST_USD);
    ck_assert_rel(s->claims[0].value, 5576000, 0);
    ck_assert(s->claims[1].has_max && !s->claims[1].has_min);
    ck_assert_int_eq(s->inputs[GPUCOST_Q_GPUS].loc.line, 9);
    gpucost_scenario_free(s);
}
END_TEST

START_TEST(test_scenario_overrides)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_override o[] = {
        gpucost_override_hardware("h100"),
        gpucost_override_point(GPUCOST_Q_GPUS, 50e3),
        gpucost_override_interval(GPUCOST_Q_PRICE_PER_GPU_HOUR, 1.5, 3.5),
        gpucost_override_remove(GPUCOST_Q_GPU_HOURS),
        gpucost_override_precision(GPUCOST_P_BF16),
    };
    ck_assert_ok(gpucost_scenario_override(s, o, 5, &e_));
    ck_assert_str_eq(s->hardware, "h100");
    ck_assert_rel(s->inputs[GPUCOST_Q_GPUS].dist.a, 50000, 0);
    ck_assert_int_eq(s->inputs[GPUCOST_Q_PRICE_PER_GPU_HOUR].dist.kind, GPUCOST_DIST_LOGNORMAL);
    ck_assert(!s->inputs[GPUCOST_Q_GPU_HOURS].given);
    ck_assert_int_eq(s->precision, GPUCOST_P_BF16);
    gpucost_scenario_free(s);
}
END_TEST

START_TEST(test_scenario_override_errors)
{
    static const struct {
        gpucost_override o;
        const char *msg;
    } cases[] = {
        {{.kind = GPUCOST_OVERRIDE_POINT,
          .quantity = GPUCOST_Q_GPUS,
          .value = -5,
          .high = -5,
          .hardware = NULL,
          .precision = 0,
          .amortisation = 0},
         "expected a positive number"},
        {{.kind = GPUCOST_OVERRIDE_POINT,
          .quantity = GPUCOST_Q_GPUS,
          .value = NAN,
          .high = NAN,
          .hardware = NULL,
          .precision = 0,
          .amortisation = 0},
         "expected a finite number"},
        {{.kind = GPUCOST_OVERRIDE_INTERVAL,
          .quantity = GPUCOST_Q_PRICE_PER_GPU_HOUR,
          .value = 3.5,
          .high = 1.5,
          .hardware = NULL,
          .precision = 0,
          .amortisation = 0},
         "invalid range: low must not exceed high"},
        {{.kind = GPUCOST_OVERRIDE_PRECISION,
          .quantity = GPUCOST_Q_GPUS,
          .value = 0,
          .high = 0,
          .hardware = NULL,
          .precision = (gpucost_precision)99,
          .amortisation = 0},
         "unknown precision"},
        {{.kind = GPUCOST_OVERRIDE_HARDWARE,
          .quantity = GPUCOST_Q_GPUS,
          .value = 0,
          .high = 0,
          .hardware = "",
          .precision = 0,
          .amortisation = 0},
         "expected a hardware id"},
        {{.kind = GPUCOST_OVERRIDE_POINT,
          .quantity = GPUCOST_Q_MARGIN,
          .value = 0.5,
          .high = 0.5,
          .hardware = NULL,
          .precision = 0,
          .amortisation = 0},
         "quantity 'margin' does not apply to training scenarios"},
        {{.kind = GPUCOST_OVERRIDE_POINT,
          .quantity = GPUCOST_Q_MFU,
          .value = 1.2,
          .high = 1.2,
          .hardware = NULL,
          .precision = 0,
          .amortisation = 0},
         "expected a fraction above 0 and at most 1"},
        {{.kind = GPUCOST_OVERRIDE_AMORTISATION,
          .quantity = GPUCOST_Q_GPUS,
          .value = 0,
          .high = 0,
          .hardware = NULL,
          .precision = 0,
          .amortisation = (gpucost_amortisation)9},
         "unknown amortisation (expected straight_line or epoch)"},
        {{.kind = GPUCOST_OVERRIDE_POINT,
          .quantity = (gpucost_quantity)999,
          .value = 1,
          .high = 1,
          .hardware = NULL,
          .precision = 0,
          .amortisation = 0},
         "unknown quantity"},
    };
    gpucost_scenario *s = test_scenario("deepseek-v3");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_error err;
        gpucost_override two[2] = {gpucost_override_point(GPUCOST_Q_TOKENS, 1e13), cases[i].o};
        ck_assert_int_eq(gpucost_scenario_override(s, two, 2, &err), GPUCOST_EINVAL);
        ck_assert_str_eq(err.message, cases[i].msg);
        ck_assert_str_eq(err.path, "overrides[1]");
    }
    /* the one that failed changed nothing */
    ck_assert_rel(s->inputs[GPUCOST_Q_GPUS].dist.a, 2048, 0);
    gpucost_scenario_free(s);
}
END_TEST

/* A {low, high} range whose p5 is its low up to rounding stays in the
 * domain (pue 1..2 was "expected a number of at least 1"). */
START_TEST(test_scenario_override_range_at_domain_edge)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_override ok[] = {gpucost_override_interval(GPUCOST_Q_PUE, 1, 2),
                             gpucost_override_interval(GPUCOST_Q_MFU, 0.5, 1)};
    ck_assert_ok(gpucost_scenario_override(s, ok, 2, &e_));
    gpucost_error err;
    gpucost_override bad = gpucost_override_interval(GPUCOST_Q_PUE, 0.5, 2);
    ck_assert_int_eq(gpucost_scenario_override(s, &bad, 1, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.message,
                     "expected a number of at least 1, but the range reaches outside it");
    gpucost_scenario_free(s);
}
END_TEST

static int covered(const gpucost_scenario *s, const char *field)
{
    return gpucost_sources_cover(s->sources, s->nsources, s->notes, s->nnotes, field);
}

/* Every number in models/scenarios has a source naming it, or an
 * "estimates"/"derived" note saying how it was made. */
static void audit(const char *name, gpucost_scenario *s, void *ctx)
{
    (void)ctx;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (!s->inputs[q].given)
            continue;
        char field[128];
        snprintf(field, sizeof field, "inputs.%s",
                 gpucost_quantity_info_get((gpucost_quantity)q)->name);
        ck_assert_msg(covered(s, field), "%s: %s has no source, estimate or derived note", name,
                      field);
    }
    for (size_t i = 0; i < s->nclaims; i++) {
        char field[64];
        snprintf(field, sizeof field, "claims[%zu]", i);
        ck_assert_msg(covered(s, field) || s->claims[i].source[0], "%s: %s has no source", name,
                      field);
    }
    /* a fleet's parts: each part's hardware and every number it gives */
    for (size_t i = 0; i < s->nparts; i++) {
        char field[128];
        snprintf(field, sizeof field, "fleet[%zu].hardware", i);
        ck_assert_msg(covered(s, field), "%s: %s has no source", name, field);
        for (int k = 0; k < GPUCOST_PART_NQ; k++) {
            if (!s->parts[i].in[k].given)
                continue;
            snprintf(field, sizeof field, "fleet[%zu].%s", i,
                     gpucost_quantity_info_get(gpucost_fleet_part_q[k])->name);
            ck_assert_msg(covered(s, field), "%s: %s has no source, estimate or derived note", name,
                          field);
        }
    }
    /* a run's phases: every number each phase gives */
    for (size_t i = 0; i < s->nphases; i++)
        for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
            if (!s->phases[i].inputs[q].given)
                continue;
            char field[128];
            snprintf(field, sizeof field, "phases[%zu].inputs.%s", i,
                     gpucost_quantity_info_get((gpucost_quantity)q)->name);
            ck_assert_msg(covered(s, field), "%s: %s has no source, estimate or derived note", name,
                          field);
        }
    for (size_t i = 0; i < s->nsources; i++)
        ck_assert_msg(s->sources[i].url[0] && s->sources[i].quote[0],
                      "%s: sources[%zu] lacks url or quote", name, i);
}

/* models/defaults.json: every value named by a source or a note, every
 * source with a URL and a quote. */
static void audit_defaults(void)
{
    gpucost_defaults *d = NULL;
    ck_assert_ok(gpucost_defaults_load(GPUCOST_MODELS "/defaults.json", &d, &e_));
    int n = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (!d->given[q])
            continue;
        char field[96];
        snprintf(field, sizeof field, "defaults.%s",
                 gpucost_quantity_info_get((gpucost_quantity)q)->name);
        ck_assert_msg(gpucost_sources_cover(d->sources, d->nsources, d->notes, d->nnotes, field),
                      "models/defaults.json: %s has no source", field);
        n++;
    }
    ck_assert_int_ge(n, 5);
    for (size_t i = 0; i < d->nsources; i++)
        ck_assert_msg(d->sources[i].url[0] && d->sources[i].quote[0],
                      "models/defaults.json: sources[%zu] lacks url or quote", i);
    gpucost_defaults_free(d);
}

START_TEST(test_scenario_models_are_sourced)
{
    audit_defaults();
    ck_assert_int_ge(test_each_scenario(audit, NULL), 13);
    ck_assert_int_ge(test_each_model("cases", audit, NULL), 3);
}
END_TEST

/* The JSON Schema editors use knows every quantity as an input and as a
 * claim's quantity, and the fleet kind. */
START_TEST(test_scenario_schema_lists_every_quantity)
{
    FILE *f = fopen(GPUCOST_MODELS "/schema/scenario.schema.json", "rb");
    ck_assert_ptr_nonnull(f);
    static char text[1 << 17];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    cJSON *root = cJSON_Parse(text);
    ck_assert_ptr_nonnull(root);
    cJSON *props = cJSON_GetObjectItem(root, "properties");
    cJSON *inputs = cJSON_GetObjectItem(cJSON_GetObjectItem(props, "inputs"), "properties");
    cJSON *claim = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(props, "claims"), "items"),
                            "properties"),
        "quantity");
    cJSON *names = cJSON_GetObjectItem(claim, "enum");
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const char *name = gpucost_quantity_info_get((gpucost_quantity)q)->name;
        ck_assert_msg(cJSON_GetObjectItem(inputs, name) != NULL, "schema inputs lack %s", name);
        int found = 0;
        cJSON *e;
        cJSON_ArrayForEach(e, names) found |= strcmp(e->valuestring, name) == 0;
        ck_assert_msg(found, "schema claims lack %s", name);
    }
    ck_assert_ptr_nonnull(cJSON_GetObjectItem(props, "fleet"));
    char *kinds = cJSON_PrintUnformatted(cJSON_GetObjectItem(props, "kind"));
    ck_assert_ptr_nonnull(strstr(kinds, "\"fleet\""));
    free(kinds);
    cJSON_Delete(root);
}
END_TEST

/* "date": a day, or a month for its 15th; anything else is refused at
 * its place. */
START_TEST(test_scenario_date)
{
    gpucost_scenario *s = test_parse("{\"id\": \"t\", \"date\": \"2024-12\", \"inputs\": {}}");
    ck_assert_int_eq(s->date, 20241215);
    gpucost_scenario_free(s);
    s = test_parse("{\"id\": \"t\", \"date\": \"2024-02-29\", \"inputs\": {}}");
    ck_assert_int_eq(s->date, 20240229);
    gpucost_scenario_free(s);
    const char *bad[] = {"\"2024-13\"", "\"2023-02-29\"", "\"Dec 2024\"", "2024"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char json[128];
        snprintf(json, sizeof json, "{\"id\": \"t\", \"date\": %s, \"inputs\": {}}", bad[i]);
        gpucost_scenario *x = NULL;
        gpucost_error err;
        ck_assert_int_eq(gpucost_scenario_parse("d.json", json, strlen(json), &x, &err),
                         GPUCOST_EINVAL);
        ck_assert_str_eq(err.path, "date");
        ck_assert_int_eq(err.line, 1);
        ck_assert_int_eq(err.column, 21); /* the value */
    }
}
END_TEST

/* `gpucost new`: the skeleton parses back with every assignment as the
 * --set grammar reads it, one placeholder source per assignment backing
 * its field, and the id given or "new-KIND". */
START_TEST(test_scenario_skeleton)
{
    gpucost_catalog *c = test_catalog();
    const char *sets[] = {"hardware=h800", "gpus=2048", "gpu_hours=2.788M", "precision=fp8",
                          "price_per_gpu_hour=1.5..3.5"};
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_scenario_skeleton("training", NULL, sets, 5, c, &b, &e_));
    gpucost_scenario *s = test_parse(gpucost_buf_str(&b));
    ck_assert_str_eq(s->id, "new-training");
    ck_assert(gpucost_source_placeholder(s->title));
    ck_assert_int_eq(s->kind, GPUCOST_KIND_TRAINING);
    ck_assert_str_eq(s->hardware, "h800");
    ck_assert(s->precision_given && s->precision == GPUCOST_P_FP8);
    ck_assert_rel(s->inputs[GPUCOST_Q_GPUS].dist.a, 2048, 1e-15);
    ck_assert_rel(s->inputs[GPUCOST_Q_GPU_HOURS].dist.a, 2.788e6, 1e-15);
    const gpucost_dist *price = &s->inputs[GPUCOST_Q_PRICE_PER_GPU_HOUR].dist;
    ck_assert_int_ne(price->kind, GPUCOST_DIST_POINT);
    ck_assert_rel(gpucost_dist_median(price), sqrt(1.5 * 3.5), 1e-12);
    ck_assert_uint_eq(s->nclaims, 0);
    ck_assert_uint_eq(s->nsources, 5);
    const char *fields[] = {"inputs.hardware", "inputs.gpus", "inputs.gpu_hours",
                            "inputs.precision", "inputs.price_per_gpu_hour"};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_uint_eq(s->sources[i].nfields, 1);
        ck_assert_str_eq(s->sources[i].fields[0], fields[i]);
        ck_assert(gpucost_source_placeholder(s->sources[i].title));
        ck_assert(gpucost_source_placeholder(s->sources[i].url));
        ck_assert(gpucost_source_placeholder(s->sources[i].quote));
    }
    /* check fails the title and every source until they are filled in */
    gpucost_claim_result r[6];
    ck_assert_uint_eq(gpucost_claims_placeholders(s, r), 6);
    /* and run derives what the inputs give: 2.788M / 2048 / 24 days */
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    ck_assert_rel(d.value[GPUCOST_Q_WALL_DAYS], 2.788e6 / 2048 / 24, 1e-12);
    gpucost_scenario_free(s);

    /* a fleet's hardware and gpus make its one part; the id as given */
    gpucost_buf_release(&b);
    gpucost_buf_init(&b);
    const char *fleet[] = {"hardware=h100", "gpus=50k", "pue=1.3"};
    ck_assert_ok(gpucost_scenario_skeleton("fleet", "wang-50k", fleet, 3, c, &b, &e_));
    s = test_parse(gpucost_buf_str(&b));
    ck_assert_str_eq(s->id, "wang-50k");
    ck_assert_uint_eq(s->nparts, 1);
    ck_assert_str_eq(s->parts[0].hardware, "h100");
    ck_assert_rel(s->parts[0].in[0].dist.a, 50000, 1e-15);
    ck_assert_rel(s->inputs[GPUCOST_Q_PUE].dist.a, 1.3, 1e-15);
    ck_assert_str_eq(s->sources[1].fields[0], "fleet[0].gpus");
    ck_assert_str_eq(s->sources[2].fields[0], "inputs.pue");
    gpucost_scenario_free(s);

    /* nothing set: a title to fill in and nothing else, still a scenario */
    gpucost_buf_release(&b);
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_scenario_skeleton("inference", "", NULL, 0, NULL, &b, &e_));
    ck_assert_ptr_nonnull(strstr(gpucost_buf_str(&b), "\n  \"inputs\": {},\n"));
    s = test_parse(gpucost_buf_str(&b));
    ck_assert_int_eq(s->kind, GPUCOST_KIND_INFERENCE);
    ck_assert_uint_eq(s->nsources, 0);
    gpucost_scenario_free(s);
    gpucost_buf_release(&b);
    gpucost_catalog_free(c);
}
END_TEST

/* Each refusal names what the user typed, and leaves `out` as it was. */
START_TEST(test_scenario_skeleton_errors)
{
    static const struct {
        const char *kind, *set, *path, *says;
        gpucost_status code;
    } cases[] = {
        {"trainig", "gpus=8", "kind", "did you mean 'training'?", GPUCOST_EUSAGE},
        {"batch", "gpus=8", "kind", "unknown kind 'batch' (expected", GPUCOST_EUSAGE},
        {"training", "gpus=lots", "set.gpus", "expected a number", GPUCOST_EINVAL},
        {"training", "hardware=h8000", "set.hardware", "did you mean 'h800'?", GPUCOST_ENOTFOUND},
        {"training", "gpus=-5", "set.gpus", "positive", GPUCOST_EINVAL},
        {"training", "mfu=38", "set.mfu", "0.38", GPUCOST_EINVAL},
        {"inference", "tokens=5", "set.tokens", "does not apply to inference", GPUCOST_EINVAL},
        {"training", "gpus=none", "set.gpus", "no 'gpus' to take out", GPUCOST_EINVAL},
        {"training", "amortisation=epoch", "set.amortisation", "hardware_age_years",
         GPUCOST_EINVAL},
        {"fleet", "gpus=8", "", "set.hardware=ID", GPUCOST_EUSAGE},
    };
    gpucost_catalog *c = test_catalog();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_buf_puts(&b, "kept");
        gpucost_error err;
        const char *sets[] = {cases[i].set};
        ck_assert_int_eq(gpucost_scenario_skeleton(cases[i].kind, NULL, sets, 1, c, &b, &err),
                         cases[i].code);
        /* the set's request key, "set.NAME" or "set.NAME=VALUE" as typed */
        ck_assert_msg(
            strncmp(err.path, cases[i].path, strlen(cases[i].path)) == 0 &&
                (err.path[strlen(cases[i].path)] == '\0' || err.path[strlen(cases[i].path)] == '='),
            "case %zu: path %s", i, err.path);
        ck_assert_msg(strstr(err.message, cases[i].says) != NULL, "%s: %s", cases[i].set,
                      err.message);
        ck_assert_str_eq(gpucost_buf_str(&b), "kept");
        gpucost_buf_release(&b);
    }
    /* a name set twice names both */
    const char *twice[] = {"gpus=5", "gpus=6"};
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    ck_assert_int_eq(gpucost_scenario_skeleton("training", NULL, twice, 2, c, &b, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "set.gpus=6");
    ck_assert(strstr(err.message, "`set.gpus=5`") != NULL);
    gpucost_buf_release(&b);
    gpucost_catalog_free(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_scenario_date);
    tcase_add_test(core, test_scenario_skeleton);
    tcase_add_test(core, test_scenario_load_v3);
    tcase_add_test(core, test_scenario_overrides);
    tcase_add_test(core, test_scenario_models_are_sourced);
    tcase_add_test(core, test_scenario_override_range_at_domain_edge);
    tcase_add_test(core, test_scenario_schema_lists_every_quantity);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_loop_test(errors, test_scenario_bad_load, 0, (int)NLOAD);
    tcase_add_loop_test(errors, test_scenario_bad_derive, 0, (int)NDERIVE);
    tcase_add_test(errors, test_scenario_bad_corpus_complete);
    tcase_add_test(errors, test_scenario_override_errors);
    tcase_add_test(errors, test_scenario_not_a_file);
    tcase_add_test(errors, test_scenario_skeleton_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
