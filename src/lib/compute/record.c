/*
 * record.c - Epoch AI's "All ML Systems" CSV as scenarios (record.h).
 *
 * Design: libcsv splits the file into rows of fields, fed one line at a
 * time so each row knows the line it starts on.  The header maps the
 * columns gpucost reads (by name, with the older exports' names as
 * aliases) to their places.  Each data row is then converted in three
 * steps: `gc_record_convert` (record_row.c) decides what the row gives
 * as inputs and claims and why any test cannot be made; `emit`
 * (record_scenario.c) writes that as a scenario's JSON (json_out.h), the
 * text `gpucost import` saves; the text is parsed back as any scenario
 * is and its claims are checked once against the catalog
 * (`gc_record_settle`, record_scenario.c), so a row none of whose claims
 * can be derived is listed as not testable (with the reasons) instead of
 * becoming a scenario, and an unverifiable claim in a testable row
 * carries its reason as its note.  This file reads the file: the
 * columns, the rows, their unique ids and each fine-tune's base model;
 * record_internal.h holds what the three files share.
 *
 * Tolerances (a claim's "tolerance" or "factor"), by what the number is:
 *   Training compute, by the row's estimation method (the loosest of the
 *   methods it lists): Reported 5%; Operation counting within 1.25x (the
 *   record's own 6ND arithmetic, with rounding and attention terms);
 *   Hardware, Third-party estimation, Comparison with other models,
 *   Benchmarks, Cost, Other or none within 3x (an assumed utilisation);
 *   Finetune compute as Training compute;
 *   Training chip-hours against quantity x time: 10% (rounded times);
 *   Hardware utilization (MFU): within 1.5x (its compute is an estimate);
 *   Training compute cost (2023 USD) against owned_cost_usd: within 3x
 *   (Epoch amortises by its own depreciation and states 2023 dollars).
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "compute/record_internal.h"

#include <stdlib.h>
#include <string.h>

#include "read/json.h"
#include "base/text.h"

/* ---- the columns ------------------------------------------------------ */

const gc_csv_column gc_record_columns[C_NCOLS] = {
    [C_MODEL] = {"Model", "System", 1},
    [C_DOMAIN] = {"Domain", NULL, 1},
    [C_ORG] = {"Organization", NULL, 0},
    [C_DATE] = {"Publication date", NULL, 1},
    [C_LINK] = {"Link", NULL, 0},
    [C_PARAMS] = {"Parameters", NULL, 1},
    [C_PARAMS_NOTES] = {"Parameters notes", NULL, 0},
    [C_COMPUTE] = {"Training compute (FLOP)", NULL, 1},
    [C_COMPUTE_NOTES] = {"Training compute notes", NULL, 0},
    [C_DATA] = {"Training dataset size (datapoints)", "Training dataset size", 1},
    [C_DATA_NOTES] = {"Dataset size notes", NULL, 0},
    [C_HOURS] = {"Training time (hours)", NULL, 1},
    [C_HOURS_NOTES] = {"Training time notes", NULL, 0},
    [C_HARDWARE] = {"Training hardware", NULL, 1},
    [C_CONFIDENCE] = {"Confidence", NULL, 0},
    [C_EPOCHS] = {"Epochs", NULL, 1},
    [C_BASE] = {"Base model", NULL, 0},
    [C_FINETUNE] = {"Finetune compute (FLOP)", NULL, 0},
    [C_FINETUNE_NOTES] = {"Finetune compute notes", NULL, 0},
    [C_QUANTITY] = {"Hardware quantity", NULL, 1},
    [C_MFU] = {"Hardware utilization (MFU)", "Hardware utilization", 1},
    [C_MODIFIED] = {"Last modified", NULL, 0},
    [C_CHIP_HOURS] = {"Training chip-hours", NULL, 1},
    [C_COST] = {"Training compute cost (2023 USD)", NULL, 0},
    [C_MFU_NOTES] = {"Utilization notes", NULL, 0},
    [C_FORMAT] = {"Numerical format", NULL, 0},
    [C_METHOD] = {"Training compute estimation method", NULL, 0},
};

/* Where each column stands in the header; a required one missing is an
 * error naming it. */
static gpucost_status map_columns(const char *file, const gc_csv_row *header, int *at,
                                  gpucost_error *err)
{
    return gc_csv_map_columns(file, header, gc_record_columns, C_NCOLS,
                              "Epoch AI's 'All ML Systems' export", at, err);
}

int gpucost_record_sniff(const char *text, size_t len)
{
    static const char *const firsts[] = {"Model", "System"};
    return gc_csv_header_is(text, len, firsts, sizeof firsts / sizeof firsts[0],
                            "Training compute (FLOP)");
}

