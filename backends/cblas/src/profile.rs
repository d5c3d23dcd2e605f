//! What every vendor profile (`linmux-openblas`, `linmux-mkl`, ...) shares:
//! the `LINMUX_<NAME>_LIB` override, load errors with an install hint, C
//! strings from vendor queries, the platform's library directory, and
//! whether a file is mapped into the process.

use core::ffi::{CStr, c_char};
use std::path::PathBuf;

use linmux_core::Error;
use linmux_loader::LoadError;

/// The environment variable that points backend `name` at a file:
/// `LINMUX_<NAME>_LIB` (`"openblas"` → `LINMUX_OPENBLAS_LIB`).
///
/// ```
/// assert_eq!(linmux_cblas::profile::lib_var("mkl"), "LINMUX_MKL_LIB");
/// ```
pub fn lib_var(name: &str) -> String {
    format!("LINMUX_{}_LIB", name.to_ascii_uppercase())
}

/// The path in environment variable `var`, if it is set and not empty.
pub fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// [`Error::BackendUnavailable`] for backend `name`: the loader's reasons
/// (every path tried with `dlerror()`'s text), then `notes`, then `install`
/// (how to get the library) as the last reason.
pub fn unavailable(
    name: &str,
    err: &LoadError,
    notes: impl IntoIterator<Item = String>,
    install: &str,
) -> Error {
    let mut reasons = err.reasons();
    reasons.extend(notes);
    reasons.push(install.to_owned());
    Error::BackendUnavailable {
        name: name.to_owned(),
        reasons,
    }
}

/// Copies a NUL-terminated C string returned by a vendor query; `None` for
/// a null pointer or an empty string. Invalid UTF-8 is replaced.
///
/// # Safety
/// `p` is null or points to a NUL-terminated string that stays valid for
/// the duration of the call.
pub unsafe fn c_string(p: *const c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated (caller's contract).
    let s = unsafe { CStr::from_ptr(p) }
        .to_string_lossy()
        .trim()
        .to_owned();
    (!s.is_empty()).then_some(s)
}

/// Debian/Ubuntu's multiarch library directory for this target
/// (`/usr/lib/x86_64-linux-gnu`), where the distribution's vendor builds live.
pub fn multiarch_dir() -> Option<PathBuf> {
    let triple = if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        "x86_64-linux-gnu"
    } else if cfg!(all(target_os = "linux", target_arch = "aarch64")) {
        "aarch64-linux-gnu"
    } else if cfg!(all(target_os = "linux", target_arch = "powerpc64")) {
        "powerpc64le-linux-gnu"
    } else {
        return None;
    };
    Some(PathBuf::from("/usr/lib").join(triple))
}

/// Whether a file whose path contains `needle` is mapped into this process
/// (`/proc/self/maps`; always false where that file does not exist).
pub fn mapped(needle: &str) -> bool {
    std::fs::read_to_string("/proc/self/maps")
        .map(|m| m.lines().any(|l| l.contains(needle)))
        .unwrap_or(false)
}

/// The library the BLAS table was taken from (for looking up symbols the
/// tables do not list, such as `omp_set_num_threads` in OpenBLAS's OpenMP
/// build or `MKL_CBWR_Get`).
pub fn blas_library(v: &linmux_loader::LoadedVendor) -> &std::sync::Arc<linmux_loader::Library> {
    match v {
        linmux_loader::LoadedVendor::Lp64(x) => x.cblas.library(),
        linmux_loader::LoadedVendor::Ilp64(x) => x.cblas.library(),
    }
}
