/*
 * Exact ranges at a maximum flow. The amounts a maximum flow delivers to the
 * end users form a base of the polymatroid f(G) = the maximum flow to the end
 * users in G alone (Megiddo 1974; Fujishige, "Submodular Functions and
 * Optimization"), so over every maximum flow a set G receives at most f(G)
 * and at least f(S) - f(S \ G). The least comes from the repair machinery:
 * f(S) - f(S \ G) is the loss of served demand when G's end users are taken
 * out, which ckp_flow_losses finds by repairing the solved flow, as long as
 * nothing flows on through them (an end user that recycles scrap is a
 * transit node too: its sets keep their nodes and lose their demand, and
 * ckp_flow_reroute sends what they received to the other end users).
 * The most needs no solve when the solved flow already serves the set's
 * whole demand: f(G) is at most that demand and at least what any maximum
 * flow delivers to G; otherwise ckp_flow_most reroutes to G, from the same
 * solved flow, what the other end users receive.
 */
#include <stdlib.h>
#include <string.h>

#include "flow_internal.h"
#include "network_internal.h"
#include "views_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/*
 * The most each set gets: its whole demand when the solved flow already
 * serves it all, else f(G) from the kept baseline (ckp_flow_most).
 */
static ckp_code set_maxima(double *out, ckp_flow *flow, const ckp_network *fnet,
                           const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                           igraph_integer_t n_sets, const double *delivered, ckp_error *err)
{
    size_t ns = (size_t)(n_sets ? n_sets : 1);
    const igraph_integer_t **most = malloc(ns * sizeof *most);
    igraph_integer_t *most_size = malloc(ns * sizeof *most_size), n_most = 0;
    igraph_integer_t *most_of = malloc(ns * sizeof *most_of);
    double *value = malloc(ns * sizeof *value);
    ckp_code rc = most && most_size && most_of && value ? CKP_OK : NOMEM(err);
    if (rc)
        goto done;
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        double demand = 0, got = 0;
        for (igraph_integer_t k = 0; k < sizes[i]; k++) {
            demand += ckp_node_demand(fnet, sets[i][k]);
            got += delivered[sets[i][k]];
        }
        most_of[i] = -1;
        out[i] = sizes[i] > 0 ? ckp_round_flow(demand) : 0;
        if (sizes[i] > 0 && got < demand - 1e-12 * demand) {
            most_of[i] = n_most;
            most[n_most] = sets[i];
            most_size[n_most++] = sizes[i];
        }
    }
    if (n_most && (rc = ckp_flow_most(value, flow, most, most_size, n_most, err)))
        goto done;
    for (igraph_integer_t i = 0; i < n_sets; i++)
        if (most_of[i] >= 0)
            out[i] = value[most_of[i]];
done:
    free(most);
    free(most_size);
    free(most_of);
    free(value);
    return rc;
}

ckp_code ckp_views_ranges(double *total, ckp_range *out, ckp_flow *flow, const ckp_network *fnet,
                          const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                          igraph_integer_t n_sets, int threads, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = fnet->n_nodes;
    size_t ns = (size_t)(n_sets ? n_sets : 1);
    char *transit = calloc((size_t)(n ? n : 1), 1);
    double *delivered = calloc((size_t)(n ? n : 1), sizeof *delivered);
    const igraph_integer_t **by_repair = malloc(ns * sizeof *by_repair);
    igraph_integer_t *repair_size = malloc(ns * sizeof *repair_size);
    igraph_integer_t *repair_of = malloc(ns * sizeof *repair_of);
    double *losses = malloc(ns * sizeof *losses), *most = malloc(ns * sizeof *most);
    if (!transit || !delivered || !by_repair || !repair_size || !repair_of || !losses || !most) {
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
    /* the sets whose end users pass nothing on first (repaired), then the others (rerouted) */
    igraph_integer_t n_repair = 0, n_through = 0;
    for (int pass = 0; pass < 2; pass++)
        for (igraph_integer_t i = 0; i < n_sets; i++) {
            int through = 0;
            for (igraph_integer_t k = 0; k < sizes[i]; k++)
                through |= transit[sets[i][k]];
            if (pass == 0)
                repair_of[i] = -1;
            if (sizes[i] == 0 || through != pass)
                continue;
            repair_of[i] = n_repair + n_through;
            by_repair[repair_of[i]] = sets[i];
            repair_size[repair_of[i]] = sizes[i];
            *(pass ? &n_through : &n_repair) += 1;
        }
    if (n_repair && (rc = ckp_flow_losses_stage(flow, by_repair, repair_size, n_repair, threads,
                                                losses, "scenario views: rerouting", err)))
        goto done;
    if (n_through && (rc = ckp_flow_reroute(losses + n_repair, flow, by_repair + n_repair,
                                            repair_size + n_repair, n_through, 1,
                                            CKP_REROUTE_BUDGET, err)))
        goto done;
    ckp_progress("scenario views: ranges", 0, (long long)n_sets);
    if ((rc = set_maxima(most, flow, fnet, sets, sizes, n_sets, delivered, err)))
        goto done;
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        double lo = repair_of[i] >= 0 ? losses[repair_of[i]] : 0, hi = most[i];
        lo = ckp_round_flow(lo < 0 ? 0 : lo);
        out[i] = (ckp_range){lo < hi ? lo : hi, hi};
    }
    ckp_progress("scenario views: ranges", (long long)n_sets, (long long)n_sets);
done:
    free(transit);
    free(most);
    free(delivered);
    free(by_repair);
    free(repair_size);
    free(repair_of);
    free(losses);
    return rc;
}
