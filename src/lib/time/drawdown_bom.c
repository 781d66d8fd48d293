/*
 * The immediate view over time on a network with materials (see drawdown.h):
 * the per-material propagation of the annual immediate view (views_bom.c: a
 * recipe node keeps its scarcest input's share, co-products scaled by their
 * yields, a pass-through node each material's own share) run as rates with
 * stocks. A node's stock is of one material, as the reallocated view's LP
 * reads it (bom_lp.c): a node that makes something holds its first yield
 * (its output), any other node the material it sends. While it lasts, the
 * node's out-edges of that material keep their unshocked shares, the stock
 * drawn at the rate of the difference; its other outputs fall with its
 * inputs. An end user's stock is of what it is served, as with one material.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "drawdown.h"
#include "network_internal.h"
#include "views_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

typedef struct {
    ckp_drawdown_model base;   /* first: the event loop's view */
    const ckp_network *net;
    ckp_csr csr;
    ckp_bom_scratch pm;
    igraph_integer_t n, last;
    igraph_integer_t *order;   /* nodes by tier */
    double *ef;                /* per edge: the share of its recorded volume it carries */
    double *floor;             /* per edge: its unshocked share, kept from stock */
    double *used;              /* per node: see ckp_bom_node_step */
    char *gone, *edge_gone;
    double *cap, *stock;
    igraph_integer_t *material; /* per node: what its stock is of, -1 none */
    double *out_rec;           /* per node: its recorded outflow of that material */
    ckp_node_queue q;
} bsim;

static int holds(const ckp_drawdown_model *m, igraph_integer_t v)
{
    const bsim *s = (const bsim *)m;
    return s->stock[v] > 0 && !s->gone[v] && s->out_rec[v] > 0 && s->net->node_tier[v] != s->last;
}

/* Node v stepped: its out-edges' shares, what it draws from stock (per year) into `draw`. */
static double step(bsim *s, igraph_integer_t v, double *draw)
{
    ckp_bom_keep keep = {s->material[v], s->floor, 0};
    int kept = holds(&s->base, v);
    double drop = ckp_bom_node_step(s->ef, &s->used[v], &s->pm, s->net, &s->csr, v, s->gone,
                                    s->edge_gone, s->cap[v], kept ? &keep : NULL);
    if (draw)
        *draw = keep.draw;
    return drop;
}

/* Shares down to the greatest fixed point below the current ones, from the queued nodes. */
static void settle(ckp_drawdown_model *m)
{
    bsim *s = (bsim *)m;
    for (igraph_integer_t v; (v = ckp_node_queue_pop(&s->q)) >= 0;) {
        if (step(s, v, NULL) <= CKP_VIEWS_TOLERANCE)
            continue;
        for (igraph_integer_t k = s->csr.out_off[v]; k < s->csr.out_off[v + 1]; k++)
            ckp_node_queue_push(&s->q, s->net->edge_to[s->csr.out_edge[k]]);
    }
}

/* Every share at 1, every node queued by tier (upstream first), settled. */
static void restart(bsim *s)
{
    for (igraph_integer_t e = 0; e < s->net->n_edges; e++)
        s->ef[e] = 1;
    for (igraph_integer_t i = 0; i < s->n; i++)
        ckp_node_queue_push(&s->q, s->order[i]);
    settle(&s->base);
}

static double draw(ckp_drawdown_model *m, igraph_integer_t v)
{
    double d = 0;
    if (holds(m, v))
        step((bsim *)m, v, &d);
    return d;
}

/* An end user's served: min(demand, capacity, what its inputs make or bring). */
static double arriving(ckp_drawdown_model *m, igraph_integer_t u)
{
    bsim *s = (bsim *)m;
    if (s->gone[u])
        return 0;
    step(s, u, NULL);
    double d = ckp_node_demand(s->net, u);
    d = s->cap[u] < d ? s->cap[u] : d;
    return s->used[u] < d ? s->used[u] : d;
}

static void ran_out(ckp_drawdown_model *m, igraph_integer_t v)
{
    ckp_node_queue_push(&((bsim *)m)->q, v);
}

static void bsim_free(ckp_drawdown_model *m)
{
    bsim *s = (bsim *)m;
    if (!s)
        return;
    ckp_csr_destroy(&s->csr);
    ckp_bom_scratch_destroy(&s->pm);
    free(s->order);
    free(s->ef);
    free(s->floor);
    free(s->used);
    free(s->gone);
    free(s->edge_gone);
    free(s->cap);
    free(s->stock);
    free(s->material);
    free(s->out_rec);
    ckp_node_queue_destroy(&s->q);
    free(s);
}

