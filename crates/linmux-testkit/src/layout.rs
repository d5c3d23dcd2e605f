//! Storage layouts, and test buffers that detect writes outside the view.
//!
//! A [`TestMat`] or [`TestVec`] owns a buffer whose padding (inter-column gaps
//! and a guard zone before and after the data) is filled with a *sentinel*
//! (a NaN, compared bitwise). After an operation, [`TestMat::check_padding`]
//! proves nothing outside the logical matrix was written; and since the
//! sentinel is NaN, an operation that *reads* padding produces NaNs in its
//! result.

use core::fmt;

use linmux_core::{Mat, MatMut, MatRef, Scalar, VecMut, VecRef, c64};

/// Number of sentinel elements before and after every test buffer.
pub const GUARD: usize = 3;

/// How a matrix is stored in its buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Column-major, leading dimension `max(1, nrows)` (strides `(1, ld)`).
    ColMajor,
    /// Row-major, leading dimension `max(1, ncols)` (strides `(ld, 1)`).
    RowMajor,
    /// Column-major with `extra` padding elements after each column
    /// (`ld = nrows + extra`).
    Padded {
        /// Padding elements per column.
        extra: usize,
    },
    /// The transpose stored column-major with one element of padding per
    /// column (`ld = ncols + 1`), viewed through `.transpose()`: a padded
    /// row-major matrix built the way a caller passing `Aᵀ` builds it.
    Transposed,
    /// Neither row nor column contiguous: row stride 2, column stride
    /// `2·nrows + 1` (a vendor must copy it through scratch).
    Strided,
}

impl Layout {
    /// One of each kind (`Padded` with 2 extra elements).
    pub const ALL: [Layout; 5] = [
        Layout::ColMajor,
        Layout::RowMajor,
        Layout::Padded { extra: 2 },
        Layout::Transposed,
        Layout::Strided,
    ];

    /// `(row_stride, col_stride, stored_rows_or_cols_ld)` of an `m × n` matrix:
    /// element `(i, j)` sits at offset `i·rs + j·cs` from the view start, and
    /// the data area spans `span(m, n)` elements.
    fn geometry(self, m: usize, n: usize) -> (usize, usize, usize) {
        match self {
            Layout::ColMajor => (1, m.max(1), m.max(1) * n),
            Layout::RowMajor => (n.max(1), 1, n.max(1) * m),
            Layout::Padded { extra } => {
                let ld = (m + extra).max(1);
                (1, ld, ld * n)
            }
            Layout::Transposed => {
                let ld = n + 1;
                (ld, 1, ld * m)
            }
            Layout::Strided => {
                let cs = 2 * m + 1;
                (2, cs, cs * n)
            }
        }
    }

    /// The element strides `(row_stride, col_stride)` of an `m × n` matrix.
    pub fn strides(self, m: usize, n: usize) -> (usize, usize) {
        let (rs, cs, _) = self.geometry(m, n);
        (rs, cs)
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layout::ColMajor => f.write_str("col-major"),
            Layout::RowMajor => f.write_str("row-major"),
            Layout::Padded { extra } => write!(f, "padded(+{extra})"),
            Layout::Transposed => f.write_str("transposed"),
            Layout::Strided => f.write_str("strided"),
        }
    }
}

/// The sentinel stored in padding: a NaN (both parts for complex types).
pub fn sentinel<T: Scalar>() -> T {
    crate::data::nan()
}

/// Whether `a` and `b` have the same bits (NaNs included), through `c64`.
pub fn same_bits<T: Scalar>(a: T, b: T) -> bool {
    let (x, y) = (a.to_c64(), b.to_c64());
    x.re.to_bits() == y.re.to_bits() && x.im.to_bits() == y.im.to_bits()
}

