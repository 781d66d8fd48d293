/*
 * ckp_read_file in two steps, so that a loader can open every input in
 * order (its errors first, as ckp_read_file gives them) and read a large one
 * on another thread while it parses what came before.
 */
#ifndef CKP_FILE_READER_H
#define CKP_FILE_READER_H

#include <stddef.h>
#include <stdio.h>

#include "chokepoint/common.h"

typedef struct {
    FILE *f;
    const char *path;
    int is_stdin;
    size_t cap;  /* the buffer to start with: a regular file's size and 2 */
    int regular; /* a regular file, whose size is known before it is read */
} ckp_file_reader;

/* Opens and checks `path` ("-": standard input); nothing to close on failure. */
ckp_code ckp_file_reader_open(ckp_file_reader *r, const char *path, ckp_error *err);
/* Reads to the end into a NUL-terminated buffer the caller frees, and closes. */
ckp_code ckp_file_reader_read(ckp_file_reader *r, char **out, size_t *len, ckp_error *err);
/* Closes a reader not read; a no-op on one read or never opened. */
void ckp_file_reader_close(ckp_file_reader *r);

#endif
