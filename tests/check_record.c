/*
 * check_record.c - Epoch AI's "All ML Systems" CSV read as scenarios:
 * the file's shape (byte-order mark, quoted newlines and commas in notes,
 * "$" costs, empty cells, renamed columns), a missing column, a bad cell,
 * not-testable rows and cells, and each kind of row's claims checked
 * against numbers worked out by hand (tests/data/record/small.csv).
 */
#include "check_util.h"

#include "gpucost/buf.h"
#include "gpucost/claims.h"
#include "gpucost/record.h"

#define SMALL GPUCOST_TEST_DATA "/record/small.csv"

/* The header every inline CSV below shares (the required columns). */
#define HEAD                                                                                       \
    "Model,Domain,Publication date,Parameters,Training compute (FLOP),"                            \
    "Training dataset size (datapoints),Training time (hours),Training hardware,Epochs,"           \
    "Hardware quantity,Hardware utilization (MFU),Training chip-hours,Numerical format,"           \
    "Training compute estimation method\n"

static gpucost_record *load_small(gpucost_catalog *c)
{
    gpucost_record *r = NULL;
    ck_assert_ok(gpucost_record_load(SMALL, c, &r, &e_));
    return r;
}

static gpucost_record *parse_text(const char *csv, gpucost_catalog *c)
{
    gpucost_record *r = NULL;
    ck_assert_ok(gpucost_record_parse("inline.csv", csv, strlen(csv), c, &r, &e_));
    return r;
}

static const gpucost_record_row *row_of(const gpucost_record *r, const char *id)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (strcmp(r->rows[i].id, id) == 0)
            return &r->rows[i];
    ck_abort_msg("no scenario '%s' in the record", id);
    return NULL;
}

static const gpucost_untestable *untestable_of(const gpucost_record *r, const char *id)
{
    for (size_t i = 0; i < r->units.nuntestable; i++)
        if (strcmp(r->units.untestable[i].id, id) == 0)
            return &r->units.untestable[i];
    ck_abort_msg("'%s' is not listed as not testable", id);
    return NULL;
}

/* A row's scenario, parsed back as `gpucost import` would save it. */
static gpucost_scenario *scenario_of(const gpucost_record *r, const char *id)
{
    const gpucost_record_row *row = row_of(r, id);
    gpucost_scenario *s = NULL;
    ck_assert_ok(gpucost_scenario_parse(id, row->json, strlen(row->json), &s, &e_));
    return s;
}

static double input_of(const gpucost_scenario *s, const char *name)
{
    gpucost_quantity q;
    ck_assert_int_eq(gpucost_quantity_lookup(name, &q), 0);
    ck_assert_msg(s->inputs[q].given, "%s: no input %s", s->id, name);
    return gpucost_dist_median(&s->inputs[q].dist);
}

/* The result for the claim on `name` (the first one). */
static const gpucost_claim_result *result_of(const gpucost_scenario *s,
                                             const gpucost_claim_result *res, const char *name)
{
    gpucost_quantity q;
    ck_assert_int_eq(gpucost_quantity_lookup(name, &q), 0);
    for (size_t i = 0; i < s->nclaims; i++)
        if (s->claims[i].quantity == q)
            return &res[i];
    ck_abort_msg("%s: no claim on %s", s->id, name);
    return NULL;
}

