/*
 * Maximum flow on the node-split network. The residual graph is built once;
 * removals and capacity changes only change arc capacities, so one ckp_flow
 * serves many solves (every node's flow at risk, every scenario). Solves go
 * to push-relabel (flow_hipr.c); Dinic's algorithm, with an iterative
 * depth-first search (no recursion: a long chain of nodes must not overflow
 * the stack), takes the unbounded unit-capacity problems of connectivity.
 * Losses repair the baseline flow (below).
 */
#include "chokepoint/flow.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "flow_internal.h"
#include "network_internal.h"

/*
 * The log's arrays are made at their limit the first time, and are then filled from the
 * start: only what a query writes is ever touched (in huge pages), where doubling by realloc
 * held the old and the new arrays at once, tens of megabytes at 1e6 nodes, and copied them.
 */
static void undo_record(undo_log *u, igraph_integer_t at, double old)
{
    if (u->full)
        return;
    if (u->n == u->limit) {
        u->full = 1;
        return;
    }
    if (!u->at) {
        u->at = ckp_big_malloc(u->limit * sizeof *u->at);
        u->old = ckp_big_malloc(u->limit * sizeof *u->old);
        if (!u->at || !u->old) {
            free(u->at);
            free(u->old);
            u->at = NULL;
            u->old = NULL;
            u->oom = 1;
            return;
        }
    }
    u->at[u->n] = at;
    u->old[u->n++] = old;
}

static void undo_destroy(undo_log *u)
{
    free(u->at);
    free(u->old);
    memset(u, 0, sizeof *u);
}

/*
 * 10^k: exact from the table up to 10^22, the largest power of ten a double holds, where pow
 * gives the same bits (it is exact there) at several times the cost; pow beyond.
 */
static inline double ten_to(int k)
{
    static const double exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    return k >= 0 && k <= 22 ? exact[k] : pow(10, k);
}

/*
 * floor(log10(a)) for a finite a > 0, as log10 gives it, at a fraction of
 * its cost (every flow read is rounded; reading a million nodes' flows took
 * 24 ms with log10, 17 without). From 1 to 1e22: the power of two's
 * decade, raised by the exact table. log10 is within 2 ulps (below 1e-14
 * here), so its floor agrees
 * wherever a is more than 1e-12 (relative) from a power of ten, whose
 * logarithm is then 4e-13 from an integer; nearer, and elsewhere, log10.
 */
static inline int decade(double a)
{
    if (a >= 1 && a < 1e22) {
        uint64_t bits;
        memcpy(&bits, &a, sizeof bits);
        int k = (int)(((bits >> 52) - 1023) * 77 >> 8); /* 77/256 < log10(2): not above */
        while (a >= ten_to(k + 1))
            k++;
        if (a > ten_to(k) * (1 + 1e-12) && a < ten_to(k + 1) * (1 - 1e-12))
            return k;
    }
    return (int)floor(log10(a));
}

/*
 * round(x) for x >= 0 without the call (x86-64's baseline has no rounding
 * instruction): below 2^52 the cast truncates exactly and x - t is exact.
 */
static inline double round_half_away(double x)
{
    if (!(x < 4503599627370496.0))
        return round(x);
    double t = (double)(int64_t)x;
    return x - t >= 0.5 ? t + 1 : t;
}

double ckp_round_flow(double v)
{
    if (v == 0 || !isfinite(v))
        return v == 0 ? 0 : v; /* no negative zero */
    /* scale to 12 significant digits, round, scale back: cheaper than printing */
    double a = fabs(v);
    int e = decade(a);
    double p = ten_to(e <= 11 ? 11 - e : e - 11);
    double r = e <= 11 ? round_half_away(a * p) / p : round_half_away(a / p) * p;
    return v < 0 ? -r : r;
}

/* how many edges ahead ckp_flow_new fetches the counter or cursor of an edge's head */
#define FETCH_EDGES 16

/* where put_arc writes, in locals: a store to `forward` (a char) would make the compiler reload
   pointers held in the flow after each arc */
typedef struct {
    int32_t *head, *rev;
    char *forward;
    igraph_integer_t *fill;
} arc_writer;

/*
 * Arc a -> b and its reverse, each at the next free slot of its tail
 * (fill); returns the arc's slot. Placing the arcs in a fixed order this
 * way gives the CSR order a stable sort of that order by tail would.
 */
static inline igraph_integer_t put_arc(const arc_writer *w, igraph_integer_t a,
                                       igraph_integer_t b)
{
    igraph_integer_t x = w->fill[a]++, y = w->fill[b]++;
    w->head[x] = (int32_t)b;
    w->rev[x] = (int32_t)y;
    w->forward[x] = 1;
    w->head[y] = (int32_t)a;
    w->rev[y] = (int32_t)x;
    w->forward[y] = 0;
    return x;
}

static void solver_destroy(solver *sv)
{
    free(sv->res);
    free(sv->level);
    free(sv->cur);
    free(sv->queue);
    free(sv->path);
    free(sv->path_from);
    free(sv->lvl);
    free(sv->cur_stamp);
    undo_destroy(&sv->log);
    ckp_hipr_free(sv->hipr);
    free(sv->walk);
    free(sv->needy);
    memset(sv, 0, sizeof *sv);
}

/*
 * The arrays only Dinic's phases use (levels, current arcs, the path's
 * tails): the caller's solver has them from the start, a loss worker only
 * when push-relabel cannot run, which saves a worker 64 bytes a node.
 */
static int solver_add_dinic(solver *sv)
{
    size_t nv = (size_t)sv->g->nv;
    if (sv->lvl)
        return 0;
    sv->cur = malloc(nv * sizeof *sv->cur);
    sv->path_from = malloc(nv * sizeof *sv->path_from);
    sv->cur_stamp = calloc(nv, sizeof *sv->cur_stamp);
    sv->lvl = calloc(nv, sizeof *sv->lvl);
    if (!sv->cur || !sv->path_from || !sv->cur_stamp || !sv->lvl) {
        free(sv->cur);
        free(sv->path_from);
        free(sv->cur_stamp);
        free(sv->lvl);
        sv->cur = sv->path_from = sv->cur_stamp = NULL;
        sv->lvl = NULL;
        return -1;
    }
    return 0;
}

static int solver_init(solver *sv, const ckp_flow *g, int dinic)
{
    size_t nv = (size_t)g->nv, na = (size_t)(g->na ? g->na : 1);
    memset(sv, 0, sizeof *sv);
    sv->g = g;
    sv->log.limit = na / 4 + 1024;
    sv->res = ckp_big_malloc(na * sizeof *sv->res);
    sv->level = malloc(nv * sizeof *sv->level);
    sv->queue = ckp_big_malloc(nv * sizeof *sv->queue); /* push-relabel's searches too */
    sv->path = malloc(nv * sizeof *sv->path);
    sv->walk = calloc(nv, sizeof *sv->walk);
    sv->needy = calloc(nv / 64 + 1, sizeof *sv->needy);
    if (!sv->res || !sv->level || !sv->queue || !sv->path || !sv->walk || !sv->needy ||
        (dinic && solver_add_dinic(sv) < 0)) {
        solver_destroy(sv);
        return -1;
    }
    return 0;
}

