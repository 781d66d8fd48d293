/*
 * libFuzzer target: plan files (plan.c, jdoc.c, and through add_nodes and
 * add_edges the network loader's element readers), applied to the diamond and
 * to the flagship network.
 */
#include <stdint.h>

#include "chokepoint/plan.h"
#include "fuzz_common.h"

FUZZ_INITIALIZE_WITH_NETWORKS

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int k = 0; k < 2; k++) {
        ckp_network *out = NULL;
        ckp_plan_info info;
        ckp_error err;
        ckp_error_init(&err);
        ckp_code rc = ckp_plan_apply_buffer(&out, &info, fuzz_networks[k], (const char *)data,
                                            size, "fuzz.json", &err);
        fuzz_check_error(rc, &err, out);
        if (out) {
            if (!info.name)
                abort();
            fuzz_walk_network(out);
            ckp_network_free(out);
        }
        ckp_plan_info_destroy(&info);
    }
    return 0;
}
