/*
 * Maximum flow by highest-label push-relabel with global relabelling and
 * the gap heuristic (Goldberg and Tarjan 1988; Cherkassky and Goldberg 1997,
 * "On implementing the push-relabel method for the maximum flow problem",
 * Algorithmica 19). O(V^2 sqrt(E)) in the worst case; on tiered supply
 * networks a few passes over the arcs, because the global relabellings give
 * exact distances and the excess runs down them tier by tier.
 *
 * It starts from any valid flow (zero for a solve, the baseline with a
 * country's flow taken out for a repair), so it serves both:
 * 1. every source arc is saturated (an unbounded one up to what its head can
 *    pass on), which leaves excess at the sources;
 * 2. phase one moves excess towards the sink along admissible arcs (label one
 *    lower), highest label first, until no excess can reach the sink: the
 *    flow into the sink is then maximal;
 * 3. phase two walks the excess that is left back to the source along the
 *    flow that brought it (ckp_flow_cancel, which also cancels flow cycles),
 *    so that the result is a flow again.
 *
 * Excess that cannot reach the sink is the costly part: it is pushed down,
 * found trapped, and walked back. So the solver runs in whichever direction
 * starts with less of it: forward as above, or backward on the reversed
 * residual graph, from the sink's unmet demand towards the source (a
 * "deficit" that pulls flow). Taking a country's end users out, for
 * instance, frees supply that mostly has nowhere to go (forward is costly)
 * but leaves little unmet demand (backward is cheap); taking its mines out
 * is the other way round.
 *
 * The start totals are a guess, and a wrong one is dear: when they are
 * close the wrong direction took 4 to 14 global relabellings where the
 * right one took 1 or 2 (every country of the four benchmark shapes at
 * 1e5, issue 21), up to 20 times the time. A caller that can restore its
 * start asks for a hedge: the guessed direction gives up before a third
 * global relabelling, and the caller runs the other one to the end.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "bigalloc.h"
#include "flow_internal.h"

/* a body its callers specialise by a constant argument (the direction) */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* a relabel costs its arc scan plus this (Cherkassky and Goldberg's BETA) */
#define RELABEL_COST 12
/* a global relabel after this much relabel work per (6 V + E)/2 */
#define GLOBAL_ALPHA 6
/*
 * CKP_HIPR_HEDGE gives a direction up rather than make more global relabellings than
 * this (the crosscheck builds a variant with 0, which gives up at once: every
 * re-augmentation then runs the other direction)
 */
#ifndef CKP_HEDGE_RELABELS
#define CKP_HEDGE_RELABELS 2
#endif

/*
 * A vertex's state but its label in one 32-byte record, half a cache line: expanding a
 * vertex (its arcs), labelling it (its bucket's links, its excess) or pushing to it (its
 * excess) reads and writes one line rather than one in each of five arrays, at random over
 * the graph. The labels stay an array of their own: the searches and the discharges read
 * every arc's head's label, and 4 bytes a vertex stay in cache where 32 would not (at 1e6
 * nodes, 8 MB against 64 MB a thread). Arcs are 32-bit here (ready() checks that they fit).
 */
typedef struct {
    double excess;
    int32_t begin, end; /* its arcs: the graph's first[v] and first[v + 1], copied */
    int32_t cur;        /* current arc */
    int32_t next, prev; /* bucket lists: active singly, inactive doubly linked */
    int32_t unused;
} hipr_vertex;

struct ckp_hipr {
    igraph_integer_t nv;
    int32_t *d;                 /* distance label; nv for a vertex cut off from the sink */
    hipr_vertex *vx;            /* each vertex's arcs, current arc, lists and excess */
    int32_t *active, *inactive; /* first vertex of each label's lists, -1 if none */
    /*
     * the searches' queue: the solver's own (its Dinic levels and the repair's regions never
     * search while push-relabel runs), 8 MB a thread less at 1e6 nodes
     */
    int32_t *queue;
    /*
     * One bit an arc, set when its residual is above eps: the forward
     * global relabelling's test of each reverse arc, read from a 1/64th-size
     * copy (150 KB at 1e5, rather than a random read of the residuals)
     */
    uint64_t *room;
    /*
     * One bit a vertex, set once the global relabelling has labelled it: its
     * test of every arc's head reads this (25 KB at 1e5, small enough to stay
     * in cache) rather than the head's label at random
     */
    uint64_t *seen;
    /* room's bits for the baseline's residuals (ckp_flow_hipr_remove_loss), made on first use */
    uint64_t *room_base;
    int32_t dmax, amax;
    /*
     * ckp_flow_hipr_remove: vertices short of flow, sinks next to t while
     * short; and the source as an ordinary vertex, so that supply returned
     * to it can go out again through another source arc.
     */
    const igraph_integer_t *short_of;
    igraph_integer_t n_short;
    int source_free;
};

void ckp_hipr_free(ckp_hipr *w)
{
    if (!w)
        return;
    free(w->d);
    free(w->vx);
    free(w->active);
    free(w->inactive);
    free(w->room);
    free(w->seen);
    free(w->room_base);
    free(w);
}

static ckp_hipr *hipr_new(const ckp_flow *g, int32_t *queue)
{
    igraph_integer_t nv = g->nv, na = g->na;
    ckp_hipr *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    size_t n = (size_t)nv + 1;
    w->nv = nv;
    w->d = ckp_big_malloc(n * sizeof *w->d);
    w->vx = ckp_big_malloc(n * sizeof *w->vx);
    w->active = ckp_big_malloc(n * sizeof *w->active);
    w->inactive = ckp_big_malloc(n * sizeof *w->inactive);
    w->queue = queue;
    w->room = ckp_big_malloc(((size_t)na / 64 + 1) * sizeof *w->room);
    w->seen = ckp_big_malloc((n / 64 + 1) * sizeof *w->seen);
    w->dmax = (int32_t)nv - 1; /* every bucket unset: the first search clears them all */
    if (w->vx)
        for (igraph_integer_t v = 0; v < nv; v++) {
            w->vx[v].begin = (int32_t)g->first[v];
            w->vx[v].end = (int32_t)g->first[v + 1];
        }
    if (!w->d || !w->vx || !w->active || !w->inactive || !w->queue || !w->room || !w->seen) {
        ckp_hipr_free(w);
        return NULL;
    }
    return w;
}

static inline void add_active(ckp_hipr *w, int32_t v)
{
    int32_t l = w->d[v];
    w->vx[v].next = w->active[l];
    w->active[l] = v;
    if (l > w->amax)
        w->amax = l;
}

static inline void add_inactive(ckp_hipr *w, int32_t v)
{
    int32_t l = w->d[v], f = w->inactive[l];
    w->vx[v].next = f;
    w->vx[v].prev = -1;
    if (f >= 0)
        w->vx[f].prev = v;
    w->inactive[l] = v;
}

static inline void remove_inactive(ckp_hipr *w, int32_t v)
{
    int32_t p = w->vx[v].prev, x = w->vx[v].next;
    if (p >= 0)
        w->vx[p].next = x;
    else
        w->inactive[w->d[v]] = x;
    if (x >= 0)
        w->vx[x].prev = p;
}

/*
 * The direction: forward solves on the residual graph from s to t;
 * backward on its reverse from t to s, where arc a's residual is that of
 * rev[a] and pushing along a moves flow along rev[a]. `back` is a constant
 * in each caller, so the compiler makes one copy of each loop per direction.
 */
static inline double rcap(const double *res, const int32_t *rev, igraph_integer_t a,
                          int back)
{
    return back ? res[rev[a]] : res[a];
}

static inline void rpush(double *res, const int32_t *rev, igraph_integer_t a, double b,
                         int back)
{
    igraph_integer_t x = back ? rev[a] : a, y = back ? a : rev[a];
    res[x] -= b;
    res[y] += b;
}

/*
 * The searches below read, for each arc a out of the vertex they expand, the
 * label of its head and the residual of the arc's reverse: a cache miss each
 * at a million nodes, which the processor would otherwise take one at a
 * time. Fetching them some arcs ahead, and the arc lists of the vertices
 * some places further in the queue, overlaps the misses (a global
 * relabelling of the 1e6 benchmark network: about 0.47 s down to 0.37 s).
 */

static inline void fetch_queue_ahead(const ckp_flow *g, const ckp_hipr *w, int32_t qh,
                                     int32_t qt)
{
    if (qh + 2 * FETCH_VERTICES < qt) {
        CKP_FETCH(&w->vx[w->queue[qh + 2 * FETCH_VERTICES]]);
        CKP_FETCH(&w->d[w->queue[qh + 2 * FETCH_VERTICES]]);
    }
    if (qh + FETCH_VERTICES < qt) {
        /* its last line too, when another (deep 1e6, every country on one thread: 3 to 10%
           less CPU than the first alone; six arcs a vertex on average) */
        const hipr_vertex *x = &w->vx[w->queue[qh + FETCH_VERTICES]];
        if (x->end > x->begin) {
            ckp_fetch_span(&g->head[x->begin], &g->head[x->end - 1]);
            ckp_fetch_span(&g->rev[x->begin], &g->rev[x->end - 1]);
        }
    }
}

/*
 * The global relabelling's fetches go by the queue, not by the arc index:
 * the arcs after a vertex's are another, unrelated vertex's (a fetch
 * 2 x FETCH_ARCS arcs ahead read a head[] line at random). Its arc lists
 * come FETCH_VERTICES queued vertices ahead (fetch_queue_ahead); backward,
 * the line of its residuals FETCH_LABELS ahead; FETCH_EXCESS ahead, for the
 * heads still unlabelled (by the `seen` bits, in cache), their label and the
 * room of their arcs. Their records (excess, list links) wait for their own
 * turn in the queue, 2 x FETCH_VERTICES ahead.
 */
#define FETCH_LABELS 4
#define FETCH_EXCESS 2

/*
 * seed_labels' fetches, by the queue as the global relabelling's: the labels of the heads of
 * the vertex FETCH_EXCESS places ahead, whose arc lists fetch_queue_ahead has brought in.
 * They used to be fetched 2 x FETCH_ARCS arcs ahead by index, which past a vertex's few arcs
 * read another vertex's head[] line at random and waited for it: deep 1e6, the 70 busy nodes'
 * searches took 13 to 17% less CPU (8.5 to 7.4 s, and 9.3 to 7.7 s with the cores swapped).
 */
static inline void fetch_seed_heads(const ckp_flow *g, const ckp_hipr *w, int32_t qh, int32_t qt)
{
    if (qh + FETCH_EXCESS < qt) {
        int32_t z = w->queue[qh + FETCH_EXCESS];
        for (igraph_integer_t a = w->vx[z].begin; a < w->vx[z].end; a++)
            CKP_FETCH(&w->d[g->head[a]]);
    }
}

/*
 * What the FETCH_EXCESS pass found: which of a queued vertex's first 64 arcs had a head still
 * unlabelled. Heads are only ever labelled during the search, so when the vertex's turn comes
 * its loop need only look at those arcs (a superset of the ones it labels), in the same order:
 * most arcs lead to vertices labelled already. `pos` is the queue position a mask is for, -1
 * none; a ring of 4 > FETCH_EXCESS positions. A vertex of more than 64 arcs scans them all.
 */
typedef struct {
    int32_t pos[4];
    uint64_t mask[4];
} prescan;

static inline void fetch_labelling(const ckp_flow *g, const ckp_hipr *w, const double *res,
                                   int32_t qh, int32_t qt, int back, prescan *pre)
{
    const int32_t *head = g->head;
    const uint64_t *seen = w->seen;
    if (back && qh + FETCH_LABELS < qt) /* backward the room is the arc's own residual */
        CKP_FETCH(&res[w->vx[w->queue[qh + FETCH_LABELS]].begin]);
    if (qh + FETCH_EXCESS < qt) {
        int32_t p = qh + FETCH_EXCESS, z = w->queue[p];
        igraph_integer_t from = w->vx[z].begin, to = w->vx[z].end;
        uint64_t mask = 0;
        for (igraph_integer_t a = from; a < to; a++)
            if (!ckp_bit_is_set(seen, head[a])) {
                CKP_FETCH(&w->d[head[a]]);
                if (!back)
                    CKP_FETCH(&w->room[g->rev[a] >> 6]);
                mask |= (uint64_t)1 << ((a - from) & 63);
            }
        pre->pos[p & 3] = p;
        pre->mask[p & 3] = mask;
    }
}

/*
 * w->room from the residuals, in one sequential pass; with SSE2 (every x86-64) two
 * comparisons an instruction, the same bits (an ordered `>`, as C's): a third of the
 * instructions of the loop bit by bit, which was a sixth of a global relabelling's
 */
#if defined(__SSE2__)
static inline unsigned room_pair(const double *r, __m128d eps)
{
    return (unsigned)_mm_movemask_pd(_mm_cmpgt_pd(_mm_loadu_pd(r), eps));
}
#endif

static void mark_room(uint64_t *room, const double *res, igraph_integer_t na, double eps)
{
    igraph_integer_t words = na / 64;
#if defined(__SSE2__)
    __m128d e = _mm_set1_pd(eps);
    for (igraph_integer_t i = 0; i < words; i++) {
        const double *r = res + 64 * i;
        uint64_t bits = 0;
        for (int j = 0; j < 64; j += 8) {
            unsigned m = room_pair(r + j, e) | room_pair(r + j + 2, e) << 2 |
                         room_pair(r + j + 4, e) << 4 | room_pair(r + j + 6, e) << 6;
            bits |= (uint64_t)m << j;
        }
        room[i] = bits;
    }
#else
    for (igraph_integer_t i = 0; i < words; i++) {
        const double *r = res + 64 * i;
        uint64_t bits = 0;
        for (int j = 0; j < 64; j++)
            bits |= (uint64_t)(r[j] > eps) << j;
        room[i] = bits;
    }
#endif
    uint64_t bits = 0;
    for (igraph_integer_t a = 64 * words; a < na; a++)
        bits |= (uint64_t)(res[a] > eps) << (a & 63);
    room[words] = bits;
}

static inline int lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return __builtin_ctzll(m);
#else
    int i = 0;
    while (!(m & 1)) {
        m >>= 1;
        i++;
    }
    return i;
#endif
}

