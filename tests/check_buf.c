/*
 * check_buf.c - the growable text buffer and the error record: growth
 * past many reallocations, XML escaping, error formatting with and without
 * location, truncation of long messages, the status phrases and the
 * version macros.
 */
#include "check_util.h"

#include "gpucost/gpucost.h"

START_TEST(test_buf_grows_and_escapes)
{
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_str_eq(gpucost_buf_str(&b), "");
    for (int i = 0; i < 10000; i++)
        gpucost_buf_printf(&b, "%d,", i % 10);
    ck_assert_uint_eq(b.len, 20000);
    ck_assert(!b.failed);
    gpucost_buf_release(&b);
    gpucost_buf_init(&b);
    gpucost_buf_xml(&b, "a<b & \"c\" 'd'>");
    ck_assert_str_eq(gpucost_buf_str(&b), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    gpucost_buf_pad(&b, '-', 3);
    ck_assert_uint_eq(b.len, strlen(gpucost_buf_str(&b)));
    gpucost_buf_release(&b);
}
END_TEST

START_TEST(test_error_format)
{
    gpucost_error e;
    char line[1024];
    ck_assert_int_eq(gpucost_error_set(&e, GPUCOST_EINVAL, "x.json", 5, 13, "inputs.gpus",
                                       "expected a positive number, got %d", -5),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(gpucost_error_format(&e, line, sizeof line),
                     "x.json:5:13: inputs.gpus: expected a positive number, got -5");
    gpucost_error_set(&e, GPUCOST_EIO, "x.json", 0, 0, NULL, "cannot open file");
    ck_assert_str_eq(gpucost_error_format(&e, line, sizeof line), "x.json: cannot open file");
    gpucost_error_set(&e, GPUCOST_EINVAL, NULL, 0, 0, "--set gpus", "expected NAME=VALUE");
    ck_assert_str_eq(gpucost_error_format(&e, line, sizeof line),
                     "--set gpus: expected NAME=VALUE");
    /* a NULL record is allowed, and a long message is cut, never overrun */
    ck_assert_int_eq(gpucost_error_set(NULL, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "x"),
                     GPUCOST_ENOMEM);
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    gpucost_error_set(&e, GPUCOST_EINVAL, NULL, 0, 0, NULL, "%s", big);
    ck_assert_uint_eq(strlen(e.message), sizeof e.message - 1);
    char small[8];
    ck_assert_uint_eq(strlen(gpucost_error_format(&e, small, sizeof small)), sizeof small - 1);
    /* every status has a phrase */
    for (int c = GPUCOST_OK; c <= GPUCOST_ELIMIT; c++)
        ck_assert_str_ne(gpucost_strerror((gpucost_status)c), "unknown status");
    ck_assert_str_eq(gpucost_strerror(GPUCOST_ENOMEM), "out of memory");
    ck_assert_str_eq(gpucost_strerror((gpucost_status)99), "unknown status");
    /* the umbrella header carries the version */
    ck_assert_int_eq(GPUCOST_VERSION_MAJOR, 0);
    ck_assert(strlen(GPUCOST_VERSION_STRING) >= 5);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("buf");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_buf_grows_and_escapes);
    tcase_add_test(core, test_error_format);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
