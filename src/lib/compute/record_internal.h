/*
 * record_internal.h - internal: what the pieces of the record reader
 * (record.h) share.  Not installed.
 *
 * record.c reads the file: the columns, the rows, their ids and the
 * base-model look-up; record_row.c converts one row into inputs, claims
 * and the reasons a test cannot be made (a conv_row); record_scenario.c
 * writes a conv_row as a scenario's JSON and settles it (parsed back and
 * checked once).  A conv_row lives for one row, on the heap, owned by
 * record.c's convert_row.
 */
#ifndef GPUCOST_RECORD_INTERNAL_H
#define GPUCOST_RECORD_INTERNAL_H

#include <stddef.h>

#include "gpucost/catalog.h"
#include "gpucost/error.h"
#include "gpucost/record.h"
#include "read/csv_read.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

#define NOMEM(err, file) GPUCOST_ERROR((err), GPUCOST_ENOMEM, (file), 0, 0, NULL, "out of memory")

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

/* record.c: each column gpucost reads: its name, the name an older export
 * gave it (or NULL), and whether a file must have it. */
extern const gc_csv_column gc_record_columns[C_NCOLS];

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

/* record_row.c: the row's cells (r->f, with its file, row, line and id
 * set) into its hardware, precision, inputs, claims and reasons; `base`
 * is its base model's compute (0: none).  A cell outside its quantity's
 * domain goes into `u` as not testable; the first cell that is not a
 * number fills `*bad` and sets `*is_bad`. */
void gc_record_convert(conv_row *r, const gpucost_catalog *catalog, double base, gpucost_units *u,
                       gpucost_error *bad, int *is_bad);

/* record_scenario.c: the scenario of a converted row into `rec` (a row,
 * not testable with its reasons, or a bad row). */
gpucost_status gc_record_settle(gpucost_record *rec, conv_row *r, const gpucost_catalog *catalog,
                                gpucost_error *err);

#pragma GCC visibility pop

#endif
