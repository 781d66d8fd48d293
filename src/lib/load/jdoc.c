#include "jdoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "json_scan.h"
#include "text.h"

const char *ckp_json_type_name(const cJSON *item)
{
    if (cJSON_IsString(item))
        return "a string";
    if (cJSON_IsNumber(item))
        return "a number";
    if (cJSON_IsBool(item))
        return "a boolean";
    if (cJSON_IsNull(item))
        return "null";
    if (cJSON_IsArray(item))
        return "an array";
    if (cJSON_IsObject(item))
        return "an object";
    return "invalid";
}

void ckp_jdoc_at(const ckp_jdoc *doc, size_t offset)
{
    long line, column;
    ckp_text_position(doc->buf, doc->len, offset, &line, &column);
    ckp_error_at(doc->err, doc->path, line, column);
}

void ckp_jdoc_destroy(ckp_jdoc *doc)
{
    if (!doc)
        return;
    cJSON_Delete(doc->root);
    free(doc->buf);
    memset(doc, 0, sizeof *doc);
}

/* Offset of element `index` of the array starting at `start`, or `start`. */
static size_t locate_index(const char *buf, size_t len, size_t start, long index)
{
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl, v, ve;
    ckp_jscan_init(&s, buf, len, start);
    if (ckp_jscan_begin(&s, &it, '[') < 0)
        return start;
    for (long i = 0; ckp_jscan_next(&s, &it, 1, &k, &kl, &v, &ve) == 1; i++)
        if (i == index)
            return v;
    return start;
}

size_t ckp_jdoc_locate(const ckp_jdoc *doc, const char *key, long index, const char *subkey)
{
    ckp_jscan s;
    ckp_jscan_init(&s, doc->buf, doc->len, ckp_bom_length(doc->buf, doc->len));
    ckp_jscan_ws(&s);
    size_t at = s.pos;
    if (!key)
        return at;
    at = ckp_json_locate(doc->buf, at, doc->len, key, 0);
    if (index < 0)
        return at;
    at = locate_index(doc->buf, doc->len, at, index);
    if (!subkey)
        return at;
    return ckp_json_locate(doc->buf, at, doc->len, subkey, 0);
}

ckp_code ckp_jdoc_error(const ckp_jdoc *doc, const char *key, long index, const char *subkey,
                        const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ckp_error_set(doc->err, CKP_EDATA, "%s", msg);
    ckp_jdoc_at(doc, ckp_jdoc_locate(doc, key, index, subkey));
    return CKP_EDATA;
}

typedef struct {
    const char *key;
    size_t index;
} member_key;

