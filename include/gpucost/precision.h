/*
 * precision.h - the number formats a peak is quoted in (fp4 ... fp64),
 * their names and their bit lengths (the "bit length" of the export
 * rules' TPP).
 */
#ifndef GPUCOST_PRECISION_H
#define GPUCOST_PRECISION_H

typedef enum gpucost_precision {
    GPUCOST_P_FP4,
    GPUCOST_P_FP8,
    GPUCOST_P_INT8,
    GPUCOST_P_BF16,
    GPUCOST_P_FP16,
    GPUCOST_P_TF32,
    GPUCOST_P_FP32,
    GPUCOST_P_FP64,
    GPUCOST_P_COUNT
} gpucost_precision;

/* The precision used when a scenario names none. */
#define GPUCOST_P_DEFAULT GPUCOST_P_BF16

/* "fp8", "bf16", ...  Borrowed static string. */
const char *gpucost_precision_name(gpucost_precision p);
/* Looks `name` up (case-insensitive).  Returns 0 and sets `*p`, or -1. */
int gpucost_precision_lookup(const char *name, gpucost_precision *p);
/* The operation's bit length: 4 for fp4 ... 64 for fp64. */
int gpucost_precision_bits(gpucost_precision p);

#endif
