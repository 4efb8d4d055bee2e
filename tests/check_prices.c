/*
 * check_prices.c - Epoch AI's hardware price database read as dated
 * observations per chip: the file's quirks (byte-order mark, a quoted note
 * with a comma and a newline, one row giving on-demand and committed
 * prices at once, a row with no date, a price that is not a number), the
 * grouping by chip in first-seen order, ids, a missing column, and each
 * chip's observations loaded back as a catalog file's "prices".
 */
#include "check_util.h"

#include <cjson/cJSON.h>

#include "gpucost/catalog.h"
#include "gpucost/prices.h"
#include "read/csv_read.h"

#define HEAD                                                                                       \
    "\xEF\xBB\xBFPrice source,Price date,Hardware model,Manufacturer,Vendor,Location,"             \
    "Price per chip-hour (on-demand),Price per chip-hour (1-year CUD),Price per chip-hour "        \
    "(3-year CUD),Price (hardware purchase),Notes,Cloud GPU description,Number of GPUs\n"

static const char *const csv =
    HEAD "https://a.example/1,2023-06-20,NVIDIA H100 SXM5 80GB,NVIDIA,Lambda Labs,,1.99,,,,,,1\n"
         "https://b.example/2,2024-09-01,Google TPU v4,Google,Google Cloud,us-central2,3.22,2.03,"
         "1.45,,\"on-demand, then\ncommitted\",,\n"
         "https://c.example/3,,NVIDIA H100 SXM5 80GB,NVIDIA,RunPod,,3.99,,,,,,1\n"
         "https://d.example/4,2023-05-29,NVIDIA H100 SXM5 80GB,NVIDIA,,,,,,\"33,750.00\",DGX,,8\n"
         "https://e.example/5,2024-01-01,NVIDIA H100 SXM5 80GB,NVIDIA,X,,abc,,,,,,1\n";

static const gpucost_prices_chip *chip(const gpucost_prices *p, const char *id)
{
    for (size_t i = 0; i < p->nchips; i++)
        if (strcmp(p->chips[i].id, id) == 0)
            return &p->chips[i];
    ck_abort_msg("no chip '%s'", id);
    return NULL;
}

/* The fragment's "prices" in a minimal catalog entry, loaded. */
static gpucost_catalog *as_entry(const gpucost_prices_chip *c)
{
    cJSON *frag = cJSON_Parse(c->json);
    ck_assert_ptr_nonnull(frag);
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "id", "x");
    cJSON_AddStringToObject(e, "name", "X");
    cJSON *pk = cJSON_AddObjectToObject(e, "peak_tflops");
    cJSON_AddNumberToObject(pk, "bf16", 1);
    cJSON_AddItemToObject(e, "prices", cJSON_DetachItemFromObject(frag, "prices"));
    char *text = cJSON_PrintUnformatted(e);
    gpucost_catalog *cat = NULL;
    ck_assert_ok(gpucost_catalog_parse("x.json", text, strlen(text), &cat, &e_));
    free(text);
    cJSON_Delete(e);
    cJSON_Delete(frag);
    return cat;
}

START_TEST(test_prices_core)
{
    gpucost_prices *p = NULL;
    ck_assert(gpucost_prices_sniff(csv, strlen(csv)));
    ck_assert_ok(gpucost_prices_parse("inline.csv", csv, strlen(csv), &p, &e_));
    ck_assert_uint_eq(p->nrows_read, 5);
    ck_assert_uint_eq(p->nchips, 2);
    ck_assert_uint_eq(p->nskipped, 2); /* no date (row 3), "abc" (row 5) */
    ck_assert_str_eq(p->skipped_rows, "3, 5");
    /* first seen first; the H100's two usable rows, in file order */
    ck_assert_str_eq(p->chips[0].id, "h100-sxm5-80gb");
    const gpucost_prices_chip *h = chip(p, "h100-sxm5-80gb");
    ck_assert_uint_eq(h->nobs, 2);
    gpucost_catalog *c = as_entry(h);
    const gpucost_hardware *x = gpucost_catalog_at(c, 0);
    ck_assert_uint_eq(x->nprices, 2);
    ck_assert_str_eq(x->prices[0].date, "2023-06-20");
    ck_assert_int_eq(x->prices[0].kind, GPUCOST_PRICE_ON_DEMAND);
    ck_assert_rel(x->prices[0].usd, 1.99, 1e-12);
    ck_assert_str_eq(x->prices[0].vendor, "Lambda Labs");
    ck_assert_int_eq(x->prices[1].kind, GPUCOST_PRICE_PURCHASE);
    ck_assert_rel(x->prices[1].usd, 33750, 1e-12); /* "33,750.00" */
    ck_assert_ptr_null(x->prices[1].vendor);
    gpucost_catalog_free(c);
    ck_assert_ptr_nonnull(strstr(h->json, "\"gpus\":\t8"));
    /* one row, three kinds; the note's newline squashed */
    const gpucost_prices_chip *t = chip(p, "tpu-v4");
    ck_assert_uint_eq(t->nobs, 3);
    c = as_entry(t);
    x = gpucost_catalog_at(c, 0);
    ck_assert_int_eq(x->prices[1].kind, GPUCOST_PRICE_1_YEAR);
    ck_assert_rel(x->prices[2].usd, 1.45, 1e-12);
    ck_assert_int_eq(x->prices[2].kind, GPUCOST_PRICE_3_YEAR);
    gpucost_catalog_free(c);
    ck_assert_ptr_nonnull(strstr(t->json, "Notes: on-demand, then committed"));
    ck_assert_ptr_nonnull(strstr(t->json, "row 2: 2024-09-01"));
    gpucost_prices_free(p);
}
END_TEST

