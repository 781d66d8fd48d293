/* The time-expanded flow problem: see horizon.h. */
#include "horizon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "flow_internal.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/* A name for the hubs' tier that no tier of `net` has. */
static void hub_tier_name(char *out, size_t size, const ckp_network *net)
{
    snprintf(out, size, "~stock hub");
    while (ckp_network_tier_find(net, out) >= 0 && strlen(out) + 2 < size)
        strcat(out, "~");
}

/* An id for an added node: "~hub/ID" or "~stock/ID", with more '~' until it is new. */
static ckp_code aux_node(ckp_network *x, const ckp_network *net, igraph_integer_t j,
                         const char *kind, const char *tier, double capacity,
                         igraph_integer_t *out, ckp_error *err)
{
    char id[512];
    snprintf(id, sizeof id, "~%s/%.400s", kind, ckp_node_id(net, j));
    while ((ckp_network_find(x, id) >= 0 || ckp_network_find(net, id) >= 0) &&
           strlen(id) + 2 < sizeof id)
        memmove(id + 1, id, strlen(id) + 1);
    ckp_node_spec spec;
    ckp_node_spec_init(&spec);
    spec.id = id;
    spec.tier = tier;
    spec.country = ckp_node_country(net, j);
    spec.capacity = capacity;
    ckp_code rc = ckp_network_add_node(x, &spec, NULL, err);
    *out = ckp_network_node_count(x) - 1;
    return rc;
}

static ckp_code add_edge(ckp_network *x, igraph_integer_t from, igraph_integer_t to,
                         double volume, double capacity, ckp_error *err)
{
    ckp_edge_spec e;
    ckp_edge_spec_init(&e);
    e.from = from;
    e.to = to;
    e.volume = volume;
    e.capacity = capacity;
    return ckp_network_add_edge(x, &e, NULL, err);
}

/* The original nodes, as they are but for end users' demands (given outright). */
static ckp_code copy_nodes(ckp_horizon *h, const char *hub_tier, ckp_error *err)
{
    const ckp_network *net = h->net;
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    ckp_code rc;
    for (igraph_integer_t t = 0; t <= last; t++) {
        if ((rc = ckp_network_add_tier(h->x, ckp_network_tier_name(net, t), err)))
            return rc;
        if (t == 0 && (rc = ckp_network_add_tier(h->x, hub_tier, err)))
            return rc;
    }
    for (igraph_integer_t i = 0; i < h->n; i++) {
        int end_user = ckp_node_tier(net, i) == last;
        double s = ckp_node_stock(net, i);
        ckp_node_spec spec;
        ckp_node_spec_init(&spec);
        spec.id = ckp_node_id(net, i);
        spec.tier = ckp_network_tier_name(net, ckp_node_tier(net, i));
        spec.country = ckp_node_country(net, i);
        spec.capacity = ckp_node_capacity(net, i);
        if (end_user) {
            spec.demand = ckp_node_demand(net, i);
            /* a stocked end user's capacity moves to its hub, which its stock bypasses */
            if (s > 0 && isfinite(spec.capacity))
                spec.capacity = CKP_UNBOUNDED;
        }
        if ((rc = ckp_network_add_node(h->x, &spec, NULL, err)))
            return rc;
    }
    return CKP_OK;
}

/* Hubs and stock nodes, and the arcs that join them to their nodes. */
static ckp_code add_stocks(ckp_horizon *h, const char *hub_tier, ckp_error *err)
{
    const ckp_network *net = h->net;
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    const char *first = ckp_network_tier_name(net, 0);
    ckp_code rc;
    for (igraph_integer_t i = 0; i < h->n; i++) {
        h->hub[i] = h->pool[i] = -1;
        double s = ckp_node_stock(net, i), c = ckp_node_capacity(net, i);
        if (!(s > 0))
            continue;
        int end_user = ckp_node_tier(net, i) == last;
        h->pools[h->n_pools++] = i;
        if ((rc = aux_node(h->x, net, i, "stock", first, s, &h->pool[i], err)))
            return rc;
        if (!end_user || isfinite(c)) {
            if ((rc = aux_node(h->x, net, i, "hub", hub_tier, end_user ? c : CKP_UNBOUNDED,
                               &h->hub[i], err)))
                return rc;
            /* an end user receives through its hub; any other node ships through it */
            if ((rc = end_user ? add_edge(h->x, h->hub[i], i, 0, CKP_UNBOUNDED, err)
                               : add_edge(h->x, i, h->hub[i], 0, CKP_UNBOUNDED, err)))
                return rc;
        }
        igraph_integer_t into = end_user ? i : h->hub[i];
        if ((rc = add_edge(h->x, h->pool[i], into, 0, CKP_UNBOUNDED, err)))
            return rc;
    }
    return CKP_OK;
}

