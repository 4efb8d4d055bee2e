/*
 * output_run.c - `run`: each scenario's quantities with their origins,
 * what a what-if held, and its conflicts (output.h).  One document per
 * call: for people a section per scenario (its tables are theirs only),
 * for CSV a single table across scenarios (scenario, quantity, value,
 * unit, origin), for machines an array of scenarios.
 */
#include <stdio.h>
#include <string.h>

#include "base/c_locale.h"
#include "gpucost/claims.h"
#include "gpucost/number.h"
#include "present/output_internal.h"
#include "base/text.h"

/* The quantities `run` shows for `d`, in order: the selection as given,
 * or every quantity that applies to it (gpucost_derive_applies).
 * Returns how many. */
static size_t run_rows(gpucost_selection sel, const gpucost_derivation *d, gpucost_quantity *rows)
{
    if (sel.nq > 0) {
        memcpy(rows, sel.qs, sel.nq * sizeof *rows);
        return sel.nq;
    }
    size_t n = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (gpucost_derive_applies(d, (gpucost_quantity)q))
            rows[n++] = (gpucost_quantity)q;
    return n;
}

/* A conflict's or note's sentence as a listed item. */
static void conflict_items(gc_view *v, const gpucost_derivation *d)
{
    char line[480];
    for (size_t c = 0; c < d->nconflicts; c++) {
        gpucost_output_conflict(d, &d->conflicts[c], line, sizeof line);
        gc_view_item(v, 2, "conflict", "conflict", line);
    }
    for (size_t c = 0; c < d->nnotes; c++) {
        gpucost_output_conflict(d, &d->notes[c], line, sizeof line);
        gc_view_item(v, 2, "note", "note", line);
    }
    char basis[240];
    if (gpucost_derive_price_basis(d, basis, sizeof basis)) {
        gc_text_printf(line, sizeof line, "price_per_gpu_hour: %s", basis);
        gc_view_item(v, 2, "note", "priced", line);
    }
    /* said whenever it is not the plain default (the lifetime_years
     * row's "default" origin says that one) */
    if (gc_output_known(d, GPUCOST_Q_HARDWARE_COST_PER_GPU_HOUR) &&
        !(d->amortisation_implied && d->amortisation == GPUCOST_AMORT_STRAIGHT_LINE))
        gc_view_item(v, 2, "note", "amortisation", gpucost_derive_amortisation_text(d));
}

void gc_view_quantities(gc_view *v, const gpucost_result *it, gpucost_selection sel)
{
    const gpucost_derivation *d = it->derivation;
    gc_vtable *t = gc_view_table(v, 4, 2);
    gc_view_table_for(t, GC_FOR_PEOPLE); /* CSV is run_csv's one table */
    gc_view_table_html(t, NULL, "quantities");
    gc_view_head(t, 0, "quantity", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 1, "value", NULL, 1, GC_FOR_ALL);
    gc_view_head(t, 2, "origin", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 3, "meaning", NULL, 0, GC_FOR_ALL);
    char unknown[1024] = "", cls[48];
    gpucost_quantity rows[GPUCOST_Q_COUNT];
    size_t nrows = run_rows(sel, d, rows);
    for (size_t k = 0; k < nrows; k++) {
        gpucost_quantity q = rows[k];
        const gpucost_quantity_info *info = gpucost_quantity_info_get(q);
        int known = gc_output_known(d, q);
        if (!known && sel.nq == 0) {
            gc_text_list(unknown, sizeof unknown, info->name);
            continue;
        }
        char val[80] = "unknown", per[32];
        if (known)
            gpucost_quantity_format_per(
                q, d->value[q], gpucost_derive_period(d, q, per, sizeof per), val, sizeof val);
        gc_view_row(t);
        gc_view_cell(t, info->name);
        if (known) /* the exact number beside the text: HTML's data-value */
            gc_view_cell_num(t, val, d->value[q], NULL);
        else
            gc_view_cell(t, val);
        gc_view_cell(t, gpucost_origin_name(d->origin[q]));
        gc_text_printf(cls, sizeof cls, "origin origin-%s", gpucost_origin_name(d->origin[q]));
        gc_view_class(t, cls);
        gc_view_cell(t, info->label);
    }
    if (unknown[0]) {
        gc_view_gap(v);
        gc_view_item(v, 2, "meta", "unknown (not enough inputs)", unknown);
    }
    conflict_items(v, d);
}

/* The columns of a fleet's table by part. */
static const gpucost_quantity part_cols[] = {
    GPUCOST_Q_GPUS,
    GPUCOST_Q_GPU_PRICE_USD,
    GPUCOST_Q_CAPEX_USD,
    GPUCOST_Q_CLUSTER_CAPEX_USD,
    GPUCOST_Q_POWER_MW,
    GPUCOST_Q_OWNED_COST_PER_GPU_HOUR,
    GPUCOST_Q_ANNUAL_COST_USD,
    GPUCOST_Q_COST_USD,
};
#define NPART_COLS (sizeof part_cols / sizeof part_cols[0])

