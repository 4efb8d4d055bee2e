/*
 * record.c - Epoch AI's "All ML Systems" CSV as scenarios (record.h).
 *
 * Design: libcsv splits the file into rows of fields, fed one line at a
 * time so each row knows the line it starts on.  The header maps the
 * columns gpucost reads (by name, with the older exports' names as
 * aliases) to their places.  Each data row is then converted in three
 * steps: `convert` decides what the row gives as inputs and claims and
 * why any test cannot be made; `emit` writes that as a scenario's JSON
 * (json_out.h), the text `gpucost import` saves; the text is parsed back
 * as any scenario is and its claims are checked once against the
 * catalog, so a row none of whose claims can be derived is listed as not
 * testable (with the reasons) instead of becoming a scenario, and an
 * unverifiable claim in a testable row carries its reason as its note.
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
#include "gpucost/record.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/buf.h"
#include "gpucost/claims.h"
#include "gpucost/scenario.h"
#include "read/csv_read.h"
#include "read/json.h"
#include "base/json_out.h"
#include "base/text.h"

#define NOMEM(err, file) GPUCOST_ERROR((err), GPUCOST_ENOMEM, (file), 0, 0, NULL, "out of memory")

#define RECORD_TITLE "Epoch AI, 'Data on Notable AI Models'"
#define RECORD_URL "https://epoch.ai/data/notable-ai-models"

/* ---- the columns ------------------------------------------------------ */

enum col {
    C_MODEL,
    C_DOMAIN,
    C_ORG,
    C_DATE,
    C_LINK,
    C_PARAMS,
    C_PARAMS_NOTES,
    C_COMPUTE,
    C_COMPUTE_NOTES,
    C_DATA,
    C_DATA_NOTES,
    C_HOURS,
    C_HOURS_NOTES,
    C_HARDWARE,
    C_CONFIDENCE,
    C_EPOCHS,
    C_BASE,
    C_FINETUNE,
    C_FINETUNE_NOTES,
    C_QUANTITY,
    C_MFU,
    C_MODIFIED,
    C_CHIP_HOURS,
    C_COST,
    C_MFU_NOTES,
    C_FORMAT,
    C_METHOD,
    C_NCOLS
};

/* Each column gpucost reads: its name, the name an older export gave it
 * (or NULL), and whether a file must have it. */
