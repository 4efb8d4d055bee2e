/*
 * output_compare.c - `compare`: scenarios side by side (output.h).
 *
 * The view is one table.  For people each value carries an origin
 * marker, "*" when it is a catalog value or rests on one (a cost derived
 * from the catalog's median rental price), "+" when it is or rests on a
 * default, with footnotes naming those values; a row whose numbers
 * contradict each other is marked "(!)" and its conflicts are listed under
 * the table.  CSV carries the same values in full precision with a
 * `<quantity>_origin` column each ("input", "derived", "catalog",
 * "default"; "derived (catalog)" for a value resting on the catalog), the
 * ratios to the baseline and the conflicts.  The default columns include
 * the rental price, the assumption a cost most often rests on, and the
 * owned cost beside the rental one.
 *
 * Time bases (docs/quantities-and-methods.md): a training run's cost is per run, an
 * inference day's per day, a fleet's per year.  A column's base is the
 * baseline's (else the one most of its scenarios share); a value on
 * another base carries it ("$87.1k/day") and gets no ratio, and the units
 * line says so.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/number.h"
#include "base/alloc.h"
#include "present/output_internal.h"
#include "base/text.h"

static const gpucost_quantity compare_default[] = {
    GPUCOST_Q_GPUS,      GPUCOST_Q_GPU_HOURS,
    GPUCOST_Q_WALL_DAYS, GPUCOST_Q_TRAINING_FLOPS,
    GPUCOST_Q_MFU,       GPUCOST_Q_PRICE_PER_GPU_HOUR,
    GPUCOST_Q_COST_USD,  GPUCOST_Q_OWNED_COST_USD,
    GPUCOST_Q_CAPEX_USD, GPUCOST_Q_REVENUE_USD,
    GPUCOST_Q_MARGIN,    GPUCOST_Q_PROFIT_MARGIN,
};

/* Columns: the selection, or the defaults known in at least one scenario. */
static size_t compare_columns(const gpucost_result *items, size_t n, gpucost_selection sel,
                              gpucost_quantity *cols)
{
    if (sel.nq > 0) {
        memcpy(cols, sel.qs, sel.nq * sizeof *cols);
        return sel.nq;
    }
    size_t k = 0;
    for (size_t j = 0; j < sizeof compare_default / sizeof compare_default[0]; j++)
        for (size_t i = 0; i < n; i++)
            if (gc_output_known(items[i].derivation, compare_default[j])) {
                cols[k++] = compare_default[j];
                break;
            }
    return k;
}

/* Whether scenarios i and k state q on the same time base. */
static int same_base(const gpucost_result *items, size_t i, size_t k, gpucost_quantity q)
{
    return strcmp(gpucost_quantity_per(q, items[i].derivation->period),
                  gpucost_quantity_per(q, items[k].derivation->period)) == 0;
}

/* One scenario's time base for a quantity: base_row's scratch. */
typedef struct base_of {
    const char *per; /* borrowed from the derivation */
    size_t row;
} base_of;

static int by_base_then_row(const void *a, const void *b)
{
    const base_of *x = a, *y = b;
    int c = strcmp(x->per, y->per);
    return c != 0 ? c : (x->row > y->row) - (x->row < y->row);
}

/* The scenario whose time base a column keeps: the baseline when it
 * knows q, else the first scenario on q's most common base (0 when no
 * scenario knows q).  `scratch` holds `n` entries; the bases are sorted
 * once, so this is linear-logarithmic in the number of scenarios. */
static size_t base_row(const gpucost_result *items, size_t n, int baseline, gpucost_quantity q,
                       base_of *scratch)
{
    if (baseline >= 0 && gc_output_known(items[baseline].derivation, q))
        return (size_t)baseline;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (gc_output_known(items[i].derivation, q)) {
            scratch[m].per = gpucost_quantity_per(q, items[i].derivation->period);
            scratch[m++].row = i;
        }
    qsort(scratch, m, sizeof *scratch, by_base_then_row);
    /* each run of one base starts at its first row; ties go to the
     * earliest first row */
    size_t best = 0, most = 0;
    for (size_t g = 0, e; g < m; g = e) {
        e = g + 1;
        while (e < m && strcmp(scratch[e].per, scratch[g].per) == 0)
            e++;
        if (e - g > most || (e - g == most && scratch[g].row < best)) {
            most = e - g;
            best = scratch[g].row;
        }
    }
    return best;
}

