/*
 * The network model: adding and finding nodes and edges, validation with the
 * exact messages, copies with drop masks, number updates, and interning at
 * scale (100,000 ids).
 */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/network.h"
#include "country.h"
#include "network_internal.h"
#include "strtab.h"
#include "test.h"

static ckp_error err;

#define CHECK_ERR(call, want_code, want)                  \
    do {                                                  \
        ckp_error_init(&err);                             \
        CHECK_INT((call), (want_code));                   \
        CHECK_INT(err.code, (want_code));                 \
        CHECK_STR(err.message, (want));                   \
    } while (0)

static ckp_network *three_tiers(void)
{
    ckp_network *net = NULL;
    CHECK_INT(ckp_network_new(&net, &err), CKP_OK);
    CHECK_INT(ckp_network_add_tier(net, "mine", &err), CKP_OK);
    CHECK_INT(ckp_network_add_tier(net, "sep", &err), CKP_OK);
    CHECK_INT(ckp_network_add_tier(net, "use", &err), CKP_OK);
    return net;
}

static igraph_integer_t add(ckp_network *net, const char *id, const char *tier,
                            const char *country, const char *owner, double capacity)
{
    ckp_node_spec s;
    ckp_node_spec_init(&s);
    s.id = id;
    s.tier = tier;
    s.country = country;
    s.owner = owner;
    s.capacity = capacity;
    CHECK_INT(ckp_network_add_node(net, &s, NULL, &err), CKP_OK);
    return ckp_network_find(net, id);
}

static void join(ckp_network *net, igraph_integer_t from, igraph_integer_t to, double volume)
{
    ckp_edge_spec s;
    ckp_edge_spec_init(&s);
    s.from = from;
    s.to = to;
    s.volume = volume;
    CHECK_INT(ckp_network_add_edge(net, &s, NULL, &err), CKP_OK);
}

static void specs_and_meta(void)
{
    ckp_node_spec n;
    ckp_node_spec_init(&n);
    CHECK(n.id == NULL && n.name == NULL && n.tier == NULL && n.country == NULL);
    CHECK(n.owner == NULL && n.source == NULL && n.estimate == NULL);
    CHECK(n.capacity == CKP_UNBOUNDED);
    CHECK(isnan(n.demand) && isnan(n.stock));
    ckp_edge_spec e;
    ckp_edge_spec_init(&e);
    CHECK_INT(e.from, -1);
    CHECK_INT(e.to, -1);
    CHECK(e.volume == 0);
    CHECK(e.capacity == CKP_UNBOUNDED);
    CHECK(e.source == NULL && e.estimate == NULL);

    ckp_network_free(NULL); /* a no-op */
    ckp_network *net = NULL;
    CHECK_INT(ckp_network_new(&net, &err), CKP_OK);
    CHECK_STR(ckp_network_name(net), "");
    CHECK_STR(ckp_network_unit(net), "");
    CHECK(ckp_network_description(net) == NULL);
    CHECK(ckp_network_source(net) == NULL);
    CHECK(isnan(ckp_network_year(net)));
    CHECK_INT(ckp_network_tier_count(net), 0);
    CHECK_INT(ckp_network_node_count(net), 0);
    CHECK_INT(ckp_network_edge_count(net), 0);
    CHECK_INT(ckp_network_find(net, "x"), -1);
    CHECK_INT(ckp_network_find_edge(net, 0, 1), -1);
    CHECK_INT(ckp_network_country_count(net), 0);
    CHECK_INT(ckp_network_owner_count(net), 0);

    CHECK_INT(ckp_network_set_meta(net, "N", "t", 2024, "d", "s", &err), CKP_OK);
    CHECK_STR(ckp_network_name(net), "N");
    CHECK_STR(ckp_network_unit(net), "t");
    CHECK(ckp_network_year(net) == 2024);
    CHECK_STR(ckp_network_description(net), "d");
    CHECK_STR(ckp_network_source(net), "s");
    /* strings are copied */
    char name[] = "changing";
    CHECK_INT(ckp_network_set_meta(net, name, NULL, NAN, NULL, NULL, &err), CKP_OK);
    name[0] = 'X';
    CHECK_STR(ckp_network_name(net), "changing");
    CHECK_STR(ckp_network_unit(net), ""); /* NULL clears */
    CHECK(ckp_network_description(net) == NULL);
    CHECK(isnan(ckp_network_year(net)));

    /* tiers */
    CHECK_ERR(ckp_network_add_tier(net, "", &err), CKP_EDATA, "a tier name is empty");
    CHECK_ERR(ckp_network_add_tier(net, NULL, &err), CKP_EDATA, "a tier name is empty");
    CHECK_INT(ckp_network_add_tier(net, "mine", &err), CKP_OK);
    CHECK_INT(ckp_network_add_tier(net, "use", &err), CKP_OK);
    CHECK_ERR(ckp_network_add_tier(net, "mine", &err), CKP_EDATA,
              "tier 'mine' is listed twice in \"tiers\"");
    CHECK_INT(ckp_network_tier_count(net), 2);
    CHECK_INT(ckp_network_tier_find(net, "use"), 1);
    CHECK_INT(ckp_network_tier_find(net, "Use"), -1);
    CHECK_STR(ckp_network_tier_name(net, 0), "mine");
    ckp_network_free(net);
}

