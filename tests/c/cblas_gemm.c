/* cblas_?gemm from C99 against a naive product, on the selected backend:
 * every type (s, d, c, z), both layouts, every pair of transposes, padded
 * leading dimensions, complex α and β, β = 0 over NaN (must not
 * propagate), and sizes on either side of the backends' size policies
 * (so both the pass-through to the vendor's own cblas_?gemm and the
 * engine's path run). The padding of C must stay untouched. */
#include <complex.h>
#include <string.h>

#include "linmux/cblas.h"
#include "check.h"

enum { MAXN = 72, PAD = 3, MAXLD = MAXN + PAD, MAXBUF = MAXLD * MAXN };

static unsigned long long seed = 88172645463325252ULL;

static double uniform(void) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (double)(seed >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

/* Element (r, c) of a matrix stored with leading dimension ld. */
static double complex at(const double complex *x, int ld, int row, int r, int c) {
    return row ? x[r * ld + c] : x[c * ld + r];
}

/* Element (i, j) of op(X). */
static double complex op_at(const double complex *x, int ld, int row, CBLAS_TRANSPOSE t, int i, int j, int cplx) {
    if (t == CblasNoTrans) return at(x, ld, row, i, j);
    if (t == CblasConjTrans && cplx) return conj(at(x, ld, row, j, i));
    return at(x, ld, row, j, i);
}

static double complex a_[MAXBUF], b_[MAXBUF], c_[MAXBUF], want[MAXBUF];
static float fa[2 * MAXBUF], fb[2 * MAXBUF], fc[2 * MAXBUF];
static double da[2 * MAXBUF], db[2 * MAXBUF], dc[2 * MAXBUF];

/* One call of type t ('s', 'd', 'c', 'z'); returns the number of wrong
 * entries (values or padding). */
static int one(char t, int row, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, int beta_zero) {
    const int cplx = t == 'c' || t == 'z', single = t == 's' || t == 'c';
    const CBLAS_LAYOUT layout = row ? CblasRowMajor : CblasColMajor;
    const int ar = ta == CblasNoTrans ? m : k, ac = ta == CblasNoTrans ? k : m;
    const int br = tb == CblasNoTrans ? k : n, bc = tb == CblasNoTrans ? n : k;
    const int lda = (row ? ac : ar) + PAD, ldb = (row ? bc : br) + PAD, ldc = (row ? n : m) + PAD;
    const int na = lda * (row ? ar : ac), nb = ldb * (row ? br : bc), nc = ldc * (row ? m : n);
    const double complex alpha = cplx ? 0.75 - 0.5 * I : 0.75;
    const double complex beta = beta_zero ? 0 : (cplx ? -1.25 + 0.25 * I : -1.25);
    const double tol = (single ? 2e-5 : 1e-13) * (double)k;
    double complex got;
    int i, j, l, bad = 0;

    for (i = 0; i < na; i++) a_[i] = uniform() + (cplx ? uniform() * I : 0);
    for (i = 0; i < nb; i++) b_[i] = uniform() + (cplx ? uniform() * I : 0);
    for (i = 0; i < nc; i++) c_[i] = beta_zero ? NAN : uniform() + (cplx ? uniform() * I : 0);
    if (single) { /* the reference sees the values the call sees */
        for (i = 0; i < na; i++) a_[i] = (float)creal(a_[i]) + (float)cimag(a_[i]) * I;
        for (i = 0; i < nb; i++) b_[i] = (float)creal(b_[i]) + (float)cimag(b_[i]) * I;
        for (i = 0; i < nc; i++) c_[i] = (float)creal(c_[i]) + (float)cimag(c_[i]) * I;
    }
    memcpy(want, c_, sizeof(double complex) * (size_t)nc);
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            double complex s = 0;
            for (l = 0; l < k; l++) s += op_at(a_, lda, row, ta, i, l, cplx) * op_at(b_, ldb, row, tb, l, j, cplx);
            s *= alpha;
            if (!beta_zero) s += beta * at(c_, ldc, row, i, j);
            if (row) want[i * ldc + j] = s;
            else want[j * ldc + i] = s;
        }

    switch (t) {
    case 's':
        for (i = 0; i < na; i++) fa[i] = (float)creal(a_[i]);
        for (i = 0; i < nb; i++) fb[i] = (float)creal(b_[i]);
        for (i = 0; i < nc; i++) fc[i] = (float)creal(c_[i]);
        cblas_sgemm(layout, ta, tb, m, n, k, (float)creal(alpha), fa, lda, fb, ldb, (float)creal(beta), fc, ldc);
        break;
    case 'd':
        for (i = 0; i < na; i++) da[i] = creal(a_[i]);
        for (i = 0; i < nb; i++) db[i] = creal(b_[i]);
        for (i = 0; i < nc; i++) dc[i] = creal(c_[i]);
        cblas_dgemm(layout, ta, tb, m, n, k, creal(alpha), da, lda, db, ldb, creal(beta), dc, ldc);
        break;
    case 'c': {
        const float al[2] = {(float)creal(alpha), (float)cimag(alpha)}, be[2] = {(float)creal(beta), (float)cimag(beta)};
        for (i = 0; i < na; i++) fa[2 * i] = (float)creal(a_[i]), fa[2 * i + 1] = (float)cimag(a_[i]);
        for (i = 0; i < nb; i++) fb[2 * i] = (float)creal(b_[i]), fb[2 * i + 1] = (float)cimag(b_[i]);
        for (i = 0; i < nc; i++) fc[2 * i] = (float)creal(c_[i]), fc[2 * i + 1] = (float)cimag(c_[i]);
        cblas_cgemm(layout, ta, tb, m, n, k, al, fa, lda, fb, ldb, be, fc, ldc);
        break;
    }
    default: {
        const double al[2] = {creal(alpha), cimag(alpha)}, be[2] = {creal(beta), cimag(beta)};
        for (i = 0; i < na; i++) da[2 * i] = creal(a_[i]), da[2 * i + 1] = cimag(a_[i]);
        for (i = 0; i < nb; i++) db[2 * i] = creal(b_[i]), db[2 * i + 1] = cimag(b_[i]);
        for (i = 0; i < nc; i++) dc[2 * i] = creal(c_[i]), dc[2 * i + 1] = cimag(c_[i]);
        cblas_zgemm(layout, ta, tb, m, n, k, al, da, lda, db, ldb, be, dc, ldc);
        break;
    }
    }

    for (i = 0; i < nc; i++) {
        const int inner = i % ldc, in_matrix = inner < (row ? n : m);
        switch (t) {
        case 's': got = fc[i]; break;
        case 'd': got = dc[i]; break;
        case 'c': got = fc[2 * i] + fc[2 * i + 1] * I; break;
        default: got = dc[2 * i] + dc[2 * i + 1] * I; break;
        }
        if (in_matrix ? !(cabs(got - want[i]) <= tol * (1.0 + cabs(want[i])))
                      : memcmp(&got, &want[i], sizeof got) != 0 && !(isnan(creal(got)) && isnan(creal(want[i])))) {
            if (bad < 3)
                fprintf(stderr, "%cgemm %s %c%c m=%d n=%d k=%d%s: element %d (%s) %g%+gi, want %g%+gi\n", t,
                        row ? "row" : "col", "NTC"[ta - CblasNoTrans], "NTC"[tb - CblasNoTrans], m, n, k,
                        beta_zero ? " beta=0 over NaN" : "", i, in_matrix ? "value" : "padding", creal(got),
                        cimag(got), creal(want[i]), cimag(want[i]));
            bad++;
        }
    }
    return bad;
}

