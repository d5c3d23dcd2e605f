//! Threads by problem size: the size of a call, and a backend's built-in
//! policy that caps its thread count for small problems.
//!
//! A call's *extent* is the largest dimension of any vector, matrix, band or
//! packed operand it gets ([`call_extent!`](crate::call_extent)): `n` for an
//! `n × n` product, the length for a dot product. Its [`Family`] says how
//! the work grows with it (BLAS level 1: `n`, level 2: `n²`, level 3 and
//! LAPACK: `n³`). A [`SizePolicy`] gives, per family, the smallest extent at
//! which more than one thread pays; below it a call runs on one thread.
//! Explicit thread settings stay an upper bound: the policy only ever uses
//! fewer threads than the backend's count, never more.

use std::fmt;

use crate::{BandMut, BandRef, Family, MatMut, MatRef, PackedMut, PackedRef, VecMut, VecRef};

/// Extents `from ≤ n < below` at which calls of one family run on one
/// thread. Empty (`from ≥ below`) when the family is left to the backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Serial {
    /// The smallest extent lowered to one thread (below it the vendor is
    /// single-threaded on its own, and the setter calls would only cost).
    pub from: usize,
    /// The first extent at which more threads pay again.
    pub below: usize,
}

impl Serial {
    /// No extent: the family is left to the backend.
    pub const NONE: Serial = Serial { from: 0, below: 0 };

    /// Every extent below `below`.
    pub const fn below(below: usize) -> Serial {
        Serial { from: 0, below }
    }

    /// Whether a call of this extent runs on one thread.
    #[inline]
    pub const fn contains(&self, extent: usize) -> bool {
        self.from <= extent && extent < self.below
    }
}

/// Per family, the extents at which a backend runs a call on one thread
/// whatever its count. Thresholds are measured: each backend writes its own
/// next to the figures that justify them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SizePolicy {
    /// BLAS level 1 (vector length).
    pub blas1: Serial,
    /// BLAS level 2 (the matrix's larger dimension).
    pub blas2: Serial,
    /// BLAS level 3 (the largest dimension).
    pub blas3: Serial,
    /// LAPACK (the matrix's larger dimension).
    pub lapack: Serial,
}

impl SizePolicy {
    /// The one-thread extents of `family`.
    #[inline]
    pub const fn serial(&self, family: Family) -> Serial {
        match family {
            Family::Blas1 => self.blas1,
            Family::Blas2 => self.blas2,
            Family::Blas3 => self.blas3,
            Family::Lapack => self.lapack,
        }
    }

    /// The thread count for a call of `family` with this `extent`, when the
    /// backend's count is `count`: 1 in the family's serial range, else `count`.
    #[inline]
    pub const fn threads(&self, family: Family, extent: usize, count: usize) -> usize {
        if self.serial(family).contains(extent) {
            1
        } else {
            count
        }
    }
}

impl fmt::Display for SizePolicy {
    /// `one thread at: blas2 96 ≤ n < 256, lapack n < 256` (`none` when
    /// every family is left to the backend).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one thread at:")?;
        let parts = [
            ("blas1", self.blas1),
            ("blas2", self.blas2),
            ("blas3", self.blas3),
            ("lapack", self.lapack),
        ];
        let mut first = true;
        for (name, s) in parts {
            if s.from >= s.below {
                continue;
            }
            let sep = if first { " " } else { ", " };
            first = false;
            match (s.from, s.below) {
                (0 | 1, usize::MAX) => write!(f, "{sep}{name} every n")?,
                (0 | 1, b) => write!(f, "{sep}{name} n < {b}")?,
                (a, usize::MAX) => write!(f, "{sep}{name} n ≥ {a}")?,
                (a, b) => write!(f, "{sep}{name} {a} ≤ n < {b}")?,
            }
        }
        if first {
            f.write_str(" none")?;
        }
        Ok(())
    }
}

