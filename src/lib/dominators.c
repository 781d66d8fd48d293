#include "chokepoint/dominators.h"

#include <stdlib.h>
#include <string.h>

#include "igraph_glue.h"
#include "network_internal.h"

ckp_code ckp_dominators_compute(ckp_dominators *out, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, root = n;
    igraph_t g;
    igraph_vector_int_t edges, dom;
    int have_edges = 0, have_g = 0, have_dom = 0;
    memset(out, 0, sizeof *out);
    ckp_igraph_init();
    igraph_integer_t nsrc = 0;
    for (igraph_integer_t i = 0; i < n; i++)
        nsrc += net->node_tier[i] == 0;
    CKP_IGRAPH(igraph_vector_int_init(&edges, 2 * (net->n_edges + nsrc)), "finding dominators");
    have_edges = 1;
    igraph_integer_t k = 0;
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        VECTOR(edges)[k++] = net->edge_from[e];
        VECTOR(edges)[k++] = net->edge_to[e];
    }
    for (igraph_integer_t i = 0; i < n; i++)
        if (net->node_tier[i] == 0) {
            VECTOR(edges)[k++] = root;
            VECTOR(edges)[k++] = i;
        }
    CKP_IGRAPH(igraph_create(&g, &edges, n + 1, IGRAPH_DIRECTED), "finding dominators");
    have_g = 1;
    CKP_IGRAPH(igraph_vector_int_init(&dom, 0), "finding dominators");
    have_dom = 1;
    CKP_IGRAPH(igraph_dominator_tree(&g, root, &dom, NULL, NULL, IGRAPH_OUT),
               "finding dominators");
    out->idom = malloc((size_t)(n ? n : 1) * sizeof *out->idom);
    if (!out->idom) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    out->n = n;
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t d = VECTOR(dom)[i];
        /* igraph: -1 for unreachable vertices; the root for children of the root */
        out->idom[i] = d == root ? CKP_DOM_ROOT : d < 0 ? CKP_DOM_UNREACHABLE : d;
    }
done:
    if (have_dom)
        igraph_vector_int_destroy(&dom);
    if (have_g)
        igraph_destroy(&g);
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    return rc;
}

void ckp_dominators_destroy(ckp_dominators *dom)
{
    if (!dom)
        return;
    free(dom->idom);
    memset(dom, 0, sizeof *dom);
}

igraph_integer_t ckp_dominators_of(const ckp_dominators *dom, igraph_integer_t node,
                                   igraph_integer_t *out, igraph_integer_t cap)
{
    igraph_integer_t count = 0;
    for (igraph_integer_t d = dom->idom[node]; d >= 0; d = dom->idom[d])
        count++;
    /* fill from the far end so the nearest-to-source comes first */
    igraph_integer_t i = count;
    for (igraph_integer_t d = dom->idom[node]; d >= 0; d = dom->idom[d]) {
        i--;
        if (i < cap)
            out[i] = d;
    }
    return count;
}

igraph_integer_t ckp_dominators_spofs(const ckp_dominators *dom, const ckp_network *net,
                                      char *mask)
{
    igraph_integer_t count = 0, last = net->tiers.count - 1;
    memset(mask, 0, (size_t)dom->n);
    for (igraph_integer_t u = 0; u < dom->n; u++) {
        if (net->node_tier[u] != last)
            continue;
        /* stop at the first node already marked: the rest of its chain is marked too */
        for (igraph_integer_t d = dom->idom[u]; d >= 0 && !mask[d]; d = dom->idom[d]) {
            mask[d] = 1;
            count++;
        }
    }
    return count;
}
