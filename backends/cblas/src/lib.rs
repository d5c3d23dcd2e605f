//! One linmux backend over any CBLAS + Fortran LAPACK library loaded at run
//! time by [`linmux_loader`]: OpenBLAS, MKL, BLIS, Netlib, Accelerate's
//! `$NEWLAPACK` names, or any other.
//!
//! The crate is organised by operation family, one file each, as the
//! operation table groups them ([`linmux_core::for_each_operation`]):
//!
//! | file | what it holds |
//! |---|---|
//! | `backend.rs` | [`CblasBackend`], generic over the library's integer type (chosen once, at load, by [`backend`]); its LAPACK source (own, provider, none), chosen once at construction; the [`Ops`](linmux_core::Ops) impl written from the table |
//! | `blas1.rs` | level 1: dots, norms, updates, rotations, mixed-precision dots |
//! | `blas2.rs` | level 2: dense, banded and packed matrix–vector operations |
//! | `blas3.rs` | level 3: matrix–matrix products and solves |
//! | `lapack.rs` | LAPACK through the Fortran symbols: workspace queries, pivots, `info` |
//! | `ffi.rs` | the typed FFI shims: one `cblas_?xxx` / `?xxx_` call per routine and scalar type |
//! | `layout.rs` | views to BLAS storage (pointer, leading dimension, order), scratch copies |
//! | `stack.rs` | enough stack for a vendor's LAPACK on any thread (OpenBLAS's LU needs 4.2 MiB) |
//! | `convert.rs` | the one checked `usize` → BLAS-integer conversion, LAPACK `info` mapping |
//!
//! What every family function does:
//! - BLAS through CBLAS (complex dots through the `_sub` forms), with views
//!   mapped to column- or row-major storage, flipping `Trans`/`Uplo` where the
//!   math allows and copying through a contiguous scratch otherwise;
//! - LAPACK through the Fortran symbols, column-major, with workspace queries,
//!   1-based pivots converted, `info` mapped in one place;
//! - every `usize` converted to the library's integer through one checked
//!   helper: a dimension that does not fit is [`Error::InvalidArgument`](linmux_core::Error::InvalidArgument),
//!   never a truncation;
//! - arguments arrive validated: the checked surface
//!   ([`linmux_core::checked`], through each [`linmux_core::Ops`] method)
//!   has already rejected every bad argument, so only the trusting
//!   `…_unchecked` methods are implemented here; scratch copies and
//!   workspaces are allocated fallibly (an error, never an abort);
//! - a library without LAPACK (BLIS) delegates LAPACK operations to a
//!   provider backend given at construction (recorded in
//!   [`BackendInfo::lapack_provider`]).

#![deny(clippy::undocumented_unsafe_blocks)]

mod backend;
mod blas1;
mod blas2;
mod blas3;
mod convert;
mod ffi;
mod lapack;
mod layout;
pub mod mkl_errors;
pub mod profile;
mod stack;
mod threads;
pub mod vendor;

use std::path::Path;
use std::sync::Arc;

use linmux_core::{Backend, BackendInfo, Result};
use linmux_loader::{LoadSpec, LoadedVendor};

pub use backend::{AfterCall, CblasBackend, backend, load};
pub use threads::GenericThreadControl;
pub use vendor::{LoadFn, VendorDescriptor, loaded_info};

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
    let after_call = mkl.then_some(mkl_errors::after_call as AfterCall);
    Ok(backend(
        vendor,
        info,
        threads,
        Some(lapack_fallback),
        after_call,
    ))
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
