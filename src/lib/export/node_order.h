/* Nodes ranked for output: by a key, largest first, ties by id (a total order). */
#ifndef CKP_NODE_ORDER_H
#define CKP_NODE_ORDER_H

#include <igraph.h>

#include "chokepoint/network.h"

typedef struct {
    double key;
    const char *id;
    igraph_integer_t node;
} ckp_keyed_node;

void ckp_keyed_nodes_sort(ckp_keyed_node *items, igraph_integer_t n);

/*
 * The first k nodes (all, if fewer) of the order above by `key` (not NaN), into out: the same
 * as sorting every node and keeping the first k, in O(n + k log k) comparisons when few of
 * the rest tie with the k-th (a heap of the k best so far, most nodes refused by key alone).
 * The count, or -1 out of memory.
 */
igraph_integer_t ckp_nodes_top(igraph_integer_t *out, const ckp_network *net, const double *key,
                               igraph_integer_t k);

#endif
