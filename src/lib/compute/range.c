/*
 * range.c - the Monte Carlo driver (range.h): options, chunks, workers,
 * moments, and the run that ties in the bins and quantiles
 * (range_sketch.c), the tornado (range_tornado.c) and the Sobol indices
 * (range_sobol.c).
 *
 * Work is split into chunks of GPUCOST_RANGE_CHUNK samples; each chunk has
 * its own generator state derived from (seed, chunk), workers take chunks
 * in any order, and every reduction runs in chunk order afterwards, so the
 * thread count never changes a number.  The hot loop is: draw the uncertain
 * leaves, replay the pruned plan, copy the varying quantities into the
 * chunk buffer.  No allocation happens inside it.
 */
#include "base/alloc.h"
#include "compute/range_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

void gpucost_range_options_init(gpucost_range_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->samples = GPUCOST_RANGE_DEFAULT_SAMPLES;
    opt->seed = GPUCOST_RANGE_DEFAULT_SEED;
    opt->rng = gsl_rng_taus2;
    opt->threads = 1;
    opt->quantiles[0] = 0.05;
    opt->quantiles[1] = 0.5;
    opt->quantiles[2] = 0.95;
    opt->nquantiles = 3;
    opt->output = -1;
    opt->sobol_samples = GPUCOST_RANGE_DEFAULT_SOBOL;
    opt->memory_limit = 128u * 1024u * 1024u;
}

static int uncertain_leaf(const gpucost_derivation *d, int q)
{
    gpucost_origin o = d->origin[q];
    return (o == GPUCOST_ORIGIN_INPUT || o == GPUCOST_ORIGIN_CATALOG ||
            o == GPUCOST_ORIGIN_DEFAULT) &&
           !gpucost_dist_is_point(&d->leaf[q]);
}

size_t gpucost_range_uncertain(const gpucost_derivation *d)
{
    size_t n = 0;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        n += (size_t)uncertain_leaf(d, q);
    return n;
}

size_t gpucost_range_share(const gpucost_derivation *d, size_t n, size_t budget)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += gpucost_range_uncertain(&d[i]) > 0;
    size_t share = count > 0 ? budget / count : GPUCOST_RANGE_DEFAULT_SAMPLES;
    if (share < GPUCOST_RANGE_MIN_SHARE)
        share = GPUCOST_RANGE_MIN_SHARE;
    return share < GPUCOST_RANGE_DEFAULT_SAMPLES ? share : GPUCOST_RANGE_DEFAULT_SAMPLES;
}

int gpucost_range_find(const gpucost_range_result *r, gpucost_quantity q)
{
    for (size_t i = 0; i < r->nstats; i++)
        if (r->stats[i].quantity == q)
            return (int)i;
    return -1;
}

/* ---- shared state and workers ----------------------------------------- */

unsigned long gc_range_chunk_seed(unsigned long seed, size_t chunk)
{
    /* splitmix64: nearby (seed, chunk) pairs give unrelated streams */
    uint64_t z = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + (uint64_t)chunk + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (unsigned long)(z ^ (z >> 31));
}

/* Whether every value the distribution can take lies in q's domain, so
 * that draws need no check. */
static int support_in_domain(const gpucost_dist *d, gpucost_quantity q)
{
    gpucost_domain dom = gpucost_quantity_info_get(q)->domain;
    switch (d->kind) {
    case GPUCOST_DIST_POINT: return gpucost_quantity_in_domain(q, d->a);
    case GPUCOST_DIST_LOGNORMAL: return dom == GPUCOST_DOMAIN_POSITIVE || dom == GPUCOST_DOMAIN_ANY;
    case GPUCOST_DIST_NORMAL: return dom == GPUCOST_DOMAIN_ANY;
    case GPUCOST_DIST_UNIFORM:
    case GPUCOST_DIST_TRIANGULAR:
        /* domains are intervals: both ends inside means all inside */
        return gpucost_quantity_in_domain(q, d->a) && gpucost_quantity_in_domain(q, d->b);
    case GPUCOST_DIST_BLEND:
        /* a positive sum of parts that are all positive */
        for (size_t i = 0; i < d->nparts; i++) {
            gpucost_dist one = {d->part[i].kind, d->part[i].a, d->part[i].b, d->part[i].c, 0, NULL};
            if (!support_in_domain(&one, q))
                return 0;
        }
        return dom == GPUCOST_DOMAIN_POSITIVE;
    }
    return 0;
}

