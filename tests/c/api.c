/* The linmux_* C API from C99: every hand-written function, every status
 * code, NULL for every pointer of the functions tested, bad dimensions,
 * aliasing, several engines side by side, and table operations with known
 * results. Exit status 0 when every check passes. */
#include <stdint.h>
#include <string.h>

#include "linmux.h"
#include "check.h"

static const linmux_status ALL_STATUSES[] = {
    LINMUX_STATUS_OK, LINMUX_STATUS_INVALID_ARGUMENT, LINMUX_STATUS_NULL_POINTER,
    LINMUX_STATUS_DIMENSION_MISMATCH, LINMUX_STATUS_ALIASING, LINMUX_STATUS_NON_FINITE,
    LINMUX_STATUS_BUFFER_TOO_SMALL, LINMUX_STATUS_BACKEND_UNAVAILABLE, LINMUX_STATUS_UNSUPPORTED,
    LINMUX_STATUS_BACKEND_ERROR, LINMUX_STATUS_SINGULAR, LINMUX_STATUS_NOT_POSITIVE_DEFINITE,
    LINMUX_STATUS_NO_CONVERGENCE, LINMUX_STATUS_OVERFLOW, LINMUX_STATUS_OUT_OF_MEMORY,
    LINMUX_STATUS_PANIC, LINMUX_STATUS_INTERNAL,
};

static void test_version(void) {
    char expect[64];
    sprintf(expect, "%d.%d.%d", LINMUX_VERSION_MAJOR, LINMUX_VERSION_MINOR, LINMUX_VERSION_PATCH);
    CHECK(strcmp(expect, LINMUX_VERSION_STRING) == 0);
    CHECK(strcmp(linmux_version(), LINMUX_VERSION_STRING) == 0);
}

static void test_statuses(void) {
    size_t i, j;
    for (i = 0; i < sizeof ALL_STATUSES / sizeof ALL_STATUSES[0]; i++) {
        const char *m = linmux_status_message(ALL_STATUSES[i]);
        CHECK(m != NULL && strlen(m) > 0 && strcmp(m, "unknown status") != 0);
        for (j = 0; j < i; j++) CHECK(ALL_STATUSES[i] != ALL_STATUSES[j]);
    }
    CHECK(strcmp(linmux_status_message(-7), "unknown status") == 0);
    CHECK(strcmp(linmux_status_message(LINMUX_STATUS_OK), "success") == 0);
}

/* The buffer protocol of the text functions, and the backend functions. */
static void test_backends(void) {
    char buf[4096];
    size_t needed = 0, small = 0;
    linmux_engine *e = NULL;

    CHECK_STATUS(linmux_backends_known(NULL, 0, &needed), LINMUX_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed > 1);
    CHECK(strstr(linmux_last_error_message(), "too small") != NULL);
    memset(buf, 'x', sizeof buf);
    CHECK_STATUS(linmux_backends_known(buf, needed - 1, &small), LINMUX_STATUS_BUFFER_TOO_SMALL);
    CHECK(small == needed && buf[0] == 'x'); /* untouched */
    CHECK_OK(linmux_backends_known(buf, needed, NULL));
    CHECK(strlen(buf) + 1 == needed && strstr(buf, "faer") != NULL && strstr(buf, "openblas") != NULL);
    CHECK_STATUS(linmux_backends_known(NULL, 100, NULL), LINMUX_STATUS_NULL_POINTER);

    /* Loads every vendor: not under AddressSanitizer, where vendors are
     * opened without RTLD_DEEPBIND and must not meet in one process. */
    if (getenv("LINMUX_TEST_ONE_VENDOR") == NULL) {
        CHECK_OK(linmux_backends_available(buf, sizeof buf, &needed));
        CHECK(strstr(buf, "faer") != NULL);
    }

    CHECK_OK(linmux_backend_name(NULL, buf, sizeof buf, &needed));
    CHECK(strlen(buf) > 0);
    CHECK_OK(linmux_backend_info(NULL, buf, sizeof buf, &needed));
    CHECK(buf[0] == '{' && strstr(buf, "\"name\"") != NULL && strstr(buf, "\"threads\"") != NULL);
    CHECK_STATUS(linmux_backend_info(NULL, buf, 2, &needed), LINMUX_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed > 2);

    CHECK_STATUS(linmux_engine_new(NULL, &e), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_engine_new("faer", NULL), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_engine_new("no-such-backend", &e), LINMUX_STATUS_BACKEND_UNAVAILABLE);
    CHECK(e == NULL);
    CHECK(strstr(linmux_last_error_message(), "no-such-backend") != NULL);
    CHECK_STATUS(linmux_engine_new("/nonexistent/libblas.so", &e), LINMUX_STATUS_BACKEND_UNAVAILABLE);
    CHECK_STATUS(linmux_backend_set(NULL), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_backend_set("no-such-backend"), LINMUX_STATUS_BACKEND_UNAVAILABLE);
    CHECK_OK(linmux_engine_new("faer", &e));
    CHECK_OK(linmux_backend_name(e, buf, sizeof buf, NULL));
    CHECK(strcmp(buf, "faer") == 0);
    linmux_engine_free(e);
    linmux_engine_free(NULL);
}

