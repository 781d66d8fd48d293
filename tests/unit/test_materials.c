/*
 * Materials and recipes (chokepoint/materials.h): served demand on the LP, producibility
 * SPOFs and flow at risk on networks worked by hand (every figure derived in the comment
 * above it), the LP against the maximum flow on one-material networks, and each new
 * loader error with its place. Built twice: on the library's solver and on GLPK
 * (test_materials_glpk), so two solvers give the same hand-worked figures.
 */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/check.h"
#include "chokepoint/dependency.h"
#include "chokepoint/flow.h"
#include "chokepoint/load.h"
#include "chokepoint/materials.h"
#include "chokepoint/plan.h"
#include "chokepoint/scenario.h"
#include "test.h"
#include "test_net.h"

/* JSON written with single quotes, for readability. */
static ckp_code load_quoted(ckp_network **net, const char *text, ckp_error *err)
{
    char *buf = strdup(text);
    for (char *p = buf; *p; p++)
        if (*p == '\'')
            *p = '"';
    ckp_code rc = ckp_load_json_buffer(net, buf, strlen(buf), "m.json", err);
    free(buf);
    return rc;
}

static ckp_network *load_text(const char *text)
{
    ckp_error err;
    ckp_network *net = NULL;
    if (load_quoted(&net, text, &err)) {
        char msg[2200];
        fprintf(stderr, "cannot load the inline network: %s\n",
                ckp_error_format(msg, sizeof msg, &err));
        exit(1);
    }
    return net;
}

/* The loss of served demand when the nodes named (NULL-terminated) are held at zero. */
static double loss_of(const ckp_network *net, const char *const *ids)
{
    igraph_integer_t set[16], n = 0;
    ckp_error err;
    double loss = -1;
    for (; ids[n]; n++)
        set[n] = test_node(net, ids[n]);
    const igraph_integer_t *sets[1] = {set};
    CHECK(ckp_bom_losses(&loss, NULL, net, sets, &n, 1, &err) == CKP_OK);
    return loss;
}

#define LOSS(net, ...) loss_of(net, (const char *const[]){__VA_ARGS__, NULL})

/* Whether removing `x` cuts end user `u` off (producibility). */
static int cuts(const ckp_network *net, const char *x, const char *u)
{
    igraph_integer_t n = ckp_network_node_count(net), ne;
    char *cut = malloc((size_t)(n * n));
    igraph_integer_t *users = malloc((size_t)n * sizeof *users);
    ckp_error err;
    int r = -1;
    CHECK(ckp_bom_spofs(cut, users, &ne, net, &err) == CKP_OK);
    for (igraph_integer_t k = 0; k < ne; k++)
        if (users[k] == test_node(net, u))
            r = cut[test_node(net, x) * ne + k];
    free(cut);
    free(users);
    return r;
}

/*
 * Two magnet plants, each needing NdPr and Dy/Tb. Lynas's mine makes NdPr (100); the
 * Chinese mine (capacity 50) yields 0.9 NdPr and 0.1 Dy/Tb per unit: 45 and 5; Myanmar's
 * makes Dy/Tb (2). A trader passes all the Dy/Tb (7) on to both plants. The Japanese plant
 * (capacity 60) takes 1 NdPr (from Lynas) + 0.1 Dy/Tb per magnet and feeds the EV maker
 * (demand 80); the Chinese plant 1 NdPr (from the Chinese mine) + 0.05 Dy/Tb, feeding the
 * wind maker (demand 50).
 */
static const char *const magnets =
    "{'format': 'chokepoint-network/2', 'unit': 't',"
    " 'materials': [{'id': 'ndpr', 'unit': 't'}, {'id': 'dytb'}, {'id': 'magnet'}],"
    " 'tiers': ['mine', 'trade', 'magnet', 'use'],"
    " 'nodes': ["
    "  {'id': 'lynas', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr', 'capacity': 100},"
    "  {'id': 'cn_mine', 'tier': 'mine', 'country': 'CN', 'capacity': 50,"
    "   'yields': {'ndpr': 0.9, 'dytb': 0.1}},"
    "  {'id': 'mm_mine', 'tier': 'mine', 'country': 'MM', 'output': 'dytb', 'capacity': 2},"
    "  {'id': 'trader', 'tier': 'trade', 'country': 'SG', 'capacity': 50},"
    "  {'id': 'mag_jp', 'tier': 'magnet', 'country': 'JP', 'capacity': 60,"
    "   'recipe': {'ndpr': 1, 'dytb': 0.1}, 'output': 'magnet'},"
    "  {'id': 'mag_cn', 'tier': 'magnet', 'country': 'CN',"
    "   'recipe': {'ndpr': 1, 'dytb': 0.05}, 'output': 'magnet'},"
    "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 80},"
    "  {'id': 'wind', 'tier': 'use', 'country': 'DE', 'demand': 50}],"
    " 'edges': ["
    "  {'from': 'lynas', 'to': 'mag_jp'},"
    "  {'from': 'cn_mine', 'to': 'mag_cn', 'material': 'ndpr'},"
    "  {'from': 'cn_mine', 'to': 'trader', 'material': 'dytb'},"
    "  {'from': 'mm_mine', 'to': 'trader'},"
    "  {'from': 'trader', 'to': 'mag_jp'},"
    "  {'from': 'trader', 'to': 'mag_cn'},"
    "  {'from': 'mag_jp', 'to': 'ev'},"
    "  {'from': 'mag_cn', 'to': 'wind'}]}";

