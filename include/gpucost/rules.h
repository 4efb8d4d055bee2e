/*
 * rules.h - export controls as data, each with its effective date
 * (one file per rule in models/rules/), and every accelerator's status on any date.
 *
 * A rule is threshold tests over catalog figures (TPP, performance
 * density, interconnect, memory bandwidth), or a list of named chips, or
 * both.  A test is a conjunction of bounds (min inclusive, max exclusive);
 * the first test of a rule that a chip meets gives that rule's status for
 * it; a named chip takes its named status.  On a date, the rules in force
 * are those effective on or before it and not replaced by a later rule in
 * force (the October 2023 rule replaced the October 2022 3A090).  A chip's
 * status is the most restrictive any rule in force gives it; among equals
 * the latest rule decides, so a chip-specific measure is the one named.
 * A test whose figure the catalog lacks cannot be decided: a chip that no
 * rule controls but one could not decide is "unknown", never "not
 * controlled".
 *
 * What the law adds to thresholds (docs/export-controls.md):
 * - Destinations.  A rule covers the countries and country groups of its
 *   "to" ("*" for every destination) less those of its "except"; without
 *   "to" it covers China ("CN").  The rules folder's destinations.json
 *   (not a rule) names the countries and groups.  A verdict is asked for
 *   one destination, a country or a group; a rule covers a group when it
 *   names the group or covers every member.
 * - Review policy.  A rule may state the licence review policy ("policy",
 *   or per destination "policies": [{"to", "policy"}], first match), and
 *   a test or named chip its own; the verdict carries it.
 * - Kinds.  "control" (the default) sets statuses as above.  "review"
 *   only sets the review policy of a chip other rules in force already
 *   put under licence (91 FR 1684: case-by-case below TPP 21,000); the
 *   latest review rule in force that matches decides.  "component"
 *   controls a part a chip carries (3A090.c: HBM stacks) and never the
 *   chip's own status; it is told in the chip's history.  "rescission"
 *   only takes the rules it "replaces" out of force.
 * - The consumer exemption.  A test marked "datacenter_only" (3A090's
 *   density tests, Note 2 to 3A090) applies only to chips the catalog
 *   marks "datacenter": true; a chip marked false passes it by, and one
 *   not marked leaves it undecided.
 */
#ifndef GPUCOST_RULES_H
#define GPUCOST_RULES_H

#include <stddef.h>

#include "gpucost/catalog.h"
#include "gpucost/error.h"
#include "gpucost/source.h"

/* In increasing severity. */
typedef enum gpucost_export_status {
    GPUCOST_EXPORT_NOT_CONTROLLED,
    GPUCOST_EXPORT_UNKNOWN,      /* a test needs a figure the catalog lacks */
    GPUCOST_EXPORT_NOTIFICATION, /* 3A090.b: notify before export */
    GPUCOST_EXPORT_LICENCE       /* a licence is required */
} gpucost_export_status;

/* "not controlled", "unknown", "notification", "licence required". */
const char *gpucost_export_status_name(gpucost_export_status s);
/* A status as files write it: "not controlled", "notification",
 * "licence" (or "licence required").  Returns 0 and sets `*out`, or -1. */
int gpucost_export_status_lookup(const char *s, gpucost_export_status *out);
/* What a file may write, for messages. */
#define GPUCOST_EXPORT_STATUS_KNOWN "licence, notification, not controlled"

/* A licence review policy as a rule states it, in increasing severity. */
typedef enum gpucost_review_policy {
    GPUCOST_POLICY_NONE, /* the rule states none */
    GPUCOST_POLICY_APPROVAL,
    GPUCOST_POLICY_CASE_BY_CASE,
    GPUCOST_POLICY_DENIAL
} gpucost_review_policy;

/* "", "presumption of approval", "case-by-case", "presumption of denial". */
const char *gpucost_review_policy_name(gpucost_review_policy p);
/* The policy a file writes (one of the three names); 0, or -1. */
int gpucost_review_policy_lookup(const char *s, gpucost_review_policy *out);

