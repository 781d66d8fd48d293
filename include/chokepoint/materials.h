/*
 * chokepoint: materials and recipes (format chokepoint-network/2, docs/format.md), and the
 * analyses that need them: served demand as a linear program, single points of failure by
 * producibility, flow at risk by re-solving (docs/analysis.md, "Materials and recipes").
 *
 * A network without a `materials` list has one implicit material (its unit) and no
 * recipes: every function below still works on it, and gives what the maximum flow gives.
 *
 * Materials are numbered from 0 in the order they were added. A node may have a recipe
 * (units of each material per unit of its throughput) and an output (one material) or
 * yields (units of each material made per unit of throughput); an edge carries one
 * material, given or told from its `from` node (ckp_network_resolve_materials).
 */
#ifndef CHOKEPOINT_MATERIALS_H
#define CHOKEPOINT_MATERIALS_H

#include "chokepoint/network.h"

CKP_BEGIN_DECLS

/* Materials. Strings are copied; `name` and `unit` may be NULL. A repeated id is an error. */
ckp_code ckp_network_add_material(ckp_network *net, const char *id, const char *name,
                                  const char *unit, ckp_error *err);
/* 0 when the network lists none (one implicit material). */
igraph_integer_t ckp_network_material_count(const ckp_network *net);
const char *ckp_material_id(const ckp_network *net, igraph_integer_t m);
const char *ckp_material_name(const ckp_network *net, igraph_integer_t m); /* id if unnamed */
const char *ckp_material_unit(const ckp_network *net, igraph_integer_t m); /* may be NULL */
/* Index of a material by id, -1 if unknown. */
igraph_integer_t ckp_network_material_find(const ckp_network *net, const char *id);

/*
 * What a recipe entry says: a material used, a material made, or the node's one output (a
 * yield of 1, kept apart only to name "output" in messages; read back among the yields).
 */
typedef enum { CKP_RECIPE_INPUT = 0, CKP_RECIPE_YIELD = 1, CKP_RECIPE_OUTPUT = 2 } ckp_recipe_kind;

/*
 * Add to node `node`'s recipe (`kind` CKP_RECIPE_INPUT) or yields (CKP_RECIPE_YIELD):
 * `coef` units of material `material` per unit of throughput, finite and positive. A
 * material twice in one list is an error. An `output` is a yield of 1.
 */
ckp_code ckp_network_add_recipe(ckp_network *net, igraph_integer_t node, ckp_recipe_kind kind,
                                igraph_integer_t material, double coef, ckp_error *err);
/* The material an edge carries; -1 to be told from its `from` node. */
ckp_code ckp_network_set_edge_material(ckp_network *net, igraph_integer_t edge,
                                       igraph_integer_t material, ckp_error *err);

/*
 * Tell every edge's material and check the bill of materials (the errors of
 * docs/format.md). On an error, `*bad_node` or `*bad_edge` (the other -1) is the culprit,
 * and `*bad_key` the key to point at ("recipe", "material", ...), so that a loader can give
 * its place. A network without materials passes untouched.
 */
ckp_code ckp_network_resolve_materials(ckp_network *net, igraph_integer_t *bad_node,
                                       igraph_integer_t *bad_edge, const char **bad_key,
                                       ckp_error *err);

/* True when the network has recipes, yields or more than one material: the LP is needed. */
int ckp_network_has_bom(const ckp_network *net);

/* After resolving: an edge's material (0 without a materials list). */
igraph_integer_t ckp_edge_material(const ckp_network *net, igraph_integer_t e);
/*
 * A node's recipe (CKP_RECIPE_INPUT) or yields (CKP_RECIPE_YIELD, its output included):
 * the number of entries, and through the pointers (either may
 * be NULL) their materials and coefficients. Valid until the next change.
 */
igraph_integer_t ckp_node_recipe(const ckp_network *net, igraph_integer_t node,
                                 ckp_recipe_kind kind, const igraph_integer_t **materials,
                                 const double **coefs);

/*
 * Served demand as a linear program (docs/analysis.md): maximise the end users' total
 * served subject to capacities, recipes, yields, conservation of each material through
 * pass-through nodes and demands. `served` (may be NULL) gets one figure per node: what an
 * end user is served, 0 for the other nodes. `*total` is the sum. Figures are rounded as
 * ckp_round_flow rounds. A single-material network gives its maximum flow.
 */
