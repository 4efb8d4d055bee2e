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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"

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
        char **p = gc_realloc(l->items, cap * sizeof *p);
        if (p == NULL)
            return -1;
        l->items = p;
        l->cap = cap;
    }
    size_t len = strlen(s) + 1;
    l->items[l->n] = gc_malloc(len);
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
        gc_free(*p);
    gc_free(items);
}

/* The directories (and files) already listed, by device and inode: a
 * symlink loop or a second link to the same place is walked once.  A
 * hash set (open addressing, at most half full), so that a walk of n
 * files is linear in n. */
typedef struct seen {
    struct {
        dev_t dev;
        ino_t ino;
        int used;
    } * v;
    size_t n, cap; /* cap: 0 or a power of two */
} seen;

/* Where (dev, ino) is in `s`, or the free slot where it would go. */
static size_t slot_of(const seen *s, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)ino ^ ((uint64_t)dev << 32 | (uint64_t)dev >> 32)) *
                 UINT64_C(0x9E3779B97F4A7C15);
    size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
    while (s->v[i].used && !(s->v[i].dev == dev && s->v[i].ino == ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* Doubles the table; -1 on OOM (the table stays as it was). */
static int grow(seen *s)
{
    seen g = {NULL, s->n, s->cap ? 2 * s->cap : 64};
    g.v = gc_calloc(g.cap, sizeof *g.v);
    if (g.v == NULL)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->v[i].used)
            g.v[slot_of(&g, s->v[i].dev, s->v[i].ino)] = s->v[i];
    gc_free(s->v);
    *s = g;
    return 0;
}

/* 1 when `st` was seen before; else records it and returns 0 (-1 on OOM). */
static int seen_before(seen *s, const struct stat *st)
{
    if (s->cap > 0 && s->v[slot_of(s, st->st_dev, st->st_ino)].used)
        return 1;
    if (2 * (s->n + 1) > s->cap && grow(s) != 0)
        return -1;
    size_t i = slot_of(s, st->st_dev, st->st_ino);
    s->v[i].dev = st->st_dev;
    s->v[i].ino = st->st_ino;
    s->v[i].used = 1;
    s->n++;
    return 0;
}

/* The entries of directory `dir` worth walking, in byte order:
 * subdirectories (not hardware/, architectures/, rules/ or schema/) and *.json
 * regular files (not defaults.json: those are read with the catalog);
 * FIFOs, devices, sockets and dangling links are left out, never
 * opened, and those named *.json passed to `skip` with the reason.  `*stats` (a new array,
 * gc_free()) gets each listed entry's stat, so that the walk stats every entry once.  Returns 0, or
 * -1 with `err` set. */
static const char *not_regular(mode_t mode)
{
    return S_ISFIFO(mode)                   ? "a FIFO, not a regular file"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "a device, not a regular file"
           : S_ISSOCK(mode)                 ? "a socket, not a regular file"
                                            : "not a regular file";
}

static int list_entries(const char *dir, list *out, struct stat **stats,
                        gpucost_scenario_skip_fn skip, void *ctx, gpucost_error *err)
{
    char **names = NULL;
    size_t n = 0;
    if (gpucost_dir_list(dir, &names, &n, err) != GPUCOST_OK)
        return -1;
    int rc = 0;
    if ((*stats = gc_malloc((n ? n : 1) * sizeof **stats)) == NULL) {
        GPUCOST_ERROR(err, GPUCOST_ENOMEM, dir, 0, 0, NULL, "out of memory");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char path[4096];
        gpucost_dir_join(path, sizeof path, dir, names[i]);
        size_t len = strlen(names[i]);
        struct stat es;
        int json = len > 5 && strcmp(names[i] + len - 5, ".json") == 0 &&
                   strcmp(names[i], "defaults.json") != 0;
        if (path[0] == '\0' || stat(path, &es) != 0) {
            /* a dangling link, or a path too long: said when it looks
             * like a scenario, so that none goes missing without a word */
            if (json && skip != NULL && path[0] != '\0')
                skip(ctx, path, "a link to nothing, or unreadable");
            continue;
        }
        if (json && skip != NULL && !S_ISDIR(es.st_mode) && !S_ISREG(es.st_mode))
            skip(ctx, path, not_regular(es.st_mode));
        int want = S_ISDIR(es.st_mode)
                       ? strcmp(names[i], "hardware") != 0 && strcmp(names[i], "schema") != 0 &&
                             strcmp(names[i], "architectures") != 0 &&
                             strcmp(names[i], "rules") != 0
                       : S_ISREG(es.st_mode) && json;
        (*stats)[out->n] = es;
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
 * real directory and file once; `st` is the directory's stat. */
static int walk(walker *w, const char *dir, const struct stat *st, int depth, gpucost_error *err)
{
    if (depth > 16)
        return 0;
    int again = seen_before(&w->sn, st);
    if (again != 0)
        return again < 0 ? -1 : 0;
    list local = {NULL, 0, 0};
    struct stat *fs = NULL;
    int rc = list_entries(dir, &local, &fs, w->skip, w->ctx, err);
    for (size_t i = 0; rc == 0 && i < local.n; i++) {
        if (S_ISDIR(fs[i].st_mode)) {
            rc = walk(w, local.items[i], &fs[i], depth + 1, err);
        } else if (!gpucost_scenario_sniff(local.items[i])) {
            if (w->skip != NULL)
                w->skip(w->ctx, local.items[i], "not a scenario (no \"inputs\" or \"id\")");
        } else {
            int dup = seen_before(&w->sn, &fs[i]);
            if (dup < 0 || (dup == 0 && push(&w->l, local.items[i]) != 0))
                rc = -1;
        }
    }
    for (size_t i = 0; i < local.n; i++)
        gc_free(local.items[i]);
    gc_free(local.items);
    gc_free(fs);
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
        struct stat ds;
        if (dirs && stat(args[i], &ds) == 0 && S_ISDIR(ds.st_mode)) {
            size_t before = w.l.n;
            if (walk(&w, args[i], &ds, 0, e) != 0)
                st = e->code;
            else if (w.l.n == before)
                st = GPUCOST_ERROR(e, GPUCOST_ENOTFOUND, args[i], 0, 0, NULL,
                                   "no scenario files (*.json) in directory");
        } else if (push(&w.l, args[i]) != 0) {
            st = GPUCOST_ERROR(e, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        }
    }
    if (st == GPUCOST_OK && w.l.items == NULL &&
        (w.l.items = gc_calloc(1, sizeof *w.l.items)) == NULL)
        st = GPUCOST_ERROR(e, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    gc_free(w.sn.v);
    if (st != GPUCOST_OK) {
        gpucost_scenario_files_free(w.l.items);
        return st;
    }
    *out = w.l.items;
    *count = w.l.n;
    return GPUCOST_OK;
}
