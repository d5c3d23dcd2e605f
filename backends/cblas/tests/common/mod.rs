//! Shared test machinery: strided storage in several layouts, naive
//! reference kernels, ε-scaled comparisons, and a full-operation check.

#![allow(dead_code, clippy::too_many_arguments, clippy::many_single_char_names)]

pub mod vendors;

use linmux_core::{
    Backend, Diag, EigJob, Mat, MatMut, MatRef, RealScalar, Scalar, Side, SvdJob, Trans, Uplo,
    VecMut, VecRef,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Col,
    Row,
    Padded,
    General,
}
pub const LAYOUTS: [Layout; 4] = [Layout::Col, Layout::Row, Layout::Padded, Layout::General];

/// The testkit's one seeded generator.
pub use linmux_testkit::Rng;

/// Draws through the testkit's `data` module.
pub trait Draw {
    /// Uniform in [-1, 1).
    fn unit(&mut self) -> f64;
    /// Real and imaginary parts uniform in [-1, 1).
    fn scalar<T: Scalar>(&mut self) -> T;
    /// An `m × n` matrix of such scalars.
    fn mat<T: Scalar>(&mut self, m: usize, n: usize) -> Mat<T>;
}

impl Draw for Rng {
    fn unit(&mut self) -> f64 {
        self.sym_unit()
    }
    fn scalar<T: Scalar>(&mut self) -> T {
        linmux_testkit::data::random_scalar(self)
    }
    fn mat<T: Scalar>(&mut self, m: usize, n: usize) -> Mat<T> {
        linmux_testkit::data::random_mat(self, m, n)
    }
}

fn sentinel<T: Scalar>() -> T {
    T::from_c64(linmux_core::c64::new(777.0, -777.0))
}

/// A matrix stored with given strides inside a larger buffer full of sentinels.
pub struct Stored<T> {
    buf: Vec<T>,
    m: usize,
    n: usize,
    rs: usize,
    cs: usize,
    off: usize,
}

impl<T: Scalar> Stored<T> {
    pub fn new(a: &Mat<T>, l: Layout) -> Self {
        let (m, n) = a.shape();
        let (rs, cs, off) = match l {
            Layout::Col => (1, m.max(1), 0),
            Layout::Row => (n.max(1), 1, 0),
            Layout::Padded => (1, m + 3, 2),
            Layout::General => (2, 2 * m + 3, 1),
        };
        let len = off + m * rs + n * cs + 2;
        let mut buf = vec![sentinel::<T>(); len];
        for j in 0..n {
            for i in 0..m {
                buf[off + i * rs + j * cs] = a[(i, j)];
            }
        }
        Self {
            buf,
            m,
            n,
            rs,
            cs,
            off,
        }
    }
    pub fn view(&self) -> MatRef<'_, T> {
        MatRef::from_slice_with_strides(&self.buf[self.off..], self.m, self.n, self.rs, self.cs)
            .expect("valid strides")
    }
    pub fn view_mut(&mut self) -> MatMut<'_, T> {
        // SAFETY: every (i, j) maps to a distinct in-bounds element of `buf`
        // (rs, cs chosen so), borrowed uniquely through `&mut self`.
        unsafe {
            MatMut::from_raw_parts(
                self.buf.as_mut_ptr().add(self.off),
                self.m,
                self.n,
                self.rs.cast_signed(),
                self.cs.cast_signed(),
            )
        }
    }
    pub fn to_mat(&self) -> Mat<T> {
        let (rs, cs, off) = (self.rs, self.cs, self.off);
        Mat::from_fn(self.m, self.n, |i, j| self.buf[off + i * rs + j * cs])
    }
    /// Elements outside the view still hold the sentinel.
    pub fn padding_intact(&self) -> bool {
        let mut inside = vec![false; self.buf.len()];
        for j in 0..self.n {
            for i in 0..self.m {
                inside[self.off + i * self.rs + j * self.cs] = true;
            }
        }
        self.buf
            .iter()
            .zip(&inside)
            .all(|(x, &ins)| ins || *x == sentinel::<T>())
    }
}