static int compare_keys(const void *a, const void *b)
{
    const member_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/*
 * The key repeated in `obj` whose first occurrence comes first, or NULL. Sorting keeps this
 * O(n log n): a hostile file with 100,000 keys in one object must not take minutes.
 */
static ckp_code find_duplicate(const cJSON *obj, const char **dup, ckp_error *err)
{
    size_t n = 0, i = 0;
    *dup = NULL;
    for (const cJSON *a = obj->child; a; a = a->next)
        n += a->string != NULL;
    if (n < 2)
        return CKP_OK;
    member_key *keys = malloc(n * sizeof *keys);
    if (!keys)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (const cJSON *a = obj->child; a; a = a->next)
        if (a->string) {
            keys[i].key = a->string;
            keys[i].index = i;
            i++;
        }
    qsort(keys, n, sizeof *keys, compare_keys);
    size_t best = (size_t)-1;
    for (i = 1; i < n; i++)
        if (!strcmp(keys[i - 1].key, keys[i].key) && keys[i - 1].index < best) {
            best = keys[i - 1].index; /* the first of its run: sorted by position within a key */
            *dup = keys[i - 1].key;
        }
    free(keys);
    return CKP_OK;
}

static ckp_code check_duplicates(const ckp_jdoc *doc, const cJSON *obj, const char *key,
                                 long index)
{
    const char *dup;
    ckp_code rc = find_duplicate(obj, &dup, doc->err);
    if (rc || !dup)
        return rc;
    if (key)
        return ckp_jdoc_error(doc, key, index, NULL, "%s[%ld]: duplicate key \"%s\": keep one",
                              key, index, dup);
    ckp_error_set(doc->err, CKP_EDATA, "duplicate key \"%s\" at the top level: keep one", dup);
    ckp_jdoc_at(doc, ckp_json_locate(doc->buf, ckp_jdoc_locate(doc, NULL, -1, NULL), doc->len,
                                     dup, 1));
    return CKP_EDATA;
}

ckp_code ckp_jdoc_parse(ckp_jdoc *doc, const char *buf, size_t len, const char *path,
                        const char *what, ckp_error *err)
{
    ckp_code rc;
    memset(doc, 0, sizeof *doc);
    doc->path = path;
    doc->err = err;
    doc->buf = malloc(len + 1);
    if (!doc->buf)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    memcpy(doc->buf, buf, len);
    doc->buf[len] = '\0';
    doc->len = len;
    size_t bad = ckp_utf8_invalid(doc->buf, len);
    if (bad < len) {
        ckp_error_set(err, CKP_EDATA, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
                      (unsigned char)doc->buf[bad]);
        ckp_jdoc_at(doc, bad);
        return CKP_EDATA;
    }
    const char *nul = memchr(doc->buf, '\0', len);
    if (nul) {
        ckp_error_set(err, CKP_EDATA, "NUL byte in the file: this is not a text file");
        ckp_jdoc_at(doc, (size_t)(nul - doc->buf));
        return CKP_EDATA;
    }
    /* the structural scan gives exact positions and bounds nesting before cJSON runs */
    ckp_jscan s;
    ckp_jscan_init(&s, doc->buf, len, ckp_bom_length(doc->buf, len));
    ckp_jscan_ws(&s);
    if (s.pos >= len) {
        ckp_error_set(err, CKP_EDATA, "the file is empty: expected a %s, a JSON object {...}",
                      what);
        ckp_error_at(err, path, 0, 0);
        return CKP_EDATA;
    }
    if (doc->buf[s.pos] != '{') {
        ckp_error_set(err, CKP_EDATA, "expected a JSON object '{' at the top level (a %s)",
                      what);
        ckp_jdoc_at(doc, s.pos);
        return CKP_EDATA;
    }
    size_t start = s.pos;
    if (ckp_jscan_skip(&s, 0) < 0) {
        ckp_error_set(err, CKP_EDATA, "%s", s.err_msg);
        ckp_jdoc_at(doc, s.err_pos);
        return CKP_EDATA;
    }
    ckp_jscan_ws(&s);
    if (s.pos < len) {
        ckp_error_set(err, CKP_EDATA, "unexpected text after the top-level object");
        ckp_jdoc_at(doc, s.pos);
        return CKP_EDATA;
    }
    const char *end = NULL;
    doc->root = cJSON_ParseWithLengthOpts(doc->buf + start, len - start, &end, 0);
    if (!doc->root) {
        ckp_error_set(err, CKP_EDATA, "invalid JSON value");
        ckp_jdoc_at(doc, end ? (size_t)(end - doc->buf) : start);
        return CKP_EDATA;
    }
    if ((rc = check_duplicates(doc, doc->root, NULL, -1)))
        return rc;
    for (const cJSON *member = doc->root->child; member; member = member->next) {
        if (!cJSON_IsArray(member))
            continue;
        long i = 0;
        for (const cJSON *el = member->child; el; el = el->next, i++)
            if (cJSON_IsObject(el) && (rc = check_duplicates(doc, el, member->string, i)))
                return rc;
    }
    return CKP_OK;
}

ckp_code ckp_jdoc_load(ckp_jdoc *doc, const char *path, const char *what, ckp_error *err)
{
    char *buf = NULL;
    size_t len;
    memset(doc, 0, sizeof *doc);
    ckp_code rc = ckp_read_file(&buf, &len, path, err);
    if (!rc)
        rc = ckp_jdoc_parse(doc, buf, len, path, what, err);
    free(buf);
    return rc;
}

ckp_code ckp_jdoc_string(const ckp_jdoc *doc, const char *key, char **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(doc->root, key);
    if (!item || cJSON_IsNull(item))
        return CKP_OK;
    if (!cJSON_IsString(item))
        return ckp_jdoc_error(doc, key, -1, NULL, "\"%s\" must be a string, not %s", key,
                              ckp_json_type_name(item));
    char *copy = strdup(item->valuestring);
    if (!copy)
        return ckp_error_set(doc->err, CKP_EINTERNAL, "out of memory");
    free(*out);
    *out = copy;
    return CKP_OK;
}

ckp_code ckp_jdoc_array(const ckp_jdoc *doc, const char *key, const cJSON **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(doc->root, key);
    *out = NULL;
    if (!item || cJSON_IsNull(item))
        return CKP_OK;
    if (!cJSON_IsArray(item))
        return ckp_jdoc_error(doc, key, -1, NULL, "\"%s\" must be an array, not %s", key,
                              ckp_json_type_name(item));
    *out = item;
    return CKP_OK;
}
