/*
 * The what-if writers (ckp_scenario_write, ckp_comparison_write) and the
 * study that loads plans and scenarios (ckp_study) on networks/small/diamond,
 * every figure worked out by hand in the comment above its checks.
 *
 * diamond: m1 (AU, capacity 100) feeds s1 (CN, 60) and s2 (MY, 50), both feed
 * g (JP, 200), which feeds e (JP, demand 90); volumes m1->s1 50, m1->s2 40.
 */
#include <stdlib.h>

#include "chokepoint/export.h"
#include "chokepoint/load.h"
#include "chokepoint/whatif.h"
#include "test.h"

static ckp_network *load_diamond(void)
{
    ckp_network *net = NULL;
    ckp_error err;
    if (ckp_load_json(&net, CKP_NETWORKS "/small/diamond.json", &err)) {
        fprintf(stderr, "cannot load diamond.json: %s\n", err.message);
        exit(1);
    }
    return net;
}

static int starts_with(const char *s, const char *prefix)
{
    return s && !strncmp(s, prefix, strlen(prefix));
}

/* Cut AU -> CN (the edge m1 -> s1 only) and scale s2 to 0.8 x 50 = 40. */
static const char cut_text[] =
    "{ \"name\": \"cut Australia to China\", \"description\": \"AU ore no longer reaches s1\",\n"
    "  \"source\": \"hand-made\", \"embargo\": [ {\"from\": \"AU\", \"to\": \"CN\"} ],\n"
    "  \"capacity\": [ {\"node\": \"s2\", \"factor\": 0.8} ] }\n";

/*
 * Baseline: 60 through s1 and 50 through s2 could reach e; it wants 90, so 90
 * served. Under the cut only s2's 40 remains: served 40, shortfall 50, 50/90 =
 * 55.6%. Single points of failure: m1 and g before; s2 joins them after. One
 * edge taken out, no node. Origins are traced over the volumes that remain
 * (docs/scenarios.md), not the flow: s1 -> g keeps its 50 but s1 now gets no
 * ore, so after the cut e's mine tier is AU for s2's 40 of 90 (44.4%) and
 * unattributed for the other 50 (55.6%); the separation tier stays s1's 50
 * and s2's 40 of 90 (CN 55.6%, MY 44.4%). The three views agree: s1 gets
 * no ore, so it passes nothing (immediate 40 of s2's recorded 40); there is
 * no spare route to e (rerouted 40) and the maximum flow is 40 too. The
 * embargo targets CN, which has no end user, so the headline is the country
 * with the largest loss: Japan, 40 of 90 (44%).
 */
static const char cut_expected[] =
    "scenario   cut Australia to China\n"
    "           AU ore no longer reaches s1\n"
    "source     hand-made\n"
    "network    Diamond\n"
    "shock      0 nodes and 1 edges taken out; embargo AU->CN; s2 capacity x0.8\n"
    "\n"
    "Japan: 90 t/yr demand; immediately 40 served (44%); with spare capacity 40; with full "
    "reallocation 40\n"
    "\n"
    "                             baseline       scenario\n"
    "demand                             90             90\n"
    "served                             90             40\n"
    "shortfall                           0             50\n"
    "shortfall share                  0.0%          55.6%\n"
    "single points of failure              2              3\n"
    "\n"
    "end users: the most each can receive alone\n"
    "  end user                     demand   baseline   scenario     change\n"
    "  e                                90         90         40        -50\n"
    "\n"
    "three views of the shock: immediate (nobody adapts), rerouted (spare capacity only),\n"
    "reallocated (best allocation, from scratch); a range is the least and the most\n"
    "over every allocation that reaches the view's total\n"
    "                                  demand  observed immediate          rerouted       "
    "reallocated\n"
    "  total                               90        90        40                40         "
    "       40\n"
    "\n"
    "  country                         demand  observed immediate          rerouted       "
    "reallocated\n"
    "  JP Japan                            90        90        40                40         "
    "       40\n"
    "\n"
    "  end user                        demand  observed immediate          rerouted       "
    "reallocated\n"
    "  e                                   90        90        40                40         "
    "       40\n"
    "\n"
    "single points of failure\n"
    "  appear:    s2\n"
    "  disappear: -\n"
    "\n"
    "origin of each end user's inflow, before -> after the shock\n"
    "  e\n"
    "    mine           AU 100.0%\n"
    "                   -> AU 44.4%, unattributed 55.6%\n"
    "    separation     CN 55.6%, MY 44.4%\n"
    "                   -> CN 55.6%, MY 44.4%\n"
    "    magnet         JP 100.0%\n"
    "                   -> JP 100.0%\n";

