/*
 * Hardening: hostile inputs to every parser (networks in JSON and CSV, scenarios, plans)
 * with the exact message and code a user gets, inputs too large or too deep, huge but valid
 * networks, outputs that cannot be written (the old file untouched), igraph errors coming back
 * as chokepoint errors. A crash the fuzzers (tests/fuzz) find becomes a case here; so far they
 * found none, and these tests pin the bugs found while writing them: duplicate keys found in
 * quadratic time, NUL bytes in scenarios and plans, escaped top-level keys, figures near
 * DBL_MAX that overflow sums.
 * The table of behaviours is docs/hardening.md; the loaders' own tables are in
 * test_load_json.c and test_load_csv.c, scenario and plan errors in test_whatif.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "chokepoint/plan.h"
#include "chokepoint/scenario.h"
#include "igraph_glue.h"
#include "network_internal.h"
#include "test.h"

enum { NET_JSON, NET_CSV, SCENARIO, PLAN };

typedef struct {
    int kind;
    const char *name;
    const char *text;  /* JSON, or the nodes CSV */
    size_t len;        /* 0: strlen(text); else the text may hold NUL bytes */
    const char *edges; /* CSV: the edges file */
    ckp_code code;
    const char *want; /* the formatted error, exact; NULL when the input must load */
} hcase;

#define J(name, text, want) {NET_JSON, name, text, 0, NULL, CKP_EDATA, want}
#define JRAW(name, text, want) {NET_JSON, name, text, sizeof(text) - 1, NULL, CKP_EDATA, want}
#define JOK(name, text) {NET_JSON, name, text, 0, NULL, CKP_OK, NULL}
#define CSV(name, nodes, edges, want) {NET_CSV, name, nodes, 0, edges, CKP_EDATA, want}
#define CSVOK(name, nodes, edges) {NET_CSV, name, nodes, 0, edges, CKP_OK, NULL}
#define S(name, text, want) {SCENARIO, name, text, 0, NULL, CKP_EDATA, want}
#define SRAW(name, text, want) {SCENARIO, name, text, sizeof(text) - 1, NULL, CKP_EDATA, want}
#define SOK(name, text) {SCENARIO, name, text, 0, NULL, CKP_OK, NULL}
#define P(name, text, want) {PLAN, name, text, 0, NULL, CKP_EDATA, want}
#define PRAW(name, text, want) {PLAN, name, text, sizeof(text) - 1, NULL, CKP_EDATA, want}
#define POK(name, text) {PLAN, name, text, 0, NULL, CKP_OK, NULL}

/* Two nodes, m (mine) and u (use); node X goes first, edges after. */
#define NET(x, edges)                                                                        \
    "{\"tiers\": [\"mine\", \"use\"], \"nodes\": [" x                                         \
    "{\"id\": \"m\", \"tier\": \"mine\", \"country\": \"AU\"}, "                             \
    "{\"id\": \"u\", \"tier\": \"use\", \"country\": \"JP\"}], \"edges\": [" edges "]}"
#define NODE_CAP(v) "{\"id\": \"x\", \"tier\": \"mine\", \"country\": \"AU\", \"capacity\": " v "}, "
/* NET's first node starts at column 38; a NODE_CAP value is at column 95 */
#define NODES_CSV "id,tier,country\nm,mine,AU\nu,use,JP\n"

