/*
 * The CSV loader: a nodes file and an edges file. Each error case gives both
 * texts and the exact message with line:column, worked out by hand; each runs
 * as written, with CRLF line ends, and with a UTF-8 byte-order mark in front of
 * both files, and must give the same error every time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chokepoint/export.h"
#include "chokepoint/load.h"
#include "test.h"

typedef struct {
    const char *name;
    const char *nodes;
    const char *edges;
    const char *tiers; /* --tiers, or NULL */
    ckp_code code;
    const char *want;
} ccase;

#define NODES "id,tier,country\nm,mine,AU\nu,use,JP\n"
#define EDGES "from,to,volume\nm,u,5\n"
#define NODES_OPT "id,name,tier,country,owner,capacity,demand,stock,source,estimate"
#define EDGES_OPT "from,to and optionally volume,capacity,source,estimate"
#define NODES_HDR "id,tier,country and optionally name,owner,capacity,demand,stock,source,estimate"

static const ccase cases[] = {
    /* empty files */
    {"empty nodes file", "", EDGES, NULL, CKP_EDATA,
     "nodes.csv: the file is empty: expected a header row (" NODES_HDR ")"},
    {"blank nodes file", "\n\r\n\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv: the file is empty: expected a header row (" NODES_HDR ")"},
    {"empty edges file", NODES, "", NULL, CKP_EDATA,
     "edges.csv: the file is empty: expected a header row (" EDGES_OPT ")"},
    {"header only: no nodes", "id,tier,country\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv: the network has no nodes"},

    /* an empty first field, before any text was kept (found by the fuzzer: UB on a null buffer) */
    {"empty first header field", ",tier,country\nm,mine,AU\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:1:1: missing column \"id\" in the header (expected " NODES_HDR ")"},

    /* headers */
    {"missing column tier", "id,country\nm,AU\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:1:1: missing column \"tier\" in the header (expected " NODES_HDR ")"},
    {"missing column to", NODES, "from,volume\nm,5\n", NULL, CKP_EDATA,
     "edges.csv:1:1: missing column \"to\" in the header (expected " EDGES_OPT ")"},
    /* the tier order from the edges, or a refusal that shows the --tiers to give */
    {"tiers tied", "id,tier,country\nm,mine,AU\nu,use,JP\nx,other,CN\n", "from,to\nm,u\n",
     NULL, CKP_EDATA,
     "nodes.csv: cannot infer the tier order from the edges: no edge between tiers 'mine' and "
     "'other' says which comes first; give the order, sources first, e.g. "
     "--tiers mine,use,other"},
    {"tiers in a cycle", NODES, "from,to\nm,u\nu,m\n", NULL, CKP_EDATA,
     "nodes.csv: cannot infer the tier order from the edges: the edges between the tiers form a "
     "cycle (tier 'mine' is on it or after it); give the order, sources first, e.g. "
     "--tiers mine,use"},
    {"tier spelt two ways", "id,tier,country\nm,mine,AU\nc,cell,CN\nc2,Cell,CN\nu,use,JP\n",
     EDGES, NULL, CKP_EDATA,
     "nodes.csv:4:4: node 'c2': tier 'Cell' differs only by case or spaces from tier 'cell' "
     "(line 3): spell each tier one way"},
    {"tier with a space", "id,tier,country\nm,mine,AU\nu,use,JP\nm2,\" mine\",AU\n", EDGES,
     NULL, CKP_EDATA,
     "nodes.csv:4:4: node 'm2': tier ' mine' differs only by case or spaces from tier 'mine' "
     "(line 2): spell each tier one way"},
    /* spreadsheet habits */
    {"decimal comma", "id,tier,country,capacity\nm,mine,AU,\"15,5\"\nu,use,JP,\n", EDGES, NULL,
     CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"capacity\" must be a number, not '15,5': decimal comma: write "
     "15.5"},
    {"country name", "id,tier,country\nm,mine,China\nu,use,JP\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:8: node 'm': \"country\" 'China' is not an ISO 3166-1 alpha-2 code (use CN); "
     "use ZZ when unknown"},
    {"country alias", "id,tier,country\nm,mine,AU\nu,use,south korea\n", EDGES, NULL,
     CKP_EDATA,
     "nodes.csv:3:7: node 'u': \"country\" 'south korea' is not an ISO 3166-1 alpha-2 code "
     "(use KR); use ZZ when unknown"},
    {"duplicate column", "id,tier,country,tier\nm,mine,AU,mine\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:1:17: column \"tier\" appears twice in the header"},
    {"duplicate column in edges", NODES, "from,to,from\nm,u,m\n", NULL, CKP_EDATA,
     "edges.csv:1:9: column \"from\" appears twice in the header"},
    {"65 columns",
     "x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,"
     "x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x\n",
     EDGES, NULL, CKP_EDATA, "nodes.csv:1:129: more than 64 columns in a row"},

    /* quoting */
    {"unbalanced quote", "id,tier,country\n\"m,mine,AU\nu,use,JP\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:1: unterminated quoted field: close it with '\"'"},
    {"unbalanced quote late in a row", "id,tier,country\nm,mine,AU\nu,use,\"JP\n", EDGES, NULL,
     CKP_EDATA, "nodes.csv:3:7: unterminated quoted field: close it with '\"'"},
    {"stray quote", "id,tier,country\nm,mi\"ne,AU\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:5: stray '\"' in an unquoted field: quote the whole field and double the "
     "quote (\"\")"},
    {"text after a closing quote", "id,tier,country\n\"m\"x,mine,AU\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:4: unexpected text after a closing quote: a quoted field must end at a comma "
     "or a line end"},
    {"error after a field with line breaks",
     "id,name,tier,country\nm,\"Mine, \"\"big\"\"\nnorth\",mine,AU\nu,\"use\",use,UK\n", EDGES,
     NULL, CKP_EDATA,
     "nodes.csv:4:13: node 'u': \"country\" 'UK' is not an ISO 3166-1 alpha-2 code (use GB); "
     "use ZZ when unknown"},
    {"error in the field after a line break", "id,name,tier,country\nm,\"a\nb\",mine,CHN\n",
     EDGES, NULL, CKP_EDATA,
     "nodes.csv:3:9: node 'm': \"country\" 'CHN' is not an ISO 3166-1 alpha-2 code; use ZZ "
     "when unknown"},

    /* rows */
    {"too few fields", "id,tier,country\nm,mine\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:1: this row has 2 fields but the header has 3"},
    {"one field", "id,tier,country\nm,mine,AU\n   \n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:3:1: this row has 1 field but the header has 3"},
    {"too many fields", "id,tier,country\nm,mine,AU,x\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:1: this row has 4 fields but the header has 3: a value with a comma in it "
     "must be in double quotes"},
    {"unquoted thousands separator", "id,tier,country,capacity\nm,mine,AU,12,000\n", EDGES,
     NULL, CKP_EDATA,
     "nodes.csv:2:1: this row has 5 fields but the header has 4: a value with a comma in it "
     "must be in double quotes"},
    {"too few fields in edges", NODES, "from,to,volume\nm,u,5\nu\n", NULL, CKP_EDATA,
     "edges.csv:3:1: this row has 1 field but the header has 3"},

    /* numbers */
    {"quoted thousands separator", "id,tier,country,capacity\nm,mine,AU,\"12,000\"\n", EDGES,
     NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"capacity\" must be a number, not '12,000': write it without "
     "thousands separators"},
    {"a word for a number", "id,tier,country,demand\nm,mine,AU,lots\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"demand\" must be a number, not 'lots'"},
    {"inf", "id,tier,country,capacity\nm,mine,AU,inf\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"capacity\" must be a number, not 'inf'"},
    {"nan", "id,tier,country,stock\nm,mine,AU,nan\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"stock\" must be a number, not 'nan'"},
    {"hex", "id,tier,country,capacity\nm,mine,AU,0x10\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"capacity\" must be a number, not '0x10'"},
    {"1e999", "id,tier,country,capacity\nm,mine,AU,1e999\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"capacity\" is out of range: it must be a finite number"},
    {"negative capacity", "id,tier,country,capacity\nm,mine,AU,-1\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"capacity\" is negative (-1): it must be 0 or more"},
    {"negative demand", "id,tier,country,demand\nm,mine,AU,-2.5\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:11: node 'm': \"demand\" is negative (-2.5): it must be 0 or more"},
    {"negative volume", NODES, "from,to,volume\nm,u,-5\n", NULL, CKP_EDATA,
     "edges.csv:2:5: edge 0: \"volume\" is negative (-5): it must be 0 or more"},
    {"volume not a number", NODES, "from,to,volume\nm,u,5t\n", NULL, CKP_EDATA,
     "edges.csv:2:5: edge 0: \"volume\" must be a number, not '5t'"},
    {"edge capacity negative", NODES, "from,to,capacity\nm,u,-1\n", NULL, CKP_EDATA,
     "edges.csv:2:5: edge 0: \"capacity\" is negative (-1): it must be 0 or more"},

    /* node fields */
    {"empty id", "id,tier,country\nm,mine,AU\n,use,JP\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:3:1: node 1: \"id\" is empty: give every node an id"},
    {"empty tier", "id,tier,country\nm,,AU\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:3: node 'm': missing \"tier\" (the cell is empty)"},
    {"empty country", "id,tier,country\nm,mine,\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:8: node 'm': missing \"country\" (the cell is empty)"},
    {"country after spaces", "id,tier,country\nm, mine, UK\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:10: node 'm': \"country\" 'UK' is not an ISO 3166-1 alpha-2 code (use GB); "
     "use ZZ when unknown"},
    {"country lowercase", "id,tier,country\nm,mine,cn\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:8: node 'm': \"country\" 'cn' is not an ISO 3166-1 alpha-2 code (use CN); use ZZ when "
     "unknown"},
    {"duplicate id", "id,tier,country\nm,mine,AU\nm,use,JP\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:3:1: node 'm': duplicate id 'm': every node needs its own id"},
    {"invalid UTF-8", "id,tier,country\nm,mine,A\xff\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv:2:9: invalid UTF-8 (byte 0xFF): save the file as UTF-8"},
    {"invalid UTF-8 in edges", NODES, "from,to\nm,\xe9u\n", NULL, CKP_EDATA,
     "edges.csv:2:3: invalid UTF-8 (byte 0xE9): save the file as UTF-8"},

    /* tiers */
    {"one tier", "id,tier,country\nm,mine,AU\nu,mine,JP\n", EDGES, NULL, CKP_EDATA,
     "nodes.csv: every node is in tier 'mine': a network needs at least two tiers, sources "
     "first and end users last"},
    {"unknown tier with --tiers", "id,tier,country\nm,mine,AU\nu,use,JP\ns,sep,CN\n", EDGES,
     "mine,use", CKP_EDATA,
     "nodes.csv:4:3: node 's': unknown tier 'sep': \"tier\" must be one of mine, use"},
    {"--tiers with one tier", NODES, EDGES, "mine", CKP_EUSAGE,
     "--tiers must list at least two tiers, sources first"},
    {"--tiers with an empty name", NODES, EDGES, "mine,,use", CKP_EUSAGE,
     "--tiers has an empty tier name: give names separated by commas"},
    {"--tiers with a trailing comma", NODES, EDGES, "mine,use,", CKP_EUSAGE,
     "--tiers has an empty tier name: give names separated by commas"},
    {"--tiers repeated", NODES, EDGES, "mine,use,mine", CKP_EUSAGE,
     "--tiers lists tier 'mine' twice"},
    {"no sources with --tiers", "id,tier,country\nu,use,JP\n", EDGES, "mine,use", CKP_EDATA,
     "nodes.csv: no node is in the first tier 'mine': a network needs sources"},
    {"no end users with --tiers", "id,tier,country\nm,mine,JP\n", EDGES, "mine,use", CKP_EDATA,
     "nodes.csv: no node is in the last tier 'use': a network needs end users"},

    /* edges */
    {"unknown node in to", NODES, "from,to\nm,ghost\n", NULL, CKP_EDATA,
     "edges.csv:2:3: edge 0: unknown node 'ghost' in \"to\""},
    {"unknown node in from", NODES, "from,to\nm,u\nghost,u\n", NULL, CKP_EDATA,
     "edges.csv:3:1: edge 1: unknown node 'ghost' in \"from\""},
    {"empty from", NODES, "from,to\n,u\n", NULL, CKP_EDATA,
     "edges.csv:2:1: edge 0: missing node id in \"from\""},
    {"empty to", NODES, "from,to\nm,\n", NULL, CKP_EDATA,
     "edges.csv:2:3: edge 0: missing node id in \"to\""},
    {"self-loop", NODES, "from,to\nm,m\n", NULL, CKP_EDATA,
     "edges.csv:2:3: edge 0: self-loop on 'm': an edge must join two different nodes"},
    {"duplicate edge", NODES, "from,to,volume\nm,u,1\nm,u,2\n", NULL, CKP_EDATA,
     "edges.csv:3:3: edge 1: duplicate edge 'm' -> 'u': give one edge per pair and add up the "
     "volumes"},
    /* duplicates are found after the load: the earliest second occurrence is named */
    {"duplicate edges, two pairs", "id,tier,country\nm,mine,AU\nn,mine,AU\nu,use,JP\nv,use,JP\n",
     "from,to\nm,u\nn,v\nm,v\nn,v\nm,u\n", NULL, CKP_EDATA,
     "edges.csv:5:3: edge 3: duplicate edge 'n' -> 'v': give one edge per pair and add up the "
     "volumes"},
    {"unbalanced quote in edges", NODES, "from,to\n\"m,u\n", NULL, CKP_EDATA,
     "edges.csv:2:1: unterminated quoted field: close it with '\"'"},
};

