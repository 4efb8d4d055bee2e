/*
 * render_text.c - a view (view.h) as an aligned text table, Markdown or
 * CSV.  Column alignment, Markdown escaping and CSV quoting live here and
 * nowhere else.
 *
 * Text keeps the view's layout: titles flush left, lines and items
 * indented as the view says, a blank line where it asks for one.
 * Markdown separates blocks by one blank line (consecutive items make one
 * list) and ignores the view's gaps.  CSV writes the tables and columns
 * meant for machines, cells in full precision, and nothing else; a cell a
 * spreadsheet would run as a formula gets a leading "'" (csv_field).
 */
#include <stdlib.h>
#include <string.h>

#include "gpucost/number.h"
#include "base/alloc.h"
#include "render/view.h"

/* Display width: UTF-8 continuation bytes take no column. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static int shown(const gc_vtable *t, size_t c, int csv)
{
    int a = t->audience[c];
    return a == GC_FOR_ALL || a == (csv ? GC_FOR_CSV : GC_FOR_PEOPLE);
}

/* A cell's text; a value's full precision for CSV is formatted into
 * `tmp` (32 bytes). */
static const char *text_of(const gc_vtable *t, size_t r, size_t c, int csv, char *tmp)
{
    const gc_cell *x = &t->cells[r * t->ncols + c];
    if (csv && x->has_value)
        return gpucost_number_format_exact(x->value, tmp, 32);
    const char *s = csv && x->exact != NULL ? x->exact : x->text;
    return s ? s : "";
}

/* Whether `s` is a plain decimal number ("-5.2", "1.5e+06"), which a
 * spreadsheet reads as a number and never runs. */
