/*
 * output_check.c - `check`: each case (a claim, or a conflict between a
 * scenario's own numbers) with its status, and the summary (output.h).
 *
 * One wording per case (gpucost_output_case) serves every part of the
 * one document: the table for people and CSV, the data for JSON, the
 * cases JUnit XML and TAP are rendered from (render_junit.c,
 * render_tap.c), and the report's claims table.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/c_locale.h"
#include "gpucost/number.h"
#include "present/output_internal.h"
#include "base/text.h"

void gpucost_output_claimed(const gpucost_claim *c, char *buf, size_t n)
{
    char a[64], b[64];
    if (c->has_value) {
        gpucost_quantity_format(c->quantity, c->value, a, sizeof a);
        if (c->factor >= 1.0)
            gc_text_printf(buf, n, "%s (within %gx)", a, c->factor);
        else
            gc_text_printf(buf, n, "%s", a);
    } else if (c->has_min && c->has_max) {
        gpucost_quantity_format(c->quantity, c->min, a, sizeof a);
        gpucost_quantity_format(c->quantity, c->max, b, sizeof b);
        gc_text_printf(buf, n, "%s..%s", a, b);
    } else if (c->has_min) {
        gpucost_quantity_format(c->quantity, c->min, a, sizeof a);
        gc_text_printf(buf, n, ">= %s", a);
    } else {
        gpucost_quantity_format(c->quantity, c->max, a, sizeof a);
        gc_text_printf(buf, n, "<= %s", a);
    }
}

static const char *case_name(const gpucost_claim_result *r)
{
    if (r->is_placeholder)
        return "placeholder";
    if (!r->is_conflict && r->claim->is_export)
        return "export_status";
    return gpucost_quantity_info_get(r->is_conflict ? r->conflict.quantity : r->claim->quantity)
        ->name;
}

/* A claim's source and note: a stale "expect": "fail", the file's note,
 * or why it is unverifiable (`unverifiable`); "" otherwise. */
static void claim_note(const gpucost_claim_result *r, gpucost_case_text *t,
                       const char *unverifiable)
{
    const gpucost_claim *c = r->claim;
    t->source = c->source;
    if (r->status == GPUCOST_CLAIM_FAIL && c->expect_fail)
        t->note = "marked \"expect\": \"fail\" but now holds; remove the mark";
    else if (c->note[0])
        t->note = c->note;
    else if (r->status == GPUCOST_CLAIM_UNVERIFIABLE)
        t->note = unverifiable;
}

/* An export claim for people: "export_status [h800, 2023-01-01]",
 * claimed and computed statuses, the rule and margin as the note. */
static void export_case_text(const gpucost_claim_result *r, gpucost_case_text *t)
{
    const gpucost_claim *c = r->claim;
    char day[16];
    int to = c->export_to != NULL && c->export_to[0];
    gc_text_printf(t->label, sizeof t->label, "export_status [%s, %s%s%s]", c->export_hardware,
                   gpucost_date_format(c->export_date, day, sizeof day), to ? ", to " : "",
                   to ? c->export_to : "");
    t->name = t->label;
    gc_snprintf(t->where, sizeof t->where, "claims[%zu]", r->index);
    int claimed_policy = c->export_policy > 0;
    gc_text_printf(t->claimed, sizeof t->claimed, "%s%s%s",
                   gpucost_export_status_name((gpucost_export_status)c->export_status),
                   claimed_policy ? ", " : "",
                   claimed_policy ? gpucost_review_policy_name(c->export_policy) : "");
    gc_text_printf(t->csv_claimed, sizeof t->csv_claimed, "%s", t->claimed);
    if (r->has_verdict) {
        int policy = claimed_policy && r->verdict.policy != GPUCOST_POLICY_NONE;
        gc_text_printf(t->computed, sizeof t->computed, "%s%s%s",
                       gpucost_export_status_name(r->verdict.status),
                       policy           ? ", "
                       : claimed_policy ? ", no review policy stated"
                                        : "",
                       policy ? gpucost_review_policy_name(r->verdict.policy) : "");
        gc_text_printf(t->csv_computed, sizeof t->csv_computed, "%s", t->computed);
        gc_text_printf(t->rel, sizeof t->rel, "%s",
                       r->status == GPUCOST_CLAIM_PASS ? "same" : "differs");
    }
    gc_text_printf(t->line, sizeof t->line, "claimed %s, the rules give %s%s%s%s", t->claimed,
                   t->computed, r->has_verdict && r->verdict.rule ? " (" : "",
                   r->has_verdict && r->verdict.rule ? r->verdict.rule->id : "",
                   r->has_verdict && r->verdict.rule ? ")" : "");
    claim_note(r, t, "no export-control rules loaded");
    if (!t->note[0] && r->has_verdict)
        t->note = r->verdict.why;
}

