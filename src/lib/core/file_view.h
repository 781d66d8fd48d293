/*
 * A large input file's bytes, read whole into one buffer on huge pages
 * (ckp_read_file): for a network of half a gigabyte, faulting in 4 KiB pages
 * was a good part of the load. Not mapped: a mapped file that another process
 * truncates kills the reader (SIGBUS). data[len] is a NUL byte.
 */
#ifndef CKP_FILE_VIEW_H
#define CKP_FILE_VIEW_H

#include <stddef.h>

#include "chokepoint/common.h"

typedef struct {
    char *data;
    size_t len;
} ckp_file_view;

ckp_code ckp_file_view_open(ckp_file_view *view, const char *path, ckp_error *err);
void ckp_file_view_close(ckp_file_view *view);

#endif
