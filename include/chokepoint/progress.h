/*
 * chokepoint: progress of the long loops (loading, flow at risk, single
 * points of failure, scenario views, stress), for a caller that shows it.
 * The library never prints: it calls the caller's function, which draws.
 */
#ifndef CHOKEPOINT_PROGRESS_H
#define CHOKEPOINT_PROGRESS_H

#include <stddef.h>

#include "chokepoint/common.h"

CKP_BEGIN_DECLS

/*
 * `done` of `total` steps of `stage` ("loading", "flow at risk", ...): called
 * with 0 when a stage starts, then each time its percentage grows, and with
 * done == total when it ends. From any thread, but one call at a time.
 */
typedef void (*ckp_progress_fn)(void *ctx, const char *stage, long long done,
                                long long total);

/*
 * Set the process's progress function (NULL: none, the default), before the
 * work starts: it is one setting for every call, not per network.
 */
void ckp_progress_set(ckp_progress_fn fn, void *ctx);

/*
 * What a caller shows of the reports, as text it writes itself (the library
 * never prints). Feed each report to ckp_progress_line and write `out` when
 * it returns 1. On a terminal (`tty`): "\rchokepoint: STAGE  NN%\033[K"
 * once `delay` seconds have passed since the init, at most ten times a
 * second, and "\r\033[K" when a stage ends, so that output can follow;
 * elsewhere (a log) "chokepoint: STAGE NN%\n" when each stage starts and
 * when it ends.
 */
typedef struct {
    int tty, shown;
    double start, last, delay; /* seconds, monotonic clock */
} ckp_progress_meter;

void ckp_progress_meter_init(ckp_progress_meter *m, int tty, double delay);
int ckp_progress_line(char *out, size_t size, ckp_progress_meter *m, const char *stage,
                      long long done, long long total);
/* The text that clears a line left shown ("" when none is). */
const char *ckp_progress_clear(ckp_progress_meter *m);

CKP_END_DECLS

#endif
