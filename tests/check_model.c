/*
 * check_model.c - the model block and bundled architectures (model.h):
 * the formulas against hand computations (the KV-cache figures of
 * DeepSeek-V3's MLA and Llama 3 70B's GQA, PaLM's attention term, the
 * weights a mixture-of-experts GPU holds and reads), the bundled files,
 * and every error of a bad block with its place.
 */
#include "check_util.h"

#include "gpucost/model.h"

static gpucost_model *bundled(const char *id)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/architectures/%s.json", GPUCOST_MODELS, id);
    gpucost_model *m = NULL;
    ck_assert_ok(gpucost_model_load(path, &m, &e_));
    return m;
}

/* MLA caches the latent and the RoPE key: 61 x (512 + 64) x 2 bytes. */
START_TEST(test_model_kv_mla_deepseek_v3)
{
    gpucost_model *m = bundled("deepseek-v3");
    ck_assert_int_eq(m->attention, GPUCOST_ATTN_MLA);
    ck_assert_double_eq(gpucost_model_kv_bytes_per_token(m), 70272.0);
    gpucost_model_free(m);
}
END_TEST

/* GQA caches K and V per KV head: 2 x 80 x 8 x 128 x 2 bytes. */
START_TEST(test_model_kv_gqa_llama3_70b)
{
    gpucost_model *m = bundled("llama3-70b");
    ck_assert_int_eq(m->attention, GPUCOST_ATTN_GQA);
    ck_assert_double_eq(gpucost_model_kv_bytes_per_token(m), 327680.0);
    /* dense: params_active defaults to params_total */
    ck_assert_double_eq(m->params_active, m->params_total);
    ck_assert(!gpucost_model_is_moe(m));
    gpucost_model_free(m);
}
END_TEST

/* PaLM Appendix B: 12 x L x H x Q x T = 12 x 118 x 48 x 256 x 2048. */
START_TEST(test_model_attention_palm)
{
    gpucost_model *m = bundled("palm-540b");
    ck_assert_double_eq(gpucost_model_attention_flops_per_token(m), 35634806784.0);
    /* multi-query attention: one KV head, 2 x 118 x 1 x 256 x 2 bytes */
    ck_assert_double_eq(gpucost_model_kv_bytes_per_token(m), 120832.0);
    gpucost_model_free(m);
}
END_TEST

/* A mixture-of-experts: the dense part on every GPU, the routed experts
 * spread over the replica; a step touches 1 - (1 - k/E)^tokens of them. */
START_TEST(test_model_moe_resident_and_read)
{
    gpucost_model *m = bundled("deepseek-v3");
    double routed = (671e9 - 37e9) * 256.0 / 248.0, dense = 671e9 - routed;
    ck_assert_rel(gpucost_model_params_resident(m, 671e9, 37e9, 144), dense + routed / 144, 1e-14);
    /* one token touches exactly 8 of 256 experts on average */
    ck_assert_rel(gpucost_model_params_read(m, 671e9, 37e9, 144, 1),
                  dense + routed / 144 * (8.0 / 256.0), 1e-12);
    double t = 88.1 * 144;
    ck_assert_rel(gpucost_model_params_read(m, 671e9, 37e9, 144, t),
                  dense + routed / 144 * (1.0 - pow(1.0 - 8.0 / 256.0, t)), 1e-12);
    /* a what-if that makes every parameter active leaves nothing routed */
    ck_assert_rel(gpucost_model_params_read(m, 671e9, 671e9, 144, 1), 671e9, 1e-15);
    gpucost_model_free(m);
    /* dense: split evenly, all of it read */
    m = bundled("llama3-405b");
    ck_assert_rel(gpucost_model_params_resident(m, 405e9, 405e9, 8), 405e9 / 8, 1e-15);
    ck_assert_rel(gpucost_model_params_read(m, 405e9, 405e9, 8, 1000), 405e9 / 8, 1e-15);
    gpucost_model_free(m);
}
END_TEST

