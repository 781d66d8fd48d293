/*
 * Materials and recipes through every form a network is read or written in (docs/format.md):
 * JSON -> CSV pair + metadata -> JSON and JSON -> GraphML -> JSON give the same bytes and the
 * same served demand (worked by hand), the compact "ndpr:1;dytb:0.07" form, and the CSV and
 * GraphML errors, each placed and worded as worked out by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chokepoint/export.h"
#include "chokepoint/load.h"
#include "chokepoint/materials.h"
#include "test.h"

/*
 * Ore yields NdPr and Dy/Tb (0.9 and 0.1 a unit), Lynas makes NdPr, the magnet plant needs
 * 1 NdPr and 0.07 Dy/Tb a magnet, two edges run from the ore to the plant (one a material),
 * Lynas's edge is told NdPr. Served: the EV maker's demand, 50 (ore at 35 gives 3.5 Dy/Tb).
 */
static const char network[] =
    "{\"format\": \"chokepoint-network/2\", \"name\": \"BOM\", \"unit\": \"t\",\n"
    " \"materials\": [{\"id\": \"ndpr\", \"name\": \"NdPr oxide\", \"unit\": \"t\"},\n"
    "   {\"id\": \"dytb\"}, {\"id\": \"magnet\", \"unit\": \"t magnets\"}],\n"
    " \"tiers\": [\"mine\", \"magnet\", \"use\"],\n"
    " \"nodes\": [\n"
    "  {\"id\": \"ore\", \"tier\": \"mine\", \"country\": \"CN\", \"capacity\": 100,\n"
    "   \"yields\": {\"ndpr\": 0.9, \"dytb\": 0.1}},\n"
    "  {\"id\": \"lynas\", \"tier\": \"mine\", \"country\": \"AU\", \"capacity\": 40,"
    " \"output\": \"ndpr\"},\n"
    "  {\"id\": \"mag\", \"tier\": \"magnet\", \"country\": \"JP\", \"capacity\": 60,\n"
    "   \"recipe\": {\"ndpr\": 1, \"dytb\": 0.07}, \"output\": \"magnet\"},\n"
    "  {\"id\": \"ev\", \"tier\": \"use\", \"country\": \"JP\", \"demand\": 50}],\n"
    " \"edges\": [\n"
    "  {\"from\": \"ore\", \"to\": \"mag\", \"volume\": 20, \"material\": \"ndpr\"},\n"
    "  {\"from\": \"ore\", \"to\": \"mag\", \"volume\": 3, \"material\": \"dytb\"},\n"
    "  {\"from\": \"lynas\", \"to\": \"mag\", \"volume\": 30},\n"
    "  {\"from\": \"mag\", \"to\": \"ev\", \"volume\": 50}]}\n";

static const char nodes_csv[] =
    "id,name,tier,country,owner,capacity,demand,stock,source,estimate,recipe,yields,output\n"
    "ore,,mine,CN,,100,,,,,,ndpr:0.9;dytb:0.1,\n"
    "lynas,,mine,AU,,40,,,,,,,ndpr\n"
    "mag,,magnet,JP,,60,,,,,ndpr:1;dytb:0.07,,magnet\n"
    "ev,,use,JP,,,50,,,,,,\n";
static const char edges_csv[] = "from,to,volume,capacity,source,estimate,material\n"
                                "ore,mag,20,,,,ndpr\n"
                                "ore,mag,3,,,,dytb\n"
                                "lynas,mag,30,,,,ndpr\n"
                                "mag,ev,50,,,,magnet\n";

static double served(const ckp_network *net)
{
    double total = -1;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_bom_served(&total, NULL, net, &err), CKP_OK);
    return total;
}

/* The network above, loaded; served checked. */
static ckp_network *load_network(void)
{
    ckp_network *net = NULL;
    ckp_error err;
    CHECK_INT(ckp_load_json_buffer(&net, network, strlen(network), "bom.json", &err), CKP_OK);
    if (net)
        CHECK_NEAR(served(net), 50, 0);
    return net;
}

