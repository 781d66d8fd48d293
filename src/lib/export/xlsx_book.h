/*
 * A workbook being made from CSV tables (xlsx_book.c): sheets added in
 * order, then its bytes taken whole. Private to the export layer.
 */
#ifndef CKP_XLSX_BOOK_H
#define CKP_XLSX_BOOK_H

#include <stddef.h>

#include "chokepoint/buf.h"
#include "chokepoint/network.h"

typedef struct ckp_xlsx ckp_xlsx;

ckp_code ckp_xlsx_new(ckp_xlsx **out, ckp_error *err);
/* Drop an unfinished workbook; NULL is a no-op. */
void ckp_xlsx_free(ckp_xlsx *x);

/*
 * A sheet from a CSV table (comma-separated, a header row): numbers and
 * true/false typed, except in text columns (ids, names, countries...).
 */
ckp_code ckp_xlsx_add_csv(ckp_xlsx *x, const char *sheet, const char *text, size_t len,
                          ckp_error *err);
ckp_code ckp_xlsx_add_buf(ckp_xlsx *x, const char *sheet, const ckp_buf *b, ckp_error *err);

/*
 * Sheets from a JSON result: its scalars as "summary" (key, value), each
 * top-level array of objects as a sheet of its own, nested objects spread
 * into dotted columns (xlsx_json.c).
 */
ckp_code ckp_xlsx_add_json(ckp_xlsx *x, const char *json, ckp_error *err);

/* The "metadata" sheet: the network's name, unit, year, description, source; input; command. */
ckp_code ckp_xlsx_add_metadata(ckp_xlsx *x, const ckp_network *net, const char *input,
                               const char *command, ckp_error *err);

/* Append the workbook's bytes to `out`; frees `x` whatever happens. */
ckp_code ckp_xlsx_finish(ckp_xlsx *x, ckp_buf *out, ckp_error *err);

#endif
