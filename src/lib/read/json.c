/*
 * json.c - reading JSON with positions, for scenarios and the catalog:
 * files, the pre-scan, line:column of any node, and the typed member
 * readers every loader shares (sources live in source.c, distributions in
 * dist.c).  See json.h.  The pre-scan (NUL bytes, UTF-8, depth) runs before cJSON so
 * that the errors people get are about their file, not about cJSON, and so
 * that the recursive locator below never recurses deeper than
 * GPUCOST_JSON_MAX_DEPTH.
 */
#include "base/alloc.h"
#include "read/json.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gpucost/number.h"
#include "gpucost/quantity.h"
#include "gpucost/suggest.h"
#include "base/text.h"

/* The message of a printf-style error function, into `msg`. */
#define FORMAT_MESSAGE(msg, fmt)                                                                   \
    do {                                                                                           \
        va_list ap_;                                                                               \
        va_start(ap_, fmt);                                                                        \
        gc_text_vprintf(msg, sizeof msg, fmt, ap_);                                                \
        va_end(ap_);                                                                               \
    } while (0)

/* Opens `path` for reading when it is a regular file: a FIFO would block
 * forever and a device never ends.  Opened non-blocking and checked
 * again, so a file swapped for a FIFO after the stat cannot block either.
 * Read with read(2), not stdio: a folder of 10,000 scenarios would
 * otherwise pay a stream buffer and an fcntl per file.  Returns the
 * descriptor and `*size` (the size fstat saw), or -1 with `err` set. */
static int open_regular(const char *path, size_t *size, gpucost_error *err)
{
    struct stat st, fst;
    if (stat(path, &st) != 0) {
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "cannot open file: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "is a directory, expected a JSON file");
        return -1;
    }
    int fd = S_ISREG(st.st_mode) ? open(path, O_RDONLY | O_NONBLOCK) : -1;
    if (fd < 0 && S_ISREG(st.st_mode)) {
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "cannot open file: %s", strerror(errno));
        return -1;
    }
    if (fd < 0 || fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
        if (fd >= 0)
            close(fd);
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "is %s, expected a regular JSON file",
                      S_ISFIFO(st.st_mode)                         ? "a FIFO"
                      : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                      : S_ISSOCK(st.st_mode)                       ? "a socket"
                                                                   : "not a regular file");
        return -1;
    }
    *size = fst.st_size > 0 ? (size_t)fst.st_size : 0;
    return fd;
}

/* Doubles `*buf` (of `*cap` bytes): GPUCOST_ELIMIT past the size limit,
 * GPUCOST_ENOMEM when out of memory. */
static gpucost_status grow(char **buf, size_t *cap)
{
    if (*cap > GPUCOST_JSON_MAX_BYTES)
        return GPUCOST_ELIMIT;
    char *p = gc_realloc(*buf, *cap * 2);
    if (p == NULL)
        return GPUCOST_ENOMEM;
    *buf = p;
    *cap *= 2;
    return GPUCOST_OK;
}

/* Reads all of `fd` into a new NUL-terminated buffer, up to the size
 * limit: `size` (fstat's) sizes the first buffer, and a file that grows
 * meanwhile is read to its end all the same. */
static gpucost_status read_all(int fd, size_t size, const char *path, char **text, size_t *len,
                               gpucost_error *err)
{
    size_t cap = size < 4096 ? 4096 : size <= GPUCOST_JSON_MAX_BYTES ? size + 2 : 4096;
    size_t used = 0;
    ssize_t k = 1;
    char *buf = gc_malloc(cap);
    gpucost_status rc = buf == NULL ? GPUCOST_ENOMEM : GPUCOST_OK;
    while (rc == GPUCOST_OK && k != 0) {
        if (used + 1 >= cap)
            rc = grow(&buf, &cap);
        k = rc == GPUCOST_OK ? read(fd, buf + used, cap - used - 1) : 0;
        if (k < 0 && errno != EINTR)
            rc = GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "cannot read file: %s",
                               strerror(errno));
        used += k > 0 ? (size_t)k : 0;
    }
    if (rc == GPUCOST_OK && used > GPUCOST_JSON_MAX_BYTES)
        rc = GPUCOST_ELIMIT;
    if (rc == GPUCOST_ELIMIT)
        GPUCOST_ERROR(err, rc, path, 0, 0, NULL, "file is larger than the limit of %u MiB",
                      GPUCOST_JSON_MAX_BYTES / (1024u * 1024u));
    else if (rc == GPUCOST_ENOMEM)
        GPUCOST_ERROR(err, rc, path, 0, 0, NULL, "out of memory");
    if (rc != GPUCOST_OK) {
        gc_free(buf);
        return rc;
    }
    buf[used] = '\0';
    *text = buf;
    *len = used;
    return GPUCOST_OK;
}

