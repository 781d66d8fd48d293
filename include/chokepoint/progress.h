/*
 * chokepoint: progress of the long loops (loading, flow at risk, single
 * points of failure, scenario views, stress), for a caller that shows it.
 * The library never prints: it calls the caller's function, which draws.
 */
#ifndef CHOKEPOINT_PROGRESS_H
#define CHOKEPOINT_PROGRESS_H

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

CKP_END_DECLS

#endif
