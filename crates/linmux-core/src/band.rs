//! Views of banded matrices in BLAS band storage.
//!
//! An `m × n` matrix with `kl` sub- and `ku` super-diagonals keeps only the
//! elements `(i, j)` with `j − ku ≤ i ≤ j + kl`: the *band*. BLAS (`gbmv`,
//! `sbmv`, `tbmv`...) stores column `j` of the band in column `j` of an
//! `ldab × n` array, element `(i, j)` at row `ku + i − j`; CBLAS's row-major
//! form stores row `i` of the band in row `i` of an `m × lda` array, element
//! `(i, j)` at column `kl + j − i`. Both place `(i, j)` at
//! `ptr + i·row_stride + j·col_stride` for a fixed `ptr`:
//!
//! | storage | `ptr` | `row_stride` | `col_stride` |
//! |---|---|---|---|
//! | column-major, `ldab` | `data + ku` | `1` | `ldab − 1` |
//! | row-major, `lda` | `data + kl` | `lda − 1` | `1` |
//!
//! so a band view is a strided view whose valid indices are the band, and
//! transposing it swaps the shape, `kl`/`ku` and the strides, copying
//! nothing (row-major storage of `A` *is* column-major storage of `Aᵀ`, which
//! is how CBLAS maps its row-major band routines onto BLAS).

use core::fmt;
use core::marker::PhantomData;

use crate::error::{Error, Result};
use crate::scalar::Scalar;

fn to_isize(x: usize, what: &'static str) -> Result<isize> {
    isize::try_from(x).map_err(|_| Error::invalid(what, "stride overflows isize"))
}

/// Offset from the start of column-major band storage of the band element
/// with the highest offset (`m, n ≥ 1`, `ld ≥ kl + ku + 1`), or `None` on
/// overflow.
///
/// Within a column offsets grow with the row; the offset of a column's last
/// band element never decreases from one column to the next (it moves by
/// `ld − 1` or `ld ≥ 1`), so the highest offset is the last band element of
/// the last column that has any.
fn last_band_offset(m: usize, n: usize, kl: usize, ku: usize, ld: usize) -> Option<usize> {
    // Column j holds band elements iff j ≤ m − 1 + ku.
    let j = (n - 1).min((m - 1).saturating_add(ku));
    let i = (m - 1).min(j.saturating_add(kl));
    // Row ku + i − j of the band array: j − ku ≤ i ≤ j + kl, so 0 ≤ row ≤ kl + ku.
    let row = if i >= j { ku + (i - j) } else { ku - (j - i) };
    j.checked_mul(ld)?.checked_add(row)
}

/// Checks band storage of an `m × n` matrix in a slice of length `len` and
/// returns `(base, row_stride, col_stride)`: element `(i, j)` of the band is
/// at `base + i·row_stride + j·col_stride`.
fn band_layout(
    len: usize,
    (m, n, kl, ku): (usize, usize, usize, usize),
    ld: usize,
    ld_arg: &'static str,
    row_major: bool,
) -> Result<(usize, isize, isize)> {
    let width = kl
        .checked_add(ku)
        .and_then(|w| w.checked_add(1))
        .ok_or(Error::invalid("ku", "kl + ku + 1 overflows usize"))?;
    if ld < width {
        return Err(Error::invalid_owned(
            ld_arg,
            format!("leading dimension {ld} is smaller than kl + ku + 1 = {width}"),
        ));
    }
    let step = to_isize(ld - 1, ld_arg)?;
    if m > 0 && n > 0 {
        // Row-major storage of A is column-major storage of Aᵀ.
        let last = if row_major {
            last_band_offset(n, m, ku, kl, ld)
        } else {
            last_band_offset(m, n, kl, ku, ld)
        }
        .ok_or(Error::invalid("data", "band extent overflows usize"))?;
        isize::try_from(last).map_err(|_| Error::invalid("data", "band extent overflows isize"))?;
        if last >= len {
            return Err(Error::invalid_owned(
                "data",
                format!(
                    "slice of length {len} is too short for a {m}×{n} band matrix with kl = {kl}, \
                     ku = {ku} in {} storage with {ld_arg} = {ld} (needs {})",
                    if row_major {
                        "row-major"
                    } else {
                        "column-major"
                    },
                    last + 1
                ),
            ));
        }
    }
    Ok(if row_major {
        (kl, step, 1)
    } else {
        (ku, 1, step)
    })
}

