//! Plane rotations, mixed-precision dots, real scaling, the banded and packed
//! Level 2 operations and the Hermitian rank updates, against the testkit's
//! `reference_ext` kernels, through the checked `Ops` surface.
//!
//! Sizes 0 to 5, 17 and 130; band widths 0, 1, 3 and beyond the order;
//! column- and row-major band and packed storage (and a transposed band
//! view); every `uplo`, `trans` and `diag`; unit, strided and reversed
//! vectors. Storage the operation must not read holds NaN (so reading it
//! shows), and every buffer is checked afterwards for writes outside the
//! band, the stored triangle or the vector views.

use linmux_core::{
    BandRef, Diag, Error, Mat, Ops, PackedMut, PackedOrder, PackedRef, RealScalar, Scalar, Trans,
    Uplo, VecMut, VecRef, c64,
};
use linmux_testkit::layout::{dirty_value, same_bits, sentinel};
use linmux_testkit::reference_ext as rx;
use linmux_testkit::{Layout, Rng, TestMat, TestVec, data, reference};

use super::{backend, for_all_types};
use crate::elem::Elem;

const EXT_SIZES: [usize; 8] = [0, 1, 2, 3, 4, 5, 17, 130];

const TRANS: [Trans; 3] = [Trans::No, Trans::Trans, Trans::ConjTrans];
const UPLOS: [Uplo; 2] = [Uplo::Upper, Uplo::Lower];
const DIAGS: [Diag; 2] = [Diag::NonUnit, Diag::Unit];
const ORDERS: [PackedOrder; 2] = [PackedOrder::ColMajor, PackedOrder::RowMajor];

/// Band widths tried with order `n`: none, one, three, and more than `n`.
fn band_widths(n: usize) -> Vec<usize> {
    if n >= 100 {
        vec![0, 3, n + 2]
    } else {
        vec![0, 1, 3, n + 1]
    }
}

fn real<T: Scalar>(x: f64) -> T::Real {
    <T::Real as RealScalar>::from_f64(x)
}

fn random_real<T: Scalar>(rng: &mut Rng) -> T::Real {
    real::<T>(rng.sym_unit())
}

// ---- vectors -----------------------------------------------------------------

/// How a test vector is stored: contiguous, every third element, or every
/// second element read backwards (a negative stride, `VecRef::rev`).
#[derive(Clone, Copy, Debug)]
enum VCase {
    Unit,
    Inc3,
    Rev2,
}

const VCASES: [VCase; 3] = [VCase::Unit, VCase::Inc3, VCase::Rev2];

/// A vector in a sentinel-guarded buffer, viewed as `x` in `case`'s layout.
struct TV<T: Scalar> {
    v: TestVec<T>,
    rev: bool,
}

impl<T: Scalar> TV<T> {
    fn new(x: &[T], case: VCase) -> Self {
        let (inc, rev) = match case {
            VCase::Unit => (1, false),
            VCase::Inc3 => (3, false),
            VCase::Rev2 => (2, true),
        };
        // Reversed storage read through a reversed view shows `x` in order.
        let stored: Vec<T> = if rev {
            x.iter().rev().copied().collect()
        } else {
            x.to_vec()
        };
        Self {
            v: TestVec::from_slice(&stored, inc),
            rev,
        }
    }
    fn random(rng: &mut Rng, n: usize, case: VCase) -> Self {
        Self::new(&data::random_vec(rng, n), case)
    }
    /// Garbage (NaN, ±∞) that must not be read.
    fn dirty(n: usize, case: VCase) -> Self {
        let x: Vec<T> = (0..n).map(dirty_value).collect();
        Self::new(&x, case)
    }
    fn view(&self) -> VecRef<'_, T> {
        let v = self.v.as_ref();
        if self.rev { v.rev() } else { v }
    }
    fn view_mut(&mut self) -> VecMut<'_, T> {
        let rev = self.rev;
        let v = self.v.as_mut();
        if rev { v.rev() } else { v }
    }
    #[track_caller]
    fn assert_padding(&self) {
        self.v.assert_padding();
    }
}

/// `(α, β, y dirty)` for case `k`: general, `β = 0` with a NaN `y` (which
/// must not be read), `α = 0`, and `α = β = 1`.
fn coefficients<T: Scalar>(rng: &mut Rng, k: usize) -> (T, T, bool) {
    match k % 4 {
        0 => (data::random_scalar(rng), data::random_scalar(rng), false),
        1 => (data::random_scalar(rng), T::zero(), true),
        2 => (T::zero(), data::random_scalar(rng), false),
        _ => (T::one(), T::one(), false),
    }
}

// ---- band and packed storage ---------------------------------------------------

/// How a band matrix reaches the operation.
#[derive(Clone, Copy, Debug)]
enum BandLayout {
    /// BLAS column-major band storage, padded (`ldab = kl + ku + 3`).
    Col,
    /// CBLAS row-major band storage, tight (`lda = kl + ku + 1`).
    Row,
    /// Column-major storage of `Aᵀ` viewed through `.transpose()`.
    TransposedCol,
}

