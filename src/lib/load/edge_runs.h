/*
 * Edges read on several threads (the CSV and JSON loaders): each thread reads a run of
 * them into the network's arrays in place, in room reserved first, with their texts
 * interned in a table of its own (the network's is not for threads); then the runs are
 * made the network's, in file order.
 */
#ifndef CKP_EDGE_RUNS_H
#define CKP_EDGE_RUNS_H

#include <stdint.h>

#include "network_internal.h"
#include "strtab.h"

typedef struct {
    ckp_network *net;            /* its edge arrays written from `at`, by this run only */
    igraph_integer_t at, n, cap; /* first edge, edges read, room */
    int32_t *material;           /* a material per edge read, NULL until an edge names one */
    ckp_strtab texts;
    int failed;
} ckp_edge_run;

void ckp_edge_run_init(ckp_edge_run *r, ckp_network *net);
void ckp_edge_run_destroy(ckp_edge_run *r);

/* Each run's first edge after the room of those before it, and that room reserved; -1 when
   there are too many edges or no memory for them. */
int ckp_edge_runs_place(ckp_network *net, ckp_edge_run *const *runs, int n_runs, ckp_error *err);

/*
 * The edge (material -1 for none) at the run's next place; -1, with `failed` set, when the
 * room is full, the network would refuse it (ckp_network_edge_fits) or memory ran out.
 */
int ckp_edge_run_put(ckp_edge_run *r, const ckp_edge_spec *spec, igraph_integer_t material);

/* The runs' edges made the network's, in order: texts interned, gaps closed, materials set. */
int ckp_edge_runs_add(ckp_network *net, ckp_edge_run *const *runs, int n_runs, ckp_error *err);

/* How many runs to read on threads: one a processor, up to CKP_MAX_RUNS (1: no threads). */
#define CKP_MAX_RUNS 4
int ckp_edge_run_count(void);

/* fn on each of the n items (of `size` bytes), each on a thread, all joined; -1 when one
   could not start (those that did are joined) */
int ckp_on_threads(void *items, size_t size, int n, void *(*fn)(void *));

#endif
