/*
 * `chokepoint check` in the library: summaries, concentration and warnings,
 * every figure worked out by hand from the network in the comment above it.
 */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/check.h"
#include "chokepoint/load.h"
#include "test.h"
#include "test_net.h"

#define EPS 1e-9

/*
 * Inline JSON with single quotes for double quotes, given a unit and a source
 * unless it has them (their absence is a warning of its own, tested apart).
 */
static ckp_network *load_text(const char *text)
{
    char *buf = malloc(strlen(text) + 64);
    if (strstr(text, "'unit'"))
        strcpy(buf, text);
    else
        sprintf(buf, "{'unit': 't', 'source': 'test', %s", text + 1);
    for (char *p = buf; *p; p++)
        if (*p == '\'')
            *p = '"';
    ckp_network *net = NULL;
    ckp_error err;
    char msg[2200];
    ckp_error_init(&err);
    CHECK_INT(ckp_load_json_buffer(&net, buf, strlen(buf), "inline.json", &err), CKP_OK);
    if (err.code)
        fprintf(stderr, "%s\n", ckp_error_format(msg, sizeof msg, &err));
    free(buf);
    return net;
}

/* The network of the last run: warnings are worded against it. */
static const ckp_network *checked;

static int run(ckp_check_report *r, const ckp_network *net)
{
    checked = net;
    ckp_error err;
    ckp_error_init(&err);
    ckp_check_report_init(r);
    if (!net)
        return 0;
    CHECK_INT(ckp_check(r, net, &err), CKP_OK);
    return err.code == CKP_OK;
}

static void tier(const ckp_check_report *r, igraph_integer_t t, igraph_integer_t nodes,
                 igraph_integer_t edges_out, igraph_integer_t countries, ckp_basis basis,
                 double total, double hhi)
{
    CHECK_INT(r->tiers[t].nodes, nodes);
    CHECK_INT(r->tiers[t].edges_out, edges_out);
    CHECK_INT(r->tiers[t].countries, countries);
    CHECK_INT(r->concentration[t].tier, t);
    CHECK_INT(r->concentration[t].nodes, nodes);
    CHECK_INT(r->concentration[t].basis, basis);
    CHECK_NEAR(r->concentration[t].total, total, EPS);
    CHECK_NEAR(r->concentration[t].hhi, hhi, 1e-6);
}

static void share(const ckp_share *s, const char *name, igraph_integer_t nodes, double amount,
                  double frac)
{
    CHECK_STR(s->name, name);
    CHECK_INT(s->nodes, nodes);
    CHECK_NEAR(s->amount, amount, EPS);
    CHECK_NEAR(s->share, frac, 1e-12);
}

static void totals(const ckp_check_report *r, igraph_integer_t nodes, igraph_integer_t edges,
                   igraph_integer_t sources, igraph_integer_t end_users,
                   igraph_integer_t countries, igraph_integer_t owners, double demand,
                   igraph_integer_t n_warnings)
{
    CHECK_INT(r->nodes, nodes);
    CHECK_INT(r->edges, edges);
    CHECK_INT(r->sources, sources);
    CHECK_INT(r->end_users, end_users);
    CHECK_INT(r->countries, countries);
    CHECK_INT(r->owners, owners);
    CHECK_NEAR(r->total_demand, demand, EPS);
    CHECK_INT(r->n_tiers, 4);
    CHECK_INT(r->n_warnings, n_warnings);
}

static void warning(ckp_check_report *r, igraph_integer_t i, ckp_warning_kind kind,
                    igraph_integer_t node, igraph_integer_t edge, const char *message)
{
    if (i >= r->n_warnings) {
        test_checks++;
        test_failures++;
        fprintf(stderr, "warning %lld missing (expected: %s)\n", (long long)i, message);
        return;
    }
    CHECK_INT(r->warnings[i].kind, kind);
    CHECK_INT(r->warnings[i].node, node);
    CHECK_INT(r->warnings[i].edge, edge);
    CHECK_STR(ckp_check_message(r, checked, i), message);
}

/*
 * diamond: m1 (AU, Lynas, cap 100) -> s1 (CN, CRE, 60) and s2 (MY, Lynas, 50), 50 and 40;
 * both -> g (JP, 200) -> e (JP, demand 90), 90. Every figure has an estimate.
 */
