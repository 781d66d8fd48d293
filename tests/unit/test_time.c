/*
 * Issue 19, time: stocks, TTR lost demand and TTS, worked by hand on
 * networks/small/stockpile.json and checked against an independent LP (the
 * LP module on the Simchi-Levi et al. formulation) on the small networks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/chokepoint.h"
#include "flow_internal.h"
#include "horizon.h"
#include "lp.h"
#include "network_internal.h"
#include "time_lp.h"
#include "test.h"
#include "time_common.h"
#include "xorshift.h"

static ckp_network *load(const char *name)
{
    char path[512];
    ckp_error err;
    ckp_error_init(&err);
    snprintf(path, sizeof path, "%s/small/%s", CKP_NETWORKS, name);
    ckp_network *net = NULL;
    CHECK(ckp_load_json(&net, path, &err) == CKP_OK);
    return net;
}

static const ckp_stress_row *row(const ckp_stress *s, ckp_stress_kind kind, const char *id)
{
    for (igraph_integer_t i = 0; i < s->n; i++)
        if (s->rows[i].kind == kind && !strcmp(s->rows[i].id, id))
            return &s->rows[i];
    CHECK(!"row not found");
    return &s->rows[0];
}

/*
 * m1 (AU, 365 t/yr) feeds e1 (JP, 365 t/yr, 30 t of stock: 30 days); m2 (CA,
 * 73 t/yr, 2 t of stock) feeds e2 (KR, 73 t/yr). Network TTR 40 days.
 */
static void test_stockpile_by_hand(void)
{
    ckp_network *net = load("stockpile.json");
    ckp_error err;
    ckp_error_init(&err);
    ckp_stress s;
    igraph_integer_t m1 = ckp_network_find(net, "m1");
    CHECK(ckp_node_ttr_days(net, m1) == 20);
    CHECK(ckp_node_ttr_days(net, ckp_network_find(net, "e1")) == 40); /* the network's */
    CHECK(ckp_network_ttr_days(net) == 40);

    /* a 20-day loss of m1: e1 draws 20 of its 30 t, loses nothing, lasts 30 days */
    CHECK(ckp_stress_run(&s, net, NULL, 1, &err) == CKP_OK);
    const ckp_stress_row *r = row(&s, CKP_STRESS_NODE, "m1");
    CHECK_NEAR(r->lost, 0, 1e-9);
    CHECK_NEAR(r->tts_days, 30, 1e-9);
    CHECK(!r->exposed);
    /* e1 lost for 40 days: 40 t of demand, stock lost with it, short at once */
    r = row(&s, CKP_STRESS_NODE, "e1");
    CHECK_NEAR(r->lost, 40, 1e-9);
    CHECK_NEAR(r->tts_days, 0, 1e-9);
    CHECK(r->exposed);
    CHECK_NEAR(r->rei, 1, 1e-12);
    /* m2 for 40 days: its stock goes with it, e2 loses 0.2 t a day */
    CHECK_NEAR(row(&s, CKP_STRESS_NODE, "m2")->lost, 8, 1e-9);
    CHECK_NEAR(row(&s, CKP_STRESS_NODE, "m2")->rei, 0.2, 1e-12);
    CHECK_NEAR(row(&s, CKP_STRESS_NODE, "e2")->lost, 6, 1e-9); /* its own 30 days */
    CHECK_NEAR(row(&s, CKP_STRESS_COUNTRY, "AU")->lost, 0, 1e-9);
    CHECK(row(&s, CKP_STRESS_COUNTRY, "AU")->ttr_days == 20);
    CHECK(s.rows[0].kind == CKP_STRESS_COUNTRY && !strcmp(s.rows[0].id, "JP")); /* ties: id */
    ckp_stress_destroy(&s);

    /* the same loss for 40 days: 30 t from stock, 10 t lost; exposed (30 < 40) */
    CHECK(ckp_network_set_node_number(net, m1, "ttr_days", 40, &err) == CKP_OK);
    CHECK(ckp_stress_run(&s, net, NULL, 1, &err) == CKP_OK);
    r = row(&s, CKP_STRESS_NODE, "m1");
    CHECK_NEAR(r->lost, 10, 1e-9);
    CHECK_NEAR(r->tts_days, 30, 1e-9);
    CHECK(r->exposed);
    ckp_stress_destroy(&s);

    /* the boundary: TTS = TTR is not exposed */
    CHECK(ckp_network_set_node_number(net, m1, "ttr_days", 30, &err) == CKP_OK);
    CHECK(ckp_stress_run(&s, net, NULL, 1, &err) == CKP_OK);
    r = row(&s, CKP_STRESS_NODE, "m1");
    CHECK_NEAR(r->lost, 0, 1e-9);
    CHECK(r->tts_days == 30 && !r->exposed);
    ckp_stress_destroy(&s);

    /* Japan's end users never feel m2's loss: never short, NAN */
    CHECK(ckp_stress_run(&s, net, "JP", 1, &err) == CKP_OK);
    CHECK(s.n_group_end_users == 1 && s.group_rate == 365);
    CHECK(isnan(row(&s, CKP_STRESS_NODE, "m2")->tts_days));
    CHECK(!row(&s, CKP_STRESS_NODE, "m2")->exposed);
    CHECK_NEAR(row(&s, CKP_STRESS_NODE, "m1")->tts_days, 30, 1e-9);
    ckp_stress_destroy(&s);

    CHECK(ckp_stress_run(&s, net, "ZZ", 1, &err) == CKP_EDATA);
    CHECK_STR(err.message, "group 'ZZ' has no end users: give a country code or a group name "
                           "of the network with end users");

    /* served over a horizon, directly: 40 days without m1 serve 30 + 8 t */
    ckp_horizon h;
    CHECK(ckp_horizon_init(&h, net, &err) == CKP_OK);
    CHECK_NEAR(ckp_horizon_served(&h, 40), 48, 1e-9);
    ckp_horizon_remove_node(&h, m1, 1);
    CHECK_NEAR(ckp_horizon_served(&h, 40), 38, 1e-9);
    CHECK_NEAR(ckp_horizon_served(&h, 0), 0, 1e-12);
    ckp_horizon_destroy(&h);
    ckp_network_free(net);
}

