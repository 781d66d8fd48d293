/*
 * LP solver measurement (not in ctest): the served-demand LP of a synthetic two-material
 * network (docs/analysis.md, "Materials and recipes"), solved by GLPK's simplex (with its
 * presolver), GLPK's interior point method and COIN-OR Clp's dual simplex, each from a cold
 * start; then, for the simplex solvers, one node's throughput fixed to 0 and re-solved from
 * the optimal basis (the warm start flow at risk uses). Prints one line per solver.
 *
 *   cc -O2 -o lp_bench tests/bench/lp_bench.c -lglpk -lClp -lCoinUtils -lm
 *   ./lp_bench 10000 [seed [all|clp|clp-primal|clp-initial|clp-barrier|simplex|interior]]
 *   ./lp_bench 10000 0 clp-initial-primal|clp-idiot|clp-primal-perturb|clp-primal-noscale|
 *                      clp-sprint|clp-presolve20   (Clp's options, one at a time)
 *
 * The network: tiers ore A (5%), ore B (5%), separation A and B (5% each), magnet plants
 * (20%, recipe 1 A + 0.07 B), traders (20%, pass-through), end users (40%, pass-through of
 * the magnets). Every node but the ores takes 3 edges from random nodes of its supplier
 * tiers; capacities random. Columns: edge flows, node throughputs, served; rows: recipe
 * balances, output bounds, pass-through balances.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <coin/Clp_C_Interface.h>
#include <glpk.h>

typedef struct {
    int nrows, ncols, nnz, cap;
    double *rlo, *rhi, *clo, *chi, *obj;
    int *ia, *ja; /* 1-based, GLPK style */
    double *ar;
} lp;

#include "bench_rand.h"

