/*
 * output.h - turning results into text: aligned tables, Markdown, CSV,
 * JSON (docs/commands.md), JUnit XML and TAP.
 *
 * Formatters append to a caller-owned gpucost_buf; they never print.
 * Human formats (table, md) use readable units ("$5.58M", "2.79M GPU-h",
 * "3.29e24 FLOP"); machine formats (csv, json) keep full precision.  Every
 * number passes one finiteness check (gpucost_output_guard) before it is
 * written, so NaN and Inf never reach an output: unknown quantities are
 * written as "unknown" / null.  Numbers are written with '.' as the
 * decimal point whatever locale the host set (gpucost.h): an SVG reads
 * x="210.5", a CSV cell 56.72, under de_DE as under "C".
 */
#ifndef GPUCOST_OUTPUT_H
#define GPUCOST_OUTPUT_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/catalog.h"
#include "gpucost/claims.h"
#include "gpucost/derive.h"
#include "gpucost/range.h"
#include "gpucost/reconcile.h"
#include "gpucost/rules.h"
#include "gpucost/error.h"
#include "gpucost/format.h"
#include "gpucost/scenario.h"
#include "gpucost/solve.h"
#include "gpucost/units.h"
#include "gpucost/whatif.h"

/* gpucost_format and its names: format.h (which formats each command
 * offers is one table, src/lib/render/format.c) */

struct gpucost_claim_result;

/* One scenario and its derivation, both borrowed, and what a what-if held
 * (borrowed; NULL or not active when nothing was held).  For a fleet,
 * `parts` may hold the derivation of each part (gpucost_derive_part,
 * `nparts` of them, borrowed) so that `run` shows the fleet by part; for
 * a run in phases, each phase's (gpucost_derive_phase), for the run by
 * phase. */
typedef struct gpucost_result {
    const gpucost_scenario *scenario;
    const gpucost_derivation *derivation;
    const gpucost_whatif *whatif;
    const gpucost_derivation *parts;
    size_t nparts;
    /* The scenario's claims as `check` tests them (borrowed, `nclaims` of
     * them; NULL / 0 to leave them out): `run` lists them under the
     * quantities they are about. */
    const struct gpucost_claim_result *claims;
    size_t nclaims;
} gpucost_result;

/* Which quantities to show: `qs[0..nq)`, or a default set when nq == 0. */
typedef struct gpucost_selection {
    const gpucost_quantity *qs;
    size_t nq;
} gpucost_selection;

/* `run`: each scenario's quantities with their origins, and conflicts.
 * Formats: table, md, csv, json. */
gpucost_status gpucost_output_run(const gpucost_result *items, size_t n, gpucost_selection sel,
                                  gpucost_format f, gpucost_buf *out, gpucost_error *err);

/* `run --format scenario`: the scenario file `text` (`len` bytes, the file
 * as written, which gpucost_scenario_parse read into `s`) with the
 * what-if applied to it: its "inputs" as the overrides `sets[0..nsets)`
 * and the what-if `w` (may be NULL) left them in `s` (each set written as
 * given, a pinned quantity as its number, a dropped input taken out), and
 * "id" replaced by `id` (NULL: kept).  Everything else stays as written.
 * `gpucost check` reads the result as it reads any scenario. */
gpucost_status gpucost_output_scenario(const char *text, size_t len, const char *id,
                                       const gpucost_scenario *s, const gpucost_whatif *w,
                                       const gpucost_override *sets, size_t nsets, gpucost_buf *out,
                                       gpucost_error *err);

/* `compare`: scenarios side by side; with `baseline` >= 0, each value's
 * ratio to that scenario's; the units left out (may be NULL) as in
 * check: JSON "errors" and "not_testable", lines under the table.
 * Formats: table, md, csv, json. */
gpucost_status gpucost_output_compare(const gpucost_result *items, size_t n, int baseline,
                                      gpucost_selection sel, const gpucost_units *units,
                                      gpucost_format f, gpucost_buf *out, gpucost_error *err);

/* `check`: claim results and a summary, then the units (may be NULL)
 * that could not be loaded (JSON "errors", a JUnit <error>, a TAP "not
 * ok", a table's "error:" line) or tested (JSON "not_testable", a count
 * under the table).  Formats: table, md, csv, json, junit, tap. */
