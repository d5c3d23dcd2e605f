//! The FFT: `linmux_fft_<transform>_f32` / `_f64`, NumPy's `numpy.fft`
//! transforms (`fft`, `ifft`, `rfft`, `irfft`, `fft2`, `ifft2`, `rfft2`,
//! `irfft2`) on the current FFT provider (`LINMUX_FFT`), through the public
//! `linmux::fft` API only. Each export has the one form: panic boundary,
//! argument checks (NULL, dimensions, increments, leading dimensions,
//! overlap of the output with the input), then the `_into` transform, which
//! writes the caller's output on success only.
//! The scaling is NumPy's `norm`: `LINMUX_FFT_BACKWARD` (the inverse divided
//! by n), `LINMUX_FFT_ORTHO` (both by √n), `LINMUX_FFT_FORWARD` (the forward
//! divided by n).

use std::ffi::c_char;

use linmux_core::{Complex, Scalar};
use lm::fft::{FftFloat, Norm};

use crate::boundary::{Result, run};
use crate::views::{dim, flag, matrix, no_overlap, vector};

/// The name of the current FFT provider (`rustfft`, `fftw`, `mkl`) into
/// `buf` (`len` bytes); `*needed` receives the size needed, NUL included.
///
/// # Safety
/// `buf` valid for `len` bytes; `needed` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_fft_provider_name(
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> i32 {
    run(|| {
        let f = lm::fft::current_fft()?;
        // SAFETY: by the caller's contract.
        unsafe { crate::api::write_text(f.info().name, buf, len, needed) }
    })
}

/// The declarations, with `{F}` the precision suffix (`f32`, `f64`), `{R}`
/// the real type and `{C}` the complex type (expanded by the header).
#[cfg_attr(not(test), allow(dead_code, reason = "read by the header generator"))]
pub(crate) const API: &[(&str, &str)] = &[
    (
        "numpy.fft.fft: the discrete Fourier transform y_k = Σ_j x_j·e^(−2πi·jk/n) of x (n ≥ 1 values, increment incx; a negative one walks backwards) into out (n values, increment incout), scaled as `norm` says.",
        "linmux_status linmux_fft_fft_{F}(int32_t norm, const {C} *x, int64_t n, int64_t incx, {C} *out, int64_t incout)",
    ),
    (
        "numpy.fft.ifft: the inverse transform (e^(+2πi·jk/n)) of x (n ≥ 1 values) into out (n values).",
        "linmux_status linmux_fft_ifft_{F}(int32_t norm, const {C} *x, int64_t n, int64_t incx, {C} *out, int64_t incout)",
    ),
    (
        "numpy.fft.rfft: the transform of n ≥ 1 real values, its n/2 + 1 non-negative-frequency terms into out.",
        "linmux_status linmux_fft_rfft_{F}(int32_t norm, const {R} *x, int64_t n, int64_t incx, {C} *out, int64_t incout)",
    ),
    (
        "numpy.fft.irfft(x, n): the n ≥ 1 real values whose rfft is the half spectrum x (m values: the first n/2 + 1 are used, missing ones read as 0) into out.",
        "linmux_status linmux_fft_irfft_{F}(int32_t norm, const {C} *x, int64_t m, int64_t incx, {R} *out, int64_t n, int64_t incout)",
    ),
    (
        "numpy.fft.fft2: the 2-D transform of A (rows × cols, both ≥ 1, in `layout`) into out (rows × cols).",
        "linmux_status linmux_fft_fft2_{F}(int32_t layout, int32_t norm, const {C} *a, int64_t rows, int64_t cols, int64_t lda, {C} *out, int64_t ldout)",
    ),
    (
        "numpy.fft.ifft2: the 2-D inverse transform of A (rows × cols) into out (rows × cols).",
        "linmux_status linmux_fft_ifft2_{F}(int32_t layout, int32_t norm, const {C} *a, int64_t rows, int64_t cols, int64_t lda, {C} *out, int64_t ldout)",
    ),
    (
        "numpy.fft.rfft2: the 2-D transform of real A (rows × cols) into out (rows × (cols/2 + 1)).",
        "linmux_status linmux_fft_rfft2_{F}(int32_t layout, int32_t norm, const {R} *a, int64_t rows, int64_t cols, int64_t lda, {C} *out, int64_t ldout)",
    ),
    (
        "numpy.fft.irfft2(a, s=(rows, n)): the real rows × n matrix whose rfft2 is the half spectrum A (rows × k) into out.",
        "linmux_status linmux_fft_irfft2_{F}(int32_t layout, int32_t norm, const {C} *a, int64_t rows, int64_t k, int64_t lda, {R} *out, int64_t n, int64_t ldout)",
    ),
];

