/*
 * A network from GEXF 1.2 (docs/format.md, "GEXF"), read with libxml2's
 * streaming reader: the fields network_gexf.c writes. Node and edge fields
 * are attvalues of the attributes declared with their names as titles (so a
 * file Gephi saved again still reads); an edge without a "volume" takes its
 * weight; the metadata comes from <description> and <ckp:network>, which
 * files from elsewhere lack (the tiers are then inferred from the edges).
 * Materials (format 2): <ckp:network>'s "materials" (a JSON array), a node's
 * recipe, yields ("ndpr:1;dytb:0.07") and output, an edge's material, read
 * with the CSV and GraphML loaders' helpers (bom_text.h).
 */
#include <errno.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bom_text.h"
#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "chokepoint/materials.h"
#include "chokepoint/network.h"
#include "groups_json.h"
#include "load_common.h"
#include "network_internal.h"
#include "tier_order.h"

#define CKP_NS "urn:chokepoint:network"
#define MAX_DECLS 256

/* The fields of a node (first) and of an edge, by their attribute titles. */
enum {
    N_TIER, N_COUNTRY, N_OWNER, N_CAPACITY, N_DEMAND, N_STOCK, N_SOURCE, N_ESTIMATE, N_TTR,
    N_RECIPE, N_YIELDS, N_OUTPUT, N_COUNT
};
enum { E_VOLUME, E_CAPACITY, E_SOURCE, E_ESTIMATE, E_MATERIAL, E_COUNT };
static const char *const node_titles[] = {"tier",  "country", "owner",    "capacity", "demand",
                                          "stock", "source",  "estimate", "ttr_days", "recipe",
                                          "yields", "output"};
static const char *const edge_titles[] = {"volume", "capacity", "source", "estimate",
                                          "material"};
/* <ckp:network>'s attributes, as meta_keys names them; the last two hold JSON */
enum { M_MATERIALS = 6, M_GROUPS, N_META };
static const char *const meta_keys[N_META] = {"name",  "unit",     "year",      "source",
                                              "tiers", "ttr_days", "materials", "groups"};
#define LISTED_IN "the <ckp:network> element's \"materials\" attribute"

/* A declared attribute: its class (1 node, 2 edge), id and field (-1: not ours). */
typedef struct {
    int cls;
    char *id;
    int field;
} decl;

typedef struct {
    xmlTextReaderPtr r;
    const char *path;
    ckp_error *err;
    ckp_network *net;
    const ckp_load_options *opts;
    decl decls[MAX_DECLS];
    int n_decls, cls, tiers_given, meta_done, meta_line;
    char *description, *meta[N_META]; /* <ckp:network>'s attributes, by meta_keys */
    /* the element being read: node or edge (1, 2), its id/label or source/target/weight */
    int elem, line; /* line: where it starts, for its errors */
    char *a, *b, *weight, *val[N_COUNT];
    char xml_error[512];
} gx;

static void xml_error(void *ctx, const xmlError *e)
{
    gx *g = ctx;
    if (!g->xml_error[0] && e && e->message)
        snprintf(g->xml_error, sizeof g->xml_error, "%.*s", (int)strcspn(e->message, "\n"),
                 e->message);
}

static char *attr(gx *g, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(g->r, BAD_CAST name);
}

/* An error of the input at the line of the node or edge being read, else the reader's: EDATA. */
static ckp_code gerr(gx *g, const char *fmt, const char *a, const char *b, const char *c)
{
    ckp_error_set(g->err, CKP_EDATA, fmt, a, b, c);
    ckp_error_at(g->err, g->path, g->elem ? g->line : xmlTextReaderGetParserLineNumber(g->r), 0);
    return CKP_EDATA;
}

static void clear_elem(gx *g)
{
    xmlFree(g->a);
    xmlFree(g->b);
    xmlFree(g->weight);
    for (int k = 0; k < N_COUNT; k++)
        xmlFree(g->val[k]);
    g->a = g->b = g->weight = NULL;
    memset(g->val, 0, sizeof g->val);
    g->elem = 0;
}

/* A number field: `absent` when not given; else the whole text must be a number. */
static ckp_code number(gx *g, const char *what, int field, double absent, double *out)
{
    const char *s = g->val[field];
    char *end;
    *out = absent;
    if (!s || !*s)
        return CKP_OK;
    errno = 0;
    *out = strtod(s, &end);
    if (end == s || *end || errno)
        return gerr(g, "%s: \"%s\" must be a number, not '%.200s'", what,
                    g->elem == 1 ? node_titles[field] : edge_titles[field], s);
    return CKP_OK;
}

static const char *text(gx *g, int field)
{
    return g->val[field] && *g->val[field] ? g->val[field] : NULL;
}

