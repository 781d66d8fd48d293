/* The time module's shared helpers: see time_common.h. */
#include "time_common.h"

#include <math.h>
#include <string.h>

#include "chokepoint/groups.h"

double ckp_time_tts_round(double days)
{
    if (isnan(days))
        return days;
    return floor(round(days * 1e6) / 1e4) / 100;
}

ckp_code ckp_time_group_mask(char *mask, igraph_integer_t *count, const ckp_network *net,
                             const char *group, ckp_error *err)
{
    igraph_integer_t n = ckp_network_node_count(net), last = ckp_network_tier_count(net) - 1;
    const ckp_group *g = group ? ckp_groups_find(ckp_network_groups(net), group) : NULL;
    igraph_integer_t k = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        const char *c = ckp_node_country(net, i);
        mask[i] = ckp_node_tier(net, i) == last &&
                  (!group || (g ? ckp_group_has(g, c) : !strcmp(c, group)));
        k += mask[i];
    }
    *count = k;
    if (!k)
        return ckp_error_set(err, CKP_EDATA,
                             "group '%s' has no end users: give a country code or a group name "
                             "of the network with end users",
                             group ? group : "");
    return CKP_OK;
}
