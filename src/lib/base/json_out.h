/*
 * json_out.h - internal: building the JSON outputs (docs/commands.md) with cJSON so
 * that running out of memory anywhere gives an error, never a partial
 * document or a leak.
 *
 * Every call adds one member to `parent` (an object, with `name`) or one
 * element (an array, `name` NULL).  A failed allocation, or a NULL
 * parent left by one, sets `failed` and frees what could not be added;
 * gc_jw_finish then reports GPUCOST_ENOMEM and prints nothing.
 * Numbers given as known pass through as they are; the output guards
 * have checked them first (gpucost_output_guard).
 */
#ifndef GPUCOST_JSON_OUT_H
#define GPUCOST_JSON_OUT_H

#include <cjson/cJSON.h>

#include "gpucost/buf.h"
#include "gpucost/error.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

typedef struct gc_jw {
    cJSON *root; /* owned until gc_jw_finish */
    int failed;
} gc_jw;

/* Starts a document whose root is an object (`array` 0) or an array. */
cJSON *gc_jw_start(gc_jw *j, int array);
cJSON *gc_jw_obj(gc_jw *j, cJSON *parent, const char *name);
cJSON *gc_jw_arr(gc_jw *j, cJSON *parent, const char *name);
void gc_jw_num(gc_jw *j, cJSON *parent, const char *name, double v);
/* The number, or null when not `known` or not finite. */
void gc_jw_num_or_null(gc_jw *j, cJSON *parent, const char *name, double v, int known);
/* The string, or null when `s` is NULL. */
void gc_jw_str(gc_jw *j, cJSON *parent, const char *name, const char *s);
void gc_jw_bool(gc_jw *j, cJSON *parent, const char *name, int b);
/* An error in parts, the one shape of every output that carries one:
 * {"file", "line", "column", "path", "message", "code"} (line and column
 * 0 when unknown; code "syntax", "invalid", ...). */
void gc_jw_error(gc_jw *j, cJSON *parent, const char *name, const gpucost_error *e);
/* Prints the document into `out` (pretty, with a final newline) and frees
 * it; GPUCOST_ENOMEM when anything failed. */
gpucost_status gc_jw_finish(gc_jw *j, gpucost_buf *out, gpucost_error *err);

#pragma GCC visibility pop

#endif
