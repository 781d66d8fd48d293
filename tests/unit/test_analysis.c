/*
 * The analysis engine on networks small enough to work out by hand
 * (networks/small). Every expected value below is derived in the comment
 * above it.
 */
#include <math.h>
#include <stdlib.h>

#include "chokepoint/analysis.h"
#include "chokepoint/load.h"
#include "test.h"
#include "test_net.h"

/* A network given inline, as JSON text. */
static ckp_network *load_text(const char *text)
{
    ckp_error err;
    ckp_network *net = NULL;
    if (ckp_load_json_buffer(&net, text, strlen(text), "inline.json", &err)) {
        char msg[2200];
        fprintf(stderr, "cannot load the inline network: %s\n",
                ckp_error_format(msg, sizeof msg, &err));
        exit(1);
    }
    return net;
}

static double country_risk(const ckp_network *net, const ckp_analysis *a, const char *cc)
{
    for (igraph_integer_t i = 0; i < a->n_countries; i++)
        if (!strcmp(ckp_network_country_name(net, a->countries[i].country), cc))
            return a->countries[i].flow_at_risk;
    return -1;
}

static double origin(const ckp_network *net, const ckp_analysis *a, const char *user,
                     const char *tier, const char *cc)
{
    igraph_integer_t u = test_node(net, user), k = -1;
    for (igraph_integer_t i = 0; i < a->dependency.n_end_users; i++)
        if (a->dependency.end_users[i] == u)
            k = i;
    igraph_integer_t c = -1;
    for (igraph_integer_t i = 0; i < ckp_network_country_count(net); i++)
        if (!strcmp(ckp_network_country_name(net, i), cc))
            c = i;
    return ckp_dependency_share(&a->dependency, k, ckp_network_tier_find(net, tier), c);
}

static void run(const ckp_network *net, ckp_analysis *a)
{
    ckp_error err;
    if (ckp_analyze(a, net, NULL, &err)) {
        fprintf(stderr, "analyze failed: %s\n", err.message);
        exit(1);
    }
}

/*
 * diamond: m1 (AU, cap 100) -> s1 (CN, 60) and s2 (MY, 50) -> g (JP, 200) -> e (demand 90).
 * served = min(100, 60 + 50, 90) = 90. Without s1 only s2's 50 gets through: risk 40;
 * without s2, s1's 60: risk 30; m1, g or e: 90. Every path to e passes m1 and g, so both
 * dominate e (SPOFs with 90 each) and e's redundancy is 1. Betweenness: s1 and s2 each carry
 * half of the two shortest paths m1->g and m1->e: 1; g lies on m1->e, s1->e, s2->e: 3.
 * Separation shares by capacity: CN 60/110, MY 50/110; HHI = 100^2 (36+25)/121 = 5041.32.
 * Origin of e: mine AU 1; separation CN 50/90, MY 40/90 (by volume).
 */
static void test_diamond(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_analysis a;
    run(net, &a);
    CHECK_NEAR(a.demand, 90, 0);
    CHECK_NEAR(a.served, 90, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "m1")], 90, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "s1")], 40, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "s2")], 30, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "g")], 90, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "e")], 90, 0);
    CHECK(a.risk_exact_all);
    CHECK_INT(a.n_spofs, 2);
    /* ties by id: g before m1 */
    CHECK_STR(ckp_node_id(net, a.spofs[0].node), "g");
    CHECK_STR(ckp_node_id(net, a.spofs[1].node), "m1");
    CHECK_NEAR(a.spofs[0].dominated_demand, 90, 0);
    CHECK_INT(a.spofs[0].n_end_users, 1);
    CHECK_INT(a.n_end_users, 1);
    CHECK_INT(a.end_users[0].redundancy, 1);
    CHECK_INT(a.end_users[0].n_dominators, 2);
    CHECK_STR(ckp_node_id(net, a.end_users[0].dominators[0]), "m1");
    CHECK_STR(ckp_node_id(net, a.end_users[0].dominators[1]), "g");
    CHECK_NEAR(a.dominated_demand[test_node(net, "s1")], 0, 0);
    CHECK_NEAR(a.betweenness[test_node(net, "s1")], 1, 1e-12);
    CHECK_NEAR(a.betweenness[test_node(net, "s2")], 1, 1e-12);
    CHECK_NEAR(a.betweenness[test_node(net, "g")], 3, 1e-12);
    CHECK_NEAR(a.betweenness[test_node(net, "m1")], 0, 1e-12);
    CHECK_NEAR(a.throughput[test_node(net, "m1")], 90, 0);
    CHECK_NEAR(a.throughput[test_node(net, "s1")], 50, 0);
    CHECK_NEAR(country_risk(net, &a, "AU"), 90, 0);
    CHECK_NEAR(country_risk(net, &a, "JP"), 90, 0);
    CHECK_NEAR(country_risk(net, &a, "CN"), 40, 0);
    CHECK_NEAR(country_risk(net, &a, "MY"), 30, 0);
    /* countries ranked by flow at risk, ties by code */
    CHECK_STR(ckp_network_country_name(net, a.countries[0].country), "AU");
    CHECK_STR(ckp_network_country_name(net, a.countries[1].country), "JP");
    const ckp_tier_concentration *sep = &a.concentration[1];
    CHECK(sep->basis == CKP_BASIS_CAPACITY);
    CHECK_NEAR(sep->hhi, 10000.0 * (36 + 25) / 121, 1e-9);
    CHECK_STR(sep->countries[0].name, "CN");
    CHECK_NEAR(sep->countries[0].share, 60.0 / 110, 1e-15);
    CHECK(a.concentration[3].basis == CKP_BASIS_VOLUME);
    CHECK_NEAR(origin(net, &a, "e", "mine", "AU"), 1, 1e-12);
    CHECK_NEAR(origin(net, &a, "e", "separation", "CN"), 50.0 / 90, 1e-12);
    CHECK_NEAR(origin(net, &a, "e", "separation", "MY"), 40.0 / 90, 1e-12);
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
}