static const gc_csv_column columns[C_NCOLS] = {
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

/* The notes column that goes with a number's column, or -1. */
static int notes_of(int c)
{
    switch (c) {
    case C_PARAMS: return C_PARAMS_NOTES;
    case C_COMPUTE: return C_COMPUTE_NOTES;
    case C_DATA:
    case C_EPOCHS: return C_DATA_NOTES;
    case C_HOURS: return C_HOURS_NOTES;
    case C_FINETUNE: return C_FINETUNE_NOTES;
    case C_MFU: return C_MFU_NOTES;
    default: return -1;
    }
}

/* Where each column stands in the header; a required one missing is an
 * error naming it. */
static gpucost_status map_columns(const char *file, const gc_csv_row *header, int *at,
                                  gpucost_error *err)
{
    return gc_csv_map_columns(file, header, columns, C_NCOLS, "Epoch AI's 'All ML Systems' export",
                              at, err);
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

/* ---- one row ----------------------------------------------------------- */

#define MAX_IN 12
#define MAX_CLAIMS 8

typedef struct conv_input {
    const char *quantity;
    double value;
    int col;                  /* the column it comes from */
    char how[256];            /* "derived" or "estimate" reasoning; "" for none */
    int estimate;             /* how is an estimate, not a derivation */
    const char *src_row_note; /* the base model's row, for base compute */
} conv_input;

typedef struct conv_claim {
    const char *quantity;
    double value, tolerance, factor;
    int col;
    char reason[256]; /* why it may not be testable */
} conv_claim;

/* What a reason is about, so each claim says only what stops it. */
enum why { W_HW, W_TIME, W_ND, W_BASE, W_KINDS };

typedef struct conv_row {
    const char *file;
    size_t row;
    int line;
    const char *f[C_NCOLS]; /* the cells, "" when empty or absent */
    int cols[C_NCOLS];      /* 1-based CSV column of each, 0 when absent */
    char id[128];
    const char *hardware; /* catalog id or NULL */
    const char *precision;
    char precision_how[200]; /* why this precision, when the row lists several */
    conv_input in[MAX_IN];
    size_t nin;
    conv_claim cl[MAX_CLAIMS];
    size_t ncl;
    double datapoints;
    char datapoints_unit[96];
    char base_title[256];
    size_t base_row;
    char reasons[1024];     /* why tests cannot be made, "; "-separated */
    char why[W_KINDS][256]; /* the same by what is missing */
    const gpucost_hardware *chip;
    int nomem; /* a not-testable cell could not be kept: GPUCOST_ENOMEM */
} conv_row;

static void append_reason(char *buf, size_t size, const char *why)
{
    if (strstr(buf, why) != NULL)
        return;
    size_t n = strlen(buf);
    if (n > 0 && n + 2 < size) {
        memcpy(buf + n, "; ", 2);
        n += 2;
    }
    if (n + 1 < size)
        gc_text_copy(buf + n, size - n, why);
}

/* A reason a test cannot be made, of kind `kind` (W_KINDS: none). */
static void add_reason_of(conv_row *r, int kind, const char *why)
{
    append_reason(r->reasons, sizeof r->reasons, why);
    if (kind < W_KINDS)
        append_reason(r->why[kind], sizeof r->why[kind], why);
}

static void add_reason(conv_row *r, const char *why)
{
    add_reason_of(r, W_KINDS, why);
}

/* The reasons of the kinds in `kinds` (a W_KINDS-terminated list). */
static void reasons_of(const conv_row *r, const int *kinds, char *out, size_t n)
{
    out[0] = '\0';
    for (; *kinds != W_KINDS; kinds++)
        if (r->why[*kinds][0])
            append_reason(out, n, r->why[*kinds]);
}

/* A number cell: 0 empty, 1 a number in `*v`, -1 not a number.  The
 * cost column's "$" and any thousands separators are accepted. */
static int cell_number(const char *s, double *v)
{
    char buf[128];
    size_t o = 0;
    while (gc_csv_is_space((unsigned char)*s))
        s++;
    if (*s == '\0')
        return 0;
    if (*s == '$')
        s++;
    for (; *s && o + 1 < sizeof buf; s++)
        if (*s != ',')
            buf[o++] = *s;
    while (o > 0 && gc_csv_is_space((unsigned char)buf[o - 1]))
        o--;
    buf[o] = '\0';
    if (*s != '\0' || o == 0)
        return -1;
    char *end;
    errno = 0;
    *v = gc_strtod(buf, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(*v) || buf[0] == '+' ||
        gc_ascii_isalpha((unsigned char)buf[0]))
        return -1;
    return 1;
}

/* Reads the number column `c` into `*v`: 1 when usable.  Not a number:
 * a bad row (-1, error filled).  Outside the quantity's domain: the cell
 * is listed as not testable and 0 is returned. */
static int number(conv_row *r, int c, const char *quantity, double *v, gpucost_units *units,
                  gpucost_error *bad, int *is_bad)
{
    int k = cell_number(r->f[c], v);
    if (k < 0 && *is_bad)
        return 0; /* the row's first bad cell names it */
    if (k < 0) {
        char shown[64];
        gc_text_abbrev(shown, sizeof shown, r->f[c]);
        char path[128];
        gc_text_printf(path, sizeof path, "row %zu '%s'", r->row, columns[c].name);
        GPUCOST_ERROR(bad, GPUCOST_EINVAL, r->file, r->line, r->cols[c], path,
                      "expected a number, got '%s'", shown);
        *is_bad = 1;
        return 0;
    }
    if (k == 0)
        return 0;
    gpucost_quantity q;
    if (gpucost_quantity_lookup(quantity, &q) == 0 && !gpucost_quantity_in_domain(q, *v)) {
        char why[256], hint[64];
        gc_text_printf(why, sizeof why, "%s is %g, not %s%s", columns[c].name, *v,
                       gpucost_quantity_domain_text(q),
                       gpucost_quantity_domain_hint(q, *v, hint, sizeof hint));
        if (gpucost_units_add_untestable(units, r->file, r->row, r->line, r->id, r->f[C_MODEL],
                                         columns[c].name, why, NULL) != GPUCOST_OK)
            r->nomem = 1;
        add_reason(r, why);
        return 0;
    }
    return 1;
}

static conv_input *add_input(conv_row *r, const char *q, double v, int col)
{
    conv_input *in = &r->in[r->nin++];
    memset(in, 0, sizeof *in);
    in->quantity = q;
    in->value = v;
    in->col = col;
    return in;
}

static conv_claim *add_claim(conv_row *r, const char *q, double v, int col)
{
    conv_claim *c = &r->cl[r->ncl++];
    memset(c, 0, sizeof *c);
    c->quantity = q;
    c->value = v;
    c->col = col;
    return c;
}

/* The id: the Model name in lower case, runs of other characters as one
 * '-'; "row-N" when nothing is left. */
static void make_id(conv_row *r)
{
    r->id[0] = '\0';
    if (gc_text_slug(r->id, sizeof r->id, r->f[C_MODEL], ".") == 0)
        gc_snprintf(r->id, sizeof r->id, "row-%zu", r->row);
}

/* The loosest tolerance of the methods the row lists (record.c's head). */
static void compute_tolerance(const char *method, conv_claim *c)
{
    int reported = strstr(method, "Reported") != NULL;
    int counting = strstr(method, "Operation counting") != NULL;
    int other = method[0] == '\0' || strstr(method, "Hardware") || strstr(method, "Third-party") ||
                strstr(method, "Comparison") || strstr(method, "Benchmarks") ||
                strstr(method, "Cost") || strstr(method, "Other");
    if (other || (!reported && !counting))
        c->factor = 3.0;
    else if (counting)
        c->factor = 1.25;
    else
        c->tolerance = 0.05;
}

/* Whether `hay` contains `needle`, ignoring ASCII case. */
static int has_word(const char *hay, const char *needle)
{
    size_t k = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < k && hay[i] &&
               gc_ascii_tolower((unsigned char)hay[i]) ==
                   gc_ascii_tolower((unsigned char)needle[i]))
            i++;
        if (i == k)
            return 1;
    }
    return 0;
}

