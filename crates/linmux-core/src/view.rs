//! Strided matrix and vector views, and the owned column-major [`Mat`].
//!
//! A view is a pointer, a shape and two `isize` element strides: element
//! `(i, j)` lives at `ptr + i·row_stride + j·col_stride`. Column-major storage
//! with leading dimension `ld` has strides `(1, ld)`, row-major `(ld, 1)`.
//! Transposing or taking a submatrix changes the numbers, never the data.
//!
//! Read-only views also carry a pending conjugation, so [`MatRef::adjoint`]
//! copies nothing; [`MatRef::get`] applies it. Backends never see it set: the
//! engine folds it into a `Trans` flag or materializes the operand first.

use core::fmt;
use core::marker::PhantomData;
use core::ops::{Index, IndexMut};

use crate::error::{Error, Result};
use crate::scalar::Scalar;

fn checked_extent(
    len: usize,
    nrows: usize,
    ncols: usize,
    rs: usize,
    cs: usize,
    what: &'static str,
) -> Result<()> {
    if nrows == 0 || ncols == 0 {
        return Ok(());
    }
    // Index of the last element, which must lie inside the slice.
    let last = (nrows - 1)
        .checked_mul(rs)
        .and_then(|a| (ncols - 1).checked_mul(cs).and_then(|b| a.checked_add(b)))
        .ok_or(Error::invalid(what, "matrix extent overflows usize"))?;
    // The offsets must also be representable as isize strides.
    isize::try_from(last).map_err(|_| Error::invalid(what, "matrix extent overflows isize"))?;
    if last >= len {
        return Err(Error::invalid_owned(
            what,
            format!(
                "slice of length {len} is too short for a {nrows}×{ncols} matrix with strides ({rs}, {cs}) (needs {})",
                last + 1
            ),
        ));
    }
    Ok(())
}

fn to_isize(x: usize, what: &'static str) -> Result<isize> {
    isize::try_from(x).map_err(|_| Error::invalid(what, "stride overflows isize"))
}

fn layout_strides(
    len: usize,
    nrows: usize,
    ncols: usize,
    ld: usize,
    row_major: bool,
) -> Result<(isize, isize)> {
    let (inner, outer) = if row_major {
        (ncols, nrows)
    } else {
        (nrows, ncols)
    };
    if ld < inner.max(1) {
        return Err(Error::invalid_owned(
            "ld",
            format!(
                "leading dimension {ld} is smaller than max(1, {}) = {}",
                if row_major { "ncols" } else { "nrows" },
                inner.max(1)
            ),
        ));
    }
    let _ = outer;
    let (rs, cs) = if row_major { (ld, 1) } else { (1, ld) };
    checked_extent(len, nrows, ncols, rs, cs, "data")?;
    Ok((to_isize(rs, "ld")?, to_isize(cs, "ld")?))
}

/// Read-only view of an `nrows × ncols` matrix with element strides.
pub struct MatRef<'a, T> {
    ptr: *const T,
    nrows: usize,
    ncols: usize,
    rs: isize,
    cs: isize,
    conj: bool,
    _marker: PhantomData<&'a T>,
}

impl<T> Clone for MatRef<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for MatRef<'_, T> {}

// SAFETY: a MatRef is a shared borrow of `T`s; sharing it across threads is
// sound exactly when sharing `&T` is, i.e. when `T: Sync`.
unsafe impl<T: Sync> Send for MatRef<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for MatRef<'_, T> {}

impl<T> fmt::Debug for MatRef<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MatRef")
            .field("nrows", &self.nrows)
            .field("ncols", &self.ncols)
            .field("row_stride", &self.rs)
            .field("col_stride", &self.cs)
            .field("conj", &self.conj)
            .finish()
    }
}

impl<'a, T: Scalar> MatRef<'a, T> {
    /// Creates a view from its raw parts.
    ///
    /// # Safety
    /// - If `nrows > 0` and `ncols > 0`, then for every `i < nrows`, `j < ncols`,
    ///   `ptr.offset(i·rs + j·cs)` must be in bounds of one allocation, aligned,
    ///   initialized and valid for reads for `'a`, and the offset computation
    ///   must not overflow `isize`.
    /// - No element may be mutated through another pointer during `'a`.
    /// - If either dimension is zero, `ptr` is never dereferenced (it may be
    ///   dangling, but must be non-null).
    pub unsafe fn from_raw_parts(
        ptr: *const T,
        nrows: usize,
        ncols: usize,
        rs: isize,
        cs: isize,
    ) -> Self {
        Self {
            ptr,
            nrows,
            ncols,
            rs,
            cs,
            conj: false,
            _marker: PhantomData,
        }
    }

    /// View of a column-major slice of exactly `nrows · ncols` elements.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if the length does not match.
    ///
    /// ```
    /// use linmux_core::MatRef;
    /// let a = MatRef::from_col_major(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3)?;
    /// assert_eq!(a.at(1, 2), 6.0);
    /// # Ok::<(), linmux_core::Error>(())
    /// ```
    pub fn from_col_major(data: &'a [T], nrows: usize, ncols: usize) -> Result<Self> {
        exact_len(data.len(), nrows, ncols)?;
        Self::from_col_major_ld(data, nrows, ncols, nrows.max(1))
    }

    /// View of a row-major slice of exactly `nrows · ncols` elements.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if the length does not match.
    pub fn from_row_major(data: &'a [T], nrows: usize, ncols: usize) -> Result<Self> {
        exact_len(data.len(), nrows, ncols)?;
        Self::from_row_major_ld(data, nrows, ncols, ncols.max(1))
    }