fn in_band(m: usize, n: usize, kl: usize, ku: usize, i: usize, j: usize) -> bool {
    i < m && j < n && j <= i.saturating_add(ku) && i <= j.saturating_add(kl)
}

#[track_caller]
fn assert_in_shape(m: usize, n: usize, i: usize, j: usize) {
    assert!(
        i < m && j < n,
        "index ({i}, {j}) out of bounds for a {m}×{n} band matrix"
    );
}

/// Offset of band element `(i, j)` from the view's pointer.
///
/// The caller guarantees `(i, j)` is in the band; the view invariant then
/// makes `i·rs`, `j·cs` and their sum fit `isize` (each is at most the
/// element's offset in the borrowed slice).
#[allow(
    clippy::cast_possible_wrap,
    reason = "band indices fit isize by the view invariant"
)]
fn band_offset(rs: isize, cs: isize, i: usize, j: usize) -> isize {
    i as isize * rs + j as isize * cs
}

/// Read-only view of an `m × n` banded matrix with `kl` sub- and `ku`
/// super-diagonals in BLAS band storage: element `(i, j)` of the band at
/// `ptr + i·row_stride + j·col_stride` (see the constructors).
///
/// Only the band `j − ku ≤ i ≤ j + kl` can be read; the rest of the matrix is
/// implicitly zero, and the storage slots outside the band (the corners of
/// the band array, padding rows) are never touched.
pub struct BandRef<'a, T> {
    ptr: *const T,
    nrows: usize,
    ncols: usize,
    kl: usize,
    ku: usize,
    rs: isize,
    cs: isize,
    // Whether the storage seen through the view is column-major band storage
    // (`rs == 1`, array start `ptr − ku`) or row-major (`cs == 1`, `ptr − kl`).
    col_major: bool,
    _marker: PhantomData<&'a T>,
}

impl<T> Clone for BandRef<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for BandRef<'_, T> {}

// SAFETY: a BandRef is a shared borrow of `T`s; sharing it across threads is
// sound exactly when sharing `&T` is, i.e. when `T: Sync`.
unsafe impl<T: Sync> Send for BandRef<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for BandRef<'_, T> {}

impl<T> fmt::Debug for BandRef<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BandRef")
            .field("nrows", &self.nrows)
            .field("ncols", &self.ncols)
            .field("kl", &self.kl)
            .field("ku", &self.ku)
            .field("row_stride", &self.rs)
            .field("col_stride", &self.cs)
            .finish()
    }
}

impl<'a, T: Scalar> BandRef<'a, T> {
    /// View of LAPACK/BLAS column-major band storage: element `(i, j)` of the
    /// band at `data[(ku + i − j) + j·ldab]`, as `gbmv`'s `A` with `lda = ldab`.
    ///
    /// `data` must hold every band element; it may end right after the last
    /// one (the unused corner of the last column need not exist). An empty
    /// matrix accepts any slice.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `ldab` if `ldab < kl + ku + 1`,
    /// `data` if the slice is too short, or `ku` if `kl + ku + 1` overflows.
    ///
    /// ```
    /// use linmux_core::BandRef;
    /// // 3×3 tridiagonal [[1, 2, 0], [4, 5, 3], [0, 7, 6]]; `*` is never read.
    /// let data = [
    ///     -1.0, 1.0, 4.0, // column 0: *, a00, a10
    ///     2.0, 5.0, 7.0, //  column 1: a01, a11, a21
    ///     3.0, 6.0, -1.0, // column 2: a12, a22, *
    /// ];
    /// let a = BandRef::from_col_major(&data, 3, 3, 1, 1, 3)?;
    /// assert_eq!(a.get(2, 1), Some(7.0));
    /// assert_eq!(a.get(2, 0), None); // outside the band
    /// assert_eq!(a.col_major_ldab(), Some(3));
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_col_major(
        data: &'a [T],
        m: usize,
        n: usize,
        kl: usize,
        ku: usize,
        ldab: usize,
    ) -> Result<Self> {
        let (base, rs, cs) = band_layout(data.len(), (m, n, kl, ku), ldab, "ldab", false)?;
        Ok(Self {
            // In bounds when the matrix is non-empty (band_layout checked the
            // band, which contains (0, 0) at `base`); never dereferenced otherwise.
            ptr: data.as_ptr().wrapping_add(base),
            nrows: m,
            ncols: n,
            kl,
            ku,
            rs,
            cs,
            col_major: true,
            _marker: PhantomData,
        })
    }

