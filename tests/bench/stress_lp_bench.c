/*
 * The stress ranking against an LP-per-node baseline (issue 19; not in ctest):
 * `chokepoint stress`'s computation (ckp_stress_run: one baseline flow per
 * distinct TTR repaired per node, Newton steps for the TTS) timed against the
 * Simchi-Levi et al. programs solved cold by the LP module for each node (a
 * TTR LP and a TTS LP per node, as the published implementation does, an LP
 * per scenario). The LP side is timed on K nodes spread over the network and
 * scaled to every node; their losses are checked against ours.
 *
 *   cmake --build build --target stress_lp_bench
 *   build/tests/stress_lp_bench NETWORK.json [K]      (K default 50)
 *
 * End users get stocks of 5, 12 or 19 days of their demand (by index), so
 * the TTS is not trivially 0.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chokepoint/chokepoint.h"
#include "lp.h"
#include "time_lp.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    if (argc < 2 || ckp_load_json(&net, argv[1], &err)) {
        fprintf(stderr, "usage: stress_lp_bench NETWORK.json [K]%s%s\n",
                err.message[0] ? ": " : "", err.message);
        return 2;
    }
    igraph_integer_t n = ckp_network_node_count(net), last = ckp_network_tier_count(net) - 1;
    igraph_integer_t k = argc > 2 ? atoll(argv[2]) : 50, mismatches = 0;
    k = k < 1 ? 1 : k > n ? n : k;
    for (igraph_integer_t i = 0; i < n; i++)
        if (ckp_node_tier(net, i) == last &&
            ckp_network_set_node_number(net, i, "stock",
                                        ckp_node_demand(net, i) * (5 + 7 * (i % 3)) / 365, &err))
            return 1;
    ckp_stress st;
    double t0 = now();
    if (ckp_stress_run(&st, net, NULL, 1, &err)) {
        fprintf(stderr, "stress: %s\n", err.message);
        return 1;
    }
    double ours = now() - t0;
    char *removed = calloc((size_t)n, 1);
    double lp_time = 0;
    for (igraph_integer_t j = 0; j < k; j++) {
        igraph_integer_t v = j * n / k;
        double ttr = ckp_node_ttr_days(net, v);
        double base = ckp_test_time_lp(net, NULL, ttr, 0);
        double t1 = now();
        removed[v] = 1;
        double with = ckp_test_time_lp(net, removed, ttr, 0);
        (void)ckp_test_time_lp(net, removed, 0, 1);
        removed[v] = 0;
        lp_time += now() - t1; /* the baseline LP serves every node of one TTR: not counted */
        for (igraph_integer_t r = 0; r < st.n; r++)
            if (st.rows[r].kind == CKP_STRESS_NODE && st.rows[r].index == v &&
                fabs(st.rows[r].lost - (base - with)) > 1e-6 * (1 + base))
                mismatches++;
    }
    double per_node = lp_time / (double)k;
    printf("network %s: %lld nodes, %lld edges; LP solver %s\n", argv[1], (long long)n,
           (long long)ckp_network_edge_count(net), ckp_lp_solver());
    printf("ours (ckp_stress_run, every node and country, 1 thread): %.3f s\n", ours);
    printf("LP per node (TTR + TTS LPs, cold): %.4f s a node over %lld nodes, %.1f s for all "
           "%lld (scaled)\n",
           per_node, (long long)k, per_node * (double)n, (long long)n);
    printf("ratio (LP per node / ours): %.0fx; losses differing from the LP: %lld\n",
           per_node * (double)n / ours, (long long)mismatches);
    free(removed);
    ckp_stress_destroy(&st);
    ckp_network_free(net);
    return mismatches ? 1 : 0;
}
