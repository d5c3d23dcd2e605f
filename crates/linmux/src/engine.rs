//! The [`Engine`]: one backend, its provenance counters, and how it was chosen.

use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use linmux_core::{Backend, BackendInfo, Ops, Result, Scalar, ThreadControl};

use crate::library::{self, LibraryThreads};
use crate::provenance::{Block, Counters, Provenance};
use crate::select::{Resolved, Selection};
use linmux_core::{Routine, ScalarKind};

pub(crate) struct Inner {
    pub(crate) backend: Arc<dyn Backend>,
    why: String,
    skipped: Vec<(String, Vec<String>)>,
    /// The provenance counters. A `tuned` engine shares its router's: the
    /// router counts each call under the backend that served it, and the
    /// engine counts nothing itself. One set of counters per engine keeps
    /// the thread's cached block ([`HOT`]) valid for both, so that a routed
    /// call takes no lock to count.
    counters: Arc<Counters>,
    /// The thread state of the backend's library (shared with every engine
    /// on the same library when its setting is process-wide).
    pub(crate) library: Arc<LibraryThreads>,
    /// The router when the backend is `tuned`: it counts provenance per
    /// backend itself, and [`Engine::provenance`] reports its counts.
    router: Option<Arc<crate::tuned::Router>>,
}

/// A handle to one backend. Cheap to clone (`Arc`), `Send + Sync`.
///
/// Every low-level operation is a method (`engine.gemm(...)`); the free
/// functions of the crate (`linmux::gemm(...)`) run on the *current* engine:
/// the innermost [`Engine::scoped`] override of the calling thread, else the
/// process-wide default ([`default_engine`], [`set_default_engine`]).
/// Several engines — several vendors — can live in one process.
///
/// ```
/// use linmux::Engine;
/// let engine = Engine::with_backend("faer")?;
/// assert_eq!(engine.info().name, "faer");
/// # Ok::<(), linmux::Error>(())
/// ```
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("backend", &self.inner.backend.info().name)
            .field("why", &self.inner.why)
            .finish()
    }
}

static ENGINES: Mutex<Vec<Weak<Inner>>> = Mutex::new(Vec::new());

