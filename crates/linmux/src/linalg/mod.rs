//! NumPy-like linear algebra returning owned results.
//!
//! Every function takes read-only views ([`MatRef`](crate::MatRef),
//! [`VecRef`](crate::VecRef)), never
//! modifies them (destructive LAPACK routines run on owned copies), and
//! returns owned results. Each is a free function running on the current
//! engine ([`crate::current_engine`]) and a method of [`Engine`](crate::Engine) of the same
//! name; the free function forwards to the method.
//!
//! | NumPy / SciPy                      | linmux                                |
//! |------------------------------------|---------------------------------------|
//! | `a @ b`, `numpy.matmul`            | [`matmul`]                            |
//! | `numpy.dot` / `inner` of vectors   | [`inner`] (no conjugation)            |
//! | `numpy.vdot`                       | [`vdot`] (conjugates `x`)             |
//! | `numpy.linalg.solve`               | [`solve`]                             |
//! | `numpy.linalg.inv`                 | [`inv`]                               |
//! | `numpy.linalg.det`, `slogdet`      | [`det`], [`slogdet`]                  |
//! | `numpy.linalg.cholesky`            | [`cholesky`]                          |
//! | `scipy.linalg.lu`                  | [`lu`]                                |
//! | `numpy.linalg.qr`                  | [`qr`] with [`QrMode`]                |
//! | `numpy.linalg.svd`, `svdvals`      | [`svd`] with [`SvdJob`], [`svdvals`]  |
//! | `numpy.linalg.eigh`, `eigvalsh`    | [`eigh`], [`eigvalsh`]                |
//! | `numpy.linalg.eig`, `eigvals`      | [`eig`], [`eigvals`]                  |
//! | `numpy.linalg.lstsq`               | [`lstsq`]                             |
//! | `numpy.linalg.pinv`                | [`pinv`]                              |
//! | `numpy.linalg.norm` (matrices)     | [`norm`] with [`NormKind`]            |
//! | `numpy.linalg.matrix_rank`         | [`matrix_rank`]                       |
//! | `numpy.linalg.cond`                | [`cond`]                              |
//!
//! ```
//! use linmux::{Engine, Mat, linalg::{self, SvdJob}};
//! let a = Mat::<f64>::from_rows(&[[3.0, 0.0], [4.0, 5.0]]);
//! // On the current engine (LINMUX_BACKEND, or a scoped override)...
//! let s = linalg::svd(a.as_ref(), SvdJob::ValuesOnly)?.s;
//! // ...or on an explicit one.
//! let faer = Engine::with_backend("faer")?;
//! let s2 = faer.svdvals(a.as_ref())?;
//! assert!((s[0] - 45f64.sqrt()).abs() < 1e-14 && (s2[1] - 5f64.sqrt()).abs() < 1e-14);
//! # Ok::<(), linmux::Error>(())
//! ```
//!
//! Conventions shared by the whole module:
//!
//! - Shapes are validated first; a bad one is an
//!   [`Error::DimensionMismatch`] naming the
//!   argument (`"a"` when a square matrix is required, `"b"` for a right-hand
//!   side that does not fit).
//! - Non-finite input, one policy on every backend: what runs on BLAS alone
//!   (`matmul`, `dot`, the Frobenius, 1- and ∞-norms) propagates NaN and ±∞
//!   into the result as NumPy does; what runs a LAPACK routine
//!   (factorizations, `solve`, `inv`, `det`, `lstsq`, `pinv`, `svd`, `eig`,
//!   `eigh`, the 2-norm, `cond`, `matrix_rank`) returns
//!   [`Error::NonFinite`] naming the argument, checked before any backend
//!   runs: vendor LAPACKs crash, hang or exit the process on such input.
//! - Empty inputs follow NumPy: `det` of a 0×0 matrix is 1, `inv` of 0×0 is
//!   0×0, factorizations of empty matrices return empty factors.
//! - Outputs that LAPACK leaves free are canonical, so that every backend
//!   returns the same results up to rounding: singular vectors and
//!   eigenvectors (phase, see [`Engine::gesdd`](crate::Engine::gesdd)), the
//!   diagonal of QR's `R` (real, non-negative) and the order of `eig`'s
//!   eigenvalues (real part ascending, then imaginary part descending).
//!   NumPy leaves the last two to the LAPACK it runs on.
//! - Views with a pending conjugation ([`MatRef::adjoint`](crate::MatRef::adjoint))
//!   are honoured.