/* Words in the notes that say the parameters are a mixture of experts'. */
static int mixture_of_experts(const char *notes)
{
    static const char *const words[] = {"mixture", "MoE", "experts", "active param"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (has_word(notes, words[i]))
            return 1;
    return 0;
}

/* The hardware: one chip the catalog knows, else a reason. */
static void map_hardware(conv_row *r, const gpucost_catalog *catalog)
{
    const char *hw = r->f[C_HARDWARE];
    char why[512];
    if (hw[0] == '\0') {
        add_reason_of(r, W_HW, "no Training hardware");
        return;
    }
    if (strchr(hw, ',') != NULL) {
        char shown[256];
        gc_text_abbrev(shown, sizeof shown, hw);
        gc_text_printf(why, sizeof why, "several chips (%s) and not how many of each", shown);
        add_reason_of(r, W_HW, why);
        return;
    }
    const gpucost_hardware *h = catalog ? gpucost_catalog_find_name(catalog, hw) : NULL;
    if (h == NULL) {
        gc_text_printf(why, sizeof why, "'%s' is not in the hardware catalog", hw);
        add_reason_of(r, W_HW, why);
        return;
    }
    r->hardware = h->id;
    r->chip = h;
}

/* "BF16" and the like as a precision; several or unknown: none. */
/* "BF16" and the like as a precision.  A row that lists several
 * ("FP8,BF16,FP32": DeepSeek-V3's matmuls in FP8, the rest wider) takes
 * the first, the format the record names first, and says so; an
 * unknown one gives none (the catalog's default applies). */
static void map_precision(conv_row *r)
{
    static const char *const names[][2] = {{"FP8", "fp8"},   {"BF16", "bf16"}, {"FP16", "fp16"},
                                           {"TF32", "tf32"}, {"FP32", "fp32"}, {"INT8", "int8"},
                                           {"FP64", "fp64"}};
    const char *f = r->f[C_FORMAT];
    size_t len = strcspn(f, ",");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i][0]) == len && strncmp(f, names[i][0], len) == 0)
            r->precision = names[i][1];
    if (r->precision != NULL && f[len] == ',')
        gc_text_printf(r->precision_how, sizeof r->precision_how,
                       "the row lists the formats %.*s: the first is taken for the peak",
                       (int)gc_utf8_fit(f, 120), f);
    gpucost_precision p;
    if (r->chip != NULL && r->precision == NULL && f[0] == '\0' &&
        !(r->chip->peak_tflops[GPUCOST_P_BF16] > 0.0) &&
        r->chip->peak_tflops[GPUCOST_P_FP16] > 0.0) {
        /* no format given and no bf16 on the chip (a V100): its 16-bit
         * tensor peak, as mixed-precision training uses */
        r->precision = "fp16";
        gc_text_printf(
            r->precision_how, sizeof r->precision_how,
            "the row gives no Numerical format and %s has no bf16 peak: fp16, the chip's "
            "16-bit peak, is taken",
            r->chip->id);
    }
    if (r->chip != NULL && r->precision == NULL && !(r->chip->peak_tflops[GPUCOST_P_BF16] > 0.0)) {
        f = "BF16";
        len = 4;
        r->precision = "bf16";
    }
    if (r->chip != NULL && r->precision != NULL &&
        gpucost_precision_lookup(r->precision, &p) == 0 && !(r->chip->peak_tflops[p] > 0.0)) {
        /* no peak to measure the MFU against: the chip's tests go, the
         * others stay */
        char why[160];
        gc_text_printf(why, sizeof why, "the catalog's %s has no %.*s peak", r->chip->id, (int)len,
                       f);
        add_reason_of(r, W_HW, why);
        r->chip = NULL;
        r->hardware = NULL;
        r->precision = NULL;
        r->precision_how[0] = '\0';
    }
}

