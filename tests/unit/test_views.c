/*
 * The three views of a shock (chokepoint/views.h) on hand-worked networks,
 * every figure worked out in the comment above its checks; then properties
 * on random networks whose volumes are a feasible flow, and the ranges'
 * f(G) against igraph_maxflow (split_maxflow.h).
 */
#include <stdlib.h>

#include "chokepoint/flow.h"
#include "chokepoint/load.h"
#include "chokepoint/views.h"
#include "split_maxflow.h"
#include "test.h"
#include "xorshift.h"
#include "flow_internal.h"
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

/* Observed, immediate, rerouted and reallocated totals. */
static void check_totals(const ckp_views *v, double observed, double immediate, double rerouted,
                         double reallocated)
{
    CHECK_NEAR(v->observed_served, observed, TOL);
    CHECK_NEAR(v->immediate_served, immediate, TOL);
    CHECK_NEAR(v->rerouted_served, rerouted, TOL);
    CHECK_NEAR(v->reallocated_served, reallocated, TOL);
}

/* An end user's observed, immediate, rerouted min and max, reallocated min and max. */
static void check_user(const ckp_views *v, const char *id, const double want[6])
{
    const ckp_views_entry *e = row(v->end_users, v->n_end_users, id);
    CHECK_NEAR(e->observed_served, want[0], TOL);
    CHECK_NEAR(e->immediate_served, want[1], TOL);
    CHECK_RANGE(e->rerouted, want[2], want[3]);
    CHECK_RANGE(e->reallocated, want[4], want[5]);
}

static const char *const three_tiers[] = {"mine", "separation", "end_use"};

static ckp_network *compete_network(void)
{
    static const node_def nodes[] = {
        {"m_cn", "mine", "CN", INF, NAN},      {"m_au", "mine", "AU", 10, NAN},
        {"s_cn", "separation", "CN", INF, NAN}, {"s_au", "separation", "AU", INF, NAN},
        {"u_jp", "end_use", "JP", INF, NAN},   {"u_de", "end_use", "DE", INF, NAN}};
    static const edge_def edges[] = {
        {"m_cn", "s_cn", 14, INF}, {"s_cn", "u_jp", 10, INF}, {"s_cn", "u_de", 4, INF},
        {"m_au", "s_au", 4, INF},  {"s_au", "u_de", 4, INF},  {"s_au", "u_jp", 0, INF}};
    return build(three_tiers, 3, nodes, 6, edges, 6);
}

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
    ckp_network *net = compete_network();
    ckp_views v = run(net, "{\"remove_countries\": [\"CN\"]}", NULL);
    CHECK(v.has_volumes);
    CHECK(!v.ranges_partial);
    CHECK_NEAR(v.demand, 18, TOL);
    check_totals(&v, 18, 4, 10, 10);
    CHECK_INT(v.n_end_users, 2);
    CHECK_STR(v.end_users[0].name, "u_de"); /* by id */
    static const double jp_de[][6] = {{10, 0, 2, 6, 2, 10}, {8, 4, 4, 8, 0, 8}};
    check_user(&v, "u_jp", jp_de[0]);
    check_user(&v, "u_de", jp_de[1]);
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
    const ckp_views_entry *jp = row(v.end_users, v.n_end_users, "u_jp");
    const ckp_views_entry *de = row(v.end_users, v.n_end_users, "u_de");
    CHECK(jp->ranged && !de->ranged);
    CHECK_RANGE(jp->reallocated, 2, 10);
    CHECK(isnan(de->reallocated.min) && isnan(de->rerouted.max));
    CHECK_RANGE(v.countries[0].reallocated, 0, 8); /* countries always */
    ckp_views_destroy(&v);
    ckp_network_free(net);
}

/*
 * Groups, on the network of test_compete. An embargo from CN to the
 * built-in EU27 is CN -> DE here (the only member with nodes): Germany
 * keeps its Australian 4 (immediate 4 of 8, Japan all 10: 14), then
 * draws 4 more from the Australian mine's 6 spare (rerouted 18, as
 * reallocated). A scenario's group "allies" (AU, US) in remove_countries is
 * AU alone; "asia" (JP, KR) becomes a row with Japan's end user.
 */
