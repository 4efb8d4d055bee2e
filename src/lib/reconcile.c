/*
 * reconcile.c - the joint log-space fit of a case's numbers (see
 * reconcile.h for the method and its conventions).
 *
 * Layout: observations are gathered from the files (build_*), the
 * unknowns and exact relations come from derive.c's table (model_init),
 * the relations are eliminated through an SVD null space, and every fit
 * (the full one, each leave-one-out, each candidate drop set) is one call
 * of fit_bounded: a GSL truncated-SVD weighted fit wrapped in the active
 * set of bounds.
 */
#include "gpucost/reconcile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>

#include "gpucost/derive.h"
#include "gpucost/dist.h"
#include "text.h"

#define MAX_REL 32
#define T_DEFAULT 0.01 /* inputs and claims without a tolerance */
#define T_FACT 0.001   /* catalog point facts, defaults, domain limits */
#define TSVD_TOL 1e-10 /* singular values below this x the largest are cut */

const char *gpucost_obs_status_name(gpucost_obs_status st)
{
    switch (st) {
    case GPUCOST_OBS_CONSISTENT: return "consistent";
    case GPUCOST_OBS_OUTLIER: return "outlier";
    case GPUCOST_OBS_UNTESTED: return "untested";
    }
    return "unknown";
}

const char *gpucost_obs_kind_name(gpucost_obs_kind k)
{
    switch (k) {
    case GPUCOST_OBS_INPUT: return "input";
    case GPUCOST_OBS_CLAIM: return "claim";
    case GPUCOST_OBS_CATALOG: return "catalog";
    case GPUCOST_OBS_DEFAULT: return "default";
    case GPUCOST_OBS_DOMAIN: return "domain";
    }
    return "unknown";
}

void gpucost_reconcile_options_init(gpucost_reconcile_options *opt)
{
    opt->p_threshold = 0.05;
    opt->untested_leverage = 0.99;
    opt->exhaustive_max = 20;
    opt->max_fits = 1000000;
}

void gpucost_reconcile_free(gpucost_reconcile_result *r)
{
    if (r == NULL)
        return;
    free(r->obs);
    free(r);
}

static double sigma_of_tolerance(double t)
{
    return log1p(fmax(t, 1e-9)) / GPUCOST_Z90;
}

/* ---- observations ----------------------------------------------------- */

typedef struct obs_list {
    gpucost_observation *v;
    size_t n, cap;
} obs_list;

static gpucost_observation *obs_add(obs_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        gpucost_observation *v = realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    gpucost_observation *o = &l->v[l->n++];
    memset(o, 0, sizeof *o);
    return o;
}

/* The source a scenario names for `field`, else its estimate or derived
 * note, else the scenario id. */
static void source_of(const gpucost_scenario *s, const char *field, char *buf, size_t n)
{
    for (size_t i = 0; i < s->nsources; i++)
        for (size_t k = 0; k < s->sources[i].nfields; k++)
            if (strcmp(s->sources[i].fields[k], field) == 0) {
                gc_text_abbrev(buf, n, s->sources[i].title);
                return;
            }
    for (size_t i = 0; i < s->nnotes; i++)
        if (strcmp(s->notes[i].field, field) == 0) {
            gc_text_printf(buf, n, "%s (%s)", s->id, s->notes[i].derived ? "derived" : "estimate");
            return;
        }
    gc_text_copy(buf, n, s->id);
}

/* ln-space value and sigma of a distribution; 0 when it cannot be logged. */
static int log_point(const gpucost_dist *d, double t, double *v, double *sigma)
{
    *v = gpucost_dist_median(d);
    if (gpucost_dist_is_point(d)) {
        *sigma = sigma_of_tolerance(t);
    } else {
        double lo = gpucost_dist_quantile(d, 0.05), hi = gpucost_dist_quantile(d, 0.95);
        if (!(lo > 0.0) || !(hi > lo))
            return 0;
        *sigma = (log(hi) - log(lo)) / (2.0 * GPUCOST_Z90);
    }
    return *v > 0.0 && isfinite(*v) && *sigma > 0.0 && isfinite(*sigma);
}

static gpucost_status oom(gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

static gpucost_status build_claims(const gpucost_scenario *s, size_t fi, obs_list *l,
                                   gpucost_error *err);

static gpucost_status build_file(const gpucost_scenario *s, size_t fi, obs_list *l,
                                 gpucost_error *err)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (!s->inputs[q].given)
            continue;
        double v, sg;
        if (!log_point(&s->inputs[q].dist, T_DEFAULT, &v, &sg))
            continue; /* zero or negative: not in log space (cache_hit_fraction 0) */
        gpucost_observation *o = obs_add(l);
        if (o == NULL)
            return oom(err);
        o->file_index = fi;
        o->file = s->file;
        o->quantity = (gpucost_quantity)q;
        o->kind = GPUCOST_OBS_INPUT;
        o->value = v;
        o->sigma = sg;
        snprintf(o->where, sizeof o->where, "inputs.%s",
                 gpucost_quantity_info_get(o->quantity)->name);
        source_of(s, o->where, o->source, sizeof o->source);
    }
    return build_claims(s, fi, l, err);
}

