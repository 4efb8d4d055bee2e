/*
 * json_internal.h - internal: what the files of the JSON reader (json.h)
 * share.  json.c parses a document and locates a node's line:column for
 * errors; json_scan.c checks the raw bytes (the pre-scan before cJSON,
 * the top-level key sniff, the grammar that tells a syntax error from
 * cJSON running out of memory); json_file.c reads files; json_values.c
 * reads typed members.  Not installed.
 */
#ifndef GPUCOST_JSON_INTERNAL_H
#define GPUCOST_JSON_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "read/json.h"
#include "base/text.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* The message of a printf-style error function, into `msg` (an array). */
#define GC_JSON_FORMAT_MESSAGE(msg, fmt)                                                           \
    do {                                                                                           \
        va_list ap_;                                                                               \
        va_start(ap_, fmt);                                                                        \
        gc_text_vprintf(msg, sizeof msg, fmt, ap_);                                                \
        va_end(ap_);                                                                               \
    } while (0)

/* json.c: the 1-based line and column of byte `upto` of `text`. */
void gc_json_line_col(const char *text, size_t upto, int *line, int *col);

/* json_scan.c: whether `c` is JSON whitespace. */
int gc_json_is_blank(char c);
/* json_scan.c: the first byte from `at` on that is not whitespace, or
 * `len`. */
size_t gc_json_skip_blanks(const char *text, size_t at, size_t len);
/* json_scan.c: NUL bytes, invalid UTF-8, NUL escapes, numbers JSON does
 * not allow and excessive nesting, before cJSON, as errors of `file`
 * with line:column; `*unterminated` says whether a string or a bracket
 * is left open at the end. */
gpucost_status gc_json_prescan(const char *file, const char *text, size_t len, int *unterminated,
                               gpucost_error *err);
/* json_scan.c: whether the text's first value is one cJSON parses given
 * the memory (after the pre-scan). */
int gc_json_well_formed(const char *text, size_t len);

#pragma GCC visibility pop

#endif
