//! Conformance suite shared by the test binaries of this package: which
//! backends must be tested, and engines for them.
#![deny(unsafe_code)]

use linmux::Engine;

/// The environment variable listing backends that must be present.
pub const REQUIRE_ENV: &str = "LINMUX_REQUIRE_BACKENDS";

/// The backends the run must test: `LINMUX_REQUIRE_BACKENDS` (comma list),
/// always including faer.
pub fn required_backends() -> Vec<String> {
    let mut names: Vec<String> = std::env::var(REQUIRE_ENV)
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    if !names.iter().any(|n| n == "faer") {
        names.insert(0, String::from("faer"));
    }
    names
}

/// One engine per required backend.
///
/// # Panics
/// If a required backend cannot be loaded: a missing backend fails the run,
/// it is never skipped.
pub fn required_engines() -> Vec<Engine> {
    required_backends()
        .into_iter()
        .map(|name| match Engine::with_backend(&name) {
            Ok(e) => e,
            Err(err) => {
                panic!("required backend `{name}` (from {REQUIRE_ENV}) could not be loaded:\n{err}")
            }
        })
        .collect()
}
