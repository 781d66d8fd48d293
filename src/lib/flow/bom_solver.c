/*
 * The served-demand LP solved once and kept (ckp_bom_solver): served demand and flow at
 * risk from one baseline solve. Flow at risk holds a set's throughputs at zero and
 * re-solves from the baseline's optimal basis: removing supply leaves that basis dual
 * feasible, so the dual simplex starts where the baseline ended instead of from nothing.
 * On a large LP a set of nodes that carries much of the flow (a country) moves the optimum
 * far from that basis: it is solved cold instead (presolve, primal simplex), which
 * measured faster. Sets run on several threads, each on
 * its own copy of the LP (a Clp model is not thread-safe), heaviest first from one queue;
 * each solve starts from a fresh model (and the baseline's basis when warm), so a loss
 * does not depend on the thread or the order.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bom_lp.h"
#include "chokepoint/flow.h"
#include "flow_internal.h"
#include "materials_internal.h"
#include "network_internal.h"

/* A set of several nodes carrying more than this share of the baseline's summed
   throughput is solved cold on a large LP: 1.1 s of CPU per country at 3e4 nodes against
   2.2 s from the baseline's basis by the dual simplex and 1.5 s by the primal
   (tests/bench/results/2026-12-05-s9-bom17.txt) */
#define CKP_BOM_COLD_SHARE 0.01

struct ckp_bom_solver {
    const ckp_network *net;
    ckp_bom_lp b;
    ckp_lp_basis *basis; /* the baseline's optimal basis */
    double objective;    /* the baseline served, unrounded */
};

ckp_code ckp_bom_check_resolved(const ckp_network *net, ckp_error *err)
{
    if (net->bom && !net->bom->resolved)
        return ckp_error_set(err, CKP_EINTERNAL,
                             "the network's materials are not resolved: "
                             "call ckp_network_resolve_materials");
    return CKP_OK;
}

ckp_code ckp_bom_solver_new(ckp_bom_solver **out, const ckp_network *net, ckp_error *err)
{
    ckp_code rc;
    ckp_bom_solver *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    s->net = net;
    if ((rc = ckp_bom_check_resolved(net, err)) || (rc = ckp_bom_lp_build(&s->b, net, err)) ||
        (rc = ckp_lp_solve(s->b.lp, NULL, &s->objective, err)) ||
        (rc = ckp_lp_basis_save(&s->basis, s->b.lp, err)))
        goto done;
    *out = s;
    s = NULL;
done:
    ckp_bom_solver_free(s);
    return rc;
}

void ckp_bom_solver_free(ckp_bom_solver *s)
{
    if (!s)
        return;
    ckp_lp_basis_free(s->basis);
    ckp_bom_lp_destroy(&s->b);
    free(s);
}

void ckp_bom_solver_served(const ckp_bom_solver *s, double *total, double *served,
                           double *through)
{
    const ckp_bom_lp *b = &s->b;
    if (total)
        *total = ckp_round_flow(s->objective);
    for (igraph_integer_t j = 0; j < s->net->n_nodes; j++) {
        if (served)
            served[j] = b->s_col[j] < 0 ? 0 : ckp_round_flow(ckp_lp_value(b->lp, b->s_col[j]));
        if (through)
            through[j] = ckp_round_flow(ckp_lp_value(b->lp, b->x_col[j]));
    }
}

/* The sets to solve, heaviest first (baseline throughput), taken by the workers in turn. */
typedef struct {
    const ckp_bom_solver *s;
    const igraph_integer_t *const *sets;
    const igraph_integer_t *sizes;
    const igraph_integer_t *order;
    const char *cold; /* per set: solved cold */
    igraph_integer_t n_order;
    atomic_llong next;
    double *losses;
} loss_queue;

typedef struct {
    loss_queue *q;
    ckp_code rc;
    igraph_integer_t failed_at; /* the set whose solve failed, for the error */
    ckp_error err;
} loss_worker;

/* One set's loss on `lp`, a copy of the baseline's problem, its bounds restored after. */
static ckp_code solve_set(double *loss, ckp_lp *lp, const ckp_bom_solver *s, int cold,
                          const igraph_integer_t *set, igraph_integer_t size, ckp_error *err)
{
    ckp_code rc;
    double z;
    for (igraph_integer_t k = 0; k < size; k++)
        ckp_lp_set_col(lp, s->b.x_col[set[k]], 0, 0);
    if (!(rc = ckp_lp_reset(lp, err)))
        rc = ckp_lp_solve(lp, cold ? NULL : s->basis, &z, err);
    for (igraph_integer_t k = 0; k < size; k++)
        ckp_lp_set_col(lp, s->b.x_col[set[k]], 0, s->b.x_hi[set[k]]);
    /* a loss below the rounding of the figures is none */
    if (!rc)
        *loss = fmax(0, ckp_round_flow(ckp_round_flow(s->objective) - ckp_round_flow(z)));
    return rc;
}

