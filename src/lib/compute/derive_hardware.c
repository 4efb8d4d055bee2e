/*
 * derive_hardware.c - the scenario's accelerator (derive.c asks): its
 * catalog entry, or the error with the nearest name; its peak at the
 * scenario's precision; its power and prices as fallbacks
 * (derive_fallback.c), a dated scenario's rent from the on-demand quotes
 * of its time, and the words that say which quotes.  A fleet's parts are
 * looked up here too (derive_fleet.c).
 */
#include "base/c_locale.h"
#include "compute/derive_internal.h"

#include "gpucost/rules.h"
#include "gpucost/suggest.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/text.h"

/* "unknown hardware 'h10' (did you mean 'h100'? known: ...)", at `l`. */
static gpucost_status unknown_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                       const char *id, const gpucost_loc *l, const char *where,
                                       gpucost_error *err)
{
    char ids[512];
    gpucost_catalog_ids(catalog, ids, sizeof ids);
    const char *names[64];
    size_t n = gpucost_catalog_count(catalog) < 64 ? gpucost_catalog_count(catalog) : 64;
    for (size_t i = 0; i < n; i++)
        names[i] = gpucost_catalog_at(catalog, i)->id;
    const char *hint = gpucost_suggest(id, names, n);
    if (hint != NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, where,
                             "unknown hardware '%s' (did you mean '%s'? known: %s)", id, hint, ids);
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, where,
                         "unknown hardware '%s' (known: %s)", id, ids);
}

/* The catalog entry of hardware `id`, or an error at `l` / `where`. */
gpucost_status gc_derive_find_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                       const char *id, const gpucost_loc *l, const char *where,
                                       const gpucost_hardware **out, gpucost_error *err)
{
    if (catalog == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, where,
                             "unknown hardware '%s' (no catalog loaded)", id);
    *out = gpucost_catalog_find(catalog, id);
    return *out != NULL ? GPUCOST_OK : unknown_hardware(s, catalog, id, l, where, err);
}

gpucost_status gc_derive_resolve_hardware(const gpucost_scenario *s, const gpucost_catalog *catalog,
                                          gpucost_derivation *d, gpucost_error *err)
{
    if (s->hardware == NULL)
        return GPUCOST_OK;
    const char *where = s->hardware_loc.line ? "inputs.hardware" : "hardware";
    gpucost_status rc = gc_derive_find_hardware(s, catalog, s->hardware, &s->hardware_loc, where,
                                                &d->hardware, err);
    if (rc != GPUCOST_OK)
        return rc;
    if (d->hardware->peak_tflops[s->precision] > 0.0)
        return GPUCOST_OK;
    if (!s->precision_given && s->inputs[Q(PEAK_FLOPS)].given)
        return GPUCOST_OK;
    char have[128] = "";
    for (int p = 0; p < GPUCOST_P_COUNT; p++)
        if (d->hardware->peak_tflops[p] > 0.0)
            gc_text_list(have, sizeof have, gpucost_precision_name((gpucost_precision)p));
    const gpucost_loc *l = s->precision_given ? &s->precision_loc : &s->hardware_loc;
    const char *pwhere = s->precision_given ? (l->line ? "inputs.precision" : "precision") : where;
    return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, s->file, l->line, l->column, pwhere,
                         "hardware '%s' has no %s peak (it has: %s)", d->hardware->id,
                         gpucost_precision_name(s->precision), have);
}

/* Months since year 0 of a "YYYY-MM-DD" or "YYYY-MM" date (a month alone
 * at its middle); NaN when it is neither. */
static double months_of_text(const char *t)
{
    int y, m, dd = 15;
    if (sscanf(t, "%4d-%2d-%2d", &y, &m, &dd) < 2 || m < 1 || m > 12)
        return NAN;
    return y * 12.0 + (m - 1) + (dd - 1) / 31.0;
}

/* The same of yyyymmdd. */
static double months_of(int yyyymmdd)
{
    return yyyymmdd / 10000 * 12.0 + (yyyymmdd / 100 % 100 - 1) + (yyyymmdd % 100 - 1) / 31.0;
}

/* The window of a dated price: the on-demand quotes within 6 months of
 * the date; with none there, those within 6 months of the nearest quote
 * (the nearest period that has quotes). */
#define PRICE_WINDOW_MONTHS 6.0

/* The on-demand quotes of a window: their prices, the months of the
 * first and last, and the vendors named. */
typedef struct quote_window {
    double v[512];
    size_t k;
    double lo_m, hi_m;
    char vendors[120];
} quote_window;

/* The month of `h`'s on-demand quote nearest `at`; infinite when none. */
static double nearest_quote(const gpucost_hardware *h, double at)
{
    double nearest = INFINITY;
    for (size_t i = 0; i < h->nprices; i++) {
        double mo = months_of_text(h->prices[i].date);
        if (h->prices[i].kind == GPUCOST_PRICE_ON_DEMAND && isfinite(mo) &&
            fabs(mo - at) < fabs(nearest - at))
            nearest = mo;
    }
    return nearest;
}