void ckp_flow_free(ckp_flow *f)
{
    if (!f)
        return;
    free(f->first); /* the block of the arrays ckp_flow_new writes (see place_arrays) */
    free(f->node_removed);
    free(f->edge_removed);
    free(f->sink_removed);
    free(f->base_res);
    free(f->base_label);
    free(f->base_side);
    solver_destroy(&f->sv);
    free(f);
}

/* bytes from `at` for `count` items of `size`, rounded up to a cache line */
static size_t take(size_t *at, size_t count, size_t size)
{
    size_t from = *at;
    *at += (count * size + 63) & ~(size_t)63;
    return from;
}

/*
 * The arrays ckp_flow_new writes whole, in one block that f->first starts
 * (ckp_flow_free frees only that). Huge pages for them: touching fresh
 * memory costs more than the writes (a 4 KiB page fault took 12 to 17 us on
 * the benchmark machine). One block rather than eight: no array in the
 * part of a huge page another allocation touched first (which keeps it in
 * 4 KiB pages), and one rounding to a huge page rather than eight. One
 * spare offset in first: it is the fill cursor of ckp_flow_new.
 */
static int place_arrays(ckp_flow *f, size_t nv, size_t na, size_t nn, size_t nm)
{
    size_t size = 0;
    size_t first = take(&size, nv + 2, sizeof *f->first);
    size_t node_arc = take(&size, nn, sizeof *f->node_arc);
    size_t sink_arc = take(&size, nn, sizeof *f->sink_arc);
    size_t edge_arc = take(&size, nm, sizeof *f->edge_arc);
    size_t node_cap = take(&size, nn, sizeof *f->node_cap);
    size_t head = take(&size, na, sizeof *f->head);
    size_t rev = take(&size, na, sizeof *f->rev);
    size_t forward = take(&size, na, 1);
    char *block = ckp_big_malloc(size);
    if (!block)
        return -1;
    f->first = (igraph_integer_t *)(void *)(block + first);
    f->node_arc = (igraph_integer_t *)(void *)(block + node_arc);
    f->sink_arc = (igraph_integer_t *)(void *)(block + sink_arc);
    f->edge_arc = (igraph_integer_t *)(void *)(block + edge_arc);
    f->node_cap = (double *)(void *)(block + node_cap);
    f->head = (int32_t *)(void *)(block + head);
    f->rev = (int32_t *)(void *)(block + rev);
    f->forward = block + forward;
    memset(f->first, 0, (nv + 2) * sizeof *f->first);
    return 0;
}

ckp_code ckp_flow_new(ckp_flow **out, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, m = net->n_edges, last = net->tiers.count - 1;
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
    if (f->na > INT32_MAX || f->nv > INT32_MAX) { /* 32-bit arc and vertex indices */
        free(f);
        return ckp_error_set(err, CKP_ELIMIT,
                             "%lld flow arcs (twice the nodes, edges, mines and end users) are "
                             "more than %d: split the network",
                             (long long)(2 * logical), INT32_MAX);
    }
    size_t nv = (size_t)f->nv, na = (size_t)(f->na ? f->na : 1), nn = (size_t)(n ? n : 1),
           nm = (size_t)(m ? m : 1);
    /* read but seldom written: the zero pages of calloc take no memory */
    f->node_removed = calloc(nn, 1);
    f->edge_removed = calloc(nm, 1);
    f->sink_removed = calloc(nn, 1);
    if (place_arrays(f, nv, na, nn, nm) < 0 || !f->node_removed || !f->edge_removed ||
        !f->sink_removed || solver_init(&f->sv, f, 1) < 0) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    /*
     * The arcs in a fixed order: each node's internal arc with its source
     * arc (a mine) and sink arc (an end user), then the edges. One pass
     * counts the arcs out of each vertex (an arc and its reverse: one out of
     * each end), the second puts them in place. The counts go two places up
     * in first, so that after the sums first[v + 1] is where v's arcs start:
     * the fill cursor, which ends where v + 1's start (no separate array).
     */
    igraph_integer_t *deg = f->first + 2;
    double scale = 1;
    for (igraph_integer_t i = 0; i < n; i++) {
        deg[IN(i)] += 1 + (net->node_tier[i] == 0);
        deg[OUT(i)] += 1 + (net->node_tier[i] == last);
        deg[f->s] += net->node_tier[i] == 0;
        deg[f->t] += net->node_tier[i] == last;
        f->node_cap[i] = net->node_capacity[i];
        if (isfinite(net->node_capacity[i]) && net->node_capacity[i] > scale)
            scale = net->node_capacity[i];
        double d = net->node_tier[i] == last ? ckp_node_demand(net, i) : 0;
        if (d > scale)
            scale = d;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        if (e + FETCH_EDGES < m)
            CKP_FETCH(&deg[IN(net->edge_to[e + FETCH_EDGES])]);
        deg[OUT(net->edge_from[e])]++;
        deg[IN(net->edge_to[e])]++;
        if (isfinite(net->edge_capacity[e]) && net->edge_capacity[e] > scale)
            scale = net->edge_capacity[e];
    }
    /* flows below this are rounding noise */
    f->eps = scale * 1e-12;
    for (igraph_integer_t v = 1; v <= f->nv; v++)
        f->first[v + 1] += f->first[v];
    arc_writer w = {f->head, f->rev, f->forward, f->first + 1};
    for (igraph_integer_t i = 0; i < n; i++) {
        f->node_arc[i] = put_arc(&w, IN(i), OUT(i));
        if (net->node_tier[i] == 0)
            put_arc(&w, f->s, IN(i));
        f->sink_arc[i] = net->node_tier[i] == last ? put_arc(&w, OUT(i), f->t) : -1;
    }
    /* the heads' cursors are read at random: fetched FETCH_EDGES edges ahead */
    for (igraph_integer_t e = 0; e < m; e++) {
        if (e + FETCH_EDGES < m)
            CKP_FETCH(&w.fill[IN(net->edge_to[e + FETCH_EDGES])]);
        f->edge_arc[e] = put_arc(&w, OUT(net->edge_from[e]), IN(net->edge_to[e]));
    }
    *out = f;
    f = NULL;
done:
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

void ckp_flow_remove_sink(ckp_flow *f, igraph_integer_t end_user, int removed)
{
    f->sink_removed[end_user] = (char)(removed != 0);
}

void ckp_flow_set_node_capacity(ckp_flow *f, igraph_integer_t node, double capacity)
{
    f->node_cap[node] = capacity;
}

/* A forward arc starts with its capacity as residual; its reverse with nothing. */
static void set_arc(ckp_flow *f, igraph_integer_t a, double cap)
{
    f->sv.res[a] = cap;
    f->sv.res[f->rev[a]] = 0;
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
            double d = (end_user >= 0 && i != end_user) || f->sink_removed[i] ? 0
                       : unit                         ? INFINITY
                                                      : ckp_node_demand(net, i);
            set_arc(f, f->sink_arc[i], d);
        }
    }
    /* source arcs: every arc leaving s */
    for (igraph_integer_t a = f->first[f->s]; a < f->first[f->s + 1]; a++)
        set_arc(f, a, INFINITY);
    /* the reverse arc's residual is at the head's slot, at random: fetched ahead */
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        if (e + FETCH_EDGES < net->n_edges)
            CKP_FETCH(&f->sv.res[f->rev[f->edge_arc[e + FETCH_EDGES]]]);
        set_arc(f, f->edge_arc[e], f->edge_removed[e] ? 0 : unit ? INFINITY
                                                                 : net->edge_capacity[e]);
    }
}

