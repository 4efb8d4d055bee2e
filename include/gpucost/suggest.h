/*
 * suggest.h - "did you mean": the name a mistyped one was most likely
 * meant to be.  Shared by every hint: unknown keys, quantities, hardware
 * ids and options.
 */
#ifndef GPUCOST_SUGGEST_H
#define GPUCOST_SUGGEST_H

#include <stddef.h>

/* The candidate `name` was most likely meant to be, or NULL: one edit
 * away, else a candidate `name` is the prefix of before '_' ("cost" ->
 * "cost_usd"), else two edits away for names of four or more characters.
 * Shared by every "did you mean" hint. */
const char *gpucost_suggest(const char *name, const char *const *candidates, size_t n);

/* Edit distance between two short strings (capped at 99), shared by the
 * "did you mean" hints of every module. */
int gpucost_edit_distance(const char *a, const char *b);

#endif
