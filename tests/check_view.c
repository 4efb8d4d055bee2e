/*
 * check_view.c - views and their renderers (view.h, render_text.c,
 * render_html.c) and the failure-tracking JSON writer (json_out.h):
 * aligned text, Markdown escaping (pipes, asterisks, a leading plus) and
 * block spacing, CSV quoting and full precision, columns and tables meant
 * for one audience only, HTML escaping, classes, links and header breaks,
 * and an out-of-memory view or document that renders nothing.
 */
#include "check_util.h"

#include "base/json_out.h"
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
    gpucost_buf svg;
    gpucost_buf_init(&svg);
    gpucost_buf_puts(&svg, "<svg/>");
    gc_view_svg(&v, "histogram", &svg);
    gpucost_buf b;
    gpucost_buf_init(&b);
    gc_view_render_html(&v, &b);
    const char *h = gpucost_buf_str(&b);
    ck_assert_ptr_nonnull(
        strstr(h, "<table id=\"tid\" "
                  "class=\"comparison\"><thead><tr><th>name</th><th>value</th></tr></thead>"));
    ck_assert_ptr_null(strstr(h, "value_exact")); /* CSV-only */
    ck_assert_ptr_nonnull(strstr(
        h, "<td><a href=\"#s-x\">&lt;b&gt;&amp;</a></td><td class=\"num status pass\">1</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<p class=\"conflict\">conflict: x &lt; y</p>"));
    ck_assert_ptr_nonnull(strstr(h, "<div class=\"chart histogram\">\n<svg/></div>"));
    gpucost_buf_release(&b);
    gc_view_release(&v);
    /* a long quantity name may break after its underscores */
    gc_view_init(&v);
    t = gc_view_table(&v, 1, 0);
    gc_view_head(t, 0, "price_per_gpu_hour", NULL, 0, GC_FOR_ALL);
    gpucost_buf_init(&b);
    gc_view_render_html(&v, &b);
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
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