static void claim_case_text(const gpucost_claim_result *r, gpucost_case_text *t)
{
    const gpucost_claim *c = r->claim;
    if (c->is_export) {
        export_case_text(r, t);
        return;
    }
    gc_snprintf(t->where, sizeof t->where, "claims[%zu]", r->index);
    gpucost_output_claimed(c, t->claimed, sizeof t->claimed);
    if (r->has_computed) {
        gpucost_quantity_format(c->quantity, r->computed, t->computed, sizeof t->computed);
        if (c->has_value && c->factor >= 1.0) /* an order of magnitude: a ratio, not a percent */
            gc_snprintf(t->rel, sizeof t->rel, "x%.3g", r->computed / c->value);
        else if (c->has_value || r->rel_error != 0.0)
            gc_output_percent(r->rel_error, 2, t->rel, sizeof t->rel);
        else
            gc_snprintf(t->rel, sizeof t->rel, "in range");
        t->exact_computed = r->computed;
        t->exact_rel = r->rel_error;
    }
    if (r->has_computed && c->has_value && c->factor >= 1.0)
        gc_text_printf(t->line, sizeof t->line, "claimed %s, computed %s (x%.3g of the claim)",
                       t->claimed, t->computed, r->computed / c->value);
    else if (r->has_computed && c->has_value)
        gc_text_printf(t->line, sizeof t->line, "claimed %s, computed %s (%s, tolerance %.2g%%)",
                       t->claimed, t->computed, t->rel, 100.0 * c->tolerance);
    else
        gc_text_printf(t->line, sizeof t->line, "claimed %s, computed %s", t->claimed, t->computed);
    if (c->has_value) {
        t->exact_claimed = c->value;
    } else {
        char lo[40] = "", hi[40] = "";
        if (c->has_min)
            gpucost_number_format_exact(c->min, lo, sizeof lo);
        if (c->has_max)
            gpucost_number_format_exact(c->max, hi, sizeof hi);
        gc_text_printf(t->csv_claimed, sizeof t->csv_claimed, "%s..%s", lo, hi);
    }
    claim_note(r, t, "the other inputs do not determine this quantity");
}

static void conflict_case_text(const gpucost_claim_result *r, gpucost_case_text *t)
{
    const gpucost_conflict *cf = &r->conflict;
    if (!r->has_conflict) {
        gc_snprintf(t->where, sizeof t->where, "expect_conflicts[%zu]", r->index);
        gc_text_printf(t->line, sizeof t->line,
                       "%s: the recorded conflict is gone, the inputs now agree; remove %s",
                       gpucost_quantity_info_get(r->conflict.quantity)->name, t->where);
        t->source = "recorded conflict";
        t->note = "the recorded conflict is gone; remove it from expect_conflicts";
        t->computed[0] = '\0';
        return;
    }
    gc_snprintf(t->where, sizeof t->where, "conflict");
    gpucost_output_conflict(r->derivation, cf, t->line, sizeof t->line);
    gpucost_quantity_format(cf->quantity, cf->given, t->claimed, sizeof t->claimed);
    gpucost_quantity_format(cf->quantity, cf->derived, t->computed, sizeof t->computed);
    /* a bound of 0 has no relative distance to it */
    int relative = cf->given != 0.0;
    gc_output_percent(relative ? r->rel_error : NAN, 2, t->rel, sizeof t->rel);
    t->exact_claimed = cf->given;
    t->exact_computed = cf->derived;
    t->exact_rel = relative ? r->rel_error : NAN;
    t->source = cf->physical && cf->derived < cf->given ? "conflict: below a physical bound"
                : cf->physical                          ? "conflict: above a physical bound"
                : cf->against == GPUCOST_ORIGIN_CATALOG ? "conflict: inputs vs catalog"
                : cf->against == GPUCOST_ORIGIN_DEFAULT ? "conflict: inputs vs default"
                                                        : "conflict: inputs disagree";
    if (r->expected != NULL)
        t->note = r->expected->note[0] ? r->expected->note : "recorded in expect_conflicts";
    else
        t->note = "not recorded: fix the inputs or record it under expect_conflicts";
}

