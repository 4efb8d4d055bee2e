/*
 * csv_read.h - a CSV file as rows of fields (libcsv), for the readers of
 * Epoch AI's exports (record.c, chips.c).  Internal to the library.
 */
#ifndef GPUCOST_CSV_READ_H
#define GPUCOST_CSV_READ_H

#include <stddef.h>

#include "gpucost/error.h"

typedef struct gc_csv_row {
    char **fields;
    size_t n;
    int line; /* the 1-based line the row starts on */
} gc_csv_row;

typedef struct gc_csv {
    gc_csv_row *rows;
    size_t nrows, cap;
    char **fields; /* the row being read */
    size_t nfields, fcap;
    int line, row_line;
    int failed;
} gc_csv;

/* Splits `text` (a leading UTF-8 byte-order mark skipped) into rows in
 * `*rd`, which the caller releases with gc_csv_release() whatever the
 * status. */
gpucost_status gc_csv_read(const char *file, const char *text, size_t len, gc_csv *rd,
                           gpucost_error *err);
void gc_csv_release(gc_csv *rd);
/* gc_csv_read for a table with a header: an empty file is an error
 * ("no header"), and every field is squashed (gc_csv_squash).  The
 * caller releases `*rd` with gc_csv_release() whatever the status. */
gpucost_status gc_csv_read_table(const char *file, const char *text, size_t len, gc_csv *rd,
                                 gpucost_error *err);

/* Whether `row` is a blank line (one empty field), which a table's
 * readers skip without counting it as a row read. */
int gc_csv_row_is_blank(const gc_csv_row *row);

/* A number cell as spreadsheets write one ("$1,234.50": a "$" before it
 * and thousands separators allowed, white space around it ignored): 0
 * when empty, 1 with the number in `*v`, -1 when not a number (letters,
 * "NaN", a leading "+", outside the range of a double). */
int gc_csv_number(const char *s, double *v);

/* ASCII white space whatever the host's locale. */
int gc_csv_is_space(unsigned char c);
/* Runs of white space as one space, none at either end, and each byte
 * that is not valid UTF-8 as '?', in place. */
void gc_csv_squash(char *s);

/* A column a reader looks for: its name, the name an older export gave
 * it (or NULL), and whether a file must have it. */
typedef struct gc_csv_column {
    const char *name, *alias;
    int required;
} gc_csv_column;

/* Finds each of `cols[0..n)` in the header row by name: its index in
 * `at[c]`, -1 when absent.  GPUCOST_EINVAL naming the first required
 * column that is missing ("... the columns of `what`"). */
gpucost_status gc_csv_map_columns(const char *file, const gc_csv_row *header,
                                  const gc_csv_column *cols, int n, const char *what, int *at,
                                  gpucost_error *err);

/* Whether `text`'s first line (a byte-order mark skipped) is the header
 * of an export: it starts with one of `firsts[0..nfirst)` as its first
 * field (bare or quoted) and holds `needle` somewhere. */
int gc_csv_header_is(const char *text, size_t len, const char *const *firsts, size_t nfirst,
                     const char *needle);

/* `sniff` over the first 4 KiB of the regular file `path`; 0 for what is
 * not one (a FIFO or a device is never opened: the loader says what it
 * is) or cannot be read. */
int gc_csv_sniff_file(const char *path, int (*sniff)(const char *text, size_t len));

/* A chip's catalog id from its name and maker, into `out` of size `n`:
 * the name less its maker's word(s) when it starts with them, lowercase,
 * each run of other characters as one '-' ("NVIDIA Tesla K80" by
 * "NVIDIA": "tesla-k80"); "chip" when nothing is left. */
void gc_csv_chip_id(const char *name, const char *maker, char *out, size_t n);

#endif