/* Change a residual, remembering the old value when logging. */
static inline void set_res(solver *sv, igraph_integer_t a, double value)
{
    if (sv->logging)
        undo_record(&sv->log, a, sv->res[a]);
    sv->res[a] = value;
}

/* Send b along arc a: less residual on it, more on its reverse. */
static inline void push(solver *sv, igraph_integer_t a, double b)
{
    set_res(sv, a, sv->res[a] - b);
    set_res(sv, sv->g->rev[a], sv->res[sv->g->rev[a]] + b);
}

/*
 * The breadth-first search works in either direction: forward from the
 * source along residual arcs (Dinic's levels), or backward from the sink
 * along the arcs that point into each vertex (the reverse of each arc in its
 * list), which gives the repair its distance labels. Levels and current arcs
 * carry a stamp, so no phase pays O(V) to reset them.
 */
static inline igraph_integer_t step_arc(const ckp_flow *g, igraph_integer_t a, int backward)
{
    return backward ? g->rev[a] : a; /* the arc flow would use for this step */
}

static inline int level_of(const solver *sv, igraph_integer_t v)
{
    uint64_t x = sv->lvl[v];
    return (uint32_t)(x >> 32) == (uint32_t)sv->phase ? (int)(uint32_t)x : -1;
}

static inline void set_level(solver *sv, igraph_integer_t v, int level)
{
    sv->lvl[v] = (uint64_t)sv->phase << 32 | (uint32_t)level;
}

static int bfs(solver *sv, igraph_integer_t src, igraph_integer_t dst, int backward)
{
    const ckp_flow *g = sv->g;
    igraph_integer_t qh = 0, qt = 0;
    if ((uint32_t)++sv->phase == 0) { /* the stamp wrapped: forget old levels */
        memset(sv->lvl, 0, (size_t)g->nv * sizeof *sv->lvl);
        sv->phase++;
    }
    set_level(sv, src, 0);
    sv->queue[qt++] = src;
    const igraph_integer_t *first = g->first;
    const int32_t *head = g->head, *rev = g->rev;
    igraph_integer_t na = g->na;
    while (qh < qt) {
        fetch_queued(g, qh + FETCH_VERTICES < qt ? sv->queue[qh + FETCH_VERTICES] : -1,
                     qh + 2 * FETCH_VERTICES < qt ? sv->queue[qh + 2 * FETCH_VERTICES] : -1);
        igraph_integer_t v = sv->queue[qh++];
        if (v == dst)
            break; /* deeper levels cannot be on a shortest path */
        int lv = level_of(sv, v);
        for (igraph_integer_t a = first[v]; a < first[v + 1]; a++) {
            if (a + FETCH_ARCS < na) {
                CKP_FETCH(&sv->lvl[head[a + FETCH_ARCS]]);
                CKP_FETCH(&sv->res[backward ? rev[a + FETCH_ARCS] : a + FETCH_ARCS]);
            }
            igraph_integer_t w = head[a];
            /* the residual first: it is read in order, the level at random */
            if (sv->res[step_arc(g, a, backward)] > g->eps && level_of(sv, w) < 0) {
                set_level(sv, w, lv + 1);
                sv->queue[qt++] = w;
            }
        }
    }
    return dst >= 0 && level_of(sv, dst) >= 0; /* dst -1: level everything reachable */
}

/* One blocking flow in the source's level graph; returns the flow added. */
static double blocking_flow(solver *sv)
{
    const ckp_flow *g = sv->g;
    igraph_integer_t src = g->s, dst = g->t;
    double total = 0;
    igraph_integer_t depth = 0, v = src;
    for (;;) {
        if (v == dst) {
            double b = INFINITY;
            for (igraph_integer_t i = 0; i < depth; i++)
                if (sv->res[sv->path[i]] < b)
                    b = sv->res[sv->path[i]];
            igraph_integer_t cut = -1;
            for (igraph_integer_t i = 0; i < depth; i++) {
                igraph_integer_t a = sv->path[i];
                push(sv, a, b);
                if (cut < 0 && sv->res[a] <= g->eps)
                    cut = i;
            }
            total += b;
            /* resume from where the search stood before the first saturated arc */
            depth = cut;
            v = sv->path_from[cut];
            continue;
        }
        if (sv->cur_stamp[v] != sv->phase) {
            sv->cur_stamp[v] = sv->phase;
            sv->cur[v] = g->first[v];
        }
        igraph_integer_t a = sv->cur[v];
        int lv = level_of(sv, v);
        for (; a < g->first[v + 1]; a++) {
            igraph_integer_t w = g->head[a];
            if (sv->res[a] > g->eps && level_of(sv, w) == lv + 1)
                break;
        }
        sv->cur[v] = a;
        if (a < g->first[v + 1]) {
            sv->path_from[depth] = v;
            sv->path[depth++] = a;
            v = g->head[a];
            continue;
        }
        /* dead end: retreat */
        sv->lvl[v] = 0;
        if (v == src)
            break;
        v = sv->path_from[--depth];
        sv->cur[v]++;
    }
    return total;
}

static double max_flow(solver *sv)
{
    double total = 0;
    while (bfs(sv, sv->g->s, sv->g->t, 0))
        total += blocking_flow(sv);
    return total;
}

double ckp_flow_solve(ckp_flow *f, igraph_integer_t end_user)
{
    set_capacities(f, end_user, 0);
    double value = ckp_flow_hipr(&f->sv, 1);
    if (value < 0) /* push-relabel could not run: Dinic needs no bound on the source arcs */
        value = max_flow(&f->sv);
    return ckp_round_flow(value);
}

igraph_integer_t ckp_flow_vertex_connectivity(ckp_flow *f, igraph_integer_t end_user)
{
    set_capacities(f, end_user, 1);
    return (igraph_integer_t)llround(max_flow(&f->sv));
}

double ckp_flow_node(const ckp_flow *f, igraph_integer_t node)
{
    /* a reverse arc's residual is the net flow on its forward arc */
    return ckp_round_flow(f->sv.res[f->rev[f->node_arc[node]]]);
}

double ckp_flow_edge(const ckp_flow *f, igraph_integer_t edge)
{
    return ckp_round_flow(f->sv.res[f->rev[f->edge_arc[edge]]]);
}

double ckp_flow_delivered(const ckp_flow *f, igraph_integer_t end_user)
{
    igraph_integer_t a = f->sink_arc[end_user];
    return a < 0 ? 0 : ckp_round_flow(f->sv.res[f->rev[a]]);
}

/* ---- losses by repair ---------------------------------------------------------------- */

