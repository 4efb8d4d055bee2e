/*
 * report_record.c - the public record's audit as one page (report.h).
 *
 * Reading order: what was read (rows, scenarios, claims, rows not tested
 * and why, bad rows), then the rows whose numbers disagree, worst first by
 * |ln(implied / published)|, with Epoch's own note for each.  The table
 * filters by domain, year (or decade) and estimation method without a
 * script: one group of hidden radio inputs per facet ahead of the table,
 * classes on each row, and generated rules of the form
 *
 *   #dom-language:checked ~ .audit tr.row:not(.dom-language){display:none}
 *
 * A CSS counter numbers the rows still shown and counts them under the
 * table.  Values come from the scenarios' labels ("domain", "year",
 * "method", "row"), as record.c writes them; a value list such as
 * "Language,Vision" puts the row under each.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/number.h"
#include "gpucost/quantity.h"
#include "gpucost/units.h"
#include "base/text.h"

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "margin:2rem auto;max-width:1000px;padding:0 1rem;color:#1d1d1f;line-height:1.45}"
    "h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd;"
    "padding-bottom:.2rem}"
    "table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}"
    "th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .6rem;text-align:left;vertical-align:top}"
    "th{background:#f4f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}"
    ".meta{color:#555}.note{color:#444;font-size:.8rem;overflow-wrap:anywhere}"
    ".pass{color:#17693a}.fail{color:#a4161a}.unverifiable{color:#555}"
    "ul.figures{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.6rem 1.6rem}"
    "ul.figures b{display:block;font-size:1.5rem;font-variant-numeric:tabular-nums}"
    ".audit{overflow-x:auto;counter-reset:shown}"
    "table.audit-table{table-layout:fixed;width:100%;font-size:.82rem}"
    "table.audit-table col.rank{width:2.6rem}table.audit-table col.model{width:10rem}"
    "table.audit-table col.qty{width:8rem}table.audit-table col.fig{width:6.2rem}"
    "table.audit-table col.ratio{width:4.8rem}"
    "table.audit-table td{overflow-wrap:anywhere}table.audit-table td.rank{overflow-wrap:normal}"
    ".meta.name{font-size:.75rem}"
    "tr.row{counter-increment:shown}td.rank::before{content:counter(shown)}"
    "td.rank{color:#777}td.ratio{font-weight:600;color:#a4161a;text-align:right}"
    ".shown{color:#555;font-size:.85rem}.shown::before{content:counter(shown) \" \"}"
    "details summary{cursor:pointer;color:#3b6ea5}"
    "input.facet{position:absolute;opacity:0;pointer-events:none}"
    ".filters{margin:.6rem 0}.filters div{margin:.3rem 0}.filters .name{display:inline-block;"
    "width:9rem;color:#555;font-size:.85rem}"
    ".filters label{display:inline-block;margin:.15rem .2rem;padding:.05rem .5rem;"
    "border:1px solid #ccd;border-radius:1rem;font-size:.8rem;cursor:pointer;background:#fff}"
    ".filters label span{color:#777}"
    "table.reasons td.num{width:5rem}";

/* One row of the disagreement table. */
typedef struct disagreement {
    const gpucost_report_item *item;
    const gpucost_claim_result *result;
    gpucost_quantity quantity;
    double published, implied, score;
    const char *note;
    size_t order; /* position met, to keep the sort stable */
    char classes[512];
} disagreement;

/* One value of a facet: its class (and radio id) and its words. */
typedef struct facet_value {
    char slug[64];
    char text[96];
    size_t count;
} facet_value;

typedef struct facet {
    const char *key, *prefix, *name;
    facet_value *values;
    size_t n, cap;
    int decades; /* the year facet by decade */
} facet;

static const char *label_of(const gpucost_scenario *s, const char *key)
{
    for (size_t i = 0; i < s->nlabels; i++)
        if (strcmp(s->label_keys[i], key) == 0)
            return s->label_values[i];
    return NULL;
}

