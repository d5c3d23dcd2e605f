//! Views of packed triangular, symmetric and Hermitian matrices.
//!
//! BLAS packed storage (`spmv`, `tpmv`, `hpr`...) keeps one triangle of an
//! `n × n` matrix, column by column, in `n(n+1)/2` consecutive elements:
//!
//! | order | `uplo` | `(i, j)` at |
//! |---|---|---|
//! | column-major | upper (`i ≤ j`) | `i + j(j+1)/2` |
//! | column-major | lower (`i ≥ j`) | `i + (2n − j − 1)·j/2` |
//! | row-major | upper (`i ≤ j`) | as column-major lower of `Aᵀ` |
//! | row-major | lower (`i ≥ j`) | as column-major upper of `Aᵀ` |
//!
//! CBLAS's row-major packed storage goes row by row, which is column-major
//! storage of `Aᵀ` with the other triangle; a view keeps the `(uplo, order)`
//! pair it sees and transposing it flips both, copying nothing.

use core::fmt;
use core::marker::PhantomData;

use crate::error::{Error, Result};
use crate::flags::Uplo;
use crate::scalar::Scalar;

/// How packed storage orders the elements of its triangle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum PackedOrder {
    /// Column by column (BLAS, and CBLAS's `CblasColMajor`).
    #[default]
    ColMajor,
    /// Row by row (CBLAS's `CblasRowMajor`).
    RowMajor,
}

impl PackedOrder {
    /// The other order (the one a transposed view of the same storage shows).
    pub const fn flip(self) -> Self {
        match self {
            PackedOrder::ColMajor => PackedOrder::RowMajor,
            PackedOrder::RowMajor => PackedOrder::ColMajor,
        }
    }
}

/// `n(n+1)/2` without overflowing early, or `None` if it does not fit `isize`.
fn packed_len(n: usize) -> Option<usize> {
    // One of n, n + 1 is even: halve that one before multiplying.
    let len = if n.is_multiple_of(2) {
        (n / 2).checked_mul(n.checked_add(1)?)?
    } else {
        n.checked_mul(n.div_ceil(2))?
    };
    isize::try_from(len).ok().map(|_| len)
}

fn checked_packed_len(len: usize, n: usize) -> Result<()> {
    let need = packed_len(n).ok_or(Error::invalid("n", "n(n+1)/2 overflows isize"))?;
    if len < need {
        return Err(Error::invalid_owned(
            "ap",
            format!(
                "slice of length {len} is too short for a packed {n}×{n} triangle (needs n(n+1)/2 = {need})"
            ),
        ));
    }
    Ok(())
}

/// Offset of stored element `(i, j)`, `i, j < n`, or `None` if it is in the
/// triangle that is not stored.
///
/// The constructor checked `n(n+1)/2 ≤ isize::MAX`, so `2n`, `j(j+1)` and
/// `(2n − j − 1)·j` (each at most twice an offset) do not overflow.
fn packed_offset(n: usize, uplo: Uplo, order: PackedOrder, i: usize, j: usize) -> Option<usize> {
    // Row-major storage of A is column-major storage of Aᵀ with the other triangle.
    let (i, j, uplo) = match order {
        PackedOrder::ColMajor => (i, j, uplo),
        PackedOrder::RowMajor => (j, i, uplo.flip()),
    };
    match uplo {
        Uplo::Upper if i <= j => Some(i + j * (j + 1) / 2),
        Uplo::Lower if i >= j => Some(i + (2 * n - j - 1) * j / 2),
        _ => None,
    }
}

fn is_stored(uplo: Uplo, i: usize, j: usize) -> bool {
    match uplo {
        Uplo::Upper => i <= j,
        Uplo::Lower => i >= j,
    }
}

#[track_caller]
fn assert_in_shape(n: usize, i: usize, j: usize) {
    assert!(
        i < n && j < n,
        "index ({i}, {j}) out of bounds for a packed {n}×{n} matrix"
    );
}

#[allow(
    clippy::cast_possible_wrap,
    reason = "the constructor checked every offset is below n(n+1)/2 ≤ isize::MAX"
)]
fn as_offset(k: usize) -> isize {
    k as isize
}

