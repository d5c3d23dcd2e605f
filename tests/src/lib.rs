//! Conformance suite shared by the test binaries of this package: which
//! backends must be tested, engines for them, and [`EngineSubject`], an
//! engine seen through the testkit's conformance suite.
#![deny(unsafe_code)]

use std::cell::OnceCell;

use linmux::{
    Backend, BackendInfo, BandRef, Diag, EigJob, Engine, Error, MatMut, MatRef, Ops, PackedMut,
    PackedRef, Result, Routine, Scalar, ScalarKind, Side, SvdJob, ThreadControl, Trans, Uplo,
    VecMut, VecRef, c32, c64,
};
use linmux_testkit::conformance::Subject;

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
    report_uncovered(&names);
    names
}

/// Says once per test binary, on the real standard error (the harness
/// captures only the print macros), which known backends this run does not
/// cover: a plain `cargo test` tests faer alone, and must not look as if it
/// had tested the vendors.
fn report_uncovered(required: &[String]) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let missing: Vec<&str> = linmux::select::KNOWN_BACKENDS
            .iter()
            .copied()
            .filter(|k| !required.iter().any(|r| r == k))
            // Accelerate exists on macOS only; on Linux its backend is
            // tested against a fixture library in backends/accelerate.
            .filter(|k| cfg!(target_os = "macos") || *k != "accelerate")
            .collect();
        if !missing.is_empty() {
            use std::io::Write as _;
            let exe = std::env::current_exe().ok();
            let bin = exe
                .as_deref()
                .and_then(|p| p.file_stem())
                .and_then(|s| s.to_str())
                .unwrap_or("tests");
            let _ = writeln!(
                std::io::stderr(),
                "linmux tests ({bin}): NOT COVERED: {} (not in {REQUIRE_ENV})",
                missing.join(", ")
            );
        }
    });
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

/// An engine as a conformance [`Subject`]: every operation goes through the
/// engine's own method (its validation, provenance and canonical outputs),
/// and [`Subject::served`] reads its provenance, so the suite also checks
/// that each call reached the backend exactly when it should.
#[derive(Clone, Debug)]
pub struct EngineSubject {
    engine: Engine,
}

impl EngineSubject {
    /// The subject for `engine`.
    pub fn new(engine: &Engine) -> Self {
        Self {
            engine: engine.clone(),
        }
    }
}

impl Subject for EngineSubject {
    fn backend(&self) -> &dyn Backend {
        self
    }
    /// Counts only the calls labelled with the library that must have
    /// computed them: the engine's backend, or for LAPACK routines its
    /// LAPACK provider (faer on BLIS). A call labelled otherwise is not
    /// counted, so the suite's "reached the backend once" check fails.
    fn served(&self, kind: ScalarKind, routine: Routine) -> Option<u64> {
        let info = self.engine.info();
        if self.engine.router().is_some() {
            // A routed call is counted under the backend the router chose
            // for its size, which the suite does not know: any label.
            let p = self.engine.provenance();
            let calls = p
                .entries
                .iter()
                .filter(|x| x.routine == routine && x.kind == kind);
            return Some(calls.map(|x| x.count).sum());
        }
        let computed_by = match (&info.lapack_provider, routine.is_lapack()) {
            (Some(provider), true) => provider.as_str(),
            _ => info.name.as_str(),
        };
        let p = self.engine.provenance();
        let calls = p
            .entries
            .iter()
            .filter(|x| x.routine == routine && x.kind == kind && x.backend == computed_by);
        Some(calls.map(|x| x.count).sum())
    }
}

impl Backend for EngineSubject {
    fn info(&self) -> &BackendInfo {
        self.engine.info()
    }
    fn threads(&self) -> &dyn ThreadControl {
        self.engine.thread_control()
    }
}

