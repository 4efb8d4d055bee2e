/*
 * json_out.h - internal: building SPEC.md's JSON outputs with cJSON so
 * that running out of memory anywhere gives an error, never a partial
 * document or a leak.
 *
 * Every call adds one member to `parent` (an object, with `name`) or one
 * element (an array, `name` NULL).  A failed allocation, or a NULL
 * parent left by one, sets `failed` and frees what could not be added;
 * gpucost_jw_finish then reports GPUCOST_ENOMEM and prints nothing.
 * Numbers given as known pass through as they are; the output guards
 * have checked them first (gpucost_output_guard).
 */
#ifndef GPUCOST_JSON_OUT_H
#define GPUCOST_JSON_OUT_H

#include <cjson/cJSON.h>

#include "gpucost/buf.h"
#include "gpucost/error.h"

typedef struct gpucost_jw {
    cJSON *root; /* owned until gpucost_jw_finish */
    int failed;
} gpucost_jw;

/* Starts a document whose root is an object (`array` 0) or an array. */
cJSON *gpucost_jw_start(gpucost_jw *j, int array);
cJSON *gpucost_jw_obj(gpucost_jw *j, cJSON *parent, const char *name);
cJSON *gpucost_jw_arr(gpucost_jw *j, cJSON *parent, const char *name);
void gpucost_jw_num(gpucost_jw *j, cJSON *parent, const char *name, double v);
/* The number, or null when not `known` or not finite. */
void gpucost_jw_num_or_null(gpucost_jw *j, cJSON *parent, const char *name, double v, int known);
/* The string, or null when `s` is NULL. */
void gpucost_jw_str(gpucost_jw *j, cJSON *parent, const char *name, const char *s);
void gpucost_jw_bool(gpucost_jw *j, cJSON *parent, const char *name, int b);
/* Prints the document into `out` (pretty, with a final newline) and frees
 * it; GPUCOST_ENOMEM when anything failed. */
gpucost_status gpucost_jw_finish(gpucost_jw *j, gpucost_buf *out, gpucost_error *err);

#endif
