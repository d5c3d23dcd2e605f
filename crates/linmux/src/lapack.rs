//! The low-level API: LAPACK on strided views, checked by
//! [`linmux_core::checked`], then dispatched.
//!
//! Outputs that are unique only up to sign or phase (singular vectors,
//! eigenvectors) are made canonical here, once, for every backend: each vector
//! is scaled by the unit-modulus factor that makes its pivot component real and
//! positive, the pivot being the first component whose modulus is within a
//! factor `1 − √ε` of the largest. General eigenvectors are also normalized to
//! unit 2-norm. Backends then agree up to rounding.

use num_traits::{Float, One, Zero};

use linmux_core::{EigJob, MatMut, MatRef, Result, Scalar, SvdJob, Trans, Uplo, checked};

use crate::engine::Engine;

/// The unit-modulus factor that makes column `j`'s pivot real positive.
fn canonical_phase<T: Scalar>(m: &MatMut<'_, T>, j: usize) -> T {
    let n = m.nrows();
    let big = (0..n)
        .map(|i| m.at(i, j).modulus())
        .fold(<T::Real as Zero>::zero(), Float::max);
    if big == <T::Real as Zero>::zero() {
        return T::one();
    }
    let slack = <T::Real as One>::one() - Float::sqrt(T::eps());
    let pivot = (0..n)
        .map(|i| m.at(i, j))
        .find(|v| v.modulus() >= big * slack)
        .unwrap_or(T::one());
    let r = pivot.modulus();
    // conj(p)/|p|, computed in the real type to keep it exact for real scalars.
    T::from_parts(pivot.re() / r, -pivot.im() / r)
}

fn scale_col<T: Scalar>(m: &mut MatMut<'_, T>, j: usize, p: T) {
    for i in 0..m.nrows() {
        let v = m.at_mut(i, j);
        *v *= p;
    }
}

fn scale_row<T: Scalar>(m: &mut MatMut<'_, T>, i: usize, p: T) {
    for j in 0..m.ncols() {
        let v = m.at_mut(i, j);
        *v *= p;
    }
}

/// Canonical phases for every column (optionally after normalizing to unit norm).
fn canonicalize_cols<T: Scalar>(m: &mut MatMut<'_, T>, normalize: bool) {
    for j in 0..m.ncols() {
        if normalize {
            let norm = (0..m.nrows())
                .map(|i| m.at(i, j).abs2())
                .fold(<T::Real as Zero>::zero(), |a, b| a + b)
                .sqrt();
            if norm > <T::Real as Zero>::zero() {
                scale_col(m, j, T::from_real(norm.recip()));
            }
        }
        let p = canonical_phase(m, j);
        scale_col(m, j, p);
    }
}

/// The canonical order of `geev`'s eigenvalues: real part ascending, then
/// imaginary part descending (a conjugate pair keeps LAPACK's order, positive
/// imaginary part first). The vectors' columns follow their values. Vendors
/// return eigenvalues in the order their QR iteration deflates them, which
/// differs between backends.
///
/// Eigenvalues whose real parts differ only by rounding may still come in a
/// different order on different backends; a conjugate pair of a real matrix
/// has exactly equal real parts, so it never splits.
fn sort_eigenvalues<C: Scalar>(
    w: &mut [C],
    vl: Option<MatMut<'_, C>>,
    vr: Option<MatMut<'_, C>>,
) -> Result<()> {
    let key = |z: &C| (z.re(), z.im());
    if w.windows(2).all(|p| {
        let ((a, b), (c, d)) = (key(&p[0]), key(&p[1]));
        a < c || (a == c && b >= d)
    }) {
        return Ok(());
    }
    let mut order = linmux_core::try_vec(0usize, w.len())?;
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    order.sort_by(|&i, &j| {
        let ((a, b), (c, d)) = (key(&w[i]), key(&w[j]));
        a.partial_cmp(&c)
            .unwrap_or(core::cmp::Ordering::Equal)
            .then(d.partial_cmp(&b).unwrap_or(core::cmp::Ordering::Equal))
    });
    // Every copy is made before anything is written, so an allocation
    // failure leaves values and vectors consistent (as `geev` returned them).
    let mut old = linmux_core::try_vec(C::zero(), w.len())?;
    old.copy_from_slice(w);
    let mut vectors = Vec::with_capacity(2);
    for v in [vl, vr].into_iter().flatten() {
        let copy = v.rb().try_to_owned()?;
        vectors.push((v, copy));
    }
    for (dst, &i) in w.iter_mut().zip(&order) {
        *dst = old[i];
    }
    for (mut v, copy) in vectors {
        for (j, &i) in order.iter().enumerate() {
            for r in 0..v.nrows() {
                *v.at_mut(r, j) = copy[(r, i)];
            }
        }
    }
    Ok(())
}

