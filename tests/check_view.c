/*
 * check_view.c - documents and their renderers (view.h, view_data.c,
 * format.c, render_text.c, render_html.c, render_json.c, render_junit.c,
 * render_tap.c) and the failure-tracking JSON writer the file writers
 * keep (json_out.h): the data tree as JSON (typed leaves, null for an
 * unknown or non-finite number), a table row that is also a record, check
 * cases as JUnit and TAP, the format table and its error, a document that
 * keeps only the parts its format reads, every allocation failure of a
 * document rendering as a failed, empty buffer;
 * aligned text, Markdown escaping (pipes, asterisks, a leading plus) and
 * block spacing, CSV quoting and full precision, columns and tables meant
 * for one audience only, HTML escaping, classes, links and header breaks,
 * and an out-of-memory view or document that renders nothing.
 */
#include "check_util.h"

#include <stdlib.h>

#include "base/json_out.h"
#include "gpucost/alloc.h"
#include "gpucost/claims.h"
#include "render/view.h"

static const char *render(gc_view *v, gpucost_format f, gpucost_buf *b)
{
    gpucost_buf_init(b);
    gc_view_render(v, f, b);
    return gpucost_buf_str(b);
}

/* A two-column table: name, value (right-aligned), and a CSV-only column. */
static void sample(gc_view *v)
{
    gc_view_init(v);
    gc_vtable *t = gc_view_table(v, 3, 0);
    gc_view_head(t, 0, "name", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 1, "value", NULL, 1, GC_FOR_ALL);
    gc_view_head(t, 2, "value_exact", NULL, 0, GC_FOR_CSV);
    gc_view_row(t);
    gc_view_cell(t, "a|b");
    gc_view_cell2(t, "2.05k*", "2048");
    gc_view_cell(t, "2048");
    gc_view_row(t);
    gc_view_cell(t, "say \"x\", y");
    gc_view_cellf(t, "%d", 5);
    gc_view_cell(t, "5");
}

START_TEST(test_view_table_renderings)
{
    gc_view v;
    sample(&v);
    gpucost_buf b;
    ck_assert_str_eq(render(&v, GPUCOST_FMT_TABLE, &b),
                     "name         value\na|b         2.05k*\nsay \"x\", y       5\n");
    gpucost_buf_release(&b);
    /* Markdown escapes the pipe and the asterisk (emphasis) */
    ck_assert_str_eq(render(&v, GPUCOST_FMT_MD, &b),
                     "| name | value |\n|---|---:|\n| a\\|b | 2.05k\\* |\n| say \"x\", y | 5 |\n");
    gpucost_buf_release(&b);
    /* CSV: the exact text, the CSV-only column, quoting */
    ck_assert_str_eq(render(&v, GPUCOST_FMT_CSV, &b),
                     "name,value,value_exact\na|b,2048,2048\n\"say \"\"x\"\", y\",5,5\n");
    gpucost_buf_release(&b);
    gc_view_release(&v);
}
END_TEST

/* CSV cells a spreadsheet would run as formulas get a leading "'"
 * (OWASP); numbers, signed or not, and the "-" for none stay as they are;
 * a long text is written whole. */