static const hcase cases[] = {
    /* networks, JSON: the file as a whole */
    J("BOM only", "\xef\xbb\xbf",
      "x.json: the file is empty: expected a network, a JSON object {...}"),
    JRAW("UTF-16 with its byte-order mark", "\xff\xfe{\0}\0",
         "x.json:1:1: invalid UTF-8 (byte 0xFF): save the file as UTF-8"),
    JRAW("NUL after valid text", "{\"tiers\": []}\0",
         "x.json:1:14: NUL byte in the file: this is not a text file"),
    J("ELF binary", "\x7f" "ELF\x02\x01\x01",
      "x.json:1:1: expected a JSON object '{' at the top level"),
    /* numbers */
    J("Infinity", NET(NODE_CAP("Infinity"), ""),
      "x.json:1:95: expected a value: a string in double quotes, a number, an object, an "
      "array, true, false or null"),
    J("negative infinity", NET(NODE_CAP("-Infinity"), ""),
      "x.json:1:95: invalid number: write numbers like 12, 0.5, -3 or 1e6 (no leading zeros, "
      "'+' or thousands separators)"),
    J("hex", NET(NODE_CAP("0x10"), ""),
      "x.json:1:95: invalid number: write numbers like 12, 0.5, -3 or 1e6 (no leading zeros, "
      "'+' or thousands separators)"),
    J("400 digits", NET(NODE_CAP("1000000000000000000000000000000000000000000000000000000000000"
                                 "0000000000000000000000000000000000000000000000000000000000000"
                                 "0000000000000000000000000000000000000000000000000000000000000"
                                 "0000000000000000000000000000000000000000000000000000000000000"
                                 "0000000000000000000000000000000000000000000000000000000000000"
                                 "0000000000000000000000000000000000000000000000000000000000000"
                                 "0000000000000000000000000000000000"),
                        ""),
      "x.json:1:95: node 'x': \"capacity\" is out of range: it must be a finite number"),
    JOK("1e-999 underflows to 0", NET(NODE_CAP("1e-999"), "")),
    /* near DBL_MAX, two volumes add up to infinity and shares become NaN: figures stop at 1e15 */
    J("capacity 1.7e308", NET(NODE_CAP("1.7e308"), ""),
      "x.json:1:95: node 'x': \"capacity\" is too large (1.7e+308): figures must be at most "
      "1e15; give them in a larger unit"),
    J("volume 2e15", NET("", "{\"from\": \"m\", \"to\": \"u\", \"volume\": 2e15}"),
      "x.json:1:175: edge 0: \"volume\" is too large (2e+15): figures must be at most 1e15; give "
      "them in a larger unit"),
    JOK("1e15 is taken", NET(NODE_CAP("1e15"), "{\"from\": \"m\", \"to\": \"u\", "
                                               "\"volume\": 1e15, \"capacity\": 1e15}")),
    JOK("-0 is 0", NET(NODE_CAP("-0"), "")),
    /* ids */
    J("id true", NET("{\"id\": true, \"tier\": \"mine\", \"country\": \"AU\"}, ", ""),
      "x.json:1:45: node 0: \"id\" must be a string, not a boolean"),
    J("id an object", NET("{\"id\": {\"a\": 1}, \"tier\": \"mine\", \"country\": \"AU\"}, ", ""),
      "x.json:1:45: node 0: \"id\" must be a string, not an object"),
    /* keys with escapes mean what they decode to */
    J("escaped top-level key repeated",
      "{\"tiers\": [\"a\", \"b\"], \"t\\u0069ers\": [\"c\", \"d\"]}",
      "x.json:1:23: duplicate key \"tiers\" at the top level: keep one"),
    JOK("escaped keys", "{\"t\\u0069ers\": [\"a\", \"b\"], \"nodes\": [{\"\\u0069d\": \"m\", "
                        "\"tier\": \"a\", \"country\": \"ZZ\"}, {\"id\": \"u\", \"tier\": \"b\", "
                        "\"country\": \"ZZ\"}], \"edg\\u0065s\": []}"),
    J("escaped key repeated in a node",
      NET("{\"id\": \"x\", \"\\u0069d\": \"y\", \"tier\": \"mine\", \"country\": \"AU\"}, ", ""),
      "x.json:1:38: node 'x': duplicate key \"id\": keep one"),

    /* networks, CSV */
    CSV("UTF-16 nodes file", "\xff\xfei\0d\0", "from,to\n",
        "nodes.csv:1:1: invalid UTF-8 (byte 0xFF): save the file as UTF-8"),
    CSV("BOM only", "\xef\xbb\xbf", "from,to\n",
        "nodes.csv: the file is empty: expected a header row (id,tier,country and optionally "
        "name,owner,capacity,demand,stock,source,estimate)"),
    CSV("edges header only BOM", NODES_CSV, "\xef\xbb\xbf",
        "edges.csv: the file is empty: expected a header row (from,to and optionally "
        "volume,capacity,source,estimate)"),
    CSV("quote opened in the header", "id,\"tier,country\nm,mine,AU\n", "from,to\n",
        "nodes.csv:1:4: unterminated quoted field: close it with '\"'"),
    CSVOK("embedded CRLF, CR-only line ends, blank lines",
          "id,name,tier,country\r\r\nm,\"a\r\nb\",mine,AU\r\n\r\n\nu,u,use,JP\r",
          "from,to\rm,u\r"),
    CSV("number with a unit", NODES_CSV, "from,to,volume\nm,u,5 t\n",
        "edges.csv:2:5: edge 0: \"volume\" must be a number, not '5 t'"),
    CSV("demand 1e300", "id,tier,country,demand\nm,mine,AU,\nu,use,JP,1e300\n", "from,to\n",
        "nodes.csv:3:10: node 'u': \"demand\" is too large (1e+300): figures must be at most "
        "1e15; give them in a larger unit"),
    CSV("NaN", "id,tier,country,capacity\nm,mine,AU,NaN\nu,use,JP,\n", "from,to\n",
        "nodes.csv:2:11: node 'm': \"capacity\" must be a number, not 'NaN'"),

    /* scenarios (against the diamond: m1, s1, s2, g, e) */
    SOK("BOM", "\xef\xbb\xbf{\"remove_nodes\": [\"s1\"]}"),
    SOK("a node named twice", "{\"remove_nodes\": [\"s1\", \"s1\"]}"),
    S("BOM only", "\xef\xbb\xbf", "s.json: the file is empty: expected a scenario, a JSON "
                                  "object {...}"),
    SRAW("NUL byte", "{\"name\": \"a\0b\"}",
         "s.json:1:12: NUL byte in the file: this is not a text file"),
    S("Latin-1", "{\"name\": \"Z\xfcrich\"}",
      "s.json:1:12: invalid UTF-8 (byte 0xFC): save the file as UTF-8"),
    S("lone {", "{", "s.json:1:2: unexpected end of file: an object is not closed with '}'"),
    S("truncated", "{\"remove_nodes\": [\"s1\", ",
      "s.json:1:25: unexpected end of file: an array is not closed with ']'"),
    S("factor 1e999", "{\"capacity\": [{\"node\": \"s1\", \"factor\": 1e999}]}",
      "s.json:1:24: capacity[0]: \"factor\" must be a finite number of 0 or more"),
    S("capacity NaN", "{\"capacity\": [{\"node\": \"s1\", \"capacity\": NaN}]}",
      "s.json:1:42: expected a value: a string in double quotes, a number, an object, an "
      "array, true, false or null"),
    S("capacity 1e20", "{\"capacity\": [{\"node\": \"s1\", \"capacity\": 1e20}]}",
      "s.json:1:24: capacity[0]: \"capacity\" is too large (1e+20): figures must be at most "
      "1e15"),
    S("capacity a string", "{\"capacity\": [{\"node\": \"s1\", \"capacity\": \"5\"}]}",
      "s.json:1:42: capacity[0]: \"capacity\" must be a number, not a string"),
    S("node id a number", "{\"capacity\": [{\"node\": 5, \"factor\": 1}]}",
      "s.json:1:24: capacity[0]: \"node\" must be a string, not a number"),
    S("embargo from '*'", "{\"embargo\": [{\"from\": \"*\", \"to\": \"JP\"}]}",
      "s.json:1:14: embargo[0]: embargo \"from\" '*' is not an ISO 3166-1 alpha-2 country code"),
    S("duplicate key in an element",
      "{\"embargo\": [{\"from\": \"CN\", \"to\": \"JP\", \"from\": \"AU\"}]}",
      "s.json:1:14: embargo[0]: duplicate key \"from\": keep one"),

    /* plans (against the diamond) */
    PRAW("NUL byte", "{\"remove_nodes\": [\0]}",
         "p.json:1:19: NUL byte in the file: this is not a text file"),
    P("update to 1e999", "{\"update_nodes\": [{\"id\": \"s1\", \"capacity\": 1e999}]}",
      "p.json:1:44: update_nodes[0]: \"capacity\" is out of range: it must be a finite number"),
    P("update to 2e15", "{\"update_edges\": [{\"from\": \"s1\", \"to\": \"g\", "
                        "\"volume\": 2e15}]}",
      "p.json:1:55: update_edges[0]: \"volume\" is too large (2e+15): figures must be at most "
      "1e15; give them in a larger unit"),
    P("added node stock 1e16", "{\"add_nodes\": [{\"id\": \"x\", \"tier\": \"mine\", "
                               "\"country\": \"AU\", \"stock\": 1e16}]}",
      "p.json:1:70: add_nodes: node 'x': \"stock\" is too large (1e+16): figures must be at "
      "most 1e15; give them in a larger unit"),
    P("added node id a number",
      "{\"add_nodes\": [{\"id\": 3, \"tier\": \"mine\", \"country\": \"AU\"}]}",
      "p.json:1:23: add_nodes: node 0: \"id\" must be a string, not a number"),
    P("added self-loop", "{\"add_edges\": [{\"from\": \"g\", \"to\": \"g\"}]}",
      "p.json:1:36: add_edges: edge 0: self-loop on 'g': an edge must join two different nodes"),
    P("update of a removed edge",
      "{\"remove_edges\": [{\"from\": \"s1\", \"to\": \"g\"}], "
      "\"update_edges\": [{\"from\": \"s1\", \"to\": \"g\", \"volume\": 1}]}",
      "p.json:1:64: update_edges[0]: there is no edge 's1' -> 'g'"),
    P("add_nodes not an array", "{\"add_nodes\": {\"id\": \"x\"}}",
      "p.json:1:15: \"add_nodes\" must be an array, not an object"),
    P("deep nesting", "{\"name\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                      "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                      "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
      "p.json:1:73: nesting too deep (over 64 levels)"),
};

