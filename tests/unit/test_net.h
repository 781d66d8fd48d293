/*
 * Networks for the unit tests: one of networks/small by its file name, a node
 * by its id. Both exit on failure: a test cannot go on without them.
 */
#ifndef CKP_TEST_NET_H
#define CKP_TEST_NET_H

#include <stdarg.h>
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

/*
 * A random network's JSON text, built up piece by piece (single quotes, as test_load_text
 * takes them); each edge is written once, `has` marking the pairs already written.
 */
typedef struct {
    char *js, *has;
    size_t len, cap;
    int n, edges;
} test_text;

static inline void test_text_init(test_text *t, int n, size_t cap)
{
    t->js = malloc(cap);
    t->has = calloc((size_t)n * (size_t)n, 1);
    t->len = 0;
    t->cap = cap;
    t->n = n;
    t->edges = 0;
    if (!t->js || !t->has) {
        fprintf(stderr, "out of memory building a test network\n");
        exit(1);
    }
}

static inline void test_text_add(test_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    t->len += (size_t)vsnprintf(t->js + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (t->len >= t->cap) {
        fprintf(stderr, "a test network outgrew its %zu bytes\n", t->cap);
        exit(1);
    }
}

/* Whether the edge u -> v is new (not a loop, not written before); marks it written. */
static inline int test_text_pair(test_text *t, int u, int v)
{
    if (u == v || t->has[(size_t)u * (size_t)t->n + (size_t)v])
        return 0;
    t->has[(size_t)u * (size_t)t->n + (size_t)v] = 1;
    return 1;
}

/* The edge from node u to node v, named PREFIX<u> and PREFIX<v>. */
static inline void test_text_edge(test_text *t, const char *prefix, int u, int v, unsigned volume)
{
    test_text_add(t, "%s{'from': '%s%d', 'to': '%s%d', 'volume': %u}", t->edges++ ? ", " : "",
                  prefix, u, prefix, v, volume);
}

/* The network: the edge list closed, loaded, the text freed. */
static inline ckp_network *test_text_load(test_text *t)
{
    test_text_add(t, "]}");
    ckp_network *net = test_load_text(t->js);
    free(t->js);
    free(t->has);
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
