/*
 * reconcile_fit.c - the numerical core of reconcile (see reconcile_fit.h
 * and, for the method, reconcile.h).
 *
 * Layout: the model (unknowns, relations, fixed quantities, null space),
 * one fit (a column-scaled Jacobi SVD), the one-sided bounds around it,
 * and the drop-set search: a branch and bound over keep/drop decisions
 * whose lower bounds are the chi2 of the rows kept so far, appended one
 * at a time with Givens rotations.
 */
#include "base/alloc.h"
#include "compute/reconcile_fit.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>

#include "gpucost/derive.h"

#define MAX_REL 32
#define SVD_TOL 1e-13  /* singular values below this x the largest are cut */
#define ID_TOL 1e-9    /* identified: within this x its length of the row space */
#define BOUND_TOL 1e-9 /* a bound is broken by more than this x its sigma */
#define P_TIE 1e-9     /* p-values this close (relative) are equal */

/* ---- the model ------------------------------------------------------------ */

void gc_rc_model_release(gc_rc_model *m)
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

static gpucost_status oom(gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* From the SVD A = U S V' of the relations (A overwritten by U): x0 =
 * sum over kept singular values of V_i (U_i . b) / s_i, and the null
 * space N = the columns of V past the rank.  The relations' exponents
 * are small integers and the fixed rows unit vectors, so an absolute
 * cut-off is a relative one here. */
static gpucost_status null_space(gc_rc_model *m, const gsl_matrix *U, const gsl_matrix *V,
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
                             "the relations and fixed values leave nothing to fit");
    m->N = gsl_matrix_alloc(m->nu, m->k);
    if (m->N == NULL)
        return oom(err);
    for (size_t j = 0; j < m->nu; j++)
        for (size_t c = 0; c < m->k; c++)
            gsl_matrix_set(m->N, j, c, gsl_matrix_get(V, j, rank + c));
    return GPUCOST_OK;
}