const BAND_LAYOUTS: [BandLayout; 3] = [BandLayout::Col, BandLayout::Row, BandLayout::TransposedCol];

/// The band of an `m × n` matrix in its storage (sentinel NaN outside it).
struct BandStore<T: Scalar> {
    data: Vec<T>,
    m: usize,
    n: usize,
    kl: usize,
    ku: usize,
    ld: usize,
    layout: BandLayout,
}

impl<T: Scalar> BandStore<T> {
    fn new(a: &Mat<T>, kl: usize, ku: usize, layout: BandLayout) -> Self {
        let (m, n) = a.shape();
        let (data, ld) = match layout {
            BandLayout::Col => {
                let ld = kl + ku + 3;
                (rx::band_storage(a, kl, ku, ld, PackedOrder::ColMajor), ld)
            }
            BandLayout::Row => {
                let ld = kl + ku + 1;
                (rx::band_storage(a, kl, ku, ld, PackedOrder::RowMajor), ld)
            }
            BandLayout::TransposedCol => {
                let ld = kl + ku + 2;
                let at = a.transpose();
                (rx::band_storage(&at, ku, kl, ld, PackedOrder::ColMajor), ld)
            }
        };
        Self {
            data,
            m,
            n,
            kl,
            ku,
            ld,
            layout,
        }
    }
    fn view(&self) -> BandRef<'_, T> {
        let (m, n, kl, ku, ld) = (self.m, self.n, self.kl, self.ku, self.ld);
        match self.layout {
            BandLayout::Col => BandRef::from_col_major(&self.data, m, n, kl, ku, ld),
            BandLayout::Row => BandRef::from_row_major(&self.data, m, n, kl, ku, ld),
            BandLayout::TransposedCol => {
                BandRef::from_col_major(&self.data, n, m, ku, kl, ld).map(BandRef::transpose)
            }
        }
        .unwrap()
    }
}

/// Whether two buffers hold the same bits.
fn same_buffer<T: Scalar>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| same_bits(x, y))
}

/// Packed storage of `a`'s `uplo` triangle followed by three sentinels.
fn packed_store<T: Scalar>(a: &Mat<T>, uplo: Uplo, order: PackedOrder) -> Vec<T> {
    let mut d = rx::packed_storage(a, uplo, order);
    d.extend([sentinel::<T>(); 3]);
    d
}

fn packed_ref<T: Scalar>(d: &[T], n: usize, uplo: Uplo, order: PackedOrder) -> PackedRef<'_, T> {
    match order {
        PackedOrder::ColMajor => PackedRef::from_col_major(d, n, uplo),
        PackedOrder::RowMajor => PackedRef::from_row_major(d, n, uplo),
    }
    .unwrap()
}

fn packed_mut<T: Scalar>(
    d: &mut [T],
    n: usize,
    uplo: Uplo,
    order: PackedOrder,
) -> PackedMut<'_, T> {
    match order {
        PackedOrder::ColMajor => PackedMut::from_col_major(d, n, uplo),
        PackedOrder::RowMajor => PackedMut::from_row_major(d, n, uplo),
    }
    .unwrap()
}

/// Whether `(i, j)` is strictly on the side of the diagonal `uplo` does not name.
fn other_side(uplo: Uplo, i: usize, j: usize) -> bool {
    match uplo {
        Uplo::Upper => i > j,
        Uplo::Lower => i < j,
    }
}

/// A random square matrix whose unread part (the other side of the
/// diagonal, and the diagonal when `diag` is unit) is NaN. With `solve`, the
/// off-diagonals are scaled by `1/(k+1)` so substitution stays well
/// conditioned at every size.
fn structured<T: Scalar>(
    rng: &mut Rng,
    n: usize,
    uplo: Uplo,
    diag: Diag,
    k: usize,
    solve: bool,
) -> Mat<T> {
    let scale = if solve {
        1.0 / (k.min(n) as f64 + 1.0)
    } else {
        1.0
    };
    let nan = data::nan::<T>();
    Mat::from_fn(n, n, |i, j| {
        let v: T = data::random_scalar(rng);
        if other_side(uplo, i, j) || (i == j && diag == Diag::Unit) {
            nan
        } else if i == j {
            // Keep the imaginary part: Hermitian operations must ignore it.
            v + T::from_real(real::<T>(if v.re() < real::<T>(0.0) { -1.0 } else { 1.0 }))
        } else {
            T::from_c64(v.to_c64() * scale)
        }
    })
}

// ---- BLAS 1 ------------------------------------------------------------------

