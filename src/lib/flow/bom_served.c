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

ckp_code ckp_bom_alone(double *total, double *alone, const ckp_network *net, ckp_error *err)
{
    ckp_bom_solver *s;
    ckp_code rc = ckp_bom_solver_new(&s, net, err);
    if (!rc && total)
        ckp_bom_solver_served(s, total, NULL, NULL);
    if (!rc)
        rc = ckp_bom_solver_alone(s, alone, err);
    ckp_bom_solver_free(s);
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
