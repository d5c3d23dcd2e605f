//! ε-scaled tolerances and comparison helpers.
//!
//! No test should compare with a fixed literal such as `1e-10`: bounds are
//! built from the machine epsilon of the type under test (`T::eps()`), the
//! problem size and the magnitudes involved.
//!
//! - BLAS results are checked elementwise against the compensated reference
//!   ([`crate::reference`]) with Higham's bound
//!   `|Ĉ − C| ≤ c·(k + 2)·ε·(|α|·|op(A)|·|op(B)| + |β|·|C|)` with
//!   `c = `[`BLAS_C`], where `k` is the length of the inner products (the
//!   `+ 2` covers the scaling by `α` and the update with `β`, and keeps a
//!   nonzero bound for `k = 0`).
//! - Factorizations are checked by residual and orthogonality in norm
//!   ([`crate::check`]): `‖residual‖ ≤ c·n·ε·scale` with `c = `[`FACTOR_C`].

use linmux_core::{Mat, MatRef, Scalar, VecRef};

use crate::layout::same_bits;

/// The constant `c` of the BLAS bounds (absorbs the `√2` of complex
/// products, FMA/non-FMA differences and blocked summation orders).
pub const BLAS_C: f64 = 4.0;

/// The constant `c` of the factorization bounds, which are then scaled by the
/// dimension `n` (LAPACK's own tests use thresholds of about 30 on
/// `‖residual‖ / (n·ε·‖A‖)`).
pub const FACTOR_C: f64 = 30.0;

/// Machine epsilon of `T` (its real type), as `f64`.
pub fn eps<T: Scalar>() -> f64 {
    use linmux_core::RealScalar;
    RealScalar::to_f64(T::eps())
}

/// `BLAS_C·(k + 2)·ε_T`: the factor multiplying the `|·|` magnitudes in a BLAS
/// bound whose inner products have length `k`.
pub fn blas_factor<T: Scalar>(k: usize) -> f64 {
    BLAS_C * (k + 2) as f64 * eps::<T>()
}

/// `FACTOR_C·max(n, 1)·ε_T`: the factor multiplying the norm scale in a
/// factorization residual bound for dimension `n`.
pub fn factor_factor<T: Scalar>(n: usize) -> f64 {
    FACTOR_C * n.max(1) as f64 * eps::<T>()
}

/// An absolute error bound: one number for every element, or one per element.
#[derive(Clone, Debug, PartialEq)]
pub enum Bound {
    /// The same bound for every element.
    Uniform(f64),
    /// One bound per element (same shape as the compared matrix; `n × 1` for
    /// vectors).
    Elementwise(Mat<f64>),
}

impl Bound {
    /// The bound for element `(i, j)`.
    ///
    /// # Panics
    /// If an elementwise bound does not have that element.
    pub fn at(&self, i: usize, j: usize) -> f64 {
        match self {
            Bound::Uniform(b) => *b,
            Bound::Elementwise(m) => m[(i, j)],
        }
    }
}

impl From<f64> for Bound {
    fn from(b: f64) -> Self {
        Bound::Uniform(b)
    }
}
impl From<Mat<f64>> for Bound {
    fn from(m: Mat<f64>) -> Self {
        Bound::Elementwise(m)
    }
}
impl From<Vec<f64>> for Bound {
    fn from(v: Vec<f64>) -> Self {
        let n = v.len();
        Bound::Elementwise(
            Mat::from_col_major_vec(v, n, 1).expect("an n-vector is an n × 1 matrix"),
        )
    }
}

fn fmt_scalar<T: Scalar>(v: T) -> String {
    let z = v.to_c64();
    if T::IS_COMPLEX {
        format!("({:e}, {:e})", z.re, z.im)
    } else {
        format!("{:e}", z.re)
    }
}

