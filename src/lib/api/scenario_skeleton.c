/*
 * scenario_skeleton.c - `gpucost new KIND --set ...`: a scenario file to
 * start from (scenario.h, gpucost_scenario_skeleton).
 *
 * The assignments are read with the what-if grammar (whatif.h), so
 * "gpus=2048", "gpu_hours=2.788M", "price_per_gpu_hour=1.5..3.5" and
 * "hardware=h800" mean here what they mean to --set.  Each is checked the
 * way a what-if is (gpucost_scenario_override on an empty scenario of the
 * kind: the quantity applies to the kind, the value lies in its domain)
 * and the hardware against the catalog, so every error names the
 * assignment as typed.  The text is built with cJSON (json_out.h), laid
 * out as models/ is, then parsed back and derived as `run` would: what
 * this writes always loads.
 *
 * The title and one source per assignment are stubs that start with
 * GPUCOST_PLACEHOLDER (source.h): `check` fails each until it is filled
 * in (claims.h), so a skeleton never passes CI as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/derive.h"
#include "gpucost/scenario.h"
#include "gpucost/suggest.h"
#include "gpucost/whatif.h"
#include "base/json_out.h"
#include "base/text.h"

#define SKELETON_TITLE GPUCOST_PLACEHOLDER ": what this scenario describes"
#define SKELETON_SOURCE GPUCOST_PLACEHOLDER ": where this number comes from"
#define SKELETON_URL GPUCOST_PLACEHOLDER ": https://... (the page that says it)"
#define SKELETON_QUOTE GPUCOST_PLACEHOLDER ": the words that give %s"

static const char *const kind_names[] = {"training", "inference", "fleet"};
static const gpucost_kind kind_values[] = {GPUCOST_KIND_TRAINING, GPUCOST_KIND_INFERENCE,
                                           GPUCOST_KIND_FLEET};

static gpucost_status kind_lookup(const char *name, gpucost_kind *out, gpucost_error *err)
{
    size_t n = sizeof kind_names / sizeof kind_names[0];
    for (size_t i = 0; name != NULL && i < n; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *out = kind_values[i];
            return GPUCOST_OK;
        }
    const char *hint = name != NULL ? gpucost_suggest(name, kind_names, n) : NULL;
    if (hint != NULL)
        return GPUCOST_ERROR(err, GPUCOST_EUSAGE, NULL, 0, 0, "kind",
                             "unknown kind '%s' (did you mean '%s'? expected training, "
                             "inference or fleet)",
                             name, hint);
    return GPUCOST_ERROR(err, GPUCOST_EUSAGE, NULL, 0, 0, "kind",
                         "unknown kind '%s' (expected training, inference or fleet)",
                         name != NULL ? name : "");
}

/* The JSON key an override sets: "hardware", "precision", "amortisation"
 * or the quantity's name.  Borrowed static string. */
static const char *override_key(const gpucost_override *o)
{
    switch (o->kind) {
    case GPUCOST_OVERRIDE_HARDWARE: return "hardware";
    case GPUCOST_OVERRIDE_PRECISION: return "precision";
    case GPUCOST_OVERRIDE_AMORTISATION: return "amortisation";
    default: return gpucost_quantity_info_get(o->quantity)->name;
    }
}

/* Whether a fleet takes this key in its part rather than in "inputs". */
static int part_key(gpucost_kind kind, const char *key)
{
    if (kind != GPUCOST_KIND_FLEET)
        return 0;
    if (strcmp(key, "hardware") == 0)
        return 1;
    for (size_t k = 0; k < GPUCOST_PART_NQ; k++)
        if (strcmp(key, gpucost_quantity_info_get(gpucost_fleet_part_q[k])->name) == 0)
            return 1;
    return 0;
}

/* An error about set `i` names it as typed: the request key "set.gpus=-5",
 * which a front end spells ("--set gpus=-5"). */
static gpucost_status at_set(gpucost_status st, const char *set, gpucost_error *err)
{
    if (err != NULL) {
        gc_text_printf(err->path, sizeof err->path, "set.%s", set);
        err->file[0] = '\0';
        err->line = err->column = 0;
    }
    return st;
}

