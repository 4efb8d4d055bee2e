/*
 * check_report_record.c - the record's audit page (report_record.c) from
 * a four-row CSV with the record's header: one claim far off, one off by
 * two, one that holds, one row with nothing to test.  The worst
 * disagreement comes first with its ratio, the counts are the record's,
 * each row carries its facet classes and each facet value has a radio
 * and a CSS rule, text from the data is escaped, and no script or
 * external load.  (tests/report/record.sh renders the full record's page
 * in Chromium.)
 */
#include "check_util.h"

#include "gpucost/buf.h"
#include "gpucost/claims.h"
#include "gpucost/record.h"
#include "gpucost/report.h"
#include "gpucost/units.h"

/* The header of models/record/All ML Systems - full view.csv, then the
 * rows. */
static const char csv[] =
    "Model,Domain,Task,Organization,Authors,Publication date,Reference,Link,Citations"
    ",Notability criteria,Notability criteria notes,Parameters,Parameters notes"
    ",Training compute (FLOP),Training compute notes,Training dataset"
    ",Training dataset notes,Training dataset size (datapoints),Dataset size notes"
    ",Training time (hours),Training time notes,Training hardware,Approach,Confidence"
    ",Abstract,Epochs,Benchmark data,Model accessibility,Country (of organization)"
    ",Base model,Finetune compute (FLOP),Finetune compute notes,Hardware quantity"
    ",Hardware utilization (MFU),Last modified,Training cloud compute vendor"
    ",Training data center,Archived links,Batch size,Batch size notes"
    ",Organization categorization,Foundation model,Training compute lower bound"
    ",Training compute upper bound,Training chip-hours,Training code accessibility"
    ",Accessibility notes,Organization categorization (from Organization)"
    ",Training compute cost (2023 USD),Utilization notes,Numerical format"
    ",Training power draw (W),Training compute estimation method"
    ",Hugging Face developer id,Post-training compute (FLOP)"
    ",Post-training compute notes,Compute rank when published\n"
    "Big <Claim>,Language,,Lab A,,2023-05-01,,,,,,1000000000,,6e21,a note & "
    "more,,,10000000000,,,,,,Confident,,,,,,,,,,,,,,,,,,,,,,,,,,,,,Operation counting,,,,\n"
    "Half,Language,,Lab B,,2019-02-01,,,,,,1000000000,,3e19,half "
    "note,,,10000000000,,,,,,Confident,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\"Reported,Operation "
    "counting\",,,,\n"
    "Right,Language,,Lab "
    "C,,2021-02-01,,,,,,1000000000,,6e19,,,,10000000000,,,,,,Confident,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
    "Operation counting,,,,\n"
    "Nothing,Language,,,,2020-01-01,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n";

static size_t count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(text, what); p != NULL; p = strstr(p + 1, what))
        n++;
    return n;
}

/* The rows of `rec` parsed, derived and checked, as report items. */
typedef struct fixture {
    gpucost_catalog *cat;
    gpucost_record *rec;
    gpucost_scenario *s[8];
    gpucost_derivation d[8];
    gpucost_claim_result claims[8][8];
    gpucost_report_item items[8];
    size_t n;
} fixture;

static void fixture_load(fixture *f)
{
    memset(f, 0, sizeof *f);
    f->cat = test_catalog();
    ck_assert_ok(gpucost_record_parse("audit.csv", csv, strlen(csv), f->cat, &f->rec, &e_));
    ck_assert_uint_le(f->rec->nrows, 8);
    for (size_t i = 0; i < f->rec->nrows; i++) {
        const char *json = f->rec->rows[i].json;
        ck_assert_ok(gpucost_scenario_parse("audit.csv", json, strlen(json), &f->s[i], &e_));
        ck_assert_ok(gpucost_derive(f->s[i], f->cat, NULL, &f->d[i], &e_));
        ck_assert_uint_le(f->s[i]->nclaims + gpucost_claims_conflict_count(f->s[i], &f->d[i]), 8);
        ck_assert_ok(gpucost_claims_check(f->s[i], f->cat, f->claims[i], &e_));
        size_t nc = f->s[i]->nclaims;
        nc += gpucost_claims_conflicts(f->s[i], &f->d[i], f->claims[i] + nc);
        f->items[i] = (gpucost_report_item){
            .scenario = f->s[i], .derivation = &f->d[i], .claims = f->claims[i], .nclaims = nc};
    }
    f->n = f->rec->nrows;
}

static void fixture_release(fixture *f)
{
    for (size_t i = 0; i < f->n; i++)
        gpucost_scenario_free(f->s[i]);
    gpucost_record_free(f->rec);
    gpucost_catalog_free(f->cat);
}