fn check_rotg<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(201);
    let c = |re: f64, im: f64| T::from_c64(c64::new(re, im));
    // Huge and tiny scales: beyond the square roots of the overflow and
    // underflow thresholds, so the scaled branches run.
    let (big, small) = if <T as Scalar>::KIND.name().ends_with("64") {
        (2f64.powi(600), 2f64.powi(-600))
    } else {
        (2f64.powi(70), 2f64.powi(-70))
    };
    let mut pairs = vec![
        (c(0.0, 0.0), c(0.0, 0.0)),
        (c(2.0, 0.5), c(0.0, 0.0)),
        (c(-2.0, 0.0), c(0.0, 0.0)),
        (c(0.0, 0.0), c(-3.0, 0.0)),
        (c(0.0, 0.0), c(0.0, 2.0)),
        (c(0.0, 0.0), c(1.5, -2.5)),
        (c(3.0, 0.0), c(4.0, 0.0)),
        (c(-3.0, 0.0), c(4.0, 0.0)),
        (c(4.0, 0.0), c(-3.0, 0.0)),
        (c(-4.0, 0.0), c(-3.0, 0.0)),
        (c(1.0, 0.0), c(1.0, 0.0)),
        (c(1.0, 0.0), c(-1.0, 0.0)),
        (c(big * 0.7, big * 0.2), c(big * 0.3, -big * 0.9)),
        (c(small * 0.7, small * 0.2), c(-small * 0.3, small * 0.9)),
        // One tiny, one ordinary (the weighted scaled branch), and the reverse.
        (c(small * 0.7, -small * 0.2), c(0.3, 0.9)),
        (c(big * 0.7, big * 0.2), c(0.3, -0.9)),
        (c(0.0, 0.0), c(big * 0.3, big * 0.9)),
        (c(0.0, 0.0), c(small * 0.3, small * 0.9)),
    ];
    for _ in 0..40 {
        pairs.push((data::random_scalar(&mut rng), data::random_scalar(&mut rng)));
    }
    for (a0, b0) in pairs {
        let (mut a, mut b, mut cc, mut s) = (a0, b0, real::<T>(7.0), c(7.0, 7.0));
        Ops::<T>::rotg(&be, &mut a, &mut b, &mut cc, &mut s).unwrap();
        let got = [a, b, T::from_real(cc), s];
        if let Err(e) = rx::rotg(a0, b0).check_vec(VecRef::from_slice(&got)) {
            panic!("rotg({a0:?}, {b0:?}): {e}");
        }
    }
}

fn check_rot<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(202);
    for (k, n) in EXT_SIZES.into_iter().enumerate() {
        for (l, (cx, cy)) in VCASES
            .into_iter()
            .flat_map(|a| VCASES.map(|b| (a, b)))
            .enumerate()
        {
            let mut x = TV::<T>::random(&mut rng, n, cx);
            let mut y = TV::<T>::random(&mut rng, n, cy);
            let (c, s) = if (k + l) % 3 == 0 {
                (real::<T>(0.6), real::<T>(-0.8))
            } else {
                (random_real::<T>(&mut rng), random_real::<T>(&mut rng))
            };
            let (ex, ey) = rx::rot(x.view(), y.view(), c, s);
            Ops::<T>::rot(&be, x.view_mut(), y.view_mut(), c, s).unwrap();
            ex.assert_vec(x.view());
            ey.assert_vec(y.view());
            x.assert_padding();
            y.assert_padding();
        }
    }
}

fn check_rscal<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(203);
    for n in EXT_SIZES {
        for (l, case) in VCASES.into_iter().enumerate() {
            let alphas = [random_real::<T>(&mut rng), real::<T>(1.0), real::<T>(-2.0)];
            let alpha = alphas[l % 3];
            let mut v: Vec<T> = data::random_vec(&mut rng, n);
            if n > 1 {
                // An infinite imaginary part must not leak into the real part
                // (no complex product with (α, 0)).
                v[1] = T::from_c64(c64::new(0.5, f64::INFINITY));
            }
            let mut x = TV::new(&v, case);
            let e = rx::scal_real(alpha, x.view());
            Ops::<T>::rscal(&be, alpha, x.view_mut()).unwrap();
            e.assert_vec(x.view());
            x.assert_padding();
        }
    }
}

fn check_rotm<T: Elem + RealScalar>() {
    let be = backend();
    let mut rng = Rng::new(204);
    let flags = [-2.0, -1.0, 0.0, 1.0, f64::NAN];
    for n in EXT_SIZES {
        for (l, flag) in flags.into_iter().enumerate() {
            let mut param: [T; 5] = core::array::from_fn(|_| data::random_scalar(&mut rng));
            param[0] = T::from_f64(flag);
            let mut x = TV::<T>::random(&mut rng, n, VCASES[l % 3]);
            let mut y = TV::<T>::random(&mut rng, n, VCASES[(l + 1) % 3]);
            let (ex, ey) = rx::rotm(x.view(), y.view(), param);
            Ops::<T>::rotm(&be, x.view_mut(), y.view_mut(), &param).unwrap();
            ex.assert_vec(x.view());
            ey.assert_vec(y.view());
            x.assert_padding();
            y.assert_padding();
        }
    }
}

