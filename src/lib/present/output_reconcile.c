/*
 * output_reconcile.c - `reconcile` (output.h): the verdict, every
 * observation with its fitted value and residuals, the case's fitted
 * quantities with 90% intervals.  CSV is the observations table; JSON is
 * the shape docs/reconcile.md describes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/c_locale.h"
#include "gpucost/number.h"
#include "present/output_internal.h"
#include "base/text.h"

/* An observation's number for people: "2,048 GPUs", "<= 60.0 d". */
static void obs_value_text(const gpucost_observation *o, char *buf, size_t n)
{
    char v[64];
    gpucost_quantity_format(o->quantity, o->value, v, sizeof v);
    gc_text_printf(buf, n, "%s%s", o->bound > 0 ? "<= " : o->bound < 0 ? ">= " : "", v);
}

/* The drop set, "gpus 50,000 GPUs (source); ...", after `len` bytes of buf. */
static void drop_list(const gpucost_reconcile_result *r, char *buf, size_t n, int len)
{
    for (size_t d = 0; d < r->ndrop && len >= 0 && (size_t)len < n; d++) {
        const gpucost_observation *o = &r->obs[r->drop[d]];
        char v[96];
        obs_value_text(o, v, sizeof v);
        len += gc_text_printf(buf + len, n - (size_t)len, "%s %s %s (%s)", d ? ";" : "",
                              gpucost_quantity_info_get(o->quantity)->name, v, o->source);
    }
}

void gpucost_output_reconcile_verdict(const gpucost_reconcile_result *r, char *buf, size_t n)
{
    char head[160];
    if (r->fit.p_value > 0.0)
        gc_snprintf(head, sizeof head, "chi2 %.3g on %zu dof (p %.2g)", r->fit.chi2, r->fit.dof,
                    r->fit.p_value);
    else /* below the smallest double: say so rather than "p 0" */
        gc_snprintf(head, sizeof head, "chi2 %.3g on %zu dof (p < 1e-300)", r->fit.chi2,
                    r->fit.dof);
    size_t nactive = 0, untested = 0;
    for (size_t i = 0; i < r->nobs; i++) {
        nactive += (size_t)r->obs[i].active;
        untested += r->obs[i].status == GPUCOST_OBS_UNTESTED;
    }
    if (r->consistent && r->fit.dof == 0) {
        gc_text_printf(
            buf, n,
            "nothing to test: %s; the %zu observations only determine the unknowns, none "
            "checks another",
            head, nactive);
        return;
    }
    if (r->consistent) {
        gc_text_printf(buf, n, "consistent: %s; all %zu observations can be true together%s", head,
                       nactive, untested ? " (some untested: nothing else checks them)" : "");
        return;
    }
    if (r->found) {
        int len =
            gc_text_printf(buf, n, "inconsistent: %s; drop %zu of %zu:", head, r->ndrop, nactive);
        drop_list(r, buf, n, len);
        if (!r->exact) {
            len = (int)strlen(buf);
            gc_text_printf(buf + len, n - (size_t)len,
                           " (the search stopped at its budget after %zu fits: this set restores "
                           "consistency, but a better one of its size may exist)",
                           r->fits);
        }
        return;
    }
    if (r->stopped && r->ndrop > 0) {
        int len =
            gc_text_printf(buf, n,
                           "inconsistent: %s; the search stopped at its budget after %zu fits "
                           "without a set that restores consistency; the best it saw: drop",
                           head, r->fits);
        drop_list(r, buf, n, len);
        return;
    }
    gc_text_printf(
        buf, n,
        "inconsistent: %s; no set of the %zu observations the search could drop restores "
        "consistency and leaves a degree of freedom to test it",
        head, r->candidates);
}