/* Each claim's value, or each of its bounds, as an observation. */
static gpucost_status build_claims(const gpucost_scenario *s, size_t fi, obs_list *l,
                                   gpucost_error *err)
{
    for (size_t i = 0; i < s->nclaims; i++) {
        const gpucost_claim *c = &s->claims[i];
        if (c->phase >= 0 || c->is_export)
            continue; /* about one phase of the run, or a chip's export status */
        const double vals[3] = {c->value, c->min, c->max};
        const int has[3] = {c->has_value, c->has_min, c->has_max};
        for (int k = 0; k < 3; k++) {
            if (!has[k] || !(vals[k] > 0.0))
                continue;
            gpucost_observation *o = obs_add(l);
            if (o == NULL)
                return oom(err);
            o->file_index = fi;
            o->file = s->file;
            o->quantity = c->quantity;
            o->kind = GPUCOST_OBS_CLAIM;
            o->bound = k == 0 ? 0 : k == 1 ? -1 : 1;
            o->value = vals[k];
            /* within a factor f: ln f is the 90% half-width in log space */
            o->sigma = c->factor >= 1.0 ? fmax(log(c->factor), 1e-9) / GPUCOST_Z90
                                        : sigma_of_tolerance(c->tolerance);
            snprintf(o->where, sizeof o->where, "claims[%zu]", i);
            if (c->source[0])
                gc_text_abbrev(o->source, sizeof o->source, c->source);
            else
                source_of(s, o->where, o->source, sizeof o->source);
        }
    }
    return GPUCOST_OK;
}

/* The files must describe one reality: one kind, hardware, precision. */
static gpucost_status check_same(const gpucost_scenario *const *f, size_t n, gpucost_error *err)
{
    for (size_t i = 1; i < n; i++) {
        const gpucost_scenario *a = f[0], *b = f[i];
        if (a->kind != b->kind)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, b->file, 0, 0, "kind",
                                 "kind '%s' differs from '%s' in %s; a case describes one reality",
                                 gpucost_kind_name(b->kind), gpucost_kind_name(a->kind), a->file);
        const char *ha = a->hardware ? a->hardware : "(none)",
                   *hb = b->hardware ? b->hardware : "(none)";
        if (strcasecmp(ha, hb) != 0)
            return GPUCOST_ERROR(
                err, GPUCOST_EINVAL, b->file, b->hardware_loc.line, b->hardware_loc.column,
                "inputs.hardware",
                "hardware '%s' differs from '%s' in %s; a case describes one reality", hb, ha,
                a->file);
        if (a->precision != b->precision)
            return GPUCOST_ERROR(
                err, GPUCOST_EINVAL, b->file, b->precision_loc.line, b->precision_loc.column,
                "inputs.precision",
                "precision '%s' differs from '%s' in %s; a case describes one reality",
                gpucost_precision_name(b->precision), gpucost_precision_name(a->precision),
                a->file);
    }
    return GPUCOST_OK;
}

/* Quantity q's catalog value or default as an observation, when the
 * derivation `d` of the merged case uses it (falls back on it, or
 * determines q and so is compared with it). */
static gpucost_status add_fallback(const gpucost_derivation *d, gpucost_quantity q,
                                   const char *file, obs_list *l, gpucost_error *err)
{
    gpucost_dist dist;
    gpucost_origin origin;
    double v, sg;
    if (!gpucost_derive_fallback(d, q, &dist, &origin) ||
        (d->origin[q] != origin && d->origin[q] != GPUCOST_ORIGIN_DERIVED) ||
        !log_point(&dist, T_FACT, &v, &sg))
        return GPUCOST_OK;
    gpucost_observation *o = obs_add(l);
    if (o == NULL)
        return oom(err);
    o->file = file;
    o->quantity = q;
    o->kind = origin == GPUCOST_ORIGIN_CATALOG ? GPUCOST_OBS_CATALOG : GPUCOST_OBS_DEFAULT;
    o->value = v;
    o->sigma = sg;
    snprintf(o->where, sizeof o->where, "%s", gpucost_origin_name(origin));
    if (origin == GPUCOST_ORIGIN_CATALOG && d->hardware == NULL)
        snprintf(o->source, sizeof o->source, "catalog, the fleet's parts");
    else if (origin == GPUCOST_ORIGIN_CATALOG)
        gc_text_printf(o->source, sizeof o->source, "catalog %s%s%s", d->hardware->id,
                       q == GPUCOST_Q_PEAK_FLOPS ? " " : "",
                       q == GPUCOST_Q_PEAK_FLOPS ? gpucost_precision_name(d->precision) : "");
    else
        snprintf(o->source, sizeof o->source, "default");
    return GPUCOST_OK;
}

