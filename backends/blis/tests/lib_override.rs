//! `LINMUX_BLIS_LIB` replaces the search list (alone in its binary: it sets
//! an environment variable).

#[test]
fn lib_override_is_the_only_path_tried() {
    // SAFETY: the only test in this binary; nothing else reads the environment.
    unsafe { std::env::set_var(linmux_blis::DESCRIPTOR.lib_var, "/nonexistent/libblis.so.4") };
    let faer: std::sync::Arc<dyn linmux_core::Backend> =
        std::sync::Arc::new(linmux_faer::FaerBackend::new());
    let err = linmux_blis::load(faer).expect_err("missing file");
    let linmux_core::Error::BackendUnavailable { name, reasons } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "blis");
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("/nonexistent/libblis.so.4") && reasons[0].contains("No such file")
    );
    assert!(reasons[1].starts_with("install: "));
}