    /// View of CBLAS row-major band storage: element `(i, j)` of the band at
    /// `data[(kl + j − i) + i·lda]`, as `cblas_?gbmv(CblasRowMajor, ...)`'s `A`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `lda` if `lda < kl + ku + 1`, `data`
    /// if the slice is too short, or `ku` if `kl + ku + 1` overflows.
    ///
    /// ```
    /// use linmux_core::BandRef;
    /// // The same tridiagonal matrix as in `from_col_major`, row by row.
    /// let data = [
    ///     -1.0, 1.0, 2.0, // row 0: *, a00, a01
    ///     4.0, 5.0, 3.0, //  row 1: a10, a11, a12
    ///     7.0, 6.0, -1.0, // row 2: a21, a22, *
    /// ];
    /// let a = BandRef::from_row_major(&data, 3, 3, 1, 1, 3)?;
    /// assert_eq!(a.get(2, 1), Some(7.0));
    /// assert_eq!(a.row_major_lda(), Some(3));
    /// assert_eq!(a.transpose().col_major_ldab(), Some(3));
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_row_major(
        data: &'a [T],
        m: usize,
        n: usize,
        kl: usize,
        ku: usize,
        lda: usize,
    ) -> Result<Self> {
        let (base, rs, cs) = band_layout(data.len(), (m, n, kl, ku), lda, "lda", true)?;
        Ok(Self {
            // As in from_col_major.
            ptr: data.as_ptr().wrapping_add(base),
            nrows: m,
            ncols: n,
            kl,
            ku,
            rs,
            cs,
            col_major: false,
            _marker: PhantomData,
        })
    }

    /// Number of rows `m`.
    #[inline]
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    /// Number of columns `n`.
    #[inline]
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    /// `(m, n)`.
    #[inline]
    pub fn shape(&self) -> (usize, usize) {
        (self.nrows, self.ncols)
    }
    /// Number of subdiagonals `kl`.
    #[inline]
    pub fn kl(&self) -> usize {
        self.kl
    }
    /// Number of superdiagonals `ku`.
    #[inline]
    pub fn ku(&self) -> usize {
        self.ku
    }
    /// Element distance between `(i, j)` and `(i + 1, j)`.
    #[inline]
    pub fn row_stride(&self) -> isize {
        self.rs
    }
    /// Element distance between `(i, j)` and `(i, j + 1)`.
    #[inline]
    pub fn col_stride(&self) -> isize {
        self.cs
    }
    /// Pointer to element `(0, 0)` (dangling if the matrix is empty).
    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
    /// Whether the matrix has no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.nrows == 0 || self.ncols == 0
    }

    /// Whether `(i, j)` is inside the matrix and its band
    /// (`j − ku ≤ i ≤ j + kl`).
    #[inline]
    pub fn in_band(&self, i: usize, j: usize) -> bool {
        in_band(self.nrows, self.ncols, self.kl, self.ku, i, j)
    }

    /// Element `(i, j)`, or `None` outside the band (where the matrix is zero
    /// and nothing is stored).
    ///
    /// # Panics
    /// If `(i, j)` is outside the `m × n` matrix.
    #[inline]
    #[track_caller]
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        assert_in_shape(self.nrows, self.ncols, i, j);
        if self.in_band(i, j) {
            // SAFETY: (i, j) is in the band, whose every element lies inside the
            // borrowed slice at this offset (checked by the constructor).
            Some(unsafe { *self.ptr.offset(band_offset(self.rs, self.cs, i, j)) })
        } else {
            None
        }
    }

    /// The transpose `Aᵀ` (`n × m`, `ku` sub- and `kl` superdiagonals),
    /// sharing storage.
    #[must_use]
    pub fn transpose(self) -> Self {
        Self {
            nrows: self.ncols,
            ncols: self.nrows,
            kl: self.ku,
            ku: self.kl,
            rs: self.cs,
            cs: self.rs,
            col_major: !self.col_major,
            ..self
        }
    }

    /// The leading dimension `ldab` if the view is column-major band storage
    /// (then `row_stride == 1` and `col_stride == ldab − 1`): the BLAS band
    /// array starts at `as_ptr().wrapping_sub(ku)`, inside the borrowed slice.
    ///
    /// `None` for row-major storage, even when `lda = 2` makes its row stride
    /// 1: the array's start could then lie before the slice.
    pub fn col_major_ldab(&self) -> Option<usize> {
        ld_of(self.col_major, self.cs)
    }

    /// The leading dimension `lda` if the view is CBLAS row-major band storage
    /// (then `col_stride == 1` and `row_stride == lda − 1`): the band array
    /// starts at `as_ptr().wrapping_sub(kl)`, inside the borrowed slice.
    pub fn row_major_lda(&self) -> Option<usize> {
        ld_of(!self.col_major, self.rs)
    }
}

