/* A scenario's figures over its duration (issue 19) in its outputs (not public). */
#ifndef CKP_SCENARIO_TIME_H
#define CKP_SCENARIO_TIME_H

#include <cjson/cJSON.h>

#include "chokepoint/buf.h"
#include "chokepoint/network.h"
#include "chokepoint/stress.h"

/*
 * Into a scenario's JSON document: "duration_days", "lost_reallocated" and
 * "tts_reallocated_days" in each entry of "end_users", "countries" and
 * "groups" (matched by "id", "country" or "name"; an array the document
 * lacks is added), the totals under "time", and the notes in "notes".
 */
void ckp_scenario_json_time(cJSON *doc, const ckp_time_report *t);
/* The text table after a scenario's text output. */
void ckp_scenario_text_time(ckp_buf *b, const ckp_network *net, const ckp_time_report *t);

#endif
