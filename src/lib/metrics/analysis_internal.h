/* The analysis's parts shared by its one-material and its materials paths (not public). */
#ifndef CKP_ANALYSIS_INTERNAL_H
#define CKP_ANALYSIS_INTERNAL_H

#include "chokepoint/analysis.h"
#include "chokepoint/flow.h"
#include "chokepoint/materials.h"
#include "flow_internal.h"

/*
 * Flow at risk per node and per country into `a` (a->flow and a->throughput set, and the
 * single points of failure for the nodes picked above the exact limit): on `flow`'s
 * maximum flow, its last worker behind `gate` (NULL: none; see ckp_flow_losses_gated), or
 * with `flow` NULL on the served-demand LP solved in `bom`.
 */
ckp_code ckp_analysis_risks(ckp_analysis *a, ckp_flow *flow, ckp_bom_solver *bom,
                            const ckp_network *net, const ckp_analysis_options *o,
                            const ckp_loss_gate *gate, ckp_error *err);
/*
 * The single points of failure from a->end_users' dominators and a->dominated_demand;
 * `count[v]`: how many end users v dominates (overwritten).
 */
ckp_code ckp_analysis_spofs(ckp_analysis *a, const ckp_network *net, igraph_integer_t *count,
                            ckp_error *err);
/* The analysis of a network with materials (docs/analysis.md, "Materials and recipes"). */
ckp_code ckp_analyze_bom(ckp_analysis *a, const ckp_network *net,
                         const ckp_analysis_options *o, ckp_error *err);

#endif
