/*
 * call.c - gpucost_call (call.h): a JSON request into the gpucost_request
 * the program builds from argv, run by the same gpucost_command_execute,
 * answered with the same output or the same error as JSON.
 *
 * Design: the request is read with the scenario reader's helpers (json.h),
 * so a mistake in it is located like one in a scenario ("request", line,
 * column, JSON path) and unknown keys get a "did you mean".  A value of
 * "set" is read as it is typed (a number stays a number, {"low", "high"}
 * a range, null none); a string goes through the --set grammar
 * (whatif_set.c).  A scenario object is read from the parsed request,
 * never printed back to text.  Everything the request needs is owned by
 * a call_ctx and freed in one place.
 */
/* realpath() (confine) is XSI */
#define _XOPEN_SOURCE 700

#include "gpucost/call.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "gpucost/command.h"
#include "gpucost/dir.h"
#include "gpucost/range.h"
#include "base/json_out.h"
#include "gpucost/scenario.h"
#include "gpucost/whatif.h"
#include "base/alloc.h"
#include "read/json.h"
#include "base/text.h"

#define REQUEST_FILE "request"

typedef struct call_ctx {
    gc_json_doc doc;
    gpucost_request rq;
    gpucost_scenario_input *inputs;
    size_t ninputs, cap;
    void **owned; /* everything allocated for the request, freed at the end */
    size_t nowned, capowned;
    gpucost_quantity hold[GPUCOST_Q_COUNT], quantities[GPUCOST_Q_COUNT];
    double quantiles[GPUCOST_MAX_QUANTILES];
    const char *first_path; /* where the catalog is looked for */
    char *root;             /* "root", resolved (realpath), or NULL: see confine() */
    gpucost_catalog *catalog;
} call_ctx;

/* Takes ownership of `p` (freed by ctx_release); NULL stays NULL. */
static void *keep(call_ctx *c, void *p)
{
    if (p == NULL)
        return NULL;
    if (c->nowned == c->capowned) {
        size_t cap = c->capowned ? 2 * c->capowned : 32;
        void **q = gc_realloc(c->owned, cap * sizeof *q);
        if (q == NULL) {
            gc_free(p);
            return NULL;
        }
        c->owned = q;
        c->capowned = cap;
    }
    c->owned[c->nowned++] = p;
    return p;
}

static void ctx_release(call_ctx *c)
{
    for (size_t i = 0; i < c->nowned; i++)
        gc_free(c->owned[i]);
    gc_free(c->owned);
    gc_free(c->inputs);
    free(c->root); /* realpath()'s, libc's */
    gpucost_catalog_free(c->catalog);
    gc_json_doc_release(&c->doc);
}

