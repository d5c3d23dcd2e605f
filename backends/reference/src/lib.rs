//! The Netlib reference profile: `libblas.so.3` (BLAS + CBLAS) and
//! `liblapack.so.3` (LAPACK), two libraries serving one backend. Slow, but
//! the numerical reference.
//!
//! # Search order
//! BLAS: `LINMUX_REFERENCE_LIB` alone when set, else
//! `/usr/lib/<triple>/blas/libblas.so.3` (Debian's Netlib build; the
//! multiarch `libblas.so.3` is an alternatives link that may be OpenBLAS),
//! `/usr/lib64/libblas.so.3`, `/usr/lib/libblas.so.3`.
//! LAPACK: `LINMUX_REFERENCE_LAPACK_LIB` alone when set, else
//! `/usr/lib/<triple>/lapack/liblapack.so.3`, `/usr/lib64/liblapack.so.3`,
//! `/usr/lib/liblapack.so.3`.
//!
//! LAPACK is opened after BLAS, so its own `libblas.so.3` dependency
//! resolves to the Netlib BLAS already loaded; both are opened
//! `RTLD_DEEPBIND` (MKL puts BLAS names in the global scope). A BLAS
//! library that exports OpenBLAS, BLIS or MKL queries is refused: it is
//! not the reference.
//!
//! # Description
//! Version `LAPACK x.y.z` from `ilaver`; threading `sequential`; thread
//! capability `None` (Netlib is single-threaded: `set` is accepted and
//! changes nothing, `get` is 1).

#![deny(clippy::undocumented_unsafe_blocks)]

use std::path::PathBuf;
use std::sync::Arc;

use linmux_cblas::{VendorDescriptor, profile};
use linmux_core::{Backend, Error, Result, ThreadCapability, ThreadControl, ThreadScope};
use linmux_loader::{LapackSource, LoadSpec};

/// The Netlib reference in the vendor registry. Netlib answers no vendor
/// query, so a loaded library is never detected as it.
pub const DESCRIPTOR: VendorDescriptor = VendorDescriptor {
    name: "reference",
    vendor: "Netlib",
    lib_var: "LINMUX_REFERENCE_LIB",
    thread_var: None,
    install_hint: "install: apt-get install libblas-dev liblapack-dev (Debian/Ubuntu), dnf install blas lapack (Fedora), or run scripts/install-backends.sh",
    candidates,
    detect: |_| false,
    load,
};

/// The LAPACK file override variable.
pub const LAPACK_LIB_VAR: &str = "LINMUX_REFERENCE_LAPACK_LIB";

/// The BLAS and LAPACK candidates, given the overrides and the multiarch
/// directory.
///
/// ```
/// let (b, l) = linmux_reference::search_lists(None, None, Some("/usr/lib/t".into()));
/// assert_eq!(b[0], std::path::PathBuf::from("/usr/lib/t/blas/libblas.so.3"));
/// assert_eq!(l[0], std::path::PathBuf::from("/usr/lib/t/lapack/liblapack.so.3"));
/// ```
pub fn search_lists(
    blas_override: Option<PathBuf>,
    lapack_override: Option<PathBuf>,
    multiarch: Option<PathBuf>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let list = |ov: Option<PathBuf>, sub: &str, file: &str| match ov {
        Some(p) => vec![p],
        None => multiarch
            .iter()
            .map(|d| d.join(sub).join(file))
            .chain(["/usr/lib64", "/usr/lib"].map(|d| PathBuf::from(d).join(file)))
            .collect(),
    };
    (
        list(blas_override, "blas", "libblas.so.3"),
        list(lapack_override, "lapack", "liblapack.so.3"),
    )
}

/// Loads Netlib BLAS + LAPACK. `lapack_fallback` is not used.
///
/// # Errors
/// [`Error::BackendUnavailable`] named `"reference"`, listing every path
/// tried with `dlerror()`'s text, then the install hint of [`DESCRIPTOR`]; also when the BLAS
/// found is another vendor's.
///
/// ```no_run
/// # use std::sync::Arc;
/// # fn demo(faer: Arc<dyn linmux_core::Backend>) -> linmux_core::Result<()> {
/// let netlib = linmux_reference::load(faer)?;
/// println!("{:?}", netlib.info().version); // Some("LAPACK 3.11.0")
/// # Ok(()) }
/// ```
pub fn load(lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>> {
    let (blas, lapack) = lists();
    load_from(&blas, &lapack, lapack_fallback)
}

/// [`search_lists`] for this process, with `LINMUX_REFERENCE_LIB` and
/// `LINMUX_REFERENCE_LAPACK_LIB`.
fn lists() -> (Vec<PathBuf>, Vec<PathBuf>) {
    search_lists(
        profile::env_path(DESCRIPTOR.lib_var),
        profile::env_path(LAPACK_LIB_VAR),
        profile::multiarch_dir(),
    )
}

/// Every file [`load`] may try for this process: the BLAS candidates, then
/// the LAPACK ones.
pub fn candidates() -> Vec<PathBuf> {
    let (mut blas, lapack) = lists();
    blas.extend(lapack);
    blas
}

/// As [`load`], from explicit candidate lists.
///
/// # Errors
/// As [`load`].
pub fn load_from(
    blas: &[PathBuf],
    lapack: &[PathBuf],
    lapack_fallback: Arc<dyn Backend>,
) -> Result<Arc<dyn Backend>> {
    let spec = LoadSpec::new(blas.iter().cloned())
        .lapack(LapackSource::Separate(lapack.to_vec()))
        .deep_bind(true);
    // SAFETY: the candidates are Netlib BLAS / LAPACK libraries (or the
    // files the user named).
    let vendor = unsafe { linmux_loader::load(&spec) }
        .map_err(|e| profile::unavailable(DESCRIPTOR.name, &e, [], DESCRIPTOR.install_hint))?;
    let x = vendor.extras();
    let other = if x.openblas_get_config.is_some() {
        Some("OpenBLAS")
    } else if x.bli_info_get_version_str.is_some() {
        Some("BLIS")
    } else if x.MKL_Get_Version_String.is_some() {
        Some("MKL")
    } else {
        None
    };
    if let Some(other) = other {
        return Err(Error::BackendUnavailable {
            name: DESCRIPTOR.name.to_owned(),
            reasons: vec![
                format!(
                    "{} is {other}, not the Netlib reference (an alternatives link?)",
                    vendor.abi().blas_path.display()
                ),
                DESCRIPTOR.install_hint.to_owned(),
            ],
        });
    }
    let mut info = DESCRIPTOR.info();
    info.threading = String::from("sequential");
    info.version = vendor
        .abi()
        .lapack_version
        .map(|(a, b, c)| format!("LAPACK {a}.{b}.{c}"));
    Ok(linmux_cblas::backend(
        vendor,
        info,
        Box::new(SingleThreaded),
        Some(lapack_fallback),
        None,
    ))
}

/// Netlib's thread control: one thread, always.
#[derive(Clone, Copy, Debug, Default)]
pub struct SingleThreaded;

impl ThreadControl for SingleThreaded {
    fn capability(&self) -> ThreadCapability {
        ThreadCapability::None
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn get(&self) -> usize {
        1
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        Ok(())
    }
}
