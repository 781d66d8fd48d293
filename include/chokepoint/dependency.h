/*
 * chokepoint: origin tracing. For each end user u and each tier t before the
 * last, the share of u's inflow that originates at tier t in each country.
 *
 * Proportional mixing (the "proportionality assumption" of input-output
 * analysis, Leontief 1936; as used for supply-chain tracing of mineral
 * origin): a node of tier t passes on 100% its own country; any other node
 * passes on the volume-weighted mix of what flows into it. Inflow that never
 * passed through tier t is attributed to no country, so shares may sum to
 * less than 1. Cycles (recycling) are solved by Gauss-Seidel sweeps inside
 * each strongly connected component, components in topological order, until
 * no share moves by more than 1e-15. O(T (V + E) C) for T tiers and C
 * countries per tier on acyclic networks; each cyclic component adds sweeps
 * in proportion to how much of its flow recirculates.
 */
#ifndef CHOKEPOINT_DEPENDENCY_H
#define CHOKEPOINT_DEPENDENCY_H

#include "chokepoint/network.h"

CKP_BEGIN_DECLS

typedef struct {
    igraph_integer_t tier;
    igraph_integer_t n_countries;
    igraph_integer_t *countries; /* country indices present in the tier, by code */
    double *shares;              /* [end user k][country c]: shares[k * n_countries + c] */
} ckp_tier_origin;

typedef struct {
    igraph_integer_t n_end_users;
    igraph_integer_t *end_users; /* node indices, in node order */
    igraph_integer_t n_tiers;    /* the tiers before the last */
    ckp_tier_origin *tiers;
} ckp_dependency;

/*
 * Trace origins. `edge_weight` gives each edge's flow; NULL uses the edge
 * volumes (pass a max-flow's edge flows to trace a scenario's supply).
 */
ckp_code ckp_dependency_compute(ckp_dependency *out, const ckp_network *net,
                                const double *edge_weight, ckp_error *err);
/*
 * The same for one material of a network with materials (materials.h): the origin of the
 * material each end user embeds (the Dy/Tb in its magnets), through recipes; co-products
 * share their inputs' origins in proportion to their yields. Edge weights: volume x content.
 */
ckp_code ckp_dependency_material(ckp_dependency *out, const ckp_network *net,
                                 igraph_integer_t material, ckp_error *err);
void ckp_dependency_destroy(ckp_dependency *dep);

/* Share of end user number k (position in end_users) from `country` at tier t. */
double ckp_dependency_share(const ckp_dependency *dep, igraph_integer_t k, igraph_integer_t tier,
                            igraph_integer_t country);

/*
 * Share of end user number k's inflow that never passed through tier t:
 * 1 minus its country shares, and 0 when that is below 1e-12, the rounding
 * left by summing shares (1e-16 each), not a flow.
 */
double ckp_dependency_unattributed(const ckp_dependency *dep, igraph_integer_t k,
                                   igraph_integer_t tier);

CKP_END_DECLS

#endif
