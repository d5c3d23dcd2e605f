//! MKL's `xerbla` and fatal-error handlers: record, return, never unwind.
//!
//! The engine validates every argument, so neither should ever run; they
//! exist so that a bug (ours or MKL's) becomes a value instead of MKL
//! printing and calling `exit()`.
//!
//! They live here rather than in `linmux-mkl` so that every way of loading
//! MKL installs them: the MKL profile and [`crate::load_path`] on a
//! `libmkl_rt*` file (or any library exporting `mkl_set_xerbla`). A backend
//! built with [`after_call`] as its [`crate::CblasBackend::with_after_call`]
//! check turns a report into [`linmux_core::Error::Backend`].

use core::ffi::{c_char, c_int, c_void};
use std::cell::RefCell;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

use linmux_loader::VendorExtras;

/// What MKL reported through a handler.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MklError {
    /// `xerbla`: routine `routine` was called with an invalid argument
    /// number `arg` (1-based, LAPACK's convention).
    InvalidArgument {
        /// The routine's name as MKL passed it (`"DPOTRF"`).
        routine: String,
        /// The 1-based position of the invalid argument.
        arg: i32,
    },
    /// A fatal error (`why` is MKL's code: e.g. memory allocation failure,
    /// unsupported CPU, a layer that cannot be loaded); MKL returned without
    /// computing.
    Fatal {
        /// MKL's code.
        why: i32,
    },
}

thread_local! {
    static LAST: RefCell<Option<MklError>> = const { RefCell::new(None) };
}

/// Fatal errors can come from MKL's worker threads: kept process-wide.
/// `i32::MIN` means none.
static FATAL: AtomicI32 = AtomicI32::new(i32::MIN);

/// How many threads hold an untaken `xerbla` record: lets [`after_call`]
/// skip the thread-local lookup (one relaxed load) when nothing happened.
static LOCAL_PENDING: AtomicUsize = AtomicUsize::new(0);

/// Takes the last error MKL reported on the calling thread through
/// `xerbla`, or else the last fatal error reported in the process.
///
/// ```
/// assert_eq!(linmux_cblas::mkl_errors::take_last_error(), None);
/// ```
pub fn take_last_error() -> Option<MklError> {
    let local = LAST
        .try_with(|l| l.try_borrow_mut().ok().and_then(|mut s| s.take()))
        .ok()
        .flatten();
    if local.is_some() {
        LOCAL_PENDING.fetch_sub(1, Ordering::AcqRel);
    }
    local.or_else(|| match FATAL.swap(i32::MIN, Ordering::AcqRel) {
        i32::MIN => None,
        why => Some(MklError::Fatal { why }),
    })
}

fn record(e: MklError) {
    // `try_with`/`try_borrow_mut`: during thread teardown or re-entry the
    // record is dropped rather than panicking inside an FFI callback.
    let _ = LAST.try_with(|l| {
        if let Ok(mut slot) = l.try_borrow_mut()
            && slot.replace(e).is_none()
        {
            LOCAL_PENDING.fetch_add(1, Ordering::AcqRel);
        }
    });
}

/// MKL's `XerblaEntry`: `void (*)(const char *name, const int *num, const int len)`.
extern "C" fn xerbla(name: *const c_char, num: *const c_int, len: c_int) {
    let body = std::panic::AssertUnwindSafe(|| {
        let n = usize::try_from(len).unwrap_or(0).min(64);
        let routine = if name.is_null() || n == 0 {
            String::new()
        } else {
            // SAFETY: MKL passes `len` readable bytes at `name` (not
            // necessarily NUL-terminated); at most 64 are read.
            let bytes = unsafe { core::slice::from_raw_parts(name.cast::<u8>(), n) };
            let end = bytes.iter().position(|&b| b == 0).unwrap_or(n);
            String::from_utf8_lossy(&bytes[..end]).trim().to_owned()
        };
        let arg = if num.is_null() {
            0
        } else {
            // SAFETY: MKL passes a pointer to the argument number.
            unsafe { *num }
        };
        record(MklError::InvalidArgument { routine, arg });
    });
    // Nothing above should panic; if it did, unwinding into MKL is undefined.
    let _ = std::panic::catch_unwind(body);
}

/// MKL's `MKLExitHandler`: `void (*)(int why)`. Returning makes MKL return to
/// its caller without computing.
extern "C" fn exit_handler(why: c_int) {
    FATAL.store(why, Ordering::Release);
}

/// The after-call check of a backend over MKL: `None` at the cost of two
/// relaxed atomic loads when MKL reported nothing; otherwise takes the
/// report ([`take_last_error`]) and describes it.
///
/// A report is taken by the first check after it was made on the calling
/// thread (`xerbla`) or anywhere in the process (fatal errors): one left by
/// a direct call into MKL outside the backend surfaces at the next backend
/// call.
pub fn after_call() -> Option<String> {
    if LOCAL_PENDING.load(Ordering::Relaxed) == 0 && FATAL.load(Ordering::Relaxed) == i32::MIN {
        return None;
    }
    take_last_error().map(|e| match e {
        MklError::InvalidArgument { routine, arg } => {
            format!("MKL's xerbla: {routine} rejected argument {arg}")
        }
        MklError::Fatal { why } => {
            format!("MKL reported a fatal error (code {why}) and returned without computing")
        }
    })
}

/// Whether `x` are the extras of an MKL runtime (it has MKL's handler setters).
pub fn is_mkl(x: &VendorExtras) -> bool {
    x.mkl_set_xerbla.is_some() || x.mkl_set_exit_handler.is_some()
}

/// Installs both handlers (process-wide in MKL); a no-op for a library
/// without MKL's setters.
pub fn install(x: &VendorExtras) {
    type Xerbla = extern "C" fn(*const c_char, *const c_int, c_int);
    type Exit = extern "C" fn(c_int);
    if let Some(set) = x.mkl_set_xerbla {
        let f: Xerbla = xerbla;
        // SAFETY: `XerblaEntry mkl_set_xerbla(XerblaEntry)`; `xerbla` has
        // that signature, never unwinds, and lives as long as the process.
        unsafe { set(f as *mut c_void) };
    }
    if let Some(set) = x.mkl_set_exit_handler {
        let f: Exit = exit_handler;
        // SAFETY: `int mkl_set_exit_handler(MKLExitHandler)`; as above.
        unsafe { set(f as *mut c_void) };
    }
}