    /// View of column-major storage with leading dimension `ld ≥ max(1, nrows)`
    /// (padded columns, as BLAS's `lda`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `ld` or `data` if `ld` is too small or
    /// the slice too short.
    pub fn from_col_major_ld(data: &'a [T], nrows: usize, ncols: usize, ld: usize) -> Result<Self> {
        let (rs, cs) = layout_strides(data.len(), nrows, ncols, ld, false)?;
        // SAFETY: layout_strides checked that every (i, j) offset lies inside `data`.
        Ok(unsafe { Self::from_raw_parts(data.as_ptr(), nrows, ncols, rs, cs) })
    }

    /// View of row-major storage with leading dimension `ld ≥ max(1, ncols)`.
    ///
    /// # Errors
    /// As [`MatRef::from_col_major_ld`].
    pub fn from_row_major_ld(data: &'a [T], nrows: usize, ncols: usize, ld: usize) -> Result<Self> {
        let (rs, cs) = layout_strides(data.len(), nrows, ncols, ld, true)?;
        // SAFETY: layout_strides checked that every (i, j) offset lies inside `data`.
        Ok(unsafe { Self::from_raw_parts(data.as_ptr(), nrows, ncols, rs, cs) })
    }

    /// View with arbitrary non-negative element strides (strides may repeat
    /// elements, e.g. a zero stride broadcasts a row).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if an element falls outside it.
    pub fn from_slice_with_strides(
        data: &'a [T],
        nrows: usize,
        ncols: usize,
        row_stride: usize,
        col_stride: usize,
    ) -> Result<Self> {
        checked_extent(data.len(), nrows, ncols, row_stride, col_stride, "data")?;
        let rs = to_isize(row_stride, "row_stride")?;
        let cs = to_isize(col_stride, "col_stride")?;
        // SAFETY: checked_extent checked that every (i, j) offset lies inside `data`.
        Ok(unsafe { Self::from_raw_parts(data.as_ptr(), nrows, ncols, rs, cs) })
    }

    /// Number of rows.
    #[inline]
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    /// Number of columns.
    #[inline]
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    /// `(nrows, ncols)`.
    #[inline]
    pub fn shape(&self) -> (usize, usize) {
        (self.nrows, self.ncols)
    }
    /// Element distance between consecutive rows.
    #[inline]
    pub fn row_stride(&self) -> isize {
        self.rs
    }
    /// Element distance between consecutive columns.
    #[inline]
    pub fn col_stride(&self) -> isize {
        self.cs
    }
    /// Pointer to element `(0, 0)`.
    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
    /// Whether reading through the view conjugates (see [`MatRef::adjoint`]).
    #[inline]
    pub fn is_conj(&self) -> bool {
        self.conj && T::IS_COMPLEX
    }
    /// Whether the view has no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.nrows == 0 || self.ncols == 0
    }

    /// Element `(i, j)`, or `None` out of bounds. Applies a pending conjugation.
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        if i < self.nrows && j < self.ncols {
            // SAFETY: (i, j) is in bounds, so the offset is valid per the view invariant.
            let v = unsafe { *self.ptr_at(i, j) };
            Some(if self.conj { v.conj() } else { v })
        } else {
            None
        }
    }

    /// Element `(i, j)`.
    ///
    /// # Panics
    /// If `(i, j)` is out of bounds.
    #[inline]
    #[track_caller]
    pub fn at(&self, i: usize, j: usize) -> T {
        match self.get(i, j) {
            Some(v) => v,
            None => panic!(
                "index ({i}, {j}) out of bounds for a {}×{} matrix",
                self.nrows, self.ncols
            ),
        }
    }

    /// Pointer to element `(i, j)` (raw storage, ignoring any conjugation).
    ///
    /// # Safety
    /// `i < nrows` and `j < ncols`.
    #[inline]
    pub unsafe fn ptr_at(&self, i: usize, j: usize) -> *const T {
        #[allow(
            clippy::cast_possible_wrap,
            reason = "in-bounds indices fit isize by the view invariant"
        )]
        let off = i as isize * self.rs + j as isize * self.cs;
        // SAFETY: the caller keeps (i, j) in bounds; the view invariant makes the offset valid.
        unsafe { self.ptr.offset(off) }
    }

    /// The transpose `Aᵀ`, sharing storage.
    #[must_use]
    pub fn transpose(self) -> Self {
        Self {
            nrows: self.ncols,
            ncols: self.nrows,
            rs: self.cs,
            cs: self.rs,
            ..self
        }
    }
    /// The conjugate `Ā`, sharing storage (no-op for real types).
    #[must_use]
    pub fn conjugate(self) -> Self {
        Self {
            conj: !self.conj && T::IS_COMPLEX,
            ..self
        }
    }
    /// The adjoint `Aᴴ = Āᵀ`, sharing storage.
    #[must_use]
    pub fn adjoint(self) -> Self {
        self.transpose().conjugate()
    }
    /// The same storage without the pending conjugation.
    #[must_use]
    pub fn unconjugated(self) -> Self {
        Self {
            conj: false,
            ..self
        }
    }

    /// The `nrows × ncols` block starting at `(row, col)`.
    ///
    /// # Panics
    /// If the block does not fit inside the matrix.
    #[must_use]
    #[track_caller]
    pub fn submatrix(self, row: usize, col: usize, nrows: usize, ncols: usize) -> Self {
        assert!(
            row.checked_add(nrows).is_some_and(|e| e <= self.nrows)
                && col.checked_add(ncols).is_some_and(|e| e <= self.ncols),
            "submatrix ({row}, {col}) of shape {nrows}×{ncols} does not fit in a {}×{} matrix",
            self.nrows,
            self.ncols
        );
        let ptr = if nrows == 0 || ncols == 0 {
            self.ptr
        } else {
            // SAFETY: (row, col) is in bounds since the block is non-empty and fits.
            unsafe { self.ptr_at(row, col) }
        };
        Self {
            ptr,
            nrows,
            ncols,
            ..self
        }
    }

    /// Row `i` as a vector view.
    ///
    /// # Panics
    /// If `i ≥ nrows`.
    #[track_caller]
    pub fn row(self, i: usize) -> VecRef<'a, T> {
        let r = self.submatrix(i, 0, 1, self.ncols);
        VecRef {
            ptr: r.ptr,
            len: r.ncols,
            stride: r.cs,
            conj: r.conj,
            _marker: PhantomData,
        }
    }

    /// Column `j` as a vector view.
    ///
    /// # Panics
    /// If `j ≥ ncols`.
    #[track_caller]
    pub fn col(self, j: usize) -> VecRef<'a, T> {
        let c = self.submatrix(0, j, self.nrows, 1);
        VecRef {
            ptr: c.ptr,
            len: c.nrows,
            stride: c.rs,
            conj: c.conj,
            _marker: PhantomData,
        }
    }

    /// The main diagonal as a vector view.
    pub fn diagonal(self) -> VecRef<'a, T> {
        VecRef {
            ptr: self.ptr,
            len: self.nrows.min(self.ncols),
            // Wrapping: for a single-element diagonal the stride is never used.
            stride: self.rs.wrapping_add(self.cs),
            conj: self.conj,
            _marker: PhantomData,
        }
    }

    /// Whether columns are contiguous (`row_stride == 1`, or a single row).
    pub fn is_col_major(&self) -> bool {
        self.rs == 1 || self.nrows <= 1
    }
    /// Whether rows are contiguous (`col_stride == 1`, or a single column).
    pub fn is_row_major(&self) -> bool {
        self.cs == 1 || self.ncols <= 1
    }

    /// Copies the (conjugation-applied) values into an owned column-major matrix.
    pub fn to_owned(&self) -> Mat<T> {
        Mat::from_fn(self.nrows, self.ncols, |i, j| self.at(i, j))
    }
    /// [`MatRef::to_owned`] with the allocation checked.
    ///
    /// # Errors
    /// [`Error::OutOfMemory`].
    pub fn try_to_owned(&self) -> Result<Mat<T>> {
        Mat::try_from_fn(self.nrows, self.ncols, |i, j| self.at(i, j))
    }
}

