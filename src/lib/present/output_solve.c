/*
 * output_solve.c - `solve` (output.h): the input value that meets a
 * target, in one document: a title and how it was found for people, one
 * row for CSV, the result for machines.
 */
#include "base/c_locale.h"
#include "gpucost/number.h"
#include "present/output_internal.h"

/* For machines: {"scenario", "for", "value", "target", "achieved",
 * "iterations"}. */
static void solve_data(gc_view *doc, const gpucost_scenario *s, const gpucost_solve_result *r)
{
    gc_dnode *root = gc_data_root(doc, 0);
    gc_data_str(doc, root, "scenario", s->id);
    gc_data_str(doc, root, "for", gpucost_quantity_info_get(r->input)->name);
    gc_data_num(doc, root, "value", r->value);
    gc_dnode *t = gc_data_obj(doc, root, "target");
    gc_data_num(doc, t, gpucost_quantity_info_get(r->target)->name, r->target_value);
    gc_data_num(doc, root, "achieved", r->achieved);
    gc_data_num(doc, root, "iterations", r->iterations);
}

gpucost_status gpucost_output_solve(const gpucost_scenario *s, const gpucost_solve_result *r,
                                    gpucost_format f, gpucost_buf *out, gpucost_error *err)
{
    const char *in = gpucost_quantity_info_get(r->input)->name;
    const char *tg = gpucost_quantity_info_get(r->target)->name;
    gpucost_status rc = gpucost_output_guard(r->value, in, err);
    if (rc == GPUCOST_OK)
        rc = gpucost_output_guard(r->achieved, tg, err);
    if (rc != GPUCOST_OK)
        return rc;
    if ((rc = gc_format_check("solve", f, err)) != GPUCOST_OK)
        return rc;
    char v[64], want[64], start[64], exact[40];
    gpucost_quantity_format(r->input, r->value, v, sizeof v);
    gpucost_quantity_format(r->target, r->target_value, want, sizeof want);
    gpucost_quantity_format(r->input, r->start, start, sizeof start);
    gpucost_number_format_exact(r->value, exact, sizeof exact);
    gc_view view;
    gc_view_init_for(&view, f);
    gc_view_title(&view, "%s: %s = %s gives %s = %s", s->id, in, v, tg, want);
    gc_view_line(&view, 2, "(exact: %s; started from %s; %d Brent iterations)", exact, start,
                 r->iterations);
    gc_vtable *t = gc_view_table(&view, 5, 0);
    gc_view_table_for(t, GC_FOR_CSV);
    const char *head[] = {"scenario", "for", "value", "target", "target_value"};
    for (size_t c = 0; c < 5; c++)
        gc_view_head(t, c, head[c], NULL, 0, GC_FOR_ALL);
    gc_view_row(t);
    gc_view_cell(t, s->id);
    gc_view_cell(t, in);
    gc_view_value(t, r->input, r->value, 1);
    gc_view_cell(t, tg);
    gc_view_value(t, r->target, r->target_value, 1);
    solve_data(&view, s, r);
    return gc_view_finish(&view, f, out, err);
}
