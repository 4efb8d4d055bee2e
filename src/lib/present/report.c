/*
 * report.c - the HTML report (report.h).
 *
 * Reading order of the page: the scenarios side by side (training and
 * inference in tables of their own, so each fits a 1,000 px page), cost
 * across scenarios (log-scale bars), what was checked (claims and
 * conflicts), reconciled cases, then one section per scenario with its
 * quantities, conflicts, range, histogram, tornado and sources.
 *
 * The page composes the commands' own views (output_internal.h) rendered
 * as HTML (render_html.c): a table on the page is the table `compare`,
 * `check`, `run`, `range` or `reconcile` prints, with the same wording.
 * This file adds only the page: head, style, headings, sources.
 */
#include "gpucost/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpucost/chart.h"
#include "gpucost/number.h"
#include "gpucost/rules.h"
#include "base/alloc.h"
#include "present/output_internal.h"
#include "base/text.h"

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "margin:2rem auto;max-width:1000px;padding:0 1rem;color:#1d1d1f;line-height:1.45}"
    "h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd;"
    "padding-bottom:.2rem}h3{margin-top:1.8rem}"
    "table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}"
    "th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .6rem;text-align:left;vertical-align:top}"
    "th{background:#f4f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:"
    "nowrap}"
    ".status{font-weight:600;white-space:nowrap;border-radius:3px;padding:.1rem .4rem}"
    ".verdict.inconsistent{color:#a4161a;font-weight:600}.verdict.consistent{color:#17693a;font-"
    "weight:600}"
    ".pass{background:#e3f4e8;color:#17693a}.fail{background:#fde2e1;color:#a4161a}"
    ".unverifiable{background:#eceff3;color:#444}.expected-fail{background:#fff3d6;color:#7a5200}"
    ".origin{font-size:.8rem;color:#555}.origin-input{color:#17693a}.origin-catalog{color:#3b6ea5}"
    ".origin-default{color:#7a5200}.note{color:#555;font-size:.85rem}"
    ".chart{margin:.8rem 0;overflow-x:auto}.meta{color:#555}.conflict{color:#a4161a}"
    "blockquote{margin:.2rem 0 .6rem 1rem;color:#444;font-size:.85rem}"
    "nav a{margin-right:.8rem}table.comparison{font-size:.8rem}"
    "table.comparison td.num{white-space:normal;min-width:4.5em}"
    "table.claims td.num{white-space:normal;min-width:6em}"
    "td.status{font-weight:600;white-space:nowrap}td.status.pass{color:#17693a}"
    "td.status.fail{color:#a4161a}td.status.expected-fail{color:#7a5200}"
    "table.export{font-size:.8rem}td.export.licence{color:#a4161a}td.export.notification{color:#"
    "7a5200}"
    "td.export.free{color:#17693a}td.export.unknown{color:#555}";

static void esc(gpucost_buf *b, const char *s)
{
    gpucost_buf_xml(b, s);
}

/* Renders `v` as HTML into `b` and releases it; a chart's error when one
 * of its series cannot be drawn. */
static gpucost_status put_view(gc_view *v, gpucost_buf *b, gpucost_error *err)
{
    gpucost_status rc = gc_view_render_html(v, b, err);
    gc_view_release(v);
    return rc;
}

static void link_or_text(gpucost_buf *b, const char *url, const char *title)
{
    if (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0) {
        gpucost_buf_puts(b, "<a href=\"");
        esc(b, url);
        gpucost_buf_puts(b, "\">");
        esc(b, title);
        gpucost_buf_puts(b, "</a>");
    } else {
        esc(b, title);
    }
}

