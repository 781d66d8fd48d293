/*
 * Shares and percentages for every output, in one place. Each keeps its own
 * order of operations: 100 * part / whole and 100 * (part / whole) can differ
 * in the last bit, which a "%.1f" may show.
 */
#ifndef CKP_RATIO_H
#define CKP_RATIO_H

/* part / whole; `if_none` when whole is not positive (no demand: 1, nothing is short). */
static inline double ckp_ratio(double part, double whole, double if_none)
{
    return whole > 0 ? part / whole : if_none;
}

/* 100 * part / whole, 0 when whole is not positive: a shortfall share in percent. */
static inline double ckp_pct(double part, double whole)
{
    return whole > 0 ? 100 * part / whole : 0;
}

#endif
