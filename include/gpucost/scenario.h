/*
 * scenario.h - a training or inference scenario: inputs, claims, sources.
 *
 * A scenario file (docs/scenario-format.md, models/scenarios/) names an accelerator and
 * precision, gives some quantities as inputs (each a number or an
 * uncertain value) and lists published claims to check.  Loading validates
 * everything that can be checked without the catalog: keys, types, domains
 * (counts > 0, mfu in (0, 1], ...), ranges and claims; each error carries
 * file, line:column and JSON path.  The scenario remembers where each input
 * stood so that later modules (derive) can point at it too.
 */
#ifndef GPUCOST_SCENARIO_H
#define GPUCOST_SCENARIO_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/catalog.h"
#include "gpucost/dist.h"
#include "gpucost/error.h"
#include "gpucost/model.h"
#include "gpucost/quantity.h"
#include "gpucost/source.h"

typedef enum gpucost_kind {
    GPUCOST_KIND_TRAINING = GPUCOST_FOR_TRAINING,
    GPUCOST_KIND_INFERENCE = GPUCOST_FOR_INFERENCE,
    GPUCOST_KIND_FLEET = GPUCOST_FOR_FLEET /* accelerators owned, by part, per year */
} gpucost_kind;

typedef struct gpucost_loc {
    int line, column; /* 0:0 when set from the command line */
} gpucost_loc;

/* How owned hardware is amortised (inputs.amortisation):
 *   "straight_line"  the purchase over lifetime_years (the defaults
 *                    file's 5 years unless given);
 *   "epoch"          Epoch AI's (Cottier et al. 2024): the value at the
 *                    start of training, 10^(-decay x hardware_age_years)
 *                    of the purchase, at decay x ln 10 a year.
 * UNSET (no key) keeps what a file without the key always meant: Epoch's
 * when inputs.hardware_age_years is given, else straight-line.
 * gpucost_derive checks the combination (straight_line with an age, epoch
 * without one or with its own lifetime_years is an error at that input). */
typedef enum gpucost_amortisation {
    GPUCOST_AMORT_UNSET,
    GPUCOST_AMORT_STRAIGHT_LINE,
    GPUCOST_AMORT_EPOCH
} gpucost_amortisation;

/* "straight_line" or "epoch" (UNSET: "straight_line", its meaning without
 * an age).  Borrowed static string. */
const char *gpucost_amortisation_name(gpucost_amortisation a);
/* Looks `name` up ("straight_line", "epoch").  Returns 0 and sets `*a`, or
 * -1 when unknown. */
int gpucost_amortisation_lookup(const char *name, gpucost_amortisation *a);

typedef struct gpucost_input {
    int given;
    gpucost_dist dist;
    gpucost_loc loc;
} gpucost_input;

typedef struct gpucost_claim {
    gpucost_quantity quantity;
    int has_value, has_min, has_max;
    double value, tolerance, min, max;
    /* "factor": f instead of a tolerance: the claim holds from value / f
     * to value x f, for estimates known only to an order of magnitude
     * (docs/scenario-format.md); 0 when absent. */
    double factor;
    int expect_fail;
    int phase; /* -1: the whole scenario; else the index of the phase it is about */
    /* An export claim ("export": {"hardware": "h800", "on": "2023-01-01"},
     * "status": "not controlled"): what the rules (rules.h) say of a chip
     * on a date; `quantity` is unused.  export_status holds a
     * gpucost_export_status. */
    int is_export;
    char *export_hardware;
    char *export_to; /* "to": a destination (rules.h) as written; "" for China */
    int export_date; /* yyyymmdd */
    int export_status;
    int export_policy; /* "policy": a gpucost_review_policy claimed; -1 when none is */
    char *source;      /* "" when absent */
    char *note;        /* why, e.g. why a claim is expected to fail; "" if none */
    gpucost_loc loc;
    /* "date": when this claim was made or what time it refers to,
     * "YYYY-MM-DD" or "YYYY-MM" (its 15th), as yyyymmdd; 0 when absent.
     * It stands in for the scenario's "date" when this claim is checked:
     * a rental price the scenario does not give is the median of the
     * on-demand quotes around the claim's date (gpucost_claims_check).
     * A price the scenario gives is used as it is, whatever the date. */
    int date;
    gpucost_loc date_loc;
} gpucost_claim;

/* A disagreement the scenario knows about and records (docs/scenario-format.md,
 * "Recorded conflicts"): `check` passes it while the conflict persists and fails
 * once it is gone. */
typedef struct gpucost_expected_conflict {
    gpucost_quantity quantity;
    char *note; /* why; "" if none */
    gpucost_loc loc;
} gpucost_expected_conflict;

