/*
 * reconcile.h - which published numbers can all be true (SPEC Part 2,
 * "gpucost reconcile").
 *
 * Several sources' numbers about one reality (DeepSeek's report, Scale
 * AI's "50,000 H100s", SemiAnalysis's fleet and capex) are fitted jointly,
 * the way CODATA adjusts the physical constants: weighted least squares in
 * log space.  Every number in a case file's `inputs` and every claim is an
 * observation of one quantity; the product relations of derive.c (taken
 * from gpucost_derive_log_relations, never written again here) hold
 * exactly; the catalog values and defaults the case uses are observations
 * too, with a tight sigma.
 *
 * The exact relations A x = b are removed first: x = x0 + N z with N a
 * basis of A's null space (GSL's SVD), so the fit is an ordinary weighted
 * least-squares problem in z, solved by gsl_multifit_wlinear_tsvd, which
 * also reports the rank.  nu = observations - rank, p =
 * gsl_cdf_chisq_Q(chi2, nu).  A quantity is reported only when the
 * observations identify it (its row of N lies in the fit's row space).
 *
 * Sigma conventions (z = 1.6448536, the 90% point): a point with relative
 * tolerance t (inputs and claims without one: 0.01) has sigma ln(1 + t) /
 * z; an uncertain number sits at its median with sigma (ln p95 - ln p5) /
 * (2 z); a catalog point fact or a default has t = 0.001; a catalog range
 * (a price) is an uncertain number.  A bound (a claim's min or max, and
 * the domain limit mfu <= 1) is no observation while the fit keeps it;
 * when the fit breaks it, it becomes one at the bound (sigma from the
 * claim's tolerance; 0.001 for a domain limit) and the fit is repeated
 * (an active set that only grows).  Catalog values and defaults that
 * nothing else tests (leverage above the untested threshold) are left out
 * of the list: they change neither chi2 nor nu.
 *
 * The drop set: when p < 0.05, the smallest set of observations whose
 * removal gives p >= 0.05, searched over all subsets in order of size when
 * there are at most `exhaustive_max` candidates (else the worst
 * leave-one-out residual is removed and the fit repeated, one at a time);
 * among sets of one size the highest p wins, then the set that leaves more
 * degrees of freedom, then the larger leave-one-out residuals.  An
 * observation with leverage above 0.99 is untested and never dropped, and
 * neither is a domain limit.
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
    GPUCOST_OBS_OUTLIER, /* in the drop set */
    GPUCOST_OBS_UNTESTED /* nothing else tests it (leverage above the threshold) */
} gpucost_obs_status;

typedef struct gpucost_observation {
    size_t file_index; /* which of the case's files */
    const char *file;  /* borrowed from that scenario */
    char source[192];  /* who said it: a source title, "catalog h800", "default" */
    char where[64];    /* "inputs.gpus", "claims[2]", "catalog", "default", "domain" */
    gpucost_quantity quantity;
    gpucost_obs_kind kind;
    int bound;    /* 0 a value; -1 a lower bound (min); +1 an upper bound (max) */
    int active;   /* in the final fit: always for a value, a bound once broken */
    double value; /* the number as published (an uncertain number's median) */
    double sigma; /* of ln value */
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

typedef struct gpucost_reconcile_result {
    gpucost_kind kind;
    gpucost_observation *obs; /* nobs entries, in file order */
    size_t nobs;
    size_t nleft_out;                        /* catalog values and defaults that nothing tests */
    gpucost_fit_stats fit;                   /* all observations */
    int consistent;                          /* fit.p_value >= the threshold */
    size_t drop[GPUCOST_RECONCILE_MAX_DROP]; /* indices into obs */
    size_t ndrop;
    int found;               /* 0: no drop set restores consistency */
    int greedy;              /* 1: found one at a time (too many candidates) */
    gpucost_fit_stats after; /* without the drop set */
    /* The case's quantities from the fit without the drop set. */
    int identified[GPUCOST_Q_COUNT];
    double value[GPUCOST_Q_COUNT], low[GPUCOST_Q_COUNT], high[GPUCOST_Q_COUNT];
} gpucost_reconcile_result;

typedef struct gpucost_reconcile_options {
    double p_threshold;       /* consistent at p >= this (default 0.05) */
    double untested_leverage; /* untested above this leverage (default 0.99) */
    size_t exhaustive_max;    /* subsets searched up to this many candidates (default 20) */
    size_t max_fits;          /* budget for the subset search (default 1,000,000) */
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

/* "consistent", "outlier" or "untested". */
const char *gpucost_obs_status_name(gpucost_obs_status st);
/* "input", "claim", "catalog", "default" or "domain". */
const char *gpucost_obs_kind_name(gpucost_obs_kind k);

#endif
