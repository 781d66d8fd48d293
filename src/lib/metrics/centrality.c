#include "chokepoint/centrality.h"

#include <stdlib.h>
#include <string.h>

#include "centrality_internal.h"
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

ckp_code ckp_betweenness_sources(igraph_integer_t **sources, const ckp_network *net,
                                 igraph_integer_t samples, unsigned long seed, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_vector_int_t chosen;
    int have_chosen = 0;
    *sources = malloc((size_t)(samples > 0 ? samples : 1) * sizeof **sources);
    if (!*sources) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    ckp_igraph_init();
    CKP_IGRAPH(igraph_vector_int_init(&chosen, 0), "sampling sources");
    have_chosen = 1;
    igraph_rng_seed(igraph_rng_default(), seed);
    CKP_IGRAPH(igraph_random_sample(&chosen, 0, net->n_nodes - 1, samples), "sampling sources");
    memcpy(*sources, VECTOR(chosen), (size_t)samples * sizeof **sources);
done:
    if (have_chosen)
        igraph_vector_int_destroy(&chosen);
    if (rc) {
        free(*sources);
        *sources = NULL;
    }
    return rc;
}

ckp_code ckp_betweenness(double *out, const ckp_network *net, igraph_integer_t samples,
                         unsigned long seed, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_t g;
    igraph_vector_t res;
    igraph_integer_t *sources = NULL;
    int have_g = 0, have_res = 0;
    igraph_integer_t n = net->n_nodes;
    if (samples > 0 && samples < n) {
        if (!(rc = ckp_betweenness_sources(&sources, net, samples, seed, err)))
            rc = ckp_betweenness_from(out, net, sources, samples, err);
        goto done;
    }
    if ((rc = ckp_network_graph(&g, net, err)))
        return rc;
    have_g = 1;
    CKP_IGRAPH(igraph_vector_init(&res, 0), "computing betweenness");
    have_res = 1;
    CKP_IGRAPH(igraph_betweenness(&g, &res, igraph_vss_all(), IGRAPH_DIRECTED, NULL),
               "computing betweenness");
    for (igraph_integer_t v = 0; v < n; v++)
        out[v] = VECTOR(res)[v];
done:
    free(sources);
    if (have_res)
        igraph_vector_destroy(&res);
    if (have_g)
        igraph_destroy(&g);
    return rc;
}
