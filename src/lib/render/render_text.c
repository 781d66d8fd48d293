/* Text of HTML-like Graphviz labels: names wrapped, long notes clipped, by characters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "render_dot_internal.h"

/* Count UTF-8 characters (not bytes) so that wrapping works for any script. */
static size_t utf8_chars(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/*
 * A name wrapped into at most `lines` lines of about `width` characters, as
 * HTML-like label text: long names would otherwise make boxes as wide as a
 * page. Words longer than a line are cut; what does not fit ends in "...".
 */
static void wrap(ckp_buf *out, const char *text, size_t width, int lines, int strike,
                 const char *br)
{
    const char *p = text;
    int line = 0;
    while (*p && line < lines) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        /* take words while they fit */
        const char *end = p, *q = p;
        size_t used = 0;
        while (*q) {
            const char *w = q;
            while (*w == ' ')
                w++;
            const char *we = w;
            while (*we && *we != ' ')
                we++;
            size_t wl = utf8_chars(w, (size_t)(we - w)) + (q == p ? 0 : 1);
            if (used + wl > width && end != p)
                break;
            if (used + wl > width && end == p) {
                /* one word longer than the line: cut it on a character boundary */
                const char *c = w;
                size_t k = 0;
                while (*c && *c != ' ' && k < width) {
                    c++;
                    while (((unsigned char)*c & 0xC0) == 0x80)
                        c++;
                    k++;
                }
                end = c;
                break;
            }
            used += wl;
            end = we;
            q = we;
        }
        if (end == p)
            break;
        char *chunk = malloc((size_t)(end - p) + 1);
        if (!chunk) {
            out->oom = 1;
            return;
        }
        memcpy(chunk, p, (size_t)(end - p));
        chunk[end - p] = '\0';
        if (line)
            ckp_buf_puts(out, br);
        if (strike)
            ckp_buf_puts(out, "<S>");
        ckp_buf_html(out, chunk);
        p = end;
        while (*p == ' ')
            p++;
        if (*p && line == lines - 1)
            ckp_buf_puts(out, "...");
        if (strike)
            ckp_buf_puts(out, "</S>");
        free(chunk);
        line++;
    }
}

void rd_wrap_html(ckp_buf *out, const char *text, size_t width, int lines, int strike)
{
    wrap(out, text, width, lines, strike, "<BR/>");
}

void rd_wrap_left(ckp_buf *out, const char *text, size_t width, int lines)
{
    wrap(out, text, width, lines, 0, "<BR ALIGN=\"LEFT\"/>");
}

/* Cut a long text at a word boundary, for the one-line source note. */
void rd_clipped_html(ckp_buf *d, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (utf8_chars(s, n) <= max) {
        ckp_buf_html(d, s);
        return;
    }
    /* find the byte offset of character `max` */
    size_t i = 0, k = 0;
    while (s[i] && k < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k++;
    }
    size_t cut = i;
    while (cut > 0 && s[cut] != ' ')
        cut--;
    if (cut < max / 2)
        cut = i;
    char *t = malloc(cut + 1);
    if (!t) {
        d->oom = 1;
        return;
    }
    memcpy(t, s, cut);
    t[cut] = '\0';
    while (cut && (t[cut - 1] == ',' || t[cut - 1] == ';' || t[cut - 1] == ' '))
        t[--cut] = '\0';
    ckp_buf_html(d, t);
    ckp_buf_puts(d, " ...");
    free(t);
}
