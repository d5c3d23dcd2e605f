//! The Intel MKL profile: where `libmkl_rt` lives, its version and threading
//! layer, per-domain and thread-local thread limits, error handlers that
//! never end the process, and MKL's reproducible (CNR) mode.
//!
//! # Search order
//! 1. `LINMUX_MKL_LIB` (a file path): when set, the only candidate;
//! 2. in each of these directories, `libmkl_rt.so.3`, `libmkl_rt.so.2`,
//!    `libmkl_rt.so` (files that do not exist are not tried; the error
//!    lists the directories searched): `$MKLROOT/lib`, `$MKLROOT/lib/intel64`,
//!    `/opt/intel/oneapi/mkl/latest/lib`, `$CONDA_PREFIX/lib`,
//!    `$VIRTUAL_ENV/lib`, `.vendor/mkl/lib` in the current directory and each
//!    ancestor (where `scripts/install-backends.sh` puts the PyPI wheel), the
//!    same under this source tree (`CARGO_MANIFEST_DIR/../..`), `~/.local/lib`
//!    (`pip install --user mkl`);
//! 3. `libmkl_rt.so.3`, `libmkl_rt.so.2` through the dynamic loader's search
//!    (`LD_LIBRARY_PATH`, `ldconfig`).
//!
//! `libm.so.6` is opened `RTLD_GLOBAL` first (MKL's core needs libm's
//! symbols in the global scope: without it the first LAPACK call died with
//! `undefined symbol: log`). MKL is *not* opened `RTLD_DEEPBIND`; its
//! dispatcher loads its own layers `RTLD_GLOBAL`, which is why every other
//! profile deep-binds.
//!
//! # Threads
//! Capability `Exact`, scope process: [`ThreadControl::set`] calls
//! `MKL_Domain_Set_Num_Threads` for the BLAS and the LAPACK domain (the
//! LAPACK domain exists from oneMKL 2025.2; older versions, where LAPACK
//! follows the global setting, get `MKL_DOMAIN_ALL` instead).
//! [`ThreadControl::set_thread_local`] is `MKL_Set_Num_Threads_Local`
//! (scope calling thread; `None` passes 0, which restores the global
//! setting). [`ThreadControl::get`] is `MKL_Domain_Get_Max_Threads(BLAS)`,
//! which includes a thread-local limit. In `libmkl_rt` the lower-case names
//! (`mkl_set_num_threads_local`, `mkl_domain_get_max_threads`,
//! `mkl_cbwr_set`, `mkl_set_threading_layer`) are the Fortran interfaces
//! taking pointers; only the mixed-case C names are called here.
//!
//! # Threading layer
//! Reported as found, not as assumed: after loading (the probe has run a
//! BLAS call, so MKL has chosen), `/proc/self/maps` is searched for
//! `libmkl_intel_thread` / `libmkl_gnu_thread` / `libmkl_tbb_thread` /
//! `libmkl_sequential`; where that file does not exist,
//! `MKL_Set_Threading_Layer(-1)` is asked (measured with oneMKL 2026.2: an
//! invalid code changes nothing and returns the layer in use, 0 intel, 1
//! sequential, 3 gnu, 4 tbb). With libgomp already in the process (e.g.
//! OpenBLAS's OpenMP build loaded first) MKL picks the GNU layer by itself.
//!
//! # Errors inside MKL
//! [`load`] installs an `xerbla` (`mkl_set_xerbla`) and a fatal-error handler
//! (`mkl_set_exit_handler`) that record what happened ([`take_last_error`])
//! and return, so MKL returns to its caller instead of ending the process.
//! Neither unwinds across the FFI boundary. After every call the backend
//! checks (two relaxed atomic loads when nothing happened) whether a handler
//! ran, and returns the report as `Error::Backend { backend: "mkl", .. }`
//! instead of `Ok` with outputs never computed.
//!
//! # Reproducible mode
//! [`set_reproducible`] wraps `MKL_CBWR_Set`. MKL accepts it only before its
//! first computation, and loading probes with a BLAS call: call it before
//! [`load`] (it opens MKL itself), or set `MKL_CBWR` (`MKL_CBWR=COMPATIBLE`,
//! `MKL_CBWR=AVX2,STRICT`) in the environment before the process starts.

