//! The plane rotations, mixed-precision dots, real scaling, and the banded,
//! packed and rank-update Level 2 routines on every vendor, through the
//! checked `Ops` surface, against `linmux_testkit::reference_ext`.
//!
//! Sizes 0, 1, 2, 5, 17; several `kl`/`ku`; column- and row-major band and
//! packed storage with tight and padded leading dimensions; both `uplo`,
//! every `trans` and `diag`; `β = 0` with NaN in `y`; positive, strided and
//! negative increments; and sentinels around every buffer proving nothing
//! outside the views is written (band and packed inputs: not at all).
//!
//! `LINMUX_REQUIRE_BACKENDS` as in `vendors.rs`: a required backend that
//! cannot be loaded fails.

#![allow(clippy::too_many_lines, reason = "one sweep per routine family")]

mod common;

use common::vendors::backend;
use linmux_core::Ops;
use linmux_core::{
    Backend, BandRef, Diag, Error, Mat, PackedMut, PackedOrder, PackedRef, RealScalar, Scalar,
    Trans, Uplo, VecMut, VecRef, c32, c64,
};
use linmux_testkit::data::{nan, random_mat, random_scalar, random_vec};
use linmux_testkit::layout::{same_bits, sentinel};
use linmux_testkit::reference_ext as re;
use linmux_testkit::{Expected, Layout, Rng, TestMat, TestVec, reference};
use std::sync::Arc;

const SIZES: [usize; 5] = [0, 1, 2, 5, 17];
const BANDS: [(usize, usize); 6] = [(0, 0), (1, 0), (0, 2), (2, 1), (3, 3), (6, 2)];
const INCS: [isize; 4] = [1, 2, -1, -3];
const ORDERS: [PackedOrder; 2] = [PackedOrder::ColMajor, PackedOrder::RowMajor];
const UPLOS: [Uplo; 2] = [Uplo::Upper, Uplo::Lower];
const DIAGS: [Diag; 2] = [Diag::NonUnit, Diag::Unit];
const GUARD: usize = 3;

fn trans_set<T: Scalar>() -> &'static [Trans] {
    if T::IS_COMPLEX {
        &[Trans::No, Trans::Trans, Trans::ConjTrans]
    } else {
        &[Trans::No, Trans::Trans]
    }
}

#[track_caller]
fn ok(r: Result<(), String>, ctx: &str) {
    if let Err(e) = r {
        panic!("{ctx}: {e}");
    }
}

/// A vector inside a sentinel-filled buffer, seen with increment `inc`
/// (negative: the reversed view of a positive-increment buffer).
struct V<T: Scalar> {
    tv: TestVec<T>,
    neg: bool,
}

impl<T: Scalar> V<T> {
    fn new(x: &[T], inc: isize) -> Self {
        let mut d = x.to_vec();
        if inc < 0 {
            d.reverse();
        }
        Self {
            tv: TestVec::from_slice(&d, inc.unsigned_abs()),
            neg: inc < 0,
        }
    }
    fn view(&self) -> VecRef<'_, T> {
        let v = self.tv.as_ref();
        if self.neg { v.rev() } else { v }
    }
    fn view_mut(&mut self) -> VecMut<'_, T> {
        let neg = self.neg;
        let v = self.tv.as_mut();
        if neg { v.rev() } else { v }
    }
    fn to_vec(&self) -> Vec<T> {
        let mut v = self.tv.to_vec();
        if self.neg {
            v.reverse();
        }
        v
    }
    #[track_caller]
    fn check(&self, e: &Expected<T>, ctx: &str) {
        ok(e.check_vec(VecRef::from_slice(&self.to_vec())), ctx);
        ok(self.tv.check_padding(), ctx);
    }
}

/// Band or packed storage between two guards of sentinels.
struct Guarded<T: Scalar> {
    buf: Vec<T>,
    len: usize,
}

