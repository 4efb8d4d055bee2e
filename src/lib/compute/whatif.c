/*
 * whatif.c - --set that holds the job (see whatif.h for the rules).
 *
 * Everything here is decided by the derivation engine itself: the
 * original scenario's plan says what each held quantity depends on
 * (gpucost_derive_dependencies), and a trial derivation says whether the
 * held set determines a file input.  No relation is written twice.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/whatif.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/json.h"
#include "base/text.h"

#define Q(x) GPUCOST_Q_##x

static const gpucost_quantity hold_training[] = {Q(TRAINING_FLOPS), Q(GPUS), Q(MFU)};
/* Inference holds the traffic and the fleet, and where the scenario has a
 * throughput model, the serving shape (batch, context) and the share of
 * the roofline its software achieved: moved to new hardware, a measured
 * throughput becomes that share of the new bound. */
static const gpucost_quantity hold_inference[] = {
    Q(INPUT_TOKENS),      Q(OUTPUT_TOKENS),     Q(GPUS), Q(BATCH), Q(CONTEXT_TOKENS),
    Q(DECODE_EFFICIENCY), Q(PREFILL_EFFICIENCY)};

/* Whether the trial derivation of `s` determines q through relations. */
static gpucost_status determined(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                 gpucost_derivation *trial, gpucost_quantity q, int *yes,
                                 gpucost_error *err)
{
    /* a trial asks only what the inputs determine: a half-restored
     * scenario (replica_nodes not yet back) may not fit, the final one
     * is derived with the limits */
    gpucost_derive_options opt;
    gpucost_derive_options_init(&opt);
    opt.limits = 0;
    gpucost_status rc = gpucost_derive(s, catalog, &opt, trial, err);
    if (rc == GPUCOST_OK)
        *yes = trial->origin[q] == GPUCOST_ORIGIN_DERIVED;
    return rc;
}

/* Decides how each held quantity is held (whatif.h): kept as an input,
 * held through the unchanged inputs it derives from (marked in
 * `protect`), or pinned. */
static void choose_holds(const gpucost_scenario *s, const gpucost_derivation *d0,
                         const gpucost_quantity *hold, size_t nhold, const int *user_set,
                         const int *specific, int pin_all, int *protect, gpucost_whatif *w)
{
    int varying[GPUCOST_Q_COUNT];
    gpucost_qset deps[GPUCOST_Q_COUNT], changing = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        varying[q] = d0->origin[q] == GPUCOST_ORIGIN_INPUT ||
                     d0->origin[q] == GPUCOST_ORIGIN_CATALOG ||
                     d0->origin[q] == GPUCOST_ORIGIN_DEFAULT;
        if (user_set[q] || specific[q])
            changing |= GPUCOST_QBIT(q);
    }
    gpucost_derive_dependencies(d0, varying, deps);
    for (size_t i = 0; i < nhold; i++) {
        gpucost_quantity h = hold[i];
        if (user_set[h])
            continue; /* the user's own number wins */
        if (d0->origin[h] == GPUCOST_ORIGIN_UNKNOWN) {
            /* the serving shape is beside the point without a model */
            w->unheld[h] = !gpucost_quantity_info_get(h)->throughput;
            continue;
        }
        w->held[h] = 1;
        w->value[h] = d0->value[h];
        if (s->inputs[h].given && !specific[h]) {
            protect[h] = 1;
        } else if (!pin_all && d0->origin[h] == GPUCOST_ORIGIN_DERIVED && !(deps[h] & changing)) {
            for (int q = 0; q < GPUCOST_Q_COUNT; q++)
                if ((deps[h] & GPUCOST_QBIT(q)) && s->inputs[q].given)
                    protect[q] = 1;
        } else {
            w->pinned[h] = 1;
        }
    }
}

/* On new hardware without a peak at the scenario's precision, the next
 * wider one it has (an fp8 job runs in bf16 where there is no fp8). */
static void widen_precision(gpucost_scenario *s, const gpucost_catalog *catalog, gpucost_whatif *w)
{
    const gpucost_hardware *h =
        catalog != NULL && s->hardware != NULL ? gpucost_catalog_find(catalog, s->hardware) : NULL;
    if (h == NULL || h->peak_tflops[s->precision] > 0.0)
        return;
    for (int p = (int)s->precision + 1; p < GPUCOST_P_COUNT; p++) {
        if (p == GPUCOST_P_INT8 || h->peak_tflops[p] <= 0.0)
            continue;
        gc_text_printf(w->note, sizeof w->note, "precision %s -> %s (%s has no %s peak)",
                       gpucost_precision_name(s->precision),
                       gpucost_precision_name((gpucost_precision)p), h->id,
                       gpucost_precision_name(s->precision));
        s->precision = (gpucost_precision)p;
        return;
    }
}