/* Copy with CRLF line ends and/or a BOM in front. */
static char *variant(const char *s, int crlf, int bom, size_t *len)
{
    size_t n = strlen(s);
    char *out = malloc(2 * n + 4), *p = out;
    if (bom) {
        memcpy(p, "\xef\xbb\xbf", 3);
        p += 3;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && crlf)
            *p++ = '\r';
        *p++ = s[i];
    }
    *p = '\0';
    *len = (size_t)(p - out);
    return out;
}

static ckp_code load(ckp_network **net, const char *nodes, size_t nl, const char *edges,
                     size_t el, const char *tiers, const char *name, ckp_error *err)
{
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.tiers = tiers;
    opts.name = name;
    ckp_error_init(err);
    return ckp_load_csv_buffers(net, nodes, nl, "nodes.csv", edges, el, "edges.csv", &opts,
                                err);
}

static void table(void)
{
    static const char *const how[] = {"", " (CRLF)", " (BOM)"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ccase *c = &cases[i];
        for (int v = 0; v < 3; v++) {
            size_t nl, el;
            char *nodes = variant(c->nodes, v == 1, v == 2, &nl);
            char *edges = variant(c->edges, v == 1, v == 2, &el);
            ckp_network *net = NULL;
            ckp_error err;
            char got[2200];
            ckp_code rc = load(&net, nodes, nl, edges, el, c->tiers, NULL, &err);
            ckp_error_format(got, sizeof got, &err);
            test_checks += 3;
            if (rc != c->code || err.code != c->code) {
                fprintf(stderr, "case '%s'%s: code %d (err.code %d), expected %d\n", c->name,
                        how[v], rc, err.code, c->code);
                test_failures++;
            }
            if (strcmp(got, c->want)) {
                fprintf(stderr, "case '%s'%s:\n  got:      %s\n  expected: %s\n", c->name,
                        how[v], got, c->want);
                test_failures++;
            }
            if (net) {
                fprintf(stderr, "case '%s'%s: a network came back with an error\n", c->name,
                        how[v]);
                test_failures++;
                ckp_network_free(net);
            }
            free(nodes);
            free(edges);
        }
    }
}

