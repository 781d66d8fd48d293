/*
 * chokepoint: what-if evaluation. A scenario run compares a network before
 * and after a shock; a comparison evaluates the baseline and each plan under
 * each scenario. Both rest on the served-demand model of flow.h.
 */
#ifndef CHOKEPOINT_WHATIF_H
#define CHOKEPOINT_WHATIF_H

#include "chokepoint/dependency.h"
#include "chokepoint/network.h"
#include "chokepoint/plan.h"
#include "chokepoint/scenario.h"
#include "chokepoint/views.h"

CKP_BEGIN_DECLS

typedef struct {
    igraph_integer_t node;  /* in the baseline network */
    double demand;
    double baseline_max;    /* the most it can receive alone (max flow to it only) */
    double scenario_max;    /* the same under the scenario; 0 when the scenario removes it */
    /* both NAN past the views' exact limit for an end user without ranges (views.h) */
} ckp_user_impact;

typedef struct {
    double demand;
    double baseline_served;
    double served;
    igraph_integer_t removed_nodes, removed_edges;
    igraph_integer_t n_end_users;
    ckp_user_impact *end_users;          /* by id */
    igraph_integer_t spofs_baseline, spofs_scenario;
    igraph_integer_t n_appear, n_disappear;
    igraph_integer_t *appear, *disappear; /* baseline node indices, by id */
    ckp_network *shocked;                 /* the network under the scenario */
    ckp_dependency baseline_origin;       /* on the baseline's volumes */
    ckp_dependency scenario_origin;       /* on the volumes that remain */
    ckp_messages warnings;
    /*
     * Who goes short in the three views (immediate, rerouted, reallocated),
     * per end user, country and group; its warnings are in `warnings` too
     * (each once).
     */
    ckp_views views;
} ckp_scenario_report;

void ckp_scenario_report_destroy(ckp_scenario_report *r);

/* Evaluate one scenario against its network, the views with their default options. */
ckp_code ckp_scenario_run(ckp_scenario_report *r, const ckp_network *net, const ckp_scenario *s,
                          ckp_error *err);
/* The same, the views computed with `vopts` (NULL: the defaults; see views.h). */
ckp_code ckp_scenario_run_views(ckp_scenario_report *r, const ckp_network *net,
                                const ckp_scenario *s, const ckp_views_options *vopts,
                                ckp_error *err);

/*
 * One end user's dependence on the comparison's dominant country: the largest
 * share of its inflow that traces to that country at any tier before the last.
 */
typedef struct {
    const char *end_user;
    igraph_integer_t tier; /* -1 when nothing traces to the country */
    double share;
    /*
     * The most it could receive alone with every node of the dominant country
     * lost, as a share of its demand (1 when its demand is 0): how far a plan
     * makes it independent, which volumes alone cannot show for new capacity.
     */
    double without_dominant;
} ckp_top_dependence;

typedef struct {
    char *name;
    double demand;
    double served;
    igraph_integer_t spof_count;
    igraph_integer_t worst_redundancy; /* smallest over end users; 0 if one is unreachable;
                                          -1 with materials (not computed) */
    int worst_redundancy_exact;
    igraph_integer_t n_tiers;
    double *hhi;                       /* per tier */
    igraph_integer_t n_end_users;
    ckp_top_dependence *dependence;    /* per end user, by id */
    igraph_integer_t n_scenarios;
    double *scenario_served;           /* per scenario: reallocated, the maximum flow */
    /* per scenario, the views' totals (views.h); NAN when the network has no volumes */
    double *scenario_immediate;
    double *scenario_rerouted;
} ckp_plan_result;

typedef struct {
    igraph_integer_t n_plans;          /* the baseline first */
    ckp_plan_result *plans;
    igraph_integer_t n_scenarios;
    char **scenario_names;
    /*
     * The baseline's most dominant country: the highest share summed over
     * its tiers (ties by code); every plan's dependence is measured on it.
     */
    char dominant_country[3];
    igraph_integer_t *best_per_scenario; /* plan index with the most served share */
    igraph_integer_t best_worst_case;    /* plan whose worst served share is highest */
    ckp_messages warnings;
} ckp_comparison;

void ckp_comparison_destroy(ckp_comparison *c);

/*
 * Evaluate networks (the baseline and each plan applied) under each scenario.
 * `exact_limit`: exact redundancy up to this many nodes (see analysis.h).
 */
ckp_code ckp_compare(ckp_comparison *out, const ckp_network *const *nets,
                     const char *const *names, igraph_integer_t n_nets,
                     const ckp_scenario *const *scenarios, igraph_integer_t n_scenarios,
                     igraph_integer_t exact_limit, ckp_error *err);

/*
 * A what-if study: a baseline, each plan applied to it (from its file), each
 * scenario (read against the baseline), and their comparison, loaded and
 * compared once. The study borrows the baseline, which must outlive it; what
 * the accessors return lives as long as the study. `_free(NULL)` is a no-op.
 */
typedef struct ckp_study ckp_study;

/*
 * Apply the plans in order, then read the scenarios, then compare (the
 * baseline alone when there are none): the first failure is the error, with
 * its file, line and column. `exact_limit` as for ckp_compare.
 */
ckp_code ckp_study_new(ckp_study **out, const ckp_network *baseline,
                       const char *const *plan_paths, igraph_integer_t n_plans,
                       const char *const *scenario_paths, igraph_integer_t n_scenarios,
                       igraph_integer_t exact_limit, ckp_error *err);
void ckp_study_free(ckp_study *study);

/* The comparison: plans[0] is the baseline, plans[p] the plan of plan_paths[p - 1]. */
const ckp_comparison *ckp_study_comparison(const ckp_study *study);
/* How many plans, the baseline not counted. */
igraph_integer_t ckp_study_plan_count(const ckp_study *study);
/* Network p: 0 the baseline, p >= 1 the baseline with plan p applied. */
const ckp_network *ckp_study_network(const ckp_study *study, igraph_integer_t p);
/* What plan p (1 to ckp_study_plan_count) did; NULL for the baseline (0). */
const ckp_plan_info *ckp_study_plan_info(const ckp_study *study, igraph_integer_t p);
igraph_integer_t ckp_study_scenario_count(const ckp_study *study);
/* Scenario s, 0-based, in the order of scenario_paths. */
const ckp_scenario *ckp_study_scenario(const ckp_study *study, igraph_integer_t s);

CKP_END_DECLS

#endif