START_TEST(test_view_csv_formulas_neutralised)
{
    static const char *const cells[][2] = {
        {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
        {"-2+3", "'-2+3"},
        {"@SUM(A1:A2)", "'@SUM(A1:A2)"},
        {"\tx", "'\tx"},
        {"\rx", "\"'\rx\""},
        {"=1,2", "\"'=1,2\""},
        {"-5.2", "-5.2"},
        {"+7", "+7"},
        {"-.5e-3", "-.5e-3"},
        {"1.5E+06", "1.5E+06"},
        {"-", "-"},
        {"-inf", "'-inf"},
        {"-5.2x", "'-5.2x"},
        {"--5", "'--5"},
        {"-1e", "'-1e"},
        {"a=b", "a=b"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        gc_view v;
        gc_view_init(&v);
        gc_vtable *t = gc_view_table(&v, 2, 0);
        gc_view_head(t, 0, "text", NULL, 0, GC_FOR_ALL);
        gc_view_head(t, 1, "value", NULL, 1, GC_FOR_ALL);
        gc_view_row(t);
        gc_view_cell(t, cells[i][0]);
        gc_view_cell_num(t, "-5.20", -5.2, NULL);
        gpucost_buf b;
        char want[128];
        snprintf(want, sizeof want, "text,value\n%s,-5.2\n", cells[i][1]);
        ck_assert_str_eq(render(&v, GPUCOST_FMT_CSV, &b), want);
        gpucost_buf_release(&b);
        gc_view_release(&v);
    }
    /* a cell of 5,000 bytes, formatted into the view, is not cut */
    char big[5001];
    memset(big, 'x', 5000);
    big[5000] = '\0';
    gc_view v;
    gc_view_init(&v);
    gc_vtable *t = gc_view_table(&v, 1, 0);
    gc_view_head(t, 0, "source", NULL, 0, GC_FOR_ALL);
    gc_view_row(t);
    gc_view_cellf(t, "%s!", big);
    gpucost_buf b;
    ck_assert_uint_eq(strlen(render(&v, GPUCOST_FMT_CSV, &b)), strlen("source\n") + 5002);
    gpucost_buf_release(&b);
    gc_view_release(&v);
}
END_TEST

START_TEST(test_view_blocks_text_and_md)
{
    gc_view v;
    gc_view_init(&v);
    gc_view_title(&v, "%s: %s", "id", "a title");
    gc_view_line(&v, 2, "a line");
    gc_view_gap(&v);
    gc_view_item(&v, 2, NULL, "conflict", "one");
    gc_view_item(&v, 2, NULL, "note", "two");
    gc_view_line(&v, 0, "+ a default");
    gc_vtable *people = gc_view_table(&v, 1, 2);
    gc_view_table_for(people, GC_FOR_PEOPLE);
    gc_view_head(people, 0, "p", NULL, 0, GC_FOR_ALL);
    gc_vtable *machines = gc_view_table(&v, 1, 0);
    gc_view_table_for(machines, GC_FOR_CSV);
    gc_view_head(machines, 0, "m", NULL, 0, GC_FOR_ALL);
    gpucost_buf b;
    ck_assert_str_eq(render(&v, GPUCOST_FMT_TABLE, &b),
                     "id: a title\n  a line\n\n  conflict: one\n  note: two\n+ a default\n  p\n");
    gpucost_buf_release(&b);
    /* one blank line between blocks, none inside a list; gaps ignored; a
     * leading '+' would start a list */
    ck_assert_str_eq(
        render(&v, GPUCOST_FMT_MD, &b),
        "### id: a title\n\na line\n\n- conflict: one\n- note: two\n\n\\+ a default\n\n"
        "| p |\n|---|\n");
    gpucost_buf_release(&b);
    ck_assert_str_eq(render(&v, GPUCOST_FMT_CSV, &b), "m\n");
    gpucost_buf_release(&b);
    gc_view_release(&v);
}
END_TEST

START_TEST(test_view_html)
{
    gc_view v;
    sample(&v);
    gc_vtable *t = v.blocks[0].table;
    gc_view_table_html(t, "tid", "comparison");
    gc_view_row(t);
    gc_view_cell(t, "<b>&");
    gc_view_link(t, "#s-x");
    gc_view_cell(t, "1");
    gc_view_class(t, "status pass");
    gc_view_cell(t, "1");
    gc_view_item(&v, 0, "conflict", "conflict", "x < y");
    gc_series *bars = gc_view_series(&v, GC_SERIES_BARS, "bars", GPUCOST_Q_COST_USD);
    gc_series_title(bars, "cost");
    gc_series_point(bars, "a", 2.385);
    gc_series *hidden = gc_view_series(&v, GC_SERIES_BARS, "hidden", GPUCOST_Q_COST_USD);
    hidden->svg_only = 1; /* an SVG output's chart, not the page's */
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gc_view_render_html(&v, &b, &e_));
    const char *h = gpucost_buf_str(&b);
    ck_assert_ptr_nonnull(
        strstr(h, "<table id=\"tid\" "
                  "class=\"comparison\"><thead><tr><th>name</th><th>value</th></tr></thead>"));
    ck_assert_ptr_null(strstr(h, "value_exact")); /* CSV-only */
    ck_assert_ptr_nonnull(strstr(
        h, "<td><a href=\"#s-x\">&lt;b&gt;&amp;</a></td><td class=\"num status pass\">1</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<p class=\"conflict\">conflict: x &lt; y</p>"));
    ck_assert_ptr_nonnull(strstr(h, "<div class=\"chart bars\">\n<svg "));
    ck_assert_ptr_nonnull(strstr(h, "</svg>\n</div>\n"));
    ck_assert_ptr_null(strstr(h, "hidden"));
    gpucost_buf_release(&b);
    gc_view_release(&v);
    /* a long quantity name may break after its underscores */
    gc_view_init(&v);
    t = gc_view_table(&v, 1, 0);
    gc_view_head(t, 0, "price_per_gpu_hour", NULL, 0, GC_FOR_ALL);
    gpucost_buf_init(&b);
    ck_assert_ok(gc_view_render_html(&v, &b, &e_));
    ck_assert_ptr_nonnull(
        strstr(gpucost_buf_str(&b), "<th>price_<wbr>per_<wbr>gpu_<wbr>hour</th>"));
    gpucost_buf_release(&b);
    gc_view_release(&v);
}
END_TEST

START_TEST(test_view_failed_renders_nothing)
{
    gc_view v;
    sample(&v);
    v.blocks[0].table->failed = 1; /* as an allocation failure leaves it */
    for (int f = GPUCOST_FMT_TABLE; f <= GPUCOST_FMT_CSV; f++) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gc_view_render(&v, (gpucost_format)f, &b);
        ck_assert(b.failed);
        ck_assert_uint_eq(b.len, 0);
        gpucost_buf_release(&b);
    }
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    ck_assert_int_eq(gc_view_finish(&v, GPUCOST_FMT_TABLE, &b, &err), GPUCOST_ENOMEM);
    ck_assert_ptr_null(v.blocks); /* finish released it */
    gpucost_buf_release(&b);
    /* a view that failed takes no more blocks */
    gc_view_init(&v);
    v.failed = 1;
    gc_view_line(&v, 0, "x");
    ck_assert_ptr_null(gc_view_table(&v, 2, 0));
    ck_assert_uint_eq(v.n, 0);
    gc_view_release(&v);
}
END_TEST

