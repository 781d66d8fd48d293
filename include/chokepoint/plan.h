/*
 * chokepoint: diversification plans. A plan is a patch on a network (new
 * mines, refineries, magnet plants, offtake links, recycling loops), applied
 * in a fixed order: removals (remove_nodes, remove_edges), then additions
 * (add_nodes, add_edges), then updates (update_nodes, update_edges). Every
 * reference is checked; a plan with any bad reference is rejected whole.
 * The file format is in docs/scenarios.md.
 */
#ifndef CHOKEPOINT_PLAN_H
#define CHOKEPOINT_PLAN_H

#include "chokepoint/network.h"

CKP_BEGIN_DECLS

typedef struct {
    char *name; /* the plan's "name", else its file name */
    char *description;
    char *source;
    igraph_integer_t removed_nodes, removed_edges, added_nodes, added_edges, updated_nodes,
        updated_edges;
} ckp_plan_info;

void ckp_plan_info_destroy(ckp_plan_info *info);

/* The network with the plan applied (a new network; `net` is untouched). */
ckp_code ckp_plan_apply_file(ckp_network **out, ckp_plan_info *info, const ckp_network *net,
                             const char *path, ckp_error *err);
ckp_code ckp_plan_apply_buffer(ckp_network **out, ckp_plan_info *info, const ckp_network *net,
                               const char *buf, size_t len, const char *path, ckp_error *err);

CKP_END_DECLS

#endif
