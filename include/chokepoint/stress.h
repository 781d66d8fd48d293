/*
 * chokepoint: time (issue 19; docs/analysis.md, "Time: stocks, TTR and
 * TTS"). Rates are per year and a day is 1/365 of a year; node stocks are
 * quantities, drawn past the node's capacity and never refilled. Over a
 * horizon of T days the network serves the maximum flow of the network with
 * every capacity and demand scaled by T/365 and a stock arc of s_j into
 * each node's output (Simchi-Levi et al., Interfaces 45(5), 2015, whose
 * linear programs are maximum flows with one material).
 *
 * - lost over T days: demand not met over T days with the shock minus
 *   without it (the reallocated view: flows reroute and stocks go where
 *   they serve most);
 * - time to survive (TTS) of a set G of end users: the largest t such that
 *   G receives its rate over t days, the rate G receives unshocked without
 *   stocks (its demand unless the network cannot serve it); independent of
 *   T, exact to 0.01 day, NAN when never short;
 * - time to recover (TTR): a node's `ttr_days` (else the network's, else
 *   90); a country's is the longest of its nodes'.
 *
 * A network with materials runs the same programs as linear programs with its recipes
 * (docs/analysis.md, "With materials").
 */
#ifndef CHOKEPOINT_STRESS_H
#define CHOKEPOINT_STRESS_H

#include "chokepoint/network.h"
#include "chokepoint/scenario.h"
#include "chokepoint/whatif.h"

CKP_BEGIN_DECLS

typedef enum { CKP_STRESS_NODE, CKP_STRESS_COUNTRY } ckp_stress_kind;

typedef struct {
    ckp_stress_kind kind;
    char *id;                  /* node id or country code */
    igraph_integer_t index;    /* node index or country index */
    double ttr_days;
    double lost;               /* demand lost over ttr_days, all end users */
    double rei;                /* lost over the largest lost; 0 when every lost is 0 */
    double tts_days;           /* the group's TTS with it lost, down to 0.01 day; NAN: never */
    int exposed;               /* tts_days < ttr_days */
} ckp_stress_row;

typedef struct {
    char *group;                    /* NULL: every end user */
    igraph_integer_t n_group_end_users;
    double group_rate;              /* what the group receives unshocked without stocks, per year */
    igraph_integer_t n;
    ckp_stress_row *rows;           /* by lost, descending; ties by id, nodes first */
} ckp_stress;

void ckp_stress_init(ckp_stress *s);
void ckp_stress_destroy(ckp_stress *s);

/*
 * Every node and every country of `net` lost alone for its TTR: lost demand
 * and the TTS of `group` (a country code or a group name; NULL: every end
 * user). The losses come from one baseline flow per distinct TTR repaired
 * per node (ckp_flow_losses, on `threads` threads); a TTS is computed only
 * where the loss of the node cuts the group's long-run rate, in a few max
 * flows.
 */
ckp_code ckp_stress_run(ckp_stress *out, const ckp_network *net, const char *group,
                        int threads, ckp_error *err);
/*
 * The same for the `busiest` nodes only (0: every node): those with the most
 * throughput in the annual maximum flow without stocks, ties by id; every
 * country is still ranked, and rei is over the rows computed.
 */
ckp_code ckp_stress_run_busiest(ckp_stress *out, const ckp_network *net, const char *group,
                                int threads, igraph_integer_t busiest, ckp_error *err);

/* One end user, country or group of a scenario over its duration. */
typedef struct {
    char *name;
    igraph_integer_t n_end_users;
    double demand;             /* over the duration */
    double lost;               /* the most it can lose among optimal allocations */
    double tts_days;           /* NAN: never short */
    double lost_immediate;     /* the immediate view over time; NAN without volumes */
    double tts_immediate_days; /* NAN: never short, or no volumes */
} ckp_time_entry;

typedef struct {
    double duration_days;
    double demand, lost, tts_days;   /* every end user */
    double lost_immediate, tts_immediate_days;
    igraph_integer_t n_end_users, n_countries, n_groups;
    ckp_time_entry *end_users;       /* by id */
    ckp_time_entry *countries;       /* countries of end users, by code */
    ckp_time_entry *groups;          /* groups with an end user, by name */
    ckp_messages notes;
} ckp_time_report;

void ckp_time_report_init(ckp_time_report *r);
void ckp_time_report_destroy(ckp_time_report *r);

/*
 * The scenario `s` lasting `duration_days`: per end user, country (of end
 * users) and group (the network's, the scenario's and EU27), the demand lost
 * over the duration and the time to survive, in the reallocated view (the
 * maximum flows above) and the immediate view (the fixed-proportion
 * propagation of the views run as rates: a node short of input keeps its
 * recorded output by drawing its own stock until it runs out, an end user
 * draws its stock; an exact event simulation). In the immediate view an
 * entry's lost is the sum of its end users' and its TTS the earliest.
 */
ckp_code ckp_time_scenario(ckp_time_report *out, const ckp_network *net, const ckp_scenario *s,
                           double duration_days, ckp_error *err);

/*
 * Plans ranked by the demand they lose over a shock's duration (compare
 * --duration): each plan of a study (the baseline first) under each of its
 * scenarios lasting `duration_days`, for `group` (a country code or a group
 * name of ckp_time_scenario's entries; NULL: every end user).
 */
typedef struct {
    double duration_days;
    char *group;                     /* NULL: every end user */
    igraph_integer_t n_plans, n_scenarios;
    char **plan_names;               /* "baseline" first */
    char **scenario_names;
    /*
     * rows[s * n_plans + k]: scenario s's k-th plan by lost (reallocated,
     * then immediate, then the study's order); name is the plan's
     */
    ckp_time_entry *rows;
    igraph_integer_t *plan;          /* per row: its plan's index */
    ckp_messages notes;              /* each once */
} ckp_time_comparison;

void ckp_time_comparison_init(ckp_time_comparison *c);
void ckp_time_comparison_destroy(ckp_time_comparison *c);

ckp_code ckp_time_compare(ckp_time_comparison *out, const ckp_study *study, double duration_days,
                          const char *group, ckp_error *err);

CKP_END_DECLS

#endif