/// An operand seen by [`call_extent!`](crate::call_extent).
#[doc(hidden)]
#[allow(missing_debug_implementations, reason = "a macro's temporary")]
pub struct Probe<'a, X: ?Sized>(pub &'a X);

/// The extent of a sized operand (a view); chosen over [`NoExtent`] by
/// method resolution when the operand is one.
#[doc(hidden)]
pub trait ViewExtent {
    fn extent(&self) -> usize;
}

/// Every other operand (scalars, flags, pivots) has none.
#[doc(hidden)]
pub trait NoExtent {
    #[inline]
    fn extent(&self) -> usize {
        0
    }
}

impl<X: ?Sized> NoExtent for &Probe<'_, X> {}

macro_rules! view_extent {
    ($($view:ident => |$v:ident| $e:expr;)*) => {$(
        impl<T: crate::Scalar> ViewExtent for Probe<'_, $view<'_, T>> {
            #[inline]
            fn extent(&self) -> usize {
                let $v = self.0;
                $e
            }
        }
    )*};
}

view_extent! {
    VecRef => |v| v.len();
    VecMut => |v| v.len();
    MatRef => |m| m.nrows().max(m.ncols());
    MatMut => |m| m.nrows().max(m.ncols());
    BandRef => |m| m.nrows().max(m.ncols());
    BandMut => |m| m.nrows().max(m.ncols());
    PackedRef => |p| p.n();
    PackedMut => |p| p.n();
}

impl<T: crate::Scalar> ViewExtent for Probe<'_, Option<MatMut<'_, T>>> {
    #[inline]
    fn extent(&self) -> usize {
        self.0.as_ref().map_or(0, |m| m.nrows().max(m.ncols()))
    }
}

/// The extent of a call: the largest dimension among its operands (see the
/// [module docs](crate::policy)). Takes the call's argument names.
#[macro_export]
#[doc(hidden)]
macro_rules! call_extent {
    ($($arg:ident),* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::policy::{NoExtent as _, ViewExtent as _};
        0usize $(.max((&$crate::policy::Probe(&$arg)).extent()))*
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mat, Trans, c64};

    #[test]
    fn extent_is_the_largest_dimension_of_any_view() {
        let a = Mat::<f64>::zeros(3, 7);
        let x = vec![c64::new(0.0, 0.0); 11];
        let (a, x, alpha, t) = (a.as_ref(), VecRef::from_slice(&x), 2.0f64, Trans::No);
        assert_eq!(call_extent!(t, alpha, a), 7);
        assert_eq!(call_extent!(x, a), 11);
        let none: Option<MatMut<'_, f32>> = None;
        assert_eq!(call_extent!(alpha, none), 0);
        let ipiv: &mut [usize] = &mut [0; 40];
        assert_eq!(call_extent!(ipiv, a), 7, "pivots are not an operand's size");
    }

    #[test]
    fn in_the_serial_range_one_thread_else_the_count() {
        let p = SizePolicy {
            blas1: Serial::NONE,
            blas2: Serial {
                from: 96,
                below: 256,
            },
            blas3: Serial::below(96),
            lapack: Serial {
                from: 0,
                below: usize::MAX,
            },
        };
        assert_eq!(p.threads(Family::Blas3, 95, 8), 1);
        assert_eq!(p.threads(Family::Blas3, 96, 8), 8);
        assert_eq!(
            p.threads(Family::Blas2, 95, 8),
            8,
            "below the range: the vendor's"
        );
        assert_eq!(p.threads(Family::Blas2, 96, 8), 1);
        assert_eq!(p.threads(Family::Lapack, 5000, 8), 1);
        assert_eq!(p.threads(Family::Blas1, 1 << 20, 3), 3);
        assert_eq!(
            p.to_string(),
            "one thread at: blas2 96 ≤ n < 256, blas3 n < 96, lapack every n"
        );
        let none = SizePolicy {
            blas1: Serial::NONE,
            blas2: Serial::NONE,
            blas3: Serial::NONE,
            lapack: Serial::NONE,
        };
        assert_eq!(none.to_string(), "one thread at: none");
    }
}
