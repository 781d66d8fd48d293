/*
 * A network written as the CSV pair (docs/format.md): every column, absent values empty; a
 * network with materials gets the columns recipe, yields, output and material, its
 * materials going to the metadata file.
 */
#include <math.h>

#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "escape.h"
#include "network_bom.h"
#include "network_internal.h"

static void field(ckp_buf *b, const char *s)
{
    ckp_buf_puts(b, ",");
    if (s)
        ckp_buf_csv(b, s);
}

static void number(ckp_buf *b, double v)
{
    char num[CKP_NUMBER_MAX];
    ckp_buf_puts(b, ",");
    if (isfinite(v)) {
        ckp_format_number(num, v);
        ckp_buf_puts(b, num);
    }
}

/* A node's recipe, yields and output as three cells, "ndpr:1;dytb:0.07" in a list. */
static void bom_cells(ckp_buf *b, const ckp_bom_lists *l, ckp_buf *cell, igraph_integer_t i)
{
    for (int k = 0; k < 2; k++) {
        cell->len = 0;
        ckp_bom_lists_write(cell, l, i, k ? CKP_RECIPE_YIELD : CKP_RECIPE_INPUT, 0);
        field(b, cell->len && cell->data ? cell->data : NULL);
    }
    field(b, ckp_bom_lists_output(l, i));
}

void ckp_network_write_nodes_csv(ckp_buf *b, const ckp_network *net)
{
    ckp_bom_lists lists, *l = NULL;
    ckp_buf cell;
    ckp_buf_init(&cell);
    if (ckp_network_material_count(net) > 0) {
        if (ckp_bom_lists_init(&lists, net) < 0) {
            b->oom = 1; /* ckp_buf_write says so */
            return;
        }
        l = &lists;
    }
    int ttr = 0; /* the column only when a node has one: the file stays as it was */
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++)
        ttr |= !isnan(ckp_node_ttr_given(net, i));
    ckp_buf_puts(b, "id,name,tier,country,owner,capacity,demand,stock,source,estimate");
    ckp_buf_puts(b, ttr ? ",ttr_days" : "");
    ckp_buf_puts(b, l ? ",recipe,yields,output\n" : "\n");
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++) {
        ckp_buf_csv(b, ckp_node_id(net, i));
        field(b, net->node_name[i] < 0 ? NULL : net->texts.strings[net->node_name[i]]);
        field(b, ckp_network_tier_name(net, ckp_node_tier(net, i)));
        field(b, ckp_node_country(net, i));
        field(b, ckp_node_owner(net, i));
        number(b, ckp_node_capacity(net, i));
        number(b, ckp_node_demand_given(net, i));
        number(b, ckp_node_stock(net, i));
        field(b, ckp_node_source(net, i));
        field(b, ckp_node_estimate(net, i));
        if (ttr)
            number(b, ckp_node_ttr_given(net, i));
        if (l)
            bom_cells(b, l, &cell, i);
        ckp_buf_puts(b, "\n");
    }
    b->oom |= cell.oom;
    ckp_buf_destroy(&cell);
    if (l)
        ckp_bom_lists_destroy(l);
}

void ckp_network_write_edges_csv(ckp_buf *b, const ckp_network *net)
{
    int bom = ckp_network_material_count(net) > 0;
    ckp_buf_puts(b, bom ? "from,to,volume,capacity,source,estimate,material\n"
                        : "from,to,volume,capacity,source,estimate\n");
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
        ckp_buf_csv(b, ckp_node_id(net, ckp_edge_from(net, e)));
        field(b, ckp_node_id(net, ckp_edge_to(net, e)));
        number(b, ckp_edge_volume(net, e));
        number(b, ckp_edge_capacity(net, e));
        field(b, ckp_edge_source(net, e));
        field(b, ckp_edge_estimate(net, e));
        if (bom)
            field(b, ckp_bom_edge_material_id(net, e));
        ckp_buf_puts(b, "\n");
    }
}

void ckp_network_write_end_users(ckp_buf *b, const ckp_network *net)
{
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    for (igraph_integer_t v = 0; v < ckp_network_node_count(net); v++)
        if (ckp_node_tier(net, v) == last)
            ckp_buf_printf(b, "%s\n", ckp_node_id(net, v));
}
