//! The Apple Accelerate profile: the framework path, the `$NEWLAPACK` /
//! `$NEWLAPACK$ILP64` symbol naming, and `BLASSetThreading`.
//!
//! **Real Accelerate is unverified**: there is no macOS machine here. The
//! profile is tested on Linux against a fixture library built during the
//! test that exports Accelerate's names (`cblas_dgemm$NEWLAPACK$ILP64`,
//! `dgetrf$NEWLAPACK$ILP64`, `BLASSetThreading`...).
//!
//! # Search order
//! 1. `LINMUX_ACCELERATE_LIB` (a file path): when set, the only candidate
//!    (on any platform: this is how the fixture is tested);
//! 2. on macOS: `/System/Library/Frameworks/Accelerate.framework/Accelerate`,
//!    then `.../Accelerate.framework/Frameworks/vecLib.framework/vecLib`
//!    (the dynamic loader serves both from its shared cache);
//! 3. elsewhere: nothing — [`load`] fails saying Accelerate exists only on
//!    macOS.
//!
//! # Naming
//! Only the `$NEWLAPACK` interfaces (macOS 13.3+, LAPACK 3.9+) are used: the
//! unsuffixed LAPACK in Accelerate is the old CLAPACK 3.2.1 with f2c return
//! conventions. When both are exported, **`$NEWLAPACK$ILP64` is preferred**:
//! 64-bit integers lift the 2³¹ limit on dimensions and leading dimensions,
//! and the engine's per-call integer checks then never reject a problem; the
//! LP64 `$NEWLAPACK` names are the fallback. The suffix found is recorded in
//! `BackendInfo::symbol_suffix`.
//!
//! # Threads
//! Capability `OnOff`, scope process: `set(1)` calls
//! `BLASSetThreading(BLAS_THREADING_SINGLE_THREADED)` (1), `set(n > 1)`
//! `BLASSetThreading(BLAS_THREADING_MULTI_THREADED)` (0); `get` is 1 when
//! `BLASGetThreading()` says single-threaded, otherwise `APPLE_NTHREADS()`
//! if exported, else the available cores. Without `BLASSetThreading`
//! (before macOS 15) the capability is `None`.

#![deny(clippy::undocumented_unsafe_blocks)]

use core::ffi::c_int;
use std::path::PathBuf;
use std::sync::Arc;

use linmux_cblas::{VendorDescriptor, profile};
use linmux_core::{Backend, Error, Result, ThreadCapability, ThreadControl, ThreadScope};
use linmux_loader::{LapackSource, Library, LoadSpec, SymbolSuffix, VendorExtras};

/// Accelerate in the vendor registry.
pub const DESCRIPTOR: VendorDescriptor = VendorDescriptor {
    name: "accelerate",
    vendor: "Apple Accelerate",
    lib_var: "LINMUX_ACCELERATE_LIB",
    thread_var: Some("VECLIB_MAXIMUM_THREADS"),
    install_hint: "Accelerate ships with macOS; its $NEWLAPACK interface needs macOS 13.3 or later",
    candidates,
    detect,
    load,
};

/// Whether a loaded library is Accelerate: it exports `BLASSetThreading`.
pub fn detect(x: &VendorExtras) -> bool {
    x.BLASSetThreading.is_some()
}

/// The candidates for this process: [`search_list`] with
/// `LINMUX_ACCELERATE_LIB` (none off macOS without the override).
pub fn candidates() -> Vec<PathBuf> {
    search_list(
        profile::env_path(DESCRIPTOR.lib_var),
        cfg!(target_os = "macos"),
    )
    .unwrap_or_default()
}

/// The reason given off macOS.
pub const NOT_MACOS: &str =
    "Accelerate exists only on macOS; set LINMUX_ACCELERATE_LIB to test against a fixture";

/// The framework's paths.
pub const FRAMEWORK_PATHS: [&str; 2] = [
    "/System/Library/Frameworks/Accelerate.framework/Accelerate",
    "/System/Library/Frameworks/Accelerate.framework/Frameworks/vecLib.framework/vecLib",
];

/// Suffixes probed, in order of preference (see the crate docs).
pub const SUFFIXES: [SymbolSuffix; 2] = [SymbolSuffix::NewLapackIlp64, SymbolSuffix::NewLapack];

const MULTI_THREADED: c_int = 0;
const SINGLE_THREADED: c_int = 1;

/// The candidates: the override alone, else the framework on macOS, else
/// an error (the reason to report).
///
/// ```
/// assert_eq!(linmux_accelerate::search_list(None, false), Err(linmux_accelerate::NOT_MACOS));
/// assert_eq!(linmux_accelerate::search_list(None, true).map(|v| v.len()), Ok(2));
/// ```
pub fn search_list(
    lib_override: Option<PathBuf>,
    macos: bool,
) -> core::result::Result<Vec<PathBuf>, &'static str> {
    match lib_override {
        Some(p) => Ok(vec![p]),
        None if macos => Ok(FRAMEWORK_PATHS.iter().map(PathBuf::from).collect()),
        None => Err(NOT_MACOS),
    }
}

