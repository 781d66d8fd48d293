/*
 * A structural JSON scanner: finds where values start and end, with exact
 * byte offsets for error messages, without building a tree. The loader reads
 * each small value (one node, one edge) on its own, plain ones directly
 * (json_flat.h), others with cJSON; this keeps memory flat on million-node
 * files and lets every error point at its line and column.
 */
#ifndef CKP_JSON_SCAN_H
#define CKP_JSON_SCAN_H

#include <stddef.h>

/* Deeper nesting is refused: no network needs more than a handful of levels. */
#define CKP_JSON_MAX_DEPTH 64

typedef struct {
    const char *buf;
    size_t len;
    size_t pos;
    size_t err_pos;
    const char *err_msg; /* static text, NULL when no error */
} ckp_jscan;

/* One container being iterated. */
typedef struct {
    char close;  /* '}' or ']' */
    int first;
} ckp_jiter;

void ckp_jscan_init(ckp_jscan *s, const char *buf, size_t len, size_t pos);
void ckp_jscan_ws(ckp_jscan *s);

/* Skip one value at pos (after whitespace). 0 on success, -1 on error. */
int ckp_jscan_skip(ckp_jscan *s, int depth);

/* Start iterating the object or array at pos; -1 if it is neither. */
int ckp_jscan_begin(ckp_jscan *s, ckp_jiter *it, char open);

/*
 * Next member: returns 1 and the spans of the key (without quotes; raw, not
 * unescaped) and value; 0 at the end of the container; -1 on error. For
 * arrays, key spans are empty.
 */
int ckp_jscan_next(ckp_jscan *s, ckp_jiter *it, int depth, size_t *key, size_t *key_len,
                   size_t *val, size_t *val_end);

/*
 * The same up to the value: *val is where it starts and s->pos is left there,
 * for the caller to skip it (ckp_jscan_skip at depth + 1) or read it.
 */
int ckp_jscan_next_start(ckp_jscan *s, ckp_jiter *it, size_t *key, size_t *key_len,
                         size_t *val);

/*
 * Offset of the value of `key` in the object spanning [start, end), or
 * `start` when there is no such key. `occurrence` 0 is the first.
 */
size_t ckp_json_locate(const char *buf, size_t start, size_t end, const char *key,
                       int occurrence);

/* Same, but the offset of the key itself (its opening quote). */
size_t ckp_json_locate_key(const char *buf, size_t start, size_t end, const char *key,
                           int occurrence);

#endif
