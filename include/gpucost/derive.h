/*
 * derive.h - the derivation engine: every quantity from whichever
 * sufficient subset of the others is given.
 *
 * The relations of docs/quantities-and-methods.md are products (gpu_hours = gpus x wall_days x 24,
 * training_flops = mfu x gpu_hours x 3600 x peak_flops, ...), each solvable
 * for any one of its quantities, plus two forward-only sums (inference
 * revenue and margin).  Derivation is constraint propagation: a relation
 * with exactly one unknown quantity determines it.  The order of those
 * steps is a plan that depends only on which inputs are given, so the Monte
 * Carlo code builds it once and replays it per sample
 * (gpucost_derive_eval), with no search in the hot loop.
 *
 * Catalog values (peak_flops, power_w = TDP, gpu_price_usd and
 * price_per_gpu_hour from the price ranges) and defaults
 * (flops_per_param_token 6, gpus_per_node 8, hours 24, pue 1) are
 * fallbacks: each is used only when the quantity is still unknown after
 * propagating everything given, one at a time in that order.  Nothing is
 * back-derived silently: when the inputs determine a quantity that has a
 * catalog point value or a default, the two are compared and a
 * disagreement above the tolerance is a conflict naming both (docs/tutorial.md,
 * "Nothing back-derived silently"); a value outside a catalog range (a price) is a note, not
 * a conflict.  Given inputs that over-determine a relation are checked
 * against each other the same way, and a derived value outside its
 * physical domain (mfu above 1) is a conflict too; nothing given, no
 * catalog value and no default is ever overwritten.  A quantity that cannot be derived stays
 * unknown (origin GPUCOST_ORIGIN_UNKNOWN, value NaN internally), never 0; the output module prints
 * it as null / "unknown".
 */
#ifndef GPUCOST_DERIVE_H
#define GPUCOST_DERIVE_H

#include <stddef.h>

#include "gpucost/catalog.h"
#include "gpucost/dist.h"
#include "gpucost/error.h"
#include "gpucost/quantity.h"
#include "gpucost/scenario.h"

/* gpucost_origin and gpucost_qset are quantity.h's. */

typedef struct gpucost_conflict {
    gpucost_quantity quantity;
    double given;     /* the value given, the catalog's or default (or the bound) */
    double derived;   /* the value the other inputs imply */
    double rel_error; /* |derived - given| / |given| */
    int physical;     /* 1: a derived value breaks a physical bound (mfu > 1) */
    /* Where `given` came from: INPUT (given inputs over-determine a
     * relation), CATALOG or DEFAULT (the inputs determine a quantity that
     * has a catalog value or default). */
    gpucost_origin against;
    /* For a note: the catalog's 90% range [low, high] that `derived` lies
     * outside; 0 otherwise. */
    double low, high;
} gpucost_conflict;

#define GPUCOST_MAX_CONFLICTS 16

typedef struct gpucost_step {
    unsigned char relation, target;
    unsigned char term; /* the target's position in the relation */
} gpucost_step;

typedef struct gpucost_derivation {
    gpucost_kind kind;
    const gpucost_hardware *hardware; /* borrowed from the catalog; may be NULL (a fleet) */
    const gpucost_defaults *defaults; /* borrowed from the catalog; may be NULL */
    /* The network, borrowed from the scenario (an inline block) or the
     * catalog (a bundled architecture); NULL without one. */
    const gpucost_model *model;
    const char *file; /* the scenario's file, borrowed: errors about the run name it */
    gpucost_precision precision;
    /* price_year's dollars per dollar_year's (PCU518210518210's annual
     * means, price_index.h): every USD value here is in price_year's
     * dollars; 1 without price_year.  Claims are checked in the
     * scenario's own dollars, value / usd_factor. */
    double usd_factor;
    double value[GPUCOST_Q_COUNT]; /* NaN where origin is UNKNOWN */
    gpucost_origin origin[GPUCOST_Q_COUNT];
    /* For inputs, catalog values and defaults: the distribution drawn
     * from; value[] holds its median. */
    gpucost_dist leaf[GPUCOST_Q_COUNT];
    gpucost_step steps[GPUCOST_Q_COUNT]; /* the plan, in order */
    size_t nsteps;
    gpucost_conflict conflicts[GPUCOST_MAX_CONFLICTS];
    size_t nconflicts;
    /* Derived values outside a catalog range (a rental or purchase price):
     * worth saying, not contradictions. */
    gpucost_conflict notes[GPUCOST_MAX_CONFLICTS];
    size_t nnotes;
    /* Kind fleet: the parts' values blended -- gpus summed, the others
     * GPU-weighted means -- in gpucost_fleet_part_q order, with where they
     * came from (INPUT when every part gives it, CATALOG when some part's
     * comes from its catalog entry, UNKNOWN when a part has none). */
    gpucost_dist fleet[GPUCOST_PART_NQ];
    gpucost_origin fleet_origin[GPUCOST_PART_NQ];
    /* The blends' parts: fleet[k] and the leaves taken from it point into
     * fleet_part[k].  A copy of a derivation borrows these, so the
     * original must outlive the copy. */
    gpucost_dist_part fleet_part[GPUCOST_PART_NQ][GPUCOST_MAX_PARTS];
    /* The scenario's "date" (yyyymmdd, 0 for none): a dated scenario
     * without a price of its own is priced at the catalog's quotes of its
     * time (gpucost_derive_price_basis says which).  A claim's own
     * "date" replaces the scenario's for that claim's derivation
     * (gpucost_derive_options.date). */
    int date;
    /* How owned hardware is amortised: STRAIGHT_LINE or EPOCH, never
     * UNSET; `amortisation_implied` is 1 when the scenario has no
     * "amortisation" key and hardware_age_years chose Epoch's (or its
     * absence straight-line).  gpucost_derive_amortisation_text says it
     * for people. */
    gpucost_amortisation amortisation;
    int amortisation_implied;
    /* What presenting a value needs to know of its derivation, worked out
     * once when it is derived: the time base a non-yearly amount is per
     * ("run", "day", "N h", "year" for a fleet over 8,760 h, "period";
     * gpucost_derive_period says it per quantity), and per quantity the
     * catalog values and defaults it rests on (GPUCOST_QBIT of each). */
    char period[16];
    gpucost_qset rests_on[GPUCOST_Q_COUNT];
} gpucost_derivation;