static ckp_network *diamond;

static ckp_code run(const hcase *c, ckp_error *err, int *loaded)
{
    size_t len = c->len ? c->len : strlen(c->text);
    ckp_code rc;
    *loaded = 0;
    ckp_error_init(err);
    switch (c->kind) {
    case NET_JSON: {
        ckp_network *net = NULL;
        rc = ckp_load_json_buffer(&net, c->text, len, "x.json", err);
        *loaded = net != NULL;
        ckp_network_free(net);
        return rc;
    }
    case NET_CSV: {
        ckp_network *net = NULL;
        rc = ckp_load_csv_buffers(&net, c->text, len, "nodes.csv", c->edges, strlen(c->edges),
                                  "edges.csv", NULL, err);
        *loaded = net != NULL;
        ckp_network_free(net);
        return rc;
    }
    case SCENARIO: {
        ckp_scenario *s = NULL;
        rc = ckp_scenario_parse(&s, diamond, c->text, len, "s.json", err);
        *loaded = s != NULL;
        ckp_scenario_free(s);
        return rc;
    }
    default: {
        ckp_network *net = NULL;
        ckp_plan_info info;
        rc = ckp_plan_apply_buffer(&net, &info, diamond, c->text, len, "p.json", err);
        *loaded = net != NULL;
        ckp_network_free(net);
        ckp_plan_info_destroy(&info);
        return rc;
    }
    }
}

