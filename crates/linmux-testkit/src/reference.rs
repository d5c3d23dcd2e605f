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
                    s.add_product(a[(i, l)], b[(l, j)]);
                    sm.add_product(a[(i, l)].norm(), b[(l, j)].norm());
                }
                acc.add_product(alpha, s.value());
                size.add_product(alpha.norm(), sm.value());
            }
            if beta != zero {
                if let Some(c) = c {
                    acc.add_product(beta, c[(i, j)]);
                    size.add_product(beta.norm(), c[(i, j)].norm());
                }
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
    let v = if big == 0.0 || !big.is_finite() {
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
/// `T::Real` as BLAS does (so ties after rounding resolve the same way; a NaN
/// is never larger than anything).
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
