/*
 * Exact ranges at a maximum flow. The amounts a maximum flow delivers to the
 * end users form a base of the polymatroid f(G) = the maximum flow to the end
 * users in G alone (Megiddo 1974; Fujishige, "Submodular Functions and
 * Optimization"), so over every maximum flow a set G receives at most f(G)
 * and at least f(S) - f(S \ G). The least comes from the repair machinery:
 * f(S) - f(S \ G) is the loss of served demand when G's end users are taken
 * out, which ckp_flow_losses finds by repairing the solved flow, as long as
 * nothing flows on through them (an end user that recycles scrap is a
 * transit node too, so its sets are solved afresh with its demand removed).
 * The most needs no solve when the solved flow already serves the set's
 * whole demand: f(G) is at most that demand and at least what any maximum
 * flow delivers to G.
 */
#include <stdlib.h>
#include <string.h>

#include "flow_internal.h"
#include "network_internal.h"
#include "views_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/* The most a set gets: the maximum flow with every other end user's demand out. */
static double set_max(ckp_flow *flow, const ckp_network *fnet, const igraph_integer_t *set,
                      igraph_integer_t size, char *in_set, const double *delivered)
{
    double demand = 0, got = 0;
    for (igraph_integer_t k = 0; k < size; k++) {
        demand += ckp_node_demand(fnet, set[k]);
        got += delivered[set[k]];
    }
    if (got >= demand - 1e-12 * demand)
        return ckp_round_flow(demand);
    if (size == 1)
        return ckp_flow_solve(flow, set[0]);
    igraph_integer_t last = fnet->tiers.count - 1;
    for (igraph_integer_t k = 0; k < size; k++)
        in_set[set[k]] = 1;
    for (igraph_integer_t v = 0; v < fnet->n_nodes; v++)
        if (fnet->node_tier[v] == last && !in_set[v])
            ckp_flow_remove_sink(flow, v, 1);
    double value = ckp_flow_solve(flow, -1);
    for (igraph_integer_t v = 0; v < fnet->n_nodes; v++)
        if (fnet->node_tier[v] == last)
            ckp_flow_remove_sink(flow, v, 0);
    for (igraph_integer_t k = 0; k < size; k++)
        in_set[set[k]] = 0;
    return value;
}

/* The maximum flow to every end user but the set's. */
static double without_set(ckp_flow *flow, const igraph_integer_t *set, igraph_integer_t size)
{
    for (igraph_integer_t k = 0; k < size; k++)
        ckp_flow_remove_sink(flow, set[k], 1);
    double value = ckp_flow_solve(flow, -1);
    for (igraph_integer_t k = 0; k < size; k++)
        ckp_flow_remove_sink(flow, set[k], 0);
    return value;
}

ckp_code ckp_views_ranges(double *total, ckp_range *out, ckp_flow *flow, const ckp_network *fnet,
                          const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                          igraph_integer_t n_sets, int threads, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = fnet->n_nodes;
    size_t ns = (size_t)(n_sets ? n_sets : 1);
    char *transit = calloc((size_t)(n ? n : 1), 1);
    char *in_set = calloc((size_t)(n ? n : 1), 1);
    double *delivered = calloc((size_t)(n ? n : 1), sizeof *delivered);
    const igraph_integer_t **by_repair = malloc(ns * sizeof *by_repair);
    igraph_integer_t *repair_size = malloc(ns * sizeof *repair_size);
    igraph_integer_t *repair_of = malloc(ns * sizeof *repair_of);
    double *losses = malloc(ns * sizeof *losses);
    if (!transit || !in_set || !delivered || !by_repair || !repair_size || !repair_of || !losses) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t e = 0; e < fnet->n_edges; e++)
        transit[fnet->edge_from[e]] = 1;
    *total = ckp_flow_solve(flow, -1);
    igraph_integer_t last = fnet->tiers.count - 1;
    for (igraph_integer_t v = 0; v < n; v++)
        if (fnet->node_tier[v] == last)
            delivered[v] = ckp_flow_delivered(flow, v);
    if ((rc = ckp_flow_keep_baseline(flow, err)))
        goto done;
    igraph_integer_t n_repair = 0;
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        int through = 0;
        for (igraph_integer_t k = 0; k < sizes[i]; k++)
            through |= transit[sets[i][k]];
        repair_of[i] = -1;
        if (!through && sizes[i] > 0) {
            repair_of[i] = n_repair;
            by_repair[n_repair] = sets[i];
            repair_size[n_repair++] = sizes[i];
        }
    }
    if (n_repair && (rc = ckp_flow_losses_stage(flow, by_repair, repair_size, n_repair, threads,
                                                losses, "scenario views: rerouting", err)))
        goto done;
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        double lo = 0, hi = 0;
        ckp_progress("scenario views: ranges", (long long)i, (long long)n_sets);
        if (sizes[i] > 0) {
            lo = repair_of[i] >= 0 ? losses[repair_of[i]]
                                   : *total - without_set(flow, sets[i], sizes[i]);
            hi = set_max(flow, fnet, sets[i], sizes[i], in_set, delivered);
        }
        lo = ckp_round_flow(lo < 0 ? 0 : lo);
        out[i] = (ckp_range){lo < hi ? lo : hi, hi};
    }
    ckp_progress("scenario views: ranges", (long long)n_sets, (long long)n_sets);
done:
    free(transit);
    free(in_set);
    free(delivered);
    free(by_repair);
    free(repair_size);
    free(repair_of);
    free(losses);
    return rc;
}