/// Loads Accelerate (or the file `LINMUX_ACCELERATE_LIB` names).
/// `lapack_fallback` is not used (Accelerate has LAPACK).
///
/// # Errors
/// [`Error::BackendUnavailable`] named `"accelerate"`: off macOS without the
/// override, [`NOT_MACOS`]; otherwise every path tried with `dlerror()`'s
/// text, or the suffixed symbols looked for, then the install hint of [`DESCRIPTOR`].
///
/// ```
/// # use std::sync::Arc;
/// let faer: Arc<dyn linmux_core::Backend> = Arc::new(linmux_faer::FaerBackend::new());
/// if !cfg!(target_os = "macos") && std::env::var_os("LINMUX_ACCELERATE_LIB").is_none() {
///     let err = linmux_accelerate::load(faer).unwrap_err();
///     assert!(err.to_string().contains("only on macOS"));
/// }
/// ```
pub fn load(lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    match search_list(
        profile::env_path(DESCRIPTOR.lib_var),
        cfg!(target_os = "macos"),
    ) {
        Ok(paths) => load_from(&paths, lapack_fallback),
        Err(reason) => Err(Error::BackendUnavailable {
            name: DESCRIPTOR.name.to_owned(),
            reasons: vec![reason.to_owned()],
        }),
    }
}

/// As [`load`], from an explicit candidate list.
///
/// # Errors
/// As [`load`].
pub fn load_from(paths: &[PathBuf], lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    let spec = LoadSpec::new(paths.iter().cloned())
        .suffixes(SUFFIXES)
        .lapack(LapackSource::FromBlas)
        .deep_bind(true);
    // SAFETY: the candidates are Accelerate (or the file the user named).
    let vendor = unsafe { linmux_loader::load(&spec) }
        .map_err(|e| profile::unavailable(DESCRIPTOR.name, &e, [], DESCRIPTOR.install_hint))?;
    let x = vendor.extras().clone();
    let lib = Arc::clone(profile::blas_library(&vendor));
    let threads = AccelerateThreads::new(x, lib);
    let mut info = DESCRIPTOR.info();
    info.threading = threads.layer().to_owned();
    info.version = vendor
        .abi()
        .lapack_version
        .map(|(a, b, c)| format!("LAPACK {a}.{b}.{c}"));
    info.config = Some(format!("interface={}", vendor.abi().suffix.as_str()));
    Ok(linmux_cblas::backend(
        vendor,
        info,
        Box::new(threads),
        Some(lapack_fallback),
        None,
    ))
}

type NThreads = unsafe extern "C" fn() -> c_int;

/// Accelerate's thread control (see the crate docs).
#[derive(Debug)]
pub struct AccelerateThreads {
    extras: VendorExtras,
    nthreads: Option<NThreads>,
    _lib: Arc<Library>,
}

impl AccelerateThreads {
    fn new(extras: VendorExtras, lib: Arc<Library>) -> Self {
        // SAFETY: `int APPLE_NTHREADS(void)` (undocumented; libblastrampoline
        // calls it the same way); `_lib` keeps the library loaded.
        let nthreads = unsafe { lib.optional::<NThreads>("APPLE_NTHREADS") };
        Self {
            extras,
            nthreads,
            _lib: lib,
        }
    }

    fn multi(&self) -> Option<bool> {
        // SAFETY: `BLAS_THREADING BLASGetThreading(void)` (an int enum).
        self.extras
            .BLASGetThreading
            .map(|g| unsafe { g() } == MULTI_THREADED)
    }

    fn layer(&self) -> &'static str {
        match self.multi() {
            Some(true) => "multi-threaded",
            Some(false) => "single-threaded",
            None => "unknown",
        }
    }
}

impl ThreadControl for AccelerateThreads {
    fn capability(&self) -> ThreadCapability {
        if self.extras.BLASSetThreading.is_some() {
            ThreadCapability::OnOff
        } else {
            ThreadCapability::None
        }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn get(&self) -> usize {
        match self.multi() {
            Some(false) => 1,
            _ => {
                let n = self
                    .nthreads
                    // SAFETY: `int APPLE_NTHREADS(void)` (see `new`).
                    .map(|f| unsafe { f() })
                    .and_then(|n| usize::try_from(n).ok())
                    .filter(|&n| n >= 1);
                n.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            }
        }
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        let Some(s) = self.extras.BLASSetThreading else {
            return Ok(());
        };
        let mode = if n == 1 {
            SINGLE_THREADED
        } else {
            MULTI_THREADED
        };
        // SAFETY: `int BLASSetThreading(BLAS_THREADING)` with one of its two values.
        let status = unsafe { s(mode) };
        if status < 0 {
            return Err(Error::Backend {
                backend: DESCRIPTOR.name.to_owned(),
                routine: "BLASSetThreading",
                detail: format!("status {status} for mode {mode}"),
            });
        }
        Ok(())
    }
}
