/*
 * check_report.c - the HTML page: one scenario with claims and a range,
 * composed with a reconciled case.  The page is self-contained (no
 * script, no external load), escapes text from data, has one claims row
 * per claim and conflict case, a reconcile section with its verdict when
 * a case is given, and no NaN.  (tests/report/run.sh renders the whole
 * page in Chromium.)
 */
#include "check_util.h"

#include "gpucost/claims.h"
#include "gpucost/range.h"
#include "gpucost/reconcile.h"
#include "gpucost/report.h"

static size_t count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(text, what); p != NULL; p = strstr(p + 1, what))
        n++;
    return n;
}

START_TEST(test_report_page)
{
    gpucost_catalog *cat = test_catalog();
    gpucost_scenario *s = test_scenario("deepseek-v3-50k-h100");
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, cat, NULL, &d, &e_));
    gpucost_claim_result claims[8];
    ck_assert_ok(gpucost_claims_check(s, cat, claims, &e_));
    size_t ncases = s->nclaims + gpucost_claims_conflicts(s, &d, claims + s->nclaims);
    static gpucost_range_result range;
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 2000;
    ck_assert_ok(gpucost_range_run(&d, &opt, &range, &e_));
    gpucost_scenario *c = test_model("cases", "deepseek-50k-training");
    gpucost_reconcile_result *rec = NULL;
    const gpucost_scenario *files[1] = {c};
    ck_assert_ok(gpucost_reconcile(files, 1, cat, NULL, &rec, &e_));

    gpucost_report_item item = {
        .scenario = s, .derivation = &d, .claims = claims, .nclaims = ncases, .range = &range};
    gpucost_report_case rc = {"a <case>", rec};
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_report_html(&item, 1, &rc, 1, -1, NULL, NULL, "test", &b, &e_));
    const char *html = gpucost_buf_str(&b);
    ck_assert(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    ck_assert_uint_eq(count(html, "<script"), 0);
    ck_assert_uint_eq(count(html, "src="), 0);
    /* one status cell per case in the claims table */
    const char *ctab = strstr(html, "id=\"claims-table\"");
    ck_assert_ptr_nonnull(ctab);
    ck_assert_uint_eq(count(ctab, "<td class=\"status ") -
                          count(strstr(ctab, "</table>"), "<td class=\"status "),
                      ncases);
    ck_assert_ptr_nonnull(strstr(html, "id=\"reconcile\""));
    ck_assert_ptr_nonnull(strstr(html, "class=\"verdict inconsistent\">inconsistent: chi2"));
    ck_assert_uint_eq(count(html, "class=\"status fail outlier\""), 1);
    /* text from data and names is escaped */
    ck_assert_ptr_nonnull(strstr(html, "a &lt;case&gt;"));
    ck_assert_ptr_null(strstr(html, "a <case>"));
    ck_assert_ptr_null(strstr(html, "nan"));
    ck_assert(count(html, "<svg") >= 3); /* cost bars, histogram, tornado */
    gpucost_buf_release(&b);
    /* without cases: no reconcile section, and no link to one; without
     * rules no export section */
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_report_html(&item, 1, NULL, 0, 0, NULL, NULL, "test", &b, &e_));
    ck_assert_ptr_null(strstr(gpucost_buf_str(&b), "reconcile"));
    ck_assert_ptr_null(strstr(gpucost_buf_str(&b), "id=\"export\""));
    gpucost_buf_release(&b);
    /* with rules: the scenario's H100 at each rule's date, controlled from
     * the first (TPP 15,832 and 900 GB/s), its margin in the title */
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_report_html(&item, 1, NULL, 0, 0, gpucost_catalog_rules(cat), NULL, "test",
                                     &b, &e_));
    const char *start = strstr(gpucost_buf_str(&b), "<section id=\"export\">");
    ck_assert_ptr_nonnull(start);
    static char ex[8192];
    size_t len = (size_t)(strstr(start, "</section>") - start);
    ck_assert_uint_lt(len, sizeof ex);
    memcpy(ex, start, len);
    ex[len] = '\0';
    ck_assert_ptr_nonnull(strstr(gpucost_buf_str(&b), "href=\"#export\""));
    ck_assert_uint_eq(count(ex, "<tr>"), 2);
    ck_assert_uint_eq(count(ex, "<td class=\"export licence\""),
                      gpucost_rules_count(gpucost_catalog_rules(cat)));
    ck_assert_ptr_nonnull(strstr(ex, "title=\"3A090 (2022): TPP 15,832 &gt;= 4,800"));
    /* the review policy under the status: denial from 2023, case-by-case
     * from 91 FR 1684 */
    ck_assert_ptr_nonnull(strstr(ex, "<span class=\"note\">presumption of denial</span>"));
    ck_assert_ptr_nonnull(strstr(ex, "<span class=\"note\">case-by-case</span>"));
    ck_assert_ptr_nonnull(strstr(ex, "US export status for China"));
    gpucost_buf_release(&b);
    /* for D:5: the 2022 letter and rule do not cover the whole group, the
     * 2023 rule does; 91 FR 1684 is China's and Macau's only */
    gpucost_destination d5;
    ck_assert_ok(gpucost_rules_destination(gpucost_catalog_rules(cat), "D:5", &d5, &e_));
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_report_html(&item, 1, NULL, 0, 0, gpucost_catalog_rules(cat), &d5, "test",
                                     &b, &e_));
    start = strstr(gpucost_buf_str(&b), "<section id=\"export\">");
    ck_assert_ptr_nonnull(start);
    ck_assert_ptr_nonnull(strstr(start, "US export status for Country Group D:5"));
    ck_assert_ptr_null(strstr(start, "case-by-case"));
    ck_assert_uint_lt(count(start, "<td class=\"export licence\""),
                      gpucost_rules_count(gpucost_catalog_rules(cat)));
    ck_assert_uint_gt(count(start, "<td class=\"export licence\""), 0);
    gpucost_buf_release(&b);
    gpucost_reconcile_free(rec);
    gpucost_scenario_free(c);
    gpucost_scenario_free(s);
    gpucost_catalog_free(cat);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_report_page);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
