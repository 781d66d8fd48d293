/* Node orders for output: by id, and by flow at risk. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/export.h"
#include "node_order.h"

static int by_key_then_id(const void *pa, const void *pb)
{
    const ckp_keyed_node *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return strcmp(a->id, b->id);
}

void ckp_keyed_nodes_sort(ckp_keyed_node *items, igraph_integer_t n)
{
    qsort(items, (size_t)n, sizeof *items, by_key_then_id);
}

/* Every node (key NULL), or those with a positive key, by key descending then id. */
static igraph_integer_t *sorted_nodes(const ckp_network *net, const double *key,
                                      igraph_integer_t *count)
{
    igraph_integer_t n = ckp_network_node_count(net), m = 0;
    ckp_keyed_node *items = malloc((size_t)(n ? n : 1) * sizeof *items);
    igraph_integer_t *out = malloc((size_t)(n ? n : 1) * sizeof *out);
    if (!items || !out) {
        free(items);
        free(out);
        return NULL;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        if (!key || (!isnan(key[v]) && key[v] > 0))
            items[m++] = (ckp_keyed_node){key ? key[v] : 0, ckp_node_id(net, v), v};
    ckp_keyed_nodes_sort(items, m);
    for (igraph_integer_t i = 0; i < m; i++)
        out[i] = items[i].node;
    free(items);
    *count = m;
    return out;
}

igraph_integer_t *ckp_nodes_by_id(const ckp_network *net)
{
    igraph_integer_t count;
    return sorted_nodes(net, NULL, &count);
}

igraph_integer_t *ckp_nodes_by_risk(const ckp_network *net, const double *flow_at_risk,
                                    igraph_integer_t *count)
{
    *count = 0;
    return sorted_nodes(net, flow_at_risk, count);
}
