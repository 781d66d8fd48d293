/*
 * `analyze` on a network with materials: served demand and each node's throughput from the
 * LP, single points of failure by producibility (AND semantics: a magnet plant lost to its
 * only Dy/Tb supplier is lost however much NdPr it has), flow at risk by re-solving the LP
 * from its baseline basis, concentration and origin per tier and per material. Redundancy (disjoint
 * routes) means nothing once a route needs two inputs: it is not computed.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"
#include "bom_lp.h"
#include "chokepoint/centrality.h"
#include "chokepoint/materials.h"
#include "network_internal.h"
#include "node_order.h"

#define NOMEM() (rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory"))

/* The end users in id order, each with the nodes whose loss leaves it unproducible. */
static ckp_code end_users(ckp_analysis *a, const ckp_network *net, const double *served,
                          const char *cut, const igraph_integer_t *users, igraph_integer_t ne,
                          igraph_integer_t *count, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes;
    ckp_keyed_node *order = malloc((size_t)(ne ? ne : 1) * sizeof *order);
    ckp_keyed_node *doms = malloc((size_t)(n ? n : 1) * sizeof *doms);
    a->end_users = calloc((size_t)(ne ? ne : 1), sizeof *a->end_users);
    if (!order || !doms || !a->end_users) {
        NOMEM();
        goto done;
    }
    for (igraph_integer_t k = 0; k < ne; k++)
        order[k] = (ckp_keyed_node){0, ckp_node_id(net, users[k]), k};
    ckp_keyed_nodes_sort(order, ne);
    a->n_end_users = ne;
    for (igraph_integer_t i = 0; i < ne; i++) {
        igraph_integer_t k = order[i].node, u = users[k], nd = 0;
        ckp_end_user *eu = &a->end_users[i];
        eu->node = u;
        eu->demand = ckp_node_demand(net, u);
        eu->served = served[u];
        eu->reachable = cut[u * ne + k]; /* producible at all: its own loss cuts it off */
        eu->redundancy_exact = 1;
        a->n_unreachable += !eu->reachable;
        /* nearest to the sources first: by tier, then id */
        for (igraph_integer_t x = 0; x < n; x++)
            if (x != u && cut[x * ne + k])
                doms[nd++] = (ckp_keyed_node){-(double)net->node_tier[x], ckp_node_id(net, x), x};
        ckp_keyed_nodes_sort(doms, nd);
        eu->dominators = malloc((size_t)(nd ? nd : 1) * sizeof *eu->dominators);
        if (!eu->dominators) {
            NOMEM();
            goto done;
        }
        eu->n_dominators = nd;
        for (igraph_integer_t j = 0; j < nd; j++) {
            eu->dominators[j] = doms[j].node;
            a->dominated_demand[doms[j].node] += eu->demand;
            count[doms[j].node]++;
        }
    }
done:
    free(order);
    free(doms);
    return rc;
}

ckp_code ckp_analyze_bom(ckp_analysis *a, const ckp_network *net,
                         const ckp_analysis_options *o, ckp_error *err)
{
    ckp_code rc;
    igraph_integer_t n = net->n_nodes, nm = ckp_network_material_count(net), ne = 0;
    size_t nn = (size_t)(n ? n : 1);
    double *served = malloc(nn * sizeof *served);
    igraph_integer_t *users = malloc(nn * sizeof *users), *count = calloc(nn, sizeof *count);
    char *cut = NULL;
    a->n_materials = nm > 0 ? nm : 1;
    a->material_concentration = calloc((size_t)a->n_materials, sizeof *a->material_concentration);
    a->material_dependency = calloc((size_t)a->n_materials, sizeof *a->material_dependency);
    if (!served || !users || !count || !a->material_concentration || !a->material_dependency) {
        NOMEM();
        goto done;
    }
    if ((rc = ckp_concentration(&a->concentration, net, err)) ||
        (rc = ckp_dependency_compute(&a->dependency, net, NULL, err)) ||
        (rc = ckp_betweenness(a->betweenness, net, a->betweenness_samples, o->seed, err)))
        goto done;
    for (igraph_integer_t m = 0; m < nm; m++)
        if ((rc = ckp_concentration_material(&a->material_concentration[m], net, m, err)) ||
            (rc = ckp_dependency_material(&a->material_dependency[m], net, m, err)))
            goto done;
    if ((rc = ckp_bom_baseline(&a->served, served, a->flow, net, err)))
        goto done;
    for (igraph_integer_t v = 0; v < n; v++)
        ne += net->node_tier[v] == net->tiers.count - 1;
    cut = malloc(nn * (size_t)(ne ? ne : 1));
    if (!cut) {
        NOMEM();
        goto done;
    }
    if ((rc = ckp_bom_spofs(cut, users, &ne, net, err)) ||
        (rc = end_users(a, net, served, cut, users, ne, count, err)) ||
        (rc = ckp_analysis_spofs(a, net, count, err)))
        goto done;
    rc = ckp_analysis_risks(a, NULL, net, o, err);
done:
    free(served);
    free(users);
    free(count);
    free(cut);
    return rc;
}
