//! The operation set every backend implements, and what a backend says about
//! itself.
//!
//! # Contract between the engine and a backend
//!
//! The engine (crate `linmux`) validates every argument before it calls a
//! backend. A backend may therefore rely on all of the following, and need not
//! check them again:
//!
//! - shapes agree as each method's documentation states; strides describe
//!   valid, in-bounds views; outputs do not overlap inputs or each other;
//! - no view carries a pending conjugation ([`MatRef::is_conj`] is false): the
//!   engine has folded it into a [`Trans`] flag or materialized the operand;
//! - flags are legal for the type (`syrk` gets `No`/`Trans`, `herk` gets
//!   `No`/`ConjTrans`; for real types `Trans` and `ConjTrans` are equivalent);
//! - empty problems never reach the backend, and neither does `α = 0` for
//!   the operations that take an `α` (the engine applies `β`, or zeroes `B`
//!   for `trmm`/`trsm`, itself); an empty inner dimension likewise;
//! - vector strides may be negative (`VecRef::rev`), matrix strides are
//!   whatever the caller's view has.
//!
//! Semantics every backend keeps, as reference BLAS does:
//!
//! - where an operation takes `β`, `β = 0` means the output is not read: NaN
//!   or ∞ in it must not propagate;
//! - `hemv`, `hemm`, `herk` and `her2k` ignore the imaginary parts of the
//!   referenced diagonal, and `herk`/`her2k` write an exactly real diagonal;
//! - the triangle an operation does not reference is neither read nor written;
//! - `getrf` pivots on the largest `|re| + |im|` or modulus (both are LAPACK
//!   practice; `|L| ≤ √2` for complex);
//! - `geev` may return eigenvectors at any scale: the engine normalizes them.
//!
//! A backend must write outputs only as the operation specifies, must never
//! abort the process, and reports numerical failures with the LAPACK index
//! ([`Error::Singular`], [`Error::NotPositiveDefinite`], [`Error::NoConvergence`]).
//! Outputs unique only up to sign or phase (singular vectors, eigenvectors) may
//! be returned in any valid form: the engine makes them canonical.
//!
//! Symbol table (real / complex names of each operation):
//!
//! | method | f32 | f64 | c32 | c64 |
//! |---|---|---|---|---|
//! | `dot` | sdot | ddot | cdotu | zdotu |
//! | `dotc` | sdot | ddot | cdotc | zdotc |
//! | `hemv` | ssymv | dsymv | chemv | zhemv |
//! | `geru` / `gerc` | sger | dger | cgeru / cgerc | zgeru / zgerc |
//! | `hemm` | ssymm | dsymm | chemm | zhemm |
//! | `herk` / `her2k` | ssyrk / ssyr2k | dsyrk / dsyr2k | cherk / cher2k | zherk / zher2k |
//! | `ungqr` | sorgqr | dorgqr | cungqr | zungqr |
//! | `heevd` | ssyevd | dsyevd | cheevd | zheevd |

use core::fmt;
use std::path::PathBuf;

use crate::error::Result;
use crate::flags::{Diag, EigJob, Side, SvdJob, Trans, Uplo};
use crate::scalar::{Scalar, c32, c64};
use crate::view::{MatMut, MatRef, VecMut, VecRef};