/* A file holding `text`, its path in `path` (removed by the caller). */
static void temp_file(char *path, size_t size, const char *text)
{
    snprintf(path, size, "/tmp/ckp-bom-XXXXXX");
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
        close(fd);
    }
}

static void csv_round_trip(void)
{
    ckp_network *net = load_network(), *back = NULL;
    ckp_error err;
    ckp_buf json, nodes, edges, meta, json2;
    if (!net)
        return;
    ckp_buf_init(&json);
    ckp_buf_init(&nodes);
    ckp_buf_init(&edges);
    ckp_buf_init(&meta);
    ckp_buf_init(&json2);
    ckp_network_write_json(&json, net);
    ckp_network_write_nodes_csv(&nodes, net);
    ckp_network_write_edges_csv(&edges, net);
    ckp_network_write_meta_json(&meta, net);
    CHECK_STR(nodes.data, nodes_csv);
    CHECK_STR(edges.data, edges_csv);
    CHECK_STR(meta.data, "{\n  \"format\": \"chokepoint-network/2\",\n  \"name\": \"BOM\",\n"
                         "  \"unit\": \"t\",\n  \"tiers\": [\"mine\", \"magnet\", \"use\"],\n"
                         "  \"materials\": [\n"
                         "    {\"id\": \"ndpr\", \"name\": \"NdPr oxide\", \"unit\": \"t\"},\n"
                         "    {\"id\": \"dytb\"},\n"
                         "    {\"id\": \"magnet\", \"unit\": \"t magnets\"}\n  ]\n}\n");
    CHECK(strstr(json.data, "{\"id\": \"mag\", \"tier\": \"magnet\", \"country\": \"JP\", "
                            "\"capacity\": 60, \"recipe\": {\"ndpr\": 1, \"dytb\": 0.07}, "
                            "\"output\": \"magnet\"}") != NULL);
    CHECK(strstr(json.data, "{\"from\": \"lynas\", \"to\": \"mag\", \"volume\": 30, "
                            "\"material\": \"ndpr\"}") != NULL);
    char path[64];
    temp_file(path, sizeof path, meta.data);
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.meta = path;
    CHECK_INT(ckp_load_csv_buffers(&back, nodes.data, nodes.len, "n.csv", edges.data, edges.len,
                                   "e.csv", &opts, &err),
              CKP_OK);
    unlink(path);
    if (back) {
        ckp_network_write_json(&json2, back);
        CHECK_STR(json2.data, json.data);
        CHECK_NEAR(served(back), 50, 0);
    }
    ckp_network_free(back);
    ckp_network_free(net);
    ckp_buf_destroy(&json);
    ckp_buf_destroy(&nodes);
    ckp_buf_destroy(&edges);
    ckp_buf_destroy(&meta);
    ckp_buf_destroy(&json2);
}

static void graphml_round_trip(void)
{
    ckp_network *net = load_network(), *back = NULL;
    ckp_error err;
    ckp_buf gml, a, b;
    if (!net)
        return;
    ckp_buf_init(&gml);
    ckp_buf_init(&a);
    ckp_buf_init(&b);
    CHECK_INT(ckp_network_write_graphml(&gml, net, &err), CKP_OK);
    CHECK(strstr(gml.data, "<data key=\"v_recipe\">ndpr:1;dytb:0.07</data>") != NULL);
    CHECK(strstr(gml.data, "<data key=\"e_material\">dytb</data>") != NULL);
    CHECK_INT(ckp_load_graphml_buffer(&back, gml.data, gml.len, "g.graphml", NULL, &err), CKP_OK);
    if (back) {
        ckp_network_write_json(&a, net);
        ckp_network_write_json(&b, back);
        CHECK_STR(b.data, a.data);
        CHECK_NEAR(served(back), 50, 0);
    }
    /* GEXF carries them as attributes, for Gephi's filters */
    ckp_buf_destroy(&gml);
    CHECK_INT(ckp_network_write_gexf(&gml, net, &err), CKP_OK);
    CHECK(strstr(gml.data, "<attribute id=\"9\" title=\"recipe\" type=\"string\"/>") != NULL);
    CHECK(strstr(gml.data, "<attvalue for=\"9\" value=\"ndpr:1;dytb:0.07\"/>") != NULL);
    CHECK(strstr(gml.data, "<attvalue for=\"4\" value=\"dytb\"/>") != NULL);
    ckp_network_free(back);
    ckp_network_free(net);
    ckp_buf_destroy(&gml);
    ckp_buf_destroy(&a);
    ckp_buf_destroy(&b);
}

