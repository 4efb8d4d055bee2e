/*
 * check_range.c - Monte Carlo ranges: each distribution's percentiles
 * against closed forms, determinism across threads, exact vs bounded
 * histogram quantiles, tornado order, Sobol indices on a closed-form case,
 * and the errors, among them the tornado and Sobol refusing a model that
 * does not fit at one end of an input (called on the job directly).
 */
#include "check_util.h"

#include <gsl/gsl_cdf.h>

#include "gpucost/range.h"
#include "gpucost/whatif.h"
#include "compute/range_internal.h"

static gpucost_range_result result;

static void run_json(const char *json, gpucost_range_options *opt, gpucost_range_result *r)
{
    gpucost_scenario *s = test_parse(json);
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
    ck_assert_ok(gpucost_range_run(&d, opt, r, &e_));
    gpucost_scenario_free(s);
}

static const gpucost_range_stat *stat_of(const gpucost_range_result *r, gpucost_quantity q)
{
    int i = gpucost_range_find(r, q);
    ck_assert_int_ge(i, 0);
    return &r->stats[i];
}

/* One uncertain input priced at $1/GPU-h, so cost_usd has the input's law. */
static void check_percentiles(const char *dist, double p5, double p50, double p95, double mean)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"id\": \"t\", \"inputs\": {\"gpu_hours\": %s, \"price_per_gpu_hour\": 1}}", dist);
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 400000;
    opt.seed = 11;
    run_json(json, &opt, &result);
    const gpucost_range_stat *st = stat_of(&result, GPUCOST_Q_COST_USD);
    ck_assert_rel(st->q[0], p5, 5e-3);
    ck_assert_rel(st->q[1], p50, 5e-3);
    ck_assert_rel(st->q[2], p95, 5e-3);
    ck_assert_rel(st->mean, mean, 5e-3);
}

START_TEST(test_range_distribution_percentiles)
{
    const double z = GPUCOST_Z90;
    /* {low, high}: lognormal with p5 = low, p95 = high */
    double mu = 0.5 * (log(2.5e6) + log(3.1e6)), sg = (log(3.1e6) - log(2.5e6)) / (2 * z);
    check_percentiles("{\"low\": 2.5e6, \"high\": 3.1e6}", 2.5e6, exp(mu), 3.1e6,
                      exp(mu + sg * sg / 2));
    /* normal(2.385e6, 1e5) */
    check_percentiles("{\"dist\": \"normal\", \"mean\": 2.385e6, \"sd\": 1e5}", 2.385e6 - z * 1e5,
                      2.385e6, 2.385e6 + z * 1e5, 2.385e6);
    /* uniform(2e6, 3e6) */
    check_percentiles("{\"dist\": \"uniform\", \"min\": 2e6, \"max\": 3e6}", 2.05e6, 2.5e6, 2.95e6,
                      2.5e6);
    /* triangular(1e6, 2e6, 5e6): F(x) = (x - a)^2 / ((b - a)(c - a)) below the mode */
    double w = 4e6;
    check_percentiles("{\"dist\": \"triangular\", \"min\": 1e6, \"mode\": 2e6, \"max\": 5e6}",
                      1e6 + sqrt(0.05 * w * 1e6), 5e6 - sqrt(0.5 * w * 3e6),
                      5e6 - sqrt(0.05 * w * 3e6), 8e6 / 3.0);
    /* explicit lognormal is the same law as {low, high} */
    check_percentiles("{\"dist\": \"lognormal\", \"low\": 2.5e6, \"high\": 3.1e6}", 2.5e6, exp(mu),
                      3.1e6, exp(mu + sg * sg / 2));
}
END_TEST

START_TEST(test_range_reference_model)
{
    /* issue 3's closed form: p5 4.1201M, p50 6.3787M, p95 9.8754M, mean 6.6079M */
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 1000000;
    opt.seed = 7;
    opt.threads = 2;
    run_json("{\"id\": \"r\", \"inputs\": {\"gpu_hours\": {\"low\": 2.5e6, \"high\": 3.1e6},"
             " \"price_per_gpu_hour\": {\"low\": 1.5, \"high\": 3.5}}}",
             &opt, &result);
    const gpucost_range_stat *st = stat_of(&result, GPUCOST_Q_COST_USD);
    ck_assert(result.exact);
    ck_assert_rel(st->q[0], 4.1201e6, 5e-3);
    ck_assert_rel(st->q[1], 6.3787e6, 5e-3);
    ck_assert_rel(st->q[2], 9.8754e6, 5e-3);
    ck_assert_rel(st->mean, 6.6079e6, 5e-3);
}
END_TEST

