//! A default thread control over whatever setters the library exports.

use core::ffi::c_int;

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use linmux_core::{
    Error, Family, Result, Serial, SizePolicy, ThreadCapability, ThreadControl, ThreadScope,
};
use linmux_loader::VendorExtras;

/// Thread control through the first setter/getter pair a library exports:
/// `openblas_set_num_threads`, `MKL_Set_Num_Threads`, or
/// `bli_thread_set_num_threads`. Without any, the count cannot be changed and
/// reads as 1. Vendor profiles replace this with their own where they know
/// better (MKL domains, thread-local limits).
#[derive(Clone, Debug)]
pub struct GenericThreadControl {
    extras: VendorExtras,
}

impl GenericThreadControl {
    /// Over the extras of a loaded library (the table keeps it loaded).
    pub fn new(extras: &VendorExtras) -> Self {
        Self {
            extras: extras.clone(),
        }
    }

    /// Which setter family is in use: `"openblas"`, `"mkl"`, `"blis"` or `"none"`.
    pub fn setter(&self) -> &'static str {
        let x = &self.extras;
        if x.openblas_set_num_threads.is_some() {
            "openblas"
        } else if x.MKL_Set_Num_Threads.is_some() {
            "mkl"
        } else if x.bli_thread_set_num_threads.is_some() {
            "blis"
        } else {
            "none"
        }
    }
}

impl ThreadControl for GenericThreadControl {
    fn capability(&self) -> ThreadCapability {
        if self.setter() == "none" {
            ThreadCapability::None
        } else {
            ThreadCapability::Exact { max: None }
        }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn get(&self) -> usize {
        let x = &self.extras;
        // SAFETY: the getters take no arguments and return an int; the table
        // keeps the library loaded.
        let n: i64 = unsafe {
            if let (Some(_), Some(g)) = (x.openblas_set_num_threads, x.openblas_get_num_threads) {
                i64::from(g())
            } else if let (Some(_), Some(g)) = (x.MKL_Set_Num_Threads, x.MKL_Get_Max_Threads) {
                i64::from(g())
            } else if let (Some(_), Some(g)) =
                (x.bli_thread_set_num_threads, x.bli_thread_get_num_threads)
            {
                g()
            } else {
                1
            }
        };
        usize::try_from(n).unwrap_or(1).max(1)
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        let c = c_int::try_from(n).unwrap_or(c_int::MAX);
        let x = &self.extras;
        // SAFETY: the setters take one integer count; the table keeps the
        // library loaded.
        unsafe {
            if let Some(s) = x.openblas_set_num_threads {
                s(c);
            } else if let Some(s) = x.MKL_Set_Num_Threads {
                s(c);
            } else if let Some(s) = x.bli_thread_set_num_threads {
                s(i64::from(c));
            } else {
                return Err(Error::Unsupported {
                    op: "set_num_threads",
                    backend: String::from("library without a thread setter"),
                });
            }
        }
        Ok(())
    }
}

/// A vendor's thread control with its built-in [`SizePolicy`] applied per
/// call ([`ThreadControl::size_policy`]): calls in a family's serial range
/// run on one thread, then the count is put back.
///
/// With a process-wide setter (OpenBLAS, BLIS) the count the user set is
/// kept here (`count`), not read back from the vendor, whose setting a
/// small call lowers for its duration: a small call on one thread can
/// briefly lower the count a concurrent call on another thread sees
/// (performance only; the user's count is always restored, and results do
/// not depend on it). With per-thread limits (MKL) only the calling thread
/// is lowered, and its previous limit restored exactly.
pub(crate) struct SizeCapped {
    inner: Box<dyn ThreadControl>,
    policy: Option<SizePolicy>,
    /// Per-thread limits: lowered with `lower_local`, count read each time.
    local: bool,
    /// The count the user (or the environment) set; 0 until first read.
    count: AtomicUsize,
}

impl SizeCapped {
    pub(crate) fn new(inner: Box<dyn ThreadControl>) -> Self {
        let local = inner.local_scope() == ThreadScope::CallingThread;
        Self {
            policy: inner.size_policy(),
            inner,
            local,
            count: AtomicUsize::new(0),
        }
    }

    /// The extents at which the policy runs calls of `family` on one thread.
    pub(crate) fn serial(&self, family: Family) -> Serial {
        self.policy
            .as_ref()
            .map_or(Serial::NONE, |p| p.serial(family))
    }

    /// Lowers the vendor's count to one thread when the policy puts a call
    /// of `family` with this `extent` in its serial range; the guard puts
    /// the count back. Only then is the vendor's setting touched (twice,
    /// around the call); without a policy `extent` is not even computed.
    #[inline]
    pub(crate) fn enter(
        &self,
        family: Family,
        extent: impl FnOnce() -> usize,
    ) -> Option<Lowered<'_>> {
        let serial = self.policy.as_ref()?.serial(family);
        if serial.from >= serial.below || !serial.contains(extent()) {
            return None;
        }
        if self.local {
            if self.inner.get() <= 1 {
                return None;
            }
            return self
                .inner
                .lower_local()
                .map(|prev| Lowered(self, Some(prev)));
        }
        if self.get() <= 1 {
            return None;
        }
        // A setter that fails leaves the count as it was: the call then runs
        // with more threads than the policy wants, which is still correct.
        self.inner.set(1).ok().map(|()| Lowered(self, None))
    }
}

