#include "escape.h"

#include <stdio.h>

void ckp_buf_html_as(ckp_buf *b, const char *s, ckp_html_mode mode)
{
    for (const char *p = s; p && *p; p++) {
        switch (*p) {
        case '&':
            ckp_buf_puts(b, "&amp;");
            break;
        case '<':
            ckp_buf_puts(b, "&lt;");
            break;
        case '>':
            ckp_buf_puts(b, "&gt;");
            break;
        case '"':
            ckp_buf_puts(b, "&quot;");
            break;
        case '\'':
            ckp_buf_puts(b, mode == CKP_HTML_LABEL ? "&#39;" : "'");
            break;
        default:
            /* control characters are not allowed in XML 1.0 text */
            if (mode == CKP_HTML_LABEL && (unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
                ckp_buf_puts(b, " ");
            else
                ckp_buf_put(b, p, 1);
        }
    }
}

void ckp_buf_html(ckp_buf *b, const char *s)
{
    ckp_buf_html_as(b, s, CKP_HTML_LABEL);
}

void ckp_buf_dotstr(ckp_buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            ckp_buf_printf(b, "\\%c", *p);
        else if (*p == '\n')
            ckp_buf_puts(b, "\\n");
        else if ((unsigned char)*p < 0x20)
            ckp_buf_puts(b, " ");
        else
            ckp_buf_put(b, p, 1);
    }
}

/* RFC 4180: quote a field when it holds a comma, a quote or a line break. */
void ckp_buf_csv(ckp_buf *b, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        ckp_buf_puts(b, s);
        return;
    }
    ckp_buf_puts(b, "\"");
    for (; *s; s++)
        ckp_buf_put(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
    ckp_buf_puts(b, "\"");
}

void ckp_buf_json(ckp_buf *b, const char *s)
{
    ckp_buf_puts(b, "\"");
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\')
            ckp_buf_printf(b, "\\%c", c);
        else if (c == '\n')
            ckp_buf_puts(b, "\\n");
        else if (c == '\r')
            ckp_buf_puts(b, "\\r");
        else if (c == '\t')
            ckp_buf_puts(b, "\\t");
        else if (c < 0x20)
            ckp_buf_printf(b, "\\u%04x", c);
        else
            ckp_buf_put(b, p, 1);
    }
    ckp_buf_puts(b, "\"");
}
