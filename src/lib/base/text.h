/*
 * text.h - internal: text in fixed char arrays, the one way every module
 * fills them: a sentence's list ("gpus, mfu, price_per_gpu_hour"), a
 * formatted line, a copied name.  Text that does not fit is cut, and only
 * at a UTF-8 character boundary (a user's title, source or file name may
 * hold any character: a cut inside one would make every output that
 * carries the array invalid UTF-8); the array stays NUL-terminated.
 */
#ifndef GPUCOST_TEXT_H
#define GPUCOST_TEXT_H

#include <stdarg.h>
#include <stddef.h>

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* gc_snprintf() into `buf` of size `n`, cut back to a character boundary
 * when the text did not fit.  Returns what snprintf returns: the length
 * the whole text would have, so `>= n` says it was cut. */
int gc_text_printf(char *buf, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int gc_text_vprintf(char *buf, size_t n, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;
/* Copies `src` (NULL: "") into `buf` of size `n`, cut at a character
 * boundary. */
void gc_text_copy(char *buf, size_t n, const char *src);
/* The same, but a text that does not fit ends in "..." where it was cut,
 * so a reader knows there was more. */
void gc_text_abbrev(char *buf, size_t n, const char *src);
/* The length of the longest start of `s` no longer than `max` bytes that
 * ends at a character boundary (strlen(s) when it all fits): where to cut
 * `s` to keep at most `max` bytes. */
size_t gc_utf8_fit(const char *s, size_t max);
/* Drops the character left incomplete at the end of the NUL-terminated
 * `s`, if any (text cut by a byte count). */
void gc_utf8_tail(char *s);

/* Appends `item` to the NUL-terminated `buf` of size `n`, after `sep`
 * unless `buf` is empty. */
void gc_text_append(char *buf, size_t n, const char *sep, const char *item);
/* The same with ", ". */
void gc_text_list(char *buf, size_t n, const char *item);
/* Appends `text` to the NUL-terminated `buf` of size `n` as a slug:
 * ASCII letters in lower case, digits and the characters of `keep` as
 * they are, every other run as one '-', none at either end (ids, class
 * names).  Returns the length of what it appended. */
size_t gc_text_slug(char *buf, size_t n, const char *text, const char *keep);

#pragma GCC visibility pop

#endif