impl Engine {
    /// The engine `LINMUX_BACKEND` asks for (`auto` when unset).
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`](crate::Error::BackendUnavailable) if the
    /// variable names an unknown backend or none of its choices loads; the
    /// message lists what was tried and the valid names.
    pub fn new() -> Result<Self> {
        Ok(Self::from_resolved(Selection::from_env()?.resolve()?))
    }

    /// The engine for `selection`, written as `LINMUX_BACKEND` would be
    /// (`"faer"`, `"auto"`, a comma list, or a library path).
    ///
    /// # Errors
    /// As [`Engine::new`].
    pub fn with_backend(selection: &str) -> Result<Self> {
        Ok(Self::from_resolved(Selection::parse(selection)?.resolve()?))
    }

    /// An engine over a backend built by the caller (a custom implementation,
    /// or one shared between engines).
    pub fn from_backend(backend: Arc<dyn Backend>) -> Self {
        Self::from_resolved(Resolved {
            backend,
            why: String::from("supplied by the caller"),
            skipped: Vec::new(),
            router: None,
        })
    }

    /// An engine over a [`Router`](crate::tuned::Router) built by the
    /// caller (from a profile in memory, for instance): what
    /// `LINMUX_BACKEND=tuned` builds from the profile file.
    pub fn from_router(router: Arc<crate::tuned::Router>) -> Self {
        Self::from_resolved(Resolved {
            backend: router.clone(),
            why: String::from("a router supplied by the caller"),
            skipped: Vec::new(),
            router: Some(router),
        })
    }

    fn from_resolved(r: Resolved) -> Self {
        let library = library::attach(&*r.backend);
        let inner = Arc::new(Inner {
            backend: r.backend,
            why: r.why,
            skipped: r.skipped,
            counters: r
                .router
                .as_ref()
                .map_or_else(|| Arc::new(Counters::new()), |r| r.counters().clone()),
            library,
            router: r.router,
        });
        let mut all = ENGINES.lock().unwrap_or_else(PoisonError::into_inner);
        all.retain(|w| w.strong_count() > 0);
        all.push(Arc::downgrade(&inner));
        Self { inner }
    }

    /// Every live engine in the process (for process-wide thread settings).
    pub(crate) fn all() -> Vec<Engine> {
        let all = ENGINES.lock().unwrap_or_else(PoisonError::into_inner);
        all.iter()
            .filter_map(Weak::upgrade)
            .map(|inner| Engine { inner })
            .collect()
    }

    /// The backend serving this engine.
    pub fn backend(&self) -> &Arc<dyn Backend> {
        &self.inner.backend
    }
    /// What the backend is (name, vendor, version, integer width, threading...).
    pub fn info(&self) -> &BackendInfo {
        self.inner.backend.info()
    }
    /// The backend's thread control.
    pub fn thread_control(&self) -> &dyn ThreadControl {
        self.inner.backend.threads()
    }
    /// Why this backend was chosen, in words.
    pub fn selection_reason(&self) -> &str {
        &self.inner.why
    }
    /// Choices tried before this backend, each with the reasons it was skipped.
    pub fn skipped(&self) -> &[(String, Vec<String>)] {
        &self.inner.skipped
    }
    /// Which backend served how many calls of which routine, since creation
    /// or the last [`Engine::reset_provenance`].
    pub fn provenance(&self) -> Provenance {
        if let Some(r) = &self.inner.router {
            return r.provenance();
        }
        let info = self.info();
        let lapack = info.lapack_provider.as_deref().unwrap_or(&info.name);
        self.inner.counters.snapshot(&info.name, lapack)
    }
    /// Zeroes the provenance counters.
    pub fn reset_provenance(&self) {
        self.inner.counters.reset();
    }
    /// The router, when this engine is `tuned` ([`crate::tuned`]).
    pub fn router(&self) -> Option<&Arc<crate::tuned::Router>> {
        self.inner.router.as_ref()
    }
    /// Whether two handles share one engine.
    pub fn same_as(&self, other: &Engine) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// The backend's operations for `T`.
    #[inline]
    pub(crate) fn ops<T: Scalar>(&self) -> &dyn Ops<T> {
        T::ops(&*self.inner.backend)
    }

    /// The backend's operation set for `T` with this engine's provenance
    /// recorder: what a boundary that calls [`linmux_core::checked`] itself
    /// (the C ABI, which builds its views from raw pointers) needs to run an
    /// operation exactly as the engine's own methods do.
    #[doc(hidden)]
    #[inline]
    pub fn dispatch<T: Scalar>(&self) -> (&dyn Ops<T>, impl FnOnce(Routine) + '_) {
        (self.ops::<T>(), self.recorder::<T>())
    }

    /// What the checked surface calls with the routine the backend has just
    /// run: counts it for provenance (a call that fails validation, returns
    /// early, or is not served counts nothing).
    #[inline]
    pub(crate) fn recorder<T: Scalar>(&self) -> impl FnOnce(Routine) + '_ {
        |routine| {
            if self.inner.router.is_none() {
                self.inner.counters.record(routine, T::KIND);
            }
        }
    }

    /// Makes this engine the current one for the calling thread until the
    /// guard is dropped. Guards nest; the innermost wins.
    ///
    /// ```
    /// let engine = linmux::Engine::with_backend("faer")?;
    /// {
    ///     let _scope = engine.scoped();
    ///     assert!(linmux::current_engine()?.same_as(&engine));
    /// }
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[must_use = "the override ends when the guard is dropped"]
    pub fn scoped(&self) -> EngineScope {
        let id = NEXT_SCOPE.fetch_add(1, Ordering::Relaxed);
        OVERRIDES.with(|o| o.borrow_mut().push((id, self.clone())));
        LIVE_SCOPES.fetch_add(1, Ordering::Relaxed);
        EngineScope {
            id,
            _not_send: std::marker::PhantomData,
        }
    }
}

