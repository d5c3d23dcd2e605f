/* Fuzz driver of the C exports: random calls with random dimensions
 * (negative, zero, small, huge), leading dimensions, increments (zero,
 * negative, huge), flags out of range, NULL pointers and aliased outputs.
 * Buffers are malloc'd at their exact size, so AddressSanitizer sees any
 * access outside them. A call whose arguments are well formed but would
 * reach past the buffers is not made (that would be the caller's bug, which
 * no library can detect). Every failing call must leave every buffer as it
 * was. Usage: fuzz SEED CALLS. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linmux.h"
#include "linmux/cblas.h"
#include "linmux/lapacke.h"

#define LEN 192
static double *A, *B, *C, *SA, *SB, *SC;
static uint64_t rng;
static long made = 0, failed = 0, violations = 0;
static int xerbla_calls = 0;

void cblas_xerbla(CBLAS_INT p, const char *rout, const char *form, ...) {
    (void)p;
    (void)rout;
    (void)form;
    xerbla_calls++;
}

static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static int pick(int n) { return (int)(next() % (uint64_t)n); }

static int64_t dim64(void) {
    static const int64_t d[] = {-2, -1, 0, 1, 2, 3, 4, 5, 7, 9, INT64_MAX / 4, INT64_MIN};
    return d[pick(12)];
}
static int64_t ld64(void) {
    static const int64_t d[] = {-1, 0, 1, 2, 3, 5, 8, 10, INT64_MAX / 2};
    return d[pick(9)];
}
static int64_t inc64(void) {
    static const int64_t d[] = {-3, -1, 0, 1, 1, 2, INT64_MAX / 3};
    return d[pick(7)];
}
static int32_t dim32(void) {
    static const int32_t d[] = {-2, -1, 0, 1, 2, 3, 4, 5, 7, 9, INT32_MAX};
    return d[pick(11)];
}
static int32_t ld32(void) {
    static const int32_t d[] = {-1, 0, 1, 2, 3, 5, 8, 10, INT32_MAX};
    return d[pick(9)];
}
static int32_t flag(int base, int n) { return pick(8) == 0 ? pick(300) - 10 : base + pick(n); }
static int32_t layout(void) { return pick(10) == 0 ? pick(200) : 101 + pick(2); }

/* Elements a matrix argument reaches; a huge value when it overflows. */
static double ext(double rows, double cols, double ld, int row_major) {
    if (rows <= 0 || cols <= 0) return 0;
    return row_major == 101 ? (rows - 1) * ld + cols : (cols - 1) * ld + rows;
}
static double vext(double n, double inc) {
    if (n <= 0) return 0;
    return (n - 1) * (inc < 0 ? -inc : inc) + 1;
}
static double *ptr(double *base, double need) {
    if (pick(10) == 0) return NULL;
    if (need > LEN) return base; /* only reached when the call is malformed */
    return base + pick((int)(LEN - need) + 1);
}
static int fits(double need) { return need <= LEN; }
/* As ptr, within the first `size` elements of `base`. */
static double *ptr_in(double *base, int size, double need) {
    if (pick(10) == 0) return NULL;
    if (need > size) return base;
    return base + pick((int)(size - need) + 1);
}
static double max1(double v) { return v > 1 ? v : 1; }

static void snapshot(void) {
    memcpy(SA, A, LEN * sizeof *A);
    memcpy(SB, B, LEN * sizeof *B);
    memcpy(SC, C, LEN * sizeof *C);
}
static void untouched(const char *what) {
    if (memcmp(SA, A, LEN * sizeof *A) || memcmp(SB, B, LEN * sizeof *B) || memcmp(SC, C, LEN * sizeof *C)) {
        violations++;
        if (violations < 10) fprintf(stderr, "output written on error: %s\n", what);
    }
}
static void refill(void) {
    int i;
    for (i = 0; i < LEN; i++) {
        A[i] = (double)((int)(next() % 17) - 8) / 4.0;
        B[i] = (double)((int)(next() % 17) - 8) / 4.0;
        C[i] = (double)((int)(next() % 17) - 8) / 4.0;
    }
    A[pick(LEN)] += 8; /* usually well conditioned enough */
}