/* <ckp:network>'s "materials" and "groups", JSON in an attribute (as GraphML's are). */
static ckp_code meta_json(gx *g)
{
    ckp_code rc = CKP_OK;
    for (int k = M_MATERIALS; !rc && k < N_META; k++) {
        if (!g->meta[k])
            continue;
        cJSON *json = cJSON_Parse(g->meta[k]);
        if (!json)
            rc = gerr(g, "the <ckp:network> element's \"%s\" attribute is not JSON: it must be "
                         "%s%s", meta_keys[k],
                      k == M_MATERIALS ? "an array [{\"id\": ..., \"unit\": ...}]"
                                       : "an object {\"allies\": [\"US\", ...]}", "");
        else if (k == M_MATERIALS)
            rc = ckp_load_materials_json(g->net, json, "the <ckp:network> element's "
                                         "\"materials\"", g->err);
        else if ((rc = ckp_groups_parse(&g->net->groups, json, g->err)))
            ckp_error_prefix(g->err, "the <ckp:network> element's "); /* "groups: ..." */
        if (rc) /* at <ckp:network>, not at the first node that had it read */
            ckp_error_at(g->err, g->path, g->meta_line, 0);
        cJSON_Delete(json);
    }
    return rc;
}

/* The metadata, once, before the first node: the tier order given or none yet. */
static ckp_code apply_meta(gx *g)
{
    char *end;
    double year = NAN;
    ckp_code rc;
    const char *tiers = g->opts && g->opts->tiers ? g->opts->tiers : g->meta[4];
    g->meta_done = 1;
    if (g->meta[2] && *g->meta[2] && ((year = strtod(g->meta[2], &end)), *end))
        return gerr(g, "%s: \"%s\" must be a number, not '%.200s'", "the network", "year",
                    g->meta[2]);
    /* the writer puts the name in <description> when there is none */
    const char *description = g->description && (!g->meta[0] || strcmp(g->description,
                                                                       g->meta[0]))
                                  ? g->description
                                  : NULL;
    double ttr = NAN;
    if (g->meta[5] && *g->meta[5] && ((ttr = strtod(g->meta[5], &end)), *end))
        return gerr(g, "%s: \"%s\" must be a number, not '%.200s'", "the network", "ttr_days",
                    g->meta[5]);
    /* a file from elsewhere is named after itself, as a CSV pair is */
    const char *name = g->meta[0] ? g->meta[0] : strrchr(g->path, '/') ? strrchr(g->path, '/') + 1
                                                                        : g->path;
    if ((rc = ckp_network_set_meta(g->net, name, g->meta[1], year, description,
                                   g->meta[3], g->err)) ||
        (!isnan(ttr) && (rc = ckp_network_set_ttr_days(g->net, ttr, g->err))) ||
        (rc = meta_json(g)))
        return rc;
    g->tiers_given = tiers != NULL;
    if (tiers && (rc = ckp_load_tier_list(g->net, tiers,
                                          g->opts && g->opts->tiers ? "--tiers"
                                                                    : "the \"tiers\" attribute",
                                          g->err)))
        ckp_error_at(g->err, g->path, 0, 0);
    return rc;
}

/* A failed add named (`what`) and placed at the element's line. */
static ckp_code located(gx *g, const char *what, ckp_code rc)
{
    if (rc) {
        ckp_error_prefix(g->err, "%s: ", what);
        ckp_error_at(g->err, g->path, g->line, 0);
    }
    return rc;
}

static ckp_code add_node(gx *g)
{
    char what[256];
    ckp_node_spec spec;
    ckp_code rc;
    ckp_node_spec_init(&spec);
    if (!g->a || !*g->a)
        return gerr(g, "a node has no \"id\"%s%s%s", "", "", "");
    snprintf(what, sizeof what, "node '%.200s'", g->a);
    for (int k = N_TIER; k <= N_COUNTRY; k++)
        if (!text(g, k))
            return gerr(g, "%s has no \"%s\" attribute: every node needs one%s", what,
                        node_titles[k], "");
    spec.id = g->a;
    /* the label is the name, which the writer fills with the id when there is none */
    spec.name = g->b && *g->b && strcmp(g->b, g->a) ? g->b : NULL;
    spec.tier = text(g, N_TIER);
    spec.country = text(g, N_COUNTRY);
    spec.owner = text(g, N_OWNER);
    spec.source = text(g, N_SOURCE);
    spec.estimate = text(g, N_ESTIMATE);
    if ((rc = number(g, what, N_CAPACITY, CKP_UNBOUNDED, &spec.capacity)) ||
        (rc = number(g, what, N_DEMAND, NAN, &spec.demand)) ||
        (rc = number(g, what, N_STOCK, NAN, &spec.stock)) ||
        (rc = number(g, what, N_TTR, NAN, &spec.ttr_days)))
        return rc;
    if (!g->tiers_given && ckp_network_tier_find(g->net, spec.tier) < 0 &&
        (rc = ckp_network_add_tier(g->net, spec.tier, g->err)))
        return rc;
    if ((rc = located(g, what, ckp_network_add_node(g->net, &spec, NULL, g->err))))
        return rc;
    ckp_bom_text how = {LISTED_IN, 0};
    for (int k = N_RECIPE; k <= N_OUTPUT; k++) {
        size_t at;
        if (text(g, k) &&
            (rc = located(g, what, ckp_load_bom_text(g->net, ckp_network_node_count(g->net) - 1,
                                                     node_titles[k], text(g, k), &how, &at,
                                                     g->err))))
            return rc;
    }
    return CKP_OK;
}