START_TEST(test_record_core)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r = load_small(c);
    ck_assert_uint_eq(r->nrows_read, 10);
    /* vision-net is not testable, bad-lm is bad: the 8 others convert */
    ck_assert_uint_eq(r->nrows, 8);
    ck_assert_str_eq(r->rows[0].id, "counted-lm");
    ck_assert_uint_eq(r->rows[0].row, 1);
    /* the byte-order mark is not part of the first line; the first row's
     * notes hold a newline, so the second row starts on line 4 */
    ck_assert_int_eq(r->rows[0].line, 2);
    ck_assert_str_eq(r->rows[1].id, "tenfold-lm");
    ck_assert_int_eq(r->rows[1].line, 4);
    /* the one bad row, named by line, column and path */
    ck_assert_uint_eq(r->units.nerrors, 1);
    const gpucost_error *e = &r->units.errors[0];
    ck_assert_int_eq(e->code, GPUCOST_EINVAL);
    ck_assert_str_eq(e->file, SMALL);
    ck_assert_int_eq(e->line, 12);
    ck_assert_int_eq(e->column, 4);
    ck_assert_str_eq(e->path, "row 10 'Parameters'");
    ck_assert_ptr_nonnull(strstr(e->message, "'abc'"));
    for (size_t i = 0; i < r->nrows; i++)
        ck_assert_str_ne(r->rows[i].id, "bad-lm");
    /* quoted commas and doubled quotes in notes survive as one line */
    const gpucost_record_row *counted = row_of(r, "counted-lm");
    ck_assert_ptr_nonnull(strstr(counted->json, "110B tokens, two epochs"));
    ck_assert_ptr_nonnull(strstr(counted->json, "6 x 2.385e9 x 1.1e11 x 2, \\\"counted\\\""));
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_record_not_testable)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r = load_small(c);
    /* a whole row: images are not tokens, nothing else to test */
    const gpucost_untestable *u = untestable_of(r, "vision-net");
    ck_assert_str_eq(u->column, "");
    ck_assert_str_eq(u->title, "Vision Net");
    ck_assert_uint_eq(u->row, 6);
    ck_assert_int_eq(u->line, 8);
    ck_assert_ptr_nonnull(strstr(u->reason, "not tokens"));
    /* an MFU of 72 is a percentage: the cell, not the row */
    u = untestable_of(r, "percent-mfu-lm");
    ck_assert_str_eq(u->column, "Hardware utilization (MFU)");
    ck_assert_ptr_nonnull(strstr(u->reason, "0.72"));
    row_of(r, "percent-mfu-lm");
    /* a Finetune compute of 6 lost its exponent */
    u = untestable_of(r, "lost-exponent-lm");
    ck_assert_str_eq(u->column, "Finetune compute (FLOP)");
    ck_assert_ptr_nonnull(strstr(u->reason, "exponent"));
    ck_assert_uint_eq(gpucost_units_untestable_rows(&r->units), 1);
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* Training compute against 6 x params x dataset x epochs. */
START_TEST(test_record_compute_six_nd)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r = load_small(c);
    const double want = 6.0 * 2.385e9 * 1.1e11 * 2.0; /* 3.1482e21 */
    gpucost_claim_result res[8];

    gpucost_scenario *s = scenario_of(r, "counted-lm");
    ck_assert_rel(input_of(s, "params_active"), 2.385e9, 1e-15);
    ck_assert_rel(input_of(s, "dataset_tokens"), 1.1e11, 1e-15);
    ck_assert_rel(input_of(s, "epochs"), 2.0, 1e-15);
    ck_assert_uint_eq(s->nclaims, 1);
    /* Operation counting: within 1.25x */
    ck_assert_rel(s->claims[0].factor, 1.25, 1e-15);
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    const gpucost_claim_result *t = result_of(s, res, "training_flops");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert(t->has_computed);
    ck_assert_rel(t->computed, want, 1e-12);
    gpucost_scenario_free(s);

    /* ten times too much: outside 1.25x */
    s = scenario_of(r, "tenfold-lm");
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    t = result_of(s, res, "training_flops");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_FAIL);
    ck_assert_rel(t->computed, want, 1e-12);
    ck_assert_rel(t->rel_error, -0.9, 1e-12);
    ck_assert_str_eq(s->claims[0].note, "ten times 6ND");
    gpucost_scenario_free(s);
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* Chip-hours against quantity x hours; MFU against compute / (chip-hours
 * x peak) on the catalog's H100 (named by its alias) at BF16. */
