/*
 * files.c - the program's file handling: expanding directories, finding the
 * catalog, writing output atomically, reporting errors.
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gpucost/dir.h"
#include "gpucost/rules.h"
#include "gpucost/scenario.h"

#ifndef GPUCOST_INSTALL_MODELS
#define GPUCOST_INSTALL_MODELS "/usr/local/share/gpucost/models"
#endif
#ifndef GPUCOST_SOURCE_MODELS
#define GPUCOST_SOURCE_MODELS "models"
#endif

/* What reaches the terminal from argv or a file name carries no control
 * character (an ESC would drive the terminal). */
static void printable(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
}

/* The option a library parameter stands for, or NULL. */
static const char *option_for(const char *param)
{
    static const struct {
        const char *param, *option;
    } map[] = {
        {"samples", "--samples"},
        {"sobol_samples", "--sobol-samples"},
        {"quantiles", "--quantiles"},
        {"output", "--output"},
        {"input", "--for"},
        {"target", "--target"},
        {"format", "--format"},
        {"quantities", "--quantities"},
        {"hardware", "--set hardware"},
        {"precision", "--set precision"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(param, map[i].param) == 0)
            return map[i].option;
    return NULL;
}

void cli_report_sets(const gpucost_error *err, const char *const *sets, size_t nsets)
{
    gpucost_error shown = *err;
    const char *opt = option_for(err->path);
    size_t i;
    char rest;
    if (opt != NULL)
        snprintf(shown.path, sizeof shown.path, "%s", opt);
    else if (sscanf(err->path, "overrides[%zu%c", &i, &rest) == 2 && rest == ']' && i < nsets)
        snprintf(shown.path, sizeof shown.path, "--set %s", sets[i]);
    char line[1024];
    gpucost_error_format(&shown, line, sizeof line);
    printable(line);
    if (err->file[0] == '\0')
        fprintf(stderr, "gpucost: %s\n", line);
    else
        fprintf(stderr, "%s\n", line);
}

void cli_report(const gpucost_error *err)
{
    cli_report_sets(err, NULL, 0);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    char msg[1024];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    printable(msg);
    fprintf(stderr, "gpucost: %s\nTry 'gpucost --help'.\n", msg);
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

/* A directory's *.json regular files and subdirectories, sorted, each
 * real directory and file once; FIFOs, devices and sockets are skipped
 * (never opened), as are hardware/, architectures/, rules/, schema/ and
 * defaults.json. */
static int walk(const char *dir, list *l, seen *sn, int depth, gpucost_error *err)
{
    struct stat st;
    if (depth > 16 || stat(dir, &st) != 0)
        return 0;
    int again = seen_before(sn, &st);
    if (again != 0)
        return again < 0 ? -1 : 0;
    list local = {NULL, 0, 0};
    int rc = list_entries(dir, &local, err);
    for (size_t i = 0; rc == 0 && i < local.n; i++) {
        struct stat fs;
        if (stat(local.items[i], &fs) != 0)
            continue;
        if (S_ISDIR(fs.st_mode)) {
            rc = walk(local.items[i], l, sn, depth + 1, err);
        } else if (!gpucost_scenario_sniff(local.items[i])) {
            /* a package.json or a schema beside the scenarios: said, not fatal */
            char shown[4096];
            snprintf(shown, sizeof shown, "%s", local.items[i]);
            printable(shown);
            fprintf(stderr, "gpucost: skipping %s: not a scenario (no \"inputs\" or \"id\")\n",
                    shown);
        } else {
            int dup = seen_before(sn, &fs);
            if (dup < 0 || (dup == 0 && push(l, local.items[i]) != 0))
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

char **cli_expand(char **args, size_t nargs, int dirs, size_t *count, gpucost_error *err)
{
    list l = {NULL, 0, 0};
    seen sn = {NULL, 0, 0};
    err->message[0] = '\0';
    for (size_t i = 0; i < nargs; i++) {
        if (dirs && is_dir(args[i])) {
            size_t before = l.n;
            if (walk(args[i], &l, &sn, 0, err) != 0)
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
        goto fail;
    }
    free(sn.v);
    *count = l.n;
    return l.items;
fail:
    free(sn.v);
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
    /* the defaults file and the architectures travel with the catalog:
     * models/defaults.json and models/architectures/ beside
     * models/hardware/ */
    char parent[4096], path[4096];
    snprintf(parent, sizeof parent, "%s", dir);
    size_t len = strlen(parent);
    while (len > 1 && parent[len - 1] == '/')
        parent[--len] = '\0';
    char *slash = strrchr(parent, '/');
    if (slash == NULL)
        snprintf(parent, sizeof parent, ".");
    else
        slash[slash == parent] = '\0';
    /* and the bundled architectures: models/architectures/ */
    struct stat st;
    gpucost_dir_join(path, sizeof path, parent, "architectures");
    if (is_dir(path) && gpucost_catalog_load_models(*out, path, &err) != GPUCOST_OK) {
        cli_report(&err);
        gpucost_catalog_free(*out);
        *out = NULL;
        return EXIT_BAD_INPUT;
    }
    gpucost_dir_join(path, sizeof path, parent, "rules");
    gpucost_rules *rules = NULL;
    if (is_dir(path) && gpucost_rules_load(path, &rules, &err) != GPUCOST_OK) {
        cli_report(&err);
        gpucost_catalog_free(*out);
        *out = NULL;
        return EXIT_BAD_INPUT;
    }
    gpucost_catalog_set_rules(*out, rules);
    gpucost_dir_join(path, sizeof path, parent, "defaults.json");
    if (stat(path, &st) != 0)
        return 0;
    gpucost_defaults *d = NULL;
    if (gpucost_defaults_load(path, &d, &err) != GPUCOST_OK) {
        cli_report(&err);
        gpucost_catalog_free(*out);
        *out = NULL;
        return EXIT_BAD_INPUT;
    }
    gpucost_catalog_set_defaults(*out, d);
    return 0;
}

/* A hardware/ folder beside or above the first argument: 0 with
 * `*found` set when one loaded, or an exit code. */
static int catalog_near(const char *arg, gpucost_catalog **out, int *found)
{
    char dir[4096], cand[4096];
    snprintf(dir, sizeof dir, "%s", arg);
    if (!is_dir(dir)) {
        char *slash = strrchr(dir, '/');
        if (slash != NULL)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
    }
    const char *rel[] = {"hardware", "../hardware", "models/hardware"};
    int rc = 0;
    for (size_t i = 0; i < 3 && rc == 0 && !*found; i++) {
        gpucost_dir_join(cand, sizeof cand, dir, rel[i]);
        rc = try_catalog(cand, out, found);
    }
    return rc;
}

int cli_load_catalog(const cli_options *o, gpucost_catalog **out)
{
    int found = 0, rc = 0;
    *out = NULL;
    if (o->catalog_dir != NULL)
        return is_dir(o->catalog_dir)
                   ? try_catalog(o->catalog_dir, out, &found)
                   : cli_usage_error("--catalog %s: not a directory", o->catalog_dir);
    if (o->nargs > 0 && ((rc = catalog_near(o->args[0], out, &found)) != 0 || found))
        return rc;
    const char *env = getenv("GPUCOST_CATALOG");
    if (env != NULL && env[0] != '\0')
        return is_dir(env) ? try_catalog(env, out, &found)
                           : cli_usage_error("GPUCOST_CATALOG=%s: not a directory", env);
    /* then the working directory's, the installed and the source tree's */
    const char *fallbacks[] = {"models/hardware", GPUCOST_INSTALL_MODELS "/hardware",
                               GPUCOST_SOURCE_MODELS "/hardware"};
    for (size_t i = 0; i < 3 && rc == 0 && !found; i++)
        rc = try_catalog(fallbacks[i], out, &found);
    return rc; /* no catalog: scenarios that name hardware will say so */
}

/* "a FIFO", "a device", ... for a file that is not regular. */
static const char *kind_of(mode_t mode)
{
    return S_ISDIR(mode)                    ? "a directory"
           : S_ISFIFO(mode)                 ? "a FIFO"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
           : S_ISSOCK(mode)                 ? "a socket"
                                            : "not a regular file";
}

/* Where -o writes: the target itself, or for a symlink the file it points
 * to (written through, as cp does; the link stays).  A FIFO, a device, a
 * directory or a socket is refused: -o writes regular files only.  Fills
 * `*path` (new string) and `*old` (the existing file's status; `*exists`
 * 0 when there is none).  Returns 0 or EXIT_BAD_INPUT after reporting. */
static int output_target(const char *output, char **path, struct stat *old, int *exists)
{
    struct stat st;
    *exists = 0;
    *path = NULL;
    if (lstat(output, &st) != 0) {
        if (errno != ENOENT) {
            fprintf(stderr, "%s: cannot write: %s\n", output, strerror(errno));
            return EXIT_BAD_INPUT;
        }
        *path = strdup(output);
        return *path != NULL ? 0 : cli_usage_error("out of memory");
    }
    if (S_ISLNK(st.st_mode)) {
        *path = realpath(output, NULL);
        if (*path == NULL) {
            fprintf(stderr, "%s: cannot write through the symbolic link: %s\n", output,
                    strerror(errno));
            return EXIT_BAD_INPUT;
        }
        if (stat(*path, &st) != 0) {
            fprintf(stderr, "%s: cannot write: %s\n", output, strerror(errno));
            free(*path);
            *path = NULL;
            return EXIT_BAD_INPUT;
        }
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "%s: is %s; -o writes regular files only (use > to write to it)\n", output,
                kind_of(st.st_mode));
        free(*path);
        *path = NULL;
        return EXIT_BAD_INPUT;
    }
    if (*path == NULL && (*path = strdup(output)) == NULL)
        return cli_usage_error("out of memory");
    *old = st;
    *exists = 1;
    return 0;
}

int cli_emit(const cli_options *o, const gpucost_buf *b)
{
    const char *text = gpucost_buf_str(b);
    if (o->output == NULL) {
        if (fwrite(text, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
            fprintf(stderr, "gpucost: error writing output: %s\n", strerror(errno));
            return EXIT_BAD_INPUT;
        }
        return 0;
    }
    char *target = NULL;
    struct stat old;
    int exists = 0;
    int rc = output_target(o->output, &target, &old, &exists);
    if (rc != 0)
        return rc;
    size_t len = strlen(target);
    char *tmp = malloc(len + 16);
    if (tmp == NULL) {
        free(target);
        return cli_usage_error("out of memory");
    }
    snprintf(tmp, len + 16, "%s.tmpXXXXXX", target);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
        free(tmp);
        free(target);
        return EXIT_BAD_INPUT;
    }
    /* the old file's mode (and owner, where allowed); a new file gets the
     * usual 0666 less the umask rather than mkstemp's 0600 */
    mode_t mode;
    if (exists) {
        mode = old.st_mode & 07777;
        if (fchown(fd, old.st_uid, old.st_gid) != 0) {
            /* not root: the file becomes ours, as with any editor */
        }
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    FILE *f = fdopen(fd, "w");
    int ok = f != NULL && fwrite(text, 1, b->len, f) == b->len;
    if (f != NULL) {
        ok = fflush(f) == 0 && ok;
        ok = fchmod(fileno(f), mode) == 0 && ok;
        ok = fsync(fileno(f)) == 0 && ok;
        ok = fclose(f) == 0 && ok;
    } else {
        close(fd);
    }
    if (ok)
        ok = rename(tmp, target) == 0;
    if (!ok) {
        fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(target);
    return ok ? 0 : EXIT_BAD_INPUT;
}