/* Catalog values and defaults the case uses: those its merged inputs
 * fall back on, or determine (and so are compared with). */
static gpucost_status build_fallbacks(const gpucost_scenario *const *f, size_t n,
                                      const gpucost_catalog *catalog, obs_list *l,
                                      gpucost_error *err)
{
    gpucost_scenario merged = *f[0];
    for (size_t i = 1; i < n; i++)
        for (int q = 0; q < GPUCOST_Q_COUNT; q++)
            if (!merged.inputs[q].given && f[i]->inputs[q].given)
                merged.inputs[q] = f[i]->inputs[q];
    gpucost_derivation *d = malloc(sizeof *d);
    if (d == NULL)
        return oom(err);
    gpucost_status rc = gpucost_derive(&merged, catalog, NULL, d, err);
    for (int q = 0; rc == GPUCOST_OK && q < GPUCOST_Q_COUNT; q++)
        if (!merged.inputs[q].given)
            rc = add_fallback(d, (gpucost_quantity)q, f[0]->file, l, err);
    free(d);
    return rc;
}

/* ---- the model: unknowns, relations, null space ----------------------- */

typedef struct model {
    const gpucost_observation *obs;
    size_t nobs;
    int col[GPUCOST_Q_COUNT]; /* quantity -> unknown, or -1 */
    size_t nu, k;             /* unknowns; null-space dimension */
    gsl_matrix *N;            /* nu x k */
    gsl_vector *x0;           /* nu: a particular solution of the relations */
} model;

static void model_release(model *m)
{
    gsl_matrix_free(m->N);
    gsl_vector_free(m->x0);
    memset(m, 0, sizeof *m);
}

/* Marks in `in` every quantity the relations link, directly or through
 * others, to one already marked. */
static void link_closure(const gpucost_log_relation *rel, size_t nrel, int *in)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t r = 0; r < nrel; r++) {
            int touch = 0;
            for (int t = 0; t < rel[r].nterms; t++)
                touch |= in[rel[r].q[t]];
            for (int t = 0; touch && t < rel[r].nterms; t++)
                if (!in[rel[r].q[t]])
                    in[rel[r].q[t]] = changed = 1;
        }
    }
}

/* From the SVD A = U S V' of the relations (A overwritten by U): x0 =
 * sum over kept singular values of V_i (U_i . b) / s_i, and the null
 * space N = the columns of V past the rank. */
static gpucost_status null_space(model *m, const gsl_matrix *U, const gsl_matrix *V,
                                 const gsl_vector *S, const gsl_vector *b, gpucost_error *err)
{
    double tol = 1e-12 * fmax(gsl_vector_get(S, 0), 1.0);
    size_t rank = 0;
    while (rank < m->nu && gsl_vector_get(S, rank) > tol)
        rank++;
    for (size_t i = 0; i < rank; i++) {
        double ub = 0.0;
        for (size_t r = 0; r < U->size1; r++)
            ub += gsl_matrix_get(U, r, i) * gsl_vector_get(b, r);
        for (size_t j = 0; j < m->nu; j++)
            gsl_vector_set(m->x0, j,
                           gsl_vector_get(m->x0, j) +
                               gsl_matrix_get(V, j, i) * ub / gsl_vector_get(S, i));
    }
    m->k = m->nu - rank;
    if (m->k == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL,
                             "the relations leave nothing to fit");
    m->N = gsl_matrix_alloc(m->nu, m->k);
    if (m->N == NULL)
        return oom(err);
    for (size_t j = 0; j < m->nu; j++)
        for (size_t c = 0; c < m->k; c++)
            gsl_matrix_set(m->N, j, c, gsl_matrix_get(V, j, rank + c));
    return GPUCOST_OK;
}

/* Unknowns: every quantity the relations link to an observation; exact
 * relations A x = b eliminated as x = x0 + N z. */
static gpucost_status model_init(model *m, gpucost_kind kind, const gpucost_observation *obs,
                                 size_t nobs, gpucost_error *err)
{
    memset(m, 0, sizeof *m);
    m->obs = obs;
    m->nobs = nobs;
    gpucost_log_relation rel[MAX_REL];
    size_t nrel = gpucost_derive_log_relations(kind, rel, MAX_REL);
    if (nrel > MAX_REL)
        return GPUCOST_ERROR(err, GPUCOST_ELIMIT, NULL, 0, 0, NULL, "too many relations");
    int in[GPUCOST_Q_COUNT] = {0};
    for (size_t i = 0; i < nobs; i++)
        in[obs[i].quantity] = 1;
    link_closure(rel, nrel, in);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        m->col[q] = in[q] ? (int)m->nu++ : -1;
    size_t nr = 0;
    for (size_t r = 0; r < nrel; r++)
        nr += (size_t)in[rel[r].q[0]]; /* after the closure, all of a row's terms or none */
    /* GSL's SVD wants rows >= columns: A is padded with zero rows */
    size_t rows = nr > m->nu ? nr : m->nu;
    gsl_matrix *A = gsl_matrix_calloc(rows, m->nu);
    gsl_matrix *V = gsl_matrix_alloc(m->nu, m->nu);
    gsl_vector *S = gsl_vector_alloc(m->nu), *work = gsl_vector_alloc(m->nu);
    gsl_vector *b = gsl_vector_calloc(rows);
    m->x0 = gsl_vector_calloc(m->nu);
    gpucost_status rc = GPUCOST_OK;
    if (!A || !V || !S || !work || !b || !m->x0) {
        rc = oom(err);
        goto end;
    }
    for (size_t r = 0, row = 0; r < nrel; r++) {
        if (!in[rel[r].q[0]])
            continue;
        for (int t = 0; t < rel[r].nterms; t++)
            gsl_matrix_set(A, row, (size_t)m->col[rel[r].q[t]], (double)rel[r].e[t]);
        gsl_vector_set(b, row++, rel[r].ln_c);
    }
    if (gsl_linalg_SV_decomp(A, V, S, work) != 0)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOCONV, NULL, 0, 0, NULL,
                           "the relations' SVD did not converge");
    else
        rc = null_space(m, A, V, S, b, err);
