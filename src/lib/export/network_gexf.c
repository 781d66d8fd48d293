/*
 * A network as GEXF 1.2draft for Gephi, written with libxml2's xmlTextWriter
 * (escaping and well-formedness are its job): the node and edge fields as
 * typed attributes, the edge volume as the weight, each node coloured as its
 * country is in the diagrams (viz:color), the metadata in <meta>: the
 * description, and what GEXF has no place for (name, unit, year, source,
 * the tier order, the groups as a JSON object) as the attributes of a
 * <ckp:network> element, which readers that do not know it skip (load_gexf.c
 * reads it back). A network with materials adds their list there (JSON, as
 * GraphML's "materials"), recipe, yields and output ("ndpr:1;dytb:0.07") to
 * the nodes and material to the edges.
 */
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "chokepoint/render.h"
#include "network_bom.h"
#include "network_internal.h"

#define GEXF_NS "http://www.gexf.net/1.2draft"
#define VIZ_NS "http://www.gexf.net/1.2draft/viz"
#define CKP_NS "urn:chokepoint:network" /* a name only: nothing is fetched from it */

/* A field of a node or an edge: its GEXF attribute id is its index here. */
typedef struct {
    const char *title, *type;
} field;

static const field node_fields[] = {
    {"tier", "string"},   {"country", "string"}, {"owner", "string"},
    {"capacity", "double"}, {"demand", "double"}, {"stock", "double"},
    {"source", "string"}, {"estimate", "string"}, {"ttr_days", "double"},
    /* with materials: */
    {"recipe", "string"}, {"yields", "string"},   {"output", "string"},
};
static const field edge_fields[] = {
    {"volume", "double"}, {"capacity", "double"}, {"source", "string"}, {"estimate", "string"},
    {"material", "string"},
};
#define COUNT(a) (int)(sizeof(a) / sizeof(a)[0])

typedef struct {
    xmlTextWriterPtr w;
    int bad; /* a libxml2 call failed (out of memory) */
    const ckp_bom_lists *bom; /* NULL: a network without materials, the fields without them */
} gexf;

static void check(gexf *x, int r)
{
    x->bad |= r < 0;
}

