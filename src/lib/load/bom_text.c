/*
 * Recipes as text and materials lists as JSON, for the CSV and GraphML loaders
 * (bom_text.h). The JSON loader reads the same keys as JSON objects (load_json.c).
 */
#include "bom_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "jdoc.h"

ckp_code ckp_load_materials_json(ckp_network *net, const cJSON *list, const char *what,
                                 ckp_error *err)
{
    ckp_code rc;
    if (!cJSON_IsArray(list))
        return ckp_error_set(err, CKP_EDATA,
                             "%s must be an array [{\"id\": ..., \"unit\": ...}], not %s", what,
                             ckp_json_type_name(list));
    int index = 0;
    for (const cJSON *m = list->child; m; m = m->next, index++) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(m, "name");
        const cJSON *unit = cJSON_GetObjectItemCaseSensitive(m, "unit");
        if (!cJSON_IsObject(m))
            return ckp_error_set(err, CKP_EDATA, "%s: material %d must be an object {\"id\": "
                                 "..., \"unit\": ...}, not %s", what, index,
                                 ckp_json_type_name(m));
        if (!cJSON_IsString(id))
            return ckp_error_set(err, CKP_EDATA, "%s: material %d needs an \"id\" string", what,
                                 index);
        if ((name && !cJSON_IsString(name) && !cJSON_IsNull(name)) ||
            (unit && !cJSON_IsString(unit) && !cJSON_IsNull(unit)))
            return ckp_error_set(err, CKP_EDATA, "%s: material '%.200s': \"name\" and \"unit\" "
                                 "must be strings", what, id->valuestring);
        if ((rc = ckp_network_add_material(net, id->valuestring,
                                           cJSON_IsString(name) ? name->valuestring : NULL,
                                           cJSON_IsString(unit) ? unit->valuestring : NULL,
                                           err))) {
            ckp_error_prefix(err, "%s: ", what);
            return rc;
        }
    }
    return CKP_OK;
}

igraph_integer_t ckp_load_material_ref(const ckp_network *net, const char *id,
                                       const ckp_bom_text *how, ckp_error *err)
{
    igraph_integer_t m = ckp_network_material_find(net, id);
    if (m < 0)
        ckp_error_set(err, CKP_EDATA, "\"material\" names unknown material '%.200s': list it "
                      "in %s", id, how->listed_in);
    return m;
}

/* A plain decimal (digits, one point or, with decimal_comma, one comma, an exponent). */
static int units(const char *s, size_t n, int decimal_comma, double *out)
{
    char copy[64], *end;
    if (!n || n >= sizeof copy || strspn(s, "0123456789+-.eE,") < n)
        return 0;
    memcpy(copy, s, n);
    copy[n] = '\0';
    char *comma = strchr(copy, ',');
    if (comma && (!decimal_comma || strchr(comma + 1, ',') || strchr(copy, '.')))
        return 0;
    if (comma)
        *comma = '.';
    *out = strtod(copy, &end);
    return end != copy && !*end && isfinite(*out);
}

/* s[0, n) without the spaces around it. */
static void trim(const char **s, size_t *n)
{
    while (*n && **s == ' ') {
        (*s)++;
        (*n)--;
    }
    while (*n && (*s)[*n - 1] == ' ')
        (*n)--;
}

/* One "material:units" entry at text[at, at + n); the material split at the last ':'. */
static ckp_code entry(ckp_network *net, igraph_integer_t node, const char *key,
                      const char *text, size_t at, size_t n, const ckp_bom_text *how,
                      ckp_error *err)
{
    const char *s = text + at, *colon = NULL;
    for (const char *p = s; p < s + n; p++)
        if (*p == ':')
            colon = p;
    const char *id = s, *num = colon ? colon + 1 : s + n;
    size_t id_n = (size_t)((colon ? colon : s + n) - s), num_n = (size_t)(s + n - num);
    trim(&id, &id_n);
    trim(&num, &num_n);
    if (!colon || !id_n)
        return ckp_error_set(err, CKP_EDATA, "\"%s\": '%.*s' is not material:units, as in "
                             "ndpr:1;dytb:0.07", key, (int)(n < 80 ? n : 80), s);
    char mid[256];
    snprintf(mid, sizeof mid, "%.*s", (int)id_n, id);
    igraph_integer_t m = ckp_network_material_find(net, mid);
    if (m < 0)
        return ckp_error_set(err, CKP_EDATA, "\"%s\" names unknown material '%s': list it in %s",
                             key, mid, how->listed_in);
    double v;
    if (!units(num, num_n, how->decimal_comma, &v))
        return ckp_error_set(err, CKP_EDATA, "\"%s\": '%s' must be a number, not '%.*s'", key,
                             mid, (int)(num_n < 40 ? num_n : 40), num);
    return ckp_network_add_recipe(net, node, strcmp(key, "yields") ? CKP_RECIPE_INPUT
                                                                   : CKP_RECIPE_YIELD,
                                  m, v, err);
}

ckp_code ckp_load_bom_text(ckp_network *net, igraph_integer_t node, const char *key,
                           const char *text, const ckp_bom_text *how, size_t *bad_at,
                           ckp_error *err)
{
    ckp_code rc;
    *bad_at = 0;
    if (!strcmp(key, "output")) {
        igraph_integer_t m = ckp_network_material_find(net, text);
        if (m < 0)
            return ckp_error_set(err, CKP_EDATA, "\"output\" names unknown material '%.200s': "
                                 "list it in %s", text, how->listed_in);
        return ckp_network_add_recipe(net, node, CKP_RECIPE_OUTPUT, m, 1, err);
    }
    for (size_t at = 0, len = strlen(text); at <= len;) {
        const char *semi = strchr(text + at, ';');
        size_t n = semi ? (size_t)(semi - text) - at : len - at;
        const char *s = text + at;
        size_t t = n;
        trim(&s, &t);
        if (t && (rc = entry(net, node, key, text, at, n, how, err))) {
            *bad_at = (size_t)(s - text);
            return rc;
        }
        at += n + 1;
    }
    return CKP_OK;
}
