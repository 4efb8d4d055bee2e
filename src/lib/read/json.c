/*
 * json.c - parsing a JSON document with positions (json.h): the parse,
 * its syntax errors worded for what is there, line:column of any node
 * for errors, and the error functions every loader uses.  The pre-scan
 * (NUL bytes, UTF-8, depth; json_scan.c) runs before cJSON so that the
 * errors people get are about their file, not about cJSON, and so that
 * the recursive locator below never recurses deeper than
 * GPUCOST_JSON_MAX_DEPTH.  Siblings: json_file.c reads files,
 * json_values.c the typed members (json_internal.h); sources live in
 * source.c, distributions in dist.c.
 */
#include "base/alloc.h"
#include "read/json.h"

#include <string.h>

#include "read/json_internal.h"
#include "base/text.h"

void gc_json_line_col(const char *text, size_t upto, int *line, int *col)
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

/* Where cJSON's parse went wrong: it stops somewhere after the fault;
 * the fault is at the end of the file, or at the last character before
 * the blanks. */
static size_t fault_at(const gc_json_doc *doc, const char *end, int unterminated)
{
    size_t len = doc->len;
    size_t at = end != NULL && end >= doc->text ? (size_t)(end - doc->text) : 0;
    at = at > len ? len : at;
    if (gc_json_skip_blanks(doc->text, at, len) >= len || unterminated)
        return len;
    while (at > 0 && gc_json_is_blank(doc->text[at]))
        at--;
    return at;
}

/* The syntax error at `at` of `doc`, worded for what is there. */
static gpucost_status syntax_error(const gc_json_doc *doc, size_t at, gpucost_error *err)
{
    int line, col;
    gc_json_line_col(doc->text, at, &line, &col);
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
    size_t at = gc_json_skip_blanks(doc->text, (size_t)(end - doc->text), doc->len);
    int line, col;
    gc_json_line_col(doc->text, at, &line, &col);
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
    gpucost_status rc = gc_json_prescan(file, text, len, &unterminated, err);
    if (rc != GPUCOST_OK)
        return rc;
    size_t first = gc_json_skip_blanks(text, 0, len);
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
    if (doc->root == NULL && gc_json_well_formed(doc->text, len))
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
    gc_json_line_col(doc->text, (size_t)(at - doc->text), line, column);
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
    GC_JSON_FORMAT_MESSAGE(msg, fmt);
    return fail_at(doc, node, 0, code, path, err, msg);
}

gpucost_status gc_json_fail_key(const gc_json_doc *doc, const cJSON *node, const char *path,
                                gpucost_error *err, const char *fmt, ...)
{
    char msg[256];
    GC_JSON_FORMAT_MESSAGE(msg, fmt);
    return fail_at(doc, node, 1, GPUCOST_EINVAL, path, err, msg);
}