/* What node v's stock is of (bom_lp.c's stock column): -1 for an end user or no edge. */
static igraph_integer_t stock_material(const ckp_network *net, const ckp_csr *g,
                                       igraph_integer_t v)
{
    const igraph_integer_t *ym;
    igraph_integer_t nr = ckp_node_recipe(net, v, CKP_RECIPE_INPUT, NULL, NULL);
    igraph_integer_t ny = ckp_node_recipe(net, v, CKP_RECIPE_YIELD, &ym, NULL);
    if (net->node_tier[v] == net->tiers.count - 1)
        return -1;
    if (net->node_tier[v] == 0 || (nr && ny))
        return ny ? ym[0] : 0;
    if (g->out_off[v] < g->out_off[v + 1])
        return ckp_edge_material(net, g->out_edge[g->out_off[v]]);
    return -1;
}

static ckp_code bsim_alloc(bsim *s, const ckp_network *net, ckp_error *err)
{
    size_t nn = (size_t)(net->n_nodes ? net->n_nodes : 1);
    size_t ne = (size_t)(net->n_edges ? net->n_edges : 1);
    ckp_code rc = ckp_csr_build(&s->csr, net, err);
    if (rc)
        return rc;
    s->net = net;
    s->n = net->n_nodes;
    s->last = net->tiers.count - 1;
    s->order = ckp_bom_tier_order(net);
    s->ef = malloc(ne * sizeof *s->ef);
    s->floor = malloc(ne * sizeof *s->floor);
    s->used = calloc(nn, sizeof *s->used);
    s->gone = calloc(nn, 1);
    s->edge_gone = calloc(ne, 1);
    s->cap = malloc(nn * sizeof *s->cap);
    s->stock = calloc(nn, sizeof *s->stock);
    s->material = malloc(nn * sizeof *s->material);
    s->out_rec = calloc(nn, sizeof *s->out_rec);
    int queue = ckp_node_queue_init(&s->q, net->n_nodes);
    if (ckp_bom_scratch_init(&s->pm, net) < 0 || !s->order || !s->ef || !s->floor ||
        !s->used || !s->gone || !s->edge_gone || !s->cap || !s->stock || !s->material ||
        !s->out_rec || queue < 0)
        return NOMEM(err);
    s->base = (ckp_drawdown_model){s->stock, s->gone, holds, draw, arriving, ran_out, settle,
                                   bsim_free};
    return CKP_OK;
}

/* The shock read back on the baseline's indices: lost nodes and edges, capacities, stocks. */
static void bsim_shock(bsim *s, const ckp_network *sh)
{
    const ckp_network *net = s->net;
    igraph_integer_t *map = s->q.item; /* free until the restart */
    for (igraph_integer_t v = 0; v < s->n; v++) {
        igraph_integer_t w = ckp_network_find(sh, ckp_node_id(net, v));
        double st = w < 0 ? 0 : ckp_node_stock(sh, w);
        map[v] = w;
        s->gone[v] = w < 0;
        s->cap[v] = w < 0 ? 0 : ckp_node_capacity(sh, w);
        s->stock[v] = st > 0 ? st : 0;
    }
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        igraph_integer_t a = map[net->edge_from[e]], b = map[net->edge_to[e]];
        s->edge_gone[e] = a < 0 || b < 0 ||
                          ckp_network_find_edge_material(sh, a, b, ckp_edge_material(net, e)) < 0;
    }
    restart(s);
}

ckp_code ckp_drawdown_bom_model(ckp_drawdown_model **out, ckp_drawdown *d,
                                const ckp_network *net, const ckp_network *shocked,
                                ckp_error *err)
{
    bsim *s = calloc(1, sizeof *s);
    ckp_code rc;
    *out = NULL;
    if (!s)
        return NOMEM(err);
    if ((rc = bsim_alloc(s, net, err))) {
        bsim_free(&s->base);
        return rc;
    }
    for (igraph_integer_t v = 0; v < s->n; v++) {
        s->cap[v] = net->node_capacity[v];
        s->material[v] = stock_material(net, &s->csr, v);
    }
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        igraph_integer_t v = net->edge_from[e];
        d->has_volumes |= net->edge_volume[e] > 0;
        if (ckp_edge_material(net, e) == s->material[v] && net->edge_volume[e] > 0)
            s->out_rec[v] += net->edge_volume[e];
    }
    /* unshocked, no stock: the shares kept from stock, the end users' rates */
    restart(s);
    memcpy(s->floor, s->ef, (size_t)(net->n_edges ? net->n_edges : 1) * sizeof *s->ef);
    for (igraph_integer_t i = 0; i < d->n_users; i++)
        d->rate[d->users[i]] = arriving(&s->base, d->users[i]);
    if (d->has_volumes)
        bsim_shock(s, shocked);
    *out = &s->base;
    return CKP_OK;
}
