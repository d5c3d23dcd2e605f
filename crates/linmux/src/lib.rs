//! linmux: one linear algebra API over every BLAS/LAPACK vendor, chosen at
//! run time.
//!
//! The pure-Rust [faer](https://docs.rs/faer) backend is compiled in, so
//! nothing has to be installed: `auto` uses OpenBLAS or MKL when the machine
//! has them and faer otherwise. `LINMUX_BACKEND` (or [`Engine::with_backend`])
//! picks a backend without a rebuild.
//!
//! - [`linalg`]: NumPy-like functions returning owned results (`matmul`,
//!   `solve`, `svd`, `eigh`, `lstsq`, `norm`, ...).
//! - Low-level BLAS/LAPACK on strided views: methods of [`Engine`], and the
//!   same functions here at the crate root running on the current engine
//!   (`linmux::gemm`, `linmux::potrf`, ...). Every argument is validated before
//!   any backend runs: bad input is a typed [`Error`] naming the argument, and
//!   outputs are left untouched.
//! - [`fft`]: NumPy's `numpy.fft` (`fft`, `rfft`, `fft2`, ...) on RustFFT,
//!   FFTW or MKL, chosen by `LINMUX_FFT` like a BLAS backend.
//! - [`distance`]: pairwise Euclidean distances (`cdist`, `pdist`) through gemm.
//! - [`threads`]: one thread API for every vendor (`set`, `get`, `limit`).
//! - Provenance: [`Engine::provenance`] counts which backend served what.
//!
//! ```
//! use linmux::{Mat, linalg};
//! let a = Mat::<f64>::from_rows(&[[4.0, 1.0], [1.0, 3.0]]);
//! let b = Mat::from_rows(&[[1.0], [2.0]]);
//! let x = linalg::solve(a.as_ref(), b.as_ref())?;
//! let r = linalg::matmul(a.as_ref(), x.as_ref())?;
//! assert!((r[(0, 0)] - 1.0).abs() < 1e-12 && (r[(1, 0)] - 2.0).abs() < 1e-12);
//! # Ok::<(), linmux::Error>(())
//! ```
// The one exception, `tuned`, implements the backends' trusting methods
// (`unsafe fn`) by forwarding them; everything else is safe code.
#![deny(unsafe_code)]

mod blas;
mod blas_ext;
pub mod distance;
mod engine;
pub mod fft;
mod lapack;
mod library;
pub mod linalg;
mod provenance;
pub mod reproducible;
pub mod select;
pub mod threads;
#[allow(
    unsafe_code,
    reason = "the router forwards the trusting `unsafe fn` methods"
)]
pub mod tuned;

pub use engine::{
    Engine, EngineScope, Recorder, current_engine, default_engine, set_default_engine,
    with_current, with_current_ops,
};
pub use linmux_core::Routine;
pub use linmux_core::{
    Backend, BackendInfo, Complex, Diag, EigJob, Error, IntWidth, Mat, MatMut, MatRef, Ops, Origin,
    RealScalar, Result, Scalar, ScalarKind, Side, SvdJob, ThreadCapability, ThreadControl,
    ThreadScope, Trans, Uplo, VecMut, VecRef, c32, c64,
};
pub use linmux_core::{BandMut, BandRef, Family, PackedMut, PackedOrder, PackedRef, SizePolicy};
pub use provenance::{Provenance, ProvenanceEntry};