static gpucost_status unknown_hardware(const char *id, const char *set,
                                       const gpucost_catalog *catalog, gpucost_error *err)
{
    char ids[512], where[160];
    gpucost_catalog_ids(catalog, ids, sizeof ids);
    gc_text_printf(where, sizeof where, "set.%s", set);
    size_t n = gpucost_catalog_count(catalog);
    const char **names = gc_calloc(n ? n : 1, sizeof *names);
    if (names == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    for (size_t i = 0; i < n; i++)
        names[i] = gpucost_catalog_at(catalog, i)->id;
    const char *hint = gpucost_suggest(id, names, n);
    gpucost_status st =
        hint != NULL
            ? GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, where,
                            "unknown hardware '%s' (did you mean '%s'? known: %s)", id, hint, ids)
            : GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, where,
                            "unknown hardware '%s' (known: %s)", id, ids);
    gc_free(names);
    return st;
}

/* An empty scenario of `kind` to try each override on (a fleet with one
 * part, which a fleet needs to load). */
static gpucost_status empty_scenario(gpucost_kind kind, gpucost_scenario **out, gpucost_error *err)
{
    char text[160];
    gc_text_printf(text, sizeof text, "{\"id\": \"new\", \"kind\": \"%s\", \"inputs\": {}%s}",
                   gpucost_kind_name(kind),
                   kind == GPUCOST_KIND_FLEET ? ", \"fleet\": [{\"hardware\": \"x\", \"gpus\": 1}]"
                                              : "");
    return gpucost_scenario_parse("new", text, strlen(text), out, err);
}

/* Assignment `i`, parsed into o[i], checked against those before it (no
 * name twice), for "none" (a new file has nothing to take out) and its
 * hardware in the catalog. */
static gpucost_status read_set(const char *const *sets, size_t i, const gpucost_catalog *catalog,
                               gpucost_override *o, gpucost_error *err)
{
    gpucost_status st = gpucost_whatif_parse_set(sets[i], &o[i], err);
    if (st != GPUCOST_OK)
        return st;
    const char *key = override_key(&o[i]);
    for (size_t k = 0; k < i; k++)
        if (strcmp(key, override_key(&o[k])) == 0)
            return at_set(GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL,
                                        "'%s' is set twice (also by `set.%s`)", key, sets[k]),
                          sets[i], err);
    if (o[i].kind == GPUCOST_OVERRIDE_REMOVE)
        return at_set(GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL,
                                    "a new scenario has no '%s' to take out; leave that `set` out",
                                    key),
                      sets[i], err);
    if (o[i].kind == GPUCOST_OVERRIDE_HARDWARE && catalog != NULL &&
        gpucost_catalog_find(catalog, o[i].hardware) == NULL)
        return unknown_hardware(o[i].hardware, sets[i], catalog, err);
    return GPUCOST_OK;
}

/* A fleet is its parts: the one part a new fleet has needs both its
 * hardware and its gpus. */
static gpucost_status fleet_part_given(const gpucost_override *o, size_t nsets, gpucost_error *err)
{
    int hw = 0, gpus = 0;
    for (size_t i = 0; i < nsets; i++) {
        hw |= o[i].kind == GPUCOST_OVERRIDE_HARDWARE;
        gpus |= strcmp(override_key(&o[i]), "gpus") == 0;
    }
    if (hw && gpus)
        return GPUCOST_OK;
    return GPUCOST_ERROR(err, GPUCOST_EUSAGE, NULL, 0, 0, NULL,
                         "a new fleet needs its part's `set.hardware=ID` and `set.gpus=N` "
                         "(more parts go in its 'fleet' by hand)");
}

/* Parses and checks every assignment into `o[0..nsets)` (read_set), then
 * the quantity's kind and domain as a what-if would. */
