#include "bigalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* below this, a huge page would be mostly empty */
#define HUGE_PAGE ((size_t)2 << 20)

void *ckp_big_malloc(size_t size)
{
#ifdef MADV_HUGEPAGE
    if (size >= HUGE_PAGE && size <= SIZE_MAX - HUGE_PAGE) {
        size_t whole = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        void *p = aligned_alloc(HUGE_PAGE, whole);
        if (p) {
            (void)madvise(p, whole, MADV_HUGEPAGE); /* advice: refused is fine */
            return p;
        }
    }
#endif
    return malloc(size ? size : 1);
}

void *ckp_big_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = ckp_big_malloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}