void gpucost_output_obs(const gpucost_observation *o, int exact, gpucost_obs_text *t)
{
    int has_res = o->has_fit && o->active, has_lev = o->active && o->status != GPUCOST_OBS_OUTLIER;
    const char *none = exact ? "" : "-";
    gc_text_printf(t->adjusted, sizeof t->adjusted, "%s", none);
    gc_text_printf(t->residual, sizeof t->residual, "%s", none);
    gc_text_printf(t->loo, sizeof t->loo, "%s", none);
    gc_text_printf(t->leverage, sizeof t->leverage, "%s", none);
    if (exact) {
        gpucost_number_format_exact(o->value, t->value, sizeof t->value);
        if (o->has_fit)
            gpucost_number_format_exact(o->adjusted, t->adjusted, sizeof t->adjusted);
        if (has_res)
            gpucost_number_format_exact(o->residual, t->residual, sizeof t->residual);
        if (o->has_loo)
            gpucost_number_format_exact(o->loo_residual, t->loo, sizeof t->loo);
        if (has_lev)
            gpucost_number_format_exact(o->leverage, t->leverage, sizeof t->leverage);
        return;
    }
    obs_value_text(o, t->value, sizeof t->value);
    if (o->has_fit)
        gpucost_quantity_format(o->quantity, o->adjusted, t->adjusted, sizeof t->adjusted);
    if (has_res)
        gc_snprintf(t->residual, sizeof t->residual, "%+.2f", o->residual);
    else if (o->bound != 0 && !o->active)
        gc_snprintf(t->residual, sizeof t->residual, "holds");
    if (o->has_loo)
        gc_snprintf(t->loo, sizeof t->loo, "%+.2f", o->loo_residual);
    if (has_lev)
        gc_snprintf(t->leverage, sizeof t->leverage, "%.3f", o->leverage);
}

static void observation_json(gc_view *doc, gc_dnode *obs, size_t i, const gpucost_observation *o)
{
    int tested = o->active && o->status != GPUCOST_OBS_OUTLIER;
    gc_dnode *e = gc_data_obj(doc, obs, NULL);
    gc_data_num(doc, e, "index", (double)i);
    gc_data_str(doc, e, "file", o->file);
    gc_data_str(doc, e, "where", o->where);
    gc_data_str(doc, e, "kind", gpucost_obs_kind_name(o->kind));
    gc_data_str(doc, e, "source", o->source);
    gc_data_str(doc, e, "quantity", gpucost_quantity_info_get(o->quantity)->name);
    gc_data_str(doc, e, "bound", o->bound > 0 ? "max" : o->bound < 0 ? "min" : NULL);
    gc_data_bool(doc, e, "active", o->active);
    gc_data_num(doc, e, "value", o->value);
    gc_data_num(doc, e, "sigma", o->sigma);
    gc_data_str(doc, e, "sigma_basis", o->basis);
    gc_data_num_or_null(doc, e, "adjusted", o->adjusted, o->has_fit);
    gc_data_num_or_null(doc, e, "residual", o->residual, o->has_fit && o->active);
    gc_data_num_or_null(doc, e, "loo_residual", o->loo_residual, o->has_loo);
    gc_data_num_or_null(doc, e, "leverage", o->leverage, tested && o->has_fit);
    gc_data_str(doc, e, "status", gpucost_obs_status_name(o->status));
}

/* For machines, before the observations: the verdict, the fit, the
 * search (what was held and left out follows, from the notes). */
static gc_dnode *data_head(gc_view *doc, const gpucost_reconcile_result *r, const char *verdict)
{
    gc_dnode *root = gc_data_root(doc, 0);
    gc_data_str(doc, root, "verdict", verdict);
    gc_data_num(doc, root, "chi2", r->fit.chi2);
    gc_data_num(doc, root, "dof", (double)r->fit.dof);
    gc_data_num(doc, root, "p_value", r->fit.p_value);
    gc_data_num_or_null(doc, root, "birge_ratio", sqrt(r->fit.chi2 / (double)r->fit.dof),
                        r->fit.dof > 0);
    gc_data_num(doc, root, "rank", (double)r->fit.rank);
    gc_data_bool(doc, root, "consistent", r->consistent);
    gc_dnode *drop = gc_data_arr(doc, root, "drop");
    for (size_t d = 0; d < r->ndrop; d++)
        gc_data_num(doc, drop, NULL, (double)r->drop[d]);
    if (!r->consistent) {
        gc_dnode *a = gc_data_obj(doc, root, "after_drop");
        gc_data_num(doc, a, "chi2", r->after.chi2);
        gc_data_num(doc, a, "dof", (double)r->after.dof);
        gc_data_num(doc, a, "p_value", r->after.p_value);
    } else {
        gc_data_str(doc, root, "after_drop", NULL);
    }
    gc_data_bool(doc, root, "birge_scaled", 0);
    gc_dnode *se = gc_data_obj(doc, root, "search");
    gc_data_bool(doc, se, "found", r->found);
    gc_data_bool(doc, se, "exact", r->exact);
    gc_data_bool(doc, se, "stopped", r->stopped);
    gc_data_num(doc, se, "candidates", (double)r->candidates);
    gc_data_num(doc, se, "branches", (double)r->nodes);
    gc_data_num(doc, se, "fits", (double)r->fits);
    return root;
}

