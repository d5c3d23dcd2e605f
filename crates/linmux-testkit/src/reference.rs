//! Reference BLAS kernels, with the error bound each result must meet.
//!
//! Every kernel widens its inputs exactly to `c64` ([`Scalar::to_c64`]),
//! computes with compensated inner products ([`crate::accum`]), rounds once
//! to `T`, and returns an [`Expected`]: the reference value *and* an
//! elementwise absolute bound `c·(k+2)·ε_T·(|α|·|op(A)|·|op(B)| + |β|·|C|)`
//! ([`crate::tol::blas_factor`]) computed from the same operands in absolute
//! value. Elements the operation must leave untouched (the other triangle of
//! `syrk`'s `C`...) carry their original value and a bound of zero, so a
//! stray write is caught exactly.
//!
//! Semantics follow the [`linmux_core::Ops`] documentation, and reference
//! BLAS where it is silent:
//! - `β = 0`: the output is not read (NaN or ∞ in it vanish);
//! - `α = 0`: the matrix operands are not read (`C ← β·C`; `trmm`/`trsm`
//!   give `B ← 0`);
//! - triangular operands: only the `uplo` triangle is read, and with
//!   [`Diag::Unit`] not the diagonal either;
//! - Hermitian operands (`hemv`, `hemm`): only the `uplo` triangle is read
//!   and the imaginary parts of the diagonal are taken as zero;
//! - `herk`/`her2k`: only the `uplo` triangle of `C` is written, its diagonal
//!   is made exactly real (and the imaginary parts of `C`'s diagonal are
//!   taken as zero on input).
//!
//! ```
//! use linmux_core::{Mat, Trans};
//! use linmux_testkit::{reference, Rng, data::random_mat};
//! let mut rng = Rng::new(1);
//! let a = random_mat::<f64>(&mut rng, 3, 2);
//! let b = random_mat::<f64>(&mut rng, 2, 4);
//! let c = Mat::<f64>::zeros(3, 4);
//! let e = reference::gemm(Trans::No, Trans::No, 1.0, a.as_ref(), b.as_ref(), 0.0, c.as_ref());
//! // Any backend's result would be checked the same way:
//! let naive = Mat::from_fn(3, 4, |i, j| a[(i, 0)] * b[(0, j)] + a[(i, 1)] * b[(1, j)]);
//! e.assert_mat(naive.as_ref());
//! ```

use linmux_core::{Diag, Mat, MatRef, Scalar, Side, Trans, Uplo, VecRef, c64};

use crate::accum::{CompensatedSum, ComplexSum};
use crate::dense::{self, op, widen, widen_vec};
use crate::tol::{Bound, blas_factor, check_mat_close, check_scalar_close, check_vec_close};

/// A reference result: the value an operation must produce and the absolute
/// error allowed on each element.
///
/// Vectors are `n × 1`, scalars `1 × 1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Expected<T: Scalar> {
    /// The operation's name (used in failure messages).
    pub op: &'static str,
    /// The reference value, rounded to `T`.
    pub value: Mat<T>,
    /// The allowed absolute error per element (`0` where the operation must
    /// not write: there the value must be bitwise unchanged or equal).
    pub bound: Mat<f64>,
    /// Whether the result's diagonal must be exactly real (`herk`, `her2k`).
    pub real_diagonal: bool,
}

impl<T: Scalar> Expected<T> {
    /// The value of a scalar result.
    ///
    /// # Panics
    /// If the result is not `1 × 1`.
    pub fn scalar(&self) -> T {
        assert_eq!(self.value.shape(), (1, 1), "{}: not a scalar", self.op);
        self.value[(0, 0)]
    }
    /// The value of a vector result.
    pub fn to_vec(&self) -> Vec<T> {
        self.value.as_slice().to_vec()
    }
    fn bound(&self) -> Bound {
        Bound::Elementwise(self.bound.clone())
    }
    fn check_real_diagonal(&self, actual: MatRef<'_, T>) -> Result<(), String> {
        if self.real_diagonal && T::IS_COMPLEX {
            for i in 0..actual.nrows().min(actual.ncols()) {
                let z = actual.at(i, i).to_c64();
                if z.im != 0.0 {
                    return Err(format!(
                        "{}: diagonal element ({i}, {i}) = ({:e}, {:e}) is not exactly real",
                        self.op, z.re, z.im
                    ));
                }
            }
        }
        Ok(())
    }
    /// Checks a matrix result.
    ///
    /// # Errors
    /// See [`crate::tol::check_mat_close`]; also if the diagonal must be real
    /// and is not.
    pub fn check_mat(&self, actual: MatRef<'_, T>) -> Result<(), String> {
        check_mat_close(self.op, actual, self.value.as_ref(), &self.bound())?;
        self.check_real_diagonal(actual)
    }
    /// Checks a vector result.
    ///
    /// # Errors
    /// See [`crate::tol::check_vec_close`].
    pub fn check_vec(&self, actual: VecRef<'_, T>) -> Result<(), String> {
        check_vec_close(self.op, actual, self.value.as_slice(), &self.bound())
    }
    /// Checks a scalar result.
    ///
    /// # Errors
    /// See [`crate::tol::check_scalar_close`].
    pub fn check_scalar(&self, actual: T) -> Result<(), String> {
        check_scalar_close(self.op, actual, self.scalar(), self.bound[(0, 0)])
    }
    /// [`Expected::check_mat`], panicking with its message.
    ///
    /// # Panics
    /// If the check fails.
    #[track_caller]
    pub fn assert_mat(&self, actual: MatRef<'_, T>) {
        if let Err(e) = self.check_mat(actual) {
            panic!("{e}");
        }
    }
    /// [`Expected::check_vec`], panicking with its message.
    ///
    /// # Panics
    /// If the check fails.
    #[track_caller]
    pub fn assert_vec(&self, actual: VecRef<'_, T>) {
        if let Err(e) = self.check_vec(actual) {
            panic!("{e}");
        }
    }
    /// [`Expected::check_scalar`], panicking with its message.
    ///
    /// # Panics
    /// If the check fails.
    #[track_caller]
    pub fn assert_scalar(&self, actual: T) {
        if let Err(e) = self.check_scalar(actual) {
            panic!("{e}");
        }
    }
}

type Term<'a> = (c64, &'a Mat<c64>, &'a Mat<c64>);

