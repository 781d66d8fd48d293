/*
 * The engine against independent methods on random tiered networks:
 * - served demand against igraph_maxflow on an explicitly node-split graph;
 * - dominators against brute force (d dominates u iff removing d cuts u off);
 * - redundancy against brute force over node subsets;
 * - origin tracing against a dense linear solve (Gaussian elimination).
 */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/dependency.h"
#include "chokepoint/dominators.h"
#include "chokepoint/flow.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"
#include "flow_internal.h"
#include "split_maxflow.h"
#include "test.h"
#include "xorshift.h"

static unsigned long long rng_state = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
    return xorshift(&rng_state, n);
}

/* A random tiered network; with `back` some edges run backwards (recycling). */
static ckp_network *random_network(int n, int tiers, int extra_edges, int back)
{
    ckp_network *net;
    ckp_error err;
    char id[32], tier[32];
    static const char *const countries[] = {"CN", "AU", "US", "JP", "MY"};
    ckp_network_new(&net, &err);
    for (int t = 0; t < tiers; t++) {
        snprintf(tier, sizeof tier, "t%d", t);
        ckp_network_add_tier(net, tier, &err);
    }
    for (int i = 0; i < n; i++) {
        ckp_node_spec s;
        ckp_node_spec_init(&s);
        snprintf(id, sizeof id, "n%d", i);
        /* the first and last tiers are never empty */
        snprintf(tier, sizeof tier, "t%d", i < 2 ? 0 : i < 4 ? tiers - 1 : (int)rnd((unsigned)tiers));
        s.id = id;
        s.tier = tier;
        s.country = countries[rnd(5)];
        s.capacity = rnd(4) ? 1 + rnd(50) : CKP_UNBOUNDED;
        if (ckp_network_tier_find(net, tier) == tiers - 1)
            s.demand = rnd(40);
        ckp_network_add_node(net, &s, NULL, &err);
    }
    for (int k = 0; k < n + extra_edges; k++) {
        igraph_integer_t a = rnd((unsigned)n), b = rnd((unsigned)n);
        igraph_integer_t ta = ckp_node_tier(net, a), tb = ckp_node_tier(net, b);
        if (a == b || (ta >= tb && !(back && rnd(10) == 0)))
            continue;
        ckp_edge_spec e;
        ckp_edge_spec_init(&e);
        e.from = a;
        e.to = b;
        e.volume = 1 + rnd(30);
        e.capacity = rnd(3) ? CKP_UNBOUNDED : rnd(40);
        ckp_network_add_edge(net, &e, NULL, &err); /* duplicates are refused: fine */
    }
    return net;
}

/*
 * The flow behind a solve is a flow: within every capacity and demand,
 * conserved at every node (a first-tier node may also draw from the
 * super-source), and delivering `value` in all.
 */
static void check_flow_valid(const ckp_network *net, const ckp_flow *flow, double value)
{
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    double *in = calloc((size_t)n, sizeof *in), *out = calloc((size_t)n, sizeof *out);
    double delivered = 0;
    for (igraph_integer_t e = 0; e < m; e++) {
        double x = ckp_flow_edge(flow, e);
        CHECK(x >= -1e-9 && x <= ckp_edge_capacity(net, e) + 1e-6);
        in[ckp_edge_to(net, e)] += x;
        out[ckp_edge_from(net, e)] += x;
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        double through = ckp_flow_node(flow, i);
        CHECK(through >= -1e-9 && through <= ckp_node_capacity(net, i) + 1e-6);
        if (ckp_node_tier(net, i) == last) {
            double d = ckp_flow_delivered(flow, i);
            CHECK(d >= -1e-9 && d <= ckp_node_demand(net, i) + 1e-6);
            out[i] += d;
            delivered += d;
        }
        CHECK_NEAR(out[i], through, 1e-6);
        if (ckp_node_tier(net, i) == 0)
            CHECK(in[i] <= through + 1e-6);
        else
            CHECK_NEAR(in[i], through, 1e-6);
    }
    CHECK_NEAR(delivered, value, 1e-6);
    free(in);
    free(out);
}

