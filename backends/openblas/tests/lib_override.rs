//! `LINMUX_OPENBLAS_LIB` replaces the search list. Alone in its test binary:
//! it sets an environment variable.

#[test]
fn lib_override_is_the_only_path_tried() {
    // SAFETY: the only test in this binary; no other thread reads the
    // environment while it is set.
    unsafe {
        std::env::set_var(
            linmux_openblas::DESCRIPTOR.lib_var,
            "/nonexistent/libopenblas.so.0",
        )
    };
    let faer: std::sync::Arc<dyn linmux_core::Backend> =
        std::sync::Arc::new(linmux_faer::FaerBackend::new());
    let err = linmux_openblas::load(faer).expect_err("cannot load a missing file");
    let linmux_core::Error::BackendUnavailable { name, reasons } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "openblas");
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("/nonexistent/libopenblas.so.0"),
        "{reasons:?}"
    );
    assert!(
        reasons[0].contains("No such file"),
        "dlerror text: {reasons:?}"
    );
    assert!(reasons[1].starts_with("install: "), "{reasons:?}");
    eprintln!("{err}");
}