static const char *six =
    "{\"id\": \"six\", \"inputs\": {\"gpus\": {\"low\": 40000, \"high\": 60000},"
    " \"mfu\": {\"low\": 0.12, \"high\": 0.35}, \"price_per_gpu_hour\": {\"low\": 1.5, \"high\": "
    "3.5},"
    " \"tokens\": {\"low\": 13e12, \"high\": 16e12}, \"params_active\": {\"dist\": \"triangular\","
    " \"min\": 30e9, \"mode\": 37e9, \"max\": 45e9}, \"peak_flops\": {\"dist\": \"uniform\", "
    "\"min\": 9e14, \"max\": 1e15}}}";

START_TEST(test_range_same_numbers_on_any_thread_count)
{
    static gpucost_range_result two;
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 100003; /* not a multiple of the chunk size */
    opt.threads = 1;
    run_json(six, &opt, &result);
    opt.threads = 2;
    run_json(six, &opt, &two);
    ck_assert_uint_eq(result.nstats, two.nstats);
    ck_assert_int_eq(two.threads, 2);
    for (size_t s = 0; s < result.nstats; s++) {
        ck_assert(result.stats[s].mean == two.stats[s].mean);
        ck_assert(result.stats[s].sd == two.stats[s].sd);
        for (size_t k = 0; k < result.nquantiles; k++)
            ck_assert(result.stats[s].q[k] == two.stats[s].q[k]);
    }
    /* a different seed gives different numbers */
    opt.seed = 8;
    run_json(six, &opt, &two);
    ck_assert(result.stats[0].mean != two.stats[0].mean);
}
END_TEST

START_TEST(test_range_histogram_mode_close_to_exact)
{
    static gpucost_range_result hist;
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 200000;
    run_json(six, &opt, &result);
    ck_assert(result.exact);
    opt.memory_limit = 1024; /* forces the bounded histogram */
    run_json(six, &opt, &hist);
    ck_assert(!hist.exact);
    for (size_t s = 0; s < result.nstats; s++) {
        /* same samples: moments identical, quantiles within a bin (2^-10) */
        ck_assert(result.stats[s].mean == hist.stats[s].mean);
        for (size_t k = 0; k < result.nquantiles; k++)
            ck_assert_rel(hist.stats[s].q[k], result.stats[s].q[k], 1e-3);
    }
}
END_TEST

START_TEST(test_range_tornado_order)
{
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 1000;
    run_json(six, &opt, &result);
    ck_assert_int_eq(result.output, GPUCOST_Q_COST_USD);
    ck_assert_uint_eq(result.ntornado, 6);
    for (size_t i = 1; i < result.ntornado; i++)
        ck_assert(result.tornado[i - 1].swing >= result.tornado[i].swing);
    /* cost = 6 N D price / (3600 mfu peak): mfu's p5/p95 ratio 0.35/0.12 is the widest */
    ck_assert_int_eq(result.tornado[0].input, GPUCOST_Q_MFU);
    /* gpus does not move cost at all */
    ck_assert_int_eq(result.tornado[5].input, GPUCOST_Q_GPUS);
    ck_assert(result.tornado[5].swing == 0.0);
    /* price at its p95 with the others at their medians: exact */
    const gpucost_tornado_bar *price = NULL;
    for (size_t i = 0; i < result.ntornado; i++)
        if (result.tornado[i].input == GPUCOST_Q_PRICE_PER_GPU_HOUR)
            price = &result.tornado[i];
    ck_assert_ptr_nonnull(price);
    ck_assert_rel(price->high / price->low, 3.5 / 1.5, 1e-9);
}
END_TEST

