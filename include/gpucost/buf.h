/*
 * buf.h - a growing text buffer, the library's way of "printing".
 *
 * The library never writes to stdout; formatters append to a gpucost_buf
 * the caller owns, and the program decides where the text goes (git's
 * strbuf).  On allocation failure the buffer remembers it (`failed`) and
 * later appends are no-ops, so formatters check once at the end.
 */
#ifndef GPUCOST_BUF_H
#define GPUCOST_BUF_H

#include <stddef.h>

typedef struct gpucost_buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    int failed; /* an allocation failed; contents are incomplete */
} gpucost_buf;

/* Caller-owned struct: init before use, release to free `data`. */
void gpucost_buf_init(gpucost_buf *b);
void gpucost_buf_release(gpucost_buf *b);

void gpucost_buf_append(gpucost_buf *b, const char *s, size_t n);
void gpucost_buf_puts(gpucost_buf *b, const char *s);
void gpucost_buf_printf(gpucost_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends `n` copies of character `c`. */
void gpucost_buf_pad(gpucost_buf *b, char c, size_t n);
/* Appends `s` escaped for XML and HTML text and attribute values
 * (& < > " '), dropping control characters other than tab and newline. */
void gpucost_buf_xml(gpucost_buf *b, const char *s);
/* The text so far; "" when empty.  Borrowed: valid until the next append. */
const char *gpucost_buf_str(const gpucost_buf *b);

/* strdup() in C17 terms: a new copy of `s` (free with free(), or with
 * the free_fn of an allocator set by gpucost_set_allocator), or NULL on
 * allocation failure. */
char *gpucost_strdup(const char *s);

#endif