/* Each observation once: a row of the table (people and CSV) and, when
 * `obs` is not NULL, an entry of the data's "observations". */
static void observations(gc_view *v, const gpucost_reconcile_result *r, int html, gc_dnode *obs)
{
    gc_vtable *t = gc_view_table(v, 13, 0);
    gc_view_table_html(t, NULL, "observations");
    const char *head[] = {"#",     "status",      "quantity", "value", "adjusted",
                          "r",     "loo r",       "leverage", "kind",  "where",
                          "sigma", "sigma basis", "source"};
    for (size_t c = 0; c < 13; c++)
        gc_view_head(t, c, head[c], NULL, c >= 3 && c < 8,
                     c == 10 || c == 11                     ? GC_FOR_CSV
                     : html && (c == 0 || c == 8 || c == 9) ? GC_FOR_NONE
                                                            : GC_FOR_ALL);
    for (size_t i = 0; i < r->nobs; i++) {
        const gpucost_observation *o = &r->obs[i];
        gpucost_obs_text h, x;
        gpucost_output_obs(o, 0, &h);
        gpucost_output_obs(o, 1, &x);
        gc_view_row(t);
        gc_view_cellf(t, "%zu", i);
        gc_view_cell(t, gpucost_obs_status_name(o->status));
        gc_view_class(t, o->status == GPUCOST_OBS_OUTLIER   ? "status fail outlier"
                         : o->status == GPUCOST_OBS_SUSPECT ? "status fail suspect"
                                                            : "status pass");
        gc_view_cell(t, gpucost_quantity_info_get(o->quantity)->name);
        gc_view_cell2(t, h.value, x.value);
        gc_view_cell2(t, h.adjusted, x.adjusted);
        gc_view_cell2(t, h.residual, x.residual);
        gc_view_cell2(t, h.loo, x.loo);
        gc_view_cell2(t, h.leverage, x.leverage);
        gc_view_cell(t, gpucost_obs_kind_name(o->kind));
        gc_view_cell(t, o->where);
        gc_view_cell_num(t, "", o->sigma, NULL);
        gc_view_cell(t, o->basis);
        gc_view_cell(t, o->source);
        observation_json(v, obs, i, o);
    }
}

void gc_view_observations(gc_view *v, const gpucost_reconcile_result *r, int html)
{
    observations(v, r, html, NULL);
}

/* What reconcile held exact and what it left out: a line each for
 * people and, under `root` (may be NULL), the data's "fixed",
 * "left_out" and "facts_untested". */
static void notes(gc_view *v, const gpucost_reconcile_result *r, gc_dnode *root)
{
    gc_dnode *fx = gc_data_arr(v, root, "fixed");
    for (size_t i = 0; i < r->nfixed; i++) {
        const char *name = gpucost_quantity_info_get(r->fixed[i].quantity)->name;
        char val[64];
        gpucost_quantity_format(r->fixed[i].quantity, r->fixed[i].value, val, sizeof val);
        gc_view_line(v, 0, "held exact: %s %s (%s)", name, val, r->fixed[i].source);
        gc_dnode *e = gc_data_obj(v, fx, NULL);
        gc_data_str(v, e, "quantity", name);
        gc_data_num(v, e, "value", r->fixed[i].value);
        gc_data_str(v, e, "source", r->fixed[i].source);
    }
    gc_dnode *lo = gc_data_arr(v, root, "left_out");
    for (size_t i = 0; i < r->nleft; i++) {
        const gpucost_left_out *x = &r->left_out[i];
        int valued = x->quantity >= 0 && x->has_value && isfinite(x->value);
        char val[64] = "";
        if (valued)
            gpucost_quantity_format((gpucost_quantity)x->quantity, x->value, val, sizeof val);
        gc_view_line(v, 0, "left out: %s %s%s%s: %s", x->file, x->where, val[0] ? " " : "", val,
                     x->reason);
        gc_dnode *e = gc_data_obj(v, lo, NULL);
        gc_data_str(v, e, "file", x->file);
        gc_data_str(v, e, "where", x->where);
        gc_data_str(v, e, "quantity",
                    x->quantity >= 0
                        ? gpucost_quantity_info_get((gpucost_quantity)x->quantity)->name
                        : NULL);
        gc_data_num_or_null(v, e, "value", x->value, x->has_value && isfinite(x->value));
        gc_data_str(v, e, "reason", x->reason);
    }
    if (r->nfixed || r->nleft)
        gc_view_gap(v);
    gc_data_num(v, root, "facts_untested", (double)r->nfacts_untested);
}

