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
/* ASCII white space whatever the host's locale. */
int gc_csv_is_space(unsigned char c);
/* Runs of white space as one space, none at either end, and each byte
 * that is not valid UTF-8 as '?', in place. */
void gc_csv_squash(char *s);

/* A chip's catalog id from its name and maker, into `out` of size `n`:
 * the name less its maker's word(s) when it starts with them, lowercase,
 * each run of other characters as one '-' ("NVIDIA Tesla K80" by
 * "NVIDIA": "tesla-k80"); "chip" when nothing is left. */
void gc_csv_chip_id(const char *name, const char *maker, char *out, size_t n);

#endif