/// Compares `actual` with `expected` elementwise: each element must be
/// bitwise identical (NaNs included) or within the bound of its position
/// (`|actual − expected| ≤ bound`, modulus of the difference).
///
/// # Errors
/// A message naming `what`, how many elements fail, and the worst one (by
/// ratio error / bound): its index, both values, the error and the bound.
pub fn check_mat_close<T: Scalar>(
    what: &str,
    actual: MatRef<'_, T>,
    expected: MatRef<'_, T>,
    bound: &Bound,
) -> Result<(), String> {
    if actual.shape() != expected.shape() {
        return Err(format!(
            "{what}: shape {:?} but expected {:?}",
            actual.shape(),
            expected.shape()
        ));
    }
    if let Bound::Elementwise(b) = bound
        && b.shape() != expected.shape()
    {
        return Err(format!(
            "{what}: bound has shape {:?} but the matrices {:?}",
            b.shape(),
            expected.shape()
        ));
    }
    let (m, n) = expected.shape();
    let column_major = |x: MatRef<'_, T>| {
        (0..n)
            .flat_map(|j| (0..m).map(move |i| x.at(i, j).to_c64()))
            .collect()
    };
    crate::ledger::elementwise::<T>(
        what,
        || column_major(actual),
        || column_major(expected),
        || {
            (0..n)
                .flat_map(|j| (0..m).map(move |i| (i, j)))
                .map(|(i, j)| bound.at(i, j))
                .collect()
        },
    );
    let mut fails = 0usize;
    // (ratio, i, j, error, bound)
    let mut worst: Option<(f64, usize, usize, f64, f64)> = None;
    for j in 0..n {
        for i in 0..m {
            let (a, e) = (actual.at(i, j), expected.at(i, j));
            if same_bits(a, e) {
                continue;
            }
            // Under a poisoned input, a non-finite reference value means the
            // result depends on the poison: it must be NaN for a NaN input,
            // and non-finite for an infinite one (the compensated reference
            // turns ∞ into NaN where IEEE arithmetic may keep ∞).
            let (ac, ec) = (a.to_c64(), e.to_c64());
            if let Some(p) = crate::data::poison()
                && !ec.is_finite()
            {
                let ok = if p.is_nan() {
                    ac.is_nan()
                } else {
                    !ac.is_finite()
                };
                if ok {
                    continue;
                }
                fails += 1;
                if worst.is_none_or(|w| w.0 < f64::INFINITY) {
                    worst = Some((f64::INFINITY, i, j, f64::NAN, f64::NAN));
                }
                continue;
            }
            let b = bound.at(i, j);
            // Under a poisoned input the bound of an element that does not
            // depend on the poison may still be NaN (a Skeel bound's
            // |A⁻¹|·|A|·|x| multiplies the NaN by a structural zero): such an
            // element must be finite, its size is not checked.
            if crate::data::poison().is_some() && b.is_nan() && ac.is_finite() {
                continue;
            }
            let err = (a.to_c64() - e.to_c64()).norm();
            if err <= b {
                continue;
            }
            fails += 1;
            let ratio = if err.is_nan() || b <= 0.0 {
                f64::INFINITY
            } else {
                err / b
            };
            if worst.is_none_or(|w| ratio > w.0) {
                worst = Some((ratio, i, j, err, b));
            }
        }
    }
    match worst {
        None => Ok(()),
        Some((ratio, i, j, err, b)) => Err(format!(
            "{what}: {fails} of {} elements exceed the bound; worst at ({i}, {j}): \
             actual = {}, expected = {}, |actual − expected| = {err:e} > bound = {b:e} \
             ({ratio:.3}× the bound)",
            m * n,
            fmt_scalar(actual.at(i, j)),
            fmt_scalar(expected.at(i, j)),
        )),
    }
}

/// [`check_mat_close`] that panics with its message.
///
/// ```
/// use linmux_core::Mat;
/// use linmux_testkit::tol::{assert_mat_close, eps};
/// let a = Mat::from_rows(&[[1.0f64, 2.0]]);
/// let b = Mat::from_rows(&[[1.0f64, 2.0 + f64::EPSILON]]);
/// assert_mat_close(a.as_ref(), b.as_ref(), 4.0 * eps::<f64>());
/// ```
///
/// # Panics
/// If the check fails.
#[track_caller]
pub fn assert_mat_close<T: Scalar>(
    actual: MatRef<'_, T>,
    expected: MatRef<'_, T>,
    bound: impl Into<Bound>,
) {
    if let Err(e) = check_mat_close("matrix", actual, expected, &bound.into()) {
        panic!("{e}");
    }
}

/// [`check_mat_close`] for vectors (`bound` uniform or of length `n`).
///
/// # Errors
/// As [`check_mat_close`]; indices are reported as `(i, 0)`.
pub fn check_vec_close<T: Scalar>(
    what: &str,
    actual: VecRef<'_, T>,
    expected: &[T],
    bound: &Bound,
) -> Result<(), String> {
    if actual.len() != expected.len() {
        return Err(format!(
            "{what}: length {} but expected {}",
            actual.len(),
            expected.len()
        ));
    }
    let e = VecRef::from_slice(expected);
    check_mat_close(what, actual.as_col(), e.as_col(), bound)
}

/// [`check_vec_close`] that panics with its message.
///
/// # Panics
/// If the check fails.
#[track_caller]
pub fn assert_vec_close<T: Scalar>(actual: &[T], expected: &[T], bound: impl Into<Bound>) {
    if let Err(e) = check_vec_close(
        "vector",
        VecRef::from_slice(actual),
        expected,
        &bound.into(),
    ) {
        panic!("{e}");
    }
}

