/* The large-array allocator of the flow solvers (src/lib/bigalloc.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "bigalloc.h"
#include "test.h"

static void small_and_empty(void)
{
    char *p = ckp_big_malloc(0), *q = ckp_big_malloc(100);
    CHECK(p != NULL);
    CHECK(q != NULL);
    if (q)
        memset(q, 7, 100);
    free(p);
    free(q);
}

static void large(void)
{
    size_t n = (size_t)5 << 20; /* past two huge pages, not a multiple of one */
    unsigned char *p = ckp_big_malloc(n + 3);
    CHECK(p != NULL);
    if (!p)
        return;
#ifdef MADV_HUGEPAGE
    CHECK_INT((uintptr_t)p % ((uintptr_t)2 << 20), 0); /* whole huge pages */
#endif
    memset(p, 0xa5, n + 3);
    CHECK_INT(p[0], 0xa5);
    CHECK_INT(p[n + 2], 0xa5);
    free(p);
}

/* from a quarter of a huge page, an array takes whole huge pages too (one fault, not 128) */
static void quarter(void)
{
    size_t n = ((size_t)2 << 20) / 4;
    unsigned char *p = ckp_big_malloc(n), *q = ckp_big_malloc(n - 1);
    CHECK(p != NULL);
    CHECK(q != NULL);
#ifdef MADV_HUGEPAGE
    CHECK_INT((uintptr_t)p % ((uintptr_t)2 << 20), 0);
#endif
    if (p) {
        memset(p, 0x5a, n);
        CHECK_INT(p[n - 1], 0x5a);
    }
    if (q) {
        memset(q, 0x3c, n - 1);
        CHECK_INT(q[n - 2], 0x3c);
    }
    free(p);
    free(q);
}

static void zeroed(void)
{
    /* reuse memory just written with nonzero bytes, so that zeroing is tested */
    size_t count = (size_t)3 << 20;
    double *dirty = ckp_big_malloc(count * sizeof *dirty);
    CHECK(dirty != NULL);
    if (dirty) {
        for (size_t i = 0; i < count; i++)
            dirty[i] = 1.5;
        free(dirty);
    }
    double *p = ckp_big_calloc(count, sizeof *p);
    CHECK(p != NULL);
    if (!p)
        return;
    size_t nonzero = 0;
    for (size_t i = 0; i < count; i++)
        nonzero += p[i] != 0;
    CHECK_INT(nonzero, 0);
    free(p);
}

static void overflow(void)
{
    CHECK(ckp_big_calloc(SIZE_MAX / 2, 4) == NULL);
    CHECK(ckp_big_calloc((size_t)1 << 40, (size_t)1 << 40) == NULL);
    char *p = ckp_big_calloc(0, 8);
    CHECK(p != NULL);
    free(p);
}

int main(void)
{
    small_and_empty();
    large();
    quarter();
    zeroed();
    overflow();
    return test_report("test_bigalloc");
}
