//! Every failure as a value.

use std::borrow::Cow;
use std::fmt;

/// `Result` with linmux's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// What went wrong, with the context needed to act on it.
///
/// Numerical failures carry LAPACK's own (1-based) index, so a user who knows
/// LAPACK's `info` reads them the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// An argument is invalid on its own (a leading dimension too small, a
    /// zero increment, a flag the operation does not take, a dimension that
    /// does not fit the backend's integer type...).
    InvalidArgument {
        /// The argument's name, as in the function signature (`"lda"`, `"b"`).
        arg: &'static str,
        /// What is wrong with it.
        reason: Cow<'static, str>,
    },
    /// Two arguments' shapes do not fit together.
    DimensionMismatch {
        /// The operation (`"gemm"`).
        op: &'static str,
        /// The argument whose shape is wrong.
        arg: &'static str,
        /// Expected versus found, in words.
        detail: String,
    },
    /// An output overlaps an input (or another output) in memory. Only
    /// boundaries that build views from raw pointers (the C ABI) can meet
    /// it: in Rust, views are borrows and cannot overlap an output.
    Aliasing {
        /// The operation.
        op: &'static str,
        /// The output argument.
        output: &'static str,
        /// The argument it overlaps.
        input: &'static str,
    },
    /// A LAPACK-backed operation was given a NaN or an infinity. Every
    /// floating-point input such an operation reads is checked before any
    /// backend runs (vendor LAPACKs crash, hang or exit on such input), so
    /// every backend answers the same.
    NonFinite {
        /// The operation.
        op: &'static str,
        /// The argument holding the value.
        arg: &'static str,
        /// 0-based row of the first non-finite entry found (the index, for a
        /// vector).
        row: usize,
        /// 0-based column of that entry (0 for a vector).
        col: usize,
    },
    /// An owned result or a copy could not be allocated: its size overflows
    /// the address space, or the allocator refused it. Never a panic or an
    /// abort.
    OutOfMemory {
        /// What was being allocated (`"matrix"`, `"vector"`).
        what: &'static str,
        /// Rows asked for (the length, for a vector).
        rows: usize,
        /// Columns asked for (1 for a vector).
        cols: usize,
        /// Bytes per element.
        elem_bytes: usize,
    },
    /// A computation on finite input overflowed: a factorization a composite
    /// operation (`solve`, `inv`, `qr`) produced ±∞ or NaN, so its second
    /// step cannot run. The input is too badly scaled for this precision.
    Overflow {
        /// The operation.
        op: &'static str,
    },
    /// Cholesky failed: the leading minor of this order (1-based) is not
    /// positive definite.
    NotPositiveDefinite {
        /// Order of the first leading minor that is not positive definite.
        minor: usize,
    },
    /// `U(k, k)` is exactly zero (1-based `k`): the matrix is singular.
    Singular {
        /// 1-based index of the zero pivot.
        pivot: usize,
    },
    /// An iterative algorithm (SVD, eigensolver) did not converge.
    NoConvergence {
        /// The operation.
        op: &'static str,
        /// LAPACK's `info` (how many values or superdiagonals did not converge),
        /// or 0 when the backend does not say.
        info: usize,
    },
    /// The backend does not implement this operation.
    Unsupported {
        /// The operation.
        op: &'static str,
        /// The backend's name.
        backend: String,
    },
    /// A backend could not be selected or loaded.
    BackendUnavailable {
        /// The name or path asked for.
        name: String,
        /// Every reason, one per attempt (path tried and the loader's message).
        reasons: Vec<String>,
    },
    /// The backend reported an error the engine's validation should have
    /// prevented (a bug in linmux or in the vendor library).
    Backend {
        /// The backend's name.
        backend: String,
        /// The routine.
        routine: &'static str,
        /// What it reported (e.g. LAPACK's negative `info`).
        detail: String,
    },
}

impl Error {
    /// An [`Error::InvalidArgument`] with a static reason.
    pub const fn invalid(arg: &'static str, reason: &'static str) -> Self {
        Error::InvalidArgument {
            arg,
            reason: Cow::Borrowed(reason),
        }
    }
    /// An [`Error::InvalidArgument`] with a formatted reason.
    pub fn invalid_owned(arg: &'static str, reason: String) -> Self {
        Error::InvalidArgument {
            arg,
            reason: Cow::Owned(reason),
        }
    }
    /// A [`Error::DimensionMismatch`].
    pub fn mismatch(op: &'static str, arg: &'static str, detail: String) -> Self {
        Error::DimensionMismatch { op, arg, detail }
    }
    /// The argument an [`Error::InvalidArgument`], [`Error::DimensionMismatch`],
    /// [`Error::NonFinite`] or [`Error::Aliasing`] names (the output, for
    /// aliasing).
    pub fn argument(&self) -> Option<&'static str> {
        match self {
            Error::InvalidArgument { arg, .. }
            | Error::DimensionMismatch { arg, .. }
            | Error::NonFinite { arg, .. } => Some(arg),
            Error::Aliasing { output, .. } => Some(output),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidArgument { arg, reason } => {
                write!(f, "invalid argument `{arg}`: {reason}")
            }
            Error::DimensionMismatch { op, arg, detail } => {
                write!(f, "{op}: dimension mismatch in `{arg}`: {detail}")
            }
            Error::Aliasing { op, output, input } => {
                write!(f, "{op}: output `{output}` overlaps `{input}` in memory")
            }
            Error::NonFinite { op, arg, row, col } => write!(
                f,
                "{op}: `{arg}` holds a NaN or an infinity at ({row}, {col}); \
                 LAPACK-backed operations take finite input only"
            ),
            Error::OutOfMemory {
                what,
                rows,
                cols,
                elem_bytes,
            } => {
                #[allow(clippy::cast_precision_loss, reason = "a size in GiB, for people")]
                let gib =
                    (*rows as f64) * (*cols as f64) * (*elem_bytes as f64) / (1u64 << 30) as f64;
                write!(
                    f,
                    "cannot allocate a {what} of {rows}×{cols} elements of {elem_bytes} bytes ({gib:.3e} GiB)"
                )
            }
            Error::Overflow { op } => write!(
                f,
                "{op}: the computation overflowed (an intermediate factor is not finite); \
                 the input is too badly scaled for this precision"
            ),
            Error::NotPositiveDefinite { minor } => {
                write!(
                    f,
                    "matrix is not positive definite: leading minor of order {minor} is not"
                )
            }
            Error::Singular { pivot } => {
                write!(f, "matrix is singular: U({pivot}, {pivot}) is exactly zero")
            }
            Error::NoConvergence { op, info } => write!(f, "{op} did not converge (info = {info})"),
            Error::Unsupported { op, backend } => {
                write!(
                    f,
                    "operation `{op}` is not supported by backend `{backend}`"
                )
            }
            Error::BackendUnavailable { name, reasons } => {
                write!(f, "backend `{name}` is unavailable")?;
                for r in reasons {
                    write!(f, "\n  - {r}")?;
                }
                Ok(())
            }
            Error::Backend {
                backend,
                routine,
                detail,
            } => {
                write!(f, "backend `{backend}` failed in {routine}: {detail}")
            }
        }
    }
}

impl std::error::Error for Error {}