/* One random call; returns 0 if it was skipped. */
static int one(void) {
    int which = pick(15);
    int lay = layout();
    switch (which) {
    case 0: { /* linmux_dgemm */
        int32_t ta = flag(111, 3), tb = flag(111, 3);
        int64_t ar = dim64(), ac = dim64(), br = dim64(), bc = dim64(), cr = dim64(), cc = dim64();
        int64_t lda = ld64(), ldb = ld64(), ldc = ld64();
        double ea = ext((double)ar, (double)ac, (double)lda, lay), eb = ext((double)br, (double)bc, (double)ldb, lay),
               ec = ext((double)cr, (double)cc, (double)ldc, lay);
        double *a = ptr(A, ea), *b = ptr(B, eb), *c = pick(8) == 0 ? a : ptr(C, ec);
        /* Well formed means the library must accept the extents: only then must they fit. */
        int wf = ar >= 0 && ac >= 0 && br >= 0 && bc >= 0 && cr >= 0 && cc >= 0 && (lay == 101 || lay == 102);
        if (wf && (!fits(ea) || !fits(eb) || !fits(ec))) return 0;
        snapshot();
        if (linmux_dgemm(NULL, lay, ta, tb, 0.5, a, ar, ac, lda, b, br, bc, ldb, 0.25, c, cr, cc, ldc) != LINMUX_STATUS_OK) {
            failed++;
            untouched("linmux_dgemm");
        }
        return 1;
    }
    case 1: { /* linmux_daxpy */
        int64_t n1 = dim64(), n2 = pick(2) ? n1 : dim64(), ix = inc64(), iy = inc64();
        double ex = vext((double)n1, (double)ix), ey = vext((double)n2, (double)iy);
        double *x = ptr(A, ex), *y = pick(8) == 0 ? x : ptr(B, ey);
        int wf = n1 >= 0 && n2 >= 0 && ix != 0 && iy != 0;
        if (wf && (!fits(ex) || !fits(ey))) return 0;
        snapshot();
        if (linmux_daxpy(NULL, 2.0, x, n1, ix, y, n2, iy) != LINMUX_STATUS_OK) {
            failed++;
            untouched("linmux_daxpy");
        }
        return 1;
    }
    case 2: { /* linmux_dgetrf */
        int64_t m = dim64(), n = dim64(), lda = ld64(), np = pick(2) ? (m < n ? m : n) : dim64();
        double ea = ext((double)m, (double)n, (double)lda, lay);
        double *a = ptr(A, ea);
        int64_t *ipiv = pick(10) == 0 ? NULL : (int64_t *)(void *)B;
        int wf = m >= 0 && n >= 0 && np >= 0 && (lay == 101 || lay == 102);
        if (wf && (!fits(ea) || np > LEN)) return 0;
        snapshot();
        if (linmux_dgetrf(NULL, lay, a, m, n, lda, ipiv, np) != LINMUX_STATUS_OK) {
            failed++;
            /* A failed factorization may leave a factorized; ipiv must not change */
            if (memcmp(SB, B, LEN * sizeof *B)) violations++;
        }
        return 1;
    }
    case 3: { /* linmux_dsolve */
        int64_t n = dim64(), nrhs = dim64(), lda = ld64(), ldb = ld64(), ldx = ld64();
        double ea = ext((double)n, (double)n, (double)lda, lay), eb = ext((double)n, (double)nrhs, (double)ldb, lay),
               ex = ext((double)n, (double)nrhs, (double)ldx, lay);
        double *a = ptr(A, ea), *b = ptr(B, eb), *x = pick(8) == 0 ? b : ptr(C, ex);
        int wf = n >= 0 && nrhs >= 0 && (lay == 101 || lay == 102);
        if (wf && (!fits(ea) || !fits(eb) || !fits(ex))) return 0;
        snapshot();
        if (linmux_dsolve(NULL, lay, n, nrhs, a, lda, b, ldb, x, ldx) != LINMUX_STATUS_OK) {
            failed++;
            untouched("linmux_dsolve");
        }
        return 1;
    }
    case 4: { /* cblas_dgemm */
        int32_t ta = flag(111, 3), tb = flag(111, 3), m = dim32(), n = dim32(), k = dim32();
        int32_t lda = ld32(), ldb = ld32(), ldc = ld32();
        int na = ta == 111, nb = tb == 111;
        double ar = na ? m : k, ac = na ? k : m, br = nb ? k : n, bc = nb ? n : k;
        double ea = ext(ar, ac, lda, lay), eb = ext(br, bc, ldb, lay), ec = ext(m, n, ldc, lay);
        double *a = ptr(A, ea), *b = ptr(B, eb), *c = ptr(C, ec);
        int before = xerbla_calls;
        int rm = lay == 101;
        int wf = (lay == 101 || lay == 102) && ta >= 111 && ta <= 113 && tb >= 111 && tb <= 113 && m >= 0 &&
                 n >= 0 && k >= 0 && lda >= (rm ? (ac > 1 ? ac : 1) : (ar > 1 ? ar : 1)) &&
                 ldb >= (rm ? (bc > 1 ? bc : 1) : (br > 1 ? br : 1)) && ldc >= (rm ? (n > 1 ? n : 1) : (m > 1 ? m : 1));
        if (wf && (!fits(ea) || !fits(eb) || !fits(ec))) return 0;
        snapshot();
        cblas_dgemm((CBLAS_LAYOUT)lay, (CBLAS_TRANSPOSE)ta, (CBLAS_TRANSPOSE)tb, m, n, k, 1.0, a, lda, b, ldb, 0.5, c, ldc);
        if (xerbla_calls != before) {
            failed++;
            untouched("cblas_dgemm");
        }
        return 1;
    }
    case 5: { /* cblas_dgemv */
        int32_t ta = flag(111, 3), m = dim32(), n = dim32(), lda = ld32(), ix = (int32_t)inc64(), iy = (int32_t)inc64();
        double lx = ta == 111 ? n : m, ly = ta == 111 ? m : n;
        double ea = ext(m, n, lda, lay), ex = vext(lx, ix), ey = vext(ly, iy);
        double *a = ptr(A, ea), *x = ptr(B, ex), *y = ptr(C, ey);
        int before = xerbla_calls;
        int wf = (lay == 101 || lay == 102) && ta >= 111 && ta <= 113 && m >= 0 && n >= 0 &&
                 lda >= (lay == 101 ? (n > 1 ? n : 1) : (m > 1 ? m : 1)) && ix != 0 && iy != 0;
        if (wf && (!fits(ea) || !fits(ex) || !fits(ey))) return 0;
        snapshot();
        cblas_dgemv((CBLAS_LAYOUT)lay, (CBLAS_TRANSPOSE)ta, m, n, 1.0, a, lda, x, ix, 0.0, y, iy);
        if (xerbla_calls != before) {
            failed++;
            untouched("cblas_dgemv");
        }
        return 1;
    }
    case 6: { /* cblas_dtrsm */
        int32_t side = flag(141, 2), uplo = flag(121, 2), ta = flag(111, 3), dg = flag(131, 2);
        int32_t m = dim32(), n = dim32(), lda = ld32(), ldb = ld32();
        double ka = side == 141 ? m : n;
        double ea = ext(ka, ka, lda, lay), eb = ext(m, n, ldb, lay);
        double *a = ptr(A, ea), *b = ptr(B, eb);
        int before = xerbla_calls;
        int wf = (lay == 101 || lay == 102) && side >= 141 && side <= 142 && uplo >= 121 && uplo <= 122 &&
                 ta >= 111 && ta <= 113 && dg >= 131 && dg <= 132 && m >= 0 && n >= 0 && lda >= (ka > 1 ? ka : 1) &&
                 ldb >= (lay == 101 ? (n > 1 ? n : 1) : (m > 1 ? m : 1));
        if (wf && (!fits(ea) || !fits(eb))) return 0;
        snapshot();
        cblas_dtrsm((CBLAS_LAYOUT)lay, (CBLAS_SIDE)side, (CBLAS_UPLO)uplo, (CBLAS_TRANSPOSE)ta, (CBLAS_DIAG)dg, m, n,
                    1.0, a, lda, b, ldb);
        if (xerbla_calls != before) {
            failed++;
            untouched("cblas_dtrsm");
        }
        return 1;
    }
    case 7: { /* LAPACKE_dgesv */
        int32_t n = dim32(), nrhs = dim32(), lda = ld32(), ldb = ld32();
        double ea = ext(n, n, lda, lay), eb = ext(n, nrhs, ldb, lay);
        double *a = ptr(A, ea), *b = ptr(B, eb);
        lapack_int *ipiv = pick(10) == 0 ? NULL : (lapack_int *)(void *)C;
        int wf = (lay == 101 || lay == 102) && n >= 0 && nrhs >= 0 && lda >= (n > 1 ? n : 1) &&
                 ldb >= (lay == 101 ? (nrhs > 1 ? nrhs : 1) : (n > 1 ? n : 1));
        if (wf && (!fits(ea) || !fits(eb) || n > LEN)) return 0;
        snapshot();
        if (LAPACKE_dgesv(lay, n, nrhs, a, lda, ipiv, b, ldb) < 0) {
            failed++;
            untouched("LAPACKE_dgesv");
        }
        return 1;
    }
    case 8: { /* cblas_dsyrk */
        int32_t uplo = flag(121, 2), tr = flag(111, 3), n = dim32(), k = dim32(), lda = ld32(), ldc = ld32();
        double ar = tr == 111 ? n : k, ac = tr == 111 ? k : n;
        double ea = ext(ar, ac, lda, lay), ec = ext(n, n, ldc, lay);
        double *a = ptr(A, ea), *c = ptr(C, ec);
        int before = xerbla_calls, rm = lay == 101;
        int wf = (lay == 101 || lay == 102) && uplo >= 121 && uplo <= 122 && tr >= 111 && tr <= 113 && n >= 0 &&
                 k >= 0 && lda >= max1(rm ? ac : ar) && ldc >= max1(n);
        if (wf && (!fits(ea) || !fits(ec))) return 0;
        snapshot();
        cblas_dsyrk((CBLAS_LAYOUT)lay, (CBLAS_UPLO)uplo, (CBLAS_TRANSPOSE)tr, n, k, 0.5, a, lda, 0.25, c, ldc);
        if (xerbla_calls != before) {
            failed++;
            untouched("cblas_dsyrk");
        }
        return 1;
    }
    case 9: { /* cblas_dger */
        int32_t m = dim32(), n = dim32(), ix = (int32_t)inc64(), iy = (int32_t)inc64(), lda = ld32();
        double ex = vext(m, ix), ey = vext(n, iy), ea = ext(m, n, lda, lay);
        double *x = ptr(A, ex), *y = ptr(B, ey), *a = ptr(C, ea);
        int before = xerbla_calls;
        int wf = (lay == 101 || lay == 102) && m >= 0 && n >= 0 && ix != 0 && iy != 0 &&
                 lda >= max1(lay == 101 ? n : m);
        if (wf && (!fits(ex) || !fits(ey) || !fits(ea))) return 0;
        snapshot();
        cblas_dger((CBLAS_LAYOUT)lay, m, n, 2.0, x, ix, y, iy, a, lda);
        if (xerbla_calls != before) {
            failed++;
            untouched("cblas_dger");
        }
        return 1;
    }
    case 10: { /* LAPACKE_dgesdd, every jobz ('O' overwrites a with U or VT) */
        static const char jobs[] = "NSAOXn";
        char jobz = jobs[pick(6)];
        int32_t m = dim32(), n = dim32(), lda = ld32(), ldu = ld32(), ldvt = ld32();
        double k = m < n ? m : n, ur = 0, uc = 0, vr = 0, vc = 0;
        int rm = lay == 101, uses_u = 0, uses_vt = 0;
        if (jobz == 'S') { ur = m; uc = k; vr = k; vc = n; uses_u = uses_vt = 1; }
        if (jobz == 'A') { ur = m; uc = m; vr = n; vc = n; uses_u = uses_vt = 1; }
        if (jobz == 'O' && m >= n) { vr = n; vc = n; uses_vt = 1; }
        if (jobz == 'O' && m < n) { ur = m; uc = m; uses_u = 1; }
        double ea = ext(m, n, lda, lay), eu = ext(ur, uc, ldu, lay), ev = ext(vr, vc, ldvt, lay);
        /* s in B's first half, vt in its second: disjoint, as LAPACKE requires */
        double *a = ptr(A, ea), *s = ptr_in(B, LEN / 2, k > 0 ? k : 0), *u = ptr(C, eu), *vt = ptr_in(B + LEN / 2, LEN / 2, ev);
        int wf = (lay == 101 || lay == 102) && jobz != 'X' && m >= 0 && n >= 0 && lda >= max1(rm ? n : m) &&
                 ldu >= (uses_u ? max1(rm ? uc : ur) : 1) && ldvt >= (uses_vt ? max1(rm ? vc : vr) : 1);
        if (wf && (!fits(ea) || k > LEN / 2 || !fits(eu) || ev > LEN / 2)) return 0;
        snapshot();
        if (LAPACKE_dgesdd(lay, jobz, m, n, a, lda, s, u, ldu, vt, ldvt) < 0) {
            failed++;
            untouched("LAPACKE_dgesdd");
        }
        return 1;
    }
    case 11: { /* linmux_fft_fft_f64 (complex values: pairs of doubles) */
        int32_t norm = flag(221, 3);
        int64_t n = dim64(), ix = inc64(), io = inc64();
        double ex = 2 * vext((double)n, (double)ix), eo = 2 * vext((double)n, (double)io);
        double *x = ptr(A, ex), *out = pick(8) == 0 ? x : ptr(C, eo);
        int wf = n >= 0 && ix != 0 && io != 0;
        if (wf && (!fits(ex) || !fits(eo))) return 0;
        snapshot();
        if (linmux_fft_fft_f64(norm, (const linmux_complex_double *)(void *)x, n, ix, (linmux_complex_double *)(void *)out,
                               io) != LINMUX_STATUS_OK) {
            failed++;
            untouched("linmux_fft_fft_f64");
        }
        return 1;
    }
    case 12: { /* linmux_fft_rfft2_f64 */
        int32_t norm = flag(221, 3);
        int64_t rows = dim64(), cols = dim64(), lda = ld64(), ldo = ld64();
        double half = cols >= 0 ? (double)(cols / 2 + 1) : 0;
        double ea = ext((double)rows, (double)cols, (double)lda, lay), eo = 2 * ext((double)rows, half, (double)ldo, lay);
        double *a = ptr(A, ea), *out = ptr(C, eo);
        int rm = lay == 101;
        int wf = (lay == 101 || lay == 102) && rows >= 0 && cols >= 0 && lda >= (rm ? (cols > 1 ? cols : 1) : (rows > 1 ? rows : 1)) &&
                 ldo >= (rm ? (half > 1 ? (int64_t)half : 1) : (rows > 1 ? rows : 1));
        if (wf && (!fits(ea) || !fits(eo))) return 0;
        snapshot();
        if (linmux_fft_rfft2_f64(lay, norm, a, rows, cols, lda, (linmux_complex_double *)(void *)out, ldo) != LINMUX_STATUS_OK) {
            failed++;
            untouched("linmux_fft_rfft2_f64");
        }
        return 1;
    }
    case 13: { /* LAPACKE_dgetrf: info < 0 leaves everything; info > 0 returns the factors and pivots */
        int32_t m = dim32(), n = dim32(), lda = ld32();
        double k = m < n ? m : n;
        double ea = ext(m, n, lda, lay);
        double *a = ptr(A, ea);
        lapack_int *ipiv = pick(10) == 0 ? NULL : (lapack_int *)(void *)C;
        int wf = (lay == 101 || lay == 102) && m >= 0 && n >= 0 && lda >= max1(lay == 101 ? n : m);
        if (wf && (!fits(ea) || k > LEN)) return 0;
        snapshot();
        if (LAPACKE_dgetrf(lay, m, n, a, lda, ipiv) < 0) {
            failed++;
            untouched("LAPACKE_dgetrf");
        }
        return 1;
    }
    default: { /* linmux_ddot with a NULL result or engine-less calls */
        int64_t n = dim64(), ix = inc64();
        double e = vext((double)n, (double)ix);
        double *x = ptr(A, e), r = 0;
        int wf = n >= 0 && ix != 0;
        if (wf && !fits(e)) return 0;
        snapshot();
        if (linmux_ddot(NULL, x, n, ix, x, n, ix, pick(8) ? &r : NULL) != LINMUX_STATUS_OK) {
            failed++;
            untouched("linmux_ddot");
        }
        return 1;
    }
    }
}

int main(int argc, char **argv) {
    long calls = argc > 2 ? atol(argv[2]) : 100000, i;
    rng = argc > 1 ? strtoull(argv[1], NULL, 10) * 2654435761u + 1 : 88172645463325252ull;
    A = malloc(LEN * sizeof *A);
    B = malloc(LEN * sizeof *B);
    C = malloc(LEN * sizeof *C);
    SA = malloc(LEN * sizeof *A);
    SB = malloc(LEN * sizeof *B);
    SC = malloc(LEN * sizeof *C);
    if (!A || !B || !C || !SA || !SB || !SC) return 3;
    for (i = 0; made < calls; i++) {
        if (i % 64 == 0) refill();
        made += one();
    }
    printf("fuzz: %ld calls made, %ld failed as expected, %d cblas_xerbla reports, %ld outputs written on error\n",
           made, failed, xerbla_calls, violations);
    free(A); free(B); free(C); free(SA); free(SB); free(SC);
    return violations == 0 ? 0 : 1;
}
