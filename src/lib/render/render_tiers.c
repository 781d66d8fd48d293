/* The tiered view of a diagram: one box per node, one arrow per edge. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "numfmt.h"
#include "chokepoint/materials.h"
#include "render_dot_internal.h"

/* What a node's box shows and how, gathered once for its label and tooltip. */
typedef struct {
    igraph_integer_t v, av; /* the node; in the analysed network (-1: removed) */
    const ckp_spof *sp;
    int removed, added, changed, is_user;
    double cap;
} node_view;

/* A capacity for labels: the amount, or "uncapped". */
static const char *cap_text(char *out, size_t size, double cap)
{
    return isinf(cap) ? "uncapped" : ckp_fmt_figure_amount(out, size, cap);
}

/* An end user under a scenario: its immediate loss, then its reallocated range. */
static void view_label(ckp_buf *l, const ctx *c, const ckp_views_entry *e)
{
    char x[64], y[96];
    double loss = e->demand - e->immediate_served;
    if (c->has_volumes && rd_loss_class(loss, e->demand))
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>immediately short %s (%.0f%%)</B>"
                          "</FONT>",
                       ckp_fmt_figure_amount(x, sizeof x, loss),
                       100 * ckp_share_of(loss, e->demand));
    if (e->ranged)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\">reallocated %s</FONT>",
                       ckp_fmt_figure_range(y, sizeof y, e->reallocated.min, e->reallocated.max));
}

/* Tooltip lines of an end user's three views. */
static void view_tooltip(ckp_buf *t, const ctx *c, const ckp_views_entry *e)
{
    char x[64], y[96];
    if (c->has_volumes) {
        ckp_buf_printf(t, "\nimmediately (nobody adapts): receives %s of %s",
                       ckp_fmt_figure_amount(x, sizeof x, e->immediate_served),
                       ckp_fmt_figure_amount(y, sizeof y, e->demand));
        if (e->ranged)
            ckp_buf_printf(t, "\nwith spare capacity: %s",
                           ckp_fmt_figure_range(y, sizeof y, e->rerouted.min, e->rerouted.max));
    }
    if (e->ranged)
        ckp_buf_printf(t, "\nwith full reallocation: %s",
                       ckp_fmt_figure_range(y, sizeof y, e->reallocated.min, e->reallocated.max));
}

/* Label: name, then country and capacity (or demand), then what is special. */
static void node_label(ckp_buf *l, const ctx *c, const node_view *nv)
{
    const ckp_network *net = c->net;
    igraph_integer_t v = nv->v;
    char x[64], y[64];
    ckp_buf_puts(l, "<B>");
    rd_wrap_html(l, ckp_node_name(net, v), NAME_WIDTH, NAME_LINES, nv->removed);
    ckp_buf_puts(l, "</B><BR/><FONT POINT-SIZE=\"10\">");
    ckp_buf_html(l, ckp_node_country(net, v));
    if (nv->is_user)
        ckp_buf_printf(l, " · demand %s",
                       ckp_fmt_figure_amount(x, sizeof x, ckp_node_demand(net, v)));
    else if (isinf(nv->cap))
        ckp_buf_puts(l, " · uncapped");
    else
        ckp_buf_printf(l, " · cap %s", ckp_fmt_figure_amount(x, sizeof x, nv->cap));
    ckp_buf_puts(l, "</FONT>");
    if (nv->removed)
        ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\">removed by the scenario</FONT>");
    else if (c->cap_after && !isnan(c->cap_after[v]))
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>cap %s to %s</B></FONT>",
                       c->cap_after[v] < nv->cap ? "cut" : "raised",
                       cap_text(x, sizeof x, c->cap_after[v]));
    if (nv->added)
        ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ added by the plan</B></FONT>");
    else if (nv->changed && c->cap_before && !isnan(c->cap_before[v]))
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ cap %s → %s</B></FONT>",
                       cap_text(x, sizeof x, c->cap_before[v]), cap_text(y, sizeof y, nv->cap));
    else if (nv->changed)
        ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ changed by the plan</B></FONT>");
    if (nv->sp && !nv->removed)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>⚠ SPOF · cuts off %s</B></FONT>",
                       ckp_fmt_figure_amount(x, sizeof x, nv->sp->dominated_demand));
    const ckp_views_entry *e = c->user_view ? c->user_view[v] : NULL;
    if (e && !nv->removed)
        view_label(l, c, e);
    else if (c->user_short && !isnan(c->user_short[v]) && c->user_short[v] > 0 && !nv->removed)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>short %s (%.0f%%)</B></FONT>",
                       ckp_fmt_figure_amount(x, sizeof x, c->user_short[v]),
                       100 * ckp_share_of(c->user_short[v], ckp_node_demand(net, v)));
}

