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
    /// let a = Mat::<f64>::from_rows(&[[1.0, -2.0], [3.0, 4.0]]);
    /// assert_eq!(linalg::norm(a.as_ref(), NormKind::One)?, 6.0);
    /// assert_eq!(linalg::norm(a.as_ref(), NormKind::Inf)?, 7.0);
    /// assert!((linalg::norm(a.as_ref(), NormKind::Fro)? - 30f64.sqrt()).abs() < 1e-14);
    /// let d = Mat::<f64>::from_rows(&[[3.0, 0.0], [0.0, -4.0]]);
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
    /// let a = Mat::<f64>::from_rows(&[[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]]);
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
    /// let a = Mat::<f64>::from_rows(&[[2.0, 0.0], [0.0, 0.5]]);
    /// assert!((linalg::cond(a.as_ref(), NormKind::Two)? - 4.0).abs() < 1e-14);
    /// assert!((linalg::cond(a.as_ref(), NormKind::One)? - 4.0).abs() < 1e-14);
    /// let singular = Mat::<f64>::from_rows(&[[1.0, 2.0], [2.0, 4.0]]);
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

#[cfg(test)]
mod tests {
    use linmux_core::Mat;

    use super::super::testutil::*;
    use super::*;

    fn closed_forms<T: Scalar>() {
        let e = engine();
        // Every entry 3 + 4i (3 for real types): |aᵢⱼ| = c.
        let c = if T::IS_COMPLEX { 5.0 } else { 3.0 };
        let (m, n) = (4, 7);
        let a = Mat::from_fn(m, n, |_, _| T::from_parts(real::<T>(3.0), real::<T>(4.0)));
        let mn = real::<T>(c * ((m * n) as f64).sqrt());
        let u = tol::<T>(10.0, m.max(n));
        let close = |got: T::Real, want: T::Real| (got - want).abs() <= u * want;
        // Rank one: ‖A‖₂ = ‖A‖_* = ‖A‖_F = c·√(mn).
        assert!(close(e.norm(a.as_ref(), NormKind::Fro).unwrap(), mn));
        assert!(close(e.norm(a.as_ref(), NormKind::Two).unwrap(), mn));
        assert!(close(e.norm(a.as_ref(), NormKind::Nuc).unwrap(), mn));
        assert!(close(
            e.norm(a.as_ref(), NormKind::One).unwrap(),
            real::<T>(c * 4.0)
        ));
        assert!(close(
            e.norm(a.as_ref(), NormKind::Inf).unwrap(),
            real::<T>(c * 7.0)
        ));
        // Diagonal: ‖D‖₂ = ‖D‖₁ = ‖D‖_∞ = max|dᵢ|, ‖D‖_* = Σ|dᵢ|.
        let d = [-4.0, 1.0, 2.5];
        let dm = Mat::from_fn(3, 3, |i, j| {
            if i == j {
                T::from_real(real::<T>(d[i]))
            } else {
                T::zero()
            }
        });
        for kind in [NormKind::Two, NormKind::One, NormKind::Inf] {
            assert!(
                close(e.norm(dm.as_ref(), kind).unwrap(), real::<T>(4.0)),
                "{kind:?}"
            );
        }
        assert!(close(
            e.norm(dm.as_ref(), NormKind::Nuc).unwrap(),
            real::<T>(7.5)
        ));
        // κ(D) = 4 / 1 in the 2-, 1- and ∞-norms.
        for kind in [NormKind::Two, NormKind::One, NormKind::Inf] {
            assert!(
                close(e.cond(dm.as_ref(), kind).unwrap(), real::<T>(4.0)),
                "{kind:?}"
            );
        }
        // Empty matrices have norm 0.
        for kind in [
            NormKind::Fro,
            NormKind::Nuc,
            NormKind::One,
            NormKind::Inf,
            NormKind::Two,
        ] {
            assert_eq!(
                e.norm(Mat::<T>::zeros(0, 3).as_ref(), kind).unwrap(),
                real::<T>(0.0)
            );
        }
    }

    #[test]
    fn closed_forms_all_types() {
        for_all_scalars!(closed_forms);
    }