/* `prefix`-`text` as a class name: lowercase ASCII letters, digits and
 * single dashes ("prefix-other" when nothing of `text` is left). */
static void slug_of(const char *prefix, const char *text, char *out, size_t n)
{
    gc_text_printf(out, n, "%s-", prefix);
    if (gc_text_slug(out, n, text, "") == 0)
        gc_text_printf(out, n, "%s-other", prefix);
}

/* The facet's words for one part of a label value. */
static void part_text(const facet *f, const char *part, char *out, size_t n)
{
    size_t len = strlen(part);
    if (f->decades && len == 4 && part[0] >= '0' && part[0] <= '9')
        gc_text_printf(out, n, "%.3s0s", part);
    else
        gc_text_printf(out, n, "%s", part);
}

/* Calls fn on each comma-separated part of the facet's value of `s` ("not
 * stated" when the scenario has no such label). */
static gpucost_status each_part(facet *f, const gpucost_scenario *s, disagreement *d,
                                gpucost_status (*fn)(facet *, const char *, disagreement *))
{
    const char *v = label_of(s, f->key);
    if (v == NULL || !*v)
        return fn(f, "not stated", d);
    int split = strcmp(f->key, "year") != 0;
    while (*v) {
        char part[96];
        size_t len = split ? strcspn(v, ",") : strlen(v);
        const char *start = v;
        v += len;
        if (*v == ',')
            v++;
        while (len > 0 && *start == ' ')
            start++, len--;
        while (len > 0 && start[len - 1] == ' ')
            len--;
        if (len == 0)
            continue;
        gc_text_printf(part, sizeof part, "%.*s", (int)(len < 95 ? len : 95), start);
        gpucost_status st = fn(f, part, d);
        if (st != GPUCOST_OK)
            return st;
    }
    return GPUCOST_OK;
}

/* Counts the part under its value and adds the class to the row. */
static gpucost_status add_part(facet *f, const char *part, disagreement *d)
{
    char text[96], slug[64];
    part_text(f, part, text, sizeof text);
    slug_of(f->prefix, text, slug, sizeof slug);
    size_t k = 0;
    while (k < f->n && strcmp(f->values[k].slug, slug) != 0)
        k++;
    if (k == f->n) {
        if (f->n == f->cap) {
            size_t cap = f->cap ? 2 * f->cap : 16;
            facet_value *nv = gc_realloc(f->values, cap * sizeof *nv);
            if (nv == NULL)
                return GPUCOST_ENOMEM;
            f->values = nv;
            f->cap = cap;
        }
        gc_text_printf(f->values[k].slug, sizeof f->values[k].slug, "%s", slug);
        gc_text_printf(f->values[k].text, sizeof f->values[k].text, "%s", text);
        f->values[k].count = 0;
        f->n++;
    }
    /* a row counts once per value ("Multimodal,Vision" by decade, etc.) */
    char key[72];
    gc_text_printf(key, sizeof key, " %s ", slug);
    char padded[520];
    gc_text_printf(padded, sizeof padded, " %s ", d->classes);
    if (strstr(padded, key) == NULL) {
        f->values[k].count++;
        size_t len = strlen(d->classes);
        gc_text_printf(d->classes + len, sizeof d->classes - len, " %s", slug);
    }
    return GPUCOST_OK;
}

/* Counts distinct years only (the scratch row's classes are unused). */
static gpucost_status count_year(facet *f, const char *part, disagreement *d)
{
    d->classes[0] = '\0';
    return add_part(f, part, d);
}

static int by_value(const void *a, const void *b)
{
    const facet_value *x = a, *y = b;
    int xn = strcmp(x->text, "not stated") == 0, yn = strcmp(y->text, "not stated") == 0;
    if (xn != yn)
        return xn - yn;
    return strcmp(x->text, y->text);
}

static int by_count(const void *a, const void *b)
{
    const facet_value *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return by_value(a, b);
}

