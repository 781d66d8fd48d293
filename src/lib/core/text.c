#include "text.h"

void ckp_text_position(const char *buf, size_t len, size_t off, long *line, long *column)
{
    long l = 1, c = 1;
    if (off > len)
        off = len;
    /* a byte-order mark is invisible in editors: it takes no column */
    size_t i0 = ckp_bom_length(buf, len) <= off ? ckp_bom_length(buf, len) : 0;
    for (size_t i = i0; i < off; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80 && !(b == '\r' && i + 1 < len && buf[i + 1] == '\n')) {
            c++; /* count characters, not continuation bytes; CRLF is one line end */
        }
    }
    *line = l;
    *column = c;
}

size_t ckp_utf8_invalid(const char *buf, size_t len)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        unsigned char b = s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned min;
        unsigned cp;
        if ((b & 0xE0) == 0xC0) {
            n = 2, min = 0x80, cp = b & 0x1F;
        } else if ((b & 0xF0) == 0xE0) {
            n = 3, min = 0x800, cp = b & 0x0F;
        } else if ((b & 0xF8) == 0xF0) {
            n = 4, min = 0x10000, cp = b & 0x07;
        } else {
            return i;
        }
        if (i + n > len)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

size_t ckp_bom_length(const char *buf, size_t len)
{
    const unsigned char *s = (const unsigned char *)buf;
    return len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
}

int ckp_decimal_exact(uint64_t m, int scale, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (m > (UINT64_C(1) << 53) || scale < -22 || scale > 22)
        return 0;
    *out = scale < 0 ? (double)m / pow10[-scale] : (double)m * pow10[scale];
    return 1;
}
