/*
 * rules_eval.c - a chip's export status on a date (rules.h): which rules
 * are in force, how a chip stands against a test's bounds, the verdict
 * of the control rules and the review policy of the review rules, the
 * parts "component" rules control, and that every chip the rules name is
 * in the catalog.  The one file of the rules that reads the catalog.
 * Siblings: rules.c, rules_file.c, rules_dest.c (rules_internal.h).
 */
#include "base/c_locale.h"
#include "gpucost/rules.h"

#include "gpucost/number.h"
#include "gpucost/suggest.h"

#include <string.h>

#include "read/rules_internal.h"
#include "base/text.h"

/* The chip's figure for `f`; 0 when the catalog lacks it. */
static double figure(const gpucost_hardware *h, gpucost_rule_field f)
{
    switch (f) {
    case GPUCOST_FIELD_TPP: return h->tpp;
    case GPUCOST_FIELD_DENSITY: return h->die_area_mm2 > 0.0 ? h->performance_density : 0.0;
    case GPUCOST_FIELD_INTERCONNECT: return h->interconnect_gbs;
    case GPUCOST_FIELD_MEMORY_BW: return h->memory_bw_tbs;
    case GPUCOST_FIELD_COUNT: break;
    }
    return 0.0;
}

/* "TPP 15,832", "density 19.45", "interconnect 400 GB/s", "memory 4.0 TB/s" */
static void figure_text(gpucost_rule_field f, double v, char *buf, size_t n)
{
    char num[48];
    if (f == GPUCOST_FIELD_TPP) {
        gpucost_number_format(v, GPUCOST_NUM_COUNT, num, sizeof num);
        gc_text_printf(buf, n, "TPP %s", num);
    } else if (f == GPUCOST_FIELD_DENSITY) {
        gc_snprintf(buf, n, "density %.2f", v);
    } else if (f == GPUCOST_FIELD_INTERCONNECT) {
        gc_snprintf(buf, n, "interconnect %g GB/s", v);
    } else {
        gc_snprintf(buf, n, "memory bandwidth %g TB/s", v);
    }
}

/* A threshold as the rule writes it: "4,800", "5.92", "600". */
static void limit_text(gpucost_rule_field f, double v, char *buf, size_t n)
{
    if (f == GPUCOST_FIELD_TPP)
        gpucost_number_format(v, GPUCOST_NUM_COUNT, buf, n);
    else
        gc_snprintf(buf, n, "%g", v);
}

/* Whether the chip's figure for `f` is only a floor: TPP and density
 * of a part whose tensor peaks the catalog lacks. */
static int figure_is_floor(const gpucost_hardware *h, gpucost_rule_field f)
{
    return h->tpp_floor && (f == GPUCOST_FIELD_TPP || f == GPUCOST_FIELD_DENSITY);
}

/* How `x` stands against bound `b`: 1 inside, 0 outside (`*why` says
 * which side), -1 when the figure is unknown, or is a floor
 * (`at_least`) that a bound above it leaves undecided: the part's true
 * figure is x or more, so only a minimum it already meets or a maximum it
 * already reaches settles the bound. */
static int bound_holds(const gpucost_rule_bound *b, double x, int at_least, char *why, size_t n)
{
    char fig[80], lo[48] = "", hi[48] = "";
    if (!(x > 0.0)) {
        gc_text_printf(why, n, "no %s in the catalog", gpucost_rule_field_name(b->field));
        return -1;
    }
    figure_text(b->field, x, fig, sizeof fig);
    if (b->has_min)
        limit_text(b->field, b->min, lo, sizeof lo);
    if (b->has_max)
        limit_text(b->field, b->max, hi, sizeof hi);
    if (at_least && ((b->has_min && x < b->min) || (b->has_max && x < b->max))) {
        gc_text_printf(why, n, "%s+ (no tensor peak) against %s%s%s", fig, b->has_min ? lo : "",
                       b->has_min && b->has_max ? "-" : "", b->has_max ? hi : "");
        return -1;
    }
    if (b->has_min && x < b->min) {
        gc_text_printf(why, n, "%s < %s", fig, lo);
        return 0;
    }
    if (b->has_max && x >= b->max) {
        gc_text_printf(why, n, "%s >= %s", fig, hi);
        return 0;
    }
    if (b->has_min && b->has_max)
        gc_text_printf(why, n, "%s <= %s < %s", lo, fig, hi);
    else if (b->has_min)
        gc_text_printf(why, n, "%s >= %s", fig, lo);
    else
        gc_text_printf(why, n, "%s < %s", fig, hi);
    return 1;
}

/* Whether `h` meets test `t`: 1 (`why` lists the bounds met), 0 (`why`
 * names the first bound missed, or the consumer exemption, and
 * `*exempt` is set), -1 undecided. */
