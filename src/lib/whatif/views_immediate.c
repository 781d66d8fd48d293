/*
 * The immediate view: recorded volumes with fixed proportions. A node keeps
 * the fraction min(1, capacity / throughput, new inflow / recorded inflow)
 * of every recorded outflow (a term with a zero denominator dropped; a
 * first-tier node's throughput is its recorded outflow and its supply is
 * not limited by inflow). The map from fractions to fractions is monotone,
 * so iterating down from 1 reaches its greatest fixed point; on an acyclic
 * network, in topological order, one pass does.
 */
#include <stdlib.h>
#include <string.h>

#include "network_internal.h"
#include "views_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/* Recomputations allowed per node before giving up on the tolerance (slow recycling loops). */
#define WORK_PER_NODE 20000

void ckp_propagation_destroy(ckp_propagation *p)
{
    if (!p)
        return;
    free(p->fraction);
    free(p->inflow);
    free(p->outflow);
    free(p->edge);
    memset(p, 0, sizeof *p);
}

/* Recorded inflow and outflow of a node, over every edge. */
static void recorded(const ckp_network *net, const ckp_csr *csr, igraph_integer_t v,
                     double *in, double *out)
{
    *in = *out = 0;
    for (igraph_integer_t k = csr->in_off[v]; k < csr->in_off[v + 1]; k++)
        *in += net->edge_volume[csr->in_edge[k]];
    for (igraph_integer_t k = csr->out_off[v]; k < csr->out_off[v + 1]; k++)
        *out += net->edge_volume[csr->out_edge[k]];
}

static double fraction_of(const ckp_propagation *p, const ckp_network *net, const ckp_csr *csr,
                          const char *edge_gone, double capacity, igraph_integer_t v)
{
    double in_rec, out_rec, in_new = 0;
    recorded(net, csr, v, &in_rec, &out_rec);
    int first = net->node_tier[v] == 0;
    double through = first ? out_rec : in_rec, f = 1;
    if (through > 0 && capacity < through)
        f = capacity / through;
    if (!first && in_rec > 0) {
        for (igraph_integer_t k = csr->in_off[v]; k < csr->in_off[v + 1]; k++) {
            igraph_integer_t e = csr->in_edge[k];
            if (!edge_gone || !edge_gone[e])
                in_new += p->fraction[net->edge_from[e]] * net->edge_volume[e];
        }
        if (in_new / in_rec < f)
            f = in_new / in_rec;
    }
    return f;
}

/* Nodes in topological order of the strong components (Tarjan numbers them so). */
static igraph_integer_t *initial_order(const ckp_network *net, const ckp_csr *csr)
{
    igraph_integer_t n = net->n_nodes;
    size_t nn = (size_t)(n ? n : 1);
    igraph_integer_t *comp = malloc(nn * sizeof *comp), *count = NULL, *order = NULL;
    igraph_integer_t nc = comp ? ckp_csr_components(csr, net, comp) : -1;
    if (nc >= 0) {
        count = calloc((size_t)nc + 1, sizeof *count);
        order = malloc(nn * sizeof *order);
    }
    if (count && order) {
        for (igraph_integer_t v = 0; v < n; v++)
            count[comp[v] + 1]++;
        for (igraph_integer_t c = 0; c < nc; c++)
            count[c + 1] += count[c];
        for (igraph_integer_t v = 0; v < n; v++)
            order[count[comp[v]]++] = v;
    } else {
        free(order);
        order = NULL;
    }
    free(comp);
    free(count);
    return order;
}

/* Fractions to the greatest fixed point by a work queue: a node whose fraction drops requeues
   the heads of its edges. */
