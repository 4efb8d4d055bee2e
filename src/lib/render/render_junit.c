/*
 * render_junit.c - a document's check cases (view.h) as JUnit XML, one
 * <testcase> per case: an unreadable unit is an <error>, a row that
 * cannot be tested is <skipped>, a claim or conflict that fails is a
 * <failure> and one that cannot be verified is <skipped>; every claim
 * case says its status and sentence in <system-out>.
 */
#include "gpucost/claims.h"
#include "render/view.h"

static void open_case(gpucost_buf *out, const gc_vcase *c)
{
    gpucost_buf_puts(out, "    <testcase classname=\"");
    gpucost_buf_xml(out, c->group);
    gpucost_buf_puts(out, "\" name=\"");
    if (c->kind == GC_CASE_ROW)
        gpucost_buf_puts(out, "row ");
    gpucost_buf_xml(out, c->name);
    if (c->kind == GC_CASE_CLAIM) {
        gpucost_buf_puts(out, " [");
        gpucost_buf_xml(out, c->where);
        gpucost_buf_puts(out, "]");
    }
    gpucost_buf_puts(out, "\" file=\"");
    gpucost_buf_xml(out, c->file);
    gpucost_buf_puts(out, "\">\n");
}

static void claim_case(gpucost_buf *out, const gc_vcase *c)
{
    if (c->status == GPUCOST_CLAIM_FAIL) {
        gpucost_buf_puts(out, "      <failure message=\"");
        gpucost_buf_xml(out, c->expect_fail ? "expected to fail, but now holds" : c->message);
        gpucost_buf_puts(out, "\">");
        gpucost_buf_xml(out, c->message);
        gpucost_buf_puts(out, "</failure>\n");
    } else if (c->status == GPUCOST_CLAIM_UNVERIFIABLE) {
        gpucost_buf_puts(out, "      <skipped message=\"unverifiable: the inputs do not "
                              "determine this quantity\"/>\n");
    }
    gpucost_buf_puts(out, "      <system-out>");
    gpucost_buf_printf(out, "%s: ", gpucost_claim_status_name((gpucost_claim_status)c->status));
    gpucost_buf_xml(out, c->message);
    if (c->source[0]) {
        gpucost_buf_puts(out, "; source: ");
        gpucost_buf_xml(out, c->source);
    }
    if (c->note[0]) {
        gpucost_buf_puts(out, "; note: ");
        gpucost_buf_xml(out, c->note);
    }
    gpucost_buf_puts(out, "</system-out>\n");
}

void gc_view_render_junit(const gc_view *v, gpucost_buf *out)
{
    if (gc_view_failed(v)) {
        out->failed = 1;
        return;
    }
    size_t failures = 0, errors = 0, skipped = 0;
    for (size_t i = 0; i < v->ncases; i++) {
        const gc_vcase *c = &v->cases[i];
        errors += c->kind == GC_CASE_ERROR;
        skipped += c->kind == GC_CASE_ROW ||
                   (c->kind == GC_CASE_CLAIM && c->status == GPUCOST_CLAIM_UNVERIFIABLE);
        failures += c->kind == GC_CASE_CLAIM && c->status == GPUCOST_CLAIM_FAIL;
    }
    gpucost_buf_printf(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"gpucost check\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
        "skipped=\"%zu\">\n"
        "  <testsuite name=\"claims\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
        "skipped=\"%zu\">\n",
        v->ncases, failures, errors, skipped, v->ncases, failures, errors, skipped);
    for (size_t i = 0; i < v->ncases; i++) {
        const gc_vcase *c = &v->cases[i];
        open_case(out, c);
        if (c->kind == GC_CASE_ERROR) {
            gpucost_buf_puts(out, "      <error message=\"");
            gpucost_buf_xml(out, c->message);
            gpucost_buf_puts(out, "\"/>\n");
        } else if (c->kind == GC_CASE_ROW) {
            gpucost_buf_puts(out, "      <skipped message=\"not testable: ");
            gpucost_buf_xml(out, c->message);
            gpucost_buf_puts(out, "\"/>\n");
        } else {
            claim_case(out, c);
        }
        gpucost_buf_puts(out, "    </testcase>\n");
    }
    gpucost_buf_puts(out, "  </testsuite>\n</testsuites>\n");
}
