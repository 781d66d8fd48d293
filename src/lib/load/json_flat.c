/* The JSON loader's fast path; see json_flat.h. */
#include "json_flat.h"

#include "json_scan.h"

/* Just after the valid string whose quote is at p; *plain when it has no escape. */
static size_t string_end(const char *buf, size_t p, size_t len, int *plain)
{
    *plain = 1;
    for (p++;;) {
        p = ckp_json_plain_run(buf, p, len);
        if (p >= len || buf[p] != '\\')
            return p + 1; /* the closing quote: control characters were refused */
        *plain = 0;
        p += 2; /* "\u00e9"'s digits are plain bytes, read on by the next run */
    }
}

static int scalar_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' ||
           c == '.' || c == 'E';
}

static int wanted(const char *const *keys, int nkeys, const char *k, size_t kl)
{
    for (int i = 0; i < nkeys; i++)
        if (keys[i][0] == k[0] && !strncmp(keys[i], k, kl) && !keys[i][kl])
            return i;
    return -1;
}

int ckp_jflat_read(ckp_jflat *f, const char *buf, size_t len, size_t start,
                   const char *const *keys, int nkeys, size_t *end)
{
    size_t p = start;
    int plain;
    for (int k = 0; k < nkeys; k++)
        f->at[k] = CKP_JFLAT_NONE;
    if (p >= len || buf[p] != '{')
        return 0;
    p = ckp_jflat_skip_ws(buf, p + 1, len);
    if (p < len && buf[p] == '}') {
        *end = p + 1;
        return 1;
    }
    while (p < len && buf[p] == '"') {
        size_t k = p + 1;
        p = string_end(buf, p, len, &plain);
        if (!plain || p > len)
            return 0; /* an escaped key means what it decodes to: cJSON's to tell */
        int key = k < p - 1 ? wanted(keys, nkeys, buf + k, p - 1 - k) : -1;
        p = ckp_jflat_skip_ws(buf, p, len);
        if (p >= len || buf[p] != ':')
            return 0;
        size_t v = p = ckp_jflat_skip_ws(buf, p + 1, len);
        if (p >= len)
            return 0;
        if (buf[p] == '"') {
            p = string_end(buf, p, len, &plain);
        } else if (buf[p] == '{' || buf[p] == '[') {
            ckp_jscan s;
            ckp_jscan_init(&s, buf, len, p);
            if (key >= 0 || ckp_jscan_skip(&s, 2) < 0)
                return 0;
            p = s.pos;
        } else {
            while (p < len && scalar_char(buf[p]))
                p++;
        }
        if (key >= 0) {
            if (f->at[key] != CKP_JFLAT_NONE)
                return 0; /* a key twice: the slow path words it */
            f->at[key] = v;
            f->end[key] = p;
        }
        p = ckp_jflat_skip_ws(buf, p, len);
        if (p < len && buf[p] == '}') {
            *end = p + 1;
            return 1;
        }
        if (p >= len || buf[p] != ',')
            return 0;
        p = ckp_jflat_skip_ws(buf, p + 1, len);
    }
    return 0;
}

static unsigned hex4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v << 4 | (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* cp as UTF-8 at out: its length */
static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t ckp_jflat_unescape(char *out, const char *buf, size_t v, size_t ve)
{
    size_t n = 0, p = v + 1, last = ve - 1; /* between the quotes */
    while (p < last) {
        size_t run = ckp_json_plain_run(buf, p, last);
        memcpy(out + n, buf + p, run - p);
        n += run - p;
        if ((p = run) >= last)
            break;
        char e = buf[p + 1];
        p += 2;
        if (e == 'u') {
            unsigned cp = hex4(buf + p);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* the scanner saw the low half follow */
                cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(buf + p + 2) - 0xDC00);
                p += 6;
            }
            n += put_utf8(out + n, cp);
            continue;
        }
        out[n++] = e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r'
                 : e == 't' ? '\t' : e; /* '"', '\\' and '/' stand for themselves */
    }
    out[n] = '\0';
    return n;
}
