/*
 * derive_internal.h - internal: what the pieces of the derivation engine
 * (derive.h) share.  Not installed.
 *
 * derive.c holds the entry points and the propagation; the rest is split
 * by job, each file calling the others only through this header:
 *   derive_relations.c  the relations table, written for people and as logs
 *   derive_eval.c       a plan's arithmetic: one row, a step, a column
 *   derive_fallback.c   catalog values and defaults, in their order; the
 *                       amortisation method and Epoch's life
 *   derive_hardware.c   the accelerator: lookup, its peak, power and prices
 *   derive_fleet.c      a fleet's parts blended
 *   derive_roofline.c   the model block and the inference roofline's inputs
 *   derive_phases.c     a run in phases: each phase, and the run's totals
 *   derive_checks.c     conflicts, notes and physical limits afterwards
 *
 * Design: a relation is a row of data (`relation`), never code, so the
 * table, its evaluation and its wording agree by construction.  The plan
 * evaluation is the Monte Carlo's hot loop: its per-value helpers are
 * inline here, so splitting the files costs it no call.
 */
#ifndef GPUCOST_DERIVE_INTERNAL_H
#define GPUCOST_DERIVE_INTERNAL_H

#include <math.h>
#include <stddef.h>

#include "gpucost/derive.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* A quantity by its short name, in the derive_*.c files only. */
#define Q(x) GPUCOST_Q_##x

/* REL_SUM: terms[0] = the sum of the others (forward only).  The
 * throughput rows (docs/quantities-and-methods.md) are forward only too, each written out in
 * forward_value() (derive_eval.c):
 *   REL_ATTENTION  flops_per_param_token = 6 + attention / params_active
 *   REL_MAX_BATCH  the sequences whose KV cache fits beside the weights
 *   REL_READ       the weights one GPU reads per decode step
 *   REL_DECODE     the decode roofline, batch / max(memory, compute time)
 *   REL_SERVE      the GPUs the traffic keeps busy */
enum rel_type {
    REL_PRODUCT,
    REL_REVENUE,
    REL_MARGIN,
    REL_PROFIT,
    REL_SUM,
    REL_ATTENTION,
    REL_MAX_BATCH,
    REL_READ,
    REL_DECODE,
    REL_SERVE
};

typedef struct relation {
    enum rel_type type;
    int kinds;
    int nterms;
    struct {
        gpucost_quantity q;
        int e;
    } terms[8]; /* terms[0] is the output */
    double c;
} relation;

/* The rows of gc_derive_relations: a row added there is one more here
 * (derive_relations.c asserts the count). */
#define NREL 43

/* derive_relations.c: every relation; a plan step's `relation` indexes it. */
extern const relation gc_derive_relations[NREL];

/* Physical limits (issue 23): a derived value past one is no number to
 * go on from.  A positive quantity (a rate, a batch) must stay above 0 --
 * max_batch is the one relation that subtracts, and it goes negative when
 * the weights fill the memory -- and a batch may not exceed the largest
 * that fits, within published figures' rounding.  The plan's evaluations
 * refuse a sample past one (range, solve); gpucost_derive refuses the
 * scenario itself with the reason (gc_derive_check_limits). */
#define LIMIT_TOLERANCE 1e-3

/* The factor a value of q is printed with: a percentage is shown x 100,
 * and a value must stay finite as printed, not only as stored. */
static inline double gc_derive_shown_scale(gpucost_quantity q)
{
    return gpucost_quantity_info_get(q)->style == GPUCOST_NUM_PERCENT ? 100.0 : 1.0;
}

/* The open interval (lo, hi] a derived value of q must lie in. */
static inline void gc_derive_limits_of(gpucost_quantity q, double *lo, double *hi)
{
    *lo = gpucost_quantity_info_get(q)->domain == GPUCOST_DOMAIN_POSITIVE ? 0.0 : -INFINITY;
    *hi = q == Q(BATCH_FILL) ? 1.0 + LIMIT_TOLERANCE : INFINITY;
}

static inline int gc_derive_within_limits(gpucost_quantity q, double v)
{
    double lo, hi;
    gc_derive_limits_of(q, &lo, &hi);
    return v > lo && v <= hi;
}

/* derive.c: q as a leaf of `d` with value `dist`'s median. */
void gc_derive_set_leaf(gpucost_derivation *d, gpucost_quantity q, const gpucost_dist *dist,
                        gpucost_origin o);

/* derive_eval.c: the value of relation r's term j implied by the others'
 * values `v` (indexed by quantity), for the model `m` (NULL without one). */