START_TEST(test_record_chip_hours_mfu)
{
    gpucost_catalog *c = NULL;
    ck_assert_ok(gpucost_catalog_open(GPUCOST_MODELS "/hardware", &c, &e_));
    ck_assert_ptr_nonnull(gpucost_catalog_find_name(c, "NVIDIA H100 SXM5 80GB"));
    ck_assert_str_eq(gpucost_catalog_find_name(c, "nvidia h100 sxm5 80gb")->id, "h100");
    gpucost_record *r = load_small(c);
    const double chip_hours = 512.0 * 240.0;                      /* 122,880 */
    const double mfu = 1.5e23 / (chip_hours * 3600.0 * 989.4e12); /* 0.34272... */
    gpucost_claim_result res[8];

    gpucost_scenario *s = scenario_of(r, "cluster-lm");
    ck_assert_str_eq(s->hardware, "h100");
    ck_assert_rel(input_of(s, "gpus"), 512.0, 1e-15);
    ck_assert_rel(input_of(s, "wall_days"), 10.0, 1e-15);
    ck_assert_rel(input_of(s, "training_flops"), 1.5e23, 1e-15);
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    const gpucost_claim_result *t = result_of(s, res, "gpu_hours");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, chip_hours, 1e-12);
    t = result_of(s, res, "mfu");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, mfu, 1e-12);
    /* "$1,234,567": the cost claim, within 3x */
    gpucost_quantity q;
    ck_assert_int_eq(gpucost_quantity_lookup("owned_cost_usd", &q), 0);
    int found = 0;
    for (size_t i = 0; i < s->nclaims; i++)
        if (s->claims[i].quantity == q) {
            ck_assert_rel(s->claims[i].value, 1234567.0, 1e-15);
            ck_assert_rel(s->claims[i].factor, 3.0, 1e-15);
            found = 1;
        }
    ck_assert(found);
    gpucost_scenario_free(s);

    /* 200k chip-hours for 122,880; an MFU of 5% for 34.3% */
    s = scenario_of(r, "slow-cluster-lm");
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    t = result_of(s, res, "gpu_hours");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_FAIL);
    ck_assert_rel(t->rel_error, chip_hours / 200000.0 - 1.0, 1e-12);
    t = result_of(s, res, "mfu");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_FAIL);
    ck_assert_rel(t->computed, mfu, 1e-12);
    gpucost_scenario_free(s);
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* A fine-tune: the base model's compute from its own row, the fine-tune
 * against 6ND and the total against the two together. */
START_TEST(test_record_finetune)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r = load_small(c);
    const double base = 6.0 * 2.385e9 * 1.1e11 * 2.0; /* Counted LM's row */
    const double own = 6.0 * 2.385e9 * 3e9 * 1.0;     /* 4.293e19 */
    gpucost_claim_result res[8];
    gpucost_scenario *s = scenario_of(r, "tuned-lm");
    ck_assert_rel(input_of(s, "base_training_flops"), 3.1482e21, 1e-15);
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    const gpucost_claim_result *t = result_of(s, res, "training_flops");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, own, 1e-12);
    t = result_of(s, res, "total_training_flops");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, base + own, 1e-12);
    gpucost_scenario_free(s);

    /* the lost-exponent row keeps its total claim, not the "6" */
    s = scenario_of(r, "lost-exponent-lm");
    ck_assert_uint_eq(s->nclaims, 1);
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    t = result_of(s, res, "total_training_flops");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, base + own, 1e-12);
    gpucost_scenario_free(s);
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* Several chips in one row: its chip-hours are tested, its MFU cannot be
 * and says why. */
START_TEST(test_record_several_chips)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r = load_small(c);
    gpucost_claim_result res[8];
    gpucost_scenario *s = scenario_of(r, "two-chip-lm");
    ck_assert_ptr_null(s->hardware);
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    const gpucost_claim_result *t = result_of(s, res, "gpu_hours");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, 64.0 * 100.0, 1e-12);
    t = result_of(s, res, "mfu");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_UNVERIFIABLE);
    ck_assert_ptr_nonnull(strstr(t->claim->note, "several chips"));
    gpucost_scenario_free(s);
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* A row outside language: its dataset is datapoints with their unit, in
 * no relation; its chip-hours are still tested. */
