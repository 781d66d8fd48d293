/*
 * The JSON loader's fast path: a flat object's members read straight from the
 * text, which the structural scanner has already found valid. Only the plain
 * case is taken (keys without escapes, each wanted key at most once, no wanted
 * value an object or an array); anything else is left to cJSON and the checks
 * that word the errors, so the fast path never reports anything itself.
 */
#ifndef CKP_JSON_FLAT_H
#define CKP_JSON_FLAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CKP_JFLAT_MAX 16
#define CKP_JFLAT_NONE ((size_t)-1)

/* The first byte at or after p, before len, that is not JSON whitespace. */
static inline size_t ckp_jflat_skip_ws(const char *buf, size_t p, size_t len)
{
    while (p < len && (buf[p] == ' ' || buf[p] == '\n' || buf[p] == '\r' || buf[p] == '\t'))
        p++;
    return p;
}

/* The value spans of the wanted keys: at[k] is CKP_JFLAT_NONE when key k is absent. */
typedef struct {
    size_t at[CKP_JFLAT_MAX];
    size_t end[CKP_JFLAT_MAX];
} ckp_jflat;

/*
 * Read the object at buf[start], valid JSON, with the wanted `keys` (at most
 * CKP_JFLAT_MAX). 1 with *end just after its '}'; 0 when it is not the plain case.
 */
int ckp_jflat_read(ckp_jflat *f, const char *buf, size_t len, size_t start,
                   const char *const *keys, int nkeys, size_t *end);

/*
 * The valid JSON string at [v, ve) (quotes included) unescaped, as cJSON does,
 * into out, which has room for ve - v bytes; NUL-terminated. Returns its length.
 */
size_t ckp_jflat_unescape(char *out, const char *buf, size_t v, size_t ve);

/*
 * The first byte at or after pos that ends a plain run inside a JSON string:
 * a quote, a backslash or a control character; len when there is none.
 */
static inline size_t ckp_json_plain_run(const char *buf, size_t pos, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
    /* eight bytes at a time: the lowest flagged byte of each test is a true match */
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (pos + 8 <= len) {
        uint64_t w, q, b;
        memcpy(&w, buf + pos, 8);
        q = w ^ (ones * '"');
        b = w ^ (ones * '\\');
        uint64_t hit = (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w)) &
                       highs;
        if (hit)
            return pos + ((size_t)__builtin_ctzll(hit) >> 3);
        pos += 8;
    }
#endif
    for (; pos < len; pos++) {
        unsigned char c = (unsigned char)buf[pos];
        if (c == '"' || c == '\\' || c < 0x20)
            break;
    }
    return pos;
}

#endif