/* "title, url and quote" of a placeholder case's source. */
static void placeholder_fields(unsigned fields, char *buf, size_t n)
{
    const char *names[] = {"title", "url", "quote"};
    size_t count = 0, said = 0;
    for (unsigned k = 0; k < 3; k++)
        count += (fields >> k) & 1u;
    buf[0] = '\0';
    for (unsigned k = 0; k < 3; k++) {
        if (!((fields >> k) & 1u))
            continue;
        size_t len = strlen(buf);
        said++;
        gc_text_printf(buf + len, n - len, "%s%s",
                       said == 1       ? ""
                       : said == count ? " and "
                                       : ", ",
                       names[k]);
    }
}

/* A title or source still saying "TODO": where, and what to write. */
static void placeholder_case_text(const gpucost_claim_result *r, gpucost_case_text *t)
{
    const gpucost_scenario *s = r->scenario;
    t->name = "placeholder";
    t->computed[0] = '\0';
    gc_snprintf(t->claimed, sizeof t->claimed, "%s", GPUCOST_PLACEHOLDER);
    gc_snprintf(t->csv_claimed, sizeof t->csv_claimed, "%s", GPUCOST_PLACEHOLDER);
    t->source = "";
    if (r->index == SIZE_MAX) {
        gc_snprintf(t->where, sizeof t->where, "title");
        gc_text_printf(t->line, sizeof t->line,
                       "title still says " GPUCOST_PLACEHOLDER ": say what the scenario describes");
        return;
    }
    /* the source column: the numbers the source is to back */
    const gpucost_source *src = &s->sources[r->index];
    for (size_t k = 0; k < src->nfields; k++) {
        size_t len = strlen(t->label);
        gc_text_printf(t->label + len, sizeof t->label - len, "%s%s", k ? ", " : "",
                       src->fields[k]);
    }
    t->source = t->label;
    char fields[32];
    placeholder_fields(r->placeholder_fields, fields, sizeof fields);
    gc_snprintf(t->where, sizeof t->where, "sources[%zu]", r->index);
    gc_text_printf(t->line, sizeof t->line,
                   "%s%s%s%s: %s still %s " GPUCOST_PLACEHOLDER
                   ": fill in where the number comes from, or remove the source",
                   t->where, t->label[0] ? " (" : "", t->label, t->label[0] ? ")" : "", fields,
                   r->placeholder_fields & (r->placeholder_fields - 1u) ? "say" : "says");
}

void gpucost_output_case(const gpucost_claim_result *r, gpucost_case_text *t)
{
    memset(t, 0, sizeof *t);
    t->exact_claimed = t->exact_computed = t->exact_rel = NAN;
    gc_snprintf(t->computed, sizeof t->computed, "unknown");
    t->note = "";
    if (r->is_placeholder) {
        placeholder_case_text(r, t);
    } else if (r->is_conflict) {
        t->name = gpucost_quantity_info_get(r->conflict.quantity)->name;
        conflict_case_text(r, t);
    } else if (r->claim->is_export) {
        claim_case_text(r, t);
    } else {
        t->name = gpucost_quantity_info_get(r->claim->quantity)->name;
        if (r->claim->phase >= 0 && (size_t)r->claim->phase < r->scenario->nphases) {
            gc_text_printf(t->label, sizeof t->label, "%s [%s]", t->name,
                           r->scenario->phases[r->claim->phase].id);
            t->name = t->label;
        }
        claim_case_text(r, t);
    }
}

static void conflict_json(gc_view *doc, gc_dnode *o, const gpucost_claim_result *r)
{
    gpucost_case_text t;
    gpucost_output_case(r, &t);
    const gpucost_conflict *cf = &r->conflict;
    int has = r->has_conflict;
    gc_data_num_or_null(doc, o, "given", cf->given, has);
    gc_data_num_or_null(doc, o, "derived", cf->derived, has);
    gc_data_num_or_null(doc, o, "rel_error", r->rel_error, has && cf->given != 0.0);
    gc_data_str(doc, o, "against",
                !has           ? NULL
                : cf->physical ? "bound"
                               : gpucost_origin_name(cf->against));
    gc_data_bool(doc, o, "recorded", r->expected != NULL);
    gc_data_str(doc, o, "message", t.line);
    if (r->expected != NULL && r->expected->note[0])
        gc_data_str(doc, o, "note", r->expected->note);
}

