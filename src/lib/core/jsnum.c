/*
 * Numbers as cJSON 1.7 prints them (print_number), without printf: a
 * million-node analysis prints twenty million numbers, and printf's exact
 * %g (multi-precision arithmetic), read back by strtod, was a quarter of
 * its time.
 *
 * The rule: an integer value that fits an int as %d; otherwise %1.15g,
 * unless that does not read back within DBL_EPSILON (relative), then
 * %1.17g; NaN and infinity as null.
 *
 * %.Pg is done exactly for 1e-36 <= |d| < 1e15: d = m 2^-s with m < 2^53,
 * so d 10^k = m 5^k / 2^(s - k), a shift of a 128-bit (up to 192-bit)
 * product whose remainder decides the rounding, half to even as glibc
 * rounds the exact binary value. The same remainder says whether the
 * 15-digit result reads back close enough (round_digits); in the rare
 * cases it cannot, the digits are read back exactly by Clinger's fast path
 * (digits < 2^53, a power of ten <= 22), or by strtod below 1e-8. Anything
 * else goes to snprintf and strtod.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "text.h"

__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

#define P32 ((u128)7450580596923828125u * 3125u)

/* 5^k for k <= 52, the largest under 2^128 with room to spare (times 3 below) */
static const u128 pow5[53] = {
    1u, 5u, 25u, 125u, 625u, 3125u, 15625u, 78125u, 390625u, 1953125u, 9765625u, 48828125u,
    244140625u, 1220703125u, 6103515625u, 30517578125u, 152587890625u, 762939453125u,
    3814697265625u, 19073486328125u, 95367431640625u, 476837158203125u, 2384185791015625u,
    11920928955078125u, 59604644775390625u, 298023223876953125u, 1490116119384765625u,
    7450580596923828125u, (u128)7450580596923828125u * 5u, (u128)7450580596923828125u * 25u,
    (u128)7450580596923828125u * 125u, (u128)7450580596923828125u * 625u, P32, P32 * 5u,
    P32 * 25u, P32 * 125u, P32 * 625u, P32 * 3125u, P32 * 15625u, P32 * 78125u,
    P32 * 390625u, P32 * 1953125u, P32 * 9765625u, P32 * 48828125u, P32 * 244140625u,
    P32 * 1220703125u, P32 * 6103515625u, P32 * 30517578125u, P32 * 152587890625u,
    P32 * 762939453125u, P32 * 3814697265625u, P32 * 19073486328125u, P32 * 95367431640625u,
};

/* d > 0 normal as m / 2^s with 2^52 <= m < 2^53: the bits, without frexp and ldexp */
static void split(double d, uint64_t *m, int *s)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    *m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    *s = 1075 - (int)(bits >> 52 & 0x7ff);
}

/*
 * m 5^k = q 2^shift + r, r < 2^shift: 0 when that does not fit. Above 5^32
 * the product takes 192 bits, but q and r fit 128 when the shift is 64 or
 * more, as it is for the small numbers that need such a k.
 */
static int divide(uint64_t m, int k, int shift, u128 *q, u128 *r)
{
    if (shift < 1 || shift > 127 || k < 0 || k > 52)
        return 0;
    if (k <= 32) {
        u128 n = (u128)m * pow5[k];
        *q = n >> shift;
        *r = n - (*q << shift);
        return 1;
    }
    if (shift < 64)
        return 0;
    u128 lo = (u128)m * (uint64_t)pow5[k];
    u128 hi = (u128)m * (uint64_t)(pow5[k] >> 64) + (lo >> 64); /* m 5^k = hi 2^64 + lo */
    *q = hi >> (shift - 64);
    *r = (hi - (*q << (shift - 64))) << 64 | (uint64_t)lo;
    return 1;
}

static const uint64_t pow10u[19] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
};

/*
 * d 10^k = q + r / 2^shift, with k chosen so that q has 17 or 18 digits
 * (n of them): one division serves both precisions.
 */
typedef struct {
    uint64_t m, q;
    u128 r;
    int k, shift, x, n; /* x: the decimal exponent of d's first digit */
} scaled;

