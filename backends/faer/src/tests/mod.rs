//! Tests of every operation for the four scalar types, on several layouts
//! (column-major, row-major, padded, transposed, submatrix, strided, reversed
//! rows) and sizes (1, 2, 5, 17 and one ≥ 130 so the parallel path runs),
//! against naive references computed in `c64` or residual checks.
//! Tolerances scale with ε·n; seeds are fixed. Storage outside each view is
//! filled with a sentinel and checked afterwards.

use linmux_core::{Mat, MatMut, MatRef, RealScalar, Scalar, VecMut, VecRef, c64};

use crate::FaerBackend;

mod blas;
mod ext;
mod lapack;
mod pivots;
mod threads;
mod triangle;

/// Runs a generic check for each of the four scalar types.
macro_rules! for_all_types {
    ($($name:ident => $check:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn f32() {
                    super::$check::<f32>();
                }
                #[test]
                fn f64() {
                    super::$check::<f64>();
                }
                #[test]
                fn c32() {
                    super::$check::<linmux_core::c32>();
                }
                #[test]
                fn c64() {
                    super::$check::<linmux_core::c64>();
                }
            }
        )*
    };
}
pub(crate) use for_all_types;

/// Sizes every operation is tried with.
pub(super) const SIZES: [usize; 4] = [1, 2, 5, 17];
/// A size large enough for the parallel path (2·130³ flops > the threshold).
pub(super) const LARGE: usize = 130;

/// The backend under test: two threads, so large problems go parallel.
pub(super) fn backend() -> FaerBackend {
    FaerBackend::with_threads(2)
}

/// Machine epsilon of `T` as `f64`.
pub(super) fn eps<T: Scalar>() -> f64 {
    T::eps().to_f64()
}

/// The testkit's one seeded generator.
pub(super) use linmux_testkit::Rng;

/// Scalars drawn through the testkit (`data::random_scalar`).
pub(super) trait Draw {
    /// A random scalar with parts in [-1, 1).
    fn scalar<T: Scalar>(&mut self) -> T;
}

impl Draw for Rng {
    fn scalar<T: Scalar>(&mut self) -> T {
        linmux_testkit::data::random_scalar(self)
    }
}

/// How a test matrix is laid out in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    Col,
    Row,
    Padded,
    Transposed,
    Sub,
    Strided,
    Reversed,
}

pub(super) const LAYOUTS: [Layout; 7] = [
    Layout::Col,
    Layout::Row,
    Layout::Padded,
    Layout::Transposed,
    Layout::Sub,
    Layout::Strided,
    Layout::Reversed,
];

fn isz(x: usize) -> isize {
    isize::try_from(x).unwrap()
}

/// A matrix stored in some layout inside a larger buffer whose other
/// elements hold a sentinel.
#[derive(Clone)]
pub(super) struct Stored<T> {
    data: Vec<T>,
    base: usize,
    rs: isize,
    cs: isize,
    m: usize,
    n: usize,
    fill: T,
}

impl<T: Scalar> Stored<T> {
    /// An `m × n` matrix in `layout`, every storage element `fill`.
    pub(super) fn new(layout: Layout, m: usize, n: usize, fill: T) -> Self {
        let (len, base, rs, cs) = match layout {
            Layout::Col => (m * n, 0, 1, isz(m)),
            Layout::Row => (m * n, 0, isz(n), 1),
            Layout::Padded => ((m + 3) * n, 0, 1, isz(m + 3)),
            Layout::Transposed => ((n + 1) * m, 0, isz(n + 1), 1),
            Layout::Sub => ((m + 2) * (n + 3), 1 + 2 * (m + 2), 1, isz(m + 2)),
            Layout::Strided => ((2 * m + 1) * n, 0, 2, isz(2 * m + 1)),
            Layout::Reversed => (m * n, m.saturating_sub(1), -1, isz(m)),
        };
        Self {
            data: vec![fill; len.max(1)],
            base,
            rs,
            cs,
            m,
            n,
            fill,
        }
    }
    /// `new` then element `(i, j) = f(i, j)`.
    pub(super) fn from_fn(
        layout: Layout,
        m: usize,
        n: usize,
        fill: T,
        mut f: impl FnMut(usize, usize) -> T,
    ) -> Self {
        let mut s = Self::new(layout, m, n, fill);
        for j in 0..n {
            for i in 0..m {
                let o = s.offset(i, j);
                s.data[o] = f(i, j);
            }
        }
        s
    }
    /// A random matrix.
    pub(super) fn random(layout: Layout, m: usize, n: usize, fill: T, rng: &mut Rng) -> Self {
        Self::from_fn(layout, m, n, fill, |_, _| rng.scalar())
    }
    fn offset(&self, i: usize, j: usize) -> usize {
        usize::try_from(isz(self.base) + isz(i) * self.rs + isz(j) * self.cs).unwrap()
    }
    pub(super) fn view(&self) -> MatRef<'_, T> {
        // SAFETY: every (i, j) offset of the layout lies inside `data`
        // (checked by `offset`'s construction for each layout), and `data` is
        // borrowed immutably for the view's lifetime.
        unsafe {
            MatRef::from_raw_parts(
                self.data.as_ptr().add(self.base),
                self.m,
                self.n,
                self.rs,
                self.cs,
            )
        }
    }
    pub(super) fn view_mut(&mut self) -> MatMut<'_, T> {
        // SAFETY: as in `view`; moreover every layout maps distinct (i, j) to
        // distinct elements, and `data` is borrowed uniquely.
        unsafe {
            MatMut::from_raw_parts(
                self.data.as_mut_ptr().add(self.base),
                self.m,
                self.n,
                self.rs,
                self.cs,
            )
        }
    }
    pub(super) fn get(&self, i: usize, j: usize) -> T {
        self.data[self.offset(i, j)]
    }
    pub(super) fn set(&mut self, i: usize, j: usize, v: T) {
        let o = self.offset(i, j);
        self.data[o] = v;
    }
    /// The logical contents as `c64`.
    pub(super) fn to_mat(&self) -> Mat<c64> {
        Mat::from_fn(self.m, self.n, |i, j| self.get(i, j).to_c64())
    }
    /// Whether every element outside the view still holds the sentinel.
    pub(super) fn outside_intact(&self) -> bool {
        let mut inside = vec![false; self.data.len()];
        for j in 0..self.n {
            for i in 0..self.m {
                inside[self.offset(i, j)] = true;
            }
        }
        self.data
            .iter()
            .zip(&inside)
            .all(|(&x, &ins)| ins || same(x, self.fill))
    }
}

