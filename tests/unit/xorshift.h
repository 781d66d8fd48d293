/* A small deterministic generator for the random tests (Marsaglia's xorshift64). */
#ifndef CKP_XORSHIFT_H
#define CKP_XORSHIFT_H

/* The next number in [0, n) from `state` (never 0). */
static unsigned xorshift(unsigned long long *state, unsigned n)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (unsigned)(*state % n);
}

#endif
