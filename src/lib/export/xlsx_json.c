/*
 * Sheets from a JSON result (a scenario's): its scalars as a "summary" sheet
 * of key and figure, and each array of objects as a sheet of its own, one row
 * per object, nested objects spread into columns ("baseline.CN"). The JSON
 * writer stays the one description of the result; the workbook follows it.
 */
#include <cjson/cJSON.h>
#include <string.h>

#include "chokepoint/io.h"
#include "escape.h"
#include "xlsx_book.h"

/* A scalar as a CSV field: numbers as JSON writes them, arrays of strings space-separated. */
static void field(ckp_buf *b, const cJSON *v)
{
    char num[CKP_NUMBER_MAX];
    if (cJSON_IsNumber(v)) {
        ckp_format_number(num, v->valuedouble);
        ckp_buf_puts(b, num);
    } else if (cJSON_IsString(v)) {
        ckp_buf_csv(b, v->valuestring);
    } else if (cJSON_IsBool(v)) {
        ckp_buf_puts(b, cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsArray(v)) {
        ckp_buf words;
        ckp_buf_init(&words);
        for (const cJSON *e = v->child; e; e = e->next)
            if (cJSON_IsString(e))
                ckp_buf_printf(&words, "%s%s", e == v->child ? "" : " ", e->valuestring);
        ckp_buf_csv(b, words.data ? words.data : "");
        b->oom |= words.oom;
        ckp_buf_destroy(&words);
    }
}

static int is_table(const cJSON *v)
{
    return cJSON_IsArray(v) && v->child && cJSON_IsObject(v->child);
}

/* "key,value" rows of every scalar under `o`, keys dotted ("supply.served"). */
static void summary(ckp_buf *b, const cJSON *o, const char *prefix)
{
    for (const cJSON *v = o->child; v; v = v->next) {
        char key[256];
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", v->string);
        if (cJSON_IsObject(v)) {
            summary(b, v, key);
        } else if (!is_table(v) && !(cJSON_IsArray(v) && !v->child)) {
            ckp_buf_csv(b, key);
            ckp_buf_puts(b, ",");
            field(b, v);
            ckp_buf_puts(b, "\r\n");
        }
    }
}

/* The columns of a table: every dotted path to a scalar, in first-seen order. */
static void columns(cJSON *cols, const cJSON *o, const char *prefix)
{
    for (const cJSON *v = o->child; v; v = v->next) {
        char key[256];
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", v->string);
        if (cJSON_IsObject(v)) {
            columns(cols, v, key);
            continue;
        }
        int seen = 0;
        for (const cJSON *c = cols->child; c && !seen; c = c->next)
            seen = !strcmp(c->valuestring, key);
        if (!seen)
            cJSON_AddItemToArray(cols, cJSON_CreateString(key));
    }
}

static const cJSON *at_path(const cJSON *o, const char *path)
{
    char part[256];
    while (o && *path) {
        size_t n = strcspn(path, ".");
        snprintf(part, sizeof part, "%.*s", (int)n, path);
        o = cJSON_GetObjectItemCaseSensitive(o, part);
        path += n + (path[n] == '.');
    }
    return o;
}

static void table(ckp_buf *b, const cJSON *rows, cJSON *cols)
{
    for (const cJSON *r = rows->child; r; r = r->next)
        columns(cols, r, "");
    for (const cJSON *c = cols->child; c; c = c->next) {
        ckp_buf_puts(b, c == cols->child ? "" : ",");
        ckp_buf_csv(b, c->valuestring);
    }
    ckp_buf_puts(b, "\r\n");
    for (const cJSON *r = rows->child; r; r = r->next) {
        for (const cJSON *c = cols->child; c; c = c->next) {
            const cJSON *v = at_path(r, c->valuestring);
            ckp_buf_puts(b, c == cols->child ? "" : ",");
            if (v)
                field(b, v);
        }
        ckp_buf_puts(b, "\r\n");
    }
}

ckp_code ckp_xlsx_add_json(ckp_xlsx *x, const char *json, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    cJSON *doc = cJSON_Parse(json);
    ckp_buf b;
    ckp_buf_init(&b);
    if (!doc)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ckp_buf_puts(&b, "key,figure\r\n"); /* not "value": metadata's text column */
    summary(&b, doc, "");
    rc = ckp_xlsx_add_buf(x, "summary", &b, err);
    for (const cJSON *v = doc->child; v && !rc; v = v->next) {
        if (!is_table(v))
            continue;
        cJSON *cols = cJSON_CreateArray();
        ckp_buf_destroy(&b);
        if (!cols)
            b.oom = 1;
        else
            table(&b, v, cols);
        cJSON_Delete(cols);
        rc = ckp_xlsx_add_buf(x, v->string, &b, err);
    }
    ckp_buf_destroy(&b);
    cJSON_Delete(doc);
    return rc;
}
