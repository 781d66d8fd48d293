/*
 * A network from GraphML, read by igraph's own reader (libxml2 underneath):
 * the fields of docs/format.md as typed node, edge and graph attributes.
 * A node's id is its "id" attribute as igraph writes it; without one, igraph
 * puts the GraphML node id there, which is how NetworkX and yEd name nodes.
 * Materials (format 2): the graph's "materials" (a JSON array), a node's "recipe",
 * "yields" ("ndpr:1;dytb:0.07") and "output", an edge's "material".
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "bom_text.h"
#include "groups_json.h"
#include "igraph_glue.h"
#include "load_common.h"
#include "network_internal.h"
#include "tier_order.h"

/* One element's attributes: which kind, which one (for errors), where the file is. */
typedef struct {
    const igraph_t *g;
    igraph_attribute_elemtype_t kind; /* IGRAPH_ATTRIBUTE_GRAPH, _VERTEX or _EDGE */
    igraph_integer_t index;
    const char *what; /* "node 'S1'", "edge 'S1' -> 'U'", "the graph" */
    const char *path;
    ckp_error *err;
    char num[CKP_NUMBER_MAX]; /* a number attribute read as text */
} gelem;

static ckp_code gerr(const gelem *e, const char *fmt, const char *name, const char *value)
{
    ckp_error_set(e->err, CKP_EDATA, fmt, e->what, name, value);
    ckp_error_at(e->err, e->path, 0, 0);
    return CKP_EDATA;
}

/* The attribute's type; -1 when the file does not declare it. */
static int attr_type(const gelem *e, const char *name)
{
    igraph_attribute_type_t type;
    if (!igraph_cattribute_has_attr(e->g, e->kind, name))
        return -1;
    if (igraph_cattribute_table.gettype(e->g, &type, e->kind, name))
        return -1;
    return (int)type;
}

/* A text field: NULL when absent or empty; a number attribute is taken as its text. */
static ckp_code get_text(gelem *e, const char *name, int required, const char **out)
{
    int type = attr_type(e, name);
    *out = NULL;
    if (type == IGRAPH_ATTRIBUTE_STRING) {
        const char *s = e->kind == IGRAPH_ATTRIBUTE_GRAPH ? GAS(e->g, name)
                        : e->kind == IGRAPH_ATTRIBUTE_VERTEX ? VAS(e->g, name, e->index)
                                                             : EAS(e->g, name, e->index);
        *out = s && *s ? s : NULL;
    } else if (type == IGRAPH_ATTRIBUTE_NUMERIC) {
        double v = e->kind == IGRAPH_ATTRIBUTE_GRAPH ? GAN(e->g, name)
                   : e->kind == IGRAPH_ATTRIBUTE_VERTEX ? VAN(e->g, name, e->index)
                                                        : EAN(e->g, name, e->index);
        if (!isnan(v)) {
            ckp_format_number(e->num, v);
            *out = e->num;
        }
    } else if (type >= 0) {
        return gerr(e, "%s: \"%s\" must be a string attribute%s", name, "");
    }
    if (!*out && required)
        return gerr(e, "%s has no \"%s\" attribute: every node needs one%s", name, "");
    return CKP_OK;
}

/* A number field: `absent` when missing, NaN or empty; a string attribute must hold a number. */
static ckp_code get_number(gelem *e, const char *name, double absent, double *out)
{
    int type = attr_type(e, name);
    *out = absent;
    if (type == IGRAPH_ATTRIBUTE_NUMERIC) {
        double v = e->kind == IGRAPH_ATTRIBUTE_GRAPH ? GAN(e->g, name)
                   : e->kind == IGRAPH_ATTRIBUTE_VERTEX ? VAN(e->g, name, e->index)
                                                        : EAN(e->g, name, e->index);
        if (!isnan(v))
            *out = v;
    } else if (type == IGRAPH_ATTRIBUTE_STRING) {
        const char *s;
        get_text(e, name, 0, &s);
        if (s) {
            char *end;
            errno = 0;
            double v = strtod(s, &end);
            if (end == s || *end || errno)
                return gerr(e, "%s: \"%s\" must be a number, not '%.200s'", name, s);
            *out = v;
        }
    } else if (type >= 0) {
        return gerr(e, "%s: \"%s\" must be a number attribute%s", name, "");
    }
    if (isinf(*out) && *out > 0 && isinf(absent)) /* igraph writes an unbounded capacity so */
        *out = absent;
    return CKP_OK;
}

