/*
 * Maximum flow and every country's flow at risk on one network, for issue 21:
 * the two flow figures of the benchmark alone, without the rest of
 * ckp_stages. Prints each step's wall and CPU (user+sys) seconds and every
 * country's loss to 17 digits, so that two builds can be compared exactly.
 *
 *   flow_bench NODES.csv EDGES.csv TIERS [THREADS] [each]
 *
 * "each" also times every country alone on one thread (CPU per country).
 * Build against a build's static library as tests/bench/run builds
 * ckp_stages.c, e.g. from the repository:
 *
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Ibuild/include \
 *      -o flow_bench tests/bench/flow_bench.c build/libchokepoint.a \
 *      $(pkg-config --cflags --libs igraph libcgraph libgvc libcjson clp cairo \
 *        libxml-2.0 xlsxwriter) -lglpk -lstdc++ -lm -pthread
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"
#include "bench_clock.h"
#include "country_sets.h"

static void fail(const char *what, const ckp_error *err)
{
    char buf[2200];
    fprintf(stderr, "flow_bench: %s: %s\n", what, ckp_error_format(buf, sizeof buf, err));
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: flow_bench NODES.csv EDGES.csv TIERS [THREADS] [each]\n");
        return 2;
    }
    int threads = argc > 4 ? atoi(argv[4]) : 2;
    int each = argc > 5 && !strcmp(argv[5], "each");

    ckp_error err;
    ckp_error_init(&err);
    ckp_network *net = NULL;
    ckp_load_options lopts;
    ckp_load_options_init(&lopts);
    lopts.tiers = argv[3];
    if (ckp_load_csv(&net, argv[1], argv[2], &lopts, &err))
        fail("loading CSV", &err);
    ckp_flow *flow = NULL;
    double t0 = bench_now(), c0 = bench_cpu();
    if (ckp_flow_new(&flow, net, &err))
        fail("flow", &err);
    double served = ckp_flow_solve(flow, -1);
    printf("maxflow wall %.3f cpu %.3f value %.17g\n", bench_now() - t0, bench_cpu() - c0, served);
    t0 = bench_now(), c0 = bench_cpu();
    if (ckp_flow_keep_baseline(flow, &err))
        fail("baseline", &err);
    printf("baseline wall %.3f cpu %.3f\n", bench_now() - t0, bench_cpu() - c0);
    igraph_integer_t *members, *sizes;
    const igraph_integer_t **sets;
    igraph_integer_t nc = country_sets(net, &members, &sizes, &sets);
    double *losses = calloc((size_t)nc + 1, sizeof *losses);
    t0 = bench_now(), c0 = bench_cpu();
    if (ckp_flow_losses(flow, sets, sizes, nc, threads, losses, &err))
        fail("losses", &err);
    printf("countries %lld wall %.3f cpu %.3f\n", (long long)nc, bench_now() - t0,
           bench_cpu() - c0);
    for (igraph_integer_t c = 0; c < nc; c++) {
        double one = 0, tc = 0;
        if (each) {
            double c1 = bench_cpu();
            if (ckp_flow_losses(flow, sets + c, sizes + c, 1, 1, &one, &err))
                fail("losses", &err);
            tc = bench_cpu() - c1;
        }
        printf("country %lld size %lld loss %.17g%s", (long long)c, (long long)sizes[c], losses[c],
               each ? "" : "\n");
        if (each)
            printf(" cpu %.3f%s\n", tc, one == losses[c] ? "" : " MISMATCH");
    }
    ckp_flow_free(flow);
    ckp_network_free(net);
    free(members);
    free(sizes);
    free(sets);
    free(losses);
    return 0;
}