ckp_code ckp_flow_keep_baseline(ckp_flow *f, ckp_error *err)
{
    size_t na = (size_t)(f->na ? f->na : 1);
    if (!f->base_res && !(f->base_res = ckp_big_malloc(na * sizeof *f->base_res)))
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    memcpy(f->base_res, f->sv.res, na * sizeof *f->base_res);
    double value = 0;
    for (igraph_integer_t a = f->first[f->s]; a < f->first[f->s + 1]; a++)
        value += f->sv.res[f->rev[a]];
    f->base_value = value;
    /*
     * Exact distance labels (Goldberg and Tarjan 1988): the residual distance
     * of every vertex to the sink, by a backward search from it. The repair
     * starts its push-relabel from these, so excess flows straight down
     * shortest residual paths.
     */
    if (!f->base_label && !(f->base_label = ckp_big_malloc((size_t)f->nv * sizeof *f->base_label)))
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    bfs(&f->sv, f->t, -1, 1);
    int top = 0;
    for (igraph_integer_t v = 0; v < f->nv; v++) {
        int l = level_of(&f->sv, v);
        f->base_label[v] = l < 0 ? LABEL_NONE : l;
        if (l > top)
            top = l;
    }
    f->label_cut = 2 * top + 8;
    /* the sides of the baseline's extreme minimum cuts, for cut_room */
    if (!f->base_side && !(f->base_side = ckp_big_malloc((size_t)f->nv)))
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    bfs(&f->sv, f->s, -1, 0);
    igraph_integer_t from_s = 0, to_t = 0;
    for (igraph_integer_t v = 0; v < f->nv; v++) {
        f->base_side[v] = (char)((level_of(&f->sv, v) >= 0 ? SIDE_FROM_S : 0) |
                                 (f->base_label[v] != LABEL_NONE ? SIDE_TO_T : 0));
        from_s += (f->base_side[v] & SIDE_FROM_S) != 0;
        to_t += (f->base_side[v] & SIDE_TO_T) != 0;
    }
    f->base_demand_bound = to_t < from_s;
    /* the losses run on their own solvers: this one's push-relabel workspace can go */
    ckp_hipr_free(f->sv.hipr);
    f->sv.hipr = NULL;
    return CKP_OK;
}

void ckp_flow_drop_solver(ckp_flow *f)
{
    solver_destroy(&f->sv);
}

/*
 * The flow on arc a (a forward arc): the residual of its reverse. An arc
 * "carries flow into x" when it is a reverse arc out of x with residual left.
 */
static inline int carries_back(const solver *sv, igraph_integer_t a)
{
    return !sv->g->forward[a] && sv->res[a] > sv->g->eps;
}

static inline int carries_on(const solver *sv, igraph_integer_t a)
{
    return sv->g->forward[a] && sv->res[sv->g->rev[a]] > sv->g->eps;
}

/* A fresh stamp for the walks' marks; when it wraps, the old marks go. */
static uint32_t walk_stamp(solver *sv)
{
    if (++sv->stamp == 0) {
        memset(sv->walk, 0, (size_t)sv->g->nv * sizeof *sv->walk);
        sv->stamp = 1;
    }
    return sv->stamp;
}

/*
 * ckp_flow_cancel under the current stamp. Walks only take flow away, so an
 * arc found carrying nothing stays so: the current arcs hold across walks
 * of one direction (cancel_nodes keeps one stamp for all its nodes'
 * walks), and a hub with many spent arcs is scanned once, not once a walk.
 * Each walk still takes the first arc that carries flow, so the walks are
 * the ones a fresh stamp would give. The path check below reads positions
 * of this walk only, so older marks do no harm.
 */
static double cancel_walks(solver *sv, igraph_integer_t from, double amount, int backward,
                           double *need, double *to_stop)
{
    const ckp_flow *g = sv->g;
    igraph_integer_t stop = backward ? g->s : g->t;
    ckp_walk_mark *walk = sv->walk;
    uint32_t stamp = sv->stamp;
    while (amount > g->eps) {
        igraph_integer_t depth = 0, x = from;
        for (;;) {
            if (x == stop || (need && x != from && ckp_bit_is_set(sv->needy, x) &&
                              need[x] > g->eps))
                break;
            ckp_walk_mark *wx = &walk[x];
            if (wx->mark != stamp) {
                wx->mark = stamp;
                wx->cur = (int32_t)g->first[x];
            }
            wx->pos = (int32_t)depth;
            igraph_integer_t a = wx->cur, end = g->first[x + 1];
            while (a < end && !(backward ? carries_back(sv, a) : carries_on(sv, a)))
                a++;
            wx->cur = (int32_t)a;
            if (a == end)
                return amount; /* nothing carries flow here: rounding residue */
            igraph_integer_t y = g->head[a];
            sv->path[depth++] = a;
            /* y is on the path when the arc at its recorded position leaves it */
            if (walk[y].mark == stamp && walk[y].pos < depth &&
                g->head[g->rev[sv->path[walk[y].pos]]] == y) {
                /* a flow cycle: y is on the path; cancel it and carry on from y */
                igraph_integer_t start = walk[y].pos;
                double b = INFINITY;
                for (igraph_integer_t i = start; i < depth; i++) {
                    igraph_integer_t c = sv->path[i];
                    double on = backward ? sv->res[c] : sv->res[g->rev[c]];
                    if (on < b)
                        b = on;
                }
                for (igraph_integer_t i = start; i < depth; i++) {
                    igraph_integer_t c = sv->path[i];
                    if (backward)
                        push(sv, c, b);
                    else
                        push(sv, g->rev[c], b);
                }
                depth = start;
                x = y;
                continue;
            }
            x = y;
        }
        double b = amount;
        if (x != stop && need[x] < b)
            b = need[x];
        for (igraph_integer_t i = 0; i < depth; i++) {
            igraph_integer_t c = sv->path[i];
            double on = backward ? sv->res[c] : sv->res[g->rev[c]];
            if (on < b)
                b = on;
        }
        for (igraph_integer_t i = 0; i < depth; i++) {
            igraph_integer_t c = sv->path[i];
            if (backward)
                push(sv, c, b);
            else
                push(sv, g->rev[c], b);
        }
        if (x != stop)
            need[x] -= b;
        else
            *to_stop += b;
        amount -= b;
    }
    return amount;
}

/*
 * Undo `amount` of flow arriving at `from` (backward: walk against the flow
 * to the super-source, or to a vertex whose `need` is positive) or leaving
 * it (forward: with the flow, to the super-sink or a vertex in `need`).
 * `need` may be NULL: then every walk runs to the super-source (or sink).
 * Each walk follows arcs that carry flow, so it is a flow decomposition run
 * backwards: local, O(path length), with flow cycles met on the way cancelled
 * (they carry nothing from source to sink). Adds to `to_stop` what reached
 * the super-source (or sink). Returns what could not be undone, 0 but for
 * rounding.
 */
double ckp_flow_cancel(solver *sv, igraph_integer_t from, double amount, int backward,
                       double *need, double *to_stop)
{
    walk_stamp(sv);
    return cancel_walks(sv, from, amount, backward, need, to_stop);
}

/* ---- repair by local push-relabel ---------------------------------------------------- */

/*
 * A vertex's state in the repair, in one 32-byte record: discharging a
 * vertex, or pushing to one, reads and writes one cache line rather than
 * one in each of seven arrays (the repair visits vertices all over the
 * graph). Each field but the label is valid while its stamp is the query's.
 */
typedef struct {
    double excess;      /* valid when ex_stamp is the query's */
    int label;
    int32_t cur;        /* the current arc, valid when cur_stamp is the query's */
    unsigned ex_stamp, cur_stamp, queued, is_parked;
} repair_vertex;

/*
 * Per-thread state of the push-relabel repair. Labels start as the
 * baseline's exact distances and every change is logged, so each query
 * starts from the baseline again at a cost proportional to what it touched.
 */