static void export_json(gc_view *doc, gc_dnode *o, const gpucost_claim_result *r)
{
    const gpucost_claim *c = r->claim;
    char day[16];
    gc_dnode *e = gc_data_obj(doc, o, "export");
    gc_data_str(doc, e, "hardware", c->export_hardware);
    gc_data_str(doc, e, "on", gpucost_date_format(c->export_date, day, sizeof day));
    gc_data_str(doc, e, "claimed",
                gpucost_export_status_name((gpucost_export_status)c->export_status));
    gc_data_str(doc, e, "computed",
                r->has_verdict ? gpucost_export_status_name(r->verdict.status) : NULL);
    gc_data_str(doc, e, "to", c->export_to != NULL && c->export_to[0] ? c->export_to : "CN");
    gc_data_str(doc, e, "policy_claimed",
                c->export_policy > 0 ? gpucost_review_policy_name(c->export_policy) : NULL);
    gc_data_str(doc, e, "policy",
                r->has_verdict && r->verdict.policy != GPUCOST_POLICY_NONE
                    ? gpucost_review_policy_name(r->verdict.policy)
                    : NULL);
    gc_data_str(doc, e, "policy_rule",
                r->has_verdict && r->verdict.policy_rule != NULL ? r->verdict.policy_rule->id
                                                                 : NULL);
    gc_data_str(doc, e, "rule",
                r->has_verdict && r->verdict.rule != NULL ? r->verdict.rule->id : NULL);
    gc_data_str(doc, e, "why", r->has_verdict ? r->verdict.why : NULL);
    gc_data_str(doc, o, "source", c->source);
    if (c->note[0])
        gc_data_str(doc, o, "note", c->note);
}

static void claim_json(gc_view *doc, gc_dnode *o, const gpucost_claim_result *r)
{
    const gpucost_claim *c = r->claim;
    if (c->is_export) {
        export_json(doc, o, r);
        return;
    }
    gc_data_num_or_null(doc, o, "claimed", c->value, c->has_value);
    if (c->has_value && c->factor >= 1.0)
        gc_data_num(doc, o, "factor", c->factor);
    else if (c->has_value)
        gc_data_num(doc, o, "tolerance", c->tolerance);
    gc_data_num_or_null(doc, o, "min", c->min, c->has_min);
    gc_data_num_or_null(doc, o, "max", c->max, c->has_max);
    gc_data_num_or_null(doc, o, "computed", r->computed, r->has_computed);
    gc_data_num_or_null(doc, o, "rel_error", r->rel_error, r->has_computed);
    if (c->phase >= 0 && (size_t)c->phase < r->scenario->nphases)
        gc_data_str(doc, o, "phase", r->scenario->phases[c->phase].id);
    char day[16], basis[240];
    if (c->date > 0)
        gc_data_str(doc, o, "date", gpucost_date_format(c->date, day, sizeof day));
    if (r->priced_date > 0 &&
        gpucost_derive_quote_basis(r->priced_hardware, r->priced_date, basis, sizeof basis))
        gc_data_str(doc, o, "priced_at", basis);
    gc_data_str(doc, o, "source", c->source);
    if (c->note[0])
        gc_data_str(doc, o, "note", c->note);
}

/* A placeholder case: {"scenario", "file", "path", "fields", "status",
 * "message"}, "fields" naming the source's texts that still say TODO. */
static void placeholder_json(gc_view *doc, gc_dnode *arr, const gpucost_claim_result *r)
{
    gpucost_case_text t;
    gpucost_output_case(r, &t);
    gc_dnode *o = gc_data_obj(doc, arr, NULL);
    gc_data_str(doc, o, "scenario", r->scenario->id);
    gc_data_str(doc, o, "file", r->scenario->file);
    gc_data_str(doc, o, "path", t.where);
    gc_dnode *f = gc_data_arr(doc, o, "fields");
    const char *names[] = {"title", "url", "quote"};
    for (unsigned k = 0; k < 3; k++)
        if ((r->placeholder_fields >> k) & 1u)
            gc_data_str(doc, f, NULL, names[k]);
    gc_data_str(doc, o, "status", gpucost_claim_status_name(r->status));
    gc_data_str(doc, o, "message", t.line);
}

