#include "chokepoint/plan.h"

#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "jdoc.h"
#include "json_scan.h"
#include "load_common.h"
#include "load_json.h"
#include "materials_internal.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

void ckp_plan_info_destroy(ckp_plan_info *info)
{
    if (!info)
        return;
    free(info->name);
    free(info->description);
    free(info->source);
    memset(info, 0, sizeof *info);
}

/* A node id: a string naming a node of `net`. */
static ckp_code node_ref(const ckp_jdoc *doc, const ckp_network *net, const cJSON *item,
                         const char *key, long i, const char *subkey, igraph_integer_t *out)
{
    if (!item)
        return ckp_jdoc_error(doc, key, i, NULL, "%s[%ld]: missing \"%s\"", key, i, subkey);
    if (!cJSON_IsString(item))
        return ckp_jdoc_error(doc, key, i, subkey, "%s[%ld]: a node id must be a string, not %s",
                              key, i, ckp_json_type_name(item));
    *out = ckp_network_find(net, item->valuestring);
    if (*out < 0)
        return ckp_jdoc_error(doc, key, i, subkey, "%s[%ld]: unknown node '%s'", key, i,
                              item->valuestring);
    return CKP_OK;
}

/* The edge an element's "from" and "to" name, which must exist in `net`. */
static ckp_code edge_ref(const ckp_jdoc *doc, const ckp_network *net, const cJSON *el,
                         const char *key, long i, igraph_integer_t *out)
{
    ckp_code rc;
    igraph_integer_t a = -1, b = -1; /* set by node_ref on success; -1 quiets -O3 */
    if (!cJSON_IsObject(el))
        return ckp_jdoc_error(doc, key, i, NULL,
                              "%s[%ld] must be an object {\"from\": ..., \"to\": ...}, not %s",
                              key, i, ckp_json_type_name(el));
    if ((rc = node_ref(doc, net, cJSON_GetObjectItemCaseSensitive(el, "from"), key, i, "from",
                       &a)) ||
        (rc = node_ref(doc, net, cJSON_GetObjectItemCaseSensitive(el, "to"), key, i, "to", &b)))
        return rc;
    *out = ckp_network_find_edge(net, a, b);
    if (*out < 0)
        return ckp_jdoc_error(doc, key, i, NULL, "%s[%ld]: there is no edge '%s' -> '%s'", key, i,
                              ckp_node_id(net, a), ckp_node_id(net, b));
    return CKP_OK;
}

/* Read add_nodes or add_edges through the network loader's own element readers. */
static ckp_code add_elements(const ckp_jdoc *doc, ckp_network *net, const char *key, int nodes,
                             igraph_integer_t *count)
{
    ckp_code rc;
    const cJSON *arr;
    if ((rc = ckp_jdoc_array(doc, key, &arr)) || !arr)
        return rc;
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl, v, ve;
    ckp_jscan_init(&s, doc->buf, doc->len, ckp_jdoc_locate(doc, key, -1, NULL));
    ckp_jscan_begin(&s, &it, '[');
    for (long i = 0; ckp_jscan_next(&s, &it, 1, &k, &kl, &v, &ve) == 1; i++) {
        rc = nodes ? ckp_json_read_node(net, doc->buf, doc->len, doc->path, v, ve, i, doc->err)
                   : ckp_json_read_edge(net, doc->buf, doc->len, doc->path, v, ve, i, doc->err);
        if (rc) {
            ckp_error_prefix(doc->err, "%s: ", key);
            return rc;
        }
        (*count)++;
    }
    return CKP_OK;
}

