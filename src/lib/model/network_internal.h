/* The network's layout, shared by the library's modules (not public). */
#ifndef CKP_NETWORK_INTERNAL_H
#define CKP_NETWORK_INTERNAL_H

#include "chokepoint/network.h"
#include "strtab.h"

/*
 * The largest figure taken (docs/format.md): sums over any network stay finite (near
 * DBL_MAX, two volumes already add up to infinity and shares become NaN) and exact enough.
 * The network's checks and the scenarios' share it.
 */
#define CKP_MAX_FIGURE 1e15

struct ckp_network {
    char *name;
    char *unit;
    char *description;
    char *source;
    double year;
    double ttr_days;      /* the network-wide default TTR; NAN: absent */

    ckp_strtab tiers;     /* index = position in the chain */
    int tiers_inferred;   /* the CSV loader found the order from the edges */
    ckp_strtab ids;       /* index = node index */
    ckp_strtab countries;
    ckp_strtab owners;
    ckp_strtab texts;     /* names, sources, estimates: often repeated */

    igraph_integer_t n_nodes, cap_nodes;
    int32_t *node_tier;
    int32_t *node_country;
    int32_t *node_owner;   /* -1: none */
    int32_t *node_name;    /* text index, -1: none */
    int32_t *node_source;
    int32_t *node_estimate;
    double *node_capacity; /* INFINITY: unbounded */
    double *node_demand;   /* NAN: absent */
    double *node_stock;    /* NAN: absent */
    double *node_ttr;      /* days to recover; NAN: absent */

    igraph_integer_t n_edges, cap_edges;
    igraph_integer_t *edge_from;
    igraph_integer_t *edge_to;
    double *edge_volume;
    double *edge_capacity;
    int32_t *edge_source;
    int32_t *edge_estimate;

    /* (from, to) -> edge index, open addressing: each slot holds 32 bits of the
       key's hash and the index + 1 (0 = empty), so a probe past other edges
       reads nothing else. Built on first need: it holds the first
       `n_edges_indexed` edges, and a loader never needs it (see
       ckp_network_defer_duplicates) */
    uint64_t *edge_slots;
    igraph_integer_t n_edge_slots, n_edges_indexed;
    int defer_duplicates;

    ckp_groups groups;
    /* materials and recipes (chokepoint-network/2); NULL when none were given */
    struct ckp_bom *bom;

    /* derived, rebuilt when stale */
    double *demand_cache;
    int demand_stale;
};

/*
 * For loaders: until ckp_network_first_duplicate, ckp_network_add_edge does
 * not look for duplicate edges. A hash probe per edge into a table of
 * several times the edges misses the cache every time; one pass over the
 * edges grouped by tail, after the load, does not.
 */
void ckp_network_defer_duplicates(ckp_network *net);
/*
 * Ends the deferral: the index of the first edge whose (from, to) an
 * earlier edge already has, -1 if none, or -2 when out of memory. The
 * loader reads that edge again, undeferred, for the error and its place.
 */
igraph_integer_t ckp_network_first_duplicate(ckp_network *net);

/* For loaders that read edges on several threads: texts interned up front. */
int64_t ckp_network_intern_text(ckp_network *net, const char *text); /* -1 for NULL, < -1 OOM */
ckp_code ckp_network_add_edge_interned(ckp_network *net, const ckp_edge_spec *spec,
                                       int32_t source, int32_t estimate,
                                       const char **bad_field, ckp_error *err);
/*
 * For the CSV loader, which learns the tier order after reading the nodes:
 * tier t becomes tier order[t]'s position, i.e. order lists the old indices
 * in their new order. Nodes keep their tiers.
 */
ckp_code ckp_network_reorder_tiers(ckp_network *net, const igraph_integer_t *order,
                                   ckp_error *err);

/*
 * An edge given material `material` (-1: to be told from its `from` node). One edge per
 * (from, to, material): two edges of a pair are duplicates unless given different
 * materials (the materials told are checked by ckp_network_resolve_materials).
 */
ckp_code ckp_network_add_edge_material(ckp_network *net, const ckp_edge_spec *spec,
                                       igraph_integer_t material, int32_t source,
                                       int32_t estimate, const char **bad_field,
                                       ckp_error *err);
/* The edge (from, to) given `material`; CKP_ANY_MATERIAL: the pair's first edge. */
#define CKP_ANY_MATERIAL (-2)
igraph_integer_t ckp_network_find_edge_material(const ckp_network *net, igraph_integer_t from,
                                                igraph_integer_t to, igraph_integer_t material);

/* Every edge out, to read them again (the texts they interned stay) */
void ckp_network_drop_edges(ckp_network *net);

/*
 * For loaders that write edges in place on several threads (room made by
 * ckp_network_reserve, duplicates deferred): whether ckp_network_add_edge
 * would take spec, duplicates aside; then the count of edges written.
 */
int ckp_network_edge_fits(const ckp_network *net, const ckp_edge_spec *spec);
void ckp_network_set_edge_count(ckp_network *net, igraph_integer_t m);

/* 1 when some node holds stock (above 0): the time figures then depend on it */
int ckp_network_has_stock(const ckp_network *net);

#endif