/* "errors" and "not_testable": the units the claims above leave out. */
void gc_output_units_json(gc_view *doc, gc_dnode *root, const gpucost_units *u)
{
    gc_dnode *errs = gc_data_arr(doc, root, "errors");
    for (size_t i = 0; u != NULL && i < u->nerrors; i++)
        gc_data_error(doc, errs, NULL, &u->errors[i]);
    gc_dnode *nt = gc_data_arr(doc, root, "not_testable");
    for (size_t i = 0; u != NULL && i < u->nuntestable; i++) {
        const gpucost_untestable *t = &u->untestable[i];
        gc_dnode *o = gc_data_obj(doc, nt, NULL);
        gc_data_str(doc, o, "file", t->file);
        gc_data_num(doc, o, "row", (double)t->row);
        gc_data_num(doc, o, "line", t->line);
        gc_data_str(doc, o, "scenario", t->id);
        gc_data_str(doc, o, "title", t->title);
        gc_data_str(doc, o, "column", t->column[0] ? t->column : NULL);
        gc_data_str(doc, o, "reason", t->reason);
    }
}

static size_t count_placeholders(const gpucost_claim_result *r, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += r[i].is_placeholder ? 1u : 0u;
    return k;
}

/* For machines: {"claims", "conflicts", "placeholders", "summary",
 * "errors", "not_testable"} (docs/commands.md): the arrays, filled one
 * case at a time (data_entry), then the summary and the units. */
typedef struct check_data {
    gc_dnode *root, *claims, *conflicts, *placeholders;
} check_data;

static void data_open(gc_view *doc, check_data *d)
{
    d->root = gc_data_root(doc, 0);
    d->claims = gc_data_arr(doc, d->root, "claims");
    d->conflicts = gc_data_arr(doc, d->root, "conflicts");
    d->placeholders = gc_data_arr(doc, d->root, "placeholders");
}

static void data_entry(gc_view *doc, const check_data *d, const gpucost_claim_result *r)
{
    if (r->is_placeholder) {
        placeholder_json(doc, d->placeholders, r);
        return;
    }
    gc_dnode *o = gc_data_obj(doc, r->is_conflict ? d->conflicts : d->claims, NULL);
    gc_data_str(doc, o, "scenario", r->scenario->id);
    gc_data_str(doc, o, "file", r->scenario->file);
    gc_data_str(doc, o, "quantity", case_name(r));
    gc_data_str(doc, o, "status", gpucost_claim_status_name(r->status));
    if (r->is_conflict)
        conflict_json(doc, o, r);
    else
        claim_json(doc, o, r);
}

static void data_close(gc_view *doc, const check_data *d, const gpucost_claim_result *r, size_t n,
                       const gpucost_claim_summary *sum, const gpucost_units *u)
{
    gc_dnode *s = gc_data_obj(doc, d->root, "summary");
    gc_data_num(doc, s, "pass", (double)sum->pass);
    gc_data_num(doc, s, "fail", (double)sum->fail);
    gc_data_num(doc, s, "unverifiable", (double)sum->unverifiable);
    gc_data_num(doc, s, "expected_fail", (double)sum->expected_fail);
    gc_data_num(doc, s, "placeholders", (double)count_placeholders(r, n));
    gc_data_num(doc, s, "errors", u != NULL ? (double)u->nerrors : 0.0);
    gc_data_num(doc, s, "not_testable", u != NULL ? (double)gpucost_units_untestable_rows(u) : 0.0);
    gc_output_units_json(doc, d->root, u);
}

/* For test runners: each bad unit (an error) and each row or cell that
 * cannot be tested (skipped), before the cases (claim_case). */
static void unit_cases(gc_view *doc, const gpucost_units *u)
{
    char line[800], row[160];
    for (size_t i = 0; u != NULL && i < u->nerrors; i++) {
        const gpucost_error *e = &u->errors[i];
        gc_vcase c = {.kind = GC_CASE_ERROR,
                      .group = e->file,
                      .name = e->path[0] ? e->path : "load",
                      .file = e->file,
                      .message = gpucost_error_format(e, line, sizeof line)};
        gc_view_case(doc, &c);
    }
    for (size_t i = 0; u != NULL && i < u->nuntestable; i++) {
        const gpucost_untestable *t = &u->untestable[i];
        gc_text_printf(row, sizeof row, "%zu%s%s", t->row, t->column[0] ? " " : "", t->column);
        gc_vcase c = {.kind = GC_CASE_ROW,
                      .group = t->id,
                      .name = row,
                      .file = t->file,
                      .message = t->reason};
        gc_view_case(doc, &c);
    }
}