static void test_magnet_plants(void)
{
    ckp_network *net = load_text(magnets);
    ckp_error err;
    double total = -1;
    double *served = calloc((size_t)ckp_network_node_count(net), sizeof *served);
    CHECK(ckp_network_has_bom(net));
    CHECK_INT(ckp_network_material_count(net), 3);
    /* the edges' materials told from their `from` nodes: lynas makes ndpr, the trader
       passes dytb, the plants make magnets */
    CHECK_INT(ckp_edge_material(net, 0), 0);
    CHECK_INT(ckp_edge_material(net, 3), 1);
    CHECK_INT(ckp_edge_material(net, 4), 1);
    CHECK_INT(ckp_edge_material(net, 6), 2);
    /*
     * The Chinese plant makes at most 45 (its NdPr) and needs 0.05 Dy/Tb each: 2.25; the
     * Japanese plant spends 0.1 each, so the Dy/Tb goes first to the Chinese plant (twice
     * the magnets per tonne): 45 there, and the 7 - 2.25 = 4.75 left make 47.5 in Japan.
     * Served: wind 45, EV 47.5, total 92.5.
     */
    CHECK(ckp_bom_served(&total, served, net, &err) == CKP_OK);
    CHECK_NEAR(total, 92.5, 1e-9);
    CHECK_NEAR(served[test_node(net, "wind")], 45, 1e-9);
    CHECK_NEAR(served[test_node(net, "ev")], 47.5, 1e-9);
    CHECK_NEAR(served[test_node(net, "mag_jp")], 0, 0);
    /*
     * Flow at risk. Myanmar out: 5 Dy/Tb, 2.25 for China's 45, 2.75 make 27.5 in Japan:
     * 72.5, loss 20. The Chinese mine out: no NdPr for the Chinese plant, 2 Dy/Tb make 20
     * in Japan: loss 72.5. The trader out: no Dy/Tb anywhere: loss 92.5. Lynas out: Japan
     * stops, China still 45: loss 47.5. The Chinese plant out: Japan makes its capacity,
     * 60 (6 Dy/Tb): loss 32.5. China (its mine and its plant): as the mine alone, 72.5.
     */
    CHECK_NEAR(LOSS(net, "mm_mine"), 20, 1e-9);
    CHECK_NEAR(LOSS(net, "cn_mine"), 72.5, 1e-9);
    CHECK_NEAR(LOSS(net, "trader"), 92.5, 1e-9);
    CHECK_NEAR(LOSS(net, "lynas"), 47.5, 1e-9);
    CHECK_NEAR(LOSS(net, "mag_cn"), 32.5, 1e-9);
    CHECK_NEAR(LOSS(net, "cn_mine", "mag_cn"), 72.5, 1e-9);
    CHECK_NEAR(LOSS(net, "wind"), 32.5, 1e-9);
    /*
     * Producibility: the EV maker needs the Japanese plant, which needs NdPr (Lynas only)
     * AND Dy/Tb (the trader only; China or Myanmar behind it). One commodity would let
     * the trader's Dy/Tb stand in for Lynas's NdPr; the recipe does not.
     */
    CHECK_INT(cuts(net, "lynas", "ev"), 1);
    CHECK_INT(cuts(net, "trader", "ev"), 1);
    CHECK_INT(cuts(net, "mag_jp", "ev"), 1);
    CHECK_INT(cuts(net, "ev", "ev"), 1);
    CHECK_INT(cuts(net, "cn_mine", "ev"), 0);
    CHECK_INT(cuts(net, "mm_mine", "ev"), 0);
    CHECK_INT(cuts(net, "mag_cn", "ev"), 0);
    /* the wind maker: the Chinese mine (its plant's only NdPr), the trader, the plant */
    CHECK_INT(cuts(net, "cn_mine", "wind"), 1);
    CHECK_INT(cuts(net, "trader", "wind"), 1);
    CHECK_INT(cuts(net, "mag_cn", "wind"), 1);
    CHECK_INT(cuts(net, "lynas", "wind"), 0);
    CHECK_INT(cuts(net, "mm_mine", "wind"), 0);
    free(served);
    ckp_network_free(net);
}

/*
 * Co-products: a separation plant (capacity 500) turns 1 ore into 0.3 NdPr and 0.02 Dy/Tb:
 * 150 and 10 at most. The magnet plant needs 1 NdPr + 0.1 Dy/Tb: the Dy/Tb binds, 100
 * magnets, all served (demand 1000). The separation plant is every SPOF there is.
 */
