//! The low-level API: BLAS on strided views.
//!
//! Each method hands its arguments to [`linmux_core::checked`], which checks
//! every one (shapes, lengths, flags) before the backend is called, so a bad
//! call returns a typed error and leaves every output untouched, and applies the BLAS quick returns: empty problems do
//! nothing, except that `C ← β·C` still applies when the inner dimension is
//! zero (or `α = 0`). The engine adds provenance. The methods are `#[inline]`:
//! each is one call, and on a small product the call layers are measurable
//! (callgrind: 34 of the engine's added instructions on an n = 8 `gemm`).

use linmux_core::{
    Diag, MatMut, MatRef, Result, Scalar, Side, Trans, Uplo, VecMut, VecRef, checked,
};

use crate::engine::Engine;

#[allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]
impl Engine {
    // ---- BLAS 1 --------------------------------------------------------

    /// Unconjugated dot product `Σ xᵢ·yᵢ` (`dotu` for complex types).
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`](crate::Error::DimensionMismatch) naming `y`
    /// if the lengths differ.
    ///
    /// ```
    /// use linmux::{Engine, VecRef};
    /// let e = Engine::with_backend("faer")?;
    /// let d = e.dot(VecRef::from_slice(&[1.0, 2.0]), VecRef::from_slice(&[3.0, 4.0]))?;
    /// assert_eq!(d, 11.0);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(
        alias = "cblas_sdot",
        alias = "cblas_ddot",
        alias = "cblas_cdotu_sub",
        alias = "cblas_zdotu_sub"
    )]
    #[inline]
    pub fn dot<T: Scalar>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        checked::dot(self.ops::<T>(), self.recorder::<T>(), x, y)
    }

    /// Conjugated dot product `Σ conj(xᵢ)·yᵢ` (equal to [`Engine::dot`] for real types).
    ///
    /// # Errors
    /// As [`Engine::dot`].
    #[doc(alias = "cblas_cdotc_sub", alias = "cblas_zdotc_sub")]
    #[inline]
    pub fn dotc<T: Scalar>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        checked::dotc(self.ops::<T>(), self.recorder::<T>(), x, y)
    }

    /// `y ← α·x + y`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`.
    #[doc(
        alias = "cblas_saxpy",
        alias = "cblas_daxpy",
        alias = "cblas_caxpy",
        alias = "cblas_zaxpy"
    )]
    #[inline]
    pub fn axpy<T: Scalar>(&self, alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        checked::axpy(self.ops::<T>(), self.recorder::<T>(), alpha, x, y)
    }

    /// `x ← α·x`.
    ///
    /// # Errors
    /// None today (the `Result` keeps the API uniform).
    #[doc(
        alias = "cblas_sscal",
        alias = "cblas_dscal",
        alias = "cblas_cscal",
        alias = "cblas_zscal"
    )]
    #[inline]
    pub fn scal<T: Scalar>(&self, alpha: T, x: VecMut<'_, T>) -> Result<()> {
        checked::scal(self.ops::<T>(), self.recorder::<T>(), alpha, x)
    }

    /// Euclidean norm `‖x‖₂` (0 for an empty vector).
    ///
    /// # Errors
    /// Only a backend failure.
    #[doc(
        alias = "cblas_snrm2",
        alias = "cblas_dnrm2",
        alias = "cblas_scnrm2",
        alias = "cblas_dznrm2"
    )]
    #[inline]
    pub fn nrm2<T: Scalar>(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        checked::nrm2(self.ops::<T>(), self.recorder::<T>(), x)
    }

    /// `Σ |re xᵢ| + |im xᵢ|` (0 for an empty vector).
    ///
    /// # Errors
    /// Only a backend failure.
    #[doc(
        alias = "cblas_sasum",
        alias = "cblas_dasum",
        alias = "cblas_scasum",
        alias = "cblas_dzasum"
    )]
    #[inline]
    pub fn asum<T: Scalar>(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        checked::asum(self.ops::<T>(), self.recorder::<T>(), x)
    }

    /// 0-based index of the first element of largest `|re| + |im|`, `None` for
    /// an empty vector.
    ///
    /// # Errors
    /// Only a backend failure.
    #[doc(
        alias = "cblas_isamax",
        alias = "cblas_idamax",
        alias = "cblas_icamax",
        alias = "cblas_izamax"
    )]
    #[inline]
    pub fn iamax<T: Scalar>(&self, x: VecRef<'_, T>) -> Result<Option<usize>> {
        if x.is_empty() {
            return Ok(None);
        }
        checked::iamax(self.ops::<T>(), self.recorder::<T>(), x).map(Some)
    }

    /// `y ← x`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`.
    #[doc(
        alias = "cblas_scopy",
        alias = "cblas_dcopy",
        alias = "cblas_ccopy",
        alias = "cblas_zcopy"
    )]
    #[inline]
    pub fn copy<T: Scalar>(&self, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        checked::copy(self.ops::<T>(), self.recorder::<T>(), x, y)
    }

    /// `x ↔ y`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`.
    #[doc(
        alias = "cblas_sswap",
        alias = "cblas_dswap",
        alias = "cblas_cswap",
        alias = "cblas_zswap"
    )]
    #[inline]
    pub fn swap<T: Scalar>(&self, x: VecMut<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        checked::swap(self.ops::<T>(), self.recorder::<T>(), x, y)
    }

    // ---- BLAS 2 --------------------------------------------------------

    /// `y ← α·op(A)·x + β·y`. With `β = 0`, `y` is not read.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x` or `y`.
    #[doc(
        alias = "cblas_sgemv",
        alias = "cblas_dgemv",
        alias = "cblas_cgemv",
        alias = "cblas_zgemv"
    )]
    #[inline]
    pub fn gemv<T: Scalar>(
        &self,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        checked::gemv(
            self.ops::<T>(),
            self.recorder::<T>(),
            trans,
            alpha,
            a,
            x,
            beta,
            y,
        )
    }

    /// `A ← α·x·yᵀ + A`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x` or `y`.
    #[doc(
        alias = "cblas_sger",
        alias = "cblas_dger",
        alias = "cblas_cgeru",
        alias = "cblas_zgeru"
    )]
    #[inline]
    pub fn geru<T: Scalar>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        checked::geru(self.ops::<T>(), self.recorder::<T>(), alpha, x, y, a)
    }

    /// `A ← α·x·yᴴ + A` (equal to [`Engine::geru`] for real types).
    ///
    /// # Errors
    /// As [`Engine::geru`].
    #[doc(alias = "cblas_cgerc", alias = "cblas_zgerc")]
    #[inline]
    pub fn gerc<T: Scalar>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        checked::gerc(self.ops::<T>(), self.recorder::<T>(), alpha, x, y, a)
    }

    /// `y ← α·A·x + β·y`, `A` Hermitian (symmetric for real types) given by
    /// its `uplo` triangle.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` (not square), `x` or `y`.
    #[doc(
        alias = "cblas_ssymv",
        alias = "cblas_dsymv",
        alias = "cblas_chemv",
        alias = "cblas_zhemv",
        alias = "symv"
    )]
    #[inline]
    pub fn hemv<T: Scalar>(
        &self,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        checked::hemv(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            alpha,
            a,
            x,
            beta,
            y,
        )
    }

    /// `x ← op(A)·x`, `A` triangular.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `x`.
    #[doc(
        alias = "cblas_strmv",
        alias = "cblas_dtrmv",
        alias = "cblas_ctrmv",
        alias = "cblas_ztrmv"
    )]
    #[inline]
    pub fn trmv<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        checked::trmv(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            diag,
            a,
            x,
        )
    }

    /// `x ← op(A)⁻¹·x`, `A` triangular (no singularity check, as in BLAS).
    ///
    /// # Errors
    /// As [`Engine::trmv`].
    #[doc(
        alias = "cblas_strsv",
        alias = "cblas_dtrsv",
        alias = "cblas_ctrsv",
        alias = "cblas_ztrsv"
    )]
    #[inline]
    pub fn trsv<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        checked::trsv(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            diag,
            a,
            x,
        )
    }

    // ---- BLAS 3 --------------------------------------------------------

    /// `C ← α·op(A)·op(B) + β·C`. With `β = 0`, `C` is not read; with `α = 0`
    /// or an empty inner dimension, `A` and `B` are not read.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `b` (inner dimension) or `c`.
    ///
    /// ```
    /// use linmux::{Engine, MatMut, MatRef, Trans};
    /// let e = Engine::with_backend("faer")?;
    /// let a = [1.0, 3.0, 2.0, 4.0]; // [[1, 2], [3, 4]] column-major
    /// let mut c = [0.0; 4];
    /// e.gemm(
    ///     Trans::No, Trans::Trans, 1.0,
    ///     MatRef::from_col_major(&a, 2, 2)?, MatRef::from_col_major(&a, 2, 2)?,
    ///     0.0, MatMut::from_col_major(&mut c, 2, 2)?,
    /// )?;
    /// assert_eq!(c, [5.0, 11.0, 11.0, 25.0]); // A·Aᵀ
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(
        alias = "cblas_sgemm",
        alias = "cblas_dgemm",
        alias = "cblas_cgemm",
        alias = "cblas_zgemm"
    )]
    #[inline]
    pub fn gemm<T: Scalar>(
        &self,
        transa: Trans,
        transb: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        checked::gemm(
            self.ops::<T>(),
            self.recorder::<T>(),
            transa,
            transb,
            alpha,
            a,
            b,
            beta,
            c,
        )
    }

    /// `C ← α·A·B + β·C` (left) or `α·B·A + β·C` (right), `A` symmetric.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `b`/`c`.
    #[doc(
        alias = "cblas_ssymm",
        alias = "cblas_dsymm",
        alias = "cblas_csymm",
        alias = "cblas_zsymm"
    )]
    #[inline]
    pub fn symm<T: Scalar>(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        checked::symm(
            self.ops::<T>(),
            self.recorder::<T>(),
            side,
            uplo,
            alpha,
            a,
            b,
            beta,
            c,
        )
    }

    /// As [`Engine::symm`] with `A` Hermitian (same as `symm` for real types).
    ///
    /// # Errors
    /// As [`Engine::symm`].
    #[doc(alias = "cblas_chemm", alias = "cblas_zhemm")]
    #[inline]
    pub fn hemm<T: Scalar>(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        checked::hemm(
            self.ops::<T>(),
            self.recorder::<T>(),
            side,
            uplo,
            alpha,
            a,
            b,
            beta,
            c,
        )
    }

    /// `C ← α·A·Aᵀ + β·C` (`No`) or `α·Aᵀ·A + β·C` (`Trans`), `uplo` triangle only.
    ///
    /// # Errors
    /// `InvalidArgument` naming `trans` (`ConjTrans` on a complex type);
    /// `DimensionMismatch` naming `c`.
    #[doc(
        alias = "cblas_ssyrk",
        alias = "cblas_dsyrk",
        alias = "cblas_csyrk",
        alias = "cblas_zsyrk"
    )]
    #[inline]
    pub fn syrk<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        checked::syrk(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            alpha,
            a,
            beta,
            c,
        )
    }

    /// `C ← α·A·Aᴴ + β·C` (`No`) or `α·Aᴴ·A + β·C` (`ConjTrans`), real `α`, `β`.
    ///
    /// # Errors
    /// `InvalidArgument` naming `trans` (`Trans` on a complex type);
    /// `DimensionMismatch` naming `c`.
    #[doc(alias = "cblas_cherk", alias = "cblas_zherk")]
    #[inline]
    pub fn herk<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T::Real,
        a: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        checked::herk(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            alpha,
            a,
            beta,
            c,
        )
    }

    /// `C ← α·A·Bᵀ + α·B·Aᵀ + β·C` (`No`) or with `Aᵀ·B`, `Bᵀ·A` (`Trans`).
    ///
    /// # Errors
    /// As [`Engine::syrk`], and `DimensionMismatch` naming `b`.
    #[doc(
        alias = "cblas_ssyr2k",
        alias = "cblas_dsyr2k",
        alias = "cblas_csyr2k",
        alias = "cblas_zsyr2k"
    )]
    #[inline]
    pub fn syr2k<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        checked::syr2k(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            alpha,
            a,
            b,
            beta,
            c,
        )
    }

    /// `C ← α·A·Bᴴ + conj(α)·B·Aᴴ + β·C` (`No`) or with `Aᴴ·B`, `Bᴴ·A`
    /// (`ConjTrans`), real `β`.
    ///
    /// # Errors
    /// As [`Engine::herk`], and `DimensionMismatch` naming `b`.
    #[doc(alias = "cblas_cher2k", alias = "cblas_zher2k")]
    #[inline]
    pub fn her2k<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        checked::her2k(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            alpha,
            a,
            b,
            beta,
            c,
        )
    }

    /// `B ← α·op(A)·B` (left) or `α·B·op(A)` (right), `A` triangular.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a`.
    #[doc(
        alias = "cblas_strmm",
        alias = "cblas_dtrmm",
        alias = "cblas_ctrmm",
        alias = "cblas_ztrmm"
    )]
    #[inline]
    pub fn trmm<T: Scalar>(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        checked::trmm(
            self.ops::<T>(),
            self.recorder::<T>(),
            side,
            uplo,
            trans,
            diag,
            alpha,
            a,
            b,
        )
    }

    /// `B ← α·op(A)⁻¹·B` (left) or `α·B·op(A)⁻¹` (right), `A` triangular.
    ///
    /// # Errors
    /// As [`Engine::trmm`].
    #[doc(
        alias = "cblas_strsm",
        alias = "cblas_dtrsm",
        alias = "cblas_ctrsm",
        alias = "cblas_ztrsm"
    )]
    #[inline]
    pub fn trsm<T: Scalar>(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        checked::trsm(
            self.ops::<T>(),
            self.recorder::<T>(),
            side,
            uplo,
            trans,
            diag,
            alpha,
            a,
            b,
        )
    }
}

/// Real-only names (`symv`), for users who look for the BLAS name.
impl Engine {
    /// `y ← α·A·x + β·y`, `A` symmetric: [`Engine::hemv`] for real types.
    ///
    /// # Errors
    /// As [`Engine::hemv`].
    #[doc(alias = "cblas_ssymv", alias = "cblas_dsymv")]
    #[inline]
    pub fn symv<T: linmux_core::RealScalar>(
        &self,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        self.hemv(uplo, alpha, a, x, beta, y)
    }
}
