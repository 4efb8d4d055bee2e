/*
 * output_scenario.c - `run --format scenario`: the scenario file as
 * edited, so that a what-if made on the command line or in the web page
 * can be saved and checked like any other file.
 *
 * The file's own JSON is kept as written (ids, claims, sources, notes,
 * key order) and only its "inputs" change, to what the what-if left in the
 * scenario (whatif.h): each --set written as its value (a range as
 * {"low", "high"}, "none" as no key), a held quantity pinned at its value
 * on the original written as that number, and a file input the what-if
 * dropped taken out.  `gpucost run` of the result gives the numbers of
 * `gpucost run FILE --set ...`, with no what-if left to apply.
 */
#include <string.h>

#include "gpucost/precision.h"
#include "read/json.h"
#include "present/output_internal.h"

#define NOMEM(err) GPUCOST_ERROR((err), GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")

/* obj[name] = item, taking ownership (freed on failure), in the place of
 * any item there, so the file keeps its key order.  The replacement's key
 * is copied here: cJSON_ReplaceItemInObject would go on with a NULL key
 * when its own copy fails. */
static int put(cJSON *obj, const char *name, cJSON *item)
{
    if (item == NULL)
        return -1;
    cJSON *old = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (old == NULL) {
        if (cJSON_AddItemToObject(obj, name, item))
            return 0;
        cJSON_Delete(item);
        return -1;
    }
    size_t n = strlen(name) + 1;
    if ((item->string = cJSON_malloc(n)) == NULL) {
        cJSON_Delete(item);
        return -1;
    }
    memcpy(item->string, name, n);
    cJSON_ReplaceItemViaPointer(obj, old, item);
    return 0;
}

static cJSON *interval(double low, double high)
{
    cJSON *o = cJSON_CreateObject();
    if (o != NULL && (cJSON_AddNumberToObject(o, "low", low) == NULL ||
                      cJSON_AddNumberToObject(o, "high", high) == NULL)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* An uncertain value as a scenario file writes it (the forms of dist.c):
 * a lognormal by its 90% interval, the others by their parameters. */
static cJSON *dist_json(const gpucost_dist *d)
{
    if (d->kind == GPUCOST_DIST_POINT)
        return cJSON_CreateNumber(d->a);
    cJSON *o = cJSON_CreateObject();
    int bad = o == NULL;
    switch (d->kind) {
    case GPUCOST_DIST_NORMAL:
        bad = bad || cJSON_AddStringToObject(o, "dist", "normal") == NULL ||
              cJSON_AddNumberToObject(o, "mean", d->a) == NULL ||
              cJSON_AddNumberToObject(o, "sd", d->b) == NULL;
        break;
    case GPUCOST_DIST_UNIFORM:
        bad = bad || cJSON_AddStringToObject(o, "dist", "uniform") == NULL ||
              cJSON_AddNumberToObject(o, "min", d->a) == NULL ||
              cJSON_AddNumberToObject(o, "max", d->b) == NULL;
        break;
    case GPUCOST_DIST_TRIANGULAR:
        bad = bad || cJSON_AddStringToObject(o, "dist", "triangular") == NULL ||
              cJSON_AddNumberToObject(o, "min", d->a) == NULL ||
              cJSON_AddNumberToObject(o, "mode", d->c) == NULL ||
              cJSON_AddNumberToObject(o, "max", d->b) == NULL;
        break;
    default:
        bad = bad || cJSON_AddStringToObject(o, "dist", "lognormal") == NULL ||
              cJSON_AddNumberToObject(o, "low", gpucost_dist_quantile(d, 0.05)) == NULL ||
              cJSON_AddNumberToObject(o, "high", gpucost_dist_quantile(d, 0.95)) == NULL;
        break;
    }
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* One --set written into `inputs`; `set[q]` marks the quantities it set. */
static int write_set(cJSON *inputs, const gpucost_override *o, int *set)
{
    const char *name = gpucost_quantity_info_get(o->quantity)->name;
    switch (o->kind) {
    case GPUCOST_OVERRIDE_POINT:
        set[o->quantity] = 1;
        return put(inputs, name, cJSON_CreateNumber(o->value));
    case GPUCOST_OVERRIDE_INTERVAL:
        set[o->quantity] = 1;
        return put(inputs, name, interval(o->value, o->high));
    case GPUCOST_OVERRIDE_DIST: set[o->quantity] = 1; return put(inputs, name, dist_json(&o->dist));
    case GPUCOST_OVERRIDE_REMOVE:
        set[o->quantity] = 1;
        cJSON_DeleteItemFromObjectCaseSensitive(inputs, name);
        return 0;
    case GPUCOST_OVERRIDE_HARDWARE: return put(inputs, "hardware", cJSON_CreateString(o->hardware));
    case GPUCOST_OVERRIDE_PRECISION:
        return put(inputs, "precision", cJSON_CreateString(gpucost_precision_name(o->precision)));
    case GPUCOST_OVERRIDE_AMORTISATION:
        return put(inputs, "amortisation",
                   cJSON_CreateString(gpucost_amortisation_name(o->amortisation)));
    }
    return 0;
}

/* What the what-if did beyond the --set: pins written, drops taken out, a
 * precision it moved to (fp8 -> bf16 on a part without fp8). */
static int write_whatif(cJSON *inputs, const gpucost_scenario *s, const gpucost_whatif *w,
                        const int *set)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const char *name = gpucost_quantity_info_get((gpucost_quantity)q)->name;
        if (!s->inputs[q].given)
            cJSON_DeleteItemFromObjectCaseSensitive(inputs, name);
        else if (w != NULL && w->pinned[q] && !set[q] &&
                 put(inputs, name, cJSON_CreateNumber(w->value[q])) != 0)
            return -1;
    }
    if (w != NULL && w->note[0] && s->hardware != NULL)
        return put(inputs, "precision", cJSON_CreateString(gpucost_precision_name(s->precision)));
    return 0;
}

gpucost_status gpucost_output_scenario(const char *text, size_t len, const char *id,
                                       const gpucost_scenario *s, const gpucost_whatif *w,
                                       const gpucost_override *sets, size_t nsets, gpucost_buf *out,
                                       gpucost_error *err)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (root == NULL || !cJSON_IsObject(root)) {
        /* the loader read these bytes already: only memory can fail here */
        cJSON_Delete(root);
        return NOMEM(err);
    }
    int set[GPUCOST_Q_COUNT] = {0}, rc = 0;
    cJSON *inputs = cJSON_GetObjectItemCaseSensitive(root, "inputs");
    if (inputs == NULL && (inputs = cJSON_AddObjectToObject(root, "inputs")) == NULL)
        rc = -1;
    for (size_t k = 0; rc == 0 && k < nsets; k++)
        rc = write_set(inputs, &sets[k], set);
    if (rc == 0)
        rc = write_whatif(inputs, s, w, set);
    if (rc == 0 && id != NULL)
        rc = put(root, "id", cJSON_CreateString(id));
    char *printed = rc == 0 ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (printed == NULL)
        return NOMEM(err);
    gpucost_buf_puts(out, printed);
    gpucost_buf_puts(out, "\n");
    cJSON_free(printed);
    return out->failed ? NOMEM(err) : GPUCOST_OK;
}