gpucost_status gc_rc_model_init(gc_rc_model *m, gpucost_kind kind, const gpucost_observation *obs,
                                size_t nobs, const gpucost_fixed *fixed, size_t nfixed,
                                gpucost_error *err)
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
    for (size_t i = 0; i < nfixed; i++)
        in[fixed[i].quantity] = 1;
    link_closure(rel, nrel, in);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        m->col[q] = in[q] ? (int)m->nu++ : -1;
    size_t nr = nfixed;
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
    size_t row = 0;
    for (size_t r = 0; r < nrel; r++) {
        if (!in[rel[r].q[0]])
            continue;
        for (int t = 0; t < rel[r].nterms; t++)
            gsl_matrix_set(A, row, (size_t)m->col[rel[r].q[t]], (double)rel[r].e[t]);
        gsl_vector_set(b, row++, rel[r].ln_c);
    }
    for (size_t i = 0; i < nfixed; i++) {
        gsl_matrix_set(A, row, (size_t)m->col[fixed[i].quantity], 1.0);
        gsl_vector_set(b, row++, log(fixed[i].value));
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

/* ---- one fit ----------------------------------------------------------------- */

void gc_rc_fit_release(gc_rc_fit *f)
{
    gc_free(f->in);
    gc_free(f->keep);
    gsl_vector_free(f->z);
    gsl_vector_free(f->d);
    gsl_matrix_free(f->V);
    gsl_vector_free(f->S);
    gsl_matrix_free(f->A);
    gsl_vector_free(f->y);
    gsl_vector_free(f->work);
    memset(f, 0, sizeof *f);
}

int gc_rc_fit_alloc(gc_rc_fit *f, const gc_rc_model *m)
{
    memset(f, 0, sizeof *f);
    size_t rows = m->nobs > m->k ? m->nobs : m->k;
    f->in = gc_calloc(m->nobs ? m->nobs : 1, sizeof *f->in);
    f->keep = gc_calloc(m->k, sizeof *f->keep);
    f->z = gsl_vector_calloc(m->k);
    f->d = gsl_vector_alloc(m->k);
    f->V = gsl_matrix_alloc(m->k, m->k);
    f->S = gsl_vector_alloc(m->k);
    f->A = gsl_matrix_alloc(rows, m->k);
    f->y = gsl_vector_alloc(rows);
    f->work = gsl_vector_alloc(m->k);
    return f->in && f->keep && f->z && f->d && f->V && f->S && f->A && f->y && f->work ? 0 : -1;
}

/* The weighted row of observation o (sqrt(w) x its row of N) and its
 * weighted target, into row r of A and y. */
static void weighted_row(const gc_rc_model *m, const gpucost_observation *o, gsl_matrix *A,
                         gsl_vector *y, size_t r)
{
    size_t j = (size_t)m->col[o->quantity];
    double sw = 1.0 / o->sigma;
    for (size_t a = 0; a < m->k; a++)
        gsl_matrix_set(A, r, a, gsl_matrix_get(m->N, j, a) * sw);
    gsl_vector_set(y, r, (log(o->value) - gsl_vector_get(m->x0, j)) * sw);
}

/* Scales each column of A to unit length, keeping the factors in d. */
static void scale_columns(gsl_matrix *A, gsl_vector *d, size_t k)
{
    for (size_t a = 0; a < k; a++) {
        gsl_vector_view c = gsl_matrix_column(A, a);
        double norm = gsl_blas_dnrm2(&c.vector);
        double da = norm > 0.0 && isfinite(norm) ? 1.0 / norm : 1.0;
        gsl_vector_set(d, a, da);
        gsl_vector_scale(&c.vector, da);
    }
}

/* Marks in f->keep the singular values above SVD_TOL of the largest, and
 * counts them in f->rank. */
static void set_rank(gc_rc_fit *f, size_t k)
{
    double smax = 0.0;
    for (size_t i = 0; i < k; i++)
        smax = fmax(smax, gsl_vector_get(f->S, i));
    f->rank = 0;
    for (size_t i = 0; i < k; i++) {
        double s = gsl_vector_get(f->S, i);
        f->keep[i] = s > SVD_TOL * smax && s > 0.0;
        f->rank += (size_t)f->keep[i];
    }
}

/* Adds to f->z the solution for the targets y: z += D V S^-1 U' y, over
 * the kept singular values (U is A after the decomposition). */
static void add_solution(gc_rc_fit *f, const gsl_matrix *A, const gsl_vector *y, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (!f->keep[i])
            continue;
        gsl_vector_const_view u = gsl_matrix_const_column(A, i);
        double uy;
        gsl_blas_ddot(&u.vector, y, &uy);
        double s = gsl_vector_get(f->S, i);
        for (size_t a = 0; a < k; a++)
            gsl_vector_set(f->z, a,
                           gsl_vector_get(f->z, a) +
                               gsl_vector_get(f->d, a) * gsl_matrix_get(f->V, a, i) * uy / s);
    }
}

/* The weighted residuals of the observations in f->in at f->z, into y,
 * in log units (ln v - fitted, then / sigma); returns their chi2. */
static double residuals(const gc_rc_model *m, const gc_rc_fit *f, gsl_vector *y)
{
    double chi2 = 0.0;
    for (size_t i = 0, r = 0; i < m->nobs; i++) {
        if (!f->in[i])
            continue;
        const gpucost_observation *o = &m->obs[i];
        size_t j = (size_t)m->col[o->quantity];
        double fit = gsl_vector_get(m->x0, j);
        for (size_t a = 0; a < m->k; a++)
            fit += gsl_matrix_get(m->N, j, a) * gsl_vector_get(f->z, a);
        double e = (log(o->value) - fit) / o->sigma;
        gsl_vector_set(y, r++, e);
        chi2 += e * e;
    }
    return chi2;
}

/* The weighted fit of the observations marked in f->in: columns scaled to
 * unit length, the Jacobi SVD, the rank relative to the largest singular
 * value, and chi2 from the residuals. */
