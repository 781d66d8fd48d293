/* The check's warning list, shared with its bill-of-materials part (not public). */
#ifndef CKP_CHECK_INTERNAL_H
#define CKP_CHECK_INTERNAL_H

#include "chokepoint/check.h"

typedef struct {
    ckp_check_report *r;
    igraph_integer_t cap;
    int oom;
} wlist;

/* Add a warning; `detail` (owned, may be NULL) holds words formatted now. */
void ckp_check_warn(wlist *w, ckp_warning_kind kind, igraph_integer_t node, igraph_integer_t edge,
                    double value, double limit, char *detail);

/*
 * A network with materials: the per-material summary and concentration into the report,
 * `through[v]` the recorded throughput of a node that makes what it sends (its outflow of
 * each material over that material's yield; NAN left for the others), and a loop making
 * material from nothing refused.
 */
ckp_code ckp_check_bom(wlist *w, double *through, const ckp_network *net, ckp_error *err);
/* The recipe-volume warnings: a recipe's inputs at `through` against the recorded inflow. */
void ckp_check_bom_recipes(wlist *w, const ckp_network *net, const double *through);

#endif
