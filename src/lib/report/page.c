/* The page: its head, the summary of the analysis and its tables. */
#include <math.h>
#include <stdlib.h>

#include "chokepoint/export.h"
#include "chokepoint/flow.h"
#include "chokepoint/format.h"
#include "numfmt.h"
#include "report_internal.h"

static const char page_style[] =
    "body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#222;margin:0 auto;"
    "max-width:1200px;padding:0 24px 48px;line-height:1.45}"
    "h1{font-size:28px;margin:24px 0 4px}h2{margin-top:40px;border-bottom:1px solid #ccc;"
    "padding-bottom:4px}h3{margin-top:28px}"
    ".sub{color:#555;margin:0 0 12px}nav a{margin-right:14px}"
    ".cards{display:flex;flex-wrap:wrap;gap:14px}.card{border:1px solid #ccc;border-radius:8px;"
    "padding:12px 16px;min-width:220px;flex:1}.big{font-size:24px;font-weight:bold}"
    "figure{margin:16px 0}figure img{width:100%;height:auto;border:1px solid #e3e3e3}"
    /* diagrams at their own size, scrolled: scaled to the page their text would be too small */
    "figure.diagram{overflow:auto;max-height:1100px;border:1px solid #e3e3e3}"
    "figure.diagram svg{display:block}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(900px,1fr));gap:12px}"
    "table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}"
    "th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left;vertical-align:top}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".files{font-size:13px;color:#555;margin:4px 0}.note{color:#a50026;font-weight:bold}"
    "code{font-size:13px;word-break:break-all}.muted{color:#555}";

void ckp_report_head(ckp_buf *b, const ckp_network *net, const char *input_name,
                     igraph_integer_t nplans, igraph_integer_t nscen)
{
    ckp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    ckp_report_html(b, ckp_network_name(net));
    ckp_buf_puts(b, " · chokepoint report</title>\n<style>");
    ckp_buf_puts(b, page_style);
    ckp_buf_puts(b, "</style>\n</head>\n<body>\n<header>\n<h1>");
    ckp_report_html(b, ckp_network_name(net));
    ckp_buf_puts(b, "</h1>\n<p class=\"sub\">");
    /* a separator only after something: a CSV network may have no unit or year */
    const char *unit = ckp_network_unit(net);
    ckp_report_html(b, unit);
    if (!isnan(ckp_network_year(net)))
        ckp_buf_printf(b, "%s%.0f", unit[0] ? " · " : "", ckp_network_year(net));
    ckp_buf_printf(b, "%s%lld nodes, %lld edges, %lld tiers · ",
                   unit[0] || !isnan(ckp_network_year(net)) ? " · " : "",
                   (long long)ckp_network_node_count(net), (long long)ckp_network_edge_count(net),
                   (long long)ckp_network_tier_count(net));
    ckp_report_html(b, input_name);
    ckp_buf_puts(b, "</p>\n<p class=\"sub\">Source: ");
    const char *src = ckp_network_source(net);
    if (src && src[0])
        ckp_report_html(b, src);
    else
        ckp_buf_puts(b, "not given in the network file");
    ckp_buf_puts(b, "</p>\n");
    if (ckp_network_description(net)) {
        ckp_buf_puts(b, "<details><summary>About this network</summary><p>");
        ckp_report_html(b, ckp_network_description(net));
        ckp_buf_puts(b, "</p></details>\n");
    }
    ckp_buf_puts(b, "<nav><a href=\"#summary\">Summary</a><a href=\"#network\">Network</a>"
                    "<a href=\"#concentration\">Concentration</a><a href=\"#origins\">Origins</a>");
    if (nscen)
        ckp_buf_puts(b, "<a href=\"#scenarios\">Scenarios</a>");
    if (nplans || nscen)
        ckp_buf_puts(b, "<a href=\"#comparison\">Comparison</a>");
    if (nplans)
        ckp_buf_puts(b, "<a href=\"#plans\">Plans</a>");
    ckp_buf_puts(b, "<a href=\"#tables\">Tables</a><a href=\"#files\">Files</a>"
                    "<a href=\"#provenance\">Provenance</a></nav>\n</header>\n");
}

void ckp_report_summary(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    char x[64], y[64], z[64];
    const char *unit = ckp_network_unit(net);
    ckp_buf_puts(b, "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">\n");
    ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">%.1f%%</div>served: %s of a "
                      "demand of %s%s",
                   ckp_pct(a->served, a->demand), ckp_fmt_figure_amount(x, sizeof x, a->served),
                   ckp_fmt_figure_amount(y, sizeof y, a->demand), unit[0] ? " " : "");
    ckp_report_html(b, unit);
    ckp_buf_printf(b, " (shortfall %s)</div>\n",
                   ckp_fmt_figure_amount(z, sizeof z, ckp_round_flow(a->demand - a->served)));
    ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">%lld</div>single points of "
                      "failure: nodes whose loss alone cuts off an end user</div>\n",
                   (long long)a->n_spofs);
    igraph_integer_t top = -1;
    for (igraph_integer_t t = 0; t < a->n_tiers; t++)
        if (a->concentration[t].basis != CKP_BASIS_NONE && a->concentration[t].n_countries &&
            (top < 0 || a->concentration[t].hhi > a->concentration[top].hhi))
            top = t;
    if (top >= 0) {
        const ckp_tier_concentration *c = &a->concentration[top];
        ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">HHI %s</div>the most "
                          "concentrated tier: <b>",
                       ckp_fmt_number(x, sizeof x, round(c->hhi), 0));
        ckp_report_html(b, ckp_network_tier_name(net, top));
        ckp_buf_printf(b, "</b>, %s %.1f%% of its %s</div>\n", c->countries[0].name,
                       100 * c->countries[0].share, ckp_basis_name(c->basis));
    }
    if (a->n_countries) {
        const ckp_country_risk *c = &a->countries[0];
        ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">%s %.0f%%</div>of served "
                          "demand is lost if every node in %s is lost (%s%s",
                       ckp_network_country_name(net, c->country),
                       ckp_pct(c->flow_at_risk, a->served),
                       ckp_network_country_name(net, c->country),
                       ckp_fmt_figure_amount(x, sizeof x, c->flow_at_risk), unit[0] ? " " : "");
        ckp_report_html(b, unit);
        ckp_buf_puts(b, ")</div>\n");
    }
    ckp_buf_puts(b, "</div>\n<h3>Top single points of failure</h3>\n");
    if (!a->n_spofs) {
        ckp_buf_puts(b, "<p>None: every end user can be reached around any single node.</p>\n");
    } else {
        ckp_buf_puts(b, "<table><tr><th>node</th><th>tier</th><th>country</th>"
                        "<th class=\"n\">demand cut off</th><th class=\"n\">flow at risk</th>"
                        "<th>end users cut off</th></tr>\n");
        for (igraph_integer_t i = 0; i < a->n_spofs && i < 10; i++) {
            const ckp_spof *s = &a->spofs[i];
            ckp_buf_puts(b, "<tr><td>");
            ckp_report_html(b, ckp_node_name(net, s->node));
            ckp_buf_puts(b, " <span class=\"muted\">(");
            ckp_report_html(b, ckp_node_id(net, s->node));
            ckp_buf_puts(b, ")</span></td><td>");
            ckp_report_html(b, ckp_network_tier_name(net, ckp_node_tier(net, s->node)));
            ckp_buf_printf(b, "</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
                           ckp_node_country(net, s->node),
                           ckp_fmt_figure_amount(x, sizeof x, s->dominated_demand),
                           ckp_fmt_figure_amount(y, sizeof y, a->flow_at_risk[s->node]));
            for (igraph_integer_t k = 0; k < s->n_end_users && k < 6; k++) {
                ckp_buf_puts(b, k ? ", " : "");
                ckp_report_html(b, ckp_node_id(net, s->end_users[k]));
            }
            if (s->n_end_users > 6)
                ckp_buf_printf(b, " and %lld more", (long long)(s->n_end_users - 6));
            ckp_buf_puts(b, "</td></tr>\n");
        }
        ckp_buf_puts(b, "</table>\n");
        if (a->n_spofs > 10)
            ckp_buf_printf(b, "<p class=\"muted\">%lld more in "
                              "<a href=\"data/single_points_of_failure.csv\">data/single_points_"
                              "of_failure.csv</a>.</p>\n",
                           (long long)(a->n_spofs - 10));
    }
    ckp_buf_puts(b, "</section>\n");
}

