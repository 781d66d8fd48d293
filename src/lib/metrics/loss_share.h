/* Removals' losses on a kept baseline, shared by threads in chunks (not public). */
#ifndef CKP_LOSS_SHARE_H
#define CKP_LOSS_SHARE_H

#include <pthread.h>

#include "chokepoint/flow.h"

typedef struct {
    pthread_mutex_t lock;
    const ckp_flow *flow;
    igraph_integer_t n, next, finished; /* sets; the first not taken; those done */
    const igraph_integer_t **sets;      /* heaviest first */
    igraph_integer_t *sizes, *index;    /* index: the set's place in the caller's order */
    double *through, *losses, left, least; /* weights; results; weight not taken; least chunk */
} ckp_loss_share;

/* The `n` sets (copied pointers: they must outlive the share), ordered by the flow through
   them (`node_flow` per node). */
ckp_code ckp_loss_share_init(ckp_loss_share *s, const ckp_flow *flow,
                             const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                             igraph_integer_t n, const double *node_flow, ckp_error *err);
void ckp_loss_share_destroy(ckp_loss_share *s);

/* Take chunks and compute their losses with `threads` threads each, until none is left; any
   number of threads may call this at once. On an error the others stop after their chunk. */
ckp_code ckp_loss_share_run(ckp_loss_share *s, int threads, ckp_error *err);

/* The losses, in the order the sets were given. */
void ckp_loss_share_finish(const ckp_loss_share *s, double *losses);

#endif
