//! Factorizations: Cholesky, LU, QR, SVD, Hermitian and general eigen.

use num_traits::Zero;

use linmux_core::{EigJob, Mat, MatRef, Result, Scalar, SvdJob, Uplo};

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
    /// let a = Mat::from_rows(&[[4.0, 2.0], [2.0, 5.0]]);
    /// let l = linalg::cholesky(a.as_ref(), Uplo::Lower)?;
    /// assert_eq!(l, Mat::from_rows(&[[2.0, 0.0], [1.0, 2.0]]));
    /// let not_pd = Mat::from_rows(&[[1.0, 2.0], [2.0, 1.0]]);
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
    /// let a = Mat::from_rows(&[[1.0, 2.0], [4.0, 3.0]]);
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
    /// The factors are those of LAPACK's Householder QR (`geqrf` + `ungqr`);
    /// like NumPy, the diagonal of `R` is not made positive.
    ///
    /// # Errors
    /// Only a backend failure.
    ///
    /// ```
    /// use linmux::{Mat, linalg::{self, QrMode}};
    /// let a = Mat::from_rows(&[[3.0, 1.0], [4.0, 2.0], [0.0, 5.0]]);
    /// let f = linalg::qr(a.as_ref(), QrMode::Reduced)?;
    /// let q = f.q.unwrap();
    /// assert_eq!((q.shape(), f.r.shape()), ((3, 2), (2, 2)));
    /// assert!((f.r[(0, 0)].abs() - 5.0).abs() < 1e-14 && f.r[(1, 0)] == 0.0);
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
    /// let a = Mat::from_rows(&[
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
    /// let a = Mat::from_rows(&[[0.0, 2.0], [-3.0, 0.0]]);
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
    /// let a = Mat::from_rows(&[[2.0, 1.0], [1.0, 2.0]]);
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
    /// let a = Mat::from_rows(&[[2.0, 1.0], [1.0, 2.0]]);
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
    /// the values). The order of the eigenvalues is the backend's (not sorted).
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`](crate::Error::DimensionMismatch) naming `a`
    /// if it is not square; [`Error::NoConvergence`](crate::Error::NoConvergence).
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let rot = Mat::from_rows(&[[0.0, -1.0], [1.0, 0.0]]); // eigenvalues ±i
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
    /// let a = Mat::from_rows(&[[1.0, 5.0], [0.0, 2.0]]);
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
        let mut c = a.to_owned();
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
        let mut perm: Vec<usize> = (0..m).collect();
        for (i, &p) in f.ipiv.iter().enumerate() {
            perm.swap(i, p);
        }
        let lu = &f.lu;
        let l = Mat::from_fn(m, k, |i, j| match i.cmp(&j) {
            core::cmp::Ordering::Greater => lu[(i, j)],
            core::cmp::Ordering::Equal => T::one(),
            core::cmp::Ordering::Less => T::zero(),
        });
        let u = Mat::from_fn(k, n, |i, j| if i <= j { lu[(i, j)] } else { T::zero() });
        Ok(Lu { perm, l, u })
    }

    /// [`linalg::qr`](crate::linalg::qr) on this engine: `A = Q·R`.
    ///
    /// # Errors
    /// As [`linalg::qr`](crate::linalg::qr).
    pub fn qr<T: Scalar>(&self, a: MatRef<'_, T>, mode: QrMode) -> Result<Qr<T>> {
        let (m, n) = a.shape();
        let k = m.min(n);
        let mut work = a.to_owned();
        let mut tau = vec![T::zero(); k];
        self.geqrf(work.as_mut(), &mut tau)?;
        let r_rows = if mode == QrMode::Complete { m } else { k };
        let r = Mat::from_fn(
            r_rows,
            n,
            |i, j| {
                if i <= j { work[(i, j)] } else { T::zero() }
            },
        );
        let q_cols = match mode {
            QrMode::R => return Ok(Qr { q: None, r }),
            QrMode::Reduced => k,
            QrMode::Complete => m,
        };
        // The reflectors sit below the diagonal of the first k columns; ungqr
        // starts columns past k from the identity whatever they hold.
        let mut q = Mat::from_fn(
            m,
            q_cols,
            |i, j| if j < k { work[(i, j)] } else { T::zero() },
        );
        self.ungqr(q.as_mut(), &tau)?;
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
        let mut work = a.to_owned();
        let mut s = vec![<T::Real as Zero>::zero(); k];
        let mut u = Mat::zeros(m, ur);
        let mut vt = Mat::zeros(vc, n);
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
        let mut work = a.to_owned();
        let mut s = vec![<T::Real as Zero>::zero(); a.nrows().min(a.ncols())];
        self.gesdd(SvdJob::ValuesOnly, work.as_mut(), &mut s, None, None)?;
        Ok(s)
    }

    /// [`linalg::eigh`](crate::linalg::eigh) on this engine: `A = V·Λ·Vᴴ`.
    ///
    /// # Errors
    /// As [`linalg::eigh`](crate::linalg::eigh).
    pub fn eigh<T: Scalar>(&self, a: MatRef<'_, T>, uplo: Uplo) -> Result<(Vec<T::Real>, Mat<T>)> {
        let n = square("eigh", "a", a.shape())?;
        let mut v = a.to_owned();
        let mut w = vec![<T::Real as Zero>::zero(); n];
        self.heevd(EigJob::Vectors, uplo, v.as_mut(), &mut w)?;
        Ok((w, v))
    }

    /// [`linalg::eigvalsh`](crate::linalg::eigvalsh) on this engine.
    ///
    /// # Errors
    /// As [`linalg::eigvalsh`](crate::linalg::eigvalsh).
    pub fn eigvalsh<T: Scalar>(&self, a: MatRef<'_, T>, uplo: Uplo) -> Result<Vec<T::Real>> {
        let n = square("eigvalsh", "a", a.shape())?;
        let mut work = a.to_owned();
        let mut w = vec![<T::Real as Zero>::zero(); n];
        self.heevd(EigJob::ValuesOnly, uplo, work.as_mut(), &mut w)?;
        Ok(w)
    }

    /// [`linalg::eig`](crate::linalg::eig) on this engine: `A·vᵢ = λᵢ·vᵢ`.
    ///
    /// # Errors
    /// As [`linalg::eig`](crate::linalg::eig).
    pub fn eig<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<(Vec<T::Complex>, Mat<T::Complex>)> {
        let n = square("eig", "a", a.shape())?;
        let mut work = a.to_owned();
        let mut w = vec![<T::Complex as Zero>::zero(); n];
        let mut v = Mat::<T::Complex>::zeros(n, n);
        self.geev(work.as_mut(), &mut w, None, Some(v.as_mut()))?;
        Ok((w, v))
    }

    /// [`linalg::eigvals`](crate::linalg::eigvals) on this engine.
    ///
    /// # Errors
    /// As [`linalg::eigvals`](crate::linalg::eigvals).
    pub fn eigvals<T: Scalar>(&self, a: MatRef<'_, T>) -> Result<Vec<T::Complex>> {
        let n = square("eigvals", "a", a.shape())?;
        let mut work = a.to_owned();
        let mut w = vec![<T::Complex as Zero>::zero(); n];
        self.geev(work.as_mut(), &mut w, None, None)?;
        Ok(w)
    }
}