static ckp_network *load_ok(const char *label, const char *nodes, const char *edges,
                            const char *tiers)
{
    ckp_network *net = NULL;
    ckp_error err;
    char msg[2200];
    ckp_code rc = load(&net, nodes, strlen(nodes), edges, strlen(edges), tiers, NULL, &err);
    test_checks++;
    if (rc || !net) {
        fprintf(stderr, "%s: expected to load, got: %s\n", label,
                ckp_error_format(msg, sizeof msg, &err));
        test_failures++;
    }
    return net;
}

static void quoting(void)
{
    const char *nodes = "id,name,tier,country\n"
                        "m,\"Mine, \"\"big\"\"\nnorth\",mine,AU\n"
                        " \"u\" , use ,use, JP \n"
                        "\"s,1\",\"\",use,\"CN\"\n";
    const char *edges = "from,to,volume\nm,u,5\n\"m\",\"s,1\",\"7.5\"\n";
    for (int v = 0; v < 3; v++) {
        size_t nl, el;
        char *n = variant(nodes, v == 1, v == 2, &nl);
        char *e = variant(edges, v == 1, v == 2, &el);
        ckp_network *net = NULL;
        ckp_error err;
        CHECK_INT(load(&net, n, nl, e, el, NULL, NULL, &err), CKP_OK);
        if (net) {
            CHECK_INT(ckp_network_node_count(net), 3);
            CHECK_INT(ckp_network_edge_count(net), 2);
            /* doubled quotes, an embedded comma, an embedded line break (kept as written) */
            CHECK_STR(ckp_node_name(net, 0), v == 1 ? "Mine, \"big\"\r\nnorth"
                                                    : "Mine, \"big\"\nnorth");
            /* spaces around a quoted field are dropped; unquoted fields are trimmed */
            CHECK_STR(ckp_node_id(net, 1), "u");
            CHECK_STR(ckp_node_name(net, 1), "use");
            CHECK_STR(ckp_node_country(net, 1), "JP");
            CHECK_STR(ckp_node_id(net, 2), "s,1");
            CHECK_STR(ckp_node_name(net, 2), "s,1"); /* "" is empty: no name */
            CHECK_INT(ckp_network_find_edge(net, 0, 2), 1);
            CHECK(ckp_edge_volume(net, 1) == 7.5);
        }
        ckp_network_free(net);
        free(n);
        free(e);
    }
}

