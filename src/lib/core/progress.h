/* The library's side of chokepoint/progress.h: the long loops report here. */
#ifndef CKP_PROGRESS_INTERNAL_H
#define CKP_PROGRESS_INTERNAL_H

#include "chokepoint/progress.h"

/*
 * `done` of `total` steps of `stage` (a string that outlives the call, as a
 * literal does; NULL: none). Passed on when the stage or its whole
 * percentage changes, so a loop may call it every step; cheap when no
 * function is set.
 */
void ckp_progress(const char *stage, long long done, long long total);

#endif
