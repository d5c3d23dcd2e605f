//! Enough stack for a vendor's LAPACK, whatever thread calls it.
//!
//! Some vendors keep large arrays on the caller's stack. Measured with a
//! painted stack (each routine at n = 8 … 1000, d and z): OpenBLAS 0.3.21's
//! pthread build uses up to **4.2 MiB** in `zgetrf` (2.1 MiB in `dgetrf`
//! from n = 100; its parallel LU keeps one job array per possible thread),
//! and so does every routine that factors through it. Every other routine
//! and vendor measured stays under 150 KiB, BLAS included. A Rust thread
//! spawned with the default 2 MiB stack (every test thread, most thread
//! pools) crashed with SIGSEGV there.
//!
//! So every call into a vendor's LAPACK goes through [`ensure`]: when the
//! calling thread has less than [`MIN_STACK`] left, the call runs on a
//! [`ALT_STACK`]-byte stack of this thread's own, mapped on first need with
//! a guard page below it and kept for the thread's later calls (pages are
//! committed only as the vendor touches them). The switch costs a
//! thread-local look-up; a thread with enough stack pays one comparison.
//! Nothing moves to another thread, so the vendor sees the caller's
//! thread-local state (thread limits, error handlers) as before.

use linmux_core::{Error, Result};

/// The stack a vendor LAPACK call is given at least: 1.5× the largest use
/// measured (4.2 MiB, OpenBLAS 0.3.21 `zgetrf`).
pub(crate) const MIN_STACK: usize = 6 << 20;

/// The size of the stack a thread with less than [`MIN_STACK`] left is
/// lent.
pub(crate) const ALT_STACK: usize = 16 << 20;

/// Runs `f` with at least [`MIN_STACK`] bytes of stack.
///
/// # Errors
/// What `f` returns, or [`Error::OutOfMemory`] when the thread has too
/// little stack and a new one cannot be mapped (then `f` does not run).
#[inline]
pub(crate) fn ensure<R>(f: impl FnOnce() -> Result<R>) -> Result<R> {
    if stacker::remaining_stack().is_some_and(|left| left >= MIN_STACK) {
        return f();
    }
    alt::run(f)
}

#[cfg(unix)]
mod alt {
    use std::cell::Cell;
    use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
    use std::ptr::NonNull;

    use super::{ALT_STACK, Error, Result};

    /// A mapped stack: one guard page, then [`ALT_STACK`] usable bytes.
    #[derive(Debug)]
    struct AltStack {
        map: NonNull<u8>,
        page: usize,
    }

    impl AltStack {
        fn map() -> Option<Self> {
            // SAFETY: sysconf has no preconditions.
            let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) })
                .ok()
                .filter(|&p| p > 0 && p.is_power_of_two())?;
            let len = ALT_STACK + page;
            // SAFETY: an anonymous private mapping with no address hint
            // touches no existing memory.
            let p = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                    -1,
                    0,
                )
            };
            if p == libc::MAP_FAILED {
                return None;
            }
            let stack = Self {
                map: NonNull::new(p.cast::<u8>())?,
                page,
            };
            // The stack grows down: its lowest page is the guard.
            // SAFETY: the first page of the mapping made above.
            if unsafe { libc::mprotect(p, page, libc::PROT_NONE) } != 0 {
                return None; // `stack` unmaps on drop
            }
            Some(stack)
        }

        /// The lowest usable address (just above the guard page).
        fn base(&self) -> *mut u8 {
            // SAFETY: within the mapping of `ALT_STACK + page` bytes.
            unsafe { self.map.as_ptr().add(self.page) }
        }
    }

    impl Drop for AltStack {
        fn drop(&mut self) {
            // SAFETY: the mapping made in `map`, unmapped once. No frame
            // lives on it: it is dropped only when not lent out.
            unsafe {
                libc::munmap(self.map.as_ptr().cast(), ALT_STACK + self.page);
            }
        }
    }

    thread_local! {
        /// This thread's stack, between calls. Taken out while in use, so a
        /// nested call (none today) would map a second one, never reuse the
        /// one it runs on.
        static STACK: Cell<Option<AltStack>> = const { Cell::new(None) };
    }

    pub(super) fn run<R>(f: impl FnOnce() -> Result<R>) -> Result<R> {
        let Some(stack) = STACK.with(Cell::take).or_else(AltStack::map) else {
            return Err(Error::OutOfMemory {
                what: "stack for a LAPACK call",
                rows: ALT_STACK,
                cols: 1,
                elem_bytes: 1,
            });
        };
        // SAFETY: `base()..base() + ALT_STACK` is mapped read-write, page
        // aligned at both ends, with a guard page below; it is used by no
        // other frame (taken out of the thread-local above) and outlives the
        // call. A panic is caught on the new stack and resumed on this one.
        let out = unsafe {
            psm::on_stack(stack.base(), ALT_STACK, || {
                catch_unwind(AssertUnwindSafe(f))
            })
        };
        STACK.with(|s| s.set(Some(stack)));
        out.unwrap_or_else(|panic| resume_unwind(panic))
    }
}

#[cfg(not(unix))]
mod alt {
    use super::Result;

    /// No stack switching here: the call runs on the thread's own stack.
    pub(super) fn run<R>(f: impl FnOnce() -> Result<R>) -> Result<R> {
        f()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread with 128 KiB of stack gets a large stack for the call, on
    /// the same thread, and gets it back for a second call.
    #[test]
    fn small_thread_stack_is_lent_a_large_one() {
        std::thread::Builder::new()
            .stack_size(128 << 10)
            .spawn(|| {
                let me = std::thread::current().id();
                assert!(stacker::remaining_stack().unwrap() < MIN_STACK);
                for _ in 0..2 {
                    let id = ensure(|| {
                        // Touch 5 MiB of stack, as OpenBLAS's getrf does.
                        let big = [7u8; 5 << 20];
                        let sum: u64 = std::hint::black_box(&big)
                            .iter()
                            .map(|&b| u64::from(b))
                            .sum();
                        assert_eq!(sum, 7 * (5 << 20));
                        Ok(std::thread::current().id())
                    })
                    .unwrap();
                    assert_eq!(id, me);
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }

    /// A panic inside the lent stack unwinds to the caller.
    #[test]
    fn panic_crosses_back() {
        std::thread::Builder::new()
            .stack_size(128 << 10)
            .spawn(|| {
                let r = std::panic::catch_unwind(|| ensure::<()>(|| panic!("inside")));
                assert!(r.is_err());
                // The stack was put back and still works.
                assert_eq!(ensure(|| Ok(3)).unwrap(), 3);
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