fn check_rotmg<T: Elem + RealScalar>() {
    let be = backend();
    let mut rng = Rng::new(205);
    let ds = [-1.0, 0.0, 1e-15, 1e-9, 0.5, 2.0, 1e9, 1e15];
    let d2s = [-1e15, -0.7, 0.0, 1e-15, 1e-9, 0.7, 1e9, 1e15];
    let xs = [0.0, 0.3, 2.0, 1e-5];
    let ys = [0.0, 1.7, 1e-4, -3.0];
    for d1 in ds {
        for d2 in d2s {
            for x1 in xs {
                for y1 in ys {
                    let param0: [T; 5] = core::array::from_fn(|_| data::random_scalar(&mut rng));
                    let (v1, v2, vx, vy) = (
                        T::from_f64(d1),
                        T::from_f64(d2),
                        T::from_f64(x1),
                        T::from_f64(y1),
                    );
                    let (mut a, mut b, mut c, mut p) = (v1, v2, vx, param0);
                    Ops::<T>::rotmg(&be, &mut a, &mut b, &mut c, vy, &mut p).unwrap();
                    let got = [a, b, c, p[0], p[1], p[2], p[3], p[4]];
                    if let Err(e) =
                        rx::rotmg(v1, v2, vx, vy, param0).check_vec(VecRef::from_slice(&got))
                    {
                        panic!("rotmg({d1}, {d2}, {x1}, {y1}): {e}");
                    }
                }
            }
        }
    }
    // An infinite d1 makes reference BLAS rescale forever; here it ends.
    let (mut a, mut b, mut c, mut p) = (T::infinity(), T::one(), T::one(), [T::zero(); 5]);
    Ops::<T>::rotmg(&be, &mut a, &mut b, &mut c, T::one(), &mut p).unwrap();
}

fn check_sdsdot_f32() {
    let be = backend();
    let mut rng = Rng::new(206);
    for n in EXT_SIZES {
        for (l, (cx, cy)) in VCASES
            .into_iter()
            .flat_map(|a| VCASES.map(|b| (a, b)))
            .enumerate()
        {
            let mut xv: Vec<f32> = data::random_vec(&mut rng, n);
            let mut yv: Vec<f32> = data::random_vec(&mut rng, n);
            if n >= 3 && l % 2 == 0 {
                // 1e8 + 1 − 1e8: an f32 accumulation loses the 1.
                xv[..3].copy_from_slice(&[1e4, 1.0, -1e4]);
                yv[..3].copy_from_slice(&[1e4, 1.0, 1e4]);
            }
            let (x, y) = (TV::new(&xv, cx), TV::new(&yv, cy));
            let sb = if l % 3 == 0 {
                0.0
            } else {
                data::random_scalar::<f32>(&mut rng)
            };
            let got = Ops::<f32>::sdsdot(&be, sb, x.view(), y.view()).unwrap();
            rx::sdsdot(sb, x.view(), y.view()).assert_scalar(got);
            let got = Ops::<f32>::dsdot(&be, x.view(), y.view()).unwrap();
            rx::dsdot(x.view(), y.view()).assert_scalar(got);
        }
    }
}

/// On `f64`, `sdsdot` is `sb + ddot` and `dsdot` is `ddot`: checked as a dot
/// with `sb·1` appended.
fn check_sdsdot_f64() {
    let be = backend();
    let mut rng = Rng::new(207);
    for n in EXT_SIZES {
        for (cx, cy) in VCASES.into_iter().flat_map(|a| VCASES.map(|b| (a, b))) {
            let (xv, yv): (Vec<f64>, Vec<f64>) =
                (data::random_vec(&mut rng, n), data::random_vec(&mut rng, n));
            let (x, y) = (TV::new(&xv, cx), TV::new(&yv, cy));
            let sb: f64 = data::random_scalar(&mut rng);
            let got = Ops::<f64>::dsdot(&be, x.view(), y.view()).unwrap();
            reference::dot(x.view(), y.view()).assert_scalar(got);
            let got = Ops::<f64>::sdsdot(&be, sb, x.view(), y.view()).unwrap();
            let (xe, ye) = (
                [xv.as_slice(), &[sb]].concat(),
                [yv.as_slice(), &[1.0]].concat(),
            );
            reference::dot(VecRef::from_slice(&xe), VecRef::from_slice(&ye)).assert_scalar(got);
        }
    }
}

/// The real-only operations reject complex types (the checked surface),
/// so their generic complex code is never reached.
fn check_real_only_rejected<T: Elem>() {
    let be = backend();
    let mut xs = [T::one(); 2];
    let mut ys = [T::one(); 2];
    let mut p = [T::zero(); 5];
    let bad = |r: linmux_core::Result<()>| matches!(r, Err(Error::InvalidArgument { .. }));
    assert!(bad(Ops::<T>::rotm(
        &be,
        VecMut::from_slice(&mut xs),
        VecMut::from_slice(&mut ys),
        &p
    )));
    let (mut a, mut b, mut c) = (T::one(), T::one(), T::one());
    assert!(bad(Ops::<T>::rotmg(
        &be,
        &mut a,
        &mut b,
        &mut c,
        T::one(),
        &mut p
    )));
    let r = Ops::<T>::sdsdot(
        &be,
        T::one(),
        VecRef::from_slice(&xs),
        VecRef::from_slice(&ys),
    );
    assert!(matches!(r, Err(Error::InvalidArgument { .. })));
    let r = Ops::<T>::dsdot(&be, VecRef::from_slice(&xs), VecRef::from_slice(&ys));
    assert!(matches!(r, Err(Error::InvalidArgument { .. })));
    assert_eq!(xs, [T::one(); 2]);
    assert_eq!(p, [T::zero(); 5]);
}

