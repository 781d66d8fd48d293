/*
 * A network as GraphML, written by igraph's own writer: the fields of
 * docs/format.md as typed attributes (absent numbers left out, absent text
 * empty), the metadata and the tier order as graph attributes. igraph keeps
 * 15 significant digits of a number. A network with materials gets the graph
 * attribute "materials" (the JSON array), the node attributes recipe, yields and output
 * ("ndpr:1;dytb:0.07") and the edge attribute material; one with groups the graph
 * attribute "groups" (the JSON object).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/export.h"
#include "chokepoint/materials.h"
#include "igraph_glue.h"
#include "network_bom.h"
#include "network_internal.h"

static const char *text(const char *s)
{
    return s ? s : "";
}

/* The tiers, comma-separated, as --tiers takes them; a tier with a comma cannot be. */
static ckp_code tier_list(ckp_buf *out, const ckp_network *net, ckp_error *err)
{
    for (igraph_integer_t t = 0; t < ckp_network_tier_count(net); t++) {
        const char *name = ckp_network_tier_name(net, t);
        if (strchr(name, ','))
            return ckp_error_set(err, CKP_EUSAGE,
                                 "tier '%s' has a comma, which the GraphML \"tiers\" list "
                                 "cannot hold: rename it",
                                 name);
        ckp_buf_printf(out, "%s%s", t ? "," : "", name);
    }
    return out->oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory") : CKP_OK;
}

static igraph_error_t graph_attributes(igraph_t *g, const ckp_network *net, const char *tiers,
                                       const char *materials, const char *groups)
{
    IGRAPH_CHECK(SETGAS(g, "name", ckp_network_name(net)));
    if (ckp_network_unit(net)[0])
        IGRAPH_CHECK(SETGAS(g, "unit", ckp_network_unit(net)));
    if (!isnan(ckp_network_year(net)))
        IGRAPH_CHECK(SETGAN(g, "year", ckp_network_year(net)));
    if (ckp_network_description(net))
        IGRAPH_CHECK(SETGAS(g, "description", ckp_network_description(net)));
    if (ckp_network_source(net))
        IGRAPH_CHECK(SETGAS(g, "source", ckp_network_source(net)));
    IGRAPH_CHECK(SETGAS(g, "tiers", tiers));
    if (!isnan(ckp_network_ttr_days(net)))
        IGRAPH_CHECK(SETGAN(g, "ttr_days", ckp_network_ttr_days(net)));
    if (materials)
        IGRAPH_CHECK(SETGAS(g, "materials", materials));
    if (groups)
        IGRAPH_CHECK(SETGAS(g, "groups", groups));
    return IGRAPH_SUCCESS;
}

/* NaN stands for absent: igraph leaves it out of the file. */
static double number(double v)
{
    return isfinite(v) ? v : NAN;
}

static igraph_error_t node_attributes(igraph_t *g, const ckp_network *net)
{
    int ttr = 0; /* the attribute only when a node has one: the file stays as it was */
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++)
        ttr |= !isnan(ckp_node_ttr_given(net, i));
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++) {
        if (ttr)
            IGRAPH_CHECK(SETVAN(g, "ttr_days", i, ckp_node_ttr_given(net, i)));
        int32_t name = net->node_name[i];
        IGRAPH_CHECK(SETVAS(g, "id", i, ckp_node_id(net, i)));
        IGRAPH_CHECK(SETVAS(g, "name", i, name < 0 ? "" : net->texts.strings[name]));
        IGRAPH_CHECK(SETVAS(g, "tier", i, ckp_network_tier_name(net, ckp_node_tier(net, i))));
        IGRAPH_CHECK(SETVAS(g, "country", i, ckp_node_country(net, i)));
        IGRAPH_CHECK(SETVAS(g, "owner", i, text(ckp_node_owner(net, i))));
        IGRAPH_CHECK(SETVAN(g, "capacity", i, number(ckp_node_capacity(net, i))));
        IGRAPH_CHECK(SETVAN(g, "demand", i, number(ckp_node_demand_given(net, i))));
        IGRAPH_CHECK(SETVAN(g, "stock", i, number(ckp_node_stock(net, i))));
        IGRAPH_CHECK(SETVAS(g, "source", i, text(ckp_node_source(net, i))));
        IGRAPH_CHECK(SETVAS(g, "estimate", i, text(ckp_node_estimate(net, i))));
    }
    return IGRAPH_SUCCESS;
}