/* relabel_all's step along arc a into the vertex it expands: its head labelled dl if still
   unlabelled and the arc's reverse has room (backward its residual is that of rev[rev[a]] = a) */
static ALWAYS_INLINE void label_head(ckp_hipr *w, const ckp_flow *g, const double *res,
                                     igraph_integer_t a, int32_t dl, int32_t *qt, int back)
{
    int32_t x = g->head[a];
    if (!ckp_bit_is_set(w->seen, x) &&
        (back ? res[a] > g->eps : ckp_bit_is_set(w->room, g->rev[a]))) {
        ckp_bit_set(w->seen, x);
        w->d[x] = dl;
        w->queue[(*qt)++] = x;
    }
}

/*
 * Exact labels: the residual distance of every vertex to the sink, by a
 * backward breadth-first search. A vertex that cannot reach the sink gets nv
 * and leaves phase one, excess and all.
 */
static ALWAYS_INLINE void relabel_all(solver *sv, ckp_hipr *w, int back)
{
    const ckp_flow *g = sv->g;
    const double *res = sv->res;
    int32_t nv = (int32_t)g->nv;
    igraph_integer_t src = back ? g->t : g->s, dst = back ? g->s : g->t;
    for (int32_t l = 0; l <= w->dmax; l++)
        w->active[l] = w->inactive[l] = -1;
    /* every label unset and every current arc at its first, in one sequential pass */
    for (int32_t v = 0; v < nv; v++) {
        w->d[v] = nv;
        w->vx[v].cur = w->vx[v].begin;
    }
    memset(w->seen, 0, ((size_t)nv / 64 + 1) * sizeof *w->seen);
    w->dmax = w->amax = 0;
    int32_t qh = 0, qt = 0;
    w->d[dst] = 0;
    ckp_bit_set(w->seen, dst);
    w->queue[qt++] = (int32_t)dst;
    for (igraph_integer_t i = 0; i < w->n_short; i++) {
        int32_t v = (int32_t)w->short_of[i];
        if (w->vx[v].excess < -g->eps && !ckp_bit_is_set(w->seen, v)) {
            ckp_bit_set(w->seen, v);
            w->d[v] = 0;
            w->queue[qt++] = v;
            add_inactive(w, v);
        }
    }
    if (!back)
        mark_room(w->room, res, g->na, g->eps);
    int32_t *queue = w->queue;
    /* the source kept out (unless free) as if labelled already, rather than by a test of
       every arc's head against it */
    if (!w->source_free)
        ckp_bit_set(w->seen, src);
    prescan pre = {{-1, -1, -1, -1}, {0, 0, 0, 0}};
    /*
     * A vertex joins its label's list when its turn in the queue comes, not when it is
     * labelled: the same lists in the same order (the queue's), but its record is read then
     * anyway (its arcs), where at its labelling it was one more miss a head (deep 1e6, every
     * country on one thread: 3 to 11% less CPU).
     */
    int32_t listed = qt; /* the queue's first vertices are the sink and the shortages */
    while (qh < qt) {
        fetch_queue_ahead(g, w, qh, qt);
        fetch_labelling(g, w, res, qh, qt, back, &pre);
        int32_t y = queue[qh];
        int32_t dl = w->d[y] + 1;
        igraph_integer_t from = w->vx[y].begin, to = w->vx[y].end;
        if (qh >= listed) {
            if (w->vx[y].excess > g->eps)
                add_active(w, y);
            else
                add_inactive(w, y);
        }
        if (pre.pos[qh & 3] == qh && to - from <= 64) {
            for (uint64_t m = pre.mask[qh & 3]; m; m &= m - 1)
                label_head(w, g, res, from + lowest_bit(m), dl, &qt, back);
        } else {
            for (igraph_integer_t a = from; a < to; a++)
                label_head(w, g, res, a, dl, &qt, back);
        }
        qh++;
    }
    /* the last vertex queued has the highest label (the queue is in label order) */
    w->dmax = w->d[queue[qt - 1]];
}