static void values(void)
{
    /* every column, in a shuffled order, with an unknown column; empty cells are absent */
    ckp_network *net = load_ok(
        "all columns",
        "estimate,source,stock,demand,capacity,owner,country,tier,name,id,comment\n"
        ",,,,,,AU,mine,,m1,hello\n"
        "guess,,5,,100,Lynas,CN,mine,Mine 2,m2,\n"
        ",src,,70,,,JP,use,,u1,\n"
        ",,,,,CRE,CN,use,,u2,x\n",
        "capacity,to,volume,from,estimate,source\n"
        ",u1,60,m1,,\n"
        "80,u2,,m2,e,s\n"
        ",u2,30,m1,,\n",
        NULL);
    if (net) {
        CHECK_INT(ckp_network_node_count(net), 4);
        CHECK_INT(ckp_network_edge_count(net), 3);
        CHECK_STR(ckp_network_name(net), "nodes.csv"); /* the nodes file's name by default */
        CHECK_STR(ckp_network_unit(net), "");
        CHECK(isnan(ckp_network_year(net)));
        CHECK_STR(ckp_node_name(net, 0), "m1");
        CHECK(ckp_node_owner(net, 0) == NULL);
        CHECK(ckp_node_capacity(net, 0) == CKP_UNBOUNDED);
        CHECK(isnan(ckp_node_demand_given(net, 0)));
        CHECK(isnan(ckp_node_stock(net, 0)));
        CHECK(ckp_node_source(net, 0) == NULL);
        CHECK(ckp_node_estimate(net, 0) == NULL);
        CHECK_STR(ckp_node_name(net, 1), "Mine 2");
        CHECK_STR(ckp_node_owner(net, 1), "Lynas");
        CHECK(ckp_node_capacity(net, 1) == 100);
        CHECK(ckp_node_stock(net, 1) == 5);
        CHECK_STR(ckp_node_estimate(net, 1), "guess");
        CHECK(ckp_node_demand_given(net, 2) == 70);
        CHECK_STR(ckp_node_source(net, 2), "src");
        /* u2: no demand given: its inflow 0 + 30 */
        CHECK(isnan(ckp_node_demand_given(net, 3)));
        CHECK(ckp_node_demand(net, 3) == 30);
        CHECK_INT(ckp_node_country_index(net, 3), 1); /* CN, interned */
        CHECK_INT(ckp_network_country_count(net), 3);
        CHECK_INT(ckp_network_owner_count(net), 2);
        CHECK(ckp_edge_volume(net, 0) == 60);
        CHECK(ckp_edge_capacity(net, 0) == CKP_UNBOUNDED);
        CHECK(ckp_edge_volume(net, 1) == 0); /* empty volume is 0 */
        CHECK(ckp_edge_capacity(net, 1) == 80);
        CHECK_STR(ckp_edge_source(net, 1), "s");
        CHECK_STR(ckp_edge_estimate(net, 1), "e");
        CHECK_INT(ckp_edge_from(net, 2), 0);
        CHECK_INT(ckp_edge_to(net, 2), 3);
    }
    ckp_network_free(net);

    /* blank lines are skipped; an edges file with only a header has no edges */
    net = load_ok("blank lines", "\nid,tier,country\n\nm,mine,AU\n\n\r\nu,use,JP", "from,to\n\n",
                  "mine,use");
    if (net) {
        CHECK_INT(ckp_network_node_count(net), 2);
        CHECK_INT(ckp_network_edge_count(net), 0);
    }
    ckp_network_free(net);

    /* numbers: exponents, signs, decimals; a tiny number underflows to 0 without error */
    net = load_ok("numbers", "id,tier,country,capacity,demand,stock\nm,mine,AU,1.5e3,+2,1e-400\n"
                             "u,use,JP,.5,0,-0\n",
                  EDGES, NULL);
    if (net) {
        CHECK(ckp_node_capacity(net, 0) == 1500);
        CHECK(ckp_node_demand_given(net, 0) == 2);
        CHECK(ckp_node_stock(net, 0) == 0);
        CHECK(ckp_node_capacity(net, 1) == 0.5);
        CHECK(ckp_node_demand_given(net, 1) == 0);
        CHECK(ckp_node_stock(net, 1) == 0);
    }
    ckp_network_free(net);

    /* --name */
    ckp_error err;
    net = NULL;
    CHECK_INT(load(&net, NODES, strlen(NODES), EDGES, strlen(EDGES), NULL, "Rare earths", &err),
              CKP_OK);
    if (net)
        CHECK_STR(ckp_network_name(net), "Rare earths");
    ckp_network_free(net);
}

