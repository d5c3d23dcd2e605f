//! The BLIS profile: where BLIS lives, its version and architecture, its
//! thread control, and LAPACK from a provider (BLIS has none).
//!
//! # Search order
//! 1. `LINMUX_BLIS_LIB` (a file path): when set, the only candidate;
//! 2. `libblis.so.4` (the dynamic loader's search; on Debian the
//!    alternatives link);
//! 3. Debian's builds `/usr/lib/<triple>/blis-{openmp,pthread,serial}/libblis.so.4`;
//! 4. `libblis.so`, and on macOS `libblis.dylib` and Homebrew's
//!    `/opt/homebrew/opt/blis/lib/libblis.dylib`.
//!
//! Opened `RTLD_LOCAL | RTLD_DEEPBIND` (MKL puts BLAS names in the global scope).
//!
//! # Description
//! Version from `bli_info_get_version_str()`; config `arch=<bli_arch_string(
//! bli_arch_query_id())>` (the kernel set BLIS chose for this CPU), its
//! integer size and the BLAS interface's; threading layer from
//! `bli_info_get_enable_openmp()` / `bli_info_get_enable_pthreads()`.
//! LAPACK operations are served by the `lapack_fallback` given to [`load`],
//! recorded in `BackendInfo::lapack_provider`.
//!
//! # Threads
//! Capability `Exact`, scope process: `bli_thread_set_num_threads` /
//! `bli_thread_get_num_threads` (measured with 0.9.0: a count set in one
//! thread is the count another thread reads). Before any setting the getter
//! returns -1, meaning "not set": BLIS then runs single-threaded unless
//! `BLIS_NUM_THREADS` / `OMP_NUM_THREADS` say otherwise; it is reported as 1.
//! The pthreads build creates threads at every call: a count above 1 costs
//! about 140 µs per call on small problems (an n = 4 dgemm with 2 threads
//! measured 138 µs).

#![deny(clippy::undocumented_unsafe_blocks)]

use std::path::PathBuf;
use std::sync::Arc;

use linmux_cblas::{VendorDescriptor, profile};
use linmux_core::{
    Backend, Error, Result, Serial, SizePolicy, ThreadCapability, ThreadControl, ThreadScope,
};
use linmux_loader::{Library, LoadSpec, VendorExtras};

/// BLIS in the vendor registry.
pub const DESCRIPTOR: VendorDescriptor = VendorDescriptor {
    name: "blis",
    vendor: "BLIS",
    lib_var: "LINMUX_BLIS_LIB",
    thread_var: Some("BLIS_NUM_THREADS"),
    install_hint: "install: apt-get install libblis-dev (Debian/Ubuntu), brew install blis (macOS), or run scripts/install-backends.sh",
    candidates,
    detect,
    load,
};

/// Whether a loaded library is BLIS: it answers `bli_info_get_version_str`.
pub fn detect(x: &VendorExtras) -> bool {
    x.bli_info_get_version_str.is_some()
}

/// The candidates in search order, given the override and the multiarch
/// directory.
///
/// ```
/// let c = linmux_blis::search_list(None, Some("/usr/lib/t".into()));
/// assert_eq!(c[0], std::path::PathBuf::from("libblis.so.4"));
/// ```
pub fn search_list(lib_override: Option<PathBuf>, multiarch: Option<PathBuf>) -> Vec<PathBuf> {
    if let Some(p) = lib_override {
        return vec![p];
    }
    let mut v = vec![PathBuf::from("libblis.so.4")];
    if let Some(d) = &multiarch {
        for build in ["blis-openmp", "blis-pthread", "blis-serial"] {
            v.push(d.join(build).join("libblis.so.4"));
        }
    }
    v.push(PathBuf::from("libblis.so"));
    if cfg!(target_os = "macos") {
        v.push(PathBuf::from("libblis.dylib"));
        v.push(PathBuf::from("/opt/homebrew/opt/blis/lib/libblis.dylib"));
    }
    v
}

/// The candidates for this process: [`search_list`] with `LINMUX_BLIS_LIB`.
pub fn candidates() -> Vec<PathBuf> {
    search_list(
        profile::env_path(DESCRIPTOR.lib_var),
        profile::multiarch_dir(),
    )
}

/// Loads BLIS; `lapack_fallback` serves every LAPACK operation.
///
/// # Errors
/// [`Error::BackendUnavailable`] named `"blis"`, listing every path tried
/// with `dlerror()`'s text, then the install hint of [`DESCRIPTOR`].
///
/// ```no_run
/// # use std::sync::Arc;
/// # fn demo(faer: Arc<dyn linmux_core::Backend>) -> linmux_core::Result<()> {
/// let blis = linmux_blis::load(faer)?;
/// assert_eq!(blis.info().lapack_provider.as_deref(), Some("faer"));
/// # Ok(()) }
/// ```
pub fn load(lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    load_from(&candidates(), lapack_fallback)
}

