//! Conformance suite shared by the test binaries of this package: which
//! backends must be tested, engines for them, and small helpers.
#![deny(unsafe_code)]

use std::cell::OnceCell;

use linmux::{Engine, Routine, Scalar};
use linmux_testkit::Rng;
use proptest::test_runner::TestCaseError;

/// The environment variable listing backends that must be present.
pub use linmux_testkit::vendors::REQUIRE_ENV;

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

/// [`required_engines`], built once per test thread: provenance counts are
/// per engine, so tests running in parallel must not share engines or one
/// test's calls would show up in another's counts.
pub fn engines() -> Vec<Engine> {
    thread_local! {
        static ENGINES: OnceCell<Vec<Engine>> = const { OnceCell::new() };
    }
    ENGINES.with(|e| e.get_or_init(required_engines).clone())
}

/// A proptest result.
pub type Check = Result<(), TestCaseError>;

/// Turns a checker's message into a test failure naming the backend and type.
pub fn check<T: Scalar>(e: &Engine, r: Result<(), String>) -> Check {
    r.map_err(|m| TestCaseError::fail(format!("[{} {}] {m}", e.info().name, T::KIND.name())))
}

/// Calls of `routine` on `T` this engine's backends have served so far.
pub fn served<T: Scalar>(e: &Engine, routine: Routine) -> u64 {
    e.provenance()
        .entries
        .iter()
        .filter(|x| x.routine == routine && x.kind == T::KIND)
        .map(|x| x.count)
        .sum()
}

/// A deterministic generator for one property case.
pub fn rng(seed: u64) -> Rng {
    Rng::new(seed)
}

/// Property-test configuration: the testkit's fixed seed, and
/// `PROPTEST_CASES` cases (default 24).
pub fn config() -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    linmux_testkit::strategies::with_cases(cases)
}

/// Runs `f` and checks how often it reached the backend: once when `reaches`,
/// never otherwise (empty problems and `α = 0` are handled by the engine).
///
/// # Errors
/// `f`'s failure, or a provenance mismatch.
pub fn call<T: Scalar>(
    e: &Engine,
    routine: Routine,
    reaches: bool,
    f: impl FnOnce() -> Check,
) -> Check {
    let before = served::<T>(e, routine);
    f()?;
    let calls = served::<T>(e, routine) - before;
    let expected = u64::from(reaches);
    if calls == expected {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!(
            "[{} {}] {routine:?} reached the backend {calls} times, expected {expected}",
            e.info().name,
            T::KIND.name(),
        )))
    }
}
