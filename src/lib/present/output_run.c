/*
 * output_run.c - `run`: each scenario's quantities with their origins,
 * what a what-if held, and its conflicts (output.h).  One document per
 * call, built in one pass: for people a section per scenario (its tables
 * are theirs only), for CSV a single table across scenarios (scenario,
 * quantity, value, unit, origin), for machines an array of scenarios.
 * Each quantity is worked out once (run_cell) and written to all three.
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

/* One quantity of one scenario as every part of the document shows it,
 * worked out once: its value (or not known), origin, the period a cost
 * is per, and the quotes a price rests on. */
typedef struct run_cell {
    gpucost_quantity q;
    const gpucost_quantity_info *info;
    int known;
    double value;
    const char *origin;
    char per[32];
    char basis[240]; /* "" when the value rests on no quotes */
} run_cell;

static void run_cell_get(const gpucost_derivation *d, gpucost_quantity q, run_cell *c)
{
    c->q = q;
    c->info = gpucost_quantity_info_get(q);
    c->known = gc_output_known(d, q);
    c->value = d->value[q];
    c->origin = gpucost_origin_name(d->origin[q]);
    gc_text_printf(c->per, sizeof c->per, "%s", gpucost_quantity_per(q, d->period));
    c->basis[0] = '\0';
    if (q == GPUCOST_Q_PRICE_PER_GPU_HOUR && c->known)
        gpucost_derive_price_basis(d, c->basis, sizeof c->basis);
}

/* For people: quantity, value (with its period), origin, meaning. */
static void people_row(gc_vtable *t, const run_cell *c)
{
    char val[80] = "unknown", cls[48];
    if (c->known)
        gpucost_quantity_format_per(c->q, c->value, c->per, val, sizeof val);
    gc_view_row(t);
    gc_view_cell(t, c->info->name);
    if (c->known) /* the exact number beside the text: HTML's data-value */
        gc_view_cell_num(t, val, c->value, NULL);
    else
        gc_view_cell(t, val);
    gc_view_cell(t, c->origin);
    gc_text_printf(cls, sizeof cls, "origin origin-%s", c->origin);
    gc_view_class(t, cls);
    gc_view_cell(t, c->info->label);
}

/* For CSV: scenario, quantity, value at full precision, unit with its
 * period ("USD per run"), origin. */
static void csv_row(gc_vtable *t, const char *id, const run_cell *c)
{
    char unit[64];
    const char *u = c->info->unit[0] == '/' ? c->info->unit + 1 : c->info->unit;
    gc_view_row(t);
    gc_view_cell(t, id);
    gc_view_cell(t, c->info->name);
    gc_view_value(t, c->q, c->value, c->known);
    gc_text_printf(unit, sizeof unit, "%s%s%s%s", u, c->per[0] && u[0] ? " " : "",
                   c->per[0] ? "per " : "", c->per);
    gc_view_cell(t, unit);
    gc_view_cell(t, c->origin);
}

/* For machines: quantities.NAME = {value, origin, basis, per}. */
static void data_entry(gc_view *v, gc_dnode *qs, const run_cell *c)
{
    gc_dnode *e = gc_data_obj(v, qs, c->info->name);
    gc_data_num_or_null(v, e, "value", c->value, c->known);
    gc_data_str(v, e, "origin", c->known ? c->origin : NULL);
    if (c->basis[0])
        gc_data_str(v, e, "basis", c->basis);
    if (c->per[0])
        gc_data_str(v, e, "per", c->per);
}

/* The quantities of one scenario, each worked out once (run_cell) and
 * written where the document shows it: a row of the people's table (the
 * unknown ones, when nothing was selected, listed under it instead), a
 * row of CSV's table `csv` (may be NULL) and an entry of the data object
 * `qs` (may be NULL); then its conflicts and notes for people. */
static void quantity_rows(gc_view *v, const gpucost_result *it, gpucost_selection sel,
                          gc_vtable *csv, gc_dnode *qs)
{
    const gpucost_derivation *d = it->derivation;
    gc_vtable *t = gc_view_table(v, 4, 2);
    gc_view_table_for(t, GC_FOR_PEOPLE); /* CSV has one table across scenarios */
    gc_view_table_html(t, NULL, "quantities");
    gc_view_head(t, 0, "quantity", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 1, "value", NULL, 1, GC_FOR_ALL);
    gc_view_head(t, 2, "origin", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 3, "meaning", NULL, 0, GC_FOR_ALL);
    char unknown[1024] = "";
    gpucost_quantity rows[GPUCOST_Q_COUNT];
    size_t nrows = run_rows(sel, d, rows);
    for (size_t k = 0; k < nrows; k++) {
        run_cell c;
        run_cell_get(d, rows[k], &c);
        if (csv != NULL)
            csv_row(csv, it->scenario->id, &c);
        data_entry(v, qs, &c);
        if (!c.known && sel.nq == 0)
            gc_text_list(unknown, sizeof unknown, c.info->name);
        else
            people_row(t, &c);
    }
    if (unknown[0]) {
        gc_view_gap(v);
        gc_view_item(v, 2, "meta", "unknown (not enough inputs)", unknown);
    }
    conflict_items(v, d);
}

