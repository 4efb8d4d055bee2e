/*
 * solve.h - the value of one input that makes a derived quantity hit a
 * target ("how many H100s to train V3 in 3 days?").
 *
 * The scenario is derived once with the input given (and the target's own
 * input, if any, left out), then the plan is replayed while GSL's Brent
 * solver moves the input: first a bracket is found by stepping outward from
 * the input's current value (in log space for positive quantities, within
 * the quantity's domain), then gsl_root_fsolver_brent narrows it.  No
 * bracket means no solution in range, and says so.
 */
#ifndef GPUCOST_SOLVE_H
#define GPUCOST_SOLVE_H

#include "gpucost/catalog.h"
#include "gpucost/error.h"
#include "gpucost/quantity.h"
#include "gpucost/scenario.h"

typedef struct gpucost_solve_options {
    double rel_tolerance; /* on the input's value (default 1e-12) */
    int max_iterations;   /* Brent iterations (default 200) */
} gpucost_solve_options;

void gpucost_solve_options_init(gpucost_solve_options *opt);

typedef struct gpucost_solve_result {
    gpucost_quantity input, target;
    double target_value; /* what was asked */
    double value;        /* the input's value that reaches it */
    double achieved;     /* the target quantity at that value */
    double start;        /* where the search started */
    int iterations;
} gpucost_solve_result;

/* Solves for `input` so that `target` equals `target_value`; `opt` may be
 * NULL.  Fills the caller's `*out`.  GPUCOST_ENOSOLUTION when no value in
 * the input's domain gets there, GPUCOST_ENOCONV when Brent does not
 * converge, GPUCOST_EINVAL / GPUCOST_ENOTFOUND when the question does not
 * make sense for the scenario (the message says why). */
gpucost_status gpucost_solve(const gpucost_scenario *s, const gpucost_catalog *catalog,
                             gpucost_quantity input, gpucost_quantity target, double target_value,
                             const gpucost_solve_options *opt, gpucost_solve_result *out,
                             gpucost_error *err);

#endif