/*
 * single-magnet: ma (CN, 100) -> sa (CN, 80); mb (US, 50) -> sb (US, 40); both -> mag
 * (JP, 100) -> e1 (demand 60), e2 (demand 50). served = min(80 + 40, 100, 110) = 100.
 * Without sa: 40 (risk 60); without sb: 80 capped at 100 -> 80 (risk 20); without mag: 0.
 * Without e1: min(100, 50) = 50 served, risk 50; without e2: 60, risk 40: an end user's
 * loss is less than its own intake when others can absorb the freed supply.
 * CN (ma, sa) lost: 40 left, risk 60; US: 80 left, risk 20; JP: everything.
 * mag dominates both end users: one SPOF with dominated demand 60 + 50 = 110.
 */
static void test_single_magnet(void)
{
    ckp_network *net = test_load_small("single-magnet.json");
    ckp_analysis a;
    run(net, &a);
    CHECK_NEAR(a.demand, 110, 0);
    CHECK_NEAR(a.served, 100, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "sa")], 60, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "sb")], 20, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "ma")], 60, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "mb")], 20, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "mag")], 100, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "e1")], 50, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "e2")], 40, 0);
    CHECK_NEAR(country_risk(net, &a, "CN"), 60, 0);
    CHECK_NEAR(country_risk(net, &a, "US"), 20, 0);
    CHECK_NEAR(country_risk(net, &a, "JP"), 100, 0);
    CHECK_INT(a.n_spofs, 1);
    CHECK_STR(ckp_node_id(net, a.spofs[0].node), "mag");
    CHECK_NEAR(a.spofs[0].dominated_demand, 110, 0);
    CHECK_INT(a.spofs[0].n_end_users, 2);
    CHECK_STR(ckp_node_id(net, a.spofs[0].end_users[0]), "e1");
    CHECK_STR(ckp_node_id(net, a.spofs[0].end_users[1]), "e2");
    CHECK_INT(a.end_users[0].redundancy, 1);
    CHECK_INT(a.end_users[1].redundancy, 1);
    /* e2 has no demand given? it has: 50, though only 40 flows in by volume */
    CHECK_NEAR(a.end_users[1].demand, 50, 0);
    CHECK_NEAR(origin(net, &a, "e2", "separation", "CN"), 0.7, 1e-12);
    CHECK_NEAR(origin(net, &a, "e2", "separation", "US"), 0.3, 1e-12);
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
}

/*
 * transshipment: cn_mine (100) feeds cn_sep (100) and vn_sep (30); au_mine (20) feeds
 * my_sep (20); all three separators feed jp_mag -> jp_ev (demand 110). served = 100 + 20 =
 * 110. Without cn_sep: 30 + 20 = 50 (risk 60). Without cn_mine: 20 (risk 90). Without
 * au_mine or my_sep: cn_mine's 100 (risk 10). Without vn_sep, cn_sep takes all of cn_mine's
 * 100 and my_sep adds 20: nothing lost. jp_mag is on every path: the one SPOF.
 * Origin: mine CN (60 + 30)/110, AU 20/110; separation CN 60/110, VN 30/110, MY 20/110.
 */
