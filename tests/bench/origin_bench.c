/*
 * Origin tracing alone on one network, for issue 21: the CPU (user+sys) and wall seconds of
 * ckp_dependency_compute, REPEAT times (the first pays for fresh pages, as analyze does), and
 * a SHA-256 of every tier's countries and shares, so that two builds can be compared bit for
 * bit.
 *
 *   origin_bench NODES.csv EDGES.csv TIERS [REPEAT]
 *
 * Build against a build's static library as tests/bench/run builds ckp_stages.c, e.g. from
 * the repository:
 *
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Ibuild/include \
 *      -o origin_bench tests/bench/origin_bench.c build/libchokepoint.a \
 *      $(pkg-config --cflags --libs igraph libcgraph libgvc libcjson clp cairo \
 *        libxml-2.0 xlsxwriter) -lglpk -lstdc++ -lm -pthread
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chokepoint/dependency.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"
#include "chokepoint/sha256.h"

static double clock_s(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: origin_bench NODES.csv EDGES.csv TIERS [REPEAT]\n");
        return 2;
    }
    ckp_error err;
    ckp_error_init(&err);
    ckp_network *net = NULL;
    ckp_load_options lo;
    ckp_load_options_init(&lo);
    lo.tiers = argv[3];
    if (ckp_load_csv(&net, argv[1], argv[2], &lo, &err)) {
        fprintf(stderr, "origin_bench: %s\n", err.message);
        return 1;
    }
    int repeat = argc > 4 ? atoi(argv[4]) : 1;
    for (int r = 0; r < repeat; r++) {
        ckp_dependency dep;
        double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_s(CLOCK_MONOTONIC);
        if (ckp_dependency_compute(&dep, net, NULL, &err)) {
            fprintf(stderr, "origin_bench: %s\n", err.message);
            return 1;
        }
        double cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0, wall = clock_s(CLOCK_MONOTONIC) - w0;
        ckp_sha256 h;
        ckp_sha256_init(&h);
        for (igraph_integer_t t = 0; t < dep.n_tiers; t++) {
            const ckp_tier_origin *o = &dep.tiers[t];
            ckp_sha256_update(&h, o->countries, (size_t)o->n_countries * sizeof *o->countries);
            ckp_sha256_update(&h, o->shares,
                              (size_t)(o->n_countries * dep.n_end_users) * sizeof *o->shares);
        }
        unsigned char d[32];
        ckp_sha256_final(&h, d);
        printf("origin cpu %.3f wall %.3f sha256 ", cpu, wall);
        for (int i = 0; i < 32; i++)
            printf("%02x", d[i]);
        printf("\n");
        ckp_dependency_destroy(&dep);
    }
    ckp_network_free(net);
    return 0;
}