START_TEST(test_record_datapoints)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r = parse_text(HEAD "Big Vision,Vision,2021-01-01,2.385e8,4e21,1280000,100,"
                                        "NVIDIA H100 SXM5 80GB,90,64,,6400,BF16,Hardware\n"
                                        "Small Vision,Vision,2021-01-02,2.5e7,4e18,1280000,,,90,,"
                                        ",,,Other\n",
                                   c);
    ck_assert_uint_eq(r->nrows_read, 2);
    ck_assert_uint_eq(r->nrows, 1);
    gpucost_scenario *s = scenario_of(r, "big-vision");
    ck_assert_ptr_nonnull(s->datapoints_unit);
    ck_assert_ptr_nonnull(strstr(s->datapoints_unit, "Vision"));
    ck_assert_rel(s->datapoints, 1280000.0, 1e-15);
    gpucost_quantity q;
    ck_assert_int_eq(gpucost_quantity_lookup("dataset_tokens", &q), 0);
    ck_assert(!s->inputs[q].given);
    gpucost_claim_result res[8];
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    const gpucost_claim_result *t = result_of(s, res, "gpu_hours");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, 6400.0, 1e-12);
    gpucost_scenario_free(s);
    const gpucost_untestable *u = untestable_of(r, "small-vision");
    ck_assert_str_eq(u->column, "");
    ck_assert_ptr_nonnull(strstr(u->reason, "not tokens"));
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* An older export's names: "System" for "Model", "Hardware utilization"
 * for the MFU column; a quoted header; no byte-order mark. */
START_TEST(test_record_renamed_columns)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r = parse_text(
        "System,Domain,Publication date,Parameters,Training compute (FLOP),"
        "Training dataset size (datapoints),Training time (hours),Training hardware,Epochs,"
        "Hardware quantity,Hardware utilization,Training chip-hours,Numerical format,"
        "Training compute estimation method\n"
        "Old LM,Language,2022-01-01,,1.5e23,,240,NVIDIA H100 SXM5 80GB,,512,0.3427,,BF16,"
        "Hardware\n",
        c);
    ck_assert_uint_eq(r->nrows, 1);
    ck_assert_uint_eq(r->units.nerrors, 0);
    gpucost_scenario *s = scenario_of(r, "old-lm");
    gpucost_claim_result res[4];
    ck_assert_ok(gpucost_claims_check(s, c, res, &e_));
    const gpucost_claim_result *t = result_of(s, res, "mfu");
    ck_assert_int_eq(t->status, GPUCOST_CLAIM_PASS);
    ck_assert_rel(t->computed, 1.5e23 / (512.0 * 240.0 * 3600.0 * 989.4e12), 1e-12);
    gpucost_scenario_free(s);
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

START_TEST(test_record_errors)
{
    gpucost_record *r = NULL;
    gpucost_error err;
    /* no Training chip-hours column: the error names it */
    const char *missing = "Model,Domain,Publication date,Parameters,Training compute (FLOP),"
                          "Training dataset size (datapoints),Training time (hours),"
                          "Training hardware,Epochs,Hardware quantity,"
                          "Hardware utilization (MFU)\nA,Language,2024-01-01,1,2,3,4,,5,6,\n";
    ck_assert_int_eq(gpucost_record_parse("missing.csv", missing, strlen(missing), NULL, &r, &err),
                     GPUCOST_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err.file, "missing.csv");
    ck_assert_int_eq(err.line, 1);
    ck_assert_ptr_nonnull(strstr(err.message, "'Training chip-hours'"));
    /* a quote left open is not CSV */
    const char *open = HEAD "A,Language,\"2024-01-01,1,2,3,4,,5,6,,,,\n";
    ck_assert_int_eq(gpucost_record_parse("open.csv", open, strlen(open), NULL, &r, &err),
                     GPUCOST_ESYNTAX);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err.file, "open.csv");
    /* "abc" in a number column: a bad row; the others convert (no catalog) */
    gpucost_record *ok = parse_text(HEAD "A,Language,2024-01-01,2.385e9,abc,1.1e11,,,2,,,,,"
                                         "Operation counting\n"
                                         "B,Language,2024-01-02,2.385e9,3.1482e21,1.1e11,,,2,,,,,"
                                         "Operation counting\n",
                                    NULL);
    ck_assert_uint_eq(ok->nrows_read, 2);
    ck_assert_uint_eq(ok->nrows, 1);
    ck_assert_str_eq(ok->rows[0].id, "b");
    ck_assert_int_eq(ok->rows[0].line, 3);
    ck_assert_uint_eq(ok->units.nerrors, 1);
    ck_assert_str_eq(ok->units.errors[0].file, "inline.csv");
    ck_assert_int_eq(ok->units.errors[0].line, 2);
    ck_assert_int_eq(ok->units.errors[0].column, 5);
    ck_assert_str_eq(ok->units.errors[0].path, "row 1 'Training compute (FLOP)'");
    gpucost_record_free(ok);
}
END_TEST

