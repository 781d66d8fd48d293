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

    /* built by ckp_network_resolve_materials */
    int resolved;
    igraph_integer_t *edge_material;
    /* node i's inputs at [start[2i], start[2i+1]), its yields at [start[2i+1], start[2i+2]) */
    igraph_integer_t *start;
    igraph_integer_t *list_material;
    double *list_coef;
} ckp_bom;

void ckp_bom_free(ckp_bom *bom);

#endif