static int fit_once(const gc_rc_model *m, gc_rc_fit *f)
{
    size_t nin = 0, k = m->k;
    for (size_t i = 0; i < m->nobs; i++)
        nin += (size_t)f->in[i];
    size_t rows = nin > k ? nin : k;
    gsl_matrix_view Av = gsl_matrix_submatrix(f->A, 0, 0, rows, k);
    gsl_vector_view yv = gsl_vector_subvector(f->y, 0, rows);
    gsl_matrix *A = &Av.matrix;
    gsl_vector *y = &yv.vector;
    gsl_matrix_set_zero(A);
    gsl_vector_set_zero(y);
    for (size_t i = 0, r = 0; i < m->nobs; i++)
        if (f->in[i])
            weighted_row(m, &m->obs[i], A, y, r++);
    scale_columns(A, f->d, k);
    if (gsl_linalg_SV_decomp_jacobi(A, f->V, f->S) != 0)
        return -1;
    set_rank(f, k);
    /* z from y, then once more from the residuals, each computed in log
     * units (ln v - fitted, then / sigma): with sigmas near 1e-9 the
     * weighted targets are near 1e10 and their differences would lose
     * the digits that chi2 is made of */
    gsl_vector_set_zero(f->z);
    double chi2 = 0.0;
    for (int pass = 0; pass < 2; pass++) {
        add_solution(f, A, y, k);
        chi2 = residuals(m, f, y);
    }
    /* below what the digits of ln v support (1e-15 over a sigma of 1e-9
     * at worst): an exact fit */
    f->st.chi2 = chi2 < 1e-12 ? 0.0 : chi2;
    f->st.rank = f->rank;
    f->st.nobs = nin;
    f->st.dof = nin > f->rank ? nin - f->rank : 0;
    f->st.p_value = f->st.dof > 0 ? gsl_cdf_chisq_Q(f->st.chi2, (double)f->st.dof) : 1.0;
    return isfinite(f->st.chi2) && isfinite(f->st.p_value) ? 0 : -1;
}

int gc_rc_fit_at(const gc_rc_model *m, const gc_rc_fit *f, int j, double *mu, double *var)
{
    if (j < 0)
        return 0;
    size_t k = m->k;
    double x = gsl_vector_get(m->x0, (size_t)j), g2 = 0.0, n2 = 0.0, v = 0.0;
    double g[GPUCOST_Q_COUNT], c[GPUCOST_Q_COUNT];
    for (size_t a = 0; a < k; a++) {
        double na = gsl_matrix_get(m->N, (size_t)j, a);
        g[a] = na * gsl_vector_get(f->d, a);
        x += na * gsl_vector_get(f->z, a);
        g2 += g[a] * g[a];
        n2 += na * na;
    }
    if (n2 <= 1e-24) { /* N is orthonormal: the relations and fixed values pin it */
        *mu = x;
        *var = 0.0;
        return isfinite(x);
    }
    /* g = D n_j: identified when g lies in span(V_r), to ID_TOL of its
     * length (the distance computed as a vector, not as a difference of
     * squares); its variance is |S_r^-1 V_r' g|^2 */
    for (size_t i = 0; i < k; i++) {
        c[i] = 0.0;
        if (!f->keep[i])
            continue;
        for (size_t a = 0; a < k; a++)
            c[i] += gsl_matrix_get(f->V, a, i) * g[a];
        double s = gsl_vector_get(f->S, i);
        v += (c[i] / s) * (c[i] / s);
    }
    double miss = 0.0;
    for (size_t a = 0; a < k; a++) {
        double e = g[a];
        for (size_t i = 0; i < k; i++)
            e -= f->keep[i] ? gsl_matrix_get(f->V, a, i) * c[i] : 0.0;
        miss += e * e;
    }
    if (miss > ID_TOL * ID_TOL * g2)
        return 0;
    *mu = x;
    *var = fmax(v, 0.0);
    return isfinite(x) && isfinite(*var);
}

