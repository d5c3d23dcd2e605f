//! The argument checks every operation is built from, with one wording.
//! Nothing here touches data; [`crate::checked`] puts them together, one
//! function per operation.

use crate::band::{BandMut, BandRef};
use crate::error::{Error, Result};
use crate::flags::{Trans, Uplo};
use crate::packed::{PackedMut, PackedRef};
use crate::scalar::Scalar;
use crate::view::{MatMut, MatRef, VecMut, VecRef};

/// The address range `[lo, hi)` a view can touch, or `None` when empty.
pub trait Footprint {
    /// `[lo, hi)` of the addresses the view can touch, or `None` when empty.
    fn span(&self) -> Option<(usize, usize)>;
}

/// `[lo, hi)` of the elements `ptr + Σ iₖ·strideₖ`, `iₖ < nₖ`. Plain
/// arithmetic is exact: a view's extent lies inside one allocation (its
/// invariant), so every product fits `isize`.
#[inline]
fn span_of<T>(ptr: *const T, dims: [(usize, isize); 2]) -> Option<(usize, usize)> {
    let size = size_of::<T>().cast_signed();
    let (mut lo, mut hi) = (0isize, 0isize);
    for (n, stride) in dims {
        if n == 0 {
            return None;
        }
        let reach = (n - 1)
            .cast_signed()
            .wrapping_mul(stride)
            .wrapping_mul(size);
        if reach < 0 {
            lo = lo.wrapping_add(reach);
        } else {
            hi = hi.wrapping_add(reach);
        }
    }
    let base = ptr as usize;
    Some((
        base.wrapping_add_signed(lo),
        base.wrapping_add_signed(hi).wrapping_add(size_of::<T>()),
    ))
}

impl<T: Scalar> Footprint for MatRef<'_, T> {
    #[inline]
    fn span(&self) -> Option<(usize, usize)> {
        span_of(
            self.as_ptr(),
            [
                (self.nrows(), self.row_stride()),
                (self.ncols(), self.col_stride()),
            ],
        )
    }
}
impl<T: Scalar> Footprint for MatMut<'_, T> {
    #[inline]
    fn span(&self) -> Option<(usize, usize)> {
        self.rb().span()
    }
}
impl<T: Scalar> Footprint for VecRef<'_, T> {
    #[inline]
    fn span(&self) -> Option<(usize, usize)> {
        span_of(self.as_ptr(), [(self.len(), self.stride()), (1, 0)])
    }
}
impl<T: Scalar> Footprint for VecMut<'_, T> {
    #[inline]
    fn span(&self) -> Option<(usize, usize)> {
        self.rb().span()
    }
}
impl<T> Footprint for &[T] {
    #[inline]
    fn span(&self) -> Option<(usize, usize)> {
        if self.is_empty() {
            None
        } else {
            let lo = self.as_ptr() as usize;
            Some((lo, lo + size_of_val(*self)))
        }
    }
}
impl<T> Footprint for &mut [T] {
    #[inline]
    fn span(&self) -> Option<(usize, usize)> {
        (&**self).span()
    }
}

impl<T: Scalar> Footprint for BandRef<'_, T> {
    /// The addresses of the band's elements only: the corners of the band
    /// array are never touched, so they may belong to another view.
    fn span(&self) -> Option<(usize, usize)> {
        let (m, n) = self.shape();
        let (rs, cs) = (self.row_stride(), self.col_stride());
        let size = size_of::<T>().cast_signed();
        let (mut lo, mut hi) = (isize::MAX, isize::MIN);
        for j in 0..n {
            let first = j.saturating_sub(self.ku());
            if first >= m {
                break;
            }
            let last = (j + self.kl()).min(m - 1);
            for i in [first, last] {
                // Offsets of band elements fit isize (the view's invariant).
                let off = i
                    .cast_signed()
                    .wrapping_mul(rs)
                    .wrapping_add(j.cast_signed().wrapping_mul(cs))
                    .wrapping_mul(size);
                lo = lo.min(off);
                hi = hi.max(off);
            }
        }
        if lo > hi {
            return None;
        }
        let base = self.as_ptr() as usize;
        Some((
            base.wrapping_add_signed(lo),
            base.wrapping_add_signed(hi).wrapping_add(size_of::<T>()),
        ))
    }
}
impl<T: Scalar> Footprint for BandMut<'_, T> {
    fn span(&self) -> Option<(usize, usize)> {
        self.rb().span()
    }
}
impl<T: Scalar> Footprint for PackedRef<'_, T> {
    fn span(&self) -> Option<(usize, usize)> {
        if self.is_empty() {
            None
        } else {
            let lo = self.as_ptr() as usize;
            Some((lo, lo + self.len() * size_of::<T>()))
        }
    }
}
impl<T: Scalar> Footprint for PackedMut<'_, T> {
    fn span(&self) -> Option<(usize, usize)> {
        self.rb().span()
    }
}