/// `Σ αₜ·Aₜ·Bₜ + β·C` (`C` not read when `β = 0`, a term skipped when its
/// `α = 0`), and its magnitude `Σ |αₜ|·|Aₜ|·|Bₜ| + |β|·|C|`.
fn lin_comb(
    m: usize,
    n: usize,
    terms: &[Term<'_>],
    beta: c64,
    c: Option<&Mat<c64>>,
) -> (Mat<c64>, Mat<f64>) {
    let zero = c64::new(0.0, 0.0);
    let mut val = Mat::zeros(m, n);
    let mut mag = Mat::zeros(m, n);
    for j in 0..n {
        for i in 0..m {
            let mut acc = ComplexSum::new();
            let mut size = CompensatedSum::new();
            for &(alpha, a, b) in terms {
                if alpha == zero {
                    continue;
                }
                let mut s = ComplexSum::new();
                let mut sm = CompensatedSum::new();
                for l in 0..a.ncols() {
                    // An exact zero contributes nothing, also against NaN
                    // or ∞: a triangle's structural zeros are never read.
                    if a[(i, l)] == zero || b[(l, j)] == zero {
                        continue;
                    }
                    s.add_product(a[(i, l)], b[(l, j)]);
                    sm.add_product(a[(i, l)].norm(), b[(l, j)].norm());
                }
                acc.add_product(alpha, s.value());
                size.add_product(alpha.norm(), sm.value());
            }
            if let Some(c) = c.filter(|_| beta != zero) {
                acc.add_product(beta, c[(i, j)]);
                size.add_product(beta.norm(), c[(i, j)].norm());
            }
            val[(i, j)] = acc.value();
            mag[(i, j)] = size.value();
        }
    }
    (val, mag)
}

/// Rounds `val` to `T` where `written`, keeps `orig` elsewhere; bound is
/// `factor·mag` where written, zero elsewhere.
fn finish<T: Scalar>(
    op: &'static str,
    val: &Mat<c64>,
    mag: &Mat<f64>,
    factor: f64,
    orig: Option<MatRef<'_, T>>,
    written: impl Fn(usize, usize) -> bool,
    real_diagonal: bool,
) -> Expected<T> {
    let (m, n) = val.shape();
    let value = Mat::from_fn(m, n, |i, j| match orig {
        Some(o) if !written(i, j) => o.at(i, j),
        _ => {
            let mut z = val[(i, j)];
            if real_diagonal && i == j {
                z.im = 0.0;
            }
            T::from_c64(z)
        }
    });
    let bound = Mat::from_fn(m, n, |i, j| {
        if orig.is_some() && !written(i, j) {
            0.0
        } else {
            factor * mag[(i, j)]
        }
    });
    Expected {
        op,
        value,
        bound,
        real_diagonal,
    }
}

fn all(_: usize, _: usize) -> bool {
    true
}

fn in_triangle(uplo: Uplo) -> impl Fn(usize, usize) -> bool {
    move |i, j| match uplo {
        Uplo::Upper => i <= j,
        Uplo::Lower => i >= j,
    }
}

fn c(x: f64) -> c64 {
    c64::new(x, 0.0)
}

fn one() -> c64 {
    c(1.0)
}

fn real_trans<T: Scalar>(what: &str, t: Trans, allowed: Trans) -> bool {
    // For real types Trans and ConjTrans are the same operation.
    match t {
        Trans::No => false,
        _ if !T::IS_COMPLEX => true,
        t if t == allowed => true,
        t => panic!("{what}: Trans::{t:?} is not allowed for complex types"),
    }
}

// ---- BLAS 1 ------------------------------------------------------------

/// `Σ xᵢ·yᵢ` (unconjugated). Bound `c·(n+2)·ε·Σ|xᵢ|·|yᵢ|`.
///
/// # Panics
/// If the lengths differ.
#[doc(alias = "dotu")]
pub fn dot<T: Scalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> Expected<T> {
    assert_eq!(x.len(), y.len(), "dot: x and y lengths differ");
    let (xs, ys) = (widen_vec(x).transpose(), widen_vec(y));
    let (v, m) = lin_comb(1, 1, &[(one(), &xs, &ys)], c(0.0), None);
    finish("dot", &v, &m, blas_factor::<T>(x.len()), None, all, false)
}

/// `Σ conj(xᵢ)·yᵢ`. Bound as [`dot`].
///
/// # Panics
/// If the lengths differ.
pub fn dotc<T: Scalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> Expected<T> {
    assert_eq!(x.len(), y.len(), "dotc: x and y lengths differ");
    let (xs, ys) = (widen_vec(x).adjoint(), widen_vec(y));
    let (v, m) = lin_comb(1, 1, &[(one(), &xs, &ys)], c(0.0), None);
    finish("dotc", &v, &m, blas_factor::<T>(x.len()), None, all, false)
}

/// `α·x + y`. Bound `c·3·ε·(|α|·|x| + |y|)`.
///
/// # Panics
/// If the lengths differ.
pub fn axpy<T: Scalar>(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Expected<T> {
    assert_eq!(x.len(), y.len(), "axpy: x and y lengths differ");
    let (xs, ys) = (widen_vec(x), widen_vec(y));
    let e = dense::eye(1);
    let (v, m) = lin_comb(x.len(), 1, &[(alpha.to_c64(), &xs, &e)], one(), Some(&ys));
    finish("axpy", &v, &m, blas_factor::<T>(1), None, all, false)
}

/// `α·x`. Bound `c·3·ε·|α|·|x|`.
pub fn scal<T: Scalar>(alpha: T, x: VecRef<'_, T>) -> Expected<T> {
    let xs = widen_vec(x);
    // Computed as a product even for α = 0 (reference BLAS `scal` multiplies).
    let v = Mat::from_fn(x.len(), 1, |i, _| alpha.to_c64() * xs[(i, 0)]);
    let m = Mat::from_fn(x.len(), 1, |i, _| alpha.to_c64().norm() * xs[(i, 0)].norm());
    finish("scal", &v, &m, blas_factor::<T>(1), None, all, false)
}

/// `‖x‖₂`, accurate (power-of-two scaling, compensated sum of squares).
/// Bound `c·(n+2)·ε·‖x‖₂`.
pub fn nrm2<T: Scalar>(x: VecRef<'_, T>) -> Expected<T::Real> {
    let xs = widen_vec(x);
    let big = xs
        .as_slice()
        .iter()
        .fold(0.0f64, |a, z| a.max(z.re.abs()).max(z.im.abs()));
    // f64::max ignores NaN: a NaN element makes the norm NaN.
    let nan = xs.as_slice().iter().any(|z| z.re.is_nan() || z.im.is_nan());
    let v = if nan {
        f64::NAN
    } else if big == 0.0 || !big.is_finite() {
        big
    } else {
        // The largest power of two ≤ big (2⁻¹⁰²² for subnormals): dividing by
        // it is exact.
        let bits = big.to_bits() & (0x7ff << 52);
        let scale = if bits == 0 {
            f64::MIN_POSITIVE
        } else {
            f64::from_bits(bits)
        };
        let mut s = CompensatedSum::new();
        for z in xs.as_slice() {
            let (r, i) = (z.re / scale, z.im / scale);
            s.add_product(r, r);
            s.add_product(i, i);
        }
        scale * s.value().sqrt()
    };
    let val = Mat::from_fn(1, 1, |_, _| c(v));
    let mag = Mat::from_fn(1, 1, |_, _| v);
    finish(
        "nrm2",
        &val,
        &mag,
        blas_factor::<T>(x.len()),
        None,
        all,
        false,
    )
}

/// `Σ |re xᵢ| + |im xᵢ|`. Bound `c·(n+2)·ε·asum`.
pub fn asum<T: Scalar>(x: VecRef<'_, T>) -> Expected<T::Real> {
    let mut s = CompensatedSum::new();
    for z in x.iter() {
        let z = z.to_c64();
        s.add(z.re.abs());
        s.add(z.im.abs());
    }
    let v = s.value();
    let val = Mat::from_fn(1, 1, |_, _| c(v));
    let mag = Mat::from_fn(1, 1, |_, _| v);
    finish(
        "asum",
        &val,
        &mag,
        blas_factor::<T>(x.len()),
        None,
        all,
        false,
    )
}

/// 0-based index of the first element of largest `|re| + |im|`, computed in
/// `T::Real` as BLAS does (so ties after rounding resolve the same way). NaNs
/// follow classic reference BLAS (a comparison with NaN is false, so a NaN
/// wins only in first position); the `Ops` docs leave NaN unspecified, so
/// conformance tests should use finite data.
///
/// # Panics
/// If `x` is empty.
pub fn iamax<T: Scalar>(x: VecRef<'_, T>) -> usize {
    assert!(!x.is_empty(), "iamax: x is empty");
    let mut best = 0;
    let mut max = x.at(0).abs1();
    for i in 1..x.len() {
        let v = x.at(i).abs1();
        if v > max {
            best = i;
            max = v;
        }
    }
    best
}

// ---- BLAS 2 ------------------------------------------------------------

/// `α·op(A)·x + β·y` (`y` not read when `β = 0`).
///
/// # Panics
/// If the shapes do not fit.
pub fn gemv<T: Scalar>(
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecRef<'_, T>,
) -> Expected<T> {
    let oa = op(trans, &widen(a));
    assert!(
        oa.ncols() == x.len() && oa.nrows() == y.len(),
        "gemv: op(A) is {:?}, x has {}, y has {}",
        oa.shape(),
        x.len(),
        y.len()
    );
    let (xs, ys) = (widen_vec(x), widen_vec(y));
    let (v, m) = lin_comb(
        y.len(),
        1,
        &[(alpha.to_c64(), &oa, &xs)],
        beta.to_c64(),
        Some(&ys),
    );
    finish(
        "gemv",
        &v,
        &m,
        blas_factor::<T>(oa.ncols()),
        None,
        all,
        false,
    )
}

fn ger<T: Scalar>(
    name: &'static str,
    conj: bool,
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatRef<'_, T>,
) -> Expected<T> {
    assert_eq!(
        a.shape(),
        (x.len(), y.len()),
        "{name}: A must be len(x) × len(y)"
    );
    let xs = widen_vec(x);
    let yt = if conj {
        widen_vec(y).adjoint()
    } else {
        widen_vec(y).transpose()
    };
    let aw = widen(a);
    let (v, m) = lin_comb(
        x.len(),
        y.len(),
        &[(alpha.to_c64(), &xs, &yt)],
        one(),
        Some(&aw),
    );
    finish(name, &v, &m, blas_factor::<T>(1), None, all, false)
}

/// `A + α·x·yᵀ`.
///
/// # Panics
/// If `A` is not `len(x) × len(y)`.
#[doc(alias = "ger")]
pub fn geru<T: Scalar>(
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatRef<'_, T>,
) -> Expected<T> {
    ger("geru", false, alpha, x, y, a)
}

/// `A + α·x·yᴴ`.
///
/// # Panics
/// If `A` is not `len(x) × len(y)`.
pub fn gerc<T: Scalar>(
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatRef<'_, T>,
) -> Expected<T> {
    ger("gerc", true, alpha, x, y, a)
}

/// `α·A·x + β·y` with `A` Hermitian (symmetric for real types) from its `uplo`
/// triangle, diagonal imaginary parts taken as zero.
///
/// # Panics
/// If the shapes do not fit.
#[doc(alias = "symv")]
pub fn hemv<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecRef<'_, T>,
) -> Expected<T> {
    let n = a.nrows();
    assert!(
        a.ncols() == n && x.len() == n && y.len() == n,
        "hemv: A is {:?}, x has {}, y has {}",
        a.shape(),
        x.len(),
        y.len()
    );
    let h = dense::from_triangle(&widen(a), uplo, true);
    let (xs, ys) = (widen_vec(x), widen_vec(y));
    let (v, m) = lin_comb(n, 1, &[(alpha.to_c64(), &h, &xs)], beta.to_c64(), Some(&ys));
    finish("hemv", &v, &m, blas_factor::<T>(n), None, all, false)
}

fn op_triangle<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
) -> (Mat<c64>, bool) {
    assert_eq!(a.nrows(), a.ncols(), "triangular A must be square");
    let t = dense::triangle(&widen(a), uplo, diag == Diag::Unit);
    let lower = (uplo == Uplo::Lower) != trans.is_transposed();
    (op(trans, &t), lower)
}