/* A load's outcome into msg: its error formatted, or what it serves; the network freed. */
static ckp_code outcome(char *msg, size_t size, ckp_code rc, const ckp_error *err,
                        ckp_network *net)
{
    if (rc)
        ckp_error_format(msg, size, err);
    else
        snprintf(msg, size, "served %g", served(net));
    ckp_network_free(net);
    return rc;
}

/* The CSV pair's load with `meta` as its metadata file: its error, formatted, into msg. */
static ckp_code load_csv(ckp_error_list *list, char *msg, size_t size, const char *nodes,
                         const char *edges, const char *meta)
{
    char path[64];
    ckp_network *net = NULL;
    ckp_error err;
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    temp_file(path, sizeof path, meta);
    opts.meta = path;
    opts.errors = list;
    ckp_code rc = ckp_load_csv_buffers(&net, nodes, strlen(nodes), "n.csv", edges, strlen(edges),
                                       "e.csv", &opts, &err);
    unlink(path);
    return outcome(msg, size, rc, &err, net);
}

#define META "{\"materials\": [{\"id\": \"ndpr\"}, {\"id\": \"dy:tb\"}, {\"id\": \"magnet\"}]}"

static void csv_forms_and_errors(void)
{
    char msg[2200];
    ckp_error_list list;
    /* spaces, a ':' in an id, a ';'-separated file with decimal commas: 50 served */
    const char *nodes = "id;tier;country;capacity;recipe;yields;output\n"
                        "ore;mine;CN;100;;\" ndpr : 0,9 ; dy:tb:0,1 \";\n"
                        "mag;magnet;JP;60;ndpr:1;;magnet\n"
                        "ev;use;JP;;;;\n";
    const char *nodes_recipe = "id,tier,country,demand,recipe,yields,output\n"
                               "ore,mine,CN,,,\"ndpr:0.9;dy:tb:0.1\",\n"
                               "mag,magnet,JP,,\"ndpr:1; dy:tb:0.07\",,magnet\n"
                               "ev,use,JP,50,,,\n";
    const char *edges = "from;to;volume;material\nore;mag;60;ndpr\nmag;ev;60;\n";
    const char *edges2 = "from,to,material\nore,mag,ndpr\nore,mag,dy:tb\nmag,ev,\n";
    CHECK_INT(load_csv(NULL, msg, sizeof msg, nodes_recipe, edges2, META), CKP_OK);
    CHECK_STR(msg, "served 50");
    /* mag needs only NdPr here: 60, its capacity; ore at 66.7 gives 60 NdPr */
    CHECK_INT(load_csv(NULL, msg, sizeof msg, nodes, edges, META), CKP_OK);
    CHECK_STR(msg, "served 60");

    /* every row's error at once, each at the entry at fault */
    const char *bad = "id,tier,country,recipe,yields,output\n"
                      "ore,mine,CN,,\"ndpr:0.9;dytb:0.1\",\n"
                      "mag,magnet,JP,ndpr:1;dy:tb:x,,magnet\n"
                      "ev,use,JP,,,steel\n";
    ckp_error_list_init(&list, 3);
    CHECK_INT(load_csv(&list, msg, sizeof msg, bad, edges2, META), CKP_EDATA);
    CHECK_INT((long long)list.total, 3);
    CHECK_STR(msg, "n.csv:2:24: node 'ore': \"yields\" names unknown material 'dytb': list it "
                   "in the \"materials\" of the metadata file (network.json or --meta)");
    if (list.count == 3) {
        CHECK_STR(ckp_error_format(msg, sizeof msg, &list.items[1]),
                  "n.csv:3:22: node 'mag': \"recipe\": 'dy:tb' must be a number, not 'x'");
        CHECK_STR(ckp_error_format(msg, sizeof msg, &list.items[2]),
                  "n.csv:4:13: node 'ev': \"output\" names unknown material 'steel': list it "
                  "in the \"materials\" of the metadata file (network.json or --meta)");
    }
    ckp_error_list_destroy(&list);
    CHECK_INT(load_csv(NULL, msg, sizeof msg, "id,tier,country,recipe\nm,mine,CN,\nu,use,JP,"
                                              "ndpr=1\n", "from,to\nm,u\n", META),
              CKP_EDATA);
    CHECK_STR(msg, "n.csv:3:10: node 'u': \"recipe\": 'ndpr=1' is not material:units, as in "
                   "ndpr:1;dytb:0.07");
    CHECK_INT(load_csv(NULL, msg, sizeof msg, nodes_recipe, "from,to,material\nore,mag,iron\n",
                       META),
              CKP_EDATA);
    CHECK_STR(msg, "e.csv:2:9: edge 0: \"material\" names unknown material 'iron': list it in "
                   "the \"materials\" of the metadata file (network.json or --meta)");
    /* the bill of materials checked once every row is in, the culprit's cell named */
    CHECK_INT(load_csv(NULL, msg, sizeof msg, nodes_recipe,
                       "from,to,volume,material\nore,mag,1,ndpr\nore,ev,2,dy:tb\nmag,ev,3,\n",
                       META),
              CKP_EDATA);
    CHECK_STR(msg, "e.csv:3:5: edge 1: end user 'ev' receives several materials (one is "
                   "'dy:tb'): give it a recipe");
    CHECK_INT(load_csv(NULL, msg, sizeof msg, "id,tier,country,recipe,output\nm,mine,CN,ndpr:1,"
                                              "ndpr\nu,use,JP,,\n", "from,to\nm,u\n", META),
              CKP_EDATA);
    CHECK_STR(msg, "n.csv:2:11: node 'm': a first-tier node makes its output from nothing: it "
                   "cannot have a \"recipe\"");
    /* the metadata file's materials */
    CHECK_INT(load_csv(NULL, msg, sizeof msg, nodes_recipe, edges2, "{\"materials\": [{}]}"),
              CKP_EDATA);
    CHECK(strstr(msg, ": \"materials\": material 0 needs an \"id\" string") != NULL);
    CHECK_INT(load_csv(NULL, msg, sizeof msg, nodes_recipe, edges2,
                       "{\"materials\": [{\"id\": \"a;b\"}]}"),
              CKP_EDATA);
    CHECK(strstr(msg, ": \"materials\": material id 'a;b' has a ';', which separates the "
                      "entries of a recipe in CSV and GraphML: rename it") != NULL);
}

