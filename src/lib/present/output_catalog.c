/*
 * output_catalog.c - the reference outputs (output.h): `hardware` (the
 * catalog with TPP, performance density and the 3A090.a flag, its rows
 * filtered by vendor and release year, sorted by any column, its columns
 * chosen from one table, `cols`), one document: the table for people and
 * CSV, each accelerator's catalog entry for machines.  `quantities` is
 * output_quantities.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/number.h"
#include "gpucost/rules.h"
#include "present/output_internal.h"
#include "base/text.h"

static const char *eccn_text(int flag)
{
    return flag > 0 ? "yes" : flag == 0 ? "no" : "unknown";
}

static void hardware_json_entry(gc_view *doc, gc_dnode *root, const gpucost_hardware *h)
{
    gc_dnode *o = gc_data_obj(doc, root, NULL);
    gc_data_str(doc, o, "id", h->id);
    gc_data_str(doc, o, "name", h->name);
    gc_data_str(doc, o, "vendor", h->vendor);
    gc_data_str(doc, o, "release_date", h->release_date);
    if (h->datacenter < 0)
        gc_data_str(doc, o, "datacenter", NULL);
    else
        gc_data_bool(doc, o, "datacenter", h->datacenter);
    gc_dnode *p = gc_data_obj(doc, o, "peak_tflops");
    for (int k = 0; k < GPUCOST_P_COUNT; k++)
        if (h->peak_tflops[k] > 0.0)
            gc_data_num(doc, p, gpucost_precision_name((gpucost_precision)k), h->peak_tflops[k]);
    gc_data_num_or_null(doc, o, "tpp", h->tpp, h->tpp > 0.0);
    gc_data_bool(doc, o, "tensor_peaks_missing", h->tpp_floor);
    gc_data_num_or_null(doc, o, "performance_density", h->performance_density,
                        h->die_area_mm2 > 0.0);
    if (h->eccn_3a090a < 0)
        gc_data_str(doc, o, "eccn_3a090a", NULL);
    else
        gc_data_bool(doc, o, "eccn_3a090a", h->eccn_3a090a);
    gc_data_num_or_null(doc, o, "memory_gb", h->memory_gb, h->memory_gb > 0);
    gc_data_num_or_null(doc, o, "memory_bw_tbs", h->memory_bw_tbs, h->memory_bw_tbs > 0);
    gc_data_num_or_null(doc, o, "interconnect_gbs", h->interconnect_gbs, h->interconnect_gbs > 0);
    gc_data_num_or_null(doc, o, "tdp_w", h->tdp_w, h->tdp_w > 0);
    gc_data_num_or_null(doc, o, "die_area_mm2", h->die_area_mm2, h->die_area_mm2 > 0);
    gc_data_num_or_null(doc, o, "price_usd_median", gpucost_dist_median(&h->price_usd),
                        h->has_price);
    gc_data_num_or_null(doc, o, "rent_usd_per_hour_median",
                        gpucost_dist_median(&h->rent_usd_per_hour), h->has_rent);
    gc_data_str(doc, o, "file", h->file);
}

/* Chips below the 3A090.a thresholds that a control measure names (the
 * H20's 2025 licence), which the 3A090.a column cannot show: one line
 * pointing at --on. */