static void table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const hcase *c = &cases[i];
        ckp_error err;
        int loaded;
        char got[2200];
        ckp_code rc = run(c, &err, &loaded);
        test_checks += 3;
        if (rc != c->code || (rc && err.code != rc)) {
            test_failures++;
            fprintf(stderr, "case '%s': code %d (err.code %d), expected %d: %s\n", c->name, rc,
                    err.code, c->code, ckp_error_format(got, sizeof got, &err));
            continue;
        }
        if (loaded != (rc == CKP_OK)) {
            test_failures++;
            fprintf(stderr, "case '%s': %s\n", c->name,
                    rc ? "a result came back with an error" : "no result without an error");
        }
        if (c->want && strcmp(ckp_error_format(got, sizeof got, &err), c->want)) {
            test_failures++;
            fprintf(stderr, "case '%s':\n  got:      %s\n  expected: %s\n", c->name, got,
                    c->want);
        }
    }
}

/* A file of `n` keys must be refused quickly: finding duplicate keys once took O(n^2). */
static void many_keys(void)
{
    enum { K = 100000 };
    const char *heads[2] = {"{", "{\"update_nodes\": [{\"id\": \"s1\""};
    const char *tails[2] = {"}", "}]}"};
    const char *want[2] = {
        "s.json:1:8: unknown key \"k0\" in a scenario: expected name, description, source, "
        "remove_nodes, remove_countries, embargo, capacity, groups, duration_days",
        "p.json:1:38: update_nodes[0]: \"k0\" cannot be updated: give capacity, demand, stock or recipe"};
    for (int which = 0; which < 2; which++) {
        char *buf = malloc((size_t)K * 24 + 64), *p = buf;
        p += sprintf(p, "%s", heads[which]);
        for (int i = 0; i < K; i++)
            p += sprintf(p, "%s\"k%d\": %d", i || which ? ", " : "", i, i);
        strcpy(p, tails[which]);
        hcase c = {which ? PLAN : SCENARIO, "many keys", buf, 0, NULL, CKP_EDATA, want[which]};
        ckp_error err;
        int loaded;
        char got[2200];
        clock_t t0 = clock();
        CHECK_INT(run(&c, &err, &loaded), CKP_EDATA);
        double seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
        CHECK_STR(ckp_error_format(got, sizeof got, &err), want[which]);
        if (seconds > 5)
            fprintf(stderr, "many keys (%s): %.1f s of CPU\n", which ? "plan" : "scenario",
                    seconds);
        CHECK(seconds < 5);
        /* the same keys, one repeated at the end: the duplicate is found first */
        strcpy(p, which ? ", \"k7\": 1}]}" : ", \"k7\": 1}");
        CHECK_INT(run(&c, &err, &loaded), CKP_EDATA);
        CHECK(strstr(err.message, "duplicate key \"k7\"") != NULL);
        free(buf);
    }
}

