/*
 * output_run.c - `run`: each scenario's quantities with their origins,
 * what a what-if held, and its conflicts (output.h).  One view per call;
 * CSV is a single table across scenarios (scenario, quantity, value,
 * unit, origin), JSON SPEC's array of scenarios.
 */
#include <stdio.h>
#include <string.h>

#include "gpucost/number.h"
#include "output_internal.h"

/* The quantities `run` shows for `d`, in order: the selection as given,
 * or every quantity of the scenario's kind.  Returns how many. */
static size_t run_rows(gpucost_selection sel, const gpucost_derivation *d,
                       gpucost_quantity *rows)
{
    if (sel.nq > 0) {
        memcpy(rows, sel.qs, sel.nq * sizeof *rows);
        return sel.nq;
    }
    size_t n = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (gpucost_quantity_info_get((gpucost_quantity)q)->kinds & (int)d->kind)
            rows[n++] = (gpucost_quantity)q;
    return n;
}

/* A conflict's or note's sentence as a listed item. */
static void conflict_items(gpucost_view *v, const gpucost_derivation *d)
{
    char line[480];
    for (size_t c = 0; c < d->nconflicts; c++) {
        gpucost_output_conflict(d, &d->conflicts[c], line, sizeof line);
        gpucost_view_item(v, 2, "conflict", "conflict", line);
    }
    for (size_t c = 0; c < d->nnotes; c++) {
        gpucost_output_conflict(d, &d->notes[c], line, sizeof line);
        gpucost_view_item(v, 2, "note", "note", line);
    }
}

void gpucost_view_quantities(gpucost_view *v, const gpucost_result *it, gpucost_selection sel)
{
    const gpucost_derivation *d = it->derivation;
    gpucost_vtable *t = gpucost_view_table(v, 4, 2);
    gpucost_view_table_html(t, NULL, "quantities");
    gpucost_view_head(t, 0, "quantity", NULL, 0, GPUCOST_FOR_ALL);
    gpucost_view_head(t, 1, "value", NULL, 1, GPUCOST_FOR_ALL);
    gpucost_view_head(t, 2, "origin", NULL, 0, GPUCOST_FOR_ALL);
    gpucost_view_head(t, 3, "meaning", NULL, 0, GPUCOST_FOR_ALL);
    char unknown[1024] = "", cls[48];
    gpucost_quantity rows[GPUCOST_Q_COUNT];
    size_t nrows = run_rows(sel, d, rows);
    for (size_t k = 0; k < nrows; k++) {
        gpucost_quantity q = rows[k];
        const gpucost_quantity_info *info = gpucost_quantity_info_get(q);
        int known = gpucost_output_known(d, q);
        if (!known && sel.nq == 0) {
            gpucost_output_list_add(unknown, sizeof unknown, info->name);
            continue;
        }
        char val[64] = "unknown";
        if (known)
            gpucost_quantity_format(q, d->value[q], val, sizeof val);
        gpucost_view_row(t);
        gpucost_view_cell(t, info->name);
        gpucost_view_cell(t, val);
        gpucost_view_cell(t, gpucost_origin_name(d->origin[q]));
        snprintf(cls, sizeof cls, "origin origin-%s", gpucost_origin_name(d->origin[q]));
        gpucost_view_class(t, cls);
        gpucost_view_cell(t, info->label);
    }
    if (unknown[0]) {
        gpucost_view_gap(v);
        gpucost_view_item(v, 2, "meta", "unknown (not enough inputs)", unknown);
    }
    conflict_items(v, d);
}