/// A vector stored with increment `inc` (possibly negative).
pub struct StoredVec<T> {
    buf: Vec<T>,
    len: usize,
    inc: isize,
}
impl<T: Scalar> StoredVec<T> {
    pub fn new(x: &[T], inc: isize) -> Self {
        let a = inc.unsigned_abs();
        let mut buf = vec![sentinel::<T>(); x.len() * a + 1];
        for (i, v) in x.iter().enumerate() {
            buf[Self::pos(x.len(), inc, i)] = *v;
        }
        Self {
            buf,
            len: x.len(),
            inc,
        }
    }
    fn pos(len: usize, inc: isize, i: usize) -> usize {
        let a = inc.unsigned_abs();
        if inc >= 0 { i * a } else { (len - 1 - i) * a }
    }
    fn base(&self) -> usize {
        if self.inc >= 0 || self.len == 0 {
            0
        } else {
            (self.len - 1) * self.inc.unsigned_abs()
        }
    }
    pub fn view(&self) -> VecRef<'_, T> {
        // SAFETY: element i lives at base + i·inc, inside `buf`, borrowed shared.
        unsafe { VecRef::from_raw_parts(self.buf.as_ptr().add(self.base()), self.len, self.inc) }
    }
    pub fn view_mut(&mut self) -> VecMut<'_, T> {
        let base = self.base();
        // SAFETY: as above, distinct elements (inc ≠ 0), borrowed uniquely.
        unsafe { VecMut::from_raw_parts(self.buf.as_mut_ptr().add(base), self.len, self.inc) }
    }
    pub fn to_vec(&self) -> Vec<T> {
        (0..self.len)
            .map(|i| self.buf[Self::pos(self.len, self.inc, i)])
            .collect()
    }
}

pub fn eps<T: Scalar>() -> f64 {
    T::eps().to_f64()
}

pub fn max_diff<T: Scalar>(a: &Mat<T>, b: &Mat<T>) -> f64 {
    assert_eq!(a.shape(), b.shape());
    let mut d = 0.0f64;
    for j in 0..a.ncols() {
        for i in 0..a.nrows() {
            d = d.max((a[(i, j)] - b[(i, j)]).modulus().to_f64());
        }
    }
    d
}

pub fn assert_close<T: Scalar>(what: &str, got: &Mat<T>, want: &Mat<T>, k: usize) {
    let tol = 64.0 * (k as f64 + 2.0) * (k as f64 + 1.0) * eps::<T>();
    let d = max_diff(got, want);
    assert!(
        d <= tol,
        "{what} ({}): max error {d:e} > {tol:e}",
        T::KIND.name()
    );
}

pub fn op<T: Scalar>(a: &Mat<T>, t: Trans) -> Mat<T> {
    match t {
        Trans::No => a.clone(),
        Trans::Trans => a.transpose(),
        Trans::ConjTrans => a.adjoint(),
    }
}

pub fn matmul<T: Scalar>(a: &Mat<T>, b: &Mat<T>) -> Mat<T> {
    Mat::from_fn(a.nrows(), b.ncols(), |i, j| {
        (0..a.ncols()).map(|l| a[(i, l)] * b[(l, j)]).sum()
    })
}

pub fn axpby<T: Scalar>(alpha: T, x: &Mat<T>, beta: T, y: &Mat<T>) -> Mat<T> {
    Mat::from_fn(x.nrows(), x.ncols(), |i, j| {
        alpha * x[(i, j)] + beta * y[(i, j)]
    })
}

/// The full matrix a symmetric (or Hermitian) `a` stands for.
pub fn sym_full<T: Scalar>(a: &Mat<T>, uplo: Uplo, herm: bool) -> Mat<T> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| {
        let stored = match uplo {
            Uplo::Upper => i <= j,
            Uplo::Lower => i >= j,
        };
        let v = if stored {
            a[(i, j)]
        } else if herm {
            a[(j, i)].conj()
        } else {
            a[(j, i)]
        };
        if herm && i == j {
            T::from_real(v.re())
        } else {
            v
        }
    })
}

pub fn tri_full<T: Scalar>(a: &Mat<T>, uplo: Uplo, diag: Diag) -> Mat<T> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| {
        if i == j && diag == Diag::Unit {
            T::from_real(<T::Real as num_traits::One>::one())
        } else if (uplo == Uplo::Upper && i <= j) || (uplo == Uplo::Lower && i >= j) {
            a[(i, j)]
        } else {
            T::default()
        }
    })
}

fn col<T: Scalar>(x: &[T]) -> Mat<T> {
    Mat::from_fn(x.len(), 1, |i, _| x[i])
}

fn trans_set<T: Scalar>() -> Vec<Trans> {
    if T::IS_COMPLEX {
        vec![Trans::No, Trans::Trans, Trans::ConjTrans]
    } else {
        vec![Trans::No, Trans::Trans]
    }
}

fn identity<T: Scalar>(n: usize) -> Mat<T> {
    Mat::identity(n)
}

