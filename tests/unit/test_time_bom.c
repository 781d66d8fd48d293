/*
 * Time on networks with materials (time_bom.c): stocks, lost demand and time to survive
 * on the LP with recipes, worked by hand (rates of 365 t/yr are 1 t a day), and the LP
 * against the maximum-flow path on one network written in both formats.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/load.h"
#include "chokepoint/materials.h"
#include "chokepoint/stress.h"
#include "test.h"
#include "test_net.h"

#define over test_time_over

static const ckp_time_entry *entry(const ckp_time_entry *e, igraph_integer_t n, const char *name)
{
    for (igraph_integer_t i = 0; i < n; i++)
        if (!strcmp(e[i].name, name))
            return &e[i];
    fprintf(stderr, "no entry '%s'\n", name);
    exit(1);
}

static const ckp_stress_row *row(const ckp_stress *s, ckp_stress_kind kind, const char *id)
{
    for (igraph_integer_t i = 0; i < s->n; i++)
        if (s->rows[i].kind == kind && !strcmp(s->rows[i].id, id))
            return &s->rows[i];
    fprintf(stderr, "no row '%s'\n", id);
    exit(1);
}

/*
 * Australian NdPr (365 t/yr) and Chinese Dy/Tb (36.5 t/yr, TTR 40 days, through a
 * trader holding `%s` t) make magnets in Japan (1 NdPr + 0.1 Dy/Tb each, 365 t/yr) for
 * the EV maker (365 t/yr, 30 t of magnets in stock: 30 days).
 */
static const char *const magnets_fmt =
    "{'materials': [{'id': 'ndpr'}, {'id': 'dytb'}, {'id': 'magnet'}],"
    " 'tiers': ['mine', 'trade', 'magnet', 'use'],"
    " 'nodes': ["
    "  {'id': 'nd', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr', 'capacity': 365},"
    "  {'id': 'dy', 'tier': 'mine', 'country': 'CN', 'output': 'dytb', 'capacity': 36.5,"
    "   'ttr_days': 40},"
    "  {'id': 'trader', 'tier': 'trade', 'country': 'SG', 'stock': %s},"
    "  {'id': 'mag', 'tier': 'magnet', 'country': 'JP', 'capacity': 365,"
    "   'recipe': {'ndpr': 1, 'dytb': 0.1}, 'output': 'magnet'},"
    "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 365, 'stock': 30}],"
    " 'edges': ["
    "  {'from': 'nd', 'to': 'mag'}, {'from': 'dy', 'to': 'trader'},"
    "  {'from': 'trader', 'to': 'mag'}, {'from': 'mag', 'to': 'ev'}]}";

static ckp_network *magnets(const char *trader_stock)
{
    char text[2048];
    snprintf(text, sizeof text, magnets_fmt, trader_stock);
    return test_load_text(text);
}

