/*
 * Sampled betweenness on chokepoint's own adjacency (betweenness_sampled.c) against the igraph
 * call it replaced, igraph_betweenness_subset from the same sources on the network's igraph
 * copy, scaled by V / samples: the same bits on random networks with loops, parallel routes of
 * equal length, isolated nodes and sources without paths, for several sample sizes and seeds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centrality_internal.h"
#include "chokepoint/centrality.h"
#include "igraph_glue.h"
#include "network_internal.h"
#include "test.h"
#include "test_net.h"
#include "xorshift.h"

/* `n` nodes over three tiers; each node after the first tier buys from 0 to `deg` others,
   mostly of the tier before, `loop_pct` percent from anywhere (loops, tiers skipped). */
static ckp_network *random_graph(unsigned long long *rng, int n, int deg, int loop_pct)
{
    test_text t;
    int third = n / 3 ? n / 3 : 1;
    test_text_init(&t, n, 4096 + (size_t)n * (size_t)(deg + 1) * 80);
    test_text_add(&t, "{'format': 'chokepoint-network/1', 'tiers': ['a', 'b', 'c'], 'nodes': [");
    for (int v = 0; v < n; v++)
        test_text_add(&t, "%s{'id': 'v%d', 'tier': '%c', 'country': 'JP'}", v ? ", " : "", v,
                      "abc"[v / third > 2 ? 2 : v / third]);
    test_text_add(&t, "], 'edges': [");
    for (int v = third; v < n; v++) {
        int k = (int)xorshift(rng, (unsigned)deg + 1);
        for (int i = 0; i < k; i++) {
            int u = xorshift(rng, 100) < (unsigned)loop_pct
                        ? (int)xorshift(rng, (unsigned)n)
                        : (v / third - 1) * third + (int)xorshift(rng, (unsigned)third);
            if (test_text_pair(&t, u, v))
                test_text_edge(&t, "v", u, v, 1);
        }
    }
    return test_text_load(&t);
}

/* igraph's sampled betweenness from the sources ckp_betweenness draws, scaled as it scales */
static void reference(double *out, const ckp_network *net, igraph_integer_t samples,
                      unsigned long seed)
{
    ckp_error err;
    igraph_t g;
    igraph_vector_t res;
    igraph_vector_int_t chosen;
    igraph_integer_t *sources = NULL, n = net->n_nodes;
    CHECK_INT(ckp_betweenness_sources(&sources, net, samples, seed, &err), CKP_OK);
    CHECK_INT(ckp_network_graph(&g, net, &err), CKP_OK);
    igraph_vector_init(&res, 0);
    igraph_vector_int_init(&chosen, samples);
    memcpy(VECTOR(chosen), sources, (size_t)samples * sizeof *sources);
    CHECK_INT(igraph_betweenness_subset(&g, &res, igraph_vss_all(), IGRAPH_DIRECTED,
                                        igraph_vss_vector(&chosen), igraph_vss_all(), NULL),
              IGRAPH_SUCCESS);
    for (igraph_integer_t v = 0; v < n; v++)
        out[v] = VECTOR(res)[v] * (double)n / (double)samples;
    igraph_vector_int_destroy(&chosen);
    igraph_vector_destroy(&res);
    igraph_destroy(&g);
    free(sources);
}

int main(void)
{
    static const int shapes[][3] = {
        /* nodes, most suppliers, % of edges from anywhere */
        {12, 2, 0}, {30, 3, 10}, {60, 4, 25}, {150, 3, 5}, {300, 5, 40}, {90, 1, 50},
    };
    unsigned long long rng = 0x9e3779b97f4a7c15ULL;
    int compared = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (int rep = 0; rep < 6; rep++) {
            ckp_network *net = random_graph(&rng, shapes[s][0], shapes[s][1], shapes[s][2]);
            igraph_integer_t n = net->n_nodes;
            double *got = malloc((size_t)n * sizeof *got), *want = malloc((size_t)n * sizeof *want);
            igraph_integer_t sizes[] = {1, n / 3 + 1, n - 1};
            for (int k = 0; k < 3; k++) {
                unsigned long seed = 1 + (unsigned long)(rep * 7 + k);
                ckp_error err;
                CHECK_INT(ckp_betweenness(got, net, sizes[k], seed, &err), CKP_OK);
                reference(want, net, sizes[k], seed);
                int same = !memcmp(got, want, (size_t)n * sizeof *got);
                if (!same)
                    fprintf(stderr, "shape %zu rep %d samples %lld: not the same bits\n", s, rep,
                            (long long)sizes[k]);
                CHECK(same);
                compared++;
            }
            free(got);
            free(want);
            ckp_network_free(net);
        }
    /* a chain a -> b -> c from every source but c: b lies on the one path a..c, 3/2 scaled */
    ckp_network *chain = test_load_text(
        "{'format': 'chokepoint-network/1', 'tiers': ['x', 'y', 'z'], 'nodes': ["
        "{'id': 'a', 'tier': 'x', 'country': 'JP'}, {'id': 'b', 'tier': 'y', 'country': 'JP'}, "
        "{'id': 'c', 'tier': 'z', 'country': 'JP'}], "
        "'edges': [{'from': 'a', 'to': 'b', 'volume': 1}, {'from': 'b', 'to': 'c', 'volume': 1}]}");
    double bc[3];
    igraph_integer_t from[] = {0, 1};
    ckp_error err;
    CHECK_INT(ckp_betweenness_from(bc, chain, from, 2, &err), CKP_OK);
    CHECK(bc[0] == 0 && bc[1] == 1.5 && bc[2] == 0);
    ckp_network_free(chain);
    CHECK(compared == 108);
    return test_failures != 0;
}