end:
    gsl_matrix_free(A);
    gsl_matrix_free(V);
    gsl_vector_free(S);
    gsl_vector_free(work);
    gsl_vector_free(b);
    return rc;
}

/* ---- one fit ------------------------------------------------------------ */

typedef struct fit {
    gpucost_fit_stats st;
    gsl_vector *c;    /* k */
    gsl_matrix *cov;  /* k x k */
    gsl_matrix *proj; /* k x k: onto the fit's row space */
    int *in;          /* per observation: in this fit */
} fit;

static void fit_release(fit *f)
{
    gsl_vector_free(f->c);
    gsl_matrix_free(f->cov);
    gsl_matrix_free(f->proj);
    free(f->in);
    memset(f, 0, sizeof *f);
}

static int fit_alloc(fit *f, const model *m)
{
    memset(f, 0, sizeof *f);
    f->c = gsl_vector_alloc(m->k);
    f->cov = gsl_matrix_alloc(m->k, m->k);
    f->proj = gsl_matrix_alloc(m->k, m->k);
    f->in = calloc(m->nobs ? m->nobs : 1, sizeof *f->in);
    return f->c && f->cov && f->proj && f->in ? 0 : -1;
}

/* Whether the fit determines quantity column j; its ln value and variance. */
static int fit_at(const model *m, const fit *f, int j, double *mu, double *var)
{
    if (j < 0)
        return 0;
    double norm = 0.0, miss = 0.0, x = gsl_vector_get(m->x0, (size_t)j), v = 0.0;
    for (size_t a = 0; a < m->k; a++) {
        double na = gsl_matrix_get(m->N, (size_t)j, a), pa = 0.0;
        norm += na * na;
        x += na * gsl_vector_get(f->c, a);
        for (size_t b = 0; b < m->k; b++) {
            double nb = gsl_matrix_get(m->N, (size_t)j, b);
            pa += gsl_matrix_get(f->proj, a, b) * nb;
            v += na * gsl_matrix_get(f->cov, a, b) * nb;
        }
        miss += (pa - na) * (pa - na);
    }
    if (miss > 1e-12 * fmax(norm, 1e-300) && norm > 1e-24)
        return 0;
    *mu = x;
    *var = fmax(v, 0.0);
    return 1;
}

/* The weighted fit of the observations marked in f->in. */
static int fit_once(const model *m, fit *f)
{
    size_t nin = 0;
    for (size_t i = 0; i < m->nobs; i++)
        nin += (size_t)f->in[i];
    size_t rows = nin > m->k ? nin : m->k;
    gsl_matrix *X = gsl_matrix_calloc(rows, m->k), *Xw = gsl_matrix_calloc(rows, m->k);
    gsl_matrix *M = gsl_matrix_alloc(m->k, m->k);
    gsl_vector *y = gsl_vector_calloc(rows), *w = gsl_vector_calloc(rows);
    gsl_multifit_linear_workspace *work = gsl_multifit_linear_alloc(rows, m->k);
    int rc = -1;
    if (!X || !Xw || !M || !y || !w || !work)
        goto end;
    for (size_t i = 0, r = 0; i < m->nobs; i++) {
        if (!f->in[i])
            continue;
        const gpucost_observation *o = &m->obs[i];
        size_t j = (size_t)m->col[o->quantity];
        double wt = 1.0 / (o->sigma * o->sigma);
        for (size_t a = 0; a < m->k; a++) {
            gsl_matrix_set(X, r, a, gsl_matrix_get(m->N, j, a));
            gsl_matrix_set(Xw, r, a, gsl_matrix_get(m->N, j, a) * sqrt(wt));
        }
        gsl_vector_set(y, r, log(o->value) - gsl_vector_get(m->x0, j));
        gsl_vector_set(w, r, wt);
        r++;
    }
    double chi2 = 0.0;
    size_t rank = 0;
    if (gsl_multifit_wlinear_tsvd(X, w, y, TSVD_TOL, f->c, f->cov, &chi2, &rank, work) != 0)
        goto end;
    /* chi2 from the residuals: on these padded, rank-deficient systems
     * (fewer observations than null-space directions) GSL 2.7's chisq
     * came back 0 while the residuals were not */
    chi2 = 0.0;
    for (size_t r = 0; r < rows; r++) {
        gsl_vector_const_view xr = gsl_matrix_const_row(X, r);
        double fitted;
        gsl_blas_ddot(&xr.vector, f->c, &fitted);
        double e = gsl_vector_get(y, r) - fitted;
        chi2 += gsl_vector_get(w, r) * e * e;
    }
    /* the projector onto the row space: (X' W X) cov */
    if (gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Xw, Xw, 0.0, M) != 0 ||
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, M, f->cov, 0.0, f->proj) != 0)
        goto end;
    /* rounding noise of an exact fit is no disagreement */
    f->st.chi2 = chi2 < 1e-12 ? 0.0 : chi2;
    f->st.rank = rank;
    f->st.nobs = nin;
    f->st.dof = nin > rank ? nin - rank : 0;
    f->st.p_value = f->st.dof > 0 ? gsl_cdf_chisq_Q(f->st.chi2, (double)f->st.dof) : 1.0;
    rc = isfinite(chi2) && isfinite(f->st.p_value) ? 0 : -1;
