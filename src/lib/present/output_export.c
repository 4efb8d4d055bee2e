/*
 * output_export.c - export controls over time (output.h): `hardware --on
 * DATE` (each chip's status that day for a destination, its review
 * policy and what decided it), `hardware ID --history` (one chip's story:
 * a paragraph per change of status, review policy, deciding rule or
 * controlled part) and `hardware --rules` (the rules themselves).  One
 * document per command: tables and paragraphs for people, a table for
 * CSV, the same content as records for machines.
 */
#include <stdio.h>
#include <string.h>

#include "gpucost/rules.h"
#include "present/output_internal.h"
#include "base/text.h"

static gpucost_status need_rules(const gpucost_catalog *c, const gpucost_rules **r,
                                 gpucost_error *err)
{
    *r = gpucost_catalog_rules(c);
    if (*r != NULL && gpucost_rules_count(*r) > 0)
        return GPUCOST_OK;
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, NULL,
                         "no export-control rules loaded (models/rules/ beside the catalog)");
}

static gpucost_status find_one(const gpucost_catalog *c, const char *id, const gpucost_hardware **h,
                               gpucost_error *err)
{
    *h = gpucost_catalog_find(c, id);
    if (*h != NULL)
        return GPUCOST_OK;
    char ids[512];
    gpucost_catalog_ids(c, ids, sizeof ids);
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, NULL,
                         "unknown hardware '%s' (known: %s)", id, ids);
}

static gpucost_status check_format(gpucost_format f, gpucost_error *err)
{
    return gc_format_check("hardware", f, err);
}

/* "licence required, case-by-case" or the status alone. */
static void status_text(const gpucost_export_verdict *v, char *buf, size_t n)
{
    if (v->policy != GPUCOST_POLICY_NONE)
        gc_text_printf(buf, n, "%s, %s", gpucost_export_status_name(v->status),
                       gpucost_review_policy_name(v->policy));
    else
        gc_text_printf(buf, n, "%s", gpucost_export_status_name(v->status));
}

static void verdict_json(gc_view *doc, gc_dnode *o, const gpucost_export_verdict *v)
{
    char date[16];
    gc_data_str(doc, o, "status", gpucost_export_status_name(v->status));
    gc_data_str(doc, o, "policy",
                v->policy != GPUCOST_POLICY_NONE ? gpucost_review_policy_name(v->policy) : NULL);
    gc_data_str(doc, o, "policy_rule", v->policy_rule != NULL ? v->policy_rule->id : NULL);
    gc_data_bool(doc, o, "exempt", v->exempt);
    gc_data_str(doc, o, "rule", v->rule != NULL ? v->rule->id : NULL);
    gc_data_str(doc, o, "rule_effective",
                v->rule != NULL ? gpucost_date_format(v->rule->effective, date, sizeof date)
                                : NULL);
    gc_data_str(doc, o, "legal_status", v->rule != NULL ? v->rule->legal_status : NULL);
    gc_data_str(doc, o, "test", v->test != NULL ? v->test->label : NULL);
    gc_data_bool(doc, o, "named", v->named != NULL);
    gc_data_str(doc, o, "why", v->why);
}

/* The rules in force on `date` for `to`, for the line under the table. */
static void in_force_list(const gpucost_rules *r, int date, const gpucost_destination *to,
                          char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < gpucost_rules_count(r); i++)
        if (gpucost_rules_in_force(r, i, date) &&
            gpucost_rules_covers(r, gpucost_rules_at(r, i), to))
            gc_text_list(buf, n, gpucost_rules_at(r, i)->id);
}

/* What every export output starts with: the destination (China, in
 * `*china`, when `*to` is NULL), the format checked, the rules the
 * catalog carries and, when `id` is not NULL, its entry in `*h`. */
static gpucost_status export_start(const gpucost_catalog *c, const char *id, gpucost_format f,
                                   const gpucost_destination **to, gpucost_destination *china,
                                   const gpucost_rules **r, const gpucost_hardware **h,
                                   gpucost_error *err)
{
    if (*to == NULL) {
        gpucost_destination_china(china);
        *to = china;
    }
    gpucost_status rc = check_format(f, err);
    if (rc == GPUCOST_OK)
        rc = need_rules(c, r, err);
    if (rc == GPUCOST_OK && id != NULL)
        rc = find_one(c, id, h, err);
    return rc;
}

