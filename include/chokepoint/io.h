/*
 * chokepoint: reading inputs and writing outputs safely.
 */
#ifndef CHOKEPOINT_IO_H
#define CHOKEPOINT_IO_H

#include <stddef.h>
#include "chokepoint/buf.h"
#include "chokepoint/common.h"

CKP_BEGIN_DECLS

/* Inputs larger than this are refused with CKP_ELIMIT (documented in docs/cli.md). */
#define CKP_MAX_INPUT_BYTES ((size_t)4 << 30)

/*
 * Read a whole file ("-" is standard input) into a NUL-terminated buffer the
 * caller frees. A missing or unreadable file gives CKP_ENOINPUT.
 */
ckp_code ckp_read_file(char **out, size_t *len, const char *path, ckp_error *err);

/*
 * Write `len` bytes to `path` whole or not at all: a temporary file in the
 * same directory, flushed, then renamed over `path`. "-" writes to standard
 * output. On failure the old file, if any, is untouched.
 */
ckp_code ckp_write_file_atomic(const char *path, const void *data, size_t len, ckp_error *err);

/*
 * A streamed output, for results too large to hold in memory: written to a
 * temporary file beside `path` and renamed into place by ckp_output_commit,
 * or removed by ckp_output_abort, so a reader never sees half a file. "-"
 * streams to standard output.
 */
typedef struct ckp_output ckp_output;

ckp_code ckp_output_open(ckp_output **out, const char *path, ckp_error *err);
ckp_code ckp_output_write(ckp_output *out, const void *data, size_t len, ckp_error *err);
/* Flush, close and rename into place; frees `out` whatever happens. */
ckp_code ckp_output_commit(ckp_output *out, ckp_error *err);
/* Drop the temporary file; frees `out`. NULL is a no-op. */
void ckp_output_abort(ckp_output *out);

/*
 * A ckp_buf sink (chokepoint/buf.h) writing to `ctx`, a ckp_output. Its
 * first failure is kept for ckp_output_commit_buf to report.
 */
int ckp_output_sink(void *ctx, const void *data, size_t len);

/*
 * Flush `b`, a buffer streaming to `out` through ckp_output_sink, and commit
 * `out`; after a write failure or out of memory, abort it instead and return
 * the error. Frees `out` whatever happens.
 */
ckp_code ckp_output_commit_buf(ckp_output *out, ckp_buf *b, ckp_error *err);

/* Room for any number ckp_format_number writes, with its NUL. */
#define CKP_NUMBER_MAX 32

/*
 * d as cJSON prints it, into out (CKP_NUMBER_MAX bytes): an integer that
 * fits an int as %d, else %1.15g unless that does not read back within
 * DBL_EPSILON, then %1.17g; "null" for NaN and infinity; and "0" for -0, where
 * cJSON prints "-0".
 * The same bytes as cJSON, without printf for most values. Returns the length.
 */
int ckp_format_number(char *out, double d);


CKP_END_DECLS

#endif