/* CSV: one table across scenarios. */
static void run_csv(gpucost_view *v, const gpucost_result *items, size_t n,
                    gpucost_selection sel)
{
    gpucost_vtable *t = gpucost_view_table(v, 5, 0);
    gpucost_view_table_for(t, GPUCOST_FOR_CSV);
    const char *head[] = {"scenario", "quantity", "value", "unit", "origin"};
    for (size_t c = 0; c < 5; c++)
        gpucost_view_head(t, c, head[c], NULL, 0, GPUCOST_FOR_ALL);
    for (size_t i = 0; i < n; i++) {
        const gpucost_derivation *d = items[i].derivation;
        gpucost_quantity rows[GPUCOST_Q_COUNT];
        size_t nrows = run_rows(sel, d, rows);
        for (size_t k = 0; k < nrows; k++) {
            const gpucost_quantity_info *info = gpucost_quantity_info_get(rows[k]);
            gpucost_view_row(t);
            gpucost_view_cell(t, items[i].scenario->id);
            gpucost_view_cell(t, info->name);
            gpucost_view_value(t, rows[k], d->value[rows[k]], gpucost_output_known(d, rows[k]));
            gpucost_view_cell(t, info->unit[0] == '/' ? info->unit + 1 : info->unit);
            gpucost_view_cell(t, gpucost_origin_name(d->origin[rows[k]]));
        }
    }
}

static void run_view(gpucost_view *v, const gpucost_result *items, size_t n,
                     gpucost_selection sel)
{
    for (size_t i = 0; i < n; i++) {
        const gpucost_scenario *s = items[i].scenario;
        char hw[96], wline[1024];
        gpucost_output_hardware_label(items[i].derivation, hw, sizeof hw);
        if (i)
            gpucost_view_gap(v);
        gpucost_view_title(v, "%s: %s", s->id, s->title);
        gpucost_view_line(v, 2, "%s, hardware %s, from %s", gpucost_kind_name(s->kind), hw,
                          s->file);
        gpucost_output_whatif(items[i].whatif, items[i].derivation, wline, sizeof wline);
        if (wline[0])
            gpucost_view_item(v, 2, NULL, "what-if", wline);
        gpucost_view_gap(v);
        gpucost_view_quantities(v, &items[i], sel);
    }
}

static gpucost_status run_json(const gpucost_result *items, size_t n, gpucost_selection sel,
                               gpucost_buf *out, gpucost_error *err)
{
    gpucost_jw j;
    cJSON *root = gpucost_jw_start(&j, 1);
    for (size_t i = 0; i < n; i++) {
        const gpucost_scenario *s = items[i].scenario;
        const gpucost_derivation *d = items[i].derivation;
        cJSON *o = gpucost_jw_obj(&j, root, NULL);
        gpucost_jw_str(&j, o, "id", s->id);
        gpucost_jw_str(&j, o, "file", s->file);
        gpucost_jw_str(&j, o, "title", s->title);
        gpucost_jw_str(&j, o, "kind", gpucost_kind_name(s->kind));
        gpucost_jw_str(&j, o, "hardware", d->hardware ? d->hardware->id : NULL);
        gpucost_jw_str(&j, o, "precision",
                       d->hardware ? gpucost_precision_name(d->precision) : NULL);
        cJSON *qs = gpucost_jw_obj(&j, o, "quantities");
        gpucost_quantity rows[GPUCOST_Q_COUNT];
        size_t nrows = run_rows(sel, d, rows);
        for (size_t k = 0; k < nrows; k++) {
            int known = gpucost_output_known(d, rows[k]);
            cJSON *e = gpucost_jw_obj(&j, qs, gpucost_quantity_info_get(rows[k])->name);
            gpucost_jw_num_or_null(&j, e, "value", d->value[rows[k]], known);
            gpucost_jw_str(&j, e, "origin", known ? gpucost_origin_name(d->origin[rows[k]]) : NULL);
        }
        gpucost_output_conflicts_json(&j, o, d);
        gpucost_output_whatif_json(&j, o, items[i].whatif, d);
    }
    return gpucost_jw_finish(&j, out, err);
}

gpucost_status gpucost_output_run(const gpucost_result *items, size_t n, gpucost_selection sel,
                                  gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = gpucost_output_guard_results(items, n, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JSON)
        return run_json(items, n, sel, out, err);
    if (f != GPUCOST_FMT_TABLE && f != GPUCOST_FMT_MD && f != GPUCOST_FMT_CSV)
        return gpucost_output_unsupported(f, "run", err);
    gpucost_view v;
    gpucost_view_init(&v);
    if (f == GPUCOST_FMT_CSV)
        run_csv(&v, items, n, sel);
    else
        run_view(&v, items, n, sel);
    return gpucost_view_finish(&v, f, out, err);
}
