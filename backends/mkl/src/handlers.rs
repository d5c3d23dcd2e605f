//! MKL's `xerbla` and fatal-error handlers: record, return, never unwind.
//!
//! The engine validates every argument, so neither should ever run; they
//! exist so that a bug (ours or MKL's) becomes a value instead of MKL
//! printing and calling `exit()`.

use core::ffi::{c_char, c_int, c_void};
use std::cell::RefCell;
use std::sync::atomic::{AtomicI32, Ordering};

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

/// Takes the last error MKL reported on the calling thread through
/// `xerbla`, or else the last fatal error reported in the process.
///
/// ```
/// assert_eq!(linmux_mkl::take_last_error(), None);
/// ```
pub fn take_last_error() -> Option<MklError> {
    let local = LAST.try_with(|l| l.borrow_mut().take()).ok().flatten();
    local.or_else(|| match FATAL.swap(i32::MIN, Ordering::AcqRel) {
        i32::MIN => None,
        why => Some(MklError::Fatal { why }),
    })
}

fn record(e: MklError) {
    // `try_with`/`try_borrow_mut`: during thread teardown or re-entry the
    // record is dropped rather than panicking inside an FFI callback.
    let _ = LAST.try_with(|l| {
        if let Ok(mut slot) = l.try_borrow_mut() {
            *slot = Some(e);
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

/// Installs both handlers (process-wide in MKL).
pub(crate) fn install(x: &VendorExtras) {
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
