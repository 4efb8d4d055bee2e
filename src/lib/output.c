/*
 * output.c - run, compare, check and hardware results as text (output.h).
 *
 * Human formats are built as gpucost_table grids (table.c); JSON is built
 * with cJSON so quoting and number precision are cJSON's.  Every known
 * number passes gpucost_output_guard() first.
 */
#include "gpucost/output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gpucost/chart.h"
#include "table.h"

int gpucost_format_lookup(const char *name, gpucost_format *f)
{
    static const char *const names[] = {"table", "md", "csv", "json", "junit", "tap", "svg"};
    for (int i = 0; i < 7; i++)
        if (strcmp(name, names[i]) == 0) {
            *f = (gpucost_format)i;
            return 0;
        }
    return -1;
}

const char *gpucost_format_name(gpucost_format f)
{
    static const char *const names[] = {"table", "md", "csv", "json", "junit", "tap", "svg"};
    return names[f];
}

gpucost_status gpucost_output_guard(double v, const char *what,
                                    gpucost_error *err)
{
    if (isfinite(v))
        return GPUCOST_OK;
    return GPUCOST_ERROR(err, GPUCOST_ERANGE, NULL, 0, 0, what,
                         "value of '%s' is not finite (overflow)", what);
}

static gpucost_status unsupported(gpucost_format f, const char *cmd,
                                  gpucost_error *err)
{
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, "--format",
                         "format '%s' is not available for '%s'",
                         gpucost_format_name(f), cmd);
}

static gpucost_status finish_json(cJSON *root, gpucost_buf *out,
                                  gpucost_error *err)
{
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    gpucost_buf_puts(out, text);
    gpucost_buf_puts(out, "\n");
    cJSON_free(text);
    return GPUCOST_OK;
}

static gpucost_status finish(gpucost_buf *out, gpucost_error *err)
{
    return out->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                       : GPUCOST_OK;
}

static int known(const gpucost_derivation *d, gpucost_quantity q)
{
    return d->origin[q] != GPUCOST_ORIGIN_UNKNOWN;
}

/* Guards every known value of a derivation. */
static gpucost_status guard_all(const gpucost_result *items, size_t n,
                                gpucost_error *err)
{
    for (size_t i = 0; i < n; i++)
        for (int q = 0; q < GPUCOST_Q_COUNT; q++)
            if (known(items[i].derivation, (gpucost_quantity)q)) {
                gpucost_status rc = gpucost_output_guard(
                    items[i].derivation->value[q],
                    gpucost_quantity_info_get((gpucost_quantity)q)->name, err);
                if (rc != GPUCOST_OK) {
                    snprintf(err->file, sizeof err->file, "%s", items[i].scenario->file);
                    return rc;
                }
            }
    return GPUCOST_OK;
}

static void hardware_label(const gpucost_derivation *d, char *buf, size_t n)
{
    if (d->hardware == NULL)
        snprintf(buf, n, "-");
    else if (d->kind == GPUCOST_KIND_INFERENCE)
        snprintf(buf, n, "%s", d->hardware->id);
    else
        snprintf(buf, n, "%s %s", d->hardware->id, gpucost_precision_name(d->precision));
}

static cJSON *json_number_or_null(double v, int is_known)
{
    return is_known && isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

/* ---- run ------------------------------------------------------------ */

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

void gpucost_output_conflict(const gpucost_derivation *d, const gpucost_conflict *c, char *buf,
                             size_t n)
{
    char g[64], dv[64], lo[64], hi[64], what[96];
    const char *name = gpucost_quantity_info_get(c->quantity)->name;
    gpucost_quantity_format(c->quantity, c->given, g, sizeof g);
    gpucost_quantity_format(c->quantity, c->derived, dv, sizeof dv);
    double pct = 100.0 * (c->derived - c->given) / fmax(fabs(c->given), 1e-300);
    if (c->physical) {
        snprintf(buf, n, "%s: derived %s is above the physical maximum %s", name, dv, g);
        return;
    }
    if (c->against == GPUCOST_ORIGIN_INPUT) {
        snprintf(buf, n, "%s: given %s, the other inputs imply %s (%+.1f%%)", name, g, dv, pct);
        return;
    }
    if (c->against == GPUCOST_ORIGIN_DEFAULT) {
        snprintf(buf, n, "%s: the inputs imply %s, the default is %s (%+.1f%%)", name, dv, g, pct);
        return;
    }
    const char *hw = d != NULL && d->hardware != NULL ? d->hardware->id : "hardware";
    switch (c->quantity) {
    case GPUCOST_Q_PEAK_FLOPS:
        snprintf(what, sizeof what, "%s %s peak", hw, gpucost_precision_name(d->precision));
        break;
    case GPUCOST_Q_POWER_W: snprintf(what, sizeof what, "%s TDP", hw); break;
    case GPUCOST_Q_PRICE_PER_GPU_HOUR: snprintf(what, sizeof what, "%s rental price", hw); break;
    case GPUCOST_Q_GPU_PRICE_USD: snprintf(what, sizeof what, "%s purchase price", hw); break;
    default: snprintf(what, sizeof what, "%s value", hw); break;
    }
    if (c->low > 0.0 || c->high > 0.0) {
        gpucost_quantity_format(c->quantity, c->low, lo, sizeof lo);
        gpucost_quantity_format(c->quantity, c->high, hi, sizeof hi);
        snprintf(buf, n, "%s: the inputs imply %s, outside the catalog's %s range %s..%s", name, dv,
                 what, lo, hi);
        return;
    }
    snprintf(buf, n, "%s: the inputs imply %s, the catalog's %s is %s (%+.1f%%)", name, dv, what, g,
             pct);
}

/* Appends ", name" (or "name" first) to a list in `buf`. */
static void list_add(char *buf, size_t n, const char *text)
{
    size_t len = strlen(buf);
    if (len < n)
        snprintf(buf + len, n - len, "%s%s", len ? ", " : "", text);
}

void gpucost_output_whatif(const gpucost_whatif *w, const gpucost_derivation *d, char *buf,
                           size_t n)
{
    buf[0] = '\0';
    if (w == NULL || !w->active)
        return;
    char held[512] = "", rederived[512] = "", catalog[512] = "", dropped[512] = "",
         unheld[512] = "";
    for (size_t i = 0; i < w->norder; i++) {
        gpucost_quantity q = w->order[i];
        const char *name = gpucost_quantity_info_get(q)->name;
        if (w->held[q] && w->pinned[q]) {
            char v[64], item[192];
            gpucost_quantity_format(q, w->value[q], v, sizeof v);
            snprintf(item, sizeof item, "%s %s%s%s%s", name, v, w->from[0] ? " (from " : "",
                     w->from, w->from[0] ? ")" : "");
            list_add(held, sizeof held, item);
        } else if (w->held[q]) {
            list_add(held, sizeof held, name);
        }
        if (w->unheld[q])
            list_add(unheld, sizeof unheld, name);
    }
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const char *name = gpucost_quantity_info_get((gpucost_quantity)q)->name;
        if (!w->dropped[q])
            continue;
        if (d->origin[q] == GPUCOST_ORIGIN_DERIVED)
            list_add(rederived, sizeof rederived, name);
        else if (d->origin[q] == GPUCOST_ORIGIN_CATALOG || d->origin[q] == GPUCOST_ORIGIN_DEFAULT)
            list_add(catalog, sizeof catalog, name);
        else
            list_add(dropped, sizeof dropped, name);
    }
    snprintf(buf, n, "%s%sheld: %s%s%s%s%s%s%s%s%s", w->note, w->note[0] ? "; " : "",
             held[0] ? held : "nothing", rederived[0] ? "; re-derived: " : "", rederived,
             catalog[0] ? "; from the new part's catalog entry: " : "", catalog,
             dropped[0] ? "; dropped: " : "", dropped, unheld[0] ? "; unknown, so not held: " : "",
             unheld);
}

/* A what-if's held and dropped quantities as JSON into `o`. */
static void add_whatif_json(cJSON *o, const gpucost_whatif *w, const gpucost_derivation *d)
{
    if (w == NULL || !w->active)
        return;
    char line[1024];
    cJSON *wj = cJSON_AddObjectToObject(o, "whatif");
    cJSON *held = cJSON_AddObjectToObject(wj, "held");
    cJSON *drop = cJSON_AddArrayToObject(wj, "dropped");
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const char *name = gpucost_quantity_info_get((gpucost_quantity)q)->name;
        if (w->held[q]) {
            cJSON *h = cJSON_AddObjectToObject(held, name);
            cJSON_AddNumberToObject(h, "value", w->value[q]);
            cJSON_AddBoolToObject(h, "pinned", w->pinned[q]);
        }
        if (w->dropped[q])
            cJSON_AddItemToArray(drop, cJSON_CreateString(name));
    }
    if (w->from[0])
        cJSON_AddStringToObject(wj, "from", w->from);
    gpucost_output_whatif(w, d, line, sizeof line);
    cJSON_AddStringToObject(wj, "message", line);
}

/* One conflict or note as JSON: SPEC's {quantity, given, derived,
 * rel_error} plus where `given` came from and the sentence people read. */
static cJSON *conflict_json(const gpucost_derivation *d, const gpucost_conflict *cf)
{
    char line[480];
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "quantity", gpucost_quantity_info_get(cf->quantity)->name);
    cJSON_AddNumberToObject(e, "given", cf->given);
    cJSON_AddNumberToObject(e, "derived", cf->derived);
    cJSON_AddNumberToObject(e, "rel_error", cf->rel_error);
    cJSON_AddStringToObject(e, "against",
                            cf->physical ? "bound" : gpucost_origin_name(cf->against));
    if (cf->low > 0.0 || cf->high > 0.0) {
        cJSON_AddNumberToObject(e, "low", cf->low);
        cJSON_AddNumberToObject(e, "high", cf->high);
    }
    gpucost_output_conflict(d, cf, line, sizeof line);
    cJSON_AddStringToObject(e, "message", line);
    return e;
}

/* "conflicts" and "notes" arrays of one derivation into object `o`. */
static void add_conflicts_json(cJSON *o, const gpucost_derivation *d)
{
    cJSON *cs = cJSON_AddArrayToObject(o, "conflicts");
    for (size_t c = 0; cs != NULL && c < d->nconflicts; c++)
        cJSON_AddItemToArray(cs, conflict_json(d, &d->conflicts[c]));
    cJSON *ns = cJSON_AddArrayToObject(o, "notes");
    for (size_t c = 0; ns != NULL && c < d->nnotes; c++)
        cJSON_AddItemToArray(ns, conflict_json(d, &d->notes[c]));
}

