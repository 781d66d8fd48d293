#include "chokepoint/buf.h"

#include "chokepoint/io.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ckp_buf_init(ckp_buf *b)
{
    memset(b, 0, sizeof *b);
}

void ckp_buf_init_sink(ckp_buf *b, ckp_buf_sink sink, void *ctx)
{
    ckp_buf_init(b);
    b->sink = sink;
    b->sink_ctx = ctx;
}

void ckp_buf_destroy(ckp_buf *b)
{
    free(b->data);
    ckp_buf_init(b);
}

int ckp_buf_flush(ckp_buf *b)
{
    if (b->sink && b->len && !b->failed && !b->oom && b->sink(b->sink_ctx, b->data, b->len))
        b->failed = 1;
    if (b->sink && b->data) {
        b->len = 0; /* written, or dropped after a failure */
        b->data[0] = '\0';
    }
    return b->failed || b->oom ? -1 : 0;
}

/* Room for `extra` more bytes and the NUL; doubling keeps appends amortised O(1). */
static int reserve(ckp_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    /* a streaming buffer empties into its sink rather than grow past a chunk */
    if (b->sink && b->len >= CKP_BUF_SINK_CHUNK) {
        ckp_buf_flush(b);
        if (b->len + extra + 1 <= b->cap)
            return 0;
    }
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void ckp_buf_put_grow(ckp_buf *b, const void *data, size_t len)
{
    /* a chunk or more for a streaming buffer: straight to the sink, not copied */
    if (b->sink && len >= CKP_BUF_SINK_CHUNK && !b->oom) {
        if (!ckp_buf_flush(b) && b->sink(b->sink_ctx, data, len))
            b->failed = 1;
        return;
    }
    if (reserve(b, len) < 0)
        return;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void ckp_buf_put_through(ckp_buf *b, const void *data, size_t len)
{
    /* small pieces are gathered: one write for many */
    if (!b->sink || b->oom || len < CKP_BUF_SINK_CHUNK / 16) {
        ckp_buf_put(b, data, len);
        return;
    }
    if (!ckp_buf_flush(b) && len && b->sink(b->sink_ctx, data, len))
        b->failed = 1;
}

void ckp_buf_printf(ckp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if (reserve(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *ckp_buf_take(ckp_buf *b, size_t *len)
{
    if (!b->oom && !b->data)
        ckp_buf_put_grow(b, "", 0);
    if (b->oom) {
        ckp_buf_destroy(b);
        if (len)
            *len = 0;
        return NULL;
    }
    char *data = b->data;
    if (len)
        *len = b->len;
    ckp_buf_init(b);
    return data;
}

ckp_code ckp_buf_write(const ckp_buf *b, const char *path, ckp_error *err)
{
    if (b->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return ckp_write_file_atomic(path ? path : "-", b->data ? b->data : "", b->len, err);
}
