/*
 * check_locale.c - the library's numbers under a host locale whose decimal
 * separator is ',' (c_locale.h): a C program that called
 * setlocale(LC_ALL, "de_DE.UTF-8") and then the lower-level API directly
 * (not gpucost_call) reads "2.5" as 2.5 and gets the same bytes as under
 * "C" from every renderer: run, compare, check, range, CSV, SVG.
 */
#include "check_util.h"

#include <regex.h>

#include "gpucost/chart.h"
#include "gpucost/claims.h"
#include "gpucost/number.h"
#include "gpucost/output.h"
#include "gpucost/range.h"
#include "gpucost/whatif.h"

/* 2.5 $/GPU-hour and an uncertain utilisation, so every renderer has a
 * decimal to write and range has a distribution to sample. */
static const char SCENARIO[] =
    "{\"id\": \"de\", \"title\": \"at 2.5 $/GPU-hour\", \"kind\": \"training\", \"inputs\": "
    "{\"hardware\": \"h800\", \"precision\": \"fp8\", \"gpus\": 2048, \"price_per_gpu_hour\": 2.5, "
    "\"mfu\": {\"low\": 0.3, \"high\": 0.45}, \"params_active\": 37e9, \"tokens\": 14.8e12}, "
    "\"claims\": [{\"quantity\": \"price_per_gpu_hour\", \"value\": 2.5, \"tolerance\": 0.001, "
    "\"source\": \"a test\"}, {\"quantity\": \"wall_days\", \"max\": 60.5, \"source\": \"a "
    "test\"}]}";

/* Everything the test renders, one output after another, each headed by
 * what it is so a difference is easy to place. */
static char *render_all(void)
{
    gpucost_buf b;
    gpucost_buf_init(&b);
    /* the catalog, its defaults and rules, and a scenario, read here */
    gpucost_catalog *cat = test_catalog();
    gpucost_scenario *s[2] = {test_parse(SCENARIO), test_scenario("llama3-405b")};
    ck_assert_rel(gpucost_dist_median(&s[0]->inputs[GPUCOST_Q_PRICE_PER_GPU_HOUR].dist), 2.5,
                  1e-15);

    double v = 0;
    ck_assert_int_eq(gpucost_number_parse("2.5", &v), 0);
    ck_assert_rel(v, 2.5, 1e-15);
    ck_assert_int_eq(gpucost_number_parse("2.8M", &v), 0);
    ck_assert_rel(v, 2.8e6, 1e-15);
    gpucost_override o;
    ck_assert_ok(gpucost_whatif_parse_set("price_per_gpu_hour=2.5", &o, &e_));
    ck_assert_rel(o.value, 2.5, 1e-15);

    char num[64];
    const gpucost_numstyle styles[] = {GPUCOST_NUM_SI,      GPUCOST_NUM_USD,   GPUCOST_NUM_SCI,
                                       GPUCOST_NUM_PERCENT, GPUCOST_NUM_COUNT, GPUCOST_NUM_YEAR};
    gpucost_buf_puts(&b, "== numbers\n");
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        gpucost_buf_printf(&b, "%s %s\n", gpucost_number_format(56.72, styles[i], num, sizeof num),
                           gpucost_number_format_exact(0.385, num, sizeof num));

    gpucost_derivation d[2];
    gpucost_result r[2];
    memset(r, 0, sizeof r);
    for (int i = 0; i < 2; i++) {
        ck_assert_ok(gpucost_derive(s[i], cat, NULL, &d[i], &e_));
        r[i].scenario = s[i];
        r[i].derivation = &d[i];
    }
    gpucost_selection all = {NULL, 0};
    const gpucost_format fmts[] = {GPUCOST_FMT_TABLE, GPUCOST_FMT_MD, GPUCOST_FMT_CSV,
                                   GPUCOST_FMT_JSON};
    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        gpucost_buf_printf(&b, "== run %s\n", gpucost_format_name(fmts[f]));
        ck_assert_ok(gpucost_output_run(r, 2, all, fmts[f], &b, &e_));
        gpucost_buf_printf(&b, "== compare %s\n", gpucost_format_name(fmts[f]));
        ck_assert_ok(gpucost_output_compare(r, 2, 0, all, NULL, fmts[f], &b, &e_));
    }

    gpucost_claim_result cr[16];
    size_t n = 0;
    for (int i = 0; i < 2; i++) {
        ck_assert_uint_le(n + s[i]->nclaims, 16);
        ck_assert_ok(gpucost_claims_check(s[i], cat, cr + n, &e_));
        n += s[i]->nclaims;
    }
    const gpucost_format checks[] = {GPUCOST_FMT_TABLE, GPUCOST_FMT_CSV, GPUCOST_FMT_JSON,
                                     GPUCOST_FMT_JUNIT, GPUCOST_FMT_TAP};
    for (size_t f = 0; f < sizeof checks / sizeof checks[0]; f++) {
        gpucost_buf_printf(&b, "== check %s\n", gpucost_format_name(checks[f]));
        ck_assert_ok(gpucost_output_check(cr, n, NULL, checks[f], &b, &e_));
    }

    gpucost_bar bars[2] = {{"de", d[0].value[GPUCOST_Q_COST_USD]},
                           {"llama", d[1].value[GPUCOST_Q_COST_USD]}};
    gpucost_buf_puts(&b, "== bars svg\n");
    ck_assert_ok(gpucost_chart_bars("cost at 2.5", GPUCOST_Q_COST_USD, bars, 2, 1, &b, &e_));

    static gpucost_range_result rr; /* large: off the stack */
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 2000;
    opt.seed = 7;
    ck_assert_ok(gpucost_range_run(&d[0], &opt, &rr, &e_));
    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        gpucost_buf_printf(&b, "== range %s\n", gpucost_format_name(fmts[f]));
        ck_assert_ok(gpucost_output_range(s[0], &rr, all, NULL, fmts[f], &b, &e_));
    }
    gpucost_buf_puts(&b, "== histogram svg\n");
    ck_assert_ok(gpucost_output_range_chart(s[0], &rr, GPUCOST_CHART_HISTOGRAM, &b, &e_));
    gpucost_buf_puts(&b, "== tornado svg\n");
    ck_assert_ok(gpucost_output_range_chart(s[0], &rr, GPUCOST_CHART_TORNADO, &b, &e_));

    ck_assert(!b.failed);
    char *text = strdup(gpucost_buf_str(&b));
    ck_assert_ptr_nonnull(text);
    gpucost_buf_release(&b);
    for (int i = 0; i < 2; i++)
        gpucost_scenario_free(s[i]);
    gpucost_catalog_free(cat);
    return text;
}

