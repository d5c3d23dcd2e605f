//! Deterministic test data: random scalars, vectors and matrices, and
//! structured matrices (unitary, Hermitian, positive definite, triangular,
//! with prescribed singular values or condition number).
//!
//! Every generator takes an explicit [`Rng`], computes in `c64` and rounds to
//! `T` once at the end, so the same seed gives the same matrix (up to that
//! rounding) for every scalar type. For real `T` everything is generated real.

use std::cell::Cell;

use linmux_core::{Diag, Mat, Scalar, Uplo, c64};

use crate::dense;
use crate::rng::Rng;

/// A random scalar: real and imaginary parts uniform in `[-1, 1)` (imaginary
/// part zero for real types).
pub fn random_scalar<T: Scalar>(rng: &mut Rng) -> T {
    let re = rng.sym_unit();
    let im = if T::IS_COMPLEX { rng.sym_unit() } else { 0.0 };
    T::from_c64(c64::new(re, im))
}

/// A vector of `n` [`random_scalar`]s (one of them poisoned under
/// [`with_poison`]).
pub fn random_vec<T: Scalar>(rng: &mut Rng, n: usize) -> Vec<T> {
    let mut v: Vec<T> = (0..n).map(|_| random_scalar(rng)).collect();
    if let (Some(p), false) = (poison(), v.is_empty()) {
        let i = rng.below(n);
        v[i] = poisoned(v[i], p);
    }
    v
}

thread_local! {
    static POISON: Cell<Option<f64>> = const { Cell::new(None) };
}

/// Runs `f` with one element of every [`random_vec`] and [`random_mat`]
/// replaced by `value` (NaN or ±∞; for complex types, in the real part):
/// the conformance suite run this way checks how non-finite inputs
/// propagate, and [`crate::tol::check_mat_close`] then expects a non-finite
/// result wherever the reference computed one (NaN for a NaN input).
pub fn with_poison<R>(value: f64, f: impl FnOnce() -> R) -> R {
    let before = POISON.with(|p| p.replace(Some(value)));
    let r = f();
    POISON.with(|p| p.set(before));
    r
}

/// The value [`with_poison`] injects on this thread, if any.
pub fn poison() -> Option<f64> {
    POISON.with(Cell::get)
}

fn poisoned<T: Scalar>(x: T, p: f64) -> T {
    T::from_c64(c64::new(p, x.to_c64().im))
}

/// An `m × n` matrix of [`random_scalar`]s (filled column by column).
///
/// ```
/// use linmux_testkit::{Rng, data::random_mat};
/// let a = random_mat::<f64>(&mut Rng::new(1), 3, 2);
/// assert_eq!(a.shape(), (3, 2));
/// assert!(a.as_slice().iter().all(|x| (-1.0..1.0).contains(x)));
/// ```
pub fn random_mat<T: Scalar>(rng: &mut Rng, m: usize, n: usize) -> Mat<T> {
    let mut a = Mat::from_fn(m, n, |_, _| random_scalar(rng));
    if let (Some(p), false) = (poison(), m == 0 || n == 0) {
        let (i, j) = (rng.below(m), rng.below(n));
        a[(i, j)] = poisoned(a[(i, j)], p);
    }
    a
}

/// The quiet NaN of `T` (both parts NaN for complex types).
pub fn nan<T: Scalar>() -> T {
    T::from_c64(c64::new(f64::NAN, f64::NAN))
}

fn random_c64_mat(rng: &mut Rng, m: usize, n: usize, complex: bool) -> Mat<c64> {
    Mat::from_fn(m, n, |_, _| {
        let re = rng.sym_unit();
        let im = if complex { rng.sym_unit() } else { 0.0 };
        c64::new(re, im)
    })
}

fn unitary_c64<T: Scalar>(rng: &mut Rng, n: usize) -> Mat<c64> {
    let g = random_c64_mat(rng, n, n, T::IS_COMPLEX);
    dense::unitary_from(&g)
}

/// A random unitary (orthogonal for real `T`) `n × n` matrix: the `Q` of a
/// Householder QR of a random matrix, computed in `c64`.
pub fn random_unitary<T: Scalar>(rng: &mut Rng, n: usize) -> Mat<T> {
    dense::narrow(&unitary_c64::<T>(rng, n))
}

/// `U·Σ·Vᴴ` (`m × n`) with random unitary `U`, `V` and the given singular
/// values `s` (`s.len() == min(m, n)`; any order and sign are used as given).
///
/// Rounding to `T` perturbs the singular values by about `ε_T·max(s)`.
///
/// # Panics
/// If `s.len() != min(m, n)`.
pub fn random_with_singular_values<T: Scalar>(
    rng: &mut Rng,
    m: usize,
    n: usize,
    s: &[f64],
) -> Mat<T> {
    assert_eq!(
        s.len(),
        m.min(n),
        "random_with_singular_values: need min(m, n) = {} values",
        m.min(n)
    );
    let u = unitary_c64::<T>(rng, m);
    let v = unitary_c64::<T>(rng, n);
    let sigma = Mat::from_fn(m, n, |i, j| {
        if i == j {
            c64::new(s[i], 0.0)
        } else {
            c64::new(0.0, 0.0)
        }
    });
    dense::narrow(&dense::matmul(&dense::matmul(&u, &sigma), &v.adjoint()))
}