static void test_transshipment(void)
{
    ckp_network *net = test_load_small("transshipment.json");
    ckp_analysis a;
    run(net, &a);
    CHECK_NEAR(a.served, 110, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "cn_sep")], 60, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "cn_mine")], 90, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "au_mine")], 10, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "vn_sep")], 0, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "my_sep")], 10, 0);
    CHECK_NEAR(country_risk(net, &a, "CN"), 90, 0);
    CHECK_NEAR(country_risk(net, &a, "VN"), 0, 0);
    CHECK_INT(a.n_spofs, 1);
    CHECK_STR(ckp_node_id(net, a.spofs[0].node), "jp_mag");
    CHECK_NEAR(origin(net, &a, "jp_ev", "mine", "CN"), 90.0 / 110, 1e-12);
    CHECK_NEAR(origin(net, &a, "jp_ev", "mine", "AU"), 20.0 / 110, 1e-12);
    CHECK_NEAR(origin(net, &a, "jp_ev", "separation", "VN"), 30.0 / 110, 1e-12);
    CHECK_NEAR(origin(net, &a, "jp_ev", "separation", "MY"), 20.0 / 110, 1e-12);
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
}

/*
 * recycling: cn_mine (100) -> sep 60, au_mine (20) -> sep 20, sep (150) -> mag -> ev
 * (demand 100) -> sep 20 (scrap). served = min(120, 150, 100) = 100. Origin at the mine
 * tier, by proportional mixing around the loop: sep's CN share x = (60 + 20 x) / 100, so
 * x = 0.75; AU: y = (20 + 20 y) / 100, y = 0.25. ev passes sep's mix through mag: CN 0.75.
 * sep and mag dominate ev. Without cn_mine: 20 served (risk 80).
 */
static void test_recycling(void)
{
    ckp_network *net = test_load_small("recycling.json");
    ckp_analysis a;
    run(net, &a);
    CHECK_NEAR(a.served, 100, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "cn_mine")], 80, 0);
    CHECK_NEAR(a.flow_at_risk[test_node(net, "sep")], 100, 0);
    CHECK_INT(a.n_spofs, 2);
    CHECK_INT(a.end_users[0].n_dominators, 2);
    CHECK_STR(ckp_node_id(net, a.end_users[0].dominators[0]), "sep");
    CHECK_STR(ckp_node_id(net, a.end_users[0].dominators[1]), "mag");
    CHECK_NEAR(origin(net, &a, "ev", "mine", "CN"), 0.75, 1e-12);
    CHECK_NEAR(origin(net, &a, "ev", "mine", "AU"), 0.25, 1e-12);
    CHECK_NEAR(origin(net, &a, "ev", "separation", "CN"), 1, 1e-12);
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
}

/*
 * Redundancy above 1 and unreachable end users, on an inline network: two mines each with
 * its own separator feed end user "a" (two node-disjoint routes: redundancy 2, no SPOF);
 * "b" is fed only through s1 (redundancy 1); "c" has no supplier at all (unreachable).
 */
static void test_redundancy_and_unreachable(void)
{
    const char *text =
        "{\"tiers\": [\"mine\", \"sep\", \"use\"],"
        " \"nodes\": ["
        "  {\"id\": \"m1\", \"tier\": \"mine\", \"country\": \"AU\"},"
        "  {\"id\": \"m2\", \"tier\": \"mine\", \"country\": \"US\"},"
        "  {\"id\": \"s1\", \"tier\": \"sep\", \"country\": \"AU\"},"
        "  {\"id\": \"s2\", \"tier\": \"sep\", \"country\": \"US\"},"
        "  {\"id\": \"a\", \"tier\": \"use\", \"country\": \"JP\", \"demand\": 10},"
        "  {\"id\": \"b\", \"tier\": \"use\", \"country\": \"JP\", \"demand\": 5},"
        "  {\"id\": \"c\", \"tier\": \"use\", \"country\": \"JP\", \"demand\": 7}],"
        " \"edges\": ["
        "  {\"from\": \"m1\", \"to\": \"s1\"}, {\"from\": \"m2\", \"to\": \"s2\"},"
        "  {\"from\": \"s1\", \"to\": \"a\"}, {\"from\": \"s2\", \"to\": \"a\"},"
        "  {\"from\": \"s1\", \"to\": \"b\"}]}";
    ckp_network *net = load_text(text);
    ckp_analysis a;
    run(net, &a);
    /* unbounded capacities: a and b get all they need, c nothing */
    CHECK_NEAR(a.demand, 22, 0);
    CHECK_NEAR(a.served, 15, 0);
    CHECK_INT(a.n_unreachable, 1);
    CHECK_INT(a.n_end_users, 3);
    CHECK_INT(a.end_users[0].redundancy, 2);
    CHECK_INT(a.end_users[0].n_dominators, 0);
    CHECK_INT(a.end_users[1].redundancy, 1);
    CHECK_INT(a.end_users[2].reachable, 0);
    CHECK_INT(a.end_users[2].redundancy, 0);
    /* s1 and m1 dominate b only */
    CHECK_INT(a.n_spofs, 2);
    CHECK_NEAR(a.dominated_demand[test_node(net, "s1")], 5, 0);
    CHECK_NEAR(a.dominated_demand[test_node(net, "m1")], 5, 0);
    /* losing s1 cuts b (5); a reroutes through s2 */
    CHECK_NEAR(a.flow_at_risk[test_node(net, "s1")], 5, 0);
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
}