/* For test runners: one case with its status. */
static void claim_case(gc_view *doc, const gpucost_claim_result *r, const gpucost_case_text *t)
{
    gc_vcase c = {.kind = GC_CASE_CLAIM,
                  .status = (int)r->status,
                  .expect_fail = r->claim != NULL && r->claim->expect_fail,
                  .conflict = r->is_conflict,
                  .group = r->scenario->id,
                  .name = t->name,
                  .where = t->where,
                  .file = r->scenario->file,
                  .message = t->line,
                  .source = t->source,
                  .note = t->note};
    gc_view_case(doc, &c);
}

/* The cases' table: status, scenario, quantity, claimed, computed,
 * error, source (on the page, the source and the reason). */
static gc_vtable *cases_table(gc_view *v, int html)
{
    gc_vtable *t = gc_view_table(v, 7, 0);
    gc_view_table_html(t, html ? "claims-table" : NULL, "claims");
    const char *head[] = {"status",
                          "scenario",
                          "quantity",
                          "claimed",
                          "computed",
                          "error",
                          html ? "source and reason" : "source"};
    for (size_t c = 0; c < 7; c++)
        gc_view_head(t, c, head[c], NULL, c >= 3 && c <= 5, GC_FOR_ALL);
    return t;
}

/* One case's row of the table. */
static void case_row(gc_vtable *t, const gpucost_claim_result *r, const gpucost_case_text *ct,
                     int html)
{
    const char *st = gpucost_claim_status_name(r->status);
    char cls[64], href[300];
    gc_view_row(t);
    gc_view_cell(t, st);
    gc_text_printf(cls, sizeof cls, "status %s", st);
    gc_view_class(t, cls);
    gc_view_cell(t, r->scenario->id);
    gc_text_printf(href, sizeof href, "#s-%s", r->scenario->id);
    if (html)
        gc_view_link(t, href);
    if (r->is_placeholder)
        gc_view_cellf(t, "%s (placeholder)", ct->where);
    else
        gc_view_cellf(t, "%s%s", ct->name, r->is_conflict ? " (conflict)" : "");
    gc_view_cell_num(t, ct->claimed, ct->exact_claimed, ct->csv_claimed);
    gc_view_cell_num(t, ct->computed, ct->exact_computed, ct->csv_computed);
    gc_view_cell_num(t, ct->rel, ct->exact_rel, ct->csv_rel);
    /* the page has room for the reason next to the source */
    gc_view_cellf(t, "%s%s%s", r->is_conflict && html ? ct->line : ct->source,
                  html && ct->note[0] ? " \u2014 " : "", html ? ct->note : "");
}

gc_vtable *gc_view_cases(gc_view *v, const gpucost_claim_result *r, size_t n, int html)
{
    gc_vtable *t = cases_table(v, html);
    for (size_t i = 0; i < n; i++) {
        gpucost_case_text ct;
        gpucost_output_case(&r[i], &ct);
        case_row(t, &r[i], &ct, html);
    }
    return t;
}

/* Under the table: a case that is not a plain pass, and why (a gap
 * before the first, counted in `*any`). */
static void finding(gc_view *v, const gpucost_claim_result *r, const gpucost_case_text *ct,
                    int *any)
{
    if (r->status == GPUCOST_CLAIM_PASS && r->priced_date == 0)
        return; /* a plain pass: nothing to say, nothing to word */
    /* a conflict's finding is its sentence (and why it is recorded);
     * a claim's is its note */
    char why[1100], label[320];
    if (r->is_conflict && r->has_conflict)
        gc_text_printf(why, sizeof why, "%s; %s", ct->line, ct->note);
    else
        gc_text_printf(why, sizeof why, "%s",
                       r->is_conflict || r->is_placeholder ? ct->line : ct->note);
    /* a claim with its own date: the quotes it was checked at */
    char basis[240];
    if (r->priced_date > 0 &&
        gpucost_derive_quote_basis(r->priced_hardware, r->priced_date, basis, sizeof basis)) {
        size_t len = strlen(why);
        gc_text_printf(why + len, sizeof why - len, "%spriced at the claim's date: %s",
                       len ? "; " : "", basis);
    }
    if (why[0] == '\0')
        return;
    if (!(*any)++)
        gc_view_gap(v);
    /* a conflict's sentence names its quantity already */
    gc_text_printf(label, sizeof label, "%s %s (%s)", r->scenario->id,
                   r->is_conflict ? "conflict" : ct->name, gpucost_claim_status_name(r->status));
    gc_view_item(v, 0, NULL, label, why);
}

