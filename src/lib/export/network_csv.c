/* A network written as the CSV pair (docs/format.md): every column, absent values empty. */
#include <math.h>

#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "escape.h"
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

void ckp_network_write_nodes_csv(ckp_buf *b, const ckp_network *net)
{
    ckp_buf_puts(b, "id,name,tier,country,owner,capacity,demand,stock,source,estimate\n");
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
        ckp_buf_puts(b, "\n");
    }
}

void ckp_network_write_edges_csv(ckp_buf *b, const ckp_network *net)
{
    ckp_buf_puts(b, "from,to,volume,capacity,source,estimate\n");
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
        ckp_buf_csv(b, ckp_node_id(net, ckp_edge_from(net, e)));
        field(b, ckp_node_id(net, ckp_edge_to(net, e)));
        number(b, ckp_edge_volume(net, e));
        number(b, ckp_edge_capacity(net, e));
        field(b, ckp_edge_source(net, e));
        field(b, ckp_edge_estimate(net, e));
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