void ckp_report_amount_cell(ckp_buf *b, double v)
{
    char x[64];
    ckp_buf_printf(b, "</td><td class=\"n\">%s", ckp_fmt_figure_amount(x, sizeof x, v));
}

static void concentration_table(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    char y[64];
    ckp_buf_puts(b, "<h3>Concentration by tier</h3>\n<table><tr><th>tier</th><th>basis</th>"
                    "<th class=\"n\">total</th><th class=\"n\">HHI</th><th>countries by share</th>"
                    "</tr>\n");
    for (igraph_integer_t t = 0; t < a->n_tiers; t++) {
        const ckp_tier_concentration *c = &a->concentration[t];
        ckp_report_row(b, ckp_network_tier_name(net, t));
        ckp_buf_printf(b, "</td><td>%s", ckp_basis_name(c->basis));
        ckp_report_amount_cell(b, c->total);
        ckp_buf_printf(b, "</td><td class=\"n\">%s</td><td>",
                       c->basis == CKP_BASIS_NONE ? "-"
                                                  : ckp_fmt_number(y, sizeof y, round(c->hhi), 0));
        for (igraph_integer_t i = 0; i < c->n_countries && i < 8; i++)
            ckp_buf_printf(b, "%s%s %.1f%%", i ? ", " : "", c->countries[i].name,
                           100 * c->countries[i].share);
        if (c->n_countries > 8)
            ckp_buf_printf(b, " and %lld more", (long long)(c->n_countries - 8));
        ckp_buf_puts(b, "</td></tr>\n");
    }
    ckp_buf_puts(b, "</table>\n");
}

