/*
 * output_export.c - export controls over time (output.h): `hardware --on
 * DATE` (each chip's status that day and what decided it), `hardware ID
 * --history` (one chip at every rule's date) and `hardware --rules` (the
 * rules themselves).  One view per command for text, Markdown and CSV;
 * JSON with the same content.
 */
#include <stdio.h>
#include <string.h>

#include "gpucost/rules.h"
#include "output_internal.h"
#include "text.h"

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
    if (f == GPUCOST_FMT_TABLE || f == GPUCOST_FMT_MD || f == GPUCOST_FMT_CSV ||
        f == GPUCOST_FMT_JSON)
        return GPUCOST_OK;
    return gc_output_unsupported(f, "hardware", err);
}

static void verdict_json(gc_jw *j, cJSON *o, const gpucost_export_verdict *v)
{
    char date[16];
    gc_jw_str(j, o, "status", gpucost_export_status_name(v->status));
    gc_jw_str(j, o, "rule", v->rule != NULL ? v->rule->id : NULL);
    gc_jw_str(j, o, "rule_effective",
              v->rule != NULL ? gpucost_date_format(v->rule->effective, date, sizeof date) : NULL);
    gc_jw_str(j, o, "legal_status", v->rule != NULL ? v->rule->legal_status : NULL);
    gc_jw_str(j, o, "test", v->test != NULL ? v->test->label : NULL);
    gc_jw_bool(j, o, "named", v->named != NULL);
    gc_jw_str(j, o, "why", v->why);
}

/* The rules in force on `date`, for the line under the table. */
static void in_force_list(const gpucost_rules *r, int date, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < gpucost_rules_count(r); i++)
        if (gpucost_rules_in_force(r, i, date))
            gc_text_list(buf, n, gpucost_rules_at(r, i)->id);
}

gpucost_status gpucost_output_export_on(const gpucost_catalog *c, const char *id, int date,
                                        gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    const gpucost_rules *r;
    const gpucost_hardware *only = NULL;
    gpucost_status rc = check_format(f, err);
    if (rc == GPUCOST_OK)
        rc = need_rules(c, &r, err);
    if (rc == GPUCOST_OK && id != NULL)
        rc = find_one(c, id, &only, err);
    if (rc != GPUCOST_OK)
        return rc;
    char day[16];
    gpucost_date_format(date, day, sizeof day);
    if (f == GPUCOST_FMT_JSON) {
        gc_jw j;
        cJSON *root = gc_jw_start(&j, 0);
        gc_jw_str(&j, root, "on", day);
        cJSON *arr = gc_jw_arr(&j, root, "hardware");
        for (size_t i = 0; i < gpucost_catalog_count(c); i++) {
            const gpucost_hardware *h = gpucost_catalog_at(c, i);
            if (only != NULL && h != only)
                continue;
            gpucost_export_verdict v;
            gpucost_rules_verdict(r, h, date, &v);
            cJSON *o = gc_jw_obj(&j, arr, NULL);
            gc_jw_str(&j, o, "id", h->id);
            verdict_json(&j, o, &v);
        }
        return gc_jw_finish(&j, out, err);
    }
    gc_view v;
    gc_view_init(&v);
    gc_view_line(&v, 0, "export status on %s (US rules, for China):", day);
    gc_view_gap(&v);
    gc_vtable *t = gc_view_table(&v, 4, 0);
    const char *head[] = {"id", "status", "rule", "why"};
    for (size_t k = 0; k < 4; k++)
        gc_view_head(t, k, head[k], NULL, 0, GC_FOR_ALL);
    for (size_t i = 0; i < gpucost_catalog_count(c); i++) {
        const gpucost_hardware *h = gpucost_catalog_at(c, i);
        if (only != NULL && h != only)
            continue;
        gpucost_export_verdict e;
        gpucost_rules_verdict(r, h, date, &e);
        gc_view_row(t);
        gc_view_cell(t, h->id);
        gc_view_cell(t, gpucost_export_status_name(e.status));
        gc_view_cell(t, e.rule != NULL ? e.rule->id : "-");
        gc_view_cell(t, e.why);
    }
    char list[512];
    in_force_list(r, date, list, sizeof list);
    gc_view_gap(&v);
    gc_view_line(&v, 0, "in force: %s. The most restrictive status any of them gives decides;",
                 list[0] ? list : "none");
    gc_view_line(&v, 0,
                 "a chip the catalog lacks a figure for is unknown, never \"not controlled\".");
    gc_view_line(&v, 0,
                 "Chips made outside the US (Huawei's Ascend) are shown against the thresholds "
                 "only: US licences do not govern their sale in China.");
    return gc_view_finish(&v, f, out, err);
}

