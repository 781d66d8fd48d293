/*
 * Shared by the fuzz targets: the networks that scenarios and plans are read
 * against, loaded once, and a check that every error is well formed.
 */
#ifndef CKP_FUZZ_COMMON_H
#define CKP_FUZZ_COMMON_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/load.h"
#include "chokepoint/materials.h"
#include "chokepoint/network.h"

/* A parser failed: the error must have a code, a message, and no network may come back. */
static inline void fuzz_check_error(ckp_code rc, const ckp_error *err, const void *out)
{
    if (rc == CKP_OK)
        return;
    if (err->code != rc || !err->message[0] || out) {
        fprintf(stderr, "malformed error: rc %d, err.code %d, message '%s', out %p\n", (int)rc,
                (int)err->code, err->message, out);
        abort();
    }
    /* a data error always names its file */
    if (rc == CKP_EDATA && !err->file[0]) {
        fprintf(stderr, "data error without a file: '%s'\n", err->message);
        abort();
    }
    char buf[2200];
    ckp_error_format(buf, sizeof buf, err);
}

/* Touch everything a loaded network exposes, so a bad index shows up under ASan. */
static inline void fuzz_walk_network(const ckp_network *net)
{
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    size_t sink = 0;
    if (n <= 0)
        abort(); /* a network always has nodes */
    for (igraph_integer_t i = 0; i < n; i++) {
        sink += strlen(ckp_node_id(net, i)) + strlen(ckp_node_name(net, i)) +
                strlen(ckp_node_country(net, i));
        if (ckp_node_tier(net, i) < 0 || ckp_node_tier(net, i) >= ckp_network_tier_count(net))
            abort();
        if (ckp_network_find(net, ckp_node_id(net, i)) != i)
            abort();
        double d = ckp_node_demand(net, i);
        if (!(d >= 0) && !isnan(d))
            abort();
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = ckp_edge_from(net, e), b = ckp_edge_to(net, e);
        if (a < 0 || a >= n || b < 0 || b >= n || a == b)
            abort();
        /* with materials a pair may have an edge a material: the lookup finds one of them */
        igraph_integer_t f = ckp_network_find_edge(net, a, b);
        if (f != e && (!ckp_network_material_count(net) || f < 0 ||
                       ckp_edge_from(net, f) != a || ckp_edge_to(net, f) != b))
            abort();
        if (!(ckp_edge_volume(net, e) >= 0))
            abort();
    }
    if (sink == (size_t)-1)
        abort();
}

/* The networks scenarios and plans are fuzzed against: the small diamond and the flagship. */
static ckp_network *fuzz_networks[2];

static inline void fuzz_load_networks(void)
{
    static const char *const paths[2] = {CKP_NETWORKS "/small/diamond.json",
                                         CKP_NETWORKS "/rare-earths-japan.json"};
    for (int i = 0; i < 2; i++) {
        ckp_error err;
        ckp_error_init(&err);
        if (ckp_load_json(&fuzz_networks[i], paths[i], &err)) {
            char msg[2200];
            fprintf(stderr, "fuzz: cannot load %s: %s\n", paths[i],
                    ckp_error_format(msg, sizeof msg, &err));
            exit(1);
        }
    }
}

/* libFuzzer's initializer for the targets read against fuzz_networks: loads them. */
#define FUZZ_INITIALIZE_WITH_NETWORKS                                                      \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                                      \
    {                                                                                      \
        (void)argc;                                                                        \
        (void)argv;                                                                        \
        fuzz_load_networks();                                                              \
        return 0;                                                                          \
    }

#endif