/* Whether the Domain is language alone, where datapoints are tokens. */
static int counts_tokens(const conv_row *r)
{
    if (strcmp(r->f[C_DOMAIN], "Language") != 0)
        return 0;
    const char *notes = r->f[C_DATA_NOTES];
    return !(has_word(notes, "words") && !has_word(notes, "token"));
}

/* The data: dataset_tokens and epochs, or datapoints in their unit. */
static int convert_data(conv_row *r, gpucost_units *u, gpucost_error *bad, int *is_bad)
{
    double data, epochs;
    int has_data = number(r, C_DATA, "dataset_tokens", &data, u, bad, is_bad);
    int has_epochs = number(r, C_EPOCHS, "epochs", &epochs, u, bad, is_bad);
    if (!has_data) {
        add_reason_of(r, W_ND, "no Training dataset size");
        return 0;
    }
    if (!counts_tokens(r)) {
        gc_text_printf(r->datapoints_unit, sizeof r->datapoints_unit, "%s datapoints",
                       r->f[C_DOMAIN][0] ? r->f[C_DOMAIN] : "unstated");
        r->datapoints = data;
        char why[160];
        gc_text_printf(why, sizeof why, "the dataset counts %s, not tokens", r->datapoints_unit);
        add_reason_of(r, W_ND, why);
        return 0;
    }
    add_input(r, "dataset_tokens", data, C_DATA);
    conv_input *e = add_input(r, "epochs", has_epochs ? epochs : 1.0, C_EPOCHS);
    if (!has_epochs) {
        e->estimate = 1;
        gc_snprintf(e->how, sizeof e->how,
                    "the row gives no Epochs: 1 assumed (the dataset size of a language model "
                    "is then the tokens it was trained on)");
    }
    return 1;
}

/* Parameters: the active count, or a mixture of experts' total. */
static int convert_params(conv_row *r, gpucost_units *u, gpucost_error *bad, int *is_bad)
{
    double p;
    if (!number(r, C_PARAMS, "params_active", &p, u, bad, is_bad)) {
        add_reason_of(r, W_ND, "no Parameters");
        return 0;
    }
    if (mixture_of_experts(r->f[C_PARAMS_NOTES])) {
        add_input(r, "params_total", p, C_PARAMS);
        add_reason_of(r, W_ND,
                      "Parameters is a mixture-of-experts total and the row gives no active "
                      "count");
        return 0;
    }
    add_input(r, "params_active", p, C_PARAMS);
    return 1;
}

/* The compute claims: the run's own (6ND) and, for a fine-tune, the
 * total with its base model's.  `base` is the base model's compute, or
 * 0 when the record has none. */