/* Whether bound observation o is broken by a fitted ln value mu. */
static int broken(const gpucost_observation *o, double mu)
{
    double gap = (mu - log(o->value)) / o->sigma;
    return o->bound > 0 ? gap > BOUND_TOL : gap < -BOUND_TOL;
}

int gc_rc_fit_bounded(const gc_rc_model *m, const int *excluded, gc_rc_fit *f)
{
    for (size_t i = 0; i < m->nobs; i++)
        f->in[i] = !(excluded != NULL && excluded[i]) && m->obs[i].bound == 0;
    /* a bound joins when the fit breaks it and leaves when the fit with it
     * lies inside (the pull of a two-sided observation); bounded so that a
     * cycle ends with the last fit */
    for (size_t iter = 0; iter <= 2 * m->nobs + 2; iter++) {
        if (fit_once(m, f) != 0)
            return -1;
        int changed = 0;
        for (size_t i = 0; i < m->nobs; i++) {
            const gpucost_observation *o = &m->obs[i];
            double mu, var;
            if (o->bound == 0 || (excluded != NULL && excluded[i]) ||
                !gc_rc_fit_at(m, f, m->col[o->quantity], &mu, &var))
                continue;
            int want = f->in[i] ? !((o->bound > 0 && mu < log(o->value) - BOUND_TOL * o->sigma) ||
                                    (o->bound < 0 && mu > log(o->value) + BOUND_TOL * o->sigma))
                                : broken(o, mu);
            if (want != f->in[i]) {
                f->in[i] = want;
                changed = 1;
            }
        }
        if (!changed)
            return 0;
    }
    return 0;
}

/* ---- the drop set --------------------------------------------------------------- */

/* The chi2 of the rows kept so far, as a triangular factor: R (k x k,
 * upper), Q'y and the residual sum. */
typedef struct gstate {
    double *R, *qy, chi2;
} gstate;

typedef struct search {
    const gc_rc_model *m;
    const gpucost_reconcile_options *opt;
    gpucost_reconcile_result *r;
    gc_rc_fit trial;
    size_t k;
    size_t *cand; /* candidates, worst leave-one-out residual first */
    size_t nc;
    double *rows;   /* nc x (k + 1): each candidate's scaled row and target */
    gstate *levels; /* nc + 1 */
    double *crit;   /* crit[nu]: the chi2 above which p < threshold */
    size_t npossible;
    int *excl;
    /* the current size's search */
    size_t size, set[GPUCOST_RECONCILE_MAX_DROP], nset;
    /* the best set of this size that restores consistency */
    int have;
    size_t best[GPUCOST_RECONCILE_MAX_DROP];
    double best_p;
    size_t best_dof;
    /* the highest p seen at all, for a search that ends without one */
    int have_any;
    size_t any[GPUCOST_RECONCILE_MAX_DROP], nany;
    double any_p;
    int failed;
} search;

/* Appends the row x (k values, overwritten) with target y to the factor,
 * rotating it in with GSL's Givens rotations; the part of y that the
 * factor cannot explain adds to chi2.  What is left of a row after the
 * rotations before it is rounding where it is below 1e-12 of the row's
 * length: it starts no new direction of the factor (a row parallel to
 * one already in would else leave a 1e-17 remnant that takes its residual
 * for a direction, and the rank with it). */
static void givens_add(gstate *g, size_t k, double *x, double y)
{
    double norm = 0.0;
    for (size_t a = 0; a < k; a++)
        norm = hypot(norm, x[a]);
    for (size_t j = 0; j < k; j++) {
        double c, s, *Rj = g->R + j * k;
        if (Rj[j] == 0.0 && fabs(x[j]) <= 1e-12 * norm)
            x[j] = 0.0;
        if (x[j] == 0.0)
            continue;
        gsl_linalg_givens(Rj[j], x[j], &c, &s);
        for (size_t a = j; a < k; a++) {
            double ra = Rj[a], xa = x[a];
            Rj[a] = c * ra - s * xa;
            x[a] = s * ra + c * xa;
        }
        x[j] = 0.0;
        double q = g->qy[j];
        g->qy[j] = c * q - s * y;
        y = s * q + c * y;
    }
    g->chi2 += y * y;
}

