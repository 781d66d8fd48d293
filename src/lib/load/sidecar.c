/*
 * The sidecar network.json: a spreadsheet cannot carry a network's name,
 * unit, year, source or description, so they sit beside it in the JSON
 * format's own words (docs/format.md).
 */
#include "sidecar.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chokepoint/io.h"
#include "chokepoint/load.h"

void ckp_sidecar_init(ckp_sidecar *meta)
{
    memset(meta, 0, sizeof *meta);
    meta->year = NAN;
    meta->ttr_days = NAN;
}

void ckp_sidecar_destroy(ckp_sidecar *meta)
{
    if (!meta)
        return;
    free(meta->name);
    free(meta->unit);
    free(meta->description);
    free(meta->source);
    free(meta->tiers);
    cJSON_Delete(meta->materials);
    cJSON_Delete(meta->groups);
    free(meta->path);
    ckp_sidecar_init(meta);
}

/* The tiers array as "a,b,c"; NULL with *bad set when it is not an array of plain names. */
static char *join_tiers(const cJSON *tiers, int *bad)
{
    size_t len = 1;
    const cJSON *t;
    cJSON_ArrayForEach(t, tiers)
    {
        if (!cJSON_IsString(t) || !t->valuestring[0] || strchr(t->valuestring, ',')) {
            *bad = 1;
            return NULL;
        }
        len += strlen(t->valuestring) + 1;
    }
    char *out = calloc(len, 1);
    if (!out)
        return NULL;
    cJSON_ArrayForEach(t, tiers)
    {
        if (out[0])
            strcat(out, ",");
        strcat(out, t->valuestring);
    }
    return out;
}

static ckp_code read_fields(ckp_sidecar *meta, cJSON *doc, ckp_error *err)
{
    static const char *const text_keys[] = {"name", "unit", "description", "source"};
    char **text_fields[] = {&meta->name, &meta->unit, &meta->description, &meta->source};
    cJSON *item;
    cJSON_ArrayForEach(item, doc)
    {
        const char *key = item->string;
        int k = 0;
        while (k < 4 && strcmp(key, text_keys[k]))
            k++;
        if (k < 4) {
            if (!cJSON_IsString(item))
                return ckp_error_set(err, CKP_EDATA, "\"%s\" must be a string", key);
            free(*text_fields[k]); /* a key given twice: the last one counts */
            if (!(*text_fields[k] = strdup(item->valuestring)))
                return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        } else if (!strcmp(key, "year") || !strcmp(key, "ttr_days")) {
            if (!cJSON_IsNumber(item))
                return ckp_error_set(err, CKP_EDATA, "\"%s\" must be a number", key);
            *(key[0] == 'y' ? &meta->year : &meta->ttr_days) = item->valuedouble;
        } else if (!strcmp(key, "format")) {
            if (!cJSON_IsString(item) || (strcmp(item->valuestring, CKP_FORMAT_NAME) &&
                                          strcmp(item->valuestring, CKP_FORMAT_NAME_2)))
                return ckp_error_set(err, CKP_EDATA, "\"format\" must be \"%s\" or \"%s\"",
                                     CKP_FORMAT_NAME, CKP_FORMAT_NAME_2);
        } else if (!strcmp(key, "materials") || !strcmp(key, "groups")) {
            /* read once the network exists */
            cJSON **keep = key[0] == 'm' ? &meta->materials : &meta->groups;
            cJSON_Delete(*keep);
            if (!(*keep = cJSON_Duplicate(item, 1)))
                return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        } else if (!strcmp(key, "tiers")) {
            int bad = !cJSON_IsArray(item);
            free(meta->tiers);
            meta->tiers = NULL;
            if (!bad && !(meta->tiers = join_tiers(item, &bad)) && !bad)
                return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            if (bad)
                return ckp_error_set(err, CKP_EDATA,
                                     "\"tiers\" must be an array of tier names, sources first");
        } else if (!strcmp(key, "nodes") || !strcmp(key, "edges")) {
            return ckp_error_set(err, CKP_EDATA,
                                 "\"%s\" in a metadata file: the nodes and edges come from the "
                                 "CSV files",
                                 key);
        } else {
            return ckp_error_set(err, CKP_EDATA,
                                 "unknown key \"%s\": a metadata file has name, unit, year, "
                                 "description, source, tiers, ttr_days, materials, groups",
                                 key);
        }
    }
    return CKP_OK;
}

/* Say that the network.json found beside the CSV files was left alone, and why. */
static ckp_code skip_beside(ckp_error_list *warnings, const char *path, ckp_error *err)
{
    ckp_error w;
    ckp_error_init(&w);
    ckp_error_set(&w, CKP_OK, "a whole network, not a metadata file: not read (give --meta FILE "
                              "for the metadata)");
    ckp_error_at(&w, path, 0, 0);
    if (warnings && ckp_error_list_add(warnings, &w) < 0)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}

static int has_network_keys(const cJSON *doc)
{
    return cJSON_GetObjectItemCaseSensitive(doc, "nodes") ||
           cJSON_GetObjectItemCaseSensitive(doc, "edges");
}

ckp_code ckp_sidecar_read(ckp_sidecar *meta, const char *path, const char *nodes_path,
                          ckp_error_list *warnings, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    char beside[4096], *text = NULL;
    size_t len;
    cJSON *doc = NULL;
    int found = !path;
    if (found) {
        struct stat st;
        const char *slash = strrchr(nodes_path, '/');
        int dir = slash ? (int)(slash - nodes_path + 1) : 0;
        snprintf(beside, sizeof beside, "%.*snetwork.json", dir, nodes_path);
        if (!strcmp(nodes_path, "-") || stat(beside, &st) != 0)
            return CKP_OK;
        path = beside;
        if ((long long)st.st_size > CKP_SIDECAR_MAX_BYTES)
            return skip_beside(warnings, path, err);
    }
    if ((rc = ckp_read_file(&text, &len, path, err)))
        goto done;
    doc = cJSON_ParseWithLength(text, len);
    if (found && cJSON_IsObject(doc) && has_network_keys(doc)) {
        rc = skip_beside(warnings, path, err);
        goto done;
    }
    if (!cJSON_IsObject(doc)) {
        rc = ckp_error_set(err, CKP_EDATA, "not a JSON object: a metadata file is one object "
                                           "with name, unit, year, description, source");
        goto done;
    }
    rc = read_fields(meta, doc, err);
    if (!rc && !(meta->path = strdup(path)))
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    if (rc && err && !err->file[0])
        ckp_error_at(err, path, 0, 0);
    cJSON_Delete(doc);
    free(text);
    return rc;
}