/* Applies the overrides, noting which quantities the user set and
 * whether one of them named the precision. */
static gpucost_status apply_sets(gpucost_scenario *s, const gpucost_override *sets, size_t nsets,
                                 int *user_set, int *precision_set, gpucost_error *err)
{
    gpucost_status rc = gpucost_scenario_override(s, sets, nsets, err);
    for (size_t i = 0; rc == GPUCOST_OK && i < nsets; i++) {
        gpucost_override_kind k = sets[i].kind;
        if (k == GPUCOST_OVERRIDE_POINT || k == GPUCOST_OVERRIDE_INTERVAL ||
            k == GPUCOST_OVERRIDE_REMOVE || k == GPUCOST_OVERRIDE_DIST)
            user_set[sets[i].quantity] = 1;
        *precision_set |= k == GPUCOST_OVERRIDE_PRECISION;
    }
    return rc;
}

/* Pins the held quantities that need it and takes out every other file
 * input that is not protected: the old part's figures for good, the rest
 * as candidates (`cand`) that resolve() tries back. */
static void start_from_held(gpucost_scenario *s, const int *protect, const int *specific, int *cand,
                            gpucost_whatif *w)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (w->pinned[q]) {
            gpucost_dist_point(&s->inputs[q].dist, w->value[q]);
            s->inputs[q].given = 1;
            s->inputs[q].loc.line = s->inputs[q].loc.column = 0;
        } else if (s->inputs[q].given && !protect[q]) {
            s->inputs[q].given = 0;
            cand[q] = !specific[q];
            w->dropped[q] = specific[q];
        }
    }
}

/* A pin the user's numbers already determine is not made; then each
 * candidate, in quantity order, comes back unless what is kept so far
 * determines it (then it is dropped). */
static gpucost_status resolve(gpucost_scenario *s, const gpucost_catalog *catalog,
                              const gpucost_input *saved, const int *cand,
                              gpucost_derivation *trial, gpucost_whatif *w, gpucost_error *err)
{
    gpucost_status rc = GPUCOST_OK;
    for (int q = 0; rc == GPUCOST_OK && q < GPUCOST_Q_COUNT; q++) {
        if (!w->pinned[q])
            continue;
        int yes = 0;
        s->inputs[q].given = 0;
        rc = determined(s, catalog, trial, (gpucost_quantity)q, &yes, err);
        w->pinned[q] = w->held[q] = s->inputs[q].given = !yes;
        w->rederived[q] = yes;
    }
    for (int q = 0; rc == GPUCOST_OK && q < GPUCOST_Q_COUNT; q++) {
        if (!cand[q])
            continue;
        int yes = 0;
        rc = determined(s, catalog, trial, (gpucost_quantity)q, &yes, err);
        if (yes)
            w->dropped[q] = 1;
        else
            s->inputs[q] = saved[q];
    }
    return rc;
}

/* The quantities of the held set that the scenario as changed does not
 * keep at their held value (1e-9 relative): how many, their names in
 * `names`. */
static gpucost_status check_kept(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                 const gpucost_derivation *d0, const int *user_set,
                                 gpucost_derivation *trial, const gpucost_whatif *w, size_t *nbad,
                                 char *names, size_t n, gpucost_error *err)
{
    gpucost_derive_options opt;
    gpucost_derive_options_init(&opt);
    opt.limits = 0;
    gpucost_status rc = gpucost_derive(s, catalog, &opt, trial, err);
    *nbad = 0;
    names[0] = '\0';
    for (size_t i = 0; rc == GPUCOST_OK && i < w->norder; i++) {
        gpucost_quantity q = w->order[i];
        if (user_set[q] || w->unheld[q] || d0->origin[q] == GPUCOST_ORIGIN_UNKNOWN)
            continue; /* the user's own number, or nothing to hold */
        double v = trial->value[q], want = d0->value[q];
        if (trial->origin[q] != GPUCOST_ORIGIN_UNKNOWN && fabs(v - want) <= 1e-9 * fabs(want))
            continue;
        char one[160], a[64], b[64];
        gpucost_quantity_format((gpucost_quantity)q, want, a, sizeof a);
        if (trial->origin[q] == GPUCOST_ORIGIN_UNKNOWN)
            gc_snprintf(b, sizeof b, "unknown");
        else
            gpucost_quantity_format((gpucost_quantity)q, v, b, sizeof b);
        gc_text_printf(one, sizeof one, "%s%s at %s (it comes out %s)", *nbad ? "; " : "",
                       gpucost_quantity_info_get((gpucost_quantity)q)->name, a, b);
        gc_text_printf(names + strlen(names), n - strlen(names), "%s", one);
        (*nbad)++;
    }
    return rc;
}

