//! The OpenBLAS profile: where OpenBLAS lives, what it says about itself,
//! and how its threads are set.
//!
//! # Search order
//! 1. `LINMUX_OPENBLAS_LIB` (a file path): when set, the only candidate;
//! 2. `libopenblas.so.0` (the dynamic loader's search; on Debian the
//!    alternatives link in `/usr/lib/<triple>/`);
//! 3. Debian's builds: `/usr/lib/<triple>/openblas-{pthread,openmp,serial}/libopenblas.so.0`;
//! 4. `libopenblas.so`;
//! 5. macOS: `libopenblas.dylib`, Homebrew's `/opt/homebrew/opt/openblas/lib`
//!    and `/usr/local/opt/openblas/lib`;
//! 6. the ILP64 build `/usr/lib/<triple>/openblas64-pthread/libopenblas64.so.0`
//!    (plain names, 64-bit integers: the loader probes the width).
//!
//! Every candidate is opened `RTLD_LOCAL | RTLD_DEEPBIND`: OpenBLAS is not
//! linked `-Bsymbolic`, and MKL (if loaded) puts `dgemm_`... in the global
//! scope.
//!
//! # Description
//! `openblas_get_config()` (`"OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH
//! NO_AFFINITY Haswell MAX_THREADS=64"`) gives the version and the build; the
//! config recorded is that string plus `core=<openblas_get_corename()>`.
//! `openblas_get_parallel()` gives the threading layer: 0 sequential,
//! 1 pthreads, 2 openmp.
//!
//! # Threads
//! | build | capability | scope | set / get |
//! |---|---|---|---|
//! | pthreads | `Exact { max: MAX_THREADS }` | process | `openblas_set_num_threads` / `openblas_get_num_threads` |
//! | openmp | `Exact { max: MAX_THREADS }` | calling thread | both of those and the caller's `omp_set_num_threads` / `omp_get_max_threads` |
//! | serial | `None` | process | no-op / 1 |
//!
//! The OpenMP build re-reads the *calling* thread's OpenMP count at every
//! call (measured on 0.3.21: after `openblas_set_num_threads(1)` in one
//! thread, a dgemm from another thread put the count back to that thread's
//! `omp_get_max_threads()`), so a setting there is per calling thread.

#![deny(clippy::undocumented_unsafe_blocks)]

use core::ffi::c_int;
use std::path::PathBuf;
use std::sync::Arc;

use linmux_cblas::{VendorDescriptor, profile};
use linmux_core::{
    Backend, Error, Result, Serial, SizePolicy, ThreadCapability, ThreadControl, ThreadScope,
};
use linmux_loader::{Library, LoadSpec, LoadedVendor, VendorExtras};

/// OpenBLAS in the vendor registry.
pub const DESCRIPTOR: VendorDescriptor = VendorDescriptor {
    name: "openblas",
    vendor: "OpenBLAS",
    lib_var: "LINMUX_OPENBLAS_LIB",
    thread_var: Some("OPENBLAS_NUM_THREADS"),
    install_hint: "install: apt-get install libopenblas-dev (Debian/Ubuntu), brew install openblas (macOS), or run scripts/install-backends.sh",
    candidates,
    detect,
    load,
};

/// OpenBLAS's ILP64 build (64-bit integers, the same unsuffixed names) as a
/// backend of its own, `openblas64`: Debian's
/// `/usr/lib/<triple>/openblas64-pthread/libopenblas64.so.0`, or
/// `LINMUX_OPENBLAS64_LIB`. Loaded `RTLD_LOCAL | RTLD_DEEPBIND` like the LP64
/// build, so both live in one process without one's LAPACK calling the
/// other's BLAS.
pub const DESCRIPTOR64: VendorDescriptor = VendorDescriptor {
    name: "openblas64",
    vendor: "OpenBLAS",
    lib_var: "LINMUX_OPENBLAS64_LIB",
    thread_var: Some("OPENBLAS_NUM_THREADS"),
    install_hint: "install: apt-get install libopenblas64-0-pthread (Debian/Ubuntu), or run scripts/install-backends.sh",
    candidates: candidates64,
    detect,
    load: load64,
};

/// The ILP64 candidates: the override, else Debian's ILP64 build, then the
/// library name on the loader's path.
pub fn candidates64() -> Vec<PathBuf> {
    if let Some(p) = profile::env_path(DESCRIPTOR64.lib_var) {
        return vec![p];
    }
    let mut v = Vec::new();
    if let Some(d) = profile::multiarch_dir() {
        v.push(d.join("openblas64-pthread").join("libopenblas64.so.0"));
    }
    v.push(PathBuf::from("libopenblas64.so.0"));
    v
}