#define GHEAD                                                                                \
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"                              \
    "<key id=\"m\" for=\"graph\" attr.name=\"materials\" attr.type=\"string\"/>"             \
    "<key id=\"t\" for=\"node\" attr.name=\"tier\" attr.type=\"string\"/>"                   \
    "<key id=\"c\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>"                \
    "<key id=\"r\" for=\"node\" attr.name=\"recipe\" attr.type=\"string\"/>"                 \
    "<key id=\"o\" for=\"node\" attr.name=\"output\" attr.type=\"string\"/>"                 \
    "<key id=\"d\" for=\"node\" attr.name=\"demand\" attr.type=\"double\"/>"                 \
    "<key id=\"x\" for=\"edge\" attr.name=\"material\" attr.type=\"string\"/>"               \
    "<graph edgedefault=\"directed\">"
#define GNODES                                                                               \
    "<node id=\"m\"><data key=\"t\">mine</data><data key=\"c\">AU</data>"                    \
    "<data key=\"o\">ndpr</data></node>"                                                     \
    "<node id=\"d\"><data key=\"t\">mine</data><data key=\"c\">MM</data>"                    \
    "<data key=\"o\">dytb</data></node>"                                                     \
    "<node id=\"u\"><data key=\"t\">use</data><data key=\"c\">JP</data>"                     \
    "<data key=\"d\">10</data><data key=\"r\">ndpr:1;dytb:0.5</data></node>"