impl<T: Scalar> Guarded<T> {
    fn new(data: &[T]) -> Self {
        let mut buf = vec![sentinel::<T>(); data.len() + 2 * GUARD];
        buf[GUARD..GUARD + data.len()].copy_from_slice(data);
        Self {
            buf,
            len: data.len(),
        }
    }
    fn data(&self) -> &[T] {
        &self.buf[GUARD..GUARD + self.len]
    }
    fn data_mut(&mut self) -> &mut [T] {
        &mut self.buf[GUARD..GUARD + self.len]
    }
    /// The guards hold their sentinels, and (for read-only operands) the data
    /// is bitwise what it was.
    #[track_caller]
    fn check_unchanged(&self, data: Option<&[T]>, ctx: &str) {
        let s = sentinel::<T>();
        let guards = self.buf[..GUARD]
            .iter()
            .chain(&self.buf[GUARD + self.len..]);
        assert!(
            guards.into_iter().all(|&v| same_bits(v, s)),
            "{ctx}: guard written"
        );
        if let Some(d) = data {
            assert!(
                d.iter().zip(self.data()).all(|(&a, &b)| same_bits(a, b)),
                "{ctx}: read-only storage written"
            );
        }
    }
}

fn band_view<T: Scalar>(
    d: &[T],
    (m, n, kl, ku, ld): (usize, usize, usize, usize, usize),
    order: PackedOrder,
) -> BandRef<'_, T> {
    match order {
        PackedOrder::ColMajor => BandRef::from_col_major(d, m, n, kl, ku, ld),
        PackedOrder::RowMajor => BandRef::from_row_major(d, m, n, kl, ku, ld),
    }
    .expect("band view")
}

fn packed_view<T: Scalar>(d: &[T], n: usize, uplo: Uplo, order: PackedOrder) -> PackedRef<'_, T> {
    match order {
        PackedOrder::ColMajor => PackedRef::from_col_major(d, n, uplo),
        PackedOrder::RowMajor => PackedRef::from_row_major(d, n, uplo),
    }
    .expect("packed view")
}

fn packed_view_mut<T: Scalar>(
    d: &mut [T],
    n: usize,
    uplo: Uplo,
    order: PackedOrder,
) -> PackedMut<'_, T> {
    match order {
        PackedOrder::ColMajor => PackedMut::from_col_major(d, n, uplo),
        PackedOrder::RowMajor => PackedMut::from_row_major(d, n, uplo),
    }
    .expect("packed view")
}

/// `y` and `β`: half the time `β = 0` with NaN in `y` (which must vanish).
fn y_beta<T: Scalar>(r: &mut Rng, len: usize, k: usize) -> (Vec<T>, T) {
    if k.is_multiple_of(2) {
        (vec![nan::<T>(); len], T::zero())
    } else {
        (random_vec(r, len), random_scalar(r))
    }
}

/// A matrix whose diagonal is shifted by 4 (well-conditioned triangles).
fn dominant<T: Scalar>(r: &mut Rng, m: usize, n: usize) -> Mat<T> {
    let mut a = random_mat::<T>(r, m, n);
    for i in 0..m.min(n) {
        a[(i, i)] += T::from_real(RealScalar::from_f64(4.0));
    }
    a
}

/// Poisons the band side `uplo` does not select with NaN, so a routine that
/// reads it shows it.
fn poison_other_side<T: Scalar>(a: &mut Mat<T>, uplo: Uplo) {
    for j in 0..a.ncols() {
        for i in 0..a.nrows() {
            let other = match uplo {
                Uplo::Upper => i > j,
                Uplo::Lower => i < j,
            };
            if other {
                a[(i, j)] = nan();
            }
        }
    }
}

// ---- BLAS 1 -----------------------------------------------------------------

