/* Text helpers shared by the parsers and printers: positions, UTF-8, exact decimals. */
#ifndef CKP_TEXT_H
#define CKP_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* 1-based line and column (in characters) of byte offset `off`. */
void ckp_text_position(const char *buf, size_t len, size_t off, long *line, long *column);

/* Offset of the first byte that is not valid UTF-8, or `len` when all is valid. */
size_t ckp_utf8_invalid(const char *buf, size_t len);

/* Length of a UTF-8 byte-order mark at the start of buf (0 or 3). */
size_t ckp_bom_length(const char *buf, size_t len);

/*
 * m 10^scale, rounded as strtod rounds it, when m and 10^|scale| are both
 * exact doubles (m <= 2^53, |scale| <= 22): one multiplication or division
 * then rounds correctly (Clinger 1990, "How to read floating point numbers
 * accurately"). 0 outside that range, where strtod must read the text.
 */
int ckp_decimal_exact(uint64_t m, int scale, double *out);

#endif