/* A node's recipe, yields and output (format 2); `cell` is scratch. */
static igraph_error_t node_bom(igraph_t *g, const ckp_bom_lists *l, ckp_buf *cell,
                               igraph_integer_t i)
{
    static const char *const keys[] = {"recipe", "yields"};
    for (int k = 0; k < 2; k++) {
        ckp_buf_destroy(cell);
        ckp_bom_lists_write(cell, l, i, k ? CKP_RECIPE_YIELD : CKP_RECIPE_INPUT, 0);
        if (cell->oom)
            IGRAPH_ERROR("out of memory", IGRAPH_ENOMEM);
        IGRAPH_CHECK(SETVAS(g, keys[k], i, cell->data ? cell->data : ""));
    }
    IGRAPH_CHECK(SETVAS(g, "output", i, text(ckp_bom_lists_output(l, i))));
    return IGRAPH_SUCCESS;
}

static igraph_error_t bom_attributes(igraph_t *g, const ckp_network *net)
{
    ckp_bom_lists l;
    ckp_buf cell;
    igraph_error_t ie = IGRAPH_SUCCESS;
    if (ckp_bom_lists_init(&l, net) < 0)
        IGRAPH_ERROR("out of memory", IGRAPH_ENOMEM);
    ckp_buf_init(&cell);
    for (igraph_integer_t i = 0; !ie && i < ckp_network_node_count(net); i++)
        ie = node_bom(g, &l, &cell, i);
    for (igraph_integer_t e = 0; !ie && e < ckp_network_edge_count(net); e++)
        ie = SETEAS(g, "material", e, text(ckp_bom_edge_material_id(net, e)));
    ckp_buf_destroy(&cell);
    ckp_bom_lists_destroy(&l);
    return ie;
}

static igraph_error_t edge_attributes(igraph_t *g, const ckp_network *net)
{
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
        IGRAPH_CHECK(SETEAN(g, "volume", e, ckp_edge_volume(net, e)));
        IGRAPH_CHECK(SETEAN(g, "capacity", e, number(ckp_edge_capacity(net, e))));
        IGRAPH_CHECK(SETEAS(g, "source", e, text(ckp_edge_source(net, e))));
        IGRAPH_CHECK(SETEAS(g, "estimate", e, text(ckp_edge_estimate(net, e))));
    }
    return IGRAPH_SUCCESS;
}

ckp_code ckp_network_write_graphml(ckp_buf *b, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_t g;
    int have_graph = 0;
    ckp_buf tiers, materials, groups;
    char *data = NULL;
    size_t len = 0;
    FILE *f = NULL;
    int bom = ckp_network_material_count(net) > 0;
    ckp_buf_init(&tiers);
    ckp_buf_init(&materials);
    ckp_buf_init(&groups);
    int have_groups = ckp_network_write_groups(&groups, net, NULL);
    if (bom)
        ckp_bom_write_materials(&materials, net, NULL);
    ckp_igraph_init();
    /* attributes only for this write: the rest of the library builds plain graphs */
    igraph_attribute_table_t *old = igraph_set_attribute_table(&igraph_cattribute_table);
    if ((rc = tier_list(&tiers, net, err)) || (rc = ckp_network_graph(&g, net, err)))
        goto done;
    have_graph = 1;
    CKP_IGRAPH(graph_attributes(&g, net, tiers.data ? tiers.data : "",
                                bom ? materials.data : NULL, have_groups ? groups.data : NULL),
               "writing the GraphML");
    CKP_IGRAPH(node_attributes(&g, net), "writing the GraphML");
    CKP_IGRAPH(edge_attributes(&g, net), "writing the GraphML");
    if (bom)
        CKP_IGRAPH(bom_attributes(&g, net), "writing the GraphML");
    if (!(f = open_memstream(&data, &len))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    CKP_IGRAPH(igraph_write_graph_graphml(&g, f, 1), "writing the GraphML");
    if (fclose(f)) {
        f = NULL;
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    f = NULL;
    ckp_buf_put(b, data, len);
    ckp_buf_puts(b, "\n"); /* igraph ends the file without one */
done:
    if (f)
        fclose(f);
    free(data);
    if (have_graph)
        igraph_destroy(&g);
    igraph_set_attribute_table(old);
    ckp_buf_destroy(&tiers);
    ckp_buf_destroy(&materials);
    ckp_buf_destroy(&groups);
    return rc;
}
