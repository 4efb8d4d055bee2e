/*
 * report.c - the HTML report (report.h).
 *
 * Reading order of the page: what was checked (claims, at a glance), the
 * scenarios side by side, cost across scenarios (log-scale bars), then one
 * section per scenario with its quantities, conflicts, sources and, when
 * it has uncertain inputs, its range, histogram and tornado.
 */
#include "gpucost/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpucost/chart.h"
#include "gpucost/number.h"
#include "gpucost/output.h"
#include "gpucost/quantity.h"

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "margin:2rem auto;max-width:1280px;padding:0 1rem;color:#1d1d1f;line-height:1.45}"
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
    "nav a{margin-right:.8rem}.wide{overflow-x:auto}#comparison-table "
    "td:first-child{white-space:nowrap}"
    "#comparison-table th{font-size:.85rem}";

static void esc(gpucost_buf *b, const char *s)
{
    gpucost_buf_xml(b, s);
}

static int known(const gpucost_derivation *d, gpucost_quantity q)
{
    return d->origin[q] != GPUCOST_ORIGIN_UNKNOWN;
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

static void claims_section(const gpucost_report_item *items, size_t n, gpucost_buf *b)
{
    gpucost_claim_summary sum = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        gpucost_claims_tally(items[i].claims, items[i].nclaims, &sum);
    gpucost_buf_printf(b,
                       "<section id=\"claims\"><h2>Published claims</h2>\n"
                       "<p>%zu pass, %zu fail, %zu unverifiable, %zu expected-fail. Each claim is "
                       "recomputed from the scenario's other inputs, never from itself; a "
                       "conflict between a scenario's own numbers is a case of its own.</p>\n",
                       sum.pass, sum.fail, sum.unverifiable, sum.expected_fail);
    gpucost_buf_puts(b, "<table id=\"claims-table\"><thead><tr><th>status</th><th>scenario</th>"
                        "<th>quantity</th><th>claimed</th><th>computed</th><th>error</th>"
                        "<th>source and reason</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const gpucost_scenario *s = items[i].scenario;
        for (size_t k = 0; k < items[i].nclaims; k++) {
            const gpucost_claim_result *r = &items[i].claims[k];
            gpucost_case_text t;
            gpucost_output_case(r, &t);
            const char *st = gpucost_claim_status_name(r->status);
            static const char *const symbol[] = {"&#10003; pass", "&#10007; fail", "? unverifiable",
                                                 "~ expected-fail"};
            gpucost_buf_printf(b,
                               "<tr class=\"%s\" data-status=\"%s\"><td><span class=\"status "
                               "%s\">%s</span></td><td><a href=\"#s-",
                               r->is_conflict ? "claim conflict" : "claim", st, st,
                               symbol[r->status]);
            esc(b, s->id);
            gpucost_buf_puts(b, "\">");
            esc(b, s->id);
            gpucost_buf_printf(b, "</a></td><td>%s%s</td><td class=\"num\">", t.name,
                               r->is_conflict ? " (conflict)" : "");
            esc(b, t.claimed);
            gpucost_buf_puts(b, "</td><td class=\"num\">");
            esc(b, t.computed);
            gpucost_buf_printf(b, "</td><td class=\"num\">%s</td><td>", t.rel);
            esc(b, r->is_conflict ? t.line : t.source);
            if (t.note[0]) {
                gpucost_buf_puts(b, "<div class=\"note\">");
                esc(b, t.note);
                gpucost_buf_puts(b, "</div>");
            }
            gpucost_buf_puts(b, "</td></tr>\n");
        }
    }
    gpucost_buf_puts(b, "</tbody></table></section>\n");
}

static const gpucost_quantity compare_cols[] = {
    GPUCOST_Q_GPUS, GPUCOST_Q_GPU_HOURS, GPUCOST_Q_WALL_DAYS, GPUCOST_Q_TRAINING_FLOPS,
    GPUCOST_Q_MFU, GPUCOST_Q_COST_USD, GPUCOST_Q_CAPEX_USD, GPUCOST_Q_REVENUE_USD, GPUCOST_Q_MARGIN,
};
#define NCOLS (sizeof compare_cols / sizeof compare_cols[0])

static void comparison_section(const gpucost_report_item *items, size_t n, int baseline, gpucost_buf *b)
{
    gpucost_buf_puts(b, "<section id=\"comparison\"><h2>Scenarios side by side</h2>\n");
    if (baseline >= 0) {
        gpucost_buf_puts(b, "<p>In brackets: the ratio to <b>");
        esc(b, items[baseline].scenario->id);
        gpucost_buf_puts(b, "</b>.</p>\n");
    }
    gpucost_buf_puts(b, "<div class=\"wide\"><table id=\"comparison-table\"><thead><tr><th>scenario</th><th>hardware</th>");
    int show[NCOLS];
    for (size_t c = 0; c < NCOLS; c++) {
        show[c] = 0;
        for (size_t i = 0; i < n; i++)
            show[c] |= known(items[i].derivation, compare_cols[c]);
        if (show[c]) {
            const gpucost_quantity_info *info = gpucost_quantity_info_get(compare_cols[c]);
            const char *unit = info->style == GPUCOST_NUM_USD ? "USD" : info->unit;
            gpucost_buf_printf(b, "<th title=\"%s\">%s<br><span class=\"meta\">%s</span></th>",
                               info->label, info->name, unit);
        }
    }
    gpucost_buf_puts(b, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const gpucost_derivation *d = items[i].derivation;
        gpucost_buf_puts(b, "<tr><td><a href=\"#s-");
        esc(b, items[i].scenario->id);
        gpucost_buf_puts(b, "\">");
        esc(b, items[i].scenario->id);
        gpucost_buf_puts(b, "</a></td><td>");
        if (d->hardware != NULL) {
            esc(b, d->hardware->id);
            if (d->kind == GPUCOST_KIND_TRAINING)
                gpucost_buf_printf(b, " %s", gpucost_precision_name(d->precision));
        } else {
            gpucost_buf_puts(b, "&ndash;");
        }
        gpucost_buf_puts(b, "</td>");
        for (size_t c = 0; c < NCOLS; c++) {
            if (!show[c])
                continue;
            gpucost_quantity q = compare_cols[c];
            gpucost_buf_puts(b, "<td class=\"num\">");
            if (!known(d, q)) {
                gpucost_buf_puts(b, "&ndash;</td>");
                continue;
            }
            char v[64];
            gpucost_number_format(d->value[q], gpucost_quantity_info_get(q)->style, v, sizeof v);
            esc(b, v);
            const gpucost_derivation *bd = baseline >= 0 ? items[baseline].derivation : NULL;
            if (bd != NULL && known(bd, q) && bd->value[q] != 0.0) {
                char r[48];
                gpucost_number_format(d->value[q] / bd->value[q], GPUCOST_NUM_SI, r, sizeof r);
                gpucost_buf_printf(b, " <span class=\"meta\">(%sx)</span>", r);
            }
            gpucost_buf_puts(b, "</td>");
        }
        gpucost_buf_puts(b, "</tr>\n");
    }
    gpucost_buf_puts(b, "</tbody></table></div></section>\n");
}

static gpucost_status cost_chart(const gpucost_report_item *items, size_t n, gpucost_buf *b,
                                 gpucost_error *err)
{
    gpucost_bar bars[256];
    size_t nb = 0;
    for (size_t i = 0; i < n && nb < 256; i++) {
        const gpucost_derivation *d = items[i].derivation;
        if (known(d, GPUCOST_Q_COST_USD) && d->value[GPUCOST_Q_COST_USD] > 0.0) {
            bars[nb].label = items[i].scenario->id;
            bars[nb].value = d->value[GPUCOST_Q_COST_USD];
            nb++;
        }
    }
    if (nb == 0)
        return GPUCOST_OK;
    gpucost_buf_puts(b, "<section id=\"cost\"><h2>Rental-equivalent cost across scenarios</h2>\n"
                        "<p class=\"meta\">GPU-hours times the rental price (given, or the median of "
                        "the catalog range); log scale, so each grid line is ten times the last.</p>"
                        "<div class=\"chart\" id=\"cost-chart\">\n");
    gpucost_status rc = gpucost_chart_bars("Rental-equivalent cost (cost_usd), log scale",
                                           GPUCOST_Q_COST_USD, bars, nb, 1, b, err);
    gpucost_buf_puts(b, "</div></section>\n");
    return rc;
}

static gpucost_status scenario_section(const gpucost_report_item *it, gpucost_buf *b,
                                       gpucost_error *err)
{
    const gpucost_scenario *s = it->scenario;
    const gpucost_derivation *d = it->derivation;
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
    gpucost_buf_puts(b, "<table class=\"quantities\"><thead><tr><th>quantity</th><th>value</th>"
                        "<th>origin</th><th>meaning</th></tr></thead><tbody>\n");
    for (int q = 0; q < GPUCOST_Q_COUNT; q++) {
        if (!known(d, (gpucost_quantity)q))
            continue;
        const gpucost_quantity_info *info = gpucost_quantity_info_get((gpucost_quantity)q);
        char v[64];
        gpucost_quantity_format((gpucost_quantity)q, d->value[q], v, sizeof v);
        const char *o = gpucost_origin_name(d->origin[q]);
        gpucost_buf_printf(b, "<tr><td>%s</td><td class=\"num\">", info->name);
        esc(b, v);
        gpucost_buf_printf(b, "</td><td class=\"origin origin-%s\">%s</td><td>%s</td></tr>\n", o, o,
                           info->label);
    }
    gpucost_buf_puts(b, "</tbody></table>\n");
    for (size_t c = 0; c < d->nconflicts + d->nnotes; c++) {
        int note = c >= d->nconflicts;
        char line[480];
        gpucost_output_conflict(d, note ? &d->notes[c - d->nconflicts] : &d->conflicts[c], line,
                                sizeof line);
        gpucost_buf_printf(b, "<p class=\"%s\">%s: ", note ? "meta" : "conflict",
                           note ? "Note" : "Conflict");
        esc(b, line);
        gpucost_buf_puts(b, "</p>\n");
    }
    if (it->range != NULL) {
        const gpucost_range_result *r = it->range;
        char samples[32];
        gpucost_number_format((double)r->samples, GPUCOST_NUM_COUNT, samples, sizeof samples);
        gpucost_buf_printf(b, "<h4>Range</h4><p class=\"meta\">%s Monte Carlo samples, seed %lu; uncertain inputs: ",
                           samples, r->seed);
        for (size_t i = 0; i < r->ninputs; i++)
            gpucost_buf_printf(b, "%s%s", i ? ", " : "", gpucost_quantity_info_get(r->inputs[i])->name);
        gpucost_buf_puts(b, ".</p>\n<table class=\"range\"><thead><tr><th>quantity</th><th>mean</th>");
        for (size_t k = 0; k < r->nquantiles; k++)
            gpucost_buf_printf(b, "<th>p%g</th>", r->quantiles[k] * 100.0);
        gpucost_buf_puts(b, "</tr></thead><tbody>\n");
        for (size_t i = 0; i < r->nstats; i++) {
            const gpucost_range_stat *st = &r->stats[i];
            char v[64];
            gpucost_quantity_format(st->quantity, st->mean, v, sizeof v);
            gpucost_buf_printf(b, "<tr><td>%s</td><td class=\"num\">", gpucost_quantity_info_get(st->quantity)->name);
            esc(b, v);
            gpucost_buf_puts(b, "</td>");
            for (size_t k = 0; k < r->nquantiles; k++) {
                gpucost_quantity_format(st->quantity, st->q[k], v, sizeof v);
                gpucost_buf_puts(b, "<td class=\"num\">");
                esc(b, v);
                gpucost_buf_puts(b, "</td>");
            }
            gpucost_buf_puts(b, "</tr>\n");
        }
        gpucost_buf_puts(b, "</tbody></table>\n");
        char title[256];
        snprintf(title, sizeof title, "%s: distribution of %s", s->id,
                 gpucost_quantity_info_get(r->output)->name);
        gpucost_buf_puts(b, "<div class=\"chart histogram\">\n");
        gpucost_status rc = gpucost_chart_histogram(title, r, b, err);
        gpucost_buf_puts(b, "</div>\n<div class=\"chart tornado\">\n");
        snprintf(title, sizeof title, "%s: what drives %s (each input from its p5 to its p95)", s->id,
                 gpucost_quantity_info_get(r->output)->name);
        if (rc == GPUCOST_OK)
            rc = gpucost_chart_tornado(title, r, b, err);
        gpucost_buf_puts(b, "</div>\n");
        if (rc != GPUCOST_OK)
            return rc;
    }
    if (s->nsources > 0) {
        gpucost_buf_puts(b, "<h4>Sources</h4><ul class=\"sources\">\n");
        for (size_t i = 0; i < s->nsources; i++) {
            const gpucost_source *src = &s->sources[i];
            gpucost_buf_puts(b, "<li>");
            link_or_text(b, src->url, src->title);
            if (src->unverified)
                gpucost_buf_puts(b, " <span class=\"status unverifiable\">unverified</span>");
            if (src->nfields > 0) {
                gpucost_buf_puts(b, " <span class=\"meta\">(");
                for (size_t f = 0; f < src->nfields; f++) {
                    gpucost_buf_puts(b, f ? ", " : "");
                    esc(b, src->fields[f]);
                }
                gpucost_buf_puts(b, ")</span>");
            }
            if (src->quote[0]) {
                gpucost_buf_puts(b, "<blockquote>");
                esc(b, src->quote);
                gpucost_buf_puts(b, "</blockquote>");
            }
            gpucost_buf_puts(b, "</li>\n");
        }
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
    gpucost_buf_puts(b, "</article>\n");
    return GPUCOST_OK;
}

/* One case: the verdict, then each observation with the cells the
 * reconcile command prints (gpucost_output_obs). */
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
        gpucost_buf_puts(
            b, "</p>\n<table class=\"observations\"><thead><tr><th>status</th><th>quantity</th>"
               "<th>value</th><th>adjusted</th><th>r</th><th>loo r</th><th>leverage</th>"
               "<th>source</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < r->nobs; i++) {
            const gpucost_observation *o = &r->obs[i];
            gpucost_obs_text t;
            gpucost_output_obs(o, 0, &t);
            const char *st = gpucost_obs_status_name(o->status);
            gpucost_buf_printf(b,
                               "<tr class=\"obs\" data-status=\"%s\"><td><span class=\"status "
                               "%s\">%s</span></td><td>%s</td><td class=\"num\">",
                               st, o->status == GPUCOST_OBS_OUTLIER ? "fail" : "pass", st,
                               gpucost_quantity_info_get(o->quantity)->name);
            esc(b, t.value);
            gpucost_buf_puts(b, "</td><td class=\"num\">");
            esc(b, t.adjusted);
            gpucost_buf_printf(b,
                               "</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td "
                               "class=\"num\">%s</td><td>",
                               t.residual, t.loo, t.leverage);
            esc(b, o->source);
            gpucost_buf_puts(b, "</td></tr>\n");
        }
        gpucost_buf_puts(b, "</tbody></table>\n");
    }
    gpucost_buf_puts(b, "</section>\n");
}