gpucost_status gc_json_read_file(const char *path, char **text, size_t *len, gpucost_error *err)
{
    size_t size = 0;
    int fd = open_regular(path, &size, err);
    if (fd < 0)
        return GPUCOST_EIO;
    gpucost_status rc = read_all(fd, size, path, text, len, err);
    close(fd);
    return rc;
}

gpucost_status gc_json_load(const char *path, gc_json_parse_fn parse, void *ctx, gpucost_error *err)
{
    char *text = NULL;
    size_t len = 0;
    gpucost_status rc = gc_json_read_file(path, &text, &len, err);
    if (rc == GPUCOST_OK)
        rc = parse(ctx, path, text, len, err);
    gc_free(text);
    return rc;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void line_col(const char *text, size_t upto, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < upto; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Length of the valid UTF-8 sequence at p, or 0 when invalid. */
static size_t utf8_len(const unsigned char *p, size_t left)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned int min;
    unsigned int cp;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        min = 0x80;
        cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        min = 0x800;
        cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        min = 0x10000;
        cp = c & 0x07u;
    } else
        return 0;
    if (n > left)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* Length of a JSON number at s (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?
 * ([eE][+-]?[0-9]+)?), or 0 when the run of number characters there is
 * not one: cJSON also takes "05" and "5.", which JSON does not. */
static size_t skip_digits(const char *s, size_t i, size_t run)
{
    while (i < run && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

static size_t json_number_len(const char *s, size_t len)
{
    size_t run = 0;
    while (run < len && strchr("+-.eE0123456789", s[run]) != NULL && s[run] != '\0')
        run++;
    size_t i = run > 0 && s[0] == '-' ? 1 : 0;
    if (i < run && s[i] == '0')
        i++;
    else if (i < run && s[i] >= '1' && s[i] <= '9')
        i = skip_digits(s, i, run);
    else
        return 0;
    if (i < run && s[i] == '.') {
        size_t d = ++i;
        if ((i = skip_digits(s, i, run)) == d)
            return 0;
    }
    if (i < run && (s[i] == 'e' || s[i] == 'E')) {
        i += i + 1 < run && (s[i + 1] == '+' || s[i + 1] == '-') ? 2 : 1;
        size_t d = i;
        if ((i = skip_digits(s, i, run)) == d)
            return 0;
    }
    return i == run ? run : 0;
}

/* NUL bytes, invalid UTF-8, NUL escapes, numbers JSON does not allow and
 * excessive nesting, before cJSON. */
/* The pre-scan's state: where strings and nesting stand. */
typedef struct scanner {
    const char *file, *text;
    size_t len;
    int depth, in_string, escaped;
    gpucost_error *err;
} scanner;

static gpucost_status scan_fail(const scanner *sc, size_t at, gpucost_status code, const char *fmt,
                                ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static gpucost_status scan_fail(const scanner *sc, size_t at, gpucost_status code, const char *fmt,
                                ...)
{
    int line, col;
    char msg[256];
    FORMAT_MESSAGE(msg, fmt);
    line_col(sc->text, at, &line, &col);
    return GPUCOST_ERROR(sc->err, code, sc->file, line, col, NULL, "%s", msg);
}

/* A number outside a string: its length, or an error naming it. */
static gpucost_status scan_number(const scanner *sc, size_t i, size_t *k)
{
    *k = json_number_len(sc->text + i, sc->len - i);
    if (*k > 0)
        return GPUCOST_OK;
    size_t run = 0;
    while (i + run < sc->len && run < 24 && strchr("+-.eE0123456789", sc->text[i + run]) != NULL &&
           sc->text[i + run] != '\0')
        run++;
    return scan_fail(sc, i, GPUCOST_ESYNTAX, "invalid JSON number '%.*s'", (int)run, sc->text + i);
}

/* Byte `c` at `i` inside a string. */
static gpucost_status scan_in_string(scanner *sc, size_t i, unsigned char c)
{
    if (c < 0x20)
        return scan_fail(sc, i, GPUCOST_ESYNTAX,
                         "control character 0x%02x in a string (text is one line, "
                         "without control characters)",
                         c);
    if (sc->escaped) {
        sc->escaped = 0;
        /* a NUL cannot be in a C string: "id\u0000x" would read as "id" */
        if (c == 'u' && i + 4 < sc->len && strncmp(sc->text + i + 1, "0000", 4) == 0)
            return scan_fail(sc, i - 1, GPUCOST_ESYNTAX, "\\u0000 (NUL) in a string");
    } else {
        sc->escaped = c == '\\';
        sc->in_string = c != '"';
    }
    return GPUCOST_OK;
}

/* Byte `c` at `i` outside strings and numbers: quotes and nesting. */
static gpucost_status scan_structure(scanner *sc, size_t i, unsigned char c)
{
    sc->in_string = c == '"';
    if ((c == '{' || c == '[') && ++sc->depth > GPUCOST_JSON_MAX_DEPTH)
        return scan_fail(sc, i, GPUCOST_ELIMIT, "nesting deeper than the limit of %d levels",
                         GPUCOST_JSON_MAX_DEPTH);
    sc->depth -= c == '}' || c == ']';
    return GPUCOST_OK;
}

static gpucost_status prescan(const char *file, const char *text, size_t len, int *unterminated,
                              gpucost_error *err)
{
    scanner sc = {file, text, len, 0, 0, 0, err};
    gpucost_status rc = GPUCOST_OK;
    for (size_t i = 0, n = 0; i < len && rc == GPUCOST_OK; i += n) {
        unsigned char c = (unsigned char)text[i];
        n = utf8_len((const unsigned char *)text + i, len - i);
        if (c == 0)
            rc = scan_fail(&sc, i, GPUCOST_ESYNTAX, "NUL byte in file, expected JSON text");
        else if (n == 0)
            rc = scan_fail(&sc, i, GPUCOST_ESYNTAX, "invalid UTF-8 byte 0x%02x", c);
        else if (sc.in_string)
            rc = scan_in_string(&sc, i, c);
        else if (c == '-' || (c >= '0' && c <= '9'))
            rc = scan_number(&sc, i, &n);
        else
            rc = scan_structure(&sc, i, c);
    }
    *unterminated = sc.depth > 0 || sc.in_string;
    return rc;
}

static size_t skip_blanks(const char *text, size_t at, size_t len)
{
    while (at < len && is_blank(text[at]))
        at++;
    return at;
}

int gc_json_has_top_key(const char *text, size_t len, const char *const *keys, size_t n)
{
    size_t i = skip_blanks(text, 0, len);
    if (i >= len || text[i] != '{')
        return 0;
    int depth = 0;
    for (; i < len; i++) {
        char c = text[i];
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0)
                return 0;
        } else if (c == '"') {
            size_t start = ++i;
            while (i < len && text[i] != '"')
                i += text[i] == '\\' ? 2 : 1;
            if (i >= len)
                return 0;
            size_t klen = i - start, k = skip_blanks(text, i + 1, len);
            if (depth != 1 || k >= len || text[k] != ':')
                continue;
            for (size_t j = 0; j < n; j++)
                if (strlen(keys[j]) == klen && memcmp(text + start, keys[j], klen) == 0)
                    return 1;
        }
    }
    return 0;
}

/* --- telling a syntax error from cJSON running out of memory ---------- */

/* cJSON returns NULL both for text it cannot parse and when an allocation
 * fails.  After the pre-scan, text that this grammar accepts is text
 * cJSON parses (its escapes and surrogate pairs, its 63-character number
 * buffer); when cJSON still failed, memory ran out.  It allocates
 * nothing, and runs only on a failed parse. */
typedef struct grammar {
    const char *p, *end;
} grammar;

static void g_ws(grammar *g)
{
    while (g->p < g->end && is_blank(*g->p))
        g->p++;
}

static int g_hex4(const char *p, const char *end, unsigned *out)
{
    unsigned v = 0;
    if (end - p < 4)
        return 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16u;
        if (d == 16u)
            return 0;
        v = v * 16u + d;
    }
    *out = v;
    return 1;
}

/* A \u escape at p (after the backslash): its length, or 0 as cJSON
 * rejects it (a lone or reversed surrogate). */
static size_t g_unicode(const char *p, const char *end)
{
    unsigned u, v;
    if (!g_hex4(p + 1, end, &u) || (u >= 0xDC00 && u <= 0xDFFF))
        return 0;
    if (u < 0xD800 || u > 0xDBFF)
        return 5;
    if (end - p < 11 || p[5] != '\\' || p[6] != 'u' || !g_hex4(p + 7, end, &v) || v < 0xDC00 ||
        v > 0xDFFF)
        return 0;
    return 11;
}

static int g_string(grammar *g)
{
    if (g->p >= g->end || *g->p != '"')
        return 0;
    for (g->p++; g->p < g->end && *g->p != '"';) {
        if ((unsigned char)*g->p < 0x20)
            return 0;
        if (*g->p != '\\') {
            g->p++;
            continue;
        }
        if (++g->p >= g->end)
            return 0;
        size_t n = *g->p == 'u' ? g_unicode(g->p, g->end) : strchr("\"\\/bfnrt", *g->p) ? 1 : 0;
        if (n == 0 || *g->p == '\0')
            return 0;
        g->p += n;
    }
    if (g->p >= g->end)
        return 0;
    g->p++;
    return 1;
}

static int g_value(grammar *g);

/* An object's or array's members, after the opening bracket. */
static int g_members(grammar *g, char close, int keyed)
{
    g_ws(g);
    if (g->p < g->end && *g->p == close) {
        g->p++;
        return 1;
    }
    for (;;) {
        if (keyed) {
            if (!g_string(g))
                return 0;
            g_ws(g);
            if (g->p >= g->end || *g->p++ != ':')
                return 0;
        }
        if (!g_value(g))
            return 0;
        g_ws(g);
        if (g->p >= g->end)
            return 0;
        char c = *g->p++;
        if (c == close)
            return 1;
        if (c != ',')
            return 0;
        g_ws(g);
    }
}

static int g_value(grammar *g)
{
    g_ws(g);
    size_t left = (size_t)(g->end - g->p);
    if (left == 0)
        return 0;
    char c = *g->p;
    if (c == '{' || c == '[') {
        g->p++;
        return g_members(g, c == '{' ? '}' : ']', c == '{');
    }
    if (c == '"')
        return g_string(g);
    static const char *const words[] = {"null", "false", "true"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (left >= n && memcmp(g->p, words[i], n) == 0) {
            g->p += n;
            return 1;
        }
    }
    size_t n = json_number_len(g->p, left);
    if (n == 0 || n > 63) /* cJSON reads a number through a 64-byte buffer */
        return 0;
    g->p += n;
    return 1;
}

/* Whether the text's first value is one cJSON parses given the memory. */
static int well_formed(const char *text, size_t len)
{
    grammar g = {text, text + len};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        g.p += 3;
    return g_value(&g);
}

/* Where cJSON's parse went wrong: it stops somewhere after the fault;
 * the fault is at the end of the file, or at the last character before
 * the blanks. */
static size_t fault_at(const gc_json_doc *doc, const char *end, int unterminated)
{
    size_t len = doc->len;
    size_t at = end != NULL && end >= doc->text ? (size_t)(end - doc->text) : 0;
    at = at > len ? len : at;
    if (skip_blanks(doc->text, at, len) >= len || unterminated)
        return len;
    while (at > 0 && is_blank(doc->text[at]))
        at--;
    return at;
}

/* The syntax error at `at` of `doc`, worded for what is there. */
static gpucost_status syntax_error(const gc_json_doc *doc, size_t at, gpucost_error *err)
{
    int line, col;
    line_col(doc->text, at, &line, &col);
    const char *here = doc->text + at;
    unsigned char c = (unsigned char)*here;
    if (at >= doc->len)
        return GPUCOST_ERROR(err, GPUCOST_ESYNTAX, doc->file, line, col, NULL,
                             "invalid JSON: unexpected end of file");
    if (strncmp(here, "NaN", 3) == 0 || strncmp(here, "Infinity", 8) == 0 ||
        strncmp(here, "-Infinity", 9) == 0)
        return GPUCOST_ERROR(err, GPUCOST_ESYNTAX, doc->file, line, col, NULL,
                             "invalid JSON: %s is not a JSON number",
                             here[0] == 'N' ? "NaN" : "Infinity");
    if (c >= 0x20 && c < 0x7f)
        return GPUCOST_ERROR(err, GPUCOST_ESYNTAX, doc->file, line, col, NULL,
                             "invalid JSON near '%c'", c);
    return GPUCOST_ERROR(err, GPUCOST_ESYNTAX, doc->file, line, col, NULL,
                         "invalid JSON near byte 0x%02x", c);
}

/* After a parse: nothing but blanks after the value, an object on top. */
static gpucost_status check_document(const gc_json_doc *doc, const char *end, size_t first,
                                     gpucost_error *err)
{
    /* cJSON stops after the first value; anything but whitespace after it
     * is an error, not silently ignored */
    size_t at = skip_blanks(doc->text, (size_t)(end - doc->text), doc->len);
    int line, col;
    line_col(doc->text, at, &line, &col);
    if (at < doc->len)
        return GPUCOST_ERROR(err, GPUCOST_ESYNTAX, doc->file, line, col, NULL,
                             "invalid JSON: text after the end of the document");
    if (!cJSON_IsObject(doc->root))
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, doc->file, 1, (int)first + 1, NULL,
                             "expected a JSON object at the top level, got %s",
                             gc_json_type_name(doc->root));
    return GPUCOST_OK;
}