static void convert_compute(conv_row *r, int six_nd, double base, gpucost_units *u,
                            gpucost_error *bad, int *is_bad)
{
    double compute, finetune;
    int has_compute = number(r, C_COMPUTE, "training_flops", &compute, u, bad, is_bad);
    int has_finetune = number(r, C_FINETUNE, "training_flops", &finetune, u, bad, is_bad);
    int finetuned = r->f[C_BASE][0] != '\0';
    if (has_finetune && finetune < 1e3) {
        /* 75 cells of the 2025-08 export hold the mantissa alone ("1" for
         * 1.0854e+22): no fine-tune takes under a thousand FLOP */
        char why[256];
        gc_snprintf(why, sizeof why,
                    "Finetune compute (FLOP) is %g: no fine-tune takes under 1,000 FLOP; the cell "
                    "lost its exponent (its notes give the figure)",
                    finetune);
        if (gpucost_units_add_untestable(u, r->file, r->row, r->line, r->id, r->f[C_MODEL],
                                         columns[C_FINETUNE].name, why, NULL) != GPUCOST_OK)
            r->nomem = 1;
        has_finetune = 0;
    }
    if (finetuned && base > 0.0) {
        conv_input *b = add_input(r, "base_training_flops", base, C_COMPUTE);
        b->src_row_note = r->base_title;
    } else if (finetuned) {
        char why[320];
        gc_text_printf(why, sizeof why, "the base model '%s' has no training compute in the record",
                       r->f[C_BASE]);
        add_reason_of(r, W_BASE, why);
    }
    if (has_finetune) {
        conv_claim *c = add_claim(r, "training_flops", finetune, C_FINETUNE);
        compute_tolerance(r->f[C_METHOD], c);
        static const int kinds[] = {W_ND, W_KINDS};
        reasons_of(r, kinds, c->reason, sizeof c->reason);
    }
    if (!has_compute)
        return;
    if (finetuned) {
        conv_claim *c = add_claim(r, "total_training_flops", compute, C_COMPUTE);
        compute_tolerance(r->f[C_METHOD], c);
        static const int kinds[] = {W_BASE, W_ND, W_KINDS};
        reasons_of(r, kinds, c->reason, sizeof c->reason);
        if (!has_finetune && !six_nd)
            add_reason(r, "a fine-tune's own compute needs its parameters and tokens");
        return;
    }
    if (six_nd) {
        conv_claim *c = add_claim(r, "training_flops", compute, C_COMPUTE);
        compute_tolerance(r->f[C_METHOD], c);
    } else {
        add_input(r, "training_flops", compute, C_COMPUTE);
    }
}

/* Hardware quantity, time and chip-hours. */
static void convert_time(conv_row *r, gpucost_units *u, gpucost_error *bad, int *is_bad)
{
    double qty, hours, chip_hours;
    int has_qty = number(r, C_QUANTITY, "gpus", &qty, u, bad, is_bad);
    int has_hours = number(r, C_HOURS, "wall_days", &hours, u, bad, is_bad);
    int has_ch = number(r, C_CHIP_HOURS, "gpu_hours", &chip_hours, u, bad, is_bad);
    if (has_qty)
        add_input(r, "gpus", qty, C_QUANTITY);
    if (has_hours) {
        conv_input *in = add_input(r, "wall_days", hours / 24.0, C_HOURS);
        gc_snprintf(in->how, sizeof in->how, "Training time (hours) %g / 24", hours);
    }
    if (has_ch && has_qty && has_hours) {
        conv_claim *c = add_claim(r, "gpu_hours", chip_hours, C_CHIP_HOURS);
        c->tolerance = 0.10;
    } else if (has_ch) {
        add_input(r, "gpu_hours", chip_hours, C_CHIP_HOURS);
    } else if (!(has_qty && has_hours)) {
        add_reason_of(r, W_TIME, "no Training chip-hours, nor Hardware quantity and Training time");
    }
}

/* MFU and cost: claims whenever the row gives them. */
static void convert_use(conv_row *r, gpucost_units *u, gpucost_error *bad, int *is_bad)
{
    double mfu, cost;
    if (number(r, C_MFU, "mfu", &mfu, u, bad, is_bad)) {
        conv_claim *c = add_claim(r, "mfu", mfu, C_MFU);
        c->factor = 1.5;
        static const int kinds[] = {W_HW, W_TIME, W_KINDS};
        reasons_of(r, kinds, c->reason, sizeof c->reason);
        if (r->f[C_COMPUTE][0] == '\0')
            append_reason(c->reason, sizeof c->reason, "no Training compute");
    }
    if (number(r, C_COST, "owned_cost_usd", &cost, u, bad, is_bad)) {
        conv_claim *c = add_claim(r, "owned_cost_usd", cost, C_COST);
        c->factor = 3.0;
        static const int kinds[] = {W_HW, W_TIME, W_KINDS};
        reasons_of(r, kinds, c->reason, sizeof c->reason);
        if (r->chip != NULL && !r->chip->has_price) {
            char why[160];
            gc_text_printf(why, sizeof why, "the catalog's %s has no purchase price", r->chip->id);
            append_reason(c->reason, sizeof c->reason, why);
        }
    }
}

