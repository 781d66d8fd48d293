/*
 * The materials analyses of the library at size (not in ctest): a synthetic two-material
 * network built through the public API (the shape of lp_bench.c: ores A and B, their
 * separation, magnet plants needing 1 A + 0.07 B, traders, end users, three suppliers each,
 * ten countries), then ckp_bom_spof_cuts, the served baseline (ckp_bom_solver_new) and,
 * from it, the losses of every country (ckp_bom_solver_losses, BOM_BENCH_THREADS threads,
 * default 2), and the three views of China removed (ckp_views_run, default exact limit),
 * each timed (BOM_BENCH_NO_VIEWS=1: not the views). Built here rather than by gen.c
 * --materials: no file to write and parse at 1e5, and gen.c's shapes stay one-material
 * (docs/performance.md).
 *
 * With a directory after the size, instead: flow at risk of every busy node one by one
 * (ckp_bom_losses, warm starts), timed, and the served LP (ckp_lp_dump) with each busy
 * node's throughput column and loss written there, for tests/bench/highs_bench.py to
 * solve the same LPs cold with HiGHS. Private headers: link the static library.
 *
 *   tests/bench/bom_bench.sh 10000         (builds it into build/bench/, then runs it)
 *   tests/bench/bom_bench.sh --single 0.05 100000
 *   tests/bench/bom_bench.sh 2000 DIR
 *   BOM_BENCH_PLAIN=1 tests/bench/bom_bench.sh 10000   (SPOFs the plain way too, compared)
 *   BOM_BENCH_THREADS=1 BOM_BENCH_NO_VIEWS=1 tests/bench/bom_bench.sh 100000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bom_lp.h"
#include "chokepoint/materials.h"
#include "chokepoint/views.h"

#include "bench_rand.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* CPU seconds of the process: the machine is shared, wall times vary with its load */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

