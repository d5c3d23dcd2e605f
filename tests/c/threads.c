/* linmux_threads_set / get / push_limit / pop_limit on the selected backend
 * (LINMUX_BACKEND; one child process per backend), checked against the
 * vendor's own thread count: its getter, looked up in the very library
 * liblinmux loaded (dlopen RTLD_NOLOAD of the path linmux_backend_info
 * reports). Run after a cblas_dgemm, so the vendor has started its pool. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <string.h>

#include "linmux.h"
#include "linmux/cblas.h"
#include "check.h"

/* The vendor's count, or -1 when it has no getter (Netlib, faer). */
static long vendor_threads(void *lib, const char *backend) {
    if (lib == NULL) return -1;
    if (strncmp(backend, "openblas", 8) == 0) {
        int (*get)(void);
        *(void **)(&get) = dlsym(lib, "openblas_get_num_threads");
        return get ? get() : -2;
    }
    if (strcmp(backend, "mkl") == 0) {
        int (*get)(int);
        *(void **)(&get) = dlsym(lib, "MKL_Domain_Get_Max_Threads");
        return get ? get(1 /* MKL_DOMAIN_BLAS */) : -2;
    }
    if (strcmp(backend, "blis") == 0) {
        int64_t (*get)(void);
        *(void **)(&get) = dlsym(lib, "bli_thread_get_num_threads");
        return get ? (long)get() : -2;
    }
    return -1;
}

/* The library liblinmux loaded for the current backend (NULL for faer). */
static void *vendor_library(void) {
    char info[8192], path[4096];
    const char *p, *q;
    if (linmux_backend_info(NULL, info, sizeof info, NULL) != LINMUX_STATUS_OK) return NULL;
    p = strstr(info, "\"paths\":[\"");
    if (p == NULL) return NULL;
    p += 10;
    q = strchr(p, '"');
    memcpy(path, p, (size_t)(q - p));
    path[q - p] = 0;
    return dlopen(path, RTLD_NOW | RTLD_NOLOAD);
}

int main(void) {
    char backend[64];
    size_t n = 0;
    long v;
    void *lib;
    const double a[4] = {1, 2, 3, 4};
    double c[4];
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 2, a, 2, 0.0, c, 2);
    CHECK(close_to(c[0], 7, 0));
    CHECK_OK(linmux_backend_name(NULL, backend, sizeof backend, NULL));
    printf("backend: %s\n", backend);
    lib = vendor_library();
    CHECK(lib != NULL || strcmp(backend, "faer") == 0);
    if (strcmp(backend, "reference") == 0) {
        /* Netlib is single-threaded: a count is accepted and reads as 1. */
        CHECK_OK(linmux_threads_set(2));
        CHECK_OK(linmux_threads_get(NULL, &n));
        CHECK(n == 1);
        CHECK_OK(linmux_threads_push_limit(1));
        CHECK_OK(linmux_threads_pop_limit());
        return finish("threads");
    }

    CHECK_OK(linmux_threads_set(2));
    CHECK_OK(linmux_threads_get(NULL, &n));
    CHECK(n == 2);
    v = vendor_threads(lib, backend);
    printf("after set(2): linmux %zu, vendor %ld\n", n, v);
    CHECK(v == -1 || v == 2);

    CHECK_OK(linmux_threads_push_limit(1));
    CHECK_OK(linmux_threads_get(NULL, &n));
    CHECK(n == 1);
    v = vendor_threads(lib, backend);
    printf("in limit(1): linmux %zu, vendor %ld\n", n, v);
    CHECK(v == -1 || v == 1);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 2, a, 2, 0.0, c, 2);
    CHECK(c[3] == 22);

    CHECK_OK(linmux_threads_push_limit(2)); /* limits nest */
    CHECK_OK(linmux_threads_get(NULL, &n));
    CHECK(n == 2);
    CHECK(vendor_threads(lib, backend) == -1 || vendor_threads(lib, backend) == 2);
    CHECK_OK(linmux_threads_pop_limit());
    CHECK_OK(linmux_threads_get(NULL, &n));
    CHECK(n == 1);
    CHECK(vendor_threads(lib, backend) == -1 || vendor_threads(lib, backend) == 1);

    CHECK_OK(linmux_threads_pop_limit());
    CHECK_OK(linmux_threads_get(NULL, &n));
    CHECK(n == 2);
    v = vendor_threads(lib, backend);
    printf("after pop: linmux %zu, vendor %ld\n", n, v);
    CHECK(v == -1 || v == 2);
    CHECK_STATUS(linmux_threads_pop_limit(), LINMUX_STATUS_INVALID_ARGUMENT);

    CHECK_OK(linmux_threads_set(1));
    CHECK_OK(linmux_threads_get(NULL, &n));
    CHECK(n == 1);
    CHECK(vendor_threads(lib, backend) == -1 || vendor_threads(lib, backend) == 1);
    CHECK(strcmp(backend, "faer") == 0 || vendor_threads(lib, backend) != -1);
    if (lib != NULL) dlclose(lib);
    return finish("threads");
}