/// The version of linmux (`Cargo.toml`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Crate-root functions: each runs the `Engine` method of the same name on the
/// current engine (see [`current_engine`]).
macro_rules! forward {
    ($($(#[doc(alias = $alias:literal)])* fn $name:ident<$t:ident: $bound:path>($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;)*) => {$(
        #[doc = concat!("Runs [`Engine::", stringify!($name), "`] on the current engine.")]
        ///
        /// # Errors
        #[doc = concat!("As [`Engine::", stringify!($name), "`], or if there is no current engine")]
        /// (an unloadable `LINMUX_BACKEND`).
        $(#[doc(alias = $alias)])*
        #[allow(clippy::too_many_arguments, reason = "BLAS signatures are what they are")]
        pub fn $name<$t: $bound>($($arg: $ty),*) -> Result<$ret> {
            with_current(|e| e.$name($($arg),*))?
        }
    )*};
}

forward! {
    #[doc(alias = "cblas_ddot")] #[doc(alias = "cblas_zdotu_sub")]
    fn dot<T: Scalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;
    #[doc(alias = "cblas_zdotc_sub")]
    fn dotc<T: Scalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;
    #[doc(alias = "cblas_daxpy")]
    fn axpy<T: Scalar>(alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dscal")]
    fn scal<T: Scalar>(alpha: T, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dnrm2")]
    fn nrm2<T: Scalar>(x: VecRef<'_, T>) -> T::Real;
    #[doc(alias = "cblas_dasum")]
    fn asum<T: Scalar>(x: VecRef<'_, T>) -> T::Real;
    #[doc(alias = "cblas_idamax")]
    fn iamax<T: Scalar>(x: VecRef<'_, T>) -> Option<usize>;
    #[doc(alias = "cblas_dcopy")]
    fn copy<T: Scalar>(x: VecRef<'_, T>, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dswap")]
    fn swap<T: Scalar>(x: VecMut<'_, T>, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_drotg")] #[doc(alias = "cblas_zrotg")]
    fn rotg<T: Scalar>(a: &mut T, b: &mut T, c: &mut T::Real, s: &mut T) -> ();
    #[doc(alias = "cblas_drot")] #[doc(alias = "cblas_zdrot")]
    fn rot<T: Scalar>(x: VecMut<'_, T>, y: VecMut<'_, T>, c: T::Real, s: T::Real) -> ();
    #[doc(alias = "cblas_drotm")]
    fn rotm<T: RealScalar>(x: VecMut<'_, T>, y: VecMut<'_, T>, param: &[T; 5]) -> ();
    #[doc(alias = "cblas_drotmg")]
    fn rotmg<T: RealScalar>(d1: &mut T, d2: &mut T, x1: &mut T, y1: T, param: &mut [T; 5]) -> ();
    #[doc(alias = "cblas_sdsdot")]
    fn sdsdot<T: RealScalar>(sb: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;
    #[doc(alias = "cblas_dsdot")]
    fn dsdot<T: RealScalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> f64;
    #[doc(alias = "cblas_zdscal")]
    fn rscal<T: Scalar>(alpha: T::Real, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dgemv")]
    fn gemv<T: Scalar>(trans: Trans, alpha: T, a: MatRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dger")] #[doc(alias = "cblas_zgeru")]
    fn geru<T: Scalar>(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_zgerc")]
    fn gerc<T: Scalar>(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsymv")] #[doc(alias = "cblas_zhemv")]
    fn hemv<T: Scalar>(uplo: Uplo, alpha: T, a: MatRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsymv")]
    fn symv<T: RealScalar>(uplo: Uplo, alpha: T, a: MatRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtrmv")]
    fn trmv<T: Scalar>(uplo: Uplo, trans: Trans, diag: Diag, a: MatRef<'_, T>, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtrsv")]
    fn trsv<T: Scalar>(uplo: Uplo, trans: Trans, diag: Diag, a: MatRef<'_, T>, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dgbmv")]
    fn gbmv<T: Scalar>(trans: Trans, alpha: T, a: BandRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsbmv")] #[doc(alias = "cblas_zhbmv")]
    fn hbmv<T: Scalar>(uplo: Uplo, alpha: T, a: BandRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dspmv")] #[doc(alias = "cblas_zhpmv")]
    fn hpmv<T: Scalar>(alpha: T, ap: PackedRef<'_, T>, x: VecRef<'_, T>, beta: T, y: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtbmv")]
    fn tbmv<T: Scalar>(uplo: Uplo, trans: Trans, diag: Diag, a: BandRef<'_, T>, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtbsv")]
    fn tbsv<T: Scalar>(uplo: Uplo, trans: Trans, diag: Diag, a: BandRef<'_, T>, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtpmv")]
    fn tpmv<T: Scalar>(trans: Trans, diag: Diag, ap: PackedRef<'_, T>, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtpsv")]
    fn tpsv<T: Scalar>(trans: Trans, diag: Diag, ap: PackedRef<'_, T>, x: VecMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsyr")] #[doc(alias = "cblas_zher")]
    fn her<T: Scalar>(uplo: Uplo, alpha: T::Real, x: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsyr2")] #[doc(alias = "cblas_zher2")]
    fn her2<T: Scalar>(uplo: Uplo, alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, a: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dspr")] #[doc(alias = "cblas_zhpr")]
    fn hpr<T: Scalar>(alpha: T::Real, x: VecRef<'_, T>, ap: PackedMut<'_, T>) -> ();
    #[doc(alias = "cblas_dspr2")] #[doc(alias = "cblas_zhpr2")]
    fn hpr2<T: Scalar>(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, ap: PackedMut<'_, T>) -> ();
    #[doc(alias = "cblas_sgemm")] #[doc(alias = "cblas_dgemm")] #[doc(alias = "cblas_cgemm")] #[doc(alias = "cblas_zgemm")]
    fn gemm<T: Scalar>(transa: Trans, transb: Trans, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsymm")]
    fn symm<T: Scalar>(side: Side, uplo: Uplo, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_zhemm")]
    fn hemm<T: Scalar>(side: Side, uplo: Uplo, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsyrk")]
    fn syrk<T: Scalar>(uplo: Uplo, trans: Trans, alpha: T, a: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_zherk")]
    fn herk<T: Scalar>(uplo: Uplo, trans: Trans, alpha: T::Real, a: MatRef<'_, T>, beta: T::Real, c: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dsyr2k")]
    fn syr2k<T: Scalar>(uplo: Uplo, trans: Trans, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T, c: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_zher2k")]
    fn her2k<T: Scalar>(uplo: Uplo, trans: Trans, alpha: T, a: MatRef<'_, T>, b: MatRef<'_, T>, beta: T::Real, c: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtrmm")]
    fn trmm<T: Scalar>(side: Side, uplo: Uplo, trans: Trans, diag: Diag, alpha: T, a: MatRef<'_, T>, b: MatMut<'_, T>) -> ();
    #[doc(alias = "cblas_dtrsm")]
    fn trsm<T: Scalar>(side: Side, uplo: Uplo, trans: Trans, diag: Diag, alpha: T, a: MatRef<'_, T>, b: MatMut<'_, T>) -> ();
    #[doc(alias = "dgetrf")]
    fn getrf<T: Scalar>(a: MatMut<'_, T>, ipiv: &mut [usize]) -> ();
    #[doc(alias = "dgetrs")]
    fn getrs<T: Scalar>(trans: Trans, lu: MatRef<'_, T>, ipiv: &[usize], b: MatMut<'_, T>) -> ();
    #[doc(alias = "dgetri")]
    fn getri<T: Scalar>(a: MatMut<'_, T>, ipiv: &[usize]) -> ();
    #[doc(alias = "dpotrf")]
    fn potrf<T: Scalar>(uplo: Uplo, a: MatMut<'_, T>) -> ();
    #[doc(alias = "dpotrs")]
    fn potrs<T: Scalar>(uplo: Uplo, a: MatRef<'_, T>, b: MatMut<'_, T>) -> ();
    #[doc(alias = "dgeqrf")]
    fn geqrf<T: Scalar>(a: MatMut<'_, T>, tau: &mut [T]) -> ();
    #[doc(alias = "dorgqr")] #[doc(alias = "zungqr")]
    fn ungqr<T: Scalar>(a: MatMut<'_, T>, tau: &[T]) -> ();
    #[doc(alias = "dgesdd")]
    fn gesdd<T: Scalar>(job: SvdJob, a: MatMut<'_, T>, s: &mut [T::Real], u: Option<MatMut<'_, T>>, vt: Option<MatMut<'_, T>>) -> ();
    #[doc(alias = "dsyevd")] #[doc(alias = "zheevd")]
    fn heevd<T: Scalar>(job: EigJob, uplo: Uplo, a: MatMut<'_, T>, w: &mut [T::Real]) -> ();
    #[doc(alias = "dgeev")]
    fn geev<T: Scalar>(a: MatMut<'_, T>, w: &mut [T::Complex], vl: Option<MatMut<'_, T::Complex>>, vr: Option<MatMut<'_, T::Complex>>) -> ();
    #[doc(alias = "dgels")]
    fn gels<T: Scalar>(trans: Trans, a: MatMut<'_, T>, b: MatMut<'_, T>) -> ();
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