end:
    gsl_matrix_free(X);
    gsl_matrix_free(Xw);
    gsl_matrix_free(M);
    gsl_vector_free(y);
    gsl_vector_free(w);
    gsl_multifit_linear_free(work);
    return rc;
}

/* A fit without the observations in `out` (may be NULL), with the
 * active set of bounds: a bound the fit breaks joins at its value and
 * the fit is repeated. */
static int fit_bounded(const model *m, const int *excluded, fit *f)
{
    for (size_t i = 0; i < m->nobs; i++)
        f->in[i] = !(excluded != NULL && excluded[i]) && m->obs[i].bound == 0;
    for (size_t iter = 0; iter <= m->nobs; iter++) {
        if (fit_once(m, f) != 0)
            return -1;
        int changed = 0;
        for (size_t i = 0; i < m->nobs; i++) {
            const gpucost_observation *o = &m->obs[i];
            double mu, var;
            if (o->bound == 0 || f->in[i] || (excluded != NULL && excluded[i]) ||
                !fit_at(m, f, m->col[o->quantity], &mu, &var))
                continue;
            double lv = log(o->value);
            if ((o->bound > 0 && mu > lv + 1e-12) || (o->bound < 0 && mu < lv - 1e-12))
                f->in[i] = changed = 1;
        }
        if (!changed)
            return 0;
    }
    return 0;
}

static double leverage_of(const model *m, const fit *f, const gpucost_observation *o)
{
    double mu, var;
    if (!fit_at(m, f, m->col[o->quantity], &mu, &var))
        return 1.0;
    return var / (o->sigma * o->sigma);
}

/* ---- the drop set --------------------------------------------------------- */

typedef struct search {
    const model *m;
    const gpucost_reconcile_options *opt;
    const double *loo; /* |leave-one-out residual| per observation, for ties */
    fit trial;
    int *excl;
    size_t fits;
    /* best so far */
    int found;
    size_t best[GPUCOST_RECONCILE_MAX_DROP], nbest;
    double best_p, best_loo;
    size_t best_dof;
} search;

/* Tries dropping `set[0..n)`; keeps it when it restores consistency and
 * beats the best set of its size. */
static int try_set(search *s, const size_t *set, size_t n)
{
    memset(s->excl, 0, s->m->nobs * sizeof *s->excl);
    double loo = 0.0;
    for (size_t i = 0; i < n; i++) {
        s->excl[set[i]] = 1;
        loo += s->loo[set[i]];
    }
    s->fits++;
    if (fit_bounded(s->m, s->excl, &s->trial) != 0)
        return -1;
    double p = s->trial.st.p_value;
    if (p < s->opt->p_threshold)
        return 0;
    int better =
        !s->found || p > s->best_p + 1e-12 ||
        (fabs(p - s->best_p) <= 1e-12 &&
         (s->trial.st.dof > s->best_dof || (s->trial.st.dof == s->best_dof && loo > s->best_loo)));
    if (better) {
        s->found = 1;
        s->best_p = p;
        s->best_dof = s->trial.st.dof;
        s->best_loo = loo;
        s->nbest = n;
        memcpy(s->best, set, n * sizeof *set);
    }
    return 0;
}