/*
 * Unattributed origin, on an inline network. m (AU) feeds three separators, AU 1, CN 4 and
 * MY 1 (volumes), which all feed u1: separation shares 1/6, 4/6, 1/6, which sum in double
 * precision to 1 - 1.1e-16; that residue is rounding, so u1's unattributed share is 0.
 * u2 gets 30 through s_cn and 10 straight from m (skipping separation): separation CN 30/40,
 * unattributed 10/40 = 0.25; at the mine tier all of it passed m: AU 1, unattributed 0.
 */
static void test_unattributed(void)
{
    const char *text =
        "{\"tiers\": [\"mine\", \"sep\", \"use\"],"
        " \"nodes\": ["
        "  {\"id\": \"m\", \"tier\": \"mine\", \"country\": \"AU\"},"
        "  {\"id\": \"s_au\", \"tier\": \"sep\", \"country\": \"AU\"},"
        "  {\"id\": \"s_cn\", \"tier\": \"sep\", \"country\": \"CN\"},"
        "  {\"id\": \"s_my\", \"tier\": \"sep\", \"country\": \"MY\"},"
        "  {\"id\": \"u1\", \"tier\": \"use\", \"country\": \"JP\"},"
        "  {\"id\": \"u2\", \"tier\": \"use\", \"country\": \"JP\"}],"
        " \"edges\": ["
        "  {\"from\": \"m\", \"to\": \"s_au\", \"volume\": 1},"
        "  {\"from\": \"m\", \"to\": \"s_cn\", \"volume\": 34},"
        "  {\"from\": \"m\", \"to\": \"s_my\", \"volume\": 1},"
        "  {\"from\": \"s_au\", \"to\": \"u1\", \"volume\": 1},"
        "  {\"from\": \"s_cn\", \"to\": \"u1\", \"volume\": 4},"
        "  {\"from\": \"s_my\", \"to\": \"u1\", \"volume\": 1},"
        "  {\"from\": \"s_cn\", \"to\": \"u2\", \"volume\": 30},"
        "  {\"from\": \"m\", \"to\": \"u2\", \"volume\": 10}]}";
    ckp_network *net = load_text(text);
    ckp_analysis a;
    run(net, &a);
    const ckp_dependency *d = &a.dependency;
    igraph_integer_t sep = ckp_network_tier_find(net, "sep"), mine = ckp_network_tier_find(net, "mine");
    CHECK_INT(d->n_end_users, 2);
    CHECK_STR(ckp_node_id(net, d->end_users[0]), "u1");
    CHECK_NEAR(origin(net, &a, "u1", "sep", "CN"), 4.0 / 6, 1e-15);
    CHECK_NEAR(ckp_dependency_unattributed(d, 0, sep), 0, 0);
    CHECK_NEAR(ckp_dependency_unattributed(d, 0, mine), 0, 0);
    CHECK_NEAR(origin(net, &a, "u2", "sep", "CN"), 0.75, 1e-15);
    CHECK_NEAR(ckp_dependency_unattributed(d, 1, sep), 0.25, 1e-15);
    CHECK_NEAR(ckp_dependency_unattributed(d, 1, mine), 0, 0);
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
}

