/* The served-demand LP of a network with materials (docs/analysis.md). Not public. */
#ifndef CKP_BOM_LP_H
#define CKP_BOM_LP_H

#include "chokepoint/materials.h"
#include "lp.h"

/*
 * Columns: one flow per edge (column e), one throughput per node (x_col), a production
 * per first-tier node and a served figure per end user without a recipe (an end user with
 * one is served its throughput: s_col = x_col).
 */
typedef struct {
    ckp_lp *lp;
    int *x_col; /* per node */
    int *s_col; /* per node: the served column of an end user, -1 for other nodes */
    int *p_col; /* per node: a first-tier node's production column, -1 for other nodes */
    int *z_col; /* per node: its stock drawn (CKP_BOM_STOCK), -1 without */
    double *x_hi; /* per node: the throughput's upper bound as built */
    int rows, cols;
    int total_row; /* the row summing every end user's served; -1 when not built */
} ckp_bom_lp;

/* Build the LP of `net`, whose materials must be resolved (the loaders do it). */
ckp_code ckp_bom_lp_build(ckp_bom_lp *b, const ckp_network *net, ckp_error *err);
void ckp_bom_lp_destroy(ckp_bom_lp *b);
/*
 * The same with more: CKP_BOM_TOTAL a last row, `total_row`, summing the served columns
 * (free: no bounds); CKP_BOM_STOCK a column per node with stock (bounds 0 to its stock),
 * drawn past its capacity.
 */
#define CKP_BOM_TOTAL 1
#define CKP_BOM_STOCK 2
ckp_code ckp_bom_lp_build_with(ckp_bom_lp *b, const ckp_network *net, int flags,
                               ckp_error *err);

/* CKP_EINTERNAL when the network's materials were not resolved. */
ckp_code ckp_bom_check_resolved(const ckp_network *net, ckp_error *err);

/* ckp_bom_served, and each node's throughput in that solution (`through` may be NULL). */
ckp_code ckp_bom_baseline(double *total, double *served, double *through,
                          const ckp_network *net, ckp_error *err);

/*
 * The most each end user can be served alone (every other end user's served held at 0):
 * alone[u] per node, 0 for nodes other than end users. One warm-started solve per end user.
 * `total` (may be NULL): ckp_bom_served's total, from the same baseline solve.
 */
ckp_code ckp_bom_alone(double *total, double *alone, const ckp_network *net, ckp_error *err);
/* The same on a solved handle: its LP and baseline basis, restored after each end user. */
ckp_code ckp_bom_solver_alone(ckp_bom_solver *s, double *alone, ckp_error *err);

/*
 * mask[x] set when losing x leaves some end user other than x unproducible
 * (ckp_bom_spof_cuts); `*count` of them.
 */
ckp_code ckp_bom_spof_mask(char *mask, igraph_integer_t *count, const ckp_network *net,
                           ckp_error *err);

/* ckp_bom_spof_cuts by one fixpoint from nothing per node, O(V (V + E)): the reference the
   fast way is tested against. */
ckp_code ckp_bom_spof_cuts_plain(ckp_bom_cuts *out, const ckp_network *net, ckp_error *err);

#endif
