/*
 * The most a set G of end users receives at a maximum flow, f(G) = the
 * maximum flow to G's end users alone, from the kept baseline x (a maximum
 * flow to every end user) instead of a solve from scratch.
 *
 * A maximum flow to G alone differs from x by a flow in x's residual graph
 * whose sources are the other end users (their delivery, taken back through
 * their sink arcs) and whose sinks are G's sink arcs with demand left: no
 * residual path starts at the super-source, since x is maximal. So f(G) =
 * x(G) + the maximum flow from the other end users to G (Ford and Fulkerson
 * 1956), found by augmenting paths along breadth-first searches that start
 * at G and walk the residual arcs backwards: they touch only the part of the
 * network that could feed G, usually a few suppliers and their other
 * customers. A search that runs past its work budget (a set with much demand
 * unmet and far to look, a whole country) falls back to a solve from scratch.
 *
 * The loss when G's demand is taken out, f(S) - f(S \ G), is the mirror
 * image: G's delivery taken back is what the other end users may gain, so
 * the searches run forwards from G to their sink arcs with demand left, and
 * the loss is x(G) less what they reroute. What cannot be rerouted returns
 * to the source along the flow that brought it, which changes no figure.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow_internal.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

typedef struct {
    const ckp_flow *g;
    double *res;                /* the baseline's residuals, changed by one set at a time */
    int32_t *parent;            /* per vertex: the arc its path to G starts with */
    int32_t *queue;
    uint32_t *mark, stamp;      /* vertices seen by the current search */
    char *in_set;               /* per node: in the set being computed */
    int32_t *found;             /* the sources a search reached, in its order */
    int32_t *touched;           /* arcs whose residuals changed */
    size_t n_touched, cap_touched;
    int losses;                 /* 0: the set's most; 1: the set's loss */
    int oom, unbounded;
} most_work;

static void work_destroy(most_work *w)
{
    free(w->res);
    free(w->parent);
    free(w->queue);
    free(w->mark);
    free(w->in_set);
    free(w->found);
    free(w->touched);
}

static int work_init(most_work *w, const ckp_flow *g)
{
    size_t nv = (size_t)g->nv, na = (size_t)(g->na ? g->na : 1), nn = (size_t)(g->n ? g->n : 1);
    memset(w, 0, sizeof *w);
    w->g = g;
    w->res = malloc(na * sizeof *w->res);
    w->parent = malloc(nv * sizeof *w->parent);
    w->queue = malloc(nv * sizeof *w->queue);
    w->mark = calloc(nv, sizeof *w->mark);
    w->in_set = calloc(nn, 1);
    w->found = malloc(nv * sizeof *w->found);
    if (!w->res || !w->parent || !w->queue || !w->mark || !w->in_set || !w->found)
        return -1;
    memcpy(w->res, g->base_res, na * sizeof *w->res);
    return 0;
}

/* Send b along arc a, remembering the arc so that the baseline can be put back. */
static void send(most_work *w, int32_t a, double b)
{
    if (w->n_touched == w->cap_touched) {
        size_t cap = w->cap_touched ? 2 * w->cap_touched : 1024;
        int32_t *t = realloc(w->touched, cap * sizeof *t);
        if (!t) {
            w->oom = 1;
            return;
        }
        w->touched = t;
        w->cap_touched = cap;
    }
    w->touched[w->n_touched++] = a;
    w->res[a] -= b;
    w->res[w->g->rev[a]] += b;
}

static void restore(most_work *w)
{
    const ckp_flow *g = w->g;
    for (size_t i = 0; i < w->n_touched; i++) {
        int32_t a = w->touched[i];
        w->res[a] = g->base_res[a];
        w->res[g->rev[a]] = g->base_res[g->rev[a]];
    }
    w->n_touched = 0;
}

/* The node of an end user's out-half, else -1. */
static igraph_integer_t end_user_of(const ckp_flow *g, int32_t v)
{
    return v < g->s && (v & 1) && g->sink_arc[v / 2] >= 0 ? v / 2 : -1;
}

/*
 * Where a search may stop at vertex v: the residual of the sink arc (or its
 * reverse) that starts or ends a path there; s gives without limit. Most: v
 * gives when outside the set; losses: v receives when outside the set.
 */
static double end_capacity(const most_work *w, int32_t v)
{
    const ckp_flow *g = w->g;
    if (v == g->s)
        return w->losses ? 0 : INFINITY;
    igraph_integer_t node = end_user_of(g, v);
    if (node < 0 || w->in_set[node])
        return 0;
    igraph_integer_t a = g->sink_arc[node];
    return w->res[w->losses ? a : g->rev[a]];
}

/* The vertex an arc leads to along the search's paths, towards the set. */
static int32_t towards_set(const most_work *w, int32_t a)
{
    return w->losses ? w->g->head[w->g->rev[a]] : w->g->head[a];
}

/*
 * One breadth-first search from the set's sink arcs with residual left (most:
 * backwards from those with demand left; losses: forwards from those with
 * delivery to take back), over residual arcs, until the ends found can take
 * `need`. Returns how many ends it found; adds its arc scans to *work.
 */