int gpucost_record_sniff_file(const char *path)
{
    size_t plen = strlen(path);
    /* a scenario (*.json) is never a record (a CSV): not opened again */
    if (plen >= 5 && strcmp(path + plen - 5, ".json") == 0)
        return 0;
    return gc_csv_sniff_file(path, gpucost_record_sniff);
}

/* ---- the whole file ------------------------------------------------------ */

/* The id: the Model name in lower case, runs of other characters as one
 * '-'; "row-N" when nothing is left. */
static void make_id(conv_row *r)
{
    r->id[0] = '\0';
    if (gc_text_slug(r->id, sizeof r->id, r->f[C_MODEL], ".") == 0)
        gc_snprintf(r->id, sizeof r->id, "row-%zu", r->row);
}

typedef struct by_name {
    const char *name;
    size_t row;
} by_name;

static int by_name_cmp(const void *a, const void *b)
{
    return strcmp(((const by_name *)a)->name, ((const by_name *)b)->name);
}

void gpucost_record_free(gpucost_record *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nrows; i++) {
        gc_free(r->rows[i].id);
        gc_free(r->rows[i].json);
    }
    gc_free(r->rows);
    gc_free(r->file);
    gpucost_units_release(&r->units);
    gc_free(r);
}
/* Whether any row's own slug is `id`; `*first` (may be NULL) is then the
 * first such row. */
static int slug_taken(const char *id, const by_name *ids, size_t nids, size_t *first)
{
    by_name key = {id, 0};
    const by_name *hit = bsearch(&key, ids, nids, sizeof *ids, by_name_cmp);
    while (hit != NULL && hit > ids && strcmp(hit[-1].name, id) == 0)
        hit--;
    if (hit != NULL && first != NULL)
        *first = hit->row;
    return hit != NULL;
}

/* The id `r` takes: its slug when no earlier row has it, else the slug
 * (cut to leave room) with "-row-N", and "-row-N-K" should another row's
 * own slug be that.  An id with "-row-N" names row N alone, so no two
 * rows share an id however their names are spelt or cut. */
static void unique_id(conv_row *r, const by_name *ids, size_t nids)
{
    make_id(r);
    size_t first = 0;
    if (!slug_taken(r->id, ids, nids, &first) || first >= r->row)
        return;
    char slug[sizeof r->id], suffix[64];
    memcpy(slug, r->id, sizeof slug);
    for (unsigned k = 1;; k++) {
        if (k == 1)
            gc_snprintf(suffix, sizeof suffix, "-row-%zu", r->row);
        else
            gc_snprintf(suffix, sizeof suffix, "-row-%zu-%u", r->row, k);
        size_t n = strlen(slug), room = sizeof r->id - 1 - strlen(suffix);
        n = n < room ? n : room;
        memcpy(r->id, slug, n);
        memcpy(r->id + n, suffix, strlen(suffix) + 1);
        if (!slug_taken(r->id, ids, nids, NULL))
            return;
    }
}

static gpucost_status convert_row(gpucost_record *rec, const gc_csv *rd, size_t i, const int *at,
                                  const by_name *names, const by_name *ids, size_t n,
                                  const gpucost_catalog *catalog, gpucost_error *err)
{
    conv_row *r = gc_calloc(1, sizeof *r);
    if (r == NULL)
        return NOMEM(err, rec->file);
    const gc_csv_row *row = &rd->rows[i];
    r->file = rec->file;
    r->row = i;
    r->line = row->line;
    for (int c = 0; c < C_NCOLS; c++) {
        r->f[c] = at[c] >= 0 && (size_t)at[c] < row->n ? row->fields[at[c]] : "";
        r->cols[c] = at[c] + 1;
    }

    unique_id(r, ids, n);
    /* the base model's compute, from its own row */
    double base = 0.0;
    if (r->f[C_BASE][0]) {
        by_name key = {r->f[C_BASE], 0};
        const by_name *hit = bsearch(&key, names, n, sizeof *names, by_name_cmp);
        double v;
        const gc_csv_row *b = hit != NULL ? &rd->rows[hit->row] : NULL;
        /* the base model's row may be shorter than the header */
        if (b != NULL && (size_t)at[C_COMPUTE] < b->n &&
            gc_csv_number(b->fields[at[C_COMPUTE]], &v) == 1 && v > 0.0) {
            base = v;
            r->base_row = hit->row;
            gc_text_printf(r->base_title, sizeof r->base_title, "%s (row %zu)", r->f[C_BASE],
                           hit->row);
        }
    }
    gpucost_error bad;
    int is_bad = 0;
    gpucost_units u;
    gpucost_units_init(&u);
    gc_record_convert(r, catalog, base, &u, &bad, &is_bad);
    gpucost_status st = r->nomem ? NOMEM(err, rec->file)
                        : is_bad ? gpucost_units_add_error(&rec->units, &bad, err)
                                 : gpucost_units_take(&rec->units, &u, err);
    if (st == GPUCOST_OK && !is_bad)
        st = gc_record_settle(rec, r, catalog, err);
    gpucost_units_release(&u);
    gc_free(r);
    return st;
}

