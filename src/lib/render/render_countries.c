/*
 * The countries view of a diagram: one box per (tier, country), sized by the
 * country's share of the tier, the smallest countries of a tier in one
 * "other" box, and the flows between boxes summed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "numfmt.h"
#include "render_dot_internal.h"

typedef struct {
    igraph_integer_t tier;
    igraph_integer_t country; /* -1: "other" */
    double amount, share;
    igraph_integer_t nodes, spofs, removed, added, changed;
    double risk, shortfall, demand;
    int has_share;
} group;

typedef struct {
    igraph_integer_t from, to;
    double volume, cut_volume;
    igraph_integer_t edges, cut, added;
} group_edge;

static int by_group_pair(const void *pa, const void *pb)
{
    const group_edge *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return 0;
}

typedef struct {
    igraph_integer_t country;
    double amount;
    igraph_integer_t nodes;
    const char *code;
} tier_country;

static int by_amount_code(const void *pa, const void *pb)
{
    const tier_country *a = pa, *b = pb;
    if (a->amount != b->amount)
        return a->amount > b->amount ? -1 : 1;
    if (a->nodes != b->nodes)
        return a->nodes > b->nodes ? -1 : 1;
    return strcmp(a->code, b->code);
}

/* The boxes of a view: groups, which group each (tier, country) and each node is in. */
typedef struct {
    group *g;
    igraph_integer_t ng;
    igraph_integer_t nc;    /* countries of the network */
    igraph_integer_t *slot; /* group of (tier, country): slot[t * nc + c] */
    igraph_integer_t *gid;  /* group of each node */
} grouping;

static void start_group(grouping *gs, igraph_integer_t t, igraph_integer_t country,
                        const ckp_tier_concentration *conc)
{
    group *gr = &gs->g[gs->ng];
    memset(gr, 0, sizeof *gr);
    gr->tier = t;
    gr->country = country;
    gr->has_share = conc[t].basis != CKP_BASIS_NONE;
}

/*
 * Per tier, the countries by amount: the first `most` get a box each, unless
 * there are more, when the smallest share one "other" box. `tc` is scratch of
 * one entry per country.
 */
static void make_groups(grouping *gs, tier_country *tc, const ckp_network *net,
                        const ckp_tier_concentration *conc, igraph_integer_t most)
{
    igraph_integer_t nt = ckp_network_tier_count(net), nc = gs->nc;
    for (igraph_integer_t i = 0; i < nt * nc; i++)
        gs->slot[i] = -1;
    for (igraph_integer_t t = 0; t < nt; t++) {
        igraph_integer_t k = 0;
        for (igraph_integer_t i = 0; i < conc[t].n_countries; i++) {
            const ckp_share *s = &conc[t].countries[i];
            tc[k++] = (tier_country){s->key, conc[t].basis == CKP_BASIS_NONE ? 0 : s->amount,
                                     s->nodes, s->name};
        }
        qsort(tc, (size_t)k, sizeof *tc, by_amount_code);
        igraph_integer_t keep = k <= most ? k : most - 1;
        for (igraph_integer_t i = 0; i < keep; i++) {
            start_group(gs, t, tc[i].country, conc);
            group *gr = &gs->g[gs->ng];
            gr->amount = tc[i].amount;
            gr->share = ckp_share_of(tc[i].amount, conc[t].total);
            gs->slot[t * nc + tc[i].country] = gs->ng++;
        }
        if (k > keep) {
            /* the smallest countries of the tier share one "other" box */
            start_group(gs, t, -1, conc);
            group *gr = &gs->g[gs->ng];
            for (igraph_integer_t i = keep; i < k; i++) {
                gr->amount += tc[i].amount;
                gs->slot[t * nc + tc[i].country] = gs->ng;
            }
            gr->share = ckp_share_of(gr->amount, conc[t].total);
            gs->ng++;
        }
    }
}

/* Each node counted into its group: nodes, SPOFs, removed, changed, risk, demand, shortfall. */
static void tally_nodes(grouping *gs, const ctx *c)
{
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t gi =
            gs->slot[ckp_node_tier(net, v) * gs->nc + ckp_node_country_index(net, v)];
        group *gr = &gs->g[gi];
        igraph_integer_t av = c->amap ? c->amap[v] : v;
        gs->gid[v] = gi;
        gr->nodes++;
        if (c->node_removed && c->node_removed[v])
            gr->removed++;
        else if (av >= 0 && rd_spof_of(c, av))
            gr->spofs++;
        if (c->node_added && c->node_added[v])
            gr->added++;
        else if (c->node_changed && c->node_changed[v])
            gr->changed++;
        double r = rd_node_risk(c->a, av);
        if (r > gr->risk)
            gr->risk = r;
        if (ckp_node_tier(net, v) == last) {
            gr->demand += ckp_node_demand(net, v);
            if (c->user_short && !isnan(c->user_short[v]))
                gr->shortfall += c->user_short[v];
        }
    }
}

