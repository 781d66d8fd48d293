/*
 * chokepoint: the network model.
 *
 * A network is a directed graph of facilities (nodes) ordered in tiers, from
 * the sources (first tier: mines) to the end users (last tier). Node and edge
 * attributes live in flat arrays inside an opaque handle; countries, owners
 * and tiers are interned so that a million-node network stays small.
 *
 * Nodes and edges are numbered from 0 in the order they were added. Edges may
 * skip tiers and may form cycles (recycling). At most one edge per (from, to).
 */
#ifndef CHOKEPOINT_NETWORK_H
#define CHOKEPOINT_NETWORK_H

#include <math.h>
#include <igraph.h>
#include "chokepoint/common.h"
#include "chokepoint/groups.h"

CKP_BEGIN_DECLS

typedef struct ckp_network ckp_network;

/* An absent capacity is unbounded. */
#define CKP_UNBOUNDED INFINITY

/*
 * A node as given by a loader or a plan. Strings are copied. `capacity` is
 * CKP_UNBOUNDED when absent; `demand` and `stock` are NAN when absent.
 * `name`, `owner`, `source` and `estimate` may be NULL.
 */
typedef struct {
    const char *id;
    const char *name;
    const char *tier;
    const char *country;
    const char *owner;
    double capacity;
    double demand;
    double stock;
    const char *source;
    const char *estimate;
    double ttr_days; /* days to recover or replace the node when lost; NAN when absent */
} ckp_node_spec;

/* An edge between two existing nodes. `capacity` is CKP_UNBOUNDED when absent. */
typedef struct {
    igraph_integer_t from;
    igraph_integer_t to;
    double volume;
    double capacity;
    const char *source;
    const char *estimate;
} ckp_edge_spec;

/* Fill a spec with the defaults for absent fields. */
void ckp_node_spec_init(ckp_node_spec *spec);
void ckp_edge_spec_init(ckp_edge_spec *spec);

/* Create an empty network with no tiers. `_free(NULL)` is a no-op. */
ckp_code ckp_network_new(ckp_network **out, ckp_error *err);
void ckp_network_free(ckp_network *net);

/* Metadata. Strings are copied; NULL clears. `year` NAN when absent. */
ckp_code ckp_network_set_meta(ckp_network *net, const char *name, const char *unit,
                              double year, const char *description, const char *source,
                              ckp_error *err);
const char *ckp_network_name(const ckp_network *net);        /* never NULL */
const char *ckp_network_unit(const ckp_network *net);        /* never NULL */
const char *ckp_network_description(const ckp_network *net); /* may be NULL */
const char *ckp_network_source(const ckp_network *net);      /* may be NULL */
double ckp_network_year(const ckp_network *net);             /* NAN if absent */

/*
 * Append a tier. Tiers must be added before the nodes that use them; their
 * order is the order of the supply chain. A repeated tier is an error.
 */
ckp_code ckp_network_add_tier(ckp_network *net, const char *tier, ckp_error *err);
igraph_integer_t ckp_network_tier_count(const ckp_network *net);
const char *ckp_network_tier_name(const ckp_network *net, igraph_integer_t tier);
/* Index of a tier by name, -1 if unknown. */
igraph_integer_t ckp_network_tier_find(const ckp_network *net, const char *tier);

/*
 * Add a node. Checks: non-empty unique id, known tier, country of two
 * uppercase ASCII letters, finite non-negative numbers. On error nothing is
 * added and, when `bad_field` is not NULL, it names the offending field
 * ("id", "tier", "country", "capacity", "demand", "stock").
 */
ckp_code ckp_network_add_node(ckp_network *net, const ckp_node_spec *spec,
                              const char **bad_field, ckp_error *err);

/*
 * Make room for `nodes` nodes and `edges` edges, so that a loader which
 * knows the sizes (a line count) does not regrow the arrays and hash tables
 * while adding. Only an optimisation: adding past it still works.
 */
ckp_code ckp_network_reserve(ckp_network *net, igraph_integer_t nodes, igraph_integer_t edges,
                             ckp_error *err);

/*
 * Add an edge. Checks: endpoints exist, no duplicate (from, to), finite
 * non-negative numbers. Self-loops are refused (a facility does not supply
 * itself). `bad_field` as for nodes ("to", "volume", "capacity", ...).
 */
ckp_code ckp_network_add_edge(ckp_network *net, const ckp_edge_spec *spec,
                              const char **bad_field, ckp_error *err);

/* Node index by id, -1 if unknown. */
igraph_integer_t ckp_network_find(const ckp_network *net, const char *id);
/*
 * Edge index by endpoints, -1 if there is no such edge. The first call after
 * a load builds the edge index (loaders do not), so it must not run
 * concurrently with another call on the same network.
 */
