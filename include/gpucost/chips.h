/*
 * chips.h - Epoch AI's chip database ("Chip dataset-Grid view" CSV) read
 * as hardware catalog entries (docs/hardware.md, "Importing
 * Epoch's chip dataset"), the files `gpucost import` writes for a person to review.
 *
 * The CSV is recognised by its header (a first column "Hardware name" and
 * a "Tensor-FP16/BF16 performance (FLOP/s)" column); columns are read by
 * name, and a missing one is an error naming it.  Each row with at least
 * one usable peak becomes one entry in the shape of a models/hardware/ file:
 *
 *   peak_tflops   fp64, fp32 and tf32 from their columns; the tensor
 *                 "FP16/BF16" column as bf16 for a TPU, as fp16 and bf16
 *                 for a part released from 2020-05 (Ampere's BF16 tensor
 *                 cores and later), as fp16 alone before (Volta and Turing
 *                 tensor cores have no BF16); the plain FP16 column as
 *                 fp16 where there is no tensor figure; int8, fp8, fp4
 *   figures       memory (bytes / 1e9), bandwidth, intranode bandwidth
 *                 (interconnect), TDP, die area, release date, release
 *                 price (as price_usd), Google Cloud's on-demand price of
 *                 2022-12-17 (as rent_usd_per_hour)
 *   datacenter    designed or marketed for datacenters, an estimate from
 *                 the type and the name (a TPU, Tesla, Instinct: yes;
 *                 GeForce, TITAN, Quadro, RTX A-series, a CPU: no)
 *
 * Dense figures only: the dataset's peaks are dense by Epoch's convention,
 * and a figure the ratios give away as 2:4-sparse (int8 or fp8 above 2x,
 * tf32 above 0.5x the tensor FP16/BF16 peak, by more than 5%) is left out
 * and the entry's notes say so; the test is made for NVIDIA and AMD parts,
 * whose datasheets print sparse figures beside the dense ones (Trainium's
 * TF32 runs at its BF16 rate), and not for fp4 (Blackwell Ultra's dense
 * FP4 is 6x its BF16: no ratio tells).  Every number carries its
 * source: Epoch AI's database, the row, the column and the cell as
 * written, with the row's datasheet links.
 */
#ifndef GPUCOST_CHIPS_H
#define GPUCOST_CHIPS_H

#include <stddef.h>

#include "gpucost/error.h"

/* One chip as a catalog entry. */
typedef struct gpucost_chips_entry {
    size_t row; /* 1-based data row */
    int line;   /* the row's first line in the file */
    char *id;   /* the entry's id: the name less its maker, as a slug */
    char *json; /* the entry as JSON text, with a final newline */
} gpucost_chips_entry;

typedef struct gpucost_chips {
    size_t nrows_read; /* data rows in the file */
    gpucost_chips_entry *entries;
    size_t nentries;
    size_t nskipped; /* rows with no name or no usable peak */
} gpucost_chips;

/* Whether `len` bytes of `text` start like the chip dataset's header. */
int gpucost_chips_sniff(const char *text, size_t len);
/* The same for the file at `path` (0 when it cannot be read). */
int gpucost_chips_sniff_file(const char *path);
/* Converts the chip dataset in `len` bytes of `text` (`file` names it in
 * errors).  Returns a new set in `*out`; free with gpucost_chips_free().
 * Fails on a CSV that cannot be read or a missing column; a cell that is
 * not a number is left out of its entry, which says so in its notes. */
gpucost_status gpucost_chips_parse(const char *file, const char *text, size_t len,
                                   gpucost_chips **out, gpucost_error *err);
/* The same, reading the file at `path`. */
gpucost_status gpucost_chips_load(const char *path, gpucost_chips **out, gpucost_error *err);
void gpucost_chips_free(gpucost_chips *c);

#endif
