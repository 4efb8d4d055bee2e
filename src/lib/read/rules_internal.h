/*
 * rules_internal.h - internal: what the files of the export-control rules
 * share (rules.h).  rules.c holds the set (its names, its freeing, loading
 * a folder and the checks across files); rules_file.c reads one rule
 * file; rules_dest.c reads destinations.json and says which destinations
 * a rule covers; rules_eval.c gives a chip's status on a date.  Not
 * installed.
 */
#ifndef GPUCOST_RULES_INTERNAL_H
#define GPUCOST_RULES_INTERNAL_H

#include <stddef.h>

#include "gpucost/rules.h"

#include "read/json.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

/* A country group of destinations.json. */
typedef struct dest_group {
    char *id, *name;
    gpucost_dest_list members; /* country codes */
} dest_group;

struct gpucost_rules {
    gpucost_rule *items;
    size_t n;
    /* destinations.json: countries (code, name pairs) and groups */
    char **codes, **names;
    size_t ncountries;
    dest_group *groups;
    size_t ngroups;
    gpucost_source *dest_sources;
    size_t ndest_sources;
    int has_destinations;
};

/* rules_file.c: appends the rule in `len` bytes of `text` to `set`; the
 * set owns what it read, even on failure (free it with
 * gpucost_rules_free()). */
gpucost_status gc_rules_add_rule(gpucost_rules *set, const char *file, const char *text, size_t len,
                                 gpucost_error *err);
/* rules_file.c: `node` is an object whose keys are among `keys`; else an
 * error naming what was `expected`. */
gpucost_status gc_rules_object_with(const gc_json_doc *doc, const cJSON *node, const char *path,
                                    const char *const *keys, const char *expected,
                                    gpucost_error *err);
/* rules_file.c: an optional array member `key` of the document's top
 * level, read by gc_json_array. */
gpucost_status gc_rules_read_array(const gc_json_doc *doc, const char *key, size_t size,
                                   gc_json_entry_fn read, void *ctx, void **items, size_t *n,
                                   gpucost_error *err);
/* rules_file.c: the list of destination names member `key` of `obj` (at
 * `path`), read as new strings into `*out` (freed with the set); absent
 * leaves it empty. */
gpucost_status gc_rules_read_dest_list(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                       const char *key, gpucost_dest_list *out, gpucost_error *err);

/* rules_dest.c: reads destinations.json into `set` (which owns what it
 * read, even on failure); every group member is a country. */
gpucost_status gc_rules_add_destinations(gpucost_rules *set, const char *file, const char *text,
                                         size_t len, gpucost_error *err);
/* rules_dest.c: every destination every rule of `set` names is known. */
gpucost_status gc_rules_check_destinations(const gpucost_rules *set, gpucost_error *err);
/* rules_dest.c: whether `to` less `except` (NULL: nothing) covers `d`. */
int gc_rules_scope_covers(const gpucost_rules *set, const gpucost_dest_list *to,
                          const gpucost_dest_list *except, const gpucost_destination *d);

#pragma GCC visibility pop

#endif
