/*
 * output_range.c - `range` (percentiles of every varying quantity, the
 * tornado and Sobol indices) and `solve` (output.h).  CSV of a range is
 * its percentiles table alone; JSON keeps full precision.
 */
#include <stdio.h>
#include <string.h>

#include "base/c_locale.h"
#include "gpucost/chart.h"
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

static void range_json_sobol(gc_jw *j, cJSON *root, const gpucost_range_result *r,
                             gpucost_selection sel)
{
    gc_jw_num(j, root, "sobol_evaluations", (double)r->sobol_evaluations);
    cJSON *so = gc_jw_obj(j, root, "sobol");
    for (size_t s = 0; s < r->nstats; s++) {
        if (!range_selected(sel, r->stats[s].quantity))
            continue;
        cJSON *arr = gc_jw_arr(j, so, gpucost_quantity_info_get(r->stats[s].quantity)->name);
        for (size_t i = 0; i < r->ninputs; i++) {
            cJSON *o = gc_jw_obj(j, arr, NULL);
            gc_jw_str(j, o, "input", gpucost_quantity_info_get(r->sobol[s][i].input)->name);
            gc_jw_num(j, o, "first", r->sobol[s][i].first);
            gc_jw_num(j, o, "total", r->sobol[s][i].total);
        }
    }
}

static void range_json_tornado(gc_jw *j, cJSON *root, const gpucost_range_result *r)
{
    cJSON *tor = gc_jw_arr(j, root, "tornado");
    gc_jw_str(j, root, "output", gpucost_quantity_info_get(r->output)->name);
    for (size_t t = 0; t < r->ntornado; t++) {
        const gpucost_tornado_bar *b = &r->tornado[t];
        cJSON *o = gc_jw_obj(j, tor, NULL);
        gc_jw_str(j, o, "input", gpucost_quantity_info_get(b->input)->name);
        gc_jw_num(j, o, "input_low", b->input_low);
        gc_jw_num(j, o, "input_high", b->input_high);
        gc_jw_num(j, o, "low", b->low);
        gc_jw_num(j, o, "high", b->high);
        gc_jw_num(j, o, "swing", b->swing);
    }
}

static gpucost_status range_json(const gpucost_scenario *sc, const gpucost_range_result *r,
                                 gpucost_selection sel, const gpucost_result *baseline,
                                 gpucost_buf *out, gpucost_error *err)
{
    gc_jw j;
    cJSON *root = gc_jw_start(&j, 0);
    gc_jw_str(&j, root, "id", sc->id);
    gc_jw_num(&j, root, "samples", (double)r->samples);
    gc_jw_num(&j, root, "seed", (double)r->seed);
    gc_jw_str(&j, root, "rng", r->rng);
    gc_jw_num(&j, root, "threads", r->threads);
    gc_jw_bool(&j, root, "exact_quantiles", r->exact);
    cJSON *in = gc_jw_arr(&j, root, "inputs");
    for (size_t i = 0; i < r->ninputs; i++)
        gc_jw_str(&j, in, NULL, gpucost_quantity_info_get(r->inputs[i])->name);
    cJSON *qs = gc_jw_obj(&j, root, "quantities");
    cJSON *ratios = NULL;
    if (baseline != NULL) {
        cJSON *b = gc_jw_obj(&j, root, "baseline");
        gc_jw_str(&j, b, "id", baseline->scenario->id);
        ratios = gc_jw_obj(&j, b, "ratios");
    }
    for (size_t s = 0; s < r->nstats; s++) {
        const gpucost_range_stat *st = &r->stats[s];
        if (!range_selected(sel, st->quantity))
            continue;
        const char *name = gpucost_quantity_info_get(st->quantity)->name;
        cJSON *o = gc_jw_obj(&j, qs, name);
        gc_jw_num(&j, o, "mean", st->mean);
        gc_jw_num(&j, o, "sd", st->sd);
        double bv = 0.0;
        cJSON *ro =
            baseline_value(baseline, st->quantity, &bv) ? gc_jw_obj(&j, ratios, name) : NULL;
        for (size_t k = 0; k < r->nquantiles; k++) {
            char qn[48];
            quantile_name_of(r, k, qn, sizeof qn);
            gc_jw_num(&j, o, qn, st->q[k]);
            if (ro != NULL)
                gc_jw_num(&j, ro, qn, st->q[k] / bv);
        }
    }
    range_json_tornado(&j, root, r);
    if (r->has_sobol)
        range_json_sobol(&j, root, r, sel);
    return gc_jw_finish(&j, out, err);
}