gpucost_status gpucost_report_html(const gpucost_report_item *items, size_t n,
                                   const gpucost_report_case *cases, size_t ncases, int baseline,
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
        "<a href=\"#claims\">Claims</a>%s<a href=\"#scenarios\">Scenarios</a></nav>\n"
        "</header>\n<main>\n",
        css, n, n == 1 ? "" : "s", version, ncases ? "<a href=\"#reconcile\">Reconcile</a>" : "");
    comparison_section(items, n, baseline, b);
    gpucost_status rc = cost_chart(items, n, b, err);
    if (rc != GPUCOST_OK)
        return rc;
    claims_section(items, n, b);
    if (ncases > 0)
        reconcile_section(cases, ncases, b);
    gpucost_buf_puts(b, "<section id=\"scenarios\"><h2>Scenarios</h2>\n");
    for (size_t i = 0; i < n; i++) {
        rc = scenario_section(&items[i], b, err);
        if (rc != GPUCOST_OK) {
            if (err != NULL && err->file[0] == '\0')
                snprintf(err->file, sizeof err->file, "%s", items[i].scenario->file);
            return rc;
        }
    }
    gpucost_buf_puts(b, "</section>\n</main>\n<footer><p class=\"meta\">Origins: <b>input</b> given in "
                        "the scenario, <b>catalog</b> from the hardware catalog, <b>default</b> a "
                        "documented default, <b>derived</b> computed from the others.</p></footer>\n"
                        "</body>\n</html>\n");
    return b->failed ? GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory") : GPUCOST_OK;
}