/* The most parts a fleet lists (one per accelerator model, say). */
#define GPUCOST_MAX_PARTS GPUCOST_DIST_MAX_PARTS

/* One part of a fleet (docs/quantities-and-methods.md, fleets): an accelerator model and how
 * many, with optional per-part prices and power that otherwise come from
 * the part's catalog entry.  `in` is indexed like gpucost_fleet_part_q. */
#define GPUCOST_PART_NQ 4
typedef struct gpucost_fleet_part {
    char *hardware;
    gpucost_loc loc, hardware_loc;
    gpucost_input in[GPUCOST_PART_NQ];
} gpucost_fleet_part;

/* The quantities a part may give, in `in` order: gpus (required),
 * gpu_price_usd, price_per_gpu_hour, power_w. */
extern const gpucost_quantity gpucost_fleet_part_q[GPUCOST_PART_NQ];

/* The most phases a run lists. */
#define GPUCOST_MAX_PHASES 16

typedef struct gpucost_scenario {
    char *file, *id, *title;
    char *description; /* "" when absent */
    gpucost_kind kind;
    char *hardware; /* NULL when the scenario names no accelerator */
    gpucost_loc hardware_loc;
    gpucost_precision precision;
    int precision_given;
    gpucost_loc precision_loc;
    gpucost_amortisation amortisation; /* inputs.amortisation; UNSET without it */
    gpucost_loc amortisation_loc;
    gpucost_input inputs[GPUCOST_Q_COUNT];
    /* The network (docs/quantities-and-methods.md, throughput): an
     * inline "model" block, or the id of a bundled architecture that
     * gpucost_derive looks up in the catalog; both NULL without one. */
    gpucost_model *model;
    char *model_id;
    gpucost_loc model_loc;
    /* A training run in phases (docs/quantities-and-methods.md): each a partial scenario of
     * its own (id = the phase's name, its own inputs, hardware and
     * precision when it gives them); gpucost_derive_phase composes it
     * with the run's inputs, and the run's totals are the phases' sums. */
    struct gpucost_scenario *phases;
    size_t nphases;
    gpucost_fleet_part *parts; /* kind fleet: its parts, at least one */
    size_t nparts;
    gpucost_claim *claims;
    size_t nclaims;
    gpucost_expected_conflict *expect_conflicts;
    size_t nexpect_conflicts;
    gpucost_source *sources;
    size_t nsources;
    gpucost_note *notes;
    size_t nnotes;
    /* "datapoints": {"value": n, "unit": "images"}: a dataset counted in
     * units that are not tokens (docs/scenario-format.md), shown but in no relation;
     * with "unit": "tokens" the loader makes it inputs.dataset_tokens
     * instead.  datapoints_unit is NULL when absent. */
    double datapoints;
    char *datapoints_unit;
    /* "date": when the run happened or the claim was made, "YYYY-MM-DD"
     * or "YYYY-MM" (a month alone stands for its 15th), as yyyymmdd; 0
     * when absent.  A dated scenario without a price of its own is priced
     * at the quotes of its time (gpucost_derive, docs/prices.md). */
    int date;
    gpucost_loc date_loc;
    /* "labels": {"domain": "Language", ...}: words to group and filter
     * scenarios by (the report's filters); nlabels pairs. */
    char **label_keys, **label_values;
    size_t nlabels;
} gpucost_scenario;

/* Reads and parses `path`.  Returns a new scenario in `*out`; free with
 * gpucost_scenario_free(). */
gpucost_status gpucost_scenario_load(const char *path, gpucost_scenario **out, gpucost_error *err);
/* Parses `len` bytes of `text` as the scenario file `file`.  Returns a new
 * scenario in `*out`; free with gpucost_scenario_free(). */
gpucost_status gpucost_scenario_parse(const char *file, const char *text, size_t len,
                                      gpucost_scenario **out, gpucost_error *err);
void gpucost_scenario_free(gpucost_scenario *s);

/* Whether the file at `path` is meant as a scenario: 0 only for a JSON
 * object with none of "inputs", "id", "claims", "kind" (a package.json),
 * which a directory scan passes over; 1 for everything else, a file that
 * does not parse or a scenario with a misspelled key included, so the
 * loader reports its error. */
int gpucost_scenario_sniff(const char *path);

/* Expands FILE|DIR arguments into the scenario files a command reads
 * (scenario_files.c).  With `dirs`, a directory contributes its *.json
 * files, sorted and recursively, each real file once, skipping hardware/,
 * architectures/, rules/, schema/ and defaults.json, and passing each
 * *.json it leaves out to `skip(ctx, path, why)` (may be NULL): a JSON file
 * that is not a scenario (gpucost_scenario_sniff), and a FIFO, device,
 * socket or dangling link, which is never opened (`why` says which, e.g.
 * "a FIFO, not a regular file"); without, every argument is
 * taken as a file.  Sets
 * `*out` to a new NULL-terminated array of `*count` new strings (free with
 * gpucost_scenario_files_free).  GPUCOST_ENOTFOUND for a directory
 * without scenarios. */