/* Sorted (name, row) pairs of the Model column, and of the ids the rows
 * take, for the base-model look-up and unique ids. */
static gpucost_status index_rows(const gc_csv *rd, const int *at, by_name **names, by_name **ids,
                                 char ***slugs, gpucost_error *err, const char *file)
{
    size_t n = rd->nrows;
    *names = gc_calloc(n + 1, sizeof **names);
    *ids = gc_calloc(n + 1, sizeof **ids);
    *slugs = gc_calloc(n + 1, sizeof **slugs);
    if (*names == NULL || *ids == NULL || *slugs == NULL)
        return NOMEM(err, file);
    conv_row tmp;
    for (size_t i = 1; i < n; i++) {
        const gc_csv_row *row = &rd->rows[i];
        const char *model = (size_t)at[C_MODEL] < row->n ? row->fields[at[C_MODEL]] : "";
        (*names)[i - 1] = (by_name){model, i};
        memset(&tmp, 0, sizeof tmp);
        tmp.f[C_MODEL] = model;
        tmp.row = i;
        make_id(&tmp);
        if (((*slugs)[i - 1] = gpucost_strdup(tmp.id)) == NULL)
            return NOMEM(err, file);
        (*ids)[i - 1] = (by_name){(*slugs)[i - 1], i};
    }
    qsort(*names, n ? n - 1 : 0, sizeof **names, by_name_cmp);
    qsort(*ids, n ? n - 1 : 0, sizeof **ids, by_name_cmp);
    return GPUCOST_OK;
}

gpucost_status gpucost_record_parse(const char *file, const char *text, size_t len,
                                    const gpucost_catalog *catalog, gpucost_record **out,
                                    gpucost_error *err)
{
    *out = NULL;
    gc_csv rd;
    gpucost_status st = gc_csv_read_table(file, text, len, &rd, err);
    int at[C_NCOLS];
    if (st == GPUCOST_OK)
        st = map_columns(file, &rd.rows[0], at, err);
    gpucost_record *rec = st == GPUCOST_OK ? gc_calloc(1, sizeof *rec) : NULL;
    if (st == GPUCOST_OK && rec == NULL)
        st = NOMEM(err, file);
    if (st == GPUCOST_OK) {
        gpucost_units_init(&rec->units);
        rec->file = gpucost_strdup(file);
        rec->rows = gc_calloc(rd.nrows + 1, sizeof *rec->rows);
        rec->nrows_read = rd.nrows - 1;
        if (rec->file == NULL || rec->rows == NULL)
            st = NOMEM(err, file);
    }
    by_name *names = NULL, *ids = NULL;
    char **slugs = NULL;
    if (st == GPUCOST_OK)
        st = index_rows(&rd, at, &names, &ids, &slugs, err, file);
    for (size_t i = 1; st == GPUCOST_OK && i < rd.nrows; i++) {
        if (gc_csv_row_is_blank(&rd.rows[i]))
            continue; /* a blank line */
        st = convert_row(rec, &rd, i, at, names, ids, rd.nrows - 1, catalog, err);
    }
    for (size_t i = 0; slugs != NULL && i + 1 < rd.nrows; i++)
        gc_free(slugs[i]);
    gc_free(slugs);
    gc_free(names);
    gc_free(ids);
    gc_csv_release(&rd);
    if (st != GPUCOST_OK) {
        gpucost_record_free(rec);
        return st;
    }
    *out = rec;
    return GPUCOST_OK;
}

typedef struct record_load {
    const gpucost_catalog *catalog;
    gpucost_record **out;
} record_load;

static gpucost_status parse_into(void *ctx, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    const record_load *l = ctx;
    return gpucost_record_parse(file, text, len, l->catalog, l->out, err);
}

gpucost_status gpucost_record_load(const char *path, const gpucost_catalog *catalog,
                                   gpucost_record **out, gpucost_error *err)
{
    record_load l = {catalog, out};
    return gc_json_load(path, parse_into, &l, err);
}