// ---- banded ------------------------------------------------------------------

fn check_gbmv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(301);
    let mut case = 0usize;
    for s in EXT_SIZES {
        let shapes = if s >= 100 {
            vec![(s, s)]
        } else {
            vec![(s, s), (s + 2, s), (s, s + 3)]
        };
        for (m, n) in shapes {
            for kl in band_widths(m.max(n)) {
                for ku in band_widths(m.max(n)) {
                    let a = data::random_mat::<T>(&mut rng, m, n);
                    for layout in BAND_LAYOUTS {
                        let store = BandStore::new(&a, kl, ku, layout);
                        let original = store.data.clone();
                        for trans in TRANS {
                            case += 1;
                            let (om, on) = if trans == Trans::No { (m, n) } else { (n, m) };
                            let (alpha, beta, dirty) = coefficients::<T>(&mut rng, case);
                            if on == 0 && om > 0 && beta != T::one() {
                                // Reference BLAS returns y unchanged when A
                                // has no columns; the checked surface
                                // (linmux-core) applies β·y first. Skipped.
                                continue;
                            }
                            let x = TV::<T>::random(&mut rng, on, VCASES[case % 3]);
                            let mut y = if dirty {
                                TV::dirty(om, VCASES[(case + 1) % 3])
                            } else {
                                TV::random(&mut rng, om, VCASES[(case + 1) % 3])
                            };
                            let e = rx::gbmv(trans, alpha, store.view(), x.view(), beta, y.view());
                            Ops::<T>::gbmv(
                                &be,
                                trans,
                                alpha,
                                store.view(),
                                x.view(),
                                beta,
                                y.view_mut(),
                            )
                            .unwrap();
                            if let Err(msg) = e.check_vec(y.view()) {
                                panic!("gbmv {m}×{n} kl {kl} ku {ku} {layout:?} {trans:?}: {msg}");
                            }
                            y.assert_padding();
                            assert!(same_buffer(&store.data, &original), "gbmv wrote to A");
                        }
                    }
                }
            }
        }
    }
}

fn check_hbmv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(302);
    let mut case = 0usize;
    for n in EXT_SIZES {
        for uplo in UPLOS {
            for k in band_widths(n) {
                // The other band side is NaN: it must not be read.
                let a = structured::<T>(&mut rng, n, uplo, Diag::NonUnit, k, false);
                for layout in BAND_LAYOUTS {
                    // Both sides stored, only the `uplo` one meaningful.
                    let store = BandStore::new(&a, k, k, layout);
                    let original = store.data.clone();
                    case += 1;
                    let (alpha, beta, dirty) = coefficients::<T>(&mut rng, case);
                    let x = TV::<T>::random(&mut rng, n, VCASES[case % 3]);
                    let mut y = if dirty {
                        TV::dirty(n, VCASES[(case + 2) % 3])
                    } else {
                        TV::random(&mut rng, n, VCASES[(case + 2) % 3])
                    };
                    let e = rx::hbmv(uplo, alpha, store.view(), x.view(), beta, y.view());
                    Ops::<T>::hbmv(&be, uplo, alpha, store.view(), x.view(), beta, y.view_mut())
                        .unwrap();
                    if let Err(msg) = e.check_vec(y.view()) {
                        panic!("hbmv n {n} k {k} {uplo:?} {layout:?}: {msg}");
                    }
                    y.assert_padding();
                    assert!(same_buffer(&store.data, &original), "hbmv wrote to A");
                }
            }
        }
    }
}