fn blas1<T: Scalar>(b: &dyn Backend, seed: u64) -> usize {
    let ops = T::ops(b);
    let name = &b.info().name;
    let kind = T::KIND.name();
    let mut r = Rng::new(seed);
    let mut count = 0;

    // rotg: generic, equal magnitudes, the exact special cases.
    let mut pairs: Vec<(T, T)> = (0..6)
        .map(|_| (random_scalar(&mut r), random_scalar(&mut r)))
        .collect();
    let f = |v: f64| T::from_real(RealScalar::from_f64(v));
    pairs.extend([
        (f(3.0), f(4.0)),
        (f(-3.0), f(4.0)),
        (f(4.0), f(-3.0)),
        (f(0.0), f(2.0)),
        (f(2.0), f(0.0)),
        (f(1.0), f(1.0)),
    ]);
    for (a0, b0) in pairs {
        let (mut a, mut bb, mut c, mut s) = (a0, b0, <T::Real as Default>::default(), T::zero());
        ops.rotg(&mut a, &mut bb, &mut c, &mut s)
            .unwrap_or_else(|e| panic!("{name} {kind} rotg: {e}"));
        let got = [a, bb, T::from_real(c), s];
        ok(
            re::rotg(a0, b0).check_vec(VecRef::from_slice(&got)),
            &format!("{name} {kind} rotg({a0:?}, {b0:?})"),
        );
        count += 1;
    }

    for &n in &SIZES {
        for (&ix, &iy) in INCS.iter().zip(INCS.iter().rev()) {
            let ctx = format!("{name} {kind} n={n} incx={ix} incy={iy}");
            let x: Vec<T> = random_vec(&mut r, n);
            let y: Vec<T> = random_vec(&mut r, n);

            // rot with real c, s.
            let th = r.uniform(-3.0, 3.0);
            let (c, s) = (
                <T::Real as RealScalar>::from_f64(th.cos()),
                <T::Real as RealScalar>::from_f64(th.sin()),
            );
            let (mut vx, mut vy) = (V::new(&x, ix), V::new(&y, iy));
            let (ex, ey) = re::rot(vx.view(), vy.view(), c, s);
            ops.rot(vx.view_mut(), vy.view_mut(), c, s)
                .unwrap_or_else(|e| panic!("{ctx} rot: {e}"));
            vx.check(&ex, &format!("{ctx} rot x"));
            vy.check(&ey, &format!("{ctx} rot y"));

            // rscal: random α, and 0.
            for alpha in [
                <T::Real as RealScalar>::from_f64(r.uniform(-2.0, 2.0)),
                <T::Real as Default>::default(),
            ] {
                let mut vx = V::new(&x, ix);
                let e = re::scal_real(alpha, vx.view());
                ops.rscal(alpha, vx.view_mut())
                    .unwrap_or_else(|e| panic!("{ctx} rscal: {e}"));
                vx.check(&e, &format!("{ctx} rscal α={alpha:?}"));
            }
            count += 3;
        }
    }
    count
}