static int ratio_of(const gpucost_result *items, int baseline, size_t i, gpucost_quantity q,
                    double *r)
{
    if (baseline < 0)
        return 0;
    const gpucost_derivation *b = items[baseline].derivation;
    const gpucost_derivation *d = items[i].derivation;
    if (!gc_output_known(b, q) || !gc_output_known(d, q) || b->value[q] == 0.0 ||
        !same_base(items, i, (size_t)baseline, q))
        return 0;
    *r = d->value[q] / b->value[q];
    return isfinite(*r);
}

/* Which catalog values (`*cat`) and defaults (`*def`) each quantity of
 * `d` is or rests on, as bits (1 << leaf). */
static void resting_on(const gpucost_derivation *d, gpucost_qset *cat, gpucost_qset *def)
{
    gpucost_qset all = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (d->origin[q] == GPUCOST_ORIGIN_CATALOG)
            all |= GPUCOST_QBIT(q);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        cat[q] = d->rests_on[q] & all;
        def[q] = d->rests_on[q] & ~all;
    }
}

/* The origin of a value for CSV: "derived (catalog, default)". */
static void origin_text(gpucost_origin o, int cat, int def, char *buf, size_t n)
{
    if (o != GPUCOST_ORIGIN_DERIVED || (!cat && !def))
        gc_text_printf(buf, n, "%s", gpucost_origin_name(o));
    else
        gc_text_printf(buf, n, "derived (%s%s%s)", cat ? "catalog" : "", cat && def ? ", " : "",
                       def ? "default" : "");
}

typedef struct compare_ctx {
    gc_view *v;
    gc_dnode *scenarios; /* the data's "scenarios", or NULL (the report) */
    const gpucost_result *items;
    size_t n;
    int baseline, html;
    gpucost_quantity cols[GPUCOST_Q_COUNT];
    size_t nc;
    gpucost_qset used_cat, used_def; /* leaves behind a shown marker */
    size_t marks[GPUCOST_Q_COUNT];   /* per column: the widest marker */
    size_t base[GPUCOST_Q_COUNT];    /* per column: the row whose time base it keeps */
    int mixed;                       /* some value is on another time base */
} compare_ctx;

/* Each column's widest origin marker, so that the numbers stay aligned
 * ("$5.58M  " above "$7.32M*+"). */
static void marker_widths(compare_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        gpucost_qset cat[GPUCOST_Q_COUNT], def[GPUCOST_Q_COUNT];
        resting_on(c->items[i].derivation, cat, def);
        for (size_t k = 0; k < c->nc; k++) {
            size_t w = (size_t)(cat[c->cols[k]] != 0) + (size_t)(def[c->cols[k]] != 0);
            if (gc_output_known(c->items[i].derivation, c->cols[k]) && w > c->marks[k])
                c->marks[k] = w;
        }
    }
}

static void compare_head(gc_vtable *t, const compare_ctx *c)
{
    gc_view_head(t, 0, "scenario", "id", 0, GC_FOR_ALL);
    gc_view_head(t, 1, "hardware", NULL, 0, GC_FOR_ALL);
    for (size_t k = 0; k < c->nc; k++) {
        const char *name = gpucost_quantity_info_get(c->cols[k])->name;
        char h[96];
        gc_view_head(t, 2 + 3 * k, name, NULL, 1, GC_FOR_ALL);
        gc_text_printf(h, sizeof h, "%s_ratio", name);
        gc_view_head(t, 3 + 3 * k, h, NULL, 1, c->baseline >= 0 ? GC_FOR_CSV : GC_FOR_NONE);
        gc_text_printf(h, sizeof h, "%s_origin", name);
        gc_view_head(t, 4 + 3 * k, h, NULL, 0, GC_FOR_CSV);
    }
    gc_view_head(t, 2 + 3 * c->nc, "conflicts", NULL, 0, GC_FOR_CSV);
}