fn ld_of(applies: bool, stride: isize) -> Option<usize> {
    // The stride is ld − 1 for an ld that was a usize.
    applies
        .then(|| usize::try_from(stride).ok().map(|s| s + 1))
        .flatten()
}

/// Mutable view of an `m × n` banded matrix in BLAS band storage; distinct
/// band elements are distinct storage slots.
pub struct BandMut<'a, T> {
    ptr: *mut T,
    nrows: usize,
    ncols: usize,
    kl: usize,
    ku: usize,
    rs: isize,
    cs: isize,
    col_major: bool,
    _marker: PhantomData<&'a mut T>,
}

// SAFETY: a BandMut is a unique borrow of `T`s; sending it is sound when `T: Send`.
unsafe impl<T: Send> Send for BandMut<'_, T> {}
// SAFETY: shared access to a BandMut only allows reads; sound when `T: Sync`.
unsafe impl<T: Sync> Sync for BandMut<'_, T> {}

impl<T> fmt::Debug for BandMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BandMut")
            .field("nrows", &self.nrows)
            .field("ncols", &self.ncols)
            .field("kl", &self.kl)
            .field("ku", &self.ku)
            .field("row_stride", &self.rs)
            .field("col_stride", &self.cs)
            .finish()
    }
}

impl<'a, T: Scalar> BandMut<'a, T> {
    /// Mutable view of column-major band storage (see
    /// [`BandRef::from_col_major`]).
    ///
    /// # Errors
    /// As [`BandRef::from_col_major`].
    ///
    /// ```
    /// use linmux_core::BandMut;
    /// // 2×3 upper bidiagonal (kl = 0, ku = 1) with ldab = 2.
    /// let mut data = [0.0; 6];
    /// let mut a = BandMut::from_col_major(&mut data, 2, 3, 0, 1, 2)?;
    /// *a.at_mut(1, 2) = 5.0;
    /// assert_eq!(data[4], 5.0); // (ku + i − j) + j·ldab = (1 + 1 − 2) + 2·2
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_col_major(
        data: &'a mut [T],
        m: usize,
        n: usize,
        kl: usize,
        ku: usize,
        ldab: usize,
    ) -> Result<Self> {
        let (base, rs, cs) = band_layout(data.len(), (m, n, kl, ku), ldab, "ldab", false)?;
        Ok(Self {
            ptr: data.as_mut_ptr().wrapping_add(base),
            nrows: m,
            ncols: n,
            kl,
            ku,
            rs,
            cs,
            col_major: true,
            _marker: PhantomData,
        })
    }

    /// Mutable view of CBLAS row-major band storage (see
    /// [`BandRef::from_row_major`]).
    ///
    /// # Errors
    /// As [`BandRef::from_row_major`].
    ///
    /// ```
    /// use linmux_core::BandMut;
    /// // 3×2 lower bidiagonal (kl = 1, ku = 0) with lda = 2.
    /// let mut data = [0.0; 6];
    /// let mut a = BandMut::from_row_major(&mut data, 3, 2, 1, 0, 2)?;
    /// *a.at_mut(2, 1) = 5.0;
    /// assert_eq!(data[4], 5.0); // (kl + j − i) + i·lda = (1 + 1 − 2) + 2·2
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_row_major(
        data: &'a mut [T],
        m: usize,
        n: usize,
        kl: usize,
        ku: usize,
        lda: usize,
    ) -> Result<Self> {
        let (base, rs, cs) = band_layout(data.len(), (m, n, kl, ku), lda, "lda", true)?;
        Ok(Self {
            ptr: data.as_mut_ptr().wrapping_add(base),
            nrows: m,
            ncols: n,
            kl,
            ku,
            rs,
            cs,
            col_major: false,
            _marker: PhantomData,
        })
    }

