/*
 * CKP_FETCH(p): fetch what p points to into the cache ahead of its use. At a
 * million nodes the loaders' id lookups and the flow solvers' reads of labels
 * and residuals miss the cache, one at a time unless fetched ahead. GCC 12 at
 * -O2 dropped the __builtin_prefetch calls of the flow searches (its tree
 * dead code elimination: -fno-tree-dce kept them), so on x86 the instruction
 * is written out, which it keeps.
 */
#ifndef CKP_FETCH_H
#define CKP_FETCH_H

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define CKP_FETCH(p) __asm__ volatile("prefetcht0 %0" : : "m"(*(const char *)(p)))
#else
#define CKP_FETCH(p) __builtin_prefetch(p)
#endif

#include <stdint.h>

/*
 * The lines of an array span first .. last (last included, not before first): the first, and
 * the last when it is another line. A list of a few entries crosses a 64-byte line about a
 * third of the time, and its second line is then a miss of its own; the ones between (long
 * lists) are left to the hardware's own fetching.
 */
static inline void ckp_fetch_span(const void *first, const void *last)
{
    CKP_FETCH(first);
    if (((uintptr_t)first ^ (uintptr_t)last) >= 64)
        CKP_FETCH(last);
}

#endif
