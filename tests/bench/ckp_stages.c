/*
 * chokepoint's own library, one computation at a time, for the benchmark
 * (tests/bench/run): the per-computation column next to NetworkX and raw
 * igraph. Uses the public API only (the headers in include/chokepoint),
 * linked against the build's libchokepoint.a. The whole-process figures come
 * from the CLI.
 *
 *   ckp_stages NETWORK.json NODES.csv EDGES.csv TIERS [SAMPLES SEED RISK_TOP EXACT_LIMIT BUDGET]
 *
 * Prints one line per step as soon as it is done:
 *   step NAME SECONDS [VALUE]          measured
 *   est NAME SECONDS DONE/TOTAL        a flow-at-risk loop stopped after
 *                                      BUDGET seconds; SECONDS extrapolates
 *                                      from DONE of TOTAL sets
 * Flow at risk goes through ckp_flow_losses (repair of the baseline flow, on
 * the default number of threads, step risk_baseline) when the API has it
 * (-DCKP_HAVE_FLOW_LOSSES), else through one fresh ckp_flow_solve per set.
 * The analysis steps run on the network loaded from CSV, as `chokepoint
 * analyze NODES.csv EDGES.csv` does. Flow at risk by node: every node
 * carrying flow up to EXACT_LIMIT nodes (node_risk), else the RISK_TOP
 * busiest (node_risk_busy, 1,000 in the benchmark: the performance target)
 * and then every single point of failure not among them (node_risk_spof;
 * `analyze` computed all of them until commit 8607627, since then only the
 * RISK_TOP with the most dominated demand).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chokepoint/analysis.h"
#include "chokepoint/centrality.h"
#include "chokepoint/check.h"
#include "chokepoint/concentration.h"
#include "chokepoint/dependency.h"
#include "chokepoint/dominators.h"
#include "chokepoint/flow.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"
#include "country_sets.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void fail(const char *what, const ckp_error *err)
{
    char buf[2200];
    fprintf(stderr, "ckp_stages: %s: %s\n", what, ckp_error_format(buf, sizeof buf, err));
    exit(1);
}

static void *xcalloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    if (!p) {
        fprintf(stderr, "ckp_stages: out of memory\n");
        exit(1);
    }
    return p;
}

static void step(const char *name, double seconds, const char *value)
{
    printf("step %s %.6f%s%s\n", name, seconds, value ? " " : "", value ? value : "");
    fflush(stdout);
}

typedef struct {
    double key;
    igraph_integer_t v;
} ranked;

static const ckp_network *g_net; /* for the qsort tie-break by id */

static int by_key_desc(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return strcmp(ckp_node_id(g_net, a->v), ckp_node_id(g_net, b->v));
}

/*
 * Flow at risk of node sets, stopping after `budget` seconds and extrapolating.
 * With the repair API (CKP_HAVE_FLOW_LOSSES, set by tests/bench/run when
 * include/chokepoint/flow.h declares ckp_flow_losses) the sets go through
 * ckp_flow_losses in chunks, as src/lib/metrics/analysis.c does; before it, each set
 * is removed and the max flow solved afresh, as analysis.c did then.
 */
static int g_threads = 1;

static void risk_sets(ckp_flow *flow, const igraph_integer_t *const *sets,
                      const igraph_integer_t *sizes, igraph_integer_t total, double budget,
                      const char *name)
{
    igraph_integer_t done = 0;
    char buf[64];
    double t0 = now();
#ifdef CKP_HAVE_FLOW_LOSSES
    igraph_integer_t chunk = 8 * (igraph_integer_t)g_threads;
    double *losses = xcalloc((size_t)(total ? total : 1), sizeof *losses);
    ckp_error err;
    ckp_error_init(&err);
    while (done < total) {
        igraph_integer_t k = total - done < chunk ? total - done : chunk;
        if (ckp_flow_losses(flow, sets + done, sizes + done, k, g_threads, losses + done, &err))
            fail("flow at risk", &err);
        done += k;
        if (now() - t0 > budget && done < total)
            break;
    }
    free(losses);
#else
    igraph_integer_t n = ckp_network_node_count(g_net);
    for (; done < total; done++) {
        for (igraph_integer_t i = 0; i < sizes[done]; i++)
            ckp_flow_remove_node(flow, sets[done][i], 1);
        (void)ckp_flow_solve(flow, -1);
        for (igraph_integer_t i = 0; i < sizes[done]; i++)
            ckp_flow_remove_node(flow, sets[done][i], 0);
        if (now() - t0 > budget && done + 1 < total) {
            done++;
            break;
        }
    }
    (void)n;
#endif
    double t = now() - t0;
    snprintf(buf, sizeof buf, "%lld/%lld", (long long)done, (long long)total);
    if (done < total)
        printf("est %s %.6f %s\n", name, t * (double)total / (double)done, buf);
    else
        step(name, t, buf);
    fflush(stdout);
}

