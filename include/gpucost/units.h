/*
 * units.h - what a command that reads many units (scenario files, the
 * rows of a public-record CSV) could not use, so that one bad unit never
 * hides the others (docs/public-record.md).
 *
 * A unit is bad when it does not load or derive: its error (file, line,
 * column, JSON path, and for a record row the row) is kept here and the
 * command goes on with the rest; the program names each on stderr and
 * exits 2.  A record row that loads but gives nothing its numbers can be
 * tested against is not testable: neither passed nor failed, listed with
 * the reason.  Outputs list both: check's JSON "errors" and
 * "not_testable", a JUnit <error>, a TAP "not ok", a table's footer.
 */
#ifndef GPUCOST_UNITS_H
#define GPUCOST_UNITS_H

#include <stddef.h>

#include "gpucost/error.h"

/* A record row that cannot be compared, and why ("the dataset counts
 * images, not tokens; no chip-hours or hardware quantity"). */
typedef struct gpucost_untestable {
    char *file;   /* the CSV */
    size_t row;   /* 1-based data row (the header is row 0) */
    int line;     /* the row's first line in the file */
    char *id;     /* the id the row would have had */
    char *title;  /* the Model cell */
    char *column; /* "" for the whole row; else the one cell that cannot be used */
    char *reason; /* complete, lowercase, no final full stop */
} gpucost_untestable;

/* The bad and the untestable units of one command, in the order met. */
typedef struct gpucost_units {
    gpucost_error *errors;
    size_t nerrors;
    gpucost_untestable *untestable;
    size_t nuntestable;
} gpucost_units;

/* Caller-owned: init before use, release to free what it holds. */
void gpucost_units_init(gpucost_units *u);
void gpucost_units_release(gpucost_units *u);

/* Appends a copy of `e`.  GPUCOST_ENOMEM (in `err`) when it cannot. */
gpucost_status gpucost_units_add_error(gpucost_units *u, const gpucost_error *e,
                                       gpucost_error *err);

/* Appends a not-testable row (`column` "" or NULL) or cell; the strings
 * are copied. */
gpucost_status gpucost_units_add_untestable(gpucost_units *u, const char *file, size_t row,
                                            int line, const char *id, const char *title,
                                            const char *column, const char *reason,
                                            gpucost_error *err);

/* How many whole rows (column "") are not testable. */
size_t gpucost_units_untestable_rows(const gpucost_units *u);

/* Moves everything in `from` to the end of `to`; `from` is left empty. */
gpucost_status gpucost_units_take(gpucost_units *to, gpucost_units *from, gpucost_error *err);

#endif
