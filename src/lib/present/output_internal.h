/*
 * output_internal.h - internal: what the per-command output files
 * (output_*.c) and the report share.
 *
 * Each command's output is one document built once (render/view.h): its
 * blocks for people and CSV, its data tree for JSON, its cases for JUnit
 * and TAP, rendered by the format table's renderer (gc_view_finish).  The
 * view builders named here are the ones the report composes, so a table
 * reads the same in a terminal, in Markdown and on the page.
 */
#ifndef GPUCOST_OUTPUT_INTERNAL_H
#define GPUCOST_OUTPUT_INTERNAL_H

#include "gpucost/output.h"
#include "base/text.h"
#include "render/view.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* Whether `d` knows `q`. */
int gc_output_known(const gpucost_derivation *d, gpucost_quantity q);
/* Guards every known value of every result; the error names the
 * scenario's file. */
gpucost_status gc_output_guard_results(const gpucost_result *items, size_t n, gpucost_error *err);
/* A relative difference `frac` as a signed percentage with `decimals`
 * digits ("+263.78%"), in scientific notation where fixed would be too
 * long to read ("+1.01e+303%"), "-" when there is none (not finite): the
 * same in every error column and message, never cut by a buffer.
 * Writes `buf` (size n, 16 is enough) and returns it. */
char *gc_output_percent(double frac, int decimals, char *buf, size_t n);
/* "h800 fp8", "h800" (inference) or "-". */
void gc_output_hardware_label(const gpucost_derivation *d, char *buf, size_t n);
/* "conflicts" and "notes" arrays of `d`, and a what-if's "whatif" object,
 * into object `o` of the document's data tree. */
void gc_output_conflicts_json(gc_view *doc, gc_dnode *o, const gpucost_derivation *d);
void gc_output_whatif_json(gc_view *doc, gc_dnode *o, const gpucost_whatif *w,
                           const gpucost_derivation *d);

/* The units a command left out (may be NULL): "errors" and
 * "not_testable" arrays into `root`; for people, an "error:" line per
 * bad unit and a count of what could not be tested. */
void gc_output_units_json(gc_view *doc, gc_dnode *root, const gpucost_units *u);
void gc_view_units(gc_view *v, const gpucost_units *u);

/* What reconcile holds exact and what it leaves out of the fit, a line
 * each, then a gap (nothing when there is neither). */
void gc_view_reconcile_notes(gc_view *v, const gpucost_reconcile_result *r);

/* run: one scenario's quantities (quantity, value, origin, meaning), the
 * unknown ones, its conflicts and notes. */
void gc_view_quantities(gc_view *v, const gpucost_result *it, gpucost_selection sel);
/* run: a fleet's table by part (nothing unless `it` carries its parts). */
void gc_view_fleet_parts(gc_view *v, const gpucost_result *it);
/* compare: the side-by-side table (people: values with origin markers
 * and ratios; CSV: exact values, ratios, origins, conflicts) and, for
 * people, the footnotes under it.  `html` links each scenario to its
 * section of the report. */
void gc_view_comparison(gc_view *v, const gpucost_result *items, size_t n, int baseline,
                        gpucost_selection sel, int html);
/* check: one row per case (claim or conflict). */
gc_vtable *gc_view_cases(gc_view *v, const gpucost_claim_result *r, size_t n, int html);
/* range: the percentiles table (with ratios to `baseline`, may be NULL). */
void gc_view_percentiles(gc_view *v, const gpucost_range_result *r, gpucost_selection sel,
                         const gpucost_result *baseline);
/* range: the histogram of the headline output with its percentile marks
 * (tag "histogram"), the tornado (tag "tornado"), each a series with
 * `title`; gc_view_range_charts adds both with their titles. */
void gc_view_histogram(gc_view *v, const char *title, const gpucost_range_result *r);
void gc_view_tornado(gc_view *v, const char *title, const gpucost_range_result *r);
void gc_view_range_charts(gc_view *v, const gpucost_scenario *sc, const gpucost_range_result *r);
/* reconcile: one row per observation. */
void gc_view_observations(gc_view *v, const gpucost_reconcile_result *r, int html);

#pragma GCC visibility pop

#endif