/// An empty vector with room for `rows · cols` elements, or
/// [`Error::OutOfMemory`] naming `what` (overflow or a refused allocation).
///
/// # Errors
/// [`Error::OutOfMemory`].
pub fn try_vec_with_capacity<E>(what: &'static str, rows: usize, cols: usize) -> Result<Vec<E>> {
    let oom = || Error::OutOfMemory {
        what,
        rows,
        cols,
        elem_bytes: size_of::<E>(),
    };
    let len = rows.checked_mul(cols).ok_or_else(oom)?;
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| oom())?;
    Ok(v)
}

/// `len` copies of `value`, or [`Error::OutOfMemory`] (never a panic).
///
/// # Errors
/// [`Error::OutOfMemory`].
pub fn try_vec<E: Clone>(value: E, len: usize) -> Result<Vec<E>> {
    let mut v = try_vec_with_capacity("vector", len, 1)?;
    v.resize(len, value);
    Ok(v)
}

fn exact_len(len: usize, nrows: usize, ncols: usize) -> Result<()> {
    match nrows.checked_mul(ncols) {
        Some(n) if n == len => Ok(()),
        Some(n) => Err(Error::invalid_owned(
            "data",
            format!("slice has {len} elements but a {nrows}×{ncols} matrix needs {n}"),
        )),
        None => Err(Error::invalid("data", "nrows × ncols overflows usize")),
    }
}

/// Mutable view of an `nrows × ncols` matrix with element strides. Distinct
/// indices always address distinct elements.
pub struct MatMut<'a, T> {
    ptr: *mut T,
    nrows: usize,
    ncols: usize,
    rs: isize,
    cs: isize,
    _marker: PhantomData<&'a mut T>,
}

// SAFETY: a MatMut is a unique borrow of `T`s; sending it is sound when `T: Send`.
unsafe impl<T: Send> Send for MatMut<'_, T> {}
// SAFETY: shared access to a MatMut only allows reads; sound when `T: Sync`.
unsafe impl<T: Sync> Sync for MatMut<'_, T> {}

impl<T> fmt::Debug for MatMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MatMut")
            .field("nrows", &self.nrows)
            .field("ncols", &self.ncols)
            .field("row_stride", &self.rs)
            .field("col_stride", &self.cs)
            .finish()
    }
}

impl<'a, T: Scalar> MatMut<'a, T> {
    /// Creates a mutable view from its raw parts.
    ///
    /// # Safety
    /// The conditions of [`MatRef::from_raw_parts`], with "valid for reads"
    /// replaced by "valid for reads and writes", and moreover: distinct `(i, j)`
    /// map to distinct elements, and no element is accessed through any other
    /// pointer during `'a`.
    pub unsafe fn from_raw_parts(
        ptr: *mut T,
        nrows: usize,
        ncols: usize,
        rs: isize,
        cs: isize,
    ) -> Self {
        Self {
            ptr,
            nrows,
            ncols,
            rs,
            cs,
            _marker: PhantomData,
        }
    }

    /// Mutable view of a column-major slice of exactly `nrows · ncols` elements.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if the length does not match.
    pub fn from_col_major(data: &'a mut [T], nrows: usize, ncols: usize) -> Result<Self> {
        exact_len(data.len(), nrows, ncols)?;
        Self::from_col_major_ld(data, nrows, ncols, nrows.max(1))
    }

    /// Mutable view of a row-major slice of exactly `nrows · ncols` elements.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if the length does not match.
    pub fn from_row_major(data: &'a mut [T], nrows: usize, ncols: usize) -> Result<Self> {
        exact_len(data.len(), nrows, ncols)?;
        Self::from_row_major_ld(data, nrows, ncols, ncols.max(1))
    }

