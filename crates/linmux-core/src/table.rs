//! The operation table: every operation of linmux, written down once.
//!
//! Each entry names the operation's family, its method name, its BLAS/LAPACK
//! stem for complex and for real types (`herk` is `syrk` on real types), its
//! arguments and its result, with the method's documentation. Everything
//! per-operation is derived from it by handing the table to a macro:
//!
//! - the [`Ops`](crate::Ops) trait: for each entry a checked method (the
//!   public entry: [`crate::checked`]'s validation and policy, then the
//!   trusting method) and the trusting `…_unchecked` method a backend
//!   implements;
//! - [`Routine`](crate::Routine), the provenance and symbol-name enum;
//! - in the cblas backend, the symbol stems it binds.
//!
//! Adding an operation is one entry here, one function in [`crate::checked`]
//! (its validation, once), one faer implementation, one reference kernel
//! with its conformance property (CONTRIBUTING.md, "Adding an operation").
//!
//! Arguments use the names reference BLAS uses; `T` is the scalar type of
//! the `Ops<T>` impl.

/// Hands the operation table to `$callback!`, one entry per operation:
///
/// ```text
/// $(#[doc])* family name("complex stem", "real stem")(arg: Type, …) -> Return;
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            // ---- blas1 ----
            /// `Σ xᵢ·yᵢ` (unconjugated: `dotu` for complex). `x.len() == y.len()`.
            blas1 dot("dotu", "dot")(x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;
            /// `Σ conj(xᵢ)·yᵢ` (`dotc`; equal to `dot` for real types).
            blas1 dotc("dotc", "dot")(x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;
            /// `y ← α·x + y`.
            blas1 axpy("axpy", "axpy")(alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> ();
            /// `x ← α·x`.
            blas1 scal("scal", "scal")(alpha: T, x: VecMut<'_, T>) -> ();
            /// Euclidean norm `‖x‖₂`, without overflow or underflow.
            blas1 nrm2("nrm2", "nrm2")(x: VecRef<'_, T>) -> T::Real;
            /// `Σ |re xᵢ| + |im xᵢ|` (BLAS `asum`).
            blas1 asum("asum", "asum")(x: VecRef<'_, T>) -> T::Real;
            /// 0-based index of the first element of largest `|re| + |im|`. `x` is not empty.
            blas1 iamax("iamax", "iamax")(x: VecRef<'_, T>) -> usize;
            /// `y ← x`.
            blas1 copy("copy", "copy")(x: VecRef<'_, T>, y: VecMut<'_, T>) -> ();
            /// `x ↔ y`.
            blas1 swap("swap", "swap")(x: VecMut<'_, T>, y: VecMut<'_, T>) -> ();
            /// Constructs a Givens rotation: on return `a` holds `r`, `c`/`s`
            /// the rotation with `[c s; −conj(s) c]·[a; b] = [r; 0]`. Real types
            /// follow `drotg` (`b` receives the reconstruction value `z`),
            /// complex ones `zrotg` (`b` unchanged; `c` real).
            blas1 rotg("rotg", "rotg")(a: &mut T, b: &mut T, c: &mut T::Real, s: &mut T) -> ();
            /// Applies a plane rotation with real `c`, `s`:
            /// `xᵢ ← c·xᵢ + s·yᵢ`, `yᵢ ← c·yᵢ − s·xᵢ` (`csrot`/`zdrot` on complex vectors).
            blas1 rot("@rot", "rot")(x: VecMut<'_, T>, y: VecMut<'_, T>, c: T::Real, s: T::Real) -> ();
            /// Applies the modified Givens transformation `H` described by
            /// `param` (`flag, h11, h21, h12, h22`, as `drotm`). Real types only.
            blas1 rotm("rotm", "rotm")(x: VecMut<'_, T>, y: VecMut<'_, T>, param: &[T; 5]) -> ();
            /// Constructs the modified Givens transformation that zeroes the
            /// second component of `(√d1·x1, √d2·y1)` (as `drotmg`). Real types only.
            blas1 rotmg("rotmg", "rotmg")(d1: &mut T, d2: &mut T, x1: &mut T, y1: T, param: &mut [T; 5]) -> ();
            /// `sb + Σ xᵢ·yᵢ`, accumulated in double precision (`sdsdot` on
            /// `f32`). Real types only.
            blas1 sdsdot("sdsdot", "sdsdot")(sb: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;
            /// `Σ xᵢ·yᵢ` accumulated and returned in double precision (`dsdot`
            /// on `f32`; `ddot` on `f64`). Real types only.
            blas1 dsdot("dsdot", "dsdot")(x: VecRef<'_, T>, y: VecRef<'_, T>) -> f64;
            /// `x ← α·x` with a real `α` (`csscal`/`zdscal`; `scal` on real types).
            blas1 rscal("@scal", "scal")(alpha: T::Real, x: VecMut<'_, T>) -> ();
            // ---- blas2 ----
            /// `y ← α·op(A)·x + β·y`. When `β = 0`, `y` is not read (NaNs in it vanish).
            blas2 gemv("gemv", "gemv")(trans: Trans, alpha: T, a: MatRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
            /// `A ← α·x·yᵀ + A` (`ger` / `geru`).
            blas2 geru("geru", "ger")(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
            /// `A ← α·x·yᴴ + A` (`ger` / `gerc`).
            blas2 gerc("gerc", "ger")(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
            /// `y ← α·A·x + β·y` with `A` Hermitian (symmetric for real types), only
            /// the `uplo` triangle read; the imaginary parts of its diagonal are taken as zero.
            blas2 hemv("hemv", "symv")(uplo: Uplo, alpha: T, a: MatRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
            /// `x ← op(A)·x`, `A` triangular.
            blas2 trmv("trmv", "trmv")(uplo: Uplo, trans: Trans, diag: Diag, a: MatRef<'_, T>, x: VecMut<'_, T>) -> ();
            /// `x ← op(A)⁻¹·x`, `A` triangular (no singularity check, as BLAS).
            blas2 trsv("trsv", "trsv")(uplo: Uplo, trans: Trans, diag: Diag, a: MatRef<'_, T>, x: VecMut<'_, T>) -> ();
            /// `y ← α·op(A)·x + β·y`, `A` banded (`kl` sub-, `ku` super-diagonals).
            /// When `β = 0`, `y` is not read.
            blas2 gbmv("gbmv", "gbmv")(trans: Trans, alpha: T, a: BandRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
            /// `y ← α·A·x + β·y`, `A` Hermitian (symmetric for real types) band
            /// of which only the `uplo` side is read (`ku` diagonals for
            /// `Upper`, `kl` for `Lower`); diagonal imaginary parts taken as zero.
            blas2 hbmv("hbmv", "sbmv")(uplo: Uplo, alpha: T, a: BandRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
            /// `y ← α·A·x + β·y`, `A` Hermitian (symmetric) in packed storage
            /// (the triangle `ap` stores); diagonal imaginary parts taken as zero.
            blas2 hpmv("hpmv", "spmv")(alpha: T, ap: PackedRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
            /// `x ← op(A)·x`, `A` triangular band (`ku` super-diagonals read
            /// for `Upper`, `kl` sub-diagonals for `Lower`).
            blas2 tbmv("tbmv", "tbmv")(uplo: Uplo, trans: Trans, diag: Diag, a: BandRef<'_, T>, x: VecMut<'_, T>) -> ();
            /// `x ← op(A)⁻¹·x`, `A` triangular band (no singularity check, as BLAS).
            blas2 tbsv("tbsv", "tbsv")(uplo: Uplo, trans: Trans, diag: Diag, a: BandRef<'_, T>, x: VecMut<'_, T>) -> ();
            /// `x ← op(A)·x`, `A` triangular in packed storage.
            blas2 tpmv("tpmv", "tpmv")(trans: Trans, diag: Diag, ap: PackedRef<'_, T>, x: VecMut<'_, T>) -> ();
            /// `x ← op(A)⁻¹·x`, `A` triangular in packed storage (no singularity check).
            blas2 tpsv("tpsv", "tpsv")(trans: Trans, diag: Diag, ap: PackedRef<'_, T>, x: VecMut<'_, T>) -> ();
            /// `A ← α·x·xᴴ + A` on the `uplo` triangle, real `α` (`syr` on real
            /// types); the diagonal is made real.
            blas2 her("her", "syr")(uplo: Uplo, alpha: T::Real, x: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
            /// `A ← α·x·yᴴ + conj(α)·y·xᴴ + A` on the `uplo` triangle (`syr2`
            /// on real types); the diagonal is made real.
            blas2 her2("her2", "syr2")(uplo: Uplo, alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
            /// As [`Ops::her`] on packed storage (`spr` on real types).
            blas2 hpr("hpr", "spr")(alpha: T::Real, x: VecRef<'_, T>, ap: PackedMut<'_, T>) -> ();
            /// As [`Ops::her2`] on packed storage (`spr2` on real types).
            blas2 hpr2("hpr2", "spr2")(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, ap: PackedMut<'_, T>) -> ();
            // ---- blas3 ----
            /// `C ← α·op(A)·op(B) + β·C`. When `β = 0`, `C` is not read.
            blas3 gemm("gemm", "gemm")(transa: Trans, transb: Trans, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
            /// `C ← α·A·B + β·C` (left) or `α·B·A + β·C` (right), `A` symmetric (`uplo` triangle read).
            blas3 symm("symm", "symm")(side: Side, uplo: Uplo, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
            /// As [`Ops::symm`] with `A` Hermitian (diagonal imaginary parts taken as zero).
            blas3 hemm("hemm", "symm")(side: Side, uplo: Uplo, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
            /// `C ← α·A·Aᵀ + β·C` (`No`) or `α·Aᵀ·A + β·C` (`Trans`); only the `uplo` triangle of `C` is written.
            blas3 syrk("syrk", "syrk")(uplo: Uplo, trans: Trans, alpha: T, a: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
            /// `C ← α·A·Aᴴ + β·C` (`No`) or `α·Aᴴ·A + β·C` (`ConjTrans`), real `α`, `β`;
            /// only the `uplo` triangle written, its diagonal made real.
            blas3 herk("herk", "syrk")(uplo: Uplo, trans: Trans, alpha: T::Real, a: MatRef<'_, T>, beta: T::Real, c: MatMut<'_, T>) -> ();
            /// `C ← α·A·Bᵀ + α·B·Aᵀ + β·C` (`No`) or with `Aᵀ·B`, `Bᵀ·A` (`Trans`).
            blas3 syr2k("syr2k", "syr2k")(uplo: Uplo, trans: Trans, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
            /// `C ← α·A·Bᴴ + conj(α)·B·Aᴴ + β·C` (`No`) or with `Aᴴ·B`, `Bᴴ·A` (`ConjTrans`), real `β`.
            blas3 her2k("her2k", "syr2k")(uplo: Uplo, trans: Trans, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T::Real, c: MatMut<'_, T>) -> ();
            /// `B ← α·op(A)·B` (left) or `α·B·op(A)` (right), `A` triangular.
            blas3 trmm("trmm", "trmm")(side: Side, uplo: Uplo, trans: Trans, diag: Diag, alpha: T, a: MatRef<'_, T>, b: MatMut<'_, T>) -> ();
            /// `B ← α·op(A)⁻¹·B` (left) or `α·B·op(A)⁻¹` (right), `A` triangular.
            blas3 trsm("trsm", "trsm")(side: Side, uplo: Uplo, trans: Trans, diag: Diag, alpha: T, a: MatRef<'_, T>, b: MatMut<'_, T>) -> ();
            // ---- lapack ----
            /// LU with partial pivoting, `A = P·L·U`, in place (`L` unit lower below the
            /// diagonal, `U` on and above). `ipiv.len() == min(m, n)`; row `i` was
            /// interchanged with row `ipiv[i]` (0-based). If a pivot is exactly zero the
            /// factorization is still completed and [`Error::Singular`](crate::Error::Singular) is returned.
            lapack getrf("getrf", "getrf")(a: MatMut<'_, T>, ipiv: &mut [usize]) -> ();
            /// Solves `op(A)·X = B` with the factors of [`Ops::getrf`] (square `A`); `B ← X`.
            lapack getrs("getrs", "getrs")(trans: Trans, lu: MatRef<'_, T>, ipiv: &[usize], b: MatMut<'_, T>) -> ();
            /// Replaces the factors of [`Ops::getrf`] (square) by `A⁻¹`; [`Error::Singular`](crate::Error::Singular) if a pivot is zero.
            lapack getri("getri", "getri")(a: MatMut<'_, T>, ipiv: &[usize]) -> ();
            /// Cholesky `A = UᴴU` (`Upper`) or `L·Lᴴ` (`Lower`) in the `uplo` triangle,
            /// the other triangle untouched; [`Error::NotPositiveDefinite`](crate::Error::NotPositiveDefinite) on failure.
            lapack potrf("potrf", "potrf")(uplo: Uplo, a: MatMut<'_, T>) -> ();
            /// Solves `A·X = B` with the factor of [`Ops::potrf`]; `B ← X`.
            lapack potrs("potrs", "potrs")(uplo: Uplo, a: MatRef<'_, T>, b: MatMut<'_, T>) -> ();
            /// QR `A = Q·R`: `R` on and above the diagonal, the Householder vectors below
            /// (LAPACK's representation, `H = I − τ·v·vᴴ`, `v₀ = 1`), `tau.len() == min(m, n)`.
            lapack geqrf("geqrf", "geqrf")(a: MatMut<'_, T>, tau: &mut [T]) -> ();
            /// Forms the first `n` columns of `Q = H₁⋯H_k` from [`Ops::geqrf`]'s output
            /// in place (`m ≥ n ≥ k = tau.len()`).
            lapack ungqr("ungqr", "orgqr")(a: MatMut<'_, T>, tau: &[T]) -> ();
            /// SVD `A = U·Σ·Vᴴ` (divide and conquer). `A` (`m × n`) is destroyed;
            /// `s.len() == min(m, n)`, descending. `u`/`vt` are `Some` exactly when the
            /// job asks for vectors: `m × m` / `n × n` (`Full`) or `m × k` / `k × n` (`Thin`).
            lapack gesdd("gesdd", "gesdd")(job: SvdJob, a: MatMut<'_, T>, s: &mut [T::Real], u: Option<MatMut<'_, T>>, vt: Option<MatMut<'_, T>>) -> ();
            /// Hermitian (symmetric) eigendecomposition from the `uplo` triangle; `w`
            /// ascending. With [`EigJob::Vectors`] the columns of `A` become orthonormal
            /// eigenvectors; otherwise `A` is destroyed.
            lapack heevd("heevd", "syevd")(job: EigJob, uplo: Uplo, a: MatMut<'_, T>, w: &mut [T::Real]) -> ();
            /// General eigendecomposition: `A` destroyed, `w` the eigenvalues (complex
            /// even for real `A`, conjugate pairs adjacent, positive imaginary part
            /// first), `vl`/`vr` (if `Some`) the left/right eigenvectors as columns.
            lapack geev("geev", "geev")(a: MatMut<'_, T>, w: &mut [T::Complex], vl: Option<MatMut<'_, T::Complex>>, vr: Option<MatMut<'_, T::Complex>>) -> ();
            /// Least squares / minimum norm solution of `op(A)·X = B` for full-rank `A`
            /// (`m × n`) via QR or LQ; `A` destroyed; `B` is `max(m, n) × nrhs` and its
            /// leading rows receive `X`. `trans` is `No` or `ConjTrans` (`Trans` for real).
            lapack gels("gels", "gels")(trans: Trans, a: MatMut<'_, T>, b: MatMut<'_, T>) -> ();
        }
    };
}