static void named_line(gc_view *v, const gpucost_catalog *c, const gpucost_hardware *only)
{
    const gpucost_rules *r = gpucost_catalog_rules(c);
    char list[512] = "";
    for (size_t i = 0; i < gpucost_rules_count(r); i++) {
        const gpucost_rule *rule = gpucost_rules_at(r, i);
        for (size_t k = 0; rule->kind == GPUCOST_RULE_CONTROL && k < rule->nnamed; k++) {
            const gpucost_hardware *h = gpucost_catalog_find(c, rule->named[k].hardware);
            if ((only != NULL && h != only) || h == NULL || h->eccn_3a090a == 1)
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

/* ---- the table's columns ---------------------------------------------- */

enum col_style { S_TEXT, S_PEAK, S_INT, S_2, S_USD };

typedef struct hw_col {
    const char *key, *head, *csv;
    enum col_style style;
} hw_col;

static const hw_col cols[] = {
    {"id", "id", "id", S_TEXT},
    {"name", "name", "name", S_TEXT},
    {"vendor", "vendor", "vendor", S_TEXT},
    {"released", "released", "release_date", S_TEXT},
    {"datacenter", "datacenter", "datacenter", S_TEXT},
    {"fp4", "fp4 TFLOPS", "fp4_tflops", S_PEAK},
    {"fp8", "fp8 TFLOPS", "fp8_tflops", S_PEAK},
    {"int8", "int8 TOPS", "int8_tops", S_PEAK},
    {"bf16", "bf16 TFLOPS", "bf16_tflops", S_PEAK},
    {"fp16", "fp16 TFLOPS", "fp16_tflops", S_PEAK},
    {"tf32", "tf32 TFLOPS", "tf32_tflops", S_PEAK},
    {"fp32", "fp32 TFLOPS", "fp32_tflops", S_PEAK},
    {"fp64", "fp64 TFLOPS", "fp64_tflops", S_PEAK},
    {"memory_gb", "memory GB", "memory_gb", S_INT},
    {"memory_bw_tbs", "TB/s", "memory_bw_tbs", S_2},
    {"interconnect_gbs", "link GB/s", "interconnect_gbs", S_INT},
    {"tdp_w", "TDP W", "tdp_w", S_INT},
    {"die_area_mm2", "die mm2", "die_area_mm2", S_INT},
    {"tpp", "TPP", "tpp", S_INT},
    {"density", "density", "performance_density", S_2},
    {"3a090a", "3A090.a", "eccn_3a090a", S_TEXT},
    {"price", "price", "price_usd_median", S_USD},
    {"rent", "rent/h", "rent_usd_per_hour_median", S_USD},
};
#define NCOLS (sizeof cols / sizeof cols[0])
#define HW_MAX_COLS 32

static const char *const default_cols[] = {"name",  "bf16", "fp8",     "memory_gb", "memory_bw_tbs",
                                           "tdp_w", "tpp",  "density", "3a090a",    "price"};

static int col_find(const char *key, size_t n)
{
    for (size_t i = 0; i < NCOLS; i++)
        if (strlen(cols[i].key) == n && strncmp(cols[i].key, key, n) == 0)
            return (int)i;
    return -1;
}

static const gpucost_precision peak_of[] = {GPUCOST_P_FP4,  GPUCOST_P_FP8,  GPUCOST_P_INT8,
                                            GPUCOST_P_BF16, GPUCOST_P_FP16, GPUCOST_P_TF32,
                                            GPUCOST_P_FP32, GPUCOST_P_FP64};

/* A numeric column's value; 0 when not known. */
static double col_number(const gpucost_hardware *h, int c)
{
    const char *k = cols[c].key;
    if (cols[c].style == S_PEAK)
        return h->peak_tflops[peak_of[c - col_find("fp4", 3)]];
    if (strcmp(k, "memory_gb") == 0)
        return h->memory_gb;
    if (strcmp(k, "memory_bw_tbs") == 0)
        return h->memory_bw_tbs;
    if (strcmp(k, "interconnect_gbs") == 0)
        return h->interconnect_gbs;
    if (strcmp(k, "tdp_w") == 0)
        return h->tdp_w;
    if (strcmp(k, "die_area_mm2") == 0)
        return h->die_area_mm2;
    if (strcmp(k, "tpp") == 0)
        return h->tpp;
    if (strcmp(k, "density") == 0)
        return h->performance_density;
    if (strcmp(k, "price") == 0)
        return h->has_price ? gpucost_dist_median(&h->price_usd) : 0.0;
    if (strcmp(k, "rent") == 0)
        return h->has_rent ? gpucost_dist_median(&h->rent_usd_per_hour) : 0.0;
    return 0.0;
}

/* A text column's value; NULL when not known. */
static const char *col_text(const gpucost_hardware *h, int c)
{
    const char *k = cols[c].key;
    if (strcmp(k, "id") == 0)
        return h->id;
    if (strcmp(k, "name") == 0)
        return h->name;
    if (strcmp(k, "vendor") == 0)
        return h->vendor != NULL && h->vendor[0] ? h->vendor : NULL;
    if (strcmp(k, "released") == 0)
        return h->release_date;
    if (strcmp(k, "datacenter") == 0)
        return h->datacenter < 0 ? NULL : h->datacenter ? "yes" : "no";
    return eccn_text(h->eccn_3a090a);
}

/* One number: people read "989", "3.35", "$30.0k" or "1.98e15" ("1238+"
 * for a floor); CSV the exact value; both "-" when not known. */
static void hardware_cell(gc_vtable *t, double v, enum col_style style, int at_least)
{
    char h[64] = "-", x[64] = "";
    if (v > 0.0) {
        gpucost_number_format_exact(v, x, sizeof x);
        if (style == S_USD)
            gpucost_number_format(v, GPUCOST_NUM_USD, h, sizeof h);
        else if (v >= 1e7) /* never a 300-digit integer */
            gpucost_number_format(v, GPUCOST_NUM_SCI, h, sizeof h);
        else if (style == S_PEAK && v < 1.0)
            gc_snprintf(h, sizeof h, "%.2g", v);
        else if (style == S_PEAK && v < 100.0 && v != floor(v))
            gc_snprintf(h, sizeof h, "%.1f", v);
        else
            gc_snprintf(h, sizeof h, style == S_2 ? "%.2f" : "%.0f", v);
        if (at_least)
            gc_text_append(h, sizeof h, "", "+");
    }
    gc_view_cell2(t, h, x);
}

/* ---- choosing rows and columns ------------------------------------------ */

typedef struct hw_plan {
    int col[HW_MAX_COLS];
    size_t ncols;
    int sort;               /* a column, or -1 for by id */
    const char *vendor;     /* NULL: any */
    int year_from, year_to; /* 0: any */
} hw_plan;

/* A bad selection names its request key as the path (a front end spells it). */
#define SEL_USAGE(err, key, ...)                                                                   \
    GPUCOST_ERROR((err), GPUCOST_EUSAGE, NULL, 0, 0, (key), __VA_ARGS__)

static gpucost_status plan_columns(hw_plan *p, const char *list, gpucost_error *err)
{
    p->col[p->ncols++] = 0; /* the id, always first */
    if (list == NULL) {
        for (size_t i = 0; i < sizeof default_cols / sizeof default_cols[0]; i++)
            p->col[p->ncols++] = col_find(default_cols[i], strlen(default_cols[i]));
        return GPUCOST_OK;
    }
    for (const char *s = list;;) {
        size_t n = strcspn(s, ",");
        int c = col_find(s, n);
        if (c < 0)
            return SEL_USAGE(err, "columns",
                             "unknown column '%.*s' (known: id, name, vendor, released, "
                             "datacenter, fp4, fp8, int8, bf16, fp16, tf32, fp32, fp64, memory_gb, "
                             "memory_bw_tbs, interconnect_gbs, tdp_w, die_area_mm2, tpp, density, "
                             "3a090a, price, rent)",
                             (int)(n < 40 ? n : 40), s);
        if (c != 0 && p->ncols < HW_MAX_COLS)
            p->col[p->ncols++] = c;
        if (s[n] == '\0')
            return GPUCOST_OK;
        s += n + 1;
    }
}

/* "YYYY" or "YYYY-YYYY" into [from, to]; 0 on success. */
static int parse_years(const char *s, int *from, int *to)
{
    size_t n = strlen(s);
    int ok = n == 4 || (n == 9 && s[4] == '-');
    for (size_t i = 0; ok && i < n; i++)
        ok = i == 4 || (s[i] >= '0' && s[i] <= '9');
    if (!ok)
        return -1;
    *from = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *to = n == 4 ? *from
                 : (s[5] - '0') * 1000 + (s[6] - '0') * 100 + (s[7] - '0') * 10 + (s[8] - '0');
    return *to >= *from ? 0 : -1;
}

static gpucost_status make_plan(hw_plan *p, const gpucost_hardware_select *sel, gpucost_error *err)
{
    memset(p, 0, sizeof *p);
    p->sort = -1;
    gpucost_status st = plan_columns(p, sel != NULL ? sel->columns : NULL, err);
    if (st != GPUCOST_OK || sel == NULL)
        return st;
    if (sel->sort != NULL && (p->sort = col_find(sel->sort, strlen(sel->sort))) < 0)
        return SEL_USAGE(err, "sort", "unknown column '%s' (any column key; see columns)",
                         sel->sort);
    if (sel->year != NULL && parse_years(sel->year, &p->year_from, &p->year_to) != 0)
        return SEL_USAGE(err, "year", "expected YYYY or YYYY-YYYY, got '%s'", sel->year);
    if (sel->vendor != NULL && sel->vendor[0] == '\0')
        return SEL_USAGE(err, "vendor", "expected a name, got ''");
    p->vendor = sel->vendor;
    return GPUCOST_OK;
}

/* Whether `hay` contains `needle`, ignoring ASCII case. */
static int has_text(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; hay != NULL && *hay; hay++) {
        size_t k = 0;
        while (k < n && hay[k] && (hay[k] | 0x20) == (needle[k] | 0x20) &&
               ((hay[k] >= 'A' && hay[k] <= 'Z') || (hay[k] >= 'a' && hay[k] <= 'z') ||
                hay[k] == needle[k]))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static int plan_keeps(const hw_plan *p, const gpucost_hardware *h)
{
    if (p->vendor != NULL && !has_text(h->vendor, p->vendor))
        return 0;
    if (p->year_from > 0) {
        if (h->release_date == NULL)
            return 0;
        int y = (int)strtol(h->release_date, NULL, 10);
        return y >= p->year_from && y <= p->year_to;
    }
    return 1;
}

/* Orders entries by the plan's sort column (see output.h). */
static int plan_before(const hw_plan *p, const gpucost_hardware *a, const gpucost_hardware *b)
{
    if (p->sort > 0 && cols[p->sort].style != S_TEXT) {
        double x = col_number(a, p->sort), y = col_number(b, p->sort);
        if (x != y)
            return x > y; /* unknown (0) sorts last */
    } else if (p->sort > 0) {
        const char *x = col_text(a, p->sort), *y = col_text(b, p->sort);
        if ((x == NULL) != (y == NULL))
            return x != NULL;
        int d = x != NULL ? strcmp(x, y) : 0;
        if (d != 0)
            return d < 0;
    }
    return strcmp(a->id, b->id) < 0;
}

/* The entries shown, in order, into `rows` (room for the catalog's count);
 * returns how many. */
static size_t plan_rows(const hw_plan *p, const gpucost_catalog *c, const gpucost_hardware *only,
                        const gpucost_hardware **rows)
{
    size_t n = 0;
    for (size_t i = 0; i < gpucost_catalog_count(c); i++) {
        const gpucost_hardware *h = gpucost_catalog_at(c, i);
        if ((only != NULL && h != only) || !plan_keeps(p, h))
            continue;
        size_t k = n++; /* insertion sort: a catalog is tens of entries */
        while (k > 0 && plan_before(p, h, rows[k - 1])) {
            rows[k] = rows[k - 1];
            k--;
        }
        rows[k] = h;
    }
    return n;
}

/* One pass over the chosen entries: each a row of the table (the plan's
 * columns, for people and CSV) and an entry of the data (every field,
 * for machines); then the notes under the table. */
static void hardware_document(gc_view *v, const gpucost_catalog *c, const hw_plan *p,
                              const gpucost_hardware *const *rows, size_t nrows,
                              const gpucost_hardware *only)
{
    gc_dnode *root = gc_data_root(v, 1);
    gc_vtable *t = gc_view_table(v, p->ncols, 0);
    for (size_t k = 0; k < p->ncols; k++)
        gc_view_head(t, k, cols[p->col[k]].head, cols[p->col[k]].csv,
                     cols[p->col[k]].style != S_TEXT || strcmp(cols[p->col[k]].key, "3a090a") == 0,
                     GC_FOR_ALL);
    int floors = 0;
    for (size_t i = 0; i < nrows; i++) {
        gc_view_row(t);
        for (size_t k = 0; k < p->ncols; k++) {
            int col = p->col[k];
            int at_least = rows[i]->tpp_floor && (strcmp(cols[col].key, "tpp") == 0 ||
                                                  strcmp(cols[col].key, "density") == 0);
            floors |= at_least;
            if (cols[col].style == S_TEXT) {
                const char *x = col_text(rows[i], col);
                gc_view_cell(t, x != NULL ? x : "-");
            } else
                hardware_cell(t, col_number(rows[i], col), cols[col].style, at_least);
        }
        hardware_json_entry(v, root, rows[i]);
    }
    gc_view_gap(v);
    if (only == NULL && nrows < gpucost_catalog_count(c))
        gc_view_line(v, 0, "%zu of the catalog's %zu accelerators shown.", nrows,
                     gpucost_catalog_count(c));
    gc_view_line(v, 0,
                 "TPP = dense TOPS x bit length, maximised over precisions; density = TPP / die "
                 "area (mm2).");
    if (floors)
        gc_view_line(v, 0,
                     "TPP+ and density+: at least this; the catalog lacks the part's tensor peaks, "
                     "so a test above it is undecided.");
    gc_view_line(v, 0,
                 "3A090.a: TPP >= %.0f, or TPP >= %.0f and density >= %.2f (88 FR 73458). price = "
                 "median of the catalog's purchase range.",
                 GPUCOST_3A090A_TPP, GPUCOST_3A090A2_TPP, GPUCOST_3A090A2_DENSITY);
    named_line(v, c, only);
}

gpucost_status gpucost_output_hardware(const gpucost_catalog *c, const char *id,
                                       const gpucost_hardware_select *sel, gpucost_format f,
                                       gpucost_buf *out, gpucost_error *err)
{
    const gpucost_hardware *only = id != NULL ? gpucost_catalog_find(c, id) : NULL;
    gpucost_status st = gc_format_check("hardware", f, err);
    if (st != GPUCOST_OK)
        return st;
    if (id != NULL && only == NULL) {
        char ids[512];
        gpucost_catalog_ids(c, ids, sizeof ids);
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, NULL,
                             "unknown hardware '%s' (known: %s)", id, ids);
    }
    hw_plan p;
    st = make_plan(&p, sel, err);
    if (st != GPUCOST_OK)
        return st;
    const gpucost_hardware **rows = gc_malloc((gpucost_catalog_count(c) + 1) * sizeof *rows);
    if (rows == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    size_t n = plan_rows(&p, c, only, rows);
    gc_view v;
    gc_view_init_for(&v, f);
    hardware_document(&v, c, &p, rows, n, only);
    gc_free(rows);
    return gc_view_finish(&v, f, out, err);
}