    /// Mutable view of column-major storage with leading dimension
    /// `ld ≥ max(1, nrows)`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `ld` or `data`.
    pub fn from_col_major_ld(
        data: &'a mut [T],
        nrows: usize,
        ncols: usize,
        ld: usize,
    ) -> Result<Self> {
        let (rs, cs) = layout_strides(data.len(), nrows, ncols, ld, false)?;
        // SAFETY: every offset is inside `data` (checked), and ld ≥ nrows makes
        // distinct (i, j) distinct elements; `data` is borrowed uniquely for 'a.
        Ok(unsafe { Self::from_raw_parts(data.as_mut_ptr(), nrows, ncols, rs, cs) })
    }

    /// Mutable view of row-major storage with leading dimension
    /// `ld ≥ max(1, ncols)`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `ld` or `data`.
    pub fn from_row_major_ld(
        data: &'a mut [T],
        nrows: usize,
        ncols: usize,
        ld: usize,
    ) -> Result<Self> {
        let (rs, cs) = layout_strides(data.len(), nrows, ncols, ld, true)?;
        // SAFETY: as in from_col_major_ld, with rows and columns swapped.
        Ok(unsafe { Self::from_raw_parts(data.as_mut_ptr(), nrows, ncols, rs, cs) })
    }

    /// Mutable view with positive element strides in which one dimension's
    /// stride steps over the whole extent of the other (`col_stride ≥
    /// row_stride·(nrows − 1) + 1` or the converse), so no two indices share
    /// an element.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if an element falls outside
    /// it, or `row_stride`/`col_stride` if elements would overlap.
    pub fn from_slice_with_strides(
        data: &'a mut [T],
        nrows: usize,
        ncols: usize,
        row_stride: usize,
        col_stride: usize,
    ) -> Result<Self> {
        checked_extent(data.len(), nrows, ncols, row_stride, col_stride, "data")?;
        // A zero stride over a dimension longer than one repeats elements.
        if nrows > 1 && row_stride == 0 {
            return Err(Error::invalid(
                "row_stride",
                "a zero stride would make rows share elements",
            ));
        }
        if ncols > 1 && col_stride == 0 {
            return Err(Error::invalid(
                "col_stride",
                "a zero stride would make columns share elements",
            ));
        }
        if nrows > 1 && ncols > 1 {
            // checked_extent bounded both products by data.len().
            let cols_apart = col_stride > row_stride * (nrows - 1);
            let rows_apart = row_stride > col_stride * (ncols - 1);
            if !(cols_apart || rows_apart) {
                return Err(Error::invalid(
                    "col_stride",
                    "strides make distinct elements overlap (one stride must step over the other dimension)",
                ));
            }
        }
        let rs = to_isize(row_stride, "row_stride")?;
        let cs = to_isize(col_stride, "col_stride")?;
        // SAFETY: offsets checked in bounds; the stride condition makes distinct
        // (i, j) distinct elements; `data` is borrowed uniquely for 'a.
        Ok(unsafe { Self::from_raw_parts(data.as_mut_ptr(), nrows, ncols, rs, cs) })
    }

