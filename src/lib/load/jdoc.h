/*
 * Small JSON documents (scenarios, plans): parsed whole with cJSON, with the
 * text kept so that an error can point at the line and column of the culprit,
 * found again by path (top-level key, array index, key inside the element).
 */
#ifndef CKP_JDOC_H
#define CKP_JDOC_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "chokepoint/common.h"

typedef struct {
    const char *path;
    char *buf;
    size_t len;
    cJSON *root;
    ckp_error *err;
} ckp_jdoc;

/*
 * Read and parse `path` ("-" is stdin). The top level must be an object;
 * a key repeated in it or in any object of its arrays is an error.
 */
ckp_code ckp_jdoc_load(ckp_jdoc *doc, const char *path, const char *what, ckp_error *err);
/* Same from memory (the buffer is copied). */
ckp_code ckp_jdoc_parse(ckp_jdoc *doc, const char *buf, size_t len, const char *path,
                        const char *what, ckp_error *err);
void ckp_jdoc_destroy(ckp_jdoc *doc);

/*
 * Byte offset of top-level `key`, then of element `index` of its array
 * (-1: none), then of `subkey` in that element (NULL: none); as deep as found.
 */
size_t ckp_jdoc_locate(const ckp_jdoc *doc, const char *key, long index, const char *subkey);

/* Set a data error located by path; returns CKP_EDATA. */
ckp_code ckp_jdoc_error(const ckp_jdoc *doc, const char *key, long index, const char *subkey,
                        const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Set the error position (file, line, column) from a byte offset. */
void ckp_jdoc_at(const ckp_jdoc *doc, size_t offset);

/* An optional top-level string: copied into *out (replacing it); absent or null leaves it. */
ckp_code ckp_jdoc_string(const ckp_jdoc *doc, const char *key, char **out);

/* An optional top-level array: *out is NULL when absent or null. */
ckp_code ckp_jdoc_array(const ckp_jdoc *doc, const char *key, const cJSON **out);

/* "a string", "a number", ... for messages. */
const char *ckp_json_type_name(const cJSON *item);

#endif
