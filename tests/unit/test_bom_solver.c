/*
 * The served LP solved once and kept (ckp_bom_solver): on random two-material networks
 * (ores, their separation, magnet plants needing both, traders, end users; 5 countries),
 * flow at risk of every busy node and every country from the shared baseline equals the
 * loss from a cold solve of the LP with the set's throughputs at zero; the same losses on
 * one thread, on two, and in the reverse order (bit for bit: each solve starts afresh from
 * the baseline's basis); and the public one-call functions give the handle's figures.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bom_lp.h"
#include "chokepoint/flow.h"
#include "chokepoint/materials.h"
#include "test.h"
#include "xorshift.h"

static const char *const countries[5] = {"CN", "AU", "MY", "US", "JP"};

/* A number in [lo, hi) in steps of 1/8: exact in binary, the LP's data stays clean. */
static double pick(unsigned long long *rng, double lo, double hi)
{
    return lo + xorshift(rng, (unsigned)((hi - lo) * 8)) / 8.0;
}

/* Tiers ore, sep, magnet, trade, use; ores and separations of materials a and b. */
static ckp_network *random_network(int n, unsigned long long seed)
{
    static const double share[7] = {0.1, 0.1, 0.1, 0.1, 0.15, 0.15, 0.3};
    static const char *const tiers[7] = {"ore", "ore", "sep", "sep", "magnet", "trade", "use"};
    unsigned long long rng = seed;
    ckp_error err;
    ckp_network *net;
    int start[8] = {0};
    for (int t = 0; t < 7; t++)
        start[t + 1] = start[t] + (t == 6 ? n - start[t] : (int)(share[t] * n));
    CHECK_INT(ckp_network_new(&net, &err), CKP_OK);
    CHECK_INT(ckp_network_add_material(net, "a", NULL, NULL, &err), CKP_OK);
    CHECK_INT(ckp_network_add_material(net, "b", NULL, NULL, &err), CKP_OK);
    CHECK_INT(ckp_network_add_material(net, "magnet", NULL, NULL, &err), CKP_OK);
    for (int t = 0; t < 7; t++)
        if (t != 1 && t != 3)
            CHECK_INT(ckp_network_add_tier(net, tiers[t], &err), CKP_OK);
    for (int v = 0; v < n; v++) {
        int t = 0;
        while (v >= start[t + 1])
            t++;
        char id[16];
        ckp_node_spec spec;
        ckp_node_spec_init(&spec);
        snprintf(id, sizeof id, "n%d", v);
        spec.id = id;
        spec.tier = tiers[t];
        spec.country = countries[xorshift(&rng, 5)];
        spec.capacity = t < 2 ? pick(&rng, 100, 300) : pick(&rng, 10, 60);
        if (t == 6) {
            spec.capacity = CKP_UNBOUNDED;
            spec.demand = pick(&rng, 5, 40);
        }
        CHECK_INT(ckp_network_add_node(net, &spec, NULL, &err), CKP_OK);
        if (t < 4)
            CHECK_INT(ckp_network_add_recipe(net, v, CKP_RECIPE_OUTPUT, t % 2, 1, &err), CKP_OK);
        if (t == 2 || t == 3)
            CHECK_INT(ckp_network_add_recipe(net, v, CKP_RECIPE_INPUT, t - 2, 1, &err), CKP_OK);
        if (t == 4) {
            CHECK_INT(ckp_network_add_recipe(net, v, CKP_RECIPE_INPUT, 0, 1, &err), CKP_OK);
            CHECK_INT(ckp_network_add_recipe(net, v, CKP_RECIPE_INPUT, 1, 0.125, &err), CKP_OK);
            CHECK_INT(ckp_network_add_recipe(net, v, CKP_RECIPE_OUTPUT, 2, 1, &err), CKP_OK);
        }
        for (int j = 0; t >= 2 && j < 1 + (int)xorshift(&rng, 3); j++) {
            int src_t = t <= 3 ? t - 2 : t == 4 ? (j == 0 ? 3 : 2) : 4;
            if (t == 6 && xorshift(&rng, 2))
                src_t = 5;
            ckp_edge_spec e;
            ckp_edge_spec_init(&e);
            e.from = start[src_t] + (int)xorshift(&rng, (unsigned)(start[src_t + 1] -
                                                                  start[src_t]));
            e.to = v;
            e.volume = 10;
            if (ckp_network_find_edge(net, e.from, e.to) < 0)
                CHECK_INT(ckp_network_add_edge(net, &e, NULL, &err), CKP_OK);
        }
    }
    igraph_integer_t bad_node, bad_edge;
    const char *key;
    CHECK_INT(ckp_network_resolve_materials(net, &bad_node, &bad_edge, &key, &err), CKP_OK);
    return net;
}