/* A lower bound on the factor's rank: pivots well clear of rounding. */
static size_t rank_lower(const gstate *g, size_t k)
{
    size_t rank = 0;
    for (size_t j = 0; j < k; j++) {
        double row = 0.0;
        for (size_t a = j; a < k; a++)
            row = fmax(row, fabs(g->R[j * k + a]));
        rank += row > 0.0 && fabs(g->R[j * k + j]) > 1e-6 * row;
    }
    return rank;
}

static void copy_state(gstate *to, const gstate *from, size_t k)
{
    memcpy(to->R, from->R, k * k * sizeof *to->R);
    memcpy(to->qy, from->qy, k * sizeof *to->qy);
    to->chi2 = from->chi2;
}

/* Sum of ln sigma, and the catalog values and defaults, in a set. */
static void set_traits(const search *s, const size_t *set, size_t n, double *lnsig, int *facts,
                       double *loo)
{
    *lnsig = *loo = 0.0;
    *facts = 0;
    for (size_t i = 0; i < n; i++) {
        const gpucost_observation *o = &s->r->obs[set[i]];
        *lnsig += log(o->sigma);
        *facts += o->kind == GPUCOST_OBS_CATALOG || o->kind == GPUCOST_OBS_DEFAULT;
        *loo += o->has_loo ? fabs(o->loo_residual) : 0.0;
    }
}

static int p_tie(double a, double b)
{
    return fabs(a - b) <= P_TIE * fmax(a, b);
}

/* Whether the current set beats the best of its size (see reconcile.h
 * for the order). */
static int better(const search *s, double p, size_t dof)
{
    if (!s->have)
        return 1;
    if (!p_tie(p, s->best_p))
        return p > s->best_p;
    double la, lb, ra, rb;
    int fa, fb;
    set_traits(s, s->set, s->nset, &la, &fa, &ra);
    set_traits(s, s->best, s->size, &lb, &fb, &rb);
    if (fa != fb)
        return fa < fb;
    if (fabs(la - lb) > 1e-12 * fmax(fabs(la), 1.0))
        return la > lb;
    if (dof != s->best_dof)
        return dof > s->best_dof;
    return ra > rb + 1e-12;
}

/* A leaf: the full bounded fit without the set. */
static void leaf(search *s)
{
    memset(s->excl, 0, s->m->nobs * sizeof *s->excl);
    for (size_t i = 0; i < s->nset; i++)
        s->excl[s->set[i]] = 1;
    s->r->fits++;
    if (gc_rc_fit_bounded(s->m, s->excl, &s->trial) != 0) {
        s->failed = 1;
        return;
    }
    const gpucost_fit_stats *st = &s->trial.st;
    if (st->dof < 1)
        return; /* nothing left to test */
    if (!s->have_any || st->p_value > s->any_p) {
        s->have_any = 1;
        s->any_p = st->p_value;
        s->nany = s->nset;
        memcpy(s->any, s->set, s->nset * sizeof *s->set);
    }
    if (st->p_value < s->opt->p_threshold || !better(s, st->p_value, st->dof))
        return;
    s->have = 1;
    s->best_p = st->p_value;
    s->best_dof = st->dof;
    memcpy(s->best, s->set, s->nset * sizeof *s->set);
}

static int out_of_budget(const search *s)
{
    return s->r->nodes >= s->opt->max_nodes || s->r->fits >= s->opt->max_fits;
}

/* Whether no completion of the branch at level g can restore consistency
 * with a degree of freedom, or beat the best p of this size: `possible`
 * is the most observations a completion's fit can hold. */
