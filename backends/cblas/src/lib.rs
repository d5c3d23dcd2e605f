//! One linmux backend over any CBLAS + Fortran LAPACK library loaded at run
//! time by [`linmux_loader`]: OpenBLAS, MKL, BLIS, Netlib, Accelerate's
//! `$NEWLAPACK` names, or any other.
//!
//! - BLAS through CBLAS (complex dots through the `_sub` forms), with views
//!   mapped to column- or row-major storage, flipping `Trans`/`Uplo` where the
//!   math allows and copying through a contiguous scratch otherwise;
//! - LAPACK through the Fortran symbols, column-major, with workspace queries,
//!   1-based pivots converted, `info` mapped in one place;
//! - every `usize` converted to the library's integer through one checked
//!   helper: a dimension that does not fit is [`Error::InvalidArgument`],
//!   never a truncation;
//! - every `Ops` method first checks every dimension relation the vendor
//!   call relies on (`guard`), so a direct caller bypassing the engine gets
//!   [`Error::DimensionMismatch`] / [`Error::InvalidArgument`], never an
//!   out-of-bounds access in vendor code; scratch copies and workspaces are
//!   allocated fallibly (an error, never an abort);
//! - a library without LAPACK (BLIS) delegates LAPACK operations to a
//!   provider backend given at construction (recorded in
//!   [`BackendInfo::lapack_provider`]).

#![deny(clippy::undocumented_unsafe_blocks)]

mod convert;
mod kernels;
mod layout;
pub mod mkl_errors;
mod ops;
pub mod profile;
mod threads;
pub mod vendor;

use std::path::Path;
use std::sync::Arc;

use linmux_core::{
    Backend, BackendInfo, BandRef, Diag, EigJob, Error, MatMut, MatRef, Ops, Origin, PackedMut,
    PackedRef, Result, Scalar, Side, SvdJob, ThreadControl, Trans, Uplo, VecMut, VecRef,
};
use linmux_loader::{LoadSpec, LoadedVendor};

pub use threads::GenericThreadControl;
pub use vendor::{LoadFn, VendorDescriptor, loaded_info};

use kernels::Kernels;
use ops::{Ctx, Lapack};

/// A backend over a loaded CBLAS + LAPACK library.
#[derive(Debug)]
pub struct CblasBackend {
    vendor: LoadedVendor,
    info: BackendInfo,
    threads: Box<dyn ThreadControl>,
    lapack_provider: Option<Arc<dyn Backend>>,
    after_call: Option<AfterCall>,
    /// Whether the library's `cblas_dsdot`/`cblas_sdsdot` really accumulate
    /// in double precision (probed at construction; OpenBLAS 0.3.21's
    /// Haswell kernel accumulates in single precision from n = 32 on).
    mixed_dot_exact: bool,
}

/// A check run after every vendor call: `Some(detail)` when the vendor
/// reported an error out of band (MKL's `xerbla` or fatal-error handler),
/// which the backend then returns as [`Error::Backend`]. It must be cheap
/// (an atomic load when nothing happened).
pub type AfterCall = fn() -> Option<String>;

impl CblasBackend {
    /// A backend over `vendor`'s tables, described by `info` (built by the
    /// profile: name, vendor, version, config, threading). The integer
    /// width, symbol suffix, origin and LAPACK provider are filled here from
    /// what the loader found.
    ///
    /// `lapack_provider` serves LAPACK operations when the vendor has no
    /// LAPACK (BLIS); it is ignored otherwise. Without either, LAPACK
    /// operations return [`Error::Unsupported`].
    pub fn new(
        vendor: LoadedVendor,
        mut info: BackendInfo,
        threads: Box<dyn ThreadControl>,
        lapack_provider: Option<Arc<dyn Backend>>,
    ) -> Self {
        let abi = vendor.abi();
        let mut paths = vec![abi.blas_path.clone()];
        if let Some(p) = &abi.lapack_path
            && *p != abi.blas_path
        {
            paths.push(p.clone());
        }
        info.origin = Origin::Loaded(paths);
        info.int_width = abi.int_width;
        info.symbol_suffix = Some(abi.suffix.as_str().to_owned());
        let lapack_provider = if vendor.has_lapack() {
            None
        } else {
            lapack_provider
        };
        info.lapack_provider = lapack_provider.as_ref().map(|p| p.info().name.clone());
        let mixed_dot_exact = match &vendor {
            LoadedVendor::Lp64(v) => ops::mixed_dot_is_double(&v.cblas),
            LoadedVendor::Ilp64(v) => ops::mixed_dot_is_double(&v.cblas),
        };
        Self {
            vendor,
            info,
            threads,
            lapack_provider,
            after_call: None,
            mixed_dot_exact,
        }
    }

