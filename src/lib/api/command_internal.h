/*
 * command_internal.h - internal: what the commands (command.c) and their
 * loading (command_load.c) share.
 *
 * A point command loads its scenarios into a `loaded` (gc_loaded_all, or
 * gc_loaded_sweep for compare's sweep), reads it, and releases it with
 * gc_loaded_release.  Everything in a `loaded` is owned by it but the
 * catalog (the request's, borrowed).
 */
#ifndef GPUCOST_COMMAND_INTERNAL_H
#define GPUCOST_COMMAND_INTERNAL_H

#include <stddef.h>

#include "gpucost/command.h"
#include "gpucost/output.h"
#include "gpucost/record.h"
#include "gpucost/units.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

#define USAGE(err, ...) GPUCOST_ERROR((err), GPUCOST_EUSAGE, NULL, 0, 0, NULL, __VA_ARGS__)
/* A usage error about the request key `key` (call.h): its path */
#define USAGE_AT(err, key, ...) GPUCOST_ERROR((err), GPUCOST_EUSAGE, NULL, 0, 0, (key), __VA_ARGS__)
#define NOMEM(err) GPUCOST_ERROR((err), GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")

/* Everything a point command loads: scenarios and derivations, and the
 * units (files, record rows) it had to leave out. */
typedef struct loaded {
    const gpucost_catalog *catalog;
    gpucost_scenario **scenarios;
    gpucost_derivation *derivations;
    gpucost_derivation **parts; /* per scenario: a fleet's parts, else NULL */
    gpucost_whatif *whatifs;
    gpucost_result *results;
    size_t n;
    gpucost_units units;
    gpucost_record **records; /* the CSVs expanded, owning their rows' text */
    size_t nrecords;
} loaded;

/* Frees what `l` holds (not `l`); `l` may be partly filled. */
void gc_loaded_release(loaded *l);
/* The assignments for one scenario: the request's, the scenario's own,
 * then `extra` (NULL or one more), as `*sets` (for naming an error) and
 * their overrides `*over`, `*n` of each.  New arrays (gc_free() both, also
 * on failure). */
gpucost_status gc_loaded_gather_sets(const gpucost_request *rq, const gpucost_scenario_input *in,
                                     const gpucost_set *extra, const gpucost_set ***sets,
                                     gpucost_override **over, size_t *n, gpucost_error *err);
/* Loads `n` scenarios `in` (a record CSV among them stands for its rows),
 * applies the request's what-if and derives.  With `keep_going`, a unit
 * that fails is kept in l->units and the others go on.  On failure `l`
 * is released. */
gpucost_status gc_loaded_list(const gpucost_request *rq, const gpucost_scenario_input *in, size_t n,
                              int keep_going, loaded *l, gpucost_error *err);
/* The units left out, told to the front end: the verdict 2. */
void gc_loaded_tell_units(const gpucost_request *rq, const loaded *l, int *verdict);
/* The request's scenarios, loaded as gc_loaded_list does (range and
 * solve stop at the first bad one; the others keep going). */
gpucost_status gc_loaded_all(const gpucost_request *rq, loaded *l, gpucost_error *err);
/* compare's sweep NAME=V1,V2,...: the one FILE once per value, each row
 * named "NAME=V". */
gpucost_status gc_loaded_sweep(const gpucost_request *rq, loaded *l, gpucost_error *err);

#pragma GCC visibility pop

#endif
