/*
 * csv_read.c - a CSV file as rows of fields (csv_read.h).
 *
 * Design: libcsv splits the file, fed one line at a time so each row
 * knows the line it starts on; fields are copied out as C strings.  The
 * readers of Epoch's exports (record.c, chips.c) map their columns by
 * name on top of this.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "read/csv_read.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/text.h"

#define NOMEM(err, file) GPUCOST_ERROR((err), GPUCOST_ENOMEM, (file), 0, 0, NULL, "out of memory")

static void row_free(gc_csv_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        gc_free(r->fields[i]);
    gc_free(r->fields);
}

void gc_csv_release(gc_csv *rd)
{
    for (size_t i = 0; i < rd->nrows; i++)
        row_free(&rd->rows[i]);
    gc_free(rd->rows);
    gc_csv_row cur = {rd->fields, rd->nfields, 0};
    row_free(&cur);
}

static void on_field(void *s, size_t len, void *data)
{
    gc_csv *rd = data;
    if (rd->failed)
        return;
    if (rd->nfields == rd->fcap) {
        size_t cap = rd->fcap ? 2 * rd->fcap : 64;
        char **p = gc_realloc(rd->fields, cap * sizeof *p);
        if (p == NULL) {
            rd->failed = 1;
            return;
        }
        rd->fields = p;
        rd->fcap = cap;
    }
    char *f = gc_malloc(len + 1);
    if (f == NULL) {
        rd->failed = 1;
        return;
    }
    if (len > 0)
        memcpy(f, s, len);
    f[len] = '\0';
    rd->fields[rd->nfields++] = f;
}

static void on_row(int c, void *data)
{
    (void)c;
    gc_csv *rd = data;
    if (!rd->failed && rd->nrows == rd->cap) {
        size_t cap = rd->cap ? 2 * rd->cap : 256;
        gc_csv_row *p = gc_realloc(rd->rows, cap * sizeof *p);
        if (p == NULL)
            rd->failed = 1;
        else {
            rd->rows = p;
            rd->cap = cap;
        }
    }
    if (rd->failed)
        return;
    char **shrunk = NULL;
    if (rd->nfields > 0 &&
        (shrunk = gc_realloc(rd->fields, rd->nfields * sizeof *shrunk)) == NULL) {
        rd->failed = 1; /* the row stays in rd->fields, freed with the gc_csv */
        return;
    }
    if (rd->nfields == 0)
        gc_free(rd->fields);
    rd->rows[rd->nrows++] = (gc_csv_row){shrunk, rd->nfields, rd->row_line};
    rd->fields = NULL;
    rd->nfields = rd->fcap = 0;
    rd->row_line = rd->line + 1;
}

/* Splits `text` into rows, a line at a time. */
gpucost_status gc_csv_read(const char *file, const char *text, size_t len, gc_csv *rd,
                           gpucost_error *err)
{
    struct csv_parser p;
    memset(rd, 0, sizeof *rd);
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return NOMEM(err, file);
    /* the parser's buffer through the library's allocator (alloc.h) */
    csv_set_realloc_func(&p, gc_realloc);
    csv_set_free_func(&p, gc_free);
    gpucost_status st = GPUCOST_OK;
    size_t at = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        at = 3; /* the byte-order mark Epoch's exports start with */
    rd->line = rd->row_line = 1;
    while (at < len && st == GPUCOST_OK) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;
        if (csv_parse(&p, text + at, n, on_field, on_row, rd) != n)
            st = csv_error(&p) == CSV_ENOMEM
                     ? NOMEM(err, file)
                     : GPUCOST_ERROR(err, GPUCOST_ESYNTAX, file, rd->line, 0, NULL,
                                     "not valid CSV: %s", csv_strerror(csv_error(&p)));
        at += n;
        rd->line += nl != NULL;
    }
    if (st == GPUCOST_OK && csv_fini(&p, on_field, on_row, rd) != 0)
        st = GPUCOST_ERROR(err, GPUCOST_ESYNTAX, file, rd->row_line, 0, NULL,
                           "not valid CSV: %s (a quote left open in the row starting here?)",
                           csv_strerror(csv_error(&p)));
    if (st == GPUCOST_OK && rd->failed)
        st = NOMEM(err, file);
    csv_free(&p);
    return st;
}

/* ASCII white space whatever the host's locale (a Latin-1 locale takes
 * 0xA0, the second byte of "\u00e0", as a space). */
int gc_csv_is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The length of the valid UTF-8 character at `p` (1 to 4), or 0 when
 * the bytes there are not one (a stray continuation byte, an overlong or
 * cut sequence, a surrogate, past U+10FFFF). */
static size_t utf8_char(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (n == 0 || (n == 3 && p[0] > 0xEF))
        return 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
    return n;
}

/* Runs of white space (the notes' newlines, tabs) as one space, no space
 * at either end, and each byte that is not valid UTF-8 as '?', in place:
 * every cell becomes one line of text that any output can carry. */
