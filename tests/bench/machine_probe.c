/*
 * How fast this machine is at the moment, for reading a benchmark run: the
 * large networks' analysis waits on one random memory read after another, and
 * on the virtual machines we measure on the time a read takes drifts by half
 * from hour to hour (the same binary took 29.6 to 42.1 s on `deep` 1e6 within
 * 75 minutes), while the CPU's own speed does not. tests/bench/run records
 * the three figures below before and after each size, so that a table can be
 * read against the machine's phase rather than against another day's.
 *
 *   latency_ns  nanoseconds a dependent load, over a random cycle through
 *               64 MiB (far beyond the caches; huge pages where the kernel
 *               gives them, as chokepoint's large arrays ask for), median of 3
 *   alu_ns      nanoseconds a dependent 64-bit multiply-add, median of 3
 *   fault_s_gb  seconds a GiB to touch fresh memory for the first time (256
 *               MiB, huge pages where given): a virtual machine whose host
 *               took back the guest's free memory (free page reporting) faults
 *               it in again page by page, several times slower than when the
 *               host still backs it; a large analysis touches some 5 GB
 *               fresh (its arrays, and the page cache of its output)
 *
 * Output: "latency_ns VALUE", "alu_ns VALUE" and "fault_s_gb VALUE", a line each (no
 * fault_s_gb line when the kernel refuses the mapping).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "bench_clock.h"
#include "bench_rand.h"

#define SLOTS ((size_t)16 << 20) /* 4-byte slots: 64 MiB */
#define LOADS 3000000L
#define OPS 100000000L

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median3(double *v)
{
    qsort(v, 3, sizeof *v, cmp_double);
    return v[1];
}

/* first touch of `bytes` of fresh anonymous memory, seconds a GiB; -1 when refused */
static double first_touch(size_t bytes)
{
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
    double t0 = bench_now();
    for (size_t i = 0; i < bytes; i += 4096)
        p[i] = 1;
    double s = (bench_now() - t0) * (double)((size_t)1 << 30) / (double)bytes;
    munmap(p, bytes);
    return s;
}

int main(void)
{
    /* first, before this process's own memory could be reused */
    double fault = first_touch((size_t)256 << 20);
    size_t bytes = SLOTS * sizeof(uint32_t);
    uint32_t *next = aligned_alloc((size_t)2 << 20, bytes);
    if (!next) {
        fprintf(stderr, "machine_probe: out of memory\n");
        return 1;
    }
#ifdef MADV_HUGEPAGE
    (void)madvise(next, bytes, MADV_HUGEPAGE);
#endif
    /* one cycle through every slot (Sattolo's shuffle): no short loop stays in cache */
    for (size_t i = 0; i < SLOTS; i++)
        next[i] = (uint32_t)i;
    for (size_t i = SLOTS - 1; i > 0; i--) {
        size_t j = (size_t)(urand() * (double)i); /* below i */
        uint32_t t = next[i];
        next[i] = next[j];
        next[j] = t;
    }
    double lat[3], alu[3];
    uint32_t at = 0;
    uint64_t acc = 1;
    for (int r = 0; r < 3; r++) {
        double t0 = bench_now();
        for (long k = 0; k < LOADS; k++)
            at = next[at];
        lat[r] = (bench_now() - t0) * 1e9 / LOADS;
        t0 = bench_now();
        for (long k = 0; k < OPS; k++)
            acc = acc * 6364136223846793005ull + 1442695040888963407ull;
        alu[r] = (bench_now() - t0) * 1e9 / OPS;
    }
    /* the loops' results are used (to stderr), so that they are not optimised away */
    fprintf(stderr, "machine_probe: %u %u\n", at, (unsigned)(acc & 1));
    printf("latency_ns %.1f\nalu_ns %.3f\n", median3(lat), median3(alu));
    if (fault >= 0)
        printf("fault_s_gb %.3f\n", fault);
    free(next);
    return 0;
}