/* ---- the scenario's JSON ------------------------------------------------ */

/* The source of one cell: the database, the row, the column, its date,
 * and the row's notes for that column. */
static void emit_source(gc_jw *j, cJSON *sources, const conv_row *r, int c, const char *field,
                        const char *what)
{
    cJSON *s = gc_jw_obj(j, sources, NULL);
    char title[300], quote[1400], notes[900] = "";
    gc_text_printf(title, sizeof title, "%s: %s, %s", RECORD_TITLE, what ? what : r->f[C_MODEL],
                   columns[c].name);
    int nc = notes_of(c);
    if (nc >= 0 && r->f[nc][0] && what == NULL)
        gc_text_abbrev(notes, sizeof notes, r->f[nc]);
    if (what != NULL)
        gc_text_printf(quote, sizeof quote, "%s of the base model %s", columns[c].name, what);
    else
        gc_text_printf(quote, sizeof quote, "%s: %s (row %zu%s%s)%s%s", columns[c].name, r->f[c],
                       r->row, r->f[C_MODIFIED][0] ? ", last modified " : "", r->f[C_MODIFIED],
                       notes[0] ? ". Notes: " : "", notes);
    gc_jw_str(j, s, "title", title);
    gc_jw_str(j, s, "url", RECORD_URL);
    gc_jw_str(j, s, "quote", quote);
    cJSON *fields = gc_jw_arr(j, s, "fields");
    gc_jw_str(j, fields, NULL, field);
}

static void emit_labels(gc_jw *j, cJSON *root, const conv_row *r)
{
    cJSON *l = gc_jw_obj(j, root, "labels");
    gc_jw_str(j, l, "source", "Epoch AI, All ML Systems");
    char row[32];
    gc_snprintf(row, sizeof row, "%zu", r->row);
    gc_jw_str(j, l, "row", row);
    if (r->f[C_DOMAIN][0])
        gc_jw_str(j, l, "domain", r->f[C_DOMAIN]);
    if (strlen(r->f[C_DATE]) >= 4) {
        char year[8];
        gc_text_printf(year, sizeof year, "%.*s", (int)gc_utf8_fit(r->f[C_DATE], 4), r->f[C_DATE]);
        gc_jw_str(j, l, "year", year);
    }
    gc_jw_str(j, l, "method", r->f[C_METHOD][0] ? r->f[C_METHOD] : "unstated");
    if (r->f[C_CONFIDENCE][0])
        gc_jw_str(j, l, "confidence", r->f[C_CONFIDENCE]);
    if (r->f[C_ORG][0])
        gc_jw_str(j, l, "organization", r->f[C_ORG]);
    if (r->f[C_HARDWARE][0])
        gc_jw_str(j, l, "hardware", r->f[C_HARDWARE]);
}

/* Writes the scenario of `r`; `notes[k]` (may be NULL) replaces claim
 * k's note. */