use linmux_core::{Error, Mat, RealScalar, Result, Scalar};

mod decomp;
mod norms;
mod products;
mod solve;
#[cfg(test)]
mod testutil;

pub use decomp::{cholesky, eig, eigh, eigvals, eigvalsh, lu, qr, svd, svdvals};
pub use linmux_core::{SvdJob, Uplo};
pub use norms::{cond, matrix_rank, norm};
pub use products::{inner, matmul, vdot};
pub use solve::{det, inv, lstsq, pinv, slogdet, solve};

/// Defines free functions that run the `Engine` method of the same name on
/// the current engine. Docs (with examples) are written on the free function.
macro_rules! forward {
    ($($(#[$attr:meta])* pub fn $name:ident<$t:ident: $bound:path>($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;)*) => {$(
        $(#[$attr])*
        pub fn $name<$t: $bound>($($arg: $ty),*) -> linmux_core::Result<$ret> {
            crate::engine::with_current(|e| e.$name($($arg),*))?
        }
    )*};
}
pub(crate) use forward;

/// The factors of [`lu`]: `A = P·L·U` for an `m × n` matrix `A`, `k = min(m, n)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Lu<T: Scalar> {
    /// The row permutation: row `i` of `L·U` is row `perm[i]` of `A`. As a
    /// matrix ([`Lu::p`]), `P[(perm[i], i)] = 1`.
    pub perm: Vec<usize>,
    /// Unit lower triangular (trapezoidal), `m × k`.
    pub l: Mat<T>,
    /// Upper triangular (trapezoidal), `k × n`.
    pub u: Mat<T>,
}

impl<T: Scalar> Lu<T> {
    /// The `m × m` permutation matrix `P` with `A = P·L·U` (SciPy's `p`).
    ///
    /// # Errors
    /// [`Error::OutOfMemory`] if `m × m` cannot be allocated.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[1.0, 2.0], [4.0, 3.0]]);
    /// let f = linalg::lu(a.as_ref())?;
    /// let lu = linalg::matmul(f.l.as_ref(), f.u.as_ref())?;
    /// let plu = linalg::matmul(f.p()?.as_ref(), lu.as_ref())?;
    /// assert_eq!(plu, a);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    pub fn p(&self) -> Result<Mat<T>> {
        let m = self.perm.len();
        let mut p = Mat::try_zeros(m, m)?;
        for (i, &r) in self.perm.iter().enumerate() {
            p[(r, i)] = T::one();
        }
        Ok(p)
    }
}

/// What [`qr`] computes, as NumPy's `mode` (`k = min(m, n)` for an `m × n` `A`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum QrMode {
    /// `Q` is `m × k` with orthonormal columns, `R` is `k × n` (`"reduced"`).
    #[default]
    Reduced,
    /// `Q` is `m × m` unitary, `R` is `m × n` (`"complete"`).
    Complete,
    /// Only `R`, `k × n` (`"r"`).
    R,
}

/// The factors of [`qr`]: `A = Q·R`, `R` upper triangular (trapezoidal).
#[derive(Clone, Debug, PartialEq)]
pub struct Qr<T: Scalar> {
    /// `Q`, absent for [`QrMode::R`].
    pub q: Option<Mat<T>>,
    /// `R`.
    pub r: Mat<T>,
}