/* Tooltip: the node's figures, and what the scenario leaves it. */
static void node_tooltip(ckp_buf *t, const ctx *c, const node_view *nv)
{
    const ckp_network *net = c->net;
    const ckp_analysis *a = c->a;
    igraph_integer_t v = nv->v, av = nv->av;
    const ckp_spof *sp = nv->sp;
    double demand = ckp_node_demand(net, v);
    char x[64], y[64];
    ckp_buf_printf(t, "%s (%s)\n", ckp_node_name(net, v), ckp_node_id(net, v));
    ckp_buf_printf(t, "tier: %s · country: %s", ckp_network_tier_name(net, ckp_node_tier(net, v)),
                   ckp_node_country(net, v));
    if (ckp_node_owner(net, v))
        ckp_buf_printf(t, " · owner: %s", ckp_node_owner(net, v));
    ckp_buf_printf(t, "\ncapacity: %s", isinf(nv->cap)
                                            ? "none given (uncapped)"
                                            : ckp_fmt_figure_amount(x, sizeof x, nv->cap));
    if (nv->is_user)
        ckp_buf_printf(t, "\ndemand: %s", ckp_fmt_figure_amount(x, sizeof x, demand));
    if (c->unit[0])
        ckp_buf_printf(t, "\nunit: %s", c->unit);
    if (nv->removed) {
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
            ckp_buf_printf(t, "\nsingle point of failure: cuts off %lld end user%s, demand %s",
                           (long long)sp->n_end_users, sp->n_end_users == 1 ? "" : "s",
                           ckp_fmt_figure_amount(x, sizeof x, sp->dominated_demand));
    }
    const ckp_views_entry *e = c->user_view ? c->user_view[v] : NULL;
    if (e && !nv->removed)
        view_tooltip(t, c, e);
    else if (c->user_short && !isnan(c->user_short[v]) && !nv->removed)
        ckp_buf_printf(t, "\nunder the scenario: receives %s of %s in one best allocation",
                       ckp_fmt_figure_amount(x, sizeof x, demand - c->user_short[v]),
                       ckp_fmt_figure_amount(y, sizeof y, demand));
    if (c->user_alone && !isnan(c->user_alone[v]) && !nv->removed)
        ckp_buf_printf(t, "\nthe most it could get alone: %s",
                       ckp_fmt_figure_amount(x, sizeof x, c->user_alone[v]));
    if (c->folded_out && c->folded_out[v])
        ckp_buf_printf(t, "\n%lld flow%s under %g%% of its outflow folded into 'other'",
                       (long long)c->folded_out[v], c->folded_out[v] == 1 ? "" : "s",
                       c->o->min_share);
}

