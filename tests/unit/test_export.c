/*
 * The export layer: `analyze` and `check` written by the library into a
 * ckp_buf, on the diamond (networks/small/diamond.json). By hand: m1 (AU,
 * capacity 100) feeds s1 (CN, 60) and s2 (MY, 50), both feed g (JP, 200),
 * which feeds e (JP, demand 90); volumes 50 via s1 and 40 via s2.
 *   served 90 of 90 (m1 100, s1 + s2 110, g 200 all suffice);
 *   without s1 only s2's 50 arrives: flow at risk 40 = 44.4% of 90;
 *   without s2, s1's 60: 30 = 33.3%; m1, g and e carry everything: 90;
 *   separation HHI by capacity 10000 (60^2 + 50^2) / 110^2 = 5041.3;
 *   e's separation inflow: CN 50 / 90 = 55.6%, MY 40 / 90 = 44.4%.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/analysis.h"
#include "chokepoint/check.h"
#include "chokepoint/export.h"
#include "chokepoint/load.h"
#include "node_order.h"
#include "test.h"
#include "xorshift.h"

static ckp_network *load_diamond(void)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_load_json(&net, CKP_NETWORKS "/small/diamond.json", &err), CKP_OK);
    if (err.code)
        fprintf(stderr, "diamond.json: %s\n", err.message);
    return net;
}

/* Whether `text` holds `line` as a whole line. */
static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; p && (p = strstr(p, line)); p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
            return 1;
    return 0;
}

static void test_orders(const ckp_network *net, const ckp_analysis *a)
{
    igraph_integer_t m = -1;
    igraph_integer_t *by_risk = ckp_nodes_by_risk(net, a->flow_at_risk, &m);
    igraph_integer_t *by_id = ckp_nodes_by_id(net);
    CHECK_INT(m, 5);
    if (by_risk && by_id && m == 5) {
        /* 90, 90, 90 by id, then 40, 30 */
        const char *risk[] = {"e", "g", "m1", "s1", "s2"};
        const char *ids[] = {"e", "g", "m1", "s1", "s2"};
        for (int i = 0; i < 5; i++) {
            CHECK_STR(ckp_node_id(net, by_risk[i]), risk[i]);
            CHECK_STR(ckp_node_id(net, by_id[i]), ids[i]);
        }
    }
    free(by_risk);
    free(by_id);

    ckp_buf b;
    ckp_buf_init(&b);
    ckp_origin_shares_write(&b, net, &a->dependency, 0, 1);
    CHECK_STR(b.data, "CN 55.6%, MY 44.4%");
    ckp_buf_destroy(&b);
}

static void test_analysis_text(const ckp_network *net, const ckp_analysis *a,
                               const ckp_analysis_options *opts)
{
    ckp_buf b;
    ckp_error err;
    ckp_write_options w;
    ckp_buf_init(&b);
    ckp_error_init(&err);
    ckp_write_options_init(&w);
    w.file = "diamond.json";
    CHECK_INT(ckp_analysis_write(&b, CKP_FORMAT_TEXT, net, a, opts, &w, &err), CKP_OK);
    CHECK(has_line(b.data, "file       diamond.json"));
    CHECK(has_line(b.data, "supply     served 90 of demand 90 t/yr (100.0%), shortfall 0"));
    CHECK(has_line(b.data, "  s1                       separation   CN                40    44.4%"
                           "           50"));
    CHECK(has_line(b.data, "  separation     capacity   5041  CN       54.5%  CRE 54.5% (5041)"));
    CHECK(has_line(b.data, "    separation    CN 55.6%, MY 44.4%"));
    ckp_buf_destroy(&b);

    /* --top 1: one row of each ranked table, the rest counted */
    w.top = 1;
    CHECK_INT(ckp_analysis_write(&b, CKP_FORMAT_TEXT, net, a, opts, &w, &err), CKP_OK);
    CHECK(has_line(b.data, "  ... 1 more (--top 0 lists all)"));
    CHECK(has_line(b.data, "  ... 4 more with flow at risk"));
    CHECK(!strstr(b.data, "  s1 "));
    ckp_buf_destroy(&b);

    CHECK_INT(ckp_analysis_write(&b, CKP_FORMAT_CSV, net, a, opts, NULL, &err), CKP_EUSAGE);
    ckp_buf_destroy(&b);
}

/* A sink that appends to another buffer, or fails when ctx's `fail` is set. */
typedef struct {
    ckp_buf got;
    int calls, fail;
} collect;

static int collect_sink(void *ctx, const void *data, size_t len)
{
    collect *c = ctx;
    c->calls++;
    if (c->fail)
        return -1;
    ckp_buf_put(&c->got, data, len);
    return 0;
}