/// The real-only routines: `rotm`, `rotmg`, `sdsdot`, `dsdot`.
fn blas1_real<R: RealScalar>(b: &dyn Backend, seed: u64) -> usize {
    let ops = R::ops(b);
    let name = &b.info().name;
    let kind = R::KIND.name();
    let mut r = Rng::new(seed);
    let mut count = 0;
    let f = |v: f64| R::from_f64(v);
    for &n in &SIZES {
        for (&ix, &iy) in INCS.iter().zip(INCS.iter().rev()) {
            let ctx = format!("{name} {kind} n={n} incx={ix} incy={iy}");
            let x: Vec<R> = random_vec(&mut r, n);
            let y: Vec<R> = random_vec(&mut r, n);
            for flag in [-2.0, -1.0, 0.0, 1.0] {
                let mut p = [f(flag), f(0.0), f(0.0), f(0.0), f(0.0)];
                for v in &mut p[1..] {
                    *v = f(r.uniform(-2.0, 2.0));
                }
                let (mut vx, mut vy) = (V::new(&x, ix), V::new(&y, iy));
                let (ex, ey) = re::rotm(vx.view(), vy.view(), p);
                ops.rotm(vx.view_mut(), vy.view_mut(), &p)
                    .unwrap_or_else(|e| panic!("{ctx} rotm: {e}"));
                vx.check(&ex, &format!("{ctx} rotm flag={flag} x"));
                vy.check(&ey, &format!("{ctx} rotm flag={flag} y"));
                count += 1;
            }
            let sb = f(r.uniform(-1.0, 1.0));
            let (vx, vy) = (V::new(&x, ix), V::new(&y, iy));
            let got = ops
                .sdsdot(sb, vx.view(), vy.view())
                .unwrap_or_else(|e| panic!("{ctx} sdsdot: {e}"));
            let got_d = ops
                .dsdot(vx.view(), vy.view())
                .unwrap_or_else(|e| panic!("{ctx} dsdot: {e}"));
            match (bytemuck_f32(&x), bytemuck_f32(&y), bytemuck_f32(&[sb, got])) {
                (Some(xs), Some(ys), Some(sg)) => {
                    // f32: the real mixed-precision routines.
                    let (wx, wy) = (V::new(&xs, ix), V::new(&ys, iy));
                    ok(
                        re::sdsdot(sg[0], wx.view(), wy.view()).check_scalar(sg[1]),
                        &format!("{ctx} sdsdot"),
                    );
                    ok(
                        re::dsdot(wx.view(), wy.view()).check_scalar(got_d),
                        &format!("{ctx} dsdot"),
                    );
                }
                _ => {
                    // f64: `sb + ddot` and `ddot`.
                    let e = reference::dot(vx.view(), vy.view());
                    let want = e.scalar().to_f64();
                    let tol =
                        e.bound[(0, 0)] + 4.0 * f64::EPSILON * (want.abs() + sb.to_f64().abs());
                    assert!(
                        (got.to_f64() - sb.to_f64() - want).abs()
                            <= tol + 4.0 * f64::EPSILON * sb.to_f64().abs(),
                        "{ctx} sdsdot on f64: {got:?} vs {sb:?} + {want}"
                    );
                    assert!(
                        (got_d - want).abs() <= tol,
                        "{ctx} dsdot on f64: {got_d} vs {want}"
                    );
                }
            }
            count += 2;
        }
    }

    // rotmg: generic, d1 < 0, d2·y1 = 0, both H forms, rescaling of d1, d2.
    let mut cases: Vec<[f64; 4]> = vec![
        [1.0, 1.0, 3.0, 4.0],
        [2.0, 0.5, 4.0, 1.0],
        [0.5, 2.0, 1.0, 4.0],
        [-1.0, 1.0, 1.0, 1.0],
        [1.0, 0.0, 2.0, 3.0],
        [1.0, 2.0, 2.0, 0.0],
        [1e-9, 1.0, 1.0, 1.0],
        [1e9, 1.0, 1.0, 1e-3],
        [1.0, 1e9, 1e-3, 1.0],
        [1.0, -1.0, 1.0, 2.0],
    ];
    for _ in 0..6 {
        cases.push([
            r.uniform(0.1, 3.0),
            r.uniform(0.1, 3.0),
            r.uniform(-2.0, 2.0),
            r.uniform(-2.0, 2.0),
        ]);
    }
    for c in cases {
        let [d1, d2, x1, y1] = c.map(f);
        let p0 = [f(7.0), f(8.0), f(9.0), f(10.0), f(11.0)];
        let mut e = re::rotmg(d1, d2, x1, y1, p0);
        if c[0].max(c[1]) >= 1e9 || c[0].min(c[1]).abs() <= 1e-9 {
            // Cases that rescale by γ² = 2²⁴: MKL's drotmg rounds in another
            // order than drotmg.f (measured: 2× the reference's c·6·ε bound
            // on d1, a relative 1e-14).
            for v in e.bound.as_mut_slice() {
                *v *= 4.0;
            }
        }
        let (mut a, mut bb, mut x, mut p) = (d1, d2, x1, p0);
        ops.rotmg(&mut a, &mut bb, &mut x, y1, &mut p)
            .unwrap_or_else(|e| panic!("{name} {kind} rotmg: {e}"));
        let got = [a, bb, x, p[0], p[1], p[2], p[3], p[4]];
        ok(
            e.check_vec(VecRef::from_slice(&got)),
            &format!("{name} {kind} rotmg{c:?}"),
        );
        count += 1;
    }
    count
}

/// `x` as `f32`s when `R` is `f32` (exact), else `None`.
fn bytemuck_f32<R: RealScalar>(x: &[R]) -> Option<Vec<f32>> {
    (R::KIND == linmux_core::ScalarKind::F32).then(|| {
        #[allow(clippy::cast_possible_truncation, reason = "the values are f32s")]
        x.iter().map(|&v| RealScalar::to_f64(v) as f32).collect()
    })
}