/// Loads the ILP64 OpenBLAS ([`DESCRIPTOR64`]); a library that turns out to
/// use 32-bit integers is refused.
///
/// # Errors
/// [`Error::BackendUnavailable`] named `"openblas64"`.
pub fn load64(lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    let b = load_as(&DESCRIPTOR64, &candidates64(), lapack_fallback)?;
    if b.info().int_width != linmux_core::IntWidth::Ilp64 {
        return Err(Error::BackendUnavailable {
            name: DESCRIPTOR64.name.to_owned(),
            reasons: vec![
                format!(
                    "{:?} uses 32-bit integers; openblas64 is the ILP64 build",
                    b.info().origin
                ),
                DESCRIPTOR64.install_hint.to_owned(),
            ],
        });
    }
    Ok(b)
}

/// Whether a loaded library is OpenBLAS: it answers `openblas_get_config`.
pub fn detect(x: &VendorExtras) -> bool {
    x.openblas_get_config.is_some()
}

/// The candidates in search order (see the crate docs), given the override
/// and the multiarch directory. Pure: deciding is kept apart from loading.
///
/// ```
/// use std::path::PathBuf;
/// let c = linmux_openblas::search_list(Some(PathBuf::from("/x/libopenblas.so")), None);
/// assert_eq!(c, [PathBuf::from("/x/libopenblas.so")]);
/// ```
pub fn search_list(lib_override: Option<PathBuf>, multiarch: Option<PathBuf>) -> Vec<PathBuf> {
    if let Some(p) = lib_override {
        return vec![p];
    }
    let mut v = vec![PathBuf::from("libopenblas.so.0")];
    if let Some(d) = &multiarch {
        for build in ["openblas-pthread", "openblas-openmp", "openblas-serial"] {
            v.push(d.join(build).join("libopenblas.so.0"));
        }
    }
    v.push(PathBuf::from("libopenblas.so"));
    if cfg!(target_os = "macos") {
        v.push(PathBuf::from("libopenblas.dylib"));
        v.push(PathBuf::from(
            "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
        ));
        v.push(PathBuf::from(
            "/usr/local/opt/openblas/lib/libopenblas.dylib",
        ));
    }
    if let Some(d) = &multiarch {
        v.push(d.join("openblas64-pthread").join("libopenblas64.so.0"));
    }
    v
}

/// The candidates for this process: [`search_list`] with `LINMUX_OPENBLAS_LIB`.
pub fn candidates() -> Vec<PathBuf> {
    search_list(
        profile::env_path(DESCRIPTOR.lib_var),
        profile::multiarch_dir(),
    )
}

/// Loads OpenBLAS from the first of [`candidates`] that opens.
/// `lapack_fallback` is not used (OpenBLAS has LAPACK).
///
/// # Errors
/// [`Error::BackendUnavailable`] named `"openblas"`, listing every path tried
/// with `dlerror()`'s text, then the install hint of [`DESCRIPTOR`].
///
/// ```no_run
/// # use std::sync::Arc;
/// # fn demo(faer: Arc<dyn linmux_core::Backend>) -> linmux_core::Result<()> {
/// let ob = linmux_openblas::load(faer)?;
/// println!("{:?} {}", ob.info().version, ob.info().threading);
/// # Ok(()) }
/// ```
pub fn load(lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    load_from(&candidates(), lapack_fallback)
}

/// As [`load`], from an explicit candidate list (a specific build).
///
/// # Errors
/// As [`load`].
pub fn load_from(paths: &[PathBuf], lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    load_as(&DESCRIPTOR, paths, lapack_fallback)
}

