#include "buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ckp_buf_init(ckp_buf *b)
{
    memset(b, 0, sizeof *b);
}

void ckp_buf_destroy(ckp_buf *b)
{
    free(b->data);
    ckp_buf_init(b);
}

static int reserve(ckp_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void ckp_buf_printf(ckp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ckp_buf_put when the buffer must grow (or is out of memory) */
void ckp_buf_put_grow(ckp_buf *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

const char *ckp_fmt_amount(char *out, size_t size, double v)
{
    if (isinf(v))
        snprintf(out, size, "unbounded");
    else if (isnan(v))
        snprintf(out, size, "-");
    else if (fabs(v - round(v)) < 1e-9 * (fabs(v) > 1 ? fabs(v) : 1))
        snprintf(out, size, "%.0f", round(v) == 0 ? 0.0 : round(v));
    else
        snprintf(out, size, "%.2f", v);
    return out;
}
