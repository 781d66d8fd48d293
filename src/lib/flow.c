/*
 * Maximum flow on the node-split network, by Dinic's algorithm with an
 * iterative depth-first search (no recursion: a long chain of nodes must not
 * overflow the stack). The residual graph is built once; removals and
 * capacity changes only change arc capacities, so one ckp_flow serves many
 * solves (every node's flow at risk, every scenario).
 */
#include "chokepoint/flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network_internal.h"

struct ckp_flow {
    const ckp_network *net;
    igraph_integer_t n;         /* nodes of the network */
    igraph_integer_t nv;        /* vertices: 2n + 2 */
    igraph_integer_t na;        /* arcs, each with its reverse */
    igraph_integer_t s, t;
    igraph_integer_t *first;    /* CSR offsets into arcs by tail, nv + 1 */
    igraph_integer_t *head;
    igraph_integer_t *rev;
    double *res;                /* residual capacity */
    double *cap;                /* capacity of the last solve */
    igraph_integer_t *node_arc; /* in_i -> out_i */
    igraph_integer_t *sink_arc; /* out_u -> t, -1 when u is not an end user */
    igraph_integer_t *edge_arc; /* out_a -> in_b */
    char *node_removed;
    char *edge_removed;
    double *node_cap;
    double eps;
    /* scratch for Dinic */
    igraph_integer_t *level, *cur, *queue, *path;
};

#define IN(i) (2 * (i))
#define OUT(i) (2 * (i) + 1)

double ckp_round_flow(double v)
{
    if (!isfinite(v) || v == 0)
        return v == 0 ? 0 : v;
    char buf[32];
    snprintf(buf, sizeof buf, "%.12g", v);
    double r = strtod(buf, NULL);
    return r == 0 ? 0 : r; /* no negative zero */
}

/* Append an arc a -> b and its reverse; returns the arc's index. */
static igraph_integer_t add_arc(igraph_integer_t *tail, igraph_integer_t *head,
                                igraph_integer_t *k, igraph_integer_t a, igraph_integer_t b)
{
    igraph_integer_t i = *k;
    tail[i] = a;
    head[i] = b;
    tail[i + 1] = b;
    head[i + 1] = a;
    *k += 2;
    return i;
}

void ckp_flow_free(ckp_flow *f)
{
    if (!f)
        return;
    free(f->first);
    free(f->head);
    free(f->rev);
    free(f->res);
    free(f->cap);
    free(f->node_arc);
    free(f->sink_arc);
    free(f->edge_arc);
    free(f->node_removed);
    free(f->edge_removed);
    free(f->node_cap);
    free(f->level);
    free(f->cur);
    free(f->queue);
    free(f->path);
    free(f);
}

