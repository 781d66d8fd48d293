/* A network's bill of materials as its writers put it (network_bom.h). */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "escape.h"
#include "materials_internal.h"
#include "network_bom.h"
#include "network_internal.h"

int ckp_bom_lists_init(ckp_bom_lists *l, const ckp_network *net)
{
    const ckp_bom *bom = net->bom;
    igraph_integer_t n = net->n_nodes, k = bom ? bom->n_entries : 0;
    l->net = net;
    l->start = calloc((size_t)n + 2, sizeof *l->start);
    l->order = malloc(((size_t)k + 1) * sizeof *l->order);
    if (!l->start || !l->order) {
        ckp_bom_lists_destroy(l);
        return -1;
    }
    /* a counting sort by node, stable: a plan's changes may have put entries out of order */
    for (igraph_integer_t p = 0; p < k; p++)
        l->start[bom->entries[p].node + 2]++;
    for (igraph_integer_t i = 0; i < n; i++)
        l->start[i + 2] += l->start[i + 1];
    for (igraph_integer_t p = 0; p < k; p++)
        l->order[l->start[bom->entries[p].node + 1]++] = p;
    return 0;
}

void ckp_bom_lists_destroy(ckp_bom_lists *l)
{
    free(l->start);
    free(l->order);
    l->start = l->order = NULL;
}

igraph_integer_t ckp_bom_lists_write(ckp_buf *b, const ckp_bom_lists *l, igraph_integer_t node,
                                     ckp_recipe_kind kind, int json)
{
    const ckp_network *net = l->net;
    char num[CKP_NUMBER_MAX];
    igraph_integer_t count = 0;
    for (igraph_integer_t p = l->start[node]; p < l->start[node + 1]; p++) {
        const ckp_bom_entry *e = &net->bom->entries[l->order[p]];
        if (e->kind != (int)kind)
            continue;
        const char *id = ckp_material_id(net, e->material);
        ckp_format_number(num, e->coef);
        if (json) {
            ckp_buf_puts(b, count ? ", " : "{");
            ckp_buf_json(b, id);
            ckp_buf_printf(b, ": %s", num);
        } else {
            ckp_buf_printf(b, "%s%s:%s", count ? ";" : "", id, num);
        }
        count++;
    }
    if (json && count)
        ckp_buf_puts(b, "}");
    return count;
}

igraph_integer_t ckp_bom_lists_count(const ckp_bom_lists *l, igraph_integer_t node,
                                     ckp_recipe_kind kind)
{
    igraph_integer_t count = 0;
    for (igraph_integer_t p = l->start[node]; p < l->start[node + 1]; p++)
        count += l->net->bom->entries[l->order[p]].kind == (int)kind;
    return count;
}

const char *ckp_bom_lists_output(const ckp_bom_lists *l, igraph_integer_t node)
{
    for (igraph_integer_t p = l->start[node]; p < l->start[node + 1]; p++) {
        const ckp_bom_entry *e = &l->net->bom->entries[l->order[p]];
        if (e->kind == CKP_RECIPE_OUTPUT)
            return ckp_material_id(l->net, e->material);
    }
    return NULL;
}

const char *ckp_bom_edge_material_id(const ckp_network *net, igraph_integer_t e)
{
    const ckp_bom *bom = net->bom;
    igraph_integer_t m = -1;
    if (!bom || !bom->n_materials)
        return NULL;
    if (bom->resolved && bom->edge_material)
        m = bom->edge_material[e];
    else if (e < bom->n_given)
        m = bom->edge_given[e];
    return m >= 0 ? ckp_material_id(net, m) : NULL;
}

void ckp_bom_write_materials(ckp_buf *b, const ckp_network *net, const char *indent)
{
    ckp_buf_puts(b, "[");
    for (igraph_integer_t m = 0; m < ckp_network_material_count(net); m++) {
        if (indent)
            ckp_buf_printf(b, "%s\n%s", m ? "," : "", indent);
        else if (m)
            ckp_buf_puts(b, ", ");
        ckp_buf_puts(b, "{\"id\": ");
        ckp_buf_json(b, ckp_material_id(net, m));
        if (net->bom->names[m]) {
            ckp_buf_puts(b, ", \"name\": ");
            ckp_buf_json(b, net->bom->names[m]);
        }
        if (net->bom->units[m]) {
            ckp_buf_puts(b, ", \"unit\": ");
            ckp_buf_json(b, net->bom->units[m]);
        }
        ckp_buf_puts(b, "}");
    }
    size_t n = indent ? strlen(indent) : 0;
    if (indent && ckp_network_material_count(net))
        ckp_buf_printf(b, "\n%.*s", (int)(n > 2 ? n - 2 : 0), indent);
    ckp_buf_puts(b, "]");
}

int ckp_network_write_groups(ckp_buf *b, const ckp_network *net, const char *indent)
{
    const ckp_groups *g = ckp_network_groups(net);
    if (!g->n)
        return 0;
    ckp_buf_puts(b, "{");
    for (igraph_integer_t k = 0; k < g->n; k++) {
        if (indent)
            ckp_buf_printf(b, "%s\n%s", k ? "," : "", indent);
        else if (k)
            ckp_buf_puts(b, ", ");
        ckp_buf_json(b, g->items[k].name);
        ckp_buf_puts(b, ": [");
        for (igraph_integer_t m = 0; m < g->items[k].n; m++)
            ckp_buf_printf(b, "%s\"%s\"", m ? ", " : "", g->items[k].members[m]);
        ckp_buf_puts(b, "]");
    }
    size_t n = indent ? strlen(indent) : 0;
    if (indent)
        ckp_buf_printf(b, "\n%.*s", (int)(n > 2 ? n - 2 : 0), indent);
    ckp_buf_puts(b, "}");
    return 1;
}
