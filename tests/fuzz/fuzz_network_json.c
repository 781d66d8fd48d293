/* libFuzzer target: the JSON network loader (load_json.c, json_scan.c, network.c). */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    ckp_code rc = ckp_load_json_buffer(&net, (const char *)data, size, "fuzz.json", &err);
    fuzz_check_error(rc, &err, net);
    if (net) {
        fuzz_walk_network(net);
        ckp_network_free(net);
    }
    return 0;
}
