/*
 * Served demand and flow at risk on the LP of bom_lp.c, each from one baseline solve
 * (ckp_bom_solver, bom_solver.c); each end user alone; material from nothing.
 */
#include <math.h>
#include <stdlib.h>

#include "bom_lp.h"
#include "chokepoint/flow.h"
#include "network_internal.h"

ckp_code ckp_bom_baseline(double *total, double *served, double *through,
                          const ckp_network *net, ckp_error *err)
{
    ckp_bom_solver *s;
    ckp_code rc = ckp_bom_solver_new(&s, net, err);
    *total = 0;
    if (!rc)
        ckp_bom_solver_served(s, total, served, through);
    ckp_bom_solver_free(s);
    return rc;
}

ckp_code ckp_bom_alone(double *alone, const ckp_network *net, ckp_error *err)
{
    ckp_code rc;
    ckp_bom_lp b = {0};
    ckp_lp_basis *basis = NULL;
    double *hi = NULL, z;
    igraph_integer_t n = net->n_nodes;
    if ((rc = ckp_bom_check_resolved(net, err)) || (rc = ckp_bom_lp_build(&b, net, err)) ||
        (rc = ckp_lp_solve(b.lp, NULL, &z, err)) ||
        (rc = ckp_lp_basis_save(&basis, b.lp, err)))
        goto done;
    if (!(hi = malloc(((size_t)n + 1) * sizeof *hi))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t j = 0; j < n; j++) {
        alone[j] = 0;
        hi[j] = b.s_col[j] < 0 ? 0 : ckp_lp_col_hi(b.lp, b.s_col[j]);
    }
    /* each end user with every other one's served held at zero, from the baseline basis */
    for (igraph_integer_t u = 0; u < n; u++) {
        if (b.s_col[u] < 0)
            continue;
        for (igraph_integer_t j = 0; j < n; j++)
            if (j != u && b.s_col[j] >= 0)
                ckp_lp_set_col(b.lp, b.s_col[j], 0, 0);
        rc = ckp_lp_solve(b.lp, basis, &z, err);
        for (igraph_integer_t j = 0; j < n; j++)
            if (j != u && b.s_col[j] >= 0)
                ckp_lp_set_col(b.lp, b.s_col[j], 0, hi[j]);
        if (rc)
            goto done;
        alone[u] = ckp_round_flow(z);
    }
done:
    free(hi);
    ckp_lp_basis_free(basis);
    ckp_bom_lp_destroy(&b);
    return rc;
}

ckp_code ckp_bom_served(double *total, double *served, const ckp_network *net, ckp_error *err)
{
    return ckp_bom_baseline(total, served, NULL, net, err);
}

ckp_code ckp_bom_losses(double *losses, double *baseline, const ckp_network *net,
                        const igraph_integer_t *const *sets, const igraph_integer_t *set_sizes,
                        igraph_integer_t n_sets, ckp_error *err)
{
    ckp_bom_solver *s;
    ckp_code rc = ckp_bom_solver_new(&s, net, err);
    if (!rc && baseline)
        ckp_bom_solver_served(s, baseline, NULL, NULL);
    if (!rc)
        rc = ckp_bom_solver_losses(s, losses, sets, set_sizes, n_sets, 1, err);
    ckp_bom_solver_free(s);
    return rc;
}

ckp_code ckp_bom_check_gain(igraph_integer_t *culprit, const ckp_network *net, ckp_error *err)
{
    ckp_code rc;
    ckp_bom_lp b = {0};
    double z, demand = 0, most = 0;
    *culprit = -1;
    if ((rc = ckp_bom_check_resolved(net, err)) || (rc = ckp_bom_lp_build(&b, net, err)))
        goto done;
    for (igraph_integer_t j = 0; j < net->n_nodes; j++) {
        if (b.p_col[j] >= 0)
            ckp_lp_set_col(b.lp, b.p_col[j], 0, 0);
        if (b.s_col[j] >= 0)
            demand += ckp_lp_col_hi(b.lp, b.s_col[j]);
    }
    if ((rc = ckp_lp_solve(b.lp, NULL, &z, err)) || !(z > 1e-9 * (1 + demand)))
        goto done;
    /* the busiest node between the first tier and the end users: on the loop or fed by it */
    for (igraph_integer_t j = 0; j < net->n_nodes; j++) {
        double x = ckp_lp_value(b.lp, b.x_col[j]);
        if (b.p_col[j] < 0 && b.s_col[j] < 0 && x > most) {
            most = x;
            *culprit = j;
        }
    }
    rc = ckp_error_set(err, CKP_EDATA,
                       "material from nothing: with no first-tier production, %g is still "
                       "served; a loop through node '%.200s' yields more than it takes in",
                       ckp_round_flow(z), *culprit >= 0 ? ckp_node_id(net, *culprit) : "?");
done:
    ckp_bom_lp_destroy(&b);
    return rc;
}