static gpucost_status claims_section(const gpucost_report_item *items, size_t n, gpucost_buf *b,
                                     gpucost_error *err)
{
    gpucost_claim_summary sum = {0, 0, 0, 0};
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        gpucost_claims_tally(items[i].claims, items[i].nclaims, &sum);
        total += items[i].nclaims;
    }
    gpucost_claim_result *all = gc_calloc(total ? total : 1, sizeof *all);
    if (all == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    for (size_t i = 0, k = 0; i < n; k += items[i].nclaims, i++)
        if (items[i].nclaims > 0)
            memcpy(all + k, items[i].claims, items[i].nclaims * sizeof *all);
    gpucost_buf_printf(b,
                       "<section id=\"claims\"><h2>Published claims</h2>\n"
                       "<p>%zu pass, %zu fail, %zu unverifiable, %zu expected-fail. Each claim is "
                       "recomputed from the scenario's other inputs, never from itself; a "
                       "conflict between a scenario's own numbers is a case of its own.</p>\n",
                       sum.pass, sum.fail, sum.unverifiable, sum.expected_fail);
    gc_view v;
    gc_view_init(&v);
    gc_view_cases(&v, all, total, 1);
    gpucost_status rc = put_view(&v, b, err);
    gc_free(all);
    gpucost_buf_puts(b, "</section>\n");
    return rc;
}

/* The scenarios of one kind side by side; the ratio column only when the
 * baseline is of that kind. */