START_TEST(test_json_writer)
{
    gc_jw j;
    cJSON *root = gc_jw_start(&j, 0);
    gc_jw_num_or_null(&j, root, "nan", NAN, 1);
    gc_jw_num_or_null(&j, root, "unknown", 5, 0);
    gc_jw_str(&j, root, "none", NULL);
    cJSON *a = gc_jw_arr(&j, root, "list");
    gc_jw_num(&j, a, NULL, 1.5);
    gc_jw_bool(&j, a, NULL, 1);
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gc_jw_finish(&j, &b, &e_));
    cJSON *back = cJSON_Parse(gpucost_buf_str(&b));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(back, "nan")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(back, "unknown")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(back, "none")));
    ck_assert_double_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(back, "list"), 0)->valuedouble, 1.5);
    cJSON_Delete(back);
    gpucost_buf_release(&b);
    /* a NULL parent (left by a failed allocation) fails the document */
    root = gc_jw_start(&j, 1);
    gc_jw_num(&j, NULL, "x", 1);
    gpucost_buf_init(&b);
    gpucost_error err;
    ck_assert_int_eq(gc_jw_finish(&j, &b, &err), GPUCOST_ENOMEM);
    ck_assert_uint_eq(b.len, 0);
    gpucost_buf_release(&b);
}
END_TEST

/* A document with a table whose rows are records, a machines-only field,
 * a list, typed leaves and an error, built for format `f`. */
static void records(gc_view *v, gpucost_format f)
{
    gc_view_init_for(v, f);
    gc_view_title(v, "chips");
    gc_vtable *t = gc_view_table(v, 2, 0);
    gc_view_head(t, 0, "id", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 1, "cost", NULL, 1, GC_FOR_ALL);
    gc_dnode *root = gc_data_root(v, 0);
    gc_dnode *arr = gc_data_arr(v, root, "chips");
    gc_dnode *o = gc_view_record(v, t, arr);
    gc_view_field(v, t, o, "id", "h100", "h100");
    gc_view_field_value(v, t, o, "cost", GPUCOST_Q_COST_USD, 2385000.0, 1);
    gc_data_bool(v, o, "datacenter", 1);
    o = gc_view_record(v, t, arr);
    gc_view_field(v, t, o, "id", "x # y", NULL);
    gc_view_field_value(v, t, o, "cost", GPUCOST_Q_COST_USD, 0, 0);
    gc_data_num_or_null(v, o, "nan", NAN, 1);
    gc_dnode *l = gc_data_arr(v, root, "list");
    gc_data_num(v, l, NULL, 2.385);
    gc_data_str(v, l, NULL, "a");
    gpucost_error e = {.code = GPUCOST_ESYNTAX, .line = 3, .column = 7};
    snprintf(e.file, sizeof e.file, "s.json");
    snprintf(e.message, sizeof e.message, "bad");
    gc_data_error(v, root, "error", &e);
}

