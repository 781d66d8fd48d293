/*
 * Session 13 (discharge): ckp_flow_new + ckp_flow_solve(flow, -1) of two or more builds of
 * the shared library in one process, alternated rep by rep (the order reversed every other
 * rep), so that the load of a shared machine falls on each alike. Each library is
 * dlopen'ed on its own (RTLD_LOCAL) and loads its own copy of the network. Prints, per
 * library, the thread CPU time of the solve and of ckp_flow_new (minimum and median) and
 * the median over reps of its solve time divided by the first library's in the same rep.
 * Warm memory after the first rep: this is the solve alone, not the benchmark's cold row.
 *
 *   cc -O2 -std=c11 -Iinclude -Ibuild/include -o /tmp/pair \
 *      tests/bench/results/2026-12-06-s13-discharge-pair.c -ldl $(pkg-config --cflags igraph)
 *   cp A/build/libchokepoint.so.0.1.0 /tmp/a.so; cp B/build/libchokepoint.so.0.1.0 /tmp/b.so
 *   /tmp/pair NODES.csv EDGES.csv TIERS REPS /tmp/a.so /tmp/b.so
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chokepoint/flow.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"

#define MAX_LIBS 8

typedef struct {
    ckp_network *net;
    ckp_code (*flow_new)(ckp_flow **, const ckp_network *, ckp_error *);
    double (*solve)(ckp_flow *, igraph_integer_t);
    void (*flow_free)(ckp_flow *);
    double *solve_s, *new_s, served;
} lib;

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int open_lib(lib *l, const char *path, const char *nodes, const char *edges,
                    const char *tiers, int reps)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "%s\n", dlerror());
        return -1;
    }
    void (*opts_init)(ckp_load_options *) = (void (*)(ckp_load_options *))dlsym(
        h, "ckp_load_options_init");
    ckp_code (*load)(ckp_network **, const char *, const char *, const ckp_load_options *,
                     ckp_error *) = (ckp_code(*)(ckp_network **, const char *, const char *,
                                                 const ckp_load_options *, ckp_error *))
        dlsym(h, "ckp_load_csv");
    void (*err_init)(ckp_error *) = (void (*)(ckp_error *))dlsym(h, "ckp_error_init");
    l->flow_new = (ckp_code(*)(ckp_flow **, const ckp_network *, ckp_error *))dlsym(
        h, "ckp_flow_new");
    l->solve = (double (*)(ckp_flow *, igraph_integer_t))dlsym(h, "ckp_flow_solve");
    l->flow_free = (void (*)(ckp_flow *))dlsym(h, "ckp_flow_free");
    ckp_error err;
    err_init(&err);
    ckp_load_options lo;
    opts_init(&lo);
    lo.tiers = tiers;
    l->net = NULL;
    l->solve_s = calloc((size_t)reps, sizeof *l->solve_s);
    l->new_s = calloc((size_t)reps, sizeof *l->new_s);
    if (!l->solve_s || !l->new_s || load(&l->net, nodes, edges, &lo, &err))
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 6 || argc - 5 > MAX_LIBS || atoi(argv[4]) < 1)
        return 2;
    int reps = atoi(argv[4]), nl = argc - 5;
    lib libs[MAX_LIBS];
    for (int i = 0; i < nl; i++)
        if (open_lib(&libs[i], argv[5 + i], argv[1], argv[2], argv[3], reps) < 0)
            return 1;
    for (int r = 0; r < reps; r++)
        for (int k = 0; k < nl; k++) {
            lib *l = &libs[(r & 1) ? nl - 1 - k : k];
            ckp_flow *f = NULL;
            ckp_error err;
            double c0 = cpu();
            if (l->flow_new(&f, l->net, &err))
                return 1;
            double c1 = cpu();
            l->served = l->solve(f, -1);
            double c2 = cpu();
            l->flow_free(f);
            l->solve_s[r] = c2 - c1;
            l->new_s[r] = c1 - c0;
        }
    double *ratio = calloc((size_t)reps, sizeof *ratio);
    if (!ratio)
        return 1;
    for (int i = 0; i < nl; i++) {
        lib *l = &libs[i];
        for (int r = 0; r < reps; r++)
            ratio[r] = l->solve_s[r] / libs[0].solve_s[r];
        qsort(ratio, (size_t)reps, sizeof *ratio, cmp);
        qsort(l->solve_s, (size_t)reps, sizeof *l->solve_s, cmp);
        qsort(l->new_s, (size_t)reps, sizeof *l->new_s, cmp);
        printf("%-28s solve min %.4f med %.4f | new min %.4f med %.4f | solve/first med %.3f"
               " | served %.10g\n",
               argv[5 + i], l->solve_s[0], l->solve_s[reps / 2], l->new_s[0],
               l->new_s[reps / 2], ratio[reps / 2], l->served);
    }
    free(ratio);
    return 0;
}
