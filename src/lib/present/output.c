/*
 * output.c - what every command's output shares (output.h,
 * output_internal.h): the finiteness guard, the one wording
 * of a conflict and of a what-if, and their JSON.
 *
 * Each command's output lives in a file of its own, one document builder
 * (render/view.h): output_run.c, output_compare.c, output_check.c,
 * output_catalog.c (hardware), output_export.c (hardware --on, --history,
 * --rules), output_quantities.c, output_range.c, output_solve.c,
 * output_reconcile.c.  The renderers are render/render_*.c, one per
 * format, chosen from render/format.c's table.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/c_locale.h"
#include "present/output_internal.h"
#include "base/text.h"

/* The guard, naming `file` (may be NULL) when a scenario is at fault. */
static gpucost_status guard_in(double v, const char *what, const char *file, gpucost_error *err)
{
    if (isfinite(v))
        return GPUCOST_OK;
    return GPUCOST_ERROR(err, GPUCOST_ERANGE, file, 0, 0, what,
                         "value of '%s' is not finite (overflow)", what);
}

gpucost_status gpucost_output_guard(double v, const char *what, gpucost_error *err)
{
    return guard_in(v, what, NULL, err);
}

int gc_output_known(const gpucost_derivation *d, gpucost_quantity q)
{
    return d->origin[q] != GPUCOST_ORIGIN_UNKNOWN;
}

gpucost_status gc_output_guard_results(const gpucost_result *items, size_t n, gpucost_error *err)
{
    gpucost_status rc = GPUCOST_OK;
    for (size_t i = 0; i < n && rc == GPUCOST_OK; i++)
        for (size_t p = 0; p <= items[i].nparts && rc == GPUCOST_OK; p++) {
            /* the scenario's derivation, then each part's */
            const gpucost_derivation *d = p == 0 ? items[i].derivation : &items[i].parts[p - 1];
            for (int q = 0; q < GPUCOST_Q_COUNT && rc == GPUCOST_OK; q++)
                if (gc_output_known(d, (gpucost_quantity)q))
                    rc = guard_in(d->value[q], gpucost_quantity_info_get((gpucost_quantity)q)->name,
                                  items[i].scenario->file, err);
        }
    return rc;
}

void gc_output_hardware_label(const gpucost_derivation *d, char *buf, size_t n)
{
    if (d->kind == GPUCOST_KIND_FLEET)
        gc_snprintf(buf, n, "fleet");
    else if (d->hardware == NULL)
        gc_snprintf(buf, n, "-");
    else if (d->kind == GPUCOST_KIND_INFERENCE)
        gc_text_printf(buf, n, "%s", d->hardware->id);
    else
        gc_text_printf(buf, n, "%s %s", d->hardware->id, gpucost_precision_name(d->precision));
}

char *gc_output_percent(double frac, int decimals, char *buf, size_t n)
{
    double pct = 100.0 * frac;
    if (!isfinite(pct))
        gc_snprintf(buf, n, "-");
    else if (fabs(pct) < 1e6)
        gc_snprintf(buf, n, "%+.*f%%", decimals, pct);
    else
        gc_snprintf(buf, n, "%+.3g%%", pct);
    return buf;
}

void gpucost_output_conflict(const gpucost_derivation *d, const gpucost_conflict *c, char *buf,
                             size_t n)
{
    char g[64], dv[64], lo[64], hi[64], what[96], pct[32];
    const char *name = gpucost_quantity_info_get(c->quantity)->name;
    gpucost_quantity_format(c->quantity, c->given, g, sizeof g);
    gpucost_quantity_format(c->quantity, c->derived, dv, sizeof dv);
    gc_output_percent((c->derived - c->given) / fmax(fabs(c->given), 1e-300), 1, pct, sizeof pct);
    if (c->physical) {
        /* the bound is a maximum (a fraction's 1) or a minimum (pue's 1) */
        gc_text_printf(buf, n, "%s: derived %s is %s the physical %s %s", name, dv,
                       c->derived > c->given ? "above" : "below",
                       c->derived > c->given ? "maximum" : "minimum", g);
        return;
    }
    if (c->against == GPUCOST_ORIGIN_INPUT) {
        gc_text_printf(buf, n, "%s: given %s, the other inputs imply %s (%s)", name, g, dv, pct);
        return;
    }
    if (c->against == GPUCOST_ORIGIN_DEFAULT) {
        gc_text_printf(buf, n, "%s: the inputs imply %s, the default is %s (%s)", name, dv, g, pct);
        return;
    }
    const char *hw = d != NULL && d->hardware != NULL ? d->hardware->id : "hardware";
    switch (c->quantity) {
    case GPUCOST_Q_PEAK_FLOPS:
        gc_text_printf(what, sizeof what, "%s %s peak", hw, gpucost_precision_name(d->precision));
        break;
    case GPUCOST_Q_POWER_W: gc_text_printf(what, sizeof what, "%s TDP", hw); break;
    case GPUCOST_Q_PRICE_PER_GPU_HOUR:
        gc_text_printf(what, sizeof what, "%s rental price", hw);
        break;
    case GPUCOST_Q_GPU_PRICE_USD: gc_text_printf(what, sizeof what, "%s purchase price", hw); break;
    default: gc_text_printf(what, sizeof what, "%s value", hw); break;
    }
    if (c->low > 0.0 || c->high > 0.0) {
        gpucost_quantity_format(c->quantity, c->low, lo, sizeof lo);
        gpucost_quantity_format(c->quantity, c->high, hi, sizeof hi);
        gc_text_printf(buf, n, "%s: the inputs imply %s, outside the catalog's %s range %s..%s",
                       name, dv, what, lo, hi);
        return;
    }
    gc_text_printf(buf, n, "%s: the inputs imply %s, the catalog's %s is %s (%s)", name, dv, what,
                   g, pct);
}