static gpucost_status nomem(gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* With "root": whether `path` (and, with `parent`, the folder it is in,
 * for a catalog whose rules/, architectures/ and defaults.json lie beside
 * it) resolves, symbolic links and ".." followed (realpath), to root or
 * below it; the error names the request's `node` at `at` and the path as
 * the request wrote it, never where it led.  Without "root", OK. */
static gpucost_status confine(call_ctx *c, const cJSON *node, const char *at, const char *path,
                              int parent, gpucost_error *err)
{
    if (c->root == NULL)
        return GPUCOST_OK;
    char *real = realpath(path, NULL);
    if (real == NULL)
        return gc_json_fail(&c->doc, node, GPUCOST_EIO, at, err, "'%s': %s", path, strerror(errno));
    size_t n = strlen(c->root);
    if (parent) {
        char *slash = strrchr(real, '/');
        if (slash != NULL)
            slash[slash == real] = '\0';
    }
    int inside = strncmp(real, c->root, n) == 0 &&
                 (real[n] == '\0' || real[n] == '/' || (n == 1 && c->root[0] == '/'));
    free(real); /* realpath()'s */
    return inside ? GPUCOST_OK
                  : gc_json_fail(&c->doc, node, GPUCOST_EINVAL, at, err,
                                 "'%s' is outside the request's \"root\"%s: nothing there is read",
                                 path, parent ? " (with the folder beside it)" : "");
}

/* "root": a folder, kept resolved for confine(). */
static gpucost_status read_root(call_ctx *c, const cJSON *node, gpucost_error *err)
{
    const char *dir;
    struct stat sb;
    gpucost_status st = gc_json_string(&c->doc, node, "root", &dir, err);
    if (st == GPUCOST_OK && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        return gc_json_fail(&c->doc, node, GPUCOST_EINVAL, "root", err, "%s: not a directory", dir);
    if (st == GPUCOST_OK && (c->root = realpath(dir, NULL)) == NULL)
        return gc_json_fail(&c->doc, node, GPUCOST_EIO, "root", err, "%s: %s", dir,
                            strerror(errno));
    return st;
}

/* A library error about one value of "set" located at that value: the
 * request's place and path `at`, the message as it stands. */
static gpucost_status at_value(call_ctx *c, const cJSON *v, const char *at, gpucost_error *e,
                               gpucost_error *err)
{
    return gc_json_fail(&c->doc, v, e->code, at, err, "%s", e->message);
}

/* One value of "set": {NAME: VALUE} read as it is typed.  A number is
 * the quantity's value, {"low": a, "high": b} its 90% range (and any
 * other range object a scenario file takes, {"dist": "lognormal", ...},
 * that distribution), null or
 * "none" takes it out, any other string is the --set grammar's (a
 * hardware id, "50k", "1.5..3.5").  Borrows the request's strings. */
static gpucost_status set_value(call_ctx *c, const cJSON *v, const char *at, gpucost_override *o,
                                gpucost_error *err)
{
    const char *name = v->string;
    gpucost_quantity q;
    gpucost_error e;
    double x;
    gpucost_status st = GPUCOST_OK;
    if (cJSON_IsString(v)) {
        if (gpucost_whatif_parse_value(name, v->valuestring, o, &e) != GPUCOST_OK)
            return at_value(c, v, at, &e, err);
        return GPUCOST_OK;
    }
    if (!cJSON_IsNull(v) && !cJSON_IsNumber(v) && !cJSON_IsObject(v))
        return gc_json_fail(&c->doc, v, GPUCOST_EINVAL, at, err,
                            "expected a number, a string like \"50k\" or \"1.5..3.5\", "
                            "{\"low\": a, \"high\": b} or null, got %s",
                            gc_json_type_name(v));
    if (gpucost_whatif_quantity(name, &q, &e) != GPUCOST_OK)
        return at_value(c, v, at, &e, err);
    if (cJSON_IsNull(v)) {
        *o = gpucost_override_remove(q);
    } else if (cJSON_IsNumber(v)) {
        st = gc_json_number(&c->doc, v, at, &x, err); /* 1e400: not finite */
        *o = gpucost_override_point(q, x);
    } else {
        /* any range object a scenario file takes, read by the same reader */
        gpucost_dist d;
        st = gc_json_dist(&c->doc, v, at, &d, err);
        *o = gpucost_override_dist(q, &d);
    }
    return st;
}

/* "set": {NAME: VALUE, ...} (set_value) or ["NAME=VALUE", ...] (the
 * --set grammar) into assignments, each keyed by its place in the request
 * ("set.gpus", "scenarios[0].set[1]") for the errors that come later. */
static gpucost_status read_sets(call_ctx *c, const cJSON *node, const char *path,
                                const gpucost_set **out, size_t *n, gpucost_error *err)
{
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return gc_json_fail(&c->doc, node, GPUCOST_EINVAL, path, err,
                            "expected an object {\"gpus\": 50000} or an array "
                            "[\"gpus=50k\"], got %s",
                            gc_json_type_name(node));
    int count = cJSON_GetArraySize(node);
    gpucost_set *sets = keep(c, gc_calloc((size_t)count + 1, sizeof *sets));
    if (sets == NULL)
        return nomem(err);
    *n = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, node)
    {
        char at[160];
        gpucost_error e;
        gpucost_set *set = &sets[*n];
        gc_json_path(at, sizeof at, path, cJSON_IsObject(node) ? v->string : NULL, (int)*n);
        gpucost_status st = GPUCOST_OK;
        if (cJSON_IsObject(node))
            st = set_value(c, v, at, &set->value, err);
        else if (!cJSON_IsString(v))
            st = gc_json_fail(&c->doc, v, GPUCOST_EINVAL, at, err,
                              "expected a string \"NAME=VALUE\", got %s", gc_json_type_name(v));
        else if (gpucost_whatif_parse_set(v->valuestring, &set->value, &e) != GPUCOST_OK)
            st = at_value(c, v, at, &e, err);
        if (st == GPUCOST_OK && (set->key = keep(c, gpucost_strdup(at))) == NULL)
            st = nomem(err);
        if (st != GPUCOST_OK)
            return st;
        (*n)++;
    }
    *out = sets;
    return GPUCOST_OK;
}

/* An array of quantity names ("hold", "quantities"). */
static gpucost_status read_quantities(call_ctx *c, const cJSON *node, const char *path,
                                      gpucost_quantity *out, size_t *n, gpucost_error *err)
{
    if (!cJSON_IsArray(node))
        return gc_json_fail(&c->doc, node, GPUCOST_EINVAL, path, err,
                            "expected an array of quantity names, got %s", gc_json_type_name(node));
    *n = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, node)
    {
        char at[160];
        const char *name;
        gc_json_path(at, sizeof at, path, NULL, (int)*n);
        gpucost_status st = gc_json_string(&c->doc, v, at, &name, err);
        if (st != GPUCOST_OK)
            return st;
        /* a list as long as there are quantities: each named once at most */
        if (*n >= GPUCOST_Q_COUNT)
            return gc_json_fail(&c->doc, v, GPUCOST_ELIMIT, at, err,
                                "at most %d names, one for each quantity", (int)GPUCOST_Q_COUNT);
        if (gpucost_quantity_lookup(name, &out[*n]) != 0)
            return gc_json_fail(&c->doc, v, GPUCOST_ENOTFOUND, at, err, "unknown quantity '%s'",
                                name);
        (*n)++;
    }
    return GPUCOST_OK;
}