/* The countries in group gi's tier that the group holds (more than one for "other"). */
static igraph_integer_t group_countries(const grouping *gs, igraph_integer_t gi)
{
    igraph_integer_t k = 0;
    for (igraph_integer_t j = 0; j < gs->nc; j++)
        k += gs->slot[gs->g[gi].tier * gs->nc + j] == gi;
    return k;
}

static void group_label(ckp_buf *l, const grouping *gs, igraph_integer_t gi, const char *code,
                        int all_removed)
{
    const group *gr = &gs->g[gi];
    char x[64];
    if (code) {
        ckp_buf_puts(l, all_removed ? "<B><S>" : "<B>");
        ckp_buf_html(l, code);
        ckp_buf_puts(l, all_removed ? "</S></B>" : "</B>");
    } else {
        ckp_buf_printf(l, "<B>other (%lld countries)</B>", (long long)group_countries(gs, gi));
    }
    if (gr->has_share)
        ckp_buf_printf(l, " %.1f%%", 100 * gr->share);
    ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\">%s%s%lld node%s</FONT>",
                   gr->has_share ? ckp_fmt_figure_amount(x, sizeof x, gr->amount) : "",
                   gr->has_share ? " · " : "", (long long)gr->nodes, gr->nodes == 1 ? "" : "s");
    if (gr->removed)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\">%lld removed</FONT>",
                       (long long)gr->removed);
    if (gr->added)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ %lld added</B></FONT>",
                       (long long)gr->added);
    if (gr->changed)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ %lld changed</B></FONT>",
                       (long long)gr->changed);
    if (gr->spofs)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>⚠ %lld SPOF%s</B></FONT>",
                       (long long)gr->spofs, gr->spofs == 1 ? "" : "s");
    if (gr->shortfall > 0)
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>short %s (%.0f%%)</B></FONT>",
                       ckp_fmt_figure_amount(x, sizeof x, gr->shortfall),
                       100 * ckp_share_of(gr->shortfall, gr->demand));
}

static void group_tooltip(ckp_buf *t, const group *gr, const char *code, const ctx *c)
{
    const ckp_network *net = c->net;
    char x[64], y[64];
    ckp_buf_printf(t, "%s, %s\n", ckp_network_tier_name(net, gr->tier),
                   code ? code : "other countries");
    ckp_buf_printf(t, "%lld node%s", (long long)gr->nodes, gr->nodes == 1 ? "" : "s");
    if (gr->has_share)
        ckp_buf_printf(t, " · %s (%s) · %.1f%% of the tier",
                       ckp_fmt_figure_amount(x, sizeof x, gr->amount),
                       ckp_basis_name(c->conc[gr->tier].basis), 100 * gr->share);
    if (gr->spofs)
        ckp_buf_printf(t, "\nsingle points of failure: %lld", (long long)gr->spofs);
    if (gr->risk > 0)
        ckp_buf_printf(t, "\nlargest flow at risk of one node: %s",
                       ckp_fmt_figure_amount(x, sizeof x, gr->risk));
    if (gr->tier == ckp_network_tier_count(net) - 1)
        ckp_buf_printf(t, "\ndemand: %s", ckp_fmt_figure_amount(y, sizeof y, gr->demand));
}