static void nodes(void)
{
    ckp_network *net = three_tiers();
    ckp_node_spec s;
    const char *bad = "unset";
#define NODE_ERR(field, want)                                                         \
    do {                                                                              \
        bad = "unset";                                                                \
        CHECK_ERR(ckp_network_add_node(net, &s, &bad, &err), CKP_EDATA, want);        \
        CHECK_STR(bad, field);                                                        \
    } while (0)
#define SPEC(id_, tier_, country_)  \
    do {                            \
        ckp_node_spec_init(&s);     \
        s.id = id_;                 \
        s.tier = tier_;             \
        s.country = country_;       \
    } while (0)

    SPEC("a", "mine", "AU");
    s.name = "Mine A";
    s.owner = "Lynas";
    s.capacity = 10;
    s.demand = 1;
    s.stock = 2;
    s.source = "report";
    s.estimate = "guess";
    CHECK_INT(ckp_network_add_node(net, &s, &bad, &err), CKP_OK);
    CHECK(bad == NULL);
    CHECK_INT(ckp_network_node_count(net), 1);
    CHECK_INT(ckp_network_find(net, "a"), 0);
    CHECK_STR(ckp_node_id(net, 0), "a");
    CHECK_STR(ckp_node_name(net, 0), "Mine A");
    CHECK_INT(ckp_node_tier(net, 0), 0);
    CHECK_STR(ckp_node_country(net, 0), "AU");
    CHECK_STR(ckp_node_owner(net, 0), "Lynas");
    CHECK(ckp_node_capacity(net, 0) == 10);
    CHECK(ckp_node_demand_given(net, 0) == 1);
    CHECK(ckp_node_stock(net, 0) == 2);
    CHECK_STR(ckp_node_source(net, 0), "report");
    CHECK_STR(ckp_node_estimate(net, 0), "guess");

    SPEC(NULL, "mine", "AU");
    NODE_ERR("id", "\"id\" is empty: give every node an id");
    SPEC("", "mine", "AU");
    NODE_ERR("id", "\"id\" is empty: give every node an id");
    SPEC("a", "use", "JP");
    NODE_ERR("id", "duplicate id 'a': every node needs its own id");
    SPEC("b", "smelter", "AU");
    NODE_ERR("tier", "unknown tier 'smelter': \"tier\" must be one of mine, sep, use");
    SPEC("b", NULL, "AU");
    NODE_ERR("tier", "unknown tier '': \"tier\" must be one of mine, sep, use");
    SPEC("b", "mine", "UK");
    NODE_ERR("country", "\"country\" 'UK' is not an ISO 3166-1 alpha-2 code (use GB); use ZZ "
                        "when unknown");
    SPEC("b", "mine", NULL);
    NODE_ERR("country", "\"country\" '' is not an ISO 3166-1 alpha-2 code; use ZZ when unknown");
    SPEC("b", "mine", "A");
    NODE_ERR("country", "\"country\" 'A' is not an ISO 3166-1 alpha-2 code; use ZZ when unknown");
    SPEC("b", "mine", "AU");
    s.capacity = -1;
    NODE_ERR("capacity", "\"capacity\" is negative (-1): it must be 0 or more");
    s.capacity = NAN; /* an absent capacity is CKP_UNBOUNDED, never NAN */
    NODE_ERR("capacity", "\"capacity\" must be a finite number");
    s.capacity = -INFINITY;
    NODE_ERR("capacity", "\"capacity\" must be a finite number");
    s.capacity = 5;
    s.demand = INFINITY;
    NODE_ERR("demand", "\"demand\" must be a finite number");
    s.demand = -0.25;
    NODE_ERR("demand", "\"demand\" is negative (-0.25): it must be 0 or more");
    s.demand = NAN;
    s.stock = -3;
    NODE_ERR("stock", "\"stock\" is negative (-3): it must be 0 or more");
    /* nothing was added by the failures: not the node, not its country or owner */
    CHECK_INT(ckp_network_node_count(net), 1);
    CHECK_INT(ckp_network_country_count(net), 1);
    CHECK_INT(ckp_network_owner_count(net), 1);
    CHECK_INT(ckp_network_find(net, "b"), -1);

    /* a NULL bad_field and a NULL error are allowed */
    SPEC("", "mine", "AU");
    CHECK_INT(ckp_network_add_node(net, &s, NULL, NULL), CKP_EDATA);

    /* defaults, interning, user-assigned codes; an empty owner is no owner */
    igraph_integer_t b = add(net, "b", "sep", "CN", "", CKP_UNBOUNDED);
    igraph_integer_t c = add(net, "c", "sep", "AU", "CRE", 0);
    igraph_integer_t d = add(net, "d", "use", "ZZ", "Lynas", 1);
    igraph_integer_t x = add(net, "x", "use", "XK", NULL, 1);
    CHECK_INT(b, 1);
    CHECK_INT(x, 4);
    CHECK_STR(ckp_node_name(net, b), "b");
    CHECK(ckp_node_owner(net, b) == NULL);
    CHECK_INT(ckp_node_owner_index(net, b), -1);
    CHECK(isnan(ckp_node_demand_given(net, b)));
    CHECK(isnan(ckp_node_stock(net, b)));
    CHECK(ckp_node_source(net, b) == NULL);
    CHECK_INT(ckp_node_country_index(net, 0), 0);
    CHECK_INT(ckp_node_country_index(net, b), 1);
    CHECK_INT(ckp_node_country_index(net, c), 0);
    CHECK_INT(ckp_node_country_index(net, d), 2);
    CHECK_INT(ckp_node_country_index(net, x), 3);
    CHECK_INT(ckp_network_country_count(net), 4);
    CHECK_STR(ckp_network_country_name(net, 2), "ZZ");
    CHECK_INT(ckp_node_owner_index(net, c), 1);
    CHECK_INT(ckp_node_owner_index(net, d), 0);
    CHECK_INT(ckp_network_owner_count(net), 2);
    CHECK_STR(ckp_network_owner_name(net, 1), "CRE");
    CHECK(ckp_network_owner_name(net, -1) == NULL);
    /* ids are case-sensitive and compared whole */
    CHECK_INT(ckp_network_find(net, "A"), -1);
    CHECK_INT(ckp_network_find(net, "a "), -1);
    CHECK_INT(ckp_network_find(net, ""), -1);
    ckp_network_free(net);
#undef NODE_ERR
#undef SPEC
}