static ckp_code add_edge(gx *g)
{
    char what[512];
    ckp_edge_spec spec;
    ckp_code rc;
    ckp_edge_spec_init(&spec);
    snprintf(what, sizeof what, "edge '%.200s' -> '%.200s'", g->a ? g->a : "",
             g->b ? g->b : "");
    spec.from = g->a ? ckp_network_find(g->net, g->a) : -1;
    spec.to = g->b ? ckp_network_find(g->net, g->b) : -1;
    if (spec.from < 0 || spec.to < 0)
        return gerr(g, "%s: no node '%.200s'%s", what, spec.from < 0 ? g->a : g->b, "");
    if (!text(g, E_VOLUME) && g->weight) { /* a weight stands for the volume */
        g->val[E_VOLUME] = g->weight;
        g->weight = NULL;
    }
    if ((rc = number(g, what, E_VOLUME, 0, &spec.volume)) ||
        (rc = number(g, what, E_CAPACITY, CKP_UNBOUNDED, &spec.capacity)))
        return rc;
    igraph_integer_t material = -1;
    ckp_bom_text how = {LISTED_IN, 0};
    if (text(g, E_MATERIAL) &&
        (material = ckp_load_material_ref(g->net, text(g, E_MATERIAL), &how, g->err)) < 0)
        return located(g, what, CKP_EDATA);
    int64_t src = ckp_network_intern_text(g->net, text(g, E_SOURCE));
    int64_t est = ckp_network_intern_text(g->net, text(g, E_ESTIMATE));
    if (src < -1 || est < -1)
        return ckp_error_set(g->err, CKP_EINTERNAL, "out of memory");
    return located(g, what, ckp_network_add_edge_material(g->net, &spec, material, (int32_t)src,
                                                          (int32_t)est, NULL, g->err));
}

/* <attribute id title> under <attributes class>: which of our fields it holds. */
static ckp_code declare(gx *g)
{
    char *id = attr(g, "id"), *title = attr(g, "title");
    int field = -1, n = g->cls == 1 ? N_COUNT : E_COUNT;
    for (int k = 0; title && k < n; k++)
        if (!strcmp(title, g->cls == 1 ? node_titles[k] : edge_titles[k]))
            field = k;
    xmlFree(title);
    if (!id || g->n_decls == MAX_DECLS) {
        xmlFree(id);
        return gerr(g, "%s", id ? "more than 256 attributes declared" : "an attribute has no id",
                    "", "");
    }
    g->decls[g->n_decls++] = (decl){g->cls, id, field};
    return CKP_OK;
}

static void attvalue(gx *g)
{
    char *id = attr(g, "for");
    for (int i = 0; id && g->elem && i < g->n_decls; i++) {
        decl *d = &g->decls[i];
        if (d->cls == g->elem && d->field >= 0 && !strcmp(d->id, id)) {
            xmlFree(g->val[d->field]);
            g->val[d->field] = attr(g, "value");
        }
    }
    xmlFree(id);
}