static void node_what(char *buf, size_t size, const char *id, igraph_integer_t v)
{
    if (id)
        snprintf(buf, size, "node '%.200s'", id);
    else
        snprintf(buf, size, "node %lld (the %lld%s in the file)", (long long)v,
                 (long long)v + 1, v == 0 ? "st" : v == 1 ? "nd" : v == 2 ? "rd" : "th");
}

#define LISTED_IN "the graph's \"materials\" attribute"

/*
 * The graph's "materials" (a JSON array of {"id", "name", "unit"}) or "groups" attribute (a
 * JSON object {"allies": ["US", "AU"]}).
 */
static ckp_code read_json_attr(ckp_network *net, gelem *e, const char *key)
{
    const char *text;
    int materials = !strcmp(key, "materials");
    ckp_code rc = get_text(e, key, 0, &text);
    if (rc || !text)
        return rc;
    cJSON *json = cJSON_Parse(text);
    if (!json)
        rc = ckp_error_set(e->err, CKP_EDATA, "the graph's \"%s\" attribute is not JSON: it "
                           "must be %s", key, materials ? "an array [{\"id\": ..., \"unit\": ...}]"
                                                        : "an object {\"allies\": [\"US\", ...]}");
    else if (materials)
        rc = ckp_load_materials_json(net, json, "the graph's \"materials\"", e->err);
    else if ((rc = ckp_groups_parse(&net->groups, json, e->err)))
        ckp_error_prefix(e->err, "the graph's "); /* "groups: ..." */
    if (rc)
        ckp_error_at(e->err, e->path, 0, 0);
    cJSON_Delete(json);
    return rc;
}

/* A node's recipe, yields and output, the node just added. */
static ckp_code read_node_bom(ckp_network *net, gelem *e, const char *what)
{
    static const char *const keys[] = {"recipe", "yields", "output"};
    ckp_bom_text how = {LISTED_IN, 0};
    for (int k = 0; k < 3; k++) {
        const char *text;
        size_t at;
        ckp_code rc = get_text(e, keys[k], 0, &text);
        if (!rc && text)
            rc = ckp_load_bom_text(net, ckp_network_node_count(net) - 1, keys[k], text, &how,
                                   &at, e->err);
        if (rc) {
            if (!e->err->file[0])
                ckp_error_prefix(e->err, "%s: ", what);
            ckp_error_at(e->err, e->path, 0, 0);
            return rc;
        }
    }
    return CKP_OK;
}

/* The network's metadata and, unless --tiers or the "tiers" attribute gives them, no tiers. */
static ckp_code read_graph(ckp_network *net, gelem *e, const ckp_load_options *opts,
                           int *tiers_given)
{
    const char *name, *unit, *description, *source, *tiers;
    double year, ttr;
    ckp_code rc;
    if ((rc = get_number(e, "ttr_days", NAN, &ttr)))
        return rc;
    if (!isnan(ttr) && (rc = ckp_network_set_ttr_days(net, ttr, e->err))) {
        ckp_error_at(e->err, e->path, 0, 0);
        return rc;
    }
    if ((rc = get_text(e, "name", 0, &name)) || (rc = get_text(e, "unit", 0, &unit)) ||
        (rc = get_text(e, "description", 0, &description)) ||
        (rc = get_text(e, "source", 0, &source)) || (rc = get_number(e, "year", NAN, &year)))
        return rc;
    if (opts && opts->tiers)
        tiers = opts->tiers;
    else if ((rc = get_text(e, "tiers", 0, &tiers)))
        return rc;
    *tiers_given = tiers != NULL;
    if ((rc = ckp_network_set_meta(net, name, unit, year, description, source, e->err)) ||
        (rc = read_json_attr(net, e, "materials")) || (rc = read_json_attr(net, e, "groups")))
        return rc;
    if (tiers && (rc = ckp_load_tier_list(net, tiers,
                                          opts && opts->tiers ? "--tiers"
                                                              : "the \"tiers\" attribute",
                                          e->err)))
        ckp_error_at(e->err, e->path, 0, 0);
    return rc;
}