/* 200,000 nodes and 200,000 edges, generated here (nothing big is committed). */
static void huge_network(void)
{
    enum { N = 200000 };
    size_t cap = (size_t)N * 160 + 256;
    char *json = malloc(cap), *p = json;
    p += sprintf(p, "{\"name\": \"huge\", \"tiers\": [\"mine\", \"plant\", \"use\"], \"nodes\": [");
    for (int i = 0; i < N; i++)
        p += sprintf(p, "%s{\"id\": \"n%d\", \"tier\": \"%s\", \"country\": \"%s\", "
                        "\"capacity\": %d}",
                     i ? ", " : "", i, i % 4 == 0 ? "use" : i % 4 == 1 ? "plant" : "mine",
                     i % 3 ? "CN" : "AU", 100 + i % 7);
    p += sprintf(p, "], \"edges\": [");
    int edges = 0;
    for (int i = 0; i < N; i++) {
        int from = i, to; /* mines (2, 3 mod 4) feed the next plant; plants the next user */
        if (i % 4 == 2 || i % 4 == 3)
            to = i - i % 4 + 5;
        else if (i % 4 == 1)
            to = i + 3;
        else
            continue;
        if (to >= N)
            continue;
        p += sprintf(p, "%s{\"from\": \"n%d\", \"to\": \"n%d\", \"volume\": 1.5}",
                     edges ? ", " : "", from, to);
        edges++;
    }
    p += sprintf(p, "]}");
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_load_json_buffer(&net, json, (size_t)(p - json), "huge.json", &err), CKP_OK);
    if (net) {
        CHECK_INT(ckp_network_node_count(net), N);
        CHECK_INT(ckp_network_edge_count(net), edges);
        CHECK_INT(ckp_network_find(net, "n199999"), 199999);
        CHECK_INT(ckp_network_find_edge(net, 1, 4), 0);
        CHECK_INT(ckp_network_find_edge(net, 2, 5), 1);
        CHECK_STR(ckp_network_name(net), "huge");
    }
    ckp_network_free(net);
    free(json);

    /* the same as CSV */
    char *nodes = malloc((size_t)N * 40 + 64), *e = malloc((size_t)N * 40 + 64);
    char *q = nodes + sprintf(nodes, "id,tier,country,capacity\n");
    for (int i = 0; i < N; i++)
        q += sprintf(q, "n%d,%s,%s,%d\n", i,
                     i % 4 == 0 ? "use" : i % 4 == 1 ? "plant" : "mine", i % 3 ? "CN" : "AU",
                     100 + i % 7);
    char *r = e + sprintf(e, "from,to,volume\n");
    for (int i = 0; i < N; i++)
        if ((i % 4 == 2 || i % 4 == 3) && i - i % 4 + 5 < N)
            r += sprintf(r, "n%d,n%d,1.5\n", i, i - i % 4 + 5);
        else if (i % 4 == 1 && i + 3 < N)
            r += sprintf(r, "n%d,n%d,1.5\n", i, i + 3);
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.tiers = "mine,plant,use";
    CHECK_INT(ckp_load_csv_buffers(&net, nodes, (size_t)(q - nodes), "nodes.csv", e,
                                   (size_t)(r - e), "edges.csv", &opts, &err),
              CKP_OK);
    if (net) {
        CHECK_INT(ckp_network_node_count(net), N);
        CHECK_INT(ckp_network_edge_count(net), edges);
    }
    ckp_network_free(net);
    free(nodes);
    free(e);
}

