/*
 * dir.c - the one directory lister (dir.h): scandir with a filter for
 * hidden names and a byte-order comparison, copied out into plain strings
 * so callers never see struct dirent.
 */
#include "gpucost/dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gpucost/buf.h"
#include "base/alloc.h"
#include "base/text.h"

static int visible(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int by_bytes(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

gpucost_status gpucost_dir_list(const char *dir, char ***names, size_t *n, gpucost_error *err)
{
    struct dirent **ents = NULL;
    *names = NULL;
    *n = 0;
    int k = scandir(dir, &ents, visible, by_bytes);
    if (k < 0)
        return GPUCOST_ERROR(err, errno == ENOMEM ? GPUCOST_ENOMEM : GPUCOST_EIO, dir, 0, 0, NULL,
                             "cannot open directory: %s", strerror(errno));
    char **out = gc_calloc(k > 0 ? (size_t)k : 1, sizeof *out);
    int failed = out == NULL;
    for (int i = 0; i < k; i++) {
        if (!failed && (out[i] = gpucost_strdup(ents[i]->d_name)) == NULL)
            failed = 1;
        free(ents[i]); /* scandir()'s, libc's */
    }
    free(ents);
    if (failed) {
        gpucost_dir_free(out, (size_t)k);
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, dir, 0, 0, NULL, "out of memory");
    }
    *names = out;
    *n = (size_t)k;
    return GPUCOST_OK;
}

void gpucost_dir_free(char **names, size_t n)
{
    for (size_t i = 0; names != NULL && i < n; i++)
        gc_free(names[i]);
    gc_free(names);
}

void gpucost_dir_join(char *out, size_t n, const char *dir, const char *name)
{
    size_t len = strlen(dir);
    int w = gc_text_printf(out, n, "%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", name);
    if (w < 0 || (size_t)w >= n)
        out[0] = '\0';
}

void gpucost_dir_parent(char *out, size_t n, const char *dir)
{
    gc_text_copy(out, n, dir);
    size_t len = strlen(out);
    while (len > 1 && out[len - 1] == '/')
        out[--len] = '\0';
    char *slash = strrchr(out, '/');
    if (slash == NULL)
        gc_text_copy(out, n, ".");
    else
        slash[slash == out] = '\0';
}

gpucost_status gpucost_dir_each_json(const char *dir, gpucost_dir_json_fn fn, void *ctx,
                                     size_t *count, gpucost_error *err)
{
    char **names = NULL;
    size_t n = 0, done = 0;
    gpucost_status rc = gpucost_dir_list(dir, &names, &n, err);
    for (size_t i = 0; i < n && rc == GPUCOST_OK; i++) {
        char path[4096];
        struct stat st;
        size_t len = strlen(names[i]);
        gpucost_dir_join(path, sizeof path, dir, names[i]);
        if (len <= 5 || strcmp(names[i] + len - 5, ".json") != 0 ||
            (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
            continue; /* a README, a subfolder */
        rc = fn(ctx, path, err);
        done++;
    }
    gpucost_dir_free(names, n);
    if (count != NULL)
        *count = done;
    return rc;
}