static gpucost_status push_input(call_ctx *c, gpucost_scenario_input in, gpucost_error *err)
{
    if (c->ninputs == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        gpucost_scenario_input *p = gc_realloc(c->inputs, cap * sizeof *p);
        if (p == NULL)
            return nomem(err);
        c->inputs = p;
        c->cap = cap;
    }
    c->inputs[c->ninputs++] = in;
    return GPUCOST_OK;
}

/* A path: expanded into its scenario files when the command takes
 * folders. */
static gpucost_status read_path(call_ctx *c, const cJSON *node, const char *at, const char *path,
                                gpucost_error *err)
{
    char **files = NULL;
    size_t n = 0;
    gpucost_status st = confine(c, node, at, path, 0, err);
    if (st != GPUCOST_OK)
        return st;
    st = gpucost_scenario_files(&path, 1, gpucost_command_takes_dirs(c->rq.command), NULL, NULL,
                                &files, &n, err);
    /* a folder's files too: a link in it must not lead out of the root */
    for (size_t i = 0; st == GPUCOST_OK && i < n; i++)
        st = confine(c, node, at, files[i], 0, err);
    /* every name is kept (freed with the request) before any is used */
    int kept = 1;
    for (size_t i = 0; i < n; i++)
        kept = keep(c, files[i]) != NULL && kept;
    gc_free(files);
    if (st == GPUCOST_OK && !kept)
        st = nomem(err);
    for (size_t i = 0; st == GPUCOST_OK && i < n; i++) {
        gpucost_scenario_input in = {.file = c->owned[c->nowned - n + i]};
        st = push_input(c, in, err);
    }
    if (c->first_path == NULL)
        c->first_path = path;
    return st;
}

/* Every number under `node` is finite: a number beyond a double (Python's
 * 10**400) would be printed as null and read back as "got null", so it is
 * refused here, where the request has it. */
static gpucost_status finite_numbers(call_ctx *c, const cJSON *node, const char *path,
                                     gpucost_error *err)
{
    double x;
    if (cJSON_IsNumber(node))
        return gc_json_number(&c->doc, node, path, &x, err);
    int i = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, node)
    {
        char at[160];
        gc_json_path(at, sizeof at, path, cJSON_IsObject(node) ? v->string : NULL, i++);
        gpucost_status st = finite_numbers(c, v, at, err);
        if (st != GPUCOST_OK)
            return st;
    }
    return GPUCOST_OK;
}

/* A scenario given as an object: read from the parsed request as it
 * stands (command.h's `json`), named by its place in the request
 * ("scenarios[0]"), errors located by JSON path. */
static gpucost_status object_input(call_ctx *c, const cJSON *obj, const char *path,
                                   gpucost_scenario_input *in, gpucost_error *err)
{
    in->json = obj;
    in->file = keep(c, gpucost_strdup(path));
    return in->file == NULL ? nomem(err) : GPUCOST_OK;
}

/* The members of a wrapped scenario that are values of their own: "file"
 * and "id" as strings (an empty id is refused, as a file's "id": a row
 * with no name could not be told apart), "text" as a string, "set" as the
 * assignments. */
