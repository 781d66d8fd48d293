/*
 * ckp_round_flow (src/lib/flow/flow.c): hand-worked values, and the same
 * bits as the plain formula (floor(log10), pow, round) next to every power
 * of ten and every rounding tie, where its table and its cast could differ.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "test.h"

static double plain(double v)
{
    if (v == 0 || !isfinite(v))
        return v == 0 ? 0 : v;
    double a = fabs(v);
    int e = (int)floor(log10(a));
    double p = pow(10, e <= 11 ? 11 - e : e - 11);
    double r = e <= 11 ? round(a * p) / p : round(a / p) * p;
    return v < 0 ? -r : r;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void hand_worked(void)
{
    CHECK(ckp_round_flow(0.1 + 0.2) == 0.3);
    CHECK(ckp_round_flow(1234567.8901234567) == 1234567.89012);
    CHECK(ckp_round_flow(-2.5e-7 / 3) == -8.33333333333e-8);
    CHECK(ckp_round_flow(999999999999.5) == 1e12);   /* a tie rounds away from zero */
    CHECK(ckp_round_flow(123456789012345678.0) == 123456789012000000.0);
    CHECK(ckp_round_flow(3e25 + 1e13) == 3.00000000000e25); /* past the table */
    CHECK(same_bits(ckp_round_flow(-0.0), 0.0));
    CHECK(ckp_round_flow(INFINITY) == INFINITY);
}

static void near_powers_and_ties(void)
{
    long differ = 0;
    for (int k = -20; k <= 30; k++) {
        double v = pow(10, k);
        for (int i = 0; i < 40; i++)
            v = nextafter(v, 0);
        for (int i = 0; i < 80; i++, v = nextafter(v, INFINITY))
            differ += !same_bits(ckp_round_flow(v), plain(v));
    }
    /* x.5 at the twelfth digit, and its neighbours, in each decade of the table */
    for (int k = 0; k <= 22; k++) {
        double tie = (123456789012.0 + 0.5) * pow(10, k - 11);
        double v = nextafter(nextafter(tie, 0), 0);
        for (int i = 0; i < 5; i++, v = nextafter(v, INFINITY))
            differ += !same_bits(ckp_round_flow(v), plain(v));
    }
    CHECK_INT(differ, 0);
}

int main(void)
{
    hand_worked();
    near_powers_and_ties();
    return test_report("test_round_flow");
}