static gpucost_status run_json(const gpucost_result *items, size_t n,
                               gpucost_selection sel, gpucost_buf *out,
                               gpucost_error *err)
{
    cJSON *root = cJSON_CreateArray();
    for (size_t i = 0; root != NULL && i < n; i++) {
        const gpucost_scenario *s = items[i].scenario;
        const gpucost_derivation *d = items[i].derivation;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(root, o);
        cJSON_AddStringToObject(o, "id", s->id);
        cJSON_AddStringToObject(o, "file", s->file);
        cJSON_AddStringToObject(o, "title", s->title);
        cJSON_AddStringToObject(o, "kind", gpucost_kind_name(s->kind));
        if (d->hardware != NULL) {
            cJSON_AddStringToObject(o, "hardware", d->hardware->id);
            cJSON_AddStringToObject(o, "precision", gpucost_precision_name(d->precision));
        } else {
            cJSON_AddNullToObject(o, "hardware");
            cJSON_AddNullToObject(o, "precision");
        }
        cJSON *qs = cJSON_AddObjectToObject(o, "quantities");
        gpucost_quantity rows[GPUCOST_Q_COUNT];
        size_t nrows = run_rows(sel, d, rows);
        for (size_t k = 0; k < nrows; k++) {
            gpucost_quantity q = rows[k];
            cJSON *e = cJSON_CreateObject();
            cJSON_AddItemToObject(qs, gpucost_quantity_info_get(q)->name, e);
            int is_known = known(d, q);
            cJSON_AddItemToObject(e, "value", json_number_or_null(d->value[q], is_known));
            if (is_known)
                cJSON_AddStringToObject(e, "origin", gpucost_origin_name(d->origin[q]));
            else
                cJSON_AddNullToObject(e, "origin");
        }
        add_conflicts_json(o, d);
        add_whatif_json(o, items[i].whatif, d);
    }
    return finish_json(root, out, err);
}

gpucost_status gpucost_output_run(const gpucost_result *items, size_t n,
                                  gpucost_selection sel, gpucost_format f,
                                  gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = guard_all(items, n, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JSON)
        return run_json(items, n, sel, out, err);
    if (f == GPUCOST_FMT_JUNIT || f == GPUCOST_FMT_TAP || f == GPUCOST_FMT_SVG)
        return unsupported(f, "run", err);
    if (f == GPUCOST_FMT_CSV) {
        gpucost_table t;
        gpucost_table_init(&t, 5);
        gpucost_table_row(&t);
        gpucost_table_cell(&t, "scenario");
        gpucost_table_cell(&t, "quantity");
        gpucost_table_cell(&t, "value");
        gpucost_table_cell(&t, "unit");
        gpucost_table_cell(&t, "origin");
        for (size_t i = 0; i < n; i++) {
            const gpucost_derivation *d = items[i].derivation;
            gpucost_quantity rows[GPUCOST_Q_COUNT];
            size_t nrows = run_rows(sel, d, rows);
            for (size_t k = 0; k < nrows; k++) {
                gpucost_quantity q = rows[k];
                const gpucost_quantity_info *info = gpucost_quantity_info_get(q);
                char v[64] = "";
                if (known(d, q))
                    gpucost_number_format_exact(d->value[q], v, sizeof v);
                gpucost_table_row(&t);
                gpucost_table_cell(&t, items[i].scenario->id);
                gpucost_table_cell(&t, info->name);
                gpucost_table_cell(&t, v);
                gpucost_table_cell(&t, info->unit[0] == '/' ? info->unit + 1 : info->unit);
                gpucost_table_cell(&t, gpucost_origin_name(d->origin[q]));
            }
        }
        gpucost_table_render(&t, f, 0, out);
        gpucost_table_release(&t);
        return finish(out, err);
    }
    for (size_t i = 0; i < n; i++) {
        const gpucost_scenario *s = items[i].scenario;
        const gpucost_derivation *d = items[i].derivation;
        char hw[96];
        hardware_label(d, hw, sizeof hw);
        if (i)
            gpucost_buf_puts(out, "\n");
        if (f == GPUCOST_FMT_MD)
            gpucost_buf_printf(out, "### %s: %s\n\n%s scenario, hardware %s\n\n",
                               s->id, s->title, gpucost_kind_name(s->kind), hw);
        else
            gpucost_buf_printf(out, "%s: %s\n  %s, hardware %s, from %s\n", s->id, s->title,
                               gpucost_kind_name(s->kind), hw, s->file);
        char wline[1024];
        gpucost_output_whatif(items[i].whatif, d, wline, sizeof wline);
        if (wline[0])
            gpucost_buf_printf(out, f == GPUCOST_FMT_MD ? "\nWhat-if: %s\n" : "  what-if: %s\n",
                               wline);
        gpucost_buf_puts(out, "\n");
        gpucost_table t;
        gpucost_table_init(&t, 4);
        gpucost_table_right(&t, 1);
        gpucost_table_row(&t);
        gpucost_table_cell(&t, "quantity");
        gpucost_table_cell(&t, "value");
        gpucost_table_cell(&t, "origin");
        gpucost_table_cell(&t, "meaning");
        char unknown[1024] = "";
        size_t ulen = 0;
        gpucost_quantity rows[GPUCOST_Q_COUNT];
        size_t nrows = run_rows(sel, d, rows);
        for (size_t k = 0; k < nrows; k++) {
            gpucost_quantity q = rows[k];
            const gpucost_quantity_info *info = gpucost_quantity_info_get(q);
            if (!known(d, q) && sel.nq == 0) {
                int w = snprintf(unknown + ulen, sizeof unknown - ulen, "%s%s",
                                 ulen ? ", " : "", info->name);
                if (w > 0 && (size_t)w < sizeof unknown - ulen)
                    ulen += (size_t)w;
                continue;
            }
            char v[64] = "unknown";
            if (known(d, q))
                gpucost_quantity_format(q, d->value[q], v, sizeof v);
            gpucost_table_row(&t);
            gpucost_table_cell(&t, info->name);
            gpucost_table_cell(&t, v);
            gpucost_table_cell(&t, gpucost_origin_name(d->origin[q]));
            gpucost_table_cell(&t, info->label);
        }
        gpucost_table_render(&t, f, f == GPUCOST_FMT_TABLE ? 2 : 0, out);
        gpucost_table_release(&t);
        if (ulen)
            gpucost_buf_printf(out, "%sunknown (not enough inputs): %s\n",
                               f == GPUCOST_FMT_TABLE ? "\n  " : "\n", unknown);
        for (size_t c = 0; c < d->nconflicts; c++) {
            char line[480];
            gpucost_output_conflict(d, &d->conflicts[c], line, sizeof line);
            gpucost_buf_printf(out, "%s%s\n", f == GPUCOST_FMT_TABLE ? "  conflict: " : "- conflict: ", line);
        }
        for (size_t c = 0; c < d->nnotes; c++) {
            char line[480];
            gpucost_output_conflict(d, &d->notes[c], line, sizeof line);
            gpucost_buf_printf(out, "%s%s\n",
                               f == GPUCOST_FMT_TABLE ? "  note: " : "- note: ", line);
        }
    }
    return finish(out, err);
}

/* ---- compare -------------------------------------------------------- */

static const gpucost_quantity compare_default[] = {
    GPUCOST_Q_GPUS, GPUCOST_Q_GPU_HOURS, GPUCOST_Q_WALL_DAYS,
    GPUCOST_Q_TRAINING_FLOPS, GPUCOST_Q_MFU, GPUCOST_Q_COST_USD,
    GPUCOST_Q_CAPEX_USD, GPUCOST_Q_REVENUE_USD, GPUCOST_Q_MARGIN,
};

/* Columns: the selection, or the defaults known in at least one scenario. */
static size_t compare_columns(const gpucost_result *items, size_t n,
                              gpucost_selection sel, gpucost_quantity *cols)
{
    if (sel.nq > 0) {
        memcpy(cols, sel.qs, sel.nq * sizeof *cols);
        return sel.nq;
    }
    size_t k = 0;
    for (size_t j = 0; j < sizeof compare_default / sizeof compare_default[0]; j++)
        for (size_t i = 0; i < n; i++)
            if (known(items[i].derivation, compare_default[j])) {
                cols[k++] = compare_default[j];
                break;
            }
    return k;
}

static int ratio_of(const gpucost_result *items, int baseline, size_t i,
                    gpucost_quantity q, double *r)
{
    if (baseline < 0)
        return 0;
    const gpucost_derivation *b = items[baseline].derivation;
    const gpucost_derivation *d = items[i].derivation;
    if (!known(b, q) || !known(d, q) || b->value[q] == 0.0)
        return 0;
    *r = d->value[q] / b->value[q];
    return isfinite(*r);
}

/* One bar per scenario that knows `q`, on a log axis when all are
 * positive. */
static gpucost_status compare_svg(const gpucost_result *items, size_t n, gpucost_quantity q,
                                  gpucost_buf *out, gpucost_error *err)
{
    gpucost_bar *bars = calloc(n ? n : 1, sizeof *bars);
    if (bars == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    size_t nb = 0;
    int positive = 1;
    for (size_t i = 0; i < n; i++)
        if (known(items[i].derivation, q)) {
            bars[nb].label = items[i].scenario->id;
            bars[nb].value = items[i].derivation->value[q];
            positive &= bars[nb].value > 0.0;
            nb++;
        }
    char title[128];
    snprintf(title, sizeof title, "%s (%s)", gpucost_quantity_info_get(q)->name,
             gpucost_quantity_info_get(q)->label);
    gpucost_status rc = nb == 0 ? GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, "--quantities",
                                                "no scenario knows '%s'", gpucost_quantity_info_get(q)->name)
                                : gpucost_chart_bars(title, q, bars, nb, positive, out, err);
    free(bars);
    return rc;
}

/* compare's csv: every conflict of a row in one cell, "; "-separated. */
static void csv_conflicts_cell(gpucost_table *t, const gpucost_derivation *d)
{
    gpucost_buf b;
    gpucost_buf_init(&b);
    for (size_t c = 0; c < d->nconflicts; c++) {
        char line[480];
        gpucost_output_conflict(d, &d->conflicts[c], line, sizeof line);
        gpucost_buf_printf(&b, "%s%s", c ? "; " : "", line);
    }
    gpucost_table_cell(t, b.data != NULL ? b.data : "");
    gpucost_buf_release(&b);
}