gpucost_status gpucost_output_export_on(const gpucost_catalog *c, const char *id, int date,
                                        const gpucost_destination *to, gpucost_format f,
                                        gpucost_buf *out, gpucost_error *err)
{
    const gpucost_rules *r;
    const gpucost_hardware *only = NULL;
    gpucost_destination china;
    gpucost_status rc = export_start(c, id, f, &to, &china, &r, &only, err);
    if (rc != GPUCOST_OK)
        return rc;
    char day[16];
    gpucost_date_format(date, day, sizeof day);
    gc_view v;
    gc_view_init_for(&v, f);
    /* for machines: {"on", "to", "to_name", "hardware": [each chip's id
     * and verdict]}, each chip's entry beside its row */
    gc_dnode *root = gc_data_root(&v, 0);
    gc_data_str(&v, root, "on", day);
    gc_data_str(&v, root, "to", to->id);
    gc_data_str(&v, root, "to_name", to->name);
    gc_dnode *arr = gc_data_arr(&v, root, "hardware");
    gc_view_line(&v, 0, "export status on %s (US rules, for %s):", day, to->name);
    gc_view_gap(&v);
    gc_vtable *t = gc_view_table(&v, 5, 0);
    const char *head[] = {"id", "status", "review policy", "rule", "why"};
    for (size_t k = 0; k < 5; k++)
        gc_view_head(t, k, head[k], NULL, 0, GC_FOR_ALL);
    for (size_t i = 0; i < gpucost_catalog_count(c); i++) {
        const gpucost_hardware *h = gpucost_catalog_at(c, i);
        if (only != NULL && h != only)
            continue;
        gpucost_export_verdict e;
        gpucost_rules_verdict(r, h, date, to, &e);
        gc_view_row(t);
        gc_view_cell(t, h->id);
        gc_view_cell(t, gpucost_export_status_name(e.status));
        gc_view_cell(t,
                     e.policy != GPUCOST_POLICY_NONE ? gpucost_review_policy_name(e.policy) : "-");
        gc_view_cell(t, e.rule != NULL ? e.rule->id : "-");
        gc_view_cell(t, e.why);
        gc_dnode *o = gc_data_obj(&v, arr, NULL);
        gc_data_str(&v, o, "id", h->id);
        verdict_json(&v, o, &e);
    }
    char list[512];
    in_force_list(r, date, to, list, sizeof list);
    gc_view_gap(&v);
    gc_view_line(&v, 0,
                 "in force for %s: %s. The most restrictive status any of them gives decides;",
                 to->name, list[0] ? list : "none");
    gc_view_line(&v, 0,
                 "a chip the catalog lacks a figure for is unknown, never \"not controlled\".");
    gc_view_line(&v, 0,
                 "Chips made outside the US (Huawei's Ascend) are shown against the thresholds "
                 "only: US licences do not govern their sale in China.");
    return gc_view_finish(&v, f, out, err);
}

/* One change in a chip's story: the verdict from `date` on, and the
 * parts of it that "component" rules in force control. */
typedef struct story_step {
    int date;
    gpucost_export_verdict v;
    char parts[512];
    char lifted[512]; /* the rescissions taking effect that day */
} story_step;

/* "ai-diffusion-rescission-2025-05 (...) took ai-diffusion-2025-01 out
 * of force." for each rescission effective on `date`. */
static void lifted_text(const gpucost_rules *r, int date, const gpucost_destination *to, char *buf,
                        size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        const gpucost_rule *rule = gpucost_rules_at(r, i);
        if (rule->effective != date || rule->kind != GPUCOST_RULE_RESCISSION ||
            !gpucost_rules_covers(r, rule, to))
            continue;
        char ids[256] = "", one[512];
        for (size_t k = 0; k < rule->nreplaces; k++)
            gc_text_list(ids, sizeof ids, rule->replaces[k]);
        gc_text_printf(one, sizeof one, "%s (%s; %s) took %s out of force.", rule->id, rule->name,
                       rule->legal_status, ids);
        gc_text_append(buf, n, buf[0] ? " " : "", one);
    }
}