#![deny(clippy::undocumented_unsafe_blocks)]

use core::ffi::{c_char, c_int};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use linmux_cblas::{VendorDescriptor, mkl_errors, profile};
use linmux_core::{
    Backend, Error, Result, Serial, SizePolicy, ThreadCapability, ThreadControl, ThreadScope,
};
use linmux_loader::{Library, LoadSpec, LoadedVendor, VendorExtras, Visibility};

pub use linmux_cblas::mkl_errors::{MklError, take_last_error};

/// MKL in the vendor registry.
pub const DESCRIPTOR: VendorDescriptor = VendorDescriptor {
    name: "mkl",
    vendor: "Intel MKL",
    lib_var: "LINMUX_MKL_LIB",
    thread_var: Some("MKL_NUM_THREADS"),
    install_hint: "install: pip install mkl (then set LINMUX_MKL_LIB=<prefix>/lib/libmkl_rt.so.3), Intel oneAPI (set MKLROOT), or run scripts/install-backends.sh (puts it in <repo>/.vendor/mkl)",
    candidates,
    detect,
    load,
};

/// Whether a loaded library is MKL: it answers `MKL_Get_Version_String`.
pub fn detect(x: &VendorExtras) -> bool {
    x.MKL_Get_Version_String.is_some()
}

/// The candidates for this process (see the crate docs): files that exist
/// in the directories searched, then the bare sonames.
pub fn candidates() -> Vec<PathBuf> {
    SearchEnv::from_process().candidates(Path::is_file)
}

/// Library file names, newest first (2026 wheels ship `.so.3`, 2021–2025 `.so.2`).
pub const FILE_NAMES: [&str; 3] = ["libmkl_rt.so.3", "libmkl_rt.so.2", "libmkl_rt.so"];

const DOMAIN_ALL: c_int = 0;
const DOMAIN_BLAS: c_int = 1;
const DOMAIN_LAPACK: c_int = 5;

/// Where to look, as read from the environment (kept apart so the search
/// order is unit-tested without touching the environment).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchEnv {
    /// `LINMUX_MKL_LIB`.
    pub lib_override: Option<PathBuf>,
    /// `MKLROOT`.
    pub mklroot: Option<PathBuf>,
    /// `CONDA_PREFIX`.
    pub conda_prefix: Option<PathBuf>,
    /// `VIRTUAL_ENV`.
    pub virtual_env: Option<PathBuf>,
    /// The current directory.
    pub cwd: Option<PathBuf>,
    /// `HOME`.
    pub home: Option<PathBuf>,
}

impl SearchEnv {
    /// This process's environment.
    pub fn from_process() -> Self {
        Self {
            lib_override: profile::env_path(DESCRIPTOR.lib_var),
            mklroot: profile::env_path("MKLROOT"),
            conda_prefix: profile::env_path("CONDA_PREFIX"),
            virtual_env: profile::env_path("VIRTUAL_ENV"),
            cwd: std::env::current_dir().ok(),
            home: profile::env_path("HOME"),
        }
    }

