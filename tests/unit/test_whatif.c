/*
 * Scenarios, plans and comparisons on networks/small, every figure worked out
 * by hand in the comment above its checks; then every error path of both file
 * types with its exact message.
 */
#include <stdlib.h>

#include "chokepoint/load.h"
#include "chokepoint/plan.h"
#include "chokepoint/whatif.h"
#include "test.h"
#include "test_net.h"

static ckp_scenario *scenario(const ckp_network *net, const char *text)
{
    ckp_scenario *s = NULL;
    ckp_error err;
    if (ckp_scenario_parse(&s, net, text, strlen(text), "s.json", &err)) {
        char msg[2200];
        fprintf(stderr, "scenario: %s\n", ckp_error_format(msg, sizeof msg, &err));
        exit(1);
    }
    return s;
}

static ckp_scenario_report run(const ckp_network *net, const char *text)
{
    ckp_scenario *s = scenario(net, text);
    ckp_scenario_report r;
    ckp_error err;
    if (ckp_scenario_run(&r, net, s, &err)) {
        fprintf(stderr, "run: %s\n", err.message);
        exit(1);
    }
    ckp_scenario_free(s);
    return r;
}

static double user_max(const ckp_network *net, const ckp_scenario_report *r, const char *id)
{
    for (igraph_integer_t k = 0; k < r->n_end_users; k++)
        if (!strcmp(ckp_node_id(net, r->end_users[k].node), id))
            return r->end_users[k].scenario_max;
    return -1;
}

/*
 * transshipment: CN->JP cuts only cn_sep -> jp_mag. Chinese ore still reaches Japan through
 * vn_sep (capacity 30) and au_mine's 20 through my_sep: 50 of 110. CN->* also cuts
 * cn_mine -> vn_sep (CN to VN): only the Australian 20 is left.
 */
static void test_embargo_and_transshipment(void)
{
    ckp_network *net = test_load_small("transshipment.json");
    ckp_scenario_report r = run(net, "{\"name\": \"e\", \"embargo\": [{\"from\": \"CN\", \"to\": \"JP\"}]}");
    CHECK_NEAR(r.baseline_served, 110, 0);
    CHECK_NEAR(r.served, 50, 0);
    CHECK_NEAR(r.demand, 110, 0);
    CHECK_INT(r.removed_edges, 1);
    CHECK_INT(r.removed_nodes, 0);
    CHECK_NEAR(user_max(net, &r, "jp_ev"), 50, 0);
    CHECK_NEAR(r.end_users[0].baseline_max, 110, 0);
    ckp_scenario_report_destroy(&r);
    r = run(net, "{\"embargo\": [{\"from\": \"CN\", \"to\": \"*\"}]}");
    CHECK_NEAR(r.served, 20, 0);
    CHECK_INT(r.removed_edges, 2);
    ckp_scenario_report_destroy(&r);
    ckp_network_free(net);
}

