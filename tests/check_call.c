/*
 * check_call.c - the embedding entry point (call.h) and the command layer
 * under it (command.h): a JSON request gives byte for byte what the
 * command gives for the same request built in C (the program's path);
 * errors come back as {"error": {...}} with file, line, column and path;
 * the request's own mistakes are located in the request.
 */
#include "check_util.h"
#include "fuzz/valid_utf8.h"

#include <locale.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "gpucost/buf.h"
#include "gpucost/call.h"
#include "gpucost/command.h"
#include "gpucost/whatif.h"

#define V3 GPUCOST_MODELS "/scenarios/deepseek-v3.json"

/* The output of `command` on V3 with `sets`, through command.h. */
static char *direct(const char *command, const char *const *texts, size_t nsets, gpucost_format f)
{
    gpucost_set sets[8];
    ck_assert_uint_le(nsets, 8);
    for (size_t i = 0; i < nsets; i++) {
        sets[i].key = NULL;
        ck_assert_ok(gpucost_whatif_parse_set(texts[i], &sets[i].value, &e_));
    }
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

/* The output of `command` on V3 with the typed assignments `sets`. */
static char *direct_typed(const char *command, const gpucost_set *sets, size_t nsets)
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
    rq.format = GPUCOST_FMT_JSON;
    rq.catalog = c;
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_ok(gpucost_command_execute(&rq, &b, NULL, &e_));
    char *s = strdup(gpucost_buf_str(&b));
    gpucost_buf_release(&b);
    gpucost_catalog_free(c);
    return s;
}

/* The response to `run` on V3 with the "set" object `set`. */
static char *run_with(const char *set)
{
    char request[512], *r = NULL;
    snprintf(request, sizeof request,
             "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": %s}", set);
    ck_assert_int_eq(gpucost_call(request, &r), 0);
    return r;
}

/* "set" is read as typed, straight into overrides: a number stays the
 * number (no text between, so every bit of it arrives), an object
 * {"low", "high"} is a range and any other range object the distribution
 * it names, null and "none" take an input out. */