    /// The directories searched, in order (duplicates removed).
    pub fn dirs(&self) -> Vec<PathBuf> {
        let mut d = Vec::new();
        if let Some(r) = &self.mklroot {
            d.push(r.join("lib"));
            d.push(r.join("lib/intel64"));
        }
        d.push(PathBuf::from("/opt/intel/oneapi/mkl/latest/lib"));
        if let Some(p) = &self.conda_prefix {
            d.push(p.join("lib"));
        }
        if let Some(p) = &self.virtual_env {
            d.push(p.join("lib"));
        }
        if let Some(cwd) = &self.cwd {
            for a in cwd.ancestors() {
                d.push(a.join(".vendor/mkl/lib"));
            }
        }
        d.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.vendor/mkl/lib"));
        if let Some(h) = &self.home {
            d.push(h.join(".local/lib"));
        }
        let mut seen = Vec::new();
        d.retain(|p| {
            let key = normalize(p);
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        d
    }

    /// The candidate files in order: the override alone, or the files of
    /// [`SearchEnv::dirs`] for which `exists` holds, then the bare sonames.
    pub fn candidates(&self, exists: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
        if let Some(p) = &self.lib_override {
            return vec![p.clone()];
        }
        let mut v: Vec<PathBuf> = self
            .dirs()
            .iter()
            .flat_map(|d| FILE_NAMES.iter().map(move |f| d.join(f)))
            .filter(|p| exists(p))
            .collect();
        v.extend(FILE_NAMES[..2].iter().map(PathBuf::from));
        v
    }
}

/// `a/b/../c` → `a/c` (lexically), so the same directory is searched once.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Loads MKL from the first candidate that opens (see the crate docs),
/// installs its error handlers and describes it. `lapack_fallback` is not
/// used (MKL has LAPACK).
///
/// # Errors
/// [`Error::BackendUnavailable`] named `"mkl"`: every path tried with
/// `dlerror()`'s text, the directories searched without a hit, then
/// the install hint of [`DESCRIPTOR`].
///
/// ```no_run
/// # use std::sync::Arc;
/// # fn demo(faer: Arc<dyn linmux_core::Backend>) -> linmux_core::Result<()> {
/// let mkl = linmux_mkl::load(faer)?;
/// println!("{:?} {}", mkl.info().version, mkl.info().threading);
/// # Ok(()) }
/// ```
pub fn load(lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    let env = SearchEnv::from_process();
    let candidates = env.candidates(Path::is_file);
    let notes = if env.lib_override.is_some() {
        Vec::new()
    } else {
        vec![format!(
            "no libmkl_rt.so.{{3,2,}} in: {}",
            env.dirs()
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )]
    };
    load_inner(&candidates, notes, lapack_fallback)
}

/// As [`load`], from an explicit candidate list.
///
/// # Errors
/// As [`load`].
pub fn load_from(paths: &[PathBuf], lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    load_inner(paths, Vec::new(), lapack_fallback)
}

/// Set by [`request_reproducible`]: the next [`load`] turns on CNR first.
static REPRODUCIBLE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks every later [`load`] to switch MKL's strict CNR mode on
/// (`MKL_CBWR_AUTO | MKL_CBWR_STRICT`) before MKL computes anything: the same
/// bits run to run on this machine, whatever the thread count, for the
/// routines MKL's strict mode covers (and `AUTO`'s guarantee, same thread
/// count, for the others). linmux's reproducible mode
/// (`LINMUX_REPRODUCIBLE=1`) calls it.
pub fn request_reproducible() {
    REPRODUCIBLE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The CNR mode reproducible runs use.
pub const REPRODUCIBLE_MODE: CbwrMode = CbwrMode {
    branch: CbwrBranch::Auto,
    strict: true,
};

fn load_inner(
    paths: &[PathBuf],
    notes: Vec<String>,
    lapack_fallback: Arc<dyn Backend>,
) -> Result<Arc<dyn Backend>> {
    if REPRODUCIBLE.load(std::sync::atomic::Ordering::Relaxed) {
        // Before the loader's probes (its first computation).
        set_reproducible_from(paths, REPRODUCIBLE_MODE)?;
    }
    let spec = LoadSpec::new(paths.iter().cloned()).preload_global(["libm.so.6"]);
    // SAFETY: the candidates are MKL runtimes (or the file the user named).
    let vendor = unsafe { linmux_loader::load(&spec) }
        .map_err(|e| profile::unavailable(DESCRIPTOR.name, &e, notes, DESCRIPTOR.install_hint))?;
    let x = vendor.extras();
    let (Some(get_version), Some(dset), Some(dget)) = (
        x.MKL_Get_Version_String,
        x.MKL_Domain_Set_Num_Threads,
        x.MKL_Domain_Get_Max_Threads,
    ) else {
        return Err(Error::BackendUnavailable {
            name: DESCRIPTOR.name.to_owned(),
            reasons: vec![
                format!(
                    "{} loaded but is not an MKL runtime (no MKL_Get_Version_String / MKL_Domain_Set_Num_Threads)",
                    vendor.abi().blas_path.display()
                ),
                DESCRIPTOR.install_hint.to_owned(),
            ],
        });
    };
    mkl_errors::install(x);
    let mut buf = [0 as c_char; 512];
    // SAFETY: `void MKL_Get_Version_String(char *buf, int len)` writes at
    // most `len` bytes; 511 leaves the zeroed last byte as a terminator.
    unsafe { get_version(buf.as_mut_ptr(), 511) };
    // SAFETY: NUL-terminated (see above).
    let full = unsafe { profile::c_string(buf.as_ptr()) }.unwrap_or_default();
    let layer = threading_layer(&vendor);
    let lib = profile::blas_library(&vendor);
    let cbwr = cbwr_branch(lib);
    let mut info = DESCRIPTOR.info();
    info.threading = layer.as_str().to_owned();
    info.version = parse_version(&full);
    let mut config = full;
    if let Some(c) = cbwr {
        config.push_str(&format!("; cbwr={c}"));
    }
    info.config = Some(config);
    let threads = MklThreads {
        extras: x.clone(),
        set_domain: dset,
        get_domain: dget,
        set_blocktime: match layer {
            Layer::Intel => kmp_set_blocktime(),
            _ => None,
        },
    };
    Ok(linmux_cblas::backend(
        vendor,
        info,
        Box::new(threads),
        Some(lapack_fallback),
        Some(mkl_errors::after_call),
    ))
}

/// `"2026.2"` from `"Intel(R) oneAPI Math Kernel Library Version 2026.2-Product Build ..."`.
///
/// ```
/// let s = "Intel(R) oneAPI Math Kernel Library Version 2026.2-Product Build 20260915 for Intel(R) 64 architecture applications";
/// assert_eq!(linmux_mkl::parse_version(s).as_deref(), Some("2026.2"));
/// ```
pub fn parse_version(s: &str) -> Option<String> {
    let mut words = s.split_whitespace();
    words.find(|w| *w == "Version")?;
    let v = words.next()?;
    let v = v.split('-').next().unwrap_or(v);
    (!v.is_empty()).then(|| v.to_owned())
}

/// MKL's threading layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// `libmkl_intel_thread` + `libiomp5` (code 0).
    Intel,
    /// `libmkl_sequential` (code 1).
    Sequential,
    /// `libmkl_gnu_thread` + `libgomp` (code 3).
    Gnu,
    /// `libmkl_tbb_thread` (code 4).
    Tbb,
    /// Could not be determined.
    Unknown,
}

impl Layer {
    /// As recorded in `BackendInfo::threading`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Layer::Intel => "intel-openmp",
            Layer::Sequential => "sequential",
            Layer::Gnu => "gnu-openmp",
            Layer::Tbb => "tbb",
            Layer::Unknown => "unknown",
        }
    }
    /// From `MKL_Set_Threading_Layer`'s return value.
    pub const fn from_code(c: c_int) -> Self {
        match c {
            0 => Layer::Intel,
            1 => Layer::Sequential,
            3 => Layer::Gnu,
            4 => Layer::Tbb,
            _ => Layer::Unknown,
        }
    }
    /// From the libraries mapped into the process.
    pub fn from_maps() -> Self {
        [
            ("libmkl_intel_thread", Layer::Intel),
            ("libmkl_gnu_thread", Layer::Gnu),
            ("libmkl_tbb_thread", Layer::Tbb),
            ("libmkl_sequential", Layer::Sequential),
        ]
        .into_iter()
        .find(|(lib, _)| profile::mapped(lib))
        .map_or(Layer::Unknown, |(_, l)| l)
    }
}

