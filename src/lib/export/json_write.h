/*
 * JSON documents for the export layer, built with cJSON (private to the
 * library) and printed as cJSON_Print prints them.
 */
#ifndef CKP_JSON_WRITE_H
#define CKP_JSON_WRITE_H

#include <cjson/cJSON.h>

#include "chokepoint/buf.h"

/* A whole document, indented as cJSON_Print does, and a newline; frees doc. */
void ckp_json_doc(ckp_buf *b, cJSON *doc);

/* Add a number, or null when it is NaN or infinite; never "-0". */
cJSON *ckp_json_add_number(cJSON *obj, const char *key, double v);

#endif
