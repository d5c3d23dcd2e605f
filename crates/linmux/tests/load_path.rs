//! `linmux_cblas::load_path` over the vendor registry: any CBLAS + LAPACK
//! library by path (`LINMUX_BACKEND=/path`), its vendor detected by the
//! descriptors of `linmux::select::VENDORS`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use linmux::select::VENDORS;
use linmux_cblas::{loaded_info, profile};
use linmux_core::{Backend, Error, IntWidth};
use linmux_loader::LoadSpec;
use linmux_loader::fixtures::{Fixture, THREAD_SPY_C};

fn fixture(name: &str, extra: &str) -> PathBuf {
    let mut f = Fixture::new(name);
    f.extra_c = extra.into();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("linmux-load-path");
    f.build(&dir).unwrap_or_else(|e| panic!("{e}"))
}

/// An (unused) LAPACK provider: a fixture backend.
fn provider() -> Arc<dyn Backend> {
    let lib = fixture("lp_provider", "");
    // SAFETY: the fixture's probes behave as BLAS's; its stubs are never called.
    let b = unsafe {
        linmux_cblas::load(
            &LoadSpec::new([lib]),
            loaded_info("provider", "fixture"),
            None,
        )
    };
    b.unwrap_or_else(|e| panic!("{e}"))
}

fn load_path(path: &Path, provider: Arc<dyn Backend>) -> linmux_core::Result<Arc<dyn Backend>> {
    linmux_cblas::load_path(path, provider, VENDORS)
}

#[test]
fn fixture_by_path_is_named_by_its_path_and_guessed_from_its_extras() {
    let lib = fixture("lp_spy", THREAD_SPY_C);
    let b = load_path(&lib, provider()).unwrap_or_else(|e| panic!("{e}"));
    let info = b.info();
    assert_eq!(info.name, lib.display().to_string());
    // THREAD_SPY_C exports openblas_get_config: guessed as OpenBLAS.
    assert_eq!(info.vendor, "OpenBLAS");
    assert_eq!(info.config.as_deref(), Some("fixture-config"));
    assert_eq!(info.int_width, IntWidth::Lp64);
    b.threads().set(3).expect("set");
    assert_eq!(b.threads().get(), 3);
}

#[test]
fn missing_path_lists_it() {
    let err = load_path(Path::new("/nonexistent/libfoo.so"), provider()).expect_err("missing");
    let Error::BackendUnavailable { name, reasons } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "/nonexistent/libfoo.so");
    assert!(reasons[0].contains("/nonexistent/libfoo.so") && reasons[0].contains("No such file"));
}

#[test]
fn real_libraries_by_path() {
    let Some(dir) = profile::multiarch_dir() else {
        return;
    };
    let ob = dir.join("openblas-pthread/libopenblas.so.0");
    if ob.exists() {
        let b = load_path(&ob, provider()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(b.info().vendor, "OpenBLAS");
        // The version the library reports equals the one in the name of
        // the file the symlink resolves to (`libopenblasp-r0.3.21.so`).
        let real = std::fs::canonicalize(&ob).expect("resolve libopenblas.so.0");
        let file = real
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        let from_name = file
            .split_once("-r")
            .and_then(|(_, v)| v.strip_suffix(".so"))
            .unwrap_or_else(|| panic!("no version in the file name {file}"));
        assert_eq!(
            b.info().version.as_deref(),
            Some(from_name),
            "{}",
            real.display()
        );
        assert_eq!(b.info().threading, "pthreads");
        linmux_testkit::vendors::self_check(&*b).unwrap_or_else(|e| panic!("{e}"));
    }
    let blis = dir.join("libblis.so.4");
    if blis.exists() {
        // BLIS has no LAPACK: the provider is recorded.
        let b = load_path(&blis, provider()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(b.info().vendor, "BLIS");
        assert_eq!(b.info().lapack_provider.as_deref(), Some("provider"));
    }
}
