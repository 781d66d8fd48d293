/*
 * Every country's nodes as one set, for the flow-at-risk timings of
 * ckp_stages.c and flow_bench.c. The caller frees the three arrays (NULL
 * when out of memory).
 */
#ifndef CKP_BENCH_COUNTRY_SETS_H
#define CKP_BENCH_COUNTRY_SETS_H

#include <stdio.h>
#include <stdlib.h>

#include "chokepoint/network.h"

static inline igraph_integer_t country_sets(const ckp_network *net, igraph_integer_t **members,
                                            igraph_integer_t **sizes,
                                            const igraph_integer_t ***sets)
{
    igraph_integer_t n = ckp_network_node_count(net), nc = ckp_network_country_count(net);
    igraph_integer_t *start = calloc((size_t)nc + 1, sizeof *start);
    *members = calloc((size_t)n + 1, sizeof **members);
    *sizes = calloc((size_t)nc + 1, sizeof **sizes);
    *sets = calloc((size_t)nc + 1, sizeof **sets);
    if (!start || !*members || !*sizes || !*sets) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    for (igraph_integer_t v = 0; v < n; v++)
        start[ckp_node_country_index(net, v) + 1]++;
    for (igraph_integer_t c = 0; c < nc; c++)
        start[c + 1] += start[c];
    for (igraph_integer_t c = 0; c < nc; c++)
        (*sets)[c] = *members + start[c];
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = ckp_node_country_index(net, v);
        (*members)[start[c] + (*sizes)[c]++] = v;
    }
    free(start);
    return nc;
}

#endif