/// The `k`-th value of a garbage pattern (NaN, +∞, −∞, huge, NaN with a real
/// part...), used to pre-fill outputs that must not be read: any arithmetic
/// use of them (even `0·x`) shows up in the result.
pub fn dirty_value<T: Scalar>(k: usize) -> T {
    let z = match k % 4 {
        0 => c64::new(f64::NAN, f64::NAN),
        1 => c64::new(f64::INFINITY, f64::NAN),
        2 => c64::new(f64::NEG_INFINITY, f64::INFINITY),
        _ => c64::new(1.0, f64::NAN),
    };
    let v = T::from_c64(z);
    // For real types the pattern must still poison: 1.0 is not garbage.
    if !T::IS_COMPLEX && k % 4 == 3 {
        T::from_c64(c64::new(f64::NAN, 0.0))
    } else {
        v
    }
}

/// An owned `nrows × ncols` matrix of garbage ([`dirty_value`]), for outputs
/// held in a plain [`Mat`] that must not be read.
pub fn dirty_mat<T: Scalar>(nrows: usize, ncols: usize) -> Mat<T> {
    Mat::from_fn(nrows, ncols, |i, j| dirty_value(i + 3 * j))
}

/// A matrix stored in a given [`Layout`] inside a sentinel-filled buffer.
///
/// ```
/// use linmux_core::Mat;
/// use linmux_testkit::{Layout, TestMat};
/// let a = Mat::from_rows(&[[1.0f64, 2.0], [3.0, 4.0]]);
/// let mut t = TestMat::from_mat(&a, Layout::Padded { extra: 1 });
/// t.as_mut().write(0, 1, 5.0);
/// assert_eq!(t.to_mat()[(0, 1)], 5.0);
/// assert!(t.check_padding().is_ok());
/// ```
#[derive(Clone, Debug)]
pub struct TestMat<T: Scalar> {
    data: Vec<T>,
    nrows: usize,
    ncols: usize,
    layout: Layout,
    rs: usize,
    cs: usize,
}

impl<T: Scalar> TestMat<T> {
    fn alloc(nrows: usize, ncols: usize, layout: Layout) -> Self {
        let (rs, cs, span) = layout.geometry(nrows, ncols);
        Self {
            data: vec![sentinel::<T>(); GUARD + span + GUARD],
            nrows,
            ncols,
            layout,
            rs,
            cs,
        }
    }

    fn offset(&self, i: usize, j: usize) -> usize {
        GUARD + i * self.rs + j * self.cs
    }

    /// An `nrows × ncols` matrix with element `(i, j) = f(i, j)`.
    pub fn from_fn(
        nrows: usize,
        ncols: usize,
        layout: Layout,
        mut f: impl FnMut(usize, usize) -> T,
    ) -> Self {
        let mut t = Self::alloc(nrows, ncols, layout);
        for j in 0..ncols {
            for i in 0..nrows {
                let o = t.offset(i, j);
                t.data[o] = f(i, j);
            }
        }
        t
    }

    /// A copy of `a` in `layout`.
    pub fn from_mat(a: &Mat<T>, layout: Layout) -> Self {
        Self::from_fn(a.nrows(), a.ncols(), layout, |i, j| a[(i, j)])
    }

    /// A copy of the (conjugation-applied) values of `a` in `layout`.
    pub fn from_ref(a: MatRef<'_, T>, layout: Layout) -> Self {
        Self::from_fn(a.nrows(), a.ncols(), layout, |i, j| a.at(i, j))
    }

    /// The zero matrix in `layout`.
    pub fn zeros(nrows: usize, ncols: usize, layout: Layout) -> Self {
        Self::from_fn(nrows, ncols, layout, |_, _| T::zero())
    }

    /// An output buffer whose logical elements are garbage ([`dirty_value`]):
    /// for operations that must not read their output (`β = 0`).
    pub fn dirty(nrows: usize, ncols: usize, layout: Layout) -> Self {
        Self::from_fn(nrows, ncols, layout, |i, j| dirty_value(i + 3 * j))
    }