START_TEST(test_doc_records_json_and_table)
{
    gc_view v;
    gpucost_buf b;
    records(&v, GPUCOST_FMT_JSON);
    ck_assert_uint_eq(v.n, 0); /* JSON wants no blocks */
    gpucost_buf_init(&b);
    ck_assert_ok(gc_view_finish(&v, GPUCOST_FMT_JSON, &b, &e_));
    ck_assert_str_eq(gpucost_buf_str(&b),
                     "{\n\t\"chips\":\t[{\n\t\t\t\"id\":\t\"h100\",\n\t\t\t\"cost\":\t2385000,\n"
                     "\t\t\t\"datacenter\":\ttrue\n\t\t}, {\n\t\t\t\"id\":\tnull,\n"
                     "\t\t\t\"cost\":\tnull,\n\t\t\t\"nan\":\tnull\n\t\t}],\n"
                     "\t\"list\":\t[2.385, \"a\"],\n"
                     "\t\"error\":\t{\n\t\t\"file\":\t\"s.json\",\n\t\t\"line\":\t3,\n"
                     "\t\t\"column\":\t7,\n\t\t\"path\":\t\"\",\n\t\t\"message\":\t\"bad\",\n"
                     "\t\t\"code\":\t\"syntax\"\n\t}\n}\n");
    gpucost_buf_release(&b);
    /* the same builder calls, for people: the rows, no data */
    records(&v, GPUCOST_FMT_TABLE);
    ck_assert_ptr_null(v.data);
    gpucost_buf_init(&b);
    ck_assert_ok(gc_view_finish(&v, GPUCOST_FMT_TABLE, &b, &e_));
    ck_assert_str_eq(gpucost_buf_str(&b), "chips\n"
                                          "id       cost\n"
                                          "h100   $2.38M\n"
                                          "x # y       -\n");
    gpucost_buf_release(&b);
    /* a document without a data tree has no JSON */
    gc_view_init_for(&v, GPUCOST_FMT_JSON);
    gpucost_buf_init(&b);
    gpucost_error err;
    ck_assert_int_eq(gc_view_finish(&v, GPUCOST_FMT_JSON, &b, &err), GPUCOST_ENOMEM);
    ck_assert_uint_eq(b.len, 0);
    gpucost_buf_release(&b);
}
END_TEST

/* An error, a row that cannot be tested, and a claim of each status. */
static void cases(gc_view *v, gpucost_format f)
{
    gc_view_init_for(v, f);
    gc_vcase c = {.kind = GC_CASE_ERROR,
                  .group = "a.csv",
                  .name = "load",
                  .file = "a.csv",
                  .message = "a.csv: bad <row>"};
    gc_view_case(v, &c);
    c = (gc_vcase){.kind = GC_CASE_ROW,
                   .group = "r",
                   .name = "3 gpus",
                   .file = "a.csv",
                   .message = "no #value"};
    gc_view_case(v, &c);
    const int status[] = {GPUCOST_CLAIM_PASS, GPUCOST_CLAIM_FAIL, GPUCOST_CLAIM_UNVERIFIABLE,
                          GPUCOST_CLAIM_EXPECTED_FAIL, GPUCOST_CLAIM_FAIL};
    for (size_t i = 0; i < 5; i++) {
        c = (gc_vcase){.kind = GC_CASE_CLAIM,
                       .status = status[i],
                       .expect_fail = i == 4,
                       .conflict = i == 1,
                       .group = "s#1",
                       .name = "gpus",
                       .where = "claims[0]",
                       .file = "s.json",
                       .message = "gpus: 2 vs 3",
                       .source = i ? "paper" : NULL,
                       .note = i == 3 ? "known" : NULL};
        gc_view_case(v, &c);
    }
}