/* Stocks on a few nodes of each small network; every node's loss against the LP. */
static void test_against_lp(void)
{
    static const char *const names[] = {"diamond.json", "single-magnet.json",
                                        "transshipment.json", "stockpile.json"};
    ckp_error err;
    ckp_error_init(&err);
    int finite = 0, never = 0;
    for (size_t f = 0; f < sizeof names / sizeof *names; f++) {
        ckp_network *net = load(names[f]);
        igraph_integer_t n = ckp_network_node_count(net);
        for (igraph_integer_t i = 0; i < n; i += 2) /* stocks of 5 to 25 days of 100 t/yr */
            CHECK(ckp_network_set_node_number(net, i, "stock", 100.0 * (5 + 7 * (i % 3)) / 365,
                                              &err) == CKP_OK);
        ckp_horizon h;
        CHECK(ckp_horizon_init(&h, net, &err) == CKP_OK);
        char *removed = calloc((size_t)(n > 0 ? n : 1), 1);
        double rate = ckp_horizon_solve_scaled(&h, 0);
        for (igraph_integer_t i = 0; i < n; i++) {
            double T = 10 + 17 * (double)i;
            double want = ckp_test_time_lp(net, NULL, T, 0);
            CHECK_NEAR(ckp_horizon_served(&h, T), want, 1e-6 * (1 + want));
            removed[i] = 1;
            ckp_horizon_remove_node(&h, i, 1);
            double got = ckp_horizon_served(&h, T);
            CHECK_NEAR(got, ckp_test_time_lp(net, removed, T, 0), 1e-6 * (1 + want));
            /* the TTS LP asks for the full demand: compare where the network serves it */
            double demand = 0;
            for (igraph_integer_t u = 0; u < n; u++)
                if (ckp_node_tier(net, u) == ckp_network_tier_count(net) - 1)
                    demand += ckp_node_demand(net, u);
            if (fabs(rate - demand) < 1e-9 * demand) {
                double t;
                CHECK(ckp_horizon_tts(&t, &h, rate, NULL, &err) == CKP_OK);
                double lt = ckp_test_time_lp(net, removed, 0, 1);
                if (lt > 1e5) {
                    CHECK(isnan(t));
                    never++;
                } else {
                    CHECK_NEAR(t, lt, 1e-6 * (1 + lt));
                    finite += lt > 0;
                }
            }
            removed[i] = 0;
            ckp_horizon_remove_node(&h, i, 0);
        }
        /* the stress ranking's repaired losses, node by node, against the LP */
        ckp_stress st;
        CHECK(ckp_stress_run(&st, net, NULL, 2, &err) == CKP_OK);
        for (igraph_integer_t k = 0; k < st.n; k++) {
            const ckp_stress_row *r = &st.rows[k];
            if (r->kind != CKP_STRESS_NODE)
                continue;
            double base = ckp_test_time_lp(net, NULL, r->ttr_days, 0);
            removed[r->index] = 1;
            CHECK_NEAR(r->lost, base - ckp_test_time_lp(net, removed, r->ttr_days, 0),
                       1e-6 * (1 + base));
            removed[r->index] = 0;
        }
        ckp_stress_destroy(&st);
        free(removed);
        ckp_horizon_destroy(&h);
        ckp_network_free(net);
    }
    /* the comparison must have met positive finite TTS and never-short cases */
    printf("TTS against the LP: %d positive, %d never\n", finite, never);
    CHECK(finite > 0 && never > 0);
}