/* A draw confined to the quantity's domain (see range.h). */
static double draw(const gpucost_dist *dist, gpucost_quantity q, gsl_rng *r)
{
    for (int tries = 0; tries < 1000; tries++) {
        double x = gpucost_dist_sample(dist, r);
        if (gpucost_quantity_in_domain(q, x))
            return x;
    }
    return gpucost_dist_median(dist); /* in the domain: checked on load */
}

/* Samples chunk c into the worker's columns, leaf by leaf, then replays
 * the plan on the columns; returns the chunk's length, 0 on overflow. */
static size_t sample_chunk(worker *w, size_t c)
{
    job *j = w->j;
    size_t start = c * GPUCOST_RANGE_CHUNK;
    size_t len = j->n - start < GPUCOST_RANGE_CHUNK ? j->n - start : GPUCOST_RANGE_CHUNK;
    gsl_rng_set(w->r, gc_range_chunk_seed(j->seed, c));
    for (size_t k = 0; k < j->nleaves; k++) {
        gpucost_quantity q = j->leaves[k];
        const gpucost_dist *dist = &j->plan.leaf[q];
        double *x = w->col[q];
        if (j->check[k])
            for (size_t i = 0; i < len; i++)
                x[i] = draw(dist, q, w->r);
        else
            gpucost_dist_sample_n(dist, w->r, x, len);
    }
    gpucost_quantity bad;
    int rc = gpucost_derive_eval_columns(&j->plan, w->col, j->base, len, &bad);
    if (rc != 0) {
        if (c < w->fail_chunk) {
            w->fail_chunk = c;
            w->fail_q = bad;
            w->fail_code = rc;
        }
        return 0;
    }
    return len;
}

/* Mean, sum of squared deviations, min and max of one chunk column, in
 * two plain passes the compiler vectorises.  (gsl_stats_mean updates a
 * running mean with a division per element; in this loop it cost a fifth
 * of the run.  The chunks are merged exactly in merge_moments.) */
/* The unit in which a stat's spread is accumulated: its median. */
static double stat_scale(const job *j, size_t s)
{
    double b = fabs(j->base[j->statq[s]]);
    return b > 0.0 && isfinite(b) ? b : 1.0;
}

/* Mean, and the sum of squared deviations in units of `scale` (the
 * quantity's median): squares of 1e-290 would underflow to an sd of 0,
 * squares of 1e200 overflow; scaled, both stay doubles. */
static void chunk_moments(const double *x, size_t len, double scale, double *mean, double *m2,
                          double *mn, double *mx)
{
    /* four independent accumulators: one add chain is bound by the adder's
     * latency, four keep it busy; the order is fixed, so the result is the
     * same on every run and thread count */
    double s[4] = {0.0, 0.0, 0.0, 0.0}, lo[4], hi[4];
    for (int k = 0; k < 4; k++)
        lo[k] = hi[k] = x[0];
    size_t i = 0;
    for (; i + 4 <= len; i += 4)
        for (int k = 0; k < 4; k++) {
            double v = x[i + (size_t)k];
            s[k] += v;
            lo[k] = v < lo[k] ? v : lo[k];
            hi[k] = v > hi[k] ? v : hi[k];
        }
    for (; i < len; i++) {
        s[0] += x[i];
        lo[0] = x[i] < lo[0] ? x[i] : lo[0];
        hi[0] = x[i] > hi[0] ? x[i] : hi[0];
    }
    double m = ((s[0] + s[1]) + (s[2] + s[3])) / (double)len;
    double ss[4] = {0.0, 0.0, 0.0, 0.0}, inv = 1.0 / scale;
    for (i = 0; i + 4 <= len; i += 4)
        for (int k = 0; k < 4; k++) {
            double dev = (x[i + (size_t)k] - m) * inv;
            ss[k] += dev * dev;
        }
    for (; i < len; i++) {
        double dev = (x[i] - m) * inv;
        ss[0] += dev * dev;
    }
    *mean = m;
    *m2 = (ss[0] + ss[1]) + (ss[2] + ss[3]);
    *mn = fmin(fmin(lo[0], lo[1]), fmin(lo[2], lo[3]));
    *mx = fmax(fmax(hi[0], hi[1]), fmax(hi[2], hi[3]));
}

