/* SHA-256 against the FIPS 180-2 / NIST example vectors, one-shot, in pieces and from a file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chokepoint/sha256.h"
#include "test.h"

static void check_vector(const char *msg, size_t len, const char *want)
{
    char hex[65];
    ckp_sha256_hex(hex, msg, len);
    CHECK_STR(hex, want);
    /* the same message fed in pieces of every size from 1 to 70 bytes */
    for (size_t step = 1; step <= 70; step++) {
        ckp_sha256 h;
        unsigned char d[32];
        char piece_hex[65];
        ckp_sha256_init(&h);
        for (size_t at = 0; at < len; at += step)
            ckp_sha256_update(&h, msg + at, len - at < step ? len - at : step);
        ckp_sha256_final(&h, d);
        for (int i = 0; i < 32; i++)
            snprintf(piece_hex + 2 * i, 3, "%02x", d[i]);
        if (strcmp(piece_hex, want)) {
            CHECK_STR(piece_hex, want);
            break;
        }
    }
}

int main(void)
{
    check_vector("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    check_vector("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check_vector(two_blocks, strlen(two_blocks),
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
                       "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    check_vector(four, strlen(four),
                 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");

    /* one million 'a' (padding crosses many blocks) */
    char *million = malloc(1000000);
    CHECK(million != NULL);
    if (million) {
        memset(million, 'a', 1000000);
        char hex[65];
        ckp_sha256_hex(hex, million, 1000000);
        CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    /* from a file: the same digest as from memory; a missing file is an input error */
    char path[] = "/tmp/ckp_sha256_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0 && million) {
        CHECK(write(fd, million, 1000000) == 1000000);
        close(fd);
        char hex[65];
        ckp_error err;
        ckp_error_init(&err);
        CHECK_INT(ckp_sha256_file(hex, path, &err), CKP_OK);
        CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        unlink(path);
        CHECK_INT(ckp_sha256_file(hex, path, &err), CKP_ENOINPUT);
        CHECK(strstr(err.message, "cannot open") != NULL);
    }
    free(million);
    return test_report("test_sha256");
}