static int test_holds(const gpucost_rule_test *t, const gpucost_hardware *h, char *why, size_t n,
                      int *exempt)
{
    why[0] = '\0';
    int undecided = 0;
    for (size_t k = 0; k < t->nbounds; k++) {
        char one[160];
        gpucost_rule_field f = t->bounds[k].field;
        int r = bound_holds(&t->bounds[k], figure(h, f), figure_is_floor(h, f), one, sizeof one);
        if (r == 0) {
            gc_text_printf(why, n, "%s: %s", t->label, one);
            return 0;
        }
        if (r < 0) {
            if (!undecided)
                gc_text_printf(why, n, "%s: %s", t->label, one);
            undecided = 1;
            continue;
        }
        if (!undecided)
            gc_text_append(why, n, why[0] ? ", " : "", one);
    }
    if (undecided)
        return -1;
    if (t->datacenter_only && h->datacenter == 0) {
        gc_text_printf(why, n, "%s: exempt, not designed or marketed for datacenters", t->label);
        *exempt = 1;
        return 0;
    }
    if (t->datacenter_only && h->datacenter < 0) {
        gc_text_printf(why, n,
                       "%s: met, but the catalog does not say whether it is a datacenter part",
                       t->label);
        return -1;
    }
    char full[256];
    gc_text_printf(full, sizeof full, "%s: %s", t->label, why);
    gc_text_printf(why, n, "%s", full);
    return 1;
}

/* The entry of `r` that applies to `h`: a named chip, or the first test
 * met.  Returns 1 and sets `*named` or `*test` (and `why`); 0 when none
 * applies (`why` lists the tests missed, `*undecided` when one could not
 * be decided, `*exempt` when the consumer exemption passed one by). */
static int rule_match(const gpucost_rule *r, const gpucost_hardware *h,
                      const gpucost_rule_named **named, const gpucost_rule_test **test, char *why,
                      size_t n, int *undecided, int *exempt)
{
    *named = NULL;
    *test = NULL;
    *undecided = *exempt = 0;
    for (size_t i = 0; i < r->nnamed; i++)
        if (strcmp(r->named[i].hardware, h->id) == 0) {
            *named = &r->named[i];
            gc_text_printf(why, n, "named%s%s", r->named[i].note[0] ? ": " : "", r->named[i].note);
            return 1;
        }
    char missed[256] = "";
    for (size_t i = 0; i < r->ntests; i++) {
        char one[256];
        int m = test_holds(&r->tests[i], h, one, sizeof one, exempt);
        if (m > 0) {
            *test = &r->tests[i];
            gc_text_printf(why, n, "%s", one);
            return 1;
        }
        *undecided |= m < 0;
        gc_text_append(missed, sizeof missed, missed[0] ? "; " : "", one);
    }
    gc_text_printf(why, n, "%s", r->ntests ? missed : "not named");
    return 0;
}

/* The review policy `rule` states for `d` for the entry that matched. */
static gpucost_review_policy policy_for(const gpucost_rules *set, const gpucost_rule *rule,
                                        const gpucost_rule_named *named,
                                        const gpucost_rule_test *test, const gpucost_destination *d)
{
    if (named != NULL && named->policy != GPUCOST_POLICY_NONE)
        return named->policy;
    if (test != NULL && test->policy != GPUCOST_POLICY_NONE)
        return test->policy;
    for (size_t k = 0; k < rule->npolicies; k++)
        if (gc_rules_scope_covers(set, &rule->policies[k].to, NULL, d))
            return rule->policies[k].policy;
    return rule->policy;
}

/* The status one control rule gives `h` for `d`. */
static void rule_verdict(const gpucost_rules *set, const gpucost_rule *r, const gpucost_hardware *h,
                         const gpucost_destination *d, gpucost_export_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->rule = r;
    int undecided, exempt;
    if (rule_match(r, h, &v->named, &v->test, v->why, sizeof v->why, &undecided, &exempt))
        v->status = v->named != NULL ? v->named->status : v->test->status;
    else
        v->status = undecided ? GPUCOST_EXPORT_UNKNOWN : GPUCOST_EXPORT_NOT_CONTROLLED;
    v->exempt = exempt;
    if (v->status == GPUCOST_EXPORT_LICENCE) {
        v->policy = policy_for(set, r, v->named, v->test, d);
        v->policy_rule = v->policy != GPUCOST_POLICY_NONE ? r : NULL;
    }
}

int gpucost_rules_component(const gpucost_rule *rule, const gpucost_hardware *h, char *why,
                            size_t n)
{
    const gpucost_rule_named *named;
    const gpucost_rule_test *test;
    int undecided, exempt;
    char buf[256];
    if (rule->kind != GPUCOST_RULE_COMPONENT ||
        !rule_match(rule, h, &named, &test, buf, sizeof buf, &undecided, &exempt))
        return 0;
    gc_text_printf(why, n, "%s", named != NULL && named->note[0] ? named->note : buf);
    return 1;
}