/// On complex types the real-only routines are refused by the checked
/// surface, and the trusting methods themselves say `Unsupported`.
fn real_only_refused<T: Scalar>(b: &dyn Backend) {
    let name = &b.info().name;
    let b = T::ops(b);
    let mut x = vec![T::one(); 3];
    let mut y = vec![T::one(); 3];
    let p = [T::zero(); 5];
    assert!(matches!(
        Ops::<T>::rotm(
            b,
            VecMut::from_slice(&mut x),
            VecMut::from_slice(&mut y),
            &p
        ),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        Ops::<T>::sdsdot(b, T::one(), VecRef::from_slice(&x), VecRef::from_slice(&y)),
        Err(Error::InvalidArgument { .. })
    ));
    // SAFETY: valid, equal-length, disjoint views; the backend must refuse
    // the complex type before any vendor call.
    let r = unsafe {
        Ops::<T>::rotm_unchecked(
            b,
            VecMut::from_slice(&mut x),
            VecMut::from_slice(&mut y),
            &p,
        )
    };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "rotm", .. })),
        "{name}: {r:?}"
    );
    let (mut d1, mut d2, mut x1, mut pp) = (T::one(), T::one(), T::one(), p);
    // SAFETY: distinct scalars.
    let r = unsafe { Ops::<T>::rotmg_unchecked(b, &mut d1, &mut d2, &mut x1, T::one(), &mut pp) };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "rotmg", .. })),
        "{name}: {r:?}"
    );
    // SAFETY: valid equal-length views.
    let r = unsafe {
        Ops::<T>::sdsdot_unchecked(b, T::one(), VecRef::from_slice(&x), VecRef::from_slice(&y))
    };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "sdsdot", .. })),
        "{name}: {r:?}"
    );
    // SAFETY: as above.
    let r = unsafe { Ops::<T>::dsdot_unchecked(b, VecRef::from_slice(&x), VecRef::from_slice(&y)) };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "dsdot", .. })),
        "{name}: {r:?}"
    );
}

// ---- BLAS 2: banded -----------------------------------------------------------