/// Loads from `paths` under `d`'s name, hint and description.
fn load_as(
    d: &VendorDescriptor,
    paths: &[PathBuf],
    lapack_fallback: Arc<dyn Backend>,
) -> Result<Arc<dyn Backend>> {
    let spec = LoadSpec::new(paths.iter().cloned()).deep_bind(true);
    // SAFETY: every candidate is an OpenBLAS library (or a file the user
    // named as one through LINMUX_OPENBLAS_LIB).
    let vendor = unsafe { linmux_loader::load(&spec) }
        .map_err(|e| profile::unavailable(d.name, &e, [], d.install_hint))?;
    let x = vendor.extras();
    let Some(get_config) = x.openblas_get_config else {
        let path = vendor.abi().blas_path.display().to_string();
        return Err(Error::BackendUnavailable {
            name: d.name.to_owned(),
            reasons: vec![
                format!("{path} loaded but is not OpenBLAS (no openblas_get_config)"),
                d.install_hint.to_owned(),
            ],
        });
    };
    // SAFETY: `char *openblas_get_config(void)` returns a static string; the
    // extras table keeps the library loaded.
    let config = unsafe { profile::c_string(get_config()) }.unwrap_or_default();
    // SAFETY: as above, `openblas_get_corename`.
    let core = x
        .openblas_get_corename
        .and_then(|f| unsafe { profile::c_string(f()) });
    // SAFETY: `int openblas_get_parallel(void)`.
    let parallel = x.openblas_get_parallel.map_or(-1, |f| unsafe { f() });
    let layer = Layer::from_parallel(parallel);
    let mut info = d.info();
    info.threading = layer.as_str().to_owned();
    info.version = parse_version(&config);
    info.config = Some(match &core {
        Some(c) => format!("{config}; core={c}"),
        None => config.clone(),
    });
    let threads = OpenBlasThreads::new(&vendor, layer, parse_max_threads(&config));
    Ok(linmux_cblas::backend(
        vendor,
        info,
        Box::new(threads),
        Some(lapack_fallback),
        None,
    ))
}

/// The version in an `openblas_get_config()` string: the word after
/// `OpenBLAS`.
///
/// ```
/// assert_eq!(linmux_openblas::parse_version("OpenBLAS 0.3.21 DYNAMIC_ARCH").as_deref(), Some("0.3.21"));
/// assert_eq!(linmux_openblas::parse_version("something else"), None);
/// ```
pub fn parse_version(config: &str) -> Option<String> {
    let mut words = config.split_whitespace();
    words.find(|w| *w == "OpenBLAS")?;
    words
        .next()
        .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        .map(str::to_owned)
}

/// `MAX_THREADS=<n>` in an `openblas_get_config()` string.
///
/// ```
/// assert_eq!(linmux_openblas::parse_max_threads("OpenBLAS 0.3.21 Haswell MAX_THREADS=64"), Some(64));
/// ```
pub fn parse_max_threads(config: &str) -> Option<usize> {
    config
        .split_whitespace()
        .find_map(|w| w.strip_prefix("MAX_THREADS="))
        .and_then(|n| n.parse().ok())
}

/// OpenBLAS's threading layer (`openblas_get_parallel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// 0: the serial build.
    Sequential,
    /// 1: OpenBLAS's own pthreads server.
    Pthreads,
    /// 2: OpenMP.
    OpenMp,
    /// Any other value, or no `openblas_get_parallel`.
    Unknown,
}

impl Layer {
    /// From `openblas_get_parallel()`'s value.
    pub const fn from_parallel(p: c_int) -> Self {
        match p {
            0 => Layer::Sequential,
            1 => Layer::Pthreads,
            2 => Layer::OpenMp,
            _ => Layer::Unknown,
        }
    }
    /// As recorded in `BackendInfo::threading`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Layer::Sequential => "sequential",
            Layer::Pthreads => "pthreads",
            Layer::OpenMp => "openmp",
            Layer::Unknown => "unknown",
        }
    }
}

type SetFn = unsafe extern "C" fn(c_int);
type GetFn = unsafe extern "C" fn() -> c_int;

/// OpenBLAS's thread control (see the crate docs for the table).
#[derive(Debug)]
pub struct OpenBlasThreads {
    extras: VendorExtras,
    layer: Layer,
    max: Option<usize>,
    omp_set: Option<SetFn>,
    omp_get: Option<GetFn>,
    // Keeps the library (and its libgomp) loaded while `omp_*` may be called.
    _lib: Arc<Library>,
}

impl OpenBlasThreads {
    fn new(vendor: &LoadedVendor, layer: Layer, max: Option<usize>) -> Self {
        let lib = Arc::clone(profile::blas_library(vendor));
        let (omp_set, omp_get) = if layer == Layer::OpenMp {
            // SAFETY: `void omp_set_num_threads(int)` and `int
            // omp_get_max_threads(void)` are OpenMP's fixed C API, found in
            // the library's dependencies (its libgomp); `_lib` keeps it loaded.
            unsafe {
                (
                    lib.optional::<SetFn>("omp_set_num_threads"),
                    lib.optional::<GetFn>("omp_get_max_threads"),
                )
            }
        } else {
            (None, None)
        };
        Self {
            extras: vendor.extras().clone(),
            layer,
            max,
            omp_set,
            omp_get,
            _lib: lib,
        }
    }

    /// The threading layer.
    pub fn layer(&self) -> Layer {
        self.layer
    }
}

