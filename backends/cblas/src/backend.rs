//! [`CblasBackend`]: one loaded library behind the [`Ops`] contract, for one
//! integer width `I` (`i32` for LP64, `i64` for ILP64), chosen once when the
//! library is loaded ([`backend`]); the LAPACK source (the library's own,
//! a provider backend, or none) is chosen once at construction too.
//!
//! The [`Ops`] impl is written from the operation table: each trusting
//! method calls the function of the same name in its family's file
//! ([`crate::blas1`], [`crate::blas2`], [`crate::blas3`], [`crate::lapack`])
//! and applies the after-call check.

use std::sync::Arc;

use linmux_core::{
    Backend, BackendInfo, BandRef, Diag, EigJob, Error, MatMut, MatRef, Ops, Origin, PackedMut,
    PackedRef, Result, Side, SvdJob, ThreadControl, Trans, Uplo, VecMut, VecRef,
};
use linmux_loader::{BlasInt, CblasTable, FortranBlasTable, LoadSpec, LoadedVendor, Vendor};

use crate::blas1::mixed_dot_is_double;
use crate::ffi::Ffi;
use crate::lapack::Lapack;
use crate::threads::{GenericThreadControl, SizeCapped};

/// A check run after every vendor call: `Some(detail)` when the vendor
/// reported an error out of band (MKL's `xerbla` or fatal-error handler),
/// which the backend then returns as [`Error::Backend`]. It must be cheap
/// (an atomic load when nothing happened).
pub type AfterCall = fn() -> Option<String>;

/// The BLAS side of a loaded library: what every BLAS family function reads.
#[derive(Debug)]
pub(crate) struct Blas<I: BlasInt> {
    pub(crate) cb: CblasTable<I>,
    /// Fortran fallbacks for CBLAS entries the library lacks.
    pub(crate) fb: FortranBlasTable<I>,
    /// The backend's name (for errors).
    pub(crate) name: String,
    /// See [`CblasBackend::mixed_dot_exact`].
    pub(crate) mixed_dot_exact: bool,
}

/// Who serves the LAPACK family, decided at construction.
#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one value per backend, built once; boxing the table would add a load to every LAPACK call"
)]
enum LapackSource<I: BlasInt> {
    /// The library's own Fortran LAPACK.
    Own(Lapack<I>),
    /// Another backend (BLIS has no LAPACK).
    Provider(Arc<dyn Backend>),
    /// Nobody: LAPACK operations are [`Error::Unsupported`].
    Missing,
}

/// A backend over a loaded CBLAS + LAPACK library with `I`-wide integers.
#[derive(Debug)]
pub struct CblasBackend<I: BlasInt> {
    blas: Blas<I>,
    lapack: LapackSource<I>,
    after_call: Option<AfterCall>,
    info: BackendInfo,
    threads: SizeCapped,
    vendor: Vendor<I>,
    /// [`Ops::vendor_gemm`] per scalar kind (f32, f64, c32, c64), made
    /// once: `None` for an ILP64 library.
    vendor_gemm: [Option<linmux_core::VendorGemm>; 4],
}

impl<I: BlasInt> CblasBackend<I> {
    /// A backend over `vendor`'s tables, described by `info` (built by the
    /// profile: name, vendor, version, config, threading). The integer
    /// width, symbol suffix, origin and LAPACK provider are filled here from
    /// what the loader found.
    ///
    /// `lapack_provider` serves LAPACK operations when the vendor has no
    /// LAPACK (BLIS); it is ignored otherwise. Without either, LAPACK
    /// operations return [`Error::Unsupported`].
    pub fn new(
        vendor: Vendor<I>,
        mut info: BackendInfo,
        threads: Box<dyn ThreadControl>,
        lapack_provider: Option<Arc<dyn Backend>>,
    ) -> Self {
        let abi = &vendor.abi;
        let mut paths = vec![abi.blas_path.clone()];
        if let Some(p) = &abi.lapack_path
            && *p != abi.blas_path
        {
            paths.push(p.clone());
        }
        info.origin = Origin::Loaded(paths);
        info.int_width = abi.int_width;
        info.symbol_suffix = Some(abi.suffix.as_str().to_owned());
        let lapack = match (&vendor.lapack, lapack_provider) {
            (Some(lp), _) => LapackSource::Own(Lapack {
                lp: lp.clone(),
                name: info.name.clone(),
            }),
            (None, Some(p)) => LapackSource::Provider(p),
            (None, None) => LapackSource::Missing,
        };
        info.lapack_provider = match &lapack {
            LapackSource::Provider(p) => Some(p.info().name.clone()),
            _ => None,
        };
        let blas = Blas {
            cb: vendor.cblas.clone(),
            fb: vendor.fortran_blas.clone(),
            name: info.name.clone(),
            mixed_dot_exact: mixed_dot_is_double(&vendor.cblas),
        };
        Self {
            blas,
            lapack,
            after_call: None,
            info,
            threads: SizeCapped::new(threads),
            vendor,
            vendor_gemm: [None; 4],
        }
        .with_vendor_gemm()
    }

    /// Fills [`CblasBackend::vendor_gemm`] from the table, the size policy
    /// and the after-call check: only the 32-bit interface has the
    /// reference `cblas.h` signature.
    fn with_vendor_gemm(mut self) -> Self {
        let lp64 = I::WIDTH == linmux_core::IntWidth::Lp64;
        let entry = |addr| {
            lp64.then_some(linmux_core::VendorGemm {
                addr,
                serial: self.threads.serial(linmux_core::Family::Blas3),
                after: self.after_call,
            })
        };
        let cb = &self.blas.cb;
        self.vendor_gemm = [
            entry(<f32 as Ffi>::gemm_addr(cb)),
            entry(<f64 as Ffi>::gemm_addr(cb)),
            entry(<linmux_core::c32 as Ffi>::gemm_addr(cb)),
            entry(<linmux_core::c64 as Ffi>::gemm_addr(cb)),
        ];
        self
    }