static ckp_code copy_edges(ckp_horizon *h, ckp_error *err)
{
    const ckp_network *net = h->net;
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
        igraph_integer_t a = ckp_edge_from(net, e), b = ckp_edge_to(net, e);
        if (h->hub[a] >= 0 && ckp_node_tier(net, a) != last)
            a = h->hub[a];
        if (h->hub[b] >= 0 && ckp_node_tier(net, b) == last)
            b = h->hub[b];
        ckp_code rc = add_edge(h->x, a, b, ckp_edge_volume(net, e), ckp_edge_capacity(net, e),
                               err);
        if (rc)
            return rc;
    }
    return CKP_OK;
}

ckp_code ckp_horizon_init(ckp_horizon *h, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    memset(h, 0, sizeof *h);
    h->net = net;
    h->n = ckp_network_node_count(net);
    if (ckp_network_has_bom(net))
        return ckp_bom_horizon_new(&h->bom, net, err);
    size_t nn = (size_t)(h->n ? h->n : 1);
    h->hub = malloc(nn * sizeof *h->hub);
    h->pool = malloc(nn * sizeof *h->pool);
    h->pools = malloc(nn * sizeof *h->pools);
    if (!h->hub || !h->pool || !h->pools) {
        rc = NOMEM(err);
        goto done;
    }
    char hub_tier[64];
    hub_tier_name(hub_tier, sizeof hub_tier, net);
    if ((rc = ckp_network_new(&h->x, err)) || (rc = copy_nodes(h, hub_tier, err)) ||
        (rc = add_stocks(h, hub_tier, err)) || (rc = copy_edges(h, err)) ||
        (rc = ckp_flow_new(&h->flow, h->x, err)))
        goto done;
    h->reach = malloc((size_t)h->flow->nv);
    h->queue = malloc((size_t)h->flow->nv * sizeof *h->queue);
    if (!h->reach || !h->queue)
        rc = NOMEM(err);
done:
    if (rc)
        ckp_horizon_destroy(h);
    return rc;
}

void ckp_horizon_destroy(ckp_horizon *h)
{
    ckp_bom_horizon_free(h->bom);
    ckp_flow_free(h->flow);
    ckp_network_free(h->x);
    free(h->hub);
    free(h->pool);
    free(h->pools);
    free(h->reach);
    free(h->queue);
    memset(h, 0, sizeof *h);
}

int ckp_horizon_node_set(const ckp_horizon *h, igraph_integer_t node, igraph_integer_t *out)
{
    int k = 0;
    out[k++] = node;
    if (h->bom)
        return k;
    if (h->hub[node] >= 0)
        out[k++] = h->hub[node];
    if (h->pool[node] >= 0)
        out[k++] = h->pool[node];
    return k;
}

void ckp_horizon_remove_node(ckp_horizon *h, igraph_integer_t node, int removed)
{
    igraph_integer_t set[3];
    int k = ckp_horizon_node_set(h, node, set);
    ckp_horizon_remove_set(h, set, k, removed);
}

void ckp_horizon_remove_set(ckp_horizon *h, const igraph_integer_t *set, igraph_integer_t size,
                            int removed)
{
    for (igraph_integer_t i = 0; i < size; i++) {
        if (h->bom)
            ckp_bom_horizon_remove(h->bom, set[i], removed);
        else
            ckp_flow_remove_node(h->flow, set[i], removed);
    }
}

double ckp_horizon_eps(const ckp_horizon *h)
{
    return h->bom ? 1e-9 : h->flow->eps;
}

