/*
 * fuzz_scenario.c - libFuzzer harness over the whole pipeline a user's file
 * goes through: bytes -> scenario -> derive -> claims -> range (a few
 * samples, with Sobol) -> solve -> every output format, and the same bytes
 * as a catalog entry, a defaults file, an export rule, an architecture and
 * a --set value.  Any crash, sanitizer report,
 * leak, hang or non-finite number in an output is a bug.
 *
 * Build: cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGPUCOST_FUZZ=ON
 * Run:   bash tests/fuzz/run.sh SECONDS
 */
#include <ctype.h>
#include <math.h>
#include <strings.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "gpucost/claims.h"
#include "gpucost/derive.h"
#include "gpucost/model.h"
#include "gpucost/output.h"
#include "gpucost/range.h"
#include "gpucost/report.h"
#include "gpucost/rules.h"
#include "valid_utf8.h"
#include "gpucost/reconcile.h"
#include "gpucost/whatif.h"
#include "gpucost/solve.h"
#include "nan_words.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static gpucost_catalog *catalog; /* read-only after initialisation */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    gpucost_error err;
    gpucost_defaults *defaults = NULL;
    if (gpucost_catalog_load(GPUCOST_MODELS "/hardware", &catalog, &err) != GPUCOST_OK ||
        gpucost_catalog_load_models(catalog, GPUCOST_MODELS "/architectures", &err) != GPUCOST_OK ||
        gpucost_defaults_load(GPUCOST_MODELS "/defaults.json", &defaults, &err) != GPUCOST_OK) {
        fprintf(stderr, "fuzz: cannot load the catalog: %s\n", err.message);
        abort();
    }
    gpucost_catalog_set_defaults(catalog, defaults);
    gpucost_rules *rules = NULL;
    if (gpucost_rules_load(GPUCOST_MODELS "/rules", &rules, &err) != GPUCOST_OK) {
        fprintf(stderr, "fuzz: cannot load the rules: %s\n", err.message);
        abort();
    }
    gpucost_catalog_set_rules(catalog, rules);
    return 0;
}

/* Outputs echo the user's ids and titles: the check applies only when the
 * input itself holds no such word (then any in the output is ours). */
static int input_has_nan_word;

static void assert_clean(const gpucost_buf *b)
{
    const char *t = gpucost_buf_str(b);
    if (!input_has_nan_word && has_nan_word(t))
        abort();
    /* text with control characters is refused at load: an ESC in an
     * output would be an injection into a terminal */
    if (strchr(t, 0x1b) != NULL)
        abort();
}

