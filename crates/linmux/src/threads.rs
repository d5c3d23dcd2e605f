//! One thread API over every backend.
//!
//! Precedence of the count a backend starts with: an explicit [`set`] >
//! `LINMUX_NUM_THREADS` > the vendor's own variable (its descriptor's
//! `thread_var` in [`crate::select::VENDORS`]: `OPENBLAS_NUM_THREADS`...) >
//! `OMP_NUM_THREADS` > available cores. The state behind it belongs to the
//! loaded library: engines on one library share it.
//! [`set`] and [`limit`] apply to every engine alive in the process, as
//! threadpoolctl does; [`info`] reports the effective count of the current
//! engine, where it came from, and what a limit means for its backend.
//!
//! ```
//! let before = linmux::threads::get()?;
//! {
//!     let _one = linmux::threads::limit(1)?;
//!     assert_eq!(linmux::threads::get()?, 1);
//! }
//! assert_eq!(linmux::threads::get()?, before);
//! # Ok::<(), linmux::Error>(())
//! ```

use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::Ordering;

use linmux_core::{Error, Result, SizePolicy, ThreadCapability, ThreadScope};

use crate::engine::{Engine, with_current};
use crate::library;
pub use crate::library::{ThreadSource, vendor_variable};

/// The thread state of one engine's backend.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ThreadInfo {
    /// The backend's name.
    pub backend: String,
    /// Threads a call from the calling thread uses now.
    pub count: usize,
    /// Where that count came from.
    pub source: ThreadSource,
    /// Whom [`set`] affects.
    pub scope: ThreadScope,
    /// Whom a [`limit`] affects: the calling thread only, or the process.
    pub limit_scope: ThreadScope,
    /// What a count can achieve.
    pub capability: ThreadCapability,
    /// Below which sizes a call runs on one thread whatever the count
    /// (`None`: the count is used at every size, or the vendor decides).
    pub size_policy: Option<SizePolicy>,
}

/// One active [`limit`] guard of this thread.
struct LimitEntry {
    id: u64,
    n: usize,
    /// The engines it limited; for process-scope ones, the count to restore
    /// when no limit covers them any more.
    engines: Vec<(Engine, Option<usize>)>,
}

impl LimitEntry {
    fn covers(&self, e: &Engine) -> bool {
        self.engines.iter().any(|(x, _)| x.same_as(e))
    }
}

static NEXT_LIMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    static LIMITS: RefCell<Vec<LimitEntry>> = const { RefCell::new(Vec::new()) };
}

fn check_count(n: usize) -> Result<()> {
    if n == 0 {
        Err(Error::invalid("n", "thread count must be at least 1"))
    } else {
        Ok(())
    }
}

impl Engine {
    /// Sets this engine's backend thread count (scope: see [`Engine::thread_info`]).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if `n == 0`, or the backend's setter error.
    pub fn set_threads(&self, n: usize) -> Result<()> {
        check_count(n)?;
        self.thread_control().set(n)?;
        self.inner.library.set_source(ThreadSource::Explicit);
        Ok(())
    }

    /// The thread state of this engine's backend, seen from the calling thread.
    pub fn thread_info(&self) -> ThreadInfo {
        let tc = self.thread_control();
        let limited = LIMITS.with(|l| l.borrow().iter().any(|x| x.covers(self)));
        let source = if limited {
            ThreadSource::ScopedLimit
        } else {
            self.inner.library.source()
        };
        ThreadInfo {
            backend: self.info().name.clone(),
            count: tc.get(),
            source,
            scope: tc.scope(),
            limit_scope: tc.local_scope(),
            capability: tc.capability(),
            size_policy: tc.size_policy(),
        }
    }
}

/// Sets the thread count of every engine in the process, and of engines
/// created later (an explicit call has the highest precedence).
///
/// # Errors
/// [`Error::InvalidArgument`] naming `n` if `n == 0`; the first backend setter
/// error otherwise (the other engines are still set).
pub fn set(n: usize) -> Result<()> {
    check_count(n)?;
    library::set_explicit(n);
    let mut first_err = None;
    for e in Engine::all() {
        if let Err(err) = e.set_threads(n) {
            first_err.get_or_insert(err);
        }
    }
    first_err.map_or(Ok(()), Err)
}

/// The thread count calls on the current engine use from this thread.
///
/// # Errors
/// If there is no current engine (see [`crate::default_engine`]).
pub fn get() -> Result<usize> {
    with_current(|e| e.thread_control().get())
}

/// The current engine's thread state.
///
/// # Errors
/// If there is no current engine.
pub fn info() -> Result<ThreadInfo> {
    with_current(Engine::thread_info)
}

/// Guard of [`limit`]: restores the previous counts when dropped. Not `Send`.
/// Guards may be dropped in any order: each removes only its own limit.
pub struct ThreadLimit {
    id: u64,
    _not_send: std::marker::PhantomData<*const ()>,
}

impl fmt::Debug for ThreadLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadLimit").field("id", &self.id).finish()
    }
}

/// Limits every engine alive now to `n` threads until the guard is dropped,
/// like threadpoolctl's `threadpool_limits`. Guards nest, and may be dropped
/// in any order. Backends that support per-thread limits (faer, MKL) are
/// limited for the calling thread only; others process-wide (see
/// [`ThreadInfo::limit_scope`]) — there, limits held by several threads at
/// once end with the count of whichever guard is dropped last.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `n` if `n == 0`, or a backend setter error
/// (after undoing what was already applied).
pub fn limit(n: usize) -> Result<ThreadLimit> {
    check_count(n)?;
    let id = NEXT_LIMIT.fetch_add(1, Ordering::Relaxed);
    // Registered first, so that an early return drops the guard consistently.
    LIMITS.with(|l| {
        l.borrow_mut().push(LimitEntry {
            id,
            n,
            engines: Vec::new(),
        })
    });
    let guard = ThreadLimit {
        id,
        _not_send: std::marker::PhantomData,
    };
    for e in Engine::all() {
        let tc = e.thread_control();
        let restore = if tc.local_scope() == ThreadScope::CallingThread {
            tc.set_thread_local(Some(n))?;
            None
        } else {
            let prev = tc.get();
            tc.set(n)?;
            Some(prev)
        };
        LIMITS.with(|l| {
            if let Some(entry) = l.borrow_mut().iter_mut().find(|x| x.id == id) {
                entry.engines.push((e, restore));
            }
        });
    }
    Ok(guard)
}

impl Drop for ThreadLimit {
    fn drop(&mut self) {
        LIMITS.with(|l| {
            let mut stack = l.borrow_mut();
            let Some(pos) = stack.iter().position(|x| x.id == self.id) else {
                return;
            };
            let entry = stack.remove(pos);
            for (e, restore) in entry.engines {
                let tc = e.thread_control();
                let top = stack.iter().rev().find(|x| x.covers(&e)).map(|x| x.n);
                // Restoring values the backend accepted before cannot fail in
                // practice; a failure leaves a limit in force, which is safe.
                let _ = match restore {
                    None => tc.set_thread_local(top),
                    Some(prev) => {
                        // The oldest limit on an engine holds its original
                        // count: hand it on if a newer limit outlives this one.
                        let oldest = !stack[..pos].iter().any(|x| x.covers(&e));
                        if oldest
                            && let Some(next) = stack[pos..].iter_mut().find(|x| x.covers(&e))
                            && let Some(slot) = next.engines.iter_mut().find(|(x, _)| x.same_as(&e))
                        {
                            slot.1 = Some(prev);
                        }
                        tc.set(top.unwrap_or(prev))
                    }
                };
            }
        });
    }
}
