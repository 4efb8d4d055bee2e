/*
 * prices.c - Epoch AI's hardware price database as dated observations
 * per chip (prices.h).
 *
 * Design: csv_read.c splits the file; the header maps the columns read
 * here by name.  Rows are grouped by "Hardware model" in the order each
 * model first appears, and each group is written as one JSON fragment
 * (json_out.h) holding an observation per filled price column, in the
 * shape of a catalog file's "prices" (models/schema/hardware.schema.json),
 * so a reviewer pastes it into the chip's file.  The quirks handled here:
 * a byte-order mark, quoted notes with commas and newlines, a row with no
 * date, and one row giving several kinds of price at once.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/prices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/csv_read.h"
#include "gpucost/buf.h"
#include "read/json.h"
#include "base/json_out.h"
#include "base/text.h"

#define NOMEM(err, file) GPUCOST_ERROR((err), GPUCOST_ENOMEM, (file), 0, 0, NULL, "out of memory")

enum col {
    K_SOURCE,
    K_DATE,
    K_MODEL,
    K_MAKER,
    K_VENDOR,
    K_LOCATION,
    K_ONDEMAND,
    K_ONE_YEAR,
    K_THREE_YEAR,
    K_PURCHASE,
    K_NOTES,
    K_GPUS,
    K_NCOLS
};

static const gc_csv_column columns[K_NCOLS] = {
    [K_SOURCE] = {"Price source", NULL, 1},
    [K_DATE] = {"Price date", NULL, 1},
    [K_MODEL] = {"Hardware model", NULL, 1},
    [K_MAKER] = {"Manufacturer", NULL, 0},
    [K_VENDOR] = {"Vendor", NULL, 0},
    [K_LOCATION] = {"Location", NULL, 0},
    [K_ONDEMAND] = {"Price per chip-hour (on-demand)", NULL, 1},
    [K_ONE_YEAR] = {"Price per chip-hour (1-year CUD)", NULL, 0},
    [K_THREE_YEAR] = {"Price per chip-hour (3-year CUD)", NULL, 0},
    [K_PURCHASE] = {"Price (hardware purchase)", NULL, 1},
    [K_NOTES] = {"Notes", NULL, 0},
    [K_GPUS] = {"Number of GPUs", NULL, 0},
};

/* The price columns and the kind each gives. */
static const struct {
    int col;
    const char *kind;
} kinds[] = {{K_ONDEMAND, "on-demand"},
             {K_ONE_YEAR, "1-year"},
             {K_THREE_YEAR, "3-year"},
             {K_PURCHASE, "purchase"}};
#define NKINDS (sizeof kinds / sizeof kinds[0])

int gpucost_prices_sniff(const char *text, size_t len)
{
    static const char *const firsts[] = {"Price source"};
    return gc_csv_header_is(text, len, firsts, sizeof firsts / sizeof firsts[0],
                            "Price per chip-hour (on-demand)");
}

int gpucost_prices_sniff_file(const char *path)
{
    return gc_csv_sniff_file(path, gpucost_prices_sniff);
}

static gpucost_status map_columns(const char *file, const gc_csv_row *header, int *at,
                                  gpucost_error *err)
{
    return gc_csv_map_columns(file, header, columns, K_NCOLS, "Epoch AI's hardware price database",
                              at, err);
}

/* A positive number in `*v`: 1; empty: 0; anything else: -1. */
static int cell_price(const char *s, double *v)
{
    int k = gc_csv_number(s, v);
    return k == 1 && !(*v > 0) ? -1 : k;
}

/* A date as YYYY-MM-DD. */
static int is_date(const char *d)
{
    if (strlen(d) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
            return 0;
    return 1;
}

typedef struct row_view {
    const char *f[K_NCOLS];
    size_t row;
} row_view;

static void view_of(const gc_csv *rd, size_t i, const int *at, row_view *r)
{
    const gc_csv_row *row = &rd->rows[i];
    r->row = i;
    for (int k = 0; k < K_NCOLS; k++)
        r->f[k] = at[k] >= 0 && (size_t)at[k] < row->n ? row->fields[at[k]] : "";
}

/* Whether the row gives at least one observation, all its prices valid. */
static int row_usable(const row_view *r)
{
    if (r->f[K_MODEL][0] == '\0' || !is_date(r->f[K_DATE]))
        return 0;
    int any = 0;
    for (size_t k = 0; k < NKINDS; k++) {
        double v;
        int got = cell_price(r->f[kinds[k].col], &v);
        if (got < 0)
            return 0;
        any |= got;
    }
    double g;
    return any && cell_price(r->f[K_GPUS], &g) >= 0;
}

static void emit_row(gc_jw *j, cJSON *arr, const row_view *r)
{
    for (size_t k = 0; k < NKINDS; k++) {
        double v;
        if (cell_price(r->f[kinds[k].col], &v) != 1)
            continue;
        cJSON *o = gc_jw_obj(j, arr, NULL);
        gc_jw_str(j, o, "date", r->f[K_DATE]);
        gc_jw_num(j, o, "usd", v);
        gc_jw_str(j, o, "kind", kinds[k].kind);
        if (r->f[K_VENDOR][0])
            gc_jw_str(j, o, "vendor", r->f[K_VENDOR]);
        if (r->f[K_LOCATION][0])
            gc_jw_str(j, o, "location", r->f[K_LOCATION]);
        double g;
        if (cell_price(r->f[K_GPUS], &g) == 1)
            gc_jw_num(j, o, "gpus", g);
        if (r->f[K_SOURCE][0])
            gc_jw_str(j, o, "url", r->f[K_SOURCE]);
        char quote[900], notes[500];
        gc_text_abbrev(notes, sizeof notes, r->f[K_NOTES]);
        gc_text_printf(quote, sizeof quote,
                       "Epoch AI, 'ML hardware prices', row %zu: %s %s, %s%s%s", r->row,
                       r->f[K_DATE], columns[kinds[k].col].name, r->f[kinds[k].col],
                       notes[0] ? ". Notes: " : "", notes);
        gc_jw_str(j, o, "quote", quote);
    }
}

void gpucost_prices_free(gpucost_prices *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nchips; i++) {
        gc_free(p->chips[i].id);
        gc_free(p->chips[i].name);
        gc_free(p->chips[i].json);
    }
    gc_free(p->chips);
    gc_free(p);
}