/// Guard of [`SizeCapped::enter`]: restores the user's count (process
/// scope) or the calling thread's previous limit.
pub(crate) struct Lowered<'a>(&'a SizeCapped, Option<usize>);

impl Drop for Lowered<'_> {
    fn drop(&mut self) {
        match self.1 {
            Some(prev) => self.0.inner.restore_local(prev),
            None => {
                let _ = self.0.inner.set(self.0.get());
            }
        }
    }
}

impl fmt::Debug for SizeCapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SizeCapped")
            .field("policy", &self.policy)
            .field("local", &self.local)
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl ThreadControl for SizeCapped {
    fn capability(&self) -> ThreadCapability {
        self.inner.capability()
    }
    fn scope(&self) -> ThreadScope {
        self.inner.scope()
    }
    fn local_scope(&self) -> ThreadScope {
        self.inner.local_scope()
    }
    fn get(&self) -> usize {
        if self.policy.is_none() || self.local {
            return self.inner.get();
        }
        match self.count.load(Ordering::Relaxed) {
            0 => {
                let n = self.inner.get();
                self.count.store(n, Ordering::Relaxed);
                n
            }
            n => n,
        }
    }
    fn set(&self, n: usize) -> Result<()> {
        self.inner.set(n)?;
        if self.policy.is_some() && !self.local {
            // What the vendor made of it (clamped to its maximum).
            self.count.store(self.inner.get(), Ordering::Relaxed);
        }
        Ok(())
    }
    fn set_thread_local(&self, n: Option<usize>) -> Result<()> {
        self.inner.set_thread_local(n)
    }
    fn size_policy(&self) -> Option<SizePolicy> {
        self.policy
    }
    fn lower_local(&self) -> Option<usize> {
        self.inner.lower_local()
    }
    fn restore_local(&self, previous: usize) {
        self.inner.restore_local(previous);
    }
    fn share_cores(&self) -> bool {
        self.inner.share_cores()
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;
    use linmux_core::Serial;
    use std::sync::Mutex;

    /// A process-wide count that logs every setting.
    struct Logged {
        count: AtomicUsize,
        log: Mutex<Vec<usize>>,
    }

    impl ThreadControl for &'static Logged {
        fn capability(&self) -> ThreadCapability {
            ThreadCapability::Exact { max: None }
        }
        fn scope(&self) -> ThreadScope {
            ThreadScope::Process
        }
        fn get(&self) -> usize {
            self.count.load(Ordering::Relaxed)
        }
        fn set(&self, n: usize) -> Result<()> {
            self.count.store(n, Ordering::Relaxed);
            self.log.lock().unwrap().push(n);
            Ok(())
        }
        fn size_policy(&self) -> Option<SizePolicy> {
            Some(SizePolicy {
                blas1: Serial::below(usize::MAX),
                blas2: Serial::NONE,
                blas3: Serial {
                    from: 10,
                    below: 100,
                },
                lapack: Serial::NONE,
            })
        }
    }

    #[test]
    fn small_calls_run_on_one_thread_and_the_count_comes_back() {
        let inner: &'static Logged = Box::leak(Box::new(Logged {
            count: AtomicUsize::new(4),
            log: Mutex::new(Vec::new()),
        }));
        let capped = SizeCapped::new(Box::new(inner));
        let log = || std::mem::take(&mut *inner.log.lock().unwrap());
        {
            let g = capped.enter(Family::Blas3, || 99);
            assert!(g.is_some());
            assert_eq!(inner.get(), 1, "the vendor runs the call on one thread");
            assert_eq!(capped.get(), 4, "the user's count is still 4");
        }
        assert_eq!(log(), [1, 4]);
        assert!(capped.enter(Family::Blas3, || 100).is_none());
        assert!(
            capped.enter(Family::Blas3, || 9).is_none(),
            "below the range: untouched"
        );
        assert!(capped.enter(Family::Blas2, || 1).is_none());
        drop(capped.enter(Family::Blas1, || 1 << 30));
        assert_eq!(log(), [1, 4], "level 1 always on one thread");
        // The user's count is an upper bound: at 1, nothing to lower.
        capped.set(1).unwrap();
        assert!(capped.enter(Family::Blas3, || 50).is_none());
        capped.set(3).unwrap();
        drop(capped.enter(Family::Blas3, || 50));
        assert_eq!(log(), [1, 3, 1, 3]);
        assert_eq!(capped.size_policy().map(|p| p.blas3.below), Some(100));
    }
}