void gc_view_reconcile_notes(gc_view *v, const gpucost_reconcile_result *r)
{
    notes(v, r, NULL);
}

/* The case's fitted quantities with their 90% intervals: a table for
 * people and the data's "quantities" (value, low, high) under `root`. */
static void fitted(gc_view *v, const gpucost_reconcile_result *r, gc_dnode *root)
{
    gc_dnode *qs = gc_data_obj(v, root, "quantities");
    gc_view_gap(v);
    gc_view_line(v, 0,
                 r->ndrop ? "the case's quantities, fitted without the dropped observations:"
                          : "the case's quantities, fitted:");
    gc_vtable *t = gc_view_table(v, 3, 2);
    gc_view_table_for(t, GC_FOR_PEOPLE); /* CSV is the observations */
    gc_view_head(t, 0, "quantity", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 1, "adjusted", NULL, 1, GC_FOR_ALL);
    gc_view_head(t, 2, "90% interval", NULL, 0, GC_FOR_ALL);
    for (int k = 0; k < GPUCOST_Q_COUNT; k++) {
        if (!r->identified[k])
            continue;
        char lo[64], hi[64];
        gpucost_quantity_format((gpucost_quantity)k, r->low[k], lo, sizeof lo);
        gpucost_quantity_format((gpucost_quantity)k, r->high[k], hi, sizeof hi);
        const char *name = gpucost_quantity_info_get((gpucost_quantity)k)->name;
        gc_view_row(t);
        gc_view_cell(t, name);
        gc_view_value(t, (gpucost_quantity)k, r->value[k], 1);
        gc_view_cellf(t, "%s .. %s", lo, hi);
        gc_dnode *e = gc_data_obj(v, qs, name);
        gc_data_num(v, e, "value", r->value[k]);
        gc_data_num(v, e, "low", r->low[k]);
        gc_data_num(v, e, "high", r->high[k]);
    }
    gc_view_gap(v);
    gc_view_line(v, 0,
                 "r: normalised residual; loo r: against the fit of all the others; untested: the "
                 "others do not determine it; suspect: |r| or |loo r| above 3 in a case that stays "
                 "inconsistent.  Uncertainties are not scaled by the Birge ratio.%s",
                 r->nfacts_untested
                     ? " Catalog values and defaults that nothing tests are not listed."
                     : "");
}

gpucost_status gpucost_output_reconcile(const gpucost_reconcile_result *r, gpucost_format f,
                                        gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = gpucost_output_guard(r->fit.chi2, "chi2", err);
    for (size_t i = 0; rc == GPUCOST_OK && i < r->nobs; i++)
        if (r->obs[i].has_fit)
            rc = gpucost_output_guard(r->obs[i].adjusted, "adjusted value", err);
    if (rc != GPUCOST_OK)
        return rc;
    if ((rc = gc_format_check("reconcile", f, err)) != GPUCOST_OK)
        return rc;
    char verdict[1024];
    gpucost_output_reconcile_verdict(r, verdict, sizeof verdict);
    gc_view v;
    gc_view_init_for(&v, f);
    gc_view_line(&v, 0, "%s", verdict);
    if (!r->consistent && r->ndrop > 0)
        gc_view_line(&v, 0, "after the drop: chi2 %.3g on %zu dof (p %.2g)", r->after.chi2,
                     r->after.dof, r->after.p_value);
    if (r->fit.dof > 0)
        gc_view_line(&v, 0, "Birge ratio %.3g (not applied to the uncertainties)",
                     sqrt(r->fit.chi2 / (double)r->fit.dof));
    gc_view_gap(&v);
    /* one pass, in the order people read it; the data's members are
     * written beside what they say (docs/commands.md's order) */
    gc_dnode *root = data_head(&v, r, verdict);
    notes(&v, r, root);
    observations(&v, r, 0, gc_data_arr(&v, root, "observations"));
    fitted(&v, r, root);
    return gc_view_finish(&v, f, out, err);
}
