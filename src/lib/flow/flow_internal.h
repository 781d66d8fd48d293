/*
 * What the flow modules share: the node-split residual graph (struct
 * ckp_flow), the per-computation solver state, and the solvers that work on
 * it. flow.c builds the graph and runs Dinic's algorithm and the repairs;
 * flow_hipr.c is the push-relabel maximum flow.
 */
#ifndef CKP_FLOW_INTERNAL_H
#define CKP_FLOW_INTERNAL_H

#include <stdint.h>

#include "chokepoint/flow.h"
#include "fetch.h"
#include "progress.h"

/* ckp_flow_losses, its progress reported as `stage` (a string literal). */
ckp_code ckp_flow_losses_stage(const ckp_flow *f, const igraph_integer_t *const *sets,
                               const igraph_integer_t *sizes, igraph_integer_t n_sets,
                               int threads, double *losses, const char *stage, ckp_error *err);

/*
 * A worker that starts late: the last of two or more loss workers calls wait(arg) before it
 * makes its solver (its memory), while the others have begun; it works if that returns 0, else
 * the losses stop and fail. For a thread still busy elsewhere when the losses start (the
 * analysis's origin tracing). Not called when that worker never starts (one thread, one set, or
 * no thread to be had): the caller then waits itself.
 */
typedef struct {
    int (*wait)(void *arg);
    void *arg;
} ckp_loss_gate;

/* ckp_flow_losses_stage, the last worker behind `gate` (NULL: none). */
ckp_code ckp_flow_losses_gated(const ckp_flow *f, const igraph_integer_t *const *sets,
                               const igraph_integer_t *sizes, igraph_integer_t n_sets,
                               int threads, double *losses, const char *stage,
                               const ckp_loss_gate *gate, ckp_error *err);

/*
 * Free the flow's own solver (its residual and search arrays: 8 bytes an arc
 * and 80 a vertex) once only losses will be asked: they run on the kept
 * baseline and their own solvers. Nothing else may be asked of f afterwards
 * (issue 21: 256 MB of the analysis's peak at a million nodes).
 */
void ckp_flow_drop_solver(ckp_flow *f);

/* A set of nodes and its baseline throughput, sorted heaviest first by ckp_set_weight_desc
   (ties by index, so the order is fixed): the losses' queue, on the max flow and the LP. */
typedef struct {
    double through;
    igraph_integer_t index;
} ckp_set_weight;
int ckp_set_weight_desc(const void *a, const void *b);

/*
 * An undo log of (index, old value) pairs, so that a query is reverted at
 * the cost of what it changed. Past `limit` entries it stops recording and
 * says it is full: the caller then restores by copying the whole baseline.
 */
typedef struct {
    igraph_integer_t *at;
    double *old;
    size_t n, limit;
    int full, oom;
} undo_log;

/*
 * The mutable state of one max-flow computation over a shared residual
 * structure. A ckp_flow owns one; parallel loss computations each get their
 * own, sharing the read-only arrays.
 */
typedef struct ckp_hipr ckp_hipr;

/*
 * A vertex's state in the cancellation walks, in one record of 32-bit
 * fields: a step of a walk reads one cache line rather than three (the
 * walks are random accesses over the whole graph), at 12 bytes a vertex
 * rather than 24.
 */
typedef struct {
    uint32_t mark; /* the stamp the other two belong to */
    int32_t cur;   /* the current arc */
    int32_t pos;   /* the position on the walk's path */
} ckp_walk_mark;

typedef struct {
    const ckp_flow *g;
    double *res;                /* residual capacity */
    /* vertices and arcs in 32 bits, as in head and rev (ckp_flow_new refuses larger graphs):
       12 bytes a vertex less in each loss thread */
    int32_t *level, *queue, *path;
    igraph_integer_t *cur, *path_from;
    /* levels and current arcs are valid only where their stamp is the phase's */
    /* a vertex's level and the phase it belongs to in one word (phase << 32 |
       level): one memory access to read both */
    uint64_t *lvl;
    igraph_integer_t *cur_stamp, phase;
    /* when `logging`, every change to res is recorded so it can be reverted */
    int logging;
    undo_log log;
    /* cancellation walks: per-vertex marks and current arcs, valid for one stamp */
    ckp_walk_mark *walk;
    uint32_t stamp;
    /*
     * One bit a vertex, set during cancel_nodes where `need` may be positive (the removed
     * nodes' halves) and clear otherwise: each step of a walk tests it, in cache, rather
     * than read `need` at random (a 16 MB array at a million nodes; the countries' walks
     * about a tenth less time at 1e5)
     */
    uint64_t *needy;
    ckp_hipr *hipr; /* push-relabel workspace, allocated on first use */
    int oom;        /* an allocation on the way failed: the result is void */
} solver;

