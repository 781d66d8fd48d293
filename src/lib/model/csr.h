/* Compressed adjacency of a network (out- and in-edges), and its strong components. */
#ifndef CKP_CSR_H
#define CKP_CSR_H

#include "chokepoint/network.h"

typedef struct {
    igraph_integer_t n;
    igraph_integer_t *out_off, *out_edge; /* edges leaving v: out_edge[out_off[v] .. out_off[v+1]) */
    igraph_integer_t *in_off, *in_edge;   /* edges entering v */
} ckp_csr;

ckp_code ckp_csr_build(ckp_csr *csr, const ckp_network *net, ckp_error *err);
void ckp_csr_destroy(ckp_csr *csr);

/*
 * Strongly connected components (Tarjan 1972, iterative): comp[v] is v's
 * component, numbered in topological order of the condensation: every edge
 * goes from a lower number to a higher one, or stays inside a component.
 * O(V + E). Returns the number of components, -1 on out of memory.
 */
igraph_integer_t ckp_csr_components(const ckp_csr *csr, const ckp_network *net,
                                    igraph_integer_t *comp);

#endif