/* The members of a scenario's data entry that hold one field per column. */
typedef struct compare_fields {
    gc_dnode *values, *origins, *ratios, *per;
} compare_fields;

/* A value's cells for people and CSV: "$7.32M* (1.31x)", and the exact
 * value, its ratio and its origin `o`. */
static void people_cells(gc_vtable *t, compare_ctx *c, size_t i, size_t k, const gpucost_qset *cat,
                         const gpucost_qset *def, const char *o)
{
    gpucost_quantity q = c->cols[k];
    const gpucost_derivation *d = c->items[i].derivation;
    char v[64] = "-", x[64] = "", rs[64] = "", rx[64] = "";
    double r = 0.0;
    if (gc_output_known(d, q)) {
        gpucost_number_format(d->value[q], gpucost_quantity_info_get(q)->style, v, sizeof v);
        if (!same_base(c->items, i, c->base[k], q)) {
            gc_text_printf(v + strlen(v), sizeof v - strlen(v), "/%s",
                           gpucost_quantity_per(q, d->period));
            c->mixed = 1;
        }
        gpucost_number_format_exact(d->value[q], x, sizeof x);
        int pad = (int)c->marks[k] - (cat[q] != 0) - (def[q] != 0);
        gc_text_printf(v + strlen(v), sizeof v - strlen(v), "%s%s%.*s", cat[q] ? "*" : "",
                       def[q] ? "+" : "", pad > 0 ? pad : 0, "  ");
        c->used_cat |= cat[q];
        c->used_def |= def[q];
    }
    if (ratio_of(c->items, c->baseline, i, q, &r)) {
        gpucost_number_format(r, GPUCOST_NUM_SI, rs, sizeof rs);
        gpucost_number_format_exact(r, rx, sizeof rx);
        gc_text_printf(v + strlen(v), sizeof v - strlen(v), " (%sx)", rs);
    }
    if (x[0]) /* CSV writes the same exact text; HTML adds data-value */
        gc_view_cell_num(t, v, d->value[q], x);
    else
        gc_view_cell2(t, v, x);
    gc_view_cell2(t, "", rx);
    gc_view_cell2(t, "", o);
}

/* One value, worked out once: its origin (with what it rests on) for
 * every reader, its cells for people and CSV when the document has the
 * table `t`, and its fields for machines in `fields` (values, origins,
 * per and, with a baseline, ratios). */
static void value_cells(gc_vtable *t, compare_ctx *c, size_t i, size_t k, const gpucost_qset *cat,
                        const gpucost_qset *def, const compare_fields *fields)
{
    gpucost_quantity q = c->cols[k];
    const gpucost_derivation *d = c->items[i].derivation;
    int known = gc_output_known(d, q);
    char o[48] = "";
    if (known)
        origin_text(d->origin[q], cat[q] != 0, def[q] != 0, o, sizeof o);
    if (t != NULL) /* a JSON document has no table: nothing to format */
        people_cells(t, c, i, k, cat, def, o);
    if (fields->values == NULL)
        return;
    const char *name = gpucost_quantity_info_get(q)->name,
               *per = gpucost_quantity_per(q, d->period);
    double r = 0.0;
    int has_r = ratio_of(c->items, c->baseline, i, q, &r);
    gc_data_num_or_null(c->v, fields->values, name, d->value[q], known);
    gc_data_str(c->v, fields->origins, name, known ? o : NULL);
    if (per[0])
        gc_data_str(c->v, fields->per, name, per);
    gc_data_num_or_null(c->v, fields->ratios, name, r, has_r);
}