START_TEST(test_range_sobol_closed_form)
{
    /* cost = g x p, independent lognormals: S_g = (e^{sg^2} - 1) / (e^{sg^2 + sp^2} - 1) */
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 1000;
    opt.sobol = 1;
    run_json("{\"id\": \"r\", \"inputs\": {\"gpu_hours\": {\"low\": 2.5e6, \"high\": 3.1e6},"
             " \"price_per_gpu_hour\": {\"low\": 1.5, \"high\": 3.5}}}",
             &opt, &result);
    double sg = log(3.1 / 2.5) / (2 * GPUCOST_Z90), sp = log(3.5 / 1.5) / (2 * GPUCOST_Z90);
    double v = exp(sg * sg + sp * sp) - 1.0;
    double first_g = (exp(sg * sg) - 1.0) / v, first_p = (exp(sp * sp) - 1.0) / v;
    ck_assert_rel(first_g, 0.0586, 0.01); /* the figures */
    ck_assert_rel(first_p, 0.9374, 0.001);
    int s = gpucost_range_find(&result, GPUCOST_Q_COST_USD);
    ck_assert(result.has_sobol);
    ck_assert_uint_eq(result.sobol_evaluations, GPUCOST_RANGE_DEFAULT_SOBOL * 4);
    for (size_t i = 0; i < result.ninputs; i++) {
        const gpucost_sobol_index *x = &result.sobol[s][i];
        double want = x->input == GPUCOST_Q_GPU_HOURS ? first_g : first_p;
        ck_assert_msg(fabs(x->first - want) < 0.02, "first %g vs %g", x->first, want);
        ck_assert_msg(
            fabs(x->total - (1.0 - (x->input == GPUCOST_Q_GPU_HOURS ? first_p : first_g))) < 0.02,
            "total %g", x->total);
    }
}
END_TEST

START_TEST(test_range_custom_quantiles_and_domain)
{
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 300000;
    opt.nquantiles = 2;
    opt.quantiles[0] = 0.01;
    opt.quantiles[1] = 0.999;
    /* a normal price whose left tail crosses zero is redrawn inside the domain */
    run_json("{\"id\": \"t\", \"inputs\": {\"gpu_hours\": 1000, \"price_per_gpu_hour\":"
             " {\"dist\": \"normal\", \"mean\": 2, \"sd\": 1.2}}}",
             &opt, &result);
    const gpucost_range_stat *st = stat_of(&result, GPUCOST_Q_PRICE_PER_GPU_HOUR);
    ck_assert(st->min > 0.0);
    /* truncated normal: P(X <= x | X > 0) */
    double z0 = gsl_cdf_ugaussian_P(-2 / 1.2);
    double q01 = 2 + 1.2 * gsl_cdf_ugaussian_Pinv(z0 + 0.01 * (1 - z0));
    ck_assert_rel(st->q[0], q01, 0.02);
}
END_TEST

/* Exact quantiles for every small sample count and close quantile pairs
 * (issue 9): ordered, inside [min, max], and for two samples the linear
 * interpolation min + p (max - min).  valgrind in CI runs the same through
 * the CLI (GSL is not instrumented for ASan). */
START_TEST(test_range_quantiles_small_and_close)
{
    static const double lists[][4] = {{0.05, 0.5, 0.95, 0},
                                      {0.5, 0.500001, 0, 0},
                                      {0.01, 0.01000001, 0.99999999, 0},
                                      {0.2, 0.4, 0.6, 0.8}};
    static const size_t nq[] = {3, 2, 3, 4};
    for (size_t n = 2; n <= 40; n++) {
        for (size_t l = 0; l < 4; l++) {
            gpucost_range_options opt;
            gpucost_range_options_init(&opt);
            opt.samples = n;
            opt.nquantiles = nq[l];
            memcpy(opt.quantiles, lists[l], nq[l] * sizeof lists[l][0]);
            run_json("{\"id\": \"t\", \"inputs\": {\"gpu_hours\": 1000, \"price_per_gpu_hour\":"
                     " {\"dist\": \"uniform\", \"min\": 1, \"max\": 2}}}",
                     &opt, &result);
            const gpucost_range_stat *st = stat_of(&result, GPUCOST_Q_COST_USD);
            for (size_t k = 0; k < nq[l]; k++) {
                ck_assert_msg(st->q[k] >= st->min && st->q[k] <= st->max,
                              "n=%zu list %zu: q[%zu] = %g outside [%g, %g]", n, l, k, st->q[k],
                              st->min, st->max);
                if (k > 0)
                    ck_assert_msg(st->q[k] >= st->q[k - 1], "n=%zu list %zu: q[%zu] < q[%zu]", n, l,
                                  k, k - 1);
                if (n == 2)
                    ck_assert_rel(st->q[k], st->min + lists[l][k] * (st->max - st->min), 1e-12);
            }
        }
    }
}
END_TEST

/* The tornado's p5/p95 of an input are those of the law the Monte Carlo
 * samples: a normal MFU truncated to (0, 1], not the untruncated normal
 * (which put p5 at 2.3% while the samples' p5 was 10.6%). */