static gpucost_status wrapped_members(call_ctx *c, const cJSON *item, const char *path,
                                      gpucost_scenario_input *in, gpucost_error *err)
{
    static const char *const keys[] = {"file", "text", "scenario", "set", "id", NULL};
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(item, "file");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(item, "text");
    const cJSON *sets = cJSON_GetObjectItemCaseSensitive(item, "set");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
    char at[160];
    gpucost_status st = gc_json_check_keys(&c->doc, item, path, keys, err);
    gc_json_path(at, sizeof at, path, "file", -1);
    if (st == GPUCOST_OK && file != NULL)
        st = gc_json_string(&c->doc, file, at, &in->file, err);
    gc_json_path(at, sizeof at, path, "text", -1);
    /* the text of a file: lines and all (the scenario reader checks it) */
    if (st == GPUCOST_OK && text != NULL && !cJSON_IsString(text))
        st = gc_json_fail(&c->doc, text, GPUCOST_EINVAL, at, err,
                          "expected a scenario's JSON text as a string, got %s",
                          gc_json_type_name(text));
    in->text = st == GPUCOST_OK && text != NULL ? text->valuestring : NULL;
    gc_json_path(at, sizeof at, path, "id", -1);
    if (st == GPUCOST_OK && id != NULL)
        st = gc_json_string(&c->doc, id, at, &in->id, err);
    if (st == GPUCOST_OK && id != NULL && in->id[0] == '\0')
        st = gc_json_fail(&c->doc, id, GPUCOST_EINVAL, at, err, "expected a non-empty string");
    gc_json_path(at, sizeof at, path, "set", -1);
    if (st == GPUCOST_OK && sets != NULL)
        st = read_sets(c, sets, at, &in->sets, &in->nsets, err);
    return st;
}

/* {"file"|"text"|"scenario", "set", "id"}: one scenario with its own
 * assignments and id, from exactly one source. */
static gpucost_status read_wrapped(call_ctx *c, const cJSON *item, const char *path,
                                   gpucost_error *err)
{
    gpucost_scenario_input in = {.file = NULL};
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(item, "file");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(item, "text");
    const cJSON *obj = cJSON_GetObjectItemCaseSensitive(item, "scenario");
    char at[160];
    gpucost_status st = wrapped_members(c, item, path, &in, err);
    if (st != GPUCOST_OK)
        return st;
    if ((text != NULL) + (obj != NULL) > 1 || (text == NULL && obj == NULL && file == NULL))
        return gc_json_fail(&c->doc, item, GPUCOST_EINVAL, path, err,
                            "expected one of \"file\", \"text\" or \"scenario\"");
    gc_json_path(at, sizeof at, path, "file", -1);
    if (obj != NULL && file != NULL)
        return gc_json_fail_key(&c->doc, file, at, err,
                                "a \"scenario\" object is named by its place in the request; "
                                "\"file\" names a file to read or \"text\"");
    gc_json_path(at, sizeof at, path, "scenario", -1);
    if (obj != NULL && ((st = finite_numbers(c, obj, at, err)) != GPUCOST_OK ||
                        (st = object_input(c, obj, path, &in, err)) != GPUCOST_OK))
        return st;
    /* an unnamed text is "scenarios[0].text" */
    char name[192];
    gc_text_printf(name, sizeof name, "%s.text", path);
    if (in.text != NULL && in.file == NULL && (in.file = keep(c, gpucost_strdup(name))) == NULL)
        return nomem(err);
    in.len = in.text != NULL ? strlen(in.text) : 0;
    gc_json_path(at, sizeof at, path, "file", -1);
    if (in.text == NULL && obj == NULL &&
        (st = confine(c, file, at, in.file, 0, err)) != GPUCOST_OK)
        return st;
    if (in.text == NULL && in.json == NULL && c->first_path == NULL)
        c->first_path = in.file;
    return push_input(c, in, err);
}

