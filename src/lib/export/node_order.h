/* Nodes ranked for output: by a key, largest first, ties by id (a total order). */
#ifndef CKP_NODE_ORDER_H
#define CKP_NODE_ORDER_H

#include <igraph.h>

typedef struct {
    double key;
    const char *id;
    igraph_integer_t node;
} ckp_keyed_node;

void ckp_keyed_nodes_sort(ckp_keyed_node *items, igraph_integer_t n);

#endif
