/*
 * The time of ckp_format_number alone on numbers like the dependency
 * section's (most of deep 1e6's 2.1 GB of JSON): N origin shares, a flow
 * over a sum of flows, most needing 17 digits, formatted REPS times into a
 * small buffer that stays in cache, as the JSON writers' slots do. Prints
 * the CPU nanoseconds per number and a checksum of the bytes (the same for
 * every build that prints the same text). A/B: build against each tree.
 *
 *   cc -O2 -Iinclude -Ibuild/include tests/bench/jsnum_bench.c build/libchokepoint.a \
 *      $(pkg-config --cflags --libs igraph libcjson) -lm -o /tmp/jsnum_bench
 *   jsnum_bench [N [REPS]]      (default 5000000 4)
 */
#include <stdio.h>
#include <stdlib.h>

#include "chokepoint/io.h"
#include "bench_clock.h"
#include "bench_rand.h"

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 5000000, reps = argc > 2 ? atol(argv[2]) : 4;
    double *v = malloc((size_t)(n > 0 ? n : 1) * sizeof *v);
    static char out[1 << 16];
    if (!v || n < 1 || reps < 1) {
        fprintf(stderr, "usage: jsnum_bench [N [REPS]]\n");
        return 2;
    }
    for (long i = 0; i < n; i++) {
        double a = urand() * 1e6, scale = 1;
        for (int e = (int)(urand() * 12); e > 0; e--)
            scale *= 10;
        v[i] = a / (a + urand() * scale);
    }
    unsigned long long sum = 0, bytes = 0;
    double c0 = bench_cpu();
    for (long r = 0; r < reps; r++) {
        size_t len = 0;
        for (long i = 0; i < n; i++) {
            if (len > sizeof out - CKP_NUMBER_MAX) {
                for (size_t k = 0; k < len; k += 7)
                    sum = sum * 31 + (unsigned char)out[k];
                bytes += len;
                len = 0;
            }
            len += (size_t)ckp_format_number(out + len, v[i]);
        }
        bytes += len;
    }
    double cpu = bench_cpu() - c0;
    printf("%ld numbers x %ld: %.3f s cpu, %.1f ns each, %llu bytes, checksum %llx\n", n, reps,
           cpu, 1e9 * cpu / ((double)n * (double)reps), bytes, sum);
    free(v);
    return 0;
}