static void edges(void)
{
    ckp_network *net = three_tiers();
    igraph_integer_t a = add(net, "a", "mine", "AU", NULL, 10);
    igraph_integer_t b = add(net, "b", "sep", "CN", NULL, 10);
    igraph_integer_t c = add(net, "c", "use", "JP", NULL, 10);
    ckp_edge_spec s;
    const char *bad;
#define EDGE_ERR(field, want)                                                         \
    do {                                                                              \
        bad = "unset";                                                                \
        CHECK_ERR(ckp_network_add_edge(net, &s, &bad, &err), CKP_EDATA, want);        \
        CHECK_STR(bad, field);                                                        \
    } while (0)
#define SPEC(f, t)               \
    do {                         \
        ckp_edge_spec_init(&s);  \
        s.from = f;              \
        s.to = t;                \
    } while (0)

    SPEC(a, b);
    s.volume = 4;
    s.capacity = 8;
    s.source = "src";
    s.estimate = "est";
    bad = "unset";
    CHECK_INT(ckp_network_add_edge(net, &s, &bad, &err), CKP_OK);
    CHECK(bad == NULL);
    CHECK_INT(ckp_network_edge_count(net), 1);
    CHECK_INT(ckp_edge_from(net, 0), a);
    CHECK_INT(ckp_edge_to(net, 0), b);
    CHECK(ckp_edge_volume(net, 0) == 4);
    CHECK(ckp_edge_capacity(net, 0) == 8);
    CHECK_STR(ckp_edge_source(net, 0), "src");
    CHECK_STR(ckp_edge_estimate(net, 0), "est");

    SPEC(-1, b);
    EDGE_ERR("from", "\"from\" is not a node of the network");
    SPEC(a, 3);
    EDGE_ERR("to", "\"to\" is not a node of the network");
    SPEC(b, b);
    EDGE_ERR("to", "self-loop on 'b': an edge must join two different nodes");
    SPEC(a, b);
    EDGE_ERR("to", "duplicate edge 'a' -> 'b': give one edge per pair and add up the volumes");
    SPEC(b, c);
    s.volume = -1;
    EDGE_ERR("volume", "\"volume\" is negative (-1): it must be 0 or more");
    s.volume = INFINITY; /* unlike capacity, volume cannot be unbounded */
    EDGE_ERR("volume", "\"volume\" must be a finite number");
    s.volume = NAN;
    EDGE_ERR("volume", "\"volume\" must be a finite number");
    s.volume = 1;
    s.capacity = -2;
    EDGE_ERR("capacity", "\"capacity\" is negative (-2): it must be 0 or more");
    CHECK_INT(ckp_network_edge_count(net), 1);

    /* the reverse direction is a different edge; edges may run against tiers */
    join(net, b, a, 1);
    join(net, b, c, 2);
    join(net, a, c, 3);
    CHECK_INT(ckp_network_edge_count(net), 4);
    CHECK_INT(ckp_network_find_edge(net, a, b), 0);
    CHECK_INT(ckp_network_find_edge(net, b, a), 1);
    CHECK_INT(ckp_network_find_edge(net, b, c), 2);
    CHECK_INT(ckp_network_find_edge(net, a, c), 3);
    CHECK_INT(ckp_network_find_edge(net, c, a), -1);
    CHECK_INT(ckp_network_find_edge(net, c, b), -1);
    CHECK(ckp_edge_capacity(net, 1) == CKP_UNBOUNDED);
    CHECK(ckp_edge_source(net, 1) == NULL);

    /* demand: given, else the inflow */
    CHECK(ckp_node_demand(net, c) == 5);
    CHECK(ckp_node_demand(net, a) == 1);
    CHECK(ckp_node_demand(net, b) == 4);

    /* the igraph view: vertex i = node i, edge e = edge e */
    igraph_t g;
    CHECK_INT(ckp_network_graph(&g, net, &err), CKP_OK);
    CHECK_INT(igraph_vcount(&g), 3);
    CHECK_INT(igraph_ecount(&g), 4);
    CHECK(igraph_is_directed(&g));
    for (igraph_integer_t e = 0; e < 4; e++) {
        CHECK_INT(IGRAPH_FROM(&g, e), ckp_edge_from(net, e));
        CHECK_INT(IGRAPH_TO(&g, e), ckp_edge_to(net, e));
    }
    igraph_destroy(&g);
    ckp_network_free(net);
#undef EDGE_ERR
#undef SPEC
}