gpucost_status gc_json_parse(gc_json_doc *doc, const char *file, const char *text, size_t len,
                             gpucost_error *err)
{
    doc->root = NULL;
    doc->text = NULL;
    doc->len = 0;
    gc_text_printf(doc->file, sizeof doc->file, "%s", file);
    int unterminated = 0;
    gpucost_status rc = prescan(file, text, len, &unterminated, err);
    if (rc != GPUCOST_OK)
        return rc;
    size_t first = skip_blanks(text, 0, len);
    if (first == len)
        return GPUCOST_ERROR(err, GPUCOST_ESYNTAX, file, 1, 1, NULL,
                             "file is empty, expected a JSON object");
    doc->text = gc_malloc(len + 1);
    if (doc->text == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
    memcpy(doc->text, text, len);
    doc->text[len] = '\0';
    doc->len = len;
    const char *end = NULL;
    doc->root = cJSON_ParseWithLengthOpts(doc->text, len, &end, 0);
    if (doc->root == NULL && well_formed(doc->text, len))
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
    else
        rc = doc->root == NULL ? syntax_error(doc, fault_at(doc, end, unterminated), err)
                               : check_document(doc, end, first, err);
    if (rc != GPUCOST_OK)
        gc_json_doc_release(doc);
    return rc;
}

void gc_json_doc_release(gc_json_doc *doc)
{
    cJSON_Delete(doc->root);
    gc_free(doc->text);
    doc->root = NULL;
    doc->text = NULL;
    doc->len = 0;
}

/* --- locating a node in the text -------------------------------------- */

typedef struct walker {
    const char *p, *end;
    const cJSON *target;
    const char *found_value, *found_key;
} walker;

static void ws(walker *w)
{
    while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' || *w->p == '\n' || *w->p == '\r'))
        w->p++;
}

static void skip_string(walker *w)
{
    w->p++; /* opening quote */
    while (w->p < w->end && *w->p != '"') {
        if (*w->p == '\\' && w->p + 1 < w->end)
            w->p++;
        w->p++;
    }
    if (w->p < w->end)
        w->p++;
}

/* Returns 1 once the target is found. */
static int walk(walker *w, const cJSON *node);

/* Skips `ch` when it is next. */
static void skip_char(walker *w, char ch)
{
    ws(w);
    if (w->p < w->end && *w->p == ch)
        w->p++;
}

/* The members of an object or elements of an array; 1 when the target
 * was found among them. */
static int walk_children(walker *w, const cJSON *node)
{
    int obj = cJSON_IsObject(node);
    w->p++; /* { or [ */
    for (const cJSON *c = node->child; c != NULL; c = c->next) {
        ws(w);
        const char *key = obj ? w->p : NULL;
        if (obj) {
            skip_string(w);
            skip_char(w, ':');
        }
        if (c == w->target)
            w->found_key = key;
        if (walk(w, c))
            return 1;
        skip_char(w, ',');
    }
    ws(w);
    if (w->p < w->end)
        w->p++; /* } or ] */
    return 0;
}

static int walk(walker *w, const cJSON *node)
{
    ws(w);
    if (node == w->target) {
        w->found_value = w->p;
        return 1;
    }
    if (w->p >= w->end)
        return 0;
    if (cJSON_IsObject(node) || cJSON_IsArray(node))
        return walk_children(w, node);
    if (*w->p == '"') {
        skip_string(w);
        return 0;
    }
    while (w->p < w->end && strchr(",}] \n\t\r", *w->p) == NULL)
        w->p++;
    return 0;
}

void gc_json_locate(const gc_json_doc *doc, const cJSON *node, int key, int *line, int *column)
{
    *line = 0;
    *column = 0;
    if (doc->text == NULL || node == NULL)
        return;
    walker w = {doc->text, doc->text + doc->len, node, NULL, NULL};
    if (!walk(&w, doc->root))
        return;
    const char *at = key && w.found_key != NULL ? w.found_key : w.found_value;
    line_col(doc->text, (size_t)(at - doc->text), line, column);
}

/* The error at `node` (its key when `key`, else its value) with the
 * finished message `msg`. */
static gpucost_status fail_at(const gc_json_doc *doc, const cJSON *node, int key,
                              gpucost_status code, const char *path, gpucost_error *err,
                              const char *msg)
{
    int line, col;
    gc_json_locate(doc, node, key, &line, &col);
    return GPUCOST_ERROR(err, code, doc->file, line, col, path, "%s", msg);
}

gpucost_status gc_json_fail(const gc_json_doc *doc, const cJSON *node, gpucost_status code,
                            const char *path, gpucost_error *err, const char *fmt, ...)
{
    char msg[256];
    FORMAT_MESSAGE(msg, fmt);
    return fail_at(doc, node, 0, code, path, err, msg);
}

gpucost_status gc_json_fail_key(const gc_json_doc *doc, const cJSON *node, const char *path,
                                gpucost_error *err, const char *fmt, ...)
{
    char msg[256];
    FORMAT_MESSAGE(msg, fmt);
    return fail_at(doc, node, 1, GPUCOST_EINVAL, path, err, msg);
}

gpucost_status gc_json_number_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                     const char *key, int required, double *out, int *has,
                                     gpucost_error *err)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (has != NULL)
        *has = m != NULL;
    if (m == NULL)
        return required
                   ? gc_json_fail(doc, obj, GPUCOST_EINVAL, parent, err, "missing key '%s'", key)
                   : GPUCOST_OK;
    char path[160];
    gc_json_path(path, sizeof path, parent, key, 0);
    return gc_json_number(doc, m, path, out, err);
}