/* All subsets of `size` among cand[0..nc), in lexicographic order. */
static int try_size(search *s, const size_t *cand, size_t nc, size_t size)
{
    size_t idx[GPUCOST_RECONCILE_MAX_DROP], set[GPUCOST_RECONCILE_MAX_DROP];
    for (size_t i = 0; i < size; i++)
        idx[i] = i;
    for (;;) {
        if (s->fits >= s->opt->max_fits)
            return 1;
        for (size_t i = 0; i < size; i++)
            set[i] = cand[idx[i]];
        if (try_set(s, set, size) != 0)
            return -1;
        size_t i = size;
        while (i > 0 && idx[i - 1] == nc - size + i - 1)
            i--;
        if (i == 0)
            return 0;
        idx[i - 1]++;
        for (size_t j = i; j < size; j++)
            idx[j] = idx[j - 1] + 1;
    }
}

/* Among the candidates not yet taken, the one with the worst residual
 * against the fit without it and without set[0..n): its index in `*pick`
 * (nc when none is determined).  Returns 0, or -1 when a fit fails. */
static int worst_candidate(search *s, const size_t *cand, size_t nc, const int *taken,
                           const size_t *set, size_t n, fit *f, size_t *pick)
{
    const model *m = s->m;
    double worst = -1.0;
    *pick = nc;
    for (size_t c = 0; c < nc; c++) {
        if (taken[c])
            continue;
        memset(s->excl, 0, m->nobs * sizeof *s->excl);
        for (size_t i = 0; i < n; i++)
            s->excl[set[i]] = 1;
        s->excl[cand[c]] = 1;
        double mu, var;
        const gpucost_observation *o = &m->obs[cand[c]];
        if (fit_bounded(m, s->excl, f) != 0)
            return -1;
        if (!fit_at(m, f, m->col[o->quantity], &mu, &var))
            continue;
        double r = fabs(log(o->value) - mu) / sqrt(o->sigma * o->sigma + var);
        if (r > worst) {
            worst = r;
            *pick = c;
        }
    }
    return 0;
}

/* One at a time: drop the candidate with the worst leave-one-out
 * residual given what is already dropped, until consistent. */
static int greedy(search *s, const size_t *cand, size_t nc, const model *m)
{
    size_t set[GPUCOST_RECONCILE_MAX_DROP], n = 0;
    fit f;
    memset(&f, 0, sizeof f);
    int *taken = calloc(nc ? nc : 1, sizeof *taken);
    if (taken == NULL || fit_alloc(&f, m) != 0) {
        free(taken);
        fit_release(&f);
        return -1;
    }
    int rc = 0;
    while (!s->found && n < nc && n < GPUCOST_RECONCILE_MAX_DROP) {
        size_t pick = nc;
        rc = worst_candidate(s, cand, nc, taken, set, n, &f, &pick);
        if (rc != 0 || pick == nc)
            break;
        taken[pick] = 1;
        set[n++] = cand[pick];
        if (try_set(s, set, n) != 0) {
            rc = -1;
            break;
        }
    }
    free(taken);
    fit_release(&f);
    return rc;
}

/* ---- the whole reconciliation --------------------------------------------- */

/* Residuals, leverages and leave-one-out residuals of every observation
 * against the fit `f` (made without the observations in `excluded`). */
static int describe(const model *m, const fit *f, gpucost_observation *obs, fit *scratch, int *excl)
{
    for (size_t i = 0; i < m->nobs; i++) {
        gpucost_observation *o = &obs[i];
        double mu, var;
        o->active = f->in[i];
        o->has_fit = fit_at(m, f, m->col[o->quantity], &mu, &var);
        if (o->has_fit) {
            o->adjusted = exp(mu);
            o->residual = (log(o->value) - mu) / o->sigma;
        }
        o->leverage = f->in[i] ? leverage_of(m, f, o) : 0.0;
        /* the observation against the fit of all the others */
        memset(excl, 0, m->nobs * sizeof *excl);
        for (size_t k = 0; k < m->nobs; k++)
            excl[k] = !f->in[k];
        excl[i] = 1;
        o->has_loo = 0;
        if (!f->in[i])
            continue;
        if (fit_bounded(m, excl, scratch) != 0)
            return -1;
        if (fit_at(m, scratch, m->col[o->quantity], &mu, &var)) {
            o->has_loo = 1;
            o->loo_residual = (log(o->value) - mu) / sqrt(o->sigma * o->sigma + var);
        }
    }
    return 0;
}

static gpucost_status fit_failed(gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_ENOCONV, NULL, 0, 0, NULL,
                         "the weighted least-squares fit failed");
}

/* Adds the domain limits (mfu <= 1) of the fractions among the unknowns. */
static gpucost_status add_domain_limits(const model *m, obs_list *l, const char *file,
                                        gpucost_error *err)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (m->col[q] < 0 ||
            gpucost_quantity_info_get((gpucost_quantity)q)->domain != GPUCOST_DOMAIN_FRACTION)
            continue;
        gpucost_observation *o = obs_add(l);
        if (o == NULL)
            return oom(err);
        o->file = file;
        o->quantity = (gpucost_quantity)q;
        o->kind = GPUCOST_OBS_DOMAIN;
        o->bound = 1;
        o->value = 1.0;
        o->sigma = sigma_of_tolerance(T_FACT);
        snprintf(o->where, sizeof o->where, "domain");
        snprintf(o->source, sizeof o->source, "physical limit: %s <= 1",
                 gpucost_quantity_info_get(o->quantity)->name);
    }
    return GPUCOST_OK;
}