/* Folds a sampled chunk into the chunk statistics, the histograms and,
 * when exact, the store. */
static void reduce_chunk(worker *w, size_t c, size_t len)
{
    job *j = w->j;
    size_t start = c * GPUCOST_RANGE_CHUNK;
    for (size_t s = 0; s < j->nstats; s++) {
        const double *x = w->col[j->statq[s]];
        double mn, mx;
        chunk_moments(x, len, stat_scale(j, s), &j->cmean[c * j->nstats + s],
                      &j->cm2[c * j->nstats + s], &mn, &mx);
        if (mn < w->mins[s])
            w->mins[s] = mn;
        if (mx > w->maxs[s])
            w->maxs[s] = mx;
        uint32_t *h = w->hist + s * j->nbins;
        const binmap *map = &j->map[s];
        for (size_t i = 0; i < len; i++)
            h[gc_range_bin_of(map, x[i])]++;
        if (j->exact)
            memcpy(j->store + s * j->n + start, x, len * sizeof *x);
    }
}

/* Takes chunks until none is left or a sample overflowed.  The calling
 * thread passes `opt` to report progress between chunks; workers pass
 * NULL. */
static void work_loop(worker *w, const gpucost_range_options *opt)
{
    job *j = w->j;
    for (;;) {
        if (atomic_load(&j->stop))
            break;
        size_t c = atomic_fetch_add(&j->next, 1);
        if (c >= j->nchunks)
            break;
        size_t len = sample_chunk(w, c);
        if (len == 0) {
            atomic_store(&j->stop, 1);
            break;
        }
        reduce_chunk(w, c, len);
        size_t done = atomic_fetch_add(&j->done, 1) + 1;
        if (opt != NULL && opt->progress != NULL)
            opt->progress((double)done / (double)j->nchunks, opt->progress_ctx);
    }
}

static void *work(void *arg)
{
    work_loop(arg, NULL);
    return NULL;
}

static void worker_release(worker *w)
{
    gsl_rng_free(w->r);
    gc_free(w->buf);
    gc_free(w->hist);
}

static int worker_init(worker *w, job *j)
{
    memset(w, 0, sizeof *w);
    w->j = j;
    w->fail_chunk = SIZE_MAX;
    for (size_t s = 0; s < GPUCOST_Q_COUNT; s++) {
        w->mins[s] = INFINITY;
        w->maxs[s] = -INFINITY;
    }
    w->r = gsl_rng_alloc(j->rng);
    w->buf = gc_malloc((j->nvary ? j->nvary : 1) * j->rows * sizeof *w->buf);
    for (size_t v = 0; w->buf != NULL && v < j->nvary; v++)
        w->col[j->varyq[v]] = w->buf + v * j->rows;
    w->hist = gc_calloc((j->nstats ? j->nstats : 1) * j->nbins, sizeof *w->hist);
    return w->r != NULL && w->buf != NULL && w->hist != NULL ? 0 : -1;
}

/* ---- reductions -------------------------------------------------------- */

/* Merges chunk moments in chunk order (Chan, Golub and LeVeque); the
 * second moments are in units of stat_scale. */