static gpucost_status comparison_of_kind(const gpucost_report_item *items, size_t n, int baseline,
                                         gpucost_kind kind, gpucost_buf *b, gpucost_error *err)
{
    gpucost_result *rs = gc_calloc(n ? n : 1, sizeof *rs);
    if (rs == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    size_t m = 0;
    int base = -1;
    gpucost_status rc = GPUCOST_OK;
    for (size_t i = 0; i < n; i++)
        if (items[i].scenario->kind == kind) {
            base = (int)i == baseline ? (int)m : base;
            rs[m].scenario = items[i].scenario;
            rs[m++].derivation = items[i].derivation;
        }
    if (m > 0) {
        gpucost_buf_printf(b, "<h3>%s</h3>\n",
                           kind == GPUCOST_KIND_TRAINING    ? "Training runs (costs per run)"
                           : kind == GPUCOST_KIND_INFERENCE ? "Inference (costs per day)"
                                                            : "Fleets (costs per year)");
        gc_view v;
        gc_view_init(&v);
        gpucost_selection all = {NULL, 0};
        gc_view_comparison(&v, rs, m, base, all, 1);
        rc = put_view(&v, b, err);
    }
    gc_free(rs);
    return rc;
}

static gpucost_status comparison_section(const gpucost_report_item *items, size_t n, int baseline,
                                         gpucost_buf *b, gpucost_error *err)
{
    gpucost_buf_puts(b, "<section id=\"comparison\"><h2>Scenarios side by side</h2>\n");
    if (baseline >= 0) {
        gpucost_buf_puts(b, "<p>In brackets: the ratio to <b>");
        esc(b, items[baseline].scenario->id);
        gpucost_buf_puts(b, "</b>. A * marks a value that is the hardware catalog's or rests on "
                            "it, a + one that is or rests on a default.</p>\n");
    }
    gpucost_status rc = comparison_of_kind(items, n, baseline, GPUCOST_KIND_TRAINING, b, err);
    if (rc == GPUCOST_OK)
        rc = comparison_of_kind(items, n, baseline, GPUCOST_KIND_INFERENCE, b, err);
    if (rc == GPUCOST_OK)
        rc = comparison_of_kind(items, n, baseline, GPUCOST_KIND_FLEET, b, err);
    gpucost_buf_puts(b, "</section>\n");
    return rc;
}

/* One cost chart per time base: never one bar chart across a run's, a
 * day's and a year's cost (docs/quantities-and-methods.md, time bases). */
static gpucost_status cost_chart_of(const gpucost_report_item *items, size_t n, const char *per,
                                    int first, gpucost_buf *b, gpucost_error *err)
{
    gpucost_bar bars[256];
    size_t nb = 0;
    for (size_t i = 0; i < n && nb < 256; i++) {
        const gpucost_derivation *d = items[i].derivation;
        const char *p = gpucost_quantity_per(GPUCOST_Q_COST_USD, d->period);
        if (gc_output_known(d, GPUCOST_Q_COST_USD) && d->value[GPUCOST_Q_COST_USD] > 0.0 &&
            strcmp(p, per) == 0) {
            bars[nb].label = items[i].scenario->id;
            bars[nb].value = d->value[GPUCOST_Q_COST_USD];
            nb++;
        }
    }
    char title[128];
    gc_text_printf(title, sizeof title, "Rental-equivalent cost per %s (cost_usd), log scale", per);
    gpucost_buf_printf(b, "<div class=\"chart\" id=\"cost-chart%s%s\">\n", first ? "" : "-",
                       first ? "" : per);
    gpucost_status rc = gpucost_chart_bars(title, GPUCOST_Q_COST_USD, bars, nb, 1, b, err);
    gpucost_buf_puts(b, "</div>\n");
    return rc;
}

/* Runs first, then days, other periods, years. */
static int period_rank(const char *per)
{
    return strcmp(per, "run") == 0    ? 0
           : strcmp(per, "day") == 0  ? 1
           : strcmp(per, "year") == 0 ? 3
                                      : 2;
}

static int by_period(const void *a, const void *b)
{
    int d = period_rank(a) - period_rank(b);
    return d != 0 ? d : strcmp(a, b);
}

static gpucost_status cost_chart(const gpucost_report_item *items, size_t n, gpucost_buf *b,
                                 gpucost_error *err)
{
    char pers[8][32];
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        const gpucost_derivation *d = items[i].derivation;
        if (!gc_output_known(d, GPUCOST_Q_COST_USD) || !(d->value[GPUCOST_Q_COST_USD] > 0.0))
            continue;
        const char *p = gpucost_quantity_per(GPUCOST_Q_COST_USD, d->period);
        size_t k = 0;
        while (k < np && strcmp(pers[k], p) != 0)
            k++;
        if (k == np && np < 8)
            gc_text_printf(pers[np++], sizeof pers[0], "%s", p);
    }
    qsort(pers, np, sizeof pers[0], by_period);
    if (np == 0)
        return GPUCOST_OK;
    gpucost_buf_puts(b,
                     "<section id=\"cost\"><h2>Rental-equivalent cost across scenarios</h2>\n"
                     "<p class=\"meta\">GPU-hours times the rental price (given, or the median of "
                     "the catalog range); log scale, so each grid line is ten times the last. "
                     "One chart per time base: a run's cost, a day's and a year's are never "
                     "drawn as bars of one chart.</p>\n");
    gpucost_status rc = GPUCOST_OK;
    for (size_t k = 0; k < np && rc == GPUCOST_OK; k++)
        rc = cost_chart_of(items, n, pers[k], k == 0, b, err);
    gpucost_buf_puts(b, "</section>\n");
    return rc;
}

static void scenario_head(const gpucost_scenario *s, const gpucost_derivation *d, gpucost_buf *b)
{
    gpucost_buf_puts(b, "<article class=\"scenario\" id=\"s-");
    esc(b, s->id);
    gpucost_buf_puts(b, "\"><h3>");
    esc(b, s->title);
    gpucost_buf_puts(b, " <span class=\"meta\">(");
    esc(b, s->id);
    gpucost_buf_printf(b, ", %s", gpucost_kind_name(s->kind));
    if (d->hardware != NULL) {
        gpucost_buf_puts(b, ", ");
        esc(b, d->hardware->name);
        if (d->kind == GPUCOST_KIND_TRAINING)
            gpucost_buf_printf(b, " at %s", gpucost_precision_name(d->precision));
    }
    gpucost_buf_puts(b, ")</span></h3>\n");
    if (s->description[0]) {
        gpucost_buf_puts(b, "<p>");
        esc(b, s->description);
        gpucost_buf_puts(b, "</p>\n");
    }
}

