/*
 * scenario_internal.h - internal: what the readers of a scenario file
 * share (scenario.h).  scenario.c reads the document and its top-level
 * members and calls the readers of its parts: scenario_inputs.c (the
 * inputs, a fleet's parts, a run's phases) and scenario_claims.c (the
 * claims and the recorded conflicts).  scenario_override.c applies --set
 * overrides to a scenario read.  Not installed.
 */
#ifndef GPUCOST_SCENARIO_INTERNAL_H
#define GPUCOST_SCENARIO_INTERNAL_H

#include "gpucost/scenario.h"

#include "read/json.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* scenario.c: the out-of-memory error of `doc`'s file. */
gpucost_status gc_scenario_oom(const gc_json_doc *doc, gpucost_error *err);
/* scenario.c: where `node` is in `doc` (0:0 when unknown). */
gpucost_loc gc_scenario_loc(const gc_json_doc *doc, const cJSON *node);
/* scenario.c: the member "date" of `obj` (the scenario's or a claim's,
 * `parent` its path): "YYYY-MM-DD", or "YYYY-MM" for its 15th, as
 * yyyymmdd into `*date`; 0 when absent. */
gpucost_status gc_scenario_date_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                       int *date, gpucost_loc *loc, gpucost_error *err);

/* scenario_inputs.c: an "inputs" object at `where` ("inputs",
 * "phases[1].inputs") into `s`, whose kind is known. */
gpucost_status gc_scenario_parse_inputs(const gc_json_doc *doc, const cJSON *inputs,
                                        const char *where, gpucost_scenario *s, gpucost_error *err);
/* scenario_inputs.c: "fleet", the parts of a fleet scenario (only a fleet
 * has them), into `s->parts` (freed with `s`). */
gpucost_status gc_scenario_parse_fleet(const gc_json_doc *doc, gpucost_scenario *s,
                                       gpucost_error *err);
/* scenario_inputs.c: "phases", a training run's phases, into `s->phases`
 * (freed with `s`). */
gpucost_status gc_scenario_parse_phases(const gc_json_doc *doc, gpucost_scenario *s,
                                        gpucost_error *err);

/* scenario_claims.c: the array "claims" into `s->claims` (freed with `s`,
 * even on failure); phases are read first, for a claim's "phase". */
gpucost_status gc_scenario_parse_claims(const gc_json_doc *doc, const cJSON *claims,
                                        gpucost_scenario *s, gpucost_error *err);
/* scenario_claims.c: the array "expect_conflicts" into
 * `s->expect_conflicts` (freed with `s`, even on failure). */
gpucost_status gc_scenario_parse_expect_conflicts(const gc_json_doc *doc, const cJSON *arr,
                                                  gpucost_scenario *s, gpucost_error *err);

#pragma GCC visibility pop

#endif