/// `fft` (`inverse = false`) or `ifft`.
///
/// # Safety
/// `x` and `out` are NULL or valid for the extents their arguments describe.
unsafe fn fft_1d<T: FftFloat>(
    inverse: bool,
    norm: i32,
    x: *const Complex<T>,
    n: i64,
    incx: i64,
    out: *mut Complex<T>,
    incout: i64,
) -> Result<()>
where
    Complex<T>: Scalar<Real = T>,
{
    let norm = flag::<Norm>(norm, "norm")?;
    let rx = vector(x, n, incx, "x", "incx")?;
    let ro = vector(out.cast_const(), n, incout, "out", "incout")?;
    let op = if inverse { "ifft" } else { "fft" };
    no_overlap(op, &[("out", ro.span())], &[("x", rx.span())])?;
    // SAFETY: extents checked, `out` disjoint from `x`.
    let (xv, ov) = unsafe { (rx.view()?, ro.view_mut()?) };
    if inverse {
        lm::fft::ifft_into(xv, norm, ov)?;
    } else {
        lm::fft::fft_into(xv, norm, ov)?;
    }
    Ok(())
}

/// `rfft`.
///
/// # Safety
/// As [`fft_1d`].
unsafe fn rfft_1d<T: FftFloat + Scalar>(
    norm: i32,
    x: *const T,
    n: i64,
    incx: i64,
    out: *mut Complex<T>,
    incout: i64,
) -> Result<()>
where
    Complex<T>: Scalar<Real = T>,
{
    let norm = flag::<Norm>(norm, "norm")?;
    let rx = vector(x, n, incx, "x", "incx")?;
    let half = i64::try_from(dim(n, "x")? / 2 + 1).unwrap_or(i64::MAX);
    let ro = vector(out.cast_const(), half, incout, "out", "incout")?;
    no_overlap("rfft", &[("out", ro.span())], &[("x", rx.span())])?;
    // SAFETY: extents checked, `out` disjoint from `x`.
    let (xv, ov) = unsafe { (rx.view()?, ro.view_mut()?) };
    Ok(lm::fft::rfft_into(xv, norm, ov)?)
}

/// `irfft` with output length `n`.
///
/// # Safety
/// As [`fft_1d`].
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn irfft_1d<T: FftFloat + Scalar>(
    norm: i32,
    x: *const Complex<T>,
    m: i64,
    incx: i64,
    out: *mut T,
    n: i64,
    incout: i64,
) -> Result<()>
where
    Complex<T>: Scalar<Real = T>,
{
    let norm = flag::<Norm>(norm, "norm")?;
    let rx = vector(x, m, incx, "x", "incx")?;
    let ro = vector(out.cast_const(), n, incout, "out", "incout")?;
    no_overlap("irfft", &[("out", ro.span())], &[("x", rx.span())])?;
    // SAFETY: extents checked, `out` disjoint from `x`.
    let (xv, ov) = unsafe { (rx.view()?, ro.view_mut()?) };
    Ok(lm::fft::irfft_into(xv, norm, ov)?)
}

/// `fft2` or `ifft2`.
///
/// # Safety
/// As [`fft_1d`].
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn fft_2d<T: FftFloat>(
    inverse: bool,
    layout: i32,
    norm: i32,
    a: *const Complex<T>,
    rows: i64,
    cols: i64,
    lda: i64,
    out: *mut Complex<T>,
    ldout: i64,
) -> Result<()>
where
    Complex<T>: Scalar<Real = T>,
{
    let norm = flag::<Norm>(norm, "norm")?;
    let ra = matrix(a, rows, cols, lda, layout, "a", "lda")?;
    let ro = matrix(out.cast_const(), rows, cols, ldout, layout, "out", "ldout")?;
    let op = if inverse { "ifft2" } else { "fft2" };
    no_overlap(op, &[("out", ro.span())], &[("a", ra.span())])?;
    // SAFETY: extents checked, `out` disjoint from `a`.
    let (av, ov) = unsafe { (ra.view()?, ro.view_mut()?) };
    if inverse {
        lm::fft::ifft2_into(av, norm, ov)?;
    } else {
        lm::fft::fft2_into(av, norm, ov)?;
    }
    Ok(())
}

/// `rfft2`.
///
/// # Safety
/// As [`fft_1d`].
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn rfft_2d<T: FftFloat + Scalar>(
    layout: i32,
    norm: i32,
    a: *const T,
    rows: i64,
    cols: i64,
    lda: i64,
    out: *mut Complex<T>,
    ldout: i64,
) -> Result<()>
where
    Complex<T>: Scalar<Real = T>,
{
    let norm = flag::<Norm>(norm, "norm")?;
    let ra = matrix(a, rows, cols, lda, layout, "a", "lda")?;
    let half = i64::try_from(dim(cols, "a")? / 2 + 1).unwrap_or(i64::MAX);
    let ro = matrix(out.cast_const(), rows, half, ldout, layout, "out", "ldout")?;
    no_overlap("rfft2", &[("out", ro.span())], &[("a", ra.span())])?;
    // SAFETY: extents checked, `out` disjoint from `a`.
    let (av, ov) = unsafe { (ra.view()?, ro.view_mut()?) };
    Ok(lm::fft::rfft2_into(av, norm, ov)?)
}