START_TEST(test_call_typed_set)
{
    gpucost_quantity gpus, price, hours;
    ck_assert_int_eq(gpucost_quantity_lookup("gpus", &gpus), 0);
    ck_assert_int_eq(gpucost_quantity_lookup("price_per_gpu_hour", &price), 0);
    ck_assert_int_eq(gpucost_quantity_lookup("gpu_hours", &hours), 0);
    gpucost_dist lognormal;
    ck_assert_int_eq(gpucost_dist_lognormal90(&lognormal, 1.385, 3.385), 0);
    const struct {
        const char *json;
        gpucost_set want;
    } cases[] = {
        {"{\"gpus\": 2385}", {gpucost_override_point(gpus, 2385), NULL}},
        {"{\"price_per_gpu_hour\": 2.3850000000000002}",
         {gpucost_override_point(price, 2.3850000000000002), NULL}},
        {"{\"price_per_gpu_hour\": {\"low\": 1.385, \"high\": 3.385}}",
         {gpucost_override_interval(price, 1.385, 3.385), NULL}},
        {"{\"price_per_gpu_hour\": {\"dist\": \"lognormal\", \"low\": 1.385, \"high\": 3.385}}",
         {gpucost_override_dist(price, &lognormal), NULL}},
        {"{\"gpu_hours\": null}", {gpucost_override_remove(hours), NULL}},
        {"{\"gpu_hours\": \"none\"}", {gpucost_override_remove(hours), NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = run_with(cases[i].json);
        char *want = direct_typed("run", &cases[i].want, 1);
        ck_assert_msg(strcmp(got, want) == 0, "%s", cases[i].json);
        gpucost_call_free(got);
        free(want);
    }
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

/* A "set" value of the wrong type, a name that takes a word given a
 * number, and a value out of its quantity's domain: each names its
 * request key, located in the request where it can be. */
START_TEST(test_call_typed_set_errors)
{
    const char *arr =
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"gpus\": [2385]}}";
    assert_error(arr, "request", 1, (int)(strstr(arr, "[2385]") - arr) + 1, "set.gpus",
                 "expected a number, a string like \"50k\" or \"1.5..3.5\", {\"low\": a, "
                 "\"high\": b} or null, got an array",
                 "invalid");
    const char *hw =
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"hardware\": 100}}";
    assert_error(hw, "request", 1, (int)(strstr(hw, "100}") - hw) + 1, "set.hardware",
                 "'hardware' takes a name as a string, not a number, a range or none", "invalid");
    const char *typo =
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"gpuz\": 2385}}";
    assert_error(typo, "request", 1, (int)(strstr(typo, "2385") - typo) + 1, "set.gpuz",
                 "unknown quantity 'gpuz' (did you mean 'gpus'?)", "invalid");
    const char *half =
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"mfu\": {\"low\": 0.2}}}";
    assert_error(half, "request", 1, (int)(strstr(half, "{\"low") - half) + 1, "set.mfu",
                 "missing key 'high'", "invalid");
    const char *upside = "{\"command\": \"run\", \"scenarios\": [\"" V3
                         "\"], \"set\": {\"mfu\": {\"low\": 0.5, \"high\": 0.2}}}";
    assert_error(upside, "request", 1, (int)(strstr(upside, "{\"low") - upside) + 1, "set.mfu",
                 "invalid range: low must not exceed high", "invalid");
    /* applied to the scenario: the key of the scenario's own assignment */
    cJSON *e = error_of("{\"command\": \"run\", \"scenarios\": [{\"file\": \"" V3
                        "\", \"set\": {\"mfu\": 38.5}}]}");
    ck_assert_str_eq(cJSON_GetObjectItem(e, "path")->valuestring, "scenarios[0].set.mfu");
    ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(e, "message")->valuestring, "fraction"));
    cJSON_Delete(e);
}
END_TEST

/* Errors name request keys (call.h), never the program's options: a
 * path is a key ("sweep"), and a message quotes any other as `key`. */
START_TEST(test_call_errors_name_keys)
{
    const struct {
        const char *request, *path, *message;
    } cases[] = {
        {"{\"command\": \"compare\", \"scenarios\": [\"" V3 "\"], \"sweep\": \"gpus\"}", "sweep",
         "expected NAME=V1,V2,..., got 'gpus'"},
        {"{\"command\": \"compare\", \"scenarios\": [\"" V3 "\"], \"sweep\": \"gpus=1,lots\"}",
         "sweep",
         "expected a number (like 50k, 2.8M, 1.5e6), a range LOW..HIGH or none, got 'lots'"},
        {"{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"sweep\": \"gpus=1,2\"}", "",
         "`sweep` applies to 'compare' only"},
        {"{\"command\": \"compare\", \"scenarios\": [\"" V3 "\"], \"sweep\": \"gpus=1,2\", "
         "\"baseline\": \"x\"}",
         "", "`sweep` compares to its first value; `baseline` does not apply"},
        {"{\"command\": \"solve\", \"scenarios\": [\"" V3 "\"], \"for\": \"gpu\", \"target\": "
         "\"wall_days=30\"}",
         "for", "unknown quantity 'gpu' (did you mean 'gpus'?)"},
        {"{\"command\": \"solve\", \"scenarios\": [\"" V3 "\"]}", "",
         "'solve' needs `for` INPUT and `target` QUANTITY=VALUE"},
        {"{\"command\": \"range\", \"scenarios\": [\"" V3 "\"], \"chart\": \"pie\"}", "chart",
         "expected histogram or tornado, got 'pie'"},
        {"{\"command\": \"compare\", \"scenarios\": [\"" V3 "\"], \"baseline\": \"gpt-5\"}",
         "baseline", "no scenario with the id 'gpt-5' among the files (ids: deepseek-v3)"},
        {"{\"command\": \"hardware\", \"catalog\": \"" GPUCOST_MODELS "/hardware\", \"on\": "
         "\"2024-01-01\", \"rules\": true}",
         "", "`on`, `history` and `rules` are different views: give one"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *e = error_of(cases[i].request);
        const char *path = cJSON_GetObjectItem(e, "path")->valuestring;
        const char *msg = cJSON_GetObjectItem(e, "message")->valuestring;
        ck_assert_msg(strcmp(path, cases[i].path) == 0, "%s: path '%s'", cases[i].request, path);
        ck_assert_msg(strcmp(msg, cases[i].message) == 0, "%s: '%s'", cases[i].request, msg);
        ck_assert_ptr_null(strstr(msg, "--"));
        cJSON_Delete(e);
    }
}
END_TEST

/* The same through gpucost_command_execute: the request key, whatever
 * front end built the request. */
START_TEST(test_command_errors_name_keys)
{
    gpucost_catalog *c = test_catalog();
    gpucost_scenario_input in = {.file = V3};
    gpucost_request rq;
    gpucost_request_init(&rq);
    rq.command = "compare";
    rq.scenarios = &in;
    rq.nscenarios = 1;
    rq.catalog = c;
    rq.sweep = "gpus";
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    ck_assert_int_eq(gpucost_command_execute(&rq, &b, NULL, &err), GPUCOST_EUSAGE);
    ck_assert_str_eq(err.path, "sweep");
    ck_assert_str_eq(err.message, "expected NAME=V1,V2,..., got 'gpus'");
    /* an assignment with no key of its own is "set.NAME" */
    gpucost_quantity mfu;
    ck_assert_int_eq(gpucost_quantity_lookup("mfu", &mfu), 0);
    gpucost_set set = {gpucost_override_point(mfu, 38.5), NULL};
    rq.command = "run";
    rq.sweep = NULL;
    rq.sets = &set;
    rq.nsets = 1;
    ck_assert_int_eq(gpucost_command_execute(&rq, &b, NULL, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "set.mfu");
    /* and one with a key, that key */
    set.key = "scenarios[0].set.mfu";
    ck_assert_int_eq(gpucost_command_execute(&rq, &b, NULL, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "scenarios[0].set.mfu");
    gpucost_buf_release(&b);
    gpucost_catalog_free(c);
}
END_TEST

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
    /* a string value through the --set grammar, located in the request */
    const char *lots =
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"gpus\": \"lots\"}}";
    assert_error(lots, "request", 1, (int)(strstr(lots, "\"lots") - lots) + 1, "set.gpus",
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
    /* the empty request names what it lacks; an empty id is refused as a
     * file's is; a number beyond a double (Python's 10**400) is named where
     * the request has it, not read back as null */
    assert_error("{}", "request", 1, 1, "",
                 "missing key 'command' (run, compare, check, range, solve, reconcile, "
                 "hardware, quantities or report)",
                 "invalid");
    assert_error(
        "{\"command\": \"run\", \"scenarios\": [{\"file\": \"" V3 "\", \"id\": \"\"}]}", "request",
        1,
        (int)strlen("{\"command\": \"run\", \"scenarios\": [{\"file\": \"" V3 "\", \"id\": ") + 1,
        "scenarios[0].id", "expected a non-empty string", "invalid");
    assert_error(
        "{\"command\": \"run\", \"scenarios\": [{\"id\": \"x\", \"inputs\": {\"gpus\": 1e400}}]}",
        "request", 1, 65, "scenarios[0].inputs.gpus", "number is out of range (not finite)",
        "invalid");
    assert_error(
        "{\"command\": \"run\", \"scenarios\": [{\"scenario\": {\"id\": \"x\", \"inputs\": "
        "{\"gpus\": 1e400}}}]}",
        "request", 1, 78, "scenarios[0].scenario.inputs.gpus",
        "number is out of range (not finite)", "invalid");
    assert_error(
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"gpus\": 1e400}}",
        "request", 1,
        (int)strlen("{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"gpus\": ") + 1,
        "set.gpus", "number is out of range (not finite)", "invalid");
    const char *dots =
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"mfu\": \"1...3\"}}";
    assert_error(dots, "request", 1, (int)(strstr(dots, "\"1...") - dots) + 1, "set.mfu",
                 "expected LOW..HIGH, two numbers joined by exactly two dots, got '1...3'",
                 "invalid");
    char *r = (char *)1;
    ck_assert_int_eq(gpucost_call(NULL, &r), 2);
    ck_assert_ptr_nonnull(strstr(r, "no request"));
    gpucost_call_free(r);
    ck_assert_int_eq(gpucost_call("{\"command\": \"quantities\"}", NULL), 0); /* not kept */
}
END_TEST

/* "quantiles" and "reconcile" through the call: the quantiles asked for
 * are the ones range reports (with the samples, sobol_samples and threads
 * it was given), a report takes its reconcile case by its file, and each
 * list of the wrong shape is named where the request has it. */
START_TEST(test_call_quantiles_and_cases)
{
    char *r = NULL;
    ck_assert_int_eq(gpucost_call("{\"command\": \"range\", \"format\": \"json\", \"scenarios\": "
                                  "[\"" V3 "\"], \"quantiles\": [0.1, 0.9], \"samples\": 2000, "
                                  "\"threads\": 1, \"sobol\": true, \"sobol_samples\": 64}",
                                  &r),
                     0);
    cJSON *doc = cJSON_Parse(r);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(cJSON_GetObjectItem(doc, "samples")->valueint, 2000);
    ck_assert_int_eq(cJSON_GetObjectItem(doc, "threads")->valueint, 1);
    /* sobol_samples x (inputs + 2) evaluations */
    int ninputs = cJSON_GetArraySize(cJSON_GetObjectItem(doc, "inputs"));
    ck_assert_int_eq(cJSON_GetObjectItem(doc, "sobol_evaluations")->valueint, 64 * (ninputs + 2));
    cJSON *cost = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "quantities"), "capex_usd");
    ck_assert_ptr_nonnull(cJSON_GetObjectItem(cost, "p10"));
    ck_assert_ptr_nonnull(cJSON_GetObjectItem(cost, "p90"));
    ck_assert_ptr_null(cJSON_GetObjectItem(cost, "p50"));
    ck_assert_double_lt(cJSON_GetObjectItem(cost, "p10")->valuedouble,
                        cJSON_GetObjectItem(cost, "p90")->valuedouble);
    cJSON_Delete(doc);
    gpucost_call_free(r);
    ck_assert_int_eq(gpucost_call("{\"command\": \"report\", \"scenarios\": [\"" V3 "\"], "
                                  "\"reconcile\": [\"" GPUCOST_MODELS "/cases/llama3-405b.json\"]}",
                                  &r),
                     0);
    ck_assert_ptr_nonnull(strstr(r, "llama3-405b"));
    gpucost_call_free(r);
    const char *scalar = "{\"command\": \"range\", \"scenarios\": [\"" V3 "\"], \"quantiles\": 5}";
    assert_error(scalar, "request", 1, (int)(strstr(scalar, "5}") - scalar) + 1, "quantiles",
                 "expected an array of numbers in (0, 1), got a number", "invalid");
    gpucost_buf many;
    gpucost_buf_init(&many);
    gpucost_buf_puts(&many,
                     "{\"command\": \"range\", \"scenarios\": [\"" V3 "\"], \"quantiles\": [");
    for (int i = 0; i <= GPUCOST_MAX_QUANTILES; i++)
        gpucost_buf_printf(&many, "%s0.5", i ? ", " : "");
    gpucost_buf_puts(&many, "]}");
    cJSON *e = error_of(gpucost_buf_str(&many));
    char at[32];
    snprintf(at, sizeof at, "quantiles[%d]", GPUCOST_MAX_QUANTILES);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "path")->valuestring, at);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "code")->valuestring, "limit");
    cJSON_Delete(e);
    gpucost_buf_release(&many);
    const char *word =
        "{\"command\": \"report\", \"scenarios\": [\"" V3 "\"], \"reconcile\": \"x\"}";
    assert_error(word, "request", 1, (int)(strstr(word, "\"x\"") - word) + 1, "reconcile",
                 "expected an array of \"FILE[,FILE...]\", got a string", "invalid");
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
    /* scenarios past the cap: refused before any is loaded, at the list */
    gpucost_buf_release(&rq);
    gpucost_buf_init(&rq);
    gpucost_buf_puts(&rq, "{\"command\": \"check\", \"scenarios\": [");
    for (int i = 0; i <= GPUCOST_CALL_MAX_SCENARIOS; i++)
        gpucost_buf_printf(&rq, "%s\"" V3 "\"", i ? ", " : "");
    gpucost_buf_puts(&rq, "]}");
    snprintf(msg, sizeof msg,
             "%d scenarios (folders expanded); a request takes at most %d, each held while the "
             "command runs",
             GPUCOST_CALL_MAX_SCENARIOS + 1, GPUCOST_CALL_MAX_SCENARIOS);
    const char *open = strchr(gpucost_buf_str(&rq), '[');
    assert_error(gpucost_buf_str(&rq), "request", 1, (int)(open - gpucost_buf_str(&rq)) + 1,
                 "scenarios", msg, "limit");
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