ckp_code ckp_horizon_losses(ckp_horizon *h, const igraph_integer_t *const *sets,
                            const igraph_integer_t *sizes, igraph_integer_t n_sets, int threads,
                            double *loss, ckp_error *err)
{
    ckp_code rc;
    if (!h->bom) {
        if ((rc = ckp_flow_keep_baseline(h->flow, err)))
            return rc;
        /* silent: the caller (stress) reports its own stage */
        return ckp_flow_losses_stage(h->flow, sets, sizes, n_sets, threads, loss, NULL, err);
    }
    /* the LP: the bounds of the last solve are the baseline's; its sigma is kept by them */
    double base = ckp_bom_horizon_resolve(h->bom, NULL, 0, err);
    if (base < 0)
        return CKP_EINTERNAL;
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        double v = ckp_bom_horizon_resolve(h->bom, sets[i], sizes[i], err);
        if (v < 0)
            return CKP_EINTERNAL;
        loss[i] = base - v > 0 ? base - v : 0;
    }
    return CKP_OK;
}

void ckp_horizon_restrict(ckp_horizon *h, const char *in_group)
{
    igraph_integer_t last = ckp_network_tier_count(h->net) - 1;
    if (h->bom) {
        ckp_bom_horizon_restrict(h->bom, in_group);
        return;
    }
    for (igraph_integer_t i = 0; i < h->n; i++)
        if (ckp_node_tier(h->net, i) == last)
            ckp_flow_remove_sink(h->flow, i, in_group && !in_group[i]);
}

double ckp_horizon_solve_scaled(ckp_horizon *h, double sigma)
{
    if (h->bom)
        return ckp_bom_horizon_solve_scaled(h->bom, sigma);
    for (igraph_integer_t k = 0; k < h->n_pools; k++) {
        igraph_integer_t i = h->pools[k];
        ckp_flow_set_node_capacity(h->flow, h->pool[i], ckp_node_stock(h->net, i) * sigma);
    }
    return ckp_flow_solve(h->flow, -1);
}

double ckp_horizon_served(ckp_horizon *h, double days)
{
    if (!(days > 0))
        return 0;
    double v = ckp_horizon_solve_scaled(h, 365.0 / days);
    return v < 0 ? v : days / 365.0 * v;
}

/*
 * The minimum cut the last solve left (the vertices the residual graph
 * reaches from the source) as a + b t over t days: `a` the stocks it
 * crosses, `b` the annual capacities and demands it crosses, per day.
 */
static void last_cut(ckp_horizon *h, double *a, double *b)
{
    const ckp_flow *f = h->flow;
    const double *res = f->sv.res;
    memset(h->reach, 0, (size_t)f->nv);
    igraph_integer_t head = 0, tail = 0;
    h->queue[tail++] = f->s;
    h->reach[f->s] = 1;
    while (head < tail) {
        igraph_integer_t v = h->queue[head++];
        for (igraph_integer_t arc = f->first[v]; arc < f->first[v + 1]; arc++) {
            igraph_integer_t w = f->head[arc];
            if (!h->reach[w] && res[arc] > f->eps) {
                h->reach[w] = 1;
                h->queue[tail++] = w;
            }
        }
    }
    const ckp_network *x = h->x;
    double sa = 0, sb = 0;
    for (igraph_integer_t i = 0; i < ckp_network_node_count(x); i++) {
        if (f->node_removed[i])
            continue;
        if (h->reach[IN(i)] && !h->reach[OUT(i)]) {
            if (i >= h->n && ckp_node_tier(x, i) == 0) /* a stock node */
                sa += ckp_node_capacity(x, i);
            else
                sb += ckp_node_capacity(x, i);
        }
        if (f->sink_arc[i] >= 0 && !f->sink_removed[i] && h->reach[OUT(i)])
            sb += ckp_node_demand(x, i);
    }
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(x); e++)
        if (!f->edge_removed[e] && h->reach[OUT(ckp_edge_from(x, e))] &&
            !h->reach[IN(ckp_edge_to(x, e))])
            sb += ckp_edge_capacity(x, e);
    *a = sa;
    *b = sb / 365.0;
}

