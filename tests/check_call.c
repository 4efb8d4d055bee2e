/*
 * check_call.c - the embedding entry point (call.h) and the command layer
 * under it (command.h): a JSON request gives byte for byte what the
 * command gives for the same request built in C (the program's path);
 * errors come back as {"error": {...}} with file, line, column and path;
 * the request's own mistakes are located in the request.
 */
#include "check_util.h"

#include <cjson/cJSON.h>

#include "gpucost/buf.h"
#include "gpucost/call.h"
#include "gpucost/command.h"

#define V3 GPUCOST_MODELS "/scenarios/deepseek-v3.json"

/* The output of `command` on V3 with `sets`, through command.h. */
static char *direct(const char *command, const char *const *sets, size_t nsets, gpucost_format f)
{
    gpucost_catalog *c = test_catalog();
    gpucost_scenario_input in = {.file = V3};
    gpucost_request rq;
    gpucost_request_init(&rq);
    rq.command = command;
    rq.scenarios = &in;
    rq.nscenarios = 1;
    rq.sets = sets;
    rq.nsets = nsets;
    rq.format = f;
    rq.catalog = c;
    gpucost_buf b;
    gpucost_buf_init(&b);
    int verdict = -1;
    ck_assert_ok(gpucost_command_execute(&rq, &b, &verdict, &e_));
    ck_assert_int_eq(verdict, 0);
    char *s = strdup(gpucost_buf_str(&b));
    gpucost_buf_release(&b);
    gpucost_catalog_free(c);
    return s;
}

START_TEST(test_call_is_the_command)
{
    const char *sets[] = {"hardware=h100", "gpus=50000"};
    char *want = direct("run", sets, 2, GPUCOST_FMT_JSON);
    char *got = NULL;
    ck_assert_int_eq(gpucost_call("{\"command\": \"run\", \"scenarios\": [\"" V3 "\"],"
                                  " \"set\": {\"hardware\": \"h100\", \"gpus\": 50000}}",
                                  &got),
                     0);
    ck_assert_str_eq(got, want);
    gpucost_call_free(got);
    /* the same assignments as --set text, and another format */
    ck_assert_int_eq(gpucost_call("{\"command\": \"run\", \"scenarios\": [\"" V3 "\"],"
                                  " \"set\": [\"hardware=h100\", \"gpus=50k\"]}",
                                  &got),
                     0);
    ck_assert_str_eq(got, want);
    gpucost_call_free(got);
    free(want);
    want = direct("run", sets, 2, GPUCOST_FMT_CSV);
    ck_assert_int_eq(gpucost_call("{\"command\": \"run\", \"format\": \"csv\", \"scenarios\": "
                                  "[{\"file\": \"" V3 "\", \"set\": {\"hardware\": \"h100\"}}],"
                                  " \"set\": {\"gpus\": \"50k\"}}",
                                  &got),
                     0);
    ck_assert_str_eq(got, want);
    gpucost_call_free(got);
    free(want);
}
END_TEST

START_TEST(test_call_values_of_set)
{
    /* a range as an object or text, null for none: the --set grammar */
    char *a = NULL, *b = NULL;
    ck_assert_int_eq(gpucost_call("{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": "
                                  "{\"price_per_gpu_hour\": {\"low\": 1.5, \"high\": 3.5}}}",
                                  &a),
                     0);
    ck_assert_int_eq(gpucost_call("{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": "
                                  "{\"price_per_gpu_hour\": \"1.5..3.5\"}}",
                                  &b),
                     0);
    ck_assert_str_eq(a, b);
    ck_assert_ptr_nonnull(strstr(a, "\"price_per_gpu_hour\""));
    gpucost_call_free(a);
    gpucost_call_free(b);
}
END_TEST