/* one copy of the search per direction, with `back` a constant in each: a tenth fewer
   instructions than testing it at every arc (callgrind, the 1e5 benchmark network) */
static void global_relabel(solver *sv, ckp_hipr *w, int back)
{
    if (back)
        relabel_all(sv, w, 1);
    else
        relabel_all(sv, w, 0);
}

/*
 * Label l has just lost its last vertex: nothing above it can reach the sink
 * any more (every path down would pass through l), so all of it leaves.
 * Only inactive vertices are above l: the highest active one is being
 * discharged.
 */
static void gap(ckp_hipr *w, int32_t l)
{
    int32_t nv = (int32_t)w->nv;
    for (int32_t k = l + 1; k <= w->dmax; k++) {
        for (int32_t v = w->inactive[k]; v >= 0; v = w->vx[v].next)
            w->d[v] = nv;
        w->inactive[k] = -1;
    }
    w->dmax = l - 1;
    if (w->amax > w->dmax)
        w->amax = w->dmax;
}

/*
 * Push v's excess down admissible arcs; relabel when none is left. Returns
 * the relabel work done.
 */
static ALWAYS_INLINE long long discharge(solver *sv, ckp_hipr *w, int32_t v, int back)
{
    const ckp_flow *g = sv->g;
    double *res = sv->res, eps = g->eps, ex = w->vx[v].excess;
    const int32_t *head = g->head, *rev = g->rev;
    int32_t nv = (int32_t)g->nv, dv = w->d[v];
    igraph_integer_t dst = back ? g->s : g->t;
    igraph_integer_t begin = w->vx[v].begin, end = w->vx[v].end;
    long long work = 0;
    /* the labels of the heads ahead, fetched together rather than one miss at a time */
    for (igraph_integer_t a = w->vx[v].cur, stop = a + 16 < end ? a + 16 : end; a < stop; a++)
        CKP_FETCH(&w->d[head[a]]);
    /* and what a push along the current arc writes: its reverse's residual, its head's excess */
    if (w->vx[v].cur < end) {
        CKP_FETCH(&res[rev[w->vx[v].cur]]);
        CKP_FETCH(&w->vx[head[w->vx[v].cur]].excess);
    }
    for (;;) {
        igraph_integer_t a = w->vx[v].cur;
        for (; a < end; a++) {
            int32_t x = (int32_t)head[a];
            if (w->d[x] != dv - 1)
                continue;
            double r = rcap(res, rev, a, back);
            if (r <= eps)
                continue;
            double b = ex < r ? ex : r;
            rpush(res, rev, a, b, back);
            double before = w->vx[x].excess;
            w->vx[x].excess += b;
            /* x becomes active once it has excess (a shortage may still be short) */
            if (x != dst && before <= eps && w->vx[x].excess > eps) {
                remove_inactive(w, x);
                add_active(w, x);
                /*
                 * x is the next discharged three times in four (the label's list was empty:
                 * the excess runs down a chain), and rev[a] is one of its arcs: fetch its
                 * current arc, its arc end and the lines of its arcs around rev[a] now rather
                 * than one dependent miss after another at its turn (the first max flow's
                 * solve 5-12% less CPU on the four 1e5 shapes)
                 */
                CKP_FETCH(&w->vx[x]);
                CKP_FETCH(&head[rev[a]]);
                CKP_FETCH(&rev[rev[a]]);
            }
            ex -= b;
            if (ex <= eps)
                break;
        }
        if (ex <= eps) {
            w->vx[v].excess = ex;
            w->vx[v].cur = (int32_t)a;
            add_inactive(w, v);
            return work;
        }
        /* relabel: one above the lowest neighbour with residual capacity left */
        work += RELABEL_COST + (end - begin);
        if (dv > 0 && w->active[dv] < 0 && w->inactive[dv] < 0) { /* t holds label 0 */
            gap(w, dv);
            w->d[v] = nv;
            break;
        }
        int32_t low = nv;
        igraph_integer_t low_arc = begin;
        for (igraph_integer_t b = begin; b < end; b++)
            if (w->d[head[b]] < low && rcap(res, rev, b, back) > eps) {
                low = w->d[head[b]];
                low_arc = b;
            }
        if (low + 1 >= nv) {
            w->d[v] = nv;
            break;
        }
        dv = w->d[v] = low + 1;
        w->vx[v].cur = (int32_t)low_arc;
        if (dv > w->dmax)
            w->dmax = dv;
    }
    w->vx[v].excess = ex; /* cut off from the sink: phase two sends it back */
    return work;
}

