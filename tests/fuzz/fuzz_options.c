/*
 * fuzz_options.c - libFuzzer harness for the command line: the input's
 * bytes, split at NUL, become argv for cli_parse_options.  Whatever the
 * bytes, parsing must end with 0, -1 (help or version) or a usage error,
 * and an accepted command line must hold only what the commands rely on:
 * ascending quantiles in (0, 1), sample counts inside the library's
 * limits, known quantity names, and no more --set or --reconcile entries
 * than argv had.  Run with -close_fd_mask=3 (usage errors print).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gpucost/range.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = "run";
    for (size_t i = 0; i <= size && argc < MAX_ARGS;) {
        argv[argc++] = text + i;
        i += strlen(text + i) + 1;
    }
    argv[argc] = NULL;
    cli_options o;
    memset(&o, 0, sizeof o);
    o.sets = calloc((size_t)argc, sizeof *o.sets);
    o.cases = calloc((size_t)argc, sizeof *o.cases);
    if (o.sets == NULL || o.cases == NULL)
        abort();
    int rc = cli_parse_options(argc, argv, &o);
    if (rc != 0 && rc != -1 && rc != EXIT_BAD_INPUT)
        abort();
    if (rc == 0) {
        if (o.rq.nsets > (size_t)argc || o.rq.ncases > (size_t)argc || o.nargs > (size_t)argc)
            abort();
        for (size_t i = 0; i < o.rq.nquantiles; i++)
            if (!(o.quantiles[i] > 0.0 && o.quantiles[i] < 1.0) ||
                (i > 0 && !(o.quantiles[i] > o.quantiles[i - 1])))
                abort();
        if (o.rq.samples_given &&
            (o.rq.samples < GPUCOST_RANGE_MIN_SAMPLES || o.rq.samples > GPUCOST_RANGE_MAX_SAMPLES))
            abort();
        if (o.rq.sobol_samples != 0 && o.rq.sobol_samples < GPUCOST_SOBOL_MIN_SAMPLES)
            abort();
        if (o.rq.nquantities > GPUCOST_Q_COUNT || o.rq.nhold > GPUCOST_Q_COUNT)
            abort();
        for (size_t i = 0; i < o.rq.nquantities; i++)
            if ((int)o.quantities[i] < 0 || o.quantities[i] >= GPUCOST_Q_COUNT)
                abort();
        if (o.rq.threads < 0 || o.rq.threads > 256)
            abort();
        /* each --set was parsed by the grammar as it was read: a kind and,
         * for a value, a quantity */
        for (size_t i = 0; i < o.rq.nsets; i++) {
            const gpucost_override *over = &o.sets[i].value;
            if (over->kind > GPUCOST_OVERRIDE_DIST)
                abort();
            if (over->kind <= GPUCOST_OVERRIDE_REMOVE && over->quantity >= GPUCOST_Q_COUNT)
                abort();
        }
    }
    cli_options_release(&o);
    free(text);
    return 0;
}