/// Read-only view of an `n × n` matrix of which one triangle is stored in
/// BLAS packed storage (see the constructors for the two orders).
///
/// The view only addresses storage: whether the matrix is triangular,
/// symmetric or Hermitian is up to the operation that reads it.
pub struct PackedRef<'a, T> {
    ptr: *const T,
    n: usize,
    uplo: Uplo,
    order: PackedOrder,
    _marker: PhantomData<&'a T>,
}

impl<T> Clone for PackedRef<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for PackedRef<'_, T> {}

// SAFETY: a PackedRef is a shared borrow of `T`s; sharing it across threads is
// sound exactly when sharing `&T` is, i.e. when `T: Sync`.
unsafe impl<T: Sync> Send for PackedRef<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for PackedRef<'_, T> {}

impl<T> fmt::Debug for PackedRef<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PackedRef")
            .field("n", &self.n)
            .field("uplo", &self.uplo)
            .field("order", &self.order)
            .finish()
    }
}

impl<'a, T: Scalar> PackedRef<'a, T> {
    /// View of column-major packed storage (BLAS's `AP`) of the `uplo`
    /// triangle of an `n × n` matrix. Elements of `ap` past `n(n+1)/2` are
    /// ignored.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `ap` if it holds fewer than
    /// `n(n+1)/2` elements, or `n` if `n(n+1)/2` overflows `isize`.
    ///
    /// ```
    /// use linmux_core::{PackedRef, Uplo};
    /// // Upper triangle of [[1, 2, 4], [., 3, 5], [., ., 6]], column by column.
    /// let ap = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    /// let a = PackedRef::from_col_major(&ap, 3, Uplo::Upper)?;
    /// assert_eq!(a.get(1, 2), Some(5.0));
    /// assert_eq!(a.get(2, 1), None); // the lower triangle is not stored
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_col_major(ap: &'a [T], n: usize, uplo: Uplo) -> Result<Self> {
        checked_packed_len(ap.len(), n)?;
        Ok(Self {
            ptr: ap.as_ptr(),
            n,
            uplo,
            order: PackedOrder::ColMajor,
            _marker: PhantomData,
        })
    }

    /// View of CBLAS row-major packed storage (`CblasRowMajor`'s `Ap`) of the
    /// `uplo` triangle of an `n × n` matrix.
    ///
    /// # Errors
    /// As [`PackedRef::from_col_major`].
    ///
    /// ```
    /// use linmux_core::{PackedOrder, PackedRef, Uplo};
    /// // Upper triangle of [[1, 2, 3], [., 4, 5], [., ., 6]], row by row.
    /// let ap = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    /// let a = PackedRef::from_row_major(&ap, 3, Uplo::Upper)?;
    /// assert_eq!(a.get(1, 2), Some(5.0));
    /// // The same storage is the column-major lower triangle of Aᵀ.
    /// let t = a.transpose();
    /// assert_eq!((t.uplo(), t.order()), (Uplo::Lower, PackedOrder::ColMajor));
    /// assert_eq!(t.get(2, 1), Some(5.0));
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_row_major(ap: &'a [T], n: usize, uplo: Uplo) -> Result<Self> {
        checked_packed_len(ap.len(), n)?;
        Ok(Self {
            ptr: ap.as_ptr(),
            n,
            uplo,
            order: PackedOrder::RowMajor,
            _marker: PhantomData,
        })
    }

    /// Order `n` of the matrix.
    #[inline]
    pub fn n(&self) -> usize {
        self.n
    }
    /// The triangle that is stored, as seen through the view.
    #[inline]
    pub fn uplo(&self) -> Uplo {
        self.uplo
    }
    /// The storage order, as seen through the view.
    #[inline]
    pub fn order(&self) -> PackedOrder {
        self.order
    }
    /// Pointer to the first stored element (`AP(1)`).
    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
    /// Number of stored elements, `n(n+1)/2`.
    #[inline]
    pub fn len(&self) -> usize {
        // Checked by the constructor.
        packed_len(self.n).unwrap_or(0)
    }
    /// Whether the matrix is `0 × 0`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
    /// Whether `(i, j)` is inside the matrix and in the stored triangle.
    #[inline]
    pub fn is_stored(&self, i: usize, j: usize) -> bool {
        i < self.n && j < self.n && is_stored(self.uplo, i, j)
    }

