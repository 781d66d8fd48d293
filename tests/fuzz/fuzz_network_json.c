/*
 * libFuzzer target: the JSON network loader (load_json.c, json_scan.c, network.c), and on
 * small networks with materials the LP and producibility (materials.h), which must not fail
 * on any network the loader accepts.
 */
#include <stdint.h>
#include <stdlib.h>

#include "chokepoint/materials.h"
#include "fuzz_common.h"

static void fuzz_bom(const ckp_network *net)
{
    igraph_integer_t n = ckp_network_node_count(net), ne;
    ckp_error err;
    double total;
    if (!ckp_network_has_bom(net) || n > 64)
        return;
    char *cut = malloc((size_t)(n * n));
    igraph_integer_t *users = malloc((size_t)n * sizeof *users);
    if (!cut || !users || ckp_bom_served(&total, NULL, net, &err) ||
        ckp_bom_spofs(cut, users, &ne, net, &err) || !(total >= 0))
        abort();
    free(cut);
    free(users);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    ckp_code rc = ckp_load_json_buffer(&net, (const char *)data, size, "fuzz.json", &err);
    fuzz_check_error(rc, &err, net);
    if (net) {
        fuzz_walk_network(net);
        fuzz_bom(net);
        ckp_network_free(net);
    }
    return 0;
}