typedef struct {
    repair_vertex *vx;
    /* vertices, 32 bits as in head and rev */
    int32_t *fifo, *parked, *touched, *region;
    undo_log log; /* of labels */
    unsigned *seen, *seen2; /* of the region searches */
    unsigned stamp, region_stamp;
    int cut; /* labels from here up park a vertex: the baseline's cut, raised by region searches */
    size_t fifo_head, fifo_tail, n_parked, n_touched;
    long long work; /* arcs scanned by relabels and region searches */
} repair;

static void repair_destroy(repair *r)
{
    free(r->vx);
    free(r->fifo);
    free(r->parked);
    free(r->touched);
    free(r->region);
    undo_destroy(&r->log);
    free(r->seen);
    free(r->seen2);
    memset(r, 0, sizeof *r);
}

/* every label the baseline's, every stamp none */
static void repair_reset(repair *r, const ckp_flow *g)
{
    for (igraph_integer_t v = 0; v < g->nv; v++)
        r->vx[v] = (repair_vertex){.label = g->base_label[v]};
}

static int repair_init(repair *r, const ckp_flow *g)
{
    size_t nv = (size_t)g->nv;
    memset(r, 0, sizeof *r);
    r->vx = ckp_big_malloc(nv * sizeof *r->vx);
    r->fifo = malloc(nv * sizeof *r->fifo);
    r->parked = malloc(nv * sizeof *r->parked);
    r->touched = malloc(nv * sizeof *r->touched);
    r->region = malloc(nv * sizeof *r->region);
    r->seen = calloc(nv, sizeof *r->seen);
    r->seen2 = calloc(nv, sizeof *r->seen2);
    if (!r->vx || !r->fifo || !r->parked || !r->touched || !r->region || !r->seen ||
        !r->seen2) {
        repair_destroy(r);
        return -1;
    }
    repair_reset(r, g);
    r->log.limit = nv / 4 + 1024;
    return 0;
}

static void set_label(repair *r, igraph_integer_t v, int label)
{
    undo_record(&r->log, v, r->vx[v].label);
    r->vx[v].label = label;
}

static void add_excess(repair *r, igraph_integer_t v, double amount)
{
    if (r->vx[v].ex_stamp != r->stamp) {
        r->vx[v].ex_stamp = r->stamp;
        r->vx[v].excess = 0;
        r->touched[r->n_touched++] = v;
    }
    r->vx[v].excess += amount;
}

static void park(repair *r, igraph_integer_t v)
{
    if (r->vx[v].is_parked != r->stamp) {
        r->vx[v].is_parked = r->stamp;
        r->parked[r->n_parked++] = v;
    }
}

/*
 * A vertex with excess waits in the queue, or, when its label says it may
 * not reach a sink, among the parked ones the region search examines.
 */
static void activate(repair *r, const ckp_flow *g, igraph_integer_t v)
{
    if (v == g->t || r->vx[v].excess <= g->eps || r->vx[v].queued == r->stamp)
        return;
    if (r->vx[v].label >= r->cut) {
        park(r, v);
        return;
    }
    r->vx[v].queued = r->stamp;
    r->fifo[r->fifo_tail++ % (size_t)g->nv] = v;
}

/*
 * Push the excess of v down admissible arcs (label one lower) until it is
 * gone or v runs out of them, then relabel (Goldberg and Tarjan 1988). A
 * label reaching the cut parks v: its excess may be trapped, which the
 * region search decides exactly.
 */
static void discharge(solver *sv, repair *r, igraph_integer_t v)
{
    const ckp_flow *g = sv->g;
    while (r->vx[v].excess > g->eps) {
        if (r->vx[v].cur_stamp != r->stamp) {
            r->vx[v].cur_stamp = r->stamp;
            r->vx[v].cur = g->first[v];
        }
        igraph_integer_t a = r->vx[v].cur, end = g->first[v + 1];
        int lv = r->vx[v].label;
        /* the heads' labels, fetched together rather than one miss at a time */
        for (igraph_integer_t b = a, stop = a + 16 < end ? a + 16 : end; b < stop; b++)
            CKP_FETCH(&r->vx[g->head[b]].label);
        for (; a < end && r->vx[v].excess > g->eps; a++) {
            igraph_integer_t w = g->head[a];
            if (sv->res[a] > g->eps && r->vx[w].label == lv - 1) {
                double b = r->vx[v].excess < sv->res[a] ? r->vx[v].excess : sv->res[a];
                push(sv, a, b);
                r->vx[v].excess -= b;
                add_excess(r, w, b);
                activate(r, g, w);
                if (sv->res[a] > g->eps)
                    break; /* v is empty; the arc stays current */
            }
        }
        r->vx[v].cur = a;
        if (r->vx[v].excess <= g->eps)
            return;
        /* relabel: one above the lowest neighbour still reachable */
        r->work += end - g->first[v];
        int low = INT32_MAX;
        for (igraph_integer_t b = g->first[v]; b < end; b++)
            if (sv->res[b] > g->eps && r->vx[g->head[b]].label < low)
                low = r->vx[g->head[b]].label;
        int nl = low >= LABEL_NONE ? LABEL_NONE : low + 1;
        if (nl <= lv)
            nl = lv + 1; /* labels only rise, so the loop ends */
        if (nl >= r->cut) {
            set_label(r, v, nl);
            park(r, v);
            return;
        }
        set_label(r, v, nl);
        r->vx[v].cur = g->first[v];
    }
}

/*
 * Where can the parked excess go? Everything the parked vertices reach in
 * the residual graph, and which of it reaches the sink or a vertex short of
 * flow, with exact distances inside that region. Returns 1 when some parked
 * excess can still move (and requeues it), 0 when all of it is trapped.
 */
static int region_relabel(solver *sv, repair *r)
{
    const ckp_flow *g = sv->g;
    size_t nr = 0;
    unsigned rs = ++r->region_stamp;
    if (rs == 0) { /* wrapped: clear the marks */
        memset(r->seen, 0, (size_t)g->nv * sizeof *r->seen);
        memset(r->seen2, 0, (size_t)g->nv * sizeof *r->seen2);
        rs = r->region_stamp = 1;
    }
    for (size_t i = 0; i < r->n_parked; i++) {
        igraph_integer_t v = r->parked[i];
        if (r->vx[v].excess > g->eps && r->seen[v] != rs) {
            r->seen[v] = rs;
            r->region[nr++] = v;
        }
    }
    size_t n_sinks = 0;
    for (size_t h = 0; h < nr; h++) {
        igraph_integer_t v = r->region[h];
        if (v == g->t)
            continue; /* flow reaching the sink stays there */
        r->work += g->first[v + 1] - g->first[v];
        for (igraph_integer_t a = g->first[v]; a < g->first[v + 1]; a++) {
            igraph_integer_t w = g->head[a];
            if (r->seen[w] != rs && sv->res[a] > g->eps) {
                r->seen[w] = rs;
                r->region[nr++] = w;
            }
        }
    }
    /* the sinks: the sink itself and vertices short of flow, at distance 0 */
    int32_t *queue = sv->queue;
    size_t qt = 0;
    for (size_t h = 0; h < nr; h++) {
        igraph_integer_t v = r->region[h];
        if (v == g->t || (r->vx[v].ex_stamp == r->stamp && r->vx[v].excess < -g->eps)) {
            r->seen2[v] = rs;
            sv->level[v] = 0;
            queue[qt++] = v;
        }
    }
    n_sinks = qt;
    if (n_sinks == 0)
        return 0;
    for (size_t qh = 0; qh < qt; qh++) {
        igraph_integer_t y = queue[qh];
        for (igraph_integer_t a = g->first[y]; a < g->first[y + 1]; a++) {
            igraph_integer_t x = g->head[a];
            if (r->seen[x] == rs && r->seen2[x] != rs && sv->res[g->rev[a]] > g->eps) {
                r->seen2[x] = rs;
                sv->level[x] = sv->level[y] + 1;
                queue[qt++] = x;
            }
        }
    }
    int moved = 0, top = 0;
    for (size_t h = 0; h < nr; h++) {
        igraph_integer_t v = r->region[h];
        int l = r->seen2[v] == rs ? (int)sv->level[v] : LABEL_NONE;
        if (l < LABEL_NONE && l > top)
            top = l;
        if (r->vx[v].label != l)
            set_label(r, v, l);
        r->vx[v].cur_stamp = 0;
    }
    if (2 * top + 8 > r->cut)
        r->cut = 2 * top + 8; /* exact labels: room to rise before parking again */
    size_t kept = 0;
    for (size_t i = 0; i < r->n_parked; i++) {
        igraph_integer_t v = r->parked[i];
        if (r->vx[v].excess <= g->eps) {
            r->vx[v].is_parked = 0;
            continue;
        }
        if (r->vx[v].label < r->cut) {
            r->vx[v].is_parked = 0;
            activate(r, g, v);
            moved = 1;
        } else {
            r->parked[kept++] = v;
        }
    }
    r->n_parked = kept;
    return moved;
}

