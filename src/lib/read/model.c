/*
 * model.c - reading a network's architecture and the formulas on it
 * (model.h).  The reader is shared by a scenario's inline "model" block
 * (gc_model_parse_node, model_json.h) and a bundled architecture file.
 */
#include "gpucost/model.h"

#include "gpucost/buf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "read/json.h"
#include "read/model_json.h"

const char *gpucost_attention_name(gpucost_attention a)
{
    switch (a) {
    case GPUCOST_ATTN_MHA: return "mha";
    case GPUCOST_ATTN_GQA: return "gqa";
    case GPUCOST_ATTN_MLA: return "mla";
    }
    return "mha";
}

void gc_model_release(gpucost_model *m)
{
    gc_free(m->id);
    gc_free(m->name);
    gc_free(m->file);
    gpucost_sources_free(m->sources, m->nsources);
    gpucost_notes_free(m->notes, m->nnotes);
    memset(m, 0, sizeof *m);
}

void gpucost_model_free(gpucost_model *m)
{
    if (m == NULL)
        return;
    gc_model_release(m);
    gc_free(m);
}

/* The numeric members, where they go and whether each must be whole. */
typedef struct field {
    const char *key;
    size_t offset;
    int whole;
} field;

#define F(k, w)                                                                                    \
    {                                                                                              \
#k, offsetof(gpucost_model, k), w                                                          \
    }
static const field fields[] = {
    F(layers, 1),         F(d_model, 1),        F(heads, 1),         F(kv_heads, 1),
    F(head_dim, 1),       F(kv_lora_rank, 1),   F(rope_head_dim, 1), F(experts, 1),
    F(experts_active, 1), F(shared_experts, 1), F(vocab, 1),         F(params_total, 0),
    F(params_active, 0),  F(seq_len, 1),
};
#undef F

static double *slot(gpucost_model *m, const field *f)
{
    return (double *)(void *)((char *)m + f->offset);
}

static gpucost_status read_fields(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  gpucost_model *m, gpucost_error *err)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(node, fields[i].key);
        if (c == NULL)
            continue;
        char where[160];
        gc_json_path(where, sizeof where, path, fields[i].key, 0);
        double v;
        gpucost_status rc = gc_json_number(doc, c, where, &v, err);
        if (rc != GPUCOST_OK)
            return rc;
        int zero_ok = strcmp(fields[i].key, "shared_experts") == 0;
        if (!(v > 0.0 || (zero_ok && v == 0.0)))
            return gc_json_fail(doc, c, GPUCOST_EINVAL, where, err, "expected %s, got %g",
                                zero_ok ? "a count of 0 or more" : "a positive number", v);
        if (fields[i].whole && (v != floor(v) || v > 1e15))
            return gc_json_fail(doc, c, GPUCOST_EINVAL, where, err,
                                "expected a whole number, got %g", v);
        *slot(m, &fields[i]) = v;
    }
    return GPUCOST_OK;
}

/* A required member that is absent: the error names it at the block. */
static gpucost_status need(const gc_json_doc *doc, const cJSON *node, const char *path, double v,
                           const char *key, const char *why, gpucost_error *err)
{
    if (v > 0.0)
        return GPUCOST_OK;
    return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err, "missing key '%s'%s", key, why);
}

/* "attention": one of mha, gqa, mla; else inferred from kv_heads. */
static gpucost_status read_attention(const gc_json_doc *doc, const cJSON *node, const char *path,
                                     gpucost_model *m, gpucost_error *err)
{
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(node, "attention");
    char where[160];
    gc_json_path(where, sizeof where, path, "attention", 0);
    if (c == NULL) {
        m->attention =
            m->kv_heads > 0.0 && m->kv_heads < m->heads ? GPUCOST_ATTN_GQA : GPUCOST_ATTN_MHA;
        return GPUCOST_OK;
    }
    const char *s;
    gpucost_status rc = gc_json_string(doc, c, where, &s, err);
    if (rc != GPUCOST_OK)
        return rc;
    for (int a = GPUCOST_ATTN_MHA; a <= GPUCOST_ATTN_MLA; a++)
        if (strcmp(s, gpucost_attention_name((gpucost_attention)a)) == 0) {
            m->attention = (gpucost_attention)a;
            return GPUCOST_OK;
        }
    return gc_json_fail(doc, c, GPUCOST_EINVAL, where, err,
                        "unknown attention '%s' (known: mha, gqa, mla)", s);
}

