//! One opened shared library.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{LoadError, OpenAttempt};

/// How [`Library::open`] opens a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// `RTLD_NOW | RTLD_LOCAL`: the library's symbols serve only lookups
    /// through this handle. Every vendor library is opened this way.
    Local,
    /// `RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND` (glibc; plain `Local`
    /// elsewhere): the library's own references bind to its own symbols
    /// before the global scope's. Needed when another vendor has put BLAS
    /// names in the global scope (MKL's dispatcher loads its layers
    /// `RTLD_GLOBAL`, so Netlib's `cblas_sdot` then called MKL's `sdot_`).
    LocalDeepBind,
    /// `RTLD_NOW | RTLD_GLOBAL`: the symbols join the process's global scope
    /// (only for dependencies a vendor expects there, such as `libm.so.6`
    /// before MKL).
    Global,
}

/// An opened shared library. Symbol tables hold it in an `Arc`, so a function
/// pointer taken from it is never called after it is closed.
pub struct Library {
    path: PathBuf,
    #[cfg(unix)]
    handle: Option<libloading::os::unix::Library>,
    unload_on_drop: bool,
}

impl fmt::Debug for Library {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Library")
            .field("path", &self.path)
            .field("unload_on_drop", &self.unload_on_drop)
            .finish()
    }
}

impl Library {
    /// Opens `path` (a path, or a bare file name the dynamic loader searches
    /// for) with `RTLD_NOW` and the given visibility.
    ///
    /// With `unload_on_drop == false` the library stays mapped after the
    /// handle is dropped: vendor runtimes keep worker threads that cannot
    /// safely outlive an unmapped library.
    ///
    /// # Errors
    /// [`LoadError::Open`] with the path and `dlerror()`'s text.
    ///
    /// # Safety
    /// Opening a library runs its initializers (ELF constructors), which can
    /// do anything. The caller trusts the library to be a well-behaved shared
    /// object.
    pub unsafe fn open(
        path: &Path,
        visibility: Visibility,
        unload_on_drop: bool,
    ) -> Result<Self, OpenAttempt> {
        #[cfg(unix)]
        {
            use libloading::os::unix::{RTLD_GLOBAL, RTLD_LOCAL, RTLD_NOW};
            let flags = match visibility {
                Visibility::Local => RTLD_NOW | RTLD_LOCAL,
                Visibility::LocalDeepBind => RTLD_NOW | RTLD_LOCAL | deepbind(),
                Visibility::Global => RTLD_NOW | RTLD_GLOBAL,
            };
            // SAFETY: initializers are the caller's responsibility (see # Safety).
            match unsafe { libloading::os::unix::Library::open(Some(path), flags) } {
                Ok(h) => Ok(Self {
                    path: path.to_path_buf(),
                    handle: Some(h),
                    unload_on_drop,
                }),
                Err(e) => Err(OpenAttempt {
                    path: path.to_path_buf(),
                    message: error_text(&e),
                }),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = (visibility, unload_on_drop);
            Err(OpenAttempt {
                path: path.to_path_buf(),
                message: String::from("run-time loading is only implemented on unix"),
            })
        }
    }

    /// Opens the first of `candidates` that opens; the error lists every
    /// attempt.
    ///
    /// # Errors
    /// [`LoadError::Open`] naming `role` and every path tried.
    ///
    /// # Safety
    /// As [`Library::open`], for every candidate tried.
    pub unsafe fn open_first(
        role: &'static str,
        candidates: &[PathBuf],
        visibility: Visibility,
        unload_on_drop: bool,
    ) -> Result<Self, LoadError> {
        let mut attempts = Vec::new();
        for c in candidates {
            // SAFETY: forwarded to the caller.
            match unsafe { Self::open(c, visibility, unload_on_drop) } {
                Ok(lib) => return Ok(lib),
                Err(a) => attempts.push(a),
            }
        }
        Err(LoadError::Open { role, attempts })
    }

    /// The path it was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the library exports `symbol` (exact name).
    pub fn has(&self, symbol: &str) -> bool {
        self.lookup(symbol).is_ok()
    }

    /// The file the dynamic loader actually mapped for this library: the one
    /// whose mapping (`/proc/self/maps`) contains `symbol`'s address. A bare
    /// soname such as `libopenblas.so.0` becomes e.g.
    /// `/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so`.
    /// `None` where `/proc` is unavailable or the symbol is absent.
    pub fn mapped_file(&self, symbol: &str) -> Option<PathBuf> {
        let addr = self.lookup(symbol).ok()? as usize;
        let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
        maps.lines().find_map(|line| {
            let mut fields = line.split_whitespace();
            let (lo, hi) = fields.next()?.split_once('-')?;
            let (lo, hi) = (
                usize::from_str_radix(lo, 16).ok()?,
                usize::from_str_radix(hi, 16).ok()?,
            );
            let file = fields.nth(4)?;
            (lo <= addr && addr < hi && file.starts_with('/')).then(|| PathBuf::from(file))
        })
    }

    fn lookup(&self, symbol: &str) -> Result<*mut core::ffi::c_void, String> {
        #[cfg(unix)]
        {
            let Some(h) = self.handle.as_ref() else {
                return Err(String::from("library handle released"));
            };
            // SAFETY: we only read the symbol's address as a raw pointer; no
            // type is asserted here and nothing is called.
            match unsafe { h.get::<*mut core::ffi::c_void>(symbol.as_bytes()) } {
                Ok(sym) => {
                    let p = *sym;
                    if p.is_null() {
                        Err(format!("{symbol}: resolved to a null address"))
                    } else {
                        Ok(p)
                    }
                }
                Err(e) => Err(error_text(&e)),
            }
        }
        #[cfg(not(unix))]
        {
            Err(format!(
                "{symbol}: run-time loading is only implemented on unix"
            ))
        }
    }

    /// The address of `symbol` as function pointer type `F`, or `None`.
    ///
    /// # Safety
    /// `F` must be an `unsafe extern "C" fn` type whose signature is the
    /// symbol's real C ABI signature, and the returned pointer must not be
    /// called after this library is dropped.
    pub unsafe fn optional<F: Copy>(&self, symbol: &str) -> Option<F> {
        // SAFETY: forwarded to the caller.
        unsafe { self.required::<F>(symbol).ok() }
    }

    /// The address of `symbol` as function pointer type `F`.
    ///
    /// # Errors
    /// [`LoadError::MissingSymbol`] naming the symbol and this library.
    ///
    /// # Safety
    /// As [`Library::optional`].
    pub unsafe fn required<F: Copy>(&self, symbol: &str) -> Result<F, LoadError> {
        const {
            assert!(
                size_of::<F>() == size_of::<*mut core::ffi::c_void>(),
                "F must be a function pointer"
            );
        }
        match self.lookup(symbol) {
            // SAFETY: F is pointer-sized (checked above) and, by the caller's
            // contract, a function pointer type matching the symbol.
            Ok(p) => Ok(unsafe { core::mem::transmute_copy::<*mut core::ffi::c_void, F>(&p) }),
            Err(message) => Err(LoadError::MissingSymbol {
                symbol: symbol.to_owned(),
                library: self.path.clone(),
                message,
            }),
        }
    }
}

impl Drop for Library {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(h) = self.handle.take()
            && !self.unload_on_drop
        {
            // Keep the library mapped: its worker threads may still run.
            let _ = h.into_raw();
        }
    }
}