static void test_analysis_json(const ckp_network *net, const ckp_analysis *a,
                               const ckp_analysis_options *opts)
{
    ckp_buf b;
    ckp_error err;
    ckp_buf_init(&b);
    ckp_error_init(&err);
    CHECK_INT(ckp_analysis_write(&b, CKP_FORMAT_JSON, net, a, opts, NULL, &err), CKP_OK);
    CHECK(!strncmp(b.data, "{\n\"schema_version\": 1,\n", 23));
    CHECK(has_line(b.data, "\"supply\": {\"demand\":90,\"served\":90,\"shortfall\":0},"));
    CHECK(has_line(b.data, "{\"id\":\"s1\",\"tier\":\"separation\",\"country\":\"CN\","
                           "\"throughput\":50,\"flow\":60,\"flow_at_risk\":40,"
                           "\"dominated_demand\":0,\"betweenness\":1},"));
    CHECK(has_line(b.data, "{\"end_user\":\"e\",\"tier\":\"separation\",\"shares\":"
                           "{\"CN\":0.55555555555555558,\"MY\":0.44444444444444442},"
                           "\"unattributed\":0},"));

    /* streamed through a sink: the same bytes; a failing sink drops them and says so */
    collect c = {.calls = 0};
    ckp_buf s;
    ckp_buf_init(&c.got);
    ckp_buf_init_sink(&s, collect_sink, &c);
    CHECK_INT(ckp_analysis_write_json(&s, net, a, opts, &err), CKP_OK);
    CHECK_INT(ckp_buf_flush(&s), 0);
    CHECK_INT(c.calls, 1); /* under a chunk: all at the flush */
    CHECK_INT(s.len, 0);
    CHECK_STR(c.got.data, b.data);
    /* a chunk or more goes to the sink at once, after what was held, not copied */
    size_t big = CKP_BUF_SINK_CHUNK + 1;
    char *block = malloc(big);
    if (block) {
        memset(block, 'y', big);
        ckp_buf_puts(&s, "x");
        ckp_buf_put(&s, block, big);
        CHECK_INT(c.calls, 3);
        CHECK_INT(s.len, 0);
        CHECK_INT(c.got.len, strlen(b.data) + 1 + big);
        CHECK(c.got.len > big && c.got.data[c.got.len - big - 1] == 'x');
        free(block);
    }
    /* put_through: small pieces gathered, 64 KiB or more handed over at once */
    char *piece = malloc(CKP_BUF_SINK_CHUNK / 16);
    if (piece) {
        memset(piece, 'z', CKP_BUF_SINK_CHUNK / 16);
        ckp_buf_put_through(&s, "ab", 2);
        CHECK_INT(c.calls, 3);
        CHECK_INT(s.len, 2);
        ckp_buf_put_through(&s, piece, CKP_BUF_SINK_CHUNK / 16);
        CHECK_INT(c.calls, 5); /* "ab", then the piece */
        CHECK_INT(s.len, 0);
        CHECK(c.got.data[c.got.len - CKP_BUF_SINK_CHUNK / 16 - 1] == 'b');
        free(piece);
    }
    c.fail = 1;
    ckp_buf_puts(&s, "x");
    CHECK_INT(ckp_buf_flush(&s), -1);
    CHECK(s.failed);
    CHECK_INT(ckp_buf_flush(&s), -1);
    CHECK_INT(c.calls, 6); /* a failed sink is not called again */
    ckp_buf_destroy(&s);
    ckp_buf_destroy(&c.got);
    ckp_buf_destroy(&b);
}

static void test_check(const ckp_network *net)
{
    ckp_check_report r;
    ckp_error err;
    ckp_buf b;
    ckp_write_options w;
    ckp_check_report_init(&r);
    ckp_error_init(&err);
    ckp_buf_init(&b);
    ckp_write_options_init(&w);
    CHECK_INT(ckp_check(&r, net, &err), CKP_OK);
    w.file = "diamond.json";
    CHECK_INT(ckp_check_write(&b, CKP_FORMAT_TEXT, net, &r, &w, &err), CKP_OK);
    CHECK(has_line(b.data, "end users  1 (tier 'end_use'), total demand 90"));
    CHECK(has_line(b.data, "separation          2         2         2  capacity          110"
                           "   5041  CN 54.5%, MY 45.5%"));
    CHECK(has_line(b.data, "warnings   0"));
    ckp_buf_destroy(&b);

    CHECK_INT(ckp_check_write(&b, CKP_FORMAT_JSON, net, &r, NULL, &err), CKP_OK);
    CHECK(!strncmp(b.data, "{\n\t\"schema_version\":\t1,\n\t\"valid\":\ttrue,\n", 39));
    CHECK(has_line(b.data, "\t\t\"total_demand\":\t90"));
    CHECK(strstr(b.data, "\"CN\":\t0.54545454545454541") != NULL);
    CHECK(b.len > 0 && b.data[b.len - 1] == '\n');
    ckp_buf_destroy(&b);

    CHECK_INT(ckp_check_write(&b, CKP_FORMAT_CSV, net, &r, NULL, &err), CKP_EUSAGE);
    ckp_buf_destroy(&b);
    ckp_check_report_destroy(&r);
}

/*
 * The "network" object, the same in every JSON output: the diamond's
 * metadata, then null for each field once the network has none.
 */