static void tier_order(void)
{
    const char *nodes = "id,tier,country\nu,use,JP\nm,mine,AU\ns,sep,CN\nm2,mine,AU\n";
    const char *edges = "from,to\nm,s\ns,u\nm2,s\n";
    /* without --tiers: inferred from the edges (mine -> sep -> use), not the rows' order */
    ckp_network *net = load_ok("inferred order", nodes, edges, NULL);
    if (net) {
        CHECK_INT(ckp_network_tier_count(net), 3);
        CHECK_STR(ckp_network_tier_name(net, 0), "mine");
        CHECK_STR(ckp_network_tier_name(net, 1), "sep");
        CHECK_STR(ckp_network_tier_name(net, 2), "use");
        CHECK_INT(ckp_node_tier(net, 0), 2);
        CHECK_INT(ckp_node_tier(net, 3), 0);
    }
    ckp_network_free(net);
    /* with --tiers: that order, spaces around names ignored, unused tiers kept */
    net = load_ok("--tiers", nodes, edges, " mine , sep,refine,use ");
    if (net) {
        CHECK_INT(ckp_network_tier_count(net), 4);
        CHECK_STR(ckp_network_tier_name(net, 0), "mine");
        CHECK_STR(ckp_network_tier_name(net, 1), "sep");
        CHECK_STR(ckp_network_tier_name(net, 2), "refine");
        CHECK_STR(ckp_network_tier_name(net, 3), "use");
        CHECK_INT(ckp_node_tier(net, 0), 3); /* u */
        CHECK_INT(ckp_node_tier(net, 1), 0); /* m */
        CHECK_INT(ckp_node_tier(net, 2), 1); /* s */
    }
    ckp_network_free(net);
}

static void nul_and_files(void)
{
    static const char nodes[] = "id,tier,country\nm,mi\0ne,AU\n";
    ckp_network *net = NULL;
    ckp_error err;
    char msg[2200];
    CHECK_INT(load(&net, nodes, sizeof nodes - 1, EDGES, strlen(EDGES), NULL, NULL, &err),
              CKP_EDATA);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "nodes.csv:2:5: NUL byte in the file: this is not a text file");
    CHECK(net == NULL);

    ckp_error_init(&err);
    CHECK_INT(ckp_load_csv(&net, "/nonexistent-nodes.csv", "/nonexistent-edges.csv", NULL,
                           &err),
              CKP_ENOINPUT);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "cannot open '/nonexistent-nodes.csv': No such file or directory");
    CHECK_INT(ckp_load_csv(&net, CKP_TEST_DATA "/diamond-nodes.csv", "/nonexistent-edges.csv",
                           NULL, &err),
              CKP_ENOINPUT);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "cannot open '/nonexistent-edges.csv': No such file or directory");

    /* the CSV pair in tests/data is the diamond network */
    const char *paths[] = {CKP_TEST_DATA "/diamond-nodes.csv", CKP_TEST_DATA "/diamond-edges.csv"};
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.tiers = "mine,separation,magnet,end_use";
    CHECK_INT(ckp_load_network(&net, paths, 2, &opts, &err), CKP_OK);
    if (net) {
        CHECK_INT(ckp_network_node_count(net), 5);
        CHECK_INT(ckp_network_edge_count(net), 5);
        CHECK_STR(ckp_network_name(net), "diamond-nodes.csv");
        CHECK_STR(ckp_node_name(net, 1), "S1");
        CHECK(ckp_node_capacity(net, 1) == 60);
        CHECK(ckp_node_demand_given(net, 4) == 90);
        CHECK_STR(ckp_node_owner(net, 0), "Lynas");
    }
    ckp_network_free(net);
}

/* Numbers read as strtod reads them, bit for bit: the exact fast path and the rest. */
static void numbers_exact(void)
{
    enum { N = 3000 };
    static const char *const forms[] = {"%llu", "%llu.%llu", "%llue%d", "%llu.%llue%d",
                                        "-%llu.%llu", "+%llu", ".%llu", "%llu.",
                                        "%llu.%lluE+%d"};
    char *nodes = malloc(N * 64 + 64), (*text)[48] = malloc(N * sizeof *text);
    size_t len = (size_t)sprintf(nodes, "id,tier,country,capacity\nu,use,JP,\n");
    unsigned long long x = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < N; i++) {
    again: /* figures are at most 1e15: draw again past it */
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        /* mantissas from 1 to 23 digits, exponents from -40 to 40 */
        unsigned long long a = x % 100000000000ULL, b = (x >> 11) % 10000000000ULL;
        int e = (int)((x >> 40) % 81) - 40;
        if (i % 3 == 0) { /* past the fast path's 19 digits, and still at most 1e15 */
            b = x;
            a %= 1000;
            e = -(int)((x >> 40) % 36) - 5;
        }
        const char *f = forms[i % (sizeof forms / sizeof *forms)];
        if (strstr(f, "e%d") || strstr(f, "E+%d")) {
            if (strchr(f, '.'))
                snprintf(text[i], sizeof text[i], f, a, b, e < 0 ? -e : e);
            else
                snprintf(text[i], sizeof text[i], f, a, e);
        } else if (strchr(f + 4, '%')) {
            snprintf(text[i], sizeof text[i], f, a, b);
        } else {
            snprintf(text[i], sizeof text[i], f, a);
        }
        if (text[i][0] == '-') /* a negative capacity is refused; keep the digits */
            memmove(text[i], text[i] + 1, strlen(text[i]));
        if (strtod(text[i], NULL) > 1e15)
            goto again;
        len += (size_t)sprintf(nodes + len, "m%d,mine,AU,%s\n", i, text[i]);
    }
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    const char *edges = "from,to\nm0,u\n";
    CHECK_INT(ckp_load_csv_buffers(&net, nodes, len, "nodes.csv", edges, strlen(edges),
                                   "edges.csv", NULL, &err),
              CKP_OK);
    if (err.code)
        fprintf(stderr, "%s\n", err.message);
    int same = 1;
    for (int i = 0; net && i < N; i++) {
        double want = strtod(text[i], NULL), got = ckp_node_capacity(net, i + 1);
        if (memcmp(&want, &got, sizeof want)) {
            fprintf(stderr, "'%s': strtod %.17g, loader %.17g\n", text[i], want, got);
            same = 0;
        }
    }
    CHECK(same);
    ckp_network_free(net);
    free(nodes);
    free(text);
}

