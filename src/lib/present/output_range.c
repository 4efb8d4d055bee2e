/*
 * output_range.c - `range` (percentiles of every varying quantity, the
 * tornado and Sobol indices) as one document (output.h): the tables for
 * people, the percentiles table alone for CSV, the statistics at full
 * precision for machines, and the histogram and tornado as series for
 * the charts (HTML draws both, SVG the one asked for).  `solve` is
 * output_solve.c's.
 */
#include <stdio.h>
#include <string.h>

#include "base/c_locale.h"
#include "gpucost/number.h"
#include "present/output_internal.h"
#include "base/text.h"

/* The label of quantile k of r: "p5", "p99.99999".  The fewest
 * significant digits (6 or more) that keep every label of the list
 * distinct and never round to p0 or p100: 99.99999 and 99.999999 are two
 * columns, not two "p100" keys. */
static void quantile_name_of(const gpucost_range_result *r, size_t k, char *buf, size_t n)
{
    for (int digits = 6; digits <= 17; digits++) {
        int ok = 1;
        char mine[32];
        gc_snprintf(mine, sizeof mine, "p%.*g", digits, r->quantiles[k] * 100.0);
        ok &= strcmp(mine, "p100") != 0 && strcmp(mine, "p0") != 0;
        for (size_t i = 0; ok && i < r->nquantiles; i++) {
            char other[32];
            gc_snprintf(other, sizeof other, "p%.*g", digits, r->quantiles[i] * 100.0);
            ok &= i == k || strcmp(mine, other) != 0;
        }
        if (ok || digits == 17) {
            gc_text_printf(buf, n, "%s", mine);
            return;
        }
    }
}

static int range_selected(gpucost_selection sel, gpucost_quantity q)
{
    if (sel.nq == 0)
        return 1;
    for (size_t i = 0; i < sel.nq; i++)
        if (sel.qs[i] == q)
            return 1;
    return 0;
}

static int baseline_value(const gpucost_result *b, gpucost_quantity q, double *v)
{
    if (b == NULL || !gc_output_known(b->derivation, q) || b->derivation->value[q] == 0.0)
        return 0;
    *v = b->derivation->value[q];
    return 1;
}

static gpucost_status range_guard(const gpucost_range_result *r, gpucost_error *err)
{
    gpucost_status rc = GPUCOST_OK;
    for (size_t s = 0; s < r->nstats && rc == GPUCOST_OK; s++) {
        const gpucost_range_stat *st = &r->stats[s];
        const char *name = gpucost_quantity_info_get(st->quantity)->name;
        rc = gpucost_output_guard(st->mean, name, err);
        if (rc == GPUCOST_OK)
            rc = gpucost_output_guard(st->sd, name, err);
        for (size_t k = 0; k < r->nquantiles && rc == GPUCOST_OK; k++)
            rc = gpucost_output_guard(st->q[k], name, err);
    }
    for (size_t t = 0; t < r->ntornado && rc == GPUCOST_OK; t++)
        rc = gpucost_output_guard(r->tornado[t].swing, gpucost_quantity_info_get(r->output)->name,
                                  err);
    return rc;
}

/* The data's members one quantity's row writes beside it: "quantities"
 * and the baseline's "ratios" (NULL without a baseline). */
typedef struct range_fields {
    gc_view *v;
    gc_dnode *quantities, *ratios;
} range_fields;

/* One quantity's row: mean, sd, quantiles, and ratios to the baseline;
 * for machines the same numbers under `f` (may be NULL). */
static void percentile_row(gc_vtable *t, const gpucost_range_result *r,
                           const gpucost_range_stat *st, const gpucost_result *baseline,
                           const range_fields *f)
{
    gc_view_row(t);
    const char *name = gpucost_quantity_info_get(st->quantity)->name, *per = r->per[st->quantity];
    char label[96];
    gc_text_printf(label, sizeof label, "%s%s%s", name, per[0] ? ", per " : "", per);
    gc_view_cell2(t, label, name);
    gc_view_value(t, st->quantity, st->mean, 1);
    gc_view_value(t, st->quantity, st->sd, 1);
    for (size_t k = 0; k < r->nquantiles; k++)
        gc_view_value(t, st->quantity, st->q[k], 1);
    double bv = 0.0;
    int has_b = baseline_value(baseline, st->quantity, &bv);
    if (f != NULL) {
        gc_dnode *o = gc_data_obj(f->v, f->quantities, name);
        gc_dnode *ro = has_b ? gc_data_obj(f->v, f->ratios, name) : NULL;
        gc_data_num(f->v, o, "mean", st->mean);
        gc_data_num(f->v, o, "sd", st->sd);
        for (size_t k = 0; k < r->nquantiles; k++) {
            char qn[48];
            quantile_name_of(r, k, qn, sizeof qn);
            gc_data_num(f->v, o, qn, st->q[k]);
            gc_data_num(f->v, ro, qn, st->q[k] / bv);
        }
    }
    for (size_t k = 0; baseline != NULL && k < r->nquantiles; k++) {
        char h[64] = "-", x[64] = "";
        if (has_b) {
            gpucost_number_format(st->q[k] / bv, GPUCOST_NUM_SI, h, sizeof h);
            strcat(h, "x");
            gpucost_number_format_exact(st->q[k] / bv, x, sizeof x);
        }
        gc_view_cell2(t, h, x);
    }
}

