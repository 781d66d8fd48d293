/*
 * The CSV tokenizer: RFC 4180 records, one at a time, fields unescaped into a
 * scratch buffer. The separator is ',' unless the header line says ';' or a
 * tab (European spreadsheets), or the caller gives one.
 */
#ifndef CKP_CSV_TOKENIZER_H
#define CKP_CSV_TOKENIZER_H

#include <stddef.h>

#include "chokepoint/common.h"

#define CSV_MAX_COLUMNS 64

typedef struct {
    const char *path;
    const char *buf;
    size_t len;
    size_t pos;
    ckp_error *err;
    char sep; /* ',', ';' or '\t' */
    /* the current row: fields unescaped into `scratch`, NUL-terminated */
    char *scratch;
    size_t scratch_cap, scratch_used;
    size_t field_at[CSV_MAX_COLUMNS];  /* offset in scratch */
    size_t field_pos[CSV_MAX_COLUMNS]; /* offset in buf, for messages */
    int nfields;
    size_t row_pos;
} csv;

/*
 * Start reading buf (checked for UTF-8 and NUL bytes, a BOM skipped). `sep`
 * is the separator, or 0 to take it from the header line: ';' or a tab when
 * the line has more of them than commas, else ','.
 */
ckp_code csv_open(csv *c, const char *path, const char *buf, size_t len, char sep,
                  ckp_error *err);
/* Read one record. Returns 1 with a row, 0 at end of input, -1 on an error (in c->err). */
int csv_row(csv *c);
/* Field i of the current row. */
const char *csv_field(const csv *c, int i);
/* Place c->err, already set, at byte `off` of the file; returns its code. */
ckp_code csv_locate(csv *c, size_t off);

#define CERR(c, off, ...) (ckp_error_set((c)->err, CKP_EDATA, __VA_ARGS__), csv_locate((c), (off)))

#endif
