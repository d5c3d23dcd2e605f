//! Matrix norms, numerical rank and condition numbers.

use num_traits::{Float, Zero};

use linmux_core::{Error, MatRef, Result, Scalar};

use super::{NormKind, forward, not_nan, real_usize, square};
use crate::engine::Engine;

forward! {
    /// A matrix norm of `A` (NumPy's `norm(a, ord)` for 2-D arrays), see
    /// [`NormKind`]: Frobenius `√(Σ|aᵢⱼ|²)`, nuclear `Σσᵢ`, `‖A‖₁ = maxⱼ Σᵢ|aᵢⱼ|`,
    /// `‖A‖_∞ = maxᵢ Σⱼ|aᵢⱼ|`, spectral `‖A‖₂ = σ_max` (by the SVD).
    ///
    /// `|aᵢⱼ|` is the modulus for complex entries. The Frobenius norm is
    /// accumulated column by column with `nrm2`, so it does not overflow
    /// where its value does not. The norm of an empty matrix is 0 for every
    /// kind (NumPy raises for `ord=1, 2, inf` there: a maximum over nothing).
    ///
    /// # Errors
    /// [`Error::NoConvergence`] from the SVD (`Two`, `Nuc`).
    ///
    /// ```
    /// use linmux::{Mat, linalg::{self, NormKind}};
    /// let a = Mat::from_rows(&[[1.0, -2.0], [3.0, 4.0]]);
    /// assert_eq!(linalg::norm(a.as_ref(), NormKind::One)?, 6.0);
    /// assert_eq!(linalg::norm(a.as_ref(), NormKind::Inf)?, 7.0);
    /// assert!((linalg::norm(a.as_ref(), NormKind::Fro)? - 30f64.sqrt()).abs() < 1e-14);
    /// let d = Mat::from_rows(&[[3.0, 0.0], [0.0, -4.0]]);
    /// assert!((linalg::norm(d.as_ref(), NormKind::Two)? - 4.0).abs() < 1e-14);
    /// assert!((linalg::norm(d.as_ref(), NormKind::Nuc)? - 7.0).abs() < 1e-14);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.norm", alias = "numpy.linalg.matrix_norm", alias = "lange")]
    pub fn norm<T: Scalar>(a: MatRef<'_, T>, kind: NormKind) -> T::Real;

    /// The numerical rank of `A`: how many singular values exceed `tol`
    /// (NumPy's `matrix_rank`).
    ///
    /// `tol` is absolute; by default `σ_max·max(m, n)·ε`, NumPy's default. The
    /// rank of an empty matrix is 0.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `tol` if it is NaN;
    /// [`Error::NoConvergence`] from the SVD.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::from_rows(&[[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]]);
    /// assert_eq!(linalg::matrix_rank(a.as_ref(), None)?, 2);
    /// assert_eq!(linalg::matrix_rank(a.as_ref(), Some(100.0))?, 0);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.matrix_rank", alias = "rank")]
    pub fn matrix_rank<T: Scalar>(a: MatRef<'_, T>, tol: Option<T::Real>) -> usize;

    /// The condition number `κ(A) = ‖A‖·‖A⁻¹‖` in the norm `kind` (NumPy's
    /// `cond`; NumPy's default `p=None` is [`NormKind::Two`] here).
    ///
    /// For [`NormKind::Two`] it is `σ_max / σ_min` from the singular values,
    /// and `A` may be rectangular. The other kinds need a square `A` and
    /// invert it. A singular `A` gives `+∞`, as NumPy.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `a` if it is empty (NumPy: "cond is
    /// not defined on empty arrays"); [`Error::DimensionMismatch`] naming `a`
    /// if it is not square and `kind` is not `Two`;
    /// [`Error::NoConvergence`] from the SVD.
    ///
    /// ```
    /// use linmux::{Mat, linalg::{self, NormKind}};
    /// let a = Mat::from_rows(&[[2.0, 0.0], [0.0, 0.5]]);
    /// assert!((linalg::cond(a.as_ref(), NormKind::Two)? - 4.0).abs() < 1e-14);
    /// assert!((linalg::cond(a.as_ref(), NormKind::One)? - 4.0).abs() < 1e-14);
    /// let singular = Mat::from_rows(&[[1.0, 2.0], [2.0, 4.0]]);
    /// assert_eq!(linalg::cond(singular.as_ref(), NormKind::Fro)?, f64::INFINITY);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.cond")]
    pub fn cond<T: Scalar>(a: MatRef<'_, T>, kind: NormKind) -> T::Real;
}

impl Engine {
    /// [`linalg::norm`](crate::linalg::norm) on this engine.
    ///
    /// # Errors
    /// As [`linalg::norm`](crate::linalg::norm).
    pub fn norm<T: Scalar>(&self, a: MatRef<'_, T>, kind: NormKind) -> Result<T::Real> {
        let zero = <T::Real as Zero>::zero();
        if a.is_empty() {
            return Ok(zero);
        }
        let (m, n) = a.shape();
        match kind {
            NormKind::Fro => {
                (0..n).try_fold(zero, |acc, j| Ok(Float::hypot(acc, self.nrm2(a.col(j))?)))
            }
            NormKind::One => Ok((0..n)
                .map(|j| (0..m).fold(zero, |s, i| s + a.at(i, j).modulus()))
                .fold(zero, Float::max)),
            NormKind::Inf => Ok((0..m)
                .map(|i| (0..n).fold(zero, |s, j| s + a.at(i, j).modulus()))
                .fold(zero, Float::max)),
            NormKind::Two => Ok(self.svdvals(a)?.first().copied().unwrap_or(zero)),
            NormKind::Nuc => Ok(self.svdvals(a)?.iter().fold(zero, |s, &v| s + v)),
        }
    }

    /// [`linalg::matrix_rank`](crate::linalg::matrix_rank) on this engine.
    ///
    /// # Errors
    /// As [`linalg::matrix_rank`](crate::linalg::matrix_rank).
    pub fn matrix_rank<T: Scalar>(&self, a: MatRef<'_, T>, tol: Option<T::Real>) -> Result<usize> {
        not_nan("tol", tol)?;
        if a.is_empty() {
            return Ok(0);
        }
        let s = self.svdvals(a)?;
        let smax = s.first().copied().unwrap_or(<T::Real as Zero>::zero());
        let tol = tol
            .unwrap_or_else(|| smax * real_usize::<T::Real>(a.nrows().max(a.ncols())) * T::eps());
        Ok(s.iter().filter(|&&v| v > tol).count())
    }

    /// [`linalg::cond`](crate::linalg::cond) on this engine.
    ///
    /// # Errors
    /// As [`linalg::cond`](crate::linalg::cond).
    pub fn cond<T: Scalar>(&self, a: MatRef<'_, T>, kind: NormKind) -> Result<T::Real> {
        if a.is_empty() {
            return Err(Error::invalid(
                "a",
                "the condition number is not defined for an empty matrix",
            ));
        }
        let inf = <T::Real as Float>::infinity();
        if kind == NormKind::Two {
            let s = self.svdvals(a)?;
            return Ok(match (s.first(), s.last()) {
                (Some(&hi), Some(&lo)) if lo > <T::Real as Zero>::zero() => hi / lo,
                _ => inf,
            });
        }
        square("cond", "a", a.shape())?;
        match self.inv(a) {
            Ok(ai) => Ok(self.norm(a, kind)? * self.norm(ai.as_ref(), kind)?),
            Err(Error::Singular { .. }) => Ok(inf),
            Err(e) => Err(e),
        }
    }
}