static gpucost_status read_sets(gpucost_kind kind, const char *const *sets, size_t nsets,
                                const gpucost_catalog *catalog, gpucost_override *o,
                                gpucost_error *err)
{
    gpucost_scenario *s = NULL, *plain = NULL;
    gpucost_status st = empty_scenario(kind, &s, err);
    /* a fleet's per-part values are tried on a training scenario, whose
     * domains they share */
    if (st == GPUCOST_OK)
        st = empty_scenario(GPUCOST_KIND_TRAINING, &plain, err);
    for (size_t i = 0; st == GPUCOST_OK && i < nsets; i++) {
        st = read_set(sets, i, catalog, o, err);
        if (st == GPUCOST_OK) {
            gpucost_scenario *on = part_key(kind, override_key(&o[i])) ? plain : s;
            st = gpucost_scenario_override(on, &o[i], 1, err);
            if (st != GPUCOST_OK)
                at_set(st, sets[i], err);
        }
    }
    if (st == GPUCOST_OK && kind == GPUCOST_KIND_FLEET)
        st = fleet_part_given(o, nsets, err);
    gpucost_scenario_free(s);
    gpucost_scenario_free(plain);
    return st;
}

/* The value of a point or interval override into `parent` under `key`. */
static void put_value(gc_jw *j, cJSON *parent, const char *key, const gpucost_override *o)
{
    switch (o->kind) {
    case GPUCOST_OVERRIDE_HARDWARE: gc_jw_str(j, parent, key, o->hardware); return;
    case GPUCOST_OVERRIDE_PRECISION:
        gc_jw_str(j, parent, key, gpucost_precision_name(o->precision));
        return;
    case GPUCOST_OVERRIDE_AMORTISATION:
        gc_jw_str(j, parent, key, gpucost_amortisation_name(o->amortisation));
        return;
    case GPUCOST_OVERRIDE_INTERVAL: {
        cJSON *r = gc_jw_obj(j, parent, key);
        gc_jw_num(j, r, "low", o->value);
        gc_jw_num(j, r, "high", o->high);
        return;
    }
    default: gc_jw_num(j, parent, key, o->value); return;
    }
}

/* One source stub per assignment, backing the field it sets. */
static void put_sources(gc_jw *j, cJSON *root, gpucost_kind kind, const char *const *sets,
                        const gpucost_override *o, size_t nsets)
{
    cJSON *sources = gc_jw_arr(j, root, "sources");
    for (size_t i = 0; i < nsets; i++) {
        const char *key = override_key(&o[i]);
        char field[96], quote[200];
        gc_text_printf(field, sizeof field, "%s.%s", part_key(kind, key) ? "fleet[0]" : "inputs",
                       key);
        gc_text_printf(quote, sizeof quote, SKELETON_QUOTE, sets[i]);
        cJSON *src = gc_jw_obj(j, sources, NULL);
        gc_jw_str(j, src, "title", SKELETON_SOURCE);
        gc_jw_str(j, src, "url", SKELETON_URL);
        gc_jw_str(j, src, "quote", quote);
        cJSON *fields = gc_jw_arr(j, src, "fields");
        gc_jw_str(j, fields, NULL, field);
    }
}

/* cJSON's layout as models/ has it, for a file people edit: cJSON
 * indents with tabs and puts one after each ':', here two spaces a level
 * and one space; an empty object ("inputs" with nothing set) is {}.  A
 * tab inside a string is written "\t", so every raw tab is layout. */
static void two_spaces(const gpucost_buf *in, gpucost_buf *out)
{
    const char *t = gpucost_buf_str(in);
    for (size_t i = 0; i < in->len; i++) {
        size_t k = i + 2;
        while (t[i] == '{' && t[i + 1] == '\n' && t[k] == '\t')
            k++;
        if (t[i] == '{' && t[i + 1] == '\n' && t[k] == '}') {
            gpucost_buf_puts(out, "{}");
            i = k;
        } else if (t[i] != '\t') {
            gpucost_buf_append(out, t + i, 1);
        } else {
            gpucost_buf_puts(out, i > 0 && t[i - 1] == ':' ? " " : "  ");
        }
    }
}

