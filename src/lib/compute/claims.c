/*
 * claims.c - recomputing each claim without its own input (claims.h).
 */
#include "base/c_locale.h"
#include "gpucost/claims.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "gpucost/derive.h"

const char *gpucost_claim_status_name(gpucost_claim_status st)
{
    switch (st) {
    case GPUCOST_CLAIM_PASS: return "pass";
    case GPUCOST_CLAIM_FAIL: return "fail";
    case GPUCOST_CLAIM_UNVERIFIABLE: return "unverifiable";
    case GPUCOST_CLAIM_EXPECTED_FAIL: return "expected-fail";
    }
    return "unknown";
}

static int holds(const gpucost_claim *c, double x, double *rel)
{
    if (c->has_value) {
        double scale = fmax(fabs(c->value), 1e-300);
        *rel = (x - c->value) / scale;
        if (c->factor >= 1.0)
            return x >= c->value / c->factor && x <= c->value * c->factor;
        return fabs(x - c->value) <= c->tolerance * scale;
    }
    *rel = 0.0;
    if (c->has_min && x < c->min) {
        *rel = (x - c->min) / fmax(fabs(c->min), 1e-300);
        return 0;
    }
    if (c->has_max && x > c->max) {
        *rel = (x - c->max) / fmax(fabs(c->max), 1e-300);
        return 0;
    }
    return 1;
}

/* An export claim: the chip's status on the date under the catalog's
 * rules against the claimed one. */
static gpucost_status check_export(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                   const gpucost_claim *c, gpucost_claim_result *r,
                                   gpucost_error *err)
{
    const gpucost_hardware *h =
        catalog != NULL ? gpucost_catalog_find(catalog, c->export_hardware) : NULL;
    if (h == NULL) {
        char where[64];
        gc_snprintf(where, sizeof where, "claims[%zu].export.hardware", r->index);
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, c->loc.line, c->loc.column, where,
                             "unknown hardware '%s'", c->export_hardware);
    }
    const gpucost_rules *rules = gpucost_catalog_rules(catalog);
    if (rules == NULL || gpucost_rules_count(rules) == 0) {
        r->status = GPUCOST_CLAIM_UNVERIFIABLE;
        return GPUCOST_OK;
    }
    gpucost_destination to;
    if (c->export_to == NULL || c->export_to[0] == '\0') {
        gpucost_destination_china(&to);
    } else if (gpucost_rules_destination(rules, c->export_to, &to, err) != GPUCOST_OK) {
        char where[64], why[sizeof err->message];
        gc_snprintf(where, sizeof where, "claims[%zu].export.to", r->index);
        gc_snprintf(why, sizeof why, "%s", err->message);
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, c->loc.line, c->loc.column, where,
                             "%s", why);
    }
    gpucost_rules_verdict(rules, h, c->export_date, &to, &r->verdict);
    r->has_verdict = 1;
    int ok = (int)r->verdict.status == c->export_status &&
             (c->export_policy < 0 || (int)r->verdict.policy == c->export_policy);
    if (c->expect_fail)
        r->status = ok ? GPUCOST_CLAIM_FAIL : GPUCOST_CLAIM_EXPECTED_FAIL;
    else
        r->status = ok ? GPUCOST_CLAIM_PASS : GPUCOST_CLAIM_FAIL;
    return GPUCOST_OK;
}

/* Checks the quantity claim `c` of `s` against its derivation without the
 * claimed quantity, filling `r` (set up by the caller). */