static void numbers(void)
{
    ckp_network *net = three_tiers();
    igraph_integer_t a = add(net, "a", "mine", "AU", NULL, 10);
    igraph_integer_t c = add(net, "c", "use", "JP", NULL, CKP_UNBOUNDED);
    join(net, a, c, 6);
    CHECK(ckp_node_demand(net, c) == 6);

    CHECK_INT(ckp_network_set_node_number(net, c, "demand", 9, &err), CKP_OK);
    CHECK(ckp_node_demand_given(net, c) == 9);
    CHECK(ckp_node_demand(net, c) == 9); /* the cache follows */
    CHECK_INT(ckp_network_set_node_number(net, c, "demand", NAN, &err), CKP_OK);
    CHECK(ckp_node_demand(net, c) == 6); /* absent again: back to the inflow */
    CHECK_INT(ckp_network_set_edge_number(net, 0, "volume", 2.5, &err), CKP_OK);
    CHECK(ckp_edge_volume(net, 0) == 2.5);
    CHECK(ckp_node_demand(net, c) == 2.5);

    CHECK_INT(ckp_network_set_node_number(net, a, "capacity", CKP_UNBOUNDED, &err), CKP_OK);
    CHECK(ckp_node_capacity(net, a) == CKP_UNBOUNDED);
    CHECK_INT(ckp_network_set_node_number(net, a, "capacity", 0, &err), CKP_OK);
    CHECK(ckp_node_capacity(net, a) == 0);
    CHECK_INT(ckp_network_set_node_number(net, a, "stock", 3, &err), CKP_OK);
    CHECK(ckp_node_stock(net, a) == 3);
    CHECK_INT(ckp_network_set_edge_number(net, 0, "capacity", 7, &err), CKP_OK);
    CHECK(ckp_edge_capacity(net, 0) == 7);
    CHECK_INT(ckp_network_set_edge_number(net, 0, "capacity", CKP_UNBOUNDED, &err), CKP_OK);
    CHECK(ckp_edge_capacity(net, 0) == CKP_UNBOUNDED);

    CHECK_ERR(ckp_network_set_node_number(net, a, "capacity", -1, &err), CKP_EDATA,
              "\"capacity\" is negative (-1): it must be 0 or more");
    CHECK_ERR(ckp_network_set_node_number(net, a, "capacity", NAN, &err), CKP_EDATA,
              "\"capacity\" must be a finite number");
    CHECK_ERR(ckp_network_set_node_number(net, a, "demand", INFINITY, &err), CKP_EDATA,
              "\"demand\" must be a finite number");
    CHECK_ERR(ckp_network_set_node_number(net, a, "stock", -2, &err), CKP_EDATA,
              "\"stock\" is negative (-2): it must be 0 or more");
    CHECK_ERR(ckp_network_set_node_number(net, a, "volume", 1, &err), CKP_EDATA,
              "\"volume\" is not a number field of a node");
    CHECK_ERR(ckp_network_set_edge_number(net, 0, "volume", -1, &err), CKP_EDATA,
              "\"volume\" is negative (-1): it must be 0 or more");
    CHECK_ERR(ckp_network_set_edge_number(net, 0, "volume", INFINITY, &err), CKP_EDATA,
              "\"volume\" must be a finite number");
    CHECK_ERR(ckp_network_set_edge_number(net, 0, "capacity", -INFINITY, &err), CKP_EDATA,
              "\"capacity\" must be a finite number");
    CHECK_ERR(ckp_network_set_edge_number(net, 0, "demand", 1, &err), CKP_EDATA,
              "\"demand\" is not a number field of an edge");
    /* failed updates change nothing */
    CHECK(ckp_node_capacity(net, a) == 0);
    CHECK(ckp_node_stock(net, a) == 3);
    CHECK(ckp_edge_volume(net, 0) == 2.5);
    ckp_network_free(net);
}