void gc_json_path(char *out, size_t n, const char *parent, const char *key, int index)
{
    if (key != NULL)
        gc_text_printf(out, n, "%s%s%s", parent, parent[0] ? "." : "", key);
    else
        gc_text_printf(out, n, "%s[%d]", parent, index);
}

const char *gc_json_type_name(const cJSON *node)
{
    if (cJSON_IsObject(node))
        return "an object";
    if (cJSON_IsArray(node))
        return "an array";
    if (cJSON_IsString(node))
        return "a string";
    if (cJSON_IsNumber(node))
        return "a number";
    if (cJSON_IsBool(node))
        return "a boolean";
    if (cJSON_IsNull(node))
        return "null";
    return "an invalid value";
}

gpucost_status gc_json_check_keys(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                  const char *const *allowed, gpucost_error *err)
{
    if (!cJSON_IsObject(obj))
        return gc_json_fail(doc, obj, GPUCOST_EINVAL, path, err, "expected an object, got %s",
                            gc_json_type_name(obj));
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        char sub[128];
        gc_json_path(sub, sizeof sub, path, c->string, 0);
        int ok = 0;
        size_t nallowed = 0;
        for (const char *const *a = allowed; *a != NULL; a++, nallowed++)
            ok |= strcmp(*a, c->string) == 0;
        const char *best = ok ? NULL : gpucost_suggest(c->string, allowed, nallowed);
        if (!ok)
            return gc_json_fail_key(doc, c, sub, err, "unknown key '%s'%s%s%s", c->string,
                                    best ? " (did you mean '" : "", best ? best : "",
                                    best ? "'?)" : "");
        for (const cJSON *d = obj->child; d != c; d = d->next)
            if (strcmp(d->string, c->string) == 0)
                return gc_json_fail_key(doc, c, sub, err, "duplicate key '%s'", c->string);
    }
    return GPUCOST_OK;
}

