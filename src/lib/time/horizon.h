/*
 * The time-expanded flow problem of issue 19 (docs/analysis.md, "Time"), not
 * public. Over a horizon of T days every capacity and demand of the network
 * is scaled by T/365 and each node j with a stock s_j gets a stock arc of s_j
 * into its output, past its capacity. The network is expanded once: a node
 * with stock gets a hub (its production and its stock merge there before its
 * edges, whose capacities they share) and a stock node in the first tier
 * whose capacity is the stock. Max flow is homogeneous, so the served demand
 * over T days is T/365 times the annual network's with stocks scaled by
 * 365/T: changing T changes only the stock nodes' capacities, and every
 * horizon reuses one ckp_flow.
 */
#ifndef CKP_TIME_HORIZON_H
#define CKP_TIME_HORIZON_H

#include "chokepoint/flow.h"

/* A network with materials: the LP of time_bom.c in place of the expanded flow. */
typedef struct ckp_bom_horizon ckp_bom_horizon;

typedef struct {
    const ckp_network *net;    /* the original network */
    ckp_bom_horizon *bom;      /* with materials (x, flow and the rest NULL), else NULL */
    ckp_network *x;            /* expanded: nodes 0..n-1 are net's, then hubs and stocks */
    ckp_flow *flow;            /* on x */
    igraph_integer_t n;
    igraph_integer_t *hub;     /* per node of net: its hub in x, -1 when none */
    igraph_integer_t *pool;    /* per node of net: its stock node in x, -1 when none */
    igraph_integer_t n_pools;
    igraph_integer_t *pools;   /* the nodes of net with a stock, in order */
    char *reach;               /* per vertex of the flow: on the source side of the cut */
    igraph_integer_t *queue;
} ckp_horizon;

ckp_code ckp_horizon_init(ckp_horizon *h, const ckp_network *net, ckp_error *err);
void ckp_horizon_destroy(ckp_horizon *h);

/*
 * Take node `node` of net out (1) or back (0), its hub and stock with it: a
 * lost node passes nothing, its stock included.
 */
void ckp_horizon_remove_node(ckp_horizon *h, igraph_integer_t node, int removed);
/* Serve only the end users with `in_group[u]` set (NULL: every end user). */
void ckp_horizon_restrict(ckp_horizon *h, const char *in_group);
/* The node set of `node` in x (node, hub, stock): writes up to 3, returns the count. */
int ckp_horizon_node_set(const ckp_horizon *h, igraph_integer_t node, igraph_integer_t *out);

/*
 * Solve the annual problem with the stock capacities times `sigma` (the
 * served demand over T days is T/365 times this at sigma = 365/T). -1 when
 * the solver could not run.
 */
double ckp_horizon_solve_scaled(ckp_horizon *h, double sigma);
/* Served demand over `days` (0 for 0 days), under the current removals. */
double ckp_horizon_served(ckp_horizon *h, double days);

/*
 * Time to survive, in days: the largest t with F(t) >= rate t / 365, F(t)
 * the served demand over t days under the current removals and `rate` the
 * rate (per year) to keep up. NAN when never short. F is concave (a minimum
 * over cuts of a + b t, a the stocks a cut crosses), so the condition holds
 * on [0, TTS] and TTS = min over cuts with b < rate/365 of a / (rate/365 - b):
 * Newton's method over cuts (Dinkelbach 1967), one max flow per step, from
 * the no-stock minimum cut downwards. `steps` (may be NULL) counts them.
 */
ckp_code ckp_horizon_tts(double *days, ckp_horizon *h, double rate, int *steps,
                         ckp_error *err);
/*
 * ckp_horizon_tts with `set` removed (the caller marks it removed), from the
 * flow ckp_horizon_losses kept at sigma 0 (no removals): the long run is a
 * repair of that flow, not a solve from scratch. Same answer.
 */
ckp_code ckp_horizon_tts_without(double *days, ckp_horizon *h, double rate,
                                 const igraph_integer_t *set, igraph_integer_t size,
                                 ckp_error *err);

/*
 * Each set's loss (the served demand of the last solve less the served with
 * the set removed): on the expanded flow, sets of x's nodes (ckp_flow_losses
 * on `threads` threads); with materials, sets of net's nodes, re-solved.
 */
ckp_code ckp_horizon_losses(ckp_horizon *h, const igraph_integer_t *const *sets,
                            const igraph_integer_t *sizes, igraph_integer_t n_sets, int threads,
                            double *loss, ckp_error *err);
/* Take a set of ckp_horizon_node_set's nodes out (1) or back (0). */
void ckp_horizon_remove_set(ckp_horizon *h, const igraph_integer_t *set, igraph_integer_t size,
                            int removed);
/* Below this, a served amount is none. */
double ckp_horizon_eps(const ckp_horizon *h);

/* time_bom.c: the same operations on the LP of a network with materials. */
ckp_code ckp_bom_horizon_new(ckp_bom_horizon **out, const ckp_network *net, ckp_error *err);
void ckp_bom_horizon_free(ckp_bom_horizon *h);
void ckp_bom_horizon_remove(ckp_bom_horizon *h, igraph_integer_t node, int removed);
void ckp_bom_horizon_restrict(ckp_bom_horizon *h, const char *in_group);
double ckp_bom_horizon_solve_scaled(ckp_bom_horizon *h, double sigma);
/* Solved again at the last scale with `set` (net's nodes) out, from the last basis; -1: failed. */
double ckp_bom_horizon_resolve(ckp_bom_horizon *h, const igraph_integer_t *set,
                               igraph_integer_t size, ckp_error *err);
ckp_code ckp_bom_horizon_tts(double *days, ckp_bom_horizon *h, double rate, int *steps,
                             ckp_error *err);

#endif
