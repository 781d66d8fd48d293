/* A growable text buffer: outputs are built whole, then written at once. */
#ifndef CKP_CLI_BUF_H
#define CKP_CLI_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct {
    char *data;
    size_t len, cap;
    int oom;
} ckp_buf;

void ckp_buf_init(ckp_buf *b);
void ckp_buf_destroy(ckp_buf *b);
void ckp_buf_printf(ckp_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ckp_buf_put_grow(ckp_buf *b, const char *s, size_t n);

/* n bytes of s; inline, for the report writers' millions of short pieces */
static inline void ckp_buf_put(ckp_buf *b, const char *s, size_t n)
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

/* Tonnes for people: integers plainly, others with up to 2 decimals. */
const char *ckp_fmt_amount(char *out, size_t size, double v);

#endif
