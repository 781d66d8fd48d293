/* Sampled betweenness in two steps, so that only the first needs igraph (not public). */
#ifndef CKP_CENTRALITY_INTERNAL_H
#define CKP_CENTRALITY_INTERNAL_H

#include "chokepoint/network.h"

/*
 * The `samples` source nodes ckp_betweenness uses for `seed` (sorted, igraph's default
 * random generator: call it where no other thread uses igraph). *sources is malloc'd.
 */
ckp_code ckp_betweenness_sources(igraph_integer_t **sources, const ckp_network *net,
                                 igraph_integer_t samples, unsigned long seed, ckp_error *err);

/*
 * Sampled betweenness from the `ns` given sources, scaled by V / ns, on the network's own
 * adjacency (no igraph: safe beside other threads). The same sums in the same order as
 * igraph_betweenness_subset (igraph 0.10, unweighted, directed), so the same bits.
 */
ckp_code ckp_betweenness_from(double *out, const ckp_network *net,
                              const igraph_integer_t *sources, igraph_integer_t ns,
                              ckp_error *err);

#endif
