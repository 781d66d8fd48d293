/* What the time module's files share (not public). */
#ifndef CKP_TIME_COMMON_H
#define CKP_TIME_COMMON_H

#include "chokepoint/network.h"
#include "chokepoint/stress.h"

/* A time to survive as reported: down to 0.01 day, after rounding noise is cleared. */
double ckp_time_tts_round(double days);

/*
 * The end users of `group` (a country code or a group name of the network or
 * built in; NULL: every end user) in `mask` (per node, caller-allocated).
 * Returns how many; an unknown group or one without end users is an error.
 */
ckp_code ckp_time_group_mask(char *mask, igraph_integer_t *count, const ckp_network *net,
                             const char *group, ckp_error *err);

/*
 * ckp_stress_run_busiest, or with `plain` the per-TTR losses and the TTS
 * phase's own repairs even without stock (stress.c's shortcut off), for the
 * tests that compare the two.
 */
ckp_code ckp_stress_run_path(ckp_stress *out, const ckp_network *net, const char *group,
                             int threads, igraph_integer_t busiest, int plain, ckp_error *err);

#endif