/* The scenario removing `node` over `days` days, into `r`. */
static void time_removing(ckp_time_report *r, ckp_network *net, const char *node, double days)
{
    ckp_scenario *s = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK(ckp_scenario_new(&s, "loss", &err) == CKP_OK);
    CHECK(ckp_scenario_add_node(s, net, node, &err) == CKP_OK);
    CHECK(ckp_time_scenario(r, net, s, days, &err) == CKP_OK);
    ckp_scenario_free(s);
}

static const ckp_time_entry *entry(const ckp_time_entry *e, igraph_integer_t n, const char *name)
{
    for (igraph_integer_t i = 0; i < n; i++)
        if (!strcmp(e[i].name, name))
            return &e[i];
    CHECK(!"entry not found");
    return &e[0];
}

/*
 * The immediate view over time on stockpile.json: e1 (1 t a day) loses m1 and
 * draws its 30 t. Through 20 days it loses nothing and is short on day 30,
 * past the shock; through 40 days it loses the last 10 days: 10 t. e2 never.
 */
static void test_immediate_stockpile(void)
{
    ckp_network *net = load("stockpile.json");
    ckp_time_report r;
    time_removing(&r, net, "m1", 20);
    const ckp_time_entry *e1 = entry(r.end_users, r.n_end_users, "e1");
    CHECK(e1->lost_immediate == 0);
    CHECK_NEAR(e1->tts_immediate_days, 30, 1e-9);
    CHECK(isnan(entry(r.end_users, r.n_end_users, "e2")->tts_immediate_days));
    CHECK(r.lost_immediate == 0);
    ckp_time_report_destroy(&r);
    time_removing(&r, net, "m1", 40);
    e1 = entry(r.end_users, r.n_end_users, "e1");
    CHECK_NEAR(e1->lost_immediate, 10, 1e-9);
    CHECK_NEAR(e1->tts_immediate_days, 30, 1e-9);
    CHECK_NEAR(entry(r.countries, r.n_countries, "JP")->lost_immediate, 10, 1e-9);
    CHECK_NEAR(r.lost_immediate, 10, 1e-9);
    CHECK_NEAR(r.tts_immediate_days, 30, 1e-9);
    CHECK(entry(r.end_users, r.n_end_users, "e2")->lost_immediate == 0);
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * Stocks upstream: m1 (365 t/yr) feeds plant p (20 t of stock), which ships
 * 292 t/yr to e1 (JP, 8 t of stock: 10 days) and 73 t/yr to e2 (KR). A
 * stockpile node s holds 50 t with an edge to e1 that recorded nothing. m1 is
 * lost for 40 days. Immediate view: p keeps shipping from stock at 1 t a day
 * for 20 days, both end users whole; then e2 gets nothing (TTS 20, lost 20
 * days x 0.2 t = 4 t) and e1 draws its own 0.8 t a day for 10 days (TTS 30,
 * lost 10 days x 0.8 t = 8 t). s has no recorded outflow: it serves nobody
 * here (a note says so). Reallocated: s's 50 t reach e1 and p's 20 t cover
 * e2's 8 t, nothing lost; every end user together lasts while 0.8 t + 0.2 t a
 * day come from 78 t with e2 limited to p's 20 t: 78 days (e2's 20 t last 100).
 */
