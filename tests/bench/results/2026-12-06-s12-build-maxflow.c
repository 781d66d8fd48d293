/*
 * Session 12 (build): ckp_stages' "maxflow" row in pieces, each run the
 * first in its process as in the benchmark (JSON loaded and freed, CSV
 * loaded, check, then ckp_flow_new, ckp_flow_solve(-1), every node's flow),
 * with page faults, and a hash of every node, edge and delivered flow's bits.
 * REPS > 1 repeats the row (later rows reuse warm memory).
 *
 *   cc -O2 -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/include -Itests/bench \
 *      -o /tmp/maxflow tests/bench/results/2026-12-06-s12-build-maxflow.c build/libchokepoint.a \
 *      $(pkg-config --cflags --libs igraph libcgraph libgvc libcjson clp cairo \
 *        libxml-2.0 xlsxwriter) -lglpk -lstdc++ -lm -pthread
 *   /tmp/maxflow NETWORK.json NODES.csv EDGES.csv TIERS [REPS]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_clock.h"
#include "chokepoint/check.h"
#include "chokepoint/flow.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"

static long faults(void)
{
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return r.ru_minflt;
}

static uint64_t mix(uint64_t h, double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return (h ^ b) * 0x100000001b3ULL;
}

int main(int argc, char **argv)
{
    if (argc < 5)
        return 2;
    ckp_error err;
    ckp_error_init(&err);
    int reps = argc > 5 ? atoi(argv[5]) : 1;
    ckp_network *net = NULL;
    if (ckp_load_json(&net, argv[1], &err))
        return 1;
    ckp_network_free(net);
    net = NULL;
    ckp_load_options lo;
    ckp_load_options_init(&lo);
    lo.tiers = argv[4];
    if (ckp_load_csv(&net, argv[2], argv[3], &lo, &err))
        return 1;
    ckp_check_report r;
    ckp_check_report_init(&r);
    ckp_check(&r, net, &err);
    ckp_check_report_destroy(&r);
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    double *nodeflow = calloc((size_t)n, sizeof *nodeflow);
    for (int k = 0; k < reps; k++) {
        ckp_flow *flow = NULL;
        double w0 = bench_now(), c0 = bench_cpu();
        long f0 = faults();
        if (ckp_flow_new(&flow, net, &err))
            return 1;
        double w1 = bench_now(), c1 = bench_cpu();
        long f1 = faults();
        double served = ckp_flow_solve(flow, -1);
        double w2 = bench_now(), c2 = bench_cpu();
        long f2 = faults();
        for (igraph_integer_t v = 0; v < n; v++)
            nodeflow[v] = ckp_flow_node(flow, v);
        double w3 = bench_now(), c3 = bench_cpu();
        uint64_t h = 1469598103934665603ULL;
        for (igraph_integer_t v = 0; v < n; v++)
            h = mix(h, nodeflow[v]);
        for (igraph_integer_t e = 0; e < m; e++)
            h = mix(h, ckp_flow_edge(flow, e));
        for (igraph_integer_t v = 0; v < n; v++)
            h = mix(h, ckp_flow_delivered(flow, v));
        ckp_flow_free(flow);
        printf("row %.4f wall %.4f cpu | new %.4f/%.4f %ld faults | solve %.4f/%.4f %ld faults | "
               "read %.4f/%.4f | served %.12g hash %016llx\n",
               w3 - w0, c3 - c0, w1 - w0, c1 - c0, f1 - f0, w2 - w1, c2 - c1, f2 - f1, w3 - w2,
               c3 - c2, served, (unsigned long long)h);
    }
    free(nodeflow);
    ckp_network_free(net);
    return 0;
}