static const char *const coproducts =
    "{'materials': [{'id': 'ore'}, {'id': 'ndpr'}, {'id': 'dytb'}, {'id': 'magnet'}],"
    " 'tiers': ['mine', 'separation', 'trade', 'magnet', 'use'],"
    " 'nodes': ["
    "  {'id': 'mine', 'tier': 'mine', 'country': 'CN', 'output': 'ore'},"
    "  {'id': 'sep', 'tier': 'separation', 'country': 'CN', 'capacity': 500,"
    "   'recipe': {'ore': 1}, 'yields': {'ndpr': 0.3, 'dytb': 0.02}},"
    "  {'id': 'port', 'tier': 'trade', 'country': 'CN'},"
    "  {'id': 'mag', 'tier': 'magnet', 'country': 'JP', 'recipe': {'ndpr': 1, 'dytb': 0.1},"
    "   'output': 'magnet'},"
    "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 1000}],"
    " 'edges': ["
    "  {'from': 'mine', 'to': 'sep'},"
    "  {'from': 'sep', 'to': 'mag', 'material': 'ndpr'},"
    "  {'from': 'sep', 'to': 'port', 'material': 'dytb'},"
    "  {'from': 'port', 'to': 'mag'},"
    "  {'from': 'mag', 'to': 'ev'}]}";

static void test_coproducts(void)
{
    ckp_network *net = load_text(coproducts);
    ckp_error err;
    double total = -1;
    CHECK(ckp_bom_served(&total, NULL, net, &err) == CKP_OK);
    CHECK_NEAR(total, 100, 1e-9);
    CHECK_NEAR(LOSS(net, "port"), 100, 1e-9);
    CHECK_INT(cuts(net, "sep", "ev"), 1);
    CHECK_INT(cuts(net, "port", "ev"), 1);
    CHECK_INT(cuts(net, "mine", "ev"), 1);
    ckp_network_free(net);
}

/*
 * Recycling: the EV maker yields 0.2 scrap per magnet, which a recycler turns back into
 * NdPr for the magnet plant. With the mine's 80: magnets x = 80 + 0.2 x, x = 100, all
 * served (demand 200); without the recycler 80 (loss 20), and the recycler is no SPOF.
 * Without the mine the loop cannot start itself: nothing is served or producible.
 */
#define RECYCLING(mine_node, mine_edge)                                                     \
    "{'materials': [{'id': 'ndpr'}, {'id': 'magnet'}, {'id': 'scrap'}],"                   \
    " 'tiers': ['mine', 'separation', 'magnet', 'use'],"                                   \
    " 'nodes': [" mine_node                                                                 \
    "  {'id': 'rec', 'tier': 'separation', 'country': 'JP', 'recipe': {'scrap': 1},"       \
    "   'output': 'ndpr'},"                                                                 \
    "  {'id': 'mag', 'tier': 'magnet', 'country': 'JP', 'recipe': {'ndpr': 1},"            \
    "   'output': 'magnet'},"                                                               \
    "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 200,"                        \
    "   'yields': {'scrap': 0.2}}],"                                                        \
    " 'edges': [" mine_edge                                                                 \
    "  {'from': 'rec', 'to': 'mag'},"                                                       \
    "  {'from': 'mag', 'to': 'ev'},"                                                        \
    "  {'from': 'ev', 'to': 'rec'}]}"