/*
 * A large edges file, read on several threads: every edge against the rows
 * written; then errors planted late in it (unknown id, a negative volume, a
 * duplicate whose first copy is in the other half) and a quoted field with a
 * line break across the middle, each with the message the row-by-row reader
 * gives (worked out from the row written).
 */
/* Writes len bytes to a new temporary file named from `tmpl` (XXXXXX at its end); 0 on failure. */
static int temp_file(char *tmpl, const char *data, size_t len)
{
    int fd = mkstemp(tmpl);
    if (fd < 0)
        return 0;
    FILE *f = fdopen(fd, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f ? fclose(f) != 0 : close(fd) != 0)
        ok = 0;
    return ok;
}

/*
 * From files, the edges file (past the size read on threads) is read on a second thread while
 * the nodes are parsed: the same network; a nodes error is still the one reported, and a
 * missing edges file is reported before any row is parsed.
 */
static void large_edges_from_files(const char *nodes, size_t nl, const char *edges, size_t el)
{
    char np[] = "/tmp/ckp-test-nodes-XXXXXX", ep[] = "/tmp/ckp-test-edges-XXXXXX";
    char bad[] = "/tmp/ckp-test-badnodes-XXXXXX", msg[600];
    static const char bad_nodes[] = "id,tier,country\nn0,mine,AU\nn0,use,JP\n";
    CHECK(temp_file(np, nodes, nl));
    CHECK(temp_file(ep, edges, el));
    CHECK(temp_file(bad, bad_nodes, sizeof bad_nodes - 1));
    ckp_network *net = NULL, *ref = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_load_csv(&net, np, ep, NULL, &err), CKP_OK);
    CHECK_INT(load(&ref, nodes, nl, edges, el, NULL, NULL, &err), CKP_OK);
    int same = net && ref && ckp_network_edge_count(net) == ckp_network_edge_count(ref) &&
               ckp_network_node_count(net) == ckp_network_node_count(ref);
    for (igraph_integer_t e = 0; same && e < ckp_network_edge_count(ref); e++)
        same = ckp_edge_from(net, e) == ckp_edge_from(ref, e) &&
               ckp_edge_to(net, e) == ckp_edge_to(ref, e) &&
               ckp_edge_volume(net, e) == ckp_edge_volume(ref, e);
    CHECK(same);
    ckp_network_free(net);
    ckp_network_free(ref);

    net = NULL;
    CHECK_INT(ckp_load_csv(&net, bad, ep, NULL, &err), CKP_EDATA);
    ckp_error_format(msg, sizeof msg, &err);
    char want[600];
    snprintf(want, sizeof want, "%s:3:1: node 'n0': duplicate id 'n0': every node needs its own id",
             bad);
    CHECK_STR(msg, want);
    CHECK(net == NULL);

    CHECK_INT(ckp_load_csv(&net, np, "/nonexistent-edges.csv", NULL, &err), CKP_ENOINPUT);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "cannot open '/nonexistent-edges.csv': No such file or directory");
    CHECK(net == NULL);
    remove(np);
    remove(ep);
    remove(bad);
}