/* Set the number fields an update names; any other key is a mistake worth stopping for. */
static ckp_code update_numbers(const ckp_jdoc *doc, ckp_network *net, const cJSON *el,
                               const char *key, long i, igraph_integer_t index, int node)
{
    static const char *const node_fields[] = {"capacity", "demand", "stock", NULL};
    static const char *const edge_fields[] = {"volume", "capacity", NULL};
    const char *const *fields = node ? node_fields : edge_fields;
    for (const cJSON *m = el->child; m; m = m->next) {
        if (node ? !strcmp(m->string, "id") || !strcmp(m->string, "recipe")
                 : (!strcmp(m->string, "from") || !strcmp(m->string, "to")))
            continue;
        int f = 0;
        while (fields[f] && strcmp(fields[f], m->string))
            f++;
        if (!fields[f])
            return ckp_jdoc_error(doc, key, i, m->string,
                                  "%s[%ld]: \"%s\" cannot be updated: give %s", key, i,
                                  m->string, node ? "capacity, demand, stock or recipe"
                                                  : "volume or capacity");
        double value;
        if (cJSON_IsNull(m)) {
            /* null: absent again (an unbounded capacity, a demand from the inflow) */
            value = !strcmp(m->string, "capacity") ? CKP_UNBOUNDED
                    : !strcmp(m->string, "volume") ? 0
                                                   : NAN;
        } else if (cJSON_IsNumber(m) && isfinite(m->valuedouble)) {
            value = m->valuedouble;
        } else if (cJSON_IsNumber(m)) { /* 1e999 overflows to infinity */
            return ckp_jdoc_error(doc, key, i, m->string,
                                  "%s[%ld]: \"%s\" is out of range: it must be a finite number",
                                  key, i, m->string);
        } else {
            return ckp_jdoc_error(doc, key, i, m->string,
                                  "%s[%ld]: \"%s\" must be a finite number or null, not %s", key,
                                  i, m->string, ckp_json_type_name(m));
        }
        ckp_code rc = node ? ckp_network_set_node_number(net, index, m->string, value, doc->err)
                           : ckp_network_set_edge_number(net, index, m->string, value,
                                                         doc->err);
        if (rc) {
            ckp_error_prefix(doc->err, "%s[%ld]: ", key, i);
            ckp_jdoc_at(doc, ckp_jdoc_locate(doc, key, i, m->string));
            return rc;
        }
    }
    return CKP_OK;
}

/*
 * An update's "recipe" ({material: units per unit of throughput}) replaces the node's
 * recipe: grain-boundary diffusion lowers a coefficient, a new process adds a material.
 */
static ckp_code update_recipe(const ckp_jdoc *doc, ckp_network *net, const cJSON *el, long i,
                              igraph_integer_t node)
{
    const cJSON *recipe = cJSON_GetObjectItemCaseSensitive(el, "recipe");
    if (!recipe)
        return CKP_OK;
    if (!cJSON_IsObject(recipe) || !recipe->child)
        return ckp_jdoc_error(doc, "update_nodes", i, "recipe",
                              "update_nodes[%ld]: \"recipe\" must be an object {\"material\": "
                              "units, ...} naming at least one material, not %s",
                              i, ckp_json_type_name(recipe));
    ckp_bom_drop_recipe(net, node, 1);
    for (const cJSON *m = recipe->child; m; m = m->next) {
        igraph_integer_t k = ckp_network_material_find(net, m->string);
        if (k < 0)
            return ckp_jdoc_error(doc, "update_nodes", i, "recipe",
                                  "update_nodes[%ld]: \"recipe\" names unknown material "
                                  "'%.200s'", i, m->string);
        if (!cJSON_IsNumber(m))
            return ckp_jdoc_error(doc, "update_nodes", i, "recipe",
                                  "update_nodes[%ld]: \"recipe\": '%.200s' must be a number, "
                                  "not %s", i, m->string, ckp_json_type_name(m));
        ckp_code rc = ckp_network_add_recipe(net, node, CKP_RECIPE_INPUT, k, m->valuedouble,
                                             doc->err);
        if (rc) {
            ckp_error_prefix(doc->err, "update_nodes[%ld]: ", i);
            ckp_jdoc_at(doc, ckp_jdoc_locate(doc, "update_nodes", i, "recipe"));
            return rc;
        }
    }
    return CKP_OK;
}

