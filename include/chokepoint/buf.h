/*
 * chokepoint: the one output buffer every writer appends to.
 *
 * Every output the library makes (text tables, JSON, CSV, HTML, DOT, figure
 * bytes) is built whole in a ckp_buf, then written at once with
 * ckp_buf_write, so a file is written whole or not at all. Out of memory is
 * sticky: appends after a failure are ignored and `oom` stays set, so a
 * writer checks once at the end.
 */
#ifndef CHOKEPOINT_BUF_H
#define CHOKEPOINT_BUF_H

#include <stddef.h>
#include <string.h>

#include "chokepoint/common.h"

CKP_BEGIN_DECLS

typedef struct {
    char *data; /* NUL-terminated when not NULL */
    size_t len, cap;
    int oom;
} ckp_buf;

void ckp_buf_init(ckp_buf *b);
/* Free the data and reset; the buffer can be used again. */
void ckp_buf_destroy(ckp_buf *b);
void ckp_buf_printf(ckp_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* ckp_buf_put when the buffer must grow (or is out of memory). */
void ckp_buf_put_grow(ckp_buf *b, const void *s, size_t n);

/* Hand the data over (never NULL unless out of memory); the buffer is reset. */
char *ckp_buf_take(ckp_buf *b, size_t *len);

/*
 * Write the buffer to `path` whole or not at all ("-" or NULL: standard
 * output). An out-of-memory buffer is CKP_EINTERNAL and writes nothing.
 */
ckp_code ckp_buf_write(const ckp_buf *b, const char *path, ckp_error *err);

/* n bytes of s; inline, for writers that append millions of short pieces. */
static inline void ckp_buf_put(ckp_buf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        ckp_buf_put_grow(b, s, n);
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

static inline void ckp_buf_puts(ckp_buf *b, const char *s)
{
    ckp_buf_put(b, s, strlen(s));
}

CKP_END_DECLS

#endif