gpucost_status gpucost_output_check(const gpucost_claim_result *r, size_t n,
                                    const gpucost_units *units, gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err);

/* Export controls over time (rules.h), from the rules attached to the
 * catalog: `hardware --on DATE` (each chip, or `id` alone, with its
 * status on `date` (yyyymmdd), the rule and the margin that decided it),
 * `hardware ID --history` (the chip's story: a paragraph per change of
 * status, review policy, deciding rule or controlled part) and
 * `hardware --rules`.  `to` is the destination (rules.h); NULL: China.  Formats: table, md, csv,
 * json.  GPUCOST_ENOTFOUND when no rules are loaded or `id` is unknown. */
gpucost_status gpucost_output_export_on(const gpucost_catalog *c, const char *id, int date,
                                        const gpucost_destination *to, gpucost_format f,
                                        gpucost_buf *out, gpucost_error *err);
gpucost_status gpucost_output_export_history(const gpucost_catalog *c, const char *id,
                                             const gpucost_destination *to, gpucost_format f,
                                             gpucost_buf *out, gpucost_error *err);
gpucost_status gpucost_output_rules(const gpucost_catalog *c, gpucost_format f, gpucost_buf *out,
                                    gpucost_error *err);

/* How the hardware table is cut and ordered; every field may be NULL.
 *   columns  comma-separated column keys after the id (id, name, vendor,
 *            released, datacenter, fp4, fp8, int8, bf16, fp16, tf32, fp32,
 *            fp64, memory_gb, memory_bw_tbs, interconnect_gbs, tdp_w,
 *            die_area_mm2, tpp, density, 3a090a, price, rent); NULL: name,
 *            bf16, fp8, memory_gb, memory_bw_tbs, tdp_w, tpp, density,
 *            3a090a, price
 *   sort     a column key: numbers largest first, text in byte order,
 *            entries without the value last; ties and NULL by id
 *   vendor   entries whose vendor contains it, ignoring ASCII case
 *   year     "YYYY" or "YYYY-YYYY": entries released in those years
 *            (entries without a release date are left out) */
typedef struct gpucost_hardware_select {
    const char *columns, *sort, *vendor, *year;
} gpucost_hardware_select;

/* `hardware`: the catalog (or the entry `id` when not NULL) with TPP,
 * performance density and the 3A090.a flag, cut and ordered by `sel`
 * (NULL: every entry, the default columns, by id; json takes the filter
 * and the order and gives every field).  Formats: table, md, csv, json.
 * A bad `sel` is GPUCOST_EUSAGE naming the request key. */
gpucost_status gpucost_output_hardware(const gpucost_catalog *c, const char *id,
                                       const gpucost_hardware_select *sel, gpucost_format f,
                                       gpucost_buf *out, gpucost_error *err);

/* `range`: percentiles of every varying quantity, the tornado and, when
 * computed, Sobol indices.  `sel` filters the quantities (nq == 0: all).
 * With `baseline` (may be NULL), each quantile's ratio to the baseline
 * scenario's point value.  Formats: table, md, csv, json, svg (the
 * histogram) and html (both charts after the tables). */
/* One chart of a range as SVG: the histogram of the headline output,
 * titled "ID: distribution of Q", or its tornado, "ID: what drives Q
 * (each input from its p5 to its p95)".  `range --format svg` draws the
 * one `chart` names; the report and HTML draw both. */
typedef enum gpucost_range_chart {
    GPUCOST_CHART_HISTOGRAM,
    GPUCOST_CHART_TORNADO
} gpucost_range_chart;
gpucost_status gpucost_output_range_chart(const gpucost_scenario *sc, const gpucost_range_result *r,
                                          gpucost_range_chart which, gpucost_buf *out,
                                          gpucost_error *err);
gpucost_status gpucost_output_range(const gpucost_scenario *s, const gpucost_range_result *r,
                                    gpucost_selection sel, const gpucost_result *baseline,
                                    gpucost_format f, gpucost_buf *out, gpucost_error *err);