static void merge_moments(const job *j, size_t s, double *mean, double *sd)
{
    double n = 0.0, m = 0.0, m2 = 0.0, scale = stat_scale(j, s);
    for (size_t c = 0; c < j->nchunks; c++) {
        size_t start = c * GPUCOST_RANGE_CHUNK;
        double nb =
            (double)(j->n - start < GPUCOST_RANGE_CHUNK ? j->n - start : GPUCOST_RANGE_CHUNK);
        double mb = j->cmean[c * j->nstats + s], m2b = j->cm2[c * j->nstats + s];
        double delta = mb - m, nn = n + nb, ds = delta / scale;
        m += delta * nb / nn;
        m2 += m2b + ds * ds * n * nb / nn;
        n = nn;
    }
    *mean = m;
    *sd = n > 1.0 ? scale * sqrt(m2 / (n - 1.0)) : 0.0;
}

/* ---- the run ----------------------------------------------------------- */

/* The options a run cannot start with. */
static gpucost_status check_options(const gpucost_range_options *opt, gpucost_error *err)
{
    if (opt->samples < GPUCOST_RANGE_MIN_SAMPLES || opt->samples > GPUCOST_RANGE_MAX_SAMPLES)
        return GPUCOST_ERROR(err, GPUCOST_ELIMIT, NULL, 0, 0, "samples",
                             "expected from %d to %lu samples, got %zu", GPUCOST_RANGE_MIN_SAMPLES,
                             GPUCOST_RANGE_MAX_SAMPLES, opt->samples);
    /* checked before the Monte Carlo run, not after it */
    if (opt->sobol && opt->sobol_samples < GPUCOST_SOBOL_MIN_SAMPLES)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, "sobol_samples",
                             "expected at least %d Sobol samples, got %zu",
                             GPUCOST_SOBOL_MIN_SAMPLES, opt->sobol_samples);
    if (opt->nquantiles == 0 || opt->nquantiles > GPUCOST_MAX_QUANTILES)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, "quantiles",
                             "expected 1 to %d quantiles", GPUCOST_MAX_QUANTILES);
    for (size_t i = 0; i < opt->nquantiles; i++)
        if (!(opt->quantiles[i] > 0.0 && opt->quantiles[i] < 1.0) ||
            (i > 0 && !(opt->quantiles[i] > opt->quantiles[i - 1])))
            return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, "quantiles",
                                 "expected ascending quantiles between 0 and 1, got %g",
                                 opt->quantiles[i]);
    return GPUCOST_OK;
}

/* The question a scenario asks: an inference day's margin (when it
 * varies), a fleet's year of ownership, a run's cost; else the first derived quantity that varies,
 * else the first uncertain input; or the caller's choice. */
static gpucost_quantity headline_of(const gpucost_derivation *d, const gpucost_range_options *opt,
                                    const job *j, const gpucost_qset *deps)
{
    if (opt->output >= 0)
        return (gpucost_quantity)opt->output;
    if (d->kind == GPUCOST_KIND_INFERENCE && deps[GPUCOST_Q_MARGIN] != 0 &&
        d->origin[GPUCOST_Q_MARGIN] != GPUCOST_ORIGIN_UNKNOWN)
        return GPUCOST_Q_MARGIN;
    if (d->kind == GPUCOST_KIND_FLEET && deps[GPUCOST_Q_ANNUAL_COST_USD] != 0 &&
        d->origin[GPUCOST_Q_ANNUAL_COST_USD] != GPUCOST_ORIGIN_UNKNOWN)
        return GPUCOST_Q_ANNUAL_COST_USD;
    if (deps[GPUCOST_Q_COST_USD] != 0 && d->origin[GPUCOST_Q_COST_USD] != GPUCOST_ORIGIN_UNKNOWN)
        return GPUCOST_Q_COST_USD;
    gpucost_quantity headline = j->leaves[0];
    for (int q = GPUCOST_Q_COUNT - 1; q >= 0; q--)
        if (deps[q] != 0 && d->origin[q] == GPUCOST_ORIGIN_DERIVED)
            headline = (gpucost_quantity)q;
    return headline;
}

