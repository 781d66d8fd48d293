/*
 * The materials analyses of the library at size (not in ctest): a synthetic two-material
 * network built through the public API (the shape of lp_bench.c: ores A and B, their
 * separation, magnet plants needing 1 A + 0.07 B, traders, end users, three suppliers each,
 * ten countries), then ckp_bom_served, ckp_bom_spofs and ckp_bom_losses of every country,
 * and the three views of China removed (ckp_views_run, default exact limit), each timed.
 *
 *   cc -O2 -Iinclude $(pkg-config --cflags igraph) -o bom_bench tests/bench/bom_bench.c \
 *      build/libchokepoint.a \
 *      $(pkg-config --libs igraph libcgraph libgvc libcjson cairo clp) -lglpk -lpthread -lm
 *   ./bom_bench 10000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chokepoint/materials.h"
#include "chokepoint/views.h"

#include "bench_rand.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

#define TRY(call)                                                                           \
    do {                                                                                    \
        if (call) {                                                                         \
            fprintf(stderr, "%s: %s\n", #call, err.message);                                \
            return 1;                                                                       \
        }                                                                                   \
    } while (0)

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    static const double share[7] = {0.05, 0.05, 0.05, 0.05, 0.2, 0.2, 0.4};
    /* ores A and B share the first tier, their separation the second */
    static const char *const tiers[7] = {"ore", "ore", "sep", "sep", "magnet", "trade", "use"};
    static const char *const countries[10] = {"CN", "AU", "MY", "US", "JP",
                                              "DE", "VN", "MM", "FR", "KR"};
    ckp_error err;
    ckp_network *net;
    int start[8] = {0};
    for (int t = 0; t < 7; t++)
        start[t + 1] = start[t] + (t == 6 ? n - start[t] : (int)(share[t] * n));
    TRY(ckp_network_new(&net, &err));
    TRY(ckp_network_add_material(net, "a", NULL, NULL, &err));
    TRY(ckp_network_add_material(net, "b", NULL, NULL, &err));
    TRY(ckp_network_add_material(net, "magnet", NULL, NULL, &err));
    for (int t = 0; t < 7; t++)
        if (t != 1 && t != 3)
            TRY(ckp_network_add_tier(net, tiers[t], &err));
    double t0 = now();
    for (int v = 0; v < n; v++) {
        int t = 0;
        while (v >= start[t + 1])
            t++;
        char id[32];
        ckp_node_spec spec;
        ckp_node_spec_init(&spec);
        snprintf(id, sizeof id, "n%d", v);
        spec.id = id;
        spec.tier = tiers[t];
        spec.country = countries[(int)(urand() * 10)];
        spec.capacity = t < 2 ? 2000 + 2000 * urand() : 100 + 400 * urand();
        if (t == 6) {
            spec.capacity = CKP_UNBOUNDED;
            spec.demand = 50 + 200 * urand();
        }
        TRY(ckp_network_add_node(net, &spec, NULL, &err));
        if (t < 4)
            TRY(ckp_network_add_recipe(net, v, CKP_RECIPE_OUTPUT, t % 2, 1, &err));
        if (t == 2 || t == 3)
            TRY(ckp_network_add_recipe(net, v, CKP_RECIPE_INPUT, t - 2, 1, &err));
        if (t == 4) {
            TRY(ckp_network_add_recipe(net, v, CKP_RECIPE_INPUT, 0, 1, &err));
            TRY(ckp_network_add_recipe(net, v, CKP_RECIPE_INPUT, 1, 0.07, &err));
            TRY(ckp_network_add_recipe(net, v, CKP_RECIPE_OUTPUT, 2, 1, &err));
        }
        for (int j = 0; t >= 2 && j < 3; j++) {
            int src_t = t <= 3 ? t - 2 : t == 4 ? (j == 0 ? 3 : 2) : 4;
            if (t == 6 && urand() < 0.5)
                src_t = 5;
            ckp_edge_spec e;
            ckp_edge_spec_init(&e);
            e.from = start[src_t] + (int)(urand() * (start[src_t + 1] - start[src_t]));
            e.to = v;
            e.volume = 10;
            if (ckp_network_find_edge(net, e.from, e.to) >= 0)
                continue;
            TRY(ckp_network_add_edge(net, &e, NULL, &err));
        }
    }
    igraph_integer_t bad_node, bad_edge;
    const char *key;
    TRY(ckp_network_resolve_materials(net, &bad_node, &bad_edge, &key, &err));
    double t1 = now();
    printf("%d nodes, %lld edges: built in %.2f s\n", n, (long long)ckp_network_edge_count(net),
           t1 - t0);
    double total;
    TRY(ckp_bom_served(&total, NULL, net, &err));
    double t2 = now();
    printf("served %.6f in %.2f s\n", total, t2 - t1);
    igraph_integer_t ne;
    char *cut = malloc((size_t)n * (size_t)(n - start[6]));
    igraph_integer_t *users = malloc((size_t)n * sizeof *users);
    TRY(ckp_bom_spofs(cut, users, &ne, net, &err));
    double t3 = now();
    long long cuts = 0;
    for (long long k = 0; k < (long long)n * ne; k++)
        cuts += cut[k];
    printf("spofs: %lld (node, end user) cuts in %.2f s\n", cuts, t3 - t2);
    igraph_integer_t *sets[10], sizes[10] = {0};
    for (int c = 0; c < 10; c++)
        sets[c] = malloc((size_t)n * sizeof *sets[c]);
    for (igraph_integer_t v = 0; v < n; v++)
        for (int c = 0; c < 10; c++)
            if (!strcmp(ckp_node_country(net, v), countries[c]))
                sets[c][sizes[c]++] = v;
    double losses[10], base;
    TRY(ckp_bom_losses(losses, &base, net, (const igraph_integer_t *const *)sets, sizes, 10,
                       &err));
    double t4 = now();
    printf("flow at risk of 10 countries in %.2f s (baseline solve included):", t4 - t3);
    for (int c = 0; c < 10; c++)
        printf(" %s %.1f", countries[c], losses[c]);
    printf("\n");
    static const char china[] = "{\"remove_countries\": [\"CN\"]}";
    ckp_scenario *sc;
    ckp_views views;
    TRY(ckp_scenario_parse(&sc, net, china, sizeof china - 1, "china.json", &err));
    TRY(ckp_views_run(&views, net, sc, NULL, &err));
    double t5 = now();
    printf("views of CN removed in %.2f s: immediate %.1f, rerouted %.1f, reallocated %.1f, "
           "%lld end users, %lld countries\n",
           t5 - t4, views.immediate_served, views.rerouted_served, views.reallocated_served,
           (long long)views.n_end_users, (long long)views.n_countries);
    return 0;
}