typedef struct gpucost_derive_options {
    /* Relative disagreement above which given inputs conflict (default
     * 1e-3: published figures are rounded to 3-4 significant digits). */
    double conflict_tolerance;
    /* A quantity to treat as not given (claims are never checked against
     * themselves), or -1 for none (default). */
    int exclude;
    /* 1 (default): a physical limit (a model that does not fit, see
     * gpucost_derive) is an error; 0: derive past it, for a caller that
     * asks only which quantities the inputs determine (a what-if's trial
     * of a half-built scenario), never to print them.  0 also skips the
     * amortisation's consistency checks (scenario.h): such a trial may
     * lack an input the final scenario has. */
    int limits;
    /* A date (yyyymmdd) that replaces the scenario's "date" (a claim's
     * own), or 0 for the scenario's (default). */
    int date;
} gpucost_derive_options;

void gpucost_derive_options_init(gpucost_derive_options *opt);

/* Derives every quantity of `s`.  `catalog` may be NULL when the scenario
 * names no hardware; `opt` may be NULL for the defaults.  Fills the
 * caller's `*out`.  Fails on unknown hardware or precision (located at the
 * scenario's input), on a result that overflows or underflows, and with
 * GPUCOST_EINVAL on a physical limit, saying what would fix it: a model
 * whose weights do not fit a replica's memory ("model"), a batch above
 * the largest that fits ("inputs.batch"), a rate or other positive
 * quantity derived at or below 0 (its name).  Nothing is derived past
 * one, so no command prints a number that rests on it. */
gpucost_status gpucost_derive(const gpucost_scenario *s, const gpucost_catalog *catalog,
                              const gpucost_derive_options *opt, gpucost_derivation *out,
                              gpucost_error *err);

/* When `d`'s rental price came from the catalog's dated quotes, which
 * ones, into `buf` (size n): "median of 3 on-demand quotes, 2024-08..
 * 2024-12 (CR8DL, Lambda), for 2024-12-15; ... Epoch AI's hardware
 * prices", and 1; else "" and 0.  Worked out when asked, so that a
 * derivation carries no text it may never print. */
int gpucost_derive_price_basis(const gpucost_derivation *d, char *buf, size_t n);

/* The same for the on-demand quotes of `h` around `date` (yyyymmdd): what
 * a derivation dated `date` without a price of its own is priced at.
 * Returns 1 and the text, or 0 and "" when `h` has no such quotes. */
int gpucost_derive_quote_basis(const gpucost_hardware *h, int date, char *buf, size_t n);

/* How `d` amortises owned hardware and why, for people: "epoch (Epoch
 * AI's, Cottier et al. 2024): the scenario's choice", "... implied by
 * hardware_age_years, as the scenario names no amortisation",
 * "straight_line over lifetime_years: the default, ...".  Borrowed static
 * string. */
const char *gpucost_derive_amortisation_text(const gpucost_derivation *d);

/* Copies `*src` to `*dst` with its blends (a fleet's values) pointing
 * into `*dst`'s own fleet_part, so that the copy outlives `*src`; a plain
 * assignment would leave them borrowing from `*src`.  Use it to move a
 * derivation. */
void gpucost_derive_copy(gpucost_derivation *dst, const gpucost_derivation *src);

