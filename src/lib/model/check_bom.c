/*
 * `check` on a network with materials (docs/analysis.md, "Materials and recipes"): each
 * tier's edges and concentration per material, throughputs read through recipes and
 * yields, recipes against the recorded volumes, and no material from nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "chokepoint/materials.h"
#include "network_internal.h"

/* Recipes and recorded volumes further apart than this share of the recipe warn. */
#define RECIPE_TOLERANCE 0.10

/* Each node's recorded volume in (out = 0) or out (out = 1) per material: [v * nm + m]. */
static double *volumes_by_material(const ckp_network *net, int out)
{
    igraph_integer_t nm = ckp_network_material_count(net);
    double *vol = calloc((size_t)net->n_nodes * (size_t)nm + 1, sizeof *vol);
    for (igraph_integer_t e = 0; vol && e < net->n_edges; e++) {
        igraph_integer_t v = out ? net->edge_from[e] : net->edge_to[e];
        vol[v * nm + ckp_edge_material(net, e)] += net->edge_volume[e];
    }
    return vol;
}

ckp_code ckp_check_bom(wlist *w, double *through, const ckp_network *net, ckp_error *err)
{
    ckp_check_report *r = w->r;
    igraph_integer_t nm = ckp_network_material_count(net), nt = net->tiers.count, culprit;
    ckp_code rc;
    if ((rc = ckp_bom_check_gain(&culprit, net, err)))
        return rc;
    double *out = volumes_by_material(net, 1);
    r->material_edges_out = calloc((size_t)(nm * nt) + 1, sizeof *r->material_edges_out);
    r->material_concentration = calloc((size_t)nm + 1, sizeof *r->material_concentration);
    if (!out || !r->material_edges_out || !r->material_concentration) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    r->n_materials = nm;
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        r->material_edges_out[ckp_edge_material(net, e) * nt +
                              net->node_tier[net->edge_from[e]]]++;
    for (igraph_integer_t m = 0; m < nm; m++)
        if ((rc = ckp_concentration_material(&r->material_concentration[m], net, m, err)))
            goto done;
    /* a maker's throughput: what it sends of each material over that material's yield */
    for (igraph_integer_t v = 0; v < net->n_nodes; v++) {
        const igraph_integer_t *ym;
        const double *yc;
        igraph_integer_t ny = ckp_node_recipe(net, v, CKP_RECIPE_YIELD, &ym, &yc);
        if (!ny || net->node_tier[v] == nt - 1)
            continue;
        through[v] = 0;
        for (igraph_integer_t k = 0; k < ny; k++)
            through[v] = fmax(through[v], out[v * nm + ym[k]] / yc[k]);
    }
done:
    free(out);
    return rc;
}

void ckp_check_bom_recipes(wlist *w, const ckp_network *net, const double *through)
{
    igraph_integer_t nm = ckp_network_material_count(net);
    double *in = volumes_by_material(net, 0);
    if (!in) {
        w->oom = 1;
        return;
    }
    for (igraph_integer_t v = 0; v < net->n_nodes; v++) {
        const igraph_integer_t *rm;
        const double *rc;
        igraph_integer_t nr = ckp_node_recipe(net, v, CKP_RECIPE_INPUT, &rm, &rc);
        /* an end user sends nothing to read its throughput from */
        if (!nr || isnan(through[v]) || !(through[v] > 0))
            continue;
        for (igraph_integer_t k = 0; k < nr; k++) {
            double need = rc[k] * through[v], got = in[v * nm + rm[k]];
            if (!(fabs(got - need) > RECIPE_TOLERANCE * need))
                continue;
            char text[1024];
            snprintf(text, sizeof text,
                     "node '%.200s' receives %.10g of '%.200s' where its recipe calls for "
                     "%.10g (%.10g per unit of its output of %.10g): more than 10%% apart",
                     ckp_node_id(net, v), got, ckp_material_id(net, rm[k]), need, rc[k],
                     through[v]);
            char *detail = strdup(text);
            if (!detail) {
                w->oom = 1;
                break;
            }
            ckp_check_warn(w, CKP_WARN_RECIPE_VOLUME, v, -1, got, need, detail);
        }
    }
    free(in);
}