static int by_score(const void *a, const void *b)
{
    const disagreement *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Fills `x`'s numbers from failing result `r`, a conflict between a
 * row's inputs or a claim; 0 when it has no number on each side. */
static int numbers_of(const gpucost_claim_result *r, disagreement *x)
{
    if (r->is_conflict) {
        if (!r->has_conflict)
            return 0;
        x->quantity = r->conflict.quantity;
        x->published = r->conflict.given;
        x->implied = r->conflict.derived;
        x->note = r->expected != NULL ? r->expected->note : "";
        return 1;
    }
    const gpucost_claim *cl = r->claim;
    if (cl == NULL || cl->is_export || !r->has_computed)
        return 0;
    x->quantity = cl->quantity;
    x->implied = r->computed;
    x->published = cl->has_value                          ? cl->value
                   : cl->has_min && r->computed < cl->min ? cl->min
                                                          : cl->max;
    x->note = cl->note;
    return 1;
}

/* The failing claims and conflicts with a number on each side. */
static gpucost_status gather(const gpucost_report_item *items, size_t n, disagreement **out,
                             size_t *nout)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        cap += items[i].nclaims;
    disagreement *d = gc_calloc(cap ? cap : 1, sizeof *d);
    if (d == NULL)
        return GPUCOST_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < items[i].nclaims; c++) {
            const gpucost_claim_result *r = &items[i].claims[c];
            disagreement x = {&items[i], r, 0, 0, 0, 0, "", m, ""};
            if (r->status != GPUCOST_CLAIM_FAIL || !numbers_of(r, &x))
                continue;
            x.score =
                x.published > 0 && x.implied > 0 ? fabs(log(x.implied / x.published)) : HUGE_VAL;
            d[m++] = x;
        }
    if (m > 0)
        qsort(d, m, sizeof *d, by_score);
    *out = d;
    *nout = m;
    return GPUCOST_OK;
}

/* `v` (>= 1) to two significant digits with thousands separators when
 * 100 or more: "2,200,000", "287", "2.5". */