#define TRY(call)                                                                           \
    do {                                                                                    \
        if (call) {                                                                         \
            fprintf(stderr, "%s: %s\n", #call, err.message);                                \
            return 1;                                                                       \
        }                                                                                   \
    } while (0)

static const char *const countries[10] = {"CN", "AU", "MY", "US", "JP",
                                          "DE", "VN", "MM", "FR", "KR"};

/* Write "set NAME LOSS COLUMN..." for each of `count` sets. */
static void put_sets(ckp_buf *out, const ckp_network *net, const ckp_bom_lp *b,
                     const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                     const double *losses, igraph_integer_t count, int by_country)
{
    for (igraph_integer_t s = 0; s < count; s++) {
        ckp_buf_printf(out, "set %s %.17g", by_country ? countries[s]
                                                       : ckp_node_id(net, sets[s][0]),
                       losses[s]);
        for (igraph_integer_t k = 0; k < sizes[s]; k++)
            ckp_buf_printf(out, " %d", b->x_col[sets[s][k]]);
        ckp_buf_printf(out, "\n");
    }
}

/*
 * Flow at risk of every country and (up to 5,000 nodes) of every busy node one by one, warm
 * starts, timed; the LP and the sets with their losses to dir.
 */
static int sets_to(const ckp_network *net, igraph_integer_t **by_country,
                   const igraph_integer_t *country_sizes, const char *dir)
{
    ckp_error err;
    ckp_bom_lp b = {0};
    ckp_buf out;
    char path[4096];
    igraph_integer_t n = ckp_network_node_count(net), busy = 0;
    double total, *through = malloc((size_t)n * sizeof *through);
    igraph_integer_t *nodes = malloc((size_t)n * sizeof *nodes), *ones = malloc((size_t)n *
                                                                                  sizeof *ones);
    const igraph_integer_t **sets = malloc((size_t)n * sizeof *sets);
    double *losses = malloc((size_t)n * sizeof *losses), country_loss[10];
    TRY(ckp_bom_baseline(&total, NULL, through, net, &err));
    for (igraph_integer_t v = 0; v < n && n <= 5000; v++)
        if (through[v] > 0) {
            nodes[busy] = v;
            sets[busy] = &nodes[busy];
            ones[busy++] = 1;
        }
    double t0 = now(), c0 = cpu();
    TRY(ckp_bom_losses(losses, NULL, net, sets, ones, busy, &err));
    double t1 = now(), c1 = cpu();
    printf("flow at risk of %lld busy nodes (of %lld), warm starts: %.3f s wall, %.3f s CPU "
           "(baseline solve included)\n", (long long)busy, (long long)n, t1 - t0, c1 - c0);
    TRY(ckp_bom_losses(country_loss, NULL, net, (const igraph_integer_t *const *)by_country,
                       country_sizes, 10, &err));
    TRY(ckp_bom_lp_build(&b, net, &err));
    ckp_buf_init(&out);
    ckp_lp_dump(&out, b.lp);
    snprintf(path, sizeof path, "%s/lp.txt", dir);
    TRY(ckp_buf_write(&out, path, &err));
    ckp_buf_destroy(&out);
    ckp_buf_init(&out);
    ckp_buf_printf(&out, "baseline %.17g\nwarm_seconds %.6f %.6f %lld\n", total, t1 - t0,
                   c1 - c0, (long long)busy);
    put_sets(&out, net, &b, (const igraph_integer_t *const *)by_country, country_sizes,
             country_loss, 10, 1);
    put_sets(&out, net, &b, sets, ones, losses, busy, 0);
    snprintf(path, sizeof path, "%s/losses.txt", dir);
    TRY(ckp_buf_write(&out, path, &err));
    ckp_buf_destroy(&out);
    ckp_bom_lp_destroy(&b);
    return 0;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    /* --single F: a share F of the nodes buys from one supplier (a magnet plant: one of
       each material), so that there are single points of failure to find */
    double single = 0;
    if (argc > 3 && !strcmp(argv[1], "--single")) {
        single = atof(argv[2]);
        argv += 2;
        argc -= 2;
        n = atoi(argv[1]);
    }
    static const double share[7] = {0.05, 0.05, 0.05, 0.05, 0.2, 0.2, 0.4};
    /* ores A and B share the first tier, their separation the second */
    static const char *const tiers[7] = {"ore", "ore", "sep", "sep", "magnet", "trade", "use"};
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
        int want = single > 0 && urand() < single ? (t == 4 ? 2 : 1) : 3;
        for (int j = 0; t >= 2 && j < want; j++) {
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
    fflush(stdout);
    ckp_bom_cuts cuts;
    ckp_bom_cuts_init(&cuts);
    TRY(ckp_bom_spof_cuts(&cuts, net, &err));
    double t2 = now();
    long long spofs = 0;
    for (igraph_integer_t x = 0; x < n; x++) {
        int other = 0;
        for (igraph_integer_t k = cuts.start[x]; k < cuts.start[x + 1]; k++)
            other |= cuts.end_users[cuts.cut[k]] != x;
        spofs += other;
    }
    printf("spofs: %lld (node, end user) cuts, %lld nodes cutting off another, in %.2f s\n",
           (long long)cuts.start[n], spofs, t2 - t1);
    if (getenv("BOM_BENCH_PLAIN")) { /* the plain fixpoint per node too: time and equality */
        ckp_bom_cuts plain;
        ckp_bom_cuts_init(&plain);
        double p0 = now();
        TRY(ckp_bom_spof_cuts_plain(&plain, net, &err));
        int same = plain.start[n] == cuts.start[n];
        for (igraph_integer_t k = 0; same && k <= n; k++)
            same = plain.start[k] == cuts.start[k];
        for (igraph_integer_t k = 0; same && k < cuts.start[n]; k++)
            same = plain.cut[k] == cuts.cut[k];
        printf("spofs by the plain fixpoint per node: %.2f s, %s\n", now() - p0,
               same ? "the same cuts" : "DIFFERENT CUTS");
        ckp_bom_cuts_destroy(&plain);
        t2 = now();
    }
    fflush(stdout);
    double total, c2 = cpu();
    ckp_bom_solver *solver;
    TRY(ckp_bom_solver_new(&solver, net, &err));
    ckp_bom_solver_served(solver, &total, NULL, NULL);
    double t3 = now(), c3 = cpu();
    printf("served %.6f in %.2f s wall, %.2f s CPU\n", total, t3 - t2, c3 - c2);
    fflush(stdout);
    igraph_integer_t *sets[10], sizes[10] = {0};
    for (int c = 0; c < 10; c++)
        sets[c] = malloc((size_t)n * sizeof *sets[c]);
    for (igraph_integer_t v = 0; v < n; v++)
        for (int c = 0; c < 10; c++)
            if (!strcmp(ckp_node_country(net, v), countries[c]))
                sets[c][sizes[c]++] = v;
    if (argc > 2)
        return sets_to(net, sets, sizes, argv[2]);
    /* BOM_BENCH_THREADS: the countries on that many threads (default 2) */
    int threads = getenv("BOM_BENCH_THREADS") ? atoi(getenv("BOM_BENCH_THREADS")) : 2;
    double losses[10];
    TRY(ckp_bom_solver_losses(solver, losses, (const igraph_integer_t *const *)sets, sizes, 10,
                              threads, &err));
    ckp_bom_solver_free(solver);
    double t4 = now(), c4 = cpu();
    printf("flow at risk of 10 countries on %d threads in %.2f s wall, %.2f s CPU (the served "
           "baseline shared):", threads, t4 - t3, c4 - c3);
    for (int c = 0; c < 10; c++)
        printf(" %s %.1f", countries[c], losses[c]);
    printf("\ntotal %.2f s wall, %.2f s CPU (building the network included)\n", t4 - t1, cpu());
    printf("\n");
    if (getenv("BOM_BENCH_NO_VIEWS")) /* the issue 17 target only: no views */
        return 0;
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