/// OpenBLAS decides its thread count per call, but threads some calls too
/// early: level-2 calls and factorizations in these ranges run on one
/// thread (applied per call by the CBLAS backend). Measured with 0.3.21
/// (LP64 and ILP64 alike) on 2 AVX2 cores, 2 threads against 1
/// (`bash scripts/thread-policy.sh --backends openblas,openblas64`): dgemv
/// at n = 128 took 1.5–1.6× as long, dpotrf at n = 64 1.5×, dgetrf at
/// n = 64–128 up to 1.3×; from n = 256 two threads were as fast or faster
/// (dgemv 0.77×, dpotrf 0.97×, dgetrf 0.91×). Below the ranges OpenBLAS
/// runs single-threaded by itself (dgemv below `m·n = 9216`), and lowering
/// the count there only costs: two `openblas_set_num_threads` calls made
/// an n = 8 dgemv 1.1–1.3× slower. Levels 1 and 3 are left to OpenBLAS
/// (dgemm gained from n = 32).
pub const SIZE_POLICY: SizePolicy = SizePolicy {
    blas1: Serial::NONE,
    blas2: Serial {
        from: 96,
        below: 256,
    },
    blas3: Serial::NONE,
    lapack: Serial {
        from: 48,
        below: 256,
    },
};

impl ThreadControl for OpenBlasThreads {
    fn size_policy(&self) -> Option<SizePolicy> {
        Some(SIZE_POLICY)
    }
    fn capability(&self) -> ThreadCapability {
        match self.layer {
            Layer::Sequential => ThreadCapability::None,
            _ if self.extras.openblas_set_num_threads.is_none() => ThreadCapability::None,
            _ => ThreadCapability::Exact { max: self.max },
        }
    }
    fn scope(&self) -> ThreadScope {
        if self.layer == Layer::OpenMp {
            ThreadScope::CallingThread
        } else {
            ThreadScope::Process
        }
    }
    fn get(&self) -> usize {
        if self.layer == Layer::Sequential {
            return 1;
        }
        let n = match (self.omp_get, self.extras.openblas_get_num_threads) {
            // SAFETY: `int omp_get_max_threads(void)`; the library is loaded.
            (Some(g), _) => unsafe { g() },
            // SAFETY: `int openblas_get_num_threads(void)`; the library is loaded.
            (None, Some(g)) => unsafe { g() },
            (None, None) => 1,
        };
        let n = usize::try_from(n).unwrap_or(1).max(1);
        self.max.map_or(n, |m| n.min(m))
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        if self.capability() == ThreadCapability::None {
            // The serial build runs on one thread whatever is asked: clamped.
            return Ok(());
        }
        let n = self.max.map_or(n, |m| n.min(m));
        let c = c_int::try_from(n).unwrap_or(c_int::MAX);
        if let Some(s) = self.extras.openblas_set_num_threads {
            // SAFETY: `void openblas_set_num_threads(int)` with a count ≥ 1.
            unsafe { s(c) };
        }
        if let Some(s) = self.omp_set {
            // SAFETY: `void omp_set_num_threads(int)` with a count ≥ 1.
            unsafe { s(c) };
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_is_the_only_candidate() {
        let c = search_list(Some("/nonexistent".into()), Some("/usr/lib/x".into()));
        assert_eq!(c, [PathBuf::from("/nonexistent")]);
    }

    #[test]
    fn search_order() {
        let c = search_list(None, Some("/usr/lib/t".into()));
        assert_eq!(c[0], PathBuf::from("libopenblas.so.0"));
        assert_eq!(
            c[1],
            PathBuf::from("/usr/lib/t/openblas-pthread/libopenblas.so.0")
        );
        assert_eq!(
            c[2],
            PathBuf::from("/usr/lib/t/openblas-openmp/libopenblas.so.0")
        );
        assert_eq!(
            c[3],
            PathBuf::from("/usr/lib/t/openblas-serial/libopenblas.so.0")
        );
        assert_eq!(c[4], PathBuf::from("libopenblas.so"));
        assert_eq!(
            c.last(),
            Some(&PathBuf::from(
                "/usr/lib/t/openblas64-pthread/libopenblas64.so.0"
            ))
        );
    }

    #[test]
    fn config_parsing() {
        let s = "OpenBLAS 0.3.21  USE64BITINT NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64";
        assert_eq!(parse_version(s).as_deref(), Some("0.3.21"));
        assert_eq!(parse_max_threads(s), Some(64));
        let serial = "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell SINGLE_THREADED";
        assert_eq!(parse_max_threads(serial), None);
        assert_eq!(Layer::from_parallel(2), Layer::OpenMp);
        assert_eq!(Layer::from_parallel(7).as_str(), "unknown");
    }
}
