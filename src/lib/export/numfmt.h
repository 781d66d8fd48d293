/*
 * Number helpers of the library's figures and reports that are not public
 * (the public formatters are in chokepoint/format.h).
 */
#ifndef CKP_NUMFMT_H
#define CKP_NUMFMT_H

#include <stddef.h>

/*
 * Amounts in figure labels: whole numbers from 10 up, one decimal below, with
 * thousands separators ("41,600", "2.5"), as ckp_fmt_number. Returns out.
 */
const char *ckp_fmt_figure_amount(char *out, size_t size, double v);

/*
 * A range of figure amounts: "482 to 1,270", one amount when both ends print
 * alike ("1,882"), "-" when they are NAN. Returns out.
 */
const char *ckp_fmt_figure_range(char *out, size_t size, double min, double max);

/* part / whole, 0 when whole is not positive (multiply by 100 for a percentage). */
double ckp_share_of(double part, double whole);

/* served / demand, 1 when there is no demand: nothing is short. */
double ckp_served_share(double served, double demand);

/*
 * 100 * part / whole, 0 when whole is not positive. Not 100 * ckp_share_of:
 * the two can differ in the last bit, which a "%.1f" may show.
 */
double ckp_pct(double part, double whole);

/* What a rate unit amounts to over time: "t/yr NdPr" -> "t NdPr"; else "UNIT x years". */
void ckp_amount_unit(char *out, size_t size, const char *unit);

#endif