/* "root": nothing outside it is read, whichever way a path leads out of
 * it (an absolute path, "..", a symbolic link, a folder's link, the
 * catalog's folder or the one beside it), and the catalog is not looked
 * for above the scenarios; inside it, the call runs as without. */
START_TEST(test_call_root_confines_paths)
{
    const char *head = "{\"command\": \"run\", \"root\": \"" GPUCOST_MODELS "\", ";
    char req[2048];
    /* inside: the scenario and the catalog under the root */
    snprintf(req, sizeof req, "%s\"catalog\": \"%s\", \"scenarios\": [\"%s\"]}", head,
             GPUCOST_MODELS "/hardware", V3);
    char *r = NULL;
    ck_assert_int_eq(gpucost_call(req, &r), 0);
    gpucost_call_free(r);
    static const char *const outside[][2] = {
        {"\"scenarios\": [\"/etc/passwd\"]", "scenarios[0]"},
        {"\"scenarios\": [\"" GPUCOST_MODELS "/../README.md\"]", "scenarios[0]"},
        {"\"scenarios\": [{\"file\": \"" GPUCOST_MODELS "/../tests/data/conflict.json\"}]",
         "scenarios[0].file"},
        {"\"catalog\": \"" GPUCOST_MODELS "/../tests/data/rules-bad/cycle/hardware\"", "catalog"},
        {"\"default_defaults\": \"" GPUCOST_MODELS "/../CMakeLists.txt\"", "default_defaults"},
    };
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        snprintf(req, sizeof req, "%s%s}", head, outside[i][0]);
        cJSON *e = error_of(req);
        ck_assert_str_eq(cJSON_GetObjectItem(e, "file")->valuestring, "request");
        ck_assert_str_eq(cJSON_GetObjectItem(e, "path")->valuestring, outside[i][1]);
        ck_assert_msg(strstr(cJSON_GetObjectItem(e, "message")->valuestring,
                             "is outside the request's \"root\"") != NULL,
                      "%s: %s", req, cJSON_GetObjectItem(e, "message")->valuestring);
        cJSON_Delete(e);
    }
    /* a link under the root that leads out of it, named or in a folder */
    cJSON *e;
    char dir[] = "/tmp/gpucost-root-XXXXXX", sub[64], link[96];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/s", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    snprintf(link, sizeof link, "%s/v3.json", sub);
    ck_assert_int_eq(symlink(V3, link), 0);
    const char *cmds[] = {"run", "check"};
    const char *args[] = {link, sub};
    for (size_t i = 0; i < 2; i++) {
        snprintf(req, sizeof req,
                 "{\"command\": \"%s\", \"root\": \"%s\", \"scenarios\": [\"%s\"]}", cmds[i], dir,
                 args[i]);
        e = error_of(req);
        ck_assert_str_eq(cJSON_GetObjectItem(e, "path")->valuestring, "scenarios[0]");
        ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(e, "message")->valuestring, "outside"));
        cJSON_Delete(e);
    }
    /* a catalog under the root with a link in its hardware/ that leads
     * out: refused at "catalog", naming the link */
    char hw[96], hwlink[128];
    snprintf(hw, sizeof hw, "%s/hardware", dir);
    ck_assert_int_eq(mkdir(hw, 0700), 0);
    snprintf(hwlink, sizeof hwlink, "%s/h100.json", hw);
    ck_assert_int_eq(symlink(GPUCOST_MODELS "/hardware/h100.json", hwlink), 0);
    snprintf(req, sizeof req, "{\"command\": \"hardware\", \"root\": \"%s\", \"catalog\": \"%s\"}",
             dir, hw);
    e = error_of(req);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "path")->valuestring, "catalog");
    ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(e, "message")->valuestring, "h100.json"));
    ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(e, "message")->valuestring, "outside"));
    cJSON_Delete(e);
    unlink(hwlink);
    rmdir(hw);
    /* without a root the same request reads the link, as given */
    snprintf(req, sizeof req,
             "{\"command\": \"run\", \"catalog\": \"%s\", \"scenarios\": [\"%s\"]}",
             GPUCOST_MODELS "/hardware", link);
    ck_assert_int_eq(gpucost_call(req, &r), 0);
    gpucost_call_free(r);
    unlink(link);
    rmdir(sub);
    rmdir(dir);
    /* a root that is not a folder */
    e = error_of("{\"command\": \"quantities\", \"root\": \"" V3 "\"}");
    ck_assert_str_eq(cJSON_GetObjectItem(e, "path")->valuestring, "root");
    cJSON_Delete(e);
}
END_TEST

