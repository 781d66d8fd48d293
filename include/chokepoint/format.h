/*
 * chokepoint: numbers for people, the same in every output and locale.
 */
#ifndef CHOKEPOINT_FORMAT_H
#define CHOKEPOINT_FORMAT_H

#include <stddef.h>

#include "chokepoint/common.h"

CKP_BEGIN_DECLS

/*
 * "41,600", "12.5": whole numbers (within 1e-9) print without decimals,
 * others with `decimals`; NAN is "-", infinity "unbounded". Returns out.
 */
const char *ckp_fmt_number(char *out, size_t size, double v, int decimals);

/* Tonnes in text tables: integers plainly, others with 2 decimals, no separators. */
const char *ckp_fmt_amount(char *out, size_t size, double v);

CKP_END_DECLS

#endif
