/*
 * GraphML in and out: a NetworkX file (GraphML node ids, "long" numbers, the
 * tier order inferred), every field through igraph's writer and reader, and
 * the errors, each message worked out by hand.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/export.h"
#include "chokepoint/load.h"
#include "chokepoint/materials.h"
#include "test.h"

#define HEAD                                                                              \
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"                           \
    "<key id=\"t\" for=\"node\" attr.name=\"tier\" attr.type=\"string\"/>"                \
    "<key id=\"c\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>"             \
    "<key id=\"k\" for=\"node\" attr.name=\"capacity\" attr.type=\"string\"/>"            \
    "<key id=\"v\" for=\"edge\" attr.name=\"volume\" attr.type=\"double\"/>"              \
    "<graph edgedefault=\"directed\">"
#define MINE "<node id=\"m\"><data key=\"t\">mine</data><data key=\"c\">AU</data></node>"
#define USE "<node id=\"u\"><data key=\"t\">use</data><data key=\"c\">JP</data></node>"
#define EDGE "<edge source=\"m\" target=\"u\"><data key=\"v\">5</data></edge>"
#define TAIL "</graph></graphml>"

static ckp_code load(ckp_network **net, const char *text, ckp_error *err)
{
    return ckp_load_graphml_buffer(net, text, strlen(text), "x.graphml", NULL, err);
}

static void check_error(const char *text, const char *want)
{
    ckp_network *net = NULL;
    ckp_error err;
    char msg[1024];
    ckp_error_init(&err);
    CHECK_INT(load(&net, text, &err), CKP_EDATA);
    CHECK(net == NULL);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err), want);
}

int main(void)
{
    ckp_network *net = NULL, *back = NULL;
    ckp_error err;
    ckp_error_init(&err);

    /* written by nx.write_graphml: ids from the GraphML node ids, tiers from the edges */
    CHECK_INT(ckp_load_graphml(&net, CKP_TEST_DATA "/nx-diamond.graphml", NULL, &err), CKP_OK);
    if (net) {
        CHECK_INT(ckp_network_node_count(net), 5);
        CHECK_INT(ckp_network_edge_count(net), 5);
        CHECK_STR(ckp_network_name(net), "Diamond (NetworkX)");
        CHECK_STR(ckp_network_unit(net), "t/yr");
        CHECK_NEAR(ckp_network_year(net), 2024, 0);
        CHECK_INT(ckp_network_tier_count(net), 4);
        CHECK_STR(ckp_network_tier_name(net, 0), "mine");
        CHECK_STR(ckp_network_tier_name(net, 3), "end_use");
        igraph_integer_t s1 = ckp_network_find(net, "s1"), g = ckp_network_find(net, "g");
        CHECK(s1 >= 0 && g >= 0);
        CHECK_NEAR(ckp_node_capacity(net, s1), 60, 0);
        CHECK_STR(ckp_node_owner(net, s1), "CRE");
        CHECK(ckp_node_owner(net, g) == NULL);
        CHECK(isinf(ckp_node_capacity(net, ckp_network_find(net, "e"))));
        CHECK_NEAR(ckp_node_demand_given(net, ckp_network_find(net, "e")), 90, 0);
        CHECK(isnan(ckp_node_stock(net, s1)));
        CHECK_NEAR(ckp_edge_volume(net, ckp_network_find_edge(net, s1, g)), 50, 0);
    }

    /* igraph's writer and reader: the same JSON before and after */
    ckp_buf gml, a, b;
    ckp_buf_init(&gml);
    ckp_buf_init(&a);
    ckp_buf_init(&b);
    if (net) {
        CHECK_INT(ckp_network_write_graphml(&gml, net, &err), CKP_OK);
        CHECK(gml.data && strstr(gml.data, "<data key=\"v_id\">s1</data>"));
        CHECK_INT(ckp_load_graphml_buffer(&back, gml.data, gml.len, "g.graphml", NULL, &err),
                  CKP_OK);
    }
    if (back) {
        ckp_network_write_json(&a, net);
        ckp_network_write_json(&b, back);
        CHECK_STR(b.data, a.data);
    }
    /* materials and recipes are written too: tests/unit/test_bom_interchange.c */
    ckp_buf_destroy(&gml);
    ckp_buf_destroy(&a);
    ckp_buf_destroy(&b);
    ckp_network_free(back);
    ckp_network_free(net);
    net = NULL;

    /* a number in a string attribute is read; the edge order decides the tiers */
    CHECK_INT(load(&net, HEAD USE MINE EDGE TAIL, &err), CKP_OK);
    if (net) {
        CHECK_STR(ckp_network_tier_name(net, 0), "mine");
        CHECK_NEAR(ckp_edge_volume(net, 0), 5, 0);
    }
    ckp_network_free(net);
    net = NULL;

    check_error(HEAD MINE "<node id=\"u\"><data key=\"t\">use</data></node>" EDGE TAIL,
                "x.graphml: node 'u' has no \"country\" attribute: every node needs one");
    check_error(HEAD "<node id=\"m\"><data key=\"t\">mine</data><data key=\"c\">AU</data>"
                     "<data key=\"k\">12,000</data></node>" USE EDGE TAIL,
                "x.graphml: node 'm': \"capacity\" must be a number, not '12,000'");
    check_error(HEAD MINE "<node id=\"u\"><data key=\"t\">use</data><data key=\"c\">Japan"
                          "</data></node>" EDGE TAIL,
                "x.graphml: node 'u': \"country\" 'Japan' is not an ISO 3166-1 alpha-2 code "
                "(use JP); use ZZ when unknown");
    check_error(HEAD MINE USE EDGE "<edge source=\"u\" target=\"u\"/>" TAIL,
                "x.graphml: edge 'u' -> 'u': self-loop on 'u': an edge must join two different "
                "nodes");
    check_error("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
                "<graph edgedefault=\"undirected\"><node id=\"a\"/></graph></graphml>",
                "x.graphml: the graph is undirected: a supply network's edges go from supplier "
                "to customer (edgedefault=\"directed\")");
    check_error(HEAD MINE TAIL, "x.graphml: every node is in one tier: a network needs at "
                                "least two tiers, sources first and end users last");
    return test_report("test_load_graphml");
}
