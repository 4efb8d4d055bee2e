/*
 * check_chips.c - Epoch AI's chip dataset read as catalog entries: the
 * file's quirks (byte-order mark, a quoted cell with a newline and
 * commas, a "$" price with a thousands separator, "NaN", two datasheet
 * links in one cell, a price-source cell naming another chip), the tensor
 * column's reading by type and date, a with-sparsity figure left out,
 * a tensor-core part's shader FP16 rate left out,
 * the datacenter estimate, ids, a missing column, and each entry parsed
 * back by the catalog loader.
 */
#include "check_util.h"

#include <cjson/cJSON.h>

#include "gpucost/catalog.h"
#include "gpucost/chips.h"

/* The required columns and the ones the rows below use. */
#define HEAD                                                                                       \
    "\xEF\xBB\xBFHardware name,Manufacturer,Type,Release date,Release price (USD),"                \
    "FP32 (single precision) performance (FLOP/s),FP16 (half precision) performance (FLOP/s),"     \
    "TF32 (TensorFloat-32) performance (FLOP/s),Tensor-FP16/BF16 performance (FLOP/s),"            \
    "INT8 performance (OP/s),Memory size per board (Byte),Link to datasheet,Source for the "       \
    "price,Max performance\n"

static const char *const csv =
    HEAD "NVIDIA A100,NVIDIA,GPU,2020-05-14,\"$15,000.00\",19500000000000,,156000000000000,"
         "312000000000000,624000000000000,40000000000,"
         "https://example.com/a100.pdf; https://example.com/tpu.html,\"see the GTX Titan X,\nnot "
         "this\",NaN\n"
         "NVIDIA Tesla V100 SXM2,NVIDIA,GPU,2017-05-10,,15700000000000,,,125000000000000,,,,,\n"
         "Google TPU v3,Google,TPU,2018-05-18,,,,,123000000000000,,32000000000,,,\n"
         "NVIDIA Sparse Part,NVIDIA,GPU,2023-01-01,,,,624000000000000,624000000000000,"
         "2496000000000000,,,,\n"
         "NVIDIA GeForce GTX 1080 Ti,NVIDIA,GPU,2017-03-10,$699.00,11340000000000,"
         "177200000000,,,,,,,\n"
         "Empty Part,Nobody,GPU,2020-01-01,,,,,,,,,,\n"
         "NVIDIA GeForce GTX 1080 Ti,NVIDIA,GPU,2017-03-10,,11340000000000,,,,,,,,\n";

static const char *json_of(const gpucost_chips *c, const char *id)
{
    for (size_t i = 0; i < c->nentries; i++)
        if (strcmp(c->entries[i].id, id) == 0)
            return c->entries[i].json;
    ck_abort_msg("no entry '%s'", id);
    return NULL;
}

/* The entry `id` as JSON, after checking that it loads as a catalog file. */
static cJSON *entry(const gpucost_chips *c, const char *id)
{
    const char *text = json_of(c, id);
    gpucost_catalog *cat = NULL;
    ck_assert_ok(gpucost_catalog_parse(id, text, strlen(text), &cat, &e_));
    gpucost_catalog_free(cat);
    return cJSON_Parse(text);
}

static double peak(const cJSON *e, const char *p)
{
    const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "peak_tflops"), p);
    return v ? v->valuedouble : 0;
}

START_TEST(test_chips_core)
{
    gpucost_chips *c = NULL;
    ck_assert(gpucost_chips_sniff(csv, strlen(csv)));
    ck_assert_ok(gpucost_chips_parse("inline.csv", csv, strlen(csv), &c, &e_));
    ck_assert_uint_eq(c->nrows_read, 7);
    ck_assert_uint_eq(c->nentries, 6); /* "Empty Part" has no peak */
    ck_assert_uint_eq(c->nskipped, 1);

    cJSON *a = entry(c, "a100");
    ck_assert_rel(peak(a, "bf16"), 312, 1e-12);
    ck_assert_rel(peak(a, "fp16"), 312, 1e-12);
    ck_assert_rel(peak(a, "tf32"), 156, 1e-12);
    ck_assert_rel(peak(a, "int8"), 624, 1e-12);
    ck_assert_rel(peak(a, "fp32"), 19.5, 1e-12);
    ck_assert_rel(cJSON_GetObjectItem(a, "price_usd")->valuedouble, 15000, 1e-12);
    ck_assert_rel(cJSON_GetObjectItem(a, "memory_gb")->valuedouble, 40, 1e-12);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(a, "datacenter")));
    ck_assert_str_eq(cJSON_GetObjectItem(a, "release_date")->valuestring, "2020-05-14");
    cJSON_Delete(a);
    /* both links of the cell, each a source; the price's source cell unused */
    const char *text = json_of(c, "a100");
    ck_assert_ptr_nonnull(strstr(text, "\"https://example.com/a100.pdf\""));
    ck_assert_ptr_nonnull(strstr(text, "\"https://example.com/tpu.html\""));
    ck_assert_ptr_null(strstr(text, "Titan"));
    ck_assert_ptr_nonnull(strstr(text, "Release price (USD): $15,000.00 (row 1)"));

    /* Volta: the tensor column is fp16 alone */
    cJSON *v = entry(c, "tesla-v100-sxm2");
    ck_assert_rel(peak(v, "fp16"), 125, 1e-12);
    ck_assert(peak(v, "bf16") == 0);
    cJSON_Delete(v);
    /* a TPU: bf16 alone */
    cJSON *t = entry(c, "tpu-v3");
    ck_assert_rel(peak(t, "bf16"), 123, 1e-12);
    ck_assert(peak(t, "fp16") == 0);
    cJSON_Delete(t);
    /* int8 at 4x and tf32 at 1x the tensor peak: with-sparsity, left out */
    cJSON *s = entry(c, "sparse-part");
    ck_assert(peak(s, "int8") == 0);
    ck_assert(peak(s, "tf32") == 0);
    ck_assert_rel(peak(s, "bf16"), 624, 1e-12);
    ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(s, "notes")->valuestring, "with-sparsity"));
    cJSON_Delete(s);
    /* no tensor figure: the plain FP16 column; a consumer card */
    cJSON *g = entry(c, "geforce-gtx-1080-ti");
    ck_assert_rel(peak(g, "fp16"), 0.1772, 1e-12);
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(g, "datacenter")));
    cJSON_Delete(g);
    /* the same name twice: a second id */
    cJSON_Delete(entry(c, "geforce-gtx-1080-ti-2"));
    gpucost_chips_free(c);
}
END_TEST