typedef enum gpucost_rule_kind {
    GPUCOST_RULE_CONTROL,
    GPUCOST_RULE_REVIEW,
    GPUCOST_RULE_COMPONENT,
    GPUCOST_RULE_RESCISSION
} gpucost_rule_kind;

/* "control", "review", "component", "rescission". */
const char *gpucost_rule_kind_name(gpucost_rule_kind k);

/* The catalog figures a test bounds. */
typedef enum gpucost_rule_field {
    GPUCOST_FIELD_TPP,
    GPUCOST_FIELD_DENSITY,
    GPUCOST_FIELD_INTERCONNECT,
    GPUCOST_FIELD_MEMORY_BW,
    GPUCOST_FIELD_COUNT
} gpucost_rule_field;

/* "tpp", "performance_density", "interconnect_gbs", "memory_bw_tbs". */
const char *gpucost_rule_field_name(gpucost_rule_field f);

#define GPUCOST_RULE_MAX_BOUNDS 4

typedef struct gpucost_rule_bound {
    gpucost_rule_field field;
    int has_min, has_max;
    double min, max; /* min <= x < max */
} gpucost_rule_bound;

typedef struct gpucost_rule_test {
    char *label; /* "3A090.a.1" */
    gpucost_export_status status;
    gpucost_review_policy policy; /* NONE: the rule's own for the destination */
    int datacenter_only;          /* the consumer exemption applies */
    gpucost_rule_bound bounds[GPUCOST_RULE_MAX_BOUNDS];
    size_t nbounds;
} gpucost_rule_test;

typedef struct gpucost_rule_named {
    char *hardware; /* a catalog id */
    gpucost_export_status status;
    gpucost_review_policy policy;
    char *note; /* what the measure says, "" if nothing */
} gpucost_rule_named;

/* A list of destinations: ISO 3166 alpha-2 codes ("CN"), group ids
 * ("D:5") and "*" for all. */
typedef struct gpucost_dest_list {
    char **items;
    size_t n;
} gpucost_dest_list;

/* A review policy for some destinations. */
typedef struct gpucost_rule_policy {
    gpucost_dest_list to;
    gpucost_review_policy policy;
} gpucost_rule_policy;

typedef struct gpucost_rule {
    char *id, *name, *file;
    int effective;      /* yyyymmdd */
    char *legal_status; /* "rule", or what it is: "letter to NVIDIA (8-K)", ... */
    gpucost_rule_kind kind;
    gpucost_dest_list to, except; /* to: {"CN"} when the file has none */
    gpucost_review_policy policy; /* for the destinations no entry of policies names */
    gpucost_rule_policy *policies;
    size_t npolicies;
    char **replaces; /* ids of the rules it takes the place of */
    size_t nreplaces;
    gpucost_rule_test *tests;
    size_t ntests;
    gpucost_rule_named *named;
    size_t nnamed;
    gpucost_source *sources;
    size_t nsources;
    gpucost_note *notes;
    size_t nnotes;
} gpucost_rule;

typedef struct gpucost_rules gpucost_rules;

/* Reads every *.json file of `dir` as a rule, sorted by effective date,
 * except destinations.json, the countries and groups rules name:
 * {"countries": {"CN": "China", ...}, "groups": [{"id": "D:5", "name",
 * "members": ["CN", ...]}], "sources": [...]}.  Without that file a rule
 * may name only "CN" and "*".
 * Returns a new set in `*out`; free with gpucost_rules_free().  Errors
 * carry file, line:column and JSON path.  Errors too: a rule that
 * replaces itself, one chip named twice in a rule, a replaced id that no
 * file has, and a replacement cycle (a replaces b, b replaces a), which
 * would leave none of them in force. */
gpucost_status gpucost_rules_load(const char *dir, gpucost_rules **out, gpucost_error *err);
/* Every chip the rules name is in `c`: GPUCOST_ENOTFOUND naming the rule
 * file and "named[k].hardware" (with a "did you mean") otherwise, so a
 * typo ("h2O") is not a rule about no chip.  The catalog's opening
 * (gpucost_catalog_open) checks the rules it loads. */