static gpucost_status read_kv_precision(const gc_json_doc *doc, const cJSON *node, const char *path,
                                        gpucost_model *m, gpucost_error *err)
{
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(node, "kv_precision");
    m->kv_precision = GPUCOST_P_BF16;
    if (c == NULL)
        return GPUCOST_OK;
    char where[160];
    gc_json_path(where, sizeof where, path, "kv_precision", 0);
    const char *s;
    gpucost_status rc = gc_json_string(doc, c, where, &s, err);
    if (rc == GPUCOST_OK && gpucost_precision_lookup(s, &m->kv_precision) != 0)
        rc = gc_json_fail(doc, c, GPUCOST_EINVAL, where, err,
                          "unknown precision '%s' (known: fp4, fp8, int8, bf16, fp16, tf32, fp32, "
                          "fp64)",
                          s);
    return rc;
}

/* What the formulas need, given together and consistent. */
static gpucost_status check_shape(const gc_json_doc *doc, const cJSON *node, const char *path,
                                  gpucost_model *m, gpucost_error *err)
{
    gpucost_status rc = need(doc, node, path, m->layers, "layers", "", err);
    if (rc == GPUCOST_OK)
        rc = need(doc, node, path, m->heads, "heads", "", err);
    if (rc == GPUCOST_OK)
        rc = need(doc, node, path, m->head_dim, "head_dim", "", err);
    if (rc == GPUCOST_OK)
        rc = need(doc, node, path, m->params_total, "params_total", "", err);
    if (rc == GPUCOST_OK && m->attention == GPUCOST_ATTN_GQA)
        rc = need(doc, node, path, m->kv_heads, "kv_heads", " (attention gqa)", err);
    if (rc == GPUCOST_OK && m->attention == GPUCOST_ATTN_MLA)
        rc = need(doc, node, path, m->kv_lora_rank, "kv_lora_rank", " (attention mla)", err);
    if (rc == GPUCOST_OK && m->attention == GPUCOST_ATTN_MLA)
        rc = need(doc, node, path, m->rope_head_dim, "rope_head_dim", " (attention mla)", err);
    if (rc == GPUCOST_OK && m->experts > 0.0)
        rc = need(doc, node, path, m->experts_active, "experts_active", " (with experts)", err);
    if (rc != GPUCOST_OK)
        return rc;
    if (m->attention == GPUCOST_ATTN_MHA && m->kv_heads == 0.0)
        m->kv_heads = m->heads;
    if (m->params_active == 0.0)
        m->params_active = m->params_total;
    if (m->attention != GPUCOST_ATTN_MLA &&
        (m->kv_heads > m->heads || fmod(m->heads, m->kv_heads) != 0.0))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "kv_heads (%g) must divide heads (%g)", m->kv_heads, m->heads);
    if (m->attention == GPUCOST_ATTN_MHA && m->kv_heads != m->heads)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "attention mha has kv_heads = heads (%g); with %g KV heads it is gqa",
                            m->heads, m->kv_heads);
    if (m->experts_active > m->experts && m->experts > 0.0)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "experts_active (%g) exceeds experts (%g)", m->experts_active,
                            m->experts);
    if (m->params_active > m->params_total)
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "params_active (%g) exceeds params_total (%g)", m->params_active,
                            m->params_total);
    return GPUCOST_OK;
}