/* A part with tensor cores whose row gives only the plain FP16 column:
 * that is its shader rate (the RTX 3090's equals its FP32), not the peak
 * a run is measured against, so no fp16 peak; a part the row counts
 * tensor cores for, or an RTX card with the count blank, alike.  A part
 * without them (a GTX card, a count of 0) keeps the column. */
START_TEST(test_chips_shader_fp16_of_tensor_parts)
{
    static const char *const tc =
        "Hardware name,Manufacturer,Type,Release date,FP32 (single precision) performance "
        "(FLOP/s),FP16 (half precision) performance (FLOP/s),Tensor-FP16/BF16 performance "
        "(FLOP/s),Tensor cores\n"
        "NVIDIA A10 PCIe,NVIDIA,GPU,2021-04-12,31240000000000,31240000000000,,288\n"
        "NVIDIA GeForce RTX 3090,NVIDIA,GPU,2020-09-01,35580000000000,35580000000000,,\n"
        "NVIDIA GeForce GTX 1660,NVIDIA,GPU,2019-03-14,5027000000000,10050000000000,,0\n";
    gpucost_chips *c = NULL;
    ck_assert_ok(gpucost_chips_parse("tc.csv", tc, strlen(tc), &c, &e_));
    ck_assert_uint_eq(c->nentries, 3);
    const char *const shader[] = {"a10-pcie", "geforce-rtx-3090"};
    for (size_t i = 0; i < 2; i++) {
        cJSON *e = entry(c, shader[i]);
        ck_assert_msg(peak(e, "fp16") == 0, "%s kept its shader FP16 rate", shader[i]);
        ck_assert(peak(e, "fp32") > 30);
        /* and no tensor peak at all: its TPP is a floor */
        ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(e, "tensor_peaks_missing")));
        ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(e, "notes")->valuestring,
                                     "shader rate of a part with tensor cores"));
        cJSON_Delete(e);
    }
    cJSON *g = entry(c, "geforce-gtx-1660");
    ck_assert_rel(peak(g, "fp16"), 10.05, 1e-12);
    ck_assert_ptr_null(cJSON_GetObjectItem(g, "tensor_peaks_missing"));
    cJSON_Delete(g);
    gpucost_chips_free(c);
}
END_TEST

START_TEST(test_chips_errors)
{
    static const char *const no_tensor = "Hardware name,Manufacturer,Type,Release date,"
                                         "FP32 (single precision) performance (FLOP/s)\nX,Y,GPU,"
                                         "2020-01-01,1\n";
    gpucost_chips *c = NULL;
    gpucost_error e;
    ck_assert(!gpucost_chips_sniff(no_tensor, strlen(no_tensor)));
    ck_assert_int_eq(gpucost_chips_parse("x.csv", no_tensor, strlen(no_tensor), &c, &e),
                     GPUCOST_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(e.line, 1);
    ck_assert_ptr_nonnull(strstr(e.message, "'Tensor-FP16/BF16 performance (FLOP/s)'"));
    /* a cell that is not a number: left out and noted, the row kept */
    static const char *const bad = HEAD "Odd,Odd Co,GPU,2021-01-01,,abc,,,1e12,,,,,\n";
    ck_assert_ok(gpucost_chips_parse("bad.csv", bad, strlen(bad), &c, &e_));
    ck_assert_uint_eq(c->nentries, 1);
    ck_assert_ptr_nonnull(strstr(c->entries[0].json, "is not a number (abc)"));
    ck_assert_ptr_null(strstr(c->entries[0].json, "\"fp32\""));
    gpucost_chips_free(c);
    /* an open quote */
    static const char *const open = HEAD "\"Odd,Odd Co,GPU\n";
    c = NULL;
    ck_assert_int_eq(gpucost_chips_parse("open.csv", open, strlen(open), &c, &e), GPUCOST_ESYNTAX);
    ck_assert_ptr_null(c);
    gpucost_chips_free(NULL);
}
END_TEST

static Suite *chips_suite(void)
{
    Suite *s = suite_create("chips");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_chips_core);
    tcase_add_test(core, test_chips_shader_fp16_of_tensor_parts);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_chips_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(chips_suite());
}
