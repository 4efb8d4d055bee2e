/*
 * chips.c - Epoch AI's chip database as hardware catalog entries
 * (chips.h).
 *
 * Design: csv_read.c splits the file into rows; the header maps the
 * columns read here by name.  Each row is converted in one pass: the
 * cells are read as numbers (a cell that is not one is noted and left
 * out), the peaks are placed by precision and checked against each other
 * for 2:4-sparse figures, and the entry is written with json_out.h, one
 * source per number (the database, the row, the column, the cell as
 * written).  The text is what `gpucost import` saves for review; it is
 * not loaded here (the catalog loader reads it back like any file).
 *
 * The dataset's quirks handled here: a byte-order mark, quoted cells with
 * newlines, prices with a "$" ("$44489.88"), a Google Cloud on-demand
 * price per hour of 2022-12-17 (read as rent_usd_per_hour), several datasheet links in
 * one cell separated by ";", a "Source for the price" cell that often
 * points at another chip (it is not used), and "NaN" in derived columns.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/chips.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/csv_read.h"
#include "gpucost/buf.h"
#include "read/json.h"
#include "base/json_out.h"
#include "base/text.h"

#define NOMEM(err, file) GPUCOST_ERROR((err), GPUCOST_ENOMEM, (file), 0, 0, NULL, "out of memory")

#define CHIPS_TITLE "Epoch AI, 'Machine Learning Hardware'"
#define CHIPS_URL "https://epoch.ai/data/machine-learning-hardware"

enum col {
    K_NAME,
    K_MAKER,
    K_TYPE,
    K_DATE,
    K_PRICE,
    K_FP64,
    K_FP32,
    K_FP16,
    K_TF32,
    K_TENSOR16,
    K_INT8,
    K_FP8,
    K_FP4,
    K_MEMORY,
    K_BW,
    K_INTRANODE,
    K_DIE,
    K_TDP,
    K_LINK,
    K_MODIFIED,
    K_GCP,
    K_TCORES,
    K_NCOLS
};

static const gc_csv_column columns[K_NCOLS] = {
    [K_NAME] = {"Hardware name", NULL, 1},
    [K_MAKER] = {"Manufacturer", NULL, 1},
    [K_TYPE] = {"Type", NULL, 1},
    [K_DATE] = {"Release date", NULL, 1},
    [K_PRICE] = {"Release price (USD)", NULL, 0},
    [K_FP64] = {"FP64 (double precision) performance (FLOP/s)", NULL, 0},
    [K_FP32] = {"FP32 (single precision) performance (FLOP/s)", NULL, 1},
    [K_FP16] = {"FP16 (half precision) performance (FLOP/s)", NULL, 0},
    [K_TF32] = {"TF32 (TensorFloat-32) performance (FLOP/s)", NULL, 0},
    [K_TENSOR16] = {"Tensor-FP16/BF16 performance (FLOP/s)", NULL, 1},
    [K_INT8] = {"INT8 performance (OP/s)", NULL, 0},
    [K_FP8] = {"FP8 performance (FLOP/s)", NULL, 0},
    [K_FP4] = {"FP4 performance (FLOP/s)", NULL, 0},
    [K_MEMORY] = {"Memory size per board (Byte)", NULL, 0},
    [K_BW] = {"Memory bandwidth (byte/s)", NULL, 0},
    [K_INTRANODE] = {"Intranode bandwidth (byte/s)", NULL, 0},
    [K_DIE] = {"Die Size (mm^2)", NULL, 0},
    [K_TDP] = {"TDP (W)", NULL, 0},
    [K_LINK] = {"Link to datasheet", NULL, 0},
    [K_MODIFIED] = {"Last modified", NULL, 0},
    [K_GCP] = {"Google Cloud pricing ($ per hour) data from 17 dec 2022", NULL, 0},
    [K_TCORES] = {"Tensor cores", NULL, 0},
};

/* A row's cells by column ("" where the file has no such column). */
typedef struct chip_row {
    const char *f[K_NCOLS];
    size_t row;
    char notes[1200]; /* what was left out and why */
} chip_row;

static gpucost_status map_columns(const char *file, const gc_csv_row *header, int *at,
                                  gpucost_error *err)
{
    return gc_csv_map_columns(file, header, columns, K_NCOLS, "Epoch AI's chip dataset", at, err);
}

