/* Drop-in CBLAS from C99: known results through the selected backend, the
 * reference's cblas_xerbla positions (RowMajor swaps included) through a
 * handler this program defines, and outputs untouched on error. */
#include <stdarg.h>
#include <string.h>

#include "linmux/cblas.h"
#include "check.h"

static int last_info = -1;
static char last_rout[64];
static int calls = 0;
static int expected_calls = 0;

/* Overrides liblinmux's default handler (found through the global scope). */
void cblas_xerbla(CBLAS_INT p, const char *rout, const char *form, ...) {
    (void)form;
    last_info = (int)p;
    strncpy(last_rout, rout, sizeof last_rout - 1);
    calls++;
}

#define EXPECT_XERBLA(call, info, name)                                          \
    do {                                                                         \
        last_info = -1;                                                          \
        last_rout[0] = 0;                                                        \
        expected_calls++;                                                        \
        call;                                                                    \
        checks++;                                                                \
        if (last_info != (info) || strcmp(last_rout, (name)) != 0) {             \
            failures++;                                                          \
            fprintf(stderr, "%s:%d: %s: xerbla(%d, %s), expected (%d, %s)\n",     \
                    __FILE__, __LINE__, #call, last_info, last_rout, (info), (name)); \
        }                                                                        \
    } while (0)

int main(void) {
    const double a_row[6] = {1, 2, 3, 4, 5, 6};
    const double b_row[6] = {7, 8, 9, 10, 11, 12};
    const double a_col[6] = {1, 4, 2, 5, 3, 6};
    const double b_col[6] = {7, 9, 11, 8, 10, 12};
    double c[4] = {0, 0, 0, 0};
    const double sentinel[4] = {-1, -2, -3, -4};
    int i;

    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_row, 3, b_row, 2, 0.0, c, 2);
    CHECK(c[0] == 58 && c[1] == 64 && c[2] == 139 && c[3] == 154);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_col, 2, b_col, 3, 0.0, c, 2);
    CHECK(c[0] == 58 && c[1] == 139 && c[2] == 64 && c[3] == 154);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, 2, 2, 3, 2.0, a_row, 3, b_col, 3, 1.0, c, 2);
    CHECK(c[0] == 3 * 58 && c[3] == 3 * 154);
    {
        const float fa[4] = {1, 2, 3, 4}, fb[4] = {1, 0, 0, 1};
        float fc[4];
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0f, fa, 2, fb, 2, 0.0f, fc, 2);
        CHECK(fc[0] == 1 && fc[1] == 2 && fc[2] == 3 && fc[3] == 4);
    }
    {
        const double za[2] = {1, 1}, zb[2] = {2, -1}, one[2] = {1, 0}, zero[2] = {0, 0};
        double zc[2] = {9, 9};
        cblas_zgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 1, 1, 1, one, za, 1, zb, 1, zero, zc, 1);
        CHECK(zc[0] == 3 && zc[1] == 1);
        double d[2];
        cblas_zdotc_sub(1, za, 1, zb, 1, d); /* conj(1+i)(2-i) = 1-3i */
        CHECK(d[0] == 1 && d[1] == -3);
        cblas_zdotu_sub(1, za, 1, zb, 1, d);
        CHECK(d[0] == 3 && d[1] == 1);
    }
    {
        const double x[3] = {1, 2, 3};
        double y[3] = {1, 1, 1};
        CHECK(cblas_ddot(3, x, 1, y, 1) == 6);
        CHECK(cblas_ddot(2, x, -2, x, 2) == 6); /* (3,1)·(1,3) */
        CHECK(cblas_ddot(0, x, 1, y, 1) == 0);
        CHECK(cblas_idamax(3, x, 1) == 2);
        CHECK(cblas_idamax(0, x, 1) == 0);
        CHECK(close_to(cblas_dnrm2(3, x, 1), sqrt(14.0), 1e-15));
        CHECK(cblas_dnrm2(3, x, -1) == 0);
        CHECK(cblas_dasum(3, x, 1) == 6);
        cblas_daxpy(3, 2.0, x, 1, y, 1);
        CHECK(y[0] == 3 && y[1] == 5 && y[2] == 7);
        cblas_dscal(3, 0.5, y, 1);
        CHECK(y[0] == 1.5 && y[2] == 3.5);
        cblas_dcopy(3, x, 1, y, 1);
        CHECK(y[0] == 1 && y[2] == 3);
        double gy[2] = {1, 1};
        cblas_dgemv(CblasRowMajor, CblasNoTrans, 2, 3, 1.0, a_row, 3, x, 1, 1.0, gy, 1);
        CHECK(gy[0] == 15 && gy[1] == 33);
        float fx[2] = {3, 4};
        CHECK(cblas_snrm2(2, fx, 1) == 5.0f);
    }
    CHECK(calls == 0);

    /* Bad arguments: the reference's positions, C untouched. */
