//! Every vendor of the registry honours its `LINMUX_<NAME>_LIB`, through its
//! descriptor and through a strict `LINMUX_BACKEND` selection, and a strict
//! failure ends with the descriptor's install hint. Alone in its test
//! binary: it sets environment variables.

use linmux::select::VENDORS;
use linmux::{Engine, Error};

#[test]
fn lib_overrides_are_the_only_path_tried_and_failures_hint_at_installing() {
    for d in VENDORS {
        let path = format!("/nonexistent/{}/libvendor.so", d.name);
        // SAFETY: the only test in this binary; no other thread reads the
        // environment while it is set.
        unsafe { std::env::set_var(d.lib_var, &path) };
        assert_eq!(
            (d.candidates)().first().map(|p| p.display().to_string()),
            Some(path.clone()),
            "{}",
            d.name
        );
        let err = Engine::with_backend(d.name).expect_err("a missing file does not load");
        let Error::BackendUnavailable { name, reasons } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(name, d.name);
        assert!(reasons.iter().any(|r| r.contains(&path)), "{reasons:?}");
        assert!(
            reasons.last().is_some_and(|r| r.ends_with(d.install_hint)),
            "{reasons:?}"
        );
        // SAFETY: as above.
        unsafe { std::env::remove_var(d.lib_var) };
    }
}