/*
 * The maximum flow with the stocks scaled by `sigma`, no less than the last
 * solve's: the stocks only grow, so the last flow is still feasible and
 * push-relabel goes on from it (Newton's steps shorten the horizon, so each
 * raises sigma). The value is the flow out of the source, not what was added.
 */
static double solve_raised(ckp_horizon *h, double sigma)
{
    ckp_flow *f = h->flow;
    for (igraph_integer_t k = 0; k < h->n_pools; k++) {
        igraph_integer_t p = h->pool[h->pools[k]];
        double c = ckp_node_stock(h->net, h->pools[k]) * sigma;
        if (!f->node_removed[p])
            f->sv.res[f->node_arc[p]] += c - f->node_cap[p];
        f->node_cap[p] = c;
    }
    if (ckp_flow_hipr(&f->sv, 1) < 0) /* push-relabel could not run: from scratch */
        return ckp_horizon_solve_scaled(h, sigma);
    double value = 0;
    for (igraph_integer_t a = f->first[f->s]; a < f->first[f->s + 1]; a++)
        value += f->sv.res[f->rev[a]];
    return ckp_round_flow(value);
}

/*
 * Newton's steps from the long-run flow just solved (value `base`): each
 * step's cut gives the next, shorter horizon.
 */
static ckp_code newton(double *days, ckp_horizon *h, double rate, double base, int *n,
                       ckp_error *err)
{
    double r = rate / 365.0, a, b;
    if (base < 0)
        return ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
    if (base >= rate * (1 - 1e-12) - h->flow->eps)
        return CKP_OK;
    last_cut(h, &a, &b);
    double t = b < r ? a / (r - b) : 0;
    for (int k = 0; k < 100; k++) {
        if (!(t > 0)) {
            t = 0;
            break;
        }
        double v = solve_raised(h, 365.0 / t);
        (*n)++;
        if (v < 0)
            return ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
        /* served over t days against what the rate asks: v t/365 >= r t */
        if (v >= rate * (1 - 1e-12) - h->flow->eps)
            break;
        /* a cut of the scaled problem is one of the t-day problem too */
        last_cut(h, &a, &b);
        if (!(b < r))
            break;
        double next = a / (r - b);
        if (!(next < t))
            break;
        t = next;
    }
    *days = t;
    return CKP_OK;
}

ckp_code ckp_horizon_tts(double *days, ckp_horizon *h, double rate, int *steps,
                         ckp_error *err)
{
    ckp_code rc = CKP_OK;
    int n = 0;
    if (h->bom)
        return ckp_bom_horizon_tts(days, h->bom, rate, steps, err);
    *days = NAN;
    if (rate / 365.0 > 0) {
        /* the long run: stocks spent, the shocked network's own rate */
        double base = ckp_horizon_solve_scaled(h, 0);
        n++;
        rc = newton(days, h, rate, base, &n, err);
    }
    if (steps)
        *steps = n;
    return rc;
}

ckp_code ckp_horizon_tts_without(double *days, ckp_horizon *h, double rate,
                                 const igraph_integer_t *set, igraph_integer_t size,
                                 ckp_error *err)
{
    ckp_flow *f = h->flow;
    int n = 0;
    *days = NAN;
    if (h->bom || !(rate / 365.0 > 0) || !f->base_res)
        return ckp_horizon_tts(days, h, rate, NULL, err);
    /* the long run by repair of the baseline's flow, as the losses found it */
    memcpy(f->sv.res, f->base_res, (size_t)(f->na ? f->na : 1) * sizeof *f->sv.res);
    for (igraph_integer_t k = 0; k < h->n_pools; k++)
        f->node_cap[h->pool[h->pools[k]]] = 0;
    double loss = ckp_flow_hipr_remove(&f->sv, set, size);
    if (loss < 0)
        return ckp_horizon_tts(days, h, rate, NULL, err);
    /* the repair bounds the source arcs by what their heads took: unbounded again */
    for (igraph_integer_t a = f->first[f->s]; a < f->first[f->s + 1]; a++)
        f->sv.res[a] = INFINITY;
    double base = 0;
    for (igraph_integer_t a = f->first[f->s]; a < f->first[f->s + 1]; a++)
        base += f->sv.res[f->rev[a]];
    return newton(days, h, rate, ckp_round_flow(base), &n, err);
}
