/* LAPACKE exports from C99: known results on the selected backend (every
 * LAPACK-backed routine, through liblinmux only: no Fortran names), the
 * info convention (-i for argument i, > 0 numerical), 1-based pivots. */
#include <string.h>

#include "linmux/lapacke.h"
#include "check.h"

int main(void) {
    /* A = [[4, 3], [6, 3]], b = (10, 12) -> x = (1, 2) */
    {
        double a[4] = {4, 3, 6, 3}, b[2] = {10, 12};
        lapack_int ipiv[2] = {0, 0};
        CHECK(LAPACKE_dgesv(LAPACK_ROW_MAJOR, 2, 1, a, 2, ipiv, b, 1) == 0);
        CHECK(close_to(b[0], 1, 1e-14) && close_to(b[1], 2, 1e-14));
        CHECK(ipiv[0] == 2 && ipiv[1] == 2); /* 1-based */
    }
    {
        double a[4] = {4, 6, 3, 3}, b[2] = {10, 12}; /* the same A, column-major */
        lapack_int ipiv[2];
        CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, 2, 2, a, 2, ipiv) == 0);
        CHECK(ipiv[0] == 2);
        CHECK(LAPACKE_dgetrs(LAPACK_COL_MAJOR, 'N', 2, 1, a, 2, ipiv, b, 2) == 0);
        CHECK(close_to(b[0], 1, 1e-14) && close_to(b[1], 2, 1e-14));
        CHECK(LAPACKE_dgetri(LAPACK_COL_MAJOR, 2, a, 2, ipiv) == 0);
        CHECK(close_to(a[0], -0.5, 1e-14) && close_to(a[2], 0.5, 1e-14) && close_to(a[1], 1, 1e-14));
        CHECK(LAPACKE_dgetrs(LAPACK_COL_MAJOR, 'X', 2, 1, a, 2, ipiv, b, 2) == -2);
        ipiv[0] = 0; /* not a 1-based pivot */
        CHECK(LAPACKE_dgetrs(LAPACK_COL_MAJOR, 'N', 2, 1, a, 2, ipiv, b, 2) == -7);
    }
    {
        double pd[4] = {4, 2, 2, 3}, b[2] = {2, 1};
        CHECK(LAPACKE_dposv(LAPACK_COL_MAJOR, 'L', 2, 1, pd, 2, b, 2) == 0);
        CHECK(close_to(4 * b[0] + 2 * b[1], 2, 1e-14) && close_to(2 * b[0] + 3 * b[1], 1, 1e-14));
        double np[4] = {1, 2, 2, 1};
        CHECK(LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'U', 2, np, 2) == 2);
        double p2[4] = {4, 2, 2, 3}, b2[2] = {2, 1};
        CHECK(LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'U', 2, p2, 2) == 0);
        CHECK(LAPACKE_dpotrs(LAPACK_ROW_MAJOR, 'U', 2, 1, p2, 2, b2, 1) == 0);
        CHECK(close_to(4 * b2[0] + 2 * b2[1], 2, 1e-14));
        CHECK(LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'Q', 2, p2, 2) == -2);
    }
    {
        /* QR of a 3x2 matrix: Q has orthonormal columns, Q R = A */
        const double a0[6] = {1, 2, 3, 4, 5, 6}; /* row-major 3x2 */
        double a[6], tau[2];
        memcpy(a, a0, sizeof a);
        CHECK(LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, 3, 2, a, 2, tau) == 0);
        double r00 = a[0], r01 = a[1], r11 = a[3];
        CHECK(LAPACKE_dorgqr(LAPACK_ROW_MAJOR, 3, 2, 2, a, 2, tau) == 0);
        double q0q1 = a[0] * a[1] + a[2] * a[3] + a[4] * a[5];
        CHECK(close_to(q0q1, 0, 1e-14));
        CHECK(close_to(a[4] * r00, a0[4], 1e-13) && close_to(a[4] * r01 + a[5] * r11, a0[5], 1e-13));
        CHECK(LAPACKE_dorgqr(LAPACK_ROW_MAJOR, 3, 4, 2, a, 2, tau) == -3);
    }
    {
        double h[4] = {2, 1, 1, 2}, w[2];
        CHECK(LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'U', 2, h, 2, w) == 0);
        CHECK(close_to(w[0], 1, 1e-14) && close_to(w[1], 3, 1e-14));
        CHECK(close_to(fabs(h[0]), sqrt(0.5), 1e-14));
        double zh[8] = {2, 0, 0, -1, 0, 1, 2, 0}; /* [[2, i], [-i, 2]] col-major */
        CHECK(LAPACKE_zheevd(LAPACK_COL_MAJOR, 'N', 'L', 2, (lapack_complex_double *)zh, 2, w) == 0);
        CHECK(close_to(w[0], 1, 1e-14) && close_to(w[1], 3, 1e-14));
    }
    {
        double a[6] = {1, 0, 0, 1, 1, 1}, b[3] = {1, 2, 4}; /* row-major 3x2, b 3x1 */
        CHECK(LAPACKE_dgels(LAPACK_ROW_MAJOR, 'N', 3, 2, 1, a, 2, b, 1) == 0);
        CHECK(close_to(b[0], 4.0 / 3.0, 1e-13) && close_to(b[1], 7.0 / 3.0, 1e-13));
        CHECK(LAPACKE_dgels(LAPACK_ROW_MAJOR, 'C', 3, 2, 1, a, 2, b, 1) == -2);
    }
    {
        double a[4] = {3, 0, 0, 4}, s[2], u[4], vt[4];
        CHECK(LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'S', 2, 2, a, 2, s, u, 2, vt, 2) == 0);
        CHECK(close_to(s[0], 4, 1e-14) && close_to(s[1], 3, 1e-14));
        double b[6] = {1, 2, 3, 4, 5, 6}, s3[2];
        CHECK(LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', 2, 3, b, 3, s3, NULL, 1, NULL, 1) == 0);
        CHECK(close_to(s3[0] * s3[0] + s3[1] * s3[1], 91, 1e-12));
        CHECK(LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'X', 2, 3, b, 3, s3, NULL, 1, NULL, 1) == -2);
    }
    /* jobz = 'O': m >= n, U (m x n) overwrites A, VT (n x n) in vt, u not referenced */
    {
        const double a0[6] = {1, 2, 3, 4, 5, 6}; /* row-major 3 x 2 */
        double a[6], s[2], vt[4];
        int i, j, l;
        memcpy(a, a0, sizeof a);
        CHECK(LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'O', 3, 2, a, 2, s, NULL, 1, vt, 2) == 0);
        CHECK(s[0] >= s[1] && s[1] > 0);
        for (i = 0; i < 3; i++) /* A = U diag(s) VT */
            for (j = 0; j < 2; j++) {
                double x = 0;
                for (l = 0; l < 2; l++) x += a[i * 2 + l] * s[l] * vt[l * 2 + j];
                CHECK(close_to(x, a0[i * 2 + j], 1e-13));
            }
        CHECK(close_to(a[0] * a[1] + a[2] * a[3] + a[4] * a[5], 0, 1e-14)); /* U's columns orthonormal */
        CHECK(close_to(a[0] * a[0] + a[2] * a[2] + a[4] * a[4], 1, 1e-14));
        CHECK(LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'O', 3, 2, a, 2, s, NULL, 0, vt, 2) == -9);
        CHECK(LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'O', 3, 2, a, 2, s, NULL, 1, vt, 1) == -11);
        CHECK(LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'O', 3, 2, a, 2, s, NULL, 1, NULL, 2) == -10);
    }
    /* jobz = 'O': m < n, U (m x m) in u, VT's first m rows overwrite A, vt not referenced */
    {
        const double a0[6] = {1, 4, 2, 5, 3, 6}; /* column-major 2 x 3 */
        double a[6], s[2], u[4];
        int i, j, l;
        memcpy(a, a0, sizeof a);
        CHECK(LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'o', 2, 3, a, 2, s, u, 2, NULL, 1) == 0);
        for (i = 0; i < 2; i++)
            for (j = 0; j < 3; j++) {
                double x = 0;
                for (l = 0; l < 2; l++) x += u[l * 2 + i] * s[l] * a[j * 2 + l];
                CHECK(close_to(x, a0[j * 2 + i], 1e-13));
            }
        CHECK(close_to(a[0] * a[1] + a[2] * a[3] + a[4] * a[5], 0, 1e-14)); /* VT's rows orthonormal */
        CHECK(LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'O', 2, 3, a, 2, s, u, 1, NULL, 1) == -9);
        CHECK(LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'O', 2, 3, a, 2, s, NULL, 2, NULL, 1) == -8);
        /* complex, row-major, m >= n */
        double z[8] = {1, 1, 0, 0, 0, 0, 2, 0}; /* [[1+i, 0], [0, 2]] */
        double zs[2], zvt[8];
        CHECK(LAPACKE_zgesdd(LAPACK_ROW_MAJOR, 'O', 2, 2, (lapack_complex_double *)z, 2, zs, NULL, 1,
                             (lapack_complex_double *)zvt, 2) == 0);
        CHECK(close_to(zs[0], 2, 1e-14) && close_to(zs[1], sqrt(2.0), 1e-14));
    }
    {
        /* rotation: eigenvalues ±i, vectors in the real pair format */
        double g[4] = {0, -1, 1, 0}; /* row-major [[0,-1],[1,0]] */
        const double g0[4] = {0, -1, 1, 0};
        double wr[2], wi[2], vr[4];
        CHECK(LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', 'V', 2, g, 2, wr, wi, NULL, 1, vr, 2) == 0);
        CHECK(close_to(wr[0], 0, 1e-14) && close_to(wi[0], 1, 1e-14) && close_to(wi[1], -1, 1e-14));
        /* A (x + i y) = i (x + i y): A x = -y, A y = x, x = column 0, y = column 1 */
        double x0 = vr[0], x1 = vr[2], y0 = vr[1], y1 = vr[3];
        CHECK(close_to(g0[0] * x0 + g0[1] * x1, -y0, 1e-13) && close_to(g0[2] * x0 + g0[3] * x1, -y1, 1e-13));
        CHECK(close_to(g0[0] * y0 + g0[1] * y1, x0, 1e-13) && close_to(g0[2] * y0 + g0[3] * y1, x1, 1e-13));
        double z[8] = {0, 0, 1, 0, -1, 0, 0, 0}, w[4];
        CHECK(LAPACKE_zgeev(LAPACK_COL_MAJOR, 'N', 'N', 2, (lapack_complex_double *)z, 2,
                            (lapack_complex_double *)w, NULL, 1, NULL, 1) == 0);
        CHECK(close_to(fabs(w[1]), 1, 1e-14) && close_to(w[1], -w[3], 1e-14));
    }
    /* info: layout, dimensions, leading dimensions, singular, NaN */
    {
        double a[4] = {1, 2, 2, 4};
        const double a0[4] = {1, 2, 2, 4};
        lapack_int ipiv[2] = {-5, -5};
        CHECK(LAPACKE_dgetrf(7, 2, 2, a, 2, ipiv) == -1);
        CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, -1, 2, a, 2, ipiv) == -2);
        CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, 2, -1, a, 2, ipiv) == -3);
        CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, 2, 2, a, 1, ipiv) == -5);
        CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, 2, 2, NULL, 2, ipiv) == -4);
        CHECK(memcmp(a, a0, sizeof a) == 0 && ipiv[0] == -5);
        double nan[4] = {NAN, 0, 0, 1};
        CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, 2, 2, nan, 2, ipiv) == -4);
        CHECK(ipiv[0] == -5 && ipiv[1] == -5);
        /* singular, info = 2 (U(2,2) = 0): as LAPACKE, the factors and the
         * pivots are returned. [[1, 2], [4, 8]]: P A = L U with
         * L = [[1, 0], [1/4, 1]], U = [[4, 8], [0, 0]], ipiv = (2, 2). */
        double sr[4] = {1, 2, 4, 8}, sc[4] = {1, 4, 2, 8};
        CHECK(LAPACKE_dgetrf(LAPACK_ROW_MAJOR, 2, 2, sr, 2, ipiv) == 2);
        CHECK(ipiv[0] == 2 && ipiv[1] == 2);
        CHECK(sr[0] == 4 && sr[1] == 8 && sr[2] == 0.25 && sr[3] == 0);
        ipiv[0] = ipiv[1] = -5;
        CHECK(LAPACKE_dgetrf(LAPACK_COL_MAJOR, 2, 2, sc, 2, ipiv) == 2);
        CHECK(ipiv[0] == 2 && ipiv[1] == 2);
        CHECK(sc[0] == 4 && sc[1] == 0.25 && sc[2] == 8 && sc[3] == 0);
        double b[2] = {1, 1};
        double s2[4] = {1, 4, 2, 8};
        ipiv[0] = ipiv[1] = -5;
        CHECK(LAPACKE_dgesv(LAPACK_COL_MAJOR, 2, 1, s2, 2, ipiv, b, 2) == 2);
        CHECK(b[0] == 1 && b[1] == 1); /* b untouched, as LAPACK's gesv */
        CHECK(ipiv[0] == 2 && ipiv[1] == 2);
        CHECK(s2[0] == 4 && s2[1] == 0.25 && s2[2] == 8 && s2[3] == 0);
        float fs[4] = {1, 2, 4, 8}, fb[2] = {3, 3};
        ipiv[0] = ipiv[1] = -5;
        CHECK(LAPACKE_sgesv(LAPACK_ROW_MAJOR, 2, 1, fs, 2, ipiv, fb, 1) == 2);
        CHECK(fb[0] == 3 && fb[1] == 3 && ipiv[0] == 2 && fs[2] == 0.25f);
        double zs[8] = {1, 0, 4, 0, 2, 0, 8, 0}; /* complex, column-major */
        ipiv[0] = ipiv[1] = -5;
        CHECK(LAPACKE_zgetrf(LAPACK_COL_MAJOR, 2, 2, (lapack_complex_double *)zs, 2, ipiv) == 2);
        CHECK(ipiv[0] == 2 && ipiv[1] == 2 && zs[0] == 4 && zs[2] == 0.25 && zs[6] == 0);
        CHECK(LAPACKE_sgesv(LAPACK_COL_MAJOR, 2, 1, NULL, 2, ipiv, NULL, 2) == -4);
    }
    {
        float a[4] = {4, 6, 3, 3}, b[2] = {10, 12};
        lapack_int ipiv[2];
        CHECK(LAPACKE_sgesv(LAPACK_COL_MAJOR, 2, 1, a, 2, ipiv, b, 2) == 0);
        CHECK(close_to(b[0], 1, 1e-5) && close_to(b[1], 2, 1e-5));
        double za[8] = {4, 0, 6, 0, 3, 0, 3, 0}, zb[4] = {10, 0, 12, 0};
        CHECK(LAPACKE_zgesv(LAPACK_COL_MAJOR, 2, 1, (lapack_complex_double *)za, 2, ipiv,
                            (lapack_complex_double *)zb, 2) == 0);
        CHECK(close_to(zb[0], 1, 1e-14) && close_to(zb[2], 2, 1e-14) && close_to(zb[1], 0, 1e-14));
    }
    return finish("lapacke");
}