static int cut(const search *s, const gstate *g, size_t possible)
{
    size_t rank = rank_lower(g, s->k);
    if (possible < rank + 1)
        return 1;
    size_t nu = possible - rank;
    if (g->chi2 > s->crit[nu])
        return 1;
    if (!s->have)
        return 0;
    double pmax = gsl_cdf_chisq_Q(g->chi2, (double)nu);
    return pmax < s->best_p && !p_tie(pmax, s->best_p);
}

/* Candidates from position `pos` on, at factor `g` (the rows kept so far). */
static void branch(search *s, size_t pos, const gstate *g)
{
    if (s->failed || s->r->stopped)
        return;
    if (out_of_budget(s)) {
        s->r->stopped = 1;
        return;
    }
    s->r->nodes++;
    size_t need = s->size - s->nset;
    if (need > s->nc - pos || cut(s, g, s->npossible - s->size))
        return;
    if (need == 0) {
        /* every candidate left is kept: their rows complete the lower
         * bound, and only a set that passes it costs a full fit */
        gstate *all = &s->levels[s->nc];
        double row[GPUCOST_Q_COUNT];
        if (g != all)
            copy_state(all, g, s->k);
        for (size_t c = pos; c < s->nc; c++) {
            if (s->r->obs[s->cand[c]].bound != 0)
                continue;
            memcpy(row, s->rows + c * (s->k + 1), s->k * sizeof *row);
            givens_add(all, s->k, row, s->rows[c * (s->k + 1) + s->k]);
        }
        /* the values kept, and the bounds not dropped (each may join) */
        size_t possible = s->npossible - s->size;
        if (!cut(s, all, possible))
            leaf(s);
        return;
    }
    /* drop the candidate */
    s->set[s->nset++] = s->cand[pos];
    branch(s, pos + 1, g);
    s->nset--;
    if (need == s->nc - pos)
        return; /* every one left must go */
    /* keep it: a bound adds nothing to the lower bound (it may hold) */
    const gpucost_observation *o = &s->r->obs[s->cand[pos]];
    if (o->bound != 0) {
        branch(s, pos + 1, g);
        return;
    }
    gstate *next = &s->levels[pos + 1];
    double *x = s->rows + pos * (s->k + 1);
    double row[GPUCOST_Q_COUNT];
    copy_state(next, g, s->k);
    memcpy(row, x, s->k * sizeof *row);
    givens_add(next, s->k, row, x[s->k]);
    branch(s, pos + 1, next);
}

typedef struct loo_key {
    size_t i;
    double loo;
} loo_key;