static void copies(void)
{
    /*
     * m1 (CN) -> s1, m1 -> s2, m2 (AU) -> s2, s1 (JP) -> u, s2 (CN) -> u, u (US)
     * nodes 0..4 = m1, m2, s1, s2, u; edges 0..4 in that order
     */
    ckp_network *net = three_tiers();
    CHECK_INT(ckp_network_set_meta(net, "N", "t", 2020, "d", "s", &err), CKP_OK);
    igraph_integer_t m1 = add(net, "m1", "mine", "CN", "A", 10);
    igraph_integer_t m2 = add(net, "m2", "mine", "AU", "B", 20);
    igraph_integer_t s1 = add(net, "s1", "sep", "JP", NULL, CKP_UNBOUNDED);
    igraph_integer_t s2 = add(net, "s2", "sep", "CN", "B", 5);
    igraph_integer_t u = add(net, "u", "use", "US", NULL, CKP_UNBOUNDED);
    CHECK_INT(ckp_network_set_node_number(net, u, "demand", 12, &err), CKP_OK);
    join(net, m1, s1, 1);
    join(net, m1, s2, 2);
    join(net, m2, s2, 3);
    join(net, s1, u, 4);
    join(net, s2, u, 5);

    /* no masks: the same network */
    ckp_network *copy = NULL;
    CHECK_INT(ckp_network_copy(&copy, net, NULL, NULL, &err), CKP_OK);
    if (copy) {
        CHECK_STR(ckp_network_name(copy), "N");
        CHECK_STR(ckp_network_unit(copy), "t");
        CHECK(ckp_network_year(copy) == 2020);
        CHECK_STR(ckp_network_description(copy), "d");
        CHECK_STR(ckp_network_source(copy), "s");
        CHECK_INT(ckp_network_tier_count(copy), 3);
        CHECK_INT(ckp_network_node_count(copy), 5);
        CHECK_INT(ckp_network_edge_count(copy), 5);
        for (igraph_integer_t i = 0; i < 5; i++) {
            CHECK_STR(ckp_node_id(copy, i), ckp_node_id(net, i));
            CHECK_STR(ckp_node_country(copy, i), ckp_node_country(net, i));
            CHECK_INT(ckp_node_tier(copy, i), ckp_node_tier(net, i));
            CHECK(ckp_node_capacity(copy, i) == ckp_node_capacity(net, i));
        }
        for (igraph_integer_t e = 0; e < 5; e++) {
            CHECK_INT(ckp_edge_from(copy, e), ckp_edge_from(net, e));
            CHECK_INT(ckp_edge_to(copy, e), ckp_edge_to(net, e));
            CHECK(ckp_edge_volume(copy, e) == ckp_edge_volume(net, e));
        }
        CHECK(ckp_node_demand_given(copy, 4) == 12);
        CHECK_STR(ckp_node_owner(copy, 3), "B");
        /* the copy is independent */
        CHECK_INT(ckp_network_set_edge_number(copy, 0, "volume", 100, &err), CKP_OK);
        CHECK(ckp_edge_volume(net, 0) == 1);
    }
    ckp_network_free(copy);

    /* drop m1: its two edges go; the rest keep their order, renumbered */
    char drop_node[5] = {1, 0, 0, 0, 0};
    CHECK_INT(ckp_network_copy(&copy, net, drop_node, NULL, &err), CKP_OK);
    if (copy) {
        CHECK_INT(ckp_network_node_count(copy), 4);
        CHECK_INT(ckp_network_edge_count(copy), 3);
        CHECK_STR(ckp_node_id(copy, 0), "m2");
        CHECK_STR(ckp_node_id(copy, 1), "s1");
        CHECK_STR(ckp_node_id(copy, 2), "s2");
        CHECK_STR(ckp_node_id(copy, 3), "u");
        CHECK_INT(ckp_network_find(copy, "m1"), -1);
        /* edges m2->s2, s1->u, s2->u, in that order */
        CHECK_INT(ckp_edge_from(copy, 0), 0);
        CHECK_INT(ckp_edge_to(copy, 0), 2);
        CHECK(ckp_edge_volume(copy, 0) == 3);
        CHECK_INT(ckp_edge_from(copy, 1), 1);
        CHECK_INT(ckp_edge_to(copy, 1), 3);
        CHECK(ckp_edge_volume(copy, 1) == 4);
        CHECK_INT(ckp_edge_from(copy, 2), 2);
        CHECK_INT(ckp_edge_to(copy, 2), 3);
        CHECK_INT(ckp_network_find_edge(copy, 2, 3), 2);
        /* countries and owners are interned afresh, in the order of the survivors */
        CHECK_INT(ckp_network_country_count(copy), 4);
        CHECK_STR(ckp_network_country_name(copy, 0), "AU");
        CHECK_STR(ckp_network_country_name(copy, 1), "JP");
        CHECK_STR(ckp_network_country_name(copy, 2), "CN");
        CHECK_INT(ckp_node_country_index(copy, 2), 2);
        CHECK_INT(ckp_network_owner_count(copy), 1);
        CHECK_STR(ckp_network_owner_name(copy, 0), "B");
        CHECK(ckp_node_demand(copy, 3) == 12);
        CHECK_INT(ckp_network_tier_count(copy), 3);
    }
    ckp_network_free(copy);

    /* drop edges 1 and 4, and node s1 (which takes edges 0 and 3 with it) */
    char drop_edge[5] = {0, 1, 0, 0, 1};
    char drop_s1[5] = {0, 0, 1, 0, 0};
    CHECK_INT(ckp_network_copy(&copy, net, drop_s1, drop_edge, &err), CKP_OK);
    if (copy) {
        CHECK_INT(ckp_network_node_count(copy), 4);
        CHECK_INT(ckp_network_edge_count(copy), 1);
        CHECK_STR(ckp_node_id(copy, 0), "m1");
        CHECK_STR(ckp_node_id(copy, 1), "m2");
        CHECK_STR(ckp_node_id(copy, 2), "s2");
        CHECK_STR(ckp_node_id(copy, 3), "u");
        /* only m2 -> s2 is left */
        CHECK_INT(ckp_edge_from(copy, 0), 1);
        CHECK_INT(ckp_edge_to(copy, 0), 2);
        CHECK(ckp_edge_volume(copy, 0) == 3);
        /* u lost every inflow: its demand is still the given 12 */
        CHECK(ckp_node_demand(copy, 3) == 12);
    }
    ckp_network_free(copy);

    /* edges only */
    CHECK_INT(ckp_network_copy(&copy, net, NULL, drop_edge, &err), CKP_OK);
    if (copy) {
        CHECK_INT(ckp_network_node_count(copy), 5);
        CHECK_INT(ckp_network_edge_count(copy), 3);
        CHECK(ckp_edge_volume(copy, 0) == 1);
        CHECK(ckp_edge_volume(copy, 1) == 3);
        CHECK(ckp_edge_volume(copy, 2) == 4);
    }
    ckp_network_free(copy);

    /* every node dropped: an empty network with the tiers */
    char all[5] = {1, 1, 1, 1, 1};
    CHECK_INT(ckp_network_copy(&copy, net, all, NULL, &err), CKP_OK);
    if (copy) {
        CHECK_INT(ckp_network_node_count(copy), 0);
        CHECK_INT(ckp_network_edge_count(copy), 0);
        CHECK_INT(ckp_network_tier_count(copy), 3);
    }
    ckp_network_free(copy);
    ckp_network_free(net);
}