int gpucost_rules_in_force(const gpucost_rules *set, size_t i, int date)
{
    const gpucost_rule *r = &set->items[i];
    if (r->effective > date)
        return 0;
    for (size_t j = 0; j < set->n; j++) {
        const gpucost_rule *o = &set->items[j];
        if (j == i || o->effective > date)
            continue;
        for (size_t k = 0; k < o->nreplaces; k++)
            if (strcmp(o->replaces[k], r->id) == 0)
                return 0;
    }
    return 1;
}

gpucost_status gpucost_rules_check_catalog(const gpucost_rules *set, const gpucost_catalog *c,
                                           gpucost_error *err)
{
    for (size_t i = 0; set != NULL && c != NULL && i < set->n; i++)
        for (size_t k = 0; k < set->items[i].nnamed; k++) {
            const char *id = set->items[i].named[k].hardware;
            if (gpucost_catalog_find(c, id) != NULL)
                continue;
            char where[64], ids[512];
            const char *names[64];
            size_t n = gpucost_catalog_count(c) < 64 ? gpucost_catalog_count(c) : 64;
            for (size_t h = 0; h < n; h++)
                names[h] = gpucost_catalog_at(c, h)->id;
            const char *hint = gpucost_suggest(id, names, n);
            gpucost_catalog_ids(c, ids, sizeof ids);
            gc_text_printf(where, sizeof where, "named[%zu].hardware", k);
            if (hint != NULL)
                return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, set->items[i].file, 0, 0, where,
                                     "unknown hardware '%s' (did you mean '%s'? known: %s)", id,
                                     hint, ids);
            return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, set->items[i].file, 0, 0, where,
                                 "unknown hardware '%s' (known: %s)", id, ids);
        }
    return GPUCOST_OK;
}

/* A later review rule in force that matches sets the review policy of a
 * chip under licence (`out`, the control rules' verdict). */
static void apply_review_rules(const gpucost_rules *r, const gpucost_hardware *h, int date,
                               const gpucost_destination *to, gpucost_export_verdict *out)
{
    for (size_t i = 0; i < r->n; i++) {
        const gpucost_rule *rule = &r->items[i];
        const gpucost_rule_named *named;
        const gpucost_rule_test *test;
        int undecided, ex;
        char why[256];
        if (rule->kind != GPUCOST_RULE_REVIEW || !gpucost_rules_in_force(r, i, date) ||
            !gpucost_rules_covers(r, rule, to) ||
            !rule_match(rule, h, &named, &test, why, sizeof why, &undecided, &ex))
            continue;
        gpucost_review_policy p = policy_for(r, rule, named, test, to);
        out->review_rule = rule;
        out->review_note = named != NULL ? named->note : "";
        if (p != GPUCOST_POLICY_NONE) {
            out->policy = p;
            out->policy_rule = rule;
        }
    }
}

void gpucost_rules_verdict(const gpucost_rules *r, const gpucost_hardware *h, int date,
                           const gpucost_destination *to, gpucost_export_verdict *out)
{
    gpucost_destination china;
    if (to == NULL) {
        gpucost_destination_china(&china);
        to = &china;
    }
    memset(out, 0, sizeof *out);
    out->status = GPUCOST_EXPORT_NOT_CONTROLLED;
    gc_snprintf(out->why, sizeof out->why, "no rule in force");
    int any = 0;
    gpucost_export_verdict exempt = {0};
    gpucost_review_policy policy = GPUCOST_POLICY_NONE;
    const gpucost_rule *policy_rule = NULL;
    for (size_t i = 0; r != NULL && i < r->n; i++) {
        const gpucost_rule *rule = &r->items[i];
        if (rule->kind != GPUCOST_RULE_CONTROL || !gpucost_rules_in_force(r, i, date) ||
            !gpucost_rules_covers(r, rule, to))
            continue;
        gpucost_export_verdict v;
        rule_verdict(r, rule, h, to, &v);
        if (v.exempt && exempt.rule == NULL)
            exempt = v;
        /* the most restrictive; among equals the first rule that put the
         * chip there, unless a later one names it (a chip-specific
         * measure names itself); a rule that leaves the chip alone speaks
         * only when no other does */
        if (!any || v.status > out->status ||
            (v.status == out->status && v.status != GPUCOST_EXPORT_NOT_CONTROLLED &&
             v.named != NULL))
            *out = v;
        any = 1;
        /* under two licence requirements the stricter policy governs */
        if (v.status == GPUCOST_EXPORT_LICENCE && v.policy > policy) {
            policy = v.policy;
            policy_rule = rule;
        }
    }
    /* free only by the consumer exemption: the rule that exempts it says so */
    if (out->status == GPUCOST_EXPORT_NOT_CONTROLLED && exempt.rule != NULL)
        *out = exempt;
    if (out->status != GPUCOST_EXPORT_LICENCE)
        return;
    out->policy = policy;
    out->policy_rule = policy_rule;
    apply_review_rules(r, h, date, to, out);
}