static void outputs(gpucost_scenario *s, gpucost_derivation *d)
{
    /* a fleet's parts, each derived alone, as run shows them */
    static gpucost_derivation parts[GPUCOST_MAX_PARTS];
    gpucost_error err;
    size_t nparts = 0;
    while (s->kind == GPUCOST_KIND_FLEET && nparts < s->nparts &&
           gpucost_derive_part(s, catalog, nparts, &parts[nparts], &err) == GPUCOST_OK)
        nparts++;
    gpucost_result r = {s, d, NULL, parts, nparts == s->nparts ? nparts : 0, NULL, 0};
    gpucost_selection all = {NULL, 0};
    for (int f = GPUCOST_FMT_TABLE; f <= GPUCOST_FMT_SVG; f++) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_output_run(&r, 1, all, (gpucost_format)f, &b, &err);
        assert_clean(&b);
        gpucost_buf_release(&b);
        gpucost_buf_init(&b);
        gpucost_output_compare(&r, 1, 0, all, NULL, (gpucost_format)f, &b, &err);
        assert_clean(&b);
        gpucost_buf_release(&b);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gpucost_error err;
    char *copy = malloc(size + 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    /* NUL bytes end the scan early, which only makes the check stricter */
    input_has_nan_word = has_nan_word(copy);
    free(copy);
    gpucost_catalog *one = NULL;
    if (gpucost_catalog_parse("fuzz.json", (const char *)data, size, &one, &err) == GPUCOST_OK) {
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_output_hardware(one, NULL, NULL, GPUCOST_FMT_JSON, &b, &err);
        assert_clean(&b);
        gpucost_buf_release(&b);
    }
    gpucost_catalog_free(one);
    gpucost_defaults *defaults = NULL;
    if (gpucost_defaults_parse("fuzz.json", (const char *)data, size, &defaults, &err) ==
            GPUCOST_OK &&
        input_has_nan_word == 0)
        for (int q = 0; q < GPUCOST_Q_COUNT; q++)
            if (defaults->given[q] && !isfinite(gpucost_dist_median(&defaults->value[q])))
                abort();
    gpucost_defaults_free(defaults);
    /* the bytes as an export rule and as an architecture: every chip's
     * verdict on the rule's date, the formulas on the model */
    gpucost_rules *rules = NULL;
    if (gpucost_rules_parse("fuzz.json", (const char *)data, size, &rules, &err) == GPUCOST_OK) {
        const gpucost_rule *r = gpucost_rules_at(rules, 0);
        /* a rule alone is in force from its date (one that replaced
         * itself would not be: refused); its chips checked against the
         * catalog, an unknown one an error in valid words */
        if (!gpucost_rules_in_force(rules, 0, r->effective))
            abort();
        if (gpucost_rules_check_catalog(rules, catalog, &err) != GPUCOST_OK &&
            (!fuzz_valid_utf8(err.message) || !fuzz_valid_utf8(err.path)))
            abort();
        /* for China and for every destination ("*"), the rule's own
         * kinds, policies and exemption; a part it controls told in valid
         * words */
        static const char *const places[] = {"CN", "*"};
        for (size_t i = 0; i < gpucost_catalog_count(catalog); i++)
            for (size_t k = 0; k < 2; k++) {
                gpucost_destination to;
                gpucost_export_verdict v;
                char why[256];
                if (gpucost_rules_destination(rules, places[k], &to, &err) != GPUCOST_OK)
                    abort();
                gpucost_rules_verdict(rules, gpucost_catalog_at(catalog, i), r->effective, &to, &v);
                if (strlen(v.why) >= sizeof v.why || !fuzz_valid_utf8(v.why) ||
                    (v.policy != GPUCOST_POLICY_NONE && v.status != GPUCOST_EXPORT_LICENCE) ||
                    (r->kind != GPUCOST_RULE_CONTROL && v.status != GPUCOST_EXPORT_NOT_CONTROLLED))
                    abort();
                if (gpucost_rules_component(r, gpucost_catalog_at(catalog, i), why, sizeof why) &&
                    !fuzz_valid_utf8(why))
                    abort();
            }
    } else if (!fuzz_valid_utf8(err.message) || !fuzz_valid_utf8(err.path) ||
               !fuzz_valid_utf8(err.file)) {
        abort(); /* an error that quotes the input cut inside a character */
    }
    gpucost_rules_free(rules);
    gpucost_model *m = NULL;
    if (gpucost_model_parse("fuzz.json", (const char *)data, size, &m, &err) == GPUCOST_OK) {
        (void)gpucost_model_kv_bytes_per_token(m);
        (void)gpucost_model_params_read(m, m->params_total, m->params_active, 8, 64);
    }
    gpucost_model_free(m);

    /* the bytes as a number and as a --set assignment */
    char text[128];
    size_t k = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, k);
    text[k] = '\0';
    double v;
    if (gpucost_number_parse(text, &v) == 0 && !isfinite(v))
        abort();

    gpucost_scenario *s = NULL;
    if (gpucost_scenario_parse("fuzz.json", (const char *)data, size, &s, &err) != GPUCOST_OK) {
        /* every failure is described */
        if (err.message[0] == '\0')
            abort();
        return 0;
    }
    /* the bytes as a --set what-if, holding the job when they change the
     * part; a parse failure is described */
    gpucost_override over;
    gpucost_whatif w;
    if (gpucost_whatif_parse_set(text, &over, &err) == GPUCOST_OK)
        gpucost_whatif_apply(s, catalog, &over, 1, NULL, 0, &w, &err);
    else if (err.message[0] == '\0')
        abort();
    gpucost_derivation d;
    if (gpucost_derive(s, catalog, NULL, &d, &err) != GPUCOST_OK) {
        gpucost_scenario_free(s);
        return 0;
    }
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (d.origin[q] != GPUCOST_ORIGIN_UNKNOWN && !isfinite(d.value[q]))
            abort();
    outputs(s, &d);

    gpucost_claim_result claims[64 + GPUCOST_MAX_CONFLICTS + 64];
    size_t ncases = 0;
    if (s->nclaims <= 64 && s->nexpect_conflicts <= 64 &&
        gpucost_claims_check(s, catalog, claims, &err) == GPUCOST_OK) {
        ncases = s->nclaims + gpucost_claims_conflicts(s, &d, claims + s->nclaims);
        gpucost_buf b;
        for (int f = GPUCOST_FMT_TABLE; f <= GPUCOST_FMT_TAP; f++) {
            gpucost_buf_init(&b);
            gpucost_output_check(claims, ncases, NULL, (gpucost_format)f, &b, &err);
            assert_clean(&b);
            gpucost_buf_release(&b);
        }
    }

    static gpucost_range_result range;
    int have_range = 0;
    if (gpucost_range_uncertain(&d) > 0) {
        /* the sample count (from the smallest allowed), the quantile list
         * (adjacent pairs included) and the Sobol count come from the input */
        uint32_t h = 2166136261u;
        for (size_t i = 0; i < size; i++)
            h = (h ^ data[i]) * 16777619u;
        gpucost_range_options opt;
        gpucost_range_options_init(&opt);
        opt.samples = GPUCOST_RANGE_MIN_SAMPLES + h % 61;
        opt.sobol = 1;
        opt.sobol_samples = GPUCOST_SOBOL_MIN_SAMPLES + (h >> 8) % 14;
        static const double lists[][4] = {{0.05, 0.5, 0.95, 0},
                                          {0.5, 0.5000001, 0, 0},
                                          {0.01, 0.0100000001, 0.99, 0.9999999},
                                          {0.3, 0, 0, 0}};
        static const size_t nq[] = {3, 2, 4, 1};
        size_t li = (h >> 16) % 4;
        opt.nquantiles = nq[li];
        memcpy(opt.quantiles, lists[li], nq[li] * sizeof lists[li][0]);
        if (gpucost_range_run(&d, &opt, &range, &err) == GPUCOST_OK) {
            for (size_t i = 0; i < range.nstats; i++)
                for (size_t k = 1; k < range.nquantiles; k++)
                    if (range.stats[i].q[k] < range.stats[i].q[k - 1] ||
                        range.stats[i].q[k] < range.stats[i].min ||
                        range.stats[i].q[k] > range.stats[i].max)
                        abort();
            have_range = 1;
            for (size_t i = 0; i < range.nstats; i++) {
                if (!isfinite(range.stats[i].mean) || !isfinite(range.stats[i].sd))
                    abort();
                for (size_t k = 0; k < range.nquantiles; k++)
                    if (!isfinite(range.stats[i].q[k]))
                        abort();
            }
            gpucost_selection all = {NULL, 0};
            for (int f = GPUCOST_FMT_TABLE; f <= GPUCOST_FMT_SVG; f++) {
                gpucost_buf b;
                gpucost_buf_init(&b);
                gpucost_output_range(s, &range, all, NULL, (gpucost_format)f, &b, &err);
                assert_clean(&b);
                gpucost_buf_release(&b);
            }
        }
    }
    /* the scenario as a reconcile case of one file */
    gpucost_reconcile_result *rec = NULL;
    const gpucost_scenario *files[1] = {s};
    if (gpucost_reconcile(files, 1, catalog, NULL, &rec, &err) == GPUCOST_OK) {
        for (int f = GPUCOST_FMT_TABLE; f <= GPUCOST_FMT_JSON; f++) {
            gpucost_buf b;
            gpucost_buf_init(&b);
            gpucost_output_reconcile(rec, (gpucost_format)f, &b, &err);
            assert_clean(&b);
            gpucost_buf_release(&b);
        }
    } else if (err.message[0] == '\0') {
        abort();
    }
    if (ncases > 0 || s->nclaims == 0) {
        gpucost_report_item item = {.scenario = s,
                                    .derivation = &d,
                                    .claims = claims,
                                    .nclaims = ncases,
                                    .range = have_range ? &range : NULL};
        gpucost_report_case rc = {"fuzz", rec};
        gpucost_buf b;
        gpucost_buf_init(&b);
        gpucost_report_html(&item, 1, &rc, rec != NULL, 0, gpucost_catalog_rules(catalog), NULL,
                            "fuzz", &b, &err);
        assert_clean(&b);
        gpucost_buf_release(&b);
    }
    gpucost_reconcile_free(rec);
    if (s->kind == GPUCOST_KIND_TRAINING) {
        gpucost_solve_result sr;
        if (gpucost_solve(s, catalog, GPUCOST_Q_GPUS, GPUCOST_Q_WALL_DAYS, 3.0, NULL, &sr, &err) ==
                GPUCOST_OK &&
            !isfinite(sr.value))
            abort();
    }
    gpucost_scenario_free(s);
    return 0;
}
