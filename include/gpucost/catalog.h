/*
 * catalog.h - the hardware catalog: one JSON file per accelerator.
 *
 * An entry holds dense peak TFLOPS per precision, memory, bandwidth,
 * interconnect, TDP, die area and purchase and rental price ranges, each
 * backed by sources in its file.  The loader derives the export-control
 * numbers: TPP (TOPS x bit length, maximised over precisions), performance
 * density (TPP / die area) and whether the part meets ECCN 3A090.a
 * (TPP >= 4800, or TPP >= 1600 and density >= 5.92; 88 FR 73458).
 */
#ifndef GPUCOST_CATALOG_H
#define GPUCOST_CATALOG_H

#include <stddef.h>

#include "gpucost/defaults.h"
#include "gpucost/dist.h"
#include "gpucost/error.h"
#include "gpucost/model.h"
#include "gpucost/precision.h"
#include "gpucost/source.h"

/* The 3A090.a thresholds (88 FR 73458, 2023-10-25). */
#define GPUCOST_3A090A_TPP 4800.0
#define GPUCOST_3A090A2_TPP 1600.0
#define GPUCOST_3A090A2_DENSITY 5.92

/* A dated price observation ("prices" in a catalog file). */
typedef enum gpucost_price_kind {
    GPUCOST_PRICE_ON_DEMAND, /* USD per chip-hour, rented by the hour */
    GPUCOST_PRICE_1_YEAR,    /* USD per chip-hour, a one-year commitment */
    GPUCOST_PRICE_3_YEAR,    /* USD per chip-hour, a three-year commitment */
    GPUCOST_PRICE_PURCHASE   /* USD per chip, bought */
} gpucost_price_kind;

typedef struct gpucost_price_obs {
    char date[11]; /* "YYYY-MM-DD" or "YYYY-MM" */
    double usd;
    gpucost_price_kind kind;
    char *vendor; /* NULL when not given */
} gpucost_price_obs;

typedef struct gpucost_hardware {
    char *id, *name, *vendor;
    char *file; /* the catalog file it came from */
    /* Dense peak TFLOPS (TOPS for int8) per precision; 0 when not given. */
    double peak_tflops[GPUCOST_P_COUNT];
    /* 0 when not given */
    double memory_gb, memory_bw_tbs, interconnect_gbs, tdp_w, die_area_mm2;
    double chips_per_host; /* accelerators per server where not 8 (TPU v4: 4); 0 when absent */
    gpucost_dist price_usd, rent_usd_per_hour; /* valid when has_* */
    int has_price, has_rent;
    /* Derived on load. */
    double tpp;                 /* 0 when no peak is given */
    double performance_density; /* 0 when die area unknown */
    int eccn_3a090a;            /* 1 yes, 0 no, -1 cannot tell */
    /* "tensor_peaks_missing": true: the part has tensor cores whose
     * peaks the file does not give, so tpp and performance_density, worked
     * out from the peaks it does give, are floors: a test they fall short
     * of is undecided, not missed. */
    int tpp_floor;
    gpucost_source *sources;
    size_t nsources;
    gpucost_note *notes;
    size_t nnotes;
    /* "aliases": other names the part goes by, as the public record
     * (Epoch AI's "Training hardware") writes them; naliases of them. */
    char **aliases;
    size_t naliases;
    /* "datacenter": designed or marketed for datacenters: 1 yes, 0 no,
     * -1 not given. */
    int datacenter;
    /* "release_date": "YYYY-MM-DD" or "YYYY-MM"; NULL when not given. */
    char *release_date;
    /* "prices": dated purchase and rental observations, in file order;
     * nprices of them (each sourced in the file by its url and quote). */
    gpucost_price_obs *prices;
    size_t nprices;
} gpucost_hardware;

typedef struct gpucost_catalog gpucost_catalog;

/* Loads every *.json file in `dir` (sorted by name).  Returns a new catalog
 * in `*out`; free with gpucost_catalog_free().  Fails on the first bad file
 * or on two files with the same id. */
gpucost_status gpucost_catalog_load(const char *dir, gpucost_catalog **out, gpucost_error *err);
/* Parses one catalog entry from `len` bytes; used by the loader, by
 * `gpucost check` on a single file and by the fuzz harness.  Returns a new
 * catalog of one entry in `*out`; free with gpucost_catalog_free(). */
gpucost_status gpucost_catalog_parse(const char *file, const char *text, size_t len,
                                     gpucost_catalog **out, gpucost_error *err);
void gpucost_catalog_free(gpucost_catalog *c);
/* Loads the catalog of the hardware folder `dir` with what travels with it
 * (catalog_open.c): the architectures/ and rules/ folders and the
 * defaults.json file beside it, each when present.  A new catalog in
 * `*out`; free with gpucost_catalog_free(). */
gpucost_status gpucost_catalog_open(const char *dir, gpucost_catalog **out, gpucost_error *err);
/* gpucost_catalog_open, and when the folder beside `dir` has no
 * defaults.json, the defaults file `fallback_defaults` instead (when it
 * exists; NULL for none): the front end's bundled models/defaults.json,
 * which the library cannot find by itself (it never reads the
 * environment), so that a catalog of hardware alone still has every
 * default.  Defaults taken from the fallback record the folder they stand
 * in for (gpucost_defaults.stands_in_for). */
