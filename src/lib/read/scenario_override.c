/*
 * scenario_override.c - applying overrides (--set, a what-if, a request's
 * "set") to a scenario read (scenario.h): the constructors of each kind
 * of override, its name, and checking each against the scenario's kind
 * and the quantity's domain.  Siblings: scenario.c, scenario_inputs.c,
 * scenario_claims.c.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/scenario.h"

#include <math.h>

#include "read/json.h"

/* An override of `kind` on `q`, every other field empty. */
static gpucost_override override_of(gpucost_override_kind kind, gpucost_quantity q)
{
    gpucost_override o = {.kind = kind,
                          .quantity = q,
                          .precision = GPUCOST_P_BF16,
                          .amortisation = GPUCOST_AMORT_UNSET};
    return o;
}

gpucost_override gpucost_override_point(gpucost_quantity q, double value)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_POINT, q);
    o.value = o.high = value;
    return o;
}

gpucost_override gpucost_override_interval(gpucost_quantity q, double low, double high)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_INTERVAL, q);
    o.value = low;
    o.high = high;
    return o;
}

gpucost_override gpucost_override_remove(gpucost_quantity q)
{
    return override_of(GPUCOST_OVERRIDE_REMOVE, q);
}

gpucost_override gpucost_override_dist(gpucost_quantity q, const gpucost_dist *d)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_DIST, q);
    o.dist = *d;
    return o;
}

gpucost_override gpucost_override_hardware(const char *id)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_HARDWARE, GPUCOST_Q_GPUS);
    o.hardware = id;
    return o;
}

gpucost_override gpucost_override_precision(gpucost_precision p)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_PRECISION, GPUCOST_Q_GPUS);
    o.precision = p;
    return o;
}

gpucost_override gpucost_override_amortisation(gpucost_amortisation a)
{
    gpucost_override o = override_of(GPUCOST_OVERRIDE_AMORTISATION, GPUCOST_Q_GPUS);
    o.amortisation = a;
    return o;
}

const char *gpucost_override_name(const gpucost_override *o)
{
    switch (o->kind) {
    case GPUCOST_OVERRIDE_HARDWARE: return "hardware";
    case GPUCOST_OVERRIDE_PRECISION: return "precision";
    case GPUCOST_OVERRIDE_AMORTISATION: return "amortisation";
    default: return gpucost_quantity_info_get(o->quantity)->name;
    }
}

/* The hardware, precision or amortisation of one override; `where` names
 * it. */
static gpucost_status override_part(gpucost_scenario *s, const gpucost_override *o,
                                    const char *where, gpucost_error *err)
{
    gpucost_loc none = {0, 0};
    if (o->kind == GPUCOST_OVERRIDE_AMORTISATION) {
        if (o->amortisation != GPUCOST_AMORT_STRAIGHT_LINE &&
            o->amortisation != GPUCOST_AMORT_EPOCH)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                                 "unknown amortisation (expected straight_line or epoch)");
        s->amortisation = o->amortisation;
        s->amortisation_loc = none;
        return GPUCOST_OK;
    }
    if (s->kind == GPUCOST_KIND_FLEET)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                             "a fleet names its hardware per part; edit the file's 'fleet' "
                             "to change it");
    if (o->kind == GPUCOST_OVERRIDE_PRECISION) {
        if ((unsigned)o->precision >= GPUCOST_P_COUNT)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "unknown precision");
        s->precision = o->precision;
        s->precision_given = 1;
        s->precision_loc = none;
        return GPUCOST_OK;
    }
    if (o->hardware == NULL || o->hardware[0] == '\0')
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "expected a hardware id");
    char *hw = gpucost_strdup(o->hardware);
    if (hw == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, where, "out of memory");
    gc_free(s->hardware);
    s->hardware = hw;
    s->hardware_loc = none;
    return GPUCOST_OK;
}

/* One quantity override: a point, a 90% interval, an uncertain value,
 * or taking it out. */
static gpucost_status override_value(gpucost_scenario *s, const gpucost_override *o,
                                     const char *where, gpucost_error *err)
{
    gpucost_quantity q = o->quantity;
    if ((unsigned)q >= GPUCOST_Q_COUNT)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "unknown quantity");
    const char *name = gpucost_quantity_info_get(q)->name;
    if (!(gpucost_quantity_info_get(q)->kinds & (int)s->kind))
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                             "quantity '%s' does not apply to %s scenarios", name,
                             gpucost_kind_name(s->kind));
    if (s->kind == GPUCOST_KIND_FLEET && q == GPUCOST_Q_GPUS)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                             "a fleet's gpus are the sum of its parts; edit the file's 'fleet' "
                             "to change them");
    if (o->kind == GPUCOST_OVERRIDE_REMOVE) {
        s->inputs[q].given = 0;
        return GPUCOST_OK;
    }
    gpucost_dist d = o->dist;
    if (o->kind == GPUCOST_OVERRIDE_DIST) {
        /* made by gpucost_dist_* (dist.h), which checked its parameters */
    } else if (o->kind == GPUCOST_OVERRIDE_INTERVAL) {
        if (!isfinite(o->value) || !isfinite(o->high) ||
            gpucost_dist_interval90(&d, o->value, o->high) != 0)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                                 "invalid range: low must not exceed high");
    } else {
        if (!isfinite(o->value))
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where,
                                 "expected a finite number");
        gpucost_dist_point(&d, o->value);
    }
    char hint[64];
    if (!gc_dist_in_domain(q, &d))
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, where, "expected %s%s",
                             gpucost_quantity_domain_text(q),
                             d.kind == GPUCOST_DIST_POINT
                                 ? gpucost_quantity_domain_hint(q, d.a, hint, sizeof hint)
                                 : ", but the range reaches outside it");
    gpucost_loc none = {0, 0};
    s->inputs[q].given = 1;
    s->inputs[q].dist = d;
    s->inputs[q].loc = none;
    return GPUCOST_OK;
}

gpucost_status gpucost_scenario_override(gpucost_scenario *s, const gpucost_override *o, size_t n,
                                         gpucost_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char where[32];
        gc_snprintf(where, sizeof where, "overrides[%zu]", i);
        gpucost_status rc = o[i].kind == GPUCOST_OVERRIDE_HARDWARE ||
                                    o[i].kind == GPUCOST_OVERRIDE_PRECISION ||
                                    o[i].kind == GPUCOST_OVERRIDE_AMORTISATION
                                ? override_part(s, &o[i], where, err)
                                : override_value(s, &o[i], where, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    return GPUCOST_OK;
}
