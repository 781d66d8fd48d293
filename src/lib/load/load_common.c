#include <string.h>
#include <strings.h>

#include "chokepoint/load.h"
#include "load_common.h"

void ckp_load_options_init(ckp_load_options *opts)
{
    memset(opts, 0, sizeof *opts);
}

ckp_code ckp_load_check_complete(const ckp_network *net, ckp_error *err)
{
    igraph_integer_t tiers = ckp_network_tier_count(net);
    igraph_integer_t n = ckp_network_node_count(net);
    int has_source = 0, has_end_user = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        has_source |= ckp_node_tier(net, i) == 0;
        has_end_user |= ckp_node_tier(net, i) == tiers - 1;
    }
    if (!n)
        return ckp_error_set(err, CKP_EDATA, "the network has no nodes");
    if (!has_source)
        return ckp_error_set(err, CKP_EDATA,
                             "no node is in the first tier '%s': a network needs sources",
                             ckp_network_tier_name(net, 0));
    if (!has_end_user)
        return ckp_error_set(err, CKP_EDATA,
                             "no node is in the last tier '%s': a network needs end users",
                             ckp_network_tier_name(net, tiers - 1));
    return CKP_OK;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcasecmp(s + n - m, suffix);
}

ckp_code ckp_load_network(ckp_network **out, const char *const *paths, size_t npaths,
                          const ckp_load_options *opts, ckp_error *err)
{
    *out = NULL;
    if (npaths == 1) {
        if (ends_with(paths[0], ".csv"))
            return ckp_error_set(err, CKP_EUSAGE,
                                 "'%s' is a CSV file: give the nodes file and the edges file",
                                 paths[0]);
        return ckp_load_json(out, paths[0], err);
    }
    if (npaths == 2)
        return ckp_load_csv(out, paths[0], paths[1], opts, err);
    return ckp_error_set(err, CKP_EUSAGE,
                         "give one JSON network, or a nodes CSV and an edges CSV");
}
