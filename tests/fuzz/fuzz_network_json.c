/*
 * libFuzzer target: the JSON network loader (load_json.c, json_scan.c, network.c), and on
 * small networks with materials the LP and producibility (materials.h), which must not fail
 * on any network the loader accepts; and the JSON writer (format 2 with materials), whose
 * output must load and write again the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>

#include "chokepoint/export.h"
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

/* What the writer writes loads again, and writes the same bytes. */
static void fuzz_write_back(const ckp_network *net)
{
    ckp_buf a, b;
    ckp_network *back = NULL;
    ckp_error err;
    ckp_buf_init(&a);
    ckp_buf_init(&b);
    ckp_network_write_json(&a, net);
    if (a.oom || ckp_load_json_buffer(&back, a.data, a.len, "back.json", &err)) {
        fprintf(stderr, "written JSON does not load: %s\n", err.message);
        abort();
    }
    ckp_network_write_json(&b, back);
    if (b.len != a.len || memcmp(a.data, b.data, a.len))
        abort();
    ckp_network_free(back);
    ckp_buf_destroy(&a);
    ckp_buf_destroy(&b);
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
        fuzz_write_back(net);
        ckp_network_free(net);
    }
    return 0;
}
