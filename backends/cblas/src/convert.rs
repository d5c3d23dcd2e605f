//! The one checked conversion to BLAS integers, and LAPACK `info` mapping.

use core::fmt::Display;

use linmux_core::{Error, Result};
use linmux_loader::BlasInt;

/// `v` as the library's integer type, or [`Error::InvalidArgument`] naming
/// `arg` when it does not fit (never a truncation: a truncated dimension is an
/// out-of-bounds write in vendor code).
#[inline]
pub(crate) fn int<I, V>(v: V, arg: &'static str) -> Result<I>
where
    I: BlasInt + TryFrom<V>,
    V: Copy + Display,
{
    match I::try_from(v) {
        Ok(i) => Ok(i),
        Err(_) => Err(does_not_fit::<I>(v.to_string(), arg)),
    }
}

#[cold]
#[inline(never)]
fn does_not_fit<I: BlasInt>(v: String, arg: &'static str) -> Error {
    Error::invalid_owned(
        arg,
        format!(
            "{v} does not fit the library's {}-bit integer (max {})",
            if I::MAX_USIZE > i32::MAX as usize {
                64
            } else {
                32
            },
            I::MAX_USIZE
        ),
    )
}

/// A non-negative BLAS integer back to `usize`.
pub(crate) fn to_usize<I: BlasInt>(v: I, backend: &str, routine: &'static str) -> Result<usize> {
    v.try_into().map_err(|_| Error::Backend {
        backend: backend.to_owned(),
        routine,
        detail: format!("returned the out-of-range integer {v:?}"),
    })
}

/// What a positive LAPACK `info` means for a routine.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Positive {
    /// `U(info, info)` is exactly zero.
    Singular,
    /// The leading minor of order `info` is not positive definite.
    NotPositiveDefinite,
    /// The algorithm did not converge.
    NoConvergence,
    /// The routine never returns a positive `info`.
    Never,
}

/// Maps LAPACK's `info` to linmux's errors: the one place that does.
pub(crate) fn check_info<I: BlasInt>(
    backend: &str,
    routine: &'static str,
    prefix: char,
    info: I,
    positive: Positive,
) -> Result<()> {
    let v: i64 = info.into();
    if v == 0 {
        return Ok(());
    }
    if v < 0 {
        return Err(Error::Backend {
            backend: backend.to_owned(),
            routine,
            detail: format!("{prefix}{routine} rejected argument {} (info = {v})", -v),
        });
    }
    let k = usize::try_from(v).unwrap_or(usize::MAX);
    Err(match positive {
        Positive::Singular => Error::Singular { pivot: k },
        Positive::NotPositiveDefinite => Error::NotPositiveDefinite { minor: k },
        Positive::NoConvergence => Error::NoConvergence {
            op: routine,
            info: k,
        },
        Positive::Never => Error::Backend {
            backend: backend.to_owned(),
            routine,
            detail: format!("{prefix}{routine} returned the unexpected info = {v}"),
        },
    })
}

/// A workspace size LAPACK returned in `work[0]` (a floating-point value),
/// rounded up with a margin (single-precision queries can round down).
pub(crate) fn lwork_from(w: f64, minimum: usize) -> usize {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a finite non-negative workspace size; saturating is fine"
    )]
    let q = if w.is_finite() && w > 0.0 {
        (w * (1.0 + 1e-6)).ceil() as usize
    } else {
        0
    };
    q.max(minimum).max(1)
}
