/*
 * buf.c - the growing text buffer behind every formatter (see buf.h).
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/buf.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gpucost_buf_init(gpucost_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void gpucost_buf_release(gpucost_buf *b)
{
    gc_free(b->data);
    gpucost_buf_init(b);
}

static int reserve(gpucost_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = gc_realloc(b->data, cap);
    if (p == NULL) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void gpucost_buf_append(gpucost_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void gpucost_buf_puts(gpucost_buf *b, const char *s)
{
    gpucost_buf_append(b, s, strlen(s));
}

void gpucost_buf_printf(gpucost_buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    /* formatted straight into the room left, and a second time only
     * when it did not fit: most calls format once */
    size_t room = b->cap - b->len;
    va_list ap;
    va_start(ap, fmt);
    int n = gc_vsnprintf(b->data != NULL ? b->data + b->len : NULL, b->data != NULL ? room : 0, fmt,
                         ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < room && b->data != NULL) {
        b->len += (size_t)n;
        return;
    }
    if (b->data != NULL)
        b->data[b->len] = '\0'; /* a text that did not fit is not kept */
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    gc_vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void gpucost_buf_pad(gpucost_buf *b, char c, size_t n)
{
    if (!reserve(b, n))
        return;
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Whether gpucost_buf_xml writes `c` otherwise than as itself: escaped,
 * or left out (a control character XML 1.0 does not allow). */
static int xml_special(char c)
{
    return c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' ||
           ((unsigned char)c < 0x20 && c != '\n' && c != '\t');
}

void gpucost_buf_xml(gpucost_buf *b, const char *s)
{
    while (*s) {
        /* the run of plain characters in one append */
        const char *run = s;
        while (*s && !xml_special(*s))
            s++;
        if (s > run)
            gpucost_buf_append(b, run, (size_t)(s - run));
        switch (*s) {
        case '\0': return;
        case '<': gpucost_buf_puts(b, "&lt;"); break;
        case '>': gpucost_buf_puts(b, "&gt;"); break;
        case '&': gpucost_buf_puts(b, "&amp;"); break;
        case '"': gpucost_buf_puts(b, "&quot;"); break;
        case '\'': gpucost_buf_puts(b, "&#39;"); break;
        default: break; /* a control character is left out */
        }
        s++;
    }
}

const char *gpucost_buf_str(const gpucost_buf *b)
{
    return b->data ? b->data : "";
}

char *gpucost_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = gc_malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* The bytes of the character whose first byte is `lead`: 1 for ASCII
 * and for a byte that cannot start one (left as it is). */
static size_t utf8_need(unsigned char lead)
{
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

size_t gc_utf8_fit(const char *s, size_t max)
{
    size_t len = strnlen(s, max + 1);
    if (len <= max)
        return len;
    /* s[max] is the first byte left out: step back over the continuation
     * bytes of the character it belongs to (at most three) */
    size_t i = max;
    for (size_t k = 0; i > 0 && k < 3 && ((unsigned char)s[i] & 0xC0) == 0x80; k++)
        i--;
    if (((unsigned char)s[i] & 0xC0) == 0x80)
        return max; /* not UTF-8 there: a byte count is as good as any */
    return i;
}

void gc_utf8_tail(char *s)
{
    size_t len = strlen(s), i = len, k = 0;
    while (i > 0 && k < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--, k++;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    if (lead >= 0xC0 && utf8_need(lead) > k + 1)
        s[i - 1] = '\0';
}

int gc_text_vprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    int k = gc_vsnprintf(buf, n, fmt, ap);
    if (n == 0)
        return k;
    if (k < 0)
        buf[0] = '\0';
    else if ((size_t)k >= n)
        gc_utf8_tail(buf);
    return k;
}

int gc_text_printf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = gc_text_vprintf(buf, n, fmt, ap);
    va_end(ap);
    return k;
}

void gc_text_copy(char *buf, size_t n, const char *src)
{
    if (n == 0)
        return;
    size_t len = src != NULL ? gc_utf8_fit(src, n - 1) : 0;
    memcpy(buf, src != NULL ? src : "", len);
    buf[len] = '\0';
}

void gc_text_abbrev(char *buf, size_t n, const char *src)
{
    if (n < 4 || src == NULL || strnlen(src, n) < n) {
        gc_text_copy(buf, n, src);
        return;
    }
    size_t len = gc_utf8_fit(src, n - 4);
    memcpy(buf, src, len);
    memcpy(buf + len, "...", 4);
}

void gc_text_append(char *buf, size_t n, const char *sep, const char *item)
{
    size_t len = strlen(buf);
    if (len < n)
        gc_text_printf(buf + len, n - len, "%s%s", len ? sep : "", item);
}

void gc_text_list(char *buf, size_t n, const char *item)
{
    gc_text_append(buf, n, ", ", item);
}

size_t gc_text_slug(char *buf, size_t n, const char *text, const char *keep)
{
    size_t start = strlen(buf), o = start;
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && o + 2 < n; p++) {
        unsigned char c = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p - 'A' + 'a') : *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c && strchr(keep, c))) {
            if (dash && o > start)
                buf[o++] = '-';
            dash = 0;
            buf[o++] = (char)c;
        } else {
            dash = 1;
        }
    }
    buf[o] = '\0';
    return o - start;
}
