/*
 * reconcile_fit.h - the numerical core of reconcile (internal): the
 * unknowns and exact relations as a null space, one scale-invariant
 * weighted fit, and the drop-set search.  reconcile_gather.c gathers the
 * observations, reconcile.c words the result; reconcile_fit.c fits them.
 *
 * Design: every fit is one column-scaled Jacobi SVD of the weighted
 * design matrix, so that rank and identifiability are decided relative to
 * the matrix itself (sigmas 1e9 apart fit as well as sigmas alike); the
 * search's branches are bounded by Givens row updates, which cost O(k^2)
 * each, and only its leaves pay for a full fit.
 */
#ifndef GPUCOST_RECONCILE_FIT_H
#define GPUCOST_RECONCILE_FIT_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "gpucost/reconcile.h"

/* The unknowns (the ln of every quantity the relations link to an
 * observation or a fixed quantity) and the exact relations A x = b,
 * eliminated as x = x0 + N z. */
typedef struct gc_rc_model {
    const gpucost_observation *obs;
    size_t nobs;
    int col[GPUCOST_Q_COUNT]; /* quantity -> unknown, or -1 */
    size_t nu, k;             /* unknowns; null-space dimension */
    gsl_matrix *N;            /* nu x k */
    gsl_vector *x0;           /* nu: a particular solution of the relations */
} gc_rc_model;

/* Builds the model for a case of `kind` with the observations and the
 * fixed (exact) quantities.  GPUCOST_EINVAL when the relations and fixed
 * values leave nothing to fit. */
gpucost_status gc_rc_model_init(gc_rc_model *m, gpucost_kind kind, const gpucost_observation *obs,
                                size_t nobs, const gpucost_fixed *fixed, size_t nfixed,
                                gpucost_error *err);
void gc_rc_model_release(gc_rc_model *m);

/* One fit and its workspace (allocated once for a model). */
typedef struct gc_rc_fit {
    gpucost_fit_stats st;
    int *in; /* per observation: in this fit */
    size_t rank;
    gsl_vector *z;    /* k: the fitted null-space coordinates */
    gsl_vector *d;    /* k: the column scaling */
    gsl_matrix *V;    /* k x k: right singular vectors (first `rank` used) */
    gsl_vector *S;    /* k: singular values */
    gsl_matrix *A;    /* max(nobs, k) x k: the scaled design, then U */
    gsl_vector *y;    /* max(nobs, k) */
    gsl_vector *work; /* k */
    int *keep;        /* k: singular value kept */
} gc_rc_fit;

int gc_rc_fit_alloc(gc_rc_fit *f, const gc_rc_model *m);
void gc_rc_fit_release(gc_rc_fit *f);

/* The fit without the observations marked in `excluded` (may be NULL),
 * with the one-sided active set of bounds.  Returns 0, or -1 when a fit
 * fails. */
int gc_rc_fit_bounded(const gc_rc_model *m, const int *excluded, gc_rc_fit *f);

/* Whether fit `f` determines quantity column j: 1 and its ln value and
 * variance, else 0. */
int gc_rc_fit_at(const gc_rc_model *m, const gc_rc_fit *f, int j, double *mu, double *var);

/* The drop-set search over the model's observations, given the full
 * fit's statuses and leave-one-out residuals in `obs`: fills drop, ndrop,
 * found, exact, stopped, nodes, fits and candidates of `r`.  Returns 0,
 * GC_RC_NOMEM when memory runs out, or -1 when a fit fails. */
#define GC_RC_NOMEM (-2)
int gc_rc_search(const gc_rc_model *m, const gpucost_reconcile_options *opt,
                 gpucost_reconcile_result *r);

#endif