/// `op(A)·x`, `A` triangular (only the `uplo` triangle read; not the diagonal
/// with [`Diag::Unit`]).
///
/// # Panics
/// If the shapes do not fit.
pub fn trmv<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
) -> Expected<T> {
    let (t, _) = op_triangle(uplo, trans, diag, a);
    assert_eq!(t.nrows(), x.len(), "trmv: A and x sizes differ");
    let xs = widen_vec(x);
    let (v, m) = lin_comb(x.len(), 1, &[(one(), &t, &xs)], c(0.0), None);
    finish("trmv", &v, &m, blas_factor::<T>(x.len()), None, all, false)
}

/// Solves `t·X = B` (`t` triangular) and returns `X` with the forward error
/// magnitude `|t⁻¹|·|t|·|X|`.
fn tri_solve_with_mag(t: &Mat<c64>, lower: bool, b: &Mat<c64>) -> (Mat<c64>, Mat<f64>) {
    let x = dense::tri_solve(t, lower, b);
    let tinv = dense::tri_solve(t, lower, &dense::eye(t.nrows()));
    let mag = dense::matmul(
        &dense::matmul(&dense::abs(&tinv), &dense::abs(t)),
        &dense::abs(&x),
    );
    let mag = Mat::from_fn(mag.nrows(), mag.ncols(), |i, j| mag[(i, j)].re);
    (x, mag)
}

/// `op(A)⁻¹·x`, `A` triangular. Bound: the forward error bound
/// `c·(n+2)·ε·|op(A)⁻¹|·|op(A)|·|x̂|` (Skeel), which grows with the
/// conditioning of `A`.
///
/// # Panics
/// If the shapes do not fit.
pub fn trsv<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
) -> Expected<T> {
    let (t, lower) = op_triangle(uplo, trans, diag, a);
    assert_eq!(t.nrows(), x.len(), "trsv: A and x sizes differ");
    let (v, m) = tri_solve_with_mag(&t, lower, &widen_vec(x));
    finish("trsv", &v, &m, blas_factor::<T>(x.len()), None, all, false)
}

// ---- BLAS 3 ------------------------------------------------------------

