/*
 * output_catalog.c - the reference outputs (output.h): `hardware` (the
 * catalog with TPP, performance density and the 3A090.a flag) and
 * `quantities` (every quantity, its unit, meaning, relations and where it
 * comes from when not given).
 */
#include <stdio.h>
#include <string.h>

#include "gpucost/number.h"
#include "gpucost/rules.h"
#include "output_internal.h"
#include "text.h"

static const char *eccn_text(int flag)
{
    return flag > 0 ? "yes" : flag == 0 ? "no" : "unknown";
}

static void hardware_json_entry(gc_jw *j, cJSON *root, const gpucost_hardware *h)
{
    cJSON *o = gc_jw_obj(j, root, NULL);
    gc_jw_str(j, o, "id", h->id);
    gc_jw_str(j, o, "name", h->name);
    gc_jw_str(j, o, "vendor", h->vendor);
    cJSON *p = gc_jw_obj(j, o, "peak_tflops");
    for (int k = 0; k < GPUCOST_P_COUNT; k++)
        if (h->peak_tflops[k] > 0.0)
            gc_jw_num(j, p, gpucost_precision_name((gpucost_precision)k), h->peak_tflops[k]);
    gc_jw_num_or_null(j, o, "tpp", h->tpp, h->tpp > 0.0);
    gc_jw_num_or_null(j, o, "performance_density", h->performance_density, h->die_area_mm2 > 0.0);
    if (h->eccn_3a090a < 0)
        gc_jw_str(j, o, "eccn_3a090a", NULL);
    else
        gc_jw_bool(j, o, "eccn_3a090a", h->eccn_3a090a);
    gc_jw_num_or_null(j, o, "memory_gb", h->memory_gb, h->memory_gb > 0);
    gc_jw_num_or_null(j, o, "memory_bw_tbs", h->memory_bw_tbs, h->memory_bw_tbs > 0);
    gc_jw_num_or_null(j, o, "interconnect_gbs", h->interconnect_gbs, h->interconnect_gbs > 0);
    gc_jw_num_or_null(j, o, "tdp_w", h->tdp_w, h->tdp_w > 0);
    gc_jw_num_or_null(j, o, "die_area_mm2", h->die_area_mm2, h->die_area_mm2 > 0);
    gc_jw_num_or_null(j, o, "price_usd_median", gpucost_dist_median(&h->price_usd), h->has_price);
    gc_jw_num_or_null(j, o, "rent_usd_per_hour_median", gpucost_dist_median(&h->rent_usd_per_hour),
                      h->has_rent);
    gc_jw_str(j, o, "file", h->file);
}

/* One number of the hardware table: people read "989", "3.35", "$30.0k"
 * or "1.98e15"; CSV the exact value; both empty ("-") when not known. */
static void hardware_cell(gc_vtable *t, double v, int k)
{
    char h[64] = "-", x[64] = "";
    if (v > 0.0) {
        gpucost_number_format_exact(v, x, sizeof x);
        if (k == 7)
            gpucost_number_format(v, GPUCOST_NUM_USD, h, sizeof h);
        else if (v >= 1e7) /* never a 300-digit integer */
            gpucost_number_format(v, GPUCOST_NUM_SCI, h, sizeof h);
        else
            snprintf(h, sizeof h, k == 6 || k == 3 ? "%.2f" : "%.0f", v);
    }
    gc_view_cell2(t, h, x);
}

/* Chips that measures after the thresholds name (the H20's 2025 licence),
 * which the 3A090.a column cannot show: one line pointing at --on. */
static void named_line(gc_view *v, const gpucost_catalog *c, const gpucost_hardware *only)
{
    const gpucost_rules *r = gpucost_catalog_rules(c);
    char list[512] = "";
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        const gpucost_rule *rule = gpucost_rules_at(r, i);
        for (size_t k = 0; k < rule->nnamed; k++) {
            if (only != NULL && strcmp(only->id, rule->named[k].hardware) != 0)
                continue;
            char one[160], day[16];
            gc_text_printf(one, sizeof one, "%s (%s from %s, %s)", rule->named[k].hardware,
                           gpucost_export_status_name(rule->named[k].status),
                           gpucost_date_format(rule->effective, day, sizeof day), rule->id);
            gc_text_list(list, sizeof list, one);
        }
    }
    if (list[0])
        gc_view_line(v, 0,
                     "Named by later measures: %s. Status on a date: gpucost hardware --on "
                     "YYYY-MM-DD.",
                     list);
}