/// Guard of [`Engine::scoped`]; restores the previous current engine on drop.
/// Not `Send`: it must be dropped on the thread that created it.
#[derive(Debug)]
/// Scopes may be dropped in any order: each removes only its own override.
pub struct EngineScope {
    id: u64,
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for EngineScope {
    fn drop(&mut self) {
        OVERRIDES.with(|o| o.borrow_mut().retain(|(id, _)| *id != self.id));
        LIVE_SCOPES.fetch_sub(1, Ordering::Relaxed);
    }
}

static NEXT_SCOPE: AtomicU64 = AtomicU64::new(1);

/// [`EngineScope`] guards alive in the whole process. While it is 0 no
/// thread has an override, so finding the current engine skips the
/// overrides' thread-local. A thread sees its own increments in program
/// order, so a relaxed load never misses the calling thread's own scope.
static LIVE_SCOPES: AtomicUsize = AtomicUsize::new(0);

static DEFAULT: Mutex<Option<Engine>> = Mutex::new(None);
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// What a thread keeps between calls, in one thread-local so that a call
/// costs one lookup (in a shared library each is a `__tls_get_addr` call):
/// the default engine as of a [`GENERATION`], and the provenance block this
/// thread counted in last, with the id of the counters it belongs to.
pub(crate) struct Hot {
    engine: Option<(u64, Engine)>,
    pub(crate) block: Option<(u64, Arc<Block>)>,
}

thread_local! {
    static OVERRIDES: RefCell<Vec<(u64, Engine)>> = const { RefCell::new(Vec::new()) };
    pub(crate) static HOT: RefCell<Hot> = const {
        RefCell::new(Hot {
            engine: None,
            block: None,
        })
    };
}

/// Makes `block` (of the counters `id`) the calling thread's last block,
/// unless the thread-local is borrowed (a call running on it) or gone.
pub(crate) fn set_hot_block(id: u64, block: Arc<Block>) {
    let _ = HOT.try_with(|h| {
        if let Ok(mut h) = h.try_borrow_mut() {
            h.block = Some((id, block));
        }
    });
}

/// The process-wide default engine, created from `LINMUX_BACKEND` on first use.
///
/// # Errors
/// As [`Engine::new`], when the environment asks for a backend that cannot be
/// loaded (the error is returned on every call until a default is set).
pub fn default_engine() -> Result<Engine> {
    let mut slot = DEFAULT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(e) = &*slot {
        return Ok(e.clone());
    }
    let e = Engine::new()?;
    *slot = Some(e.clone());
    Ok(e)
}

/// Replaces the process-wide default engine (threads with a scoped override
/// keep theirs).
pub fn set_default_engine(engine: Engine) {
    let mut slot = DEFAULT.lock().unwrap_or_else(PoisonError::into_inner);
    *slot = Some(engine);
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// The engine the free functions use on this thread: the innermost scoped
/// override, else the default.
///
/// # Errors
/// As [`default_engine`].
pub fn current_engine() -> Result<Engine> {
    with_current(Engine::clone)
}

/// Runs `f` on the current engine ([`current_engine`]) without cloning it:
/// the lock-free path every free function and every C export takes. With
/// no scoped override alive in the process and the default engine cached
/// on this thread, that is two atomic loads and one thread-local lookup.
///
/// # Errors
/// As [`default_engine`].
#[inline]
pub fn with_current<R>(f: impl FnOnce(&Engine) -> R) -> Result<R> {
    let mut f = Some(f);
    // `on_current` calls its closure exactly once, so `f` is there to take.
    match on_current(&mut |e, _| f.take().map(|f| f(e)))? {
        Some(r) => Ok(r),
        None => unreachable_engine(),
    }
}

/// Counts calls for provenance on behalf of the checked surface: what
/// [`with_current_ops`] hands over next to the operations.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct Recorder<'a> {
    /// The engine's counters; `None` for a `tuned` engine, whose router
    /// counts each call itself.
    counters: Option<&'a Counters>,
    /// This thread's block of `counters`, when already at hand.
    block: Option<&'a Block>,
    kind: ScalarKind,
}

impl fmt::Debug for Recorder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl<'a> Recorder<'a> {
    /// Counts one call of `routine`.
    #[inline]
    pub fn record(self, routine: Routine) {
        match (self.counters, self.block) {
            (None, _) => {}
            (Some(_), Some(b)) => b.bump(0, routine, self.kind),
            (Some(c), None) => c.record(routine, self.kind),
        }
    }

    /// The `on_call` argument of the [`linmux_core::checked`] functions.
    #[inline]
    pub fn on_call(self) -> impl FnOnce(Routine) + 'a {
        move |routine| self.record(routine)
    }
}