static gpucost_status read_scenarios(call_ctx *c, const cJSON *node, gpucost_error *err)
{
    if (!cJSON_IsArray(node))
        return gc_json_fail(&c->doc, node, GPUCOST_EINVAL, "scenarios", err,
                            "expected an array of paths or scenarios, got %s",
                            gc_json_type_name(node));
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, node)
    {
        char at[160];
        gc_json_path(at, sizeof at, "scenarios", NULL, i++);
        gpucost_status st;
        if (cJSON_IsString(item)) {
            st = read_path(c, item, at, item->valuestring, err);
        } else if (cJSON_IsObject(item) &&
                   (cJSON_HasObjectItem(item, "file") || cJSON_HasObjectItem(item, "text") ||
                    cJSON_HasObjectItem(item, "scenario"))) {
            st = read_wrapped(c, item, at, err);
        } else if (cJSON_IsObject(item)) {
            gpucost_scenario_input in = {.file = NULL};
            st = finite_numbers(c, item, at, err);
            if (st == GPUCOST_OK)
                st = object_input(c, item, at, &in, err);
            if (st == GPUCOST_OK)
                st = push_input(c, in, err);
        } else {
            st = gc_json_fail(&c->doc, item, GPUCOST_EINVAL, at, err,
                              "expected a path, a scenario object or {\"file\"|\"text\": ...}, "
                              "got %s",
                              gc_json_type_name(item));
        }
        if (st != GPUCOST_OK)
            return st;
    }
    return GPUCOST_OK;
}

/* A whole number in [0, max] (seed, samples, threads). */
static gpucost_status read_count(call_ctx *c, const cJSON *node, const char *path, double max,
                                 double *out, gpucost_error *err)
{
    gpucost_status st = gc_json_number(&c->doc, node, path, out, err);
    if (st == GPUCOST_OK && (*out < 0 || *out > max || *out != floor(*out)))
        st = gc_json_fail(&c->doc, node, GPUCOST_EINVAL, path, err,
                          "expected a whole number from 0 to %.0f", max);
    return st;
}

static gpucost_status read_string_option(call_ctx *c, const cJSON *root, const char *key,
                                         const char **out, gpucost_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    return v == NULL ? GPUCOST_OK : gc_json_string(&c->doc, v, key, out, err);
}

static gpucost_status read_flag(call_ctx *c, const cJSON *root, const char *key, int *out,
                                gpucost_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    if (v == NULL)
        return GPUCOST_OK;
    if (!cJSON_IsBool(v))
        return gc_json_fail(&c->doc, v, GPUCOST_EINVAL, key, err, "expected true or false, got %s",
                            gc_json_type_name(v));
    *out = cJSON_IsTrue(v);
    return GPUCOST_OK;
}

/* The options that are strings, flags and whole numbers. */
static gpucost_status read_options(call_ctx *c, const cJSON *root, gpucost_error *err)
{
    gpucost_request *rq = &c->rq;
    const struct {
        const char *key;
        const char **field;
    } strings[] = {
        {"baseline", &rq->baseline},
        {"sweep", &rq->sweep},
        {"for", &rq->for_input},
        {"target", &rq->target},
        {"output", &rq->headline},
        {"chart", &rq->chart},
        {"id", &rq->id},
        {"on", &rq->on},
        {"to", &rq->to},
        {"columns", &rq->hardware.columns},
        {"sort", &rq->hardware.sort},
        {"vendor", &rq->hardware.vendor},
        {"year", &rq->hardware.year},
    };
    gpucost_status st = GPUCOST_OK;
    for (size_t i = 0; st == GPUCOST_OK && i < sizeof strings / sizeof strings[0]; i++)
        st = read_string_option(c, root, strings[i].key, strings[i].field, err);
    if (st == GPUCOST_OK)
        st = read_flag(c, root, "sobol", &rq->sobol, err);
    if (st == GPUCOST_OK)
        st = read_flag(c, root, "history", &rq->history, err);
    if (st == GPUCOST_OK)
        st = read_flag(c, root, "rules", &rq->rules, err);
    const cJSON *v;
    double x;
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "seed")) != NULL &&
        (st = read_count(c, v, "seed", 4294967295.0, &x, err)) == GPUCOST_OK) {
        rq->seed = (unsigned long)x;
        rq->seed_given = 1;
    }
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "samples")) != NULL &&
        (st = read_count(c, v, "samples", 1e15, &x, err)) == GPUCOST_OK) {
        rq->samples = (size_t)x;
        rq->samples_given = 1;
    }
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "sobol_samples")) != NULL &&
        (st = read_count(c, v, "sobol_samples", 1e15, &x, err)) == GPUCOST_OK)
        rq->sobol_samples = (size_t)x;
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "threads")) != NULL &&
        (st = read_count(c, v, "threads", 256, &x, err)) == GPUCOST_OK)
        rq->threads = (int)x;
    return st;
}

