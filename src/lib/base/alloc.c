/*
 * alloc.c - the one hook point for the library's allocations (alloc.h).
 * The allocator is a copy held here, the C library's until a program
 * sets its own; everything else only reads it.
 */
#include "gpucost/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* The library's only mutable static: see include/gpucost/alloc.h for why. */
static gpucost_allocator allocator = {malloc, realloc, free, calloc};

void gpucost_set_allocator(const gpucost_allocator *a)
{
    if (a == NULL || a->malloc_fn == NULL || a->realloc_fn == NULL || a->free_fn == NULL)
        allocator = (gpucost_allocator){malloc, realloc, free, calloc};
    else
        allocator = *a;
}

void *gc_malloc(size_t n)
{
    return allocator.malloc_fn(n > 0 ? n : 1);
}

void *gc_calloc(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    if (allocator.calloc_fn != NULL)
        return allocator.calloc_fn(n > 0 ? n : 1, size > 0 ? size : 1);
    void *p = gc_malloc(n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

void *gc_realloc(void *p, size_t n)
{
    return allocator.realloc_fn(p, n > 0 ? n : 1);
}

void gc_free(void *p)
{
    if (p != NULL)
        allocator.free_fn(p);
}

char *gc_strndup(const char *s, size_t n)
{
    size_t len = 0;
    while (len < n && s[len] != '\0')
        len++;
    char *p = gc_malloc(len + 1);
    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}