static void test_recycling(void)
{
    ckp_network *net = load_text(
        RECYCLING("{'id': 'mine', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr', "
                  "'capacity': 80},",
                  "{'from': 'mine', 'to': 'mag'},"));
    ckp_error err;
    double total = -1;
    CHECK(ckp_bom_served(&total, NULL, net, &err) == CKP_OK);
    CHECK_NEAR(total, 100, 1e-9);
    CHECK_NEAR(LOSS(net, "rec"), 20, 1e-9);
    CHECK_NEAR(LOSS(net, "mine"), 100, 1e-9);
    CHECK_INT(cuts(net, "rec", "ev"), 0);
    CHECK_INT(cuts(net, "mine", "ev"), 1);
    CHECK_INT(cuts(net, "mag", "ev"), 1);
    ckp_network_free(net);

    /* a mine of nothing recycled: its edge goes elsewhere, the loop stands alone */
    net = load_text(RECYCLING("{'id': 'mine', 'tier': 'mine', 'country': 'AU', "
                              "'output': 'ndpr'}, {'id': 'other', 'tier': 'use', "
                              "'country': 'AU', 'demand': 5},",
                              "{'from': 'mine', 'to': 'other'},"));
    double served[8] = {0};
    CHECK(ckp_bom_served(&total, served, net, &err) == CKP_OK);
    CHECK_NEAR(total, 5, 1e-9);
    CHECK_NEAR(served[test_node(net, "ev")], 0, 0);
    /* ev was never producible: nothing cuts it off, not even itself */
    CHECK_INT(cuts(net, "mag", "ev"), 0);
    CHECK_INT(cuts(net, "ev", "ev"), 0);
    CHECK_INT(cuts(net, "mine", "other"), 1);
    /* a loop that loses material makes nothing from nothing */
    igraph_integer_t culprit = -2;
    CHECK(ckp_bom_check_gain(&culprit, net, &err) == CKP_OK);
    CHECK_INT(culprit, -1);
    ckp_network_free(net);

    /* the working loop (recycler yield 1, 0.2 scrap a magnet) loses material: no gain */
    net = load_text(RECYCLING("{'id': 'mine', 'tier': 'mine', 'country': 'AU', "
                              "'output': 'ndpr', 'capacity': 80},",
                              "{'from': 'mine', 'to': 'mag'},"));
    CHECK(ckp_bom_check_gain(&culprit, net, &err) == CKP_OK);
    ckp_network_free(net);
    /*
     * A recycler yielding 6 NdPr per unit of scrap: 0.2 x 6 = 1.2 > 1 per magnet, a loop
     * that grows by itself. With no mine output the EV maker is still served its 200; the
     * magnet plant (at least 200) is busier than the recycler (at most 0.2 x 200 = 40).
     */
    net = load_text(
        "{'materials': [{'id': 'ndpr'}, {'id': 'magnet'}, {'id': 'scrap'}],"
        " 'tiers': ['mine', 'separation', 'magnet', 'use'],"
        " 'nodes': [{'id': 'mine', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr'},"
        "  {'id': 'rec', 'tier': 'separation', 'country': 'JP', 'recipe': {'scrap': 1},"
        "   'yields': {'ndpr': 6}},"
        "  {'id': 'mag', 'tier': 'magnet', 'country': 'JP', 'recipe': {'ndpr': 1},"
        "   'output': 'magnet'},"
        "  {'id': 'ev', 'tier': 'use', 'country': 'JP', 'demand': 200,"
        "   'yields': {'scrap': 0.2}}],"
        " 'edges': [{'from': 'mine', 'to': 'mag', 'capacity': 0}, {'from': 'rec', 'to': 'mag'},"
        "  {'from': 'mag', 'to': 'ev'}, {'from': 'ev', 'to': 'rec'}]}");
    CHECK(ckp_bom_check_gain(&culprit, net, &err) == CKP_EDATA);
    CHECK_INT(culprit, test_node(net, "mag"));
    CHECK_STR(err.message, "material from nothing: with no first-tier production, 200 is "
                           "still served; a loop through node 'mag' yields more than it takes "
                           "in");
    /* `check` refuses it with the same words */
    ckp_check_report report;
    CHECK(ckp_check(&report, net, &err) == CKP_EDATA);
    CHECK_STR(err.message, "material from nothing: with no first-tier production, 200 is "
                           "still served; a loop through node 'mag' yields more than it takes "
                           "in");
    /* and producibility: the loop cannot start itself, the mine's edge carries a material
       that can be produced even at capacity 0 */
    CHECK_INT(cuts(net, "mine", "ev"), 1);
    ckp_network_free(net);
}

/*
 * check's over-capacity warning measures a node's throughput, not the sum of its flows of
 * different materials. The mine (capacity 105, yields 1 ndpr and 0.2 dytb) sends 100 t ndpr
 * and 7 t dytb: throughput 100, though 107 t leave it; the plant (capacity 100, recipe 1
 * ndpr and 0.07 dytb) takes 100 t ndpr and 7 t dytb: throughput 100. Neither is over. With
 * 110 t of ndpr the mine is (110); the plant is not: its throughput is what it makes, 100 t
 * of magnets, and the 10 t of ndpr it does not use are for the recipe-volume warning.
 */
static void test_check_throughput(void)
{
    static const char *const fmt =
        "{'materials': [{'id': 'ndpr'}, {'id': 'dytb'}, {'id': 'magnet'}],"
        " 'tiers': ['mine', 'sep', 'magnet', 'use'],"
        " 'nodes': [{'id': 'ore', 'tier': 'mine', 'country': 'CN', 'capacity': 105,"
        "   'yields': {'ndpr': 1, 'dytb': 0.2}},"
        "  {'id': 'h', 'tier': 'sep', 'country': 'CN'},"
        "  {'id': 'p', 'tier': 'magnet', 'country': 'JP', 'capacity': 100,"
        "   'recipe': {'ndpr': 1, 'dytb': 0.07}, 'output': 'magnet'},"
        "  {'id': 'u', 'tier': 'use', 'country': 'JP', 'demand': 100}],"
        " 'edges': [{'from': 'ore', 'to': 'p', 'material': 'ndpr', 'volume': %d},"
        "  {'from': 'ore', 'to': 'h', 'material': 'dytb', 'volume': 7},"
        "  {'from': 'h', 'to': 'p', 'volume': 7}, {'from': 'p', 'to': 'u', 'volume': 100}]}";
    static const int volumes[] = {100, 110};
    for (int i = 0; i < 2; i++) {
        char text[1024];
        snprintf(text, sizeof text, fmt, volumes[i]);
        ckp_network *net = load_text(text);
        ckp_check_report r;
        ckp_error err;
        CHECK(ckp_check(&r, net, &err) == CKP_OK);
        CHECK_INT(r.counts[CKP_WARN_OVER_CAPACITY], i);
        for (igraph_integer_t k = 0; k < r.n_warnings; k++) {
            if (r.warnings[k].kind != CKP_WARN_OVER_CAPACITY)
                continue;
            CHECK_INT(r.warnings[k].node, test_node(net, "ore"));
            CHECK_NEAR(r.warnings[k].value, 110, 1e-12);
        }
        ckp_check_report_destroy(&r);
        ckp_network_free(net);
    }
}