static gpucost_status read_quantiles(call_ctx *c, const cJSON *node, gpucost_error *err)
{
    if (!cJSON_IsArray(node))
        return gc_json_fail(&c->doc, node, GPUCOST_EINVAL, "quantiles", err,
                            "expected an array of numbers in (0, 1), got %s",
                            gc_json_type_name(node));
    size_t n = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, node)
    {
        char at[64];
        gc_json_path(at, sizeof at, "quantiles", NULL, (int)n);
        if (n >= sizeof c->quantiles / sizeof c->quantiles[0])
            return gc_json_fail(&c->doc, v, GPUCOST_ELIMIT, at, err, "at most %zu quantiles",
                                sizeof c->quantiles / sizeof c->quantiles[0]);
        gpucost_status st = gc_json_number(&c->doc, v, at, &c->quantiles[n++], err);
        if (st != GPUCOST_OK)
            return st;
    }
    c->rq.quantiles = c->quantiles;
    c->rq.nquantiles = n;
    return GPUCOST_OK;
}

/* "reconcile": the report's cases, each "a.json,b.json". */
static gpucost_status read_cases(call_ctx *c, const cJSON *node, gpucost_error *err)
{
    int n = cJSON_IsArray(node) ? cJSON_GetArraySize(node) : -1;
    if (n < 0)
        return gc_json_fail(&c->doc, node, GPUCOST_EINVAL, "reconcile", err,
                            "expected an array of \"FILE[,FILE...]\", got %s",
                            gc_json_type_name(node));
    const char **cases = keep(c, gc_calloc((size_t)n + 1, sizeof *cases));
    if (cases == NULL)
        return nomem(err);
    for (int i = 0; i < n; i++) {
        char at[64];
        gc_json_path(at, sizeof at, "reconcile", NULL, i);
        const cJSON *item = cJSON_GetArrayItem(node, i);
        gpucost_status st = gc_json_string(&c->doc, item, at, &cases[i], err);
        /* "a.json,b.json": each file */
        for (const char *p = cases[i]; st == GPUCOST_OK && c->root != NULL && *p;) {
            size_t len = strcspn(p, ",");
            char *one = keep(c, gc_strndup(p, len));
            st = one == NULL ? nomem(err) : confine(c, item, at, one, 0, err);
            p += len + (p[len] == ',');
        }
        if (st != GPUCOST_OK)
            return st;
    }
    c->rq.cases = cases;
    c->rq.ncases = (size_t)n;
    return GPUCOST_OK;
}

static gpucost_status read_format(call_ctx *c, const cJSON *root, gpucost_error *err)
{
    const char *name = "json";
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "format");
    gpucost_status st = v != NULL ? gc_json_string(&c->doc, v, "format", &name, err) : GPUCOST_OK;
    if (st == GPUCOST_OK && gpucost_format_lookup(name, &c->rq.format) != 0)
        st = gc_json_fail(&c->doc, v, GPUCOST_EINVAL, "format", err,
                          "unknown format '%s' (expected json, table, md, csv, junit, tap, svg, "
                          "html or scenario)",
                          name);
    c->rq.format_given = v != NULL;
    return st;
}

/* The files a catalog folder brings, each held to the root: a link
 * placed in hardware/, rules/ or architectures/ (or defaults.json beside
 * them) may lead anywhere, and the catalog reads them all. */
typedef struct confine_each {
    call_ctx *c;
    const cJSON *node;
    const char *key;
} confine_each;

static gpucost_status confine_file(void *ctx, const char *path, gpucost_error *err)
{
    confine_each *e = ctx;
    return confine(e->c, e->node, e->key, path, 0, err);
}

static gpucost_status confine_catalog(call_ctx *c, const cJSON *node, const char *key,
                                      const char *dir, gpucost_error *err)
{
    if (c->root == NULL)
        return GPUCOST_OK;
    confine_each e = {c, node, key};
    char parent[4096], path[4096];
    gpucost_dir_parent(parent, sizeof parent, dir);
    gpucost_status st = gpucost_dir_each_json(dir, confine_file, &e, NULL, err);
    static const char *const beside[] = {"architectures", "rules"};
    struct stat sb;
    for (size_t i = 0; st == GPUCOST_OK && i < 2; i++) {
        gpucost_dir_join(path, sizeof path, parent, beside[i]);
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            st = gpucost_dir_each_json(path, confine_file, &e, NULL, err);
    }
    gpucost_dir_join(path, sizeof path, parent, "defaults.json");
    if (st == GPUCOST_OK && lstat(path, &sb) == 0)
        st = confine(c, node, key, path, 0, err);
    return st;
}

