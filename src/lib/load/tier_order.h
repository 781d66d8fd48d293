/* The tier order of a CSV network given without --tiers, found from its edges. */
#ifndef CKP_TIER_ORDER_H
#define CKP_TIER_ORDER_H

#include "chokepoint/network.h"

/*
 * Put the tiers in the order their edges give: the tiers' own graph (an arc
 * t -> u for every edge from a node of t to a node of u), topologically
 * sorted. The order must be the only one: when two tiers could come in
 * either order (no edge decides) or the tiers' edges form a cycle, fails
 * with CKP_EDATA and a message that shows the --tiers to give.
 */
ckp_code ckp_infer_tier_order(ckp_network *net, ckp_error *err);

#endif