/* Under the summary: each bad unit, and how many rows could not be tested. */
void gc_view_units(gc_view *v, const gpucost_units *u)
{
    if (u == NULL)
        return;
    for (size_t i = 0; i < u->nerrors; i++) {
        char line[800];
        gc_view_line(v, 0, "error: %s", gpucost_error_format(&u->errors[i], line, sizeof line));
    }
    size_t rows = gpucost_units_untestable_rows(u), cells = u->nuntestable - rows;
    if (rows > 0 || cells > 0)
        gc_view_line(v, 0,
                     "not testable: %zu row%s, and %zu cell%s that cannot be used "
                     "(--format json lists each with its reason)",
                     rows, rows == 1 ? "" : "s", cells, cells == 1 ? "" : "s");
}

static void check_summary(gc_view *v, const gpucost_claim_result *r, size_t n,
                          const gpucost_claim_summary *sum)
{
    size_t nclaims = 0, ntodo = count_placeholders(r, n);
    for (size_t i = 0; i < n; i++)
        nclaims += !r[i].is_conflict && !r[i].is_placeholder;
    size_t nconf = n - nclaims - ntodo;
    char conflicts[96] = "";
    if (nconf > 0)
        gc_text_printf(conflicts, sizeof conflicts, " and %zu conflict%s", nconf,
                       nconf == 1 ? "" : "s");
    if (ntodo > 0) {
        size_t len = strlen(conflicts);
        gc_text_printf(conflicts + len, sizeof conflicts - len, " and %zu placeholder%s", ntodo,
                       ntodo == 1 ? "" : "s");
    }
    gc_view_gap(v);
    gc_view_line(v, 0, "%zu claim%s%s: %zu pass, %zu fail, %zu unverifiable, %zu expected-fail",
                 nclaims, nclaims == 1 ? "" : "s", conflicts, sum->pass, sum->fail,
                 sum->unverifiable, sum->expected_fail);
}

gpucost_status gpucost_output_check(const gpucost_claim_result *r, size_t n,
                                    const gpucost_units *units, gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err)
{
    gpucost_claim_summary sum = {0, 0, 0, 0};
    gpucost_claims_tally(r, n, &sum);
    for (size_t i = 0; i < n; i++) {
        /* the relative error is printed as a percentage */
        gpucost_status rc = GPUCOST_OK;
        if (r[i].has_computed)
            rc = gpucost_output_guard(r[i].computed, case_name(&r[i]), err);
        if (rc == GPUCOST_OK && r[i].has_computed)
            rc = gpucost_output_guard(100.0 * r[i].rel_error, "relative error", err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    gpucost_status rc = gc_format_check("check", f, err);
    if (rc != GPUCOST_OK)
        return rc;
    gc_view v;
    gc_view_init_for(&v, f);
    /* one pass: each case worded once, then written as the table's row
     * (people and CSV), a finding under the table (people), an entry of
     * the data (JSON) and a case (JUnit, TAP) */
    gc_vtable *t = cases_table(&v, 0);
    check_data data;
    data_open(&v, &data);
    unit_cases(&v, units);
    int any = 0;
    /* JSON reads the results, not their wording */
    int worded = (v.wants & (GC_WANT_BLOCKS | GC_WANT_CASES)) != 0;
    for (size_t i = 0; i < n; i++) {
        data_entry(&v, &data, &r[i]);
        if (!worded)
            continue;
        gpucost_case_text ct;
        gpucost_output_case(&r[i], &ct);
        case_row(t, &r[i], &ct, 0);
        finding(&v, &r[i], &ct, &any);
        claim_case(&v, &r[i], &ct);
    }
    check_summary(&v, r, n, &sum);
    gc_view_units(&v, units);
    data_close(&v, &data, r, n, &sum, units);
    return gc_view_finish(&v, f, out, err);
}