fn threading_layer(vendor: &LoadedVendor) -> Layer {
    let found = Layer::from_maps();
    if found != Layer::Unknown {
        return found;
    }
    match vendor.extras().MKL_Set_Threading_Layer {
        // SAFETY: `int MKL_Set_Threading_Layer(int)`; an invalid code
        // changes nothing and returns the layer in use (see the crate docs).
        Some(f) => Layer::from_code(unsafe { f(-1) }),
        None => Layer::Unknown,
    }
}

type CbwrGet = unsafe extern "C" fn(c_int) -> c_int;

/// The CNR branch in effect, as text, from `MKL_CBWR_Get(MKL_CBWR_BRANCH)`.
fn cbwr_branch(lib: &Library) -> Option<String> {
    // SAFETY: `int MKL_CBWR_Get(int option)` (the C name; `mkl_cbwr_get` is Fortran's).
    let get = unsafe { lib.optional::<CbwrGet>("MKL_CBWR_Get") }?;
    // SAFETY: as above; 1 is MKL_CBWR_BRANCH.
    let code = unsafe { get(1) };
    Some(match code {
        0 => String::from("off"),
        1 => String::from("branch-off"),
        other => CbwrBranch::from_code(other)
            .map_or_else(|| format!("{other}"), |b| b.as_str().to_owned()),
    })
}