/* What component rules in force on `date` say of `h`'s parts. */
static void parts_text(const gpucost_rules *r, const gpucost_hardware *h, int date,
                       const gpucost_destination *to, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        const gpucost_rule *rule = gpucost_rules_at(r, i);
        char why[256], one[400];
        if (!gpucost_rules_in_force(r, i, date) || !gpucost_rules_covers(r, rule, to) ||
            !gpucost_rules_component(rule, h, why, sizeof why))
            continue;
        gc_text_printf(one, sizeof one, "%s (%s): %s", rule->id, rule->name, why);
        gc_text_append(buf, n, buf[0] ? "; " : "", one);
    }
}

/* Whether the deciding rule changed in a way worth telling: a rule
 * that leaves the chip alone is not news while it stays free. */
static int rule_changed(const story_step *a, const story_step *b)
{
    return a->v.rule != b->v.rule && (a->v.status != GPUCOST_EXPORT_NOT_CONTROLLED ||
                                      b->v.status != GPUCOST_EXPORT_NOT_CONTROLLED);
}

static int step_differs(const story_step *a, const story_step *b)
{
    return a->v.status != b->v.status || a->v.policy != b->v.policy || rule_changed(a, b) ||
           a->v.exempt != b->v.exempt || a->v.policy_rule != b->v.policy_rule ||
           a->v.review_rule != b->v.review_rule || strcmp(a->parts, b->parts) != 0;
}

/* Appends to `buf` the deciding rule of step `s`, when it or the status
 * changed since `prev`. */
static void rule_sentence(const story_step *s, const story_step *prev, char *buf, size_t n)
{
    char one[768];
    const gpucost_rule *rule = s->v.rule;
    if (s->v.status == prev->v.status && !rule_changed(s, prev) && s->v.exempt == prev->v.exempt)
        return;
    if (rule != NULL)
        gc_text_printf(one, sizeof one, "%s %s (%s; %s): %s.",
                       s->v.exempt ? "Exempt (Note 2 to 3A090) from"
                       : s->v.status == GPUCOST_EXPORT_NOT_CONTROLLED ? "Not controlled by"
                                                                      : "Under",
                       rule->id, rule->name, rule->legal_status, s->v.why);
    else
        gc_text_printf(one, sizeof one, "No rule in force controls it.");
    gc_text_append(buf, n, " ", one);
}

/* Appends to `buf` the review policy of step `s` and whose it is, when
 * either changed since `prev`. */
static void policy_sentence(const story_step *s, const story_step *prev, char *buf, size_t n)
{
    char one[768];
    const gpucost_rule *pr = s->v.policy_rule, *rv = s->v.review_rule;
    if (s->v.policy == prev->v.policy && pr == prev->v.policy_rule)
        return;
    int own = pr != NULL && pr == rv && s->v.review_note[0];
    if (pr != NULL && pr != s->v.rule)
        gc_text_printf(one, sizeof one, "The review policy is %s's (%s; %s)%s%s.", pr->id, pr->name,
                       pr->legal_status, own ? ": " : "", own ? s->v.review_note : "");
    else if (pr != NULL)
        gc_text_printf(one, sizeof one, "The review policy is that rule's own.");
    else if (s->v.status == GPUCOST_EXPORT_LICENCE)
        gc_text_printf(one, sizeof one, "No rule in force states a review policy for it.");
    else
        one[0] = '\0';
    if (one[0] != '\0')
        gc_text_append(buf, n, " ", one);
}

/* The paragraph for step `s` after `prev`: the status, then only what
 * changed (the deciding rule, the policy's rule, a review measure, the
 * controlled parts). */
