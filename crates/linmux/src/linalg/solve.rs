//! Linear systems, inverses, determinants (LU) and least squares, pseudo-inverse (SVD).

use num_traits::{Float, One, Zero};

use linmux_core::{Error, Mat, MatRef, Result, Scalar, Trans, try_vec};

use super::{Lstsq, effective_rcond, forward, not_nan, overflowed, rows, square};
use crate::engine::Engine;

forward! {
    /// Solves the square system `A·X = B` by LU factorization with partial
    /// pivoting (`getrf` + `getrs`).
    ///
    /// `A` is `n × n`, `B` is `n × nrhs`; a vector right-hand side is a
    /// one-column matrix (`VecRef::as_col`). A 0×0 `A` gives the `0 × nrhs`
    /// solution.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `a` if it is not square, or `b` if
    /// it does not have `n` rows; [`Error::Singular`] (1-based pivot) if `U`
    /// has an exactly zero pivot. Like NumPy, a nearly singular `A` is not an
    /// error: check [`cond`](super::cond) if that matters.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[3.0, 1.0], [1.0, 2.0]]);
    /// let b = Mat::<f64>::from_rows(&[[9.0], [8.0]]);
    /// let x = linalg::solve(a.as_ref(), b.as_ref())?;
    /// assert!((x[(0, 0)] - 2.0).abs() < 1e-14 && (x[(1, 0)] - 3.0).abs() < 1e-14);
    ///
    /// let singular = Mat::<f64>::from_rows(&[[1.0, 2.0], [2.0, 4.0]]);
    /// assert!(matches!(
    ///     linalg::solve(singular.as_ref(), b.as_ref()),
    ///     Err(linmux::Error::Singular { .. })
    /// ));
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.solve", alias = "gesv", alias = "dgesv")]
    pub fn solve<T: Scalar>(a: MatRef<'_, T>, b: MatRef<'_, T>) -> Mat<T>;

    /// The inverse `A⁻¹` of a square matrix (`getrf` + `getri`); the inverse
    /// of a 0×0 matrix is 0×0.
    ///
    /// Prefer [`solve`] to `inv(a)·b`: it is faster and more accurate.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `a` if it is not square;
    /// [`Error::Singular`] if `A` has an exactly zero pivot.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[4.0, 7.0], [2.0, 6.0]]);
    /// let ai = linalg::inv(a.as_ref())?;
    /// let i = linalg::matmul(a.as_ref(), ai.as_ref())?;
    /// assert!((i[(0, 0)] - 1.0).abs() < 1e-14 && i[(1, 0)].abs() < 1e-14);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.inv", alias = "getri", alias = "dgetri")]
    pub fn inv<T: Scalar>(a: MatRef<'_, T>) -> Mat<T>;

    /// The determinant `det A = ±Π uᵢᵢ` from the LU factorization `A = P·L·U`
    /// (the sign is that of the permutation `P`).
    ///
    /// A singular matrix has determinant 0 (not an error); a 0×0 matrix has
    /// determinant 1, as NumPy. The product may overflow or underflow for
    /// large `n`: [`slogdet`] does not.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `a` if it is not square.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[1.0, 2.0], [3.0, 4.0]]);
    /// assert!((linalg::det(a.as_ref())? + 2.0).abs() < 1e-14);
    /// let singular = Mat::<f64>::from_rows(&[[1.0, 2.0], [2.0, 4.0]]);
    /// assert_eq!(linalg::det(singular.as_ref())?, 0.0);
    /// assert_eq!(linalg::det(Mat::<f64>::zeros(0, 0).as_ref())?, 1.0);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.det")]
    pub fn det<T: Scalar>(a: MatRef<'_, T>) -> T;

    /// Sign and logarithm of the absolute value of the determinant:
    /// `det A = sign · exp(logabsdet)`, without overflow.
    ///
    /// `sign` has modulus 1 (±1 for real types, `e^{iθ}` for complex ones),
    /// `logabsdet = Σ ln |uᵢᵢ|`. A singular matrix gives `(0, −∞)`, a 0×0
    /// matrix `(1, 0)`, as NumPy.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `a` if it is not square.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_fn(200, 200, |i, j| if i == j { 10.0 } else { 0.0 });
    /// let (sign, logdet) = linalg::slogdet(a.as_ref())?; // det = 10²⁰⁰ overflows f64
    /// assert_eq!(sign, 1.0);
    /// assert!((logdet - 200.0 * 10f64.ln()).abs() < 1e-10);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.slogdet")]
    pub fn slogdet<T: Scalar>(a: MatRef<'_, T>) -> (T, T::Real);

    /// Least-squares solution of `A·X ≈ B` by the SVD: the `X` minimizing
    /// `‖B − A·X‖_F` and, among those, `‖X‖_F` (NumPy's `lstsq`, LAPACK's
    /// `gelsd` semantics).
    ///
    /// With `A = U·Σ·Vᴴ`, `X = V·Σ⁺·Uᴴ·B`, where `Σ⁺` inverts the singular
    /// values `σᵢ > rcond·σ_max` and zeroes the others; their count is the
    /// returned `rank`. `rcond` defaults to `ε·max(m, n)` (NumPy's default);
    /// a negative value means `ε`. Rank-deficient and underdetermined
    /// (`m < n`) problems are fine. `residuals` holds `‖bⱼ − A·xⱼ‖²` per column
    /// only when `rank == n` and `m > n`, as NumPy.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `b` if it does not have `m` rows;
    /// [`Error::InvalidArgument`] naming `rcond` if it is NaN;
    /// [`Error::NoConvergence`] from the SVD.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// // Fit y = c0 + c1·t through (0, 1), (1, 3), (2, 5), (3, 7.5).
    /// let a = Mat::<f64>::from_rows(&[[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]);
    /// let b = Mat::<f64>::from_rows(&[[1.0], [3.0], [5.0], [7.5]]);
    /// let fit = linalg::lstsq(a.as_ref(), b.as_ref(), None)?;
    /// assert_eq!(fit.rank, 2);
    /// assert!((fit.x[(1, 0)] - 2.15).abs() < 1e-12);
    /// assert_eq!(fit.residuals.len(), 1);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.lstsq", alias = "gelsd", alias = "dgelsd")]
    pub fn lstsq<T: Scalar>(a: MatRef<'_, T>, b: MatRef<'_, T>, rcond: Option<T::Real>) -> Lstsq<T>;

    /// The Moore–Penrose pseudo-inverse `A⁺ = V·Σ⁺·Uᴴ` (`n × m` for an
    /// `m × n` `A`), by the SVD.
    ///
    /// Singular values `σᵢ ≤ rcond·σ_max` are treated as zero. `rcond`
    /// defaults to `ε·max(m, n)` (NumPy 2's `rtol=None`; NumPy's legacy default
    /// is the fixed `1e-15`, which is meaningless for `f32`); a negative value
    /// means `ε`. The result satisfies the Penrose conditions `A·A⁺·A = A`,
    /// `A⁺·A·A⁺ = A⁺`, `(A·A⁺)ᴴ = A·A⁺`, `(A⁺·A)ᴴ = A⁺·A`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `rcond` if it is NaN;
    /// [`Error::NoConvergence`] from the SVD.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]); // rank 1
    /// let p = linalg::pinv(a.as_ref(), None)?; // = Aᵀ/70 for this A = u·vᵀ
    /// let pa = linalg::matmul(p.as_ref(), a.as_ref())?;
    /// let apa = linalg::matmul(a.as_ref(), pa.as_ref())?;
    /// for i in 0..3 {
    ///     for j in 0..2 {
    ///         assert!((apa[(i, j)] - a[(i, j)]).abs() < 1e-14);
    ///     }
    /// }
    /// assert!((p[(0, 0)] - 1.0 / 70.0).abs() < 1e-15);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.pinv", alias = "pseudo-inverse")]
    pub fn pinv<T: Scalar>(a: MatRef<'_, T>, rcond: Option<T::Real>) -> Mat<T>;
}

/// `P·L·U` factors of a copy of `a` in LAPACK form, and the 1-based index of
/// an exactly zero pivot if there is one (the factors are complete anyway).
pub(super) struct LuFactors<T: Scalar> {
    pub(super) lu: Mat<T>,
    pub(super) ipiv: Vec<usize>,
    pub(super) zero_pivot: Option<usize>,
}

impl<T: Scalar> LuFactors<T> {
    /// Sign of the permutation: −1 for an odd number of interchanges.
    fn perm_sign(&self) -> T {
        let swaps = self
            .ipiv
            .iter()
            .enumerate()
            .filter(|&(i, &p)| p != i)
            .count();
        if swaps % 2 == 0 { T::one() } else { -T::one() }
    }
}

/// `U` (`m × k`), `σ` (descending) and `Vᴴ` (`k × n`).
struct ThinSvd<T: Scalar> {
    u: Mat<T>,
    s: Vec<T::Real>,
    vt: Mat<T>,
}

impl Engine {
    pub(super) fn lu_factors<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<LuFactors<T>> {
        let mut lu = a.try_to_owned()?;
        let mut ipiv = try_vec(0, a.nrows().min(a.ncols()))?;
        let zero_pivot = match self.getrf(lu.as_mut(), &mut ipiv) {
            Ok(()) => None,
            Err(Error::Singular { pivot }) => Some(pivot),
            Err(e) => return Err(e),
        };
        Ok(LuFactors {
            lu,
            ipiv,
            zero_pivot,
        })
    }

    /// The thin SVD `A = U·Σ·Vᴴ` of a copy of `a`.
    fn thin_svd<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<ThinSvd<T>> {
        let (m, n) = a.shape();
        let k = m.min(n);
        let mut work = a.try_to_owned()?;
        let mut s = try_vec(<T::Real as Zero>::zero(), k)?;
        let mut u = Mat::try_zeros(m, k)?;
        let mut vt = Mat::try_zeros(k, n)?;
        self.gesdd(
            linmux_core::SvdJob::Thin,
            work.as_mut(),
            &mut s,
            Some(u.as_mut()),
            Some(vt.as_mut()),
        )?;
        Ok(ThinSvd { u, s, vt })
    }

    /// [`linalg::solve`](crate::linalg::solve) on this engine: `X = A⁻¹·B` by LU.
    ///
    /// # Errors
    /// As [`linalg::solve`](crate::linalg::solve).
    pub fn solve<T: Scalar>(&self, a: MatRef<'_, T>, b: MatRef<'_, T>) -> Result<Mat<T>> {
        let n = square("solve", "a", a.shape())?;
        rows("solve", "b", b.nrows(), n)?;
        let f = self.lu_factors(a)?;
        if let Some(pivot) = f.zero_pivot {
            return Err(Error::Singular { pivot });
        }
        let mut x = b.try_to_owned()?;
        self.getrs(Trans::No, f.lu.as_ref(), &f.ipiv, x.as_mut())
            .map_err(|e| overflowed(e, "solve", &["lu"]))?;
        Ok(x)
    }

    /// [`linalg::inv`](crate::linalg::inv) on this engine: `A⁻¹`.
    ///
    /// # Errors
    /// As [`linalg::inv`](crate::linalg::inv).
    pub fn inv<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<Mat<T>> {
        square("inv", "a", a.shape())?;
        let mut f = self.lu_factors(a)?;
        if let Some(pivot) = f.zero_pivot {
            return Err(Error::Singular { pivot });
        }
        self.getri(f.lu.as_mut(), &f.ipiv)
            .map_err(|e| overflowed(e, "inv", &["a"]))?;
        Ok(f.lu)
    }

    /// [`linalg::det`](crate::linalg::det) on this engine: `det A`.
    ///
    /// # Errors
    /// As [`linalg::det`](crate::linalg::det).
    pub fn det<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<T> {
        let n = square("det", "a", a.shape())?;
        let f = self.lu_factors(a)?;
        if f.zero_pivot.is_some() {
            return Ok(T::zero());
        }
        Ok((0..n).fold(f.perm_sign(), |d, i| d * f.lu[(i, i)]))
    }

    /// [`linalg::slogdet`](crate::linalg::slogdet) on this engine:
    /// `(sign, ln |det A|)`.
    ///
    /// # Errors
    /// As [`linalg::slogdet`](crate::linalg::slogdet).
    pub fn slogdet<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<(T, T::Real)> {
        let n = square("slogdet", "a", a.shape())?;
        let f = self.lu_factors(a)?;
        if f.zero_pivot.is_some() {
            return Ok((T::zero(), <T::Real as Float>::neg_infinity()));
        }
        let mut sign = f.perm_sign();
        let mut logabs = <T::Real as Zero>::zero();
        for i in 0..n {
            let u = f.lu[(i, i)];
            let r = u.modulus();
            if T::IS_COMPLEX {
                sign *= u * T::from_real(<T::Real as One>::one() / r);
            } else if u.re() < <T::Real as Zero>::zero() {
                // Exactly ±1 for real types (u·(1/|u|) may round).
                sign = -sign;
            }
            logabs += Float::ln(r);
        }
        if T::IS_COMPLEX {
            // Renormalize: n rounded unit factors drift off the unit circle.
            sign *= T::from_real(<T::Real as One>::one() / sign.modulus());
        }
        Ok((sign, logabs))
    }

    /// [`linalg::lstsq`](crate::linalg::lstsq) on this engine: minimum-norm
    /// least squares by the SVD.
    ///
    /// # Errors
    /// As [`linalg::lstsq`](crate::linalg::lstsq).
    pub fn lstsq<T: Scalar>(
        &self,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        rcond: Option<T::Real>,
    ) -> Result<Lstsq<T>> {
        let (m, n) = a.shape();
        rows("lstsq", "b", b.nrows(), m)?;
        not_nan("rcond", rcond)?;
        let ThinSvd { u, s, vt } = self.thin_svd(a)?;
        let rank = rank_above(&s, effective_rcond::<T>(rcond, m, n));
        // X = V·Σ⁺·(Uᴴ·B)
        let mut c = Mat::try_zeros(s.len(), b.ncols())?;
        self.gemm(
            Trans::ConjTrans,
            Trans::No,
            T::one(),
            u.as_ref(),
            b,
            T::zero(),
            c.as_mut(),
        )?;
        for i in 0..c.nrows() {
            let f = if i < rank {
                T::from_real(<T::Real as One>::one() / s[i])
            } else {
                T::zero()
            };
            for j in 0..c.ncols() {
                c[(i, j)] *= f;
            }
        }
        let mut x = Mat::try_zeros(n, b.ncols())?;
        self.gemm(
            Trans::ConjTrans,
            Trans::No,
            T::one(),
            vt.as_ref(),
            c.as_ref(),
            T::zero(),
            x.as_mut(),
        )?;
        let residuals = if rank == n && m > n {
            let mut r = b.try_to_owned()?;
            self.gemm(
                Trans::No,
                Trans::No,
                -T::one(),
                a,
                x.as_ref(),
                T::one(),
                r.as_mut(),
            )?;
            (0..r.ncols())
                .map(|j| self.nrm2(r.as_ref().col(j)).map(|v| v * v))
                .collect::<Result<Vec<_>>>()?
        } else {
            Vec::new()
        };
        Ok(Lstsq {
            x,
            residuals,
            rank,
            s,
        })
    }

    /// [`linalg::pinv`](crate::linalg::pinv) on this engine: `A⁺ = V·Σ⁺·Uᴴ`.
    ///
    /// # Errors
    /// As [`linalg::pinv`](crate::linalg::pinv).
    pub fn pinv<T: Scalar>(&self, a: MatRef<'_, T>, rcond: Option<T::Real>) -> Result<Mat<T>> {
        let (m, n) = a.shape();
        not_nan("rcond", rcond)?;
        let ThinSvd { u, s, vt } = self.thin_svd(a)?;
        let rank = rank_above(&s, effective_rcond::<T>(rcond, m, n));
        // Σ⁺·Uᴴ, k × m (rows past the rank are zero).
        let d = Mat::try_from_fn(s.len(), m, |i, j| {
            if i < rank {
                u[(j, i)].conj() * T::from_real(<T::Real as One>::one() / s[i])
            } else {
                T::zero()
            }
        })?;
        let mut p = Mat::try_zeros(n, m)?;
        self.gemm(
            Trans::ConjTrans,
            Trans::No,
            T::one(),
            vt.as_ref(),
            d.as_ref(),
            T::zero(),
            p.as_mut(),
        )?;
        Ok(p)
    }
}

/// How many of the descending `s` exceed `rcond·s[0]`.
fn rank_above<R: linmux_core::RealScalar>(s: &[R], rcond: R) -> usize {
    match s.first() {
        Some(&smax) => s.iter().take_while(|&&v| v > rcond * smax).count(),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use num_traits::Float;

    use super::super::testutil::*;
    use super::*;
    use crate::linalg::real_usize;

    /// A well-conditioned square matrix: random entries plus `n` on the diagonal.
    fn dominant<T: Scalar>(rng: &mut Rng, n: usize) -> Mat<T> {
        let mut a = data::random_mat::<T>(rng, n, n);
        for i in 0..n {
            a[(i, i)] += T::from_real(real_usize(n));
        }
        a
    }

    fn solve_residual<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(21);
        for n in [0, 1, 2, 5, 9] {
            for nrhs in [0, 1, 3] {
                let a = dominant::<T>(&mut rng, n);
                let b = data::random_mat::<T>(&mut rng, n, nrhs);
                let a0 = a.clone();
                let x = e.solve(a.as_ref(), b.as_ref()).unwrap();
                assert_eq!(a, a0, "input must not be modified");
                assert_eq!(x.shape(), (n, nrhs));
                let r = diff(naive_mul(a.as_ref(), x.as_ref()).as_ref(), b.as_ref());
                // Backward stable LU: ‖A·X − B‖ ≤ c·n·ε·‖A‖·‖X‖, c = 30.
                let bound = tol::<T>(30.0, n) * fro(a.as_ref()) * fro(x.as_ref());
                assert!(r <= bound, "n={n} nrhs={nrhs}: {r:?} > {bound:?}");
                // A transposed (strided) view is solved as the matrix it shows.
                let at = a.transpose();
                let xt = e.solve(at.as_ref().transpose(), b.as_ref()).unwrap();
                assert!(diff(xt.as_ref(), x.as_ref()) <= bound * real::<T>(10.0));
            }
        }
    }

    #[test]
    fn solve_all_types() {
        for_all_scalars!(solve_residual);
    }

    /// 3×3 with an exactly zero second column: U(2, 2) = 0 exactly.
    fn zero_column<T: Scalar>() -> Mat<T> {
        Mat::from_fn(3, 3, |i, j| {
            if j == 1 {
                T::zero()
            } else {
                T::from_real(real::<T>(
                    1.0 + 2.0 * f64::from(u8::try_from(i + j).unwrap_or(0)),
                ))
            }
        })
    }

    fn singular_cases<T: Scalar>() {
        let e = engine();
        let a = zero_column::<T>();
        let b = Mat::<T>::identity(3);
        assert!(matches!(
            e.solve(a.as_ref(), b.as_ref()),
            Err(Error::Singular { pivot: 2 })
        ));
        assert!(matches!(
            e.inv(a.as_ref()),
            Err(Error::Singular { pivot: 2 })
        ));
        assert_eq!(e.det(a.as_ref()).unwrap(), T::zero());
        let (sign, logabs) = e.slogdet(a.as_ref()).unwrap();
        assert_eq!(sign, T::zero());
        assert!(logabs.is_infinite() && logabs < real::<T>(0.0));
    }

    #[test]
    fn singular_all_types() {
        for_all_scalars!(singular_cases);
    }

    fn inv_residual<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(22);
        for n in [1, 2, 6, 10] {
            let a = dominant::<T>(&mut rng, n);
            let ai = e.inv(a.as_ref()).unwrap();
            let r = diff(
                naive_mul(a.as_ref(), ai.as_ref()).as_ref(),
                Mat::identity(n).as_ref(),
            );
            // ‖A·A⁻¹ − I‖ ≤ c·n·ε·‖A‖·‖A⁻¹‖, c = 30.
            let bound = tol::<T>(30.0, n) * fro(a.as_ref()) * fro(ai.as_ref());
            assert!(r <= bound, "n={n}: {r:?} > {bound:?}");
        }
        assert_eq!(
            e.inv(Mat::<T>::zeros(0, 0).as_ref()).unwrap().shape(),
            (0, 0)
        );
    }

    #[test]
    fn inv_all_types() {
        for_all_scalars!(inv_residual);
    }

    fn det_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(23);
        for n in [1, 2, 5, 8] {
            // Upper triangular with a nonzero diagonal: det = Π tᵢᵢ, no pivoting.
            let t = Mat::from_fn(n, n, |i, j| {
                if i < j {
                    data::random_scalar::<T>(&mut rng)
                } else if i == j {
                    data::random_scalar::<T>(&mut rng) + T::from_real(real::<T>(1.5))
                } else {
                    T::zero()
                }
            });
            let want = (0..n).fold(T::one(), |p, i| p * t[(i, i)]);
            // The product of n rounded factors: relative error ≤ c·n·ε, c = 4.
            let bound = tol::<T>(4.0, n) * want.modulus();
            let d = e.det(t.as_ref()).unwrap();
            assert!((d - want).modulus() <= bound, "n={n}: {d:?} vs {want:?}");
            // Lower triangular: pivoting happens, the determinant does not change.
            let d = e.det(t.as_ref().transpose()).unwrap();
            assert!((d - want).modulus() <= bound * real::<T>(4.0), "n={n}");
            // Swapping two rows flips the sign.
            if n >= 2 {
                let s = Mat::from_fn(n, n, |i, j| t[(if i < 2 { 1 - i } else { i }, j)]);
                let d = e.det(s.as_ref()).unwrap();
                assert!((d + want).modulus() <= bound * real::<T>(4.0), "n={n}");
            }
            // slogdet agrees with det.
            let (sign, logabs) = e.slogdet(t.as_ref()).unwrap();
            assert!((sign.modulus() - real::<T>(1.0)).abs() <= tol::<T>(4.0, n));
            let back = sign * T::from_real(Float::exp(logabs));
            assert!((back - want).modulus() <= bound * real::<T>(4.0), "n={n}");
        }
        // det(A·B) = det A · det B, random A, B.
        let a = dominant::<T>(&mut rng, 6);
        let b = dominant::<T>(&mut rng, 6);
        let ab = naive_mul(a.as_ref(), b.as_ref());
        let (da, db, dab) = (
            e.det(a.as_ref()).unwrap(),
            e.det(b.as_ref()).unwrap(),
            e.det(ab.as_ref()).unwrap(),
        );
        assert!((dab - da * db).modulus() <= tol::<T>(200.0, 6) * dab.modulus());
        // NumPy's empty conventions.
        let empty = Mat::<T>::zeros(0, 0);
        assert_eq!(e.det(empty.as_ref()).unwrap(), T::one());
        assert_eq!(
            e.slogdet(empty.as_ref()).unwrap(),
            (T::one(), real::<T>(0.0))
        );
    }

    #[test]
    fn det_all_types() {
        for_all_scalars!(det_cases);
    }

    #[test]
    fn slogdet_does_not_overflow() {
        let e = engine();
        // det = (−10)³³¹ ≈ −10³³¹ overflows f64.
        let a = Mat::from_fn(331, 331, |i, j| if i == j { -10.0f64 } else { 0.0 });
        assert_eq!(e.det(a.as_ref()).unwrap(), f64::NEG_INFINITY);
        let (sign, logabs) = e.slogdet(a.as_ref()).unwrap();
        assert_eq!(sign, -1.0);
        assert!((logabs - 331.0 * 10f64.ln()).abs() <= tol::<f64>(4.0, 331) * logabs);
    }

    /// `‖Aᴴ·(A·X − B)‖`: zero at any least-squares solution.
    fn normal_residual<T: Scalar>(a: &Mat<T>, x: &Mat<T>, b: &Mat<T>) -> T::Real {
        let ax = naive_mul(a.as_ref(), x.as_ref());
        let r = Mat::from_fn(b.nrows(), b.ncols(), |i, j| ax[(i, j)] - b[(i, j)]);
        fro(naive_mul(a.as_ref().adjoint(), r.as_ref()).as_ref())
    }

    fn lstsq_full_rank<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(24);
        let (m, n, nrhs) = (12, 5, 2);
        let a = data::random_mat::<T>(&mut rng, m, n);
        let b = data::random_mat::<T>(&mut rng, m, nrhs);
        let f = e.lstsq(a.as_ref(), b.as_ref(), None).unwrap();
        assert_eq!((f.rank, f.x.shape(), f.s.len()), (n, (n, nrhs), n));
        let (na, nb, nx) = (fro(a.as_ref()), fro(b.as_ref()), fro(f.x.as_ref()));
        let kappa = f.s[0] / f.s[n - 1];
        // Normal equations hold: ‖Aᴴ(AX − B)‖ ≤ c·m·ε·‖A‖·(‖A‖‖X‖ + ‖B‖), c = 30.
        let bound = tol::<T>(30.0, m) * na * (na * nx + nb);
        assert!(normal_residual(&a, &f.x, &b) <= bound);
        // Same X as solving the normal equations AᴴA·X = AᴴB (which square κ).
        let aha = naive_mul(a.as_ref().adjoint(), a.as_ref());
        let ahb = naive_mul(a.as_ref().adjoint(), b.as_ref());
        let xne = e.solve(aha.as_ref(), ahb.as_ref()).unwrap();
        let bound = tol::<T>(30.0, m) * kappa * kappa * nx;
        assert!(diff(xne.as_ref(), f.x.as_ref()) <= bound);
        // Residuals are ‖bⱼ − A·xⱼ‖².
        assert_eq!(f.residuals.len(), nrhs);
        let ax = naive_mul(a.as_ref(), f.x.as_ref());
        for j in 0..nrhs {
            let want = (0..m).fold(real::<T>(0.0), |s, i| s + (b[(i, j)] - ax[(i, j)]).abs2());
            assert!((f.residuals[j] - want).abs() <= tol::<T>(30.0, m) * nb * nb);
        }
    }

    fn lstsq_rank_deficient<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(25);
        let (m, n) = (10, 6);
        // The last column repeats the first: v = e₀ − e₅ spans the null space.
        let mut a = data::random_mat::<T>(&mut rng, m, n);
        for i in 0..m {
            a[(i, n - 1)] = a[(i, 0)];
        }
        let b = data::random_mat::<T>(&mut rng, m, 2);
        let f = e.lstsq(a.as_ref(), b.as_ref(), None).unwrap();
        assert_eq!(f.rank, n - 1);
        assert!(f.residuals.is_empty(), "NumPy: no residuals when rank < n");
        let (na, nb, nx) = (fro(a.as_ref()), fro(b.as_ref()), fro(f.x.as_ref()));
        let kappa = f.s[0] / f.s[n - 2];
        assert!(normal_residual(&a, &f.x, &b) <= tol::<T>(30.0, m) * na * (na * nx + nb));
        // Minimum norm: X is orthogonal to the null space, vᴴ·xⱼ = x₀ⱼ − x₅ⱼ = 0.
        for j in 0..2 {
            let vx = (f.x[(0, j)] - f.x[(n - 1, j)]).modulus();
            assert!(vx <= tol::<T>(30.0, m) * kappa * nx, "{vx:?}");
        }
        // rcond above σ₂/σ₁ truncates further.
        let r = f.s[1] / f.s[0] * real::<T>(1.01);
        assert_eq!(e.lstsq(a.as_ref(), b.as_ref(), Some(r)).unwrap().rank, 1);
    }

    fn lstsq_underdetermined<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(26);
        let (m, n) = (4, 7);
        let a = data::random_mat::<T>(&mut rng, m, n);
        let b = data::random_mat::<T>(&mut rng, m, 1);
        let f = e.lstsq(a.as_ref(), b.as_ref(), None).unwrap();
        assert_eq!(f.rank, m);
        assert!(f.residuals.is_empty());
        // The minimum-norm solution is Aᴴ·(AAᴴ)⁻¹·B.
        let aah = naive_mul(a.as_ref(), a.as_ref().adjoint());
        let y = e.solve(aah.as_ref(), b.as_ref()).unwrap();
        let want = naive_mul(a.as_ref().adjoint(), y.as_ref());
        let kappa = f.s[0] / f.s[m - 1];
        let bound = tol::<T>(30.0, n) * kappa * kappa * fro(want.as_ref());
        assert!(diff(f.x.as_ref(), want.as_ref()) <= bound);
    }

    #[test]
    fn lstsq_all_types() {
        for_all_scalars!(lstsq_full_rank);
        for_all_scalars!(lstsq_rank_deficient);
        for_all_scalars!(lstsq_underdetermined);
    }

    #[test]
    fn lstsq_empty_shapes() {
        let e = engine();
        let b = Mat::from_rows(&[[3.0f64, 1.0], [4.0, 0.0]]);
        // n = 0: nothing to fit, the residual is all of b.
        let a = Mat::<f64>::zeros(2, 0);
        let f = e.lstsq(a.as_ref(), b.as_ref(), None).unwrap();
        assert_eq!((f.x.shape(), f.rank, f.s.len()), ((0, 2), 0, 0));
        assert_eq!(f.residuals, [25.0, 1.0]);
        // m = 0: x = 0.
        let a = Mat::<f64>::zeros(0, 3);
        let f = e
            .lstsq(a.as_ref(), Mat::zeros(0, 2).as_ref(), None)
            .unwrap();
        assert_eq!(f.x, Mat::zeros(3, 2));
        assert!(f.residuals.is_empty());
    }

    fn penrose<T: Scalar>(a: &Mat<T>, p: &Mat<T>) {
        let (m, n) = a.shape();
        assert_eq!(p.shape(), (n, m));
        let (na, np) = (fro(a.as_ref()), fro(p.as_ref()));
        let ap = naive_mul(a.as_ref(), p.as_ref());
        let pa = naive_mul(p.as_ref(), a.as_ref());
        // Each condition to c·max(m, n)·ε times the product of the norms involved, c = 50.
        let u = tol::<T>(50.0, m.max(n));
        let apa = naive_mul(ap.as_ref(), a.as_ref());
        assert!(diff(apa.as_ref(), a.as_ref()) <= u * na * na * np);
        let pap = naive_mul(pa.as_ref(), p.as_ref());
        assert!(diff(pap.as_ref(), p.as_ref()) <= u * np * np * na);
        assert!(diff(ap.adjoint().as_ref(), ap.as_ref()) <= u * na * np);
        assert!(diff(pa.adjoint().as_ref(), pa.as_ref()) <= u * na * np);
    }

    fn pinv_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(27);
        for (m, n) in [(1, 1), (6, 6), (9, 4), (4, 9)] {
            let a = data::random_mat::<T>(&mut rng, m, n);
            let p = e.pinv(a.as_ref(), None).unwrap();
            penrose(&a, &p);
        }
        // Rank deficient: a repeated column.
        let mut a = data::random_mat::<T>(&mut rng, 7, 5);
        for i in 0..7 {
            a[(i, 4)] = a[(i, 2)];
        }
        penrose(&a, &e.pinv(a.as_ref(), None).unwrap());
        // Square invertible: pinv = inv.
        let a = dominant::<T>(&mut rng, 5);
        let (p, ai) = (
            e.pinv(a.as_ref(), None).unwrap(),
            e.inv(a.as_ref()).unwrap(),
        );
        let bound = tol::<T>(50.0, 5) * fro(a.as_ref()) * fro(ai.as_ref()) * fro(ai.as_ref());
        assert!(diff(p.as_ref(), ai.as_ref()) <= bound);
        assert_eq!(
            e.pinv(Mat::<T>::zeros(0, 3).as_ref(), None)
                .unwrap()
                .shape(),
            (3, 0)
        );
        // The zero matrix's pseudo-inverse is zero.
        let z = e.pinv(Mat::<T>::zeros(2, 3).as_ref(), None).unwrap();
        assert_eq!(z, Mat::zeros(3, 2));
    }

    #[test]
    fn pinv_all_types() {
        for_all_scalars!(pinv_cases);
    }

    #[test]
    fn invalid_arguments_are_named() {
        let e = engine();
        let rect = Mat::<f64>::zeros(2, 3);
        let sq = Mat::<f64>::identity(3);
        let b2 = Mat::<f64>::zeros(2, 1);
        let a_square = |r: Result<()>| {
            assert!(
                matches!(r, Err(Error::DimensionMismatch { arg: "a", .. })),
                "{r:?}"
            );
        };
        a_square(e.solve(rect.as_ref(), b2.as_ref()).map(drop));
        a_square(e.inv(rect.as_ref()).map(drop));
        a_square(e.det(rect.as_ref()).map(drop));
        a_square(e.slogdet(rect.as_ref()).map(drop));
        assert!(matches!(
            e.solve(sq.as_ref(), b2.as_ref()),
            Err(Error::DimensionMismatch {
                op: "solve",
                arg: "b",
                ..
            })
        ));
        assert!(matches!(
            e.lstsq(rect.as_ref(), Mat::<f64>::zeros(3, 1).as_ref(), None),
            Err(Error::DimensionMismatch {
                op: "lstsq",
                arg: "b",
                ..
            })
        ));
        assert!(matches!(
            e.lstsq(rect.as_ref(), b2.as_ref(), Some(f64::NAN)),
            Err(Error::InvalidArgument { arg: "rcond", .. })
        ));
        assert!(matches!(
            e.pinv(rect.as_ref(), Some(f64::NAN)),
            Err(Error::InvalidArgument { arg: "rcond", .. })
        ));
    }

    /// NaN and ∞ entries: every LAPACK-backed function returns
    /// `Error::NonFinite` naming `a` (or `b`), never a panic or a result.
    #[test]
    fn non_finite_entries_are_rejected_by_lapack_backed_functions() {
        use crate::linalg::{NormKind, QrMode, SvdJob, Uplo};
        let e = engine();
        for bad in [f64::NAN, f64::INFINITY] {
            let a = Mat::from_fn(4, 4, |i, j| {
                if (i, j) == (1, 2) {
                    bad
                } else {
                    1.0 / (1.0 + (i + j) as f64)
                }
            });
            let b = Mat::<f64>::identity(4);
            let nonfinite = |r: Result<(), Error>, what: &str| {
                assert!(
                    matches!(
                        r,
                        Err(Error::NonFinite {
                            arg: "a",
                            row: 1,
                            col: 2,
                            ..
                        })
                    ),
                    "{what}: {r:?}"
                );
            };
            nonfinite(e.solve(a.as_ref(), b.as_ref()).map(drop), "solve");
            nonfinite(e.inv(a.as_ref()).map(drop), "inv");
            nonfinite(e.det(a.as_ref()).map(drop), "det");
            nonfinite(e.slogdet(a.as_ref()).map(drop), "slogdet");
            nonfinite(e.lstsq(a.as_ref(), b.as_ref(), None).map(drop), "lstsq");
            nonfinite(e.pinv(a.as_ref(), None).map(drop), "pinv");
            nonfinite(e.lu(a.as_ref()).map(drop), "lu");
            nonfinite(e.qr(a.as_ref(), QrMode::Complete).map(drop), "qr");
            nonfinite(e.svd(a.as_ref(), SvdJob::Full).map(drop), "svd");
            nonfinite(e.eig(a.as_ref()).map(drop), "eig");
            nonfinite(e.norm(a.as_ref(), NormKind::Two).map(drop), "norm 2");
            nonfinite(e.matrix_rank(a.as_ref(), None).map(drop), "matrix_rank");
            nonfinite(e.cond(a.as_ref(), NormKind::One).map(drop), "cond");
            // Only the triangle that is read is checked: (1, 2) is in the
            // upper one.
            nonfinite(e.cholesky(a.as_ref(), Uplo::Upper).map(drop), "cholesky");
            nonfinite(e.eigh(a.as_ref(), Uplo::Upper).map(drop), "eigh");
            assert!(!matches!(
                e.eigh(a.as_ref(), Uplo::Lower),
                Err(Error::NonFinite { .. })
            ));
            // BLAS-backed: propagated.
            let p = e.matmul(a.as_ref(), b.as_ref()).expect("matmul");
            assert!(!p[(1, 2)].is_finite());
            assert!(!e.norm(a.as_ref(), NormKind::Fro).expect("fro").is_finite());
        }
    }

    #[test]
    fn free_functions_run_on_the_current_engine() {
        let e = engine();
        let _scope = e.scoped();
        e.reset_provenance();
        let a = Mat::from_rows(&[[2.0f64, 1.0], [1.0, 3.0]]);
        let x = crate::linalg::solve(a.as_ref(), Mat::identity(2).as_ref());
        let served_by = e
            .info()
            .lapack_provider
            .clone()
            .unwrap_or_else(|| e.info().name.clone());
        assert!(e.provenance().total(&served_by) > 0);
        assert_eq!(x.unwrap().shape(), (2, 2));
    }
}