/* Under compare's table: each marked row's conflicts, then its notes. */
static void list_conflicts(const gpucost_result *items, size_t n, gpucost_format f,
                           gpucost_buf *out)
{
    gpucost_buf_puts(out, f == GPUCOST_FMT_MD ? "\n(!) Conflicts:\n\n" : "\n(!) conflicts:\n");
    for (size_t i = 0; i < n; i++) {
        const gpucost_derivation *d = items[i].derivation;
        for (size_t c = 0; c < d->nconflicts; c++) {
            char line[480];
            gpucost_output_conflict(d, &d->conflicts[c], line, sizeof line);
            gpucost_buf_printf(out, "%s%s: %s\n", f == GPUCOST_FMT_MD ? "- " : "  ",
                               items[i].scenario->id, line);
        }
    }
}

/* Under compare's table: what each what-if row held, once when every
 * row held the same. */
static void list_whatifs(const gpucost_result *items, size_t n, gpucost_format f, gpucost_buf *out)
{
    char first[1024] = "", line[1024];
    int same = 1, any = 0;
    for (size_t i = 0; i < n; i++) {
        gpucost_output_whatif(items[i].whatif, items[i].derivation, line, sizeof line);
        if (i == 0)
            snprintf(first, sizeof first, "%s", line);
        else if (strcmp(line, first) != 0)
            same = 0;
        any |= line[0] != '\0';
    }
    if (!any)
        return;
    const char *lead = f == GPUCOST_FMT_MD ? "- " : "  ";
    gpucost_buf_puts(out, f == GPUCOST_FMT_MD ? "\nWhat-if:\n\n" : "\nwhat-if:\n");
    for (size_t i = 0; i < n; i++) {
        gpucost_output_whatif(items[i].whatif, items[i].derivation, line, sizeof line);
        if (line[0] && !same)
            gpucost_buf_printf(out, "%s%s: %s\n", lead, items[i].scenario->id, line);
    }
    if (same)
        gpucost_buf_printf(out, "%s%s\n", lead, first);
}

gpucost_status gpucost_output_compare(const gpucost_result *items, size_t n,
                                      int baseline, gpucost_selection sel,
                                      gpucost_format f, gpucost_buf *out,
                                      gpucost_error *err)
{
    gpucost_status rc = guard_all(items, n, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JUNIT || f == GPUCOST_FMT_TAP)
        return unsupported(f, "compare", err);
    gpucost_quantity cols[GPUCOST_Q_COUNT];
    size_t nc = compare_columns(items, n, sel, cols);
    if (f == GPUCOST_FMT_SVG)
        return compare_svg(items, n, sel.nq > 0 ? sel.qs[0] : GPUCOST_Q_COST_USD, out, err);
    if (f == GPUCOST_FMT_JSON) {
        cJSON *root = cJSON_CreateObject();
        if (baseline >= 0)
            cJSON_AddStringToObject(root, "baseline", items[baseline].scenario->id);
        else
            cJSON_AddNullToObject(root, "baseline");
        cJSON *qa = cJSON_AddArrayToObject(root, "quantities");
        for (size_t c = 0; c < nc; c++)
            cJSON_AddItemToArray(qa, cJSON_CreateString(gpucost_quantity_info_get(cols[c])->name));
        cJSON *sa = cJSON_AddArrayToObject(root, "scenarios");
        for (size_t i = 0; i < n; i++) {
            const gpucost_derivation *d = items[i].derivation;
            cJSON *o = cJSON_CreateObject();
            cJSON_AddItemToArray(sa, o);
            cJSON_AddStringToObject(o, "id", items[i].scenario->id);
            cJSON_AddStringToObject(o, "title", items[i].scenario->title);
            if (d->hardware)
                cJSON_AddStringToObject(o, "hardware", d->hardware->id);
            else
                cJSON_AddNullToObject(o, "hardware");
            cJSON *vals = cJSON_AddObjectToObject(o, "values");
            cJSON *rats = baseline >= 0 ? cJSON_AddObjectToObject(o, "ratios") : NULL;
            for (size_t c = 0; c < nc; c++) {
                const char *name = gpucost_quantity_info_get(cols[c])->name;
                cJSON_AddItemToObject(vals, name, json_number_or_null(d->value[cols[c]], known(d, cols[c])));
                if (rats != NULL) {
                    double r = 0.0;
                    int ok = ratio_of(items, baseline, i, cols[c], &r);
                    cJSON_AddItemToObject(rats, name, json_number_or_null(r, ok));
                }
            }
            add_conflicts_json(o, d);
            add_whatif_json(o, items[i].whatif, d);
        }
        return finish_json(root, out, err);
    }
    gpucost_table t;
    int csv = f == GPUCOST_FMT_CSV;
    size_t ncols = 2 + (csv && baseline >= 0 ? 2 * nc : nc) + (csv ? 1 : 0);
    gpucost_table_init(&t, ncols);
    for (size_t c = 2; c < ncols - (csv ? 1 : 0); c++)
        gpucost_table_right(&t, c);
    size_t nconflicted = 0;
    for (size_t i = 0; i < n; i++)
        nconflicted += items[i].derivation->nconflicts > 0;
    gpucost_table_row(&t);
    gpucost_table_cell(&t, csv ? "id" : "scenario");
    gpucost_table_cell(&t, "hardware");
    for (size_t c = 0; c < nc; c++) {
        const gpucost_quantity_info *info = gpucost_quantity_info_get(cols[c]);
        gpucost_table_cell(&t, info->name);
        if (csv && baseline >= 0)
            gpucost_table_cellf(&t, "%s_ratio", info->name);
    }
    if (csv)
        gpucost_table_cell(&t, "conflicts");
    for (size_t i = 0; i < n; i++) {
        const gpucost_derivation *d = items[i].derivation;
        char hw[96];
        hardware_label(d, hw, sizeof hw);
        gpucost_table_row(&t);
        /* a row whose numbers contradict each other is marked; the
         * conflicts are listed under the table (csv: in their column) */
        if (!csv && d->nconflicts > 0)
            gpucost_table_cellf(&t, "%s (!)", items[i].scenario->id);
        else
            gpucost_table_cell(&t, items[i].scenario->id);
        gpucost_table_cell(&t, hw);
        for (size_t c = 0; c < nc; c++) {
            char v[64] = "", rs[64] = "";
            double r = 0.0;
            int has_r = ratio_of(items, baseline, i, cols[c], &r);
            if (csv) {
                if (known(d, cols[c]))
                    gpucost_number_format_exact(d->value[cols[c]], v, sizeof v);
                gpucost_table_cell(&t, v);
                if (baseline >= 0) {
                    if (has_r)
                        gpucost_number_format_exact(r, rs, sizeof rs);
                    gpucost_table_cell(&t, rs);
                }
                continue;
            }
            if (!known(d, cols[c])) {
                gpucost_table_cell(&t, "-");
                continue;
            }
            gpucost_number_format(d->value[cols[c]], gpucost_quantity_info_get(cols[c])->style, v, sizeof v);
            if (has_r) {
                gpucost_number_format(r, GPUCOST_NUM_SI, rs, sizeof rs);
                gpucost_table_cellf(&t, "%s (%sx)", v, rs);
            } else {
                gpucost_table_cell(&t, v);
            }
        }
        if (csv)
            csv_conflicts_cell(&t, d);
    }
    gpucost_table_render(&t, f, 0, out);
    gpucost_table_release(&t);
    if (!csv) {
        if (nconflicted > 0)
            list_conflicts(items, n, f, out);
        list_whatifs(items, n, f, out);
        gpucost_buf_puts(out, f == GPUCOST_FMT_MD ? "\nUnits: " : "\nunits: ");
        for (size_t c = 0; c < nc; c++) {
            const gpucost_quantity_info *info = gpucost_quantity_info_get(cols[c]);
            gpucost_buf_printf(out, "%s%s %s", c ? "; " : "", info->name,
                               info->unit[0] ? info->unit
                               : info->style == GPUCOST_NUM_USD     ? "USD"
                               : info->style == GPUCOST_NUM_PERCENT ? "%"
                                                                    : "(ratio)");
        }
        if (baseline >= 0)
            gpucost_buf_printf(out, "; (Nx) = N times %s", items[baseline].scenario->id);
        gpucost_buf_puts(out, f == GPUCOST_FMT_MD ? ".\n" : "\n");
    }
    return finish(out, err);
}

/* ---- check ---------------------------------------------------------- */

void gpucost_output_claimed(const gpucost_claim *c, char *buf, size_t n)
{
    char a[64], b[64];
    if (c->has_value) {
        gpucost_quantity_format(c->quantity, c->value, a, sizeof a);
        snprintf(buf, n, "%s", a);
    } else if (c->has_min && c->has_max) {
        gpucost_quantity_format(c->quantity, c->min, a, sizeof a);
        gpucost_quantity_format(c->quantity, c->max, b, sizeof b);
        snprintf(buf, n, "%s..%s", a, b);
    } else if (c->has_min) {
        gpucost_quantity_format(c->quantity, c->min, a, sizeof a);
        snprintf(buf, n, ">= %s", a);
    } else {
        gpucost_quantity_format(c->quantity, c->max, a, sizeof a);
        snprintf(buf, n, "<= %s", a);
    }
}

static const char *case_name(const gpucost_claim_result *r)
{
    return gpucost_quantity_info_get(r->is_conflict ? r->conflict.quantity : r->claim->quantity)
        ->name;
}