static void test_groups(void)
{
    ckp_network *net = compete_network();
    static const char text[] = "{\"groups\": {\"allies\": [\"US\", \"AU\", \"AU\"], "
                               "\"asia\": [\"KR\", \"JP\"]},"
                               " \"embargo\": [{\"from\": \"CN\", \"to\": \"EU27\"}]}";
    ckp_scenario *s = NULL;
    ckp_error err;
    CHECK(!ckp_scenario_parse(&s, net, text, strlen(text), "s.json", &err));
    CHECK_INT(s->n_embargoes, 1);
    CHECK_STR(s->embargoes[0].from, "CN");
    CHECK_STR(s->embargoes[0].to, "DE");
    CHECK_INT(s->groups.n, 2);
    CHECK_INT(s->groups.items[0].n, 2); /* sorted, the repeat dropped */
    CHECK_STR(s->groups.items[0].members[0], "AU");
    ckp_scenario_free(s);
    ckp_views v = run(net, text, NULL);
    check_totals(&v, 18, 14, 18, 18);
    CHECK_INT(v.n_groups, 2);
    CHECK_STR(v.groups[0].name, "EU27");
    CHECK_STR(v.groups[1].name, "asia");
    CHECK_NEAR(v.groups[1].immediate_served, 10, TOL);
    CHECK_RANGE(v.groups[0].rerouted, 8, 8);
    ckp_views_destroy(&v);

    static const char removal[] = "{\"groups\": {\"allies\": [\"US\", \"AU\"]}, "
                                  "\"remove_countries\": [\"allies\"], "
                                  "\"embargo\": [{\"from\": \"allies\", \"to\": \"*\"}]}";
    CHECK(!ckp_scenario_parse(&s, net, removal, strlen(removal), "s.json", &err));
    CHECK_INT(s->n_remove_countries, 1);
    CHECK_STR(s->remove_countries[0], "AU");
    CHECK_INT(s->n_embargoes, 3); /* AU to CN, JP, DE: the network's countries outside */
    CHECK_INT(s->warnings.n, 0);
    ckp_scenario_free(s);

    /* the same on the command line: --embargo CN:EU27, --remove-country EU27 */
    CHECK(!ckp_scenario_new(&s, "flags", &err));
    CHECK(!ckp_scenario_add_embargo(s, net, "CN:EU27", &err));
    CHECK(!ckp_scenario_add_country(s, net, "EU27", &err));
    CHECK(ckp_scenario_add_embargo(s, net, "CHN:JP", &err) == CKP_EUSAGE);
    CHECK_STR(err.message, "--embargo wants FROM:TO country codes such as CN:JP or CN:*, not "
                           "'CHN:JP'");
    CHECK_INT(s->n_embargoes, 1);
    CHECK_STR(s->embargoes[0].to, "DE");
    CHECK_INT(s->n_remove_countries, 1);
    CHECK_STR(s->remove_countries[0], "DE");
    ckp_scenario_free(s);

    static const char *const bad[][2] = {
        {"{\"groups\": {\"JP\": [\"JP\"]}}",
         "groups: group 'JP' has the name of a country: call it something else"},
        {"{\"groups\": {\"x\": [\"XYZ\"]}}",
         "groups: group 'x': member 'XYZ' is not an ISO 3166-1 alpha-2 country code"},
        {"{\"groups\": []}",
         "\"groups\" must be an object {\"allies\": [\"US\", \"AU\"]}, not an array"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(ckp_scenario_parse(&s, net, bad[i][0], strlen(bad[i][0]), "s.json", &err) ==
              CKP_EDATA);
        CHECK_STR(err.message, bad[i][1]);
    }
    ckp_network_free(net);
}

/*
 * Groups in the network file: "pacific" (JP, AU) is a row, usable in a
 * scenario on the network, kept through the scenario's copy; a group given
 * in the options is a row too. Removing "pacific" takes out Australia's
 * chain and Japan's end user (listed with zeros); China's 4 reach Germany.
 */
static void test_network_groups(void)
{
    static const char text[] =
        "{\"tiers\": [\"mine\", \"end_use\"], \"groups\": {\"pacific\": [\"JP\", \"AU\"]},"
        " \"nodes\": [{\"id\": \"m_au\", \"tier\": \"mine\", \"country\": \"AU\"},"
        " {\"id\": \"m_cn\", \"tier\": \"mine\", \"country\": \"CN\", \"capacity\": 4},"
        " {\"id\": \"u_jp\", \"tier\": \"end_use\", \"country\": \"JP\"},"
        " {\"id\": \"u_de\", \"tier\": \"end_use\", \"country\": \"DE\"}],"
        " \"edges\": [{\"from\": \"m_au\", \"to\": \"u_jp\", \"volume\": 5},"
        " {\"from\": \"m_cn\", \"to\": \"u_de\", \"volume\": 4}]}";
    ckp_network *net = NULL;
    ckp_error err;
    CHECK(!ckp_load_json_buffer(&net, text, strlen(text), "n.json", &err));
    if (!net)
        return;
    CHECK_INT(ckp_network_groups(net)->n, 1);
    ckp_groups extra;
    ckp_groups_init(&extra);
    const char *const europe[] = {"DE", "FR"};
    CHECK(!ckp_groups_add(&extra, "europe", europe, 2, &err));
    ckp_views_options opts;
    ckp_views_options_init(&opts);
    opts.groups = &extra;
    ckp_views v = run(net, "{\"remove_countries\": [\"pacific\"]}", &opts);
    CHECK_INT(v.n_groups, 3);
    CHECK_STR(v.groups[0].name, "EU27");
    CHECK_STR(v.groups[1].name, "europe");
    CHECK_STR(v.groups[2].name, "pacific");
    CHECK_NEAR(v.groups[2].demand, 5, TOL);
    CHECK_NEAR(v.groups[2].immediate_served, 0, TOL);
    CHECK_RANGE(v.groups[2].reallocated, 0, 0);
    static const double removed[6] = {5, 0, 0, 0, 0, 0};
    check_user(&v, "u_jp", removed);
    CHECK_NEAR(v.reallocated_served, 4, TOL);
    CHECK_NEAR(v.rerouted_served, 4, TOL);
    ckp_views_destroy(&v);
    ckp_groups_destroy(&extra);
    static const char bad[] = "{\"tiers\": [\"a\", \"b\"], \"groups\": {\"g\": 1}, \"nodes\": [],"
                              " \"edges\": []}";
    ckp_network *none = NULL;
    CHECK(ckp_load_json_buffer(&none, bad, strlen(bad), "n.json", &err) == CKP_EDATA);
    CHECK_STR(err.message, "groups: \"g\" must be an array of country codes, not a number");
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
    check_totals(&v, 10, 4, 4, 10);
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
    check_totals(&v, 80, 50, 50, 50);
    static const double u1_u2[][6] = {{60, 37.5, 37.5, 37.5, 30, 50},
                                      {20, 12.5, 12.5, 12.5, 0, 20}};
    check_user(&v, "u1", u1_u2[0]);
    check_user(&v, "u2", u1_u2[1]);
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
    check_totals(&v, 80, 50, 50, 50);
    CHECK_INT(v.warnings.n, 0);
    ckp_views_destroy(&v);
    ckp_network_free(net);
}

/*
 * Scrap from the end user itself (docs/scenarios.md): the mine (recorded 80)
 * cut to 50 and 20 of the end user's 100 coming back as scrap: f = 0.5 +
 * 0.2 f, so 62.5 immediately. The flow views count what it sends back as
 * flow it does not keep: the maximum flow serves 50, below the immediate
 * figure (the end user passes flow on, so its range is solved afresh).
 */
static void test_end_user_scrap(void)
{
    static const node_def nodes[] = {{"m", "mine", "AU", 100, NAN},
                                     {"s", "separation", "AU", INF, NAN},
                                     {"u", "end_use", "JP", INF, NAN}};
    static const edge_def edges[] = {{"m", "s", 80, INF}, {"s", "u", 100, INF},
                                     {"u", "s", 20, INF}};
    ckp_network *net = build(three_tiers, 3, nodes, 3, edges, 3);
    ckp_views v = run(net, "{\"capacity\": [{\"node\": \"m\", \"capacity\": 50}]}", NULL);
    check_totals(&v, 100, 62.5, 62.5, 50);
    static const double u[6] = {100, 62.5, 62.5, 62.5, 50, 50};
    check_user(&v, "u", u);
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
    return xorshift(&rng_state, n);
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
        double f_all = split_maxflow(net, all);
        CHECK_NEAR(total, f_all, 1e-6);
        for (igraph_integer_t k = 0; k <= nu; k++) {
            memset(only, 0, sizeof only);
            memcpy(rest, all, sizeof rest);
            for (igraph_integer_t i = 0; i < sizes[k]; i++)
                only[sets[k][i]] = 1, rest[sets[k][i]] = 0;
            CHECK_NEAR(ranges[k].max, split_maxflow(net, only), 1e-6);
            CHECK_NEAR(ranges[k].min, f_all - split_maxflow(net, rest), 1e-6);
        }
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

/* ---- f(G) by rerouting against a solve from scratch -------------------------------------- */

/*
 * The plain path: a solve with every other end user's demand out (most), or
 * the set's (what the others get, for the loss).
 */
static double by_solve(ckp_flow *flow, const ckp_network *net, const igraph_integer_t *set,
                       igraph_integer_t size, int others)
{
    igraph_integer_t n = ckp_network_node_count(net), last = ckp_network_tier_count(net) - 1;
    for (igraph_integer_t v = 0; v < n; v++)
        ckp_flow_remove_sink(flow, v, others && ckp_node_tier(net, v) == last);
    for (igraph_integer_t k = 0; k < size; k++)
        ckp_flow_remove_sink(flow, set[k], !others);
    double value = ckp_flow_solve(flow, -1);
    for (igraph_integer_t v = 0; v < n; v++)
        ckp_flow_remove_sink(flow, v, 0);
    return value;
}

/*
 * ckp_flow_reroute (augmenting paths from the solved flow) equals maximum
 * flows solved afresh, exactly (integral data): f(G), and the loss f(S) -
 * f(S \ G), for each end user alone, every prefix of the end users, and
 * every end user but one; with a work budget below 0 every set takes the
 * fallback, which must agree too. With scrap from end users half the time,
 * so that paths pass through end users.
 */
static void test_reroute_against_solve(void)
{
    for (int round = 0; round < 300; round++) {
        ckp_network *net = random_network(round % 2);
        igraph_integer_t n = ckp_network_node_count(net), last = ckp_network_tier_count(net) - 1;
        igraph_integer_t users[MAXN], nu = 0, sizes[3 * MAXN];
        for (igraph_integer_t v = 0; v < n; v++)
            if (ckp_node_tier(net, v) == last)
                users[nu++] = v;
        igraph_integer_t but[MAXN][MAXN];
        const igraph_integer_t *sets[3 * MAXN];
        for (igraph_integer_t k = 0; k < nu; k++) {
            sets[k] = &users[k];
            sizes[k] = 1;
            sets[nu + k] = users;
            sizes[nu + k] = k + 1;
            for (igraph_integer_t i = 0, j = 0; i < nu; i++)
                if (i != k)
                    but[k][j++] = users[i];
            sets[2 * nu + k] = but[k];
            sizes[2 * nu + k] = nu - 1;
        }
        ckp_flow *flow = NULL;
        ckp_error err;
        double most[3 * MAXN], loss[3 * MAXN], most_fb[3 * MAXN], loss_fb[3 * MAXN];
        CHECK(!ckp_flow_new(&flow, net, &err));
        double total = ckp_flow_solve(flow, -1);
        CHECK(!ckp_flow_keep_baseline(flow, &err));
        CHECK(!ckp_flow_most(most, flow, sets, sizes, 3 * nu, &err));
        CHECK(!ckp_flow_reroute(loss, flow, sets, sizes, 3 * nu, 1, CKP_REROUTE_BUDGET, &err));
        CHECK(!ckp_flow_reroute(most_fb, flow, sets, sizes, 3 * nu, 0, -1, &err));
        CHECK(!ckp_flow_reroute(loss_fb, flow, sets, sizes, 3 * nu, 1, -1, &err));
        for (igraph_integer_t i = 0; i < 3 * nu; i++) {
            double plain_most = by_solve(flow, net, sets[i], sizes[i], 1);
            double plain_loss = total - by_solve(flow, net, sets[i], sizes[i], 0);
            CHECK(most[i] == plain_most && most_fb[i] == plain_most);
            CHECK(loss[i] == plain_loss && loss_fb[i] == plain_loss);
        }
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

int main(void)
{
    test_properties();
    test_against_igraph();
    test_reroute_against_solve();
    test_compete();
    test_groups();
    test_network_groups();
    test_transshipment();
    test_capacity_cut();
    test_recycling();
    test_end_user_scrap();
    test_warnings();
    return test_report("test_views");
}
