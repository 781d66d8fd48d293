/*
 * The DOT text of a network diagram (see render.h): the context of a figure
 * (analysis, scenario, plan), the view's model, titles, then the emitter.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_dot_internal.h"
#include "chokepoint/flow.h"
#include "numfmt.h"

/* ---- modes ------------------------------------------------------------------------------- */

void ckp_render_options_init(ckp_render_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->view = CKP_VIEW_TIERS;
    opts->color = CKP_COLOR_BY_COUNTRY;
    opts->max_nodes = CKP_RENDER_MAX_NODES;
}

static int same_number(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

ckp_code ckp_render_dot(char **dot, size_t *len, ckp_render_info *info, const ckp_network *net,
                        const ckp_render_options *opts, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_render_options defaults;
    ckp_render_info own_info;
    ckp_analysis own;
    ckp_scenario_report rep;
    ckp_palette pal;
    model m;
    ckp_buf d, sub, cap;
    ctx c;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t *amap = NULL;
    ckp_tier_concentration *conc = NULL;
    char x[64], y[64], z[64];
    *dot = NULL;
    if (len)
        *len = 0;
    if (!info)
        info = &own_info;
    memset(info, 0, sizeof *info);
    if (!opts) {
        ckp_render_options_init(&defaults);
        opts = &defaults;
    }
    ckp_analysis_init(&own);
    memset(&rep, 0, sizeof rep);
    memset(&m, 0, sizeof m);
    memset(&c, 0, sizeof c);
    ckp_buf_init(&d);
    ckp_buf_init(&sub);
    ckp_buf_init(&cap);
    c.net = net;
    c.o = opts;
    c.unit = ckp_network_unit(net);

    if (opts->palette) {
        c.pal = opts->palette;
    } else {
        if ((rc = ckp_palette_for_network(&pal, net, err)))
            goto done;
        c.pal = &pal;
    }

    if (opts->scenario) {
        /* analyse the network under the scenario; map nodes back by id */
        if ((rc = ckp_scenario_run(&rep, net, opts->scenario, err)))
            goto done;
        if ((rc = ckp_analyze(&own, rep.shocked, NULL, err)))
            goto done;
        c.a = &own;
        c.anet = rep.shocked;
        c.rep = &rep;
        amap = malloc((size_t)(n ? n : 1) * sizeof *amap);
        c.node_removed = calloc((size_t)(n ? n : 1), 1);
        c.edge_cut = calloc((size_t)(ne ? ne : 1), 1);
        c.cap_after = malloc((size_t)(n ? n : 1) * sizeof *c.cap_after);
        c.user_short = malloc((size_t)(n ? n : 1) * sizeof *c.user_short);
        c.user_alone = malloc((size_t)(n ? n : 1) * sizeof *c.user_alone);
        if (!amap || !c.node_removed || !c.edge_cut || !c.cap_after || !c.user_short ||
            !c.user_alone) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            amap[v] = ckp_network_find(rep.shocked, ckp_node_id(net, v));
            c.node_removed[v] = amap[v] < 0;
            c.cap_after[v] = NAN;
            c.user_short[v] = NAN;
            c.user_alone[v] = NAN;
            if (amap[v] >= 0) {
                double before = ckp_node_capacity(net, v);
                double after = ckp_node_capacity(rep.shocked, amap[v]);
                if (!same_number(before, after))
                    c.cap_after[v] = after;
            }
        }
        for (igraph_integer_t e = 0; e < ne; e++) {
            igraph_integer_t u = amap[ckp_edge_from(net, e)], v = amap[ckp_edge_to(net, e)];
            c.edge_cut[e] = u < 0 || v < 0 || ckp_network_find_edge(rep.shocked, u, v) < 0;
        }
        /*
         * Shortfalls from one maximum flow on the network under the scenario: the total is
         * exact; how it splits between end users that compete is one of several possible.
         * The tooltip adds the most each could get alone.
         */
        for (igraph_integer_t k = 0; k < own.n_end_users; k++) {
            const ckp_end_user *u = &own.end_users[k];
            igraph_integer_t v = ckp_network_find(net, ckp_node_id(rep.shocked, u->node));
            double s = ckp_round_flow(u->demand - u->served);
            if (v >= 0)
                c.user_short[v] = s > 0 ? s : 0;
        }
        for (igraph_integer_t k = 0; k < rep.n_end_users; k++)
            c.user_alone[rep.end_users[k].node] = rep.end_users[k].scenario_max;
        c.amap = amap;
    } else {
        if (opts->analysis) {
            c.a = opts->analysis;
        } else {
            if ((rc = ckp_analyze(&own, net, NULL, err)))
                goto done;
            c.a = &own;
        }
        c.anet = net;
    }

    /* shares of the drawn network, also under a scenario, so boxes and tiers agree */
    if (opts->scenario) {
        if ((rc = ckp_concentration(&conc, net, err)))
            goto done;
        c.conc = conc;
    } else {
        c.conc = c.a->concentration;
    }
    {
        igraph_integer_t na = ckp_network_node_count(c.anet);
        c.spof_at = malloc((size_t)(na ? na : 1) * sizeof *c.spof_at);
        m.other_mark = calloc((size_t)(ckp_network_country_count(net) + 1), 1);
        if (!c.spof_at || !m.other_mark) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        for (igraph_integer_t v = 0; v < na; v++)
            c.spof_at[v] = -1;
        for (igraph_integer_t i = 0; i < c.a->n_spofs; i++)
            c.spof_at[c.a->spofs[i].node] = i;
    }

    if (opts->baseline) {
        /* plan mode: what the plan added or changed, found by id */
        const ckp_network *b = opts->baseline;
        c.node_added = calloc((size_t)(n ? n : 1), 1);
        c.node_changed = calloc((size_t)(n ? n : 1), 1);
        c.edge_added = calloc((size_t)(ne ? ne : 1), 1);
        c.edge_changed = calloc((size_t)(ne ? ne : 1), 1);
        c.cap_before = malloc((size_t)(n ? n : 1) * sizeof *c.cap_before);
        if (!c.node_added || !c.node_changed || !c.edge_added || !c.edge_changed ||
            !c.cap_before) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            igraph_integer_t bv = ckp_network_find(b, ckp_node_id(net, v));
            c.cap_before[v] = NAN;
            if (bv < 0) {
                c.node_added[v] = 1;
                continue;
            }
            if (!same_number(ckp_node_capacity(b, bv), ckp_node_capacity(net, v)))
                c.cap_before[v] = ckp_node_capacity(b, bv);
            c.node_changed[v] = !isnan(c.cap_before[v]) ||
                                !same_number(ckp_node_demand_given(b, bv),
                                             ckp_node_demand_given(net, v)) ||
                                !same_number(ckp_node_stock(b, bv), ckp_node_stock(net, v));
        }
        for (igraph_integer_t e = 0; e < ne; e++) {
            igraph_integer_t bu = ckp_network_find(b, ckp_node_id(net, ckp_edge_from(net, e)));
            igraph_integer_t bv = ckp_network_find(b, ckp_node_id(net, ckp_edge_to(net, e)));
            igraph_integer_t be = bu >= 0 && bv >= 0 ? ckp_network_find_edge(b, bu, bv) : -1;
            if (be < 0)
                c.edge_added[e] = 1;
            else
                c.edge_changed[e] =
                    !same_number(ckp_edge_volume(b, be), ckp_edge_volume(net, e)) ||
                    !same_number(ckp_edge_capacity(b, be), ckp_edge_capacity(net, e));
        }
    }

    info->view = opts->view;
    if (opts->view == CKP_VIEW_TIERS && n > opts->max_nodes) {
        info->view = CKP_VIEW_COUNTRIES;
        info->aggregated = 1;
        snprintf(info->note, sizeof info->note,
                 "%lld nodes are over the limit of %lld for a firm-level diagram "
                 "(--max-nodes): drawn as the countries view, one box per tier and country",
                 (long long)n, (long long)opts->max_nodes);
    }
    if (info->view == CKP_VIEW_TIERS)
        rc = rd_build_tiers(&m, &c, err);
    else
        rc = rd_build_countries(&m, &c, err);
    if (rc)
        goto done;
    info->nodes = m.n_boxes;
    info->edges = m.n_arrows;

    /* title and subtitle */
    const char *title = ckp_network_name(net);
    if (opts->scenario)
        title = opts->scenario->name;
    else if (opts->baseline && opts->plan_name)
        title = opts->plan_name;
    if (opts->scenario || opts->baseline) {
        ckp_buf_puts(&sub, ckp_network_name(net));
        ckp_buf_puts(&sub, " · ");
    }
    if (c.unit[0])
        ckp_buf_printf(&sub, "%s", c.unit);
    if (!isnan(ckp_network_year(net)))
        ckp_buf_printf(&sub, "%s%.0f", c.unit[0] ? " · " : "", ckp_network_year(net));
    if (opts->scenario)
        ckp_buf_printf(&sub, " · served %s of %s (%.1f%%), %s before the shock",
                        ckp_fmt_figure_amount(x, sizeof x, rep.served), ckp_fmt_figure_amount(y, sizeof y, rep.demand),
                        100 * ckp_share_of(rep.served, rep.demand),
                        ckp_fmt_figure_amount(z, sizeof z, rep.baseline_served));
    else
        ckp_buf_printf(&sub, " · served %s of demand %s (%.1f%%)",
                        ckp_fmt_figure_amount(x, sizeof x, c.a->served), ckp_fmt_figure_amount(y, sizeof y, c.a->demand),
                        100 * ckp_share_of(c.a->served, c.a->demand));
    ckp_buf_printf(&sub, " · %lld nodes, %lld edges", (long long)n, (long long)ne);
    if (info->aggregated)
        ckp_buf_printf(&cap, "Aggregated: %s.", info->note);
    else if (info->view == CKP_VIEW_COUNTRIES)
        ckp_buf_puts(&cap, "One box per tier and country, its height in proportion to the "
                            "country's share of the tier; arrows sum the flows between them.");
    if (opts->baseline) {
        igraph_integer_t na = 0, nch = 0, ea = 0;
        for (igraph_integer_t v = 0; v < n; v++) {
            na += c.node_added[v];
            nch += c.node_changed[v];
        }
        for (igraph_integer_t e = 0; e < ne; e++)
            ea += c.edge_added[e] || c.edge_changed[e];
        ckp_buf_printf(&cap, "%sThe plan adds %lld node%s, changes %lld, and adds or changes "
                              "%lld edge%s.",
                        cap.len ? " " : "", (long long)na, na == 1 ? "" : "s", (long long)nch,
                        (long long)ea, ea == 1 ? "" : "s");
    }
    if (sub.oom || cap.oom) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    rd_emit(&d, &m, &c, title, sub.data ? sub.data : "", cap.data);
    *dot = ckp_buf_take(&d, len);
    if (!*dot)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    rd_model_destroy(&m);
    ckp_buf_destroy(&d);
    ckp_buf_destroy(&sub);
    ckp_buf_destroy(&cap);
    ckp_analysis_destroy(&own);
    ckp_scenario_report_destroy(&rep);
    free(amap);
    free(c.node_removed);
    free(c.edge_cut);
    free(c.cap_after);
    free(c.user_short);
    free(c.user_alone);
    free(c.node_added);
    free(c.node_changed);
    free(c.edge_added);
    free(c.edge_changed);
    free(c.cap_before);
    free(c.spof_at);
    ckp_concentration_free(conc, ckp_network_tier_count(net));
    return rc;
}
