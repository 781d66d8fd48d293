/*
 * chokepoint: disruption scenarios. A scenario takes nodes out (by id or by
 * country), cuts trade between countries (an embargo removes every edge from
 * a node of country A to a node of country B; B "*" is every country but A),
 * and scales or sets node capacities. Flows then reroute within what is left:
 * an embargo on A to B does not stop A's material reaching B through a third
 * country. The file format is in docs/scenarios.md.
 */
#ifndef CHOKEPOINT_SCENARIO_H
#define CHOKEPOINT_SCENARIO_H

#include "chokepoint/groups.h"
#include "chokepoint/network.h"

CKP_BEGIN_DECLS

typedef struct {
    char from[3];
    char to[3]; /* "*": every country but `from` */
    /* the materials it stops (materials.h), by id; none listed: every material */
    char **materials;
    igraph_integer_t n_materials;
} ckp_embargo;

typedef struct {
    char *node;
    double factor;   /* NAN when `capacity` is set */
    double capacity; /* NAN when `factor` is set */
} ckp_capacity_change;

/* A list of messages the caller may print; never errors. */
typedef struct {
    igraph_integer_t n;
    char **items;
} ckp_messages;

void ckp_messages_destroy(ckp_messages *m);
/* Append a formatted message (NULL `m`: nothing). -1 when out of memory, else 0. */
int ckp_messages_add(ckp_messages *m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

typedef struct {
    char *name;
    char *description;
    char *source;
    igraph_integer_t n_remove_nodes;
    char **remove_nodes;
    igraph_integer_t n_remove_countries;
    char (*remove_countries)[3];
    igraph_integer_t n_embargoes;
    ckp_embargo *embargoes;
    igraph_integer_t n_capacity;
    ckp_capacity_change *capacity;
    ckp_messages warnings; /* found while reading, e.g. a country with no nodes */
    /*
     * Groups the file defines ("groups": {"allies": ["US", "AU"]}). A group
     * named in remove_countries or an embargo is expanded into its members
     * there, so the lists above hold countries only.
     */
    ckp_groups groups;
    /* how long the shock lasts in days ("duration_days"); NAN: the annual view */
    double duration_days;
} ckp_scenario;

/* An empty scenario named `name`. `_free(NULL)` is a no-op. */
ckp_code ckp_scenario_new(ckp_scenario **out, const char *name, ckp_error *err);
void ckp_scenario_free(ckp_scenario *s);

/*
 * Read a scenario file and check it against `net`: a node that does not
 * exist is an error naming the node and the file; a country with no nodes is
 * a warning.
 */
ckp_code ckp_scenario_load(ckp_scenario **out, const ckp_network *net, const char *path,
                           ckp_error *err);
ckp_code ckp_scenario_parse(ckp_scenario **out, const ckp_network *net, const char *buf,
                            size_t len, const char *path, ckp_error *err);

/* Command-line additions, checked against `net` like the file. */
ckp_code ckp_scenario_add_node(ckp_scenario *s, const ckp_network *net, const char *id,
                               ckp_error *err);
ckp_code ckp_scenario_add_country(ckp_scenario *s, const ckp_network *net, const char *code,
                                  ckp_error *err);
/* "CN:JP" or "CN:*" */
ckp_code ckp_scenario_add_embargo(ckp_scenario *s, const ckp_network *net, const char *spec,
                                  ckp_error *err);
/* "NODE=0.5x" scales, "NODE=2000" sets */
ckp_code ckp_scenario_add_capacity(ckp_scenario *s, const ckp_network *net, const char *spec,
                                   ckp_error *err);

/*
 * The network under the scenario: a copy without the removed nodes and the
 * embargoed edges, with the capacity changes made. Nodes the scenario names
 * but `net` lacks (a plan removed them) are skipped with a warning added to
 * `warnings` (may be NULL). `removed_nodes` and `removed_edges` (may be NULL)
 * count what was taken out, edges of removed nodes included.
 */
ckp_code ckp_scenario_apply(ckp_network **out, const ckp_network *net, const ckp_scenario *s,
                            igraph_integer_t *removed_nodes, igraph_integer_t *removed_edges,
                            ckp_messages *warnings, ckp_error *err);

CKP_END_DECLS

#endif
