/*
 * scenario_files.c - FILE|DIR arguments into the list of scenario files a
 * command reads: a directory contributes its *.json files, sorted and
 * recursively, each real file once.  Shared by the program's arguments
 * and gpucost_call's "scenarios".
 *
 * Design: the walk skips what is not a scenario without opening it (a
 * FIFO, a device, a socket, a dangling link) and the folders that hold
 * other things (hardware/, architectures/, rules/, schema/, defaults.json);
 * a JSON file that is plainly not a scenario (a package.json) is passed to
 * the caller's `skip` callback, which the program turns into a warning.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gpucost/dir.h"
#include "gpucost/scenario.h"

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

void gpucost_scenario_files_free(char **items)
{
    if (items == NULL)
        return;
    for (char **p = items; *p; p++)
        free(*p);
    free(items);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directories (and files) already listed, by device and inode: a
 * symlink loop or a second link to the same place is walked once. */
typedef struct seen {
    struct {
        dev_t dev;
        ino_t ino;
    } * v;
    size_t n, cap;
} seen;

/* 1 when `st` was seen before; else records it and returns 0 (-1 on OOM). */
static int seen_before(seen *s, const struct stat *st)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].dev == st->st_dev && s->v[i].ino == st->st_ino)
            return 1;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        void *p = realloc(s->v, cap * sizeof *s->v);
        if (p == NULL)
            return -1;
        s->v = p;
        s->cap = cap;
    }
    s->v[s->n].dev = st->st_dev;
    s->v[s->n].ino = st->st_ino;
    s->n++;
    return 0;
}

/* The entries of directory `dir` worth walking, in byte order:
 * subdirectories (not hardware/, architectures/, rules/ or schema/) and *.json
 * regular files (not defaults.json: those are read with the catalog);
 * FIFOs, devices, sockets and dangling links are left out, never
 * opened.  Returns 0, or -1 with `err` set. */
static int list_entries(const char *dir, list *out, gpucost_error *err)
{
    char **names = NULL;
    size_t n = 0;
    if (gpucost_dir_list(dir, &names, &n, err) != GPUCOST_OK)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char path[4096];
        gpucost_dir_join(path, sizeof path, dir, names[i]);
        size_t len = strlen(names[i]);
        struct stat es;
        if (path[0] == '\0' || stat(path, &es) != 0)
            continue; /* a dangling link, or a path too long */
        int want =
            S_ISDIR(es.st_mode)
                ? strcmp(names[i], "hardware") != 0 && strcmp(names[i], "schema") != 0 &&
                      strcmp(names[i], "architectures") != 0 && strcmp(names[i], "rules") != 0
                : S_ISREG(es.st_mode) && len > 5 && strcmp(names[i] + len - 5, ".json") == 0 &&
                      strcmp(names[i], "defaults.json") != 0;
        if (want && push(out, path) != 0) {
            GPUCOST_ERROR(err, GPUCOST_ENOMEM, dir, 0, 0, NULL, "out of memory");
            rc = -1;
        }
    }
    gpucost_dir_free(names, n);
    return rc;
}

typedef struct walker {
    list l;
    seen sn;
    gpucost_scenario_skip_fn skip;
    void *ctx;
} walker;

/* A directory's *.json regular files and subdirectories, sorted, each
 * real directory and file once. */
static int walk(walker *w, const char *dir, int depth, gpucost_error *err)
{
    struct stat st;
    if (depth > 16 || stat(dir, &st) != 0)
        return 0;
    int again = seen_before(&w->sn, &st);
    if (again != 0)
        return again < 0 ? -1 : 0;
    list local = {NULL, 0, 0};
    int rc = list_entries(dir, &local, err);
    for (size_t i = 0; rc == 0 && i < local.n; i++) {
        struct stat fs;
        if (stat(local.items[i], &fs) != 0)
            continue;
        if (S_ISDIR(fs.st_mode)) {
            rc = walk(w, local.items[i], depth + 1, err);
        } else if (!gpucost_scenario_sniff(local.items[i])) {
            if (w->skip != NULL)
                w->skip(w->ctx, local.items[i]);
        } else {
            int dup = seen_before(&w->sn, &fs);
            if (dup < 0 || (dup == 0 && push(&w->l, local.items[i]) != 0))
                rc = -1;
        }
    }
    for (size_t i = 0; i < local.n; i++)
        free(local.items[i]);
    free(local.items);
    if (rc != 0 && err->message[0] == '\0')
        GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    return rc;
}

gpucost_status gpucost_scenario_files(const char *const *args, size_t nargs, int dirs,
                                      gpucost_scenario_skip_fn skip, void *ctx, char ***out,
                                      size_t *count, gpucost_error *err)
{
    walker w = {{NULL, 0, 0}, {NULL, 0, 0}, skip, ctx};
    gpucost_error local;
    gpucost_error *e = err != NULL ? err : &local;
    e->message[0] = '\0';
    gpucost_status st = GPUCOST_OK;
    for (size_t i = 0; st == GPUCOST_OK && i < nargs; i++) {
        if (dirs && is_dir(args[i])) {
            size_t before = w.l.n;
            if (walk(&w, args[i], 0, e) != 0)
                st = e->code;
            else if (w.l.n == before)
                st = GPUCOST_ERROR(e, GPUCOST_ENOTFOUND, args[i], 0, 0, NULL,
                                   "no scenario files (*.json) in directory");
        } else if (push(&w.l, args[i]) != 0) {
            st = GPUCOST_ERROR(e, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        }
    }
    if (st == GPUCOST_OK && w.l.items == NULL && (w.l.items = calloc(1, sizeof *w.l.items)) == NULL)
        st = GPUCOST_ERROR(e, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    free(w.sn.v);
    if (st != GPUCOST_OK) {
        gpucost_scenario_files_free(w.l.items);
        return st;
    }
    *out = w.l.items;
    *count = w.l.n;
    return GPUCOST_OK;
}