/* The group of model `name`: every usable row of it, from row `first` on. */
static gpucost_status emit_chip(gpucost_prices *p, const gc_csv *rd, const int *at, size_t first,
                                const char *file, gpucost_error *err)
{
    row_view r0;
    view_of(rd, first, at, &r0);
    gc_jw j = {0};
    cJSON *root = gc_jw_start(&j, 0);
    gc_jw_str(&j, root, "hardware", r0.f[K_MODEL]);
    cJSON *arr = gc_jw_arr(&j, root, "prices");
    size_t nobs = 0;
    for (size_t i = first; i < rd->nrows; i++) {
        row_view r;
        view_of(rd, i, at, &r);
        if (strcmp(r.f[K_MODEL], r0.f[K_MODEL]) != 0 || !row_usable(&r))
            continue;
        size_t before = (size_t)cJSON_GetArraySize(arr);
        emit_row(&j, arr, &r);
        nobs += (size_t)cJSON_GetArraySize(arr) - before;
    }
    gpucost_buf out;
    gpucost_buf_init(&out);
    gpucost_status st = gc_jw_finish(&j, &out, err);
    gpucost_prices_chip *c = &p->chips[p->nchips];
    char id[200];
    gc_csv_chip_id(r0.f[K_MODEL], r0.f[K_MAKER], id, sizeof id);
    if (st == GPUCOST_OK) {
        c->id = gpucost_strdup(id);
        c->name = gpucost_strdup(r0.f[K_MODEL]);
        c->json = out.data;
        c->nobs = nobs;
        out.data = NULL;
        p->nchips++;
        if (c->id == NULL || c->name == NULL)
            st = NOMEM(err, file);
    }
    gpucost_buf_release(&out);
    return st;
}

/* Whether an earlier row has the model of row `i`. */
static int seen_before(const gc_csv *rd, const int *at, size_t i)
{
    row_view r;
    view_of(rd, i, at, &r);
    for (size_t k = 1; k < i; k++) {
        row_view q;
        view_of(rd, k, at, &q);
        if (strcmp(q.f[K_MODEL], r.f[K_MODEL]) == 0 && row_usable(&q))
            return 1;
    }
    return 0;
}

static void note_skipped(gpucost_prices *p, size_t row)
{
    char one[24];
    gc_snprintf(one, sizeof one, "%zu", row);
    if (strlen(p->skipped_rows) + strlen(one) + 8 < sizeof p->skipped_rows)
        gc_text_list(p->skipped_rows, sizeof p->skipped_rows, one);
    else if (strstr(p->skipped_rows, "...") == NULL)
        strcat(p->skipped_rows, ", ...");
    p->nskipped++;
}

gpucost_status gpucost_prices_parse(const char *file, const char *text, size_t len,
                                    gpucost_prices **out, gpucost_error *err)
{
    *out = NULL;
    gc_csv rd;
    gpucost_status st = gc_csv_read_table(file, text, len, &rd, err);
    int at[K_NCOLS];
    if (st == GPUCOST_OK)
        st = map_columns(file, &rd.rows[0], at, err);
    gpucost_prices *p = st == GPUCOST_OK ? gc_calloc(1, sizeof *p) : NULL;
    if (st == GPUCOST_OK && p == NULL)
        st = NOMEM(err, file);
    if (st == GPUCOST_OK) {
        p->nrows_read = rd.nrows - 1;
        p->chips = gc_calloc(rd.nrows, sizeof *p->chips);
        if (p->chips == NULL)
            st = NOMEM(err, file);
    }
    for (size_t i = 1; st == GPUCOST_OK && i < rd.nrows; i++) {
        row_view r;
        view_of(&rd, i, at, &r);
        if (gc_csv_row_is_blank(&rd.rows[i])) {
            p->nrows_read--; /* a blank line */
            continue;
        }
        if (!row_usable(&r))
            note_skipped(p, i);
        else if (!seen_before(&rd, at, i))
            st = emit_chip(p, &rd, at, i, file, err);
    }
    gc_csv_release(&rd);
    if (st != GPUCOST_OK) {
        gpucost_prices_free(p);
        return st;
    }
    *out = p;
    return GPUCOST_OK;
}

static gpucost_status parse_into(void *out, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    return gpucost_prices_parse(file, text, len, out, err);
}

gpucost_status gpucost_prices_load(const char *path, gpucost_prices **out, gpucost_error *err)
{
    return gc_json_load(path, parse_into, out, err);
}