gpucost_status gpucost_rules_check_catalog(const gpucost_rules *r, const gpucost_catalog *c,
                                           gpucost_error *err);
/* Parses one rule file's `len` bytes into a set of one rule. */
gpucost_status gpucost_rules_parse(const char *file, const char *text, size_t len,
                                   gpucost_rules **out, gpucost_error *err);
void gpucost_rules_free(gpucost_rules *r);
size_t gpucost_rules_count(const gpucost_rules *r);
/* Borrowed; in order of effective date. */
const gpucost_rule *gpucost_rules_at(const gpucost_rules *r, size_t i);

/* Whether rule `i` of `r` is in force on `date` (yyyymmdd): effective
 * then, and not replaced by another rule effective then.  The one
 * definition: every table and line that says "in force" asks this. */
int gpucost_rules_in_force(const gpucost_rules *r, size_t i, int date);
/* The rules' distinct effective dates in order, as the index of the
 * first rule of each into `first` (room for `max`).  Returns how many. */
size_t gpucost_rules_dates(const gpucost_rules *r, size_t *first, size_t max);

/* Parses "YYYY-MM-DD" into yyyymmdd; -1 when it is not a calendar date. */
int gpucost_date_parse(const char *s);
/* Writes yyyymmdd as "YYYY-MM-DD" into `buf` (size n) and returns it. */
char *gpucost_date_format(int date, char *buf, size_t n);

/* A destination a verdict is for: one country or one group. */
typedef struct gpucost_destination {
    char id[16];   /* "CN", "D:5", "*" */
    char name[96]; /* "China", "Country Group D:5", "every destination" */
    int group;     /* 1 for a group (or "*") */
} gpucost_destination;

/* China, the default destination. */
void gpucost_destination_china(gpucost_destination *out);
/* Reads a destination as a user writes it: a code ("CN", any case), a
 * country's name ("china"), a group id ("D:5", "d5") or "*"/"all".
 * GPUCOST_ENOTFOUND with the known names (and a "did you mean") else. */
gpucost_status gpucost_rules_destination(const gpucost_rules *r, const char *text,
                                         gpucost_destination *out, gpucost_error *err);
/* Whether rule `rule` of `r` covers destination `d`. */
int gpucost_rules_covers(const gpucost_rules *r, const gpucost_rule *rule,
                         const gpucost_destination *d);

/* A chip's status on a date for a destination, and why. */
typedef struct gpucost_export_verdict {
    gpucost_export_status status;
    const gpucost_rule *rule;      /* the rule that decided it; NULL when none applies */
    const gpucost_rule_test *test; /* the test it met, or NULL (named, or not controlled) */
    const gpucost_rule_named *named;
    /* Under licence: the review policy and the rule that states it (the
     * deciding rule, or a later "review" rule); NONE/NULL when none does. */
    gpucost_review_policy policy;
    const gpucost_rule *policy_rule;
    /* The latest "review" rule in force that names or tests the chip,
     * whether or not it states a policy, and its note ("" if none). */
    const gpucost_rule *review_rule;
    const char *review_note;
    int exempt;    /* a datacenter-only test passed the chip by (consumer exemption) */
    char why[256]; /* "TPP 15,832 >= 4,800", "named: ...", "no rule in force" */
} gpucost_export_verdict;

/* The status of `h` on `date` (yyyymmdd) for destination `to` (NULL:
 * China) under the rules of `r`. */
void gpucost_rules_verdict(const gpucost_rules *r, const gpucost_hardware *h, int date,
                           const gpucost_destination *to, gpucost_export_verdict *out);

/* Whether "component" rule `rule` covers a part `h` carries (named, or a
 * test it meets): 1, and `why` (size n) says how; 0 otherwise. */
int gpucost_rules_component(const gpucost_rule *rule, const gpucost_hardware *h, char *why,
                            size_t n);

#endif
