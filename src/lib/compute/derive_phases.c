/*
 * derive_phases.c - a training run in phases (docs/quantities-and-methods.md,
 * runs in phases): one phase derived with the run's inputs under its own
 * (gpucost_derive_phase), and the run's totals summed from its phases for
 * derive.c, as inputs or as conflicts with the run's own.
 */
#include "compute/derive_internal.h"

#include <math.h>
#include <string.h>

#include "base/text.h"

/* The quantities a run's phases add up to (docs/quantities-and-methods.md,
 * runs in phases): the run's totals, set from its phases unless the run
 * gives them itself.  Energy and the owned cost follow from the summed
 * GPU-hours at the run's own power and rates. */
static const gpucost_quantity phase_sums[] = {
    Q(GPU_HOURS), Q(TOKENS), Q(TRAINING_FLOPS), Q(WALL_DAYS), Q(COST_USD),
};
_Static_assert(sizeof phase_sums / sizeof phase_sums[0] == NPHASE_SUMS,
               "NPHASE_SUMS (derive_internal.h) counts phase_sums");

/* Whether a phase takes the run's input q when it does not give q: the
 * rates, prices, parameters and factors do; the run's totals and its
 * calendar days never do; its GPU count only when the phase names
 * neither GPUs nor nodes. */
static int phase_inherits(const gpucost_scenario *ph, gpucost_quantity q)
{
    if (q == Q(WALL_DAYS) || gpucost_quantity_info_get(q)->base != GPUCOST_BASE_NONE)
        return 0;
    if (q == Q(GPUS) || q == Q(NODES))
        return !ph->inputs[Q(GPUS)].given && !ph->inputs[Q(NODES)].given;
    return 1;
}

/* An error about an input the phase gives itself names it where the file
 * has it, "phases[1].inputs.precision", not as the run's "inputs.precision"
 * (the line and column are the phase's already). */
static void phase_error_path(const gpucost_scenario *ph, size_t phase, gpucost_error *err)
{
    static const char inputs[] = "inputs.";
    if (err == NULL || strncmp(err->path, inputs, sizeof inputs - 1) != 0)
        return;
    const char *key = err->path + sizeof inputs - 1;
    gpucost_quantity q;
    int own = strcmp(key, "hardware") == 0 ? ph->hardware != NULL
              : strcmp(key, "precision") == 0
                  ? ph->precision_given
                  : gpucost_quantity_lookup(key, &q) == 0 && ph->inputs[q].given;
    if (!own)
        return;
    char path[sizeof err->path];
    gc_text_printf(path, sizeof path, "phases[%zu].%s", phase, err->path);
    memcpy(err->path, path, sizeof path);
}

gpucost_status gpucost_derive_phase(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    size_t phase, const gpucost_derive_options *opt,
                                    gpucost_derivation *out, gpucost_error *err)
{
    if (phase >= s->nphases)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, 0, 0, "phase",
                             "phase %zu is not a phase of this scenario", phase);
    const gpucost_scenario *ph = &s->phases[phase];
    /* the run with the phase's inputs over it: a shallow copy, nothing
     * freed through it */
    gpucost_scenario one = *s;
    one.phases = NULL;
    one.nphases = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (ph->inputs[q].given)
            one.inputs[q] = ph->inputs[q];
        else if (!phase_inherits(ph, (gpucost_quantity)q))
            one.inputs[q].given = 0;
    }
    if (ph->hardware != NULL) {
        one.hardware = ph->hardware;
        one.hardware_loc = ph->hardware_loc;
    }
    if (ph->precision_given) {
        one.precision = ph->precision;
        one.precision_given = 1;
        one.precision_loc = ph->precision_loc;
    }
    gpucost_status rc = gpucost_derive(&one, catalog, opt, out, err);
    if (rc != GPUCOST_OK)
        phase_error_path(ph, phase, err);
    return rc;
}

/* A run's totals from its phases: each phase derived on its own, each
 * sum set as an input of the run where every phase knows it and the run
 * does not give it; a total the run gives is checked against the sum. */
gpucost_status gc_derive_sum_phases(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    double *sums, gpucost_error *err)
{
    int known[NPHASE_SUMS];
    for (size_t k = 0; k < NPHASE_SUMS; k++) {
        sums[k] = 0.0;
        known[k] = 1;
    }
    for (size_t i = 0; i < s->nphases; i++) {
        gpucost_derivation d;
        gpucost_status rc = gpucost_derive_phase(s, catalog, i, NULL, &d, err);
        if (rc != GPUCOST_OK)
            return rc;
        for (size_t k = 0; k < NPHASE_SUMS; k++) {
            known[k] &= d.origin[phase_sums[k]] != GPUCOST_ORIGIN_UNKNOWN;
            sums[k] += d.value[phase_sums[k]];
        }
    }
    for (size_t k = 0; k < NPHASE_SUMS; k++)
        if (!known[k] || !isfinite(sums[k]))
            sums[k] = NAN;
    return GPUCOST_OK;
}

void gc_derive_set_phase_sums(const gpucost_scenario *s, const double *sums, int exclude,
                              gpucost_derivation *d)
{
    for (size_t k = 0; k < NPHASE_SUMS; k++) {
        gpucost_quantity q = phase_sums[k];
        gpucost_dist dist;
        if (isnan(sums[k]) || gpucost_dist_point(&dist, sums[k]) != 0)
            continue;
        if (s->inputs[q].given && (int)q != exclude) {
            double given = gpucost_dist_median(&s->inputs[q].dist);
            if (fabs(sums[k] - given) > 1e-3 * fmax(fabs(given), 1e-300))
                gc_derive_add_conflict(d, q, given, sums[k], GPUCOST_ORIGIN_INPUT, 0);
            continue;
        }
        gc_derive_set_leaf(d, q, &dist, GPUCOST_ORIGIN_INPUT);
    }
}