static void test_immediate_upstream(void)
{
    static const char doc[] =
        "{\"format\": \"chokepoint-network/1\", \"tiers\": [\"mine\", \"plant\", \"end_use\"],"
        " \"nodes\": [{\"id\": \"m1\", \"tier\": \"mine\", \"country\": \"AU\", \"capacity\": 365},"
        " {\"id\": \"p\", \"tier\": \"plant\", \"country\": \"JP\", \"stock\": 20},"
        " {\"id\": \"s\", \"tier\": \"plant\", \"country\": \"JP\", \"capacity\": 0,"
        " \"stock\": 50},"
        " {\"id\": \"e1\", \"tier\": \"end_use\", \"country\": \"JP\", \"demand\": 292,"
        " \"stock\": 8},"
        " {\"id\": \"e2\", \"tier\": \"end_use\", \"country\": \"KR\", \"demand\": 73}],"
        " \"edges\": [{\"from\": \"m1\", \"to\": \"p\", \"volume\": 365},"
        " {\"from\": \"p\", \"to\": \"e1\", \"volume\": 292},"
        " {\"from\": \"p\", \"to\": \"e2\", \"volume\": 73},"
        " {\"from\": \"s\", \"to\": \"e1\", \"volume\": 0}]}";
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK(ckp_load_json_buffer(&net, doc, sizeof doc - 1, "upstream.json", &err) == CKP_OK);
    if (!net)
        return;
    ckp_time_report r;
    time_removing(&r, net, "m1", 40);
    const ckp_time_entry *e1 = entry(r.end_users, r.n_end_users, "e1");
    const ckp_time_entry *e2 = entry(r.end_users, r.n_end_users, "e2");
    CHECK_NEAR(e1->lost_immediate, 8, 1e-9);
    CHECK_NEAR(e1->tts_immediate_days, 30, 1e-9);
    CHECK_NEAR(e2->lost_immediate, 4, 1e-9);
    CHECK_NEAR(e2->tts_immediate_days, 20, 1e-9);
    CHECK_NEAR(r.lost_immediate, 12, 1e-9);
    CHECK_NEAR(r.tts_immediate_days, 20, 1e-9);
    CHECK_NEAR(entry(r.countries, r.n_countries, "JP")->lost_immediate, 8, 1e-9);
    CHECK(e1->lost == 0 && e2->lost == 0 && r.lost == 0);
    CHECK_NEAR(r.tts_days, 78, 1e-9);
    int noted = 0;
    for (igraph_integer_t i = 0; i < r.notes.n; i++)
        noted |= strstr(r.notes.items[i], "node 's' holds stock but has no recorded outflow") !=
                 NULL;
    CHECK(noted);
    ckp_time_report_destroy(&r);
    ckp_network_free(net);
}

/*
 * `n` nodes in three tiers, random capacities, demands, edges and stocks (a
 * third of the nodes; none without `stocks`) and TTRs (one of 30, 60, 90
 * and 200 days).
 */
