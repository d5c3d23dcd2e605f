//! The CBLAS routines beyond the core set — plane rotations, extended
//! precision dots, real scaling of complex vectors, banded and packed BLAS 2
//! and the rank-1/rank-2 updates — on every required backend, all the types
//! CBLAS defines them for, random shapes (0 and 1 included), both storage
//! orders and strided or reversed vectors, against the testkit's reference
//! (`reference_ext`). Storage the routine must not read holds NaN; padding
//! is checked; provenance proves each backend ran.

use linmux::{
    BandRef, Diag, Engine, Mat, PackedMut, PackedOrder, PackedRef, RealScalar, Routine, Scalar,
    Trans, Uplo, VecRef, c32, c64,
};
use linmux_conformance::{Check, call, check, config, engines, rng};
use linmux_testkit::reference_ext::{self as rx, band_storage, packed_storage};
use linmux_testkit::strategies::{diag, seed, trans, uplo};
use linmux_testkit::{Rng, TestVec, data, reference};
use proptest::prelude::*;

macro_rules! for_all {
    ($f:ident($($arg:expr),*)) => {{
        for e in &engines() {
            $f::<f32>(e, $($arg),*)?;
            $f::<f64>(e, $($arg),*)?;
            $f::<c32>(e, $($arg),*)?;
            $f::<c64>(e, $($arg),*)?;
        }
    }};
}

macro_rules! for_real {
    ($f:ident($($arg:expr),*)) => {{
        for e in &engines() {
            $f::<f32>(e, $($arg),*)?;
            $f::<f64>(e, $($arg),*)?;
        }
    }};
}

fn fail(e: linmux::Error) -> TestCaseError {
    TestCaseError::fail(format!("unexpected error: {e}"))
}

fn coef<T: Scalar>(rng: &mut Rng, pick: u8) -> T {
    match pick % 4 {
        0 => T::zero(),
        1 => T::one(),
        _ => data::random_scalar(rng),
    }
}

fn vec_of<T: Scalar>(rng: &mut Rng, n: usize, inc: usize) -> TestVec<T> {
    TestVec::from_slice(&data::random_vec::<T>(rng, n), inc)
}

fn order(row: bool) -> PackedOrder {
    if row {
        PackedOrder::RowMajor
    } else {
        PackedOrder::ColMajor
    }
}

fn band<T: Scalar>(
    data: &[T],
    m: usize,
    n: usize,
    kl: usize,
    ku: usize,
    ld: usize,
    row: bool,
) -> Result<BandRef<'_, T>, TestCaseError> {
    if row {
        BandRef::from_row_major(data, m, n, kl, ku, ld)
    } else {
        BandRef::from_col_major(data, m, n, kl, ku, ld)
    }
    .map_err(fail)
}

fn packed<T: Scalar>(
    ap: &[T],
    n: usize,
    uplo: Uplo,
    row: bool,
) -> Result<PackedRef<'_, T>, TestCaseError> {
    if row {
        PackedRef::from_row_major(ap, n, uplo)
    } else {
        PackedRef::from_col_major(ap, n, uplo)
    }
    .map_err(fail)
}

fn packed_mut<T: Scalar>(
    ap: &mut [T],
    n: usize,
    uplo: Uplo,
    row: bool,
) -> Result<PackedMut<'_, T>, TestCaseError> {
    if row {
        PackedMut::from_row_major(ap, n, uplo)
    } else {
        PackedMut::from_col_major(ap, n, uplo)
    }
    .map_err(fail)
}

/// A well-conditioned triangular (band) matrix: off-diagonal entries scaled
/// down by the band width, a dominant diagonal, so solves stay accurate.
fn triangular_band<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo, k: usize) -> Mat<T> {
    let scale = T::from_real(<T::Real as RealScalar>::from_f64(0.5 / (k as f64 + 1.0)));
    Mat::from_fn(n, n, |i, j| {
        let inside = match uplo {
            Uplo::Upper => i <= j && j - i <= k,
            Uplo::Lower => i >= j && i - j <= k,
        };
        if !inside {
            T::zero()
        } else if i == j {
            let d: T = data::random_scalar(rng);
            d + T::from_real(<T::Real as RealScalar>::from_f64(2.0))
        } else {
            scale * data::random_scalar::<T>(rng)
        }
    })
}

// ---- BLAS 1 ------------------------------------------------------------