/// As [`load`], from an explicit candidate list.
///
/// # Errors
/// As [`load`].
pub fn load_from(paths: &[PathBuf], lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    let spec = LoadSpec::new(paths.iter().cloned()).deep_bind(true);
    // SAFETY: the candidates are BLIS libraries (or the file the user named).
    let vendor = unsafe { linmux_loader::load(&spec) }
        .map_err(|e| profile::unavailable(DESCRIPTOR.name, &e, [], DESCRIPTOR.install_hint))?;
    let x = vendor.extras().clone();
    let Some(version) = x.bli_info_get_version_str else {
        return Err(Error::BackendUnavailable {
            name: DESCRIPTOR.name.to_owned(),
            reasons: vec![
                format!(
                    "{} loaded but is not BLIS (no bli_info_get_version_str)",
                    vendor.abi().blas_path.display()
                ),
                DESCRIPTOR.install_hint.to_owned(),
            ],
        });
    };
    let lib = profile::blas_library(&vendor);
    let q = Queries::new(lib);
    let mut info = DESCRIPTOR.info();
    info.threading = q.threading().to_owned();
    // SAFETY: `char *bli_info_get_version_str(void)` returns a static string.
    info.version = unsafe { profile::c_string(version()) };
    info.config = Some(q.config(&x));
    let threads = BlisThreads { extras: x };
    Ok(linmux_cblas::backend(
        vendor,
        info,
        Box::new(threads),
        Some(lapack_fallback),
        None,
    ))
}

/// BLIS's `gint_t` queries (64-bit in the default build; only the low 32
/// bits are read, so a 32-bit build reads right too).
type GintQuery = unsafe extern "C" fn() -> i64;

struct Queries {
    openmp: Option<GintQuery>,
    pthreads: Option<GintQuery>,
    int_size: Option<GintQuery>,
    blas_int_size: Option<GintQuery>,
}

impl Queries {
    fn new(lib: &Library) -> Self {
        // SAFETY: each is `gint_t f(void)` in BLIS's `bli_info.h`.
        unsafe {
            Self {
                openmp: lib.optional("bli_info_get_enable_openmp"),
                pthreads: lib.optional("bli_info_get_enable_pthreads"),
                int_size: lib.optional("bli_info_get_int_type_size"),
                blas_int_size: lib.optional("bli_info_get_blas_int_type_size"),
            }
        }
    }

    fn read(f: Option<GintQuery>) -> Option<i64> {
        // SAFETY: a `gint_t f(void)` query (see `Queries::new`).
        f.map(|f| unsafe { f() } & 0xFFFF_FFFF)
    }

    fn threading(&self) -> &'static str {
        match (Self::read(self.openmp), Self::read(self.pthreads)) {
            (Some(o), _) if o != 0 => "openmp",
            (_, Some(p)) if p != 0 => "pthreads",
            (Some(_), Some(_)) => "sequential",
            _ => "unknown",
        }
    }

    fn config(&self, x: &VendorExtras) -> String {
        let arch = match (x.bli_arch_query_id, x.bli_arch_string) {
            // SAFETY: `arch_t bli_arch_query_id(void)` and `const char
            // *bli_arch_string(arch_t)` with the id it returned.
            (Some(id), Some(s)) => unsafe { profile::c_string(s(id())) },
            _ => None,
        };
        let mut c = format!("arch={}", arch.as_deref().unwrap_or("unknown"));
        if let Some(n) = Self::read(self.int_size) {
            c.push_str(&format!(" int_bits={n}"));
        }
        if let Some(n) = Self::read(self.blas_int_size) {
            c.push_str(&format!(" blas_int_bits={n}"));
        }
        c
    }
}

/// BLIS's thread control (see the crate docs).
#[derive(Debug)]
pub struct BlisThreads {
    extras: VendorExtras,
}

/// BLIS threads every level-3 call it is given more than one thread for,
/// whatever its size (levels 1 and 2 it never threads, so they are left
/// alone: lowering the count around a call costs two setter calls): level-3
/// calls below this extent run on one thread (applied per call by the
/// CBLAS backend). Measured with 0.9.0 on 2 AVX2 cores, dgemm at 2 threads
/// against 1 (`bash scripts/thread-policy.sh --backends blis`): 1.0× at
/// n = 256, 0.53× at 512; below 256, on a machine with the other core
/// busy, 2 threads took up to 300× as long (n = 64: 8 ms against 25 µs).
/// LAPACK is its provider's (faer's own policy).
pub const SIZE_POLICY: SizePolicy = SizePolicy {
    blas1: Serial::NONE,
    blas2: Serial::NONE,
    blas3: Serial::below(256),
    lapack: Serial::NONE,
};

impl ThreadControl for BlisThreads {
    fn capability(&self) -> ThreadCapability {
        if self.extras.bli_thread_set_num_threads.is_some() {
            ThreadCapability::Exact { max: None }
        } else {
            ThreadCapability::None
        }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn get(&self) -> usize {
        let n = match self.extras.bli_thread_get_num_threads {
            // SAFETY: `dim_t bli_thread_get_num_threads(void)`.
            Some(g) => unsafe { g() },
            None => 1,
        };
        // -1: not set, BLIS runs single-threaded.
        usize::try_from(n).unwrap_or(1).max(1)
    }
    fn size_policy(&self) -> Option<SizePolicy> {
        Some(SIZE_POLICY)
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        let Some(s) = self.extras.bli_thread_set_num_threads else {
            return Ok(());
        };
        let c = i64::try_from(n).unwrap_or(i64::MAX);
        // SAFETY: `void bli_thread_set_num_threads(dim_t)` with a count ≥ 1.
        unsafe { s(c) };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_order() {
        assert_eq!(
            search_list(Some("/x".into()), Some("/d".into())),
            [PathBuf::from("/x")]
        );
        let c = search_list(None, Some("/d".into()));
        assert_eq!(c[1], PathBuf::from("/d/blis-openmp/libblis.so.4"));
        assert_eq!(c[2], PathBuf::from("/d/blis-pthread/libblis.so.4"));
        assert_eq!(c[4], PathBuf::from("libblis.so"));
    }
}