    /// Whether the library's `cblas_dsdot`/`cblas_sdsdot` accumulate in
    /// double precision, as BLAS specifies (probed at construction). When
    /// they do not (OpenBLAS 0.3.21 from n = 32 on, measured), this backend
    /// computes the two routines itself with an `f64` accumulator.
    pub fn mixed_dot_exact(&self) -> bool {
        self.blas.mixed_dot_exact
    }

    /// Runs `check` after every call into the vendor (not into a LAPACK
    /// provider): an error it reports replaces an `Ok` result with
    /// [`Error::Backend`] naming this backend and the operation. An `Err`
    /// result is kept (the check has still consumed the report).
    #[must_use]
    pub fn with_after_call(mut self, check: AfterCall) -> Self {
        self.after_call = Some(check);
        self.with_vendor_gemm()
    }

    /// The loaded vendor (tables and probe results).
    pub fn vendor(&self) -> &Vendor<I> {
        &self.vendor
    }

    /// Who serves LAPACK: this backend's name, the provider's, or `None`.
    pub fn lapack_served_by(&self) -> Option<&str> {
        match &self.lapack {
            LapackSource::Own(_) => Some(&self.info.name),
            LapackSource::Provider(p) => Some(&p.info().name),
            LapackSource::Missing => None,
        }
    }

    /// Applies the after-call check to a vendor call's result.
    #[inline]
    fn after<R>(&self, routine: &'static str, r: Result<R>) -> Result<R> {
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

    #[cold]
    fn unsupported(&self, op: &'static str) -> Error {
        Error::Unsupported {
            op,
            backend: format!("{} (no LAPACK and no LAPACK provider)", self.info.name),
        }
    }
}

impl<I: BlasInt> Backend for CblasBackend<I> {
    fn info(&self) -> &BackendInfo {
        &self.info
    }
    fn threads(&self) -> &dyn ThreadControl {
        &self.threads
    }
}

/// A backend of the width the loader found: the one place the width is
/// matched. `after_call` as [`CblasBackend::with_after_call`].
pub fn backend(
    vendor: LoadedVendor,
    info: BackendInfo,
    threads: Box<dyn ThreadControl>,
    lapack_provider: Option<Arc<dyn Backend>>,
    after_call: Option<AfterCall>,
) -> Arc<dyn Backend> {
    fn build<I: BlasInt>(b: CblasBackend<I>, after_call: Option<AfterCall>) -> Arc<dyn Backend> {
        Arc::new(match after_call {
            Some(f) => b.with_after_call(f),
            None => b,
        })
    }
    match vendor {
        LoadedVendor::Lp64(v) => build(
            CblasBackend::new(v, info, threads, lapack_provider),
            after_call,
        ),
        LoadedVendor::Ilp64(v) => build(
            CblasBackend::new(v, info, threads, lapack_provider),
            after_call,
        ),
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
) -> Result<Arc<dyn Backend>> {
    // SAFETY: forwarded to the caller.
    let vendor =
        unsafe { linmux_loader::load(spec) }.map_err(|e| e.into_core(info.name.clone()))?;
    let threads = Box::new(GenericThreadControl::new(vendor.extras()));
    Ok(backend(vendor, info, threads, lapack_provider, None))
}

/// How a trusting method is served: LAPACK operations by the source chosen
/// at construction, the BLAS families by their file's function.
macro_rules! serve {
    (lapack, $self:ident, $name:ident, ($($arg:ident),*)) => {
        paste::paste! {
            match &$self.lapack {
                LapackSource::Own(l) => {
                    let _lowered = $self.threads.enter(
                        linmux_core::Family::Lapack,
                        || linmux_core::call_extent!($($arg),*),
                    );
                    $self.after(
                        stringify!($name),
                        crate::stack::ensure(|| l.$name($($arg),*)),
                    )
                }
                // SAFETY: the provider gets exactly the arguments this
                // trusting method got, which the checked surface validated.
                LapackSource::Provider(p) => unsafe { T::ops(&**p).[<$name _unchecked>]($($arg),*) },
                LapackSource::Missing => Err($self.unsupported(stringify!($name))),
            }
        }
    };
    ($family:ident, $self:ident, $name:ident, ($($arg:ident),*)) => {
        paste::paste! {
            {
                let _lowered = $self.threads.enter(
                    linmux_core::Family::[<$family:camel>],
                    || linmux_core::call_extent!($($arg),*),
                );
                $self.after(stringify!($name), $self.blas.$name($($arg),*))
            }
        }
    };
}

/// Writes the [`Ops`] impl from the operation table.
macro_rules! impl_ops {
    ($(
        $(#[$doc:meta])*
        $family:ident $name:ident($complex:literal, $real:literal)
            ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => { paste::paste! {
        #[allow(
            private_bounds,
            reason = "Ffi is implemented for exactly the four scalar types"
        )]
        impl<T: Ffi, I: BlasInt> Ops<T> for CblasBackend<I> {
            $(
                #[inline]
                unsafe fn [<$name _unchecked>](&self, $($arg: $ty),*) -> Result<$ret> {
                    serve!($family, self, $name, ($($arg),*))
                }
            )*

            #[inline]
            fn vendor_gemm(&self) -> Option<&linmux_core::VendorGemm> {
                self.vendor_gemm[T::KIND as usize].as_ref()
            }
        }
    }};
}

linmux_core::for_each_operation!(impl_ops);