/// Every BLAS operation on every layout, against the naive kernels.
pub fn check_blas<T: Scalar>(b: &dyn Backend, seed: u64) {
    let ops = T::ops(b);
    let mut r = Rng::new(seed);
    let name = &b.info().name;
    let (m, n, k) = (5usize, 4usize, 3usize);

    // ---- BLAS 1, with positive, large and negative increments ----
    for (ix, iy) in [(1isize, 1isize), (3, 2), (-2, 1), (1, -3)] {
        let x: Vec<T> = (0..7).map(|_| r.scalar()).collect();
        let y: Vec<T> = (0..7).map(|_| r.scalar()).collect();
        let (sx, sy) = (StoredVec::new(&x, ix), StoredVec::new(&y, iy));
        let dot: T = x.iter().zip(&y).map(|(a, b)| *a * *b).sum();
        let dotc: T = x.iter().zip(&y).map(|(a, b)| a.conj() * *b).sum();
        let got = ops.dot(sx.view(), sy.view()).expect("dot");
        assert!(
            (got - dot).modulus().to_f64() <= 64.0 * eps::<T>() * 8.0,
            "{name} dot {ix},{iy} {}: {got:?} vs {dot:?}",
            T::KIND.name()
        );
        let got = ops.dotc(sx.view(), sy.view()).expect("dotc");
        assert!(
            (got - dotc).modulus().to_f64() <= 64.0 * eps::<T>() * 8.0,
            "{name} dotc"
        );
        let nrm: f64 = x.iter().map(|v| v.abs2().to_f64()).sum::<f64>().sqrt();
        let got = ops.nrm2(sx.view()).expect("nrm2").to_f64();
        assert!((got - nrm).abs() <= 64.0 * eps::<T>() * nrm, "{name} nrm2");
        let asum: f64 = x.iter().map(|v| v.abs1().to_f64()).sum();
        let got = ops.asum(sx.view()).expect("asum").to_f64();
        assert!(
            (got - asum).abs() <= 64.0 * eps::<T>() * asum,
            "{name} asum"
        );
        let mut best = 0;
        for (i, v) in x.iter().enumerate() {
            if v.abs1() > x[best].abs1() {
                best = i;
            }
        }
        assert_eq!(
            ops.iamax(sx.view()).expect("iamax"),
            best,
            "{name} iamax {ix}"
        );
        let alpha: T = r.scalar();
        let mut sy2 = StoredVec::new(&y, iy);
        ops.axpy(alpha, sx.view(), sy2.view_mut()).expect("axpy");
        let want: Vec<T> = x.iter().zip(&y).map(|(a, b)| alpha * *a + *b).collect();
        assert_close("axpy", &col(&sy2.to_vec()), &col(&want), 1);
        let mut sx2 = StoredVec::new(&x, ix);
        ops.scal(alpha, sx2.view_mut()).expect("scal");
        let want: Vec<T> = x.iter().map(|a| alpha * *a).collect();
        assert_close("scal", &col(&sx2.to_vec()), &col(&want), 1);
        let mut sy3 = StoredVec::new(&y, iy);
        ops.copy(sx.view(), sy3.view_mut()).expect("copy");
        assert_eq!(sy3.to_vec(), x, "{name} copy");
        let (mut a1, mut b1) = (StoredVec::new(&x, ix), StoredVec::new(&y, iy));
        ops.swap(a1.view_mut(), b1.view_mut()).expect("swap");
        assert_eq!(
            (a1.to_vec(), b1.to_vec()),
            (y.clone(), x.clone()),
            "{name} swap"
        );
    }

    // ---- BLAS 2 ----
    for &la in &LAYOUTS {
        for t in trans_set::<T>() {
            let a = r.mat::<T>(m, n);
            let (xl, yl) = t.apply_shape(n, m);
            let x: Vec<T> = (0..xl).map(|_| r.scalar()).collect();
            let y: Vec<T> = (0..yl).map(|_| r.scalar()).collect();
            let (alpha, beta): (T, T) = (r.scalar(), r.scalar());
            let sa = Stored::new(&a, la);
            let mut sy = StoredVec::new(&y, 2);
            ops.gemv(
                t,
                alpha,
                sa.view(),
                StoredVec::new(&x, 1).view(),
                beta,
                sy.view_mut(),
            )
            .expect("gemv");
            let want = axpby(alpha, &matmul(&op(&a, t), &col(&x)), beta, &col(&y));
            assert_close(
                &format!("{name} gemv {t:?} {la:?}"),
                &col(&sy.to_vec()),
                &want,
                n,
            );
        }
        let a = r.mat::<T>(m, n);
        let x: Vec<T> = (0..m).map(|_| r.scalar()).collect();
        let y: Vec<T> = (0..n).map(|_| r.scalar()).collect();
        let alpha: T = r.scalar();
        for conj in [false, true] {
            let mut sa = Stored::new(&a, la);
            let (sx, sy) = (StoredVec::new(&x, 1), StoredVec::new(&y, -1));
            if conj {
                ops.gerc(alpha, sx.view(), sy.view(), sa.view_mut())
                    .expect("gerc");
            } else {
                ops.geru(alpha, sx.view(), sy.view(), sa.view_mut())
                    .expect("geru");
            }
            let yy = if conj {
                col(&y).adjoint()
            } else {
                col(&y).transpose()
            };
            let want = axpby(
                alpha,
                &matmul(&col(&x), &yy),
                T::from_real(num_traits::One::one()),
                &a,
            );
            assert_close(
                &format!("{name} ger conj={conj} {la:?}"),
                &sa.to_mat(),
                &want,
                1,
            );
            assert!(sa.padding_intact(), "{name} ger wrote outside the view");
        }
        for uplo in [Uplo::Upper, Uplo::Lower] {
            let a = r.mat::<T>(n, n);
            let x: Vec<T> = (0..n).map(|_| r.scalar()).collect();
            let y: Vec<T> = (0..n).map(|_| r.scalar()).collect();
            let (alpha, beta): (T, T) = (r.scalar(), r.scalar());
            let sa = Stored::new(&a, la);
            let mut sy = StoredVec::new(&y, 1);
            ops.hemv(
                uplo,
                alpha,
                sa.view(),
                StoredVec::new(&x, 3).view(),
                beta,
                sy.view_mut(),
            )
            .expect("hemv");
            let want = axpby(
                alpha,
                &matmul(&sym_full(&a, uplo, true), &col(&x)),
                beta,
                &col(&y),
            );
            assert_close(
                &format!("{name} hemv {uplo:?} {la:?}"),
                &col(&sy.to_vec()),
                &want,
                n,
            );
            for t in trans_set::<T>() {
                for diag in [Diag::NonUnit, Diag::Unit] {
                    let mut a = r.mat::<T>(n, n);
                    for i in 0..n {
                        a[(i, i)] += T::from_real(RealScalar::from_f64(4.0));
                    }
                    let tri = op(&tri_full(&a, uplo, diag), t);
                    let sa = Stored::new(&a, la);
                    let mut sx = StoredVec::new(&x, -2);
                    ops.trmv(uplo, t, diag, sa.view(), sx.view_mut())
                        .expect("trmv");
                    assert_close(
                        &format!("{name} trmv {uplo:?} {t:?} {la:?}"),
                        &col(&sx.to_vec()),
                        &matmul(&tri, &col(&x)),
                        n,
                    );
                    let mut sx = StoredVec::new(&x, 1);
                    ops.trsv(uplo, t, diag, sa.view(), sx.view_mut())
                        .expect("trsv");
                    assert_close(
                        &format!("{name} trsv {uplo:?} {t:?} {la:?}"),
                        &matmul(&tri, &col(&sx.to_vec())),
                        &col(&x),
                        n,
                    );
                }
            }
        }
    }

    // ---- BLAS 3 ----
    for &la in &LAYOUTS {
        for &lc in &[Layout::Col, Layout::Row, Layout::General] {
            for ta in trans_set::<T>() {
                for tb in trans_set::<T>() {
                    let (ar, ac) = ta.apply_shape(m, k);
                    let (br, bc) = tb.apply_shape(k, n);
                    let (a, bm, c) = (r.mat::<T>(ar, ac), r.mat::<T>(br, bc), r.mat::<T>(m, n));
                    let (alpha, beta): (T, T) = (r.scalar(), r.scalar());
                    let (sa, sb) = (Stored::new(&a, la), Stored::new(&bm, lc));
                    let mut sc = Stored::new(&c, lc);
                    ops.gemm(ta, tb, alpha, sa.view(), sb.view(), beta, sc.view_mut())
                        .expect("gemm");
                    let want = axpby(alpha, &matmul(&op(&a, ta), &op(&bm, tb)), beta, &c);
                    assert_close(
                        &format!("{name} gemm {ta:?} {tb:?} {la:?} {lc:?}"),
                        &sc.to_mat(),
                        &want,
                        k,
                    );
                    assert!(sc.padding_intact());
                }
            }
            for side in [Side::Left, Side::Right] {
                for uplo in [Uplo::Upper, Uplo::Lower] {
                    let na = if side == Side::Left { m } else { n };
                    let (a, bm, c) = (r.mat::<T>(na, na), r.mat::<T>(m, n), r.mat::<T>(m, n));
                    let (alpha, beta): (T, T) = (r.scalar(), r.scalar());
                    for herm in [false, true] {
                        let (sa, sb) = (Stored::new(&a, la), Stored::new(&bm, lc));
                        let mut sc = Stored::new(&c, lc);
                        if herm {
                            ops.hemm(side, uplo, alpha, sa.view(), sb.view(), beta, sc.view_mut())
                                .expect("hemm");
                        } else {
                            ops.symm(side, uplo, alpha, sa.view(), sb.view(), beta, sc.view_mut())
                                .expect("symm");
                        }
                        let full = sym_full(&a, uplo, herm);
                        let prod = if side == Side::Left {
                            matmul(&full, &bm)
                        } else {
                            matmul(&bm, &full)
                        };
                        assert_close(
                            &format!("{name} symm herm={herm} {side:?} {uplo:?} {la:?} {lc:?}"),
                            &sc.to_mat(),
                            &axpby(alpha, &prod, beta, &c),
                            na,
                        );
                    }
                    for t in trans_set::<T>() {
                        for diag in [Diag::NonUnit, Diag::Unit] {
                            let mut a = a.clone();
                            for i in 0..na {
                                a[(i, i)] += T::from_real(RealScalar::from_f64(4.0));
                            }
                            let tri = op(&tri_full(&a, uplo, diag), t);
                            let sa = Stored::new(&a, la);
                            let mut sb = Stored::new(&bm, lc);
                            ops.trmm(side, uplo, t, diag, alpha, sa.view(), sb.view_mut())
                                .expect("trmm");
                            let prod = if side == Side::Left {
                                matmul(&tri, &bm)
                            } else {
                                matmul(&bm, &tri)
                            };
                            let zero = T::default();
                            assert_close(
                                &format!("{name} trmm {side:?} {uplo:?} {t:?} {la:?} {lc:?}"),
                                &sb.to_mat(),
                                &axpby(alpha, &prod, zero, &bm),
                                na,
                            );
                            let mut sb = Stored::new(&bm, lc);
                            ops.trsm(side, uplo, t, diag, alpha, sa.view(), sb.view_mut())
                                .expect("trsm");
                            let x = sb.to_mat();
                            let back = if side == Side::Left {
                                matmul(&tri, &x)
                            } else {
                                matmul(&x, &tri)
                            };
                            assert_close(
                                &format!("{name} trsm {side:?} {uplo:?} {t:?} {la:?} {lc:?}"),
                                &back,
                                &axpby(alpha, &bm, zero, &bm),
                                na,
                            );
                        }
                    }
                }
            }
            for uplo in [Uplo::Upper, Uplo::Lower] {
                let sym_trans = [Trans::No, Trans::Trans];
                let herm_trans = [Trans::No, Trans::ConjTrans];
                for herm in [false, true] {
                    for &t in if herm { &herm_trans } else { &sym_trans } {
                        let (ar, ac) = t.apply_shape(n, k);
                        let (a, b2, c) = (r.mat::<T>(ar, ac), r.mat::<T>(ar, ac), r.mat::<T>(n, n));
                        let c = if herm {
                            sym_full(&c, Uplo::Upper, true)
                        } else {
                            c
                        };
                        let alpha: T = r.scalar();
                        let (ra, rb) = (r.unit(), r.unit());
                        let (sa, sb) = (Stored::new(&a, la), Stored::new(&b2, la));
                        // rank k
                        let mut sc = Stored::new(&c, lc);
                        let tt = if herm { Trans::ConjTrans } else { Trans::Trans };
                        let (aa, at) = if t == Trans::No {
                            (a.clone(), op(&a, tt))
                        } else {
                            (op(&a, tt), a.clone())
                        };
                        let (bb, bt) = if t == Trans::No {
                            (b2.clone(), op(&b2, tt))
                        } else {
                            (op(&b2, tt), b2.clone())
                        };
                        let (alpha_k, beta_k) = if herm {
                            ops.herk(
                                uplo,
                                t,
                                RealScalar::from_f64(ra),
                                sa.view(),
                                RealScalar::from_f64(rb),
                                sc.view_mut(),
                            )
                            .expect("herk");
                            (
                                T::from_real(RealScalar::from_f64(ra)),
                                T::from_real(RealScalar::from_f64(rb)),
                            )
                        } else {
                            let beta: T = r.scalar();
                            ops.syrk(uplo, t, alpha, sa.view(), beta, sc.view_mut())
                                .expect("syrk");
                            (alpha, beta)
                        };
                        let want = axpby(alpha_k, &matmul(&aa, &at), beta_k, &c);
                        assert_close(
                            &format!("{name} rank-k herm={herm} {uplo:?} {t:?} {la:?} {lc:?}"),
                            &tri_part(&sc.to_mat(), uplo),
                            &tri_part(&want, uplo),
                            k,
                        );
                        // rank 2k
                        let mut sc = Stored::new(&c, lc);
                        let beta2: T = if herm {
                            T::from_real(RealScalar::from_f64(rb))
                        } else {
                            r.scalar()
                        };
                        if herm {
                            ops.her2k(
                                uplo,
                                t,
                                alpha,
                                sa.view(),
                                sb.view(),
                                RealScalar::from_f64(rb),
                                sc.view_mut(),
                            )
                            .expect("her2k");
                        } else {
                            ops.syr2k(uplo, t, alpha, sa.view(), sb.view(), beta2, sc.view_mut())
                                .expect("syr2k");
                        }
                        let alpha2 = if herm { alpha.conj() } else { alpha };
                        let want = axpby(
                            T::from_real(num_traits::One::one()),
                            &axpby(alpha, &matmul(&aa, &bt), alpha2, &matmul(&bb, &at)),
                            beta2,
                            &c,
                        );
                        assert_close(
                            &format!("{name} rank-2k herm={herm} {uplo:?} {t:?} {la:?} {lc:?}"),
                            &tri_part(&sc.to_mat(), uplo),
                            &tri_part(&want, uplo),
                            2 * k,
                        );
                    }
                }
            }
        }
    }
}

