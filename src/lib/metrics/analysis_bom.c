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
                          const ckp_bom_cuts *c, igraph_integer_t *count, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, ne = c->n_end_users;
    ckp_keyed_node *order = malloc((size_t)(ne ? ne : 1) * sizeof *order);
    ckp_keyed_node *doms = malloc((size_t)(n ? n : 1) * sizeof *doms);
    /* the cuts by end user: who[by[k] .. by[k + 1]) cut off end user k */
    igraph_integer_t *by = calloc((size_t)ne + 2, sizeof *by);
    igraph_integer_t *who = malloc(((size_t)c->start[n] + 1) * sizeof *who);
    a->end_users = calloc((size_t)(ne ? ne : 1), sizeof *a->end_users);
    if (!order || !doms || !by || !who || !a->end_users) {
        NOMEM();
        goto done;
    }
    for (igraph_integer_t k = 0; k < c->start[n]; k++)
        by[c->cut[k] + 2]++;
    for (igraph_integer_t k = 0; k < ne; k++)
        by[k + 2] += by[k + 1];
    for (igraph_integer_t x = 0; x < n; x++)
        for (igraph_integer_t k = c->start[x]; k < c->start[x + 1]; k++)
            who[by[c->cut[k] + 1]++] = x;
    for (igraph_integer_t k = 0; k < ne; k++)
        order[k] = (ckp_keyed_node){0, ckp_node_id(net, c->end_users[k]), k};
    ckp_keyed_nodes_sort(order, ne);
    a->n_end_users = ne;
    for (igraph_integer_t i = 0; i < ne; i++) {
        igraph_integer_t k = order[i].node, u = c->end_users[k], nd = 0;
        ckp_end_user *eu = &a->end_users[i];
        eu->node = u;
        eu->demand = ckp_node_demand(net, u);
        eu->served = served[u];
        eu->redundancy_exact = 1;
        /* nearest to the sources first: by tier, then id */
        for (igraph_integer_t q = by[k]; q < by[k + 1]; q++) {
            igraph_integer_t x = who[q];
            /* producible at all: its own loss cuts it off */
            eu->reachable |= x == u;
            if (x != u)
                doms[nd++] = (ckp_keyed_node){-(double)net->node_tier[x], ckp_node_id(net, x), x};
        }
        a->n_unreachable += !eu->reachable;
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
    free(by);
    free(who);
    return rc;
}

ckp_code ckp_analyze_bom(ckp_analysis *a, const ckp_network *net,
                         const ckp_analysis_options *o, ckp_error *err)
{
    ckp_code rc;
    igraph_integer_t n = net->n_nodes, nm = ckp_network_material_count(net);
    size_t nn = (size_t)(n ? n : 1);
    double *served = malloc(nn * sizeof *served);
    igraph_integer_t *count = calloc(nn, sizeof *count);
    ckp_bom_cuts cuts;
    ckp_bom_solver *bom = NULL; /* the baseline, solved once for served and flow at risk */
    ckp_bom_cuts_init(&cuts);
    a->n_materials = nm > 0 ? nm : 1;
    a->material_concentration = calloc((size_t)a->n_materials, sizeof *a->material_concentration);
    a->material_dependency = calloc((size_t)a->n_materials, sizeof *a->material_dependency);
    if (!served || !count || !a->material_concentration || !a->material_dependency) {
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
    if ((rc = ckp_bom_solver_new(&bom, net, err)))
        goto done;
    ckp_bom_solver_served(bom, &a->served, served, a->flow);
    if ((rc = ckp_bom_spof_cuts(&cuts, net, err)) ||
        (rc = end_users(a, net, served, &cuts, count, err)) ||
        (rc = ckp_analysis_spofs(a, net, count, err)))
        goto done;
    rc = ckp_analysis_risks(a, NULL, bom, net, o, NULL, err);
done:
    ckp_bom_solver_free(bom);
    free(served);
    free(count);
    ckp_bom_cuts_destroy(&cuts);
    return rc;
}
