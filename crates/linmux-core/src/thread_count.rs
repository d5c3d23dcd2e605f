//! [`ThreadCount`]: a process-wide thread count with per-thread limits, the
//! state behind a [`ThreadControl`](crate::ThreadControl) whose backend
//! reads its count at each call (faer, the tuned router).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::{Error, Result};

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Per-thread limits, one per [`ThreadCount`] that has one on this thread.
    static LOCAL_LIMITS: RefCell<Vec<(u64, usize)>> = const { RefCell::new(Vec::new()) };
}

/// A thread count for the whole process, which a thread may lower (or
/// raise) for its own calls with [`ThreadCount::set_thread_local`]. Reading
/// it ([`ThreadCount::get`]) takes no lock and does not allocate.
#[derive(Debug)]
pub struct ThreadCount {
    /// Unique per instance (never reused): the key of its per-thread limits.
    id: u64,
    count: AtomicUsize,
}

impl ThreadCount {
    /// `n` threads for the process (`0` is taken as 1), no per-thread limits.
    pub fn new(n: usize) -> Self {
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            count: AtomicUsize::new(n.max(1)),
        }
    }

    /// The calling thread's limit if it set one, else the process count.
    #[inline]
    pub fn get(&self) -> usize {
        LOCAL_LIMITS
            .try_with(|l| {
                l.try_borrow()
                    .ok()
                    .and_then(|v| v.iter().find(|(id, _)| *id == self.id).map(|&(_, n)| n))
            })
            .ok()
            .flatten()
            .unwrap_or_else(|| self.count.load(Ordering::Relaxed))
    }

    /// Sets the process count.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `n` when it is 0.
    pub fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(zero_threads());
        }
        self.count.store(n, Ordering::Relaxed);
        Ok(())
    }

    /// Sets (`Some`) or clears (`None`) the calling thread's limit.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `n` when it is `Some(0)`;
    /// [`Error::Backend`] naming `backend` when the thread-local storage is
    /// gone (thread teardown), borrowed, or cannot grow.
    pub fn set_thread_local(&self, n: Option<usize>, backend: &str) -> Result<()> {
        if n == Some(0) {
            return Err(zero_threads());
        }
        let failed = || Error::Backend {
            backend: backend.to_owned(),
            routine: "set_thread_local",
            detail: String::from("thread-local storage is unavailable"),
        };
        LOCAL_LIMITS
            .try_with(|l| {
                let mut v = l.try_borrow_mut().map_err(|_| failed())?;
                v.retain(|(id, _)| *id != self.id);
                if let Some(n) = n {
                    v.try_reserve(1).map_err(|_| failed())?;
                    v.push((self.id, n));
                }
                Ok(())
            })
            .map_err(|_| failed())?
    }
}

fn zero_threads() -> Error {
    Error::invalid("n", "thread count must be at least 1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_per_thread_and_per_instance() {
        let (a, b) = (ThreadCount::new(4), ThreadCount::new(0));
        assert_eq!((a.get(), b.get()), (4, 1));
        a.set_thread_local(Some(2), "x").unwrap();
        assert_eq!((a.get(), b.get()), (2, 1), "only a, only here");
        std::thread::scope(|s| {
            s.spawn(|| assert_eq!(a.get(), 4, "another thread sees the count"));
        });
        a.set(8).unwrap();
        assert_eq!(a.get(), 2, "the limit wins on this thread");
        a.set_thread_local(None, "x").unwrap();
        assert_eq!(a.get(), 8);
        assert!(a.set(0).is_err());
        assert!(a.set_thread_local(Some(0), "x").is_err());
    }
}