/* single-magnet without China (ma, sa): only the US chain's 40 reaches mag. */
static void test_remove_country(void)
{
    ckp_network *net = test_load_small("single-magnet.json");
    ckp_scenario_report r = run(net, "{\"remove_countries\": [\"CN\", \"FR\"]}");
    CHECK_NEAR(r.served, 40, 0);
    CHECK_INT(r.removed_nodes, 2);
    CHECK_INT(r.removed_edges, 2);
    /* FR has no nodes: a warning, not an error */
    CHECK_INT(r.warnings.n, 1);
    CHECK_STR(r.warnings.items[0], "country 'FR' has no nodes in the network: nothing to remove");
    /* e1 alone could take 40 (demand 60), e2 alone 40 (demand 50) */
    CHECK_NEAR(user_max(net, &r, "e1"), 40, 0);
    CHECK_NEAR(user_max(net, &r, "e2"), 40, 0);
    ckp_scenario_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * diamond, capacity cuts: s1 halved to 30: min(100, 30 + 50, 90) = 80. s2 set to 10:
 * 60 + 10 = 70. Both: 30 + 10 = 40.
 */
static void test_capacity(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_scenario_report r = run(net, "{\"capacity\": [{\"node\": \"s1\", \"factor\": 0.5}]}");
    CHECK_NEAR(r.served, 80, 0);
    ckp_scenario_report_destroy(&r);
    r = run(net, "{\"capacity\": [{\"node\": \"s2\", \"capacity\": 10}]}");
    CHECK_NEAR(r.served, 70, 0);
    ckp_scenario_report_destroy(&r);
    r = run(net, "{\"capacity\": [{\"node\": \"s1\", \"factor\": 0.5}, {\"node\": \"s2\", "
                 "\"capacity\": 10}]}");
    CHECK_NEAR(r.served, 40, 0);
    ckp_scenario_report_destroy(&r);
    /* command-line forms */
    ckp_scenario *s;
    ckp_error err;
    ckp_scenario_new(&s, "cli", &err);
    CHECK_INT(ckp_scenario_add_capacity(s, net, "s1=0.5x", &err), CKP_OK);
    CHECK_INT(ckp_scenario_add_capacity(s, net, "s2=10", &err), CKP_OK);
    CHECK_INT(ckp_scenario_run(&r, net, s, &err), CKP_OK);
    CHECK_NEAR(r.served, 40, 0);
    ckp_scenario_report_destroy(&r);
    CHECK_INT(ckp_scenario_add_capacity(s, net, "s2=ten", &err), CKP_EUSAGE);
    CHECK_INT(ckp_scenario_add_embargo(s, net, "CN-JP", &err), CKP_EUSAGE);
    CHECK_INT(ckp_scenario_add_node(s, net, "ghost", &err), CKP_EDATA);
    CHECK_STR(err.message, "unknown node 'ghost': the network has no such node");
    ckp_scenario_free(s);
    ckp_network_free(net);
}

/*
 * diamond: without s2, every path to e runs through s1: s1 appears as a SPOF (m1, s1, g).
 * Without m1, e is unreachable: g survives but dominates nothing, so it disappears; m1
 * itself is gone, so it is not listed.
 */
static void test_spof_changes(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_scenario_report r = run(net, "{\"remove_nodes\": [\"s2\"]}");
    CHECK_INT(r.spofs_baseline, 2);
    CHECK_INT(r.spofs_scenario, 3);
    CHECK_INT(r.n_appear, 1);
    CHECK_STR(ckp_node_id(net, r.appear[0]), "s1");
    CHECK_INT(r.n_disappear, 0);
    CHECK_NEAR(r.served, 60, 0);
    ckp_scenario_report_destroy(&r);
    r = run(net, "{\"remove_nodes\": [\"m1\"]}");
    CHECK_NEAR(r.served, 0, 0);
    CHECK_INT(r.n_disappear, 1);
    CHECK_STR(ckp_node_id(net, r.disappear[0]), "g");
    CHECK_INT(r.n_appear, 0);
    ckp_scenario_report_destroy(&r);
    ckp_network_free(net);
}

static const char plan_a[] =
    "{\"name\": \"A\", \"add_nodes\": [{\"id\": \"m2\", \"tier\": \"mine\", \"country\": \"US\","
    " \"capacity\": 50}], \"add_edges\": [{\"from\": \"m2\", \"to\": \"s2\"}],"
    " \"update_nodes\": [{\"id\": \"e\", \"demand\": 120}]}";
static const char plan_b[] = "{\"name\": \"B\", \"remove_nodes\": [\"s2\"]}";

static ckp_network *apply(const ckp_network *net, const char *text, ckp_plan_info *info)
{
    ckp_network *out = NULL;
    ckp_error err;
    if (ckp_plan_apply_buffer(&out, info, net, text, strlen(text), "p.json", &err)) {
        char msg[2200];
        fprintf(stderr, "plan: %s\n", ckp_error_format(msg, sizeof msg, &err));
        exit(1);
    }
    return out;
}

/*
 * Plans on diamond. A adds mine m2 (US, 50) feeding s2 and raises e's demand to 120: served
 * min(s1 60 + s2 50, 120) = 110; m1 no longer dominates e (m2 -> s2 -> g bypasses it), so g
 * is the only SPOF. B removes s2: served 60, SPOFs m1, s1, g.
 * Scenarios: S1 loses m1: baseline 0, A 50 (m2 through s2), B 0 -> best A. S2 loses s1:
 * baseline 50 (of 90: 0.556), A 50 (of 120: 0.417), B 0 -> the baseline is best.
 * Worst served share: baseline min(1, 0, 0.556) = 0; A min(110/120, 50/120, 50/120) = 0.417;
 * B 0 -> A is best in the worst case.
 * Dominant country of the baseline: shares summed over tiers: JP 2 (magnet, end use), AU 1,
 * CN 0.545, MY 0.455 -> JP; e is Japanese, so losing JP leaves it nothing.
 */
static void test_plans_and_compare(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_plan_info ia, ib;
    ckp_network *a = apply(net, plan_a, &ia), *b = apply(net, plan_b, &ib);
    CHECK_STR(ia.name, "A");
    CHECK_INT(ia.added_nodes, 1);
    CHECK_INT(ia.added_edges, 1);
    CHECK_INT(ia.updated_nodes, 1);
    CHECK_INT(ib.removed_nodes, 1);
    CHECK_INT(ckp_network_node_count(a), 6);
    CHECK_INT(ckp_network_node_count(b), 4);
    /* the base network is untouched */
    CHECK_INT(ckp_network_node_count(net), 5);
    ckp_scenario *s1 = scenario(net, "{\"name\": \"S1\", \"remove_nodes\": [\"m1\"]}");
    ckp_scenario *s2 = scenario(net, "{\"name\": \"S2\", \"remove_nodes\": [\"s1\"]}");
    const ckp_network *nets[] = {net, a, b};
    const char *names[] = {"baseline", "A", "B"};
    const ckp_scenario *scens[] = {s1, s2};
    ckp_comparison c;
    ckp_error err;
    CHECK_INT(ckp_compare(&c, nets, names, 3, scens, 2, 5000, &err), CKP_OK);
    CHECK_NEAR(c.plans[0].served, 90, 0);
    CHECK_NEAR(c.plans[1].served, 110, 0);
    CHECK_NEAR(c.plans[1].demand, 120, 0);
    CHECK_NEAR(c.plans[2].served, 60, 0);
    CHECK_INT(c.plans[0].spof_count, 2);
    CHECK_INT(c.plans[1].spof_count, 1);
    CHECK_INT(c.plans[2].spof_count, 3);
    CHECK_INT(c.plans[1].worst_redundancy, 1);
    CHECK_NEAR(c.plans[0].scenario_served[0], 0, 0);
    CHECK_NEAR(c.plans[1].scenario_served[0], 50, 0);
    CHECK_NEAR(c.plans[2].scenario_served[0], 0, 0);
    CHECK_NEAR(c.plans[0].scenario_served[1], 50, 0);
    CHECK_NEAR(c.plans[1].scenario_served[1], 50, 0);
    CHECK_NEAR(c.plans[2].scenario_served[1], 0, 0);
    CHECK_INT(c.best_per_scenario[0], 1);
    CHECK_INT(c.best_per_scenario[1], 0);
    CHECK_INT(c.best_worst_case, 1);
    CHECK_STR(c.dominant_country, "JP");
    CHECK_NEAR(c.plans[0].dependence[0].share, 1, 0);
    CHECK_NEAR(c.plans[0].dependence[0].without_dominant, 0, 0);
    /* separation HHI in B: only s1 (CN) is left */
    CHECK_NEAR(c.plans[2].hhi[1], 10000, 1e-9);
    ckp_comparison_destroy(&c);
    ckp_scenario_free(s1);
    ckp_scenario_free(s2);
    ckp_network_free(a);
    ckp_network_free(b);
    ckp_plan_info_destroy(&ia);
    ckp_plan_info_destroy(&ib);
    ckp_network_free(net);
}

/* A scenario naming a node that a plan removed: skipped with a warning, not an error. */
static void test_scenario_on_plan_without_node(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_plan_info ib;
    ckp_network *b = apply(net, plan_b, &ib);
    ckp_scenario *s = scenario(net, "{\"name\": \"S\", \"remove_nodes\": [\"s2\"]}");
    ckp_network *shocked = NULL;
    ckp_messages w = {0};
    ckp_error err;
    CHECK_INT(ckp_scenario_apply(&shocked, b, s, NULL, NULL, &w, &err), CKP_OK);
    CHECK_INT(w.n, 1);
    CHECK_STR(w.items[0], "scenario 'S': node 's2' is not in this network: skipped");
    ckp_messages_destroy(&w);
    ckp_network_free(shocked);
    ckp_scenario_free(s);
    ckp_network_free(b);
    ckp_plan_info_destroy(&ib);
    ckp_network_free(net);
}

typedef struct {
    const char *text;
    const char *message; /* exact, as formatted */
} bad_case;

static void test_scenario_errors(void)
{
    static const bad_case cases[] = {
        {"", "s.json: the file is empty: expected a scenario, a JSON object {...}"},
        {"[]", "s.json:1:1: expected a JSON object '{' at the top level (a scenario)"},
        {"{\"remove_nodes\": [\"ghost\"]}",
         "s.json:1:19: remove_nodes[0]: unknown node 'ghost': the network has no such node"},
        {"{\"remove_nodes\": \"m1\"}",
         "s.json:1:18: \"remove_nodes\" must be an array, not a string"},
        {"{\"remove_nodes\": [1]}",
         "s.json:1:19: remove_nodes[0] must be a string, not a number"},
        {"{\"remove_countries\": [\"China\"]}",
         "s.json:1:23: remove_countries[0]: country 'China' is not an ISO 3166-1 alpha-2 "
         "country code"},
        {"{\"embargo\": [{\"from\": \"CN\"}]}", "s.json:1:14: embargo[0]: missing \"to\""},
        {"{\"embargo\": [{\"from\": \"CN\", \"to\": \"CN\"}]}",
         "s.json:1:14: embargo[0]: embargo from 'CN' to itself: an embargo is between two "
         "countries"},
        {"{\"embargo\": [\"CN:JP\"]}",
         "s.json:1:14: embargo[0] must be an object {\"from\": \"CN\", \"to\": \"JP\"}, not a "
         "string"},
        {"{\"capacity\": [{\"node\": \"s1\"}]}",
         "s.json:1:15: capacity[0]: give either \"factor\" or \"capacity\""},
        {"{\"capacity\": [{\"node\": \"s1\", \"factor\": -1}]}",
         "s.json:1:24: capacity[0]: \"factor\" must be a finite number of 0 or more"},
        {"{\"capacity\": [{\"node\": \"s1\", \"factor\": \"half\"}]}",
         "s.json:1:40: capacity[0]: \"factor\" must be a number, not a string"},
        {"{\"capacity\": [{\"node\": \"ghost\", \"capacity\": 1}]}",
         "s.json:1:24: capacity[0]: unknown node 'ghost': the network has no such node"},
        {"{\"remove_node\": [\"s1\"]}",
         "s.json:1:17: unknown key \"remove_node\" in a scenario: expected name, description, "
         "source, remove_nodes, remove_countries, embargo, capacity, groups, duration_days"},
        {"{\"name\": \"a\", \"name\": \"b\"}",
         "s.json:1:23: duplicate key \"name\" at the top level: keep one"},
        {"{\"name\": 3}", "s.json:1:10: \"name\" must be a string, not a number"},
        {"{\"remove_nodes\": [\"s1\",]}",
         "s.json:1:23: trailing comma before ']': remove it"},
    };
    ckp_network *net = test_load_small("diamond.json");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ckp_scenario *s = NULL;
        ckp_error err;
        char msg[2200];
        ckp_code rc = ckp_scenario_parse(&s, net, cases[i].text, strlen(cases[i].text),
                                         "s.json", &err);
        CHECK_INT(rc, CKP_EDATA);
        CHECK(s == NULL);
        if (rc)
            CHECK_STR(ckp_error_format(msg, sizeof msg, &err), cases[i].message);
        ckp_scenario_free(s);
    }
    ckp_network_free(net);
}

