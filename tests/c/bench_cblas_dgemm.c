/* Overhead of cblas_dgemm through liblinmux against the same vendor's
 * cblas_dgemm called directly (dlopen'ed from the path liblinmux reports).
 * One thread for both. scripts/bench-c-overhead.sh builds and runs it.
 *
 *   LINMUX_BACKEND=openblas LINMUX_NUM_THREADS=1 ./bench_cblas_dgemm
 *     prints, per n, the best ns per call of both (41 alternating
 *     repetitions of about 10 ms each) and their ratio / difference;
 *   LINMUX_BACKEND=openblas LINMUX_NUM_THREADS=1 ./bench_cblas_dgemm count linmux|vendor N CALLS
 *     makes CALLS calls at size N in run_calls: run under
 *     `valgrind --tool=callgrind --toggle-collect=run_calls` at two CALLS
 *     values, the difference of the instruction counts over the difference
 *     of the calls is the count per call, first-call costs subtracted. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "linmux.h"
#include "linmux/cblas.h"

typedef void (*dgemm_fn)(CBLAS_LAYOUT, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, CBLAS_INT, CBLAS_INT, CBLAS_INT, double,
                         const double *, CBLAS_INT, const double *, CBLAS_INT, double, double *, CBLAS_INT);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ns per call of one repetition of `iters` calls. */
static double rep_ns(dgemm_fn f, int n, long iters, const double *a, const double *b, double *c) {
    long i;
    double t0 = now();
    for (i = 0; i < iters; i++) f(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
    return (now() - t0) / (double)iters * 1e9;
}

/* The vendor's own cblas_dgemm, from the library liblinmux loaded. */
static dgemm_fn vendor_dgemm(void) {
    char info[8192], path[4096];
    const char *p, *q;
    void *h;
    dgemm_fn vendor;
    if (linmux_backend_info(NULL, info, sizeof info, NULL) != LINMUX_STATUS_OK) return NULL;
    p = strstr(info, "\"paths\":[\"");
    if (p == NULL) {
        fprintf(stderr, "no vendor path (faer?): %s\n", info);
        return NULL;
    }
    p += 10;
    q = strchr(p, '"');
    memcpy(path, p, (size_t)(q - p));
    path[q - p] = 0;
    h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        fprintf(stderr, "%s\n", dlerror());
        return NULL;
    }
    *(void **)(&vendor) = dlsym(h, "cblas_dgemm");
    if (vendor == NULL) fprintf(stderr, "no cblas_dgemm in %s\n", path);
    else fprintf(stderr, "vendor library: %s\n", path);
    return vendor;
}

/* The calls counted under callgrind (--toggle-collect=run_calls): MKL's
 * start-up varies from run to run by more than the calls themselves. */
__attribute__((noinline)) static void run_calls(dgemm_fn f, int n, long calls, const double *a, const double *b,
                                                double *c) {
    long i;
    for (i = 0; i < calls; i++) f(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
}

static void fill(double *a, double *b, double *c, int n) {
    int i;
    for (i = 0; i < n * n; i++) {
        a[i] = (double)(i % 7) / 7.0;
        b[i] = (double)(i % 5) / 5.0;
        c[i] = 0;
    }
}

int main(int argc, char **argv) {
    int sizes[] = {4, 64, 256}, k;
    dgemm_fn vendor = vendor_dgemm();
    if (vendor == NULL) return 2;
    if (argc == 5 && strcmp(argv[1], "count") == 0) {
        dgemm_fn f = strcmp(argv[2], "vendor") == 0 ? vendor : cblas_dgemm;
        int n = atoi(argv[3]);
        long calls = atol(argv[4]);
        double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
        if (n < 1 || a == NULL || b == NULL || c == NULL) return 2;
        fill(a, b, c, n);
        run_calls(f, n, calls, a, b, c);
        printf("%s: %ld calls at n = %d, c[0] = %g\n", argv[2], calls, n, c[0]);
        free(a); free(b); free(c);
        return 0;
    }
    for (k = 0; k < 3; k++) {
        int n = sizes[k];
        /* about 10 ms a repetition; many short repetitions, vendor and
         * linmux alternating, the best of each: a noisy neighbour or a
         * frequency change spoils a few repetitions of both, not the best. */
        long iters = n == 4 ? 100000 : n == 64 ? 600 : 12;
        int rounds = 41, r;
        double tv = 1e30, tl = 1e30;
        double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
        if (a == NULL || b == NULL || c == NULL) return 2;
        fill(a, b, c, n);
        for (r = 0; r < rounds; r++) {
            double v = rep_ns(vendor, n, iters, a, b, c), l = rep_ns(cblas_dgemm, n, iters, a, b, c);
            if (v < tv) tv = v;
            if (l < tl) tl = l;
        }
        printf("n = %3d: vendor %10.1f ns, linmux %10.1f ns, ratio %.4f, %+.1f ns\n", n, tv, tl, tl / tv, tl - tv);
        free(a); free(b); free(c);
    }
    return 0;
}
