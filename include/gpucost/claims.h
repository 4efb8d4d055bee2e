/*
 * claims.h - checking a scenario's published claims.
 *
 * Each claim is recomputed from the scenario's inputs with any input of the
 * same name left out (derive's `exclude`), so a claim is never checked
 * against itself.  A claim holds when the computed value is within the
 * relative tolerance of `value`, or inside [min, max].  A claim marked
 * "expect": "fail" records a published number known to disagree; it passes
 * (as expected-fail) only while it still disagrees, and fails once it
 * holds, so a fix upstream is noticed.  A claim whose quantity cannot be
 * derived that way is unverifiable, never passed.  A claim about one
 * phase of a run ("phase": "pre-training") is checked on that phase
 * derived on its own (gpucost_derive_phase).  An export claim is checked
 * against the catalog's rules (rules.h): unverifiable without rules, an
 * error for a chip the catalog lacks.
 *
 * A claim's own "date" (scenario.h) replaces the scenario's "date" for that
 * claim alone: where the scenario gives no rental price, the claim is
 * checked at the median of the on-demand quotes within 6 months of the
 * claim's date (derive.c's window, the nearest period with quotes when
 * there are none), and the result says so (priced_date).  A price the
 * scenario gives is the price, whatever either date says: the date is
 * only a way to find a price that the file does not state.
 *
 * Conflicts are checked too (docs/tutorial.md, "Nothing back-derived silently"): every conflict
 * of a scenario's derivation is a case of its own that fails unless the
 * scenario records it under "expect_conflicts"; a recorded conflict passes
 * (as expected-fail) while it persists and fails once it is gone.
 *
 * Placeholders fail too: a scenario whose title or a source's title, url
 * or quote still starts with GPUCOST_PLACEHOLDER ("TODO", what `gpucost
 * new` writes; source.h) is a skeleton not yet filled in, and each such
 * text is a failing case of its own, so a skeleton never passes CI.
 */
#ifndef GPUCOST_CLAIMS_H
#define GPUCOST_CLAIMS_H

#include <stddef.h>

#include "gpucost/catalog.h"
#include "gpucost/derive.h"
#include "gpucost/error.h"
#include "gpucost/rules.h"
#include "gpucost/scenario.h"

typedef enum gpucost_claim_status {
    GPUCOST_CLAIM_PASS,
    GPUCOST_CLAIM_FAIL,
    GPUCOST_CLAIM_UNVERIFIABLE,
    GPUCOST_CLAIM_EXPECTED_FAIL
} gpucost_claim_status;

typedef struct gpucost_claim_result {
    const gpucost_scenario *scenario; /* borrowed */
    const gpucost_claim *claim;       /* borrowed from the scenario; NULL for a conflict case */
    /* A conflict case: `conflict` as derived (when `has_conflict`), and the
     * scenario's record of it (borrowed; NULL when unrecorded).  A record
     * whose conflict is gone has `has_conflict` 0. */
    int is_conflict, has_conflict;
    gpucost_conflict conflict;
    const gpucost_derivation *derivation; /* borrowed; conflict cases only */
    const gpucost_expected_conflict *expected;
    /* A placeholder case: the scenario's title (`index` SIZE_MAX) or its
     * source `index` still holds the marker; `placeholder_fields` says
     * which of the source's texts (1 title, 2 url, 4 quote; 1 for the
     * scenario's title). */
    int is_placeholder;
    unsigned placeholder_fields;
    size_t index; /* position in the scenario's claims (sources, a placeholder) */
    gpucost_claim_status status;
    int has_computed;
    double computed;
    /* Signed (computed - claimed) / claimed for a value; for bounds, the
     * relative distance past the nearer bound (0 inside).  0 when
     * unverifiable. */
    double rel_error;
    /* An export claim: what the rules say of the chip on the date (its
     * `status` is the computed one); has_computed stays 0. */
    int has_verdict;
    gpucost_export_verdict verdict;
    /* A claim with its own "date" whose computation was priced at the
     * on-demand quotes of that date (the scenario gives no price of its
     * own): the date (yyyymmdd) and the chip (borrowed from the catalog),
     * for gpucost_derive_quote_basis to say which quotes; 0 and NULL
     * otherwise. */
    int priced_date;
    const gpucost_hardware *priced_hardware;
} gpucost_claim_result;

typedef struct gpucost_claim_summary {
    size_t pass, fail, unverifiable, expected_fail;
} gpucost_claim_summary;

/* Checks every claim of `s` into the caller's array `results` of
 * s->nclaims entries.  Fails only when derivation fails (bad hardware,
 * overflow). */
gpucost_status gpucost_claims_check(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                    gpucost_claim_result *results, gpucost_error *err);

/* The conflict cases of `s` given its derivation `d` (with the same --set
 * applied) into the caller's `results`, which holds at least
 * gpucost_claims_conflict_count(s, d) entries.  Returns how many. */
size_t gpucost_claims_conflicts(const gpucost_scenario *s, const gpucost_derivation *d,
                                gpucost_claim_result *results);
/* An upper bound on the cases gpucost_claims_conflicts() writes. */
size_t gpucost_claims_conflict_count(const gpucost_scenario *s, const gpucost_derivation *d);

/* The placeholder cases of `s` (claims.h's design comment) into the
 * caller's `results`, which holds at least
 * gpucost_claims_placeholder_count(s) entries, each failing.  Returns how
 * many: the title first, then the sources in file order. */
size_t gpucost_claims_placeholders(const gpucost_scenario *s, gpucost_claim_result *results);
/* An upper bound on the cases gpucost_claims_placeholders() writes. */
size_t gpucost_claims_placeholder_count(const gpucost_scenario *s);

/* Adds `n` results to `sum`. */
void gpucost_claims_tally(const gpucost_claim_result *results, size_t n,
                          gpucost_claim_summary *sum);

/* "pass", "fail", "unverifiable" or "expected-fail". */
const char *gpucost_claim_status_name(gpucost_claim_status st);

#endif
