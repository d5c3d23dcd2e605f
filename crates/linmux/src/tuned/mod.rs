//! The tuned backend: every call goes to the backend and thread count that
//! `linmux tune` measured fastest for its operation and size class.
//!
//! A [`Profile`] lists, per measured operation and size, the best backend
//! and thread count. The [`Router`] loads every backend the profile names
//! and builds a table: per [`Routine`], per size class (the bit length of
//! the call's extent, [`linmux_core::policy`]), a backend and a count.
//! Classes between measured sizes take the nearest measured size below
//! (above, under the smallest); an operation that was not measured takes
//! its family's representative (level 1: `dot`, level 2: `gemv`, level 3:
//! `gemm`, LAPACK: `getrf`), else the profile's most frequent winner with
//! every thread.
//!
//! Threads: the router's count ([`crate::threads::set`], `limit`) is an
//! upper bound on the profile's count, as for any engine. Backends with
//! per-thread limits (faer, MKL) are set for the calling thread only; on the
//! others (OpenBLAS, BLIS) the count is process-wide, so a concurrent call
//! on another thread may run with the count this call set.
//!
//! Several libraries share the cores call by call: the router asks each
//! target to shorten how long its idle workers spin after a parallel call
//! ([`ThreadControl::share_cores`]; MKL's Intel OpenMP otherwise spins for
//! 200 ms and slows the next call on any other library), and a size class
//! its target runs on one thread whatever the count sets no per-thread
//! count at all.
//!
//! Provenance counts each call under the backend that served it.

pub mod profile;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use linmux_core::{
    Backend, BackendInfo, BandRef, Diag, EigJob, Error, Family, MatMut, MatRef, Ops, Origin,
    PackedMut, PackedRef, Result, Routine, Scalar, Side, SvdJob, ThreadCapability, ThreadControl,
    ThreadCount, ThreadScope, Trans, Uplo, VecMut, VecRef,
};

use crate::provenance::{Counters, Provenance};
pub use profile::{BackendPrint, Candidate, Fingerprint, PROFILE_ENV, Profile, Route};

/// The selection name of the tuned backend.
pub const TUNED: &str = "tuned";

/// Size classes: the bit length of an extent, 0 ..= 64.
const CLASSES: usize = usize::BITS as usize + 1;

/// Where one class of calls goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    /// Index into [`Router::targets`].
    target: usize,
    /// The profile's thread count (before the router's own bound).
    threads: usize,
    /// Every extent of the class runs on one thread on the target whatever
    /// its count (its [`linmux_core::SizePolicy`] says so), and the target
    /// takes counts per calling thread: the router then sets no count,
    /// which at the smallest sizes costs as much as the call. (A
    /// process-wide count is set only when it changes, which costs nothing
    /// call by call, and leaving it high would make a size-capped vendor
    /// lower and restore it around every call.)
    serial: bool,
}

/// A backend the router sends calls to.
#[derive(Debug)]
struct Target {
    backend: Arc<dyn Backend>,
    /// The count last set on a process-wide backend (0: never).
    last: AtomicUsize,
    /// It takes counts per calling thread ([`ThreadScope::CallingThread`]),
    /// read once: asking on every call cost two dynamic calls.
    per_thread: bool,
    /// Its idle workers spin long after a parallel call unless told
    /// otherwise, per calling thread ([`ThreadControl::share_cores`]).
    share_cores: bool,
}

/// The size class of an extent: its bit length (0 for 0).
#[inline]
fn class(extent: usize) -> usize {
    (usize::BITS - extent.leading_zeros()) as usize
}

/// The smallest and largest extent of size class `c`.
fn class_extents(c: usize) -> (usize, usize) {
    match c {
        0 => (0, 0),
        _ => (1 << (c - 1), usize::MAX >> (CLASSES - 1 - c)),
    }
}

/// The backend `LINMUX_BACKEND=tuned` builds from a [`Profile`].
#[derive(Debug)]
pub struct Router {
    info: BackendInfo,
    targets: Vec<Target>,
    /// Per routine (`Routine as usize`), per size class.
    table: Vec<[Slot; CLASSES]>,
    threads: RouterThreads,
    counters: Arc<Counters>,
    profile: Profile,
}