static void scale(void)
{
    enum { N = 100000 };
    char id[32];
    /* the interning table alone */
    ckp_strtab t;
    ckp_strtab_init(&t);
    int ok = 1;
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "id-%d", i);
        ok &= ckp_strtab_add_new(&t, id) == i;
    }
    CHECK(ok);
    CHECK_INT(t.count, N);
    snprintf(id, sizeof id, "id-%d", 4242);
    CHECK_INT(ckp_strtab_add_new(&t, id), -2);
    CHECK_INT(ckp_strtab_intern(&t, id), 4242);
    CHECK_INT(ckp_strtab_intern(&t, "new"), N);
    CHECK_INT(ckp_strtab_find(&t, "id-100000"), -1);
    ok = 1;
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "id-%d", i);
        ok &= ckp_strtab_find(&t, id) == i && !strcmp(ckp_strtab_get(&t, i), id);
    }
    CHECK(ok);
    CHECK(ckp_strtab_get(&t, -1) == NULL);
    ckp_strtab_destroy(&t);

    /* 100,000 nodes in a chain of 99,999 edges */
    ckp_network *net = NULL;
    CHECK_INT(ckp_network_new(&net, &err), CKP_OK);
    CHECK_INT(ckp_network_add_tier(net, "a", &err), CKP_OK);
    CHECK_INT(ckp_network_add_tier(net, "b", &err), CKP_OK);
    ckp_node_spec s;
    ckp_node_spec_init(&s);
    s.tier = "a";
    s.country = "ZZ";
    ok = 1;
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "node-%d", i);
        s.id = id;
        ok &= ckp_network_add_node(net, &s, NULL, &err) == CKP_OK;
    }
    CHECK(ok);
    CHECK_INT(ckp_network_node_count(net), N);
    ckp_edge_spec e;
    ckp_edge_spec_init(&e);
    ok = 1;
    for (int i = 0; i + 1 < N; i++) {
        e.from = i;
        e.to = i + 1;
        e.volume = 1;
        ok &= ckp_network_add_edge(net, &e, NULL, &err) == CKP_OK;
    }
    CHECK(ok);
    CHECK_INT(ckp_network_edge_count(net), N - 1);
    ok = 1;
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "node-%d", i);
        ok &= ckp_network_find(net, id) == i && !strcmp(ckp_node_id(net, i), id);
        if (i + 1 < N)
            ok &= ckp_network_find_edge(net, i, i + 1) == i &&
                  ckp_network_find_edge(net, i + 1, i) == -1;
    }
    CHECK(ok);
    s.id = "node-99999";
    CHECK_ERR(ckp_network_add_node(net, &s, NULL, &err), CKP_EDATA,
              "duplicate id 'node-99999': every node needs its own id");
    e.from = 500;
    e.to = 501;
    CHECK_ERR(ckp_network_add_edge(net, &e, NULL, &err), CKP_EDATA,
              "duplicate edge 'node-500' -> 'node-501': give one edge per pair and add up the "
              "volumes");
    CHECK(ckp_node_demand(net, N - 1) == 1);
    CHECK(ckp_node_demand(net, 0) == 0);

    /* an id longer than the interning arena's 1 MiB chunks */
    size_t big = (size_t)3 << 20;
    char *long_id = malloc(big + 1);
    memset(long_id, 'q', big);
    long_id[big] = '\0';
    s.id = long_id;
    CHECK_INT(ckp_network_add_node(net, &s, NULL, &err), CKP_OK);
    CHECK_INT(ckp_network_find(net, long_id), N);
    CHECK(strlen(ckp_node_id(net, N)) == big);
    CHECK_STR(ckp_node_id(net, 0), "node-0"); /* earlier strings are untouched */
    free(long_id);
    ckp_network_free(net);
}

