/*
 * Time on a network with materials (issue 19, "Reallocated view"): the
 * Simchi-Levi linear programs with recipes, through the LP module. Over T
 * days the served-demand LP of bom_lp.c has every capacity and demand scaled
 * by T/365 and a stock column per node with stock, bounded by the stock.
 * The LP is homogeneous like the maximum flow, so the served demand over T
 * days is T/365 times the annual LP's with stocks scaled by 365/T
 * (ckp_horizon_solve_scaled): one LP, its bounds changed, each solve warm-
 * started from the last one's basis.
 *
 * Time to survive: the largest t with Phi(365/t) >= rate, Phi(sigma) the
 * annual LP's optimum with stocks times sigma; Phi is concave and
 * nondecreasing (an LP's optimum in its bounds), so the condition holds on
 * [0, TTS] and bisection finds its end, to 1e-6 day.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bom_lp.h"
#include "horizon.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

struct ckp_bom_horizon {
    const ckp_network *net;
    ckp_bom_lp b;
    ckp_lp_basis *basis;  /* the last solve's, to start the next from */
    char *removed;        /* per node */
    char *out_of_group;   /* per node: an end user served nothing */
    double *s_hi;         /* per node: the served column's bound as built */
    double sigma;         /* the stocks' scale of the last bounds set */
};

void ckp_bom_horizon_free(ckp_bom_horizon *h)
{
    if (!h)
        return;
    ckp_bom_lp_destroy(&h->b);
    ckp_lp_basis_free(h->basis);
    free(h->removed);
    free(h->out_of_group);
    free(h->s_hi);
    free(h);
}

ckp_code ckp_bom_horizon_new(ckp_bom_horizon **out, const ckp_network *net, ckp_error *err)
{
    ckp_code rc;
    igraph_integer_t n = ckp_network_node_count(net);
    ckp_bom_horizon *h = calloc(1, sizeof *h);
    *out = NULL;
    if (!h)
        return NOMEM(err);
    h->net = net;
    h->removed = calloc((size_t)n + 1, 1);
    h->out_of_group = calloc((size_t)n + 1, 1);
    h->s_hi = calloc((size_t)n + 1, sizeof *h->s_hi);
    if (!h->removed || !h->out_of_group || !h->s_hi) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_bom_lp_build_with(&h->b, net, CKP_BOM_STOCK, err)))
        goto done;
    for (igraph_integer_t j = 0; j < n; j++)
        h->s_hi[j] = h->b.s_col[j] < 0 ? 0 : ckp_lp_col_hi(h->b.lp, h->b.s_col[j]);
    *out = h;
done:
    if (rc)
        ckp_bom_horizon_free(h);
    return rc;
}

void ckp_bom_horizon_remove(ckp_bom_horizon *h, igraph_integer_t node, int removed)
{
    h->removed[node] = (char)removed;
}

void ckp_bom_horizon_restrict(ckp_bom_horizon *h, const char *in_group)
{
    const ckp_bom_lp *b = &h->b;
    for (igraph_integer_t j = 0; j < ckp_network_node_count(h->net); j++)
        h->out_of_group[j] = b->s_col[j] >= 0 && in_group && !in_group[j];
}

/* The bounds for stocks times `sigma` (INFINITY: unbounded) under the removals. */
static void set_bounds(ckp_bom_horizon *h, double sigma)
{
    const ckp_bom_lp *b = &h->b;
    h->sigma = sigma;
    for (igraph_integer_t j = 0; j < ckp_network_node_count(h->net); j++) {
        int gone = h->removed[j], none = gone || h->out_of_group[j];
        int served_x = b->s_col[j] == b->x_col[j];
        ckp_lp_set_col(b->lp, b->x_col[j], 0, gone || (served_x && none) ? 0 : b->x_hi[j]);
        if (b->p_col[j] >= 0)
            ckp_lp_set_col(b->lp, b->p_col[j], 0, gone ? 0 : INFINITY);
        if (b->s_col[j] >= 0 && !served_x)
            ckp_lp_set_col(b->lp, b->s_col[j], 0, none ? 0 : h->s_hi[j]);
        if (b->z_col[j] >= 0)
            ckp_lp_set_col(b->lp, b->z_col[j], 0,
                           none || sigma == 0 ? 0 : ckp_node_stock(h->net, j) * sigma);
    }
}

static double solve(ckp_bom_horizon *h, ckp_error *err)
{
    double z;
    ckp_lp_basis *next = NULL;
    if (ckp_lp_solve(h->b.lp, h->basis, &z, err) || ckp_lp_basis_save(&next, h->b.lp, err))
        return -1;
    ckp_lp_basis_free(h->basis);
    h->basis = next;
    return z;
}

double ckp_bom_horizon_resolve(ckp_bom_horizon *h, const igraph_integer_t *set,
                               igraph_integer_t size, ckp_error *err)
{
    double z;
    if (!size)
        return solve(h, err);
    for (igraph_integer_t k = 0; k < size; k++)
        h->removed[set[k]]++;
    set_bounds(h, h->sigma);
    ckp_code rc = ckp_lp_solve(h->b.lp, h->basis, &z, err);
    for (igraph_integer_t k = 0; k < size; k++)
        h->removed[set[k]]--;
    set_bounds(h, h->sigma);
    return rc ? -1 : z;
}

double ckp_bom_horizon_solve_scaled(ckp_bom_horizon *h, double sigma)
{
    ckp_error err;
    set_bounds(h, sigma);
    return solve(h, &err);
}

ckp_code ckp_bom_horizon_tts(double *days, ckp_bom_horizon *h, double rate, int *steps,
                             ckp_error *err)
{
    int n = 0;
    double want = rate * (1 - 1e-9) - 1e-9, v;
    *days = NAN;
    if (!(rate > 0))
        goto done;
    set_bounds(h, 0);
    n++;
    if ((v = solve(h, err)) < 0)
        return CKP_EINTERNAL;
    if (v >= want)
        goto done; /* the long run serves the rate: never short */
    /* t where the rate holds (lo) and where it does not (hi), then halve */
    double lo = 0, hi = 1;
    for (int k = 0; k < 64; k++, hi *= 2) {
        set_bounds(h, 365.0 / hi);
        n++;
        if ((v = solve(h, err)) < 0)
            return CKP_EINTERNAL;
        if (v < want)
            break;
        lo = hi;
    }
    while (hi - lo > 1e-6) {
        double mid = (lo + hi) / 2;
        set_bounds(h, 365.0 / mid);
        n++;
        if ((v = solve(h, err)) < 0)
            return CKP_EINTERNAL;
        if (v >= want)
            lo = mid;
        else
            hi = mid;
    }
    *days = lo;
done:
    if (steps)
        *steps = n;
    return CKP_OK;
}
