//! The Accelerate profile against fixture libraries exporting Accelerate's
//! names (real Accelerate is unverified: no macOS here). The fixture's
//! `BLASSetThreading` / `BLASGetThreading` are a spy.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use linmux_core::{Backend, IntWidth, ThreadCapability, ThreadScope};
use linmux_loader::fixtures::Fixture;
use linmux_loader::{Library, SymbolSuffix, Visibility};

const SPY_C: &str = r#"
static int fx_mode = 0; /* BLAS_THREADING_MULTI_THREADED */
static int fx_calls = 0;
int BLASSetThreading(int mode) { if (mode != 0 && mode != 1) return -1; fx_mode = mode; fx_calls++; return 0; }
int BLASGetThreading(void) { return fx_mode; }
int APPLE_NTHREADS(void) { return 12; }
int fixture_set_calls(void) { return fx_calls; }
"#;

fn build(name: &str, suffix: SymbolSuffix, int64: bool) -> PathBuf {
    let mut f = Fixture::new(name);
    f.suffix = suffix;
    f.int64 = int64;
    f.extra_c = SPY_C.into();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("linmux-accelerate-fixtures");
    f.build(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn spy(path: &Path, sym: &str) -> i32 {
    // SAFETY: the fixture, already loaded (same instance); kept mapped.
    let lib = unsafe { Library::open(path, Visibility::Local, false) }.expect("reopen");
    // SAFETY: the spy's `int f(void)` functions.
    let f = unsafe { lib.optional::<unsafe extern "C" fn() -> i32>(sym) }.expect(sym);
    // SAFETY: as above.
    unsafe { f() }
}

fn faer() -> Arc<dyn Backend> {
    Arc::new(linmux_faer::FaerBackend::new())
}

#[test]
fn ilp64_newlapack_fixture_loads_and_drives_blas_set_threading() {
    let lib = build("accel_ilp64", SymbolSuffix::NewLapackIlp64, true);
    let b = linmux_accelerate::load_from(std::slice::from_ref(&lib), faer())
        .unwrap_or_else(|e| panic!("{e}"));
    let info = b.info();
    eprintln!("accelerate fixture: {info:?}");
    assert_eq!(info.vendor, "Apple Accelerate");
    assert_eq!(info.symbol_suffix.as_deref(), Some("$NEWLAPACK$ILP64"));
    assert_eq!(info.int_width, IntWidth::Ilp64);
    assert_eq!(info.version.as_deref(), Some("LAPACK 3.12.1"));
    assert_eq!(info.lapack_provider, None);
    assert_eq!(info.threading, "multi-threaded");

    let t = b.threads();
    assert_eq!(t.capability(), ThreadCapability::OnOff);
    assert_eq!(t.scope(), ThreadScope::Process);
    assert_eq!(t.get(), 12, "multi-threaded: APPLE_NTHREADS");
    t.set(1).expect("single");
    assert_eq!(
        spy(&lib, "BLASGetThreading"),
        1,
        "BLAS_THREADING_SINGLE_THREADED"
    );
    assert_eq!(t.get(), 1);
    t.set(8).expect("multi");
    assert_eq!(
        spy(&lib, "BLASGetThreading"),
        0,
        "BLAS_THREADING_MULTI_THREADED"
    );
    assert_eq!(t.get(), 12);
    assert!(t.set(0).is_err());
    assert_eq!(
        spy(&lib, "fixture_set_calls"),
        2,
        "a rejected count never reaches the library"
    );
}

#[test]
fn lp64_newlapack_fixture_loads() {
    let lib = build("accel_lp64", SymbolSuffix::NewLapack, false);
    let b = linmux_accelerate::load_from(&[lib], faer()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.info().symbol_suffix.as_deref(), Some("$NEWLAPACK"));
    assert_eq!(b.info().int_width, IntWidth::Lp64);
}

#[test]
fn unsuffixed_library_is_refused() {
    // Plain names are the old CLAPACK interface in Accelerate: not used.
    let lib = build("accel_plain", SymbolSuffix::None, false);
    let err = linmux_accelerate::load_from(&[lib], faer()).expect_err("no $NEWLAPACK names");
    let s = err.to_string();
    assert!(
        s.contains("cblas_isamax$NEWLAPACK$ILP64") && s.contains("macOS 13.3"),
        "{s}"
    );
}

#[test]
fn off_macos_without_override_says_why() {
    if cfg!(target_os = "macos")
        || std::env::var_os(linmux_accelerate::DESCRIPTOR.lib_var).is_some()
    {
        return;
    }
    let err = linmux_accelerate::load(faer()).expect_err("not macOS");
    let linmux_core::Error::BackendUnavailable { name, reasons } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "accelerate");
    assert_eq!(reasons, &[linmux_accelerate::NOT_MACOS.to_owned()]);
}
