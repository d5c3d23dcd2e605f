//! `set_reproducible` before MKL's first computation succeeds and shows in
//! the loaded backend's config; after it, MKL refuses (a typed error). Alone
//! in its binary: MKL must not have computed in this process yet.

use std::sync::Arc;

use linmux_core::Backend;
use linmux_mkl::{CbwrBranch, CbwrMode};

#[test]
fn reproducible_mode_before_first_call() {
    match linmux_mkl::set_reproducible(CbwrMode::new(CbwrBranch::Compatible)) {
        Ok(()) => {}
        Err(linmux_core::Error::BackendUnavailable { reasons, .. })
            if !linmux_testkit::vendors::required("mkl") =>
        {
            return eprintln!("NOT TESTED: mkl is not available (not required): {reasons:?}");
        }
        Err(e) => panic!("MKL_CBWR_Set failed: {e}"),
    }
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    let mkl = linmux_mkl::load(faer).expect("load after set_reproducible");
    let config = mkl.info().config.clone().unwrap_or_default();
    eprintln!("mkl config: {config}");
    assert!(config.ends_with("; cbwr=compatible"), "{config}");
    linmux_testkit::vendors::self_check(&*mkl).unwrap_or_else(|e| panic!("{e}"));
    // MKL has computed: changing the branch is refused, as a value.
    let err = linmux_mkl::set_reproducible(CbwrMode::new(CbwrBranch::Auto)).expect_err("too late");
    assert!(err.to_string().contains("MODE_CHANGE_FAILURE"), "{err}");
}