/// The whole operation set, typed for one scalar type `T`. Object safe.
///
/// Index conventions are Rust's (0-based) everywhere except in the numerical
/// error values, which carry LAPACK's 1-based `info`.
#[allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]
pub trait Ops<T: Scalar> {
    // ---- BLAS 1 --------------------------------------------------------
    /// `Σ xᵢ·yᵢ` (unconjugated: `dotu` for complex). `x.len() == y.len()`.
    fn dot(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T>;
    /// `Σ conj(xᵢ)·yᵢ` (`dotc`; equal to `dot` for real types).
    fn dotc(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T>;
    /// `y ← α·x + y`.
    fn axpy(&self, alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()>;
    /// `x ← α·x`.
    fn scal(&self, alpha: T, x: VecMut<'_, T>) -> Result<()>;
    /// Euclidean norm `‖x‖₂`, without overflow or underflow.
    fn nrm2(&self, x: VecRef<'_, T>) -> Result<T::Real>;
    /// `Σ |re xᵢ| + |im xᵢ|` (BLAS `asum`).
    fn asum(&self, x: VecRef<'_, T>) -> Result<T::Real>;
    /// 0-based index of the first element of largest `|re| + |im|`. `x` is not empty.
    fn iamax(&self, x: VecRef<'_, T>) -> Result<usize>;
    /// `y ← x`.
    fn copy(&self, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()>;
    /// `x ↔ y`.
    fn swap(&self, x: VecMut<'_, T>, y: VecMut<'_, T>) -> Result<()>;

    // ---- BLAS 2 --------------------------------------------------------
    /// `y ← α·op(A)·x + β·y`. When `β = 0`, `y` is not read (NaNs in it vanish).
    fn gemv(
        &self,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()>;
    /// `A ← α·x·yᵀ + A` (`ger` / `geru`).
    fn geru(&self, alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> Result<()>;
    /// `A ← α·x·yᴴ + A` (`ger` / `gerc`).
    fn gerc(&self, alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> Result<()>;
    /// `y ← α·A·x + β·y` with `A` Hermitian (symmetric for real types), only
    /// the `uplo` triangle read; the imaginary parts of its diagonal are taken as zero.
    fn hemv(
        &self,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()>;
    /// `x ← op(A)·x`, `A` triangular.
    fn trmv(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()>;
    /// `x ← op(A)⁻¹·x`, `A` triangular (no singularity check, as BLAS).
    fn trsv(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()>;

    // ---- BLAS 3 --------------------------------------------------------
    /// `C ← α·op(A)·op(B) + β·C`. When `β = 0`, `C` is not read.
    fn gemm(
        &self,
        transa: Trans,
        transb: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()>;
    /// `C ← α·A·B + β·C` (left) or `α·B·A + β·C` (right), `A` symmetric (`uplo` triangle read).
    fn symm(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()>;
    /// As [`Ops::symm`] with `A` Hermitian (diagonal imaginary parts taken as zero).
    fn hemm(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()>;
    /// `C ← α·A·Aᵀ + β·C` (`No`) or `α·Aᵀ·A + β·C` (`Trans`); only the `uplo` triangle of `C` is written.
    fn syrk(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()>;
    /// `C ← α·A·Aᴴ + β·C` (`No`) or `α·Aᴴ·A + β·C` (`ConjTrans`), real `α`, `β`;
    /// only the `uplo` triangle written, its diagonal made real.
    fn herk(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T::Real,
        a: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()>;
    /// `C ← α·A·Bᵀ + α·B·Aᵀ + β·C` (`No`) or with `Aᵀ·B`, `Bᵀ·A` (`Trans`).
    fn syr2k(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()>;
    /// `C ← α·A·Bᴴ + conj(α)·B·Aᴴ + β·C` (`No`) or with `Aᴴ·B`, `Bᴴ·A` (`ConjTrans`), real `β`.
    fn her2k(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()>;
    /// `B ← α·op(A)·B` (left) or `α·B·op(A)` (right), `A` triangular.
    fn trmm(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()>;
    /// `B ← α·op(A)⁻¹·B` (left) or `α·B·op(A)⁻¹` (right), `A` triangular.
    fn trsm(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()>;

    // ---- LAPACK --------------------------------------------------------
    /// LU with partial pivoting, `A = P·L·U`, in place (`L` unit lower below the
    /// diagonal, `U` on and above). `ipiv.len() == min(m, n)`; row `i` was
    /// interchanged with row `ipiv[i]` (0-based). If a pivot is exactly zero the
    /// factorization is still completed and [`Error::Singular`] is returned.
    fn getrf(&self, a: MatMut<'_, T>, ipiv: &mut [usize]) -> Result<()>;
    /// Solves `op(A)·X = B` with the factors of [`Ops::getrf`] (square `A`); `B ← X`.
    fn getrs(
        &self,
        trans: Trans,
        lu: MatRef<'_, T>,
        ipiv: &[usize],
        b: MatMut<'_, T>,
    ) -> Result<()>;
    /// Replaces the factors of [`Ops::getrf`] (square) by `A⁻¹`; [`Error::Singular`] if a pivot is zero.
    fn getri(&self, a: MatMut<'_, T>, ipiv: &[usize]) -> Result<()>;
    /// Cholesky `A = UᴴU` (`Upper`) or `L·Lᴴ` (`Lower`) in the `uplo` triangle,
    /// the other triangle untouched; [`Error::NotPositiveDefinite`] on failure.
    fn potrf(&self, uplo: Uplo, a: MatMut<'_, T>) -> Result<()>;
    /// Solves `A·X = B` with the factor of [`Ops::potrf`]; `B ← X`.
    fn potrs(&self, uplo: Uplo, a: MatRef<'_, T>, b: MatMut<'_, T>) -> Result<()>;
    /// QR `A = Q·R`: `R` on and above the diagonal, the Householder vectors below
    /// (LAPACK's representation, `H = I − τ·v·vᴴ`, `v₀ = 1`), `tau.len() == min(m, n)`.
    fn geqrf(&self, a: MatMut<'_, T>, tau: &mut [T]) -> Result<()>;
    /// Forms the first `n` columns of `Q = H₁⋯H_k` from [`Ops::geqrf`]'s output
    /// in place (`m ≥ n ≥ k = tau.len()`).
    fn ungqr(&self, a: MatMut<'_, T>, tau: &[T]) -> Result<()>;
    /// SVD `A = U·Σ·Vᴴ` (divide and conquer). `A` (`m × n`) is destroyed;
    /// `s.len() == min(m, n)`, descending. `u`/`vt` are `Some` exactly when the
    /// job asks for vectors: `m × m` / `n × n` (`Full`) or `m × k` / `k × n` (`Thin`).
    fn gesdd(
        &self,
        job: SvdJob,
        a: MatMut<'_, T>,
        s: &mut [T::Real],
        u: Option<MatMut<'_, T>>,
        vt: Option<MatMut<'_, T>>,
    ) -> Result<()>;
    /// Hermitian (symmetric) eigendecomposition from the `uplo` triangle; `w`
    /// ascending. With [`EigJob::Vectors`] the columns of `A` become orthonormal
    /// eigenvectors; otherwise `A` is destroyed.
    fn heevd(&self, job: EigJob, uplo: Uplo, a: MatMut<'_, T>, w: &mut [T::Real]) -> Result<()>;
    /// General eigendecomposition: `A` destroyed, `w` the eigenvalues (complex
    /// even for real `A`, conjugate pairs adjacent, positive imaginary part
    /// first), `vl`/`vr` (if `Some`) the left/right eigenvectors as columns.
    fn geev(
        &self,
        a: MatMut<'_, T>,
        w: &mut [T::Complex],
        vl: Option<MatMut<'_, T::Complex>>,
        vr: Option<MatMut<'_, T::Complex>>,
    ) -> Result<()>;
    /// Least squares / minimum norm solution of `op(A)·X = B` for full-rank `A`
    /// (`m × n`) via QR or LQ; `A` destroyed; `B` is `max(m, n) × nrhs` and its
    /// leading rows receive `X`. `trans` is `No` or `ConjTrans` (`Trans` for real).
    fn gels(&self, trans: Trans, a: MatMut<'_, T>, b: MatMut<'_, T>) -> Result<()>;
}

/// A linear algebra backend: the operation set for all four scalar types, a
/// description of itself, and its thread control.
///
/// Generic code reaches the typed operations through [`Scalar::ops`].
pub trait Backend: Ops<f32> + Ops<f64> + Ops<c32> + Ops<c64> + Send + Sync + fmt::Debug {
    /// What this backend is and where it came from.
    fn info(&self) -> &BackendInfo;
    /// How its threads are controlled.
    fn threads(&self) -> &dyn ThreadControl;
}

/// Integer width of the BLAS/LAPACK interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntWidth {
    /// 32-bit `int` (LP64).
    Lp64,
    /// 64-bit integers (ILP64).
    Ilp64,
    /// Native Rust `usize` (pure-Rust backends).
    Native,
}

impl IntWidth {
    /// `"lp64"`, `"ilp64"` or `"native"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            IntWidth::Lp64 => "lp64",
            IntWidth::Ilp64 => "ilp64",
            IntWidth::Native => "native",
        }
    }
}

/// Where a backend's code comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// Compiled into linmux (faer).
    Embedded,
    /// Shared libraries opened at run time (one or more paths).
    Loaded(Vec<PathBuf>),
    /// Statically linked at build time.
    Linked,
}

/// What a backend is: filled in at construction (vendor libraries: after probing).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BackendInfo {
    /// The selection name (`"faer"`, `"openblas"`, `"mkl"`, or a path).
    pub name: String,
    /// Who makes it (`"faer"`, `"OpenBLAS"`, `"Intel MKL"`).
    pub vendor: String,
    /// Version string as the library reports it, if it does.
    pub version: Option<String>,
    /// Build configuration the library reports (`openblas_get_config`), if any.
    pub config: Option<String>,
    /// Integer width of its interface.
    pub int_width: IntWidth,
    /// Symbol suffix found by probing (`""`, `"64_"`, `"$NEWLAPACK"`...), if any.
    pub symbol_suffix: Option<String>,
    /// Threading layer actually in use (`"rayon"`, `"pthreads"`, `"openmp"`, `"sequential"`...).
    pub threading: String,
    /// Where it came from.
    pub origin: Origin,
    /// Who serves LAPACK operations if not the backend itself (BLIS: `"faer"`).
    pub lapack_provider: Option<String>,
}

impl BackendInfo {
    /// A description with the given name and vendor; other fields neutral.
    pub fn new(name: impl Into<String>, vendor: impl Into<String>, origin: Origin) -> Self {
        Self {
            name: name.into(),
            vendor: vendor.into(),
            version: None,
            config: None,
            int_width: IntWidth::Native,
            symbol_suffix: None,
            threading: String::from("unknown"),
            origin,
            lapack_provider: None,
        }
    }
}

/// What setting a thread count can achieve on a backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ThreadCapability {
    /// Any count from 1 up to `max` (if the backend has a maximum).
    Exact {
        /// Upper bound the backend accepts, if any.
        max: Option<usize>,
    },
    /// Only single-threaded or multi-threaded (Accelerate's `BLASSetThreading`).
    OnOff,
    /// The count cannot be changed.
    None,
}

/// Whom a thread setting affects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ThreadScope {
    /// Every thread of the process.
    Process,
    /// Only calls made from the calling thread.
    CallingThread,
}

impl ThreadScope {
    /// `"process"` or `"calling-thread"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ThreadScope::Process => "process",
            ThreadScope::CallingThread => "calling-thread",
        }
    }
}

/// A backend's thread control.
pub trait ThreadControl: Send + Sync {
    /// What a count can achieve.
    fn capability(&self) -> ThreadCapability;
    /// Scope of [`ThreadControl::set`].
    fn scope(&self) -> ThreadScope;
    /// Scope of [`ThreadControl::set_thread_local`]: `CallingThread` if the
    /// backend supports per-thread limits, else `Process` (the engine then
    /// implements scoped limits with `set`).
    fn local_scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    /// The count calls will use now (from the calling thread).
    fn get(&self) -> usize;
    /// Sets the count (clamped to the capability); `n ≥ 1`.
    ///
    /// # Errors
    /// If the vendor's setter fails or `n == 0`.
    fn set(&self, n: usize) -> Result<()>;
    /// Sets (`Some`) or clears (`None`) a limit for calls from the calling
    /// thread only. Only called when [`ThreadControl::local_scope`] is
    /// `CallingThread`.
    ///
    /// # Errors
    /// [`crate::Error::Unsupported`] by default.
    fn set_thread_local(&self, n: Option<usize>) -> Result<()> {
        let _ = n;
        Err(crate::Error::Unsupported {
            op: "set_thread_local",
            backend: String::from("?"),
        })
    }
}

impl fmt::Debug for dyn ThreadControl + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadControl")
            .field("capability", &self.capability())
            .field("scope", &self.scope())
            .field("threads", &self.get())
            .finish()
    }
}
