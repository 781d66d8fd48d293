/* The what-if sections: each scenario, the comparison of plans under them, and each plan. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/country.h"
#include "chokepoint/export.h"
#include "chokepoint/format.h"
#include "chokepoint/materials.h"
#include "chokepoint/stress.h"
#include "network_internal.h"
#include "numfmt.h"
#include "report_internal.h"

/* DIR/rel from a writer's buffer (which this frees); the writer's error passed on. */
static ckp_code put_written(ckp_pack *pk, const char *rel, ckp_buf *b, ckp_code rc,
                            ckp_error *err)
{
    if (!rc)
        rc = ckp_pack_put_buf(pk, rel, b, err);
    ckp_buf_destroy(b);
    return rc;
}

/* The scenario's outcome: served before and after, and each end user's most alone. */
static void scenario_html(ckp_buf *b, const ckp_network *net, const ckp_scenario *s,
                          const char *name, int index, const ckp_scenario_report *r)
{
    char x[64], y[64], z[64];
    ckp_buf_printf(b, "<h3 id=\"%s\">S%d: ", name, index + 1);
    ckp_report_html(b, s->name);
    ckp_buf_puts(b, "</h3>\n");
    if (s->description) {
        ckp_buf_puts(b, "<p>");
        ckp_report_html(b, s->description);
        ckp_buf_puts(b, "</p>\n");
    }
    ckp_buf_printf(b, "<p>Served <b>%s</b> of %s (%.1f%%), against %s before the shock; "
                      "%lld nodes and %lld edges taken out; single points of failure %lld "
                      "before, %lld after.</p>\n",
                   ckp_fmt_figure_amount(x, sizeof x, r->served), ckp_fmt_figure_amount(y, sizeof y, r->demand),
                   ckp_pct(r->served, r->demand),
                   ckp_fmt_figure_amount(z, sizeof z, r->baseline_served), (long long)r->removed_nodes,
                   (long long)r->removed_edges, (long long)r->spofs_baseline,
                   (long long)r->spofs_scenario);
    ckp_buf_puts(b, "<table><tr><th>end user</th><th class=\"n\">demand</th><th class=\"n\">"
                    "the most it gets alone, before</th><th class=\"n\">after</th></tr>\n");
    for (igraph_integer_t k = 0; k < r->n_end_users; k++) {
        const ckp_user_impact *u = &r->end_users[k];
        ckp_report_row(b, ckp_node_name(net, u->node));
        ckp_report_amount_cell(b, u->demand);
        ckp_report_amount_cell(b, u->baseline_max);
        ckp_report_amount_cell(b, u->scenario_max);
        ckp_buf_puts(b, "</td></tr>\n");
    }
    ckp_buf_puts(b, "</table>\n");
}

/* Who goes short, per country of end users, in the three views (chokepoint/views.h). */
static void views_html(ckp_buf *b, const ckp_views *v)
{
    char x[64], y[64], z[160], w[160];
    ckp_buf_puts(b, "<p>Who goes short, by country of end users: immediately (nobody adapts), "
                    "with spare capacity (rerouted), with full reallocation (the maximum "
                    "flow); a range is the least and the most over every allocation that "
                    "reaches the view's total.</p>\n");
    ckp_buf_puts(b, "<table><tr><th>country</th><th class=\"n\">demand</th><th class=\"n\">"
                    "immediately</th><th class=\"n\">with spare capacity</th>"
                    "<th class=\"n\">with full reallocation</th></tr>\n");
    for (igraph_integer_t c = 0; c < v->n_countries; c++) {
        const ckp_views_entry *e = &v->countries[c];
        const char *name = ckp_country_name(e->name);
        ckp_buf_puts(b, "<tr><td>");
        ckp_report_html(b, e->name);
        if (name) {
            ckp_buf_puts(b, " ");
            ckp_report_html(b, name);
        }
        ckp_buf_printf(b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td "
                          "class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
                       ckp_fmt_figure_amount(x, sizeof x, e->demand),
                       ckp_fmt_figure_amount(y, sizeof y, e->immediate_served),
                       ckp_fmt_figure_range(z, sizeof z, e->rerouted.min, e->rerouted.max),
                       ckp_fmt_figure_range(w, sizeof w, e->reallocated.min, e->reallocated.max));
    }
    ckp_buf_puts(b, "</table>\n");
}

/*
 * A scenario with a duration_days (on a network without materials): its
 * figures over time into `tr`, the time chart NAME-time on the page and, on a
 * network with stock, the stocks chart NAME-stocks.
 */
