/*
 * output_quantities.c - `quantities` (output.h): every quantity, its
 * unit, meaning, the kinds of scenario it applies to, its relations and
 * where it comes from when not given.  One document whose table rows are
 * the records machines read: each field is written once, with the text
 * people read and the value JSON carries.
 */
#include "present/output_internal.h"

/* The kinds of scenario a quantity applies to: "training", "inference,
 * fleet", "all", indexed by the GPUCOST_FOR_* bits. */
static const char *const kinds[GPUCOST_FOR_ALL + 1] = {
    "",      "training",        "inference",        "training, inference",
    "fleet", "training, fleet", "inference, fleet", "all"};

gpucost_status gpucost_output_quantities(gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    gpucost_status st = gc_format_check("quantities", f, err);
    if (st != GPUCOST_OK)
        return st;
    gc_view v;
    gc_view_init_for(&v, f);
    gc_vtable *t = gc_view_table(&v, 6, 0);
    const char *head[] = {"name", "unit", "meaning", "for", "relation", "when not given"};
    for (size_t c = 0; c < 6; c++)
        gc_view_head(t, c, head[c], NULL, 0, GC_FOR_ALL);
    gc_dnode *root = gc_data_root(&v, 1);
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        const gpucost_quantity_info *info = gpucost_quantity_info_get((gpucost_quantity)q);
        char rel[1024], unit[64];
        gpucost_derive_describe((gpucost_quantity)q, rel, sizeof rel);
        const char *fb = gpucost_derive_fallback_text((gpucost_quantity)q);
        gc_text_printf(unit, sizeof unit, "%s%s", info->style == GPUCOST_NUM_USD ? "USD" : "",
                       info->style == GPUCOST_NUM_PERCENT ? "fraction" : info->unit);
        gc_dnode *o = gc_view_record(&v, t, root);
        gc_view_field(&v, t, o, "name", info->name, info->name);
        gc_view_field(&v, t, o, "unit", unit, info->unit);
        gc_view_field(&v, t, o, "meaning", info->label, info->label);
        gc_view_field(&v, t, o, "kinds", kinds[info->kinds], kinds[info->kinds]);
        /* machines only: the domain of values */
        gc_data_str(&v, o, "domain", gpucost_quantity_domain_text((gpucost_quantity)q));
        gc_view_field(&v, t, o, "relation", rel[0] ? rel : "an input only", rel);
        gc_view_field(&v, t, o, "fallback", fb[0] ? fb : "-", fb[0] ? fb : NULL);
    }
    return gc_view_finish(&v, f, out, err);
}
