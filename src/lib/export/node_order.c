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

/* The heap's root is the one of the k kept that comes last: move h[i] down to its place. */
static void sift_down(ckp_keyed_node *h, igraph_integer_t k, igraph_integer_t i)
{
    for (;;) {
        igraph_integer_t l = 2 * i + 1, r = l + 1, last = i;
        if (l < k && by_key_then_id(&h[l], &h[last]) > 0)
            last = l;
        if (r < k && by_key_then_id(&h[r], &h[last]) > 0)
            last = r;
        if (last == i)
            return;
        ckp_keyed_node x = h[i];
        h[i] = h[last];
        h[last] = x;
        i = last;
    }
}

igraph_integer_t ckp_nodes_top(igraph_integer_t *out, const ckp_network *net, const double *key,
                               igraph_integer_t k)
{
    igraph_integer_t n = ckp_network_node_count(net);
    if (k > n)
        k = n;
    if (k <= 0)
        return 0;
    ckp_keyed_node *h = malloc((size_t)k * sizeof *h);
    if (!h)
        return -1;
    for (igraph_integer_t v = 0; v < k; v++)
        h[v] = (ckp_keyed_node){key[v], ckp_node_id(net, v), v};
    for (igraph_integer_t i = k / 2 - 1; i >= 0; i--)
        sift_down(h, k, i);
    for (igraph_integer_t v = k; v < n; v++) {
        if (key[v] < h[0].key) /* the usual case, decided without the ids */
            continue;
        ckp_keyed_node x = {key[v], ckp_node_id(net, v), v};
        if (by_key_then_id(&x, &h[0]) < 0) {
            h[0] = x;
            sift_down(h, k, 0);
        }
    }
    ckp_keyed_nodes_sort(h, k);
    for (igraph_integer_t i = 0; i < k; i++)
        out[i] = h[i].node;
    free(h);
    return k;
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
