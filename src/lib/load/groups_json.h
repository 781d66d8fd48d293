/* Groups of countries from JSON, for the network and scenario readers (not public). */
#ifndef CKP_GROUPS_JSON_H
#define CKP_GROUPS_JSON_H

#include <cjson/cJSON.h>

#include "chokepoint/groups.h"

/*
 * Add the groups of `obj`, an object {"allies": ["US", "AU"], ...}, to `g`.
 * Messages name the group but not the position: the caller locates them.
 */
ckp_code ckp_groups_parse(ckp_groups *g, const cJSON *obj, ckp_error *err);

#endif