gpucost_status gpucost_catalog_open_with(const char *dir, const char *fallback_defaults,
                                         gpucost_catalog **out, gpucost_error *err);
/* The catalog near a scenario file or folder `path`: the first of
 * hardware/, ../hardware/ and models/hardware/ beside it (or inside, for a
 * folder), opened by gpucost_catalog_open.  GPUCOST_OK with `*out` NULL
 * when there is none. */
gpucost_status gpucost_catalog_near(const char *path, gpucost_catalog **out, gpucost_error *err);
/* The same, opened by gpucost_catalog_open_with. */
gpucost_status gpucost_catalog_near_with(const char *path, const char *fallback_defaults,
                                         gpucost_catalog **out, gpucost_error *err);

/* Where a front end has the catalog looked for (gpucost_catalog_discover),
 * each NULL when it has none.  The library reads no environment and knows
 * no install path: the front end names them. */
typedef struct gpucost_catalog_hints {
    const char *dir;  /* the user named it (--catalog, "catalog"): it must be a folder */
    const char *near; /* a scenario path: a hardware/ folder beside or above it */
    /* named for when none is near ($GPUCOST_CATALOG, "default_catalog"):
     * it must be a folder */
    const char *fallback;
    const char *const *bundled; /* then the first of these that is a folder */
    size_t nbundled;
    const char *defaults; /* the bundled defaults.json, for a folder without one */
} gpucost_catalog_hints;

/* The one catalog search of every front end: `dir` when given, else the
 * catalog near `near` (gpucost_catalog_near), else `fallback`, else the
 * first of `bundled` that is a folder; whichever it is, opened by
 * gpucost_catalog_open_with with `defaults`.  A new catalog in `*out`
 * (free with gpucost_catalog_free), or NULL when none is found (scenarios
 * that name hardware say so).  A `dir` or `fallback` that is not a folder
 * is GPUCOST_EUSAGE at the request key "catalog" or "default_catalog". */
gpucost_status gpucost_catalog_discover(const gpucost_catalog_hints *hints, gpucost_catalog **out,
                                        gpucost_error *err);

size_t gpucost_catalog_count(const gpucost_catalog *c);
/* Borrowed: valid until `c` is freed. */
const gpucost_hardware *gpucost_catalog_at(const gpucost_catalog *c, size_t i);
/* Borrowed; NULL when `id` is not in the catalog (case-insensitive). */
const gpucost_hardware *gpucost_catalog_find(const gpucost_catalog *c, const char *id);
/* Borrowed; NULL when no entry has `name` as its id, its name or one of
 * its aliases (case-insensitive): how the record's chip names are mapped. */
const gpucost_hardware *gpucost_catalog_find_name(const gpucost_catalog *c, const char *name);
/* Attaches the defaults file's values (defaults.h) to the catalog, so
 * that everything derived with it falls back on them.  Takes ownership of
 * `d` (may be NULL), freeing any set attached before. */
void gpucost_catalog_set_defaults(gpucost_catalog *c, gpucost_defaults *d);
/* Borrowed: valid until `c` is freed; NULL when none is attached or `c`
 * is NULL. */
const gpucost_defaults *gpucost_catalog_defaults(const gpucost_catalog *c);
/* The defaults file the catalog's defaults were read from, as the caller
 * named it: its own models/defaults.json or the fallback.  Borrowed:
 * valid until `c` is freed; NULL when it has no defaults. */
const char *gpucost_catalog_defaults_file(const gpucost_catalog *c);

/* Attaches the export-control rules (rules.h) to `c`, which takes
 * ownership (a previous set is freed); NULL detaches. */
struct gpucost_rules;
void gpucost_catalog_set_rules(gpucost_catalog *c, struct gpucost_rules *r);
/* Borrowed: valid until `c` is freed; NULL when none is attached. */
const struct gpucost_rules *gpucost_catalog_rules(const gpucost_catalog *c);

/* Reads every *.json file in `dir` as a bundled architecture (model.h)
 * into `c`, which owns them.  Fails on the first bad file or a duplicate
 * id; the models read before it stay. */
gpucost_status gpucost_catalog_load_models(gpucost_catalog *c, const char *dir, gpucost_error *err);
size_t gpucost_catalog_model_count(const gpucost_catalog *c);
/* Borrowed: valid until `c` is freed; NULL when out of range or `c` is NULL. */
const gpucost_model *gpucost_catalog_model_at(const gpucost_catalog *c, size_t i);
/* Borrowed; NULL when no bundled model has the id (case-insensitive). */
const gpucost_model *gpucost_catalog_model(const gpucost_catalog *c, const char *id);

/* Writes the catalog's ids as "a100, h100, ..." for error messages: the
 * first 12 in id order, then " and N more" when there are more. */
void gpucost_catalog_ids(const gpucost_catalog *c, char *buf, size_t n);

#endif