/// The engine methods whose type parameter is narrower than [`Scalar`]
/// (the real-only routines): on complex types the subject answers with the
/// checked surface's refusal, as a direct call does.
pub trait EngineScalar: Scalar {
    /// [`Engine::rotm`].
    fn rotm(e: &Engine, x: VecMut<'_, Self>, y: VecMut<'_, Self>, param: &[Self; 5]) -> Result<()>;
    /// [`Engine::rotmg`].
    fn rotmg(
        e: &Engine,
        d1: &mut Self,
        d2: &mut Self,
        x1: &mut Self,
        y1: Self,
        param: &mut [Self; 5],
    ) -> Result<()>;
    /// [`Engine::sdsdot`].
    fn sdsdot(e: &Engine, sb: Self, x: VecRef<'_, Self>, y: VecRef<'_, Self>) -> Result<Self>;
    /// [`Engine::dsdot`].
    fn dsdot(e: &Engine, x: VecRef<'_, Self>, y: VecRef<'_, Self>) -> Result<f64>;
}

macro_rules! engine_scalar {
    ($($t:ty: $via:ident),*) => {$(
        impl EngineScalar for $t {
            fn rotm(e: &Engine, x: VecMut<'_, Self>, y: VecMut<'_, Self>, param: &[Self; 5]) -> Result<()> {
                engine_scalar!(@$via e).rotm(x, y, param)
            }
            fn rotmg(
                e: &Engine,
                d1: &mut Self,
                d2: &mut Self,
                x1: &mut Self,
                y1: Self,
                param: &mut [Self; 5],
            ) -> Result<()> {
                engine_scalar!(@$via e).rotmg(d1, d2, x1, y1, param)
            }
            fn sdsdot(e: &Engine, sb: Self, x: VecRef<'_, Self>, y: VecRef<'_, Self>) -> Result<Self> {
                engine_scalar!(@$via e).sdsdot(sb, x, y)
            }
            fn dsdot(e: &Engine, x: VecRef<'_, Self>, y: VecRef<'_, Self>) -> Result<f64> {
                engine_scalar!(@$via e).dsdot(x, y)
            }
        }
    )*};
    (@engine $e:ident) => { $e };
    (@checked $e:ident) => { <Self as Scalar>::ops(&**$e.backend()) };
}

engine_scalar!(f32: engine, f64: engine, c32: checked, c64: checked);

/// One operation forwarded to the engine's method of the same name.
macro_rules! engine_call {
    ($e:expr, iamax($x:ident)) => {
        // The engine answers `None` for an empty vector, the `Ops` surface an
        // argument error (`iamax_of_an_empty_vector_is_none` checks the former).
        $e.iamax($x)?
            .ok_or_else(|| Error::invalid("x", "iamax of an empty vector has no index"))
    };
    ($e:expr, rotm($($arg:ident),*)) => { T::rotm(&$e, $($arg),*) };
    ($e:expr, rotmg($($arg:ident),*)) => { T::rotmg(&$e, $($arg),*) };
    ($e:expr, sdsdot($($arg:ident),*)) => { T::sdsdot(&$e, $($arg),*) };
    ($e:expr, dsdot($($arg:ident),*)) => { T::dsdot(&$e, $($arg),*) };
    ($e:expr, $name:ident($($arg:ident),*)) => { $e.$name($($arg),*) };
}

/// `Ops` for [`EngineSubject`] from the operation table: each checked
/// method is the engine's; the trusting methods are never reached.
macro_rules! engine_ops {
    ($(
        $(#[$doc:meta])*
        $family:ident $name:ident($complex:literal, $real:literal)
            ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => { paste::paste! {
        impl<T: EngineScalar> Ops<T> for EngineSubject {
            $(
                fn $name(&self, $($arg: $ty),*) -> Result<$ret> {
                    engine_call!(self.engine, $name($($arg),*))
                }

                #[allow(unsafe_code, reason = "the trait's trusting method; never called, every checked method is the engine's")]
                unsafe fn [<$name _unchecked>](&self, $($arg: $ty),*) -> Result<$ret> {
                    let _ = ($($arg,)*);
                    Err(Error::Unsupported {
                        op: stringify!($name),
                        backend: format!("{} (engine subject: trusting methods are not forwarded)", self.engine.info().name),
                    })
                }
            )*
        }
    }};
}

linmux_core::for_each_operation!(engine_ops);