/* 200,000 nested brackets in a scenario and in a plan: refused at level 65, no stack overflow. */
static void deep_nesting(void)
{
    size_t n = 200000;
    char *buf = malloc(n + 32);
    memcpy(buf, "{\"name\": ", 9);
    memset(buf + 9, '[', n);
    char got[2200];
    ckp_error err;
    ckp_scenario *s = NULL;
    CHECK_INT(ckp_scenario_parse(&s, diamond, buf, n + 9, "s.json", &err), CKP_EDATA);
    CHECK_STR(ckp_error_format(got, sizeof got, &err),
              "s.json:1:73: nesting too deep (over 64 levels)");
    ckp_network *out = NULL;
    ckp_plan_info info;
    CHECK_INT(ckp_plan_apply_buffer(&out, &info, diamond, buf, n + 9, "p.json", &err),
              CKP_EDATA);
    CHECK_STR(ckp_error_format(got, sizeof got, &err),
              "p.json:1:73: nesting too deep (over 64 levels)");
    CHECK(out == NULL);
    free(buf);
}

/* A temporary directory for the file tests; removed by cleanup(). */
static char tmpdir[256];

static void cleanup(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (tmpdir[0] && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
}

static char *slurp(const char *path)
{
    char *buf = NULL;
    size_t len;
    ckp_error err;
    if (ckp_read_file(&buf, &len, path, &err))
        return NULL;
    return buf;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Entries in `dir` other than . and .. */
static int entries(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls -A '%s'", dir);
    FILE *p = popen(cmd, "r");
    int n = 0, c;
    if (!p)
        return -1;
    while ((c = fgetc(p)) != EOF)
        n += c == '\n';
    pclose(p);
    return n;
}

static void outputs(void)
{
    char path[512], msg[2200], want[1200];
    ckp_error err;

    /* success: the file is replaced whole, no temporary left, mode 0666 less the umask */
    snprintf(path, sizeof path, "%s/out.txt", tmpdir);
    put(path, "old");
    CHECK_INT(ckp_write_file_atomic(path, "new\n", 4, &err), CKP_OK);
    char *got = slurp(path);
    CHECK_STR(got, "new\n");
    free(got);
    CHECK_INT(entries(tmpdir), 1);
    mode_t mask = umask(0);
    umask(mask);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == (0666 & ~mask));

    /* a missing directory */
    snprintf(path, sizeof path, "%s/missing/out.txt", tmpdir);
    CHECK_INT(ckp_write_file_atomic(path, "x", 1, &err), CKP_EIO);
    snprintf(want, sizeof want, "cannot write '%s': No such file or directory", path);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err), want);

    /* a path that is a directory: it and what it holds are untouched */
    snprintf(path, sizeof path, "%s/dir", tmpdir);
    CHECK(mkdir(path, 0777) == 0);
    char kept[600];
    snprintf(kept, sizeof kept, "%s/dir/kept.txt", tmpdir);
    put(kept, "old");
    CHECK_INT(ckp_write_file_atomic(path, "x", 1, &err), CKP_EIO);
    snprintf(want, sizeof want, "cannot write '%s': Is a directory", path);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err), want);
    got = slurp(kept);
    CHECK_STR(got, "old");
    free(got);
    CHECK_INT(entries(path), 1);

    /* under a regular file (what stops root too, where a read-only directory would not) */
    snprintf(path, sizeof path, "%s/out.txt/x", tmpdir);
    CHECK_INT(ckp_write_file_atomic(path, "x", 1, &err), CKP_EIO);
    snprintf(want, sizeof want, "cannot write '%s': Not a directory", path);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err), want);

    /* the write itself fails (file size limit): the old file stays, no temporary is left */
    snprintf(path, sizeof path, "%s/out.txt", tmpdir);
    struct rlimit old_limit, zero = {0, 0};
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    CHECK(getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    zero.rlim_max = old_limit.rlim_max;
    CHECK(setrlimit(RLIMIT_FSIZE, &zero) == 0);
    ckp_code rc = ckp_write_file_atomic(path, "newer\n", 6, &err);
    CHECK(setrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    signal(SIGXFSZ, old_handler);
    CHECK_INT(rc, CKP_EIO);
    snprintf(want, sizeof want, "cannot write '%s': File too large", path);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err), want);
    got = slurp(path);
    CHECK_STR(got, "new\n");
    free(got);
    CHECK_INT(entries(tmpdir), 2); /* out.txt and dir */
}

