//! The operation set every backend implements, and what a backend says about
//! itself.
//!
//! # Contract between the checked surface and a backend
//!
//! Every call reaches a backend's trusting `…_unchecked` methods through
//! [`crate::checked`], which validates every argument first (the engine and a
//! direct [`Ops`] call go the same way). A backend may therefore rely on all
//! of the following, and need not check them again:
//!
//! - shapes agree as each method's documentation states; strides describe
//!   valid, in-bounds views; outputs do not overlap inputs or each other;
//! - no view carries a pending conjugation ([`MatRef::is_conj`] is false): the
//!   checked surface has folded it into a [`Trans`] flag or materialized the operand;
//! - flags are legal for the type (`syrk` gets `No`/`Trans`, `herk` gets
//!   `No`/`ConjTrans`; for real types `Trans` and `ConjTrans` are equivalent);
//! - empty problems never reach the backend, and neither does `α = 0` for
//!   the operations that take an `α` (the checked surface applies `β`, or
//!   zeroes `B` for `trmm`/`trsm`, itself); an empty inner dimension likewise;
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

use core::ffi::c_void;
use core::fmt;
use core::ptr::NonNull;
use std::path::PathBuf;

use crate::band::BandRef;
use crate::error::Result;
use crate::flags::{Diag, EigJob, Side, SvdJob, Trans, Uplo};
use crate::packed::{PackedMut, PackedRef};
use crate::policy::Serial;
use crate::scalar::{Scalar, c32, c64};
use crate::view::{MatMut, MatRef, VecMut, VecRef};

/// Writes the [`Ops`] trait from the operation table.
macro_rules! define_ops {
    ($(
        $(#[$doc:meta])*
        $family:ident $name:ident($complex:literal, $real:literal)
            ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => { paste::paste! {
        /// The whole operation set, typed for one scalar type `T`. Object safe.
        ///
        /// Each operation comes twice:
        ///
        /// - `op(…)`, the checked entry everyone calls: it validates every
        ///   argument ([`crate::checked`]: one function per operation, the same
        ///   typed errors on every path), applies the BLAS quick returns and
        ///   folds pending conjugations, then calls the trusting method. A bad
        ///   argument is an error naming it, outputs untouched, and nothing
        ///   reaches the backend.
        /// - `op_unchecked(…)`, the trusting method a backend implements. It is
        ///   `unsafe`: it may assume everything the module documentation lists
        ///   (shapes agree, views in bounds and not aliased, no pending
        ///   conjugation, no empty problem, `α ≠ 0`).
        ///
        /// Index conventions are Rust's (0-based) everywhere except in the
        /// numerical error values, which carry LAPACK's 1-based `info`.
        ///
        /// Non-finite values, the same on every backend: the BLAS families
        /// (`blas1`, `blas2`, `blas3`) propagate NaN and ±∞ as reference
        /// BLAS does (except where BLAS does not read an operand: `β = 0`
        /// never reads `y`/`C`, `α = 0` never reads `A`/`x`). The `lapack`
        /// family accepts finite input only: every entry a routine reads is
        /// checked first, and NaN or ±∞ is [`Error::NonFinite`] naming the
        /// argument (vendor LAPACKs crash, hang or exit on such input). A
        /// failed LAPACK call leaves its separate outputs (`ipiv`, `tau`,
        /// `s`, `u`, `vt`, `w`, `vl`, `vr`) and right-hand sides (`b`) as
        /// they were; the matrix it works on in place is unspecified after
        /// a numerical failure and untouched after any other error.
        #[allow(
            clippy::too_many_arguments,
            reason = "BLAS signatures are what they are"
        )]
        pub trait Ops<T: Scalar> {
            $(
                $(#[$doc])*
                ///
                /// # Errors
                #[doc = concat!(
                    "A typed error naming the bad argument, as [`crate::checked::",
                    stringify!($name),
                    "`] describes; numerical failures as documented above."
                )]
                #[inline]
                fn $name(&self, $($arg: $ty),*) -> Result<$ret> {
                    crate::checked::$name(self, |_| {}, $($arg),*)
                }

                #[doc = concat!(
                    "The trusting form of [`Ops::", stringify!($name),
                    "`]: what a backend implements."
                )]
                ///
                /// # Errors
                /// Numerical failures with LAPACK's index; backend failures.
                ///
                /// # Safety
                #[doc = concat!(
                    "The arguments passed [`crate::checked::", stringify!($name),
                    "`] and are as it hands them on: see the module documentation."
                )]
                unsafe fn [<$name _unchecked>](&self, $($arg: $ty),*) -> Result<$ret>;
            )*

            /// The vendor's own `cblas_?gemm` for `T`, for a boundary that
            /// holds a valid CBLAS call already (the C ABI's `cblas_?gemm`)
            /// and may pass it on as it came, with no views built and taken
            /// apart again. `None` (the default) when this backend has none
            /// with the reference `cblas.h` signature (32-bit `CBLAS_INT`).
            #[inline]
            fn vendor_gemm(&self) -> Option<&VendorGemm> {
                None
            }
        }
    }};
}