/* A page draws the range charts of its first REPORT_MAX_CHARTS scenarios
 * with a range, and every range's table: past a few hundred, charts only
 * make the page slow to write and to open. */
#define REPORT_MAX_CHARTS 200

/* The range: percentiles (range's own table), histogram and tornado
 * (with `charts`). */
static void range_part(const gpucost_scenario *s, const gpucost_range_result *r, int charts,
                       gc_view *v)
{
    char samples[32], inputs[512] = "";
    gpucost_number_format((double)r->samples, GPUCOST_NUM_COUNT, samples, sizeof samples);
    for (size_t i = 0; i < r->ninputs; i++)
        gc_text_list(inputs, sizeof inputs, gpucost_quantity_info_get(r->inputs[i])->name);
    gc_view_subtitle(v, "Range");
    gc_view_line(v, 0, "%s Monte Carlo samples, seed %lu; uncertain inputs: %s.", samples, r->seed,
                 inputs);
    gpucost_selection all = {NULL, 0};
    gc_view_percentiles(v, r, all, NULL);
    if (charts)
        gc_view_range_charts(v, s, r);
}

static void source_item(const gpucost_source *src, gpucost_buf *b)
{
    gpucost_buf_puts(b, "<li>");
    link_or_text(b, src->url, src->title);
    if (src->unverified)
        gpucost_buf_puts(b, " <span class=\"status unverifiable\">unverified</span>");
    for (size_t f = 0; f < src->nfields; f++) {
        gpucost_buf_puts(b, f ? ", " : " <span class=\"meta\">(");
        esc(b, src->fields[f]);
        gpucost_buf_puts(b, f + 1 == src->nfields ? ")</span>" : "");
    }
    if (src->quote[0]) {
        gpucost_buf_puts(b, "<blockquote>");
        esc(b, src->quote);
        gpucost_buf_puts(b, "</blockquote>");
    }
    gpucost_buf_puts(b, "</li>\n");
}

static void sources_part(const gpucost_scenario *s, gpucost_buf *b)
{
    if (s->nsources > 0) {
        gpucost_buf_puts(b, "<h4>Sources</h4><ul class=\"sources\">\n");
        for (size_t i = 0; i < s->nsources; i++)
            source_item(&s->sources[i], b);
        gpucost_buf_puts(b, "</ul>\n");
    }
    if (s->nnotes > 0) {
        gpucost_buf_puts(b, "<h4>Estimates and derived inputs</h4><ul class=\"notes\">\n");
        for (size_t i = 0; i < s->nnotes; i++) {
            gpucost_buf_printf(b, "<li><b>%s</b>: ", s->notes[i].derived ? "derived" : "estimate");
            esc(b, s->notes[i].field);
            gpucost_buf_puts(b, " &mdash; ");
            esc(b, s->notes[i].how);
            gpucost_buf_puts(b, "</li>\n");
        }
        gpucost_buf_puts(b, "</ul>\n");
    }
}

static gpucost_status scenario_section(const gpucost_report_item *it, int charts, gpucost_buf *b,
                                       gpucost_error *err)
{
    gpucost_result res = {it->scenario, it->derivation, NULL, it->parts, it->nparts, NULL, 0};
    gpucost_selection all = {NULL, 0};
    scenario_head(it->scenario, it->derivation, b);
    gc_view v;
    gc_view_init(&v);
    gc_view_quantities(&v, &res, all);
    gc_view_fleet_parts(&v, &res);
    if (it->range != NULL)
        range_part(it->scenario, it->range, charts, &v);
    gpucost_status rc = put_view(&v, b, err);
    sources_part(it->scenario, b);
    gpucost_buf_puts(b, "</article>\n");
    return rc;
}

/* One case: the verdict, then reconcile's observations table. */
/* The scenarios' accelerators, each once, in order of first use. */
static size_t report_chips(const gpucost_report_item *items, size_t n,
                           const gpucost_hardware **chips, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const gpucost_hardware *h = items[i].derivation->hardware;
        int seen = h == NULL;
        for (size_t j = 0; j < k && !seen; j++)
            seen = chips[j] == h;
        if (!seen && k < max)
            chips[k++] = h;
    }
    return k;
}