/// `irfft2` with `n` output columns.
///
/// # Safety
/// As [`fft_1d`].
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn irfft_2d<T: FftFloat + Scalar>(
    layout: i32,
    norm: i32,
    a: *const Complex<T>,
    rows: i64,
    k: i64,
    lda: i64,
    out: *mut T,
    n: i64,
    ldout: i64,
) -> Result<()>
where
    Complex<T>: Scalar<Real = T>,
{
    let norm = flag::<Norm>(norm, "norm")?;
    let ra = matrix(a, rows, k, lda, layout, "a", "lda")?;
    let ro = matrix(out.cast_const(), rows, n, ldout, layout, "out", "ldout")?;
    no_overlap("irfft2", &[("out", ro.span())], &[("a", ra.span())])?;
    // SAFETY: extents checked, `out` disjoint from `a`.
    let (av, ov) = unsafe { (ra.view()?, ro.view_mut()?) };
    Ok(lm::fft::irfft2_into(av, norm, ov)?)
}

/// The sixteen exports: each transform for `f32` and `f64`.
macro_rules! exports {
    ($($f:ident $t:ty;)*) => { paste::paste! { $(
        /// `linmux_fft_fft_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// Every pointer is NULL or valid for the extent its dimensions describe.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<linmux_fft_fft_ $f>](norm: i32, x: *const Complex<$t>, n: i64, incx: i64, out: *mut Complex<$t>, incout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { fft_1d::<$t>(false, norm, x, n, incx, out, incout) })
        }
        /// `linmux_fft_ifft_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// As `linmux_fft_fft_*`.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<linmux_fft_ifft_ $f>](norm: i32, x: *const Complex<$t>, n: i64, incx: i64, out: *mut Complex<$t>, incout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { fft_1d::<$t>(true, norm, x, n, incx, out, incout) })
        }
        /// `linmux_fft_rfft_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// As `linmux_fft_fft_*`.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<linmux_fft_rfft_ $f>](norm: i32, x: *const $t, n: i64, incx: i64, out: *mut Complex<$t>, incout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { rfft_1d::<$t>(norm, x, n, incx, out, incout) })
        }
        /// `linmux_fft_irfft_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// As `linmux_fft_fft_*`.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "C signature")]
        pub unsafe extern "C" fn [<linmux_fft_irfft_ $f>](norm: i32, x: *const Complex<$t>, m: i64, incx: i64, out: *mut $t, n: i64, incout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { irfft_1d::<$t>(norm, x, m, incx, out, n, incout) })
        }
        /// `linmux_fft_fft2_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// As `linmux_fft_fft_*`.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "C signature")]
        pub unsafe extern "C" fn [<linmux_fft_fft2_ $f>](layout: i32, norm: i32, a: *const Complex<$t>, rows: i64, cols: i64, lda: i64, out: *mut Complex<$t>, ldout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { fft_2d::<$t>(false, layout, norm, a, rows, cols, lda, out, ldout) })
        }
        /// `linmux_fft_ifft2_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// As `linmux_fft_fft_*`.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "C signature")]
        pub unsafe extern "C" fn [<linmux_fft_ifft2_ $f>](layout: i32, norm: i32, a: *const Complex<$t>, rows: i64, cols: i64, lda: i64, out: *mut Complex<$t>, ldout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { fft_2d::<$t>(true, layout, norm, a, rows, cols, lda, out, ldout) })
        }
        /// `linmux_fft_rfft2_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// As `linmux_fft_fft_*`.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "C signature")]
        pub unsafe extern "C" fn [<linmux_fft_rfft2_ $f>](layout: i32, norm: i32, a: *const $t, rows: i64, cols: i64, lda: i64, out: *mut Complex<$t>, ldout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { rfft_2d::<$t>(layout, norm, a, rows, cols, lda, out, ldout) })
        }
        /// `linmux_fft_irfft2_*`: see `include/linmux.h`.
        ///
        /// # Safety
        /// As `linmux_fft_fft_*`.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "C signature")]
        pub unsafe extern "C" fn [<linmux_fft_irfft2_ $f>](layout: i32, norm: i32, a: *const Complex<$t>, rows: i64, k: i64, lda: i64, out: *mut $t, n: i64, ldout: i64) -> i32 {
            // SAFETY: the caller's contract is the generic function's.
            run(|| unsafe { irfft_2d::<$t>(layout, norm, a, rows, k, lda, out, n, ldout) })
        }
    )* }};
}

exports! {
    f32 f32;
    f64 f64;
}
