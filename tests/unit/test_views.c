/*
 * The three views of a shock (chokepoint/views.h) on hand-worked networks,
 * every figure worked out in the comment above its checks; then properties
 * on random networks whose volumes are a feasible flow, and the ranges'
 * f(G) against igraph_maxflow on an explicitly node-split graph.
 */
#include <stdlib.h>

#include "chokepoint/flow.h"
#include "chokepoint/views.h"
#include "test.h"
#include "views_internal.h"

#define TOL 1e-9

typedef struct {
    const char *id, *tier, *country;
    double capacity, demand;
} node_def;

typedef struct {
    const char *from, *to;
    double volume, capacity;
} edge_def;

#define INF CKP_UNBOUNDED

static ckp_network *build(const char *const *tiers, int n_tiers, const node_def *nodes, int n,
                          const edge_def *edges, int m)
{
    ckp_network *net;
    ckp_error err;
    int bad = ckp_network_new(&net, &err) != CKP_OK;
    for (int t = 0; !bad && t < n_tiers; t++)
        bad = ckp_network_add_tier(net, tiers[t], &err) != CKP_OK;
    for (int i = 0; !bad && i < n; i++) {
        ckp_node_spec s;
        ckp_node_spec_init(&s);
        s.id = nodes[i].id;
        s.tier = nodes[i].tier;
        s.country = nodes[i].country;
        s.capacity = nodes[i].capacity;
        s.demand = nodes[i].demand;
        bad = ckp_network_add_node(net, &s, NULL, &err) != CKP_OK;
    }
    for (int k = 0; !bad && k < m; k++) {
        ckp_edge_spec e;
        ckp_edge_spec_init(&e);
        e.from = ckp_network_find(net, edges[k].from);
        e.to = ckp_network_find(net, edges[k].to);
        e.volume = edges[k].volume;
        e.capacity = edges[k].capacity;
        bad = ckp_network_add_edge(net, &e, NULL, &err) != CKP_OK;
    }
    if (bad) {
        fprintf(stderr, "build: %s\n", err.message);
        exit(1);
    }
    return net;
}

static ckp_views run(const ckp_network *net, const char *scenario_json,
                     const ckp_views_options *opts)
{
    ckp_scenario *s = NULL;
    ckp_views v;
    ckp_error err;
    if (ckp_scenario_parse(&s, net, scenario_json, strlen(scenario_json), "s.json", &err) ||
        ckp_views_run(&v, net, s, opts, &err)) {
        fprintf(stderr, "views: %s\n", err.message);
        exit(1);
    }
    ckp_scenario_free(s);
    return v;
}

static const ckp_views_entry *row(const ckp_views_entry *rows, igraph_integer_t n,
                                  const char *name)
{
    for (igraph_integer_t i = 0; i < n; i++)
        if (!strcmp(rows[i].name, name))
            return &rows[i];
    fprintf(stderr, "no row '%s'\n", name);
    exit(1);
}

#define CHECK_RANGE(r, lo, hi)              \
    do {                                    \
        CHECK_NEAR((r).min, (lo), TOL);     \
        CHECK_NEAR((r).max, (hi), TOL);     \
    } while (0)

static const char *const three_tiers[] = {"mine", "separation", "end_use"};

/*
 * Two end users compete for one spare route. China's chain ships 14
 * (10 to Japan, 4 to Germany); Australia's mine (capacity 10) ships 4 to
 * Germany and has an unused route to Japan. China removed:
 * - immediate: JP 0, DE 4 (its Australian half); observed JP 10, DE 8.
 * - rerouted: 10 - 4 = 6 spare at the Australian mine; JP may draw 10 more,
 *   DE 4 more. Total 4 + 6 = 10. JP: most 6, least 6 - f({DE}) = 6 - 4 = 2;
 *   DE: most 4 + 4 = 8, least 4 + (6 - 6) = 4.
 * - reallocated: 10 from Australia; JP [10 - 8, 10] = [2, 10], DE
 *   [10 - 10, 8] = [0, 8]: below its immediate 4, reallocation takes from it.
 * EU27 holds DE alone: the same row as DE.
 */