static void claim_case_text(const gpucost_claim_result *r, gpucost_case_text *t)
{
    const gpucost_claim *c = r->claim;
    snprintf(t->where, sizeof t->where, "claims[%zu]", r->index);
    gpucost_output_claimed(c, t->claimed, sizeof t->claimed);
    if (r->has_computed) {
        gpucost_quantity_format(c->quantity, r->computed, t->computed, sizeof t->computed);
        if (c->has_value || r->rel_error != 0.0)
            snprintf(t->rel, sizeof t->rel, "%+.2f%%", 100.0 * r->rel_error);
        else
            snprintf(t->rel, sizeof t->rel, "in range");
        gpucost_number_format_exact(r->computed, t->csv_computed, sizeof t->csv_computed);
        gpucost_number_format_exact(r->rel_error, t->csv_rel, sizeof t->csv_rel);
    }
    if (r->has_computed && c->has_value)
        snprintf(t->line, sizeof t->line, "claimed %s, computed %s (%+.2f%%, tolerance %.2g%%)",
                 t->claimed, t->computed, 100.0 * r->rel_error, 100.0 * c->tolerance);
    else
        snprintf(t->line, sizeof t->line, "claimed %s, computed %s", t->claimed, t->computed);
    if (c->has_value) {
        gpucost_number_format_exact(c->value, t->csv_claimed, sizeof t->csv_claimed);
    } else {
        char lo[40] = "", hi[40] = "";
        if (c->has_min)
            gpucost_number_format_exact(c->min, lo, sizeof lo);
        if (c->has_max)
            gpucost_number_format_exact(c->max, hi, sizeof hi);
        snprintf(t->csv_claimed, sizeof t->csv_claimed, "%s..%s", lo, hi);
    }
    t->source = c->source;
    if (r->status == GPUCOST_CLAIM_FAIL && c->expect_fail)
        t->note = "marked \"expect\": \"fail\" but now holds; remove the mark";
    else if (c->note[0])
        t->note = c->note;
    else if (r->status == GPUCOST_CLAIM_UNVERIFIABLE)
        t->note = "the other inputs do not determine this quantity";
}

static void conflict_case_text(const gpucost_claim_result *r, gpucost_case_text *t)
{
    const gpucost_conflict *cf = &r->conflict;
    if (!r->has_conflict) {
        snprintf(t->where, sizeof t->where, "expect_conflicts[%zu]", r->index);
        snprintf(t->line, sizeof t->line,
                 "%s: the recorded conflict is gone, the inputs now agree; remove %s",
                 gpucost_quantity_info_get(r->conflict.quantity)->name, t->where);
        t->source = "recorded conflict";
        t->note = "the recorded conflict is gone; remove it from expect_conflicts";
        t->computed[0] = '\0';
        return;
    }
    snprintf(t->where, sizeof t->where, "conflict");
    gpucost_output_conflict(r->derivation, cf, t->line, sizeof t->line);
    gpucost_quantity_format(cf->quantity, cf->given, t->claimed, sizeof t->claimed);
    gpucost_quantity_format(cf->quantity, cf->derived, t->computed, sizeof t->computed);
    snprintf(t->rel, sizeof t->rel, "%+.2f%%", 100.0 * r->rel_error);
    gpucost_number_format_exact(cf->given, t->csv_claimed, sizeof t->csv_claimed);
    gpucost_number_format_exact(cf->derived, t->csv_computed, sizeof t->csv_computed);
    gpucost_number_format_exact(r->rel_error, t->csv_rel, sizeof t->csv_rel);
    t->source = cf->physical                            ? "conflict: above a physical bound"
                : cf->against == GPUCOST_ORIGIN_CATALOG ? "conflict: inputs vs catalog"
                : cf->against == GPUCOST_ORIGIN_DEFAULT ? "conflict: inputs vs default"
                                                        : "conflict: inputs disagree";
    if (r->expected != NULL)
        t->note = r->expected->note[0] ? r->expected->note : "recorded in expect_conflicts";
    else
        t->note = "not recorded: fix the inputs or record it under expect_conflicts";
}

void gpucost_output_case(const gpucost_claim_result *r, gpucost_case_text *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->computed, sizeof t->computed, "unknown");
    t->note = "";
    if (r->is_conflict) {
        t->name = gpucost_quantity_info_get(r->conflict.quantity)->name;
        conflict_case_text(r, t);
    } else {
        t->name = gpucost_quantity_info_get(r->claim->quantity)->name;
        claim_case_text(r, t);
    }
}

static gpucost_status check_json(const gpucost_claim_result *r, size_t n,
                                 const gpucost_claim_summary *sum,
                                 gpucost_buf *out, gpucost_error *err)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "claims");
    cJSON *conf = cJSON_AddArrayToObject(root, "conflicts");
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(r[i].is_conflict ? conf : arr, o);
        cJSON_AddStringToObject(o, "scenario", r[i].scenario->id);
        cJSON_AddStringToObject(o, "file", r[i].scenario->file);
        if (r[i].is_conflict) {
            gpucost_case_text t;
            gpucost_output_case(&r[i], &t);
            const gpucost_conflict *cf = &r[i].conflict;
            cJSON_AddStringToObject(o, "quantity", t.name);
            cJSON_AddStringToObject(o, "status", gpucost_claim_status_name(r[i].status));
            cJSON_AddItemToObject(o, "given", json_number_or_null(cf->given, r[i].has_conflict));
            cJSON_AddItemToObject(o, "derived",
                                  json_number_or_null(cf->derived, r[i].has_conflict));
            cJSON_AddItemToObject(o, "rel_error",
                                  json_number_or_null(r[i].rel_error, r[i].has_conflict));
            if (r[i].has_conflict)
                cJSON_AddStringToObject(o, "against",
                                        cf->physical ? "bound" : gpucost_origin_name(cf->against));
            else
                cJSON_AddNullToObject(o, "against");
            cJSON_AddBoolToObject(o, "recorded", r[i].expected != NULL);
            cJSON_AddStringToObject(o, "message", t.line);
            if (r[i].expected != NULL && r[i].expected->note[0])
                cJSON_AddStringToObject(o, "note", r[i].expected->note);
            continue;
        }
        const gpucost_claim *c = r[i].claim;
        cJSON_AddStringToObject(o, "quantity", gpucost_quantity_info_get(c->quantity)->name);
        cJSON_AddStringToObject(o, "status", gpucost_claim_status_name(r[i].status));
        cJSON_AddItemToObject(o, "claimed", json_number_or_null(c->value, c->has_value));
        if (c->has_value)
            cJSON_AddNumberToObject(o, "tolerance", c->tolerance);
        cJSON_AddItemToObject(o, "min", json_number_or_null(c->min, c->has_min));
        cJSON_AddItemToObject(o, "max", json_number_or_null(c->max, c->has_max));
        cJSON_AddItemToObject(o, "computed", json_number_or_null(r[i].computed, r[i].has_computed));
        cJSON_AddItemToObject(o, "rel_error", json_number_or_null(r[i].rel_error, r[i].has_computed));
        cJSON_AddStringToObject(o, "source", c->source);
        if (c->note[0])
            cJSON_AddStringToObject(o, "note", c->note);
    }
    cJSON *s = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddNumberToObject(s, "pass", (double)sum->pass);
    cJSON_AddNumberToObject(s, "fail", (double)sum->fail);
    cJSON_AddNumberToObject(s, "unverifiable", (double)sum->unverifiable);
    cJSON_AddNumberToObject(s, "expected_fail", (double)sum->expected_fail);
    return finish_json(root, out, err);
}

static void check_junit(const gpucost_claim_result *r, size_t n,
                        const gpucost_claim_summary *sum, gpucost_buf *out)
{
    gpucost_buf_printf(out,
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<testsuites name=\"gpucost check\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\">\n"
                       "  <testsuite name=\"claims\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
                       n, sum->fail, sum->unverifiable, n, sum->fail, sum->unverifiable);
    for (size_t i = 0; i < n; i++) {
        gpucost_case_text t;
        gpucost_output_case(&r[i], &t);
        gpucost_buf_puts(out, "    <testcase classname=\"");
        gpucost_buf_xml(out, r[i].scenario->id);
        gpucost_buf_printf(out, "\" name=\"%s [%s]\" file=\"", t.name, t.where);
        gpucost_buf_xml(out, r[i].scenario->file);
        gpucost_buf_puts(out, "\">\n");
        if (r[i].status == GPUCOST_CLAIM_FAIL) {
            gpucost_buf_puts(out, "      <failure message=\"");
            gpucost_buf_xml(out, r[i].claim != NULL && r[i].claim->expect_fail
                                     ? "expected to fail, but now holds"
                                     : t.line);
            gpucost_buf_puts(out, "\">");
            gpucost_buf_xml(out, t.line);
            gpucost_buf_puts(out, "</failure>\n");
        } else if (r[i].status == GPUCOST_CLAIM_UNVERIFIABLE) {
            gpucost_buf_puts(out, "      <skipped message=\"unverifiable: the inputs do not determine this quantity\"/>\n");
        }
        gpucost_buf_puts(out, "      <system-out>");
        gpucost_buf_printf(out, "%s: ", gpucost_claim_status_name(r[i].status));
        gpucost_buf_xml(out, t.line);
        if (t.source[0]) {
            gpucost_buf_puts(out, "; source: ");
            gpucost_buf_xml(out, t.source);
        }
        if (t.note[0]) {
            gpucost_buf_puts(out, "; note: ");
            gpucost_buf_xml(out, t.note);
        }
        gpucost_buf_puts(out, "</system-out>\n    </testcase>\n");
    }
    gpucost_buf_puts(out, "  </testsuite>\n</testsuites>\n");
}

/* TAP text from data: a '#' would start a directive (an id "x # TODO"
 * would turn a failure into a pass), so it is written "\#" as TAP 13
 * allows; a line break would start a new test line, so none passes. */
static void tap_text(gpucost_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '#')
            gpucost_buf_puts(out, "\\#");
        else if (*s == '\n' || *s == '\r')
            gpucost_buf_puts(out, " ");
        else
            gpucost_buf_printf(out, "%c", *s);
    }
}

static void check_tap(const gpucost_claim_result *r, size_t n, gpucost_buf *out)
{
    gpucost_buf_printf(out, "TAP version 13\n1..%zu\n", n);
    for (size_t i = 0; i < n; i++) {
        gpucost_case_text t;
        gpucost_output_case(&r[i], &t);
        gpucost_claim_status st = r[i].status;
        gpucost_buf_printf(
            out, "%s %zu - ",
            st == GPUCOST_CLAIM_PASS || st == GPUCOST_CLAIM_UNVERIFIABLE ? "ok" : "not ok", i + 1);
        /* a conflict's sentence starts with its quantity already */
        tap_text(out, r[i].scenario->id);
        gpucost_buf_puts(out, " ");
        tap_text(out, r[i].is_conflict ? "conflict" : t.name);
        if (st == GPUCOST_CLAIM_UNVERIFIABLE) {
            gpucost_buf_puts(out, " # SKIP unverifiable: ");
            tap_text(out, t.line);
            gpucost_buf_puts(out, "\n");
            continue;
        }
        gpucost_buf_puts(out, ": ");
        tap_text(out, t.line);
        if (st == GPUCOST_CLAIM_FAIL && r[i].claim != NULL && r[i].claim->expect_fail)
            gpucost_buf_puts(out, " (expected to fail, but now holds)");
        if (st == GPUCOST_CLAIM_EXPECTED_FAIL) {
            gpucost_buf_puts(out, " # TODO expected to fail");
            if (t.note[0]) {
                gpucost_buf_puts(out, ": ");
                tap_text(out, t.note);
            }
        }
        gpucost_buf_puts(out, "\n");
    }
}

