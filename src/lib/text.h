/*
 * text.h - internal: building a sentence's list in a fixed char array
 * ("gpus, mfu, price_per_gpu_hour"), the one way every module does it.
 * Text that does not fit is cut; the array stays NUL-terminated.
 */
#ifndef GPUCOST_TEXT_H
#define GPUCOST_TEXT_H

#include <stddef.h>

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

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
