//! The one form of every export: panic boundary, then the body's `Result`
//! turned into a status, with the detail kept as this thread's last error.

use std::cell::RefCell;
use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use linmux_core::Error;

use crate::status;

/// Why an export failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A typed linmux error (validation, backend, numerical).
    Core(Error),
    /// The named pointer argument is NULL.
    Null(&'static str),
    /// A caller's buffer is too small: it needs this many bytes.
    BufferTooSmall { arg: &'static str, needed: usize },
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

impl Failure {
    fn status(&self) -> i32 {
        match self {
            Failure::Core(e) => status::of_error(e),
            Failure::Null(_) => status::NULL_POINTER,
            Failure::BufferTooSmall { .. } => status::BUFFER_TOO_SMALL,
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Core(e) => e.to_string(),
            Failure::Null(arg) => format!("argument `{arg}` is NULL"),
            Failure::BufferTooSmall { arg, needed } => {
                format!("buffer `{arg}` is too small: {needed} bytes are needed")
            }
        }
    }
}

/// `Result` of an export's body.
pub(crate) type Result<T, E = Failure> = core::result::Result<T, E>;

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

/// Records `message` as this thread's last error.
pub(crate) fn set_last_error(message: String) {
    // An interior NUL cannot be represented: cut the message there.
    let mut bytes = message.into_bytes();
    if let Some(p) = bytes.iter().position(|&b| b == 0) {
        bytes.truncate(p);
    }
    let c = CString::new(bytes).unwrap_or_default();
    // A failure here means the thread is being torn down: nothing to report to.
    let _ = LAST_ERROR.try_with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            *l = c;
        }
    });
}

/// Runs an export's body: a panic becomes [`status::PANIC`], an error its
/// status, and either one this thread's last error message.
#[inline]
pub(crate) fn run(body: impl FnOnce() -> Result<()>) -> i32 {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => status::OK,
        Ok(Err(f)) => {
            set_last_error(f.message());
            f.status()
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| String::from("unknown panic"));
            set_last_error(format!("internal error: panic at the C boundary: {what}"));
            status::PANIC
        }
    }
}

/// The message of the last failed call on the calling thread (empty if none
/// failed yet). The string stays valid until the next failing linmux call on
/// this thread; copy it to keep it.
#[unsafe(no_mangle)]
pub extern "C" fn linmux_last_error_message() -> *const c_char {
    LAST_ERROR
        .try_with(|l| match l.try_borrow() {
            Ok(s) => s.as_ptr(),
            Err(_) => c"".as_ptr(),
        })
        .unwrap_or(c"".as_ptr())
}