static int plain_number(const char *s)
{
    size_t digits = 0;
    if (*s == '-' || *s == '+')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            digits++;
    if (digits > 0 && (*s == 'e' || *s == 'E')) {
        s++;
        if (*s == '-' || *s == '+')
            s++;
        if (*s < '0' || *s > '9')
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return digits > 0 && *s == '\0';
}

/* Whether a spreadsheet would run `s` as a formula: it starts with '=',
 * '+', '-', '@', a tab or a carriage return (OWASP's list), and is not a
 * plain number, nor the "-" that stands for none (a hardware column). */
static int formula_like(const char *s)
{
    return *s != '\0' && strchr("=+-@\t\r", *s) != NULL && !plain_number(s) && strcmp(s, "-") != 0;
}

/* One CSV cell: RFC 4180 quoting, and a text a spreadsheet would run as a
 * formula (an id, a title or a source like "=HYPERLINK(...)") written
 * after a "'" so it stays text (the OWASP convention). */
static void csv_field(gpucost_buf *out, const char *s)
{
    const char *lead = formula_like(s) ? "'" : "";
    if (strpbrk(s, ",\"\n\r") == NULL) {
        gpucost_buf_puts(out, lead);
        gpucost_buf_puts(out, s);
        return;
    }
    gpucost_buf_puts(out, "\"");
    gpucost_buf_puts(out, lead);
    for (; *s; s++)
        gpucost_buf_puts(out, *s == '"' ? "\"\"" : (char[]){*s, '\0'});
    gpucost_buf_puts(out, "\"");
}

/* Markdown text: '*' would start emphasis and a leading '+' a list, so
 * both are escaped; in a table cell '|' too, and a line break is a space.
 * Padding a view put in for aligned text is dropped. */
static void md_text(gpucost_buf *out, const char *s, int cell)
{
    size_t n = strlen(s);
    while (cell && n > 0 && s[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '*' || (c == '+' && i == 0 && !cell) || (cell && c == '|'))
            gpucost_buf_puts(out, "\\");
        gpucost_buf_append(out, cell && c == '\n' ? " " : &s[i], 1);
    }
}

static void md_field(gpucost_buf *out, const char *s)
{
    md_text(out, s, 1);
}

static void render_csv(const gc_vtable *t, gpucost_buf *out)
{
    char tmp[32];
    for (size_t r = 0; r < t->nrows; r++) {
        const char *sep = "";
        for (size_t c = 0; c < t->ncols; c++) {
            if (!shown(t, c, 1))
                continue;
            gpucost_buf_puts(out, sep);
            csv_field(out, text_of(t, r, c, 1, tmp));
            sep = ",";
        }
        gpucost_buf_puts(out, "\n");
    }
}

static void render_md(const gc_vtable *t, gpucost_buf *out)
{
    for (size_t r = 0; r < t->nrows; r++) {
        gpucost_buf_puts(out, "|");
        for (size_t c = 0; c < t->ncols; c++) {
            if (!shown(t, c, 0))
                continue;
            gpucost_buf_puts(out, " ");
            md_field(out, text_of(t, r, c, 0, NULL));
            gpucost_buf_puts(out, " |");
        }
        gpucost_buf_puts(out, "\n");
        /* the rule under the header: |---|, right-aligned |---:| */
        for (size_t c = 0; r == 0 && c <= t->ncols; c++)
            if (c == 0)
                gpucost_buf_puts(out, "|");
            else if (shown(t, c - 1, 0)) {
                gpucost_buf_pad(out, '-', 3);
                gpucost_buf_puts(out, t->right[c - 1] ? ":|" : "|");
            }

        if (r == 0)
            gpucost_buf_puts(out, "\n");
    }
}

/* One row of an aligned table: columns padded to `w`, no trailing blanks. */
static void aligned_row(const gc_vtable *t, size_t r, const size_t *w, gpucost_buf *out)
{
    gpucost_buf_pad(out, ' ', t->indent);
    size_t line_start = out->len;
    const char *sep = "";
    for (size_t c = 0; c < t->ncols; c++) {
        if (!shown(t, c, 0))
            continue;
        const char *s = text_of(t, r, c, 0, NULL);
        size_t pad = w[c] - width(s);
        gpucost_buf_puts(out, sep);
        sep = "  ";
        if (t->right[c])
            gpucost_buf_pad(out, ' ', pad);
        gpucost_buf_puts(out, s);
        if (!t->right[c])
            gpucost_buf_pad(out, ' ', pad);
    }
    while (out->len > line_start && out->data != NULL && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
    gpucost_buf_puts(out, "\n");
}

static void render_aligned(const gc_vtable *t, gpucost_buf *out)
{
    size_t *w = gc_calloc(t->ncols ? t->ncols : 1, sizeof *w);
    if (w == NULL) {
        out->failed = 1;
        return;
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t k = width(text_of(t, r, c, 0, NULL));
            w[c] = k > w[c] ? k : w[c];
        }
    for (size_t r = 0; r < t->nrows; r++)
        aligned_row(t, r, w, out);
    gc_free(w);
}

static void text_block(const gc_block *b, gpucost_buf *out)
{
    switch (b->kind) {
    case GC_BLOCK_TITLE:
    case GC_BLOCK_SUBTITLE: gpucost_buf_printf(out, "%s\n", b->text); break;
    case GC_BLOCK_LINE:
        gpucost_buf_pad(out, ' ', b->indent);
        gpucost_buf_printf(out, "%s\n", b->text);
        break;
    case GC_BLOCK_ITEM:
        gpucost_buf_pad(out, ' ', b->indent);
        gpucost_buf_printf(out, "%s%s%s\n", b->label ? b->label : "", b->label ? ": " : "",
                           b->text);
        break;
    case GC_BLOCK_GAP: gpucost_buf_puts(out, "\n"); break;
    case GC_BLOCK_TABLE:
        if (b->table->audience_all != GC_FOR_CSV)
            render_aligned(b->table, out);
        break;
    case GC_BLOCK_SERIES: break;
    }
}

/* Markdown: one blank line between blocks, none between list items. */
static int md_block(const gc_block *b, const gc_block *prev, gpucost_buf *out)
{
    if (b->kind == GC_BLOCK_GAP || b->kind == GC_BLOCK_SERIES ||
        (b->kind == GC_BLOCK_TABLE && b->table->audience_all == GC_FOR_CSV))
        return 0;
    if (prev != NULL && !(b->kind == GC_BLOCK_ITEM && prev->kind == GC_BLOCK_ITEM))
        gpucost_buf_puts(out, "\n");
    switch (b->kind) {
    case GC_BLOCK_TITLE: gpucost_buf_printf(out, "### %s\n", b->text); break;
    case GC_BLOCK_SUBTITLE: gpucost_buf_printf(out, "**%s**\n", b->text); break;
    case GC_BLOCK_LINE:
        md_text(out, b->text, 0);
        gpucost_buf_puts(out, "\n");
        break;
    case GC_BLOCK_ITEM:
        gpucost_buf_printf(out, "- %s%s", b->label ? b->label : "", b->label ? ": " : "");
        md_text(out, b->text, 0);
        gpucost_buf_puts(out, "\n");
        break;
    default: render_md(b->table, out); break;
    }
    return 1;
}

void gc_view_render(const gc_view *v, gpucost_format f, gpucost_buf *out)
{
    if (gc_view_failed(v)) {
        out->failed = 1;
        return;
    }
    const gc_block *prev = NULL;
    for (size_t i = 0; i < v->n; i++) {
        const gc_block *b = &v->blocks[i];
        if (f == GPUCOST_FMT_CSV) {
            if (b->kind == GC_BLOCK_TABLE && b->table->audience_all != GC_FOR_PEOPLE)
                render_csv(b->table, out);
        } else if (f == GPUCOST_FMT_MD) {
            if (md_block(b, prev, out))
                prev = b;
        } else {
            text_block(b, out);
        }
    }
}