/* The error object of `request`, parsed; asserts status 2. */
static cJSON *error_of(const char *request)
{
    char *r = NULL;
    ck_assert_int_eq(gpucost_call(request, &r), 2);
    ck_assert_ptr_nonnull(r);
    cJSON *root = cJSON_Parse(r);
    gpucost_call_free(r);
    ck_assert_ptr_nonnull(root);
    cJSON *e = cJSON_GetObjectItem(root, "error");
    ck_assert_ptr_nonnull(e);
    cJSON_DetachItemViaPointer(root, e);
    cJSON_Delete(root);
    return e;
}

static void assert_error(const char *request, const char *file, int line, int column,
                         const char *path, const char *message, const char *code)
{
    cJSON *e = error_of(request);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "file")->valuestring, file);
    ck_assert_int_eq(cJSON_GetObjectItem(e, "line")->valueint, line);
    ck_assert_int_eq(cJSON_GetObjectItem(e, "column")->valueint, column);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "path")->valuestring, path);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "message")->valuestring, message);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "code")->valuestring, code);
    cJSON_Delete(e);
}

START_TEST(test_call_errors)
{
    /* a pasted scenario that does not parse: its own line and column */
    assert_error("{\"command\": \"run\", \"scenarios\": [{\"text\": \"{\\\"id\\\": \\\"x\\\",\\n "
                 "\\\"inputs\\\": {\\\"gpus\\\": }}\", \"file\": \"paste.json\"}]}",
                 "paste.json", 2, 21, "", "invalid JSON near '}'", "syntax");
    /* a scenario object: no line in a copy the user never saw, the path */
    assert_error("{\"command\": \"run\", \"scenarios\": [{\"id\": \"x\", \"inputs\": {\"gpus\": "
                 "\"many\"}}]}",
                 "scenarios[0]", 0, 0, "inputs.gpus",
                 "expected a number or an uncertain value object, got a string", "invalid");
    /* the request's mistakes are located in the request */
    assert_error("{\"command\": \"run\",\n \"scenarioz\": []}", "request", 2, 2, "scenarioz",
                 "unknown key 'scenarioz' (did you mean 'scenarios'?)", "invalid");
    const char *bad =
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"gpus\": true}}";
    assert_error(bad, "request", 1, (int)(strstr(bad, "true") - bad) + 1, "set.gpus",
                 "expected a number, a string like \"50k\" or \"1.5..3.5\", {\"low\": a, "
                 "\"high\": b} or null, got a boolean",
                 "invalid");
    assert_error("{\"command\": \"run\", \"scenarios\": [\"" V3
                 "\"], \"set\": {\"gpus\": \"lots\"}}",
                 "", 0, 0, "--set gpus=lots",
                 "expected a number (like 50k, 2.8M, 1.5e6), a range LOW..HIGH or none, got 'lots'",
                 "invalid");
    assert_error("{\"command\": \"fly\"}", "", 0, 0, "", "unknown command 'fly'", "usage");
    assert_error("{\"command\": \"run\"}", "", 0, 0, "", "'run' needs at least one scenario FILE",
                 "usage");
    assert_error("{\"command\": \"run\", \"scenarios\": [\"/nonexistent/x.json\"]}",
                 "/nonexistent/x.json", 0, 0, "", "cannot open file: No such file or directory",
                 "io");
    assert_error("[1]", "request", 1, 1, "",
                 "expected a JSON object at the top level, got an array", "invalid");
    char *r = (char *)1;
    ck_assert_int_eq(gpucost_call(NULL, &r), 2);
    ck_assert_ptr_nonnull(strstr(r, "no request"));
    gpucost_call_free(r);
    ck_assert_int_eq(gpucost_call("{\"command\": \"quantities\"}", NULL), 0); /* not kept */
}
END_TEST

/* Lists a request can make long are bounded (issue 23): a sweep of
 * 20,000 values took 500 MB; past GPUCOST_SWEEP_MAX it is refused before
 * anything is loaded, at the cap it runs. */
