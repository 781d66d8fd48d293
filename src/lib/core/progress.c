/* Progress reports: see chokepoint/progress.h. */
#include "progress.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

static ckp_progress_fn progress_fn;
static void *progress_ctx;
static pthread_mutex_t progress_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *last_stage;
static int last_percent;

void ckp_progress_set(ckp_progress_fn fn, void *ctx)
{
    pthread_mutex_lock(&progress_lock);
    progress_fn = fn;
    progress_ctx = ctx;
    last_stage = NULL;
    pthread_mutex_unlock(&progress_lock);
}

void ckp_progress(const char *stage, long long done, long long total)
{
    if (!progress_fn || !stage) /* the usual case: no lock taken in the loops */
        return;
    int percent = total > 0 && done < total ? (int)(done * 100 / total) : 100;
    pthread_mutex_lock(&progress_lock);
    /* workers may report out of order: a stage's percentage only grows, until it restarts */
    int same = last_stage && !strcmp(stage, last_stage);
    if (progress_fn && (!same || percent > last_percent || (!done && last_percent))) {
        last_stage = stage;
        last_percent = percent;
        progress_fn(progress_ctx, stage, done < total ? done : total, total);
    }
    pthread_mutex_unlock(&progress_lock);
}