    fn random_relations<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(41);
        let a = data::random_mat::<T>(&mut rng, 6, 4);
        let u = tol::<T>(10.0, 6);
        let fro_e = e.norm(a.as_ref(), NormKind::Fro).unwrap();
        assert!((fro_e - fro(a.as_ref())).abs() <= u * fro_e);
        // ‖A‖₂ ≤ ‖A‖_F ≤ ‖A‖_*, and ‖A‖_F² = Σσᵢ².
        let s = e.svdvals(a.as_ref()).unwrap();
        let two = e.norm(a.as_ref(), NormKind::Two).unwrap();
        let nuc = e.norm(a.as_ref(), NormKind::Nuc).unwrap();
        assert!(two <= fro_e * (real::<T>(1.0) + u) && fro_e <= nuc * (real::<T>(1.0) + u));
        let ss = s.iter().fold(real::<T>(0.0), |acc, &x| acc + x * x);
        assert!((ss - fro_e * fro_e).abs() <= u * ss);
        // Orthonormal columns: κ₂ = 1 (rectangular is fine for the 2-norm).
        let q = e
            .qr(a.as_ref(), crate::linalg::QrMode::Reduced)
            .unwrap()
            .q
            .unwrap();
        assert!((e.cond(q.as_ref(), NormKind::Two).unwrap() - real::<T>(1.0)).abs() <= u);
        // The 1-norm condition number is ‖A‖₁·‖A⁻¹‖₁.
        let b = data::random_mat::<T>(&mut rng, 5, 5);
        let bi = e.inv(b.as_ref()).unwrap();
        let want = e.norm(b.as_ref(), NormKind::One).unwrap()
            * e.norm(bi.as_ref(), NormKind::One).unwrap();
        assert!((e.cond(b.as_ref(), NormKind::One).unwrap() - want).abs() <= u * want);
    }

    #[test]
    fn random_relations_all_types() {
        for_all_scalars!(random_relations);
    }

    fn rank_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(42);
        let (m, n) = (7, 5);
        for r in 0..=n {
            // B·C with B m×r and C r×n has rank r.
            let b = data::random_mat::<T>(&mut rng, m, r);
            let c = data::random_mat::<T>(&mut rng, r, n);
            let a = naive_mul(b.as_ref(), c.as_ref());
            assert_eq!(e.matrix_rank(a.as_ref(), None).unwrap(), r, "r={r}");
        }
        assert_eq!(
            e.matrix_rank(Mat::<T>::zeros(0, 4).as_ref(), None).unwrap(),
            0
        );
        let a = data::random_mat::<T>(&mut rng, 4, 4);
        assert_eq!(e.matrix_rank(a.as_ref(), Some(real::<T>(1e6))).unwrap(), 0);
    }

    #[test]
    fn rank_all_types() {
        for_all_scalars!(rank_cases);
    }

    #[test]
    fn frobenius_does_not_overflow() {
        let e = engine();
        let a = Mat::from_fn(3, 3, |_, _| 1e200f64);
        let f = e.norm(a.as_ref(), NormKind::Fro).unwrap();
        assert!((f - 3e200).abs() <= tol::<f64>(10.0, 3) * 3e200);
    }

    #[test]
    fn singular_and_invalid_cond() {
        let e = engine();
        let s = Mat::from_rows(&[[1.0f64, 2.0], [2.0, 4.0]]);
        for kind in [NormKind::Fro, NormKind::One, NormKind::Inf] {
            assert_eq!(e.cond(s.as_ref(), kind).unwrap(), f64::INFINITY);
        }
        let z = Mat::<f64>::zeros(3, 2);
        assert_eq!(e.cond(z.as_ref(), NormKind::Two).unwrap(), f64::INFINITY);
        assert!(matches!(
            e.cond(z.as_ref(), NormKind::One),
            Err(Error::DimensionMismatch {
                op: "cond",
                arg: "a",
                ..
            })
        ));
        assert!(matches!(
            e.cond(Mat::<f64>::zeros(0, 0).as_ref(), NormKind::Two),
            Err(Error::InvalidArgument { arg: "a", .. })
        ));
        assert!(matches!(
            e.matrix_rank(z.as_ref(), Some(f64::NAN)),
            Err(Error::InvalidArgument { arg: "tol", .. })
        ));
    }
}