static int cmp_loo(const void *a, const void *b)
{
    const loo_key *x = a, *y = b;
    if (x->loo != y->loo)
        return x->loo < y->loo ? 1 : -1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Lists in s->cand the candidates (tested, in the full fit, not a domain
 * limit), worst leave-one-out residual first, sorting them in `keys`. */
static void order_candidates(search *s, loo_key *keys)
{
    const gpucost_reconcile_result *r = s->r;
    for (size_t i = 0; i < s->m->nobs; i++) {
        const gpucost_observation *o = &r->obs[i];
        s->npossible += 1;
        if (o->active && o->has_loo && o->kind != GPUCOST_OBS_DOMAIN)
            keys[s->nc++] = (loo_key){i, fabs(o->loo_residual)};
    }
    qsort(keys, s->nc, sizeof *keys, cmp_loo);
    for (size_t c = 0; c < s->nc; c++)
        s->cand[c] = keys[c].i;
}

/* The candidates' rows, scaled like the full fit's columns, into s->rows;
 * the rows never dropped (not bounds) go into the root factor. */
static int place_rows(search *s)
{
    const gc_rc_model *m = s->m;
    const gpucost_reconcile_result *r = s->r;
    size_t k = s->k;
    gsl_matrix *one = gsl_matrix_alloc(1, k);
    gsl_vector *y1 = gsl_vector_alloc(1);
    if (one == NULL || y1 == NULL) {
        gsl_matrix_free(one);
        gsl_vector_free(y1);
        return GC_RC_NOMEM;
    }
    gstate *root = &s->levels[0];
    for (size_t i = 0; i < m->nobs; i++) {
        const gpucost_observation *o = &r->obs[i];
        size_t at = s->nc;
        for (size_t q = 0; q < s->nc; q++)
            at = s->cand[q] == i ? q : at;
        if (o->bound != 0)
            continue; /* a bound may hold: never in a lower bound */
        weighted_row(m, o, one, y1, 0);
        double x[GPUCOST_Q_COUNT];
        for (size_t a = 0; a < k; a++)
            x[a] = gsl_matrix_get(one, 0, a) * gsl_vector_get(s->trial.d, a);
        if (at == s->nc) { /* never dropped: in every branch */
            givens_add(root, k, x, gsl_vector_get(y1, 0));
            continue;
        }
        memcpy(s->rows + at * (k + 1), x, k * sizeof *x);
        s->rows[at * (k + 1) + k] = gsl_vector_get(y1, 0);
    }
    gsl_matrix_free(one);
    gsl_vector_free(y1);
    return 0;
}

/* Allocates the search's tables, then orders its candidates and places
 * their rows (order_candidates, place_rows). */
static int prepare(search *s)
{
    const gc_rc_model *m = s->m;
    size_t k = s->k;
    loo_key *keys = gc_calloc(m->nobs ? m->nobs : 1, sizeof *keys);
    s->cand = gc_calloc(m->nobs ? m->nobs : 1, sizeof *s->cand);
    s->rows = gc_calloc((m->nobs ? m->nobs : 1) * (k + 1), sizeof *s->rows);
    s->levels = gc_calloc(m->nobs + 1, sizeof *s->levels);
    s->crit = gc_calloc(m->nobs + 2, sizeof *s->crit);
    s->excl = gc_calloc(m->nobs ? m->nobs : 1, sizeof *s->excl);
    double *store = gc_calloc((m->nobs + 1) * (k * k + k), sizeof *store);
    if (!keys || !s->cand || !s->rows || !s->levels || !s->crit || !s->excl || !store) {
        gc_free(keys);
        gc_free(store);
        return GC_RC_NOMEM;
    }
    for (size_t l = 0; l <= m->nobs; l++) {
        s->levels[l].R = store + l * (k * k + k);
        s->levels[l].qy = s->levels[l].R + k * k;
    }
    order_candidates(s, keys);
    gc_free(keys);
    for (size_t nu = 1; nu <= m->nobs + 1; nu++)
        s->crit[nu] = gsl_cdf_chisq_Qinv(s->opt->p_threshold, (double)nu);
    return place_rows(s);
}

int gc_rc_search(const gc_rc_model *m, const gpucost_reconcile_options *opt,
                 gpucost_reconcile_result *r)
{
    search s;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.opt = opt;
    s.r = r;
    s.k = m->k;
    int rc = 0;
    if (gc_rc_fit_alloc(&s.trial, m) != 0)
        rc = GC_RC_NOMEM;
    else if (gc_rc_fit_bounded(m, NULL, &s.trial) != 0)
        rc = -1;
    else
        rc = prepare(&s);
    r->candidates = s.nc;
    for (size_t size = 1; rc == 0 && size <= s.nc && size <= GPUCOST_RECONCILE_MAX_DROP; size++) {
        s.size = size;
        s.nset = 0;
        branch(&s, 0, &s.levels[0]);
        if (s.failed)
            rc = -1;
        if (s.have || r->stopped)
            break;
    }
    if (rc == 0) {
        r->found = s.have;
        r->exact = s.have && !r->stopped;
        const size_t *set = s.have ? s.best : s.any;
        r->ndrop = s.have ? s.size : r->stopped && s.have_any ? s.nany : 0;
        memcpy(r->drop, set, r->ndrop * sizeof *set);
    }
    gc_rc_fit_release(&s.trial);
    gc_free(s.cand);
    gc_free(s.rows);
    gc_free(s.levels ? s.levels[0].R : NULL);
    gc_free(s.levels);
    gc_free(s.crit);
    gc_free(s.excl);
    return rc;
}