/* a's results bit for bit b's: the figures, the countries' order, the origin shares */
static void check_same_analysis(const ckp_analysis *a, const ckp_analysis *b)
{
    size_t n = (size_t)a->n_nodes;
    CHECK(a->served == b->served);
    CHECK(!memcmp(a->flow_at_risk, b->flow_at_risk, n * sizeof *a->flow_at_risk));
    CHECK(!memcmp(a->betweenness, b->betweenness, n * sizeof *a->betweenness));
    CHECK_INT(a->risk_computed, b->risk_computed);
    CHECK_INT(a->n_countries, b->n_countries);
    for (igraph_integer_t i = 0; i < a->n_countries && i < b->n_countries; i++) {
        CHECK_INT(a->countries[i].country, b->countries[i].country);
        CHECK(a->countries[i].flow_at_risk == b->countries[i].flow_at_risk);
    }
    CHECK_INT(a->dependency.n_tiers, b->dependency.n_tiers);
    for (igraph_integer_t t = 0; t < a->dependency.n_tiers; t++) {
        const ckp_tier_origin *x = &a->dependency.tiers[t], *y = &b->dependency.tiers[t];
        size_t cells = (size_t)a->dependency.n_end_users * (size_t)x->n_countries;
        CHECK_INT(x->n_countries, y->n_countries);
        CHECK(x->n_countries != y->n_countries ||
              !memcmp(x->shares, y->shares, cells * sizeof *x->shares));
    }
}

typedef struct {
    double through;
    const char *id;
    igraph_integer_t node;
} busy_node;

static int busier(const void *pa, const void *pb)
{
    const busy_node *a = pa, *b = pb;
    if (a->through != b->through)
        return a->through > b->through ? -1 : 1;
    return strcmp(a->id, b->id);
}

/*
 * Above the exact limit, the losses computed are those of the `top` busiest nodes (a full sort
 * by throughput, ties by id, here) and of the `top` SPOFs dominating the most demand, where
 * they carry flow; every other node carrying flow is NaN.
 */
static void check_risk_nodes(const ckp_network *net, const ckp_analysis *a, igraph_integer_t top)
{
    igraph_integer_t n = a->n_nodes;
    busy_node *all = malloc((size_t)n * sizeof *all);
    char *want = calloc((size_t)n, 1);
    for (igraph_integer_t v = 0; v < n; v++)
        all[v] = (busy_node){a->throughput[v], ckp_node_id(net, v), v};
    qsort(all, (size_t)n, sizeof *all, busier);
    for (igraph_integer_t i = 0; i < top && i < n; i++)
        want[all[i].node] = 1;
    for (igraph_integer_t i = 0; i < top && i < a->n_spofs; i++)
        want[a->spofs[i].node] = 1;
    for (igraph_integer_t v = 0; v < n; v++)
        CHECK(a->flow[v] == 0 ? a->flow_at_risk[v] == 0
                              : (want[v] ? !isnan(a->flow_at_risk[v]) : isnan(a->flow_at_risk[v])));
    free(all);
    free(want);
}

/*
 * The losses start on the main thread while origin tracing ends on the other, their last
 * worker joining after it (analysis.c): the same results on one, two and three threads, with
 * every node's loss computed and with the sampled path (betweenness from sources, the busiest
 * nodes and SPOFs only).
 */
static void test_threads_same(void)
{
    char path[512], msg[2200];
    ckp_error err;
    ckp_network *net = NULL;
    snprintf(path, sizeof path, "%s/rare-earths-japan.json", CKP_NETWORKS);
    if (ckp_load_json(&net, path, &err)) {
        fprintf(stderr, "cannot load %s: %s\n", path, ckp_error_format(msg, sizeof msg, &err));
        exit(1);
    }
    for (int sampled = 0; sampled < 2; sampled++) {
        ckp_analysis one, more;
        ckp_analysis_options o;
        ckp_analysis_options_init(&o);
        o.exact_limit = sampled ? 10 : 5000;
        o.risk_top = 5;
        o.betweenness_samples = 7;
        o.threads = 1;
        CHECK_INT(ckp_analyze(&one, net, &o, &err), CKP_OK);
        CHECK(one.risk_computed > 0 && one.n_countries > 1);
        if (sampled)
            check_risk_nodes(net, &one, o.risk_top);
        for (int threads = 2; threads <= 3; threads++) {
            o.threads = threads;
            CHECK_INT(ckp_analyze(&more, net, &o, &err), CKP_OK);
            check_same_analysis(&one, &more);
            ckp_analysis_destroy(&more);
        }
        ckp_analysis_destroy(&one);
    }
    ckp_network_free(net);
}

int main(void)
{
    test_diamond();
    test_single_magnet();
    test_transshipment();
    test_recycling();
    test_redundancy_and_unreachable();
    test_unattributed();
    test_threads_same();
    return test_report("test_analysis");
}