/// Compares two scalars: bitwise equal, or `|actual − expected| ≤ bound`.
///
/// # Errors
/// A message with both values, the error and the bound.
pub fn check_scalar_close<T: Scalar>(
    what: &str,
    actual: T,
    expected: T,
    bound: f64,
) -> Result<(), String> {
    let a = [actual];
    check_vec_close(
        what,
        VecRef::from_slice(&a),
        &[expected],
        &Bound::Uniform(bound),
    )
}

/// [`check_scalar_close`] that panics with its message.
///
/// # Panics
/// If the check fails.
#[track_caller]
pub fn assert_scalar_close<T: Scalar>(actual: T, expected: T, bound: f64) {
    if let Err(e) = check_scalar_close("scalar", actual, expected, bound) {
        panic!("{e}");
    }
}

/// Normwise comparison: `‖actual − expected‖_F ≤ rel·‖expected‖_F`.
///
/// # Errors
/// A message with both norms and the bound.
pub fn check_mat_close_normwise<T: Scalar>(
    what: &str,
    actual: MatRef<'_, T>,
    expected: MatRef<'_, T>,
    rel: f64,
) -> Result<(), String> {
    if actual.shape() != expected.shape() {
        return Err(format!(
            "{what}: shape {:?} but expected {:?}",
            actual.shape(),
            expected.shape()
        ));
    }
    let a = crate::dense::widen(actual);
    let e = crate::dense::widen(expected);
    let err = crate::dense::fro(&crate::dense::sub(&a, &e));
    let bound = rel * crate::dense::fro(&e);
    if err <= bound {
        Ok(())
    } else {
        Err(format!(
            "{what}: ‖actual − expected‖_F = {err:e} > bound = {bound:e} (= {rel:e}·‖expected‖_F)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linmux_core::c64;

    #[test]
    fn close_and_far() {
        let a = Mat::from_rows(&[[1.0f64, 2.0], [3.0, 4.0]]);
        let mut b = a.clone();
        b[(1, 0)] = 3.0 + 1e-12;
        b[(0, 1)] = 2.5;
        let err = check_mat_close("t", b.as_ref(), a.as_ref(), &Bound::Uniform(1e-9)).unwrap_err();
        assert!(err.contains("1 of 4") && err.contains("(0, 1)"), "{err}");
        assert!(
            err.contains("actual = 2.5e0") && err.contains("expected = 2e0"),
            "{err}"
        );
        b[(0, 1)] = 2.0;
        assert!(check_mat_close("t", b.as_ref(), a.as_ref(), &Bound::Uniform(1e-9)).is_ok());
        // The worst is chosen by ratio, not absolute error.
        let bound = Mat::from_rows(&[[1.0, 1.0], [1e-15, 1.0]]);
        let err = check_mat_close("t", b.as_ref(), a.as_ref(), &bound.into()).unwrap_err();
        assert!(err.contains("(1, 0)"), "{err}");
    }

    #[test]
    fn nans_are_equal_only_bitwise() {
        let n = f64::NAN;
        assert!(check_scalar_close("s", n, n, 0.0).is_ok());
        assert!(check_scalar_close("s", n, 1.0, f64::INFINITY).is_err());
        assert!(check_scalar_close("s", 1.0, n, 1.0).is_err());
        assert!(check_scalar_close("s", f64::INFINITY, f64::INFINITY, 0.0).is_ok());
        assert!(check_scalar_close("s", f64::INFINITY, -f64::INFINITY, 1e300).is_err());
        // Zero bound means exact.
        assert!(check_scalar_close("s", 1.0, 1.0 + f64::EPSILON, 0.0).is_err());
    }

    #[test]
    fn complex_error_is_a_modulus() {
        let e = c64::new(0.0, 0.0);
        let a = c64::new(3e-3, 4e-3);
        assert!(check_scalar_close("z", a, e, 5e-3).is_ok());
        assert!(check_scalar_close("z", a, e, 4.9e-3).is_err());
    }

    #[test]
    fn vectors_and_shapes() {
        assert!(
            check_vec_close("v", VecRef::from_slice(&[1.0f32]), &[1.0, 2.0], &0.0.into()).is_err()
        );
        let b: Bound = vec![0.0, 1.0].into();
        assert!(check_vec_close("v", VecRef::from_slice(&[1.0f32, 2.5]), &[1.0, 2.0], &b).is_ok());
        assert!(check_vec_close("v", VecRef::from_slice(&[1.5f32, 2.0]), &[1.0, 2.0], &b).is_err());
        assert_vec_close(&[1.0f64], &[1.0], 0.0);
        assert_eq!(blas_factor::<f64>(0), 8.0 * f64::EPSILON);
        assert_eq!(factor_factor::<f32>(0), FACTOR_C * f64::from(f32::EPSILON));
    }

    #[test]
    #[should_panic(expected = "worst at (0, 0)")]
    fn assert_panics_with_the_message() {
        assert_scalar_close(1.0f32, 2.0, 0.5);
    }
}