static ckp_network *random_network(unsigned long long *rng, int n, int stocks)
{
    static const char *const tiers[] = {"mine", "plant", "user"};
    ckp_network *net;
    ckp_error err;
    ckp_error_init(&err);
    CHECK(ckp_network_new(&net, &err) == CKP_OK);
    for (int t = 0; t < 3; t++)
        CHECK(ckp_network_add_tier(net, tiers[t], &err) == CKP_OK);
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "n%d", i);
        ckp_node_spec spec;
        ckp_node_spec_init(&spec);
        spec.id = id;
        spec.tier = tiers[i % 3];
        spec.country = i % 2 ? "AA" : "BB";
        spec.capacity = 10 + xorshift(rng, 40);
        if (i % 3 == 2)
            spec.demand = 5 + xorshift(rng, 30);
        if (xorshift(rng, 3) == 0)
            spec.stock = 1 + xorshift(rng, 8);
        if (!stocks) {
            static const double ttrs[] = {30, 60, 90, 200};
            spec.stock = 0;
            spec.ttr_days = ttrs[xorshift(rng, 4)];
        }
        CHECK(ckp_network_add_node(net, &spec, NULL, &err) == CKP_OK);
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (j % 3 == i % 3 + 1 && xorshift(rng, n > 12 ? 8 : 2) == 0) {
                ckp_edge_spec e;
                ckp_edge_spec_init(&e);
                e.from = i;
                e.to = j;
                e.capacity = 5 + xorshift(rng, 30);
                CHECK(ckp_network_add_edge(net, &e, NULL, &err) == CKP_OK);
            }
    return net;
}

static ckp_network *random_stock_network(unsigned long long *rng)
{
    return random_network(rng, 12, 1);
}

/* Each node's set in the horizon (at most 12 nodes), and pointers to them. */
static void node_sets(const ckp_horizon *h, igraph_integer_t sets[][3], igraph_integer_t *sizes,
                      const igraph_integer_t **ptr)
{
    for (igraph_integer_t i = 0; i < h->n && i < 12; i++) {
        sizes[i] = ckp_horizon_node_set(h, i, sets[i]);
        ptr[i] = sets[i];
    }
}

/* Two stress rankings equal to the last bit. */
static void same_rows(const ckp_stress *x, const ckp_stress *y)
{
    CHECK_INT(x->n, y->n);
    CHECK(x->group_rate == y->group_rate);
    for (igraph_integer_t i = 0; i < x->n && i < y->n; i++) {
        const ckp_stress_row *a = &x->rows[i], *b = &y->rows[i];
        CHECK_STR(a->id, b->id);
        CHECK(a->kind == b->kind && a->ttr_days == b->ttr_days);
        CHECK(a->lost == b->lost && a->rei == b->rei && a->exposed == b->exposed);
        CHECK(isnan(a->tts_days) ? isnan(b->tts_days) : a->tts_days == b->tts_days);
    }
}

/*
 * Without stock, stress's one annual baseline and one repair per row, scaled
 * by each row's TTR, against the plain path (a baseline per distinct TTR, and
 * the TTS phase's own repairs): equal to the last bit, every country too.
 */
static void test_stress_scaled(void)
{
    int lost = 0, ttrs = 0;
    unsigned long long rng = 2463534242ULL;
    ckp_error err;
    ckp_error_init(&err);
    for (int k = 0; k < 40; k++) {
        ckp_network *net = random_network(&rng, 12, 0);
        CHECK(!ckp_network_has_stock(net));
        const char *group = k % 4 == 3 ? "AA" : NULL;
        ckp_stress fast, plain;
        CHECK(ckp_stress_run_path(&fast, net, group, 1 + k % 2, 0, 0, &err) == CKP_OK);
        CHECK(ckp_stress_run_path(&plain, net, group, 1, 0, 1, &err) == CKP_OK);
        same_rows(&fast, &plain);
        for (igraph_integer_t i = 0; i < fast.n; i++) {
            const ckp_stress_row *r = &fast.rows[i];
            lost += r->lost > 0;
            ttrs += i > 0 && r->lost > 0 && r->ttr_days != fast.rows[0].ttr_days;
        }
        ckp_stress_destroy(&fast);
        ckp_stress_destroy(&plain);
        ckp_network_free(net);
    }
    CHECK(lost > 100 && ttrs > 50); /* real losses, over several TTRs */
}

/* stress's TTS searches on two threads (a horizon each) against one: the same rows */
static void test_stress_threads(void)
{
    int searched = 0;
    unsigned long long rng = 362436069ULL;
    for (int k = 0; k < 10; k++) {
        ckp_error err;
        ckp_error_init(&err);
        ckp_network *net = random_network(&rng, 60, 1);
        ckp_stress one, two;
        CHECK(ckp_stress_run(&one, net, NULL, 1, &err) == CKP_OK);
        CHECK(ckp_stress_run(&two, net, NULL, 2, &err) == CKP_OK);
        same_rows(&one, &two);
        for (igraph_integer_t i = 0; i < one.n; i++)
            searched += !isnan(one.rows[i].tts_days) && one.rows[i].tts_days > 0;
        ckp_stress_destroy(&one);
        ckp_stress_destroy(&two);
        ckp_network_free(net);
    }
    CHECK(searched > 100); /* enough searches for two workers, with stocks lasting */
}