/* d > 0 scaled; 0 when it does not fit (then printf does it) */
static int scale(scaled *sc, double d)
{
    int s;
    split(d, &sc->m, &s);
    /* floor(log10(d)) is x0 or x0 + 1, x0 = floor((e2 - 1) log10(2)) with d = f 2^e2,
       0.5 <= f < 1, e2 = 53 - s: 78913 / 2^18 gives that floor exactly for |e2| < 1650 */
    int x0 = ((52 - s) * 78913) >> 18;
    u128 q;
    sc->k = 16 - x0;
    sc->shift = s - sc->k;
    /* the shift bound keeps 1,000 2^shift (round_to) within 128 bits */
    if (sc->shift > 117 || !divide(sc->m, sc->k, sc->shift, &q, &sc->r))
        return 0;
    if (q < pow10u[16] || q >= pow10u[18])
        return 0;
    sc->q = (uint64_t)q;
    sc->n = q >= pow10u[17] ? 18 : 17;
    sc->x = x0 + sc->n - 17;
    return 1;
}

/* how the p digits read back, when the distance to d alone decides it (see round_to) */
enum { BACK_UNKNOWN, BACK_CLOSE, BACK_FAR };

/*
 * 1 when the 15 digits surely do not read back (round_to would say BACK_FAR), from 64-bit
 * arithmetic alone: d's distance to either 15-digit neighbour, at least min(rem, g - 1 - rem)
 * in units of q's last digit (rem = q mod g, the fraction r / 2^shift below one), against
 * 1.5 of d's last place, 5^k / 2^shift, rounded up. A ratio of flows (an origin share) has
 * 17 significant digits nearly always: this spares it the 15-digit rounding and its
 * 128-bit distance (jsnum_bench: 54 to 47 ns a number).
 */
static int surely_far(const scaled *sc)
{
    if (sc->m < (UINT64_C(1) << 52) + 2 || sc->m > (UINT64_C(1) << 53) - 3)
        return 0; /* the ends of a binade: round_to decides */
    uint64_t rem = sc->n == 17 ? sc->q % 100u : sc->q % 1000u;
    uint64_t g = sc->n == 17 ? 100u : 1000u, near = rem < g - 1 - rem ? rem : g - 1 - rem;
    uint64_t ulp = (uint64_t)(pow5[sc->k] >> sc->shift) + 1; /* under 2^10: q < 10^18 */
    return 2 * near > 3 * ulp;
}

/*
 * The p (15 or 17) significant digits of d rounded half to even, as printf
 * rounds the exact binary value: q / g with g = 10^(n - p), the remainder
 * (q mod g + r / 2^shift) deciding. *exp10: the exponent of the first digit.
 *
 * *back says whether the digits read back within DBL_EPSILON of d, from
 * their distance to d in units u of d's last place, delta / 5^k with delta
 * in units of 2^-shift (d = m 2^-s: d 10^k = m 5^k / 2^(s - k)), for d not
 * a power of two: the nearest double to a decimal under 1.5u away is d or a
 * neighbour 1u away, close enough (u <= d DBL_EPSILON); over 1.5u away it is
 * 2u or more away, too far (DBL_EPSILON times either is under 2u) unless the
 * double 2u away is at the end of d's binade. At exactly 1.5u, or at those
 * ends, BACK_UNKNOWN: the caller reads the digits back. back NULL: not wanted.
 */
