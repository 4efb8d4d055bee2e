/*
 * scenario_json.h - internal: a scenario read from a JSON object already
 * parsed (gpucost_call's scenario objects), by the same reader as a file
 * (scenario.c), without printing it back to text.
 */
#ifndef GPUCOST_SCENARIO_JSON_H
#define GPUCOST_SCENARIO_JSON_H

#include "gpucost/scenario.h"

#include "read/json.h"

#pragma GCC visibility push(hidden)

/* Reads the object `node` as the scenario `file` (the name its errors
 * give; they carry the JSON path inside `node` but no line:column).
 * Borrows `node`; returns a new scenario in `*out`; free with
 * gpucost_scenario_free(). */
gpucost_status gc_scenario_parse_node(const char *file, const cJSON *node, gpucost_scenario **out,
                                      gpucost_error *err);

#pragma GCC visibility pop

#endif