static void test_maxflow_against_igraph(void)
{
    for (int round = 0; round < 300; round++) {
        ckp_network *net = random_network(8 + (int)rnd(60), 3 + (int)rnd(4), (int)rnd(150),
                                          round % 3 == 0);
        ckp_flow *flow;
        ckp_error err;
        CHECK_INT(ckp_flow_new(&flow, net, &err), CKP_OK);
        double value = ckp_flow_solve(flow, -1);
        CHECK_NEAR(value, split_maxflow(net, NULL), 1e-6);
        check_flow_valid(net, flow, value);
        /* removing a node: the same as a network without it */
        igraph_integer_t v = rnd((unsigned)ckp_network_node_count(net));
        ckp_flow_remove_node(flow, v, 1);
        double without = ckp_flow_solve(flow, -1);
        char *drop = calloc((size_t)ckp_network_node_count(net), 1);
        drop[v] = 1;
        ckp_network *smaller;
        if (ckp_network_copy(&smaller, net, drop, NULL, &err) == CKP_OK) {
            CHECK_NEAR(without, split_maxflow(smaller, NULL), 1e-6);
            ckp_network_free(smaller);
        }
        free(drop);
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

/* the last loss worker's gate (ckp_flow_losses_gated): how often asked, open or shut */
static int gate_calls;
static int gate_open(void *arg)
{
    (void)arg;
    gate_calls++;
    return 0;
}
static int gate_shut(void *arg)
{
    (void)arg;
    gate_calls++;
    return 1;
}

/* A random network (with cycles in odd rounds) and its flow solved, kept as the baseline */
static ckp_flow *kept_flow(ckp_network **net, int round, double *base)
{
    ckp_flow *flow;
    ckp_error err;
    *net = random_network(8 + (int)rnd(50), 3 + (int)rnd(4), (int)rnd(120), round % 2);
    CHECK_INT(ckp_flow_new(&flow, *net, &err), CKP_OK);
    *base = ckp_flow_solve(flow, -1);
    CHECK_INT(ckp_flow_keep_baseline(flow, &err), CKP_OK);
    return flow;
}

/*
 * Losses by repair (cancel the removed nodes' flow, re-augment) against a fresh solve without
 * them, for single nodes and random sets, with cycles, on one and on two threads, and on two
 * and three with the last worker behind a gate (as the analysis starts them while origin
 * tracing ends): its gate asked once, the same losses when it opens, an error when it does not,
 * and not asked on one thread.
 */
static void test_losses_by_repair(void)
{
    for (int round = 0; round < 200; round++) {
        ckp_network *net;
        double base;
        ckp_flow *flow = kept_flow(&net, round, &base);
        igraph_integer_t n = ckp_network_node_count(net);
        ckp_error err;
        /* sets 0..n-1: single nodes; then 20 random sets of 2 to 6 nodes and 5 of up to
           half the nodes (a country) */
        igraph_integer_t nsets = n + 25;
        igraph_integer_t *members = malloc((size_t)nsets * (size_t)n * sizeof *members);
        igraph_integer_t *sizes = malloc((size_t)nsets * sizeof *sizes);
        const igraph_integer_t **sets = malloc((size_t)nsets * sizeof *sets);
        for (igraph_integer_t i = 0; i < nsets; i++) {
            igraph_integer_t *m = members + n * i;
            sets[i] = m;
            if (i < n) {
                m[0] = i;
                sizes[i] = 1;
                continue;
            }
            sizes[i] = i < n + 20 ? 2 + rnd(5) : 2 + rnd((unsigned)n / 2);
            if (sizes[i] > n)
                sizes[i] = n;
            for (igraph_integer_t k = 0; k < sizes[i]; k++) {
                int fresh;
                do { /* distinct members */
                    m[k] = rnd((unsigned)n);
                    fresh = 1;
                    for (igraph_integer_t j = 0; j < k; j++)
                        fresh &= m[j] != m[k];
                } while (!fresh);
            }
        }
        double *losses = malloc((size_t)nsets * sizeof *losses);
        double *losses2 = malloc((size_t)nsets * sizeof *losses2);
        CHECK_INT(ckp_flow_losses(flow, sets, sizes, nsets, 1, losses, &err), CKP_OK);
        CHECK_INT(ckp_flow_losses(flow, sets, sizes, nsets, 2, losses2, &err), CKP_OK);
        double *gated = malloc((size_t)nsets * sizeof *gated);
        ckp_loss_gate open = {gate_open, NULL}, shut = {gate_shut, NULL};
        gate_calls = 0;
        CHECK_INT(ckp_flow_losses_gated(flow, sets, sizes, nsets, 2 + round % 2, gated, "test",
                                        &open, &err),
                  CKP_OK);
        CHECK(!memcmp(gated, losses2, (size_t)nsets * sizeof *gated));
        CHECK_INT(ckp_flow_losses_gated(flow, sets, sizes, nsets, 2, gated, "test", &shut, &err),
                  CKP_EINTERNAL);
        CHECK_INT(ckp_flow_losses_gated(flow, sets, sizes, nsets, 1, gated, "test", &shut, &err),
                  CKP_OK); /* no late worker: no gate */
        CHECK_INT(gate_calls, 2);
        CHECK(!memcmp(gated, losses2, (size_t)nsets * sizeof *gated));
        free(gated);
        for (igraph_integer_t i = 0; i < nsets; i++) {
            for (igraph_integer_t k = 0; k < sizes[i]; k++)
                ckp_flow_remove_node(flow, sets[i][k], 1);
            double fresh = ckp_flow_solve(flow, -1);
            for (igraph_integer_t k = 0; k < sizes[i]; k++)
                ckp_flow_remove_node(flow, sets[i][k], 0);
            CHECK_NEAR(losses[i], base - fresh, 1e-6);
            if (fabs(losses[i] - (base - fresh)) > 1e-6)
                fprintf(stderr, "  set %lld of size %lld (round %d)\n", (long long)i,
                        (long long)sizes[i], round);
            CHECK_NEAR(losses2[i], losses[i], 0);
        }
        free(members);
        free(sizes);
        free(sets);
        free(losses);
        free(losses2);
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

/*
 * Push-relabel's loss of each single node, without the flow settled (the losses' path, its
 * room bits from the baseline's made once) against with it (its room bits from a pass over the
 * residuals): the same to the bit, and a fresh solve's to rounding.
 */
#ifdef CKP_ROOM_CHECK
extern int ckp_room_mismatches;
#endif

static void test_hipr_remove_loss(void)
{
    for (int round = 0; round < 100; round++) {
        ckp_network *net;
        double base;
        ckp_flow *flow = kept_flow(&net, round, &base);
        igraph_integer_t n = ckp_network_node_count(net);
        size_t bytes = (size_t)flow->na * sizeof *flow->base_res;
        for (igraph_integer_t i = 0; i < n; i++) {
            memcpy(flow->sv.res, flow->base_res, bytes);
            double settled = ckp_flow_hipr_remove(&flow->sv, &i, 1);
            memcpy(flow->sv.res, flow->base_res, bytes);
            double loss = ckp_flow_hipr_remove_loss(&flow->sv, &i, 1);
            memcpy(flow->sv.res, flow->base_res, bytes);
            CHECK(settled >= 0);
            CHECK_NEAR(loss, settled, 0);
            ckp_flow_remove_node(flow, i, 1);
            double fresh = ckp_flow_solve(flow, -1);
            ckp_flow_remove_node(flow, i, 0);
            memcpy(flow->sv.res, flow->base_res, bytes);
            CHECK_NEAR(loss, base - fresh, 1e-6);
        }
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
#ifdef CKP_ROOM_CHECK
    CHECK_INT(ckp_room_mismatches, 0);
#endif
}

/*
 * Countries' losses, worked by hand: mines m1 (CN, 10) and m2 (AU, 5), separation s1 (CN, 12)
 * and s2 (AU, 3), one end user wanting 20. The baseline sends 10 + 2 through s1 and 3 through
 * s2: 15. Without CN only m2 -> s2 is left: 3, a loss of 12; the cut at the separation plants
 * has nothing left once CN's flow is cancelled, so no solve is needed. Without AU: m1 -> s1,
 * 10, a loss of 5.
 */
static void test_country_losses_by_hand(void)
{
    static const char doc[] =
        "{\"format\": \"chokepoint-network/1\", \"tiers\": [\"mine\", \"separation\", \"end_use\"],"
        " \"nodes\": ["
        "{\"id\": \"m1\", \"tier\": \"mine\", \"country\": \"CN\", \"capacity\": 10},"
        "{\"id\": \"m2\", \"tier\": \"mine\", \"country\": \"AU\", \"capacity\": 5},"
        "{\"id\": \"s1\", \"tier\": \"separation\", \"country\": \"CN\", \"capacity\": 12},"
        "{\"id\": \"s2\", \"tier\": \"separation\", \"country\": \"AU\", \"capacity\": 3},"
        "{\"id\": \"e1\", \"tier\": \"end_use\", \"country\": \"JP\", \"demand\": 20}],"
        " \"edges\": ["
        "{\"from\": \"m1\", \"to\": \"s1\", \"volume\": 1},"
        "{\"from\": \"m2\", \"to\": \"s1\", \"volume\": 1},"
        "{\"from\": \"m2\", \"to\": \"s2\", \"volume\": 1},"
        "{\"from\": \"s1\", \"to\": \"e1\", \"volume\": 1},"
        "{\"from\": \"s2\", \"to\": \"e1\", \"volume\": 1}]}";
    ckp_network *net = NULL;
    ckp_flow *flow;
    ckp_error err;
    CHECK_INT(ckp_load_json_buffer(&net, doc, sizeof doc - 1, "by-hand.json", &err), CKP_OK);
    if (!net)
        return;
    CHECK_INT(ckp_flow_new(&flow, net, &err), CKP_OK);
    CHECK_NEAR(ckp_flow_solve(flow, -1), 15, 0);
    CHECK_INT(ckp_flow_keep_baseline(flow, &err), CKP_OK);
    static const igraph_integer_t cn[] = {0, 2}, au[] = {1, 3}, jp[] = {4};
    const igraph_integer_t *sets[] = {cn, au, jp};
    igraph_integer_t sizes[] = {2, 2, 1};
    double losses[3];
    CHECK_INT(ckp_flow_losses(flow, sets, sizes, 3, 2, losses, &err), CKP_OK);
    CHECK_NEAR(losses[0], 12, 0);
    CHECK_NEAR(losses[1], 5, 0);
    CHECK_NEAR(losses[2], 15, 0);
    ckp_flow_free(flow);
    ckp_network_free(net);
}

/*
 * Every country's loss against removal and a fresh maximum flow, on random networks of the
 * benchmark's shapes: 3 to 10 tiers, one country holding 60 to 90% of the middle tiers (so
 * that its removal takes out most of the flow), the rest spread over up to 17 others; plus
 * each whole tier as a set (a removal that cuts everything).
 */
static void test_country_losses(void)
{
    for (int round = 0; round < 60; round++) {
        int tiers = 3 + (int)rnd(8), n = 20 + (int)rnd(280), nc = 2 + (int)rnd(17);
        unsigned dominant = 60 + rnd(31);
        ckp_network *net = random_network(n, tiers, (int)rnd((unsigned)(3 * n)), round % 3 == 0);
        /* the countries as sets, skewed (random_network draws its five evenly): set 0
           dominant, then nc - 1 others; sets nc.. are the tiers */
        size_t stride = (size_t)n + 1;
        igraph_integer_t *members = malloc(stride * (size_t)(nc + tiers) * sizeof *members);
        igraph_integer_t *sizes = calloc((size_t)(nc + tiers), sizeof *sizes);
        const igraph_integer_t **sets = malloc((size_t)(nc + tiers) * sizeof *sets);
        for (int c = 0; c < nc + tiers; c++)
            sets[c] = members + stride * (size_t)c;
        for (igraph_integer_t v = 0; v < n; v++) {
            igraph_integer_t t = ckp_node_tier(net, v);
            int middle = t > 0 && t < tiers - 1;
            int c = rnd(100) < (middle ? dominant : 30) ? 0 : 1 + (int)rnd((unsigned)nc - 1);
            members[stride * (size_t)c + (size_t)sizes[c]++] = v;
            members[stride * (size_t)(nc + t) + (size_t)sizes[nc + t]++] = v;
        }
        ckp_flow *flow;
        ckp_error err;
        CHECK_INT(ckp_flow_new(&flow, net, &err), CKP_OK);
        double base = ckp_flow_solve(flow, -1);
        CHECK_INT(ckp_flow_keep_baseline(flow, &err), CKP_OK);
        double *losses = malloc((size_t)(nc + tiers) * sizeof *losses);
        CHECK_INT(ckp_flow_losses(flow, sets, sizes, nc + tiers, 2, losses, &err), CKP_OK);
        for (int i = 0; i < nc + tiers; i++) {
            for (igraph_integer_t k = 0; k < sizes[i]; k++)
                ckp_flow_remove_node(flow, sets[i][k], 1);
            double fresh = ckp_flow_solve(flow, -1);
            for (igraph_integer_t k = 0; k < sizes[i]; k++)
                ckp_flow_remove_node(flow, sets[i][k], 0);
            CHECK_NEAR(losses[i], base - fresh, 1e-9 * base + 1e-9);
            if (fabs(losses[i] - (base - fresh)) > 1e-9 * base + 1e-9)
                fprintf(stderr, "  set %d of size %lld (round %d)\n", i, (long long)sizes[i],
                        round);
        }
        free(members);
        free(sizes);
        free(sets);
        free(losses);
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

/*
 * A chain of `len` plants from one source to one end user, with a bypass from
 * the source to the third plant: short chains go through the simple
 * iterative algorithm, chains deeper than its limit through Lengauer-Tarjan;
 * both must give the dominators worked out by hand.
 */
static void test_dominators_chain(int len)
{
    ckp_network *net;
    ckp_error err;
    char id[32];
    ckp_network_new(&net, &err);
    ckp_network_add_tier(net, "mine", &err);
    ckp_network_add_tier(net, "plant", &err);
    ckp_network_add_tier(net, "use", &err);
    ckp_node_spec s;
    ckp_node_spec_init(&s);
    s.id = "src";
    s.tier = "mine";
    s.country = "AU";
    CHECK_INT(ckp_network_add_node(net, &s, NULL, &err), CKP_OK);
    for (int i = 0; i < len; i++) {
        snprintf(id, sizeof id, "c%d", i);
        s.id = id;
        s.tier = "plant";
        CHECK_INT(ckp_network_add_node(net, &s, NULL, &err), CKP_OK);
    }
    s.id = "use";
    s.tier = "use";
    CHECK_INT(ckp_network_add_node(net, &s, NULL, &err), CKP_OK);
    ckp_edge_spec e;
    ckp_edge_spec_init(&e);
    e.volume = 1;
    for (int i = 0; i <= len; i++) { /* src -> c0 -> ... -> c(len-1) -> use */
        e.from = i;
        e.to = i + 1;
        CHECK_INT(ckp_network_add_edge(net, &e, NULL, &err), CKP_OK);
    }
    e.from = 0; /* the bypass src -> c2 */
    e.to = 3;
    CHECK_INT(ckp_network_add_edge(net, &e, NULL, &err), CKP_OK);
    ckp_dominators dom;
    CHECK_INT(ckp_dominators_compute(&dom, net, &err), CKP_OK);
    CHECK_INT(dom.idom[0], CKP_DOM_ROOT);
    int wrong = 0;
    for (int v = 1; v <= len + 1; v++)
        wrong += dom.idom[v] != (v == 3 ? 0 : v - 1);
    CHECK_INT(wrong, 0);
    ckp_dominators_destroy(&dom);
    ckp_network_free(net);
}

/* Nodes reachable from the sources with `removed` left out (BFS). */
static void reach(const ckp_network *net, igraph_integer_t removed, const char *removed_set,
                  char *seen)
{
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    memset(seen, 0, (size_t)n);
    for (igraph_integer_t v = 0; v < n; v++)
        if (ckp_node_tier(net, v) == 0 && v != removed && !(removed_set && removed_set[v]))
            seen[v] = 1;
    for (int changed = 1; changed;) {
        changed = 0;
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t a = ckp_edge_from(net, e), b = ckp_edge_to(net, e);
            if (seen[a] && !seen[b] && b != removed && !(removed_set && removed_set[b])) {
                seen[b] = 1;
                changed = 1;
            }
        }
    }
}

static void test_dominators_brute_force(void)
{
    for (int round = 0; round < 200; round++) {
        ckp_network *net = random_network(6 + (int)rnd(30), 3 + (int)rnd(3), (int)rnd(60),
                                          round % 2);
        igraph_integer_t n = ckp_network_node_count(net);
        ckp_dominators dom;
        ckp_error err;
        CHECK_INT(ckp_dominators_compute(&dom, net, &err), CKP_OK);
        char *base = malloc((size_t)n), *cut = malloc((size_t)n);
        igraph_integer_t *list = malloc((size_t)n * sizeof *list);
        reach(net, -1, NULL, base);
        for (igraph_integer_t u = 0; u < n; u++) {
            CHECK_INT(dom.idom[u] == CKP_DOM_UNREACHABLE, !base[u]);
            if (!base[u])
                continue;
            igraph_integer_t k = ckp_dominators_of(&dom, u, list, n);
            for (igraph_integer_t d = 0; d < n; d++) {
                if (d == u)
                    continue;
                reach(net, d, NULL, cut);
                int dominates = !cut[u];
                int listed = 0;
                for (igraph_integer_t i = 0; i < k; i++)
                    listed |= list[i] == d;
                CHECK_INT(listed, dominates);
            }
        }
        free(base);
        free(cut);
        free(list);
        ckp_dominators_destroy(&dom);
        ckp_network_free(net);
    }
}

/* The smallest number of nodes (other than u) whose removal cuts u off, by brute force. */
static int min_cut_brute(const ckp_network *net, igraph_integer_t u)
{
    igraph_integer_t n = ckp_network_node_count(net);
    char *set = calloc((size_t)n, 1), *seen = malloc((size_t)n);
    int best = -1;
    for (unsigned mask = 0; mask < (1u << n); mask++) {
        if (mask & (1u << u))
            continue;
        int size = __builtin_popcount(mask);
        if (best >= 0 && size >= best)
            continue;
        for (igraph_integer_t v = 0; v < n; v++)
            set[v] = (char)((mask >> v) & 1);
        reach(net, -1, set, seen);
        if (!seen[u])
            best = size;
    }
    free(set);
    free(seen);
    return best;
}

static void test_redundancy_brute_force(void)
{
    for (int round = 0; round < 60; round++) {
        ckp_network *net = random_network(6 + (int)rnd(7), 3, 10 + (int)rnd(30), 0);
        igraph_integer_t n = ckp_network_node_count(net), last = ckp_network_tier_count(net) - 1;
        ckp_flow *flow;
        ckp_error err;
        ckp_flow_new(&flow, net, &err);
        for (igraph_integer_t u = 0; u < n; u++)
            if (ckp_node_tier(net, u) == last)
                CHECK_INT(ckp_flow_vertex_connectivity(flow, u), min_cut_brute(net, u));
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

/* Solve x_v = sum_u w_uv x_u / in(v) (+ seeds) densely, by Gaussian elimination. */
static int dense_origin(const ckp_network *net, igraph_integer_t tier, igraph_integer_t country,
                        double *x)
{
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    double *A = calloc((size_t)(n * n), sizeof *A), *b = calloc((size_t)n, sizeof *b);
    double *in = calloc((size_t)n, sizeof *in);
    for (igraph_integer_t e = 0; e < m; e++)
        in[ckp_edge_to(net, e)] += ckp_edge_volume(net, e);
    for (igraph_integer_t v = 0; v < n; v++) {
        A[v * n + v] = 1;
        if (ckp_node_tier(net, v) == tier) {
            b[v] = ckp_node_country_index(net, v) == country;
            continue;
        }
        for (igraph_integer_t e = 0; e < m; e++)
            if (ckp_edge_to(net, e) == v && in[v] > 0)
                A[v * n + ckp_edge_from(net, e)] -= ckp_edge_volume(net, e) / in[v];
    }
    /* partial pivoting */
    for (igraph_integer_t c = 0; c < n; c++) {
        igraph_integer_t p = c;
        for (igraph_integer_t r = c + 1; r < n; r++)
            if (fabs(A[r * n + c]) > fabs(A[p * n + c]))
                p = r;
        for (igraph_integer_t k = 0; k < n; k++) {
            double t = A[c * n + k];
            A[c * n + k] = A[p * n + k];
            A[p * n + k] = t;
        }
        double t = b[c];
        b[c] = b[p];
        b[p] = t;
        if (fabs(A[c * n + c]) < 1e-12) { /* a closed loop with no inflow: no unique answer */
            free(A);
            free(b);
            free(in);
            return -1;
        }
        for (igraph_integer_t r = 0; r < n; r++) {
            if (r == c || A[r * n + c] == 0)
                continue;
            double f = A[r * n + c] / A[c * n + c];
            for (igraph_integer_t k = 0; k < n; k++)
                A[r * n + k] -= f * A[c * n + k];
            b[r] -= f * b[c];
        }
    }
    for (igraph_integer_t v = 0; v < n; v++)
        x[v] = b[v] / A[v * n + v];
    free(A);
    free(b);
    free(in);
    return 0;
}

static void test_origin_against_linear_solve(void)
{
    int skipped = 0, compared = 0;
    for (int round = 0; round < 100; round++) {
        /* edges run backwards now and then: cycles, but every cycle has inflow from outside */
        ckp_network *net = random_network(8 + (int)rnd(20), 3 + (int)rnd(3), (int)rnd(40), 1);
        igraph_integer_t n = ckp_network_node_count(net);
        ckp_dependency dep;
        ckp_error err;
        CHECK_INT(ckp_dependency_compute(&dep, net, NULL, &err), CKP_OK);
        double *x = malloc((size_t)n * sizeof *x);
        for (igraph_integer_t t = 0; t < dep.n_tiers; t++)
            for (igraph_integer_t c = 0; c < ckp_network_country_count(net); c++) {
                if (dense_origin(net, t, c, x) < 0) {
                    skipped++;
                    continue;
                }
                compared++;
                for (igraph_integer_t k = 0; k < dep.n_end_users; k++)
                    CHECK_NEAR(ckp_dependency_share(&dep, k, t, c), x[dep.end_users[k]], 1e-9);
            }
        free(x);
        ckp_dependency_destroy(&dep);
        ckp_network_free(net);
    }
    /* the comparison must mostly happen, or this test proves nothing */
    CHECK(compared > 10 * skipped);
}

int main(void)
{
    test_maxflow_against_igraph();
    test_losses_by_repair();
    test_hipr_remove_loss();
    test_country_losses_by_hand();
    test_country_losses();
    test_dominators_brute_force();
    test_dominators_chain(50);
    test_dominators_chain(6000);
    test_redundancy_brute_force();
    test_origin_against_linear_solve();
    return test_report("test_crosscheck");
}