ckp_code ckp_bom_served(double *total, double *served, const ckp_network *net, ckp_error *err);

/*
 * Single points of failure by producibility (AND semantics, docs/analysis.md): for every
 * node X, `cut[X * n_end_users + k]` is set when removing X leaves end user `end_users[k]`
 * unable to be produced at all (X itself included when X is that end user). `end_users`
 * lists the last tier's nodes in index order; the caller allocates `cut` (n_nodes *
 * n_end_users bytes) and `end_users` (n_nodes entries); `*n_end_users` is set.
 */
ckp_code ckp_bom_spofs(char *cut, igraph_integer_t *end_users, igraph_integer_t *n_end_users,
                       const ckp_network *net, ckp_error *err);

/*
 * The same, sparse (ckp_bom_spofs needs nodes x end users bytes: 4 GB at 1e5 nodes): for
 * each node x, `cut[start[x] .. start[x + 1])` are the places in `end_users` (ascending)
 * of the end users that losing x cuts off. Exact, and fast where it can be: only nodes
 * feeding a place no other node feeds live, or a loop, are examined, each by repairing
 * the baseline's fixpoint forward from it (docs/analysis.md).
 */
typedef struct {
    igraph_integer_t n_end_users;
    igraph_integer_t *end_users; /* the last tier's nodes, in index order */
    igraph_integer_t *start;     /* n_nodes + 1 entries */
    igraph_integer_t *cut;
} ckp_bom_cuts;

void ckp_bom_cuts_init(ckp_bom_cuts *cuts);
void ckp_bom_cuts_destroy(ckp_bom_cuts *cuts);
/* `out` initialised; its old contents are freed. */
ckp_code ckp_bom_spof_cuts(ckp_bom_cuts *out, const ckp_network *net, ckp_error *err);

/*
 * Flow at risk: for each of `n_sets` node sets, baseline served minus served with every
 * node of the set held at zero throughput, each re-solved from the baseline's optimal
 * basis (a warm start). A set with no throughput in the baseline's solution loses 0
 * without a solve. `*baseline` (may be NULL) gets the baseline served.
 */
ckp_code ckp_bom_losses(double *losses, double *baseline, const ckp_network *net,
                        const igraph_integer_t *const *sets, const igraph_integer_t *set_sizes,
                        igraph_integer_t n_sets, ckp_error *err);

/*
 * The served LP solved once and kept, for served demand and flow at risk without solving
 * the baseline again (as ckp_flow_keep_baseline keeps the maximum flow's). `net` must
 * outlive the handle and stay unchanged. `_free(NULL)` is a no-op.
 */
typedef struct ckp_bom_solver ckp_bom_solver;
ckp_code ckp_bom_solver_new(ckp_bom_solver **out, const ckp_network *net, ckp_error *err);
void ckp_bom_solver_free(ckp_bom_solver *s);
/* The baseline, as ckp_bom_served gives it; `through` per node: its throughput (each of
   the three may be NULL). */
void ckp_bom_solver_served(const ckp_bom_solver *s, double *total, double *served,
                           double *through);
/*
 * ckp_bom_losses from the kept baseline, on `threads` threads (1 to 16; 1 with a solver
 * that cannot run on several), each on its own copy of the LP, heaviest sets first. Every
 * set starts afresh from the baseline's basis, or on an LP of 50,000 rows or more from
 * nothing when the set has several nodes carrying over 1% of the baseline's throughput (a
 * country: faster cold): results do not depend on the thread count.
 */
ckp_code ckp_bom_solver_losses(ckp_bom_solver *s, double *losses,
                               const igraph_integer_t *const *sets,
                               const igraph_integer_t *set_sizes, igraph_integer_t n_sets,
                               int threads, ckp_error *err);

/*
 * Material from nothing: a loop whose yields exceed its inputs (a recycler yielding more
 * than the scrap it takes) serves end users with no first-tier production at all. Solves the
 * served LP with every first-tier node's production held at 0: anything served is an
 * CKP_EDATA error naming, in `*culprit`, the busiest node off the first tier (-1 if none).
 * For `check`; not yet called by it.
 */
ckp_code ckp_bom_check_gain(igraph_integer_t *culprit, const ckp_network *net, ckp_error *err);

CKP_END_DECLS

#endif