gpucost_status gpucost_output_check(const gpucost_claim_result *r, size_t n,
                                    gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err)
{
    gpucost_claim_summary sum = {0, 0, 0, 0};
    gpucost_claims_tally(r, n, &sum);
    for (size_t i = 0; i < n; i++)
        if (r[i].has_computed) {
            /* the relative error is printed as a percentage */
            gpucost_status rc = gpucost_output_guard(r[i].computed, case_name(&r[i]), err);
            if (rc == GPUCOST_OK)
                rc = gpucost_output_guard(100.0 * r[i].rel_error, "relative error", err);
            if (rc != GPUCOST_OK)
                return rc;
        }
    if (f == GPUCOST_FMT_SVG)
        return unsupported(f, "check", err);
    if (f == GPUCOST_FMT_JSON)
        return check_json(r, n, &sum, out, err);
    if (f == GPUCOST_FMT_JUNIT) {
        check_junit(r, n, &sum, out);
        return finish(out, err);
    }
    if (f == GPUCOST_FMT_TAP) {
        check_tap(r, n, out);
        return finish(out, err);
    }
    int csv = f == GPUCOST_FMT_CSV;
    gpucost_table t;
    gpucost_table_init(&t, 7);
    gpucost_table_right(&t, 3);
    gpucost_table_right(&t, 4);
    gpucost_table_right(&t, 5);
    gpucost_table_row(&t);
    const char *head[] = {"status", "scenario", "quantity", "claimed", "computed", "error", "source"};
    for (int i = 0; i < 7; i++)
        gpucost_table_cell(&t, head[i]);
    size_t nclaims = 0;
    for (size_t i = 0; i < n; i++) {
        gpucost_case_text ct;
        gpucost_output_case(&r[i], &ct);
        nclaims += !r[i].is_conflict;
        gpucost_table_row(&t);
        gpucost_table_cell(&t, gpucost_claim_status_name(r[i].status));
        gpucost_table_cell(&t, r[i].scenario->id);
        if (r[i].is_conflict)
            gpucost_table_cellf(&t, "%s (conflict)", ct.name);
        else
            gpucost_table_cell(&t, ct.name);
        gpucost_table_cell(&t, csv ? ct.csv_claimed : ct.claimed);
        gpucost_table_cell(&t, csv ? ct.csv_computed : ct.computed);
        gpucost_table_cell(&t, csv ? ct.csv_rel : ct.rel);
        gpucost_table_cell(&t, ct.source);
    }
    gpucost_table_render(&t, f, 0, out);
    gpucost_table_release(&t);
    if (!csv) {
        int notes = 0;
        for (size_t i = 0; i < n; i++) {
            gpucost_case_text ct;
            gpucost_output_case(&r[i], &ct);
            /* a conflict's finding is its sentence (and why it is
             * recorded); a claim's is its note */
            char why[800];
            if (r[i].is_conflict && r[i].has_conflict)
                snprintf(why, sizeof why, "%s; %s", ct.line, ct.note);
            else
                snprintf(why, sizeof why, "%s", r[i].is_conflict ? ct.line : ct.note);
            if (why[0] == '\0' || r[i].status == GPUCOST_CLAIM_PASS)
                continue;
            if (!notes++)
                gpucost_buf_puts(out, "\n");
            /* a conflict's sentence names its quantity already */
            gpucost_buf_printf(out, "%s%s %s (%s): %s\n", f == GPUCOST_FMT_MD ? "- " : "",
                               r[i].scenario->id, r[i].is_conflict ? "conflict" : ct.name,
                               gpucost_claim_status_name(r[i].status), why);
        }
        gpucost_buf_printf(out, "\n%zu claim%s", nclaims, nclaims == 1 ? "" : "s");
        if (n > nclaims)
            gpucost_buf_printf(out, " and %zu conflict%s", n - nclaims,
                               n - nclaims == 1 ? "" : "s");
        gpucost_buf_printf(out, ": %zu pass, %zu fail, %zu unverifiable, %zu expected-fail\n",
                           sum.pass, sum.fail, sum.unverifiable, sum.expected_fail);
    }
    return finish(out, err);
}

/* ---- hardware ------------------------------------------------------- */

static const char *eccn_text(int flag)
{
    return flag > 0 ? "yes" : flag == 0 ? "no" : "unknown";
}

gpucost_status gpucost_output_hardware(const gpucost_catalog *c,
                                       const char *id, gpucost_format f,
                                       gpucost_buf *out, gpucost_error *err)
{
    if (f == GPUCOST_FMT_JUNIT || f == GPUCOST_FMT_TAP || f == GPUCOST_FMT_SVG)
        return unsupported(f, "hardware", err);
    if (id != NULL && gpucost_catalog_find(c, id) == NULL) {
        char ids[512];
        gpucost_catalog_ids(c, ids, sizeof ids);
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, NULL, 0, 0, NULL,
                             "unknown hardware '%s' (known: %s)", id, ids);
    }
    size_t n = gpucost_catalog_count(c);
    if (f == GPUCOST_FMT_JSON) {
        cJSON *root = cJSON_CreateArray();
        for (size_t i = 0; i < n; i++) {
            const gpucost_hardware *h = gpucost_catalog_at(c, i);
            if (id != NULL && h != gpucost_catalog_find(c, id))
                continue;
            cJSON *o = cJSON_CreateObject();
            cJSON_AddItemToArray(root, o);
            cJSON_AddStringToObject(o, "id", h->id);
            cJSON_AddStringToObject(o, "name", h->name);
            cJSON_AddStringToObject(o, "vendor", h->vendor);
            cJSON *p = cJSON_AddObjectToObject(o, "peak_tflops");
            for (int k = 0; k < GPUCOST_P_COUNT; k++)
                if (h->peak_tflops[k] > 0.0)
                    cJSON_AddNumberToObject(p, gpucost_precision_name((gpucost_precision)k), h->peak_tflops[k]);
            cJSON_AddItemToObject(o, "tpp", json_number_or_null(h->tpp, h->tpp > 0.0));
            cJSON_AddItemToObject(o, "performance_density", json_number_or_null(h->performance_density, h->die_area_mm2 > 0.0));
            if (h->eccn_3a090a < 0)
                cJSON_AddNullToObject(o, "eccn_3a090a");
            else
                cJSON_AddBoolToObject(o, "eccn_3a090a", h->eccn_3a090a);
            cJSON_AddItemToObject(o, "memory_gb", json_number_or_null(h->memory_gb, h->memory_gb > 0));
            cJSON_AddItemToObject(o, "memory_bw_tbs", json_number_or_null(h->memory_bw_tbs, h->memory_bw_tbs > 0));
            cJSON_AddItemToObject(o, "interconnect_gbs", json_number_or_null(h->interconnect_gbs, h->interconnect_gbs > 0));
            cJSON_AddItemToObject(o, "tdp_w", json_number_or_null(h->tdp_w, h->tdp_w > 0));
            cJSON_AddItemToObject(o, "die_area_mm2", json_number_or_null(h->die_area_mm2, h->die_area_mm2 > 0));
            cJSON_AddItemToObject(o, "price_usd_median", json_number_or_null(gpucost_dist_median(&h->price_usd), h->has_price));
            cJSON_AddItemToObject(o, "rent_usd_per_hour_median", json_number_or_null(gpucost_dist_median(&h->rent_usd_per_hour), h->has_rent));
            cJSON_AddStringToObject(o, "file", h->file);
        }
        return finish_json(root, out, err);
    }
    int csv = f == GPUCOST_FMT_CSV;
    gpucost_table t;
    gpucost_table_init(&t, 11);
    for (size_t k = 2; k < 11; k++)
        gpucost_table_right(&t, k);
    const char *head[] = {"id", "name", "bf16 TFLOPS", "fp8 TFLOPS", "memory GB", "TB/s",
                          "TDP W", "TPP", "density", "3A090.a", "price"};
    const char *csv_head[] = {"id", "name", "bf16_tflops", "fp8_tflops", "memory_gb", "memory_bw_tbs",
                              "tdp_w", "tpp", "performance_density", "eccn_3a090a", "price_usd_median"};
    gpucost_table_row(&t);
    for (int k = 0; k < 11; k++)
        gpucost_table_cell(&t, csv ? csv_head[k] : head[k]);
    for (size_t i = 0; i < n; i++) {
        const gpucost_hardware *h = gpucost_catalog_at(c, i);
        if (id != NULL && h != gpucost_catalog_find(c, id))
            continue;
        double vals[8] = {h->peak_tflops[GPUCOST_P_BF16], h->peak_tflops[GPUCOST_P_FP8],
                          h->memory_gb, h->memory_bw_tbs, h->tdp_w, h->tpp,
                          h->performance_density,
                          h->has_price ? gpucost_dist_median(&h->price_usd) : 0.0};
        gpucost_table_row(&t);
        gpucost_table_cell(&t, h->id);
        gpucost_table_cell(&t, h->name);
        for (int k = 0; k < 8; k++) {
            char v[64] = "-";
            if (csv)
                v[0] = '\0';
            if (vals[k] > 0.0) {
                if (csv)
                    gpucost_number_format_exact(vals[k], v, sizeof v);
                else if (k == 7)
                    gpucost_number_format(vals[k], GPUCOST_NUM_USD, v, sizeof v);
                else if (vals[k] >= 1e7) /* never a 300-digit integer */
                    gpucost_number_format(vals[k], GPUCOST_NUM_SCI, v, sizeof v);
                else if (k == 6 || k == 3)
                    snprintf(v, sizeof v, "%.2f", vals[k]);
                else
                    snprintf(v, sizeof v, "%.0f", vals[k]);
            }
            if (k == 7)
                gpucost_table_cell(&t, eccn_text(h->eccn_3a090a));
            gpucost_table_cell(&t, v);
        }
    }
    gpucost_table_render(&t, f, 0, out);
    gpucost_table_release(&t);
    if (!csv)
        gpucost_buf_printf(out, "\nTPP = dense TOPS x bit length, maximised over precisions; density = TPP / die area (mm2).\n"
                                "3A090.a: TPP >= %.0f, or TPP >= %.0f and density >= %.2f (88 FR 73458).%s\n",
                           GPUCOST_3A090A_TPP, GPUCOST_3A090A2_TPP, GPUCOST_3A090A2_DENSITY,
                           f == GPUCOST_FMT_MD ? "" : " price = median of the catalog's purchase range.");
    return finish(out, err);
}

