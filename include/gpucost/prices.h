/*
 * prices.h - Epoch AI's hardware price database ("Hardware prices" CSV)
 * read as dated price observations per chip (docs/prices.md,
 * "Dated prices"), for a person to review and add to the chip's
 * catalog file under "prices".
 *
 * The CSV is recognised by its header (a first column "Price source" and
 * a "Price per chip-hour (on-demand)" column); columns are read by name,
 * and a missing one is an error naming it.  Each row gives up to four
 * observations, one per price column it fills: "on-demand", "1-year" and
 * "3-year" (USD per chip-hour, the last two committed-use discounts) and
 * "purchase" (USD per chip), each with the row's date, vendor, location,
 * number of GPUs, notes and source URL.  Rows are grouped by "Hardware
 * model", the name the record and the chip dataset use (a catalog alias).
 * A row without a date or a price, or with a cell that is not a
 * positive number, is counted as skipped and named in `skipped_rows`.
 */
#ifndef GPUCOST_PRICES_H
#define GPUCOST_PRICES_H

#include <stddef.h>

#include "gpucost/error.h"

/* One chip's observations. */
typedef struct gpucost_prices_chip {
    char *id;    /* the chip's id as the chip importer makes it (chips.h) */
    char *name;  /* "Hardware model" as written */
    char *json;  /* {"hardware": name, "prices": [...]}, with a final newline */
    size_t nobs; /* observations in `json` */
} gpucost_prices_chip;

typedef struct gpucost_prices {
    size_t nrows_read;
    gpucost_prices_chip *chips;
    size_t nchips;
    size_t nskipped;
    char skipped_rows[256]; /* "12, 40, ..." (cut with "..." when long) */
} gpucost_prices;

/* Whether `len` bytes of `text` start like the price database's header. */
int gpucost_prices_sniff(const char *text, size_t len);
/* The same for the file at `path` (0 when it cannot be read). */
int gpucost_prices_sniff_file(const char *path);
/* Converts the price database in `len` bytes of `text` (`file` names it
 * in errors).  Returns a new set in `*out`; free with
 * gpucost_prices_free().  Fails on a CSV that cannot be read or a
 * missing column. */
gpucost_status gpucost_prices_parse(const char *file, const char *text, size_t len,
                                    gpucost_prices **out, gpucost_error *err);
/* The same, reading the file at `path`. */
gpucost_status gpucost_prices_load(const char *path, gpucost_prices **out, gpucost_error *err);
void gpucost_prices_free(gpucost_prices *p);

#endif
