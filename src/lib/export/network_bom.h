/*
 * A network's bill of materials as its writers put it (JSON, the CSV pair, GraphML, GEXF):
 * a node's recipe and yields as "ndpr:1;dytb:0.07" or as a JSON object, its output, an
 * edge's material, the materials list as JSON (docs/format.md).
 */
#ifndef CKP_NETWORK_BOM_H
#define CKP_NETWORK_BOM_H

#include "chokepoint/buf.h"
#include "chokepoint/materials.h"

typedef struct {
    const ckp_network *net;
    igraph_integer_t *start; /* node i's entries at order[start[i]], ..., order[start[i+1]-1] */
    igraph_integer_t *order; /* the entries by node, each node's in the order given */
} ckp_bom_lists;

/* Index `net`'s recipes by node; -1 when out of memory. A network without any gives none. */
int ckp_bom_lists_init(ckp_bom_lists *l, const ckp_network *net);
void ckp_bom_lists_destroy(ckp_bom_lists *l);

/*
 * Node `node`'s recipe (CKP_RECIPE_INPUT) or yields (CKP_RECIPE_YIELD, its output not among
 * them) appended to `b` as "ndpr:1;dytb:0.07" (json = 0) or {"ndpr": 1, "dytb": 0.07}
 * (json = 1); nothing when it has none. Returns the number of entries.
 */
igraph_integer_t ckp_bom_lists_write(ckp_buf *b, const ckp_bom_lists *l, igraph_integer_t node,
                                     ckp_recipe_kind kind, int json);
/* How many entries node `node`'s recipe or yields have. */
igraph_integer_t ckp_bom_lists_count(const ckp_bom_lists *l, igraph_integer_t node,
                                     ckp_recipe_kind kind);
/* The id of the material node `node` gives as its "output"; NULL when none. */
const char *ckp_bom_lists_output(const ckp_bom_lists *l, igraph_integer_t node);

/* The id of the material edge `e` carries: told when resolved, else given; NULL when none. */
const char *ckp_bom_edge_material_id(const ckp_network *net, igraph_integer_t e);

/* The materials as a JSON array, one a line after `indent`, "]" 2 spaces less; NULL: one line. */
void ckp_bom_write_materials(ckp_buf *b, const ckp_network *net, const char *indent);

/*
 * The network's groups as a JSON object {"allies": ["AU", "US"]}, one a line after
 * `indent`, "}" 2 spaces less; NULL: one line. Nothing written (0) when it has none.
 */
int ckp_network_write_groups(ckp_buf *b, const ckp_network *net, const char *indent);

#endif