fn tri_part<T: Scalar>(a: &Mat<T>, uplo: Uplo) -> Mat<T> {
    tri_full(a, uplo, Diag::NonUnit)
}

/// Every LAPACK operation, by residuals, on column-major and other layouts.
pub fn check_lapack<T: Scalar>(b: &dyn Backend, seed: u64) {
    let ops = T::ops(b);
    let mut r = Rng::new(seed);
    let name = &b.info().name;
    let n = 6usize;
    let tol = |k: usize| 2000.0 * k as f64 * eps::<T>();
    let check = |what: &str, d: f64, k: usize| {
        assert!(
            d <= tol(k),
            "{name} {what} ({}): residual {d:e} > {:e}",
            T::KIND.name(),
            tol(k)
        );
    };
    for &l in &LAYOUTS {
        // LU, solve, inverse
        let a = r.mat::<T>(n, n);
        let mut sa = Stored::new(&a, l);
        let mut ipiv = vec![0usize; n];
        ops.getrf(sa.view_mut(), &mut ipiv).expect("getrf");
        let lu = sa.to_mat();
        let lo = Mat::from_fn(n, n, |i, j| {
            if i == j {
                T::from_real(num_traits::One::one())
            } else if i > j {
                lu[(i, j)]
            } else {
                T::default()
            }
        });
        let up = tri_full(&lu, Uplo::Upper, Diag::NonUnit);
        let mut pa = a.clone();
        for (i, &p) in ipiv.iter().enumerate() {
            for j in 0..n {
                let t = pa[(i, j)];
                pa[(i, j)] = pa[(p, j)];
                pa[(p, j)] = t;
            }
        }
        check(&format!("getrf {l:?}"), max_diff(&matmul(&lo, &up), &pa), n);
        for t in trans_set::<T>() {
            let rhs = r.mat::<T>(n, 2);
            let mut sb = Stored::new(&rhs, l);
            ops.getrs(t, sa.view(), &ipiv, sb.view_mut())
                .expect("getrs");
            check(
                &format!("getrs {t:?} {l:?}"),
                max_diff(&matmul(&op(&a, t), &sb.to_mat()), &rhs),
                n,
            );
        }
        ops.getri(sa.view_mut(), &ipiv).expect("getri");
        check(
            &format!("getri {l:?}"),
            max_diff(&matmul(&a, &sa.to_mat()), &identity(n)),
            n,
        );

        // Cholesky
        for uplo in [Uplo::Upper, Uplo::Lower] {
            let g = r.mat::<T>(n, n);
            let mut spd = matmul(&g, &g.adjoint());
            for i in 0..n {
                spd[(i, i)] += T::from_real(RealScalar::from_f64(n as f64));
            }
            let mut sa = Stored::new(&spd, l);
            ops.potrf(uplo, sa.view_mut()).expect("potrf");
            let f = tri_full(&sa.to_mat(), uplo, Diag::NonUnit);
            let rec = if uplo == Uplo::Upper {
                matmul(&f.adjoint(), &f)
            } else {
                matmul(&f, &f.adjoint())
            };
            check(&format!("potrf {uplo:?} {l:?}"), max_diff(&rec, &spd), n);
            let rhs = r.mat::<T>(n, 3);
            let mut sb = Stored::new(&rhs, l);
            ops.potrs(uplo, sa.view(), sb.view_mut()).expect("potrs");
            check(
                &format!("potrs {uplo:?} {l:?}"),
                max_diff(&matmul(&spd, &sb.to_mat()), &rhs),
                n,
            );
        }
        // not positive definite
        let mut bad = identity::<T>(n);
        bad[(2, 2)] = T::from_real(RealScalar::from_f64(-1.0));
        let mut sbad = Stored::new(&bad, l);
        assert_eq!(
            ops.potrf(Uplo::Lower, sbad.view_mut()),
            Err(linmux_core::Error::NotPositiveDefinite { minor: 3 }),
            "{name}"
        );
        // singular
        let mut sing = r.mat::<T>(n, n);
        for i in 0..n {
            sing[(i, 1)] = T::default();
        }
        let mut ss = Stored::new(&sing, l);
        let mut ipiv = vec![0usize; n];
        assert!(
            matches!(
                ops.getrf(ss.view_mut(), &mut ipiv),
                Err(linmux_core::Error::Singular { .. })
            ),
            "{name}"
        );

        // QR
        let (qm, qn) = (7usize, 4usize);
        let a = r.mat::<T>(qm, qn);
        let mut sa = Stored::new(&a, l);
        let mut tau = vec![T::default(); qn];
        ops.geqrf(sa.view_mut(), &mut tau).expect("geqrf");
        let rr = tri_full(
            &Mat::from_fn(qn, qn, |i, j| sa.to_mat()[(i, j)]),
            Uplo::Upper,
            Diag::NonUnit,
        );
        ops.ungqr(sa.view_mut(), &tau).expect("ungqr");
        let q = sa.to_mat();
        check(
            &format!("geqrf/ungqr QR {l:?}"),
            max_diff(&matmul(&q, &rr), &a),
            qm,
        );
        check(
            &format!("ungqr QᴴQ {l:?}"),
            max_diff(&matmul(&q.adjoint(), &q), &identity(qn)),
            qm,
        );

        // SVD
        for (sm, sn) in [(6usize, 4usize), (3, 5)] {
            let kk = sm.min(sn);
            for job in [SvdJob::ValuesOnly, SvdJob::Thin, SvdJob::Full] {
                let a = r.mat::<T>(sm, sn);
                let mut sa = Stored::new(&a, l);
                let mut s = vec![<T::Real as Default>::default(); kk];
                let (ur, vr) = match job {
                    SvdJob::Full => (sm, sn),
                    _ => (kk, kk),
                };
                let mut su = Stored::new(&Mat::<T>::zeros(sm, ur), l);
                let mut sv = Stored::new(&Mat::<T>::zeros(vr, sn), l);
                let vecs = job != SvdJob::ValuesOnly;
                ops.gesdd(
                    job,
                    sa.view_mut(),
                    &mut s,
                    vecs.then(|| su.view_mut()),
                    vecs.then(|| sv.view_mut()),
                )
                .expect("gesdd");
                assert!(
                    s.windows(2).all(|w| w[0] >= w[1]),
                    "{name} gesdd not descending"
                );
                let fro: f64 = (0..sm)
                    .flat_map(|i| (0..sn).map(move |j| (i, j)))
                    .map(|(i, j)| a[(i, j)].abs2().to_f64())
                    .sum();
                let ss: f64 = s.iter().map(|x| x.to_f64() * x.to_f64()).sum();
                check(&format!("gesdd Σσ² {job:?} {l:?}"), (fro - ss).abs(), sm);
                if vecs {
                    let (u, vt) = (su.to_mat(), sv.to_mat());
                    let sig = Mat::from_fn(ur, vr, |i, j| {
                        if i == j && i < kk {
                            T::from_real(s[i])
                        } else {
                            T::default()
                        }
                    });
                    check(
                        &format!("gesdd UΣVᴴ {job:?} {l:?} {sm}x{sn}"),
                        max_diff(&matmul(&matmul(&u, &sig), &vt), &a),
                        sm + sn,
                    );
                }
            }
        }

        // Hermitian eigen
        for uplo in [Uplo::Upper, Uplo::Lower] {
            let h = sym_full(&r.mat::<T>(n, n), Uplo::Upper, true);
            let mut sa = Stored::new(&h, l);
            let mut w = vec![<T::Real as Default>::default(); n];
            ops.heevd(EigJob::Vectors, uplo, sa.view_mut(), &mut w)
                .expect("heevd");
            assert!(
                w.windows(2).all(|p| p[0] <= p[1]),
                "{name} heevd not ascending"
            );
            let v = sa.to_mat();
            let lam = Mat::from_fn(n, n, |i, j| {
                if i == j {
                    T::from_real(w[i])
                } else {
                    T::default()
                }
            });
            check(
                &format!("heevd AV=VΛ {uplo:?} {l:?}"),
                max_diff(&matmul(&h, &v), &matmul(&v, &lam)),
                n,
            );
            check(
                &format!("heevd VᴴV {uplo:?} {l:?}"),
                max_diff(&matmul(&v.adjoint(), &v), &identity(n)),
                n,
            );
            let mut sa = Stored::new(&h, l);
            let mut w2 = vec![<T::Real as Default>::default(); n];
            ops.heevd(EigJob::ValuesOnly, uplo, sa.view_mut(), &mut w2)
                .expect("heevd N");
            let d: f64 = w
                .iter()
                .zip(&w2)
                .map(|(a, b)| (a.to_f64() - b.to_f64()).abs())
                .fold(0.0, f64::max);
            check("heevd values only", d, n);
        }

        // General eigen (left and right vectors)
        let a = r.mat::<T>(n, n);
        let mut sa = Stored::new(&a, l);
        let mut w = vec![<T::Complex as Default>::default(); n];
        let z = Mat::<T::Complex>::zeros(n, n);
        let (mut svl, mut svr) = (Stored::new(&z, l), Stored::new(&z, l));
        ops.geev(
            sa.view_mut(),
            &mut w,
            Some(svl.view_mut()),
            Some(svr.view_mut()),
        )
        .expect("geev");
        let ac = Mat::from_fn(n, n, |i, j| a[(i, j)].to_complex());
        let (vl, vr) = (svl.to_mat(), svr.to_mat());
        let wd = Mat::from_fn(n, n, |i, j| {
            if i == j {
                w[i]
            } else {
                <T::Complex as Default>::default()
            }
        });
        check(
            &format!("geev AVr = VrW {l:?}"),
            max_diff(&matmul(&ac, &vr), &matmul(&vr, &wd)),
            n,
        );
        check(
            &format!("geev VlᴴA = WVlᴴ {l:?}"),
            max_diff(&matmul(&vl.adjoint(), &ac), &matmul(&wd, &vl.adjoint())),
            n,
        );
        for j in 0..n {
            if w[j].im().to_f64() != 0.0 && !T::IS_COMPLEX && w[j].im().to_f64() > 0.0 {
                assert_eq!(w[j + 1], w[j].conj(), "{name} conjugate pair order");
            }
        }

        // Least squares (tall) and minimum norm (wide)
        for (gm, gn) in [(7usize, 4usize), (3, 5)] {
            let a = r.mat::<T>(gm, gn);
            let rhs = r.mat::<T>(gm, 2);
            let mut sa = Stored::new(&a, l);
            let mut bbig = Mat::<T>::zeros(gm.max(gn), 2);
            for i in 0..gm {
                for j in 0..2 {
                    bbig[(i, j)] = rhs[(i, j)];
                }
            }
            let mut sb = Stored::new(&bbig, l);
            ops.gels(Trans::No, sa.view_mut(), sb.view_mut())
                .expect("gels");
            let x = Mat::from_fn(gn, 2, |i, j| sb.to_mat()[(i, j)]);
            let res = axpby(
                T::from_real(num_traits::One::one()),
                &matmul(&a, &x),
                -T::from_real(num_traits::One::one()),
                &rhs,
            );
            if gm >= gn {
                check(
                    &format!("gels normal equations {l:?}"),
                    max_diff(&matmul(&a.adjoint(), &res), &Mat::zeros(gn, 2)),
                    gm,
                );
            } else {
                check(
                    &format!("gels exact {l:?}"),
                    max_diff(&res, &Mat::zeros(gm, 2)),
                    gn,
                );
            }
        }
    }
}

pub fn check_all(b: &dyn Backend, seed: u64) {
    check_blas::<f32>(b, seed);
    check_blas::<f64>(b, seed + 1);
    check_blas::<linmux_core::c32>(b, seed + 2);
    check_blas::<linmux_core::c64>(b, seed + 3);
    check_lapack::<f32>(b, seed + 4);
    check_lapack::<f64>(b, seed + 5);
    check_lapack::<linmux_core::c32>(b, seed + 6);
    check_lapack::<linmux_core::c64>(b, seed + 7);
}