int gpucost_chips_sniff(const char *text, size_t len)
{
    static const char *const firsts[] = {"Hardware name"};
    return gc_csv_header_is(text, len, firsts, sizeof firsts / sizeof firsts[0],
                            "Tensor-FP16/BF16 performance (FLOP/s)");
}

int gpucost_chips_sniff_file(const char *path)
{
    return gc_csv_sniff_file(path, gpucost_chips_sniff);
}

static void add_note(chip_row *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void add_note(chip_row *r, const char *fmt, ...)
{
    char one[400];
    va_list ap;
    va_start(ap, fmt);
    gc_text_vprintf(one, sizeof one, fmt, ap);
    va_end(ap);
    size_t used = strlen(r->notes);
    gc_text_printf(r->notes + used, sizeof r->notes - used, "%s%s", used ? "; " : "", one);
}

/* Cell `c` as a positive number in `*v`: 1 when usable, 0 when empty,
 * "NaN" or not positive-and-finite (noted), -1 when not a number (noted). */
static int cell(chip_row *r, int c, double *v)
{
    if (strcmp(r->f[c], "NaN") == 0) /* Epoch's derived columns: no figure */
        return 0;
    int k = gc_csv_number(r->f[c], v);
    if (k <= 0) {
        if (k < 0)
            add_note(r, "'%s' is not a number (%s): left out", columns[c].name, r->f[c]);
        return k;
    }
    if (*v <= 0) {
        if (*v < 0)
            add_note(r, "'%s' is negative (%s): left out", columns[c].name, r->f[c]);
        return 0;
    }
    return 1;
}

static int name_has(const char *name, const char *word)
{
    return strstr(name, word) != NULL;
}

/* Designed or marketed for datacenters: 1, 0; an estimate from the type
 * and the name, with the reason in `why`. */
static int datacenter_of(const chip_row *r, char *why, size_t n)
{
    static const char *const consumer[] = {"GeForce", "TITAN",          "Titan",     "Quadro",
                                           "RTX A",   "Ada Generation", "Radeon RX", "Core i",
                                           "Core 2",  "Ryzen"};
    const char *name = r->f[K_NAME];
    for (size_t i = 0; i < sizeof consumer / sizeof consumer[0]; i++)
        if (name_has(name, consumer[i])) {
            gc_text_printf(why, n,
                           "estimate: '%s' in the name is a consumer or workstation line, not "
                           "a datacenter one",
                           consumer[i]);
            return 0;
        }
    if (strcmp(r->f[K_TYPE], "CPU") == 0) {
        gc_text_printf(why, n, "estimate: a CPU (Type '%s'), not an accelerator for datacenters",
                       r->f[K_TYPE]);
        return 0;
    }
    gc_text_printf(why, n,
                   "estimate: a %s outside the consumer and workstation lines (GeForce, TITAN, "
                   "Quadro, RTX A-series, RTX Ada), taken as marketed for datacenters",
                   r->f[K_TYPE][0] ? r->f[K_TYPE] : "part");
    return 1;
}

typedef struct peaks {
    double v[8];        /* TFLOPS */
    int col[8];         /* the column each came from */
    int tensor_unknown; /* a tensor-core part with no tensor peak in the row */
} peaks;

enum { P_FP4, P_FP8, P_INT8, P_BF16, P_FP16, P_TF32, P_FP32, P_FP64, P_N };
static const char *const pnames[P_N] = {"fp4",  "fp8",  "int8", "bf16",
                                        "fp16", "tf32", "fp32", "fp64"};

static void put_peak(chip_row *r, peaks *p, int at, int c)
{
    double v;
    if (cell(r, c, &v) == 1) {
        p->v[at] = v / 1e12;
        p->col[at] = c;
    }
}

/* Leaves out a figure whose ratio to the tensor 16-bit peak gives it
 * away as 2:4-sparse (dense: int8, fp8 <= 2x; tf32 <= 0.5x; fp4 is not
 * tested, as Blackwell Ultra's dense FP4 is 6x its BF16),
 * for the makers whose datasheets print sparse figures. */
static void drop_sparse(chip_row *r, peaks *p, double t16)
{
    static const struct {
        int at;
        double max;
    } rules[] = {{P_INT8, 2.0}, {P_FP8, 2.0}, {P_TF32, 0.5}};
    /* NVIDIA's and AMD's datasheets print 2:4-sparse figures beside the
     * dense ones; tf32 at half the 16-bit rate is NVIDIA's and AMD's
     * (Trainium's TF32 runs at its BF16 rate) */
    int nvidia = strcmp(r->f[K_MAKER], "NVIDIA") == 0, amd = strcmp(r->f[K_MAKER], "AMD") == 0;
    if (!nvidia && !amd)
        return;
    for (size_t i = 0; t16 > 0 && i < sizeof rules / sizeof rules[0]; i++) {
        int at = rules[i].at;
        if (p->v[at] > rules[i].max * t16 * 1.05) {
            char ratio[64];
            gc_text_printf(ratio, sizeof ratio, "%.2fx", p->v[at] / t16);
            add_note(r,
                     "'%s' is %s the tensor FP16/BF16 peak, above the dense ratio: taken as a "
                     "with-sparsity figure and left out",
                     columns[p->col[at]].name, ratio);
            p->v[at] = 0;
        }
    }
}

/* Whether the part has tensor cores: the row counts them, or it is an
 * NVIDIA RTX or TITAN V card (every one has them; the row's count is
 * often blank).  Its plain FP16 column is then the shader rate, not the
 * peak a training or inference run is measured against. */
static int has_tensor_cores(chip_row *r)
{
    double n;
    if (cell(r, K_TCORES, &n) == 1)
        return 1;
    return strcmp(r->f[K_MAKER], "NVIDIA") == 0 &&
           (name_has(r->f[K_NAME], "RTX") || name_has(r->f[K_NAME], "TITAN V"));
}

static void read_peaks(chip_row *r, peaks *p)
{
    memset(p, 0, sizeof *p);
    put_peak(r, p, P_FP64, K_FP64);
    put_peak(r, p, P_FP32, K_FP32);
    put_peak(r, p, P_TF32, K_TF32);
    put_peak(r, p, P_INT8, K_INT8);
    put_peak(r, p, P_FP8, K_FP8);
    put_peak(r, p, P_FP4, K_FP4);
    double t16;
    int tensor = cell(r, K_TENSOR16, &t16) == 1;
    if (tensor) {
        t16 /= 1e12;
        int tpu = strcmp(r->f[K_TYPE], "TPU") == 0;
        int bf16 = tpu || strcmp(r->f[K_DATE], "2020-05") >= 0;
        if (bf16) {
            p->v[P_BF16] = t16;
            p->col[P_BF16] = K_TENSOR16;
        }
        if (!tpu) {
            p->v[P_FP16] = t16;
            p->col[P_FP16] = K_TENSOR16;
        }
        drop_sparse(r, p, t16);
    } else if (!has_tensor_cores(r)) {
        put_peak(r, p, P_FP16, K_FP16);
    } else {
        /* an INT8 or FP8 figure is a tensor rate: TPP from it is whole */
        p->tensor_unknown = !(p->v[P_INT8] > 0) && !(p->v[P_FP8] > 0);
        if (cell(r, K_FP16, &t16) == 1)
            add_note(r,
                     "'%s' is the shader rate of a part with tensor cores, several times below "
                     "its tensor FP16 peak, which the row does not give: no fp16 peak",
                     columns[K_FP16].name);
    }
}

/* One source: the database, the row, the column, the cell as written. */
static void emit_source(gc_jw *j, cJSON *sources, const chip_row *r, int c, const char *field)
{
    cJSON *s = gc_jw_obj(j, sources, NULL);
    char title[400], quote[600];
    gc_text_printf(title, sizeof title, "%s: %s, %s", CHIPS_TITLE, r->f[K_NAME], columns[c].name);
    gc_text_printf(quote, sizeof quote, "%s: %s (row %zu%s%s)", columns[c].name, r->f[c], r->row,
                   r->f[K_MODIFIED][0] ? ", last modified " : "", r->f[K_MODIFIED]);
    gc_jw_str(j, s, "title", title);
    gc_jw_str(j, s, "url", CHIPS_URL);
    gc_jw_str(j, s, "quote", quote);
    cJSON *fields = gc_jw_arr(j, s, "fields");
    gc_jw_str(j, fields, NULL, field);
}

/* The row's datasheet links ("a; b"), each as a source a reviewer opens
 * to check the row's figures. */
static void emit_links(gc_jw *j, cJSON *sources, const chip_row *r)
{
    const char *s = r->f[K_LINK];
    while (*s) {
        while (*s == ' ' || *s == ';' || *s == ',')
            s++;
        size_t n = strcspn(s, "; ");
        if (n == 0)
            break;
        char url[600], title[400];
        gc_text_printf(url, sizeof url, "%.*s", (int)gc_utf8_fit(s, n < 599 ? n : 599), s);
        s += n;
        if (strncmp(url, "http", 4) != 0)
            continue;
        cJSON *o = gc_jw_obj(j, sources, NULL);
        gc_text_printf(title, sizeof title, "Datasheet for %s linked by Epoch AI's row %zu",
                       r->f[K_NAME], r->row);
        gc_jw_str(j, o, "title", title);
        gc_jw_str(j, o, "url", url);
        gc_jw_bool(j, o, "verified", 0);
        gc_jw_str(j, o, "note",
                  "not read by the importer: the reviewer checks the row's figures "
                  "against it");
    }
}

static void emit_figures(gc_jw *j, cJSON *root, chip_row *r, cJSON *sources)
{
    static const struct {
        int c;
        const char *key;
        double scale;
    } figs[] = {{K_MEMORY, "memory_gb", 1e9},
                {K_BW, "memory_bw_tbs", 1e12},
                {K_INTRANODE, "interconnect_gbs", 1e9},
                {K_TDP, "tdp_w", 1},
                {K_DIE, "die_area_mm2", 1},
                {K_PRICE, "price_usd", 1},
                {K_GCP, "rent_usd_per_hour", 1}};
    for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++) {
        double v;
        if (cell(r, figs[i].c, &v) == 1) {
            gc_jw_num(j, root, figs[i].key, v / figs[i].scale);
            emit_source(j, sources, r, figs[i].c, figs[i].key);
        }
    }
}

