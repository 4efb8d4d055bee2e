/*
 * json_scan.c - checks on a document's raw bytes, with no tree (json.h):
 * the pre-scan that runs before cJSON (NUL bytes, invalid UTF-8, NUL
 * escapes, numbers JSON does not allow, nesting beyond
 * GPUCOST_JSON_MAX_DEPTH), the sniff for a top-level key that lets a
 * directory scan skip a parse, and the grammar that tells a syntax error
 * from cJSON running out of memory.  Siblings: json.c, json_file.c,
 * json_values.c (json_internal.h).
 */
#include "read/json.h"

#include <string.h>

#include "read/json_internal.h"
#include "base/text.h"

int gc_json_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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
    GC_JSON_FORMAT_MESSAGE(msg, fmt);
    gc_json_line_col(sc->text, at, &line, &col);
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

gpucost_status gc_json_prescan(const char *file, const char *text, size_t len, int *unterminated,
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

size_t gc_json_skip_blanks(const char *text, size_t at, size_t len)
{
    while (at < len && gc_json_is_blank(text[at]))
        at++;
    return at;
}

/* The string whose opening quote is at `*i`: moves `*i` to its closing
 * quote and says whether it is a key of the top level (`depth` 1) among
 * `keys[0..n)`: 1 it is, 0 it is not, -1 the text ends inside it. */
static int top_key_at(const char *text, size_t len, size_t *i, int depth, const char *const *keys,
                      size_t n)
{
    size_t start = ++*i;
    while (*i < len && text[*i] != '"')
        *i += text[*i] == '\\' ? 2 : 1;
    if (*i >= len)
        return -1;
    size_t klen = *i - start, k = gc_json_skip_blanks(text, *i + 1, len);
    if (depth != 1 || k >= len || text[k] != ':')
        return 0;
    for (size_t j = 0; j < n; j++)
        if (strlen(keys[j]) == klen && memcmp(text + start, keys[j], klen) == 0)
            return 1;
    return 0;
}

int gc_json_has_top_key(const char *text, size_t len, const char *const *keys, size_t n)
{
    size_t i = gc_json_skip_blanks(text, 0, len);
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
            int found = top_key_at(text, len, &i, depth, keys, n);
            if (found != 0)
                return found > 0;
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
    while (g->p < g->end && gc_json_is_blank(*g->p))
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
int gc_json_well_formed(const char *text, size_t len)
{
    grammar g = {text, text + len};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        g.p += 3;
    return g_value(&g);
}