/// A CNR (conditional numerical reproducibility) code branch of MKL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CbwrBranch {
    /// `MKL_CBWR_AUTO`: same results run to run on this machine and thread count.
    Auto,
    /// `MKL_CBWR_COMPATIBLE`: the same results on every x86 CPU (SSE2-class code).
    Compatible,
    /// `MKL_CBWR_SSE2`.
    Sse2,
    /// `MKL_CBWR_SSE4_2`.
    Sse4_2,
    /// `MKL_CBWR_AVX`.
    Avx,
    /// `MKL_CBWR_AVX2`.
    Avx2,
    /// `MKL_CBWR_AVX512`.
    Avx512,
}

impl CbwrBranch {
    /// MKL's constant.
    pub const fn code(self) -> c_int {
        match self {
            CbwrBranch::Auto => 2,
            CbwrBranch::Compatible => 3,
            CbwrBranch::Sse2 => 4,
            CbwrBranch::Sse4_2 => 8,
            CbwrBranch::Avx => 9,
            CbwrBranch::Avx2 => 10,
            CbwrBranch::Avx512 => 12,
        }
    }
    /// From MKL's constant.
    pub const fn from_code(c: c_int) -> Option<Self> {
        Some(match c {
            2 => CbwrBranch::Auto,
            3 => CbwrBranch::Compatible,
            4 => CbwrBranch::Sse2,
            8 => CbwrBranch::Sse4_2,
            9 => CbwrBranch::Avx,
            10 => CbwrBranch::Avx2,
            12 => CbwrBranch::Avx512,
            _ => return None,
        })
    }
    /// The name `MKL_CBWR` takes, lower case.
    pub const fn as_str(self) -> &'static str {
        match self {
            CbwrBranch::Auto => "auto",
            CbwrBranch::Compatible => "compatible",
            CbwrBranch::Sse2 => "sse2",
            CbwrBranch::Sse4_2 => "sse4_2",
            CbwrBranch::Avx => "avx",
            CbwrBranch::Avx2 => "avx2",
            CbwrBranch::Avx512 => "avx512",
        }
    }
}

/// A reproducible mode: a code branch, optionally strict (`MKL_CBWR_STRICT`:
/// bitwise results also across thread counts, for the routines MKL lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CbwrMode {
    /// The code branch.
    pub branch: CbwrBranch,
    /// Adds `MKL_CBWR_STRICT`.
    pub strict: bool,
}

impl CbwrMode {
    /// A non-strict mode on `branch`.
    pub const fn new(branch: CbwrBranch) -> Self {
        Self {
            branch,
            strict: false,
        }
    }
    /// The value passed to `MKL_CBWR_Set`.
    pub const fn code(self) -> c_int {
        self.branch.code() | if self.strict { 0x10000 } else { 0 }
    }
}

/// Libraries opened by [`set_reproducible`], kept so the setting's library
/// stays the one [`load`] finds.
static CBWR_LIBS: Mutex<Vec<Library>> = Mutex::new(Vec::new());

type CbwrSet = unsafe extern "C" fn(c_int) -> c_int;

