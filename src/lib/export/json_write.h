/* JSON documents for the export layer: built with cJSON, which stays private to the library. */
#ifndef CKP_JSON_WRITE_H
#define CKP_JSON_WRITE_H

#include <cjson/cJSON.h>

#include "chokepoint/buf.h"
#include "chokepoint/common.h"

/* Add a number, or null when it is NaN or infinite; never "-0". */
cJSON *ckp_json_add_number(cJSON *obj, const char *key, double v);

/*
 * Append the document, pretty-printed as cJSON prints it, and a newline, then
 * free it. A NULL document (a failed cJSON allocation) is out of memory.
 */
ckp_code ckp_json_write_doc(ckp_buf *out, cJSON *doc, ckp_error *err);

#endif
