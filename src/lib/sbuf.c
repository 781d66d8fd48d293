#include "sbuf.h"

#include "chokepoint/render.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ckp_sbuf_init(ckp_sbuf *b)
{
    memset(b, 0, sizeof *b);
}

void ckp_sbuf_destroy(ckp_sbuf *b)
{
    free(b->data);
    ckp_sbuf_init(b);
}

/* Room for `extra` more bytes and the NUL; doubling keeps appends amortised O(1). */
static int reserve(ckp_sbuf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
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

void ckp_sbuf_add(ckp_sbuf *b, const void *data, size_t len)
{
    if (reserve(b, len) < 0)
        return;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void ckp_sbuf_puts(ckp_sbuf *b, const char *s)
{
    ckp_sbuf_add(b, s, strlen(s));
}

void ckp_sbuf_printf(ckp_sbuf *b, const char *fmt, ...)
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

char *ckp_sbuf_take(ckp_sbuf *b, size_t *len)
{
    if (!b->oom && !b->data)
        ckp_sbuf_add(b, "", 0);
    if (b->oom) {
        ckp_sbuf_destroy(b);
        if (len)
            *len = 0;
        return NULL;
    }
    char *data = b->data;
    if (len)
        *len = b->len;
    ckp_sbuf_init(b);
    return data;
}

void ckp_sbuf_html(ckp_sbuf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&':
            ckp_sbuf_puts(b, "&amp;");
            break;
        case '<':
            ckp_sbuf_puts(b, "&lt;");
            break;
        case '>':
            ckp_sbuf_puts(b, "&gt;");
            break;
        case '"':
            ckp_sbuf_puts(b, "&quot;");
            break;
        case '\'':
            ckp_sbuf_puts(b, "&#39;");
            break;
        default:
            /* control characters are not allowed in XML 1.0 text */
            if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
                ckp_sbuf_puts(b, " ");
            else
                ckp_sbuf_add(b, p, 1);
        }
    }
}

void ckp_sbuf_dotstr(ckp_sbuf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            ckp_sbuf_printf(b, "\\%c", *p);
        else if (*p == '\n')
            ckp_sbuf_puts(b, "\\n");
        else if ((unsigned char)*p < 0x20)
            ckp_sbuf_puts(b, " ");
        else
            ckp_sbuf_add(b, p, 1);
    }
}

const char *ckp_fmt_number(char *out, size_t size, double v, int decimals)
{
    if (!size)
        return out;
    if (isnan(v)) {
        snprintf(out, size, "-");
        return out;
    }
    if (isinf(v)) {
        snprintf(out, size, "unbounded");
        return out;
    }
    char digits[64];
    double r = round(v);
    if (fabs(v - r) < 1e-9 * (fabs(v) > 1 ? fabs(v) : 1))
        snprintf(digits, sizeof digits, "%.0f", r == 0 ? 0.0 : fabs(r));
    else
        snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    /* all-zero after rounding ("0.0"): no minus sign */
    int neg = v < 0 && strspn(digits, "0.") != strlen(digits);
    const char *dot = strchr(digits, '.');
    size_t intlen = dot ? (size_t)(dot - digits) : strlen(digits);
    char tmp[96];
    size_t o = 0;
    if (neg)
        tmp[o++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = digits[i];
    }
    if (dot)
        for (const char *p = dot; *p && o < sizeof tmp - 1; p++)
            tmp[o++] = *p;
    tmp[o] = '\0';
    snprintf(out, size, "%s", tmp);
    return out;
}