static int32_t search(most_work *w, const igraph_integer_t *set, igraph_integer_t size,
                      double need, double *work)
{
    const ckp_flow *g = w->g;
    int32_t qh = 0, qt = 0, n_found = 0;
    double got = 0;
    if (++w->stamp == 0) { /* the stamp wrapped: forget old marks */
        memset(w->mark, 0, (size_t)g->nv * sizeof *w->mark);
        w->stamp = 1;
    }
    for (igraph_integer_t k = 0; k < size; k++) {
        int32_t a = (int32_t)g->sink_arc[set[k]], v = (int32_t)OUT(set[k]);
        if (a >= 0 && w->losses)
            a = g->rev[a];
        if (a >= 0 && w->res[a] > g->eps && w->mark[v] != w->stamp) {
            w->mark[v] = w->stamp;
            w->parent[v] = a;
            w->queue[qt++] = v;
        }
    }
    while (qh < qt && got < need) {
        int32_t v = w->queue[qh++];
        *work += (double)(g->first[v + 1] - g->first[v]);
        for (igraph_integer_t a = g->first[v]; a < g->first[v + 1]; a++) {
            /* the arc a path would take: v -> u forwards, u -> v backwards */
            int32_t u = g->head[a], step = w->losses ? (int32_t)a : g->rev[a];
            if (u == g->t || w->mark[u] == w->stamp || w->res[step] <= g->eps ||
                (u == g->s && w->losses))
                continue;
            w->mark[u] = w->stamp;
            w->parent[u] = step;
            double c = end_capacity(w, u);
            if (c > g->eps) {
                w->found[n_found++] = u;
                got += c;
            } else {
                w->queue[qt++] = u;
            }
        }
    }
    return n_found;
}

/* Send what the path from end u to the set can carry; returns it (0 when blocked). */
static double augment(most_work *w, int32_t u)
{
    const ckp_flow *g = w->g;
    double b = end_capacity(w, u);
    for (int32_t v = u; v != g->t; v = towards_set(w, w->parent[v]))
        if (w->res[w->parent[v]] < b)
            b = w->res[w->parent[v]];
    if (!isfinite(b))
        w->unbounded = 1; /* a path without a bound: the solve from scratch says what then */
    if (!(b > g->eps) || !isfinite(b))
        return 0;
    if (u != g->s) {
        int32_t a = (int32_t)g->sink_arc[u / 2];
        send(w, w->losses ? a : g->rev[a], b);
    }
    for (int32_t v = u; v != g->t; v = towards_set(w, w->parent[v]))
        send(w, w->parent[v], b);
    return b;
}

/*
 * One set by augmenting paths; -1 past the budget. Most: the set's delivery
 * plus what reaches it; losses: its delivery less what reaches the others.
 * Leaves w->res at the baseline.
 */
static double reroute_one(most_work *w, const igraph_integer_t *set, igraph_integer_t size,
                          double budget)
{
    const ckp_flow *g = w->g;
    double got = 0, need = 0, work = 0;
    for (igraph_integer_t k = 0; k < size; k++) {
        igraph_integer_t a = g->sink_arc[set[k]];
        w->in_set[set[k]] = 1;
        if (a >= 0) {
            got += w->res[g->rev[a]];
            need += w->res[w->losses ? g->rev[a] : a];
        }
    }
    w->unbounded = 0;
    while (need > g->eps && work <= budget && !w->oom && !w->unbounded) {
        int32_t n_found = search(w, set, size, need, &work);
        double gained = 0;
        for (int32_t i = 0; i < n_found && need - gained > g->eps; i++)
            gained += augment(w, w->found[i]);
        if (!(gained > 0))
            break; /* no path left: maximal */
        got += w->losses ? -gained : gained;
        need -= gained;
    }
    for (igraph_integer_t k = 0; k < size; k++)
        w->in_set[set[k]] = 0;
    restore(w);
    return work > budget || w->unbounded ? -1 : got;
}

/*
 * The fallback: a solve from scratch with every other end user's demand out
 * (most) or the set's (losses: the kept baseline's value less that).
 */
static double reroute_solve(ckp_flow *f, const igraph_integer_t *set, igraph_integer_t size,
                            int losses, char *saved)
{
    const ckp_network *net = f->net;
    igraph_integer_t last = net->tiers.count - 1;
    if (size == 1 && !losses)
        return ckp_flow_solve(f, set[0]);
    memcpy(saved, f->sink_removed, (size_t)f->n);
    for (igraph_integer_t v = 0; v < f->n && !losses; v++)
        if (net->node_tier[v] == last)
            f->sink_removed[v] = 1;
    for (igraph_integer_t k = 0; k < size; k++)
        f->sink_removed[set[k]] = losses ? 1 : saved[set[k]];
    double value = ckp_flow_solve(f, -1);
    memcpy(f->sink_removed, saved, (size_t)f->n);
    return losses ? ckp_round_flow(f->base_value) - value : value;
}

ckp_code ckp_flow_reroute(double *out, ckp_flow *f, const igraph_integer_t *const *sets,
                          const igraph_integer_t *sizes, igraph_integer_t n_sets, int losses,
                          double budget, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    most_work w;
    char *saved = NULL;
    if (!f->base_res)
        return ckp_error_set(err, CKP_EINTERNAL, "flow rerouting asked before a baseline was kept");
    if (work_init(&w, f) < 0 || !(saved = malloc((size_t)(f->n ? f->n : 1)))) {
        rc = NOMEM(err);
        goto done;
    }
    w.losses = losses;
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        double value = sizes[i] > 0 ? reroute_one(&w, sets[i], sizes[i], budget * (double)f->na)
                                    : 0;
        if (w.oom) {
            rc = NOMEM(err);
            goto done;
        }
        if (value < 0)
            value = reroute_solve(f, sets[i], sizes[i], losses, saved);
        out[i] = ckp_round_flow(value < 0 ? 0 : value);
    }
done:
    work_destroy(&w);
    free(saved);
    return rc;
}

ckp_code ckp_flow_most(double *most, ckp_flow *f, const igraph_integer_t *const *sets,
                       const igraph_integer_t *sizes, igraph_integer_t n_sets, ckp_error *err)
{
    return ckp_flow_reroute(most, f, sets, sizes, n_sets, 0, CKP_REROUTE_BUDGET, err);
}
