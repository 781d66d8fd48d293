/*
 * Networks for the unit tests: one of networks/small by its file name, a node
 * by its id. Both exit on failure: a test cannot go on without them.
 */
#ifndef CKP_TEST_NET_H
#define CKP_TEST_NET_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/load.h"
#include "chokepoint/network.h"
#include "chokepoint/scenario.h"
#include "chokepoint/stress.h"

/* networks/small/FILE, e.g. "diamond.json". */
static inline ckp_network *test_load_small(const char *file)
{
    char path[512], msg[2200];
    ckp_error err;
    ckp_network *net = NULL;
    ckp_error_init(&err);
    snprintf(path, sizeof path, "%s/small/%s", CKP_NETWORKS, file);
    if (ckp_load_json(&net, path, &err)) {
        fprintf(stderr, "cannot load %s: %s\n", path, ckp_error_format(msg, sizeof msg, &err));
        exit(1);
    }
    return net;
}

static inline igraph_integer_t test_node(const ckp_network *net, const char *id)
{
    igraph_integer_t v = ckp_network_find(net, id);
    if (v < 0) {
        fprintf(stderr, "no node %s\n", id);
        exit(1);
    }
    return v;
}

/* A network from JSON written with single quotes, for readability. */
static inline ckp_network *test_load_text(const char *text)
{
    char *buf = strdup(text), msg[2200];
    ckp_error err;
    ckp_network *net = NULL;
    for (char *p = buf; *p; p++)
        if (*p == '\'')
            *p = '"';
    if (ckp_load_json_buffer(&net, buf, strlen(buf), "inline.json", &err)) {
        fprintf(stderr, "cannot load the inline network: %s\n",
                ckp_error_format(msg, sizeof msg, &err));
        exit(1);
    }
    free(buf);
    return net;
}

/* A scenario of `net` from its JSON text. */
static inline ckp_scenario *test_scenario(const ckp_network *net, const char *json)
{
    ckp_scenario *s = NULL;
    ckp_error err;
    if (ckp_scenario_parse(&s, net, json, strlen(json), "inline-scenario.json", &err)) {
        fprintf(stderr, "cannot parse the scenario %s: %s\n", json, err.message);
        exit(1);
    }
    return s;
}

/* `net` under the scenario of JSON text `scenario` lasting `days` days. */
static inline ckp_time_report test_time_over(const ckp_network *net, const char *scenario,
                                             double days)
{
    ckp_scenario *s = test_scenario(net, scenario);
    ckp_time_report r;
    ckp_error err;
    if (ckp_time_scenario(&r, net, s, days, &err) != CKP_OK) {
        fprintf(stderr, "time: %s\n", err.message);
        exit(1);
    }
    ckp_scenario_free(s);
    return r;
}

#endif