static void step_text(const story_step *s, const story_step *prev, char *buf, size_t n)
{
    char now[128], was[128], one[768];
    status_text(&s->v, now, sizeof now);
    status_text(&prev->v, was, sizeof was);
    if (strcmp(now, was) != 0)
        gc_text_printf(buf, n, "%s (until then %s).", now, was);
    else
        gc_text_printf(buf, n, "still %s.", now);
    rule_sentence(s, prev, buf, n);
    if (s->v.status < prev->v.status)
        gc_text_append(buf, n, " ", s->lifted);
    policy_sentence(s, prev, buf, n);
    const gpucost_rule *pr = s->v.policy_rule, *rv = s->v.review_rule;
    if (rv != NULL && rv != prev->v.review_rule && rv != pr) {
        gc_text_printf(one, sizeof one, "Also %s (%s; %s)%s%s.", rv->id, rv->name, rv->legal_status,
                       s->v.review_note[0] ? ": " : "", s->v.review_note);
        gc_text_append(buf, n, " ", one);
    }
    if (strcmp(s->parts, prev->parts) != 0) {
        if (s->parts[0] != '\0')
            gc_text_printf(one, sizeof one, "Parts it carries are now controlled: %s.", s->parts);
        else
            gc_text_printf(one, sizeof one, "Its parts are no longer controlled.");
        gc_text_append(buf, n, " ", one);
    }
}

/* The history's table (for CSV): its eight columns' heads. */
static gc_vtable *history_table(gc_view *v)
{
    gc_vtable *t = gc_view_table(v, 8, 0);
    gc_view_table_for(t, GC_FOR_CSV);
    const char *head[] = {"from", "status",      "review policy", "rule",
                          "why",  "policy rule", "review",        "parts"};
    for (size_t k = 0; k < 8; k++)
        gc_view_head(t, k, head[k], NULL, 0, GC_FOR_ALL);
    return t;
}

/* Step `s` (from `day`, after `prev`, told in `text`) as a record of the
 * data tree's array `arr`. */
static void step_record(gc_view *doc, gc_dnode *arr, const story_step *s, const story_step *prev,
                        const char *day, const char *text)
{
    gc_dnode *o = gc_data_obj(doc, arr, NULL);
    gc_data_str(doc, o, "from", day);
    verdict_json(doc, o, &s->v);
    gc_data_str(doc, o, "was", gpucost_export_status_name(prev->v.status));
    gc_data_str(doc, o, "review", s->v.review_rule != NULL ? s->v.review_rule->id : NULL);
    gc_data_str(doc, o, "review_note",
                s->v.review_rule != NULL && s->v.review_note[0] ? s->v.review_note : NULL);
    gc_data_str(doc, o, "parts", s->parts[0] ? s->parts : NULL);
    gc_data_str(doc, o, "text", text);
}

/* Step `s` (from `day`) as a row of the history's table. */
static void step_row(gc_vtable *t, const story_step *s, const char *day)
{
    gc_view_row(t);
    gc_view_cell(t, day);
    gc_view_cell(t, gpucost_export_status_name(s->v.status));
    gc_view_cell(t, s->v.policy != GPUCOST_POLICY_NONE ? gpucost_review_policy_name(s->v.policy)
                                                       : "-");
    gc_view_cell(t, s->v.rule != NULL ? s->v.rule->id : "-");
    gc_view_cell(t, s->v.why);
    gc_view_cell(t, s->v.policy_rule != NULL ? s->v.policy_rule->id : "-");
    if (s->v.review_rule != NULL)
        gc_view_cellf(t, "%s%s%s", s->v.review_rule->id, s->v.review_note[0] ? ": " : "",
                      s->v.review_note);
    else
        gc_view_cell(t, "-");
    gc_view_cell(t, s->parts[0] ? s->parts : "-");
}

/* The step of `h`'s story at `date`: its verdict for `to`, its controlled
 * parts, and the rules lifted that day. */
static void step_at(const gpucost_rules *r, const gpucost_hardware *h, int date,
                    const gpucost_destination *to, story_step *s)
{
    memset(s, 0, sizeof *s);
    s->date = date;
    gpucost_rules_verdict(r, h, date, to, &s->v);
    parts_text(r, h, date, to, s->parts, sizeof s->parts);
    lifted_text(r, date, to, s->lifted, sizeof s->lifted);
}