static void hardware_view(gc_view *v, const gpucost_catalog *c, const gpucost_hardware *only)
{
    static const char *const head[] = {"id",        "name",    "bf16 TFLOPS", "fp8 TFLOPS",
                                       "memory GB", "TB/s",    "TDP W",       "TPP",
                                       "density",   "3A090.a", "price"};
    static const char *const csv_head[] = {
        "id",    "name", "bf16_tflops",         "fp8_tflops",  "memory_gb",       "memory_bw_tbs",
        "tdp_w", "tpp",  "performance_density", "eccn_3a090a", "price_usd_median"};
    gc_vtable *t = gc_view_table(v, 11, 0);
    for (size_t k = 0; k < 11; k++)
        gc_view_head(t, k, head[k], csv_head[k], k >= 2, GC_FOR_ALL);
    for (size_t i = 0; i < gpucost_catalog_count(c); i++) {
        const gpucost_hardware *h = gpucost_catalog_at(c, i);
        if (only != NULL && h != only)
            continue;
        double vals[8] = {h->peak_tflops[GPUCOST_P_BF16],
                          h->peak_tflops[GPUCOST_P_FP8],
                          h->memory_gb,
                          h->memory_bw_tbs,
                          h->tdp_w,
                          h->tpp,
                          h->performance_density,
                          h->has_price ? gpucost_dist_median(&h->price_usd) : 0.0};
        gc_view_row(t);
        gc_view_cell(t, h->id);
        gc_view_cell(t, h->name);
        for (int k = 0; k < 8; k++) {
            if (k == 7)
                gc_view_cell(t, eccn_text(h->eccn_3a090a));
            hardware_cell(t, vals[k], k);
        }
    }
    gc_view_gap(v);
    gc_view_line(v, 0,
                 "TPP = dense TOPS x bit length, maximised over precisions; density = TPP / die "
                 "area (mm2).");
    gc_view_line(v, 0,
                 "3A090.a: TPP >= %.0f, or TPP >= %.0f and density >= %.2f (88 FR 73458). price = "
                 "median of the catalog's purchase range.",
                 GPUCOST_3A090A_TPP, GPUCOST_3A090A2_TPP, GPUCOST_3A090A2_DENSITY);
    named_line(v, c, only);
}

gpucost_status gpucost_output_hardware(const gpucost_catalog *c, const char *id, gpucost_format f,
                                       gpucost_buf *out, gpucost_error *err)
{
    const gpucost_hardware *only = id != NULL ? gpucost_catalog_find(c, id) : NULL;
    if (f != GPUCOST_FMT_TABLE && f != GPUCOST_FMT_MD && f != GPUCOST_FMT_CSV &&
        f != GPUCOST_FMT_JSON)
        return gc_output_unsupported(f, "hardware", err);
    if (id != NULL && only == NULL) {
        char ids[512];
        gpucost_catalog_ids(c, ids, sizeof ids);
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, NULL,
                             "unknown hardware '%s' (known: %s)", id, ids);
    }
    if (f == GPUCOST_FMT_JSON) {
        gc_jw j;
        cJSON *root = gc_jw_start(&j, 1);
        for (size_t i = 0; i < gpucost_catalog_count(c); i++)
            if (only == NULL || gpucost_catalog_at(c, i) == only)
                hardware_json_entry(&j, root, gpucost_catalog_at(c, i));
        return gc_jw_finish(&j, out, err);
    }
    gc_view v;
    gc_view_init(&v);
    hardware_view(&v, c, only);
    return gc_view_finish(&v, f, out, err);
}

/* The kinds of scenario a quantity applies to: "training", "inference,
 * fleet", "all", indexed by the GPUCOST_FOR_* bits. */
static const char *const kinds[GPUCOST_FOR_ALL + 1] = {
    "",      "training",        "inference",        "training, inference",
    "fleet", "training, fleet", "inference, fleet", "all"};

static gpucost_status quantities_json(gpucost_buf *out, gpucost_error *err)
{
    gc_jw j;
    cJSON *root = gc_jw_start(&j, 1);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const gpucost_quantity_info *info = gpucost_quantity_info_get((gpucost_quantity)q);
        char rel[1024];
        gpucost_derive_describe((gpucost_quantity)q, rel, sizeof rel);
        const char *fb = gpucost_derive_fallback_text((gpucost_quantity)q);
        cJSON *o = gc_jw_obj(&j, root, NULL);
        gc_jw_str(&j, o, "name", info->name);
        gc_jw_str(&j, o, "unit", info->unit);
        gc_jw_str(&j, o, "meaning", info->label);
        gc_jw_str(&j, o, "kinds", kinds[info->kinds]);
        gc_jw_str(&j, o, "domain", gpucost_quantity_domain_text((gpucost_quantity)q));
        gc_jw_str(&j, o, "relation", rel);
        gc_jw_str(&j, o, "fallback", fb[0] ? fb : NULL);
    }
    return gc_jw_finish(&j, out, err);
}

gpucost_status gpucost_output_quantities(gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    if (f == GPUCOST_FMT_JSON)
        return quantities_json(out, err);
    if (f != GPUCOST_FMT_TABLE && f != GPUCOST_FMT_MD && f != GPUCOST_FMT_CSV)
        return gc_output_unsupported(f, "quantities", err);
    gc_view v;
    gc_view_init(&v);
    gc_vtable *t = gc_view_table(&v, 6, 0);
    const char *head[] = {"name", "unit", "meaning", "for", "relation", "when not given"};
    for (size_t c = 0; c < 6; c++)
        gc_view_head(t, c, head[c], NULL, 0, GC_FOR_ALL);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const gpucost_quantity_info *info = gpucost_quantity_info_get((gpucost_quantity)q);
        char rel[1024];
        gpucost_derive_describe((gpucost_quantity)q, rel, sizeof rel);
        const char *fb = gpucost_derive_fallback_text((gpucost_quantity)q);
        gc_view_row(t);
        gc_view_cell(t, info->name);
        gc_view_cellf(t, "%s%s", info->style == GPUCOST_NUM_USD ? "USD" : "",
                      info->style == GPUCOST_NUM_PERCENT ? "fraction" : info->unit);
        gc_view_cell(t, info->label);
        gc_view_cell(t, kinds[info->kinds]);
        gc_view_cell(t, rel[0] ? rel : "an input only");
        gc_view_cell(t, fb[0] ? fb : "-");
    }
    return gc_view_finish(&v, f, out, err);
}
