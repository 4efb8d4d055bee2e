/*
 * commands.c - every command: the options into a gpucost_request, the
 * arguments expanded and the catalog found, then the library's
 * gpucost_command_execute (command.h), whose output is emitted and whose
 * error is reported.  What is the program's alone lives here: the
 * progress bar, the warnings on stderr, the catalog search and -o.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "gpucost/command.h"

/* A progress bar on stderr, drawn only when stderr is a terminal and the
 * run has taken more than a second. */
typedef struct progress {
    struct timespec start;
    int drawn;
    int last; /* percent last drawn, so the line changes only when it moves */
} progress;

static double elapsed(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + 1e-9 * (double)(now.tv_nsec - t0->tv_nsec);
}

static void draw_progress(double done, void *ctx)
{
    progress *p = ctx;
    if (done < 1.0 && elapsed(&p->start) < 1.0)
        return;
    if (done >= 1.0) {
        if (p->drawn)
            fputs("\r\033[K", stderr);
        return;
    }
    int width = 40, fill = (int)(done * width), pct = (int)(done * 100.0);
    if (p->drawn && pct == p->last)
        return;
    p->last = pct;
    fprintf(stderr, "\r[%.*s%*s] %3.0f%%", fill, "########################################",
            width - fill, "", done * 100.0);
    fflush(stderr);
    p->drawn = 1;
}

/* A directory's *.json that is not read: a JSON file that is not a
 * scenario (a package.json or a schema beside the scenarios), or a FIFO,
 * a device or a dangling link.  Said, not fatal. */
static void warn_skip(void *ctx, const char *path, const char *why)
{
    (void)ctx;
    char shown[4096];
    snprintf(shown, sizeof shown, "%s", path);
    for (unsigned char *p = (unsigned char *)shown; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
    fprintf(stderr, "gpucost: skipping %s: %s\n", shown, why);
}

/* A file or record row left out while the others go on: named on stderr
 * as any error is. */
static void report_unit(const gpucost_error *e, void *ctx)
{
    (void)ctx;
    cli_report(e);
}

/* The scenario arguments, expanded when the command takes directories.
 * A new array of `*n` inputs over `*files` (both freed by the caller), or
 * an exit code after reporting. */
static int scenario_inputs(const cli_options *o, char ***files, gpucost_scenario_input **in,
                           size_t *n)
{
    gpucost_error err;
    *in = NULL;
    if (gpucost_scenario_files((const char *const *)o->args, o->nargs,
                               gpucost_command_takes_dirs(o->rq.command), warn_skip, NULL, files, n,
                               &err) != GPUCOST_OK) {
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    *in = calloc(*n + 1, sizeof **in);
    if (*in == NULL)
        return cli_usage_error("out of memory");
    for (size_t i = 0; i < *n; i++)
        (*in)[i].file = (*files)[i];
    return 0;
}

int cli_command(const cli_options *o)
{
    /* the options' request, with what only the program decides: the
     * threads (all cores by default), the version, the scenarios and the
     * catalog */
    gpucost_request rq = o->rq;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    rq.threads = rq.threads > 0 ? rq.threads : cores > 0 ? (int)cores : 1;
    rq.version = GPUCOST_VERSION;
    int is_hardware = strcmp(rq.command, "hardware") == 0;
    if (is_hardware && o->nargs > 1)
        return cli_usage_error("'hardware' takes at most one ID");
    char **files = NULL;
    gpucost_scenario_input *in = NULL;
    size_t n = 0;
    int rc = 0;
    if (is_hardware) {
        rq.id = o->nargs ? o->args[0] : NULL;
    } else if ((rc = scenario_inputs(o, &files, &in, &n)) != 0) {
        gpucost_scenario_files_free(files);
        free(in);
        return rc;
    }
    rq.scenarios = in;
    rq.nscenarios = n;
    /* the hardware ID is not a path: look for the catalog from the defaults */
    cli_options copy = *o;
    if (is_hardware)
        copy.nargs = 0;
    gpucost_catalog *c = NULL;
    rc = cli_load_catalog(&copy, &c);
    rq.catalog = c;
    progress prog = {{0, 0}, 0, -1};
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    if (isatty(STDERR_FILENO)) {
        rq.progress = draw_progress;
        rq.progress_ctx = &prog;
    }
    rq.bad_unit = report_unit;
    gpucost_buf b;
    gpucost_buf_init(&b);
    gpucost_error err;
    int verdict = 0;
    if (rc == 0 && gpucost_command_execute(&rq, &b, &verdict, &err) != GPUCOST_OK) {
        cli_report(&err);
        rc = EXIT_BAD_INPUT;
    } else if (rc == 0 && verdict == 2 && o->output != NULL) {
        /* nothing the user had is replaced by a result that left units out */
        fprintf(stderr, "gpucost: %s left as it was: some inputs could not be read (above)\n",
                o->output);
        rc = EXIT_BAD_INPUT;
    } else if (rc == 0) {
        rc = cli_emit(o, &b);
    }
    if (rc == 0 && verdict)
        rc = verdict == 2 ? EXIT_BAD_INPUT : EXIT_CLAIM_FAILED;
    gpucost_buf_release(&b);
    gpucost_catalog_free(c);
    gpucost_scenario_files_free(files);
    free(in);
    return rc;
}
