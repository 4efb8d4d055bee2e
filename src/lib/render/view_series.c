/*
 * view_series.c - a series' numbers (view.h): the bars, bins, marks and
 * tornado inputs a builder copies into a document for its charts.  Like
 * a table, a series remembers its first allocation failure in `failed`
 * and every later call does nothing; the renderers check it before
 * drawing (gc_view_failed).  render_svg.c draws a series; nothing here
 * knows where the numbers came from.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "render/view.h"

#include <stdarg.h>
#include <string.h>

void gc_series_free(gc_series *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->npoints; i++) {
        gc_free(s->points[i].label);
        gc_free(s->points[i].note);
    }
    gc_free(s->points);
    gc_free(s->edges);
    gc_free(s->share);
    gc_free(s->title);
    gc_free(s->caption);
    gc_free(s->empty_path);
    gc_free(s->empty_message);
    gc_free(s);
}

/* A copy of `s` (NULL stays NULL), or NULL with s->failed set. */
static char *copy(gc_series *s, const char *text)
{
    if (text == NULL)
        return NULL;
    char *c = gpucost_strdup(text);
    if (c == NULL)
        s->failed = 1;
    return c;
}

/* A new point at the end, zeroed, or NULL. */
static gc_spoint *add_point(gc_series *s)
{
    if (s == NULL || s->failed)
        return NULL;
    if (s->npoints == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        gc_spoint *p = gc_realloc(s->points, cap * sizeof *p);
        if (p == NULL) {
            s->failed = 1;
            return NULL;
        }
        s->points = p;
        s->cap = cap;
    }
    gc_spoint *p = &s->points[s->npoints++];
    memset(p, 0, sizeof *p);
    return p;
}

void gc_series_point(gc_series *s, const char *label, double value)
{
    gc_spoint *p = add_point(s);
    if (p == NULL)
        return;
    p->label = copy(s, label);
    p->value = value;
}

void gc_series_input(gc_series *s, const char *label, const char *note, double low, double high,
                     double swing, int folded)
{
    gc_spoint *p = add_point(s);
    if (p == NULL)
        return;
    p->label = copy(s, label);
    p->note = copy(s, note);
    p->low = low;
    p->high = high;
    p->value = swing;
    p->folded = folded;
}

void gc_series_bins(gc_series *s, const double *edges, const double *share, size_t nbins)
{
    if (s == NULL || s->failed || nbins == 0)
        return;
    gc_free(s->edges);
    gc_free(s->share);
    s->edges = gc_malloc((nbins + 1) * sizeof *s->edges);
    s->share = gc_malloc(nbins * sizeof *s->share);
    if (s->edges == NULL || s->share == NULL) {
        s->failed = 1;
        return;
    }
    memcpy(s->edges, edges, (nbins + 1) * sizeof *edges);
    memcpy(s->share, share, nbins * sizeof *share);
    s->nbins = nbins;
}

void gc_series_caption(gc_series *s, const char *caption)
{
    if (s == NULL || s->failed)
        return;
    gc_free(s->caption);
    s->caption = copy(s, caption);
}

void gc_series_empty(gc_series *s, gpucost_status code, const char *path, const char *fmt, ...)
{
    if (s == NULL || s->failed)
        return;
    char msg[sizeof((gpucost_error *)0)->message];
    va_list ap;
    va_start(ap, fmt);
    gc_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gc_free(s->empty_path);
    gc_free(s->empty_message);
    s->empty_code = code;
    s->empty_path = copy(s, path);
    s->empty_message = copy(s, msg);
}