/*
 * Served demand lost without `nodes`, by repairing the baseline: take the
 * nodes' internal arcs out with their flow, which leaves an excess at each
 * in-half and a shortage at each out-half. Push-relabel, started from the
 * baseline's exact labels, moves the excess to the sink or to the
 * shortages, visiting only where it goes; a region search settles exactly
 * which excess is trapped. Trapped excess goes back to the source along its
 * flow, left shortages forward to the sink, and what went back is the loss.
 * Returns -1 when the region searches or the work budget gave up (the
 * caller falls back to reaugment_loss).
 */
#ifndef MAX_REGION_ROUNDS
#define MAX_REGION_ROUNDS 16
#endif

/*
 * The repair gives up once its relabels and region searches have scanned
 * this many times the arcs of the graph, and push-relabel with global
 * relabelling takes over from the same start (ckp_flow_hipr_remove): a hub
 * whose flow spreads thinly over many detours costs the local repair
 * several times that. Measured on the 1e6 benchmark network, the 100
 * busiest nodes took 47 s by local repair alone, 38 s by cancelling and
 * re-augmenting alone, 30 s with this budget and re-augmentation, 22.5 s
 * with this budget and ckp_flow_hipr_remove. Small networks always get the
 * whole of a few thousand scans.
 */
#ifndef CKP_REPAIR_BUDGET /* the crosscheck builds a variant with 0, to test the fallbacks */
#define CKP_REPAIR_BUDGET 0.15
#define CKP_REPAIR_BUDGET_FLOOR 4096
#endif
static double loss_push_relabel(solver *sv, repair *r, const igraph_integer_t *nodes,
                                igraph_integer_t count, double *need)
{
    const ckp_flow *g = sv->g;
    double loss = 0;
    long long budget = (long long)(CKP_REPAIR_BUDGET * (double)g->na) + CKP_REPAIR_BUDGET_FLOOR;
    if (++r->stamp == 0) { /* wrapped: clear the stamps (the labels are the baseline's) */
        repair_reset(r, g);
        r->stamp = 1;
    }
    r->fifo_head = r->fifo_tail = r->n_parked = r->n_touched = 0;
    r->cut = g->label_cut;
    sv->logging = 1;
    for (igraph_integer_t i = 0; i < count; i++) {
        igraph_integer_t a = g->node_arc[nodes[i]];
        double fv = sv->res[g->rev[a]];
        set_res(sv, a, 0);
        set_res(sv, g->rev[a], 0);
        if (fv > g->eps) {
            add_excess(r, IN(nodes[i]), fv);
            add_excess(r, OUT(nodes[i]), -fv);
        }
    }
    for (igraph_integer_t i = 0; i < count; i++)
        activate(r, g, IN(nodes[i]));
    int rounds = 0;
    r->work = 0;
    for (;;) {
        while (r->fifo_head != r->fifo_tail) {
            if (r->fifo_tail - r->fifo_head > 4) { /* a later vertex's state, ahead of its turn */
                igraph_integer_t u = r->fifo[(r->fifo_head + 4) % (size_t)g->nv];
                CKP_FETCH(&g->first[u]);
                CKP_FETCH(&r->vx[u]);
            }
            igraph_integer_t v = r->fifo[r->fifo_head++ % (size_t)g->nv];
            r->vx[v].queued = 0;
            discharge(sv, r, v);
            if (r->work > budget) {
                loss = -1;
                goto restore;
            }
        }
        if (r->n_parked == 0)
            break;
        if (++rounds > MAX_REGION_ROUNDS) {
            loss = -1;
            goto restore;
        }
        if (!region_relabel(sv, r))
            break;
    }
    /* trapped excess back to the source; the source's own excess is already back */
    double back = 0;
    walk_stamp(sv); /* one stamp a direction: see cancel_walks */
    for (size_t i = 0; i < r->n_touched; i++) {
        igraph_integer_t v = r->touched[i];
        if (v == g->s)
            back += r->vx[v].excess;
        else if (v != g->t && r->vx[v].excess > g->eps)
            cancel_walks(sv, v, r->vx[v].excess, 1, need, &back);
    }
    walk_stamp(sv);
    for (size_t i = 0; i < r->n_touched; i++) {
        igraph_integer_t v = r->touched[i];
        double to_sink = 0;
        if (v != g->s && v != g->t && r->vx[v].excess < -g->eps)
            cancel_walks(sv, v, -r->vx[v].excess, 0, need, &to_sink);
    }
    loss = back;
restore:
    if (sv->log.full)
        memcpy(sv->res, g->base_res, (size_t)(g->na ? g->na : 1) * sizeof *sv->res);
    else
        for (size_t k = sv->log.n; k-- > 0;)
            sv->res[sv->log.at[k]] = sv->log.old[k];
    sv->logging = 0;
    sv->log.full = 0;
    sv->log.n = 0;
    if (r->log.full)
        for (igraph_integer_t v = 0; v < g->nv; v++)
            r->vx[v].label = g->base_label[v];
    else
        for (size_t k = r->log.n; k-- > 0;)
            r->vx[r->log.at[k]].label = (int)r->log.old[k];
    r->log.full = 0;
    r->log.n = 0;
    return loss;
}

/*
 * An upper bound on the flow that re-augmenting can regain once the removed
 * nodes' flow is cancelled: the residual capacity left across a cut of the
 * baseline. Both extreme minimum cuts (S the vertices the source reaches in
 * the baseline's residual graph, or all but those that reach the sink) were
 * saturated, so what crosses them now is only what the cancelled flow freed;
 * arcs at a removed node's halves are left out (nothing can pass through
 * them). When either cut has nothing left, the regain is 0 and the loss is
 * exactly the cancelled flow: no solve. Marks the halves with a fresh stamp.
 */