/* An element opened: what it is decides what is kept. */
static ckp_code element(gx *g, const char *name, const char *ns)
{
    ckp_code rc = CKP_OK;
    if (ns && !strcmp(ns, CKP_NS) && !strcmp(name, "network")) {
        for (int k = 0; k < N_META; k++)
            g->meta[k] = attr(g, meta_keys[k]);
        g->meta_line = (int)xmlGetLineNo(xmlTextReaderCurrentNode(g->r));
    } else if (!strcmp(name, "description") && !g->description) {
        g->description = (char *)xmlTextReaderReadString(g->r);
    } else if (!strcmp(name, "graph")) {
        char *type = attr(g, "defaultedgetype");
        int undirected = type && !strcmp(type, "undirected");
        xmlFree(type);
        if (undirected)
            return gerr(g, "the graph is undirected: a supply network's edges go from "
                           "supplier to customer (defaultedgetype=\"directed\")%s%s%s",
                        "", "", "");
    } else if (!strcmp(name, "attributes")) {
        char *cls = attr(g, "class");
        g->cls = cls && !strcmp(cls, "node") ? 1 : cls && !strcmp(cls, "edge") ? 2 : 0;
        xmlFree(cls);
    } else if (!strcmp(name, "attribute") && g->cls) {
        rc = declare(g);
    } else if (!strcmp(name, "node") || !strcmp(name, "edge")) {
        clear_elem(g);
        g->elem = name[0] == 'n' ? 1 : 2;
        g->line = (int)xmlGetLineNo(xmlTextReaderCurrentNode(g->r)); /* the parser reads ahead */
        g->a = attr(g, g->elem == 1 ? "id" : "source");
        g->b = attr(g, g->elem == 1 ? "label" : "target");
        g->weight = g->elem == 2 ? attr(g, "weight") : NULL;
        if (!g->meta_done && (rc = apply_meta(g)))
            return rc;
        if (xmlTextReaderIsEmptyElement(g->r))
            rc = g->elem == 1 ? add_node(g) : add_edge(g);
    } else if (!strcmp(name, "attvalue")) {
        attvalue(g);
    }
    return rc;
}

/* Every element of the file, in order; nodes and edges added as they close. */
static ckp_code read_all(gx *g)
{
    int r;
    ckp_code rc = CKP_OK;
    while (!rc && (r = xmlTextReaderRead(g->r)) == 1) {
        int type = xmlTextReaderNodeType(g->r);
        const char *name = (const char *)xmlTextReaderConstLocalName(g->r);
        if (type == XML_READER_TYPE_ELEMENT)
            rc = element(g, name, (const char *)xmlTextReaderConstNamespaceUri(g->r));
        else if (type == XML_READER_TYPE_END_ELEMENT && g->elem &&
                 !strcmp(name, g->elem == 1 ? "node" : "edge"))
            rc = g->elem == 1 ? add_node(g) : add_edge(g);
        if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(name, "nodes") && !rc &&
            !g->tiers_given && ckp_network_tier_count(g->net) < 2)
            rc = gerr(g, "every node is in one tier: a network needs at least two tiers, "
                         "sources first and end users last%s%s%s", "", "", "");
    }
    if (!rc && r < 0) {
        ckp_error_set(g->err, CKP_EDATA, "not a GEXF file: %s",
                      g->xml_error[0] ? g->xml_error : "malformed XML");
        ckp_error_at(g->err, g->path, xmlTextReaderGetParserLineNumber(g->r), 0);
        rc = CKP_EDATA;
    }
    return rc;
}

ckp_code ckp_load_gexf_buffer(ckp_network **out, const char *buf, size_t len, const char *path,
                              const ckp_load_options *opts, ckp_error *err)
{
    ckp_code rc;
    gx g;
    memset(&g, 0, sizeof g);
    g.path = path;
    g.err = err;
    g.opts = opts;
    *out = NULL;
    if ((rc = ckp_network_new(&g.net, err)))
        return rc;
    /* no network access, no entity expansion: the file is data, not a program */
    g.r = xmlReaderForMemory(buf, (int)len, path, NULL, XML_PARSE_NONET);
    if (!g.r) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    xmlTextReaderSetStructuredErrorHandler(g.r, (xmlStructuredErrorFunc)xml_error, &g);
    if ((rc = read_all(&g)))
        goto done;
    if (!g.meta_done && (rc = apply_meta(&g)))
        goto done;
    igraph_integer_t bad_node, bad_edge;
    const char *bad_key;
    if ((!g.tiers_given && (rc = ckp_infer_tier_order(g.net, err))) ||
        (rc = ckp_load_check_complete(g.net, err)) ||
        (rc = ckp_network_resolve_materials(g.net, &bad_node, &bad_edge, &bad_key, err))) {
        ckp_error_at(err, path, 0, 0);
        goto done;
    }
    if (opts && opts->warnings &&
        (rc = ckp_load_near_duplicates(g.net, path, opts->warnings, err)))
        goto done;
    *out = g.net;
    g.net = NULL;
done:
    clear_elem(&g);
    for (int i = 0; i < g.n_decls; i++)
        xmlFree(g.decls[i].id);
    for (int k = 0; k < N_META; k++)
        xmlFree(g.meta[k]);
    xmlFree(g.description);
    if (g.r)
        xmlFreeTextReader(g.r);
    ckp_network_free(g.net);
    return rc;
}

ckp_code ckp_load_gexf(ckp_network **out, const char *path, const ckp_load_options *opts,
                       ckp_error *err)
{
    return ckp_load_file(out, path, opts, ckp_load_gexf_buffer, err);
}