/* The answer to `request` (status `want`), a new string. */
static char *answer(const char *request, int want)
{
    char *r = NULL;
    int rc = gpucost_call(request, &r);
    ck_assert_msg(rc == want, "%s: status %d: %s", request, rc, r ? r : "(null)");
    char *s = strdup(r);
    gpucost_call_free(r);
    return s;
}

/* format "html": the human tables as HTML, each value with its exact
 * number; range's adds both charts from its one computation. */
START_TEST(test_call_html_tables)
{
    char *run =
        answer("{\"command\": \"run\", \"format\": \"html\", \"scenarios\": [\"" V3 "\"]}", 0);
    /* 2,048 GPUs reads as the program prints it, 2048 behind it */
    ck_assert_ptr_nonnull(strstr(run, "<td>gpus</td><td class=\"num\" data-value=\"2048\">"
                                      "2,048 GPUs</td>"));
    ck_assert_ptr_nonnull(strstr(run, "<table class=\"quantities\">"));
    ck_assert_ptr_nonnull(strstr(run, "<table class=\"claims\">")); /* as check tests them */
    free(run);
    char *range = answer("{\"command\": \"range\", \"format\": \"html\", \"samples\": 2385, "
                         "\"scenarios\": [\"" V3 "\"], \"set\": {\"mfu\": \"0.3..0.45\"}}",
                         0);
    ck_assert_ptr_nonnull(strstr(range, "<table class=\"range\">"));
    ck_assert_ptr_nonnull(strstr(range, "<div class=\"chart histogram\">"));
    ck_assert_ptr_nonnull(strstr(range, "<div class=\"chart tornado\">"));
    ck_assert_ptr_nonnull(strstr(range, "2,385 samples"));
    free(range);
    char *cmp = answer("{\"command\": \"compare\", \"format\": \"html\", \"baseline\": \"a\", "
                       "\"scenarios\": [{\"file\": \"" V3 "\", \"id\": \"a\"}, {\"file\": \"" V3
                       "\", \"id\": \"b\", \"set\": {\"gpus\": 4096}}]}",
                       0);
    ck_assert_ptr_nonnull(strstr(cmp, "data-value=\"4096\">4,096 (2.00x)</td>"));
    free(cmp);
}
END_TEST

