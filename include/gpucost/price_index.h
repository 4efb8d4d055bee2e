/*
 * price_index.h - the producer price index that turns one year's dollars
 * into another's.
 *
 * Epoch AI states training costs in 2023 dollars with FRED series
 * PCU518210518210 (US producer price index: data processing, hosting and
 * related services; monthly, December 2000 = 100), bundled as
 * models/record/PCU518210518210.csv.  A year's level is the mean of the
 * months the series has for it; a cost in year `from`'s dollars is worth
 * cost x level(to) / level(from) in year `to`'s.  (Epoch's own inflation.py
 * scales from the publication month to a month; gpucost's unit is the
 * year, since scenarios are dated to the year at best.)
 *
 * The file is FRED's two-column export: a header
 * "observation_date,PCU518210518210", then "YYYY-MM-DD,value" a line.
 */
#ifndef GPUCOST_PRICE_INDEX_H
#define GPUCOST_PRICE_INDEX_H

#include <stddef.h>

#include "gpucost/error.h"

typedef struct gpucost_price_index gpucost_price_index;

/* Parses the series from `text` (`len` bytes; a leading UTF-8 byte-order
 * mark is skipped).  `file` names it in errors.  Returns a new index in
 * *out; free with gpucost_price_index_free(). */
gpucost_status gpucost_price_index_parse(const char *file, const char *text, size_t len,
                                         gpucost_price_index **out, gpucost_error *err);

/* Reads and parses the file at `path`.  Returns a new index in *out; free
 * with gpucost_price_index_free(). */
gpucost_status gpucost_price_index_load(const char *path, gpucost_price_index **out,
                                        gpucost_error *err);

/* No-op on NULL. */
void gpucost_price_index_free(gpucost_price_index *p);

/* The mean of `year`'s months in *level; GPUCOST_ENOTFOUND (path
 * "price_year") when the series has none of them. */
gpucost_status gpucost_price_index_year(const gpucost_price_index *p, int year, double *level,
                                        gpucost_error *err);

/* level(to) / level(from) in *factor: what one dollar of year `from` is in
 * year `to`'s dollars. */
gpucost_status gpucost_price_index_factor(const gpucost_price_index *p, int from, int to,
                                          double *factor, gpucost_error *err);

#endif