#define UNTOUCHED() for (i = 0; i < 4; i++) CHECK(c[i] == sentinel[i])
    memcpy(c, sentinel, sizeof c);
    EXPECT_XERBLA(cblas_dgemm((CBLAS_LAYOUT)7, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_col, 2, b_col, 3, 0.0, c, 2), 1, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasColMajor, (CBLAS_TRANSPOSE)0, CblasNoTrans, 2, 2, 3, 1.0, a_col, 2, b_col, 3, 0.0, c, 2), 2, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, (CBLAS_TRANSPOSE)0, 2, 2, 3, 1.0, a_col, 2, b_col, 3, 0.0, c, 2), 3, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, -1, 2, 3, 1.0, a_col, 2, b_col, 3, 0.0, c, 2), 4, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, -1, 3, 1.0, a_col, 2, b_col, 3, 0.0, c, 2), 5, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, -3, 1.0, a_col, 2, b_col, 3, 0.0, c, 2), 6, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_col, 1, b_col, 3, 0.0, c, 2), 9, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_col, 2, b_col, 2, 0.0, c, 2), 11, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_col, 2, b_col, 3, 0.0, c, 1), 14, "cblas_dgemm");
    /* RowMajor: the swapped Fortran call's positions (M 4 -> 5, N 5 -> 4, lda 9 -> 11, ldb 11 -> 9) */
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, -1, 2, 3, 1.0, a_row, 3, b_row, 2, 0.0, c, 2), 5, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, -1, 3, 1.0, a_row, 3, b_row, 2, 0.0, c, 2), 4, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, -1, -1, 3, 1.0, a_row, 3, b_row, 2, 0.0, c, 2), 4, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_row, 2, b_row, 2, 0.0, c, 2), 11, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_row, 3, b_row, 1, 0.0, c, 2), 9, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_row, 2, b_row, 1, 0.0, c, 2), 9, "cblas_dgemm");
    EXPECT_XERBLA(cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1.0, a_row, 3, b_row, 2, 0.0, c, 1), 14, "cblas_dgemm");
    EXPECT_XERBLA(cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, -1, 2, 3, a_row, a_row, 3, b_row, 2, a_row, c, 2), 5, "cblas_zgemm");
    EXPECT_XERBLA(cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0f, NULL, 2, NULL, 2, 0.0f, NULL, 2), 8, "cblas_sgemm");
    UNTOUCHED();
    {
        double y[2] = {5, 6};
        const double x[3] = {1, 1, 1};
        EXPECT_XERBLA(cblas_dgemv(CblasColMajor, CblasNoTrans, -1, 3, 1.0, a_col, 2, x, 1, 0.0, y, 1), 3, "cblas_dgemv");
        EXPECT_XERBLA(cblas_dgemv(CblasRowMajor, CblasNoTrans, -1, 3, 1.0, a_row, 3, x, 1, 0.0, y, 1), 4, "cblas_dgemv");
        EXPECT_XERBLA(cblas_dgemv(CblasRowMajor, CblasNoTrans, 2, -3, 1.0, a_row, 3, x, 1, 0.0, y, 1), 3, "cblas_dgemv");
        EXPECT_XERBLA(cblas_dgemv(CblasRowMajor, CblasNoTrans, 2, 3, 1.0, a_row, 2, x, 1, 0.0, y, 1), 7, "cblas_dgemv");
        EXPECT_XERBLA(cblas_dgemv(CblasColMajor, CblasTrans, 2, 3, 1.0, a_col, 2, x, 0, 0.0, y, 1), 9, "cblas_dgemv");
        EXPECT_XERBLA(cblas_dgemv(CblasColMajor, CblasTrans, 2, 3, 1.0, a_col, 2, x, 1, 0.0, y, 0), 12, "cblas_dgemv");
        CHECK(y[0] == 5 && y[1] == 6);
    }
    /* Levels 2 and 3 beyond gemm/gemv: known results and positions. */
    {
        const double ta[4] = {2, 0, 1, 4}; /* col-major [[2,1],[0,4]] */
        double tb[2] = {4, 8};
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, 2, 1, 1.0, ta, 2, tb, 2);
        CHECK(tb[0] == 1 && tb[1] == 2);
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, 2, 1, 1.0, ta, 2, tb, 2);
        CHECK(tb[0] == 4 && tb[1] == 8);
        double tx[2] = {4, 8};
        cblas_dtrsv(CblasRowMajor, CblasLower, CblasTrans, CblasNonUnit, 2, ta, 2, tx, 1);
        CHECK(tx[0] == 1 && tx[1] == 2);
        EXPECT_XERBLA(cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, -1, 1, 1.0, ta, 2, tb, 2), 6, "cblas_dtrsm");
        EXPECT_XERBLA(cblas_dtrsm(CblasRowMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, -1, 1, 1.0, ta, 2, tb, 2), 7, "cblas_dtrsm");
        EXPECT_XERBLA(cblas_dtrsm(CblasRowMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, 2, -1, 1.0, ta, 2, tb, 2), 6, "cblas_dtrsm");
        EXPECT_XERBLA(cblas_dtrsm(CblasColMajor, (CBLAS_SIDE)0, CblasUpper, CblasNoTrans, CblasNonUnit, 2, 1, 1.0, ta, 2, tb, 2), 2, "cblas_dtrsm");
        EXPECT_XERBLA(cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, (CBLAS_DIAG)0, 2, 1, 1.0, ta, 2, tb, 2), 5, "cblas_dtrsm");
        EXPECT_XERBLA(cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, 2, 1, 1.0, ta, 1, tb, 2), 10, "cblas_dtrsm");
        EXPECT_XERBLA(cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, 2, 1, 1.0, ta, 2, tb, 1), 12, "cblas_dtrsm");
        EXPECT_XERBLA(cblas_ztrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, 2, 1, ta, ta, 2, tb, 1), 12, "cblas_ztrsm");
        CHECK(tb[0] == 4 && tb[1] == 8);
    }
    {
        const double x[2] = {1, 2}, y[3] = {1, 10, 100};
        double a[6] = {0, 0, 0, 0, 0, 0};
        cblas_dger(CblasRowMajor, 2, 3, 1.0, x, 1, y, 1, a, 3);
        CHECK(a[0] == 1 && a[2] == 100 && a[3] == 2 && a[5] == 200);
        EXPECT_XERBLA(cblas_dger(CblasColMajor, -1, 3, 1.0, x, 1, y, 1, a, 2), 2, "cblas_dger");
        EXPECT_XERBLA(cblas_dger(CblasRowMajor, -1, 3, 1.0, x, 1, y, 1, a, 3), 3, "cblas_dger");
        EXPECT_XERBLA(cblas_dger(CblasRowMajor, 2, -3, 1.0, x, 1, y, 1, a, 3), 2, "cblas_dger");
        EXPECT_XERBLA(cblas_dger(CblasColMajor, 2, 3, 1.0, x, 0, y, 1, a, 2), 6, "cblas_dger");
        EXPECT_XERBLA(cblas_dger(CblasRowMajor, 2, 3, 1.0, x, 0, y, 1, a, 3), 8, "cblas_dger");
        EXPECT_XERBLA(cblas_dger(CblasRowMajor, 2, 3, 1.0, x, 1, y, 0, a, 3), 6, "cblas_dger");
        EXPECT_XERBLA(cblas_dger(CblasRowMajor, 2, 3, 1.0, x, 1, y, 1, a, 2), 10, "cblas_dger");
        CHECK(a[0] == 1 && a[5] == 200);
    }
    {
        const double a[2] = {1, 2};
        double c1 = 0;
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, 1, 2, 1.0, a, 1, 0.0, &c1, 1);
        CHECK(c1 == 5);
        EXPECT_XERBLA(cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, -1, 2, 1.0, a, 1, 0.0, &c1, 1), 4, "cblas_dsyrk");
        EXPECT_XERBLA(cblas_dsyrk(CblasColMajor, (CBLAS_UPLO)0, CblasNoTrans, 1, 2, 1.0, a, 1, 0.0, &c1, 1), 2, "cblas_dsyrk");
        EXPECT_XERBLA(cblas_zherk(CblasColMajor, CblasUpper, CblasTrans, 1, 1, 1.0, a, 1, 0.0, &c1, 1), 3, "cblas_zherk");
        EXPECT_XERBLA(cblas_zsyrk(CblasRowMajor, CblasUpper, CblasConjTrans, 1, 1, a, a, 1, a, &c1, 1), 3, "cblas_zsyrk");
        EXPECT_XERBLA(cblas_dsyr2k(CblasRowMajor, CblasUpper, CblasNoTrans, 1, 2, 1.0, a, 2, a, 1, 0.0, &c1, 1), 10, "cblas_dsyr2k");
        CHECK(c1 == 5);
    }
    {
        const double x[4] = {1, 0, 1, 0}; /* complex (1, 1) */
        double ha[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        const double one[2] = {1, 0};
        cblas_zher2(CblasColMajor, CblasUpper, 2, one, x, 1, x, 1, ha, 2);
        CHECK(ha[0] == 2 && ha[1] == 0);
        EXPECT_XERBLA(cblas_zher2(CblasRowMajor, CblasUpper, 2, one, x, 0, x, 1, ha, 2), 8, "cblas_zher2");
        EXPECT_XERBLA(cblas_zher2(CblasColMajor, CblasUpper, 2, one, x, 0, x, 1, ha, 2), 6, "cblas_zher2");
        EXPECT_XERBLA(cblas_dsyr2(CblasRowMajor, CblasUpper, 2, 1.0, x, 0, x, 1, ha, 2), 6, "cblas_dsyr2");
        EXPECT_XERBLA(cblas_zhpr2(CblasRowMajor, CblasUpper, 2, one, x, 1, x, 0, ha), 6, "cblas_zhpr2");
    }
    {
        /* tridiagonal [[1,2,0],[3,4,5],[0,6,7]], BLAS band storage (ku = kl = 1, lda 3) */
        const double band[9] = {0, 1, 3, 2, 4, 6, 5, 7, 0};
        const double x[3] = {1, 1, 1};
        double y[3] = {0, 0, 0};
        cblas_dgbmv(CblasColMajor, CblasNoTrans, 3, 3, 1, 1, 1.0, band, 3, x, 1, 0.0, y, 1);
        CHECK(y[0] == 3 && y[1] == 12 && y[2] == 13);
        /* the same matrix in CBLAS row-major band storage */
        const double rband[9] = {0, 1, 2, 3, 4, 5, 6, 7, 0};
        cblas_dgbmv(CblasRowMajor, CblasNoTrans, 3, 3, 1, 1, 1.0, rband, 3, x, 1, 0.0, y, 1);
        CHECK(y[0] == 3 && y[1] == 12 && y[2] == 13);
        EXPECT_XERBLA(cblas_dgbmv(CblasColMajor, CblasNoTrans, 3, 3, -1, 1, 1.0, band, 3, x, 1, 0.0, y, 1), 5, "cblas_dgbmv");
        EXPECT_XERBLA(cblas_dgbmv(CblasRowMajor, CblasNoTrans, 3, 3, -1, 1, 1.0, band, 3, x, 1, 0.0, y, 1), 6, "cblas_dgbmv");
        EXPECT_XERBLA(cblas_dgbmv(CblasRowMajor, CblasNoTrans, 3, 3, 1, 1, 1.0, band, 2, x, 1, 0.0, y, 1), 9, "cblas_dgbmv");
        CHECK(y[0] == 3 && y[1] == 12 && y[2] == 13);
        /* packed upper [[1,2],[2,3]]: column-major packed {1, 2, 3} */
        const double ap[3] = {1, 2, 3};
        double py[2];
        cblas_dspmv(CblasColMajor, CblasUpper, 2, 1.0, ap, x, 1, 0.0, py, 1);
        CHECK(py[0] == 3 && py[1] == 5);
        EXPECT_XERBLA(cblas_dspmv(CblasColMajor, CblasUpper, 2, 1.0, ap, x, 0, 0.0, py, 1), 7, "cblas_dspmv");
        EXPECT_XERBLA(cblas_dsbmv(CblasColMajor, CblasUpper, 2, 1, 1.0, ap, 1, x, 1, 0.0, py, 1), 7, "cblas_dsbmv");
        EXPECT_XERBLA(cblas_dtbsv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, 2, -1, ap, 1, py, 1), 6, "cblas_dtbsv");
        EXPECT_XERBLA(cblas_dtpmv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, 2, ap, py, 0), 8, "cblas_dtpmv");
        EXPECT_XERBLA(cblas_dsymm(CblasRowMajor, CblasLeft, CblasUpper, -1, 2, 1.0, ap, 1, ap, 2, 0.0, py, 2), 5, "cblas_dsymm");
    }
    {
        double a = 3, b = 4, c = 0, s = 0;
        cblas_drotg(&a, &b, &c, &s);
        CHECK(close_to(a, 5, 1e-15) && close_to(c, 0.6, 1e-15) && close_to(s, 0.8, 1e-15));
        const float sx[2] = {1, 2}, sy[2] = {3, 4};
        CHECK(cblas_sdsdot(2, 0.5f, sx, 1, sy, 1) == 11.5f);
        CHECK(cblas_dsdot(2, sx, 1, sy, 1) == 11.0);
        double zx[4] = {1, 2, 3, 4};
        cblas_zdscal(2, 2.0, zx, 1);
        CHECK(zx[0] == 2 && zx[3] == 8);
    }
    /* The handler saw every error above exactly once: nothing else (on MKL,
     * MKL's own error path) reached it. */
    CHECK(calls == expected_calls && calls > 40);
    return finish("cblas");
}
