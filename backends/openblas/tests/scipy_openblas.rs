//! OpenBLAS built with a symbol prefix: the PyPI `scipy-openblas64` wheel
//! (`scipy_cblas_dgemm64_`, `scipy_dgemm_64_`, `scipy_openblas_get_config64_`;
//! the build NumPy ships inside its wheels), which
//! `scripts/install-backends.sh` installs and `scripts/test.sh` names in
//! `LINMUX_SCIPY_OPENBLAS64_LIB`. Loaded by path through the OpenBLAS profile
//! and held to the conformance suite.
//!
//! `scripts/test.sh` always sets the variable (unless told
//! `LINMUX_SKIP_SCIPY_OPENBLAS=1`), empty when the install did not put the
//! library in place: set but empty is a failure. Unset (a plain `cargo
//! test`), the test says NOT TESTED on stderr.

use std::path::PathBuf;
use std::sync::Arc;

use linmux_core::{Backend, IntWidth};
use linmux_testkit::conformance::{self, Family};

const VAR: &str = "LINMUX_SCIPY_OPENBLAS64_LIB";

fn library() -> Option<PathBuf> {
    match std::env::var_os(VAR) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        Some(_) => panic!(
            "{VAR} is set but empty: scripts/install-backends.sh did not install scipy-openblas64"
        ),
        None => {
            eprintln!(
                "NOT TESTED: {VAR} is not set (scripts/test.sh installs the wheel and sets it)"
            );
            None
        }
    }
}

#[test]
fn scipy_openblas64_loads_under_its_prefix_and_conforms() {
    let Some(path) = library() else {
        return;
    };
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    let b = linmux_openblas::load_from(std::slice::from_ref(&path), faer)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let info = b.info();
    eprintln!("scipy-openblas64: {info:?}");
    assert_eq!(info.vendor, "OpenBLAS");
    assert_eq!(info.symbol_suffix.as_deref(), Some("scipy_*64_"));
    assert_eq!(info.int_width, IntWidth::Ilp64);
    assert_eq!(info.threading, "pthreads", "{info:?}");
    assert!(
        info.version
            .as_deref()
            .is_some_and(|v| v.starts_with("0.3.")),
        "the version comes from scipy_openblas_get_config64_: {info:?}"
    );
    assert!(info.lapack_provider.is_none(), "its own LAPACK: {info:?}");
    // Threads through `scipy_openblas_set_num_threads64_`, read back from
    // the library.
    let tc = b.threads();
    for n in [1, 2, 1] {
        tc.set(n).expect("set");
        assert_eq!(tc.get(), n);
    }
    tc.set(2).expect("set");
    // Every family's properties and small edge cases. The large and hard
    // cases (two minutes here in a debug build) are left to the Debian
    // builds, which run the whole suite: their kernels are this build's;
    // its symbols, its build and its LAPACK version are what is new here.
    conformance::without_large_and_hard(|| conformance::assert_all(&*b));
    // The factorizations again on one thread, with their large and hard
    // cases (the count changes how they split the work).
    tc.set(1).expect("set");
    for family in [Family::Lu, Family::Cholesky] {
        conformance::assert(&*b, family);
    }
}
