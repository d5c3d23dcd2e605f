//! What every vendor profile (`linmux-openblas`, `linmux-mkl`, ...) shares:
//! the `LINMUX_<NAME>_LIB` override, load errors with an install hint, C
//! strings from vendor queries, the platform's library directory, and a
//! quick self-check of a loaded backend.

use core::ffi::{CStr, c_char};
use std::path::PathBuf;

use linmux_core::{Backend, Error, Mat, Ops, Trans, Uplo};
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

/// Whether `LINMUX_REQUIRE_BACKENDS` (comma list) names `name`: tests of a
/// required backend fail when it cannot be loaded instead of skipping.
pub fn required(name: &str) -> bool {
    std::env::var("LINMUX_REQUIRE_BACKENDS")
        .map(|v| v.split(',').any(|s| s.trim().eq_ignore_ascii_case(name)))
        .unwrap_or(false)
}

/// Whether a file whose path contains `needle` is mapped into this process
/// (`/proc/self/maps`; always false where that file does not exist).
pub fn mapped(needle: &str) -> bool {
    std::fs::read_to_string("/proc/self/maps")
        .map(|m| m.lines().any(|l| l.contains(needle)))
        .unwrap_or(false)
}

/// A quick check that a loaded backend computes: an `f64` `gemm` (7 × 5 ×
/// 6, transposed `A`) and a `potrf` of an SPD 9 × 9 matrix, compared with
/// naive results under ε-scaled bounds. Used by the profiles' tests and
/// meant for `linmux verify`.
///
/// # Errors
/// A description of the first mismatch or backend error.
pub fn self_check(b: &dyn Backend) -> Result<(), String> {
    let name = &b.info().name;
    let eps = f64::EPSILON;
    let (m, n, k) = (7, 5, 6);
    let f = |i: usize, j: usize, s: usize| (((i * 7 + j * 13 + s) % 17) as f64 - 8.0) / 8.0;
    // A is stored k × m and used transposed.
    let a = Mat::<f64>::from_fn(k, m, |i, j| f(i, j, 1));
    let bm = Mat::<f64>::from_fn(k, n, |i, j| f(i, j, 2));
    let mut c = Mat::<f64>::from_fn(m, n, |i, j| f(i, j, 3));
    let (alpha, beta) = (1.5, -0.5);
    let mut want = c.clone();
    for j in 0..n {
        for i in 0..m {
            let mut s = 0.0;
            for l in 0..k {
                s += a.as_slice()[i * k + l] * bm.as_slice()[j * k + l];
            }
            let w = &mut want.as_mut_slice()[j * m + i];
            *w = alpha * s + beta * *w;
        }
    }
    Ops::<f64>::gemm(
        b,
        Trans::Trans,
        Trans::No,
        alpha,
        a.as_ref(),
        bm.as_ref(),
        beta,
        c.as_mut(),
    )
    .map_err(|e| format!("{name}: dgemm failed: {e}"))?;
    let tol = 4.0 * (k as f64) * eps * 8.0;
    for (g, w) in c.as_slice().iter().zip(want.as_slice()) {
        if (g - w).abs() > tol * (1.0 + w.abs()) {
            return Err(format!("{name}: dgemm gave {g}, expected {w}"));
        }
    }

    // SPD: B·Bᵀ + n·I, then check L·Lᵀ = A.
    let n = 9;
    let r = Mat::<f64>::from_fn(n, n, |i, j| f(i, j, 4));
    let spd = Mat::<f64>::from_fn(n, n, |i, j| {
        let mut s = if i == j { n as f64 } else { 0.0 };
        for l in 0..n {
            s += r.as_slice()[l * n + i] * r.as_slice()[l * n + j];
        }
        s
    });
    let mut l = spd.clone();
    Ops::<f64>::potrf(b, Uplo::Lower, l.as_mut())
        .map_err(|e| format!("{name}: dpotrf failed: {e}"))?;
    let lv = |i: usize, j: usize| if i >= j { l.as_slice()[j * n + i] } else { 0.0 };
    let scale = spd.as_slice().iter().fold(0.0f64, |m, x| m.max(x.abs()));
    for j in 0..n {
        for i in 0..n {
            let s: f64 = (0..n).map(|p| lv(i, p) * lv(j, p)).sum();
            let w = spd.as_slice()[j * n + i];
            if (s - w).abs() > 8.0 * (n as f64) * eps * scale {
                return Err(format!(
                    "{name}: dpotrf: (L·Lᵀ)[{i},{j}] = {s}, expected {w}"
                ));
            }
        }
    }
    Ok(())
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
