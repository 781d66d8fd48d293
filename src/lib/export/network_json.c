/*
 * A network written back in the JSON format, so that a spreadsheet network
 * becomes a sourced JSON file once (chokepoint convert). Absent values are
 * left out rather than written as null: the file reads as if written by hand.
 */
#include <math.h>

#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "escape.h"
#include "network_bom.h"
#include "network_internal.h"

static void key_string(ckp_buf *b, const char *sep, const char *key, const char *value)
{
    if (!value)
        return;
    ckp_buf_printf(b, "%s\"%s\": ", sep, key);
    ckp_buf_json(b, value);
}

/* A number; nothing when absent (NaN, or unbounded for capacities). */
static void key_number(ckp_buf *b, const char *key, double value)
{
    char num[CKP_NUMBER_MAX];
    if (!isfinite(value))
        return;
    ckp_format_number(num, value);
    ckp_buf_printf(b, ", \"%s\": %s", key, num);
}

static const char *text(const ckp_network *net, int32_t index)
{
    return index < 0 ? NULL : net->texts.strings[index];
}

/* The top level up to the tiers, a key a line. */
static void top_level(ckp_buf *b, const ckp_network *net)
{
    int bom = ckp_network_material_count(net) > 0;
    ckp_buf_printf(b, "{\n  \"format\": \"%s\"", bom ? CKP_FORMAT_NAME_2 : CKP_FORMAT_NAME);
    key_string(b, ",\n  ", "name", ckp_network_name(net));
    if (ckp_network_unit(net)[0])
        key_string(b, ",\n  ", "unit", ckp_network_unit(net));
    if (!isnan(ckp_network_year(net))) {
        char num[CKP_NUMBER_MAX];
        ckp_format_number(num, ckp_network_year(net));
        ckp_buf_printf(b, ",\n  \"year\": %s", num);
    }
    if (!isnan(ckp_network_ttr_days(net))) {
        char num[CKP_NUMBER_MAX];
        ckp_format_number(num, ckp_network_ttr_days(net));
        ckp_buf_printf(b, ",\n  \"ttr_days\": %s", num);
    }
    key_string(b, ",\n  ", "description", ckp_network_description(net));
    key_string(b, ",\n  ", "source", ckp_network_source(net));
    ckp_buf_puts(b, ",\n  \"tiers\": [");
    for (igraph_integer_t t = 0; t < ckp_network_tier_count(net); t++) {
        ckp_buf_puts(b, t ? ", " : "");
        ckp_buf_json(b, ckp_network_tier_name(net, t));
    }
    ckp_buf_puts(b, "]");
    if (bom) {
        ckp_buf_puts(b, ",\n  \"materials\": ");
        ckp_bom_write_materials(b, net, "    ");
    }
    ckp_buf_puts(b, ckp_network_groups(net)->n ? ",\n  \"groups\": " : "");
    ckp_network_write_groups(b, net, "    ");
}

/* A node's recipe, output and yields (format 2), when it has them. */
static void node_bom(ckp_buf *b, const ckp_bom_lists *l, igraph_integer_t i)
{
    static const char *const keys[] = {"recipe", "yields"};
    for (int k = 0; k < 2; k++) {
        ckp_recipe_kind kind = k ? CKP_RECIPE_YIELD : CKP_RECIPE_INPUT;
        if (!ckp_bom_lists_count(l, i, kind))
            continue;
        ckp_buf_printf(b, ", \"%s\": ", keys[k]);
        ckp_bom_lists_write(b, l, i, kind, 1);
    }
    key_string(b, ", ", "output", ckp_bom_lists_output(l, i));
}

static void node(ckp_buf *b, const ckp_network *net, const ckp_bom_lists *l, igraph_integer_t i)
{
    key_string(b, "{", "id", ckp_node_id(net, i));
    key_string(b, ", ", "name", text(net, net->node_name[i]));
    key_string(b, ", ", "tier", ckp_network_tier_name(net, ckp_node_tier(net, i)));
    key_string(b, ", ", "country", ckp_node_country(net, i));
    key_string(b, ", ", "owner", ckp_node_owner(net, i));
    key_number(b, "capacity", ckp_node_capacity(net, i));
    key_number(b, "demand", ckp_node_demand_given(net, i));
    key_number(b, "stock", ckp_node_stock(net, i));
    key_number(b, "ttr_days", ckp_node_ttr_given(net, i));
    key_string(b, ", ", "source", ckp_node_source(net, i));
    key_string(b, ", ", "estimate", ckp_node_estimate(net, i));
    if (l)
        node_bom(b, l, i);
    ckp_buf_puts(b, "}");
}

static void edge(ckp_buf *b, const ckp_network *net, igraph_integer_t e)
{
    key_string(b, "{", "from", ckp_node_id(net, ckp_edge_from(net, e)));
    key_string(b, ", ", "to", ckp_node_id(net, ckp_edge_to(net, e)));
    if (ckp_edge_volume(net, e) != 0) /* absent is 0 */
        key_number(b, "volume", ckp_edge_volume(net, e));
    key_number(b, "capacity", ckp_edge_capacity(net, e));
    key_string(b, ", ", "source", ckp_edge_source(net, e));
    key_string(b, ", ", "estimate", ckp_edge_estimate(net, e));
    key_string(b, ", ", "material", ckp_bom_edge_material_id(net, e));
    ckp_buf_puts(b, "}");
}

void ckp_network_write_json(ckp_buf *b, const ckp_network *net)
{
    ckp_bom_lists lists, *l = NULL;
    if (ckp_network_material_count(net) > 0) {
        if (ckp_bom_lists_init(&lists, net) < 0) {
            b->oom = 1; /* ckp_buf_write says so */
            return;
        }
        l = &lists;
    }
    top_level(b, net);
    ckp_buf_puts(b, ",\n  \"nodes\": [");
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++) {
        ckp_buf_puts(b, i ? ",\n    " : "\n    ");
        node(b, net, l, i);
    }
    ckp_buf_puts(b, "\n  ],\n  \"edges\": [");
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
        ckp_buf_puts(b, e ? ",\n    " : "\n    ");
        edge(b, net, e);
    }
    ckp_buf_puts(b, ckp_network_edge_count(net) ? "\n  ]\n}\n" : "]\n}\n");
    if (l)
        ckp_bom_lists_destroy(l);
}

void ckp_network_write_meta_json(ckp_buf *b, const ckp_network *net)
{
    top_level(b, net);
    ckp_buf_puts(b, "\n}\n");
}