int main(void) {
    /* Sizes around the size policies' ranges (MKL's gemm: 24 ≤ n < 48 on
     * one thread) and past them. */
    static const int sizes[][3] = {{3, 2, 4}, {1, 5, 2}, {30, 29, 31}, {47, 24, 40}, {72, 66, 70}};
    static const CBLAS_TRANSPOSE tr[] = {CblasNoTrans, CblasTrans, CblasConjTrans};
    const char *types = "sdcz";
    int s, t, row, x, y;
    (void)close_to; /* check.h's helper; complex moduli are compared here */
    for (t = 0; t < 4; t++)
        for (s = 0; s < (int)(sizeof sizes / sizeof sizes[0]); s++)
            for (row = 0; row < 2; row++)
                for (x = 0; x < 3; x++)
                    for (y = 0; y < 3; y++) {
                        checks++;
                        if (one(types[t], row, tr[x], tr[y], sizes[s][0], sizes[s][1], sizes[s][2], 0)) failures++;
                    }
    /* β = 0 never reads C: NaN there must not come out. */
    for (t = 0; t < 4; t++)
        for (row = 0; row < 2; row++) {
            checks++;
            if (one(types[t], row, CblasTrans, CblasNoTrans, 5, 4, 3, 1)) failures++;
        }
    return finish("cblas_gemm");
}
