/*
 * record_row.c - one row of Epoch AI's record converted (record.c reads
 * the file, record_scenario.c writes the result): the hardware and
 * precision it names, what its cells give as inputs and as claims with
 * their tolerances (the table is in record.c's head), and why any test
 * cannot be made, each reason kept by what it is about so that a claim
 * says only what stops it.
 */
#include "base/c_locale.h"
#include "compute/record_internal.h"

#include <string.h>

#include "base/text.h"

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

/* Reads the number column `c` into `*v`: 1 when usable.  Not a number:
 * a bad row (-1, error filled).  Outside the quantity's domain: the cell
 * is listed as not testable and 0 is returned. */
static int number(conv_row *r, int c, const char *quantity, double *v, gpucost_units *units,
                  gpucost_error *bad, int *is_bad)
{
    int k = gc_csv_number(r->f[c], v);
    if (k < 0 && *is_bad)
        return 0; /* the row's first bad cell names it */
    if (k < 0) {
        char shown[64];
        gc_text_abbrev(shown, sizeof shown, r->f[c]);
        char path[128];
        gc_text_printf(path, sizeof path, "row %zu '%s'", r->row, gc_record_columns[c].name);
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
        gc_text_printf(why, sizeof why, "%s is %g, not %s%s", gc_record_columns[c].name, *v,
                       gpucost_quantity_domain_text(q),
                       gpucost_quantity_domain_hint(q, *v, hint, sizeof hint));
        if (gpucost_units_add_untestable(units, r->file, r->row, r->line, r->id, r->f[C_MODEL],
                                         gc_record_columns[c].name, why, NULL) != GPUCOST_OK)
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
                                         gc_record_columns[C_FINETUNE].name, why,
                                         NULL) != GPUCOST_OK)
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

void gc_record_convert(conv_row *r, const gpucost_catalog *catalog, double base, gpucost_units *u,
                       gpucost_error *bad, int *is_bad)
{
    map_hardware(r, catalog);
    map_precision(r);
    int params = convert_params(r, u, bad, is_bad);
    int data = convert_data(r, u, bad, is_bad);
    convert_compute(r, params && data, base, u, bad, is_bad);
    convert_time(r, u, bad, is_bad);
    convert_use(r, u, bad, is_bad);
}