fn level1<T: Scalar>(
    e: &Engine,
    (n, incx, incy): (usize, usize, usize),
    rev: bool,
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let (x0, y0) = (
        vec_of::<T>(&mut rng, n, incx),
        vec_of::<T>(&mut rng, n, incy),
    );
    let (c, s) = (
        <T::Real as RealScalar>::from_f64(0.6),
        <T::Real as RealScalar>::from_f64(0.8),
    );

    // rot (csrot/zdrot on complex vectors), on a reversed x when asked.
    let (mut x, mut y) = (x0.clone(), y0.clone());
    call::<T>(e, Routine::Rot, n > 0, || {
        let xv = if rev { x.as_mut().rev() } else { x.as_mut() };
        e.rot(xv, y.as_mut(), c, s).map_err(fail)?;
        let xr = if rev { x0.as_ref().rev() } else { x0.as_ref() };
        let (ex, ey) = rx::rot(xr, y0.as_ref(), c, s);
        let xg = if rev { x.as_ref().rev() } else { x.as_ref() };
        check::<T>(e, ex.check_vec(xg))?;
        check::<T>(e, ey.check_vec(y.as_ref()))?;
        check::<T>(e, x.check_padding())?;
        check::<T>(e, y.check_padding())
    })?;

    // rscal (csscal/zdscal; scal on real types).
    let alpha = <T::Real as RealScalar>::from_f64(-1.75);
    let mut x = x0.clone();
    call::<T>(e, Routine::Rscal, n > 0, || {
        e.rscal(alpha, x.as_mut()).map_err(fail)?;
        check::<T>(e, rx::scal_real(alpha, x0.as_ref()).check_vec(x.as_ref()))?;
        check::<T>(e, x.check_padding())
    })?;

    // rotg on a pair drawn from the same data.
    if n > 0 {
        let (a0, b0) = (x0.to_vec()[0], y0.to_vec()[0]);
        let (mut a, mut b, mut cc, mut ss) =
            (a0, b0, <T::Real as RealScalar>::from_f64(0.0), T::zero());
        call::<T>(e, Routine::Rotg, true, || {
            e.rotg(&mut a, &mut b, &mut cc, &mut ss).map_err(fail)?;
            let got = [a, b, T::from_real(cc), ss];
            check::<T>(e, rx::rotg(a0, b0).check_vec(VecRef::from_slice(&got)))
        })?;
    }
    Ok(())
}

fn real_level1<T: RealScalar>(
    e: &Engine,
    (n, incx, incy): (usize, usize, usize),
    flag: u8,
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let (x0, y0) = (
        vec_of::<T>(&mut rng, n, incx),
        vec_of::<T>(&mut rng, n, incy),
    );
    let f = |v: f64| T::from_f64(v);
    // Every flag of drotm: −2 (identity), −1 (full H), 0, 1.
    let param = [
        f([-2.0, -1.0, 0.0, 1.0][usize::from(flag % 4)]),
        f(0.5),
        f(-0.25),
        f(0.75),
        f(1.5),
    ];
    let (mut x, mut y) = (x0.clone(), y0.clone());
    call::<T>(e, Routine::Rotm, n > 0, || {
        e.rotm(x.as_mut(), y.as_mut(), &param).map_err(fail)?;
        let (ex, ey) = rx::rotm(x0.as_ref(), y0.as_ref(), param);
        check::<T>(e, ex.check_vec(x.as_ref()))?;
        check::<T>(e, ey.check_vec(y.as_ref()))?;
        check::<T>(e, x.check_padding())?;
        check::<T>(e, y.check_padding())
    })?;

    // rotmg on scalars drawn from the data (d1, d2 ≥ 0 for the usual path).
    let v = data::random_vec::<T>(&mut rng, 4);
    let (d1_0, d2_0, x1_0, y1) = (
        f(v[0].to_f64().abs() + 0.5),
        f(v[1].to_f64().abs() + 0.25),
        v[2],
        v[3],
    );
    let (mut d1, mut d2, mut x1, mut p) = (d1_0, d2_0, x1_0, [T::zero(); 5]);
    call::<T>(e, Routine::Rotmg, true, || {
        e.rotmg(&mut d1, &mut d2, &mut x1, y1, &mut p)
            .map_err(fail)?;
        let want = rx::rotmg(d1_0, d2_0, x1_0, y1, [T::zero(); 5]);
        // rotmg's outputs: d1, d2, x1, flag, then the H entries the flag uses.
        let flag = p[0].to_f64();
        let mut got = [d1, d2, x1, p[0], p[1], p[2], p[3], p[4]];
        let mut want_m = want.clone();
        // Entries a flag leaves implicit are unspecified: compare only the used ones.
        for (k, used) in [
            (4, flag == -1.0 || flag == 1.0),
            (5, flag == -1.0 || flag == 0.0),
            (6, flag == -1.0 || flag == 0.0),
            (7, flag == -1.0 || flag == 1.0),
        ] {
            if !used {
                got[k] = T::zero();
                want_m.value[(k, 0)] = T::zero();
                want_m.bound[(k, 0)] = 0.0;
            }
        }
        check::<T>(e, want_m.check_vec(VecRef::from_slice(&got)))
    })?;

    // sdsdot / dsdot, defined on f32; f64 follows the same contract.
    if T::KIND == linmux::ScalarKind::F32 {
        // T is f32 here: the round trip through f64 is exact.
        #[allow(clippy::cast_possible_truncation, reason = "exact: the values are f32")]
        let narrow = |v: &T| RealScalar::to_f64(*v) as f32;
        let xs: Vec<f32> = x0.to_vec().iter().map(narrow).collect();
        let ys: Vec<f32> = y0.to_vec().iter().map(narrow).collect();
        let (xv, yv) = (VecRef::from_slice(&xs), VecRef::from_slice(&ys));
        call::<f32>(e, Routine::Sdsdot, n > 0, || {
            let got = e.sdsdot(0.25f32, xv, yv).map_err(fail)?;
            check::<f32>(e, rx::sdsdot(0.25, xv, yv).check_scalar(got))
        })?;
        call::<f32>(e, Routine::Dsdot, n > 0, || {
            let got = e.dsdot(xv, yv).map_err(fail)?;
            check::<f32>(e, rx::dsdot(xv, yv).check_scalar(got))
        })?;
    } else {
        call::<T>(e, Routine::Dsdot, n > 0, || {
            let got = e.dsdot(x0.as_ref(), y0.as_ref()).map_err(fail)?;
            check::<T>(
                e,
                reference::dot(x0.as_ref(), y0.as_ref()).check_scalar(T::from_f64(got)),
            )
        })?;
    }
    Ok(())
}