static gpucost_status emit(chip_row *r, const char *id, gpucost_buf *out, gpucost_error *err,
                           int *usable)
{
    peaks p;
    read_peaks(r, &p);
    *usable = 0;
    for (int i = 0; i < P_N; i++)
        *usable |= p.v[i] > 0;
    if (!*usable)
        return GPUCOST_OK;
    gc_jw j = {0};
    cJSON *root = gc_jw_start(&j, 0);
    gc_jw_str(&j, root, "id", id);
    gc_jw_str(&j, root, "name", r->f[K_NAME]);
    if (r->f[K_MAKER][0])
        gc_jw_str(&j, root, "vendor", r->f[K_MAKER]);
    cJSON *aliases = gc_jw_arr(&j, root, "aliases");
    gc_jw_str(&j, aliases, NULL, r->f[K_NAME]);
    char why[300];
    gc_jw_bool(&j, root, "datacenter", datacenter_of(r, why, sizeof why));
    if (r->f[K_DATE][0])
        gc_jw_str(&j, root, "release_date", r->f[K_DATE]);
    if (p.tensor_unknown)
        gc_jw_bool(&j, root, "tensor_peaks_missing", 1);
    cJSON *pk = gc_jw_obj(&j, root, "peak_tflops");
    for (int i = 0; i < P_N; i++)
        if (p.v[i] > 0)
            gc_jw_num(&j, pk, pnames[i], p.v[i]);
    cJSON *sources = cJSON_CreateArray();
    if (sources == NULL)
        j.failed = 1;
    emit_figures(&j, root, r, sources);
    for (int i = 0; i < P_N; i++)
        if (p.v[i] > 0) {
            char field[32];
            gc_text_printf(field, sizeof field, "peak_tflops.%s", pnames[i]);
            emit_source(&j, sources, r, p.col[i], field);
        }
    if (r->f[K_DATE][0])
        emit_source(&j, sources, r, K_DATE, "release_date");
    emit_links(&j, sources, r);
    if (sources != NULL && !cJSON_AddItemToObject(root, "sources", sources)) {
        cJSON_Delete(sources);
        j.failed = 1;
    }
    cJSON *est = gc_jw_obj(&j, root, "estimates");
    gc_jw_str(&j, est, "datacenter", why);
    if (p.col[P_BF16] == K_TENSOR16 || p.col[P_FP16] == K_TENSOR16) {
        cJSON *der = gc_jw_obj(&j, root, "derived");
        const char *how = "the row's 'Tensor-FP16/BF16 performance (FLOP/s)' read as this "
                          "precision's dense tensor peak (a TPU: bf16; released from 2020-05: "
                          "fp16 and bf16; before: fp16, as Volta and Turing tensor cores have "
                          "no BF16)";
        if (p.col[P_BF16] == K_TENSOR16)
            gc_jw_str(&j, der, "peak_tflops.bf16", how);
        if (p.col[P_FP16] == K_TENSOR16)
            gc_jw_str(&j, der, "peak_tflops.fp16", how);
    }
    char notes[1500];
    gc_text_printf(notes, sizeof notes,
                   "Imported from Epoch AI's chip dataset (CC BY 4.0), row %zu; review against the "
                   "datasheet before use.%s%s",
                   r->row, r->notes[0] ? " Left out: " : "", r->notes);
    gc_jw_str(&j, root, "notes", notes);
    return gc_jw_finish(&j, out, err);
}

