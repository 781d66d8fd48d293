/*
 * libFuzzer target: the GraphML loader (load_graphml.c through igraph's reader), its
 * materials included (the graph's "materials" JSON, the nodes' "recipe", "yields" and
 * "output", the edges' "material": bom_text.c); a network it accepts is written back with
 * the GraphML writer and must load again with as many nodes, edges and materials.
 */
#include <stdint.h>

#include "chokepoint/export.h"
#include "chokepoint/materials.h"
#include "fuzz_common.h"

static void fuzz_write_back(const ckp_network *net)
{
    ckp_buf b;
    ckp_network *back = NULL;
    ckp_error err;
    ckp_buf_init(&b);
    ckp_error_init(&err);
    if (ckp_network_write_graphml(&b, net, &err)) { /* a tier with a comma: refused, said */
        if (err.code != CKP_EUSAGE || !err.message[0])
            abort();
        ckp_buf_destroy(&b);
        return;
    }
    if (ckp_load_graphml_buffer(&back, b.data, b.len, "back.graphml", NULL, &err)) {
        fprintf(stderr, "written GraphML does not load: %s\n", err.message);
        abort();
    }
    if (ckp_network_node_count(back) != ckp_network_node_count(net) ||
        ckp_network_edge_count(back) != ckp_network_edge_count(net) ||
        ckp_network_material_count(back) != ckp_network_material_count(net))
        abort();
    ckp_network_free(back);
    ckp_buf_destroy(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    ckp_code rc = ckp_load_graphml_buffer(&net, (const char *)data, size, "fuzz.graphml", NULL,
                                          &err);
    fuzz_check_error(rc, &err, net);
    if (net) {
        fuzz_walk_network(net);
        fuzz_write_back(net);
        ckp_network_free(net);
    }
    return 0;
}