static void errors(void)
{
    char buf[64];
    ckp_error e;
    ckp_error_init(&e);
    CHECK_INT(e.code, CKP_OK);
    CHECK_STR(ckp_error_format(buf, sizeof buf, &e), "");
    CHECK_INT(ckp_error_set(&e, CKP_EDATA, "bad %s", "thing"), CKP_EDATA);
    CHECK_STR(ckp_error_format(buf, sizeof buf, &e), "bad thing");
    ckp_error_prefix(&e, "node %d: ", 3);
    CHECK_STR(e.message, "node 3: bad thing");
    ckp_error_at(&e, "f.json", 0, 0);
    CHECK_STR(ckp_error_format(buf, sizeof buf, &e), "f.json: node 3: bad thing");
    ckp_error_at(&e, "f.json", 7, 0);
    CHECK_STR(ckp_error_format(buf, sizeof buf, &e), "f.json:7: node 3: bad thing");
    ckp_error_at(&e, "f.json", 7, 2);
    CHECK_STR(ckp_error_format(buf, sizeof buf, &e), "f.json:7:2: node 3: bad thing");
    /* a short buffer is cut, never overrun */
    char tiny[8];
    CHECK_STR(ckp_error_format(tiny, sizeof tiny, &e), "f.json:");
    /* NULL is allowed everywhere */
    ckp_error_init(NULL);
    CHECK_INT(ckp_error_set(NULL, CKP_EIO, "x"), CKP_EIO);
    ckp_error_at(NULL, "f", 1, 1);
    ckp_error_prefix(NULL, "p");
}

