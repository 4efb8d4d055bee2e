/*
 * number.h - reading numbers people type and writing numbers people read.
 *
 * Parsing accepts what appears in articles and on the command line:
 * "2.8M", "50k", "1.5e6", "14.8T", "2,048" is NOT accepted (a comma is a
 * list separator on the command line).  Suffixes: k (1e3), M (1e6), B or G
 * (1e9), T (1e12), P (1e15), and "%" (1e-2).  strtod with an end pointer
 * and errno does the work; NaN, Inf and out-of-range values are refused.
 *
 * Formatting writes three significant digits with SI suffixes, the way the
 * numbers are quoted in the press ("$5.58M", "2.79M"), or scientific
 * notation for FLOP counts ("3.29e24").  Both directions use '.' as the
 * decimal point whatever locale the host set (gpucost.h).
 */
#ifndef GPUCOST_NUMBER_H
#define GPUCOST_NUMBER_H

#include <stddef.h>

/* Parses all of `s` into `*out`.  Returns 0 on success, -1 when `s` is not
 * a finite number (with optional suffix) or is out of range.  `*out` is
 * written only on success. */
int gpucost_number_parse(const char *s, double *out);

typedef enum gpucost_numstyle {
    GPUCOST_NUM_SI,      /* 2.79M, 56.7, 0.173 */
    GPUCOST_NUM_USD,     /* $5.58M, $2.00 */
    GPUCOST_NUM_SCI,     /* 3.29e24 */
    GPUCOST_NUM_PERCENT, /* 0.173 -> 17.3% */
    GPUCOST_NUM_COUNT,   /* 2,048 below a million, SI above */
    GPUCOST_NUM_YEAR     /* 2023: a calendar year, no grouping */
} gpucost_numstyle;

/* Writes `v` in `style` into `buf` (size `n`).  A non-finite `v` is
 * written as "n/a", never as "nan" or "inf".  Returns `buf`. */
char *gpucost_number_format(double v, gpucost_numstyle style, char *buf, size_t n);

/* Writes `v` with full round-trip precision ("%.17g" shortened when a
 * shorter form reads back equal), for CSV and other machine output. */
char *gpucost_number_format_exact(double v, char *buf, size_t n);

#endif
