/* A scenario's figures over its duration (issue 19) in its outputs (not public). */
#ifndef CKP_SCENARIO_TIME_H
#define CKP_SCENARIO_TIME_H

#include <cjson/cJSON.h>

#include "chokepoint/buf.h"
#include "chokepoint/network.h"
#include "chokepoint/stress.h"

/*
 * Into a scenario's JSON document: "duration_days", "lost_immediate",
 * "tts_immediate_days", "lost_reallocated" and "tts_reallocated_days" in
 * each entry of "end_users", "countries" and
 * "groups" (matched by "id", "country" or "name"; an array the document
 * lacks is added), the totals under "time", and the notes in "notes".
 */
void ckp_scenario_json_time(cJSON *doc, const ckp_time_report *t);
/* The text table after a scenario's text output. */
void ckp_scenario_text_time(ckp_buf *b, const ckp_network *net, const ckp_time_report *t);

/*
 * The table's two header lines and one row: title, name (`width` columns),
 * demand, lost and TTS in both views.
 */
void ckp_time_text_head(ckp_buf *b, const char *title, int width, const char *name);
void ckp_time_text_row(ckp_buf *b, const char *title, int width, const char *name,
                       const ckp_time_entry *e);
/* An entry's four figures as JSON members of `el`. */
void ckp_time_json_entry(cJSON *el, const ckp_time_entry *e);

#endif