/*
 * What vertex v can pass on (forward: out along its arcs; backward: in
 * along them), not counting arcs back to where the excess came from.
 */
static double pass_on(const ckp_flow *g, const double *res, igraph_integer_t v, int back)
{
    igraph_integer_t origin = back ? g->t : g->s;
    double out = 0;
    for (igraph_integer_t a = g->first[v]; a < g->first[v + 1]; a++)
        if (g->head[a] != origin)
            out += rcap(res, g->rev, a, back);
    return out;
}

/*
 * How much to saturate arc b out of the start (s forward, t backward): its
 * residual, but no more than its other end can pass on, which excludes
 * mines already at capacity and end users taken out; `cap` when both are
 * unbounded.
 */
static double start_amount(const ckp_flow *g, const double *res, igraph_integer_t b, int back,
                           double cap)
{
    igraph_integer_t a = back ? g->rev[b] : b; /* the arc of the network */
    if (!g->forward[a] || res[a] <= g->eps)
        return 0;
    double on = pass_on(g, res, g->head[b], back), x = res[a] < on ? res[a] : on;
    return isfinite(x) ? x : cap;
}

static double start_total(const ckp_flow *g, const double *res, int back, double cap)
{
    igraph_integer_t from = back ? g->t : g->s;
    double total = 0;
    for (igraph_integer_t b = g->first[from]; b < g->first[from + 1]; b++)
        total += start_amount(g, res, b, back, cap);
    return total;
}