/* One material: the LP is the maximum flow, on every small network and the flagship. */
static void test_same_as_max_flow(void)
{
    static const char *const files[] = {"small/diamond.json", "small/recycling.json",
                                        "small/single-magnet.json", "small/transshipment.json",
                                        "rare-earths-japan.json"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[512];
        ckp_error err;
        ckp_network *net = NULL;
        ckp_flow *flow = NULL;
        snprintf(path, sizeof path, "%s/%s", CKP_NETWORKS, files[f]);
        CHECK(ckp_load_json(&net, path, &err) == CKP_OK);
        CHECK(!ckp_network_has_bom(net));
        CHECK(ckp_flow_new(&flow, net, &err) == CKP_OK);
        double want = ckp_flow_solve(flow, -1), got = -1;
        igraph_integer_t n = ckp_network_node_count(net);
        double *served = calloc((size_t)n, sizeof *served);
        CHECK(ckp_bom_served(&got, served, net, &err) == CKP_OK);
        CHECK_NEAR(got, want, 1e-9 * want);
        double sum = 0;
        for (igraph_integer_t v = 0; v < n; v++)
            sum += served[v];
        CHECK_NEAR(sum, want, 1e-9 * want);
        /* and the loss of each node's flow, as the max flow repair computes it */
        CHECK(ckp_flow_keep_baseline(flow, &err) == CKP_OK);
        igraph_integer_t *ids = malloc((size_t)n * sizeof *ids), *ones = malloc((size_t)n *
                                                                                sizeof *ones);
        const igraph_integer_t **sets = malloc((size_t)n * sizeof *sets);
        double *a = calloc((size_t)n, sizeof *a), *b = calloc((size_t)n, sizeof *b);
        for (igraph_integer_t v = 0; v < n; v++) {
            ids[v] = v;
            ones[v] = 1;
            sets[v] = &ids[v];
        }
        CHECK(ckp_flow_losses(flow, sets, ones, n, 1, a, &err) == CKP_OK);
        CHECK(ckp_bom_losses(b, NULL, net, sets, ones, n, &err) == CKP_OK);
        for (igraph_integer_t v = 0; v < n; v++)
            CHECK_NEAR(b[v], a[v], 1e-9 * want);
        free(ids);
        free(ones);
        free(sets);
        free(a);
        free(b);
        free(served);
        ckp_flow_free(flow);
        ckp_network_free(net);
    }
}

/* Served by the LP with every edge from China abroad carrying one of `mats` closed. */
static double served_with_embargo(ckp_network *net, const char *const *mats, int n_mats)
{
    ckp_error err;
    double total = -1;
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
        const char *a = ckp_node_country(net, ckp_edge_from(net, e));
        const char *b = ckp_node_country(net, ckp_edge_to(net, e));
        for (int k = 0; k < n_mats; k++)
            if (!strcmp(a, "CN") && strcmp(b, "CN") &&
                ckp_edge_material(net, e) == ckp_network_material_find(net, mats[k]))
                CHECK(ckp_network_set_edge_number(net, e, "capacity", 0, &err) == CKP_OK);
    }
    CHECK(ckp_bom_served(&total, NULL, net, &err) == CKP_OK);
    return total;
}

/*
 * The flagship's version 2 figures quoted in networks/README.md: its 2024 volumes are a
 * feasible flow that serves every demand (73,934); China's April 2025 licensing on Dy/Tb and
 * magnets leaves 53,067, Dy/Tb alone 73,694.7 (Chinese magnets fill the gap), and the loss of
 * Myanmar's mines (capacity 0) 46,598.9.
 */
