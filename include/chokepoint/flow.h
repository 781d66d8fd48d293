/*
 * chokepoint: served demand, the maximum flow the network can deliver.
 *
 * A super-source feeds every source (first tier) without limit; every end
 * user u (last tier) feeds a super-sink with capacity demand(u). A node's
 * `capacity` bounds the flow through it (each node is split into an in-half
 * and an out-half joined by an arc of that capacity) and an edge's
 * `capacity` bounds the edge; absent capacities are unbounded. Served demand
 * is the value of a maximum flow (Ford and Fulkerson 1956), computed by
 * highest-label push-relabel with global relabelling and the gap heuristic
 * (Goldberg and Tarjan 1988; Cherkassky and Goldberg 1997): O(V^2 sqrt(E))
 * in the worst case, a few passes over the arcs on tiered networks. It
 * starts from whichever side (supply or unmet demand) has less to push.
 * Dinic's blocking-flow algorithm (Dinic 1970) serves the unit-capacity
 * connectivity problems, whose capacities are unbounded.
 *
 * Flows are computed in double precision; reported values are rounded to
 * 12 significant digits so that sums of decimal inputs print cleanly.
 */
#ifndef CHOKEPOINT_FLOW_H
#define CHOKEPOINT_FLOW_H

#include "chokepoint/network.h"

CKP_BEGIN_DECLS

typedef struct ckp_flow ckp_flow;

/* A reusable flow problem on `net` (which must outlive it). `_free(NULL)` is a no-op. */
ckp_code ckp_flow_new(ckp_flow **out, const ckp_network *net, ckp_error *err);
void ckp_flow_free(ckp_flow *flow);

/*
 * Take nodes or edges out of (1) or back into (0) the problem, or replace a
 * node's capacity. Changes last until undone; they do not touch `net`.
 */
void ckp_flow_remove_node(ckp_flow *flow, igraph_integer_t node, int removed);
void ckp_flow_remove_edge(ckp_flow *flow, igraph_integer_t edge, int removed);
void ckp_flow_set_node_capacity(ckp_flow *flow, igraph_integer_t node, double capacity);
/*
 * Take an end user's demand out of (1) or back into (0) the problem: it then
 * receives nothing, but flow may still pass through it (scrap it recycles),
 * unlike a removed node. The maximum flow to a set of end users alone.
 */
void ckp_flow_remove_sink(ckp_flow *flow, igraph_integer_t end_user, int removed);

/*
 * Maximum flow to all end users (`end_user` = -1) or to one end user alone.
 * The per-node flows of the last call stay available.
 */
double ckp_flow_solve(ckp_flow *flow, igraph_integer_t end_user);

/* After a solve: flow through a node (0 for removed nodes), on an edge, into the sink. */
double ckp_flow_node(const ckp_flow *flow, igraph_integer_t node);
double ckp_flow_edge(const ckp_flow *flow, igraph_integer_t edge);
double ckp_flow_delivered(const ckp_flow *flow, igraph_integer_t end_user);

/*
 * Redundancy of an end user: the minimum number of nodes (the end user aside)
 * whose removal cuts it off from every source, i.e. the vertex connectivity
 * from the super-source (Menger 1927), as a max flow with unit node
 * capacities. 0 when no source reaches it. O(V E) per end user at most.
 */
igraph_integer_t ckp_flow_vertex_connectivity(ckp_flow *flow, igraph_integer_t end_user);

/*
 * Keep the flow of the last ckp_flow_solve(flow, -1) as the baseline for
 * ckp_flow_losses. Removal flags set at that solve are part of the baseline.
 */
ckp_code ckp_flow_keep_baseline(ckp_flow *flow, ckp_error *err);

/*
 * Loss of served demand for each of `n_sets` node sets: baseline served minus
 * served with the set removed. Computed by repairing the baseline flow rather
 * than solving afresh: the removed nodes' flow is taken out, leaving an
 * excess where it entered them and a shortage where it left; a push-relabel
 * (Goldberg and Tarjan 1988) started from the baseline's exact distance
 * labels moves the excess to the sink or to the shortages, touching only
 * where it goes; a search of the residual graph from the excess that cannot
 * move proves it trapped, and it returns to the source along its own flow
 * (the loss). A node that carries no baseline flow costs nothing, and no set
 * loses more than the flow through it. When that local repair runs past a
 * work budget, a highest-label push-relabel with global relabelling takes
 * over from the same start. Sets of several nodes carrying over 1% of the
 * flow (most countries) have their flow cancelled along its paths and the
 * rest re-augmented by the push-relabel solver instead. Independent sets run
 * on `threads` threads, each with its own residual graph, heaviest first
 * from one queue; results do not depend on the thread count.
 */
ckp_code ckp_flow_losses(const ckp_flow *flow, const igraph_integer_t *const *sets,
                         const igraph_integer_t *set_sizes, igraph_integer_t n_sets,
                         int threads, double *losses, ckp_error *err);

/*
 * The most each of `n_sets` sets of end users can receive at a maximum
 * flow, f(G): the maximum flow to the set's end users alone, as
 * ckp_flow_solve with every other end user's demand out would find it. From
 * the baseline kept by ckp_flow_keep_baseline (a maximum flow to every end
 * user), by augmenting paths that take back what the other end users
 * receive and send it to the set: searches start at the set and touch only
 * what could feed it. A set whose searches run past a work budget (about
 * two passes over the arcs) is solved afresh, which changes the per-node
 * flows of the last solve. Sets may be empty (0).
 */
ckp_code ckp_flow_most(double *most, ckp_flow *flow, const igraph_integer_t *const *sets,
                       const igraph_integer_t *set_sizes, igraph_integer_t n_sets,
                       ckp_error *err);

/* Round to 12 significant digits (see above). */
double ckp_round_flow(double v);

CKP_END_DECLS

#endif