/* The edited scenario (format "scenario") of `sets`: parsed, its inputs. */
static cJSON *edited(const char *sets)
{
    char request[512];
    snprintf(request, sizeof request,
             "{\"command\": \"run\", \"format\": \"scenario\", \"scenarios\": [\"" V3
             "\"], \"set\": %s}",
             sets);
    char *text = answer(request, 0);
    cJSON *root = cJSON_Parse(text);
    ck_assert_msg(root != NULL, "not JSON: %s", text);
    free(text);
    return root;
}

static double input_number(const cJSON *root, const char *name)
{
    const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "inputs"), name);
    ck_assert_msg(cJSON_IsNumber(v), "inputs.%s is not a number", name);
    return v->valuedouble;
}

/* format "scenario": the file as written with the what-if in its inputs,
 * which runs to the what-if's numbers with no --set left. */
START_TEST(test_call_scenario_as_edited)
{
    cJSON *root = edited("{\"gpus\": 4096, \"wall_days\": null, \"mfu\": \"0.3..0.45\"}");
    ck_assert_double_eq(input_number(root, "gpus"), 4096);
    ck_assert_double_eq(input_number(root, "gpu_hours"), 2788000); /* kept as written */
    ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "inputs"), "wall_days"));
    const cJSON *mfu = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "inputs"), "mfu");
    ck_assert_double_eq(cJSON_GetObjectItem(mfu, "low")->valuedouble, 0.3);
    ck_assert_double_eq(cJSON_GetObjectItem(mfu, "high")->valuedouble, 0.45);
    ck_assert_str_eq(cJSON_GetObjectItem(root, "id")->valuestring, "deepseek-v3");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "claims")), 4);
    cJSON_Delete(root);
    /* on other hardware: the held mfu pinned, gpu_hours and the old
     * part's price dropped; the file runs to the what-if's numbers */
    root = edited("{\"hardware\": \"h100\", \"gpus\": 50000}");
    const cJSON *in = cJSON_GetObjectItem(root, "inputs");
    ck_assert_str_eq(cJSON_GetObjectItem(in, "hardware")->valuestring, "h100");
    ck_assert_ptr_null(cJSON_GetObjectItem(in, "gpu_hours"));
    ck_assert_ptr_null(cJSON_GetObjectItem(in, "price_per_gpu_hour"));
    ck_assert_double_gt(input_number(root, "mfu"), 0.1);
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    cJSON *req = cJSON_CreateObject();
    cJSON_AddStringToObject(req, "command", "run");
    cJSON_AddStringToObject(req, "catalog", GPUCOST_MODELS "/hardware");
    cJSON *sc = cJSON_AddArrayToObject(req, "scenarios");
    cJSON *one = cJSON_CreateObject();
    cJSON_AddStringToObject(one, "text", text);
    cJSON_AddStringToObject(one, "file", "edited.json");
    cJSON_AddItemToArray(sc, one);
    char *request = cJSON_PrintUnformatted(req);
    cJSON_Delete(req);
    free(text);
    char *got = answer(request, 0);
    free(request);
    char *want = answer("{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], "
                        "\"set\": {\"hardware\": \"h100\", \"gpus\": 50000}}",
                        0);
    cJSON *g = cJSON_Parse(got), *w = cJSON_Parse(want);
    const cJSON *gq = cJSON_GetObjectItem(cJSON_GetArrayItem(g, 0), "quantities");
    const cJSON *wq = cJSON_GetObjectItem(cJSON_GetArrayItem(w, 0), "quantities");
    const char *names[] = {"wall_days", "cost_usd", "gpu_hours", "training_flops", "mfu"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_double_eq_tol(
            cJSON_GetObjectItem(cJSON_GetObjectItem(gq, names[i]), "value")->valuedouble,
            cJSON_GetObjectItem(cJSON_GetObjectItem(wq, names[i]), "value")->valuedouble,
            1e-9 *
                fabs(cJSON_GetObjectItem(cJSON_GetObjectItem(wq, names[i]), "value")->valuedouble));
    cJSON_Delete(g);
    cJSON_Delete(w);
    free(got);
    free(want);
}
END_TEST

