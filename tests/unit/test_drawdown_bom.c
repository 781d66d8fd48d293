/*
 * The immediate view over time on networks with materials (drawdown_bom.c), worked by
 * hand (rates of 365 t/yr are 1 t a day), and against the one-material path
 * (drawdown.c) on random networks written in both formats.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/chart.h"
#include "chokepoint/materials.h"
#include "chokepoint/stress.h"
#include "test.h"
#include "test_net.h"
#include "xorshift.h"

#define over test_time_over

static const ckp_time_entry *entry(const ckp_time_report *r, const char *name)
{
    for (igraph_integer_t i = 0; i < r->n_end_users; i++)
        if (!strcmp(r->end_users[i].name, name))
            return &r->end_users[i];
    fprintf(stderr, "no end user '%s'\n", name);
    exit(1);
}

static int noted(const ckp_time_report *r, const char *text)
{
    for (igraph_integer_t i = 0; i < r->notes.n; i++)
        if (strstr(r->notes.items[i], text))
            return 1;
    return 0;
}

/*
 * A magnet plant needing NdPr 1 and Dy/Tb 0.07 per t (365 t/yr of magnets from 365 t of
 * NdPr and 25.55 t of Dy/Tb) with 30 t of magnets in stock: 30 days of its outflow.
 */
static const char *const magnet_plant =
    "{'materials': [{'id': 'ndpr'}, {'id': 'dytb'}, {'id': 'magnet'}],"
    " 'tiers': ['mine', 'magnet', 'use'],"
    " 'nodes': ["
    "  {'id': 'nd', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr', 'capacity': 365},"
    "  {'id': 'dy', 'tier': 'mine', 'country': 'CN', 'output': 'dytb', 'capacity': 25.55},"
    "  {'id': 'mag', 'tier': 'magnet', 'country': 'JP', 'capacity': 365, 'stock': 30,"
    "   'recipe': {'ndpr': 1, 'dytb': 0.07}, 'output': 'magnet'},"
    "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 365}],"
    " 'edges': ["
    "  {'from': 'nd', 'to': 'mag', 'volume': 365}, {'from': 'dy', 'to': 'mag', 'volume': 25.55},"
    "  {'from': 'mag', 'to': 'ev', 'volume': 365}]}";