    /// An owned copy of `self` after `f` has written through a mutable view,
    /// with the padding checked: `t.run(|c| backend.gemm(..., c))`.
    ///
    /// # Errors
    /// `f`'s error, or [`TestMat::check_padding`]'s message.
    pub fn run<E: fmt::Display>(
        &mut self,
        f: impl FnOnce(MatMut<'_, T>) -> Result<(), E>,
    ) -> Result<Mat<T>, String> {
        f(self.as_mut()).map_err(|e| format!("operation failed: {e}"))?;
        self.check_padding()?;
        Ok(self.to_mat())
    }

    /// Number of rows.
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    /// Number of columns.
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    /// The layout.
    pub fn layout(&self) -> Layout {
        self.layout
    }
    /// The whole buffer, guards and padding included.
    pub fn storage(&self) -> &[T] {
        &self.data
    }

    /// Read-only view of the logical matrix.
    pub fn as_ref(&self) -> MatRef<'_, T> {
        let (m, n) = (self.nrows, self.ncols);
        let d = &self.data[GUARD..];
        let r = match self.layout {
            Layout::ColMajor | Layout::Padded { .. } => MatRef::from_col_major_ld(d, m, n, self.cs),
            Layout::RowMajor => MatRef::from_row_major_ld(d, m, n, self.rs),
            Layout::Transposed => {
                MatRef::from_col_major_ld(d, n, m, self.rs).map(MatRef::transpose)
            }
            Layout::Strided => MatRef::from_slice_with_strides(d, m, n, self.rs, self.cs),
        };
        r.expect("TestMat geometry is valid by construction")
    }

    /// Mutable view of the logical matrix.
    pub fn as_mut(&mut self) -> MatMut<'_, T> {
        let (m, n) = (self.nrows, self.ncols);
        let (rs, cs) = (self.rs, self.cs);
        let d = &mut self.data[GUARD..];
        let r = match self.layout {
            Layout::ColMajor | Layout::Padded { .. } => MatMut::from_col_major_ld(d, m, n, cs),
            Layout::RowMajor => MatMut::from_row_major_ld(d, m, n, rs),
            Layout::Transposed => MatMut::from_col_major_ld(d, n, m, rs).map(MatMut::transpose_mut),
            Layout::Strided => MatMut::from_slice_with_strides(d, m, n, rs, cs),
        };
        r.expect("TestMat geometry is valid by construction")
    }

    /// The logical matrix, copied out.
    pub fn to_mat(&self) -> Mat<T> {
        Mat::from_fn(self.nrows, self.ncols, |i, j| self.data[self.offset(i, j)])
    }

    /// `Ok` if every element outside the logical matrix still holds the
    /// sentinel; otherwise an error naming the first written position.
    ///
    /// # Errors
    /// A message with the buffer offset, what it means (guard zone or the
    /// padding after which element) and the value found.
    pub fn check_padding(&self) -> Result<(), String> {
        let mut logical = vec![false; self.data.len()];
        for j in 0..self.ncols {
            for i in 0..self.nrows {
                logical[self.offset(i, j)] = true;
            }
        }
        let s = sentinel::<T>();
        let mut bad = Vec::new();
        for (k, (&v, &l)) in self.data.iter().zip(&logical).enumerate() {
            if !l && !same_bits(v, s) {
                bad.push(k);
            }
        }
        match bad.first() {
            None => Ok(()),
            Some(&k) => {
                let where_ = if k < GUARD {
                    String::from("in the guard before the data")
                } else if k >= self.data.len() - GUARD {
                    String::from("in the guard after the data")
                } else {
                    String::from("in the padding between rows/columns")
                };
                Err(format!(
                    "{}×{} {} matrix: {} padding element(s) written; first at buffer offset {k} ({where_}): {:?}",
                    self.nrows,
                    self.ncols,
                    self.layout,
                    bad.len(),
                    self.data[k]
                ))
            }
        }
    }

    /// Panics with [`TestMat::check_padding`]'s message if padding was written.
    ///
    /// # Panics
    /// If any padding element changed.
    #[track_caller]
    pub fn assert_padding(&self) {
        if let Err(e) = self.check_padding() {
            panic!("{e}");
        }
    }
}