#define GEDGES "<edge source=\"m\" target=\"u\"/><edge source=\"d\" target=\"u\"/>"
#define GMATS "<data key=\"m\">[{\"id\": \"ndpr\"}, {\"id\": \"dytb\"}]</data>"

static ckp_code load_graphml(char *msg, size_t size, const char *text)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_code rc = ckp_load_graphml_buffer(&net, text, strlen(text), "x.graphml", NULL, &err);
    return outcome(msg, size, rc, &err, net);
}

/* A GraphML file written by hand, as NetworkX writes one: an end user with a recipe. */
static void graphml_forms_and_errors(void)
{
    char msg[2200];
    CHECK_INT(load_graphml(msg, sizeof msg, GHEAD GMATS GNODES GEDGES "</graph></graphml>"),
              CKP_OK);
    CHECK_STR(msg, "served 10");
    CHECK_INT(load_graphml(msg, sizeof msg, GHEAD GNODES GEDGES "</graph></graphml>"),
              CKP_EDATA);
    CHECK_STR(msg, "x.graphml: node 'm': \"output\" names unknown material 'ndpr': list it in "
                   "the graph's \"materials\" attribute");
    CHECK_INT(load_graphml(msg, sizeof msg,
                           GHEAD "<data key=\"m\">[{\"id\": 1}]</data>" GNODES GEDGES
                                 "</graph></graphml>"),
              CKP_EDATA);
    CHECK_STR(msg, "x.graphml: the graph's \"materials\": material 0 needs an \"id\" string");
    CHECK_INT(load_graphml(msg, sizeof msg,
                           GHEAD GMATS GNODES GEDGES
                           "<edge source=\"d\" target=\"u\"><data key=\"x\">ndpr</data></edge>"
                           "</graph></graphml>"),
              CKP_EDATA);
    CHECK_STR(msg, "x.graphml: edge 2: node 'd' neither makes nor receives material 'ndpr'");
}

/*
 * A large edges file with a material column, read on threads (past 8 MiB): two edges a pair,
 * one of each material, every edge's material as written.
 */
static void large_csv(void)
{
    enum { MINES = 1000, USERS = 300, ROWS = 2 * MINES * USERS };
    char *nodes = malloc((MINES + USERS) * 40 + 128), *edges = malloc((size_t)ROWS * 24 + 64);
    size_t nl = (size_t)sprintf(nodes, "id,tier,country,demand,recipe,yields\n");
    for (int i = 0; i < MINES; i++)
        nl += (size_t)sprintf(nodes + nl, "m%d,mine,AU,,,a:1;b:1\n", i);
    for (int j = 0; j < USERS; j++)
        nl += (size_t)sprintf(nodes + nl, "u%d,use,JP,1,a:1;b:1,\n", j);
    size_t el = (size_t)sprintf(edges, "from,to,volume,material\n");
    for (int r = 0; r < ROWS; r++)
        el += (size_t)sprintf(edges + el, "m%d,u%d,%d,%s\n", r / 2 % MINES, r / 2 / MINES, r,
                              r % 2 ? "b" : "a");
    CHECK(el > (9u << 20));
    char path[64];
    temp_file(path, sizeof path, "{\"materials\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}");
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.meta = path;
    ckp_network *net = NULL;
    ckp_error err;
    CHECK_INT(ckp_load_csv_buffers(&net, nodes, nl, "n.csv", edges, el, "e.csv", &opts, &err),
              CKP_OK);
    unlink(path);
    int same = net && ckp_network_edge_count(net) == ROWS;
    for (int r = 0; same && r < ROWS; r++)
        same = ckp_edge_material(net, r) == r % 2 && ckp_edge_volume(net, r) == r &&
               ckp_edge_from(net, r) == r / 2 % MINES;
    CHECK(same);
    ckp_network_free(net);
    free(nodes);
    free(edges);
}

int main(void)
{
    csv_round_trip();
    graphml_round_trip();
    csv_forms_and_errors();
    graphml_forms_and_errors();
    large_csv();
    printf("test_bom_interchange: %d checks, %d failures\n", test_checks, test_failures);
    return test_failures != 0;
}