gpucost_status gc_model_parse_node(const gc_json_doc *doc, const cJSON *node, const char *path,
                                   int file, gpucost_model *m, gpucost_error *err)
{
    /* a scenario's block is refused its provenance keys below, with a
     * message that says where they go; a file has them */
    static const char *const keys[] = {"id",
                                       "name",
                                       "attention",
                                       "layers",
                                       "d_model",
                                       "heads",
                                       "kv_heads",
                                       "head_dim",
                                       "kv_lora_rank",
                                       "rope_head_dim",
                                       "experts",
                                       "experts_active",
                                       "shared_experts",
                                       "vocab",
                                       "params_total",
                                       "params_active",
                                       "seq_len",
                                       "kv_precision",
                                       "sources",
                                       "estimates",
                                       "derived",
                                       NULL};
    if (!cJSON_IsObject(node))
        return gc_json_fail(doc, node, GPUCOST_EINVAL, path, err,
                            "expected an object or a bundled model's id, got %s",
                            gc_json_type_name(node));
    static const char *const provenance[] = {"sources", "estimates", "derived"};
    for (size_t i = 0; i < 3 && !file; i++) {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(node, provenance[i]);
        char where[160];
        gc_json_path(where, sizeof where, path, provenance[i], 0);
        if (c != NULL)
            return gc_json_fail_key(doc, c, where, err,
                                    "unknown key '%s' (a scenario's %s go at the top level)",
                                    provenance[i], provenance[i]);
    }
    gpucost_status rc = gc_json_check_keys(doc, node, path, keys, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "id", file, &m->id, err);
    if (rc == GPUCOST_OK)
        rc = gc_json_string_member(doc, node, path, "name", 0, &m->name, err);
    if (rc == GPUCOST_OK)
        rc = read_fields(doc, node, path, m, err);
    if (rc == GPUCOST_OK)
        rc = read_attention(doc, node, path, m, err);
    if (rc == GPUCOST_OK)
        rc = read_kv_precision(doc, node, path, m, err);
    if (rc == GPUCOST_OK)
        rc = check_shape(doc, node, path, m, err);
    if (rc == GPUCOST_OK && file)
        rc = gc_json_provenance(doc, node, &m->sources, &m->nsources, &m->notes, &m->nnotes, err);
    if (rc == GPUCOST_OK && (m->file = gpucost_strdup(doc->file)) == NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, doc->file, 0, 0, NULL, "out of memory");
    return rc;
}

gpucost_status gpucost_model_parse(const char *file, const char *text, size_t len,
                                   gpucost_model **out, gpucost_error *err)
{
    gc_json_doc doc;
    gpucost_status rc = gc_json_parse(&doc, file, text, len, err);
    if (rc != GPUCOST_OK)
        return rc;
    gpucost_model *m = gc_calloc(1, sizeof *m);
    if (m == NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, NULL, "out of memory");
    else
        rc = gc_model_parse_node(&doc, doc.root, "", 1, m, err);
    gc_json_doc_release(&doc);
    if (rc != GPUCOST_OK) {
        gpucost_model_free(m);
        return rc;
    }
    *out = m;
    return GPUCOST_OK;
}

static gpucost_status parse_into(void *out, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    return gpucost_model_parse(file, text, len, out, err);
}

gpucost_status gpucost_model_load(const char *path, gpucost_model **out, gpucost_error *err)
{
    return gc_json_load(path, parse_into, out, err);
}

double gpucost_model_kv_bytes_per_token(const gpucost_model *m)
{
    double bytes = gpucost_precision_bits(m->kv_precision) / 8.0;
    if (m->attention == GPUCOST_ATTN_MLA)
        return m->layers * (m->kv_lora_rank + m->rope_head_dim) * bytes;
    return 2.0 * m->layers * m->kv_heads * m->head_dim * bytes;
}

double gpucost_model_attention_flops_per_token(const gpucost_model *m)
{
    return 12.0 * m->layers * m->heads * m->head_dim * m->seq_len;
}

int gpucost_model_is_moe(const gpucost_model *m)
{
    return m != NULL && m->experts > m->experts_active && m->experts_active > 0.0;
}

/* The routed experts' parameters, from the totals: the active ones are
 * the dense part plus experts_active experts, the total the dense part
 * plus all of them. */
static double routed_params(const gpucost_model *m, double total, double active)
{
    double r = (total - active) * m->experts / (m->experts - m->experts_active);
    return r > 0.0 ? fmin(r, total) : 0.0;
}

double gpucost_model_params_resident(const gpucost_model *m, double params_total,
                                     double params_active, double gpus)
{
    if (!gpucost_model_is_moe(m))
        return params_total / gpus;
    double routed = routed_params(m, params_total, params_active);
    return params_total - routed + routed / gpus;
}

double gpucost_model_params_read(const gpucost_model *m, double params_total, double params_active,
                                 double gpus, double tokens)
{
    if (!gpucost_model_is_moe(m))
        return params_total / gpus;
    double routed = routed_params(m, params_total, params_active);
    /* the chance an expert is touched by none of the step's tokens:
     * (1 - k/E)^tokens, via log1p so that a small k/E keeps its digits */
    double untouched = exp(tokens * log1p(-m->experts_active / m->experts));
    return params_total - routed + routed / gpus * (1.0 - untouched);
}