void gc_csv_squash(char *s)
{
    char *o = s;
    int space = 0;
    for (const char *p = s; *p;) {
        if (gc_csv_is_space((unsigned char)*p)) {
            space = o > s;
            p++;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = 0;
        size_t n = utf8_char((const unsigned char *)p);
        if (n == 0) {
            *o++ = '?';
            p++;
            continue;
        }
        memmove(o, p, n);
        o += n;
        p += n;
    }
    *o = '\0';
}

/* The id: the name less its maker's word(s) when it starts with them,
 * lowercase, each run of other characters as one '-'. */
void gc_csv_chip_id(const char *name, const char *maker, char *out, size_t n)
{
    const char *s = name;
    size_t m = strlen(maker);
    const char *sp = strchr(maker, ' ');
    size_t first = sp ? (size_t)(sp - maker) : m;
    if (m > 0 && strncmp(s, maker, m) == 0 && s[m] == ' ')
        s += m + 1;
    else if (first > 0 && strncmp(s, maker, first) == 0 && s[first] == ' ')
        s += first + 1;
    size_t o = 0;
    int dash = 0;
    for (; *s && o + 2 < n; s++) {
        unsigned char ch = (unsigned char)*s;
        if (gc_ascii_isalnum(ch) && ch < 0x80) {
            if (dash && o > 0)
                out[o++] = '-';
            dash = 0;
            out[o++] = (char)gc_ascii_tolower(ch);
        } else
            dash = 1;
    }
    out[o] = '\0';
    if (o == 0)
        gc_text_copy(out, n, "chip");
}

gpucost_status gc_csv_map_columns(const char *file, const gc_csv_row *header,
                                  const gc_csv_column *cols, int n, const char *what, int *at,
                                  gpucost_error *err)
{
    for (int c = 0; c < n; c++) {
        at[c] = -1;
        for (size_t i = 0; i < header->n && at[c] < 0; i++)
            if (strcmp(header->fields[i], cols[c].name) == 0 ||
                (cols[c].alias != NULL && strcmp(header->fields[i], cols[c].alias) == 0))
                at[c] = (int)i;
        if (at[c] < 0 && cols[c].required)
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, file, header->line, 1, NULL,
                                 "missing column '%s' (the header names the columns of %s)",
                                 cols[c].name, what);
    }
    return GPUCOST_OK;
}

int gc_csv_header_is(const char *text, size_t len, const char *const *firsts, size_t nfirst,
                     const char *needle)
{
    size_t at = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *nl = memchr(text + at, '\n', len - at);
    size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
    const char *line = text + at;
    size_t k = strlen(needle);
    int has = 0;
    for (size_t i = 0; i + k <= n && !has; i++)
        has = memcmp(line + i, needle, k) == 0;
    for (size_t f = 0; has && f < nfirst; f++) {
        size_t m = strlen(firsts[f]);
        if ((n > m && memcmp(line, firsts[f], m) == 0 && line[m] == ',') ||
            (n > m + 2 && line[0] == '"' && memcmp(line + 1, firsts[f], m) == 0 &&
             line[m + 1] == '"' && line[m + 2] == ','))
            return 1;
    }
    return 0;
}

int gc_csv_sniff_file(const char *path, int (*sniff)(const char *text, size_t len))
{
    char head[4096];
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return sniff(head, n);
}

int gc_csv_number(const char *s, double *v)
{
    char buf[128];
    size_t o = 0;
    while (gc_csv_is_space((unsigned char)*s))
        s++;
    if (*s == '\0')
        return 0;
    if (*s == '$')
        s++;
    for (; *s && o + 1 < sizeof buf; s++)
        if (*s != ',')
            buf[o++] = *s;
    while (o > 0 && gc_csv_is_space((unsigned char)buf[o - 1]))
        o--;
    buf[o] = '\0';
    if (*s != '\0' || o == 0)
        return -1;
    char *end;
    errno = 0;
    *v = gc_strtod(buf, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(*v) || buf[0] == '+' ||
        gc_ascii_isalpha((unsigned char)buf[0]))
        return -1;
    return 1;
}

int gc_csv_row_is_blank(const gc_csv_row *row)
{
    return row->n == 1 && row->fields[0][0] == '\0';
}

gpucost_status gc_csv_read_table(const char *file, const char *text, size_t len, gc_csv *rd,
                                 gpucost_error *err)
{
    gpucost_status st = gc_csv_read(file, text, len, rd, err);
    if (st == GPUCOST_OK && rd->nrows == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, file, 1, 1, NULL, "no header: the file is empty");
    for (size_t i = 0; st == GPUCOST_OK && i < rd->nrows; i++)
        for (size_t k = 0; k < rd->rows[i].n; k++)
            gc_csv_squash(rd->rows[i].fields[k]);
    return st;
}
