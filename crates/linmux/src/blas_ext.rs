//! The low-level API, continued: plane rotations, extended-precision dots,
//! real scaling of complex vectors, and the banded, packed and rank-update
//! routines of BLAS 2. As everywhere, [`linmux_core::checked`] validates
//! first and the engine adds provenance.

use linmux_core::{
    BandRef, Diag, MatMut, PackedMut, PackedRef, RealScalar, Result, Scalar, Trans, Uplo, VecMut,
    VecRef, checked,
};

use crate::engine::Engine;

#[allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]
impl Engine {
    // ---- BLAS 1 --------------------------------------------------------

    /// Constructs a Givens rotation. On return `a` holds `r`, and `c` (real),
    /// `s` satisfy `[c s; −conj(s) c]·[a; b] = [r; 0]`. Real types follow
    /// `drotg` (`b` receives the reconstruction value `z`); complex types
    /// follow `zrotg` (`b` is left as it was).
    ///
    /// # Errors
    /// None of its own; a backend failure is passed on.
    ///
    /// ```
    /// let e = linmux::Engine::with_backend("faer")?;
    /// let (mut a, mut b, mut c, mut s) = (3.0f64, 4.0, 0.0, 0.0);
    /// e.rotg(&mut a, &mut b, &mut c, &mut s)?;
    /// assert!((a - 5.0).abs() < 1e-15 && (c - 0.6).abs() < 1e-15 && (s - 0.8).abs() < 1e-15);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(
        alias = "cblas_srotg",
        alias = "cblas_drotg",
        alias = "cblas_crotg",
        alias = "cblas_zrotg"
    )]
    #[inline]
    pub fn rotg<T: Scalar>(&self, a: &mut T, b: &mut T, c: &mut T::Real, s: &mut T) -> Result<()> {
        checked::rotg(self.ops::<T>(), self.recorder::<T>(), a, b, c, s)
    }

    /// Applies a plane rotation with real `c`, `s` to `x` and `y`:
    /// `xᵢ ← c·xᵢ + s·yᵢ`, `yᵢ ← c·yᵢ − s·xᵢ` (`csrot`/`zdrot` on complex
    /// vectors).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`.
    #[doc(
        alias = "cblas_srot",
        alias = "cblas_drot",
        alias = "cblas_csrot",
        alias = "cblas_zdrot"
    )]
    #[inline]
    pub fn rot<T: Scalar>(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        c: T::Real,
        s: T::Real,
    ) -> Result<()> {
        checked::rot(self.ops::<T>(), self.recorder::<T>(), x, y, c, s)
    }

    /// Applies the modified Givens transformation `H` that `param` describes
    /// (`[flag, h11, h21, h12, h22]`, as `drotm`) to the pairs `(xᵢ, yᵢ)`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`.
    #[doc(alias = "cblas_srotm", alias = "cblas_drotm")]
    #[inline]
    pub fn rotm<T: RealScalar>(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        param: &[T; 5],
    ) -> Result<()> {
        checked::rotm(self.ops::<T>(), self.recorder::<T>(), x, y, param)
    }

    /// Constructs the modified Givens transformation that zeroes the second
    /// component of `(√d1·x1, √d2·y1)`, as `drotmg`: `d1`, `d2` and `x1` are
    /// updated and `param` receives `H`.
    ///
    /// # Errors
    /// None of its own.
    #[doc(alias = "cblas_srotmg", alias = "cblas_drotmg")]
    #[inline]
    pub fn rotmg<T: RealScalar>(
        &self,
        d1: &mut T,
        d2: &mut T,
        x1: &mut T,
        y1: T,
        param: &mut [T; 5],
    ) -> Result<()> {
        checked::rotmg(self.ops::<T>(), self.recorder::<T>(), d1, d2, x1, y1, param)
    }

    /// `sb + Σ xᵢ·yᵢ`, accumulated in double precision and rounded once
    /// (`sdsdot` on `f32`).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`.
    ///
    /// ```
    /// use linmux::VecRef;
    /// let e = linmux::Engine::with_backend("faer")?;
    /// let x = [1.0e8f32, 1.0, -1.0e8];
    /// let y = [1.0f32, 1.0, 1.0];
    /// // In f32, 1e8 + 1 rounds to 1e8; accumulated in f64 the 1 survives.
    /// assert_eq!(e.sdsdot(0.5, VecRef::from_slice(&x), VecRef::from_slice(&y))?, 1.5);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "cblas_sdsdot")]
    #[inline]
    pub fn sdsdot<T: RealScalar>(&self, sb: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        checked::sdsdot(self.ops::<T>(), self.recorder::<T>(), sb, x, y)
    }

    /// `Σ xᵢ·yᵢ` accumulated and returned in double precision (`dsdot` on
    /// `f32`, `ddot` on `f64`).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`.
    #[doc(alias = "cblas_dsdot")]
    #[inline]
    pub fn dsdot<T: RealScalar>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<f64> {
        checked::dsdot(self.ops::<T>(), self.recorder::<T>(), x, y)
    }

    /// `x ← α·x` with a real `α` (`csscal`/`zdscal`; `scal` on real types).
    ///
    /// # Errors
    /// None of its own.
    #[doc(
        alias = "cblas_csscal",
        alias = "cblas_zdscal",
        alias = "cblas_sscal",
        alias = "cblas_dscal"
    )]
    #[inline]
    pub fn rscal<T: Scalar>(&self, alpha: T::Real, x: VecMut<'_, T>) -> Result<()> {
        checked::rscal(self.ops::<T>(), self.recorder::<T>(), alpha, x)
    }

    // ---- BLAS 2: banded and packed ---------------------------------------

    /// `y ← α·op(A)·x + β·y`, `A` an `m × n` band matrix ([`BandRef`]). With
    /// `β = 0`, `y` is not read.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x` or `y`.
    ///
    /// ```
    /// use linmux::{BandRef, Trans, VecMut, VecRef};
    /// let e = linmux::Engine::with_backend("faer")?;
    /// // [[1, 2, 0], [4, 5, 3], [0, 7, 6]] in column-major band storage.
    /// let ab = [0.0, 1.0, 4.0, 2.0, 5.0, 7.0, 3.0, 6.0, 0.0];
    /// let a = BandRef::from_col_major(&ab, 3, 3, 1, 1, 3)?;
    /// let mut y = [0.0; 3];
    /// e.gbmv(Trans::No, 1.0, a, VecRef::from_slice(&[1.0, 1.0, 1.0]), 0.0, VecMut::from_slice(&mut y))?;
    /// assert_eq!(y, [3.0, 12.0, 13.0]);
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(
        alias = "cblas_sgbmv",
        alias = "cblas_dgbmv",
        alias = "cblas_cgbmv",
        alias = "cblas_zgbmv"
    )]
    #[inline]
    pub fn gbmv<T: Scalar>(
        &self,
        trans: Trans,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        checked::gbmv(
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

    /// `y ← α·A·x + β·y`, `A` a Hermitian (symmetric for real types) band
    /// matrix of which only the `uplo` side is read: `ku` super-diagonals for
    /// `Upper`, `kl` sub-diagonals for `Lower`. Diagonal imaginary parts are
    /// taken as zero.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a`, `x` or `y`.
    #[doc(
        alias = "cblas_ssbmv",
        alias = "cblas_dsbmv",
        alias = "cblas_chbmv",
        alias = "cblas_zhbmv",
        alias = "sbmv"
    )]
    #[inline]
    pub fn hbmv<T: Scalar>(
        &self,
        uplo: Uplo,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        checked::hbmv(
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

    /// `y ← α·A·x + β·y`, `A` Hermitian (symmetric for real types) in packed
    /// storage ([`PackedRef`]: the triangle it stores is read). Diagonal
    /// imaginary parts are taken as zero.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x` or `y`.
    #[doc(
        alias = "cblas_sspmv",
        alias = "cblas_dspmv",
        alias = "cblas_chpmv",
        alias = "cblas_zhpmv",
        alias = "spmv"
    )]
    #[inline]
    pub fn hpmv<T: Scalar>(
        &self,
        alpha: T,
        ap: PackedRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        checked::hpmv(self.ops::<T>(), self.recorder::<T>(), alpha, ap, x, beta, y)
    }

    /// `x ← op(A)·x`, `A` a triangular band matrix (`ku` super-diagonals read
    /// for `Upper`, `kl` sub-diagonals for `Lower`).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `x`.
    #[doc(
        alias = "cblas_stbmv",
        alias = "cblas_dtbmv",
        alias = "cblas_ctbmv",
        alias = "cblas_ztbmv"
    )]
    #[inline]
    pub fn tbmv<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        checked::tbmv(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            diag,
            a,
            x,
        )
    }

    /// `x ← op(A)⁻¹·x`, `A` a triangular band matrix. No singularity check,
    /// as BLAS: a zero on the diagonal gives ∞ or NaN.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `x`.
    #[doc(
        alias = "cblas_stbsv",
        alias = "cblas_dtbsv",
        alias = "cblas_ctbsv",
        alias = "cblas_ztbsv"
    )]
    #[inline]
    pub fn tbsv<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        checked::tbsv(
            self.ops::<T>(),
            self.recorder::<T>(),
            uplo,
            trans,
            diag,
            a,
            x,
        )
    }

    /// `x ← op(A)·x`, `A` triangular in packed storage.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x`.
    #[doc(
        alias = "cblas_stpmv",
        alias = "cblas_dtpmv",
        alias = "cblas_ctpmv",
        alias = "cblas_ztpmv"
    )]
    #[inline]
    pub fn tpmv<T: Scalar>(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        checked::tpmv(self.ops::<T>(), self.recorder::<T>(), trans, diag, ap, x)
    }

    /// `x ← op(A)⁻¹·x`, `A` triangular in packed storage (no singularity
    /// check).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x`.
    #[doc(
        alias = "cblas_stpsv",
        alias = "cblas_dtpsv",
        alias = "cblas_ctpsv",
        alias = "cblas_ztpsv"
    )]
    #[inline]
    pub fn tpsv<T: Scalar>(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        checked::tpsv(self.ops::<T>(), self.recorder::<T>(), trans, diag, ap, x)
    }

    // ---- BLAS 2: rank updates ------------------------------------------

    /// `A ← α·x·xᴴ + A` on the `uplo` triangle, real `α` (`syr` on real
    /// types). The diagonal is made real; the other triangle is untouched.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `x`.
    #[doc(
        alias = "cblas_ssyr",
        alias = "cblas_dsyr",
        alias = "cblas_cher",
        alias = "cblas_zher",
        alias = "syr"
    )]
    #[inline]
    pub fn her<T: Scalar>(
        &self,
        uplo: Uplo,
        alpha: T::Real,
        x: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        checked::her(self.ops::<T>(), self.recorder::<T>(), uplo, alpha, x, a)
    }

    /// `A ← α·x·yᴴ + conj(α)·y·xᴴ + A` on the `uplo` triangle (`syr2` on real
    /// types). The diagonal is made real; the other triangle is untouched.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a`, `x` or `y`.
    #[doc(
        alias = "cblas_ssyr2",
        alias = "cblas_dsyr2",
        alias = "cblas_cher2",
        alias = "cblas_zher2",
        alias = "syr2"
    )]
    #[inline]
    pub fn her2<T: Scalar>(
        &self,
        uplo: Uplo,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        checked::her2(self.ops::<T>(), self.recorder::<T>(), uplo, alpha, x, y, a)
    }

    /// As [`Engine::her`] on packed storage (`spr` on real types).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x`.
    #[doc(
        alias = "cblas_sspr",
        alias = "cblas_dspr",
        alias = "cblas_chpr",
        alias = "cblas_zhpr",
        alias = "spr"
    )]
    #[inline]
    pub fn hpr<T: Scalar>(
        &self,
        alpha: T::Real,
        x: VecRef<'_, T>,
        ap: PackedMut<'_, T>,
    ) -> Result<()> {
        checked::hpr(self.ops::<T>(), self.recorder::<T>(), alpha, x, ap)
    }

    /// As [`Engine::her2`] on packed storage (`spr2` on real types).
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x` or `y`.
    #[doc(
        alias = "cblas_sspr2",
        alias = "cblas_dspr2",
        alias = "cblas_chpr2",
        alias = "cblas_zhpr2",
        alias = "spr2"
    )]
    #[inline]
    pub fn hpr2<T: Scalar>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        ap: PackedMut<'_, T>,
    ) -> Result<()> {
        checked::hpr2(self.ops::<T>(), self.recorder::<T>(), alpha, x, y, ap)
    }
}