/// Turns on MKL's reproducible mode (`MKL_CBWR_Set`). Opens MKL from the same
/// candidates as [`load`] (if it is not open yet) and must run before MKL's
/// first computation in the process, so before [`load`]. The environment
/// variable `MKL_CBWR` has the same effect when set before the process starts.
///
/// # Errors
/// [`Error::BackendUnavailable`] if MKL cannot be opened; [`Error::Backend`]
/// with MKL's status otherwise (`MKL_CBWR_ERR_MODE_CHANGE_FAILURE` when MKL
/// has already computed, `MKL_CBWR_ERR_UNSUPPORTED_BRANCH` when the CPU lacks
/// the branch's instructions).
///
/// ```no_run
/// use linmux_mkl::{CbwrBranch, CbwrMode};
/// linmux_mkl::set_reproducible(CbwrMode::new(CbwrBranch::Compatible))?;
/// # Ok::<(), linmux_core::Error>(())
/// ```
pub fn set_reproducible(mode: CbwrMode) -> Result<()> {
    let env = SearchEnv::from_process();
    set_reproducible_from(&env.candidates(Path::is_file), mode)
}

fn set_reproducible_from(candidates: &[PathBuf], mode: CbwrMode) -> Result<()> {
    // SAFETY: libm and MKL runtimes; kept mapped (`unload_on_drop` false).
    let opened = unsafe {
        Library::open_first(
            "preload",
            &[PathBuf::from("libm.so.6")],
            Visibility::Global,
            false,
        )
        .and_then(|m| {
            Library::open_first("BLAS", candidates, Visibility::Local, false).map(|l| (m, l))
        })
    };
    let (libm, lib) = opened
        .map_err(|e| profile::unavailable(DESCRIPTOR.name, &e, [], DESCRIPTOR.install_hint))?;
    // SAFETY: `int MKL_CBWR_Set(int)` (the C name).
    let Some(set) = (unsafe { lib.optional::<CbwrSet>("MKL_CBWR_Set") }) else {
        return Err(Error::Backend {
            backend: DESCRIPTOR.name.to_owned(),
            routine: "MKL_CBWR_Set",
            detail: format!("{} does not export MKL_CBWR_Set", lib.path().display()),
        });
    };
    // SAFETY: as above, with one of MKL's documented settings.
    let status = unsafe { set(mode.code()) };
    if let Ok(mut keep) = CBWR_LIBS.lock() {
        keep.push(libm);
        keep.push(lib);
    }
    match status {
        0 => Ok(()),
        s => Err(Error::Backend {
            backend: DESCRIPTOR.name.to_owned(),
            routine: "MKL_CBWR_Set",
            detail: format!(
                "{} ({s}) for {mode:?}",
                match s {
                    -1 => "MKL_CBWR_ERR_INVALID_SETTINGS",
                    -2 => "MKL_CBWR_ERR_INVALID_INPUT",
                    -3 =>
                        "MKL_CBWR_ERR_UNSUPPORTED_BRANCH: the CPU lacks this branch's instructions",
                    -4 => "MKL_CBWR_ERR_UNKNOWN_BRANCH",
                    -8 =>
                        "MKL_CBWR_ERR_MODE_CHANGE_FAILURE: MKL has already computed in this process; call set_reproducible before loading MKL, or set MKL_CBWR",
                    _ => "unknown MKL_CBWR status",
                }
            ),
        }),
    }
}

type DomainSet = unsafe extern "C" fn(c_int, c_int) -> c_int;
type DomainGet = unsafe extern "C" fn(c_int) -> c_int;

type KmpSetBlocktime = unsafe extern "C" fn(c_int);

/// Intel OpenMP's `kmp_set_blocktime`, from the `libiomp5` MKL loaded.
fn kmp_set_blocktime() -> Option<KmpSetBlocktime> {
    let p = linmux_loader::loaded_symbol(c"libiomp5.so", c"kmp_set_blocktime")?;
    // SAFETY: the symbol is `void kmp_set_blocktime(int msec)`, and
    // `loaded_symbol` keeps its library loaded.
    Some(unsafe { core::mem::transmute::<*const core::ffi::c_void, KmpSetBlocktime>(p) })
}

/// MKL's thread control (see the crate docs).
#[derive(Debug)]
pub struct MklThreads {
    extras: VendorExtras,
    set_domain: DomainSet,
    get_domain: DomainGet,
    /// Intel OpenMP's `kmp_set_blocktime`, when MKL runs on it.
    set_blocktime: Option<KmpSetBlocktime>,
}