/// `α·op(A)·op(B) + β·C` (`C` not read when `β = 0`).
///
/// # Panics
/// If the shapes do not fit.
pub fn gemm<T: Scalar>(
    transa: Trans,
    transb: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatRef<'_, T>,
) -> Expected<T> {
    let (oa, ob) = (op(transa, &widen(a)), op(transb, &widen(b)));
    assert!(
        oa.ncols() == ob.nrows() && c.shape() == (oa.nrows(), ob.ncols()),
        "gemm: op(A) is {:?}, op(B) is {:?}, C is {:?}",
        oa.shape(),
        ob.shape(),
        c.shape()
    );
    let cw = widen(c);
    let (v, m) = lin_comb(
        c.nrows(),
        c.ncols(),
        &[(alpha.to_c64(), &oa, &ob)],
        beta.to_c64(),
        Some(&cw),
    );
    finish(
        "gemm",
        &v,
        &m,
        blas_factor::<T>(oa.ncols()),
        None,
        all,
        false,
    )
}

#[allow(clippy::too_many_arguments, reason = "mirrors the BLAS signature")]
fn symm_like<T: Scalar>(
    name: &'static str,
    herm: bool,
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatRef<'_, T>,
) -> Expected<T> {
    let k = a.nrows();
    let fits = a.ncols() == k
        && b.shape() == c.shape()
        && match side {
            Side::Left => b.nrows() == k,
            Side::Right => b.ncols() == k,
        };
    assert!(
        fits,
        "{name}: A is {:?}, B is {:?}, C is {:?} ({side:?})",
        a.shape(),
        b.shape(),
        c.shape()
    );
    let s = dense::from_triangle(&widen(a), uplo, herm);
    let (bw, cw) = (widen(b), widen(c));
    let term = match side {
        Side::Left => (alpha.to_c64(), &s, &bw),
        Side::Right => (alpha.to_c64(), &bw, &s),
    };
    let (v, m) = lin_comb(c.nrows(), c.ncols(), &[term], beta.to_c64(), Some(&cw));
    finish(name, &v, &m, blas_factor::<T>(k), None, all, false)
}

/// `α·A·B + β·C` (left) or `α·B·A + β·C` (right), `A` symmetric (not
/// conjugated, even for complex types) from its `uplo` triangle.
///
/// # Panics
/// If the shapes do not fit.
#[allow(clippy::too_many_arguments, reason = "mirrors the BLAS signature")]
pub fn symm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatRef<'_, T>,
) -> Expected<T> {
    symm_like("symm", false, side, uplo, alpha, a, b, beta, c)
}

/// As [`symm`] with `A` Hermitian (diagonal imaginary parts taken as zero).
///
/// # Panics
/// If the shapes do not fit.
#[allow(clippy::too_many_arguments, reason = "mirrors the BLAS signature")]
pub fn hemm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatRef<'_, T>,
) -> Expected<T> {
    symm_like("hemm", true, side, uplo, alpha, a, b, beta, c)
}

fn check_rank_k_shapes(
    name: &str,
    trans: bool,
    a: (usize, usize),
    b: (usize, usize),
    c: (usize, usize),
) -> usize {
    let (n, k) = if trans { (a.1, a.0) } else { a };
    assert!(
        c == (n, n) && b == a,
        "{name}: A is {a:?}, B is {b:?}, C is {c:?} (transposed: {trans})"
    );
    k
}

/// `C` with the imaginary parts of its diagonal dropped.
fn real_diag(c: &Mat<c64>) -> Mat<c64> {
    Mat::from_fn(c.nrows(), c.ncols(), |i, j| {
        let z = c[(i, j)];
        if i == j { c64::new(z.re, 0.0) } else { z }
    })
}

/// `α·A·Aᵀ + β·C` (`No`) or `α·Aᵀ·A + β·C` (`Trans`; `ConjTrans` accepted for
/// real types); only the `uplo` triangle of `C` written.
///
/// # Panics
/// If the shapes do not fit, or `ConjTrans` for a complex type.
pub fn syrk<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    beta: T,
    c: MatRef<'_, T>,
) -> Expected<T> {
    let t = real_trans::<T>("syrk", trans, Trans::Trans);
    let k = check_rank_k_shapes("syrk", t, a.shape(), a.shape(), c.shape());
    let aw = widen(a);
    let (l, r) = if t {
        (aw.transpose(), aw)
    } else {
        (aw.clone(), aw.transpose())
    };
    let cw = widen(c);
    let n = c.nrows();
    let (v, m) = lin_comb(n, n, &[(alpha.to_c64(), &l, &r)], beta.to_c64(), Some(&cw));
    finish(
        "syrk",
        &v,
        &m,
        blas_factor::<T>(k),
        Some(c),
        in_triangle(uplo),
        false,
    )
}

/// `α·A·Aᴴ + β·C` (`No`) or `α·Aᴴ·A + β·C` (`ConjTrans`; `Trans` accepted for
/// real types), real `α`, `β`; only the `uplo` triangle of `C` written, its
/// diagonal exactly real.
///
/// # Panics
/// If the shapes do not fit, or `Trans` for a complex type.
pub fn herk<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    alpha: T::Real,
    a: MatRef<'_, T>,
    beta: T::Real,
    c: MatRef<'_, T>,
) -> Expected<T> {
    let t = real_trans::<T>("herk", trans, Trans::ConjTrans);
    let k = check_rank_k_shapes("herk", t, a.shape(), a.shape(), c.shape());
    let aw = widen(a);
    let (l, r) = if t {
        (aw.adjoint(), aw)
    } else {
        (aw.clone(), aw.adjoint())
    };
    let cw = real_diag(&widen(c));
    let n = c.nrows();
    let (v, m) = lin_comb(n, n, &[(alpha.to_c64(), &l, &r)], beta.to_c64(), Some(&cw));
    finish(
        "herk",
        &v,
        &m,
        blas_factor::<T>(k),
        Some(c),
        in_triangle(uplo),
        true,
    )
}

/// `α·A·Bᵀ + α·B·Aᵀ + β·C` (`No`) or `α·Aᵀ·B + α·Bᵀ·A + β·C` (`Trans`);
/// only the `uplo` triangle of `C` written.
///
/// # Panics
/// If the shapes do not fit, or `ConjTrans` for a complex type.
#[allow(clippy::too_many_arguments, reason = "mirrors the BLAS signature")]
pub fn syr2k<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatRef<'_, T>,
) -> Expected<T> {
    let t = real_trans::<T>("syr2k", trans, Trans::Trans);
    let k = check_rank_k_shapes("syr2k", t, a.shape(), b.shape(), c.shape());
    let (aw, bw) = (widen(a), widen(b));
    let (a1, b1, a2, b2) = if t {
        (aw.transpose(), bw.clone(), bw.transpose(), aw.clone())
    } else {
        (aw.clone(), bw.transpose(), bw.clone(), aw.transpose())
    };
    let cw = widen(c);
    let n = c.nrows();
    let al = alpha.to_c64();
    let (v, m) = lin_comb(
        n,
        n,
        &[(al, &a1, &b1), (al, &a2, &b2)],
        beta.to_c64(),
        Some(&cw),
    );
    finish(
        "syr2k",
        &v,
        &m,
        blas_factor::<T>(2 * k),
        Some(c),
        in_triangle(uplo),
        false,
    )
}

