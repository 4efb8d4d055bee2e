/*
 * derive_roofline.c - the model block and the inference roofline: the
 * model a scenario names, what its block gives as inputs (derive.c), the
 * roofline's catalog values and defaults (derive_fallback.c asks), and,
 * for derive_checks.c, the weights one GPU holds and the error with the
 * fix when they do not fit.
 */
#include "base/c_locale.h"
#include "compute/derive_internal.h"

#include "gpucost/suggest.h"

#include <math.h>
#include <string.h>

#include "base/text.h"

/* The inference roofline's fallbacks, only for a scenario with a model
 * block: the accelerator's memory and bandwidth, the bytes of the
 * precision, one node per replica, the largest batch that fits, the
 * defaults file's efficiencies (each only once its roofline is known, so
 * that a measured throughput is never turned into a bound), and a fleet
 * exactly as large as the traffic needs (only once that is known). */
int gc_derive_roofline_fallback(const gpucost_derivation *d, gpucost_quantity q, gpucost_dist *dist,
                                gpucost_origin *origin)
{
    const gpucost_hardware *h = d->hardware;
    if (d->model == NULL || d->kind != GPUCOST_KIND_INFERENCE)
        return 0;
    *origin = GPUCOST_ORIGIN_CATALOG;
    switch (q) {
    case Q(MEMORY_GB):
        return h != NULL && h->memory_gb > 0.0 && gpucost_dist_point(dist, h->memory_gb) == 0;
    case Q(MEMORY_BW_TBS):
        return h != NULL && h->memory_bw_tbs > 0.0 &&
               gpucost_dist_point(dist, h->memory_bw_tbs) == 0;
    default: break;
    }
    *origin = GPUCOST_ORIGIN_DEFAULT;
    gpucost_quantity after = q == Q(BATCH_FILL)          ? Q(MAX_BATCH)
                             : q == Q(DECODE_EFFICIENCY) ? Q(DECODE_ROOFLINE_TOKENS_PER_GPU_SECOND)
                             : q == Q(PREFILL_EFFICIENCY)
                                 ? Q(PREFILL_ROOFLINE_TOKENS_PER_GPU_SECOND)
                             : q == Q(SERVING_UTILIZATION) ? Q(GPUS_NEEDED)
                                                           : Q(COUNT);
    if (after != Q(COUNT) && d->origin[after] == GPUCOST_ORIGIN_UNKNOWN)
        return 0;
    switch (q) {
    case Q(BYTES_PER_PARAM):
        return gpucost_dist_point(dist, gpucost_precision_bits(d->precision) / 8.0) == 0;
    case Q(REPLICA_NODES):
    case Q(BATCH_FILL):
    case Q(SERVING_UTILIZATION): return gpucost_dist_point(dist, 1.0) == 0;
    default: {
        const gpucost_dist *v = gpucost_defaults_get(d->defaults, q);
        if (v != NULL)
            *dist = *v;
        return v != NULL;
    }
    }
}

/* What the model block gives, as inputs where the scenario's inputs do
 * not give them: the parameter counts, a training token's attention FLOP
 * (with a seq_len), a token's KV-cache bytes.  A claim's `exclude` leaves
 * out the scenario's own input of the claimed quantity, never the block:
 * its numbers are the architecture's (docs/quantities-and-methods.md, the model block), so a
 * claim on them (NVIDIA's 524,288 B per token for Llama 2 7B) is checked
 * against the block's formula, not left unverifiable. */
void gc_derive_set_model_inputs(gpucost_derivation *d)
{
    const gpucost_model *m = d->model;
    if (m == NULL)
        return;
    double v[4] = {m->params_total, m->params_active,
                   d->kind == GPUCOST_KIND_TRAINING ? gpucost_model_attention_flops_per_token(m)
                                                    : 0.0,
                   d->kind == GPUCOST_KIND_INFERENCE ? gpucost_model_kv_bytes_per_token(m) : 0.0};
    const gpucost_quantity q[4] = {Q(PARAMS_TOTAL), Q(PARAMS_ACTIVE), Q(ATTENTION_FLOPS_PER_TOKEN),
                                   Q(KV_BYTES_PER_TOKEN)};
    for (int k = 0; k < 4; k++) {
        gpucost_dist dist;
        if (v[k] > 0.0 && d->origin[q[k]] == GPUCOST_ORIGIN_UNKNOWN &&
            gpucost_dist_point(&dist, v[k]) == 0)
            gc_derive_set_leaf(d, q[k], &dist, GPUCOST_ORIGIN_INPUT);
    }
}