static void large_edges(void)
{
    enum { NODES_N = 2000, ROWS = 400000 };
    char *nodes = malloc(NODES_N * 40 + 64), *edges = malloc((size_t)ROWS * 48 + 256);
    size_t nl = (size_t)sprintf(nodes, "id,tier,country\n");
    for (int i = 0; i < NODES_N; i++)
        nl += (size_t)sprintf(nodes + nl, "n%d,%s,AU\n", i, i < NODES_N / 2 ? "mine" : "use");
    /* row r joins mine r % 1000 to end user 1000 + r / 1000 % 1000: no pair twice */
    size_t el = (size_t)sprintf(edges, "from,to,volume,source\n");
    size_t row_at[ROWS];
    for (int r = 0; r < ROWS; r++) {
        row_at[r] = el;
        el += (size_t)sprintf(edges + el, "n%d,n%d,%d.5,%s\n", r % 1000, 1000 + r / 1000 % 1000, r,
                              r % 3 ? "customs" : r % 3 == 1 ? "" : "filing");
    }
    CHECK(el > (9u << 20)); /* past the size read on threads */
    ckp_network *net = NULL;
    ckp_error err;
    CHECK_INT(load(&net, nodes, nl, edges, el, NULL, NULL, &err), CKP_OK);
    int same = net && ckp_network_edge_count(net) == ROWS;
    for (int r = 0; same && r < ROWS; r++) {
        const char *src = ckp_edge_source(net, r);
        same = ckp_edge_from(net, r) == r % 1000 &&
               ckp_edge_to(net, r) == 1000 + r / 1000 % 1000 &&
               ckp_edge_volume(net, r) == r + 0.5 && isinf(ckp_edge_capacity(net, r)) &&
               !strcmp(src ? src : "", r % 3 ? "customs" : "filing");
    }
    CHECK(same);
    ckp_network_free(net);

    /* errors late in the file: each row rewritten in place, same length or shorter */
    char want[200];
    char *copy = malloc(el + 1);
    copy[el] = '\0';
    struct {
        int row;
        const char *text; /* replaces the row's start */
        const char *fmt;  /* the message, from the row number */
    } bad[] = {
        {ROWS - 7, "zz", "edges.csv:%d:1: edge %d: unknown node 'zz%s' in \"from\""},
        {ROWS - 3, NULL, "edges.csv:%d:%d: edge %d: \"volume\" is negative (-1): it must be 0 or more"},
        {ROWS - 2, NULL, "edges.csv:%d:%d: edge %d: duplicate edge 'n%d' -> 'n%d': give one edge per "
                         "pair and add up the volumes"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        memcpy(copy, edges, el);
        int r = bad[k].row;
        char *line = copy + row_at[r];
        size_t len = (size_t)(strchr(line, '\n') - line);
        if (k == 0) {
            memcpy(line, "zz", 2); /* "n123,..." becomes "zz23,..." */
            char rest[16];
            snprintf(rest, sizeof rest, "%d", r % 1000);
            snprintf(want, sizeof want, bad[k].fmt, r + 2, r, rest + (r % 1000 >= 10 ? 1 : 0));
            if (r % 1000 < 10) /* "n7" -> "zz" has no digits left */
                snprintf(want, sizeof want, "edges.csv:%d:1: edge %d: unknown node 'zz' in \"from\"", r + 2, r);
        } else if (k == 1) {
            char *comma = strchr(strchr(line, ',') + 1, ',');
            char cell[32];
            snprintf(cell, sizeof cell, "-1");
            size_t vlen = (size_t)(strchr(comma + 1, ',') - comma - 1);
            memset(comma + 1, ' ', vlen);
            memcpy(comma + 1 + vlen - 2, cell, 2); /* "   -1": spaces are trimmed */
            /* the place is the value's, after the spaces */
            snprintf(want, sizeof want, bad[k].fmt, r + 2, (int)(comma + 1 - line) + 1 + (int)vlen - 2,
                     r);
        } else {
            /* the same pair as row 5, in the first half */
            char text[64];
            int n = snprintf(text, sizeof text, "n%d,n%d,1,", 5 % 1000, 1000 + 5 / 1000 % 1000);
            memset(line, ' ', len);
            memcpy(line, text, (size_t)n);
            snprintf(want, sizeof want, bad[k].fmt, r + 2, (int)strlen("n5,") + 1, r, 5, 1000);
        }
        net = NULL;
        char got[400];
        CHECK_INT(load(&net, nodes, nl, copy, el, NULL, NULL, &err), CKP_EDATA);
        ckp_error_format(got, sizeof got, &err);
        CHECK_STR(got, want);
        ckp_network_free(net);
    }

    /* a quoted source with a line break across the middle: read row by row, still right */
    memcpy(copy, edges, el);
    int mid = ROWS / 2;
    char *line = copy + row_at[mid];
    char *eol = memchr(line, '\n', (size_t)(copy + el - line)), *src = eol;
    while (src[-1] != ',')
        src--; /* the last field: "customs" or "filing" */
    size_t slen = (size_t)(eol - src);
    if (slen >= 4) {
        memcpy(src, "\"a\nb\"", 5);
        memset(src + 5, ' ', slen - 5); /* spaces after a closing quote are allowed */
    }
    net = NULL;
    CHECK_INT(load(&net, nodes, nl, copy, el, NULL, NULL, &err), CKP_OK);
    if (err.code)
        fprintf(stderr, "%s\n", err.message);
    CHECK(net && ckp_network_edge_count(net) == ROWS && ckp_edge_source(net, mid) &&
          !strcmp(ckp_edge_source(net, mid), "a\nb"));
    ckp_network_free(net);
    free(copy);
    large_edges_from_files(nodes, nl, edges, el);
    free(nodes);
    free(edges);
}

/* Headers in capitals, ';' and tab separators, a decimal comma where ';' separates. */
static void spreadsheets(void)
{
    ckp_network *net = load_ok("capitals", "ID,Name,Tier,Country\nm,M,mine,AU\nu,U,use,JP\n",
                               "From,TO,Volume\nm,u,5\n", NULL);
    if (net) {
        CHECK_STR(ckp_network_tier_name(net, 0), "mine");
        CHECK_STR(ckp_node_name(net, 0), "M");
        CHECK_NEAR(ckp_edge_volume(net, 0), 5, 0);
    }
    ckp_network_free(net);
    net = load_ok("semicolons", "id;tier;country;capacity\nm;mine;AU;15,5\nu;use;JP;\n",
                  "from;to;volume\nm;u;2,25\n", NULL);
    if (net) {
        CHECK_NEAR(ckp_node_capacity(net, 0), 15.5, 0);
        CHECK_NEAR(ckp_edge_volume(net, 0), 2.25, 0);
    }
    ckp_network_free(net);
    net = load_ok("tabs", "id\ttier\tcountry\tname\nm\tmine\tAU\t\"A, B\"\nu\tuse\tJP\t\n",
                  "from\tto\tvolume\nm\tu\t3.5\n", NULL);
    if (net) {
        CHECK_STR(ckp_node_name(net, 0), "A, B");
        CHECK_NEAR(ckp_edge_volume(net, 0), 3.5, 0);
    }
    ckp_network_free(net);
    /* a separator given wins over the header's: this header is then one column */
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.separator = ',';
    ckp_error err;
    const char *nodes = "id;tier;country\nm;mine;AU\n";
    CHECK_INT(ckp_load_csv_buffers(&net, nodes, strlen(nodes), "nodes.csv", EDGES, strlen(EDGES),
                                   "edges.csv", &opts, &err),
              CKP_EDATA);
    CHECK_STR(err.message, "missing column \"id\" in the header (expected " NODES_HDR ")");
}

/* Every error of the files at once; an edge naming a refused node adds none. */
static void all_errors(void)
{
    const char *nodes = "id,tier,country,capacity\nm,mine,AU,x\nm2,mine,China,\nu,use,JP,\n"
                        "u2,use,JP,-1\n";
    const char *edges = "from,to,volume\nm,u,1\nm2,u,1\nu,nowhere,1\n";
    ckp_error_list list;
    ckp_error_list_init(&list, 2);
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.errors = &list;
    ckp_network *net = NULL;
    ckp_error err;
    CHECK_INT(ckp_load_csv_buffers(&net, nodes, strlen(nodes), "nodes.csv", edges, strlen(edges),
                                   "edges.csv", &opts, &err),
              CKP_EDATA);
    CHECK(net == NULL);
    CHECK_INT((long long)list.total, 4); /* m, m2, u2, and the edge to 'nowhere' */
    CHECK_INT((long long)list.count, 2);
    char msg[2200];
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "nodes.csv:2:11: node 'm': \"capacity\" must be a number, not 'x'");
    if (list.count == 2)
        CHECK_STR(ckp_error_format(msg, sizeof msg, &list.items[1]),
                  "nodes.csv:3:9: node 'm2': \"country\" 'China' is not an ISO 3166-1 alpha-2 "
                  "code (use CN); use ZZ when unknown");
    ckp_error_list_destroy(&list);
}

