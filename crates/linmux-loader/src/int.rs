//! The integer type of a BLAS/LAPACK interface.

use core::fmt::Debug;

use linmux_core::IntWidth;

mod sealed {
    pub trait Sealed {}
    impl Sealed for i32 {}
    impl Sealed for i64 {}
}

/// `i32` (LP64) or `i64` (ILP64): the integer every table entry takes. Sealed.
pub trait BlasInt:
    sealed::Sealed
    + Copy
    + Send
    + Sync
    + Debug
    + Default
    + Eq
    + Ord
    + TryFrom<usize>
    + TryFrom<isize>
    + TryInto<usize>
    + Into<i64>
    + 'static
{
    /// The width this type stands for.
    const WIDTH: IntWidth;
    /// Zero.
    const ZERO: Self;
    /// LAPACK's workspace-query value, `-1`.
    const MINUS_ONE: Self;
    /// The largest value, as `usize` (for messages).
    const MAX_USIZE: usize;
}

impl BlasInt for i32 {
    const WIDTH: IntWidth = IntWidth::Lp64;
    const ZERO: Self = 0;
    const MINUS_ONE: Self = -1;
    #[allow(clippy::cast_sign_loss, reason = "i32::MAX is positive")]
    const MAX_USIZE: usize = i32::MAX as usize;
}

impl BlasInt for i64 {
    const WIDTH: IntWidth = IntWidth::Ilp64;
    const ZERO: Self = 0;
    const MINUS_ONE: Self = -1;
    #[allow(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "i64::MAX fits usize on the 64-bit targets ILP64 exists on; saturates otherwise"
    )]
    const MAX_USIZE: usize = if usize::BITS >= 64 {
        i64::MAX as usize
    } else {
        usize::MAX
    };
}
