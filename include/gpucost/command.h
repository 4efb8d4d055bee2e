/*
 * command.h - a whole command in one call: load the scenarios, apply the
 * what-if, derive, check, compute and format, exactly as the program's
 * `gpucost COMMAND ...` does.  The program (src/cli) parses argv into a
 * gpucost_request and prints what this returns; gpucost_call (call.h)
 * reads the same request from JSON for Python and the web page.  One code
 * path, so the three can never disagree.
 *
 * Design: the request borrows everything (strings, arrays, the catalog);
 * the caller has already expanded directories (gpucost_scenario_files)
 * and loaded the catalog (gpucost_catalog_open / _near).  Errors about
 * the request itself (a missing FILE, an option the command does not
 * take) are GPUCOST_EUSAGE; their path is the request key (call.h:
 * "sweep", "set.gpus") and their message quotes any other key as `key`,
 * which each front end spells its own way (the program's --sweep, from
 * its option table); errors in a scenario name its file and place as
 * everywhere else.
 */
#ifndef GPUCOST_COMMAND_H
#define GPUCOST_COMMAND_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/catalog.h"
#include "gpucost/error.h"
#include "gpucost/output.h"
#include "gpucost/quantity.h"
#include "gpucost/scenario.h"

/* One what-if assignment of a request: the override (whatif.h parses the
 * --set grammar into one; gpucost_call makes it from typed JSON) and the
 * request key its errors name ("set.gpus", "scenarios[1].set.mfu"), or
 * NULL for "set.NAME".  Borrows `key` and what the override borrows. */
typedef struct gpucost_set {
    gpucost_override value;
    const char *key;
} gpucost_set;

/* One scenario of a request: the file `file`, or `len` bytes of `text`
 * that errors call `file` (a pasted scenario).  `sets` are this
 * scenario's own assignments, applied after the request's; `id` (NULL to
 * keep the file's) renames it, so one file can stand twice in a compare
 * (as it is, and as a what-if). */
typedef struct gpucost_scenario_input {
    const char *file;
    const char *text;
    size_t len;
    const gpucost_set *sets;
    size_t nsets;
    const char *id;
    /* Internal (gpucost_call): the scenario as an object already parsed,
     * read in place of `text`, borrowed.  Its errors give the JSON path
     * but no line:column, which would point into a request the user may
     * never have seen as text.  NULL otherwise. */
    const void *json;
    /* A row of a public-record CSV (record.h; set by the command layer
     * when it expands one): errors name the row and its line, not a
     * place in the scenario text made from it.  0 otherwise. */
    size_t record_row;
    int record_line;
} gpucost_scenario_input;

/* The most values a sweep takes.  Each is a scenario loaded, what-if'd and
 * derived (about 25 KB held until the table is written), so the cap
 * bounds a sweep's memory near 25 MB, whoever sends the request; more is
 * GPUCOST_ELIMIT at "sweep" before anything is loaded. */
#define GPUCOST_SWEEP_MAX 1000

typedef struct gpucost_request {
    const char *command; /* run compare check hardware range solve report reconcile quantities */
    const gpucost_scenario_input *scenarios; /* files already expanded */
    size_t nscenarios;
    const gpucost_set *sets; /* what-if assignments, every scenario, in order */
    size_t nsets;
    const gpucost_quantity *hold; /* --hold */
    size_t nhold;
    const char *sweep;        /* compare --sweep NAME=V1,V2,...: at most GPUCOST_SWEEP_MAX */
    const char *const *cases; /* report --reconcile FILE[,FILE...] */
    size_t ncases;
    gpucost_format format;
    int format_given;
    const gpucost_quantity *quantities; /* --quantities; 0 for the command's own */
    size_t nquantities;
    const gpucost_catalog *catalog; /* may be NULL: scenarios naming hardware say so */
    const char *baseline;           /* compare/report: an id; range: a scenario file */
    unsigned long seed;
    int seed_given;
    size_t samples;
    int samples_given;
    int threads;           /* range/report worker threads; < 1 is 1 */
    const char *for_input; /* solve --for */
    const char *target;    /* solve --target QUANTITY=VALUE */
    const char *headline;  /* range --output */
    const char *chart;     /* range --format svg --chart histogram|tornado; NULL: histogram */
    const double *quantiles;
    size_t nquantiles;
    int sobol;
    size_t sobol_samples;
    const char *id; /* hardware ID, or NULL for the table */
    const char *on; /* hardware --on DATE */
    int history;    /* hardware --history */
    const char *to; /* hardware --on/--history, report: a destination (rules.h); NULL: China */
    int rules;      /* hardware --rules */
    gpucost_hardware_select hardware;         /* hardware --columns --sort --vendor --year */
    const char *version;                      /* the report's footer */
    void (*progress)(double done, void *ctx); /* range: called from the calling thread */
    void *progress_ctx;
    /* Called with each scenario file or record row that could not be
     * loaded or derived, while the command goes on with the others (run,
     * compare, check, reconcile, report); may be NULL.  The verdict is
     * then 2. */
    void (*bad_unit)(const gpucost_error *e, void *ctx);
    void *bad_unit_ctx;
} gpucost_request;

/* A request with every field empty and the format table. */
void gpucost_request_init(gpucost_request *rq);

/* Whether `name` is a command (run, compare, ...). */
int gpucost_command_exists(const char *name);

/* Whether `command` takes directories among its scenarios (compare, check
 * and report do; run, range, solve and reconcile take files). */
int gpucost_command_takes_dirs(const char *command);

/* Runs `rq`, appending the command's output to `out`.  A scenario
 * argument that is Epoch AI's "All ML Systems" CSV (record.h) stands for
 * its testable rows.  `*verdict` (may be NULL) is 0, 1 when a claim
 * failed (check) or the scenarios disagree (reconcile), or 2 when a unit
 * (a file, a row) was bad and left out: the program's exit status.  On
 * failure `out` holds nothing new that matters and `err` says why
 * (GPUCOST_EUSAGE for the request itself).  Numbers are read and written
 * in the "C" locale whatever locale the host set, as by every public
 * function (gpucost.h). */
gpucost_status gpucost_command_execute(const gpucost_request *rq, gpucost_buf *out, int *verdict,
                                       gpucost_error *err);

#endif
