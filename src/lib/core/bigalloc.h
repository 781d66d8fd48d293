/*
 * Allocation for the large arrays the flow solvers read at random (residuals,
 * labels, heads: tens of megabytes at a million nodes). With 4 KiB pages
 * nearly every such read also misses the TLB; on Linux these arrays ask for
 * transparent huge pages (2 MiB), which systems in the default "madvise"
 * mode grant only to memory that asks. Elsewhere, or when refused, they are
 * plain allocations. Free them with free().
 */
#ifndef CKP_BIGALLOC_H
#define CKP_BIGALLOC_H

#include <stddef.h>

void *ckp_big_malloc(size_t size);

/* Zeroed; NULL when count * size overflows or memory is short. */
void *ckp_big_calloc(size_t count, size_t size);

#endif