typedef void (*gpucost_scenario_skip_fn)(void *ctx, const char *path, const char *why);
gpucost_status gpucost_scenario_files(const char *const *args, size_t nargs, int dirs,
                                      gpucost_scenario_skip_fn skip, void *ctx, char ***out,
                                      size_t *count, gpucost_error *err);
void gpucost_scenario_files_free(char **files);

/* A what-if override (the CLI's --set NAME=VALUE, gpucost_call's typed
 * "set"): a quantity's point value, a 90% interval [value, high], any
 * uncertain value (a scenario file's range objects: lognormal, uniform,
 * normal, triangular, about), taking a quantity out, another hardware id
 * or precision, or another amortisation. */
typedef enum gpucost_override_kind {
    GPUCOST_OVERRIDE_POINT,
    GPUCOST_OVERRIDE_INTERVAL,
    GPUCOST_OVERRIDE_REMOVE,
    GPUCOST_OVERRIDE_HARDWARE,
    GPUCOST_OVERRIDE_PRECISION,
    GPUCOST_OVERRIDE_AMORTISATION,
    GPUCOST_OVERRIDE_DIST
} gpucost_override_kind;

typedef struct gpucost_override {
    gpucost_override_kind kind;
    gpucost_quantity quantity;         /* POINT, INTERVAL, REMOVE */
    double value, high;                /* POINT: value; INTERVAL: [value, high] */
    const char *hardware;              /* HARDWARE: a catalog id, borrowed */
    gpucost_precision precision;       /* PRECISION */
    gpucost_amortisation amortisation; /* AMORTISATION */
    gpucost_dist dist;                 /* DIST */
} gpucost_override;

gpucost_override gpucost_override_point(gpucost_quantity q, double value);
gpucost_override gpucost_override_interval(gpucost_quantity q, double low, double high);
gpucost_override gpucost_override_remove(gpucost_quantity q);
gpucost_override gpucost_override_dist(gpucost_quantity q, const gpucost_dist *d);
/* `id` is borrowed: it must outlive the call that applies the override. */
gpucost_override gpucost_override_hardware(const char *id);
gpucost_override gpucost_override_precision(gpucost_precision p);
gpucost_override gpucost_override_amortisation(gpucost_amortisation a);
/* The NAME of the assignment `o` makes: a quantity's name, "hardware",
 * "precision" or "amortisation".  Borrowed static string. */
const char *gpucost_override_name(const gpucost_override *o);

/* Applies `o[0..n)` to `s` in order.  Values must lie in their quantity's
 * domain and the quantity must apply to the scenario's kind; the hardware
 * id is checked when the scenario is derived.  Errors name the override
 * ("overrides[2]"); `s` keeps the overrides before it. */
gpucost_status gpucost_scenario_override(gpucost_scenario *s, const gpucost_override *o, size_t n,
                                         gpucost_error *err);

/* "training", "inference" or "fleet". */
const char *gpucost_kind_name(gpucost_kind kind);

/* The text of a new scenario file of kind `kind` ("training", "inference"
 * or "fleet"), appended to `out` (scenario_skeleton.c; `gpucost new`):
 * the id `id` (NULL or "" for "new-KIND"), a placeholder title, the
 * assignments `sets[0..nsets)` in the --set grammar (whatif.h:
 * "gpus=2048", "gpu_hours=2.788M", "price_per_gpu_hour=1.5..3.5" as a
 * 90% interval, "hardware=h800", "precision=fp8") as its inputs in the
 * order given (a fleet's hardware, gpus and per-part prices and power in
 * its one part), an empty "claims", and one source per assignment whose
 * title, url and quote start with GPUCOST_PLACEHOLDER (source.h), so that
 * `check` fails it until it is filled in (claims.h).  The text parses as
 * a scenario and, when `catalog` is given, derives as `run` derives it.
 * Errors: an unknown kind ("kind", GPUCOST_EUSAGE, with "did you mean"),
 * a bad assignment or hardware id not in `catalog` (path "--set
 * NAME=VALUE"), a name set twice or set to none; `out` is then left as
 * it was. */
gpucost_status gpucost_scenario_skeleton(const char *kind, const char *id, const char *const *sets,
                                         size_t nsets, const gpucost_catalog *catalog,
                                         gpucost_buf *out, gpucost_error *err);

#endif
