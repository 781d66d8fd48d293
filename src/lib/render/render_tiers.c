/* The tiered view of a diagram: one box per node, one arrow per edge. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_dot_internal.h"
#include "escape.h"
#include "numfmt.h"

/* ---- tiered view: one box per node ---------------------------------------------------- */

ckp_code rd_build_tiers(model *m, const ctx *c, ckp_error *err)
{
    const ckp_network *net = c->net;
    const ckp_analysis *a = c->a;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    char x[64], y[64];
    const char *unit = c->unit;
    for (igraph_integer_t v = 0; v < n; v++) {
        box *b = rd_add_box(m, ckp_node_tier(net, v));
        if (!b)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        igraph_integer_t av = c->amap ? c->amap[v] : v;
        const char *country = ckp_node_country(net, v);
        const ckp_spof *sp = av >= 0 ? rd_spof_of(c, av) : NULL;
        int removed = c->node_removed && c->node_removed[v];
        int added = c->node_added && c->node_added[v];
        int changed = c->node_changed && c->node_changed[v];
        int faded = removed || (c->node_added && !added && !changed);
        double cap = ckp_node_capacity(net, v);
        int is_user = ckp_node_tier(net, v) == last;
        b->removed = removed;
        b->spof = sp != NULL && !removed;
        b->highlight = added || changed;
        b->faded = faded;
        if (removed) {
            snprintf(b->fill, sizeof b->fill, "%s", REMOVED_FILL);
            m->used_removed = 1;
        } else {
            rd_fill_box(m, c, b, ckp_node_country_index(net, v), rd_node_risk(a, av), faded);
        }
        rd_note_box(m, b);

        /* label: name, then country and capacity (or demand), then what is special */
        ckp_buf *l = &b->label;
        ckp_buf_puts(l, "<B>");
        rd_wrap_html(l, ckp_node_name(net, v), NAME_WIDTH, NAME_LINES, removed);
        ckp_buf_puts(l, "</B><BR/><FONT POINT-SIZE=\"10\">");
        ckp_buf_html(l, country);
        if (is_user)
            ckp_buf_printf(l, " · demand %s", ckp_fmt_figure_amount(x, sizeof x, ckp_node_demand(net, v)));
        else if (isinf(cap))
            ckp_buf_puts(l, " · uncapped");
        else
            ckp_buf_printf(l, " · cap %s", ckp_fmt_figure_amount(x, sizeof x, cap));
        ckp_buf_puts(l, "</FONT>");
        if (removed)
            ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\">removed by the scenario</FONT>");
        else if (c->cap_after && !isnan(c->cap_after[v]))
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>cap %s to %s</B></FONT>",
                            c->cap_after[v] < cap ? "cut" : "raised",
                            isinf(c->cap_after[v]) ? "uncapped"
                                                   : ckp_fmt_figure_amount(x, sizeof x, c->cap_after[v]));
        if (added)
            ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ added by the plan</B></FONT>");
        else if (changed && c->cap_before && !isnan(c->cap_before[v]))
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ cap %s → %s</B></FONT>",
                            isinf(c->cap_before[v]) ? "uncapped"
                                                    : ckp_fmt_figure_amount(x, sizeof x, c->cap_before[v]),
                            isinf(cap) ? "uncapped" : ckp_fmt_figure_amount(y, sizeof y, cap));
        else if (changed)
            ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ changed by the plan</B></FONT>");
        if (b->spof)
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>⚠ SPOF · cuts off %s</B></FONT>",
                            ckp_fmt_figure_amount(x, sizeof x, sp->dominated_demand));
        if (c->user_short && !isnan(c->user_short[v]) && c->user_short[v] > 0 && !removed) {
            double d = ckp_node_demand(net, v);
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>short %s (%.0f%%)</B></FONT>",
                            ckp_fmt_figure_amount(x, sizeof x, c->user_short[v]),
                            100 * ckp_share_of(c->user_short[v], d));
            b->short_ = 1;
            m->used_short = 1;
        }

        /* tooltip: the node's figures */
        ckp_buf *t = &b->tooltip;
        ckp_buf_printf(t, "%s (%s)\n", ckp_node_name(net, v), ckp_node_id(net, v));
        ckp_buf_printf(t, "tier: %s · country: %s", ckp_network_tier_name(net, b->tier),
                        country);
        if (ckp_node_owner(net, v))
            ckp_buf_printf(t, " · owner: %s", ckp_node_owner(net, v));
        ckp_buf_printf(t, "\ncapacity: %s", isinf(cap) ? "none given (uncapped)"
                                                        : ckp_fmt_figure_amount(x, sizeof x, cap));
        if (is_user)
            ckp_buf_printf(t, "\ndemand: %s", ckp_fmt_figure_amount(x, sizeof x, ckp_node_demand(net, v)));
        if (unit[0])
            ckp_buf_printf(t, "\nunit: %s", unit);
        if (removed) {
            ckp_buf_puts(t, "\nremoved by the scenario");
        } else if (av >= 0) {
            ckp_buf_printf(t, "\nthroughput: %s · flow: %s",
                            ckp_fmt_figure_amount(x, sizeof x, a->throughput[av]),
                            ckp_fmt_figure_amount(y, sizeof y, a->flow[av]));
            if (!isnan(a->flow_at_risk[av]))
                ckp_buf_printf(t, "\nflow at risk: %s (%.1f%% of served)",
                                ckp_fmt_figure_amount(x, sizeof x, a->flow_at_risk[av]),
                                100 * ckp_share_of(a->flow_at_risk[av], a->served));
            if (sp)
                ckp_buf_printf(t, "\nsingle point of failure: cuts off %lld end user%s, "
                                   "demand %s",
                                (long long)sp->n_end_users, sp->n_end_users == 1 ? "" : "s",
                                ckp_fmt_figure_amount(x, sizeof x, sp->dominated_demand));
        }
        if (c->user_short && !isnan(c->user_short[v]) && !removed)
            ckp_buf_printf(t, "\nunder the scenario: receives %s of %s in one maximum flow",
                            ckp_fmt_figure_amount(x, sizeof x, ckp_node_demand(net, v) - c->user_short[v]),
                            ckp_fmt_figure_amount(y, sizeof y, ckp_node_demand(net, v)));
        if (c->user_alone && !isnan(c->user_alone[v]) && !removed)
            ckp_buf_printf(t, "\nthe most it could get alone: %s",
                            ckp_fmt_figure_amount(x, sizeof x, c->user_alone[v]));
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t u = ckp_edge_from(net, e), v = ckp_edge_to(net, e);
        arrow *ar = rd_add_arrow(m, u, v, ckp_edge_volume(net, e));
        if (!ar)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        ar->cut = c->edge_cut && c->edge_cut[e];
        ar->highlight = (c->edge_added && c->edge_added[e]) ||
                        (c->edge_changed && c->edge_changed[e]);
        ar->against = ckp_node_tier(net, v) <= ckp_node_tier(net, u);
        rd_mark_arrow(m, c, ar);
        double ecap = ckp_edge_capacity(net, e);
        ckp_buf_printf(&ar->tooltip, "%s → %s\nvolume: %s", ckp_node_name(net, u),
                        ckp_node_name(net, v), ckp_fmt_figure_amount(x, sizeof x, ar->volume));
        if (!isinf(ecap))
            ckp_buf_printf(&ar->tooltip, " · capacity: %s", ckp_fmt_figure_amount(y, sizeof y, ecap));
        if (ar->cut)
            ckp_buf_puts(&ar->tooltip, "\ncut by the scenario");
        if (c->edge_added && c->edge_added[e])
            ckp_buf_puts(&ar->tooltip, "\nadded by the plan");
        else if (c->edge_changed && c->edge_changed[e])
            ckp_buf_puts(&ar->tooltip, "\nchanged by the plan");
    }
    return CKP_OK;
}