START_TEST(test_record_sniff)
{
    const char *yes[] = {
        "Model,Domain,Training compute (FLOP)\nA,B,1\n",
        "\xEF\xBB\xBFModel,Domain,Training compute (FLOP)\n",
        "System,Training compute (FLOP)",
        "\"Model\",\"Training compute (FLOP)\"\n",
    };
    const char *no[] = {
        "{\"id\": \"Model,Training compute (FLOP)\"}",
        "Model,Domain,Parameters\nTraining compute (FLOP)\n",
        "Name,Training compute (FLOP)\n",
        "",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        ck_assert_msg(gpucost_record_sniff(yes[i], strlen(yes[i])), "%s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        ck_assert_msg(!gpucost_record_sniff(no[i], strlen(no[i])), "%s", no[i]);
    ck_assert(gpucost_record_sniff_file(SMALL));
    ck_assert(gpucost_record_sniff_file(GPUCOST_MODELS "/record/All ML Systems - full view.csv"));
    ck_assert(!gpucost_record_sniff_file(GPUCOST_MODELS "/scenarios/deepseek-v3.json"));
    ck_assert(!gpucost_record_sniff_file(GPUCOST_TEST_DATA "/no-such-file.csv"));
    ck_assert(!gpucost_record_sniff_file(GPUCOST_TEST_DATA "/record"));
}
END_TEST

/* A CSV of HEAD and `rows`, parsed; the caller frees it. */
static gpucost_record *parse_rows(const char *rows, gpucost_catalog *c)
{
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_buf_printf(&b, "%s%s", HEAD, rows);
    gpucost_record *r = NULL;
    ck_assert_ok(gpucost_record_parse("edge.csv", gpucost_buf_str(&b), b.len, c, &r, &e_));
    gpucost_buf_release(&b);
    return r;
}

/* Every row's JSON parses as a scenario: valid UTF-8, no NaN or Inf. */
static void rows_parse(const gpucost_record *r)
{
    for (size_t i = 0; i < r->nrows; i++) {
        gpucost_scenario *s = NULL;
        const char *j = r->rows[i].json;
        ck_assert_ok(gpucost_scenario_parse("row.json", j, strlen(j), &s, &e_));
        ck_assert_ptr_null(strstr(j, "nan"));
        ck_assert_ptr_null(strstr(j, "inf"));
        gpucost_scenario_free(s);
    }
}

/* A row of "\u00e9" (two bytes) or "\u20ac" (three) `n` times, as the
 * Model, the Organization-less description, the notes and the hardware. */
static void utf8_row(gpucost_buf *b, const char *ch, size_t n)
{
    gpucost_buf_printf(b, "M");
    for (size_t i = 0; i < n; i++)
        gpucost_buf_printf(b, "%s", ch);
    gpucost_buf_printf(b, ",Language,2024-01-01,2.385e9,3.1482e21,1.1e11,240,");
    for (size_t i = 0; i < n; i++)
        gpucost_buf_printf(b, "%s", ch);
    gpucost_buf_printf(b, ",2,512,0.3,122880,BF16,Operation counting\n");
}

START_TEST(test_record_utf8_edges)
{
    gpucost_catalog *c = test_catalog();
    /* lengths that put a character across each buffer's end: 255/256
     * (reasons, titles), 600 (descriptions, notes), 900 and 1400 (quotes) */
    static const size_t lengths[] = {126, 127, 128, 255, 256,  300, 599,
                                     600, 601, 900, 901, 1400, 1401};
    const char *chars[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
            for (size_t shift = 0; shift < 4; shift++) {
                gpucost_buf b;
                gpucost_buf_init(&b);
                size_t n = (lengths[i] + shift) / strlen(chars[k]) + 1;
                utf8_row(&b, chars[k], n);
                gpucost_record *r = parse_rows(gpucost_buf_str(&b), c);
                gpucost_buf_release(&b);
                ck_assert_uint_eq(r->units.nerrors, 0);
                ck_assert_uint_eq(r->nrows, 1);
                rows_parse(r);
                gpucost_record_free(r);
            }
    gpucost_catalog_free(c);
}
END_TEST

/* Notes long enough to be cut, with multi-byte characters. */
START_TEST(test_record_utf8_notes)
{
    gpucost_catalog *c = test_catalog();
    for (size_t len = 250; len < 1500; len += 37) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_buf_printf(&b, "Model,Domain,Publication date,Parameters,Parameters notes,"
                               "Training compute (FLOP),Training compute notes,"
                               "Training dataset size (datapoints),Training time (hours),"
                               "Training hardware,Epochs,Hardware quantity,"
                               "Hardware utilization (MFU),Training chip-hours,"
                               "Utilization notes,Last modified\nN,Language,2024-01-01,2.385e9,\"");
        for (size_t i = 0; i < len; i++)
            gpucost_buf_printf(&b, "%s", i % 3 ? "\xE2\x82\xAC" : "\xC3\xA9 \n");
        gpucost_buf_printf(&b, "\",3.1482e21,\"");
        for (size_t i = 0; i < len; i++)
            gpucost_buf_printf(&b, "\xE2\x82\xAC");
        gpucost_buf_printf(&b, "\",1.1e11,240,NVIDIA H100 SXM5 80GB,2,512,0.3,122880,\"");
        for (size_t i = 0; i < len; i++)
            gpucost_buf_printf(&b, "\xC3\xA9");
        gpucost_buf_printf(&b, "\",");
        for (size_t i = 0; i < len; i++)
            gpucost_buf_printf(&b, "\xC3\xA9");
        gpucost_buf_printf(&b, "\n");
        gpucost_record *r = NULL;
        ck_assert_ok(gpucost_record_parse("notes.csv", gpucost_buf_str(&b), b.len, c, &r, &e_));
        gpucost_buf_release(&b);
        ck_assert_uint_eq(r->units.nerrors, 0);
        ck_assert_uint_eq(r->nrows, 1);
        rows_parse(r);
        gpucost_record_free(r);
    }
    gpucost_catalog_free(c);
}
END_TEST

/* A cell of 100 KB: read whole, written cut. */
START_TEST(test_record_huge_cell)
{
    gpucost_catalog *c = test_catalog();
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_buf_printf(&b, "\"");
    for (size_t i = 0; i < 100000; i++)
        gpucost_buf_printf(&b, "%c", i % 50 == 49 ? ' ' : 'a' + (int)(i % 26));
    gpucost_buf_printf(&b, "\",Language,2024-01-01,2.385e9,3.1482e21,1.1e11,,,2,,,,,"
                           "Operation counting\n");
    gpucost_record *r = parse_rows(gpucost_buf_str(&b), c);
    gpucost_buf_release(&b);
    ck_assert_uint_eq(r->nrows, 1);
    ck_assert_uint_lt(strlen(r->rows[0].id), 128);
    rows_parse(r);
    gpucost_record_free(r);
    gpucost_catalog_free(c);
}
END_TEST

/* A short row, a header alone, an empty file, CRLF, an open quote. */
START_TEST(test_record_shapes)
{
    gpucost_catalog *c = test_catalog();
    /* fewer fields than the header: the missing cells are empty */
    gpucost_record *r = parse_rows("Short LM,Language,2024-01-01,2.385e9,3.1482e21,1.1e11\n", c);
    ck_assert_uint_eq(r->nrows_read, 1);
    ck_assert_uint_eq(r->nrows + r->units.nuntestable, 1);
    ck_assert_uint_eq(r->units.nerrors, 0);
    rows_parse(r);
    gpucost_record_free(r);
    /* a fine-tune whose base model's row is shorter than the header */
    r = parse_rows("Base\nTuned,Language,2024-01-01,2.385e9,3.1482e21,1.1e11,,,2,,,,,,Base\n", c);
    gpucost_record_free(r);
    /* a header alone: no rows, no error */
    r = parse_rows("", c);
    ck_assert_uint_eq(r->nrows_read, 0);
    ck_assert_uint_eq(r->nrows, 0);
    gpucost_record_free(r);
    /* CRLF: the same rows on the same lines */
    const char *crlf =
        "Model,Domain,Publication date,Parameters,Training compute (FLOP),"
        "Training dataset size (datapoints),Training time (hours),Training hardware,Epochs,"
        "Hardware quantity,Hardware utilization (MFU),Training chip-hours,Numerical format,"
        "Training compute estimation method\r\n"
        "A,Language,2024-01-01,2.385e9,3.1482e21,1.1e11,,,2,,,,,Operation counting\r\n"
        "B,Language,2024-01-01,2.385e9,\"3.1482e21\",\"1.1e11\r\n\",,,2,,,,,x\r\n"
        "C,Language,2024-01-01,abc,3.1482e21,1.1e11,,,2,,,,,Operation counting\r\n";
    r = NULL;
    ck_assert_ok(gpucost_record_parse("crlf.csv", crlf, strlen(crlf), c, &r, &e_));
    ck_assert_uint_eq(r->nrows, 2);
    ck_assert_int_eq(r->rows[0].line, 2);
    ck_assert_int_eq(r->rows[1].line, 3);
    ck_assert_uint_eq(r->units.nerrors, 1);
    ck_assert_int_eq(r->units.errors[0].line, 5);
    gpucost_record_free(r);
    gpucost_catalog_free(c);

    gpucost_error err;
    r = NULL;
    ck_assert_int_eq(gpucost_record_parse("empty.csv", "", 0, NULL, &r, &err), GPUCOST_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(gpucost_record_parse("bom.csv", "\xEF\xBB\xBF", 3, NULL, &r, &err),
                     GPUCOST_EINVAL);
    /* a quote left open on line 3: the error names the row's line */
    const char *open = HEAD "A,Language,2024-01-01,1,2,3,4,,5,6,,,,\n"
                            "B,Language,\"2024-01-01,1,2,3,4,,5,6,,,,\nmore\nand more\n";
    ck_assert_int_eq(gpucost_record_parse("open.csv", open, strlen(open), NULL, &r, &err),
                     GPUCOST_ESYNTAX);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "quote"));
}
END_TEST

/* Ids: unique however the names fall. */
START_TEST(test_record_ids)
{
    const char *row = ",Language,2024-01-01,2.385e9,3.1482e21,1.1e11,,,2,,,,,Operation counting\n";
    gpucost_buf b;
    gpucost_buf_init(&b);
    const char *names[] = {"Twin LM", "Twin LM", "twin-lm row 2", "!!!", "Row 4", "(*)"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        gpucost_buf_printf(&b, "\"%s\"%s", names[i], row);
    /* two names alike in their first 126 characters */
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 130; i++)
            gpucost_buf_printf(&b, "x");
        gpucost_buf_printf(&b, "%d%s", k, row);
    }
    gpucost_record *r = parse_rows(gpucost_buf_str(&b), NULL);
    gpucost_buf_release(&b);
    ck_assert_uint_eq(r->nrows, 8);
    ck_assert_str_eq(r->rows[0].id, "twin-lm");
    /* row 3's own slug is "twin-lm-row-2", so row 2 steps aside */
    ck_assert_str_eq(r->rows[1].id, "twin-lm-row-2-2");
    ck_assert_str_eq(r->rows[2].id, "twin-lm-row-2");
    ck_assert_str_eq(r->rows[3].id, "row-4");
    ck_assert_str_ne(r->rows[4].id, "row-4");
    ck_assert_str_eq(r->rows[5].id, "row-6");
    for (size_t i = 0; i < r->nrows; i++)
        for (size_t k = i + 1; k < r->nrows; k++)
            ck_assert_str_ne(r->rows[i].id, r->rows[k].id);
    rows_parse(r);
    gpucost_record_free(r);
}
END_TEST