/* The columns of a run's table by phase. */
static const gpucost_quantity phase_cols[] = {
    GPUCOST_Q_GPUS,           GPUCOST_Q_WALL_DAYS, GPUCOST_Q_GPU_HOURS, GPUCOST_Q_TOKENS,
    GPUCOST_Q_TRAINING_FLOPS, GPUCOST_Q_MFU,       GPUCOST_Q_COST_USD,
};
#define NPHASE_COLS (sizeof phase_cols / sizeof phase_cols[0])

/* One row of the table by part or phase: the values, `*` after a catalog
 * one. */
static void part_row(gc_vtable *t, const char *name, const gpucost_derivation *d,
                     const gpucost_quantity *cols, size_t ncols)
{
    gc_view_row(t);
    gc_view_cell(t, name);
    for (size_t c = 0; c < ncols; c++) {
        gpucost_quantity q = cols[c];
        char val[80] = "-", exact[40] = "";
        if (gc_output_known(d, q)) {
            gpucost_quantity_format(q, d->value[q], val, sizeof val);
            if (d->origin[q] == GPUCOST_ORIGIN_CATALOG)
                strcat(val, "*");
            gc_snprintf(exact, sizeof exact, "%.17g", d->value[q]);
        }
        gc_view_cell2(t, val, exact);
    }
}

/* A fleet by part (docs/quantities-and-methods.md, fleets): each part derived on its own,
 * then the fleet's totals, which the parts add up to. */
void gc_view_fleet_parts(gc_view *v, const gpucost_result *it)
{
    const gpucost_scenario *s = it->scenario;
    int phases = s->nphases > 0;
    if (it->nparts == 0 || it->nparts != (phases ? s->nphases : s->nparts))
        return;
    const gpucost_quantity *cols = phases ? phase_cols : part_cols;
    size_t ncols = phases ? NPHASE_COLS : NPART_COLS;
    gc_view_gap(v);
    char per[32];
    if (phases)
        gc_view_line(v, 2, "the run by phase (the run's totals are the phases' sums):");
    else
        gc_view_line(v, 2, "the fleet by part (costs per %s; * the part's catalog value):",
                     gpucost_derive_period(it->derivation, GPUCOST_Q_COST_USD, per, sizeof per));
    gc_vtable *t = gc_view_table(v, ncols + 1, 2);
    gc_view_table_for(t, GC_FOR_PEOPLE);
    gc_view_table_html(t, NULL, phases ? "phases" : "parts");
    gc_view_head(t, 0, phases ? "phase" : "part", NULL, 0, GC_FOR_ALL);
    for (size_t c = 0; c < ncols; c++)
        gc_view_head(t, c + 1, gpucost_quantity_info_get(cols[c])->name, NULL, 1, GC_FOR_ALL);
    for (size_t p = 0; p < it->nparts; p++)
        part_row(t, phases ? s->phases[p].id : s->parts[p].hardware, &it->parts[p], cols, ncols);
    part_row(t, phases ? "run" : "fleet", it->derivation, cols, ncols);
}

/* CSV: one table across scenarios. */
static void run_csv(gc_view *v, const gpucost_result *items, size_t n, gpucost_selection sel)
{
    gc_vtable *t = gc_view_table(v, 5, 0);
    gc_view_table_for(t, GC_FOR_CSV);
    const char *head[] = {"scenario", "quantity", "value", "unit", "origin"};
    for (size_t c = 0; c < 5; c++)
        gc_view_head(t, c, head[c], NULL, 0, GC_FOR_ALL);
    for (size_t i = 0; i < n; i++) {
        const gpucost_derivation *d = items[i].derivation;
        gpucost_quantity rows[GPUCOST_Q_COUNT];
        size_t nrows = run_rows(sel, d, rows);
        for (size_t k = 0; k < nrows; k++) {
            const gpucost_quantity_info *info = gpucost_quantity_info_get(rows[k]);
            gc_view_row(t);
            gc_view_cell(t, items[i].scenario->id);
            gc_view_cell(t, info->name);
            gc_view_value(t, rows[k], d->value[rows[k]], gc_output_known(d, rows[k]));
            char unit[64], per[32];
            const char *u = info->unit[0] == '/' ? info->unit + 1 : info->unit;
            gpucost_derive_period(d, rows[k], per, sizeof per);
            gc_text_printf(unit, sizeof unit, "%s%s%s%s", u, per[0] && u[0] ? " " : "",
                           per[0] ? "per " : "", per);
            gc_view_cell(t, unit);
            gc_view_cell(t, gpucost_origin_name(d->origin[rows[k]]));
        }
    }
}

/* The scenario's claims as check tests them, under its numbers. */
static void run_claims(gc_view *v, const gpucost_result *it)
{
    if (it->nclaims == 0 || it->claims == NULL)
        return;
    gc_view_gap(v);
    gc_view_line(v, 2, "claims (as gpucost check tests them):");
    gc_vtable *t = gc_view_cases(v, it->claims, it->nclaims, 0);
    gc_view_table_for(t, GC_FOR_PEOPLE);
    if (t != NULL)
        t->indent = 2;
}

