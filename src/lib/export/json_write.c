#include "json_write.h"

#include <math.h>
#include <stdlib.h>

void ckp_json_doc(ckp_buf *b, cJSON *doc)
{
    char *text = doc ? cJSON_Print(doc) : NULL;
    cJSON_Delete(doc);
    if (!text) {
        b->oom = 1; /* a failed cJSON allocation, here or while building */
        return;
    }
    ckp_buf_puts(b, text);
    ckp_buf_puts(b, "\n");
    free(text);
}

cJSON *ckp_json_add_number(cJSON *obj, const char *key, double v)
{
    if (!isfinite(v))
        return cJSON_AddNullToObject(obj, key);
    return cJSON_AddNumberToObject(obj, key, v == 0 ? 0.0 : v); /* no "-0" */
}