static ckp_code read_node(ckp_network *net, gelem *e, int tiers_given)
{
    char what[256];
    ckp_node_spec spec;
    ckp_node_spec_init(&spec);
    node_what(what, sizeof what, NULL, e->index);
    e->what = what;
    ckp_code rc = get_text(e, "id", 1, &spec.id);
    char *id = rc ? NULL : strdup(spec.id); /* e->num is reused for the other fields */
    if (rc)
        return rc;
    if (!id)
        return ckp_error_set(e->err, CKP_EINTERNAL, "out of memory");
    spec.id = id;
    node_what(what, sizeof what, id, e->index);
    if ((rc = get_text(e, "name", 0, &spec.name)) || (rc = get_text(e, "tier", 1, &spec.tier)) ||
        (rc = get_text(e, "country", 1, &spec.country)) ||
        (rc = get_text(e, "owner", 0, &spec.owner)) ||
        (rc = get_number(e, "capacity", CKP_UNBOUNDED, &spec.capacity)) ||
        (rc = get_number(e, "demand", NAN, &spec.demand)) ||
        (rc = get_number(e, "stock", NAN, &spec.stock)) ||
        (rc = get_number(e, "ttr_days", NAN, &spec.ttr_days)) ||
        (rc = get_text(e, "source", 0, &spec.source)) ||
        (rc = get_text(e, "estimate", 0, &spec.estimate)))
        goto done;
    if (!tiers_given && ckp_network_tier_find(net, spec.tier) < 0 &&
        (rc = ckp_network_add_tier(net, spec.tier, e->err)))
        goto done;
    if ((rc = ckp_network_add_node(net, &spec, NULL, e->err))) {
        ckp_error_prefix(e->err, "%s: ", what);
        ckp_error_at(e->err, e->path, 0, 0);
        goto done;
    }
    rc = read_node_bom(net, e, what);
done:
    free(id);
    return rc;
}

static ckp_code read_edge(ckp_network *net, gelem *e, igraph_integer_t from, igraph_integer_t to)
{
    char what[512];
    ckp_edge_spec spec;
    ckp_edge_spec_init(&spec);
    snprintf(what, sizeof what, "edge '%.200s' -> '%.200s'", ckp_node_id(net, from),
             ckp_node_id(net, to));
    e->what = what;
    spec.from = from;
    spec.to = to;
    ckp_code rc;
    if ((rc = get_number(e, "volume", 0, &spec.volume)) ||
        (rc = get_number(e, "capacity", CKP_UNBOUNDED, &spec.capacity)) ||
        (rc = get_text(e, "source", 0, &spec.source)))
        return rc;
    const char *source = spec.source ? strdup(spec.source) : NULL;
    if (spec.source && !source)
        return ckp_error_set(e->err, CKP_EINTERNAL, "out of memory");
    spec.source = source;
    const char *mat;
    igraph_integer_t material = -1;
    int64_t src = -1, est = -1;
    ckp_bom_text how = {LISTED_IN, 0};
    /* the texts interned before the next get_text, which may reuse e->num */
    if (!(rc = get_text(e, "estimate", 0, &spec.estimate)) &&
        ((src = ckp_network_intern_text(net, spec.source)) < -1 ||
         (est = ckp_network_intern_text(net, spec.estimate)) < -1))
        rc = ckp_error_set(e->err, CKP_EINTERNAL, "out of memory");
    if (!rc && !(rc = get_text(e, "material", 0, &mat)) && mat &&
        (material = ckp_load_material_ref(net, mat, &how, e->err)) < 0)
        rc = CKP_EDATA;
    if (!rc)
        rc = ckp_network_add_edge_material(net, &spec, material, (int32_t)src, (int32_t)est,
                                           NULL, e->err);
    if (rc && !e->err->file[0]) {
        ckp_error_prefix(e->err, "%s: ", what);
        ckp_error_at(e->err, e->path, 0, 0);
    }
    free((char *)source);
    return rc;
}