/* Which defaults file stood in for the catalog's missing one, once: the
 * scenarios of one call share one catalog. */
static void run_defaults_note(gc_view *v, const gpucost_result *items, size_t n)
{
    char line[1024];
    for (size_t i = 0; i < n; i++)
        if (gpucost_defaults_note(items[i].derivation->defaults, line, sizeof line)) {
            gc_view_gap(v);
            gc_view_line(v, 0, "%s", line);
            return;
        }
}

static void run_view(gc_view *v, const gpucost_result *items, size_t n, gpucost_selection sel)
{
    for (size_t i = 0; i < n; i++) {
        const gpucost_scenario *s = items[i].scenario;
        char hw[96], wline[1024];
        gc_output_hardware_label(items[i].derivation, hw, sizeof hw);
        if (i)
            gc_view_gap(v);
        gc_view_title(v, "%s: %s", s->id, s->title);
        if (s->kind == GPUCOST_KIND_FLEET) {
            char parts[256] = "";
            for (size_t p = 0; p < s->nparts; p++)
                gc_text_list(parts, sizeof parts, s->parts[p].hardware);
            gc_view_line(v, 2, "fleet of %s, from %s", parts, s->file);
        } else {
            gc_view_line(v, 2, "%s, hardware %s, from %s", gpucost_kind_name(s->kind), hw, s->file);
        }
        gpucost_output_whatif(items[i].whatif, items[i].derivation, wline, sizeof wline);
        if (wline[0])
            gc_view_item(v, 2, NULL, "what-if", wline);
        gc_view_gap(v);
        gc_view_quantities(v, &items[i], sel);
        gc_view_fleet_parts(v, &items[i]);
        run_claims(v, &items[i]);
    }
    run_defaults_note(v, items, n);
}

/* For machines: an array of scenarios, each with its quantities (value,
 * origin, basis, per), conflicts, notes and what-if. */
static void run_data(gc_view *doc, const gpucost_result *items, size_t n, gpucost_selection sel)
{
    gc_dnode *root = gc_data_root(doc, 1);
    for (size_t i = 0; i < n; i++) {
        const gpucost_scenario *s = items[i].scenario;
        const gpucost_derivation *d = items[i].derivation;
        gc_dnode *o = gc_data_obj(doc, root, NULL);
        gc_data_str(doc, o, "id", s->id);
        gc_data_str(doc, o, "file", s->file);
        gc_data_str(doc, o, "title", s->title);
        gc_data_str(doc, o, "kind", gpucost_kind_name(s->kind));
        gc_data_str(doc, o, "hardware", d->hardware ? d->hardware->id : NULL);
        gc_data_str(doc, o, "precision", d->hardware ? gpucost_precision_name(d->precision) : NULL);
        if (gc_output_known(d, GPUCOST_Q_HARDWARE_COST_PER_GPU_HOUR)) {
            gc_dnode *a = gc_data_obj(doc, o, "amortisation");
            gc_data_str(doc, a, "method", gpucost_amortisation_name(d->amortisation));
            gc_data_str(doc, a, "why", gpucost_derive_amortisation_text(d));
        }
        gc_dnode *qs = gc_data_obj(doc, o, "quantities");
        gpucost_quantity rows[GPUCOST_Q_COUNT];
        size_t nrows = run_rows(sel, d, rows);
        for (size_t k = 0; k < nrows; k++) {
            int known = gc_output_known(d, rows[k]);
            gc_dnode *e = gc_data_obj(doc, qs, gpucost_quantity_info_get(rows[k])->name);
            gc_data_num_or_null(doc, e, "value", d->value[rows[k]], known);
            gc_data_str(doc, e, "origin", known ? gpucost_origin_name(d->origin[rows[k]]) : NULL);
            char basis[240];
            if (rows[k] == GPUCOST_Q_PRICE_PER_GPU_HOUR && known &&
                gpucost_derive_price_basis(d, basis, sizeof basis))
                gc_data_str(doc, e, "basis", basis);
            char per[32];
            if (gpucost_derive_period(d, rows[k], per, sizeof per)[0])
                gc_data_str(doc, e, "per", per);
        }
        gc_output_conflicts_json(doc, o, d);
        gc_output_whatif_json(doc, o, items[i].whatif, d);
    }
}

gpucost_status gpucost_output_run(const gpucost_result *items, size_t n, gpucost_selection sel,
                                  gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = gc_output_guard_results(items, n, err);
    if (rc != GPUCOST_OK)
        return rc;
    if ((rc = gc_format_check("run", f, err)) != GPUCOST_OK || f == GPUCOST_FMT_SCENARIO)
        return rc != GPUCOST_OK ? rc : gc_output_unsupported(f, "run", err);
    gc_view v;
    gc_view_init_for(&v, f);
    run_view(&v, items, n, sel);
    run_csv(&v, items, n, sel);
    run_data(&v, items, n, sel);
    return gc_view_finish(&v, f, out, err);
}