/// `α·A·Bᴴ + conj(α)·B·Aᴴ + β·C` (`No`) or `α·Aᴴ·B + conj(α)·Bᴴ·A + β·C`
/// (`ConjTrans`), real `β`; only the `uplo` triangle written, its diagonal
/// exactly real (as reference BLAS; the `Ops` docs do not say).
///
/// # Panics
/// If the shapes do not fit, or `Trans` for a complex type.
#[allow(clippy::too_many_arguments, reason = "mirrors the BLAS signature")]
pub fn her2k<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T::Real,
    c: MatRef<'_, T>,
) -> Expected<T> {
    let t = real_trans::<T>("her2k", trans, Trans::ConjTrans);
    let k = check_rank_k_shapes("her2k", t, a.shape(), b.shape(), c.shape());
    let (aw, bw) = (widen(a), widen(b));
    let (a1, b1, a2, b2) = if t {
        (aw.adjoint(), bw.clone(), bw.adjoint(), aw.clone())
    } else {
        (aw.clone(), bw.adjoint(), bw.clone(), aw.adjoint())
    };
    let cw = real_diag(&widen(c));
    let n = c.nrows();
    let al = alpha.to_c64();
    let (v, m) = lin_comb(
        n,
        n,
        &[(al, &a1, &b1), (al.conj(), &a2, &b2)],
        beta.to_c64(),
        Some(&cw),
    );
    finish(
        "her2k",
        &v,
        &m,
        blas_factor::<T>(2 * k),
        Some(c),
        in_triangle(uplo),
        true,
    )
}

fn check_tri_side(name: &str, side: Side, a: (usize, usize), b: (usize, usize)) -> usize {
    let k = match side {
        Side::Left => b.0,
        Side::Right => b.1,
    };
    assert!(a == (k, k), "{name}: A is {a:?} but B is {b:?} ({side:?})");
    k
}

/// `α·op(A)·B` (left) or `α·B·op(A)` (right), `A` triangular.
///
/// # Panics
/// If the shapes do not fit.
#[allow(clippy::too_many_arguments, reason = "mirrors the BLAS signature")]
pub fn trmm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
) -> Expected<T> {
    let k = check_tri_side("trmm", side, a.shape(), b.shape());
    let (t, _) = op_triangle(uplo, trans, diag, a);
    let bw = widen(b);
    let term = match side {
        Side::Left => (alpha.to_c64(), &t, &bw),
        Side::Right => (alpha.to_c64(), &bw, &t),
    };
    let (v, m) = lin_comb(b.nrows(), b.ncols(), &[term], c(0.0), None);
    finish("trmm", &v, &m, blas_factor::<T>(k), None, all, false)
}

