//! The BLIS profile against Debian's BLIS 0.9 (`scripts/install-backends.sh`).
//! `LINMUX_REQUIRE_BACKENDS` containing `blis` turns a load failure into a
//! test failure; otherwise it is reported on stderr as NOT TESTED.

use std::sync::Arc;

use linmux_core::{Backend, IntWidth, Origin, ThreadCapability, ThreadScope};
use linmux_loader::LoadSpec;

#[test]
fn loads_describes_itself_and_threads_round_trip() {
    // The LAPACK provider: Netlib when present (faer's LAPACK is not complete
    // on every branch), else faer.
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    let provider = linmux_reference::load(Arc::clone(&faer)).unwrap_or(faer);
    let provider_name = provider.info().name.clone();
    let b = match linmux_blis::load(provider) {
        Ok(b) => b,
        Err(e) if linmux_testkit::vendors::required(linmux_blis::DESCRIPTOR.name) => {
            panic!("required backend blis: {e}")
        }
        Err(e) => return eprintln!("NOT TESTED: blis is not available (not required): {e}"),
    };
    let info = b.info();
    eprintln!("blis: {info:?}");
    assert_eq!(info.vendor, "BLIS");
    assert!(
        info.version
            .as_deref()
            .is_some_and(|v| v.starts_with(char::is_numeric))
    );
    let config = info.config.as_deref().expect("config");
    assert!(
        config.starts_with("arch=") && !config.starts_with("arch=unknown"),
        "{config}"
    );
    assert!(["openmp", "pthreads", "sequential"].contains(&info.threading.as_str()));
    assert_eq!(info.int_width, IntWidth::Lp64);
    assert_eq!(
        info.lapack_provider.as_deref(),
        Some(provider_name.as_str())
    );
    // LAPACK (dpotrf) is served by the provider, BLAS (dgemm) by BLIS.
    linmux_testkit::vendors::self_check(&*b).unwrap_or_else(|e| panic!("{e}"));

    let t = b.threads();
    assert_eq!(t.capability(), ThreadCapability::Exact { max: None });
    assert_eq!(t.scope(), ThreadScope::Process);
    let Origin::Loaded(paths) = &info.origin else {
        panic!("{:?}", info.origin)
    };
    // SAFETY: the BLIS library the profile loaded (same instance).
    let again = unsafe { linmux_loader::load(&LoadSpec::new([&paths[0]]).deep_bind(true)) }
        .expect("reopen");
    let getter = again.extras().bli_thread_get_num_threads.expect("getter");
    for n in [2usize, 1, 3] {
        t.set(n).expect("set");
        assert_eq!(t.get(), n);
        assert_eq!(
            unsafe_get(getter),
            i64::try_from(n).unwrap(),
            "BLIS's own getter"
        );
        // Process scope: another thread sees it.
        let seen = std::thread::scope(|s| s.spawn(|| unsafe_get(getter)).join().unwrap());
        assert_eq!(seen, i64::try_from(n).unwrap());
    }
    t.set(1).expect("set");
    assert!(t.set(0).is_err());
}

fn unsafe_get(g: unsafe extern "C" fn() -> i64) -> i64 {
    // SAFETY: `dim_t bli_thread_get_num_threads(void)`; the library stays loaded.
    unsafe { g() }
}
