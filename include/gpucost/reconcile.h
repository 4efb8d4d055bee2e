/*
 * reconcile.h - which published numbers can all be true (docs/reconcile.md).
 *
 * Several sources' numbers about one reality (DeepSeek's report, Scale
 * AI's "50,000 H100s", SemiAnalysis's fleet and capex) are fitted jointly,
 * the way CODATA adjusts the physical constants: weighted least squares in
 * log space.  Every number in a case file's `inputs` and every claim is an
 * observation of one quantity; the product relations of derive.c (taken
 * from gpucost_derive_log_relations, never written again here) hold
 * exactly; the catalog values and defaults the case uses are observations
 * too, each with the uncertainty its source supports.
 *
 * Fixed, exact: the model block's quantities (parameters, KV bytes and
 * attention FLOP per token: the architecture's arithmetic, which `run`
 * uses as given) and the definitional defaults (24 hours in a day of
 * inference, the bytes of a precision).  They join the relations.
 *
 * The exact relations A x = b are removed first: x = x0 + N z with N a
 * basis of A's null space (GSL's SVD).  Each fit then scales the weighted
 * design matrix's columns to unit length and takes its one-sided Jacobi
 * SVD (gsl_linalg_SV_decomp_jacobi, accurate in relative terms for such a
 * matrix); the rank counts the singular values above 1e-13 x the largest,
 * and a quantity is identified when its row of N, scaled alike, lies in
 * the fit's row space to 1e-9 of its length.  Both tests are relative, so
 * sigmas 1e9 apart or a claim at tolerance 0 give the answers a
 * well-conditioned fit would.
 *
 * Sigma conventions (z = 1.6448536, the 90% point): a point with relative
 * tolerance t has sigma ln(1 + t) / z, with t = 0.01 for inputs and claims
 * that give none; a claim's "tolerance": 0 means as precise as its printed
 * digits (half a unit in the last significant digit of the shortest text
 * that reads back as the number: 2048 is +-0.5, 50000 +-5000); no number
 * is known better than 1e-9.  A claim "within a factor f" has sigma
 * ln f / z.  An uncertain number sits at its median with sigma (ln p95 -
 * ln p5) / (2 z).  Catalog values and defaults: see gpucost_reconcile_basis
 * in reconcile.c (the table is in docs/quantities-and-methods.md): a datasheet figure within
 * 1%, a catalog or defaults range as itself, a rule of thumb within 1.2x
 * to 2x.
 *
 * A bound (a claim's min or max, and the domain limit mfu <= 1) is
 * one-sided: no observation while the fit keeps it; when the fit breaks
 * it, it joins at the bound (sigma from the claim's tolerance, 0.001 for a
 * domain limit), and it leaves again when the fit with it lies inside.  A
 * broken bound counts as one observation in chi2 and nu, which makes the
 * p-value an approximation while bounds are active.
 *
 * Status: an observation the others do not determine (no leave-one-out
 * fit of its quantity) is untested, whatever its leverage; every other one
 * is tested and may be dropped, however precise it is.
 *
 * The drop set: when p < 0.05, the smallest set of observations whose
 * removal gives p >= 0.05 and leaves at least one degree of freedom,
 * found exactly by a branch and bound: sizes in order; within a size the
 * candidates (worst leave-one-out residual first) are dropped or kept,
 * and a branch is cut when the chi2 of the observations it keeps
 * (appended one row at a time with GSL's Givens rotations: a lower bound
 * on the chi2 of any completion) already exceeds the critical chi2 of the
 * most degrees of freedom a completion could have, or leaves no chance to
 * beat the best p found.  Among sets of one size: the highest p; at equal
 * p (1e-9 relative), fewer catalog values and defaults (a published
 * number goes before an assumption), then the less precise set (larger
 * sum of ln sigma), then more dof, then larger leave-one-out residuals.
 * A budget (`max_nodes`, `max_fits`) stops a search too large to finish:
 * the result says so and gives the best set it found.
 *
 * Uncertainties are not scaled by the Birge ratio (the output says so);
 * an observation still far from the fit (|r| or |loo r| above 3) in a case
 * that stays inconsistent, or |r| above 3 after a drop, is labelled
 * suspect, never consistent.
 */
#ifndef GPUCOST_RECONCILE_H
#define GPUCOST_RECONCILE_H

#include <stddef.h>

#include "gpucost/catalog.h"
#include "gpucost/error.h"
#include "gpucost/quantity.h"
#include "gpucost/scenario.h"

typedef enum gpucost_obs_kind {
    GPUCOST_OBS_INPUT,   /* a number in a file's inputs */
    GPUCOST_OBS_CLAIM,   /* a claim's value or bound */
    GPUCOST_OBS_CATALOG, /* a catalog fact or range the case uses */
    GPUCOST_OBS_DEFAULT, /* a default the case uses */
    GPUCOST_OBS_DOMAIN   /* a physical limit (mfu <= 1) */
} gpucost_obs_kind;

typedef enum gpucost_obs_status {
    GPUCOST_OBS_CONSISTENT,
    GPUCOST_OBS_OUTLIER,  /* in the drop set */
    GPUCOST_OBS_UNTESTED, /* the others do not determine its quantity */
    GPUCOST_OBS_SUSPECT   /* |r| or |loo r| above 3 in a case that stays inconsistent */
} gpucost_obs_status;

