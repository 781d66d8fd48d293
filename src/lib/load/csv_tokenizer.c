/* The CSV tokenizer; see csv_tokenizer.h. */
#include "csv_tokenizer.h"

#include <stdlib.h>
#include <string.h>

#include "load_common.h"
#include "text.h"

/* ';' or a tab when the first line has more of them than commas (outside quotes), else ','. */
static char header_separator(const char *buf, size_t len)
{
    size_t count[3] = {0, 0, 0};
    int quoted = 0;
    for (size_t i = 0; i < len && (quoted || buf[i] != '\n'); i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            count[0] += buf[i] == ',', count[1] += buf[i] == ';', count[2] += buf[i] == '\t';
    }
    if (count[1] > count[0] && count[1] >= count[2])
        return ';';
    if (count[2] > count[0] && count[2] > count[1])
        return '\t';
    return ',';
}


ckp_code csv_locate(csv *c, size_t off)
{
    long line, column;
    ckp_text_position(c->buf, c->len, off, &line, &column);
    ckp_error_at(c->err, c->path, line, column);
    return c->err ? c->err->code : CKP_EDATA;
}


/* Room for `more` bytes in the row's scratch; -1 when out of memory. */
static int scratch_room(csv *c, size_t more)
{
    if (c->scratch_cap - c->scratch_used >= more)
        return 0;
    return ckp_load_room(&c->scratch, &c->scratch_cap, c->scratch_used + more, 256);
}

static int scratch_put(csv *c, char ch)
{
    if (scratch_room(c, 1) < 0)
        return -1;
    c->scratch[c->scratch_used++] = ch;
    return 0;
}

const char *csv_field(const csv *c, int i)
{
    return c->scratch + c->field_at[i];
}

/* Read one record. Returns 1 with a row, 0 at end of input, or an error code (negative). */
int csv_row(csv *c)
{
    /* skip blank lines */
    while (c->pos < c->len && (c->buf[c->pos] == '\n' || c->buf[c->pos] == '\r'))
        c->pos++;
    if (c->pos >= c->len)
        return 0;
    c->row_pos = c->pos;
    c->nfields = 0;
    c->scratch_used = 0;
    for (;;) {
        if (c->nfields == CSV_MAX_COLUMNS) {
            CERR(c, c->pos, "more than %d columns in a row", CSV_MAX_COLUMNS);
            return -1;
        }
        /* unquoted fields are trimmed, and spaces around a quoted field are ignored */
        while (c->pos < c->len && c->buf[c->pos] == ' ')
            c->pos++;
        size_t start = c->pos;
        c->field_pos[c->nfields] = start;
        c->field_at[c->nfields] = c->scratch_used;
        if (c->pos < c->len && c->buf[c->pos] == '"') {
            c->pos++;
            for (;;) {
                if (c->pos >= c->len) {
                    CERR(c, start, "unterminated quoted field: close it with '\"'");
                    return -1;
                }
                char ch = c->buf[c->pos];
                if (ch == '"') {
                    if (c->pos + 1 < c->len && c->buf[c->pos + 1] == '"') {
                        c->pos += 2;
                    } else {
                        c->pos++;
                        break;
                    }
                } else {
                    c->pos++;
                }
                if (scratch_put(c, ch) < 0)
                    goto nomem;
            }
            while (c->pos < c->len && c->buf[c->pos] == ' ')
                c->pos++;
            if (c->pos < c->len && c->buf[c->pos] != c->sep && c->buf[c->pos] != '\n' &&
                c->buf[c->pos] != '\r') {
                CERR(c, c->pos, "unexpected text after a closing quote: a quoted field must "
                                "end at a %s or a line end",
                     c->sep == ',' ? "comma" : c->sep == ';' ? "semicolon" : "tab");
                return -1;
            }
        } else {
            size_t end = c->pos;
            while (end < c->len && c->buf[end] != c->sep && c->buf[end] != '\n' &&
                   c->buf[end] != '\r' && c->buf[end] != '"')
                end++;
            if (end < c->len && c->buf[end] == '"') {
                CERR(c, end, "stray '\"' in an unquoted field: quote the whole field "
                             "and double the quote (\"\")");
                return -1;
            }
            if (end > c->pos) { /* an empty field has no scratch to copy into yet */
                if (scratch_room(c, end - c->pos) < 0)
                    goto nomem;
                memcpy(c->scratch + c->scratch_used, c->buf + c->pos, end - c->pos);
                c->scratch_used += end - c->pos;
                c->pos = end;
            }
            while (c->scratch_used > c->field_at[c->nfields] &&
                   c->scratch[c->scratch_used - 1] == ' ')
                c->scratch_used--;
        }
        if (scratch_put(c, '\0') < 0)
            goto nomem;
        c->nfields++;
        if (c->pos < c->len && c->buf[c->pos] == c->sep) {
            c->pos++;
            continue;
        }
        if (c->pos < c->len && c->buf[c->pos] == '\r')
            c->pos++;
        if (c->pos < c->len && c->buf[c->pos] == '\n')
            c->pos++;
        return 1;
    }
nomem:
    ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
    return -1;
}

ckp_code csv_open(csv *c, const char *path, const char *buf, size_t len, char sep,
                  ckp_error *err)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    c->buf = buf;
    c->len = len;
    c->err = err;
    size_t bad = ckp_load_utf8_invalid(buf, len);
    if (bad < len)
        return CERR(c, bad, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
                    (unsigned char)buf[bad]);
    if (memchr(buf, '\0', len))
        return CERR(c, (size_t)((const char *)memchr(buf, '\0', len) - buf),
                    "NUL byte in the file: this is not a text file");
    c->pos = ckp_bom_length(buf, len); /* spreadsheets write one; it means nothing */
    c->sep = sep ? sep : header_separator(buf + c->pos, len - c->pos);
    return CKP_OK;
}