/*
 * Valid labels for ckp_flow_hipr_remove without a search of the whole
 * graph: the baseline's exact labels (the residual graph has only lost arcs
 * since, so they are still lower bounds), lowered near the shortages by a
 * breadth-first search from them that goes no further than where it
 * improves on the baseline: beyond, the baseline labels are already valid
 * against the lowered ones (Goldberg and Tarjan's validity, d(u) <= d(v) + 1
 * on every residual arc, holds arc by arc).
 */
static void seed_labels(solver *sv, ckp_hipr *w)
{
    const ckp_flow *g = sv->g;
    const int32_t *rev = g->rev;
    int32_t nv = (int32_t)g->nv, qh = 0, qt = 0;
    /* the buckets above dmax are empty (every solve keeps them so): O(labels used), not O(nv) */
    for (int32_t l = 0; l <= w->dmax && l < nv; l++)
        w->active[l] = w->inactive[l] = -1;
    for (int32_t v = 0; v < nv; v++)
        w->d[v] = g->base_label[v] < nv ? g->base_label[v] : nv;
    for (igraph_integer_t i = 0; i < w->n_short; i++) {
        int32_t v = (int32_t)w->short_of[i];
        if (w->vx[v].excess < -g->eps && w->d[v] > 0) {
            w->d[v] = 0;
            w->queue[qt++] = v;
        }
    }
    const int32_t *head = g->head;
    const uint64_t *room = w->room;
    while (qh < qt) {
        /* the room bits are in cache: only the arc lists and the heads' labels are fetched */
        fetch_queue_ahead(g, w, qh, qt);
        fetch_seed_heads(g, w, qh, qt);
        int32_t y = w->queue[qh++], dl = w->d[y] + 1;
        for (igraph_integer_t a = w->vx[y].begin; a < w->vx[y].end; a++) {
            int32_t x = (int32_t)head[a];
            if (dl < w->d[x] && x != g->t && ckp_bit_is_set(room, rev[a])) {
                w->d[x] = dl;
                w->queue[qt++] = x;
            }
        }
    }
    w->dmax = w->amax = 0;
    for (int32_t v = nv - 1; v >= 0; v--) {
        if (w->d[v] >= nv || v == g->t)
            continue;
        w->vx[v].cur = w->vx[v].begin;
        if (w->vx[v].excess > g->eps)
            add_active(w, v);
        else
            add_inactive(w, v);
        if (w->d[v] > w->dmax)
            w->dmax = w->d[v];
    }
}

