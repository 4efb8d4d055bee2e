/*
 * main.c - gpucost's entry point: parse options (options.c) -> run the
 * command (commands.c over the library's command.h) -> exit.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "gpucost/command.h"

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2)
        return cli_usage_error("missing COMMAND");
    cli_options o;
    memset(&o, 0, sizeof o);
    o.sets = calloc((size_t)argc, sizeof *o.sets);
    o.cases = calloc((size_t)argc, sizeof *o.cases);
    if (o.sets == NULL || o.cases == NULL) {
        free(o.sets);
        free(o.cases);
        return cli_usage_error("out of memory");
    }
    int rc;
    if (argv[1][0] == '-') {
        /* only --help / --version make sense before a command */
        rc = cli_parse_options(argc, argv, &o);
        if (rc == 0)
            rc = cli_usage_error("missing COMMAND");
        goto done;
    }
    int is_import = strcmp(argv[1], "import") == 0, is_new = strcmp(argv[1], "new") == 0;
    if (!gpucost_command_exists(argv[1]) && !is_import && !is_new) {
        rc = cli_usage_error("unknown command '%s'", argv[1]);
        goto done;
    }
    rc = cli_parse_options(argc - 1, argv + 1, &o);
    o.rq.command = argv[1];
    if (rc == 0)
        rc = is_import ? cli_import(&o) : is_new ? cli_new(&o) : cli_command(&o);
done:
    cli_options_release(&o);
    if (rc < 0)
        rc = 0; /* --help or --version */
    /* a failed write is an error whatever the command's verdict */
    if (fclose(stdout) != 0 && rc != EXIT_BAD_INPUT) {
        fprintf(stderr, "gpucost: error writing output: %s\n", strerror(errno));
        rc = EXIT_BAD_INPUT;
    }
    return rc;
}
