//! The vendor libraries `scripts/install-backends.sh` installs, by name:
//! where each lives, how it is opened, and whether a test may skip it.

use std::path::PathBuf;
use std::sync::Arc;

use linmux_cblas::{CblasBackend, GenericThreadControl, loaded_info};
use linmux_core::Backend;
use linmux_loader::{LapackSource, LoadSpec, LoadedVendor};

pub const LIBDIR: &str = "/usr/lib/x86_64-linux-gnu";

pub use linmux_testkit::vendors::required;

/// Every vendor but MKL is opened with RTLD_DEEPBIND: MKL's dispatcher puts
/// `sdot_`, `dgemm_`... in the global scope, where they would otherwise
/// serve the other libraries' internal calls.
pub fn spec(name: &str) -> LoadSpec {
    let deep = name != "mkl";
    spec_plain(name).deep_bind(deep)
}

pub fn spec_plain(name: &str) -> LoadSpec {
    match name {
        "openblas" => LoadSpec::new([format!("{LIBDIR}/openblas-pthread/libopenblas.so.0")]),
        "openblas64" => LoadSpec::new([format!("{LIBDIR}/openblas64-pthread/libopenblas64.so.0")]),
        "blis" => LoadSpec::new([format!("{LIBDIR}/libblis.so.4")]),
        "reference" => LoadSpec::new([format!("{LIBDIR}/blas/libblas.so.3")]).lapack(
            LapackSource::Separate(vec![format!("{LIBDIR}/lapack/liblapack.so.3").into()]),
        ),
        "mkl" => {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.vendor/mkl/lib");
            LoadSpec::new([root.join("libmkl_rt.so.3"), root.join("libmkl_rt.so.2")])
                .preload_global(["libm.so.6"])
        }
        other => panic!("unknown backend {other}"),
    }
}

/// The backend, or `None` (reported) when it is absent and not required.
pub fn backend(name: &str, provider: Option<Arc<dyn Backend>>) -> Option<Arc<dyn Backend>> {
    // SAFETY: the specs name BLAS/LAPACK libraries.
    match unsafe { linmux_cblas::load(&spec(name), loaded_info(name, name), provider) } {
        Ok(b) => Some(b),
        Err(e) if required(name) => panic!("required backend {name} cannot be loaded: {e}"),
        Err(e) => {
            eprintln!("NOT TESTED: backend {name} is not available (not required): {e}");
            None
        }
    }
}

/// An LP64 library as the typed backend, for the accessors an
/// `Arc<dyn Backend>` hides (`vendor()`, `lapack_served_by()`,
/// `with_after_call`), or `None` (reported) when it is absent and not
/// required. Panics on an ILP64 library.
pub fn lp64(name: &str, provider: Option<Arc<dyn Backend>>) -> Option<CblasBackend<i32>> {
    // SAFETY: the specs name BLAS/LAPACK libraries.
    match unsafe { linmux_loader::load(&spec(name)) } {
        Ok(LoadedVendor::Lp64(v)) => {
            let threads = Box::new(GenericThreadControl::new(&v.extras));
            Some(CblasBackend::new(
                v,
                loaded_info(name, name),
                threads,
                provider,
            ))
        }
        Ok(LoadedVendor::Ilp64(_)) => panic!("{name} is ILP64"),
        Err(e) if required(name) => panic!("required backend {name} cannot be loaded: {e}"),
        Err(e) => {
            eprintln!("NOT TESTED: backend {name} is not available (not required): {e}");
            None
        }
    }
}
