/*
 * main.c - gpucost's entry point: parse options (options.c) -> dispatch a
 * command -> exit.  Commands are a table (git's habit); each lives in
 * commands.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*fn)(const cli_options *);
} command;

static const command commands[] = {
    {"run", cmd_run},           {"compare", cmd_compare},     {"check", cmd_check},
    {"hardware", cmd_hardware}, {"range", cmd_range},         {"solve", cmd_solve},
    {"report", cmd_report},     {"reconcile", cmd_reconcile}, {"quantities", cmd_quantities},
};

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2)
        return cli_usage_error("missing COMMAND");
    cli_options o;
    memset(&o, 0, sizeof o);
    o.sets = calloc((size_t)argc, sizeof *o.sets);
    o.cases = calloc((size_t)argc, sizeof *o.cases);
    if (o.sets == NULL || o.cases == NULL)
        return cli_usage_error("out of memory");
    int rc;
    const command *cmd = NULL;
    if (argv[1][0] == '-') {
        /* only --help / --version make sense before a command */
        rc = cli_parse_options(argc, argv, &o);
        if (rc == 0)
            rc = cli_usage_error("missing COMMAND");
        goto done;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            cmd = &commands[i];
    if (cmd == NULL) {
        rc = cli_usage_error("unknown command '%s'", argv[1]);
        goto done;
    }
    o.command = cmd->name;
    rc = cli_parse_options(argc - 1, argv + 1, &o);
    if (rc == 0 && o.sweep != NULL && strcmp(cmd->name, "compare") != 0)
        rc = cli_usage_error("--sweep applies to 'compare' only");
    if (rc == 0 && o.ncases > 0 && strcmp(cmd->name, "report") != 0)
        rc = cli_usage_error(
            "--reconcile applies to 'report' only (the command is 'gpucost reconcile FILE...')");
    if (rc == 0 && (o.on != NULL || o.history || o.rules) && strcmp(cmd->name, "hardware") != 0)
        rc = cli_usage_error("%s applies to 'hardware' only", o.on != NULL ? "--on"
                                                              : o.history  ? "--history"
                                                                           : "--rules");
    if (rc == 0)
        rc = cmd->fn(&o);
done:
    free(o.sets);
    free(o.cases);
    if (rc < 0)
        rc = 0; /* --help or --version */
    /* a failed write is an error whatever the command's verdict */
    if (fclose(stdout) != 0 && rc != EXIT_BAD_INPUT) {
        fprintf(stderr, "gpucost: error writing output: %s\n", strerror(errno));
        rc = EXIT_BAD_INPUT;
    }
    return rc;
}
