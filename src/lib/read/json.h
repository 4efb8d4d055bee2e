/*
 * json.h - internal: the only place that touches cJSON on the way in.
 *
 * Parses a document with cJSON_ParseWithLengthOpts and its end pointer,
 * turning failures into file:line:column errors; checks for NUL bytes,
 * invalid UTF-8 and nesting beyond GPUCOST_JSON_MAX_DEPTH before cJSON sees
 * the text.  cJSON keeps no positions, so gc_json_locate() re-walks the
 * text beside the tree to find a node's line:column when an error needs it
 * (errors are rare; no cost on the happy path).  Helpers read numbers,
 * strings, uncertain values and source lists with the JSON path in every
 * message, and reject unknown and duplicate keys with a "did you mean".
 */
#ifndef GPUCOST_JSON_H
#define GPUCOST_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "gpucost/buf.h"
#include "gpucost/dist.h"
#include "gpucost/quantity.h"
#include "gpucost/error.h"
#include "gpucost/source.h"

/* internal: not exported from the shared library */
#pragma GCC visibility push(hidden)

#define GPUCOST_JSON_MAX_DEPTH 64
#define GPUCOST_JSON_MAX_BYTES (16u * 1024u * 1024u)

typedef struct gc_json_doc {
    cJSON *root;
    char *text; /* owned copy of the bytes parsed */
    size_t len;
    char file[256];
} gc_json_doc;

/* Reads a whole file (at most GPUCOST_JSON_MAX_BYTES).  On success `*text`
 * is a new NUL-terminated buffer; free with free(). */
gpucost_status gc_json_read_file(const char *path, char **text, size_t *len, gpucost_error *err);

/* The one read-parse-free of every loader: reads `path` and hands its
 * bytes to `parse(ctx, path, text, len, err)`, returning what it returns. */
typedef gpucost_status (*gc_json_parse_fn)(void *ctx, const char *file, const char *text,
                                           size_t len, gpucost_error *err);
gpucost_status gc_json_load(const char *path, gc_json_parse_fn parse, void *ctx,
                            gpucost_error *err);

/* Parses `len` bytes of `text` (copied) as the document of `file`; the top
 * level must be an object.  Release with gc_json_doc_release(). */
gpucost_status gc_json_parse(gc_json_doc *doc, const char *file, const char *text, size_t len,
                             gpucost_error *err);
void gc_json_doc_release(gc_json_doc *doc);

/* Whether the raw `len` bytes of `text` name one of `keys[0..n)` as a key
 * of a top-level object, spelled without escapes: a scan of the bytes
 * that tracks strings, escapes and nesting, no parse.  1 settles it (the
 * document has that key or does not parse); 0 settles nothing (an
 * escaped key, a document that is not an object): parse to know. */
int gc_json_has_top_key(const char *text, size_t len, const char *const *keys, size_t n);

/* 1-based line:column of `node`'s value (or of its key when `key` is set
 * and the node is an object member); 0:0 when not found. */
void gc_json_locate(const gc_json_doc *doc, const cJSON *node, int key, int *line, int *column);

/* Raises an error located at `node` (value position). */
gpucost_status gc_json_fail(const gc_json_doc *doc, const cJSON *node, gpucost_status code,
                            const char *path, gpucost_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* The same, located at `node`'s key rather than its value (an unknown or
 * duplicate key); the code is GPUCOST_EINVAL. */
gpucost_status gc_json_fail_key(const gc_json_doc *doc, const cJSON *node, const char *path,
                                gpucost_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Checks that `obj` (at `path`) is an object whose keys are all in the
 * NULL-terminated `allowed` list, with no key twice. */
/* The number member `key` of `obj` (at `parent`): `*has` (may be NULL)
 * says whether it is there; absent is not an error unless `required`.
 * The one reader of numeric members for scenarios, claims, catalog
 * entries and uncertain values. */
gpucost_status gc_json_number_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                     const char *key, int required, double *out, int *has,
                                     gpucost_error *err);

gpucost_status gc_json_check_keys(const gc_json_doc *doc, const cJSON *obj, const char *path,
                                  const char *const *allowed, gpucost_error *err);

/* Writes "parent.key" or "parent[i]" into `out`. */
void gc_json_path(char *out, size_t n, const char *parent, const char *key, int index);

/* A short description of a node's type for messages: "a string", ... */
const char *gc_json_type_name(const cJSON *node);

gpucost_status gc_json_number(const gc_json_doc *doc, const cJSON *node, const char *path,
                              double *out, gpucost_error *err);
/* `*out` is borrowed from the document. */
gpucost_status gc_json_string(const gc_json_doc *doc, const cJSON *node, const char *path,
                              const char **out, gpucost_error *err);
/* The string member `key` of `obj` (at `parent`) as a new string in
 * `*out` (free with free()); "" when absent and not `required`; a
 * required one must be present and non-empty. */
gpucost_status gc_json_string_member(const gc_json_doc *doc, const cJSON *obj, const char *parent,
                                     const char *key, int required, char **out, gpucost_error *err);
/* A number or one of the uncertain-value objects of docs/scenario-format.md. */
gpucost_status gc_json_dist(const gc_json_doc *doc, const cJSON *node, const char *path,
                            gpucost_dist *out, gpucost_error *err);
/* Whether every value `d` can take (a point, or its 5th, 50th and 95th
 * percentiles) lies in q's domain. */
int gc_dist_in_domain(gpucost_quantity q, const gpucost_dist *d);
/* The same for a value of quantity `q`: every value it can take (a
 * point, or the 5th, 50th and 95th percentiles of a range) must lie in
 * q's domain. */
gpucost_status gc_json_quantity_dist(const gc_json_doc *doc, const cJSON *node, const char *path,
                                     gpucost_quantity q, gpucost_dist *out, gpucost_error *err);
/* Reads the array `node` (at `path`) entry by entry into a new zeroed
 * array `*items` of `size`-byte entries: `read(doc, entry, "path[i]",
 * ctx, item, err)` for each, counting in `*n` as it goes so that a
 * failure leaves every entry read so far for the caller to free.  The
 * one reader of object arrays for fleets, phases and rules. */
typedef gpucost_status (*gc_json_entry_fn)(const gc_json_doc *doc, const cJSON *entry,
                                           const char *path, void *ctx, void *item,
                                           gpucost_error *err);
gpucost_status gc_json_array(const gc_json_doc *doc, const cJSON *node, const char *path,
                             size_t size, gc_json_entry_fn read, void *ctx, void **items, size_t *n,
                             gpucost_error *err);
/* Reads a "sources" array.  On success `*out` is a new array of `*n`
 * sources; free with gpucost_sources_free(). */
gpucost_status gc_json_sources(const gc_json_doc *doc, const cJSON *node, const char *path,
                               gpucost_source **out, size_t *n, gpucost_error *err);
/* Reads an "estimates" or "derived" object {field: "how"} and appends to
 * `*notes` (grown with realloc). */
/* A document's "sources", "estimates" and "derived" members (each may be
 * absent) appended to the arrays: the one reader scenarios and catalog
 * entries share. */
gpucost_status gc_json_provenance(const gc_json_doc *doc, const cJSON *obj,
                                  gpucost_source **sources, size_t *nsources, gpucost_note **notes,
                                  size_t *nnotes, gpucost_error *err);
gpucost_status gc_json_notes(const gc_json_doc *doc, const cJSON *node, const char *path,
                             int derived, gpucost_note **notes, size_t *n, gpucost_error *err);

#pragma GCC visibility pop

#endif