static void test_compete(void)
{
    static const node_def nodes[] = {
        {"m_cn", "mine", "CN", INF, NAN},      {"m_au", "mine", "AU", 10, NAN},
        {"s_cn", "separation", "CN", INF, NAN}, {"s_au", "separation", "AU", INF, NAN},
        {"u_jp", "end_use", "JP", INF, NAN},   {"u_de", "end_use", "DE", INF, NAN}};
    static const edge_def edges[] = {
        {"m_cn", "s_cn", 14, INF}, {"s_cn", "u_jp", 10, INF}, {"s_cn", "u_de", 4, INF},
        {"m_au", "s_au", 4, INF},  {"s_au", "u_de", 4, INF},  {"s_au", "u_jp", 0, INF}};
    ckp_network *net = build(three_tiers, 3, nodes, 6, edges, 6);
    ckp_views v = run(net, "{\"remove_countries\": [\"CN\"]}", NULL);
    CHECK(v.has_volumes);
    CHECK(!v.ranges_partial);
    CHECK_NEAR(v.demand, 18, TOL);
    CHECK_NEAR(v.observed_served, 18, TOL);
    CHECK_NEAR(v.immediate_served, 4, TOL);
    CHECK_NEAR(v.rerouted_served, 10, TOL);
    CHECK_NEAR(v.reallocated_served, 10, TOL);
    CHECK_INT(v.n_end_users, 2);
    CHECK_STR(v.end_users[0].name, "u_de"); /* by id */
    const ckp_views_entry *jp = row(v.end_users, v.n_end_users, "u_jp");
    const ckp_views_entry *de = row(v.end_users, v.n_end_users, "u_de");
    CHECK_NEAR(jp->observed_served, 10, TOL);
    CHECK_NEAR(jp->immediate_served, 0, TOL);
    CHECK_RANGE(jp->rerouted, 2, 6);
    CHECK_RANGE(jp->reallocated, 2, 10);
    CHECK_NEAR(de->observed_served, 8, TOL);
    CHECK_NEAR(de->immediate_served, 4, TOL);
    CHECK_RANGE(de->rerouted, 4, 8);
    CHECK_RANGE(de->reallocated, 0, 8);
    CHECK_INT(v.n_countries, 2);
    CHECK_STR(v.countries[0].name, "DE");
    CHECK_STR(v.countries[1].name, "JP");
    CHECK_RANGE(v.countries[1].rerouted, 2, 6);
    CHECK_INT(v.n_groups, 1);
    CHECK_STR(v.groups[0].name, "EU27");
    CHECK_INT(v.groups[0].n_end_users, 1);
    CHECK_NEAR(v.groups[0].immediate_served, 4, TOL);
    CHECK_RANGE(v.groups[0].reallocated, 0, 8);
    ckp_views_destroy(&v);

    /* the exact limit at 1: only JP (immediate loss 10, DE's 4) gets ranges */
    ckp_views_options opts;
    ckp_views_options_init(&opts);
    opts.exact_limit = 1;
    v = run(net, "{\"remove_countries\": [\"CN\"]}", &opts);
    CHECK(v.ranges_partial);
    jp = row(v.end_users, v.n_end_users, "u_jp");
    de = row(v.end_users, v.n_end_users, "u_de");
    CHECK(jp->ranged && !de->ranged);
    CHECK_RANGE(jp->reallocated, 2, 10);
    CHECK(isnan(de->reallocated.min) && isnan(de->rerouted.max));
    CHECK_RANGE(v.countries[0].reallocated, 0, 8); /* countries always */
    ckp_views_destroy(&v);
    ckp_network_free(net);
}

