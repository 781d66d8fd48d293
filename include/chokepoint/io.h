/*
 * chokepoint: reading inputs and writing outputs safely.
 */
#ifndef CHOKEPOINT_IO_H
#define CHOKEPOINT_IO_H

#include <stddef.h>
#include "chokepoint/common.h"

#ifdef __cplusplus
extern "C" {
#endif

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

#ifdef __cplusplus
}
#endif

#endif