/// Equal, with NaN equal to NaN.
pub(super) fn same<T: Scalar>(a: T, b: T) -> bool {
    let (a, b) = (a.to_c64(), b.to_c64());
    let eq = |x: f64, y: f64| x == y || (x.is_nan() && y.is_nan());
    eq(a.re, b.re) && eq(a.im, b.im)
}

/// How a test vector is laid out.
#[derive(Clone, Copy, Debug)]
pub(super) enum VLayout {
    Unit,
    Inc3,
    Neg2,
}

pub(super) const VLAYOUTS: [VLayout; 3] = [VLayout::Unit, VLayout::Inc3, VLayout::Neg2];

/// A vector stored with a stride inside a sentinel-filled buffer.
#[derive(Clone)]
pub(super) struct VStored<T> {
    data: Vec<T>,
    base: usize,
    stride: isize,
    len: usize,
    fill: T,
}

impl<T: Scalar> VStored<T> {
    pub(super) fn from_fn(
        layout: VLayout,
        len: usize,
        fill: T,
        mut f: impl FnMut(usize) -> T,
    ) -> Self {
        let (size, base, stride) = match layout {
            VLayout::Unit => (len, 0, 1),
            VLayout::Inc3 => (3 * len, 0, 3),
            VLayout::Neg2 => (2 * len, 2 * len.saturating_sub(1), -2),
        };
        let mut s = Self {
            data: vec![fill; size.max(1)],
            base,
            stride,
            len,
            fill,
        };
        for i in 0..len {
            let o = s.offset(i);
            s.data[o] = f(i);
        }
        s
    }
    pub(super) fn random(layout: VLayout, len: usize, fill: T, rng: &mut Rng) -> Self {
        Self::from_fn(layout, len, fill, |_| rng.scalar())
    }
    fn offset(&self, i: usize) -> usize {
        usize::try_from(isz(self.base) + isz(i) * self.stride).unwrap()
    }
    pub(super) fn view(&self) -> VecRef<'_, T> {
        // SAFETY: every i·stride offset from `base` lies inside `data`, which
        // is borrowed immutably.
        unsafe { VecRef::from_raw_parts(self.data.as_ptr().add(self.base), self.len, self.stride) }
    }
    pub(super) fn view_mut(&mut self) -> VecMut<'_, T> {
        // SAFETY: as in `view`; the stride is non-zero so indices are distinct,
        // and `data` is borrowed uniquely.
        unsafe {
            VecMut::from_raw_parts(self.data.as_mut_ptr().add(self.base), self.len, self.stride)
        }
    }
    pub(super) fn get(&self, i: usize) -> T {
        self.data[self.offset(i)]
    }
    pub(super) fn to_vec(&self) -> Vec<c64> {
        (0..self.len).map(|i| self.get(i).to_c64()).collect()
    }
    pub(super) fn outside_intact(&self) -> bool {
        let mut inside = vec![false; self.data.len()];
        for i in 0..self.len {
            inside[self.offset(i)] = true;
        }
        self.data
            .iter()
            .zip(&inside)
            .all(|(&x, &ins)| ins || same(x, self.fill))
    }
}

// ---- dense c64 reference helpers ------------------------------------------

