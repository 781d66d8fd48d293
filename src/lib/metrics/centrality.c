#include "chokepoint/centrality.h"

#include <string.h>

#include "igraph_glue.h"
#include "network_internal.h"

void ckp_throughput(double *out, const ckp_network *net)
{
    for (igraph_integer_t v = 0; v < net->n_nodes; v++)
        out[v] = 0;
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        igraph_integer_t a = net->edge_from[e], b = net->edge_to[e];
        if (net->node_tier[b] != 0)
            out[b] += net->edge_volume[e];
        if (net->node_tier[a] == 0)
            out[a] += net->edge_volume[e];
    }
}

ckp_code ckp_betweenness(double *out, const ckp_network *net, igraph_integer_t samples,
                         unsigned long seed, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_t g;
    igraph_vector_t res;
    igraph_vector_int_t chosen;
    int have_g = 0, have_res = 0, have_chosen = 0;
    igraph_integer_t n = net->n_nodes;
    if ((rc = ckp_network_graph(&g, net, err)))
        return rc;
    have_g = 1;
    CKP_IGRAPH(igraph_vector_init(&res, 0), "computing betweenness");
    have_res = 1;
    if (samples > 0 && samples < n) {
        CKP_IGRAPH(igraph_vector_int_init(&chosen, 0), "computing betweenness");
        have_chosen = 1;
        igraph_rng_seed(igraph_rng_default(), seed);
        CKP_IGRAPH(igraph_random_sample(&chosen, 0, n - 1, samples), "sampling sources");
        CKP_IGRAPH(igraph_betweenness_subset(&g, &res, igraph_vss_all(), IGRAPH_DIRECTED,
                                             igraph_vss_vector(&chosen), igraph_vss_all(), NULL),
                   "computing betweenness");
        for (igraph_integer_t v = 0; v < n; v++)
            out[v] = VECTOR(res)[v] * (double)n / (double)samples;
    } else {
        CKP_IGRAPH(igraph_betweenness(&g, &res, igraph_vss_all(), IGRAPH_DIRECTED, NULL),
                   "computing betweenness");
        for (igraph_integer_t v = 0; v < n; v++)
            out[v] = VECTOR(res)[v];
    }
done:
    if (have_chosen)
        igraph_vector_int_destroy(&chosen);
    if (have_res)
        igraph_vector_destroy(&res);
    if (have_g)
        igraph_destroy(&g);
    return rc;
}
