/* The FFT exports from C99: known transforms (NumPy's values), the three
 * norms, round trips, strides and both layouts, f32 and f64; every error
 * status, with the output untouched on error. */
#include <string.h>

#include "linmux.h"
#include "check.h"

typedef linmux_complex_double cd;
typedef linmux_complex_float cf;

static int near(cd z, double re, double im, double tol) { return close_to(z.re, re, tol) && close_to(z.im, im, tol); }

static void one_dimensional(void) {
    const cd x[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
    cd y[4], back[4];
    /* numpy.fft.fft([1, 2, 3, 4]) = [10, -2+2j, -2, -2-2j] */
    CHECK_OK(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, 4, 1, y, 1));
    CHECK(near(y[0], 10, 0, 1e-14) && near(y[1], -2, 2, 1e-14) && near(y[2], -2, 0, 1e-14) && near(y[3], -2, -2, 1e-14));
    CHECK_OK(linmux_fft_ifft_f64(LINMUX_FFT_BACKWARD, y, 4, 1, back, 1));
    CHECK(near(back[0], 1, 0, 1e-14) && near(back[3], 4, 0, 1e-14));
    /* norms: forward divides the forward transform by n, ortho by sqrt(n) */
    CHECK_OK(linmux_fft_fft_f64(LINMUX_FFT_FORWARD, x, 4, 1, y, 1));
    CHECK(near(y[0], 2.5, 0, 1e-14) && near(y[1], -0.5, 0.5, 1e-14));
    CHECK_OK(linmux_fft_ifft_f64(LINMUX_FFT_FORWARD, y, 4, 1, back, 1));
    CHECK(near(back[1], 2, 0, 1e-14));
    CHECK_OK(linmux_fft_fft_f64(LINMUX_FFT_ORTHO, x, 4, 1, y, 1));
    CHECK(near(y[0], 5, 0, 1e-14) && near(y[1], -1, 1, 1e-14));
    CHECK_OK(linmux_fft_ifft_f64(LINMUX_FFT_ORTHO, y, 4, 1, back, 1));
    CHECK(near(back[2], 3, 0, 1e-14));
    /* a negative increment walks backwards: fft of (4, 3, 2, 1), written backwards */
    CHECK_OK(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, 4, -1, y, -1));
    /* fft([4,3,2,1]) = [10, 2-2j, 2, 2+2j]; stored reversed */
    CHECK(near(y[3], 10, 0, 1e-14) && near(y[2], 2, -2, 1e-14) && near(y[1], 2, 0, 1e-14) && near(y[0], 2, 2, 1e-14));
    {
        /* stride 2 over interleaved data */
        const cd xs[6] = {{1, 0}, {99, 99}, {0, 1}, {99, 99}, {-1, 0}, {99, 99}};
        cd ys[3];
        CHECK_OK(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, xs, 3, 2, ys, 1));
        /* fft([1, i, -1]) at k = 0: i */
        CHECK(near(ys[0], 0, 1, 1e-14));
    }
    {
        const double r[4] = {1, 2, 3, 4};
        double rb[4], r5[5];
        cd h[3];
        CHECK_OK(linmux_fft_rfft_f64(LINMUX_FFT_BACKWARD, r, 4, 1, h, 1));
        CHECK(near(h[0], 10, 0, 1e-14) && near(h[1], -2, 2, 1e-14) && near(h[2], -2, 0, 1e-14));
        CHECK_OK(linmux_fft_irfft_f64(LINMUX_FFT_BACKWARD, h, 3, 1, rb, 4, 1));
        CHECK(close_to(rb[0], 1, 1e-14) && close_to(rb[3], 4, 1e-14));
        /* odd n = 5 from 3 values: numpy.fft.irfft([10, -2+2j, -2], 5) */
        CHECK_OK(linmux_fft_irfft_f64(LINMUX_FFT_BACKWARD, h, 3, 1, r5, 5, 1));
        {
            /* its sum is n * mean = X[0] = 10 */
            double s = r5[0] + r5[1] + r5[2] + r5[3] + r5[4];
            CHECK(close_to(s, 10, 1e-13));
        }
    }
    {
        const cf xf[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
        cf yf[4];
        float rf[4] = {1, 2, 3, 4};
        cf hf[3];
        CHECK_OK(linmux_fft_fft_f32(LINMUX_FFT_BACKWARD, xf, 4, 1, yf, 1));
        CHECK(close_to(yf[0].re, 10, 1e-6) && close_to(yf[1].im, 2, 1e-6));
        CHECK_STATUS(linmux_fft_ifft_f32(LINMUX_FFT_BACKWARD, yf, 4, 1, yf, 1), LINMUX_STATUS_ALIASING);
        CHECK_OK(linmux_fft_rfft_f32(LINMUX_FFT_ORTHO, rf, 4, 1, hf, 1));
        CHECK(close_to(hf[0].re, 5, 1e-6));
        CHECK_OK(linmux_fft_irfft_f32(LINMUX_FFT_ORTHO, hf, 3, 1, rf, 4, 1));
        CHECK(close_to(rf[3], 4, 1e-6));
    }
}