ckp_code ckp_flow_new(ckp_flow **out, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, m = net->n_edges, last = net->tiers.count - 1;
    igraph_integer_t *tail = NULL, *fill = NULL;
    ckp_flow *f = calloc(1, sizeof *f);
    *out = NULL;
    if (!f)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    f->net = net;
    f->n = n;
    f->nv = 2 * n + 2;
    f->s = 2 * n;
    f->t = 2 * n + 1;
    igraph_integer_t logical = n + m; /* internal arcs and edges */
    for (igraph_integer_t i = 0; i < n; i++)
        logical += (net->node_tier[i] == 0) + (net->node_tier[i] == last);
    f->na = 2 * logical;
    size_t nv = (size_t)f->nv, na = (size_t)(f->na ? f->na : 1), nn = (size_t)(n ? n : 1),
           nm = (size_t)(m ? m : 1);
    f->first = calloc(nv + 1, sizeof *f->first);
    f->head = malloc(na * sizeof *f->head);
    f->rev = malloc(na * sizeof *f->rev);
    f->res = malloc(na * sizeof *f->res);
    f->cap = malloc(na * sizeof *f->cap);
    f->node_arc = malloc(nn * sizeof *f->node_arc);
    f->sink_arc = malloc(nn * sizeof *f->sink_arc);
    f->edge_arc = malloc(nm * sizeof *f->edge_arc);
    f->node_removed = calloc(nn, 1);
    f->edge_removed = calloc(nm, 1);
    f->node_cap = malloc(nn * sizeof *f->node_cap);
    f->level = malloc(nv * sizeof *f->level);
    f->cur = malloc(nv * sizeof *f->cur);
    f->queue = malloc(nv * sizeof *f->queue);
    f->path = malloc(nv * sizeof *f->path);
    tail = malloc(na * sizeof *tail);
    fill = malloc((nv + 1) * sizeof *fill);
    if (!f->first || !f->head || !f->rev || !f->res || !f->cap || !f->node_arc ||
        !f->sink_arc || !f->edge_arc || !f->node_removed || !f->edge_removed || !f->node_cap ||
        !f->level || !f->cur || !f->queue || !f->path || !tail || !fill) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    /* logical arcs in a fixed order: nodes (with their source and sink arcs), then edges */
    igraph_integer_t k = 0;
    double scale = 1;
    for (igraph_integer_t i = 0; i < n; i++) {
        f->node_cap[i] = net->node_capacity[i];
        f->node_arc[i] = add_arc(tail, f->head, &k, IN(i), OUT(i));
        if (net->node_tier[i] == 0)
            add_arc(tail, f->head, &k, f->s, IN(i));
        f->sink_arc[i] = net->node_tier[i] == last ? add_arc(tail, f->head, &k, OUT(i), f->t) : -1;
        if (isfinite(net->node_capacity[i]) && net->node_capacity[i] > scale)
            scale = net->node_capacity[i];
        double d = net->node_tier[i] == last ? ckp_node_demand(net, i) : 0;
        if (d > scale)
            scale = d;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        f->edge_arc[e] = add_arc(tail, f->head, &k, OUT(net->edge_from[e]), IN(net->edge_to[e]));
        if (isfinite(net->edge_capacity[e]) && net->edge_capacity[e] > scale)
            scale = net->edge_capacity[e];
    }
    /* flows below this are rounding noise */
    f->eps = scale * 1e-12;
    /*
     * Sort arcs by tail (counting sort) into CSR order. `perm` maps a logical
     * arc to its CSR slot; the bookkeeping arrays are renumbered through it.
     */
    igraph_integer_t *perm = malloc(na * sizeof *perm);
    igraph_integer_t *head = malloc(na * sizeof *head);
    if (!perm || !head) {
        free(perm);
        free(head);
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t a = 0; a < f->na; a++)
        f->first[tail[a] + 1]++;
    for (igraph_integer_t v = 0; v < f->nv; v++)
        f->first[v + 1] += f->first[v];
    memcpy(fill, f->first, (nv + 1) * sizeof *fill);
    for (igraph_integer_t a = 0; a < f->na; a++)
        perm[a] = fill[tail[a]]++;
    for (igraph_integer_t a = 0; a < f->na; a++) {
        head[perm[a]] = f->head[a];
        f->rev[perm[a]] = perm[a ^ 1];
    }
    memcpy(f->head, head, na * sizeof *head);
    free(head);
    for (igraph_integer_t i = 0; i < n; i++) {
        f->node_arc[i] = perm[f->node_arc[i]];
        if (f->sink_arc[i] >= 0)
            f->sink_arc[i] = perm[f->sink_arc[i]];
    }
    for (igraph_integer_t e = 0; e < m; e++)
        f->edge_arc[e] = perm[f->edge_arc[e]];
    free(perm);
    *out = f;
    f = NULL;
done:
    free(tail);
    free(fill);
    ckp_flow_free(f);
    return rc;
}

void ckp_flow_remove_node(ckp_flow *f, igraph_integer_t node, int removed)
{
    f->node_removed[node] = (char)(removed != 0);
}

void ckp_flow_remove_edge(ckp_flow *f, igraph_integer_t edge, int removed)
{
    f->edge_removed[edge] = (char)(removed != 0);
}

void ckp_flow_set_node_capacity(ckp_flow *f, igraph_integer_t node, double capacity)
{
    f->node_cap[node] = capacity;
}

/* Forward arcs are those with a tail-to-head meaning; their reverses start at 0. */
static void set_arc(ckp_flow *f, igraph_integer_t a, double cap)
{
    f->cap[a] = cap;
    f->res[a] = cap;
    f->cap[f->rev[a]] = 0;
    f->res[f->rev[a]] = 0;
}

/*
 * Capacities for a solve. unit: vertex connectivity (every node but the
 * target costs 1 to cut, edges cannot be cut).
 */