// ---- BLAS 2: banded ----------------------------------------------------

#[allow(clippy::too_many_arguments, reason = "one property's parameters")]
fn banded<T: Scalar>(
    e: &Engine,
    (m, n, kl, ku): (usize, usize, usize, usize),
    (row, pad): (bool, usize),
    t: Trans,
    (uplo, dg): (Uplo, Diag),
    (incx, incy): (usize, usize),
    picks: (u8, u8),
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let ld = kl + ku + 1 + pad;
    // gbmv on an m × n band.
    let a = data::random_mat::<T>(&mut rng, m, n);
    let store = band_storage(&a, kl, ku, ld, order(row));
    let av = band(&store, m, n, kl, ku, ld, row)?;
    let (rows, cols) = t.apply_shape(m, n);
    let x = vec_of::<T>(&mut rng, cols, incx);
    let y0 = vec_of::<T>(&mut rng, rows, incy);
    let (alpha, beta) = (coef::<T>(&mut rng, picks.0), coef::<T>(&mut rng, picks.1));
    let mut y = if beta == T::zero() {
        TestVec::from_fn(rows, incy, |_| data::nan())
    } else {
        y0.clone()
    };
    let y_in = y.clone();
    call::<T>(
        e,
        Routine::Gbmv,
        rows > 0 && cols > 0 && alpha != T::zero(),
        || {
            e.gbmv(t, alpha, av, x.as_ref(), beta, y.as_mut())
                .map_err(fail)?;
            let want = rx::gbmv(t, alpha, av, x.as_ref(), beta, y_in.as_ref());
            check::<T>(e, want.check_vec(y.as_ref()))?;
            check::<T>(e, y.check_padding())
        },
    )?;

    // hbmv / tbmv / tbsv on a square band of order m, band k = kl or ku.
    let k = match uplo {
        Uplo::Upper => ku,
        Uplo::Lower => kl,
    };
    let h = data::random_hermitian::<T>(&mut rng, m);
    let hs = band_storage(&h, kl, ku, ld, order(row));
    let hv = band(&hs, m, m, kl, ku, ld, row)?;
    let xh = vec_of::<T>(&mut rng, m, incx);
    let mut y = if beta == T::zero() {
        TestVec::from_fn(m, incy, |_| data::nan())
    } else {
        vec_of::<T>(&mut rng, m, incy)
    };
    let y_in = y.clone();
    call::<T>(e, Routine::Hbmv, m > 0 && alpha != T::zero(), || {
        e.hbmv(uplo, alpha, hv, xh.as_ref(), beta, y.as_mut())
            .map_err(fail)?;
        check::<T>(
            e,
            rx::hbmv(uplo, alpha, hv, xh.as_ref(), beta, y_in.as_ref()).check_vec(y.as_ref()),
        )?;
        check::<T>(e, y.check_padding())
    })?;

    let tri = triangular_band::<T>(&mut rng, m, uplo, k);
    let ts = band_storage(&tri, kl, ku, ld, order(row));
    let tv = band(&ts, m, m, kl, ku, ld, row)?;
    let x0 = vec_of::<T>(&mut rng, m, incx);
    let mut xm = x0.clone();
    call::<T>(e, Routine::Tbmv, m > 0, || {
        e.tbmv(uplo, t, dg, tv, xm.as_mut()).map_err(fail)?;
        check::<T>(
            e,
            rx::tbmv(uplo, t, dg, tv, x0.as_ref()).check_vec(xm.as_ref()),
        )?;
        check::<T>(e, xm.check_padding())
    })?;
    let mut xs = x0.clone();
    call::<T>(e, Routine::Tbsv, m > 0, || {
        e.tbsv(uplo, t, dg, tv, xs.as_mut()).map_err(fail)?;
        check::<T>(
            e,
            rx::tbsv(uplo, t, dg, tv, x0.as_ref()).check_vec(xs.as_ref()),
        )?;
        check::<T>(e, xs.check_padding())
    })?;
    Ok(())
}