/* What a what-if held, in its order, and what it could not hold. */
static void whatif_held(const gpucost_whatif *w, char *held, char *unheld, size_t n)
{
    for (size_t i = 0; i < w->norder; i++) {
        gpucost_quantity q = w->order[i];
        const char *name = gpucost_quantity_info_get(q)->name;
        if (w->held[q] && w->pinned[q]) {
            char v[64], item[192];
            gpucost_quantity_format(q, w->value[q], v, sizeof v);
            gc_text_printf(item, sizeof item, "%s %s%s%s%s", name, v, w->from[0] ? " (from " : "",
                           w->from, w->from[0] ? ")" : "");
            gc_text_list(held, n, item);
        } else if (w->held[q]) {
            gc_text_list(held, n, name);
        }
        if (w->unheld[q])
            gc_text_list(unheld, n, name);
    }
}

void gpucost_output_whatif(const gpucost_whatif *w, const gpucost_derivation *d, char *buf,
                           size_t n)
{
    buf[0] = '\0';
    if (w == NULL || !w->active)
        return;
    char held[512] = "", unheld[512] = "";
    /* what was dropped, by where it comes from now */
    char rederived[512] = "", catalog[512] = "", dropped[512] = "";
    whatif_held(w, held, unheld, sizeof held);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        gpucost_origin o = d->origin[q];
        char *list = o == GPUCOST_ORIGIN_DERIVED                                  ? rederived
                     : o == GPUCOST_ORIGIN_CATALOG || o == GPUCOST_ORIGIN_DEFAULT ? catalog
                                                                                  : dropped;
        if (w->dropped[q])
            gc_text_list(list, sizeof held, gpucost_quantity_info_get((gpucost_quantity)q)->name);
        else if (w->rederived[q]) /* of the held set, but its inputs moved */
            gc_text_list(rederived, sizeof rederived,
                         gpucost_quantity_info_get((gpucost_quantity)q)->name);
    }
    gc_text_printf(buf, n, "%s%sheld: %s%s%s%s%s%s%s%s%s", w->note, w->note[0] ? "; " : "",
                   held[0] ? held : "nothing", rederived[0] ? "; re-derived: " : "", rederived,
                   catalog[0] ? "; from the new part's catalog entry: " : "", catalog,
                   dropped[0] ? "; dropped: " : "", dropped,
                   unheld[0] ? "; unknown, so not held: " : "", unheld);
}

void gc_output_whatif_json(gc_view *doc, gc_dnode *o, const gpucost_whatif *w,
                           const gpucost_derivation *d)
{
    if (w == NULL || !w->active)
        return;
    char line[1024];
    gc_dnode *wj = gc_data_obj(doc, o, "whatif");
    gc_dnode *held = gc_data_obj(doc, wj, "held");
    gc_dnode *drop = gc_data_arr(doc, wj, "dropped");
    gc_dnode *rederived = gc_data_arr(doc, wj, "rederived");
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const char *name = gpucost_quantity_info_get((gpucost_quantity)q)->name;
        if (w->held[q]) {
            gc_dnode *h = gc_data_obj(doc, held, name);
            gc_data_num(doc, h, "value", w->value[q]);
            gc_data_bool(doc, h, "pinned", w->pinned[q]);
        }
        if (w->dropped[q])
            gc_data_str(doc, drop, NULL, name);
        if (w->rederived[q])
            gc_data_str(doc, rederived, NULL, name);
    }
    if (w->from[0])
        gc_data_str(doc, wj, "from", w->from);
    gpucost_output_whatif(w, d, line, sizeof line);
    gc_data_str(doc, wj, "message", line);
}

/* One conflict or note as JSON: {quantity, given, derived,
 * rel_error} plus where `given` came from and the sentence people read. */
static void conflict_json(gc_view *doc, gc_dnode *arr, const gpucost_derivation *d,
                          const gpucost_conflict *cf)
{
    char line[480];
    gc_dnode *e = gc_data_obj(doc, arr, NULL);
    gc_data_str(doc, e, "quantity", gpucost_quantity_info_get(cf->quantity)->name);
    gc_data_num(doc, e, "given", cf->given);
    gc_data_num(doc, e, "derived", cf->derived);
    gc_data_num(doc, e, "rel_error", cf->rel_error);
    gc_data_str(doc, e, "against", cf->physical ? "bound" : gpucost_origin_name(cf->against));
    if (cf->low > 0.0 || cf->high > 0.0) {
        gc_data_num(doc, e, "low", cf->low);
        gc_data_num(doc, e, "high", cf->high);
    }
    gpucost_output_conflict(d, cf, line, sizeof line);
    gc_data_str(doc, e, "message", line);
}

void gc_output_conflicts_json(gc_view *doc, gc_dnode *o, const gpucost_derivation *d)
{
    gc_dnode *cs = gc_data_arr(doc, o, "conflicts");
    for (size_t c = 0; c < d->nconflicts; c++)
        conflict_json(doc, cs, d, &d->conflicts[c]);
    gc_dnode *ns = gc_data_arr(doc, o, "notes");
    for (size_t c = 0; c < d->nnotes; c++)
        conflict_json(doc, ns, d, &d->notes[c]);
}