static void test_flagship_v2(void)
{
    static const char *const both[] = {"dytb", "magnet"};
    char path[512];
    ckp_error err;
    ckp_network *net = NULL;
    double total = -1;
    snprintf(path, sizeof path, "%s/rare-earths-japan-v2.json", CKP_NETWORKS);
    CHECK(ckp_load_json(&net, path, &err) == CKP_OK);
    CHECK(ckp_network_has_bom(net));
    CHECK(ckp_bom_served(&total, NULL, net, &err) == CKP_OK);
    CHECK_NEAR(total, 73934, 1e-6);
    CHECK_NEAR(served_with_embargo(net, both, 1), 73694.681818, 1e-3);
    CHECK_NEAR(served_with_embargo(net, both, 2), 53066.954545, 1e-3);
    ckp_network_free(net);
    CHECK(ckp_load_json(&net, path, &err) == CKP_OK);
    CHECK(ckp_network_set_node_number(net, test_node(net, "kachin_ionic_clays"), "capacity", 0,
                                      &err) == CKP_OK);
    CHECK(ckp_bom_served(&total, NULL, net, &err) == CKP_OK);
    CHECK_NEAR(total, 46608.114478, 1e-3);
    ckp_network_free(net);
}

/* Each new error names the file, the place and the culprit. */
static void test_errors(void)
{
#define HEAD "{'materials': [{'id': 'ndpr'}, {'id': 'dytb'}, {'id': 'magnet'}],\n" \
             "'tiers': ['mine', 'magnet', 'use'],\n'nodes': [\n"
#define MINES "{'id': 'm1', 'tier': 'mine', 'country': 'AU', 'output': 'ndpr'},\n" \
              "{'id': 'm2', 'tier': 'mine', 'country': 'CN', 'output': 'dytb'},\n"
#define PLANT "{'id': 'p', 'tier': 'magnet', 'country': 'JP', " \
              "'recipe': {'ndpr': 1, 'dytb': 0.1}, 'output': 'magnet'},\n"
#define USER "{'id': 'u', 'tier': 'use', 'country': 'JP', 'demand': 5}\n],\n'edges': [\n"
    static const struct {
        const char *text, *want;
    } cases[] = {
        {HEAD "{'id': 'm1', 'tier': 'mine', 'country': 'AU', 'output': 'nd'}\n],\n'edges': []}",
         "m.json:4:57: node 'm1': \"output\" names unknown material 'nd': list it in the "
         "top-level \"materials\""},
        {HEAD MINES "{'id': 'p', 'tier': 'magnet', 'country': 'JP', "
                    "'recipe': {'ndpr': 1, 'tb': 0.1}, 'output': 'magnet'}\n],\n'edges': []}",
         "m.json:6:70: node 'p': \"recipe\" names unknown material 'tb': list it in the "
         "top-level \"materials\""},
        {HEAD "{'id': 'm1', 'tier': 'mine', 'country': 'AU', 'recipe': {'ndpr': 1}, "
              "'output': 'ndpr'},\n" USER "]}",
         "m.json:4:57: node 'm1': a first-tier node makes its output from nothing: it cannot "
         "have a \"recipe\""},
        {HEAD MINES "{'id': 'p', 'tier': 'magnet', 'country': 'JP', "
                    "'recipe': {'ndpr': 1, 'dytb': 0.1}},\n" USER "]}",
         "m.json:6:58: node 'p': its output cannot be told: give \"output\" or \"yields\""},
        {HEAD "{'id': 'm1', 'tier': 'mine', 'country': 'AU'},\n" USER "]}",
         "m.json:4:8: node 'm1': its output cannot be told: in a network of several "
         "materials a first-tier node needs \"output\" or \"yields\""},
        {HEAD MINES PLANT USER "{'from': 'm1', 'to': 'p', 'material': 'magnet'}]}",
         "m.json:10:39: edge 0: node 'm1' neither makes nor receives material 'magnet'"},
        {HEAD MINES PLANT "{'id': 'u', 'tier': 'use', 'country': 'JP', 'demand': 5, "
                          "'recipe': {'magnet': 1}}\n],\n'edges': [\n{'from': 'm1', 'to': 'u'}]}",
         "m.json:10:22: edge 0: material 'ndpr' is not in the recipe of node 'u'"},
        {HEAD MINES PLANT USER "{'from': 'p', 'to': 'm1'}]}",
         "m.json:10:21: edge 0: first-tier node 'm1' takes in only what it makes, not "
         "material 'magnet'"},
        {HEAD MINES PLANT USER "{'from': 'm2', 'to': 'u'}, {'from': 'p', 'to': 'u'}]}",
         "m.json:10:22: edge 0: end user 'u' receives several materials (one is 'dytb'): "
         "give it a recipe"},
        /* one edge per (from, to, material): given twice, or told as one given */
        {HEAD MINES PLANT USER "{'from': 'm1', 'to': 'p', 'material': 'ndpr'},\n"
                               "{'from': 'm1', 'to': 'p', 'material': 'ndpr'}]}",
         "m.json:11:39: edge 1: duplicate edge 'm1' -> 'p' in material 'ndpr': give one edge "
         "per pair and material and add up the volumes"},
        {HEAD MINES PLANT USER "{'from': 'm1', 'to': 'p'},\n"
                               "{'from': 'm1', 'to': 'p', 'material': 'ndpr'}]}",
         "m.json:10:22: edge 0: duplicate edge 'm1' -> 'p' in its material: give one edge "
         "per pair and material and add up the volumes"},
        {HEAD MINES PLANT USER "{'from': 'm1', 'to': 'p', 'material': 'xx'}]}",
         "m.json:10:39: edge 0: \"material\" names unknown material 'xx': list it in the "
         "top-level \"materials\""},
        {HEAD "{'id': 'm1', 'tier': 'mine', 'country': 'AU', 'yields': {'ndpr': 0.5, "
              "'dytb': 0.1}},\n" PLANT USER "{'from': 'm1', 'to': 'p'}]}",
         "m.json:9:10: edge 0: its material cannot be told: node 'm1' makes several "
         "materials; give \"material\""},
        {HEAD MINES "{'id': 'p', 'tier': 'magnet', 'country': 'JP', "
                    "'recipe': {'ndpr': 1, 'dytb': 0.1}, 'output': 'magnet'},\n"
                    "{'id': 'u', 'tier': 'use', 'country': 'JP', 'recipe': {'magnet': 1}}\n"
                    "],\n'edges': []}",
         "m.json:7:55: node 'u': an end user with a recipe needs a \"demand\" (units of what "
         "it makes)"},
        {HEAD MINES "{'id': 'p', 'tier': 'magnet', 'country': 'JP', "
                    "'recipe': {'ndpr': 1, 'dytb': 0.1}, 'output': 'magnet', "
                    "'yields': {'dytb': 1}}\n],\n'edges': []}",
         "m.json:6:94: node 'p': give \"output\" or \"yields\", not both"},
        {HEAD MINES "{'id': 'p', 'tier': 'magnet', 'country': 'JP', 'output': 'magnet'}\n],\n'edges': []}",
         "m.json:6:58: node 'p': \"output\" or \"yields\" without a \"recipe\": only "
         "first-tier nodes make material from nothing; give it a recipe"},
        {HEAD MINES "{'id': 'p', 'tier': 'magnet', 'country': 'JP', "
                    "'recipe': {'ndpr': 0, 'dytb': 0.1}, 'output': 'magnet'}\n],\n'edges': []}",
         "m.json:6:59: node 'p': \"recipe\": 'ndpr' must be a finite number above 0"},
        {"{'materials': [{'id': 'a'}, {'id': 'a'}], 'tiers': ['m', 'u'], 'nodes': [], "
         "'edges': []}",
         "m.json:1:36: material 1: duplicate material 'a': every material needs its own id"},
        {"{'materials': [{'name': 'a'}], 'tiers': ['m', 'u'], 'nodes': [], 'edges': []}",
         "m.json:1:16: material 0: missing \"id\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ckp_network *net = NULL;
        ckp_error err;
        char msg[2200];
        CHECK(load_quoted(&net, cases[i].text, &err) == CKP_EDATA);
        CHECK(net == NULL);
        CHECK_STR(ckp_error_format(msg, sizeof msg, &err), cases[i].want);
    }
}

/*
 * networks/small/magnet-bom.json (worked in tests/data/README.md): the Chinese separator
 * sends NdPr and Dy/Tb to the Japanese plant on two edges of one pair. Served 160 (Dy/Tb:
 * 8 / 0.05). A copy keeps the materials: without sep_au, NdPr is 100 and 100 is served.
 * A plan lowering magnet_jp's Dy/Tb to 0.045 (grain-boundary diffusion): magnet_jp at 150
 * takes 6.75, magnet_cn makes 1.25 / 0.05 = 25, so 175 is served.
 */
static void test_copy_and_plan(void)
{
    ckp_network *net = NULL, *copy = NULL, *planned = NULL;
    ckp_error err;
    ckp_plan_info info;
    double total = -1;
    CHECK_INT(ckp_load_json(&net, CKP_NETWORKS "/small/magnet-bom.json", &err),
              CKP_OK);
    CHECK_INT(ckp_network_edge_count(net), 8);
    CHECK_INT(ckp_bom_served(&total, NULL, net, &err), CKP_OK);
    CHECK_NEAR(total, 160, 1e-9);
    char drop[6] = {0};
    drop[test_node(net, "sep_au")] = 1;
    CHECK_INT(ckp_network_copy(&copy, net, drop, NULL, &err), CKP_OK);
    CHECK_INT(ckp_network_material_count(copy), 3);
    CHECK_INT(ckp_edge_material(copy, 1), ckp_network_material_find(copy, "dytb"));
    CHECK_INT(ckp_bom_served(&total, NULL, copy, &err), CKP_OK);
    CHECK_NEAR(total, 100, 1e-9);
    static const char plan[] =
        "{\"name\": \"gbd\", \"update_nodes\": [{\"id\": \"magnet_jp\","
        " \"recipe\": {\"ndpr\": 1, \"dytb\": 0.045}}]}";
    CHECK_INT(ckp_plan_apply_buffer(&planned, &info, net, plan, strlen(plan), "p.json", &err),
              CKP_OK);
    CHECK_INT(ckp_bom_served(&total, NULL, planned, &err), CKP_OK);
    CHECK_NEAR(total, 175, 1e-9);
    ckp_plan_info_destroy(&info);
    ckp_network_free(planned);
    static const char bad[] =
        "{\"update_nodes\": [{\"id\": \"magnet_jp\", \"recipe\": {\"magnet\": 1}}]}";
    CHECK_INT(ckp_plan_apply_buffer(&planned, &info, net, bad, strlen(bad), "p.json", &err),
              CKP_EDATA);
    CHECK_STR(err.message, "after the plan: edge 0: material 'ndpr' is not in the recipe of "
                           "node 'magnet_jp'");
    ckp_network_free(copy);
    /*
     * origin per material: wind_de embeds Dy/Tb from magnet_jp (20 t x 0.05 = 1) and
     * magnet_cn (40 x 0.05 = 2): CN 2/3 at the magnet tier; its NdPr passed through Chinese
     * separation for 40 + 20 x 1/2 of 60 t: 5/6.
     */
    ckp_dependency dep;
    CHECK_INT(ckp_dependency_material(&dep, net, ckp_network_material_find(net, "dytb"), &err),
              CKP_OK);
    igraph_integer_t cn = ckp_node_country_index(net, test_node(net, "sep_cn"));
    CHECK_NEAR(ckp_dependency_share(&dep, 1, 1, cn), 2.0 / 3, 1e-12);
    CHECK_NEAR(ckp_dependency_share(&dep, 0, 0, cn), 1, 1e-12);
    ckp_dependency_destroy(&dep);
    CHECK_INT(ckp_dependency_material(&dep, net, ckp_network_material_find(net, "ndpr"), &err),
              CKP_OK);
    CHECK_NEAR(ckp_dependency_share(&dep, 1, 0, cn), 5.0 / 6, 1e-12);
    CHECK_NEAR(ckp_dependency_share(&dep, 0, 0, cn), 0.5, 1e-12);
    ckp_dependency_destroy(&dep);
    /* an embargo naming a material the network does not list */
    ckp_scenario *sc = NULL;
    static const char bad_embargo[] =
        "{\"embargo\": [{\"from\": \"CN\", \"to\": \"*\", \"materials\": [\"tb\"]}]}";
    CHECK_INT(ckp_scenario_parse(&sc, net, bad_embargo, strlen(bad_embargo), "s.json", &err),
              CKP_EDATA);
    CHECK_STR(err.message, "embargo[0]: unknown material 'tb': the network's \"materials\" "
                           "list it");
    static const char embargo[] =
        "{\"embargo\": [{\"from\": \"CN\", \"to\": \"*\", \"materials\": [\"dytb\"]}]}";
    CHECK_INT(ckp_scenario_parse(&sc, net, embargo, strlen(embargo), "s.json", &err), CKP_OK);
    CHECK_INT(ckp_scenario_apply(&copy, net, sc, NULL, NULL, NULL, &err), CKP_OK);
    CHECK_INT(ckp_network_edge_count(copy), 7); /* sep_cn -> magnet_jp in dytb only */
    CHECK_INT(ckp_bom_served(&total, NULL, copy, &err), CKP_OK);
    CHECK_NEAR(total, 50, 1e-9);
    ckp_scenario_free(sc);
    ckp_network_free(copy);
    /* check: recorded volumes agree with the recipes; 9 of Dy/Tb into magnet_jp would not */
    ckp_check_report report;
    CHECK_INT(ckp_check(&report, net, &err), CKP_OK);
    CHECK_INT(report.counts[CKP_WARN_RECIPE_VOLUME], 0);
    CHECK_INT(report.n_materials, 3);
    CHECK_NEAR(report.material_concentration[0][0].hhi, 62.5 * 62.5 + 37.5 * 37.5, 1e-9);
    ckp_check_report_destroy(&report);
    CHECK_INT(ckp_network_set_edge_number(net, 2, "volume", 9, &err), CKP_OK);
    CHECK_INT(ckp_check(&report, net, &err), CKP_OK);
    CHECK_INT(report.counts[CKP_WARN_RECIPE_VOLUME], 1);
    CHECK_STR(ckp_check_message(&report, net, report.n_warnings - 1),
              "node 'magnet_jp' receives 9 of 'dytb' where its recipe calls for 6 (0.05 per "
              "unit of its output of 120): more than 10% apart");
    ckp_check_report_destroy(&report);
    ckp_network_free(net);
}

int main(void)
{
    test_magnet_plants();
    test_coproducts();
    test_recycling();
    test_same_as_max_flow();
    test_check_throughput();
    test_flagship_v2();
    test_errors();
    test_copy_and_plan();
    return test_report("test_materials");
}