/* The first decimal comma in `text` that is not a CSV separator or a
 * thousands separator ("2,048"): in an SVG attribute ("210,5"), a quoted
 * cell ("56,72"), or a value before its unit ("56,7 d", "17,3%"). */
static const char *decimal_comma(const char *text)
{
    regex_t re;
    ck_assert_int_eq(
        regcomp(&re, "=\"[-0-9.]*[0-9],[0-9]|\"[-+]?[0-9]+,[0-9]+\"|[0-9],[0-9]{1,2}[ %a-zA-Z]",
                REG_EXTENDED),
        0);
    regmatch_t m;
    const char *at = regexec(&re, text, 1, &m, 0) == 0 ? text + m.rm_so : NULL;
    regfree(&re);
    return at;
}

START_TEST(test_locale_direct_api_same_bytes)
{
    locale_t de = test_german_locale();
    if (de == (locale_t)0) {
        fprintf(stderr,
                "check_locale: no de_DE.UTF-8 locale and no localedef: locale test skipped\n");
        return;
    }
    freelocale(de);
    char *c = render_all();
    const char *bad = decimal_comma(c);
    ck_assert_msg(bad == NULL, "a decimal comma under C: ...%.60s", bad);
    ck_assert_ptr_nonnull(strstr(c, "2.5"));

    /* as a C program would: the whole process in de_DE */
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "de_DE.UTF-8"));
    char two[8];
    snprintf(two, sizeof two, "%.1f", 2.5);
    ck_assert_str_eq(two, "2,5"); /* the host's locale is in force */
    char *d = render_all();
    ck_assert_str_eq(setlocale(LC_NUMERIC, NULL), "de_DE.UTF-8"); /* and left as it was */
    snprintf(two, sizeof two, "%.1f", 2.5);
    ck_assert_str_eq(two, "2,5");
    setlocale(LC_ALL, "C");

    bad = decimal_comma(d);
    ck_assert_msg(bad == NULL, "a decimal comma under de_DE: ...%.60s", bad);
    if (strcmp(c, d) != 0) {
        size_t i = 0;
        while (c[i] == d[i])
            i++;
        size_t from = i > 200 ? i - 200 : 0;
        ck_abort_msg("de_DE differs from C at byte %zu:\n%.300s\nvs C:\n%.300s", i, d + from,
                     c + from);
    }
    free(c);
    free(d);
}
END_TEST

/* The regex above finds what it is for. */
START_TEST(test_locale_decimal_comma_found)
{
    ck_assert_ptr_nonnull(decimal_comma("<text x=\"210,5\" y=\"3\">"));
    ck_assert_ptr_nonnull(decimal_comma("cost 56,7 d\n"));
    ck_assert_ptr_nonnull(decimal_comma("x,\"56,72119\",y"));
    ck_assert_ptr_nonnull(decimal_comma("| 17,3% |"));
    ck_assert_ptr_null(decimal_comma("2,048 GPUs, $5.58M\n"));
    ck_assert_ptr_null(decimal_comma("a,b,2.5,3\n"));
}
END_TEST

static Suite *locale_suite(void)
{
    Suite *s = suite_create("locale");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 60);
    tcase_add_test(core, test_locale_direct_api_same_bytes);
    tcase_add_test(core, test_locale_decimal_comma_found);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(locale_suite());
}