    /// Number of rows.
    #[inline]
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    /// Number of columns.
    #[inline]
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    /// `(nrows, ncols)`.
    #[inline]
    pub fn shape(&self) -> (usize, usize) {
        (self.nrows, self.ncols)
    }
    /// Element distance between consecutive rows.
    #[inline]
    pub fn row_stride(&self) -> isize {
        self.rs
    }
    /// Element distance between consecutive columns.
    #[inline]
    pub fn col_stride(&self) -> isize {
        self.cs
    }
    /// Pointer to element `(0, 0)`.
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr
    }
    /// Whether the view has no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.nrows == 0 || self.ncols == 0
    }

    /// A read-only view of the same elements, borrowed from `self`.
    #[inline]
    pub fn rb(&self) -> MatRef<'_, T> {
        // SAFETY: the MatMut invariant implies the MatRef one; `&self` prevents
        // writes through `self` while the MatRef lives.
        unsafe { MatRef::from_raw_parts(self.ptr, self.nrows, self.ncols, self.rs, self.cs) }
    }
    /// A mutable view of the same elements, reborrowed from `self`.
    #[inline]
    pub fn rb_mut(&mut self) -> MatMut<'_, T> {
        // SAFETY: same elements; `&mut self` makes the reborrow unique.
        unsafe { MatMut::from_raw_parts(self.ptr, self.nrows, self.ncols, self.rs, self.cs) }
    }
    /// Converts into a read-only view with the full lifetime.
    #[inline]
    pub fn into_const(self) -> MatRef<'a, T> {
        // SAFETY: consuming the unique view makes a shared one for 'a sound.
        unsafe { MatRef::from_raw_parts(self.ptr, self.nrows, self.ncols, self.rs, self.cs) }
    }

    /// Element `(i, j)`, or `None` out of bounds.
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> Option<T> {
        self.rb().get(i, j)
    }
    /// Element `(i, j)`.
    ///
    /// # Panics
    /// If `(i, j)` is out of bounds.
    #[inline]
    #[track_caller]
    pub fn at(&self, i: usize, j: usize) -> T {
        self.rb().at(i, j)
    }
    /// Mutable reference to element `(i, j)`.
    ///
    /// # Panics
    /// If `(i, j)` is out of bounds.
    #[inline]
    #[track_caller]
    pub fn at_mut(&mut self, i: usize, j: usize) -> &mut T {
        assert!(
            i < self.nrows && j < self.ncols,
            "index ({i}, {j}) out of bounds for a {}×{} matrix",
            self.nrows,
            self.ncols
        );
        #[allow(
            clippy::cast_possible_wrap,
            reason = "in-bounds indices fit isize by the view invariant"
        )]
        let off = i as isize * self.rs + j as isize * self.cs;
        // SAFETY: (i, j) is in bounds; the view is unique, so the &mut is exclusive.
        unsafe { &mut *self.ptr.offset(off) }
    }
    /// Writes `value` at `(i, j)`.
    ///
    /// # Panics
    /// If `(i, j)` is out of bounds.
    #[inline]
    #[track_caller]
    pub fn write(&mut self, i: usize, j: usize, value: T) {
        *self.at_mut(i, j) = value;
    }

    /// The transpose, sharing storage.
    #[must_use]
    pub fn transpose_mut(self) -> Self {
        Self {
            nrows: self.ncols,
            ncols: self.nrows,
            rs: self.cs,
            cs: self.rs,
            ..self
        }
    }

    /// The `nrows × ncols` block starting at `(row, col)`.
    ///
    /// # Panics
    /// If the block does not fit inside the matrix.
    #[must_use]
    #[track_caller]
    pub fn submatrix_mut(self, row: usize, col: usize, nrows: usize, ncols: usize) -> Self {
        let sub = self.rb().submatrix(row, col, nrows, ncols);
        Self {
            ptr: sub.as_ptr().cast_mut(),
            nrows,
            ncols,
            ..self
        }
    }

    /// Column `j` as a mutable vector view.
    ///
    /// # Panics
    /// If `j ≥ ncols`.
    #[track_caller]
    pub fn col_mut(self, j: usize) -> VecMut<'a, T> {
        let nrows = self.nrows;
        let c = self.submatrix_mut(0, j, nrows, 1);
        VecMut {
            ptr: c.ptr,
            len: c.nrows,
            stride: c.rs,
            _marker: PhantomData,
        }
    }

    /// Row `i` as a mutable vector view.
    ///
    /// # Panics
    /// If `i ≥ nrows`.
    #[track_caller]
    pub fn row_mut(self, i: usize) -> VecMut<'a, T> {
        let ncols = self.ncols;
        let r = self.submatrix_mut(i, 0, 1, ncols);
        VecMut {
            ptr: r.ptr,
            len: r.ncols,
            stride: r.cs,
            _marker: PhantomData,
        }
    }

    /// Splits into columns `[0, j)` and `[j, ncols)`.
    ///
    /// # Panics
    /// If `j > ncols`.
    #[track_caller]
    pub fn split_at_col_mut(self, j: usize) -> (Self, Self) {
        assert!(
            j <= self.ncols,
            "split column {j} beyond {} columns",
            self.ncols
        );
        let (nrows, ncols) = (self.nrows, self.ncols);
        // SAFETY: the two halves address disjoint column ranges of the same unique view.
        let copy = unsafe { Self::from_raw_parts(self.ptr, nrows, ncols, self.rs, self.cs) };
        (
            self.submatrix_mut(0, 0, nrows, j),
            copy.submatrix_mut(0, j, nrows, ncols - j),
        )
    }

    /// Sets every element to `value`.
    pub fn fill(&mut self, value: T) {
        for j in 0..self.ncols {
            for i in 0..self.nrows {
                *self.at_mut(i, j) = value;
            }
        }
    }

    /// Copies `src` (conjugation applied) into `self`.
    ///
    /// # Panics
    /// If the shapes differ.
    #[track_caller]
    pub fn copy_from(&mut self, src: MatRef<'_, T>) {
        assert_eq!(self.shape(), src.shape(), "copy_from: shapes differ");
        for j in 0..self.ncols {
            for i in 0..self.nrows {
                *self.at_mut(i, j) = src.at(i, j);
            }
        }
    }
}

/// Read-only view of a vector with an element stride (which may be negative
/// or zero).
pub struct VecRef<'a, T> {
    ptr: *const T,
    len: usize,
    stride: isize,
    conj: bool,
    _marker: PhantomData<&'a T>,
}

impl<T> Clone for VecRef<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for VecRef<'_, T> {}
// SAFETY: a shared borrow of `T`s, as MatRef.
unsafe impl<T: Sync> Send for VecRef<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for VecRef<'_, T> {}

impl<T> fmt::Debug for VecRef<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VecRef")
            .field("len", &self.len)
            .field("stride", &self.stride)
            .field("conj", &self.conj)
            .finish()
    }
}

impl<'a, T: Scalar> VecRef<'a, T> {
    /// Creates a vector view from raw parts.
    ///
    /// # Safety
    /// For every `i < len`, `ptr.offset(i·stride)` must be in bounds of one
    /// allocation, aligned, initialized and valid for reads for `'a`, without
    /// overflow, and not mutated through another pointer during `'a`.
    pub unsafe fn from_raw_parts(ptr: *const T, len: usize, stride: isize) -> Self {
        Self {
            ptr,
            len,
            stride,
            conj: false,
            _marker: PhantomData,
        }
    }

    /// View of a contiguous slice.
    pub fn from_slice(data: &'a [T]) -> Self {
        // SAFETY: a slice is contiguous, in bounds and immutable for 'a.
        unsafe { Self::from_raw_parts(data.as_ptr(), data.len(), 1) }
    }