/* A quantity held through the inputs it derives from (choose_holds) is
 * held only if those inputs are in fact unchanged: the dependencies it
 * reads are of the file's inputs, but a catalog figure or a default may
 * come from the new part (the memory a batch that is the largest that
 * fits is derived from).  One whose value the scenario as changed moves
 * (1e-9 relative) is re-derived, not held. */
static gpucost_status unhold_moved(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                   const gpucost_derivation *d0, gpucost_derivation *trial,
                                   gpucost_whatif *w, gpucost_error *err)
{
    gpucost_derive_options opt;
    gpucost_derive_options_init(&opt);
    opt.limits = 0;
    gpucost_status rc = gpucost_derive(s, catalog, &opt, trial, err);
    for (int q = 0; rc == GPUCOST_OK && q < GPUCOST_Q_COUNT; q++) {
        if (!w->held[q] || w->pinned[q] || s->inputs[q].given)
            continue;
        double v = trial->value[q], want = d0->value[q];
        if (trial->origin[q] != GPUCOST_ORIGIN_UNKNOWN && fabs(v - want) <= 1e-9 * fabs(want))
            continue;
        w->held[q] = 0;
        w->rederived[q] = trial->origin[q] == GPUCOST_ORIGIN_DERIVED;
    }
    return rc;
}

/* One way of holding: through unchanged inputs where it can (pin_all 0),
 * or every held quantity pinned at its value (1). */
static gpucost_status hold_once(gpucost_scenario *s, const gpucost_catalog *catalog,
                                const gpucost_derivation *d0, const gpucost_quantity *hold,
                                size_t nhold, const int *user_set, const int *specific, int pin_all,
                                gpucost_derivation *trial, gpucost_whatif *w, gpucost_error *err)
{
    int protect[GPUCOST_Q_COUNT], cand[GPUCOST_Q_COUNT] = {0};
    memcpy(protect, user_set, sizeof protect);
    choose_holds(s, d0, hold, nhold, user_set, specific, pin_all, protect, w);
    gpucost_input *saved = gc_malloc(sizeof s->inputs);
    if (saved == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, s->file, 0, 0, NULL, "out of memory");
    memcpy(saved, s->inputs, sizeof s->inputs);
    start_from_held(s, protect, specific, cand, w);
    gpucost_status rc = resolve(s, catalog, saved, cand, trial, w, err);
    gc_free(saved);
    return rc;
}

/* The job held on changed hardware or precision, or on --hold: first
 * through the unchanged inputs; for a held set the user named, when that
 * does not keep every quantity in it (holding wall_days through the
 * file's GPU-hours while mfu must move them on new hardware), again with
 * every held quantity pinned, and a set that still cannot be kept is an
 * error naming what is not. */
