//! CblasBackend against the real vendor libraries `scripts/install-backends.sh`
//! installs: the testkit's conformance suite (every operation, every scalar
//! type, every layout, against the testkit's references) on each vendor.
//!
//! `LINMUX_REQUIRE_BACKENDS` (comma list of openblas, openblas64, mkl, blis,
//! reference) makes a backend that cannot be loaded fail its test; a missing
//! backend that is not required is reported on stderr as NOT TESTED.

mod common;

use common::vendors::{backend, lp64, required, spec};
use linmux_cblas::GenericThreadControl;

use linmux_core::{Backend, IntWidth, Origin};
use linmux_testkit::conformance::{self, Family};

/// The conformance suite on `b`, called directly (without the engine),
/// every failure reported: a quarter of `PROPTEST_CASES` property cases and
/// the small edge cases. The deterministic large cases (n = 130, 300, 400,
/// length 10⁵) and the LAPACK families' hard inputs are left to the engine
/// suite, tests/tests/conformance.rs, which runs the whole suite at full
/// depth on the same libraries through the same `CblasBackend` (BLIS's
/// LAPACK provider here is the Netlib reference, which that suite runs as
/// `reference`).
fn every_operation(b: &dyn Backend) {
    let cases = linmux_testkit::strategies::cases_from_env(24).div_ceil(4);
    conformance::with_cases(cases, || {
        conformance::without_large_and_hard(|| conformance::assert_all(b));
    });
}

#[test]
fn openblas_every_operation() {
    let Some(b) = backend("openblas", None) else {
        return;
    };
    assert_eq!(b.info().int_width, IntWidth::Lp64);
    every_operation(&*b);
}

#[test]
fn openblas64_ilp64_every_operation() {
    let Some(b) = backend("openblas64", None) else {
        return;
    };
    assert_eq!(b.info().int_width, IntWidth::Ilp64);
    every_operation(&*b);
}

#[test]
fn reference_two_libraries_every_operation() {
    let Some(b) = lp64("reference", None) else {
        return;
    };
    let Origin::Loaded(paths) = &b.info().origin else {
        panic!("not loaded")
    };
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert_eq!(b.lapack_served_by(), Some("reference"));
    every_operation(&b);
    // liblapack.so.3's own `libblas.so.3` dependency resolved to the Netlib
    // BLAS opened first, not to the alternatives' OpenBLAS.
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    assert!(
        !maps.contains("openblas-pthread/libblas.so.3"),
        "reference LAPACK pulled in OpenBLAS's libblas"
    );
}

#[test]
fn blis_with_lapack_provider_every_operation() {
    let Some(b) = lp64("blis", None) else {
        return;
    };
    assert!(b.vendor().lapack.is_none(), "BLIS has no LAPACK");
    assert_eq!(b.lapack_served_by(), None);
    // Without a provider, LAPACK is unsupported (an error, not a crash).
    let mut a = linmux_core::Mat::<f64>::identity(2);
    assert!(matches!(
        linmux_core::Ops::<f64>::potrf(&b, linmux_core::Uplo::Lower, a.as_mut()),
        Err(linmux_core::Error::Unsupported { .. })
    ));
    // The first LAPACK provider that loads; with BLIS required, having none
    // is a failure, not a silent pass.
    let found = ["reference", "openblas", "mkl"]
        .into_iter()
        .find_map(|name| {
            // SAFETY: the specs name BLAS/LAPACK libraries.
            match unsafe { linmux_loader::load(&spec(name)) } {
                Ok(v) if v.has_lapack() => {
                    let threads = Box::new(GenericThreadControl::new(v.extras()));
                    let info = linmux_cblas::loaded_info(name, name);
                    Some((name, linmux_cblas::backend(v, info, threads, None, None)))
                }
                Ok(_) => None,
                Err(e) => {
                    eprintln!("LAPACK provider {name} for BLIS is not available: {e}");
                    None
                }
            }
        });
    let Some((pname, provider)) = found else {
        assert!(
            !required("blis"),
            "blis is required but no LAPACK provider (reference, openblas, mkl) could be loaded"
        );
        eprintln!("NOT TESTED: BLIS with a LAPACK provider (none available)");
        return;
    };
    let b = lp64("blis", Some(provider)).expect("BLIS loaded above");
    assert_eq!(b.info().lapack_provider.as_deref(), Some(pname));
    assert_eq!(b.lapack_served_by(), Some(pname));
    every_operation(&b);
}

#[test]
fn mkl_every_operation() {
    let Some(b) = backend("mkl", None) else {
        return;
    };
    assert_eq!(b.info().int_width, IntWidth::Lp64);
    every_operation(&*b);
}

#[test]
fn openblas_and_mkl_in_one_process() {
    let (Some(o), Some(m)) = (backend("openblas", None), backend("mkl", None)) else {
        return;
    };
    // Interleaved, so each library's calls follow the other's. The large
    // cases, where both libraries' thread pools start, run interleaved in
    // one process too in tests/tests/conformance.rs (each family on every
    // engine in turn).
    for family in [
        Family::Gemm,
        Family::Blas2,
        Family::Lu,
        Family::HermitianEigen,
    ] {
        conformance::without_large_and_hard(|| {
            conformance::assert(&*o, family);
            conformance::assert(&*m, family);
        });
    }
}

#[test]
fn generic_thread_control_on_openblas() {
    let Some(b) = backend("openblas", None) else {
        return;
    };
    let t = b.threads();
    let before = t.get();
    t.set(1).expect("set");
    assert_eq!(t.get(), 1);
    t.set(before).expect("restore");
    assert!(t.set(0).is_err());
}