/* What varies (`deps` nonzero) shapes the job: the quantities with
 * statistics, the pruned plan (only steps whose result varies), the
 * columns, and which leaves need their draws checked. */
static void plan_job(const gpucost_derivation *d, const gpucost_range_options *opt, job *j,
                     const gpucost_qset *deps, gpucost_quantity headline)
{
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (deps[q] != 0 && d->origin[q] != GPUCOST_ORIGIN_UNKNOWN &&
            (opt->keep == NULL || opt->keep[q] || (gpucost_quantity)q == headline))
            j->statq[j->nstats++] = (gpucost_quantity)q;
    gpucost_derive_copy(&j->plan, d);
    j->plan.nsteps = 0;
    for (size_t i = 0; i < d->nsteps; i++)
        if (deps[d->steps[i].target] != 0)
            j->plan.steps[j->plan.nsteps++] = d->steps[i];
    memcpy(j->base, d->value, sizeof j->base);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (deps[q] != 0)
            j->varyq[j->nvary++] = (gpucost_quantity)q;
    for (size_t k = 0; k < j->nleaves; k++)
        j->check[k] = !support_in_domain(&d->leaf[j->leaves[k]], j->leaves[k]);
    j->n = opt->samples;
    j->nchunks = (j->n + GPUCOST_RANGE_CHUNK - 1) / GPUCOST_RANGE_CHUNK;
    j->rows = j->n < GPUCOST_RANGE_CHUNK ? j->n : GPUCOST_RANGE_CHUNK;
    j->nbins = j->n / 8 < MIN_BINS ? MIN_BINS : j->n / 8 > MAX_BINS ? MAX_BINS : j->n / 8;
    j->seed = opt->seed;
    j->rng = opt->rng != NULL ? opt->rng : gsl_rng_taus2;
    j->exact = (double)j->n * (double)j->nstats * sizeof(double) <= (double)opt->memory_limit;
}

gpucost_status gc_range_setup(const gpucost_derivation *d, const gpucost_range_options *opt, job *j,
                              gpucost_range_result *r, gpucost_error *err)
{
    gpucost_status rc = check_options(opt, err);
    if (rc != GPUCOST_OK)
        return rc;
    int varying[GPUCOST_Q_COUNT] = {0};
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        if (uncertain_leaf(d, q)) {
            varying[q] = 1;
            j->leaves[j->nleaves++] = (gpucost_quantity)q;
        }
    if (j->nleaves == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, d->file, 0, 0, NULL,
                             "nothing is uncertain: give an input as a range "
                             "({\"low\": a, \"high\": b}) or an interval override");
    gpucost_qset deps[GPUCOST_Q_COUNT];
    gpucost_derive_dependencies(d, varying, deps);
    gpucost_quantity headline = headline_of(d, opt, j, deps);
    plan_job(d, opt, j, deps, headline);
    /* the Sobol matrix is most of the result: zeroed only when filled */
    memset(r, 0, opt->sobol ? sizeof *r : offsetof(gpucost_range_result, sobol));
    r->samples = j->n;
    r->seed = opt->seed;
    r->rng = j->rng->name;
    r->exact = j->exact;
    r->nquantiles = opt->nquantiles;
    memcpy(r->quantiles, opt->quantiles, sizeof r->quantiles);
    memcpy(r->inputs, j->leaves, sizeof r->inputs);
    r->ninputs = j->nleaves;
    r->output = headline;
    for (int q = 0; q < GPUCOST_Q_COUNT; q++)
        gpucost_derive_period(d, (gpucost_quantity)q, r->per[q], sizeof r->per[q]);
    if (d->origin[headline] == GPUCOST_ORIGIN_UNKNOWN)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, d->file, 0, 0, "output",
                             "'%s' cannot be derived in this scenario",
                             gpucost_quantity_info_get(headline)->name);
    r->output_median = d->value[r->output];
    return GPUCOST_OK;
}