/// How long (ms) Intel OpenMP's idle workers spin after a parallel region
/// forked by a thread that shares the cores with other libraries
/// ([`ThreadControl::share_cores`]); Intel's default is 200 ms. The setting
/// belongs to the calling thread: its later calls through a plain MKL
/// engine keep the shorter wait too.
///
/// Measured on 2 AVX2 cores (AMD) with oneMKL 2026.2 in `linmux tune`'s
/// routed mix: gemm, gemv, dot, potrf and getrf at every tuned size, each
/// call in turn, 11 of 75 cases on MKL and the rest on OpenBLAS, faer and
/// BLIS. Against a control, the same mix with every call on its own
/// backend alone (run beside it, three times each): 0.97, 1.09 and 1.06×
/// with 5 ms set by the router, 1.18, 1.13 and 1.13× with Intel's
/// default. With the default, MKL's `getrf` 1024 took 2.7× its control
/// time and OpenBLAS's `dot` 131072 14×. MKL alone (gemm, gemv, dot,
/// potrf, getrf, svd, eig and eigh at n = 64, 256 and 1024, 2 threads,
/// fastest of three runs, `KMP_BLOCKTIME=5` against unset): 1.03× in
/// geometric mean, every case within the machine's noise but dgemm 64 on 2
/// threads (2.4×); later runs showed that case at 100–400 µs against 20 µs
/// with the default too, whenever 1-thread MKL calls had come just before.
pub const SHARED_BLOCKTIME_MS: c_int = 5;

/// MKL decides its thread count per call, but threads a level-3 call of
/// n = 32 too early: measured with oneMKL 2026.2 on 2 AVX2 cores (AMD) by
/// `bash scripts/thread-policy.sh --backends mkl`, dgemm at n = 32 took
/// 1.28× and 1.16× as long on 2 threads as on 1 in two runs without this
/// policy, where n = 16 and n = 64 did not (1.0×). Other cells above 5%
/// changed from run to run (dgetrf at n = 64 1.46× in one run, at n = 32
/// 1.06× and 1.30× in two, at n = 4 1.18× in one) on a machine whose
/// run-to-run noise reached 1.8× on identical code, so they are left to
/// MKL. Applied per call for the calling thread only
/// (`MKL_Set_Num_Threads_Local`, restored exactly).
pub const SIZE_POLICY: SizePolicy = SizePolicy {
    blas1: Serial::NONE,
    blas2: Serial::NONE,
    blas3: Serial {
        from: 24,
        below: 48,
    },
    lapack: Serial::NONE,
};