double gc_derive_solve(const gpucost_model *m, const relation *r, int j, const double *v);
/* derive_eval.c: step i of d's plan on values v: its target's value. */
double gc_derive_eval_step(const gpucost_derivation *d, size_t i, const double *v);

/* derive_hardware.c: the catalog entry of hardware `id` (borrowed from
 * `catalog`), or an error at `l` / `where` with the nearest name. */
gpucost_status gc_derive_find_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                       const char *id, const gpucost_loc *l, const char *where,
                                       const gpucost_hardware **out, gpucost_error *err);
/* derive_hardware.c: s's accelerator into d->hardware, with a peak at its
 * precision. */
gpucost_status gc_derive_resolve_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                          gpucost_derivation *d, gpucost_error *err);
/* derive_hardware.c: a dated scenario's rental price from h's on-demand
 * quotes, and (`basis` may be NULL) which quotes; 0 when it has none. */
int gc_derive_dated_rent(const gpucost_hardware *h, int date, gpucost_dist *dist, char *basis,
                         size_t n);
/* derive_hardware.c: h's catalog power (TDP), purchase or rental price. */
int gc_derive_hardware_fallback(const gpucost_hardware *h, gpucost_quantity q, gpucost_dist *dist);

/* derive_fleet.c: a fleet's parts blended into d->fleet. */
gpucost_status gc_derive_blend_fleet(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                     gpucost_derivation *d, gpucost_error *err);
/* derive_fleet.c: a fleet's power, purchase or rental price. */
int gc_derive_fleet_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                             gpucost_origin *origin);

/* derive_roofline.c: the model s names into d->model (borrowed). */
gpucost_status gc_derive_resolve_model(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                       gpucost_derivation *d, gpucost_error *err);
/* derive_roofline.c: what the model block gives, as inputs. */
void gc_derive_set_model_inputs(gpucost_derivation *d);
/* derive_roofline.c: the inference roofline's catalog values and defaults. */
int gc_derive_roofline_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                                gpucost_origin *origin);
/* derive_roofline.c: the weights one GPU of a replica of `gpus` holds, in
 * GB, at `bytes` a parameter. */
double gc_derive_resident_gb(const gpucost_derivation *d, double gpus, double bytes);
/* derive_roofline.c: the error for weights that fill a replica's memory. */
gpucost_status gc_derive_does_not_fit(const gpucost_scenario *s, const gpucost_derivation *d,
                                      gpucost_error *err);

/* derive_fallback.c: the amortisation d uses, or an error at the input
 * the chosen method cannot use. */
gpucost_status gc_derive_resolve_amortisation(const gpucost_scenario *s,
                                              const gpucost_derive_options *opt,
                                              gpucost_derivation *d, gpucost_error *err);
/* derive_fallback.c: the number of fallbacks, tried in their order. */
extern const size_t gc_derive_nfallbacks;
/* derive_fallback.c: fallback i (< gc_derive_nfallbacks) when its
 * quantity's origin is `need` and it has one: the quantity, with `*dist`
 * and `*origin` set; else -1. */
int gc_derive_fallback_at(const gpucost_derivation *d, size_t i, gpucost_origin need,
                          gpucost_dist *dist, gpucost_origin *origin);

/* derive_phases.c: a run's totals from its phases into `sums` (NaN where
 * a phase does not know one), NPHASE_SUMS of them. */
#define NPHASE_SUMS 5
gpucost_status gc_derive_sum_phases(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    double *sums, gpucost_error *err);
/* derive_phases.c: the sums as inputs of the run, or conflicts with its own. */
void gc_derive_set_phase_sums(const gpucost_scenario *s, const double *sums, int exclude,
                              gpucost_derivation *d);

/* derive_checks.c: a conflict on q in d unless q has one already. */
void gc_derive_add_conflict(gpucost_derivation *d, gpucost_quantity q, double given, double derived,
                            gpucost_origin against, int physical);
/* derive_checks.c: after the plan, each comparing values and adding
 * conflicts or notes to d: the catalog values and defaults the inputs
 * determined, the relations every term of which is known (`used[NREL]`:
 * those the plan solved), and the physical domains. */
void gc_derive_check_fallbacks(gpucost_derivation *d, double tolerance);
void gc_derive_check_overdetermined(gpucost_derivation *d, const int *used, double tolerance);
void gc_derive_check_domains(gpucost_derivation *d, double tolerance);
/* derive_checks.c: a value past a physical limit, an error naming the fix. */
gpucost_status gc_derive_check_limits(const gpucost_scenario *s, const gpucost_derivation *d,
                                      gpucost_error *err);

#pragma GCC visibility pop

#endif