/* One box per group: its marks, fill, label and tooltip. */
static ckp_code group_boxes(model *m, const grouping *gs, const ctx *c, ckp_error *err)
{
    const ckp_network *net = c->net;
    for (igraph_integer_t gi = 0; gi < gs->ng; gi++) {
        const group *gr = &gs->g[gi];
        const char *code = gr->country >= 0 ? ckp_network_country_name(net, gr->country) : NULL;
        box *b = rd_add_box(m, gr->tier);
        if (!b)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        int all_removed = gr->removed == gr->nodes;
        b->removed = all_removed;
        b->spof = gr->spofs > 0;
        b->highlight = gr->added || gr->changed;
        b->faded = all_removed || (c->node_added && !b->highlight);
        /* compact, for a small page: the height of two lines of text at least, half the rise */
        int compact = c->lay && c->lay->compact;
        b->height = !gr->has_share ? 0 : compact ? 0.4 + 1.0 * gr->share : 0.5 + 2.0 * gr->share;
        if (all_removed) {
            snprintf(b->fill, sizeof b->fill, "%s", REMOVED_FILL);
            m->used_removed = 1;
        } else {
            rd_fill_box(m, c, b, gr->country, gr->risk, b->faded);
            /* list the countries merged into "other" in the legend */
            for (igraph_integer_t k = 0; !code && k < gs->nc; k++)
                if (gs->slot[gr->tier * gs->nc + k] == gi && c->o->color == CKP_COLOR_BY_COUNTRY)
                    rd_note_country(m, c->pal, net, k);
        }
        rd_note_box(m, b);
        if (gr->shortfall > 0) {
            b->short_ = 1;
            m->used_short = 1;
        }
        group_label(&b->label, gs, gi, code, all_removed);
        group_tooltip(&b->tooltip, gr, code, c);
    }
    return CKP_OK;
}

/* One arrow per pair of groups that edges join, their volumes summed. `ge`: one per edge. */
static ckp_code group_arrows(model *m, const grouping *gs, group_edge *ge, const ctx *c,
                             ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t ne = ckp_network_edge_count(net), nge = 0;
    char x[64], y[64];
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t gu = gs->gid[ckp_edge_from(net, e)], gv = gs->gid[ckp_edge_to(net, e)];
        if (gu == gv)
            continue;
        int cut = c->edge_cut && c->edge_cut[e];
        double vol = ckp_edge_volume(net, e);
        ge[nge++] = (group_edge){gu, gv, vol, cut ? vol : 0, 1, cut,
                                 c->edge_added && c->edge_added[e]};
    }
    qsort(ge, (size_t)nge, sizeof *ge, by_group_pair);
    for (igraph_integer_t i = 0; i < nge;) {
        group_edge s = ge[i++];
        while (i < nge && ge[i].from == s.from && ge[i].to == s.to) {
            s.volume += ge[i].volume;
            s.cut_volume += ge[i].cut_volume;
            s.edges += ge[i].edges;
            s.cut += ge[i].cut;
            s.added += ge[i].added;
            i++;
        }
        arrow *ar = rd_add_arrow(m, s.from, s.to, s.volume);
        if (!ar)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        ar->cut = s.cut == s.edges;
        ar->highlight = s.added > 0;
        ar->against = gs->g[s.to].tier <= gs->g[s.from].tier;
        rd_mark_arrow(m, c, ar);
        ckp_buf_printf(&ar->tooltip, "%lld edge%s, volume %s", (long long)s.edges,
                       s.edges == 1 ? "" : "s", ckp_fmt_figure_amount(x, sizeof x, s.volume));
        if (s.cut)
            ckp_buf_printf(&ar->tooltip, "\n%lld cut by the scenario (volume %s)",
                           (long long)s.cut, ckp_fmt_figure_amount(y, sizeof y, s.cut_volume));
        if (s.added)
            ckp_buf_printf(&ar->tooltip, "\n%lld added by the plan", (long long)s.added);
    }
    return CKP_OK;
}

ckp_code rd_build_countries(model *m, const ctx *c, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t nt = ckp_network_tier_count(net), nc = ckp_network_country_count(net);
    grouping gs;
    gs.ng = 0;
    gs.nc = nc;
    gs.gid = malloc((size_t)(n ? n : 1) * sizeof *gs.gid);
    gs.slot = malloc((size_t)(nt * nc > 0 ? nt * nc : 1) * sizeof *gs.slot);
    gs.g = malloc((size_t)(nt * (GROUPS_PER_TIER + 1) + 1) * sizeof *gs.g);
    tier_country *tc = malloc((size_t)(nc ? nc : 1) * sizeof *tc);
    group_edge *ge = malloc((size_t)(ne ? ne : 1) * sizeof *ge);
    if (!gs.gid || !gs.slot || !gs.g || !tc || !ge) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    make_groups(&gs, tc, net, c->conc,
                c->lay && c->lay->compact ? COMPACT_GROUPS : GROUPS_PER_TIER);
    tally_nodes(&gs, c);
    if ((rc = group_boxes(m, &gs, c, err)))
        goto done;
    rc = group_arrows(m, &gs, ge, c, err);
done:
    free(gs.gid);
    free(gs.slot);
    free(gs.g);
    free(tc);
    free(ge);
    return rc;
}