static gpucost_status emit(const conv_row *r, char *const *notes, gpucost_buf *out,
                           gpucost_error *err)
{
    gc_jw j = {0};
    cJSON *root = gc_jw_start(&j, 0);
    char text[600];
    gc_jw_str(&j, root, "id", r->id);
    gc_jw_str(&j, root, "title", r->f[C_MODEL]);
    gc_text_printf(
        text, sizeof text,
        "%s%s%s%s, published %s, as Epoch AI's database of notable ML systems records it "
        "(row %zu)%s%s",
        r->f[C_MODEL], r->f[C_ORG][0] ? " (" : "", r->f[C_ORG], r->f[C_ORG][0] ? ")" : "",
        r->f[C_DATE][0] ? r->f[C_DATE] : "on an unstated date", r->row,
        r->f[C_LINK][0] ? "; the paper: " : "", r->f[C_LINK]);
    gc_jw_str(&j, root, "description", text);
    gc_jw_str(&j, root, "kind", "training");
    emit_labels(&j, root, r);
    cJSON *in = gc_jw_obj(&j, root, "inputs");
    if (r->hardware)
        gc_jw_str(&j, in, "hardware", r->hardware);
    if (r->precision)
        gc_jw_str(&j, in, "precision", r->precision);
    for (size_t i = 0; i < r->nin; i++)
        gc_jw_num(&j, in, r->in[i].quantity, r->in[i].value);
    if (r->datapoints_unit[0]) {
        cJSON *dp = gc_jw_obj(&j, root, "datapoints");
        gc_jw_num(&j, dp, "value", r->datapoints);
        gc_jw_str(&j, dp, "unit", r->datapoints_unit);
    }
    cJSON *claims = gc_jw_arr(&j, root, "claims");
    for (size_t k = 0; k < r->ncl; k++) {
        const conv_claim *c = &r->cl[k];
        cJSON *o = gc_jw_obj(&j, claims, NULL);
        gc_jw_str(&j, o, "quantity", c->quantity);
        gc_jw_num(&j, o, "value", c->value);
        if (c->factor > 0.0)
            gc_jw_num(&j, o, "factor", c->factor);
        else
            gc_jw_num(&j, o, "tolerance", c->tolerance);
        gc_text_printf(text, sizeof text, "%s, row %zu, '%s'%s%s", RECORD_TITLE, r->row,
                       columns[c->col].name, r->f[C_MODIFIED][0] ? ", last modified " : "",
                       r->f[C_MODIFIED]);
        gc_jw_str(&j, o, "source", text);
        int nc = notes_of(c->col);
        char note[600] = "";
        if (notes != NULL && notes[k] != NULL)
            gc_text_copy(note, sizeof note, notes[k]);
        else if (nc >= 0 && r->f[nc][0])
            gc_text_abbrev(note, sizeof note, r->f[nc]);
        if (note[0])
            gc_jw_str(&j, o, "note", note);
    }
    cJSON *sources = gc_jw_arr(&j, root, "sources");
    cJSON *est = NULL, *der = NULL;
    if (r->precision_how[0]) {
        est = gc_jw_obj(&j, root, "estimates");
        gc_jw_str(&j, est, "inputs.precision", r->precision_how);
    }
    for (size_t i = 0; i < r->nin; i++) {
        char field[96];
        gc_text_printf(field, sizeof field, "inputs.%s", r->in[i].quantity);
        if (r->in[i].estimate) {
            if (est == NULL)
                est = gc_jw_obj(&j, root, "estimates");
            gc_jw_str(&j, est, field, r->in[i].how);
            continue;
        }
        emit_source(&j, sources, r, r->in[i].col, field, r->in[i].src_row_note);
        if (r->in[i].how[0]) {
            if (der == NULL)
                der = gc_jw_obj(&j, root, "derived");
            gc_jw_str(&j, der, field, r->in[i].how);
        }
    }
    for (size_t k = 0; k < r->ncl; k++) {
        char field[64];
        gc_snprintf(field, sizeof field, "claims[%zu].value", k);
        emit_source(&j, sources, r, r->cl[k].col, field, NULL);
    }
    return gc_jw_finish(&j, out, err);
}

/* ---- the whole file ------------------------------------------------------ */

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

/* The scenario of a row: parsed back and checked once, so that a row with
 * no verifiable claim is not testable and an unverifiable claim says why. */