static void test_scenario_write(const ckp_network *net)
{
    ckp_scenario *s = NULL;
    ckp_scenario_report r;
    ckp_error err;
    ckp_buf b;
    ckp_buf_init(&b);
    memset(&r, 0, sizeof r);
    CHECK(!ckp_scenario_parse(&s, net, cut_text, strlen(cut_text), "cut.json", &err));
    CHECK(s && !ckp_scenario_run(&r, net, s, &err));
    if (!s || !r.shocked)
        goto done;

    CHECK(!ckp_scenario_write(&b, CKP_FORMAT_TEXT, net, s, &r, NULL, &err));
    CHECK_STR(b.data, cut_expected);

    /* the network's file beside its name when the caller gives it */
    ckp_buf_destroy(&b);
    ckp_scenario_write_options opts;
    ckp_scenario_write_options_init(&opts);
    opts.network_path = "diamond.json";
    CHECK(!ckp_scenario_write(&b, CKP_FORMAT_TEXT, net, s, &r, &opts, &err));
    CHECK(b.data && strstr(b.data, "\nnetwork    Diamond (diamond.json)\nshock "));

    /* JSON: 50/90 to 17 digits, 0.55555555555555558, as cJSON prints it */
    ckp_buf_destroy(&b);
    CHECK(!ckp_scenario_write(&b, CKP_FORMAT_JSON, net, s, &r, NULL, &err));
    CHECK(starts_with(b.data, "{\n\t\"schema_version\":\t1,\n\t\"scenario\":\t{\n"
                              "\t\t\"name\":\t\"cut Australia to China\",\n"));
    CHECK(b.data && strstr(b.data, "\t\t\"served\":\t40,\n\t\t\"baseline_served\":\t90,\n"
                                   "\t\t\"shortfall\":\t50,\n"
                                   "\t\t\"shortfall_share\":\t0.55555555555555558,\n"
                                   "\t\t\"immediate_served\":\t40,\n"
                                   "\t\t\"rerouted_served\":\t40,\n"
                                   "\t\t\"observed_served\":\t90,\n"));
    CHECK(b.data && strstr(b.data, "\t\t\"appear\":\t[\"s2\"],\n\t\t\"disappear\":\t[]\n"));
    /* 40/90 to 17 digits: e's mine tier after the cut */
    CHECK(b.data && strstr(b.data, "\t\t\t\"tier\":\t\"mine\",\n"
                                   "\t\t\t\"baseline\":\t{\n\t\t\t\t\"AU\":\t1\n\t\t\t},\n"
                                   "\t\t\t\"scenario\":\t{\n"
                                   "\t\t\t\t\"AU\":\t0.44444444444444442\n\t\t\t}\n"));
    CHECK(b.len > 2 && !strcmp(b.data + b.len - 2, "}\n"));

    /* no CSV form: said, and nothing written */
    ckp_buf_destroy(&b);
    CHECK_INT(ckp_scenario_write(&b, CKP_FORMAT_CSV, net, s, &r, NULL, &err), CKP_EUSAGE);
    CHECK_STR(err.message, "a scenario is written as text or json, not csv");
    CHECK_INT(b.len, 0);

    /* the origin helper alone: e at the separation tier, before the cut */
    ckp_buf_destroy(&b);
    ckp_origin_shares_write(&b, net, &r.baseline_origin, 0, 1);
    CHECK_STR(b.data, "CN 55.6%, MY 44.4%");
done:
    ckp_buf_destroy(&b);
    ckp_scenario_report_destroy(&r);
    ckp_scenario_free(s);
}

/*
 * Plan A adds m2 (US, 50) into s2 and raises e's demand to 120: s1's 60 and
 * s2's 50 reach e, 110 of 120 (0.91666666666666663), 10 short; g alone is a
 * single point of failure (m1 no longer: m2 feeds s2). Mine HHI by capacity:
 * AU 100, US 50 of 150, 10000 x (4 + 1) / 9 = 5555.5555555555547; separation
 * CN 60, MY 50 of 110, 10000 x 6100 / 12100 = 5041.3223140495866. Losing m1
 * leaves the baseline nothing (share 0) and plan A m2's 50 (50/120 =
 * 0.41666666666666669, 70 short). The views of that row: immediate 0 (m2's
 * new edge records no volume, so nothing recorded still flows), rerouted 50
 * (m2's spare 50 through s2), reallocated 50; a baseline row has none.
 */
