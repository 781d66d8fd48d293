#include "json_scan.h"

#include <string.h>

static int fail(ckp_jscan *s, size_t pos, const char *msg)
{
    s->err_pos = pos;
    s->err_msg = msg;
    return -1;
}

void ckp_jscan_init(ckp_jscan *s, const char *buf, size_t len, size_t pos)
{
    s->buf = buf;
    s->len = len;
    s->pos = pos;
    s->err_pos = 0;
    s->err_msg = NULL;
}

void ckp_jscan_ws(ckp_jscan *s)
{
    while (s->pos < s->len) {
        char c = s->buf[s->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        s->pos++;
    }
}

static int skip_string(ckp_jscan *s)
{
    size_t start = s->pos++;
    while (s->pos < s->len) {
        unsigned char c = (unsigned char)s->buf[s->pos];
        if (c == '"') {
            s->pos++;
            return 0;
        }
        if (c == '\\') {
            s->pos += 2;
            continue;
        }
        if (c < 0x20)
            return fail(s, s->pos,
                        c == '\n' ? "line break inside a string: close the string with '\"'"
                                  : "control character inside a string: escape it");
        s->pos++;
    }
    return fail(s, start, "unterminated string: close it with '\"'");
}

static int is_scalar_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '+' || c == '.';
}

int ckp_jscan_begin(ckp_jscan *s, ckp_jiter *it, char open)
{
    ckp_jscan_ws(s);
    if (s->pos >= s->len || s->buf[s->pos] != open)
        return fail(s, s->pos, open == '{' ? "expected an object '{'" : "expected an array '['");
    s->pos++;
    it->close = open == '{' ? '}' : ']';
    it->first = 1;
    return 0;
}

int ckp_jscan_next(ckp_jscan *s, ckp_jiter *it, int depth, size_t *key, size_t *key_len,
                   size_t *val, size_t *val_end)
{
    ckp_jscan_ws(s);
    if (s->pos >= s->len)
        return fail(s, s->pos, it->close == '}' ? "unexpected end of file: an object is not closed with '}'"
                                                : "unexpected end of file: an array is not closed with ']'");
    if (s->buf[s->pos] == it->close) {
        s->pos++;
        return 0;
    }
    if (!it->first) {
        if (s->buf[s->pos] != ',')
            return fail(s, s->pos, it->close == '}' ? "expected ',' or '}' after an object member"
                                                    : "expected ',' or ']' after an array element");
        s->pos++;
        ckp_jscan_ws(s);
        if (s->pos < s->len && s->buf[s->pos] == it->close)
            return fail(s, s->pos - 1, "trailing comma before the closing bracket");
    }
    it->first = 0;
    *key = *key_len = 0;
    if (it->close == '}') {
        if (s->pos >= s->len || s->buf[s->pos] != '"')
            return fail(s, s->pos, "expected a key in double quotes");
        size_t k = s->pos;
        if (skip_string(s) < 0)
            return -1;
        *key = k + 1;
        *key_len = s->pos - k - 2;
        ckp_jscan_ws(s);
        if (s->pos >= s->len || s->buf[s->pos] != ':')
            return fail(s, s->pos, "expected ':' after a key");
        s->pos++;
    }
    ckp_jscan_ws(s);
    *val = s->pos;
    if (ckp_jscan_skip(s, depth + 1) < 0)
        return -1;
    *val_end = s->pos;
    return 1;
}

int ckp_jscan_skip(ckp_jscan *s, int depth)
{
    ckp_jscan_ws(s);
    if (s->pos >= s->len)
        return fail(s, s->pos, "unexpected end of file: expected a value");
    char c = s->buf[s->pos];
    if (c == '{' || c == '[') {
        if (depth >= CKP_JSON_MAX_DEPTH)
            return fail(s, s->pos, "nesting too deep (over 64 levels)");
        ckp_jiter it;
        size_t k, kl, v, ve;
        int r;
        ckp_jscan_begin(s, &it, c);
        while ((r = ckp_jscan_next(s, &it, depth, &k, &kl, &v, &ve)) == 1)
            ;
        return r;
    }
    if (c == '"')
        return skip_string(s);
    if (!is_scalar_char(c))
        return fail(s, s->pos, "expected a value (a string, number, object, array, true, "
                               "false or null)");
    while (s->pos < s->len && is_scalar_char(s->buf[s->pos]))
        s->pos++;
    return 0;
}

size_t ckp_json_locate(const char *buf, size_t start, size_t end, const char *key,
                       int occurrence)
{
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl, v, ve;
    size_t want = strlen(key);
    ckp_jscan_init(&s, buf, end, start);
    if (ckp_jscan_begin(&s, &it, '{') < 0)
        return start;
    while (ckp_jscan_next(&s, &it, 1, &k, &kl, &v, &ve) == 1)
        if (kl == want && !memcmp(buf + k, key, want) && occurrence-- == 0)
            return v;
    return start;
}