fn check_tbmv_tbsv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(303);
    let mut case = 0usize;
    for n in EXT_SIZES {
        for (ui, uplo) in UPLOS.into_iter().enumerate() {
            for (di, diag) in DIAGS.into_iter().enumerate() {
                for (ki, k) in band_widths(n).into_iter().enumerate() {
                    for solve in [false, true] {
                        let a = structured::<T>(&mut rng, n, uplo, diag, k, solve);
                        for (li, layout) in BAND_LAYOUTS.into_iter().enumerate() {
                            // Both sides stored (the other one NaN); with a
                            // unit diagonal the stored diagonal is NaN too.
                            let (kl, ku) = match uplo {
                                Uplo::Upper => (1, k),
                                Uplo::Lower => (k, 1),
                            };
                            let store = BandStore::new(&a, kl, ku, layout);
                            let original = store.data.clone();
                            for (ti, trans) in TRANS.into_iter().enumerate() {
                                // The reference solve is O(n³): at the large
                                // size, one `trans` per combination.
                                if solve && n >= 100 && ti != (ui + di + ki + li) % 3 {
                                    continue;
                                }
                                case += 1;
                                let mut x = TV::<T>::random(&mut rng, n, VCASES[case % 3]);
                                let a = store.view();
                                let (e, r) = if solve {
                                    let e = rx::tbsv(uplo, trans, diag, a, x.view());
                                    (e, Ops::<T>::tbsv(&be, uplo, trans, diag, a, x.view_mut()))
                                } else {
                                    let e = rx::tbmv(uplo, trans, diag, a, x.view());
                                    (e, Ops::<T>::tbmv(&be, uplo, trans, diag, a, x.view_mut()))
                                };
                                r.unwrap();
                                if let Err(msg) = e.check_vec(x.view()) {
                                    panic!(
                                        "{} n {n} k {k} {uplo:?} {diag:?} {layout:?} {trans:?}: {msg}",
                                        if solve { "tbsv" } else { "tbmv" }
                                    );
                                }
                                x.assert_padding();
                                assert!(same_buffer(&store.data, &original), "wrote to A");
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `tbmv` and `tbsv` read only the band: `O(n·k)`, so a long, narrow band
/// is fast (a dense loop over 200000² elements would not be).
#[test]
fn banded_cost_is_linear_in_n() {
    let be = backend();
    let mut rng = Rng::new(304);
    let n = 200_000;
    let (kl, ku) = (2, 1);
    let a = Mat::from_fn(
        kl + ku + 1,
        n,
        |i, _| {
            if i == ku { 4.0 } else { rng.sym_unit() }
        },
    );
    let data = a.as_slice().to_vec();
    let band = BandRef::from_col_major(&data, n, n, kl, ku, kl + ku + 1).unwrap();
    let mut x: Vec<f64> = data::random_vec(&mut rng, n);
    let x0 = x.clone();
    let start = std::time::Instant::now();
    Ops::<f64>::tbmv(
        &be,
        Uplo::Lower,
        Trans::No,
        Diag::NonUnit,
        band,
        VecMut::from_slice(&mut x),
    )
    .unwrap();
    Ops::<f64>::tbsv(
        &be,
        Uplo::Lower,
        Trans::No,
        Diag::NonUnit,
        band,
        VecMut::from_slice(&mut x),
    )
    .unwrap();
    let mut y = vec![0.0; n];
    Ops::<f64>::gbmv(
        &be,
        Trans::Trans,
        1.0,
        band,
        VecRef::from_slice(&x),
        0.0,
        VecMut::from_slice(&mut y),
    )
    .unwrap();
    assert!(
        start.elapsed().as_secs_f64() < 2.0,
        "banded routines look quadratic"
    );
    let err = x
        .iter()
        .zip(&x0)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    assert!(err <= 64.0 * f64::EPSILON, "tbsv(tbmv(x)) − x = {err:e}");
}

// ---- packed ------------------------------------------------------------------

fn check_hpmv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(401);
    let mut case = 0usize;
    for n in EXT_SIZES {
        for uplo in UPLOS {
            let a = structured::<T>(&mut rng, n, uplo, Diag::NonUnit, n, false);
            for order in ORDERS {
                let d = packed_store(&a, uplo, order);
                let original = d.clone();
                for _ in 0..2 {
                    case += 1;
                    let (alpha, beta, dirty) = coefficients::<T>(&mut rng, case);
                    let x = TV::<T>::random(&mut rng, n, VCASES[case % 3]);
                    let mut y = if dirty {
                        TV::dirty(n, VCASES[(case + 1) % 3])
                    } else {
                        TV::random(&mut rng, n, VCASES[(case + 1) % 3])
                    };
                    let ap = packed_ref(&d, n, uplo, order);
                    let e = rx::hpmv(alpha, ap, x.view(), beta, y.view());
                    Ops::<T>::hpmv(&be, alpha, ap, x.view(), beta, y.view_mut()).unwrap();
                    if let Err(msg) = e.check_vec(y.view()) {
                        panic!("hpmv n {n} {uplo:?} {order:?}: {msg}");
                    }
                    y.assert_padding();
                    assert!(same_buffer(&d, &original), "hpmv wrote to ap");
                }
            }
        }
    }
}

fn check_tpmv_tpsv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(402);
    let mut case = 0usize;
    for n in EXT_SIZES {
        for (ui, uplo) in UPLOS.into_iter().enumerate() {
            for (di, diag) in DIAGS.into_iter().enumerate() {
                for solve in [false, true] {
                    let a = structured::<T>(&mut rng, n, uplo, diag, n, solve);
                    for (oi, order) in ORDERS.into_iter().enumerate() {
                        let d = packed_store(&a, uplo, order);
                        let original = d.clone();
                        for (ti, trans) in TRANS.into_iter().enumerate() {
                            // As in `check_tbmv_tbsv`: one `trans` at n ≥ 100.
                            if solve && n >= 100 && ti != (ui + di + oi) % 3 {
                                continue;
                            }
                            case += 1;
                            let mut x = TV::<T>::random(&mut rng, n, VCASES[case % 3]);
                            let ap = packed_ref(&d, n, uplo, order);
                            let (e, r) = if solve {
                                let e = rx::tpsv(trans, diag, ap, x.view());
                                (e, Ops::<T>::tpsv(&be, trans, diag, ap, x.view_mut()))
                            } else {
                                let e = rx::tpmv(trans, diag, ap, x.view());
                                (e, Ops::<T>::tpmv(&be, trans, diag, ap, x.view_mut()))
                            };
                            r.unwrap();
                            if let Err(msg) = e.check_vec(x.view()) {
                                panic!(
                                    "{} n {n} {uplo:?} {diag:?} {order:?} {trans:?}: {msg}",
                                    if solve { "tpsv" } else { "tpmv" }
                                );
                            }
                            x.assert_padding();
                            assert!(same_buffer(&d, &original), "wrote to ap");
                        }
                    }
                }
            }
        }
    }
}

/// `tbsv`/`tpsv` do not test for singularity: a zero pivot gives the
/// infinities and NaNs of plain substitution, not an error.
fn check_singular_solves<T: Elem>() {
    let be = backend();
    let a = Mat::from_fn(3, 3, |i, j| {
        if i == j && i == 1 {
            T::zero()
        } else {
            T::one()
        }
    });
    let d = rx::packed_storage(&a, Uplo::Upper, PackedOrder::ColMajor);
    let ap = PackedRef::from_col_major(&d, 3, Uplo::Upper).unwrap();
    // Reference BLAS skips a zero xⱼ before dividing by its pivot, so make
    // x₁ non-zero when its pivot (zero) is reached.
    let two = T::one() + T::one();
    let mut x = [T::one(), two, T::one()];
    let e = rx::tpsv(Trans::No, Diag::NonUnit, ap, VecRef::from_slice(&x));
    Ops::<T>::tpsv(
        &be,
        Trans::No,
        Diag::NonUnit,
        ap,
        VecMut::from_slice(&mut x),
    )
    .unwrap();
    if T::IS_COMPLEX {
        // 1/(0 + 0i) is NaN in complex arithmetic, here and in the reference.
        e.assert_vec(VecRef::from_slice(&x));
    } else {
        // Real substitution gives ±∞; the reference, computing in c64, has
        // NaN there: compare with plain real substitution instead.
        let inf = T::from_c64(c64::new(f64::INFINITY, 0.0));
        assert!(same_bits(x[0], -inf) && same_bits(x[1], inf) && same_bits(x[2], T::one()));
    }
    // The last pivot is fine; the singular one did not stop the solve.
    assert!(same_bits(x[2], T::one()), "{x:?}");
    let z = x[0].to_c64();
    assert!(!z.re.is_finite() || !z.im.is_finite(), "x₀ = {z}");
    let b = rx::band_storage(&a, 0, 2, 3, PackedOrder::ColMajor);
    let band = BandRef::from_col_major(&b, 3, 3, 0, 2, 3).unwrap();
    let mut y = [T::one(), two, T::one()];
    Ops::<T>::tbsv(
        &be,
        Uplo::Upper,
        Trans::No,
        Diag::NonUnit,
        band,
        VecMut::from_slice(&mut y),
    )
    .unwrap();
    assert!(y.iter().zip(&x).all(|(&p, &q)| same_bits(p, q)));
}

// ---- rank updates ------------------------------------------------------------

/// A random `n × n` matrix for a rank update of its `uplo` triangle: the other
/// triangle NaN (never read or written), the diagonal's imaginary parts
/// non-zero (ignored, and dropped by the Hermitian updates).
fn update_target<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo) -> Mat<T> {
    let nan = data::nan::<T>();
    Mat::from_fn(n, n, |i, j| {
        if other_side(uplo, i, j) {
            nan
        } else {
            data::random_scalar(rng)
        }
    })
}

/// Random vectors with a zero at 1 (a column reference BLAS skips).
fn update_vec<T: Scalar>(rng: &mut Rng, n: usize) -> Vec<T> {
    let mut v = data::random_vec(rng, n);
    if n > 2 {
        v[1] = T::zero();
    }
    v
}

fn check_her_her2<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(501);
    let mut case = 0usize;
    for n in EXT_SIZES {
        for uplo in UPLOS {
            for layout in Layout::ALL {
                for two in [false, true] {
                    case += 1;
                    let a = update_target::<T>(&mut rng, n, uplo);
                    let mut ta = TestMat::from_mat(&a, layout);
                    let x = TV::new(&update_vec::<T>(&mut rng, n), VCASES[case % 3]);
                    let y = TV::new(&update_vec::<T>(&mut rng, n), VCASES[(case + 1) % 3]);
                    let (e, what) = if two {
                        let alpha: T = if case.is_multiple_of(5) {
                            T::zero()
                        } else {
                            data::random_scalar(&mut rng)
                        };
                        let e = rx::her2(uplo, alpha, x.view(), y.view(), ta.as_ref());
                        Ops::<T>::her2(&be, uplo, alpha, x.view(), y.view(), ta.as_mut()).unwrap();
                        (e, "her2")
                    } else {
                        let alpha = if case.is_multiple_of(5) {
                            real::<T>(0.0)
                        } else {
                            random_real::<T>(&mut rng)
                        };
                        let e = rx::her(uplo, alpha, x.view(), ta.as_ref());
                        Ops::<T>::her(&be, uplo, alpha, x.view(), ta.as_mut()).unwrap();
                        (e, "her")
                    };
                    if let Err(msg) = e.check_mat(ta.as_ref()) {
                        panic!("{what} n {n} {uplo:?} {layout}: {msg}");
                    }
                    ta.assert_padding();
                    x.assert_padding();
                    y.assert_padding();
                }
            }
        }
    }
}

fn check_hpr_hpr2<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(502);
    let mut case = 0usize;
    for n in EXT_SIZES {
        for uplo in UPLOS {
            for order in ORDERS {
                for two in [false, true] {
                    case += 1;
                    let a = update_target::<T>(&mut rng, n, uplo);
                    let mut d = packed_store(&a, uplo, order);
                    let x = TV::new(&update_vec::<T>(&mut rng, n), VCASES[case % 3]);
                    let y = TV::new(&update_vec::<T>(&mut rng, n), VCASES[(case + 2) % 3]);
                    let (e, what) = if two {
                        let alpha: T = if case.is_multiple_of(5) {
                            T::zero()
                        } else {
                            data::random_scalar(&mut rng)
                        };
                        let e = rx::hpr2(alpha, x.view(), y.view(), packed_ref(&d, n, uplo, order));
                        let ap = packed_mut(&mut d, n, uplo, order);
                        Ops::<T>::hpr2(&be, alpha, x.view(), y.view(), ap).unwrap();
                        (e, "hpr2")
                    } else {
                        let alpha = if case.is_multiple_of(5) {
                            real::<T>(0.0)
                        } else {
                            random_real::<T>(&mut rng)
                        };
                        let e = rx::hpr(alpha, x.view(), packed_ref(&d, n, uplo, order));
                        Ops::<T>::hpr(&be, alpha, x.view(), packed_mut(&mut d, n, uplo, order))
                            .unwrap();
                        (e, "hpr")
                    };
                    let got = rx::packed_to_mat(packed_ref(&d, n, uplo, order));
                    if let Err(msg) = e.check_mat(got.as_ref()) {
                        panic!("{what} n {n} {uplo:?} {order:?}: {msg}");
                    }
                    let tail = &d[d.len() - 3..];
                    assert!(
                        tail.iter().all(|&v| same_bits(v, sentinel())),
                        "{what} wrote past ap"
                    );
                    x.assert_padding();
                    y.assert_padding();
                }
            }
        }
    }
}

/// The checked surface validates before the backend runs: wrong lengths and
/// a non-square band are errors, and nothing is written.
fn check_validation<T: Elem>() {
    let be = backend();
    let a = Mat::from_fn(3, 4, |_, _| T::one());
    let d = rx::band_storage(&a, 1, 1, 3, PackedOrder::ColMajor);
    let band = BandRef::from_col_major(&d, 3, 4, 1, 1, 3).unwrap();
    let x = [T::one(); 3];
    let mut y = [T::one(); 3];
    let r = Ops::<T>::gbmv(
        &be,
        Trans::No,
        T::one(),
        band,
        VecRef::from_slice(&x),
        T::zero(),
        VecMut::from_slice(&mut y),
    );
    assert!(matches!(r, Err(Error::DimensionMismatch { .. })), "{r:?}");
    assert_eq!(y, [T::one(); 3]);
    let r = Ops::<T>::hbmv(
        &be,
        Uplo::Upper,
        T::one(),
        band,
        VecRef::from_slice(&x),
        T::zero(),
        VecMut::from_slice(&mut y),
    );
    assert!(matches!(r, Err(Error::DimensionMismatch { .. })), "{r:?}");
    let mut ap = [T::one(); 6];
    let r = Ops::<T>::hpr(
        &be,
        real::<T>(1.0),
        VecRef::from_slice(&x[..2]),
        PackedMut::from_col_major(&mut ap, 3, Uplo::Lower).unwrap(),
    );
    assert!(matches!(r, Err(Error::DimensionMismatch { .. })), "{r:?}");
    assert_eq!(ap, [T::one(); 6]);
}

for_all_types! {
    ext_rotg => check_rotg,
    ext_rot => check_rot,
    ext_rscal => check_rscal,
    ext_gbmv => check_gbmv,
    ext_hbmv => check_hbmv,
    ext_tbmv_tbsv => check_tbmv_tbsv,
    ext_hpmv => check_hpmv,
    ext_tpmv_tpsv => check_tpmv_tpsv,
    ext_singular_solves => check_singular_solves,
    ext_her_her2 => check_her_her2,
    ext_hpr_hpr2 => check_hpr_hpr2,
    ext_validation => check_validation,
}

#[test]
fn real_only_rejected_c32() {
    check_real_only_rejected::<linmux_core::c32>();
}
#[test]
fn real_only_rejected_c64() {
    check_real_only_rejected::<c64>();
}
#[test]
fn rotm_f32() {
    check_rotm::<f32>();
}
#[test]
fn rotm_f64() {
    check_rotm::<f64>();
}
#[test]
fn rotmg_f32() {
    check_rotmg::<f32>();
}
#[test]
fn rotmg_f64() {
    check_rotmg::<f64>();
}
#[test]
fn sdsdot_dsdot_f32() {
    check_sdsdot_f32();
}
#[test]
fn sdsdot_dsdot_f64() {
    check_sdsdot_f64();
}
