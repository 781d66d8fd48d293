/* What the views' sources share (not public): the immediate propagation and the ranges. */
#ifndef CKP_VIEWS_INTERNAL_H
#define CKP_VIEWS_INTERNAL_H

#include "chokepoint/flow.h"
#include "chokepoint/views.h"
#include "csr.h"

/* Changes of a node's fraction below this stop propagating: 1e-12 of its throughput. */
#define CKP_VIEWS_TOLERANCE 1e-12

/* The recorded volumes propagated with fixed proportions (views_immediate.c). */
typedef struct {
    double *fraction; /* per node: the share of its recorded outflows it keeps */
    double *inflow;   /* per node: what arrives over its edges */
    double *outflow;  /* per node: what its edges carry away */
    double *edge;     /* per edge */
    int converged;    /* 0: the work budget ran out before the tolerance was met */
} ckp_propagation;

void ckp_propagation_destroy(ckp_propagation *p);

/*
 * Propagate the volumes of `net` with the nodes `node_gone` and the edges
 * `edge_gone` passing nothing (either may be NULL) and the node capacities
 * `capacity` (NULL: the network's). The greatest fixed point, iterated down
 * from every fraction at 1.
 */
ckp_code ckp_propagate(ckp_propagation *p, const ckp_network *net, const ckp_csr *csr,
                       const char *node_gone, const char *edge_gone, const double *capacity,
                       ckp_error *err);

/* What an end user receives under a propagation: min(demand, capacity, inflow). */
double ckp_propagated_served(const ckp_propagation *p, const ckp_network *net,
                             igraph_integer_t node, double capacity);

/*
 * Warn (into `warnings`) when the recorded volumes are not a feasible flow:
 * a node sending more than it receives, or more than its capacity.
 * Returns -1 when out of memory.
 */
int ckp_views_check_volumes(ckp_messages *warnings, const ckp_network *net,
                            const ckp_csr *csr);

/*
 * Exact ranges on a flow problem over `fnet`: the maximum flow `total` to
 * every end user, then for each set of end users (node indices of `fnet`)
 * the least and the most it receives at a maximum flow. Sets may be empty.
 */
ckp_code ckp_views_ranges(double *total, ckp_range *out, ckp_flow *flow, const ckp_network *fnet,
                          const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                          igraph_integer_t n_sets, int threads, ckp_error *err);

/*
 * The same on a network with materials (views_bom.c): per material, a recipe
 * node keeping its scarcest input's fraction. `inflow` of a recipe node is
 * the throughput its inputs make (its used capacity), not a sum of materials;
 * `outflow` is set for first-tier nodes only: their throughput the edges carry.
 */
ckp_code ckp_propagate_bom(ckp_propagation *p, const ckp_network *net, const ckp_csr *csr,
                           const char *node_gone, const char *edge_gone, const double *capacity,
                           ckp_error *err);

/* Held per material while a node is computed (ckp_bom_node_step). */
typedef struct {
    double *rec, *now;         /* recorded and new inflow, per material */
    double *out_rec, *out_now; /* recorded and new outflow, per material */
    igraph_integer_t nm;
} ckp_bom_scratch;

/* -1 when out of memory. */
int ckp_bom_scratch_init(ckp_bom_scratch *pm, const ckp_network *net);
void ckp_bom_scratch_destroy(ckp_bom_scratch *pm);

/* The nodes by tier, sources first (malloc'd; NULL when out of memory). */
igraph_integer_t *ckp_bom_tier_order(const ckp_network *net);

/*
 * A node that ships one material from its stock (the immediate view over time): its
 * out-edges of `material` keep at least floor[e], and `draw` adds what the stock must
 * supply for that, per year, beyond what the node makes or passes.
 */
typedef struct {
    igraph_integer_t material;
    const double *floor;
    double draw;
} ckp_bom_keep;

/*
 * One step of ckp_propagate_bom at node v: its out-edges' fractions ef[] lowered to what
 * its inputs and capacity allow (raised to `keep`'s floor where given: may be NULL);
 * returns the largest drop. `used` gets the node's used capacity: a recipe node's new
 * throughput, a first-tier node's throughput that its edges carry, any other node's new
 * inflow (an end user's: what it can be served).
 */
double ckp_bom_node_step(double *ef, double *used, ckp_bom_scratch *pm, const ckp_network *net,
                         const ckp_csr *csr, igraph_integer_t v, const char *node_gone,
                         const char *edge_gone, double cap, ckp_bom_keep *keep);

/* ckp_views_check_volumes per material, throughputs in the nodes' own units. */
int ckp_views_check_volumes_bom(ckp_messages *warnings, const ckp_network *net,
                                const ckp_csr *csr);

/* ckp_views_ranges on the LP of a network with materials: two LPs per set, warm-started. */
ckp_code ckp_views_ranges_bom(double *total, ckp_range *out, const ckp_network *fnet,
                              const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                              igraph_integer_t n_sets, ckp_error *err);

#endif