gpucost_status gpucost_output_export_history(const gpucost_catalog *c, const char *id,
                                             const gpucost_destination *to, gpucost_format f,
                                             gpucost_buf *out, gpucost_error *err)
{
    const gpucost_rules *r;
    const gpucost_hardware *h = NULL;
    gpucost_destination china;
    gpucost_status rc = export_start(c, id, f, &to, &china, &r, &h, err);
    if (rc != GPUCOST_OK)
        return rc;
    /* people read a paragraph per change, CSV a row, machines a record */
    gc_view v, *doc = &v;
    gc_view_init_for(&v, f);
    gc_dnode *root = gc_data_root(doc, 0);
    gc_data_str(doc, root, "id", h->id);
    gc_data_str(doc, root, "to", to->id);
    gc_data_str(doc, root, "to_name", to->name);
    gc_dnode *arr = gc_data_arr(doc, root, "history");
    gc_view_line(&v, 0, "%s (%s): its US export status for %s, one paragraph per change", h->id,
                 h->name, to->name);
    gc_view_gap(&v);
    gc_vtable *t = history_table(&v);
    /* before any rule: not controlled */
    story_step prev;
    memset(&prev, 0, sizeof prev);
    prev.v.status = GPUCOST_EXPORT_NOT_CONTROLLED;
    size_t changes = 0;
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        int date = gpucost_rules_at(r, i)->effective;
        if (i > 0 && date == gpucost_rules_at(r, i - 1)->effective)
            continue;
        story_step s;
        step_at(r, h, date, to, &s);
        if (!step_differs(&s, &prev))
            continue;
        changes++;
        char day[16], text[2048];
        gpucost_date_format(date, day, sizeof day);
        step_text(&s, &prev, text, sizeof text);
        step_record(doc, arr, &s, &prev, day, text);
        step_row(t, &s, day);
        gc_view_item(&v, 0, NULL, day, text);
        gc_view_gap(&v);
        prev = s;
    }
    if (changes == 0) {
        gc_view_line(&v, 0, "No rule has controlled it for %s.", to->name);
        gc_view_gap(&v);
    }
    gc_view_line(&v, 0,
                 "Statuses are the rules' as data (models/rules/), each with its source; "
                 "'gpucost hardware --rules' lists them.");
    return gc_view_finish(&v, f, out, err);
}

/* A test written for people: "3A090.a.2 (licence required,
 * datacenter parts only): tpp >= 1600 and performance_density >= 5.92". */
static void test_text(const gpucost_rule *rule, const gpucost_rule_test *t, char *buf, size_t n)
{
    char what[128] = "";
    if (rule->kind == GPUCOST_RULE_CONTROL)
        gc_text_list(what, sizeof what, gpucost_export_status_name(t->status));
    if (t->policy != GPUCOST_POLICY_NONE)
        gc_text_list(what, sizeof what, gpucost_review_policy_name(t->policy));
    if (t->datacenter_only)
        gc_text_list(what, sizeof what, "datacenter parts only");
    gc_text_printf(buf, n, "%s%s%s%s: ", t->label, what[0] ? " (" : "", what, what[0] ? ")" : "");
    for (size_t k = 0; k < t->nbounds; k++) {
        const gpucost_rule_bound *b = &t->bounds[k];
        char one[96];
        if (b->has_min && b->has_max)
            gc_text_printf(one, sizeof one, "%g <= %s < %g", b->min,
                           gpucost_rule_field_name(b->field), b->max);
        else if (b->has_min)
            gc_text_printf(one, sizeof one, "%s >= %g", gpucost_rule_field_name(b->field), b->min);
        else
            gc_text_printf(one, sizeof one, "%s < %g", gpucost_rule_field_name(b->field), b->max);
        gc_text_append(buf, n, k ? " and " : "", one);
    }
}

