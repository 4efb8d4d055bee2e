/*
 * record.h - Epoch AI's database of notable ML systems ("All ML Systems"
 * CSV) read as scenarios (docs/public-record.md).
 *
 * The CSV is recognised by its header (a first column "Model", or
 * "System" in older exports, and a "Training compute (FLOP)" column) and
 * parsed with libcsv; columns are read by name, and a missing one is an
 * error naming it.  Each row whose numbers can be tested against each
 * other becomes one scenario, written as the JSON text a person could
 * have written (what `gpucost import` saves and every command parses):
 *
 *   inputs   Parameters (params_active; params_total for a mixture of
 *            experts), the dataset in tokens (dataset_tokens; other
 *            datapoints under "datapoints" with their unit) and Epochs,
 *            Training hardware (a catalog id, mapped through the
 *            catalog's names and aliases), Numerical format, Hardware
 *            quantity (gpus) and Training time (wall_days); a fine-tune's
 *            base model compute from the base model's own row
 *   claims   Training compute (FLOP) against 6 x parameters x tokens (the
 *            total with the base model's for a fine-tune), Finetune
 *            compute (FLOP), Training chip-hours against quantity x
 *            time, the MFU against compute / (chip-hours x peak), and the
 *            cost (2023 USD) against owned_cost_usd within a factor 3
 *
 * A number is a claim where the row gives what tests it, else an input
 * (a stated compute with no parameters and tokens still lets its MFU be
 * tested).  Tolerances follow the compute's estimation method; the table
 * is in record.c and docs/public-record.md.  Every number carries its source: Epoch
 * AI's database, the row, the column, the row's "Last modified" date, and
 * the row's notes for that column.  A row with nothing testable, and a
 * cell outside its quantity's domain (an MFU of 72), is listed as not
 * testable with the reason; a cell that is not a number is a bad row
 * (units.h), and the other rows go on.
 */
#ifndef GPUCOST_RECORD_H
#define GPUCOST_RECORD_H

#include <stddef.h>

#include "gpucost/catalog.h"
#include "gpucost/error.h"
#include "gpucost/units.h"

/* One testable row as a scenario. */
typedef struct gpucost_record_row {
    size_t row; /* 1-based data row */
    int line;   /* the row's first line in the file */
    char *id;   /* the scenario's id */
    char *json; /* the scenario as JSON text, with a final newline */
} gpucost_record_row;

typedef struct gpucost_record {
    char *file;
    size_t nrows_read; /* data rows in the file */
    gpucost_record_row *rows;
    size_t nrows;
    gpucost_units units; /* bad rows, rows and cells not testable */
} gpucost_record;

/* Whether `len` bytes of `text` start like the record's header. */
int gpucost_record_sniff(const char *text, size_t len);
/* The same for the start of the file at `path`; 0 when unreadable, and
 * for a path ending in ".json" (a scenario, never opened here). */
int gpucost_record_sniff_file(const char *path);

/* Converts `len` bytes of `text`, the CSV `file`.  `catalog` (may be
 * NULL) maps chip names to ids and tells which tests a row can take.
 * Returns a new record in `*out`; free with gpucost_record_free().  Fails
 * (file:line:column) only when the file as a whole cannot be read: not
 * CSV, a missing column, no header; a bad row is kept in `units`. */
gpucost_status gpucost_record_parse(const char *file, const char *text, size_t len,
                                    const gpucost_catalog *catalog, gpucost_record **out,
                                    gpucost_error *err);
/* Reads the file at `path` and converts it as above. */
gpucost_status gpucost_record_load(const char *path, const gpucost_catalog *catalog,
                                   gpucost_record **out, gpucost_error *err);
void gpucost_record_free(gpucost_record *r);

#endif