/*
 * A discharge is a chain of dependent misses: the vertex's current arc, the
 * arc's head, reverse and residual, then the head's label and excess and
 * the reverse's residual. While one vertex is discharged, the next three of
 * its label's active list are fetched a step of that chain each, the
 * furthest its first step: each link of the chain then comes from the cache.
 * Only a fetch: a list changed since costs a wasted one, never a decision.
 * The list has a next only one discharge in three (sparse-sources 1e5): the
 * others are of the vertex the last push activated, fetched by discharge.
 */
static inline void fetch_next_active(const ckp_flow *g, const ckp_hipr *w, const double *res,
                                     int32_t u)
{
    if (u < 0)
        return;
    igraph_integer_t c = w->vx[u].cur;
    if (c < w->vx[u].end) {
        CKP_FETCH(&w->d[g->head[c]]);
        CKP_FETCH(&w->vx[g->head[c]]);
        CKP_FETCH(&res[g->rev[c]]);
    }
    int32_t u2 = w->vx[u].next;
    if (u2 < 0)
        return;
    c = w->vx[u2].cur;
    CKP_FETCH(&g->head[c]);
    CKP_FETCH(&g->rev[c]);
    CKP_FETCH(&res[c]);
    int32_t u3 = w->vx[u2].next;
    if (u3 < 0)
        return;
    CKP_FETCH(&w->vx[u3]);
    CKP_FETCH(&w->d[u3]);
}

/*
 * give_up: return -2 (the residuals left mid-way) rather than relabel
 * globally a third time: see CKP_HIPR_HEDGE.
 */
static ALWAYS_INLINE double run_in(solver *sv, ckp_hipr *w, int back, int labelled,
                                   int settle, int give_up)
{
    const ckp_flow *g = sv->g;
    double eps = g->eps;
    igraph_integer_t dst = back ? g->s : g->t;
    if (!labelled) {
        w->dmax = (int32_t)g->nv - 1; /* global_relabel clears every bucket the first time */
        global_relabel(sv, w, back);
    }
    long long work = 0, budget = (GLOBAL_ALPHA * (long long)g->nv + (long long)g->na) / 2;
    int relabels = 1;
    if (give_up && CKP_HEDGE_RELABELS == 0)
        return -2;
    while (w->amax >= 0) {
        int32_t v = w->active[w->amax];
        if (v < 0) {
            w->amax--;
            continue;
        }
        int32_t u = w->active[w->amax] = w->vx[v].next;
        fetch_next_active(g, w, sv->res, u);
        work += discharge(sv, w, v, back);
        if (work > budget) {
            if (give_up && ++relabels > CKP_HEDGE_RELABELS)
                return -2;
            global_relabel(sv, w, back);
            work = 0;
        }
    }
    /*
     * Phase two: what could not reach the sink goes back where it came from;
     * a shortage nothing filled is passed on, forward along the flow, to the
     * sink (only ckp_flow_hipr_remove makes shortages, and runs forward).
     * The value is known already: a caller that throws the flow away skips it.
     */
    if (!settle)
        return w->vx[dst].excess;
    double undone = 0;
    for (igraph_integer_t v = 0; v < g->nv; v++) {
        if (v == g->s || v == g->t)
            continue;
        if (w->vx[v].excess > eps)
            ckp_flow_cancel(sv, v, w->vx[v].excess, !back, NULL, &undone);
        else if (w->vx[v].excess < -eps)
            ckp_flow_cancel(sv, v, -w->vx[v].excess, 0, NULL, &undone);
    }
    return w->vx[dst].excess;
}