/* Everything a rule tests or names, in one cell. */
static void rule_text(const gpucost_rule *rule, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t k = 0; k < rule->ntests; k++) {
        char one[256];
        test_text(rule, &rule->tests[k], one, sizeof one);
        gc_text_append(buf, n, buf[0] ? "; " : "", one);
    }
    for (size_t k = 0; k < rule->nnamed; k++) {
        char one[160];
        const gpucost_rule_named *nm = &rule->named[k];
        if (rule->kind == GPUCOST_RULE_CONTROL)
            gc_text_printf(one, sizeof one, "%s named (%s%s%s)", nm->hardware,
                           gpucost_export_status_name(nm->status),
                           nm->policy != GPUCOST_POLICY_NONE ? ", " : "",
                           gpucost_review_policy_name(nm->policy));
        else
            gc_text_printf(one, sizeof one, "%s named", nm->hardware);
        gc_text_append(buf, n, buf[0] ? "; " : "", one);
    }
    for (size_t k = 0; k < rule->nreplaces; k++) {
        char one[160];
        gc_text_printf(one, sizeof one, "replaces %s", rule->replaces[k]);
        gc_text_append(buf, n, buf[0] ? "; " : "", one);
    }
}

/* "D:1, D:4, D:5, MO less A:5, A:6" */
static void scope_text(const gpucost_rule *rule, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t k = 0; k < rule->to.n; k++)
        gc_text_list(buf, n, rule->to.items[k]);
    for (size_t k = 0; k < rule->except.n; k++)
        gc_text_append(buf, n, k ? ", " : " less ", rule->except.items[k]);
}

/* "presumption of denial for CN, MO" and the rule's own policy. */
static void policy_text(const gpucost_rule *rule, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t k = 0; k < rule->npolicies; k++) {
        char one[256], to[160] = "";
        for (size_t i = 0; i < rule->policies[k].to.n; i++)
            gc_text_list(to, sizeof to, rule->policies[k].to.items[i]);
        gc_text_printf(one, sizeof one, "%s for %s",
                       gpucost_review_policy_name(rule->policies[k].policy), to);
        gc_text_append(buf, n, buf[0] ? "; " : "", one);
    }
    if (rule->policy != GPUCOST_POLICY_NONE)
        gc_text_append(buf, n, buf[0] ? "; otherwise " : "",
                       gpucost_review_policy_name(rule->policy));
}

gpucost_status gpucost_output_rules(const gpucost_catalog *c, gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err)
{
    const gpucost_rules *r;
    gpucost_status rc = check_format(f, err);
    if (rc == GPUCOST_OK)
        rc = need_rules(c, &r, err);
    if (rc != GPUCOST_OK)
        return rc;
    gc_view v, *doc = &v;
    gc_view_init_for(&v, f);
    gc_dnode *root = gc_data_root(doc, 1);
    gc_vtable *t = gc_view_table(&v, 7, 0);
    const char *head[] = {
        "effective", "rule", "kind", "for", "review policy", "what it is", "tests and named chips"};
    for (size_t k = 0; k < 7; k++)
        gc_view_head(t, k, head[k], NULL, 0, GC_FOR_ALL);
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        const gpucost_rule *rule = gpucost_rules_at(r, i);
        char day[16], text[2048], scope[512], policy[512];
        rule_text(rule, text, sizeof text);
        scope_text(rule, scope, sizeof scope);
        policy_text(rule, policy, sizeof policy);
        gpucost_date_format(rule->effective, day, sizeof day);
        {
            gc_dnode *o = gc_data_obj(doc, root, NULL);
            gc_data_str(doc, o, "id", rule->id);
            gc_data_str(doc, o, "name", rule->name);
            gc_data_str(doc, o, "effective", day);
            gc_data_str(doc, o, "legal_status", rule->legal_status);
            gc_data_str(doc, o, "kind", gpucost_rule_kind_name(rule->kind));
            gc_data_str(doc, o, "for", scope);
            gc_data_str(doc, o, "policy", policy[0] ? policy : NULL);
            gc_data_str(doc, o, "tests", text);
            gc_data_str(doc, o, "file", rule->file);
        }
        gc_view_row(t);
        gc_view_cell(t, day);
        gc_view_cell(t, rule->id);
        gc_view_cell(t, gpucost_rule_kind_name(rule->kind));
        gc_view_cell(t, scope);
        gc_view_cell(t, policy[0] ? policy : "-");
        gc_view_cell(t, rule->legal_status);
        gc_view_cell(t, text);
    }
    return gc_view_finish(&v, f, out, err);
}