/* Export controls by date (rules.h): each accelerator the scenarios use,
 * its status from each rule's date on. */
static void export_section(const gpucost_report_item *items, size_t n, const gpucost_rules *rules,
                           const gpucost_destination *to, gpucost_buf *b)
{
    const gpucost_hardware *chips[64];
    size_t nchips = report_chips(items, n, chips, 64);
    if (rules == NULL || gpucost_rules_count(rules) == 0 || nchips == 0)
        return;
    static const char *const cls[] = {"free", "unknown", "notification", "licence"};
    gpucost_buf_puts(b, "<section id=\"export\"><h2>Export controls by date</h2>\n"
                        "<p class=\"note\">US export status for ");
    esc(b, to != NULL ? to->name : "China");
    gpucost_buf_puts(
        b, " of the accelerators these scenarios use, from each rule's effective "
           "date on (models/rules/), with the licence review policy where a rule "
           "states one.</p>\n<div class=\"chart\"><table class=\"export\"><tr><th>hardware</th>");
    size_t first[64], ndates = gpucost_rules_dates(rules, first, 64);
    for (size_t k = 0; k < ndates; k++) {
        const gpucost_rule *rule = gpucost_rules_at(rules, first[k]);
        char day[16];
        gpucost_buf_printf(b, "<th>from %s<br><span class=\"note\">",
                           gpucost_date_format(rule->effective, day, sizeof day));
        esc(b, rule->id);
        gpucost_buf_puts(b, "</span></th>");
    }
    gpucost_buf_puts(b, "</tr>\n");
    for (size_t c = 0; c < nchips; c++) {
        gpucost_buf_puts(b, "<tr><td>");
        esc(b, chips[c]->id);
        gpucost_buf_puts(b, "</td>");
        for (size_t k = 0; k < ndates; k++) {
            gpucost_export_verdict v;
            gpucost_rules_verdict(rules, chips[c], gpucost_rules_at(rules, first[k])->effective, to,
                                  &v);
            gpucost_buf_printf(b, "<td class=\"export %s\" title=\"", cls[v.status]);
            esc(b, v.why);
            gpucost_buf_printf(b, "\">%s", gpucost_export_status_name(v.status));
            if (v.policy != GPUCOST_POLICY_NONE)
                gpucost_buf_printf(b, "<br><span class=\"note\">%s</span>",
                                   gpucost_review_policy_name(v.policy));
            gpucost_buf_puts(b, "</td>");
        }
        gpucost_buf_puts(b, "</tr>\n");
    }
    gpucost_buf_puts(b, "</table></div>\n</section>\n");
}

static void reconcile_section(const gpucost_report_case *cases, size_t ncases, gpucost_buf *b)
{
    gpucost_buf_puts(
        b, "<section id=\"reconcile\"><h2>Which numbers can all be true</h2>\n"
           "<p class=\"meta\">Every input and claim of a case fitted jointly in log "
           "space (weighted least squares, the relations held exactly); an outlier is "
           "in the smallest set whose removal makes the rest consistent (p &ge; 0.05).</p>\n");
    for (size_t c = 0; c < ncases; c++) {
        const gpucost_reconcile_result *r = cases[c].result;
        char verdict[1024];
        gpucost_output_reconcile_verdict(r, verdict, sizeof verdict);
        gpucost_buf_puts(b, "<h3>");
        esc(b, cases[c].name);
        gpucost_buf_printf(b, "</h3>\n<p class=\"verdict %s\">",
                           r->consistent ? "consistent" : "inconsistent");
        esc(b, verdict);
        gpucost_buf_puts(b, "</p>\n");
        gc_view v;
        gc_view_init(&v);
        gc_view_reconcile_notes(&v, r);
        gc_view_observations(&v, r, 1);
        /* tables only: running out of memory is all that can fail, and
         * `b` remembers it */
        (void)put_view(&v, b, NULL);
    }
    gpucost_buf_puts(b, "</section>\n");
}