static void percentiles(gc_view *v, const gpucost_range_result *r, gpucost_selection sel,
                        const gpucost_result *baseline, const range_fields *f)
{
    size_t nb = baseline != NULL ? r->nquantiles : 0;
    gc_vtable *t = gc_view_table(v, 3 + r->nquantiles + nb, 2);
    gc_view_table_html(t, NULL, "range");
    gc_view_head(t, 0, "quantity", NULL, 0, GC_FOR_ALL);
    gc_view_head(t, 1, "mean", NULL, 1, GC_FOR_ALL);
    gc_view_head(t, 2, "sd", NULL, 1, GC_FOR_ALL);
    for (size_t k = 0; k < r->nquantiles + nb; k++) {
        char qn[48], h[300], x[64];
        quantile_name_of(r, k < r->nquantiles ? k : k - r->nquantiles, qn, sizeof qn);
        gc_text_printf(h, sizeof h, "%s / %s", qn,
                       k >= r->nquantiles ? baseline->scenario->id : "");
        gc_text_printf(x, sizeof x, "%s_ratio", qn);
        gc_view_head(t, 3 + k, k < r->nquantiles ? qn : h, k < r->nquantiles ? NULL : x, 1,
                     GC_FOR_ALL);
    }
    for (size_t s = 0; s < r->nstats; s++)
        if (range_selected(sel, r->stats[s].quantity))
            percentile_row(t, r, &r->stats[s], baseline, f);
}

void gc_view_percentiles(gc_view *v, const gpucost_range_result *r, gpucost_selection sel,
                         const gpucost_result *baseline)
{
    percentiles(v, r, sel, baseline, NULL);
}

/* The tornado: for people each moving input's row, for machines every
 * bar under `root` ("tornado", "output"). */
static void tornado_view(gc_view *v, const gpucost_range_result *r, gc_dnode *root)
{
    gc_dnode *tor = gc_data_arr(v, root, "tornado");
    gc_data_str(v, root, "output", gpucost_quantity_info_get(r->output)->name);
    char med[80], still[512];
    gpucost_quantity_format_per(r->output, r->output_median, r->per[r->output], med, sizeof med);
    gc_view_gap(v);
    gc_view_line(
        v, 2,
        "tornado of %s (%s with every input at its median): each input from its p5 to its p95",
        gpucost_quantity_info_get(r->output)->name, med);
    gc_view_gap(v);
    gc_vtable *t = gc_view_table(v, 6, 2);
    gc_view_table_for(t, GC_FOR_PEOPLE);
    const char *head[] = {"input",        "input p5",      "input p95",
                          "output at p5", "output at p95", "swing"};
    for (size_t c = 0; c < 6; c++)
        gc_view_head(t, c, head[c], NULL, c > 0, GC_FOR_ALL);
    for (size_t i = 0; i < r->ntornado; i++) {
        const gpucost_tornado_bar *b = &r->tornado[i];
        gc_dnode *o = gc_data_obj(v, tor, NULL);
        gc_data_str(v, o, "input", gpucost_quantity_info_get(b->input)->name);
        gc_data_num(v, o, "input_low", b->input_low);
        gc_data_num(v, o, "input_high", b->input_high);
        gc_data_num(v, o, "low", b->low);
        gc_data_num(v, o, "high", b->high);
        gc_data_num(v, o, "swing", b->swing);
        if (i >= r->nmoving)
            continue; /* an input with no effect: listed under the table */
        gc_view_row(t);
        gc_view_cell(t, gpucost_quantity_info_get(b->input)->name);
        gc_view_value(t, b->input, b->input_low, 1);
        gc_view_value(t, b->input, b->input_high, 1);
        gc_view_value(t, r->output, b->low, 1);
        gc_view_value(t, r->output, b->high, 1);
        gc_view_value(t, r->output, b->swing, 1);
    }
    if (gpucost_range_no_effect(r, still, sizeof still))
        gc_view_line(v, 2, "%s", still);
}