gpucost_status gpucost_output_export_history(const gpucost_catalog *c, const char *id,
                                             gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    const gpucost_rules *r;
    const gpucost_hardware *h = NULL;
    gpucost_status rc = check_format(f, err);
    if (rc == GPUCOST_OK)
        rc = need_rules(c, &r, err);
    if (rc == GPUCOST_OK)
        rc = find_one(c, id, &h, err);
    if (rc != GPUCOST_OK)
        return rc;
    gc_jw j;
    cJSON *arr = NULL;
    gc_view v;
    gc_vtable *t = NULL;
    if (f == GPUCOST_FMT_JSON) {
        cJSON *root = gc_jw_start(&j, 0);
        gc_jw_str(&j, root, "id", h->id);
        arr = gc_jw_arr(&j, root, "history");
    } else {
        gc_view_init(&v);
        gc_view_line(&v, 0, "%s (%s): export status at each rule's date", h->id, h->name);
        gc_view_gap(&v);
        t = gc_view_table(&v, 4, 0);
        const char *head[] = {"from", "status", "rule", "why"};
        for (size_t k = 0; k < 4; k++)
            gc_view_head(t, k, head[k], NULL, 0, GC_FOR_ALL);
    }
    int last = -1;
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        int date = gpucost_rules_at(r, i)->effective;
        if (date == last)
            continue;
        last = date;
        gpucost_export_verdict e;
        gpucost_rules_verdict(r, h, date, &e);
        char day[16];
        gpucost_date_format(date, day, sizeof day);
        if (arr != NULL) {
            cJSON *o = gc_jw_obj(&j, arr, NULL);
            gc_jw_str(&j, o, "from", day);
            verdict_json(&j, o, &e);
            continue;
        }
        gc_view_row(t);
        gc_view_cell(t, day);
        gc_view_cell(t, gpucost_export_status_name(e.status));
        gc_view_cell(t, e.rule != NULL ? e.rule->id : "-");
        gc_view_cell(t, e.why);
    }
    if (arr != NULL)
        return gc_jw_finish(&j, out, err);
    return gc_view_finish(&v, f, out, err);
}

/* A test written for people: "tpp >= 4800, performance_density >= 5.92". */
static void test_text(const gpucost_rule_test *t, char *buf, size_t n)
{
    gc_text_printf(buf, n, "%s (%s): ", t->label, gpucost_export_status_name(t->status));
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
        test_text(&rule->tests[k], one, sizeof one);
        gc_text_append(buf, n, buf[0] ? "; " : "", one);
    }
    for (size_t k = 0; k < rule->nnamed; k++) {
        char one[160];
        gc_text_printf(one, sizeof one, "%s named (%s)", rule->named[k].hardware,
                       gpucost_export_status_name(rule->named[k].status));
        gc_text_append(buf, n, buf[0] ? "; " : "", one);
    }
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
    if (f == GPUCOST_FMT_JSON) {
        gc_jw j;
        cJSON *root = gc_jw_start(&j, 1);
        for (size_t i = 0; i < gpucost_rules_count(r); i++) {
            const gpucost_rule *rule = gpucost_rules_at(r, i);
            char day[16], text[1024];
            rule_text(rule, text, sizeof text);
            cJSON *o = gc_jw_obj(&j, root, NULL);
            gc_jw_str(&j, o, "id", rule->id);
            gc_jw_str(&j, o, "name", rule->name);
            gc_jw_str(&j, o, "effective", gpucost_date_format(rule->effective, day, sizeof day));
            gc_jw_str(&j, o, "legal_status", rule->legal_status);
            gc_jw_str(&j, o, "tests", text);
            gc_jw_str(&j, o, "file", rule->file);
        }
        return gc_jw_finish(&j, out, err);
    }
    gc_view v;
    gc_view_init(&v);
    gc_vtable *t = gc_view_table(&v, 4, 0);
    const char *head[] = {"effective", "rule", "what it is", "tests and named chips"};
    for (size_t k = 0; k < 4; k++)
        gc_view_head(t, k, head[k], NULL, 0, GC_FOR_ALL);
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        const gpucost_rule *rule = gpucost_rules_at(r, i);
        char day[16], text[1024];
        rule_text(rule, text, sizeof text);
        gc_view_row(t);
        gc_view_cell(t, gpucost_date_format(rule->effective, day, sizeof day));
        gc_view_cell(t, rule->id);
        gc_view_cell(t, rule->legal_status);
        gc_view_cell(t, text);
    }
    return gc_view_finish(&v, f, out, err);
}