static const char study_csv[] =
    "plan,scenario,demand,served,shortfall,served_share,spof_count,worst_redundancy,"
    "hhi_mine,hhi_separation,hhi_magnet,hhi_end_use,immediate_served,rerouted_served,"
    "reallocated_served\r\n"
    "baseline,,90,90,0,1,2,1,10000,5041.3223140495866,10000,10000,,,\r\n"
    "baseline,S1: lose m1,90,0,90,0,2,1,10000,5041.3223140495866,10000,10000,0,0,0\r\n"
    "A: a second mine,,120,110,10,0.91666666666666663,1,1,5555.5555555555547,"
    "5041.3223140495866,10000,10000,,,\r\n"
    "A: a second mine,S1: lose m1,120,50,70,0.41666666666666669,1,1,5555.5555555555547,"
    "5041.3223140495866,10000,10000,0,50,50\r\n";

static void test_study(const ckp_network *net)
{
    const char *plans[] = {CKP_TEST_DATA "/whatif/diamond-plan-a.json"};
    const char *scens[] = {CKP_TEST_DATA "/whatif/diamond-lose-m1.json"};
    ckp_study *st = NULL;
    ckp_error err;
    ckp_buf b;
    ckp_buf_init(&b);
    CHECK(!ckp_study_new(&st, net, plans, 1, scens, 1, 5000, &err));
    if (!st)
        return;
    CHECK_INT(ckp_study_plan_count(st), 1);
    CHECK_INT(ckp_study_scenario_count(st), 1);
    CHECK(ckp_study_network(st, 0) == net);
    CHECK_INT(ckp_network_node_count(ckp_study_network(st, 1)), 6);
    CHECK(ckp_study_plan_info(st, 0) == NULL);
    CHECK_STR(ckp_study_plan_info(st, 1)->name, "A: a second mine");
    CHECK_INT(ckp_study_plan_info(st, 1)->added_nodes, 1);
    CHECK_INT(ckp_study_plan_info(st, 1)->updated_nodes, 1);
    CHECK_STR(ckp_study_scenario(st, 0)->name, "S1: lose m1");
    const ckp_comparison *c = ckp_study_comparison(st);
    CHECK_INT(c->n_plans, 2);
    CHECK_INT(c->best_worst_case, 1);

    CHECK(!ckp_comparison_write(&b, CKP_FORMAT_CSV, net, c, &err));
    CHECK_STR(b.data, study_csv);

    /* text: plan A's row, 110 of 120 = 91.7%; and its served share under S1 */
    ckp_buf_destroy(&b);
    CHECK(!ckp_comparison_write(&b, CKP_FORMAT_TEXT, net, c, &err));
    CHECK(starts_with(b.data, "network    Diamond\n"
                              "plans      2 (with the baseline), scenarios 1\n\n"));
    CHECK(b.data && strstr(b.data, "\nA: a second mine        120        110   91.7%      1"
                                   "       1\n"));
    CHECK(b.data && strstr(b.data, "\nA: a second mine         50 (41.7%)\n"));
    CHECK(b.data && strstr(b.data, "\nbest in the worst case: A: a second mine\n"));

    ckp_buf_destroy(&b);
    CHECK(!ckp_comparison_write(&b, CKP_FORMAT_JSON, net, c, &err));
    CHECK(b.data && strstr(b.data, "\t\"best_worst_case\":\t\"A: a second mine\",\n"));
    CHECK(b.data && strstr(b.data, "\t\t\t\t\t\"served_share\":\t0.41666666666666669,\n"));
    ckp_buf_destroy(&b);
    ckp_study_free(st);
}

/* A plan or scenario that names no node of the baseline: the error, where it is, no study. */
static void test_study_errors(const ckp_network *net)
{
    const char *plans[] = {CKP_TEST_DATA "/whatif/diamond-plan-a.json"};
    const char *ghost[] = {CKP_TEST_DATA "/whatif/ghost.json"};
    const char *none[] = {CKP_TEST_DATA "/whatif/none.json"};
    ckp_study *st = (ckp_study *)&st; /* not NULL: the failure must reset it */
    ckp_error err;
    CHECK_INT(ckp_study_new(&st, net, plans, 1, ghost, 1, 5000, &err), CKP_EDATA);
    CHECK(st == NULL);
    CHECK_STR(err.message, "remove_nodes[0]: unknown node 'ghost_plant': the network has no "
                           "such node");
    CHECK_STR(err.file, CKP_TEST_DATA "/whatif/ghost.json");
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 20);
    CHECK_INT(ckp_study_new(&st, net, none, 1, NULL, 0, 5000, &err), CKP_ENOINPUT);
    CHECK(st == NULL);
    CHECK_STR(err.message, "cannot open '" CKP_TEST_DATA "/whatif/none.json': No such file or "
                           "directory");
    ckp_study_free(NULL);
}

int main(void)
{
    ckp_network *net = load_diamond();
    test_scenario_write(net);
    test_study(net);
    test_study_errors(net);
    ckp_network_free(net);
    return test_report("test_export_whatif");
}