/* Numbers: "$" and thousands separators; nan, inf and 1e999 are not
 * numbers (bad rows); -5 and 0 are numbers outside the domain. */
START_TEST(test_record_numbers)
{
    gpucost_catalog *c = test_catalog();
    gpucost_record *r =
        parse_rows("Sep LM,Language,2024-01-01,\"2,385,000,000\",3.1482e21,\"110,000,000,000\","
                   ",,2,,,,,Operation counting\n",
                   c);
    ck_assert_uint_eq(r->nrows, 1);
    gpucost_scenario *s = scenario_of(r, "sep-lm");
    ck_assert_rel(input_of(s, "params_active"), 2.385e9, 1e-15);
    ck_assert_rel(input_of(s, "dataset_tokens"), 1.1e11, 1e-15);
    gpucost_scenario_free(s);
    gpucost_record_free(r);
    const char *bad[] = {"nan",    "NaN", "inf", "-inf",   "Infinity", "1e999",
                         "-1e999", "$",   "+5",  "1e-999", "1 2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        for (int col = 0; col < 3; col++) {
            gpucost_buf b;
            gpucost_buf_init(&b);
            gpucost_buf_printf(&b, "X,Language,2024-01-01,%s,%s,1.1e11,%s,,2,,,,,Reported\n",
                               col == 0 ? bad[i] : "2.385e9", col == 1 ? bad[i] : "3e21",
                               col == 2 ? bad[i] : "");
            r = parse_rows(gpucost_buf_str(&b), c);
            gpucost_buf_release(&b);
            ck_assert_msg(r->units.nerrors == 1, "'%s' in column %d", bad[i], col);
            ck_assert_ptr_nonnull(strstr(r->units.errors[0].message, "expected a number"));
            ck_assert_uint_eq(r->nrows, 0);
            gpucost_record_free(r);
        }
    const char *outside[] = {"-5", "0"};
    for (size_t i = 0; i < 2; i++) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_buf_printf(&b,
                           "Y,Language,2024-01-01,%s,3e21,1.1e11,%s,NVIDIA H100 SXM5 80GB,2,%s,%s,"
                           "%s,,Reported\n",
                           outside[i], outside[i], outside[i], outside[i], outside[i]);
        r = parse_rows(gpucost_buf_str(&b), c);
        gpucost_buf_release(&b);
        ck_assert_uint_eq(r->units.nerrors, 0);
        ck_assert_uint_ge(r->units.nuntestable, 4);
        for (size_t k = 0; k < r->units.nuntestable; k++) {
            ck_assert_ptr_null(strstr(r->units.untestable[k].reason, "nan"));
            ck_assert_ptr_null(strstr(r->units.untestable[k].reason, "inf"));
        }
        rows_parse(r);
        gpucost_record_free(r);
    }
    gpucost_catalog_free(c);
}
END_TEST

static Suite *record_suite(void)
{
    Suite *s = suite_create("record");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_record_core);
    tcase_add_test(core, test_record_not_testable);
    tcase_add_test(core, test_record_compute_six_nd);
    tcase_add_test(core, test_record_chip_hours_mfu);
    tcase_add_test(core, test_record_finetune);
    tcase_add_test(core, test_record_several_chips);
    tcase_add_test(core, test_record_datapoints);
    tcase_add_test(core, test_record_renamed_columns);
    tcase_add_test(core, test_record_sniff);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_record_errors);
    tcase_add_test(errors, test_record_utf8_edges);
    tcase_add_test(errors, test_record_utf8_notes);
    tcase_add_test(errors, test_record_huge_cell);
    tcase_add_test(errors, test_record_shapes);
    tcase_add_test(errors, test_record_ids);
    tcase_add_test(errors, test_record_numbers);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(record_suite());
}