typedef struct gpucost_observation {
    size_t file_index; /* which of the case's files */
    const char *file;  /* borrowed from that scenario */
    char source[192];  /* who said it: a source title, "catalog h800", "default" */
    char where[64];    /* "inputs.gpus", "claims[2]", "catalog", "default", "domain" */
    gpucost_quantity quantity;
    gpucost_obs_kind kind;
    int bound;      /* 0 a value; -1 a lower bound (min); +1 an upper bound (max) */
    int active;     /* in the final fit: always for a value, a bound once broken */
    double value;   /* the number as published (an uncertain number's median) */
    double sigma;   /* of ln value */
    char basis[96]; /* how sigma was chosen: "tolerance 1%", "printed digits (+-0.5)" */
    /* From the fit without the drop set; has_fit is 0 when the observation
     * is not in it (an outlier, a bound that holds). */
    int has_fit;
    double adjusted, residual, leverage;
    int has_loo; /* 0 when the others do not determine the quantity */
    double loo_residual;
    gpucost_obs_status status;
} gpucost_observation;

typedef struct gpucost_fit_stats {
    double chi2;
    size_t dof;
    double p_value; /* 1 when dof is 0 */
    size_t rank;
    size_t nobs; /* observations in the fit (active bounds included) */
} gpucost_fit_stats;

#define GPUCOST_RECONCILE_MAX_DROP 32
#define GPUCOST_RECONCILE_MAX_FIXED 16

/* A number in the files that is not in the fit, and why (a value that is
 * not positive, a phase's claim, an export claim, a fleet part's input). */
typedef struct gpucost_left_out {
    size_t file_index;
    const char *file; /* borrowed from that scenario */
    char where[64];   /* "claims[3]", "fleet[1].gpus" */
    int quantity;     /* a gpucost_quantity, or -1 (an export claim) */
    int has_value;
    double value;
    const char *reason; /* static text */
} gpucost_left_out;

/* A quantity held exact: a model block's or a definitional default. */
typedef struct gpucost_fixed {
    gpucost_quantity quantity;
    double value;
    char source[96]; /* "model deepseek-v3", "default: a day of inference" */
} gpucost_fixed;

typedef struct gpucost_reconcile_result {
    gpucost_kind kind;
    gpucost_observation *obs; /* nobs entries, in file order */
    size_t nobs;
    gpucost_left_out *left_out; /* nleft entries: the files' numbers not in the fit */
    size_t nleft;
    gpucost_fixed fixed[GPUCOST_RECONCILE_MAX_FIXED]; /* held exact */
    size_t nfixed;
    size_t nfacts_untested; /* catalog values and defaults nothing tests: not listed */
    gpucost_fit_stats fit;  /* all observations */
    int consistent;         /* fit.p_value >= the threshold */
    size_t drop[GPUCOST_RECONCILE_MAX_DROP]; /* indices into obs */
    size_t ndrop;
    /* found: the drop set restores consistency with a degree of freedom
     * left.  exact: the search finished, so no smaller set does and none
     * of its size is better.  stopped: the budget ended the search; drop
     * then holds the best set it saw (found says whether it restores
     * consistency). */
    int found, exact, stopped;
    size_t nodes, fits;      /* the search's branches and full fits */
    size_t candidates;       /* observations the search could drop */
    gpucost_fit_stats after; /* without the drop set */
    /* The case's quantities from the fit without the drop set. */
    int identified[GPUCOST_Q_COUNT];
    double value[GPUCOST_Q_COUNT], low[GPUCOST_Q_COUNT], high[GPUCOST_Q_COUNT];
} gpucost_reconcile_result;

typedef struct gpucost_reconcile_options {
    double p_threshold; /* consistent at p >= this (default 0.05) */
    /* The drop-set search's budget: branches (default 5,000,000) and full
     * fits of candidate sets (default 10,000): each about 2-3 s on one
     * core of the development machine at 20 observations. */
    size_t max_nodes;
    size_t max_fits;
} gpucost_reconcile_options;

void gpucost_reconcile_options_init(gpucost_reconcile_options *opt);

/* Reconciles the case made of `files[0..n)` (scenarios already loaded,
 * with any --set applied).  Fails when the files disagree on kind,
 * hardware or precision (naming both files), on unknown hardware, and when
 * a number cannot be taken in log space.  `opt` may be NULL.  Returns a
 * new result in `*out`; free with gpucost_reconcile_free(). */
gpucost_status gpucost_reconcile(const gpucost_scenario *const *files, size_t n,
                                 const gpucost_catalog *catalog,
                                 const gpucost_reconcile_options *opt,
                                 gpucost_reconcile_result **out, gpucost_error *err);

void gpucost_reconcile_free(gpucost_reconcile_result *r);

/* "consistent", "outlier", "untested" or "suspect". */
const char *gpucost_obs_status_name(gpucost_obs_status st);
/* "input", "claim", "catalog", "default" or "domain". */
const char *gpucost_obs_kind_name(gpucost_obs_kind k);

#endif