/* CSV -> JSON -> CSV in memory: every field survives quotes, commas, line breaks and UTF-8. */
static void writers_round_trip(void)
{
    const char *nodes = "id,name,tier,country,owner,capacity,demand,stock,source,estimate\n"
                        "m,\"Mine \"\"A\"\", north\",mine,AU,Ly\\nas,12.5,,3,\"two\nlines\",\n"
                        "u,Ünï,use,JP,,,7,,,\"tab\there\"\n";
    const char *edges = "from,to,volume,capacity,source,estimate\nm,u,0.1,1e15,s,\n";
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.unit = "t \"NdPr\"";
    opts.year = 2024;
    opts.source = "src";
    ckp_network *a = NULL, *b = NULL, *c = NULL;
    ckp_error err;
    ckp_buf json, n2, e2, n3;
    ckp_buf_init(&json);
    ckp_buf_init(&n2);
    ckp_buf_init(&e2);
    ckp_buf_init(&n3);
    CHECK_INT(ckp_load_csv_buffers(&a, nodes, strlen(nodes), "n.csv", edges, strlen(edges),
                                   "e.csv", &opts, &err),
              CKP_OK);
    if (!a)
        goto done;
    ckp_network_write_json(&json, a);
    CHECK_INT(ckp_load_json_buffer(&b, json.data, json.len, "a.json", &err), CKP_OK);
    if (!b)
        goto done;
    CHECK_STR(ckp_network_unit(b), "t \"NdPr\"");
    CHECK_NEAR(ckp_network_year(b), 2024, 0);
    CHECK_STR(ckp_node_name(b, 0), "Mine \"A\", north");
    CHECK_STR(ckp_node_owner(b, 0), "Ly\\nas");
    CHECK_STR(ckp_node_source(b, 0), "two\nlines");
    CHECK_STR(ckp_node_estimate(b, 1), "tab\there");
    CHECK_STR(ckp_node_name(b, 1), "Ünï");
    CHECK_NEAR(ckp_node_stock(b, 0), 3, 0);
    CHECK(isnan(ckp_node_demand_given(b, 0)));
    CHECK_NEAR(ckp_edge_volume(b, 0), 0.1, 0);
    CHECK_NEAR(ckp_edge_capacity(b, 0), 1e15, 0);
    ckp_network_write_nodes_csv(&n2, b);
    ckp_network_write_edges_csv(&e2, b);
    CHECK_INT(ckp_load_csv_buffers(&c, n2.data, n2.len, "n2.csv", e2.data, e2.len, "e2.csv",
                                   NULL, &err),
              CKP_OK);
    if (!c)
        goto done;
    ckp_network_write_nodes_csv(&n3, c);
    CHECK_STR(n3.data, n2.data);
    CHECK_STR(n2.data, "id,name,tier,country,owner,capacity,demand,stock,source,estimate\n"
                       "m,\"Mine \"\"A\"\", north\",mine,AU,Ly\\nas,12.5,,3,\"two\nlines\",\n"
                       "u,Ünï,use,JP,,,7,,,tab\there\n");
done:
    ckp_buf_destroy(&json);
    ckp_buf_destroy(&n2);
    ckp_buf_destroy(&e2);
    ckp_buf_destroy(&n3);
    ckp_network_free(a);
    ckp_network_free(b);
    ckp_network_free(c);
}

int main(void)
{
    large_edges();
    numbers_exact();
    table();
    quoting();
    values();
    tier_order();
    spreadsheets();
    all_errors();
    writers_round_trip();
    nul_and_files();
    return test_report("test_load_csv");
}