/*
 * An embargo defeated by transshipment: China's separator (capacity 10,
 * used to the full) sends 6 to Japan's magnet maker and 4 to Vietnam's,
 * both selling to Japan's end user. Embargo CN -> JP cuts the first edge:
 * - immediate: only Vietnam's 4 arrive: loss 6;
 * - rerouted: the separator has no capacity left: still 4;
 * - reallocated: all 10 through Vietnam: no loss.
 */
static void test_transshipment(void)
{
    static const char *const tiers[] = {"mine", "separation", "magnet", "end_use"};
    static const node_def nodes[] = {{"m_cn", "mine", "CN", INF, NAN},
                                     {"s_cn", "separation", "CN", 10, NAN},
                                     {"mag_jp", "magnet", "JP", INF, NAN},
                                     {"mag_vn", "magnet", "VN", INF, NAN},
                                     {"u_jp", "end_use", "JP", INF, NAN}};
    static const edge_def edges[] = {{"m_cn", "s_cn", 10, INF},  {"s_cn", "mag_jp", 6, INF},
                                     {"s_cn", "mag_vn", 4, INF}, {"mag_jp", "u_jp", 6, INF},
                                     {"mag_vn", "u_jp", 4, INF}};
    ckp_network *net = build(tiers, 4, nodes, 5, edges, 5);
    ckp_views v = run(net, "{\"embargo\": [{\"from\": \"CN\", \"to\": \"JP\"}]}", NULL);
    CHECK_NEAR(v.observed_served, 10, TOL);
    CHECK_NEAR(v.immediate_served, 4, TOL);
    CHECK_NEAR(v.rerouted_served, 4, TOL);
    CHECK_NEAR(v.reallocated_served, 10, TOL);
    CHECK_RANGE(v.end_users[0].rerouted, 4, 4);
    CHECK_RANGE(v.end_users[0].reallocated, 10, 10);
    CHECK_INT(v.warnings.n, 0);
    ckp_views_destroy(&v);
    ckp_network_free(net);
}

/*
 * A capacity cut scales every outflow by the same fraction: the separator
 * (capacity 100, recorded 80: 60 to u1, 20 to u2) cut to half, 50: f =
 * 50 / 80 = 0.625, u1 37.5, u2 12.5. Nothing is left to reroute (it
 * receives 80 > 50). Reallocated: 50, u1 [50 - 20, 50] = [30, 50], u2
 * [50 - 60 < 0 -> 0, 20].
 */
static void test_capacity_cut(void)
{
    static const node_def nodes[] = {{"m", "mine", "AU", 100, NAN},
                                     {"s", "separation", "AU", 100, NAN},
                                     {"u1", "end_use", "JP", INF, 60},
                                     {"u2", "end_use", "KR", INF, 20}};
    static const edge_def edges[] = {{"m", "s", 80, INF}, {"s", "u1", 60, INF},
                                     {"s", "u2", 20, INF}};
    ckp_network *net = build(three_tiers, 3, nodes, 4, edges, 3);
    ckp_views v = run(net, "{\"capacity\": [{\"node\": \"s\", \"factor\": 0.5}]}", NULL);
    CHECK_NEAR(v.immediate_served, 50, TOL);
    CHECK_NEAR(v.rerouted_served, 50, TOL);
    CHECK_NEAR(v.reallocated_served, 50, TOL);
    const ckp_views_entry *u1 = row(v.end_users, v.n_end_users, "u1");
    const ckp_views_entry *u2 = row(v.end_users, v.n_end_users, "u2");
    CHECK_NEAR(u1->immediate_served, 37.5, TOL);
    CHECK_NEAR(u2->immediate_served, 12.5, TOL);
    CHECK_RANGE(u1->rerouted, 37.5, 37.5);
    CHECK_RANGE(u2->rerouted, 12.5, 12.5);
    CHECK_RANGE(u1->reallocated, 30, 50);
    CHECK_RANGE(u2->reallocated, 0, 20);
    ckp_views_destroy(&v);
    ckp_network_free(net);
}