static void test_plan_errors(void)
{
    static const bad_case cases[] = {
        {"{\"remove_nodes\": [\"ghost\"]}", "p.json:1:19: remove_nodes[0]: unknown node 'ghost'"},
        {"{\"remove_edges\": [{\"from\": \"m1\", \"to\": \"g\"}]}",
         "p.json:1:19: remove_edges[0]: there is no edge 'm1' -> 'g'"},
        {"{\"add_nodes\": [{\"id\": \"m1\", \"tier\": \"mine\", \"country\": \"AU\"}]}",
         "p.json:1:23: add_nodes: node 0: duplicate id 'm1', already the id of node 0: every "
         "node needs its own id"},
        {"{\"add_edges\": [{\"from\": \"m1\", \"to\": \"ghost\"}]}",
         "p.json:1:37: add_edges: edge 0: unknown node 'ghost' in \"to\""},
        {"{\"add_edges\": [{\"from\": \"m1\", \"to\": \"s1\"}]}",
         "p.json:1:37: add_edges: edge 0: duplicate edge 'm1' -> 's1': give one edge per pair "
         "and add up the volumes"},
        {"{\"update_nodes\": [{\"id\": \"s1\", \"capcity\": 5}]}",
         "p.json:1:43: update_nodes[0]: \"capcity\" cannot be updated: give capacity, demand, "
         "stock or recipe"},
        {"{\"update_nodes\": [{\"id\": \"s1\", \"capacity\": -5}]}",
         "p.json:1:44: update_nodes[0]: \"capacity\" is negative (-5): it must be 0 or more"},
        {"{\"update_nodes\": [{\"id\": \"s1\", \"capacity\": \"5\"}]}",
         "p.json:1:44: update_nodes[0]: \"capacity\" must be a finite number or null, not a "
         "string"},
        {"{\"update_edges\": [{\"from\": \"s1\", \"to\": \"e\", \"volume\": 1}]}",
         "p.json:1:19: update_edges[0]: there is no edge 's1' -> 'e'"},
        {"{\"remove_nodes\": [\"m1\"], \"update_nodes\": [{\"id\": \"m1\", \"capacity\": 1}]}",
         "p.json:1:50: update_nodes[0]: unknown node 'm1'"},
        {"{\"remove_nodes\": [\"e\"]}",
         "p.json: after the plan: no node is in the last tier 'end_use': a network needs end "
         "users"},
        {"{\"add_node\": []}",
         "p.json:1:14: unknown key \"add_node\" in a plan: expected name, description, source, "
         "remove_nodes, remove_edges, add_nodes, add_edges, update_nodes, update_edges"},
    };
    ckp_network *net = test_load_small("diamond.json");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ckp_network *out = NULL;
        ckp_plan_info info;
        ckp_error err;
        char msg[2200];
        ckp_code rc = ckp_plan_apply_buffer(&out, &info, net, cases[i].text,
                                            strlen(cases[i].text), "p.json", &err);
        CHECK_INT(rc, CKP_EDATA);
        CHECK(out == NULL);
        if (rc)
            CHECK_STR(ckp_error_format(msg, sizeof msg, &err), cases[i].message);
    }
    ckp_network_free(net);
}

int main(void)
{
    test_embargo_and_transshipment();
    test_remove_country();
    test_capacity();
    test_spof_changes();
    test_plans_and_compare();
    test_scenario_on_plan_without_node();
    test_scenario_errors();
    test_plan_errors();
    return test_report("test_whatif");
}