pub(super) fn matmul(a: &Mat<c64>, b: &Mat<c64>) -> Mat<c64> {
    assert_eq!(a.ncols(), b.nrows());
    let mut c = Mat::zeros(a.nrows(), b.ncols());
    for j in 0..b.ncols() {
        for k in 0..a.ncols() {
            let bkj = b[(k, j)];
            for i in 0..a.nrows() {
                c[(i, j)] += a[(i, k)] * bkj;
            }
        }
    }
    c
}

/// `|A|·|B|` element-wise magnitudes (for backward-error bounds).
pub(super) fn abs_matmul(a: &Mat<c64>, b: &Mat<c64>) -> Mat<c64> {
    let abs =
        |m: &Mat<c64>| Mat::from_fn(m.nrows(), m.ncols(), |i, j| c64::new(m[(i, j)].norm(), 0.0));
    matmul(&abs(a), &abs(b))
}

/// `op(A)` of a reference matrix.
pub(super) fn op(a: &Mat<c64>, trans: linmux_core::Trans, complex: bool) -> Mat<c64> {
    match trans {
        linmux_core::Trans::No => a.clone(),
        linmux_core::Trans::Trans => a.transpose(),
        linmux_core::Trans::ConjTrans => {
            if complex {
                a.adjoint()
            } else {
                a.transpose()
            }
        }
    }
}

pub(super) fn max_abs(a: &Mat<c64>) -> f64 {
    a.as_slice().iter().fold(0.0, |m, x| m.max(x.norm()))
}

pub(super) fn max_diff(a: &Mat<c64>, b: &Mat<c64>) -> f64 {
    assert_eq!(a.shape(), b.shape());
    a.as_slice()
        .iter()
        .zip(b.as_slice())
        .fold(0.0, |m, (x, y)| m.max((x - y).norm()))
}

/// Asserts `|got − want| ≤ tol·(bound + tiny)` element-wise.
#[track_caller]
pub(super) fn assert_close(
    got: &Mat<c64>,
    want: &Mat<c64>,
    bound: &Mat<c64>,
    tol: f64,
    what: &str,
) {
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    for j in 0..got.ncols() {
        for i in 0..got.nrows() {
            let d = (got[(i, j)] - want[(i, j)]).norm();
            let b = tol * (bound[(i, j)].re + f64::MIN_POSITIVE);
            assert!(
                d <= b,
                "{what}: element ({i}, {j}) is {} but should be {} (|diff| {d:e} > {b:e})",
                got[(i, j)],
                want[(i, j)]
            );
        }
    }
}

/// Asserts `‖got − want‖_max ≤ tol`.
#[track_caller]
pub(super) fn assert_norm_close(got: &Mat<c64>, want: &Mat<c64>, tol: f64, what: &str) {
    let d = max_diff(got, want);
    assert!(d <= tol, "{what}: max |diff| = {d:e} > {tol:e}");
}

/// `‖QᴴQ − I‖_max` for the columns of `q`.
pub(super) fn orthogonality(q: &Mat<c64>) -> f64 {
    let qhq = matmul(&q.adjoint(), q);
    max_diff(&qhq, &Mat::identity(q.ncols()))
}

/// Vector as a column matrix.
pub(super) fn col(v: &[c64]) -> Mat<c64> {
    Mat::from_fn(v.len(), 1, |i, _| v[i])
}

/// Solves `A·X = B` in `c64` by Gaussian elimination with partial pivoting.
pub(super) fn solve(a: &Mat<c64>, b: &Mat<c64>) -> Mat<c64> {
    let n = a.nrows();
    let mut a = a.clone();
    let mut x = b.clone();
    for k in 0..n {
        let p = (k..n)
            .max_by(|&i, &j| a[(i, k)].norm().total_cmp(&a[(j, k)].norm()))
            .unwrap();
        for j in 0..n {
            let t = a[(k, j)];
            a[(k, j)] = a[(p, j)];
            a[(p, j)] = t;
        }
        for j in 0..x.ncols() {
            let t = x[(k, j)];
            x[(k, j)] = x[(p, j)];
            x[(p, j)] = t;
        }
        for i in k + 1..n {
            let l = a[(i, k)] / a[(k, k)];
            for j in k..n {
                let v = a[(k, j)];
                a[(i, j)] -= l * v;
            }
            for j in 0..x.ncols() {
                let v = x[(k, j)];
                x[(i, j)] -= l * v;
            }
        }
    }
    for k in (0..n).rev() {
        for j in 0..x.ncols() {
            let mut s = x[(k, j)];
            for i in k + 1..n {
                s -= a[(k, i)] * x[(i, j)];
            }
            x[(k, j)] = s / a[(k, k)];
        }
    }
    x
}

/// A NaN of type `T` (real and imaginary parts).
pub(super) fn nan<T: Scalar>() -> T {
    let x = <T::Real as RealScalar>::from_f64(f64::NAN);
    T::from_parts(x, x)
}

/// A value that is not NaN but obviously foreign, for "untouched" checks.
pub(super) fn sentinel<T: Scalar>() -> T {
    T::from_c64(c64::new(777.0, -555.0))
}
