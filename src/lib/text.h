/* Text helpers shared by the parsers: positions and UTF-8. */
#ifndef CKP_TEXT_H
#define CKP_TEXT_H

#include <stddef.h>

/* 1-based line and column (in characters) of byte offset `off`. */
void ckp_text_position(const char *buf, size_t len, size_t off, long *line, long *column);

/* Offset of the first byte that is not valid UTF-8, or `len` when all is valid. */
size_t ckp_utf8_invalid(const char *buf, size_t len);

/* Length of a UTF-8 byte-order mark at the start of buf (0 or 3). */
size_t ckp_bom_length(const char *buf, size_t len);

#endif