    /// Element `(i, j)`, or `None` if it is in the triangle that is not stored.
    ///
    /// # Panics
    /// If `(i, j)` is outside the `n × n` matrix.
    #[inline]
    #[track_caller]
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        assert_in_shape(self.n, i, j);
        let k = packed_offset(self.n, self.uplo, self.order, i, j)?;
        // SAFETY: (i, j) is stored, so k < n(n+1)/2 ≤ the borrowed slice's length.
        Some(unsafe { *self.ptr.offset(as_offset(k)) })
    }

    /// The transpose `Aᵀ`, sharing storage: the other triangle in the other
    /// order (a column-major upper view of `A` is a row-major lower view of
    /// `Aᵀ`).
    #[must_use]
    pub fn transpose(self) -> Self {
        Self {
            uplo: self.uplo.flip(),
            order: self.order.flip(),
            ..self
        }
    }
}

/// Mutable view of an `n × n` matrix of which one triangle is stored in
/// packed storage; distinct stored elements are distinct slots.
pub struct PackedMut<'a, T> {
    ptr: *mut T,
    n: usize,
    uplo: Uplo,
    order: PackedOrder,
    _marker: PhantomData<&'a mut T>,
}

// SAFETY: a PackedMut is a unique borrow of `T`s; sending it is sound when `T: Send`.
unsafe impl<T: Send> Send for PackedMut<'_, T> {}
// SAFETY: shared access to a PackedMut only allows reads; sound when `T: Sync`.
unsafe impl<T: Sync> Sync for PackedMut<'_, T> {}

impl<T> fmt::Debug for PackedMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PackedMut")
            .field("n", &self.n)
            .field("uplo", &self.uplo)
            .field("order", &self.order)
            .finish()
    }
}

impl<'a, T: Scalar> PackedMut<'a, T> {
    /// Mutable view of column-major packed storage (see
    /// [`PackedRef::from_col_major`]).
    ///
    /// # Errors
    /// As [`PackedRef::from_col_major`].
    ///
    /// ```
    /// use linmux_core::{PackedMut, Uplo};
    /// let mut ap = [0.0; 6];
    /// let mut a = PackedMut::from_col_major(&mut ap, 3, Uplo::Lower)?;
    /// *a.at_mut(2, 1) = 7.0;
    /// assert_eq!(ap[4], 7.0); // i + (2n − j − 1)·j/2 = 2 + 4·1/2
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_col_major(ap: &'a mut [T], n: usize, uplo: Uplo) -> Result<Self> {
        checked_packed_len(ap.len(), n)?;
        Ok(Self {
            ptr: ap.as_mut_ptr(),
            n,
            uplo,
            order: PackedOrder::ColMajor,
            _marker: PhantomData,
        })
    }

    /// Mutable view of CBLAS row-major packed storage (see
    /// [`PackedRef::from_row_major`]).
    ///
    /// # Errors
    /// As [`PackedRef::from_col_major`].
    ///
    /// ```
    /// use linmux_core::{PackedMut, Uplo};
    /// let mut ap = [0.0; 6];
    /// let mut a = PackedMut::from_row_major(&mut ap, 3, Uplo::Lower)?;
    /// *a.at_mut(2, 1) = 7.0;
    /// assert_eq!(ap[4], 7.0); // rows 0 and 1 take 1 + 2 slots, then (2, 0), (2, 1)
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_row_major(ap: &'a mut [T], n: usize, uplo: Uplo) -> Result<Self> {
        checked_packed_len(ap.len(), n)?;
        Ok(Self {
            ptr: ap.as_mut_ptr(),
            n,
            uplo,
            order: PackedOrder::RowMajor,
            _marker: PhantomData,
        })
    }