/* The job's shared buffers and `nthreads` workers; `*ready` counts the
 * workers to release. */
static gpucost_status allocate(job *j, worker *w, size_t nthreads, size_t *ready,
                               gpucost_error *err)
{
    j->cmean = gc_malloc(j->nchunks * j->nstats * sizeof *j->cmean);
    j->cm2 = gc_malloc(j->nchunks * j->nstats * sizeof *j->cm2);
    if (j->exact)
        j->store = gc_malloc(j->n * j->nstats * sizeof *j->store);
    int ok = j->cmean != NULL && j->cm2 != NULL && (!j->exact || j->store != NULL);
    for (*ready = 0; ok && *ready < nthreads;)
        ok = worker_init(&w[(*ready)++], j) == 0;
    return ok ? GPUCOST_OK : GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

gpucost_status gc_range_limit_error(const job *j, gpucost_quantity bad, const char *where,
                                    gpucost_error *err)
{
    const char *name = gpucost_quantity_info_get(bad)->name;
    const char *why = bad == GPUCOST_Q_MAX_BATCH
                          ? "the model's weights fill a replica's memory (max_batch at or below 0)"
                      : bad == GPUCOST_Q_BATCH_FILL
                          ? "the batch is above the largest that fits (batch_fill above 100%)"
                          : NULL;
    if (why != NULL)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, j->plan.file, 0, 0, name,
                             "%s %s; narrow the uncertain inputs, or serve the model on"
                             " more GPUs per replica or at a lower precision",
                             where, why);
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, j->plan.file, 0, 0, name,
                         "%s '%s' comes out at or below 0, which it cannot be; narrow the"
                         " uncertain inputs",
                         where, name);
}

/* Chunk 0 on the calling thread first: it fits the histogram bins. */
static void first_chunk(job *j, worker *w0)
{
    atomic_init(&j->next, 0);
    atomic_init(&j->done, 0);
    atomic_init(&j->stop, 0);
    size_t len = sample_chunk(w0, 0);
    if (len == 0) {
        atomic_store(&j->stop, 1);
        return;
    }
    for (size_t s = 0; s < j->nstats; s++) {
        double mn, mx;
        gsl_stats_minmax(&mn, &mx, w0->col[j->statq[s]], 1, len);
        gc_range_binmap_fit(&j->map[s], mn, mx, j->nbins);
    }
    reduce_chunk(w0, 0, len);
    atomic_store(&j->next, 1);
    atomic_store(&j->done, 1);
}

/* Every chunk, on `nthreads` threads (the calling one reports progress);
 * GPUCOST_ERANGE naming the first chunk's overflowing quantity. */