static double cut_room(solver *sv, const igraph_integer_t *nodes, igraph_integer_t count)
{
    const ckp_flow *g = sv->g;
    uint32_t st = walk_stamp(sv);
    for (igraph_integer_t i = 0; i < count; i++)
        sv->walk[IN(nodes[i])].mark = sv->walk[OUT(nodes[i])].mark = st;
    double room[2] = {0, 0};
    for (igraph_integer_t u = 0; u < g->nv; u++) {
        int su = g->base_side[u];
        int in_a = (su & SIDE_FROM_S) != 0, in_b = !(su & SIDE_TO_T);
        if ((!in_a && !in_b) || sv->walk[u].mark == st)
            continue;
        for (igraph_integer_t a = g->first[u]; a < g->first[u + 1]; a++) {
            igraph_integer_t v = g->head[a];
            if (sv->res[a] <= g->eps || sv->walk[v].mark == st)
                continue;
            int sv_side = g->base_side[v];
            if (in_a && !(sv_side & SIDE_FROM_S))
                room[0] += sv->res[a];
            if (in_b && (sv_side & SIDE_TO_T))
                room[1] += sv->res[a];
        }
    }
    return room[0] < room[1] ? room[0] : room[1];
}

/*
 * The same loss by re-augmenting, for sets carrying much of the flow (a
 * whole country), where pushing excess around would reroute most of a flow:
 * the removed nodes' flow is walked back to the source and forward to the
 * sink along the paths it took (cancel), then push-relabel raises what is
 * left to a maximum flow again (Dinic's phases when it cannot run).
 *
 * cancel_nodes is the first step: the nodes out, their flow walked back;
 * returns what reached the source.
 */
static double cancel_nodes(solver *sv, const igraph_integer_t *nodes, igraph_integer_t count,
                           double *need)
{
    const ckp_flow *g = sv->g;
    double removed = 0;
    /* the halves are the only vertices with a need: a walk takes from one only where it
       stops, at a need (see solver.needy) */
    for (igraph_integer_t i = 0; i < count; i++) {
        ckp_bit_set(sv->needy, IN(nodes[i]));
        ckp_bit_set(sv->needy, OUT(nodes[i]));
    }
    for (igraph_integer_t i = 0; i < count; i++) {
        igraph_integer_t a = g->node_arc[nodes[i]];
        double fv = sv->res[g->rev[a]];
        sv->res[a] = 0;
        sv->res[g->rev[a]] = 0;
        if (fv > g->eps) {
            need[IN(nodes[i])] += fv;
            need[OUT(nodes[i])] += fv;
        }
    }
    /* the in-halves' excess first; a walk may end at another removed node's out-half */
    walk_stamp(sv); /* one stamp a direction: see cancel_walks */
    for (igraph_integer_t i = 0; i < count; i++) {
        igraph_integer_t v = IN(nodes[i]);
        double left = need[v];
        need[v] = 0;
        if (left > g->eps)
            cancel_walks(sv, v, left, 1, need, &removed);
    }
    walk_stamp(sv);
    for (igraph_integer_t i = 0; i < count; i++) {
        igraph_integer_t v = OUT(nodes[i]);
        double left = need[v], to_sink = 0;
        need[v] = 0;
        if (left > g->eps)
            cancel_walks(sv, v, left, 0, need, &to_sink);
    }
    /* every bit clear between calls: only the halves' were set, and both share one word */
    for (igraph_integer_t i = 0; i < count; i++)
        sv->needy[IN(nodes[i]) >> 6] = 0;
    return removed;
}

static double reaugment_loss(solver *sv, const igraph_integer_t *nodes, igraph_integer_t count,
                             double *need)
{
    const ckp_flow *g = sv->g;
    size_t na = (size_t)(g->na ? g->na : 1);
    double removed = cancel_nodes(sv, nodes, count, need), regained = 0;
    double room = cut_room(sv, nodes, count);
    /* the flow is restored from the baseline below: only the value counts */
    if (room > g->eps) {
        regained = ckp_flow_hipr_mode(sv, 0, CKP_HIPR_HEDGE);
        if (regained == -2) { /* the guessed direction gave up: the other one, from the start */
            memcpy(sv->res, g->base_res, na * sizeof *sv->res);
            cancel_nodes(sv, nodes, count, need);
            regained = ckp_flow_hipr_mode(sv, 0, CKP_HIPR_FLIP);
        }
    }
    if (regained < 0) {
        regained = 0;
        if (solver_add_dinic(sv) < 0)
            sv->oom = 1;
        else
            while (removed - regained > g->eps && bfs(sv, g->s, g->t, 0))
                regained += blocking_flow(sv);
    }
    memcpy(sv->res, g->base_res, na * sizeof *sv->res);
    return removed - regained;
}

/*
 * The first path of a set's loss. A set carrying much of the flow (a whole
 * country) is re-augmented (reaugment_loss): pushing its excess around would
 * reroute most of a flow. A node (or a small set) carrying more than
 * CKP_REPAIR_SHARE of the flow goes straight to push-relabel: the local
 * repair's work grows with the flow it reroutes, and above that share it ran
 * out of its budget on nearly every node of the benchmark networks, its
 * work thrown away: deep 1e5 56 of 61 nodes (0.67 s CPU), deep 1e6 63 of 67
 * (14 s), current, sparse-sources and flat 1e5 52 of 55. Kept for them: a
 * set whose in-halves all have no path to the sink in the baseline (its
 * excess is trapped or goes back, which one region search settles), and
 * small networks, where the budget is its floor of a few thousand scans,
 * less than push-relabel's setup (and the crosschecks exercise the repair).
 */
#define PATH_REPAIR 0
#define PATH_HIPR 1
#define PATH_REAUGMENT 2
#ifndef CKP_REPAIR_SHARE
#define CKP_REPAIR_SHARE 0.015
#endif
static int first_path(const ckp_flow *g, const igraph_integer_t *nodes, igraph_integer_t count)
{
    double through = 0;
    int reach = 0; /* some in-half reaches the sink in the baseline */
    for (igraph_integer_t i = 0; i < count; i++) {
        through += g->base_res[g->rev[g->node_arc[nodes[i]]]];
        reach |= g->base_label[IN(nodes[i])] < LABEL_NONE;
    }
    if (g->base_demand_bound || (count >= 2 && through > 0.01 * g->base_value))
        return PATH_REAUGMENT;
#ifdef CKP_REPAIR_SHARE_MIN_ARCS /* a crosscheck variant sets 0: every graph */
    int large = g->na >= CKP_REPAIR_SHARE_MIN_ARCS;
#else
    int large = CKP_REPAIR_BUDGET * (double)g->na > 8.0 * CKP_REPAIR_BUDGET_FLOOR;
#endif
    if (reach && large && through > CKP_REPAIR_SHARE * g->base_value)
        return PATH_HIPR;
    return PATH_REPAIR;
}

/*
 * The sets waiting for a worker, heaviest first: each worker takes the next
 * one when it is free, so one slow set does not leave the other threads
 * idle (longest processing time first, Graham 1969).
 */
typedef struct {
    pthread_mutex_t lock;
    const igraph_integer_t *order;
    igraph_integer_t next, n_sets;
    const char *stage; /* for the progress reports */
    int stopped;       /* a late worker's wait failed: no more sets */
} loss_queue;