static void test_stock_by_hand(void)
{
    ckp_network *net = magnets("0");
    CHECK(ckp_network_has_bom(net));
    /* China's Dy/Tb lost for 20 days: the EV maker's 30 days of magnets carry it through */
    ckp_time_report r = over(net, "{\"remove_nodes\": [\"dy\"]}", 20);
    const ckp_time_entry *e = entry(r.end_users, r.n_end_users, "ev");
    CHECK_NEAR(e->demand, 20, 1e-9);
    CHECK_NEAR(e->lost, 0, 1e-9);
    CHECK_NEAR(e->tts_days, 30, 0.005);
    ckp_time_report_destroy(&r);
    /* for 40 days: 10 days without magnets, 10 t; it runs short on day 30 */
    r = over(net, "{\"remove_nodes\": [\"dy\"]}", 40);
    e = entry(r.end_users, r.n_end_users, "ev");
    CHECK_NEAR(e->lost, 10, 1e-9);
    CHECK_NEAR(e->tts_days, 30, 0.005);
    CHECK_NEAR(entry(r.countries, r.n_countries, "JP")->lost, 10, 1e-9);
    CHECK_NEAR(r.lost, 10, 1e-9);
    ckp_time_report_destroy(&r);
    /* NdPr lost instead, and nothing lost: never short */
    r = over(net, "{\"remove_nodes\": [\"nd\"]}", 40);
    CHECK_NEAR(r.lost, 10, 1e-9);
    ckp_time_report_destroy(&r);
    r = over(net, "{}", 40);
    CHECK_NEAR(r.lost, 0, 1e-9);
    CHECK(isnan(r.tts_days));
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
    /*
     * 2 t of Dy/Tb at the trader make 20 days of magnets (0.1 t a day), then the EV
     * maker's own 30: short on day 50, 10 t lost over 60 days. The stock upstream
     * serves only through the recipe: the trader's Dy/Tb needs Australia's NdPr.
     */
    net = magnets("2");
    r = over(net, "{\"remove_nodes\": [\"dy\"]}", 60);
    e = entry(r.end_users, r.n_end_users, "ev");
    CHECK_NEAR(e->lost, 10, 1e-9);
    CHECK_NEAR(e->tts_days, 50, 0.005);
    ckp_time_report_destroy(&r);
    r = over(net, "{\"remove_nodes\": [\"dy\", \"nd\"]}", 60);
    e = entry(r.end_users, r.n_end_users, "ev");
    CHECK_NEAR(e->lost, 30, 1e-9); /* no NdPr: the Dy/Tb stock is of no use */
    CHECK_NEAR(e->tts_days, 30, 0.005);
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * Every node and country lost for its TTR (90 days unless given), no trader stock:
 * China's Dy/Tb for 40 days loses 40 - 30 = 10 t and the EV maker is short on day 30
 * (exposed: 30 < 40); NdPr, the trader or the plant for 90 days lose 60 t each, short
 * on day 30; the EV maker lost loses its 90 days of demand, its stock with it, short at
 * once. Japan (the plant and the EV maker, TTR 90) as the EV maker.
 */
static void test_stress_by_hand(void)
{
    ckp_network *net = magnets("0");
    ckp_stress s;
    ckp_error err;
    CHECK(ckp_stress_run(&s, net, NULL, 1, &err) == CKP_OK);
    CHECK_NEAR(s.group_rate, 365, 1e-9);
    const ckp_stress_row *r = row(&s, CKP_STRESS_NODE, "dy");
    CHECK_NEAR(r->ttr_days, 40, 0);
    CHECK_NEAR(r->lost, 10, 1e-9);
    CHECK_NEAR(r->tts_days, 30, 0.005);
    CHECK(r->exposed);
    CHECK_NEAR(r->rei, 10.0 / 90, 1e-9);
    static const char *const sixty[] = {"nd", "trader", "mag"};
    for (int k = 0; k < 3; k++) {
        r = row(&s, CKP_STRESS_NODE, sixty[k]);
        CHECK_NEAR(r->lost, 60, 1e-9);
        CHECK_NEAR(r->tts_days, 30, 0.005);
    }
    r = row(&s, CKP_STRESS_NODE, "ev");
    CHECK_NEAR(r->lost, 90, 1e-9);
    CHECK_NEAR(r->tts_days, 0, 0.005);
    CHECK_NEAR(r->rei, 1, 0);
    r = row(&s, CKP_STRESS_COUNTRY, "JP");
    CHECK_NEAR(r->lost, 90, 1e-9);
    CHECK_NEAR(r->tts_days, 0, 0.005);
    r = row(&s, CKP_STRESS_COUNTRY, "CN");
    CHECK_NEAR(r->lost, 10, 1e-9);
    CHECK_STR(s.rows[0].id, "JP"); /* 90 lost, ties by id: JP before ev */
    ckp_stress_destroy(&s);
    ckp_network_free(net);
}

/*
 * An end user with a recipe and a stock of what it makes: 30 days, then nothing
 * without Dy/Tb. Its stock bypasses its capacity (here 100 t/yr, its rate unshocked).
 */
static void test_recipe_end_user(void)
{
    ckp_network *net = test_load_text(
        "{'materials': [{'id': 'ndpr'}, {'id': 'dytb'}],"
        " 'tiers': ['mine', 'use'],"
        " 'nodes': ["
        "  {'id': 'nd', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr'},"
        "  {'id': 'dy', 'tier': 'mine', 'country': 'CN', 'output': 'dytb'},"
        "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 365, 'capacity': 100,"
        "   'stock': 30, 'recipe': {'ndpr': 1, 'dytb': 0.1}}],"
        " 'edges': [{'from': 'nd', 'to': 'ev'}, {'from': 'dy', 'to': 'ev'}]}");
    /*
     * Unshocked: 100 t/yr and 30 t of stock, capped by demand 365 t/yr: over 40 days
     * 100 x 40/365 + 30 = 40.96 t of 40 demanded: nothing lost of the unshocked rate.
     * Dy/Tb lost: the stock's 30 t only; lost = (40 - 30) - (40 - 40) = 10. Its rate
     * unshocked, 100 t/yr, lasts 30 / (100/365) = 109.5 days on the stock.
     */
    ckp_time_report r = over(net, "{\"remove_nodes\": [\"dy\"]}", 40);
    const ckp_time_entry *e = entry(r.end_users, r.n_end_users, "ev");
    CHECK_NEAR(e->lost, 10, 1e-9);
    CHECK_NEAR(e->tts_days, 109.5, 0.005);
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * One network in both formats, stocks at a mine, a trader and an end user: version 1 on
 * the maximum flow, version 2 (one material, a recipe of 1 at each end user) on the LP.
 */
static const char *const both[2] = {
    "{'tiers': ['mine', 'trade', 'use'],"
    " 'nodes': ["
    "  {'id': 'm1', 'tier': 'mine', 'country': 'AU', 'capacity': 365},"
    "  {'id': 'm2', 'tier': 'mine', 'country': 'CA', 'capacity': 73, 'stock': 2,"
    "   'ttr_days': 20},"
    "  {'id': 't1', 'tier': 'trade', 'country': 'SG', 'capacity': 300, 'stock': 5},"
    "  {'id': 'e1', 'tier': 'use', 'country': 'JP', 'demand': 365, 'stock': 30},"
    "  {'id': 'e2', 'tier': 'use', 'country': 'KR', 'demand': 100}],"
    " 'edges': [{'from': 'm1', 'to': 't1'}, {'from': 't1', 'to': 'e1'},"
    "  {'from': 'm1', 'to': 'e2', 'capacity': 50}, {'from': 'm2', 'to': 'e2'},"
    "  {'from': 'm2', 'to': 't1'}]}",
    "{'format': 'chokepoint-network/2', 'materials': [{'id': 'ore'}],"
    " 'tiers': ['mine', 'trade', 'use'],"
    " 'nodes': ["
    "  {'id': 'm1', 'tier': 'mine', 'country': 'AU', 'capacity': 365, 'output': 'ore'},"
    "  {'id': 'm2', 'tier': 'mine', 'country': 'CA', 'capacity': 73, 'stock': 2,"
    "   'ttr_days': 20, 'output': 'ore'},"
    "  {'id': 't1', 'tier': 'trade', 'country': 'SG', 'capacity': 300, 'stock': 5},"
    "  {'id': 'e1', 'tier': 'use', 'country': 'JP', 'demand': 365, 'stock': 30,"
    "   'recipe': {'ore': 1}},"
    "  {'id': 'e2', 'tier': 'use', 'country': 'KR', 'demand': 100, 'recipe': {'ore': 1}}],"
    " 'edges': [{'from': 'm1', 'to': 't1'}, {'from': 't1', 'to': 'e1'},"
    "  {'from': 'm1', 'to': 'e2', 'capacity': 50}, {'from': 'm2', 'to': 'e2'},"
    "  {'from': 'm2', 'to': 't1'}]}"};

static void same_entries(const ckp_time_entry *a, const ckp_time_entry *b, igraph_integer_t n)
{
    for (igraph_integer_t i = 0; i < n; i++) {
        CHECK_STR(b[i].name, a[i].name);
        CHECK_NEAR(b[i].lost, a[i].lost, 1e-6);
        CHECK(isnan(a[i].tts_days) == isnan(b[i].tts_days));
        if (!isnan(a[i].tts_days))
            CHECK_NEAR(b[i].tts_days, a[i].tts_days, 0.011);
    }
}

static void test_both_formats(void)
{
    ckp_network *v1 = test_load_text(both[0]), *v2 = test_load_text(both[1]);
    ckp_error err;
    CHECK(!ckp_network_has_bom(v1));
    CHECK(ckp_network_has_bom(v2));
    static const char *const scenarios[] = {"{\"remove_nodes\": [\"m1\"]}",
                                            "{\"remove_nodes\": [\"t1\"]}",
                                            "{\"remove_countries\": [\"CA\"]}"};
    static const double days[] = {10, 45, 200};
    for (int k = 0; k < 3; k++)
        for (int d = 0; d < 3; d++) {
            ckp_time_report a = over(v1, scenarios[k], days[d]);
            ckp_time_report b = over(v2, scenarios[k], days[d]);
            CHECK_NEAR(b.lost, a.lost, 1e-6);
            CHECK_INT(b.n_end_users, a.n_end_users);
            same_entries(a.end_users, b.end_users, a.n_end_users);
            same_entries(a.countries, b.countries, a.n_countries);
            ckp_time_report_destroy(&a);
            ckp_time_report_destroy(&b);
        }
    ckp_stress sa, sb;
    CHECK(ckp_stress_run(&sa, v1, NULL, 1, &err) == CKP_OK);
    CHECK(ckp_stress_run(&sb, v2, NULL, 1, &err) == CKP_OK);
    CHECK_INT(sb.n, sa.n);
    for (igraph_integer_t i = 0; i < sa.n && i < sb.n; i++) {
        const ckp_stress_row *r = row(&sb, sa.rows[i].kind, sa.rows[i].id);
        CHECK_NEAR(r->lost, sa.rows[i].lost, 1e-6);
        CHECK(isnan(r->tts_days) == isnan(sa.rows[i].tts_days));
        if (!isnan(r->tts_days))
            CHECK_NEAR(r->tts_days, sa.rows[i].tts_days, 0.011);
    }
    ckp_stress_destroy(&sa);
    ckp_stress_destroy(&sb);
    ckp_network_free(v1);
    ckp_network_free(v2);
}

int main(void)
{
    test_stock_by_hand();
    test_stress_by_hand();
    test_recipe_end_user();
    test_both_formats();
    return test_report("test_time_bom");
}