START_TEST(test_model_inline_block)
{
    gpucost_scenario *s = test_parse(
        "{\"id\": \"t\", \"kind\": \"inference\", \"model\": {\"layers\": 2, \"heads\": 4, "
        "\"head_dim\": 8, \"params_total\": 1e9, \"kv_precision\": \"fp8\"}, \"inputs\": {}}");
    ck_assert_ptr_nonnull(s->model);
    ck_assert_ptr_null(s->model_id);
    ck_assert_int_eq(s->model->attention, GPUCOST_ATTN_MHA);
    ck_assert_double_eq(s->model->kv_heads, 4);
    /* 2 x 2 layers x 4 heads x 8 x 1 byte */
    ck_assert_double_eq(gpucost_model_kv_bytes_per_token(s->model), 128.0);
    gpucost_scenario_free(s);
    s = test_parse("{\"id\": \"t\", \"model\": \"deepseek-v3\", \"inputs\": {}}");
    ck_assert_ptr_null(s->model);
    ck_assert_str_eq(s->model_id, "deepseek-v3");
    ck_assert_int_eq(s->model_loc.line, 1);
    gpucost_scenario_free(s);
}
END_TEST

typedef struct bad {
    const char *block;
    const char *path;
    int column;
    const char *message;
} bad;

/* Each error of a block: the block starts at column 36 of one line. */
START_TEST(test_model_errors)
{
    static const bad cases[] = {
        {"{\"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9}", "model", 36,
         "missing key 'layers'"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8}", "model", 36,
         "missing key 'params_total'"},
        {"{\"layers\": 2.5, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9}", "model.layers",
         47, "expected a whole number, got 2.5"},
        {"{\"layers\": 0, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9}", "model.layers",
         47, "expected a positive number, got 0"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, \"attention\": "
         "\"mqa\"}",
         "model.attention", 111, "unknown attention 'mqa' (known: mha, gqa, mla)"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, \"attention\": "
         "\"mla\"}",
         "model", 36, "missing key 'kv_lora_rank' (attention mla)"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, \"attention\": "
         "\"gqa\"}",
         "model", 36, "missing key 'kv_heads' (attention gqa)"},
        {"{\"layers\": 2, \"heads\": 6, \"kv_heads\": 4, \"head_dim\": 8, \"params_total\": 1e9}",
         "model", 36, "kv_heads (4) must divide heads (6)"},
        {"{\"layers\": 2, \"heads\": 4, \"kv_heads\": 2, \"head_dim\": 8, \"params_total\": 1e9, "
         "\"attention\": \"mha\"}",
         "model", 36, "attention mha has kv_heads = heads (4); with 2 KV heads it is gqa"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, \"experts\": 8}",
         "model", 36, "missing key 'experts_active' (with experts)"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, \"experts\": 8, "
         "\"experts_active\": 9}",
         "model", 36, "experts_active (9) exceeds experts (8)"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, "
         "\"params_active\": 2e9}",
         "model", 36, "params_active (2e+09) exceeds params_total (1e+09)"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, \"layer\": 3}",
         "model.layer", 98, "unknown key 'layer' (did you mean 'layers'?)"},
        {"{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9, \"sources\": []}",
         "model.sources", 98, "unknown key 'sources' (a scenario's sources go at the top level)"},
        {"[1]", "model", 36, "expected an object or a bundled model's id, got an array"},
        {"\"\"", "model", 36, "expected a bundled model's id, got an empty string"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[1024];
        snprintf(json, sizeof json, "{\"id\": \"t\", \"inputs\": {}, \"model\": %s}",
                 cases[i].block);
        gpucost_scenario *s = NULL;
        gpucost_error err;
        gpucost_status st = gpucost_scenario_parse("m.json", json, strlen(json), &s, &err);
        ck_assert_msg(st == GPUCOST_EINVAL, "case %zu: status %d (%s)", i, st,
                      st ? err.message : "ok");
        ck_assert_str_eq(err.path, cases[i].path);
        ck_assert_str_eq(err.message, cases[i].message);
        ck_assert_msg(err.line == 1 && err.column == cases[i].column, "case %zu: at %d:%d", i,
                      err.line, err.column);
        ck_assert_ptr_null(s);
    }
}
END_TEST