    /// View of every `inc`-th element of `data`, `len` elements in all
    /// (BLAS's `n`, `x`, `incx` with `incx > 0`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `inc` if it is zero, or `data` if the
    /// slice is too short.
    pub fn from_slice_with_inc(data: &'a [T], len: usize, inc: usize) -> Result<Self> {
        if inc == 0 {
            return Err(Error::invalid("inc", "increment must be positive"));
        }
        checked_extent(data.len(), len, 1, inc, 0, "data")?;
        let stride = to_isize(inc, "inc")?;
        // SAFETY: checked_extent checked every offset.
        Ok(unsafe { Self::from_raw_parts(data.as_ptr(), len, stride) })
    }

    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether the vector is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Element distance between consecutive entries.
    #[inline]
    pub fn stride(&self) -> isize {
        self.stride
    }
    /// Pointer to element 0.
    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
    /// Whether reading through the view conjugates.
    #[inline]
    pub fn is_conj(&self) -> bool {
        self.conj && T::IS_COMPLEX
    }
    /// The conjugate vector, sharing storage.
    #[must_use]
    pub fn conjugate(self) -> Self {
        Self {
            conj: !self.conj && T::IS_COMPLEX,
            ..self
        }
    }
    /// Element `i`, or `None` out of bounds (conjugation applied).
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        if i < self.len {
            #[allow(
                clippy::cast_possible_wrap,
                reason = "in-bounds index fits isize by the view invariant"
            )]
            // SAFETY: i < len, so the offset is valid per the view invariant.
            let v = unsafe { *self.ptr.offset(i as isize * self.stride) };
            Some(if self.conj { v.conj() } else { v })
        } else {
            None
        }
    }
    /// Element `i`.
    ///
    /// # Panics
    /// If `i ≥ len`.
    #[inline]
    #[track_caller]
    pub fn at(&self, i: usize) -> T {
        match self.get(i) {
            Some(v) => v,
            None => panic!(
                "index {i} out of bounds for a vector of length {}",
                self.len
            ),
        }
    }
    /// The same elements in reverse order (a negative stride, as BLAS's
    /// `incx < 0` reads them).
    #[must_use]
    pub fn rev(self) -> Self {
        if self.len == 0 {
            return self;
        }
        #[allow(
            clippy::cast_possible_wrap,
            reason = "in-bounds index fits isize by the view invariant"
        )]
        // SAFETY: len − 1 is in bounds, so the offset is valid per the view invariant.
        let last = unsafe { self.ptr.offset((self.len - 1) as isize * self.stride) };
        Self {
            ptr: last,
            stride: -self.stride,
            ..self
        }
    }
    /// The vector as an `len × 1` matrix view.
    pub fn as_col(self) -> MatRef<'a, T> {
        MatRef {
            ptr: self.ptr,
            nrows: self.len,
            ncols: 1,
            rs: self.stride,
            cs: 0,
            conj: self.conj,
            _marker: PhantomData,
        }
    }
    /// Copies the (conjugation-applied) values into a `Vec`.
    pub fn to_vec(&self) -> Vec<T> {
        (0..self.len).map(|i| self.at(i)).collect()
    }
    /// Iterates over the (conjugation-applied) values.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        (0..self.len).map(|i| self.at(i))
    }
}

/// Mutable view of a vector with an element stride; distinct indices address
/// distinct elements.
pub struct VecMut<'a, T> {
    ptr: *mut T,
    len: usize,
    stride: isize,
    _marker: PhantomData<&'a mut T>,
}
// SAFETY: a unique borrow of `T`s, as MatMut.
unsafe impl<T: Send> Send for VecMut<'_, T> {}
// SAFETY: shared access only reads.
unsafe impl<T: Sync> Sync for VecMut<'_, T> {}

impl<T> fmt::Debug for VecMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VecMut")
            .field("len", &self.len)
            .field("stride", &self.stride)
            .finish()
    }
}

impl<'a, T: Scalar> VecMut<'a, T> {
    /// Creates a mutable vector view from raw parts.
    ///
    /// # Safety
    /// The conditions of [`VecRef::from_raw_parts`] with reads and writes, and
    /// distinct indices address distinct elements (`stride ≠ 0` when `len > 1`),
    /// none accessed through another pointer during `'a`.
    pub unsafe fn from_raw_parts(ptr: *mut T, len: usize, stride: isize) -> Self {
        Self {
            ptr,
            len,
            stride,
            _marker: PhantomData,
        }
    }
    /// View of a contiguous mutable slice.
    pub fn from_slice(data: &'a mut [T]) -> Self {
        // SAFETY: a unique, contiguous, in-bounds slice.
        unsafe { Self::from_raw_parts(data.as_mut_ptr(), data.len(), 1) }
    }
    /// View of every `inc`-th element of `data`, `len` elements in all.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `inc` if it is zero, or `data` if the
    /// slice is too short.
    pub fn from_slice_with_inc(data: &'a mut [T], len: usize, inc: usize) -> Result<Self> {
        if inc == 0 {
            return Err(Error::invalid("inc", "increment must be positive"));
        }
        checked_extent(data.len(), len, 1, inc, 0, "data")?;
        let stride = to_isize(inc, "inc")?;
        // SAFETY: offsets checked; inc > 0 keeps elements distinct; unique borrow.
        Ok(unsafe { Self::from_raw_parts(data.as_mut_ptr(), len, stride) })
    }
    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether the vector is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Element distance between consecutive entries.
    #[inline]
    pub fn stride(&self) -> isize {
        self.stride
    }
    /// Pointer to element 0.
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr
    }
    /// Read-only view, borrowed from `self`.
    pub fn rb(&self) -> VecRef<'_, T> {
        // SAFETY: the VecMut invariant implies VecRef's; &self forbids writes meanwhile.
        unsafe { VecRef::from_raw_parts(self.ptr, self.len, self.stride) }
    }
    /// Mutable reborrow.
    pub fn rb_mut(&mut self) -> VecMut<'_, T> {
        // SAFETY: same elements, uniquely reborrowed.
        unsafe { VecMut::from_raw_parts(self.ptr, self.len, self.stride) }
    }
    /// Element `i`.
    ///
    /// # Panics
    /// If `i ≥ len`.
    #[track_caller]
    pub fn at(&self, i: usize) -> T {
        self.rb().at(i)
    }
    /// Mutable reference to element `i`.
    ///
    /// # Panics
    /// If `i ≥ len`.
    #[track_caller]
    pub fn at_mut(&mut self, i: usize) -> &mut T {
        assert!(
            i < self.len,
            "index {i} out of bounds for a vector of length {}",
            self.len
        );
        #[allow(
            clippy::cast_possible_wrap,
            reason = "in-bounds index fits isize by the view invariant"
        )]
        // SAFETY: i < len; the view is unique so the &mut is exclusive.
        unsafe {
            &mut *self.ptr.offset(i as isize * self.stride)
        }
    }
    /// The same elements in reverse order (a negative stride).
    #[must_use]
    pub fn rev(self) -> Self {
        if self.len == 0 {
            return self;
        }
        #[allow(
            clippy::cast_possible_wrap,
            reason = "in-bounds index fits isize by the view invariant"
        )]
        // SAFETY: len − 1 is in bounds, so the offset is valid per the view invariant.
        let last = unsafe { self.ptr.offset((self.len - 1) as isize * self.stride) };
        Self {
            ptr: last,
            stride: -self.stride,
            ..self
        }
    }
    /// The vector as an `len × 1` mutable matrix view.
    pub fn as_col_mut(self) -> MatMut<'a, T> {
        MatMut {
            ptr: self.ptr,
            nrows: self.len,
            ncols: 1,
            rs: self.stride,
            cs: 0,
            _marker: PhantomData,
        }
    }
}