/*
 * A recycling cycle: the mine sends 80 to the separator, which also takes
 * 20 of scrap back from the magnet maker; the separator sends 100 to the
 * magnet maker, which sells 80 to the end user. The mine cut to 50
 * (f = 50 / 80): the separator keeps f_s = (50 + 20 f_mag) / 100 and the
 * magnet maker f_mag = f_s, so f = 0.5 + 0.2 f: f = 0.625 and the end user
 * gets 50. The end user recycles nothing, so the maximum flow agrees: 50.
 */
static void test_recycling(void)
{
    static const char *const tiers[] = {"mine", "separation", "magnet", "end_use"};
    static const node_def nodes[] = {{"m", "mine", "AU", 100, NAN},
                                     {"s", "separation", "AU", INF, NAN},
                                     {"mag", "magnet", "JP", INF, NAN},
                                     {"u", "end_use", "JP", INF, NAN}};
    static const edge_def edges[] = {{"m", "s", 80, INF}, {"s", "mag", 100, INF},
                                     {"mag", "s", 20, INF}, {"mag", "u", 80, INF}};
    ckp_network *net = build(tiers, 4, nodes, 4, edges, 4);
    ckp_views v = run(net, "{\"capacity\": [{\"node\": \"m\", \"capacity\": 50}]}", NULL);
    CHECK_NEAR(v.observed_served, 80, TOL);
    CHECK_NEAR(v.immediate_served, 50, 1e-9);
    CHECK_NEAR(v.rerouted_served, 50, 1e-9);
    CHECK_NEAR(v.reallocated_served, 50, TOL);
    CHECK_INT(v.warnings.n, 0);
    ckp_views_destroy(&v);
    ckp_network_free(net);
}

/*
 * Volumes that are not a feasible flow (a node sending 12 of the 10 it
 * gets) and a network without volumes: warnings, and no immediate or
 * rerouted figures (NAN, never zeros).
 */
static void test_warnings(void)
{
    static const node_def nodes[] = {{"m", "mine", "AU", INF, NAN},
                                     {"s", "separation", "AU", INF, NAN},
                                     {"u", "end_use", "JP", INF, 12}};
    edge_def edges[] = {{"m", "s", 10, INF}, {"s", "u", 12, INF}};
    ckp_network *net = build(three_tiers, 3, nodes, 3, edges, 2);
    ckp_views v = run(net, "{}", NULL);
    CHECK_INT(v.warnings.n, 1);
    CHECK_STR(v.warnings.items[0],
              "recorded volumes are not a feasible flow: node 's' sends more than it receives "
              "(1 nodes do); the views hold, their invariants do not");
    CHECK_NEAR(v.immediate_served, 12, TOL); /* f_s = min(1, 10 / 10): all 12 pass */
    ckp_views_destroy(&v);
    ckp_network_free(net);

    edges[0].volume = edges[1].volume = 0;
    net = build(three_tiers, 3, nodes, 3, edges, 2);
    v = run(net, "{}", NULL);
    CHECK(!v.has_volumes);
    CHECK_INT(v.warnings.n, 1);
    CHECK(isnan(v.immediate_served) && isnan(v.rerouted_served));
    CHECK(isnan(v.end_users[0].observed_served) && isnan(v.end_users[0].rerouted.min));
    CHECK_NEAR(v.reallocated_served, 12, TOL);
    CHECK_RANGE(v.end_users[0].reallocated, 12, 12);
    ckp_views_destroy(&v);
    ckp_network_free(net);
}

/* ---- random networks whose volumes are a feasible flow ------------------------------- */

static unsigned long long rng_state = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

#define MAXN 16
#define MAXE 96

typedef struct {
    int n, m;
    int tier[MAXN];
    int from[MAXE], to[MAXE];
    double volume[MAXE];
} sketch;

