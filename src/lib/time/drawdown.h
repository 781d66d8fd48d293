/*
 * The immediate view over time (issue 19, not public): the fixed-proportion
 * propagation of the immediate view run as rates with stocks, an exact
 * event simulation, piecewise constant between events (a stock runs out).
 *
 * A node keeps the share f of its recorded outflows, f = min(1, capacity /
 * throughput, inflow / recorded inflow) as in the immediate view; a node
 * with stock left keeps f at least at its unshocked share by drawing its
 * stock at the rate of the difference (past its capacity), so its customers
 * see nothing until it runs out. A stock covers only its node's recorded
 * outflow: a stockpile node with no recorded outflow serves nobody here. An
 * end user with stock tops up what arrives to its unshocked rate. Fractions
 * only fall as stocks run out, so each event restarts the propagation from
 * the current fractions, from the node whose stock ran out (the greatest
 * fixed point below them is the new one).
 */
#ifndef CKP_TIME_DRAWDOWN_H
#define CKP_TIME_DRAWDOWN_H

#include "chokepoint/network.h"

/* The most served rates kept for figures. */
#define CKP_DRAWDOWN_KEEP 10000000

typedef struct {
    int has_volumes;            /* 0: no immediate view, every figure NAN */
    igraph_integer_t n;         /* nodes of the baseline */
    double *rate;               /* per end user: its unshocked immediate rate, per year */
    double *lost;               /* per end user: lost over the horizon (unrounded); else 0 */
    double *tts;                /* per end user: first day short, NAN never; else NAN */
    igraph_integer_t n_idle;    /* nodes with stock and no recorded outflow */
    igraph_integer_t idle;      /* the first of them, -1 when none */
    igraph_integer_t n_users;
    igraph_integer_t *users;    /* the end users, by index */
    /*
     * The served rate of each end user over time, per year: segment k starts
     * on day[k] (day[0] = 0) and lasts to day[k + 1], the last for ever;
     * served[k * n_users + i] is users[i]'s. NULL past CKP_DRAWDOWN_KEEP values.
     */
    igraph_integer_t n_steps;
    double *day;
    double *served;
    /*
     * The stocks that can be drawn (of nodes with recorded outflow, or end users), by
     * index: held[i]'s stock left on day[k] is stock[k * n_held + i], linear between
     * steps (NULL past CKP_DRAWDOWN_KEEP values).
     */
    igraph_integer_t n_held;
    igraph_integer_t *held;
    double *stock;
} ckp_drawdown;

/* The propagations' work queue: nodes first in, first out, each in it at most once. */
typedef struct {
    igraph_integer_t *item;
    char *queued;
    igraph_integer_t n, head, len;
} ckp_node_queue;

int ckp_node_queue_init(ckp_node_queue *q, igraph_integer_t n); /* -1: out of memory */
void ckp_node_queue_destroy(ckp_node_queue *q);
void ckp_node_queue_push(ckp_node_queue *q, igraph_integer_t v);
igraph_integer_t ckp_node_queue_pop(ckp_node_queue *q); /* -1 when empty */

/*
 * How the shares propagate (drawdown.c one material, drawdown_bom.c recipes), for the
 * event loop: a model holds the shocked state on the baseline's indices.
 */
typedef struct ckp_drawdown_model ckp_drawdown_model;
struct ckp_drawdown_model {
    double *stock;   /* per node: stock left */
    char *gone;      /* per node: lost (passes nothing, its stock included) */
    /* whether node v (not an end user) ships from its stock when short */
    int (*holds)(const ckp_drawdown_model *m, igraph_integer_t v);
    /* the rate, per year, node v (not an end user) draws its stock at now */
    double (*draw)(ckp_drawdown_model *m, igraph_integer_t v);
    /* what end user u receives now, before its own stock */
    double (*arriving)(ckp_drawdown_model *m, igraph_integer_t u);
    /* node v's stock ran out: its share may fall */
    void (*ran_out)(ckp_drawdown_model *m, igraph_integer_t v);
    /* the shares down to the new fixed point */
    void (*settle)(ckp_drawdown_model *m);
    void (*free)(ckp_drawdown_model *m);
};

/*
 * The model of a network with materials: sets d->has_volumes and d->rate (the end users'
 * unshocked rates), then the shock read from `shocked`, settled.
 */
ckp_code ckp_drawdown_bom_model(ckp_drawdown_model **out, ckp_drawdown *d,
                                const ckp_network *net, const ckp_network *shocked,
                                ckp_error *err);

/*
 * Run the scenario giving `shocked` from `net` (nodes matched by id: a
 * node missing from `shocked` is lost with its stock) over `days` days.
 * Stocks, capacities and edges are the shocked network's.
 */
ckp_code ckp_drawdown_run(ckp_drawdown *d, const ckp_network *net, const ckp_network *shocked,
                          double days, ckp_error *err);
void ckp_drawdown_destroy(ckp_drawdown *d);

#endif