/* compare's csv: every conflict of a row in one cell, "; "-separated. */
static void conflicts_cell(gc_vtable *t, const gpucost_derivation *d)
{
    char all[4096] = "", line[480];
    for (size_t c = 0; c < d->nconflicts; c++) {
        gpucost_output_conflict(d, &d->conflicts[c], line, sizeof line);
        gc_text_append(all, sizeof all, "; ", line);
    }
    gc_view_cell2(t, "", all);
}

static void compare_row(gc_vtable *t, compare_ctx *c, size_t i)
{
    const gpucost_derivation *d = c->items[i].derivation;
    const char *id = c->items[i].scenario->id;
    char hw[96], label[300], href[300];
    gpucost_qset cat[GPUCOST_Q_COUNT], def[GPUCOST_Q_COUNT];
    resting_on(d, cat, def);
    gc_output_hardware_label(d, hw, sizeof hw);
    gc_view_row(t);
    gc_text_printf(label, sizeof label, "%s%s", id, d->nconflicts > 0 ? " (!)" : "");
    gc_view_cell2(t, label, id);
    gc_text_printf(href, sizeof href, "#s-%s", id);
    if (c->html)
        gc_view_link(t, href);
    gc_view_cell(t, hw);
    gc_dnode *o = gc_data_obj(c->v, c->scenarios, NULL);
    gc_data_str(c->v, o, "id", id);
    gc_data_str(c->v, o, "title", c->items[i].scenario->title);
    gc_data_str(c->v, o, "hardware", d->hardware ? d->hardware->id : NULL);
    compare_fields fields = {gc_data_obj(c->v, o, "values"), gc_data_obj(c->v, o, "origins"),
                             c->baseline >= 0 ? gc_data_obj(c->v, o, "ratios") : NULL, NULL};
    fields.per = gc_data_obj(c->v, o, "per");
    for (size_t k = 0; k < c->nc; k++)
        value_cells(t, c, i, k, cat, def, &fields);
    if (t != NULL)
        conflicts_cell(t, d);
    gc_output_conflicts_json(c->v, o, d);
    gc_output_whatif_json(c->v, o, c->items[i].whatif, d);
}

/* "name (where it comes from)" of each leaf in `bits`, the leaves that
 * come from the same place named together: "a, b (models/defaults.json)". */
static void leaf_list(gpucost_qset bits, char *buf, size_t n)
{
    buf[0] = '\0';
    gpucost_qset done = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (!(bits & GPUCOST_QBIT(q)) || (done & GPUCOST_QBIT(q)))
            continue;
        const char *fb = gpucost_derive_fallback_text((gpucost_quantity)q);
        char names[512] = "", item[700];
        for (int k = q; k < GPUCOST_Q_COUNT; k++)
            if ((bits & GPUCOST_QBIT(k)) &&
                strcmp(gpucost_derive_fallback_text((gpucost_quantity)k), fb) == 0) {
                gc_text_list(names, sizeof names,
                             gpucost_quantity_info_get((gpucost_quantity)k)->name);
                done |= GPUCOST_QBIT(k);
            }
        gc_text_printf(item, sizeof item, "%s (%s)", names,
                       strncmp(fb, "catalog: ", 9) == 0 ? fb + 9 : fb);
        gc_text_list(buf, n, item);
    }
}

/* Under the table: footnotes, conflicts, what-ifs and units. */
static void compare_notes(gc_view *v, const compare_ctx *c)
{
    char list[1024];
    if (c->used_cat) {
        leaf_list(c->used_cat, list, sizeof list);
        gc_view_line(v, 0, "* the hardware catalog's value or derived from one: %s", list);
    }
    if (c->used_def) {
        leaf_list(c->used_def, list, sizeof list);
        gc_view_line(v, 0, "+ a default or derived from one: %s", list);
        /* which file they came from when not the catalog's own (the
         * report says it once, in its footer) */
        for (size_t i = 0; i < c->n && !c->html; i++)
            if (gpucost_defaults_note(c->items[i].derivation->defaults, list, sizeof list)) {
                gc_view_line(v, 0, "%s", list);
                break;
            }
    }
    int conflicted = 0;
    for (size_t i = 0; i < c->n; i++) {
        const gpucost_derivation *d = c->items[i].derivation;
        for (size_t k = 0; k < d->nconflicts; k++) {
            char line[480];
            if (!conflicted++) {
                gc_view_gap(v);
                gc_view_subtitle(v, "(!) conflicts:");
            }
            gpucost_output_conflict(d, &d->conflicts[k], line, sizeof line);
            gc_view_item(v, 2, "conflict", c->items[i].scenario->id, line);
        }
    }
}