/* ---- range ---------------------------------------------------------- */

/* The label of quantile k of r: "p5", "p99.99999".  The fewest
 * significant digits (6 or more) that keep every label of the list
 * distinct and never round to p0 or p100: 99.99999 and 99.999999 are two
 * columns, not two "p100" keys. */
static void quantile_name_of(const gpucost_range_result *r, size_t k, char *buf, size_t n)
{
    for (int digits = 6; digits <= 17; digits++) {
        int ok = 1;
        char mine[32];
        snprintf(mine, sizeof mine, "p%.*g", digits, r->quantiles[k] * 100.0);
        ok &= strcmp(mine, "p100") != 0 && strcmp(mine, "p0") != 0;
        for (size_t i = 0; ok && i < r->nquantiles; i++) {
            char other[32];
            snprintf(other, sizeof other, "p%.*g", digits, r->quantiles[i] * 100.0);
            ok &= i == k || strcmp(mine, other) != 0;
        }
        if (ok || digits == 17) {
            snprintf(buf, n, "%s", mine);
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
    if (b == NULL || !known(b->derivation, q) || b->derivation->value[q] == 0.0)
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
        rc = gpucost_output_guard(r->tornado[t].swing, gpucost_quantity_info_get(r->output)->name, err);
    return rc;
}

static gpucost_status range_json(const gpucost_scenario *sc, const gpucost_range_result *r,
                                 gpucost_selection sel, const gpucost_result *baseline,
                                 gpucost_buf *out, gpucost_error *err)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "id", sc->id);
    cJSON_AddNumberToObject(root, "samples", (double)r->samples);
    cJSON_AddNumberToObject(root, "seed", (double)r->seed);
    cJSON_AddNumberToObject(root, "threads", r->threads);
    cJSON_AddBoolToObject(root, "exact_quantiles", r->exact);
    cJSON *in = cJSON_AddArrayToObject(root, "inputs");
    for (size_t i = 0; i < r->ninputs; i++)
        cJSON_AddItemToArray(in, cJSON_CreateString(gpucost_quantity_info_get(r->inputs[i])->name));
    cJSON *qs = cJSON_AddObjectToObject(root, "quantities");
    cJSON *ratios = NULL;
    if (baseline != NULL) {
        cJSON *b = cJSON_AddObjectToObject(root, "baseline");
        cJSON_AddStringToObject(b, "id", baseline->scenario->id);
        ratios = cJSON_AddObjectToObject(b, "ratios");
    }
    for (size_t s = 0; s < r->nstats; s++) {
        const gpucost_range_stat *st = &r->stats[s];
        if (!range_selected(sel, st->quantity))
            continue;
        const char *name = gpucost_quantity_info_get(st->quantity)->name;
        cJSON *o = cJSON_AddObjectToObject(qs, name);
        cJSON_AddNumberToObject(o, "mean", st->mean);
        cJSON_AddNumberToObject(o, "sd", st->sd);
        double bv = 0.0;
        int has_b = baseline_value(baseline, st->quantity, &bv);
        cJSON *ro = has_b ? cJSON_AddObjectToObject(ratios, name) : NULL;
        for (size_t k = 0; k < r->nquantiles; k++) {
            char qn[48];
            quantile_name_of(r, k, qn, sizeof qn);
            cJSON_AddNumberToObject(o, qn, st->q[k]);
            if (ro != NULL)
                cJSON_AddNumberToObject(ro, qn, st->q[k] / bv);
        }
    }
    cJSON *tor = cJSON_AddArrayToObject(root, "tornado");
    cJSON_AddStringToObject(root, "output", gpucost_quantity_info_get(r->output)->name);
    for (size_t t = 0; t < r->ntornado; t++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(tor, o);
        cJSON_AddStringToObject(o, "input", gpucost_quantity_info_get(r->tornado[t].input)->name);
        cJSON_AddNumberToObject(o, "input_low", r->tornado[t].input_low);
        cJSON_AddNumberToObject(o, "input_high", r->tornado[t].input_high);
        cJSON_AddNumberToObject(o, "low", r->tornado[t].low);
        cJSON_AddNumberToObject(o, "high", r->tornado[t].high);
        cJSON_AddNumberToObject(o, "swing", r->tornado[t].swing);
    }
    if (r->has_sobol) {
        cJSON_AddNumberToObject(root, "sobol_evaluations", (double)r->sobol_evaluations);
        cJSON *so = cJSON_AddObjectToObject(root, "sobol");
        for (size_t s = 0; s < r->nstats; s++) {
            if (!range_selected(sel, r->stats[s].quantity))
                continue;
            cJSON *arr = cJSON_AddArrayToObject(so, gpucost_quantity_info_get(r->stats[s].quantity)->name);
            for (size_t i = 0; i < r->ninputs; i++) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddItemToArray(arr, o);
                cJSON_AddStringToObject(o, "input", gpucost_quantity_info_get(r->sobol[s][i].input)->name);
                cJSON_AddNumberToObject(o, "first", r->sobol[s][i].first);
                cJSON_AddNumberToObject(o, "total", r->sobol[s][i].total);
            }
        }
    }
    return finish_json(root, out, err);
}

gpucost_status gpucost_output_range(const gpucost_scenario *sc,
                                    const gpucost_range_result *r,
                                    gpucost_selection sel,
                                    const gpucost_result *baseline,
                                    gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err)
{
    gpucost_status rc = range_guard(r, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JSON)
        return range_json(sc, r, sel, baseline, out, err);
    if (f == GPUCOST_FMT_SVG) {
        char title[256];
        snprintf(title, sizeof title, "%s: distribution of %s", sc->id,
                 gpucost_quantity_info_get(r->output)->name);
        return gpucost_chart_histogram(title, r, out, err);
    }
    if (f == GPUCOST_FMT_JUNIT || f == GPUCOST_FMT_TAP)
        return unsupported(f, "range", err);
    int csv = f == GPUCOST_FMT_CSV, md = f == GPUCOST_FMT_MD;
    size_t nb = baseline != NULL ? r->nquantiles : 0;
    gpucost_table t;
    gpucost_table_init(&t, 3 + r->nquantiles + nb);
    for (size_t c = 1; c < 3 + r->nquantiles + nb; c++)
        gpucost_table_right(&t, c);
    gpucost_table_row(&t);
    gpucost_table_cell(&t, "quantity");
    gpucost_table_cell(&t, "mean");
    gpucost_table_cell(&t, "sd");
    for (size_t k = 0; k < r->nquantiles; k++) {
        char qn[48];
        quantile_name_of(r, k, qn, sizeof qn);
        gpucost_table_cell(&t, qn);
    }
    for (size_t k = 0; k < nb; k++) {
        char qn[48];
        quantile_name_of(r, k, qn, sizeof qn);
        if (csv)
            gpucost_table_cellf(&t, "%s_ratio", qn);
        else
            gpucost_table_cellf(&t, "%s / %s", qn, baseline->scenario->id);
    }
    for (size_t s = 0; s < r->nstats; s++) {
        const gpucost_range_stat *st = &r->stats[s];
        if (!range_selected(sel, st->quantity))
            continue;
        gpucost_table_row(&t);
        gpucost_table_cell(&t, gpucost_quantity_info_get(st->quantity)->name);
        double vals[2 + GPUCOST_MAX_QUANTILES];
        vals[0] = st->mean;
        vals[1] = st->sd;
        for (size_t k = 0; k < r->nquantiles; k++)
            vals[2 + k] = st->q[k];
        for (size_t k = 0; k < 2 + r->nquantiles; k++) {
            char v[64];
            if (csv)
                gpucost_number_format_exact(vals[k], v, sizeof v);
            else
                gpucost_quantity_format(st->quantity, vals[k], v, sizeof v);
            gpucost_table_cell(&t, v);
        }
        double bv = 0.0;
        int has_b = baseline_value(baseline, st->quantity, &bv);
        for (size_t k = 0; k < nb; k++) {
            char v[64] = "";
            if (has_b && csv)
                gpucost_number_format_exact(st->q[k] / bv, v, sizeof v);
            else if (has_b) {
                char x[48];
                gpucost_number_format(st->q[k] / bv, GPUCOST_NUM_SI, x, sizeof x);
                snprintf(v, sizeof v, "%sx", x);
            } else if (!csv)
                snprintf(v, sizeof v, "-");
            gpucost_table_cell(&t, v);
        }
    }
    if (!csv) {
        char inputs[512] = "";
        size_t used = 0;
        for (size_t i = 0; i < r->ninputs && used < sizeof inputs; i++) {
            int w = snprintf(inputs + used, sizeof inputs - used, "%s%s", i ? ", " : "",
                             gpucost_quantity_info_get(r->inputs[i])->name);
            if (w > 0)
                used += (size_t)w;
        }
        char samples[32];
        gpucost_number_format((double)r->samples, GPUCOST_NUM_COUNT, samples, sizeof samples);
        gpucost_buf_printf(out, "%s%s: %s\n%s%s samples, seed %lu, %d thread%s, %s quantiles; uncertain: %s\n\n",
                           md ? "### " : "", sc->id, sc->title, md ? "" : "  ", samples, r->seed,
                           r->threads, r->threads == 1 ? "" : "s",
                           r->exact ? "exact" : "histogram (0.1% bins)", inputs);
    }
    gpucost_table_render(&t, f, f == GPUCOST_FMT_TABLE ? 2 : 0, out);
    gpucost_table_release(&t);
    if (csv)
        return finish(out, err);

    const gpucost_quantity_info *oi = gpucost_quantity_info_get(r->output);
    char med[64];
    gpucost_quantity_format(r->output, r->output_median, med, sizeof med);
    gpucost_buf_printf(out, "\n%stornado of %s (%s with every input at its median): each input from its p5 to its p95\n\n",
                       md ? "" : "  ", oi->name, med);
    gpucost_table_init(&t, 6);
    for (size_t c = 1; c < 6; c++)
        gpucost_table_right(&t, c);
    gpucost_table_row(&t);
    const char *head[] = {"input", "input p5", "input p95", "output at p5", "output at p95", "swing"};
    for (int c = 0; c < 6; c++)
        gpucost_table_cell(&t, head[c]);
    for (size_t i = 0; i < r->nmoving; i++) {
        const gpucost_tornado_bar *b = &r->tornado[i];
        char v[4][64];
        gpucost_quantity_format(b->input, b->input_low, v[0], sizeof v[0]);
        gpucost_quantity_format(b->input, b->input_high, v[1], sizeof v[1]);
        gpucost_quantity_format(r->output, b->low, v[2], sizeof v[2]);
        gpucost_quantity_format(r->output, b->high, v[3], sizeof v[3]);
        gpucost_table_row(&t);
        gpucost_table_cell(&t, gpucost_quantity_info_get(b->input)->name);
        for (int c = 0; c < 4; c++)
            gpucost_table_cell(&t, v[c]);
        char sw[64];
        gpucost_quantity_format(r->output, b->swing, sw, sizeof sw);
        gpucost_table_cell(&t, sw);
    }
    gpucost_table_render(&t, f, f == GPUCOST_FMT_TABLE ? 2 : 0, out);
    gpucost_table_release(&t);
    char still[512];
    if (gpucost_range_no_effect(r, still, sizeof still))
        gpucost_buf_printf(out, "%s%s\n", md ? "\n" : "  ", still);

    if (r->has_sobol) {
        char n1[32], n2[32];
        gpucost_number_format((double)r->sobol_samples, GPUCOST_NUM_COUNT, n1, sizeof n1);
        gpucost_number_format((double)r->sobol_evaluations, GPUCOST_NUM_COUNT, n2, sizeof n2);
        gpucost_buf_printf(out, "\n%sSobol indices: first-order (Saltelli) and total (Jansen), %s x (%zu + 2) = %s model evaluations\n\n",
                           md ? "" : "  ", n1, r->ninputs, n2);
        gpucost_table_init(&t, 4);
        gpucost_table_right(&t, 2);
        gpucost_table_right(&t, 3);
        gpucost_table_row(&t);
        gpucost_table_cell(&t, "output");
        gpucost_table_cell(&t, "input");
        gpucost_table_cell(&t, "first");
        gpucost_table_cell(&t, "total");
        for (size_t s = 0; s < r->nstats; s++) {
            if (!range_selected(sel, r->stats[s].quantity))
                continue;
            int is_input = 0;
            for (size_t i = 0; i < r->ninputs; i++)
                is_input |= r->inputs[i] == r->stats[s].quantity;
            if (is_input && sel.nq == 0)
                continue; /* an input explains itself */
            int first_row = 1;
            for (size_t i = 0; i < r->ninputs; i++) {
                /* an input the output does not depend on has both exactly 0 */
                if (r->sobol[s][i].first == 0.0 && r->sobol[s][i].total == 0.0)
                    continue;
                gpucost_table_row(&t);
                gpucost_table_cell(&t, first_row ? gpucost_quantity_info_get(r->stats[s].quantity)->name : "");
                first_row = 0;
                gpucost_table_cell(&t, gpucost_quantity_info_get(r->sobol[s][i].input)->name);
                gpucost_table_cellf(&t, "%.3f", r->sobol[s][i].first);
                gpucost_table_cellf(&t, "%.3f", r->sobol[s][i].total);
            }
        }
        gpucost_table_render(&t, f, f == GPUCOST_FMT_TABLE ? 2 : 0, out);
        gpucost_table_release(&t);
    }
    return finish(out, err);
}

