/*
 * defaults.h - the sourced defaults of ownership economics: one JSON file
 * (models/defaults.json) that gives the values derive falls back on when a
 * scenario leaves them out -- pue, server_factor, cluster_factor,
 * lifetime_years, electricity_usd_per_kwh (and grid_kg_per_kwh) -- each
 * backed by a source or marked as an estimate or derived, like every
 * number in models/.
 *
 * Constants that define a convention rather than estimate a fact stay in
 * derive.c: 6 FLOP per parameter per token, 8 GPUs per node, an inference
 * day of 24 h, a fleet year of 8,760 h.
 *
 * The file:
 *   { "defaults": { "pue": 1.25, "server_factor": 1.64, ... },
 *     "sources": [ {"title", "url", "quote", "fields": ["defaults.pue"]} ],
 *     "estimates": {...}, "derived": {...} }
 * A value may be uncertain like any scenario input.  The defaults travel
 * with the catalog (gpucost_catalog_set_defaults), so every command that
 * takes a catalog uses them.
 */
#ifndef GPUCOST_DEFAULTS_H
#define GPUCOST_DEFAULTS_H

#include <stddef.h>

#include "gpucost/dist.h"
#include "gpucost/error.h"
#include "gpucost/price_index.h"
#include "gpucost/quantity.h"
#include "gpucost/source.h"

typedef struct gpucost_defaults {
    char *file; /* the file read, as the caller named it */
    /* The models folder these defaults stand in for: set when a catalog
     * opened from a folder without its own defaults.json took the front
     * end's bundled file instead (gpucost_catalog_open_with); NULL when
     * they are the catalog's own. */
    char *stands_in_for;
    int given[GPUCOST_Q_COUNT];
    gpucost_dist value[GPUCOST_Q_COUNT]; /* valid where given */
    gpucost_source *sources;
    size_t nsources;
    gpucost_note *notes;
    size_t nnotes;
    /* PCU518210518210 from record/ beside the defaults file, for
     * price_year (price_index.h); NULL when that folder has none.  Owned:
     * gpucost_defaults_free frees it. */
    gpucost_price_index *price_index;
} gpucost_defaults;

/* Whether the defaults file may set `q` (the quantities above). */
int gpucost_defaults_allowed(gpucost_quantity q);

/* Reads and parses `path`.  Returns a new set in `*out`; free with
 * gpucost_defaults_free(). */
gpucost_status gpucost_defaults_load(const char *path, gpucost_defaults **out, gpucost_error *err);
/* Parses `len` bytes of `text` as the defaults file `file`.  Returns a new
 * set in `*out`; free with gpucost_defaults_free(). */
gpucost_status gpucost_defaults_parse(const char *file, const char *text, size_t len,
                                      gpucost_defaults **out, gpucost_error *err);
void gpucost_defaults_free(gpucost_defaults *d);

/* Borrowed: the default of `q`, or NULL when `d` is NULL or gives none. */
const gpucost_dist *gpucost_defaults_get(const gpucost_defaults *d, gpucost_quantity q);

/* The footnote every human output gives when the defaults are not the
 * catalog's own: "defaults: models/defaults.json (bundled: DIR has no
 * defaults.json)".  Writes it to `buf` and returns 1; writes "" and
 * returns 0 when `d` is NULL or `d->stands_in_for` is. */
int gpucost_defaults_note(const gpucost_defaults *d, char *buf, size_t n);

#endif