impl Engine {
    /// LU factorization with partial pivoting, `A = P·L·U`, in place.
    ///
    /// `ipiv` (length `min(m, n)`) receives LAPACK-style row interchanges,
    /// 0-based: row `i` was swapped with row `ipiv[i]`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `ipiv`; [`Error::Singular`](crate::Error::Singular) (1-based pivot)
    /// if `U` has an exact zero on its diagonal — the factors are still
    /// written, as LAPACK does.
    ///
    /// ```
    /// use linmux::{Engine, MatMut};
    /// let e = Engine::with_backend("faer")?;
    /// let mut a = [1.0, 4.0, 2.0, 3.0]; // [[1, 2], [4, 3]] column-major
    /// let mut ipiv = [0; 2];
    /// e.getrf(MatMut::from_col_major(&mut a, 2, 2)?, &mut ipiv)?;
    /// assert_eq!(ipiv, [1, 1]); // row 0 swapped with row 1
    /// assert_eq!(a[0], 4.0);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(
        alias = "sgetrf",
        alias = "dgetrf",
        alias = "cgetrf",
        alias = "zgetrf",
        alias = "LAPACKE_dgetrf"
    )]
    pub fn getrf<T: Scalar>(&self, a: MatMut<'_, T>, ipiv: &mut [usize]) -> Result<()> {
        checked::getrf(self.ops::<T>(), self.recorder::<T>(), a, ipiv)
    }

    /// Solves `op(A)·X = B` with the LU factors of a square `A` from
    /// [`Engine::getrf`]; `B ← X`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `lu` or `b`; `InvalidArgument` naming `ipiv`
    /// if it is not a valid interchange sequence.
    #[doc(alias = "sgetrs", alias = "dgetrs", alias = "cgetrs", alias = "zgetrs")]
    pub fn getrs<T: Scalar>(
        &self,
        trans: Trans,
        lu: MatRef<'_, T>,
        ipiv: &[usize],
        b: MatMut<'_, T>,
    ) -> Result<()> {
        checked::getrs(self.ops::<T>(), self.recorder::<T>(), trans, lu, ipiv, b)
    }

    /// Replaces the LU factors of a square `A` (from [`Engine::getrf`]) by `A⁻¹`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a`; `InvalidArgument` naming `ipiv`;
    /// [`Error::Singular`](crate::Error::Singular) if `U` has a zero pivot.
    #[doc(alias = "sgetri", alias = "dgetri", alias = "cgetri", alias = "zgetri")]
    pub fn getri<T: Scalar>(&self, a: MatMut<'_, T>, ipiv: &[usize]) -> Result<()> {
        checked::getri(self.ops::<T>(), self.recorder::<T>(), a, ipiv)
    }

    /// Cholesky factorization of a Hermitian positive definite `A` in its
    /// `uplo` triangle: `A = UᴴU` or `L·Lᴴ`; the other triangle is untouched.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a`; [`Error::NotPositiveDefinite`](crate::Error::NotPositiveDefinite) with the
    /// order of the failing leading minor.
    #[doc(alias = "spotrf", alias = "dpotrf", alias = "cpotrf", alias = "zpotrf")]
    pub fn potrf<T: Scalar>(&self, uplo: Uplo, a: MatMut<'_, T>) -> Result<()> {
        checked::potrf(self.ops::<T>(), self.recorder::<T>(), uplo, a)
    }

    /// Solves `A·X = B` with the Cholesky factor from [`Engine::potrf`]; `B ← X`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `b`.
    #[doc(alias = "spotrs", alias = "dpotrs", alias = "cpotrs", alias = "zpotrs")]
    pub fn potrs<T: Scalar>(&self, uplo: Uplo, a: MatRef<'_, T>, b: MatMut<'_, T>) -> Result<()> {
        checked::potrs(self.ops::<T>(), self.recorder::<T>(), uplo, a, b)
    }

    /// QR factorization `A = Q·R` in LAPACK's representation (`R` on and above
    /// the diagonal, Householder vectors below, `tau` of length `min(m, n)`).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `tau`.
    #[doc(alias = "sgeqrf", alias = "dgeqrf", alias = "cgeqrf", alias = "zgeqrf")]
    pub fn geqrf<T: Scalar>(&self, a: MatMut<'_, T>, tau: &mut [T]) -> Result<()> {
        checked::geqrf(self.ops::<T>(), self.recorder::<T>(), a, tau)
    }

    /// Forms the first `n` columns of `Q` from [`Engine::geqrf`]'s output in
    /// place (`m ≥ n ≥ tau.len()`).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` (`m < n`) or `tau` (`tau.len() > n`).
    #[doc(
        alias = "sorgqr",
        alias = "dorgqr",
        alias = "cungqr",
        alias = "zungqr",
        alias = "orgqr"
    )]
    pub fn ungqr<T: Scalar>(&self, a: MatMut<'_, T>, tau: &[T]) -> Result<()> {
        checked::ungqr(self.ops::<T>(), self.recorder::<T>(), a, tau)
    }

    /// Singular value decomposition `A = U·Σ·Vᴴ`; `A` is destroyed.
    ///
    /// `s` (length `min(m, n)`) receives the singular values, descending. `u`
    /// and `vt` must be `Some` exactly when `job` asks for vectors: `m × m` and
    /// `n × n` for [`SvdJob::Full`], `m × k` and `k × n` for [`SvdJob::Thin`].
    /// The vectors are canonical (see the module docs).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `s`, `u` or `vt`; `InvalidArgument` naming
    /// `u`/`vt` when given for `ValuesOnly` or missing otherwise;
    /// [`Error::NoConvergence`](crate::Error::NoConvergence).
    #[doc(alias = "sgesdd", alias = "dgesdd", alias = "cgesdd", alias = "zgesdd")]
    pub fn gesdd<T: Scalar>(
        &self,
        job: SvdJob,
        a: MatMut<'_, T>,
        s: &mut [T::Real],
        u: Option<MatMut<'_, T>>,
        vt: Option<MatMut<'_, T>>,
    ) -> Result<()> {
        let (mut u, mut vt) = (u, vt);
        checked::gesdd(
            self.ops::<T>(),
            self.recorder::<T>(),
            job,
            a,
            s,
            u.as_mut().map(MatMut::rb_mut),
            vt.as_mut().map(MatMut::rb_mut),
        )?;
        if let (Some(mut u), Some(mut vt)) = (u, vt) {
            // u_j·p and conj(p)·vᴴ_j keep A = U·Σ·Vᴴ. (With min(m, n) = 0 the
            // factors are identities, already canonical.)
            for j in 0..u.ncols() {
                let p = canonical_phase(&u, j);
                scale_col(&mut u, j, p);
                if j < vt.nrows() {
                    scale_row(&mut vt, j, p.conj());
                }
            }
            for i in u.ncols().min(vt.nrows())..vt.nrows() {
                let mut row = vt.rb_mut().transpose_mut();
                let p = canonical_phase(&row, i);
                scale_col(&mut row, i, p);
            }
        }
        Ok(())
    }

    /// Eigendecomposition of a Hermitian (symmetric) `A` from its `uplo`
    /// triangle; `w` receives the eigenvalues ascending. With
    /// [`EigJob::Vectors`] the columns of `A` become orthonormal, canonical
    /// eigenvectors; otherwise `A` is destroyed.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `w`; [`Error::NoConvergence`](crate::Error::NoConvergence).
    #[doc(
        alias = "ssyevd",
        alias = "dsyevd",
        alias = "cheevd",
        alias = "zheevd",
        alias = "syevd"
    )]
    pub fn heevd<T: Scalar>(
        &self,
        job: EigJob,
        uplo: Uplo,
        a: MatMut<'_, T>,
        w: &mut [T::Real],
    ) -> Result<()> {
        let mut a = a;
        checked::heevd(
            self.ops::<T>(),
            self.recorder::<T>(),
            job,
            uplo,
            a.rb_mut(),
            w,
        )?;
        if job == EigJob::Vectors {
            canonicalize_cols(&mut a, false);
        }
        Ok(())
    }

    /// Eigendecomposition of a general square `A` (destroyed). `w` receives
    /// the eigenvalues (complex even for real `A`) in the canonical order,
    /// real part ascending, then imaginary part descending; `vl`/`vr`, if
    /// given, the left/right eigenvectors as unit-norm canonical columns in
    /// the same order.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a`, `w`, `vl` or `vr`; [`Error::NoConvergence`](crate::Error::NoConvergence).
    #[doc(alias = "sgeev", alias = "dgeev", alias = "cgeev", alias = "zgeev")]
    pub fn geev<T: Scalar>(
        &self,
        a: MatMut<'_, T>,
        w: &mut [T::Complex],
        vl: Option<MatMut<'_, T::Complex>>,
        vr: Option<MatMut<'_, T::Complex>>,
    ) -> Result<()> {
        let (mut vl, mut vr) = (vl, vr);
        checked::geev(
            self.ops::<T>(),
            self.recorder::<T>(),
            a,
            w,
            vl.as_mut().map(MatMut::rb_mut),
            vr.as_mut().map(MatMut::rb_mut),
        )?;
        for v in [vl.as_mut(), vr.as_mut()].into_iter().flatten() {
            canonicalize_cols(v, true);
        }
        sort_eigenvalues(w, vl, vr)
    }

    /// Least squares (`m ≥ n`) or minimum-norm (`m < n`) solution of
    /// `op(A)·X = B` for a full-rank `A` (destroyed). `B` is `max(m, n) × nrhs`;
    /// its leading rows receive `X`. For rank-deficient problems use
    /// [`crate::linalg::lstsq`].
    ///
    /// # Errors
    /// `InvalidArgument` naming `trans` (`Trans` on a complex type);
    /// `DimensionMismatch` naming `b`.
    #[doc(alias = "sgels", alias = "dgels", alias = "cgels", alias = "zgels")]
    pub fn gels<T: Scalar>(&self, trans: Trans, a: MatMut<'_, T>, b: MatMut<'_, T>) -> Result<()> {
        checked::gels(self.ops::<T>(), self.recorder::<T>(), trans, a, b)
    }
}
