//! Factorizations: Cholesky, LU, QR, SVD, Hermitian and general eigen.

use num_traits::Zero;

use linmux_core::{EigJob, Mat, MatRef, Result, Scalar, SvdJob, Uplo, try_vec};

use super::{Lu, Qr, QrMode, Svd, forward, square};
use crate::engine::Engine;

forward! {
    /// The Cholesky factor of a Hermitian (symmetric) positive definite `A`:
    /// `L` with `A = L·Lᴴ` for [`Uplo::Lower`] (NumPy's default), `U` with
    /// `A = Uᴴ·U` for [`Uplo::Upper`]. The other triangle of the result is zero.
    ///
    /// Only the `uplo` triangle of `a` is read; the other is assumed to be its
    /// conjugate mirror and is not checked (as NumPy and LAPACK).
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`](crate::Error::DimensionMismatch) naming `a`
    /// if it is not square; [`Error::NotPositiveDefinite`](crate::Error::NotPositiveDefinite)
    /// with the order of the first leading minor that is not.
    ///
    /// ```
    /// use linmux::{Mat, Uplo, linalg};
    /// let a = Mat::<f64>::from_rows(&[[4.0, 2.0], [2.0, 5.0]]);
    /// let l = linalg::cholesky(a.as_ref(), Uplo::Lower)?;
    /// assert_eq!(l, Mat::from_rows(&[[2.0, 0.0], [1.0, 2.0]]));
    /// let not_pd = Mat::<f64>::from_rows(&[[1.0, 2.0], [2.0, 1.0]]);
    /// assert!(matches!(
    ///     linalg::cholesky(not_pd.as_ref(), Uplo::Lower),
    ///     Err(linmux::Error::NotPositiveDefinite { minor: 2 })
    /// ));
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.cholesky", alias = "potrf", alias = "dpotrf")]
    pub fn cholesky<T: Scalar>(a: MatRef<'_, T>, uplo: Uplo) -> Mat<T>;

    /// LU factorization with partial pivoting of an `m × n` matrix,
    /// `A = P·L·U` (SciPy's `scipy.linalg.lu`): `L` is `m × k` unit lower
    /// trapezoidal, `U` is `k × n` upper trapezoidal, `k = min(m, n)`.
    ///
    /// A singular `A` is not an error (`U` then has a zero on its diagonal).
    ///
    /// # Errors
    /// Only a backend failure.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[1.0, 2.0], [4.0, 3.0]]);
    /// let f = linalg::lu(a.as_ref())?;
    /// assert_eq!(f.perm, [1, 0]); // row 0 of L·U is row 1 of A
    /// assert_eq!(f.l, Mat::from_rows(&[[1.0, 0.0], [0.25, 1.0]]));
    /// assert_eq!(f.u, Mat::from_rows(&[[4.0, 3.0], [0.0, 1.25]]));
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "scipy.linalg.lu", alias = "getrf", alias = "dgetrf")]
    pub fn lu<T: Scalar>(a: MatRef<'_, T>) -> Lu<T>;

    /// QR factorization `A = Q·R` of an `m × n` matrix: `Q` has orthonormal
    /// columns (`QᴴQ = I`), `R` is upper triangular (trapezoidal). Shapes
    /// follow NumPy's `mode`, see [`QrMode`].
    ///
    /// The factors are those of LAPACK's Householder QR (`geqrf` + `ungqr`),
    /// made canonical: the diagonal of `R` is real and non-negative (unlike
    /// NumPy, whose signs depend on the LAPACK it runs on), so that every
    /// backend returns the same factors up to rounding. For full column rank
    /// this is the unique QR factorization.
    ///
    /// # Errors
    /// Only a backend failure.
    ///
    /// ```
    /// use linmux::{Mat, linalg::{self, QrMode}};
    /// let a = Mat::<f64>::from_rows(&[[3.0, 1.0], [4.0, 2.0], [0.0, 5.0]]);
    /// let f = linalg::qr(a.as_ref(), QrMode::Reduced)?;
    /// let q = f.q.unwrap();
    /// assert_eq!((q.shape(), f.r.shape()), ((3, 2), (2, 2)));
    /// assert!((f.r[(0, 0)] - 5.0).abs() < 1e-14 && f.r[(1, 0)] == 0.0);
    /// let qr = linalg::matmul(q.as_ref(), f.r.as_ref())?;
    /// assert!((qr[(2, 1)] - 5.0).abs() < 1e-14);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.qr", alias = "geqrf", alias = "dgeqrf")]
    pub fn qr<T: Scalar>(a: MatRef<'_, T>, mode: QrMode) -> Qr<T>;

    /// Singular value decomposition `A = U·Σ·Vᴴ` of an `m × n` matrix
    /// (`gesdd`), `k = min(m, n)`.
    ///
    /// `s` holds `σ₁ ≥ … ≥ σ_k ≥ 0`. [`SvdJob::Full`] gives `U` `m × m` and
    /// `Vᴴ` `n × n` (NumPy's `full_matrices=True`), [`SvdJob::Thin`] `m × k`
    /// and `k × n` (`full_matrices=False`), [`SvdJob::ValuesOnly`] only `s`
    /// (`compute_uv=False`). NumPy's `vh` is `vt` here. The singular vectors
    /// are canonical (see [`Engine::gesdd`](crate::Engine::gesdd)).
    ///
    /// # Errors
    /// [`Error::NoConvergence`](crate::Error::NoConvergence).
    ///
    /// ```
    /// use linmux::{Mat, linalg::{self, NormKind, SvdJob}};
    /// let a = Mat::<f64>::from_rows(&[
    ///     [2.0, -1.0, 0.5],
    ///     [1.0, 3.0, -2.0],
    ///     [0.0, 1.5, 4.0],
    ///     [-1.0, 0.25, 1.0],
    /// ]);
    /// let svd = linalg::svd(a.as_ref(), SvdJob::Thin)?;
    /// let (u, vt) = (svd.u.unwrap(), svd.vt.unwrap());
    /// assert_eq!((u.shape(), svd.s.len(), vt.shape()), ((4, 3), 3, (3, 3)));
    /// // ‖A − U·Σ·Vᵀ‖_F ≤ 10·ε·‖A‖_F
    /// let us = Mat::from_fn(4, 3, |i, j| u[(i, j)] * svd.s[j]);
    /// let usvt = linalg::matmul(us.as_ref(), vt.as_ref())?;
    /// let r = Mat::from_fn(4, 3, |i, j| a[(i, j)] - usvt[(i, j)]);
    /// let err = linalg::norm(r.as_ref(), NormKind::Fro)?;
    /// assert!(err <= 10.0 * f64::EPSILON * linalg::norm(a.as_ref(), NormKind::Fro)?);
    /// assert!(svd.s.windows(2).all(|w| w[0] >= w[1]));
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.svd", alias = "gesdd", alias = "dgesdd")]
    pub fn svd<T: Scalar>(a: MatRef<'_, T>, job: SvdJob) -> Svd<T>;

    /// The singular values of `A`, descending (NumPy 2's `svdvals`; the same
    /// as `svd(a, SvdJob::ValuesOnly).s`).
    ///
    /// # Errors
    /// [`Error::NoConvergence`](crate::Error::NoConvergence).
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[0.0, 2.0], [-3.0, 0.0]]);
    /// let s = linalg::svdvals(a.as_ref())?;
    /// assert!((s[0] - 3.0).abs() < 1e-15 && (s[1] - 2.0).abs() < 1e-15);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.svdvals", alias = "scipy.linalg.svdvals")]
    pub fn svdvals<T: Scalar>(a: MatRef<'_, T>) -> Vec<T::Real>;

    /// Eigendecomposition of a Hermitian (symmetric) `A = V·Λ·Vᴴ` (`heevd`):
    /// the real eigenvalues ascending, and the orthonormal eigenvectors as the
    /// columns of `V` (canonical phases).
    ///
    /// Only the `uplo` triangle of `a` is read (NumPy's `UPLO`, default
    /// [`Uplo::Lower`]); the diagonal's imaginary parts are ignored.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`](crate::Error::DimensionMismatch) naming `a`
    /// if it is not square; [`Error::NoConvergence`](crate::Error::NoConvergence).
    ///
    /// ```
    /// use linmux::{Mat, Uplo, linalg};
    /// let a = Mat::<f64>::from_rows(&[[2.0, 1.0], [1.0, 2.0]]);
    /// let (w, v) = linalg::eigh(a.as_ref(), Uplo::Lower)?;
    /// assert!((w[0] - 1.0).abs() < 1e-14 && (w[1] - 3.0).abs() < 1e-14);
    /// let h = 0.5f64.sqrt();
    /// assert!((v[(0, 1)] - h).abs() < 1e-14 && (v[(1, 1)] - h).abs() < 1e-14);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.eigh", alias = "syevd", alias = "heevd")]
    pub fn eigh<T: Scalar>(a: MatRef<'_, T>, uplo: Uplo) -> (Vec<T::Real>, Mat<T>);

    /// The eigenvalues of a Hermitian (symmetric) matrix, ascending; see [`eigh`].
    ///
    /// # Errors
    /// As [`eigh`].
    ///
    /// ```
    /// use linmux::{Mat, Uplo, linalg};
    /// let a = Mat::<f64>::from_rows(&[[2.0, 1.0], [1.0, 2.0]]);
    /// let w = linalg::eigvalsh(a.as_ref(), Uplo::Upper)?;
    /// assert!((w[0] - 1.0).abs() < 1e-14 && (w[1] - 3.0).abs() < 1e-14);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.eigvalsh")]
    pub fn eigvalsh<T: Scalar>(a: MatRef<'_, T>, uplo: Uplo) -> Vec<T::Real>;

    /// Eigendecomposition of a general square `A` (`geev`): eigenvalues `λᵢ`
    /// and right eigenvectors `vᵢ` (columns of `V`, unit 2-norm, canonical
    /// phase) with `A·vᵢ = λᵢ·vᵢ`.
    ///
    /// Results are complex even for real `A` (NumPy returns real arrays when
    /// every eigenvalue happens to be real; here the type does not depend on
    /// the values). The eigenvalues come in the canonical order, real part
    /// ascending, then imaginary part descending (see
    /// [`Engine::geev`](crate::Engine::geev)); NumPy leaves LAPACK's order.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`](crate::Error::DimensionMismatch) naming `a`
    /// if it is not square; [`Error::NoConvergence`](crate::Error::NoConvergence).
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let rot = Mat::<f64>::from_rows(&[[0.0, -1.0], [1.0, 0.0]]); // eigenvalues ±i
    /// let (w, v) = linalg::eig(rot.as_ref())?;
    /// for k in 0..2 {
    ///     assert!((w[k].re.abs() < 1e-14) && ((w[k].im.abs() - 1.0).abs() < 1e-14));
    ///     // (A·v − λ·v)₀ = −v₁ − λ·v₀
    ///     assert!((-v[(1, k)] - w[k] * v[(0, k)]).norm() < 1e-14);
    /// }
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.eig", alias = "geev", alias = "dgeev")]
    pub fn eig<T: Scalar>(a: MatRef<'_, T>) -> (Vec<T::Complex>, Mat<T::Complex>);

    /// The eigenvalues of a general square matrix (complex); see [`eig`].
    ///
    /// # Errors
    /// As [`eig`].
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[1.0, 5.0], [0.0, 2.0]]);
    /// let mut w: Vec<f64> = linalg::eigvals(a.as_ref())?.iter().map(|z| z.re).collect();
    /// w.sort_by(f64::total_cmp);
    /// assert!((w[0] - 1.0).abs() < 1e-14 && (w[1] - 2.0).abs() < 1e-14);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.linalg.eigvals")]
    pub fn eigvals<T: Scalar>(a: MatRef<'_, T>) -> Vec<T::Complex>;
}

impl Engine {
    /// [`linalg::cholesky`](crate::linalg::cholesky) on this engine.
    ///
    /// # Errors
    /// As [`linalg::cholesky`](crate::linalg::cholesky).
    pub fn cholesky<T: Scalar>(&self, a: MatRef<'_, T>, uplo: Uplo) -> Result<Mat<T>> {
        let n = square("cholesky", "a", a.shape())?;
        let mut c = a.try_to_owned()?;
        self.potrf(uplo, c.as_mut())?;
        for j in 0..n {
            for i in 0..n {
                let other = match uplo {
                    Uplo::Lower => i < j,
                    Uplo::Upper => i > j,
                };
                if other {
                    c[(i, j)] = T::zero();
                }
            }
        }
        Ok(c)
    }

    /// [`linalg::lu`](crate::linalg::lu) on this engine: `A = P·L·U`.
    ///
    /// # Errors
    /// As [`linalg::lu`](crate::linalg::lu).
    pub fn lu<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<Lu<T>> {
        let (m, n) = a.shape();
        let k = m.min(n);
        let f = self.lu_factors(a)?;
        let mut perm = try_vec(0usize, m)?;
        for (i, p) in perm.iter_mut().enumerate() {
            *p = i;
        }
        for (i, &p) in f.ipiv.iter().enumerate() {
            perm.swap(i, p);
        }
        let lu = &f.lu;
        let l = Mat::try_from_fn(m, k, |i, j| match i.cmp(&j) {
            core::cmp::Ordering::Greater => lu[(i, j)],
            core::cmp::Ordering::Equal => T::one(),
            core::cmp::Ordering::Less => T::zero(),
        })?;
        let u = Mat::try_from_fn(k, n, |i, j| if i <= j { lu[(i, j)] } else { T::zero() })?;
        Ok(Lu { perm, l, u })
    }

    /// [`linalg::qr`](crate::linalg::qr) on this engine: `A = Q·R`.
    ///
    /// # Errors
    /// As [`linalg::qr`](crate::linalg::qr).
    pub fn qr<T: Scalar>(&self, a: MatRef<'_, T>, mode: QrMode) -> Result<Qr<T>> {
        let (m, n) = a.shape();
        let k = m.min(n);
        let mut work = a.try_to_owned()?;
        let mut tau = try_vec(T::zero(), k)?;
        self.geqrf(work.as_mut(), &mut tau)?;
        let r_rows = if mode == QrMode::Complete { m } else { k };
        let mut r = Mat::try_from_fn(
            r_rows,
            n,
            |i, j| {
                if i <= j { work[(i, j)] } else { T::zero() }
            },
        )?;
        // The canonical diagonal: R(i, i) real and non-negative. Row i of R
        // is scaled by the unit-modulus p = conj(rᵢᵢ)/|rᵢᵢ| and column i of Q
        // by conj(p), so Q·R is unchanged (±1 for real types: exact).
        let mut phases = try_vec(T::one(), k)?;
        for (i, p) in phases.iter_mut().enumerate() {
            let d = r[(i, i)];
            let modulus = d.modulus();
            if modulus == <T::Real as Zero>::zero() || d == T::from_real(modulus) {
                continue;
            }
            *p = T::from_parts(d.re() / modulus, -d.im() / modulus);
            for j in i..n {
                r[(i, j)] *= *p;
            }
            r[(i, i)] = T::from_real(modulus);
        }
        let q_cols = match mode {
            QrMode::R => return Ok(Qr { q: None, r }),
            QrMode::Reduced => k,
            QrMode::Complete => m,
        };
        // The reflectors sit below the diagonal of the first k columns; ungqr
        // starts columns past k from the identity whatever they hold.
        let mut q = Mat::try_from_fn(
            m,
            q_cols,
            |i, j| if j < k { work[(i, j)] } else { T::zero() },
        )?;
        self.ungqr(q.as_mut(), &tau)
            .map_err(|e| super::overflowed(e, "qr", &["a", "tau"]))?;
        for (j, p) in phases.iter().enumerate() {
            if *p != T::one() {
                let c = p.conj();
                for i in 0..m {
                    q[(i, j)] *= c;
                }
            }
        }
        Ok(Qr { q: Some(q), r })
    }

    /// [`linalg::svd`](crate::linalg::svd) on this engine: `A = U·Σ·Vᴴ`.
    ///
    /// # Errors
    /// As [`linalg::svd`](crate::linalg::svd).
    pub fn svd<T: Scalar>(&self, a: MatRef<'_, T>, job: SvdJob) -> Result<Svd<T>> {
        let (m, n) = a.shape();
        let k = m.min(n);
        let (ur, vc) = match job {
            SvdJob::ValuesOnly => {
                return Ok(Svd {
                    u: None,
                    s: self.svdvals(a)?,
                    vt: None,
                });
            }
            SvdJob::Thin => (k, k),
            SvdJob::Full => (m, n),
        };
        let mut work = a.try_to_owned()?;
        let mut s = try_vec(<T::Real as Zero>::zero(), k)?;
        let mut u = Mat::try_zeros(m, ur)?;
        let mut vt = Mat::try_zeros(vc, n)?;
        self.gesdd(
            job,
            work.as_mut(),
            &mut s,
            Some(u.as_mut()),
            Some(vt.as_mut()),
        )?;
        Ok(Svd {
            u: Some(u),
            s,
            vt: Some(vt),
        })
    }

    /// [`linalg::svdvals`](crate::linalg::svdvals) on this engine.
    ///
    /// # Errors
    /// As [`linalg::svdvals`](crate::linalg::svdvals).
    pub fn svdvals<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<Vec<T::Real>> {
        let mut work = a.try_to_owned()?;
        let mut s = try_vec(<T::Real as Zero>::zero(), a.nrows().min(a.ncols()))?;
        self.gesdd(SvdJob::ValuesOnly, work.as_mut(), &mut s, None, None)?;
        Ok(s)
    }

    /// [`linalg::eigh`](crate::linalg::eigh) on this engine: `A = V·Λ·Vᴴ`.
    ///
    /// # Errors
    /// As [`linalg::eigh`](crate::linalg::eigh).
    pub fn eigh<T: Scalar>(&self, a: MatRef<'_, T>, uplo: Uplo) -> Result<(Vec<T::Real>, Mat<T>)> {
        let n = square("eigh", "a", a.shape())?;
        let mut v = a.try_to_owned()?;
        let mut w = try_vec(<T::Real as Zero>::zero(), n)?;
        self.heevd(EigJob::Vectors, uplo, v.as_mut(), &mut w)?;
        Ok((w, v))
    }

    /// [`linalg::eigvalsh`](crate::linalg::eigvalsh) on this engine.
    ///
    /// # Errors
    /// As [`linalg::eigvalsh`](crate::linalg::eigvalsh).
    pub fn eigvalsh<T: Scalar>(&self, a: MatRef<'_, T>, uplo: Uplo) -> Result<Vec<T::Real>> {
        let n = square("eigvalsh", "a", a.shape())?;
        let mut work = a.try_to_owned()?;
        let mut w = try_vec(<T::Real as Zero>::zero(), n)?;
        self.heevd(EigJob::ValuesOnly, uplo, work.as_mut(), &mut w)?;
        Ok(w)
    }

    /// [`linalg::eig`](crate::linalg::eig) on this engine: `A·vᵢ = λᵢ·vᵢ`.
    ///
    /// # Errors
    /// As [`linalg::eig`](crate::linalg::eig).
    #[allow(
        clippy::type_complexity,
        reason = "NumPy's (w, v) pair, spelled out in full for readers"
    )]
    pub fn eig<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<(Vec<T::Complex>, Mat<T::Complex>)> {
        let n = square("eig", "a", a.shape())?;
        let mut work = a.try_to_owned()?;
        let mut w = try_vec(<T::Complex as Zero>::zero(), n)?;
        let mut v = Mat::<T::Complex>::try_zeros(n, n)?;
        self.geev(work.as_mut(), &mut w, None, Some(v.as_mut()))?;
        Ok((w, v))
    }

    /// [`linalg::eigvals`](crate::linalg::eigvals) on this engine.
    ///
    /// # Errors
    /// As [`linalg::eigvals`](crate::linalg::eigvals).
    pub fn eigvals<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<Vec<T::Complex>> {
        let n = square("eigvals", "a", a.shape())?;
        let mut work = a.try_to_owned()?;
        let mut w = try_vec(<T::Complex as Zero>::zero(), n)?;
        self.geev(work.as_mut(), &mut w, None, None)?;
        Ok(w)
    }
}

#[cfg(test)]
mod tests {
    use num_traits::Float;

    use linmux_core::Error;

    use super::super::testutil::*;
    use super::*;

    const SHAPES: &[(usize, usize)] = &[(0, 0), (0, 3), (3, 0), (1, 1), (5, 5), (8, 4), (4, 8)];

    fn is_upper<T: Scalar>(r: &Mat<T>) -> bool {
        (0..r.ncols()).all(|j| (j + 1..r.nrows()).all(|i| r[(i, j)] == T::zero()))
    }

    fn cholesky_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(31);
        for n in [0, 1, 2, 7] {
            let a = data::random_hpd::<T>(&mut rng, n);
            for uplo in [Uplo::Lower, Uplo::Upper] {
                // Garbage in the triangle that is not read must not matter.
                let mut dirty = a.clone();
                for j in 0..n {
                    for i in 0..n {
                        let unread = match uplo {
                            Uplo::Lower => i < j,
                            Uplo::Upper => i > j,
                        };
                        if unread {
                            dirty[(i, j)] = T::from_real(real::<T>(1e3));
                        }
                    }
                }
                let c = e.cholesky(dirty.as_ref(), uplo).unwrap();
                let (l, llh) = match uplo {
                    Uplo::Lower => (c.clone(), naive_mul(c.as_ref(), c.as_ref().adjoint())),
                    Uplo::Upper => (c.adjoint(), naive_mul(c.as_ref().adjoint(), c.as_ref())),
                };
                assert!(is_upper(&l.adjoint()), "the other triangle is zero");
                // ‖L·Lᴴ − A‖ ≤ c·n·ε·‖A‖, c = 10.
                let r = diff(llh.as_ref(), a.as_ref());
                assert!(r <= tol::<T>(10.0, n) * fro(a.as_ref()), "n={n} {uplo:?}");
            }
        }
        let not_pd = Mat::from_fn(2, 2, |i, j| {
            T::from_real(real::<T>(if i == j { 1.0 } else { 2.0 }))
        });
        assert!(matches!(
            e.cholesky(not_pd.as_ref(), Uplo::Lower),
            Err(Error::NotPositiveDefinite { minor: 2 })
        ));
    }

    #[test]
    fn cholesky_all_types() {
        for_all_scalars!(cholesky_cases);
    }

    fn lu_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(32);
        for &(m, n) in SHAPES {
            let a = data::random_mat::<T>(&mut rng, m, n);
            let f = e.lu(a.as_ref()).unwrap();
            let k = m.min(n);
            assert_eq!(
                (f.l.shape(), f.u.shape(), f.perm.len()),
                ((m, k), (k, n), m)
            );
            let mut seen = f.perm.clone();
            seen.sort_unstable();
            assert!(seen.iter().copied().eq(0..m), "perm is a permutation");
            assert!(is_upper(&f.u) && is_upper(&f.l.adjoint()));
            for j in 0..k {
                assert_eq!(f.l[(j, j)], T::one());
                // Partial pivoting: |lᵢⱼ| ≤ 1, or √2 for complex types (the
                // pivot search compares |re| + |im|, as LAPACK's izamax).
                let lmax = real::<T>(if T::IS_COMPLEX { 2f64.sqrt() } else { 1.0 });
                assert!(
                    (j..m).all(|i| f.l[(i, j)].modulus() <= lmax * (real::<T>(1.0) + T::eps()))
                );
            }
            let plu = naive_mul(
                f.p().unwrap().as_ref(),
                naive_mul(f.l.as_ref(), f.u.as_ref()).as_ref(),
            );
            // ‖P·L·U − A‖ ≤ c·k·ε·‖L‖·‖U‖, c = 10.
            let bound = tol::<T>(10.0, k) * fro(f.l.as_ref()) * fro(f.u.as_ref());
            assert!(diff(plu.as_ref(), a.as_ref()) <= bound, "{m}×{n}");
        }
        // A singular matrix factors without error.
        let s = Mat::from_fn(3, 3, |i, j| {
            T::from_real(real::<T>(if j == 1 { 0.0 } else { 1.0 + (i + j) as f64 }))
        });
        let f = e.lu(s.as_ref()).unwrap();
        assert_eq!(f.u[(1, 1)], T::zero());
    }

    #[test]
    fn lu_all_types() {
        for_all_scalars!(lu_cases);
    }

    fn qr_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(33);
        for &(m, n) in SHAPES {
            let a = data::random_mat::<T>(&mut rng, m, n);
            let k = m.min(n);
            // ‖Q·R − A‖ ≤ c·max(m, n)·ε·‖A‖ and ‖QᴴQ − I‖ ≤ c·max(m, n)·ε, c = 10.
            let u = tol::<T>(10.0, m.max(n));
            for (mode, q_shape, r_shape) in [
                (QrMode::Reduced, (m, k), (k, n)),
                (QrMode::Complete, (m, m), (m, n)),
            ] {
                let f = e.qr(a.as_ref(), mode).unwrap();
                let q = f.q.unwrap();
                assert_eq!(
                    (q.shape(), f.r.shape()),
                    (q_shape, r_shape),
                    "{m}×{n} {mode:?}"
                );
                assert!(is_upper(&f.r));
                let qr = naive_mul(q.as_ref(), f.r.as_ref());
                assert!(
                    diff(qr.as_ref(), a.as_ref()) <= u * fro(a.as_ref()),
                    "{m}×{n} {mode:?}"
                );
                assert!(orth_err(q.as_ref()) <= u, "{m}×{n} {mode:?}");
            }
            let reduced = e.qr(a.as_ref(), QrMode::Reduced).unwrap();
            let r_only = e.qr(a.as_ref(), QrMode::R).unwrap();
            assert!(r_only.q.is_none());
            assert!(diff(r_only.r.as_ref(), reduced.r.as_ref()) <= u * fro(a.as_ref()));
        }
    }

    #[test]
    fn qr_all_types() {
        for_all_scalars!(qr_cases);
    }

    fn svd_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(34);
        for &(m, n) in SHAPES {
            let a = data::random_mat::<T>(&mut rng, m, n);
            let a0 = a.clone();
            let k = m.min(n);
            // ‖U·Σ·Vᴴ − A‖ ≤ c·max(m, n)·ε·‖A‖, orthogonality ≤ c·max(m, n)·ε, c = 20.
            let u_tol = tol::<T>(20.0, m.max(n));
            let vals = e.svdvals(a.as_ref()).unwrap();
            assert_eq!(vals.len(), k);
            for (job, ur, vc) in [(SvdJob::Thin, k, k), (SvdJob::Full, m, n)] {
                let f = e.svd(a.as_ref(), job).unwrap();
                let (u, vt) = (f.u.unwrap(), f.vt.unwrap());
                assert_eq!((u.shape(), vt.shape()), ((m, ur), (vc, n)));
                assert!(f.s.windows(2).all(|w| w[0] >= w[1]));
                assert!(f.s.iter().all(|&s| s >= real::<T>(0.0)));
                let sigma = diag::<T>(&f.s, ur, vc);
                let usv = naive_mul(naive_mul(u.as_ref(), sigma.as_ref()).as_ref(), vt.as_ref());
                assert!(
                    diff(usv.as_ref(), a.as_ref()) <= u_tol * fro(a.as_ref()),
                    "{m}×{n} {job:?}"
                );
                assert!(orth_err(u.as_ref()) <= u_tol);
                assert!(orth_err(vt.as_ref().adjoint()) <= u_tol);
                for (x, y) in f.s.iter().zip(&vals) {
                    assert!((*x - *y).abs() <= u_tol * fro(a.as_ref()));
                }
            }
            let f = e.svd(a.as_ref(), SvdJob::ValuesOnly).unwrap();
            assert!(f.u.is_none() && f.vt.is_none() && f.s == vals);
            assert_eq!(a, a0, "input must not be modified");
        }
        // A conjugated view: the singular values of Aᴴ are those of A.
        let a = data::random_mat::<T>(&mut rng, 5, 3);
        let s1 = e.svdvals(a.as_ref()).unwrap();
        let s2 = e.svdvals(a.as_ref().adjoint()).unwrap();
        for (x, y) in s1.iter().zip(&s2) {
            assert!((*x - *y).abs() <= tol::<T>(20.0, 5) * fro(a.as_ref()));
        }
    }

    #[test]
    fn svd_all_types() {
        for_all_scalars!(svd_cases);
    }

    fn eigh_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(35);
        for n in [0, 1, 2, 7] {
            let a = data::random_hermitian::<T>(&mut rng, n);
            for uplo in [Uplo::Lower, Uplo::Upper] {
                let (w, v) = e.eigh(a.as_ref(), uplo).unwrap();
                assert_eq!((w.len(), v.shape()), (n, (n, n)));
                assert!(w.windows(2).all(|p| p[0] <= p[1]), "ascending");
                // ‖A·V − V·Λ‖ ≤ c·n·ε·‖A‖, ‖VᴴV − I‖ ≤ c·n·ε, c = 20.
                let u = tol::<T>(20.0, n);
                let av = naive_mul(a.as_ref(), v.as_ref());
                let vl = naive_mul(v.as_ref(), diag::<T>(&w, n, n).as_ref());
                assert!(
                    diff(av.as_ref(), vl.as_ref()) <= u * fro(a.as_ref()),
                    "n={n} {uplo:?}"
                );
                assert!(orth_err(v.as_ref()) <= u);
                // Only the `uplo` triangle is read: garbage in the other is ignored.
                let mut dirty = a.clone();
                for j in 0..n {
                    for i in 0..n {
                        if (uplo == Uplo::Lower && i < j) || (uplo == Uplo::Upper && i > j) {
                            dirty[(i, j)] = T::from_real(real::<T>(1e3));
                        }
                    }
                }
                let w2 = e.eigvalsh(dirty.as_ref(), uplo).unwrap();
                for (x, y) in w.iter().zip(&w2) {
                    assert!((*x - *y).abs() <= u * fro(a.as_ref()));
                }
            }
        }
    }

    #[test]
    fn eigh_all_types() {
        for_all_scalars!(eigh_cases);
    }

    fn eig_cases<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(36);
        for n in [0, 1, 2, 6] {
            let a = data::random_mat::<T>(&mut rng, n, n);
            let (w, v) = e.eig(a.as_ref()).unwrap();
            assert_eq!((w.len(), v.shape()), (n, (n, n)));
            let ac = Mat::from_fn(n, n, |i, j| a[(i, j)].to_complex());
            // ‖A·V − V·Λ‖ ≤ c·n·ε·‖A‖ for unit eigenvectors, c = 50.
            let av = naive_mul(ac.as_ref(), v.as_ref());
            let vl = Mat::from_fn(n, n, |i, j| v[(i, j)] * w[j]);
            let u = tol::<T>(50.0, n);
            assert!(
                diff(av.as_ref(), vl.as_ref()) <= u * fro(a.as_ref()),
                "n={n}"
            );
            for j in 0..n {
                let norm = fro(v.as_ref().submatrix(0, j, n, 1));
                assert!((norm - real::<T>(1.0)).abs() <= u);
            }
            // Σ λᵢ = trace A.
            let tr: T::Complex = (0..n).map(|i| a[(i, i)].to_complex()).sum();
            let sum: T::Complex = w.iter().copied().sum();
            assert!((tr - sum).modulus() <= u * fro(a.as_ref()));
            // eigvals gives the same eigenvalues (matched greedily).
            let mut w2 = e.eigvals(a.as_ref()).unwrap();
            for x in &w {
                let (i, d) = w2
                    .iter()
                    .enumerate()
                    .map(|(i, y)| (i, (*x - *y).modulus()))
                    .fold((0, <T::Real as Float>::infinity()), |b, c| {
                        if c.1 < b.1 { c } else { b }
                    });
                assert!(d <= u * fro(a.as_ref()) * real::<T>(10.0));
                w2.swap_remove(i);
            }
        }
    }

    #[test]
    fn eig_all_types() {
        for_all_scalars!(eig_cases);
    }

    #[test]
    fn real_input_gives_conjugate_pairs() {
        let e = engine();
        let rot = Mat::from_rows(&[[0.0f64, -2.0], [2.0, 0.0]]);
        let mut w = e.eigvals(rot.as_ref()).unwrap();
        w.sort_by(|x, y| x.im.total_cmp(&y.im));
        let u = tol::<f64>(10.0, 2) * 2.0;
        assert!((w[0] - linmux_core::c64::new(0.0, -2.0)).norm() <= u);
        assert!((w[1] - linmux_core::c64::new(0.0, 2.0)).norm() <= u);
    }

    #[test]
    fn non_square_inputs_are_rejected() {
        let e = engine();
        let rect = Mat::<f64>::zeros(2, 3);
        let a_square = |r: Result<()>| {
            assert!(
                matches!(r, Err(Error::DimensionMismatch { arg: "a", .. })),
                "{r:?}"
            );
        };
        a_square(e.cholesky(rect.as_ref(), Uplo::Lower).map(drop));
        a_square(e.eigh(rect.as_ref(), Uplo::Lower).map(drop));
        a_square(e.eigvalsh(rect.as_ref(), Uplo::Upper).map(drop));
        a_square(e.eig(rect.as_ref()).map(drop));
        a_square(e.eigvals(rect.as_ref()).map(drop));
    }
}
