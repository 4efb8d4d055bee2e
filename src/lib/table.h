/*
 * table.h - internal: a grid of text cells rendered as an aligned text
 * table, a Markdown table or CSV.  Every tabular output goes through here,
 * so column alignment, Markdown escaping and CSV quoting live in one place.
 */
#ifndef GPUCOST_TABLE_H
#define GPUCOST_TABLE_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/output.h"

typedef struct gpucost_table {
    size_t ncols, nrows, cap;
    char **cells;     /* row-major, row 0 is the header */
    int *right;       /* per column: right-aligned (numbers) */
    int failed;
} gpucost_table;

void gpucost_table_init(gpucost_table *t, size_t ncols);
void gpucost_table_release(gpucost_table *t);
/* Sets column `col` right-aligned. */
void gpucost_table_right(gpucost_table *t, size_t col);
/* Appends a row; the next `ncols` calls to _cell fill it. */
void gpucost_table_row(gpucost_table *t);
void gpucost_table_cell(gpucost_table *t, const char *text);
void gpucost_table_cellf(gpucost_table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Renders as GPUCOST_FMT_TABLE, _MD or _CSV; `indent` spaces before each
 * line of a text table. */
void gpucost_table_render(const gpucost_table *t, gpucost_format f,
                          size_t indent, gpucost_buf *out);

#endif
