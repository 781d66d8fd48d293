/*
 * Tier order from the edges. Row order never decides it: a nodes file sorted
 * by its tier column would put "cathode" before "mine" and give a wrong
 * answer without a word.
 */
#include "tier_order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network_internal.h"

/* "--tiers a,b,c" of the given order, into buf. */
static void tiers_option(char *buf, size_t size, const ckp_network *net,
                         const igraph_integer_t *order, igraph_integer_t n)
{
    size_t used = (size_t)snprintf(buf, size, "--tiers ");
    for (igraph_integer_t t = 0; t < n && used < size; t++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", t ? "," : "",
                                 ckp_network_tier_name(net, order[t]));
}

ckp_code ckp_infer_tier_order(ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = ckp_network_tier_count(net), m = ckp_network_edge_count(net);
    char *arc = calloc((size_t)(n ? n * n : 1), 1); /* arc[t * n + u]: an edge t -> u */
    igraph_integer_t *indegree = calloc((size_t)(n ? n : 1), sizeof *indegree);
    igraph_integer_t *order = malloc((size_t)(n ? n : 1) * sizeof *order);
    char *placed = calloc((size_t)(n ? n : 1), 1);
    double *feed = calloc((size_t)(n ? n : 1), sizeof *feed); /* volume in from other tiers */
    if (!arc || !indegree || !order || !placed || !feed) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t t = net->node_tier[net->edge_from[e]], u = net->node_tier[net->edge_to[e]];
        if (t == u)
            continue;
        feed[u] += net->edge_volume[e];
        if (!arc[t * n + u]) {
            arc[t * n + u] = 1;
            indegree[u]++;
        }
    }
    /* Kahn's sort, ties broken by first appearance for the suggestion; a tie or a cycle fails */
    const char *why = NULL;
    igraph_integer_t a = -1, b = -1;
    for (igraph_integer_t k = 0; k < n; k++) {
        igraph_integer_t next = -1;
        for (igraph_integer_t t = 0; t < n; t++) {
            if (placed[t] || indegree[t])
                continue;
            if (next < 0)
                next = t;
            else if (!why) {
                why = "no edge between tiers '%s' and '%s' says which comes first";
                a = next, b = t;
            }
        }
        if (next < 0) { /* a cycle: the tier fed least from the rest goes on the suggestion */
            for (igraph_integer_t t = 0; t < n; t++)
                if (!placed[t] && (next < 0 || feed[t] < feed[next]))
                    next = t;
            if (!why) {
                why = "the edges between the tiers form a cycle (tier '%s' is on it or after "
                      "it%.0s)";
                a = next, b = next;
            }
        }
        order[k] = next;
        placed[next] = 1;
        for (igraph_integer_t e = 0; e < m; e++) /* what the placed tier sends is no longer "in" */
            if (net->node_tier[net->edge_from[e]] == next)
                feed[net->node_tier[net->edge_to[e]]] -= net->edge_volume[e];
        for (igraph_integer_t u = 0; u < n; u++)
            if (arc[next * n + u] && indegree[u] > 0)
                indegree[u]--;
    }
    if (why) {
        char msg[512], option[512];
        snprintf(msg, sizeof msg, why, ckp_network_tier_name(net, a),
                 ckp_network_tier_name(net, b));
        tiers_option(option, sizeof option, net, order, n);
        rc = ckp_error_set(err, CKP_EDATA,
                           "cannot infer the tier order from the edges: %s; give the order, "
                           "sources first, e.g. %s",
                           msg, option);
        goto done;
    }
    if ((rc = ckp_network_reorder_tiers(net, order, err)))
        goto done;
    net->tiers_inferred = 1;
done:
    free(arc);
    free(indegree);
    free(order);
    free(placed);
    free(feed);
    return rc;
}
