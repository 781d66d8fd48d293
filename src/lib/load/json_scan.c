#include "json_scan.h"

#include <string.h>

#include "json_flat.h"

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

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/*
 * Skip a string, checking its escapes: the scanner, not cJSON, is the judge of
 * what is valid JSON, since members the loader does not read never reach cJSON.
 */
static int skip_string(ckp_jscan *s)
{
    size_t start = s->pos++;
    while ((s->pos = ckp_json_plain_run(s->buf, s->pos, s->len)) < s->len) {
        unsigned char c = (unsigned char)s->buf[s->pos];
        if (c == '"') {
            s->pos++;
            return 0;
        }
        if (c == '\\') {
            size_t at = s->pos;
            if (at + 1 >= s->len)
                break;
            char e = s->buf[at + 1];
            if (e == 'u') {
                unsigned cp, lo;
                if (at + 6 > s->len || hex4(s->buf + at + 2, &cp) < 0)
                    return fail(s, at, "invalid \\u escape in a string: it needs four hex "
                                       "digits (\\u00e9)");
                s->pos = at + 6;
                if (cp == 0)
                    return fail(s, at, "\\u0000 (a NUL character) inside a string is not "
                                       "allowed");
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(s, at, "invalid \\u escape in a string: a lone UTF-16 low "
                                       "surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (s->pos + 6 > s->len || s->buf[s->pos] != '\\' ||
                        s->buf[s->pos + 1] != 'u' || hex4(s->buf + s->pos + 2, &lo) < 0 ||
                        lo < 0xDC00 || lo > 0xDFFF)
                        return fail(s, at, "invalid \\u escape in a string: a UTF-16 high "
                                           "surrogate must be followed by a low one");
                    s->pos += 6;
                }
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || e == '\0')
                return fail(s, at, "invalid escape in a string: use \\\", \\\\, \\/, "
                                   "\\b, \\f, \\n, \\r, \\t or \\uXXXX");
            s->pos = at + 2;
            continue;
        }
        if (c < 0x20)
            return fail(s, s->pos,
                        c == '\n' || c == '\r'
                            ? "line break inside a string: close the string with '\"' or "
                              "write \\n"
                            : "control character inside a string: escape it (\\t, \\uXXXX)");
        s->pos++;
    }
    return fail(s, start, "unterminated string: close it with '\"'");
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int valid_number(const char *p, size_t n)
{
    size_t i = 0;
    if (i < n && p[i] == '-')
        i++;
    if (i >= n)
        return 0;
    if (p[i] == '0')
        i++;
    else if (p[i] >= '1' && p[i] <= '9')
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
    else
        return 0;
    if (i < n && p[i] == '.') {
        size_t d = ++i;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-'))
            i++;
        size_t d = i;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    return i == n;
}

#define EXPECTED_VALUE                                                                     \
    "expected a value: a string in double quotes, a number, an object, an array, true, "  \
    "false or null"

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
    int r = ckp_jscan_next_start(s, it, key, key_len, val);
    if (r != 1)
        return r;
    if (ckp_jscan_skip(s, depth + 1) < 0)
        return -1;
    *val_end = s->pos;
    return 1;
}

int ckp_jscan_next_start(ckp_jscan *s, ckp_jiter *it, size_t *key, size_t *key_len,
                         size_t *val)
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
        size_t comma = s->pos++;
        ckp_jscan_ws(s);
        if (s->pos < s->len && s->buf[s->pos] == it->close)
            return fail(s, comma, it->close == '}' ? "trailing comma before '}': remove it"
                                                   : "trailing comma before ']': remove it");
        if (s->pos >= s->len)
            return fail(s, s->pos, it->close == '}'
                                       ? "unexpected end of file: an object is not closed "
                                         "with '}'"
                                       : "unexpected end of file: an array is not closed "
                                         "with ']'");
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
        return fail(s, s->pos, EXPECTED_VALUE);
    size_t start = s->pos;
    while (s->pos < s->len && is_scalar_char(s->buf[s->pos]))
        s->pos++;
    const char *p = s->buf + start;
    size_t n = s->pos - start;
    if ((n == 4 && !memcmp(p, "true", 4)) || (n == 5 && !memcmp(p, "false", 5)) ||
        (n == 4 && !memcmp(p, "null", 4)))
        return 0;
    if (c == '-' || c == '.' || c == '+' || (c >= '0' && c <= '9')) {
        if (valid_number(p, n))
            return 0;
        return fail(s, start, "invalid number: write numbers like 12, 0.5, -3 or 1e6 (no "
                              "leading zeros, '+' or thousands separators)");
    }
    return fail(s, start, EXPECTED_VALUE);
}

/* Find the `occurrence`th member named `key`; its key's offset in *k_at, value's in *v_at. */
static int locate(const char *buf, size_t start, size_t end, const char *key, int occurrence,
                  size_t *k_at, size_t *v_at)
{
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl, v, ve;
    size_t want = strlen(key);
    ckp_jscan_init(&s, buf, end, start);
    if (ckp_jscan_begin(&s, &it, '{') < 0)
        return 0;
    while (ckp_jscan_next(&s, &it, 1, &k, &kl, &v, &ve) == 1)
        if (kl == want && !memcmp(buf + k, key, want) && occurrence-- == 0) {
            *k_at = k - 1; /* the opening quote */
            *v_at = v;
            return 1;
        }
    return 0;
}

size_t ckp_json_locate(const char *buf, size_t start, size_t end, const char *key,
                       int occurrence)
{
    size_t k, v;
    return locate(buf, start, end, key, occurrence, &k, &v) ? v : start;
}

size_t ckp_json_locate_key(const char *buf, size_t start, size_t end, const char *key,
                           int occurrence)
{
    size_t k, v;
    return locate(buf, start, end, key, occurrence, &k, &v) ? k : start;
}