static igraph_integer_t loss_queue_take(loss_queue *q)
{
    pthread_mutex_lock(&q->lock);
    igraph_integer_t i = q->next < q->n_sets && !q->stopped ? q->order[q->next++] : -1;
    if (i >= 0)
        ckp_progress(q->stage, (long long)q->next - 1, (long long)q->n_sets);
    pthread_mutex_unlock(&q->lock);
    return i;
}

typedef struct {
    const ckp_flow *f;
    const igraph_integer_t *const *sets;
    const igraph_integer_t *sizes;
    loss_queue *queue;
    double *losses;
    int failed;
    const ckp_loss_gate *gate; /* the late worker's */
} loss_job;

static void *loss_worker(void *arg)
{
    loss_job *job = arg;
    const ckp_flow *f = job->f;
    solver sv;
    repair r;
    double *need = NULL;
    memset(&r, 0, sizeof r);
    if (solver_init(&sv, f, 0) < 0 || repair_init(&r, f) < 0 ||
        !(need = calloc((size_t)f->nv, sizeof *need))) {
        solver_destroy(&sv);
        repair_destroy(&r);
        free(need);
        job->failed = 1;
        return NULL;
    }
    memcpy(sv.res, f->base_res, (size_t)(f->na ? f->na : 1) * sizeof *sv.res);
    for (igraph_integer_t i; (i = loss_queue_take(job->queue)) >= 0;) {
        /*
         * Cheapest first: the local repair; past its budget (or for a node
         * carrying much of the flow: see first_path), push-relabel from the
         * same start; a country (whose removal frees supply or
         * leaves demand unmet all over) cancels its flow and re-augments
         * from whichever side has less to push. So does every set when the
         * baseline is bound by demand: the sink is out of the residual reach
         * of most vertices, so excess pushed forward (the local repair, or
         * ckp_flow_hipr_remove with all the free supply) mostly ends up
         * trapped, while re-augmenting runs backward from the little demand
         * the set's flow freed. Measured on `gen 30000 1` with stocks for
         * 90 days (stress), 300 busiest nodes: 45 s by ckp_flow_hipr_remove,
         * 6.5 s by re-augmenting; the local repair failed for 88% of them.
         */
        int path = first_path(f, job->sets[i], job->sizes[i]);
        double loss = path != PATH_REPAIR
                          ? -1
                          : loss_push_relabel(&sv, &r, job->sets[i], job->sizes[i], need);
        if (loss < 0 && path != PATH_REAUGMENT) {
            loss = ckp_flow_hipr_remove_loss(&sv, job->sets[i], job->sizes[i]);
            memcpy(sv.res, f->base_res, (size_t)(f->na ? f->na : 1) * sizeof *sv.res);
        }
        if (loss < 0)
            loss = reaugment_loss(&sv, job->sets[i], job->sizes[i], need);
        if (sv.log.oom || r.log.oom || sv.oom) {
            job->failed = 1;
            break;
        }
        /* a loss found by re-solving carries rounding residue: below this it is none */
        if (loss < 1e-11 * f->base_value + f->eps)
            loss = 0;
        job->losses[i] = ckp_round_flow(loss);
        /* rounding can leave crumbs in `need`; clear the vertices the query touched */
        for (igraph_integer_t k = 0; k < job->sizes[i]; k++) {
            need[IN(job->sets[i][k])] = 0;
            need[OUT(job->sets[i][k])] = 0;
        }
    }
    free(need);
    repair_destroy(&r);
    solver_destroy(&sv);
    return NULL;
}

/* The late worker: its solver made once the gate opens; none made when it does not. */
static void *gated_worker(void *arg)
{
    loss_job *job = arg;
    if (job->gate->wait(job->gate->arg) == 0)
        return loss_worker(job);
    pthread_mutex_lock(&job->queue->lock);
    job->queue->stopped = 1;
    pthread_mutex_unlock(&job->queue->lock);
    job->failed = 1;
    return NULL;
}

/* heaviest set first; ties by index, so the order is fixed */
int ckp_set_weight_desc(const void *pa, const void *pb)
{
    const ckp_set_weight *a = pa, *b = pb;
    if (a->through != b->through)
        return a->through > b->through ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

ckp_code ckp_flow_losses(const ckp_flow *f, const igraph_integer_t *const *sets,
                         const igraph_integer_t *sizes, igraph_integer_t n_sets, int threads,
                         double *losses, ckp_error *err)
{
    return ckp_flow_losses_stage(f, sets, sizes, n_sets, threads, losses, "flow at risk", err);
}

ckp_code ckp_flow_losses_stage(const ckp_flow *f, const igraph_integer_t *const *sets,
                               const igraph_integer_t *sizes, igraph_integer_t n_sets,
                               int threads, double *losses, const char *stage, ckp_error *err)
{
    return ckp_flow_losses_gated(f, sets, sizes, n_sets, threads, losses, stage, NULL, err);
}

ckp_code ckp_flow_losses_gated(const ckp_flow *f, const igraph_integer_t *const *sets,
                               const igraph_integer_t *sizes, igraph_integer_t n_sets,
                               int threads, double *losses, const char *stage,
                               const ckp_loss_gate *gate, ckp_error *err)
{
    if (!f->base_res)
        return ckp_error_set(err, CKP_EINTERNAL, "flow losses asked before a baseline was kept");
    if (threads < 1)
        threads = 1;
    if (threads > 16)
        threads = 16;
    if (threads > n_sets)
        threads = n_sets > 0 ? (int)n_sets : 1;
    size_t ns = (size_t)(n_sets ? n_sets : 1);
    ckp_set_weight *weights = malloc(ns * sizeof *weights);
    igraph_integer_t *order = malloc(ns * sizeof *order);
    if (!weights || !order) {
        free(weights);
        free(order);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory computing flow at risk");
    }
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        double through = 0;
        for (igraph_integer_t k = 0; k < sizes[i]; k++)
            through += f->base_res[f->rev[f->node_arc[sets[i][k]]]];
        weights[i] = (ckp_set_weight){through, i};
    }
    qsort(weights, (size_t)n_sets, sizeof *weights, ckp_set_weight_desc);
    for (igraph_integer_t i = 0; i < n_sets; i++)
        order[i] = weights[i].index;
    free(weights);
    loss_queue queue = {.order = order, .next = 0, .n_sets = n_sets, .stage = stage};
    pthread_mutex_init(&queue.lock, NULL);
    loss_job jobs[16];
    pthread_t tids[16];
    int started[16] = {0};
    for (int t = 0; t < threads; t++) {
        int late = gate && t > 0 && t == threads - 1;
        jobs[t] = (loss_job){f, sets, sizes, &queue, losses, 0, late ? gate : NULL};
        /* the first job runs on this thread; the rest in their own */
        if (t > 0)
            started[t] = pthread_create(&tids[t], NULL, late ? gated_worker : loss_worker,
                                        &jobs[t]) == 0;
    }
    loss_worker(&jobs[0]); /* also takes the share of any thread that did not start */
    int failed = 0;
    for (int t = 0; t < threads; t++) {
        if (t > 0 && started[t])
            pthread_join(tids[t], NULL);
        failed |= jobs[t].failed;
    }
    pthread_mutex_destroy(&queue.lock);
    free(order);
    if (failed || queue.next < n_sets)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory computing flow at risk");
    ckp_progress(stage, (long long)n_sets, (long long)n_sets);
    return CKP_OK;
}
