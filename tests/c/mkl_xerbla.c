/* On MKL (LINMUX_BACKEND=mkl): MKL's error path never reaches the
 * program's global cblas_xerbla. MKL's own CBLAS calls a global
 * cblas_xerbla with its own argument order, (const char *name, int pos),
 * which crashes a handler written for the reference. liblinmux validates
 * every argument before MKL runs, so bad calls reach the program's handler
 * once each, from liblinmux, in the reference's order; and MKL keeps the
 * xerbla handler liblinmux installed (mkl_set_xerbla), which records and
 * returns: a bad call made to MKL directly reaches neither the program's
 * handler nor exit(). */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

#include "linmux.h"
#include "linmux/cblas.h"
#include "linmux/lapacke.h"
#include "check.h"

static int calls = 0, malformed = 0;
static int last_pos = 0;
static char last_rout[32];

/* Defensive: a call in MKL's order would pass a name where p is and a small
 * integer where rout is; count it instead of dereferencing it. */
void cblas_xerbla(CBLAS_INT p, const char *rout, const char *form, ...) {
    (void)form;
    calls++;
    if ((uintptr_t)rout < 65536 || p < 0 || p > 64 || strncmp(rout, "cblas_", 6) != 0) {
        malformed++;
        return;
    }
    last_pos = (int)p;
    strncpy(last_rout, rout, sizeof last_rout - 1);
}

typedef void (*xerbla_entry)(const char *, const int *, int);
typedef xerbla_entry (*set_xerbla_fn)(xerbla_entry);

/* The handler MKL calls now (swapped out and straight back in). */
static void *installed_handler(set_xerbla_fn set) {
    xerbla_entry h = set(NULL);
    set(h);
    return *(void **)&h;
}

#define BAD(call, pos, name)                                                             \
    do {                                                                                 \
        int before_ = calls;                                                             \
        call;                                                                            \
        CHECK(calls == before_ + 1 && last_pos == (pos) && strcmp(last_rout, (name)) == 0); \
    } while (0)

int main(void) {
    char backend[64], info[8192], path[4096];
    const char *p, *q;
    void *lib, *handler;
    Dl_info where;
    set_xerbla_fn set;
    const double a[4] = {1, 2, 3, 4};
    double c[4] = {-1, -1, -1, -1}, x[2] = {1, 1};
    lapack_int ipiv[2];

    CHECK_OK(linmux_backend_name(NULL, backend, sizeof backend, NULL));
    printf("backend: %s\n", backend);
    if (strcmp(backend, "mkl") != 0) {
        fprintf(stderr, "run with LINMUX_BACKEND=mkl\n");
        return 2;
    }
    CHECK_OK(linmux_backend_info(NULL, info, sizeof info, NULL));
    p = strstr(info, "\"paths\":[\"") + 10;
    q = strchr(p, '"');
    memcpy(path, p, (size_t)(q - p));
    path[q - p] = 0;
    lib = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    CHECK(lib != NULL);
    if (lib == NULL) return finish("mkl_xerbla");
    *(void **)(&set) = dlsym(lib, "mkl_set_xerbla");
    CHECK(set != NULL);
    if (set == NULL) return finish("mkl_xerbla");
    handler = installed_handler(set);
    /* liblinmux's recorder: not MKL's default, not the global cblas_xerbla */
    CHECK(handler != NULL && dladdr(handler, &where) != 0 && where.dli_fname != NULL &&
          strstr(where.dli_fname, "liblinmux") != NULL);

    BAD(cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, -1, 2, 2, 1.0, a, 2, a, 2, 0.0, c, 2), 4, "cblas_dgemm");
    BAD(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 1, a, 2, 0.0, c, 2), 11, "cblas_dgemm");
    BAD(cblas_dgemm(CblasColMajor, (CBLAS_TRANSPOSE)9, CblasNoTrans, 2, 2, 2, 1.0, a, 2, a, 2, 0.0, c, 2), 2, "cblas_dgemm");
    BAD(cblas_zgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, a, a, 2, a, 2, a, c, 0), 14, "cblas_zgemm");
    BAD(cblas_dgemv(CblasColMajor, CblasNoTrans, 2, 2, 1.0, a, 2, x, 0, 0.0, c, 1), 9, "cblas_dgemv");
    BAD(cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, 2, 2, 1.0, a, 1, c, 2), 10, "cblas_dtrsm");
    BAD(cblas_dsyrk(CblasColMajor, (CBLAS_UPLO)0, CblasNoTrans, 2, 2, 1.0, a, 2, 0.0, c, 2), 2, "cblas_dsyrk");
    BAD(cblas_dger(CblasColMajor, 2, 2, 1.0, x, 1, x, 1, c, 1), 10, "cblas_dger");
    CHECK(c[0] == -1 && c[3] == -1);
    /* LAPACKE reports through its info, never through cblas_xerbla. */
    CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, 2, 2, c, 1, ipiv) == -5);
    CHECK(LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'Q', 2, c, 2) == -2);
    CHECK(calls == 8 && malformed == 0);
    /* A good call still runs, and MKL's handler is still liblinmux's. */
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 2, a, 2, 0.0, c, 2);
    CHECK(close_to(c[0], 7, 0) && close_to(c[3], 22, 0));
    CHECK(installed_handler(set) == handler);

    /* Last (it leaves a record for the next MKL call to report): a bad call
     * made to MKL's Fortran dgemm directly goes to that handler — not to
     * the program's cblas_xerbla, and not to exit(). */
    {
        void (*dgemm)(const char *, const char *, const int *, const int *, const int *, const double *,
                      const double *, const int *, const double *, const int *, const double *, double *,
                      const int *, size_t, size_t);
        const int m = -1, n = 2, k = 2, ld = 2;
        const double one = 1, zero = 0;
        *(void **)(&dgemm) = dlsym(lib, "dgemm_");
        CHECK(dgemm != NULL);
        if (dgemm != NULL) dgemm("N", "N", &m, &n, &k, &one, a, &ld, a, &ld, &zero, c, &ld, 1, 1);
        CHECK(calls == 8 && malformed == 0);
        CHECK(c[0] == 7);
    }
    dlclose(lib);
    return finish("mkl_xerbla");
}
