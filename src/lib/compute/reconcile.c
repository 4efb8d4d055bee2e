/*
 * reconcile.c - the joint log-space fit of a case's numbers (see
 * reconcile.h for the method and its conventions).
 *
 * Layout: observations, fixed quantities and the numbers left out are
 * gathered from the files in reconcile_gather.c (build_*), with each
 * catalog value's and default's uncertainty from one table (fact_table);
 * the fit itself, its model and the drop-set search are in
 * reconcile_fit.c.  Here: the full fit with its leave-one-out residuals,
 * the statuses, the final values and the list people read.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/reconcile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/derive.h"
#include "gpucost/dist.h"
#include "compute/reconcile_internal.h"
#include "base/text.h"

#define SUSPECT 3.0 /* |r| above which a kept observation is not "consistent" */

const char *gpucost_obs_status_name(gpucost_obs_status st)
{
    switch (st) {
    case GPUCOST_OBS_CONSISTENT: return "consistent";
    case GPUCOST_OBS_OUTLIER: return "outlier";
    case GPUCOST_OBS_UNTESTED: return "untested";
    case GPUCOST_OBS_SUSPECT: return "suspect";
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
    opt->max_nodes = 5000000;
    opt->max_fits = 10000;
}

void gpucost_reconcile_free(gpucost_reconcile_result *r)
{
    if (r == NULL)
        return;
    gc_free(r->obs);
    gc_free(r->left_out);
    gc_free(r);
}

/* ---- the fits ---------------------------------------------------------------------- */

/* Adjusted value, residual, leverage and leave-one-out residual of every
 * observation against the fit `f` (made without those not in f->in);
 * `scratch` fits each leave-one-out. */
static int describe(const gc_rc_model *m, const gc_rc_fit *f, gpucost_observation *obs,
                    gc_rc_fit *scratch, int *excl, int with_loo)
{
    for (size_t i = 0; i < m->nobs; i++) {
        gpucost_observation *o = &obs[i];
        double mu, var;
        int j = m->col[o->quantity];
        o->has_fit = gc_rc_fit_at(m, f, j, &mu, &var);
        if (o->has_fit) {
            o->adjusted = exp(mu);
            o->residual = (log(o->value) - mu) / o->sigma;
        }
        o->leverage = f->in[i] && o->has_fit ? fmin(var / (o->sigma * o->sigma), 1.0) : 0.0;
        if (!with_loo)
            continue;
        o->active = f->in[i];
        o->has_loo = 0;
        if (!f->in[i])
            continue;
        /* the observation against the fit of all the others */
        for (size_t k = 0; k < m->nobs; k++)
            excl[k] = !f->in[k] && m->obs[k].bound == 0;
        excl[i] = 1;
        if (gc_rc_fit_bounded(m, excl, scratch) != 0)
            return -1;
        if (gc_rc_fit_at(m, scratch, j, &mu, &var)) {
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

/* The case's quantities from the final fit, with 90% intervals: not the
 * catalog values and defaults it only assumed, unless an input or claim
 * speaks to them. */
static void final_values(const gc_rc_model *m, const gc_rc_fit *f, gpucost_reconcile_result *r)
{
    int spoken[GPUCOST_Q_COUNT] = {0};
    for (size_t i = 0; i < r->nobs; i++)
        spoken[r->obs[i].quantity] |=
            r->obs[i].kind == GPUCOST_OBS_INPUT || r->obs[i].kind == GPUCOST_OBS_CLAIM;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        double mu, var;
        int assumed = gpucost_derive_fallback_text((gpucost_quantity)q)[0] != '\0';
        if ((assumed && !spoken[q]) || !gc_rc_fit_at(m, f, m->col[q], &mu, &var))
            continue;
        double sd = sqrt(var);
        r->value[q] = exp(mu);
        r->low[q] = exp(mu - GPUCOST_Z90 * sd);
        r->high[q] = exp(mu + GPUCOST_Z90 * sd);
        r->identified[q] = isfinite(r->value[q]) && isfinite(r->low[q]) && isfinite(r->high[q]);
    }
}

/* Statuses after the search: the drop set is out; an observation the
 * others do not determine is untested; one still far from the fit in a
 * case that stays inconsistent is suspect. */
static void statuses(gpucost_reconcile_result *r, const gc_rc_fit *final)
{
    /* still inconsistent: far from the final fit or from the others; after
     * a drop that restores consistency: far from the final fit (the
     * leave-one-out residuals are the full fit's, the dropped included) */
    int inconsistent = !r->consistent && !r->found, dropped = !r->consistent && r->found;
    for (size_t i = 0; i < r->nobs; i++) {
        gpucost_observation *o = &r->obs[i];
        o->status = o->active && !o->has_loo ? GPUCOST_OBS_UNTESTED : GPUCOST_OBS_CONSISTENT;
        o->active = final->in[i];
        int far = o->has_fit && fabs(o->residual) > SUSPECT;
        int far_loo = o->has_loo && fabs(o->loo_residual) > SUSPECT;
        if (o->active && o->status == GPUCOST_OBS_CONSISTENT &&
            ((inconsistent && (far || far_loo)) || (dropped && far)))
            o->status = GPUCOST_OBS_SUSPECT;
    }
    for (size_t d = 0; d < r->ndrop; d++) {
        r->obs[r->drop[d]].status = GPUCOST_OBS_OUTLIER;
        r->obs[r->drop[d]].active = 1;
    }
}

/* The list people read: a domain limit the fit never needed was no
 * observation, and a catalog value or default that nothing else
 * determines changes neither chi2 nor nu; neither is listed, and the
 * drop indices follow the list. */
static gpucost_status list_observations(gc_rc_lists *l, gpucost_reconcile_result *r,
                                        gpucost_error *err)
{
    int *keep = gc_calloc(l->n ? l->n : 1, sizeof *keep);
    size_t *newpos = gc_calloc(l->n ? l->n : 1, sizeof *newpos);
    if (keep == NULL || newpos == NULL) {
        gc_free(keep);
        gc_free(newpos);
        return gc_rc_oom(err);
    }
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        const gpucost_observation *o = &l->v[i];
        int fact = o->kind == GPUCOST_OBS_CATALOG || o->kind == GPUCOST_OBS_DEFAULT;
        keep[i] = !(o->kind == GPUCOST_OBS_DOMAIN && !o->active) &&
                  !(fact && o->status == GPUCOST_OBS_UNTESTED);
        r->nfacts_untested += (size_t)(fact && !keep[i]);
        newpos[i] = keep[i] ? k++ : 0;
    }
    for (size_t d = 0; d < r->ndrop; d++)
        r->drop[d] = newpos[r->drop[d]];
    /* each left out adds one observation and one to the rank */
    r->fit.nobs -= r->nfacts_untested;
    r->fit.rank -= r->nfacts_untested;
    r->after.nobs -= r->nfacts_untested;
    r->after.rank -= r->nfacts_untested;
    for (size_t i = 0, n = 0; i < l->n; i++)
        if (keep[i])
            l->v[n++] = l->v[i];
    l->n = k;
    r->obs = l->v;
    r->nobs = l->n;
    gc_free(keep);
    gc_free(newpos);
    return GPUCOST_OK;
}

/* The full fit, the search when it is inconsistent, and the fit without
 * the drop set. */
static gpucost_status solve(const gc_rc_model *m, const gpucost_reconcile_options *opt,
                            gpucost_reconcile_result *r, gpucost_error *err)
{
    gc_rc_fit full, scratch;
    memset(&full, 0, sizeof full);
    memset(&scratch, 0, sizeof scratch);
    int *excl = gc_calloc(m->nobs ? m->nobs : 1, sizeof *excl);
    gpucost_status rc = GPUCOST_OK;
    if (gc_rc_fit_alloc(&full, m) != 0 || gc_rc_fit_alloc(&scratch, m) != 0 || excl == NULL) {
        rc = gc_rc_oom(err);
        goto end;
    }
    if (gc_rc_fit_bounded(m, NULL, &full) != 0 ||
        describe(m, &full, r->obs, &scratch, excl, 1) != 0) {
        rc = fit_failed(err);
        goto end;
    }
    r->fit = full.st;
    r->consistent = full.st.p_value >= opt->p_threshold;
    r->found = r->exact = r->consistent;
    int searched = r->consistent ? 0 : gc_rc_search(m, opt, r);
    if (searched != 0) {
        /* out of memory is its own status, not a fit that failed */
        rc = searched == GC_RC_NOMEM ? gc_rc_oom(err) : fit_failed(err);
        goto end;
    }
    memset(excl, 0, m->nobs * sizeof *excl);
    for (size_t d = 0; d < r->ndrop; d++)
        excl[r->drop[d]] = 1;
    if (gc_rc_fit_bounded(m, excl, &full) != 0 ||
        describe(m, &full, r->obs, &scratch, excl, 0) != 0) {
        rc = fit_failed(err);
        goto end;
    }
    r->after = full.st;
    statuses(r, &full);
    final_values(m, &full, r);
end:
    gc_rc_fit_release(&full);
    gc_rc_fit_release(&scratch);
    gc_free(excl);
    return rc;
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
    gc_rc_lists l;
    memset(&l, 0, sizeof l);
    gc_rc_model m;
    memset(&m, 0, sizeof m);
    gpucost_reconcile_result *r = gc_calloc(1, sizeof *r);
    gpucost_status rc = r == NULL ? gc_rc_oom(err) : gc_rc_gather(files, n, catalog, &l, err);
    /* the unknowns and relations, then the domain limits they bring */
    if (rc == GPUCOST_OK)
        rc = gc_rc_model_init(&m, files[0]->kind, l.v, l.n, l.fixed, l.nfixed, err);
    if (rc == GPUCOST_OK)
        rc = gc_rc_add_domain_limits(&m, &l, files[0], err);
    if (rc == GPUCOST_OK) {
        m.obs = r->obs = l.v;
        m.nobs = r->nobs = l.n;
        r->kind = files[0]->kind;
        memcpy(r->fixed, l.fixed, sizeof l.fixed);
        r->nfixed = l.nfixed;
        r->left_out = l.left;
        r->nleft = l.nleft;
        l.left = NULL;
        rc = solve(&m, opt, r, err);
    }
    if (rc == GPUCOST_OK)
        rc = list_observations(&l, r, err);
    gc_rc_model_release(&m);
    if (rc != GPUCOST_OK) {
        gc_free(l.v);
        gc_free(l.left);
        if (r != NULL)
            r->obs = NULL;
        gpucost_reconcile_free(r);
        return rc;
    }
    *out = r;
    return GPUCOST_OK;
}