/* Flow at risk of each wanted node that carries flow (one set each). */
static void risk_loop(ckp_flow *flow, const char *want, const double *nodeflow,
                      igraph_integer_t n, double budget, const char *name)
{
    igraph_integer_t total = 0;
    igraph_integer_t *members = xcalloc((size_t)n, sizeof *members);
    igraph_integer_t *sizes = xcalloc((size_t)n, sizeof *sizes);
    const igraph_integer_t **sets = xcalloc((size_t)n, sizeof *sets);
    for (igraph_integer_t v = 0; v < n; v++)
        if (want[v] && nodeflow[v] != 0) {
            members[total] = v;
            sets[total] = &members[total];
            sizes[total++] = 1;
        }
    risk_sets(flow, sets, sizes, total, budget, name);
    free(members);
    free(sizes);
    free(sets);
}

int main(int argc, char **argv)
{
    if (argc != 5 && argc != 10) {
        fprintf(stderr, "usage: ckp_stages NETWORK.json NODES.csv EDGES.csv TIERS "
                        "[SAMPLES SEED RISK_TOP EXACT_LIMIT BUDGET]\n");
        return 2;
    }
    igraph_integer_t samples = argc > 5 ? atoll(argv[5]) : 100;
    unsigned long seed = argc > 6 ? strtoul(argv[6], NULL, 10) : 1;
    igraph_integer_t risk_top = argc > 7 ? atoll(argv[7]) : 1000;
    igraph_integer_t exact_limit = argc > 8 ? atoll(argv[8]) : 5000;
    double budget = argc > 9 ? atof(argv[9]) : 120;
    ckp_error err;
    ckp_error_init(&err);
    char buf[128];
    double t0;

    /* ---- loads ---- */
    ckp_network *net = NULL;
    t0 = now();
    if (ckp_load_json(&net, argv[1], &err))
        fail("loading JSON", &err);
    snprintf(buf, sizeof buf, "%lld/%lld", (long long)ckp_network_node_count(net),
             (long long)ckp_network_edge_count(net));
    step("load_json", now() - t0, buf);
    ckp_network_free(net);
    net = NULL;

    ckp_load_options lopts;
    ckp_load_options_init(&lopts);
    lopts.tiers = argv[4];
    t0 = now();
    if (ckp_load_csv(&net, argv[2], argv[3], &lopts, &err))
        fail("loading CSV", &err);
    step("load_csv", now() - t0, buf);
    g_net = net;
    igraph_integer_t n = ckp_network_node_count(net);

    /* ---- check (validation and warnings, no output) ---- */
    {
        ckp_check_report r;
        ckp_check_report_init(&r);
        t0 = now();
        if (ckp_check(&r, net, &err))
            fail("check", &err);
        snprintf(buf, sizeof buf, "%lld", (long long)r.n_warnings);
        step("check", now() - t0, buf);
        ckp_check_report_destroy(&r);
    }

    /* ---- served demand ---- */
    ckp_flow *flow = NULL;
    double served;
    double *nodeflow = xcalloc((size_t)n, sizeof *nodeflow);
    t0 = now();
    if (ckp_flow_new(&flow, net, &err))
        fail("flow", &err);
    served = ckp_flow_solve(flow, -1);
    for (igraph_integer_t v = 0; v < n; v++)
        nodeflow[v] = ckp_flow_node(flow, v);
    snprintf(buf, sizeof buf, "%.12g", served);
    step("maxflow", now() - t0, buf);
#ifdef CKP_HAVE_FLOW_LOSSES
    {
        ckp_analysis_options aopts;
        ckp_analysis_options_init(&aopts);
        g_threads = aopts.threads;
        t0 = now();
        if (ckp_flow_keep_baseline(flow, &err))
            fail("keeping the baseline flow", &err);
        snprintf(buf, sizeof buf, "%d", g_threads);
        step("risk_baseline", now() - t0, buf); /* threads as the value */
    }
#endif

    /* ---- dominators and single points of failure ---- */
    char *spof = xcalloc((size_t)n, 1);
    {
        ckp_dominators dom;
        t0 = now();
        if (ckp_dominators_compute(&dom, net, &err))
            fail("dominators", &err);
        igraph_integer_t ns = ckp_dominators_spofs(&dom, net, spof);
        snprintf(buf, sizeof buf, "%lld", (long long)ns);
        step("dominators", now() - t0, buf);
        ckp_dominators_destroy(&dom);
    }

    /* ---- concentration ---- */
    {
        ckp_tier_concentration *c = NULL;
        t0 = now();
        if (ckp_concentration(&c, net, &err))
            fail("concentration", &err);
        step("concentration", now() - t0, NULL);
        ckp_concentration_free(c, ckp_network_tier_count(net));
    }

    /* ---- origin tracing ---- */
    {
        ckp_dependency dep;
        t0 = now();
        if (ckp_dependency_compute(&dep, net, NULL, &err))
            fail("origin", &err);
        step("origin", now() - t0, NULL);
        ckp_dependency_destroy(&dep);
    }

    /* ---- betweenness from SAMPLES sources ---- */
    {
        double *b = xcalloc((size_t)n, sizeof *b);
        t0 = now();
        if (ckp_betweenness(b, net, samples < n ? samples : n, seed, &err))
            fail("betweenness", &err);
        double mx = 0;
        for (igraph_integer_t v = 0; v < n; v++)
            mx = b[v] > mx ? b[v] : mx;
        snprintf(buf, sizeof buf, "%.6g", mx);
        step("betweenness", now() - t0, buf);
        free(b);
    }

    /* ---- flow at risk by country: one set per country ---- */
    {
        igraph_integer_t *members, *sizes;
        const igraph_integer_t **sets;
        igraph_integer_t nc = country_sets(net, &members, &sizes, &sets);
        risk_sets(flow, sets, sizes, nc, budget, "country_risk");
        free(members);
        free(sizes);
        free(sets);
    }

    /* ---- flow at risk by node: every node up to EXACT_LIMIT nodes, else the
       RISK_TOP busiest, then the single points of failure not among them ---- */
    {
        char *want = xcalloc((size_t)n, 1);
        if (n <= exact_limit) {
            memset(want, 1, (size_t)n);
            risk_loop(flow, want, nodeflow, n, budget, "node_risk");
        } else {
            double *through = xcalloc((size_t)n, sizeof *through);
            ranked *busy = xcalloc((size_t)n, sizeof *busy);
            ckp_throughput(through, net);
            for (igraph_integer_t v = 0; v < n; v++)
                busy[v] = (ranked){through[v], v};
            qsort(busy, (size_t)n, sizeof *busy, by_key_desc);
            for (igraph_integer_t i = 0; i < n && i < risk_top; i++)
                want[busy[i].v] = 1;
            risk_loop(flow, want, nodeflow, n, budget, "node_risk_busy");
            for (igraph_integer_t v = 0; v < n; v++)
                want[v] = spof[v] && !want[v];
            risk_loop(flow, want, nodeflow, n, budget, "node_risk_spof");
            free(through);
            free(busy);
        }
        free(want);
    }

    ckp_flow_free(flow);
    free(nodeflow);
    free(spof);
    ckp_network_free(net);
    return 0;
}
