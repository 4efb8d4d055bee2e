/*
 * new.c - `gpucost new KIND [--set NAME=VALUE ...] [-o FILE]`: a scenario
 * file to start from (the library makes it: scenario.h,
 * gpucost_scenario_skeleton; this writes it).
 *
 * Nothing the user had is overwritten: an existing FILE is refused, and
 * the text is written to a temporary file in FILE's folder and linked to
 * FILE, which fails if FILE appeared meanwhile, so there is never a half
 * file nor a replaced one.  Without -o, or with -o -, the text goes to
 * stdout.  The id is FILE's name without ".json" ("new-KIND" on stdout).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* FILE's name without its folder and ".json", into `id` ("" when that
 * leaves nothing). */
static void id_from_path(const char *path, char *id, size_t n)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".json") == 0)
        len -= 5;
    if (len >= n)
        len = n - 1;
    memcpy(id, base, len);
    id[len] = '\0';
}

/* Writes `text` to the new file `path`: a temporary file beside it, then
 * link(), which never replaces a file.  Returns 0 or EXIT_BAD_INPUT after
 * reporting. */
static int write_new(const char *path, const gpucost_buf *b)
{
    size_t len = strlen(path);
    char *tmp = malloc(len + 16);
    if (tmp == NULL)
        return cli_usage_error("out of memory");
    snprintf(tmp, len + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "gpucost: %s: cannot write: %s\n", path, strerror(errno));
        free(tmp);
        return EXIT_BAD_INPUT;
    }
    /* the usual 0666 less the umask rather than mkstemp's 0600 */
    mode_t mask = umask(0);
    umask(mask);
    FILE *f = fdopen(fd, "w");
    int ok = f != NULL && fwrite(gpucost_buf_str(b), 1, b->len, f) == b->len;
    if (f != NULL) {
        ok = fflush(f) == 0 && ok;
        ok = fchmod(fileno(f), 0666 & ~mask) == 0 && ok;
        ok = fsync(fileno(f)) == 0 && ok;
        ok = fclose(f) == 0 && ok;
    } else {
        close(fd);
    }
    int saved = errno;
    if (ok && link(tmp, path) != 0) {
        saved = errno;
        ok = 0;
    }
    unlink(tmp);
    free(tmp);
    if (!ok && saved == EEXIST) {
        fprintf(stderr,
                "gpucost: %s exists; new writes nothing over a file (remove it or "
                "choose another name)\n",
                path);
        return EXIT_BAD_INPUT;
    }
    if (!ok) {
        fprintf(stderr, "gpucost: %s: cannot write: %s\n", path, strerror(saved));
        return EXIT_BAD_INPUT;
    }
    return 0;
}

/* The first option `new` does not take, refused rather than ignored;
 * NULL when there is none. */
static const char *stray_option(const gpucost_request *rq)
{
    const struct {
        int given;
        const char *option;
    } taken[] = {
        {rq->format_given, "--format"},       {rq->nhold > 0, "--hold"},
        {rq->sweep != NULL, "--sweep"},       {rq->nquantities > 0, "--quantities"},
        {rq->baseline != NULL, "--baseline"}, {rq->ncases > 0, "--reconcile"},
        {rq->samples_given, "--samples"},     {rq->seed_given, "--seed"},
    };
    for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++)
        if (taken[i].given)
            return taken[i].option;
    return NULL;
}

int cli_new(const cli_options *o)
{
    if (o->nargs != 1)
        return cli_usage_error("'new' takes one KIND: training, inference or fleet");
    const char *stray = stray_option(&o->rq);
    if (stray != NULL)
        return cli_usage_error("%s does not apply to 'new' (it takes --set, --catalog and -o)",
                               stray);
    int to_stdout = o->output == NULL || strcmp(o->output, "-") == 0;
    struct stat st;
    if (!to_stdout && lstat(o->output, &st) == 0) {
        fprintf(stderr,
                "gpucost: %s exists; new writes nothing over a file (remove it or choose "
                "another name)\n",
                o->output);
        return EXIT_BAD_INPUT;
    }
    char id[128] = "";
    if (!to_stdout)
        id_from_path(o->output, id, sizeof id);
    /* the KIND is not a path: look for the catalog from the defaults */
    cli_options copy = *o;
    copy.nargs = 0;
    gpucost_catalog *c = NULL;
    int rc = cli_load_catalog(&copy, &c);
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    /* the assignments as typed: each --set's key is "set.NAME=VALUE" */
    const char **sets = calloc(o->rq.nsets + 1, sizeof *sets);
    if (sets == NULL)
        rc = cli_usage_error("out of memory");
    for (size_t k = 0; sets != NULL && k < o->rq.nsets; k++)
        sets[k] = o->rq.sets[k].key + strlen("set.");
    if (rc == 0 &&
        gpucost_scenario_skeleton(o->args[0], id, sets, o->rq.nsets, c, &b, &err) != GPUCOST_OK) {
        if (strcmp(err.path, "kind") == 0)
            err.path[0] = '\0'; /* the message names the kind already */
        cli_report(&err);
        rc = EXIT_BAD_INPUT;
    }
    cli_options plain = *o;
    plain.output = NULL; /* -o - */
    if (rc == 0)
        rc = to_stdout ? cli_emit(&plain, &b) : write_new(o->output, &b);
    if (rc == 0 && !to_stdout)
        fprintf(stderr, "gpucost: wrote %s; fill in its title and sources, then gpucost check %s\n",
                o->output, o->output);
    gpucost_buf_release(&b);
    free(sets);
    gpucost_catalog_free(c);
    return rc;
}