static gpucost_status check_quantity(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                     const gpucost_claim *c, gpucost_claim_result *r,
                                     gpucost_error *err)
{
    gpucost_derive_options opt;
    gpucost_derive_options_init(&opt);
    opt.exclude = (int)c->quantity;
    opt.date = c->date; /* a claim's own date stands in for the scenario's */
    gpucost_derivation d;
    gpucost_status rc = c->phase >= 0
                            ? gpucost_derive_phase(s, catalog, (size_t)c->phase, &opt, &d, err)
                            : gpucost_derive(s, catalog, &opt, &d, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (d.origin[c->quantity] == GPUCOST_ORIGIN_UNKNOWN) {
        r->status = GPUCOST_CLAIM_UNVERIFIABLE;
        return GPUCOST_OK;
    }
    if (c->date > 0 && d.kind != GPUCOST_KIND_FLEET &&
        d.origin[GPUCOST_Q_PRICE_PER_GPU_HOUR] == GPUCOST_ORIGIN_CATALOG &&
        gpucost_derive_quote_basis(d.hardware, c->date, NULL, 0)) {
        r->priced_date = c->date;
        r->priced_hardware = d.hardware;
    }
    r->has_computed = 1;
    /* in the scenario's own dollars, as the claim is */
    r->computed = d.value[c->quantity];
    if (gpucost_quantity_info_get(c->quantity)->style == GPUCOST_NUM_USD)
        r->computed /= d.usd_factor;
    int ok = holds(c, r->computed, &r->rel_error);
    if (c->expect_fail)
        r->status = ok ? GPUCOST_CLAIM_FAIL : GPUCOST_CLAIM_EXPECTED_FAIL;
    else
        r->status = ok ? GPUCOST_CLAIM_PASS : GPUCOST_CLAIM_FAIL;
    return GPUCOST_OK;
}

gpucost_status gpucost_claims_check(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    gpucost_claim_result *results, gpucost_error *err)
{
    for (size_t i = 0; i < s->nclaims; i++) {
        const gpucost_claim *c = &s->claims[i];
        gpucost_claim_result *r = &results[i];
        memset(r, 0, sizeof *r);
        r->scenario = s;
        r->claim = c;
        r->index = i;
        r->has_computed = 0;
        r->computed = 0.0;
        r->rel_error = 0.0;
        gpucost_status rc = c->is_export ? check_export(s, catalog, c, r, err)
                                         : check_quantity(s, catalog, c, r, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    return GPUCOST_OK;
}

size_t gpucost_claims_conflict_count(const gpucost_scenario *s, const gpucost_derivation *d)
{
    return d->nconflicts + s->nexpect_conflicts;
}

size_t gpucost_claims_conflicts(const gpucost_scenario *s, const gpucost_derivation *d,
                                gpucost_claim_result *results)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nconflicts; i++) {
        gpucost_claim_result *r = &results[n++];
        memset(r, 0, sizeof *r);
        r->scenario = s;
        r->index = i;
        r->is_conflict = r->has_conflict = 1;
        r->derivation = d;
        r->conflict = d->conflicts[i];
        r->has_computed = 1;
        r->computed = d->conflicts[i].derived;
        r->rel_error = (d->conflicts[i].derived - d->conflicts[i].given) /
                       fmax(fabs(d->conflicts[i].given), 1e-300);
        for (size_t k = 0; k < s->nexpect_conflicts; k++)
            if (s->expect_conflicts[k].quantity == d->conflicts[i].quantity)
                r->expected = &s->expect_conflicts[k];
        r->status = r->expected != NULL ? GPUCOST_CLAIM_EXPECTED_FAIL : GPUCOST_CLAIM_FAIL;
    }
    /* recorded conflicts that are gone: fail, so the record is removed */
    for (size_t k = 0; k < s->nexpect_conflicts; k++) {
        int present = 0;
        for (size_t i = 0; i < d->nconflicts; i++)
            present |= d->conflicts[i].quantity == s->expect_conflicts[k].quantity;
        if (present)
            continue;
        gpucost_claim_result *r = &results[n++];
        memset(r, 0, sizeof *r);
        r->scenario = s;
        r->index = k;
        r->is_conflict = 1;
        r->derivation = d;
        r->conflict.quantity = s->expect_conflicts[k].quantity;
        r->expected = &s->expect_conflicts[k];
        r->status = GPUCOST_CLAIM_FAIL;
    }
    return n;
}

size_t gpucost_claims_placeholder_count(const gpucost_scenario *s)
{
    return 1 + s->nsources;
}

/* A failing placeholder case of `s` about its source `index` (SIZE_MAX:
 * its title). */
static void placeholder_case(const gpucost_scenario *s, size_t index, unsigned fields,
                             gpucost_claim_result *r)
{
    memset(r, 0, sizeof *r);
    r->scenario = s;
    r->index = index;
    r->is_placeholder = 1;
    r->placeholder_fields = fields;
    r->status = GPUCOST_CLAIM_FAIL;
}

size_t gpucost_claims_placeholders(const gpucost_scenario *s, gpucost_claim_result *results)
{
    size_t n = 0;
    if (gpucost_source_placeholder(s->title))
        placeholder_case(s, SIZE_MAX, 1u, &results[n++]);
    for (size_t i = 0; i < s->nsources; i++) {
        const gpucost_source *src = &s->sources[i];
        unsigned fields = (gpucost_source_placeholder(src->title) ? 1u : 0u) |
                          (gpucost_source_placeholder(src->url) ? 2u : 0u) |
                          (gpucost_source_placeholder(src->quote) ? 4u : 0u);
        if (fields != 0)
            placeholder_case(s, i, fields, &results[n++]);
    }
    return n;
}

void gpucost_claims_tally(const gpucost_claim_result *results, size_t n, gpucost_claim_summary *sum)
{
    for (size_t i = 0; i < n; i++) {
        switch (results[i].status) {
        case GPUCOST_CLAIM_PASS: sum->pass++; break;
        case GPUCOST_CLAIM_FAIL: sum->fail++; break;
        case GPUCOST_CLAIM_UNVERIFIABLE: sum->unverifiable++; break;
        case GPUCOST_CLAIM_EXPECTED_FAIL: sum->expected_fail++; break;
        }
    }
}
