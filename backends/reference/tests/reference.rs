//! The reference profile against Debian's Netlib BLAS + LAPACK.
//! `LINMUX_REQUIRE_BACKENDS` containing `reference` turns a load failure into
//! a test failure; otherwise it is reported on stderr as NOT TESTED.

use std::sync::Arc;

use linmux_cblas::profile;
use linmux_core::{Backend, IntWidth, Origin, ThreadCapability};

#[test]
fn loads_two_libraries_and_describes_itself() {
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    let b = match linmux_reference::load(faer) {
        Ok(b) => b,
        Err(e) if linmux_testkit::vendors::required(linmux_reference::DESCRIPTOR.name) => {
            panic!("required backend reference: {e}")
        }
        Err(e) => return eprintln!("NOT TESTED: reference is not available (not required): {e}"),
    };
    let info = b.info();
    eprintln!("reference: {info:?}");
    assert_eq!(info.vendor, "Netlib");
    assert!(
        info.version
            .as_deref()
            .is_some_and(|v| v.starts_with("LAPACK 3.")),
        "{:?}",
        info.version
    );
    assert_eq!(info.int_width, IntWidth::Lp64);
    assert_eq!(info.threading, "sequential");
    assert_eq!(info.lapack_provider, None);
    let Origin::Loaded(paths) = &info.origin else {
        panic!("{:?}", info.origin)
    };
    assert_eq!(paths.len(), 2, "{paths:?}");
    // Origins are the files actually mapped (the sonames resolved).
    let named = |p: &std::path::Path, dir: &str, file: &str| {
        p.parent().is_some_and(|d| d.ends_with(dir))
            && p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(file))
    };
    assert!(
        named(&paths[0], "blas", "libblas.so.3") && named(&paths[1], "lapack", "liblapack.so.3"),
        "{paths:?}"
    );
    linmux_testkit::vendors::self_check(&*b).unwrap_or_else(|e| panic!("{e}"));
    // The Netlib files, not OpenBLAS's alternatives, serve both.
    assert!(profile::mapped("/blas/libblas.so.3"));
    assert!(profile::mapped("/lapack/liblapack.so.3"));
    assert!(!profile::mapped("openblas"), "OpenBLAS was pulled in");

    let t = b.threads();
    assert_eq!(t.capability(), ThreadCapability::None);
    assert_eq!(t.get(), 1);
    t.set(4).expect("accepted, no effect");
    assert_eq!(t.get(), 1);
    assert!(t.set(0).is_err());

    // After the maps check above: this maps OpenBLAS into the process.
    an_alternatives_openblas_is_refused();
}

fn an_alternatives_openblas_is_refused() {
    let Some(dir) = profile::multiarch_dir() else {
        return;
    };
    let ob = dir.join("openblas-pthread/libblas.so.3");
    if !ob.exists() {
        return eprintln!("NOT TESTED: {} absent", ob.display());
    }
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    let err = linmux_reference::load_from(
        std::slice::from_ref(&ob),
        &[dir.join("openblas-pthread/liblapack.so.3")],
        faer,
    )
    .expect_err("OpenBLAS is not the reference");
    assert!(
        err.to_string()
            .contains("is OpenBLAS, not the Netlib reference"),
        "{err}"
    );
}
