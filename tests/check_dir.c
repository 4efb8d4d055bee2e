/*
 * check_dir.c - the directory lister (dir.h): hidden names left out,
 * byte order whatever the locale, an empty directory, a missing one named
 * in the error, path joining at its length limit, and the walk over a
 * folder's *.json files every loader shares.
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

/* Records each path it is given; fails on "stop.json". */
static gpucost_status record(void *ctx, const char *path, gpucost_error *err)
{
    char *seen = ctx;
    const char *name = strrchr(path, '/') + 1;
    strcat(seen, name);
    strcat(seen, " ");
    if (strcmp(name, "stop.json") == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, path, 0, 0, NULL, "stopped");
    return GPUCOST_OK;
}

/* Only *.json files, not a folder named like one, in byte order; the
 * first failure ends the walk. */
/* The folder above: what travels with a catalog lies beside it. */
START_TEST(test_dir_parent)
{
    char out[64];
    const char *cases[][2] = {{"models/hardware", "models"},
                              {"models/hardware/", "models"},
                              {"hardware", "."},
                              {"/hardware", "/"},
                              {"/srv/m/hardware", "/srv/m"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gpucost_dir_parent(out, sizeof out, cases[i][0]);
        ck_assert_str_eq(out, cases[i][1]);
    }
}
END_TEST

START_TEST(test_dir_each_json)
{
    char tmpl[] = "/tmp/gpucost-dir-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    const char *files[] = {"b.json",  "a.json",    "README", ".h.json",
                           "x.jsonl", "stop.json", "z.json"};
    char path[512];
    for (size_t i = 0; i < 7; i++) {
        gpucost_dir_join(path, sizeof path, tmpl, files[i]);
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fclose(f);
    }
    gpucost_dir_join(path, sizeof path, tmpl, "dir.json");
    ck_assert_int_eq(mkdir(path, 0700), 0);
    char seen[256] = "";
    size_t count = 0;
    gpucost_error err;
    ck_assert_int_eq(gpucost_dir_each_json(tmpl, record, seen, &count, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(seen, "a.json b.json stop.json ");
    ck_assert_uint_eq(count, 3);
    gpucost_dir_join(path, sizeof path, tmpl, "stop.json");
    unlink(path);
    seen[0] = '\0';
    ck_assert_ok(gpucost_dir_each_json(tmpl, record, seen, &count, &e_));
    ck_assert_str_eq(seen, "a.json b.json z.json ");
    ck_assert_uint_eq(count, 3);
    for (size_t i = 0; i < 7; i++) {
        gpucost_dir_join(path, sizeof path, tmpl, files[i]);
        unlink(path);
    }
    gpucost_dir_join(path, sizeof path, tmpl, "dir.json");
    rmdir(path);
    rmdir(tmpl);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("dir");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_dir_list_sorted_visible);
    tcase_add_test(core, test_dir_each_json);
    tcase_add_test(core, test_dir_join);
    tcase_add_test(core, test_dir_parent);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