/* One quantity's row: mean, sd, quantiles, and ratios to the baseline. */
static void percentile_row(gc_vtable *t, const gpucost_range_result *r,
                           const gpucost_range_stat *st, const gpucost_result *baseline)
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

void gc_view_percentiles(gc_view *v, const gpucost_range_result *r, gpucost_selection sel,
                         const gpucost_result *baseline)
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
            percentile_row(t, r, &r->stats[s], baseline);
}

static void tornado_view(gc_view *v, const gpucost_range_result *r)
{
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
    for (size_t i = 0; i < r->nmoving; i++) {
        const gpucost_tornado_bar *b = &r->tornado[i];
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

static void sobol_view(gc_view *v, const gpucost_range_result *r, gpucost_selection sel)
{
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
        if (!range_selected(sel, r->stats[s].quantity) || (is_input(r, s) && sel.nq == 0))
            continue;
        const char *name = gpucost_quantity_info_get(r->stats[s].quantity)->name;
        for (size_t i = 0; i < r->ninputs; i++) {
            /* an input the output does not depend on has both exactly 0 */
            if (r->sobol[s][i].first == 0.0 && r->sobol[s][i].total == 0.0)
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

static void range_view(gc_view *v, const gpucost_scenario *sc, const gpucost_range_result *r,
                       gpucost_selection sel, const gpucost_result *baseline)
{
    char inputs[512] = "", samples[32];
    for (size_t i = 0; i < r->ninputs; i++)
        gc_text_list(inputs, sizeof inputs, gpucost_quantity_info_get(r->inputs[i])->name);
    gpucost_number_format((double)r->samples, GPUCOST_NUM_COUNT, samples, sizeof samples);
    gc_view_title(v, "%s: %s", sc->id, sc->title);
    gc_view_line(v, 2, "%s samples, seed %lu, %d thread%s, %s quantiles; uncertain: %s", samples,
                 r->seed, r->threads, r->threads == 1 ? "" : "s",
                 r->exact ? "exact" : "histogram (0.1% bins)", inputs);
    gc_view_gap(v);
    gc_view_percentiles(v, r, sel, baseline);
    tornado_view(v, r);
    if (r->has_sobol)
        sobol_view(v, r, sel);
}

gpucost_status gpucost_output_range_chart(const gpucost_scenario *sc, const gpucost_range_result *r,
                                          gpucost_range_chart which, gpucost_buf *out,
                                          gpucost_error *err)
{
    char title[256];
    const char *name = gpucost_quantity_info_get(r->output)->name;
    if (which == GPUCOST_CHART_TORNADO) {
        gc_text_printf(title, sizeof title,
                       "%s: what drives %s (each input from its p5 to its p95)", sc->id, name);
        return gpucost_chart_tornado(title, r, out, err);
    }
    gc_text_printf(title, sizeof title, "%s: distribution of %s", sc->id, name);
    return gpucost_chart_histogram(title, r, out, err);
}

/* HTML's range: both charts after the tables, from the one result. */
static gpucost_status range_charts(gc_view *v, const gpucost_scenario *sc,
                                   const gpucost_range_result *r, gpucost_error *err)
{
    gpucost_buf svg;
    gpucost_buf_init(&svg);
    gpucost_status rc = gpucost_output_range_chart(sc, r, GPUCOST_CHART_HISTOGRAM, &svg, err);
    gc_view_svg(v, "histogram", &svg);
    if (rc == GPUCOST_OK)
        rc = gpucost_output_range_chart(sc, r, GPUCOST_CHART_TORNADO, &svg, err);
    gc_view_svg(v, "tornado", &svg);
    return rc;
}

gpucost_status gpucost_output_range(const gpucost_scenario *sc, const gpucost_range_result *r,
                                    gpucost_selection sel, const gpucost_result *baseline,
                                    gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = range_guard(r, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JSON)
        return range_json(sc, r, sel, baseline, out, err);
    if (f == GPUCOST_FMT_SVG)
        return gpucost_output_range_chart(sc, r, GPUCOST_CHART_HISTOGRAM, out, err);
    if (f != GPUCOST_FMT_TABLE && f != GPUCOST_FMT_MD && f != GPUCOST_FMT_CSV &&
        f != GPUCOST_FMT_HTML)
        return gc_output_unsupported(f, "range", err);
    gc_view v;
    gc_view_init(&v);
    range_view(&v, sc, r, sel, baseline);
    if (f == GPUCOST_FMT_HTML)
        rc = range_charts(&v, sc, r, err);
    if (rc != GPUCOST_OK) {
        gc_view_release(&v);
        return rc;
    }
    return gc_view_finish(&v, f, out, err);
}

/* ---- solve ---------------------------------------------------------- */

static gpucost_status solve_json(const gpucost_scenario *s, const gpucost_solve_result *r,
                                 gpucost_buf *out, gpucost_error *err)
{
    gc_jw j;
    cJSON *root = gc_jw_start(&j, 0);
    gc_jw_str(&j, root, "scenario", s->id);
    gc_jw_str(&j, root, "for", gpucost_quantity_info_get(r->input)->name);
    gc_jw_num(&j, root, "value", r->value);
    cJSON *t = gc_jw_obj(&j, root, "target");
    gc_jw_num(&j, t, gpucost_quantity_info_get(r->target)->name, r->target_value);
    gc_jw_num(&j, root, "achieved", r->achieved);
    gc_jw_num(&j, root, "iterations", r->iterations);
    return gc_jw_finish(&j, out, err);
}

gpucost_status gpucost_output_solve(const gpucost_scenario *s, const gpucost_solve_result *r,
                                    gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    const char *in = gpucost_quantity_info_get(r->input)->name;
    const char *tg = gpucost_quantity_info_get(r->target)->name;
    gpucost_status rc = gpucost_output_guard(r->value, in, err);
    if (rc == GPUCOST_OK)
        rc = gpucost_output_guard(r->achieved, tg, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JSON)
        return solve_json(s, r, out, err);
    if (f != GPUCOST_FMT_TABLE && f != GPUCOST_FMT_MD && f != GPUCOST_FMT_CSV)
        return gc_output_unsupported(f, "solve", err);
    char v[64], want[64], start[64], exact[40];
    gpucost_quantity_format(r->input, r->value, v, sizeof v);
    gpucost_quantity_format(r->target, r->target_value, want, sizeof want);
    gpucost_quantity_format(r->input, r->start, start, sizeof start);
    gpucost_number_format_exact(r->value, exact, sizeof exact);
    gc_view view;
    gc_view_init(&view);
    gc_view_title(&view, "%s: %s = %s gives %s = %s", s->id, in, v, tg, want);
    gc_view_line(&view, 2, "(exact: %s; started from %s; %d Brent iterations)", exact, start,
                 r->iterations);
    gc_vtable *t = gc_view_table(&view, 5, 0);
    gc_view_table_for(t, GC_FOR_CSV);
    const char *head[] = {"scenario", "for", "value", "target", "target_value"};
    for (size_t c = 0; c < 5; c++)
        gc_view_head(t, c, head[c], NULL, 0, GC_FOR_ALL);
    gc_view_row(t);
    gc_view_cell(t, s->id);
    gc_view_cell(t, in);
    gc_view_value(t, r->input, r->value, 1);
    gc_view_cell(t, tg);
    gc_view_value(t, r->target, r->target_value, 1);
    return gc_view_finish(&view, f, out, err);
}