static ckp_code apply(ckp_network **out, ckp_plan_info *info, const ckp_network *net,
                      const ckp_jdoc *doc)
{
    ckp_code rc;
    ckp_error *err = doc->err;
    const cJSON *arr;
    char *drop_node = calloc((size_t)(net->n_nodes ? net->n_nodes : 1), 1);
    char *drop_edge = calloc((size_t)(net->n_edges ? net->n_edges : 1), 1);
    ckp_network *patched = NULL;
    static const char *const known[] = {"name",        "description",  "source",
                                        "add_nodes",   "add_edges",    "remove_nodes",
                                        "remove_edges", "update_nodes", "update_edges"};
    if (!drop_node || !drop_edge) {
        rc = NOMEM(err);
        goto done;
    }
    for (const cJSON *m = doc->root->child; m; m = m->next) {
        size_t k = 0;
        while (k < sizeof known / sizeof *known && strcmp(m->string, known[k]))
            k++;
        if (k == sizeof known / sizeof *known) {
            rc = ckp_jdoc_error(doc, m->string, -1, NULL,
                                "unknown key \"%s\" in a plan: expected name, description, "
                                "source, remove_nodes, remove_edges, add_nodes, add_edges, "
                                "update_nodes, update_edges",
                                m->string);
            goto done;
        }
    }
    if ((rc = ckp_jdoc_string(doc, "name", &info->name)) ||
        (rc = ckp_jdoc_string(doc, "description", &info->description)) ||
        (rc = ckp_jdoc_string(doc, "source", &info->source)))
        goto done;

    /* removals, checked against the network as given */
    if ((rc = ckp_jdoc_array(doc, "remove_nodes", &arr)))
        goto done;
    long i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++) {
        igraph_integer_t v;
        if ((rc = node_ref(doc, net, el, "remove_nodes", i, NULL, &v)))
            goto done;
        info->removed_nodes += !drop_node[v];
        drop_node[v] = 1;
    }
    if ((rc = ckp_jdoc_array(doc, "remove_edges", &arr)))
        goto done;
    i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++) {
        igraph_integer_t e;
        if ((rc = edge_ref(doc, net, el, "remove_edges", i, &e)))
            goto done;
        info->removed_edges += !drop_edge[e];
        drop_edge[e] = 1;
    }
    if ((rc = ckp_network_copy(&patched, net, drop_node, drop_edge, err)))
        goto done;

    /* additions, then updates, on the patched network */
    if ((rc = add_elements(doc, patched, "add_nodes", 1, &info->added_nodes)) ||
        (rc = add_elements(doc, patched, "add_edges", 0, &info->added_edges)))
        goto done;
    if ((rc = ckp_jdoc_array(doc, "update_nodes", &arr)))
        goto done;
    i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++) {
        igraph_integer_t v;
        if (!cJSON_IsObject(el)) {
            rc = ckp_jdoc_error(doc, "update_nodes", i, NULL,
                                "update_nodes[%ld] must be an object {\"id\": ..., "
                                "\"capacity\": ...}, not %s",
                                i, ckp_json_type_name(el));
            goto done;
        }
        if ((rc = node_ref(doc, patched, cJSON_GetObjectItemCaseSensitive(el, "id"),
                           "update_nodes", i, "id", &v)) ||
            (rc = update_recipe(doc, patched, el, i, v)) ||
            (rc = update_numbers(doc, patched, el, "update_nodes", i, v, 1)))
            goto done;
        info->updated_nodes++;
    }
    if ((rc = ckp_jdoc_array(doc, "update_edges", &arr)))
        goto done;
    i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++) {
        igraph_integer_t e;
        if ((rc = edge_ref(doc, patched, el, "update_edges", i, &e)) ||
            (rc = update_numbers(doc, patched, el, "update_edges", i, e, 0)))
            goto done;
        info->updated_edges++;
    }
    if ((rc = ckp_bom_resolve_derived(patched, NULL, err)) ||
        (rc = ckp_load_check_complete(patched, err))) {
        ckp_error_prefix(err, "after the plan: ");
        ckp_error_at(err, doc->path, 0, 0);
        goto done;
    }
    *out = patched;
    patched = NULL;
done:
    free(drop_node);
    free(drop_edge);
    ckp_network_free(patched);
    return rc;
}

ckp_code ckp_plan_apply_buffer(ckp_network **out, ckp_plan_info *info, const ckp_network *net,
                               const char *buf, size_t len, const char *path, ckp_error *err)
{
    ckp_code rc;
    ckp_jdoc doc;
    *out = NULL;
    memset(info, 0, sizeof *info);
    if ((rc = ckp_jdoc_parse(&doc, buf, len, path, "plan", err)))
        goto done;
    if ((rc = apply(out, info, net, &doc)))
        goto done;
    if (!info->name) {
        const char *slash = strrchr(path, '/');
        if (!(info->name = strdup(slash ? slash + 1 : path)))
            rc = NOMEM(err);
    }
done:
    if (rc) {
        ckp_network_free(*out);
        *out = NULL;
        ckp_plan_info_destroy(info);
    }
    ckp_jdoc_destroy(&doc);
    return rc;
}

ckp_code ckp_plan_apply_file(ckp_network **out, ckp_plan_info *info, const ckp_network *net,
                             const char *path, ckp_error *err)
{
    char *buf = NULL;
    size_t len;
    ckp_code rc = ckp_read_file(&buf, &len, path, err);
    *out = NULL;
    memset(info, 0, sizeof *info);
    if (!rc)
        rc = ckp_plan_apply_buffer(out, info, net, buf, len, path, err);
    free(buf);
    return rc;
}