static ckp_code scenario_time(ckp_pack *pk, ckp_time_report *tr, const ckp_network *net,
                              const ckp_scenario *sc, const char *name, const char *input_name,
                              ckp_error *err)
{
    char rel[320], d[64];
    ckp_chart ch;
    ckp_code rc;
    if (isnan(sc->duration_days) || ckp_network_has_bom(net))
        return CKP_OK;
    if ((rc = ckp_time_scenario(tr, net, sc, sc->duration_days, err)))
        return rc;
    ckp_buf_printf(&pk->html, "<p>Over its %s days, stocks drawn: how much of its demand each "
                              "country of end users receives since the shock began.</p>\n",
                   ckp_fmt_number(d, sizeof d, sc->duration_days, 2));
    snprintf(rel, sizeof rel, "%s-time", name);
    if (!(rc = ckp_chart_time(&ch, net, sc, sc->duration_days, CKP_CHART_TIME_SAMPLES,
                              input_name, err)))
        rc = ckp_report_chart(pk, rel, &ch, err);
    ckp_chart_destroy(&ch);
    if (rc || !ckp_network_has_stock(net))
        return rc;
    /* the stocks the immediate view draws; none it can (no recorded outflow): no chart */
    snprintf(rel, sizeof rel, "%s-stocks", name);
    if ((rc = ckp_chart_stocks(&ch, net, sc, sc->duration_days, 8, input_name, err)) ==
        CKP_EDATA)
        return CKP_OK;
    ckp_buf_puts(&pk->html, "<p>The largest stocks left over the same days, as the immediate "
                            "view draws them.</p>\n");
    if (!rc)
        rc = ckp_report_chart(pk, rel, &ch, err);
    ckp_chart_destroy(&ch);
    return rc;
}

/*
 * Scenario s: its outcome and diagram on the page, and data/NAME.json as
 * `chokepoint scenario --format json` writes it, from the same run.
 */
static ckp_code scenario(ckp_pack *pk, const ckp_network *net, int s, const ckp_palette *pal,
                         const char *input_name, ckp_error *err)
{
    const ckp_scenario *sc = ckp_study_scenario(pk->study, s);
    ckp_scenario_report r;
    ckp_time_report tr;
    ckp_scenario_write_options wo;
    ckp_render_options ro;
    ckp_buf json;
    ckp_chart ch;
    char sl[64], name[256], prefix[32], rel[320];
    ckp_code rc;
    memset(&r, 0, sizeof r);
    ckp_time_report_init(&tr);
    ckp_buf_init(&json);
    ckp_chart_init(&ch);
    if ((rc = ckp_scenario_run(&r, net, sc, err)))
        goto done;
    ckp_report_slug(sl, sizeof sl, pk->opts->scenario_paths[s]);
    snprintf(name, sizeof name, "scenario-%d-%s", s + 1, sl);
    scenario_html(&pk->html, net, sc, name, s, &r);
    snprintf(prefix, sizeof prefix, "s%d-", s + 1);
    ckp_report_render_options(&ro, pk, pal, input_name, prefix);
    ro.scenario = sc;
    if ((rc = ckp_report_diagram(pk, name, net, &ro, err)))
        goto done;
    views_html(&pk->html, &r.views);
    snprintf(rel, sizeof rel, "%s-views", name);
    if ((rc = ckp_chart_views(&ch, net, &r.views, sc->name, input_name, err)) ||
        (rc = ckp_report_chart(pk, rel, &ch, err)))
        goto done;
    if ((rc = scenario_time(pk, &tr, net, sc, name, input_name, err)))
        goto done;
    ckp_scenario_write_options_init(&wo);
    wo.time = isnan(sc->duration_days) || ckp_network_has_bom(net) ? NULL : &tr;
    snprintf(rel, sizeof rel, "data/%s.json", name);
    rc = put_written(pk, rel, &json,
                     ckp_scenario_write(&json, CKP_FORMAT_JSON, net, sc, &r, &wo, err), err);
done:
    ckp_buf_destroy(&json);
    ckp_chart_destroy(&ch);
    ckp_scenario_report_destroy(&r);
    ckp_time_report_destroy(&tr);
    return rc;
}

ckp_code ckp_report_scenarios(ckp_pack *pk, const ckp_network *net, const ckp_palette *pal,
                              const char *input_name, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    if (!pk->n_scenarios)
        return CKP_OK;
    ckp_buf_puts(&pk->html, "<section id=\"scenarios\"><h2>Scenarios</h2>\n");
    for (int s = 0; !rc && s < pk->n_scenarios; s++)
        rc = scenario(pk, net, s, pal, input_name, err);
    if (!rc)
        ckp_buf_puts(&pk->html, "</section>\n");
    return rc;
}