/* Keeps the observations for which keep[i] is set, in order. */
static void compact(obs_list *l, const int *keep)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (keep[i])
            l->v[n++] = l->v[i];
    l->n = n;
}

static gpucost_status find_drop_set(const model *m, gpucost_reconcile_result *r,
                                    const gpucost_reconcile_options *opt, search *s,
                                    gpucost_error *err)
{
    size_t *cand = calloc(m->nobs ? m->nobs : 1, sizeof *cand), nc = 0;
    double *loo = calloc(m->nobs ? m->nobs : 1, sizeof *loo);
    if (cand == NULL || loo == NULL) {
        free(cand);
        free(loo);
        return oom(err);
    }
    for (size_t i = 0; i < m->nobs; i++) {
        const gpucost_observation *o = &r->obs[i];
        loo[i] = o->has_loo ? fabs(o->loo_residual) : 0.0;
        if (o->active && o->status != GPUCOST_OBS_UNTESTED && o->kind != GPUCOST_OBS_DOMAIN)
            cand[nc++] = i;
    }
    s->loo = loo;
    int rc = 0;
    if (nc <= opt->exhaustive_max) {
        for (size_t size = 1;
             rc == 0 && !s->found && size <= nc && size <= GPUCOST_RECONCILE_MAX_DROP; size++)
            rc = try_size(s, cand, nc, size);
    }
    if (rc >= 0 && !s->found) {
        r->greedy = 1;
        rc = greedy(s, cand, nc, m);
    }
    free(cand);
    free(loo);
    return rc < 0 ? fit_failed(err) : GPUCOST_OK;
}

/* Every observation of the case: inputs and claims of each file, then the
 * catalog values and defaults the case uses. */
static gpucost_status gather(const gpucost_scenario *const *files, size_t n,
                             const gpucost_catalog *catalog, obs_list *l, gpucost_error *err)
{
    gpucost_status rc = check_same(files, n, err);
    for (size_t i = 0; rc == GPUCOST_OK && i < n; i++)
        rc = build_file(files[i], i, l, err);
    if (rc == GPUCOST_OK && l->n == 0)
        rc = GPUCOST_ERROR(err, GPUCOST_EINVAL, files[0]->file, 0, 0, NULL,
                           "nothing to reconcile: no inputs or claims");
    if (rc == GPUCOST_OK)
        rc = build_fallbacks(files, n, catalog, l, err);
    return rc;
}

/* The fit of everything: statistics, residuals, leave-one-out residuals,
 * which observations are untested, and the verdict. */
static int fit_everything(const model *m, const gpucost_reconcile_options *opt, fit *full,
                          fit *scratch, int *excl, gpucost_reconcile_result *r)
{
    if (fit_bounded(m, NULL, full) != 0 || describe(m, full, r->obs, scratch, excl) != 0)
        return -1;
    r->fit = full->st;
    for (size_t i = 0; i < r->nobs; i++)
        if (r->obs[i].active && r->obs[i].leverage > opt->untested_leverage)
            r->obs[i].status = GPUCOST_OBS_UNTESTED;
    r->consistent = full->st.p_value >= opt->p_threshold;
    r->found = r->consistent;
    return 0;
}

/* Adjusted values, residuals and leverages from the fit without the drop
 * set (leave-one-out residuals stay those of the full fit), and the
 * case's quantities with 90% intervals: not the catalog values and
 * defaults it only assumed, unless an input or claim speaks to them. */
static void final_values(const model *m, const fit *f, gpucost_reconcile_result *r)
{
    int spoken[GPUCOST_Q_COUNT] = {0};
    for (size_t i = 0; i < r->nobs; i++) {
        gpucost_observation *o = &r->obs[i];
        double mu, var;
        o->active = f->in[i] || o->status == GPUCOST_OBS_OUTLIER;
        o->has_fit = fit_at(m, f, m->col[o->quantity], &mu, &var);
        if (o->has_fit) {
            o->adjusted = exp(mu);
            o->residual = (log(o->value) - mu) / o->sigma;
        }
        o->leverage = f->in[i] ? leverage_of(m, f, o) : 0.0;
        spoken[o->quantity] |= o->kind == GPUCOST_OBS_INPUT || o->kind == GPUCOST_OBS_CLAIM;
    }
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        double mu, var;
        int assumed = gpucost_derive_fallback_text((gpucost_quantity)q)[0] != '\0';
        if ((assumed && !spoken[q]) || !fit_at(m, f, m->col[q], &mu, &var))
            continue;
        double sd = sqrt(var);
        r->value[q] = exp(mu);
        r->low[q] = exp(mu - GPUCOST_Z90 * sd);
        r->high[q] = exp(mu + GPUCOST_Z90 * sd);
        r->identified[q] = isfinite(r->value[q]) && isfinite(r->low[q]) && isfinite(r->high[q]);
    }
}

