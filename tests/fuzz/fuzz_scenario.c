/*
 * libFuzzer target: scenario files (scenario.c, jdoc.c), read against the
 * diamond and the flagship network and, when valid, applied. The input, cut at
 * its first NUL, also goes through the command-line spec parsers (--embargo,
 * --capacity, --remove, --remove-country), which are hand-written.
 */
#include <stdint.h>

#include "chokepoint/scenario.h"
#include "fuzz_common.h"

FUZZ_INITIALIZE_WITH_NETWORKS

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int k = 0; k < 2; k++) {
        const ckp_network *net = fuzz_networks[k];
        ckp_scenario *s = NULL;
        ckp_error err;
        ckp_error_init(&err);
        ckp_code rc = ckp_scenario_parse(&s, net, (const char *)data, size, "fuzz.json", &err);
        fuzz_check_error(rc, &err, s);
        if (!s)
            continue;
        ckp_network *after = NULL;
        ckp_messages warnings = {0};
        igraph_integer_t rn = 0, re = 0;
        rc = ckp_scenario_apply(&after, net, s, &rn, &re, &warnings, &err);
        if (rc != CKP_OK || !after || rn < 0 || re < 0 ||
            ckp_network_node_count(after) + rn != ckp_network_node_count(net))
            abort();
        if (ckp_network_node_count(after) > 0)
            fuzz_walk_network(after);
        ckp_messages_destroy(&warnings);
        ckp_network_free(after);
        ckp_scenario_free(s);
    }

    /* the command-line specs: the input up to its first NUL, as one argument */
    size_t n = strnlen((const char *)data, size);
    char *arg = malloc(n + 1);
    memcpy(arg, data, n);
    arg[n] = '\0';
    ckp_scenario *s = NULL;
    ckp_error err;
    ckp_error_init(&err);
    if (ckp_scenario_new(&s, "cli", &err))
        abort();
    int added = !ckp_scenario_add_embargo(s, fuzz_networks[0], arg, &err);
    added |= !ckp_scenario_add_capacity(s, fuzz_networks[0], arg, &err);
    added |= !ckp_scenario_add_node(s, fuzz_networks[0], arg, &err);
    added |= !ckp_scenario_add_country(s, fuzz_networks[0], arg, &err);
    if (added) {
        ckp_network *after = NULL;
        if (ckp_scenario_apply(&after, fuzz_networks[0], s, NULL, NULL, NULL, &err))
            abort();
        ckp_network_free(after);
    }
    ckp_scenario_free(s);
    free(arg);
    return 0;
}