/* What each what-if row held, once when every row held the same. */
static void compare_whatifs(gc_view *v, const gpucost_result *items, size_t n)
{
    char first[1024] = "", line[1024];
    int same = 1, any = 0;
    for (size_t i = 0; i < n; i++) {
        gpucost_output_whatif(items[i].whatif, items[i].derivation, line, sizeof line);
        if (i == 0)
            gc_text_printf(first, sizeof first, "%s", line);
        same &= strcmp(line, first) == 0;
        any |= line[0] != '\0';
    }
    if (!any)
        return;
    gc_view_gap(v);
    gc_view_subtitle(v, "what-if:");
    for (size_t i = 0; i < n && !same; i++) {
        gpucost_output_whatif(items[i].whatif, items[i].derivation, line, sizeof line);
        if (line[0])
            gc_view_item(v, 2, NULL, items[i].scenario->id, line);
    }
    if (same)
        gc_view_item(v, 2, NULL, NULL, first);
}

static void compare_units(gc_view *v, const compare_ctx *c)
{
    char units[1024] = "";
    for (size_t k = 0; k < c->nc; k++) {
        const gpucost_quantity_info *info = gpucost_quantity_info_get(c->cols[k]);
        char item[160];
        const char *per = gpucost_quantity_per(c->cols[k], c->items[c->base[k]].derivation->period);
        gc_text_printf(item, sizeof item, "%s %s%s%s", info->name,
                       info->unit[0]                        ? info->unit
                       : info->style == GPUCOST_NUM_USD     ? "USD"
                       : info->style == GPUCOST_NUM_PERCENT ? "%"
                                                            : "(ratio)",
                       per[0] ? " per " : "", per);
        gc_text_append(units, sizeof units, "; ", item);
    }
    gc_view_gap(v);
    if (c->mixed)
        gc_view_line(v, 0,
                     "time bases: a value marked /day, /year or /N h is on another base than its "
                     "column and has no ratio; compare like with like (--quantities "
                     "annual_cost_usd puts every scenario on a year)");
    if (c->baseline >= 0)
        gc_view_line(v, 0, "units: %s; (Nx) = N times %s", units,
                     c->items[c->baseline].scenario->id);
    else
        gc_view_line(v, 0, "units: %s", units);
}

/* The comparison in one pass over the scenarios: each row of the table
 * (people and CSV) and, under `root` (NULL: none, as in the report), the
 * data's "baseline", "quantities" and each scenario's entry beside it;
 * then the notes under the table. */
