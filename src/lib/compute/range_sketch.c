/*
 * range_sketch.c - the Monte Carlo's bins and quantiles: a log-spaced
 * histogram per quantity (the bounded-memory mode and the charts), exact
 * quantiles by selection inside the bins that hold the wanted ranks, and
 * quantiles read from the histogram when the samples are not kept.
 */
#include "base/alloc.h"
#include "compute/range_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

/* ---- binning for the bounded-memory mode ------------------------------ */

/* Lower edge of bin b (1 <= b <= nbins - 1). */
double gc_range_bin_lower(const binmap *m, size_t b)
{
    if (m->log)
        return double_of((m->base + (uint64_t)(b - 1)) << m->shift);
    return m->lo + (double)(b - 1) * m->width;
}

/* Bins fitted to the first chunk's [mn, mx], with generous room around. */
void gc_range_binmap_fit(binmap *m, double mn, double mx, size_t nbins)
{
    m->nbins = nbins;
    if (mn > 0.0) {
        double lo = mn / 16.0, hi = mx * 16.0;
        if (!isfinite(hi))
            hi = mx;
        m->log = 1;
        m->shift = 52 - SKETCH_MANTISSA_BITS;
        while (m->shift < 63 &&
               ((bits_of(hi) >> m->shift) - (bits_of(lo) >> m->shift)) + 2 >= nbins)
            m->shift++;
        m->base = bits_of(lo) >> m->shift;
        return;
    }
    double span = mx - mn;
    if (!(span > 0.0))
        span = fabs(mx) > 0.0 ? fabs(mx) : 1.0;
    m->log = 0;
    m->lo = mn - span;
    m->width = 3.0 * span / (double)(nbins - 2);
}

/* Exact quantiles with GSL's definition (index p (n - 1), linear between
 * neighbours).  The histogram already says which bin holds each wanted
 * rank, so one scan gathers just those bins' values and gsl_stats_select
 * finds the rank among them: the same answer as selecting in the whole
 * array, at the cost of one pass instead of several. */
/* The ranks each quantile interpolates between, the bin each rank falls
 * in and its offset there; returns how many ranks (2 per quantile), or 0
 * when the histogram holds fewer than n samples (cannot happen).  Each
 * rank is placed on its own: the ranks of close quantiles (50, 50.0001)
 * or of a tiny sample (n = 2) interleave and are not sorted. */
static size_t place_ranks(size_t n, const binmap *map, const uint32_t *h, const double *p,
                          size_t np, size_t *rank, size_t *bin, size_t *off)
{
    size_t nr = 0;
    for (size_t i = 0; i < np; i++) {
        size_t k = (size_t)(p[i] * (double)(n - 1));
        rank[nr++] = k;
        rank[nr++] = k + 1 < n ? k + 1 : k;
    }
    for (size_t r = 0; r < nr; r++) {
        size_t b = 0, cum = 0;
        while (b < map->nbins && rank[r] >= cum + h[b])
            cum += h[b++];
        if (b == map->nbins)
            return 0;
        bin[r] = b;
        off[r] = rank[r] - cum;
    }
    return nr;
}

/* Index of bin `b` in `ub[0..*nu)`, added when new. */
static size_t slot_of_bin(size_t *ub, size_t *nu, size_t b)
{
    size_t u = 0;
    while (u < *nu && ub[u] != b)
        u++;
    if (u == *nu)
        ub[(*nu)++] = b;
    return u;
}

