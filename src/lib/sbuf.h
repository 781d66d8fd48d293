/*
 * A growable byte buffer for the library's generated outputs (DOT text,
 * figure bytes). Out of memory is sticky: appends after a failure are
 * ignored and `oom` stays set, so builders check once at the end.
 */
#ifndef CKP_SBUF_H
#define CKP_SBUF_H

#include <stddef.h>

typedef struct {
    char *data; /* NUL-terminated when not NULL */
    size_t len, cap;
    int oom;
} ckp_sbuf;

void ckp_sbuf_init(ckp_sbuf *b);
void ckp_sbuf_destroy(ckp_sbuf *b);
void ckp_sbuf_add(ckp_sbuf *b, const void *data, size_t len);
void ckp_sbuf_puts(ckp_sbuf *b, const char *s);
void ckp_sbuf_printf(ckp_sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hand the data over (never NULL unless out of memory); the buffer is reset. */
char *ckp_sbuf_take(ckp_sbuf *b, size_t *len);

/* Text for an HTML-like Graphviz label or for HTML: & < > " ' escaped. */
void ckp_sbuf_html(ckp_sbuf *b, const char *s);
/* Text inside a DOT double-quoted string (escString): \ and " escaped, newlines as \n. */
void ckp_sbuf_dotstr(ckp_sbuf *b, const char *s);

/* ckp_fmt_number (render.h) is defined in sbuf.c with the other text helpers. */

#endif