/// Operations CBLAS defines for real types only (`rotm`, `rotmg`, `sdsdot`,
/// `dsdot`): an error naming `arg` on complex types.
#[inline]
pub fn real_only<T: Scalar>(op: &'static str, arg: &'static str) -> Result<()> {
    if T::IS_COMPLEX {
        Err(Error::invalid_owned(
            arg,
            format!("{op} is defined for real types only"),
        ))
    } else {
        Ok(())
    }
}

/// A banded operand that must be square (`hbmv`, `tbmv`, `tbsv`): its order.
#[inline]
pub fn square_band<T: Scalar>(op: &'static str, a: &BandRef<'_, T>) -> Result<usize> {
    square(op, "a", a.shape())
}

/// Fails if `output`'s address range meets `input`'s. Conservative: two views
/// that interleave without sharing an element are also rejected.
///
/// The checked surface does not call this: a `MatMut`/`VecMut` is a unique
/// borrow, so safe Rust cannot hand an operation an output that overlaps an
/// input, and views built with `from_raw_parts` promise it in their safety
/// contract. It is for boundaries where raw pointers become views (the C
/// ABI), which must reject overlap before building the views.
#[inline]
pub fn no_alias(
    op: &'static str,
    output: (&'static str, &impl Footprint),
    input: (&'static str, &impl Footprint),
) -> Result<()> {
    if let (Some((a0, a1)), Some((b0, b1))) = (output.1.span(), input.1.span())
        && a0 < b1
        && b0 < a1
    {
        return Err(aliasing(op, output.0, input.0));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn aliasing(op: &'static str, output: &'static str, input: &'static str) -> Error {
    Error::Aliasing { op, output, input }
}

/// `found` must equal `expected`; the error names `arg` of `op`.
#[inline]
pub fn shape(
    op: &'static str,
    arg: &'static str,
    found: (usize, usize),
    expected: (usize, usize),
) -> Result<()> {
    if found == expected {
        Ok(())
    } else {
        Err(shape_error(op, arg, found, expected))
    }
}

#[cold]
#[inline(never)]
fn shape_error(
    op: &'static str,
    arg: &'static str,
    found: (usize, usize),
    expected: (usize, usize),
) -> Error {
    Error::mismatch(
        op,
        arg,
        format!(
            "expected {}×{}, found {}×{}",
            expected.0, expected.1, found.0, found.1
        ),
    )
}

/// A length must equal `expected`; the error names `arg` of `op`.
#[inline]
pub fn len(op: &'static str, arg: &'static str, found: usize, expected: usize) -> Result<()> {
    if found == expected {
        Ok(())
    } else {
        Err(len_error(op, arg, found, expected))
    }
}

#[cold]
#[inline(never)]
fn len_error(op: &'static str, arg: &'static str, found: usize, expected: usize) -> Error {
    Error::mismatch(
        op,
        arg,
        format!("expected length {expected}, found {found}"),
    )
}

/// The order of a square matrix, or an error naming `arg` of `op`.
#[inline]
pub fn square(op: &'static str, arg: &'static str, dims: (usize, usize)) -> Result<usize> {
    if dims.0 == dims.1 {
        Ok(dims.0)
    } else {
        Err(square_error(op, arg, dims))
    }
}

#[cold]
#[inline(never)]
fn square_error(op: &'static str, arg: &'static str, dims: (usize, usize)) -> Error {
    Error::mismatch(
        op,
        arg,
        format!("expected a square matrix, found {}×{}", dims.0, dims.1),
    )
}

/// `ipiv` must hold LAPACK-style interchanges: `i ≤ ipiv[i] < n`.
pub fn pivots(op: &'static str, ipiv: &[usize], n: usize) -> Result<()> {
    len(op, "ipiv", ipiv.len(), n)?;
    for (i, &p) in ipiv.iter().enumerate() {
        if p < i || p >= n {
            return Err(Error::invalid_owned(
                "ipiv",
                format!(
                    "ipiv[{i}] = {p} is not a row interchange of a {n}×{n} LU factorization (needs {i} ≤ ipiv[{i}] < {n})"
                ),
            ));
        }
    }
    Ok(())
}

/// `syrk`/`syr2k` take `No`/`Trans`; `herk`/`her2k` take `No`/`ConjTrans`. For
/// real types the two transposes are the same operation: normalize.
pub fn rank_k_trans<T: Scalar>(hermitian: bool, trans: Trans) -> Result<Trans> {
    match (T::IS_COMPLEX, hermitian, trans) {
        (_, _, Trans::No) => Ok(Trans::No),
        (false, false, _) => Ok(Trans::Trans),
        (false, true, _) => Ok(Trans::ConjTrans),
        (true, false, Trans::Trans) => Ok(Trans::Trans),
        (true, true, Trans::ConjTrans) => Ok(Trans::ConjTrans),
        (true, false, _) => Err(Error::invalid(
            "trans",
            "complex syrk/syr2k take Trans::No or Trans::Trans",
        )),
        (true, true, _) => Err(Error::invalid(
            "trans",
            "herk/her2k take Trans::No or Trans::ConjTrans",
        )),
    }
}

/// `gels` takes `No` or the adjoint (`Trans` for real types, `ConjTrans` for complex).
pub fn gels_trans<T: Scalar>(trans: Trans) -> Result<Trans> {
    match (T::IS_COMPLEX, trans) {
        (_, Trans::No) => Ok(Trans::No),
        (false, _) => Ok(Trans::Trans),
        (true, Trans::ConjTrans) => Ok(Trans::ConjTrans),
        (true, Trans::Trans) => Err(Error::invalid(
            "trans",
            "complex gels takes Trans::No or Trans::ConjTrans",
        )),
    }
}

/// Which entries of a matrix an operation reads (for [`finite`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Every entry.
    All,
    /// The `uplo` triangle, diagonal included.
    Triangle(Uplo),
    /// The entries strictly below the diagonal of the first `k` columns
    /// (Householder reflectors, as `ungqr` reads them).
    Reflectors(usize),
    /// The first `r` rows (the right-hand sides `gels` reads).
    Rows(usize),
}

/// Fails with [`Error::NonFinite`] naming `arg` at the first NaN or
/// infinity among the entries of `a` that `part` selects (column by
/// column). `O(entries)`: the check LAPACK-backed operations run before any
/// backend.
pub fn finite<T: Scalar>(
    op: &'static str,
    arg: &'static str,
    a: &MatRef<'_, T>,
    part: Part,
) -> Result<()> {
    let (m, n) = a.shape();
    for j in 0..n {
        let rows = match part {
            Part::All => 0..m,
            Part::Triangle(Uplo::Upper) => 0..(j + 1).min(m),
            Part::Triangle(Uplo::Lower) => j.min(m)..m,
            Part::Reflectors(k) if j < k => (j + 1).min(m)..m,
            Part::Reflectors(_) => 0..0,
            Part::Rows(r) => 0..r.min(m),
        };
        for i in rows {
            if !is_finite(a.at(i, j)) {
                return Err(non_finite(op, arg, i, j));
            }
        }
    }
    Ok(())
}

/// [`finite`] for a slice of scalars (`tau`).
pub fn finite_slice<T: Scalar>(op: &'static str, arg: &'static str, x: &[T]) -> Result<()> {
    match x.iter().position(|&v| !is_finite(v)) {
        Some(i) => Err(non_finite(op, arg, i, 0)),
        None => Ok(()),
    }
}

#[inline]
fn is_finite<T: Scalar>(v: T) -> bool {
    num_traits::Float::is_finite(v.re()) && num_traits::Float::is_finite(v.im())
}

#[cold]
#[inline(never)]
fn non_finite(op: &'static str, arg: &'static str, row: usize, col: usize) -> Error {
    Error::NonFinite { op, arg, row, col }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_views_are_detected() {
        let mut buf = [0.0f64; 12];
        let (a, b) = buf.split_at_mut(6);
        let a = MatMut::from_col_major(a, 2, 3).unwrap();
        let b = MatRef::from_col_major(b, 2, 3).unwrap();
        assert!(no_alias("t", ("c", &a), ("b", &b)).is_ok());
        let whole = [1.0f64; 12];
        let x = MatRef::from_col_major(&whole, 3, 4).unwrap();
        let sub = x.submatrix(1, 1, 2, 2);
        assert!(no_alias("t", ("c", &x), ("b", &sub)).is_err());
        let empty = MatRef::<f64>::from_col_major(&[], 0, 3).unwrap();
        assert!(no_alias("t", ("c", &x), ("b", &empty)).is_ok());
    }

    #[test]
    fn pivots_must_be_interchanges() {
        assert!(pivots("getrs", &[1, 1, 2], 3).is_ok());
        assert!(pivots("getrs", &[0, 0, 2], 3).is_err());
        assert!(pivots("getrs", &[0, 3, 2], 3).is_err());
        assert!(pivots("getrs", &[0, 1], 3).is_err());
    }
}