static void comparison_table(ckp_buf *b, const ckp_comparison *cmp)
{
    char x[64], y[64];
    ckp_buf_puts(b, "<table><tr><th>plan</th><th class=\"n\">demand</th><th class=\"n\">"
                    "served</th><th class=\"n\">SPOFs</th><th class=\"n\">routes</th>");
    for (igraph_integer_t s = 0; s < cmp->n_scenarios; s++)
        ckp_buf_printf(b, "<th class=\"n\">S%lld</th>", (long long)s + 1);
    ckp_buf_puts(b, "</tr>\n");
    for (igraph_integer_t p = 0; p < cmp->n_plans; p++) {
        const ckp_plan_result *r = &cmp->plans[p];
        ckp_buf_puts(b, "<tr><td>");
        ckp_report_html(b, r->name);
        ckp_buf_printf(b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">"
                          "%lld</td><td class=\"n\">%s%lld</td>",
                       ckp_fmt_figure_amount(x, sizeof x, r->demand),
                       ckp_fmt_figure_amount(y, sizeof y, r->served), (long long)r->spof_count,
                       r->worst_redundancy_exact ? "" : "&ge;", (long long)r->worst_redundancy);
        for (igraph_integer_t s = 0; s < cmp->n_scenarios; s++)
            ckp_buf_printf(b, "<td class=\"n\">%.1f%%</td>",
                           ckp_pct(r->scenario_served[s], r->demand));
        ckp_buf_puts(b, "</tr>\n");
    }
    ckp_buf_puts(b, "</table>\n");
    ckp_buf_puts(b, "<p>Best in the worst case: <b>");
    ckp_report_html(b, cmp->plans[cmp->best_worst_case].name);
    ckp_buf_puts(b, "</b>.</p>\n</section>\n");
}

ckp_code ckp_report_comparison(ckp_pack *pk, const ckp_network *net, const char *input_name,
                               ckp_error *err)
{
    ckp_chart ch;
    ckp_buf b;
    ckp_code rc;
    if (!pk->n_plans && !pk->n_scenarios)
        return CKP_OK;
    const ckp_comparison *cmp = ckp_study_comparison(pk->study);
    ckp_chart_init(&ch);
    ckp_buf_init(&b);
    if ((rc = ckp_chart_comparison(&ch, net, cmp, input_name, err)))
        goto done;
    ckp_buf_puts(&pk->html, "<section id=\"comparison\"><h2>Plans under scenarios</h2>\n");
    if ((rc = ckp_report_chart(pk, "comparison", &ch, err)))
        goto done;
    comparison_table(&pk->html, cmp);
    /* the comparison as `chokepoint compare` writes it, JSON and CSV */
    rc = put_written(pk, "data/comparison.json", &b,
                     ckp_comparison_write(&b, CKP_FORMAT_JSON, net, cmp, err), err);
    if (!rc)
        rc = put_written(pk, "data/comparison.csv", &b,
                         ckp_comparison_write(&b, CKP_FORMAT_CSV, net, cmp, err), err);
done:
    ckp_buf_destroy(&b);
    ckp_chart_destroy(&ch);
    return rc;
}

static void plan_html(ckp_buf *b, const ckp_plan_info *info, const char *name)
{
    ckp_buf_printf(b, "<h3 id=\"%s\">", name);
    ckp_report_html(b, info->name);
    ckp_buf_puts(b, "</h3>\n");
    if (info->description) {
        ckp_buf_puts(b, "<p>");
        ckp_report_html(b, info->description);
        ckp_buf_puts(b, "</p>\n");
    }
    ckp_buf_printf(b, "<p>Adds %lld nodes and %lld edges, removes %lld nodes and %lld "
                      "edges, updates %lld nodes and %lld edges.</p>\n",
                   (long long)info->added_nodes, (long long)info->added_edges,
                   (long long)info->removed_nodes, (long long)info->removed_edges,
                   (long long)info->updated_nodes, (long long)info->updated_edges);
}

ckp_code ckp_report_plans(ckp_pack *pk, const ckp_network *net, const ckp_palette *pal,
                          const char *input_name, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    if (!pk->n_plans)
        return CKP_OK;
    ckp_buf_puts(&pk->html, "<section id=\"plans\"><h2>Plans</h2>\n");
    for (int p = 1; !rc && p <= pk->n_plans; p++) {
        const ckp_plan_info *info = ckp_study_plan_info(pk->study, p);
        ckp_render_options ro;
        char sl[64], name[256], prefix[32];
        ckp_report_slug(sl, sizeof sl, pk->opts->plan_paths[p - 1]);
        snprintf(name, sizeof name, "plan-%d-%s", p, sl);
        plan_html(&pk->html, info, name);
        snprintf(prefix, sizeof prefix, "p%d-", p);
        ckp_report_render_options(&ro, pk, pal, input_name, prefix);
        ro.baseline = net;
        ro.plan_name = info->name;
        rc = ckp_report_diagram(pk, name, ckp_study_network(pk->study, p), &ro, err);
    }
    if (!rc)
        ckp_buf_puts(&pk->html, "</section>\n");
    return rc;
}