impl Router {
    /// A router over `backends` (which must include every backend the
    /// profile routes to), routing as `profile` says.
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`] for `tuned` if the profile routes to a
    /// backend not in `backends`, or has no routes.
    pub fn new(profile: Profile, backends: Vec<Arc<dyn Backend>>) -> Result<Self> {
        let unavailable = |why: String| Error::BackendUnavailable {
            name: String::from(TUNED),
            reasons: vec![why],
        };
        let index = |name: &str| backends.iter().position(|b| b.info().name == name);
        // The most frequent winner serves what no measurement covers.
        let mut wins = vec![0usize; backends.len()];
        for r in &profile.routes {
            let i = index(&r.best.backend).ok_or_else(|| {
                unavailable(format!(
                    "the profile routes {} to `{}`, which is not loaded",
                    r.routine.method(),
                    r.best.backend
                ))
            })?;
            wins[i] += 1;
        }
        if profile.routes.is_empty() {
            return Err(unavailable(String::from("the profile has no routes")));
        }
        let default = wins
            .iter()
            .enumerate()
            .max_by_key(|&(i, w)| (*w, std::cmp::Reverse(i)))
            .map_or(0, |(i, _)| i);
        let measured = |routine: Routine| -> Option<[Slot; CLASSES]> {
            let mut points: Vec<(usize, Slot)> = profile
                .routes
                .iter()
                .filter(|r| r.routine == routine)
                .filter_map(|r| {
                    Some((
                        r.n,
                        Slot {
                            target: index(&r.best.backend)?,
                            threads: r.best.threads,
                            serial: false,
                        },
                    ))
                })
                .collect();
            points.sort_by_key(|p| p.0);
            let first = points.first()?.1;
            Some(std::array::from_fn(|c| {
                points
                    .iter()
                    .rev()
                    .find(|(n, _)| class(*n) <= c)
                    .map_or(first, |p| p.1)
            }))
        };
        let all_threads = std::thread::available_parallelism().map_or(1, usize::from);
        let fallback = [Slot {
            target: default,
            threads: all_threads,
            serial: false,
        }; CLASSES];
        let mut table: Vec<[Slot; CLASSES]> = Routine::ALL
            .iter()
            .map(|&r| {
                let representative = match r.family() {
                    Family::Blas1 => Routine::Dot,
                    Family::Blas2 => Routine::Gemv,
                    Family::Blas3 => Routine::Gemm,
                    Family::Lapack => Routine::Getrf,
                };
                measured(r)
                    .or_else(|| measured(representative))
                    .unwrap_or(fallback)
            })
            .collect();
        let targets: Vec<Target> = backends
            .into_iter()
            .map(|backend| Target {
                share_cores: backend.threads().share_cores(),
                per_thread: backend.threads().local_scope() == ThreadScope::CallingThread,
                backend,
                last: AtomicUsize::new(0),
            })
            .collect();
        for (row, &routine) in table.iter_mut().zip(Routine::ALL.iter()) {
            for (c, slot) in row.iter_mut().enumerate() {
                let t = &targets[slot.target];
                let policy = t.backend.threads().size_policy().filter(|_| t.per_thread);
                slot.serial = policy.is_some_and(|p| {
                    let serial = p.serial(routine.family());
                    let (lo, hi) = class_extents(c);
                    serial.contains(lo) && serial.contains(hi)
                });
            }
        }
        let mut info = BackendInfo::new(TUNED, "linmux", Origin::Embedded);
        info.version = Some(String::from(crate::VERSION));
        info.threading = format!(
            "routed ({})",
            targets
                .iter()
                .map(|t| t.backend.info().name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let counters = Arc::new(Counters::with_slots(targets.len()));
        Ok(Self {
            info,
            targets,
            table,
            threads: RouterThreads(ThreadCount::new(all_threads)),
            counters,
            profile,
        })
    }

    /// The profile this router follows.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Where a call of `routine` with this extent goes: the backend's name
    /// and the thread count it runs with from the calling thread.
    pub fn route(&self, routine: Routine, extent: usize) -> (&str, usize) {
        let slot = self.slot(routine, extent);
        let threads = if slot.serial {
            1
        } else {
            slot.threads.min(self.threads.get())
        };
        (&self.targets[slot.target].backend.info().name, threads)
    }

    /// Calls served per backend (LAPACK calls on a backend without LAPACK
    /// under its provider).
    pub(crate) fn provenance(&self) -> Provenance {
        let labels: Vec<(&str, &str)> = self
            .targets
            .iter()
            .map(|t| {
                let i = t.backend.info();
                (
                    i.name.as_str(),
                    i.lapack_provider.as_deref().unwrap_or(&i.name),
                )
            })
            .collect();
        self.counters.snapshot_slots(&labels)
    }

    /// The counters the router counts in, per backend; an engine over
    /// this router shares them.
    pub(crate) fn counters(&self) -> &Arc<Counters> {
        &self.counters
    }

    #[inline]
    fn slot(&self, routine: Routine, extent: usize) -> Slot {
        self.table[routine as usize][class(extent)]
    }

    /// Picks the target for a call, sets its thread count, and returns it.
    #[inline]
    fn enter(&self, routine: Routine, extent: usize) -> (usize, &dyn Backend) {
        let slot = self.slot(routine, extent);
        let t = &self.targets[slot.target];
        if slot.serial {
            return (slot.target, &*t.backend);
        }
        let n = slot.threads.min(self.threads.get()).max(1);
        if t.share_cores && n > 1 {
            // Per calling thread, and cheap next to a parallel call: so on
            // every thread that calls, without bookkeeping.
            t.backend.threads().share_cores();
        }
        // A setter that fails leaves the backend's count: still correct.
        if t.per_thread {
            let _ = t.backend.threads().set_thread_local(Some(n));
        } else if t.last.load(Ordering::Relaxed) != n && t.backend.threads().set(n).is_ok() {
            t.last.store(n, Ordering::Relaxed);
        }
        (slot.target, &*t.backend)
    }

    /// Counts a call the target ran (not one it does not serve).
    #[inline]
    fn served<R, T: Scalar>(&self, target: usize, routine: Routine, r: &Result<R>) {
        if !matches!(
            r,
            Err(Error::Unsupported { .. } | Error::BackendUnavailable { .. })
        ) {
            self.counters.record_in(target, routine, T::KIND);
        }
    }
}

/// Writes the router's [`Ops`] from the operation table: route, then the
/// target's trusting method with the same arguments.
macro_rules! route_ops {
    ($(
        $(#[$doc:meta])*
        $family:ident $name:ident($complex:literal, $real:literal)
            ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => { paste::paste! {
        impl<T: Scalar> Ops<T> for Router {
            $(
                #[inline]
                unsafe fn [<$name _unchecked>](&self, $($arg: $ty),*) -> Result<$ret> {
                    let routine = Routine::[<$name:camel>];
                    let (target, backend) =
                        self.enter(routine, linmux_core::call_extent!($($arg),*));
                    // SAFETY: the checked surface validated these arguments
                    // for this routine, which every backend trusts alike.
                    let r = unsafe { T::ops(backend).[<$name _unchecked>]($($arg),*) };
                    self.served::<_, T>(target, routine, &r);
                    r
                }
            )*
        }
    }};
}

linmux_core::for_each_operation!(route_ops);

impl Backend for Router {
    fn info(&self) -> &BackendInfo {
        &self.info
    }
    fn threads(&self) -> &dyn ThreadControl {
        &self.threads
    }
}

/// The router's thread bound: a process-wide count with per-thread limits.
#[derive(Debug)]
struct RouterThreads(ThreadCount);

impl ThreadControl for RouterThreads {
    fn capability(&self) -> ThreadCapability {
        ThreadCapability::Exact { max: None }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn local_scope(&self) -> ThreadScope {
        ThreadScope::CallingThread
    }
    fn get(&self) -> usize {
        self.0.get()
    }
    fn set(&self, n: usize) -> Result<()> {
        self.0.set(n)
    }
    fn set_thread_local(&self, n: Option<usize>) -> Result<()> {
        self.0.set_thread_local(n, TUNED)
    }
}

/// Loads the profile at `path` and every backend it names, and checks the
/// machine: what `LINMUX_BACKEND=tuned` (and `auto`, when a profile exists)
/// builds.
///
/// # Errors
/// [`Error::BackendUnavailable`] for `tuned`, naming the file: unreadable or
/// corrupt, a backend it names does not load, or the fingerprint differs
/// from this machine's (each difference listed).
pub fn load(path: &std::path::Path) -> Result<Router> {
    let profile = Profile::load(path)?;
    let unavailable = |why: String| Error::BackendUnavailable {
        name: String::from(TUNED),
        reasons: vec![format!("profile {}: {why}", path.display())],
    };
    // Only the backends the profile routes to are loaded and compared: a
    // vendor loaded for nothing still starts its thread pool (OpenBLAS's
    // workers spin for a while after it loads), which slows the calls of
    // the others.
    let mut wanted = profile.machine.clone();
    wanted
        .backends
        .retain(|b| profile.routes.iter().any(|r| r.best.backend == b.name));
    let mut backends = Vec::new();
    for b in &wanted.backends {
        let loaded = crate::select::Selection::parse(&b.name)
            .and_then(|s| s.resolve())
            .map_err(|e| unavailable(format!("backend {}: {e}", b.name)))?;
        backends.push(loaded.backend);
    }
    let now = Fingerprint::current(
        backends
            .iter()
            .map(|b| BackendPrint::of(b.info()))
            .collect(),
    );
    let diff = wanted.differences(&now);
    if !diff.is_empty() {
        return Err(unavailable(format!(
            "measured on another machine or libraries ({}); run `linmux tune` again",
            diff.join("; ")
        )));
    }
    Router::new(profile, backends)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(routine: Routine, n: usize, backend: &str, threads: usize) -> Route {
        let best = Candidate {
            backend: backend.into(),
            threads,
            seconds: 1e-6,
        };
        Route {
            routine,
            n,
            best: best.clone(),
            candidates: vec![best],
        }
    }

    fn profile(routes: Vec<Route>) -> Profile {
        Profile {
            linmux: crate::VERSION.into(),
            machine: Fingerprint::current(vec![BackendPrint {
                name: "faer".into(),
                version: Some(linmux_faer::FAER_VERSION.into()),
                paths: vec![],
            }]),
            routes,
        }
    }

    #[test]
    fn classes_take_the_nearest_measured_size_below() {
        let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::with_threads(2));
        let p = profile(vec![
            route(Routine::Gemm, 4, "faer", 1),
            route(Routine::Gemm, 256, "faer", 2),
        ]);
        let r = Router::new(p, vec![faer]).unwrap();
        assert_eq!(r.slot(Routine::Gemm, 1).threads, 1, "below the smallest");
        assert_eq!(r.slot(Routine::Gemm, 255).threads, 1);
        assert_eq!(r.slot(Routine::Gemm, 256).threads, 2);
        assert_eq!(r.slot(Routine::Gemm, 1 << 40).threads, 2);
        // trsm: gemm's routes (its family's representative).
        assert_eq!(r.slot(Routine::Trsm, 300).threads, 2);
        // dot: nothing measured in level 1, the most frequent winner at
        // every thread.
        let all = std::thread::available_parallelism().map_or(1, usize::from);
        assert_eq!(r.slot(Routine::Dot, 10).threads, all);
    }

    #[test]
    fn class_extents_bound_each_class() {
        for c in 0..CLASSES {
            let (lo, hi) = class_extents(c);
            assert_eq!((class(lo), class(hi)), (c, c), "class {c}");
            if hi < usize::MAX {
                assert_eq!(class(hi + 1), c + 1);
            }
        }
    }

    #[test]
    fn classes_the_target_runs_serially_set_no_count() {
        // faer runs level 1 serially at every size, products below n = 256
        // and LAPACK below 150 (FAER_POLICY).
        let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::with_threads(2));
        let p = profile(vec![
            route(Routine::Dot, 16, "faer", 2),
            route(Routine::Gemm, 4, "faer", 2),
        ]);
        let r = Router::new(p, vec![faer]).unwrap();
        assert!(r.slot(Routine::Dot, 1 << 30).serial);
        assert_eq!(r.route(Routine::Dot, 1 << 30).1, 1);
        assert!(r.slot(Routine::Gemm, 255).serial);
        // 128 ≤ n < 256 is all serial; 256 ≤ n < 512 is not.
        assert!(!r.slot(Routine::Gemm, 256).serial);
        assert_eq!(r.route(Routine::Gemm, 300).1, 2.min(r.threads.get()));
        // LAPACK: 64 ≤ n < 128 all serial; 128 ≤ n < 256 not (geev threads
        // from 150).
        assert!(r.slot(Routine::Geev, 127).serial);
        assert!(!r.slot(Routine::Geev, 128).serial);
    }

    #[test]
    fn a_route_to_a_backend_not_loaded_is_refused() {
        let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::with_threads(2));
        let mut p = profile(vec![route(Routine::Gemm, 4, "faer", 1)]);
        p.routes[0].best.backend = "openblas".into();
        let e = Router::new(p, vec![faer]).unwrap_err().to_string();
        assert!(e.contains("openblas"), "{e}");
    }
}