/* The list people read: a domain limit the fit never needed was no
 * observation, and a catalog value or default that nothing else
 * determines changes neither chi2 nor nu; neither is listed, and the
 * drop indices follow the list. */
static gpucost_status list_observations(obs_list *l, gpucost_reconcile_result *r,
                                        gpucost_error *err)
{
    int *keep = calloc(l->n ? l->n : 1, sizeof *keep);
    size_t *newpos = calloc(l->n ? l->n : 1, sizeof *newpos);
    if (keep == NULL || newpos == NULL) {
        free(keep);
        free(newpos);
        return oom(err);
    }
    for (size_t i = 0, k = 0; i < l->n; i++) {
        const gpucost_observation *o = &l->v[i];
        int fact = o->kind == GPUCOST_OBS_CATALOG || o->kind == GPUCOST_OBS_DEFAULT;
        keep[i] = !(o->kind == GPUCOST_OBS_DOMAIN && !o->active) &&
                  !(fact && !o->has_loo && o->status != GPUCOST_OBS_OUTLIER);
        r->nleft_out += (size_t)(fact && !keep[i]);
        newpos[i] = keep[i] ? k++ : 0;
    }
    for (size_t d = 0; d < r->ndrop; d++)
        r->drop[d] = newpos[r->drop[d]];
    /* each left out adds one observation and one to the rank */
    r->fit.nobs -= r->nleft_out;
    r->fit.rank -= r->nleft_out;
    r->after.nobs -= r->nleft_out;
    r->after.rank -= r->nleft_out;
    compact(l, keep);
    r->obs = l->v;
    r->nobs = l->n;
    free(keep);
    free(newpos);
    return GPUCOST_OK;
}

gpucost_status gpucost_reconcile(const gpucost_scenario *const *files, size_t n,
                                 const gpucost_catalog *catalog,
                                 const gpucost_reconcile_options *opt,
                                 gpucost_reconcile_result **out, gpucost_error *err)
{
    gpucost_reconcile_options defaults;
    if (opt == NULL) {
        gpucost_reconcile_options_init(&defaults);
        opt = &defaults;
    }
    if (n == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, NULL, "no files to reconcile");
    obs_list l = {NULL, 0, 0};
    model m;
    fit full, scratch;
    search s;
    memset(&m, 0, sizeof m);
    memset(&full, 0, sizeof full);
    memset(&scratch, 0, sizeof scratch);
    memset(&s, 0, sizeof s);
    gpucost_reconcile_result *r = calloc(1, sizeof *r);
    gpucost_status rc = r == NULL ? oom(err) : gather(files, n, catalog, &l, err);
    /* the unknowns and relations, then the domain limits they bring */
    if (rc == GPUCOST_OK)
        rc = model_init(&m, files[0]->kind, l.v, l.n, err);
    if (rc == GPUCOST_OK)
        rc = add_domain_limits(&m, &l, files[0]->file, err);
    if (rc != GPUCOST_OK)
        goto end;
    m.obs = r->obs = l.v;
    m.nobs = r->nobs = l.n;
    r->kind = files[0]->kind;
    if (fit_alloc(&full, &m) != 0 || fit_alloc(&scratch, &m) != 0 || fit_alloc(&s.trial, &m) != 0 ||
        (s.excl = calloc(l.n ? l.n : 1, sizeof *s.excl)) == NULL) {
        rc = oom(err);
        goto end;
    }
    if (fit_everything(&m, opt, &full, &scratch, s.excl, r) != 0) {
        rc = fit_failed(err);
        goto end;
    }
    if (!r->consistent) {
        s.m = &m;
        s.opt = opt;
        rc = find_drop_set(&m, r, opt, &s, err);
        if (rc != GPUCOST_OK)
            goto end;
        r->found = s.found;
        r->ndrop = s.found ? s.nbest : 0;
        memcpy(r->drop, s.best, r->ndrop * sizeof *s.best);
    }
    /* the fit without the drop set */
    memset(s.excl, 0, l.n * sizeof *s.excl);
    for (size_t i = 0; i < r->ndrop; i++) {
        s.excl[r->drop[i]] = 1;
        l.v[r->drop[i]].status = GPUCOST_OBS_OUTLIER;
    }
    if (fit_bounded(&m, s.excl, &full) != 0) {
        rc = fit_failed(err);
        goto end;
    }
    r->after = full.st;
    final_values(&m, &full, r);
    rc = list_observations(&l, r, err);
end:
    fit_release(&full);
    fit_release(&scratch);
    fit_release(&s.trial);
    free(s.excl);
    model_release(&m);
    if (rc != GPUCOST_OK) {
        free(l.v);
        if (r != NULL)
            r->obs = NULL;
        gpucost_reconcile_free(r);
        return rc;
    }
    *out = r;
    return GPUCOST_OK;
}