/* Whether stat s is an input (an input explains itself). */
static int is_input(const gpucost_range_result *r, size_t s)
{
    for (size_t i = 0; i < r->ninputs; i++)
        if (r->inputs[i] == r->stats[s].quantity)
            return 1;
    return 0;
}

/* Sobol indices: for people the outputs' nonzero ones, for machines
 * every selected quantity's under `root` ("sobol_evaluations", "sobol"). */
static void sobol_view(gc_view *v, const gpucost_range_result *r, gpucost_selection sel,
                       gc_dnode *root)
{
    gc_data_num(v, root, "sobol_evaluations", (double)r->sobol_evaluations);
    gc_dnode *so = gc_data_obj(v, root, "sobol");
    char n1[32], n2[32];
    gpucost_number_format((double)r->sobol_samples, GPUCOST_NUM_COUNT, n1, sizeof n1);
    gpucost_number_format((double)r->sobol_evaluations, GPUCOST_NUM_COUNT, n2, sizeof n2);
    gc_view_gap(v);
    gc_view_line(v, 2,
                 "Sobol indices: first-order (Saltelli) and total (Jansen), %s x (%zu + 2) = %s "
                 "model evaluations",
                 n1, r->ninputs, n2);
    gc_view_gap(v);
    gc_vtable *t = gc_view_table(v, 4, 2);
    gc_view_table_for(t, GC_FOR_PEOPLE);
    const char *head[] = {"output", "input", "first", "total"};
    for (size_t c = 0; c < 4; c++)
        gc_view_head(t, c, head[c], NULL, c >= 2, GC_FOR_ALL);
    for (size_t s = 0; s < r->nstats; s++) {
        if (!range_selected(sel, r->stats[s].quantity))
            continue;
        const char *name = gpucost_quantity_info_get(r->stats[s].quantity)->name;
        gc_dnode *arr = gc_data_arr(v, so, name);
        /* for people an input explains itself, unless asked for */
        int shown = !(is_input(r, s) && sel.nq == 0);
        for (size_t i = 0; i < r->ninputs; i++) {
            gc_dnode *o = gc_data_obj(v, arr, NULL);
            gc_data_str(v, o, "input", gpucost_quantity_info_get(r->sobol[s][i].input)->name);
            gc_data_num(v, o, "first", r->sobol[s][i].first);
            gc_data_num(v, o, "total", r->sobol[s][i].total);
            /* an input the output does not depend on has both exactly 0 */
            if (!shown || (r->sobol[s][i].first == 0.0 && r->sobol[s][i].total == 0.0))
                continue;
            gc_view_row(t);
            gc_view_cell(t, name);
            name = "";
            gc_view_cell(t, gpucost_quantity_info_get(r->sobol[s][i].input)->name);
            gc_view_cellf(t, "%.3f", r->sobol[s][i].first);
            gc_view_cellf(t, "%.3f", r->sobol[s][i].total);
        }
    }
}

/* The run in one pass, in the order people read it: its settings, the
 * percentiles, the tornado and the Sobol indices, each table's numbers
 * written to the data beside it (docs/commands.md's members). */
static void range_view(gc_view *v, const gpucost_scenario *sc, const gpucost_range_result *r,
                       gpucost_selection sel, const gpucost_result *baseline)
{
    gc_dnode *root = gc_data_root(v, 0);
    gc_data_str(v, root, "id", sc->id);
    gc_data_num(v, root, "samples", (double)r->samples);
    gc_data_num(v, root, "seed", (double)r->seed);
    gc_data_str(v, root, "rng", r->rng);
    gc_data_num(v, root, "threads", r->threads);
    gc_data_bool(v, root, "exact_quantiles", r->exact);
    gc_dnode *in = gc_data_arr(v, root, "inputs");
    for (size_t i = 0; i < r->ninputs; i++)
        gc_data_str(v, in, NULL, gpucost_quantity_info_get(r->inputs[i])->name);
    range_fields f = {v, gc_data_obj(v, root, "quantities"), NULL};
    if (baseline != NULL) {
        gc_dnode *b = gc_data_obj(v, root, "baseline");
        gc_data_str(v, b, "id", baseline->scenario->id);
        f.ratios = gc_data_obj(v, b, "ratios");
    }
    char inputs[512] = "", samples[32];
    for (size_t i = 0; i < r->ninputs; i++)
        gc_text_list(inputs, sizeof inputs, gpucost_quantity_info_get(r->inputs[i])->name);
    gpucost_number_format((double)r->samples, GPUCOST_NUM_COUNT, samples, sizeof samples);
    gc_view_title(v, "%s: %s", sc->id, sc->title);
    gc_view_line(v, 2, "%s samples, seed %lu, %d thread%s, %s quantiles; uncertain: %s", samples,
                 r->seed, r->threads, r->threads == 1 ? "" : "s",
                 r->exact ? "exact" : "histogram (0.1% bins)", inputs);
    gc_view_gap(v);
    percentiles(v, r, sel, baseline, &f);
    tornado_view(v, r, root);
    if (r->has_sobol)
        sobol_view(v, r, sel, root);
}