/* The loss of `set` by a cold solve of the LP built afresh, the set's throughputs at 0. */
static double cold_loss(const ckp_network *net, double base, const igraph_integer_t *set,
                        igraph_integer_t size)
{
    ckp_bom_lp b;
    ckp_error err;
    double z = -1;
    CHECK_INT(ckp_bom_lp_build(&b, net, &err), CKP_OK);
    for (igraph_integer_t k = 0; k < size; k++)
        ckp_lp_set_col(b.lp, b.x_col[set[k]], 0, 0);
    CHECK_INT(ckp_lp_solve(b.lp, NULL, &z, &err), CKP_OK);
    ckp_bom_lp_destroy(&b);
    return base - z;
}

static void check_network(int n, unsigned long long seed)
{
    ckp_network *net = random_network(n, seed);
    ckp_bom_solver *s;
    ckp_error err;
    double total, total2, *served = calloc((size_t)n, sizeof *served);
    double *served2 = calloc((size_t)n, sizeof *served2), *through = calloc((size_t)n,
                                                                            sizeof *through);
    /* the sets: every node, then every country's nodes */
    igraph_integer_t *ids = malloc((size_t)n * sizeof *ids), *by = malloc((size_t)n * sizeof *by);
    igraph_integer_t m = n + 5, fill = 0;
    igraph_integer_t *sizes = malloc((size_t)m * sizeof *sizes), *rsizes = malloc((size_t)m *
                                                                                 sizeof *rsizes);
    const igraph_integer_t **sets = malloc((size_t)m * sizeof *sets);
    const igraph_integer_t **rsets = malloc((size_t)m * sizeof *rsets);
    double *one = malloc((size_t)m * sizeof *one), *two = malloc((size_t)m * sizeof *two);
    double *rev = malloc((size_t)m * sizeof *rev), *pub = malloc((size_t)m * sizeof *pub);
    for (igraph_integer_t v = 0; v < n; v++) {
        ids[v] = v;
        sets[v] = &ids[v];
        sizes[v] = 1;
    }
    for (int c = 0; c < 5; c++) {
        sets[n + c] = by + fill;
        sizes[n + c] = 0;
        for (igraph_integer_t v = 0; v < n; v++)
            if (!strcmp(ckp_node_country(net, v), countries[c])) {
                by[fill++] = v;
                sizes[n + c]++;
            }
    }
    for (igraph_integer_t i = 0; i < m; i++) {
        rsets[i] = sets[m - 1 - i];
        rsizes[i] = sizes[m - 1 - i];
    }
    CHECK_INT(ckp_bom_solver_new(&s, net, &err), CKP_OK);
    ckp_bom_solver_served(s, &total, served, through);
    CHECK(total > 0);
    CHECK_INT(ckp_bom_solver_losses(s, one, sets, sizes, m, 1, &err), CKP_OK);
    CHECK_INT(ckp_bom_solver_losses(s, two, sets, sizes, m, 2, &err), CKP_OK);
    CHECK_INT(ckp_bom_solver_losses(s, rev, rsets, rsizes, m, 1, &err), CKP_OK);
    /* the handle's baseline is untouched by the losses */
    ckp_bom_solver_served(s, &total2, served2, NULL);
    CHECK(total2 == total && !memcmp(served, served2, (size_t)n * sizeof *served));
    CHECK_INT(ckp_bom_losses(pub, &total2, net, sets, sizes, m, &err), CKP_OK);
    CHECK(total2 == total);
    CHECK_INT(ckp_bom_served(&total2, served2, net, &err), CKP_OK);
    CHECK(total2 == total && !memcmp(served, served2, (size_t)n * sizeof *served));
    int busy = 0;
    for (igraph_integer_t i = 0; i < m; i++) {
        CHECK(one[i] == two[i]);
        CHECK(one[i] == rev[m - 1 - i]);
        CHECK(one[i] == pub[i]);
        /* a node idle in the baseline loses 0 without a solve */
        if (i < n && through[i] == 0) {
            CHECK(one[i] == 0);
            continue;
        }
        busy += one[i] > 0;
        CHECK_NEAR(one[i], cold_loss(net, total, sets[i], sizes[i]), 1e-9 * total);
    }
    CHECK(busy > 5); /* the networks lose something: the comparison means something */
    ckp_bom_solver_free(s);
    ckp_bom_solver_free(NULL);
    free(ids);
    free(by);
    free(sizes);
    free(rsizes);
    free(sets);
    free(rsets);
    free(one);
    free(two);
    free(rev);
    free(pub);
    free(served);
    free(served2);
    free(through);
    ckp_network_free(net);
}

int main(void)
{
    static const int sizes[] = {40, 90, 160, 300};
    for (int i = 0; i < 4; i++)
        for (unsigned long long seed = 1; seed <= 3; seed++)
            check_network(sizes[i], seed * 7919 + (unsigned long long)i);
    printf("%d checks, %d failed\n", test_checks, test_failures);
    return test_failures != 0;
}