static int find_edge(const sketch *k, int a, int b)
{
    for (int e = 0; e < k->m; e++)
        if (k->from[e] == a && k->to[e] == b)
            return e;
    return -1;
}

static void add_edge(sketch *k, int a, int b)
{
    if (a != b && find_edge(k, a, b) < 0 && k->m < MAXE) {
        k->from[k->m] = a;
        k->to[k->m] = b;
        k->volume[k->m++] = 0;
    }
}

/*
 * Four tiers; edges forward (some skipping a tier), recycling from magnet
 * makers back to separators, and with `scrap` from end users back too. The
 * volumes: paths from a mine to an end user, and loops over a recycling
 * edge, so every node passes on what it receives. Capacities and demands
 * at or above what the volumes use.
 */
static ckp_network *random_network(int scrap)
{
    static const char *const tiers[] = {"mine", "separation", "magnet", "end_use"};
    static const char *const countries[] = {"CN", "AU", "JP", "DE", "US"};
    sketch k = {0};
    k.n = 6 + (int)rnd(MAXN - 5);
    for (int i = 0; i < k.n; i++)
        k.tier[i] = i < 4 ? i : (int)rnd(4);
    for (int a = 0; a < k.n; a++)
        for (int b = 0; b < k.n; b++) {
            int d = k.tier[b] - k.tier[a];
            if ((d == 1 && rnd(3)) || (d == 2 && !rnd(4)) ||
                (k.tier[a] == 2 && k.tier[b] == 1 && !rnd(3)) ||
                (scrap && k.tier[a] == 3 && k.tier[b] == 1 && !rnd(4)))
                add_edge(&k, a, b);
        }
    for (int p = 0; p < 12; p++) { /* paths */
        int path[8], len = 0, v = (int)rnd((unsigned)k.n);
        if (k.tier[v] != 0)
            continue;
        while (k.tier[v] != 3 && len < 8) {
            int choices[MAXE], c = 0;
            for (int e = 0; e < k.m; e++)
                if (k.from[e] == v && k.tier[k.to[e]] > k.tier[v])
                    choices[c++] = e;
            if (!c)
                break;
            path[len] = choices[rnd((unsigned)c)];
            v = k.to[path[len++]];
        }
        double amount = 1 + rnd(20);
        for (int i = 0; k.tier[v] == 3 && i < len; i++)
            k.volume[path[i]] += amount;
    }
    for (int e = 0; e < k.m; e++) { /* loops over recycling edges */
        int back = find_edge(&k, k.to[e], k.from[e]);
        if (k.tier[k.from[e]] > k.tier[k.to[e]] && back >= 0 && rnd(2)) {
            double amount = 1 + rnd(10);
            k.volume[e] += amount;
            k.volume[back] += amount;
        }
    }
    double in[MAXN] = {0}, out[MAXN] = {0};
    for (int e = 0; e < k.m; e++) {
        in[k.to[e]] += k.volume[e];
        out[k.from[e]] += k.volume[e];
    }
    node_def nodes[MAXN];
    edge_def edges[MAXE];
    char ids[MAXN][8];
    for (int i = 0; i < k.n; i++) {
        snprintf(ids[i], sizeof ids[i], "n%02d", i);
        double through = k.tier[i] == 0 ? out[i] : in[i];
        nodes[i] = (node_def){ids[i], tiers[k.tier[i]], countries[rnd(5)],
                              rnd(3) ? through + rnd(15) : INF,
                              k.tier[i] == 3 ? in[i] - out[i] + rnd(10) : NAN};
    }
    for (int e = 0; e < k.m; e++)
        edges[e] = (edge_def){ids[k.from[e]], ids[k.to[e]], k.volume[e],
                              rnd(3) ? k.volume[e] + rnd(10) : INF};
    return build(tiers, 4, nodes, k.n, edges, k.m);
}

