/*
 * import.c - `gpucost import FILE.csv -o DIR`: Epoch AI's record as
 * scenario files a person can review and edit (record.h makes them; this
 * writes them).  Every command reads the CSV directly too; import is for
 * changing a row's reading: fix a typo, add what the notes say, and run
 * `check DIR`.
 *
 * Nothing the user had is overwritten: when any DIR/ID.json exists the
 * import stops before writing, naming it.  Each file is written to a
 * temporary name and renamed, so a failure leaves no half file.
 *
 * Epoch AI's chip dataset (chips.h), recognised by its header, is written
 * the same way as one hardware catalog file per chip, for review before
 * it joins a catalog; its price database as one DIR/ID.prices.json per
 * chip, the dated observations to add under the chip's "prices".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "gpucost/chips.h"
#include "gpucost/dir.h"
#include "gpucost/prices.h"
#include "gpucost/record.h"

static int write_atomic(const char *path, const char *text)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wbx");
    if (f == NULL)
        return -1;
    size_t n = strlen(text);
    int bad = fwrite(text, 1, n, f) != n;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

/* What an import writes: `n` texts of `set`, DIR/<id><suffix> each. */
typedef struct import_set {
    const void *set;
    size_t n;
    const char *(*id_at)(const void *set, size_t i);
    const char *(*json_at)(const void *set, size_t i);
    const char *suffix; /* ".json", ".prices.json" */
} import_set;

/* Writes the set into DIR (made if missing): nothing at all when DIR is
 * not a folder or holds any of the files already; each file atomically. */
static int write_set(const char *dir, const import_set *w)
{
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0)
        return cli_usage_error("-o %s: cannot make the folder: %s", dir, strerror(errno));
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return cli_usage_error("-o %s: not a folder (import writes one file per row)", dir);
    char path[4096];
    for (size_t i = 0; i < w->n; i++) {
        snprintf(path, sizeof path, "%s/%s%s", dir, w->id_at(w->set, i), w->suffix);
        if (stat(path, &st) == 0) {
            fprintf(stderr,
                    "gpucost: %s exists; import writes nothing over a file (remove it "
                    "or choose another folder)\n",
                    path);
            return EXIT_BAD_INPUT;
        }
    }
    for (size_t i = 0; i < w->n; i++) {
        snprintf(path, sizeof path, "%s/%s%s", dir, w->id_at(w->set, i), w->suffix);
        if (write_atomic(path, w->json_at(w->set, i)) != 0) {
            fprintf(stderr, "gpucost: %s: cannot write: %s\n", path, strerror(errno));
            return EXIT_BAD_INPUT;
        }
    }
    return 0;
}

static const char *record_id(const void *set, size_t i)
{
    return ((const gpucost_record *)set)->rows[i].id;
}

static const char *record_json(const void *set, size_t i)
{
    return ((const gpucost_record *)set)->rows[i].json;
}

static const char *chip_id(const void *set, size_t i)
{
    return ((const gpucost_chips *)set)->entries[i].id;
}

static const char *chip_json(const void *set, size_t i)
{
    return ((const gpucost_chips *)set)->entries[i].json;
}

/* The chip dataset as one catalog file per chip. */
static int import_chips(const cli_options *o)
{
    gpucost_chips *chips = NULL;
    gpucost_error err;
    int rc = 0;
    if (gpucost_chips_load(o->args[0], &chips, &err) != GPUCOST_OK) {
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    import_set w = {chips, chips->nentries, chip_id, chip_json, ".json"};
    rc = write_set(o->output, &w);
    if (rc == 0)
        fprintf(stderr,
                "gpucost: wrote %zu hardware file%s to %s from %zu rows; %zu without a name or "
                "a peak\n",
                chips->nentries, chips->nentries == 1 ? "" : "s", o->output, chips->nrows_read,
                chips->nskipped);
    gpucost_chips_free(chips);
    return rc;
}

static const char *prices_id(const void *set, size_t i)
{
    return ((const gpucost_prices *)set)->chips[i].id;
}

static const char *prices_json(const void *set, size_t i)
{
    return ((const gpucost_prices *)set)->chips[i].json;
}

/* The price database as one ID.prices.json per chip. */
static int import_prices(const cli_options *o)
{
    gpucost_prices *p = NULL;
    gpucost_error err;
    if (gpucost_prices_load(o->args[0], &p, &err) != GPUCOST_OK) {
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    import_set w = {p, p->nchips, prices_id, prices_json, ".prices.json"};
    int rc = write_set(o->output, &w);
    size_t nobs = 0;
    for (size_t i = 0; i < p->nchips; i++)
        nobs += p->chips[i].nobs;
    if (rc == 0)
        fprintf(stderr,
                "gpucost: wrote %zu price observations of %zu chips to %s from %zu rows; %zu "
                "rows without a date, a chip or a price%s%s%s\n",
                nobs, p->nchips, o->output, p->nrows_read, p->nskipped,
                p->nskipped ? " (rows " : "", p->nskipped ? p->skipped_rows : "",
                p->nskipped ? ")" : "");
    gpucost_prices_free(p);
    return rc;
}

int cli_import(const cli_options *o)
{
    if (o->nargs != 1)
        return cli_usage_error("'import' takes one CSV FILE");
    if (o->output == NULL)
        return cli_usage_error("'import' needs -o DIR, the folder to write the files in");
    if (gpucost_chips_sniff_file(o->args[0]))
        return import_chips(o);
    if (gpucost_prices_sniff_file(o->args[0]))
        return import_prices(o);
    if (!gpucost_record_sniff_file(o->args[0]))
        return cli_usage_error("%s: neither Epoch AI's \"All ML Systems\" CSV (its header "
                               "starts with \"Model\" and has \"Training compute (FLOP)\") nor "
                               "its chip dataset (\"Hardware name\" and "
                               "\"Tensor-FP16/BF16 performance (FLOP/s)\") nor its price "
                               "database (\"Price source\" and \"Price per chip-hour "
                               "(on-demand)\")",
                               o->args[0]);
    gpucost_catalog *c = NULL;
    int rc = cli_load_catalog(o, &c);
    gpucost_record *rec = NULL;
    gpucost_error err;
    if (rc == 0 && gpucost_record_load(o->args[0], c, &rec, &err) != GPUCOST_OK) {
        cli_report(&err);
        rc = EXIT_BAD_INPUT;
    }
    if (rc == 0) {
        import_set w = {rec, rec->nrows, record_id, record_json, ".json"};
        rc = write_set(o->output, &w);
    }
    if (rc == 0) {
        for (size_t i = 0; i < rec->units.nerrors; i++)
            cli_report(&rec->units.errors[i]);
        size_t nt = gpucost_units_untestable_rows(&rec->units);
        fprintf(stderr,
                "gpucost: wrote %zu scenario%s to %s from %zu rows; %zu not testable, %zu bad\n",
                rec->nrows, rec->nrows == 1 ? "" : "s", o->output, rec->nrows_read, nt,
                rec->units.nerrors);
        rc = rec->units.nerrors > 0 ? EXIT_BAD_INPUT : 0;
    }
    gpucost_record_free(rec);
    gpucost_catalog_free(c);
    return rc;
}