igraph_integer_t ckp_network_find_edge(const ckp_network *net, igraph_integer_t from,
                                       igraph_integer_t to);

igraph_integer_t ckp_network_node_count(const ckp_network *net);
igraph_integer_t ckp_network_edge_count(const ckp_network *net);

/* Node attributes; `i` must be a valid index. */
const char *ckp_node_id(const ckp_network *net, igraph_integer_t i);
const char *ckp_node_name(const ckp_network *net, igraph_integer_t i); /* id if unnamed */
igraph_integer_t ckp_node_tier(const ckp_network *net, igraph_integer_t i);
const char *ckp_node_country(const ckp_network *net, igraph_integer_t i);
igraph_integer_t ckp_node_country_index(const ckp_network *net, igraph_integer_t i);
const char *ckp_node_owner(const ckp_network *net, igraph_integer_t i); /* may be NULL */
igraph_integer_t ckp_node_owner_index(const ckp_network *net, igraph_integer_t i); /* -1 */
double ckp_node_capacity(const ckp_network *net, igraph_integer_t i);
double ckp_node_demand_given(const ckp_network *net, igraph_integer_t i); /* NAN if absent */
double ckp_node_stock(const ckp_network *net, igraph_integer_t i);        /* NAN if absent */
const char *ckp_node_source(const ckp_network *net, igraph_integer_t i);   /* may be NULL */
double ckp_node_ttr_given(const ckp_network *net, igraph_integer_t i);    /* NAN if absent */
const char *ckp_node_estimate(const ckp_network *net, igraph_integer_t i); /* may be NULL */

/*
 * Time to recover (issue 19, docs/analysis.md): how many days a lost node
 * takes to recover or be replaced. A node's own `ttr_days`, else the
 * network's (the top-level "ttr_days"), else CKP_TTR_DAYS_DEFAULT.
 */
#define CKP_TTR_DAYS_DEFAULT 90.0
double ckp_node_ttr_days(const ckp_network *net, igraph_integer_t i);
/* The network-wide default TTR in days; NAN when the file gives none. */
double ckp_network_ttr_days(const ckp_network *net);
ckp_code ckp_network_set_ttr_days(ckp_network *net, double days, ckp_error *err);

/*
 * Demand of a node: its `demand` when given, else the sum of the volumes of
 * its incoming edges. Meaningful for end users (last tier). O(1) after the
 * first call, which costs O(edges).
 */
double ckp_node_demand(const ckp_network *net, igraph_integer_t i);

igraph_integer_t ckp_edge_from(const ckp_network *net, igraph_integer_t e);
igraph_integer_t ckp_edge_to(const ckp_network *net, igraph_integer_t e);
double ckp_edge_volume(const ckp_network *net, igraph_integer_t e);
double ckp_edge_capacity(const ckp_network *net, igraph_integer_t e);
const char *ckp_edge_source(const ckp_network *net, igraph_integer_t e);   /* may be NULL */
const char *ckp_edge_estimate(const ckp_network *net, igraph_integer_t e); /* may be NULL */

/* Update attributes of existing elements (plans). Same checks as adding. */
ckp_code ckp_network_set_node_number(ckp_network *net, igraph_integer_t i, const char *field,
                                     double value, ckp_error *err);
ckp_code ckp_network_set_edge_number(ckp_network *net, igraph_integer_t e, const char *field,
                                     double value, ckp_error *err);

/* Interned countries and owners: dense indices 0..count-1 in first-seen order. */
igraph_integer_t ckp_network_country_count(const ckp_network *net);
const char *ckp_network_country_name(const ckp_network *net, igraph_integer_t c);
igraph_integer_t ckp_network_owner_count(const ckp_network *net);
const char *ckp_network_owner_name(const ckp_network *net, igraph_integer_t o);

/*
 * Groups of countries the network defines ("groups" in the file; see
 * chokepoint/groups.h for the rules). Scenarios on the network may name
 * them, and the views list them.
 */
ckp_code ckp_network_add_group(ckp_network *net, const char *name, const char *const *members,
                               igraph_integer_t n_members, ckp_error *err);
const ckp_groups *ckp_network_groups(const ckp_network *net);

/*
 * Copy a network (its groups too), leaving out the nodes with `drop_node[i]` set (and their
 * edges) and the edges with `drop_edge[e]` set. Either mask may be NULL.
 * Surviving nodes and edges keep their relative order.
 */
ckp_code ckp_network_copy(ckp_network **out, const ckp_network *net, const char *drop_node,
                          const char *drop_edge, ckp_error *err);

/*
 * Build the igraph graph of the network (vertex i = node i, edge e = edge e).
 * The caller destroys it.
 */
ckp_code ckp_network_graph(igraph_t *graph, const ckp_network *net, ckp_error *err);

CKP_END_DECLS

#endif