static void put(lp *p, int r, int c, double v)
{
    if (p->nnz + 1 >= p->cap) {
        p->cap = p->cap ? 2 * p->cap : 1024;
        p->ia = realloc(p->ia, (size_t)p->cap * sizeof *p->ia);
        p->ja = realloc(p->ja, (size_t)p->cap * sizeof *p->ja);
        p->ar = realloc(p->ar, (size_t)p->cap * sizeof *p->ar);
    }
    p->nnz++;
    p->ia[p->nnz] = r;
    p->ja[p->nnz] = c;
    p->ar[p->nnz] = v;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* Node kinds by tier: 0 ore A, 1 ore B, 2 sep A, 3 sep B, 4 magnet, 5 trader, 6 end user */
static void generate(lp *p, int n, int *fix_col)
{
    static const double share[7] = {0.05, 0.05, 0.05, 0.05, 0.2, 0.2, 0.4};
    int start[8] = {0};
    for (int t = 0; t < 7; t++)
        start[t + 1] = start[t] + (t == 6 ? n - start[t] : (int)(share[t] * n));
    int m = 3 * (n - start[2]);
    int *from = malloc((size_t)m * sizeof *from), *to = malloc((size_t)m * sizeof *to);
    int *mat = malloc((size_t)m * sizeof *mat);
    int k = 0;
    for (int v = start[2]; v < n; v++) {
        int t = 0;
        while (v >= start[t + 1])
            t++;
        for (int j = 0; j < 3; j++) {
            int src_t, mt;
            if (t == 2 || t == 3) {
                src_t = t - 2;
                mt = t - 2;
            } else if (t == 4) {
                mt = j == 0 ? 1 : 0; /* one B supplier, two A suppliers */
                src_t = 2 + mt;
            } else {
                src_t = t == 5 ? 4 : (urand() < 0.5 ? 4 : 5);
                mt = 2; /* magnets */
            }
            from[k] = start[src_t] + (int)(urand() * (start[src_t + 1] - start[src_t]));
            to[k] = v;
            mat[k] = mt;
            k++;
        }
    }
    /* columns: edges 1..m, throughputs m+1..m+n, served m+n+1.. (end users) */
    int ne = n - start[6];
    p->ncols = m + n + ne;
    p->clo = calloc((size_t)p->ncols + 1, sizeof *p->clo);
    p->chi = calloc((size_t)p->ncols + 1, sizeof *p->chi);
    p->obj = calloc((size_t)p->ncols + 1, sizeof *p->obj);
    for (int c = 1; c <= p->ncols; c++)
        p->chi[c] = INFINITY;
    for (int v = 0; v < n; v++)
        p->chi[m + 1 + v] = v < start[2] ? 2000 + 2000 * urand() : 100 + 400 * urand();
    for (int u = 0; u < ne; u++) {
        p->chi[m + n + 1 + u] = 50 + 200 * urand();
        p->obj[m + n + 1 + u] = 1;
    }
    /* rows: per node at most 2 (recipe or balance) + 1 output bound */
    int maxrows = 3 * n;
    p->rlo = calloc((size_t)maxrows + 1, sizeof *p->rlo);
    p->rhi = calloc((size_t)maxrows + 1, sizeof *p->rhi);
    int r = 0;
    for (int v = 0; v < n; v++) {
        int t = 0;
        while (v >= start[t + 1])
            t++;
        int x = m + 1 + v;
        if (t == 4) { /* recipe: in_A = x, in_B = 0.07 x */
            for (int mt = 0; mt < 2; mt++) {
                r++;
                for (int e = 0; e < m; e++)
                    if (to[e] == v && mat[e] == mt)
                        put(p, r, e + 1, 1);
                put(p, r, x, mt == 0 ? -1 : -0.07);
            }
        } else if (t >= 2) { /* pass-through: in = x */
            r++;
            for (int e = 0; e < m; e++)
                if (to[e] == v)
                    put(p, r, e + 1, 1);
            put(p, r, x, -1);
        }
        /* outputs: out <= x (producers) or out + served = x (pass-through) */
        r++;
        int any = 0;
        for (int e = 0; e < m; e++)
            if (from[e] == v) {
                put(p, r, e + 1, 1);
                any = 1;
            }
        if (t == 6) {
            put(p, r, m + n + 1 + (v - start[6]), 1);
            any = 1;
        }
        if (!any) {
            r--;
            continue;
        }
        put(p, r, x, -1);
        p->rlo[r] = t <= 4 ? -INFINITY : 0;
    }
    p->nrows = r;
    /* fix the busiest separation B plant's throughput later: its column */
    *fix_col = m + 1 + start[3];
    free(from);
    free(to);
    free(mat);
}

static int glpk_noop(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

static glp_prob *glpk_build(const lp *p)
{
    glp_prob *g = glp_create_prob();
    glp_set_obj_dir(g, GLP_MAX);
    glp_add_rows(g, p->nrows);
    glp_add_cols(g, p->ncols);
    for (int r = 1; r <= p->nrows; r++)
        glp_set_row_bnds(g, r, isinf(p->rlo[r]) ? GLP_UP : GLP_FX, p->rlo[r], p->rhi[r]);
    for (int c = 1; c <= p->ncols; c++) {
        glp_set_col_bnds(g, c, isinf(p->chi[c]) ? GLP_LO : GLP_DB, 0, p->chi[c]);
        glp_set_obj_coef(g, c, p->obj[c]);
    }
    glp_load_matrix(g, p->nnz, p->ia, p->ja, p->ar);
    return g;
}

static void run_glpk(const lp *p, int fix_col, int interior)
{
    glp_prob *g = glpk_build(p);
    double t0 = now();
    double z;
    if (interior) {
        glp_iptcp ip;
        glp_init_iptcp(&ip);
        ip.msg_lev = GLP_MSG_OFF;
        int rc = glp_interior(g, &ip);
        z = glp_ipt_obj_val(g);
        printf("glpk interior     rc=%d  served=%.6f  cold %.3f s\n", rc, z, now() - t0);
        glp_delete_prob(g);
        return;
    }
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_ON;
    int rc = glp_simplex(g, &sm);
    z = glp_get_obj_val(g);
    double t1 = now();
    glp_set_col_bnds(g, fix_col, GLP_FX, 0, 0);
    sm.presolve = GLP_OFF;
    int rc2 = glp_simplex(g, &sm);
    double z2 = glp_get_obj_val(g);
    printf("glpk simplex      rc=%d  served=%.6f  cold %.3f s; warm rc=%d served=%.6f %.3f s\n",
           rc, z, t1 - t0, rc2, z2, now() - t1);
    glp_delete_prob(g);
}

static void run_clp(const lp *p, int fix_col, int how)
{
    /* column-major copy */
    int nc = p->ncols;
    CoinBigIndex *start = calloc((size_t)nc + 1, sizeof *start);
    int *index = malloc((size_t)p->nnz * sizeof *index);
    double *value = malloc((size_t)p->nnz * sizeof *value);
    for (int k = 1; k <= p->nnz; k++)
        start[p->ja[k]]++;
    for (int c = 1; c <= nc; c++)
        start[c] += start[c - 1];
    CoinBigIndex *fill = malloc((size_t)nc * sizeof *fill);
    memcpy(fill, start, (size_t)nc * sizeof *fill);
    for (int k = 1; k <= p->nnz; k++) {
        CoinBigIndex pos = fill[p->ja[k] - 1]++;
        index[pos] = p->ia[k] - 1;
        value[pos] = p->ar[k];
    }
    free(fill);
    Clp_Simplex *s = Clp_newModel();
    Clp_setLogLevel(s, 0);
    double *obj = malloc((size_t)nc * sizeof *obj);
    for (int c = 0; c < nc; c++)
        obj[c] = -p->obj[c + 1]; /* Clp minimises */
    double *clo = p->clo + 1, *chi = malloc((size_t)nc * sizeof *chi);
    for (int c = 0; c < nc; c++)
        chi[c] = isinf(p->chi[c + 1]) ? DBL_MAX : p->chi[c + 1];
    double *rlo = malloc((size_t)p->nrows * sizeof *rlo);
    for (int r = 0; r < p->nrows; r++)
        rlo[r] = isinf(p->rlo[r + 1]) ? -DBL_MAX : p->rlo[r + 1];
    Clp_loadProblem(s, nc, p->nrows, start, index, value, clo, chi, obj, rlo, p->rhi + 1);
    double t0 = now();
    /* how: 0 dual simplex, 1 primal simplex, 2 initialSolve (presolve, Clp's choice),
       3 barrier then crossover to a basis */
    int rc;
    if (how == 4) {
        rc = Clp_initialPrimalSolve(s);
    } else if (how == 5) {
        Clp_idiot(s, 0);
        rc = Clp_primal(s, 1);
    } else if (how == 6) {
        Clp_setPerturbation(s, 50);
        rc = Clp_primal(s, 0);
    } else if (how == 7) {
        Clp_scaling(s, 0);
        rc = Clp_primal(s, 0);
    } else if (how == 8 || how == 9) {
        /* ClpSolve: 8 primal or sprint (Clp's choice), 9 primal after 20 presolve passes */
        Clp_Solve *o = ClpSolve_new();
        ClpSolve_setSolveType(o, how == 8 ? 2 : 1, -1);
        if (how == 9)
            ClpSolve_setPresolveType(o, 0, 20);
        rc = Clp_initialSolveWithOptions(s, o);
        ClpSolve_delete(o);
    } else {
        rc = how == 0   ? Clp_dual(s, 0)
             : how == 1 ? Clp_primal(s, 0)
             : how == 2 ? Clp_initialSolve(s)
                        : Clp_initialBarrierSolve(s);
    }
    double z = -Clp_objectiveValue(s);
    double t1 = now();
    Clp_columnUpper(s)[fix_col - 1] = 0;
    int rc2 = Clp_dual(s, 0);
    double z2 = -Clp_objectiveValue(s);
    {
        const double *x = Clp_getColSolution(s);
        double *ax = calloc((size_t)p->nrows + 1, sizeof *ax), worst = 0;
        for (int k = 1; k <= p->nnz; k++)
            ax[p->ia[k]] += p->ar[k] * x[p->ja[k] - 1];
        for (int r = 1; r <= p->nrows; r++) {
            double v = fmax(ax[r] - p->rhi[r], isinf(p->rlo[r]) ? 0 : p->rlo[r] - ax[r]);
            if (v > worst)
                worst = v;
        }
        if (worst > 1e-6)
            printf("clp status %d, worst row violation %g\n", Clp_status(s), worst);
        free(ax);
    }
    static const char *const names[] = {"dual",          "primal",         "initialSolve",
                                        "barrier",       "initialPrimal",  "idiot+primal",
                                        "primal-perturb", "primal-noscale", "sprint",
                                        "presolve20"};
    printf("clp %-13s rc=%d  served=%.6f  cold %.3f s; warm rc=%d served=%.6f %.3f s\n",
           names[how], rc, z,
           t1 - t0, rc2, z2,
           now() - t1);
    Clp_deleteModel(s);
    free(start);
    free(index);
    free(value);
    free(obj);
    free(chi);
    free(rlo);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    if (argc > 2)
        rng += strtoull(argv[2], NULL, 10);
    const char *only = argc > 3 ? argv[3] : "all";
    lp p = {0};
    int fix_col;
    glp_term_hook(glpk_noop, NULL);
    generate(&p, n, &fix_col);
    printf("%d nodes: %d rows, %d columns, %d nonzeros\n", n, p.nrows, p.ncols, p.nnz);
    fflush(stdout);
    /* the Clp modes of run_clp, by name; "all" runs the first four */
    static const char *const clp_modes[] = {
        "clp",        "clp-primal",         "clp-initial",        "clp-barrier",
        "clp-initial-primal", "clp-idiot",  "clp-primal-perturb", "clp-primal-noscale",
        "clp-sprint", "clp-presolve20"};
    for (int h = 0; h < (int)(sizeof clp_modes / sizeof *clp_modes); h++)
        if ((h < 4 && !strcmp(only, "all")) || !strcmp(only, clp_modes[h]))
            run_clp(&p, fix_col, h);
    fflush(stdout);
    if (!strcmp(only, "all") || !strcmp(only, "simplex"))
        run_glpk(&p, fix_col, 0);
    fflush(stdout);
    if (!strcmp(only, "all") || !strcmp(only, "interior"))
        run_glpk(&p, fix_col, 1);
    return 0;
}