static void *work(void *arg)
{
    loss_worker *w = arg;
    loss_queue *q = w->q;
    ckp_lp *lp = NULL;
    if ((w->rc = ckp_lp_copy(&lp, q->s->b.lp, &w->err)))
        goto done;
    for (long long i; (i = atomic_fetch_add(&q->next, 1)) < q->n_order;) {
        igraph_integer_t k = q->order[i];
        if ((w->rc = solve_set(&q->losses[k], lp, q->s, q->cold[k], q->sets[k], q->sizes[k],
                               &w->err))) {
            w->failed_at = k;
            break;
        }
    }
done:
    ckp_lp_free(lp);
    return NULL;
}

/*
 * The sets with baseline throughput, heaviest first; the others lose 0 without a solve.
 * cold[i]: set i is solved cold.
 */
static igraph_integer_t busy_order(igraph_integer_t *order, char *cold, double *losses,
                                   const ckp_bom_solver *s, const igraph_integer_t *const *sets,
                                   const igraph_integer_t *sizes, igraph_integer_t n_sets,
                                   ckp_set_weight *w)
{
    igraph_integer_t n = 0;
    double all = 0;
    for (igraph_integer_t j = 0; j < s->net->n_nodes; j++)
        all += ckp_lp_value(s->b.lp, s->b.x_col[j]);
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        double through = 0;
        int busy = 0;
        for (igraph_integer_t k = 0; k < sizes[i]; k++) {
            double x = ckp_lp_value(s->b.lp, s->b.x_col[sets[i][k]]);
            through += x;
            busy |= x != 0;
        }
        losses[i] = 0;
        /* a single node stays warm (issue 17: never a cold solve per node) */
        cold[i] = s->b.rows >= CKP_LP_LARGE_ROWS && sizes[i] > 1 &&
                  through > CKP_BOM_COLD_SHARE * all;
        /* idle in the baseline's solution: that solution stays feasible */
        if (busy)
            w[n++] = (ckp_set_weight){through, i};
    }
    qsort(w, (size_t)n, sizeof *w, ckp_set_weight_desc);
    for (igraph_integer_t i = 0; i < n; i++)
        order[i] = w[i].index;
    return n;
}

ckp_code ckp_bom_solver_losses(ckp_bom_solver *s, double *losses,
                               const igraph_integer_t *const *sets,
                               const igraph_integer_t *set_sizes, igraph_integer_t n_sets,
                               int threads, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    size_t ns = (size_t)(n_sets > 0 ? n_sets : 1);
    igraph_integer_t *order = malloc(ns * sizeof *order);
    ckp_set_weight *w = malloc(ns * sizeof *w);
    char *cold = malloc(ns);
    loss_worker workers[16];
    pthread_t tids[16];
    int started[16] = {0};
    if (!order || !w || !cold) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    loss_queue q = {s, sets, set_sizes, order, cold, 0, 0, losses};
    q.n_order = busy_order(order, cold, losses, s, sets, set_sizes, n_sets, w);
    atomic_init(&q.next, 0);
    threads = !ckp_lp_parallel() || threads < 1 ? 1 : threads > 16 ? 16 : threads;
    if (threads > q.n_order)
        threads = q.n_order > 0 ? (int)q.n_order : 1;
    for (int t = 0; t < threads; t++) {
        workers[t] = (loss_worker){&q, CKP_OK, n_sets, {0}};
        /* the first worker runs on this thread; a thread that does not start leaves its
           share to the others */
        if (t > 0)
            started[t] = pthread_create(&tids[t], NULL, work, &workers[t]) == 0;
    }
    work(&workers[0]);
    int first = -1;
    for (int t = 0; t < threads; t++) {
        if (t > 0 && started[t])
            pthread_join(tids[t], NULL);
        if (workers[t].rc && (first < 0 || workers[t].failed_at < workers[first].failed_at))
            first = t;
    }
    if (first >= 0) { /* the failure of the first set in the caller's order */
        rc = workers[first].rc;
        if (err)
            *err = workers[first].err;
    }
done:
    free(order);
    free(w);
    free(cold);
    return rc;
}

ckp_code ckp_bom_solver_alone(ckp_bom_solver *s, double *alone, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    const ckp_bom_lp *b = &s->b;
    igraph_integer_t n = s->net->n_nodes;
    double *hi = malloc(((size_t)n + 1) * sizeof *hi), z;
    if (!hi)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t j = 0; j < n; j++) {
        alone[j] = 0;
        hi[j] = b->s_col[j] < 0 ? 0 : ckp_lp_col_hi(b->lp, b->s_col[j]);
    }
    /* each end user with every other one's served held at zero, from the baseline basis */
    for (igraph_integer_t u = 0; u < n; u++) {
        if (b->s_col[u] < 0)
            continue;
        for (igraph_integer_t j = 0; j < n; j++)
            if (j != u && b->s_col[j] >= 0)
                ckp_lp_set_col(b->lp, b->s_col[j], 0, 0);
        rc = ckp_lp_solve(b->lp, s->basis, &z, err);
        for (igraph_integer_t j = 0; j < n; j++)
            if (j != u && b->s_col[j] >= 0)
                ckp_lp_set_col(b->lp, b->s_col[j], 0, hi[j]);
        if (rc)
            goto done;
        alone[u] = ckp_round_flow(z);
    }
done:
    free(hi);
    return rc;
}
