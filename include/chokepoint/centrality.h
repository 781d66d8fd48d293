/*
 * chokepoint: centrality and throughput of each node.
 */
#ifndef CHOKEPOINT_CENTRALITY_H
#define CHOKEPOINT_CENTRALITY_H

#include "chokepoint/network.h"

CKP_BEGIN_DECLS

/*
 * Betweenness: for each node v, the sum over ordered pairs (s, t) of the
 * fraction of shortest directed paths from s to t that pass through v;
 * unweighted, not normalised (Freeman 1977; Brandes 2001, "A faster
 * algorithm for betweenness centrality": O(V E)). The super-source and
 * super-sink are not part of the graph.
 *
 * With `samples` > 0 and fewer than the number of nodes, only that many
 * source nodes, drawn uniformly with `seed`, are used and the sums scaled by
 * V / samples (Brandes and Pich 2007, "Centrality estimation in large
 * networks"): O(samples E). `out` holds one value per node.
 */
ckp_code ckp_betweenness(double *out, const ckp_network *net, igraph_integer_t samples,
                         unsigned long seed, ckp_error *err);

/*
 * Throughput: the sum of a node's incoming volumes, or of its outgoing
 * volumes for sources (first tier), which have no inflow. O(V + E).
 */
void ckp_throughput(double *out, const ckp_network *net);

CKP_END_DECLS

#endif
