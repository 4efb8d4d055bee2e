/*
 * record_scenario.c - a converted row of Epoch AI's record (record_row.c)
 * as a scenario: its JSON (json_out.h) with a source for every cell it
 * uses, the text `gpucost import` saves; and the settling record.c asks
 * for: the text parsed back as any scenario is and its claims checked
 * once against the catalog, so a row none of whose claims can be derived
 * is listed as not testable (with the reasons) instead of becoming a
 * scenario, and an unverifiable claim carries its reason as its note.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "compute/record_internal.h"

#include <string.h>

#include "gpucost/buf.h"
#include "gpucost/claims.h"
#include "gpucost/scenario.h"
#include "base/json_out.h"
#include "base/text.h"

#define RECORD_TITLE "Epoch AI, 'Data on Notable AI Models'"
#define RECORD_URL "https://epoch.ai/data/notable-ai-models"

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

/* ---- the scenario's JSON ------------------------------------------------ */

/* The source of one cell: the database, the row, the column, its date,
 * and the row's notes for that column. */
static void emit_source(gc_jw *j, cJSON *sources, const conv_row *r, int c, const char *field,
                        const char *what)
{
    cJSON *s = gc_jw_obj(j, sources, NULL);
    char title[300], quote[1400], notes[900] = "";
    gc_text_printf(title, sizeof title, "%s: %s, %s", RECORD_TITLE, what ? what : r->f[C_MODEL],
                   gc_record_columns[c].name);
    int nc = notes_of(c);
    if (nc >= 0 && r->f[nc][0] && what == NULL)
        gc_text_abbrev(notes, sizeof notes, r->f[nc]);
    if (what != NULL)
        gc_text_printf(quote, sizeof quote, "%s of the base model %s", gc_record_columns[c].name,
                       what);
    else
        gc_text_printf(quote, sizeof quote, "%s: %s (row %zu%s%s)%s%s", gc_record_columns[c].name,
                       r->f[c], r->row, r->f[C_MODIFIED][0] ? ", last modified " : "",
                       r->f[C_MODIFIED], notes[0] ? ". Notes: " : "", notes);
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

/* The scenario's id, title, description, kind and labels. */
static void emit_head(gc_jw *j, cJSON *root, const conv_row *r)
{
    char text[600];
    gc_jw_str(j, root, "id", r->id);
    gc_jw_str(j, root, "title", r->f[C_MODEL]);
    gc_text_printf(
        text, sizeof text,
        "%s%s%s%s, published %s, as Epoch AI's database of notable ML systems records it "
        "(row %zu)%s%s",
        r->f[C_MODEL], r->f[C_ORG][0] ? " (" : "", r->f[C_ORG], r->f[C_ORG][0] ? ")" : "",
        r->f[C_DATE][0] ? r->f[C_DATE] : "on an unstated date", r->row,
        r->f[C_LINK][0] ? "; the paper: " : "", r->f[C_LINK]);
    gc_jw_str(j, root, "description", text);
    gc_jw_str(j, root, "kind", "training");
    emit_labels(j, root, r);
}

/* The scenario's inputs, and its datapoints when the row counts them. */
static void emit_inputs(gc_jw *j, cJSON *root, const conv_row *r)
{
    cJSON *in = gc_jw_obj(j, root, "inputs");
    if (r->hardware)
        gc_jw_str(j, in, "hardware", r->hardware);
    if (r->precision)
        gc_jw_str(j, in, "precision", r->precision);
    for (size_t i = 0; i < r->nin; i++)
        gc_jw_num(j, in, r->in[i].quantity, r->in[i].value);
    if (r->datapoints_unit[0]) {
        cJSON *dp = gc_jw_obj(j, root, "datapoints");
        gc_jw_num(j, dp, "value", r->datapoints);
        gc_jw_str(j, dp, "unit", r->datapoints_unit);
    }
}

/* The scenario's claims, each with its source and note; `notes[k]` (may
 * be NULL) replaces claim k's note. */
static void emit_claims(gc_jw *j, cJSON *root, const conv_row *r, char *const *notes)
{
    char text[600];
    cJSON *claims = gc_jw_arr(j, root, "claims");
    for (size_t k = 0; k < r->ncl; k++) {
        const conv_claim *c = &r->cl[k];
        cJSON *o = gc_jw_obj(j, claims, NULL);
        gc_jw_str(j, o, "quantity", c->quantity);
        gc_jw_num(j, o, "value", c->value);
        if (c->factor > 0.0)
            gc_jw_num(j, o, "factor", c->factor);
        else
            gc_jw_num(j, o, "tolerance", c->tolerance);
        gc_text_printf(text, sizeof text, "%s, row %zu, '%s'%s%s", RECORD_TITLE, r->row,
                       gc_record_columns[c->col].name,
                       r->f[C_MODIFIED][0] ? ", last modified " : "", r->f[C_MODIFIED]);
        gc_jw_str(j, o, "source", text);
        int nc = notes_of(c->col);
        char note[600] = "";
        if (notes != NULL && notes[k] != NULL)
            gc_text_copy(note, sizeof note, notes[k]);
        else if (nc >= 0 && r->f[nc][0])
            gc_text_abbrev(note, sizeof note, r->f[nc]);
        if (note[0])
            gc_jw_str(j, o, "note", note);
    }
}

/* The scenario's sources, one per input and claim read from a cell, and
 * its estimates and derivations for the inputs that were not. */
static void emit_sources(gc_jw *j, cJSON *root, const conv_row *r)
{
    cJSON *sources = gc_jw_arr(j, root, "sources");
    cJSON *est = NULL, *der = NULL;
    if (r->precision_how[0]) {
        est = gc_jw_obj(j, root, "estimates");
        gc_jw_str(j, est, "inputs.precision", r->precision_how);
    }
    for (size_t i = 0; i < r->nin; i++) {
        char field[96];
        gc_text_printf(field, sizeof field, "inputs.%s", r->in[i].quantity);
        if (r->in[i].estimate) {
            if (est == NULL)
                est = gc_jw_obj(j, root, "estimates");
            gc_jw_str(j, est, field, r->in[i].how);
            continue;
        }
        emit_source(j, sources, r, r->in[i].col, field, r->in[i].src_row_note);
        if (r->in[i].how[0]) {
            if (der == NULL)
                der = gc_jw_obj(j, root, "derived");
            gc_jw_str(j, der, field, r->in[i].how);
        }
    }
    for (size_t k = 0; k < r->ncl; k++) {
        char field[64];
        gc_snprintf(field, sizeof field, "claims[%zu].value", k);
        emit_source(j, sources, r, r->cl[k].col, field, NULL);
    }
}

/* Writes the scenario of `r`; `notes[k]` (may be NULL) replaces claim
 * k's note. */
static gpucost_status emit(const conv_row *r, char *const *notes, gpucost_buf *out,
                           gpucost_error *err)
{
    gc_jw j = {0};
    cJSON *root = gc_jw_start(&j, 0);
    emit_head(&j, root, r);
    emit_inputs(&j, root, r);
    emit_claims(&j, root, r, notes);
    emit_sources(&j, root, r);
    return gc_jw_finish(&j, out, err);
}

/* Adds row `r`, whose numbers written out do not load or derive (`perr`
 * says why), to the record's errors: a bad row, never a row quietly not
 * tested. */
static gpucost_status add_bad_row(gpucost_record *rec, const conv_row *r, gpucost_error *perr,
                                  gpucost_error *err)
{
    perr->line = r->line;
    perr->column = 1;
    gc_text_printf(perr->file, sizeof perr->file, "%s", rec->file);
    char path[300];
    gc_text_printf(path, sizeof path, "row %zu: %s", r->row, perr->path);
    gc_text_copy(perr->path, sizeof perr->path, path);
    return gpucost_units_add_error(&rec->units, perr, err);
}

/* Adds row `r`, none of whose claims can be derived, to the record's
 * untestable rows with its reasons. */
static gpucost_status add_untestable(gpucost_record *rec, const conv_row *r, gpucost_error *err)
{
    char why[1100];
    gc_text_printf(why, sizeof why, "%s%s", r->ncl ? "nothing to compare: " : "",
                   r->reasons[0] ? r->reasons
                                 : "no training compute, chip-hours, utilisation or cost to check");
    return gpucost_units_add_untestable(&rec->units, rec->file, r->row, r->line, r->id,
                                        r->f[C_MODEL], "", why, err);
}

/* Adds row `r` to the record's rows as its scenario, written again into
 * `text` with the unverifiable claims' `notes`. */
static gpucost_status add_row(gpucost_record *rec, const conv_row *r, char *const *notes,
                              gpucost_buf *text, gpucost_error *err)
{
    gpucost_buf_release(text);
    gpucost_buf_init(text);
    gpucost_status st = emit(r, notes, text, err);
    gpucost_record_row *row = &rec->rows[rec->nrows];
    row->row = r->row;
    row->line = r->line;
    row->id = gpucost_strdup(r->id);
    row->json = gpucost_strdup(gpucost_buf_str(text));
    if (st == GPUCOST_OK && (row->id == NULL || row->json == NULL))
        st = NOMEM(err, rec->file);
    if (st != GPUCOST_OK) {
        gc_free(row->id);
        gc_free(row->json);
        row->id = row->json = NULL;
    }
    if (st == GPUCOST_OK)
        rec->nrows++;
    return st;
}

/* The scenario of a row: parsed back and checked once, so that a row with
 * no verifiable claim is not testable and an unverifiable claim says why. */
gpucost_status gc_record_settle(gpucost_record *rec, conv_row *r, const gpucost_catalog *catalog,
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
    gpucost_scenario_free(s);
    if (st == GPUCOST_OK && !checked)
        st = add_bad_row(rec, r, &perr, err);
    else if (st == GPUCOST_OK && !verifiable)
        st = add_untestable(rec, r, err);
    else if (st == GPUCOST_OK)
        st = add_row(rec, r, notes, &text, err);
    gpucost_buf_release(&text);
    return st;
}
