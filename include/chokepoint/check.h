/*
 * chokepoint: validation summary and data-gap warnings (`chokepoint check`).
 *
 * Loading already rejects invalid networks; this reports what a valid network
 * says and where its data look thin. Warnings never make a network invalid.
 */
#ifndef CHOKEPOINT_CHECK_H
#define CHOKEPOINT_CHECK_H

#include "chokepoint/concentration.h"
#include "chokepoint/network.h"

CKP_BEGIN_DECLS

typedef enum {
    CKP_WARN_NO_SUPPLIER,    /* a node outside the first tier with no incoming edge */
    CKP_WARN_NO_CUSTOMER,    /* a node outside the last tier with no outgoing edge */
    CKP_WARN_AGAINST_TIERS,  /* an edge from a later tier to an earlier one */
    CKP_WARN_CYCLE,          /* a cycle (one per strongly connected component) */
    CKP_WARN_OVER_CAPACITY,  /* volume over a node's or an edge's capacity */
    CKP_WARN_SHORT_INFLOW,   /* an end user's inflow below its demand */
    CKP_WARN_NO_SOURCE,      /* a figure with neither source nor estimate */
    CKP_WARN_TIER_ORDER,     /* the tier order was inferred from the edges (CSV) */
    CKP_WARN_TIER_FLOW,      /* the first tier sends nothing, or the end users get nothing */
    CKP_WARN_NO_METADATA,    /* the network has no unit or no source */
    CKP_WARN_RECIPE_VOLUME,  /* a recipe's inputs and the recorded volumes >10% apart */
    CKP_WARN_KIND_COUNT
} ckp_warning_kind;

/* Short stable name of a kind ("no-supplier", ...), used in text and JSON. */
const char *ckp_warning_kind_name(ckp_warning_kind kind);

/*
 * Warnings are stored compactly and worded on demand (ckp_check_message):
 * a million-node network can raise millions of them.
 */
typedef struct {
    ckp_warning_kind kind;
    igraph_integer_t node;  /* -1 when about an edge */
    igraph_integer_t edge;  /* -1 when about a node */
    double value, limit;    /* over-capacity and short-inflow figures */
    char *detail;           /* cycles and the network's warnings: the words; else NULL */
} ckp_warning;

typedef struct {
    igraph_integer_t nodes;
    igraph_integer_t edges_out;   /* edges leaving nodes of this tier */
    igraph_integer_t countries;
} ckp_tier_summary;

typedef struct {
    igraph_integer_t nodes, edges, sources, end_users, countries, owners;
    double total_demand;
    igraph_integer_t n_tiers;
    ckp_tier_summary *tiers;
    ckp_tier_concentration *concentration; /* per tier */
    igraph_integer_t n_warnings;
    ckp_warning *warnings; /* by kind, then by node or edge index */
    igraph_integer_t counts[CKP_WARN_KIND_COUNT];
    /* materials (chokepoint-network/2): 0 and NULL for a network of one material */
    igraph_integer_t n_materials;
    igraph_integer_t *material_edges_out; /* [material * n_tiers + tier] */
    ckp_tier_concentration **material_concentration; /* per material: per tier, by volume */
    char *text;            /* ckp_check_message's buffer */
    size_t text_size;
} ckp_check_report;

void ckp_check_report_init(ckp_check_report *report);
void ckp_check_report_destroy(ckp_check_report *report);

/*
 * The words of warning i, e.g. "node 'x' (separation) has no supplier". The
 * text lives in the report until the next call; NULL on out of memory.
 */
const char *ckp_check_message(ckp_check_report *report, const ckp_network *net,
                              igraph_integer_t i);

/*
 * Summarise and look for data gaps. O((nodes + edges) log). On a network with materials,
 * also per material, and a loop making material from nothing (ckp_bom_check_gain) is an
 * error naming a node of it.
 */
ckp_code ckp_check(ckp_check_report *report, const ckp_network *net, ckp_error *err);

CKP_END_DECLS

#endif
