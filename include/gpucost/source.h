/*
 * source.h - where a number comes from: title, URL and a verbatim quote.
 *
 * Catalog entries and scenarios carry a list of sources.  A source may name
 * the fields it backs ("fields": ["inputs.gpus"]) so that a test can prove
 * every number in models/ is sourced or marked as an estimate.
 */
#ifndef GPUCOST_SOURCE_H
#define GPUCOST_SOURCE_H

#include <stddef.h>

typedef struct gpucost_source {
    char *title;   /* never NULL once loaded */
    char *url;     /* "" when absent */
    char *quote;   /* "" when absent */
    char **fields; /* the JSON paths this source backs; may be empty */
    size_t nfields;
    int unverified; /* the source was marked "verified": false */
} gpucost_source;

/* A note that a number is an estimate or derived, and how. */
typedef struct gpucost_note {
    char *field; /* JSON path the note is about, e.g. "inputs.mfu" */
    char *how;   /* the reasoning */
    int derived; /* 1: "derived", 0: "estimate" */
} gpucost_note;

/* The marker of a text still to be written: `gpucost new` (scenario.h,
 * gpucost_scenario_skeleton) writes "TODO: where this number comes from"
 * into each source it stubs, and `check` fails a scenario whose title or
 * source still starts with it (claims.h, gpucost_claims_placeholders). */
#define GPUCOST_PLACEHOLDER "TODO"

/* Whether `text` (may be NULL) is still a placeholder: it starts, after
 * any spaces, with GPUCOST_PLACEHOLDER. */
int gpucost_source_placeholder(const char *text);

/* Whether `field` (a JSON path such as "inputs.gpus") is named by one of
 * the sources' `fields` or by one of the notes. */
int gpucost_sources_cover(const gpucost_source *s, size_t n, const gpucost_note *notes,
                          size_t nnotes, const char *field);

/* Frees the strings inside `n` sources and then the array itself. */
void gpucost_sources_free(gpucost_source *s, size_t n);
void gpucost_notes_free(gpucost_note *notes, size_t n);

#endif