/*
 * A long horizon's stocks make the flow bound by demand (the sink out of
 * reach of most vertices), where every repair cancels and re-augments: each
 * set's loss against a solve from scratch without it.
 */
static void test_losses_demand_bound(void)
{
    unsigned long long rng = 1181783497276652981ULL;
    ckp_error err;
    ckp_error_init(&err);
    int bound = 0, lossy = 0;
    for (int k = 0; k < 40; k++) {
        ckp_network *net = random_stock_network(&rng);
        ckp_horizon h;
        CHECK(ckp_horizon_init(&h, net, &err) == CKP_OK);
        igraph_integer_t n = h.n, sets[12][3], sizes[12];
        const igraph_integer_t *ptr[12];
        double loss[12], sigma = k % 2 ? 365.0 / 10 : 365.0 / 2;
        node_sets(&h, sets, sizes, ptr);
        double base = ckp_horizon_solve_scaled(&h, sigma);
        CHECK(ckp_horizon_losses(&h, ptr, sizes, n, 1, loss, &err) == CKP_OK);
        bound += h.flow->base_demand_bound;
        for (igraph_integer_t i = 0; i < n; i++) {
            ckp_horizon_remove_set(&h, sets[i], sizes[i], 1);
            double without = ckp_horizon_solve_scaled(&h, sigma);
            ckp_horizon_remove_set(&h, sets[i], sizes[i], 0);
            CHECK_NEAR(loss[i], base - without, 1e-9 * (1 + base));
            lossy += loss[i] > 0;
        }
        ckp_horizon_destroy(&h);
        ckp_network_free(net);
    }
    CHECK(bound > 20 && lossy > 100); /* the path is taken, and finds losses */
}

/* stress's TTS by repair of the kept baseline against the plain solve from scratch */
static void test_tts_without(void)
{
    unsigned long long rng = 88172645463325252ULL;
    ckp_error err;
    ckp_error_init(&err);
    int finite = 0;
    for (int k = 0; k < 40; k++) {
        ckp_network *net = random_stock_network(&rng);
        ckp_horizon h;
        CHECK(ckp_horizon_init(&h, net, &err) == CKP_OK);
        igraph_integer_t n = h.n, sets[12][3], sizes[12];
        const igraph_integer_t *ptr[12];
        double loss[12];
        node_sets(&h, sets, sizes, ptr);
        double rate = ckp_horizon_solve_scaled(&h, 0);
        CHECK(ckp_horizon_losses(&h, ptr, sizes, n, 1, loss, &err) == CKP_OK);
        for (igraph_integer_t i = 0; i < n; i++) {
            double fast, plain;
            ckp_horizon_remove_set(&h, sets[i], sizes[i], 1);
            CHECK(ckp_horizon_tts_without(&fast, &h, rate, sets[i], sizes[i], &err) == CKP_OK);
            CHECK(ckp_horizon_tts(&plain, &h, rate, NULL, &err) == CKP_OK);
            ckp_horizon_remove_set(&h, sets[i], sizes[i], 0);
            CHECK(isnan(fast) == isnan(plain));
            if (!isnan(plain))
                CHECK_NEAR(fast, plain, 1e-9 * (1 + plain));
            finite += !isnan(plain) && plain > 0;
        }
        ckp_horizon_destroy(&h);
        ckp_network_free(net);
    }
    CHECK(finite > 10); /* the comparison covers real Newton searches */
}

int main(void)
{
    test_stockpile_by_hand();
    test_against_lp();
    test_immediate_stockpile();
    test_immediate_upstream();
    test_tts_without();
    test_stress_scaled();
    test_losses_demand_bound();
    test_stress_threads();
    return test_report("test_time");
}
