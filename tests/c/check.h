/* Minimal checking helpers shared by the C client tests. */
#ifndef LINMUX_TEST_CHECK_H
#define LINMUX_TEST_CHECK_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        checks++;                                                                \
        if (!(cond)) {                                                           \
            failures++;                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_STATUS(call, expected)                                             \
    do {                                                                         \
        linmux_status st_ = (call);                                              \
        checks++;                                                                \
        if (st_ != (expected)) {                                                 \
            failures++;                                                          \
            fprintf(stderr, "%s:%d: %s returned %d (%s: %s), expected %d\n",     \
                    __FILE__, __LINE__, #call, (int)st_,                         \
                    linmux_status_message(st_), linmux_last_error_message(),     \
                    (int)(expected));                                            \
        }                                                                        \
    } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, LINMUX_STATUS_OK)

static int close_to(double a, double b, double tol) {
    return fabs(a - b) <= tol * (1.0 + fabs(b));
}

static int finish(const char *name) {
    if (failures) {
        fprintf(stderr, "%s: %d of %d checks failed\n", name, failures, checks);
        return 1;
    }
    printf("%s: %d checks passed\n", name, checks);
    return 0;
}
#endif
