//! Test helpers for the `linalg` layer: the testkit's generator and data
//! (re-exported), plus the few `T::Real`-typed norms these tests compare
//! with ε-scaled bounds (the testkit's checkers work in `c64` on BLAS/LAPACK
//! outputs; these compare the NumPy-like results in the caller's type).

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

/// The environment variable naming the backend these tests run on
/// (`scripts/test.sh` runs them once per required backend).
pub(crate) const BACKEND_ENV: &str = "LINMUX_LINALG_TEST_BACKEND";

/// The engine every test runs on: the backend `LINMUX_LINALG_TEST_BACKEND`
/// names (a failure when it cannot be loaded), else the embedded faer
/// backend, whatever `LINMUX_BACKEND` says.
pub(crate) fn engine() -> Engine {
    match std::env::var(BACKEND_ENV) {
        Ok(name) if !name.is_empty() => Engine::with_backend(&name)
            .unwrap_or_else(|e| panic!("{BACKEND_ENV}={name} could not be loaded:\n{e}")),
        _ => Engine::with_backend("faer").expect("faer is always available"),
    }
}

/// The testkit's one seeded generator and its data module.
pub(crate) use linmux_testkit::{Rng, data};

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
