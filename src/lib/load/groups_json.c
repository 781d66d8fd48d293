#include "groups_json.h"

#include <stdlib.h>

#include "jdoc.h"

ckp_code ckp_groups_parse(ckp_groups *g, const cJSON *obj, ckp_error *err)
{
    if (!cJSON_IsObject(obj))
        return ckp_error_set(err, CKP_EDATA,
                             "\"groups\" must be an object {\"allies\": [\"US\", \"AU\"]}, not %s",
                             ckp_json_type_name(obj));
    for (const cJSON *grp = obj->child; grp; grp = grp->next) {
        if (!cJSON_IsArray(grp))
            return ckp_error_set(err, CKP_EDATA,
                                 "groups: \"%s\" must be an array of country codes, not %s",
                                 grp->string, ckp_json_type_name(grp));
        int n = cJSON_GetArraySize(grp), k = 0;
        const char **members = malloc((size_t)(n ? n : 1) * sizeof *members);
        if (!members)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        for (const cJSON *c = grp->child; c; c = c->next) {
            if (!cJSON_IsString(c)) {
                free(members);
                return ckp_error_set(err, CKP_EDATA,
                                     "groups: \"%s\": members must be strings, not %s",
                                     grp->string, ckp_json_type_name(c));
            }
            members[k++] = c->valuestring;
        }
        ckp_code rc = ckp_groups_add(g, grp->string, members, k, err);
        free(members);
        if (rc) {
            ckp_error_prefix(err, "groups: ");
            return rc;
        }
    }
    return CKP_OK;
}