fn banded<T: Scalar>(b: &dyn Backend, seed: u64) -> usize {
    let ops = T::ops(b);
    let name = &b.info().name;
    let kind = T::KIND.name();
    let mut r = Rng::new(seed);
    let mut count = 0;
    for &n in &SIZES {
        for &(kl, ku) in &BANDS {
            for order in ORDERS {
                for pad in [0, 2] {
                    let ld = kl + ku + 1 + pad;
                    let incs = INCS[count % 4];
                    let ctx =
                        format!("{name} {kind} n={n} kl={kl} ku={ku} ld={ld} {order:?} inc={incs}");

                    // gbmv: m × n for m = n, n + 2, n / 2.
                    for m in [n, n + 2, n / 2] {
                        for (k, &t) in trans_set::<T>().iter().enumerate() {
                            let a = random_mat::<T>(&mut r, m, n);
                            let g = Guarded::new(&re::band_storage(&a, kl, ku, ld, order));
                            let before = g.data().to_vec();
                            let av = band_view(g.data(), (m, n, kl, ku, ld), order);
                            let (ny, nx) = t.apply_shape(m, n);
                            let x: Vec<T> = random_vec(&mut r, nx);
                            let (y, beta) = y_beta::<T>(&mut r, ny, k + count);
                            let alpha: T = random_scalar(&mut r);
                            let vx = V::new(&x, incs);
                            let mut vy = V::new(&y, -incs);
                            let e = re::gbmv(t, alpha, av, vx.view(), beta, vy.view());
                            ops.gbmv(t, alpha, av, vx.view(), beta, vy.view_mut())
                                .unwrap_or_else(|e| panic!("{ctx} gbmv: {e}"));
                            let c = format!("{ctx} gbmv m={m} {t:?} β={beta:?}");
                            vy.check(&e, &c);
                            g.check_unchanged(Some(&before), &c);
                            count += 1;
                        }
                    }

                    if kl + ku > 0 && n < 2 {
                        continue;
                    }
                    for uplo in UPLOS {
                        for poison in [false, true] {
                            // hbmv: the other side of the band random, or NaN.
                            let mut a = random_mat::<T>(&mut r, n, n);
                            if poison {
                                poison_other_side(&mut a, uplo);
                            }
                            let g = Guarded::new(&re::band_storage(&a, kl, ku, ld, order));
                            let before = g.data().to_vec();
                            let av = band_view(g.data(), (n, n, kl, ku, ld), order);
                            let x: Vec<T> = random_vec(&mut r, n);
                            let (y, beta) = y_beta::<T>(&mut r, n, count);
                            let alpha: T = random_scalar(&mut r);
                            let vx = V::new(&x, -incs);
                            let mut vy = V::new(&y, incs);
                            let e = re::hbmv(uplo, alpha, av, vx.view(), beta, vy.view());
                            ops.hbmv(uplo, alpha, av, vx.view(), beta, vy.view_mut())
                                .unwrap_or_else(|e| panic!("{ctx} hbmv: {e}"));
                            let c = format!("{ctx} hbmv {uplo:?} poison={poison} β={beta:?}");
                            vy.check(&e, &c);
                            g.check_unchanged(Some(&before), &c);
                            count += 1;

                            // tbmv, tbsv.
                            for &t in trans_set::<T>() {
                                for diag in DIAGS {
                                    let mut a = dominant::<T>(&mut r, n, n);
                                    if poison {
                                        poison_other_side(&mut a, uplo);
                                        if diag == Diag::Unit {
                                            for i in 0..n {
                                                a[(i, i)] = nan();
                                            }
                                        }
                                    }
                                    let g = Guarded::new(&re::band_storage(&a, kl, ku, ld, order));
                                    let before = g.data().to_vec();
                                    let av = band_view(g.data(), (n, n, kl, ku, ld), order);
                                    let x: Vec<T> = random_vec(&mut r, n);
                                    for solve in [false, true] {
                                        let mut vx = V::new(&x, incs);
                                        let (e, res) = if solve {
                                            (
                                                re::tbsv(uplo, t, diag, av, vx.view()),
                                                ops.tbsv(uplo, t, diag, av, vx.view_mut()),
                                            )
                                        } else {
                                            (
                                                re::tbmv(uplo, t, diag, av, vx.view()),
                                                ops.tbmv(uplo, t, diag, av, vx.view_mut()),
                                            )
                                        };
                                        let c = format!(
                                            "{ctx} tb{}v {uplo:?} {t:?} {diag:?} poison={poison}",
                                            if solve { 's' } else { 'm' }
                                        );
                                        res.unwrap_or_else(|e| panic!("{c}: {e}"));
                                        vx.check(&e, &c);
                                        g.check_unchanged(Some(&before), &c);
                                        count += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    count
}

// ---- BLAS 2: packed and rank updates --------------------------------------------

fn packed_and_rank<T: Scalar>(b: &dyn Backend, seed: u64) -> usize {
    let ops = T::ops(b);
    let name = &b.info().name;
    let kind = T::KIND.name();
    let mut r = Rng::new(seed);
    let mut count = 0;
    for &n in &SIZES {
        for uplo in UPLOS {
            for (oi, order) in ORDERS.into_iter().enumerate() {
                let incs = INCS[(count + oi) % 4];
                let ctx = format!("{name} {kind} n={n} {uplo:?} {order:?} inc={incs}");

                // hpmv
                let a = random_mat::<T>(&mut r, n, n);
                let g = Guarded::new(&re::packed_storage(&a, uplo, order));
                let before = g.data().to_vec();
                let ap = packed_view(g.data(), n, uplo, order);
                for k in 0..2 {
                    let x: Vec<T> = random_vec(&mut r, n);
                    let (y, beta) = y_beta::<T>(&mut r, n, k);
                    let alpha: T = random_scalar(&mut r);
                    let vx = V::new(&x, incs);
                    let mut vy = V::new(&y, -incs);
                    let e = re::hpmv(alpha, ap, vx.view(), beta, vy.view());
                    ops.hpmv(alpha, ap, vx.view(), beta, vy.view_mut())
                        .unwrap_or_else(|e| panic!("{ctx} hpmv: {e}"));
                    let c = format!("{ctx} hpmv β={beta:?}");
                    vy.check(&e, &c);
                    g.check_unchanged(Some(&before), &c);
                    count += 1;
                }

                // tpmv, tpsv
                for &t in trans_set::<T>() {
                    for diag in DIAGS {
                        let a = dominant::<T>(&mut r, n, n);
                        let g = Guarded::new(&re::packed_storage(&a, uplo, order));
                        let before = g.data().to_vec();
                        let ap = packed_view(g.data(), n, uplo, order);
                        let x: Vec<T> = random_vec(&mut r, n);
                        for solve in [false, true] {
                            let mut vx = V::new(&x, -incs);
                            let (e, res) = if solve {
                                (
                                    re::tpsv(t, diag, ap, vx.view()),
                                    ops.tpsv(t, diag, ap, vx.view_mut()),
                                )
                            } else {
                                (
                                    re::tpmv(t, diag, ap, vx.view()),
                                    ops.tpmv(t, diag, ap, vx.view_mut()),
                                )
                            };
                            let c = format!(
                                "{ctx} tp{}v {t:?} {diag:?}",
                                if solve { 's' } else { 'm' }
                            );
                            res.unwrap_or_else(|e| panic!("{c}: {e}"));
                            vx.check(&e, &c);
                            g.check_unchanged(Some(&before), &c);
                            count += 1;
                        }
                    }
                }

                // hpr, hpr2: the diagonal's imaginary parts start non-zero.
                let a = random_mat::<T>(&mut r, n, n);
                let x: Vec<T> = random_vec(&mut r, n);
                let y: Vec<T> = random_vec(&mut r, n);
                let (vx, vy) = (V::new(&x, incs), V::new(&y, -incs));
                let alpha_r = <T::Real as RealScalar>::from_f64(r.uniform(-2.0, 2.0));
                let alpha: T = random_scalar(&mut r);
                for two in [false, true] {
                    let mut g = Guarded::new(&re::packed_storage(&a, uplo, order));
                    let e = {
                        let ap = packed_view(g.data(), n, uplo, order);
                        if two {
                            re::hpr2(alpha, vx.view(), vy.view(), ap)
                        } else {
                            re::hpr(alpha_r, vx.view(), ap)
                        }
                    };
                    let ap = packed_view_mut(g.data_mut(), n, uplo, order);
                    let res = if two {
                        ops.hpr2(alpha, vx.view(), vy.view(), ap)
                    } else {
                        ops.hpr(alpha_r, vx.view(), ap)
                    };
                    let c = format!("{ctx} hpr{}", if two { "2" } else { "" });
                    res.unwrap_or_else(|e| panic!("{c}: {e}"));
                    let got = re::packed_to_mat(packed_view(g.data(), n, uplo, order));
                    ok(e.check_mat(got.as_ref()), &c);
                    g.check_unchanged(None, &c);
                    count += 1;
                }
            }

            // her, her2 on every matrix layout.
            for (li, layout) in Layout::ALL.into_iter().enumerate() {
                let incs = INCS[li];
                let a = random_mat::<T>(&mut r, n, n);
                let x: Vec<T> = random_vec(&mut r, n);
                let y: Vec<T> = random_vec(&mut r, n);
                let (vx, vy) = (V::new(&x, incs), V::new(&y, -incs));
                let alpha_r = <T::Real as RealScalar>::from_f64(r.uniform(-2.0, 2.0));
                let alpha: T = random_scalar(&mut r);
                for two in [false, true] {
                    let mut tm = TestMat::from_mat(&a, layout);
                    let e = if two {
                        re::her2(uplo, alpha, vx.view(), vy.view(), a.as_ref())
                    } else {
                        re::her(uplo, alpha_r, vx.view(), a.as_ref())
                    };
                    let res = if two {
                        ops.her2(uplo, alpha, vx.view(), vy.view(), tm.as_mut())
                    } else {
                        ops.her(uplo, alpha_r, vx.view(), tm.as_mut())
                    };
                    let c = format!(
                        "{name} {kind} n={n} {uplo:?} {layout} her{}",
                        if two { "2" } else { "" }
                    );
                    res.unwrap_or_else(|e| panic!("{c}: {e}"));
                    ok(e.check_mat(tm.as_ref()), &c);
                    ok(tm.check_padding(), &c);
                    count += 1;
                }
            }
        }
    }
    count
}

/// Every new routine on one backend; returns the number of checked calls.
fn check_all_ext(b: &dyn Backend, seed: u64) -> usize {
    let mut n = 0;
    n += blas1::<f32>(b, seed);
    n += blas1::<f64>(b, seed + 1);
    n += blas1::<c32>(b, seed + 2);
    n += blas1::<c64>(b, seed + 3);
    n += blas1_real::<f32>(b, seed + 4);
    n += blas1_real::<f64>(b, seed + 5);
    real_only_refused::<c32>(b);
    real_only_refused::<c64>(b);
    n += banded::<f32>(b, seed + 6);
    n += banded::<f64>(b, seed + 7);
    n += banded::<c32>(b, seed + 8);
    n += banded::<c64>(b, seed + 9);
    n += packed_and_rank::<f32>(b, seed + 10);
    n += packed_and_rank::<f64>(b, seed + 11);
    n += packed_and_rank::<c32>(b, seed + 12);
    n += packed_and_rank::<c64>(b, seed + 13);
    eprintln!("{}: {n} checked calls", b.info().name);
    n
}

fn run(name: &str, seed: u64) -> Option<Arc<dyn Backend>> {
    let b = backend(name, None)?;
    assert!(check_all_ext(&*b, seed) > 0);
    Some(b)
}

#[test]
fn openblas_new_routines() {
    run("openblas", 101);
}

#[test]
fn openblas64_ilp64_new_routines() {
    if let Some(b) = run("openblas64", 201) {
        assert_eq!(b.info().int_width, linmux_core::IntWidth::Ilp64);
    }
}

#[test]
fn mkl_new_routines() {
    run("mkl", 301);
}

#[test]
fn reference_new_routines() {
    run("reference", 401);
}

#[test]
fn blis_new_routines_with_fortran_fallbacks() {
    if run("blis", 501).is_none() {
        return;
    }
    let b = common::vendors::lp64("blis", None).expect("BLIS loaded above");
    // BLIS 0.9.0's CBLAS lacks the complex rotg/rot: the Fortran forms
    // served the calls above.
    let v = b.vendor();
    assert!(v.cblas.cblas_crotg.is_none() && v.cblas.cblas_zdrot.is_none());
    assert!(v.fortran_blas.crotg.is_some() && v.fortran_blas.zdrot.is_some());
}

/// Neither `cblas_crotg` nor `crotg_`: `Unsupported` naming the routine and
/// the backend, never a crash (fixture library; no vendor needed).
#[test]
fn complex_rotations_without_any_symbol_are_unsupported() {
    use linmux_core::Ops;
    let mut f = linmux_loader::fixtures::Fixture::new("cb_no_crotg");
    f.optional = false;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("linmux-cblas-fixtures");
    let lib = f.build(&dir).unwrap_or_else(|e| panic!("{e}"));
    // SAFETY: the fixture's probe routines behave as BLAS's; no stub is
    // called (the calls below are refused first).
    let b = unsafe {
        linmux_cblas::load(
            &linmux_loader::LoadSpec::new([lib]),
            linmux_cblas::loaded_info("fixture", "fixture"),
            None,
        )
    }
    .unwrap_or_else(|e| panic!("{e}"));
    let (mut a, mut bb, mut c, mut s) = (
        c32::new(1.0, 0.0),
        c32::new(0.0, 1.0),
        0.0f32,
        c32::new(0.0, 0.0),
    );
    let err = Ops::<c32>::rotg(&*b, &mut a, &mut bb, &mut c, &mut s).expect_err("no symbol");
    let msg = err.to_string();
    assert!(
        matches!(err, Error::Unsupported { op: "rotg", .. }),
        "{err:?}"
    );
    assert!(msg.contains("crotg") && msg.contains("fixture"), "{msg}");
    assert_eq!(a, c32::new(1.0, 0.0), "outputs untouched");
    let mut x = vec![c64::new(1.0, 1.0); 2];
    let mut y = vec![c64::new(2.0, 0.0); 2];
    let err = Ops::<c64>::rot(
        &*b,
        VecMut::from_slice(&mut x),
        VecMut::from_slice(&mut y),
        0.6,
        0.8,
    )
    .expect_err("no symbol");
    assert!(
        matches!(err, Error::Unsupported { op: "rot", .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("zdrot"), "{err}");
    assert_eq!(x, vec![c64::new(1.0, 1.0); 2], "outputs untouched");
}
