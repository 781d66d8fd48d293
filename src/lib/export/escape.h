/* Escaping for every output language, in one place: HTML, DOT strings, CSV fields. */
#ifndef CKP_ESCAPE_H
#define CKP_ESCAPE_H

#include "chokepoint/buf.h"

/*
 * Text for HTML. CKP_HTML_LABEL, for HTML-like Graphviz labels (which an SVG
 * carries as XML): & < > " ' escaped, control characters as spaces.
 * CKP_HTML_PAGE, for the report's page: & < > " escaped, the rest as it is.
 * NULL is nothing.
 */
typedef enum { CKP_HTML_LABEL, CKP_HTML_PAGE } ckp_html_mode;
void ckp_buf_html_as(ckp_buf *b, const char *s, ckp_html_mode mode);
/* ckp_buf_html_as(b, s, CKP_HTML_LABEL) */
void ckp_buf_html(ckp_buf *b, const char *s);
/* Text inside a DOT double-quoted string (escString): \ and " escaped, newlines as \n. */
void ckp_buf_dotstr(ckp_buf *b, const char *s);
/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; NULL: "". */
void ckp_buf_csv(ckp_buf *b, const char *s);

/* A JSON string, quoted: " and \ escaped, control characters as \n, \t or \u00XX. */
void ckp_buf_json(ckp_buf *b, const char *s);

#endif