/// Runs `f` with the current engine's operations for `T` and its
/// provenance [`Recorder`], found with one thread-local lookup: what a
/// boundary that validates by itself (the C ABI) needs to run an operation
/// exactly as the engine's own methods do, at the lowest cost per call.
///
/// # Errors
/// As [`default_engine`].
///
/// `f` is `FnMut` (it runs exactly once) so that it is reached by reference,
/// never moved: an export's closure holds its many arguments, and copying
/// it was measured at about 50 instructions per call.
#[doc(hidden)]
#[inline]
pub fn with_current_ops<T: Scalar, R>(
    mut f: impl FnMut(&dyn Ops<T>, Recorder<'_>) -> R,
) -> Result<R> {
    on_current(&mut |e, block| {
        f(
            e.ops::<T>(),
            Recorder {
                counters: e.inner.router.is_none().then_some(&*e.inner.counters),
                block,
                kind: T::KIND,
            },
        )
    })
}

/// Runs `f` once on the current engine with, when at hand, this thread's
/// provenance block of its counters.
#[inline]
fn on_current<R>(f: &mut impl FnMut(&Engine, Option<&Block>) -> R) -> Result<R> {
    if LIVE_SCOPES.load(Ordering::Relaxed) != 0 {
        // A scoped override is cloned out so that `f` may itself push or
        // pop scopes (re-entrancy).
        if let Some((_, e)) = OVERRIDES.with(|o| o.borrow().last().cloned()) {
            return Ok(f(&e, None));
        }
    }
    if let Some(r) = on_cached(f) {
        return Ok(r);
    }
    fill_cache()?;
    if let Some(r) = on_cached(f) {
        return Ok(r);
    }
    // The thread-local is gone (thread teardown) or in use by a caller
    // up the stack that holds it mutably: run uncached.
    let engine = default_engine()?;
    Ok(f(&engine, None))
}

/// Runs `f` on this thread's cached default engine, with the thread-local
/// borrowed, if the cache is current and holds this engine's provenance
/// block; `None` (and `f` not run) otherwise.
#[inline]
fn on_cached<R>(f: &mut impl FnMut(&Engine, Option<&Block>) -> R) -> Option<R> {
    let generation = GENERATION.load(Ordering::Acquire);
    HOT.try_with(|h| {
        let h = h.try_borrow().ok()?;
        let (g, e) = h.engine.as_ref()?;
        if *g != generation {
            return None;
        }
        let (id, block) = h.block.as_ref()?;
        if *id != e.inner.counters.id {
            return None;
        }
        Some(f(e, Some(block)))
    })
    .ok()
    .flatten()
}

#[cold]
#[inline(never)]
fn fill_cache() -> Result<()> {
    // Read before the engine: a default set in between makes the next
    // call see a newer generation and fill again.
    let generation = GENERATION.load(Ordering::Acquire);
    // Only the block may be stale (the thread counted on another engine
    // since): keep the cached engine then, without the lock.
    let cached = HOT
        .try_with(|h| match h.try_borrow().ok()?.engine.as_ref() {
            Some((g, e)) if *g == generation => Some(e.clone()),
            _ => None,
        })
        .ok()
        .flatten();
    let engine = match cached {
        Some(e) => e,
        None => default_engine()?,
    };
    let block = engine.inner.counters.block_of_this_thread();
    let _ = HOT.try_with(|h| {
        if let Ok(mut h) = h.try_borrow_mut() {
            h.block = Some((engine.inner.counters.id, block));
            h.engine = Some((generation, engine));
        }
    });
    Ok(())
}

#[cold]
fn unreachable_engine<R>() -> Result<R> {
    Err(linmux_core::Error::Backend {
        backend: String::from("engine"),
        routine: "with_current",
        detail: String::from("internal error: closure consumed twice"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_dropped_out_of_order_remove_only_themselves() {
        let default = current_engine().unwrap();
        let (e1, e2) = (
            Engine::with_backend("faer").unwrap(),
            Engine::with_backend("faer").unwrap(),
        );
        let s1 = e1.scoped();
        let s2 = e2.scoped();
        drop(s1);
        assert!(current_engine().unwrap().same_as(&e2));
        drop(s2);
        assert!(current_engine().unwrap().same_as(&default));
    }

    #[test]
    fn a_scope_can_be_opened_while_running_on_the_current_engine() {
        let e = Engine::with_backend("faer").unwrap();
        let _s = e.scoped();
        let inner = Engine::with_backend("faer").unwrap();
        let nested = with_current(|cur| {
            assert!(cur.same_as(&e));
            let _t = inner.scoped();
            current_engine().unwrap().same_as(&inner)
        })
        .unwrap();
        assert!(nested);
        assert!(current_engine().unwrap().same_as(&e));
    }
}
