/*
 * chokepoint: dominators and single points of failure.
 *
 * In the network with a super-source feeding every source, node d dominates
 * node v when every path from the super-source to v passes through d. The
 * immediate dominators form a tree, found by the iterative algorithm of
 * Cooper, Harvey and Kennedy 2001 ("A simple, fast dominance algorithm"):
 * O(V + E) a pass and one pass on an acyclic network, when the depth-first
 * search from the super-source stays within 4,096 levels (every tiered
 * supply chain); deeper networks go to Lengauer and Tarjan 1979 ("A fast
 * algorithm for finding dominators in a flowgraph"; igraph_dominator_tree,
 * O(E alpha(E, V))), whose cost does not grow with depth. A single point of
 * failure is a node that dominates at least one end user other than itself.
 */
#ifndef CHOKEPOINT_DOMINATORS_H
#define CHOKEPOINT_DOMINATORS_H

#include "chokepoint/network.h"

CKP_BEGIN_DECLS

#define CKP_DOM_ROOT (-1)        /* dominated by the super-source alone */
#define CKP_DOM_UNREACHABLE (-2) /* no source reaches the node */

typedef struct {
    igraph_integer_t n;
    igraph_integer_t *idom; /* immediate dominator per node, or one of the values above */
} ckp_dominators;

ckp_code ckp_dominators_compute(ckp_dominators *out, const ckp_network *net, ckp_error *err);
void ckp_dominators_destroy(ckp_dominators *dom);

/*
 * The dominators of `node`, the nearest to the sources first, into `out`
 * (capacity `cap`); returns how many there are (may exceed cap).
 */
igraph_integer_t ckp_dominators_of(const ckp_dominators *dom, igraph_integer_t node,
                                   igraph_integer_t *out, igraph_integer_t cap);

/*
 * Mark the single points of failure: mask[v] = 1 when v dominates at least
 * one end user other than itself. Returns how many there are. O(V + sum of
 * the end users' dominator chains).
 */
igraph_integer_t ckp_dominators_spofs(const ckp_dominators *dom, const ckp_network *net,
                                      char *mask);

CKP_END_DECLS

#endif
