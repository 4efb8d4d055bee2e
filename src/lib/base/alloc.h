/*
 * alloc.h - internal: the library's allocation functions, through the
 * allocator gpucost_set_allocator() installs (include/gpucost/alloc.h).
 * Every malloc, calloc, realloc and free of the library's own blocks is
 * one of these; libc's results (realpath, scandir) are freed with free().
 */
#ifndef GPUCOST_ALLOC_INTERNAL_H
#define GPUCOST_ALLOC_INTERNAL_H

#include <stddef.h>

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

void *gc_malloc(size_t n);
/* calloc(): zeroed, NULL when n * size overflows */
void *gc_calloc(size_t n, size_t size);
void *gc_realloc(void *p, size_t n);
void gc_free(void *p);
/* strndup(): the first `n` bytes of `s` at most, NUL-terminated */
char *gc_strndup(const char *s, size_t n);

#pragma GCC visibility pop

#endif