/// `α·op(A)⁻¹·B` (left) or `α·B·op(A)⁻¹` (right), `A` triangular; `α = 0`
/// gives zero without reading `A` or `B`. Bound: the forward error bound
/// `c·(k+2)·ε·|op(A)⁻¹|·|op(A)|·|X̂|` (left; mirrored for right).
///
/// # Panics
/// If the shapes do not fit.
#[allow(clippy::too_many_arguments, reason = "mirrors the BLAS signature")]
pub fn trsm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
) -> Expected<T> {
    let k = check_tri_side("trsm", side, a.shape(), b.shape());
    let (mb, nb) = b.shape();
    if alpha == T::zero() {
        let z = Mat::zeros(mb, nb);
        return finish("trsm", &z, &Mat::zeros(mb, nb), 0.0, None, all, false);
    }
    let (t, lower) = op_triangle(uplo, trans, diag, a);
    let al = alpha.to_c64();
    let bw = widen(b);
    let rhs = Mat::from_fn(mb, nb, |i, j| al * bw[(i, j)]);
    let (v, m) = match side {
        Side::Left => tri_solve_with_mag(&t, lower, &rhs),
        Side::Right => {
            // X·T = R  ⇔  Tᵀ·Xᵀ = Rᵀ.
            let (xt, mt) = tri_solve_with_mag(&t.transpose(), !lower, &rhs.transpose());
            (xt.transpose(), Mat::from_fn(mb, nb, |i, j| mt[(j, i)]))
        }
    };
    finish("trsm", &v, &m, blas_factor::<T>(k), None, all, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{nan, random_mat, random_triangular, random_vec};
    use crate::layout::{Layout, TestMat, TestVec};
    use crate::rng::Rng;
    use crate::strategies::{self, config};
    use linmux_core::{c32, c64};
    use proptest::prelude::*;

    fn z(re: f64, im: f64) -> c64 {
        c64::new(re, im)
    }
    fn v<T: Scalar>(x: &[T]) -> VecRef<'_, T> {
        VecRef::from_slice(x)
    }
    fn rows<const N: usize>(r: &[[f64; N]]) -> Mat<f64> {
        Mat::from_rows(r)
    }

    #[test]
    fn blas1_by_hand() {
        assert_eq!(dot(v(&[1.0, 2.0, 3.0]), v(&[4.0, 5.0, 6.0])).scalar(), 32.0);
        let (x, y) = ([z(1.0, 1.0)], [z(2.0, 3.0)]);
        assert_eq!(dot(v(&x), v(&y)).scalar(), z(-1.0, 5.0));
        assert_eq!(dotc(v(&x), v(&y)).scalar(), z(5.0, 1.0));
        assert_eq!(dot::<f64>(v(&[]), v(&[])).scalar(), 0.0);
        assert_eq!(
            axpy(2.0, v(&[1.0, 2.0]), v(&[10.0, 20.0])).to_vec(),
            vec![12.0, 24.0]
        );
        assert_eq!(
            scal(z(0.0, 1.0), v(&[z(1.0, 2.0)])).to_vec(),
            vec![z(-2.0, 1.0)]
        );
        assert_eq!(nrm2(v(&[3.0f32, 4.0])).scalar(), 5.0);
        // Scaled by powers of two so that 3-4-5 stays exact: no overflow, no
        // underflow (subnormal inputs).
        let (big, tiny) = (2f64.powi(600), 2f64.powi(-1070));
        assert_eq!(nrm2(v(&[3.0 * big, 4.0 * big])).scalar(), 5.0 * big);
        assert_eq!(nrm2(v(&[3.0 * tiny, 4.0 * tiny])).scalar(), 5.0 * tiny);
        assert_eq!(nrm2(v(&[z(3.0, 4.0)])).scalar(), 5.0);
        assert_eq!(nrm2::<c32>(v(&[])).scalar(), 0.0);
        assert_eq!(asum(v(&[z(1.0, -2.0), z(-3.0, 0.0)])).scalar(), 6.0);
        assert_eq!(iamax(v(&[1.0, -3.0, 3.0, 2.0])), 1);
        assert_eq!(iamax(v(&[z(3.0, 0.0), z(2.0, 2.0)])), 1);
        // Classic reference BLAS: comparisons with NaN are false.
        assert_eq!(iamax(v(&[f64::NAN, 1.0])), 0);
        assert_eq!(iamax(v(&[1.0, f64::NAN, 0.5])), 0);
    }

    #[test]
    fn compensated_dot_is_exact_under_cancellation() {
        // Naive f32 summation returns 0 for both.
        let big = 16_777_216.0f32; // 2²⁴
        let e = dot(v(&[big, 1.0, -big]), v(&[1.0, 1.0, 1.0]));
        assert_eq!(e.scalar(), 1.0);
        let e = dot(v(&[1e16, 1.0, -1e16]), v(&[1.0, 1.0, 1.0]));
        assert_eq!(e.scalar(), 1.0);
        // The bound scales with Σ|x||y| (here 2e16 + 1), not with the result.
        assert!(e.bound[(0, 0)] > 1.0);
        assert!(e.check_scalar(1.5).is_ok());
        // x·y = (1+ε)(1−ε) − 1 = −ε², invisible to naive f64 arithmetic.
        let eps = f64::EPSILON;
        let e = dot(v(&[1.0 + eps, -1.0]), v(&[1.0 - eps, 1.0]));
        assert_eq!(e.scalar(), -eps * eps);
    }

    #[test]
    fn gemv_by_hand_and_special_coefficients() {
        let a = rows(&[[1.0, 2.0], [3.0, 4.0]]);
        let x = [1.0, 1.0];
        let y = [f64::NAN, f64::INFINITY];
        let e = gemv(Trans::No, 1.0, a.as_ref(), v(&x), 0.0, v(&y));
        assert_eq!(e.to_vec(), vec![3.0, 7.0]);
        let e = gemv(Trans::Trans, 1.0, a.as_ref(), v(&x), 0.0, v(&y));
        assert_eq!(e.to_vec(), vec![4.0, 6.0]);
        let nan_a = Mat::from_fn(2, 2, |_, _| f64::NAN);
        let e = gemv(Trans::No, 0.0, nan_a.as_ref(), v(&x), 2.0, v(&[1.0, -1.0]));
        assert_eq!(e.to_vec(), vec![2.0, -2.0]);
        let ac = Mat::from_rows(&[[z(0.0, 1.0), z(1.0, 0.0)]]);
        let e = gemv(
            Trans::ConjTrans,
            z(1.0, 0.0),
            ac.as_ref(),
            v(&[z(1.0, 0.0)]),
            z(0.0, 0.0),
            v(&[z(0.0, 0.0); 2]),
        );
        assert_eq!(e.to_vec(), vec![z(0.0, -1.0), z(1.0, 0.0)]);
        assert!(e.check_vec(v(&[z(0.0, -1.0), z(1.0, 1e-3)])).is_err());
    }

    #[test]
    fn ger_by_hand() {
        let a = Mat::<c64>::zeros(1, 1);
        let (x, y) = ([z(1.0, 1.0)], [z(0.0, 1.0)]);
        assert_eq!(
            geru(z(1.0, 0.0), v(&x), v(&y), a.as_ref()).value[(0, 0)],
            z(-1.0, 1.0)
        );
        assert_eq!(
            gerc(z(1.0, 0.0), v(&x), v(&y), a.as_ref()).value[(0, 0)],
            z(1.0, -1.0)
        );
        let a = rows(&[[1.0, 0.0], [0.0, 1.0]]);
        let e = geru(2.0, v(&[1.0, 2.0]), v(&[3.0, 4.0]), a.as_ref());
        assert_eq!(e.value, rows(&[[7.0, 8.0], [12.0, 17.0]]));
    }

    #[test]
    fn hermitian_operands_read_one_triangle() {
        // Full matrix [[2, 1+i], [1−i, 3]] stored in the upper triangle; the
        // lower triangle is NaN and the diagonal carries imaginary garbage.
        let n = nan::<c64>();
        let a = Mat::from_rows(&[[z(2.0, 5.0), z(1.0, 1.0)], [n, z(3.0, -7.0)]]);
        let x = [z(1.0, 0.0), z(0.0, 0.0)];
        let e = hemv(
            Uplo::Upper,
            z(1.0, 0.0),
            a.as_ref(),
            v(&x),
            z(0.0, 0.0),
            v(&x),
        );
        assert_eq!(e.to_vec(), vec![z(2.0, 0.0), z(1.0, -1.0)]);
        let id = Mat::<c64>::identity(2);
        let full = Mat::from_rows(&[[z(2.0, 0.0), z(1.0, 1.0)], [z(1.0, -1.0), z(3.0, 0.0)]]);
        for side in [Side::Left, Side::Right] {
            let e = hemm(
                side,
                Uplo::Upper,
                z(1.0, 0.0),
                a.as_ref(),
                id.as_ref(),
                z(0.0, 0.0),
                id.as_ref(),
            );
            assert_eq!(e.value, full, "{side:?}");
        }
        // symm: not conjugated, diagonal kept.
        let e = symm(
            Side::Left,
            Uplo::Lower,
            z(1.0, 0.0),
            a.transpose().as_ref(),
            id.as_ref(),
            z(0.0, 0.0),
            id.as_ref(),
        );
        assert_eq!(e.value[(0, 1)], z(1.0, 1.0));
        assert_eq!(e.value[(1, 0)], z(1.0, 1.0));
        assert_eq!(e.value[(0, 0)], z(2.0, 5.0));
    }

    #[test]
    fn triangular_by_hand() {
        let a = rows(&[[1.0, 2.0], [f64::NAN, 3.0]]);
        let x = [1.0, 1.0];
        let e = trmv(Uplo::Upper, Trans::No, Diag::NonUnit, a.as_ref(), v(&x));
        assert_eq!(e.to_vec(), vec![3.0, 3.0]);
        let e = trmv(Uplo::Upper, Trans::Trans, Diag::NonUnit, a.as_ref(), v(&x));
        assert_eq!(e.to_vec(), vec![1.0, 5.0]);
        let mut u = a.clone();
        u[(0, 0)] = f64::NAN;
        u[(1, 1)] = f64::NAN;
        let e = trmv(Uplo::Upper, Trans::No, Diag::Unit, u.as_ref(), v(&x));
        assert_eq!(e.to_vec(), vec![3.0, 1.0]);
        let e = trsv(
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            a.as_ref(),
            v(&[3.0, 3.0]),
        );
        assert_eq!(e.to_vec(), vec![1.0, 1.0]);
        let e = trsv(
            Uplo::Upper,
            Trans::Trans,
            Diag::Unit,
            u.as_ref(),
            v(&[1.0, 3.0]),
        );
        assert_eq!(e.to_vec(), vec![1.0, 1.0]);
        // trmm / trsm, both sides: [[1,2],[.,3]]·I and I·[[1,2],[.,3]].
        let id = Mat::<f64>::identity(2);
        let full = rows(&[[1.0, 2.0], [0.0, 3.0]]);
        for side in [Side::Left, Side::Right] {
            let e = trmm(
                side,
                Uplo::Upper,
                Trans::No,
                Diag::NonUnit,
                1.0,
                a.as_ref(),
                id.as_ref(),
            );
            assert_eq!(e.value, full);
            let e = trsm(
                side,
                Uplo::Upper,
                Trans::No,
                Diag::NonUnit,
                1.0,
                a.as_ref(),
                full.as_ref(),
            );
            assert_eq!(e.value, id);
            let e = trsm(
                side,
                Uplo::Upper,
                Trans::No,
                Diag::NonUnit,
                0.0,
                a.as_ref(),
                u.as_ref(),
            );
            assert_eq!(e.value, Mat::zeros(2, 2));
        }
        // X·A = B on the right: X·[[1,2],[0,3]] = [[1, 5]] → X = [[1, 1]].
        let e = trsm(
            Side::Right,
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            1.0,
            a.as_ref(),
            rows(&[[1.0, 5.0]]).as_ref(),
        );
        assert_eq!(e.value, rows(&[[1.0, 1.0]]));
    }

    #[test]
    fn gemm_by_hand() {
        let a = rows(&[[1.0, 2.0], [3.0, 4.0]]);
        let b = rows(&[[5.0, 6.0], [7.0, 8.0]]);
        let c = Mat::from_fn(2, 2, |_, _| f64::NAN);
        let e = gemm(
            Trans::No,
            Trans::No,
            1.0,
            a.as_ref(),
            b.as_ref(),
            0.0,
            c.as_ref(),
        );
        assert_eq!(e.value, rows(&[[19.0, 22.0], [43.0, 50.0]]));
        let e = gemm(
            Trans::Trans,
            Trans::No,
            1.0,
            a.as_ref(),
            b.as_ref(),
            0.0,
            c.as_ref(),
        );
        assert_eq!(e.value, rows(&[[26.0, 30.0], [38.0, 44.0]]));
        let e = gemm(
            Trans::No,
            Trans::Trans,
            2.0,
            a.as_ref(),
            b.as_ref(),
            -1.0,
            a.as_ref(),
        );
        assert_eq!(e.value, rows(&[[33.0, 44.0], [75.0, 102.0]]));
        // k = 0: C ← β·C.
        let e0 = Mat::<f64>::zeros(2, 0);
        let e = gemm(
            Trans::No,
            Trans::No,
            1.0,
            e0.as_ref(),
            e0.transpose().as_ref(),
            3.0,
            a.as_ref(),
        );
        assert_eq!(e.value, rows(&[[3.0, 6.0], [9.0, 12.0]]));
        // Complex ConjTrans: Aᴴ·A for A = [[i]] is [[1]].
        let ac = Mat::from_rows(&[[z(0.0, 1.0)]]);
        let e = gemm(
            Trans::ConjTrans,
            Trans::No,
            z(1.0, 0.0),
            ac.as_ref(),
            ac.as_ref(),
            z(0.0, 0.0),
            ac.as_ref(),
        );
        assert_eq!(e.value[(0, 0)], z(1.0, 0.0));
        let e = gemm(
            Trans::Trans,
            Trans::No,
            z(1.0, 0.0),
            ac.as_ref(),
            ac.as_ref(),
            z(0.0, 0.0),
            ac.as_ref(),
        );
        assert_eq!(e.value[(0, 0)], z(-1.0, 0.0));
    }

    #[test]
    fn rank_k_updates_write_one_triangle() {
        let a = rows(&[[1.0, 2.0]]);
        let c = Mat::from_fn(2, 2, |_, _| f64::NAN);
        let e = syrk(Uplo::Upper, Trans::Trans, 1.0, a.as_ref(), 0.0, c.as_ref());
        assert_eq!(
            (e.value[(0, 0)], e.value[(0, 1)], e.value[(1, 1)]),
            (1.0, 2.0, 4.0)
        );
        assert!(e.value[(1, 0)].is_nan());
        assert_eq!(e.bound[(1, 0)], 0.0);
        let mut ok = e.value.clone();
        ok[(1, 0)] = f64::NAN;
        assert!(e.check_mat(ok.as_ref()).is_ok());
        ok[(1, 0)] = 2.0;
        let msg = e.check_mat(ok.as_ref()).unwrap_err();
        assert!(msg.contains("(1, 0)"), "{msg}");
        let c1 = Mat::from_rows(&[[1.0]]);
        let e = syrk(Uplo::Lower, Trans::No, 1.0, a.as_ref(), 0.0, c1.as_ref());
        assert_eq!(e.value[(0, 0)], 5.0);

        // herk: |1+i|² + 2² = 6, β·Re(C) with the imaginary diagonal ignored.
        let ac = Mat::from_rows(&[[z(1.0, 1.0), z(2.0, 0.0)]]);
        let cc = Mat::from_rows(&[[z(1.0, f64::NAN)]]);
        let e = herk(Uplo::Upper, Trans::No, 1.0, ac.as_ref(), 2.0, cc.as_ref());
        assert_eq!(e.value[(0, 0)], z(8.0, 0.0));
        assert!(e.real_diagonal);
        let bad = Mat::from_rows(&[[z(8.0, 1e-300)]]);
        assert!(
            e.check_mat(bad.as_ref())
                .unwrap_err()
                .contains("not exactly real")
        );
        let e = herk(
            Uplo::Lower,
            Trans::ConjTrans,
            1.0,
            ac.as_ref(),
            0.0,
            Mat::<c64>::zeros(2, 2).as_ref(),
        );
        // (AᴴA)₁₀ = conj(a₀₁)·a₀₀ = 2·(1+i).
        assert_eq!(e.value[(1, 0)], z(2.0, 2.0));
        assert_eq!(e.value[(0, 1)], z(0.0, 0.0));

        // syr2k / her2k with A = [[1, 0]], B = [[0, 1]] (Trans): AᵀB + BᵀA.
        let (a2, b2) = (rows(&[[1.0, 0.0]]), rows(&[[0.0, 1.0]]));
        let e = syr2k(
            Uplo::Upper,
            Trans::Trans,
            1.0,
            a2.as_ref(),
            b2.as_ref(),
            0.0,
            c.as_ref(),
        );
        assert_eq!(
            (e.value[(0, 0)], e.value[(0, 1)], e.value[(1, 1)]),
            (0.0, 1.0, 0.0)
        );
        let (ac, bc) = (
            Mat::from_rows(&[[z(0.0, 1.0)]]),
            Mat::from_rows(&[[z(1.0, 0.0)]]),
        );
        // α·A·Bᴴ + conj(α)·B·Aᴴ with α = i: i·i·1 + (−i)·1·(−i) = −1 + −1 = −2.
        let e = her2k(
            Uplo::Lower,
            Trans::No,
            z(0.0, 1.0),
            ac.as_ref(),
            bc.as_ref(),
            0.0,
            cc.as_ref(),
        );
        assert_eq!(e.value[(0, 0)], z(-2.0, 0.0));
    }

    #[test]
    #[should_panic(expected = "not allowed for complex types")]
    fn herk_rejects_plain_transpose_for_complex() {
        let a = Mat::<c64>::zeros(1, 1);
        let _ = herk(Uplo::Upper, Trans::Trans, 1.0, a.as_ref(), 0.0, a.as_ref());
    }

    fn naive_gemm(
        ta: Trans,
        tb: Trans,
        alpha: f64,
        a: &Mat<f64>,
        b: &Mat<f64>,
        beta: f64,
        c: &Mat<f64>,
    ) -> Mat<f64> {
        let oa = if ta == Trans::No {
            a.clone()
        } else {
            a.transpose()
        };
        let ob = if tb == Trans::No {
            b.clone()
        } else {
            b.transpose()
        };
        Mat::from_fn(oa.nrows(), ob.ncols(), |i, j| {
            let s: f64 = (0..oa.ncols()).map(|l| oa[(i, l)] * ob[(l, j)]).sum();
            let r = alpha * s;
            if beta == 0.0 { r } else { r + beta * c[(i, j)] }
        })
    }

    proptest! {
        #![proptest_config(config())]

        /// A naive f64 product passes the reference's bound, whatever the
        /// layouts; and the reference does not depend on the layout.
        #[test]
        fn gemm_reference_accepts_naive_products(
            (m, n, k, la, lb, lc) in strategies::gemm_dims(),
            (ta, tb) in strategies::trans_pair(),
            alpha in strategies::coefficient::<f64>(),
            beta in strategies::coefficient::<f64>(),
            seed in strategies::seed(),
        ) {
            let mut rng = Rng::new(seed);
            let (ar, ac) = ta.apply_shape(m, k);
            let (br, bc) = tb.apply_shape(k, n);
            let a = random_mat::<f64>(&mut rng, ar, ac);
            let b = random_mat::<f64>(&mut rng, br, bc);
            let c = if beta == 0.0 { TestMat::dirty(m, n, lc) } else { TestMat::from_mat(&random_mat(&mut rng, m, n), lc) };
            let ta_m = TestMat::from_mat(&a, la);
            let tb_m = TestMat::from_mat(&b, lb);
            let e = gemm(ta, tb, alpha, ta_m.as_ref(), tb_m.as_ref(), beta, c.as_ref());
            let e2 = gemm(ta, tb, alpha, a.as_ref(), b.as_ref(), beta, c.to_mat().as_ref());
            prop_assert_eq!(&e, &e2);
            let naive = naive_gemm(ta, tb, alpha, &a, &b, beta, &c.to_mat());
            prop_assert!(e.check_mat(naive.as_ref()).is_ok(), "{}", e.check_mat(naive.as_ref()).unwrap_err());
            prop_assert!(e.value.as_slice().iter().all(|x| x.is_finite()));
        }

        /// trsm undoes trmm within the forward error bound, for every flag
        /// combination, with poisoned unreferenced elements.
        #[test]
        fn trsm_inverts_trmm(
            (side, uplo, trans, diag) in strategies::tri_flags(),
            m in strategies::dim(),
            n in strategies::dim(),
            seed in strategies::seed(),
        ) {
            let mut rng = Rng::new(seed);
            let k = if side == Side::Left { m } else { n };
            let mut a = random_triangular::<c32>(&mut rng, k, uplo);
            crate::data::poison_unreferenced(&mut a, uplo, diag, nan());
            let b = random_mat::<c32>(&mut rng, m, n);
            let alpha = c32::new(0.5, -0.25);
            let p = trmm(side, uplo, trans, diag, alpha, a.as_ref(), b.as_ref());
            prop_assert!(p.value.as_slice().iter().all(|x| x.re.is_finite() && x.im.is_finite()));
            let inv_alpha = c32::new(1.0, 0.0) / alpha;
            let back = trsm(side, uplo, trans, diag, inv_alpha, a.as_ref(), p.value.as_ref());
            // The recovered B differs from the original by the roundings of p
            // and 1/α, both below ε·|op(A)⁻¹|·|op(A)|·|B|: within trsm's bound.
            let r = back.check_mat(b.as_ref());
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }

        /// Vector kernels on strided views agree with contiguous ones.
        #[test]
        fn strided_vectors_give_the_same_reference(
            (n, incx, incy) in strategies::vec_pair_dims(),
            seed in strategies::seed(),
        ) {
            let mut rng = Rng::new(seed);
            let x: Vec<c64> = random_vec(&mut rng, n);
            let y: Vec<c64> = random_vec(&mut rng, n);
            let (tx, ty) = (TestVec::from_slice(&x, incx), TestVec::from_slice(&y, incy));
            prop_assert_eq!(dotc(tx.as_ref(), ty.as_ref()), dotc(v(&x), v(&y)));
            prop_assert_eq!(nrm2(tx.as_ref()), nrm2(v(&x)));
            let d = dotc(v(&x), v(&x)).scalar();
            let nn = nrm2(v(&x)).scalar();
            prop_assert!((d.re - nn * nn).abs() <= 8.0 * f64::EPSILON * d.re.max(f64::MIN_POSITIVE));
            prop_assert!(d.im.abs() <= 8.0 * f64::EPSILON * d.re);
        }
    }

    proptest! {
        #![proptest_config(config())]

        /// What a real single-precision backend computes — naive products
        /// accumulated in f32 / c32 — passes the ε_f32 bounds; a wrong flag
        /// does not.
        #[test]
        fn single_precision_naive_kernels_pass(
            m in strategies::dim(),
            n in strategies::dim(),
            k in strategies::nonzero_dim(),
            seed in strategies::seed(),
        ) {
            let mut rng = Rng::new(seed);
            let a = random_mat::<c32>(&mut rng, m, k);
            let b = random_mat::<c32>(&mut rng, k, n);
            let c = random_mat::<c32>(&mut rng, m, n);
            let (alpha, beta) = (c32::new(0.75, -0.5), c32::new(-1.0, 0.25));
            let naive = Mat::from_fn(m, n, |i, j| {
                let mut s = c32::new(0.0, 0.0);
                for l in 0..k {
                    s += a[(i, l)] * b[(l, j)];
                }
                alpha * s + beta * c[(i, j)]
            });
            let e = gemm(Trans::No, Trans::No, alpha, a.as_ref(), b.as_ref(), beta, c.as_ref());
            let r = e.check_mat(naive.as_ref());
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
            if m > 0 && n > 0 && m == k {
                // Aᵀ·B instead of A·B is caught.
                let wrong = gemm(Trans::Trans, Trans::No, alpha, a.as_ref(), b.as_ref(), beta, c.as_ref());
                if wrong.value != e.value {
                    prop_assert!(e.check_mat(wrong.value.as_ref()).is_err());
                }
            }
            // herk in f32: C ← A·Aᵀ (lower), naive.
            let ar = random_mat::<f32>(&mut rng, n, k);
            let naive = Mat::from_fn(n, n, |i, j| {
                if i < j { f32::NAN } else { (0..k).map(|l| ar[(i, l)] * ar[(j, l)]).sum() }
            });
            let cr = Mat::from_fn(n, n, |_, _| f32::NAN);
            let e = herk(Uplo::Lower, Trans::No, 1.0, ar.as_ref(), 0.0, cr.as_ref());
            let r = e.check_mat(naive.as_ref());
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }

    #[test]
    fn layouts_do_not_change_rank_k_results() {
        let mut rng = Rng::new(11);
        let a = random_mat::<c64>(&mut rng, 5, 3);
        let c = crate::data::random_hermitian::<c64>(&mut rng, 5);
        let base = herk(Uplo::Lower, Trans::No, 0.5, a.as_ref(), -1.0, c.as_ref());
        for l in Layout::ALL {
            let (ta, tc) = (TestMat::from_mat(&a, l), TestMat::from_mat(&c, l));
            assert_eq!(
                herk(Uplo::Lower, Trans::No, 0.5, ta.as_ref(), -1.0, tc.as_ref()),
                base
            );
        }
    }
}