/// Owned column-major matrix.
#[derive(Clone, PartialEq)]
pub struct Mat<T> {
    data: Vec<T>,
    nrows: usize,
    ncols: usize,
}

impl<T: Scalar> fmt::Debug for Mat<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Mat {}×{} [", self.nrows, self.ncols)?;
        for i in 0..self.nrows {
            write!(f, "  ")?;
            for j in 0..self.ncols {
                write!(f, "{:?} ", self[(i, j)])?;
            }
            writeln!(f)?;
        }
        write!(f, "]")
    }
}

impl<T: Scalar> Mat<T> {
    /// The `nrows × ncols` zero matrix.
    ///
    /// # Panics
    /// If `nrows · ncols` overflows `usize`.
    pub fn zeros(nrows: usize, ncols: usize) -> Self {
        let n = nrows
            .checked_mul(ncols)
            .unwrap_or_else(|| panic!("{nrows}×{ncols} overflows usize"));
        Self {
            data: vec![T::zero(); n],
            nrows,
            ncols,
        }
    }
    /// The `nrows × ncols` zero matrix, or [`Error::OutOfMemory`] when its
    /// size overflows or the allocator refuses it (never a panic or an
    /// abort).
    ///
    /// # Errors
    /// [`Error::OutOfMemory`].
    pub fn try_zeros(nrows: usize, ncols: usize) -> Result<Self> {
        Self::try_from_fn(nrows, ncols, |_, _| T::zero())
    }
    /// [`Mat::from_fn`] with the allocation checked, as [`Mat::try_zeros`].
    ///
    /// # Errors
    /// [`Error::OutOfMemory`].
    pub fn try_from_fn(
        nrows: usize,
        ncols: usize,
        mut f: impl FnMut(usize, usize) -> T,
    ) -> Result<Self> {
        let mut data = try_vec_with_capacity::<T>("matrix", nrows, ncols)?;
        // An empty matrix of 2³¹ columns must not loop over them.
        if nrows == 0 {
            return Ok(Self { data, nrows, ncols });
        }
        for j in 0..ncols {
            for i in 0..nrows {
                data.push(f(i, j));
            }
        }
        Ok(Self { data, nrows, ncols })
    }
    /// [`Mat::identity`] with the allocation checked.
    ///
    /// # Errors
    /// [`Error::OutOfMemory`].
    pub fn try_identity(n: usize) -> Result<Self> {
        Self::try_from_fn(n, n, |i, j| if i == j { T::one() } else { T::zero() })
    }
    /// The `n × n` identity.
    pub fn identity(n: usize) -> Self {
        Self::from_fn(n, n, |i, j| if i == j { T::one() } else { T::zero() })
    }
    /// Matrix with element `(i, j) = f(i, j)`.
    pub fn from_fn(nrows: usize, ncols: usize, mut f: impl FnMut(usize, usize) -> T) -> Self {
        let mut data = Vec::with_capacity(nrows.saturating_mul(ncols));
        if nrows == 0 {
            return Self { data, nrows, ncols };
        }
        for j in 0..ncols {
            for i in 0..nrows {
                data.push(f(i, j));
            }
        }
        Self { data, nrows, ncols }
    }
    /// Takes ownership of column-major data of exactly `nrows · ncols` elements.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if the length does not match.
    pub fn from_col_major_vec(data: Vec<T>, nrows: usize, ncols: usize) -> Result<Self> {
        exact_len(data.len(), nrows, ncols)?;
        Ok(Self { data, nrows, ncols })
    }
    /// Copies row-major data of exactly `nrows · ncols` elements.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `data` if the length does not match.
    pub fn from_row_major(data: &[T], nrows: usize, ncols: usize) -> Result<Self> {
        Ok(MatRef::from_row_major(data, nrows, ncols)?.to_owned())
    }
    /// Builds a matrix from rows given as arrays (handy in examples).
    pub fn from_rows<const N: usize>(rows: &[[T; N]]) -> Self {
        Self::from_fn(rows.len(), N, |i, j| rows[i][j])
    }
    /// Number of rows.
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    /// Number of columns.
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    /// `(nrows, ncols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.nrows, self.ncols)
    }
    /// The column-major data.
    pub fn as_slice(&self) -> &[T] {
        &self.data
    }
    /// The column-major data, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.data
    }
    /// Consumes the matrix, returning its column-major data.
    pub fn into_vec(self) -> Vec<T> {
        self.data
    }
    /// Read-only view.
    pub fn as_ref(&self) -> MatRef<'_, T> {
        // SAFETY: contiguous column-major storage of nrows·ncols elements, ld = max(1, nrows).
        unsafe { MatRef::from_raw_parts(self.data.as_ptr(), self.nrows, self.ncols, 1, self.ld()) }
    }
    /// Mutable view.
    pub fn as_mut(&mut self) -> MatMut<'_, T> {
        let ld = self.ld();
        // SAFETY: as in as_ref; `&mut self` makes the view unique.
        unsafe { MatMut::from_raw_parts(self.data.as_mut_ptr(), self.nrows, self.ncols, 1, ld) }
    }
    /// Column `j` as a slice.
    ///
    /// # Panics
    /// If `j ≥ ncols`.
    pub fn col_slice(&self, j: usize) -> &[T] {
        &self.data[j * self.nrows..(j + 1) * self.nrows]
    }
    /// The transpose, as a new matrix.
    #[must_use]
    pub fn transpose(&self) -> Self {
        self.as_ref().transpose().to_owned()
    }
    /// The adjoint (conjugate transpose), as a new matrix.
    #[must_use]
    pub fn adjoint(&self) -> Self {
        self.as_ref().adjoint().to_owned()
    }
    fn ld(&self) -> isize {
        #[allow(
            clippy::cast_possible_wrap,
            reason = "a Vec never holds more than isize::MAX bytes"
        )]
        let ld = self.nrows.max(1) as isize;
        ld
    }
}