void gc_view_quantities(gc_view *v, const gpucost_result *it, gpucost_selection sel)
{
    quantity_rows(v, it, sel, NULL, NULL);
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
    if (phases)
        gc_view_line(v, 2, "the run by phase (the run's totals are the phases' sums):");
    else
        gc_view_line(v, 2, "the fleet by part (costs per %s; * the part's catalog value):",
                     gpucost_quantity_per(GPUCOST_Q_COST_USD, it->derivation->period));
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

/* CSV's one table across scenarios: scenario, quantity, value, unit,
 * origin. */
static gc_vtable *csv_table(gc_view *v)
{
    gc_vtable *t = gc_view_table(v, 5, 0);
    gc_view_table_for(t, GC_FOR_CSV);
    const char *head[] = {"scenario", "quantity", "value", "unit", "origin"};
    for (size_t c = 0; c < 5; c++)
        gc_view_head(t, c, head[c], NULL, 0, GC_FOR_ALL);
    return t;
}

/* A scenario's head: for people its title, kind, hardware and file and
 * what a what-if held; for machines the same as fields of `o`. */
static void scenario_head(gc_view *v, gc_dnode *o, const gpucost_result *it)
{
    const gpucost_scenario *s = it->scenario;
    const gpucost_derivation *d = it->derivation;
    char hw[96], wline[1024];
    gc_output_hardware_label(d, hw, sizeof hw);
    gc_view_title(v, "%s: %s", s->id, s->title);
    if (s->kind == GPUCOST_KIND_FLEET) {
        char parts[256] = "";
        for (size_t p = 0; p < s->nparts; p++)
            gc_text_list(parts, sizeof parts, s->parts[p].hardware);
        gc_view_line(v, 2, "fleet of %s, from %s", parts, s->file);
    } else {
        gc_view_line(v, 2, "%s, hardware %s, from %s", gpucost_kind_name(s->kind), hw, s->file);
    }
    gpucost_output_whatif(it->whatif, d, wline, sizeof wline);
    if (wline[0])
        gc_view_item(v, 2, NULL, "what-if", wline);
    gc_view_gap(v);
    gc_data_str(v, o, "id", s->id);
    gc_data_str(v, o, "file", s->file);
    gc_data_str(v, o, "title", s->title);
    gc_data_str(v, o, "kind", gpucost_kind_name(s->kind));
    gc_data_str(v, o, "hardware", d->hardware ? d->hardware->id : NULL);
    gc_data_str(v, o, "precision", d->hardware ? gpucost_precision_name(d->precision) : NULL);
    if (gc_output_known(d, GPUCOST_Q_HARDWARE_COST_PER_GPU_HOUR)) {
        gc_dnode *a = gc_data_obj(v, o, "amortisation");
        gc_data_str(v, a, "method", gpucost_amortisation_name(d->amortisation));
        gc_data_str(v, a, "why", gpucost_derive_amortisation_text(d));
    }
}

/* One pass over the scenarios: each one's head, its quantities (people's
 * table, CSV's rows, the data's entries from one run_cell each), its
 * fleet by part and its claims; for machines its conflicts, notes and
 * what-if beside. */
static void run_document(gc_view *v, const gpucost_result *items, size_t n, gpucost_selection sel)
{
    gc_vtable *csv = csv_table(v);
    gc_dnode *root = gc_data_root(v, 1);
    for (size_t i = 0; i < n; i++) {
        const gpucost_derivation *d = items[i].derivation;
        gc_dnode *o = gc_data_obj(v, root, NULL);
        if (i)
            gc_view_gap(v);
        scenario_head(v, o, &items[i]);
        quantity_rows(v, &items[i], sel, csv, gc_data_obj(v, o, "quantities"));
        gc_view_fleet_parts(v, &items[i]);
        run_claims(v, &items[i]);
        gc_output_conflicts_json(v, o, d);
        gc_output_whatif_json(v, o, items[i].whatif, d);
    }
    run_defaults_note(v, items, n);
}

gpucost_status gpucost_output_run(const gpucost_result *items, size_t n, gpucost_selection sel,
                                  gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = gc_output_guard_results(items, n, err);
    if (rc != GPUCOST_OK)
        return rc;
    if ((rc = gc_format_check("run", f, err)) != GPUCOST_OK)
        return rc;
    /* the scenario file as edited is not a view of the results */
    if (f == GPUCOST_FMT_SCENARIO)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, "format",
                             "format 'scenario' is written by gpucost_output_scenario, from "
                             "the scenario's file");
    gc_view v;
    gc_view_init_for(&v, f);
    run_document(&v, items, n, sel);
    return gc_view_finish(&v, f, out, err);
}
