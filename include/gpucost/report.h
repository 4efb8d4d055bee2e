/*
 * report.h - one self-contained HTML page: comparison, claims, every
 * scenario's quantities and sources, and the charts.
 *
 * The page has no scripts, external styles, fonts or images: CSS is inline
 * and the charts are inline SVG from chart.h, so it opens offline and can
 * be attached to a CI run.  Links to sources are the only external
 * references, and only http(s) URLs become links.
 */
#ifndef GPUCOST_REPORT_H
#define GPUCOST_REPORT_H

#include <stddef.h>

#include "gpucost/buf.h"
#include "gpucost/claims.h"
#include "gpucost/derive.h"
#include "gpucost/error.h"
#include "gpucost/range.h"
#include "gpucost/reconcile.h"
#include "gpucost/scenario.h"

typedef struct gpucost_report_item {
    const gpucost_scenario *scenario;     /* borrowed */
    const gpucost_derivation *derivation; /* borrowed */
    const gpucost_claim_result *claims;   /* nclaims results: claims, then conflict cases */
    size_t nclaims;
    const gpucost_range_result *range; /* NULL when nothing is uncertain */
    /* a fleet's parts, each derived alone (gpucost_derive_part): borrowed,
     * NULL / 0 to leave the table by part out */
    const gpucost_derivation *parts;
    size_t nparts;
} gpucost_report_item;

/* A reconciled case for the page's reconcile section: a name (its files)
 * and the result, both borrowed. */
typedef struct gpucost_report_case {
    const char *name;
    const gpucost_reconcile_result *result;
} gpucost_report_case;

/* Writes the page for `items[0..n)` and the reconciled `cases[0..ncases)`
 * (ncases may be 0) to `out`; `baseline` is an index into items for ratio
 * columns, or -1.  `rules` (may be NULL) adds the export status of the
 * scenarios' accelerators at each rule's date (rules.h) for destination
 * `to` (NULL: China).  `version` names
 * the generator. */
struct gpucost_rules;
struct gpucost_destination;
gpucost_status gpucost_report_html(const gpucost_report_item *items, size_t n,
                                   const gpucost_report_case *cases, size_t ncases, int baseline,
                                   const struct gpucost_rules *rules,
                                   const struct gpucost_destination *to, const char *version,
                                   gpucost_buf *out, gpucost_error *err);

/* The record's audit page (report_record.c): `items[0..n)` as in
 * gpucost_report_html, the units left out (may be NULL), `nread` the rows
 * read.  A summary (rows read, scenarios, claims, rows not testable by
 * reason, bad rows), then the claims that fail, worst first, filtered by
 * domain, year and estimation method with CSS alone (no script). */
struct gpucost_units;
gpucost_status gpucost_report_record_html(const gpucost_report_item *items, size_t n,
                                          const struct gpucost_units *units, size_t nread,
                                          const char *version, gpucost_buf *out,
                                          gpucost_error *err);

#endif
