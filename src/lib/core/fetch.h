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

#endif
