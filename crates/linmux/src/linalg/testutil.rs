//! Test helpers: a seeded generator, naive reference kernels, ε-scaled bounds.
//!
//! Kept local because the shared testkit is not yet available on this branch.

use num_traits::{Float, Zero};

use linmux_core::{Mat, MatRef, RealScalar, Scalar};

use crate::Engine;

/// Runs a generic test function for f32, f64, c32 and c64.
macro_rules! for_all_scalars {
    ($f:ident) => {{
        $f::<f32>();
        $f::<f64>();
        $f::<linmux_core::c32>();
        $f::<linmux_core::c64>();
    }};
}
pub(crate) use for_all_scalars;

/// The engine every test runs on (the embedded faer backend, whatever the
/// environment says).
pub(crate) fn engine() -> Engine {
    Engine::with_backend("faer").expect("faer is always available")
}

/// SplitMix64: tiny, deterministic, good enough for test matrices.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [−1, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        #[allow(
            clippy::cast_precision_loss,
            reason = "53 random bits fit an f64 exactly"
        )]
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        2.0 * u - 1.0
    }
    /// Real and imaginary parts uniform in [−1, 1).
    pub(crate) fn scalar<T: Scalar>(&mut self) -> T {
        let re = self.unit();
        let im = if T::IS_COMPLEX { self.unit() } else { 0.0 };
        T::from_c64(linmux_core::c64::new(re, im))
    }
    pub(crate) fn mat<T: Scalar>(&mut self, m: usize, n: usize) -> Mat<T> {
        Mat::from_fn(m, n, |_, _| self.scalar())
    }
    pub(crate) fn vec<T: Scalar>(&mut self, n: usize) -> Vec<T> {
        (0..n).map(|_| self.scalar()).collect()
    }
    /// A Hermitian positive definite matrix `B·Bᴴ + n·I`.
    pub(crate) fn hpd<T: Scalar>(&mut self, n: usize) -> Mat<T> {
        let b = self.mat::<T>(n, n);
        let mut a = naive_mul(b.as_ref(), b.as_ref().adjoint());
        for i in 0..n {
            a[(i, i)] += T::from_real(super::real_usize(n));
        }
        a
    }
    /// A Hermitian (indefinite) matrix `(B + Bᴴ)/2`.
    pub(crate) fn hermitian<T: Scalar>(&mut self, n: usize) -> Mat<T> {
        let b = self.mat::<T>(n, n);
        let half = T::from_real(real::<T>(0.5));
        Mat::from_fn(n, n, |i, j| (b[(i, j)] + b[(j, i)].conj()) * half)
    }
}

pub(crate) fn real<T: Scalar>(x: f64) -> T::Real {
    <T::Real as RealScalar>::from_f64(x)
}

/// `ε·c·max(n, 1)`: the tolerance unit of every test (c documented at each use).
pub(crate) fn tol<T: Scalar>(c: f64, n: usize) -> T::Real {
    T::eps() * real::<T>(c) * super::real_usize::<T::Real>(n.max(1))
}

pub(crate) fn naive_mul<T: Scalar>(a: MatRef<'_, T>, b: MatRef<'_, T>) -> Mat<T> {
    assert_eq!(a.ncols(), b.nrows());
    Mat::from_fn(a.nrows(), b.ncols(), |i, j| {
        (0..a.ncols()).map(|l| a.at(i, l) * b.at(l, j)).sum()
    })
}

/// Frobenius norm (naive: test matrices are small and well scaled).
pub(crate) fn fro<T: Scalar>(a: MatRef<'_, T>) -> T::Real {
    let mut s = <T::Real as Zero>::zero();
    for j in 0..a.ncols() {
        for i in 0..a.nrows() {
            s += a.at(i, j).abs2();
        }
    }
    Float::sqrt(s)
}

/// `‖A − B‖_F`.
pub(crate) fn diff<T: Scalar>(a: MatRef<'_, T>, b: MatRef<'_, T>) -> T::Real {
    assert_eq!(a.shape(), b.shape());
    fro(Mat::from_fn(a.nrows(), a.ncols(), |i, j| a.at(i, j) - b.at(i, j)).as_ref())
}

/// `‖QᴴQ − I‖_F` for the columns of `q`.
pub(crate) fn orth_err<T: Scalar>(q: MatRef<'_, T>) -> T::Real {
    let g = naive_mul(q.adjoint(), q);
    diff(g.as_ref(), Mat::identity(q.ncols()).as_ref())
}

/// `Σ |xᵢ|`.
pub(crate) fn real_sum<T: Scalar>(x: &[T]) -> T::Real {
    x.iter()
        .fold(<T::Real as Zero>::zero(), |s, v| s + v.modulus())
}

/// The diagonal matrix with `d` on its diagonal, `m × n`.
pub(crate) fn diag<T: Scalar>(d: &[T::Real], m: usize, n: usize) -> Mat<T> {
    Mat::from_fn(m, n, |i, j| {
        if i == j {
            T::from_real(d[i])
        } else {
            T::zero()
        }
    })
}
