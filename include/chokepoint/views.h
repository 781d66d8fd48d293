/*
 * chokepoint: who goes short under a scenario, in three views (issue 18;
 * docs/scenarios.md, "Three views of a shock").
 *
 * - immediate: the recorded edge volumes propagated with fixed proportions,
 *   nobody adapts. One number per end user.
 * - rerouted: the immediate flows stay; extra flow from the first tier
 *   along existing edges within the capacity they leave unused, each end
 *   user up to what it was observed to receive. The most in total.
 * - reallocated: the shocked network's maximum flow from scratch.
 *
 * The rerouted and reallocated totals are unique but their split is not:
 * each end user, country and group gets the exact range [min, max] of what
 * it receives over every allocation that reaches the total (the served
 * amounts of maximum flows form the bases of a polymatroid: max_G = f(G),
 * min_G = f(S) - f(S \ G), f(G) the maximum flow to the end users in G
 * alone).
 */
#ifndef CHOKEPOINT_VIEWS_H
#define CHOKEPOINT_VIEWS_H

#include "chokepoint/groups.h"
#include "chokepoint/network.h"
#include "chokepoint/scenario.h"

CKP_BEGIN_DECLS

/* The least and the most; both NAN when not computed (see ckp_views_entry.ranged). */
typedef struct {
    double min;
    double max;
} ckp_range;

/*
 * One end user, country or group. Figures that need volumes (observed,
 * immediate, rerouted) are NAN when the network has none. An end user the
 * scenario removes has zeros.
 */
typedef struct {
    char *name;                 /* end user id, country code or group name */
    igraph_integer_t node;      /* end users: index in the network; else -1 */
    igraph_integer_t n_end_users;
    double demand;
    double observed_served;     /* the immediate rule with no shock */
    double immediate_served;
    ckp_range rerouted;
    ckp_range reallocated;
    int ranged;                 /* 0: past the exact limit, ranges NAN */
} ckp_views_entry;

typedef struct {
    int available;              /* 1 once computed (networks with materials: on their LP) */
    int has_volumes;            /* 0: no immediate or rerouted view (NAN, never zeros) */
    int ranges_partial;         /* 1: some end users have no ranges (the exact limit) */
    igraph_integer_t n_removed; /* end users the scenario removes: ranged (zeros), uncounted */
    double demand;
    double observed_served;
    double immediate_served;
    double rerouted_served;     /* the most, a unique total */
    double reallocated_served;  /* the shocked network's maximum flow */
    igraph_integer_t n_end_users;
    ckp_views_entry *end_users; /* by id */
    igraph_integer_t n_countries;
    ckp_views_entry *countries; /* countries of end users, by code */
    igraph_integer_t n_groups;
    ckp_views_entry *groups;    /* groups with an end user, by name */
    ckp_messages warnings;
} ckp_views;

typedef struct {
    /*
     * End-user ranges for every end user when there are at most this many;
     * above it, for this many: those with the largest immediate losses (the
     * largest demands when there are no volumes). Countries and groups
     * always get ranges.
     */
    igraph_integer_t exact_limit;
    int threads;                /* for the range computations; results do not depend on it */
    const ckp_groups *groups;   /* more groups for the tables (may be NULL); EU27 is built in */
} ckp_views_options;

#define CKP_VIEWS_EXACT_LIMIT 200

void ckp_views_options_init(ckp_views_options *opts);

void ckp_views_init(ckp_views *v);
void ckp_views_destroy(ckp_views *v);

/*
 * The three views of `s` on `net`. The scenario's own groups join the
 * tables too. `opts` may be NULL (the defaults). A network with materials
 * gets them on its linear program: two LPs per range (docs/scenarios.md).
 */
ckp_code ckp_views_run(ckp_views *out, const ckp_network *net, const ckp_scenario *s,
                       const ckp_views_options *opts, ckp_error *err);

CKP_END_DECLS

#endif