/* Room made before and after adding: every node and edge is still found, duplicates refused. */
static void reserved(void)
{
    enum { N = 2000 };
    char id[32];
    ckp_network *net = three_tiers();
    CHECK_INT(ckp_network_reserve(net, 10, 10, &err), CKP_OK);
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "r%d", i);
        add(net, id, i % 3 == 0 ? "mine" : i % 3 == 1 ? "sep" : "use", "AU", NULL,
            CKP_UNBOUNDED);
        if (i == N / 2) /* more room with half the nodes in: the tables are rebuilt */
            CHECK_INT(ckp_network_reserve(net, 4 * N, 8 * N, &err), CKP_OK);
    }
    for (int i = 0; i + 3 < N; i += 3) {
        join(net, i, i + 1, 1);
        join(net, i + 1, i + 2, 1);
        join(net, i, i + 4, 1);
    }
    int ok = 1;
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "r%d", i);
        ok &= ckp_network_find(net, id) == i;
    }
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++)
        ok &= ckp_network_find_edge(net, ckp_edge_from(net, e), ckp_edge_to(net, e)) == e;
    CHECK(ok);
    CHECK_INT(ckp_network_find_edge(net, 1, 0), -1);
    ckp_edge_spec e;
    ckp_edge_spec_init(&e);
    e.from = 3;
    e.to = 7;
    CHECK_ERR(ckp_network_add_edge(net, &e, NULL, &err), CKP_EDATA,
              "duplicate edge 'r3' -> 'r7': give one edge per pair and add up the volumes");
    ckp_network_free(net);
}

/* Deferred duplicates: the first found after the load against a search of all earlier edges. */
static void deferred_duplicates(void)
{
    ckp_error err;
    ckp_error_init(&err);
    unsigned long long x = 12345;
    for (int round = 0; round < 50; round++) {
        ckp_network *net = NULL;
        CHECK_INT(ckp_network_new(&net, &err), CKP_OK);
        CHECK_INT(ckp_network_add_tier(net, "mine", &err), CKP_OK);
        CHECK_INT(ckp_network_add_tier(net, "use", &err), CKP_OK);
        int n = 5 + round % 20;
        for (int i = 0; i < n; i++) {
            char id[16];
            snprintf(id, sizeof id, "d%d", i);
            ckp_node_spec spec;
            ckp_node_spec_init(&spec);
            spec.id = id;
            spec.tier = i % 2 ? "use" : "mine";
            spec.country = "AU";
            CHECK_INT(ckp_network_add_node(net, &spec, NULL, &err), CKP_OK);
        }
        ckp_network_defer_duplicates(net);
        int m = 2 * n;
        for (int k = 0; k < m; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            ckp_edge_spec e;
            ckp_edge_spec_init(&e);
            e.from = (igraph_integer_t)(x % (unsigned)n);
            e.to = (igraph_integer_t)((x >> 20) % (unsigned)n);
            if (e.from == e.to)
                continue;
            CHECK_INT(ckp_network_add_edge(net, &e, NULL, &err), CKP_OK);
        }
        igraph_integer_t want = -1, edges = ckp_network_edge_count(net);
        for (igraph_integer_t e = 1; e < edges && want < 0; e++)
            for (igraph_integer_t f = 0; f < e; f++)
                if (ckp_edge_from(net, f) == ckp_edge_from(net, e) &&
                    ckp_edge_to(net, f) == ckp_edge_to(net, e))
                    want = e;
        CHECK_INT(ckp_network_first_duplicate(net), want);
        /* checked again: the edge index is built on first need */
        if (want < 0) {
            for (igraph_integer_t e = 0; e < edges; e++)
                CHECK_INT(ckp_network_find_edge(net, ckp_edge_from(net, e), ckp_edge_to(net, e)),
                          e);
            ckp_edge_spec e;
            ckp_edge_spec_init(&e);
            e.from = ckp_edge_from(net, 0);
            e.to = ckp_edge_to(net, 0);
            CHECK_INT(ckp_network_add_edge(net, &e, NULL, &err), CKP_EDATA);
        }
        ckp_network_free(net);
    }
}

/* Country codes: the 249 assigned ones and the user-assigned AA, QM-QZ, XA-XZ and ZZ. */
static void country_codes(void)
{
    int valid = 0;
    char code[3] = {0};
    for (code[0] = 'A'; code[0] <= 'Z'; code[0]++)
        for (code[1] = 'A'; code[1] <= 'Z'; code[1]++)
            valid += ckp_country_valid(code);
    CHECK_INT(valid, 249 + 1 + 14 + 26 + 1);
    CHECK(ckp_country_valid("AD") && ckp_country_valid("ZW") && ckp_country_valid("CN") &&
          ckp_country_valid("JP") && ckp_country_valid("MM"));
    CHECK(!ckp_country_valid("AB") && !ckp_country_valid("ZX") && !ckp_country_valid("UK") &&
          !ckp_country_valid("cn") && !ckp_country_valid("CHN") && !ckp_country_valid(""));
}

int main(void)
{
    deferred_duplicates();
    country_codes();
    specs_and_meta();
    nodes();
    edges();
    numbers();
    copies();
    scale();
    reserved();
    errors();
    return test_report("test_network");
}
