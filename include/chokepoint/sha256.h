/*
 * chokepoint: SHA-256 (FIPS 180-4), for the provenance note of a report:
 * whoever reads a report can check that it was made from the files it names.
 * A small self-contained implementation, so that no crypto library is
 * linked for one checksum.
 */
#ifndef CHOKEPOINT_SHA256_H
#define CHOKEPOINT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "chokepoint/common.h"

CKP_BEGIN_DECLS

typedef struct {
    uint32_t state[8];
    uint64_t bytes;      /* message length so far */
    unsigned char block[64];
    size_t used;         /* bytes waiting in `block` */
} ckp_sha256;

void ckp_sha256_init(ckp_sha256 *h);
void ckp_sha256_update(ckp_sha256 *h, const void *data, size_t len);
void ckp_sha256_final(ckp_sha256 *h, unsigned char digest[32]);

/* The digest of `len` bytes as 64 lower-case hex digits and a NUL. */
void ckp_sha256_hex(char hex[65], const void *data, size_t len);

/*
 * The digest of a file, read in blocks (so any size works). A missing or
 * unreadable file gives CKP_ENOINPUT.
 */
ckp_code ckp_sha256_file(char hex[65], const char *path, ckp_error *err);

CKP_END_DECLS

#endif
