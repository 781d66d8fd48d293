/*
 * The loaders alone (issue 21): one JSON or CSV load of a cached benchmark
 * network, timed, for A/B runs of two builds. Build against a tree's
 * static library as tests/bench/run builds ckp_stages, e.g.
 *
 *   gcc -O2 -Iinclude -Ibuild/include tests/bench/load_bench.c build/libchokepoint.a \
 *       $(pkg-config --cflags --libs igraph libcgraph libgvc libcjson) \
 *       $(pkg-config --libs clp cairo libxml-2.0 xlsxwriter) -lglpk -lstdc++ -lm -pthread \
 *       -o /tmp/load_bench
 *   /usr/bin/time -f "%U user %S sys %e wall %M KB" /tmp/load_bench json DIR/network.json
 *   /usr/bin/time ... /tmp/load_bench csv DIR/nodes.csv DIR/edges.csv TIERS
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chokepoint/chokepoint.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_code rc;
    ckp_error_init(&err);
    int json = argc == 3 && !strcmp(argv[1], "json");
    if (!json && !(argc == 5 && !strcmp(argv[1], "csv"))) {
        fprintf(stderr, "usage: load_bench json FILE | load_bench csv NODES EDGES TIERS\n");
        return 2;
    }
    double t0 = now();
    if (json) {
        rc = ckp_load_json(&net, argv[2], &err);
    } else {
        ckp_load_options opts;
        ckp_load_options_init(&opts);
        opts.tiers = argv[4];
        rc = ckp_load_csv(&net, argv[2], argv[3], &opts, &err);
    }
    double t1 = now();
    if (rc) {
        char msg[2200];
        fprintf(stderr, "load_bench: %s\n", ckp_error_format(msg, sizeof msg, &err));
        return 1;
    }
    printf("load %.3f s, %lld nodes, %lld edges\n", t1 - t0,
           (long long)ckp_network_node_count(net), (long long)ckp_network_edge_count(net));
    ckp_network_free(net);
    return 0;
}