impl ThreadControl for MklThreads {
    fn share_cores(&self) -> bool {
        let Some(f) = self.set_blocktime else {
            return false;
        };
        // SAFETY: `void kmp_set_blocktime(int msec)`: the blocktime of the
        // teams the calling thread forks from now on.
        unsafe { f(SHARED_BLOCKTIME_MS) };
        true
    }
    fn size_policy(&self) -> Option<SizePolicy> {
        self.extras.MKL_Set_Num_Threads_Local.map(|_| SIZE_POLICY)
    }
    fn lower_local(&self) -> Option<usize> {
        let f = self.extras.MKL_Set_Num_Threads_Local?;
        // SAFETY: `int MKL_Set_Num_Threads_Local(int)`: sets the calling
        // thread's limit, returns the previous one (0: none).
        let prev = unsafe { f(1) };
        Some(usize::try_from(prev).unwrap_or(0))
    }
    fn restore_local(&self, previous: usize) {
        if let Some(f) = self.extras.MKL_Set_Num_Threads_Local {
            // SAFETY: as in `lower_local`; `previous` came from it.
            unsafe { f(c_int::try_from(previous).unwrap_or(0)) };
        }
    }
    fn capability(&self) -> ThreadCapability {
        ThreadCapability::Exact { max: None }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn local_scope(&self) -> ThreadScope {
        if self.extras.MKL_Set_Num_Threads_Local.is_some() {
            ThreadScope::CallingThread
        } else {
            ThreadScope::Process
        }
    }
    fn get(&self) -> usize {
        // SAFETY: `int MKL_Domain_Get_Max_Threads(int domain)`; the extras
        // table keeps the library loaded.
        let n = unsafe { (self.get_domain)(DOMAIN_BLAS) };
        usize::try_from(n).unwrap_or(1).max(1)
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        let c = c_int::try_from(n).unwrap_or(c_int::MAX);
        // SAFETY: `int MKL_Domain_Set_Num_Threads(int n, int domain)`, 1 = OK.
        let blas = unsafe { (self.set_domain)(c, DOMAIN_BLAS) };
        if blas != 1 {
            return Err(Error::Backend {
                backend: DESCRIPTOR.name.to_owned(),
                routine: "MKL_Domain_Set_Num_Threads",
                detail: format!("BLAS domain, {n} threads: status {blas}"),
            });
        }
        // SAFETY: as above.
        if unsafe { (self.set_domain)(c, DOMAIN_LAPACK) } != 1 {
            // Before oneMKL 2025.2 there is no LAPACK domain and LAPACK
            // follows the global setting.
            // SAFETY: as above.
            unsafe { (self.set_domain)(c, DOMAIN_ALL) };
        }
        Ok(())
    }
    fn set_thread_local(&self, n: Option<usize>) -> Result<()> {
        let Some(f) = self.extras.MKL_Set_Num_Threads_Local else {
            return Err(Error::Unsupported {
                op: "set_thread_local",
                backend: DESCRIPTOR.name.to_owned(),
            });
        };
        let c = match n {
            Some(0) => return Err(Error::invalid("n", "thread count must be at least 1")),
            Some(n) => c_int::try_from(n).unwrap_or(c_int::MAX),
            None => 0,
        };
        // SAFETY: `int MKL_Set_Num_Threads_Local(int)`: 0 clears the
        // calling thread's limit; returns the previous one.
        unsafe { f(c) };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_alone() {
        let env = SearchEnv {
            lib_override: Some("/nonexistent".into()),
            mklroot: Some("/opt/mkl".into()),
            ..SearchEnv::default()
        };
        assert_eq!(env.candidates(|_| true), [PathBuf::from("/nonexistent")]);
    }

    #[test]
    fn search_order() {
        let env = SearchEnv {
            mklroot: Some("/m".into()),
            conda_prefix: Some("/c".into()),
            virtual_env: Some("/v".into()),
            cwd: Some("/w/p".into()),
            home: Some("/h".into()),
            ..SearchEnv::default()
        };
        let d = env.dirs();
        let want_prefix: Vec<PathBuf> = [
            "/m/lib",
            "/m/lib/intel64",
            "/opt/intel/oneapi/mkl/latest/lib",
            "/c/lib",
            "/v/lib",
            "/w/p/.vendor/mkl/lib",
            "/w/.vendor/mkl/lib",
            "/.vendor/mkl/lib",
        ]
        .into_iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(d[..want_prefix.len()], want_prefix[..]);
        assert_eq!(d.last(), Some(&PathBuf::from("/h/.local/lib")));
        let c = env.candidates(|p| p.starts_with("/c") || p.starts_with("/w/p"));
        assert_eq!(
            c,
            [
                "/c/lib/libmkl_rt.so.3",
                "/c/lib/libmkl_rt.so.2",
                "/c/lib/libmkl_rt.so",
                "/w/p/.vendor/mkl/lib/libmkl_rt.so.3",
                "/w/p/.vendor/mkl/lib/libmkl_rt.so.2",
                "/w/p/.vendor/mkl/lib/libmkl_rt.so",
                "libmkl_rt.so.3",
                "libmkl_rt.so.2",
            ]
            .map(PathBuf::from)
        );
    }

    #[test]
    fn codes() {
        assert_eq!(CbwrMode::new(CbwrBranch::Compatible).code(), 3);
        let strict = CbwrMode {
            branch: CbwrBranch::Avx2,
            strict: true,
        };
        assert_eq!(strict.code(), 0x1000a);
        assert_eq!(Layer::from_code(3), Layer::Gnu);
        assert_eq!(parse_version("nothing"), None);
    }
}
