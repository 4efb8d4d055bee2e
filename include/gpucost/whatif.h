/*
 * whatif.h - what-if changes that hold the job (docs/tutorial.md, "The
 * same job on other hardware").
 *
 * `--set hardware=X` or `--set precision=P` asks "the same job on other
 * hardware".  Applied naively it keeps the file's GPU-hours, measured on
 * the old hardware, and back-derives a nonsense utilisation.  Applied here
 * it holds the work (training_flops, or the params_active x tokens it comes
 * from), the cluster (gpus) and the efficiency (mfu as derived on the
 * scenario's own hardware and precision), drops the file's inputs that
 * the held set now determines (gpu_hours, wall_days, a given cost or
 * energy) and the file's figures for the old part (peak_flops, power_w,
 * gpu_price_usd, price_per_gpu_hour, which the new part's catalog entry
 * replaces), and re-derives the rest.  An inference scenario holds its
 * traffic (input and output tokens) and gpus.  `--hold a,b,c` names the
 * held quantities instead, for any change.
 *
 * How a held quantity is held: a file input stays an input; a quantity the
 * file derived from inputs that do not change (training_flops from
 * params_active x tokens x 6) is held through those inputs; one that
 * depends on what changes (mfu on the old peak) is pinned at its value on
 * the original scenario.  A pin that the user's own --set already
 * determines is not made (the user's number wins, and the held quantity is
 * re-derived from it).  A quantity of the default held set that is
 * derived from inputs the change replaces (a catalog figure of the new
 * part, the user's --set) is re-derived, not held, and says so.  A file
 * input is dropped when the held set and the
 * kept inputs determine it, tested in the order of quantity.h, so nothing
 * held is ever over-determined.  Without a hardware or precision change
 * and without --hold, --set is applied as given.
 */
#ifndef GPUCOST_WHATIF_H
#define GPUCOST_WHATIF_H

#include <stddef.h>

#include "gpucost/catalog.h"
#include "gpucost/derive.h"
#include "gpucost/error.h"
#include "gpucost/scenario.h"

typedef struct gpucost_whatif {
    int active;                    /* 1: holding applied (else the --set were applied as given) */
    int held[GPUCOST_Q_COUNT];     /* 1: held (kept as an input, through its inputs, or pinned) */
    int pinned[GPUCOST_Q_COUNT];   /* 1: pinned at its value on the original scenario */
    double value[GPUCOST_Q_COUNT]; /* held quantities: their value on the original scenario */
    int dropped[GPUCOST_Q_COUNT];  /* 1: a file input dropped */
    int unheld[GPUCOST_Q_COUNT];   /* 1: asked to hold, but unknown on the original (or set) */
    /* 1: in the default held set, but re-derived, not held: an input it
     * comes from changed (a batch that is the largest that fits, on a part
     * with more memory), or the user's --set determines it */
    int rederived[GPUCOST_Q_COUNT];
    gpucost_quantity order[GPUCOST_Q_COUNT]; /* the held set as asked, in order */
    size_t norder;
    char from[96];  /* the original hardware and precision, e.g. "h800 fp8" */
    char note[160]; /* e.g. "precision fp8 -> bf16 (ascend-910c has no fp8 peak)"; "" if none */
} gpucost_whatif;

/* Applies the overrides `sets[0..nsets)` (gpucost_scenario_override) to `s`, holding the job as
 * described above when they change the hardware or precision, or when `nhold` > 0 (then
 * `hold[0..nhold)` is the held set).  When the new hardware has no peak at the scenario's precision
 * (and no --set precision= names one), the job moves to the next wider precision the part has (fp8
 * -> bf16 on an Ascend 910C), and `note` says so.  `catalog` may be NULL when nothing names
 * hardware.  Fills the caller's `*out` (may be NULL); with no overrides and no held set, an
 * inactive what-if (all zero, `from` empty) at once.  Errors name the assignment or the scenario's
 * input; `s` may be partly changed on failure. */
gpucost_status gpucost_whatif_apply(gpucost_scenario *s, const gpucost_catalog *catalog,
                                    const gpucost_override *sets, size_t nsets,
                                    const gpucost_quantity *hold, size_t nhold, gpucost_whatif *out,
                                    gpucost_error *err);

/* Parses one assignment NAME=VALUE of the --set grammar (whatif_set.c):
 * hardware=ID, precision=NAME, QUANTITY=NUMBER (suffixes per number.h),
 * QUANTITY=LOW..HIGH (a 90% interval) or QUANTITY=none.  The override
 * borrows from `assignment` (a hardware id points into it).  Errors have
 * the request key's path "set.NAME" (call.h). */
gpucost_status gpucost_whatif_parse_set(const char *assignment, gpucost_override *o,
                                        gpucost_error *err);

/* The same with NAME and VALUE apart (gpucost_call's "set": {"gpus":
 * "50k"}): the override borrows `value` (a hardware id). */
gpucost_status gpucost_whatif_parse_value(const char *name, const char *value, gpucost_override *o,
                                          gpucost_error *err);

/* The quantity the assignment `name` sets when its value is typed (a
 * number, a range, none: gpucost_override_point and the others then make
 * the override); an error at "set.NAME" for an unknown quantity (with a
 * "did you mean") and for hardware, precision and amortisation, which take
 * a name. */
gpucost_status gpucost_whatif_quantity(const char *name, gpucost_quantity *q, gpucost_error *err);

#endif
