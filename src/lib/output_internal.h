/*
 * output_internal.h - internal: what the per-command output files
 * (output_*.c) and the report share.
 *
 * Each command's output is a view built once (view.h) and rendered per
 * format; JSON is built beside it (json_out.h).  The view builders named
 * here are the ones the report composes, so a table reads the same in a
 * terminal, in Markdown and on the page.
 */
#ifndef GPUCOST_OUTPUT_INTERNAL_H
#define GPUCOST_OUTPUT_INTERNAL_H

#include "gpucost/output.h"
#include "json_out.h"
#include "view.h"

/* GPUCOST_EINVAL: format `f` is not available for command `cmd`. */
gpucost_status gpucost_output_unsupported(gpucost_format f, const char *cmd, gpucost_error *err);
/* Whether `d` knows `q`. */
int gpucost_output_known(const gpucost_derivation *d, gpucost_quantity q);
/* Guards every known value of every result; the error names the
 * scenario's file. */
gpucost_status gpucost_output_guard_results(const gpucost_result *items, size_t n,
                                            gpucost_error *err);
/* "h800 fp8", "h800" (inference) or "-". */
void gpucost_output_hardware_label(const gpucost_derivation *d, char *buf, size_t n);
/* Appends ", text" (or "text" first) to the list in `buf`. */
void gpucost_output_list_add(char *buf, size_t n, const char *text);
/* "conflicts" and "notes" arrays of `d`, and a what-if's "whatif" object,
 * into object `o`. */
void gpucost_output_conflicts_json(gpucost_jw *j, cJSON *o, const gpucost_derivation *d);
void gpucost_output_whatif_json(gpucost_jw *j, cJSON *o, const gpucost_whatif *w,
                                const gpucost_derivation *d);

/* run: one scenario's quantities (quantity, value, origin, meaning), the
 * unknown ones, its conflicts and notes. */
void gpucost_view_quantities(gpucost_view *v, const gpucost_result *it, gpucost_selection sel);
/* compare: the side-by-side table (people: values with origin markers
 * and ratios; CSV: exact values, ratios, origins, conflicts) and, for
 * people, the footnotes under it.  `html` links each scenario to its
 * section of the report. */
void gpucost_view_comparison(gpucost_view *v, const gpucost_result *items, size_t n,
                             int baseline, gpucost_selection sel, int html);
/* check: one row per case (claim or conflict). */
void gpucost_view_cases(gpucost_view *v, const gpucost_claim_result *r, size_t n, int html);
/* range: the percentiles table (with ratios to `baseline`, may be NULL). */
void gpucost_view_percentiles(gpucost_view *v, const gpucost_range_result *r,
                              gpucost_selection sel, const gpucost_result *baseline);
/* reconcile: one row per observation. */
void gpucost_view_observations(gpucost_view *v, const gpucost_reconcile_result *r, int html);

#endif