/* One box per node: its marks and fill, label and tooltip. */
static ckp_code node_boxes(model *m, const ctx *c, ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    for (igraph_integer_t v = 0; v < n; v++) {
        if (c->box_of && c->box_of[v] < 0)
            continue;
        box *b = rd_add_box(m, ckp_node_tier(net, v));
        if (!b)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        b->node = v;
        node_view nv;
        nv.v = v;
        nv.av = c->amap ? c->amap[v] : v;
        nv.sp = nv.av >= 0 ? rd_spof_of(c, nv.av) : NULL;
        nv.removed = c->node_removed && c->node_removed[v];
        nv.added = c->node_added && c->node_added[v];
        nv.changed = c->node_changed && c->node_changed[v];
        nv.cap = ckp_node_capacity(net, v);
        nv.is_user = ckp_node_tier(net, v) == last;
        b->removed = nv.removed;
        b->spof = nv.sp != NULL && !nv.removed;
        b->highlight = nv.added || nv.changed;
        b->faded = nv.removed || (c->node_added && !nv.added && !nv.changed);
        if (nv.removed) {
            snprintf(b->fill, sizeof b->fill, "%s", REMOVED_FILL);
            m->used_removed = 1;
        } else {
            rd_fill_box(m, c, b, ckp_node_country_index(net, v), rd_node_risk(c->a, nv.av),
                        b->faded);
        }
        rd_note_box(m, b);
        const ckp_views_entry *e = c->user_view ? c->user_view[v] : NULL;
        if (e && c->has_volumes && !nv.removed) {
            /* end users by their immediate loss: the one figure no solver chooses */
            int k = rd_loss_class(e->demand - e->immediate_served, e->demand);
            snprintf(b->fill, sizeof b->fill, "%s", rd_risk_colors[k]);
            m->used_loss[k] = 1;
            b->short_ = k > 0;
            m->used_short |= k > 0;
        } else if (c->user_short && !isnan(c->user_short[v]) && c->user_short[v] > 0 &&
                   !nv.removed && !e) {
            b->short_ = 1;
            m->used_short = 1;
        }
        node_label(&b->label, c, &nv);
        node_tooltip(&b->tooltip, c, &nv);
    }
    return CKP_OK;
}

/* One arrow per edge: cut, added or changed, and its volume and capacity in the tooltip. */
static ckp_code edge_arrows(model *m, const ctx *c, ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t ne = ckp_network_edge_count(net);
    char x[64], y[64];
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t u = ckp_edge_from(net, e), v = ckp_edge_to(net, e);
        if ((c->box_of && (c->box_of[u] < 0 || c->box_of[v] < 0)) ||
            (c->edge_folded && c->edge_folded[e]))
            continue;
        arrow *ar = rd_add_arrow(m, c->box_of ? c->box_of[u] : u, c->box_of ? c->box_of[v] : v,
                                 ckp_edge_volume(net, e));
        if (!ar)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        ar->cut = c->edge_cut && c->edge_cut[e];
        ar->highlight = (c->edge_added && c->edge_added[e]) ||
                        (c->edge_changed && c->edge_changed[e]);
        ar->against = ckp_node_tier(net, v) <= ckp_node_tier(net, u);
        if (ckp_network_material_count(net) > 1) {
            ar->material = ckp_edge_material(net, e);
            m->used_material[ar->material % N_MATERIAL_COLORS] = 1;
        }
        rd_mark_arrow(m, c, ar);
        double ecap = ckp_edge_capacity(net, e);
        ckp_buf_printf(&ar->tooltip, "%s → %s\nvolume: %s", ckp_node_name(net, u),
                       ckp_node_name(net, v), ckp_fmt_figure_amount(x, sizeof x, ar->volume));
        if (!isinf(ecap))
            ckp_buf_printf(&ar->tooltip, " · capacity: %s",
                           ckp_fmt_figure_amount(y, sizeof y, ecap));
        if (ar->material >= 0)
            ckp_buf_printf(&ar->tooltip, "\nmaterial: %s", ckp_material_name(net, ar->material));
        if (ar->cut)
            ckp_buf_puts(&ar->tooltip, "\ncut by the scenario");
        if (c->edge_added && c->edge_added[e])
            ckp_buf_puts(&ar->tooltip, "\nadded by the plan");
        else if (c->edge_changed && c->edge_changed[e])
            ckp_buf_puts(&ar->tooltip, "\nchanged by the plan");
    }
    return CKP_OK;
}

ckp_code rd_build_tiers(model *m, const ctx *c, ckp_error *err)
{
    ckp_code rc = node_boxes(m, c, err);
    if (!rc)
        rc = edge_arrows(m, c, err);
    return rc ? rc : rd_build_folds(m, c, err);
}
