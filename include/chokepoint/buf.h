/*
 * chokepoint: the one output buffer every writer appends to.
 *
 * Every output the library makes (text tables, JSON, CSV, HTML, DOT, figure
 * bytes) is built whole in a ckp_buf, then written at once with
 * ckp_buf_write, so a file is written whole or not at all. Out of memory is
 * sticky: appends after a failure are ignored and `oom` stays set, so a
 * writer checks once at the end.
 *
 * A buffer may instead stream (ckp_buf_init_sink): for outputs too large to
 * hold, such as a million-node analysis, it hands its bytes to a sink each
 * time it holds about CKP_BUF_SINK_CHUNK, so the same writers run in bounded
 * memory. ckp_output_sink (chokepoint/io.h) is the sink for a file written
 * whole or not at all.
 */
#ifndef CHOKEPOINT_BUF_H
#define CHOKEPOINT_BUF_H

#include <stddef.h>
#include <string.h>

#include "chokepoint/common.h"

CKP_BEGIN_DECLS

/* Take len bytes of data: 0, or -1 when they could not be written (the sink keeps why). */
typedef int (*ckp_buf_sink)(void *ctx, const void *data, size_t len);

/* A streaming buffer flushes when it must grow while holding at least this many bytes. */
#define CKP_BUF_SINK_CHUNK ((size_t)1 << 20)

typedef struct {
    char *data; /* NUL-terminated when not NULL */
    size_t len, cap;
    int oom;
    ckp_buf_sink sink; /* NULL: the buffer holds everything */
    void *sink_ctx;
    int failed;        /* the sink failed: later bytes are dropped */
} ckp_buf;

void ckp_buf_init(ckp_buf *b);
/* A streaming buffer: its bytes go to sink(ctx, ...) as it fills and at ckp_buf_flush. */
void ckp_buf_init_sink(ckp_buf *b, ckp_buf_sink sink, void *ctx);
/*
 * Hand the bytes held to the sink (none: a no-op). 0, or -1 when the sink
 * failed, now or before, or the buffer is out of memory.
 */
int ckp_buf_flush(ckp_buf *b);
/* Free the data and reset; the buffer can be used again. */
void ckp_buf_destroy(ckp_buf *b);
void ckp_buf_printf(ckp_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* ckp_buf_put when the buffer must grow (or is out of memory). */
void ckp_buf_put_grow(ckp_buf *b, const void *s, size_t n);
/*
 * ckp_buf_put, except that a streaming buffer hands 64 KiB or more to its
 * sink at once, after the bytes it holds, rather than copy them: for
 * writers that format whole blocks elsewhere.
 */
void ckp_buf_put_through(ckp_buf *b, const void *s, size_t n);

/* Hand the data over (never NULL unless out of memory); the buffer is reset. */
char *ckp_buf_take(ckp_buf *b, size_t *len);

/*
 * Write a buffer (not a streaming one) to `path` whole or not at all ("-" or
 * NULL: standard output). An out-of-memory buffer is CKP_EINTERNAL and
 * writes nothing.
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