void gpucost_chips_free(gpucost_chips *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->nentries; i++) {
        gc_free(c->entries[i].id);
        gc_free(c->entries[i].json);
    }
    gc_free(c->entries);
    gc_free(c);
}

/* `id`, or `id-2`, `id-3`, ... when an earlier entry has it. */
static void unique_id(const gpucost_chips *c, char *id, size_t n)
{
    char base[200];
    gc_text_copy(base, sizeof base, id);
    for (int k = 2;; k++) {
        int taken = 0;
        for (size_t i = 0; i < c->nentries && !taken; i++)
            taken = strcmp(c->entries[i].id, id) == 0;
        if (!taken)
            return;
        gc_text_printf(id, n, "%s-%d", base, k);
    }
}

static gpucost_status convert_row(gpucost_chips *c, const gc_csv *rd, size_t i, const int *at,
                                  const char *file, gpucost_error *err)
{
    const gc_csv_row *row = &rd->rows[i];
    chip_row r;
    memset(&r, 0, sizeof r);
    r.row = i;
    for (int k = 0; k < K_NCOLS; k++)
        r.f[k] = at[k] >= 0 && (size_t)at[k] < row->n ? row->fields[at[k]] : "";
    if (r.f[K_NAME][0] == '\0') {
        c->nskipped++;
        return GPUCOST_OK;
    }
    char id[200];
    gc_csv_chip_id(r.f[K_NAME], r.f[K_MAKER], id, sizeof id);
    unique_id(c, id, sizeof id);
    gpucost_buf out;
    gpucost_buf_init(&out);
    int usable;
    gpucost_status st = emit(&r, id, &out, err, &usable);
    if (st == GPUCOST_OK && !usable)
        c->nskipped++;
    if (st == GPUCOST_OK && usable) {
        gpucost_chips_entry *e = &c->entries[c->nentries];
        e->row = i;
        e->line = row->line;
        e->id = gpucost_strdup(id);
        e->json = out.data;
        out.data = NULL;
        if (e->id == NULL || e->json == NULL) {
            gc_free(e->id);
            gc_free(e->json);
            st = NOMEM(err, file);
        } else
            c->nentries++;
    }
    gpucost_buf_release(&out);
    return st;
}