/* A random shock: a node out, an embargo, or a capacity cut. */
static void random_scenario(char *buf, size_t size, const ckp_network *net)
{
    static const char *const countries[] = {"CN", "AU", "JP", "DE", "US"};
    const char *node = ckp_node_id(net, rnd((unsigned)ckp_network_node_count(net)));
    const char *a = countries[rnd(5)], *b = countries[rnd(5)];
    switch (rnd(3)) {
    case 0:
        snprintf(buf, size, "{\"remove_nodes\": [\"%s\"]}", node);
        break;
    case 1:
        snprintf(buf, size, "{\"embargo\": [{\"from\": \"%s\", \"to\": \"%s\"}]}", a,
                 strcmp(a, b) ? b : "*");
        break;
    default:
        snprintf(buf, size, "{\"capacity\": [{\"node\": \"%s\", \"factor\": 0.%u}]}", node,
                 rnd(10));
    }
}

/* min <= max, and the minima and maxima of rows that split the end users bracket the total. */
static void check_rows(const ckp_views_entry *rows, igraph_integer_t n, double rerouted,
                       double reallocated, int has_volumes, int users)
{
    double lo[2] = {0, 0}, hi[2] = {0, 0};
    for (igraph_integer_t i = 0; i < n; i++) {
        const ckp_views_entry *e = &rows[i];
        CHECK(e->ranged);
        CHECK(e->reallocated.min <= e->reallocated.max + TOL);
        CHECK(e->reallocated.max <= e->demand + 1e-6);
        lo[1] += e->reallocated.min;
        hi[1] += e->reallocated.max;
        if (!has_volumes)
            continue;
        CHECK(e->rerouted.min <= e->rerouted.max + TOL);
        CHECK(e->immediate_served <= e->rerouted.min + 1e-6);
        CHECK(e->rerouted.max <= e->observed_served + 1e-6);
        CHECK(!users || e->immediate_served <= e->observed_served + 1e-6);
        lo[0] += e->rerouted.min;
        hi[0] += e->rerouted.max;
    }
    CHECK(lo[1] <= reallocated + 1e-6 && reallocated <= hi[1] + 1e-6);
    if (has_volumes)
        CHECK(lo[0] <= rerouted + 1e-6 && rerouted <= hi[0] + 1e-6);
}

static void test_properties(void)
{
    for (int round = 0; round < 300; round++) {
        ckp_network *net = random_network(0);
        char text[256];
        random_scenario(text, sizeof text, net);
        ckp_views v = run(net, text, NULL);
        for (igraph_integer_t w = 0; w < v.warnings.n; w++) /* the volumes are feasible */
            CHECK(!strstr(v.warnings.items[w], "feasible"));
        if (!v.has_volumes) { /* no path reached an end user */
            ckp_views_destroy(&v);
            ckp_network_free(net);
            continue;
        }
        CHECK(v.immediate_served <= v.observed_served + 1e-6);
        CHECK(v.immediate_served <= v.rerouted_served + 1e-6);
        CHECK(v.rerouted_served <= v.reallocated_served + 1e-6);
        check_rows(v.end_users, v.n_end_users, v.rerouted_served, v.reallocated_served, 1, 1);
        check_rows(v.countries, v.n_countries, v.rerouted_served, v.reallocated_served, 1, 0);
        ckp_views_destroy(&v);
        ckp_network_free(net);
    }
}

/* ---- f(G) against igraph ---------------------------------------------------------------- */