static void plain(double v, char *buf, size_t n)
{
    if (v < 100) {
        gc_snprintf(buf, n, v < 10 ? "%.3g" : "%.2g", v);
        return;
    }
    double p = pow(10, floor(log10(v)) - 1);
    char digits[32];
    gc_snprintf(digits, sizeof digits, "%.0f", v >= 1000 ? round(v / p) * p : round(v));
    size_t len = strlen(digits), k = 0;
    for (size_t i = 0; i < len && k + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
}

/* "287x" when the row's other numbers imply more than it publishes,
 * "x0.0042" when less, "x1/52,000" when much less. */
static void ratio_text(double implied, double published, char *buf, size_t n)
{
    double r = published != 0 ? implied / published : HUGE_VAL;
    char num[24];
    if (!isfinite(r) || r <= 0) {
        gc_snprintf(buf, n, "&ndash;");
    } else if (r >= 1) {
        plain(r, num, sizeof num);
        gc_text_printf(buf, n, "%sx", num);
    } else if (r >= 1e-3) {
        gc_snprintf(buf, n, "x%.2g", r);
    } else {
        plain(1 / r, num, sizeof num);
        gc_text_printf(buf, n, "x1/%s", num);
    }
}

static void figure(gpucost_buf *b, gpucost_quantity q, double v)
{
    const gpucost_quantity_info *info = gpucost_quantity_info_get(q);
    char num[64];
    gpucost_number_format(v, info->style, num, sizeof num);
    gpucost_buf_xml(b, num);
    if (info->unit[0] && info->style != GPUCOST_NUM_USD && info->style != GPUCOST_NUM_PERCENT) {
        gpucost_buf_puts(b, " ");
        gpucost_buf_xml(b, info->unit);
    }
}

/* A reason's group: the first clause, a leading "nothing to compare: "
 * left out and each 'quoted name' written as an ellipsis. */
static void reason_group(const char *reason, char *out, size_t n)
{
    static const char lead[] = "nothing to compare: ";
    if (strncmp(reason, lead, sizeof lead - 1) == 0)
        reason += sizeof lead - 1;
    size_t len = strcspn(reason, ";"), k = 0;
    for (size_t i = 0; i < len && k + 4 < n; i++) {
        if (reason[i] == '\'' && (i == 0 || reason[i - 1] == ' ')) {
            const char *close = memchr(reason + i + 1, '\'', len - i - 1);
            if (close != NULL) {
                memcpy(out + k, "\xe2\x80\xa6", 3); /* U+2026 */
                k += 3;
                i = (size_t)(close - reason);
                continue;
            }
        }
        out[k++] = reason[i];
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
}

typedef struct group {
    char text[256];
    size_t count;
} group;

static int by_group_count(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

/* Counts `text` in `*gs` (grown as needed). */
static gpucost_status tally(group **gs, size_t *n, size_t *cap, const char *text)
{
    for (size_t k = 0; k < *n; k++)
        if (strcmp((*gs)[k].text, text) == 0) {
            (*gs)[k].count++;
            return GPUCOST_OK;
        }
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 32;
        group *g = gc_realloc(*gs, c * sizeof *g);
        if (g == NULL)
            return GPUCOST_ENOMEM;
        *gs = g;
        *cap = c;
    }
    gc_text_printf((*gs)[*n].text, sizeof(*gs)[*n].text, "%s", text);
    (*gs)[(*n)++].count = 1;
    return GPUCOST_OK;
}

#define TOP_REASONS 12

static void reasons_table(gpucost_buf *b, group *gs, size_t ng, const char *head)
{
    if (ng > 0)
        qsort(gs, ng, sizeof *gs, by_group_count);
    gpucost_buf_puts(b, "<table class=\"reasons\"><tr><th>");
    gpucost_buf_xml(b, head);
    gpucost_buf_puts(b, "</th><th>count</th></tr>\n");
    size_t rest = 0, nrest = 0;
    for (size_t k = 0; k < ng; k++) {
        if (k >= TOP_REASONS) {
            rest += gs[k].count;
            nrest++;
            continue;
        }
        gpucost_buf_puts(b, "<tr><td>");
        gpucost_buf_xml(b, gs[k].text);
        gpucost_buf_printf(b, "</td><td class=\"num\">%zu</td></tr>\n", gs[k].count);
    }
    if (nrest > 0)
        gpucost_buf_printf(b,
                           "<tr><td class=\"meta\">%zu other reason%s</td>"
                           "<td class=\"num\">%zu</td></tr>\n",
                           nrest, nrest == 1 ? "" : "s", rest);
    gpucost_buf_puts(b, "</table>\n");
}

/* Rows and cells not testable, grouped by reason (rows) and column
 * (cells). */
static gpucost_status untestable_part(const gpucost_units *u, gpucost_buf *b)
{
    group *rows = NULL, *cells = NULL;
    size_t nr = 0, cr = 0, nc = 0, cc = 0;
    gpucost_status st = GPUCOST_OK;
    for (size_t i = 0; u != NULL && i < u->nuntestable && st == GPUCOST_OK; i++) {
        const gpucost_untestable *t = &u->untestable[i];
        char g[256];
        if (t->column == NULL || !t->column[0]) {
            reason_group(t->reason != NULL ? t->reason : "", g, sizeof g);
            st = tally(&rows, &nr, &cr, g);
        } else {
            st = tally(&cells, &nc, &cc, t->column);
        }
    }
    if (st == GPUCOST_OK && nr > 0) {
        gpucost_buf_puts(b, "<h3 id=\"not-testable\">Rows not testable, by reason</h3>\n"
                            "<p class=\"meta\">A row is not testable when none of its numbers "
                            "can be recomputed from the others. Each row is counted under the "
                            "first reason given; &hellip; stands for a named chip or model.</p>\n");
        reasons_table(b, rows, nr, "first reason");
    }
    if (st == GPUCOST_OK && nc > 0) {
        size_t total = 0;
        for (size_t k = 0; k < nc; k++)
            total += cells[k].count;
        gpucost_buf_printf(b,
                           "<h3 id=\"cells\">Cells outside their quantity's domain</h3>\n"
                           "<p class=\"meta\">%zu cell%s left out (a fine-tune of a few FLOP, "
                           "an MFU over 100%%); the rest of each row was still tested.</p>\n",
                           total, total == 1 ? "" : "s");
        reasons_table(b, cells, nc, "column");
    }
    gc_free(rows);
    gc_free(cells);
    return st;
}

static void errors_part(const gpucost_units *u, gpucost_buf *b)
{
    if (u == NULL || u->nerrors == 0)
        return;
    gpucost_buf_printf(
        b,
        "<h3 id=\"bad-rows\">Bad rows</h3>\n<p class=\"meta\">%zu row%s could not be "
        "read as numbers; the other rows went on.</p>\n<ul class=\"errors\">\n",
        u->nerrors, u->nerrors == 1 ? "" : "s");
    for (size_t i = 0; i < u->nerrors; i++) {
        char m[1024];
        gpucost_buf_puts(b, "<li>");
        gpucost_buf_xml(b, gpucost_error_format(&u->errors[i], m, sizeof m));
        gpucost_buf_puts(b, "</li>\n");
    }
    gpucost_buf_puts(b, "</ul>\n");
}

static void summary_section(const gpucost_report_item *items, size_t n, const gpucost_units *u,
                            size_t nread, size_t ndis, gpucost_buf *b)
{
    gpucost_claim_summary sum = {0, 0, 0, 0};
    size_t conflicts = 0;
    for (size_t i = 0; i < n; i++) {
        gpucost_claims_tally(items[i].claims, items[i].nclaims, &sum);
        for (size_t c = 0; c < items[i].nclaims; c++)
            conflicts += items[i].claims[c].is_conflict ? 1u : 0u;
    }
    size_t untestable = u != NULL ? gpucost_units_untestable_rows(u) : 0;
    size_t bad = u != NULL ? u->nerrors : 0;
    gpucost_buf_printf(
        b,
        "<section id=\"summary\"><h2>Summary</h2>\n<ul class=\"figures\">\n"
        "<li><b>%zu</b>rows read</li>\n<li><b>%zu</b>became scenarios</li>\n"
        "<li><b class=\"pass\">%zu</b>claims pass</li>\n"
        "<li><b class=\"fail\">%zu</b>claims fail</li>\n"
        "<li><b class=\"unverifiable\">%zu</b>unverifiable</li>\n"
        "<li><b>%zu</b>rows not testable</li>\n<li><b>%zu</b>bad rows</li>\n</ul>\n"
        "<p>Each claim is one of a row's published numbers recomputed from the row's other "
        "numbers, never from itself: training compute from 6 &times; parameters &times; "
        "tokens, chip-hours from chips &times; days, utilisation from compute over "
        "chip-hours at the chip's peak, cost from chip-hours at a rental price. A claim "
        "passes within the tolerance of the row's estimation method; it is unverifiable when "
        "the other numbers do not determine it (a chip the catalog lacks, a dataset counted "
        "in images). %zu claim%s and conflict%s below disagree with a number on each "
        "side.",
        nread, n, sum.pass, sum.fail, sum.unverifiable, untestable, bad, ndis, ndis == 1 ? "" : "s",
        ndis == 1 ? "" : "s");
    if (conflicts > 0)
        gpucost_buf_printf(b, " The counts include %zu conflict%s between a row's own inputs.",
                           conflicts, conflicts == 1 ? "" : "s");
    if (sum.expected_fail > 0)
        gpucost_buf_printf(b, " %zu claim%s known to disagree (expected-fail) not counted above.",
                           sum.expected_fail, sum.expected_fail == 1 ? "" : "s");
    gpucost_buf_puts(b, "</p>\n");
}

/* The generated rules: a checked value hides the rows without it and
 * marks its label. */
static void facet_css(const facet *fs, size_t nf, gpucost_buf *b)
{
    for (size_t f = 0; f < nf; f++) {
        gpucost_buf_printf(b, "#%s-all:checked~.filters label[for=%s-all]", fs[f].prefix,
                           fs[f].prefix);
        for (size_t k = 0; k < fs[f].n; k++)
            gpucost_buf_printf(b, ",#%s:checked~.filters label[for=%s]", fs[f].values[k].slug,
                               fs[f].values[k].slug);
        gpucost_buf_puts(b, "{background:#1d1d1f;color:#fff;border-color:#1d1d1f}\n");
        for (size_t k = 0; k < fs[f].n; k++)
            gpucost_buf_printf(b, "#%s:checked~.audit tr.row:not(.%s){display:none}\n",
                               fs[f].values[k].slug, fs[f].values[k].slug);
    }
    gpucost_buf_puts(b, "input.facet:focus-visible~.filters{outline:2px solid #3b6ea5}\n");
}

static void facet_radios(const facet *fs, size_t nf, gpucost_buf *b)
{
    for (size_t f = 0; f < nf; f++) {
        gpucost_buf_printf(b,
                           "<input type=\"radio\" class=\"facet\" name=\"%s\" id=\"%s-all\" "
                           "checked>\n",
                           fs[f].prefix, fs[f].prefix);
        for (size_t k = 0; k < fs[f].n; k++)
            gpucost_buf_printf(b, "<input type=\"radio\" class=\"facet\" name=\"%s\" id=\"%s\">\n",
                               fs[f].prefix, fs[f].values[k].slug);
    }
    gpucost_buf_puts(b, "<div class=\"filters\">\n");
    for (size_t f = 0; f < nf; f++) {
        gpucost_buf_printf(b,
                           "<div><span class=\"name\">%s</span><label for=\"%s-all\">all</label>",
                           fs[f].name, fs[f].prefix);
        for (size_t k = 0; k < fs[f].n; k++) {
            gpucost_buf_printf(b, "<label for=\"%s\">", fs[f].values[k].slug);
            gpucost_buf_xml(b, fs[f].values[k].text);
            gpucost_buf_printf(b, " <span>%zu</span></label>", fs[f].values[k].count);
        }
        gpucost_buf_puts(b, "</div>\n");
    }
    gpucost_buf_puts(b, "</div>\n");
}

/* Epoch's note, folded under a summary when long. */
static void note_cell(const char *note, gpucost_buf *b)
{
    enum { SHORT = 220 };
    gpucost_buf_puts(b, "<td class=\"note\">");
    size_t len = strlen(note);
    if (len <= SHORT + 60) {
        gpucost_buf_xml(b, note);
    } else {
        size_t cut = SHORT;
        while (cut > SHORT / 2 && note[cut] != ' ')
            cut--;
        if (note[cut] != ' ') /* no space: step back to a UTF-8 boundary */
            while (cut > 0 && ((unsigned char)note[cut] & 0xC0) == 0x80)
                cut--;
        char *head = gc_malloc(cut + 1);
        gpucost_buf_puts(b, "<details><summary>");
        if (head != NULL) {
            memcpy(head, note, cut);
            head[cut] = '\0';
            gpucost_buf_xml(b, head);
            gc_free(head);
        }
        gpucost_buf_puts(b, " &hellip;</summary>");
        gpucost_buf_xml(b, note + cut);
        gpucost_buf_puts(b, "</details>");
    }
    gpucost_buf_puts(b, "</td>");
}

/* The organizations "A,B" as "A, B". */
static void org_text(const char *org, gpucost_buf *b)
{
    for (const char *p = org; *p;) {
        size_t len = strcspn(p, ",");
        char part[256];
        gc_text_printf(part, sizeof part, "%.*s", (int)(len < 255 ? len : 255), p);
        gpucost_buf_xml(b, part);
        p += len;
        if (*p == ',' && *++p)
            gpucost_buf_puts(b, *p == ' ' ? "," : ", ");
    }
}

/* The model cell's contents: the scenario's title, then its row, year
 * and organizations where its labels give them. */
static void model_text(const gpucost_scenario *s, gpucost_buf *b)
{
    const char *row = label_of(s, "row"), *year = label_of(s, "year");
    const char *org = label_of(s, "organization");
    gpucost_buf_puts(b, "<b>");
    gpucost_buf_xml(b, s->title);
    gpucost_buf_puts(b, "</b><br><span class=\"meta\">");
    if (row != NULL) {
        gpucost_buf_puts(b, "row ");
        gpucost_buf_xml(b, row);
    }
    if (year != NULL) {
        gpucost_buf_puts(b, row != NULL ? ", " : "");
        gpucost_buf_xml(b, year);
    }
    if (org != NULL && *org) {
        gpucost_buf_puts(b, row != NULL || year != NULL ? "<br>" : "");
        org_text(org, b);
    }
    gpucost_buf_puts(b, "</span>");
}

/* What a conflict is against, as the quantity cell's ending. */
static const char *conflict_text(const gpucost_conflict *c)
{
    return c->physical && c->derived < c->given   ? ": below its physical bound"
           : c->physical                          ? ": above its physical bound"
           : c->against == GPUCOST_ORIGIN_CATALOG ? ": against the catalog"
           : c->against == GPUCOST_ORIGIN_DEFAULT ? ": against a default"
                                                  : ": the inputs disagree";
}

/* The quantity cell's contents: its label, then its name (a break after
 * each '_') and, for a conflict, what it is against. */
static void quantity_text(const disagreement *d, gpucost_buf *b)
{
    const gpucost_quantity_info *info = gpucost_quantity_info_get(d->quantity);
    gpucost_buf_xml(b, info->label);
    gpucost_buf_puts(b, "<br><span class=\"meta name\">");
    for (const char *p = info->name; *p; p++)
        if (*p == '_')
            gpucost_buf_puts(b, "_<wbr>");
        else
            gpucost_buf_append(b, p, 1);
    if (d->result->is_conflict)
        gpucost_buf_puts(b, conflict_text(&d->result->conflict));
    gpucost_buf_puts(b, "</span>");
}

/* One disagreement as a row of the table: the model, the quantity, the
 * published and implied figures, their ratio and Epoch's note. */
static void disagreement_row(const disagreement *d, gpucost_buf *b)
{
    char ratio[48];
    ratio_text(d->implied, d->published, ratio, sizeof ratio);
    gpucost_buf_printf(b, "<tr class=\"row%s\"><td class=\"rank\"></td><td>", d->classes);
    model_text(d->item->scenario, b);
    gpucost_buf_puts(b, "</td><td>");
    quantity_text(d, b);
    gpucost_buf_puts(b, "</td><td class=\"num\">");
    figure(b, d->quantity, d->published);
    gpucost_buf_puts(b, "</td><td class=\"num\">");
    figure(b, d->quantity, d->implied);
    gpucost_buf_printf(b, "</td><td class=\"num ratio\">%s</td>", ratio);
    note_cell(d->note != NULL ? d->note : "", b);
    gpucost_buf_puts(b, "</tr>\n");
}

static void disagreement_section(const disagreement *d, size_t m, const facet *fs, size_t nf,
                                 gpucost_buf *b)
{
    gpucost_buf_puts(
        b, "<section id=\"disagreements\"><h2>Rows whose numbers disagree</h2>\n"
           "<p class=\"meta\">Worst first: the further the row's other numbers put the "
           "figure from the published one (|ln(implied / published)|), the higher. "
           "<b>Ratio</b> is implied &divide; published: 287x means the other numbers imply "
           "287 times the published figure, x0.0042 0.0042 times it, x1/52,000 a "
           "52,000th of it. The note is Epoch AI's own, for "
           "that column. Filter by domain, year and estimation method; a row with several "
           "domains or methods is under each.</p>\n");
    facet_radios(fs, nf, b);
    gpucost_buf_puts(b, "<div class=\"audit\"><table class=\"audit-table\" id=\"audit-table\">"
                        "<colgroup><col class=\"rank\"><col class=\"model\"><col class=\"qty\">"
                        "<col class=\"fig\"><col class=\"fig\"><col class=\"ratio\"><col>"
                        "</colgroup>\n<tr><th>#</th><th>model</th><th>quantity</th>"
                        "<th>published</th><th>implied by the row</th><th>ratio</th>"
                        "<th>Epoch's note</th></tr>\n");
    for (size_t i = 0; i < m; i++)
        disagreement_row(&d[i], b);
    gpucost_buf_printf(b, "</table>\n<p class=\"shown\">of %zu rows shown</p></div>\n</section>\n",
                       m);
}

gpucost_status gpucost_report_record_html(const gpucost_report_item *items, size_t n,
                                          const gpucost_units *units, size_t nread,
                                          const char *version, gpucost_buf *b, gpucost_error *err)
{
    disagreement *d = NULL;
    size_t m = 0;
    facet fs[3] = {{"domain", "dom", "Domain", NULL, 0, 0, 0},
                   {"year", "year", "Year", NULL, 0, 0, 0},
                   {"method", "meth", "Estimation method", NULL, 0, 0, 0}};
    gpucost_status st = gather(items, n, &d, &m);
    /* years one by one when they are few, else by decade */
    facet years = fs[1];
    disagreement scratch;
    for (size_t i = 0; i < m && st == GPUCOST_OK; i++)
        st = each_part(&years, d[i].item->scenario, &scratch, count_year);
    fs[1].decades = years.n > 16;
    gc_free(years.values);
    for (size_t i = 0; i < m && st == GPUCOST_OK; i++)
        for (size_t f = 0; f < 3 && st == GPUCOST_OK; f++)
            st = each_part(&fs[f], d[i].item->scenario, &d[i], add_part);
    /* qsort of no values may not be given NULL */
    if (fs[0].n > 0)
        qsort(fs[0].values, fs[0].n, sizeof *fs[0].values, by_count);
    if (fs[1].n > 0)
        qsort(fs[1].values, fs[1].n, sizeof *fs[1].values, by_value);
    if (fs[2].n > 0)
        qsort(fs[2].values, fs[2].n, sizeof *fs[2].values, by_count);
    if (st == GPUCOST_OK) {
        gpucost_buf_printf(
            b,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>gpucost: Epoch AI's record of notable ML systems, audited</title>\n"
            "<style>%s\n",
            css);
        facet_css(fs, 3, b);
        gpucost_buf_printf(
            b,
            "</style>\n</head>\n<body>\n<header>\n"
            "<h1>Epoch AI's record of notable ML systems, audited</h1>\n"
            "<p class=\"meta\">Each row of the record whose numbers can be tested against each "
            "other, recomputed by gpucost %s. Where the numbers disagree, one of them is "
            "wrong, or the row's parts describe different runs.</p>\n"
            "<nav class=\"meta\"><a href=\"#summary\">Summary</a> &middot; "
            "<a href=\"#disagreements\">Rows that disagree</a> &middot; "
            "<a href=\"#not-testable\">Not testable</a></nav>\n</header>\n<main>\n",
            version != NULL ? version : "");
        summary_section(items, n, units, nread, m, b);
        st = untestable_part(units, b);
        errors_part(units, b);
        gpucost_buf_puts(b, "</section>\n");
        disagreement_section(d, m, fs, 3, b);
        gpucost_buf_puts(b, "</main>\n<footer><p class=\"meta\">Source: Epoch AI, &lsquo;Data "
                            "on Notable AI Models&rsquo; (All ML Systems), "
                            "<a href=\"https://epoch.ai/data/notable-ai-models\">"
                            "epoch.ai/data/notable-ai-models</a>. Figures are the record's; "
                            "the implied values are gpucost's.</p></footer>\n</body>\n</html>\n");
    }
    for (size_t f = 0; f < 3; f++)
        gc_free(fs[f].values);
    gc_free(d);
    if (st != GPUCOST_OK || b->failed)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    return GPUCOST_OK;
}
