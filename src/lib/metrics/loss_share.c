/*
 * Removals' losses taken by several threads in chunks, so that a thread can start on them
 * while another still finishes other work (analyze's origin tracing) and join in after.
 * Heaviest first, as ckp_flow_losses orders its own queue; a chunk is about a quarter of the
 * weight left, at least a sixteenth of the whole (each chunk is one ckp_flow_losses call,
 * which copies the baseline: few and large, yet the heaviest sets alone first). A loss does
 * not depend on which call or thread computes it.
 */
#include "loss_share.h"

#include <stdlib.h>

#include "flow_internal.h"
#include "progress.h"

#define STAGE "flow at risk"

void ckp_loss_share_destroy(ckp_loss_share *s)
{
    free(s->sets);
    free(s->sizes);
    free(s->through);
    free(s->index);
    free(s->losses);
    pthread_mutex_destroy(&s->lock);
}

ckp_code ckp_loss_share_init(ckp_loss_share *s, const ckp_flow *flow,
                             const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                             igraph_integer_t n, const double *node_flow, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    size_t nn = (size_t)(n ? n : 1);
    ckp_set_weight *w = malloc(nn * sizeof *w);
    *s = (ckp_loss_share){.flow = flow, .n = n};
    pthread_mutex_init(&s->lock, NULL);
    s->sets = malloc(nn * sizeof *s->sets);
    s->sizes = malloc(nn * sizeof *s->sizes);
    s->through = malloc(nn * sizeof *s->through);
    s->index = malloc(nn * sizeof *s->index);
    s->losses = malloc(nn * sizeof *s->losses);
    if (!w || !s->sets || !s->sizes || !s->through || !s->index || !s->losses) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory computing flow at risk");
        goto done;
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        double through = 0;
        for (igraph_integer_t k = 0; k < sizes[i]; k++)
            through += node_flow[sets[i][k]];
        w[i] = (ckp_set_weight){through, i};
    }
    qsort(w, (size_t)n, sizeof *w, ckp_set_weight_desc);
    for (igraph_integer_t i = 0; i < n; i++) {
        s->index[i] = w[i].index;
        s->sets[i] = sets[w[i].index];
        s->sizes[i] = sizes[w[i].index];
        s->through[i] = w[i].through;
        s->left += w[i].through;
    }
    s->least = s->left / 16;
    ckp_progress(STAGE, 0, (long long)n);
done:
    free(w);
    return rc;
}

ckp_code ckp_loss_share_run(ckp_loss_share *s, int threads, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        igraph_integer_t from = s->next, to = from;
        double want = s->left / 4 > s->least ? s->left / 4 : s->least, got = 0;
        /* the sets that carry nothing cost nothing: all in one chunk */
        while (to < s->n && (to == from || got < want || s->through[to] == 0))
            got += s->through[to++];
        s->next = to;
        s->left -= got;
        pthread_mutex_unlock(&s->lock);
        if (from == to)
            break;
        /* no progress per chunk: one count of the sets for the whole share */
        rc = ckp_flow_losses_stage(s->flow, s->sets + from, s->sizes + from, to - from, threads,
                                   s->losses + from, NULL, err);
        pthread_mutex_lock(&s->lock);
        if (rc)
            s->next = s->n; /* the others stop at their next chunk */
        s->finished += to - from;
        ckp_progress(STAGE, (long long)s->finished, (long long)s->n);
        pthread_mutex_unlock(&s->lock);
        if (rc)
            break;
    }
    return rc;
}

void ckp_loss_share_finish(const ckp_loss_share *s, double *losses)
{
    for (igraph_integer_t i = 0; i < s->n; i++)
        losses[s->index[i]] = s->losses[i];
}