static gpucost_status run_chunks(job *j, worker *w, size_t nthreads,
                                 const gpucost_range_options *opt, gpucost_error *err)
{
    pthread_t tid[256];
    size_t started = 1;
    first_chunk(j, &w[0]);
    for (; started < nthreads && started < 256; started++)
        if (pthread_create(&tid[started], NULL, work, &w[started]) != 0)
            break;
    work_loop(&w[0], opt);
    for (size_t t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    size_t fail_chunk = SIZE_MAX;
    gpucost_quantity fail_q = GPUCOST_Q_COST_USD;
    int fail_code = -1;
    for (size_t t = 0; t < nthreads; t++)
        if (w[t].fail_chunk < fail_chunk) {
            fail_chunk = w[t].fail_chunk;
            fail_q = w[t].fail_q;
            fail_code = w[t].fail_code;
        }
    const char *name = gpucost_quantity_info_get(fail_q)->name;
    if (fail_chunk != SIZE_MAX && fail_code == -2)
        return gc_range_limit_error(j, fail_q, "in some samples", err);
    if (fail_chunk != SIZE_MAX)
        return GPUCOST_ERROR(err, GPUCOST_ERANGE, j->plan.file, 0, 0, name,
                             "a sample of '%s' overflows the range of a double", name);
    if (opt->progress != NULL)
        opt->progress(1.0, opt->progress_ctx);
    return GPUCOST_OK;
}

/* Stat s from the workers' pieces: moments, extremes, the merged
 * histogram (into worker 0's) and the quantiles. */
static gpucost_status finish_stat(job *j, worker *w, size_t nthreads,
                                  const gpucost_range_options *opt, size_t s,
                                  gpucost_range_stat *st, gpucost_error *err)
{
    st->quantity = j->statq[s];
    const char *name = gpucost_quantity_info_get(st->quantity)->name;
    merge_moments(j, s, &st->mean, &st->sd);
    if (!isfinite(st->mean) || !isfinite(st->sd)) /* beyond ~1e154 squares overflow */
        return GPUCOST_ERROR(err, GPUCOST_ERANGE, j->plan.file, 0, 0, name,
                             "the spread of '%s' overflows the range of a double", name);
    st->min = INFINITY;
    st->max = -INFINITY;
    uint32_t *h = w[0].hist + s * j->nbins;
    for (size_t t = 0; t < nthreads; t++) {
        st->min = fmin(st->min, w[t].mins[s]);
        st->max = fmax(st->max, w[t].maxs[s]);
        for (size_t b = 0; t > 0 && b < j->nbins; b++)
            h[b] += w[t].hist[s * j->nbins + b];
    }
    if (j->exact)
        return gc_range_exact_quantiles(j->store + s * j->n, j->n, &j->map[s], h, opt->quantiles,
                                        opt->nquantiles, st->q) == 0
                   ? GPUCOST_OK
                   : GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    for (size_t k = 0; k < opt->nquantiles; k++)
        st->q[k] =
            gc_range_sketch_quantile(&j->map[s], h, j->n, st->min, st->max, opt->quantiles[k]);
    return GPUCOST_OK;
}

gpucost_status gpucost_range_run(const gpucost_derivation *d, const gpucost_range_options *opt,
                                 gpucost_range_result *out, gpucost_error *err)
{
    gpucost_range_options defaults;
    if (opt == NULL) {
        gpucost_range_options_init(&defaults);
        opt = &defaults;
    }
    job *j = gc_calloc(1, sizeof *j);
    if (j == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    gpucost_status rc = gc_range_setup(d, opt, j, out, err);
    size_t nthreads = opt->threads < 1 ? 1 : opt->threads > 256 ? 256 : (size_t)opt->threads;
    size_t ready = 0;
    nthreads = nthreads > j->nchunks && j->nchunks > 0 ? j->nchunks : nthreads;
    out->threads = (int)nthreads;
    worker *w = rc == GPUCOST_OK ? gc_calloc(nthreads, sizeof *w) : NULL;
    if (rc == GPUCOST_OK && w == NULL)
        rc = GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    if (rc == GPUCOST_OK)
        rc = allocate(j, w, nthreads, &ready, err);
    if (rc == GPUCOST_OK)
        rc = run_chunks(j, w, nthreads, opt, err);
    out->nstats = j->nstats;
    for (size_t s = 0; rc == GPUCOST_OK && s < j->nstats; s++)
        rc = finish_stat(j, w, nthreads, opt, s, &out->stats[s], err);
    if (rc == GPUCOST_OK) {
        gc_range_display_histogram(j, w[0].hist, out);
        rc = gc_range_tornado(j, out, err);
    }
    if (rc == GPUCOST_OK && opt->sobol)
        rc = gc_range_sobol(j, opt, out, err);
    for (size_t t = 0; t < ready; t++)
        worker_release(&w[t]);
    gc_free(w);
    gc_free(j->cmean);
    gc_free(j->cm2);
    gc_free(j->store);
    gc_free(j);
    return rc;
}
