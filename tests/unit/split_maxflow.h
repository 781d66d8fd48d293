/*
 * An independent maximum flow for cross-checks: igraph_maxflow_value on an
 * explicitly node-split graph (vertex 2i the in-half of node i, 2i + 1 its
 * out-half, then the super-source and the super-sink), every end user
 * (`sinks` NULL) or those with sinks[i] set feeding the sink.
 */
#ifndef CKP_SPLIT_MAXFLOW_H
#define CKP_SPLIT_MAXFLOW_H

#include <math.h>

#include "chokepoint/network.h"

static void split_add(igraph_vector_int_t *edges, igraph_vector_t *cap, igraph_integer_t a,
                      igraph_integer_t b, double c)
{
    igraph_vector_int_push_back(edges, a);
    igraph_vector_int_push_back(edges, b);
    igraph_vector_push_back(cap, c);
}

static double split_maxflow(const ckp_network *net, const char *sinks)
{
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1, s = 2 * n, t = 2 * n + 1;
    igraph_vector_int_t edges;
    igraph_vector_t cap;
    igraph_vector_int_init(&edges, 0);
    igraph_vector_init(&cap, 0);
    const double big = 1e9; /* igraph wants finite capacities */
    for (igraph_integer_t i = 0; i < n; i++) {
        double c = ckp_node_capacity(net, i);
        split_add(&edges, &cap, 2 * i, 2 * i + 1, isfinite(c) ? c : big);
        if (ckp_node_tier(net, i) == 0)
            split_add(&edges, &cap, s, 2 * i, big);
        if (ckp_node_tier(net, i) == last)
            split_add(&edges, &cap, 2 * i + 1, t,
                      !sinks || sinks[i] ? ckp_node_demand(net, i) : 0);
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        double c = ckp_edge_capacity(net, e);
        split_add(&edges, &cap, 2 * ckp_edge_from(net, e) + 1, 2 * ckp_edge_to(net, e),
                  isfinite(c) ? c : big);
    }
    igraph_t g;
    igraph_create(&g, &edges, 2 * n + 2, IGRAPH_DIRECTED);
    double value = 0;
    igraph_maxflow_value(&g, &value, s, t, &cap, NULL);
    igraph_destroy(&g);
    igraph_vector_int_destroy(&edges);
    igraph_vector_destroy(&cap);
    return value;
}

#endif