static void test_threads(void) {
    size_t n = 0, before = 0;
    linmux_engine *e = NULL;
    CHECK_OK(linmux_engine_new("faer", &e));
    CHECK_STATUS(linmux_threads_get(e, NULL), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_threads_set(0), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_threads_push_limit(0), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_OK(linmux_threads_set(2));
    CHECK_OK(linmux_threads_get(e, &before));
    CHECK(before == 2);
    CHECK_OK(linmux_threads_push_limit(1));
    CHECK_OK(linmux_threads_get(e, &n));
    CHECK(n == 1);
    CHECK_OK(linmux_threads_pop_limit());
    CHECK_OK(linmux_threads_get(e, &n));
    CHECK(n == before);
    CHECK_STATUS(linmux_threads_pop_limit(), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_OK(linmux_threads_get(NULL, &n));
    linmux_engine_free(e);
}

/* C = A·B with A 2×3, B 3×2, in both layouts; then every error path of
 * dgemm leaves C untouched. */
static void test_gemm(const linmux_engine *e) {
    const double a_row[6] = {1, 2, 3, 4, 5, 6};       /* [[1,2,3],[4,5,6]] */
    const double b_row[6] = {7, 8, 9, 10, 11, 12};    /* [[7,8],[9,10],[11,12]] */
    const double a_col[6] = {1, 4, 2, 5, 3, 6};
    const double b_col[6] = {7, 9, 11, 8, 10, 12};
    const double want_row[4] = {58, 64, 139, 154};
    const double want_col[4] = {58, 139, 64, 154};
    double c[4] = {0, 0, 0, 0};
    double sentinel[4] = {-1, -2, -3, -4};
    int i;

    CHECK_OK(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, 2, 3, 3,
                          b_row, 3, 2, 2, 0.0, c, 2, 2, 2));
    for (i = 0; i < 4; i++) CHECK(c[i] == want_row[i]);
    CHECK_OK(linmux_dgemm(e, LINMUX_COL_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_col, 2, 3, 2,
                          b_col, 3, 2, 3, 0.0, c, 2, 2, 2));
    for (i = 0; i < 4; i++) CHECK(c[i] == want_col[i]);
    /* Aᵀ stored 3×2 row-major, op = T */
    {
        const double at_row[6] = {1, 4, 2, 5, 3, 6};
        CHECK_OK(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_TRANS, LINMUX_NO_TRANS, 1.0, at_row, 3, 2, 2,
                              b_row, 3, 2, 2, 0.0, c, 2, 2, 2));
        for (i = 0; i < 4; i++) CHECK(c[i] == want_row[i]);
    }

#define UNTOUCHED() do { int k_; for (k_ = 0; k_ < 4; k_++) CHECK(c[k_] == sentinel[k_]); } while (0)
    memcpy(c, sentinel, sizeof c);
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, NULL, 2, 3, 3,
                              b_row, 3, 2, 2, 0.0, c, 2, 2, 2), LINMUX_STATUS_NULL_POINTER);
    UNTOUCHED();
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, 2, 3, 3,
                              NULL, 3, 2, 2, 0.0, c, 2, 2, 2), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, 2, 3, 3,
                              b_row, 3, 2, 2, 0.0, NULL, 2, 2, 2), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, -2, 3, 3,
                              b_row, 3, 2, 2, 0.0, c, 2, 2, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(linmux_last_error_message(), "negative") != NULL);
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, 2, 3, 2,
                              b_row, 3, 2, 2, 0.0, c, 2, 2, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(linmux_last_error_message(), "lda") != NULL);
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, 2, 3, 3,
                              b_row, 2, 3, 3, 0.0, c, 2, 2, 2), LINMUX_STATUS_DIMENSION_MISMATCH);
    CHECK_STATUS(linmux_dgemm(e, 7, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, 2, 3, 3,
                              b_row, 3, 2, 2, 0.0, c, 2, 2, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, 99, LINMUX_NO_TRANS, 1.0, a_row, 2, 3, 3,
                              b_row, 3, 2, 2, 0.0, c, 2, 2, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, a_row, 2, 3,
                              INT64_MAX, b_row, 3, 2, 2, 0.0, c, 2, 2, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    UNTOUCHED();
    {
        double buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        /* C overlapping A */
        CHECK_STATUS(linmux_dgemm(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, buf, 2, 2, 2,
                                  b_row, 2, 2, 2, 0.0, buf + 2, 2, 2, 2), LINMUX_STATUS_ALIASING);
        CHECK(buf[2] == 3 && buf[5] == 6);
    }
    /* empty problems: NULL is fine when nothing is touched */
    CHECK_OK(linmux_dgemm(e, LINMUX_COL_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, 1.0, NULL, 0, 3, 1,
                          b_col, 3, 2, 3, 0.0, NULL, 0, 2, 1));
#undef UNTOUCHED
}

static void test_blas1(const linmux_engine *e) {
    const double x[4] = {1, -7, 3, 2};
    double y[4] = {1, 1, 1, 1};
    double r = 0;
    int64_t idx = -1;
    float fr = 0;
    const float fx[3] = {1, 2, 3};

    CHECK_OK(linmux_ddot(e, x, 4, 1, y, 4, 1, &r));
    CHECK(r == -1);
    CHECK_STATUS(linmux_ddot(e, x, 4, 1, y, 4, 1, NULL), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_ddot(e, x, 4, 1, y, 3, 1, &r), LINMUX_STATUS_DIMENSION_MISMATCH);
    CHECK_STATUS(linmux_ddot(e, x, 4, 0, y, 4, 1, &r), LINMUX_STATUS_INVALID_ARGUMENT);
    /* negative increment: x reversed */
    CHECK_OK(linmux_ddot(e, x, 2, -2, x, 2, 2, &r)); /* (3, 1)·(1, 3) */
    CHECK(r == 6);
    CHECK_OK(linmux_diamax(e, x, 4, 1, &idx));
    CHECK(idx == 1);
    CHECK_STATUS(linmux_diamax(e, x, 0, 1, &idx), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_OK(linmux_daxpy(e, 2.0, x, 4, 1, y, 4, 1));
    CHECK(y[0] == 3 && y[1] == -13 && y[2] == 7 && y[3] == 5);
    CHECK_STATUS(linmux_daxpy(e, 2.0, y, 4, 1, y, 4, 1), LINMUX_STATUS_ALIASING);
    CHECK_OK(linmux_dnrm2(e, x, 2, 2, &r)); /* (1, 3) */
    CHECK(close_to(r, sqrt(10.0), 1e-15));
    CHECK_OK(linmux_snrm2(e, fx, 3, 1, &fr));
    CHECK(close_to(fr, sqrt(14.0), 1e-6));
    {
        double a = 3, b = 4, c = 0, s = 0;
        CHECK_OK(linmux_drotg(e, &a, &b, &c, &s));
        CHECK(close_to(a, 5, 1e-15) && close_to(c, 0.6, 1e-15) && close_to(s, 0.8, 1e-15));
        CHECK_STATUS(linmux_drotg(e, &a, &a, &c, &s), LINMUX_STATUS_ALIASING);
        CHECK_STATUS(linmux_drotg(e, NULL, &b, &c, &s), LINMUX_STATUS_NULL_POINTER);
    }
    {
        const float sx[2] = {1, 2}, sy[2] = {3, 4};
        float out = 0;
        double dout = 0;
        CHECK_OK(linmux_ssdsdot(e, 0.5f, sx, 2, 1, sy, 2, 1, &out));
        CHECK(out == 11.5f);
        CHECK_OK(linmux_sdsdot(e, sx, 2, 1, sy, 2, 1, &dout));
        CHECK(dout == 11.0);
    }
    {
        const linmux_complex_double zx[2] = {{1, 2}, {3, 4}};
        const linmux_complex_double zy[2] = {{5, 6}, {7, 8}};
        linmux_complex_double z = {0, 0};
        CHECK_OK(linmux_zdotc(e, zx, 2, 1, zy, 2, 1, &z)); /* conj(x)·y */
        CHECK(z.re == 70 && z.im == -8);
        CHECK_OK(linmux_zdot(e, zx, 2, 1, zy, 2, 1, &z));
        CHECK(z.re == -18 && z.im == 68);
        CHECK_STATUS(linmux_zrotm(e, NULL, 0, 1, NULL, 0, 1, (const linmux_complex_double *)zx),
                     LINMUX_STATUS_INVALID_ARGUMENT);
    }
}

static void test_lapack(const linmux_engine *e) {
    /* A = [[4, 3], [6, 3]] row-major */
    double a[4] = {4, 3, 6, 3};
    int64_t ipiv[2] = {-1, -1};
    double b[2] = {10, 12}; /* A x = b -> x = (1, 2) */
    CHECK_OK(linmux_dgetrf(e, LINMUX_ROW_MAJOR, a, 2, 2, 2, ipiv, 2));
    CHECK(ipiv[0] == 1 && ipiv[1] == 1);
    CHECK_OK(linmux_dgetrs(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, a, 2, 2, 2, ipiv, 2, b, 2, 1, 1));
    CHECK(close_to(b[0], 1, 1e-14) && close_to(b[1], 2, 1e-14));
    {
        int64_t ipiv3[3];
        CHECK_STATUS(linmux_dgetrf(e, LINMUX_ROW_MAJOR, a, 2, 2, 2, ipiv3, 3), LINMUX_STATUS_DIMENSION_MISMATCH);
    }
    {
        int64_t bad[2] = {-1, 0};
        CHECK_STATUS(linmux_dgetrs(e, LINMUX_ROW_MAJOR, LINMUX_NO_TRANS, a, 2, 2, 2, bad, 2, b, 2, 1, 1),
                     LINMUX_STATUS_INVALID_ARGUMENT);
    }
    {
        double s[4] = {1, 2, 2, 4};
        int64_t p[2] = {7, 7};
        CHECK_STATUS(linmux_dgetrf(e, LINMUX_COL_MAJOR, s, 2, 2, 2, p, 2), LINMUX_STATUS_SINGULAR);
        CHECK(p[0] == 7 && p[1] == 7); /* separate outputs untouched on failure */
    }
    {
        double np[4] = {1, 2, 2, 1};
        CHECK_STATUS(linmux_dpotrf(e, LINMUX_COL_MAJOR, LINMUX_LOWER, np, 2, 2, 2), LINMUX_STATUS_NOT_POSITIVE_DEFINITE);
        double pd[4] = {4, 2, 2, 3};
        CHECK_OK(linmux_dpotrf(e, LINMUX_COL_MAJOR, LINMUX_LOWER, pd, 2, 2, 2));
        CHECK(close_to(pd[0], 2, 1e-15) && close_to(pd[1], 1, 1e-15) && close_to(pd[3], sqrt(2.0), 1e-15));
        double nan[4] = {NAN, 0, 0, 1};
        CHECK_STATUS(linmux_dpotrf(e, LINMUX_COL_MAJOR, LINMUX_LOWER, nan, 2, 2, 2), LINMUX_STATUS_NON_FINITE);
    }
    {
        double m[4] = {3, 0, 0, 4}; /* diag(3, 4) */
        double s[2], u[4], vt[4];
        CHECK_OK(linmux_dgesdd(e, LINMUX_COL_MAJOR, LINMUX_SVD_THIN, m, 2, 2, 2, s, 2, u, 2, 2, 2, vt, 2, 2, 2));
        CHECK(close_to(s[0], 4, 1e-14) && close_to(s[1], 3, 1e-14));
        double h[4] = {2, 1, 1, 2};
        double w[2];
        CHECK_OK(linmux_dheevd(e, LINMUX_COL_MAJOR, LINMUX_EIG_VECTORS, LINMUX_UPPER, h, 2, 2, 2, w, 2));
        CHECK(close_to(w[0], 1, 1e-14) && close_to(w[1], 3, 1e-14));
        double g[4] = {0, 1, -1, 0}; /* rotation: eigenvalues ±i */
        linmux_complex_double ev[2];
        CHECK_OK(linmux_dgeev(e, LINMUX_COL_MAJOR, g, 2, 2, 2, ev, 2, NULL, 0, 0, 0, NULL, 0, 0, 0));
        CHECK(close_to(ev[0].re, 0, 1e-14) && close_to(fabs(ev[0].im), 1, 1e-14) && ev[0].im == -ev[1].im);
    }
}

static void test_linalg(const linmux_engine *e) {
    const double a[4] = {4, 3, 6, 3}; /* row-major */
    const double b[2] = {10, 12};
    double x[2] = {0, 0}, inv[4], d = 0;
    CHECK_OK(linmux_dsolve(e, LINMUX_ROW_MAJOR, 2, 1, a, 2, b, 1, x, 1));
    CHECK(close_to(x[0], 1, 1e-14) && close_to(x[1], 2, 1e-14));
    CHECK_OK(linmux_ddet(e, LINMUX_ROW_MAJOR, 2, a, 2, &d));
    CHECK(close_to(d, -6, 1e-14));
    CHECK_OK(linmux_dinv(e, LINMUX_ROW_MAJOR, 2, a, 2, inv, 2));
    CHECK(close_to(inv[0], -0.5, 1e-14) && close_to(inv[1], 0.5, 1e-14) && close_to(inv[2], 1, 1e-14));
    {
        const double s[4] = {1, 2, 2, 4};
        double o[4] = {9, 9, 9, 9};
        CHECK_STATUS(linmux_dinv(e, LINMUX_ROW_MAJOR, 2, s, 2, o, 2), LINMUX_STATUS_SINGULAR);
        CHECK(o[0] == 9 && o[3] == 9);
        CHECK_STATUS(linmux_dinv(e, LINMUX_ROW_MAJOR, 2, s, 2, NULL, 2), LINMUX_STATUS_NULL_POINTER);
    }
    {
        const double pd[4] = {4, 2, 2, 3};
        double f[4];
        CHECK_OK(linmux_dcholesky(e, LINMUX_ROW_MAJOR, LINMUX_LOWER, 2, pd, 2, f, 2));
        CHECK(close_to(f[0], 2, 1e-15) && f[1] == 0 && close_to(f[2], 1, 1e-15));
    }
    {
        int64_t perm[2];
        double l[4], u[4];
        CHECK_OK(linmux_dlu(e, LINMUX_ROW_MAJOR, 2, 2, a, 2, perm, l, 2, u, 2));
        CHECK(perm[0] == 1 && perm[1] == 0 && close_to(u[0], 6, 1e-15));
    }
    {
        double q[4], r[4];
        CHECK_OK(linmux_dqr(e, LINMUX_ROW_MAJOR, 2, 2, a, 2, q, 2, r, 2));
        CHECK(close_to(fabs(r[0]), sqrt(52.0), 1e-14) && r[2] == 0);
        CHECK_OK(linmux_dqr(e, LINMUX_ROW_MAJOR, 2, 2, a, 2, NULL, 0, r, 2));
    }
    {
        double s[2], u[4], vt[4];
        CHECK_OK(linmux_dsvd(e, LINMUX_ROW_MAJOR, LINMUX_SVD_FULL, 2, 2, a, 2, s, u, 2, vt, 2));
        CHECK(s[0] >= s[1] && close_to(s[0] * s[1], 6, 1e-13));
        CHECK_OK(linmux_dsvd(e, LINMUX_ROW_MAJOR, LINMUX_SVD_NONE, 2, 2, a, 2, s, NULL, 0, NULL, 0));
        CHECK_STATUS(linmux_dsvd(e, LINMUX_ROW_MAJOR, 5, 2, 2, a, 2, s, NULL, 0, NULL, 0), LINMUX_STATUS_INVALID_ARGUMENT);
    }
    {
        const double h[4] = {2, 1, 1, 2};
        double w[2], v[4];
        CHECK_OK(linmux_deigh(e, LINMUX_ROW_MAJOR, LINMUX_UPPER, 2, h, 2, w, v, 2));
        CHECK(close_to(w[0], 1, 1e-14) && close_to(w[1], 3, 1e-14));
        CHECK_OK(linmux_deigh(e, LINMUX_ROW_MAJOR, LINMUX_UPPER, 2, h, 2, w, NULL, 0));
        linmux_complex_double ev[2], vec[4];
        CHECK_OK(linmux_deig(e, LINMUX_ROW_MAJOR, 2, h, 2, ev, vec, 2));
        CHECK(close_to(ev[0].re + ev[1].re, 4, 1e-14));
    }
    {
        const double ls_a[6] = {1, 0, 0, 1, 1, 1}; /* 3×2 row-major */
        const double ls_b[3] = {1, 2, 4};
        double ls_x[2];
        int64_t rank = -1;
        CHECK_OK(linmux_dlstsq(e, LINMUX_ROW_MAJOR, 3, 2, 1, ls_a, 2, ls_b, 1, -1.0, ls_x, 1, &rank));
        CHECK(rank == 2 && close_to(ls_x[0], 4.0 / 3.0, 1e-13) && close_to(ls_x[1], 7.0 / 3.0, 1e-13));
    }
    {
        const linmux_complex_double za[4] = {{2, 0}, {0, 1}, {0, -1}, {2, 0}}; /* Hermitian */
        double w[2];
        CHECK_OK(linmux_zeigh(e, LINMUX_ROW_MAJOR, LINMUX_LOWER, 2, za, 2, w, NULL, 0));
        CHECK(close_to(w[0], 1, 1e-14) && close_to(w[1], 3, 1e-14));
        linmux_complex_double zd;
        CHECK_OK(linmux_zdet(e, LINMUX_ROW_MAJOR, 2, za, 2, &zd));
        CHECK(close_to(zd.re, 3, 1e-14) && close_to(zd.im, 0, 1e-14));
    }
}

/* Runs the operation tests on `name` (NULL: the current engine). */
static void test_on(const char *name) {
    linmux_engine *e = NULL;
    if (name != NULL) {
        CHECK_OK(linmux_engine_new(name, &e));
        if (e == NULL) return;
    }
    test_gemm(e);
    test_blas1(e);
    test_lapack(e);
    test_linalg(e);
    linmux_engine_free(e);
}

int main(int argc, char **argv) {
    char buf[256];
    test_version();
    test_statuses();
    test_backends();
    test_threads();
    /* The current engine: LINMUX_BACKEND decides; print it for the driver. */
    CHECK_OK(linmux_backend_name(NULL, buf, sizeof buf, NULL));
    printf("backend: %s\n", buf);
    test_on(NULL);
    /* Several engines side by side: every backend named on the command line. */
    {
        int i;
        for (i = 1; i < argc; i++) test_on(argv[i]);
    }
    return finish("api");
}