/* ---- solve ---------------------------------------------------------- */

gpucost_status gpucost_output_solve(const gpucost_scenario *s,
                                    const gpucost_solve_result *r,
                                    gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err)
{
    const char *in = gpucost_quantity_info_get(r->input)->name;
    const char *tg = gpucost_quantity_info_get(r->target)->name;
    gpucost_status rc = gpucost_output_guard(r->value, in, err);
    if (rc == GPUCOST_OK)
        rc = gpucost_output_guard(r->achieved, tg, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JSON) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "scenario", s->id);
        cJSON_AddStringToObject(root, "for", in);
        cJSON_AddNumberToObject(root, "value", r->value);
        cJSON *t = cJSON_AddObjectToObject(root, "target");
        cJSON_AddNumberToObject(t, tg, r->target_value);
        cJSON_AddNumberToObject(root, "achieved", r->achieved);
        cJSON_AddNumberToObject(root, "iterations", r->iterations);
        return finish_json(root, out, err);
    }
    if (f == GPUCOST_FMT_JUNIT || f == GPUCOST_FMT_TAP || f == GPUCOST_FMT_SVG)
        return unsupported(f, "solve", err);
    char v[64], want[64], start[64], exact[40], exact_t[40];
    gpucost_quantity_format(r->input, r->value, v, sizeof v);
    gpucost_quantity_format(r->target, r->target_value, want, sizeof want);
    gpucost_quantity_format(r->input, r->start, start, sizeof start);
    gpucost_number_format_exact(r->value, exact, sizeof exact);
    gpucost_number_format_exact(r->target_value, exact_t, sizeof exact_t);
    if (f == GPUCOST_FMT_CSV)
        gpucost_buf_printf(out, "scenario,for,value,target,target_value\n%s,%s,%s,%s,%s\n",
                           s->id, in, exact, tg, exact_t);
    else
        gpucost_buf_printf(out, "%s%s: %s = %s gives %s = %s\n%s(exact: %s; started from %s; %d Brent iterations)\n",
                           f == GPUCOST_FMT_MD ? "**" : "", s->id, in, v, tg, want,
                           f == GPUCOST_FMT_MD ? "** " : "  ", exact, start, r->iterations);
    return finish(out, err);
}

/* ---- reconcile ------------------------------------------------------ */

/* An observation's number for people: "2,048 GPUs", "<= 60.0 d". */
static void obs_value_text(const gpucost_observation *o, char *buf, size_t n)
{
    char v[64];
    gpucost_quantity_format(o->quantity, o->value, v, sizeof v);
    snprintf(buf, n, "%s%s", o->bound > 0 ? "<= " : o->bound < 0 ? ">= " : "", v);
}

void gpucost_output_reconcile_verdict(const gpucost_reconcile_result *r, char *buf, size_t n)
{
    char head[160];
    if (r->fit.p_value > 0.0)
        snprintf(head, sizeof head, "chi2 %.3g on %zu dof (p %.2g)", r->fit.chi2, r->fit.dof,
                 r->fit.p_value);
    else /* below the smallest double: say so rather than "p 0" */
        snprintf(head, sizeof head, "chi2 %.3g on %zu dof (p < 1e-300)", r->fit.chi2, r->fit.dof);
    size_t nactive = 0, untested = 0;
    for (size_t i = 0; i < r->nobs; i++) {
        nactive += (size_t)r->obs[i].active;
        untested += r->obs[i].status == GPUCOST_OBS_UNTESTED;
    }
    if (r->consistent) {
        snprintf(buf, n, "consistent: %s; all %zu observations can be true together%s", head,
                 nactive, untested ? " (some untested: nothing else checks them)" : "");
        return;
    }
    if (!r->found) {
        snprintf(
            buf, n,
            "inconsistent: %s; no set of observations the search could drop restores consistency",
            head);
        return;
    }
    int len = snprintf(buf, n, "inconsistent: %s; drop %zu of %zu:", head, r->ndrop, nactive);
    for (size_t d = 0; d < r->ndrop && len >= 0 && (size_t)len < n; d++) {
        const gpucost_observation *o = &r->obs[r->drop[d]];
        char v[96];
        obs_value_text(o, v, sizeof v);
        len += snprintf(buf + len, n - (size_t)len, "%s %s %s (%s)", d ? ";" : "",
                        gpucost_quantity_info_get(o->quantity)->name, v, o->source);
    }
}

static gpucost_status reconcile_json(const gpucost_reconcile_result *r, gpucost_buf *out,
                                     gpucost_error *err)
{
    char verdict[1024];
    gpucost_output_reconcile_verdict(r, verdict, sizeof verdict);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "verdict", verdict);
    cJSON_AddNumberToObject(root, "chi2", r->fit.chi2);
    cJSON_AddNumberToObject(root, "dof", (double)r->fit.dof);
    cJSON_AddNumberToObject(root, "p_value", r->fit.p_value);
    cJSON_AddItemToObject(
        root, "birge_ratio",
        json_number_or_null(sqrt(r->fit.chi2 / (double)r->fit.dof), r->fit.dof > 0));
    cJSON_AddNumberToObject(root, "rank", (double)r->fit.rank);
    cJSON_AddBoolToObject(root, "consistent", r->consistent);
    cJSON *drop = cJSON_AddArrayToObject(root, "drop");
    for (size_t d = 0; d < r->ndrop; d++)
        cJSON_AddItemToArray(drop, cJSON_CreateNumber((double)r->drop[d]));
    if (!r->consistent) {
        cJSON *a = cJSON_AddObjectToObject(root, "after_drop");
        cJSON_AddNumberToObject(a, "chi2", r->after.chi2);
        cJSON_AddNumberToObject(a, "dof", (double)r->after.dof);
        cJSON_AddNumberToObject(a, "p_value", r->after.p_value);
    } else {
        cJSON_AddNullToObject(root, "after_drop");
    }
    cJSON_AddNumberToObject(root, "left_out", (double)r->nleft_out);
    cJSON *obs = cJSON_AddArrayToObject(root, "observations");
    for (size_t i = 0; i < r->nobs; i++) {
        const gpucost_observation *o = &r->obs[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddItemToArray(obs, e);
        cJSON_AddNumberToObject(e, "index", (double)i);
        cJSON_AddStringToObject(e, "file", o->file);
        cJSON_AddStringToObject(e, "where", o->where);
        cJSON_AddStringToObject(e, "kind", gpucost_obs_kind_name(o->kind));
        cJSON_AddStringToObject(e, "source", o->source);
        cJSON_AddStringToObject(e, "quantity", gpucost_quantity_info_get(o->quantity)->name);
        if (o->bound != 0)
            cJSON_AddStringToObject(e, "bound", o->bound > 0 ? "max" : "min");
        else
            cJSON_AddNullToObject(e, "bound");
        cJSON_AddBoolToObject(e, "active", o->active);
        cJSON_AddNumberToObject(e, "value", o->value);
        cJSON_AddNumberToObject(e, "sigma", o->sigma);
        cJSON_AddItemToObject(e, "adjusted", json_number_or_null(o->adjusted, o->has_fit));
        cJSON_AddItemToObject(e, "residual",
                              json_number_or_null(o->residual, o->has_fit && o->active));
        cJSON_AddItemToObject(e, "loo_residual", json_number_or_null(o->loo_residual, o->has_loo));
        cJSON_AddItemToObject(
            e, "leverage",
            json_number_or_null(o->leverage, o->active && o->status != GPUCOST_OBS_OUTLIER));
        cJSON_AddStringToObject(e, "status", gpucost_obs_status_name(o->status));
    }
    cJSON *qs = cJSON_AddObjectToObject(root, "quantities");
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (!r->identified[q])
            continue;
        cJSON *e =
            cJSON_AddObjectToObject(qs, gpucost_quantity_info_get((gpucost_quantity)q)->name);
        cJSON_AddNumberToObject(e, "value", r->value[q]);
        cJSON_AddNumberToObject(e, "low", r->low[q]);
        cJSON_AddNumberToObject(e, "high", r->high[q]);
    }
    return finish_json(root, out, err);
}

