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

/* ---- countries view: one box per (tier, country) ---------------------------------------- */

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

ckp_code rd_build_countries(model *m, const ctx *c, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    const ckp_network *net = c->net;
    const ckp_analysis *a = c->a;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t nt = ckp_network_tier_count(net), nc = ckp_network_country_count(net);
    igraph_integer_t last = nt - 1;
    const ckp_tier_concentration *conc = c->conc;
    igraph_integer_t *gid = malloc((size_t)(n ? n : 1) * sizeof *gid);
    /* group of (tier, country): slot[t * nc + c] */
    igraph_integer_t *slot = malloc((size_t)(nt * nc > 0 ? nt * nc : 1) * sizeof *slot);
    tier_country *tc = malloc((size_t)(nc ? nc : 1) * sizeof *tc);
    group *g = malloc((size_t)(nt * (GROUPS_PER_TIER + 1) + 1) * sizeof *g);
    group_edge *ge = malloc((size_t)(ne ? ne : 1) * sizeof *ge);
    igraph_integer_t ng = 0, nge = 0;
    char x[64], y[64];
    if (!gid || !slot || !tc || !g || !ge) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t i = 0; i < nt * nc; i++)
        slot[i] = -1;
    for (igraph_integer_t t = 0; t < nt; t++) {
        igraph_integer_t k = 0;
        for (igraph_integer_t i = 0; i < conc[t].n_countries; i++) {
            const ckp_share *s = &conc[t].countries[i];
            tc[k++] = (tier_country){s->key, conc[t].basis == CKP_BASIS_NONE ? 0 : s->amount,
                                     s->nodes, s->name};
        }
        qsort(tc, (size_t)k, sizeof *tc, by_amount_code);
        igraph_integer_t keep = k <= GROUPS_PER_TIER ? k : GROUPS_PER_TIER - 1;
        for (igraph_integer_t i = 0; i < keep; i++) {
            group *gr = &g[ng];
            memset(gr, 0, sizeof *gr);
            gr->tier = t;
            gr->country = tc[i].country;
            gr->has_share = conc[t].basis != CKP_BASIS_NONE;
            gr->amount = tc[i].amount;
            gr->share = ckp_share_of(tc[i].amount, conc[t].total);
            slot[t * nc + tc[i].country] = ng++;
        }
        if (k > keep) {
            /* the smallest countries of the tier share one "other" box */
            group *gr = &g[ng];
            memset(gr, 0, sizeof *gr);
            gr->tier = t;
            gr->country = -1;
            gr->has_share = conc[t].basis != CKP_BASIS_NONE;
            for (igraph_integer_t i = keep; i < k; i++) {
                gr->amount += tc[i].amount;
                slot[t * nc + tc[i].country] = ng;
            }
            gr->share = ckp_share_of(gr->amount, conc[t].total);
            ng++;
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t gi = slot[ckp_node_tier(net, v) * nc + ckp_node_country_index(net, v)];
        group *gr = &g[gi];
        igraph_integer_t av = c->amap ? c->amap[v] : v;
        gid[v] = gi;
        gr->nodes++;
        if (c->node_removed && c->node_removed[v])
            gr->removed++;
        else if (av >= 0 && rd_spof_of(c, av))
            gr->spofs++;
        if (c->node_added && c->node_added[v])
            gr->added++;
        else if (c->node_changed && c->node_changed[v])
            gr->changed++;
        double r = rd_node_risk(a, av);
        if (r > gr->risk)
            gr->risk = r;
        if (ckp_node_tier(net, v) == last) {
            gr->demand += ckp_node_demand(net, v);
            if (c->user_short && !isnan(c->user_short[v]))
                gr->shortfall += c->user_short[v];
        }
    }
    for (igraph_integer_t gi = 0; gi < ng; gi++) {
        group *gr = &g[gi];
        const char *code = gr->country >= 0 ? ckp_network_country_name(net, gr->country) : NULL;
        box *b = rd_add_box(m, gr->tier);
        if (!b) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        int all_removed = gr->removed == gr->nodes;
        b->removed = all_removed;
        b->spof = gr->spofs > 0;
        b->highlight = gr->added || gr->changed;
        b->faded = all_removed || (c->node_added && !b->highlight);
        b->height = gr->has_share ? 0.5 + 2.0 * gr->share : 0;
        if (all_removed) {
            snprintf(b->fill, sizeof b->fill, "%s", REMOVED_FILL);
            m->used_removed = 1;
        } else {
            rd_fill_box(m, c, b, gr->country, gr->risk, b->faded);
            /* list the countries merged into "other" in the legend */
            for (igraph_integer_t k = 0; !code && k < nc; k++)
                if (slot[gr->tier * nc + k] == gi && c->o->color == CKP_COLOR_BY_COUNTRY)
                    rd_note_country(m, c->pal, net, k);
        }
        if (b->highlight)
            m->used_highlight = 1;
        if (b->spof)
            m->used_spof = 1;
        ckp_buf *l = &b->label;
        if (code) {
            ckp_buf_puts(l, all_removed ? "<B><S>" : "<B>");
            ckp_buf_html(l, code);
            ckp_buf_puts(l, all_removed ? "</S></B>" : "</B>");
        } else {
            igraph_integer_t k = 0;
            for (igraph_integer_t j = 0; j < nc; j++)
                k += slot[gr->tier * nc + j] == gi;
            ckp_buf_printf(l, "<B>other (%lld countries)</B>", (long long)k);
        }
        if (gr->has_share)
            ckp_buf_printf(l, " %.1f%%", 100 * gr->share);
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\">%s%s%lld node%s</FONT>",
                        gr->has_share ? ckp_fmt_figure_amount(x, sizeof x, gr->amount) : "",
                        gr->has_share ? " · " : "", (long long)gr->nodes,
                        gr->nodes == 1 ? "" : "s");
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
        if (gr->shortfall > 0) {
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>short %s (%.0f%%)</B></FONT>",
                            ckp_fmt_figure_amount(x, sizeof x, gr->shortfall),
                            100 * ckp_share_of(gr->shortfall, gr->demand));
            b->short_ = 1;
            m->used_short = 1;
        }
        ckp_buf *t = &b->tooltip;
        ckp_buf_printf(t, "%s, %s\n", ckp_network_tier_name(net, gr->tier),
                        code ? code : "other countries");
        ckp_buf_printf(t, "%lld node%s", (long long)gr->nodes, gr->nodes == 1 ? "" : "s");
        if (gr->has_share)
            ckp_buf_printf(t, " · %s (%s) · %.1f%% of the tier",
                            ckp_fmt_figure_amount(x, sizeof x, gr->amount),
                            ckp_basis_name(conc[gr->tier].basis), 100 * gr->share);
        if (gr->spofs)
            ckp_buf_printf(t, "\nsingle points of failure: %lld", (long long)gr->spofs);
        if (gr->risk > 0)
            ckp_buf_printf(t, "\nlargest flow at risk of one node: %s",
                            ckp_fmt_figure_amount(x, sizeof x, gr->risk));
        if (gr->tier == last)
            ckp_buf_printf(t, "\ndemand: %s", ckp_fmt_figure_amount(y, sizeof y, gr->demand));
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t gu = gid[ckp_edge_from(net, e)], gv = gid[ckp_edge_to(net, e)];
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
        if (!ar) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        ar->cut = s.cut == s.edges;
        ar->highlight = s.added > 0;
        ar->faded = c->edge_added && !ar->highlight;
        ar->against = g[s.to].tier <= g[s.from].tier;
        if (ar->cut)
            m->used_cut = 1;
        if (ar->highlight)
            m->used_highlight = 1;
        if (!(ar->volume > 0) && !ar->cut)
            m->used_zero = 1;
        ckp_buf_printf(&ar->tooltip, "%lld edge%s, volume %s", (long long)s.edges,
                        s.edges == 1 ? "" : "s", ckp_fmt_figure_amount(x, sizeof x, s.volume));
        if (s.cut)
            ckp_buf_printf(&ar->tooltip, "\n%lld cut by the scenario (volume %s)",
                            (long long)s.cut, ckp_fmt_figure_amount(y, sizeof y, s.cut_volume));
        if (s.added)
            ckp_buf_printf(&ar->tooltip, "\n%lld added by the plan", (long long)s.added);
    }
done:
    free(gid);
    free(slot);
    free(tc);
    free(g);
    free(ge);
    return rc;
}