gpucost_status gpucost_chips_parse(const char *file, const char *text, size_t len,
                                   gpucost_chips **out, gpucost_error *err)
{
    *out = NULL;
    gc_csv rd;
    gpucost_status st = gc_csv_read_table(file, text, len, &rd, err);
    int at[K_NCOLS];
    if (st == GPUCOST_OK)
        st = map_columns(file, &rd.rows[0], at, err);
    gpucost_chips *c = st == GPUCOST_OK ? gc_calloc(1, sizeof *c) : NULL;
    if (st == GPUCOST_OK && c == NULL)
        st = NOMEM(err, file);
    if (st == GPUCOST_OK) {
        c->nrows_read = rd.nrows - 1;
        c->entries = gc_calloc(rd.nrows, sizeof *c->entries);
        if (c->entries == NULL)
            st = NOMEM(err, file);
    }
    for (size_t i = 1; st == GPUCOST_OK && i < rd.nrows; i++) {
        if (gc_csv_row_is_blank(&rd.rows[i])) {
            c->nrows_read--; /* a blank line */
            continue;
        }
        st = convert_row(c, &rd, i, at, file, err);
    }
    gc_csv_release(&rd);
    if (st != GPUCOST_OK) {
        gpucost_chips_free(c);
        return st;
    }
    *out = c;
    return GPUCOST_OK;
}

static gpucost_status parse_into(void *out, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    return gpucost_chips_parse(file, text, len, out, err);
}

gpucost_status gpucost_chips_load(const char *path, gpucost_chips **out, gpucost_error *err)
{
    return gc_json_load(path, parse_into, out, err);
}