START_TEST(test_call_long_lists)
{
    gpucost_buf rq;
    gpucost_buf_init(&rq);
    gpucost_buf_printf(&rq, "{\"command\": \"compare\", \"format\": \"csv\", \"scenarios\": [\"" V3
                            "\"], \"sweep\": \"gpus=1");
    for (int i = 2; i <= GPUCOST_SWEEP_MAX + 1; i++)
        gpucost_buf_printf(&rq, ",%d", i);
    gpucost_buf_puts(&rq, "\"}");
    char msg[128];
    snprintf(msg, sizeof msg, "%d values; a sweep takes at most %d, one table row each",
             GPUCOST_SWEEP_MAX + 1, GPUCOST_SWEEP_MAX);
    assert_error(gpucost_buf_str(&rq), "", 0, 0, "sweep", msg, "limit");
    /* at the cap: one CSV line per value and the header */
    char *text = strdup(gpucost_buf_str(&rq));
    *strrchr(text, ',') = '\0';
    strcat(text, "\"}");
    char *got = NULL;
    ck_assert_int_eq(gpucost_call(text, &got), 0);
    size_t lines = 0;
    for (const char *p = got; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, GPUCOST_SWEEP_MAX + 1);
    gpucost_call_free(got);
    free(text);
    /* a list of quantities longer than there are quantities: the cap, not
     * "unknown quantity 'gpus'" */
    gpucost_buf_release(&rq);
    gpucost_buf_init(&rq);
    gpucost_buf_puts(&rq,
                     "{\"command\": \"compare\", \"scenarios\": [\"" V3 "\"], \"quantities\": [");
    for (int i = 0; i <= GPUCOST_Q_COUNT; i++)
        gpucost_buf_printf(&rq, "%s\"gpus\"", i ? ", " : "");
    gpucost_buf_puts(&rq, "]}");
    char path[32];
    snprintf(path, sizeof path, "quantities[%d]", (int)GPUCOST_Q_COUNT);
    snprintf(msg, sizeof msg, "at most %d names, one for each quantity", (int)GPUCOST_Q_COUNT);
    const char *last = strrchr(gpucost_buf_str(&rq), '"') - strlen("\"gpus");
    assert_error(gpucost_buf_str(&rq), "request", 1, (int)(last - gpucost_buf_str(&rq)) + 1, path,
                 msg, "limit");
    gpucost_buf_release(&rq);
}
END_TEST

START_TEST(test_call_turns_gsl_abort_off)
{
    /* GSL's default handler (NULL) aborts; after a call it is the no-op */
    gsl_set_error_handler(NULL);
    char *r = NULL;
    ck_assert_int_eq(gpucost_call("{\"command\": \"quantities\"}", &r), 0);
    gpucost_call_free(r);
    ck_assert_msg(gsl_set_error_handler_off() != NULL, "gpucost_call left GSL's aborting handler");
}
END_TEST

START_TEST(test_call_verdicts)
{
    /* check: 1 when a claim fails, the output still given */
    char *r = NULL;
    ck_assert_int_eq(gpucost_call("{\"command\": \"check\", \"scenarios\": [\"" V3 "\"], "
                                  "\"set\": {\"price_per_gpu_hour\": 4}}",
                                  &r),
                     1);
    ck_assert_ptr_nonnull(strstr(r, "\"summary\""));
    gpucost_call_free(r);
    ck_assert_int_eq(gpucost_call("{\"command\": \"check\", \"scenarios\": [\"" V3 "\"]}", &r), 0);
    gpucost_call_free(r);
    /* one file twice in a compare: as it is and renamed as a what-if */
    ck_assert_int_eq(gpucost_call("{\"command\": \"compare\", \"baseline\": \"deepseek-v3\", "
                                  "\"scenarios\": [\"" V3 "\", {\"file\": \"" V3 "\", \"id\": "
                                  "\"what-if\", \"set\": {\"gpus\": 50000}}]}",
                                  &r),
                     0);
    ck_assert_ptr_nonnull(strstr(r, "\"what-if\""));
    gpucost_call_free(r);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("call");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_call_is_the_command);
    tcase_add_test(core, test_call_values_of_set);
    tcase_add_test(core, test_call_verdicts);
    tcase_add_test(core, test_call_long_lists);
    tcase_add_test(core, test_call_turns_gsl_abort_off);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_call_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
