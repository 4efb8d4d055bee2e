/*
 * check_util.h - helpers shared by the Check suites: relative-tolerance
 * float asserts (Check's own are absolute), a suite runner, and loaders for
 * the bundled catalog and scenarios.
 */
#ifndef GPUCOST_CHECK_UTIL_H
#define GPUCOST_CHECK_UTIL_H

#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>
#include <gsl/gsl_errno.h>

#include "gpucost/alloc.h"
#include "gpucost/catalog.h"
#include "gpucost/derive.h"
#include "gpucost/rules.h"
#include "gpucost/scenario.h"

/* |got - want| <= tol * |want| */
#define ck_assert_rel(got, want, tol)                                                              \
    do {                                                                                           \
        double g_ = (got), w_ = (want), t_ = (tol);                                                \
        ck_assert_msg(isfinite(g_) && fabs(g_ - w_) <= t_ * fabs(w_),                              \
                      "%s = %.17g, expected %.17g within relative %g", #got, g_, w_, t_);          \
    } while (0)

/* Asserts `call` returns GPUCOST_OK; `call` passes &e_ as its error
 * record so a failure prints the library's message. */
#define ck_assert_ok(call)                                                                         \
    do {                                                                                           \
        gpucost_error e_;                                                                          \
        gpucost_status s_ = (call);                                                                \
        char m_[1024] = "";                                                                        \
        if (s_ != GPUCOST_OK)                                                                      \
            gpucost_error_format(&e_, m_, sizeof m_);                                              \
        ck_assert_msg(s_ == GPUCOST_OK, "%s failed: %s", #call, m_);                               \
    } while (0)

/* A failing allocator for the library's hook (alloc.h) and cJSON's
 * (cJSON_InitHooks: the documents' data trees are cJSON's): allocation
 * number `test_fail_at` (1-based) fails, `test_alloc_calls` counts them.
 * test_fail_allocation(n) installs it to fail the n-th; a run that made
 * fewer than n allocations (test_alloc_calls < n) needed none to fail.
 * test_restore_allocator() puts libc's back. */
static size_t test_alloc_calls, test_fail_at;
static inline void *test_failing_malloc(size_t n)
{
    return ++test_alloc_calls == test_fail_at ? NULL : malloc(n);
}
static inline void *test_failing_realloc(void *p, size_t n)
{
    return ++test_alloc_calls == test_fail_at ? NULL : realloc(p, n);
}
static inline void test_fail_allocation(size_t n)
{
    test_alloc_calls = 0;
    test_fail_at = n;
    gpucost_set_allocator(
        &(gpucost_allocator){test_failing_malloc, test_failing_realloc, free, NULL});
    cJSON_InitHooks(&(cJSON_Hooks){test_failing_malloc, free});
}
static inline void test_restore_allocator(void)
{
    gpucost_set_allocator(NULL);
    cJSON_InitHooks(NULL);
}

static inline gpucost_catalog *test_catalog(void)
{
    /* as the program does: the defaults, architectures and rules beside it */
    gpucost_catalog *c = NULL;
    gpucost_error err;
    if (gpucost_catalog_open(GPUCOST_MODELS "/hardware", &c, &err) != GPUCOST_OK) {
        char m[1024];
        ck_abort_msg("catalog: %s", gpucost_error_format(&err, m, sizeof m));
    }
    ck_assert_ptr_nonnull(gpucost_catalog_defaults(c));
    ck_assert_ptr_nonnull(gpucost_catalog_rules(c));
    ck_assert_uint_gt(gpucost_catalog_model_count(c), 0);
    return c;
}

/* models/FOLDER/NAME.json, loaded or the test aborts. */
static inline gpucost_scenario *test_model(const char *folder, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/%s.json", GPUCOST_MODELS, folder, name);
    gpucost_scenario *s = NULL;
    gpucost_error err;
    if (gpucost_scenario_load(path, &s, &err) != GPUCOST_OK) {
        char m[1024];
        ck_abort_msg("%s: %s", name, gpucost_error_format(&err, m, sizeof m));
    }
    return s;
}

/* Parses a scenario from a string literal; aborts the test on error. */
static inline gpucost_scenario *test_parse(const char *json)
{
    gpucost_scenario *s = NULL;
    gpucost_error err;
    if (gpucost_scenario_parse("test.json", json, strlen(json), &s, &err) != GPUCOST_OK) {
        char m[1024];
        ck_abort_msg("parse: %s", gpucost_error_format(&err, m, sizeof m));
    }
    return s;
}

static inline gpucost_scenario *test_scenario(const char *name)
{
    return test_model("scenarios", name);
}

/* models/scenarios/NAME.json derived with the bundled catalog and
 * defaults into `*d`, or the test aborts.  The scenario is freed, so
 * `d->file` (borrowed from it) is set to NULL and `d->hardware`, which
 * the catalog lent, must not be used. */
static inline void test_derive_scenario(const char *name, gpucost_derivation *d)
{
    gpucost_scenario *s = test_scenario(name);
    gpucost_catalog *c = test_catalog();
    ck_assert_ok(gpucost_derive(s, c, NULL, d, &e_));
    d->file = NULL;
    d->hardware = NULL;
    d->defaults = NULL;
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}

/* Calls fn(name, scenario, ctx) for every models/FOLDER/NAME.json and
 * returns how many there were; the scenario is freed afterwards. */
static inline int test_each_model(const char *folder,
                                  void (*fn)(const char *, gpucost_scenario *, void *), void *ctx)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", GPUCOST_MODELS, folder);
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int files = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 5), e->d_name);
        gpucost_scenario *s = test_model(folder, name);
        fn(name, s, ctx);
        gpucost_scenario_free(s);
        files++;
    }
    closedir(d);
    return files;
}

static inline int test_each_scenario(void (*fn)(const char *, gpucost_scenario *, void *),
                                     void *ctx)
{
    return test_each_model("scenarios", fn, ctx);
}

/* de_DE.UTF-8, whose decimal separator is ',' (a host program that called
 * setlocale or Python's locale.setlocale): CTest's locale-de fixture makes
 * it with localedef into the build folder and points LOCPATH at it, and
 * then a missing locale fails the test.  Without LOCPATH (no localedef on
 * the machine) the system's is used if it has one; (locale_t)0 if not, and
 * the caller says on stderr that its test is skipped.  Free with
 * freelocale(). */
static inline locale_t test_german_locale(void)
{
    locale_t de = newlocale(LC_ALL_MASK, "de_DE.UTF-8", (locale_t)0);
    if (de == (locale_t)0 && getenv("LOCPATH") != NULL)
        ck_abort_msg("de_DE.UTF-8 not found under LOCPATH=%s", getenv("LOCPATH"));
    return de;
}

static inline int test_run_suite(Suite *s)
{
    gsl_set_error_handler_off();
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