static void test_magnet_plant(void)
{
    ckp_network *net = test_load_text(magnet_plant);
    /* Dy/Tb cut: the plant makes nothing and ships 1 t a day from stock for 30 days */
    ckp_time_report r = over(net, "{\"remove_nodes\": [\"dy\"]}", 20);
    CHECK(entry(&r, "ev")->lost_immediate == 0);
    CHECK_NEAR(entry(&r, "ev")->tts_immediate_days, 30, 1e-9);
    CHECK(r.lost_immediate == 0);
    CHECK(r.notes.n == 0);
    ckp_time_report_destroy(&r);
    r = over(net, "{\"remove_nodes\": [\"dy\"]}", 40);
    CHECK_NEAR(entry(&r, "ev")->lost_immediate, 10, 1e-9);
    CHECK_NEAR(entry(&r, "ev")->tts_immediate_days, 30, 1e-9);
    CHECK_NEAR(r.lost_immediate, 10, 1e-9);
    CHECK_NEAR(r.tts_immediate_days, 30, 1e-9);
    /* the reallocated view agrees here: one plant, one customer */
    CHECK_NEAR(r.lost, 10, 1e-9);
    ckp_time_report_destroy(&r);
    /*
     * Dy/Tb halved: the scarcest input makes half, the stock tops up the other half
     * (0.5 t a day): 60 days; over 90 the last 30 lose 0.5 t a day, 15 t. NdPr in full
     * changes nothing: the recipe keeps the scarcest input's share.
     */
    r = over(net, "{\"capacity\": [{\"node\": \"dy\", \"factor\": 0.5}]}", 90);
    CHECK_NEAR(entry(&r, "ev")->lost_immediate, 15, 1e-9);
    CHECK_NEAR(entry(&r, "ev")->tts_immediate_days, 60, 1e-9);
    ckp_time_report_destroy(&r);
    /* the plant itself lost: its stock with it, short at once, 40 t over 40 days */
    r = over(net, "{\"remove_nodes\": [\"mag\"]}", 40);
    CHECK_NEAR(entry(&r, "ev")->lost_immediate, 40, 1e-9);
    CHECK_NEAR(entry(&r, "ev")->tts_immediate_days, 0, 1e-9);
    ckp_time_report_destroy(&r);
    /* nothing lost: never short */
    r = over(net, "{}", 40);
    CHECK(r.lost_immediate == 0 && isnan(r.tts_immediate_days));
    CHECK(noted(&r, "tts_immediate_days is null where the end users are never short"));
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * A separator making NdPr 0.9 and Dy/Tb 0.1 per t of ore (400 t/yr of ore: 360 and 40),
 * with 36 t of NdPr in stock (its first yield, as the reallocated view's LP reads it).
 * Ore halved: both co-products fall to half by their yields; the NdPr customer is kept
 * whole from stock at 180 t/yr, 73 days; the Dy/Tb customer is short at once, 20 t/yr.
 */
static void test_coproduct_separator(void)
{
    ckp_network *net = test_load_text(
        "{'materials': [{'id': 'ore'}, {'id': 'ndpr'}, {'id': 'dytb'}],"
        " 'tiers': ['mine', 'separation', 'use'],"
        " 'nodes': ["
        "  {'id': 'mine', 'tier': 'mine', 'country': 'AU', 'output': 'ore', 'capacity': 400},"
        "  {'id': 'sep', 'tier': 'separation', 'country': 'MY', 'stock': 36,"
        "   'recipe': {'ore': 1}, 'yields': {'ndpr': 0.9, 'dytb': 0.1}},"
        "  {'id': 'nd_user', 'tier': 'use', 'country': 'JP', 'demand': 360},"
        "  {'id': 'dy_user', 'tier': 'use', 'country': 'KR', 'demand': 40}],"
        " 'edges': ["
        "  {'from': 'mine', 'to': 'sep', 'volume': 400},"
        "  {'from': 'sep', 'to': 'nd_user', 'material': 'ndpr', 'volume': 360},"
        "  {'from': 'sep', 'to': 'dy_user', 'material': 'dytb', 'volume': 40}]}");
    const char *half = "{\"capacity\": [{\"node\": \"mine\", \"factor\": 0.5}]}";
    ckp_time_report r = over(net, half, 73);
    CHECK(entry(&r, "nd_user")->lost_immediate == 0);
    CHECK_NEAR(entry(&r, "nd_user")->tts_immediate_days, 73, 1e-9);
    CHECK_NEAR(entry(&r, "dy_user")->lost_immediate, 4, 1e-9);
    CHECK_NEAR(entry(&r, "dy_user")->tts_immediate_days, 0, 1e-9);
    ckp_time_report_destroy(&r);
    /* over 146 days: 73 days at 180 t/yr short, 36 t; Dy/Tb 20 t/yr for 146 days, 8 t */
    r = over(net, half, 146);
    CHECK_NEAR(entry(&r, "nd_user")->lost_immediate, 36, 1e-9);
    CHECK_NEAR(entry(&r, "nd_user")->tts_immediate_days, 73, 1e-9);
    CHECK_NEAR(entry(&r, "dy_user")->lost_immediate, 8, 1e-9);
    CHECK_NEAR(r.lost_immediate, 44, 1e-9);
    CHECK_NEAR(r.tts_immediate_days, 0, 1e-9);
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * A trader holding 2 t of Dy/Tb between China and a magnet plant (1 NdPr + 0.1 Dy/Tb,
 * 30 t of magnets in stock), 365 t/yr of magnets. China lost: the trader passes 0.1 t a
 * day from stock for 20 days, then the plant ships its own 30: short on day 50, 10 t
 * lost over 60 days. NdPr lost instead: the trader's Dy/Tb is of no use (the plant is
 * short of NdPr, and the trader is short of nothing); the plant's stock lasts 30 days.
 */
static void test_pass_through_trader(void)
{
    ckp_network *net = test_load_text(
        "{'materials': [{'id': 'ndpr'}, {'id': 'dytb'}, {'id': 'magnet'}],"
        " 'tiers': ['mine', 'trade', 'magnet', 'use'],"
        " 'nodes': ["
        "  {'id': 'nd', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr', 'capacity': 365},"
        "  {'id': 'dy', 'tier': 'mine', 'country': 'CN', 'output': 'dytb', 'capacity': 36.5},"
        "  {'id': 'trader', 'tier': 'trade', 'country': 'SG', 'stock': 2},"
        "  {'id': 'mag', 'tier': 'magnet', 'country': 'JP', 'capacity': 365, 'stock': 30,"
        "   'recipe': {'ndpr': 1, 'dytb': 0.1}, 'output': 'magnet'},"
        "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 365}],"
        " 'edges': ["
        "  {'from': 'nd', 'to': 'mag', 'volume': 365}, {'from': 'dy', 'to': 'trader',"
        "   'volume': 36.5}, {'from': 'trader', 'to': 'mag', 'volume': 36.5},"
        "  {'from': 'mag', 'to': 'ev', 'volume': 365}]}");
    ckp_time_report r = over(net, "{\"remove_nodes\": [\"dy\"]}", 60);
    CHECK_NEAR(entry(&r, "ev")->lost_immediate, 10, 1e-9);
    CHECK_NEAR(entry(&r, "ev")->tts_immediate_days, 50, 1e-9);
    ckp_time_report_destroy(&r);
    r = over(net, "{\"remove_nodes\": [\"nd\"]}", 60);
    CHECK_NEAR(entry(&r, "ev")->lost_immediate, 30, 1e-9);
    CHECK_NEAR(entry(&r, "ev")->tts_immediate_days, 30, 1e-9);
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/* An end user with stock in a network with materials: what it consumes, as with one. */
static void test_end_user_stock(void)
{
    ckp_network *net = test_load_text(
        "{'materials': [{'id': 'ndpr'}, {'id': 'dytb'}],"
        " 'tiers': ['mine', 'use'],"
        " 'nodes': ["
        "  {'id': 'nd', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr'},"
        "  {'id': 'dy', 'tier': 'mine', 'country': 'CN', 'output': 'dytb', 'capacity': 36.5},"
        "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 365, 'stock': 10,"
        "   'recipe': {'ndpr': 1, 'dytb': 0.1}}],"
        " 'edges': [{'from': 'nd', 'to': 'ev', 'volume': 365},"
        "  {'from': 'dy', 'to': 'ev', 'volume': 36.5}]}");
    /* Dy/Tb at a fifth: 73 t/yr made, 292 t/yr from its 10 t: 12.5 days */
    ckp_time_report r = over(net, "{\"capacity\": [{\"node\": \"dy\", \"factor\": 0.2}]}", 20);
    CHECK_NEAR(entry(&r, "ev")->tts_immediate_days, 12.5, 1e-9);
    CHECK_NEAR(entry(&r, "ev")->lost_immediate, 292 * 7.5 / 365, 1e-9);
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * Three mines, four plants, four end users, random volumes, capacities (some below the
 * recorded throughput) and stocks; version 2 names one material, the mines' output and a
 * recipe of 1 at each plant: the same network, on the path with recipes.
 */
static char *random_pair(unsigned long long *rng, int v2)
{
    static const char *const ctry[] = {"AU", "CN", "JP", "KR"};
    char *text = malloc(16384);
    size_t n = 0;
    double out[7] = {0}, in[11] = {0};
    char edges[8192];
    size_t ne = 0;
    /* edges first, so that capacities and demands can follow the volumes */
    for (int i = 0; i < 7; i++)
        for (int j = (i < 3 ? 3 : 7); j < (i < 3 ? 7 : 11); j++) {
            if (xorshift(rng, 2))
                continue;
            double vol = 5 + (double)xorshift(rng, 40);
            out[i] += vol;
            in[j] += vol;
            ne += (size_t)snprintf(edges + ne, sizeof edges - ne,
                                   "%s{'from': 'n%d', 'to': 'n%d', 'volume': %g}",
                                   ne ? ", " : "", i, j, vol);
        }
    n += (size_t)snprintf(text + n, 16384 - n, "{%s'tiers': ['mine', 'plant', 'use'], 'nodes': [",
                          v2 ? "'materials': [{'id': 'x'}], " : "");
    for (int i = 0; i < 11; i++) {
        const char *tier = i < 3 ? "mine" : i < 7 ? "plant" : "use";
        double through = i < 3 ? out[i] : in[i], cap = through * (0.6 + 0.1 * xorshift(rng, 8));
        n += (size_t)snprintf(text + n, 16384 - n,
                              "%s{'id': 'n%d', 'tier': '%s', 'country': '%s', 'capacity': %g",
                              i ? ", " : "", i, tier, ctry[xorshift(rng, 4)], cap + 1);
        if (i >= 7)
            n += (size_t)snprintf(text + n, 16384 - n, ", 'demand': %g", in[i]);
        if (xorshift(rng, 2) == 0)
            n += (size_t)snprintf(text + n, 16384 - n, ", 'stock': %g",
                                  1 + (double)xorshift(rng, 10));
        if (v2 && i < 3)
            n += (size_t)snprintf(text + n, 16384 - n, ", 'output': 'x'");
        if (v2 && i >= 3 && i < 7)
            n += (size_t)snprintf(text + n, 16384 - n, ", 'recipe': {'x': 1}, 'output': 'x'");
        n += (size_t)snprintf(text + n, 16384 - n, "}");
    }
    snprintf(text + n, 16384 - n, "], 'edges': [%s]}", edges);
    return text;
}

static void test_against_one_material(void)
{
    unsigned long long rng = 0x9E3779B97F4A7C15ULL;
    int short_seen = 0, steps = 0;
    for (int k = 0; k < 60; k++) {
        unsigned long long state = rng;
        char *t1 = random_pair(&rng, 0), *t2 = random_pair(&state, 1);
        ckp_network *a = test_load_text(t1), *b = test_load_text(t2);
        CHECK(!ckp_network_has_bom(a) && ckp_network_has_bom(b));
        char scenario[256];
        static const char *const embargo[] = {"JP", "KR"};
        int mine = (int)xorshift(&rng, 3), plant = 3 + (int)xorshift(&rng, 4);
        /* half the cases cut a country's deliveries too: a stock ships on its live edges */
        snprintf(scenario, sizeof scenario,
                 "{\"remove_nodes\": [\"n%d\"], \"capacity\": [{\"node\": \"n%d\", "
                 "\"factor\": 0.%d}]%s%s%s}",
                 mine, plant, (int)xorshift(&rng, 9), k % 2 ? ", \"embargo\": [{\"from\": "
                 "\"AU\", \"to\": \"" : "", k % 2 ? embargo[k % 4 / 2] : "",
                 k % 2 ? "\"}]" : "");
        double days = 10 + (double)xorshift(&rng, 200);
        ckp_time_report ra = over(a, scenario, days), rb = over(b, scenario, days);
        CHECK(ra.n_end_users == rb.n_end_users);
        for (igraph_integer_t i = 0; i < ra.n_end_users && i < rb.n_end_users; i++) {
            const ckp_time_entry *x = &ra.end_users[i], *y = &rb.end_users[i];
            CHECK_NEAR(x->lost_immediate, y->lost_immediate, 1e-9 * (1 + x->lost_immediate));
            CHECK(isnan(x->tts_immediate_days) == isnan(y->tts_immediate_days));
            if (!isnan(x->tts_immediate_days)) {
                CHECK_NEAR(x->tts_immediate_days, y->tts_immediate_days, 1e-9);
                short_seen += x->tts_immediate_days > 0;
            }
        }
        CHECK_NEAR(ra.lost_immediate, rb.lost_immediate, 1e-9 * (1 + ra.lost_immediate));
        steps += ra.lost_immediate > 0;
        ckp_time_report_destroy(&ra);
        ckp_time_report_destroy(&rb);
        ckp_network_free(a);
        ckp_network_free(b);
        free(t1);
        free(t2);
    }
    CHECK(short_seen > 10 && steps > 20); /* stocks ran out, losses were compared */
}

/*
 * The stocks chart on the magnet plant with Dy/Tb halved and 10 t at the EV maker: the
 * plant ships 0.5 t a day from its 30 t for 60 days; then the EV maker, receiving half,
 * draws its 10 t at 0.5 t a day, out on day 80. Vertices at 0, 60 and 80, then day T.
 */
static void test_stocks_chart(void)
{
    char text[2048];
    snprintf(text, sizeof text, "%s", magnet_plant);
    char *ev = strstr(text, "'demand': 365}");
    CHECK(ev != NULL);
    if (!ev)
        return;
    memmove(ev + 14 + 13, ev + 14, strlen(ev + 14) + 1);
    memcpy(ev, "'demand': 365, 'stock': 10}", 27);
    ckp_network *net = test_load_text(text);
    ckp_scenario *s = test_scenario(net, "{\"capacity\": [{\"node\": \"dy\", \"factor\": 0.5}]}");
    ckp_chart c;
    ckp_error err;
    CHECK(ckp_chart_stocks(&c, net, s, 90, 0, NULL, &err) == CKP_OK);
    static const double xs[] = {0, 60, 80, 90};
    static const double mag[] = {1, 0, 0, 0}, evs[] = {1, 1, 0, 0};
    CHECK(c.n_rows == 4 && c.n_series == 2);
    CHECK_STR(c.series[0].label, "mag (30)");
    CHECK_STR(c.series[1].label, "ev (10)");
    for (igraph_integer_t k = 0; k < 4 && c.n_rows == 4 && c.n_series == 2; k++) {
        CHECK_NEAR(c.xs[k], xs[k], 1e-9);
        CHECK_NEAR(c.values[2 * k], mag[k], 1e-9);
        CHECK_NEAR(c.values[2 * k + 1], evs[k], 1e-9);
    }
    ckp_chart_destroy(&c);
    /* over 70 days the last vertex falls inside the EV maker's drawdown: half left */
    CHECK(ckp_chart_stocks(&c, net, s, 70, 0, NULL, &err) == CKP_OK);
    CHECK(c.n_rows == 3);
    if (c.n_rows == 3) {
        CHECK_NEAR(c.xs[2], 70, 1e-9);
        CHECK_NEAR(c.values[2 * 2 + 1], 0.5, 1e-9);
    }
    ckp_chart_destroy(&c);
    ckp_scenario_free(s);
    ckp_network_free(net);
}

int main(void)
{
    test_stocks_chart();
    test_magnet_plant();
    test_coproduct_separator();
    test_pass_through_trader();
    test_end_user_stock();
    test_against_one_material();
    return test_report("test_drawdown_bom");
}