/// glibc's `RTLD_DEEPBIND` (0 where it does not exist).
#[cfg(all(unix, target_os = "linux", target_env = "gnu"))]
const DEEPBIND: core::ffi::c_int = 0x0008;
#[cfg(all(unix, not(all(target_os = "linux", target_env = "gnu"))))]
const DEEPBIND: core::ffi::c_int = 0;

/// [`DEEPBIND`], except in a process running AddressSanitizer, whose
/// runtime refuses `RTLD_DEEPBIND` and ends the process (google/sanitizers
/// issue 611): there the library is opened plain `RTLD_LOCAL`, which is
/// correct as long as no vendor has put BLAS names in the global scope (one
/// backend per sanitized test process).
#[cfg(unix)]
fn deepbind() -> core::ffi::c_int {
    static UNDER_ASAN: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let asan = *UNDER_ASAN.get_or_init(|| global_symbol(c"__asan_init").is_some());
    if asan { 0 } else { DEEPBIND }
}

/// The address the process's global scope gives `name` (what
/// `dlsym(RTLD_DEFAULT, name)` finds: the executable, then the libraries
/// loaded with it or `RTLD_GLOBAL`), or `None`. For symbols a program may
/// define to override a library's own (such as `cblas_xerbla`).
pub fn global_symbol(name: &std::ffi::CStr) -> Option<*const core::ffi::c_void> {
    #[cfg(unix)]
    {
        let this = libloading::os::unix::Library::this();
        // SAFETY: only the address is read; it is not called or dereferenced here.
        let sym = unsafe { this.get::<*const core::ffi::c_void>(name.to_bytes_with_nul()) };
        let addr = sym.ok().map(|s| s.into_raw().cast_const());
        // The handle from `this()` refers to the main program, which stays
        // loaded; dropping it only decrements a reference count.
        drop(this);
        addr.filter(|p| !p.is_null())
    }
    #[cfg(not(unix))]
    {
        let _ = name;
        None
    }
}

/// The address of `name` in the already loaded library `library` (a file
/// name such as `libiomp5.so`, opened with `RTLD_NOLOAD`: never loaded by
/// this call), or `None` when that library is not in the process or has no
/// such symbol. For a runtime another library pulled in privately (Intel
/// OpenMP under MKL). The library is then kept loaded for good, so the
/// address stays valid. Linux only (`None` elsewhere).
pub fn loaded_symbol(
    library: &std::ffi::CStr,
    name: &std::ffi::CStr,
) -> Option<*const core::ffi::c_void> {
    #[cfg(target_os = "linux")]
    {
        use libloading::os::unix::{Library as Unix, RTLD_LAZY};
        // glibc's and musl's value (macOS and the BSDs differ).
        const RTLD_NOLOAD: core::ffi::c_int = 4;
        // SAFETY: RTLD_NOLOAD only finds a library already loaded, so no
        // initializer runs.
        let lib =
            unsafe { Unix::open(Some(library.to_str().ok()?), RTLD_LAZY | RTLD_NOLOAD) }.ok()?;
        // SAFETY: only the address is read here.
        let sym = unsafe { lib.get::<*const core::ffi::c_void>(name.to_bytes_with_nul()) };
        let addr = sym.ok().map(|s| s.into_raw().cast_const());
        // Keep the reference: the caller may call the address at any time.
        std::mem::forget(lib);
        addr.filter(|p| !p.is_null())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (library, name);
        None
    }
}

#[cfg(unix)]
fn error_text(e: &libloading::Error) -> String {
    use std::error::Error as _;
    match e.source() {
        Some(src) => src.to_string(),
        None => e.to_string(),
    }
}