crate::for_each_operation!(define_ops);

/// A vendor's own `cblas_?gemm` ([`Ops::vendor_gemm`]) and what a caller
/// must do around it to serve the call as the backend itself would.
///
/// Only a call the reference CBLAS accepts may be passed on (validated, in
/// the reference's terms), non-empty (`m`, `n`, `k` positive) and with
/// `α ≠ 0` (what [`Ops::gemm_unchecked`] may assume), with real types'
/// `CblasConjTrans` passed as `CblasTrans`.
#[derive(Clone, Copy, Debug)]
pub struct VendorGemm {
    /// The function, to be called only through the reference `cblas.h`
    /// signature of `cblas_?gemm` for the `T` it was given for (the
    /// library stays loaded while the backend lives).
    pub addr: NonNull<c_void>,
    /// Calls whose largest dimension (`m`, `n` or `k`) falls here run on
    /// one thread by the backend's size policy: they must take the
    /// backend's own path ([`Ops::gemm_unchecked`]), not this one.
    pub serial: Serial,
    /// Run after each call: `Some(detail)` when the vendor reported an
    /// error out of band (then an [`Error::Backend`](crate::Error::Backend)).
    pub after: Option<fn() -> Option<String>>,
}

// SAFETY: `addr` is the address of a function (code, immutable, callable
// from any thread as the vendor documents its CBLAS to be); nothing is
// owned through it.
unsafe impl Send for VendorGemm {}
// SAFETY: as for `Send`: shared references only read the address.
unsafe impl Sync for VendorGemm {}

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
    /// The built-in size policy: below which problem sizes a call runs on
    /// one thread whatever the count ([`crate::policy`]). `None`: the
    /// backend uses its count at every size (or decides inside, as OpenBLAS
    /// and MKL do).
    fn size_policy(&self) -> Option<crate::SizePolicy> {
        None
    }
    /// For a backend with per-thread limits: runs the calling thread's
    /// calls on one thread until [`ThreadControl::restore_local`] is given
    /// the value returned (the previous per-thread setting). `None`: not
    /// supported (the default).
    fn lower_local(&self) -> Option<usize> {
        None
    }
    /// Undoes [`ThreadControl::lower_local`].
    fn restore_local(&self, previous: usize) {
        let _ = previous;
    }
    /// Shortens how long this library's idle workers keep spinning after a
    /// parallel call made from the calling thread, so that they leave the
    /// cores to another library's next call; `true` if the backend did so.
    /// The tuned router asks this of the backends it routes to, which share
    /// the cores call by call. Default: nothing to shorten (`false`).
    fn share_cores(&self) -> bool {
        false
    }
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