static void start(gexf *x, const char *name)
{
    check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void end(gexf *x)
{
    check(x, xmlTextWriterEndElement(x->w));
}

static void attr(gexf *x, const char *name, const char *value)
{
    check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

static void declare(gexf *x, const char *cls, const field *f, int n)
{
    char id[16];
    start(x, "attributes");
    attr(x, "class", cls);
    for (int k = 0; k < n; k++) {
        snprintf(id, sizeof id, "%d", k);
        start(x, "attribute");
        attr(x, "id", id);
        attr(x, "title", f[k].title);
        attr(x, "type", f[k].type);
        end(x);
    }
    end(x);
}

/*
 * The values of one element: `text[k]` for string fields, `num[k]` for
 * doubles; absent ones left out.
 */
static void values(gexf *x, const field *f, int n, const char *const *text, const double *num)
{
    char id[16], v[CKP_NUMBER_MAX];
    start(x, "attvalues");
    for (int k = 0; k < n; k++) {
        const char *s = text[k];
        if (f[k].type[0] == 'd')
            s = isfinite(num[k]) ? (ckp_format_number(v, num[k]), v) : NULL;
        if (!s)
            continue;
        snprintf(id, sizeof id, "%d", k);
        start(x, "attvalue");
        attr(x, "for", id);
        attr(x, "value", s);
        end(x);
    }
    end(x);
}

static void color(gexf *x, const char *hex)
{
    unsigned rgb[3] = {0, 0, 0};
    char v[8];
    sscanf(hex, "#%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]);
    check(x, xmlTextWriterStartElementNS(x->w, BAD_CAST "viz", BAD_CAST "color", NULL));
    for (int k = 0; k < 3; k++) {
        snprintf(v, sizeof v, "%u", rgb[k]);
        attr(x, k == 0 ? "r" : k == 1 ? "g" : "b", v);
    }
    end(x);
}

static void nodes(gexf *x, const ckp_network *net, const ckp_palette *pal)
{
    ckp_buf lists[2];
    ckp_buf_init(&lists[0]);
    ckp_buf_init(&lists[1]);
    start(x, "nodes");
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++) {
        for (int k = 0; x->bom && k < 2; k++) {
            ckp_buf_destroy(&lists[k]);
            ckp_bom_lists_write(&lists[k], x->bom, i, k ? CKP_RECIPE_YIELD : CKP_RECIPE_INPUT, 0);
            x->bad |= lists[k].oom;
        }
        const char *text[] = {
            ckp_network_tier_name(net, ckp_node_tier(net, i)), ckp_node_country(net, i),
            ckp_node_owner(net, i), NULL, NULL, NULL, ckp_node_source(net, i),
            ckp_node_estimate(net, i), NULL, lists[0].data, lists[1].data,
            x->bom ? ckp_bom_lists_output(x->bom, i) : NULL,
        };
        const double num[] = {0, 0, 0, ckp_node_capacity(net, i), ckp_node_demand_given(net, i),
                              ckp_node_stock(net, i), 0, 0, ckp_node_ttr_given(net, i), 0, 0, 0};
        start(x, "node");
        attr(x, "id", ckp_node_id(net, i));
        attr(x, "label", ckp_node_name(net, i));
        values(x, node_fields, COUNT(node_fields) - (x->bom ? 0 : 3), text, num);
        color(x, ckp_palette_color(pal, ckp_node_country(net, i)));
        end(x);
    }
    end(x);
    ckp_buf_destroy(&lists[0]);
    ckp_buf_destroy(&lists[1]);
}

static void edges(gexf *x, const ckp_network *net)
{
    char id[32], w[CKP_NUMBER_MAX];
    start(x, "edges");
    for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
        const char *text[] = {NULL, NULL, ckp_edge_source(net, e), ckp_edge_estimate(net, e),
                              ckp_bom_edge_material_id(net, e)};
        const double num[] = {ckp_edge_volume(net, e), ckp_edge_capacity(net, e), 0, 0, 0};
        snprintf(id, sizeof id, "%lld", (long long)e);
        ckp_format_number(w, ckp_edge_volume(net, e));
        start(x, "edge");
        attr(x, "id", id);
        attr(x, "source", ckp_node_id(net, ckp_edge_from(net, e)));
        attr(x, "target", ckp_node_id(net, ckp_edge_to(net, e)));
        attr(x, "weight", w);
        values(x, edge_fields, COUNT(edge_fields) - !x->bom, text, num);
        end(x);
    }
    end(x);
}

/*
 * <ckp:network name unit year source ttr_days tiers materials groups>; tiers left out when a
 * name has a comma.
 */
static void network_meta(gexf *x, const ckp_network *net)
{
    char year[CKP_NUMBER_MAX];
    ckp_buf tiers, json;
    ckp_buf_init(&tiers);
    ckp_buf_init(&json);
    check(x, xmlTextWriterStartElementNS(x->w, BAD_CAST "ckp", BAD_CAST "network", NULL));
    attr(x, "name", ckp_network_name(net));
    if (ckp_network_unit(net)[0])
        attr(x, "unit", ckp_network_unit(net));
    if (!isnan(ckp_network_year(net)))
        attr(x, "year", (ckp_format_number(year, ckp_network_year(net)), year));
    if (ckp_network_source(net))
        attr(x, "source", ckp_network_source(net));
    if (!isnan(ckp_network_ttr_days(net)))
        attr(x, "ttr_days", (ckp_format_number(year, ckp_network_ttr_days(net)), year));
    int comma = 0;
    for (igraph_integer_t t = 0; t < ckp_network_tier_count(net); t++) {
        comma |= strchr(ckp_network_tier_name(net, t), ',') != NULL;
        ckp_buf_printf(&tiers, "%s%s", t ? "," : "", ckp_network_tier_name(net, t));
    }
    x->bad |= tiers.oom;
    if (!comma && tiers.len)
        attr(x, "tiers", tiers.data);
    if (x->bom) {
        ckp_bom_write_materials(&json, net, NULL);
        x->bad |= json.oom;
        attr(x, "materials", json.data);
    }
    ckp_buf_destroy(&json);
    if (ckp_network_write_groups(&json, net, NULL)) {
        x->bad |= json.oom;
        attr(x, "groups", json.data);
    }
    ckp_buf_destroy(&json);
    ckp_buf_destroy(&tiers);
    end(x);
}

static void document(gexf *x, const ckp_network *net, const ckp_palette *pal)
{
    check(x, xmlTextWriterSetIndent(x->w, 1));
    check(x, xmlTextWriterSetIndentString(x->w, BAD_CAST "  "));
    check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
    start(x, "gexf");
    attr(x, "xmlns", GEXF_NS);
    attr(x, "xmlns:viz", VIZ_NS);
    attr(x, "xmlns:ckp", CKP_NS);
    attr(x, "version", "1.2");
    start(x, "meta");
    check(x, xmlTextWriterWriteElement(x->w, BAD_CAST "creator", BAD_CAST "chokepoint"));
    const char *description = ckp_network_description(net);
    check(x, xmlTextWriterWriteElement(x->w, BAD_CAST "description",
                                       BAD_CAST(description ? description
                                                            : ckp_network_name(net))));
    network_meta(x, net);
    end(x);
    start(x, "graph");
    attr(x, "defaultedgetype", "directed");
    attr(x, "mode", "static");
    declare(x, "node", node_fields, COUNT(node_fields) - (x->bom ? 0 : 3));
    declare(x, "edge", edge_fields, COUNT(edge_fields) - !x->bom);
    nodes(x, net, pal);
    edges(x, net);
    check(x, xmlTextWriterEndDocument(x->w)); /* closes graph and gexf */
}

ckp_code ckp_network_write_gexf(ckp_buf *b, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_palette pal;
    ckp_bom_lists lists;
    gexf x = {NULL, 0, NULL};
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb || !(x.w = xmlNewTextWriterMemory(xb, 0))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = ckp_palette_for_network(&pal, net, err)))
        goto done;
    if (ckp_network_material_count(net) > 0) {
        if (ckp_bom_lists_init(&lists, net) < 0) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        x.bom = &lists;
    }
    document(&x, net, &pal);
    xmlFreeTextWriter(x.w); /* flushes into xb */
    x.w = NULL;
    if (x.bad) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    ckp_buf_put(b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
done:
    if (x.w)
        xmlFreeTextWriter(x.w);
    if (xb)
        xmlBufferFree(xb);
    if (x.bom)
        ckp_bom_lists_destroy(&lists);
    return rc;
}