    /// Order `n` of the matrix.
    #[inline]
    pub fn n(&self) -> usize {
        self.n
    }
    /// The triangle that is stored, as seen through the view.
    #[inline]
    pub fn uplo(&self) -> Uplo {
        self.uplo
    }
    /// The storage order, as seen through the view.
    #[inline]
    pub fn order(&self) -> PackedOrder {
        self.order
    }
    /// Pointer to the first stored element.
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr
    }
    /// Number of stored elements, `n(n+1)/2`.
    #[inline]
    pub fn len(&self) -> usize {
        packed_len(self.n).unwrap_or(0)
    }
    /// Whether the matrix is `0 × 0`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
    /// Whether `(i, j)` is inside the matrix and in the stored triangle.
    #[inline]
    pub fn is_stored(&self, i: usize, j: usize) -> bool {
        i < self.n && j < self.n && is_stored(self.uplo, i, j)
    }

    /// A read-only view of the same elements, borrowed from `self`.
    #[inline]
    pub fn rb(&self) -> PackedRef<'_, T> {
        // The PackedMut invariant implies the PackedRef one; `&self` prevents
        // writes through `self` while the PackedRef lives.
        PackedRef {
            ptr: self.ptr,
            n: self.n,
            uplo: self.uplo,
            order: self.order,
            _marker: PhantomData,
        }
    }
    /// A mutable view of the same elements, reborrowed from `self`.
    #[inline]
    pub fn rb_mut(&mut self) -> PackedMut<'_, T> {
        // Same elements; `&mut self` makes the reborrow unique.
        PackedMut {
            ptr: self.ptr,
            n: self.n,
            uplo: self.uplo,
            order: self.order,
            _marker: PhantomData,
        }
    }
    /// Converts into a read-only view with the full lifetime.
    #[inline]
    pub fn into_const(self) -> PackedRef<'a, T> {
        PackedRef {
            ptr: self.ptr,
            n: self.n,
            uplo: self.uplo,
            order: self.order,
            _marker: PhantomData,
        }
    }

    /// Element `(i, j)`, or `None` if it is in the triangle that is not stored.
    ///
    /// # Panics
    /// If `(i, j)` is outside the `n × n` matrix.
    #[inline]
    #[track_caller]
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        self.rb().get(i, j)
    }

    /// Mutable reference to stored element `(i, j)`.
    ///
    /// # Panics
    /// If `(i, j)` is outside the `n × n` matrix or in the triangle that is
    /// not stored.
    #[inline]
    #[track_caller]
    pub fn at_mut(&mut self, i: usize, j: usize) -> &mut T {
        assert_in_shape(self.n, i, j);
        let Some(k) = packed_offset(self.n, self.uplo, self.order, i, j) else {
            panic!(
                "index ({i}, {j}) is outside the stored {:?} triangle of a packed {}×{} matrix",
                self.uplo, self.n, self.n
            )
        };
        // SAFETY: k < n(n+1)/2 ≤ the borrowed slice's length; distinct stored
        // elements have distinct offsets and the view is unique, so the `&mut`
        // is exclusive for the borrow of `self`.
        unsafe { &mut *self.ptr.offset(as_offset(k)) }
    }

    /// The transpose, sharing storage (see [`PackedRef::transpose`]).
    #[must_use]
    pub fn transpose_mut(self) -> Self {
        Self {
            uplo: self.uplo.flip(),
            order: self.order.flip(),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::c64;

    fn iota(len: usize) -> Vec<f64> {
        (0..len).map(|k| k as f64).collect()
    }

    /// Offsets by walking the storage: column by column (or row by row),
    /// over the stored triangle.
    fn walk(n: usize, uplo: Uplo, order: PackedOrder) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for outer in 0..n {
            for inner in 0..n {
                let (i, j) = match order {
                    PackedOrder::ColMajor => (inner, outer),
                    PackedOrder::RowMajor => (outer, inner),
                };
                if is_stored(uplo, i, j) {
                    out.push((i, j));
                }
            }
        }
        out
    }

    const UPLOS: [Uplo; 2] = [Uplo::Upper, Uplo::Lower];

    #[test]
    fn offsets_follow_the_blas_formulas() {
        for n in [0, 1, 2, 3, 5, 8] {
            let data = iota(n * (n + 1) / 2);
            for uplo in UPLOS {
                let a = PackedRef::from_col_major(&data, n, uplo).unwrap();
                for j in 0..n {
                    for i in 0..n {
                        let want = match uplo {
                            Uplo::Upper => (i <= j).then(|| i + j * (j + 1) / 2),
                            Uplo::Lower => (i >= j).then(|| i + (2 * n - j - 1) * j / 2),
                        };
                        assert_eq!(a.get(i, j), want.map(|k| k as f64), "{uplo:?} ({i}, {j})");
                        assert_eq!(a.is_stored(i, j), want.is_some());
                    }
                }
                // Both orders enumerate the storage slots in sequence.
                for order in [PackedOrder::ColMajor, PackedOrder::RowMajor] {
                    let v = match order {
                        PackedOrder::ColMajor => PackedRef::from_col_major(&data, n, uplo),
                        PackedOrder::RowMajor => PackedRef::from_row_major(&data, n, uplo),
                    }
                    .unwrap();
                    assert_eq!(
                        (v.uplo(), v.order(), v.n(), v.len()),
                        (uplo, order, n, data.len())
                    );
                    for (k, (i, j)) in walk(n, uplo, order).into_iter().enumerate() {
                        assert_eq!(v.get(i, j), Some(k as f64), "{uplo:?} {order:?} ({i}, {j})");
                    }
                }
            }
        }
    }

    #[test]
    fn row_major_is_column_major_of_the_transpose() {
        let n = 5;
        let data = iota(n * (n + 1) / 2);
        for uplo in UPLOS {
            let r = PackedRef::from_row_major(&data, n, uplo).unwrap();
            let c = PackedRef::from_col_major(&data, n, uplo.flip()).unwrap();
            for i in 0..n {
                for j in 0..n {
                    assert_eq!(r.get(i, j), c.get(j, i));
                }
            }
        }
    }

    #[test]
    fn transpose_flips_uplo_and_order_and_round_trips() {
        for n in [0, 1, 2, 5] {
            let data = iota(n * (n + 1) / 2);
            for uplo in UPLOS {
                for a in [
                    PackedRef::from_col_major(&data, n, uplo).unwrap(),
                    PackedRef::from_row_major(&data, n, uplo).unwrap(),
                ] {
                    let t = a.transpose();
                    assert_eq!((t.uplo(), t.order()), (uplo.flip(), a.order().flip()));
                    assert_eq!(t.as_ptr(), a.as_ptr());
                    for i in 0..n {
                        for j in 0..n {
                            assert_eq!(t.get(j, i), a.get(i, j));
                        }
                    }
                    let tt = t.transpose();
                    assert_eq!((tt.uplo(), tt.order()), (a.uplo(), a.order()));
                }
            }
        }
        // The documented identity: column-major upper of A = row-major lower of Aᵀ.
        let data = iota(6);
        let a = PackedRef::from_col_major(&data, 3, Uplo::Upper).unwrap();
        let b = PackedRef::from_row_major(&data, 3, Uplo::Lower).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                assert_eq!(a.transpose().get(i, j), b.get(i, j));
            }
        }
    }

    #[test]
    fn same_matrix_in_both_orders_agrees() {
        let n = 4;
        let value = |i: usize, j: usize| c64::new(i as f64, j as f64);
        for uplo in UPLOS {
            let mut col = vec![c64::new(f64::NAN, 0.0); n * (n + 1) / 2];
            let mut row = col.clone();
            {
                let mut a = PackedMut::from_col_major(&mut col, n, uplo).unwrap();
                let mut b = PackedMut::from_row_major(&mut row, n, uplo).unwrap();
                for i in 0..n {
                    for j in 0..n {
                        if a.is_stored(i, j) {
                            *a.at_mut(i, j) = value(i, j);
                            *b.rb_mut().at_mut(i, j) = value(i, j);
                        }
                    }
                }
                assert_eq!(a.get(0, 0), b.rb().get(0, 0));
            }
            assert!(
                col.iter().chain(&row).all(|z| !z.re.is_nan()),
                "every slot written once"
            );
            let a = PackedRef::from_col_major(&col, n, uplo).unwrap();
            let b = PackedRef::from_row_major(&row, n, uplo).unwrap();
            for i in 0..n {
                for j in 0..n {
                    assert_eq!(a.get(i, j), b.get(i, j));
                }
            }
            if n > 1 {
                assert_ne!(col, row, "the orders differ in storage");
            }
        }
    }

    #[test]
    fn constructors_reject_bad_arguments() {
        let d = [0.0f64; 6];
        assert!(PackedRef::from_col_major(&d, 3, Uplo::Upper).is_ok());
        // Longer slices are fine.
        assert!(PackedRef::from_row_major(&d, 2, Uplo::Lower).is_ok());
        assert!(matches!(
            PackedRef::from_col_major(&d[..5], 3, Uplo::Upper),
            Err(Error::InvalidArgument { arg: "ap", .. })
        ));
        assert!(matches!(
            PackedRef::from_row_major(&d, 4, Uplo::Lower),
            Err(Error::InvalidArgument { arg: "ap", .. })
        ));
        let mut m = [0.0f64; 2];
        assert!(matches!(
            PackedMut::from_col_major(&mut m, 2, Uplo::Lower),
            Err(Error::InvalidArgument { arg: "ap", .. })
        ));
        assert!(matches!(
            PackedMut::from_row_major(&mut m, 2, Uplo::Upper),
            Err(Error::InvalidArgument { arg: "ap", .. })
        ));
        // n(n+1)/2 overflow is an error, not a wrap to a small length.
        for n in [usize::MAX, usize::MAX / 2, 1 << (usize::BITS / 2 + 1)] {
            assert!(matches!(
                PackedRef::from_col_major(&d, n, Uplo::Upper),
                Err(Error::InvalidArgument { arg: "n", .. })
            ));
        }
        // Empty matrices accept any slice.
        assert!(PackedRef::<f64>::from_col_major(&[], 0, Uplo::Upper).is_ok());
        assert!(PackedMut::<f64>::from_row_major(&mut [], 0, Uplo::Lower).is_ok());
        assert_eq!(
            PackedRef::from_col_major(&d[..2], 2, Uplo::Upper)
                .unwrap_err()
                .to_string(),
            "invalid argument `ap`: slice of length 2 is too short for a packed 2×2 triangle (needs n(n+1)/2 = 3)"
        );
    }

    #[test]
    fn packed_len_is_exact_near_the_limit() {
        assert_eq!(packed_len(0), Some(0));
        assert_eq!(packed_len(1), Some(1));
        assert_eq!(packed_len(4), Some(10));
        assert_eq!(packed_len(5), Some(15));
        // The largest n whose n(n+1)/2 fits isize, and the next one.
        let big = (1usize << (usize::BITS / 2)) - 1;
        assert_eq!(packed_len(big), Some(big * big.div_ceil(2)));
        assert_eq!(packed_len(big + 1), None);
    }

    #[test]
    fn mutable_views_write_through_transposes() {
        let mut ap = [0.0f64; 6];
        let a = PackedMut::from_col_major(&mut ap, 3, Uplo::Upper).unwrap();
        let mut t = a.transpose_mut();
        assert_eq!((t.uplo(), t.order()), (Uplo::Lower, PackedOrder::RowMajor));
        *t.at_mut(2, 0) = 4.0; // A(0, 2)
        let c = t.into_const();
        assert_eq!(c.transpose().get(0, 2), Some(4.0));
        assert_eq!(ap[3], 4.0); // i + j(j+1)/2 = 0 + 3
    }

    #[test]
    #[should_panic(expected = "out of bounds for a packed 3×3 matrix")]
    fn get_panics_outside_the_matrix() {
        let d = [0.0f64; 6];
        let _ = PackedRef::from_col_major(&d, 3, Uplo::Upper)
            .unwrap()
            .get(0, 3);
    }

    #[test]
    #[should_panic(expected = "outside the stored Upper triangle")]
    fn at_mut_panics_in_the_other_triangle() {
        let mut d = [0.0f64; 6];
        let mut a = PackedMut::from_col_major(&mut d, 3, Uplo::Upper).unwrap();
        let _ = a.at_mut(1, 0);
    }
}
