/*
 * chokepoint: the analysis engine (`chokepoint analyze`). Runs every metric
 * on one network and gathers the results. The definitions are in
 * docs/analysis.md and in each metric's header (flow.h, dominators.h,
 * centrality.h, concentration.h, dependency.h).
 */
#ifndef CHOKEPOINT_ANALYSIS_H
#define CHOKEPOINT_ANALYSIS_H

#include "chokepoint/concentration.h"
#include "chokepoint/dependency.h"
#include "chokepoint/network.h"

CKP_BEGIN_DECLS

typedef struct {
    /* Flow at risk is exact for every node up to this many nodes (default 5,000). */
    igraph_integer_t exact_limit;
    /*
     * Above it: for this many of the busiest nodes, and as many of the single
     * points of failure that dominate the most demand (100 each).
     */
    igraph_integer_t risk_top;
    /* Betweenness is exact up to exact_limit nodes, else sampled from this many sources (100). */
    igraph_integer_t betweenness_samples;
    unsigned long seed; /* for the sample (default 1) */
    /*
     * Threads for flow at risk (default: the processors online, at most 16).
     * With two or more, betweenness, concentration and origin tracing also
     * run on a second thread while the maximum flow is solved.
     */
    int threads;
} ckp_analysis_options;

void ckp_analysis_options_init(ckp_analysis_options *opts);

typedef struct {
    igraph_integer_t node;
    igraph_integer_t n_end_users;
    igraph_integer_t *end_users; /* by id */
    double dominated_demand;
} ckp_spof;

typedef struct {
    igraph_integer_t node;
    double demand;
    double served;                   /* what it receives in the baseline maximum flow */
    int reachable;                   /* some source reaches it */
    igraph_integer_t redundancy;     /* see redundancy_exact */
    int redundancy_exact;            /* 0: redundancy is a lower bound ("at least") */
    igraph_integer_t n_dominators;
    igraph_integer_t *dominators;    /* nearest to the sources first */
} ckp_end_user;

typedef struct {
    igraph_integer_t country;
    igraph_integer_t nodes;
    double flow_at_risk;
} ckp_country_risk;

typedef struct {
    double demand;
    double served;
    igraph_integer_t n_nodes;
    double *throughput;
    double *flow;              /* through each node in the baseline maximum flow */
    double *flow_at_risk;      /* NAN where not computed */
    double *dominated_demand;  /* demand of the end users (other than itself) it dominates */
    double *betweenness;
    igraph_integer_t risk_computed;  /* nodes with flow_at_risk computed */
    int risk_exact_all;              /* 1 when computed for every node */
    igraph_integer_t betweenness_samples; /* 0: exact */
    igraph_integer_t n_spofs;
    ckp_spof *spofs;           /* by dominated demand, largest first, ties by id */
    igraph_integer_t n_end_users;
    ckp_end_user *end_users;   /* by id */
    igraph_integer_t n_unreachable;
    igraph_integer_t n_countries;
    ckp_country_risk *countries; /* by flow at risk, largest first, ties by code */
    igraph_integer_t n_tiers;
    ckp_tier_concentration *concentration;
    ckp_dependency dependency;
    /*
     * Materials (chokepoint-network/2): 0 for a network of one material. With materials,
     * served, flow and flow at risk are the LP's, single points of failure and dominators
     * are by producibility (materials.h), and redundancy is not computed (0; null in JSON).
     */
    igraph_integer_t n_materials;
    ckp_tier_concentration **material_concentration; /* per material: per tier, by volume */
    ckp_dependency *material_dependency; /* per material: the origin of what is embedded */
} ckp_analysis;

void ckp_analysis_init(ckp_analysis *a);
void ckp_analysis_destroy(ckp_analysis *a);

/* Run the whole analysis. `opts` may be NULL for the defaults. */
ckp_code ckp_analyze(ckp_analysis *out, const ckp_network *net, const ckp_analysis_options *opts,
                     ckp_error *err);

CKP_END_DECLS

#endif