static gpucost_status build(const char *id, gpucost_kind kind, const char *const *sets,
                            const gpucost_override *o, size_t nsets, gpucost_buf *out,
                            gpucost_error *err)
{
    gc_jw j;
    cJSON *root = gc_jw_start(&j, 0);
    gc_jw_str(&j, root, "id", id);
    gc_jw_str(&j, root, "title", SKELETON_TITLE);
    gc_jw_str(&j, root, "kind", gpucost_kind_name(kind));
    cJSON *inputs = gc_jw_obj(&j, root, "inputs");
    cJSON *part = NULL;
    if (kind == GPUCOST_KIND_FLEET)
        part = gc_jw_obj(&j, gc_jw_arr(&j, root, "fleet"), NULL);
    for (size_t i = 0; i < nsets; i++) {
        const char *key = override_key(&o[i]);
        put_value(&j, part_key(kind, key) ? part : inputs, key, &o[i]);
    }
    gc_jw_arr(&j, root, "claims");
    put_sources(&j, root, kind, sets, o, nsets);
    gpucost_buf tabbed;
    gpucost_buf_init(&tabbed);
    gpucost_status st = gc_jw_finish(&j, &tabbed, err);
    if (st == GPUCOST_OK)
        two_spaces(&tabbed, out);
    gpucost_buf_release(&tabbed);
    if (st == GPUCOST_OK && out->failed)
        st = GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    return st;
}

/* An error at "inputs.NAME" or "fleet[0].NAME" that one of the sets
 * gave names that set instead, as the user typed it. */
static void name_the_set(gpucost_error *err, const char *const *sets, const gpucost_override *o,
                         size_t nsets)
{
    const char *dot = strchr(err->path, '.');
    if (dot == NULL)
        return;
    for (size_t i = 0; i < nsets; i++)
        if (strcmp(dot + 1, override_key(&o[i])) == 0) {
            gc_text_printf(err->path, sizeof err->path, "set.%s", sets[i]);
            return;
        }
}

/* What `run` does with the text: parse and derive it.  An error here is
 * the skeleton's own (an amortisation without its age): it names the set
 * or the path as `run` would. */
static gpucost_status loads(const char *text, size_t len, const gpucost_catalog *catalog,
                            const char *const *sets, const gpucost_override *o, size_t nsets,
                            gpucost_error *err)
{
    gpucost_scenario *s = NULL;
    gpucost_status st = gpucost_scenario_parse("new", text, len, &s, err);
    gpucost_derivation *d = NULL;
    if (st == GPUCOST_OK && catalog != NULL) {
        d = gc_malloc(sizeof *d);
        st = d == NULL ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : gpucost_derive(s, catalog, NULL, d, err);
    }
    if (st != GPUCOST_OK && err != NULL && st != GPUCOST_ENOMEM) {
        /* the text is ours, not a file the user has: no line:column */
        err->file[0] = '\0';
        err->line = err->column = 0;
        name_the_set(err, sets, o, nsets);
    }
    gc_free(d);
    gpucost_scenario_free(s);
    return st;
}

gpucost_status gpucost_scenario_skeleton(const char *kind, const char *id, const char *const *sets,
                                         size_t nsets, const gpucost_catalog *catalog,
                                         gpucost_buf *out, gpucost_error *err)
{
    gpucost_kind k = GPUCOST_KIND_TRAINING;
    gpucost_status st = kind_lookup(kind, &k, err);
    if (st != GPUCOST_OK)
        return st;
    char stub[64];
    if (id == NULL || id[0] == '\0') {
        gc_text_printf(stub, sizeof stub, "new-%s", gpucost_kind_name(k));
        id = stub;
    }
    gpucost_override *o = gc_calloc(nsets ? nsets : 1, sizeof *o);
    if (o == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    gpucost_buf text;
    gpucost_buf_init(&text);
    st = read_sets(k, sets, nsets, catalog, o, err);
    if (st == GPUCOST_OK)
        st = build(id, k, sets, o, nsets, &text, err);
    if (st == GPUCOST_OK)
        st = loads(gpucost_buf_str(&text), text.len, catalog, sets, o, nsets, err);
    if (st == GPUCOST_OK) {
        gpucost_buf_append(out, gpucost_buf_str(&text), text.len);
        if (out->failed)
            st = GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    gpucost_buf_release(&text);
    gc_free(o);
    return st;
}