static void inputs(void)
{
    char path[512], msg[2200], want[1200];
    ckp_error err;
    char *buf = (char *)&buf;
    size_t len = 7;

    /* over the limit: a sparse file, refused from its size before any reading */
    snprintf(path, sizeof path, "%s/big.json", tmpdir);
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK(fd >= 0 && ftruncate(fd, (off_t)CKP_MAX_INPUT_BYTES + 1) == 0);
    if (fd >= 0)
        close(fd);
    CHECK_INT(ckp_read_file(&buf, &len, path, &err), CKP_ELIMIT);
    CHECK(buf == NULL && len == 0);
    snprintf(want, sizeof want, "'%s' is 4294967297 bytes, over the limit of 4294967296 bytes",
             path);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err), want);
    ckp_network *net = NULL;
    CHECK_INT(ckp_load_json(&net, path, &err), CKP_ELIMIT);
    CHECK(net == NULL);
    unlink(path);

    /* a directory, a missing file */
    CHECK_INT(ckp_read_file(&buf, &len, tmpdir, &err), CKP_ENOINPUT);
    snprintf(want, sizeof want, "cannot read '%s': it is a directory", tmpdir);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err), want);
    ckp_scenario *s = NULL;
    CHECK_INT(ckp_scenario_load(&s, diamond, "/nonexistent/s.json", &err), CKP_ENOINPUT);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "cannot open '/nonexistent/s.json': No such file or directory");
    ckp_plan_info info;
    CHECK_INT(ckp_plan_apply_file(&net, &info, diamond, tmpdir, &err), CKP_ENOINPUT);
    CHECK(net == NULL);

    /* an empty file and a small one read exactly */
    snprintf(path, sizeof path, "%s/small.json", tmpdir);
    put(path, "");
    CHECK_INT(ckp_read_file(&buf, &len, path, &err), CKP_OK);
    CHECK(buf && len == 0 && buf[0] == '\0');
    free(buf);
    put(path, "{}\n");
    CHECK_INT(ckp_read_file(&buf, &len, path, &err), CKP_OK);
    CHECK(buf && len == 3 && !strcmp(buf, "{}\n"));
    free(buf);
    unlink(path);
}

