/* A minimal unit-test harness: CHECK macros count failures; main returns nonzero on any. */
#ifndef CKP_TEST_H
#define CKP_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_failures;
static int test_checks;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        test_checks++;                                                              \
        if (!(cond)) {                                                              \
            test_failures++;                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                           \
    } while (0)

#define CHECK_STR(a, b)                                                                 \
    do {                                                                                \
        const char *a_ = (a), *b_ = (b);                                                \
        test_checks++;                                                                  \
        if (!a_ || !b_ || strcmp(a_, b_)) {                                             \
            test_failures++;                                                            \
            fprintf(stderr, "%s:%d: CHECK_STR failed:\n  got:      %s\n  expected: %s\n", \
                    __FILE__, __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)");        \
        }                                                                               \
    } while (0)

/* Doubles equal within an absolute tolerance. */
#define CHECK_NEAR(a, b, tol)                                                         \
    do {                                                                              \
        double a_ = (a), b_ = (b);                                                    \
        test_checks++;                                                                \
        if (!(fabs(a_ - b_) <= (tol))) {                                              \
            test_failures++;                                                          \
            fprintf(stderr, "%s:%d: CHECK_NEAR failed: %s = %.17g, expected %.17g\n", \
                    __FILE__, __LINE__, #a, a_, b_);                                  \
        }                                                                             \
    } while (0)

#define CHECK_INT(a, b)                                                                \
    do {                                                                               \
        long long a_ = (long long)(a), b_ = (long long)(b);                            \
        test_checks++;                                                                 \
        if (a_ != b_) {                                                                \
            test_failures++;                                                           \
            fprintf(stderr, "%s:%d: CHECK_INT failed: %s = %lld, expected %lld\n",     \
                    __FILE__, __LINE__, #a, a_, b_);                                   \
        }                                                                              \
    } while (0)

/* The first `needle` in n bytes of `hay` (which may hold NULs), or NULL. */
static inline const char *test_find_bytes(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(hay + i, needle, k))
            return hay + i;
    return NULL;
}

static inline int test_report(const char *name)
{
    if (!test_checks) {
        fprintf(stderr, "%s: no checks ran\n", name);
        return 1;
    }
    fprintf(stderr, "%s: %d checks, %d failed\n", name, test_checks, test_failures);
    return test_failures ? 1 : 0;
}

#endif