START_TEST(test_doc_cases_junit_and_tap)
{
    gc_view v;
    gpucost_buf b;
    cases(&v, GPUCOST_FMT_TAP);
    gpucost_buf_init(&b);
    ck_assert_ok(gc_view_finish(&v, GPUCOST_FMT_TAP, &b, &e_));
    ck_assert_str_eq(gpucost_buf_str(&b),
                     "TAP version 13\n1..7\n"
                     "not ok 1 - error: a.csv: bad <row>\n"
                     "ok 2 - r row 3 gpus # SKIP not testable: no \\#value\n"
                     "ok 3 - s\\#1 gpus: gpus: 2 vs 3\n"
                     "not ok 4 - s\\#1 conflict: gpus: 2 vs 3\n"
                     "ok 5 - s\\#1 gpus # SKIP unverifiable: gpus: 2 vs 3\n"
                     "not ok 6 - s\\#1 gpus: gpus: 2 vs 3 # TODO expected to fail: known\n"
                     "not ok 7 - s\\#1 gpus: gpus: 2 vs 3 (expected to fail, but now holds)\n");
    gpucost_buf_release(&b);
    cases(&v, GPUCOST_FMT_JUNIT);
    gpucost_buf_init(&b);
    ck_assert_ok(gc_view_finish(&v, GPUCOST_FMT_JUNIT, &b, &e_));
    const char *x = gpucost_buf_str(&b);
    ck_assert_ptr_nonnull(strstr(x, "tests=\"7\" failures=\"2\" errors=\"1\" skipped=\"2\""));
    ck_assert_ptr_nonnull(strstr(x, "<error message=\"a.csv: bad &lt;row&gt;\"/>"));
    ck_assert_ptr_nonnull(strstr(x, "name=\"row 3 gpus\" file=\"a.csv\""));
    ck_assert_ptr_nonnull(strstr(x, "<skipped message=\"not testable: no #value\"/>"));
    ck_assert_ptr_nonnull(strstr(x, "name=\"gpus [claims[0]]\""));
    ck_assert_ptr_nonnull(strstr(x, "<failure message=\"expected to fail, but now holds\">"));
    ck_assert_ptr_nonnull(
        strstr(x, "<system-out>expected-fail: gpus: 2 vs 3; source: paper; note: known"));
    gpucost_buf_release(&b);
    /* a table document keeps no cases */
    cases(&v, GPUCOST_FMT_TABLE);
    ck_assert_uint_eq(v.ncases, 0);
    gc_view_release(&v);
}
END_TEST

START_TEST(test_doc_format_table)
{
    char list[160];
    gc_format_list("check", list, sizeof list);
    ck_assert_str_eq(list, "table, md, csv, json, junit, tap or html");
    gc_format_list("solve", list, sizeof list);
    ck_assert_str_eq(list, "table, md, csv or json");
    ck_assert(gc_format_offered("range", GPUCOST_FMT_SVG));
    ck_assert(!gc_format_offered("run", GPUCOST_FMT_SVG));
    ck_assert(!gc_format_offered("nothing", GPUCOST_FMT_TABLE));
    gpucost_error err;
    ck_assert_ok(gc_format_check("run", GPUCOST_FMT_SCENARIO, &err));
    ck_assert_int_eq(gc_format_check("reconcile", GPUCOST_FMT_TAP, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.message,
                     "format 'tap' is not available for 'reconcile' (use table, md, csv, json or "
                     "html)");
    ck_assert_str_eq(err.path, "format");
    ck_assert_uint_eq(gc_format_wants(GPUCOST_FMT_MD), GC_WANT_BLOCKS);
    ck_assert_uint_eq(gc_format_wants(GPUCOST_FMT_SCENARIO), 0);
    /* a format no renderer draws from a document fails, never prints */
    gc_view v;
    gc_view_init(&v);
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_int_eq(gc_view_finish(&v, GPUCOST_FMT_SCENARIO, &b, &err), GPUCOST_ENOMEM);
    ck_assert_uint_eq(b.len, 0);
    gpucost_buf_release(&b);
}
END_TEST

/* Every allocation of building and rendering a document, failed in turn:
 * each run renders all of it or, failed, nothing. */
START_TEST(test_doc_out_of_memory)
{
    const gpucost_format fs[] = {GPUCOST_FMT_JSON, GPUCOST_FMT_TABLE, GPUCOST_FMT_TAP,
                                 GPUCOST_FMT_JUNIT};
    for (size_t k = 0; k < 4; k++) {
        int done = 0;
        for (size_t n = 1; !done && n < 500; n++) {
            gc_view v;
            gpucost_buf b;
            test_fail_allocation(n);
            if (fs[k] == GPUCOST_FMT_JSON || fs[k] == GPUCOST_FMT_TABLE)
                records(&v, fs[k]);
            else
                cases(&v, fs[k]);
            gpucost_buf_init(&b);
            gpucost_error err;
            gpucost_status st = gc_view_finish(&v, fs[k], &b, &err);
            test_restore_allocator();
            if (st == GPUCOST_OK) {
                done = test_alloc_calls < n;
            } else {
                ck_assert_int_eq(st, GPUCOST_ENOMEM);
                ck_assert(b.failed);
            }
            gpucost_buf_release(&b);
        }
        ck_assert(done);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("view");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_view_table_renderings);
    tcase_add_test(core, test_view_csv_formulas_neutralised);
    tcase_add_test(core, test_view_blocks_text_and_md);
    tcase_add_test(core, test_view_html);
    tcase_add_test(core, test_view_failed_renders_nothing);
    tcase_add_test(core, test_json_writer);
    tcase_add_test(core, test_doc_records_json_and_table);
    tcase_add_test(core, test_doc_cases_junit_and_tap);
    tcase_add_test(core, test_doc_format_table);
    tcase_add_test(core, test_doc_out_of_memory);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