/// A vector with increment `inc ≥ 1` inside a sentinel-filled buffer (the
/// `inc − 1` elements between entries and the guards are padding).
#[derive(Clone, Debug)]
pub struct TestVec<T: Scalar> {
    data: Vec<T>,
    len: usize,
    inc: usize,
}

impl<T: Scalar> TestVec<T> {
    /// A vector of `len` elements `f(i)` with increment `inc`.
    ///
    /// # Panics
    /// If `inc == 0`.
    pub fn from_fn(len: usize, inc: usize, mut f: impl FnMut(usize) -> T) -> Self {
        assert!(inc >= 1, "TestVec: inc must be at least 1");
        let span = if len == 0 { 0 } else { (len - 1) * inc + 1 };
        let mut data = vec![sentinel::<T>(); GUARD + span + GUARD];
        for i in 0..len {
            data[GUARD + i * inc] = f(i);
        }
        Self { data, len, inc }
    }
    /// A copy of `x` with increment `inc`.
    pub fn from_slice(x: &[T], inc: usize) -> Self {
        Self::from_fn(x.len(), inc, |i| x[i])
    }
    /// Zeros with increment `inc`.
    pub fn zeros(len: usize, inc: usize) -> Self {
        Self::from_fn(len, inc, |_| T::zero())
    }
    /// Garbage ([`dirty_value`]) with increment `inc`, for outputs that must
    /// not be read.
    pub fn dirty(len: usize, inc: usize) -> Self {
        Self::from_fn(len, inc, dirty_value)
    }
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether the vector is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The increment.
    pub fn inc(&self) -> usize {
        self.inc
    }
    /// The whole buffer, guards and padding included.
    pub fn storage(&self) -> &[T] {
        &self.data
    }
    /// Read-only view.
    pub fn as_ref(&self) -> VecRef<'_, T> {
        VecRef::from_slice_with_inc(&self.data[GUARD..], self.len, self.inc)
            .expect("TestVec geometry is valid by construction")
    }
    /// Mutable view.
    pub fn as_mut(&mut self) -> VecMut<'_, T> {
        VecMut::from_slice_with_inc(&mut self.data[GUARD..], self.len, self.inc)
            .expect("TestVec geometry is valid by construction")
    }
    /// The elements, copied out.
    pub fn to_vec(&self) -> Vec<T> {
        (0..self.len)
            .map(|i| self.data[GUARD + i * self.inc])
            .collect()
    }
    /// `Ok` if all padding still holds the sentinel.
    ///
    /// # Errors
    /// A message naming the first written buffer offset and its value.
    pub fn check_padding(&self) -> Result<(), String> {
        let s = sentinel::<T>();
        let is_logical = |k: usize| {
            k >= GUARD && (k - GUARD).is_multiple_of(self.inc) && (k - GUARD) / self.inc < self.len
        };
        let bad: Vec<usize> = (0..self.data.len())
            .filter(|&k| !is_logical(k) && !same_bits(self.data[k], s))
            .collect();
        match bad.first() {
            None => Ok(()),
            Some(&k) => Err(format!(
                "vector of length {} with inc {}: {} padding element(s) written; first at buffer offset {k} (data starts at {GUARD}): {:?}",
                self.len,
                self.inc,
                bad.len(),
                self.data[k]
            )),
        }
    }
    /// Panics with [`TestVec::check_padding`]'s message if padding was written.
    ///
    /// # Panics
    /// If any padding element changed.
    #[track_caller]
    pub fn assert_padding(&self) {
        if let Err(e) = self.check_padding() {
            panic!("{e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linmux_core::c32;

    #[test]
    fn every_layout_round_trips_and_has_its_strides() {
        let a = Mat::from_fn(3, 2, |i, j| (10 * i + j) as f64);
        for layout in Layout::ALL {
            let t = TestMat::from_mat(&a, layout);
            assert_eq!(t.to_mat(), a, "{layout}");
            assert_eq!(t.as_ref().to_owned(), a, "{layout}");
            let (rs, cs) = layout.strides(3, 2);
            let v = t.as_ref();
            assert_eq!(
                (v.row_stride(), v.col_stride()),
                (isize::try_from(rs).unwrap(), isize::try_from(cs).unwrap())
            );
            assert!(t.check_padding().is_ok());
        }
        assert_eq!(Layout::Padded { extra: 2 }.strides(3, 2), (1, 5));
        assert_eq!(Layout::Transposed.strides(3, 2), (3, 1));
        assert_eq!(Layout::RowMajor.strides(3, 2), (2, 1));
        assert_eq!(Layout::Strided.strides(3, 2), (2, 7));
    }

    #[test]
    fn empty_and_single_shapes_work() {
        for layout in Layout::ALL {
            for (m, n) in [(0, 0), (0, 3), (3, 0), (1, 1)] {
                let mut t = TestMat::<c32>::zeros(m, n, layout);
                assert_eq!(t.as_mut().shape(), (m, n));
                assert_eq!(t.to_mat().shape(), (m, n));
                t.assert_padding();
            }
        }
    }

    #[test]
    fn padding_writes_are_detected() {
        let mut t = TestMat::<f64>::zeros(2, 2, Layout::Padded { extra: 1 });
        t.as_mut().write(1, 1, 3.0);
        assert!(t.check_padding().is_ok());
        // Emulate an out-of-bounds write: the padding after column 0.
        let mut raw = t.clone();
        raw.data[GUARD + 2] = 1.0;
        let e = raw.check_padding().unwrap_err();
        assert!(e.contains("offset 5") && e.contains("between"), "{e}");
        let mut raw = t;
        let last = raw.data.len() - 1;
        raw.data[last] = 0.0;
        assert!(raw.check_padding().unwrap_err().contains("after the data"));
    }

    #[test]
    fn vectors_with_increment() {
        let mut v = TestVec::from_slice(&[1.0f32, 2.0, 3.0], 2);
        assert_eq!(v.as_ref().to_vec(), vec![1.0, 2.0, 3.0]);
        *v.as_mut().at_mut(2) = 7.0;
        assert_eq!(v.to_vec(), vec![1.0, 2.0, 7.0]);
        v.assert_padding();
        assert_eq!(v.storage().len(), GUARD + 5 + GUARD);
        v.data[GUARD + 1] = 0.0;
        assert!(v.check_padding().is_err());
        let e = TestVec::<f64>::zeros(0, 3);
        assert!(e.is_empty() && e.as_ref().is_empty());
        e.assert_padding();
    }

    #[test]
    fn dirty_values_poison_arithmetic() {
        for k in 0..8 {
            let v: f64 = dirty_value(k);
            assert!((0.0 * v).is_nan(), "k = {k}");
            let z: c32 = dirty_value(k);
            let p = (c32::new(0.0, 0.0) * z).to_c64();
            assert!(p.re.is_nan() || p.im.is_nan(), "k = {k}");
        }
        let d = TestMat::<f64>::dirty(2, 2, Layout::RowMajor);
        assert!(d.to_mat().as_slice().iter().all(|x| !x.is_finite()));
        assert!(
            dirty_mat::<c32>(3, 2)
                .as_slice()
                .iter()
                .all(|z| z.re.is_nan() || z.im.is_nan() || z.re.is_infinite())
        );
    }

    #[test]
    fn run_writes_and_checks() {
        let mut t = TestMat::<f64>::dirty(2, 3, Layout::Transposed);
        let m = t
            .run(|mut c| {
                c.fill(1.5);
                Ok::<(), linmux_core::Error>(())
            })
            .unwrap();
        assert_eq!(m, Mat::from_fn(2, 3, |_, _| 1.5));
        let e = t
            .run(|_| Err(linmux_core::Error::invalid("c", "bad")))
            .unwrap_err();
        assert!(e.contains("invalid argument `c`"), "{e}");
    }
}