gpucost_status gc_json_number(const gc_json_doc *doc, const cJSON *node, const char *path,
                              double *out, gpucost_error *err)
{
    if (!cJSON_IsNumber(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected a number, got %s",
                            gc_json_type_name(node));
    if (!isfinite(node->valuedouble))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "number is out of range (not finite)");
    *out = node->valuedouble;
    return GPUCOST_OK;
}

gpucost_status gc_json_string(const gc_json_doc *doc, const cJSON *node, const char *path,
                              const char **out, gpucost_error *err)
{
    if (!cJSON_IsString(node) || node->valuestring == NULL)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected a string, got %s",
                            gc_json_type_name(node));
    /* Text reaches terminals, TAP and HTML: no control characters, C0
     * (escaped as \n, \u001b, ...) or C1 (U+0080 to U+009F, a CSI too). */
    for (const unsigned char *p = (const unsigned char *)node->valuestring; *p; p++) {
        unsigned cp = *p;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            cp = p[1];
        else if (cp >= 0x20 && cp != 0x7F)
            continue;
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "control character U+%04X in a string (text is one line, "
                            "without control characters)",
                            cp);
    }
    *out = node->valuestring;
    return GPUCOST_OK;
}

gpucost_status gc_json_string_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                     const char *key, int required, char **out, gpucost_error *err)
{
    char path[128];
    gc_json_path(path, sizeof path, parent, key, 0);
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    const char *s = "";
    if (m == NULL && required)
        return gc_json_fail(doc, obj, GPUCOST_EINVAL, parent, err, "missing key '%s'", key);
    if (m != NULL) {
        gpucost_status rc = gc_json_string(doc, m, path, &s, err);
        if (rc != GPUCOST_OK)
            return rc;
        if (required && s[0] == '\0')
            return gc_json_fail(doc, m, GPUCOST_EINVAL, path, err, "expected a non-empty string");
    }
    *out = gpucost_strdup(s);
    return *out ? GPUCOST_OK
                : GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, path, "out of memory");
}

gpucost_status gc_json_array(const gc_json_doc *doc, const cJSON *node, const char *path,
                             size_t size, gc_json_entry_fn read, void *ctx, void **items, size_t *n,
                             gpucost_error *err)
{
    if (!cJSON_IsArray(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "expected an array, got %s",
                            gc_json_type_name(node));
    size_t count = (size_t)cJSON_GetArraySize(node);
    *items = gc_calloc(count ? count : 1, size);
    if (*items == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    int i = 0;
    for (const cJSON *c = node->child; c != NULL; c = c->next, i++) {
        char where[160];
        gc_json_path(where, sizeof where, path, NULL, i);
        *n = (size_t)i + 1;
        gpucost_status rc = read(doc, c, where, ctx, (char *)*items + (size_t)i * size, err);
        if (rc != GPUCOST_OK)
            return rc;
    }
    return GPUCOST_OK;
}