/* Which defaults file stood in for the catalog's missing one, once: the
 * page's scenarios share one catalog. */
static void defaults_note(const gpucost_report_item *items, size_t n, gpucost_buf *b)
{
    char line[1024];
    for (size_t i = 0; i < n; i++)
        if (gpucost_defaults_note(items[i].derivation->defaults, line, sizeof line)) {
            gpucost_buf_puts(b, "<p class=\"meta defaults\">");
            esc(b, line);
            gpucost_buf_puts(b, "</p>\n");
            return;
        }
}

gpucost_status gpucost_report_html(const gpucost_report_item *items, size_t n,
                                   const gpucost_report_case *cases, size_t ncases, int baseline,
                                   const gpucost_rules *rules, const gpucost_destination *to,
                                   const char *version, gpucost_buf *b, gpucost_error *err)
{
    gpucost_buf_printf(
        b,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>gpucost report: compute cost of AI training and inference claims</title>\n"
        "<style>%s</style>\n</head>\n<body>\n<header>\n"
        "<h1>Compute cost of AI training and inference claims</h1>\n"
        "<p class=\"meta\">%zu scenario%s checked by gpucost %s. Numbers come from "
        "the sources listed under each scenario; quantities not given are derived "
        "from the ones that are.</p>\n"
        "<nav><a href=\"#comparison\">Side by side</a><a href=\"#cost\">Cost chart</a>"
        "<a href=\"#claims\">Claims</a>%s%s<a href=\"#scenarios\">Scenarios</a></nav>\n"
        "</header>\n<main>\n",
        css, n, n == 1 ? "" : "s", version, ncases ? "<a href=\"#reconcile\">Reconcile</a>" : "",
        rules != NULL && gpucost_rules_count(rules) > 0 ? "<a href=\"#export\">Export controls</a>"
                                                        : "");
    gpucost_status rc = comparison_section(items, n, baseline, b, err);
    if (rc == GPUCOST_OK)
        rc = cost_chart(items, n, b, err);
    if (rc == GPUCOST_OK)
        rc = claims_section(items, n, b, err);
    if (rc == GPUCOST_OK && ncases > 0)
        reconcile_section(cases, ncases, b);
    if (rc == GPUCOST_OK)
        export_section(items, n, rules, to, b);
    gpucost_buf_puts(b, "<section id=\"scenarios\"><h2>Scenarios</h2>\n");
    size_t nranges = 0, charted = 0;
    for (size_t i = 0; i < n; i++)
        nranges += items[i].range != NULL;
    if (nranges > REPORT_MAX_CHARTS) {
        char many[32];
        gpucost_number_format((double)nranges, GPUCOST_NUM_COUNT, many, sizeof many);
        gpucost_buf_printf(b,
                           "<p class=\"note\">Range charts (histogram and tornado) for the first "
                           "%d of %s scenarios with a range; the tables list all.</p>\n",
                           REPORT_MAX_CHARTS, many);
    }
    for (size_t i = 0; i < n && rc == GPUCOST_OK; i++) {
        int charts = items[i].range != NULL && charted < REPORT_MAX_CHARTS;
        charted += (size_t)charts;
        rc = scenario_section(&items[i], charts, b, err);
    }
    if (rc != GPUCOST_OK)
        return rc;
    gpucost_buf_puts(
        b, "</section>\n</main>\n<footer><p class=\"meta\">Origins: <b>input</b> given in "
           "the scenario, <b>catalog</b> from the hardware catalog, <b>default</b> a "
           "documented default, <b>derived</b> computed from the others.</p>\n");
    defaults_note(items, n, b);
    gpucost_buf_puts(b, "</footer>\n</body>\n</html>\n");
    return b->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory")
                     : GPUCOST_OK;
}