static gpucost_status hold_job(gpucost_scenario *s, const gpucost_catalog *catalog,
                               const gpucost_derivation *d0, const gpucost_quantity *hold,
                               size_t nhold, const int *user_set, int hw_changed, int prec_changed,
                               gpucost_derivation *trial, gpucost_whatif *w, gpucost_error *err)
{
    w->active = 1;
    int asked = nhold > 0;
    if (nhold == 0) {
        int inf = s->kind == GPUCOST_KIND_INFERENCE;
        hold = inf ? hold_inference : hold_training;
        nhold = inf ? sizeof hold_inference / sizeof hold_inference[0]
                    : sizeof hold_training / sizeof hold_training[0];
    }
    for (size_t i = 0; i < nhold && w->norder < GPUCOST_Q_COUNT; i++)
        w->order[w->norder++] = hold[i];
    /* the file's figures for the old part give way to the new part's */
    int specific[GPUCOST_Q_COUNT] = {0};
    specific[Q(PEAK_FLOPS)] = hw_changed || prec_changed;
    specific[Q(POWER_W)] = specific[Q(GPU_PRICE_USD)] = specific[Q(PRICE_PER_GPU_HOUR)] =
        hw_changed;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        specific[q] &= !user_set[q];
    gpucost_input *orig = gc_malloc(sizeof s->inputs);
    if (orig == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, s->file, 0, 0, NULL, "out of memory");
    memcpy(orig, s->inputs, sizeof s->inputs);
    char names[1024];
    size_t nbad = 0;
    gpucost_status rc = GPUCOST_OK;
    for (int pin_all = 0; rc == GPUCOST_OK && pin_all <= 1; pin_all++) {
        if (pin_all) { /* start again from the scenario as set */
            memcpy(s->inputs, orig, sizeof s->inputs);
            memset(w->held, 0, sizeof w->held);
            memset(w->pinned, 0, sizeof w->pinned);
            memset(w->dropped, 0, sizeof w->dropped);
            memset(w->unheld, 0, sizeof w->unheld);
            memset(w->rederived, 0, sizeof w->rederived);
        }
        rc = hold_once(s, catalog, d0, hold, nhold, user_set, specific, pin_all, trial, w, err);
        /* the default holds give way where the new part determines them
         * (an inference fleet re-derived from its traffic); a held set the
         * user named is kept, or refused */
        if (rc == GPUCOST_OK && asked)
            rc = check_kept(s, catalog, d0, user_set, trial, w, &nbad, names, sizeof names, err);
        else if (rc == GPUCOST_OK)
            rc = unhold_moved(s, catalog, d0, trial, w, err);
        if (rc != GPUCOST_OK || nbad == 0)
            break;
    }
    gc_free(orig);
    if (rc == GPUCOST_OK && nbad > 0)
        rc = GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "hold",
                           "the held set cannot be kept: %s; the held quantities and the "
                           "inputs kept with them disagree",
                           names);
    return rc;
}

gpucost_status gpucost_whatif_apply(gpucost_scenario *s, const gpucost_catalog *catalog,
                                    const gpucost_override *sets, size_t nsets,
                                    const gpucost_quantity *hold, size_t nhold, gpucost_whatif *out,
                                    gpucost_error *err)
{
    gpucost_whatif local;
    gpucost_whatif *w = out != NULL ? out : &local;
    memset(w, 0, sizeof *w);
    if (nsets == 0 && nhold == 0)
        return GPUCOST_OK; /* nothing to apply: inactive, `s` as it was */
    gpucost_derivation *d0 = gc_malloc(sizeof *d0), *trial = gc_malloc(sizeof *trial);
    char *orig_hw = s->hardware != NULL ? gpucost_strdup(s->hardware) : NULL;
    gpucost_status rc = GPUCOST_OK;
    if (d0 == NULL || trial == NULL || (s->hardware != NULL && orig_hw == NULL)) {
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, s->file, 0, 0, NULL, "out of memory");
        goto end;
    }
    /* the original job, before any --set */
    gpucost_error d0_err;
    gpucost_status d0_rc = gpucost_derive(s, catalog, NULL, d0, &d0_err);
    gpucost_precision orig_prec = s->precision;
    if (d0_rc == GPUCOST_OK && d0->hardware != NULL)
        gc_text_printf(w->from, sizeof w->from, "%s %s", d0->hardware->id,
                       gpucost_precision_name(orig_prec));
    int user_set[GPUCOST_Q_COUNT] = {0}, precision_set = 0;
    if ((rc = apply_sets(s, sets, nsets, user_set, &precision_set, err)) != GPUCOST_OK)
        goto end;
    int hw_changed = (orig_hw == NULL) != (s->hardware == NULL) ||
                     (orig_hw != NULL && gc_ascii_casecmp(orig_hw, s->hardware) != 0);
    if (hw_changed && !precision_set)
        widen_precision(s, catalog, w);
    int prec_changed = s->precision != orig_prec;
    if (!hw_changed && !prec_changed && nhold == 0)
        goto end; /* a plain what-if: the --set as given */
    if (d0_rc != GPUCOST_OK) {
        /* nothing to hold without the original job */
        if (err != NULL)
            *err = d0_err;
        rc = d0_rc;
        goto end;
    }
    rc = hold_job(s, catalog, d0, hold, nhold, user_set, hw_changed, prec_changed, trial, w, err);
end:
    gc_free(d0);
    gc_free(trial);
    gc_free(orig_hw);
    return rc;
}