/* run_in, one copy per direction as global_relabel (a tenth fewer instructions) */
static double run(solver *sv, ckp_hipr *w, int back, int labelled, int settle, int give_up)
{
    return back ? run_in(sv, w, 1, labelled, settle, give_up)
                : run_in(sv, w, 0, labelled, settle, give_up);
}

static int ready(solver *sv)
{
    const ckp_flow *g = sv->g;
    if (g->nv >= INT32_MAX - 1 || g->na >= INT32_MAX)
        return 0;
    return sv->hipr || (sv->hipr = hipr_new(g, sv->queue));
}

/*
 * Whether the residual graph may still have a path from source to sink: a
 * search from the source, then one towards the sink, each given up after
 * `limit` vertices. 0 only when one of them runs out of vertices first: no
 * path, so nothing can be added. A country whose loss is its whole flow
 * is settled this way in a fraction of a global relabelling.
 */
static int may_augment(solver *sv, ckp_hipr *w, int32_t limit)
{
    const ckp_flow *g = sv->g;
    const double *res = sv->res;
    int32_t nv = (int32_t)g->nv;
    for (int back = 0; back < 2; back++) {
        int32_t from = (int32_t)(back ? g->t : g->s), to = (int32_t)(back ? g->s : g->t);
        int32_t qh = 0, qt = 0;
        for (int32_t v = 0; v < nv; v++)
            w->d[v] = 0;
        w->d[from] = 1;
        w->queue[qt++] = from;
        while (qh < qt && qt < limit) {
            int32_t y = w->queue[qh++];
            for (igraph_integer_t a = w->vx[y].begin; a < w->vx[y].end; a++) {
                int32_t x = (int32_t)g->head[a];
                if (w->d[x] || rcap(res, g->rev, a, back) <= g->eps)
                    continue;
                if (x == to)
                    return 1;
                w->d[x] = 1;
                w->queue[qt++] = x;
            }
        }
        if (qh == qt)
            return 0; /* every vertex it can reach, and not the other end */
    }
    return 1;
}

double ckp_flow_hipr(solver *sv, int keep_flow)
{
    return ckp_flow_hipr_mode(sv, keep_flow, CKP_HIPR_AUTO);
}

double ckp_flow_hipr_mode(solver *sv, int keep_flow, int mode)
{
    const ckp_flow *g = sv->g;
    double *res = sv->res, eps = g->eps;
    if (!ready(sv))
        return -1;
    ckp_hipr *w = sv->hipr;
    if (!may_augment(sv, w, (int32_t)(g->nv / 16 + 1024)))
        return 0;
    /* start from the side with less to push: less of it can end up trapped */
    double fwd = start_total(g, res, 0, INFINITY), bwd = start_total(g, res, 1, INFINITY);
    int back = (bwd < fwd) != (mode == CKP_HIPR_FLIP);
    double cap = back ? fwd : bwd; /* an unbounded start arc: no more than the far side takes */
    if (!isfinite(back ? bwd : fwd))
        return -1; /* nothing bounds it: leave it to Dinic */
    for (igraph_integer_t v = 0; v < g->nv; v++)
        w->vx[v].excess = 0;
    igraph_integer_t from = back ? g->t : g->s;
    for (igraph_integer_t b = g->first[from]; b < g->first[from + 1]; b++) {
        double x = start_amount(g, res, b, back, cap);
        if (x <= eps)
            continue;
        rpush(res, g->rev, b, x, back);
        w->vx[g->head[b]].excess += x;
    }
    int hedge = mode == CKP_HIPR_HEDGE;
    return back ? run(sv, w, 1, 0, keep_flow, hedge) : run(sv, w, 0, 0, keep_flow, hedge);
}

static int vertex_asc(const void *pa, const void *pb)
{
    igraph_integer_t a = *(const igraph_integer_t *)pa, b = *(const igraph_integer_t *)pb;
    return (a > b) - (a < b);
}

/*
 * run_in's phase two for ckp_flow_hipr_remove_loss, where only the sink's
 * arcs count: the shortages left go on to the sink, in vertex order as run_in
 * walks them, but the trapped excess is not walked back (O(shortages), not
 * O(vertices) and every trapped vertex's walk). The loss is the same to the
 * bit: a walk back never reaches the sink, and it never meets an arc a walk
 * from a shortage reads, since a vertex on both would let the excess reach
 * the shortage through the residual graph: it would not be trapped.
 */
static void settle_shortages(solver *sv, ckp_hipr *w, igraph_integer_t *short_of)
{
    double undone = 0;
    qsort(short_of, (size_t)w->n_short, sizeof *short_of, vertex_asc);
    for (igraph_integer_t i = 0; i < w->n_short; i++) {
        igraph_integer_t v = short_of[i];
        if (w->vx[v].excess < -sv->g->eps)
            ckp_flow_cancel(sv, v, -w->vx[v].excess, 0, NULL, &undone);
    }
}

#ifdef CKP_ROOM_CHECK
int ckp_room_mismatches;
#endif

static inline void put_room(uint64_t *room, const double *res, igraph_integer_t a, double eps)
{
    uint64_t bit = (uint64_t)1 << (a & 63);
    room[a >> 6] = res[a] > eps ? room[a >> 6] | bit : room[a >> 6] & ~bit;
}

