/*
 * Origin tracing per material (docs/analysis.md, "Materials and recipes"): the share of an
 * end user's embedded material m (the Dy/Tb in its magnets) that passed through each tier's
 * countries. Each edge is weighted by the m it embeds, volume x content, and the proportional
 * mixing of dependency.c runs on those weights. Content per unit of what an edge carries: 1
 * for m itself; at a recipe node, the m its recipe takes in per unit of throughput (each
 * input at the mix of its in-edges) shared by its outputs in proportion to their yields (E /
 * the sum of its yields per unit of any output); passed through unchanged elsewhere; 0 out
 * of a first-tier node making something else. Loops: sweeps until no content moves by more
 * than 1e-15 of it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/dependency.h"
#include "chokepoint/materials.h"
#include "csr.h"
#include "network_internal.h"

#define SWEEPS 1000

/* The content of m in a unit of material k entering node j: the volume-weighted mix. */
static double content_in(const ckp_network *net, const ckp_csr *g, const double *c,
                         igraph_integer_t j, igraph_integer_t k)
{
    double vol = 0, acc = 0;
    for (igraph_integer_t q = g->in_off[j]; q < g->in_off[j + 1]; q++) {
        igraph_integer_t e = g->in_edge[q];
        if (ckp_edge_material(net, e) == k) {
            vol += net->edge_volume[e];
            acc += net->edge_volume[e] * c[e];
        }
    }
    return vol > 0 ? acc / vol : 0;
}

/* Set the contents of node j's out-edges; the largest change. */
static double node_contents(const ckp_network *net, const ckp_csr *g, double *c,
                            igraph_integer_t j, igraph_integer_t m)
{
    const igraph_integer_t *rm, *ym;
    const double *rc, *yc;
    igraph_integer_t nr = ckp_node_recipe(net, j, CKP_RECIPE_INPUT, &rm, &rc);
    igraph_integer_t ny = ckp_node_recipe(net, j, CKP_RECIPE_YIELD, &ym, &yc);
    double made = 0, yields = 0, change = 0;
    for (igraph_integer_t k = 0; k < nr; k++)
        made += rc[k] * content_in(net, g, c, j, rm[k]);
    for (igraph_integer_t k = 0; k < ny; k++)
        yields += yc[k];
    for (igraph_integer_t q = g->out_off[j]; q < g->out_off[j + 1]; q++) {
        igraph_integer_t e = g->out_edge[q], k = ckp_edge_material(net, e);
        double v = k == m                ? 1
                   : nr && yields > 0    ? made / yields
                   : net->node_tier[j] == 0 ? 0
                                         : content_in(net, g, c, j, k);
        change = fmax(change, fabs(v - c[e]));
        c[e] = v;
    }
    return change;
}

ckp_code ckp_dependency_material(ckp_dependency *out, const ckp_network *net,
                                 igraph_integer_t material, ckp_error *err)
{
    ckp_code rc;
    ckp_csr g;
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    igraph_integer_t *comp = malloc(((size_t)n + 1) * sizeof *comp);
    igraph_integer_t *order = malloc(((size_t)n + 1) * sizeof *order);
    double *c = calloc((size_t)m + 1, sizeof *c), *w = malloc(((size_t)m + 1) * sizeof *w);
    memset(out, 0, sizeof *out);
    memset(&g, 0, sizeof g);
    if (!comp || !order || !c || !w) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = ckp_csr_build(&g, net, err)))
        goto done;
    igraph_integer_t ncomp = ckp_csr_components(&g, net, comp);
    if (ncomp < 0) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    /* nodes in topological order of their components: one sweep unless there is a loop */
    igraph_integer_t *start = calloc((size_t)ncomp + 2, sizeof *start);
    if (!start) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        start[comp[v] + 2]++;
    for (igraph_integer_t q = 0; q < ncomp; q++)
        start[q + 2] += start[q + 1];
    for (igraph_integer_t v = 0; v < n; v++) /* start[q + 1]: where component q fills */
        order[start[comp[v] + 1]++] = v;
    free(start);
    int cyclic = ncomp < n;
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
        double change = 0;
        for (igraph_integer_t i = 0; i < n; i++)
            change = fmax(change, node_contents(net, &g, c, order[i], material));
        if (!cyclic || change <= 1e-15)
            break;
    }
    for (igraph_integer_t e = 0; e < m; e++)
        w[e] = net->edge_volume[e] * c[e];
    rc = ckp_dependency_compute(out, net, w, err);
done:
    ckp_csr_destroy(&g);
    free(comp);
    free(order);
    free(c);
    free(w);
    return rc;
}
