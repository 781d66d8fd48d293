/* Materials, recipes and edge materials: storage and accessors (materials.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "materials_internal.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

void ckp_bom_free(ckp_bom *bom)
{
    if (!bom)
        return;
    ckp_strtab_destroy(&bom->ids);
    for (igraph_integer_t m = 0; m < bom->n_materials; m++) {
        free(bom->names[m]);
        free(bom->units[m]);
    }
    free(bom->names);
    free(bom->units);
    free(bom->entries);
    free(bom->edge_given);
    free(bom->edge_material);
    free(bom->start);
    free(bom->list_material);
    free(bom->list_coef);
    free(bom);
}

static ckp_bom *bom_of(ckp_network *net)
{
    if (!net->bom) {
        net->bom = calloc(1, sizeof *net->bom);
        if (net->bom)
            ckp_strtab_init(&net->bom->ids);
    }
    return net->bom;
}

static char *copy_or_null(const char *s, int *failed)
{
    char *c = s ? strdup(s) : NULL;
    if (s && !c)
        *failed = 1;
    return c;
}

ckp_code ckp_network_add_material(ckp_network *net, const char *id, const char *name,
                                  const char *unit, ckp_error *err)
{
    ckp_bom *bom = bom_of(net);
    if (!bom)
        return NOMEM(err);
    if (!id || !id[0])
        return ckp_error_set(err, CKP_EDATA, "a material needs a non-empty \"id\"");
    /* the CSV and GraphML forms list materials as "ndpr:1;dytb:0.07" */
    if (strchr(id, ';'))
        return ckp_error_set(err, CKP_EDATA,
                             "material id '%.200s' has a ';', which separates the entries of "
                             "a recipe in CSV and GraphML: rename it", id);
    if (ckp_strtab_find(&bom->ids, id) >= 0)
        return ckp_error_set(err, CKP_EDATA,
                             "duplicate material '%.200s': every material needs its own id", id);
    if (bom->n_materials == bom->cap_materials) {
        igraph_integer_t cap = bom->cap_materials ? 2 * bom->cap_materials : 8;
        char **names = realloc(bom->names, (size_t)cap * sizeof *names);
        if (names)
            bom->names = names;
        char **units = realloc(bom->units, (size_t)cap * sizeof *units);
        if (units)
            bom->units = units;
        if (!names || !units)
            return NOMEM(err);
        bom->cap_materials = cap;
    }
    int failed = 0;
    char *n = copy_or_null(name, &failed), *u = copy_or_null(unit, &failed);
    if (failed || ckp_strtab_intern(&bom->ids, id) < 0) {
        free(n);
        free(u);
        return NOMEM(err);
    }
    bom->names[bom->n_materials] = n;
    bom->units[bom->n_materials] = u;
    bom->n_materials++;
    bom->resolved = 0;
    return CKP_OK;
}

igraph_integer_t ckp_network_material_count(const ckp_network *net)
{
    return net->bom ? net->bom->n_materials : 0;
}

const char *ckp_material_id(const ckp_network *net, igraph_integer_t m)
{
    return ckp_strtab_get(&net->bom->ids, m);
}

const char *ckp_material_name(const ckp_network *net, igraph_integer_t m)
{
    const char *name = net->bom->names[m];
    return name ? name : ckp_material_id(net, m);
}

const char *ckp_material_unit(const ckp_network *net, igraph_integer_t m)
{
    return net->bom->units[m];
}

igraph_integer_t ckp_network_material_find(const ckp_network *net, const char *id)
{
    return net->bom ? ckp_strtab_find(&net->bom->ids, id) : -1;
}

ckp_code ckp_network_add_recipe(ckp_network *net, igraph_integer_t node, ckp_recipe_kind kind,
                                igraph_integer_t material, double coef, ckp_error *err)
{
    ckp_bom *bom = bom_of(net);
    if (!bom)
        return NOMEM(err);
    int k = (int)kind;
    const char *list = k == CKP_RECIPE_INPUT ? "recipe" : k == CKP_RECIPE_YIELD ? "yields"
                                                                                 : "output";
    if (node < 0 || node >= net->n_nodes || material < 0 || material >= bom->n_materials)
        return ckp_error_set(err, CKP_EINTERNAL, "recipe entry out of range");
    if (k == CKP_RECIPE_OUTPUT)
        coef = 1;
    if (!isfinite(coef) || coef <= 0)
        return ckp_error_set(err, CKP_EDATA,
                             "\"%s\": '%.200s' must be a finite number above 0", list,
                             ckp_material_id(net, material));
    for (igraph_integer_t i = bom->n_entries; i-- > 0 && bom->entries[i].node == node;)
        if (bom->entries[i].material == material &&
            (bom->entries[i].kind == CKP_RECIPE_INPUT) == (k == CKP_RECIPE_INPUT))
            return ckp_error_set(err, CKP_EDATA, "\"%s\": material '%.200s' given twice", list,
                                 ckp_material_id(net, material));
    if (bom->n_entries == bom->cap_entries) {
        igraph_integer_t cap = bom->cap_entries ? 2 * bom->cap_entries : 16;
        ckp_bom_entry *e = realloc(bom->entries, (size_t)cap * sizeof *e);
        if (!e)
            return NOMEM(err);
        bom->entries = e;
        bom->cap_entries = cap;
    }
    bom->entries[bom->n_entries++] = (ckp_bom_entry){node, material, coef, k};
    bom->resolved = 0;
    return CKP_OK;
}