static void comparison(gc_view *v, const gpucost_result *items, size_t n, int baseline,
                       gpucost_selection sel, int html, gc_dnode *root)
{
    compare_ctx c = {v, NULL, items, n, baseline, html, {0}, 0, 0, 0, {0}, {0}, 0};
    c.nc = compare_columns(items, n, sel, c.cols);
    gc_data_str(v, root, "baseline", baseline >= 0 ? items[baseline].scenario->id : NULL);
    gc_dnode *qa = gc_data_arr(v, root, "quantities");
    for (size_t k = 0; k < c.nc; k++)
        gc_data_str(v, qa, NULL, gpucost_quantity_info_get(c.cols[k])->name);
    c.scenarios = gc_data_arr(v, root, "scenarios");
    base_of *scratch = gc_malloc((n ? n : 1) * sizeof *scratch);
    if (scratch == NULL) {
        v->failed = 1;
        return;
    }
    for (size_t k = 0; k < c.nc; k++)
        c.base[k] = base_row(items, n, baseline, c.cols[k], scratch);
    gc_free(scratch);
    if (!html && baseline < 0) /* with ratios the numbers do not line up anyway */
        marker_widths(&c);
    gc_vtable *t = gc_view_table(v, 3 + 3 * c.nc, 0);
    gc_view_table_html(t, html ? "comparison-table" : NULL, "comparison");
    compare_head(t, &c);
    for (size_t i = 0; i < n; i++)
        compare_row(t, &c, i);
    if (c.used_cat || c.used_def)
        gc_view_gap(v);
    compare_notes(v, &c);
    if (!html) {
        compare_whatifs(v, items, n);
        compare_units(v, &c);
    } else if (c.mixed) {
        gc_view_line(v, 0,
                     "A value marked /day, /year or /N h is on another time base than its "
                     "column and has no ratio.");
    }
}

void gc_view_comparison(gc_view *v, const gpucost_result *items, size_t n, int baseline,
                        gpucost_selection sel, int html)
{
    comparison(v, items, n, baseline, sel, html, NULL);
}

/* The chart an SVG output draws: one bar per scenario that knows `q`
 * on the first one's time base, on a log axis when all are positive.
 * The page shows the table instead (svg_only). */
static void compare_chart(gc_view *v, const gpucost_result *items, size_t n, gpucost_quantity q)
{
    gc_series *s = gc_view_series(v, GC_SERIES_BARS, "bars", q);
    if (s == NULL)
        return;
    s->svg_only = 1;
    base_of *scratch = gc_malloc((n ? n : 1) * sizeof *scratch);
    if (scratch == NULL) {
        s->failed = 1;
        return;
    }
    size_t nb = 0, left = 0, first = base_row(items, n, -1, q, scratch);
    gc_free(scratch);
    int positive = 1;
    for (size_t i = 0; i < n; i++)
        if (gc_output_known(items[i].derivation, q) && !same_base(items, i, first, q))
            left++; /* one chart, one time base */
        else if (gc_output_known(items[i].derivation, q)) {
            gc_series_point(s, items[i].scenario->id, items[i].derivation->value[q]);
            positive &= items[i].derivation->value[q] > 0.0;
            nb++;
        }
    s->log_scale = positive;
    const gpucost_quantity_info *info = gpucost_quantity_info_get(q);
    char title[256];
    const char *per = gpucost_quantity_per(q, items[first].derivation->period);
    gc_text_printf(title, sizeof title, "%s (%s)%s%s", info->name, info->label,
                   per[0] ? " per " : "", per);
    if (left > 0)
        gc_text_printf(title + strlen(title), sizeof title - strlen(title),
                       "; %zu scenario%s on another time base left out", left,
                       left == 1 ? "" : "s");
    gc_series_title(s, "%s", title);
    if (nb == 0)
        gc_series_empty(s, GPUCOST_ENOTFOUND, "quantities", "no scenario knows '%s'", info->name);
}

gpucost_status gpucost_output_compare(const gpucost_result *items, size_t n, int baseline,
                                      gpucost_selection sel, const gpucost_units *units,
                                      gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = gc_output_guard_results(items, n, err);
    if (rc != GPUCOST_OK)
        return rc;
    if ((rc = gc_format_check("compare", f, err)) != GPUCOST_OK)
        return rc;
    gc_view v;
    gc_view_init_for(&v, f);
    gc_dnode *root = gc_data_root(&v, 0);
    comparison(&v, items, n, baseline, sel, 0, root);
    gc_view_units(&v, units);
    gc_output_units_json(&v, root, units);
    compare_chart(&v, items, n, sel.nq > 0 ? sel.qs[0] : GPUCOST_Q_COST_USD);
    return gc_view_finish(&v, f, out, err);
}