static void diamond(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    totals(&r, 5, 5, 1, 1, 4, 2, 90, 0);
    tier(&r, 0, 1, 2, 1, CKP_BASIS_CAPACITY, 100, 10000);
    /* separation by capacity: CN 60/110, MY 50/110; HHI (6000/110)^2 + (5000/110)^2 */
    tier(&r, 1, 2, 2, 2, CKP_BASIS_CAPACITY, 110, 61e6 / 12100);
    CHECK_NEAR(r.concentration[1].hhi, 5041.322314049587, 1e-9);
    CHECK_INT(r.concentration[1].n_countries, 2);
    share(&r.concentration[1].countries[0], "CN", 1, 60, 60.0 / 110);
    share(&r.concentration[1].countries[1], "MY", 1, 50, 50.0 / 110);
    CHECK_INT(r.concentration[1].countries[0].key, 1); /* AU 0, CN 1, MY 2, JP 3 */
    /* owners: CRE 60, Lynas 50: the same shares */
    CHECK_INT(r.concentration[1].n_owners, 2);
    share(&r.concentration[1].owners[0], "CRE", 1, 60, 60.0 / 110);
    share(&r.concentration[1].owners[1], "Lynas", 1, 50, 50.0 / 110);
    CHECK_NEAR(r.concentration[1].owner_hhi, 61e6 / 12100, 1e-6);
    tier(&r, 2, 1, 1, 1, CKP_BASIS_CAPACITY, 200, 10000);
    /* g has no owner: one "no owner" group, and no owner HHI */
    CHECK_INT(r.concentration[2].n_owners, 1);
    CHECK_INT(r.concentration[2].owners[0].key, -1);
    CHECK(r.concentration[2].owners[0].name == NULL);
    CHECK(isnan(r.concentration[2].owner_hhi));
    /* the end user has no capacity: its inflow, 90 */
    tier(&r, 3, 1, 0, 1, CKP_BASIS_VOLUME, 90, 10000);
    share(&r.concentration[3].countries[0], "JP", 1, 90, 1);
    CHECK_NEAR(r.concentration[0].owner_hhi, 10000, 1e-9);
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * recycling: cn_mine (CN, 100) 60 and au_mine (AU, 20) 20 -> sep (CN, 150) -> 100 mag (JP)
 * -> 100 ev (JP, demand 100) -> 20 back to sep.
 */
static void recycling(void)
{
    ckp_network *net = test_load_small("recycling.json");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    totals(&r, 5, 5, 2, 1, 3, 0, 100, 2);
    /* mines: CN 100/120, AU 20/120; HHI (1e8 + 4e6) / 14400 */
    tier(&r, 0, 2, 2, 2, CKP_BASIS_CAPACITY, 120, 104e6 / 14400);
    CHECK_NEAR(r.concentration[0].hhi, 7222.222222222222, 1e-9);
    share(&r.concentration[0].countries[0], "CN", 1, 100, 100.0 / 120);
    share(&r.concentration[0].countries[1], "AU", 1, 20, 20.0 / 120);
    tier(&r, 1, 1, 1, 1, CKP_BASIS_CAPACITY, 150, 10000);
    /* mag has no capacity: its outflow */
    tier(&r, 2, 1, 1, 1, CKP_BASIS_VOLUME, 100, 10000);
    /* ev's edge back to sep counts as an edge out of the end-use tier */
    tier(&r, 3, 1, 1, 1, CKP_BASIS_VOLUME, 100, 10000);
    CHECK(isnan(r.concentration[0].owner_hhi));
    warning(&r, 0, CKP_WARN_AGAINST_TIERS, -1, 4,
            "edge 'ev' -> 'sep' runs against tier order (end_use -> separation)");
    warning(&r, 1, CKP_WARN_CYCLE, 2, -1, "cycle 'sep' -> 'mag' -> 'ev' -> 'sep'");
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * single-magnet: ma (CN, 100) 70 -> sa (CN, 80) 70 -> mag (JP, 100); mb (US, 50) 30 ->
 * sb (US, 40) 30 -> mag; mag 60 -> e1 (demand 60), 40 -> e2 (demand 50).
 */
static void single_magnet(void)
{
    ckp_network *net = test_load_small("single-magnet.json");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    totals(&r, 7, 6, 2, 2, 3, 0, 110, 1);
    /* 2/3 and 1/3 in both tiers: HHI (200/3)^2 + (100/3)^2 = 50000/9 */
    tier(&r, 0, 2, 2, 2, CKP_BASIS_CAPACITY, 150, 50000.0 / 9);
    tier(&r, 1, 2, 2, 2, CKP_BASIS_CAPACITY, 120, 50000.0 / 9);
    share(&r.concentration[1].countries[0], "CN", 1, 80, 2.0 / 3);
    share(&r.concentration[1].countries[1], "US", 1, 40, 1.0 / 3);
    tier(&r, 2, 1, 2, 1, CKP_BASIS_CAPACITY, 100, 10000);
    /* two end users in one country: one share of 60 + 40 */
    tier(&r, 3, 2, 0, 1, CKP_BASIS_VOLUME, 100, 10000);
    CHECK_INT(r.concentration[3].n_countries, 1);
    share(&r.concentration[3].countries[0], "JP", 2, 100, 1);
    warning(&r, 0, CKP_WARN_SHORT_INFLOW, 6, -1,
            "end user 'e2' receives 40, short of its demand of 50");
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * transshipment: cn_mine (CN, 100) 60 -> cn_sep (CN, 100), 30 -> vn_sep (VN, 30);
 * au_mine (AU, 20) 20 -> my_sep (MY, 20); all three -> jp_mag (JP) 110 -> jp_ev (110).
 */
static void transshipment(void)
{
    ckp_network *net = test_load_small("transshipment.json");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    totals(&r, 7, 7, 2, 1, 5, 0, 110, 0);
    tier(&r, 0, 2, 3, 2, CKP_BASIS_CAPACITY, 120, 104e6 / 14400);
    /* separation: CN 100/150, VN 30/150, MY 20/150; HHI (1e8 + 9e6 + 4e6) / 22500 */
    tier(&r, 1, 3, 3, 3, CKP_BASIS_CAPACITY, 150, 113e6 / 22500);
    CHECK_NEAR(r.concentration[1].hhi, 5022.222222222222, 1e-9);
    CHECK_INT(r.concentration[1].n_countries, 3);
    share(&r.concentration[1].countries[0], "CN", 1, 100, 100.0 / 150);
    share(&r.concentration[1].countries[1], "VN", 1, 30, 0.2);
    share(&r.concentration[1].countries[2], "MY", 1, 20, 20.0 / 150);
    tier(&r, 2, 1, 1, 1, CKP_BASIS_VOLUME, 110, 10000);
    tier(&r, 3, 1, 0, 1, CKP_BASIS_VOLUME, 110, 10000);
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * Every warning kind. Nodes 0..5: m (mine, CN, cap 10, source), m_idle (mine), s (sep, CN,
 * cap 5, estimate), s_orphan (sep), u (use, demand 20, no source), u2 (use).
 * Edges 0..3: m -> s 8 (source); s -> u 8, cap 6 (estimate); u -> u2 1; u2 -> s 0.
 */
static void warnings(void)
{
    ckp_network *net = load_text(
        "{'tiers': ['mine', 'sep', 'use'], 'nodes': ["
        "{'id': 'm', 'tier': 'mine', 'country': 'CN', 'capacity': 10, 'source': 'x'},"
        "{'id': 'm_idle', 'tier': 'mine', 'country': 'AU'},"
        "{'id': 's', 'tier': 'sep', 'country': 'CN', 'capacity': 5, 'estimate': 'e'},"
        "{'id': 's_orphan', 'tier': 'sep', 'country': 'JP'},"
        "{'id': 'u', 'tier': 'use', 'country': 'JP', 'demand': 20},"
        "{'id': 'u2', 'tier': 'use', 'country': 'US'}],"
        "'edges': ["
        "{'from': 'm', 'to': 's', 'volume': 8, 'source': 'x'},"
        "{'from': 's', 'to': 'u', 'volume': 8, 'capacity': 6, 'estimate': 'e'},"
        "{'from': 'u', 'to': 'u2', 'volume': 1},"
        "{'from': 'u2', 'to': 's'}]}");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    CHECK_INT(r.n_warnings, 10);
    warning(&r, 0, CKP_WARN_NO_SUPPLIER, 3, -1, "node 's_orphan' (sep) has no supplier");
    warning(&r, 1, CKP_WARN_NO_CUSTOMER, 1, -1, "node 'm_idle' (mine) has no customer");
    warning(&r, 2, CKP_WARN_NO_CUSTOMER, 3, -1, "node 's_orphan' (sep) has no customer");
    warning(&r, 3, CKP_WARN_AGAINST_TIERS, -1, 3,
            "edge 'u2' -> 's' runs against tier order (use -> sep)");
    warning(&r, 4, CKP_WARN_CYCLE, 2, -1, "cycle 's' -> 'u' -> 'u2' -> 's'");
    warning(&r, 5, CKP_WARN_OVER_CAPACITY, 2, -1, "node 's' moves 8, over its capacity of 5");
    warning(&r, 6, CKP_WARN_OVER_CAPACITY, -1, 1,
            "edge 's' -> 'u' carries 8, over its capacity of 6");
    warning(&r, 7, CKP_WARN_SHORT_INFLOW, 4, -1,
            "end user 'u' receives 8, short of its demand of 20");
    warning(&r, 8, CKP_WARN_NO_SOURCE, 4, -1,
            "node 'u' has figures but no \"source\" or \"estimate\"");
    warning(&r, 9, CKP_WARN_NO_SOURCE, -1, 2,
            "edge 'u' -> 'u2' has figures but no \"source\" or \"estimate\"");
    /* u's demand is given (20); u2 has none, so its inflow (1) */
    CHECK_NEAR(r.total_demand, 21, EPS);
    CHECK_INT(r.sources, 2);
    CHECK_INT(r.end_users, 2);
    /* sep: s has a capacity, s_orphan none: volume basis, outflow s 8, s_orphan 0 */
    CHECK_INT(r.concentration[1].basis, CKP_BASIS_VOLUME);
    CHECK_NEAR(r.concentration[1].total, 8, EPS);
    CHECK_NEAR(r.concentration[1].hhi, 10000, 1e-9);
    CHECK_INT(r.concentration[1].n_countries, 2);
    share(&r.concentration[1].countries[0], "CN", 1, 8, 1);
    share(&r.concentration[1].countries[1], "JP", 1, 0, 0);
    /* use: inflow u 8, u2 1: JP 8/9, US 1/9; HHI (800/9)^2 + (100/9)^2 = 650000/81 */
    CHECK_NEAR(r.concentration[2].hhi, 650000.0 / 81, 1e-6);
    share(&r.concentration[2].countries[0], "JP", 1, 8, 8.0 / 9);
    share(&r.concentration[2].countries[1], "US", 1, 1, 1.0 / 9);
    /* mine: m 8, m_idle 0 (no capacity on m_idle: volume basis) */
    CHECK_INT(r.concentration[0].basis, CKP_BASIS_VOLUME);
    CHECK_NEAR(r.concentration[0].hhi, 10000, 1e-9);
    CHECK_INT(r.tiers[2].edges_out, 2);
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

static void kind_names(void)
{
    static const char *const names[] = {"no-supplier", "no-customer", "against-tiers", "cycle",
                                        "over-capacity", "short-inflow", "no-source",
                                        "tier-order",    "tier-flow",    "no-metadata",
                                        "recipe-volume"};
    CHECK_INT(CKP_WARN_KIND_COUNT, 11);
    for (int k = 0; k < CKP_WARN_KIND_COUNT; k++)
        CHECK_STR(ckp_warning_kind_name((ckp_warning_kind)k), names[k]);
    CHECK_STR(ckp_warning_kind_name(CKP_WARN_KIND_COUNT), "unknown");
    CHECK_STR(ckp_basis_name(CKP_BASIS_CAPACITY), "capacity");
    CHECK_STR(ckp_basis_name(CKP_BASIS_VOLUME), "volume");
    CHECK_STR(ckp_basis_name(CKP_BASIS_NONE), "none");
}

/*
 * Cycles: one warning per strongly connected component, naming a shortest cycle
 * through the component's first node. {a, b, c}: a -> b -> a and b -> c -> a; {d, e}.
 */
static void cycles(void)
{
    ckp_network *net = load_text(
        "{'tiers': ['x', 'y'], 'nodes': ["
        "{'id': 'a', 'tier': 'x', 'country': 'ZZ'}, {'id': 'b', 'tier': 'y', 'country': 'ZZ'},"
        "{'id': 'c', 'tier': 'y', 'country': 'ZZ'}, {'id': 'd', 'tier': 'x', 'country': 'ZZ'},"
        "{'id': 'e', 'tier': 'y', 'country': 'ZZ'}],"
        "'edges': [{'from': 'a', 'to': 'b'}, {'from': 'b', 'to': 'a'}, {'from': 'b', 'to': 'c'},"
        "{'from': 'c', 'to': 'a'}, {'from': 'd', 'to': 'e'}, {'from': 'e', 'to': 'd'}]}");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    CHECK_INT(r.n_warnings, 5);
    warning(&r, 0, CKP_WARN_AGAINST_TIERS, -1, 1, "edge 'b' -> 'a' runs against tier order (y -> x)");
    warning(&r, 1, CKP_WARN_AGAINST_TIERS, -1, 3, "edge 'c' -> 'a' runs against tier order (y -> x)");
    warning(&r, 2, CKP_WARN_AGAINST_TIERS, -1, 5, "edge 'e' -> 'd' runs against tier order (y -> x)");
    /* which component comes first is igraph's numbering; look for both */
    int found_abc = 0, found_de = 0;
    for (igraph_integer_t i = 3; i < r.n_warnings; i++) {
        CHECK_INT(r.warnings[i].kind, CKP_WARN_CYCLE);
        if (!strcmp(ckp_check_message(&r, checked, i),
                    "cycle 'a' -> 'b' -> 'a' (one of the cycles among 3 nodes)"))
            found_abc += r.warnings[i].node == 0;
        if (!strcmp(ckp_check_message(&r, checked, i), "cycle 'd' -> 'e' -> 'd'"))
            found_de += r.warnings[i].node == 3;
    }
    CHECK_INT(found_abc, 1);
    CHECK_INT(found_de, 1);
    /* no figures anywhere: every tier's basis is none, with HHI 0 and shares 0 */
    CHECK_INT(r.concentration[0].basis, CKP_BASIS_NONE);
    CHECK_NEAR(r.concentration[0].total, 0, 0);
    CHECK_NEAR(r.concentration[0].hhi, 0, 0);
    share(&r.concentration[0].countries[0], "ZZ", 2, 0, 0);
    CHECK_NEAR(r.total_demand, 0, 0);
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * Concentration details: ties sort by country code; owner shares are of the tier's
 * total, and the owner HHI sums only the nodes that have an owner.
 * Mines: p (CN, cap 50, owner X), q (AU, cap 50, no owner), r (AU, cap 0, owner X).
 */
static void concentration_details(void)
{
    ckp_network *net = load_text(
        "{'tiers': ['mine', 'use'], 'nodes': ["
        "{'id': 'p', 'tier': 'mine', 'country': 'CN', 'capacity': 50, 'owner': 'X', 'source': 's'},"
        "{'id': 'q', 'tier': 'mine', 'country': 'AU', 'capacity': 50, 'source': 's'},"
        "{'id': 'r', 'tier': 'mine', 'country': 'AU', 'capacity': 0, 'owner': 'X', 'source': 's'},"
        "{'id': 'u', 'tier': 'use', 'country': 'JP', 'capacity': 7, 'source': 's'}],"
        "'edges': [{'from': 'p', 'to': 'u', 'volume': 3, 'source': 's'},"
        "{'from': 'q', 'to': 'u', 'volume': 2, 'source': 's'}]}");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    CHECK_INT(r.n_warnings, 1);
    warning(&r, 0, CKP_WARN_NO_CUSTOMER, 2, -1, "node 'r' (mine) has no customer");
    const ckp_tier_concentration *c = &r.concentration[0];
    CHECK_INT(c->basis, CKP_BASIS_CAPACITY);
    CHECK_NEAR(c->total, 100, 0);
    /* AU 50 (q + r) and CN 50 tie: AU first by code; HHI 50^2 + 50^2 */
    CHECK_NEAR(c->hhi, 5000, 1e-9);
    CHECK_INT(c->n_countries, 2);
    share(&c->countries[0], "AU", 2, 50, 0.5);
    share(&c->countries[1], "CN", 1, 50, 0.5);
    CHECK_INT(c->countries[0].key, 1);
    CHECK_INT(c->countries[1].key, 0);
    /* owners: X 50 (p + r), no owner 50 (q): X first among equals; owner HHI 50^2 */
    CHECK_INT(c->n_owners, 2);
    share(&c->owners[0], "X", 2, 50, 0.5);
    CHECK(c->owners[1].name == NULL);
    CHECK_INT(c->owners[1].key, -1);
    CHECK_INT(c->owners[1].nodes, 1);
    CHECK_NEAR(c->owners[1].share, 0.5, 1e-12);
    CHECK_NEAR(c->owner_hhi, 2500, 1e-9);
    /* the end user has a capacity: capacity basis even for the last tier */
    CHECK_INT(r.concentration[1].basis, CKP_BASIS_CAPACITY);
    CHECK_NEAR(r.concentration[1].total, 7, 0);
    /* no demand given: the inflow 3 + 2 */
    CHECK_NEAR(r.total_demand, 5, 0);
    CHECK_INT(r.tiers[0].countries, 2);
    CHECK_INT(r.owners, 1);
    /* a report can be destroyed twice */
    ckp_check_report_destroy(&r);
    CHECK_INT(r.n_warnings, 0);
    CHECK(r.warnings == NULL);
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

/* Slack: rounding is not a gap; anything past one part in a billion is. */
static void slack(void)
{
    ckp_network *net = load_text(
        "{'tiers': ['mine', 'use'], 'nodes': ["
        "{'id': 'm', 'tier': 'mine', 'country': 'CN', 'capacity': 0.3, 'source': 's'},"
        "{'id': 'n', 'tier': 'mine', 'country': 'CN', 'capacity': 1, 'source': 's'},"
        "{'id': 'u', 'tier': 'use', 'country': 'JP', 'demand': 0.30000000000000004, "
        "'source': 's'},"
        "{'id': 'v', 'tier': 'use', 'country': 'JP', 'demand': 1, 'source': 's'}],"
        "'edges': [{'from': 'm', 'to': 'u', 'volume': 0.30000000000000004, 'source': 's'},"
        "{'from': 'n', 'to': 'v', 'volume': 1.000001, 'source': 's'}]}");
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    /* m: 0.30000000000000004 against 0.3 is rounding; n: 1.000001 over 1 is not */
    CHECK_INT(r.n_warnings, 1);
    warning(&r, 0, CKP_WARN_OVER_CAPACITY, 1, -1,
            "node 'n' moves 1.000001, over its capacity of 1");
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

static void network_warnings(void)
{
    /* no unit, no source; the only edge runs backwards, so the first tier sends nothing */
    const char *text = "{\"unit\": \"\", \"tiers\": [\"a\", \"b\"], \"nodes\": ["
                       "{\"id\": \"x\", \"tier\": \"a\", \"country\": \"CN\"},"
                       "{\"id\": \"y\", \"tier\": \"b\", \"country\": \"JP\"}],"
                       "\"edges\": [{\"from\": \"y\", \"to\": \"x\", \"volume\": 5}]}";
    ckp_network *net = NULL;
    ckp_error err;
    CHECK_INT(ckp_load_json_buffer(&net, text, strlen(text), "n.json", &err), CKP_OK);
    ckp_check_report r;
    if (!run(&r, net))
        goto done;
    /* no-supplier y, no-customer x, against-tiers, no-source, then the network's four */
    CHECK_INT(r.n_warnings, 8);
    warning(&r, 4, CKP_WARN_TIER_FLOW, -1, -1,
            "the first tier 'a' sends nothing on: is the tier order right?");
    warning(&r, 5, CKP_WARN_TIER_FLOW, -1, -1,
            "the end users (tier 'b') receive nothing: is the tier order right?");
    warning(&r, 6, CKP_WARN_NO_METADATA, -1, -1,
            "the network has no unit: give one (\"unit\", or --unit for CSV)");
    warning(&r, 7, CKP_WARN_NO_METADATA, -1, -1,
            "the network has no source: give one (\"source\", or --source for CSV)");
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
    /* a CSV network without --tiers says how its order was found */
    const char *nodes = "id,tier,country\nu,use,JP\nm,mine,AU\n", *edges = "from,to\nm,u\n";
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.unit = "t";
    opts.source = "test";
    net = NULL;
    CHECK_INT(ckp_load_csv_buffers(&net, nodes, strlen(nodes), "n.csv", edges, strlen(edges),
                                   "e.csv", &opts, &err),
              CKP_OK);
    if (!run(&r, net))
        goto done;
    CHECK_INT(r.n_warnings, 1);
    warning(&r, 0, CKP_WARN_TIER_ORDER, -1, -1,
            "the tier order was inferred from the edges: mine, use (--tiers sets it)");
done:
    ckp_check_report_destroy(&r);
    ckp_network_free(net);
}

int main(void)
{
    network_warnings();
    diamond();
    recycling();
    single_magnet();
    transshipment();
    warnings();
    kind_names();
    cycles();
    concentration_details();
    slack();
    return test_report("test_check");
}