    /// Whether the library's `cblas_dsdot`/`cblas_sdsdot` accumulate in
    /// double precision, as BLAS specifies (probed at construction). When
    /// they do not (OpenBLAS 0.3.21 from n = 32 on, measured), this backend
    /// computes the two routines itself with an `f64` accumulator.
    pub fn mixed_dot_exact(&self) -> bool {
        self.mixed_dot_exact
    }

    /// Runs `check` after every call into the vendor (not into a LAPACK
    /// provider): an error it reports replaces an `Ok` result with
    /// [`Error::Backend`] naming this backend and the operation. An `Err`
    /// result is kept (the check has still consumed the report).
    #[must_use]
    pub fn with_after_call(mut self, check: AfterCall) -> Self {
        self.after_call = Some(check);
        self
    }

    /// Applies the after-call check to a vendor call's result.
    #[inline]
    fn checked<R>(&self, routine: &'static str, r: Result<R>) -> Result<R> {
        match self.after_call.and_then(|f| f()) {
            None => r,
            Some(detail) => match r {
                Ok(_) => Err(Error::Backend {
                    backend: self.info.name.clone(),
                    routine,
                    detail,
                }),
                Err(e) => Err(e),
            },
        }
    }

    /// Loads `spec` and builds a backend with a [`GenericThreadControl`].
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`] naming `info.name`, with every path tried.
    ///
    /// # Safety
    /// As [`linmux_loader::load`]: the files must be BLAS/LAPACK libraries.
    pub unsafe fn load(
        spec: &LoadSpec,
        info: BackendInfo,
        lapack_provider: Option<Arc<dyn Backend>>,
    ) -> Result<Self> {
        // SAFETY: forwarded to the caller.
        let vendor =
            unsafe { linmux_loader::load(spec) }.map_err(|e| e.into_core(info.name.clone()))?;
        let threads = Box::new(GenericThreadControl::new(vendor.extras()));
        Ok(Self::new(vendor, info, threads, lapack_provider))
    }

    /// The loaded vendor (tables and probe results).
    pub fn vendor(&self) -> &LoadedVendor {
        &self.vendor
    }

    /// Who serves LAPACK: this backend's name, the provider's, or `None`.
    pub fn lapack_served_by(&self) -> Option<&str> {
        if self.vendor.has_lapack() {
            Some(&self.info.name)
        } else {
            self.lapack_provider
                .as_ref()
                .map(|p| p.info().name.as_str())
        }
    }

    fn unsupported(&self, op: &'static str) -> Error {
        Error::Unsupported {
            op,
            backend: format!("{} (no LAPACK and no LAPACK provider)", self.info.name),
        }
    }
}

impl Backend for CblasBackend {
    fn info(&self) -> &BackendInfo {
        &self.info
    }
    fn threads(&self) -> &dyn ThreadControl {
        &*self.threads
    }
}

/// Runs `$body` with `$c` bound to the BLAS context of either width.
macro_rules! blas {
    ($self:ident, $op:literal, |$c:ident| $body:expr) => {
        $self.checked(
            $op,
            match &$self.vendor {
                LoadedVendor::Lp64(v) => {
                    let $c = Ctx {
                        cb: &v.cblas,
                        fb: &v.fortran_blas,
                        name: &$self.info.name,
                        mixed_dot_exact: $self.mixed_dot_exact,
                    };
                    $body
                }
                LoadedVendor::Ilp64(v) => {
                    let $c = Ctx {
                        cb: &v.cblas,
                        fb: &v.fortran_blas,
                        name: &$self.info.name,
                        mixed_dot_exact: $self.mixed_dot_exact,
                    };
                    $body
                }
            },
        )
    };
}

/// Runs `$body` with `$l` bound to the LAPACK context, or delegates
/// `$fallback` to the provider.
macro_rules! lapack {
    ($self:ident, $op:literal, |$l:ident| $body:expr, |$p:ident| $fallback:expr) => {
        match &$self.vendor {
            LoadedVendor::Lp64(v) if v.lapack.is_some() => match &v.lapack {
                Some(lp) => {
                    let $l = Lapack {
                        lp,
                        name: &$self.info.name,
                    };
                    $self.checked($op, $body)
                }
                None => Err($self.unsupported($op)),
            },
            LoadedVendor::Ilp64(v) if v.lapack.is_some() => match &v.lapack {
                Some(lp) => {
                    let $l = Lapack {
                        lp,
                        name: &$self.info.name,
                    };
                    $self.checked($op, $body)
                }
                None => Err($self.unsupported($op)),
            },
            _ => match &$self.lapack_provider {
                Some(p) => {
                    let $p = T::ops(&**p);
                    // SAFETY: the provider gets exactly the arguments this
                    // trusting method got, which the checked surface validated.
                    unsafe { $fallback }
                }
                None => Err($self.unsupported($op)),
            },
        }
    };
}

#[allow(
    private_bounds,
    reason = "Kernels is implemented for exactly the four scalar types"
)]
impl<T: Kernels> Ops<T> for CblasBackend {
    unsafe fn dot_unchecked(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        blas!(self, "dot", |c| c.dot(x, y, false))
    }
    unsafe fn dotc_unchecked(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        blas!(self, "dotc", |c| c.dot(x, y, true))
    }
    unsafe fn axpy_unchecked(&self, alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        blas!(self, "axpy", |c| c.axpy(alpha, x, y))
    }
    unsafe fn scal_unchecked(&self, alpha: T, x: VecMut<'_, T>) -> Result<()> {
        blas!(self, "scal", |c| c.scal(alpha, x))
    }
    unsafe fn nrm2_unchecked(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        blas!(self, "nrm2", |c| c.nrm2(x, false))
    }
    unsafe fn asum_unchecked(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        blas!(self, "asum", |c| c.nrm2(x, true))
    }
    unsafe fn iamax_unchecked(&self, x: VecRef<'_, T>) -> Result<usize> {
        blas!(self, "iamax", |c| c.iamax(x))
    }
    unsafe fn copy_unchecked(&self, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        blas!(self, "copy", |c| c.copy(x, y))
    }
    unsafe fn swap_unchecked(&self, x: VecMut<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        blas!(self, "swap", |c| c.swap(x, y))
    }
    unsafe fn gemv_unchecked(
        &self,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "gemv", |c| c.gemv(trans, alpha, a, x, beta, y))
    }
    unsafe fn geru_unchecked(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "geru", |c| c.ger(alpha, x, y, a, false))
    }
    unsafe fn gerc_unchecked(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "gerc", |c| c.ger(alpha, x, y, a, true))
    }
    unsafe fn hemv_unchecked(
        &self,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "hemv", |c| c.hemv(uplo, alpha, a, x, beta, y))
    }
    unsafe fn trmv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "trmv", |c| c.trxv(false, uplo, trans, diag, a, x))
    }
    unsafe fn trsv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "trsv", |c| c.trxv(true, uplo, trans, diag, a, x))
    }
    unsafe fn rotg_unchecked(
        &self,
        a: &mut T,
        b: &mut T,
        c: &mut T::Real,
        s: &mut T,
    ) -> Result<()> {
        blas!(self, "rotg", |x| x.rotg(a, b, c, s))
    }
    unsafe fn rot_unchecked(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        c: T::Real,
        s: T::Real,
    ) -> Result<()> {
        blas!(self, "rot", |k| k.rot(x, y, c, s))
    }
    unsafe fn rotm_unchecked(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        param: &[T; 5],
    ) -> Result<()> {
        blas!(self, "rotm", |k| k.rotm(x, y, param))
    }
    unsafe fn rotmg_unchecked(
        &self,
        d1: &mut T,
        d2: &mut T,
        x1: &mut T,
        y1: T,
        param: &mut [T; 5],
    ) -> Result<()> {
        blas!(self, "rotmg", |k| k.rotmg(d1, d2, x1, y1, param))
    }
    /// `f32`: `cblas_sdsdot`. `f64`, where CBLAS has no such routine:
    /// `sb + cblas_ddot`, already accumulated in double precision.
    unsafe fn sdsdot_unchecked(&self, sb: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        blas!(self, "sdsdot", |k| k.sdsdot(sb, x, y))
    }
    /// `f32`: `cblas_dsdot`; `f64`: `cblas_ddot`.
    unsafe fn dsdot_unchecked(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<f64> {
        blas!(self, "dsdot", |k| k.dsdot(x, y))
    }
    unsafe fn rscal_unchecked(&self, alpha: T::Real, x: VecMut<'_, T>) -> Result<()> {
        blas!(self, "rscal", |k| k.rscal(alpha, x))
    }
    unsafe fn gbmv_unchecked(
        &self,
        trans: Trans,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "gbmv", |c| c.gbmv(trans, alpha, a, x, beta, y))
    }
    unsafe fn hbmv_unchecked(
        &self,
        uplo: Uplo,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "hbmv", |c| c.hbmv(uplo, alpha, a, x, beta, y))
    }
    unsafe fn hpmv_unchecked(
        &self,
        alpha: T,
        ap: PackedRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "hpmv", |c| c.hpmv(alpha, ap, x, beta, y))
    }
    unsafe fn tbmv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "tbmv", |c| c.tbxv(false, uplo, trans, diag, a, x))
    }
    unsafe fn tbsv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "tbsv", |c| c.tbxv(true, uplo, trans, diag, a, x))
    }
    unsafe fn tpmv_unchecked(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "tpmv", |c| c.tpxv(false, trans, diag, ap, x))
    }
    unsafe fn tpsv_unchecked(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "tpsv", |c| c.tpxv(true, trans, diag, ap, x))
    }
    unsafe fn her_unchecked(
        &self,
        uplo: Uplo,
        alpha: T::Real,
        x: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "her", |c| c.her(uplo, alpha, x, a))
    }
    unsafe fn her2_unchecked(
        &self,
        uplo: Uplo,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "her2", |c| c.her2(uplo, alpha, x, y, a))
    }
    unsafe fn hpr_unchecked(
        &self,
        alpha: T::Real,
        x: VecRef<'_, T>,
        ap: PackedMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "hpr", |c| c.hpr(alpha, x, ap))
    }
    unsafe fn hpr2_unchecked(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        ap: PackedMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "hpr2", |c| c.hpr2(alpha, x, y, ap))
    }
    unsafe fn gemm_unchecked(
        &self,
        transa: Trans,
        transb: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "gemm", |x| x
            .gemm(transa, transb, alpha, a, b, beta, c))
    }
    unsafe fn symm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "symm", |x| x
            .symm(false, side, uplo, alpha, a, b, beta, c))
    }
    unsafe fn hemm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "hemm", |x| x
            .symm(true, side, uplo, alpha, a, b, beta, c))
    }
    unsafe fn syrk_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "syrk", |x| x
            .rank_k(uplo, trans, alpha, None, a, beta, c))
    }
    unsafe fn herk_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T::Real,
        a: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "herk", |x| x.rank_k(
            uplo,
            trans,
            T::from_real(alpha),
            Some((alpha, beta)),
            a,
            T::from_real(beta),
            c
        ))
    }
    unsafe fn syr2k_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "syr2k", |x| x
            .rank_2k(uplo, trans, alpha, a, b, beta, None, c))
    }
    unsafe fn her2k_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "her2k", |x| x.rank_2k(
            uplo,
            trans,
            alpha,
            a,
            b,
            T::from_real(beta),
            Some(beta),
            c
        ))
    }
    unsafe fn trmm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "trmm", |x| x
            .trxm(false, side, uplo, trans, diag, alpha, a, b))
    }
    unsafe fn trsm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        blas!(self, "trsm", |x| x
            .trxm(true, side, uplo, trans, diag, alpha, a, b))
    }

    unsafe fn getrf_unchecked(&self, a: MatMut<'_, T>, ipiv: &mut [usize]) -> Result<()> {
        lapack!(self, "getrf", |l| l.getrf(a, ipiv), |p| p
            .getrf_unchecked(a, ipiv))
    }
    unsafe fn getrs_unchecked(
        &self,
        trans: Trans,
        lu: MatRef<'_, T>,
        ipiv: &[usize],
        b: MatMut<'_, T>,
    ) -> Result<()> {
        lapack!(self, "getrs", |l| l.getrs(trans, lu, ipiv, b), |p| p
            .getrs_unchecked(trans, lu, ipiv, b))
    }
    unsafe fn getri_unchecked(&self, a: MatMut<'_, T>, ipiv: &[usize]) -> Result<()> {
        lapack!(self, "getri", |l| l.getri(a, ipiv), |p| p
            .getri_unchecked(a, ipiv))
    }
    unsafe fn potrf_unchecked(&self, uplo: Uplo, a: MatMut<'_, T>) -> Result<()> {
        lapack!(self, "potrf", |l| l.potrf(uplo, a), |p| p
            .potrf_unchecked(uplo, a))
    }
    unsafe fn potrs_unchecked(&self, uplo: Uplo, a: MatRef<'_, T>, b: MatMut<'_, T>) -> Result<()> {
        lapack!(self, "potrs", |l| l.potrs(uplo, a, b), |p| p
            .potrs_unchecked(uplo, a, b))
    }
    unsafe fn geqrf_unchecked(&self, a: MatMut<'_, T>, tau: &mut [T]) -> Result<()> {
        lapack!(self, "geqrf", |l| l.geqrf(a, tau), |p| p
            .geqrf_unchecked(a, tau))
    }
    unsafe fn ungqr_unchecked(&self, a: MatMut<'_, T>, tau: &[T]) -> Result<()> {
        lapack!(self, "ungqr", |l| l.ungqr(a, tau), |p| p
            .ungqr_unchecked(a, tau))
    }
    unsafe fn gesdd_unchecked(
        &self,
        job: SvdJob,
        a: MatMut<'_, T>,
        s: &mut [T::Real],
        u: Option<MatMut<'_, T>>,
        vt: Option<MatMut<'_, T>>,
    ) -> Result<()> {
        lapack!(self, "gesdd", |l| l.gesdd(job, a, s, u, vt), |p| p
            .gesdd_unchecked(job, a, s, u, vt))
    }
    unsafe fn heevd_unchecked(
        &self,
        job: EigJob,
        uplo: Uplo,
        a: MatMut<'_, T>,
        w: &mut [T::Real],
    ) -> Result<()> {
        lapack!(self, "heevd", |l| l.heevd(job, uplo, a, w), |p| p
            .heevd_unchecked(job, uplo, a, w))
    }
    unsafe fn geev_unchecked(
        &self,
        a: MatMut<'_, T>,
        w: &mut [T::Complex],
        vl: Option<MatMut<'_, T::Complex>>,
        vr: Option<MatMut<'_, T::Complex>>,
    ) -> Result<()> {
        lapack!(self, "geev", |l| l.geev(a, w, vl, vr), |p| p
            .geev_unchecked(a, w, vl, vr))
    }
    unsafe fn gels_unchecked(
        &self,
        trans: Trans,
        a: MatMut<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        lapack!(self, "gels", |l| l.gels(trans, a, b), |p| p
            .gels_unchecked(trans, a, b))
    }
}

/// Loads any CBLAS + Fortran LAPACK shared library by path
/// (`LINMUX_BACKEND=/path/to/libfoo.so`): the backend's name is the path,
/// its vendor is the first of `vendors` whose [`VendorDescriptor::detect`]
/// accepts the extras the library exports (`"unknown"` if none does), its
/// version and configuration are read from whatever queries it exports
/// (`openblas_get_config`, `MKL_Get_Version_String`,
/// `bli_info_get_version_str`, else `ilaver`), and its threads are driven by
/// [`GenericThreadControl`].
///
/// The library is opened `RTLD_DEEPBIND` (MKL puts BLAS names in the global
/// scope, where they would otherwise serve this library's internal calls),
/// except an MKL runtime (`libmkl_rt*`), which is opened as the MKL profile
/// does: `libm.so.6` preloaded `RTLD_GLOBAL`, no deep binding. A library
/// exporting MKL's handler setters gets the profile's `xerbla` and
/// fatal-error handlers and after-call check ([`mkl_errors`]).
///
/// `lapack_fallback` serves LAPACK when the library has none.
///
/// # Errors
/// [`Error::BackendUnavailable`] named by the path, with `dlerror()`'s text
/// or the missing symbol.
///
/// ```no_run
/// # use std::sync::Arc;
/// # fn demo(faer: Arc<dyn linmux_core::Backend>, vendors: &[&linmux_cblas::VendorDescriptor]) -> linmux_core::Result<()> {
/// let b = linmux_cblas::load_path("/usr/lib/x86_64-linux-gnu/libblis.so.4".as_ref(), faer, vendors)?;
/// println!("{} {:?}", b.info().vendor, b.info().version);
/// # Ok(()) }
/// ```
pub fn load_path(
    path: &Path,
    lapack_fallback: Arc<dyn Backend>,
    vendors: &[&VendorDescriptor],
) -> Result<Arc<dyn Backend>> {
    let name = path.display().to_string();
    let is_mkl = path
        .file_name()
        .is_some_and(|f| f.to_string_lossy().starts_with("libmkl_rt"));
    let mut spec = LoadSpec::new([path]).deep_bind(!is_mkl);
    if is_mkl {
        spec = spec.preload_global(["libm.so.6"]);
    }
    // SAFETY: the user names this file as a CBLAS + LAPACK library; that is
    // the contract of `LINMUX_BACKEND=<path>`.
    let vendor = unsafe { linmux_loader::load(&spec) }.map_err(|e| {
        profile::unavailable(
            &name,
            &e,
            [],
            "a path must name a shared library exporting CBLAS (cblas_dgemm...) and, optionally, Fortran LAPACK (dgetrf_...)",
        )
    })?;
    // An MKL runtime gets the profile's handlers, so MKL never prints and
    // `exit()`s, and its reports come back as errors.
    let mkl = mkl_errors::is_mkl(vendor.extras());
    if mkl {
        mkl_errors::install(vendor.extras());
    }
    let who = vendor::identify(vendors, vendor.extras()).map_or("unknown", |d| d.vendor);
    let info = describe_by_queries(&vendor, loaded_info(name, who));
    let threads = Box::new(GenericThreadControl::new(vendor.extras()));
    let b = CblasBackend::new(vendor, info, threads, Some(lapack_fallback));
    Ok(Arc::new(if mkl {
        b.with_after_call(mkl_errors::after_call)
    } else {
        b
    }))
}

/// Version, configuration and threading from whatever queries the library
/// exports, tried in this order: `openblas_get_config` (and
/// `openblas_get_parallel`), `MKL_Get_Version_String`,
/// `bli_info_get_version_str`, then the LAPACK version (`ilaver`).
fn describe_by_queries(vendor: &LoadedVendor, mut info: BackendInfo) -> BackendInfo {
    let x = vendor.extras();
    // Every query below takes no arguments (or a buffer and its length) and
    // returns a static string or an int; the extras table keeps the library
    // loaded. That is the "see above" of each SAFETY comment.
    if let Some(get) = x.openblas_get_config {
        // SAFETY: see above.
        let config = unsafe { profile::c_string(get()) };
        info.version = config.as_deref().and_then(|c| {
            c.split_whitespace()
                .skip_while(|w| *w != "OpenBLAS")
                .nth(1)
                .map(str::to_owned)
        });
        info.config = config;
        // SAFETY: see above.
        let parallel = x.openblas_get_parallel.map(|p| unsafe { p() });
        info.threading = String::from(match parallel {
            Some(0) => "sequential",
            Some(1) => "pthreads",
            Some(2) => "openmp",
            _ => "unknown",
        });
    } else if let Some(get) = x.MKL_Get_Version_String {
        let mut buf = [0 as core::ffi::c_char; 256];
        // SAFETY: see above; the length passed is the buffer's.
        unsafe { get(buf.as_mut_ptr(), 255) };
        // SAFETY: zero-initialized and at most 255 bytes written: terminated.
        info.version = unsafe { profile::c_string(buf.as_ptr()) };
    } else if let Some(get) = x.bli_info_get_version_str {
        // SAFETY: see above.
        info.version = unsafe { profile::c_string(get()) };
    } else {
        info.version = vendor
            .abi()
            .lapack_version
            .map(|(a, b, c)| format!("LAPACK {a}.{b}.{c}"));
    }
    info
}

/// Keeps `Scalar` in scope for `T::ops` in the macros.
#[allow(dead_code, reason = "import anchor")]
fn _scalar_anchor<T: Scalar>() {}
