//! The low-level API: BLAS on strided views, validated once, then dispatched.
//!
//! Each method checks every argument (shapes, pivots, flags, overlap of the
//! output with inputs) before the backend is called, so a bad call returns a
//! typed error and leaves every output untouched. Empty problems follow BLAS:
//! nothing happens, except that `C ← β·C` still applies when the inner
//! dimension is zero (or `α = 0`), which the engine does itself.

use num_traits::Zero;

use linmux_core::{Diag, MatMut, MatRef, Result, Scalar, Side, Trans, Uplo, VecMut, VecRef};

use crate::engine::Engine;
use crate::provenance::Routine;
use crate::validate::{len, no_alias, rank_k_trans, shape, square};

/// Replaces a conjugated view by an owned copy (kept alive in `$tmp`).
macro_rules! materialize {
    (mat $v:ident) => {
        let tmp;
        let $v = if $v.is_conj() {
            tmp = $v.to_owned();
            tmp.as_ref()
        } else {
            $v
        };
    };
    (vec $v:ident) => {
        let tmp;
        let $v = if $v.is_conj() {
            tmp = $v.to_vec();
            VecRef::from_slice(&tmp)
        } else {
            $v
        };
    };
}
pub(crate) use materialize;

/// Folds a pending conjugation of `a` into `t`. Returns the view to pass, the
/// new flag, and whether the storage was transposed (triangles then flip).
pub(crate) fn fold<T: Scalar>(a: MatRef<'_, T>, t: Trans) -> (MatRef<'_, T>, Trans, bool) {
    if !a.is_conj() {
        return (a, t, false);
    }
    let s = a.unconjugated();
    match t {
        // conj(S) = (Sᵀ)ᴴ
        Trans::No => (s.transpose(), Trans::ConjTrans, true),
        // conj(S)ᵀ = Sᴴ
        Trans::Trans => (s, Trans::ConjTrans, false),
        // conj(S)ᴴ = Sᵀ
        Trans::ConjTrans => (s, Trans::Trans, false),
    }
}

pub(crate) fn scale_vec<T: Scalar>(mut y: VecMut<'_, T>, beta: T) {
    if beta == T::one() {
        return;
    }
    for i in 0..y.len() {
        let v = y.at_mut(i);
        *v = if beta == T::zero() {
            T::zero()
        } else {
            beta * *v
        };
    }
}

pub(crate) fn scale_mat<T: Scalar>(mut c: MatMut<'_, T>, beta: T) {
    if beta == T::one() {
        return;
    }
    for j in 0..c.ncols() {
        for i in 0..c.nrows() {
            let v = c.at_mut(i, j);
            *v = if beta == T::zero() {
                T::zero()
            } else {
                beta * *v
            };
        }
    }
}

