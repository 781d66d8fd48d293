/* The benchmarks' deterministic numbers: Marsaglia's xorshift64 from a fixed seed. */
#ifndef CKP_BENCH_RAND_H
#define CKP_BENCH_RAND_H

static unsigned long long rng = 88172645463325252ULL;

/* The next number in [0, 1). */
static double urand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

#endif