static uint64_t round_to(const scaled *sc, int p, int *exp10, int *back)
{
    /* q / g as a multiplication by 2^shift / g rounded up, exact for q < 2^60 (the error,
       under q / 2^shift < 2^-7, 2^-10, 2^-13, stays below 1 / g): no branch on g */
    static const uint64_t inv[4] = {
        UINT64_C(1) << 63,
        (uint64_t)(((u128)1 << 67) / 10 + 1),
        (uint64_t)(((u128)1 << 70) / 100 + 1),
        (uint64_t)(((u128)1 << 73) / 1000 + 1),
    };
    static const int inv_shift[4] = {63, 67, 70, 73};
    int i = sc->n - p;
    uint64_t g = pow10u[i], q = (uint64_t)(((u128)sc->q * inv[i]) >> inv_shift[i]);
    uint64_t rem = sc->q - q * g;
    u128 one = (u128)1 << sc->shift;
    /*
     * The remainder rem + r / 2^shift against g / 2, where rem is whole and r / 2^shift below
     * one: above half when rem is, or rem is half and r is not 0; a tie only at rem = g / 2,
     * r = 0. With g = 1 (q has p digits), rem is 0 and r against half of 2^shift decides.
     * No 128-bit product: jsnum_bench 10 to 20% less CPU (the two builds at once).
     */
    if (g == 1) {
        u128 twice = 2 * sc->r;
        q += (uint64_t)((twice > one) | ((twice == one) & (int)(q & 1)));
    } else {
        uint64_t half = g / 2;
        q += (uint64_t)((rem > half) | ((rem == half) & ((sc->r != 0) | (int)(q & 1))));
    }
    /* the digits less d 10^k, in units of 2^-shift: j - r / 2^shift, -g < j <= g */
    int64_t j = (int64_t)(q * g - sc->q);
    *exp10 = sc->x;
    if (q == pow10u[p]) { /* rounded up to the next power of ten */
        q = pow10u[p - 1];
        ++*exp10;
    }
    if (!back) /* the 17 digits: nothing to decide */
        return q;
    i128 signed_delta = (i128)j * (i128)one - (i128)sc->r;
    u128 delta = (u128)(signed_delta < 0 ? -signed_delta : signed_delta);
    *back = BACK_UNKNOWN;
    if (2 * delta < 3 * pow5[sc->k] && sc->m > UINT64_C(1) << 52)
        *back = BACK_CLOSE;
    else if (2 * delta > 3 * pow5[sc->k] && sc->m >= (UINT64_C(1) << 52) + 2 &&
             sc->m <= (UINT64_C(1) << 53) - 3)
        *back = BACK_FAR;
    return q;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * n < 10^8 as eight digits in memory order, in the lanes of one 64-bit word rather than
 * digit by digit: n / 10^4 and n mod 10^4 in two 32-bit lanes, each split by 100 into
 * 16-bit lanes, each of those by 10 into bytes. x * 10486 >> 20 is x / 100 for x < 10^4,
 * x * 103 >> 10 is x / 10 for x < 100, and no lane's product reaches the next.
 */
static inline uint64_t eight_digits(uint32_t n)
{
    uint64_t x = n / 10000u | (uint64_t)(n % 10000u) << 32;
    uint64_t h = (x * 10486u >> 20) & UINT64_C(0x0000007f0000007f);
    x = (x - h * 100u) << 16 | h;
    uint64_t t = (x * 103u >> 10) & UINT64_C(0x000f000f000f000f);
    x = (x - t * 10u) << 8 | t;
    return x | UINT64_C(0x3030303030303030);
}

/* the p (15 or 17) digits of n: the last eight, then the 7 or 9 before them */
static inline void put_digits(char *d, uint64_t n, int p)
{
    uint32_t lo = (uint32_t)(n % 100000000u), hi = (uint32_t)(n / 100000000u);
    uint64_t w;
    if (p == 17) {
        d[0] = (char)('0' + hi / 100000000u);
        w = eight_digits(hi % 100000000u);
        memcpy(d + 1, &w, 8);
    } else {
        w = eight_digits(hi); /* a leading zero, dropped */
        memcpy(d, (const char *)&w + 1, 7);
    }
    w = eight_digits(lo);
    memcpy(d + p - 8, &w, 8);
}
#else
static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                            "25262728293031323334353637383940414243444546474849"
                            "50515253545556575859606162636465666768697071727374"
                            "75767778798081828384858687888990919293949596979899";

/* the last 2w digits of n (below 10^(2w)) into d[0 .. 2w), two at a time */
static void put_pairs(char *d, uint32_t n, int w)
{
    for (int i = w - 1; i >= 0; i--) {
        uint32_t r = n % 100;
        n /= 100;
        memcpy(d + 2 * i, pairs + 2 * r, 2);
    }
}

/* the p (15 or 17) digits of n: two independent halves of 32-bit arithmetic */
static inline void put_digits(char *d, uint64_t n, int p)
{
    uint32_t lo = (uint32_t)(n % 100000000u), hi = (uint32_t)(n / 100000000u);
    /* hi has p - 8 digits (7 or 9): a leading one, then pairs */
    d[0] = (char)('0' + hi / (p == 15 ? 1000000u : 100000000u));
    put_pairs(d + 1, hi % (p == 15 ? 1000000u : 100000000u), (p - 9) / 2);
    put_pairs(d + p - 8, lo, 4);
}
#endif

/* put_digits with p a constant at each call, so that its loops unroll */
static void digits_at(char *d, uint64_t n, int p)
{
    if (p == 15)
        put_digits(d, n, 15);
    else
        put_digits(d, n, 17);
}

/*
 * %.Pg of the digits: trailing zeros dropped, fixed or exponent form as printf picks. The
 * digits are written where they end up (out has CKP_NUMBER_MAX bytes), not copied.
 */
static int format_g(char *out, int negative, uint64_t digits, int p, int x)
{
    char *o = out;
    if (negative)
        *o++ = '-';
    if (x < -4 || x >= p) {
        /* d.ddd: the first digit moved before the point */
        digits_at(o + 1, digits, p);
        o[0] = o[1];
        o[1] = '.';
        o += p + 1;
        while (o[-1] == '0')
            o--;
        if (o[-1] == '.')
            o--;
        *o++ = 'e';
        *o++ = x < 0 ? '-' : '+';
        int a = x < 0 ? -x : x;
        if (a >= 100)
            *o++ = (char)('0' + a / 100);
        *o++ = (char)('0' + a / 10 % 10);
        *o++ = (char)('0' + a % 10);
    } else if (x < 0) {
        /* 0.000ddd: -x - 1 (at most 3) zeros after the point; the first digit is not 0 */
        memcpy(o, "0.000", 5);
        o += 2 - x - 1;
        digits_at(o, digits, p);
        o += p;
        while (o[-1] == '0')
            o--;
    } else {
        /* x + 1 digits before the point; zeros dropped from the end come back before it */
        digits_at(o, digits, p);
        int n = p;
        while (n > 1 && o[n - 1] == '0')
            n--;
        if (n > x + 1) {
            memmove(o + x + 2, o + x + 1, (size_t)(n - x - 1));
            o[x + 1] = '.';
            o += n + 1;
        } else {
            o += x + 1;
        }
    }
    *o = '\0';
    return (int)(o - out);
}

static int compare_double(double a, double b)
{
    double most = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= most * DBL_EPSILON;
}

static int slow_number(char *out, double d)
{
    int n = snprintf(out, CKP_NUMBER_MAX, "%1.15g", d);
    if (!compare_double(strtod(out, NULL), d))
        n = snprintf(out, CKP_NUMBER_MAX, "%1.17g", d);
    return n;
}

int ckp_format_number(char *out, double d)
{
    if (!isfinite(d)) {
        memcpy(out, "null", 5);
        return 4;
    }
    if (d == 0)
        d = 0; /* no "-0" */
    int as_int = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
    if (d == (double)as_int) {
        char rev[12];
        int n = 0, o = 0;
        unsigned u = as_int < 0 ? 0u - (unsigned)as_int : (unsigned)as_int;
        do
            rev[n++] = (char)('0' + u % 10);
        while ((u /= 10) > 0);
        if (as_int < 0)
            out[o++] = '-';
        while (n)
            out[o++] = rev[--n];
        out[o] = '\0';
        return o;
    }
    double a = fabs(d);
    scaled sc;
    int x, back_is;
    if (!(a >= 1e-36 && a < 1e15) || !scale(&sc, a))
        return slow_number(out, d);
    if (surely_far(&sc)) {
        uint64_t digits = round_to(&sc, 17, &x, NULL);
        return format_g(out, d < 0, digits, 17, x);
    }
    uint64_t digits = round_to(&sc, 15, &x, &back_is);
    if (back_is == BACK_UNKNOWN) {
        /* read back: digits 10^(x - 14), exactly as strtod would (Clinger's fast path when
           the power of ten is exact, strtod itself below that) */
        double back;
        if (!ckp_decimal_exact(digits, x - 14, &back)) {
            format_g(out, 0, digits, 15, x);
            back = strtod(out, NULL);
        }
        back_is = compare_double(back, a) ? BACK_CLOSE : BACK_FAR;
    }
    if (back_is == BACK_CLOSE)
        return format_g(out, d < 0, digits, 15, x);
    digits = round_to(&sc, 17, &x, NULL);
    return format_g(out, d < 0, digits, 17, x);
}
