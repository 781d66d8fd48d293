/*
 * A large input file's bytes, mapped rather than read when it is a regular
 * file: no copy and no page faults on a fresh buffer, which for a network of
 * half a gigabyte is a good part of the load. Anything else (standard input,
 * a pipe, a size that fills its last page exactly) is read with ckp_read_file,
 * which also words every error. Either way data[len] is a NUL byte.
 */
#ifndef CKP_FILE_VIEW_H
#define CKP_FILE_VIEW_H

#include <stddef.h>

#include "chokepoint/common.h"

typedef struct {
    char *data;
    size_t len;
    size_t mapped; /* bytes mapped; 0 when data was read (and is freed) */
} ckp_file_view;

ckp_code ckp_file_view_open(ckp_file_view *view, const char *path, ckp_error *err);
void ckp_file_view_close(ckp_file_view *view);

#endif
