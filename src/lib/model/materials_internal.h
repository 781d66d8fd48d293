/* The bill of materials' storage inside a ckp_network (not public). */
#ifndef CKP_MATERIALS_INTERNAL_H
#define CKP_MATERIALS_INTERNAL_H

#include "chokepoint/materials.h"
#include "strtab.h"

typedef struct {
    igraph_integer_t node, material;
    double coef;
    int kind; /* ckp_recipe_kind */
} ckp_bom_entry;

typedef struct ckp_bom {
    ckp_strtab ids;
    char **names, **units;
    igraph_integer_t n_materials, cap_materials;

    ckp_bom_entry *entries; /* in the order given */
    igraph_integer_t n_entries, cap_entries;

    igraph_integer_t *edge_given; /* -1: to be told; edges past n_given: -1 */
    igraph_integer_t n_given;

    /* a network derived from a resolved one (a scenario, a plan): a pass-through node may have
       lost what it received (its edges out carry nothing then, and are not an error) */
    int derived;

    /* built by ckp_network_resolve_materials */
    int resolved;
    igraph_integer_t *edge_material;
    /* node i's inputs at [start[2i], start[2i+1]), its yields at [start[2i+1], start[2i+2]) */
    igraph_integer_t *start;
    igraph_integer_t *list_material;
    double *list_coef;
} ckp_bom;

void ckp_bom_free(ckp_bom *bom);

/*
 * For ckp_network_copy: `net`'s materials and recipes into `copy`, node i as map[i] (-1:
 * dropped). Run after the nodes are copied and before the edges.
 */
ckp_code ckp_bom_copy(ckp_network *copy, const ckp_network *net, const igraph_integer_t *map,
                      ckp_error *err);
/* A node's recipe (inputs = 1) or output and yields (inputs = 0) taken out, for plans. */
void ckp_bom_drop_recipe(ckp_network *net, igraph_integer_t node, int inputs);
/* Resolve a derived network (ckp_bom_copy's), an error prefixed by `what`. */
ckp_code ckp_bom_resolve_derived(ckp_network *net, const char *what, ckp_error *err);

#endif
