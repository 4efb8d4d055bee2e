/*
 * render_tap.c - a document's check cases (view.h) as TAP 13: one test
 * line per case, an unreadable unit "not ok", a row that cannot be tested
 * and an unverifiable claim "# SKIP", an expected failure "# TODO".
 */
#include "gpucost/claims.h"
#include "render/view.h"

/* TAP text from data: a '#' would start a directive (an id "x # TODO"
 * would turn a failure into a pass), so it is written "\#" as TAP 13
 * allows; a line break would start a new test line, so none passes. */
static void tap_text(gpucost_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '#')
            gpucost_buf_puts(out, "\\#");
        else if (*s == '\n' || *s == '\r')
            gpucost_buf_puts(out, " ");
        else
            gpucost_buf_append(out, s, 1);
    }
}

static void claim_line(gpucost_buf *out, const gc_vcase *c, size_t number)
{
    gpucost_claim_status st = (gpucost_claim_status)c->status;
    gpucost_buf_printf(
        out, "%s %zu - ",
        st == GPUCOST_CLAIM_PASS || st == GPUCOST_CLAIM_UNVERIFIABLE ? "ok" : "not ok", number);
    tap_text(out, c->group);
    gpucost_buf_puts(out, " ");
    /* a conflict's sentence starts with its quantity already */
    tap_text(out, c->conflict ? "conflict" : c->name);
    if (st == GPUCOST_CLAIM_UNVERIFIABLE) {
        gpucost_buf_puts(out, " # SKIP unverifiable: ");
        tap_text(out, c->message);
        return;
    }
    gpucost_buf_puts(out, ": ");
    tap_text(out, c->message);
    if (st == GPUCOST_CLAIM_FAIL && c->expect_fail)
        gpucost_buf_puts(out, " (expected to fail, but now holds)");
    if (st == GPUCOST_CLAIM_EXPECTED_FAIL) {
        gpucost_buf_puts(out, " # TODO expected to fail");
        if (c->note[0]) {
            gpucost_buf_puts(out, ": ");
            tap_text(out, c->note);
        }
    }
}

void gc_view_render_tap(const gc_view *v, gpucost_buf *out)
{
    if (gc_view_failed(v)) {
        out->failed = 1;
        return;
    }
    gpucost_buf_printf(out, "TAP version 13\n1..%zu\n", v->ncases);
    for (size_t i = 0; i < v->ncases; i++) {
        const gc_vcase *c = &v->cases[i];
        if (c->kind == GC_CASE_ERROR) {
            gpucost_buf_printf(out, "not ok %zu - error: ", i + 1);
            tap_text(out, c->message);
        } else if (c->kind == GC_CASE_ROW) {
            gpucost_buf_printf(out, "ok %zu - ", i + 1);
            tap_text(out, c->group);
            gpucost_buf_puts(out, " row ");
            tap_text(out, c->name);
            gpucost_buf_puts(out, " # SKIP not testable: ");
            tap_text(out, c->message);
        } else {
            claim_line(out, c, i + 1);
        }
        gpucost_buf_puts(out, "\n");
    }
}
