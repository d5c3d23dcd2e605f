//! `linmux_status`: every status code, in one list. The constants, the
//! messages, the mapping from [`Error`] and the header's `#define`s are all
//! derived from it.

use std::ffi::c_char;

use linmux_core::Error;

/// Writes the status constants, [`message`] and [`ALL`] from one list.
macro_rules! statuses {
    ($( $(#[doc = $doc:literal])* $name:ident = $value:literal, $msg:literal; )*) => {
        $( $(#[doc = $doc])* pub(crate) const $name: i32 = $value; )*

        /// Every status: name (without the `LINMUX_STATUS_` prefix), value,
        /// message. Table order, which the header keeps.
        pub(crate) const ALL: &[(&str, i32, &str)] = &[$( (stringify!($name), $value, $msg), )*];

        /// The message of `code`, NUL-terminated, or `None` for an unknown code.
        fn message_nul(code: i32) -> Option<&'static str> {
            match code {
                $( $value => Some(concat!($msg, "\0")), )*
                _ => None,
            }
        }
    };
}

statuses! {
    /// Success.
    OK = 0, "success";
    // ---- 100: arguments ----
    /// An argument is invalid on its own (a flag out of range, a negative
    /// dimension, a leading dimension too small, a zero increment).
    INVALID_ARGUMENT = 100, "invalid argument";
    /// A required pointer argument is NULL.
    NULL_POINTER = 101, "a required pointer is NULL";
    /// Two arguments' shapes do not fit together.
    DIMENSION_MISMATCH = 102, "dimension mismatch";
    /// An output overlaps an input or another output in memory.
    ALIASING = 103, "an output overlaps another argument in memory";
    /// A LAPACK-backed operation was given a NaN or an infinity.
    NON_FINITE = 104, "NaN or infinity in the input of a LAPACK-backed operation";
    /// The caller's buffer is too small; the needed size was returned.
    BUFFER_TOO_SMALL = 105, "buffer too small";
    // ---- 200: backends ----
    /// The backend asked for cannot be selected or loaded.
    BACKEND_UNAVAILABLE = 200, "backend unavailable";
    /// The backend does not implement the operation.
    UNSUPPORTED = 201, "operation not supported by the backend";
    /// The backend reported an error validation should have prevented.
    BACKEND_ERROR = 202, "backend error";
    // ---- 300: numerical ----
    /// The matrix is singular (a zero pivot).
    SINGULAR = 300, "matrix is singular";
    /// The matrix is not positive definite.
    NOT_POSITIVE_DEFINITE = 301, "matrix is not positive definite";
    /// An iterative algorithm did not converge.
    NO_CONVERGENCE = 302, "no convergence";
    /// A computation on finite input overflowed.
    OVERFLOW = 303, "the computation overflowed";
    // ---- 400: memory ----
    /// A result or a copy could not be allocated.
    OUT_OF_MEMORY = 400, "out of memory";
    // ---- 500: internal ----
    /// A panic was caught at the boundary (a bug in linmux).
    PANIC = 500, "internal error: panic caught at the C boundary";
    /// Any other internal error.
    INTERNAL = 501, "internal error";
}

/// The status an [`Error`] maps to.
pub(crate) fn of_error(e: &Error) -> i32 {
    match e {
        Error::InvalidArgument { .. } => INVALID_ARGUMENT,
        Error::DimensionMismatch { .. } => DIMENSION_MISMATCH,
        Error::Aliasing { .. } => ALIASING,
        Error::NonFinite { .. } => NON_FINITE,
        Error::OutOfMemory { .. } => OUT_OF_MEMORY,
        Error::Overflow { .. } => OVERFLOW,
        Error::NotPositiveDefinite { .. } => NOT_POSITIVE_DEFINITE,
        Error::Singular { .. } => SINGULAR,
        Error::NoConvergence { .. } => NO_CONVERGENCE,
        Error::Unsupported { .. } => UNSUPPORTED,
        Error::BackendUnavailable { .. } => BACKEND_UNAVAILABLE,
        Error::Backend { .. } => BACKEND_ERROR,
        _ => INTERNAL,
    }
}

/// The message of a status code: a static NUL-terminated string, never
/// NULL ("unknown status" for a code not in the list).
#[unsafe(no_mangle)]
pub extern "C" fn linmux_status_message(status: i32) -> *const c_char {
    message_nul(status)
        .unwrap_or("unknown status\0")
        .as_ptr()
        .cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_grouped() {
        let mut seen = std::collections::HashSet::new();
        for (name, value, _) in ALL {
            assert!(seen.insert(*value), "{name} repeats {value}");
            assert!(*value == 0 || (100..600).contains(value), "{name}");
            assert!(message_nul(*value).is_some());
        }
        assert!(message_nul(-1).is_none());
    }
}