/* The model a scenario names: its inline block, or a bundled one. */
gpucost_status gc_derive_resolve_model(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                       gpucost_derivation *d, gpucost_error *err)
{
    d->model = s->model;
    if (s->model_id == NULL)
        return GPUCOST_OK;
    d->model = gpucost_catalog_model(catalog, s->model_id);
    if (d->model != NULL)
        return GPUCOST_OK;
    char ids[512] = "";
    const char *names[64];
    size_t n = 0;
    for (; n < gpucost_catalog_model_count(catalog) && n < 64; n++) {
        names[n] = gpucost_catalog_model_at(catalog, n)->id;
        gc_text_list(ids, sizeof ids, names[n]);
    }
    const char *hint = gpucost_suggest(s->model_id, names, n);
    const char *known = n ? ids : "none; models/architectures/ holds them";
    if (hint != NULL)
        return GPUCOST_ERROR(
            err, GPUCOST_ENOTFOUND, s->file, s->model_loc.line, s->model_loc.column, "model",
            "unknown model '%s' (did you mean '%s'? bundled: %s)", s->model_id, hint, known);
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, s->model_loc.line, s->model_loc.column,
                         "model", "unknown model '%s' (bundled: %s)", s->model_id, known);
}

/* The weights one GPU of a replica of `gpus` holds, in GB, at `bytes` a
 * parameter. */
double gc_derive_resident_gb(const gpucost_derivation *d, double gpus, double bytes)
{
    const double *v = d->value;
    return gpucost_model_params_resident(d->model, v[Q(PARAMS_TOTAL)], v[Q(PARAMS_ACTIVE)], gpus) *
           bytes / 1e9;
}

/* What would make the weights fit, into `fix`: the fewest nodes per
 * replica that hold them (up to 64), and the widest precision below the
 * scenario's that does and that the accelerator has a peak for. */
static void fit_remedy(const gpucost_derivation *d, char *fix, size_t n)
{
    const double *v = d->value;
    double memory = v[Q(MEMORY_GB)], bytes = v[Q(BYTES_PER_PARAM)];
    double per_node = v[Q(GPUS_PER_NODE)], nodes = v[Q(REPLICA_NODES)];
    char more[64] = "more GPUs per replica", lower[64] = " or fewer bytes per parameter";
    if (d->origin[Q(REPLICA_NODES)] != GPUCOST_ORIGIN_UNKNOWN && isfinite(per_node))
        for (double k = floor(nodes) + 1.0; k <= 64.0; k++)
            if (gc_derive_resident_gb(d, k * per_node, bytes) < memory) {
                gc_snprintf(more, sizeof more, "more GPUs per replica (replica_nodes %.0f)", k);
                break;
            }
    if (d->origin[Q(BYTES_PER_PARAM)] == GPUCOST_ORIGIN_DEFAULT) {
        lower[0] = '\0'; /* no narrower precision that fits: none to offer */
        /* the widest floating format that fits, and int8 only where none
         * does (it is a quantisation choice, as whatif.c's widening says) */
        for (int pass = 0; pass < 2 && !lower[0]; pass++)
            for (int p = (int)d->precision - 1; p >= 0; p--) {
                double b = gpucost_precision_bits((gpucost_precision)p) / 8.0;
                if ((p == GPUCOST_P_INT8) != pass || !(b < bytes) ||
                    !(gc_derive_resident_gb(d, v[Q(REPLICA_GPUS)], b) < memory) ||
                    (d->hardware != NULL && !(d->hardware->peak_tflops[p] > 0.0)))
                    continue;
                gc_snprintf(lower, sizeof lower, " or at a lower precision (%s)",
                            gpucost_precision_name((gpucost_precision)p));
                break;
            }
    }
    gc_snprintf(fix, n, "serve it on %s%s", more, lower);
}

/* The weights fill a replica's memory: what one GPU would hold against
 * what it has, and the fix. */
gpucost_status gc_derive_does_not_fit(const gpucost_scenario *s, const gpucost_derivation *d,
                                      gpucost_error *err)
{
    const double *v = d->value;
    char need[32], have[32], replica[32], whose[48], fix[128];
    gpucost_quantity_format(Q(WEIGHT_GB),
                            gc_derive_resident_gb(d, v[Q(REPLICA_GPUS)], v[Q(BYTES_PER_PARAM)]),
                            need, sizeof need);
    gpucost_quantity_format(Q(MEMORY_GB), v[Q(MEMORY_GB)], have, sizeof have);
    gpucost_quantity_format(Q(REPLICA_GPUS), v[Q(REPLICA_GPUS)], replica, sizeof replica);
    if (d->hardware != NULL && d->origin[Q(MEMORY_GB)] == GPUCOST_ORIGIN_CATALOG)
        gc_snprintf(whose, sizeof whose, "the %s's", d->hardware->id);
    else
        gc_snprintf(whose, sizeof whose, "memory_gb,");
    fit_remedy(d, fix, sizeof fix);
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, s->file, s->model_loc.line, s->model_loc.column,
                         "model",
                         "%s does not fit: its %s weights take %s per GPU on a replica of"
                         " %s, above %s %s; %s",
                         d->model->id != NULL && d->model->id[0] ? d->model->id : "the model",
                         gpucost_precision_name(d->precision), need, replica, whose, have, fix);
}