/// A random `m × n` matrix with condition number `cond` (≥ 1): singular values
/// spaced geometrically from `1` down to `1/cond`. Returns the matrix and its
/// singular values, descending (the reference for an SVD check).
///
/// For `cond` beyond about `1/ε_T` the rounding to `T` dominates the small
/// singular values.
///
/// # Panics
/// If `cond < 1` or is not finite.
pub fn random_with_cond<T: Scalar>(
    rng: &mut Rng,
    m: usize,
    n: usize,
    cond: f64,
) -> (Mat<T>, Vec<f64>) {
    assert!(
        cond >= 1.0 && cond.is_finite(),
        "random_with_cond: cond = {cond} must be finite and ≥ 1"
    );
    let k = m.min(n);
    let s: Vec<f64> = (0..k)
        .map(|i| {
            if k <= 1 {
                1.0
            } else {
                cond.powf(-(i as f64) / (k - 1) as f64)
            }
        })
        .collect();
    (random_with_singular_values(rng, m, n, &s), s)
}

/// A random well-conditioned `m × n` matrix: singular values uniform in
/// `[1, 2]`, so `κ₂ ≤ 2`.
pub fn random_well_conditioned<T: Scalar>(rng: &mut Rng, m: usize, n: usize) -> Mat<T> {
    let mut s: Vec<f64> = (0..m.min(n)).map(|_| rng.uniform(1.0, 2.0)).collect();
    s.sort_by(|a, b| b.total_cmp(a));
    random_with_singular_values(rng, m, n, &s)
}

/// Exactly Hermitian `n × n` matrix from `c64` data: the upper triangle is
/// mirrored (conjugated) and the diagonal made real before rounding, and
/// rounding commutes with conjugation, so the result is Hermitian in `T`.
fn hermitian_exact<T: Scalar>(a: &Mat<c64>) -> Mat<T> {
    dense::narrow(&dense::from_triangle(a, Uplo::Upper, true))
}

/// A random Hermitian (symmetric for real `T`) `n × n` matrix `(G + Gᴴ)/2`,
/// exactly Hermitian (real diagonal).
pub fn random_hermitian<T: Scalar>(rng: &mut Rng, n: usize) -> Mat<T> {
    let g = random_c64_mat(rng, n, n, T::IS_COMPLEX);
    let h = Mat::from_fn(n, n, |i, j| (g[(i, j)] + g[(j, i)].conj()) * 0.5);
    hermitian_exact(&h)
}

/// `Q·diag(w)·Qᴴ` for a random unitary `Q`: an exactly Hermitian matrix with
/// eigenvalues `w` (up to rounding to `T`, about `ε_T·max|w|`).
pub fn random_hermitian_with_eigenvalues<T: Scalar>(rng: &mut Rng, w: &[f64]) -> Mat<T> {
    let n = w.len();
    let q = unitary_c64::<T>(rng, n);
    let qd = Mat::from_fn(n, n, |i, j| q[(i, j)] * w[j]);
    hermitian_exact(&dense::matmul(&qd, &q.adjoint()))
}

/// A random Hermitian positive definite (SPD for real `T`) `n × n` matrix with
/// eigenvalues uniform in `[1, 10]` (so `κ₂ ≤ 10`). Returns only the matrix.
#[doc(alias = "random_spd")]
pub fn random_hpd<T: Scalar>(rng: &mut Rng, n: usize) -> Mat<T> {
    let w: Vec<f64> = (0..n).map(|_| rng.uniform(1.0, 10.0)).collect();
    random_hermitian_with_eigenvalues(rng, &w)
}

/// A random well-conditioned triangular `n × n` matrix: the `uplo` triangle
/// holds off-diagonal entries uniform in `[-1, 1)/n` and a diagonal of modulus
/// in `[2, 3]` with random sign (phase), the other triangle is zero. Strict
/// diagonal dominance keeps `‖T⁻¹‖∞ ≤ 1` (also with an implicit unit diagonal,
/// `‖T⁻¹‖∞ ≤ n`).
pub fn random_triangular<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo) -> Mat<T> {
    let scale = 1.0 / n.max(1) as f64;
    let complex = T::IS_COMPLEX;
    let mut a = Mat::zeros(n, n);
    for j in 0..n {
        for i in 0..n {
            let inside = match uplo {
                Uplo::Upper => i < j,
                Uplo::Lower => i > j,
            };
            if i == j {
                let r = rng.uniform(2.0, 3.0);
                let z = if complex {
                    let th = rng.uniform(0.0, std::f64::consts::TAU);
                    c64::from_polar(r, th)
                } else if rng.coin() {
                    c64::new(r, 0.0)
                } else {
                    c64::new(-r, 0.0)
                };
                a[(i, j)] = T::from_c64(z);
            } else if inside {
                let re = rng.sym_unit() * scale;
                let im = if complex { rng.sym_unit() * scale } else { 0.0 };
                a[(i, j)] = T::from_c64(c64::new(re, im));
            }
        }
    }
    a
}