START_TEST(test_prices_errors)
{
    static const char *const no_price = "Price source,Price date,Hardware model\nx,2024-01-01,A\n";
    gpucost_prices *p = NULL;
    gpucost_error e;
    ck_assert(!gpucost_prices_sniff(no_price, strlen(no_price)));
    ck_assert_int_eq(gpucost_prices_parse("x.csv", no_price, strlen(no_price), &p, &e),
                     GPUCOST_EINVAL);
    ck_assert_ptr_null(p);
    ck_assert_ptr_nonnull(strstr(e.message, "'Price per chip-hour (on-demand)'"));
    /* an observation a catalog file rejects, each naming its key */
    static const struct {
        const char *prices, *path, *msg;
    } bad[] = {
        {"[{\"date\": \"2024\", \"usd\": 1, \"kind\": \"on-demand\"}]", "prices[0].date",
         "expected YYYY-MM or YYYY-MM-DD, got \"2024\""},
        {"[{\"date\": \"2024-01\", \"usd\": 0, \"kind\": \"on-demand\"}]", "prices[0].usd",
         "expected a positive number, got 0"},
        {"[{\"date\": \"2024-01\", \"usd\": 1, \"kind\": \"spot\"}]", "prices[0].kind",
         "expected on-demand, 1-year, 3-year or purchase, got \"spot\""},
        {"[{\"date\": \"2024-01\", \"usd\": 1, \"kind\": \"purchase\", \"price\": 2}]",
         "prices[0].price", "unknown key 'price'"},
        {"{}", "prices", "expected an array of observations, got an object"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[400];
        snprintf(text, sizeof text,
                 "{\"id\": \"x\", \"name\": \"X\", \"peak_tflops\": {\"bf16\": 1}, \"prices\": %s}",
                 bad[i].prices);
        gpucost_catalog *c = NULL;
        ck_assert_int_eq(gpucost_catalog_parse("x.json", text, strlen(text), &c, &e),
                         GPUCOST_EINVAL);
        ck_assert_ptr_null(c);
        ck_assert_str_eq(e.path, bad[i].path);
        ck_assert_str_eq(e.message, bad[i].msg);
    }
    gpucost_prices_free(NULL);
}
END_TEST

/* The number cell every CSV reader shares (the price database, the
 * chip dataset, the record): what a spreadsheet writes is a number, and
 * anything else is told from an empty cell. */
START_TEST(test_csv_number_cells)
{
    static const struct {
        const char *cell;
        int want;
        double v;
    } cases[] = {
        {"24875.00", 1, 24875},
        {"$15,000.00", 1, 15000},
        {"$901068.66", 1, 901068.66},
        {" 1.5e12 ", 1, 1.5e12},
        {"-3", 1, -3},
        {"", 0, 0},
        {"   ", 0, 0},
        {"NaN", -1, 0},
        {"inf", -1, 0},
        {"+5", -1, 0},
        {"12abc", -1, 0},
        {"$", -1, 0},
        {"1e999", -1, 0},
        {"abc", -1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = 0;
        int got = gc_csv_number(cases[i].cell, &v);
        ck_assert_msg(got == cases[i].want, "'%s': %d, want %d", cases[i].cell, got, cases[i].want);
        if (got == 1)
            ck_assert_rel(v, cases[i].v, 1e-15);
    }
    gc_csv_row blank = {(char *[]){""}, 1, 1}, full = {(char *[]){"a"}, 1, 2};
    ck_assert(gc_csv_row_is_blank(&blank));
    ck_assert(!gc_csv_row_is_blank(&full));
}
END_TEST

static Suite *prices_suite(void)
{
    Suite *s = suite_create("prices");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_prices_core);
    tcase_add_test(core, test_csv_number_cells);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_prices_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(prices_suite());
}