/* Flow at risk by node, largest first, ties by id. */
static void node_risk_table(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    char x[64], y[64];
    igraph_integer_t m = 0;
    igraph_integer_t *idx = ckp_nodes_by_risk(net, a->flow_at_risk, &m);
    ckp_buf_printf(b, "<h3>Flow at risk by node</h3>\n<p class=\"muted\">Served demand lost "
                      "when the node alone is lost (flows reroute); %s. The 20 largest; all "
                      "in <a href=\"data/nodes.csv\">data/nodes.csv</a>.</p>\n",
                   a->risk_exact_all ? "exact for every node"
                                     : "computed for the busiest nodes and every single point "
                                       "of failure");
    ckp_buf_puts(b,
                 "<table><tr><th>node</th><th>tier</th><th>country</th><th class=\"n\">at "
                 "risk</th><th class=\"n\">of served</th><th class=\"n\">throughput</th></tr>\n");
    for (igraph_integer_t i = 0; idx && i < m && i < 20; i++) {
        igraph_integer_t v = idx[i];
        ckp_buf_puts(b, "<tr><td>");
        ckp_report_html(b, ckp_node_name(net, v));
        ckp_buf_puts(b, "</td><td>");
        ckp_report_html(b, ckp_network_tier_name(net, ckp_node_tier(net, v)));
        ckp_buf_printf(b, "</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%.1f%%</td>"
                          "<td class=\"n\">%s</td></tr>\n",
                       ckp_node_country(net, v), ckp_fmt_figure_amount(x, sizeof x, a->flow_at_risk[v]),
                       ckp_pct(a->flow_at_risk[v], a->served),
                       ckp_fmt_figure_amount(y, sizeof y, a->throughput[v]));
    }
    ckp_buf_puts(b, "</table>\n");
    free(idx);
}

static void country_risk_table(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    char x[64];
    ckp_buf_puts(b, "<h3>Flow at risk by country</h3>\n<p class=\"muted\">Served demand lost "
                    "when every node of the country is lost.</p>\n<table><tr><th>country</th>"
                    "<th class=\"n\">nodes</th><th class=\"n\">at risk</th><th class=\"n\">of "
                    "served</th></tr>\n");
    for (igraph_integer_t i = 0; i < a->n_countries; i++) {
        const ckp_country_risk *c = &a->countries[i];
        ckp_buf_printf(b, "<tr><td>%s</td><td class=\"n\">%lld</td><td class=\"n\">%s</td>"
                          "<td class=\"n\">%.1f%%</td></tr>\n",
                       ckp_network_country_name(net, c->country), (long long)c->nodes,
                       ckp_fmt_figure_amount(x, sizeof x, c->flow_at_risk),
                       ckp_pct(c->flow_at_risk, a->served));
    }
    ckp_buf_puts(b, "</table>\n");
}

static void end_user_table(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    ckp_buf_puts(b, "<h3>End users</h3>\n<table><tr><th>end user</th><th class=\"n\">demand"
                    "</th><th class=\"n\">served</th><th class=\"n\">routes</th><th>single "
                    "points of failure upstream</th></tr>\n");
    for (igraph_integer_t k = 0; k < a->n_end_users; k++) {
        const ckp_end_user *e = &a->end_users[k];
        ckp_report_row(b, ckp_node_name(net, e->node));
        ckp_report_amount_cell(b, e->demand);
        ckp_report_amount_cell(b, e->served);
        ckp_buf_puts(b, "</td><td class=\"n\">");
        if (!e->reachable)
            ckp_buf_puts(b, "none");
        else
            ckp_buf_printf(b, "%s%lld", e->redundancy_exact ? "" : "&ge;",
                           (long long)e->redundancy);
        ckp_buf_puts(b, "</td><td>");
        for (igraph_integer_t i = 0; i < e->n_dominators; i++) {
            ckp_buf_puts(b, i ? ", " : "");
            ckp_report_html(b, ckp_node_id(net, e->dominators[i]));
        }
        if (!e->n_dominators)
            ckp_buf_puts(b, "-");
        ckp_buf_puts(b, "</td></tr>\n");
    }
    ckp_buf_puts(b, "</table>\n");
}

void ckp_report_tables(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    ckp_buf_puts(b, "<section id=\"tables\"><h2>Tables of the analysis</h2>\n");
    concentration_table(b, net, a);
    node_risk_table(b, net, a);
    country_risk_table(b, net, a);
    end_user_table(b, net, a);
    ckp_buf_puts(b, "</section>\n");
}
