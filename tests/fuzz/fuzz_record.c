/*
 * fuzz_record.c - libFuzzer harness over Epoch AI's record reader
 * (record.h): bytes -> the "All ML Systems" CSV -> scenarios, with the
 * bundled catalog.  Each row's JSON is parsed back as any scenario is
 * (gpucost_scenario_parse rejects invalid UTF-8, so a cut in the middle of
 * a character shows here), derived and its claims checked; the record's
 * units go through check's outputs and the rows through the record's
 * audit page.  Any crash, sanitizer report, leak, hang, a row whose JSON
 * does not parse, an error without a message, or NaN/Inf in a row's JSON
 * or an output is a bug.
 *
 * Build: cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGPUCOST_FUZZ=ON
 * Run:   bash tests/fuzz/run.sh SECONDS JOBS record
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_errno.h>

#include "gpucost/claims.h"
#include "gpucost/derive.h"
#include "gpucost/output.h"
#include "gpucost/record.h"
#include "gpucost/report.h"
#include "nan_words.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static gpucost_catalog *catalog; /* read-only after initialisation */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    gpucost_error err;
    /* the bundled models as the program opens them: defaults, rules and all */
    if (gpucost_catalog_open(GPUCOST_MODELS "/hardware", &catalog, &err) != GPUCOST_OK) {
        fprintf(stderr, "fuzz: cannot load the catalog: %s\n", err.message);
        abort();
    }
    return 0;
}

/* Rows echo the CSV's text: the check applies only when the input holds
 * no such word (then any in the output is ours). */
static int input_has_nan_word;

static void assert_clean(const char *t)
{
    if (!input_has_nan_word && has_nan_word(t))
        abort();
}

/* Each row: parsed back, derived, its claims checked; `items` filled for
 * the audit page.  Returns how many rows were derived. */
static size_t rows(const gpucost_record *rec, gpucost_scenario **s, gpucost_derivation *d,
                   gpucost_claim_result *claims, gpucost_report_item *items)
{
    gpucost_error err;
    size_t n = 0;
    for (size_t i = 0; i < rec->nrows; i++) {
        const gpucost_record_row *row = &rec->rows[i];
        if (row->id == NULL || row->json == NULL || row->row == 0 || row->line < 1)
            abort();
        size_t len = strlen(row->json);
        if (len == 0 || row->json[len - 1] != '\n')
            abort();
        assert_clean(row->json);
        /* the record parsed it once: it must parse again, as valid UTF-8 */
        if (gpucost_scenario_parse(rec->file, row->json, len, &s[n], &err) != GPUCOST_OK) {
            fprintf(stderr, "fuzz: row %zu: %s: %s\n", row->row, err.path, err.message);
            abort();
        }
        if (strcmp(s[n]->id, row->id) != 0 || s[n]->nclaims > 8)
            abort();
        gpucost_claim_result *res = claims + 8 * n;
        if (gpucost_claims_check(s[n], catalog, res, &err) != GPUCOST_OK && err.message[0] == '\0')
            abort();
        if (gpucost_derive(s[n], catalog, NULL, &d[n], &err) != GPUCOST_OK) {
            if (err.message[0] == '\0')
                abort();
            gpucost_scenario_free(s[n]);
            s[n] = NULL;
            continue;
        }
        items[n] = (gpucost_report_item){
            .scenario = s[n], .derivation = &d[n], .claims = res, .nclaims = s[n]->nclaims};
        n++;
    }
    return n;
}

/* Ids unique, every unit described. */
static void units_sane(const gpucost_record *rec)
{
    for (size_t i = 0; i < rec->nrows; i++)
        for (size_t k = i + 1; k < rec->nrows; k++)
            if (strcmp(rec->rows[i].id, rec->rows[k].id) == 0)
                abort();
    for (size_t i = 0; i < rec->units.nerrors; i++)
        if (rec->units.errors[i].message[0] == '\0' || rec->units.errors[i].line < 1)
            abort();
    for (size_t i = 0; i < rec->units.nuntestable; i++) {
        const gpucost_untestable *u = &rec->units.untestable[i];
        if (u->reason[0] == '\0' || u->id[0] == '\0' || u->row == 0)
            abort();
        assert_clean(u->reason);
    }
    if (rec->nrows + gpucost_units_untestable_rows(&rec->units) + rec->units.nerrors >
        rec->nrows_read)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    /* NUL bytes would end the scan early: they count as spaces */
    for (size_t i = 0; i < size; i++)
        if (copy[i] == '\0')
            copy[i] = ' ';
    input_has_nan_word = has_nan_word(copy);
    free(copy);

    gpucost_error err;
    gpucost_record *rec = NULL;
    if (gpucost_record_parse("fuzz.csv", (const char *)data, size, catalog, &rec, &err) !=
        GPUCOST_OK) {
        if (err.message[0] == '\0' || rec != NULL)
            abort();
        return 0;
    }
    units_sane(rec);
    size_t n = rec->nrows;
    gpucost_scenario **s = calloc(n + 1, sizeof *s);
    gpucost_derivation *d = calloc(n + 1, sizeof *d);
    gpucost_claim_result *claims = calloc(8 * n + 1, sizeof *claims);
    gpucost_report_item *items = calloc(n + 1, sizeof *items);
    if (s == NULL || d == NULL || claims == NULL || items == NULL)
        abort();
    size_t nd = rows(rec, s, d, claims, items);

    /* check's outputs with the record's units, and the audit page */
    size_t nres = 0;
    for (size_t i = 0; i < nd; i++) {
        memmove(claims + nres, items[i].claims, items[i].nclaims * sizeof *claims);
        nres += items[i].nclaims;
    }
    for (int f = GPUCOST_FMT_TABLE; f <= GPUCOST_FMT_TAP; f++) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_output_check(claims, nres, &rec->units, (gpucost_format)f, &b, &err);
        assert_clean(gpucost_buf_str(&b));
        gpucost_buf_release(&b);
    }
    /* the claims moved: point the items at them again */
    for (size_t i = 0, at = 0; i < nd; i++) {
        items[i].claims = claims + at;
        at += items[i].nclaims;
    }
    if (nd <= 32) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_report_record_html(items, nd, &rec->units, rec->nrows_read, "fuzz", &b, &err);
        assert_clean(gpucost_buf_str(&b));
        gpucost_buf_release(&b);
    }
    for (size_t i = 0; i < n; i++)
        gpucost_scenario_free(s[i]);
    free(s);
    free(d);
    free(claims);
    free(items);
    gpucost_record_free(rec);
    return 0;
}