struct ckp_flow {
    const ckp_network *net;
    igraph_integer_t n;         /* nodes of the network */
    igraph_integer_t nv;        /* vertices: 2n + 2 */
    igraph_integer_t na;        /* arcs, each with its reverse */
    igraph_integer_t s, t;
    igraph_integer_t *first;    /* CSR offsets into arcs by tail, nv + 1 */
    /* 32 bits (ckp_flow_new refuses larger graphs): 96 MB less at a million nodes */
    int32_t *head;
    int32_t *rev;
    char *forward;              /* 1 for an arc of the network, 0 for a reverse arc */
    igraph_integer_t *node_arc; /* in_i -> out_i */
    igraph_integer_t *sink_arc; /* out_u -> t, -1 when u is not an end user */
    igraph_integer_t *edge_arc; /* out_a -> in_b */
    char *node_removed;
    char *edge_removed;
    char *sink_removed;         /* end users that take nothing (ckp_flow_remove_sink) */
    double *node_cap;
    double eps;
    solver sv;
    /* the baseline kept for losses (ckp_flow_keep_baseline) */
    double *base_res;
    double base_value;
    int *base_label;     /* residual distance to the sink in the baseline, LABEL_NONE if none */
    int label_cut;       /* labels from here up park a vertex (see repair_push_relabel) */
    /* the baseline's two extreme minimum cuts, per vertex: SIDE_FROM_S when the source
       reaches it in the residual graph, SIDE_TO_T when it reaches the sink (see cut_room) */
    char *base_side;
    /* the baseline is bound by demand: fewer vertices reach the sink than the source reaches
       (stocks of a long shock, say); repairs then cancel and re-augment (see loss_worker) */
    int base_demand_bound;
};

#define SIDE_FROM_S 1
#define SIDE_TO_T 2

/* the label of a vertex that cannot reach a sink: above every cut */
#define LABEL_NONE (INT32_MAX / 2)

/* how many arcs ahead a search fetches what it will read of an arc's head and residual */
#define FETCH_ARCS 8

/*
 * A breadth-first search knows its next vertices before their turn: fetch
 * the arc list of the vertex FETCH_VERTICES places ahead in the queue
 * (`near`) and the arc offset of the one twice as far (`far`), each -1 when
 * the queue is shorter. Dinic's search uses it (flow.c); push-relabel's searches fetch
 * from their vertex records instead (fetch_queue_ahead in flow_hipr.c).
 */
#define FETCH_VERTICES 8

static inline void fetch_queued(const ckp_flow *g, igraph_integer_t near, igraph_integer_t far)
{
    if (far >= 0)
        CKP_FETCH(&g->first[far]);
    if (near >= 0) {
        igraph_integer_t f = g->first[near];
        CKP_FETCH(&g->head[f]);
        CKP_FETCH(&g->rev[f]);
    }
}

#define IN(i) (2 * (i))
#define OUT(i) (2 * (i) + 1)

/* Bitmaps of vertices or arcs, one bit each (the solver's and push-relabel's). */
static inline int ckp_bit_is_set(const uint64_t *bits, igraph_integer_t i)
{
    return (int)(bits[i >> 6] >> (i & 63)) & 1;
}

static inline void ckp_bit_set(uint64_t *bits, igraph_integer_t i)
{
    bits[i >> 6] |= (uint64_t)1 << (i & 63);
}

/*
 * Raise the flow in sv->res, a valid flow, to a maximum flow by push-relabel
 * (see flow_hipr.c). Returns the flow it added into the sink, or -1 when it
 * cannot run (out of memory, too many vertices for its 32-bit labels, or an
 * unbounded path from source to sink); the flow is then unchanged. Without
 * keep_flow only the value counts: sv->res is left a preflow (excess that
 * could not reach the sink stays where it stopped), to be restored.
 */
double ckp_flow_hipr(solver *sv, int keep_flow);

/*
 * ckp_flow_hipr in a mode (ckp_flow_hipr is AUTO). AUTO: the direction with
 * less to push first, run to the end. HEDGE: the same direction, but -2
 * (sv->res changed, to be restored) where it would start a third global
 * relabelling. FLIP: the other direction, run to the end (after HEDGE gave
 * up, from the same start).
 */
#define CKP_HIPR_AUTO 0
#define CKP_HIPR_HEDGE 1
#define CKP_HIPR_FLIP 2
double ckp_flow_hipr_mode(solver *sv, int keep_flow, int mode);

/*
 * Served demand lost without `nodes`, by push-relabel from the baseline in
 * sv->res: the nodes' flow is taken out where it passes them, which leaves
 * an excess at each in-half and a shortage at each out-half. The excess
 * (and any supply the sources still have) runs to the sink or into the
 * shortages; what cannot goes back, and the loss is read off the sink
 * arcs. Leaves sv->res changed (restore it from the baseline); -1 when it
 * cannot run.
 */
double ckp_flow_hipr_remove(solver *sv, const igraph_integer_t *nodes, igraph_integer_t count);
/* the same loss, sv->res left neither a flow nor the baseline (faster: see flow_hipr.c) */
double ckp_flow_hipr_remove_loss(solver *sv, const igraph_integer_t *nodes,
                                 igraph_integer_t count);
void ckp_hipr_free(ckp_hipr *w);

/*
 * Undo `amount` of flow arriving at `from` (backward) or leaving it
 * (forward) along the arcs that carry it; see flow.c.
 */
double ckp_flow_cancel(solver *sv, igraph_integer_t from, double amount, int backward,
                       double *need, double *to_stop);

/*
 * ckp_flow_most (losses 0), or each set's loss f(S) - f(S \ G) when its end
 * users' demand is taken out (losses 1: what they receive less what of it
 * augmenting paths reroute to the other end users; unlike ckp_flow_losses
 * the set's nodes stay, so that flow may still pass through them). `budget`
 * is the arc scans a set's searches may take, in passes over the arcs
 * (CKP_REROUTE_BUDGET): past it the set is solved afresh (below 0 every set
 * is).
 */
#define CKP_REROUTE_BUDGET 2.0
ckp_code ckp_flow_reroute(double *out, ckp_flow *flow, const igraph_integer_t *const *sets,
                          const igraph_integer_t *set_sizes, igraph_integer_t n_sets, int losses,
                          double budget, ckp_error *err);

#endif