/*
 * mark_room for ckp_flow_hipr_remove_loss, whose residuals are the baseline's but at the
 * set's node arcs and the source's arcs: the baseline's bits (one pass over the residuals a
 * loss worker, not one a set), with those arcs' put again. 0 when out of memory.
 */
static int room_of_loss(ckp_hipr *w, const ckp_flow *g, const double *res,
                        const igraph_integer_t *nodes, igraph_integer_t count)
{
    size_t words = (size_t)g->na / 64 + 1;
    if (!w->room_base) {
        if (!(w->room_base = ckp_big_malloc(words * sizeof *w->room_base)))
            return 0;
        mark_room(w->room_base, g->base_res, g->na, g->eps);
    }
    memcpy(w->room, w->room_base, words * sizeof *w->room);
    for (igraph_integer_t i = 0; i < count; i++) {
        igraph_integer_t a = g->node_arc[nodes[i]];
        put_room(w->room, res, a, g->eps);
        put_room(w->room, res, g->rev[a], g->eps);
    }
    for (igraph_integer_t b = g->first[g->s]; b < g->first[g->s + 1]; b++)
        put_room(w->room, res, b, g->eps);
#ifdef CKP_ROOM_CHECK /* the crosscheck's fallback variant counts bits unlike a pass's */
    uint64_t *pass = malloc(words * sizeof *pass);
    if (pass) {
        mark_room(pass, res, g->na, g->eps);
        ckp_room_mismatches += memcmp(pass, w->room, words * sizeof *pass) != 0;
        free(pass);
    }
#endif
    return 1;
}

static double hipr_remove(solver *sv, const igraph_integer_t *nodes, igraph_integer_t count,
                          int keep_flow)
{
    const ckp_flow *g = sv->g;
    double *res = sv->res, eps = g->eps;
    igraph_integer_t *short_of = malloc((size_t)(count ? count : 1) * sizeof *short_of);
    if (!short_of || !ready(sv)) {
        free(short_of);
        return -1;
    }
    ckp_hipr *w = sv->hipr;
    for (igraph_integer_t v = 0; v < g->nv; v++)
        w->vx[v].excess = 0;
    w->n_short = 0;
    for (igraph_integer_t i = 0; i < count; i++) {
        igraph_integer_t a = g->node_arc[nodes[i]];
        double through = res[g->rev[a]];
        res[a] = res[g->rev[a]] = 0;
        if (through > eps) {
            w->vx[IN(nodes[i])].excess += through;
            w->vx[OUT(nodes[i])].excess -= through;
            short_of[w->n_short++] = OUT(nodes[i]);
        }
    }
    /*
     * The source holds all the supply it could still send: each source arc
     * bounded by its head's capacity (an unbounded one by all the sink can
     * take), so that pushing it out cannot run away.
     */
    double sink_room = start_total(g, res, 1, INFINITY), supply = 0;
    for (igraph_integer_t b = g->first[g->s]; b < g->first[g->s + 1]; b++) {
        igraph_integer_t na = g->node_arc[g->head[b] / 2]; /* the head is an in-half */
        double cap = res[na] + res[g->rev[na]];
        if (isfinite(cap)) {
            double room = cap - res[g->rev[b]];
            res[b] = room > 0 ? room : 0;
            supply += res[b];
        } else {
            supply += sink_room;
        }
    }
    if (!isfinite(supply)) {
        free(short_of);
        return -1;
    }
    /*
     * seed_labels' search tests the room of arcs all over the graph: from a
     * 1/64th-size bitmap made in one sequential pass rather than at random
     * in the residuals (deep 1e5: about a third of the search's time). A loss (no
     * keep_flow) starts from the baseline, whose bits each loss worker makes once.
     */
    if (keep_flow || !room_of_loss(w, g, res, nodes, count))
        mark_room(w->room, res, g->na, eps);
    w->vx[g->s].excess = supply;
    w->short_of = short_of;
    w->source_free = 1;
    seed_labels(sv, w);
    run(sv, w, 0, 1, keep_flow, 0);
    if (!keep_flow)
        settle_shortages(sv, w, short_of);
    w->source_free = 0;
    w->short_of = NULL;
    w->n_short = 0;
    free(short_of);
    /* what each end user lost, summed: differences, not two large totals, so no cancellation */
    double loss = 0;
    for (igraph_integer_t b = g->first[g->t]; b < g->first[g->t + 1]; b++)
        loss += g->base_res[b] - res[b]; /* a reverse arc's residual is the flow on its arc */
    return loss > 0 ? loss : 0; /* a rounding residue below zero is no loss */
}

double ckp_flow_hipr_remove(solver *sv, const igraph_integer_t *nodes, igraph_integer_t count)
{
    return hipr_remove(sv, nodes, count, 1);
}

double ckp_flow_hipr_remove_loss(solver *sv, const igraph_integer_t *nodes,
                                 igraph_integer_t count)
{
    return hipr_remove(sv, nodes, count, 0);
}
