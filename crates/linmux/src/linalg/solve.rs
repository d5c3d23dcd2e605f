//! Linear systems, inverses, determinants (LU) and least squares, pseudo-inverse (SVD).

use num_traits::{Float, One, Zero};

use linmux_core::{Error, Mat, MatRef, Result, Scalar, Trans};

use super::{Lstsq, effective_rcond, forward, not_nan, rows, square};
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
    /// let a = Mat::from_rows(&[[3.0, 1.0], [1.0, 2.0]]);
    /// let b = Mat::from_rows(&[[9.0], [8.0]]);
    /// let x = linalg::solve(a.as_ref(), b.as_ref())?;
    /// assert!((x[(0, 0)] - 2.0).abs() < 1e-14 && (x[(1, 0)] - 3.0).abs() < 1e-14);
    ///
    /// let singular = Mat::from_rows(&[[1.0, 2.0], [2.0, 4.0]]);
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
    /// let a = Mat::from_rows(&[[4.0, 7.0], [2.0, 6.0]]);
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
    /// let a = Mat::from_rows(&[[1.0, 2.0], [3.0, 4.0]]);
    /// assert!((linalg::det(a.as_ref())? + 2.0).abs() < 1e-14);
    /// let singular = Mat::from_rows(&[[1.0, 2.0], [2.0, 4.0]]);
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
    /// let a = Mat::from_fn(200, 200, |i, j| if i == j { 10.0 } else { 0.0 });
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
    /// let a = Mat::from_rows(&[[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]);
    /// let b = Mat::from_rows(&[[1.0], [3.0], [5.0], [7.5]]);
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
    /// let a = Mat::from_rows(&[[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]); // rank 1
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

impl Engine {
    pub(super) fn lu_factors<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<LuFactors<T>> {
        let mut lu = a.to_owned();
        let mut ipiv = vec![0; a.nrows().min(a.ncols())];
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

    /// The thin SVD `A = U·Σ·Vᴴ` of a copy of `a`: `(U, σ, Vᴴ)`.
    pub(super) fn thin_svd<T: Scalar>(
        &self,
        a: MatRef<'_, T>,
    ) -> Result<(Mat<T>, Vec<T::Real>, Mat<T>)> {
        let (m, n) = a.shape();
        let k = m.min(n);
        let mut work = a.to_owned();
        let mut s = vec![<T::Real as Zero>::zero(); k];
        let mut u = Mat::zeros(m, k);
        let mut vt = Mat::zeros(k, n);
        self.gesdd(
            linmux_core::SvdJob::Thin,
            work.as_mut(),
            &mut s,
            Some(u.as_mut()),
            Some(vt.as_mut()),
        )?;
        Ok((u, s, vt))
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
        let mut x = b.to_owned();
        self.getrs(Trans::No, f.lu.as_ref(), &f.ipiv, x.as_mut())?;
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
        self.getri(f.lu.as_mut(), &f.ipiv)?;
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
            sign *= u * T::from_real(<T::Real as One>::one() / r);
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
        let (u, s, vt) = self.thin_svd(a)?;
        let rank = rank_above(&s, effective_rcond::<T>(rcond, m, n));
        // X = V·Σ⁺·(Uᴴ·B)
        let mut c = Mat::zeros(s.len(), b.ncols());
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
        let mut x = Mat::zeros(n, b.ncols());
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
            let mut r = b.to_owned();
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
        let (u, s, vt) = self.thin_svd(a)?;
        let rank = rank_above(&s, effective_rcond::<T>(rcond, m, n));
        // Σ⁺·Uᴴ, k × m (rows past the rank are zero).
        let d = Mat::from_fn(s.len(), m, |i, j| {
            if i < rank {
                u[(j, i)].conj() * T::from_real(<T::Real as One>::one() / s[i])
            } else {
                T::zero()
            }
        });
        let mut p = Mat::zeros(n, m);
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