/* The plan replayed on columns of `n` samples at once (the Monte Carlo
 * hot path): `cols[q]` points to n values for every quantity that varies
 * (each varying leaf, filled by the caller, and each step's target, written
 * here); NULL for a quantity that is constant, whose value is `base[q]`.
 * Returns 0, or with `*bad` (if not NULL) naming the first quantity at
 * fault in any sample: -1 when it overflowed, -2 when it broke a physical
 * limit (a positive quantity at or below 0, such as max_batch where the
 * weights fill the memory, or a batch above the largest that fits). */
int gpucost_derive_eval_columns(const gpucost_derivation *d, double *const *cols,
                                const double *base, size_t n, gpucost_quantity *bad);

/* For each quantity, the set of leaves it depends on through the plan, as
 * bits (GPUCOST_QBIT(leaf)) over the leaves for which `varying[leaf]` is
 * set.  A varying leaf depends on itself; a quantity whose set is empty is
 * constant whatever the varying leaves do. */
void gpucost_derive_dependencies(const gpucost_derivation *d, const int *varying,
                                 gpucost_qset *deps);

/* Replays the plan of `d` on `values`: the caller sets every leaf
 * (origin INPUT, CATALOG or DEFAULT) and the derived entries are written.
 * Returns 0, or -1 when a result is not finite and -2 when it breaks a
 * physical limit (as gpucost_derive_eval_columns), with `*bad` (if not
 * NULL) set to that quantity. */
int gpucost_derive_eval(const gpucost_derivation *d, double *values, gpucost_quantity *bad);

/* A product relation in log form: sum over terms of e[k] x ln q[k] =
 * ln_c.  Reconcile builds its design matrix from these, so derive.c stays
 * the one place the relations are written. */
typedef struct gpucost_log_relation {
    int nterms;
    gpucost_quantity q[7];
    int e[7];
    double ln_c;
} gpucost_log_relation;

/* Writes the product relations that apply to `kind` (sums such as revenue
 * are left out) into `out` (room for `max`).  Returns how many there are. */
size_t gpucost_derive_log_relations(gpucost_kind kind, gpucost_log_relation *out, size_t max);

/* Whether `q` has a fallback (a catalog value or a default) for the
 * scenario `d` was derived from (its kind, hardware, precision and the
 * catalog's defaults): 1 and `*dist` (a point for a fact or a default, a
 * range for a price) and `*origin` (CATALOG or DEFAULT) set, else 0.  A
 * fleet's catalog values are its parts' blended (gpucost_dist_blend),
 * borrowing their parts from `*d`. */
int gpucost_derive_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                            gpucost_origin *origin);

/* Derives part `part` of the fleet scenario `s` on its own: a fleet of
 * that one part with the scenario's shared inputs (factors, electricity,
 * lifetime, period), so that a table can show the fleet by part.  Fails
 * like gpucost_derive, or with GPUCOST_EINVAL when `s` is not a fleet or
 * `part` is out of range. */
gpucost_status gpucost_derive_part(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                   size_t part, gpucost_derivation *out, gpucost_error *err);

/* Derives phase `phase` of the training run `s` on its own (docs/quantities-and-methods.md,
 * runs in phases): the phase's inputs, hardware and precision over the run's, of
 * which it takes the rates, prices, parameters and factors but never the
 * run's totals or calendar days, and its GPU count only when the phase
 * names none.  `opt` may be NULL.  The run's own derivation sets its
 * totals (GPU-hours, tokens, FLOP, calendar days, rental cost) to the
 * phases' sums where every phase knows them, and a total the run gives itself is
 * a conflict when the sum disagrees.  Fails like gpucost_derive, or with
 * GPUCOST_EINVAL when `phase` is out of range. */
gpucost_status gpucost_derive_phase(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    size_t phase, const gpucost_derive_options *opt,
                                    gpucost_derivation *out, gpucost_error *err);

/* The time base of `q` in the scenario `d` was derived from (see
 * gpucost_base): "run" (training), "day" (24 h), "year" (8,760 h), "N h"
 * for another period, "year" for a GPUCOST_BASE_YEAR quantity, and "" for
 * a quantity without one.  Writes `buf` (size n) and returns it. */
char *gpucost_derive_period(const gpucost_derivation *d, gpucost_quantity q, char *buf, size_t n);

/* Whether `q` belongs in the derivation's lists (of unknowns, say): its
 * kinds include the scenario's, and a throughput quantity (quantity.h)
 * only with a model block or a throughput given. */
int gpucost_derive_applies(const gpucost_derivation *d, gpucost_quantity q);

/* The relations that define `q` (else those it takes part in), written
 * for people: "gpu_hours = gpus x wall_days x 24 (training); ...". */
void gpucost_derive_describe(gpucost_quantity q, char *buf, size_t n);

/* Where `q` comes from when nothing gives it: "default 6", "catalog:
 * tdp_w", or "" when it has no fallback.  Borrowed static string. */
const char *gpucost_derive_fallback_text(gpucost_quantity q);

#endif
