/* Escaping for every output language, in one place: HTML, DOT strings, CSV fields. */
#ifndef CKP_ESCAPE_H
#define CKP_ESCAPE_H

#include "chokepoint/buf.h"

/* Text for HTML or an HTML-like Graphviz label: & < > " ' escaped, controls as spaces. */
void ckp_buf_html(ckp_buf *b, const char *s);
/* Text inside a DOT double-quoted string (escString): \ and " escaped, newlines as \n. */
void ckp_buf_dotstr(ckp_buf *b, const char *s);
/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
void ckp_buf_csv(ckp_buf *b, const char *s);

/* A JSON string, quoted: " and \ escaped, control characters as \n, \t or \u00XX. */
void ckp_buf_json(ckp_buf *b, const char *s);

#endif