// ---- BLAS 2: packed ----------------------------------------------------

#[allow(clippy::too_many_arguments, reason = "one property's parameters")]
fn packed_ops<T: Scalar>(
    e: &Engine,
    n: usize,
    row: bool,
    t: Trans,
    (uplo, dg): (Uplo, Diag),
    (incx, incy): (usize, usize),
    picks: (u8, u8),
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let (alpha, beta) = (coef::<T>(&mut rng, picks.0), coef::<T>(&mut rng, picks.1));
    let h = data::random_hermitian::<T>(&mut rng, n);
    let hs = packed_storage(&h, uplo, order(row));
    let hv = packed(&hs, n, uplo, row)?;
    let x = vec_of::<T>(&mut rng, n, incx);
    let mut y = if beta == T::zero() {
        TestVec::from_fn(n, incy, |_| data::nan())
    } else {
        vec_of::<T>(&mut rng, n, incy)
    };
    let y_in = y.clone();
    call::<T>(e, Routine::Hpmv, n > 0 && alpha != T::zero(), || {
        e.hpmv(alpha, hv, x.as_ref(), beta, y.as_mut())
            .map_err(fail)?;
        check::<T>(
            e,
            rx::hpmv(alpha, hv, x.as_ref(), beta, y_in.as_ref()).check_vec(y.as_ref()),
        )?;
        check::<T>(e, y.check_padding())
    })?;

    let tri = triangular_band::<T>(&mut rng, n, uplo, n);
    let ts = packed_storage(&tri, uplo, order(row));
    let tv = packed(&ts, n, uplo, row)?;
    let x0 = vec_of::<T>(&mut rng, n, incx);
    let mut xm = x0.clone();
    call::<T>(e, Routine::Tpmv, n > 0, || {
        e.tpmv(t, dg, tv, xm.as_mut()).map_err(fail)?;
        check::<T>(e, rx::tpmv(t, dg, tv, x0.as_ref()).check_vec(xm.as_ref()))?;
        check::<T>(e, xm.check_padding())
    })?;
    let mut xs = x0.clone();
    call::<T>(e, Routine::Tpsv, n > 0, || {
        e.tpsv(t, dg, tv, xs.as_mut()).map_err(fail)?;
        check::<T>(e, rx::tpsv(t, dg, tv, x0.as_ref()).check_vec(xs.as_ref()))?;
        check::<T>(e, xs.check_padding())
    })?;

    // hpr / hpr2 (spr / spr2 on real types).
    let xr = vec_of::<T>(&mut rng, n, incx);
    let yr = vec_of::<T>(&mut rng, n, incy);
    let ar = alpha.re();
    let mut ap = hs.clone();
    call::<T>(
        e,
        Routine::Hpr,
        n > 0 && ar != <T::Real as RealScalar>::from_f64(0.0),
        || {
            e.hpr(ar, xr.as_ref(), packed_mut(&mut ap, n, uplo, row)?)
                .map_err(fail)?;
            let want = rx::hpr(ar, xr.as_ref(), hv);
            check::<T>(
                e,
                want.check_mat(rx::packed_to_mat(packed(&ap, n, uplo, row)?).as_ref()),
            )
        },
    )?;
    let mut ap = hs.clone();
    call::<T>(e, Routine::Hpr2, n > 0 && alpha != T::zero(), || {
        e.hpr2(
            alpha,
            xr.as_ref(),
            yr.as_ref(),
            packed_mut(&mut ap, n, uplo, row)?,
        )
        .map_err(fail)?;
        let want = rx::hpr2(alpha, xr.as_ref(), yr.as_ref(), hv);
        check::<T>(
            e,
            want.check_mat(rx::packed_to_mat(packed(&ap, n, uplo, row)?).as_ref()),
        )
    })?;
    Ok(())
}