/* Every form an uncertain value takes is written back as a scenario file
 * writes it (normal by mean and sd, uniform and triangular by their
 * bounds, a lognormal by its 90% interval), and a precision and an
 * amortisation are written as their names. */
START_TEST(test_call_scenario_as_edited_forms)
{
    cJSON *root = edited("{\"gpus\": {\"dist\": \"normal\", \"mean\": 2048, \"sd\": 64}, "
                         "\"mfu\": {\"dist\": \"uniform\", \"min\": 0.3, \"max\": 0.4}, "
                         "\"gpu_price_usd\": {\"dist\": \"triangular\", \"min\": 2e4, "
                         "\"mode\": 3e4, \"max\": 4e4}, \"price_per_gpu_hour\": {\"dist\": "
                         "\"lognormal\", \"low\": 1.5, \"high\": 3.5}, \"precision\": \"bf16\", "
                         "\"amortisation\": \"straight_line\"}");
    const cJSON *in = cJSON_GetObjectItem(root, "inputs");
    const cJSON *g = cJSON_GetObjectItem(in, "gpus");
    ck_assert_str_eq(cJSON_GetObjectItem(g, "dist")->valuestring, "normal");
    ck_assert_double_eq(cJSON_GetObjectItem(g, "mean")->valuedouble, 2048);
    ck_assert_double_eq(cJSON_GetObjectItem(g, "sd")->valuedouble, 64);
    const cJSON *m = cJSON_GetObjectItem(in, "mfu");
    ck_assert_str_eq(cJSON_GetObjectItem(m, "dist")->valuestring, "uniform");
    ck_assert_double_eq(cJSON_GetObjectItem(m, "min")->valuedouble, 0.3);
    ck_assert_double_eq(cJSON_GetObjectItem(m, "max")->valuedouble, 0.4);
    const cJSON *t = cJSON_GetObjectItem(in, "gpu_price_usd");
    ck_assert_str_eq(cJSON_GetObjectItem(t, "dist")->valuestring, "triangular");
    ck_assert_double_eq(cJSON_GetObjectItem(t, "mode")->valuedouble, 3e4);
    const cJSON *l = cJSON_GetObjectItem(in, "price_per_gpu_hour");
    ck_assert_str_eq(cJSON_GetObjectItem(l, "dist")->valuestring, "lognormal");
    ck_assert_double_eq_tol(cJSON_GetObjectItem(l, "low")->valuedouble, 1.5, 1e-9);
    ck_assert_double_eq_tol(cJSON_GetObjectItem(l, "high")->valuedouble, 3.5, 1e-9);
    ck_assert_str_eq(cJSON_GetObjectItem(in, "precision")->valuestring, "bf16");
    ck_assert_str_eq(cJSON_GetObjectItem(in, "amortisation")->valuestring, "straight_line");
    cJSON_Delete(root);
}
END_TEST