START_TEST(test_record_page)
{
    fixture f;
    fixture_load(&f);
    ck_assert_uint_eq(f.rec->nrows_read, 4);
    ck_assert_uint_eq(f.n, 3);
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_report_record_html(f.items, f.n, &f.rec->units, f.rec->nrows_read, "test",
                                            &b, &e_));
    const char *html = gpucost_buf_str(&b);
    ck_assert(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    ck_assert_uint_eq(count(html, "<script"), 0);
    ck_assert_uint_eq(count(html, "src="), 0);
    ck_assert_uint_eq(count(html, "url("), 0);
    /* the counts */
    ck_assert_ptr_nonnull(strstr(html, "<b>4</b>rows read"));
    ck_assert_ptr_nonnull(strstr(html, "<b>3</b>became scenarios"));
    ck_assert_ptr_nonnull(strstr(html, "<b class=\"pass\">1</b>claims pass"));
    ck_assert_ptr_nonnull(strstr(html, "<b class=\"fail\">2</b>claims fail"));
    ck_assert_ptr_nonnull(strstr(html, "<b>1</b>rows not testable"));
    ck_assert_ptr_nonnull(strstr(html, "<b>0</b>bad rows"));
    ck_assert_ptr_nonnull(strstr(html, "<table class=\"reasons\">"));
    /* two rows disagree, the hundredfold one first, escaped */
    const char *table = strstr(html, "id=\"audit-table\"");
    ck_assert_ptr_nonnull(table);
    ck_assert_uint_eq(count(table, "<tr class=\"row "), 2);
    const char *big = strstr(table, "<b>Big &lt;Claim&gt;</b>");
    const char *half = strstr(table, "<b>Half</b>");
    ck_assert_ptr_nonnull(big);
    ck_assert_ptr_nonnull(half);
    ck_assert(big < half);
    ck_assert_ptr_null(strstr(table, "<b>Right</b>"));
    ck_assert_ptr_nonnull(strstr(big, "class=\"num ratio\">x0.01</td>"));
    ck_assert_ptr_nonnull(strstr(half, "class=\"num ratio\">2x</td>"));
    ck_assert_ptr_nonnull(strstr(big, "a note &amp; more"));
    ck_assert_ptr_nonnull(strstr(big, "row 1, 2023"));
    ck_assert_ptr_nonnull(strstr(half, "row 2, 2019"));
    /* facets: classes on the rows (a method list under each method) */
    ck_assert_ptr_nonnull(strstr(table, "<tr class=\"row dom-language year-2023 "
                                        "meth-operation-counting\">"));
    ck_assert_ptr_nonnull(strstr(table, "<tr class=\"row dom-language year-2019 "
                                        "meth-reported meth-operation-counting\">"));
    /* a radio and a rule per value, an "all" radio checked per facet */
    ck_assert_uint_eq(count(html, "type=\"radio\""), 3 + 1 + 2 + 2);
    ck_assert_uint_eq(count(html, "\" checked>"), 3);
    ck_assert_ptr_nonnull(strstr(html, "id=\"dom-all\" checked>"));
    ck_assert_ptr_nonnull(strstr(html, "id=\"year-2019\""));
    ck_assert_ptr_nonnull(strstr(html, "<label for=\"meth-reported\">Reported <span>1</span>"));
    ck_assert_ptr_nonnull(strstr(html, "<label for=\"meth-operation-counting\">Operation "
                                       "counting <span>2</span>"));
    ck_assert_ptr_nonnull(
        strstr(html, "#meth-reported:checked~.audit tr.row:not(.meth-reported){display:none}"));
    ck_assert_ptr_nonnull(
        strstr(html, "#year-2023:checked~.audit tr.row:not(.year-2023){display:none}"));
    /* the radios come before the filters and the table they hide */
    ck_assert(strstr(html, "id=\"dom-all\"") < strstr(html, "class=\"filters\""));
    ck_assert(strstr(html, "class=\"filters\"") < strstr(html, "class=\"audit\""));
    ck_assert_uint_eq(count(html, ">nan") + count(html, "NaN") + count(html, ">inf"), 0);
    gpucost_buf_release(&b);
    fixture_release(&f);
}
END_TEST

/* Reasons group by their first clause, 'names' left out. */
START_TEST(test_record_reasons)
{
    gpucost_units u;
    gpucost_units_init(&u);
    ck_assert_ok(gpucost_units_add_untestable(&u, "a.csv", 1, 2, "a", "A", "",
                                              "'Google TPU v2' is not in the hardware catalog; "
                                              "no Parameters",
                                              &e_));
    ck_assert_ok(gpucost_units_add_untestable(&u, "a.csv", 2, 3, "b", "B", NULL,
                                              "nothing to compare: 'NVIDIA P100' is not in the "
                                              "hardware catalog",
                                              &e_));
    ck_assert_ok(
        gpucost_units_add_untestable(&u, "a.csv", 3, 4, "c", "C", "", "no Parameters", &e_));
    ck_assert_ok(gpucost_units_add_untestable(&u, "a.csv", 4, 5, "d", "D",
                                              "Finetune compute (FLOP)", "is 1: too small", &e_));
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_report_record_html(NULL, 0, &u, 4, "test", &b, &e_));
    const char *html = gpucost_buf_str(&b);
    ck_assert_ptr_nonnull(strstr(html, "<tr><td>\xe2\x80\xa6 is not in the hardware catalog</td>"
                                       "<td class=\"num\">2</td></tr>"));
    ck_assert_ptr_nonnull(strstr(html, "<tr><td>no Parameters</td><td class=\"num\">1</td></tr>"));
    ck_assert_ptr_nonnull(strstr(html, "<b>3</b>rows not testable"));
    ck_assert_ptr_nonnull(
        strstr(html, "<tr><td>Finetune compute (FLOP)</td><td class=\"num\">1</td></tr>"));
    ck_assert_ptr_nonnull(strstr(html, "id=\"audit-table\""));
    ck_assert_uint_eq(count(html, "<tr class=\"row "), 0);
    gpucost_buf_release(&b);
    gpucost_units_release(&u);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report_record");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_record_page);
    tcase_add_test(core, test_record_reasons);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