impl<T: Scalar> Index<(usize, usize)> for Mat<T> {
    type Output = T;
    #[track_caller]
    fn index(&self, (i, j): (usize, usize)) -> &T {
        assert!(
            i < self.nrows && j < self.ncols,
            "index ({i}, {j}) out of bounds for a {}×{} matrix",
            self.nrows,
            self.ncols
        );
        &self.data[i + j * self.nrows]
    }
}

impl<T: Scalar> IndexMut<(usize, usize)> for Mat<T> {
    #[track_caller]
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut T {
        assert!(
            i < self.nrows && j < self.ncols,
            "index ({i}, {j}) out of bounds for a {}×{} matrix",
            self.nrows,
            self.ncols
        );
        &mut self.data[i + j * self.nrows]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_address_the_same_elements() {
        let cm = [1.0, 4.0, 2.0, 5.0, 3.0, 6.0];
        let rm = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let padded = [1.0, 4.0, -1.0, 2.0, 5.0, -1.0, 3.0, 6.0];
        let a = MatRef::from_col_major(&cm, 2, 3).unwrap();
        let b = MatRef::from_row_major(&rm, 2, 3).unwrap();
        let c = MatRef::from_col_major_ld(&padded, 2, 3, 3).unwrap();
        for i in 0..2 {
            for j in 0..3 {
                assert_eq!(a.at(i, j), b.at(i, j));
                assert_eq!(a.at(i, j), c.at(i, j));
                assert_eq!(a.transpose().at(j, i), a.at(i, j));
            }
        }
        assert_eq!(a.submatrix(1, 1, 1, 2).at(0, 1), 6.0);
        assert_eq!(a.row(1).to_vec(), vec![4.0, 5.0, 6.0]);
        assert_eq!(a.col(2).to_vec(), vec![3.0, 6.0]);
    }

    #[test]
    fn constructors_reject_bad_sizes() {
        let d = [0.0f64; 5];
        assert!(matches!(
            MatRef::from_col_major(&d, 2, 3),
            Err(Error::InvalidArgument { arg: "data", .. })
        ));
        assert!(matches!(
            MatRef::from_col_major_ld(&d, 2, 2, 1),
            Err(Error::InvalidArgument { arg: "ld", .. })
        ));
        assert!(matches!(
            MatRef::from_col_major_ld(&d, 2, 3, 2),
            Err(Error::InvalidArgument { arg: "data", .. })
        ));
        assert!(MatRef::from_col_major_ld(&d, 2, 2, 3).is_ok());
        assert!(matches!(
            MatRef::from_slice_with_strides(&d, usize::MAX, 2, usize::MAX, 1),
            Err(Error::InvalidArgument { .. })
        ));
        assert!(MatRef::<f64>::from_col_major(&[], 0, 7).is_ok());
        assert!(matches!(
            VecRef::from_slice_with_inc(&d, 3, 0),
            Err(Error::InvalidArgument { arg: "inc", .. })
        ));
        assert!(matches!(
            VecRef::from_slice_with_inc(&d, 3, 3),
            Err(Error::InvalidArgument { arg: "data", .. })
        ));
    }

    #[test]
    fn reversed_and_strided_views() {
        let d = [1.0, 2.0, 3.0, 4.0, 5.0];
        let x = VecRef::from_slice_with_inc(&d, 3, 2).unwrap();
        assert_eq!(x.rev().to_vec(), vec![5.0, 3.0, 1.0]);
        assert_eq!(x.rev().stride(), -2);
        assert_eq!(x.rev().rev().to_vec(), x.to_vec());
        let mut m = [0.0f64; 12];
        assert!(MatMut::from_slice_with_strides(&mut m, 2, 3, 2, 4).is_ok());
        assert!(matches!(
            MatMut::from_slice_with_strides(&mut m, 3, 3, 2, 3),
            Err(Error::InvalidArgument {
                arg: "col_stride",
                ..
            })
        ));
        let mut v = MatMut::from_slice_with_strides(&mut m, 2, 3, 5, 1).unwrap();
        v.write(1, 2, 9.0);
        assert_eq!(m[7], 9.0);
    }

    #[test]
    fn adjoint_conjugates_without_copying() {
        use crate::c64;
        let d = [c64::new(1.0, 2.0), c64::new(3.0, -4.0)];
        let a = MatRef::from_col_major(&d, 2, 1).unwrap();
        let h = a.adjoint();
        assert_eq!(h.shape(), (1, 2));
        assert!(h.is_conj());
        assert_eq!(h.at(0, 1), c64::new(3.0, 4.0));
        assert_eq!(h.as_ptr(), a.as_ptr());
        assert!(!h.adjoint().is_conj());
    }

    #[test]
    fn mat_mut_views_write_through() {
        let mut m = Mat::<f64>::zeros(3, 3);
        {
            let v = m.as_mut();
            let (l, mut r) = v.split_at_col_mut(1);
            r.write(2, 1, 7.0);
            l.col_mut(0).as_col_mut().fill(1.0);
        }
        assert_eq!(m[(2, 2)], 7.0);
        assert_eq!(m[(1, 0)], 1.0);
        assert_eq!(m.transpose()[(2, 2)], 7.0);
    }
}