int gc_range_exact_quantiles(const double *x, size_t n, const binmap *map, const uint32_t *h,
                             const double *p, size_t np, double *out)
{
    size_t rank[2 * GPUCOST_MAX_QUANTILES], bin[2 * GPUCOST_MAX_QUANTILES];
    size_t off[2 * GPUCOST_MAX_QUANTILES], slot[2 * GPUCOST_MAX_QUANTILES];
    size_t nr = place_ranks(n, map, h, p, np, rank, bin, off);
    if (nr == 0)
        return -1;
    /* the distinct bins, and each rank's slot among them */
    size_t ub[2 * GPUCOST_MAX_QUANTILES], nu = 0;
    for (size_t r = 0; r < nr; r++)
        slot[r] = slot_of_bin(ub, &nu, bin[r]);
    double *buf[2 * GPUCOST_MAX_QUANTILES];
    size_t fill[2 * GPUCOST_MAX_QUANTILES] = {0};
    int ok = 1;
    for (size_t u = 0; u < nu; u++)
        ok &= (buf[u] = gc_malloc((h[ub[u]] ? h[ub[u]] : 1) * sizeof **buf)) != NULL;
    /* the samples of those bins copied out, then selected exactly */
    for (size_t i = 0; ok && i < n; i++) {
        size_t b = gc_range_bin_of(map, x[i]), u = 0;
        while (u < nu && ub[u] != b)
            u++;
        if (u < nu)
            buf[u][fill[u]++] = x[i];
    }
    for (size_t i = 0; ok && i < np; i++) {
        double lo = gsl_stats_select(buf[slot[2 * i]], 1, fill[slot[2 * i]], off[2 * i]);
        double hi =
            gsl_stats_select(buf[slot[2 * i + 1]], 1, fill[slot[2 * i + 1]], off[2 * i + 1]);
        double frac = p[i] * (double)(n - 1) - (double)rank[2 * i];
        out[i] = lo + frac * (hi - lo);
    }
    for (size_t u = 0; u < nu; u++)
        gc_free(buf[u]);
    return ok ? 0 : -1;
}

double gc_range_sketch_quantile(const binmap *m, const uint32_t *h, size_t n, double mn, double mx,
                                double p)
{
    double rank = p * (double)(n - 1);
    double cum = 0.0;
    for (size_t b = 0; b < m->nbins; b++) {
        double cnt = (double)h[b];
        if (cnt == 0.0 || cum + cnt <= rank) {
            cum += cnt;
            continue;
        }
        double lower = b == 0 ? mn : gc_range_bin_lower(m, b);
        double upper = b == m->nbins - 1 ? mx : gc_range_bin_lower(m, b + 1);
        if (lower < mn)
            lower = mn;
        if (upper > mx)
            upper = mx;
        double frac = (rank - cum + 0.5) / cnt;
        if (frac > 1.0)
            frac = 1.0;
        return lower + frac * (upper - lower);
    }
    return mx;
}

/* The chart histogram of the headline output, rebinned from its merged
 * fine histogram. */
void gc_range_display_histogram(const job *j, const uint32_t *hists, gpucost_range_result *r)
{
    int s = gpucost_range_find(r, r->output);
    if (s < 0)
        return;
    const uint32_t *h = hists + (size_t)s * j->nbins;
    const binmap *m = &j->map[s];
    const gpucost_range_stat *st = &r->stats[s];
    double lo = gc_range_sketch_quantile(m, h, j->n, st->min, st->max, 0.005);
    double hi = gc_range_sketch_quantile(m, h, j->n, st->min, st->max, 0.995);
    if (!(hi > lo)) {
        lo = st->min;
        hi = st->max > st->min ? st->max : st->min + 1.0;
    }
    double width = (hi - lo) / GPUCOST_HIST_BINS;
    for (size_t k = 0; k <= GPUCOST_HIST_BINS; k++)
        r->hist_edges[k] = lo + (double)k * width;
    memset(r->hist_share, 0, sizeof r->hist_share);
    for (size_t b = 1; b + 1 < j->nbins; b++) {
        if (h[b] == 0)
            continue;
        double mid = 0.5 * (gc_range_bin_lower(m, b) + gc_range_bin_lower(m, b + 1));
        if (mid < lo || mid >= hi)
            continue;
        size_t k = (size_t)((mid - lo) / width);
        if (k >= GPUCOST_HIST_BINS)
            k = GPUCOST_HIST_BINS - 1;
        r->hist_share[k] += (double)h[b] / (double)j->n;
    }
}