/// `C ← β·C` on the `uplo` triangle; `real_diag` zeroes diagonal imaginary parts (herk).
fn scale_triangle<T: Scalar>(mut c: MatMut<'_, T>, uplo: Uplo, beta: T, real_diag: bool) {
    let n = c.nrows();
    for j in 0..n {
        let rows = match uplo {
            Uplo::Upper => 0..j + 1,
            Uplo::Lower => j..n,
        };
        for i in rows {
            let v = c.at_mut(i, j);
            let mut x = if beta == T::zero() {
                T::zero()
            } else {
                beta * *v
            };
            if real_diag && i == j {
                x = T::from_real(x.re());
            }
            *v = x;
        }
    }
}

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
    pub fn dot<T: Scalar>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        len("dot", "y", y.len(), x.len())?;
        if x.is_empty() {
            return Ok(T::zero());
        }
        // Σ conj(x)·y = dotc(x, y); Σ x·conj(y) = dotc(y, x); both conjugated: conj(dot).
        match (x.is_conj(), y.is_conj()) {
            (false, false) => self.ops::<T>(Routine::Dot).dot(x, y),
            (true, false) => self.ops::<T>(Routine::Dotc).dotc(x.conjugate(), y),
            (false, true) => self.ops::<T>(Routine::Dotc).dotc(y.conjugate(), x),
            (true, true) => Ok(self
                .ops::<T>(Routine::Dot)
                .dot(x.conjugate(), y.conjugate())?
                .conj()),
        }
    }

    /// Conjugated dot product `Σ conj(xᵢ)·yᵢ` (equal to [`Engine::dot`] for real types).
    ///
    /// # Errors
    /// As [`Engine::dot`].
    #[doc(alias = "cblas_cdotc_sub", alias = "cblas_zdotc_sub")]
    pub fn dotc<T: Scalar>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        self.dot(x.conjugate(), y)
    }

    /// `y ← α·x + y`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`; `Aliasing` if `y` overlaps `x`.
    #[doc(
        alias = "cblas_saxpy",
        alias = "cblas_daxpy",
        alias = "cblas_caxpy",
        alias = "cblas_zaxpy"
    )]
    pub fn axpy<T: Scalar>(&self, alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        len("axpy", "y", y.len(), x.len())?;
        no_alias("axpy", ("y", &y), ("x", &x))?;
        if x.is_empty() || alpha == T::zero() {
            return Ok(());
        }
        materialize!(vec x);
        self.ops::<T>(Routine::Axpy).axpy(alpha, x, y)
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
    pub fn scal<T: Scalar>(&self, alpha: T, x: VecMut<'_, T>) -> Result<()> {
        if x.is_empty() {
            return Ok(());
        }
        self.ops::<T>(Routine::Scal).scal(alpha, x)
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
    pub fn nrm2<T: Scalar>(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        if x.is_empty() {
            return Ok(<T::Real as Zero>::zero());
        }
        let x = if x.is_conj() { x.conjugate() } else { x };
        self.ops::<T>(Routine::Nrm2).nrm2(x)
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
    pub fn asum<T: Scalar>(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        if x.is_empty() {
            return Ok(<T::Real as Zero>::zero());
        }
        let x = if x.is_conj() { x.conjugate() } else { x };
        self.ops::<T>(Routine::Asum).asum(x)
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
    pub fn iamax<T: Scalar>(&self, x: VecRef<'_, T>) -> Result<Option<usize>> {
        if x.is_empty() {
            return Ok(None);
        }
        let x = if x.is_conj() { x.conjugate() } else { x };
        self.ops::<T>(Routine::Iamax).iamax(x).map(Some)
    }

    /// `y ← x`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`; `Aliasing` if `y` overlaps `x`.
    #[doc(
        alias = "cblas_scopy",
        alias = "cblas_dcopy",
        alias = "cblas_ccopy",
        alias = "cblas_zcopy"
    )]
    pub fn copy<T: Scalar>(&self, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        len("copy", "y", y.len(), x.len())?;
        no_alias("copy", ("y", &y), ("x", &x))?;
        if x.is_empty() {
            return Ok(());
        }
        materialize!(vec x);
        self.ops::<T>(Routine::Copy).copy(x, y)
    }

    /// `x ↔ y`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `y`; `Aliasing` if they overlap.
    #[doc(
        alias = "cblas_sswap",
        alias = "cblas_dswap",
        alias = "cblas_cswap",
        alias = "cblas_zswap"
    )]
    pub fn swap<T: Scalar>(&self, x: VecMut<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        len("swap", "y", y.len(), x.len())?;
        no_alias("swap", ("y", &y), ("x", &x))?;
        if x.is_empty() {
            return Ok(());
        }
        self.ops::<T>(Routine::Swap).swap(x, y)
    }

    // ---- BLAS 2 --------------------------------------------------------

    /// `y ← α·op(A)·x + β·y`. With `β = 0`, `y` is not read.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x` or `y`; `Aliasing` if `y` overlaps `a` or `x`.
    #[doc(
        alias = "cblas_sgemv",
        alias = "cblas_dgemv",
        alias = "cblas_cgemv",
        alias = "cblas_zgemv"
    )]
    pub fn gemv<T: Scalar>(
        &self,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        mut y: VecMut<'_, T>,
    ) -> Result<()> {
        let (m, n) = trans.apply_shape(a.nrows(), a.ncols());
        len("gemv", "x", x.len(), n)?;
        len("gemv", "y", y.len(), m)?;
        no_alias("gemv", ("y", &y), ("a", &a))?;
        no_alias("gemv", ("y", &y), ("x", &x))?;
        if m == 0 {
            return Ok(());
        }
        if n == 0 || alpha == T::zero() {
            scale_vec(y.rb_mut(), beta);
            return Ok(());
        }
        let (a, trans, _) = fold(a, trans);
        materialize!(vec x);
        self.ops::<T>(Routine::Gemv)
            .gemv(trans, alpha, a, x, beta, y)
    }

    /// `A ← α·x·yᵀ + A`.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `x` or `y`; `Aliasing` if `a` overlaps `x` or `y`.
    #[doc(
        alias = "cblas_sger",
        alias = "cblas_dger",
        alias = "cblas_cgeru",
        alias = "cblas_zgeru"
    )]
    pub fn geru<T: Scalar>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        self.rank1(false, alpha, x, y, a)
    }

    /// `A ← α·x·yᴴ + A` (equal to [`Engine::geru`] for real types).
    ///
    /// # Errors
    /// As [`Engine::geru`].
    #[doc(alias = "cblas_cgerc", alias = "cblas_zgerc")]
    pub fn gerc<T: Scalar>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        self.rank1(true, alpha, x, y, a)
    }

    fn rank1<T: Scalar>(
        &self,
        conj_y: bool,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        let op = if conj_y { "gerc" } else { "geru" };
        len(op, "x", x.len(), a.nrows())?;
        len(op, "y", y.len(), a.ncols())?;
        no_alias(op, ("a", &a), ("x", &x))?;
        no_alias(op, ("a", &a), ("y", &y))?;
        if a.is_empty() || alpha == T::zero() {
            return Ok(());
        }
        materialize!(vec x);
        // A pending conjugation of y switches between geru and gerc.
        let conj_y = conj_y != y.is_conj();
        let y = if y.is_conj() { y.conjugate() } else { y };
        if conj_y {
            self.ops::<T>(Routine::Gerc).gerc(alpha, x, y, a)
        } else {
            self.ops::<T>(Routine::Geru).geru(alpha, x, y, a)
        }
    }

    /// `y ← α·A·x + β·y`, `A` Hermitian (symmetric for real types) given by
    /// its `uplo` triangle.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` (not square), `x` or `y`; `Aliasing`.
    #[doc(
        alias = "cblas_ssymv",
        alias = "cblas_dsymv",
        alias = "cblas_chemv",
        alias = "cblas_zhemv",
        alias = "symv"
    )]
    pub fn hemv<T: Scalar>(
        &self,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        mut y: VecMut<'_, T>,
    ) -> Result<()> {
        let n = square("hemv", "a", a.shape())?;
        len("hemv", "x", x.len(), n)?;
        len("hemv", "y", y.len(), n)?;
        no_alias("hemv", ("y", &y), ("a", &a))?;
        no_alias("hemv", ("y", &y), ("x", &x))?;
        if n == 0 {
            return Ok(());
        }
        if alpha == T::zero() {
            scale_vec(y.rb_mut(), beta);
            return Ok(());
        }
        materialize!(mat a);
        materialize!(vec x);
        self.ops::<T>(Routine::Hemv)
            .hemv(uplo, alpha, a, x, beta, y)
    }

    /// `x ← op(A)·x`, `A` triangular.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `x`; `Aliasing` if `x` overlaps `a`.
    #[doc(
        alias = "cblas_strmv",
        alias = "cblas_dtrmv",
        alias = "cblas_ctrmv",
        alias = "cblas_ztrmv"
    )]
    pub fn trmv<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.triangular2(false, uplo, trans, diag, a, x)
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
    pub fn trsv<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.triangular2(true, uplo, trans, diag, a, x)
    }

    fn triangular2<T: Scalar>(
        &self,
        solve: bool,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        let op = if solve { "trsv" } else { "trmv" };
        let n = square(op, "a", a.shape())?;
        len(op, "x", x.len(), n)?;
        no_alias(op, ("x", &x), ("a", &a))?;
        if n == 0 {
            return Ok(());
        }
        let (a, trans, flipped) = fold(a, trans);
        let uplo = if flipped { uplo.flip() } else { uplo };
        if solve {
            self.ops::<T>(Routine::Trsv).trsv(uplo, trans, diag, a, x)
        } else {
            self.ops::<T>(Routine::Trmv).trmv(uplo, trans, diag, a, x)
        }
    }

    // ---- BLAS 3 --------------------------------------------------------

    /// `C ← α·op(A)·op(B) + β·C`. With `β = 0`, `C` is not read; with `α = 0`
    /// or an empty inner dimension, `A` and `B` are not read.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `b` (inner dimension) or `c`; `Aliasing` if
    /// `c` overlaps `a` or `b`.
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
    pub fn gemm<T: Scalar>(
        &self,
        transa: Trans,
        transb: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        mut c: MatMut<'_, T>,
    ) -> Result<()> {
        let (m, k) = transa.apply_shape(a.nrows(), a.ncols());
        let (kb, n) = transb.apply_shape(b.nrows(), b.ncols());
        if kb != k {
            return Err(linmux_core::Error::mismatch(
                "gemm",
                "b",
                format!("op(a) is {m}×{k} but op(b) is {kb}×{n}: inner dimensions differ"),
            ));
        }
        shape("gemm", "c", c.shape(), (m, n))?;
        no_alias("gemm", ("c", &c), ("a", &a))?;
        no_alias("gemm", ("c", &c), ("b", &b))?;
        if m == 0 || n == 0 {
            return Ok(());
        }
        if k == 0 || alpha == T::zero() {
            scale_mat(c.rb_mut(), beta);
            return Ok(());
        }
        let (a, transa, _) = fold(a, transa);
        let (b, transb, _) = fold(b, transb);
        self.ops::<T>(Routine::Gemm)
            .gemm(transa, transb, alpha, a, b, beta, c)
    }

    /// `C ← α·A·B + β·C` (left) or `α·B·A + β·C` (right), `A` symmetric.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a` or `b`/`c`; `Aliasing`.
    #[doc(
        alias = "cblas_ssymm",
        alias = "cblas_dsymm",
        alias = "cblas_csymm",
        alias = "cblas_zsymm"
    )]
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
        self.sym_or_hemm(false, side, uplo, alpha, a, b, beta, c)
    }

    /// As [`Engine::symm`] with `A` Hermitian (same as `symm` for real types).
    ///
    /// # Errors
    /// As [`Engine::symm`].
    #[doc(alias = "cblas_chemm", alias = "cblas_zhemm")]
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
        self.sym_or_hemm(true, side, uplo, alpha, a, b, beta, c)
    }

    fn sym_or_hemm<T: Scalar>(
        &self,
        herm: bool,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        mut c: MatMut<'_, T>,
    ) -> Result<()> {
        let op = if herm { "hemm" } else { "symm" };
        let (m, n) = c.shape();
        let ka = square(op, "a", a.shape())?;
        let expected = if side == Side::Left { m } else { n };
        if ka != expected {
            return Err(linmux_core::Error::mismatch(
                op,
                "a",
                format!(
                    "a is {ka}×{ka} but must be {expected}×{expected} for a {m}×{n} c on the {side:?} side"
                ),
            ));
        }
        shape(op, "b", b.shape(), (m, n))?;
        no_alias(op, ("c", &c), ("a", &a))?;
        no_alias(op, ("c", &c), ("b", &b))?;
        if m == 0 || n == 0 {
            return Ok(());
        }
        if alpha == T::zero() {
            scale_mat(c.rb_mut(), beta);
            return Ok(());
        }
        materialize!(mat a);
        materialize!(mat b);
        if herm {
            self.ops::<T>(Routine::Hemm)
                .hemm(side, uplo, alpha, a, b, beta, c)
        } else {
            self.ops::<T>(Routine::Symm)
                .symm(side, uplo, alpha, a, b, beta, c)
        }
    }

    /// `C ← α·A·Aᵀ + β·C` (`No`) or `α·Aᵀ·A + β·C` (`Trans`), `uplo` triangle only.
    ///
    /// # Errors
    /// `InvalidArgument` naming `trans` (`ConjTrans` on a complex type);
    /// `DimensionMismatch` naming `c`; `Aliasing`.
    #[doc(
        alias = "cblas_ssyrk",
        alias = "cblas_dsyrk",
        alias = "cblas_csyrk",
        alias = "cblas_zsyrk"
    )]
    pub fn syrk<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        beta: T,
        mut c: MatMut<'_, T>,
    ) -> Result<()> {
        let trans = rank_k_trans::<T>(false, trans)?;
        let (n, k) = trans.apply_shape(a.nrows(), a.ncols());
        shape("syrk", "c", c.shape(), (n, n))?;
        no_alias("syrk", ("c", &c), ("a", &a))?;
        if n == 0 {
            return Ok(());
        }
        if k == 0 || alpha == T::zero() {
            scale_triangle(c.rb_mut(), uplo, beta, false);
            return Ok(());
        }
        materialize!(mat a);
        self.ops::<T>(Routine::Syrk)
            .syrk(uplo, trans, alpha, a, beta, c)
    }

    /// `C ← α·A·Aᴴ + β·C` (`No`) or `α·Aᴴ·A + β·C` (`ConjTrans`), real `α`, `β`.
    ///
    /// # Errors
    /// `InvalidArgument` naming `trans` (`Trans` on a complex type);
    /// `DimensionMismatch` naming `c`; `Aliasing`.
    #[doc(alias = "cblas_cherk", alias = "cblas_zherk")]
    pub fn herk<T: Scalar>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T::Real,
        a: MatRef<'_, T>,
        beta: T::Real,
        mut c: MatMut<'_, T>,
    ) -> Result<()> {
        let trans = rank_k_trans::<T>(true, trans)?;
        let (n, k) = trans.apply_shape(a.nrows(), a.ncols());
        shape("herk", "c", c.shape(), (n, n))?;
        no_alias("herk", ("c", &c), ("a", &a))?;
        if n == 0 {
            return Ok(());
        }
        if k == 0 || alpha == <T::Real as Zero>::zero() {
            scale_triangle(c.rb_mut(), uplo, T::from_real(beta), true);
            return Ok(());
        }
        materialize!(mat a);
        self.ops::<T>(Routine::Herk)
            .herk(uplo, trans, alpha, a, beta, c)
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
        self.rank2k(false, uplo, trans, alpha, a, b, beta, c)
    }

    /// `C ← α·A·Bᴴ + conj(α)·B·Aᴴ + β·C` (`No`) or with `Aᴴ·B`, `Bᴴ·A`
    /// (`ConjTrans`), real `β`.
    ///
    /// # Errors
    /// As [`Engine::herk`], and `DimensionMismatch` naming `b`.
    #[doc(alias = "cblas_cher2k", alias = "cblas_zher2k")]
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
        self.rank2k(true, uplo, trans, alpha, a, b, T::from_real(beta), c)
    }

    fn rank2k<T: Scalar>(
        &self,
        herm: bool,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        mut c: MatMut<'_, T>,
    ) -> Result<()> {
        let op = if herm { "her2k" } else { "syr2k" };
        let trans = rank_k_trans::<T>(herm, trans)?;
        let (n, k) = trans.apply_shape(a.nrows(), a.ncols());
        shape(op, "b", b.shape(), a.shape())?;
        shape(op, "c", c.shape(), (n, n))?;
        no_alias(op, ("c", &c), ("a", &a))?;
        no_alias(op, ("c", &c), ("b", &b))?;
        if n == 0 {
            return Ok(());
        }
        if k == 0 || alpha == T::zero() {
            scale_triangle(c.rb_mut(), uplo, beta, herm);
            return Ok(());
        }
        materialize!(mat a);
        materialize!(mat b);
        if herm {
            self.ops::<T>(Routine::Her2k)
                .her2k(uplo, trans, alpha, a, b, beta.re(), c)
        } else {
            self.ops::<T>(Routine::Syr2k)
                .syr2k(uplo, trans, alpha, a, b, beta, c)
        }
    }

    /// `B ← α·op(A)·B` (left) or `α·B·op(A)` (right), `A` triangular.
    ///
    /// # Errors
    /// `DimensionMismatch` naming `a`; `Aliasing` if `b` overlaps `a`.
    #[doc(
        alias = "cblas_strmm",
        alias = "cblas_dtrmm",
        alias = "cblas_ctrmm",
        alias = "cblas_ztrmm"
    )]
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
        self.triangular3(false, side, uplo, trans, diag, alpha, a, b)
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
        self.triangular3(true, side, uplo, trans, diag, alpha, a, b)
    }

    fn triangular3<T: Scalar>(
        &self,
        solve: bool,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        mut b: MatMut<'_, T>,
    ) -> Result<()> {
        let op = if solve { "trsm" } else { "trmm" };
        let (m, n) = b.shape();
        let k = square(op, "a", a.shape())?;
        let expected = if side == Side::Left { m } else { n };
        if k != expected {
            return Err(linmux_core::Error::mismatch(
                op,
                "a",
                format!(
                    "a is {k}×{k} but must be {expected}×{expected} for a {m}×{n} b on the {side:?} side"
                ),
            ));
        }
        no_alias(op, ("b", &b), ("a", &a))?;
        if m == 0 || n == 0 {
            return Ok(());
        }
        if alpha == T::zero() {
            scale_mat(b.rb_mut(), T::zero());
            return Ok(());
        }
        let (a, trans, flipped) = fold(a, trans);
        let uplo = if flipped { uplo.flip() } else { uplo };
        if solve {
            self.ops::<T>(Routine::Trsm)
                .trsm(side, uplo, trans, diag, alpha, a, b)
        } else {
            self.ops::<T>(Routine::Trmm)
                .trmm(side, uplo, trans, diag, alpha, a, b)
        }
    }
}

/// Real-only names (`symv`), for users who look for the BLAS name.
impl Engine {
    /// `y ← α·A·x + β·y`, `A` symmetric: [`Engine::hemv`] for real types.
    ///
    /// # Errors
    /// As [`Engine::hemv`].
    #[doc(alias = "cblas_ssymv", alias = "cblas_dsymv")]
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