/// Overwrites every element an operation with flags `uplo`/`diag` must not
/// read (the strict other triangle, and the diagonal if `diag` is
/// [`Diag::Unit`]) with `value` — typically [`nan`] — so that a backend that
/// reads them produces a visibly wrong result.
///
/// # Panics
/// If `a` is not square.
pub fn poison_unreferenced<T: Scalar>(a: &mut Mat<T>, uplo: Uplo, diag: Diag, value: T) {
    let n = a.nrows();
    assert_eq!(a.ncols(), n, "poison_unreferenced: matrix is not square");
    for j in 0..n {
        for i in 0..n {
            let outside = match uplo {
                Uplo::Upper => i > j,
                Uplo::Lower => i < j,
            };
            if outside || (i == j && diag == Diag::Unit) {
                a[(i, j)] = value;
            }
        }
    }
}

/// Adds `value·i` to the imaginary part of each diagonal element: `hemv`,
/// `hemm`, `heevd`, `potrf`... must take it as zero. No-op for real `T`.
///
/// # Panics
/// If `a` is not square.
pub fn poison_diagonal_imag<T: Scalar>(a: &mut Mat<T>, value: T::Real) {
    assert_eq!(a.nrows(), a.ncols(), "poison_diagonal_imag: not square");
    if T::IS_COMPLEX {
        for i in 0..a.nrows() {
            let d = a[(i, i)];
            a[(i, i)] = T::from_parts(d.re(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::{eye, fro, matmul, sub, widen};
    use linmux_core::{c32, c64};

    #[test]
    fn same_seed_same_data() {
        let a = random_mat::<c64>(&mut Rng::new(5), 4, 3);
        let b = random_mat::<c64>(&mut Rng::new(5), 4, 3);
        assert_eq!(a, b);
        let r = random_mat::<f32>(&mut Rng::new(5), 4, 3);
        assert!(r.as_slice().iter().all(|x| (-1.0..=1.0).contains(x)));
        let c = random_mat::<c32>(&mut Rng::new(5), 2, 2);
        assert!(c.as_slice().iter().any(|z| z.im != 0.0));
    }

    #[test]
    fn unitary_is_unitary() {
        for n in [0, 1, 2, 7] {
            let q = widen(random_unitary::<c64>(&mut Rng::new(n as u64), n).as_ref());
            let e = fro(&sub(&matmul(&q.adjoint(), &q), &eye(n)));
            assert!(e <= 1e-14, "n = {n}: ‖QᴴQ − I‖ = {e}");
            let q = widen(random_unitary::<f64>(&mut Rng::new(n as u64), n).as_ref());
            assert!(q.as_slice().iter().all(|z| z.im == 0.0));
        }
    }

    #[test]
    fn hermitian_generators_are_exactly_hermitian() {
        let mut rng = Rng::new(9);
        for a in [
            random_hermitian::<c64>(&mut rng, 5),
            random_hpd::<c64>(&mut rng, 5),
        ] {
            assert_eq!(a, a.adjoint());
        }
        let s = random_hpd::<f32>(&mut rng, 6);
        assert_eq!(s, s.transpose());
    }

    #[test]
    fn singular_values_are_as_requested() {
        // AᴴA = V·Σ²·Vᴴ, so tr(AᴴA) = Σ s².
        let s = [3.0, 2.0, 0.5];
        let a = widen(random_with_singular_values::<c64>(&mut Rng::new(2), 5, 3, &s).as_ref());
        let f = fro(&a);
        let expect = (9.0f64 + 4.0 + 0.25).sqrt();
        assert!((f - expect).abs() <= 1e-14 * expect);
        let (_, sv) = random_with_cond::<f64>(&mut Rng::new(1), 4, 6, 1e6);
        assert_eq!(sv.len(), 4);
        assert!((sv[0] - 1.0).abs() < 1e-15 && (sv[3] - 1e-6).abs() < 1e-20);
    }

    #[test]
    fn triangular_is_triangular_and_dominant() {
        let t = random_triangular::<c32>(&mut Rng::new(4), 6, Uplo::Lower);
        for j in 0..6 {
            for i in 0..j {
                assert_eq!(t[(i, j)], c32::new(0.0, 0.0));
            }
            let d = t[(j, j)].norm();
            assert!((2.0..=3.0 + 1e-6).contains(&d));
        }
        let mut p = t.clone();
        poison_unreferenced(&mut p, Uplo::Lower, Diag::Unit, nan());
        assert!(p[(0, 0)].re.is_nan() && p[(0, 5)].re.is_nan() && !p[(5, 0)].re.is_nan());
    }
}
