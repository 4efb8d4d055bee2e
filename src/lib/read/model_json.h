/*
 * model_json.h - internal: the one reader of a "model" block, shared by a
 * scenario's inline block and a bundled architecture file (model.c).
 */
#ifndef GPUCOST_MODEL_JSON_H
#define GPUCOST_MODEL_JSON_H

#include "gpucost/model.h"

#include "read/json.h"

#pragma GCC visibility push(hidden)

/* Reads the object `node` (at `path`) into the caller's zeroed `*m`: with
 * `file` set, the whole of an architecture file (id required, provenance
 * allowed); else a scenario's block.  On failure `*m` may hold partial
 * allocations: release it with gc_model_release(). */
gpucost_status gc_model_parse_node(const gc_json_doc *doc, const cJSON *node, const char *path,
                                   int file, gpucost_model *m, gpucost_error *err);
/* Frees what `*m` holds (not `m`) and zeroes it. */
void gc_model_release(gpucost_model *m);

#pragma GCC visibility pop

#endif