/* A scenario naming a model the catalog lacks: an error at "model",
 * with the bundled ids and a guess. */
START_TEST(test_model_unknown_bundled)
{
    gpucost_scenario *s =
        test_parse("{\"id\": \"t\", \"kind\": \"inference\", \"model\": \"deepseek-v2\", "
                   "\"inputs\": {\"hardware\": \"h800\"}}");
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d;
    gpucost_error err;
    ck_assert_int_eq(gpucost_derive(s, c, NULL, &d, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.path, "model");
    ck_assert_int_eq(err.column, 43);
    ck_assert_str_eq(err.message, "unknown model 'deepseek-v2' (did you mean 'deepseek-v3'? "
                                  "bundled: deepseek-v3, llama3-405b, llama3-70b, palm-540b)");
    gpucost_catalog_free(c);
    gpucost_scenario_free(s);
}
END_TEST

/* A bundled file needs an id; a duplicate id across files is refused. */
START_TEST(test_model_file_errors)
{
    const char *text = "{\"layers\": 2, \"heads\": 4, \"head_dim\": 8, \"params_total\": 1e9}";
    gpucost_model *m = NULL;
    gpucost_error err;
    ck_assert_int_eq(gpucost_model_parse("a.json", text, strlen(text), &m, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.message, "missing key 'id'");
    ck_assert_ptr_null(m);
    gpucost_catalog *c = test_catalog();
    ck_assert_int_eq(gpucost_catalog_load_models(c, GPUCOST_MODELS "/architectures", &err),
                     GPUCOST_EINVAL);
    ck_assert(strstr(err.message, "duplicate model id 'deepseek-v3'") != NULL);
    gpucost_catalog_free(c);
}
END_TEST

/* Every number in models/architectures/ has a source naming it, or an
 * "estimates"/"derived" note (params_active of a dense model and
 * kv_heads of MHA default from the block's other numbers). */
START_TEST(test_model_bundled_are_sourced)
{
    gpucost_catalog *c = test_catalog();
    ck_assert_uint_ge(gpucost_catalog_model_count(c), 4);
    static const char *const names[] = {
        "layers",       "d_model",       "heads",         "kv_heads",       "head_dim",
        "kv_lora_rank", "rope_head_dim", "experts",       "experts_active", "shared_experts",
        "vocab",        "params_total",  "params_active", "seq_len"};
    for (size_t i = 0; i < gpucost_catalog_model_count(c); i++) {
        const gpucost_model *m = gpucost_catalog_model_at(c, i);
        const double v[] = {m->layers,         m->d_model,        m->heads,         m->kv_heads,
                            m->head_dim,       m->kv_lora_rank,   m->rope_head_dim, m->experts,
                            m->experts_active, m->shared_experts, m->vocab,         m->params_total,
                            m->params_active,  m->seq_len};
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            int defaulted =
                (strcmp(names[k], "params_active") == 0 && m->params_active == m->params_total) ||
                (strcmp(names[k], "kv_heads") == 0 && m->attention == GPUCOST_ATTN_MHA);
            if (v[k] <= 0.0 || defaulted)
                continue;
            ck_assert_msg(
                gpucost_sources_cover(m->sources, m->nsources, m->notes, m->nnotes, names[k]),
                "%s: %s has no source, estimate or derived note", m->file, names[k]);
        }
        for (size_t k = 0; k < m->nsources; k++)
            ck_assert_msg(m->sources[k].url[0] && m->sources[k].quote[0],
                          "%s: sources[%zu] lacks url or quote", m->file, k);
    }
    gpucost_catalog_free(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("model");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_model_kv_mla_deepseek_v3);
    tcase_add_test(core, test_model_kv_gqa_llama3_70b);
    tcase_add_test(core, test_model_attention_palm);
    tcase_add_test(core, test_model_moe_resident_and_read);
    tcase_add_test(core, test_model_inline_block);
    tcase_add_test(core, test_model_bundled_are_sourced);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_model_errors);
    tcase_add_test(errors, test_model_unknown_bundled);
    tcase_add_test(errors, test_model_file_errors);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
