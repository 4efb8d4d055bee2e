/*
 * precision.c - the precision names and bit lengths (precision.h).
 */
#include "base/c_locale.h"
#include "gpucost/precision.h"

static const struct {
    const char *name;
    int bits;
} precisions[GPUCOST_P_COUNT] = {
    [GPUCOST_P_FP4] = {"fp4", 4},    [GPUCOST_P_FP8] = {"fp8", 8},
    [GPUCOST_P_INT8] = {"int8", 8},  [GPUCOST_P_BF16] = {"bf16", 16},
    [GPUCOST_P_FP16] = {"fp16", 16}, [GPUCOST_P_TF32] = {"tf32", 32},
    [GPUCOST_P_FP32] = {"fp32", 32}, [GPUCOST_P_FP64] = {"fp64", 64},
};

const char *gpucost_precision_name(gpucost_precision p)
{
    return precisions[p].name;
}

int gpucost_precision_lookup(const char *name, gpucost_precision *p)
{
    for (int i = 0; i < GPUCOST_P_COUNT; i++)
        if (gc_ascii_casecmp(precisions[i].name, name) == 0) {
            *p = (gpucost_precision)i;
            return 0;
        }
    return -1;
}

int gpucost_precision_bits(gpucost_precision p)
{
    return precisions[p].bits;
}