static int iterate(ckp_propagation *p, const ckp_network *net, const ckp_csr *csr,
                   const char *node_gone, const char *edge_gone, const double *capacity)
{
    igraph_integer_t n = net->n_nodes, head = 0, len = n;
    size_t nn = (size_t)(n ? n : 1);
    igraph_integer_t *queue = initial_order(net, csr);
    char *queued = malloc(nn);
    if (!queue || !queued) {
        free(queue);
        free(queued);
        return -1;
    }
    memset(queued, 1, nn);
    double budget = (double)WORK_PER_NODE * (double)(n + 1);
    p->converged = 1;
    while (len > 0) {
        if (--budget < 0) {
            p->converged = 0;
            break;
        }
        igraph_integer_t v = queue[head];
        head = (head + 1) % n;
        len--;
        queued[v] = 0;
        double cap = capacity ? capacity[v] : net->node_capacity[v];
        double f = node_gone && node_gone[v] ? 0 : fraction_of(p, net, csr, edge_gone, cap, v);
        double drop = p->fraction[v] - f;
        if (drop <= 0)
            continue; /* monotone from above: rounding may not raise a fraction */
        p->fraction[v] = f;
        if (drop <= CKP_VIEWS_TOLERANCE)
            continue;
        for (igraph_integer_t k = csr->out_off[v]; k < csr->out_off[v + 1]; k++) {
            igraph_integer_t w = net->edge_to[csr->out_edge[k]];
            if (!queued[w]) {
                queued[w] = 1;
                queue[(head + len++) % n] = w;
            }
        }
    }
    free(queue);
    free(queued);
    return 0;
}

ckp_code ckp_propagate(ckp_propagation *p, const ckp_network *net, const ckp_csr *csr,
                       const char *node_gone, const char *edge_gone, const double *capacity,
                       ckp_error *err)
{
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    size_t nn = (size_t)(n ? n : 1), nm = (size_t)(m ? m : 1);
    memset(p, 0, sizeof *p);
    p->fraction = malloc(nn * sizeof *p->fraction);
    p->inflow = calloc(nn, sizeof *p->inflow);
    p->outflow = calloc(nn, sizeof *p->outflow);
    p->edge = malloc(nm * sizeof *p->edge);
    if (!p->fraction || !p->inflow || !p->outflow || !p->edge)
        goto nomem;
    for (igraph_integer_t v = 0; v < n; v++)
        p->fraction[v] = node_gone && node_gone[v] ? 0 : 1;
    if (iterate(p, net, csr, node_gone, edge_gone, capacity) < 0)
        goto nomem;
    for (igraph_integer_t e = 0; e < m; e++) {
        int gone = edge_gone && edge_gone[e];
        p->edge[e] = gone ? 0 : p->fraction[net->edge_from[e]] * net->edge_volume[e];
        p->inflow[net->edge_to[e]] += p->edge[e];
        p->outflow[net->edge_from[e]] += p->edge[e];
    }
    return CKP_OK;
nomem:
    ckp_propagation_destroy(p);
    return NOMEM(err);
}

double ckp_propagated_served(const ckp_propagation *p, const ckp_network *net,
                             igraph_integer_t node, double capacity)
{
    double served = ckp_node_demand(net, node);
    if (capacity < served)
        served = capacity;
    if (p->inflow[node] < served)
        served = p->inflow[node];
    return ckp_round_flow(served);
}

/* Slack for volumes that add up in decimal but not in binary. */
static int exceeds(double a, double b)
{
    return a > b + 1e-9 * (b > 1 ? b : 1);
}

int ckp_views_check_volumes(ckp_messages *warnings, const ckp_network *net,
                            const ckp_csr *csr)
{
    igraph_integer_t short_count = 0, over_count = 0, short_node = -1, over_node = -1;
    for (igraph_integer_t v = 0; v < net->n_nodes; v++) {
        double in, out;
        recorded(net, csr, v, &in, &out);
        int first = net->node_tier[v] == 0;
        if (!first && exceeds(out, in) && short_count++ == 0)
            short_node = v;
        if (exceeds(first ? out : in, net->node_capacity[v]) && over_count++ == 0)
            over_node = v;
    }
    if (short_count &&
        ckp_messages_add(warnings,
                       "recorded volumes are not a feasible flow: node '%s' sends more than it "
                       "receives (%lld nodes do); the views hold, their invariants do not",
                       ckp_node_id(net, short_node), (long long)short_count) < 0)
        return -1;
    if (over_count &&
        ckp_messages_add(warnings,
                       "recorded volumes are not a feasible flow: node '%s' puts through more "
                       "than its capacity (%lld nodes do); the views hold, their invariants do "
                       "not",
                       ckp_node_id(net, over_node), (long long)over_count) < 0)
        return -1;
    return 0;
}