/* The maximum flow to the end users with in_g[u] set, on an explicitly node-split graph. */
static double igraph_served(const ckp_network *net, const char *in_g)
{
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1, s = 2 * n, t = 2 * n + 1;
    igraph_vector_int_t edges;
    igraph_vector_t cap;
    igraph_vector_int_init(&edges, 0);
    igraph_vector_init(&cap, 0);
    const double big = 1e9; /* igraph wants finite capacities */
    for (igraph_integer_t i = 0; i < n; i++) {
        double c = ckp_node_capacity(net, i);
        igraph_integer_t arcs[3][2] = {{2 * i, 2 * i + 1}, {s, 2 * i}, {2 * i + 1, t}};
        double caps[3] = {isfinite(c) ? c : big, big, in_g[i] ? ckp_node_demand(net, i) : 0};
        int use[3] = {1, ckp_node_tier(net, i) == 0, ckp_node_tier(net, i) == last};
        for (int k = 0; k < 3; k++)
            if (use[k]) {
                igraph_vector_int_push_back(&edges, arcs[k][0]);
                igraph_vector_int_push_back(&edges, arcs[k][1]);
                igraph_vector_push_back(&cap, caps[k]);
            }
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        double c = ckp_edge_capacity(net, e);
        igraph_vector_int_push_back(&edges, 2 * ckp_edge_from(net, e) + 1);
        igraph_vector_int_push_back(&edges, 2 * ckp_edge_to(net, e));
        igraph_vector_push_back(&cap, isfinite(c) ? c : big);
    }
    igraph_t g;
    igraph_create(&g, &edges, 2 * n + 2, IGRAPH_DIRECTED);
    double value = 0;
    igraph_maxflow_value(&g, &value, s, t, &cap, NULL);
    igraph_destroy(&g);
    igraph_vector_int_destroy(&edges);
    igraph_vector_destroy(&cap);
    return value;
}

/*
 * Each end user alone and the first two together: the range's most is f(G)
 * and its least f(S) - f(S \ G), igraph's maximum flows restricted to the
 * sinks. With scrap from end users, the sets that recycle are solved afresh
 * rather than repaired: both paths are checked.
 */
static void test_against_igraph(void)
{
    for (int round = 0; round < 120; round++) {
        ckp_network *net = random_network(round % 2);
        igraph_integer_t n = ckp_network_node_count(net), last = ckp_network_tier_count(net) - 1;
        igraph_integer_t users[MAXN], nu = 0;
        for (igraph_integer_t v = 0; v < n; v++)
            if (ckp_node_tier(net, v) == last)
                users[nu++] = v;
        igraph_integer_t pair[2] = {users[0], users[nu > 1 ? 1 : 0]};
        const igraph_integer_t *sets[MAXN + 1];
        igraph_integer_t sizes[MAXN + 1];
        for (igraph_integer_t k = 0; k < nu; k++) {
            sets[k] = &users[k];
            sizes[k] = 1;
        }
        sets[nu] = pair;
        sizes[nu] = nu > 1 ? 2 : 1;
        ckp_range ranges[MAXN + 1];
        ckp_flow *flow = NULL;
        ckp_error err;
        double total = -1;
        CHECK(!ckp_flow_new(&flow, net, &err) &&
              !ckp_views_ranges(&total, ranges, flow, net, sets, sizes, nu + 1, 2, &err));
        char all[MAXN], only[MAXN], rest[MAXN];
        for (igraph_integer_t v = 0; v < n; v++)
            all[v] = ckp_node_tier(net, v) == last;
        double f_all = igraph_served(net, all);
        CHECK_NEAR(total, f_all, 1e-6);
        for (igraph_integer_t k = 0; k <= nu; k++) {
            memset(only, 0, sizeof only);
            memcpy(rest, all, sizeof rest);
            for (igraph_integer_t i = 0; i < sizes[k]; i++)
                only[sets[k][i]] = 1, rest[sets[k][i]] = 0;
            CHECK_NEAR(ranges[k].max, igraph_served(net, only), 1e-6);
            CHECK_NEAR(ranges[k].min, f_all - igraph_served(net, rest), 1e-6);
        }
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

int main(void)
{
    test_properties();
    test_against_igraph();
    test_compete();
    test_transshipment();
    test_capacity_cut();
    test_recycling();
    test_warnings();
    return test_report("test_views");
}
