/*
 * cli.h - the program's shared pieces: parsed options, file expansion,
 * catalog discovery, atomic output and error reporting.  Only src/cli/
 * prints, exits or reads argv and the environment.
 */
#ifndef GPUCOST_CLI_H
#define GPUCOST_CLI_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/catalog.h"
#include "gpucost/command.h"
#include "gpucost/error.h"
#include "gpucost/output.h"
#include "gpucost/quantity.h"
#include "gpucost/range.h"
#include "gpucost/scenario.h"

enum { EXIT_OK = 0, EXIT_CLAIM_FAILED = 1, EXIT_BAD_INPUT = 2 };

/* The parsed command line: the library's request (command.h) with the
 * storage its arrays point at, and what is the program's alone (the
 * catalog search, -o, the positional arguments). */
typedef struct cli_options {
    /* the command, --set, --hold, --format and every other option; its
     * arrays point at the storage below and into argv, its scenarios and
     * catalog are filled in by cli_command */
    gpucost_request rq;
    gpucost_set *sets;  /* rq.sets: --set, parsed, in order; each key "set.NAME=VALUE" owned */
    const char **cases; /* rq.cases: report --reconcile */
    gpucost_quantity hold[GPUCOST_Q_COUNT];       /* rq.hold: --hold a,b,c */
    gpucost_quantity quantities[GPUCOST_Q_COUNT]; /* rq.quantities */
    double quantiles[GPUCOST_MAX_QUANTILES];      /* rq.quantiles: range --quantiles */
    const char *catalog_dir;                      /* --catalog */
    const char *output;                           /* -o FILE, NULL for stdout */
    char **args;                                  /* positional arguments after the command */
    size_t nargs;
} cli_options;

/* One option of the program (options.c's table): its long name (NULL
 * for -o alone), getopt_long's value, whether it takes one, the request
 * key it sets (call.h; NULL for the program's own: -o, --help), as
 * --help shows it, and its help (lines split by '\n'). */
typedef struct cli_option {
    const char *name;
    int id;
    int has_arg;
    const char *key;
    const char *synopsis;
    const char *help;
} cli_option;

/* The table, `*n` entries: borrowed, static. */
const cli_option *cli_option_table(size_t *n);

/* How the program spells the request key `key` (an error's path, a key a
 * library message quotes as `key`): the option's synopsis, "--sweep
 * NAME=V1,V2,...", whose first word is the option; NULL for a key no
 * option sets. */
const char *cli_option_spelling(const char *key);

/* Parses argv[1..argc) (argv[0] is the command or the program) into `o`,
 * whose `sets` and `cases` arrays hold argc entries each; `o->rq` is
 * initialised here, its command left NULL.  Returns 0, -1
 * after printing --help or --version, or EXIT_BAD_INPUT after a usage
 * error. */
int cli_parse_options(int argc, char **argv, cli_options *o);

/* Frees what `o` owns: the `sets` and `cases` arrays and the sets' keys. */
void cli_options_release(cli_options *o);

/* Prints "gpucost: message" or "file:line:col: path: message" to stderr,
 * a usage error (GPUCOST_EUSAGE) followed by "Try 'gpucost --help'.".  A
 * library error naming a request key ("sweep", "set.gpus", a `key`
 * quoted in the message) is printed as the option the user gave
 * ("--sweep", "--set gpus"), from the option table. */
void cli_report(const gpucost_error *err);

/* Prints a usage error to stderr and returns EXIT_BAD_INPUT. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Finds and loads the catalog (gpucost_catalog_discover, given the program's
 * hints): --catalog, else a hardware/ folder beside or above the first
 * argument, else $GPUCOST_CATALOG, else ./models/hardware, else the
 * installed models, else the source tree's.
 * A catalog whose folder has no defaults.json takes the installed or the
 * source tree's models/defaults.json (gpucost_catalog_open_with). */
int cli_load_catalog(const cli_options *o, gpucost_catalog **out);

/* Writes `b` to stdout, or atomically to -o FILE (temporary file in the
 * same directory, then rename; the old file is untouched on failure).
 * Returns 0 or EXIT_BAD_INPUT after reporting. */
int cli_emit(const cli_options *o, const gpucost_buf *b);

/* `gpucost import FILE.csv -o DIR` (import.c): the record's testable rows
 * as DIR/ID.json, none written when one would replace a file already
 * there.  Returns the exit status: 2 when a row was bad (named on
 * stderr), the others written all the same. */
int cli_import(const cli_options *o);

/* `gpucost new KIND [--set ...] [-o FILE]` (new.c): a scenario skeleton
 * to stdout (no -o, or -o -) or to FILE, never over a file already there.
 * Returns the exit status. */
int cli_new(const cli_options *o);

/* Runs the command `o` names (commands.c): its output emitted, its error
 * reported.  Returns the exit status. */
int cli_command(const cli_options *o);

#endif