static void set_capacities(ckp_flow *f, igraph_integer_t end_user, int unit)
{
    const ckp_network *net = f->net;
    for (igraph_integer_t i = 0; i < f->n; i++) {
        double c = f->node_removed[i] ? 0 : unit ? (i == end_user ? INFINITY : 1)
                                                 : f->node_cap[i];
        set_arc(f, f->node_arc[i], c);
        if (f->sink_arc[i] >= 0) {
            double d = end_user >= 0 && i != end_user ? 0
                       : unit                         ? INFINITY
                                                      : ckp_node_demand(net, i);
            set_arc(f, f->sink_arc[i], d);
        }
    }
    /* source arcs: every arc leaving s */
    for (igraph_integer_t a = f->first[f->s]; a < f->first[f->s + 1]; a++)
        set_arc(f, a, INFINITY);
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        set_arc(f, f->edge_arc[e], f->edge_removed[e] ? 0 : unit ? INFINITY
                                                                 : net->edge_capacity[e]);
}

static int bfs(ckp_flow *f)
{
    for (igraph_integer_t v = 0; v < f->nv; v++)
        f->level[v] = -1;
    igraph_integer_t qh = 0, qt = 0;
    f->level[f->s] = 0;
    f->queue[qt++] = f->s;
    while (qh < qt) {
        igraph_integer_t v = f->queue[qh++];
        for (igraph_integer_t a = f->first[v]; a < f->first[v + 1]; a++) {
            igraph_integer_t w = f->head[a];
            if (f->level[w] < 0 && f->res[a] > f->eps) {
                f->level[w] = f->level[v] + 1;
                f->queue[qt++] = w;
            }
        }
    }
    return f->level[f->t] >= 0;
}

/* One blocking flow in the level graph; returns the flow added. */
static double blocking_flow(ckp_flow *f)
{
    double total = 0;
    igraph_integer_t depth = 0, v = f->s;
    memcpy(f->cur, f->first, (size_t)f->nv * sizeof *f->cur);
    for (;;) {
        if (v == f->t) {
            double b = INFINITY;
            for (igraph_integer_t i = 0; i < depth; i++)
                if (f->res[f->path[i]] < b)
                    b = f->res[f->path[i]];
            igraph_integer_t cut = -1;
            for (igraph_integer_t i = 0; i < depth; i++) {
                igraph_integer_t a = f->path[i];
                f->res[a] -= b;
                f->res[f->rev[a]] += b;
                if (cut < 0 && f->res[a] <= f->eps)
                    cut = i;
            }
            total += b;
            /* resume from the tail of the first saturated arc */
            depth = cut;
            v = f->head[f->rev[f->path[cut]]];
            continue;
        }
        igraph_integer_t a = f->cur[v];
        for (; a < f->first[v + 1]; a++) {
            igraph_integer_t w = f->head[a];
            if (f->res[a] > f->eps && f->level[w] == f->level[v] + 1)
                break;
        }
        f->cur[v] = a;
        if (a < f->first[v + 1]) {
            f->path[depth++] = a;
            v = f->head[a];
            continue;
        }
        /* dead end: retreat */
        f->level[v] = -1;
        if (v == f->s)
            break;
        igraph_integer_t back = f->path[--depth];
        v = f->head[f->rev[back]];
        f->cur[v]++;
    }
    return total;
}

static double max_flow(ckp_flow *f)
{
    double total = 0;
    while (bfs(f))
        total += blocking_flow(f);
    return total;
}

double ckp_flow_solve(ckp_flow *f, igraph_integer_t end_user)
{
    set_capacities(f, end_user, 0);
    return ckp_round_flow(max_flow(f));
}

igraph_integer_t ckp_flow_vertex_connectivity(ckp_flow *f, igraph_integer_t end_user)
{
    set_capacities(f, end_user, 1);
    return (igraph_integer_t)llround(max_flow(f));
}

double ckp_flow_node(const ckp_flow *f, igraph_integer_t node)
{
    /* a reverse arc's residual is the net flow on its forward arc */
    return ckp_round_flow(f->res[f->rev[f->node_arc[node]]]);
}

double ckp_flow_edge(const ckp_flow *f, igraph_integer_t edge)
{
    return ckp_round_flow(f->res[f->rev[f->edge_arc[edge]]]);
}

double ckp_flow_delivered(const ckp_flow *f, igraph_integer_t end_user)
{
    igraph_integer_t a = f->sink_arc[end_user];
    return a < 0 ? 0 : ckp_round_flow(f->res[f->rev[a]]);
}