/* A host that set LC_NUMERIC to de_DE (Python's locale.setlocale) gets
 * the same bytes as under "C": "2.5" read as 2.5, SVG coordinates, CSV
 * cells and table values written with '.', and its locale given back. */
START_TEST(test_call_same_bytes_in_any_locale)
{
    locale_t de = test_german_locale();
    if (de == (locale_t)0) {
        fprintf(stderr,
                "check_call: no de_DE.UTF-8 locale and no localedef: locale test skipped\n");
        return;
    }
    const char *requests[] = {
        "{\"command\": \"run\", \"scenarios\": [\"" V3 "\"], \"set\": {\"price_per_gpu_hour\": "
        "\"2.5\", \"mfu\": 0.385}}",
        "{\"command\": \"run\", \"format\": \"table\", \"scenarios\": [\"" V3 "\"], "
        "\"set\": [\"price_per_gpu_hour=2.5\"]}",
        "{\"command\": \"compare\", \"format\": \"svg\", \"scenarios\": [\"" GPUCOST_MODELS
        "/scenarios\"]}",
        "{\"command\": \"check\", \"format\": \"csv\", \"scenarios\": [\"" V3 "\"]}",
        "{\"command\": \"range\", \"format\": \"table\", \"samples\": 2000, \"seed\": 7, "
        "\"scenarios\": [\"" V3 "\"], \"set\": {\"mfu\": \"0.3..0.45\"}}",
    };
    const int status[] = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        char *c = answer(requests[i], status[i]);
        locale_t old = uselocale(de);
        char two[8];
        snprintf(two, sizeof two, "%.1f", 2.5);
        ck_assert_str_eq(two, "2,5"); /* the host's locale is in force */
        char *d = answer(requests[i], status[i]);
        ck_assert_msg(uselocale((locale_t)0) == de, "gpucost_call did not give the locale back");
        uselocale(old);
        ck_assert_msg(strcmp(c, d) == 0, "request %zu differs under de_DE:\n%.400s\nvs C:\n%.400s",
                      i, d, c);
        free(c);
        free(d);
    }
    /* and the numbers are the ones asked for: 2.5 $/GPU-hour, not 2 */
    locale_t old = uselocale(de);
    char *r = answer(requests[0], 0);
    uselocale(old);
    cJSON *root = cJSON_Parse(r);
    ck_assert_ptr_nonnull(root);
    const cJSON *sc = cJSON_GetArrayItem(root, 0);
    const cJSON *q = cJSON_GetObjectItem(sc, "quantities");
    double price =
        cJSON_GetObjectItem(cJSON_GetObjectItem(q, "price_per_gpu_hour"), "value")->valuedouble;
    ck_assert_rel(price, 2.5, 1e-12);
    cJSON_Delete(root);
    free(r);
    freelocale(de);
}
END_TEST

