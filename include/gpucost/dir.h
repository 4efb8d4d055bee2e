/*
 * dir.h - listing a directory: the one lister the catalog and the
 * program's directory scans share (POSIX scandir).
 */
#ifndef GPUCOST_DIR_H
#define GPUCOST_DIR_H

#include <stddef.h>

#include "gpucost/error.h"

/* The names in directory `dir`, hidden ones (a leading '.') left out,
 * sorted by byte value (the same order in every locale).  Sets `*names`
 * to a new array of `*n` new strings; free it with gpucost_dir_free().
 * GPUCOST_EIO naming `dir` when it cannot be read. */
gpucost_status gpucost_dir_list(const char *dir, char ***names, size_t *n, gpucost_error *err);

/* Frees what gpucost_dir_list returned; (NULL, 0) is a no-op. */
void gpucost_dir_free(char **names, size_t n);

/* Calls `fn(ctx, path, err)` for each *.json file of `dir` in byte order
 * (not a subfolder; a FIFO named *.json is passed on for the reader to
 * refuse), stopping at the first failure, whose status it returns.
 * `*count` (may be NULL) gets how many were passed on. */
typedef gpucost_status (*gpucost_dir_json_fn)(void *ctx, const char *path, gpucost_error *err);
gpucost_status gpucost_dir_each_json(const char *dir, gpucost_dir_json_fn fn, void *ctx,
                                     size_t *count, gpucost_error *err);

/* Joins `dir` and `name` with one '/' into `out`; "" when it does not fit. */
void gpucost_dir_join(char *out, size_t n, const char *dir, const char *name);

/* The folder that holds `dir` (trailing '/' ignored) into `out`: "." for
 * a bare name, "/" at the root (models/hardware -> models). */
void gpucost_dir_parent(char *out, size_t n, const char *dir);

#endif