void gpucost_output_obs(const gpucost_observation *o, int exact, gpucost_obs_text *t)
{
    int has_res = o->has_fit && o->active, has_lev = o->active && o->status != GPUCOST_OBS_OUTLIER;
    const char *none = exact ? "" : "-";
    snprintf(t->adjusted, sizeof t->adjusted, "%s", none);
    snprintf(t->residual, sizeof t->residual, "%s", none);
    snprintf(t->loo, sizeof t->loo, "%s", none);
    snprintf(t->leverage, sizeof t->leverage, "%s", none);
    if (exact) {
        gpucost_number_format_exact(o->value, t->value, sizeof t->value);
        if (o->has_fit)
            gpucost_number_format_exact(o->adjusted, t->adjusted, sizeof t->adjusted);
        if (has_res)
            gpucost_number_format_exact(o->residual, t->residual, sizeof t->residual);
        if (o->has_loo)
            gpucost_number_format_exact(o->loo_residual, t->loo, sizeof t->loo);
        if (has_lev)
            gpucost_number_format_exact(o->leverage, t->leverage, sizeof t->leverage);
        return;
    }
    obs_value_text(o, t->value, sizeof t->value);
    if (o->has_fit)
        gpucost_quantity_format(o->quantity, o->adjusted, t->adjusted, sizeof t->adjusted);
    if (has_res)
        snprintf(t->residual, sizeof t->residual, "%+.2f", o->residual);
    else if (o->bound != 0 && !o->active)
        snprintf(t->residual, sizeof t->residual, "holds");
    if (o->has_loo)
        snprintf(t->loo, sizeof t->loo, "%+.2f", o->loo_residual);
    if (has_lev)
        snprintf(t->leverage, sizeof t->leverage, "%.3f", o->leverage);
}

gpucost_status gpucost_output_reconcile(const gpucost_reconcile_result *r, gpucost_format f,
                                        gpucost_buf *out, gpucost_error *err)
{
    gpucost_status rc = gpucost_output_guard(r->fit.chi2, "chi2", err);
    for (size_t i = 0; rc == GPUCOST_OK && i < r->nobs; i++)
        if (r->obs[i].has_fit)
            rc = gpucost_output_guard(r->obs[i].adjusted, "adjusted value", err);
    if (rc != GPUCOST_OK)
        return rc;
    if (f == GPUCOST_FMT_JSON)
        return reconcile_json(r, out, err);
    if (f != GPUCOST_FMT_TABLE && f != GPUCOST_FMT_MD && f != GPUCOST_FMT_CSV)
        return unsupported(f, "reconcile", err);
    int csv = f == GPUCOST_FMT_CSV, md = f == GPUCOST_FMT_MD;
    char verdict[1024];
    gpucost_output_reconcile_verdict(r, verdict, sizeof verdict);
    if (!csv) {
        gpucost_buf_printf(out, md ? "**%s**\n" : "%s\n", verdict);
        if (!r->consistent && r->found)
            gpucost_buf_printf(out, "%safter the drop: chi2 %.3g on %zu dof (p %.2g)\n",
                               md ? "\n\n" : "", r->after.chi2, r->after.dof, r->after.p_value);
        gpucost_buf_puts(out, "\n");
    }
    gpucost_table t;
    gpucost_table_init(&t, 11);
    for (size_t c = 3; c < 8; c++)
        gpucost_table_right(&t, c);
    gpucost_table_row(&t);
    const char *head[] = {"#",     "status",   "quantity", "value", "adjusted", "r",
                          "loo r", "leverage", "kind",     "where", "source"};
    for (int c = 0; c < 11; c++)
        gpucost_table_cell(&t, head[c]);
    for (size_t i = 0; i < r->nobs; i++) {
        const gpucost_observation *o = &r->obs[i];
        gpucost_obs_text ot;
        gpucost_output_obs(o, csv, &ot);
        const char *v = ot.value, *adj = ot.adjusted, *res = ot.residual, *loo = ot.loo,
                   *lev = ot.leverage;
        gpucost_table_row(&t);
        gpucost_table_cellf(&t, "%zu", i);
        gpucost_table_cell(&t, gpucost_obs_status_name(o->status));
        gpucost_table_cell(&t, gpucost_quantity_info_get(o->quantity)->name);
        gpucost_table_cell(&t, v);
        gpucost_table_cell(&t, adj);
        gpucost_table_cell(&t, res);
        gpucost_table_cell(&t, loo);
        gpucost_table_cell(&t, lev);
        gpucost_table_cell(&t, gpucost_obs_kind_name(o->kind));
        gpucost_table_cell(&t, o->where);
        gpucost_table_cell(&t, o->source);
    }
    gpucost_table_render(&t, f, 0, out);
    gpucost_table_release(&t);
    if (csv)
        return finish(out, err);
    gpucost_buf_puts(
        out, md         ? "\n| quantity | adjusted | 90% interval |\n|---|---:|---|\n"
             : r->ndrop ? "\nthe case's quantities, fitted without the dropped observations:\n"
                        : "\nthe case's quantities, fitted:\n");
    gpucost_table q;
    gpucost_table_init(&q, 3);
    gpucost_table_right(&q, 1);
    for (int k = 0; k < GPUCOST_Q_COUNT; k++) {
        if (!r->identified[k])
            continue;
        char v[64], lo[64], hi[64];
        gpucost_quantity_format((gpucost_quantity)k, r->value[k], v, sizeof v);
        gpucost_quantity_format((gpucost_quantity)k, r->low[k], lo, sizeof lo);
        gpucost_quantity_format((gpucost_quantity)k, r->high[k], hi, sizeof hi);
        if (md) {
            gpucost_buf_printf(out, "| %s | %s | %s .. %s |\n",
                               gpucost_quantity_info_get((gpucost_quantity)k)->name, v, lo, hi);
            continue;
        }
        gpucost_table_row(&q);
        gpucost_table_cell(&q, gpucost_quantity_info_get((gpucost_quantity)k)->name);
        gpucost_table_cell(&q, v);
        gpucost_table_cellf(&q, "90%%: %s .. %s", lo, hi);
    }
    if (!md)
        gpucost_table_render(&q, GPUCOST_FMT_TABLE, 2, out);
    gpucost_table_release(&q);
    gpucost_buf_printf(
        out,
        "\nr: normalised residual; loo r: against the fit of all the others; "
        "leverage above 0.99: untested.%s\n",
        r->nleft_out ? " Catalog values and defaults that nothing tests are left out." : "");
    return finish(out, err);
}

/* ---- quantities ----------------------------------------------------- */

gpucost_status gpucost_output_quantities(gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    static const char *const kinds[] = {"", "training", "inference", "both"};
    if (f == GPUCOST_FMT_JSON) {
        cJSON *root = cJSON_CreateArray();
        for (int q = 0; root != NULL && q < GPUCOST_Q_COUNT; q++) {
            const gpucost_quantity_info *info = gpucost_quantity_info_get((gpucost_quantity)q);
            char rel[1024];
            gpucost_derive_describe((gpucost_quantity)q, rel, sizeof rel);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddItemToArray(root, o);
            cJSON_AddStringToObject(o, "name", info->name);
            cJSON_AddStringToObject(o, "unit", info->unit);
            cJSON_AddStringToObject(o, "meaning", info->label);
            cJSON_AddStringToObject(o, "kinds", kinds[info->kinds]);
            cJSON_AddStringToObject(o, "domain", gpucost_quantity_domain_text((gpucost_quantity)q));
            cJSON_AddStringToObject(o, "relation", rel);
            const char *fb = gpucost_derive_fallback_text((gpucost_quantity)q);
            if (fb[0])
                cJSON_AddStringToObject(o, "fallback", fb);
            else
                cJSON_AddNullToObject(o, "fallback");
        }
        return finish_json(root, out, err);
    }
    if (f != GPUCOST_FMT_TABLE && f != GPUCOST_FMT_MD && f != GPUCOST_FMT_CSV)
        return unsupported(f, "quantities", err);
    gpucost_table t;
    gpucost_table_init(&t, 6);
    gpucost_table_row(&t);
    const char *head[] = {"name", "unit", "meaning", "for", "relation", "when not given"};
    for (int c = 0; c < 6; c++)
        gpucost_table_cell(&t, head[c]);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const gpucost_quantity_info *info = gpucost_quantity_info_get((gpucost_quantity)q);
        char rel[1024];
        gpucost_derive_describe((gpucost_quantity)q, rel, sizeof rel);
        const char *fb = gpucost_derive_fallback_text((gpucost_quantity)q);
        gpucost_table_row(&t);
        gpucost_table_cell(&t, info->name);
        gpucost_table_cellf(&t, "%s%s", info->style == GPUCOST_NUM_USD ? "USD" : "",
                            info->style == GPUCOST_NUM_PERCENT ? "fraction" : info->unit);
        gpucost_table_cell(&t, info->label);
        gpucost_table_cell(&t, kinds[info->kinds]);
        gpucost_table_cell(&t, rel[0] ? rel : "an input only");
        gpucost_table_cell(&t, fb[0] ? fb : "-");
    }
    gpucost_table_render(&t, f, 0, out);
    gpucost_table_release(&t);
    return finish(out, err);
}