// ---- BLAS 2: rank updates on full storage --------------------------------

fn rank_updates<T: Scalar>(
    e: &Engine,
    n: usize,
    layout: linmux_testkit::Layout,
    uplo: Uplo,
    (incx, incy): (usize, usize),
    pick: u8,
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let alpha = coef::<T>(&mut rng, pick);
    let a0 = data::random_hermitian::<T>(&mut rng, n);
    let x = vec_of::<T>(&mut rng, n, incx);
    let y = vec_of::<T>(&mut rng, n, incy);
    let start = linmux_testkit::TestMat::from_mat(&a0, layout);

    let ar = alpha.re();
    let mut a = start.clone();
    call::<T>(
        e,
        Routine::Her,
        n > 0 && ar != <T::Real as RealScalar>::from_f64(0.0),
        || {
            e.her(uplo, ar, x.as_ref(), a.as_mut()).map_err(fail)?;
            check::<T>(
                e,
                rx::her(uplo, ar, x.as_ref(), start.as_ref()).check_mat(a.as_ref()),
            )?;
            check::<T>(e, a.check_padding())
        },
    )?;
    let mut a = start.clone();
    call::<T>(e, Routine::Her2, n > 0 && alpha != T::zero(), || {
        e.her2(uplo, alpha, x.as_ref(), y.as_ref(), a.as_mut())
            .map_err(fail)?;
        check::<T>(
            e,
            rx::her2(uplo, alpha, x.as_ref(), y.as_ref(), start.as_ref()).check_mat(a.as_ref()),
        )?;
        check::<T>(e, a.check_padding())
    })?;
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rotations_and_real_scaling_match_reference(
        // n reaches past 32, where OpenBLAS 0.3.21's dsdot kernel lost precision.
        n in 0usize..40, incs in (1usize..=3, 1usize..=3), rev in any::<bool>(), flag in any::<u8>(), seed in seed(),
    ) {
        for_all!(level1((n, incs.0, incs.1), rev, seed));
        for_real!(real_level1((n, incs.0, incs.1), flag, seed));
    }

    #[test]
    fn banded_blas2_matches_reference(
        shape in (0usize..24, 0usize..24, 0usize..6, 0usize..6), storage in (any::<bool>(), 0usize..3),
        t in trans(), flags in (uplo(), diag()), incs in (1usize..=2, 1usize..=2), picks in any::<(u8, u8)>(), seed in seed(),
    ) {
        for_all!(banded(shape, storage, t, flags, incs, picks, seed));
    }

    #[test]
    fn packed_blas2_matches_reference(
        n in 0usize..24, row in any::<bool>(), t in trans(), flags in (uplo(), diag()),
        incs in (1usize..=2, 1usize..=2), picks in any::<(u8, u8)>(), seed in seed(),
    ) {
        for_all!(packed_ops(n, row, t, flags, incs, picks, seed));
    }

    #[test]
    fn rank_updates_match_reference(
        n in 0usize..24, layout in linmux_testkit::strategies::layout(), u in uplo(),
        incs in (1usize..=2, 1usize..=2), pick in any::<u8>(), seed in seed(),
    ) {
        for_all!(rank_updates(n, layout, u, incs, pick, seed));
    }
}

/// Sizes past the vendors' small-problem paths: one deterministic case each.
/// The reference triangular solves are O(n³), which bounds n here.
#[test]
fn banded_and_packed_at_larger_sizes() {
    let run = || -> Check {
        for_all!(banded(
            (150, 140, 7, 11),
            (false, 1),
            Trans::No,
            (Uplo::Lower, Diag::NonUnit),
            (1, 1),
            (2, 3),
            7
        ));
        for_all!(banded(
            (129, 129, 3, 0),
            (true, 0),
            Trans::ConjTrans,
            (Uplo::Upper, Diag::Unit),
            (2, 1),
            (2, 2),
            8
        ));
        for_all!(packed_ops(
            130,
            true,
            Trans::Trans,
            (Uplo::Upper, Diag::NonUnit),
            (1, 2),
            (3, 2),
            9
        ));
        for_all!(rank_updates(
            130,
            linmux_testkit::Layout::Padded { extra: 2 },
            Uplo::Lower,
            (1, 1),
            2,
            10
        ));
        Ok(())
    };
    if let Err(e) = run() {
        panic!("{e}");
    }
}