/// The factors of [`svd`]: `A = U·Σ·Vᴴ`.
#[derive(Clone, Debug, PartialEq)]
pub struct Svd<T: Scalar> {
    /// Left singular vectors as columns: `m × m` ([`SvdJob::Full`]), `m × k`
    /// ([`SvdJob::Thin`]), absent for [`SvdJob::ValuesOnly`].
    pub u: Option<Mat<T>>,
    /// The `k = min(m, n)` singular values, descending.
    pub s: Vec<T::Real>,
    /// `Vᴴ` (right singular vectors as rows): `n × n` or `k × n`, or absent.
    pub vt: Option<Mat<T>>,
}

/// The result of [`lstsq`], as NumPy's tuple `(x, residuals, rank, s)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Lstsq<T: Scalar> {
    /// The minimum-norm least-squares solution, `n × nrhs`.
    pub x: Mat<T>,
    /// `‖b_j − A·x_j‖₂²` for each column `j` when `rank == n` and `m > n`;
    /// empty otherwise (NumPy's rule).
    pub residuals: Vec<T::Real>,
    /// The effective rank: singular values above `rcond·σ_max`.
    pub rank: usize,
    /// The singular values of `A`, descending.
    pub s: Vec<T::Real>,
}

/// Which matrix norm [`norm`] and [`cond`] compute (NumPy's `ord`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NormKind {
    /// Frobenius, `√(Σ |aᵢⱼ|²)` (`ord=None` or `'fro'`).
    #[default]
    Fro,
    /// Nuclear, `Σ σᵢ` (`'nuc'`).
    Nuc,
    /// Maximum absolute column sum, `maxⱼ Σᵢ |aᵢⱼ|` (`ord=1`).
    One,
    /// Maximum absolute row sum, `maxᵢ Σⱼ |aᵢⱼ|` (`ord=inf`).
    Inf,
    /// Spectral, the largest singular value `σ_max` (`ord=2`).
    Two,
}

/// `n` as the real type (exact for every size a matrix can have in practice).
pub(crate) fn real_usize<R: RealScalar>(n: usize) -> R {
    #[allow(
        clippy::cast_precision_loss,
        reason = "sizes scale tolerances; rounding above 2^53 is irrelevant"
    )]
    let x = n as f64;
    R::from_f64(x)
}

/// The second step of a composite operation rejected a factor that the
/// first step computed from finite input: the factorization overflowed.
/// `factors` names the arguments of the second step that hold the first
/// step's output (the caller's own arguments keep their `NonFinite`).
pub(crate) fn overflowed(e: Error, op: &'static str, factors: &[&str]) -> Error {
    match e {
        Error::NonFinite { arg, .. } if factors.contains(&arg) => Error::Overflow { op },
        e => e,
    }
}

/// Rejects a NaN tolerance (every comparison with it would be false).
pub(crate) fn not_nan<R: RealScalar>(arg: &'static str, x: Option<R>) -> Result<()> {
    match x {
        Some(v) if v.is_nan() => Err(Error::invalid(arg, "must not be NaN")),
        _ => Ok(()),
    }
}

/// The relative cutoff NumPy uses by default: `ε·max(m, n)`; a negative
/// `rcond` means `ε` (LAPACK's and NumPy's legacy `rcond = -1`).
pub(crate) fn effective_rcond<T: Scalar>(rcond: Option<T::Real>, m: usize, n: usize) -> T::Real {
    match rcond {
        None => T::eps() * real_usize::<T::Real>(m.max(n)),
        Some(r) if r < num_traits::Zero::zero() => T::eps(),
        Some(r) => r,
    }
}

/// Fails unless `dims` is square, naming `arg` of `op`.
pub(crate) fn square(op: &'static str, arg: &'static str, dims: (usize, usize)) -> Result<usize> {
    linmux_core::check::square(op, arg, dims)
}

/// Fails unless `b` has `n` rows, naming `arg` of `op`.
pub(crate) fn rows(op: &'static str, arg: &'static str, found: usize, n: usize) -> Result<()> {
    if found == n {
        Ok(())
    } else {
        Err(Error::mismatch(
            op,
            arg,
            format!("expected {n} rows to match `a`, found {found}"),
        ))
    }
}
