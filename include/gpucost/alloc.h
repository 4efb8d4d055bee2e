/*
 * alloc.h - the library's allocator, replaceable once before use
 * (cJSON_InitHooks, sqlite3_config(SQLITE_CONFIG_MALLOC)).
 *
 * Every block the library allocates for itself goes through one hook
 * point: its own malloc/calloc/realloc/free and strdup, and the CSV
 * parser's buffers (libcsv's per-parser hooks).  Not through it: GSL's
 * allocations (gsl_*_alloc), blocks libc hands back (realpath, scandir;
 * the library frees those with free()), and cJSON's, which has its own
 * process-wide hooks (cJSON_InitHooks): a program that wants every
 * allocation counted sets both.  The library never calls
 * cJSON_InitHooks itself, so cJSON's hooks stay the program's.
 *
 * Why this is the one piece of global state the library keeps: an
 * allocation happens deep in functions that take no context (a buffer's
 * append, a scenario's parse), so a per-call allocator would have to be
 * threaded through nearly every function of the API.  The setter is the
 * only way to change it, the default is the C library's, and it is read,
 * never written, by everything else.  Set it once, before any other
 * gpucost_ call and before any thread that uses the library starts;
 * changing it while a block allocated by the old one is alive is an
 * error (that block would reach the new free_fn).
 *
 * Blocks the API hands to the caller to free with free() (gpucost_strdup)
 * are the allocator's: with one set, free them with its free_fn.
 */
#ifndef GPUCOST_ALLOC_H
#define GPUCOST_ALLOC_H

#include <stddef.h>

typedef struct gpucost_allocator {
    void *(*malloc_fn)(size_t n);           /* NULL on failure */
    void *(*realloc_fn)(void *p, size_t n); /* realloc(NULL, n) allocates */
    void (*free_fn)(void *p);               /* free_fn(NULL) is a no-op */
    /* Optional: zeroed blocks (NULL on failure or overflow).  NULL here
     * means malloc_fn and then zeroing.  The C library's calloc can leave
     * fresh pages untouched (they come zeroed), which matters for the
     * large result arrays a page of many ranges allocates and mostly
     * never writes. */
    void *(*calloc_fn)(size_t n, size_t size);
} gpucost_allocator;

/* Copies `a` (malloc_fn, realloc_fn and free_fn set; calloc_fn optional)
 * into the library; NULL restores malloc, realloc, free and calloc.  See
 * above: once, before any other call. */
void gpucost_set_allocator(const gpucost_allocator *a);

#endif
