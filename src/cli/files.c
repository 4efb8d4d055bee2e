/*
 * files.c - the program's file handling: expanding directories, finding the
 * catalog, writing output atomically, reporting errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_heapsort.h>

#ifndef GPUCOST_INSTALL_MODELS
#define GPUCOST_INSTALL_MODELS "/usr/local/share/gpucost/models"
#endif
#ifndef GPUCOST_SOURCE_MODELS
#define GPUCOST_SOURCE_MODELS "models"
#endif

void cli_report(const gpucost_error *err)
{
    char line[1024];
    gpucost_error_format(err, line, sizeof line);
    if (err->file[0] == '\0')
        fprintf(stderr, "gpucost: %s\n", line);
    else
        fprintf(stderr, "%s\n", line);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("gpucost: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'gpucost --help'.\n", stderr);
    return EXIT_BAD_INPUT;
}

typedef struct list {
    char **items;
    size_t n, cap;
} list;

static int push(list *l, const char *s)
{
    if (l->n + 1 >= l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **p = realloc(l->items, cap * sizeof *p);
        if (p == NULL)
            return -1;
        l->items = p;
        l->cap = cap;
    }
    size_t len = strlen(s) + 1;
    l->items[l->n] = malloc(len);
    if (l->items[l->n] == NULL)
        return -1;
    memcpy(l->items[l->n], s, len);
    l->n++;
    l->items[l->n] = NULL;
    return 0;
}

void cli_free_list(char **items)
{
    if (items == NULL)
        return;
    for (char **p = items; *p; p++)
        free(*p);
    free(items);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* dir/name into out; an over-long path becomes "" (and is then not found). */
static void join(char *out, size_t n, const char *dir, const char *name)
{
    size_t k = strlen(dir);
    int w = snprintf(out, n, "%s%s%s", dir, k && dir[k - 1] == '/' ? "" : "/", name);
    if (w < 0 || (size_t)w >= n)
        out[0] = '\0';
}

static int walk(const char *dir, list *l, int depth, gpucost_error *err)
{
    if (depth > 16)
        return 0;
    DIR *d = opendir(dir);
    if (d == NULL) {
        GPUCOST_ERROR(err, GPUCOST_EIO, dir, 0, 0, NULL, "cannot open directory: %s",
                      strerror(errno));
        return -1;
    }
    list local = {NULL, 0, 0};
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        join(path, sizeof path, dir, e->d_name);
        size_t len = strlen(e->d_name);
        if (is_dir(path)) {
            if (strcmp(e->d_name, "hardware") != 0 && strcmp(e->d_name, "schema") != 0 &&
                push(&local, path) != 0)
                rc = -1;
        } else if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0) {
            if (push(&local, path) != 0)
                rc = -1;
        }
    }
    closedir(d);
    if (rc == 0 && local.n > 1)
        gsl_heapsort(local.items, local.n, sizeof *local.items, cmp_str);
    for (size_t i = 0; rc == 0 && i < local.n; i++) {
        if (is_dir(local.items[i]))
            rc = walk(local.items[i], l, depth + 1, err);
        else if (push(l, local.items[i]) != 0)
            rc = -1;
    }
    for (size_t i = 0; i < local.n; i++)
        free(local.items[i]);
    free(local.items);
    if (rc != 0 && err->message[0] == '\0')
        GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    return rc;
}

char **cli_expand(char **args, size_t nargs, int dirs, size_t *count,
                  gpucost_error *err)
{
    list l = {NULL, 0, 0};
    err->message[0] = '\0';
    for (size_t i = 0; i < nargs; i++) {
        if (dirs && is_dir(args[i])) {
            size_t before = l.n;
            if (walk(args[i], &l, 0, err) != 0)
                goto fail;
            if (l.n == before) {
                GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, args[i], 0, 0, NULL,
                              "no scenario files (*.json) in directory");
                goto fail;
            }
        } else if (push(&l, args[i]) != 0) {
            GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
            goto fail;
        }
    }
    if (l.items == NULL && (l.items = calloc(1, sizeof *l.items)) == NULL) {
        GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    *count = l.n;
    return l.items;
fail:
    if (l.items != NULL)
        cli_free_list(l.items);
    return NULL;
}

static int try_catalog(const char *dir, gpucost_catalog **out, int *found)
{
    if (!is_dir(dir))
        return 0;
    *found = 1;
    gpucost_error err;
    if (gpucost_catalog_load(dir, out, &err) != GPUCOST_OK) {
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    return 0;
}

int cli_load_catalog(const cli_options *o, gpucost_catalog **out)
{
    int found = 0, rc;
    *out = NULL;
    if (o->catalog_dir != NULL) {
        if (!is_dir(o->catalog_dir))
            return cli_usage_error("--catalog %s: not a directory", o->catalog_dir);
        return try_catalog(o->catalog_dir, out, &found);
    }
    if (o->nargs > 0) {
        char dir[4096], cand[4096];
        snprintf(dir, sizeof dir, "%s", o->args[0]);
        if (!is_dir(dir)) {
            char *slash = strrchr(dir, '/');
            if (slash != NULL)
                *slash = '\0';
            else
                snprintf(dir, sizeof dir, ".");
        }
        const char *rel[] = {"hardware", "../hardware", "models/hardware"};
        for (size_t i = 0; i < 3; i++) {
            join(cand, sizeof cand, dir, rel[i]);
            if ((rc = try_catalog(cand, out, &found)) != 0 || found)
                return rc;
        }
    }
    const char *env = getenv("GPUCOST_CATALOG");
    if (env != NULL && env[0] != '\0') {
        if (!is_dir(env))
            return cli_usage_error("GPUCOST_CATALOG=%s: not a directory", env);
        return try_catalog(env, out, &found);
    }
    if ((rc = try_catalog("models/hardware", out, &found)) != 0 || found)
        return rc;
    if ((rc = try_catalog(GPUCOST_INSTALL_MODELS "/hardware", out, &found)) != 0 || found)
        return rc;
    if ((rc = try_catalog(GPUCOST_SOURCE_MODELS "/hardware", out, &found)) != 0 || found)
        return rc;
    return 0; /* no catalog: scenarios that name hardware will say so */
}

int cli_emit(const cli_options *o, const gpucost_buf *b)
{
    const char *text = gpucost_buf_str(b);
    if (o->output == NULL) {
        fputs(text, stdout);
        return 0;
    }
    size_t len = strlen(o->output);
    char *tmp = malloc(len + 16);
    if (tmp == NULL)
        return cli_usage_error("out of memory");
    snprintf(tmp, len + 16, "%s.tmpXXXXXX", o->output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
        free(tmp);
        return EXIT_BAD_INPUT;
    }
    FILE *f = fdopen(fd, "w");
    int ok = f != NULL && fwrite(text, 1, b->len, f) == b->len;
    if (f != NULL) {
        ok = fflush(f) == 0 && ok;
        ok = fsync(fileno(f)) == 0 && ok;
        ok = fclose(f) == 0 && ok;
    } else {
        close(fd);
    }
    if (ok) {
        /* keep the usual permissions of a new file rather than mkstemp's 0600 */
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0666 & ~mask);
        ok = rename(tmp, o->output) == 0;
    }
    if (!ok) {
        fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
        unlink(tmp);
        free(tmp);
        return EXIT_BAD_INPUT;
    }
    free(tmp);
    return 0;
}