static gpucost_status settle(gpucost_record *rec, conv_row *r, const gpucost_catalog *catalog,
                             gpucost_error *err)
{
    gpucost_buf text;
    gpucost_buf_init(&text);
    gpucost_status st = emit(r, NULL, &text, err);
    gpucost_scenario *s = NULL;
    gpucost_error perr;
    int verifiable = 0;
    char *notes[MAX_CLAIMS] = {0};
    gpucost_claim_result res[MAX_CLAIMS];
    int checked = st == GPUCOST_OK &&
                  gpucost_scenario_parse(rec->file, gpucost_buf_str(&text), text.len, &s, &perr) ==
                      GPUCOST_OK &&
                  (r->ncl == 0 || gpucost_claims_check(s, catalog, res, &perr) == GPUCOST_OK);
    for (size_t k = 0; checked && k < r->ncl; k++) {
        if (res[k].status != GPUCOST_CLAIM_UNVERIFIABLE)
            verifiable = 1;
        else
            notes[k] = r->cl[k].reason[0] ? r->cl[k].reason : r->reasons;
    }
    /* the text is cJSON's own printing, so "invalid JSON" from the parser
     * means cJSON ran out of memory (json.c reports that as a syntax error) */
    if (st == GPUCOST_OK && !checked && perr.code == GPUCOST_ESYNTAX &&
        strncmp(perr.message, "invalid JSON", 12) == 0)
        perr.code = GPUCOST_ENOMEM;
    if (st == GPUCOST_OK && !checked && perr.code == GPUCOST_ENOMEM) {
        gpucost_scenario_free(s);
        gpucost_buf_release(&text);
        return NOMEM(err, rec->file);
    }
    if (st == GPUCOST_OK && !checked) {
        /* the row's numbers, written out, do not load or derive: a bad row,
         * never a row quietly not tested */
        gpucost_scenario_free(s);
        perr.line = r->line;
        perr.column = 1;
        gc_text_printf(perr.file, sizeof perr.file, "%s", rec->file);
        char path[300];
        gc_text_printf(path, sizeof path, "row %zu: %s", r->row, perr.path);
        gc_text_copy(perr.path, sizeof perr.path, path);
        st = gpucost_units_add_error(&rec->units, &perr, err);
        gpucost_buf_release(&text);
        return st;
    }
    gpucost_scenario_free(s);
    if (st == GPUCOST_OK && !verifiable) {
        char why[1100];
        gc_text_printf(why, sizeof why, "%s%s", r->ncl ? "nothing to compare: " : "",
                       r->reasons[0]
                           ? r->reasons
                           : "no training compute, chip-hours, utilisation or cost to check");
        st = gpucost_units_add_untestable(&rec->units, rec->file, r->row, r->line, r->id,
                                          r->f[C_MODEL], "", why, err);
    } else if (st == GPUCOST_OK) {
        gpucost_buf_release(&text);
        gpucost_buf_init(&text);
        st = emit(r, notes, &text, err);
        gpucost_record_row *row = &rec->rows[rec->nrows];
        row->row = r->row;
        row->line = r->line;
        row->id = gpucost_strdup(r->id);
        row->json = gpucost_strdup(gpucost_buf_str(&text));
        if (st == GPUCOST_OK && (row->id == NULL || row->json == NULL))
            st = NOMEM(err, rec->file);
        if (st != GPUCOST_OK) {
            gc_free(row->id);
            gc_free(row->json);
            row->id = row->json = NULL;
        }
        if (st == GPUCOST_OK)
            rec->nrows++;
    }
    gpucost_buf_release(&text);
    return st;
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
            cell_number(b->fields[at[C_COMPUTE]], &v) == 1 && v > 0.0) {
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
    map_hardware(r, catalog);
    map_precision(r);
    int params = convert_params(r, &u, &bad, &is_bad);
    int data = convert_data(r, &u, &bad, &is_bad);
    convert_compute(r, params && data, base, &u, &bad, &is_bad);
    convert_time(r, &u, &bad, &is_bad);
    convert_use(r, &u, &bad, &is_bad);
    gpucost_status st = r->nomem ? NOMEM(err, rec->file)
                        : is_bad ? gpucost_units_add_error(&rec->units, &bad, err)
                                 : gpucost_units_take(&rec->units, &u, err);
    if (st == GPUCOST_OK && !is_bad)
        st = settle(rec, r, catalog, err);
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
    gpucost_status st = gc_csv_read(file, text, len, &rd, err);
    int at[C_NCOLS];
    if (st == GPUCOST_OK && rd.nrows == 0)
        st = GPUCOST_ERROR(err, GPUCOST_EINVAL, file, 1, 1, NULL, "no header: the file is empty");
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
    for (size_t i = 0; st == GPUCOST_OK && i < rd.nrows; i++)
        for (size_t k = 0; k < rd.rows[i].n; k++)
            gc_csv_squash(rd.rows[i].fields[k]);
    if (st == GPUCOST_OK)
        st = index_rows(&rd, at, &names, &ids, &slugs, err, file);
    for (size_t i = 1; st == GPUCOST_OK && i < rd.nrows; i++) {
        if (rd.rows[i].n == 1 && rd.rows[i].fields[0][0] == '\0')
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

gpucost_status gpucost_record_load(const char *path, const gpucost_catalog *catalog,
                                   gpucost_record **out, gpucost_error *err)
{
    char *text = NULL;
    size_t len = 0;
    gpucost_status st = gc_json_read_file(path, &text, &len, err);
    if (st == GPUCOST_OK)
        st = gpucost_record_parse(path, text, len, catalog, out, err);
    gc_free(text);
    return st;
}