/* `solve`: the input's value and the target it reaches.  Formats: table,
 * md, csv, json. */
gpucost_status gpucost_output_solve(const gpucost_scenario *s, const gpucost_solve_result *r,
                                    gpucost_format f, gpucost_buf *out, gpucost_error *err);

/* A claim's published figure for people: "$5.58M", "38.0%..43.0%",
 * "<= 60.0 d", ">= 1.00k GPUs". */
void gpucost_output_claimed(const gpucost_claim *c, char *buf, size_t n);

/* One conflict or note of `d` for people, e.g. "peak_flops: the inputs
 * imply 9.35e14 FLOP/s, the catalog's h800 fp8 peak is 1.98e15 FLOP/s
 * (-52.7%)".  The one wording shared by run, compare, check and report. */
void gpucost_output_conflict(const gpucost_derivation *d, const gpucost_conflict *c, char *buf,
                             size_t n);

/* What every check format says of one case, claim or conflict. */
typedef struct gpucost_case_text {
    const char
        *name; /* quantity name, with the phase for a phase's claim: "cost_usd [pre-training]" */
    char label[96];    /* where `name` points for a phase's claim */
    char where[48];    /* "claims[2]", "conflict", "expect_conflicts[0]" */
    char line[512];    /* the one-sentence finding */
    char claimed[160]; /* human: the published figure or the given value */
    char computed[64]; /* human: what the inputs give */
    char rel[32];      /* human: the signed relative error */
    /* For CSV: the numbers at full precision, formatted only by the CSV
     * writer; NaN where the case has none, and then the csv_ text (a
     * claimed range "lo..hi", an export status, "" for unknown). */
    double exact_claimed, exact_computed, exact_rel;
    char csv_claimed[96], csv_computed[64], csv_rel[40];
    const char *source; /* who said it, or what kind of conflict */
    const char *note;   /* why it is expected or unverifiable; "" if none */
} gpucost_case_text;

/* Fills `*t` for one check case (claim or conflict): the one wording that
 * check's formats and the report's claims table share. */
void gpucost_output_case(const gpucost_claim_result *r, gpucost_case_text *t);

/* What a what-if held and dropped, for people: "held: training_flops,
 * gpus, mfu 16.5% (from h800 fp8); re-derived: gpu_hours, wall_days;
 * from the catalog: price_per_gpu_hour".  `d` is the derivation after the
 * what-if.  Empty when `w` is NULL or not active. */
void gpucost_output_whatif(const gpucost_whatif *w, const gpucost_derivation *d, char *buf,
                           size_t n);

/* `reconcile`: a verdict line first, then every observation and the case's
 * fitted quantities with 90% intervals.  Formats: table, md, csv (the
 * observations), json. */
gpucost_status gpucost_output_reconcile(const gpucost_reconcile_result *r, gpucost_format f,
                                        gpucost_buf *out, gpucost_error *err);

/* One observation's cells: human text ("2,048 GPUs", "<= 60.0 d",
 * "+0.51", "holds", "-") or, with `exact`, full-precision numbers ("" when
 * not defined).  Shared by reconcile's formats and the report. */
typedef struct gpucost_obs_text {
    char value[96], adjusted[64], residual[40], loo[40], leverage[40];
} gpucost_obs_text;
void gpucost_output_obs(const gpucost_observation *o, int exact, gpucost_obs_text *t);

/* The verdict line alone: "inconsistent: chi2 115 on 4 dof (p 6e-24);
 * drop 1 of 10: gpus 50,000 (Alexandr Wang, CNBC)". */
void gpucost_output_reconcile_verdict(const gpucost_reconcile_result *r, char *buf, size_t n);

/* `quantities`: every quantity's name, unit, meaning, scenario kinds,
 * relations and where it comes from when not given.  Formats: table, md,
 * csv, json. */
gpucost_status gpucost_output_quantities(gpucost_format f, gpucost_buf *out, gpucost_error *err);

/* The one finiteness check: returns GPUCOST_ERANGE naming `what` when `v`
 * is NaN or infinite. */
gpucost_status gpucost_output_guard(double v, const char *what, gpucost_error *err);

#endif