/* The network of an igraph graph read with the C attribute handler. */
static ckp_code from_graph(ckp_network **out, const igraph_t *g, const char *path,
                           const ckp_load_options *opts, ckp_error *err)
{
    ckp_network *net = NULL;
    int tiers_given = 0;
    gelem e = {.g = g, .kind = IGRAPH_ATTRIBUTE_GRAPH, .what = "the graph", .path = path,
               .err = err};
    ckp_code rc;
    if (!igraph_is_directed(g)) {
        rc = ckp_error_set(err, CKP_EDATA,
                           "the graph is undirected: a supply network's edges go from supplier "
                           "to customer (edgedefault=\"directed\")");
        ckp_error_at(err, path, 0, 0);
        return rc;
    }
    if ((rc = ckp_network_new(&net, err)) ||
        (rc = ckp_network_reserve(net, igraph_vcount(g), igraph_ecount(g), err)) ||
        (rc = read_graph(net, &e, opts, &tiers_given)))
        goto done;
    e.kind = IGRAPH_ATTRIBUTE_VERTEX;
    for (e.index = 0; e.index < igraph_vcount(g); e.index++)
        if ((rc = read_node(net, &e, tiers_given)))
            goto done;
    if (!tiers_given && ckp_network_tier_count(net) < 2) {
        rc = ckp_error_set(err, CKP_EDATA, "every node is in one tier: a network needs at least "
                                           "two tiers, sources first and end users last");
        ckp_error_at(err, path, 0, 0);
        goto done;
    }
    e.kind = IGRAPH_ATTRIBUTE_EDGE;
    for (e.index = 0; e.index < igraph_ecount(g); e.index++)
        if ((rc = read_edge(net, &e, IGRAPH_FROM(g, e.index), IGRAPH_TO(g, e.index))))
            goto done;
    igraph_integer_t bad_node, bad_edge;
    const char *bad_key;
    if ((!tiers_given && (rc = ckp_infer_tier_order(net, err))) ||
        (rc = ckp_load_check_complete(net, err)) ||
        (rc = ckp_network_resolve_materials(net, &bad_node, &bad_edge, &bad_key, err))) {
        ckp_error_at(err, path, 0, 0);
        goto done;
    }
    *out = net;
    net = NULL;
done:
    ckp_network_free(net);
    return rc;
}

ckp_code ckp_load_graphml_buffer(ckp_network **out, const char *buf, size_t len,
                                 const char *path, const ckp_load_options *opts, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_t g;
    int have_graph = 0;
    *out = NULL;
    ckp_igraph_init();
    /* attributes only for this read: the rest of the library builds plain graphs */
    igraph_attribute_table_t *old = igraph_set_attribute_table(&igraph_cattribute_table);
    FILE *f = fmemopen((void *)buf, len ? len : 1, "r");
    if (!f) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    igraph_error_t ie = igraph_read_graph_graphml(&g, f, 0);
    if (ie != IGRAPH_SUCCESS) {
        rc = ckp_igraph_error(ie, "reading the GraphML", err);
        err->code = rc = ie == IGRAPH_ENOMEM ? CKP_EINTERNAL : CKP_EDATA;
        ckp_error_at(err, path, 0, 0);
        goto done;
    }
    have_graph = 1;
    rc = from_graph(out, &g, path, opts, err);
    if (!rc && opts && opts->warnings &&
        (rc = ckp_load_near_duplicates(*out, path, opts->warnings, err))) {
        ckp_network_free(*out);
        *out = NULL;
    }
done:
    if (have_graph)
        igraph_destroy(&g);
    if (f)
        fclose(f);
    igraph_set_attribute_table(old);
    return rc;
}

ckp_code ckp_load_graphml(ckp_network **out, const char *path, const ckp_load_options *opts,
                          ckp_error *err)
{
    return ckp_load_file(out, path, opts, ckp_load_graphml_buffer, err);
}