/* Fills `w` with `h`'s on-demand quotes within the window about `centre`. */
static void gather_window(const gpucost_hardware *h, double centre, quote_window *w)
{
    w->k = 0;
    w->lo_m = INFINITY;
    w->hi_m = -INFINITY;
    w->vendors[0] = '\0';
    for (size_t i = 0; i < h->nprices && w->k < sizeof w->v / sizeof w->v[0]; i++) {
        const gpucost_price_obs *o = &h->prices[i];
        double mo = months_of_text(o->date);
        if (o->kind != GPUCOST_PRICE_ON_DEMAND || !(fabs(mo - centre) <= PRICE_WINDOW_MONTHS) ||
            !(o->usd > 0.0))
            continue;
        w->v[w->k++] = o->usd;
        w->lo_m = fmin(w->lo_m, mo);
        w->hi_m = fmax(w->hi_m, mo);
        if (o->vendor != NULL && strstr(w->vendors, o->vendor) == NULL)
            gc_text_list(w->vendors, sizeof w->vendors, o->vendor);
    }
}

/* Says in `basis` which quotes of window `w` (sorted) priced `date`;
 * `moved`: the window is the nearest period's, not the date's. */
static void write_basis(const quote_window *w, int date, int moved, char *basis, size_t n)
{
    char a[16], b[16], when[16];
    int la = (int)floor(w->lo_m), lb = (int)floor(w->hi_m);
    size_t k = w->k;
    gc_snprintf(a, sizeof a, "%04d-%02d", la / 12, la % 12 + 1);
    gc_snprintf(b, sizeof b, "%04d-%02d", lb / 12, lb % 12 + 1);
    gpucost_date_format(date, when, sizeof when);
    gc_text_printf(basis, n,
                   "median of %zu on-demand quote%s, %s%s%s (%s), for %s%s%s; Epoch AI's "
                   "hardware prices",
                   k, k == 1 ? "" : "s", a, strcmp(a, b) ? ".." : "", strcmp(a, b) ? b : "",
                   w->vendors[0] ? w->vendors : "vendors not named", when,
                   moved ? " (none within 6 months: the nearest period with quotes)" : "",
                   w->v[0] < w->v[k - 1] ? "; their spread is the price's 90% range" : "");
}

/* A dated scenario's rental price from the catalog's on-demand quotes
 * (docs/prices.md): their median, with the period's spread as
 * its uncertainty (a lognormal with that median whose 90% range is as
 * wide, in log terms, as the quotes' lowest to highest).  `basis` (may be
 * NULL) says which quotes.  0 when the chip has no on-demand quote. */
int gc_derive_dated_rent(const gpucost_hardware *h, int date, gpucost_dist *dist, char *basis,
                         size_t n)
{
    if (h == NULL || date <= 0 || h->nprices == 0)
        return 0;
    double at = months_of(date), centre = at;
    double nearest = nearest_quote(h, at);
    if (!isfinite(nearest))
        return 0;
    if (fabs(nearest - at) > PRICE_WINDOW_MONTHS)
        centre = nearest;
    quote_window w;
    gather_window(h, centre, &w);
    size_t k = w.k;
    if (k == 0)
        return 0;
    gsl_sort(w.v, 1, k);
    double med = gsl_stats_median_from_sorted_data(w.v, 1, k), lo = w.v[0], hi = w.v[k - 1];
    int ok = lo < hi ? gpucost_dist_lognormal90(dist, med * sqrt(lo / hi), med * sqrt(hi / lo))
                     : gpucost_dist_point(dist, med);
    if (basis != NULL)
        write_basis(&w, date, centre != at, basis, n);
    return ok == 0;
}

/* An accelerator's catalog power (TDP), purchase and rental price. */
int gc_derive_hardware_fallback(const gpucost_hardware *h, gpucost_quantity q, gpucost_dist *dist)
{
    if (h == NULL)
        return 0;
    switch (q) {
    case Q(POWER_W): return h->tdp_w > 0.0 && gpucost_dist_point(dist, h->tdp_w) == 0;
    case Q(GPU_PRICE_USD):
        if (h->has_price)
            *dist = h->price_usd;
        return h->has_price;
    case Q(PRICE_PER_GPU_HOUR):
        if (h->has_rent)
            *dist = h->rent_usd_per_hour;
        return h->has_rent;
    default: return 0;
    }
}

int gpucost_derive_quote_basis(const gpucost_hardware *h, int date, char *buf, size_t n)
{
    gpucost_dist unused;
    if (n > 0)
        buf[0] = '\0';
    return date > 0 && gc_derive_dated_rent(h, date, &unused, buf, n);
}

int gpucost_derive_price_basis(const gpucost_derivation *d, char *buf, size_t n)
{
    gpucost_dist unused;
    if (n > 0)
        buf[0] = '\0';
    return d->date > 0 && d->kind != GPUCOST_KIND_FLEET &&
           d->origin[Q(PRICE_PER_GPU_HOUR)] == GPUCOST_ORIGIN_CATALOG &&
           gc_derive_dated_rent(d->hardware, d->date, &unused, buf, n);
}
