/* Progress reports: see chokepoint/progress.h. */
#include "progress.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void ckp_progress_meter_init(ckp_progress_meter *m, int tty, double delay)
{
    m->tty = tty;
    m->shown = 0;
    m->start = now();
    m->last = -1e9;
    m->delay = delay;
}

const char *ckp_progress_clear(ckp_progress_meter *m)
{
    const char *text = m->shown ? "\r\033[K" : "";
    m->shown = 0;
    return text;
}

int ckp_progress_line(char *out, size_t size, ckp_progress_meter *m, const char *stage,
                      long long done, long long total)
{
    int percent = total > 0 && done < total ? (int)(done * 100 / total) : 100;
    double t = now();
    if (!m->tty && (done == 0 || done >= total))
        snprintf(out, size, "chokepoint: %s %d%%\n", stage, percent);
    else if (m->tty && done >= total)
        snprintf(out, size, "%s", ckp_progress_clear(m));
    else if (m->tty && t - m->start >= m->delay && t - m->last >= 0.1) {
        m->last = t;
        m->shown = 1;
        snprintf(out, size, "\rchokepoint: %s %3d%%\033[K", stage, percent);
    } else
        return 0;
    return out[0] != '\0';
}
