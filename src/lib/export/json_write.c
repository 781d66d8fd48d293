#include "json_write.h"

#include <math.h>
#include <stdlib.h>

cJSON *ckp_json_add_number(cJSON *obj, const char *key, double v)
{
    if (!isfinite(v))
        return cJSON_AddNullToObject(obj, key);
    return cJSON_AddNumberToObject(obj, key, v == 0 ? 0.0 : v); /* no "-0" */
}

ckp_code ckp_json_write_doc(ckp_buf *out, cJSON *doc, ckp_error *err)
{
    char *text = doc ? cJSON_Print(doc) : NULL;
    cJSON_Delete(doc);
    if (!text)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ckp_buf_puts(out, text);
    ckp_buf_puts(out, "\n");
    free(text);
    return out->oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory") : CKP_OK;
}
