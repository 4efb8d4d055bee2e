/*
 * check_json.c - the JSON reader: syntax errors at line:column, the
 * pre-scan (NUL, UTF-8, depth), node location, key checks, uncertain values.
 */
#include "check_util.h"

#include "read/json.h"

static gpucost_status parse(const char *text, gc_json_doc *doc, gpucost_error *err)
{
    return gc_json_parse(doc, "t.json", text, strlen(text), err);
}

START_TEST(test_json_syntax_error_position)
{
    gc_json_doc doc;
    gpucost_error err;
    ck_assert_int_eq(parse("{\n  \"a\": 1,\n  \"b\": }\n", &doc, &err), GPUCOST_ESYNTAX);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 8);
    ck_assert_str_eq(err.message, "invalid JSON near '}'");
    ck_assert_int_eq(parse("{\"a\": [1, 2", &doc, &err), GPUCOST_ESYNTAX);
    ck_assert_str_eq(err.message, "invalid JSON: unexpected end of file");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 12);
}
END_TEST

START_TEST(test_json_prescan)
{
    gc_json_doc doc;
    gpucost_error err;
    const char nul[] = "{\"a\":\n 1\0}";
    ck_assert_int_eq(gc_json_parse(&doc, "t.json", nul, sizeof nul - 1, &err), GPUCOST_ESYNTAX);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 3);
    ck_assert_int_eq(parse("{\"a\": \"\xc3\x28\"}", &doc, &err), GPUCOST_ESYNTAX);
    ck_assert_str_eq(err.message, "invalid UTF-8 byte 0xc3");
    ck_assert_int_eq(err.column, 8);
    /* valid multi-byte UTF-8 passes */
    ck_assert_int_eq(parse("{\"a\": \"H\xc3\xa9llo \xe2\x80\x94\"}", &doc, &err), GPUCOST_OK);
    gc_json_doc_release(&doc);
    /* a bracket inside a string is not nesting */
    ck_assert_int_eq(
        parse("{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}",
              &doc, &err),
        GPUCOST_OK);
    gc_json_doc_release(&doc);
    char deep[200];
    memset(deep, '[', 65);
    deep[65] = '\0';
    ck_assert_int_eq(parse(deep, &doc, &err), GPUCOST_ELIMIT);
    ck_assert_int_eq(err.column, 65);
}
END_TEST

START_TEST(test_json_locate_nodes)
{
    gc_json_doc doc;
    gpucost_error err;
    ck_assert_int_eq(
        parse("{\n \"x\": [1, {\"k\": \"v\"}],\n \"y\": {\"z\": 2.385}\n}", &doc, &err),
        GPUCOST_OK);
    const cJSON *z = cJSON_GetObjectItem(cJSON_GetObjectItem(doc.root, "y"), "z");
    int line, col;
    gc_json_locate(&doc, z, 0, &line, &col);
    ck_assert_int_eq(line, 3);
    ck_assert_int_eq(col, 13);
    gc_json_locate(&doc, z, 1, &line, &col);
    ck_assert_int_eq(col, 8);
    const cJSON *k =
        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc.root, "x"), 1), "k");
    gc_json_locate(&doc, k, 0, &line, &col);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 17);
    gc_json_doc_release(&doc);
}
END_TEST

START_TEST(test_json_keys_unknown_and_duplicate)
{
    static const char *const allowed[] = {"alpha", "beta", NULL};
    gc_json_doc doc;
    gpucost_error err;
    ck_assert_int_eq(parse("{\"alpha\": 1,\n \"btea\": 2}", &doc, &err), GPUCOST_OK);
    ck_assert_int_eq(gc_json_check_keys(&doc, doc.root, "", allowed, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.message, "unknown key 'btea' (did you mean 'beta'?)");
    ck_assert_str_eq(err.path, "btea");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 2);
    gc_json_doc_release(&doc);
    ck_assert_int_eq(parse("{\"alpha\": 1, \"alpha\": 2}", &doc, &err), GPUCOST_OK);
    ck_assert_int_eq(gc_json_check_keys(&doc, doc.root, "", allowed, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.message, "duplicate key 'alpha'");
    ck_assert_int_eq(err.column, 14);
    gc_json_doc_release(&doc);
}
END_TEST

START_TEST(test_json_dist_forms)
{
    gc_json_doc doc;
    gpucost_error err;
    gpucost_dist d;
    ck_assert_int_eq(
        parse("{\"a\": {\"low\": 2, \"high\": 8}, \"b\": {\"dist\": \"triangular\", \"min\": 1, "
              "\"mode\": 2, \"max\": 5},"
              " \"c\": {\"dist\": \"normal\", \"mean\": 3, \"sd\": 0.5}, \"d\": 2.385}",
              &doc, &err),
        GPUCOST_OK);
    ck_assert_ok(gc_json_dist(&doc, cJSON_GetObjectItem(doc.root, "a"), "a", &d, &e_));
    ck_assert_rel(gpucost_dist_median(&d), 4.0, 1e-12);
    ck_assert_ok(gc_json_dist(&doc, cJSON_GetObjectItem(doc.root, "b"), "b", &d, &e_));
    ck_assert_int_eq(d.kind, GPUCOST_DIST_TRIANGULAR);
    ck_assert_ok(gc_json_dist(&doc, cJSON_GetObjectItem(doc.root, "c"), "c", &d, &e_));
    ck_assert_rel(gpucost_dist_median(&d), 3.0, 0);
    ck_assert_ok(gc_json_dist(&doc, cJSON_GetObjectItem(doc.root, "d"), "d", &d, &e_));
    ck_assert_rel(d.a, 2.385, 0);
    gc_json_doc_release(&doc);
    ck_assert_int_eq(parse("{\"a\": {\"low\": 2, \"high\": 8, \"mode\": 3}}", &doc, &err),
                     GPUCOST_OK);
    ck_assert_int_eq(gc_json_dist(&doc, cJSON_GetObjectItem(doc.root, "a"), "a", &d, &err),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(err.message, "unknown key 'mode'");
    gc_json_doc_release(&doc);
}
END_TEST

START_TEST(test_json_read_file_errors)
{
    char *text = NULL;
    size_t len = 0;
    gpucost_error err;
    ck_assert_int_eq(gc_json_read_file(GPUCOST_TEST_DATA, &text, &len, &err), GPUCOST_EIO);
    ck_assert_str_eq(err.message, "is a directory, expected a JSON file");
    ck_assert_int_eq(gc_json_read_file(GPUCOST_TEST_DATA "/no-such-file.json", &text, &len, &err),
                     GPUCOST_EIO);
    ck_assert_str_eq(err.message, "cannot open file: No such file or directory");
    ck_assert_ptr_null(text);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("json");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_json_locate_nodes);
    tcase_add_test(core, test_json_dist_forms);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_json_syntax_error_position);
    tcase_add_test(errors, test_json_prescan);
    tcase_add_test(errors, test_json_keys_unknown_and_duplicate);
    tcase_add_test(errors, test_json_read_file_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