static void test_network_object(ckp_network *net, const ckp_analysis *a,
                                const ckp_analysis_options *opts)
{
    ckp_check_report r;
    ckp_error err;
    ckp_buf b;
    ckp_check_report_init(&r);
    ckp_error_init(&err);
    ckp_buf_init(&b);
    CHECK_INT(ckp_analysis_write_json(&b, net, a, opts, &err), CKP_OK);
    CHECK(has_line(b.data, "\"network\": {\"name\":\"Diamond\",\"unit\":\"t/yr\",\"year\":2024,"
                           "\"source\":\"hand-made; every figure is worked out by hand in "
                           "tests/unit\",\"nodes\":5,\"edges\":5},"));
    ckp_buf_destroy(&b);

    CHECK_INT(ckp_network_set_meta(net, NULL, "", NAN, NULL, NULL, &err), CKP_OK);
    CHECK_INT(ckp_analysis_write_json(&b, net, a, opts, &err), CKP_OK);
    CHECK(has_line(b.data, "\"network\": {\"name\":null,\"unit\":null,\"year\":null,"
                           "\"source\":null,\"nodes\":5,\"edges\":5},"));
    ckp_buf_destroy(&b);
    CHECK_INT(ckp_check(&r, net, &err), CKP_OK);
    CHECK_INT(ckp_check_write(&b, CKP_FORMAT_JSON, net, &r, NULL, &err), CKP_OK);
    const char *want = "\t\"network\":\t{\n\t\t\"name\":\tnull,\n\t\t\"unit\":\tnull,\n"
                       "\t\t\"year\":\tnull,\n\t\t\"source\":\tnull,\n\t\t\"nodes\":\t5,\n";
    CHECK(strstr(b.data, want) != NULL);
    ckp_buf_destroy(&b);
    ckp_check_report_destroy(&r);
}

static int by_strcmp(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/*
 * ckp_nodes_by_id against qsort with strcmp, and ckp_nodes_top against the first k of a full
 * sort, on 3,000 random ids of 1 to 12 bytes from a three-letter alphabet and a byte above
 * 0x7f (many shared prefixes, ids that are prefixes of others) with keys from {0, 1, 2} (many
 * ties, decided by the ids).
 */
static void test_orders_random(void)
{
    enum { N = 3000 };
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_network_new(&net, &err), CKP_OK);
    if (!net || ckp_network_add_tier(net, "t", &err) != CKP_OK) {
        CHECK(!"a network with one tier");
        ckp_network_free(net);
        return;
    }
    static const char letters[] = {'a', 'b', 'z', (char)0xc3};
    unsigned long long state = 88172645463325252ull;
    const char *ids[N];
    double key[N];
    ckp_keyed_node all[N];
    igraph_integer_t n = 0;
    while (n < N) {
        char id[16];
        int len = 1 + (int)xorshift(&state, 12);
        for (int i = 0; i < len; i++)
            id[i] = letters[xorshift(&state, 4)];
        id[len] = '\0';
        ckp_node_spec spec;
        ckp_node_spec_init(&spec);
        spec.id = id;
        spec.tier = "t";
        spec.country = "AU";
        if (ckp_network_add_node(net, &spec, NULL, &err) != CKP_OK)
            continue; /* an id drawn twice: ids are unique */
        ids[n] = ckp_node_id(net, n);
        key[n] = (double)xorshift(&state, 3);
        all[n] = (ckp_keyed_node){key[n], ids[n], n};
        n++;
    }
    CHECK_INT(n, N);
    igraph_integer_t *by_id = ckp_nodes_by_id(net);
    qsort(ids, N, sizeof *ids, by_strcmp);
    int same = by_id != NULL;
    for (int i = 0; same && i < N; i++)
        same = !strcmp(ckp_node_id(net, by_id[i]), ids[i]);
    CHECK(same);
    free(by_id);

    ckp_keyed_nodes_sort(all, N);
    static const igraph_integer_t ks[] = {0, 1, 7, 100, N - 1, N, N + 5};
    igraph_integer_t top[N];
    for (size_t j = 0; j < sizeof ks / sizeof *ks; j++) {
        igraph_integer_t k = ckp_nodes_top(top, net, key, ks[j]);
        CHECK_INT(k, ks[j] < N ? ks[j] : N);
        same = 1;
        for (igraph_integer_t i = 0; same && i < k; i++)
            same = top[i] == all[i].node;
        CHECK(same);
    }
    ckp_network_free(net);
}

int main(void)
{
    test_orders_random();
    ckp_network *net = load_diamond();
    ckp_analysis a;
    ckp_analysis_options opts;
    ckp_error err;
    ckp_analysis_init(&a);
    ckp_analysis_options_init(&opts);
    ckp_error_init(&err);
    if (net && ckp_analyze(&a, net, &opts, &err) == CKP_OK) {
        test_orders(net, &a);
        test_analysis_text(net, &a, &opts);
        test_analysis_json(net, &a, &opts);
        test_check(net);
        test_network_object(net, &a, &opts); /* last: it clears the metadata */
    } else {
        CHECK(!"the diamond loads and is analysed");
    }
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
    return test_report("test_export");
}
