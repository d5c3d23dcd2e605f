//! The loaded-library registry: the thread state of each loaded library.
//!
//! A vendor's thread count is process state of the library, not of an
//! engine: every engine on one library whose setting is process-wide shares
//! one [`LibraryThreads`], so a second engine on it adopts the count and
//! its source instead of resetting them. Backends whose setting is per
//! calling thread (faer, OpenBLAS's OpenMP build) get one state per engine.
//!
//! This module knows neither engines nor the thread API built on it
//! (`engine.rs` and `threads.rs` both import it; it imports neither).

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use linmux_core::{Backend, Origin, ThreadScope};

/// Where a backend's thread count came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ThreadSource {
    /// [`crate::threads::set`] or [`crate::Engine::set_threads`].
    Explicit,
    /// A [`crate::threads::limit`] guard is active on the calling thread.
    ScopedLimit,
    /// `LINMUX_NUM_THREADS`.
    LinmuxEnv,
    /// The vendor's variable (its name).
    VendorEnv(&'static str),
    /// `OMP_NUM_THREADS`.
    OmpEnv,
    /// The number of available cores.
    Cores,
    /// The backend's own default (its setter failed or it cannot be set).
    BackendDefault,
}

impl fmt::Display for ThreadSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThreadSource::Explicit => f.write_str("explicit API call"),
            ThreadSource::ScopedLimit => f.write_str("scoped limit"),
            ThreadSource::LinmuxEnv => f.write_str("LINMUX_NUM_THREADS"),
            ThreadSource::VendorEnv(v) => f.write_str(v),
            ThreadSource::OmpEnv => f.write_str("OMP_NUM_THREADS"),
            ThreadSource::Cores => f.write_str("available cores"),
            ThreadSource::BackendDefault => f.write_str("backend default"),
        }
    }
}

/// The thread state of one loaded library (or of one engine, for backends
/// whose setting is per calling thread).
#[derive(Debug)]
pub(crate) struct LibraryThreads {
    name: String,
    origin: Origin,
    source: Mutex<ThreadSource>,
}

impl LibraryThreads {
    /// Where the library's current count came from.
    pub(crate) fn source(&self) -> ThreadSource {
        *self.source.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records where the library's count now comes from.
    pub(crate) fn set_source(&self, source: ThreadSource) {
        *self.source.lock().unwrap_or_else(PoisonError::into_inner) = source;
    }
}

/// Libraries with a process-wide setting that some engine still drives.
static LIBRARIES: Mutex<Vec<Weak<LibraryThreads>>> = Mutex::new(Vec::new());

/// 0 means "never set explicitly".
static EXPLICIT: AtomicUsize = AtomicUsize::new(0);

/// Records an explicit process-wide count: libraries attached later start with it.
pub(crate) fn set_explicit(n: usize) {
    EXPLICIT.store(n, Ordering::Release);
}

/// The thread state of `backend`'s library: the registered one if an engine
/// already drives this library process-wide, else a new one whose count is
/// set to [`initial_count`] (or [`ThreadSource::BackendDefault`] if the
/// setter fails).
pub(crate) fn attach(backend: &dyn Backend) -> Arc<LibraryThreads> {
    // Held from the lookup to registration, so that two engines created at
    // once on one library agree on who sets its thread count.
    let mut all = LIBRARIES.lock().unwrap_or_else(PoisonError::into_inner);
    all.retain(|w| w.strong_count() > 0);
    let info = backend.info();
    let shared = backend.threads().scope() == ThreadScope::Process;
    if shared
        && let Some(lib) = all
            .iter()
            .filter_map(Weak::upgrade)
            .find(|l| l.name == info.name && l.origin == info.origin)
    {
        return lib;
    }
    let (count, source) = initial_count(&info.name);
    // A failing vendor setter leaves the vendor's own default in force: report that.
    let source = match backend.threads().set(count) {
        Ok(()) => source,
        Err(_) => ThreadSource::BackendDefault,
    };
    let lib = Arc::new(LibraryThreads {
        name: info.name.clone(),
        origin: info.origin.clone(),
        source: Mutex::new(source),
    });
    if shared {
        all.push(Arc::downgrade(&lib));
    }
    lib
}

fn env_count(var: &str) -> Option<usize> {
    let v = std::env::var(var).ok()?;
    // OMP_NUM_THREADS may be a nesting list ("4,2"): the first level counts.
    v.split(',')
        .next()?
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
}

/// The vendor's own thread variable for a backend name, if it has one (from
/// the vendor registry, [`crate::select::VENDORS`]).
pub fn vendor_variable(backend: &str) -> Option<&'static str> {
    crate::select::vendor(backend).and_then(|d| d.thread_var)
}

/// The count a new library starts with, and why (see [`crate::threads`]).
fn initial_count(backend: &str) -> (usize, ThreadSource) {
    let explicit = EXPLICIT.load(Ordering::Acquire);
    if explicit > 0 {
        return (explicit, ThreadSource::Explicit);
    }
    if let Some(n) = env_count("LINMUX_NUM_THREADS") {
        return (n, ThreadSource::LinmuxEnv);
    }
    if let Some(var) = vendor_variable(backend)
        && let Some(n) = env_count(var)
    {
        return (n, ThreadSource::VendorEnv(var));
    }
    if let Some(n) = env_count("OMP_NUM_THREADS") {
        return (n, ThreadSource::OmpEnv);
    }
    (
        std::thread::available_parallelism().map_or(1, usize::from),
        ThreadSource::Cores,
    )
}
