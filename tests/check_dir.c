/*
 * check_dir.c - the directory lister (dir.h): hidden names left out,
 * byte order whatever the locale, an empty directory, a missing one named
 * in the error, and path joining at its length limit.
 */
#include "check_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include "gpucost/dir.h"

START_TEST(test_dir_list_sorted_visible)
{
    char tmpl[] = "/tmp/gpucost-dir-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    const char *files[] = {"b.json", "B.json", ".hidden.json", "a", "_z"};
    char path[512];
    for (size_t i = 0; i < 5; i++) {
        gpucost_dir_join(path, sizeof path, tmpl, files[i]);
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fclose(f);
    }
    char **names = NULL;
    size_t n = 0;
    ck_assert_ok(gpucost_dir_list(tmpl, &names, &n, &e_));
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(names[0], "B.json"); /* bytes: 'B' < '_' < 'a' < 'b' */
    ck_assert_str_eq(names[1], "_z");
    ck_assert_str_eq(names[2], "a");
    ck_assert_str_eq(names[3], "b.json");
    gpucost_dir_free(names, n);
    for (size_t i = 0; i < 5; i++) {
        gpucost_dir_join(path, sizeof path, tmpl, files[i]);
        unlink(path);
    }
    /* empty */
    ck_assert_ok(gpucost_dir_list(tmpl, &names, &n, &e_));
    ck_assert_uint_eq(n, 0);
    gpucost_dir_free(names, n);
    rmdir(tmpl);
    /* gone */
    gpucost_error err;
    ck_assert_int_eq(gpucost_dir_list(tmpl, &names, &n, &err), GPUCOST_EIO);
    ck_assert_str_eq(err.file, tmpl);
    ck_assert_ptr_null(names);
    gpucost_dir_free(NULL, 0);
}
END_TEST

START_TEST(test_dir_join)
{
    char out[8];
    gpucost_dir_join(out, sizeof out, "a/", "b");
    ck_assert_str_eq(out, "a/b");
    gpucost_dir_join(out, sizeof out, "a", "b");
    ck_assert_str_eq(out, "a/b");
    gpucost_dir_join(out, sizeof out, "abc", "defg"); /* 8 bytes + NUL: too long */
    ck_assert_str_eq(out, "");
    gpucost_dir_join(out, sizeof out, "abc", "def"); /* exactly fits */
    ck_assert_str_eq(out, "abc/def");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("dir");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_dir_list_sorted_visible);
    tcase_add_test(core, test_dir_join);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