    /// Number of rows `m`.
    #[inline]
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    /// Number of columns `n`.
    #[inline]
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    /// `(m, n)`.
    #[inline]
    pub fn shape(&self) -> (usize, usize) {
        (self.nrows, self.ncols)
    }
    /// Number of subdiagonals `kl`.
    #[inline]
    pub fn kl(&self) -> usize {
        self.kl
    }
    /// Number of superdiagonals `ku`.
    #[inline]
    pub fn ku(&self) -> usize {
        self.ku
    }
    /// Element distance between `(i, j)` and `(i + 1, j)`.
    #[inline]
    pub fn row_stride(&self) -> isize {
        self.rs
    }
    /// Element distance between `(i, j)` and `(i, j + 1)`.
    #[inline]
    pub fn col_stride(&self) -> isize {
        self.cs
    }
    /// Pointer to element `(0, 0)` (dangling if the matrix is empty).
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr
    }
    /// Whether the matrix has no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.nrows == 0 || self.ncols == 0
    }
    /// Whether `(i, j)` is inside the matrix and its band.
    #[inline]
    pub fn in_band(&self, i: usize, j: usize) -> bool {
        in_band(self.nrows, self.ncols, self.kl, self.ku, i, j)
    }

    /// A read-only view of the same elements, borrowed from `self`.
    #[inline]
    pub fn rb(&self) -> BandRef<'_, T> {
        // The BandMut invariant implies the BandRef one; `&self` prevents
        // writes through `self` while the BandRef lives.
        BandRef {
            ptr: self.ptr,
            nrows: self.nrows,
            ncols: self.ncols,
            kl: self.kl,
            ku: self.ku,
            rs: self.rs,
            cs: self.cs,
            col_major: self.col_major,
            _marker: PhantomData,
        }
    }
    /// A mutable view of the same elements, reborrowed from `self`.
    #[inline]
    pub fn rb_mut(&mut self) -> BandMut<'_, T> {
        // Same elements; `&mut self` makes the reborrow unique.
        BandMut {
            ptr: self.ptr,
            nrows: self.nrows,
            ncols: self.ncols,
            kl: self.kl,
            ku: self.ku,
            rs: self.rs,
            cs: self.cs,
            col_major: self.col_major,
            _marker: PhantomData,
        }
    }
    /// Converts into a read-only view with the full lifetime.
    #[inline]
    pub fn into_const(self) -> BandRef<'a, T> {
        BandRef {
            ptr: self.ptr,
            nrows: self.nrows,
            ncols: self.ncols,
            kl: self.kl,
            ku: self.ku,
            rs: self.rs,
            cs: self.cs,
            col_major: self.col_major,
            _marker: PhantomData,
        }
    }

    /// Element `(i, j)`, or `None` outside the band.
    ///
    /// # Panics
    /// If `(i, j)` is outside the `m × n` matrix.
    #[inline]
    #[track_caller]
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        self.rb().get(i, j)
    }

    /// Mutable reference to band element `(i, j)`.
    ///
    /// # Panics
    /// If `(i, j)` is outside the `m × n` matrix or outside the band (there is
    /// no storage for it).
    #[inline]
    #[track_caller]
    pub fn at_mut(&mut self, i: usize, j: usize) -> &mut T {
        assert_in_shape(self.nrows, self.ncols, i, j);
        assert!(
            self.in_band(i, j),
            "index ({i}, {j}) is outside the band (kl = {}, ku = {}) of a {}×{} band matrix",
            self.kl,
            self.ku,
            self.nrows,
            self.ncols
        );
        // SAFETY: (i, j) is in the band, so the offset is inside the borrowed
        // slice; distinct band elements are distinct slots and the view is
        // unique, so the `&mut` is exclusive for the borrow of `self`.
        unsafe { &mut *self.ptr.offset(band_offset(self.rs, self.cs, i, j)) }
    }

    /// The transpose, sharing storage (see [`BandRef::transpose`]).
    #[must_use]
    pub fn transpose_mut(self) -> Self {
        Self {
            nrows: self.ncols,
            ncols: self.nrows,
            kl: self.ku,
            ku: self.kl,
            rs: self.cs,
            cs: self.rs,
            col_major: !self.col_major,
            ..self
        }
    }

    /// See [`BandRef::col_major_ldab`].
    pub fn col_major_ldab(&self) -> Option<usize> {
        ld_of(self.col_major, self.cs)
    }
    /// See [`BandRef::row_major_lda`].
    pub fn row_major_lda(&self) -> Option<usize> {
        ld_of(!self.col_major, self.rs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::c64;

    /// `data[k] = k`, so a view's element is its offset in the slice.
    fn iota(len: usize) -> Vec<f64> {
        (0..len).map(|k| k as f64).collect()
    }

    fn band_elements(
        m: usize,
        n: usize,
        kl: usize,
        ku: usize,
    ) -> impl Iterator<Item = (usize, usize)> {
        (0..n)
            .flat_map(move |j| (0..m).map(move |i| (i, j)))
            .filter(move |&(i, j)| j <= i + ku && i <= j + kl)
    }

    /// The exact slice length needed: one past the highest band offset.
    fn needed(m: usize, n: usize, kl: usize, ku: usize, ld: usize, row_major: bool) -> usize {
        band_elements(m, n, kl, ku)
            .map(|(i, j)| {
                if row_major {
                    (kl + j - i) + i * ld
                } else {
                    (ku + i - j) + j * ld
                }
            })
            .max()
            .map_or(0, |k| k + 1)
    }

    const SIZES: [usize; 5] = [0, 1, 2, 3, 5];
    const BANDS: [usize; 4] = [0, 1, 2, 6];

    #[test]
    fn offsets_follow_the_blas_formulas() {
        for m in SIZES {
            for n in SIZES {
                for kl in BANDS {
                    for ku in BANDS {
                        for extra in [0, 2] {
                            let ld = kl + ku + 1 + extra;
                            let data = iota(needed(m, n, kl, ku, ld, false));
                            let a = BandRef::from_col_major(&data, m, n, kl, ku, ld).unwrap();
                            let data_r = iota(needed(m, n, kl, ku, ld, true));
                            let r = BandRef::from_row_major(&data_r, m, n, kl, ku, ld).unwrap();
                            for j in 0..n {
                                for i in 0..m {
                                    let band = j <= i + ku && i <= j + kl;
                                    assert_eq!(a.in_band(i, j), band);
                                    assert_eq!(r.in_band(i, j), band);
                                    let want = band.then(|| ((ku + i - j) + j * ld) as f64);
                                    assert_eq!(
                                        a.get(i, j),
                                        want,
                                        "col {m}×{n} {kl} {ku} ({i}, {j})"
                                    );
                                    let want = band.then(|| ((kl + j - i) + i * ld) as f64);
                                    assert_eq!(
                                        r.get(i, j),
                                        want,
                                        "row {m}×{n} {kl} {ku} ({i}, {j})"
                                    );
                                }
                            }
                            assert_eq!(a.col_major_ldab(), Some(ld));
                            assert_eq!(a.row_major_lda(), None);
                            assert_eq!(r.row_major_lda(), Some(ld));
                            assert_eq!(r.col_major_ldab(), None);
                            let step = isize::try_from(ld - 1).unwrap();
                            assert_eq!((a.row_stride(), a.col_stride()), (1, step));
                            assert_eq!((r.row_stride(), r.col_stride()), (step, 1));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_exact_length_is_enough_and_one_less_is_not() {
        for m in SIZES {
            for n in SIZES {
                for kl in BANDS {
                    for ku in BANDS {
                        let ld = kl + ku + 2;
                        for row_major in [false, true] {
                            let len = needed(m, n, kl, ku, ld, row_major);
                            let data = vec![0.0f64; len];
                            let make = |d: &[f64]| {
                                if row_major {
                                    BandRef::from_row_major(d, m, n, kl, ku, ld).map(|_| ())
                                } else {
                                    BandRef::from_col_major(d, m, n, kl, ku, ld).map(|_| ())
                                }
                            };
                            assert!(make(&data).is_ok());
                            if len > 0 {
                                assert!(matches!(
                                    make(&data[..len - 1]),
                                    Err(Error::InvalidArgument { arg: "data", .. })
                                ));
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn constructors_reject_bad_arguments() {
        let d = [0.0f64; 12];
        // ldab / lda below kl + ku + 1.
        assert!(matches!(
            BandRef::from_col_major(&d, 3, 3, 1, 1, 2),
            Err(Error::InvalidArgument { arg: "ldab", .. })
        ));
        assert!(matches!(
            BandRef::from_row_major(&d, 3, 3, 1, 1, 2),
            Err(Error::InvalidArgument { arg: "lda", .. })
        ));
        let mut dm = [0.0f64; 12];
        assert!(matches!(
            BandMut::from_col_major(&mut dm, 2, 2, 0, 0, 0),
            Err(Error::InvalidArgument { arg: "ldab", .. })
        ));
        assert!(matches!(
            BandMut::from_row_major(&mut dm, 2, 2, 2, 0, 2),
            Err(Error::InvalidArgument { arg: "lda", .. })
        ));
        // The check holds for empty matrices too (BLAS checks lda first).
        assert!(matches!(
            BandRef::<f64>::from_col_major(&[], 0, 0, 1, 0, 1),
            Err(Error::InvalidArgument { arg: "ldab", .. })
        ));
        // Too short: a 3×4 tridiagonal with ldab = 3 needs 10 elements (the
        // last column holds only its superdiagonal element, in its first slot).
        assert!(BandRef::from_col_major(&d[..10], 3, 4, 1, 1, 3).is_ok());
        assert!(matches!(
            BandRef::from_col_major(&d[..9], 3, 4, 1, 1, 3),
            Err(Error::InvalidArgument { arg: "data", .. })
        ));
        assert!(matches!(
            BandMut::from_row_major(&mut dm, 5, 5, 1, 1, 3),
            Err(Error::InvalidArgument { arg: "data", .. })
        ));
        // Overflows.
        assert!(matches!(
            BandRef::from_col_major(&d, 1, 1, usize::MAX, 1, usize::MAX),
            Err(Error::InvalidArgument { arg: "ku", .. })
        ));
        assert!(matches!(
            BandRef::from_col_major(&d, 2, usize::MAX, 0, 0, usize::MAX),
            Err(Error::InvalidArgument { arg: "ldab", .. })
        ));
        assert!(matches!(
            BandRef::from_col_major(&d, 1, usize::MAX, 0, usize::MAX / 2, usize::MAX / 2 + 1),
            Err(Error::InvalidArgument { arg: "data", .. })
        ));
        // Empty matrices accept any slice.
        assert!(BandRef::<f64>::from_col_major(&[], 0, 5, 2, 3, 6).is_ok());
        assert!(BandRef::<f64>::from_row_major(&[], 4, 0, 2, 3, 6).is_ok());
        let e = BandRef::from_col_major(&d, 3, 3, 1, 1, 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid argument `ldab`: leading dimension 2 is smaller than kl + ku + 1 = 3"
        );
    }

    #[test]
    fn transpose_swaps_everything_and_round_trips() {
        let (m, n, kl, ku, ld) = (4, 5, 1, 2, 5);
        let data = iota(needed(m, n, kl, ku, ld, false));
        let a = BandRef::from_col_major(&data, m, n, kl, ku, ld).unwrap();
        let t = a.transpose();
        assert_eq!((t.shape(), t.kl(), t.ku()), ((n, m), ku, kl));
        assert_eq!(
            (t.row_stride(), t.col_stride()),
            (a.col_stride(), a.row_stride())
        );
        assert_eq!(t.as_ptr(), a.as_ptr());
        // The transpose of column-major storage is row-major storage.
        assert_eq!(t.row_major_lda(), Some(ld));
        assert_eq!(t.col_major_ldab(), None);
        for i in 0..m {
            for j in 0..n {
                assert_eq!(t.get(j, i), a.get(i, j));
            }
        }
        let tt = t.transpose();
        assert_eq!(
            (
                tt.shape(),
                tt.kl(),
                tt.ku(),
                tt.row_stride(),
                tt.col_stride()
            ),
            (a.shape(), kl, ku, a.row_stride(), a.col_stride())
        );
        assert_eq!(tt.col_major_ldab(), Some(ld));
        // Row-major storage of A is column-major storage of Aᵀ: same slice,
        // viewed both ways, gives transposed matrices.
        let r = BandRef::from_row_major(&data, n, m, ku, kl, ld).unwrap();
        for i in 0..n {
            for j in 0..m {
                assert_eq!(r.get(i, j), a.get(j, i));
            }
        }
        // The array starts `ku` (column-major) or `kl` (row-major) before (0, 0).
        assert_eq!(a.as_ptr().wrapping_sub(a.ku()), data.as_ptr());
        assert_eq!(r.as_ptr().wrapping_sub(r.kl()), data.as_ptr());
        assert_eq!(t.as_ptr().wrapping_sub(t.kl()), data.as_ptr());
    }

    #[test]
    fn row_and_column_major_storage_of_the_same_matrix_agree() {
        let (m, n) = (5, 4);
        for (kl, ku) in [(0, 0), (1, 0), (0, 2), (2, 1), (4, 3)] {
            let value = |i: usize, j: usize| c64::new(i as f64, j as f64);
            let ld = kl + ku + 1;
            let mut col = vec![c64::new(f64::NAN, 0.0); ld * n];
            let mut row = vec![c64::new(f64::NAN, 0.0); ld * m];
            {
                let mut a = BandMut::from_col_major(&mut col, m, n, kl, ku, ld).unwrap();
                let mut b = BandMut::from_row_major(&mut row, m, n, kl, ku, ld).unwrap();
                for (i, j) in band_elements(m, n, kl, ku) {
                    *a.at_mut(i, j) = value(i, j);
                    *b.at_mut(i, j) = value(i, j);
                }
            }
            let a = BandRef::from_col_major(&col, m, n, kl, ku, ld).unwrap();
            let b = BandRef::from_row_major(&row, m, n, kl, ku, ld).unwrap();
            for i in 0..m {
                for j in 0..n {
                    assert_eq!(a.get(i, j), b.get(i, j));
                    assert_eq!(a.get(i, j).is_some(), a.in_band(i, j));
                }
            }
            // Exactly the band was written: every other slot is still NaN.
            let written = band_elements(m, n, kl, ku).count();
            assert_eq!(col.iter().filter(|z| !z.re.is_nan()).count(), written);
            assert_eq!(row.iter().filter(|z| !z.re.is_nan()).count(), written);
        }
    }

    #[test]
    fn mutable_views_reborrow_and_write_through() {
        let mut data = [0.0f64; 9];
        let mut a = BandMut::from_col_major(&mut data, 3, 3, 1, 1, 3).unwrap();
        *a.rb_mut().at_mut(2, 1) = 7.0;
        assert_eq!(a.rb().get(2, 1), Some(7.0));
        assert_eq!(a.get(0, 2), None);
        let mut t = a.transpose_mut();
        *t.at_mut(1, 2) += 1.0;
        assert_eq!(t.col_major_ldab(), None);
        assert_eq!(t.row_major_lda(), Some(3));
        let c = t.into_const();
        assert_eq!(c.get(1, 2), Some(8.0));
        // (ku + i − j) + j·ldab for (2, 1).
        assert_eq!(data[5], 8.0);
    }

    #[test]
    fn single_diagonal_has_zero_column_stride() {
        // kl = ku = 0, ldab = 1: the diagonal is contiguous.
        let d = [1.0, 2.0, 3.0];
        let a = BandRef::from_col_major(&d, 3, 3, 0, 0, 1).unwrap();
        assert_eq!((a.row_stride(), a.col_stride()), (1, 0));
        assert_eq!(a.get(2, 2), Some(3.0));
        assert_eq!(a.get(1, 2), None);
        // A 3×5 diagonal matrix stores only three elements.
        assert!(BandRef::from_col_major(&d, 3, 5, 0, 0, 1).is_ok());
    }

    #[test]
    #[should_panic(expected = "out of bounds for a 2×3 band matrix")]
    fn get_panics_outside_the_matrix() {
        let d = [0.0f64; 6];
        let a = BandRef::from_col_major(&d, 2, 3, 0, 1, 2).unwrap();
        let _ = a.get(2, 0);
    }

    #[test]
    #[should_panic(expected = "outside the band")]
    fn at_mut_panics_outside_the_band() {
        let mut d = [0.0f64; 6];
        let mut a = BandMut::from_col_major(&mut d, 2, 3, 0, 1, 2).unwrap();
        let _ = a.at_mut(1, 0);
    }
}