START_TEST(test_range_tornado_truncated_like_sampling)
{
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 400000;
    run_json("{\"id\": \"t\", \"inputs\": {\"gpu_hours\": 1000, \"peak_flops\": 1e15,"
             " \"mfu\": {\"dist\": \"normal\", \"mean\": 0.5, \"sd\": 0.3}}}",
             &opt, &result);
    const gpucost_range_stat *st = stat_of(&result, GPUCOST_Q_MFU);
    ck_assert_uint_eq(result.ntornado, 1);
    ck_assert_rel(result.tornado[0].input_low, st->q[0], 0.02);
    ck_assert_rel(result.tornado[0].input_high, st->q[2], 0.02);
    /* and the closed form of the truncated normal */
    double lo = gsl_cdf_ugaussian_P(-0.5 / 0.3), hi = gsl_cdf_ugaussian_P(0.5 / 0.3);
    ck_assert_rel(result.tornado[0].input_low,
                  0.5 + 0.3 * gsl_cdf_ugaussian_Pinv(lo + 0.05 * (hi - lo)), 1e-9);
}
END_TEST

START_TEST(test_range_errors)
{
    gpucost_scenario *s = test_scenario("deepseek-v3");
    gpucost_catalog *c = test_catalog();
    gpucost_derivation d;
    ck_assert_ok(gpucost_derive(s, c, NULL, &d, &e_));
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    gpucost_error err;
    /* V3 as reported: every input is a point, but the catalog price is a range */
    ck_assert_ok(gpucost_range_run(&d, &opt, &result, &e_));
    ck_assert_uint_eq(result.ninputs, 1);
    ck_assert_int_eq(result.inputs[0], GPUCOST_Q_GPU_PRICE_USD);
    gpucost_scenario_free(s);
    s = test_parse("{\"id\": \"t\", \"inputs\": {\"gpus\": 8, \"wall_days\": 2}}");
    ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
    ck_assert_int_eq(gpucost_range_run(&d, &opt, &result, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.message, "nothing is uncertain: give an input as a range "
                                  "({\"low\": a, \"high\": b}) or an interval override");
    ck_assert_str_eq(err.file, s->file); /* the run's errors name the scenario */
    gpucost_scenario_free(s);
    s = test_parse(
        "{\"id\": \"t\", \"inputs\": {\"gpus\": {\"low\": 8, \"high\": 16}, \"wall_days\": 2}}");
    ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
    opt.output = GPUCOST_Q_COST_USD;
    ck_assert_int_eq(gpucost_range_run(&d, &opt, &result, &err), GPUCOST_ENOTFOUND);
    ck_assert_str_eq(err.message, "'cost_usd' cannot be derived in this scenario");
    opt.output = -1;
    opt.samples = 1;
    ck_assert_int_eq(gpucost_range_run(&d, &opt, &result, &err), GPUCOST_ELIMIT);
    opt.samples = 1000;
    opt.quantiles[0] = 0.5;
    opt.quantiles[1] = 0.05;
    ck_assert_int_eq(gpucost_range_run(&d, &opt, &result, &err), GPUCOST_EINVAL);
    ck_assert_str_eq(err.path, "quantiles");
    gpucost_scenario_free(s);
    /* a sample that overflows is named */
    s = test_parse("{\"id\": \"t\", \"inputs\": {\"gpus\": {\"low\": 1e150, \"high\": 1e160}, "
                   "\"wall_days\": 1e150}}");
    ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
    gpucost_range_options_init(&opt);
    ck_assert_int_eq(gpucost_range_run(&d, &opt, &result, &err), GPUCOST_ERANGE);
    ck_assert_str_eq(err.message, "a sample of 'gpu_hours' overflows the range of a double");
    gpucost_scenario_free(s);
    /* finite samples whose squares are not (found by the fuzzer): the
     * spread is taken in units of the median, so it stays a double... */
    s = test_parse("{\"id\": \"t\", \"inputs\": {\"gpus\": {\"low\": 1e200, \"high\": 1e206}, "
                   "\"wall_days\": 1}}");
    ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
    ck_assert_ok(gpucost_range_run(&d, &opt, &result, &e_));
    ck_assert(isfinite(stat_of(&result, GPUCOST_Q_GPUS)->sd) &&
              stat_of(&result, GPUCOST_Q_GPUS)->sd > 1e200);
    gpucost_scenario_free(s);
    /* ...and so does a spread of values near the smallest doubles, which
     * once printed an sd of $0 */
    s = test_parse("{\"id\": \"t\", \"inputs\": {\"gpu_hours\": 1, \"price_per_gpu_hour\": "
                   "{\"low\": 1e-300, \"high\": 1e-290}}}");
    ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
    ck_assert_ok(gpucost_range_run(&d, &opt, &result, &e_));
    const gpucost_range_stat *tiny = stat_of(&result, GPUCOST_Q_PRICE_PER_GPU_HOUR);
    ck_assert(tiny->sd > tiny->q[2] * 1e-3 && isfinite(tiny->sd));
    gpucost_scenario_free(s);
    /* samples beyond a double are named, never printed as Inf */
    s = test_parse("{\"id\": \"t\", \"inputs\": {\"gpu_hours\": 1, \"price_per_gpu_hour\": "
                   "{\"low\": 1e-150, \"high\": 1e150}}}");
    ck_assert_ok(gpucost_derive(s, NULL, NULL, &d, &e_));
    ck_assert_int_eq(gpucost_range_run(&d, &opt, &result, &err), GPUCOST_ERANGE);
    ck_assert(strstr(err.message, "overflows the range of a double") != NULL);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* Llama 3.1 405B served on one 8xH100 node (640 GB) with one input
 * uncertain: `sets` is an interval override of it (gpucost_whatif_parse_set
 * grammar), derived into `*d` with the catalog `*c`. */
static gpucost_scenario *serving_405b(const char *set, gpucost_catalog **c, gpucost_derivation *d)
{
    gpucost_scenario *s = test_scenario("llama3-405b-serving");
    *c = test_catalog();
    gpucost_override o;
    ck_assert_ok(gpucost_whatif_parse_set(set, &o, &e_));
    ck_assert_ok(gpucost_scenario_override(s, &o, 1, &e_));
    ck_assert_ok(gpucost_derive(s, *c, NULL, d, &e_));
    return s;
}

/* The tornado (range_tornado.c) and Sobol (range_sobol.c) on the job
 * alone, as gpucost_range_run would call them after its samples: with
 * `sobol`, the Sobol indices, else the tornado.  Returns their status. */
static gpucost_status tornado_or_sobol(const gpucost_derivation *d, int sobol,
                                       gpucost_range_result *r, gpucost_error *err)
{
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.sobol = sobol;
    opt.sobol_samples = 512;
    job *j = calloc(1, sizeof *j);
    ck_assert_ptr_nonnull(j);
    ck_assert_ok(gc_range_setup(d, &opt, j, r, &e_));
    gpucost_status st = sobol ? gc_range_sobol(j, &opt, r, err) : gc_range_tornado(j, r, err);
    free(j);
    return st;
}

/* A model that fits at its medians but not at one end of an uncertain
 * input is refused by the tornado and by Sobol, not given a cost: the
 * Monte Carlo refuses it first through gpucost_range_run, so they are
 * called here directly.  bytes_per_param from 0.9 to 1.8 (p5, p95): 405B
 * at 1.8 B is 729 GB, over the node's 640 GB (median 1.27 B: 515 GB);
 * gpus_per_node from 5 to 8: a replica of 5 GPUs holds 400 GB, under the
 * 405 GB of FP8 weights (median 6.3 GPUs: 506 GB). */
START_TEST(test_range_tornado_sobol_refuse_a_model_that_does_not_fit)
{
    const char *sets[] = {"bytes_per_param=0.9..1.8", "gpus_per_node=5..8"};
    const char *ends[] = {"95th percentile of 'bytes_per_param'",
                          "5th percentile of 'gpus_per_node'"};
    for (size_t i = 0; i < 2; i++) {
        gpucost_catalog *c;
        gpucost_derivation d;
        gpucost_scenario *s = serving_405b(sets[i], &c, &d);
        /* at the medians it fits: a batch above 0 and a positive rate */
        ck_assert(d.value[GPUCOST_Q_MAX_BATCH] > 0);
        ck_assert(d.value[GPUCOST_Q_DECODE_TOKENS_PER_GPU_SECOND] > 0);
        for (int sobol = 0; sobol <= 1; sobol++) {
            gpucost_error err;
            memset(&err, 0, sizeof err);
            ck_assert_int_eq(tornado_or_sobol(&d, sobol, &result, &err), GPUCOST_EINVAL);
            ck_assert_str_eq(err.path, "max_batch");
            ck_assert_str_eq(err.file, s->file);
            ck_assert_msg(strstr(err.message, "the model's weights fill a replica's memory "
                                              "(max_batch at or below 0)") != NULL &&
                              strstr(err.message, "more GPUs per replica or at a lower "
                                                  "precision") != NULL,
                          "%s: %s", sets[i], err.message);
            if (!sobol)
                ck_assert_msg(strstr(err.message, ends[i]) != NULL, "%s: %s", sets[i], err.message);
            if (i == 0) /* read whole, as the user gets it */
                ck_assert_str_eq(err.message,
                                 sobol ? "in some Sobol samples the model's weights fill a "
                                         "replica's memory (max_batch at or below 0); narrow the "
                                         "uncertain inputs, or serve the model on more GPUs per "
                                         "replica or at a lower precision"
                                       : "at the 95th percentile of 'bytes_per_param' (1.80 B) "
                                         "the model's weights fill a replica's memory (max_batch "
                                         "at or below 0); narrow the uncertain inputs, or serve "
                                         "the model on more GPUs per replica or at a lower "
                                         "precision");
            /* nothing is published: no bar, no index, no NaN or negative rate */
            ck_assert_uint_eq(result.ntornado, 0);
            ck_assert(!result.has_sobol);
        }
        gpucost_scenario_free(s);
        gpucost_catalog_free(c);
    }
    /* the same scenario within what fits: both run, every bar finite */
    gpucost_catalog *c;
    gpucost_derivation d;
    gpucost_scenario *s = serving_405b("bytes_per_param=0.9..1.2", &c, &d);
    ck_assert_ok(tornado_or_sobol(&d, 0, &result, &e_));
    int bpp = 0;
    for (size_t k = 0; k < result.ntornado; k++) {
        const gpucost_tornado_bar *b = &result.tornado[k];
        ck_assert(isfinite(b->low) && b->low > 0 && isfinite(b->high) && b->high > 0);
        bpp += b->input == GPUCOST_Q_BYTES_PER_PARAM && b->high > b->low;
    }
    ck_assert_int_eq(bpp, 1); /* more bytes, fewer sequences, a dearer token */
    ck_assert_ok(tornado_or_sobol(&d, 1, &result, &e_));
    ck_assert(result.has_sobol);
    gpucost_scenario_free(s);
    gpucost_catalog_free(c);
}
END_TEST

/* A fleet: the headline is a year of ownership; its median is the point
 * value (the parts' blend keeps the point commands' medians); the tornado
 * names the server factor, the GPU price and electricity. */
START_TEST(test_range_fleet_annual_cost)
{
    gpucost_derivation d;
    test_derive_scenario("semianalysis-fleet", &d);
    gpucost_range_options opt;
    gpucost_range_options_init(&opt);
    opt.samples = 20000;
    ck_assert_ok(gpucost_range_run(&d, &opt, &result, &e_));
    ck_assert_int_eq(result.output, GPUCOST_Q_ANNUAL_COST_USD);
    ck_assert_str_eq(result.per[GPUCOST_Q_ANNUAL_COST_USD], "year");
    const gpucost_range_stat *a = stat_of(&result, GPUCOST_Q_ANNUAL_COST_USD);
    ck_assert_rel(a->q[1], d.value[GPUCOST_Q_ANNUAL_COST_USD], 0.02);
    ck_assert(a->q[0] < a->q[1] && a->q[1] < a->q[2]);
    int seen = 0;
    for (size_t i = 0; i < result.nmoving; i++) {
        gpucost_quantity q = result.tornado[i].input;
        seen |= (q == GPUCOST_Q_SERVER_FACTOR) | (q == GPUCOST_Q_GPU_PRICE_USD) << 1 |
                (q == GPUCOST_Q_ELECTRICITY_USD_PER_KWH) << 2;
    }
    ck_assert_int_eq(seen, 7);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("range");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 60);
    tcase_add_test(core, test_range_distribution_percentiles);
    tcase_add_test(core, test_range_reference_model);
    tcase_add_test(core, test_range_same_numbers_on_any_thread_count);
    tcase_add_test(core, test_range_histogram_mode_close_to_exact);
    tcase_add_test(core, test_range_tornado_order);
    tcase_add_test(core, test_range_sobol_closed_form);
    tcase_add_test(core, test_range_custom_quantiles_and_domain);
    tcase_add_test(core, test_range_quantiles_small_and_close);
    tcase_add_test(core, test_range_tornado_truncated_like_sampling);
    tcase_add_test(core, test_range_fleet_annual_cost);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_range_errors);
    tcase_add_test(errors, test_range_tornado_sobol_refuse_a_model_that_does_not_fit);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}