/* An unknown key of many four-byte characters, at every offset: the
 * error's message, cut where it is long, stays valid UTF-8 (libFuzzer's
 * finding: the message was cut in a fixed array before it was copied). */
START_TEST(test_call_long_unknown_key_utf8)
{
    for (int k = 0; k < 4; k++) {
        gpucost_buf rq;
        gpucost_buf_init(&rq);
        gpucost_buf_puts(&rq, "{\"");
        for (int i = 0; i < k; i++)
            gpucost_buf_puts(&rq, "a");
        for (int i = 0; i < 120; i++)
            gpucost_buf_puts(&rq, "\xF2\xA0\xA0\xA0");
        gpucost_buf_puts(&rq, "\": 1, \"command\": \"quantities\"}");
        char *out = NULL;
        ck_assert_int_eq(gpucost_call(gpucost_buf_str(&rq), &out), 2);
        ck_assert_msg(fuzz_valid_utf8(out), "offset %d: %s", k, out);
        ck_assert_ptr_nonnull(strstr(out, "unknown key"));
        gpucost_call_free(out);
        gpucost_buf_release(&rq);
    }
}
END_TEST

/* "scenario" is run's, of one file. */
START_TEST(test_call_scenario_format_errors)
{
    cJSON *e =
        error_of("{\"command\": \"check\", \"format\": \"scenario\", \"scenarios\": [\"" V3 "\"]}");
    ck_assert_str_eq(cJSON_GetObjectItem(e, "message")->valuestring,
                     "`format` scenario is 'run's (the scenario file as edited)");
    cJSON_Delete(e);
    e = error_of("{\"command\": \"run\", \"format\": \"scenario\", \"scenarios\": [\"" V3
                 "\", \"" V3 "\"]}");
    ck_assert_str_eq(cJSON_GetObjectItem(e, "message")->valuestring,
                     "`format` scenario writes one scenario FILE");
    cJSON_Delete(e);
    /* a format the command does not offer is a usage error naming those
     * it does, from the one format table */
    e = error_of("{\"command\": \"quantities\", \"format\": \"html\"}");
    ck_assert_str_eq(cJSON_GetObjectItem(e, "code")->valuestring, "usage");
    ck_assert_str_eq(
        cJSON_GetObjectItem(e, "message")->valuestring,
        "`format` html is not available for 'quantities' (use table, md, csv or json)");
    cJSON_Delete(e);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("call");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_call_is_the_command);
    tcase_add_test(core, test_call_quantiles_and_cases);
    tcase_add_test(core, test_call_values_of_set);
    tcase_add_test(core, test_call_typed_set);
    tcase_add_test(core, test_call_verdicts);
    tcase_add_test(core, test_call_long_lists);
    tcase_add_test(core, test_call_long_unknown_key_utf8);
    tcase_add_test(core, test_call_turns_gsl_abort_off);
    tcase_add_test(core, test_call_same_bytes_in_any_locale);
    tcase_add_test(core, test_call_html_tables);
    tcase_add_test(core, test_call_scenario_as_edited);
    tcase_add_test(core, test_call_scenario_as_edited_forms);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_call_errors);
    tcase_add_test(errors, test_call_typed_set_errors);
    tcase_add_test(errors, test_call_errors_name_keys);
    tcase_add_test(errors, test_command_errors_name_keys);
    tcase_add_test(errors, test_call_root_confines_paths);
    tcase_add_test(errors, test_call_scenario_format_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