/* A hardware folder named by `key`, or NULL. */
static gpucost_status catalog_dir(call_ctx *c, const cJSON *root, const char *key, const char **dir,
                                  gpucost_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    struct stat sb;
    *dir = NULL;
    gpucost_status st = v != NULL ? gc_json_string(&c->doc, v, key, dir, err) : GPUCOST_OK;
    if (st == GPUCOST_OK && *dir != NULL && (stat(*dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        st = gc_json_fail(&c->doc, v, GPUCOST_EINVAL, key, err, "%s: not a directory", *dir);
    if (st == GPUCOST_OK && *dir != NULL)
        st = confine(c, v, key, *dir, 1, err);
    if (st == GPUCOST_OK && *dir != NULL)
        st = confine_catalog(c, v, key, *dir, err);
    return st;
}

/* The defaults file named by "default_defaults", or NULL: a path, read
 * only when the catalog's folder has no defaults.json. */
static gpucost_status defaults_file(call_ctx *c, const cJSON *root, const char **file,
                                    gpucost_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "default_defaults");
    *file = NULL;
    gpucost_status st =
        v != NULL ? gc_json_string(&c->doc, v, "default_defaults", file, err) : GPUCOST_OK;
    return st == GPUCOST_OK && *file != NULL ? confine(c, v, "default_defaults", *file, 0, err)
                                             : st;
}

/* The catalog, by the one search (gpucost_catalog_discover): "catalog", else
 * one beside or above the first path, else "default_catalog" (the front
 * end's bundled models, as the program falls back on the installed ones);
 * whichever it is, without a defaults.json of its own it takes
 * "default_defaults" (the front end's bundled models/defaults.json), as
 * the program does.  Each named folder was checked (and held to the root)
 * where the request names it. */
static gpucost_status open_catalog(call_ctx *c, const cJSON *root, gpucost_error *err)
{
    gpucost_catalog_hints h = {.near = NULL};
    gpucost_status st = catalog_dir(c, root, "catalog", &h.dir, err);
    if (st == GPUCOST_OK)
        st = catalog_dir(c, root, "default_catalog", &h.fallback, err);
    if (st == GPUCOST_OK)
        st = defaults_file(c, root, &h.defaults, err);
    /* with a root, never near: the search climbs above the scenarios */
    h.near = c->root == NULL ? c->first_path : NULL;
    if (st == GPUCOST_OK)
        st = gpucost_catalog_discover(&h, &c->catalog, err);
    c->rq.catalog = c->catalog;
    return st;
}

/* The request's lists: "scenarios" (at most GPUCOST_CALL_MAX_SCENARIOS,
 * folders expanded), "set", "hold", "quantities", "quantiles" and
 * "reconcile". */
static gpucost_status read_lists(call_ctx *c, const cJSON *root, gpucost_error *err)
{
    gpucost_status st = GPUCOST_OK;
    const cJSON *v;
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "scenarios")) != NULL)
        st = read_scenarios(c, v, err);
    if (st == GPUCOST_OK && c->ninputs > GPUCOST_CALL_MAX_SCENARIOS)
        st = gc_json_fail(&c->doc, v, GPUCOST_ELIMIT, "scenarios", err,
                          "%zu scenarios (folders expanded); a request takes at most %d, each "
                          "held while the command runs",
                          c->ninputs, GPUCOST_CALL_MAX_SCENARIOS);
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "set")) != NULL)
        st = read_sets(c, v, "set", &c->rq.sets, &c->rq.nsets, err);
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "hold")) != NULL)
        st = read_quantities(c, v, "hold", c->hold, &c->rq.nhold, err);
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "quantities")) != NULL)
        st = read_quantities(c, v, "quantities", c->quantities, &c->rq.nquantities, err);
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "quantiles")) != NULL)
        st = read_quantiles(c, v, err);
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "reconcile")) != NULL)
        st = read_cases(c, v, err);
    return st;
}

