/*
 * table.c - aligned text, Markdown and CSV rendering of a cell grid.
 */
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void gpucost_table_init(gpucost_table *t, size_t ncols)
{
    t->ncols = ncols;
    t->nrows = 0;
    t->cap = 0;
    t->cells = NULL;
    t->right = calloc(ncols ? ncols : 1, sizeof *t->right);
    t->failed = t->right == NULL;
}

void gpucost_table_release(gpucost_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->right);
    t->cells = NULL;
    t->right = NULL;
    t->nrows = t->cap = 0;
}

void gpucost_table_right(gpucost_table *t, size_t col)
{
    if (t->right != NULL && col < t->ncols)
        t->right[col] = 1;
}

void gpucost_table_row(gpucost_table *t)
{
    if (t->failed)
        return;
    size_t need = (t->nrows + 1) * t->ncols;
    if (need > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : t->ncols * 16;
        while (cap < need)
            cap *= 2;
        char **p = realloc(t->cells, cap * sizeof *p);
        if (p == NULL) {
            t->failed = 1;
            return;
        }
        t->cells = p;
        t->cap = cap;
    }
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = NULL;
    t->nrows++;
}

void gpucost_table_cell(gpucost_table *t, const char *text)
{
    if (t->failed || t->nrows == 0)
        return;
    char **row = &t->cells[(t->nrows - 1) * t->ncols];
    for (size_t c = 0; c < t->ncols; c++)
        if (row[c] == NULL) {
            row[c] = gpucost_strdup(text);
            if (row[c] == NULL)
                t->failed = 1;
            return;
        }
}

void gpucost_table_cellf(gpucost_table *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    gpucost_table_cell(t, buf);
}

/* Display width: UTF-8 continuation bytes take no column. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static const char *cell(const gpucost_table *t, size_t r, size_t c)
{
    const char *s = t->cells[r * t->ncols + c];
    return s ? s : "";
}

static void csv_field(gpucost_buf *out, const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        gpucost_buf_puts(out, s);
        return;
    }
    gpucost_buf_puts(out, "\"");
    for (; *s; s++) {
        if (*s == '"')
            gpucost_buf_puts(out, "\"\"");
        else
            gpucost_buf_append(out, s, 1);
    }
    gpucost_buf_puts(out, "\"");
}

static void md_field(gpucost_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            gpucost_buf_puts(out, "\\|");
        else if (*s == '\n')
            gpucost_buf_puts(out, " ");
        else
            gpucost_buf_append(out, s, 1);
    }
}

void gpucost_table_render(const gpucost_table *t, gpucost_format f,
                          size_t indent, gpucost_buf *out)
{
    if (t->failed) {
        out->failed = 1;
        return;
    }
    if (f == GPUCOST_FMT_CSV) {
        for (size_t r = 0; r < t->nrows; r++) {
            for (size_t c = 0; c < t->ncols; c++) {
                if (c)
                    gpucost_buf_puts(out, ",");
                csv_field(out, cell(t, r, c));
            }
            gpucost_buf_puts(out, "\n");
        }
        return;
    }
    size_t *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
    if (w == NULL) {
        out->failed = 1;
        return;
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t k = width(cell(t, r, c));
            if (k > w[c])
                w[c] = k;
        }
    if (f == GPUCOST_FMT_MD) {
        for (size_t r = 0; r < t->nrows; r++) {
            gpucost_buf_puts(out, "|");
            for (size_t c = 0; c < t->ncols; c++) {
                gpucost_buf_puts(out, " ");
                md_field(out, cell(t, r, c));
                gpucost_buf_puts(out, " |");
            }
            gpucost_buf_puts(out, "\n");
            if (r == 0) {
                gpucost_buf_puts(out, "|");
                for (size_t c = 0; c < t->ncols; c++)
                    gpucost_buf_puts(out, t->right[c] ? "---:|" : "---|");
                gpucost_buf_puts(out, "\n");
            }
        }
        free(w);
        return;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        gpucost_buf_pad(out, ' ', indent);
        size_t line_start = out->len;
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = cell(t, r, c);
            size_t pad = w[c] - width(s);
            if (c)
                gpucost_buf_puts(out, "  ");
            if (t->right[c])
                gpucost_buf_pad(out, ' ', pad);
            gpucost_buf_puts(out, s);
            if (!t->right[c] && c + 1 < t->ncols)
                gpucost_buf_pad(out, ' ', pad);
        }
        /* no trailing blanks */
        while (out->len > line_start && out->data[out->len - 1] == ' ')
            out->data[--out->len] = '\0';
        gpucost_buf_puts(out, "\n");
    }
    free(w);
}
