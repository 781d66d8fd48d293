/*
 * ckp_format_number against cJSON's own printer, byte for byte, on numbers
 * of every kind a report holds: flows with many decimals, exact halves
 * (the ties of rounding), integers inside and outside int, tiny and huge
 * values, random bit patterns, the ends of binades, the edges of the
 * exact range, and origin shares (ratios of flows). The one
 * difference is on purpose: -0 is printed "0".
 */
#include <cjson/cJSON.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "test.h"

static unsigned long long state = 0x2545f4914f6cdd1dULL;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

static long mismatches;

static void same_as_cjson(double d)
{
    cJSON *n = cJSON_CreateNumber(d);
    char *want = cJSON_PrintUnformatted(n);
    char got[CKP_NUMBER_MAX];
    int len = ckp_format_number(got, d);
    if (d == 0 && signbit(d)) /* the one difference, on purpose: cJSON prints "-0" */
        strcpy(want, "0");
    if (strcmp(want, got) || len != (int)strlen(got)) {
        if (mismatches++ < 10)
            fprintf(stderr, "%.17g: cJSON '%s', ckp_format_number '%s'\n", d, want, got);
    }
    cJSON_free(want);
    cJSON_Delete(n);
}

int main(void)
{
    static const double fixed[] = {0.0, -0.0, 1, -1, 0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
                                   1e-5, 9.999999999999999e-6, 1e-4, 0.00012345678901234567,
                                   1e15, 999999999999999.9, 999999999999999.4, 1e14 + 0.5,
                                   123456789012345.5, 12345678901234.25, 2147483647.0,
                                   2147483648.0, -2147483648.0, -2147483649.0, 4294967296.5,
                                   1795027.6894262594, 2875963.32550004, 0.261012,
                                   2726.0275300000008, 3135.0165199999992, 1e300, 1e-300,
                                   DBL_MIN, DBL_MAX, DBL_EPSILON, 5e-324, NAN, INFINITY,
                                   -INFINITY, 0.1 + 0.2, 100, 1e21, 1e22, 1e23, 1e-17,
                                   2.7755575615628914e-17, 1e-36, 1e-38, 1e-39, 1e15 - 0.125,
                                   0.99999999999999989, 9.9999999999999995e-8};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        same_as_cjson(fixed[i]);
        same_as_cjson(-fixed[i]);
    }
    for (int i = 0; i < 150000; i++) {
        /* a flow: up to 1e9 with a few to many decimals */
        double flow = uniform() * pow(10, (double)(next() % 10));
        same_as_cjson(flow);
        same_as_cjson(round(flow * 1e4) / 1e4);
        same_as_cjson(round(flow * 1e6) / 1e6);
        /* ties: integers plus a dyadic fraction, 15 to 17 digits in all */
        double whole = (double)(next() % 1000000000000000ULL);
        same_as_cjson(whole + (double)(next() % 8) / 8);
        same_as_cjson((whole + 0.5) / pow(10, (double)(next() % 12)));
        /* a share, and a value over the whole range */
        same_as_cjson(uniform());
        same_as_cjson((uniform() - 0.5) * pow(10, (double)(int)(next() % 60) - 30));
        /* any finite bit pattern */
        uint64_t bits = next();
        double any;
        memcpy(&any, &bits, sizeof any);
        if (isfinite(any))
            same_as_cjson(any);
        /* rounding residue: small multiples of powers of two near the unit roundoff */
        same_as_cjson(ldexp((double)(next() % 64 + 1), -(int)(next() % 30) - 40));
        /* tiny values (origin shares' rounding residue), down to where printf takes over */
        double tiny = uniform() * pow(10, -(double)(next() % 40));
        same_as_cjson(tiny);
        same_as_cjson(nextafter(tiny, 1));
        /* powers of two and their neighbours: the ends of a binade, where reading back is
           not decided by the distance alone */
        int e = (int)(next() % 120) - 80, j = (int)(next() % 4);
        same_as_cjson(ldexp((double)((UINT64_C(1) << 52) + (uint64_t)j), e));
        same_as_cjson(ldexp((double)((UINT64_C(1) << 53) - 1 - (uint64_t)j), e));
        /* origin shares: a flow over a sum of flows, and products of such (the digits are
           written in place: 0.000ddd, d.ddd and ddd.ddd forms with zeros dropped) */
        double a = uniform() * 1e6, b = a + uniform() * pow(10, (double)(next() % 12));
        same_as_cjson(a / b);
        same_as_cjson(a / b * (uniform() / (1 + uniform())));
        /* few digits, then zeros, at every position of the point */
        double few = (double)(next() % 100000) * pow(10, (double)(int)(next() % 30) - 12);
        same_as_cjson(few);
        same_as_cjson(few + 0.5);
        /* neighbours of powers of ten, where the digit count changes */
        double p = pow(10, (double)(int)(next() % 36) - 18);
        same_as_cjson(nextafter(p, 0));
        same_as_cjson(nextafter(p, INFINITY));
    }
    CHECK_INT(mismatches, 0);
    return test_report("test_jsnum");
}