static void two_dimensional(void) {
    /* numpy.fft.fft2([[1, 2], [3, 4]]) = [[10, -2], [-4, 0]] */
    const cd a_row[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
    const cd a_col[4] = {{1, 0}, {3, 0}, {2, 0}, {4, 0}};
    cd out[4], back[4];
    CHECK_OK(linmux_fft_fft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, a_row, 2, 2, 2, out, 2));
    CHECK(near(out[0], 10, 0, 1e-14) && near(out[1], -2, 0, 1e-14) && near(out[2], -4, 0, 1e-14) && near(out[3], 0, 0, 1e-14));
    CHECK_OK(linmux_fft_fft2_f64(LINMUX_COL_MAJOR, LINMUX_FFT_BACKWARD, a_col, 2, 2, 2, out, 2));
    CHECK(near(out[0], 10, 0, 1e-14) && near(out[1], -4, 0, 1e-14) && near(out[2], -2, 0, 1e-14));
    CHECK_OK(linmux_fft_ifft2_f64(LINMUX_COL_MAJOR, LINMUX_FFT_BACKWARD, out, 2, 2, 2, back, 2));
    CHECK(near(back[1], 3, 0, 1e-14) && near(back[2], 2, 0, 1e-14));
    {
        /* a padded leading dimension: 2 x 2 in a 2 x 3 row-major block */
        const cd pad[6] = {{1, 0}, {2, 0}, {77, 77}, {3, 0}, {4, 0}, {77, 77}};
        CHECK_OK(linmux_fft_fft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_ORTHO, pad, 2, 2, 3, out, 2));
        CHECK(near(out[0], 5, 0, 1e-14) && near(out[2], -2, 0, 1e-14));
    }
    {
        /* rfft2 of a 2 x 4 real matrix: 2 x 3; irfft2 back to 2 x 4 */
        const double r[8] = {1, 2, 3, 4, 0, 1, 0, 1};
        double rb[8];
        cd h[6];
        CHECK_OK(linmux_fft_rfft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, r, 2, 4, 4, h, 3));
        /* DC term: the sum, 12; row 1, col 0: sum(row 0) - sum(row 1) = 8 */
        CHECK(near(h[0], 12, 0, 1e-14) && near(h[3], 8, 0, 1e-14));
        CHECK_OK(linmux_fft_irfft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, h, 2, 3, 3, rb, 4, 4));
        CHECK(close_to(rb[1], 2, 1e-14) && close_to(rb[7], 1, 1e-14) && close_to(rb[4], 0, 1e-14));
        float rf[8] = {1, 2, 3, 4, 0, 1, 0, 1}, rfb[8];
        cf hf[8];
        CHECK_OK(linmux_fft_rfft2_f32(LINMUX_COL_MAJOR, LINMUX_FFT_FORWARD, rf, 4, 2, 4, hf, 4));
        CHECK(close_to(hf[0].re, 1.5, 1e-6));
        CHECK_OK(linmux_fft_irfft2_f32(LINMUX_COL_MAJOR, LINMUX_FFT_FORWARD, hf, 4, 2, 4, rfb, 2, 4));
        CHECK(close_to(rfb[0], 1, 1e-6) && close_to(rfb[6], 0, 1e-6));
    }
}

static void errors(void) {
    const cd x[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
    cd y[4] = {{-1, -1}, {-1, -1}, {-1, -1}, {-1, -1}};
    cd same[4];
    const cd sentinel[4] = {{-1, -1}, {-1, -1}, {-1, -1}, {-1, -1}};
    double r[4] = {1, 2, 3, 4};
    memcpy(same, x, sizeof same);
    CHECK_STATUS(linmux_fft_fft_f64(7, x, 4, 1, y, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(linmux_last_error_message(), "norm") != NULL);
    CHECK_STATUS(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, NULL, 4, 1, y, 1), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, 4, 1, NULL, 1), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, 0, 1, y, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, -1, 1, y, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, 4, 0, y, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, 4, 1, y, 0), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft_f64(LINMUX_FFT_BACKWARD, x, INT64_MAX, 1, y, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_ifft_f64(LINMUX_FFT_BACKWARD, same, 4, 1, same, 1), LINMUX_STATUS_ALIASING);
    CHECK_STATUS(linmux_fft_ifft_f64(LINMUX_FFT_BACKWARD, same, 3, 1, same + 1, 1), LINMUX_STATUS_ALIASING);
    CHECK(memcmp(same, x, sizeof same) == 0);
    CHECK_STATUS(linmux_fft_rfft_f64(LINMUX_FFT_BACKWARD, r, 4, 1, y, 0), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_irfft_f64(LINMUX_FFT_BACKWARD, x, 3, 1, r, 0, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_irfft_f64(LINMUX_FFT_BACKWARD, x, 3, 1, r, -4, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft2_f64(3, LINMUX_FFT_BACKWARD, x, 2, 2, 2, y, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, x, 2, 2, 1, y, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, x, 2, 2, 2, y, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, x, 0, 2, 2, y, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_fft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, NULL, 2, 2, 2, y, 2), LINMUX_STATUS_NULL_POINTER);
    CHECK_STATUS(linmux_fft_rfft2_f64(LINMUX_ROW_MAJOR, 0, r, 2, 2, 2, y, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_rfft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, r, 2, 2, 2, y, 1), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_irfft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, x, 2, 2, 2, r, 0, 2), LINMUX_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(linmux_fft_irfft2_f64(LINMUX_ROW_MAJOR, LINMUX_FFT_BACKWARD, x, 2, 2, 2, NULL, 2, 2), LINMUX_STATUS_NULL_POINTER);
    CHECK(memcmp(y, sentinel, sizeof y) == 0);
    CHECK(r[0] == 1 && r[3] == 4);
}

int main(void) {
    char name[64];
    CHECK_OK(linmux_fft_provider_name(name, sizeof name, NULL));
    printf("fft provider: %s\n", name);
    one_dimensional();
    two_dimensional();
    errors();
    return finish("fft");
}