static gpucost_status read_request(call_ctx *c, const char *json, gpucost_error *err)
{
    static const char *const keys[] = {"command",   "scenarios",
                                       "set",       "hold",
                                       "format",    "quantities",
                                       "catalog",   "baseline",
                                       "sweep",     "seed",
                                       "samples",   "threads",
                                       "for",       "target",
                                       "output",    "quantiles",
                                       "sobol",     "sobol_samples",
                                       "id",        "on",
                                       "history",   "rules",
                                       "reconcile", "default_catalog",
                                       "chart",     "default_defaults",
                                       "root",      "columns",
                                       "sort",      "vendor",
                                       "year",      "to",
                                       NULL};
    gpucost_status st = gc_json_parse(&c->doc, REQUEST_FILE, json, strlen(json), err);
    const cJSON *root = c->doc.root, *v;
    if (st == GPUCOST_OK)
        st = gc_json_check_keys(&c->doc, root, "", keys, err);
    const cJSON *command =
        st == GPUCOST_OK ? cJSON_GetObjectItemCaseSensitive(root, "command") : NULL;
    if (st == GPUCOST_OK && command == NULL)
        st = gc_json_fail(&c->doc, root, GPUCOST_EINVAL, "", err,
                          "missing key 'command' (run, compare, check, range, solve, reconcile, "
                          "hardware, quantities or report)");
    if (st == GPUCOST_OK)
        st = gc_json_string(&c->doc, command, "command", &c->rq.command, err);
    /* the root first: every path after it is held to it */
    if (st == GPUCOST_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "root")) != NULL)
        st = read_root(c, v, err);
    if (st == GPUCOST_OK)
        st = read_lists(c, root, err);
    if (st == GPUCOST_OK)
        st = read_format(c, root, err);
    if (st == GPUCOST_OK)
        st = read_options(c, root, err);
    /* "baseline" is an id, or (range) a scenario file: held to the root
     * when it names a file */
    struct stat sb;
    if (st == GPUCOST_OK && c->rq.baseline != NULL && stat(c->rq.baseline, &sb) == 0)
        st = confine(c, cJSON_GetObjectItemCaseSensitive(root, "baseline"), "baseline",
                     c->rq.baseline, 0, err);
    if (st == GPUCOST_OK)
        st = open_catalog(c, root, err);
    c->rq.hold = c->hold;
    c->rq.quantities = c->quantities;
    c->rq.scenarios = c->inputs;
    c->rq.nscenarios = c->ninputs;
    return st;
}

/* {"error": {...}}: the error the program would print, in parts. */
static char *error_json(const gpucost_error *err)
{
    gc_jw j;
    cJSON *root = gc_jw_start(&j, 0);
    gc_jw_error(&j, root, "error", err);
    char *printed = j.failed ? NULL : cJSON_PrintUnformatted(j.root);
    cJSON_Delete(j.root);
    /* the response is freed with gpucost_call_free: the library's block */
    char *text = printed != NULL ? gpucost_strdup(printed) : NULL;
    cJSON_free(printed);
    return text;
}

int gpucost_call(const char *request_json, char **response_json)
{
    /* gpucost_call is the embedder's main: GSL's default handler would
     * abort the host (Python, the browser tab) on a GSL error, where the
     * library reads GSL's status codes instead (docs/development.md, "How
     * the code is written").  Idempotent; every call sets the same value. */
    gsl_set_error_handler_off();
    call_ctx c;
    memset(&c, 0, sizeof c);
    gpucost_request_init(&c.rq);
    c.rq.threads = 1;
    gpucost_error err;
    memset(&err, 0, sizeof err);
    gpucost_buf out;
    gpucost_buf_init(&out);
    int verdict = 0;
    gpucost_status st = request_json == NULL ? GPUCOST_ERROR(&err, GPUCOST_EUSAGE, REQUEST_FILE, 0,
                                                             0, NULL, "no request")
                                             : read_request(&c, request_json, &err);
    if (st == GPUCOST_OK)
        st = gpucost_command_execute(&c.rq, &out, &verdict, &err);
    if (st == GPUCOST_OK && out.failed)
        st = nomem(&err);
    char *response = NULL;
    if (st == GPUCOST_OK) {
        const char *s = gpucost_buf_str(&out);
        size_t len = strlen(s) + 1;
        if ((response = gc_malloc(len)) != NULL)
            memcpy(response, s, len);
        else
            st = GPUCOST_ENOMEM; /* no answer: status 2 and NULL, as call.h says */
    } else {
        response = error_json(&err);
    }
    gpucost_buf_release(&out);
    ctx_release(&c);
    if (response_json != NULL)
        *response_json = response;
    else
        gc_free(response);
    return st != GPUCOST_OK ? 2 : verdict ? 1 : 0;
}

void gpucost_call_free(char *response_json)
{
    gc_free(response_json);
}