/* Forces igraph errors through chokepoint's wrappers: an error code comes back, no abort. */
static ckp_code odd_edge_vector(ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_vector_int_t edges;
    igraph_t g;
    int have_edges = 0;
    ckp_igraph_init();
    CKP_IGRAPH(igraph_vector_int_init(&edges, 3), "making the edge list");
    have_edges = 1;
    VECTOR(edges)[0] = 0;
    VECTOR(edges)[1] = 1;
    VECTOR(edges)[2] = 0;
    CKP_IGRAPH(igraph_create(&g, &edges, 2, IGRAPH_DIRECTED), "building a test graph");
    igraph_destroy(&g);
done:
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    return rc;
}

static void igraph_errors(void)
{
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(odd_edge_vector(&err), CKP_EINTERNAL);
    CHECK_INT(err.code, CKP_EINTERNAL);
    const char *prefix = "building a test graph failed in igraph: ";
    CHECK(!strncmp(err.message, prefix, strlen(prefix)));
    CHECK(strstr(err.message, "(") != NULL); /* igraph's reason, in parentheses */

    /* a network whose edge names vertex -1: ckp_network_graph fails cleanly, then works again */
    igraph_t g;
    igraph_integer_t saved = diamond->edge_to[0];
    diamond->edge_to[0] = -1;
    ckp_error_init(&err);
    CHECK_INT(ckp_network_graph(&g, diamond, &err), CKP_EINTERNAL);
    prefix = "building the graph failed in igraph: ";
    CHECK(!strncmp(err.message, prefix, strlen(prefix)));
    diamond->edge_to[0] = saved;
    CHECK_INT(ckp_network_graph(&g, diamond, &err), CKP_OK);
    CHECK_INT(igraph_vcount(&g), 5);
    CHECK_INT(igraph_ecount(&g), 5);
    igraph_destroy(&g);
}

/*
 * A factor that takes a capacity past 1e15 is refused when the scenario is
 * read against the network, and when it is applied to another network
 * where it does (read against a copy whose s1 is small).
 */
static void factor_too_large(void)
{
    const char *text = "{\"name\": \"big\", \"capacity\": [{\"node\": \"s1\", \"factor\": 1e14}]}";
    ckp_scenario *s = NULL;
    ckp_error err;
    char got[2200];
    CHECK_INT(ckp_scenario_parse(&s, diamond, text, strlen(text), "s.json", &err), CKP_EDATA);
    CHECK_STR(ckp_error_format(got, sizeof got, &err),
              "s.json:1:39: capacity[0]: \"factor\" 1e+14 would make the capacity 6e+15: figures "
              "must be at most 1e15");
    CHECK(s == NULL);
    ckp_scenario_free(s);
    s = NULL;
    ckp_network *small = NULL;
    CHECK_INT(ckp_network_copy(&small, diamond, NULL, NULL, &err), CKP_OK);
    if (small)
        CHECK_INT(ckp_network_set_node_number(small, ckp_network_find(small, "s1"), "capacity", 1,
                                              &err),
                  CKP_OK);
    CHECK_INT(ckp_scenario_parse(&s, small, text, strlen(text), "s.json", &err), CKP_OK);
    ckp_network_free(small);
    ckp_network *out = NULL;
    if (s) {
        CHECK_INT(ckp_scenario_apply(&out, diamond, s, NULL, NULL, NULL, &err), CKP_EDATA);
        CHECK(out == NULL);
        CHECK_STR(ckp_error_format(got, sizeof got, &err),
                  "scenario 'big': node 's1': \"capacity\" is too large (6e+15): figures must "
                  "be at most 1e15; give them in a larger unit");
    }
    ckp_scenario_free(s);
}

int main(void)
{
    ckp_error err;
    if (ckp_load_json(&diamond, CKP_NETWORKS "/small/diamond.json", &err)) {
        fprintf(stderr, "cannot load the diamond: %s\n", err.message);
        return 1;
    }
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/ckp-hardening-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    table();
    many_keys();
    huge_network();
    deep_nesting();
    outputs();
    inputs();
    igraph_errors();
    factor_too_large();
    cleanup();
    ckp_network_free(diamond);
    return test_report("test_hardening");
}