ckp_code ckp_network_set_edge_material(ckp_network *net, igraph_integer_t edge,
                                       igraph_integer_t material, ckp_error *err)
{
    ckp_bom *bom = bom_of(net);
    if (!bom)
        return NOMEM(err);
    if (edge < 0 || edge >= net->n_edges || material < -1 || material >= bom->n_materials)
        return ckp_error_set(err, CKP_EINTERNAL, "edge material out of range");
    if (edge >= bom->n_given) {
        igraph_integer_t cap = net->n_edges > 2 * bom->n_given ? net->n_edges : 2 * bom->n_given;
        igraph_integer_t *g = realloc(bom->edge_given, (size_t)cap * sizeof *g);
        if (!g)
            return NOMEM(err);
        for (igraph_integer_t e = bom->n_given; e < cap; e++)
            g[e] = -1;
        bom->edge_given = g;
        bom->n_given = cap;
    }
    bom->edge_given[edge] = material;
    bom->resolved = 0;
    return CKP_OK;
}

int ckp_network_has_bom(const ckp_network *net)
{
    const ckp_bom *bom = net->bom;
    return bom && (bom->n_materials > 1 || bom->n_entries > 0);
}

igraph_integer_t ckp_edge_material(const ckp_network *net, igraph_integer_t e)
{
    const ckp_bom *bom = net->bom;
    return bom && bom->resolved && bom->edge_material ? bom->edge_material[e] : 0;
}

igraph_integer_t ckp_node_recipe(const ckp_network *net, igraph_integer_t node,
                                 ckp_recipe_kind kind, const igraph_integer_t **materials,
                                 const double **coefs)
{
    const ckp_bom *bom = net->bom;
    if (!bom || !bom->resolved || !bom->start)
        return 0;
    igraph_integer_t a = bom->start[2 * node + kind], b = bom->start[2 * node + kind + 1];
    if (materials)
        *materials = bom->list_material + a;
    if (coefs)
        *coefs = bom->list_coef + a;
    return b - a;
}

ckp_code ckp_bom_copy(ckp_network *copy, const ckp_network *net, const igraph_integer_t *map,
                      ckp_error *err)
{
    ckp_code rc;
    const ckp_bom *bom = net->bom;
    if (!bom)
        return CKP_OK;
    for (igraph_integer_t m = 0; m < bom->n_materials; m++)
        if ((rc = ckp_network_add_material(copy, ckp_material_id(net, m), bom->names[m],
                                           bom->units[m], err)))
            return rc;
    for (igraph_integer_t p = 0; p < bom->n_entries; p++) {
        const ckp_bom_entry *e = &bom->entries[p];
        if (map[e->node] >= 0 &&
            (rc = ckp_network_add_recipe(copy, map[e->node], (ckp_recipe_kind)e->kind,
                                         e->material, e->coef, err)))
            return rc;
    }
    ckp_bom *to = bom_of(copy);
    if (!to)
        return NOMEM(err);
    to->derived = bom->resolved || bom->derived;
    return CKP_OK;
}

void ckp_bom_drop_recipe(ckp_network *net, igraph_integer_t node, int inputs)
{
    ckp_bom *bom = net->bom;
    igraph_integer_t k = 0;
    for (igraph_integer_t p = 0; bom && p < bom->n_entries; p++) {
        const ckp_bom_entry *e = &bom->entries[p];
        if (e->node != node || (e->kind == CKP_RECIPE_INPUT) != (inputs != 0))
            bom->entries[k++] = *e;
    }
    if (bom) {
        bom->n_entries = k;
        bom->resolved = 0;
    }
}

ckp_code ckp_bom_resolve_derived(ckp_network *net, const char *what, ckp_error *err)
{
    igraph_integer_t bad_node, bad_edge;
    const char *bad_key;
    if (!net->bom || !net->bom->derived)
        return CKP_OK;
    ckp_code rc = ckp_network_resolve_materials(net, &bad_node, &bad_edge, &bad_key, err);
    if (rc && what)
        ckp_error_prefix(err, "%s: ", what);
    return rc;
}