void gc_view_histogram(gc_view *v, const char *title, const gpucost_range_result *r)
{
    gc_series *s = gc_view_series(v, GC_SERIES_HISTOGRAM, "histogram", r->output);
    if (s == NULL)
        return;
    gc_series_title(s, "%s", title);
    int k = gpucost_range_find(r, r->output);
    if (k < 0) {
        gc_series_empty(s, GPUCOST_EINVAL, NULL, "the headline output does not vary");
        return;
    }
    s->samples = (double)r->samples;
    gc_series_bins(s, r->hist_edges, r->hist_share, GPUCOST_HIST_BINS);
    for (size_t i = 0; i < r->nquantiles; i++) {
        char mark[48];
        gc_text_printf(mark, sizeof mark, "p%g", r->quantiles[i] * 100.0);
        gc_series_point(s, mark, r->stats[k].q[i]);
    }
}

void gc_view_tornado(gc_view *v, const char *title, const gpucost_range_result *r)
{
    gc_series *s = gc_view_series(v, GC_SERIES_TORNADO, "tornado", r->output);
    if (s == NULL)
        return;
    gc_series_title(s, "%s", title);
    gc_series_empty(s, GPUCOST_EINVAL, NULL, "no uncertain inputs to chart");
    s->centre = r->output_median;
    for (size_t i = 0; i < r->ntornado; i++) {
        const gpucost_tornado_bar *b = &r->tornado[i];
        char range[160], lo[64], hi[64];
        gpucost_quantity_format(b->input, b->input_low, lo, sizeof lo);
        gpucost_quantity_format(b->input, b->input_high, hi, sizeof hi);
        gc_text_printf(range, sizeof range, "%s to %s", lo, hi);
        /* inputs with no effect (after the moving ones) fold into the
         * caption, unless none moves */
        gc_series_input(s, gpucost_quantity_info_get(b->input)->name, range, b->low, b->high,
                        b->swing, r->nmoving > 0 && i >= r->nmoving);
    }
    char still[512];
    if (gpucost_range_no_effect(r, still, sizeof still))
        gc_series_caption(s, still);
}

void gc_view_range_charts(gc_view *v, const gpucost_scenario *sc, const gpucost_range_result *r)
{
    char title[256];
    const char *name = gpucost_quantity_info_get(r->output)->name;
    gc_text_printf(title, sizeof title, "%s: distribution of %s", sc->id, name);
    gc_view_histogram(v, title, r);
    gc_text_printf(title, sizeof title, "%s: what drives %s (each input from its p5 to its p95)",
                   sc->id, name);
    gc_view_tornado(v, title, r);
}

gpucost_status gpucost_output_range_chart(const gpucost_scenario *sc, const gpucost_range_result *r,
                                          gpucost_range_chart which, gpucost_buf *out,
                                          gpucost_error *err)
{
    gc_view v;
    gc_view_init_for(&v, GPUCOST_FMT_SVG);
    gc_view_range_charts(&v, sc, r);
    gc_view_chart(&v, which == GPUCOST_CHART_TORNADO ? "tornado" : "histogram");
    return gc_view_finish(&v, GPUCOST_FMT_SVG, out, err);
}

gpucost_status gpucost_output_range(const gpucost_scenario *sc, const gpucost_range_result *r,
                                    gpucost_selection sel, const gpucost_result *baseline,
                                    gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = range_guard(r, err);
    if (rc != GPUCOST_OK)
        return rc;
    if ((rc = gc_format_check("range", f, err)) != GPUCOST_OK)
        return rc;
    gc_view v;
    gc_view_init_for(&v, f);
    range_view(&v, sc, r, sel, baseline);
    /* after the tables: the page draws both, an SVG output the first */
    gc_view_range_charts(&v, sc, r);
    return gc_view_finish(&v, f, out, err);
}
