/*
 * model.h - a network's architecture (docs/quantities-and-methods.md,
 * "Throughput from first principles"): the "model" block of a scenario, or a bundled file in
 * models/architectures/ that a scenario names by id.
 *
 * The block holds what the throughput formulas need and nothing they do
 * not: layers, heads, KV heads, head dimension, the attention kind (MHA,
 * GQA, MLA with its latent and RoPE dimensions), the experts of a
 * mixture-of-experts, vocabulary, parameters and sequence length.  The
 * numbers are structural (counts), never uncertain; what a user varies in
 * a what-if (batch, context, efficiency) are quantities (quantity.h).
 *
 * The formulas here are the pure ones, each testable against a hand
 * computation:
 *   - attention FLOP per training token, PaLM Appendix B: 12 x layers x
 *     heads x head_dim x seq_len (beside 6 x params_active);
 *   - KV-cache bytes per token: 2 x layers x kv_heads x head_dim x bytes
 *     (MHA, GQA), layers x (kv_lora_rank + rope_head_dim) x bytes (MLA);
 *   - the parameters one GPU of a serving replica holds and reads per
 *     decode step.  A mixture-of-experts is served as DeepSeek serves V3:
 *     the dense part (attention, shared experts, embeddings) on every GPU,
 *     the routed experts spread over the replica (expert parallelism); a
 *     step reads each GPU's dense part plus the share of its resident
 *     experts that the step's tokens touch, experts_resident x (1 - (1 -
 *     experts_active/experts)^tokens).  A dense model is split evenly over
 *     the replica (tensor parallelism).
 */
#ifndef GPUCOST_MODEL_H
#define GPUCOST_MODEL_H

#include <stddef.h>

#include "gpucost/error.h"
#include "gpucost/precision.h"
#include "gpucost/source.h"

typedef enum gpucost_attention {
    GPUCOST_ATTN_MHA,
    GPUCOST_ATTN_GQA,
    GPUCOST_ATTN_MLA
} gpucost_attention;

typedef struct gpucost_model {
    char *id;   /* "" for an inline block without one */
    char *name; /* "" when absent */
    char *file; /* the file it came from */
    gpucost_attention attention;
    /* 0 when absent; layers, heads, head_dim, params_total are required,
     * kv_heads for GQA, kv_lora_rank and rope_head_dim for MLA,
     * experts_active with experts */
    double layers, d_model, heads, kv_heads, head_dim, kv_lora_rank, rope_head_dim;
    double experts, experts_active, shared_experts, vocab;
    double params_total, params_active; /* params_active defaults to params_total */
    double seq_len;                     /* training sequence length; 0 when absent */
    gpucost_precision kv_precision;     /* the KV cache's format; bf16 unless given */
    gpucost_source *sources;
    size_t nsources;
    gpucost_note *notes;
    size_t nnotes;
} gpucost_model;

/* Reads a bundled architecture file.  Returns a new model in `*out`; free
 * with gpucost_model_free().  Errors carry file, line:column and path. */
gpucost_status gpucost_model_load(const char *path, gpucost_model **out, gpucost_error *err);
/* Parses `len` bytes of `text` as the architecture file `file`. */
gpucost_status gpucost_model_parse(const char *file, const char *text, size_t len,
                                   gpucost_model **out, gpucost_error *err);
void gpucost_model_free(gpucost_model *m);

/* "mha", "gqa" or "mla". */
const char *gpucost_attention_name(gpucost_attention a);

/* KV-cache bytes per token of context (the formulas above, at the
 * model's kv_precision). */
double gpucost_model_kv_bytes_per_token(const gpucost_model *m);

/* Attention FLOP per training token, 12 x layers x heads x head_dim x
 * seq_len; 0 when the model gives no seq_len. */
double gpucost_model_attention_flops_per_token(const gpucost_model *m);

/* Whether the model is a mixture-of-experts (experts > experts_active);
 * 0 for NULL, so the two functions below treat no model as dense. */
int gpucost_model_is_moe(const gpucost_model *m);

/* Parameters one GPU of a replica of `gpus` GPUs holds, for a model of
 * `params_total` and `params_active` (the quantities, which a what-if may
 * change from the block's); `m` may be NULL (a dense model). */
double gpucost_model_params_resident(const gpucost_model *m, double params_total,
                                     double params_active, double gpus);

/* Parameters one GPU reads in a decode step over `tokens` tokens (the
 * replica's batch): all it holds for a dense model; for a
 * mixture-of-experts its dense part plus its resident experts x (1 - (1 -
 * experts_active/experts)^tokens). */
double gpucost_model_params_read(const gpucost_model *m, double params_total, double params_active,
                                 double gpus, double tokens);

#endif
